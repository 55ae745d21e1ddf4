//! CCITT Group 4 (T.6) with the `fax` crate, bounded: a stream that goes on past its page is
//! refused, never decoded without end.

use std::convert::Infallible;

use ::fax::decoder::{pels, DecodeStatus, Group4Decoder};
use ::fax::Color;

use crate::error::ScanError;

/// Decodes a Group 4 stream of `width` columns to grey (0 black, 255 white).
///
/// `rows` is the height the container declares (0: unknown). A stream that goes on past it
/// (one more whole line where its end-of-block mark or its end should be), or without a height
/// past `max_pixels`, is [`ScanError::UnterminatedFax`]: no encoder writes lines past its page,
/// and such a stream may never end. A stream that stops early (damaged, or an encoder that
/// leaves out trailing white lines) is padded with white up to `rows`.
pub(crate) fn decode_g4(
    data: &[u8],
    width: u32,
    rows: u32,
    black_is_1: bool,
    max_pixels: u64,
) -> Result<(Vec<u8>, u32), ScanError> {
    let columns = u16::try_from(width).map_err(|_| ScanError::TooManyPixels {
        width: width.into(),
        height: rows.into(),
        limit: max_pixels,
    })?;
    if columns == 0 {
        return Err(ScanError::Damaged("a fax image without columns"));
    }
    let bound = max_pixels / u64::from(width);
    let reader = data.iter().map(|&b| Ok::<u8, Infallible>(b));
    let mut decoder = Group4Decoder::new(reader, columns)
        .map_err(|_| ScanError::Damaged("the fax data cannot be read"))?;
    let (black, white) = if black_is_1 { (255, 0) } else { (0, 255) };
    let mut out = Vec::with_capacity(width as usize * (rows.min(bound as u32)) as usize);
    let mut lines: u32 = 0;
    loop {
        if rows > 0 && lines == rows {
            return match decoder.advance() {
                Ok(DecodeStatus::Incomplete) => Err(ScanError::UnterminatedFax),
                _ => Ok(finish(out, width, rows, white)),
            };
        }
        match decoder.advance() {
            Ok(DecodeStatus::End) => break,
            Ok(DecodeStatus::Incomplete) => {
                if u64::from(lines) >= bound {
                    return Err(ScanError::UnterminatedFax);
                }
                out.extend(pels(decoder.transition(), columns).map(|c| match c {
                    Color::Black => black,
                    Color::White => white,
                }));
                lines += 1;
            }
            // The data ran out or is damaged: keep the lines read so far.
            Err(_) if lines > 0 => break,
            Err(_) => return Err(ScanError::Damaged("the fax data cannot be read")),
        }
    }
    if lines == 0 {
        return Err(ScanError::Damaged("the fax data cannot be read"));
    }
    Ok(finish(
        out,
        width,
        if rows > 0 { rows } else { lines },
        white,
    ))
}

fn finish(mut out: Vec<u8>, width: u32, height: u32, white: u8) -> (Vec<u8>, u32) {
    out.resize(width as usize * height as usize, white);
    (out, height)
}
