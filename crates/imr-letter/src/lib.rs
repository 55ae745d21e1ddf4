//! Parses the text of a California workers' compensation IMR Final Determination Letter
//! into the structure of Letter JSON v1 (`docs/letter-json-v1.md`).
//!
//! Parsing never fails: [`parse`] always returns a [`Letter`]; what it could not read or was
//! unsure of is in [`Letter::warnings`], each with a stable code ([`codes`]). Every non-null text,
//! date and decision field has a byte span into the input in [`Letter::spans`].
//!
//! The input is first collapsed ([`text::Flat`]): white space runs become one byte that keeps
//! whether it was a space, a line break or a paragraph break, mapped back to input offsets. Each
//! module then reads one part of the letter from that text.

mod category;
mod credentials;
pub mod csv;
mod date;
mod diagnostics;
mod guideline;
mod header;
mod items;
mod model;
mod notice2013;
pub mod stats;
mod summary;
mod text;

pub use date::date_of_word;
pub use diagnostics::codes;
pub use items::decision_of_word;
pub use model::*;
pub use summary::sex_of_word;

pub use category::annotate;
use diagnostics::Builder;
use text::Flat;

const HOW_MADE: &str = "HOW THE IMR FINAL DETERMINATION WAS MADE";
const CASE_SUMMARY: &str = "CLINICAL CASE SUMMARY";
const ISSUES: &str = "IMR ISSUES, DECISIONS AND RATIONALES";
const SET_FORTH: &str = "set forth below:";
const NOTICE_2013: &str = "Notice of Independent Medical Review Determination";

/// Parses one letter's text. Never panics; linear in the length of the text.
pub fn parse(text: &str) -> Letter {
    let flat = Flat::new(text);
    let mut b = Builder::new(&flat);
    let len = flat.len();
    let how = flat.find(HOW_MADE, 0, len);
    let issues = flat.find(ISSUES, 0, len);
    let summary = flat.find(CASE_SUMMARY, 0, len);
    if how.is_some() || issues.is_some() {
        b.letter.layout = Layout::FinalDetermination;
        read_final_determination(&mut b, how, summary, issues);
    } else if flat.find(NOTICE_2013, 0, len).is_some() {
        b.letter.layout = Layout::Notice2013;
        notice2013::read(&mut b);
    } else {
        let message = if len == 0 {
            "The text is empty: there is no letter to read."
        } else {
            "This text is not an IMR Final Determination Letter the parser knows: none of its section headings (such as 'HOW THE IMR FINAL DETERMINATION WAS MADE') were found."
        };
        b.warn(codes::UNRECOGNIZED_LAYOUT, message, None);
        return b.letter;
    }
    check_truncated(&mut b);
    category::annotate(&mut b.letter, text);
    b.letter.outcome = Outcome::from_decisions(b.letter.items.iter().map(|i| i.decision));
    b.letter
}

fn read_final_determination(
    b: &mut Builder,
    how: Option<usize>,
    summary: Option<usize>,
    issues: Option<usize>,
) {
    let len = b.flat.len();
    let first_section = [how, summary, issues]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(len);
    header::read(b, first_section);
    for (found, name) in [(how, HOW_MADE), (summary, CASE_SUMMARY), (issues, ISSUES)] {
        if found.is_none() {
            b.warn(
                codes::MISSING_SECTION,
                format!("The letter has no '{name}' section."),
                None,
            );
        }
    }
    let summary_start = summary.map(|s| s + CASE_SUMMARY.len());
    let issues_start = issues.map(|s| s + ISSUES.len());
    if let Some(h) = how {
        let end = summary.or(issues).filter(|&e| e > h).unwrap_or(len);
        if !credentials::read(b, h + HOW_MADE.len(), end) {
            b.warn(
                codes::MISSING_SECTION,
                "The expert reviewer's credentials were not found.",
                Some((h, end)),
            );
        }
    }
    if let Some(s) = summary_start {
        let end = issues.filter(|&e| e > s).unwrap_or(len);
        summary::read(b, s, end);
    }
    let items_from = issues_start.or(summary_start).unwrap_or(0);
    let items_from = b
        .flat
        .find(SET_FORTH, items_from, len)
        .map_or(items_from, |at| at + SET_FORTH.len());
    items::read(b, items_from);
}

/// A cut-off letter: a Final Determination whose last item has no rationale, or a 2013 notice
/// that stops mid-sentence. (Complete letters may end without a full stop, so that alone does
/// not tell for a Final Determination.)
fn check_truncated(b: &mut Builder) {
    let flat = b.flat;
    let cut = match b.letter.layout {
        Layout::FinalDetermination => b.letter.items.last().is_some_and(|i| i.rationale.is_none()),
        _ => {
            let last = flat.as_str().chars().last();
            !matches!(last, Some('.' | '!' | '?' | ')' | '"' | '\u{201d}' | ']'))
        }
    };
    if cut {
        let tail = flat.len().saturating_sub(40);
        let tail = (tail..flat.len())
            .find(|&i| flat.as_str().is_char_boundary(i))
            .unwrap_or(tail);
        b.warn(
            codes::TRUNCATED,
            "The text stops before the letter ends; what follows the last words is missing.",
            Some((tail, flat.len())),
        );
    }
}
