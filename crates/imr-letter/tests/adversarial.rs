//! Every letter of `tests/corpus/adversarial/` (a real letter changed in one small way) is read
//! right, or flagged by a warning that says what is unsure: never silently wrong.

mod common;

use common::*;
use imr_letter::{parse, Date, Decision, Letter, Outcome, WarningCode};

fn adversarial(name: &str) -> (String, Letter) {
    let text = read(&format!("adversarial/{name}.txt"));
    let letter = parse(&text);
    check_spans(&text, &letter);
    (text, letter)
}

fn original(case: &str) -> Letter {
    parse(&read(&format!("real/format1_{case}.txt")))
}

fn codes(l: &Letter) -> Vec<WarningCode> {
    l.warnings.iter().map(|w| w.code).collect()
}

/// The two letters' fields, spans and warnings aside.
fn same_fields(a: &Letter, b: &Letter) -> bool {
    let strip = |l: &Letter| {
        let mut l = l.clone();
        l.spans.clear();
        l.warnings.clear();
        l.source = Default::default();
        l
    };
    strip(a) == strip(b)
}

fn date(s: &str) -> Option<Date> {
    Date::parse_iso(s)
}

#[test]
fn a_decision_word_with_a_full_stop_is_read_and_said() {
    let (_, l) = adversarial("decision_word_with_period_drops_item");
    assert!(same_fields(&l, &original("CM16-0230548")));
    assert_eq!(l.items.len(), 2);
    assert_eq!(l.items[1].decision, Some(Decision::Overturned));
    assert_eq!(l.outcome, Some(Outcome::PartiallyOverturned));
    assert_eq!(codes(&l), [WarningCode::LooseReading]);
    assert!(
        l.warnings[0].message.contains("'Overturned.'"),
        "{:?}",
        l.warnings
    );
}

#[test]
fn a_decision_word_in_lower_case_is_read() {
    let (_, l) = adversarial("lowercase_upheld_drops_item");
    assert!(same_fields(&l, &original("CM16-0230548")));
    assert_eq!(l.items[0].decision, Some(Decision::Upheld));
    // Letter case alone is no reason for a warning.
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn a_title_above_the_header_is_harmless() {
    let (_, l) = adversarial("heading_above_header_table");
    assert!(same_fields(&l, &original("CM16-0237844")));
    assert_eq!(l.case_number.as_deref(), Some("CM16-0237844"));
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn a_blank_value_in_a_column_layout_does_not_shift_the_others() {
    let (_, l) = adversarial("pdfminer_missing_decision_date_shifts");
    let o = original("CM16-0237844");
    // Two date labels, one date: which is whose cannot be told, so both are empty...
    assert_eq!(l.dates.assigned, None);
    assert_eq!(l.dates.decision, None);
    assert_eq!(codes(&l), [WarningCode::AmbiguousValue]);
    // ...and no other date moved.
    assert_eq!(l.dates.injury, o.dates.injury);
    assert_eq!(l.dates.ur_denial, o.dates.ur_denial);
    assert_eq!(l.dates.application_received, o.dates.application_received);
    assert_eq!(l.case_number, o.case_number);
    assert_eq!(l.priority, o.priority);
    assert_eq!(l.items, o.items);
}

#[test]
fn a_stray_date_in_the_header_is_not_adopted() {
    let (text, l) = adversarial("stray_header_date_taken_as_received");
    assert!(same_fields(&l, &original("CM16-0237844")));
    assert_eq!(l.dates.application_received, date("2016-12-12"));
    assert_eq!(codes(&l), [WarningCode::StrayValue]);
    let [s, e] = l.warnings[0].span.unwrap();
    assert_eq!(&text[s..e], "01/01/2015");
}

#[test]
fn a_repeated_licensure_line_invents_no_state() {
    let (_, l) = adversarial("dup_licensure_line");
    assert!(same_fields(&l, &original("CM16-0237844")));
    assert_eq!(l.reviewer.licensure, ["California", "Texas", "Florida"]);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn a_space_before_a_labels_colon_changes_nothing() {
    let (_, l) = adversarial("maximus_space_colon");
    assert!(same_fields(&l, &original("CM16-0247802")));
    assert!(l.items.iter().all(|i| !i.citations.is_empty()));
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn a_rationale_line_ending_in_a_decision_word_starts_no_item() {
    let (_, l) = adversarial("upheld_in_rationale_splits_item");
    let o = original("CM16-0237844");
    assert_eq!(l.items.len(), 1);
    let rationale = l.items[0].rationale.as_deref().unwrap();
    assert!(rationale.contains("Prior IMR for the same therapy: Upheld Within the documentation"));
    assert_eq!(l.items[0].request, o.items[0].request);
    assert_eq!(l.outcome, Some(Outcome::Upheld));
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn a_blank_line_inside_a_summary_sentence_changes_nothing() {
    let (_, l) = adversarial("blank_line_inside_heading");
    assert!(same_fields(&l, &original("CM16-0234202")));
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn four_thousand_items_give_a_csv_linear_in_the_input() {
    let (text, l) = adversarial("csv_quadratic_4000_items");
    assert_eq!(l.items.len(), 4000);
    assert!(l.items.iter().all(|i| i.decision == Some(Decision::Upheld)));
    let csv = imr_letter::csv::to_csv(&[l]);
    assert_eq!(csv.lines().count(), 4001);
    // Each row names each warning code once: about 300 bytes a row, not the letter's 12,000
    // warnings on every row.
    assert!(csv.len() < 20 * text.len(), "{} bytes of CSV", csv.len());
}

#[test]
fn formula_values_are_made_safe_in_the_csv() {
    let (_, l) = adversarial("formula_letter");
    let csv = imr_letter::csv::to_csv(&[l]);
    assert!(
        csv.contains("\"'\u{ff1d}1+1\""),
        "the full-width sign is made safe too"
    );
    // No cell starts with a sign a spreadsheet would run.
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let c = cell.trim_start_matches('"');
            assert!(
                !c.starts_with([
                    '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'
                ]),
                "{cell}"
            );
        }
    }
}
