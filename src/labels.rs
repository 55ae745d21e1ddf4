//! Words for the library's closed vocabularies, as the page shows them.

use imr_letter::{Category, Subtype, TreatmentType};

/// A treatment type in words: "Physical medicine".
pub fn type_label(t: TreatmentType) -> &'static str {
    match t {
        TreatmentType::Surgery => "Surgery",
        TreatmentType::Injection => "Injection",
        TreatmentType::Pharmaceutical => "Pharmaceutical",
        TreatmentType::Diagnostic => "Diagnostic",
        TreatmentType::PhysicalMedicine => "Physical medicine",
        TreatmentType::DurableMedicalEquipment => "Durable medical equipment",
        TreatmentType::Evaluation => "Evaluation",
        TreatmentType::Behavioral => "Behavioral",
        TreatmentType::Program => "Program",
        TreatmentType::HomeCareTransport => "Home care, transport",
        TreatmentType::Other => "Other",
    }
}

/// A subtype in words: its spec name with spaces ("trigger point", "nsaid").
pub fn subtype_label(s: Subtype) -> String {
    s.as_str().replace('_', " ")
}

/// A category in words: "Pharmaceutical: opioid".
pub fn category_label(c: &Category) -> String {
    match c.subtype {
        Some(s) => format!("{}: {}", type_label(c.kind), subtype_label(s)),
        None => type_label(c.kind).to_string(),
    }
}
