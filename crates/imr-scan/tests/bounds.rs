//! Hostile and oversized inputs are refused before their pixels are decoded, each with its
//! reason.

use imr_scan::{decode_fax_g4, read, Limits, ScanError};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG that declares `width` x `height` and has one tiny (wrong) data chunk.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grey
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A little-endian TIFF that declares a `width` x `height` Group 4 image of a few bytes.
fn tiff_header(width: u32, height: u32) -> Vec<u8> {
    let entries: [(u16, u16, u32); 8] = [
        (256, 4, width),  // ImageWidth
        (257, 4, height), // ImageLength
        (258, 3, 1),      // BitsPerSample
        (259, 3, 4),      // Compression: Group 4
        (262, 3, 0),      // WhiteIsZero
        (273, 4, 122),    // StripOffsets
        (278, 4, height), // RowsPerStrip
        (279, 4, 4),      // StripByteCounts
    ];
    let mut out = b"II*\0".to_vec();
    out.extend_from_slice(&8u32.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for (tag, kind, value) in entries {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        out.extend_from_slice(&value.to_le_bytes());
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(out.len(), 110);
    out.resize(122, 0);
    out.extend_from_slice(&[0, 0, 0, 0]);
    out
}

fn assert_too_large(err: ScanError, width: u64, height: u64) {
    assert_eq!(err.code(), "image-too-large");
    assert_eq!(
        err,
        ScanError::TooManyPixels {
            width,
            height,
            limit: 50_000_000
        }
    );
    assert!(err.to_string().contains("at most 50 megapixels"), "{err}");
}

#[test]
fn huge_dimensions_are_refused_before_decoding() {
    let limits = Limits::default();
    assert_too_large(
        read(&png_header(100_000, 100_000), &limits).unwrap_err(),
        100_000,
        100_000,
    );
    assert_too_large(
        read(&tiff_header(60_000, 60_000), &limits).unwrap_err(),
        60_000,
        60_000,
    );

    // The JPEG fixture with its frame header saying 65535 x 65535.
    let mut jpeg = fixture("gray.jpg");
    let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
    assert_too_large(read(&jpeg, &limits).unwrap_err(), 65_535, 65_535);
}

#[test]
fn a_pdf_image_over_the_pixel_bound_is_refused() {
    let limits = Limits {
        max_pixels: 10_000,
        ..Limits::default()
    };
    let err = read(&fixture("g4.pdf"), &limits).unwrap_err();
    assert_eq!(
        err,
        ScanError::TooManyPixels {
            width: 240,
            height: 80,
            limit: 10_000
        }
    );
}

#[test]
fn total_bytes_and_pages_are_bounded() {
    let tiff = fixture("two-pages-g4.tif"); // 240 x 80, then 200 x 60
    let bytes = Limits {
        max_decoded_bytes: 25_000,
        ..Limits::default()
    };
    let err = read(&tiff, &bytes).unwrap_err();
    assert_eq!(err, ScanError::TooManyBytes { limit: 25_000 });
    assert_eq!(err.code(), "scan-too-large");
    let pages = Limits {
        max_pages: 1,
        ..Limits::default()
    };
    let err = read(&tiff, &pages).unwrap_err();
    assert_eq!(err, ScanError::TooManyPages { limit: 1 });
    assert_eq!(err.code(), "too-many-pages");
}

#[test]
fn a_group4_stream_that_never_ends_is_refused() {
    // Every `1` bit is a vertical-0 code: on a white reference line it ends the line at once,
    // so these bytes encode 8 lines each and never the end-of-block mark.
    let endless = vec![0xFF; 100_000];
    let limits = Limits {
        max_pixels: 1728 * 5_000,
        ..Limits::default()
    };
    let err = decode_fax_g4(&endless, 1728, 0, &limits).unwrap_err();
    assert_eq!(err, ScanError::UnterminatedFax);
    assert_eq!(err.code(), "unterminated-fax");
    assert!(err.to_string().contains("does not end"), "{err}");

    // With its height known, the same data goes on past it: refused too.
    assert_eq!(
        decode_fax_g4(&endless, 1728, 100, &limits).unwrap_err(),
        ScanError::UnterminatedFax
    );
    // A stream that ends where its page does is read: 800 lines, then its data runs out.
    let img = decode_fax_g4(&endless[..100], 1728, 800, &limits).unwrap();
    assert_eq!((img.width, img.height), (1728, 800));
    assert!(img.pixels.iter().all(|&p| p == 255));
}

#[test]
fn damaged_and_unsupported_data_say_so() {
    let mut png = png_header(10, 10);
    png.truncate(40);
    assert_eq!(
        read(&png, &Limits::default()).unwrap_err().code(),
        "damaged-image"
    );
    let err = decode_fax_g4(&[0x00, 0x00, 0x00], 100, 10, &Limits::default()).unwrap_err();
    assert_eq!(err, ScanError::Damaged("the fax data cannot be read"));
}
