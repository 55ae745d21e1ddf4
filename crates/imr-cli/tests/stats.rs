//! `imr stats` on the corpus's real letters: its numbers against a count made here from the
//! letters `imr parse` gives, and against values read off the letters by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn corpus(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(rel);
    p.to_string_lossy().into_owned()
}

/// The corpus's real letters as text, by name.
fn real_texts() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(corpus("real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

fn imr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(args)
        .output()
        .unwrap()
}

fn json(o: &Output) -> Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The row of `table` whose key is `key`.
fn row<'a>(stats: &'a Value, table: &str, key: &Value) -> &'a Value {
    stats[table]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| &r["key"] == key)
        .unwrap_or_else(|| panic!("{table}: no row {key}"))
}

#[test]
fn the_corpus_adds_up_as_counted_from_its_letters() {
    let files = real_texts();
    assert_eq!(files.len(), 150);
    let mut args = vec!["parse"];
    args.extend(files.iter().map(String::as_str));
    let letters = json(&imr(&args));
    let letters = letters.as_array().unwrap();
    args.splice(0..1, ["stats", "--format", "json"]);
    let stats = json(&imr(&args));

    // Counted here, item by item: (items, decided, overturned) by type, by subtype of the
    // pharmaceuticals, and by guideline group (each group once per item).
    type Tally = BTreeMap<String, (usize, usize, usize)>;
    let (mut by_type, mut drugs, mut guidelines) = (Tally::new(), Tally::new(), Tally::new());
    let (mut items, mut decided, mut overturned) = (0, 0, 0);
    for letter in letters {
        for item in letter["items"].as_array().unwrap() {
            let d = &item["decision"];
            let count = |t: &mut Tally, key: String| {
                let e = t.entry(key).or_default();
                e.0 += 1;
                e.1 += usize::from(!d.is_null());
                e.2 += usize::from(d == "overturned");
            };
            items += 1;
            decided += usize::from(!d.is_null());
            overturned += usize::from(d == "overturned");
            let kind = item["category"]["type"].as_str().unwrap().to_string();
            if kind == "pharmaceutical" {
                count(&mut drugs, item["category"]["subtype"].to_string());
            }
            count(&mut by_type, kind);
            let groups: BTreeSet<String> = item["citations"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| !c["guideline"].is_null())
                .map(|c| match c["guideline"].as_str().unwrap() {
                    "mtus" => format!("mtus {}", c["chapter"]),
                    g => g.to_string(),
                })
                .collect();
            if groups.is_empty() {
                count(&mut guidelines, "none".to_string());
            }
            for g in groups {
                count(&mut guidelines, g);
            }
        }
    }

    // The corpus as known: 150 letters, 345 disputed items, every decision read.
    assert_eq!(stats["letters"], 150);
    assert_eq!(stats["items"], 345);
    assert_eq!((items, decided), (345, 345));
    assert_eq!(stats["decided"], decided);
    assert_eq!(stats["overturned"], overturned);

    for (kind, (n, dec, over)) in &by_type {
        let r = row(&stats, "by_type", &Value::from(kind.as_str()));
        assert_eq!(
            (&r["items"], &r["decided"], &r["overturned"]),
            (&(*n).into(), &(*dec).into(), &(*over).into()),
            "{kind}"
        );
        let rate = r["overturn_rate"].as_f64().unwrap();
        assert!((rate - *over as f64 / *dec as f64).abs() < 1e-12, "{kind}");
    }
    let pharma = row(&stats, "by_type", &"pharmaceutical".into());
    assert_eq!(pharma["items"], drugs.values().map(|t| t.0).sum::<usize>());
    for (subtype, (n, _, over)) in &drugs {
        let key: Value = serde_json::from_str(subtype).unwrap();
        let r = row(&stats, "pharmaceutical", &key);
        assert_eq!(
            (&r["items"], &r["overturned"]),
            (&(*n).into(), &(*over).into()),
            "{subtype}"
        );
    }
    // Guidelines: every group counted here is a row with the same numbers, and no other row.
    assert_eq!(
        stats["by_guideline"].as_array().unwrap().len(),
        guidelines.len()
    );
    for r in stats["by_guideline"].as_array().unwrap() {
        let key = match (r["key"]["guideline"].as_str(), &r["key"]["chapter"]) {
            (None, _) => "none".to_string(),
            (Some("mtus"), chapter) => format!("mtus {chapter}"),
            (Some(g), _) => g.to_string(),
        };
        let (n, _, over) = guidelines[&key];
        assert_eq!(
            (&r["items"], &r["overturned"]),
            (&n.into(), &over.into()),
            "{key}"
        );
    }
}

#[test]
fn one_letter_read_off_by_hand() {
    // CM16-0237844: application received 2016-12-12, UR denial 2016-12-05, decision 2017-01-12;
    // one item, physical therapy (physical_medicine), upheld, citing MTUS Chronic Pain.
    let o = imr(&[
        "stats",
        "--format",
        "json",
        &corpus("real/format1_CM16-0237844.txt"),
    ]);
    let s = json(&o);
    assert_eq!(
        (&s["letters"], &s["items"], &s["overturned"]),
        (&1.into(), &1.into(), &0.into())
    );
    let pm = row(&s, "by_type", &"physical_medicine".into());
    assert_eq!(
        (&pm["items"], &pm["overturn_rate"]),
        (&1.into(), &0.0.into())
    );
    // A type with no item has no rate (null), not 0.
    assert!(row(&s, "by_type", &"surgery".into())["overturn_rate"].is_null());
    let chronic =
        serde_json::json!({"guideline": "mtus", "chapter": "Chronic Pain Medical Treatment"});
    assert_eq!(row(&s, "by_guideline", &chronic)["items"], 1);
    assert_eq!(s["ur_denial_to_application"]["median"], 7);
    assert_eq!(s["application_to_decision"]["median"], 31);
    assert_eq!(s["application_to_decision"]["p90"], 31);
    assert_eq!(row(&s, "by_month", &"2017-01".into())["letters"], 1);
}

#[test]
fn text_and_csv_tables() {
    let files = real_texts();
    let mut args = vec!["stats"];
    args.extend(files.iter().map(String::as_str));
    let o = imr(&args);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.starts_with("150 letters, 345 items, 37 overturned of 345 decided (10.7%)\n"),
        "{text}"
    );
    for title in [
        "Items by treatment type",
        "Pharmaceutical items by subtype",
        "Items by reviewer specialty",
        "Items by guideline cited",
        "Days from UR denial to application",
        "Days from application to decision",
        "Decisions by month",
    ] {
        assert!(text.contains(&format!("\n{title}\n")), "{title}");
    }

    args.splice(
        1..1,
        ["--format", "csv", "--table", "by_type", "--jobs", "1"],
    );
    let csv = stdout(&imr(&args));
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("type,letters,items,share,decided,overturned,overturn_rate")
    );
    let pharma = lines.find(|l| l.starts_with("pharmaceutical,")).unwrap();
    assert_eq!(pharma.split(',').nth(2), Some("76"));
}

#[test]
fn what_is_not_a_letter_is_reported_and_left_out() {
    let dir = std::env::temp_dir().join(format!("imr-stats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let note = dir.join("note.txt");
    std::fs::write(&note, "Shopping list: milk, bread, eggs.\n").unwrap();
    let o = imr(&[
        "stats",
        "--format",
        "json",
        &corpus("real/format1_CM16-0237844.txt"),
        note.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("note.txt: not an IMR letter"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["letters"], 1);

    let bad = imr(&["stats", "--table", "nonesuch", &corpus("real/SOURCES.md")]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("invalid value 'nonesuch'"));
}
