//! Every request of the corpus with its reviewed category (`tests/categories.tsv`), and the
//! rules of `docs/treatment-categories-v1.md` on real requests.

mod common;

use common::*;
use imr_letter::{parse, Category, Letter, Subtype, TreatmentType};

/// One line per corpus item: letter, item (from 0), type, subtype, term, request.
fn table() -> String {
    let mut out = String::from("letter\titem\ttype\tsubtype\tterm\trequest\n");
    let dir = corpus_dir();
    let mut files: Vec<_> = ["real", "seed", "real/partial"]
        .iter()
        .flat_map(|d| std::fs::read_dir(dir.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort_by_key(|p| p.file_name().unwrap().to_owned());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy();
        let letter = name.trim_start_matches("format1_");
        for (i, item) in parse(&text).items.iter().enumerate() {
            let c = &item.category;
            out.push_str(&format!(
                "{letter}\t{i}\t{}\t{}\t{}\t{}\n",
                c.kind.as_str(),
                c.subtype.map_or("-", Subtype::as_str),
                c.term.as_deref().unwrap_or("-"),
                item.request.as_deref().unwrap_or("-")
            ));
        }
    }
    out
}

/// The categories of all corpus requests, each reviewed by hand. A change of rule shows here as
/// a diff; `IMR_BLESS=1` rewrites the file (review the diff before committing it).
#[test]
fn every_corpus_request_has_its_reviewed_category() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/categories.tsv");
    let actual = table();
    if std::env::var_os("IMR_BLESS").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    let changed: Vec<String> = expected
        .lines()
        .zip(actual.lines())
        .filter(|(e, a)| e != a)
        .map(|(e, a)| format!("- {e}\n+ {a}"))
        .collect();
    assert!(
        changed.is_empty() && expected.lines().count() == actual.lines().count(),
        "categories differ from tests/categories.tsv ({} vs {} lines):\n{}",
        expected.lines().count(),
        actual.lines().count(),
        changed.join("\n")
    );
    // The corpus's requests: every one categorised.
    let rows: Vec<&str> = expected.lines().skip(1).collect();
    assert_eq!(rows.len(), 349);
    assert!(rows
        .iter()
        .all(|r| !r.split('\t').nth(2).unwrap().eq("other")));
}

/// A letter of one item whose heading is `heading`, parsed, its spans checked.
fn letter_of(heading: &str) -> (String, Letter) {
    let text = format!(
        "IMR ISSUES, DECISIONS AND RATIONALES\n\n{heading}: Upheld\n\n\
         Claims Administrator guideline: x\n\nMAXIMUS guideline: y\n\nDecision rationale: z.\n"
    );
    let letter = parse(&text);
    check_spans(&text, &letter);
    assert_eq!(letter.items.len(), 1, "{heading}");
    (text, letter)
}

/// The category of a request, read through `parse` (so that its term's span is checked too).
fn category(request: &str) -> Category {
    letter_of(request).1.items[0].category.clone()
}

/// Checks requests against (type, subtype, term); `-` for no subtype or term.
fn check(cases: &[(&str, &str, &str, &str)]) {
    for &(request, kind, subtype, term) in cases {
        let c = category(request);
        assert_eq!(
            (
                c.kind.as_str(),
                c.subtype.map_or("-", Subtype::as_str),
                c.term.as_deref().unwrap_or("-")
            ),
            (kind, subtype, term),
            "{request}"
        );
    }
}

#[test]
fn surgery_by_site_and_attached_services() {
    check(&[
        ("Right knee arthroscopy", "surgery", "joint", "arthroscopy"),
        (
            "Left shoulder arthroscopy with Bankart repair, possible biceps tenodesis",
            "surgery",
            "joint",
            "arthroscopy",
        ),
        ("Lumbar fusion L4-S1", "surgery", "spine", "fusion"),
        (
            "Neuroplasty, lumbar spine",
            "surgery",
            "spine",
            "Neuroplasty",
        ),
        (
            "Right L4-5 microdiscectomy",
            "surgery",
            "spine",
            "microdiscectomy",
        ),
        (
            "Right carpal tunnel release",
            "surgery",
            "hand_wrist",
            "carpal tunnel release",
        ),
        (
            "Left wrist arthroscopy with TFCC debridement",
            "surgery",
            "hand_wrist",
            "arthroscopy",
        ),
        (
            "Inguinal hernia repair",
            "surgery",
            "other",
            "hernia repair",
        ),
        ("Assistant surgeon", "surgery", "-", "Assistant surgeon"),
        ("PA assist", "surgery", "-", "PA assist"),
    ]);
}

#[test]
fn injections_by_kind() {
    check(&[
        (
            "Lumbar epidural steroid injection L4-5",
            "injection",
            "epidural",
            "epidural steroid injection",
        ),
        (
            "Right L4 transforaminal epidural steroid injection under fluoroscopic guidance",
            "injection",
            "epidural",
            "epidural steroid injection",
        ),
        (
            "Bilateral L4-5 facet injections",
            "injection",
            "facet",
            "facet injections",
        ),
        (
            "Medial branch block",
            "injection",
            "facet",
            "Medial branch block",
        ),
        (
            "Radiofrequency ablation at L3-L5",
            "injection",
            "facet",
            "Radiofrequency ablation",
        ),
        (
            "Trigger point injections x4",
            "injection",
            "trigger_point",
            "Trigger point injections",
        ),
        (
            "Cortisone injection to the right knee",
            "injection",
            "joint",
            "Cortisone injection",
        ),
        (
            "Synvisc injections to the left knee x3",
            "injection",
            "joint",
            "Synvisc",
        ),
        (
            "Occipital nerve block",
            "injection",
            "nerve_block",
            "Occipital nerve block",
        ),
        (
            "1 platelet rich plasma injection to left foot",
            "injection",
            "prp_biologic",
            "platelet rich plasma injection",
        ),
        (
            "Injection of neurolytic substance, lumbar spine",
            "injection",
            "other",
            "Injection",
        ),
    ]);
}

#[test]
fn drugs_by_class_generic_or_brand() {
    check(&[
        ("Norco 10/325mg #60", "pharmaceutical", "opioid", "Norco"),
        (
            "Oxycodone HCL ER 20mg #60 day supply: 30",
            "pharmaceutical",
            "opioid",
            "Oxycodone",
        ),
        (
            "Butrans 10mcg/hr patch #4",
            "pharmaceutical",
            "opioid",
            "Butrans",
        ),
        (
            "Celecoxib 200mg #90",
            "pharmaceutical",
            "nsaid",
            "Celecoxib",
        ),
        (
            "Three refills of Voltaren 75mg #60",
            "pharmaceutical",
            "nsaid",
            "Voltaren",
        ),
        (
            "Flexeril 10mg #60",
            "pharmaceutical",
            "muscle_relaxant",
            "Flexeril",
        ),
        (
            "Tabradol 1mg/ml oral suspension, 250ml",
            "pharmaceutical",
            "muscle_relaxant",
            "Tabradol",
        ),
        (
            "Gabapentin 600mg",
            "pharmaceutical",
            "anticonvulsant",
            "Gabapentin",
        ),
        (
            "Venlafaxine HCL ER 37.5mg #90",
            "pharmaceutical",
            "antidepressant",
            "Venlafaxine",
        ),
        (
            "Pantoprazole 20mg #30",
            "pharmaceutical",
            "gi_protective",
            "Pantoprazole",
        ),
        (
            "Dicopanol 5mg/ml oral suspension, 150ml",
            "pharmaceutical",
            "sleep_aid",
            "Dicopanol",
        ),
        ("Ambien 10mg #30", "pharmaceutical", "sleep_aid", "Ambien"),
        (
            "Diazepam (Valium) 5mg take 1 tab orally 1 hour before exam",
            "pharmaceutical",
            "benzodiazepine",
            "Diazepam",
        ),
        (
            "Theramine #120",
            "pharmaceutical",
            "medical_food",
            "Theramine",
        ),
        ("Post-op Zofran", "pharmaceutical", "other", "Zofran"),
        // A medical food, as the spec names it (though a tramadol oral suspension).
        (
            "Synapryn (10mg/1ml oral suspension) 500ml",
            "pharmaceutical",
            "medical_food",
            "Synapryn",
        ),
    ]);
}

#[test]
fn topicals_and_compounds() {
    check(&[
        // One agent in a topical form: topical, the drug's name the term.
        ("Voltaren gel apply to affected area 4 times a day, #60 grams with 1 refill", "pharmaceutical", "topical", "Voltaren"),
        ("Lidoderm patch, 12 hours on 12 hours off", "pharmaceutical", "topical", "Lidoderm"),
        ("Lidocaine 5% patch #1", "pharmaceutical", "topical", "Lidocaine"),
        ("Diclofenac sodium 3% 300mg/g #1", "pharmaceutical", "topical", "Diclofenac"),
        ("Compound Cyclobenzaprine 5%, 240 grams", "pharmaceutical", "topical", "Cyclobenzaprine"),
        // Two or more agents in one topical: compound, the whole list of agents the term.
        ("Gabapentin 10%, Cyclobenzaprine 6%, Bupivacaine 5% in cream base", "pharmaceutical", "compound", "Gabapentin 10%, Cyclobenzaprine 6%, Bupivacaine"),
        ("Flurbiprofen 20%, Baclofen 5%, Dexamethasone 2%, Menthol 2%, Capsaicin 0.025% in cream base", "pharmaceutical", "compound", "Flurbiprofen 20%, Baclofen 5%, Dexamethasone 2%, Menthol 2%, Capsaicin"),
        ("Dextromethorphan 5%/Amitriptyline 5%/Lidocaine/Capsaicin 0.025%, 120grams #1", "pharmaceutical", "compound", "Dextromethorphan 5%/Amitriptyline 5%/Lidocaine/Capsaicin"),
        ("Retrospective Lidopro 4%-27.5%-0.0325% 121gm #1, per 12/07/2016 order", "pharmaceutical", "compound", "Lidopro"),
        // Two agents by mouth: the first named.
        ("Diclofenac/misoprostol 75-0.2mg #60 with 2 refills", "pharmaceutical", "nsaid", "Diclofenac"),
        // An opioid stays an opioid in a patch.
        ("Fentanyl 25mcg/hr transdermal patch #10", "pharmaceutical", "opioid", "Fentanyl"),
    ]);
}

#[test]
fn diagnostics_by_kind() {
    check(&[
        ("MRI of the lumbar spine", "diagnostic", "mri", "MRI"),
        (
            "MR Arthrogram of the right shoulder",
            "diagnostic",
            "mri",
            "MR Arthrogram",
        ),
        (
            "Magnetic resonance imaging (MRI) of the right shoulder",
            "diagnostic",
            "mri",
            "Magnetic resonance imaging",
        ),
        ("CT scan of the head", "diagnostic", "ct", "CT"),
        ("X-rays of the lumbar spine", "diagnostic", "xray", "X-rays"),
        (
            "Diagnostic ultrasound of the right shoulder",
            "diagnostic",
            "ultrasound",
            "Diagnostic ultrasound",
        ),
        (
            "EMG/NCV of the upper extremities",
            "diagnostic",
            "electrodiagnostic",
            "EMG/NCV",
        ),
        (
            "Nerve Conduction Studies of the left upper extremity",
            "diagnostic",
            "electrodiagnostic",
            "Nerve Conduction Studies",
        ),
        ("Pre-op labs: PT/PTT", "diagnostic", "lab", "labs"),
        ("Pre-operative CBC", "diagnostic", "lab", "CBC"),
        (
            "Urine drug testing",
            "diagnostic",
            "drug_screen",
            "Urine drug testing",
        ),
        ("Urine Test", "diagnostic", "drug_screen", "Urine Test"),
        (
            "Functional capacity evaluation (FCE)",
            "diagnostic",
            "other",
            "Functional capacity evaluation",
        ),
        (
            "Three phase bone scan to the left foot",
            "diagnostic",
            "other",
            "bone scan",
        ),
        (
            "Trigger points impedance imaging (TPII)",
            "diagnostic",
            "other",
            "impedance imaging",
        ),
    ]);
}

#[test]
fn electrodiagnostic_is_emg_ncv_ncs_only() {
    check(&[
        (
            "EMG and NCS of the right lower extremity",
            "diagnostic",
            "electrodiagnostic",
            "EMG",
        ),
        ("Pre-operative EKG", "diagnostic", "other", "EKG"),
        (
            "Electrocardiogram times 3",
            "diagnostic",
            "other",
            "Electrocardiogram",
        ),
        ("EEG", "diagnostic", "other", "EEG"),
        (
            "SSEP of the lumbar and lower extremities",
            "diagnostic",
            "other",
            "SSEP",
        ),
    ]);
}

#[test]
fn physical_medicine_by_discipline() {
    check(&[
        ("Physical therapy 2 times a week for 6 weeks", "physical_medicine", "physical_therapy", "Physical therapy"),
        ("Additional physical therapy two times four visits (8) for the lumbar and bilateral knees", "physical_medicine", "physical_therapy", "physical therapy"),
        ("Chiropractic care to the low back two times a week for four weeks", "physical_medicine", "chiropractic", "Chiropractic"),
        ("Chirophysio therapy for the cervical spine, thoracic spine, and lumbar spine, 2 sessions", "physical_medicine", "chiropractic", "Chirophysio"),
        ("Twelve elect acupuncture visits (15 mins), 2 times weekly for 6 weeks", "physical_medicine", "acupuncture", "acupuncture"),
        ("Myofascial release to the low back two times a week times six weeks", "physical_medicine", "massage", "Myofascial release"),
        ("Occupational therapy for six sessions", "physical_medicine", "occupational_therapy", "Occupational therapy"),
        ("Aquatic therapy 2 times a week for 4 weeks", "physical_medicine", "aquatic", "Aquatic therapy"),
        ("continuation for left hand therapy for 6 sessions", "physical_medicine", "other", "hand therapy"),
        ("Extracorporeal shockwave therapy (ESWT)", "physical_medicine", "other", "shockwave therapy"),
    ]);
}

#[test]
fn equipment_by_kind() {
    check(&[
        (
            "TENS unit",
            "durable_medical_equipment",
            "tens_stim",
            "TENS unit",
        ),
        (
            "Back support",
            "durable_medical_equipment",
            "brace_support",
            "Back support",
        ),
        (
            "Lumbar support",
            "durable_medical_equipment",
            "brace_support",
            "Lumbar support",
        ),
        (
            "Hot/cold therapy wrap",
            "durable_medical_equipment",
            "hot_cold",
            "Hot/cold therapy wrap",
        ),
        (
            "Custom touch back heat therapy pad",
            "durable_medical_equipment",
            "hot_cold",
            "heat therapy pad",
        ),
        (
            "purchase of a bath/shower chair",
            "durable_medical_equipment",
            "mobility_bath",
            "bath/shower chair",
        ),
        (
            "standard wheelchair for a 2 month rental",
            "durable_medical_equipment",
            "mobility_bath",
            "wheelchair",
        ),
        (
            "Sit-stand workstation",
            "durable_medical_equipment",
            "other",
            "Sit-stand workstation",
        ),
        (
            "Bilateral hearing aids",
            "durable_medical_equipment",
            "other",
            "hearing aids",
        ),
    ]);
}

#[test]
fn evaluations_behavioral_programs_home_care() {
    check(&[
        (
            "Medication management consultation",
            "evaluation",
            "consultation",
            "consultation",
        ),
        (
            "Referral to orthopedic surgeon",
            "evaluation",
            "consultation",
            "Referral",
        ),
        (
            "TOC to ortho spine surgeon eval and treatment",
            "evaluation",
            "consultation",
            "TOC",
        ),
        (
            "Follow up office visit times 2",
            "evaluation",
            "follow_up",
            "Follow up office visit",
        ),
        ("Pre-op clearance", "evaluation", "other", "clearance"),
        (
            "Preoperative Medical Clearance",
            "evaluation",
            "other",
            "Medical Clearance",
        ),
        (
            "Cognitive behavioral therapy x6",
            "behavioral",
            "psychotherapy",
            "Cognitive behavioral therapy",
        ),
        (
            "Psychological evaluation",
            "behavioral",
            "evaluation",
            "Psychological evaluation",
        ),
        (
            "Four sessions of biofeedback two times a week times 2 weeks",
            "behavioral",
            "biofeedback",
            "biofeedback",
        ),
        (
            "Functional restoration program 160 hours",
            "program",
            "functional_restoration",
            "Functional restoration program",
        ),
        (
            "Work hardening",
            "program",
            "work_conditioning",
            "Work hardening",
        ),
        (
            "Weight loss program",
            "program",
            "weight_loss",
            "Weight loss program",
        ),
        ("Gym membership", "program", "other", "Gym membership"),
        (
            "Home health care 4 hours a day",
            "home_care_transport",
            "home_health",
            "Home health care",
        ),
        (
            "Daily RN for 4 weeks for wound care and monitoring of wound healing",
            "home_care_transport",
            "home_health",
            "RN",
        ),
        (
            "Transportation to/from all medical appointments",
            "home_care_transport",
            "transport",
            "Transportation",
        ),
    ]);
}

#[test]
fn what_fits_nothing_is_other_without_term() {
    let (_, l) = letter_of("Unknown request");
    let c = &l.items[0].category;
    assert_eq!(
        (c.kind, c.subtype, c.term.as_deref()),
        (TreatmentType::Other, None, None)
    );
    assert!(!l.spans.contains_key("/items/0/category/term"));
}

#[test]
fn retrospective_requests_are_what_they_ask_for() {
    check(&[
        ("Retrospective Cyclobenzaprine 7.5mg #18, per 12/07/2016 order", "pharmaceutical", "muscle_relaxant", "Cyclobenzaprine"),
        ("Retrospective TENS unit, purchase, lumbar spine, left hip, lower leg, and knee (DOS 12/29/16)", "durable_medical_equipment", "tens_stim", "TENS unit"),
        ("Retrospective request for Norco 10/325mg #60", "pharmaceutical", "opioid", "Norco"),
    ]);
}

#[test]
fn associated_surgical_service_is_surgery() {
    check(&[
        (
            "Associated surgical service: Cold therapy unit",
            "surgery",
            "-",
            "Associated surgical service",
        ),
        (
            "Associated surgical service: Medical clearance",
            "surgery",
            "-",
            "Associated surgical service",
        ),
        (
            "Associated surgical service: EMS/TENS unit",
            "surgery",
            "-",
            "Associated surgical service",
        ),
        (
            "Associated surgical service: Physical Therapy sessions, 12",
            "surgery",
            "-",
            "Associated surgical service",
        ),
        // What follows names an operation: its subtype.
        (
            "Associated surgical service: Right knee arthroscopic debridement",
            "surgery",
            "joint",
            "Associated surgical service",
        ),
        (
            "Associated surgical services: Lumbar laminectomy",
            "surgery",
            "spine",
            "Associated surgical services",
        ),
        // Without the label, a pre- or post-operative service is what it is.
        (
            "Post-op physical therapy 12-18 sessions",
            "physical_medicine",
            "physical_therapy",
            "physical therapy",
        ),
        (
            "Post operative physical therapy for the right knee 2 times a week for 6 weeks",
            "physical_medicine",
            "physical_therapy",
            "physical therapy",
        ),
        ("Pre-op chest x-ray", "diagnostic", "xray", "x-ray"),
        (
            "Post-op Percocet 5/325mg",
            "pharmaceutical",
            "opioid",
            "Percocet",
        ),
        (
            "EMS/TENS unit",
            "durable_medical_equipment",
            "tens_stim",
            "EMS/TENS unit",
        ),
    ]);
}

#[test]
fn chiropractic_and_acupuncture_evaluations_are_physical_medicine() {
    check(&[
        ("Chiropractic evaluation, lumbar spine, left hip and knee", "physical_medicine", "chiropractic", "Chiropractic evaluation"),
        ("Acupuncture evaluation", "physical_medicine", "acupuncture", "Acupuncture evaluation"),
        ("Physical therapy evaluation, cervical and thoracic spine", "physical_medicine", "physical_therapy", "Physical therapy evaluation"),
        ("Referral to chiropractor for evaluation of low back pain and left groin pain, twice a week for 3 weeks", "physical_medicine", "chiropractic", "chiropractor"),
        ("Referral to psychologist", "behavioral", "other", "psychologist"),
        // A physician's evaluation stays one, whatever it is about.
        ("Spine surgery evaluation for the lumbar", "evaluation", "consultation", "surgery evaluation"),
        ("Orthopedic consultation regarding a possible knee arthroscopy", "evaluation", "consultation", "consultation"),
    ]);
}

#[test]
fn modalities_given_as_sessions_are_physical_medicine() {
    check(&[
        (
            "Four sessions of electrical stimulation two times a week times 2 weeks",
            "physical_medicine",
            "other",
            "electrical stimulation",
        ),
        (
            "Therapeutic ultrasound twice a week for 4 weeks",
            "physical_medicine",
            "other",
            "Therapeutic ultrasound",
        ),
        (
            "Ultrasound to the low back 2 times a week for 3 weeks",
            "physical_medicine",
            "other",
            "Ultrasound",
        ),
        (
            "Hot/cold therapy 3 sessions",
            "physical_medicine",
            "other",
            "Hot/cold therapy",
        ),
        (
            "Cervical traction 2x6",
            "physical_medicine",
            "other",
            "traction",
        ),
        (
            "Infrared heat to the low back two times a week times six weeks",
            "physical_medicine",
            "other",
            "Infrared heat",
        ),
        (
            "Retrospective E-stim (DOS 12/29/16)",
            "physical_medicine",
            "other",
            "E-stim",
        ),
        // The same words as a test or a device.
        (
            "Ultrasound of the right shoulder",
            "diagnostic",
            "ultrasound",
            "Ultrasound",
        ),
        (
            "Home cervical traction unit",
            "durable_medical_equipment",
            "other",
            "traction unit",
        ),
        (
            "E-stim unit",
            "durable_medical_equipment",
            "tens_stim",
            "E-stim unit",
        ),
        (
            "Cold therapy unit for 7 days",
            "durable_medical_equipment",
            "hot_cold",
            "Cold therapy unit",
        ),
    ]);
}

#[test]
fn two_subtypes_of_one_type_the_first_named() {
    check(&[
        (
            "Physical therapy and occupational therapy 2 times a week for 6 weeks",
            "physical_medicine",
            "physical_therapy",
            "Physical therapy",
        ),
        (
            "Occupational therapy and physical therapy 2 times a week",
            "physical_medicine",
            "occupational_therapy",
            "Occupational therapy",
        ),
        ("MRI/CT of the spine and pelvis", "diagnostic", "mri", "MRI"),
        (
            "Chiropractic physiotherapy treatment 6 visits",
            "physical_medicine",
            "chiropractic",
            "Chiropractic",
        ),
        ("Norco and Flexeril", "pharmaceutical", "opioid", "Norco"),
    ]);
}

#[test]
fn two_services_the_first_type_in_order() {
    check(&[
        // Diagnostic comes before physical medicine, injection before evaluation.
        (
            "Physical therapy and X-rays of the right knee",
            "diagnostic",
            "xray",
            "X-rays",
        ),
        (
            "Lumbar epidural steroid injection with pain interventionist consult and treatment",
            "injection",
            "epidural",
            "epidural steroid injection",
        ),
        (
            "Pain management consultation and trigger point injections",
            "injection",
            "trigger_point",
            "trigger point injections",
        ),
        // What a request only mentions does not count.
        (
            "Twelve acupuncture visits with Capsaicin patch, 2 times weekly for 6 weeks",
            "physical_medicine",
            "acupuncture",
            "acupuncture",
        ),
        (
            "Right knee arthroscopy with evaluation of ACL, medical meniscectomy",
            "surgery",
            "joint",
            "arthroscopy",
        ),
        (
            "Localized intense neurostimulation therapy [following TPII]",
            "physical_medicine",
            "other",
            "Localized intense neurostimulation therapy",
        ),
        (
            "a 6 month follow-up aftercare program",
            "program",
            "other",
            "aftercare program",
        ),
    ]);
}

#[test]
fn the_term_is_as_short_as_names_the_thing() {
    check(&[
        ("Celebrex 200mg #30", "pharmaceutical", "nsaid", "Celebrex"),
        (
            "Meloxicam (Mobic) 7.5mg #30",
            "pharmaceutical",
            "nsaid",
            "Meloxicam",
        ),
        (
            "Open MRI of the lumbar spine without contrast",
            "diagnostic",
            "mri",
            "MRI",
        ),
        ("MARS MRI scan of right hip", "diagnostic", "mri", "MRI"),
        (
            "Electro acupuncture to the low back two times a week times six weeks",
            "physical_medicine",
            "acupuncture",
            "acupuncture",
        ),
        (
            "Bilateral knee brace",
            "durable_medical_equipment",
            "brace_support",
            "brace",
        ),
        (
            "1 knee scooter",
            "durable_medical_equipment",
            "mobility_bath",
            "knee scooter",
        ),
    ]);
    // The first occurrence.
    let (text, l) = letter_of("MRI of the lumbar spine; repeat MRI in 6 months");
    let [s, e] = l.spans["/items/0/category/term"];
    assert_eq!(&text[s..e], "MRI");
    assert_eq!(s, l.spans["/items/0/request"][0]);
}

#[test]
fn a_term_across_a_line_break_has_its_span() {
    let text = read("real/format1_CM17-0016761.txt");
    let l = parse(&text);
    check_spans(&text, &l);
    let item = &l.items[0];
    assert_eq!(item.category.subtype, Some(Subtype::PhysicalTherapy));
    let [s, e] = l.spans["/items/0/category/term"];
    assert!(text[s..e].contains('\n'));
    assert_eq!(Some(collapse(&text[s..e])), item.category.term);
}

#[test]
fn the_heading_decides_when_the_request_names_nothing() {
    let heading = "Norco 10/325mg #90 was the original request. Norco 10/325mg #60 was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, 30 tablets is";
    let (text, l) = letter_of(heading);
    let item = &l.items[0];
    assert_eq!(item.request.as_deref(), Some("30 tablets"));
    let c = &item.category;
    assert_eq!(
        (c.kind, c.subtype, c.term.as_deref()),
        (
            TreatmentType::Pharmaceutical,
            Some(Subtype::Opioid),
            Some("Norco")
        )
    );
    let [s, e] = l.spans["/items/0/category/term"];
    assert_eq!((&text[s..e], s), ("Norco", l.spans["/items/0/heading"][0]));
}

#[test]
fn case_and_hyphens_of_a_term_may_vary() {
    check(&[
        (
            "PHYSICAL THERAPY 2X6",
            "physical_medicine",
            "physical_therapy",
            "PHYSICAL THERAPY",
        ),
        (
            "One platelet-rich plasma injection to the right knee",
            "injection",
            "prp_biologic",
            "platelet-rich plasma injection",
        ),
        (
            "Follow-up visit",
            "evaluation",
            "follow_up",
            "Follow-up visit",
        ),
        ("Xray of the left wrist", "diagnostic", "xray", "Xray"),
    ]);
}

#[test]
fn category_json_is_the_specs() {
    let c = category("Norco 10/325mg #60");
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(
        json,
        r#"{"type":"pharmaceutical","subtype":"opioid","term":"Norco"}"#
    );
    assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), c);
    let other = serde_json::to_string(&Category::default()).unwrap();
    assert_eq!(other, r#"{"type":"other","subtype":null,"term":null}"#);
    // A subtype that is not its type's cannot be made.
    assert!(Category::new(TreatmentType::Surgery, Some(Subtype::Opioid), None).is_none());
    // Every subtype of every type is in Subtype::ALL, each spelled once.
    let spellings: std::collections::BTreeSet<&str> =
        Subtype::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(spellings.len(), Subtype::ALL.len());
    for kind in TreatmentType::ALL {
        assert!(kind.subtypes().iter().all(|s| Subtype::ALL.contains(s)));
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.as_str()));
        assert_eq!(serde_json::from_str::<TreatmentType>(&json).unwrap(), kind);
    }
    assert!(serde_json::from_str::<Subtype>("\"opiate\"").is_err());
    for kind in TreatmentType::ALL {
        let all = kind
            .subtypes()
            .iter()
            .all(|s| Category::new(kind, Some(*s), None).is_some());
        assert!(
            all && Category::new(kind, None, None).is_some(),
            "{}",
            kind.as_str()
        );
    }
}
