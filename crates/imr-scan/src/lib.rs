//! Scanned letters, sans I/O: bytes of a PDF, PNG, JPEG or TIFF file in, page images out for an
//! OCR engine to read; the engine's words back in, the letter's text and its `ocr` block out.
//!
//! ```text
//! bytes --read--> ScanDocument (pages: Text | Image(GrayImage))
//!                   Image --prepare--> GrayImage at the engine's dpi --(the shell runs the engine)--> PageWords
//! [Text | PageWords] --assemble--> Assembled { text for imr_letter::parse, OcrData }
//! ```
//!
//! The engine itself is run by the shell: a subprocess natively (feature `native-tesseract`),
//! a WebAssembly module in the browser. Every image is checked against [`Limits`] before its
//! pixels are decoded.

mod assemble;
pub mod bands;
mod decode;
mod error;
mod limits;
#[cfg(feature = "native-tesseract")]
pub mod native;
pub mod preprocess;
mod raster;
mod sniff;
mod words;

pub use assemble::{assemble, Assembled, Layout, OcrData, PageInput, KERN_JOIN, LOW_CONFIDENCE};
pub use decode::{read, ScanDocument, ScanPage, DEFAULT_DPI};
pub use error::{ScanError, ScanWarning};
pub use limits::Limits;
pub use preprocess::{prepare, Prep};
pub use raster::{Dpi, GrayImage};
pub use sniff::{is_image, sniff, FileKind};
pub use words::{parse_tsv, BBox, LineKey, PageWords, Word};

/// Decodes one CCITT Group 4 stream of `width` columns and `rows` rows (0: until its end mark)
/// to grey, refusing a stream that goes on past `limits.max_pixels`.
pub fn decode_fax_g4(
    data: &[u8],
    width: u32,
    rows: u32,
    limits: &Limits,
) -> Result<GrayImage, ScanError> {
    let (pixels, height) = decode::decode_g4(data, width, rows, false, limits.max_pixels)?;
    Ok(GrayImage {
        width,
        height,
        dpi: Dpi::square(DEFAULT_DPI),
        pixels,
    })
}
