//! The expert reviewer's credentials: the `State(s) of Licensure:` and
//! `Certification(s)/Specialty:` lines, or the same said in prose ("is Board Certified in X, has
//! a subspecialty in Y and is licensed to practice in Z.").

use crate::diagnostics::Builder;
use crate::text::PARA;

const LICENSURE: &str = "State(s) of Licensure:";
const SPECIALTY: &str = "Certification(s)/Specialty:";

/// Reads the credentials in flat `[from, to)`. Returns whether any were found.
pub fn read(b: &mut Builder, from: usize, to: usize) -> bool {
    let flat = b.flat;
    let lic = flat.find(LICENSURE, from, to);
    let spec = flat.find(SPECIALTY, from, to);
    if lic.is_none() && spec.is_none() {
        return read_prose(b, from, to);
    }
    if let Some(at) = lic {
        let start = at + LICENSURE.len();
        let end = stop(b, start, to, spec.filter(|&s| s > at));
        list(b, List::Licensure, start, end, &[","]);
    }
    if let Some(at) = spec {
        let start = at + SPECIALTY.len();
        let end = stop(b, start, to, lic.filter(|&l| l > at));
        list(b, List::Specialties, start, end, &[","]);
    }
    true
}

/// Where a credentials value ends: the other label, a paragraph break, or the section end.
fn stop(b: &Builder, start: usize, to: usize, other_label: Option<usize>) -> usize {
    let to = other_label.unwrap_or(to).min(to);
    let para = b.flat.as_str().as_bytes()[start..to]
        .iter()
        .position(|&c| c == PARA);
    para.map_or(to, |p| start + p)
}

/// The reviewer's two lists.
#[derive(Clone, Copy)]
enum List {
    Licensure,
    Specialties,
}

impl List {
    fn name(self) -> &'static str {
        match self {
            List::Licensure => "licensure",
            List::Specialties => "specialties",
        }
    }

    fn of<'l>(self, b: &'l mut Builder) -> &'l mut Vec<String> {
        match self {
            List::Licensure => &mut b.letter.reviewer.licensure,
            List::Specialties => &mut b.letter.reviewer.specialties,
        }
    }
}

/// Splits `[start, end)` on any of `seps` and appends each trimmed piece to the list `which`.
fn list(b: &mut Builder, which: List, start: usize, end: usize, seps: &[&str]) {
    let text = b.flat.as_str();
    let mut piece_start = start;
    let mut i = start;
    while i <= end {
        let sep = seps
            .iter()
            .find(|s| b.flat.match_at(i, s).is_some_and(|e| e <= end))
            .map(|s| s.len());
        if i == end || sep.is_some() {
            let n = which.of(b).len();
            if let Some(v) = b.text(format!("/reviewer/{}/{n}", which.name()), piece_start, i) {
                which.of(b).push(v);
            }
            let step = sep.unwrap_or(1);
            piece_start = i + step;
            i += step;
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
}

/// "Board Certified in X[, has a subspecialty in Y] and is licensed to practice in Z."
fn read_prose(b: &mut Builder, from: usize, to: usize) -> bool {
    let flat = b.flat;
    let Some(bc) = flat.find("Board Certified in ", from, to) else {
        return false;
    };
    let sentence_end = sentence_end(b, bc, to);
    let spec_start = bc + "Board Certified in ".len();
    let sub = flat.find(", has a subspecialty in ", spec_start, sentence_end);
    let licensed = [
        ", and is licensed to practice in ",
        " and is licensed to practice in ",
        ", licensed to practice in ",
        " and licensed to practice in ",
    ]
    .iter()
    .filter_map(|p| {
        flat.find(p, spec_start, sentence_end)
            .map(|at| (at, at + p.len()))
    })
    .min();
    let spec_end = sub.or(licensed.map(|l| l.0)).unwrap_or(sentence_end);
    list(b, List::Specialties, spec_start, spec_end, &[", "]);
    if let Some(s) = sub {
        let s_start = s + ", has a subspecialty in ".len();
        list(
            b,
            List::Specialties,
            s_start,
            licensed.map_or(sentence_end, |l| l.0),
            &[", "],
        );
    }
    if let Some((_, l_start)) = licensed {
        list(
            b,
            List::Licensure,
            l_start,
            sentence_end,
            &[", and ", ", ", " and "],
        );
    }
    true
}

/// The end of the sentence that starts before `at`: the next `. ` (or `.` at the end).
fn sentence_end(b: &Builder, at: usize, to: usize) -> usize {
    let t = b.flat.as_str().as_bytes();
    let mut i = at;
    while i < to {
        if t[i] == b'.' && (i + 1 >= t.len() || crate::text::is_ws_byte(t[i + 1])) {
            return i;
        }
        i += 1;
    }
    to
}
