//! JPEG (baseline and progressive) with `jpeg-decoder`, the decoder the PDF crate links too.

use jpeg_decoder::{Decoder, PixelFormat};

use super::{image, to_gray, Budget, DEFAULT_DPI};
use crate::error::ScanError;
use crate::raster::{Dpi, GrayImage};

/// Decodes a JPEG to grey. `dpi` overrides the file's own density (a PDF knows the size it
/// draws the image at).
pub(crate) fn decode(
    bytes: &[u8],
    dpi: Option<Dpi>,
    budget: &mut Budget,
) -> Result<GrayImage, ScanError> {
    let mut decoder = Decoder::new(bytes);
    decoder
        .read_info()
        .map_err(|_| ScanError::Damaged("the JPEG header cannot be read"))?;
    let info = decoder
        .info()
        .ok_or(ScanError::Damaged("the JPEG header cannot be read"))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    budget.reserve(w.into(), h.into())?;
    let channels = match info.pixel_format {
        PixelFormat::L8 => 1,
        PixelFormat::L16 => 2,
        PixelFormat::RGB24 => 3,
        PixelFormat::CMYK32 => 4,
    };
    decoder.set_max_decoding_buffer_size(w as usize * h as usize * channels);
    let samples = decoder
        .decode()
        .map_err(|_| ScanError::Damaged("the JPEG data cannot be decoded"))?;
    let gray = match info.pixel_format {
        // Big-endian 16-bit grey: keep the high byte.
        PixelFormat::L16 => samples.chunks_exact(2).map(|p| p[0]).collect(),
        PixelFormat::CMYK32 => to_gray(&samples, 4, true),
        _ => to_gray(&samples, channels, false),
    };
    let dpi = dpi
        .or_else(|| jfif_density(bytes))
        .unwrap_or(Dpi::square(DEFAULT_DPI));
    Ok(image(gray, w, h, dpi))
}

/// The pixel density of a JFIF `APP0` segment (dots per inch or per cm), if it gives one.
fn jfif_density(bytes: &[u8]) -> Option<Dpi> {
    let app0 = bytes.get(2..20)?;
    if app0[0] != 0xFF || app0[1] != 0xE0 || &app0[4..9] != b"JFIF\0" {
        return None;
    }
    let unit = app0[11];
    let x = f32::from(u16::from_be_bytes([app0[12], app0[13]]));
    let y = f32::from(u16::from_be_bytes([app0[14], app0[15]]));
    let scale = match unit {
        1 => 1.0,
        2 => 2.54,
        _ => return None,
    };
    (x > 0.0 && y > 0.0).then_some(Dpi {
        x: x * scale,
        y: y * scale,
    })
}
