//! A letter as short plain text ("Copy summary"), and dates as the letters write them.

use imr_letter::{Date, Decision, Letter, Outcome};

use crate::state::item_source;

/// A date as the letters and US readers write it: `12/14/2016`.
pub fn us_date(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.month(), d.day(), d.year())
}

/// An optional date as [`us_date`], `—` when unknown.
pub fn us_date_or_dash(d: Option<Date>) -> String {
    d.map(us_date).unwrap_or_else(|| "—".into())
}

/// The words for a guideline source of [`item_source`].
pub fn source_words(source: &str) -> &'static str {
    match source {
        "mtus" => "MTUS",
        "non_mtus" => "Non-MTUS",
        "both" => "MTUS + Non-MTUS",
        _ => "none cited",
    }
}

fn outcome_words(o: Option<Outcome>) -> &'static str {
    match o {
        Some(Outcome::Upheld) => "Upheld",
        Some(Outcome::Overturned) => "Overturned",
        Some(Outcome::PartiallyOverturned) => "Partially overturned",
        None => "not stated",
    }
}

/// The letter in a few lines for a note or an email: case, dates, outcome, and each item with
/// its decision and guideline source. Unknown values say so (`—`, "not stated").
pub fn letter_summary(l: &Letter) -> String {
    let mut out = format!(
        "IMR Final Determination, case {}\n",
        l.case_number.as_deref().unwrap_or("— (no case number)")
    );
    let d = &l.dates;
    for (label, date) in [
        ("Date of injury", d.injury),
        ("UR denial", d.ur_denial),
        ("Application received", d.application_received),
        ("Date assigned", d.assigned),
        ("Decision date", d.decision),
    ] {
        out += &format!("{label}: {}\n", us_date_or_dash(date));
    }
    out += &format!("Outcome: {}\n", outcome_words(l.outcome));
    out += &format!("Items ({}):\n", l.items.len());
    for (n, item) in l.items.iter().enumerate() {
        let decision = match item.decision {
            Some(Decision::Upheld) => "Upheld",
            Some(Decision::Overturned) => "Overturned",
            None => "decision not read",
        };
        out += &format!(
            "{}. {}: {} (guideline source: {})\n",
            n + 1,
            item.request.as_deref().unwrap_or("(request not read)"),
            decision,
            source_words(item_source(item)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use imr_letter::{Citation, CitationSource, Item};

    #[test]
    fn dates_read_as_the_letters_write_them() {
        assert_eq!(us_date(Date::new(2016, 12, 4).unwrap()), "12/04/2016");
        assert_eq!(us_date_or_dash(None), "—");
    }

    #[test]
    fn summary_lists_case_dates_and_items() {
        let mut l = Letter {
            case_number: Some("CM16-1".into()),
            items: vec![Item {
                heading: None,
                request: Some("MRI of the knee".into()),
                category: Default::default(),
                decision: Some(Decision::Overturned),
                medically_necessary: Some(true),
                claims_administrator_guideline: None,
                maximus_guideline: None,
                citations: vec![Citation::new(CitationSource::Mtus, "t".into())],
                rationale: None,
            }],
            ..Letter::default()
        };
        l.dates.decision = Date::new(2016, 12, 14);
        l.outcome = Some(Outcome::Overturned);
        assert_eq!(
            letter_summary(&l),
            "IMR Final Determination, case CM16-1\nDate of injury: —\nUR denial: —\n\
             Application received: —\nDate assigned: —\nDecision date: 12/14/2016\n\
             Outcome: Overturned\nItems (1):\n\
             1. MRI of the knee: Overturned (guideline source: MTUS)\n"
        );
    }
}
