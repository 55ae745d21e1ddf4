//! The letter layouts the parser knows, one module each. A layout owns its detection, its
//! sections and its rule for a cut letter; [`LAYOUTS`] tries them in order. A new layout is a
//! new module and a line in that table.

mod final_determination;
mod notice2013;

use crate::diagnostics::Builder;
use crate::scan::TermMatch;
use crate::text::{Flat, FlatRange};

/// One letter layout.
pub trait LetterLayout: Sync {
    /// The places in `range` where the parts of letters of this layout begin, each with its
    /// rank in the letter's order (a header table before the first section, and so on): a
    /// file of several letters is cut where the order starts again ([`split`]).
    fn landmarks(&self, flat: &Flat, range: FlatRange) -> Vec<Landmark>;
    /// Reads the letter in `b.range`, its truncation check included, if the text is a letter
    /// of this layout; returns `false` (having changed nothing) if it is not.
    fn read(&self, b: &mut Builder) -> bool;
}

/// Where a part of a letter begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Landmark {
    /// Its start, and the end of its own words (a heading's, a label's).
    pub start: usize,
    pub end: usize,
    /// How it was found.
    pub found: TermMatch,
    /// Its place in the letter's order: a letter's parts come in rising rank.
    pub rank: u8,
    /// Which layout (an index into [`LAYOUTS`]).
    pub layout: usize,
}

/// Where each letter of the text begins: at a landmark whose rank does not rise above the
/// letter before's last (its order starts again), or of another layout. A landmark directly
/// followed by one of a lower rank (a heading written above the header table) is a title and
/// belongs to the letter it stands above.
pub fn split(flat: &Flat, range: FlatRange) -> Vec<(usize, Vec<Landmark>)> {
    let mut marks: Vec<Landmark> = LAYOUTS
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            let mut m = l.landmarks(flat, range);
            m.iter_mut().for_each(|m| m.layout = i);
            m
        })
        .collect();
    marks.sort_by_key(|m| (m.start, m.rank));
    marks.dedup_by_key(|m| m.start);
    let mut starts: Vec<(usize, Vec<Landmark>)> = Vec::new();
    /// The letter being read: its layout, its highest rank so far, its only landmark if it
    /// has just one.
    struct Current {
        layout: usize,
        top: u8,
        alone: Option<Landmark>,
    }
    let mut current: Option<Current> = None;
    for m in &marks {
        match current.as_mut() {
            Some(c) if m.layout == c.layout && m.rank > c.top => {
                c.top = m.rank;
                c.alone = None;
            }
            // A title: the letter so far is one landmark with nothing after it.
            Some(c) if c.alone.is_some_and(|a| flat.trim(a.end, m.start).is_none()) => {
                c.layout = m.layout;
                c.top = m.rank;
                c.alone = None;
            }
            _ => {
                starts.push((m.start, Vec::new()));
                current = Some(Current {
                    layout: m.layout,
                    top: m.rank,
                    alone: Some(*m),
                });
            }
        }
        if let Some((_, marks)) = starts.last_mut() {
            marks.push(*m);
        }
    }
    starts
}

/// The layouts, in the order they are tried.
pub static LAYOUTS: [&dyn LetterLayout; 2] = [
    &final_determination::FinalDetermination,
    &notice2013::Notice2013,
];

/// Warns that the letter in `b.range` stops before its end, pointing at its last words.
pub(crate) fn warn_truncated(b: &mut Builder) {
    let end = b.end();
    let tail = b
        .flat
        .floor_boundary(end.saturating_sub(40).max(b.range.start()));
    b.warn(
        crate::diagnostics::WarningCode::Truncated,
        "The text stops before the letter ends; what follows the last words is missing.",
        Some((tail, end)),
    );
}
