//! The messages between the page and the parsing worker.
//!
//! Page -> worker: a plain JS object `{id, text}` (pasted text) or `{id, file}` (a `File`, which
//! the worker reads with `FileReaderSync`). Worker -> page: the string `"ready"` once it listens,
//! then one JSON string per job: a [`Reply`].

use imr_letter::Letter;
use serde::{Deserialize, Serialize};

/// What the worker answers for one job: `ok` or `err`. (No `#[serde(flatten)]` or tagged
/// enum here: their buffering deserializer costs the page ~20 KB of wasm.)
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Reply {
    pub id: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ok: Option<Parsed>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub err: Option<Failure>,
}

impl Reply {
    pub fn new(id: u32, result: Result<Parsed, Failure>) -> Reply {
        match result {
            Ok(p) => Reply {
                id,
                ok: Some(p),
                err: None,
            },
            Err(f) => Reply {
                id,
                ok: None,
                err: Some(f),
            },
        }
    }

    /// The answer as a `Result`; a reply with neither is a failure.
    pub fn into_result(self) -> Result<Parsed, Failure> {
        match (self.ok, self.err) {
            (Some(p), _) => Ok(p),
            (None, Some(f)) => Err(f),
            (None, None) => Err(Failure {
                code: "bad-reply".into(),
                message: "The parser gave no answer for this file.".into(),
            }),
        }
    }
}

/// A parsed file: every letter found in it, in order (one for most files; a bundle gives
/// several, each with its `source.index`, `source.pages` and `source.span`), and the text they
/// were parsed from (the spans of every letter point into it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub letters: Vec<Letter>,
    pub text: String,
    /// `"pdf"`, `"text"` or `"scan"` (read by OCR), recognised by content.
    pub kind: String,
    /// Pages, for a PDF.
    pub pages: Option<usize>,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub code: String,
    pub message: String,
}

/// The failure code of an image file (PNG, JPEG, TIFF): a scan for the text recogniser.
pub const SCAN_IMAGE: &str = "scan-image";

/// The failure code of a PDF some of whose pages have no text (scanned pages among text
/// pages): the OCR path reads it whole, its text pages as they are and the others by OCR.
pub const PAGES_WITHOUT_TEXT: &str = "pages-without-text";

/// Whether `bytes` start like a PNG, JPEG or TIFF file (the formats the OCR path reads).
pub fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
}

/// Reads a file's bytes through the shared reading pipeline (`imr_read`: a PDF by its
/// `%PDF-` signature, text in UTF-8, UTF-16 or Windows-1252), as the CLI and the JS API do.
pub fn parse_bytes(bytes: &[u8], name: Option<&str>) -> Result<Parsed, Failure> {
    if is_image(bytes) {
        return Err(Failure {
            code: SCAN_IMAGE.into(),
            message: "This file is an image: it is read by OCR.".into(),
        });
    }
    match imr_read::read(bytes, name, imr_read::Options::default()) {
        Ok(read) if read.extracted.has_scanned_page() => Err(Failure {
            code: PAGES_WITHOUT_TEXT.into(),
            message: "Some pages of this PDF have no text: they are read by OCR.".into(),
        }),
        Ok(read) => {
            let pages = read.extracted.pages();
            let kind = read.extracted.kind.as_str().to_string();
            Ok(Parsed {
                letters: read.letters,
                text: read.extracted.text,
                kind,
                pages,
            })
        }
        Err(e) => Err(Failure {
            code: e.code().to_string(),
            message: e.to_string(),
        }),
    }
}

/// Parses pasted text.
pub fn parse_text(text: String) -> Parsed {
    let extracted = imr_read::Extracted::from_text(text);
    let letters = imr_read::letters(&extracted, None, imr_read::Options::default());
    Parsed {
        letters,
        text: extracted.text,
        kind: "text".into(),
        pages: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_recognised_by_content() {
        let p = parse_bytes(b"Case Number: CM16-0000001\n", None).unwrap();
        assert_eq!(p.kind, "text");
        assert_eq!(p.text, "Case Number: CM16-0000001\n");
        assert!(imr_pdf::is_pdf(b"%PDF-1.4\n%..."));
        assert!(!imr_pdf::is_pdf(b"Dear Sir, %PD"));
    }

    #[test]
    fn every_letter_of_a_file_is_answered() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/real/");
        let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).unwrap();
        let text = [
            read("format1_CM16-0237844.txt"),
            read("format1_CM16-0230548.txt"),
        ]
        .join("\n\n");
        let p = parse_bytes(text.as_bytes(), Some("two.txt")).unwrap();
        let cases: Vec<_> = p.letters.iter().map(|l| l.case_number.as_deref()).collect();
        assert_eq!(cases, [Some("CM16-0237844"), Some("CM16-0230548")]);
        let second = &p.letters[1].source;
        assert_eq!(second.index, 1);
        let [a, b] = second.span.unwrap();
        assert!(p.text[a..b].contains("CM16-0230548"));
        assert!(!p.text[a..b].contains("CM16-0237844"));
        // The same letters from pasted text.
        assert_eq!(parse_text(text).letters.len(), 2);
    }

    #[test]
    fn reply_round_trips_as_json() {
        let r = Reply::new(
            7,
            Err(Failure {
                code: "x".into(),
                message: "y".into(),
            }),
        );
        let s = serde_json::to_string(&r).unwrap();
        assert_eq!(s, r#"{"id":7,"err":{"code":"x","message":"y"}}"#);
        let back: Reply = serde_json::from_str(&s).unwrap();
        assert_eq!(back.id, 7);
        assert_eq!(back.into_result().unwrap_err().code, "x");
    }
}
