//! The one reading pipeline: the bytes of a file (and its name) to the letters in it.
//!
//! ```text
//! bytes --sniff--> PDF  --imr_pdf::extract_text--+
//!            \---> text --decode (UTF-8, UTF-16, |--> Extracted --imr_letter::parse--> Letter(s)
//!                         Windows-1252)----------+      text, kind, pages, warnings     + source
//! ```
//!
//! The CLI, the page's worker and the JS API all call this crate, so the same bytes give the
//! same letters everywhere. It is split in two steps, [`extract`] and [`letters`], so that a
//! shell may run the first where it likes (the CLI runs a PDF's extraction in a child process
//! with memory and time limits) and the second in-process; [`read`] does both.

mod decode;
mod error;

pub use error::ReadError;
pub use imr_letter::{Letter, Outcome, SourceKind, WarningCode};

/// What a file holds, told by content (never by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A PDF (`%PDF-` near the start).
    Pdf,
    /// Anything else is read as text.
    Text,
}

/// What a file holds, by its first bytes.
pub fn sniff(bytes: &[u8]) -> Content {
    if imr_pdf::is_pdf(bytes) {
        Content::Pdf
    } else {
        Content::Text
    }
}

/// A file's text, ready for the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Extracted {
    /// The text the letters' spans point into.
    pub text: String,
    pub kind: SourceKind,
    /// For a PDF: where each page starts in `text` (byte offsets).
    pub page_starts: Vec<usize>,
    /// What went wrong on the way without stopping it (a damaged PDF page, an encoding).
    pub warnings: Vec<(WarningCode, String)>,
}

impl Extracted {
    /// Text as it is (pasted text: already decoded).
    pub fn from_text(text: String) -> Extracted {
        Extracted {
            text,
            kind: SourceKind::Text,
            page_starts: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Number of pages (a PDF's), if the file has pages.
    pub fn pages(&self) -> Option<usize> {
        (self.kind != SourceKind::Text).then_some(self.page_starts.len())
    }

    /// The page (from 1) that byte `at` of the text is on.
    pub fn page_of(&self, at: usize) -> Option<usize> {
        if self.kind == SourceKind::Text {
            return None;
        }
        Some(self.page_starts.partition_point(|&s| s <= at).max(1))
    }
}

/// How the letters are given back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Put the text the spans point into on each letter (`Letter::text`).
    pub with_text: bool,
}

/// Gets the text out of a file: a PDF's text layer, or text decoded from UTF-8 (a byte-order
/// mark allowed), UTF-16 (with or without a byte-order mark) or, failing those, Windows-1252
/// (with a warning). `Err` only when no text came out at all.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ReadError> {
    match sniff(bytes) {
        Content::Pdf => {
            let pdf = imr_pdf::extract_text(bytes).map_err(ReadError::Pdf)?;
            Ok(Extracted {
                text: pdf.text,
                kind: SourceKind::Pdf,
                page_starts: pdf.page_starts,
                warnings: pdf
                    .warnings
                    .into_iter()
                    .map(|w| (error::warning_code(w.code.as_str()), w.message))
                    .collect(),
            })
        }
        Content::Text => {
            let (text, warning) = decode::text(bytes);
            Ok(Extracted {
                text,
                kind: SourceKind::Text,
                page_starts: Vec::new(),
                warnings: warning
                    .map(|m| (WarningCode::TextEncoding, m))
                    .into_iter()
                    .collect(),
            })
        }
    }
}

/// The letters of an extracted text, each with its `source` (the file's `name`, its kind, its
/// place in the file) and the extraction's warnings.
pub fn letters(extracted: &Extracted, name: Option<&str>, options: Options) -> Vec<Letter> {
    let mut letters = imr_letter::parse_all(&extracted.text);
    for letter in &mut letters {
        letter.add_extraction_warnings(extracted.warnings.iter().cloned());
        letter.source.name = name.map(str::to_string);
        letter.source.kind = extracted.kind;
        // The pages the letter's text is on.
        let span = letter.source.span.unwrap_or([0, extracted.text.len()]);
        letter.source.pages = match (
            extracted.page_of(span[0]),
            extracted.page_of(span[1].saturating_sub(1)),
        ) {
            (Some(first), Some(last)) if !extracted.page_starts.is_empty() => Some([first, last]),
            _ => None,
        };
        if options.with_text {
            letter.text = Some(extracted.text.clone());
        }
    }
    letters
}

/// A file read: its text and its letters.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub extracted: Extracted,
    pub letters: Vec<Letter>,
}

/// Reads a file whole: [`extract`], then [`letters`].
pub fn read(bytes: &[u8], name: Option<&str>, options: Options) -> Result<Reading, ReadError> {
    let extracted = extract(bytes)?;
    let letters = letters(&extracted, name, options);
    Ok(Reading { extracted, letters })
}
