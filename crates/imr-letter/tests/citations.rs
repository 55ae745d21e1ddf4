//! The parts of a citation (`docs/treatment-categories-v1.md`): guideline, chapter, year and
//! sections, on real citations, on chapters the corpus has never shown, and on citations cut by
//! line and page breaks.

mod common;

use common::*;
use imr_letter::{parse, Citation, Guideline};

/// The citations of a letter whose one item's MAXIMUS guideline is `maximus`; spans checked.
fn citations(maximus: &str) -> Vec<Citation> {
    let text = format!(
        "IMR ISSUES, DECISIONS AND RATIONALES\n\nMRI of the lumbar spine: Upheld\n\n\
         Claims Administrator guideline: x\n\nMAXIMUS guideline: {maximus}\n\nDecision rationale: z.\n"
    );
    let letter = parse(&text);
    check_spans(&text, &letter);
    letter.items[0].citations.clone()
}

/// The parts of one citation `Decision based on <citation>`.
fn parts(citation: &str) -> (Guideline, Option<String>, Option<u16>, Vec<String>) {
    let c = citations(&format!("Decision based on {citation}"));
    assert_eq!(c.len(), 1, "{citation}");
    let c = &c[0];
    (c.guideline, c.chapter.clone(), c.year, c.sections.clone())
}

fn check(
    citation: &str,
    guideline: Guideline,
    chapter: Option<&str>,
    year: Option<u16>,
    sections: &[&str],
) {
    assert_eq!(
        parts(citation),
        (
            guideline,
            chapter.map(str::to_string),
            year,
            sections.iter().map(|s| s.to_string()).collect()
        ),
        "{citation}"
    );
}

#[test]
fn mtus_chapter_year_and_sections() {
    check(
        "MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.",
        Guideline::Mtus,
        Some("Chronic Pain Medical Treatment"),
        Some(2016),
        &["Opioids"],
    );
    check(
        "MTUS Chronic Pain Medical Treatment 2016 Guidelines, Section(s): NSAIDs, GI symptoms & cardiovascular risk.",
        Guideline::Mtus,
        Some("Chronic Pain Medical Treatment"),
        Some(2016),
        &["NSAIDs", "GI symptoms & cardiovascular risk"],
    );
    check(
        "MTUS Acupuncture Treatment 2007.",
        Guideline::Mtus,
        Some("Acupuncture Treatment"),
        Some(2007),
        &[],
    );
    check(
        "MTUS Opioid Treatment 2016, Section(s): 2. Opioids for Subacute Pain.",
        Guideline::Mtus,
        Some("Opioid Treatment"),
        Some(2016),
        &["2. Opioids for Subacute Pain"],
    );
}

#[test]
fn mtus_chapters_never_seen_are_read_by_the_same_rule() {
    check(
        "MTUS Opioids 2017, Section(s): Introduction.",
        Guideline::Mtus,
        Some("Opioids"),
        Some(2017),
        &["Introduction"],
    );
    check(
        "MTUS Low Back Disorders 2020, Section(s): Diagnostic Testing; Magnetic Resonance Imaging.",
        Guideline::Mtus,
        Some("Low Back Disorders"),
        Some(2020),
        &["Diagnostic Testing", "Magnetic Resonance Imaging"],
    );
    check(
        "MTUS Workplace Mental Health, Section(s): Depression.",
        Guideline::Mtus,
        Some("Workplace Mental Health"),
        None,
        &["Depression"],
    );
    check(
        "MTUS Coronavirus (COVID-19) 2021, Section(s): Testing, Return to work.",
        Guideline::Mtus,
        Some("Coronavirus (COVID-19)"),
        Some(2021),
        &["Testing", "Return to work"],
    );
}

#[test]
fn two_chapters_the_first_and_every_section_in_order() {
    check(
        "MTUS Low Back Complaints 2004, Section(s): Physical Methods, and Chronic Pain Medical Treatment 2016, Section(s): TENS, chronic pain (transcutaneous electrical nerve stimulation).",
        Guideline::Mtus,
        Some("Low Back Complaints"),
        Some(2004),
        &["Physical Methods", "TENS", "chronic pain (transcutaneous electrical nerve stimulation)"],
    );
    // A chapter whose name holds commas and "and".
    check(
        "MTUS Elbow Complaints 2007, Section(s): Diagnostic Criteria, and Forearm, Wrist, and Hand Complaints 2004, Section(s): Special Studies, Summary.",
        Guideline::Mtus,
        Some("Elbow Complaints"),
        Some(2007),
        &["Diagnostic Criteria", "Special Studies", "Summary"],
    );
    check(
        "MTUS Forearm, Wrist, and Hand Complaints 2004, Section(s): Diagnostic Criteria.",
        Guideline::Mtus,
        Some("Forearm, Wrist, and Hand Complaints"),
        Some(2004),
        &["Diagnostic Criteria"],
    );
    check(
        "MTUS Acupuncture Treatment 2007, and Chronic Pain Medical Treatment 2016, Section(s): Topical analgesics.",
        Guideline::Mtus,
        Some("Acupuncture Treatment"),
        Some(2007),
        &["Topical analgesics"],
    );
}

#[test]
fn chapter_label_words_and_pages_are_not_names_or_sections() {
    check(
        "MTUS ACOEM Chapter 8 Neck and Upper Back Complaints Page(s): 177-178.",
        Guideline::Mtus,
        Some("Neck and Upper Back Complaints"),
        None,
        &[],
    );
}

#[test]
fn odg_chapter_without_its_topic() {
    let odg = "Non-MTUS Citation Official Disability Guidelines (ODG)";
    for (rest, chapter) in [
        ("Low Back chapter, x-ray.", Some("Low Back")),
        (
            "Hip and Pelvis Chapter, Home health services.",
            Some("Hip and Pelvis"),
        ),
        (
            "Pain (Chronic), Home Health Services.",
            Some("Pain (Chronic)"),
        ),
        ("Pain (Chronic) Acupuncture.", Some("Pain (Chronic)")),
        (
            "Knee & Leg (Acute & Chronic), MRI's (magnetic resonance imaging).",
            Some("Knee & Leg (Acute & Chronic)"),
        ),
        (
            "Low Back - Lumbar & Thoracic (Acute & Chronic), EMG, NCV.",
            Some("Low Back - Lumbar & Thoracic (Acute & Chronic)"),
        ),
        ("Low Back (Shock wave therapy).", Some("Low Back")),
        ("Pain (Benzodiazepines).", Some("Pain")),
        ("Knee - Platelet-rich plasma (PRP).", Some("Knee")),
        (
            "Knee/DME, Low Back Lumbar and Thoracic/Mattress selection.",
            Some("Knee"),
        ),
        (
            "Pain Section/Voltaren® Gel (diclofenac) Topic.",
            Some("Pain"),
        ),
        ("physical therapy, elbow chapter.", Some("elbow")),
        (
            "Forearm, wrist and hand, Physical/Occupational therapy.",
            Some("Forearm, wrist and hand"),
        ),
        (
            "Head (trauma, headaches, etc., not including stress & mental disorders) Hearing aids.",
            Some("Head (trauma, headaches, etc., not including stress & mental disorders)"),
        ),
        ("Neck and Upper Back.", Some("Neck and Upper Back")),
        (
            "Fitness for Duty, Functional capacity evaluation (FCE).",
            Some("Fitness for Duty"),
        ),
        // Only a topic named, or none.
        ("MRI shoulder.", None),
        ("PRP.", None),
        (", Radiography (x- rays).", None),
        (".", None),
    ] {
        check(&format!("{odg} {rest}"), Guideline::Odg, chapter, None, &[]);
    }
    check(
        "Non-MTUS Citation ODG guidelines, Neck and Upper back, MRI.",
        Guideline::Odg,
        Some("Neck and Upper back"),
        None,
        &[],
    );
    // The chapter before the guideline's name.
    check(
        "Non-MTUS Citation Shoulder (Acute & Chronic), Physical Therapy, ODG Preface – Physical Therapy.",
        Guideline::Odg,
        Some("Shoulder (Acute & Chronic)"),
        None,
        &[],
    );
    // A second guideline after "Other Medical Treatment Guidelines": the first counts.
    check(
        "Non-MTUS Citation Official Disability Guidelines (ODG) Hips and Pelvis (Acute and Chronic), MRI (magnetic resonance imaging) and Other Medical Treatment Guidelines ACOEM Hip and Groin Disorders, Diagnostic Testing, MRI.",
        Guideline::Odg,
        Some("Hips and Pelvis (Acute and Chronic)"),
        None,
        &[],
    );
    check(
        "Non- MTUS Citation Official Disability Guidelines (ODG) Carpal Tunnel Syndrome (Acute & Chronic) and Other Medical Treatment Guidelines AANEM Recommended Policy for Electrodiagnostic Medicine.",
        Guideline::Odg,
        Some("Carpal Tunnel Syndrome (Acute & Chronic)"),
        None,
        &[],
    );
}

#[test]
fn acoem_outside_the_mtus_and_other_sources() {
    check(
        "Non-MTUS Citation ACOEM: Low back disorders, diagnostic and treatment recommendations, low back pain/radicular pain, diagnostic recommendations, MRI.",
        Guideline::Acoem,
        Some("Low back disorders"),
        None,
        &[],
    );
    check(
        "Non-MTUS Citation ACOEM Hip and Groin Chapter/Diagnostic and treatment recommendations.",
        Guideline::Acoem,
        Some("Hip and Groin"),
        None,
        &[],
    );
    // An edition is not a year, nor a name.
    check(
        "Non-MTUS Citation ACOEM Practice Guidelines, 3rd ed., Chronic Pain chapter, Opioids.",
        Guideline::Acoem,
        Some("Chronic Pain"),
        None,
        &[],
    );
    check(
        "Non-MTUS Citation ACOEM Guidelines, Chapter 7, Independent Medical Examinations and Consultations, page 137.",
        Guideline::Acoem,
        Some("Independent Medical Examinations and Consultations"),
        None,
        &[],
    );
    // A web page or an article: other, no chapter; an access date is not a year.
    check(
        "Non-MTUS Citation What is an electrocardiogram? National Heart, Lung, and Blood Institute. http://www.nhlbi.nih.gov/health/health-topics/topics/ekg, accessed 02/18/2017.",
        Guideline::Other,
        None,
        None,
        &[],
    );
    check(
        "Non-MTUS Citation Low Back (Hyperstimulation analgesia).",
        Guideline::Other,
        None,
        None,
        &[],
    );
}

#[test]
fn several_citations_each_their_parts() {
    let c = citations(
        "Decision based on MTUS Low Back Complaints 2004, Section(s): Physical Methods.  Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Low Back, Epidural steroid injections (ESIs).",
    );
    let got: Vec<_> = c
        .iter()
        .map(|c| (c.guideline, c.chapter.as_deref(), c.year))
        .collect();
    assert_eq!(
        got,
        [
            (Guideline::Mtus, Some("Low Back Complaints"), Some(2004)),
            (Guideline::Odg, Some("Low Back"), None)
        ]
    );
}

/// The letter's citations without spans, as JSON.
fn citation_parts(text: &str) -> Vec<serde_json::Value> {
    let l = parse(text);
    check_spans(text, &l);
    l.items
        .iter()
        .flat_map(|i| &i.citations)
        .map(|c| serde_json::to_value(c).unwrap())
        .collect()
}

#[test]
fn a_citation_cut_by_a_line_or_page_break_reads_as_one() {
    for name in ["CM17-0007151", "CM16-0248698", "CM17-0009574"] {
        let text = read(&format!("real/format1_{name}.txt"));
        let base = citation_parts(&text);
        let l = parse(&text);
        // Every space of the first reviewer's citation in turn becomes a line break, or a page
        // break (pypdf joins pages with an empty line).
        let [s, e] = l.spans["/items/0/citations/0/text"];
        let spaces: Vec<usize> = (s..e).filter(|&i| text.as_bytes()[i] == b' ').collect();
        assert!(spaces.len() > 5, "{name}");
        for at in spaces {
            for brk in ["\n", " \n\n", "\r\n \r\n", "\n\x0c"] {
                let cut = format!("{}{brk}{}", &text[..at], &text[at + 1..]);
                assert_eq!(citation_parts(&cut), base, "{name}: break at {at}");
            }
        }
    }
}

#[test]
fn every_corpus_citation_names_its_guideline() {
    let mut counts = std::collections::BTreeMap::new();
    for (name, text) in real_letters() {
        for item in parse(&text).items {
            for c in item.citations {
                *counts.entry(c.guideline.as_str()).or_insert(0) += 1;
                if c.guideline == Guideline::Mtus {
                    assert!(
                        c.chapter.is_some() && c.text.starts_with("MTUS"),
                        "{name}: {}",
                        c.text
                    );
                }
                if c.year.is_some() {
                    assert_eq!(c.guideline, Guideline::Mtus, "{name}: {}", c.text);
                }
                for s in &c.sections {
                    assert!(
                        !s.is_empty() && !s.ends_with('.') && s.trim() == s,
                        "{name}: {s:?}"
                    );
                }
            }
        }
    }
    // Counted apart from the parser, over the MAXIMUS paragraphs of the 150 texts: "Decision
    // based on MTUS" 270; "Non-MTUS" naming ODG or Official Disability Guidelines 93, else ACOEM
    // 2, else 2 (a web page, and a chapter without a guideline's name).
    assert_eq!(
        counts.into_iter().collect::<Vec<_>>(),
        [("acoem", 2), ("mtus", 270), ("odg", 93), ("other", 2)]
    );
}

/// Citations and requests of any words (several-byte letters, dashes, labels, years), parsed
/// without panic, every span in bounds and reading as its value.
mod any_words {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "MTUS",
        "Non-MTUS Citation",
        "Official Disability Guidelines (ODG)",
        "ODG",
        "ACOEM",
        "Chapter",
        "chapter",
        "8",
        "Section(s):",
        "Sections:",
        "Page(s):",
        "2016",
        "2017,",
        "Low Back",
        "Pain",
        "(Chronic)",
        "(Acute & Chronic)",
        "(",
        ")",
        ",",
        ";",
        "/",
        ":",
        "-",
        " – ",
        "and",
        ", and",
        "Other Medical Treatment Guidelines",
        "MRI",
        "PRP",
        "é",
        "ü",
        "–",
        "®",
        "\n",
        " \n\n",
        "x-ray",
        "Norco",
        "cream",
        "5%",
        "TENS",
        "unit",
        "for",
        "Associated surgical service:",
        "evaluation",
        "Referral to",
        "sessions",
        ".",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn citation_of_any_words(
            mtus in any::<bool>(),
            words in prop::collection::vec(prop::sample::select(WORDS), 0..30),
        ) {
            let lead = if mtus { "MTUS" } else { "Non-MTUS Citation" };
            let citation = format!("{lead} {}", words.join(" "));
            let text = format!(
                "IMR ISSUES, DECISIONS AND RATIONALES\n\n{citation}: Upheld\n\n\
                 Claims Administrator guideline: x\n\nMAXIMUS guideline: Decision based on {citation}\n\n\
                 Decision rationale: z.\n"
            );
            check_spans(&text, &parse(&text));
        }
    }
}
