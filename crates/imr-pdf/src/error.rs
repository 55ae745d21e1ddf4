//! What can go wrong: errors that stop extraction, and warnings that do not. Each error and
//! each kind of warning has one stable code (`code()`, kebab-case).

use std::fmt;

/// The kind of a [`PdfWarning`]: what went wrong without stopping extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningCode {
    /// The file's structure only parses tolerantly: some text may be missing.
    DamagedPdf,
    /// Some pages could not be read at all: their text is missing.
    PageUnreadable,
    /// Some pages were read only with tolerant parsing: text may be missing there.
    PageDamaged,
    /// The content of some pages stops inside a text object.
    PageIncomplete,
    /// Some fonts could not be read: characters or spaces may be wrong.
    FontUnreadable,
    /// A font's glyph widths are implausible (damaged): usual widths were used instead.
    FontWidths,
    /// Some streams or strings were read only in part (compressed or encrypted data cut short
    /// or corrupt): text may be missing or wrong there.
    StreamDamaged,
    /// The encryption dictionary is damaged; the file was opened by working around it.
    EncryptionDamaged,
    /// The file does not end with `%%EOF`: it may be cut short.
    TruncatedPdf,
    /// More pages than [`crate::limits::MAX_PAGES`]: the rest were not read.
    TooManyPages,
    /// A page without text draws more images than are read for OCR: the rest were not read.
    TooManyImages,
}

impl WarningCode {
    /// Every kind, in declaration order.
    pub const ALL: [WarningCode; 11] = [
        WarningCode::DamagedPdf,
        WarningCode::PageUnreadable,
        WarningCode::PageDamaged,
        WarningCode::PageIncomplete,
        WarningCode::FontUnreadable,
        WarningCode::FontWidths,
        WarningCode::StreamDamaged,
        WarningCode::EncryptionDamaged,
        WarningCode::TruncatedPdf,
        WarningCode::TooManyPages,
        WarningCode::TooManyImages,
    ];

    /// The stable code, e.g. `page-unreadable`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::DamagedPdf => "damaged-pdf",
            WarningCode::PageUnreadable => "page-unreadable",
            WarningCode::PageDamaged => "page-damaged",
            WarningCode::PageIncomplete => "page-incomplete",
            WarningCode::FontUnreadable => "font-unreadable",
            WarningCode::FontWidths => "font-widths",
            WarningCode::StreamDamaged => "stream-damaged",
            WarningCode::EncryptionDamaged => "encryption-damaged",
            WarningCode::TruncatedPdf => "truncated-pdf",
            WarningCode::TooManyPages => "too-many-pages",
            WarningCode::TooManyImages => "too-many-images",
        }
    }
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<WarningCode> for String {
    fn from(code: WarningCode) -> String {
        code.as_str().to_owned()
    }
}

/// Something that went wrong without stopping extraction (a page or a font that could not be
/// read, a file that looks damaged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfWarning {
    /// What kind of problem; its `as_str()` is the stable code.
    pub code: WarningCode,
    /// One sentence a reviewer understands.
    pub message: String,
}

impl PdfWarning {
    pub(crate) fn new(code: WarningCode, message: impl Into<String>) -> Self {
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
    /// A stream of the file (or all of them together) decompresses to more than this reader
    /// accepts: a decompression bomb, most likely. Refused before the memory is taken.
    TooLargeDecompressed {
        /// The limit passed, in bytes (per stream or per file).
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
            PdfError::NotPdf => "not-a-pdf",
            PdfError::NeedsPassword => "needs-password",
            PdfError::NoTextLayer { .. } => "no-text-layer",
            PdfError::Damaged(_) => "damaged-pdf",
            PdfError::TooLarge { .. } => "too-large",
            PdfError::TooLargeDecompressed { .. } => "too-large-decompressed",
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
            PdfError::TooLargeDecompressed { limit } => write!(
                f,
                "this PDF unpacks to more data than this reader accepts (over {} MB once decompressed: a decompression bomb?); it was not read",
                limit / (1024 * 1024)
            ),
            PdfError::Truncated => f.write_str(
                "this PDF is cut short (an incomplete download or copy?): it ends before the index of its contents, so no text could be read; get the file again",
            ),
            PdfError::UnsupportedEncryption => {
                f.write_str("this PDF is encrypted with a method this reader cannot decrypt (a certificate or an unknown method); save an unencrypted copy and open that")
            }
        }
    }
}

impl std::error::Error for PdfError {}
