//! Warning codes and the builder that collects values, spans and warnings while parsing.

use crate::date::{read_date, DateWord};
use crate::model::{Date, Letter, Span, Warning};
use crate::text::Flat;

/// The stable warning codes (kebab-case). Consumers may match on them.
pub mod codes {
    /// The text is not an IMR letter of a known layout (or is empty).
    pub const UNRECOGNIZED_LAYOUT: &str = "unrecognized-layout";
    /// A section the layout always has was not found.
    pub const MISSING_SECTION: &str = "missing-section";
    /// A header label, or its value, is missing.
    pub const MISSING_FIELD: &str = "missing-field";
    /// A date that does not exist in the calendar, or cannot be read.
    pub const BAD_DATE: &str = "bad-date";
    /// No disputed item was found.
    pub const NO_ITEMS: &str = "no-items";
    /// The text stops before the letter ends.
    pub const TRUNCATED: &str = "truncated";
    /// Where an item's heading starts could not be told for sure.
    pub const AMBIGUOUS_HEADING: &str = "ambiguous-heading";
    /// A `Decision based on` citation that is neither MTUS nor Non-MTUS.
    pub const UNKNOWN_CITATION: &str = "unknown-citation";
    /// An age that cannot be a person's.
    pub const BAD_AGE: &str = "bad-age";
    /// A field given twice with different values; the first is kept.
    pub const CONFLICT: &str = "conflicting-values";
}

/// A letter under construction.
pub struct Builder<'f> {
    pub flat: &'f Flat,
    pub letter: Letter,
}

impl<'f> Builder<'f> {
    pub fn new(flat: &'f Flat) -> Self {
        Builder {
            flat,
            letter: Letter::default(),
        }
    }

    /// Records the span of the field at JSON pointer `pointer`.
    pub fn span(&mut self, pointer: impl Into<String>, span: Span) {
        self.letter.spans.insert(pointer.into(), span);
    }

    /// Adds a warning; `at` is a flat range, mapped to an input span.
    pub fn warn(&mut self, code: &str, message: impl Into<String>, at: Option<(usize, usize)>) {
        let span = at
            .and_then(|(a, b)| self.flat.trim(a, b))
            .map(|(a, b)| self.flat.span(a, b));
        self.letter.warnings.push(Warning {
            code: code.to_string(),
            message: message.into(),
            span,
        });
    }

    /// The date in the word at flat `[ws, we)`, recorded with its span at `pointer`. An
    /// impossible date (`02/30/2016`) is `None` plus a `bad-date` warning that names `what`; a
    /// word that is no date at all is `None`.
    pub fn date(&mut self, pointer: &str, what: &str, ws: usize, we: usize) -> Option<Date> {
        let flat = self.flat;
        let word = &flat.as_str()[ws..we];
        match read_date(word) {
            (DateWord::Valid(d), len) => {
                self.span(pointer, flat.span(ws, ws + len));
                Some(d)
            }
            (DateWord::Impossible, _) => {
                self.warn(
                    codes::BAD_DATE,
                    format!("{what} {word} is not a real date; it is left empty."),
                    Some((ws, we)),
                );
                None
            }
            (DateWord::NotADate, _) => None,
        }
    }

    /// The text value at flat `[a, b)`, recorded with its span at `pointer`.
    pub fn text(&mut self, pointer: impl Into<String>, a: usize, b: usize) -> Option<String> {
        let (v, span) = self.flat.value(a, b)?;
        self.span(pointer, span);
        Some(v)
    }
}
