//! Why a file could not be turned into page images, and what went wrong without stopping it.

use std::fmt;

/// Why no page could be read from a file. Each variant has a stable kebab-case [`code`].
///
/// [`code`]: ScanError::code
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    /// The file has no bytes.
    Empty,
    /// Not a PDF, PNG, JPEG or TIFF file (by content).
    UnknownFormat,
    /// The PDF could not be read (its own error).
    Pdf(imr_pdf::PdfError),
    /// The PDF has pages without text and no image on them that could be read.
    NoPageImage,
    /// One page image has more pixels than allowed.
    TooManyPixels {
        /// Width and height the image declares.
        width: u64,
        /// Height it declares.
        height: u64,
        /// Most pixels allowed in one image.
        limit: u64,
    },
    /// All page images together decode to more bytes than allowed.
    TooManyBytes {
        /// Most decoded bytes allowed for one file.
        limit: u64,
    },
    /// More pages than allowed.
    TooManyPages {
        /// Most pages read from one file.
        limit: usize,
    },
    /// A fax (CCITT) stream goes on past the image's height or the pixel bound: it never ends.
    UnterminatedFax,
    /// The image data is damaged; the detail says which codec stopped.
    Damaged(&'static str),
    /// An image encoding this reader does not decode (JBIG2, JPEG 2000, Group 3 fax, a palette…).
    Unsupported(&'static str),
}

impl ScanError {
    /// Stable kebab-case code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            ScanError::Empty => "empty-file",
            ScanError::UnknownFormat => "unknown-format",
            ScanError::Pdf(e) => e.code(),
            ScanError::NoPageImage => "no-page-image",
            ScanError::TooManyPixels { .. } => "image-too-large",
            ScanError::TooManyBytes { .. } => "scan-too-large",
            ScanError::TooManyPages { .. } => "too-many-pages",
            ScanError::UnterminatedFax => "unterminated-fax",
            ScanError::Damaged(_) => "damaged-image",
            ScanError::Unsupported(_) => "unsupported-image",
        }
    }
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::Empty => f.write_str("the file is empty"),
            ScanError::UnknownFormat => {
                f.write_str("this file is not a PDF, PNG, JPEG or TIFF image (by its content)")
            }
            ScanError::Pdf(e) => e.fmt(f),
            ScanError::NoPageImage => f.write_str(
                "this PDF has pages without text and no image on them that could be read",
            ),
            ScanError::TooManyPixels {
                width,
                height,
                limit,
            } => write!(
                f,
                "a page image of {width} x {height} pixels is too large to read here (at most {} megapixels)",
                limit / 1_000_000
            ),
            ScanError::TooManyBytes { limit } => write!(
                f,
                "the page images of this file decode to more than {} MB, too much to read here",
                limit / 1_000_000
            ),
            ScanError::TooManyPages { limit } => {
                write!(f, "this file has more than {limit} pages, too many to read here")
            }
            ScanError::UnterminatedFax => f.write_str(
                "a fax image's data does not end where its page does (damaged or hostile data)",
            ),
            ScanError::Damaged(what) => write!(f, "a page image is damaged ({what})"),
            ScanError::Unsupported(what) => {
                write!(f, "a page image is encoded in a way this reader cannot decode ({what})")
            }
        }
    }
}

impl std::error::Error for ScanError {}

impl From<imr_pdf::PdfError> for ScanError {
    fn from(e: imr_pdf::PdfError) -> Self {
        ScanError::Pdf(e)
    }
}

/// Something that went wrong without stopping the reading of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanWarning {
    /// Stable kebab-case code, e.g. `image-unreadable`.
    pub code: &'static str,
    /// One sentence a reviewer understands.
    pub message: String,
}

impl ScanWarning {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<imr_pdf::PdfWarning> for ScanWarning {
    fn from(w: imr_pdf::PdfWarning) -> Self {
        ScanWarning {
            code: w.code.as_str(),
            message: w.message,
        }
    }
}
