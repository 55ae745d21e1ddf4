//! The disputed items of a Final Determination Letter: heading, decision, the two guideline
//! paragraphs, the reviewer's citations and the rationale.
//!
//! An item is a heading ending in a decision word (`...: Upheld`, the word perhaps on the next
//! line), then its `Claims Administrator guideline:`, `MAXIMUS guideline:` and `Decision
//! rationale:` paragraphs. Both kinds of landmark are found, each through the vocabulary's
//! tolerances (case, punctuation, OCR), and then read together as one sequence, so that each
//! checks the other:
//! - a decision word whose heading starts after a blank line starts an item;
//! - a decision word inside a paragraph starts one only when a `Claims Administrator guideline:`
//!   follows it at once (its heading is then its line: `ambiguous-heading`); otherwise it is a
//!   rationale's own words (`Prior IMR for the same therapy: Upheld`);
//! - a section label that cannot belong to the item before (a second `MAXIMUS guideline:`)
//!   starts an item of its own whose heading was lost: it is kept, its decision empty, with a
//!   warning, rather than folded into the item before.

use crate::conclusion;
use crate::diagnostics::{Builder, WarningCode};
use crate::model::{Category, Citation, CitationSource, Decision, Item};
use std::collections::HashSet;

use crate::scan::{
    find_exact, scan_line_decision, scan_term, DecisionMatch, Pass, Term, TermMatch, DECISION_WORDS,
};
use crate::text::{is_ws_byte, Flat, PARA};
use crate::vocab::Fidelity;

const CLAIMS: Term = Term::label("Claims Administrator guideline");
const MAXIMUS: Term = Term::label("MAXIMUS guideline");
const RATIONALE: Term = Term::label("Decision rationale");
const BASED_ON: &str = "Decision based on ";
const ORIGINAL_REQUEST: &str = "original request, ";

/// The three paragraphs of an item, in their order.
const SECTIONS: [Term; 3] = [CLAIMS, MAXIMUS, RATIONALE];

/// The decision a decision word (or the 2013 notice's phrase) states, read through the
/// vocabulary's tolerances.
pub fn decision_of_word(word: &str) -> Option<Decision> {
    let w = word.trim().to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w.starts_with("not medically necessary") || w.starts_with("notmedically necessary") {
        Some(Decision::Upheld)
    } else if w.starts_with("medically necessary") {
        Some(Decision::Overturned)
    } else {
        crate::scan::scan_decision_word(&w.split_whitespace().collect::<String>()).map(|(d, _)| d)
    }
}

/// A landmark of the items part, in text order.
#[derive(Debug, Clone, Copy)]
enum Event {
    Decision(DecisionMatch),
    /// One of [`SECTIONS`] (its index) found at `TermMatch`.
    Section(usize, TermMatch),
}

impl Event {
    fn start(&self) -> usize {
        match self {
            Event::Decision(d) => d.word.0,
            Event::Section(_, m) => m.start,
        }
    }
}

/// An item as its landmarks were found.
#[derive(Debug, Default)]
struct Draft {
    /// Where the item starts (its heading, or its first paragraph when the heading is lost).
    start: usize,
    heading: Option<(usize, usize)>,
    decision: Option<DecisionMatch>,
    sections: [Option<TermMatch>; 3],
}

impl Draft {
    /// The index of the last section found, if any.
    fn last_section(&self) -> Option<usize> {
        self.sections.iter().rposition(Option::is_some)
    }
}

/// Reads the items in flat `[from, end)`.
pub fn read(b: &mut Builder, from: usize, end: usize) -> Vec<ItemEnd> {
    // Terms as written first; read again loosely only if what was found does not add up.
    let mut found = assemble(b.flat, &landmarks(b, from, end, Pass::Exact), from);
    if !found.adds_up() {
        found = assemble(b.flat, &landmarks(b, from, end, Pass::Loose), from);
    }
    let Assembly { drafts, notes } = found;
    for (code, message, at) in notes {
        b.warn(code, message, Some(at));
    }
    let mut ends = Vec::with_capacity(drafts.len());
    for (n, d) in drafts.iter().enumerate() {
        let body_end = drafts.get(n + 1).map_or(end, |next| next.start);
        // The last item's rationale may be followed by what stands between two letters.
        let leave = n + 1 == drafts.len() && b.more_letters;
        ends.push(read_item(b, n, d, body_end, leave));
    }
    if drafts.is_empty() {
        b.warn(
            WarningCode::NoItems,
            "No disputed item with an Upheld or Overturned decision was found.",
            None,
        );
    }
    ends
}

/// The decision words and section labels of `[from, end)`, in text order.
fn landmarks(b: &Builder, from: usize, end: usize, pass: Pass) -> Vec<Event> {
    let flat = b.flat;
    let mut sections: Vec<Event> = Vec::new();
    // Labels as written, wherever they stand (after a decision word on its line, too)...
    for (k, term) in SECTIONS.iter().enumerate() {
        sections.extend(
            find_exact(flat, from, end, *term)
                .into_iter()
                .map(|m| Event::Section(k, m)),
        );
    }
    // ...and, read loosely, at the start of a line.
    if pass == Pass::Loose {
        let exact: HashSet<usize> = sections.iter().map(Event::start).collect();
        for (s, e) in flat.lines(from, end) {
            let s = flat.skip_spaces(s, e);
            if exact.contains(&s) {
                continue;
            }
            if let Some((k, m)) = SECTIONS
                .iter()
                .enumerate()
                .find_map(|(k, t)| scan_term(flat, s, end, *t, Pass::Loose).map(|m| (k, m)))
            {
                sections.push(Event::Section(k, m));
            }
        }
    }
    sections.sort_by_key(Event::start);
    // Decision words end a line, or the part of a line before a label. Read as written, the
    // lines to look at are those that hold one of the words.
    let lines: Vec<(usize, usize)> = match pass {
        Pass::Loose => flat.lines(from, end).collect(),
        Pass::Exact => {
            let mut at: Vec<usize> = DECISION_WORDS
                .iter()
                .flat_map(|w| {
                    let mut found = Vec::new();
                    let mut pos = from;
                    while let Some(i) = flat.find(w, pos, end) {
                        found.push(i);
                        pos = i + w.len();
                    }
                    found
                })
                .collect();
            at.sort_unstable();
            let mut lines: Vec<(usize, usize)> = at
                .into_iter()
                .map(|i| (flat.line_start(i, from), flat.line_end(i, end)))
                .collect();
            lines.dedup();
            lines
        }
    };
    let mut events = Vec::new();
    let mut next_section = 0;
    for (s, e) in lines {
        while next_section < sections.len() && sections[next_section].start() < s {
            next_section += 1;
        }
        let cut = sections
            .get(next_section)
            .map(Event::start)
            .filter(|&at| at < e)
            .unwrap_or(e);
        if cut > s && flat.trim(s, cut).is_some() {
            if let Some(d) = scan_line_decision(flat, s, cut) {
                if pass == Pass::Loose || d.fidelity == Fidelity::Exact {
                    events.push(Event::Decision(d));
                }
            }
        }
    }
    events.extend(sections);
    events.sort_by_key(Event::start);
    events
}

/// Items as read from their landmarks, and what was noticed on the way.
struct Assembly {
    drafts: Vec<Draft>,
    /// Warnings to give if this reading is kept: code, message, flat range.
    notes: Vec<(WarningCode, String, (usize, usize))>,
}

impl Assembly {
    /// Whether every item has its decision and its three paragraphs, with nothing out of place.
    fn adds_up(&self) -> bool {
        !self.drafts.is_empty()
            && self.notes.is_empty()
            && self
                .drafts
                .iter()
                .all(|d| d.decision.is_some() && d.sections.iter().all(Option::is_some))
    }
}

/// Reads the landmarks as a sequence of items.
fn assemble(flat: &Flat, events: &[Event], from: usize) -> Assembly {
    let bytes = flat.as_str().as_bytes();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut notes = Vec::new();
    // The end of the last landmark taken: a heading starts after it.
    let mut floor = from;
    for (i, ev) in events.iter().enumerate() {
        match *ev {
            Event::Decision(d) => {
                if d.heading_end < floor {
                    continue;
                }
                let para = bytes[floor..d.heading_end].iter().rposition(|&c| c == PARA);
                let heading_start = match para {
                    Some(p) => floor + p + 1,
                    // The first item, or one after an item that has nothing but its heading.
                    None if drafts.last().is_none_or(|d| d.last_section().is_none()) => floor,
                    None => {
                        // Inside a paragraph: an item only if its first label follows at once.
                        let next_is_claims = matches!(
                            events.get(i + 1),
                            Some(Event::Section(0, m)) if flat.trim(d.word.1, m.start).is_none()
                        );
                        if !next_is_claims {
                            continue;
                        }
                        // The heading starts after the rationale's conclusion ("... is not
                        // medically necessary."), else on its own line.
                        let start = after_conclusion(flat, floor, d.heading_end)
                            .unwrap_or_else(|| flat.line_start(d.heading_end, floor));
                        notes.push((
                            WarningCode::AmbiguousHeading,
                            "An item heading does not start after a blank line; it is taken to start after the rationale before it ends.".to_string(),
                            (start, d.word.1),
                        ));
                        start
                    }
                };
                let Some((hs, he)) = flat.trim(heading_start, d.heading_end) else {
                    continue;
                };
                drafts.push(Draft {
                    start: hs,
                    heading: Some((hs, he)),
                    decision: Some(d),
                    sections: [None; 3],
                });
                floor = d.word.1;
            }
            Event::Section(k, m) => {
                if m.start < floor {
                    continue;
                }
                let fits = drafts
                    .last()
                    .is_some_and(|d| d.last_section().is_none_or(|last| last < k));
                if !fits {
                    drafts.push(lost_heading(flat, floor, k, m, &mut notes));
                }
                if let Some(d) = drafts.last_mut() {
                    d.sections[k] = Some(m);
                }
                floor = m.end;
            }
        }
    }
    Assembly { drafts, notes }
}

/// Just past the sentence that concludes a rationale ("... is medically necessary.") in
/// `[from, to)`, if one ends there before other words.
fn after_conclusion(flat: &Flat, from: usize, to: usize) -> Option<usize> {
    let at = flat.rfind("medically necessary", from, to)?;
    let text = flat.as_str().as_bytes();
    let dot =
        (at..to).find(|&i| text[i] == b'.' && text.get(i + 1).is_none_or(|&c| is_ws_byte(c)))?;
    flat.trim(dot + 1, to).map(|(s, _)| s)
}

/// An item found by a section label that cannot belong to the item before: its heading is
/// the paragraph before the label, if there is one; its decision word could not be read.
fn lost_heading(
    flat: &Flat,
    floor: usize,
    k: usize,
    m: TermMatch,
    notes: &mut Vec<(WarningCode, String, (usize, usize))>,
) -> Draft {
    let bytes = flat.as_str().as_bytes();
    // The last paragraph before the label, if it is not the previous paragraph's own text;
    // its heading runs to the colon before its (unreadable) last word.
    let heading = if k == 0 {
        flat.trim(floor, m.start).and_then(|(_, end)| {
            let para = bytes[floor..end].iter().rposition(|&c| c == PARA)?;
            let (hs, he) = flat.trim(floor + para + 1, end)?;
            let colon = bytes[hs..he]
                .iter()
                .rposition(|&c| c == b':')
                .map(|c| hs + c);
            let last_word_only = colon.is_some_and(|c| {
                flat.trim(c + 1, he)
                    .is_some_and(|(ws, we)| !bytes[ws..we].iter().any(|&b| is_ws_byte(b)))
            });
            match colon {
                Some(c) if last_word_only => flat.trim(hs, c),
                _ => Some((hs, he)),
            }
        })
    } else {
        None
    };
    let written = SECTIONS[k].written();
    // With a heading, its decision comes from its rationale's conclusion, or is left empty
    // with a warning (see `read_item`); without one, the item is a guess, and said to be.
    if heading.is_none() {
        notes.push((
            WarningCode::ItemMismatch,
            format!("A '{written}' paragraph stands where the item before already had one, with no item heading before it: it is read as an item whose heading and decision are lost."),
            (m.start, m.end),
        ));
    }
    Draft {
        start: heading.map_or(m.start, |h| h.0),
        heading,
        decision: None,
        sections: [None; 3],
    }
}

fn read_item(b: &mut Builder, n: usize, d: &Draft, body_end: usize, leave: bool) -> ItemEnd {
    let flat = b.flat;
    let p = format!("/items/{n}");
    let (heading, request) = match d.heading {
        Some((hs, he)) => {
            let heading = b.text(format!("{p}/heading"), hs, he);
            // The request: X of "... the original request, X is:", else the whole heading.
            let original = flat.rfind(ORIGINAL_REQUEST, hs, he).and_then(|at| {
                let start = at + ORIGINAL_REQUEST.len();
                b.text(
                    format!("{p}/request"),
                    start,
                    strip_is(flat.as_str(), start, he),
                )
            });
            let request = original
                .or_else(|| b.text(format!("{p}/request"), hs, strip_is(flat.as_str(), hs, he)));
            (heading, request)
        }
        None => (None, None),
    };
    let mut decision = d.decision.map(|dm| {
        b.span(format!("{p}/decision"), flat.span(dm.word.0, dm.word.1));
        let word = if dm.decision == Decision::Upheld {
            "the decision Upheld"
        } else {
            "the decision Overturned"
        };
        if dm.fidelity == Fidelity::Loose {
            b.loose(
                dm.fidelity,
                || format!("{word} (item {})", n + 1),
                dm.word.0,
                dm.word.1,
            );
        }
        dm.decision
    });
    // Each paragraph runs to the next one found, or to the item's end.
    let starts: Vec<Option<usize>> = d.sections.iter().map(|s| s.map(|m| m.start)).collect();
    // The rationale's conclusion, and where the rationale (and so the item) ends.
    let concluded = d.sections[2].and_then(|m| conclusion::read(flat, m.end, body_end, leave));
    let body_end = concluded.map_or(body_end, |c| c.end);
    let end_of = |k: usize| {
        starts[k + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(body_end)
    };
    let mut texts: [Option<String>; 3] = [None, None, None];
    let names = [
        "claims_administrator_guideline",
        "maximus_guideline",
        "rationale",
    ];
    for k in 0..3 {
        if let Some(m) = d.sections[k] {
            b.loose(
                m.fidelity,
                || format!("the label '{}'", SECTIONS[k].written()),
                m.start,
                m.end,
            );
            texts[k] = b.text(format!("{p}/{}", names[k]), m.end, end_of(k));
        } else {
            b.warn(
                WarningCode::MissingSection,
                format!(
                    "Item {} has no '{}' paragraph.",
                    n + 1,
                    SECTIONS[k].written()
                ),
                Some((d.start, d.decision.map_or(d.start + 1, |dm| dm.word.1))),
            );
        }
    }
    let citations = match d.sections[1] {
        Some(m) => read_citations(b, &p, m.end, end_of(1)),
        None => Vec::new(),
    };
    // The rationale's conclusion checks the decision, or supplies an unreadable one.
    let item = n + 1;
    match (decision, concluded) {
        (Some(dec), Some(c)) if (dec == Decision::Overturned) != c.necessary => {
            let dm = d.decision.map_or((0, 0), |dm| dm.word);
            b.warn_both(
                WarningCode::DecisionConflict,
                format!(
                    "Item {item} is {}, but its rationale concludes that the request is {}medically necessary; check the letter.",
                    if dec == Decision::Upheld { "Upheld" } else { "Overturned" },
                    if c.necessary { "" } else { "not " }
                ),
                dm,
                c.phrase,
            );
        }
        (None, Some(c)) => {
            let dec = if c.necessary {
                Decision::Overturned
            } else {
                Decision::Upheld
            };
            b.span(format!("{p}/decision"), flat.span(c.phrase.0, c.phrase.1));
            b.warn(
                WarningCode::DecisionFromRationale,
                format!(
                    "Item {item}'s decision word cannot be read; its rationale concludes that the request is {}medically necessary, so it is read as {}.",
                    if c.necessary { "" } else { "not " },
                    if c.necessary { "Overturned" } else { "Upheld" }
                ),
                Some(c.phrase),
            );
            decision = Some(dec);
        }
        (None, None) => b.warn(
            WarningCode::UnreadableDecision,
            format!("Item {item}'s decision word cannot be read, nor does its rationale conclude; its decision is left empty."),
            d.heading.or(Some((d.start, d.start + 1))),
        ),
        _ => {}
    }
    let complete = d.sections.iter().all(Option::is_some) && concluded.is_some();
    let [claims, maximus, rationale] = texts;
    b.letter.items.push(Item {
        heading,
        request,
        category: Category::default(),
        decision,
        medically_necessary: decision.map(|d| d == Decision::Overturned),
        claims_administrator_guideline: claims,
        maximus_guideline: maximus,
        citations,
        rationale,
    });
    ItemEnd {
        complete,
        end: body_end,
    }
}

/// How an item ends: whether it has all its parts and its conclusion, and where its text ends.
#[derive(Debug, Clone, Copy)]
pub struct ItemEnd {
    pub complete: bool,
    pub end: usize,
}

/// `[start, end)` without a trailing " is" (the heading's "X is:").
fn strip_is(text: &str, start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start && is_ws_byte(text.as_bytes()[e - 1]) {
        e -= 1;
    }
    if e >= start + 3 && text[..e].ends_with("is") && is_ws_byte(text.as_bytes()[e - 3]) {
        e - 3
    } else {
        end
    }
}

/// One citation per `Decision based on ...` in the MAXIMUS guideline at `[start, end)`.
fn read_citations(b: &mut Builder, p: &str, start: usize, end: usize) -> Vec<Citation> {
    let flat = b.flat;
    let mut starts = Vec::new();
    let mut pos = start;
    while let Some(at) = flat.find(BASED_ON, pos, end) {
        starts.push(at);
        pos = at + BASED_ON.len();
    }
    let mut citations = Vec::new();
    for (i, &at) in starts.iter().enumerate() {
        let c_start = at + BASED_ON.len();
        let c_end = starts.get(i + 1).copied().unwrap_or(end);
        let text = &flat.as_str()[c_start..c_end];
        let source = if text.starts_with("MTUS") {
            CitationSource::Mtus
        } else if text.starts_with("Non-") && text["Non-".len()..].trim_start().starts_with("MTUS")
        {
            // "Non-MTUS", also hyphenated at a line end ("Non-\nMTUS").
            CitationSource::NonMtus
        } else {
            b.warn(
                WarningCode::UnknownCitation,
                "A 'Decision based on' citation names neither MTUS nor Non-MTUS; it is left out.",
                Some((at, c_end)),
            );
            continue;
        };
        let pointer = format!("{p}/citations/{}/text", citations.len());
        if let Some(text) = b.text(pointer, c_start, c_end) {
            citations.push(Citation::new(source, text));
        }
    }
    citations
}
