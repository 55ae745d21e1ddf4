//! The conclusion of an item's rationale: every rationale ends by concluding that the request
//! "is medically necessary" or "is not medically necessary" (in a handful of wordings: "is
//! considered not medically necessary", "to not be medically necessary", "is not a medical
//! necessity", "the medical necessity of this request is not established", "is not medically
//! appropriate", "is not necessary"). Reading it checks the item's decision, supplies a decision
//! whose word cannot be read, and tells a complete rationale from one that was cut.

use crate::text::{is_ws_byte, Flat, PARA};

/// What a rationale concludes, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conclusion {
    /// Whether the request is concluded to be medically necessary.
    pub necessary: bool,
    /// The concluding phrase ("not medically necessary"), as a flat range.
    pub phrase: (usize, usize),
    /// Where the rationale ends: the end of the text given, or, where another letter follows,
    /// the paragraph break after the conclusion (and its closing remarks).
    pub end: usize,
}

/// The phrases that conclude (each begins "medical" or is "is not necessary").
const PHRASES: [&str; 4] = [
    "medically necessary",
    "medical necessity",
    "medically appropriate",
    "is not necessary",
];

/// Words that turn a conclusion around when they stand just before its phrase (in the same
/// clause), or, for "medical necessity", just after it.
const NEGATIONS: [&str; 4] = ["not", "non", "never", "cannot"];

/// How many words before the phrase (and after it) are looked at for a negation: "is not
/// supported by the records as being medically necessary" puts it seven words before.
const WINDOW: usize = 8;

/// How the closing remarks after a conclusion begin (an opioid letter's remarks on tapering:
/// "This decision addresses the medical necessity of opioids as they have been prescribed
/// ..."). Any other sentence after a conclusion means the rationale goes on: it was cut.
const CLOSING_REMARKS: [&str; 2] = ["This decision", "This medical necessity decision"];

/// How much text may follow the concluding sentence (the remarks on tapering run to about
/// 500 bytes).
const TAIL: usize = 600;

/// How much text that ends no sentence may follow it (words an extractor displaced, which
/// start in lower case: a cut sentence starts with a capital).
const STRAY: usize = 100;

/// How far the concluding phrase may stand from its sentence's end ("... medically necessary
/// at this time.", "... a medical necessity to the patient at this time.").
const NEAR: usize = 40;

/// The conclusion of the rationale in flat `[from, to)`: the last concluding phrase, in a
/// sentence that ends the rationale (or is followed by at most a short closing remark). When
/// `leave` (another letter follows), a new paragraph after the conclusion ends the rationale
/// instead of making it a cut one: it is text between the letters.
pub fn read(flat: &Flat, from: usize, to: usize, leave: bool) -> Option<Conclusion> {
    let text = flat.as_str();
    let (from, to) = flat.trim(from, to)?;
    let bytes = text.as_bytes();
    // Every concluding phrase, the last first: the conclusion is the last one that ends its
    // sentence (an opioid letter's closing remarks mention "medical necessity" again).
    // Each phrase begins "medical" or "is not": two searches find them all.
    let mut found: Vec<(usize, usize, &str)> = Vec::new();
    for head in ["medical", "is not necessary"] {
        let mut pos = from;
        while let Some(at) = flat.find(head, pos, to) {
            pos = at + head.len();
            if let Some((end, p)) = PHRASES
                .iter()
                .find_map(|p| phrase_at(flat, at, p).filter(|&e| e <= to).map(|e| (e, *p)))
            {
                found.push((at, end, p));
            }
        }
    }
    found.sort_by_key(|&(at, end, _)| std::cmp::Reverse((at, end)));
    let (at, phrase_end, phrase, sentence_end) =
        found.into_iter().find_map(|(at, phrase_end, phrase)| {
            let end = (phrase_end..to).find(|&i| {
                matches!(bytes[i], b'.' | b'!' | b'?')
                    && bytes.get(i + 1).is_none_or(|&c| is_ws_byte(c))
            });
            // "medical necessity" concludes as "a medical necessity" or "the medical necessity
            // of ...", not in "to demonstrate medical necessity for ...".
            if phrase == "medical necessity" {
                let before = words_before(text, from, at).next();
                let after = words_after(text, phrase_end, to).next();
                if before != Some("a") && after != Some("of") {
                    return None;
                }
            }
            // Far from its sentence's end only in the rationale's last sentence ("... cannot be
            // deemed medically necessary without further evidence of ...").
            let last_sentence = |e: usize| flat.trim(e + 1, to).is_none();
            match end {
                Some(e)
                    if e - phrase_end <= NEAR
                        || (last_sentence(e) && phrase == "medically necessary") =>
                {
                    Some((at, phrase_end, phrase, e + 1))
                }
                // A rationale that ends right after its conclusion, without a full stop.
                None if flat.trim(phrase_end, to).is_none() => Some((at, phrase_end, phrase, to)),
                _ => None,
            }
        })?;
    let mut end = to;
    if leave {
        if let Some(p) = bytes[sentence_end..to].iter().position(|&c| c == PARA) {
            end = sentence_end + p;
        }
    }
    let to = end;
    if let Some((s, e)) = flat.trim(sentence_end, to) {
        // A closing remark ends its sentence; a few stray words (an extractor's leftovers)
        // may not. A new paragraph is no remark: the heading of an item that was cut.
        let ends_sentence = matches!(bytes[e - 1], b'.' | b'!' | b'?' | b')' | b'"');
        let remark = ends_sentence
            && CLOSING_REMARKS
                .iter()
                .any(|r| flat.match_at(s, r).is_some());
        let stray = e - s <= STRAY && bytes[s].is_ascii_lowercase();
        let noise = bytes[s..e].iter().all(|c| NOISE.contains(c));
        if e - s > TAIL || !(remark || stray || noise) || bytes[sentence_end..e].contains(&PARA) {
            return None;
        }
    }
    let mut negated = phrase.starts_with("is not");
    if !negated {
        negated = words_before(text, from, at).any(|w| NEGATIONS.contains(&w));
    }
    if !negated && phrase == "medical necessity" {
        negated = words_after(text, phrase_end, sentence_end).any(|w| NEGATIONS.contains(&w));
    }
    // "is not medically necessary": the negation is part of the phrase's span.
    let start = if negated {
        flat.rfind("not", from.max(at.saturating_sub(40)), at)
            .filter(|&n| flat.trim(n + 3, at).is_none_or(|(s, e)| e - s < 24))
            .unwrap_or(at)
    } else {
        at
    };
    Some(Conclusion {
        necessary: !negated,
        phrase: (start, phrase_end),
        end,
    })
}

/// Marks that OCR makes of specks on a page: one standing alone between the words of a
/// concluding phrase ("medically - necessary"), or all that follows the conclusion, is noise.
const NOISE: [u8; 3] = [b'-', b'~', b'_'];

/// Where `phrase` read at `at` ends: as written, or with one mark of [`NOISE`] standing alone
/// in a gap between its words.
fn phrase_at(flat: &Flat, at: usize, phrase: &str) -> Option<usize> {
    let byte = |i: usize| flat.byte(i);
    let mut i = at;
    for (k, word) in phrase.split(' ').enumerate() {
        if k > 0 {
            if !byte(i).is_some_and(is_ws_byte) {
                return None;
            }
            i += 1;
            if byte(i).is_some_and(|c| NOISE.contains(&c)) && byte(i + 1).is_some_and(is_ws_byte) {
                i += 2;
            }
        }
        i = flat.match_at(i, word)?;
    }
    Some(i)
}

/// Up to [`WINDOW`] words before `at`, nearest first, within its clause.
fn words_before(text: &str, from: usize, at: usize) -> impl Iterator<Item = &str> {
    let clause = &text[from..at];
    let clause = clause
        .rfind([',', ';', ':', '.'])
        .map_or(clause, |i| &clause[i + 1..]);
    clause
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .rev()
        .take(WINDOW)
}

/// Up to [`WINDOW`] + 2 words after `at`, before `end`.
fn words_after(text: &str, at: usize, end: usize) -> impl Iterator<Item = &str> {
    text[at..end.max(at)]
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .take(WINDOW + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concl(s: &str) -> Option<bool> {
        let flat = Flat::new(s);
        read(&flat, 0, flat.len(), false).map(|c| c.necessary)
    }

    #[test]
    fn wordings() {
        assert_eq!(
            concl("Therefore, the request is medically necessary."),
            Some(true)
        );
        assert_eq!(
            concl("As such, the request is not medically necessary."),
            Some(false)
        );
        assert_eq!(
            concl("the request is considered not medically necessary."),
            Some(false)
        );
        assert_eq!(
            concl("the request is found to not be medically necessary."),
            Some(false)
        );
        assert_eq!(
            concl("a MRI of the Elbow is not a medical necessity to the patient at this time."),
            Some(false)
        );
        assert_eq!(
            concl("Likewise, the medical necessity of this request is not established."),
            Some(false)
        );
        assert_eq!(concl("as such the request is not necessary."), Some(false));
        // OCR's specks: a mark between the phrase's words, or after its sentence.
        assert_eq!(
            concl("for four weeks is not medically - necessary."),
            Some(false)
        );
        assert_eq!(
            concl("Given the above, the request is not medically necessary. -"),
            Some(false)
        );
        assert_eq!(concl("the request is medically necessary. ~"), Some(true));
        assert_eq!(
            concl("the request is not medically necessary. - The guidelines"),
            None
        );
        assert_eq!(concl("visits is not medically appropriate."), Some(false));
        assert_eq!(
            concl("Although she did not improve, the request is medically necessary."),
            Some(true)
        );
        assert_eq!(
            concl(
                "The request is not medically necessary. This decision is based on the guidelines."
            ),
            Some(false)
        );
        // Rationale text after an apparent conclusion: the rationale goes on, so it was cut.
        assert_eq!(
            concl(
                "Therefore, medical necessity is not established. Longterm use is not recommended."
            ),
            None
        );
    }

    #[test]
    fn a_cut_rationale_has_none() {
        assert_eq!(concl("Given the above, the request is not medically"), None);
        assert_eq!(concl("The guidelines recommend"), None);
        // An early mention does not conclude a rationale cut later on.
        let long = format!(
            "The medical necessity of the request was reviewed. {} and the patient",
            "The guidelines recommend a short course of active therapy. ".repeat(8)
        );
        assert_eq!(concl(&long), None);
    }
}
