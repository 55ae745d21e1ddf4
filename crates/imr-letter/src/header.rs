//! A header table of labelled values (the Final Determination's case number, five dates and
//! priority), read from any extractor's layout of it. The labels are a parameter: a layout
//! passes its own table.
//!
//! Extractors lay a two-column table out differently: pypdf gives each label followed by its
//! value (`Date Assigned: 12/14/2016 Date of Injury: 10/20/2016`); pdfminer gives a column's
//! labels and then their values (`Case Number: Date Assigned: ... CM16-0237844 12/14/2016 ...`),
//! sometimes a value just before its label, or inside a two-line label (`Application 12/23/2016
//! Received:`). The text is cut into tokens (labels and values) and read in passes, each only
//! taking what it is sure of:
//! 1. a label followed by a value of its kind (a case number, a date, a word), on its line or
//!    the next, takes it;
//! 2. a run of labels followed by a run of values pairs them up by kind, in order, only when each
//!    kind has as many values as labels (a blank value among several dates is `ambiguous-value`:
//!    those dates stay empty, rather than shifting the others along);
//! 3. a label just after a value that nothing took takes it.
//!
//! A value left over is a `stray-value` (never adopted by a label it does not stand beside); a
//! label left over has no value (`missing-field`); a label given twice with different values is
//! `conflicting-values` and empty.

use crate::date::{read_date, DateWord};
use crate::diagnostics::{Builder, WarningCode};
use crate::model::Date;
use crate::scan::{scan_term, Pass, Term};
use crate::text::PARA;
use crate::vocab::Fidelity;

/// The priorities the letters give.
const PRIORITIES: [&str; 2] = ["Standard", "Expedited"];

/// The fields a header gives.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Field {
    Case,
    Assigned,
    Injury,
    Decision,
    UrDenial,
    Priority,
    Received,
}

impl Field {
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

    fn kind(self) -> Kind {
        match self {
            Field::Case => Kind::CaseNumber,
            Field::Priority => Kind::Word,
            _ => Kind::Date,
        }
    }
}

/// Which part of a label a term is: the whole, or one half of a label that an extractor may
/// split around its value (`Application` ... `Received:`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    Whole,
    FirstHalf,
    SecondHalf,
}

/// One label of a header table.
#[derive(Clone, Copy, Debug)]
pub struct Label {
    pub term: Term,
    pub field: Field,
    pub part: Part,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    CaseNumber,
    Date,
    Word,
}

/// A case number, `CM16-0237844`: two capital letters, two digits, a hyphen, five to eight
/// digits. Digits that OCR took for letters (`O`, `l`, `I`) are read as digits, loosely.
pub fn read_case_number(w: &str) -> Option<(String, Fidelity)> {
    let w = w.trim_end_matches(['.', ',', ';']);
    if !(10..=13).contains(&w.len()) || w.as_bytes()[4] != b'-' {
        return None;
    }
    let chars: Vec<char> = w.chars().collect();
    if !(10..=13).contains(&chars.len()) || chars[4] != '-' {
        return None;
    }
    if !chars[..2].iter().all(char::is_ascii_uppercase) {
        return None;
    }
    let mut fidelity = Fidelity::Exact;
    let mut out: String = chars[..2].iter().collect();
    for (i, &c) in chars.iter().enumerate().skip(2) {
        if i == 4 {
            out.push('-');
            continue;
        }
        let d = match c {
            '0'..='9' => c,
            'O' | 'o' | 'D' => '0',
            'l' | 'I' | '|' => '1',
            'S' => '5',
            'B' => '8',
            _ => return None,
        };
        if d != c {
            fidelity = Fidelity::Loose;
        }
        out.push(d);
    }
    // A case number has mostly true digits.
    let guessed = out.chars().zip(&chars).filter(|(a, b)| a != *b).count();
    (guessed <= 2).then_some((out, fidelity))
}

fn kind_of(w: &str) -> Kind {
    if read_case_number(w).is_some() {
        Kind::CaseNumber
    } else if read_date(w).0 != DateWord::NotADate {
        Kind::Date
    } else {
        Kind::Word
    }
}

#[derive(Clone, Copy, Debug)]
enum TokenKind {
    Label(Field, Part),
    Value(Kind),
}

#[derive(Clone, Copy, Debug)]
struct Token {
    kind: TokenKind,
    start: usize,
    end: usize,
    /// A paragraph break stands between this token and the one before.
    para_before: bool,
    fidelity: Fidelity,
    /// For a label: the index of the value it took. For a value: whether it was taken.
    taken: Option<usize>,
}

impl Token {
    fn label(&self) -> Option<Field> {
        match self.kind {
            TokenKind::Label(f, _) => Some(f),
            _ => None,
        }
    }
    fn value(&self) -> Option<Kind> {
        match self.kind {
            TokenKind::Value(k) => Some(k),
            _ => None,
        }
    }
}

/// Reads the header in flat `[from, to)` with the labels `labels`. Returns whether any label
/// was found.
pub fn read(b: &mut Builder, from: usize, to: usize, labels: &[Label]) -> bool {
    let mut tokens = tokenize(b, from, to, labels, Pass::Exact);
    join_halves(&mut tokens);
    // A label not found as written is looked for loosely.
    let whole = labels.iter().filter(|l| l.part == Part::Whole);
    if whole
        .clone()
        .any(|l| !tokens.iter().any(|t| t.label() == Some(l.field)))
    {
        tokens = tokenize(b, from, to, labels, Pass::Loose);
        join_halves(&mut tokens);
    }
    if !tokens.iter().any(|t| t.label().is_some()) {
        return false;
    }
    take_adjacent(&mut tokens);
    take_blocks(b, &mut tokens);
    take_preceding(&mut tokens);
    assign(b, &tokens, labels);
    true
}

fn tokenize(b: &Builder, from: usize, to: usize, labels: &[Label], pass: Pass) -> Vec<Token> {
    let flat = b.flat;
    let text = flat.as_str();
    let mut tokens = Vec::new();
    let mut last_end = from;
    let mut skip_to = from;
    for (ws, we) in flat.words(from, to) {
        if ws < skip_to {
            continue;
        }
        // Marks with no letter or digit (OCR's specks and rules: `|`, `—_`, `.`) are no value.
        if !text[ws..we].chars().any(char::is_alphanumeric) {
            continue;
        }
        let para_before = text.as_bytes()[last_end.min(ws)..ws].contains(&PARA);
        let first = text.as_bytes()[ws];
        let found = labels
            .iter()
            .filter(|l| pass == Pass::Loose || l.term.words.as_bytes().first() == Some(&first))
            .find_map(|l| scan_term(flat, ws, to, l.term, pass).map(|m| (l, m)));
        let (kind, end, fidelity) = match found {
            Some((l, m)) => (TokenKind::Label(l.field, l.part), m.end, m.fidelity),
            None => (
                TokenKind::Value(kind_of(&text[ws..we])),
                we,
                Fidelity::Exact,
            ),
        };
        tokens.push(Token {
            kind,
            start: ws,
            end,
            para_before,
            fidelity,
            taken: None,
        });
        last_end = end;
        skip_to = end;
    }
    tokens
}

/// `Application` `Received:` (with at most a value between) is one label; the value between
/// is its own. A half with no other half is not a label.
fn join_halves(tokens: &mut Vec<Token>) {
    let mut i = 0;
    while i < tokens.len() {
        if let TokenKind::Label(field, Part::FirstHalf) = tokens[i].kind {
            let second = (i + 1..(i + 3).min(tokens.len())).find(
                |&j| matches!(tokens[j].kind, TokenKind::Label(f, Part::SecondHalf) if f == field),
            );
            match second {
                Some(j) => {
                    tokens[i].kind = TokenKind::Label(field, Part::Whole);
                    tokens[i].end = tokens[j].end;
                    tokens[i].fidelity = tokens[i].fidelity.max(tokens[j].fidelity);
                    tokens.remove(j);
                    // The value between the halves belongs to the label.
                    if j == i + 2 && tokens[i + 1].value() == Some(field.kind()) {
                        tokens[i].taken = Some(i + 1);
                        tokens[i + 1].taken = Some(i);
                    }
                }
                None => tokens[i].kind = TokenKind::Value(Kind::Word),
            }
        } else if let TokenKind::Label(field, Part::SecondHalf) = tokens[i].kind {
            // `Received:` alone still names the field.
            tokens[i].kind = TokenKind::Label(field, Part::Whole);
        }
        i += 1;
    }
}

/// Pass 1: a label followed by a value of its kind, with no paragraph break between.
fn take_adjacent(tokens: &mut [Token]) {
    for i in 0..tokens.len().saturating_sub(1) {
        let Some(field) = tokens[i].label() else {
            continue;
        };
        if tokens[i].taken.is_some() {
            continue;
        }
        let next = &tokens[i + 1];
        if !next.para_before && next.taken.is_none() && next.value() == Some(field.kind()) {
            tokens[i].taken = Some(i + 1);
            tokens[i + 1].taken = Some(i);
        }
    }
}

/// Pass 2: a run of labels that took nothing, then a run of values nothing took.
fn take_blocks(b: &mut Builder, tokens: &mut [Token]) {
    let mut i = 0;
    while i < tokens.len() {
        let labels_start = i;
        while i < tokens.len() && tokens[i].label().is_some() && tokens[i].taken.is_none() {
            i += 1;
        }
        let labels_end = i;
        // The values' run ends at a paragraph break (the next column's values start there).
        while i < tokens.len()
            && tokens[i].value().is_some()
            && tokens[i].taken.is_none()
            && (i == labels_end || !tokens[i].para_before)
        {
            i += 1;
        }
        let values_end = i;
        if labels_end == labels_start || values_end == labels_end {
            i = i.max(labels_start + 1);
            continue;
        }
        for kind in [Kind::CaseNumber, Kind::Date, Kind::Word] {
            let ls: Vec<usize> = (labels_start..labels_end)
                .filter(|&j| tokens[j].label().is_some_and(|f| f.kind() == kind))
                .collect();
            let vs: Vec<usize> = (labels_end..values_end)
                .filter(|&j| tokens[j].value() == Some(kind))
                .collect();
            if ls.is_empty() || vs.is_empty() {
                continue;
            }
            // Words are values only for a label that takes words, one each.
            if ls.len() == vs.len() || (kind == Kind::Word && vs.len() > ls.len()) {
                for (&l, &v) in ls.iter().zip(&vs) {
                    tokens[l].taken = Some(v);
                    tokens[v].taken = Some(l);
                }
            } else {
                let (s, e) = (
                    tokens[ls[0]].start,
                    tokens[*vs.last().unwrap_or(&ls[0])].end,
                );
                b.warn(
                    WarningCode::AmbiguousValue,
                    format!(
                        "The header lists {} labels of one kind but {} values for them, so which value is whose cannot be told; they are left empty.",
                        ls.len(),
                        vs.len()
                    ),
                    Some((s, e)),
                );
                // Neither the labels nor the values are used elsewhere.
                for &j in ls.iter().chain(&vs) {
                    tokens[j].taken = Some(usize::MAX);
                }
            }
        }
    }
}

/// Pass 3: a label that took nothing takes a value just before it that nothing took.
fn take_preceding(tokens: &mut [Token]) {
    for i in 1..tokens.len() {
        let Some(field) = tokens[i].label() else {
            continue;
        };
        let prev = &tokens[i - 1];
        if tokens[i].taken.is_none()
            && !tokens[i].para_before
            && prev.taken.is_none()
            && prev.value() == Some(field.kind())
        {
            tokens[i].taken = Some(i - 1);
            tokens[i - 1].taken = Some(i);
        }
    }
}

/// Gives each field its value; says what is missing, doubled or left over.
fn assign(b: &mut Builder, tokens: &[Token], labels: &[Label]) {
    let mut seen: Vec<Field> = Vec::new();
    let mut conflicted: Vec<Field> = Vec::new();
    // Per field: the value's text, for telling a repeat from a conflict.
    let mut given: Vec<(Field, String)> = Vec::new();
    for t in tokens {
        let Some(field) = t.label() else {
            if t.taken.is_none() && t.value().is_some_and(|k| k != Kind::Word) {
                let word = &b.flat.as_str()[t.start..t.end];
                b.warn(
                    WarningCode::StrayValue,
                    format!("The header holds '{word}', which stands beside no label that takes it; it is not used."),
                    Some((t.start, t.end)),
                );
            }
            continue;
        };
        let label = labels
            .iter()
            .find(|l| l.field == field && l.part == Part::Whole);
        let name = || label.map_or_else(String::new, |l| l.term.written());
        b.loose(
            t.fidelity,
            || format!("the label '{}'", name()),
            t.start,
            t.end,
        );
        seen.push(field);
        let Some(v) = t.taken else {
            if !given.iter().any(|(f, _)| *f == field) {
                b.warn(
                    WarningCode::MissingField,
                    format!("The header has '{}' but no value for it.", name()),
                    Some((t.start, t.end)),
                );
            }
            continue;
        };
        if v == usize::MAX {
            continue;
        }
        let value = &tokens[v];
        let (vs, mut ve) = (value.start, value.end);
        let known_priority = field == Field::Priority
            && crate::vocab::match_word(&b.flat.as_str()[vs..ve], &PRIORITIES).is_some();
        if field == Field::Priority && !known_priority {
            // A priority of several words, as written, on the label's line.
            let mut j = v + 1;
            while j < tokens.len()
                && tokens[j].value() == Some(Kind::Word)
                && tokens[j].taken.is_none()
                && tokens[j].start == ve + 1
                && b.flat.byte(ve) == Some(b' ')
            {
                ve = tokens[j].end;
                j += 1;
            }
        }
        let text = b.flat.as_str()[vs..ve].to_string();
        match given.iter().find(|(f, _)| *f == field) {
            Some((_, earlier)) if *earlier == text => continue,
            Some(_) => {
                if !conflicted.contains(&field) {
                    conflicted.push(field);
                    b.warn(
                        WarningCode::ConflictingValues,
                        format!(
                            "The header gives '{}' twice with different values; it is left empty.",
                            name()
                        ),
                        Some((t.start, ve)),
                    );
                }
                continue;
            }
            None => given.push((field, text)),
        }
        set(b, field, vs, ve, label);
    }
    for field in conflicted {
        clear(b, field);
    }
    for l in labels.iter().filter(|l| l.part == Part::Whole) {
        if !seen.contains(&l.field) {
            b.warn(
                WarningCode::MissingField,
                format!("The header has no '{}'.", l.term.written()),
                None,
            );
        }
    }
}

fn set(b: &mut Builder, field: Field, vs: usize, ve: usize, label: Option<&Label>) {
    match field {
        Field::Case => {
            let word = b.flat.as_str()[vs..ve].to_string();
            if let Some((case, fidelity)) = read_case_number(&word) {
                let end = vs + word.trim_end_matches(['.', ',', ';']).len();
                b.loose(fidelity, || format!("the case number {case}"), vs, end);
                b.span(field.pointer(), b.flat.span(vs, end));
                b.letter.case_number = Some(case);
            }
        }
        Field::Priority => {
            let written = b.text(field.pointer(), vs, ve);
            b.letter.priority = match written
                .as_deref()
                .and_then(|w| crate::vocab::match_word(w, &PRIORITIES))
            {
                Some((known, _)) => {
                    if written.as_deref() != Some(known) {
                        b.loose(Fidelity::Loose, || format!("the priority {known}"), vs, ve);
                    }
                    Some(known.to_string())
                }
                None => written,
            };
        }
        _ => {
            let name = || format!("'{}'", label.map_or_else(String::new, |l| l.term.written()));
            let date = b.date(field.pointer(), name, vs, ve);
            if let Some(slot) = date_slot(b, field) {
                *slot = date;
            }
        }
    }
}

fn clear(b: &mut Builder, field: Field) {
    b.letter.spans.remove(field.pointer());
    match field {
        Field::Case => b.letter.case_number = None,
        Field::Priority => b.letter.priority = None,
        _ => {
            if let Some(slot) = date_slot(b, field) {
                *slot = None;
            }
        }
    }
}

fn date_slot<'l>(b: &'l mut Builder, field: Field) -> Option<&'l mut Option<Date>> {
    let dates = &mut b.letter.dates;
    Some(match field {
        Field::Assigned => &mut dates.assigned,
        Field::Injury => &mut dates.injury,
        Field::Decision => &mut dates.decision,
        Field::UrDenial => &mut dates.ur_denial,
        Field::Received => &mut dates.application_received,
        Field::Case | Field::Priority => return None,
    })
}
