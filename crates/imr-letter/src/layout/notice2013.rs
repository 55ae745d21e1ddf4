//! The 2013 "Notice of Independent Medical Review Determination".
//!
//! Its items are sentences: "MAXIMUS Federal Services, Inc. has determined the request for X is
//! [not] medically necessary and appropriate." The list is given twice (a summary, then under
//! "A decision has been made ..."); each request is read once, from its first statement.

use std::collections::HashSet;

use super::{Landmark, LetterLayout};
use crate::diagnostics::{Builder, WarningCode};
use crate::items::decision_of_word;
use crate::model::{Date, Dates, Decision, Item, Layout};
use crate::scan::{find_at_line_start, Pass, Term};
use crate::text::{Flat, FlatRange};
use crate::{credentials, summary};

pub struct Notice2013;

const TITLE: &str = "Notice of Independent Medical Review Determination";
const REQUEST_FOR: &str = "has determined the request for ";
const SUMMARY: Term = Term::label("Case Summary");
/// How far after "the request for" its verdict may stand.
const REQUEST_REACH: usize = 600;

/// The phrases that end a request, and the decision they state.
const VERDICTS: [&str; 3] = [
    " is not medically necessary",
    " is notmedically necessary",
    " is medically necessary",
];

impl LetterLayout for Notice2013 {
    fn landmarks(&self, flat: &Flat, range: FlatRange) -> Vec<Landmark> {
        let mut marks = Vec::new();
        let mut pos = range.start();
        while let Some(at) = flat.find(TITLE, pos, range.end()) {
            pos = at + TITLE.len();
            // The title line: "MAXIMUS FEDERAL SERVICES, INC. Notice of ...".
            let start = flat.line_start(at, range.start());
            marks.push(Landmark {
                start,
                end: pos,
                found: crate::scan::TermMatch {
                    start,
                    words_end: pos,
                    end: pos,
                    fidelity: crate::vocab::Fidelity::Exact,
                },
                rank: 0,
                layout: 0,
            });
        }
        marks
    }

    fn read(&self, b: &mut Builder) -> bool {
        if b.flat.find(TITLE, b.range.start(), b.end()).is_none() {
            return false;
        }
        b.letter.layout = Layout::Notice2013;
        read(b);
        // A notice that stops mid-sentence was cut.
        let flat = b.flat;
        let last = flat.as_str()[b.range.start()..b.end()].chars().last();
        if !matches!(last, Some('.' | '!' | '?' | ')' | '"' | '\u{201d}' | ']')) {
            super::warn_truncated(b);
        }
        true
    }
}

fn read(b: &mut Builder) {
    let flat = b.flat;
    let (start, end) = (b.range.start(), b.end());
    read_prose_date(b, "Dated: ", "/dates/decision", |d, v| d.decision = Some(v));
    read_prose_date(
        b,
        "Review was filed on ",
        "/dates/application_received",
        |d, v| d.application_received = Some(v),
    );
    read_prose_date(
        b,
        "Utilization Review Denial dated ",
        "/dates/ur_denial",
        |d, v| d.ur_denial = Some(v),
    );
    read_prose_date(
        b,
        "was provided to the above parties on ",
        "/dates/assigned",
        |d, v| d.assigned = Some(v),
    );

    let mut pos = start;
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(at) = flat.find(REQUEST_FOR, pos, end) {
        let from = at + REQUEST_FOR.len();
        pos = from;
        let window = flat.range(from, from + REQUEST_REACH);
        let Some((v_at, verdict)) = VERDICTS
            .iter()
            .filter_map(|v| flat.find(v, from, window.end()).map(|i| (i, *v)))
            .min()
        else {
            continue;
        };
        let Some((request, span)) = flat.value(from, v_at) else {
            continue;
        };
        if !seen.insert(request.clone()) {
            continue;
        }
        let word_start = v_at + " is ".len();
        let word_end = word_start + verdict.len() - " is ".len();
        let decision = decision_of_word(&flat.as_str()[word_start..word_end]);
        let n = b.letter.items.len();
        b.span(format!("/items/{n}/heading"), span);
        b.span(format!("/items/{n}/request"), span);
        b.span(
            format!("/items/{n}/decision"),
            flat.span(word_start, word_end),
        );
        b.letter.items.push(Item {
            heading: Some(request.clone()),
            request: Some(request),
            category: crate::model::Category::default(),
            decision,
            medically_necessary: decision.map(|d| d == Decision::Overturned),
            claims_administrator_guideline: None,
            maximus_guideline: None,
            citations: Vec::new(),
            rationale: None,
        });
        pos = word_end;
    }
    if b.letter.items.is_empty() {
        b.warn(
            WarningCode::NoItems,
            "No 'has determined the request for ...' decision was found.",
            None,
        );
    }
    credentials::read(b, start, end);
    let summary = find_at_line_start(flat, start, end, SUMMARY, Pass::Exact)
        .or_else(|| find_at_line_start(flat, start, end, SUMMARY, Pass::Loose));
    match summary {
        Some(m) => {
            b.letter.summary = b.text("/summary", m.end, end);
            summary::read_patient(b, m.end, end);
        }
        None => b.warn(
            WarningCode::MissingSection,
            "The notice has no 'Case Summary:' section.",
            None,
        ),
    }
}

/// The date written right after `phrase`, if any.
fn read_prose_date(
    b: &mut Builder,
    phrase: &str,
    pointer: &str,
    set: impl FnOnce(&mut Dates, Date),
) {
    let flat = b.flat;
    let (start, end) = (b.range.start(), b.end());
    let Some(at) = flat.find(phrase, start, end) else {
        return;
    };
    let Some((ws, we)) = flat.words(at + phrase.len(), end).next() else {
        return;
    };
    if let Some(date) = b.date(pointer, || "The date".to_string(), ws, we) {
        set(&mut b.letter.dates, date);
    }
}
