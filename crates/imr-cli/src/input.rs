//! Reading one input file (or standard input) into a Letter: text or PDF, told by content.

use std::fmt;
use std::io::Read;

use imr_letter::Letter;

use crate::pdf_guard;

/// A letter read from a file, with notes for standard error (e.g. a damaged PDF's warnings).
pub struct ReadLetter {
    pub letter: Letter,
    pub notes: Vec<String>,
}

/// Why a file gave no letter at all.
#[derive(Debug)]
pub enum InputError {
    Io(std::io::Error),
    NotUtf8 { offset: usize },
    Pdf(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "cannot read the file: {e}"),
            InputError::NotUtf8 { offset } => write!(
                f,
                "not UTF-8 text (invalid byte at offset {offset}) and not a PDF; save the letter as UTF-8 text or give the PDF"
            ),
            InputError::Pdf(why) => write!(f, "cannot read this PDF: {why}"),
        }
    }
}

/// Reads `path` (`-` for standard input) and parses it.
pub fn read_letter(path: &str) -> Result<ReadLetter, InputError> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(InputError::Io)?;
        buf
    } else {
        std::fs::read(path).map_err(InputError::Io)?
    };
    letter_from_bytes(&bytes)
}

/// Parses a letter from the bytes of a text or PDF file (a PDF is known by its `%PDF-` header).
/// A PDF's extraction warnings are added to the letter's warnings and given as notes.
pub fn letter_from_bytes(bytes: &[u8]) -> Result<ReadLetter, InputError> {
    if imr_pdf::is_pdf(bytes) {
        let pdf =
            pdf_guard::extract(bytes, &pdf_guard::Limits::from_env()).map_err(InputError::Pdf)?;
        let mut letter = imr_letter::parse(&pdf.text);
        let notes = pdf
            .warnings
            .iter()
            .map(|(_, m)| format!("warning: {m}"))
            .collect();
        letter.add_extraction_warnings(pdf.warnings);
        return Ok(ReadLetter { letter, notes });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    Ok(ReadLetter {
        letter: imr_letter::parse(text),
        notes: Vec::new(),
    })
}
