//! Parses the text of a California workers' compensation IMR Final Determination Letter
//! into the structure of Letter JSON v1 (`docs/letter-json-v1.md`).
//!
//! Parsing never fails: [`parse`] always returns a [`Letter`]; what it could not read or was
//! unsure of is in [`Letter::warnings`], each with a stable code ([`WarningCode`]). Every
//! non-null text, date and decision field has a byte span into the input in [`Letter::spans`].
//!
//! The input is first collapsed ([`text::Flat`]): white space runs become one byte that keeps
//! whether it was a space, a line break or a paragraph break, mapped back to input offsets.
//! A layout ([`layout::LAYOUTS`]) that recognises the text then reads it, each part through a
//! shared reader (header, credentials, summary, items) and the scanners of [`scan`], which read
//! the letters' vocabulary through case, punctuation and OCR's confusions ([`vocab`]).

mod category;
mod conclusion;
mod credentials;
pub mod csv;
mod date;
mod diagnostics;
mod guideline;
mod header;
mod items;
mod layout;
mod model;
mod scan;
pub mod stats;
mod stray;
mod summary;
mod text;
mod vocab;

pub use date::date_of_word;
pub use diagnostics::WarningCode;
pub use items::decision_of_word;
pub use model::*;
pub use summary::sex_of_word;

pub use category::annotate;
use diagnostics::Builder;
use layout::LAYOUTS;
use text::Flat;

/// Parses a text that holds one letter. Never panics; linear in the length of the text. A
/// text that holds several letters gives the first, with a warning that says how many there
/// are: [`parse_all`] reads them all.
pub fn parse(text: &str) -> Letter {
    let mut letters = parse_all(text);
    let n = letters.len();
    let mut first = letters.swap_remove(0);
    if n > 1 {
        first.warnings.push(Warning {
            code: WarningCode::SeveralLetters,
            message: format!("This text holds {n} letters; this is the first of them."),
            span: None,
            related: None,
        });
    }
    first
}

/// Parses a text that may hold several letters (a bundle of letters, a case file): one
/// [`Letter`] per letter found, in text order, each with `source.index` and `source.span`
/// (its place in the text); spans are offsets into the whole text. Text before the first
/// letter (a cover page) belongs to none. Never empty: a text with no letter gives one
/// `unrecognized` letter.
pub fn parse_all(text: &str) -> Vec<Letter> {
    let flat = Flat::new(text);
    let starts = layout::split(&flat, flat.all());
    if starts.is_empty() {
        let mut letter = read_one(&flat, flat.all(), false, Vec::new()).0;
        category::annotate(&mut letter, text);
        return vec![letter];
    }
    let first = starts[0].0;
    let mut letters = Vec::with_capacity(starts.len());
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|s| s.0)
        .chain([flat.len()])
        .collect();
    for (i, ((start, marks), end)) in starts.into_iter().zip(ends).enumerate() {
        let more = end < flat.len();
        let (mut letter, letter_end) = read_one(&flat, flat.range(start, end), more, marks);
        category::annotate(&mut letter, text);
        letter.source.index = i;
        let end = letter_end.unwrap_or(end);
        letter.source.span = flat.trim(start, end).map(|(a, b)| flat.span(a, b));
        letters.push(letter);
    }
    if let Some((a, b)) = flat.trim(0, first) {
        stray::check(&flat, a, b, &mut letters[0], "before the first letter");
    }
    letters
}

/// Reads one letter in `range`; `more` when another letter follows it in the text. Also
/// returns where the letter ends, if text that belongs to no letter follows it.
fn read_one(
    flat: &Flat,
    range: text::FlatRange,
    more: bool,
    landmarks: Vec<layout::Landmark>,
) -> (Letter, Option<usize>) {
    let mut b = Builder::new(flat, range);
    b.more_letters = more;
    b.landmarks = landmarks;
    if !LAYOUTS.iter().any(|l| l.read(&mut b)) {
        let message = if flat.len() == 0 {
            "The text is empty: there is no letter to read."
        } else {
            "This text is not an IMR Final Determination Letter the parser knows: none of its section headings (such as 'HOW THE IMR FINAL DETERMINATION WAS MADE') were found."
        };
        b.warn(WarningCode::UnrecognizedLayout, message, None);
        return (b.letter, None);
    }
    // A cut letter may have lost items: its outcome is only what its items settle already.
    let cut = b
        .letter
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::Truncated);
    let decisions = b.letter.items.iter().map(|i| i.decision);
    b.letter.outcome = Outcome::from_decisions(decisions.chain(cut.then_some(None)));
    (b.letter, b.letter_end)
}
