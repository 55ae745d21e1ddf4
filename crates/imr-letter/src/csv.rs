//! CSV export: one row per disputed item, the letter's fields repeated on each row.
//!
//! The CLI (`imr parse --format csv`) and the web page's export both use [`to_csv`], so the two
//! always agree. RFC 4180 quoting, CRLF line ends; a cell that begins with `=`, `+`, `-`, `@`,
//! a tab or a carriage return (or their full-width forms) gets a leading `'` so that spreadsheets
//! show it as text and never run it as a formula. A letter with no items still gets one row (its
//! item columns empty). The `warnings` column names each of the letter's warning codes once, so
//! the output stays linear in the input however many items and warnings a letter has.

use crate::model::{Citation, Date, Letter};

/// The columns, in order. Lists are joined with `"; "`; `item` counts from 1. The category's
/// `subtype` and `term` are empty when null; `citation_guidelines` is `none` when nothing is
/// cited; `citation_chapters` has one place per citation, empty where it names no chapter.
pub const COLUMNS: [&str; 29] = [
    "case_number",
    "layout",
    "decision_date",
    "injury_date",
    "assigned_date",
    "ur_denial_date",
    "application_received_date",
    "priority",
    "licensure",
    "specialties",
    "patient_age",
    "patient_sex",
    "outcome",
    "item",
    "request",
    "heading",
    "category_type",
    "category_subtype",
    "category_term",
    "decision",
    "medically_necessary",
    "citation_sources",
    "citation_guidelines",
    "citation_chapters",
    "citations",
    "claims_administrator_guideline",
    "maximus_guideline",
    "rationale",
    "warnings",
];

/// The whole CSV document (header row included) for `letters`.
pub fn to_csv(letters: &[Letter]) -> String {
    let mut out = String::new();
    push_row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for letter in letters {
        for row in rows(letter) {
            push_row(&mut out, row.into_iter());
        }
    }
    out
}

/// The cells of each of `letter`'s rows, unquoted.
pub fn rows(letter: &Letter) -> Vec<Vec<String>> {
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let d = &letter.dates;
    let letter_cells = vec![
        opt(&letter.case_number),
        letter.layout.as_str().to_string(),
        date(d.decision),
        date(d.injury),
        date(d.assigned),
        date(d.ur_denial),
        date(d.application_received),
        opt(&letter.priority),
        letter.reviewer.licensure.join("; "),
        letter.reviewer.specialties.join("; "),
        letter
            .patient
            .age
            .map(|a| a.to_string())
            .unwrap_or_default(),
        letter
            .patient
            .sex
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        letter
            .outcome
            .map(|o| o.as_str().to_string())
            .unwrap_or_default(),
    ];
    // Each code once: a row's size does not grow with the number of warnings.
    let mut codes: Vec<&str> = Vec::new();
    for w in &letter.warnings {
        if !codes.contains(&w.code.as_str()) {
            codes.push(w.code.as_str());
        }
    }
    let warnings = codes.join("; ");
    if letter.items.is_empty() {
        let mut row = letter_cells;
        row.extend(std::iter::repeat_n(
            String::new(),
            COLUMNS.len() - row.len() - 1,
        ));
        row.push(warnings);
        return vec![row];
    }
    letter
        .items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let cited = |f: &dyn Fn(&Citation) -> &str| {
                item.citations.iter().map(f).collect::<Vec<_>>().join("; ")
            };
            let none_if_empty = |s: String| if s.is_empty() { "none".to_string() } else { s };
            let category = &item.category;
            let mut row = letter_cells.clone();
            row.extend([
                (n + 1).to_string(),
                opt(&item.request),
                opt(&item.heading),
                category.kind.as_str().to_string(),
                category
                    .subtype
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                opt(&category.term),
                item.decision
                    .map(|d| d.as_str().to_string())
                    .unwrap_or_default(),
                item.medically_necessary
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                none_if_empty(cited(&|c| c.source.as_str())),
                none_if_empty(cited(&|c| c.guideline.as_str())),
                cited(&|c| c.chapter.as_deref().unwrap_or("")),
                cited(&|c| c.text.as_str()),
                opt(&item.claims_administrator_guideline),
                opt(&item.maximus_guideline),
                opt(&item.rationale),
                warnings.clone(),
            ]);
            row
        })
        .collect()
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, &cell);
    }
    out.push_str("\r\n");
}

/// One cell: made safe for spreadsheets, then quoted if it needs to be.
fn push_cell(out: &mut String, cell: &str) {
    // Full-width forms too: some spreadsheets read them as the ASCII signs.
    let risky = cell.starts_with([
        '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ]);
    let quote = risky || cell.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if risky {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_made_safe() {
        let mut s = String::new();
        push_row(
            &mut s,
            [
                "plain",
                "a,b",
                "say \"hi\"",
                "=SUM(A1)",
                "+1",
                "-2",
                "@x",
                "line\nbreak",
            ]
            .iter()
            .map(|c| c.to_string()),
        );
        assert_eq!(s, "plain,\"a,b\",\"say \"\"hi\"\"\",\"'=SUM(A1)\",\"'+1\",\"'-2\",\"'@x\",\"line\nbreak\"\r\n");
    }

    #[test]
    fn category_and_guideline_columns() {
        let text = "IMR ISSUES, DECISIONS AND RATIONALES\n\nNorco 10/325mg #60: Upheld\n\n\
            Claims Administrator guideline: x\n\nMAXIMUS guideline: Decision based on MTUS Opioid \
            Treatment 2016. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) \
            MRI shoulder.\n\nDecision rationale: z.\n";
        let rows = rows(&crate::parse(text));
        let cell = |name: &str| {
            let i = COLUMNS.iter().position(|c| *c == name).unwrap();
            rows[0][i].as_str()
        };
        assert_eq!(
            [
                cell("category_type"),
                cell("category_subtype"),
                cell("category_term"),
                cell("citation_sources"),
                cell("citation_guidelines"),
                cell("citation_chapters"),
            ],
            [
                "pharmaceutical",
                "opioid",
                "Norco",
                "mtus; non_mtus",
                "mtus; odg",
                "Opioid Treatment; "
            ]
        );
        assert_eq!(rows[0].len(), COLUMNS.len());
    }

    #[test]
    fn a_letter_without_items_keeps_one_row() {
        let letter = crate::parse("not a letter");
        let csv = to_csv(&[letter]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(lines[1].split(',').count(), COLUMNS.len());
        assert!(lines[1].starts_with(",unrecognized,"));
        assert!(lines[1].ends_with(",unrecognized-layout"));
    }
}
