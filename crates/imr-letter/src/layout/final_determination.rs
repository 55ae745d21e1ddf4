//! The MAXIMUS Final Determination Letter (2014 onward): an optional header table, then the
//! sections "HOW THE IMR FINAL DETERMINATION WAS MADE" (the reviewer's credentials), "CLINICAL
//! CASE SUMMARY" and "IMR ISSUES, DECISIONS AND RATIONALES" (the items).

use super::{Landmark, LetterLayout};
use crate::diagnostics::{Builder, WarningCode};
use crate::header::{self, Field, Label, Part};
use crate::model::Layout;
use crate::scan::{find_exact, find_first, find_in_window, scan_term, Pass, Term, TermMatch};
use crate::text::{is_ws_byte, Flat, FlatRange, LINE, PARA};
use crate::{credentials, items, summary};

pub struct FinalDetermination;

const HOW_MADE: Term = Term::heading("HOW THE IMR FINAL DETERMINATION WAS MADE");
const CASE_SUMMARY: Term = Term::heading("CLINICAL CASE SUMMARY");
const ISSUES: Term = Term::heading("IMR ISSUES, DECISIONS AND RATIONALES");
const SET_FORTH: Term = Term::label("set forth below");

/// The header table's labels. `Application Received:` may be split around its value.
const LABELS: [Label; 9] = [
    whole("Case Number", Field::Case),
    whole("Date Assigned", Field::Assigned),
    whole("Date of Injury", Field::Injury),
    whole("Decision Date", Field::Decision),
    whole("UR Denial Date", Field::UrDenial),
    whole("Priority", Field::Priority),
    whole("Application Received", Field::Received),
    Label {
        term: Term::heading("Application"),
        field: Field::Received,
        part: Part::FirstHalf,
    },
    Label {
        term: Term::label("Received"),
        field: Field::Received,
        part: Part::SecondHalf,
    },
];

const fn whole(words: &'static str, field: Field) -> Label {
    Label {
        term: Term::label(words),
        field,
        part: Part::Whole,
    }
}

/// Where the three section headings are.
struct Sections {
    how: Option<TermMatch>,
    summary: Option<TermMatch>,
    issues: Option<TermMatch>,
}

impl Sections {
    /// Each heading at the start of a line. A heading given twice (a title above the header,
    /// a page's running head) counts where it is last before the section after it.
    fn find(flat: &Flat, range: FlatRange) -> Sections {
        let terms = [HOW_MADE, CASE_SUMMARY, ISSUES];
        // As written: the first of each, and the ones before it only up to the next section.
        let (start, end) = (range.start(), range.end());
        let first = |t: Term| find_first(flat, start, end, t);
        let issues = first(ISSUES);
        let summary_end = issues.map_or(end, |m| m.start);
        let summary = find_exact(flat, start, summary_end, CASE_SUMMARY);
        let how_end = summary.first().or(issues.as_ref()).map_or(end, |m| m.start);
        let mut found: [Vec<TermMatch>; 3] = [
            find_exact(flat, start, how_end, HOW_MADE),
            summary,
            issues.into_iter().collect(),
        ];
        if found[0].is_empty() {
            found[0] = find_first(flat, start, end, HOW_MADE).into_iter().collect();
        }
        if found[1].is_empty() {
            found[1] = find_first(flat, start, end, CASE_SUMMARY)
                .into_iter()
                .collect();
        }
        // A heading not found as written is looked for loosely, at the start of each line.
        for (k, list) in found.iter_mut().enumerate() {
            if list.is_empty() {
                *list = flat
                    .lines(range.start(), range.end())
                    .filter_map(|(s, e)| {
                        let s = flat.skip_spaces(s, e);
                        scan_term(flat, s, range.end(), terms[k], Pass::Loose)
                    })
                    .collect();
            }
        }
        let [how, summary, issues] = found;
        let issues = issues.first().copied();
        let before = |list: &[TermMatch], limit: Option<usize>| {
            let limit = limit.unwrap_or(usize::MAX);
            list.iter()
                .rev()
                .find(|m| m.start < limit)
                .or(list.first())
                .copied()
        };
        let summary = before(&summary, issues.map(|m| m.start));
        let how = before(&how, summary.or(issues).map(|m| m.start));
        Sections {
            how,
            summary,
            issues,
        }
    }
}

/// Whether the text starts like a Final Determination's header table (its case number label and
/// another of its labels), though no section follows: a letter cut inside or after its header.
fn has_header(flat: &Flat, start: usize, end: usize) -> bool {
    let window = flat.range(start, (start + 400).min(end));
    let found = |l: &Label| find_first(flat, window.start(), window.end(), l.term).is_some();
    found(&LABELS[0]) && LABELS[1..5].iter().any(found)
}

/// A Final Determination ends with its last item's rationale and its conclusion. A letter
/// whose last sections, or last item, or the end of its last item, are missing was cut; an
/// item before the last whose rationale stops before its conclusion lost text in the middle
/// (a page, say).
fn check_cut(b: &mut Builder, secs: &Sections, ends: &[items::ItemEnd]) {
    let found = [secs.how, secs.summary, secs.issues].map(|s| s.is_some());
    // The sections there are come first, the missing ones last: the text stops before them.
    let tail_missing = match found.iter().rposition(|&f| f) {
        // Only a header: the text stops before the first section.
        None => true,
        Some(last) => last < 2 && found[..=last].iter().all(|&f| f),
    };
    let no_items = secs.issues.is_some() && ends.is_empty();
    let last_cut = ends.last().is_some_and(|e| !e.complete);
    if tail_missing || no_items || last_cut {
        super::warn_truncated(b);
    }
    for (n, e) in ends.iter().enumerate().take(ends.len().saturating_sub(1)) {
        let has_rationale = b.letter.items[n].rationale.is_some();
        if !e.complete && has_rationale {
            let at = b.flat.floor_boundary(e.end.saturating_sub(40));
            b.warn(
                WarningCode::Truncated,
                format!("Item {}'s rationale stops before its conclusion: text is missing between it and the next item (a lost page?).", n + 1),
                Some((at, e.end)),
            );
        }
    }
}

/// Each place a term stands at the start of a line (or of a sentence: letters pasted one after
/// the other may share a line): as written, else (when it is nowhere as written) read loosely
/// at line starts.
fn at_line_starts(flat: &Flat, range: FlatRange, term: Term) -> Vec<TermMatch> {
    let text = flat.as_str().as_bytes();
    let starts_line = |m: &TermMatch| {
        let before = text[range.start()..m.start]
            .iter()
            .rposition(|&c| !is_ws_byte(c) || c == LINE || c == PARA)
            .map(|i| text[range.start() + i]);
        matches!(before, None | Some(LINE | PARA | b'.'))
    };
    let exact: Vec<TermMatch> = find_exact(flat, range.start(), range.end(), term)
        .into_iter()
        .filter(starts_line)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    flat.lines(range.start(), range.end())
        .filter_map(|(s, e)| {
            let s = flat.skip_spaces(s, e);
            scan_term(flat, s, range.end(), term, Pass::Loose)
        })
        .collect()
}

impl LetterLayout for FinalDetermination {
    fn landmarks(&self, flat: &Flat, range: FlatRange) -> Vec<Landmark> {
        let parts = [LABELS[0].term, HOW_MADE, CASE_SUMMARY, ISSUES];
        let mut marks = Vec::new();
        for (rank, term) in parts.into_iter().enumerate() {
            marks.extend(
                at_line_starts(flat, range, term)
                    .into_iter()
                    .map(|m| Landmark {
                        start: m.start,
                        end: m.end,
                        rank: rank as u8,
                        layout: 0,
                    }),
            );
        }
        marks
    }

    fn read(&self, b: &mut Builder) -> bool {
        let flat = b.flat;
        let (start, end) = (b.range.start(), b.end());
        let secs = Sections::find(flat, b.range);
        if secs.how.is_none() && secs.issues.is_none() && !has_header(flat, start, end) {
            return false;
        }
        b.letter.layout = Layout::FinalDetermination;
        let first = [secs.how, secs.summary, secs.issues]
            .into_iter()
            .flatten()
            .map(|m| m.start)
            .min()
            .unwrap_or(end);
        header::read(b, start, first, &LABELS);
        for (found, term) in [
            (secs.how, HOW_MADE),
            (secs.summary, CASE_SUMMARY),
            (secs.issues, ISSUES),
        ] {
            match found {
                Some(m) => b.loose(
                    m.fidelity,
                    &format!("the heading '{}'", term.words),
                    m.start,
                    m.end,
                ),
                None => b.warn(
                    WarningCode::MissingSection,
                    format!("The letter has no '{}' section.", term.words),
                    None,
                ),
            }
        }
        let next_after = |at: usize| {
            [secs.summary, secs.issues]
                .into_iter()
                .flatten()
                .map(|m| m.start)
                .filter(|&s| s > at)
                .min()
                .unwrap_or(end)
        };
        if let Some(h) = secs.how {
            let to = next_after(h.start);
            if !credentials::read(b, h.end, to) {
                b.warn(
                    WarningCode::MissingSection,
                    "The expert reviewer's credentials were not found.",
                    Some((h.start, to)),
                );
            }
        }
        if let Some(s) = secs.summary {
            let to = secs
                .issues
                .map(|m| m.start)
                .filter(|&e| e > s.end)
                .unwrap_or(end);
            summary::read(b, s.end, to);
        }
        let items_from = secs.issues.or(secs.summary).map_or(start, |m| m.end);
        // The boilerplate line "... for the disputed items/services set forth below:".
        let window = flat.range(items_from, items_from + 160);
        let items_from = find_in_window(flat, window.start(), window.end(), SET_FORTH)
            .map_or(items_from, |m| m.end);
        let ends = items::read(b, items_from, end);
        check_cut(b, &secs, &ends);
        // What follows the last item, before the next letter, belongs to neither.
        if let Some(last) = ends.last().filter(|e| e.complete && e.end < end) {
            let flat = b.flat;
            if let Some((a, z)) = flat.trim(last.end, end) {
                crate::stray::check(flat, a, z, &mut b.letter, "after this letter");
                b.letter_end = Some(last.end);
            }
        }
        true
    }
}
