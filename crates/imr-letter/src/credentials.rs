//! The expert reviewer's credentials: the `State(s) of Licensure:` and
//! `Certification(s)/Specialty:` lines, or the same said in prose ("is Board Certified in X, has
//! a subspecialty in Y and is licensed to practice in Z.").

use crate::diagnostics::{Builder, WarningCode};
use crate::scan::{find_exact, scan_term, Pass, Term, TermMatch};
use crate::text::PARA;

const LICENSURE: Term = Term::label("State(s) of Licensure");
const SPECIALTY: Term = Term::label("Certification(s)/Specialty");

/// Reads the credentials in flat `[from, to)`. Returns whether any were found.
pub fn read(b: &mut Builder, from: usize, to: usize) -> bool {
    let flat = b.flat;
    // Each label (a label given twice counts twice): as written, else loosely at line starts.
    let mut labels: Vec<(List, TermMatch)> = [List::Licensure, List::Specialties]
        .into_iter()
        .flat_map(|l| {
            find_exact(flat, from, to, l.term())
                .into_iter()
                .map(move |m| (l, m))
        })
        .collect();
    let both = [List::Licensure, List::Specialties]
        .iter()
        .all(|l| labels.iter().any(|(w, _)| w == l));
    if !both {
        let exact: Vec<usize> = labels.iter().map(|(_, m)| m.start).collect();
        for (s, e) in flat.lines(from, to) {
            let s = flat.skip_spaces(s, e);
            if exact.contains(&s) {
                continue;
            }
            for list in [List::Licensure, List::Specialties] {
                if let Some(m) = scan_term(flat, s, to, list.term(), Pass::Loose) {
                    labels.push((list, m));
                    break;
                }
            }
        }
    }
    labels.sort_by_key(|(_, m)| m.start);
    if labels.is_empty() {
        return read_prose(b, from, to);
    }
    for (i, &(which, m)) in labels.iter().enumerate() {
        b.loose(
            m.fidelity,
            || format!("the label '{}'", which.term().written()),
            m.start,
            m.end,
        );
        // A value runs to the next label, a paragraph break, or the section's end.
        let next = labels.get(i + 1).map_or(to, |(_, n)| n.start).max(m.end);
        let end = stop(b, m.end, next);
        let earlier = labels[..i].iter().any(|(w, _)| *w == which);
        if !earlier {
            list(b, which, m.end, end, &[","]);
            continue;
        }
        // The same label again: harmless if it says the same, else the list is unsure.
        let mut again = Builder::new(b.flat, b.range);
        list(&mut again, which, m.end, end, &[","]);
        if *which.of(&mut again) != *which.of(b) && !which.of(b).is_empty() {
            b.warn(
                WarningCode::ConflictingValues,
                format!(
                    "The letter gives '{}' twice with different values; the {} are left empty.",
                    which.term().written(),
                    which.name()
                ),
                Some((m.start, end)),
            );
            which.of(b).clear();
            let prefix = format!("/reviewer/{}/", which.name());
            b.letter.spans.retain(|k, _| !k.starts_with(&prefix));
        }
    }
    true
}

/// Where a credentials value ends: a paragraph break, or `to`.
fn stop(b: &Builder, start: usize, to: usize) -> usize {
    let para = b.flat.as_str().as_bytes()[start..to]
        .iter()
        .position(|&c| c == PARA);
    para.map_or(to, |p| start + p)
}

/// The reviewer's two lists.
#[derive(Clone, Copy, PartialEq, Eq)]
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

    fn term(self) -> Term {
        match self {
            List::Licensure => LICENSURE,
            List::Specialties => SPECIALTY,
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
            let pointer = format!("/reviewer/{}/{n}", which.name());
            if let Some(mut v) = b.text(&pointer, piece_start, i) {
                v = match which {
                    List::Licensure => known_name(b, v, &STATES, Match::Loose, piece_start, i),
                    List::Specialties => {
                        known_name(b, v, &SPECIALTIES, Match::Spacing, piece_start, i)
                    }
                };
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

/// The states, districts and territories of the United States: a licensure names them.
const STATES: [&str; 56] = [
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "District of Columbia",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "Puerto Rico",
    "Guam",
    "Virgin Islands",
    "American Samoa",
    "Northern Mariana Islands",
];

/// Specialties and professions the letters certify their reviewers in (the American boards'
/// names as the letters write them, and the licensed professions that review).
const SPECIALTIES: [&str; 44] = [
    "Acupuncturist",
    "Addiction Medicine",
    "Allergy & Immunology",
    "Anesthesiology",
    "Cardiology",
    "Chiropractor",
    "Clinical Neurophysiology",
    "Dentist",
    "Dermatology",
    "Emergency Medicine",
    "Family Medicine",
    "Family Practice",
    "Gastroenterology",
    "General Surgery",
    "Hand Surgery",
    "Hospice & Palliative Medicine",
    "Internal Medicine",
    "Medical Toxicology",
    "Neurological Surgery",
    "Neurology",
    "Neuromuscular Medicine",
    "Obstetrics & Gynecology",
    "Occupational Medicine",
    "Ophthalmology",
    "Orthopedic Surgery",
    "Otolaryngology",
    "Pain Management",
    "Pain Medicine",
    "Pediatric Rehabilitation Medicine",
    "Physical Medicine & Rehabilitation",
    "Physical Therapist",
    "Plastic Surgery",
    "Podiatrist",
    "Preventive Medicine",
    "Psychiatry",
    "Psychologist",
    "Public Health & General Preventive Medicine",
    "Pulmonary Disease",
    "Radiology",
    "Rheumatology",
    "Spinal Cord Injury Medicine",
    "Sports Medicine",
    "Surgery",
    "Urology",
];

/// How far a written name may stray from the known one it is read as.
#[derive(Clone, Copy, PartialEq)]
enum Match {
    /// Spacing, case and OCR's confusions: the list is closed (the states).
    Loose,
    /// Spacing only (`Occupational M edicine`): the list is not closed (a specialty written
    /// another way, "Orthopaedic Surgery", is kept as written).
    Spacing,
}

/// A licensure or specialty read as written, or the one of `names` it is when read through
/// what `how` allows (`T exas`, `Califomia`; `Occupational M edicine`), with a warning that
/// says so. A name that is none of them is kept as written.
fn known_name(
    b: &mut Builder,
    written: String,
    names: &[&'static str],
    how: Match,
    a: usize,
    z: usize,
) -> String {
    if names.contains(&written.as_str()) {
        return written;
    }
    // The names without their spaces, for comparing with words OCR split or joined (made only
    // when the value is not one of them as written).
    let joined: Vec<String> = names.iter().map(|s| s.replace(' ', "")).collect();
    let joined: Vec<&str> = joined.iter().map(String::as_str).collect();
    match crate::vocab::match_word(&written.split_whitespace().collect::<String>(), &joined) {
        Some((_, crate::vocab::Fidelity::Loose)) if how == Match::Spacing => written,
        Some((term, fidelity)) => {
            let i = joined.iter().position(|s| *s == term).unwrap_or(0);
            let name = names[i];
            if fidelity == crate::vocab::Fidelity::Loose || written != name {
                b.loose(
                    crate::vocab::Fidelity::Loose,
                    || match how {
                        Match::Loose => format!("the state {name}"),
                        Match::Spacing => format!("the specialty {name}"),
                    },
                    a,
                    z,
                );
            }
            name.to_string()
        }
        None => written,
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
