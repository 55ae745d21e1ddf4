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

/// Parses one letter's text. Never panics; linear in the length of the text.
pub fn parse(text: &str) -> Letter {
    let flat = Flat::new(text);
    let mut b = Builder::new(&flat, flat.all());
    if !LAYOUTS.iter().any(|l| l.read(&mut b)) {
        let message = if flat.len() == 0 {
            "The text is empty: there is no letter to read."
        } else {
            "This text is not an IMR Final Determination Letter the parser knows: none of its section headings (such as 'HOW THE IMR FINAL DETERMINATION WAS MADE') were found."
        };
        b.warn(WarningCode::UnrecognizedLayout, message, None);
        return b.letter;
    }
    category::annotate(&mut b.letter, text);
    b.letter.outcome = Outcome::from_decisions(b.letter.items.iter().map(|i| i.decision));
    b.letter
}
