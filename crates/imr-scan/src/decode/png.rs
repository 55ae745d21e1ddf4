//! PNG with the `png` crate: any colour type, to 8-bit grey.

use std::io::Cursor;

use png::{BitDepth, ColorType, Transformations, Unit};

use super::{image, to_gray, Budget, DEFAULT_DPI};
use crate::error::ScanError;
use crate::raster::{Dpi, GrayImage};

pub(crate) fn decode(bytes: &[u8], budget: &mut Budget) -> Result<GrayImage, ScanError> {
    let limit = budget.limits().max_pixels.saturating_mul(4);
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: usize::try_from(limit).unwrap_or(usize::MAX),
        },
    );
    decoder.set_transformations(Transformations::EXPAND | Transformations::STRIP_16);
    let header = decoder
        .read_header_info()
        .map_err(|_| ScanError::Damaged("the PNG header cannot be read"))?;
    let (w, h) = (header.width, header.height);
    budget.reserve(w.into(), h.into())?;
    let mut reader = decoder
        .read_info()
        .map_err(|_| ScanError::Damaged("the PNG header cannot be read"))?;
    let dpi = reader
        .info()
        .pixel_dims
        .filter(|d| d.unit == Unit::Meter && d.xppu > 0 && d.yppu > 0)
        .map_or(Dpi::square(DEFAULT_DPI), |d| Dpi {
            x: (d.xppu as f32 * 0.0254).round(),
            y: (d.yppu as f32 * 0.0254).round(),
        });
    let size = reader
        .output_buffer_size()
        .ok_or(ScanError::Damaged("the PNG is too large"))?;
    let mut buf = vec![0; size];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|_| ScanError::Damaged("the PNG data cannot be decoded"))?;
    buf.truncate(frame.buffer_size());
    let channels = match frame.color_type {
        ColorType::Grayscale => 1,
        ColorType::GrayscaleAlpha => 2,
        ColorType::Rgb => 3,
        ColorType::Rgba => 4,
        ColorType::Indexed => return Err(ScanError::Unsupported("a PNG palette")),
    };
    let gray = if frame.bit_depth == BitDepth::Eight {
        to_gray(&buf, channels, false)
    } else {
        // EXPAND makes grey below 8 bits 8 bits; anything else is unexpected.
        return Err(ScanError::Unsupported("a PNG sample size"));
    };
    Ok(image(gray, w, h, dpi))
}
