//! Every corpus letter changed in each of the small ways that retyping, other extractors and
//! OCR change letters (the pypdf texts, and a third of the pdfminer ones): each mutant must be read right (the same fields as the letter) or carry
//! a warning; none may be silently wrong. `cargo test -p imr-letter --test mutations --
//! --nocapture` prints the table reported in BENCHMARKS.md.

mod common;

use common::*;
use imr_letter::{parse, Letter};

/// One way of changing a letter: its name, and the change (`None` where it does not apply).
struct Mutation {
    name: &'static str,
    apply: fn(&str, &Letter) -> Option<String>,
}

/// The byte range of item `n`'s decision word.
fn decision_word(l: &Letter, n: usize) -> Option<(usize, usize)> {
    l.spans
        .get(&format!("/items/{n}/decision"))
        .map(|&[s, e]| (s, e))
}

/// `text` with each decision word (of item `only`, or of every item) replaced by `f(word)`.
fn change_decisions(
    text: &str,
    l: &Letter,
    only: Option<usize>,
    f: impl Fn(&str) -> String,
) -> Option<String> {
    let items: Vec<usize> = match only {
        Some(n) if n < l.items.len() => vec![n],
        Some(_) => return None,
        None => (0..l.items.len()).collect(),
    };
    let mut out = text.to_string();
    // From the last, so that earlier offsets stay valid.
    for n in items.into_iter().rev() {
        let (s, e) = decision_word(l, n)?;
        let new = f(&text[s..e]);
        out.replace_range(s..e, &new);
    }
    Some(out)
}

/// `text` with the colon before item `n`'s decision word replaced by `sep`.
fn change_colon(text: &str, l: &Letter, n: usize, sep: &str) -> Option<String> {
    let (s, _) = decision_word(l, n)?;
    let colon = text[..s].rfind(':')?;
    let mut out = text.to_string();
    out.replace_range(colon..colon + 1, sep);
    Some(out)
}

fn ocr_garble(word: &str) -> String {
    match word {
        "Upheld" => "Uphe1d".into(),
        "Overturned" => "Overtumed".into(),
        w => w.to_string(),
    }
}

/// Inserts `c` after the second character of the word.
fn insert_inside(word: &str, c: char) -> String {
    let mut w: Vec<char> = word.chars().collect();
    w.insert(2.min(w.len()), c);
    w.into_iter().collect()
}

fn replace_label(text: &str, from: &str, to: &str) -> Option<String> {
    text.contains(from).then(|| text.replace(from, to))
}

const MUTATIONS: &[Mutation] = &[
    Mutation {
        name: "one decision word in lower case",
        apply: |t, l| {
            change_decisions(
                t,
                l,
                Some(l.items.len().saturating_sub(1)),
                str::to_lowercase,
            )
        },
    },
    Mutation {
        name: "every decision word in lower case",
        apply: |t, l| change_decisions(t, l, None, str::to_lowercase),
    },
    Mutation {
        name: "one decision word in upper case",
        apply: |t, l| change_decisions(t, l, Some(0), str::to_uppercase),
    },
    Mutation {
        name: "every decision word with a full stop",
        apply: |t, l| change_decisions(t, l, None, |w| format!("{w}.")),
    },
    Mutation {
        name: "one decision word with an asterisk",
        apply: |t, l| change_decisions(t, l, Some(0), |w| format!("{w}*")),
    },
    Mutation {
        name: "every decision word OCR-garbled (Uphe1d, Overtumed)",
        apply: |t, l| change_decisions(t, l, None, ocr_garble),
    },
    Mutation {
        name: "one decision word OCR-garbled",
        apply: |t, l| change_decisions(t, l, Some(l.items.len().saturating_sub(1)), ocr_garble),
    },
    Mutation {
        name: "a zero-width space inside a decision word",
        apply: |t, l| change_decisions(t, l, Some(0), |w| insert_inside(w, '\u{200b}')),
    },
    Mutation {
        name: "a soft hyphen inside a decision word",
        apply: |t, l| change_decisions(t, l, Some(0), |w| insert_inside(w, '\u{ad}')),
    },
    Mutation {
        name: "a combining mark on a decision word",
        apply: |t, l| change_decisions(t, l, Some(0), |w| insert_inside(w, '\u{301}')),
    },
    Mutation {
        name: "a Cyrillic e in a decision word",
        apply: |t, l| change_decisions(t, l, None, |w| w.replacen('e', "\u{435}", 1)),
    },
    Mutation {
        name: "';' for the colon before a decision word",
        apply: |t, l| change_colon(t, l, 0, ";"),
    },
    Mutation {
        name: "' -' for the colon before a decision word",
        apply: |t, l| change_colon(t, l, 0, " -"),
    },
    Mutation {
        name: "a space before each label's colon",
        apply: |t, _| {
            let mut out = t.to_string();
            for label in [
                "Case Number:",
                "Date of Injury:",
                "Decision Date:",
                "MAXIMUS guideline:",
                "Decision rationale:",
                "Claims Administrator guideline:",
            ] {
                out = out.replace(label, &label.replace(':', " :"));
            }
            Some(out)
        },
    },
    Mutation {
        name: "labels OCR-garbled (Date of lnjury, Decision rationa1e)",
        apply: |t, _| {
            let out = replace_label(t, "Date of Injury:", "Date of lnjury:")?;
            Some(out.replace("Decision rationale:", "Decision rationa1e:"))
        },
    },
    Mutation {
        name: "section headings OCR-garbled (CLlNICAL CASE SUMMARY)",
        apply: |t, _| {
            let out = replace_label(t, "CLINICAL CASE SUMMARY", "CLlNICAL CASE SUMMARY")?;
            Some(out.replace("IMR ISSUES, DECISIONS", "IMR ISSUES. DECISIONS"))
        },
    },
    Mutation {
        name: "CRLF line ends",
        apply: |t, _| Some(t.replace('\n', "\r\n")),
    },
    Mutation {
        name: "a title line above the header",
        apply: |t, _| Some(format!("Final Determination Letter\n{t}")),
    },
    Mutation {
        name: "non-breaking spaces for spaces",
        apply: |t, _| Some(t.replace(' ', "\u{a0}")),
    },
];

/// How a mutant was read.
#[derive(Default, Clone, Copy)]
struct Tally {
    right: usize,
    flagged: usize,
    silently_wrong: usize,
}

/// The letter's fields, spans and warnings aside.
fn fields(l: &Letter) -> Letter {
    let mut l = l.clone();
    l.spans.clear();
    l.warnings.clear();
    l.source = Default::default();
    l
}

#[test]
fn every_mutant_is_read_right_or_flagged() {
    // The pypdf texts, and a third of the pdfminer ones (another layout of the same letters).
    let mut letters = real_letters();
    letters.extend(pdfminer_letters().into_iter().step_by(3));
    let mut table: Vec<(&str, Tally)> = Vec::new();
    let mut wrong: Vec<String> = Vec::new();
    for m in MUTATIONS {
        let mut t = Tally::default();
        for (name, text) in &letters {
            let original = parse(text);
            let Some(mutant) = (m.apply)(text, &original) else {
                continue;
            };
            let read = parse(&mutant);
            check_spans(&mutant, &read);
            if fields(&read) == fields(&original) {
                t.right += 1;
            } else if read.warnings.len() > original.warnings.len() {
                t.flagged += 1;
            } else {
                t.silently_wrong += 1;
                wrong.push(format!("{}: {name}", m.name));
            }
        }
        table.push((m.name, t));
    }
    println!("| change | letters | read right | flagged | silently wrong |");
    println!("|---|---|---|---|---|");
    for (name, t) in &table {
        let n = t.right + t.flagged + t.silently_wrong;
        println!(
            "| {name} | {n} | {} | {} | {} |",
            t.right, t.flagged, t.silently_wrong
        );
    }
    assert!(wrong.is_empty(), "silently wrong: {wrong:#?}");
}
