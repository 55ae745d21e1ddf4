//! How many fields the letter parser reads right from OCR text, against the same letter's text
//! layer: case number, the five dates, priority, licensure, specialties, age, sex, each item's
//! request and decision, outcome. Grouped by the kind of scan (the part of the file name after
//! `.scan-`).
//!
//! cargo run -p imr-scan --example compare_fields -- OCR_DIR GOLD_DIR [--verbose]
//!
//! OCR_DIR holds `<letter>.scan-<kind>.txt` (written by the `ocr_files` example), GOLD_DIR
//! `<letter>.txt`. A field is right when equal to the gold's, missing when null (or an item
//! not found) where the gold has a value, wrong otherwise. Items are matched by request; an item
//! found that the gold lacks counts as one wrong field. A wrong decision on a matched item is
//! the error that must never happen.

use std::collections::BTreeMap;

use imr_letter::{parse, Letter};

#[derive(Default)]
struct Tally {
    letters: usize,
    words: usize,
    word_errors: usize,
    tokens: usize,
    tokens_intact: usize,
    right: usize,
    missing: usize,
    wrong: usize,
    wrong_decisions: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (ocr_dir, gold_dir) = (&args[0], &args[1]);
    let verbose = args.iter().any(|a| a == "--verbose");
    let mut names: Vec<_> = std::fs::read_dir(ocr_dir)
        .expect("OCR_DIR")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".txt") && n.contains(".scan-"))
        .collect();
    names.sort();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for name in names {
        let stem = name.trim_end_matches(".txt");
        let (letter, kind) = stem.split_once(".scan-").unwrap();
        let Ok(gold_text) = std::fs::read_to_string(format!("{gold_dir}/{letter}.txt")) else {
            eprintln!("{name}: no gold text");
            continue;
        };
        let ocr_text = std::fs::read_to_string(format!("{ocr_dir}/{name}")).unwrap();
        let (gold, got) = (parse(&gold_text), parse(&ocr_text));
        let fields = compare(&gold, &got);
        let (words, word_errors) = word_errors(&gold_text, &ocr_text);
        let (tokens, tokens_intact) = closed_tokens(&gold_text, &ocr_text);
        let t = tallies.entry(kind.to_owned()).or_default();
        let mut t_all = Tally::default();
        for f in &fields {
            match f.verdict {
                Verdict::Right => t_all.right += 1,
                Verdict::Missing => t_all.missing += 1,
                Verdict::Wrong => t_all.wrong += 1,
            }
            if f.verdict == Verdict::Wrong && f.name.ends_with("/decision") && f.gold.is_some() {
                t_all.wrong_decisions += 1;
            }
        }
        println!(
            "{stem}: {}/{} right, {} missing, {} wrong; WER {:.1}%, closed words intact {tokens_intact}/{tokens}{}",
            t_all.right,
            fields.len(),
            t_all.missing,
            t_all.wrong,
            100.0 * word_errors as f64 / words.max(1) as f64,
            if t_all.wrong_decisions > 0 { "  WRONG DECISION" } else { "" }
        );
        if verbose {
            for f in fields.iter().filter(|f| f.verdict != Verdict::Right) {
                println!(
                    "    {:?} {}: gold {:?}, ocr {:?}",
                    f.verdict, f.name, f.gold, f.got
                );
            }
        }
        t.letters += 1;
        t.words += words;
        t.word_errors += word_errors;
        t.tokens += tokens;
        t.tokens_intact += tokens_intact;
        t.right += t_all.right;
        t.missing += t_all.missing;
        t.wrong += t_all.wrong;
        t.wrong_decisions += t_all.wrong_decisions;
    }
    println!("\nkind\tletters\tfields\tright\tmissing\twrong\twrong decisions\tright %\tWER %\tclosed words intact %");
    let mut all = Tally::default();
    for (kind, t) in &tallies {
        row(kind, t);
        all.letters += t.letters;
        all.words += t.words;
        all.word_errors += t.word_errors;
        all.tokens += t.tokens;
        all.tokens_intact += t.tokens_intact;
        all.right += t.right;
        all.missing += t.missing;
        all.wrong += t.wrong;
        all.wrong_decisions += t.wrong_decisions;
    }
    row("all", &all);
}

fn row(kind: &str, t: &Tally) {
    let total = t.right + t.missing + t.wrong;
    println!(
        "{kind}\t{}\t{total}\t{}\t{}\t{}\t{}\t{:.1}\t{:.1}\t{:.1}",
        t.letters,
        t.right,
        t.missing,
        t.wrong,
        t.wrong_decisions,
        100.0 * t.right as f64 / total.max(1) as f64,
        100.0 * t.word_errors as f64 / t.words.max(1) as f64,
        100.0 * t.tokens_intact as f64 / t.tokens.max(1) as f64
    );
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Right,
    Missing,
    Wrong,
}

struct Field {
    name: String,
    gold: Option<String>,
    got: Option<String>,
    verdict: Verdict,
}

fn field(name: impl Into<String>, gold: Option<String>, got: Option<String>) -> Field {
    let verdict = match (&gold, &got) {
        (g, o) if g == o => Verdict::Right,
        (Some(_), None) => Verdict::Missing,
        _ => Verdict::Wrong,
    };
    Field {
        name: name.into(),
        gold,
        got,
        verdict,
    }
}

/// Lists are compared whole (as one value); an empty list is a missing value.
fn list(v: &[String]) -> Option<String> {
    (!v.is_empty()).then(|| v.join("; "))
}

fn compare(gold: &Letter, got: &Letter) -> Vec<Field> {
    let d = |l: &Letter| {
        [
            l.dates.assigned,
            l.dates.injury,
            l.dates.decision,
            l.dates.ur_denial,
            l.dates.application_received,
        ]
        .map(|d| d.map(|d| d.to_string()))
    };
    let mut out = vec![field(
        "case_number",
        gold.case_number.clone(),
        got.case_number.clone(),
    )];
    for (name, (g, o)) in [
        "assigned",
        "injury",
        "decision",
        "ur_denial",
        "application_received",
    ]
    .iter()
    .zip(d(gold).into_iter().zip(d(got)))
    {
        out.push(field(format!("dates/{name}"), g, o));
    }
    out.push(field(
        "priority",
        gold.priority.clone(),
        got.priority.clone(),
    ));
    out.push(field(
        "licensure",
        list(&gold.reviewer.licensure),
        list(&got.reviewer.licensure),
    ));
    out.push(field(
        "specialties",
        list(&gold.reviewer.specialties),
        list(&got.reviewer.specialties),
    ));
    out.push(field(
        "age",
        gold.patient.age.map(|a| a.to_string()),
        got.patient.age.map(|a| a.to_string()),
    ));
    out.push(field(
        "sex",
        gold.patient.sex.map(|s| s.as_str().to_owned()),
        got.patient.sex.map(|s| s.as_str().to_owned()),
    ));
    // Items are matched by their request (letters and digits, any case), so that an item the
    // parser missed shows as missing, not as its neighbour's decision.
    let key = |r: &str| -> String {
        r.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let mut used = vec![false; got.items.len()];
    for (i, item) in gold.items.iter().enumerate() {
        let found = got
            .items
            .iter()
            .enumerate()
            .find(|(j, o)| {
                !used[*j]
                    && key(o.request.as_deref().unwrap_or_default())
                        == key(item.request.as_deref().unwrap_or_default())
            })
            .map(|(j, o)| {
                used[j] = true;
                o
            });
        out.push(field(
            format!("items/{i}/request"),
            item.request.clone(),
            found.and_then(|o| o.request.clone()),
        ));
        out.push(field(
            format!("items/{i}/decision"),
            item.decision.map(|d| d.as_str().to_owned()),
            found.and_then(|o| o.decision.map(|d| d.as_str().to_owned())),
        ));
    }
    // Items the parser found that the letter does not have (or whose request came out garbled).
    for (j, extra) in got.items.iter().enumerate().filter(|(j, _)| !used[*j]) {
        out.push(field(
            format!(
                "extra item {j}: {}",
                extra.request.as_deref().unwrap_or_default()
            ),
            None,
            extra.decision.map(|d| d.as_str().to_owned()),
        ));
    }
    out.push(field(
        "outcome",
        gold.outcome.map(|o| o.as_str().to_owned()),
        got.outcome.map(|o| o.as_str().to_owned()),
    ));
    out
}

/// Word error rate parts: the gold's word count and the word-level edit distance (words split
/// on white space, compared exactly).
fn word_errors(gold: &str, ocr: &str) -> (usize, usize) {
    let g: Vec<&str> = gold.split_whitespace().collect();
    let o: Vec<&str> = ocr.split_whitespace().collect();
    let mut prev: Vec<usize> = (0..=o.len()).collect();
    let mut cur = vec![0; o.len() + 1];
    for (i, gw) in g.iter().enumerate() {
        cur[0] = i + 1;
        for (j, ow) in o.iter().enumerate() {
            let sub = prev[j] + usize::from(gw != ow);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (g.len(), prev[o.len()])
}

/// The closed vocabulary a parser leans on: decision words, labels, dates (`MM/DD/YYYY`).
/// Returns how many the gold has and how many of those the OCR text has intact (as a multiset).
fn closed_tokens(gold: &str, ocr: &str) -> (usize, usize) {
    const LABELS: [&str; 11] = [
        "Upheld",
        "Overturned",
        "Case Number:",
        "Date Assigned:",
        "Date of Injury:",
        "Decision Date:",
        "UR Denial Date:",
        "Priority:",
        "State(s) of Licensure:",
        "Certification(s)/Specialty:",
        "Decision rationale:",
    ];
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let (g, o) = (flat(gold), flat(ocr));
    let (mut total, mut intact) = (0, 0);
    for label in LABELS {
        let (a, b) = (g.matches(label).count(), o.matches(label).count());
        total += a;
        intact += a.min(b);
    }
    let dates = |t: &str| -> Vec<String> {
        t.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .map(|w| w.trim_end_matches('.'))
            .filter(|w| {
                let b = w.as_bytes();
                b.len() == 10
                    && b[2] == b'/'
                    && b[5] == b'/'
                    && w.chars().filter(char::is_ascii_digit).count() == 8
            })
            .map(str::to_owned)
            .collect()
    };
    let mut od = dates(&o);
    for d in dates(&g) {
        total += 1;
        if let Some(i) = od.iter().position(|x| *x == d) {
            od.swap_remove(i);
            intact += 1;
        }
    }
    (total, intact)
}
