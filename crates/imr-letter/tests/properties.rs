//! Property tests: whatever the input (arbitrary text, real letters cut at any place, lines
//! shuffled or repeated), parsing does not panic and every span is in bounds, on char
//! boundaries, and gives its field's value.

mod common;

use common::*;
use imr_letter::parse;
use proptest::prelude::*;

fn corpus_texts() -> Vec<String> {
    let mut v: Vec<String> = real_letters()
        .into_iter()
        .step_by(10)
        .map(|(_, t)| t)
        .collect();
    v.extend(pdfminer_letters().into_iter().step_by(25).map(|(_, t)| t));
    v.push(read("seed/letter_2014_no_header.txt"));
    v.push(read(
        "real/partial/notice2013_medicpdf-workcompliens_EXCERPT.txt",
    ));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(text in "(?s).{0,400}") {
        check_spans(&text, &parse(&text));
    }

    #[test]
    fn letter_words_in_any_order(words in prop::collection::vec(prop::sample::select(vec![
        "Case Number:", "CM16-0237844", "Date Assigned:", "12/14/2016", "02/30/2016", "Application", "Received:",
        "HOW THE IMR FINAL DETERMINATION WAS MADE", "CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES",
        "set forth below:", "Upheld", "Overturned", ":", "is:", "Claims Administrator guideline:", "MAXIMUS guideline:",
        "Decision based on", "MTUS", "Non-", "Decision rationale:", "original request,", "State(s) of Licensure:",
        "Certification(s)/Specialty:", "Board Certified in", "licensed to practice in", "57-year-old", "female", "é", "\n", " \n", "\x0c", "\r\n",
    ]), 0..80)) {
        let text = words.join(" ");
        check_spans(&text, &parse(&text));
    }

    #[test]
    fn letters_cut_anywhere(which in 0usize..64, at in 0.0f64..1.0) {
        let texts = corpus_texts();
        let text = &texts[which % texts.len()];
        let mut cut = (text.len() as f64 * at) as usize;
        while !text.is_char_boundary(cut) { cut -= 1; }
        let part = &text[..cut];
        check_spans(part, &parse(part));
    }

    #[test]
    fn letters_with_lines_shuffled_or_repeated(which in 0usize..64, seed in any::<u64>(), repeat in any::<bool>()) {
        let texts = corpus_texts();
        let text = &texts[which % texts.len()];
        let mut lines: Vec<&str> = text.split('\n').collect();
        // A cheap deterministic shuffle (or repetition) driven by the seed.
        let mut s = seed | 1;
        for i in (1..lines.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            let j = (s % (i as u64 + 1)) as usize;
            if repeat { lines[i] = lines[j]; } else { lines.swap(i, j); }
        }
        let text = lines.join("\n");
        check_spans(&text, &parse(&text));
    }
}

#[test]
fn every_corpus_text_keeps_the_span_invariants_under_crlf() {
    for text in corpus_texts() {
        let crlf = text.replace('\n', "\r\n");
        check_spans(&crlf, &parse(&crlf));
    }
}

/// Many decision words and no "Overturned": each word is searched for once, not once per item
/// (this took minutes before the search was made linear).
#[test]
fn many_decision_words_stay_linear() {
    let mut text = String::from("IMR ISSUES, DECISIONS AND RATIONALES\nset forth below:\n");
    for i in 0..20_000 {
        text.push_str(&format!("Item {i}: Upheld\nClaims Administrator guideline: x\nMAXIMUS guideline: y\nDecision rationale: z.\n \n"));
    }
    let l = parse(&text);
    assert_eq!(l.items.len(), 20_000);
    assert_eq!(l.items[19_999].request.as_deref(), Some("Item 19999"));
}
