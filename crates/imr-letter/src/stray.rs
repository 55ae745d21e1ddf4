//! Text that belongs to no letter: a cover page, a fax header, an exhibit stamp before or
//! between letters. It is not read; where it holds what looks like part of a letter (a
//! section label, a section heading, a decision word ending a line) a warning says so, since
//! a letter whose beginning was lost may hide there.

use crate::diagnostics::WarningCode;
use crate::model::{Letter, Warning};
use crate::scan::{scan_line_decision, DECISION_WORDS};
use crate::text::Flat;

/// What looks like part of a letter.
const PARTS: [&str; 7] = [
    "Claims Administrator guideline",
    "MAXIMUS guideline",
    "Decision rationale",
    "CLINICAL CASE SUMMARY",
    "IMR ISSUES",
    "State(s) of Licensure",
    "has determined the request for",
];

/// Warns on `letter` if flat `[a, b)` (text that belongs to no letter, `where` it stands)
/// looks like part of a letter.
pub fn check(flat: &Flat, a: usize, b: usize, letter: &mut Letter, place: &str) {
    let part = PARTS
        .iter()
        .find_map(|p| flat.find(p, a, b).map(|at| (at, at + p.len())));
    let decision = || {
        DECISION_WORDS
            .iter()
            .filter_map(|w| flat.find(w, a, b))
            .find_map(|at| {
                let (s, e) = (flat.line_start(at, a), flat.line_end(at, b));
                scan_line_decision(flat, s, e).map(|d| d.word)
            })
    };
    let Some((s, e)) = part.or_else(decision) else {
        return;
    };
    let words = flat.value(s, e).map(|(v, _)| v).unwrap_or_default();
    letter.warnings.push(Warning {
        code: WarningCode::StrayText,
        message: format!("Text {place} holds '{words}', which looks like part of a letter but belongs to none that was found; it is not read."),
        span: flat.trim(a, b).map(|(a, b)| flat.span(a, b)),
        related: Some(flat.span(s, e)),
    });
}
