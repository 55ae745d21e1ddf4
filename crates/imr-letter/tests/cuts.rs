//! Every corpus letter cut short at many places (inside the header, the summary, an item's
//! heading, its guidelines, its rationale, between items, mid-word, at line ends). A text that
//! stops anywhere but at the end of a sentence is always flagged `truncated`; one that stops at
//! a sentence's end is flagged unless what comes before reads as a whole letter (a letter cut
//! between two items is one, word for word). A cut letter's outcome is not given as a verdict
//! unless the items read already settle it. `cargo test -p imr-letter --test cuts -- --nocapture` prints the table
//! reported in BENCHMARKS.md.

mod common;

use std::collections::BTreeMap;

use common::*;
use imr_letter::{parse, Letter, Outcome, WarningCode};

/// The places to cut a letter at, by name: byte offsets into its text.
fn places(text: &str, l: &Letter) -> Vec<(&'static str, usize)> {
    let span = |p: &str| l.spans.get(p).copied();
    let mid = |p: &str| {
        span(p).map(|[s, e]| {
            let mut m = s + (e - s) / 2;
            while !text.is_char_boundary(m) {
                m += 1;
            }
            m
        })
    };
    let mut out = Vec::new();
    let mut push = |name, at: Option<usize>| {
        if let Some(at) = at.filter(|&a| a > 0 && a < text.len()) {
            out.push((name, at));
        }
    };
    push("inside the header", span("/dates/decision").map(|s| s[0]));
    push("inside the credentials", mid("/reviewer/specialties/0"));
    push("inside the summary", mid("/summary"));
    let last = l.items.len().saturating_sub(1);
    for k in [0, last] {
        let p = |f: &str| format!("/items/{k}/{f}");
        push("inside an item's heading", mid(&p("heading")));
        push(
            "right after an item's decision word",
            span(&p("decision")).map(|s| s[1]),
        );
        push("inside an item's guidelines", mid(&p("maximus_guideline")));
        push("inside an item's rationale", mid(&p("rationale")));
        // Just before the rationale's last sentence (its conclusion).
        let before_conclusion = span(&p("rationale")).and_then(|[s, e]| {
            let r = &text[s..e];
            let end = r.trim_end().trim_end_matches('.').len();
            r[..end].rfind(". ").map(|i| s + i + 2)
        });
        push("before a rationale's conclusion", before_conclusion);
    }
    if l.items.len() > 1 {
        push(
            "between two items",
            span(&format!("/items/{last}/heading")).map(|s| s[0]),
        );
    }
    // Mid-word and at line ends, at a few places through the letter.
    for frac in [0.3, 0.55, 0.8, 0.95] {
        let mut at = (text.len() as f64 * frac) as usize;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let word_start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word_end = text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| at + i);
        if word_end - word_start >= 4 {
            push("mid-word", Some(word_start + (word_end - word_start) / 2));
        }
        push("at a line end", text[..at].rfind('\n'));
    }
    out
}

/// Whether `cut` stops at the end of a sentence.
fn at_sentence_end(cut: &str) -> bool {
    cut.trim_end().ends_with(['.', '"', ')'])
}

#[derive(Default)]
struct Tally {
    cuts: usize,
    flagged: usize,
    /// Cuts at a sentence's end that read as a whole letter.
    whole_looking: usize,
    /// Cut letters whose outcome is given although the items read do not settle it.
    verdict: usize,
}

#[test]
fn every_cut_is_flagged() {
    let mut table: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut unflagged = Vec::new();
    for (name, text) in real_letters() {
        let whole = parse(&text);
        assert!(whole.warnings.is_empty(), "{name}: {:?}", whole.warnings);
        for (place, at) in places(&text, &whole) {
            let cut = &text[..at];
            let l = parse(cut);
            check_spans(cut, &l);
            let t = table.entry(place).or_default();
            t.cuts += 1;
            if l.warnings.iter().any(|w| w.code == WarningCode::Truncated) {
                t.flagged += 1;
                // Items all upheld (or all overturned) in a cut letter are no verdict.
                let mixed = l.outcome == Some(Outcome::PartiallyOverturned);
                if l.outcome.is_some() && !mixed {
                    t.verdict += 1;
                }
            } else if at_sentence_end(cut) {
                t.whole_looking += 1;
            } else {
                unflagged.push(format!("{name} cut {place} at {at}"));
            }
        }
    }
    println!("| where the text stops | cuts | flagged `truncated` | not flagged: stops at a sentence's end and reads as a whole letter | outcome given as a verdict |");
    println!("|---|---|---|---|---|");
    for (place, t) in &table {
        println!(
            "| {place} | {} | {} | {} | {} |",
            t.cuts, t.flagged, t.whole_looking, t.verdict
        );
    }
    assert!(table.values().all(|t| t.verdict == 0));
    assert!(unflagged.is_empty(), "not flagged: {unflagged:#?}");
}
