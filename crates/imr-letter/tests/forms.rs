//! Every way a letter's text arrives: the 12 real letters as other tools extract them
//! (`tests/corpus/forms/<tool>/`, made by `tools/make-forms.py`) parse to the same Letter as
//! the corpus text of the same letter (pypdf's), spans aside. The re-saved PDFs are read and
//! compared in `crates/imr-pdf/tests/forms.rs`.
//!
//! Words hyphenated at a line end are compared joined: pdftotext and PDFium join them and drop
//! the hyphen ("electromyography"), pypdf keeps both parts ("electro- myography" once white
//! space is collapsed). There the texts differ, not their reading.
//!
//! Differences known today are listed in [`KNOWN`], each with its cause; an entry that parses
//! the same now fails the test until it is removed, so the list only shrinks.

mod common;

use common::corpus_dir;
use imr_letter::{parse, Letter};
use serde_json::Value;

/// Text forms: the directory under `tests/corpus/forms/`.
const FORMS: [&str; 3] = ["pdftotext", "pdftotext-layout", "pdfium"];

/// Causes of the differences known today. pdftotext (plain) and PDFium leave out the blank
/// lines of the letters (pypdf keeps them, as a line holding one space), so an item heading
/// follows the item before with no paragraph break.
const HEADINGS_CUT: &str =
    "no blank line before item headings: each is read, with ambiguous-heading";
const OPIOID_NOTICE: &str = "no blank line before an item heading that follows an opioid item: \
     the notice after its rationale's conclusion (\"This decision addresses the medical necessity \
     of opioids ...\") is taken into the next item's heading and request";
const PAGE_BREAK: &str = "a page break inside a rationale (pdftotext's blank line and form feed) \
     reads as a lost page: truncated, no outcome, the rest of the rationale in the next heading";

/// (form, letter, why it parses differently today).
const KNOWN: &[(&str, &str, &str)] = &[
    ("pdftotext", "format1_CM16-0230548", HEADINGS_CUT),
    ("pdftotext", "format1_CM16-0230651", OPIOID_NOTICE),
    ("pdftotext", "format1_CM16-0242419", HEADINGS_CUT),
    ("pdftotext", "format1_CM16-0246487", OPIOID_NOTICE),
    ("pdftotext", "format1_CM16-0247287", HEADINGS_CUT),
    ("pdftotext", "format1_CM16-0247802", OPIOID_NOTICE),
    ("pdftotext", "format1_CM16-0248698", PAGE_BREAK),
    ("pdftotext", "format1_CM17-0007142", HEADINGS_CUT),
    ("pdftotext", "format1_CM17-0010420", HEADINGS_CUT),
    ("pdftotext", "format1_CM17-0010885", HEADINGS_CUT),
    ("pdfium", "format1_CM16-0230548", HEADINGS_CUT),
    ("pdfium", "format1_CM16-0230651", OPIOID_NOTICE),
    ("pdfium", "format1_CM16-0242419", HEADINGS_CUT),
    ("pdfium", "format1_CM16-0246487", OPIOID_NOTICE),
    ("pdfium", "format1_CM16-0247287", HEADINGS_CUT),
    ("pdfium", "format1_CM16-0247802", OPIOID_NOTICE),
    ("pdfium", "format1_CM16-0248698", OPIOID_NOTICE),
    ("pdfium", "format1_CM17-0007142", HEADINGS_CUT),
    ("pdfium", "format1_CM17-0010420", HEADINGS_CUT),
    ("pdfium", "format1_CM17-0010885", HEADINGS_CUT),
];

/// `letter` as JSON without spans (they point into different texts), words hyphenated at a
/// line end joined.
fn comparable(mut letter: Letter) -> Value {
    letter.spans.clear();
    letter.source.span = None;
    for w in &mut letter.warnings {
        w.span = None;
    }
    let mut json = serde_json::to_value(&letter).unwrap();
    join_hyphenated(&mut json);
    json
}

/// Joins "electro- myography" (a letter or digit, `-`, a space, a letter or digit) in every
/// string of `value`.
fn join_hyphenated(value: &mut Value) {
    match value {
        Value::String(s) => {
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::with_capacity(s.len());
            let mut i = 0;
            while i < chars.len() {
                let joined = chars[i] == '-'
                    && i > 0
                    && chars[i - 1].is_alphanumeric()
                    && chars.get(i + 1) == Some(&' ')
                    && chars.get(i + 2).is_some_and(|c| c.is_alphanumeric());
                if joined {
                    i += 2;
                } else {
                    out.push(chars[i]);
                    i += 1;
                }
            }
            *s = out;
        }
        Value::Array(items) => items.iter_mut().for_each(join_hyphenated),
        Value::Object(fields) => fields.values_mut().for_each(join_hyphenated),
        _ => {}
    }
}

/// The fields of `a` and `b` that differ, with both values, one a line.
fn differences(a: &Value, b: &Value) -> String {
    let mut out = Vec::new();
    diff("", a, b, &mut out);
    out.join("\n")
}

fn diff(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                diff(
                    &format!("{path}/{k}"),
                    v,
                    y.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}/{i}"), v, w, out);
            }
        }
        _ if a != b => out.push(format!("  {path}: {a} | corpus: {b}")),
        _ => {}
    }
}

#[test]
fn every_text_form_parses_like_the_corpus_text() {
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut compared = 0;
    for form in FORMS {
        let dir = corpus_dir().join("forms").join(form);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        assert_eq!(names.len(), 12, "{form}");
        for name in names {
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            let corpus = std::fs::read_to_string(corpus_dir().join("real").join(&name)).unwrap();
            let got = comparable(parse(&text));
            let want = comparable(parse(&corpus));
            let stem = name.trim_end_matches(".txt");
            let known = KNOWN.iter().any(|(f, n, _)| *f == form && *n == stem);
            compared += 1;
            match (got == want, known) {
                (false, false) => {
                    unexpected.push(format!("{form}/{stem}:\n{}", differences(&got, &want)))
                }
                (true, true) => fixed.push(format!("{form}/{stem}")),
                _ => {}
            }
        }
    }
    assert_eq!(compared, 36);
    assert!(
        unexpected.is_empty(),
        "parsed differently from the corpus text:\n{}",
        unexpected.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "now parsed like the corpus text: remove from KNOWN: {fixed:?}"
    );
}

#[test]
fn known_differences_name_real_files() {
    for (form, stem, why) in KNOWN {
        assert!(FORMS.contains(form), "{form}");
        let path = corpus_dir()
            .join("forms")
            .join(form)
            .join(format!("{stem}.txt"));
        assert!(path.exists(), "{}", path.display());
        assert!(!why.is_empty());
    }
}
