//! What can go wrong: errors that stop extraction, and warnings that do not.

use std::fmt;

/// Something that went wrong without stopping extraction (a page or a font that could not be
/// read, a file that looks damaged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfWarning {
    /// Stable kebab-case code, e.g. `damaged-pdf`, `page-unreadable`.
    pub code: &'static str,
    /// One sentence a reviewer understands.
    pub message: String,
}

impl PdfWarning {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for PdfWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Why no usable text came out of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The file has no bytes at all.
    Empty,
    /// The bytes are not a PDF (no `%PDF-` header near the start).
    NotPdf,
    /// The PDF is encrypted with a real (non-empty) password.
    NeedsPassword,
    /// The pages carry no text: a scanned image, most likely.
    NoTextLayer {
        /// Number of pages in the file.
        pages: usize,
    },
    /// The PDF is damaged so badly that no text could be read; the detail says where.
    Damaged(String),
    /// The file is larger than this reader accepts.
    TooLarge {
        /// Size of the file.
        bytes: usize,
        /// Largest size accepted.
        limit: usize,
    },
    /// The file is cut short before the parts that every page needs (the cross-reference
    /// table and, for encrypted files, the key), so nothing could be read.
    Truncated,
    /// The PDF uses an encryption scheme this reader does not implement.
    UnsupportedEncryption,
}

impl PdfError {
    /// Stable kebab-case code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::Empty => "empty-file",
            PdfError::NotPdf => "not-pdf",
            PdfError::NeedsPassword => "needs-password",
            PdfError::NoTextLayer { .. } => "no-text-layer",
            PdfError::Damaged(_) => "damaged-pdf",
            PdfError::TooLarge { .. } => "too-large",
            PdfError::Truncated => "truncated-pdf",
            PdfError::UnsupportedEncryption => "unsupported-encryption",
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Empty => f.write_str("the file is empty"),
            PdfError::NotPdf => f.write_str("this file is not a PDF (no %PDF- header)"),
            PdfError::NeedsPassword => {
                f.write_str("this PDF is protected by a password; open it in a PDF viewer with the password and save an unprotected copy")
            }
            PdfError::NoTextLayer { pages } => write!(
                f,
                "this PDF has no text layer ({pages} page{}, a scanned image?); OCR is not done",
                if *pages == 1 { "" } else { "s" }
            ),
            PdfError::Damaged(detail) => {
                write!(f, "this PDF is damaged and no text could be read from it (detail: {detail})")
            }
            PdfError::TooLarge { bytes, limit } => write!(
                f,
                "this PDF is too large to read here ({bytes} bytes; the limit is {limit} bytes)"
            ),
            PdfError::Truncated => f.write_str(
                "this PDF is cut short (an incomplete download or copy?): it ends before the index of its contents, so no text could be read; get the file again",
            ),
            PdfError::UnsupportedEncryption => {
                f.write_str("this PDF is encrypted with a method this reader cannot decrypt (e.g. AES-256); save an unencrypted copy and open that")
            }
        }
    }
}

impl std::error::Error for PdfError {}
