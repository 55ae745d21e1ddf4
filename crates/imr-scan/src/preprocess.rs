//! Making a page image easier to read: scaled to the engine's best resolution, straightened,
//! and (optionally) reduced to black and white. Which of these help was measured on the scanned
//! letters (BENCHMARKS.md); [`Prep::default`] is the best combination found.

use crate::raster::{Dpi, GrayImage};

/// What to do to a page image before OCR.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prep {
    /// Resample to this resolution both ways (0: keep the image's own).
    pub target_dpi: f32,
    /// Straighten a page turned by up to [`MAX_SKEW_DEGREES`].
    pub deskew: bool,
    /// Reduce to black and white with Otsu's threshold.
    pub binarize: bool,
}

impl Default for Prep {
    fn default() -> Self {
        Prep {
            target_dpi: 300.0,
            deskew: true,
            binarize: false,
        }
    }
}

/// Most pixels a prepared page may have: resampling never goes past it, whatever resolution
/// the image claims (a letter page at 300 dpi is 8.4 million).
pub const MAX_PREPARED_PIXELS: u64 = 50_000_000;

/// Largest skew searched for, in degrees either way.
pub const MAX_SKEW_DEGREES: f32 = 3.0;
/// Skews smaller than this are left alone (turning costs sharpness).
pub const MIN_SKEW_DEGREES: f32 = 0.15;

/// The image made ready for the engine, and the skew that was removed (see [`skew_angle`];
/// 0 when none).
pub fn prepare(img: &GrayImage, prep: &Prep) -> (GrayImage, f32) {
    let mut out = if prep.target_dpi > 0.0
        && ((img.dpi.x - prep.target_dpi).abs() > 1.0 || (img.dpi.y - prep.target_dpi).abs() > 1.0)
    {
        resample(img, Dpi::square(prep.target_dpi))
    } else {
        img.clone()
    };
    let mut angle = 0.0;
    if prep.deskew {
        angle = skew_angle(&out);
        if angle.abs() >= MIN_SKEW_DEGREES {
            out = rotate(&out, angle);
        } else {
            angle = 0.0;
        }
    }
    if prep.binarize {
        let t = otsu(&out.pixels);
        out.pixels
            .iter_mut()
            .for_each(|p| *p = if *p > t { 255 } else { 0 });
    }
    (out, angle)
}

/// The size and resolution [`resample`] gives `img` for `dpi`: `dpi`, or less when that would
/// pass [`MAX_PREPARED_PIXELS`].
pub fn resampled_size(img: &GrayImage, dpi: Dpi) -> (u32, u32, Dpi) {
    let mut sx = dpi.x / img.dpi.x.max(1.0);
    let mut sy = dpi.y / img.dpi.y.max(1.0);
    let pixels = f64::from(img.width) * f64::from(sx) * f64::from(img.height) * f64::from(sy);
    let capped = pixels > MAX_PREPARED_PIXELS as f64;
    if capped {
        let f = (MAX_PREPARED_PIXELS as f64 / pixels).sqrt() as f32;
        sx *= f;
        sy *= f;
    }
    // Rounded, except under the cap, which must hold.
    let size = |v: u32, s: f32| {
        let v = v as f32 * s;
        (if capped { v.floor() } else { v.round() } as u32).max(1)
    };
    let (w, h) = (size(img.width, sx), size(img.height, sy));
    let dpi = Dpi {
        x: img.dpi.x * sx,
        y: img.dpi.y * sy,
    };
    (w, h, dpi)
}

/// Resamples to `dpi` (bilinear; an area average first when shrinking by more than half),
/// or to less when that would pass [`MAX_PREPARED_PIXELS`].
pub fn resample(img: &GrayImage, dpi: Dpi) -> GrayImage {
    let (w, h, dpi) = resampled_size(img, dpi);
    let (sx, sy) = (w as f32 / img.width as f32, h as f32 / img.height as f32);
    let src = if sx < 0.5 || sy < 0.5 {
        let fx = (1.0 / sx).floor().max(1.0) as u32;
        let fy = (1.0 / sy).floor().max(1.0) as u32;
        shrink(img, fx, fy)
    } else {
        img.clone()
    };
    let (rx, ry) = (src.width as f32 / w as f32, src.height as f32 / h as f32);
    let mut pixels = Vec::with_capacity(w as usize * h as usize);
    let (sw, sh) = (src.width as usize, src.height as usize);
    for y in 0..h {
        let fy = ((y as f32 + 0.5) * ry - 0.5).max(0.0);
        let y0 = (fy as usize).min(sh - 1);
        let y1 = (y0 + 1).min(sh - 1);
        let ty = fy - y0 as f32;
        let (r0, r1) = (
            &src.pixels[y0 * sw..(y0 + 1) * sw],
            &src.pixels[y1 * sw..(y1 + 1) * sw],
        );
        for x in 0..w {
            let fx = ((x as f32 + 0.5) * rx - 0.5).max(0.0);
            let x0 = (fx as usize).min(sw - 1);
            let x1 = (x0 + 1).min(sw - 1);
            let tx = fx - x0 as f32;
            let top = f32::from(r0[x0]) * (1.0 - tx) + f32::from(r0[x1]) * tx;
            let bottom = f32::from(r1[x0]) * (1.0 - tx) + f32::from(r1[x1]) * tx;
            pixels.push((top * (1.0 - ty) + bottom * ty).round() as u8);
        }
    }
    GrayImage {
        width: w,
        height: h,
        dpi,
        pixels,
    }
}

/// Averages blocks of `fx` x `fy` pixels (blocks of one pixel: the image as it is).
pub fn shrink(img: &GrayImage, fx: u32, fy: u32) -> GrayImage {
    if fx <= 1 && fy <= 1 {
        return img.clone();
    }
    let (w, h) = ((img.width / fx).max(1), (img.height / fy).max(1));
    let mut pixels = Vec::with_capacity(w as usize * h as usize);
    for y in 0..h {
        for x in 0..w {
            let mut sum = 0u32;
            for yy in y * fy..((y + 1) * fy).min(img.height) {
                let row = img.row(yy);
                for xx in x * fx..((x + 1) * fx).min(img.width) {
                    sum += u32::from(row[xx as usize]);
                }
            }
            pixels.push((sum / (fx * fy)) as u8);
        }
    }
    GrayImage {
        width: w,
        height: h,
        dpi: Dpi {
            x: img.dpi.x / fx as f32,
            y: img.dpi.y / fy as f32,
        },
        pixels,
    }
}

/// Otsu's threshold: the grey level that best splits the histogram in two.
pub fn otsu(pixels: &[u8]) -> u8 {
    let mut hist = [0u64; 256];
    for &p in pixels {
        hist[p as usize] += 1;
    }
    let total = pixels.len() as f64;
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut w0, mut sum0, mut best, mut best_t) = (0.0, 0.0, -1.0, 127u8);
    for (t, &c) in hist.iter().enumerate() {
        w0 += c as f64;
        if w0 == 0.0 {
            continue;
        }
        let w1 = total - w0;
        if w1 == 0.0 {
            break;
        }
        sum0 += t as f64 * c as f64;
        let (m0, m1) = (sum0 / w0, (sum_all - sum0) / w1);
        let between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t
}

/// The page's skew: the angle in degrees by which its lines of text fall to the right (as seen:
/// positive when the page is turned clockwise). Found by projecting the dark pixels of a reduced
/// copy along slanted rows and keeping the slant whose profile is sharpest.
pub fn skew_angle(img: &GrayImage) -> f32 {
    // About 100 dpi is enough to see lines of text.
    let f = (img.dpi.x.min(img.dpi.y) / 100.0).floor().max(1.0) as u32;
    let small = shrink(img, f, f);
    let t = otsu(&small.pixels);
    let mut dark = Vec::new();
    for y in 0..small.height {
        for (x, &p) in small.row(y).iter().enumerate() {
            if p <= t {
                dark.push((x as f32, y as f32));
            }
        }
    }
    // A blank page, or one that is mostly dark: nothing to measure.
    let n = (small.width * small.height) as usize;
    if dark.len() < 200 || dark.len() > n / 2 {
        return 0.0;
    }
    let bins = (small.height + small.width) as usize * 2 + 2;
    let mut profile = vec![0f32; bins];
    // Each point is shared between its two nearest rows, so that no angle gains from rounding.
    let score = |deg: f32, profile: &mut Vec<f32>| -> f64 {
        profile.iter_mut().for_each(|c| *c = 0.0);
        let (s, c) = deg.to_radians().sin_cos();
        let offset = small.width as f32;
        for &(x, y) in &dark {
            let r = y * c + x * s + offset;
            let (i, frac) = (r as usize, r.fract());
            if i + 1 < profile.len() {
                profile[i] += 1.0 - frac;
                profile[i + 1] += frac;
            }
        }
        profile.iter().map(|&v| f64::from(v) * f64::from(v)).sum()
    };
    // Angles nearest `center` first, so that a tie keeps the smaller turn.
    let search = |center: f32, half: f32, step: f32, profile: &mut Vec<f32>| {
        let (mut best, mut best_deg) = (f64::MIN, center);
        let n = (half / step).round() as i32;
        for k in (0..=n).flat_map(|k| if k == 0 { vec![0] } else { vec![k, -k] }) {
            let deg = center + k as f32 * step;
            let s = score(deg, profile);
            if s > best {
                best = s;
                best_deg = deg;
            }
        }
        best_deg
    };
    let coarse = search(0.0, MAX_SKEW_DEGREES, 0.25, &mut profile);
    let fine = search(coarse, 0.25, 0.05, &mut profile);
    // Rows `y cos + x sin` are level along lines that fall at minus that angle.
    -fine
}

/// Turns the image about its centre so that lines falling to the right by `degrees` become
/// level (counter-clockwise as seen, for positive `degrees`); same size, white where nothing was.
pub fn rotate(img: &GrayImage, degrees: f32) -> GrayImage {
    let (s, c) = degrees.to_radians().sin_cos();
    let (w, h) = (img.width as usize, img.height as usize);
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let mut pixels = vec![255u8; w * h];
    for y in 0..h {
        let dy = y as f32 + 0.5 - cy;
        for x in 0..w {
            let dx = x as f32 + 0.5 - cx;
            // Where this output pixel comes from: the inverse turn.
            let sx = dx * c - dy * s + cx - 0.5;
            let sy = dx * s + dy * c + cy - 0.5;
            if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f32 || sy >= (h - 1) as f32 {
                continue;
            }
            let (x0, y0) = (sx as usize, sy as usize);
            let (tx, ty) = (sx - x0 as f32, sy - y0 as f32);
            let p = |xx: usize, yy: usize| f32::from(img.pixels[yy * w + xx]);
            let top = p(x0, y0) * (1.0 - tx) + p(x0 + 1, y0) * tx;
            let bottom = p(x0, y0 + 1) * (1.0 - tx) + p(x0 + 1, y0 + 1) * tx;
            pixels[y * w + x] = (top * (1.0 - ty) + bottom * ty).round() as u8;
        }
    }
    GrayImage {
        width: img.width,
        height: img.height,
        dpi: img.dpi,
        pixels,
    }
}
