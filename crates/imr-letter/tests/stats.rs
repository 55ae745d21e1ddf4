//! The Insights tables on the corpus, against counts made here apart from `stats`: from the
//! corpus index (`index.csv`), the reviewed categories (`tests/categories.tsv`) and plain loops
//! over the parsed letters.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use imr_letter::stats::{insights, GuidelineGroup, Month, Row, BINS};
use imr_letter::{parse, Decision, Guideline, Letter, Subtype, TreatmentType};

fn corpus() -> Vec<Letter> {
    real_letters().iter().map(|(_, t)| parse(t)).collect()
}

/// (letters, items, overturned) of a group.
type Counts = (usize, usize, usize);

fn counts_of<K>(row: &Row<K>) -> Counts {
    (row.letters, row.items, row.overturned)
}

/// Counts groups of items: `key` gives the groups an item belongs to.
fn count<K: Ord>(
    letters: &[Letter],
    key: impl Fn(&Letter, &imr_letter::Item) -> Vec<K>,
) -> BTreeMap<K, Counts> {
    let mut letters_of: BTreeMap<K, BTreeSet<usize>> = BTreeMap::new();
    let mut out: BTreeMap<K, Counts> = BTreeMap::new();
    for (n, l) in letters.iter().enumerate() {
        for item in &l.items {
            for k in key(l, item) {
                let c = out.entry(k).or_insert((0, 0, 0));
                c.1 += 1;
                if item.decision == Some(Decision::Overturned) {
                    c.2 += 1;
                }
            }
            for k in key(l, item) {
                letters_of.entry(k).or_default().insert(n);
            }
        }
    }
    for (k, set) in letters_of {
        out.get_mut(&k).unwrap().0 = set.len();
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn totals_and_months_agree_with_the_corpus_index() {
    let s = insights(&corpus());
    let index = read("real/index.csv");
    let rows: Vec<Vec<&str>> = index
        .lines()
        .skip(1)
        // Only letter_outcome is quoted (it holds a comma); the columns used come before it.
        .map(|l| l.split(',').collect())
        .collect();
    let col = |name: &str| {
        index
            .lines()
            .next()
            .unwrap()
            .split(',')
            .position(|c| c == name)
            .unwrap()
    };
    let (date, n_items, n_over) = (col("decision_date"), col("n_items"), col("n_overturned"));
    let num = |r: &Vec<&str>, c: usize| r[c].parse::<usize>().unwrap();
    assert_eq!((s.letters, s.items, s.overturned), (150, 345, 37));
    assert_eq!(s.items, rows.iter().map(|r| num(r, n_items)).sum::<usize>());
    assert_eq!(
        s.overturned,
        rows.iter().map(|r| num(r, n_over)).sum::<usize>()
    );
    // Decisions by month, from the index's MM/DD/YYYY dates.
    let mut months: BTreeMap<String, Counts> = BTreeMap::new();
    for r in &rows {
        let d: Vec<&str> = r[date].split('/').collect();
        let m = months
            .entry(format!("{}-{}", d[2], d[0]))
            .or_insert((0, 0, 0));
        m.0 += 1;
        m.1 += num(r, n_items);
        m.2 += num(r, n_over);
    }
    let got: BTreeMap<String, Counts> = s
        .by_month
        .iter()
        .map(|r| (r.key.unwrap().to_string(), counts_of(r)))
        .collect();
    assert_eq!(got, months);
    assert_eq!(got.keys().collect::<Vec<_>>(), ["2017-01", "2017-02"]);
    assert_eq!(
        s.by_month[0].key,
        Some(Month {
            year: 2017,
            month: 1
        })
    );
}

#[test]
fn items_by_type_and_drug_subtype_agree_with_the_reviewed_categories() {
    let letters = corpus();
    let s = insights(&letters);
    // The reviewed categories: letter, item, type, subtype (real letters only).
    let tsv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/categories.tsv"),
    )
    .unwrap();
    let reviewed: Vec<Vec<&str>> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .filter(|r: &Vec<&str>| r[0].starts_with("CM"))
        .collect();
    let decisions: Vec<Decision> = letters
        .iter()
        .flat_map(|l| {
            l.items
                .iter()
                .map(|i| i.decision.expect("every corpus decision is read"))
        })
        .collect();
    assert_eq!(reviewed.len(), decisions.len());
    let mut by_type: BTreeMap<&str, (BTreeSet<&str>, usize, usize)> = BTreeMap::new();
    let mut by_drug: BTreeMap<&str, (BTreeSet<&str>, usize, usize)> = BTreeMap::new();
    for (r, d) in reviewed.iter().zip(&decisions) {
        let over = usize::from(*d == Decision::Overturned);
        let t = by_type.entry(r[2]).or_default();
        t.0.insert(r[0]);
        t.1 += 1;
        t.2 += over;
        if r[2] == "pharmaceutical" {
            let t = by_drug.entry(r[3]).or_default();
            t.0.insert(r[0]);
            t.1 += 1;
            t.2 += over;
        }
    }
    // Every type has its row, in the spec's order, empty ones too.
    let types: Vec<TreatmentType> = s.by_type.iter().map(|r| r.key).collect();
    assert_eq!(types, TreatmentType::ALL);
    for row in &s.by_type {
        let want = by_type
            .get(row.key.as_str())
            .map_or((0, 0, 0), |t| (t.0.len(), t.1, t.2));
        assert_eq!(counts_of(row), want, "{}", row.key.as_str());
        assert_eq!(row.decided, want.1);
        assert!(close(row.share, want.1 as f64 / 345.0));
        match row.overturn_rate {
            Some(rate) => assert!(close(rate, want.2 as f64 / want.1 as f64)),
            None => assert_eq!(want.1, 0),
        }
    }
    let drug_items: usize = by_drug.values().map(|t| t.1).sum();
    assert_eq!(drug_items, 76);
    let got: BTreeMap<&str, Counts> = s
        .pharmaceutical
        .iter()
        .map(|r| (r.key.map_or("-", Subtype::as_str), counts_of(r)))
        .collect();
    let want: BTreeMap<&str, Counts> = by_drug
        .iter()
        .map(|(k, t)| (*k, (t.0.len(), t.1, t.2)))
        .collect();
    assert_eq!(got, want);
    for r in &s.pharmaceutical {
        assert!(close(r.share, r.items as f64 / drug_items as f64));
    }
    // Opioids by hand from the table: Ultram x3, Norco x3, Tramadol x3, Oxycodone, Percocet.
    assert_eq!(got["opioid"].1, 11);
}

#[test]
fn items_by_specialty_and_guideline() {
    let letters = corpus();
    let s = insights(&letters);
    let specialties = count(&letters, |l, _| {
        let mut v: Vec<String> = l.reviewer.specialties.clone();
        v.sort();
        v.dedup();
        v
    });
    let got: BTreeMap<String, Counts> = s
        .by_specialty
        .iter()
        .map(|r| (r.key.clone().unwrap(), counts_of(r)))
        .collect();
    assert_eq!(got, specialties);
    // Most items first.
    assert!(s.by_specialty.windows(2).all(|w| w[0].items >= w[1].items));
    let guidelines = count(&letters, |_, item| {
        let mut v: Vec<String> = item
            .citations
            .iter()
            .map(|c| match c.guideline {
                Guideline::Mtus => format!("mtus {}", c.chapter.clone().unwrap_or_default()),
                other => other.as_str().to_string(),
            })
            .collect();
        if v.is_empty() {
            v.push("none".to_string());
        }
        v.sort();
        v.dedup();
        v
    });
    let label = |g: &GuidelineGroup| match (g.guideline, &g.chapter) {
        (None, _) => "none".to_string(),
        (Some(Guideline::Mtus), c) => format!("mtus {}", c.clone().unwrap_or_default()),
        (Some(other), _) => other.as_str().to_string(),
    };
    let got: BTreeMap<String, Counts> = s
        .by_guideline
        .iter()
        .map(|r| (label(&r.key), counts_of(r)))
        .collect();
    assert_eq!(got, guidelines);
    // By hand: items whose MAXIMUS guideline cites nothing ("did not cite any medical evidence").
    let none_cited = letters
        .iter()
        .flat_map(|l| &l.items)
        .filter(|i| {
            i.maximus_guideline
                .as_deref()
                .unwrap()
                .contains("did not cite any medical evidence")
        })
        .count();
    assert_eq!(got["none"].1, none_cited);
    assert_eq!(got["odg"].1, 93);
}

/// The days of an interval, sorted, counted here from the ISO dates.
fn days(letters: &[Letter], from: &str, to: &str) -> Vec<i64> {
    let json: Vec<serde_json::Value> = letters
        .iter()
        .map(|l| serde_json::to_value(l).unwrap())
        .collect();
    // Days from 0000-03-01 by the proleptic Gregorian calendar, written out again here.
    let day = |s: &str| {
        let p: Vec<i64> = s.split('-').map(|x| x.parse().unwrap()).collect();
        let (y, m, d) = if p[1] <= 2 {
            (p[0] - 1, p[1] + 12, p[2])
        } else {
            (p[0], p[1], p[2])
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d
    };
    let mut v: Vec<i64> = json
        .iter()
        .map(|l| day(l["dates"][to].as_str().unwrap()) - day(l["dates"][from].as_str().unwrap()))
        .collect();
    v.sort();
    v
}

#[test]
fn intervals_bins_median_and_90th_percentile() {
    let letters = corpus();
    let s = insights(&letters);
    for (interval, from, to, median, p90) in [
        (
            &s.ur_denial_to_application,
            "ur_denial",
            "application_received",
            15,
            28,
        ),
        (
            &s.application_to_decision,
            "application_received",
            "decision",
            32,
            40,
        ),
    ] {
        let d = days(&letters, from, to);
        assert_eq!(
            (interval.letters, interval.missing, interval.out_of_order),
            (150, 0, 0)
        );
        // Nearest rank: ranks 75 and 135 of 150.
        assert_eq!((d[74], d[134]), (median, p90));
        assert_eq!((interval.median, interval.p90), (Some(median), Some(p90)));
        let bins: Vec<usize> = interval.bins.iter().map(|b| b.letters).collect();
        let want: Vec<usize> = BINS
            .iter()
            .map(|&(a, b)| {
                d.iter()
                    .filter(|&&x| x >= a && b.is_none_or(|b| x <= b))
                    .count()
            })
            .collect();
        assert_eq!(bins, want);
        assert_eq!(bins.iter().sum::<usize>(), 150);
    }
    // By hand from the corpus: 36 letters applied within a week of the denial.
    assert_eq!(s.ur_denial_to_application.bins[0].letters, 36);
}

#[test]
fn median_and_90th_percentile_by_nearest_rank_on_small_counts() {
    // Letters whose decision comes `d` days after the application, for each d.
    let base = imr_letter::Date::new(2016, 1, 1).unwrap();
    let with_days = |days: &[i64]| -> Vec<Letter> {
        days.iter()
            .map(|&d| {
                let mut l = Letter::default();
                l.dates.application_received = Some(base);
                l.dates.decision = date_of(base.days_since_epoch() + d);
                l
            })
            .collect()
    };
    for days in [
        vec![5],
        vec![9, 1],
        vec![3, 1, 2],
        vec![10, 40, 20, 30],
        (1..=10).rev().collect::<Vec<i64>>(),
        vec![7, 7, 7, 60, 7, 100, 7, 7, 7, 7, 7],
    ] {
        let s = insights(&with_days(&days));
        let i = &s.application_to_decision;
        // Independently: sort, and take the value at rank ceil(p * n / 100), from 1.
        let mut sorted = days.clone();
        sorted.sort();
        let n = sorted.len();
        let at = |p: usize| sorted[(p * n).div_ceil(100).max(1) - 1];
        assert_eq!((i.median, i.p90), (Some(at(50)), Some(at(90))), "{days:?}");
        assert_eq!(i.letters, n);
    }
}

/// The date `day` days after the epoch of [`imr_letter::Date::days_since_epoch`].
fn date_of(day: i64) -> Option<imr_letter::Date> {
    let mut d = imr_letter::Date::new(2016, 1, 1)?;
    while d.days_since_epoch() < day {
        let next = imr_letter::Date::new(d.year(), d.month(), d.day() + 1)
            .or_else(|| imr_letter::Date::new(d.year(), d.month() + 1, 1))
            .or_else(|| imr_letter::Date::new(d.year() + 1, 1, 1))?;
        d = next;
    }
    Some(d)
}

#[test]
fn counting_the_kept_items_in_place_equals_counting_copies_without_the_others() {
    let letters = corpus();
    let keep = |i: &imr_letter::Item| i.decision == Some(Decision::Upheld);
    let copies: Vec<Letter> = letters
        .iter()
        .map(|l| Letter {
            items: l.items.iter().filter(|i| keep(i)).cloned().collect(),
            ..l.clone()
        })
        .collect();
    let refs: Vec<&Letter> = letters.iter().collect();
    let s = imr_letter::stats::insights_of(&refs, keep);
    assert_eq!(s, insights(&copies));
    assert_eq!((s.overturned, s.decided), (0, s.items));
    assert!(s.items > 0 && s.items < insights(&letters).items);
}

#[test]
fn missing_and_out_of_order_dates_are_counted_apart() {
    let mut letters = corpus();
    letters.truncate(3);
    letters[0].dates.ur_denial = None;
    letters[1].dates.application_received = letters[1]
        .dates
        .ur_denial
        .map(|d| imr_letter::Date::new(d.year() - 1, d.month(), 1).unwrap());
    let s = insights(&letters);
    let i = &s.ur_denial_to_application;
    assert_eq!((i.letters, i.missing, i.out_of_order), (1, 1, 1));
    assert_eq!(i.median, i.p90);
    // An item whose decision was not read counts in items, not in the rate's n.
    let mut one = corpus();
    one.truncate(1);
    let items = one[0].items.len();
    one[0].items[0].decision = None;
    let s = insights(&one);
    let kind = one[0].items[0].category.kind;
    let row = s.by_type.iter().find(|r| r.key == kind).unwrap();
    assert_eq!((s.items, s.decided), (items, items - 1));
    assert_eq!(row.decided + 1, row.items);
    let none = insights(&[]);
    assert_eq!(
        (none.items, none.ur_denial_to_application.median),
        (0, None)
    );
    assert!(none
        .by_type
        .iter()
        .all(|r| r.items == 0 && r.share == 0.0 && r.overturn_rate.is_none()));
}

#[test]
fn tables_as_text_and_csv() {
    let s = insights(&corpus());
    let tables = s.tables();
    let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
    assert_eq!(
        names,
        [
            "by_type",
            "pharmaceutical",
            "by_specialty",
            "by_guideline",
            "ur_denial_to_application",
            "application_to_decision",
            "by_month"
        ]
    );
    let by_type = &tables[0];
    let csv = by_type.to_csv();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "type,letters,items,share,decided,overturned,overturn_rate"
    );
    assert_eq!(lines[3], "pharmaceutical,30,76,0.2203,76,4,0.0526");
    assert_eq!(lines[11], "other,0,0,0.0000,0,0,");
    let text = by_type.to_text();
    let line = text
        .lines()
        .find(|l| l.starts_with("pharmaceutical"))
        .unwrap();
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        ["pharmaceutical", "30", "76", "22.0%", "76", "4", "5.3%"]
    );
    let other = text.lines().find(|l| l.starts_with("other")).unwrap();
    assert!(other.ends_with(" -"));
    let whole = s.to_text();
    assert!(whole.starts_with("150 letters, 345 items, 37 overturned of 345 decided (10.7%)\n"));
    let month = &tables[6].to_csv();
    assert!(
        month.contains("2017-02,105,262,0.7594,262,24,0.0916\r\n"),
        "{month}"
    );
    let days = tables[4].to_csv();
    assert!(
        days.contains("median,15,\r\n") && days.contains("0-7,36,0.2400\r\n"),
        "{days}"
    );
}

#[test]
fn csv_cells_are_quoted_and_made_safe() {
    let mut letters = corpus();
    letters.truncate(1);
    letters[0].reviewer.specialties = vec!["=HYPERLINK(\"x\")".into(), "A, B".into()];
    let s = insights(&letters);
    let csv = s.tables()[2].to_csv();
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\","), "{csv}");
    assert!(csv.contains("\"A, B\","), "{csv}");
}

#[test]
fn insights_serialize_as_plain_rows() {
    let s = insights(&corpus());
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["by_type"][2]["key"], "pharmaceutical");
    assert_eq!(json["by_type"][2]["items"], 76);
    assert_eq!(json["pharmaceutical"][0]["key"], "opioid");
    assert_eq!(json["by_month"][1]["key"], "2017-02");
    let none = json["by_guideline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"]["guideline"].is_null())
        .unwrap();
    assert_eq!(none["key"]["chapter"], serde_json::Value::Null);
    assert_eq!(json["ur_denial_to_application"]["median"], 15);
    let back: imr_letter::stats::Insights = serde_json::from_value(json).unwrap();
    assert_eq!(back, s);
}
