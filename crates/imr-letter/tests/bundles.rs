//! Files that hold several letters (an exhibit packet, a claim's case file, letters pasted one
//! after another): each letter is read on its own, as if it were alone, in order; text before
//! and between the letters (cover pages, fax headers, stamps) belongs to none.

mod common;

use common::*;
use imr_letter::{parse, parse_all, Letter, Outcome, WarningCode};

/// The letter's fields, without what depends on where it stands in the text.
fn fields(l: &Letter) -> Letter {
    let mut l = l.clone();
    l.spans.clear();
    l.warnings.iter_mut().for_each(|w| {
        w.span = None;
        w.related = None;
    });
    l.source = Default::default();
    l
}

/// A mix of layouts: pypdf and pdfminer texts, the 2014 letter without a header.
fn sample(n: usize) -> Vec<String> {
    let pypdf = real_letters();
    let pdfminer = pdfminer_letters();
    let seed = read("seed/letter_2014_no_header.txt");
    (0..n)
        .map(|i| match i % 4 {
            1 => pdfminer[(i * 7) % pdfminer.len()].1.clone(),
            3 => seed.clone(),
            _ => pypdf[(i * 13) % pypdf.len()].1.clone(),
        })
        .collect()
}

/// Each letter of `parts` read from `bundle` as it is read alone, and in order.
fn check_bundle(bundle: &str, parts: &[String]) -> Vec<Letter> {
    let letters = parse_all(bundle);
    assert_eq!(letters.len(), parts.len(), "letters found");
    for (i, (got, part)) in letters.iter().zip(parts).enumerate() {
        assert_eq!(fields(got), fields(&parse(part)), "letter {i}");
        assert_eq!(got.source.index, i);
        check_spans(bundle, got);
        // Its span covers its own text.
        let [s, e] = got.source.span.unwrap();
        assert_eq!(bundle[s..e].trim(), part.trim(), "letter {i}'s span");
    }
    letters
}

#[test]
fn two_three_and_ten_letters_joined() {
    for n in [2, 3, 10] {
        let parts = sample(n);
        for joint in ["\n", "\n\n", "\u{c}", "\r\n\r\n"] {
            check_bundle(&parts.join(joint), &parts);
        }
    }
}

#[test]
fn letters_pasted_on_one_line_after_another() {
    // The first letter's last sentence and the second's first heading on one line.
    let parts = sample(3);
    let trimmed: Vec<String> = parts.iter().map(|p| p.trim().to_string()).collect();
    check_bundle(&trimmed.join(" "), &parts);
}

#[test]
fn cover_pages_belong_to_no_letter() {
    let parts = sample(3);
    let cover = "FAX COVER SHEET\nTo: Claims Department\nFrom: Records\nPages: 12\n\nConfidential: protected health information.\n\n";
    let stamp = "\n\nEXHIBIT 4\n\n";
    let bundle = format!("{cover}{}{stamp}{}{stamp}{}", parts[0], parts[1], parts[2]);
    let letters = check_bundle(&bundle, &parts);
    assert!(
        letters.iter().all(|l| l.warnings.is_empty()),
        "plain cover pages are no warning"
    );
}

#[test]
fn a_cover_page_that_looks_like_part_of_a_letter_is_said() {
    let parts = sample(2);
    // The end of a letter whose beginning was lost, before the first whole one.
    let lost = "Decision rationale: The request is not medically necessary.\n\n";
    let letters = parse_all(&format!("{lost}{}\n{}", parts[0], parts[1]));
    assert_eq!(letters.len(), 2);
    let w = &letters[0].warnings;
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].code, WarningCode::StrayText);
    assert!(
        w[0].message.contains("Decision rationale"),
        "{}",
        w[0].message
    );
}

#[test]
fn a_cut_letter_among_whole_ones_is_flagged_alone() {
    let parts = sample(3);
    // The middle letter loses the end of its last rationale.
    let middle = &parts[1];
    let cut = &middle[..middle.len() * 9 / 10];
    let cut = &cut[..cut.rfind(' ').unwrap()];
    let bundle = format!("{}\n{cut}\n{}", parts[0], parts[2]);
    let letters = parse_all(&bundle);
    assert_eq!(letters.len(), 3);
    assert_eq!(fields(&letters[0]), fields(&parse(&parts[0])));
    assert_eq!(fields(&letters[2]), fields(&parse(&parts[2])));
    let codes: Vec<WarningCode> = letters[1].warnings.iter().map(|w| w.code).collect();
    assert!(codes.contains(&WarningCode::Truncated), "{codes:?}");
    assert_ne!(letters[1].outcome, Some(Outcome::Upheld));
}

#[test]
fn a_letter_and_a_2013_notice() {
    let notice = read("real/partial/notice2013_medicpdf-workcompliens_EXCERPT.txt");
    let parts = vec![sample(1).remove(0), notice];
    check_bundle(&parts.join("\n"), &parts);
}

#[test]
fn one_letter_is_one_letter() {
    for (name, text) in real_letters().into_iter().chain(pdfminer_letters()) {
        assert_eq!(parse_all(&text).len(), 1, "{name}");
    }
    // A heading written above the header table is the letter's title, not a letter.
    assert_eq!(
        parse_all(&read("adversarial/heading_above_header_table.txt")).len(),
        1
    );
}

#[test]
fn parse_of_a_bundle_gives_the_first_and_says_how_many() {
    let parts = sample(3);
    let l = parse(&parts.join("\n"));
    assert_eq!(
        fields(&{
            let mut l = l.clone();
            l.warnings.pop();
            l
        }),
        fields(&parse(&parts[0]))
    );
    let last = l.warnings.last().unwrap();
    assert_eq!(last.code, WarningCode::SeveralLetters);
    assert!(last.message.contains("3 letters"));
}
