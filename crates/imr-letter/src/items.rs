//! The disputed items of a Final Determination Letter: heading, decision, the two guideline
//! paragraphs, the reviewer's citations and the rationale.
//!
//! An item is found by its decision word: `Upheld` or `Overturned` after a colon, at the end of
//! a line (or on the line after the heading). Its heading runs back to the paragraph break
//! before it; its body runs to the next item's heading.

use crate::diagnostics::{codes, Builder};
use crate::model::{Category, Citation, CitationSource, Decision, Item};
use crate::text::{is_ws_byte, LINE, PARA};

const CLAIMS_GUIDELINE: &str = "Claims Administrator guideline:";
const MAXIMUS_GUIDELINE: &str = "MAXIMUS guideline:";
const RATIONALE: &str = "Decision rationale:";
const BASED_ON: &str = "Decision based on ";
const ORIGINAL_REQUEST: &str = "original request, ";

/// An item's decision word and where its heading starts.
struct Anchor {
    heading_start: usize,
    /// The colon that ends the heading.
    colon: usize,
    decision: Decision,
    word: (usize, usize),
}

/// The decision a decision word (or the 2013 notice's phrase) states.
pub fn decision_of_word(word: &str) -> Option<Decision> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w == "upheld"
        || w.starts_with("not medically necessary")
        || w.starts_with("notmedically necessary")
    {
        Some(Decision::Upheld)
    } else if w == "overturned" || w.starts_with("medically necessary") {
        Some(Decision::Overturned)
    } else {
        None
    }
}

/// Reads the items in flat `[from, end of text)`.
pub fn read(b: &mut Builder, from: usize) {
    let anchors = find_anchors(b, from);
    for (n, a) in anchors.iter().enumerate() {
        let body_end = anchors
            .get(n + 1)
            .map_or(b.flat.len(), |next| next.heading_start);
        read_item(b, n, a, body_end);
    }
    if anchors.is_empty() {
        b.warn(
            codes::NO_ITEMS,
            "No disputed item with an Upheld or Overturned decision was found.",
            None,
        );
    }
}

fn find_anchors(b: &mut Builder, from: usize) -> Vec<Anchor> {
    let flat = b.flat;
    let text = flat.as_str();
    let bytes = text.as_bytes();
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut lower = from;
    let mut pos = from;
    // The next occurrence of each decision word at or after `pos`, searched again only once
    // passed, so that the scan stays linear however many words the text holds.
    let words = ["Upheld", "Overturned"];
    // `Some(None)`: searched, and there is none left.
    let mut next: [Option<Option<usize>>; 2] = [None, None];
    loop {
        for (slot, w) in next.iter_mut().zip(words) {
            if slot.is_none_or(|found| found.is_some_and(|at| at < pos)) {
                *slot = Some(flat.find(w, pos, text.len()));
            }
        }
        let Some((ws, we)) = next
            .iter()
            .zip(words)
            .filter_map(|(at, w)| at.flatten().map(|at| (at, at + w.len())))
            .min()
        else {
            break;
        };
        pos = we;
        // A colon, then at most one white space, then the word...
        let colon = match ws.checked_sub(1).map(|i| bytes[i]) {
            Some(b':') => ws - 1,
            Some(c) if is_ws_byte(c) && ws >= 2 && bytes[ws - 2] == b':' => ws - 2,
            _ => continue,
        };
        // ...which ends its line (or is followed at once by the item's first guideline).
        let ends_line = match flat.byte(we) {
            None | Some(LINE) | Some(PARA) => true,
            Some(b' ') => flat.match_at(we + 1, CLAIMS_GUIDELINE).is_some(),
            _ => false,
        };
        if !ends_line {
            continue;
        }
        // An item needs a heading between the last item and its colon.
        if colon <= lower || flat.trim(lower, colon).is_none() {
            continue;
        }
        let decision = decision_of_word(&text[ws..we]).unwrap_or(Decision::Upheld);
        let heading_start = match bytes[lower..colon].iter().rposition(|&c| c == PARA) {
            Some(p) => lower + p + 1,
            None if anchors.is_empty() => lower,
            None => {
                // No blank line between the last rationale and this heading: take its line.
                let line = bytes[lower..colon].iter().rposition(|&c| c == LINE);
                let start = line.map_or(lower, |p| lower + p + 1);
                b.warn(
                    codes::AMBIGUOUS_HEADING,
                    "An item heading does not start after a blank line; only its last line is taken as the heading.",
                    Some((start, we)),
                );
                start
            }
        };
        if flat.trim(heading_start, colon).is_none() {
            continue;
        }
        anchors.push(Anchor {
            heading_start,
            colon,
            decision,
            word: (ws, we),
        });
        lower = we;
    }
    anchors
}

fn read_item(b: &mut Builder, n: usize, a: &Anchor, body_end: usize) {
    let flat = b.flat;
    let p = format!("/items/{n}");
    let heading = b
        .text(format!("{p}/heading"), a.heading_start, a.colon)
        .unwrap_or_default();
    // The request: X of "... the original request, X is:", else the whole heading.
    let original = flat
        .rfind(ORIGINAL_REQUEST, a.heading_start, a.colon)
        .and_then(|at| {
            let start = at + ORIGINAL_REQUEST.len();
            b.text(
                format!("{p}/request"),
                start,
                strip_is(flat.as_str(), start, a.colon),
            )
        });
    let request = original.or_else(|| b.text(format!("{p}/request"), a.heading_start, a.colon));
    b.span(format!("{p}/decision"), flat.span(a.word.0, a.word.1));

    let body = a.word.1;
    let claims = flat.find(CLAIMS_GUIDELINE, body, body_end);
    let maximus = flat.find(MAXIMUS_GUIDELINE, claims.unwrap_or(body), body_end);
    let rationale = flat.find(RATIONALE, maximus.or(claims).unwrap_or(body), body_end);
    // Each section runs to the start of the next one found.
    let claims_end = maximus.or(rationale).unwrap_or(body_end);
    let maximus_end = rationale.unwrap_or(body_end);
    let claims_text = claims.and_then(|at| {
        b.text(
            format!("{p}/claims_administrator_guideline"),
            at + CLAIMS_GUIDELINE.len(),
            claims_end,
        )
    });
    let (maximus_text, citations) = match maximus {
        Some(at) => {
            let start = at + MAXIMUS_GUIDELINE.len();
            let text = b.text(format!("{p}/maximus_guideline"), start, maximus_end);
            (text, read_citations(b, &p, start, maximus_end))
        }
        None => (None, Vec::new()),
    };
    let rationale_text =
        rationale.and_then(|at| b.text(format!("{p}/rationale"), at + RATIONALE.len(), body_end));
    for (found, name) in [
        (claims, CLAIMS_GUIDELINE),
        (maximus, MAXIMUS_GUIDELINE),
        (rationale, RATIONALE),
    ] {
        if found.is_none() {
            b.warn(
                codes::MISSING_SECTION,
                format!("Item {} has no '{name}' paragraph.", n + 1),
                Some((a.heading_start, a.word.1)),
            );
        }
    }
    b.letter.items.push(Item {
        heading,
        request: request.unwrap_or_default(),
        category: Category::default(),
        decision: a.decision,
        medically_necessary: a.decision == Decision::Overturned,
        claims_administrator_guideline: claims_text,
        maximus_guideline: maximus_text,
        citations,
        rationale: rationale_text,
    });
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
                codes::UNKNOWN_CITATION,
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
