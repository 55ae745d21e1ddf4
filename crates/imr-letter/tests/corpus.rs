//! The whole corpus: snapshots of every letter's JSON, values cross-checked against the
//! corpus index, and the pdfminer extraction giving the same fields as the pypdf one.

mod common;

use std::collections::HashMap;

use common::*;
use imr_letter::{parse, Decision, Layout, Outcome};

/// Every letter of the corpus as reviewed JSON (snapshots in `tests/snapshots/`).
#[test]
fn snapshots() {
    insta::glob!(
        "../../../tests/corpus",
        "{real/*.txt,seed/*.txt,real/partial/*.txt}",
        |path| {
            let text = std::fs::read_to_string(path).unwrap();
            let letter = parse(&text);
            insta::assert_snapshot!(serde_json::to_string_pretty(&letter).unwrap());
        }
    );
}

/// `index.csv` rows by file name: column name to value.
fn index() -> HashMap<String, HashMap<String, String>> {
    let csv = read("real/index.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            // Only the "letter_outcome" column is quoted (and holds commas); it is not used here.
            let cells: Vec<&str> = l.split(',').collect();
            let row: HashMap<String, String> = header
                .iter()
                .zip(&cells)
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect();
            (row["file"].clone(), row)
        })
        .collect()
}

fn mdy_to_iso(mdy: &str) -> String {
    let p: Vec<&str> = mdy.split('/').collect();
    format!("{}-{}-{}", p[2], p[0], p[1])
}

#[test]
fn every_real_letter_is_read_whole_and_agrees_with_the_index() {
    let index = index();
    let letters = real_letters();
    assert_eq!(letters.len(), 150);
    for (name, text) in &letters {
        let l = parse(text);
        let row = &index[name];
        assert_eq!(l.layout, Layout::FinalDetermination, "{name}");
        assert!(l.warnings.is_empty(), "{name}: {:?}", l.warnings);
        assert_eq!(
            l.case_number.as_deref(),
            Some(row["case_number"].as_str()),
            "{name}"
        );
        assert_eq!(
            l.dates.decision.map(|d| d.to_string()),
            Some(mdy_to_iso(&row["decision_date"])),
            "{name}"
        );
        let d = &l.dates;
        assert!(
            d.assigned.is_some()
                && d.injury.is_some()
                && d.ur_denial.is_some()
                && d.application_received.is_some(),
            "{name}"
        );
        assert!(
            d.injury < d.ur_denial && d.ur_denial <= d.application_received,
            "{name}: dates out of order {d:?}"
        );
        assert!(
            d.application_received <= d.assigned && d.assigned < d.decision,
            "{name}: dates out of order {d:?}"
        );
        assert_eq!(l.priority.as_deref(), Some("Standard"), "{name}");
        let (up, over) = l.decision_counts();
        assert_eq!(l.items.len().to_string(), row["n_items"], "{name}");
        assert_eq!(up.to_string(), row["n_upheld"], "{name}");
        assert_eq!(over.to_string(), row["n_overturned"], "{name}");
        let outcome = match (up, over) {
            (_, 0) => Outcome::Upheld,
            (0, _) => Outcome::Overturned,
            _ => Outcome::PartiallyOverturned,
        };
        assert_eq!(l.outcome, Some(outcome), "{name}");
        assert!(
            !l.reviewer.licensure.is_empty() && !l.reviewer.specialties.is_empty(),
            "{name}"
        );
        assert!(
            l.reviewer
                .licensure
                .iter()
                .all(|s| s.chars().all(|c| c.is_alphabetic() || c == ' ')),
            "{name}: {:?}",
            l.reviewer.licensure
        );
        assert!(
            l.patient.age.is_some_and(|a| (18..=90).contains(&a)) && l.patient.sex.is_some(),
            "{name}: {:?}",
            l.patient
        );
        let summary = l.summary.as_deref().unwrap();
        assert!(
            !summary.contains("including all medical records"),
            "{name}: boilerplate kept"
        );
        for (i, item) in l.items.iter().enumerate() {
            let heading = item.heading.as_deref().unwrap();
            let request = item.request.as_deref().unwrap();
            assert_eq!(
                item.medically_necessary,
                Some(item.decision == Some(Decision::Overturned))
            );
            assert!(
                !heading.ends_with(':') && !request.is_empty(),
                "{name} item {i}"
            );
            assert!(heading.contains(request), "{name} item {i}");
            // A heading starts a sentence; the request of an "original request" heading is X only.
            assert!(
                !heading.starts_with(|c: char| c.is_lowercase()),
                "{name} item {i}: {heading}"
            );
            assert!(
                !request.contains("original request") && !request.ends_with(" is"),
                "{name} item {i}: {request}"
            );
            assert!(
                item.claims_administrator_guideline.is_some() && item.rationale.is_some(),
                "{name} item {i}"
            );
            let maximus = item.maximus_guideline.as_deref().unwrap();
            assert_eq!(
                item.citations.is_empty(),
                maximus.contains("did not cite any medical evidence"),
                "{name} item {i}"
            );
            assert_eq!(
                item.citations.len(),
                maximus.matches("Decision based on").count(),
                "{name} item {i}"
            );
            // No item swallowed the next one.
            let rationale = item.rationale.as_deref().unwrap();
            assert!(
                !rationale.contains("Claims Administrator guideline:"),
                "{name} item {i}"
            );
        }
        check_spans(text, &l);
    }
}

/// pdfminer lays the header out column by column, and moves words displaced by redaction boxes;
/// the fields must come out the same, except that a text field may hold the same words in
/// another order when the extraction itself moved them.
#[test]
fn pdfminer_text_gives_the_same_fields() {
    let pypdf = real_letters();
    let pdfminer = pdfminer_letters();
    assert_eq!(pypdf.len(), pdfminer.len());
    let mut reordered = 0;
    for ((name, a), (name_b, b)) in pypdf.iter().zip(&pdfminer) {
        assert_eq!(name, name_b);
        let (la, lb) = (parse(a), parse(b));
        check_spans(b, &lb);
        let (ja, jb) = (without_spans(&la), without_spans(&lb));
        if ja == jb {
            continue;
        }
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        leaves(&ja, "", &mut fa);
        leaves(&jb, "", &mut fb);
        assert_eq!(fa.len(), fb.len(), "{name}: different fields");
        for ((pa, va), (pb, vb)) in fa.iter().zip(&fb) {
            assert_eq!(pa, pb, "{name}");
            if va != vb {
                let words = |s: &str| {
                    let mut w: Vec<String> = s.split_whitespace().map(str::to_string).collect();
                    w.sort();
                    w
                };
                assert_eq!(words(va), words(vb), "{name} {pa}: not the same words");
                reordered += 1;
            }
        }
    }
    // Two letters have words moved by pdfminer (CM16-0249724's summary, CM17-0002551's rationale).
    assert!(reordered <= 2, "{reordered} fields differ in word order");
}

fn leaves(v: &serde_json::Value, p: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| leaves(x, &format!("{p}/{k}"), out)),
        serde_json::Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| leaves(x, &format!("{p}/{i}"), out)),
        other => out.push((
            p.to_string(),
            other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_string),
        )),
    }
}
