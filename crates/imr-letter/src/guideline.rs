//! The parts of a citation (`docs/treatment-categories-v1.md`): which guideline it names, the
//! chapter, the MTUS edition year and the sections, each as a byte range of the citation's text.
//!
//! The text is read as written, white space already collapsed, so a citation cut by a line or
//! page break reads as one. Chapters are found by where they stand, never by a list of names:
//! - MTUS: "MTUS <chapter> <year>, Section(s): a, b, and <chapter> <year>, Section(s): c". The
//!   chapter is what follows "MTUS" (and "ACOEM", "Chapter N") up to the year, the
//!   "Section(s):" or "Page(s):" label or the end.
//! - ODG and ACOEM outside the MTUS: "<guideline name> <chapter>, <topic>" (or "/", ":", ";"
//!   between them). The chapter is the first part that names no treatment of the category
//!   table (a treatment is the topic: "MRI shoulder" names none), or the first part labelled
//!   "chapter" or "section", or the part after "Chapter N". A topic in parentheses or after a
//!   dash is left out ("Low Back (Shock wave therapy)", "Knee - Platelet-rich plasma (PRP)"); a
//!   parenthesis that says "acute" or "chronic", or that more words follow, is the chapter's
//!   own ("Pain (Chronic)", "Head (trauma, ...) Hearing aids"). Body parts listed with commas
//!   are one name ("Forearm, wrist and hand"). What follows "Other Medical Treatment
//!   Guidelines" is another guideline.

use crate::category::{find_ci, names_treatment, starts_ci};
use crate::model::{CitationSource, Guideline};

/// Bytes `[start, end)` of a citation's text.
pub type Range = (usize, usize);

/// A citation's parts; ranges are bytes of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub guideline: Guideline,
    pub chapter: Option<Range>,
    pub year: Option<(u16, Range)>,
    pub sections: Vec<Range>,
}

/// Reads the parts of a citation's `text` (as written, without "Decision based on").
pub fn read(source: CitationSource, text: &str) -> Parts {
    let (guideline, chapter, year) = match source {
        CitationSource::Mtus => {
            let (chapter, year) = mtus_chapter(text);
            (Guideline::Mtus, chapter, year)
        }
        CitationSource::NonMtus => {
            let body = non_mtus_body(text);
            let guideline = named_guideline(text, body);
            let chapter = match guideline {
                Guideline::Odg | Guideline::Acoem => other_chapter(text, body),
                _ => None,
            };
            (guideline, chapter, None)
        }
    };
    Parts {
        guideline,
        chapter,
        year,
        sections: sections(text),
    }
}

// ---- MTUS ----------------------------------------------------------------------------------

/// Words before an MTUS chapter's name that are not part of it.
const MTUS_LEAD: &[&str] = &["acoem", "practice", "guidelines", "guideline"];

fn mtus_chapter(text: &str) -> (Option<Range>, Option<(u16, Range)>) {
    let t = text.as_bytes();
    let mut i = starts_ci(t, 0, "mtus").unwrap_or(0);
    loop {
        i = skip(t, i, b" :,");
        if let Some(e) = MTUS_LEAD.iter().find_map(|w| starts_ci(t, i, w)) {
            i = e;
        } else if let Some(e) = chapter_number(t, i) {
            i = e;
        } else {
            break;
        }
    }
    let start = i;
    let mut end = t.len();
    let mut year = None;
    let mut i = start;
    while let Some((ws, we)) = next_word(t, i, t.len()) {
        if let Some(y) = year_at(t, ws, we) {
            end = ws;
            year = Some((y, (ws, we)));
            break;
        }
        if label_end(t, ws, &["section", "sections", "page", "pages"]).is_some() {
            end = ws;
            break;
        }
        i = we;
    }
    (clean_name(t, start, end), year)
}

/// A four-digit edition year standing alone (not a date's part: "02/18/2017").
fn year_at(t: &[u8], ws: usize, we: usize) -> Option<u16> {
    let w = &t[ws..we];
    let before = ws.checked_sub(1).map(|i| t[i]);
    let after = t.get(we).copied();
    let alone = matches!(before, None | Some(b' ' | b'('))
        && !matches!(after, Some(b'/' | b'-' | b'.') if t.get(we + 1).is_some_and(u8::is_ascii_digit));
    if w.len() != 4 || !alone {
        return None;
    }
    let mut y = 0u16;
    for &d in w {
        if !d.is_ascii_digit() {
            return None;
        }
        y = y * 10 + u16::from(d - b'0');
    }
    (1900..2100).contains(&y).then_some(y)
}

// ---- sections ------------------------------------------------------------------------------

/// The names after every "Section(s):", in order: each list split on commas and semicolons,
/// up to the next chapter (", and <chapter> <year>"), the next label or "Page(s):".
fn sections(text: &str) -> Vec<(usize, usize)> {
    let t = text.as_bytes();
    let mut labels: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(label) = next_label(t, &["section", "sections"], i, t.len()) {
        labels.push(label);
        i = label.1;
    }
    let mut out = Vec::new();
    for (k, &(_, from)) in labels.iter().enumerate() {
        let mut to = labels.get(k + 1).map_or(t.len(), |l| l.0);
        if let Some((p, _)) = next_label(t, &["page", "pages"], from, to) {
            to = p;
        }
        // ", and <chapter> <year>": the list ends before the next chapter.
        let mut i = from;
        while let Some(at) = find_ci(t, ", and ", i, to) {
            let (mut j, mut year) = (at, false);
            while let Some((ws, we)) = next_word(t, j, to) {
                year |= year_at(t, ws, we).is_some();
                j = we;
            }
            if year {
                to = at;
                break;
            }
            i = at + 1;
        }
        let mut a = from;
        for j in from..=to {
            if j == to || t[j] == b',' || t[j] == b';' {
                let (s, mut e) = trim(t, a, j);
                if e > s && t[e - 1] == b'.' {
                    e = trim(t, s, e - 1).1;
                }
                if e > s {
                    out.push((s, e));
                }
                a = j + 1;
            }
        }
    }
    out
}

/// The first label of `names` (the first a prefix of the others) in `[from, to)`.
fn next_label(t: &[u8], names: &[&str], mut from: usize, to: usize) -> Option<(usize, usize)> {
    while let Some(at) = find_ci(t, names[0], from, to) {
        if at == 0 || !t[at - 1].is_ascii_alphanumeric() {
            if let Some(e) = label_end(t, at, names) {
                return Some((at, e));
            }
        }
        from = at + 1;
    }
    None
}

/// The end of a label "Section(s):" / "Sections:" / "Page(s) :" starting at `at` (one of
/// `names`, case aside, then "(s)", then a colon).
fn label_end(t: &[u8], at: usize, names: &[&str]) -> Option<usize> {
    let e = names.iter().find_map(|n| starts_ci(t, at, n))?;
    let e = if t[e..].starts_with(b"(s)") { e + 3 } else { e };
    let e = skip(t, e, b" ");
    (t.get(e) == Some(&b':')).then_some(e + 1)
}

// ---- ODG, ACOEM and others -----------------------------------------------------------------

/// Where a Non-MTUS citation's own words start: after "Non-MTUS Citation".
fn non_mtus_body(text: &str) -> usize {
    let t = text.as_bytes();
    let mut i = starts_ci(t, 0, "non").unwrap_or(0);
    i = skip(t, i, b" -");
    if let Some(e) = starts_ci(t, i, "mtus") {
        i = skip(t, e, b" ");
        if let Some(e) = starts_ci(t, i, "citation") {
            i = e;
        }
    }
    skip(t, i, b" :")
}

/// The first guideline named: ODG, ACOEM, else other.
fn named_guideline(text: &str, body: usize) -> Guideline {
    let t = text.as_bytes();
    let odg = ["official disability", "odg"]
        .iter()
        .filter_map(|n| find_word_ci(t, n, body))
        .min();
    let acoem = ["acoem", "american college of occupational"]
        .iter()
        .filter_map(|n| find_word_ci(t, n, body))
        .min();
    match (odg, acoem) {
        (Some(o), Some(a)) if a < o => Guideline::Acoem,
        (Some(_), _) => Guideline::Odg,
        (None, Some(_)) => Guideline::Acoem,
        (None, None) => Guideline::Other,
    }
}

/// Words of a guideline's name before its chapter.
const NAMES: &[&str] = &[
    "other medical treatment guidelines",
    "official disability guidelines",
    "official disability guideline",
    "(odg)",
    "odg",
    "acoem",
    "practice",
    "guidelines",
    "guideline",
    "the",
];

/// Body parts, and the words that join them: a chapter may list them with commas.
#[rustfmt::skip]
const BODY: &[&str] = &[
    "head", "neck", "back", "low", "lower", "upper", "spine", "cervical", "thoracic", "lumbar",
    "shoulder", "elbow", "forearm", "arm", "wrist", "hand", "hands", "finger", "fingers",
    "hip", "hips", "pelvis", "groin", "knee", "leg", "ankle", "foot", "feet", "toe", "toes",
    "and", "&",
];

/// The chapter of an ODG or ACOEM citation whose own words start at `body`.
fn other_chapter(text: &str, body: usize) -> Option<(usize, usize)> {
    let t = text.as_bytes();
    let start = skip_names(t, body);
    // What follows "Other Medical Treatment Guidelines" is another guideline.
    let end = find_ci(t, "other medical treatment guideline", start + 1, t.len())
        .map(|at| {
            let e = trim(t, start, at).1;
            let and = e >= 3 && t[e - 3..e].eq_ignore_ascii_case(b"and") && e - 3 >= start;
            if and {
                e - 3
            } else {
                e
            }
        })
        .unwrap_or(t.len());
    let parts = merge_body_lists(t, split_parts(t, start, end));
    let mut first_plain = None;
    let mut after_number = false;
    for (a, b) in parts {
        let a = skip_names(t, a);
        let (mut a, b) = trim_end(t, a, b);
        if a >= b {
            continue;
        }
        // "Chapter 7": the name follows, in this part or the next.
        if let Some(e) = chapter_number(t, a) {
            a = skip(t, e, b" ");
            if a >= b {
                after_number = true;
                continue;
            }
            return Some((a, b));
        }
        if after_number {
            return Some((a, b));
        }
        if is_reference(t, a) {
            continue;
        }
        let (b, label) = strip_label(t, a, b);
        match label {
            Label::Topic => continue,
            Label::Chapter => return Some(without_topic(text, a, b)).filter(|(a, b)| a < b),
            Label::None => {}
        }
        let (a, b) = without_topic(text, a, b);
        if first_plain.is_none() && a < b && !names_treatment(&text[a..b]) {
            first_plain = Some((a, b));
        }
    }
    first_plain
}

/// Skips the words of a guideline's name, and separators, from `i`.
fn skip_names(t: &[u8], mut i: usize) -> usize {
    loop {
        i = skip(t, i, b" :,;-");
        match NAMES.iter().find_map(|n| starts_ci(t, i, n)) {
            Some(e) => i = e,
            None => return i,
        }
    }
}

/// `[a, b)` split on commas, semicolons, slashes and colons outside parentheses; trimmed.
fn split_parts(t: &[u8], a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut depth, mut from) = (0usize, a);
    for j in a..=b {
        let c = if j < b { t[j] } else { b',' };
        match c {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b',' | b';' | b'/' | b':' if depth == 0 => {
                let (s, e) = trim(t, from, j);
                if s < e {
                    out.push((s, e));
                }
                from = j + 1;
            }
            _ => {}
        }
    }
    out
}

/// Joins parts that are only body parts ("Forearm", "wrist and hand") into one.
fn merge_body_lists(t: &[u8], parts: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let only_body = |(a, b): (usize, usize)| {
        let mut i = a;
        while let Some((ws, we)) = next_word(t, i, b) {
            if !BODY
                .iter()
                .any(|w| t[ws..we].eq_ignore_ascii_case(w.as_bytes()))
            {
                return false;
            }
            i = we;
        }
        t[a..b]
            .iter()
            .all(|&c| c.is_ascii_alphabetic() || c == b' ' || c == b'&')
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    for p in parts {
        match out.last_mut() {
            Some(last)
                if only_body(*last)
                    && only_body(p)
                    && t[last.1..p.0].iter().all(|&c| c == b',' || c == b' ') =>
            {
                last.1 = p.1
            }
            _ => out.push(p),
        }
    }
    out
}

enum Label {
    None,
    Chapter,
    Topic,
}

/// A part without its trailing "chapter" / "section" label (it is a chapter), or marked as a
/// topic by a trailing "Topic".
fn strip_label(t: &[u8], a: usize, b: usize) -> (usize, Label) {
    let we = b;
    let ws = we
        - t[a..we]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
    if ws == we || ws == a {
        return (b, Label::None);
    }
    let w = &t[ws..we];
    let chapter = ["chapter", "section", "sections"];
    if chapter.iter().any(|c| w.eq_ignore_ascii_case(c.as_bytes())) {
        (trim(t, a, ws).1, Label::Chapter)
    } else if w.eq_ignore_ascii_case(b"topic") {
        (b, Label::Topic)
    } else {
        (b, Label::None)
    }
}

/// A part without a topic after a dash or in a closing parenthesis.
fn without_topic(text: &str, a: usize, b: usize) -> (usize, usize) {
    let t = text.as_bytes();
    let text = &text[a..b];
    // "Knee - Platelet-rich plasma (PRP)": the dash leads to a treatment.
    for dash in [" - ", " \u{2013} ", " \u{2014} "] {
        if let Some(d) = text.find(dash) {
            if names_treatment(&text[d + dash.len()..]) {
                return trim(t, a, a + d);
            }
        }
    }
    let Some(open) = t[a..b].iter().position(|&c| c == b'(').map(|p| a + p) else {
        return (a, b);
    };
    let mut depth = 0;
    let mut close = b;
    for (j, &c) in t.iter().enumerate().take(b).skip(open) {
        match c {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    close = j;
                    break;
                }
            }
            _ => {}
        }
    }
    if close + 1 < b {
        // More words follow: the parenthesis is the chapter's own, the rest a topic.
        return (a, close + 1);
    }
    let inside = &t[open..close.min(b)];
    let qualifier = ["acute", "chronic"]
        .iter()
        .any(|q| find_ci(inside, q, 0, inside.len()).is_some());
    if qualifier {
        (a, b)
    } else {
        trim(t, a, open)
    }
}

/// A part that is an edition, a page or an access date, not a name.
fn is_reference(t: &[u8], a: usize) -> bool {
    let refs = [
        "page", "pages", "p.", "pp.", "edition", "ed.", "accessed", "http", "www.",
    ];
    t.get(a).is_some_and(u8::is_ascii_digit) || refs.iter().any(|r| starts_ci(t, a, r).is_some())
}

// ---- shared --------------------------------------------------------------------------------

/// The end of "Chapter N" at `i`.
fn chapter_number(t: &[u8], i: usize) -> Option<usize> {
    let e = starts_ci(t, i, "chapter")?;
    let n = skip(t, e, b" ");
    let d = t[n..].iter().take_while(|c| c.is_ascii_digit()).count();
    (d > 0 && !t.get(n + d).is_some_and(u8::is_ascii_alphanumeric)).then_some(n + d)
}

/// A name at `[a, b)` without label words or punctuation at its ends; `None` if empty.
fn clean_name(t: &[u8], a: usize, b: usize) -> Option<(usize, usize)> {
    let (a, mut b) = trim_end(t, a, b);
    while let Some((ws, we)) = last_word(t, a, b) {
        let label = ["guidelines", "guideline", "chapter", "section"]
            .iter()
            .any(|l| t[ws..we].eq_ignore_ascii_case(l.as_bytes()));
        if we != b || ws == a || !label {
            break;
        }
        b = trim_end(t, a, ws).1;
    }
    (a < b).then_some((a, b))
}

/// `[a, b)` without spaces at either end.
fn trim(t: &[u8], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && t[a] == b' ' {
        a += 1;
    }
    while b > a && t[b - 1] == b' ' {
        b -= 1;
    }
    (a, b)
}

/// `[a, b)` trimmed, and without separators or a full stop at its end.
fn trim_end(t: &[u8], a: usize, b: usize) -> (usize, usize) {
    let (a, mut b) = trim(t, a, b);
    while b > a && matches!(t[b - 1], b' ' | b',' | b'.' | b';' | b':' | b'(' | b'-') {
        b -= 1;
    }
    (a, b)
}

fn skip(t: &[u8], mut i: usize, chars: &[u8]) -> usize {
    while i < t.len() && chars.contains(&t[i]) {
        i += 1;
    }
    i
}

/// The first word (a run of letters and digits) of `[from, to)`.
fn next_word(t: &[u8], from: usize, to: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < to && !t[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let s = i;
    while i < to && t[i].is_ascii_alphanumeric() {
        i += 1;
    }
    (s < i).then_some((s, i))
}

/// The last word of `[a, b)`.
fn last_word(t: &[u8], a: usize, b: usize) -> Option<(usize, usize)> {
    let mut e = b;
    while e > a && !t[e - 1].is_ascii_alphanumeric() {
        e -= 1;
    }
    let mut s = e;
    while s > a && t[s - 1].is_ascii_alphanumeric() {
        s -= 1;
    }
    (s < e).then_some((s, e))
}

/// The first `needle` (lower case) standing as a word (or words) from `from`, case aside.
fn find_word_ci(t: &[u8], needle: &str, mut from: usize) -> Option<usize> {
    while let Some(i) = find_ci(t, needle, from, t.len()) {
        if (i == 0 || !t[i - 1].is_ascii_alphanumeric()) && starts_ci(t, i, needle).is_some() {
            return Some(i);
        }
        from = i + 1;
    }
    None
}
