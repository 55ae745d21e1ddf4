//! TIFF with the `tiff` crate (Group 4 fax, LZW, Deflate, PackBits or none), every image of a
//! multi-page file.

use std::io::Cursor;

use ::tiff::decoder::ifd::Value;
use ::tiff::decoder::{Decoder, DecodingResult, Limits as TiffLimits};
use ::tiff::tags::Tag;
use ::tiff::ColorType;

use super::{image, to_8_bits, to_gray, unpack_bits, Budget, DEFAULT_DPI};
use crate::error::ScanError;
use crate::raster::{Dpi, GrayImage};

pub(crate) fn decode(bytes: &[u8], budget: &mut Budget) -> Result<Vec<GrayImage>, ScanError> {
    let mut limits = TiffLimits::default();
    let max = usize::try_from(budget.limits().max_pixels.saturating_mul(4)).unwrap_or(usize::MAX);
    limits.decoding_buffer_size = max;
    limits.intermediate_buffer_size = max;
    let mut decoder = Decoder::new(Cursor::new(bytes))
        .map_err(|e| damaged(&e))?
        .with_limits(limits);
    let mut pages = Vec::new();
    loop {
        pages.push(page(&mut decoder, budget)?);
        if !decoder.more_images() {
            break;
        }
        decoder.next_image().map_err(|e| damaged(&e))?;
    }
    Ok(pages)
}

fn page(decoder: &mut Decoder<Cursor<&[u8]>>, budget: &mut Budget) -> Result<GrayImage, ScanError> {
    let (w, h) = decoder.dimensions().map_err(|e| damaged(&e))?;
    budget.reserve(w.into(), h.into())?;
    let color = decoder.colortype().map_err(|e| damaged(&e))?;
    let dpi = resolution(decoder);
    let data = decoder.read_image().map_err(|e| damaged(&e))?;
    let gray = match (color, data) {
        // 1-bit: the crate gives black as 0 whatever the file's photometric interpretation.
        (ColorType::Gray(1), DecodingResult::U8(packed)) => unpack_bits(&packed, w, h, 255),
        (ColorType::Gray(bits @ (2 | 4 | 8)), DecodingResult::U8(samples)) => {
            to_8_bits(&samples, w, h, 1, bits)?
        }
        (ColorType::Gray(16), DecodingResult::U16(samples)) => {
            samples.iter().map(|v| (v >> 8) as u8).collect()
        }
        (ColorType::GrayA(8), DecodingResult::U8(s)) => to_gray(&s, 2, false),
        (ColorType::RGB(8), DecodingResult::U8(s)) => to_gray(&s, 3, false),
        (ColorType::RGBA(8), DecodingResult::U8(s)) => to_gray(&s, 4, false),
        (ColorType::CMYK(8), DecodingResult::U8(s)) => to_gray(&s, 4, true),
        _ => return Err(ScanError::Unsupported("a TIFF colour type")),
    };
    Ok(image(gray, w, h, dpi))
}

/// `XResolution` / `YResolution` in their `ResolutionUnit` (inch, or centimetre).
fn resolution(decoder: &mut Decoder<Cursor<&[u8]>>) -> Dpi {
    let mut get = |tag| match decoder.find_tag(tag) {
        Ok(Some(Value::Rational(n, d))) if d > 0 && n > 0 => Some(n as f32 / d as f32),
        Ok(Some(v)) => v.into_f32().ok().filter(|v| *v > 0.0),
        _ => None,
    };
    let (x, y) = (get(Tag::XResolution), get(Tag::YResolution));
    let per_cm = matches!(decoder.find_tag(Tag::ResolutionUnit), Ok(Some(v)) if v.clone().into_u16().ok() == Some(3));
    let scale = if per_cm { 2.54 } else { 1.0 };
    match (x, y) {
        (Some(x), Some(y)) => Dpi {
            x: x * scale,
            y: y * scale,
        },
        (Some(x), None) | (None, Some(x)) => Dpi::square(x * scale),
        _ => Dpi::square(DEFAULT_DPI),
    }
}

fn damaged(e: &::tiff::TiffError) -> ScanError {
    match e {
        ::tiff::TiffError::UnsupportedError(_) => {
            ScanError::Unsupported("a TIFF compression or layout (Group 3 fax, JPEG, tiles…)")
        }
        ::tiff::TiffError::LimitsExceeded => ScanError::Damaged("a TIFF directory is too large"),
        _ => ScanError::Damaged("the TIFF data cannot be read"),
    }
}
