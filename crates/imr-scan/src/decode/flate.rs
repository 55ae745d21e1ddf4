//! Deflate (zlib) image data of a PDF, inflated to at most the bytes the image needs, and its
//! PNG or TIFF predictor undone.

use std::io::Read;

use crate::error::ScanError;

/// Inflates `data` to exactly `expected` bytes of samples (rows of `row_bytes`), undoing
/// `predictor` (1 none, 2 TIFF, 10-15 PNG with one filter byte a row). Never inflates more than
/// the image needs: a decompression bomb stops at its first extra byte.
pub(crate) fn inflate(
    data: &[u8],
    predictor: i32,
    row_bytes: usize,
    rows: usize,
    bytes_per_pixel: usize,
) -> Result<Vec<u8>, ScanError> {
    let png = predictor >= 10;
    let stride = row_bytes + usize::from(png);
    let want = stride * rows;
    let mut raw = Vec::with_capacity(want);
    flate2::read::ZlibDecoder::new(data)
        .take(want as u64)
        .read_to_end(&mut raw)
        .map_err(|_| ScanError::Damaged("the Flate data cannot be inflated"))?;
    raw.resize(want, 0);
    match predictor {
        p if p >= 10 => Ok(unpredict_png(&raw, row_bytes, bytes_per_pixel)),
        2 => Ok(unpredict_tiff(raw, row_bytes, bytes_per_pixel)),
        _ => Ok(raw),
    }
}

fn unpredict_png(raw: &[u8], row_bytes: usize, bpp: usize) -> Vec<u8> {
    let mut out = vec![0u8; 0];
    out.reserve(raw.len());
    let mut prev = vec![0u8; row_bytes];
    for line in raw.chunks_exact(row_bytes + 1) {
        let (filter, src) = (line[0], &line[1..]);
        let mut cur = src.to_vec();
        for i in 0..row_bytes {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = cur[i].wrapping_add(match filter {
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                _ => 0,
            });
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    out
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn unpredict_tiff(mut raw: Vec<u8>, row_bytes: usize, bpp: usize) -> Vec<u8> {
    for row in raw.chunks_exact_mut(row_bytes) {
        for i in bpp..row_bytes {
            row[i] = row[i].wrapping_add(row[i - bpp]);
        }
    }
    raw
}
