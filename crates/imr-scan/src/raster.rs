//! A page image: 8-bit grey samples, row by row, and the resolution it was scanned at.

/// Samples per inch, across and down (a fax is 204 x 196).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dpi {
    /// Horizontal resolution.
    pub x: f32,
    /// Vertical resolution.
    pub y: f32,
}

impl Dpi {
    /// The same resolution both ways.
    pub const fn square(dpi: f32) -> Self {
        Dpi { x: dpi, y: dpi }
    }

    /// Lowest and highest resolutions believed from a file; outside them (a wrong or hostile
    /// header) `fallback` is used instead.
    pub const PLAUSIBLE: (f32, f32) = (50.0, 2400.0);

    /// This resolution if both values are plausible, else `fallback`.
    pub fn or_if_implausible(self, fallback: Dpi) -> Dpi {
        let ok = |v: f32| (Self::PLAUSIBLE.0..=Self::PLAUSIBLE.1).contains(&v);
        if ok(self.x) && ok(self.y) {
            self
        } else {
            fallback
        }
    }
}

/// A grey page image: `pixels[y * width + x]`, 0 black, 255 white.
#[derive(Clone, PartialEq)]
pub struct GrayImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Resolution it was scanned at (from the file; 200 when the file does not say).
    pub dpi: Dpi,
    /// One byte a pixel.
    pub pixels: Vec<u8>,
}

impl GrayImage {
    /// A white image.
    pub fn white(width: u32, height: u32, dpi: Dpi) -> Self {
        GrayImage {
            width,
            height,
            dpi,
            pixels: vec![255; width as usize * height as usize],
        }
    }

    /// The sample at (x, y).
    pub fn get(&self, x: u32, y: u32) -> u8 {
        self.pixels[y as usize * self.width as usize + x as usize]
    }

    /// One row of samples.
    pub fn row(&self, y: u32) -> &[u8] {
        let w = self.width as usize;
        &self.pixels[y as usize * w..(y as usize + 1) * w]
    }

    /// The part of the image at `x, y` of `width` x `height` (clipped to the image).
    pub fn crop(&self, x: u32, y: u32, width: u32, height: u32) -> GrayImage {
        let x = x.min(self.width);
        let y = y.min(self.height);
        let w = width.min(self.width - x);
        let h = height.min(self.height - y);
        let mut pixels = Vec::with_capacity(w as usize * h as usize);
        for row in y..y + h {
            pixels.extend_from_slice(&self.row(row)[x as usize..(x + w) as usize]);
        }
        GrayImage {
            width: w,
            height: h,
            dpi: self.dpi,
            pixels,
        }
    }

    /// The image as a binary PGM (`P5`) file: what Tesseract and most tools read.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }
}

impl std::fmt::Debug for GrayImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GrayImage")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("dpi", &self.dpi)
            .finish_non_exhaustive()
    }
}
