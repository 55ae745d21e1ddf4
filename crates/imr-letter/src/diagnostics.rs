//! Warning codes and the builder that collects values, spans and warnings while parsing.

use std::fmt;

use crate::date::{read_date, DateWord};
use crate::model::{Date, Letter, Span, Warning};
use crate::text::{Flat, FlatRange};
use crate::vocab::Fidelity;

/// What a warning is about: one stable kebab-case string per variant ([`WarningCode::as_str`]).
/// Consumers may match on the strings; `docs/letter-json-v1.md` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningCode {
    /// The text is not an IMR letter of a known layout (or is empty).
    UnrecognizedLayout,
    /// A section the layout always has was not found.
    MissingSection,
    /// A header label, or its value, is missing.
    MissingField,
    /// A date that does not exist in the calendar, or cannot be read.
    BadDate,
    /// No disputed item was found.
    NoItems,
    /// The text stops before the letter ends.
    Truncated,
    /// Where an item's heading starts could not be told for sure.
    AmbiguousHeading,
    /// A `Decision based on` citation that is neither MTUS nor Non-MTUS.
    UnknownCitation,
    /// An age that cannot be a person's.
    BadAge,
    /// A field given twice with different values; it is left empty.
    ConflictingValues,
    /// A word of the letters' vocabulary (a decision word, a label, a heading, a date) read
    /// through more than letter case and white space; the message says what was read.
    LooseReading,
    /// Header values that cannot be told apart (a value is missing among several of one kind).
    AmbiguousValue,
    /// A header value that belongs to no label; it is not used.
    StrayValue,
    /// An item whose decision word cannot be read: its decision is left empty.
    UnreadableDecision,
    /// The parts of the items do not add up (a guideline or rationale paragraph with no item
    /// heading before it, or the like).
    ItemMismatch,
    /// An item's decision word says one thing and its rationale concludes the other; the
    /// warning points at both.
    DecisionConflict,
    /// An item's decision word cannot be read, and its rationale's conclusion supplied it.
    DecisionFromRationale,
    /// The text holds several letters (where only one was asked for).
    SeveralLetters,
    /// Text between or before letters that looks like part of a letter but belongs to none
    /// that was found.
    StrayText,
    /// The file is not UTF-8; it was read in another encoding (the message says which).
    TextEncoding,
    /// A PDF page read with tolerant parsing.
    PageDamaged,
    /// A PDF page whose text could not be read.
    PageUnreadable,
    /// A PDF page whose content stops inside a text object.
    PageIncomplete,
    /// A PDF font that could not be read; its text may be wrong.
    FontUnreadable,
    /// A PDF whose structure only parses tolerantly.
    DamagedPdf,
    /// A PDF without its end-of-file marker.
    TruncatedPdf,
    /// A word of a value, read by OCR with a confidence under the reader's threshold: the
    /// value may be misread (the span is the word's).
    LowConfidence,
}

impl WarningCode {
    /// Every code, in the order of the spec's list.
    pub const ALL: [WarningCode; 27] = [
        WarningCode::UnrecognizedLayout,
        WarningCode::MissingSection,
        WarningCode::MissingField,
        WarningCode::BadDate,
        WarningCode::NoItems,
        WarningCode::Truncated,
        WarningCode::AmbiguousHeading,
        WarningCode::UnknownCitation,
        WarningCode::BadAge,
        WarningCode::ConflictingValues,
        WarningCode::LooseReading,
        WarningCode::AmbiguousValue,
        WarningCode::StrayValue,
        WarningCode::UnreadableDecision,
        WarningCode::ItemMismatch,
        WarningCode::DecisionConflict,
        WarningCode::DecisionFromRationale,
        WarningCode::SeveralLetters,
        WarningCode::StrayText,
        WarningCode::TextEncoding,
        WarningCode::PageDamaged,
        WarningCode::PageUnreadable,
        WarningCode::PageIncomplete,
        WarningCode::FontUnreadable,
        WarningCode::DamagedPdf,
        WarningCode::TruncatedPdf,
        WarningCode::LowConfidence,
    ];

    /// The code's one string form.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::UnrecognizedLayout => "unrecognized-layout",
            WarningCode::MissingSection => "missing-section",
            WarningCode::MissingField => "missing-field",
            WarningCode::BadDate => "bad-date",
            WarningCode::NoItems => "no-items",
            WarningCode::Truncated => "truncated",
            WarningCode::AmbiguousHeading => "ambiguous-heading",
            WarningCode::UnknownCitation => "unknown-citation",
            WarningCode::BadAge => "bad-age",
            WarningCode::ConflictingValues => "conflicting-values",
            WarningCode::LooseReading => "loose-reading",
            WarningCode::AmbiguousValue => "ambiguous-value",
            WarningCode::StrayValue => "stray-value",
            WarningCode::UnreadableDecision => "unreadable-decision",
            WarningCode::ItemMismatch => "item-mismatch",
            WarningCode::DecisionConflict => "decision-conflict",
            WarningCode::DecisionFromRationale => "decision-from-rationale",
            WarningCode::SeveralLetters => "several-letters",
            WarningCode::StrayText => "stray-text",
            WarningCode::TextEncoding => "text-encoding",
            WarningCode::PageDamaged => "page-damaged",
            WarningCode::PageUnreadable => "page-unreadable",
            WarningCode::PageIncomplete => "page-incomplete",
            WarningCode::FontUnreadable => "font-unreadable",
            WarningCode::DamagedPdf => "damaged-pdf",
            WarningCode::TruncatedPdf => "truncated-pdf",
            WarningCode::LowConfidence => "low-confidence",
        }
    }

    /// The code written `s`, if there is one.
    pub fn from_str_code(s: &str) -> Option<WarningCode> {
        WarningCode::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for WarningCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for WarningCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        WarningCode::from_str_code(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown warning code {s:?}")))
    }
}

/// A letter under construction: the collapsed text, the part of it this letter covers, and
/// what has been read so far.
pub struct Builder<'f> {
    pub flat: &'f Flat,
    /// The letter's own part of the text (the whole text, or one letter of a bundle).
    pub range: FlatRange,
    /// Whether another letter follows in the text (what lies after this one's last item may
    /// be a cover page of the next, not a cut item).
    pub more_letters: bool,
    /// Where the letter itself ends, when text that belongs to no letter follows it.
    pub letter_end: Option<usize>,
    /// The landmarks of the letter's parts found in its range ([`crate::layout::split`]).
    pub landmarks: Vec<crate::layout::Landmark>,
    pub letter: Letter,
}

impl<'f> Builder<'f> {
    pub fn new(flat: &'f Flat, range: FlatRange) -> Self {
        Builder {
            flat,
            range,
            more_letters: false,
            letter_end: None,
            landmarks: Vec::new(),
            letter: Letter::default(),
        }
    }

    /// Where the letter's part of the text ends.
    pub fn end(&self) -> usize {
        self.range.end()
    }

    /// Records the span of the field at JSON pointer `pointer`.
    pub fn span(&mut self, pointer: impl Into<String>, span: Span) {
        self.letter.spans.insert(pointer.into(), span);
    }

    /// Adds a warning; `at` is a flat range, mapped to an input span.
    pub fn warn(
        &mut self,
        code: WarningCode,
        message: impl Into<String>,
        at: Option<(usize, usize)>,
    ) {
        let span = at
            .and_then(|(a, b)| self.flat.trim(a, b))
            .map(|(a, b)| self.flat.span(a, b));
        self.letter.warnings.push(Warning {
            code,
            message: message.into(),
            span,
            related: None,
        });
    }

    /// Adds a warning about two places: `at` and `related` (flat ranges).
    pub fn warn_both(
        &mut self,
        code: WarningCode,
        message: impl Into<String>,
        at: (usize, usize),
        related: (usize, usize),
    ) {
        let span = |(a, b)| self.flat.trim(a, b).map(|(a, b)| self.flat.span(a, b));
        let (span, related) = (span(at), span(related));
        self.letter.warnings.push(Warning {
            code,
            message: message.into(),
            span,
            related,
        });
    }

    /// Warns that `what()` was read from `[a, b)` through more than case and white space.
    pub fn loose(&mut self, fidelity: Fidelity, what: impl FnOnce() -> String, a: usize, b: usize) {
        if fidelity == Fidelity::Loose {
            let read = self.flat.value(a, b).map(|(v, _)| v).unwrap_or_default();
            self.warn(
                WarningCode::LooseReading,
                format!("'{read}' was read as {}.", what()),
                Some((a, b)),
            );
        }
    }

    /// The date in the word at flat `[ws, we)`, recorded with its span at `pointer`. An
    /// impossible date (`02/30/2016`) is `None` plus a `bad-date` warning that names `what`; a
    /// word that is no date at all is `None`. A date read through OCR's confusions (`O1/12/2O17`)
    /// is kept, with a warning.
    pub fn date(
        &mut self,
        pointer: &str,
        what: impl FnOnce() -> String,
        ws: usize,
        we: usize,
    ) -> Option<Date> {
        let flat = self.flat;
        let word = &flat.as_str()[ws..we];
        match read_date(word) {
            (DateWord::Valid(d, fidelity), len) => {
                self.span(pointer, flat.span(ws, ws + len));
                self.loose(fidelity, || format!("the date {d}"), ws, ws + len);
                Some(d)
            }
            (DateWord::Impossible, _) => {
                self.warn(
                    WarningCode::BadDate,
                    format!("{} {word} is not a real date; it is left empty.", what()),
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
