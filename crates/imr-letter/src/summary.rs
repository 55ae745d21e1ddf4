//! The clinical case summary, and the patient's age and sex in its own words.

use crate::diagnostics::{Builder, WarningCode};
use crate::model::Sex;

/// The boilerplate first sentence ends with this.
const BOILERPLATE_END: &str = "including all medical records:";

/// Reads the summary in flat `[from, to)`, dropping its boilerplate first sentence.
pub fn read(b: &mut Builder, from: usize, to: usize) {
    let start = b
        .flat
        .find(BOILERPLATE_END, from, to)
        .map_or(from, |at| at + BOILERPLATE_END.len());
    b.letter.summary = b.text("/summary", start, to);
    read_patient(b, start, to);
}

/// "a 51 year old female", "a now 57-year-old male", "a(n) 44 year-old female": the first
/// such phrase gives the age, and the sex when `male` or `female` follows it. Without an age,
/// "is a female who ..." still gives the sex.
pub fn read_patient(b: &mut Builder, from: usize, to: usize) {
    read_age(b, from, to);
    if b.letter.patient.sex.is_none() {
        read_sex_without_age(b, from, to);
    }
}

/// How the summaries name the patient.
const PATIENT_WORDS: [&str; 6] = [
    "patient",
    "worker",
    "employee",
    "claimant",
    "applicant",
    "individual",
];

/// "The patient is a female", "the injured worker is a male" (also "an", "woman", "man"): the
/// summary's own words about the patient.
fn read_sex_without_age(b: &mut Builder, from: usize, to: usize) {
    let flat = b.flat;
    // The patient is described at the start; later sentences speak of others too.
    let to = flat.range(from, to.min(from + 600)).end();
    let mut pos = from;
    while let Some(at) = flat.find("is a", pos, to) {
        pos = at + 4;
        if at > 0 && !crate::text::is_ws_byte(flat.as_str().as_bytes()[at - 1]) {
            continue;
        }
        // The patient, by the words the letters use for them: "The injured worker is a female".
        let before = flat.as_str()[from..at].trim_end();
        let subject = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        if !PATIENT_WORDS.contains(&subject.to_ascii_lowercase().as_str()) {
            continue;
        }
        let mut words = flat.words(at + 3, to);
        let Some((ws, we)) = words.next() else { return };
        let article = &flat.as_str()[ws..we];
        if article != "a" && article != "an" {
            continue;
        }
        if let Some((ss, se)) = words.next() {
            let word = flat.as_str()[ss..se].trim_end_matches([',', '.', ';']);
            if let Some(sex) = sex_of_word(word) {
                b.letter.patient.sex = Some(sex);
                b.span("/patient/sex", flat.span(ss, ss + word.len()));
                return;
            }
        }
    }
}

fn read_age(b: &mut Builder, from: usize, to: usize) {
    let flat = b.flat;
    let text = flat.as_str();
    let bytes = text.as_bytes();
    let mut pos = from;
    while let Some(at) = flat.find("year", pos, to) {
        pos = at + 4;
        // Digits, then ' ' or '-', then "year"; then ' ' or '-' and "old".
        let sep_before = at.checked_sub(1).map(|i| bytes[i]);
        if !matches!(sep_before, Some(b' ' | b'-' | b'\n')) {
            continue;
        }
        let digits_end = at - 1;
        let mut digits_start = digits_end;
        while digits_start > from && bytes[digits_start - 1].is_ascii_digit() {
            digits_start -= 1;
        }
        if digits_start == digits_end {
            continue;
        }
        let after = at + 4;
        let after = if text[after..to].starts_with('s') {
            after + 1
        } else {
            after
        };
        let Some(old_end) = [" old", "-old"]
            .iter()
            .find_map(|p| flat.match_at(after, p))
        else {
            continue;
        };
        if old_end > to {
            continue;
        }
        let age: u32 = text[digits_start..digits_end].parse().unwrap_or(u32::MAX);
        if (1..=110).contains(&age) {
            b.letter.patient.age = Some(age);
            b.span("/patient/age", flat.span(digits_start, digits_end));
        } else {
            b.warn(
                WarningCode::BadAge,
                format!(
                    "The summary gives an age of {} years; it is left empty.",
                    &text[digits_start..digits_end]
                ),
                Some((digits_start, digits_end)),
            );
        }
        read_sex(b, old_end, to);
        return;
    }
}

/// `male` or `female` as the next word after `at` (before `to`).
fn read_sex(b: &mut Builder, at: usize, to: usize) {
    let flat = b.flat;
    let Some((ws, we)) = flat.words(at, to).next() else {
        return;
    };
    let word = flat.as_str()[ws..we].trim_end_matches([',', '.', ';']);
    if let Some(sex) = sex_of_word(word) {
        b.letter.patient.sex = Some(sex);
        b.span("/patient/sex", flat.span(ws, ws + word.len()));
    }
}

/// The sex a word of the summary states, if it states one (`female`, `Male`, `woman`, ...).
pub fn sex_of_word(word: &str) -> Option<Sex> {
    match word.to_ascii_lowercase().as_str() {
        "female" | "woman" => Some(Sex::Female),
        "male" | "man" | "gentleman" => Some(Sex::Male),
        _ => None,
    }
}
