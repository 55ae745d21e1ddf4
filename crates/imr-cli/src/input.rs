//! Reading one input file (or standard input) into a Letter: text or PDF, told by content.

use std::fmt;
use std::io::Read;

use imr_letter::Letter;

use crate::pdf_guard;

/// The letters read from a file (a file may hold several), with notes for standard error (e.g.
/// a damaged PDF's warnings).
pub struct ReadLetter {
    pub letters: Vec<Letter>,
    pub notes: Vec<String>,
}

/// Why a file gave no letter at all.
#[derive(Debug)]
pub enum InputError {
    Io(std::io::Error),
    Pdf(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "cannot read the file: {e}"),
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
    let name = (path != "-").then_some(path);
    letter_from_bytes(&bytes, name)
}

/// Parses a letter from the bytes of a text or PDF file (a PDF is known by its `%PDF-` header,
/// and its text is extracted in a child process with limits). A PDF's extraction warnings are
/// added to the letter's warnings and given as notes.
pub fn letter_from_bytes(bytes: &[u8], name: Option<&str>) -> Result<ReadLetter, InputError> {
    let extracted = match imr_read::sniff(bytes) {
        imr_read::Content::Pdf => {
            pdf_guard::extract(bytes, &pdf_guard::Limits::from_env()).map_err(InputError::Pdf)?
        }
        imr_read::Content::Text => {
            imr_read::extract(bytes).map_err(|e| InputError::Pdf(e.to_string()))?
        }
    };
    let notes = extracted
        .warnings
        .iter()
        .map(|(_, m)| format!("warning: {m}"))
        .collect();
    let letters = imr_read::letters(&extracted, name, imr_read::Options::default());
    Ok(ReadLetter { letters, notes })
}
