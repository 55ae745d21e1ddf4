//! The 12 real letters re-saved or printed to PDF by other tools (`tests/corpus/forms/pdf/<tool>/`,
//! made by `tools/make-forms.py`): each reads with the same words, in the same order, as the
//! original PDF, and its text parses to the same Letter as the corpus text (spans aside).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{corpus, real_pdfs, words};

/// The tools, as directories under `tests/corpus/forms/pdf/`.
const TOOLS: [&str; 4] = ["qpdf", "qpdf-qdf", "gs", "pdftocairo"];

/// pdftocairo draws no glyph for a space, so the blank lines of the letters (a line holding one
/// space) are lost from its PDFs, and an item heading follows the item before with no paragraph
/// break.
const HEADINGS_CUT: &str =
    "no blank line before item headings: each is read, with ambiguous-heading";
const OPIOID_NOTICE: &str = "no blank line before an item heading that follows an opioid item: \
     the notice after its rationale's conclusion (\"This decision addresses the medical necessity \
     of opioids ...\") is taken into the next item's heading and request";

/// (tool, letter, why its Letter differs today).
const KNOWN: &[(&str, &str, &str)] = &[
    ("pdftocairo", "format1_CM16-0242419", HEADINGS_CUT),
    ("pdftocairo", "format1_CM16-0246487", OPIOID_NOTICE),
    ("pdftocairo", "format1_CM16-0247287", HEADINGS_CUT),
    ("pdftocairo", "format1_CM17-0007142", HEADINGS_CUT),
    ("pdftocairo", "format1_CM17-0010420", HEADINGS_CUT),
];

/// Every re-saved PDF: (tool, letter, bytes, the corpus text of the letter).
fn forms() -> Vec<(&'static str, String, Vec<u8>, String)> {
    let originals = real_pdfs();
    let mut out = Vec::new();
    for tool in TOOLS {
        for (name, _, txt) in &originals {
            let path = corpus()
                .join("forms/pdf")
                .join(tool)
                .join(format!("{name}.pdf"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.push((tool, name.clone(), bytes, txt.clone()));
        }
    }
    assert_eq!(out.len(), 48);
    out
}

#[test]
fn resaved_pdfs_read_the_same_words_in_the_same_order() {
    let originals: Vec<(String, String)> = real_pdfs()
        .into_iter()
        .map(|(name, pdf, _)| (name, imr_pdf::extract_text(&pdf).unwrap().text))
        .collect();
    for (tool, name, pdf, _) in forms() {
        let (_, original) = originals.iter().find(|(n, _)| *n == name).unwrap();
        let out = imr_pdf::extract_text(&pdf).unwrap_or_else(|e| panic!("{tool}/{name}: {e}"));
        assert_eq!(words(&out.text), words(original), "{tool}/{name}");
        assert_eq!(out.warnings, vec![], "{tool}/{name}");
    }
}

fn without_spans(mut letter: imr_letter::Letter) -> imr_letter::Letter {
    letter.spans.clear();
    letter.source.span = None;
    for w in &mut letter.warnings {
        w.span = None;
    }
    letter
}

#[test]
fn resaved_pdfs_parse_like_the_corpus_text() {
    let (mut unexpected, mut fixed) = (Vec::new(), Vec::new());
    for (tool, name, pdf, txt) in forms() {
        let text = imr_pdf::extract_text(&pdf).unwrap().text;
        let same =
            without_spans(imr_letter::parse(&text)) == without_spans(imr_letter::parse(&txt));
        let known = KNOWN.iter().any(|(t, n, _)| *t == tool && *n == name);
        match (same, known) {
            (false, false) => unexpected.push(format!("{tool}/{name}")),
            (true, true) => fixed.push(format!("{tool}/{name}")),
            _ => {}
        }
    }
    assert!(unexpected.is_empty(), "parsed differently: {unexpected:?}");
    assert!(
        fixed.is_empty(),
        "now parsed the same: remove from KNOWN: {fixed:?}"
    );
}
