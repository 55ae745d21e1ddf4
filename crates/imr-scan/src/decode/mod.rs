//! From a file's bytes to page images: the format is told by content, each codec decodes to
//! 8-bit grey, and every image is checked against the [`Limits`] before its pixels are decoded.

mod fax;
mod flate;
mod jpeg;
mod pdf;
mod png;
mod tiff;

use crate::error::{ScanError, ScanWarning};
use crate::limits::Limits;
use crate::raster::{Dpi, GrayImage};
use crate::sniff::{sniff, FileKind};

pub(crate) use fax::decode_g4;

/// Resolution assumed when a file does not give one.
pub const DEFAULT_DPI: f32 = 200.0;

/// A file read as pages.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanDocument {
    /// What the file is.
    pub kind: FileKind,
    /// Pages in order.
    pub pages: Vec<ScanPage>,
    /// What went wrong without stopping the reading.
    pub warnings: Vec<ScanWarning>,
}

impl ScanDocument {
    /// Number of pages that need OCR.
    pub fn image_pages(&self) -> usize {
        self.pages
            .iter()
            .filter(|p| matches!(p, ScanPage::Image(_)))
            .count()
    }
}

/// One page: its text layer (a PDF page that has one), or its image to recognise.
#[derive(Debug, Clone, PartialEq)]
pub enum ScanPage {
    /// Text from the PDF's text layer (lines joined with `\n`).
    Text(String),
    /// The page's image, to recognise.
    Image(GrayImage),
}

/// Reads a PDF, PNG, JPEG or TIFF file (told apart by content) into pages.
///
/// A PDF page with a text layer keeps its text; a page without one gives its image (the
/// largest one drawn on it). Image files give one page per image (multi-page TIFF too).
pub fn read(bytes: &[u8], limits: &Limits) -> Result<ScanDocument, ScanError> {
    if bytes.is_empty() {
        return Err(ScanError::Empty);
    }
    let kind = sniff(bytes);
    let mut budget = Budget::new(*limits);
    let mut warnings = Vec::new();
    let pages = match kind {
        FileKind::Pdf => pdf::read(bytes, &mut budget, &mut warnings)?,
        FileKind::Png => vec![ScanPage::Image(png::decode(bytes, &mut budget)?)],
        FileKind::Jpeg => vec![ScanPage::Image(jpeg::decode(bytes, None, &mut budget)?)],
        FileKind::Tiff => tiff::decode(bytes, &mut budget)?
            .into_iter()
            .map(ScanPage::Image)
            .collect(),
        FileKind::Unknown => return Err(ScanError::UnknownFormat),
    };
    Ok(ScanDocument {
        kind,
        pages,
        warnings,
    })
}

/// What one file may still decode: pixels per image, bytes in all, pages.
pub(crate) struct Budget {
    limits: Limits,
    decoded: u64,
    pages: usize,
}

impl Budget {
    pub(crate) fn new(limits: Limits) -> Self {
        Budget {
            limits,
            decoded: 0,
            pages: 0,
        }
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Checks one image of `width` x `height` before it is decoded, and counts it.
    pub(crate) fn reserve(&mut self, width: u64, height: u64) -> Result<(), ScanError> {
        if width == 0 || height == 0 {
            return Err(ScanError::Damaged("an image without pixels"));
        }
        let pixels = width.saturating_mul(height);
        if pixels > self.limits.max_pixels {
            return Err(ScanError::TooManyPixels {
                width,
                height,
                limit: self.limits.max_pixels,
            });
        }
        if self.decoded.saturating_add(pixels) > self.limits.max_decoded_bytes {
            return Err(ScanError::TooManyBytes {
                limit: self.limits.max_decoded_bytes,
            });
        }
        self.page()?;
        self.decoded += pixels;
        Ok(())
    }

    /// Counts one page (a text page of a PDF too).
    pub(crate) fn page(&mut self) -> Result<(), ScanError> {
        self.pages += 1;
        if self.pages > self.limits.max_pages {
            return Err(ScanError::TooManyPages {
                limit: self.limits.max_pages,
            });
        }
        Ok(())
    }
}

/// Grey from interleaved 8-bit samples of `channels` components (1 grey, 2 grey + alpha,
/// 3 RGB, 4 RGBA, or CMYK when `cmyk`), Rec. 601 luma.
pub(crate) fn to_gray(samples: &[u8], channels: usize, cmyk: bool) -> Vec<u8> {
    match (channels, cmyk) {
        (1, _) => samples.to_vec(),
        (2, _) => samples.chunks_exact(2).map(|p| p[0]).collect(),
        (4, true) => samples
            .chunks_exact(4)
            .map(|p| {
                let k = 255 - u32::from(p[3]);
                let rgb = [p[0], p[1], p[2]].map(|c| (255 - u32::from(c)) * k / 255);
                luma(rgb[0], rgb[1], rgb[2])
            })
            .collect(),
        (n, _) => samples
            .chunks_exact(n)
            .map(|p| luma(p[0].into(), p[1].into(), p[2].into()))
            .collect(),
    }
}

fn luma(r: u32, g: u32, b: u32) -> u8 {
    ((299 * r + 587 * g + 114 * b + 500) / 1000) as u8
}

/// 1-bit rows (most significant bit first, each row padded to a byte) to grey: a set bit is
/// `one`, a clear bit the other extreme.
pub(crate) fn unpack_bits(packed: &[u8], width: u32, height: u32, one: u8) -> Vec<u8> {
    let stride = (width as usize).div_ceil(8);
    let zero = 255 - one;
    let mut out = Vec::with_capacity(width as usize * height as usize);
    for row in packed.chunks(stride).take(height as usize) {
        for x in 0..width as usize {
            let bit = row.get(x / 8).is_some_and(|b| b & (0x80 >> (x % 8)) != 0);
            out.push(if bit { one } else { zero });
        }
    }
    out.resize(width as usize * height as usize, 255);
    out
}

/// Samples of `bits` (1, 2, 4, 8 or 16) per component to 8 bits, rows padded to bytes.
pub(crate) fn to_8_bits(
    data: &[u8],
    width: u32,
    height: u32,
    components: usize,
    bits: u8,
) -> Result<Vec<u8>, ScanError> {
    let per_row = width as usize * components;
    match bits {
        8 => Ok(data.to_vec()),
        16 => Ok(data.chunks_exact(2).map(|p| p[0]).collect()),
        1 | 2 | 4 => {
            let bits = usize::from(bits);
            let stride = (per_row * bits).div_ceil(8);
            let max = (1u16 << bits) - 1;
            let mut out = Vec::with_capacity(per_row * height as usize);
            for row in data.chunks(stride).take(height as usize) {
                for i in 0..per_row {
                    let bit = i * bits;
                    let byte = row.get(bit / 8).copied().unwrap_or(0xff);
                    let v = (u16::from(byte) >> (8 - bits - bit % 8)) & max;
                    out.push((v * 255 / max) as u8);
                }
            }
            Ok(out)
        }
        _ => Err(ScanError::Unsupported(
            "a sample size other than 1, 2, 4, 8 or 16 bits",
        )),
    }
}

/// Fits decoded grey samples to exactly `width` x `height` (damaged data may be short).
pub(crate) fn image(mut pixels: Vec<u8>, width: u32, height: u32, dpi: Dpi) -> GrayImage {
    pixels.resize(width as usize * height as usize, 255);
    GrayImage {
        width,
        height,
        dpi: dpi.or_if_implausible(Dpi::square(DEFAULT_DPI)),
        pixels,
    }
}
