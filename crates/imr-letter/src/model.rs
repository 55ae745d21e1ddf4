//! The Letter data model: the shape of `letter-json-v1` (see `docs/letter-json-v1.md`).
//!
//! With the `serde` feature these types serialize to exactly the spec's JSON and read it back.

use std::collections::BTreeMap;
use std::fmt;

pub use crate::diagnostics::WarningCode;

/// Byte offsets `[start, end)` into the parsed text (UTF-8, end exclusive).
pub type Span = [usize; 2];

/// One parsed letter. `parse` always returns one, whatever the input.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Letter {
    /// Always 1: the version of the spec this follows.
    pub schema_version: u32,
    pub layout: Layout,
    pub case_number: Option<String>,
    pub dates: Dates,
    pub priority: Option<String>,
    pub reviewer: Reviewer,
    pub patient: Patient,
    pub summary: Option<String>,
    pub items: Vec<Item>,
    pub outcome: Option<Outcome>,
    pub warnings: Vec<Warning>,
    /// JSON pointer of a field (`/items/0/request`) to the byte span of its source.
    pub spans: BTreeMap<String, Span>,
    /// Where the letter came from: the file, what kind of file, and its place in the file.
    pub source: Source,
    /// The text `spans` point into, only when asked for (`--with-text`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub text: Option<String>,
    /// For a letter read from a scan: what the text recogniser saw.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ocr: Option<Ocr>,
}

/// Where a letter came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Source {
    /// The file's name as given; `None` for pasted text or standard input.
    pub name: Option<String>,
    pub kind: SourceKind,
    /// The letter's place among the letters of its file, from 0.
    #[cfg_attr(feature = "serde", serde(default))]
    pub index: usize,
    /// For a PDF or a scan: the pages the letter is on, first and last, from 1.
    #[cfg_attr(feature = "serde", serde(default))]
    pub pages: Option<[usize; 2]>,
    /// The letter's byte range in the text (of a file that holds several letters).
    #[cfg_attr(feature = "serde", serde(default))]
    pub span: Option<Span>,
}

impl Default for Source {
    fn default() -> Self {
        Source {
            name: None,
            kind: SourceKind::Text,
            index: 0,
            pages: None,
            span: None,
        }
    }
}

/// How the letter's text was had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SourceKind {
    /// A text file, pasted text or standard input.
    Text,
    /// A PDF's text layer.
    Pdf,
    /// A scan or fax, read by OCR.
    Scan,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Text => "text",
            SourceKind::Pdf => "pdf",
            SourceKind::Scan => "scan",
        }
    }
}

/// What the text recogniser saw on a scan's pages.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ocr {
    /// The engine's name and version.
    pub engine: String,
    /// Number of pages recognised.
    pub pages: usize,
    /// The mean of the words' confidences, 0-100.
    pub mean_confidence: f32,
    /// The resolution the boxes are given in, in dots per inch.
    pub dpi: u32,
    /// Each page's size in pixels at `dpi`: `[width, height]`.
    pub page_sizes: Vec<[u32; 2]>,
    /// Per page, each word as `[start, end, x, y, w, h]`: a byte range of the text and its box
    /// in page pixels.
    pub words: Vec<Vec<[u64; 6]>>,
}

impl Default for Letter {
    fn default() -> Self {
        Letter {
            schema_version: 1,
            layout: Layout::Unrecognized,
            case_number: None,
            dates: Dates::default(),
            priority: None,
            reviewer: Reviewer::default(),
            patient: Patient::default(),
            summary: None,
            items: Vec::new(),
            outcome: None,
            warnings: Vec::new(),
            spans: BTreeMap::new(),
            source: Source::default(),
            text: None,
            ocr: None,
        }
    }
}

impl Letter {
    /// Whether the text was read as an IMR letter of a known layout.
    pub fn is_recognized(&self) -> bool {
        self.layout != Layout::Unrecognized
    }

    /// Adds what went wrong while getting the text (a PDF reader's warnings: code, message) to
    /// the letter's warnings, with no span (they point into the file, not the text). The CLI,
    /// the page and the JS API all call this, so that their JSON agrees.
    pub fn add_extraction_warnings<M: Into<String>>(
        &mut self,
        warnings: impl IntoIterator<Item = (WarningCode, M)>,
    ) {
        self.warnings
            .extend(warnings.into_iter().map(|(code, message)| Warning {
                code,
                message: message.into(),
                span: None,
                related: None,
            }));
    }

    /// Number of items upheld and overturned, in that order (items whose decision could not
    /// be read are in neither).
    pub fn decision_counts(&self) -> (usize, usize) {
        let count = |d| self.items.iter().filter(|i| i.decision == Some(d)).count();
        (count(Decision::Upheld), count(Decision::Overturned))
    }
}

/// Which letter layout was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Layout {
    /// The MAXIMUS Final Determination Letter (2014 onward, with or without header table).
    FinalDetermination,
    /// The 2013 "Notice of Independent Medical Review Determination".
    #[cfg_attr(feature = "serde", serde(rename = "notice_2013"))]
    Notice2013,
    /// Not an IMR letter the parser knows.
    Unrecognized,
}

impl Layout {
    /// The spec's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::FinalDetermination => "final_determination",
            Layout::Notice2013 => "notice_2013",
            Layout::Unrecognized => "unrecognized",
        }
    }
}

/// The five dates of the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Dates {
    pub assigned: Option<Date>,
    pub injury: Option<Date>,
    pub decision: Option<Date>,
    pub ur_denial: Option<Date>,
    pub application_received: Option<Date>,
}

/// A calendar date, always valid; serialized as ISO 8601 `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date if `year-month-day` exists in the Gregorian calendar (years 1900-2199).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1900..2200).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= days).then_some(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), for intervals between dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Reads `YYYY-MM-DD` exactly.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(
            s[0..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..10].parse().ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom("expected a date YYYY-MM-DD"))
    }
}

/// The expert reviewer's credentials.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Reviewer {
    /// States of licensure, in letter order.
    pub licensure: Vec<String>,
    /// Board certifications and specialties, in letter order.
    pub specialties: Vec<String>,
}

/// What the clinical case summary says of the patient.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Patient {
    pub age: Option<u32>,
    pub sex: Option<Sex>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }
}

/// One disputed item/service and its decision.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Item {
    /// The whole heading, as written before the decision word; `None` for an item found by its
    /// paragraphs whose heading was lost (a warning says so).
    pub heading: Option<String>,
    /// The disputed service itself (X of "The original request, X is:"); `None` as `heading`.
    pub request: Option<String>,
    /// What kind of treatment the request is (`docs/treatment-categories-v1.md`).
    pub category: Category,
    /// `None` when the decision word could not be read (a warning says so).
    pub decision: Option<Decision>,
    /// `false` when upheld, `true` when overturned, `None` when the decision is not known.
    pub medically_necessary: Option<bool>,
    pub claims_administrator_guideline: Option<String>,
    pub maximus_guideline: Option<String>,
    /// One per `Decision based on ...` in the MAXIMUS guideline.
    pub citations: Vec<Citation>,
    pub rationale: Option<String>,
}

/// The IMR decision on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Decision {
    /// The denial stands: not medically necessary.
    Upheld,
    /// The denial is reversed: medically necessary.
    Overturned,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Upheld => "upheld",
            Decision::Overturned => "overturned",
        }
    }
}

/// What kind of treatment an item asks for: a type, one of the type's subtypes (or none), and
/// the words of the request that decided it (`docs/treatment-categories-v1.md`). The parser
/// makes only valid pairs ([`Category::new`]); reading JSON does not check the pair (its code
/// would weigh on the page's wasm).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Category {
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: TreatmentType,
    /// Always one of `kind.subtypes()`.
    pub subtype: Option<Subtype>,
    /// The request's words that decided it, as written; `None` for `other`.
    pub term: Option<String>,
}

impl Default for Category {
    /// `other`: fits nothing.
    fn default() -> Self {
        Category {
            kind: TreatmentType::Other,
            subtype: None,
            term: None,
        }
    }
}

impl Category {
    /// A category whose subtype belongs to its type, else `None`.
    pub fn new(
        kind: TreatmentType,
        subtype: Option<Subtype>,
        term: Option<String>,
    ) -> Option<Self> {
        subtype
            .is_none_or(|s| kind.subtypes().contains(&s))
            .then_some(Category {
                kind,
                subtype,
                term,
            })
    }
}

/// An enum of the spec's spellings, written once: the enum, `ALL` (every variant, in
/// declaration order) and `as_str` (the spelling).
macro_rules! spelled_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $spelling:literal,)* }
    ) => {
        $(#[$meta])*
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($spelling),*].len()] = [$($name::$variant),*];

            /// The spec's spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $spelling,)*
                }
            }
        }
    };
}

spelled_enum! {
    /// The kinds of treatment, in the order that decides between two services in one request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum TreatmentType {
        Surgery = "surgery",
        Injection = "injection",
        Pharmaceutical = "pharmaceutical",
        Diagnostic = "diagnostic",
        PhysicalMedicine = "physical_medicine",
        DurableMedicalEquipment = "durable_medical_equipment",
        Evaluation = "evaluation",
        Behavioral = "behavioral",
        Program = "program",
        HomeCareTransport = "home_care_transport",
        Other = "other",
    }
}

impl TreatmentType {
    /// The subtypes this type may have, in the spec's order.
    pub fn subtypes(self) -> &'static [Subtype] {
        use Subtype::*;
        match self {
            TreatmentType::Surgery => &[Spine, Joint, HandWrist, Other],
            TreatmentType::Injection => &[
                Epidural,
                Facet,
                TriggerPoint,
                Joint,
                NerveBlock,
                PrpBiologic,
                Other,
            ],
            TreatmentType::Pharmaceutical => &[
                Opioid,
                Nsaid,
                MuscleRelaxant,
                Anticonvulsant,
                Antidepressant,
                Topical,
                Compound,
                GiProtective,
                SleepAid,
                Benzodiazepine,
                MedicalFood,
                Other,
            ],
            TreatmentType::Diagnostic => &[
                Mri,
                Ct,
                Xray,
                Ultrasound,
                Electrodiagnostic,
                Lab,
                DrugScreen,
                Other,
            ],
            TreatmentType::PhysicalMedicine => &[
                PhysicalTherapy,
                Chiropractic,
                Acupuncture,
                Massage,
                OccupationalTherapy,
                Aquatic,
                Other,
            ],
            TreatmentType::DurableMedicalEquipment => {
                &[TensStim, BraceSupport, HotCold, MobilityBath, Other]
            }
            TreatmentType::Evaluation => &[Consultation, FollowUp, Other],
            TreatmentType::Behavioral => &[Psychotherapy, Evaluation, Biofeedback, Other],
            TreatmentType::Program => &[FunctionalRestoration, WorkConditioning, WeightLoss, Other],
            TreatmentType::HomeCareTransport => &[HomeHealth, Transport, Other],
            TreatmentType::Other => &[],
        }
    }
}

spelled_enum! {
    /// A treatment subtype; which ones a type may have is [`TreatmentType::subtypes`]. (Some
    /// spellings serve several types: `joint`, `evaluation`, `other`.)
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Subtype {
        // surgery
        Spine = "spine",
        Joint = "joint",
        HandWrist = "hand_wrist",
        // injection
        Epidural = "epidural",
        Facet = "facet",
        TriggerPoint = "trigger_point",
        NerveBlock = "nerve_block",
        PrpBiologic = "prp_biologic",
        // pharmaceutical
        Opioid = "opioid",
        Nsaid = "nsaid",
        MuscleRelaxant = "muscle_relaxant",
        Anticonvulsant = "anticonvulsant",
        Antidepressant = "antidepressant",
        Topical = "topical",
        Compound = "compound",
        GiProtective = "gi_protective",
        SleepAid = "sleep_aid",
        Benzodiazepine = "benzodiazepine",
        MedicalFood = "medical_food",
        // diagnostic
        Mri = "mri",
        Ct = "ct",
        Xray = "xray",
        Ultrasound = "ultrasound",
        Electrodiagnostic = "electrodiagnostic",
        Lab = "lab",
        DrugScreen = "drug_screen",
        // physical medicine
        PhysicalTherapy = "physical_therapy",
        Chiropractic = "chiropractic",
        Acupuncture = "acupuncture",
        Massage = "massage",
        OccupationalTherapy = "occupational_therapy",
        Aquatic = "aquatic",
        // durable medical equipment
        TensStim = "tens_stim",
        BraceSupport = "brace_support",
        HotCold = "hot_cold",
        MobilityBath = "mobility_bath",
        // evaluation
        Consultation = "consultation",
        FollowUp = "follow_up",
        // behavioral
        Psychotherapy = "psychotherapy",
        Evaluation = "evaluation",
        Biofeedback = "biofeedback",
        // program
        FunctionalRestoration = "functional_restoration",
        WorkConditioning = "work_conditioning",
        WeightLoss = "weight_loss",
        // home care and transport
        HomeHealth = "home_health",
        Transport = "transport",
        /// Of the type, but none of its named subtypes.
        Other = "other",
    }
}

/// Serde for an enum of spellings: its `as_str()`, read back by looking among `ALL` (one loop
/// instead of the code derive makes for each variant).
#[cfg(feature = "serde")]
macro_rules! serde_by_spelling {
    ($($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                <$t>::ALL
                    .into_iter()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| {
                        serde::de::Error::custom(format!("unknown {}: {s}", stringify!($t)))
                    })
            }
        }
    )*};
}

#[cfg(feature = "serde")]
serde_by_spelling!(TreatmentType, Subtype, Guideline);

/// The letter's overall result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Outcome {
    Upheld,
    Overturned,
    PartiallyOverturned,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Upheld => "upheld",
            Outcome::Overturned => "overturned",
            Outcome::PartiallyOverturned => "partially_overturned",
        }
    }

    /// All upheld, all overturned, or some of each; `None` for no items, or where a decision
    /// that could not be read might change it.
    pub fn from_decisions(
        decisions: impl IntoIterator<Item = Option<Decision>>,
    ) -> Option<Outcome> {
        let (mut up, mut over, mut unknown) = (false, false, false);
        for d in decisions {
            match d {
                Some(Decision::Upheld) => up = true,
                Some(Decision::Overturned) => over = true,
                None => unknown = true,
            }
        }
        match (up, over, unknown) {
            (true, true, _) => Some(Outcome::PartiallyOverturned),
            (_, _, true) | (false, false, false) => None,
            (true, false, false) => Some(Outcome::Upheld),
            (false, true, false) => Some(Outcome::Overturned),
        }
    }
}

/// One `Decision based on ...` citation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Citation {
    pub source: CitationSource,
    /// The citation as written, without `Decision based on`.
    pub text: String,
    /// Which guideline it names.
    pub guideline: Guideline,
    /// The chapter or part named, without guideline name, year or label words.
    pub chapter: Option<String>,
    /// The edition year written after an MTUS chapter.
    pub year: Option<u16>,
    /// The names after `Section(s):`, in order.
    pub sections: Vec<String>,
}

impl Citation {
    /// A citation of `text`, its guideline parts not yet read (`guideline` is `other`):
    /// [`crate::parse`] reads them once all items are read.
    pub fn new(source: CitationSource, text: String) -> Citation {
        Citation {
            source,
            text,
            guideline: Guideline::Other,
            chapter: None,
            year: None,
            sections: Vec::new(),
        }
    }
}

spelled_enum! {
    /// The guideline a citation names.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Guideline {
        /// California's Medical Treatment Utilization Schedule.
        Mtus = "mtus",
        /// The Official Disability Guidelines.
        Odg = "odg",
        /// ACOEM's practice guidelines, cited outside the MTUS.
        Acoem = "acoem",
        /// A journal article, a web page, another guideline.
        Other = "other",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CitationSource {
    Mtus,
    NonMtus,
}

impl CitationSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CitationSource::Mtus => "mtus",
            CitationSource::NonMtus => "non_mtus",
        }
    }
}

/// Something the parser was unsure of or could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Warning {
    /// What it is about; its string form is stable, e.g. `missing-section`.
    pub code: WarningCode,
    /// One sentence a reviewer understands.
    pub message: String,
    pub span: Option<Span>,
    /// A second place the warning concerns (a decision word and the conclusion it disagrees
    /// with).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub related: Option<Span>,
}
