//! Shared test helpers: the corpus on disk and the span invariants.
#![allow(dead_code)]

use std::path::PathBuf;

use imr_letter::{date_of_word, decision_of_word, sex_of_word, Letter};
use serde_json::Value;

/// `tests/corpus` at the repository root.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// The pypdf texts of the real letters, sorted by name: (file name, text).
pub fn real_letters() -> Vec<(String, String)> {
    texts_in(corpus_dir().join("real"))
}

/// The pdfminer texts of the same letters.
pub fn pdfminer_letters() -> Vec<(String, String)> {
    texts_in(corpus_dir().join("real/alt_pdfminer"))
}

pub fn read(rel: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn texts_in(dir: PathBuf) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// White space collapsed to single spaces, trimmed: how the spec compares text.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The spec's span invariants: every span is in bounds and on char boundaries, the text at each
/// span gives its field's value, and every non-null text, date and decision field has a span.
pub fn check_spans(text: &str, letter: &Letter) {
    let json = serde_json::to_value(letter).unwrap();
    for (pointer, &[s, e]) in &letter.spans {
        assert!(
            s <= e && e <= text.len(),
            "{pointer}: span {s}..{e} out of bounds"
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "{pointer}: not on char boundaries"
        );
        let source = collapse(&text[s..e]);
        let value = json
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{pointer}: no such field"));
        // A value read loosely (a state name through OCR's confusions), or a decision read from
        // its rationale's conclusion, says so in a warning that points at the same words.
        let loose = letter.warnings.iter().any(|w| {
            matches!(
                w.code,
                imr_letter::WarningCode::LooseReading
                    | imr_letter::WarningCode::DecisionFromRationale
            ) && w.span == Some([s, e])
        });
        let ok = if loose {
            true
        } else if pointer.starts_with("/dates/") {
            date_of_word(&source).map(|d| d.to_string()).as_deref() == value.as_str()
        } else if pointer.ends_with("/decision") {
            decision_of_word(&source).map(|d| d.as_str()) == value.as_str()
        } else if pointer == "/patient/sex" {
            sex_of_word(&source).map(|s| s.as_str()) == value.as_str()
        } else if pointer == "/patient/age" || pointer.ends_with("/year") {
            source.parse::<u64>().ok() == value.as_u64()
        } else {
            value.as_str() == Some(source.as_str())
        };
        assert!(
            ok,
            "{pointer}: source {source:?} does not give value {value}"
        );
    }
    let mut leaves = Vec::new();
    spanned_leaves(&json, String::new(), &mut leaves);
    for pointer in leaves {
        assert!(
            letter.spans.contains_key(&pointer),
            "{pointer} has a value but no span"
        );
    }
}

/// Pointers of the non-null string leaves that must have a span (enumerations of the letter as
/// a whole, warnings, and the enumerations of items and citations are not read from one place:
/// a category's type and subtype, a citation's source and guideline). A category's term, a
/// citation's chapter, year and sections have spans.
fn spanned_leaves(v: &Value, pointer: String, out: &mut Vec<String>) {
    let skip = [
        "/schema_version",
        "/layout",
        "/outcome",
        "/warnings",
        "/spans",
    ];
    if skip
        .iter()
        .any(|s| pointer == *s || pointer.starts_with(&format!("{s}/")))
        || [
            "/source",
            "/guideline",
            "/category/type",
            "/category/subtype",
        ]
        .iter()
        .any(|s| pointer.ends_with(s))
    {
        return;
    }
    match v {
        Value::String(_) => out.push(pointer),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| spanned_leaves(x, format!("{pointer}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| spanned_leaves(x, format!("{pointer}/{i}"), out)),
        _ => {}
    }
}

/// The letter as JSON without spans (for comparing two extractions of the same letter).
pub fn without_spans(letter: &Letter) -> Value {
    let mut l = letter.clone();
    l.spans.clear();
    l.source.span = None;
    l.warnings.iter_mut().for_each(|w| {
        w.span = None;
        w.related = None;
    });
    serde_json::to_value(l).unwrap()
}
