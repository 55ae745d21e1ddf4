//! Why a file gave no text, as data: one variant per reason, one string code each.

use std::fmt;

use imr_letter::WarningCode;
use imr_pdf::PdfError;

/// Why no text came out of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// A PDF that could not be read (its own reason and code).
    Pdf(PdfError),
}

impl ReadError {
    /// The stable kebab-case code.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Pdf(e) => e.code(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Pdf(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {}

/// The letter's warning code for a PDF reader's warning.
pub(crate) fn warning_code(pdf_code: &str) -> WarningCode {
    WarningCode::from_str_code(pdf_code).unwrap_or(WarningCode::DamagedPdf)
}
