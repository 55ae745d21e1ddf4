//! The MAXIMUS Final Determination Letter (2014 onward): an optional header table, then the
//! sections "HOW THE IMR FINAL DETERMINATION WAS MADE" (the reviewer's credentials), "CLINICAL
//! CASE SUMMARY" and "IMR ISSUES, DECISIONS AND RATIONALES" (the items).

use super::{Landmark, LetterLayout};
use crate::diagnostics::{Builder, WarningCode};
use crate::header::{self, Field, Label, Part};
use crate::model::Layout;
use crate::scan::{find_exact, find_first, find_in_window, scan_term, Pass, Term, TermMatch};
use crate::text::{Flat, FlatRange, LINE, PARA, SPACE};
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
    /// The headings among the letter's landmarks. A heading given twice (a title above the
    /// header, a page's running head) counts where it is last before the section after it.
    fn of(marks: &[Landmark]) -> Sections {
        let of_rank = |r: u8| marks.iter().filter(move |m| m.rank == r).map(|m| m.found);
        let issues = of_rank(3).next();
        let before = |list: Vec<TermMatch>, limit: Option<usize>| {
            let limit = limit.unwrap_or(usize::MAX);
            list.iter()
                .rev()
                .find(|m| m.start < limit)
                .or(list.first())
                .copied()
        };
        let summary = before(of_rank(2).collect(), issues.map(|m| m.start));
        let how = before(of_rank(1).collect(), summary.or(issues).map(|m| m.start));
        Sections {
            how,
            summary,
            issues,
        }
    }
}

/// Whether the text starts like a Final Determination's header table (its case number label and
/// another of its labels), though no section follows: a letter cut inside or after its header.
fn has_header(flat: &Flat, marks: &[Landmark], end: usize) -> bool {
    marks.iter().filter(|m| m.rank == 0).any(|m| {
        let window = flat.range(m.start, (m.start + 400).min(end));
        LABELS[1..5]
            .iter()
            .any(|l| find_first(flat, window.start(), window.end(), l.term).is_some())
    })
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

/// The parts that begin a letter, by rank: the header's first label, then the three sections.
const PARTS: [Term; 4] = [LABELS[0].term, HOW_MADE, CASE_SUMMARY, ISSUES];

/// Each place one of [`PARTS`] stands at the start of a line (or of a sentence: letters pasted
/// one after the other may share a line), by rank: as written, else (when it is nowhere as
/// written) read loosely at line starts.
fn parts(flat: &Flat, range: FlatRange) -> [Vec<TermMatch>; 4] {
    let text = flat.as_str().as_bytes();
    let (start, end) = (range.start(), range.end());
    // What stands before a match: a line break, or a sentence's full stop (and spaces).
    let starts_line = |m: &TermMatch| {
        let before = text[start..m.start].iter().rposition(|&c| c != SPACE);
        before.is_none_or(|i| matches!(text[start + i], LINE | PARA | b'.'))
    };
    PARTS.map(|term| {
        let exact: Vec<TermMatch> = find_exact(flat, start, end, term)
            .into_iter()
            .filter(starts_line)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        flat.lines(start, end)
            .filter_map(|(s, e)| {
                let s = flat.skip_spaces(s, e);
                scan_term(flat, s, end, term, Pass::Loose)
            })
            .collect()
    })
}

impl LetterLayout for FinalDetermination {
    fn landmarks(&self, flat: &Flat, range: FlatRange) -> Vec<Landmark> {
        let mut marks = Vec::new();
        for (rank, list) in parts(flat, range).into_iter().enumerate() {
            marks.extend(list.into_iter().map(|m| Landmark {
                start: m.start,
                end: m.end,
                found: m,
                rank: rank as u8,
                layout: 0,
            }));
        }
        marks
    }

    fn read(&self, b: &mut Builder) -> bool {
        let flat = b.flat;
        let (start, end) = (b.range.start(), b.end());
        let marks: Vec<Landmark> = match b.landmarks.first() {
            Some(first) if first.layout == 0 => b.landmarks.clone(),
            Some(_) => return false,
            // Read on its own, not from `split`.
            None => self.landmarks(flat, b.range),
        };
        let secs = Sections::of(&marks);
        if secs.how.is_none() && secs.issues.is_none() && !has_header(flat, &marks, end) {
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
                    || format!("the heading '{}'", term.words),
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
