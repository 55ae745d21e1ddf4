//! Why a file gave no text, as data: one variant per reason, one string code each.

use std::fmt;

use imr_letter::WarningCode;
use imr_pdf::PdfError;
#[cfg(feature = "scan")]
use imr_scan::ScanError;

/// Why no text came out of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// A PDF that could not be read (its own reason and code).
    Pdf(PdfError),
    /// An image file (PNG, JPEG, TIFF) read without OCR: it has no text (`no-text-layer`).
    ImageWithoutText,
    #[cfg(feature = "scan")]
    /// A scan whose page images cannot be read (its own reason and code: `image-too-large`,
    /// `unterminated-fax`, `damaged-image`, ...).
    Scan(ScanError),
    #[cfg(feature = "scan")]
    /// [`crate::ScanJob::finish`] was given words for another number of pages than it asked
    /// for (a shell's mistake).
    WrongPageCount {
        /// Pages to recognise.
        expected: usize,
        /// Pages of words given.
        got: usize,
    },
}

impl ReadError {
    /// The stable kebab-case code.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Pdf(e) => e.code(),
            ReadError::ImageWithoutText => "no-text-layer",
            #[cfg(feature = "scan")]
            ReadError::Scan(e) => e.code(),
            #[cfg(feature = "scan")]
            ReadError::WrongPageCount { .. } => "ocr-failed",
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Pdf(e) => e.fmt(f),
            ReadError::ImageWithoutText => {
                f.write_str("this file is an image (a scan) and has no text; OCR is not done")
            }
            #[cfg(feature = "scan")]
            ReadError::Scan(e) => e.fmt(f),
            #[cfg(feature = "scan")]
            ReadError::WrongPageCount { expected, got } => write!(
                f,
                "the text recogniser gave words for {got} pages where {expected} were asked for"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// The letter's warning code for a PDF or scan reader's warning.
pub(crate) fn warning_code(code: &str) -> WarningCode {
    match code {
        // A page image that could not be decoded: that page's text is missing.
        "image-unreadable" => WarningCode::PageUnreadable,
        // Only the first images of a page were read: some of its text may be missing.
        "too-many-images" => WarningCode::PageIncomplete,
        _ => WarningCode::from_str_code(code).unwrap_or(WarningCode::DamagedPdf),
    }
}
