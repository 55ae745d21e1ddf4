//! The 2013 "Notice of Independent Medical Review Determination".
//!
//! Its items are sentences: "MAXIMUS Federal Services, Inc. has determined the request for X is
//! [not] medically necessary and appropriate." The list is given twice (a summary, then under
//! "A decision has been made ..."); each request is read once, from its first statement.

use std::collections::HashSet;

use crate::credentials;
use crate::diagnostics::{codes, Builder};
use crate::items::decision_of_word;
use crate::model::{Date, Item};
use crate::summary;

const REQUEST_FOR: &str = "has determined the request for ";
const SUMMARY: &str = "Case Summary:";

/// The phrases that end a request, and the decision they state.
const VERDICTS: [&str; 3] = [
    " is not medically necessary",
    " is notmedically necessary",
    " is medically necessary",
];

pub fn read(b: &mut Builder) {
    let flat = b.flat;
    let len = flat.len();
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

    let mut pos = 0;
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(at) = flat.find(REQUEST_FOR, pos, len) {
        let start = at + REQUEST_FOR.len();
        pos = start;
        let Some((v_at, verdict)) = VERDICTS
            .iter()
            .filter_map(|v| flat.find(v, start, (start + 600).min(len)).map(|i| (i, *v)))
            .min()
        else {
            continue;
        };
        let Some((request, span)) = flat.value(start, v_at) else {
            continue;
        };
        if !seen.insert(request.clone()) {
            continue;
        }
        let word_start = v_at + " is ".len();
        let word_end = word_start + verdict.len() - " is ".len();
        let decision = decision_of_word(&flat.as_str()[word_start..word_end])
            .unwrap_or(crate::model::Decision::Upheld);
        let n = b.letter.items.len();
        b.span(format!("/items/{n}/heading"), span);
        b.span(format!("/items/{n}/request"), span);
        b.span(
            format!("/items/{n}/decision"),
            flat.span(word_start, word_end),
        );
        b.letter.items.push(Item {
            heading: request.clone(),
            request,
            category: crate::model::Category::default(),
            decision,
            medically_necessary: decision == crate::model::Decision::Overturned,
            claims_administrator_guideline: None,
            maximus_guideline: None,
            citations: Vec::new(),
            rationale: None,
        });
        pos = word_end;
    }
    if b.letter.items.is_empty() {
        b.warn(
            codes::NO_ITEMS,
            "No 'has determined the request for ...' decision was found.",
            None,
        );
    }
    credentials::read(b, 0, len);
    match flat.find(SUMMARY, 0, len) {
        Some(at) => {
            let start = at + SUMMARY.len();
            b.letter.summary = b.text("/summary", start, len);
            summary::read_patient(b, start, len);
        }
        None => b.warn(
            codes::MISSING_SECTION,
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
    set: impl FnOnce(&mut crate::model::Dates, Date),
) {
    let flat = b.flat;
    let Some(at) = flat.find(phrase, 0, flat.len()) else {
        return;
    };
    let Some((ws, we)) = flat.words(at + phrase.len(), flat.len()).next() else {
        return;
    };
    if let Some(date) = b.date(pointer, "The date", ws, we) {
        set(&mut b.letter.dates, date);
    }
}
