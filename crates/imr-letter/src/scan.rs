//! Small named scanners over the collapsed text, each trying one kind of thing at one place
//! (a label at a word's start, a decision word at a line's end) and returning where it found
//! it and how closely it matched ([`Fidelity`]). The layouts and readers call them where the
//! letter's structure puts such a thing; none searches free text loosely.

use crate::model::Decision;
use crate::text::{is_ws_byte, Flat, LINE, PARA, SPACE};
use crate::vocab::{
    fold, head_of, match_word, may_match, prefix_match, same_but_case, Fidelity, Skeleton,
};

/// A label, heading or phrase of the letters: its words, and whether a colon ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// The words as the letters write them (`"Date of Injury"`).
    pub words: &'static str,
    /// Whether the letters write a colon after the words.
    pub colon: bool,
    /// Its first folded bytes ([`head_of`]).
    head: [u8; 3],
}

impl Term {
    pub const fn label(words: &'static str) -> Term {
        Term {
            words,
            colon: true,
            head: head_of(words),
        }
    }
    pub const fn heading(words: &'static str) -> Term {
        Term {
            words,
            colon: false,
            head: head_of(words),
        }
    }

    /// The term as the letters write it (`"Date of Injury:"`).
    pub fn written(&self) -> String {
        if self.colon {
            format!("{}:", self.words)
        } else {
            self.words.to_string()
        }
    }
}

/// How far a scanner reads through differences: a first pass reads terms as written (case
/// and white space aside), which is all that well-made text needs; a part whose structure
/// does not add up is read again with the vocabulary's tolerances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    Exact,
    Loose,
}

/// Where a term was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMatch {
    pub start: usize,
    /// The end of its words.
    pub words_end: usize,
    /// The end of the term, its colon included: where its value starts.
    pub end: usize,
    pub fidelity: Fidelity,
}

/// How far a term may reach past its written length (white space, invisible characters).
const REACH: usize = 48;

/// The term `term` starting at `at` (a word's start), within `[at, to)`. Its words may be
/// spread over lines but not over a paragraph break; the colon may be a `;`, `-` or `.`, stand
/// after a space, or be missing when the words themselves were read exactly.
pub fn scan_term(flat: &Flat, at: usize, to: usize, term: Term, pass: Pass) -> Option<TermMatch> {
    let text = flat.as_str();
    let to = flat.floor_boundary(to.min(at + term.words.len() + REACH));
    if at >= to || !text.is_char_boundary(at) {
        return None;
    }
    // Exact, the common case: the words as written, white space matching white space.
    if let Some(words_end) = flat.match_at(at, term.words).filter(|&e| e <= to) {
        if words_end == to || !is_word_byte(text.as_bytes()[words_end]) {
            if let Some(m) = separator(flat, at, words_end, to, term, Fidelity::Exact) {
                return Some(m);
            }
        }
    }
    // Loosely: the first letters must agree (as folded), and the second or the third, or it is
    // not worth reading further.
    if pass == Pass::Exact || !may_match(head_at(flat, at, to), term.head) {
        return None;
    }
    let want = Skeleton::of(term.words);
    let mut got = Skeleton::default();
    for (i, c) in text[at..to].char_indices() {
        let b = text.as_bytes()[at + i];
        if b == PARA {
            break;
        }
        if b == SPACE || b == LINE {
            continue;
        }
        if !got.push(c, at + i + c.len_utf8()) || got.len() > want.len() + 4 {
            break;
        }
    }
    let boundary = |n: usize| {
        let end = got.end(n - 1);
        end >= to || !is_word_byte(text.as_bytes()[end])
    };
    let n = prefix_match(want.bytes(), got.bytes(), boundary)?;
    let words_end = got.end(n - 1);
    let fidelity = if same_but_case(&text[at..words_end], term.words) {
        Fidelity::Exact
    } else {
        Fidelity::Loose
    };
    separator(flat, at, words_end, to, term, fidelity)
}

/// The first three folded bytes of the text at `at` (white space and invisible characters
/// skipped, up to a paragraph break or `to`).
pub fn head_at(flat: &Flat, at: usize, to: usize) -> [u8; 3] {
    let text = flat.as_str();
    let mut head = [0u8; 3];
    let mut n = 0;
    for (i, c) in text[at..to].char_indices() {
        match text.as_bytes()[at + i] {
            PARA => break,
            SPACE | LINE => continue,
            _ => {}
        }
        if let Some(f) = fold(c) {
            head[n] = f;
            n += 1;
            if n == 3 {
                break;
            }
        }
    }
    head
}

/// The colon after a term's words (or what stands for it).
fn separator(
    flat: &Flat,
    at: usize,
    words_end: usize,
    to: usize,
    term: Term,
    fidelity: Fidelity,
) -> Option<TermMatch> {
    let m = |end, fidelity| {
        Some(TermMatch {
            start: at,
            words_end,
            end,
            fidelity,
        })
    };
    if !term.colon {
        return m(words_end, fidelity);
    }
    let text = flat.as_str();
    let mut i = words_end;
    if flat.byte(i) == Some(SPACE) {
        i += 1;
    }
    let c = text.get(i..to).and_then(|s| s.chars().next());
    match c {
        Some(':') => m(i + 1, fidelity),
        Some(';' | '.' | '\u{a789}' | '\u{2236}' | '\u{ff1a}') => {
            m(i + c.map_or(1, char::len_utf8), Fidelity::Loose)
        }
        Some('-') if flat.byte(i + 1).is_none_or(is_ws_byte) => m(i + 1, Fidelity::Loose),
        // No colon: only for words read exactly (loose words and no colon are too far).
        _ if fidelity == Fidelity::Exact => m(words_end, Fidelity::Loose),
        _ => None,
    }
}

/// Whether a byte continues a word (a letter, a digit, or part of a non-ASCII character).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The first line of `[from, to)` that starts with `term`.
pub fn find_at_line_start(
    flat: &Flat,
    from: usize,
    to: usize,
    term: Term,
    pass: Pass,
) -> Option<TermMatch> {
    flat.lines(from, to).find_map(|(s, e)| {
        let s = flat.skip_spaces(s, e);
        scan_term(flat, s, to, term, pass)
    })
}

/// The first place in `[from, to)` where `term` stands as written, at a word's start.
pub fn find_first(flat: &Flat, from: usize, to: usize, term: Term) -> Option<TermMatch> {
    let text = flat.as_str().as_bytes();
    let mut pos = from;
    while let Some(at) = flat.find(term.words, pos, to) {
        pos = at + term.words.len();
        if at > 0 && !is_ws_byte(text[at - 1]) {
            continue;
        }
        if let Some(m) = scan_term(flat, at, to, term, Pass::Exact) {
            return Some(m);
        }
    }
    None
}

/// Each place in `[from, to)` where `term` stands as written, at a word's start.
pub fn find_exact(flat: &Flat, from: usize, to: usize, term: Term) -> Vec<TermMatch> {
    let text = flat.as_str().as_bytes();
    let mut found = Vec::new();
    let mut pos = from;
    while let Some(at) = flat.find(term.words, pos, to) {
        pos = at + term.words.len();
        if at > 0 && !is_ws_byte(text[at - 1]) {
            continue;
        }
        if let Some(m) = scan_term(flat, at, to, term, Pass::Exact) {
            found.push(m);
        }
    }
    found
}

/// The first occurrence of `term` at a word start in `[from, to)` (a bounded window: this
/// tries every word).
pub fn find_in_window(flat: &Flat, from: usize, to: usize, term: Term) -> Option<TermMatch> {
    flat.words(from, to)
        .find_map(|(ws, _)| scan_term(flat, ws, to, term, Pass::Loose))
}

/// A decision word read at the end of a line: the word, its decision, and the colon (or what
/// stands for it) before it, where the heading ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionMatch {
    pub decision: Decision,
    /// The word's range.
    pub word: (usize, usize),
    /// Where the heading before it ends (its colon, or the word's start when there is none).
    pub heading_end: usize,
    pub fidelity: Fidelity,
}

/// The decision words as the letters write them.
pub const DECISION_WORDS: [&str; 2] = ["Upheld", "Overturned"];

/// The decision a word states, read through case, punctuation and OCR's confusions.
pub fn scan_decision_word(word: &str) -> Option<(Decision, Fidelity)> {
    match word {
        "Upheld" => return Some((Decision::Upheld, Fidelity::Exact)),
        "Overturned" => return Some((Decision::Overturned, Fidelity::Exact)),
        _ => {}
    }
    // Quick tests first: a decision word is 5 to 11 letters, give or take punctuation and
    // invisible characters, and begins like one of them.
    if !(4..=40).contains(&word.len()) {
        return None;
    }
    let mut folded = word.chars().filter_map(fold);
    let head = [folded.next()?, folded.next().unwrap_or(0)];
    if !matches!(head, [b'u', _] | [_, b'p'] | [b'o', _] | [_, b'v']) {
        return None;
    }
    let (term, fidelity) = match_word(word, &DECISION_WORDS)?;
    let d = if term == "Upheld" {
        Decision::Upheld
    } else {
        Decision::Overturned
    };
    Some((d, fidelity))
}

/// The decision word ending the line `[start, end)`, if its last word (or last two, for a word
/// that OCR split) is one, after a colon or what stands for one. A word alone on its line
/// follows the heading's colon at the end of the line before.
pub fn scan_line_decision(flat: &Flat, start: usize, end: usize) -> Option<DecisionMatch> {
    let text = flat.as_str();
    let (mut ws, we) = last_word(flat, start, end)?;
    let mut found = scan_decision_word(&text[ws..we]);
    if found.is_none() {
        // "Over turned", "Up held".
        let (ps, _) = last_word(flat, start, ws)?;
        let joined: String = text[ps..we].split_whitespace().collect();
        if joined.len() <= 14 {
            found = scan_decision_word(&joined).map(|(d, _)| (d, Fidelity::Loose));
            ws = ps;
        }
    }
    let (decision, mut fidelity) = found?;
    // What stands before the word: a colon (or ; or -), possibly after a space.
    let mut i = ws;
    while i > start && is_ws_byte(text.as_bytes()[i - 1]) {
        i -= 1;
    }
    let heading_end = match text.as_bytes().get(i.wrapping_sub(1)) {
        Some(b':') if i > start => i - 1,
        Some(b';' | b'-') if i > start => {
            fidelity = Fidelity::Loose;
            i - 1
        }
        _ if i > start => {
            // A space in place of the colon.
            fidelity = Fidelity::Loose;
            i
        }
        _ => {
            // Alone on its line: the line before must end with the heading's colon.
            let mut j = start;
            while j > 0 && is_ws_byte(text.as_bytes()[j - 1]) {
                j -= 1;
            }
            match text.as_bytes().get(j.wrapping_sub(1)) {
                Some(b':') if j > 0 => j - 1,
                Some(b';' | b'-') if j > 0 => {
                    fidelity = Fidelity::Loose;
                    j - 1
                }
                _ => {
                    fidelity = Fidelity::Loose;
                    j
                }
            }
        }
    };
    Some(DecisionMatch {
        decision,
        word: (ws, we),
        heading_end,
        fidelity,
    })
}

/// The last word of `[start, end)`.
fn last_word(flat: &Flat, start: usize, end: usize) -> Option<(usize, usize)> {
    let t = flat.as_str().as_bytes();
    let mut e = end;
    while e > start && is_ws_byte(t[e - 1]) {
        e -= 1;
    }
    let mut s = e;
    while s > start && !is_ws_byte(t[s - 1]) {
        s -= 1;
    }
    (s < e).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, t: Term) -> Option<(String, Fidelity)> {
        let flat = Flat::new(text);
        scan_term(&flat, 0, flat.len(), t, Pass::Loose)
            .map(|m| (flat.as_str()[..m.end].to_string(), m.fidelity))
    }

    #[test]
    fn labels_through_spacing_case_and_ocr() {
        let l = Term::label("MAXIMUS guideline");
        assert_eq!(
            term("MAXIMUS guideline: Decision", l),
            Some(("MAXIMUS guideline:".into(), Fidelity::Exact))
        );
        assert_eq!(
            term("MAXIMUS guideline : Decision", l),
            Some(("MAXIMUS guideline :".into(), Fidelity::Exact))
        );
        assert_eq!(
            term("Maximus Guideline: x", l),
            Some(("Maximus Guideline:".into(), Fidelity::Exact))
        );
        assert_eq!(
            term("MAXIMUS guide1ine; x", l),
            Some(("MAXIMUS guide1ine;".into(), Fidelity::Loose))
        );
        assert_eq!(
            term("MAXIMUS guideline x", l),
            Some(("MAXIMUS guideline".into(), Fidelity::Loose))
        );
        assert_eq!(term("MAXIMUS guidelines are", l).map(|m| m.1), None);
        let i = Term::label("Date of Injury");
        assert_eq!(
            term("Date of lnjury: 10/20/2016", i),
            Some(("Date of lnjury:".into(), Fidelity::Loose))
        );
        assert_eq!(
            term("Date of\nInjury:  10/20/2016", i),
            Some(("Date of\nInjury:".into(), Fidelity::Exact))
        );
        assert_eq!(term("Date of Birth: 1/1/1970", i), None);
        let h = Term::heading("CLINICAL CASE SUMMARY");
        assert_eq!(
            term("CLINICAL CASE SUMMARY\nThe", h),
            Some(("CLINICAL CASE SUMMARY".into(), Fidelity::Exact))
        );
        assert_eq!(
            term("CLlNICAL CASE SUMMARY\nThe", h),
            Some(("CLlNICAL CASE SUMMARY".into(), Fidelity::Loose))
        );
        assert_eq!(
            term("CLINICAL\r\nCASE SUMMARY", h).map(|m| m.1),
            Some(Fidelity::Exact)
        );
    }

    #[test]
    fn decision_at_the_end_of_a_line() {
        let flat = Flat::new("MRI of the neck:  upheld.\nClaims");
        let line = flat.lines(0, flat.len()).next().unwrap();
        let d = scan_line_decision(&flat, line.0, line.1).unwrap();
        assert_eq!(d.decision, Decision::Upheld);
        assert_eq!(d.fidelity, Fidelity::Loose);
        assert_eq!(&flat.as_str()[..d.heading_end], "MRI of the neck");
        let flat = Flat::new("is:\nOverturned\nClaims");
        let line = flat.lines(0, flat.len()).nth(1).unwrap();
        let d = scan_line_decision(&flat, line.0, line.1).unwrap();
        assert_eq!(
            (d.decision, d.fidelity),
            (Decision::Overturned, Fidelity::Exact)
        );
        assert_eq!(d.heading_end, 2);
    }
}
