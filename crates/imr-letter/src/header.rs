//! The header table: case number, five dates and priority.
//!
//! Extractors lay the two-column table out differently: pypdf gives each label followed by its
//! value (`Date Assigned: 12/14/2016 Date of Injury: 10/20/2016`), pdfminer all labels of a column
//! and then all their values, sometimes with a value just before its label. All are read the same
//! way: labels queue up, and each value goes to the oldest waiting label that takes its kind (a
//! case number, a date or a word); a value no label waits for waits for the next label. When the
//! first label is followed by its value (the pypdf layout), each label's value must come before
//! the next label: a label with none is missing, and never takes a later label's value.

use crate::date::{read_date, DateWord};
use crate::diagnostics::{codes, Builder};
use crate::model::Date;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Case,
    Assigned,
    Injury,
    Decision,
    UrDenial,
    Priority,
    Received,
}

/// The labels as written (a space matches any white space, line breaks included). The last two
/// are halves of `Application Received:`, which pdfminer splits around the date.
const LABELS: [(&str, Field); 9] = [
    ("Case Number:", Field::Case),
    ("Date Assigned:", Field::Assigned),
    ("Date of Injury:", Field::Injury),
    ("Decision Date:", Field::Decision),
    ("UR Denial Date:", Field::UrDenial),
    ("Priority:", Field::Priority),
    ("Application Received:", Field::Received),
    ("Application", Field::Received),
    ("Received:", Field::Received),
];

/// Whether a label is only half of one (`Application`, `Received:`).
fn is_half(label: &str) -> bool {
    !label.ends_with(':') || label == "Received:"
}

impl Field {
    fn label(self) -> &'static str {
        LABELS
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(l, _)| l)
    }

    fn pointer(self) -> &'static str {
        match self {
            Field::Case => "/case_number",
            Field::Assigned => "/dates/assigned",
            Field::Injury => "/dates/injury",
            Field::Decision => "/dates/decision",
            Field::UrDenial => "/dates/ur_denial",
            Field::Priority => "/priority",
            Field::Received => "/dates/application_received",
        }
    }

    fn takes(self, kind: Kind) -> bool {
        match self {
            Field::Case => kind == Kind::CaseNumber,
            Field::Priority => kind == Kind::Word,
            _ => kind == Kind::Date,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    CaseNumber,
    Date,
    Word,
}

/// `CM16-0237844`: two capital letters, two digits, a hyphen, five to eight digits.
pub fn is_case_number(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 10
        && b.len() <= 13
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..].iter().all(u8::is_ascii_digit)
}

fn kind_of(w: &str) -> Kind {
    if is_case_number(w) {
        Kind::CaseNumber
    } else if read_date(w).0 != DateWord::NotADate {
        Kind::Date
    } else {
        Kind::Word
    }
}

/// Reads the header in flat `[0, end)`. Returns whether any header label was found.
pub fn read(b: &mut Builder, end: usize) -> bool {
    let flat = b.flat;
    let text = flat.as_str();
    let mut pending: Vec<Field> = Vec::new();
    let mut seen: Vec<Field> = Vec::new();
    // Values that came before their label: (start, end, kind).
    let mut orphans: Vec<(usize, usize, Kind)> = Vec::new();
    // The priority value may be several words: (start, end) of the words so far.
    let mut priority: Option<(usize, usize)> = None;
    // Labels that got no value before the next label (label-then-value layout only).
    let mut missing: Vec<Field> = Vec::new();
    // Whether each label is followed by its value; known at the first word after a label.
    let mut inline: Option<bool> = None;
    let mut words = flat.words(0, end).peekable();
    while let Some((ws, we)) = words.next() {
        if let Some((label, field)) = LABELS.iter().find(|(l, _)| flat.match_at(ws, l).is_some()) {
            // Skip the rest of a multi-word label.
            let label_end = ws + label.len();
            while words.peek().is_some_and(|&(_, e)| e <= label_end) {
                words.next();
            }
            if seen.contains(field) {
                if !is_half(label) {
                    b.warn(
                        codes::CONFLICT,
                        format!("The header gives '{label}' twice; the first is kept."),
                        Some((ws, label_end)),
                    );
                }
                continue;
            }
            if inline == Some(true) {
                missing.append(&mut pending);
            }
            if inline.is_none() && !seen.is_empty() {
                inline = Some(false);
            }
            seen.push(*field);
            match orphans.iter().position(|&(_, _, k)| field.takes(k)) {
                Some(at) => {
                    let (os, oe, _) = orphans.remove(at);
                    assign(b, *field, os, oe, &mut priority);
                }
                None => pending.push(*field),
            }
            continue;
        }
        let kind = kind_of(&text[ws..we]);
        if inline.is_none() && !seen.is_empty() {
            inline = Some(true);
        }
        if let Some((_, pe)) = priority.as_mut() {
            // A priority of several words ("Expedited Review") goes on while words follow it.
            if kind == Kind::Word && ws == *pe + 1 {
                *pe = we;
                continue;
            }
        }
        match pending.iter().position(|f| f.takes(kind)) {
            Some(at) => {
                let field = pending.remove(at);
                assign(b, field, ws, we, &mut priority);
            }
            // Stray words are not values; dates and case numbers wait for their label.
            None if kind != Kind::Word => orphans.push((ws, we, kind)),
            None => {}
        }
    }
    if let Some((ps, pe)) = priority {
        b.letter.priority = b.text(Field::Priority.pointer(), ps, pe);
    }
    if seen.is_empty() {
        return false;
    }
    missing.append(&mut pending);
    for field in missing {
        b.warn(
            codes::MISSING_FIELD,
            format!("The header has '{}' but no value for it.", field.label()),
            None,
        );
    }
    for (label, field) in LABELS {
        if !seen.contains(&field) && !is_half(label) {
            b.warn(
                codes::MISSING_FIELD,
                format!("The header has no '{label}'."),
                None,
            );
        }
    }
    true
}

/// Gives `field` the value at flat `[ws, we)`.
fn assign(
    b: &mut Builder,
    field: Field,
    ws: usize,
    we: usize,
    priority: &mut Option<(usize, usize)>,
) {
    match field {
        Field::Case => {
            let case = b.text(field.pointer(), ws, we);
            b.letter.case_number = case;
        }
        Field::Priority => *priority = Some((ws, we)),
        _ => {
            let date = b.date(field.pointer(), &format!("'{}'", field.label()), ws, we);
            set_date(b, field, date);
        }
    }
}

fn set_date(b: &mut Builder, field: Field, date: Option<Date>) {
    let dates = &mut b.letter.dates;
    let slot = match field {
        Field::Assigned => &mut dates.assigned,
        Field::Injury => &mut dates.injury,
        Field::Decision => &mut dates.decision,
        Field::UrDenial => &mut dates.ur_denial,
        Field::Received => &mut dates.application_received,
        Field::Case | Field::Priority => return,
    };
    *slot = date;
}
