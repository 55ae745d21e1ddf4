//! The one reading pipeline: the bytes of a file (and its name) to the letters in it.
//!
//! ```text
//! bytes --sniff--> PDF  --imr_pdf::extract_text--+
//!            \---> text --decode (UTF-8, UTF-16, |--> Extracted --imr_letter::parse--> Letter(s)
//!            \            Windows-1252)----------+      text, kind, pages,            + source, ocr
//!             \                                  |      warnings, ocr
//!              \-> image, or PDF pages without text --[scan]--> pages to recognise
//!                       --[the shell's OCR engine]--> words --ScanJob::finish--+
//! ```
//!
//! The CLI, the page's worker and the JS API all call this crate, so the same bytes give the
//! same letters everywhere. It is split in two steps, [`extract`] (or [`begin`] with OCR) and
//! [`letters`], so that a shell may run the first where it likes (the CLI runs a PDF's or a
//! scan's extraction in a child process with memory and time limits) and the second in-process;
//! [`read`] does both for text and PDFs. Scans go through [`begin`]: the library decodes and
//! prepares the page images, the shell runs the OCR engine on them (natively a subprocess, in
//! the browser an asynchronous WebAssembly module), and [`ScanJob::finish`] turns the words
//! into the text that [`letters`] parses.

mod decode;
mod error;
#[cfg(feature = "scan")]
mod scan;

pub use error::ReadError;
pub use imr_letter::{Letter, Ocr, Outcome, SourceKind, WarningCode};
#[cfg(feature = "scan")]
pub use imr_scan::preprocess::shrink;
#[cfg(feature = "scan")]
pub use imr_scan::{bands, parse_tsv, GrayImage, PageWords, Word};
#[cfg(feature = "scan")]
pub use scan::{begin, Begun, OcrMode, ScanJob, LOW_WORD_CONFIDENCE};

/// What a file holds, told by content (never by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A PDF (`%PDF-` near the start).
    Pdf,
    /// A PNG, JPEG or TIFF image (by its signature): a scan, read by OCR.
    Image,
    /// Anything else is read as text.
    Text,
}

/// What a file holds, by its first bytes.
pub fn sniff(bytes: &[u8]) -> Content {
    if is_image(bytes) {
        Content::Image
    } else if imr_pdf::is_pdf(bytes) {
        Content::Pdf
    } else {
        Content::Text
    }
}

/// A PNG, JPEG or TIFF signature: the images the scan reader decodes (kept here, not taken
/// from `imr-scan`, so that a build without the `scan` feature still tells an image from text).
fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
}

/// A file's text, ready for the parser.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Extracted {
    /// The text the letters' spans point into.
    pub text: String,
    pub kind: SourceKind,
    /// For a PDF: where each page starts in `text` (byte offsets).
    pub page_starts: Vec<usize>,
    /// What went wrong on the way without stopping it (a damaged PDF page, an encoding).
    pub warnings: Vec<(WarningCode, String)>,
    /// For a scan: what the OCR engine saw (the letter's `ocr` block).
    #[cfg_attr(feature = "serde", serde(default))]
    pub ocr: Option<Ocr>,
    /// For a scan: pages (from 1) whose words the engine was unsure of (mean confidence under
    /// `imr_scan::LOW_CONFIDENCE`). Letter JSON v1 has no warning code for this yet; shells
    /// tell the user.
    #[cfg_attr(feature = "serde", serde(default))]
    pub low_confidence_pages: Vec<usize>,
    /// For a scan: the words read with a confidence under `LOW_WORD_CONFIDENCE` (their byte
    /// range in `text`, and the confidence, 0-100). A letter gets a `low-confidence` warning for
    /// each that is part of one of its values.
    #[cfg_attr(feature = "serde", serde(default))]
    pub low_confidence_words: Vec<([usize; 2], u8)>,
    /// For a PDF: the pages (from 1) that draw an image.
    #[cfg_attr(feature = "serde", serde(default))]
    pub image_pages: Vec<usize>,
}

impl Extracted {
    /// Text as it is (pasted text: already decoded).
    pub fn from_text(text: String) -> Extracted {
        Extracted {
            text,
            kind: SourceKind::Text,
            page_starts: Vec::new(),
            warnings: Vec::new(),
            ocr: None,
            low_confidence_pages: Vec::new(),
            low_confidence_words: Vec::new(),
            image_pages: Vec::new(),
        }
    }

    /// Number of pages (a PDF's), if the file has pages.
    pub fn pages(&self) -> Option<usize> {
        (self.kind != SourceKind::Text).then_some(self.page_starts.len())
    }

    /// Whether a PDF has a scanned page among its text pages: a page with nothing but white
    /// space in its text that draws an image (a blank page does not count).
    pub fn has_scanned_page(&self) -> bool {
        let starts = &self.page_starts;
        self.kind == SourceKind::Pdf
            && (0..starts.len()).any(|i| {
                let end = starts.get(i + 1).copied().unwrap_or(self.text.len());
                let blank = self
                    .text
                    .get(starts[i]..end)
                    .is_none_or(|t| t.trim().is_empty());
                blank && self.image_pages.contains(&(i + 1))
            })
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

/// Gets the text out of a file without OCR: a PDF's text layer, or text decoded from UTF-8 (a
/// byte-order mark allowed), UTF-16 (with or without a byte-order mark) or, failing those,
/// Windows-1252 (with a warning). `Err` only when no text came out at all: an image file or a
/// PDF without text is an error here (`no-text-layer`); [`begin`] reads those by OCR.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ReadError> {
    match sniff(bytes) {
        Content::Pdf => Ok(from_pdf(
            imr_pdf::extract_text(bytes).map_err(ReadError::Pdf)?,
        )),
        Content::Image => Err(ReadError::ImageWithoutText),
        Content::Text => {
            let (text, warning) = decode::text(bytes);
            let mut e = Extracted::from_text(text);
            e.warnings
                .extend(warning.map(|m| (WarningCode::TextEncoding, m)));
            Ok(e)
        }
    }
}

/// A PDF's text layer as an extraction.
pub(crate) fn from_pdf(pdf: imr_pdf::PdfText) -> Extracted {
    Extracted {
        text: pdf.text,
        kind: SourceKind::Pdf,
        page_starts: pdf.page_starts,
        warnings: pdf
            .warnings
            .into_iter()
            .map(|w| (error::warning_code(w.code.as_str()), w.message))
            .collect(),
        ocr: None,
        low_confidence_pages: Vec::new(),
        low_confidence_words: Vec::new(),
        image_pages: pdf.image_pages,
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
        // The whole file's OCR block: its word ranges point into the whole text.
        letter.ocr = extracted.ocr.clone();
        #[cfg(feature = "scan")]
        warn_low_confidence(letter, extracted);
        if options.with_text {
            letter.text = Some(extracted.text.clone());
        }
    }
    letters
}

/// A `low-confidence` warning for each word the OCR engine was unsure of that is part of one
/// of the letter's values (its span the word's part in the value, so it stands beside the
/// value). Only builds that
/// read scans have such words (the page's parsing worker does not carry this).
#[cfg(feature = "scan")]
fn warn_low_confidence(letter: &mut Letter, extracted: &Extracted) {
    for &([a, b], confidence) in &extracted.low_confidence_words {
        // The part of the word inside the (first) value it is part of: a word may carry
        // punctuation the value leaves out ("California,").
        let Some(value) = letter.spans.values().find(|s| s[0] < b && a < s[1]) else {
            continue;
        };
        let span = [a.max(value[0]), b.min(value[1])];
        let Some(word) = extracted.text.get(a..b) else {
            continue;
        };
        letter.warnings.push(imr_letter::Warning {
            code: WarningCode::LowConfidence,
            message: format!(
                "'{word}' was read by OCR with low confidence ({confidence} of 100): check it on the scan."
            ),
            span: Some(span),
            related: None,
        });
    }
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
