//! One test per reading rule, on real letters (changed where a rule needs a variant) and on
//! small made-up texts for what the corpus does not hold.

mod common;

use common::*;
use imr_letter::{
    parse, CitationSource, Date, Decision, Layout, Letter, Outcome, Sex, WarningCode,
};

fn date(s: &str) -> Option<Date> {
    Date::parse_iso(s)
}

fn letter(name: &str) -> String {
    read(&format!("real/format1_{name}.txt"))
}

/// Parses `text`, checks its spans, and returns the letter.
fn parsed(text: &str) -> Letter {
    let l = parse(text);
    check_spans(text, &l);
    l
}

fn codes_of(l: &Letter) -> Vec<WarningCode> {
    l.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn header_as_pypdf_lays_it_out() {
    let l = parsed(&letter("CM16-0237844"));
    assert_eq!(l.case_number.as_deref(), Some("CM16-0237844"));
    assert_eq!(l.dates.assigned, date("2016-12-14"));
    assert_eq!(l.dates.injury, date("2016-10-20"));
    assert_eq!(l.dates.decision, date("2017-01-12"));
    assert_eq!(l.dates.ur_denial, date("2016-12-05"));
    assert_eq!(l.dates.application_received, date("2016-12-12"));
    assert_eq!(l.priority.as_deref(), Some("Standard"));
    assert_eq!(l.spans["/case_number"], [13, 25]);
}

#[test]
fn header_with_one_or_two_spaces_after_labels() {
    let text = letter("CM16-0230548");
    assert!(text.contains("Date of Injury:  "));
    let one = text.replace(":  ", ": ");
    let (a, b) = (parsed(&text), parsed(&one));
    assert_eq!(a.dates, b.dates);
    assert_eq!(a.dates.injury, date("2016-11-01"));
}

#[test]
fn application_received_joined_on_one_line_or_split_over_three() {
    let text = letter("CM16-0237844");
    assert!(text.contains("Application \nReceived: \n12/12/2016"));
    for variant in [
        "Application Received: 12/12/2016",
        "Application\nReceived:\n12/12/2016",
        "Application \n\nReceived: \n\n12/12/2016",
    ] {
        let l = parsed(&text.replace("Application \nReceived: \n12/12/2016", variant));
        assert_eq!(
            l.dates.application_received,
            date("2016-12-12"),
            "{variant:?}"
        );
        assert_eq!(l.priority.as_deref(), Some("Standard"), "{variant:?}");
        assert!(l.warnings.is_empty(), "{variant:?}: {:?}", l.warnings);
    }
}

#[test]
fn header_as_pdfminer_lays_it_out_column_by_column() {
    // Labels first, then values; in this letter the injury date even comes before its label.
    let text = read("real/alt_pdfminer/format1_CM16-0232182.txt");
    assert!(text.starts_with("Case Number: \nDate Assigned: \nDecision Date: \nPriority:"));
    let l = parsed(&text);
    assert_eq!(l.case_number.as_deref(), Some("CM16-0232182"));
    assert_eq!(l.dates.assigned, date("2017-01-04"));
    assert_eq!(l.dates.injury, date("2016-11-07"));
    assert_eq!(l.dates.decision, date("2017-01-27"));
    assert_eq!(l.dates.ur_denial, date("2016-11-22"));
    assert_eq!(l.dates.application_received, date("2016-12-02"));
    assert_eq!(l.priority.as_deref(), Some("Standard"));
}

#[test]
fn letter_with_no_header_and_credentials_in_prose() {
    let text = read("seed/letter_2014_no_header.txt");
    let l = parsed(&text);
    assert_eq!(l.layout, Layout::FinalDetermination);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    assert_eq!(l.case_number, None);
    assert_eq!(l.dates, Default::default());
    assert_eq!(
        l.reviewer.specialties,
        [
            "Physical Medicine and Rehabilitation",
            "Interventional Spine"
        ]
    );
    assert_eq!(l.reviewer.licensure, ["California"]);
    assert_eq!(
        (l.patient.age, l.patient.sex),
        (Some(57), Some(Sex::Female))
    );
    assert!(l
        .summary
        .as_deref()
        .unwrap()
        .starts_with("The patient is a 57-year-old female with a date of injury of 06/16/1998."));
    let requests: Vec<&str> = l
        .items
        .iter()
        .map(|i| i.request.as_deref().unwrap())
        .collect();
    assert_eq!(
        requests,
        [
            "X-ray exam of the thoracic spine",
            "MRI of the thoracic spine without dye"
        ]
    );
    assert_eq!(l.outcome, Some(Outcome::Upheld));
    let c = &l.items[1].citations;
    assert_eq!(c.len(), 2);
    assert_eq!(
        (c[0].source, c[0].text.as_str()),
        (
            CitationSource::Mtus,
            "MTUS ACOEM Chapter 8 Neck and Upper Back Complaints Page(s): 177-178."
        )
    );
    assert_eq!(
        (c[1].source, c[1].text.as_str()),
        (
            CitationSource::NonMtus,
            "Non-MTUS Citation Official Disability Guidelines (ODG)."
        )
    );
    // The Claims Administrator's "Decision based on" is not the reviewer's citation.
    assert_eq!(l.items[0].citations.len(), 1);
}

#[test]
fn crlf_line_ends_form_feeds_and_runs_of_spaces_change_nothing() {
    let text = letter("CM17-0007142");
    let base = without_spans(&parsed(&text));
    let crlf = text.replace('\n', "\r\n");
    // A page break between sections and one inside an item's rationale.
    let ff = text
        .replacen("CLINICAL CASE SUMMARY", "\x0cCLINICAL CASE SUMMARY", 1)
        .replacen("Decision rationale: ", "Decision rationale: \n \n\x0c", 3);
    let spaces = text
        .replace(": Upheld", ":   Upheld")
        .replace(": Overturned", ":\t Overturned");
    for (what, variant) in [
        ("CRLF", crlf),
        ("form feeds", ff),
        ("runs of spaces", spaces),
    ] {
        assert_eq!(without_spans(&parsed(&variant)), base, "{what}");
    }
}

#[test]
fn specialty_wrapped_onto_the_next_line() {
    let text = letter("CM17-0010885");
    assert!(text.contains("Public Health & \nGeneral Preventive Medicine"));
    let l = parsed(&text);
    assert_eq!(
        l.reviewer.specialties.last().map(String::as_str),
        Some("Public Health & General Preventive Medicine")
    );
}

#[test]
fn decision_on_the_line_after_a_heading_and_the_original_request() {
    let l = parsed(&letter("CM16-0230651"));
    assert_eq!(l.items.len(), 10);
    let last = &l.items[9];
    assert_eq!(
        last.request.as_deref(),
        Some("Physical therapy to the low back two sessions")
    );
    assert!(last
        .heading
        .as_deref()
        .unwrap()
        .starts_with("Physical therapy to the low back eight sessions was the original request."));
    assert!(last.heading.as_deref().unwrap().ends_with("The remaining IMR eligible portion of the original request, Physical therapy to the low back two sessions is"));
    assert_eq!(last.decision, Some(Decision::Upheld));
    assert_eq!(last.medically_necessary, Some(false));
}

#[test]
fn multi_line_heading_with_original_request() {
    let l = parsed(&letter("CM17-0002198"));
    assert_eq!(l.items[0].request.as_deref().unwrap(), "two physical therapy sessions for the lumbar spine, left shoulder and left knee and eight physical therapy sessions for the left wrist");
}

#[test]
fn overturned_and_partially_overturned_letters() {
    let l = parsed(&letter("CM17-0010420"));
    assert_eq!(l.decision_counts(), (1, 6));
    assert_eq!(l.outcome, Some(Outcome::PartiallyOverturned));
    assert!(l
        .items
        .iter()
        .filter(|i| i.decision == Some(Decision::Overturned))
        .all(|i| i.medically_necessary == Some(true)));
    let l = parsed(&letter("CM17-0010885"));
    assert_eq!(l.outcome, Some(Outcome::Overturned));
}

#[test]
fn several_citations_and_none_cited() {
    let l = parsed(&letter("CM17-0007151"));
    let c = &l.items[0].citations;
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].source, CitationSource::Mtus);
    assert_eq!(c[0].text, "MTUS Low Back Complaints 2004, Section(s): Physical Methods, Special Studies, Surgical Considerations, Summary.");
    assert_eq!(c[1].source, CitationSource::NonMtus);
    assert!(c[1]
        .text
        .starts_with("Non- MTUS Citation Official Disability Guidelines (ODG) Low Back"));
    let l = parsed(&letter("CM16-0247274"));
    let none = l
        .items
        .iter()
        .find(|i| {
            i.maximus_guideline
                .as_deref()
                .is_some_and(|g| g.contains("did not cite"))
        })
        .unwrap();
    assert!(none.citations.is_empty());
}

#[test]
fn notice_2013_layout() {
    let l = parsed(&read(
        "real/partial/notice2013_medicpdf-workcompliens_EXCERPT.txt",
    ));
    assert_eq!(l.layout, Layout::Notice2013);
    assert_eq!(l.dates.decision, date("2013-09-26"));
    assert_eq!(l.dates.application_received, date("2013-09-06"));
    assert_eq!(l.dates.ur_denial, date("2013-08-30"));
    let items: Vec<(&str, Decision)> = l
        .items
        .iter()
        .map(|i| (i.request.as_deref().unwrap(), i.decision.unwrap()))
        .collect();
    assert_eq!(
        items,
        [
            ("a 28 day functional restoration program", Decision::Upheld),
            ("a 6 month follow-up aftercare program", Decision::Upheld)
        ]
    );
    assert_eq!(l.reviewer.specialties, ["Occupational Medicine"]);
    assert_eq!(l.reviewer.licensure, ["California"]);
    assert_eq!(
        (l.patient.age, l.patient.sex),
        (Some(44), Some(Sex::Female))
    );
    assert_eq!(codes_of(&l), [WarningCode::Truncated]);
}

#[test]
fn notice_2013_medically_necessary_is_overturned() {
    let text = "MAXIMUS FEDERAL SERVICES, INC. Notice of Independent Medical Review Determination Dated: 10/02/2013\n1) MAXIMUS Federal Services, Inc. has determined the request for physical therapy is medically necessary and appropriate.\n";
    let l = parsed(text);
    assert_eq!(l.items.len(), 1);
    assert_eq!(l.items[0].decision, Some(Decision::Overturned));
    assert_eq!(l.outcome, Some(Outcome::Overturned));
}

#[test]
fn anything_else_is_unrecognized_with_a_plain_warning() {
    for text in [
        "",
        "   \n\n ",
        "It was the best of times, it was the worst of times.",
        "Dear Sir,\nYour claim for benefits has been received. Case Number: 12345.\nSincerely",
    ] {
        let l = parsed(text);
        assert_eq!(l.layout, Layout::Unrecognized, "{text:?}");
        assert_eq!(codes_of(&l), [WarningCode::UnrecognizedLayout]);
        assert!(l.items.is_empty() && l.case_number.is_none() && l.outcome.is_none());
        assert!(l.warnings[0].message.ends_with('.'));
    }
    assert!(parse("").warnings[0].message.contains("empty"));
}

#[test]
fn impossible_date_is_null_with_a_warning() {
    let text =
        letter("CM16-0237844").replace("Date Assigned: 12/14/2016", "Date Assigned: 02/30/2016");
    let l = parsed(&text);
    assert_eq!(l.dates.assigned, None);
    assert_eq!(l.dates.injury, date("2016-10-20"));
    assert_eq!(codes_of(&l), [WarningCode::BadDate]);
    let [s, e] = l.warnings[0].span.unwrap();
    assert_eq!(&text[s..e], "02/30/2016");
}

#[test]
fn cut_off_letter_keeps_what_was_read_and_says_truncated() {
    let text = letter("CM16-0230548");
    let cut = &text[..text.rfind("Decision rationale:").unwrap()];
    let l = parsed(cut);
    assert_eq!(l.items.len(), 2);
    assert!(l.items[1].rationale.is_none());
    assert!(codes_of(&l).contains(&WarningCode::Truncated));
    assert_eq!(l.case_number.as_deref(), Some("CM16-0230548"));
}

#[test]
fn missing_header_value_is_null_with_a_warning() {
    let text = letter("CM16-0237844").replace("Decision Date: 01/12/2017", "Decision Date:");
    let l = parsed(&text);
    assert_eq!(l.dates.decision, None);
    assert_eq!(l.dates.ur_denial, date("2016-12-05"));
    assert_eq!(codes_of(&l), [WarningCode::MissingField]);
}

#[test]
fn letter_text_is_kept_as_written() {
    let text = letter("CM16-0237844").replacen(
        "The injured worker is",
        "<script>alert(1)</script> The injured worker is",
        1,
    );
    let l = parsed(&text);
    assert!(l
        .summary
        .unwrap()
        .starts_with("<script>alert(1)</script> The injured worker is a 51 year old female"));
}

#[test]
fn page_break_inside_a_heading_does_not_cut_it() {
    // pypdf joins pages with an empty line; here one falls inside the first item's heading.
    let text = letter("CM17-0020728");
    assert!(text.contains("was authorized \n\nby the Claims Administrator."));
    let l = parsed(&text);
    let item = &l.items[0];
    assert!(item.heading.as_deref().unwrap().starts_with("Physical therapy to the lumbar spine 2 times a week for 3 weeks (6) was the original request."));
    assert_eq!(
        item.request.as_deref(),
        Some("Physical therapy to the lumbar spine 2 times a week for 2 weeks (4)")
    );
    // The same break before a lower-case word inside a later item's heading.
    let two = letter("CM16-0230548");
    let second = parsed(&two).items[1].heading.clone().unwrap();
    assert_eq!(
        second,
        "Acupuncture 3 times a week for 2 weeks, neck, right hand and head"
    );
    let (head, tail) = second.split_at("Acupuncture 3".len());
    let broken = two.replacen(
        &format!("{head}{tail}"),
        &format!("{head}\n\n{}", tail.trim_start()),
        1,
    );
    assert_ne!(broken, two);
    assert_eq!(
        parsed(&broken).items[1].heading.as_deref(),
        Some(second.as_str())
    );
}

#[test]
fn original_request_wrapped_after_its_comma() {
    let l = parsed(&letter("CM16-0233904"));
    assert_eq!(l.items[0].request.as_deref().unwrap(), "Baclofen 100mg #3");
}

#[test]
fn extraction_warnings_join_the_letters_own_without_a_span() {
    let mut l = parsed(&letter("CM16-0237844"));
    l.add_extraction_warnings([(
        WarningCode::PageUnreadable,
        "Page 2 of the PDF could not be read.",
    )]);
    assert_eq!(codes_of(&l), [WarningCode::PageUnreadable]);
    assert_eq!(l.warnings[0].span, None);
}

#[test]
fn a_leading_byte_order_mark_is_not_text() {
    let text = letter("CM16-0237844");
    let with_bom = format!("\u{feff}{text}");
    let l = parsed(&with_bom);
    assert_eq!(without_spans(&l), without_spans(&parsed(&text)));
    assert_eq!(l.spans["/case_number"], [16, 28]);
}

#[test]
fn sex_without_an_age() {
    let text = letter("CM16-0237844").replace(
        "The injured worker is a 51 year old female who",
        "The injured worker is a female who",
    );
    let l = parsed(&text);
    assert_eq!(l.patient.age, None);
    assert_eq!(l.patient.sex, Some(Sex::Female));
    // "a male" elsewhere in the summary (another person) is not the patient.
    let other = letter("CM16-0237844").replace(
        "The injured worker is a 51 year old female who",
        "The injured worker, whose supervisor is a male, was",
    );
    assert_eq!(parsed(&other).patient.sex, None);
}

#[test]
fn a_notice_item_near_a_multi_byte_character_is_kept() {
    // The verdict stands within the reach after "the request for"; the reach's end falls
    // inside a two-byte character.
    let request = "a".repeat(560);
    for pad in 0..4 {
        let text = format!(
            "Notice of Independent Medical Review Determination Dated: 9/26/2013\n1) MAXIMUS Federal Services, Inc. has determined the request for {request}{} is medically necessary and appropriate. {}\n",
            "b".repeat(pad),
            "\u{e9}".repeat(40)
        );
        let l = parsed(&text);
        assert_eq!(l.items.len(), 1, "pad {pad}");
        assert_eq!(l.items[0].decision, Some(Decision::Overturned));
    }
}

#[test]
fn an_unreadable_decision_word_is_read_from_the_rationales_conclusion() {
    // The decision word garbled beyond reading: the rationale's conclusion supplies it.
    let text = letter("CM16-0230548").replace(
        "Acupuncture 3 times a week for 2 weeks, neck, right hand and head:  Overturned",
        "Acupuncture 3 times a week for 2 weeks, neck, right hand and head:  Xqzvbrk",
    );
    let l = parsed(&text);
    assert_eq!(l.items.len(), 2);
    assert_eq!(
        l.items[1].request.as_deref(),
        Some("Acupuncture 3 times a week for 2 weeks, neck, right hand and head")
    );
    assert_eq!(l.items[1].decision, Some(Decision::Overturned));
    assert_eq!(codes_of(&l), [WarningCode::DecisionFromRationale]);
    let [s, e] = l.spans["/items/1/decision"];
    assert_eq!(&text[s..e], "medically necessary");
    assert_eq!(l.outcome, Some(Outcome::PartiallyOverturned));

    // Without its conclusion too, the decision is left empty, and the outcome with it.
    let text = text.replace(
        "The request for Acupuncture 3 times a week for 2 weeks, neck, \nright hand and head is medically necessary.",
        "The request was reviewed.",
    );
    assert!(!text.contains("head is medically necessary"));
    let l = parsed(&text);
    assert_eq!(l.items[1].decision, None);
    assert_eq!(l.items[1].medically_necessary, None);
    assert!(codes_of(&l).contains(&WarningCode::UnreadableDecision));
    assert_eq!(l.outcome, None);
}

#[test]
fn a_decision_that_disagrees_with_its_rationale_is_said_with_both_places() {
    let text = letter("CM16-0230548").replace(
        "MRI of neck and right hand without contrast:  Upheld",
        "MRI of neck and right hand without contrast:  Overturned",
    );
    let l = parsed(&text);
    assert_eq!(codes_of(&l), [WarningCode::DecisionConflict]);
    let w = &l.warnings[0];
    let [s, e] = w.span.unwrap();
    assert_eq!(&text[s..e], "Overturned");
    let [s, e] = w.related.unwrap();
    assert_eq!(&text[s..e], "not medically necessary");
}

#[test]
fn every_warning_code_is_listed_in_the_spec() {
    let spec = read_doc("docs/letter-json-v1.md");
    for code in WarningCode::ALL {
        assert!(
            spec.contains(&format!("`{}`", code.as_str())),
            "{code} is not in the spec"
        );
        assert_eq!(WarningCode::from_str_code(code.as_str()), Some(code));
    }
}

fn read_doc(rel: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn a_specialty_split_by_ocr_is_read_as_the_known_one_and_said() {
    let text = letter("CM16-0230548");
    let kerned = text.replace("Occupational Medicine", "Occupational M edicine");
    let l = parsed(&kerned);
    assert_eq!(
        l.reviewer.specialties,
        ["Preventive Medicine", "Occupational Medicine"]
    );
    assert_eq!(codes_of(&l), [WarningCode::LooseReading]);
    assert!(l.warnings[0]
        .message
        .contains("the specialty Occupational Medicine"));
    // A specialty written another way is not a known one split by OCR: kept as written.
    let other = text.replace("Occupational Medicine", "Occupational Medicin");
    let l = parsed(&other);
    assert_eq!(
        l.reviewer.specialties,
        ["Preventive Medicine", "Occupational Medicin"]
    );
    assert_eq!(codes_of(&l), []);
}

#[test]
fn a_state_whose_ri_ocr_read_as_n_is_read_as_the_state_and_said() {
    let text = letter("CM16-0246487");
    let l = parsed(&text.replace("Texas, Arizona", "Texas, Anzona"));
    assert_eq!(l.reviewer.licensure, ["Colorado", "Texas", "Arizona"]);
    assert_eq!(codes_of(&l), [WarningCode::LooseReading]);
    assert!(l.warnings[0].message.contains("the state Arizona"));
    // As written, no warning.
    assert_eq!(codes_of(&parsed(&text)), []);
}

#[test]
fn a_conclusion_with_specks_of_ocr_noise_still_concludes() {
    let text = letter("CM16-0230548");
    let plain = parsed(&text);
    let last = text.rfind("medically necessary.").unwrap();
    let mut specks = text.clone();
    specks.replace_range(
        last..last + "medically necessary.".len(),
        "medically - necessary. -",
    );
    let l = parsed(&specks);
    assert_eq!(codes_of(&l), []);
    assert_eq!(l.outcome, plain.outcome);
    assert_eq!(l.items.len(), plain.items.len());
}
