//! CSV export: one row per disputed item, the letter's fields repeated on each row.
//!
//! The CLI (`imr parse --format csv`) and the web page's export both use [`to_csv`], so the two
//! always agree. RFC 4180 quoting, CRLF line ends; a cell that begins with `=`, `+`, `-`, `@`,
//! a tab or a carriage return (or their full-width forms) gets a leading `'` so that spreadsheets
//! show it as text and never run it as a formula. A letter with no items still gets one row (its
//! item columns empty). The `warnings` column names each of the letter's warning codes once, so
//! the output stays linear in the input however many items and warnings a letter has.

use crate::model::{Citation, Date, Item, Letter};

/// One row's sources: the letter, the item (with its number from 1) or `None` for a letter
/// without items, and the letter's warning codes, each once.
pub struct Row<'a> {
    pub letter: &'a Letter,
    pub item: Option<(usize, &'a Item)>,
    pub warnings: &'a str,
}

/// A column: its name in the header, and how a row's cell is read.
pub struct Column {
    pub name: &'static str,
    pub cell: fn(&Row) -> String,
}

const fn column(name: &'static str, cell: fn(&Row) -> String) -> Column {
    Column { name, cell }
}

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// A cell of the row's item, empty on a letter's only row when it has no items.
fn of_item(r: &Row, f: impl Fn(usize, &Item) -> String) -> String {
    r.item.map(|(n, item)| f(n, item)).unwrap_or_default()
}

/// One part of each of the item's citations, joined; `none` when nothing is cited.
fn cited(r: &Row, none: bool, f: fn(&Citation) -> &str) -> String {
    of_item(r, |_, item| {
        let s = item.citations.iter().map(f).collect::<Vec<_>>().join("; ");
        if none && s.is_empty() {
            "none".to_string()
        } else {
            s
        }
    })
}

/// The columns, in order. Lists are joined with `"; "`; `item` counts from 1. The category's
/// `subtype` and `term` are empty when null; `citation_guidelines` is `none` when nothing is
/// cited; `citation_chapters` has one place per citation, empty where it names no chapter.
pub const COLUMNS: [Column; 29] = [
    column("case_number", |r| opt(&r.letter.case_number)),
    column("layout", |r| r.letter.layout.as_str().to_string()),
    column("decision_date", |r| date(r.letter.dates.decision)),
    column("injury_date", |r| date(r.letter.dates.injury)),
    column("assigned_date", |r| date(r.letter.dates.assigned)),
    column("ur_denial_date", |r| date(r.letter.dates.ur_denial)),
    column("application_received_date", |r| {
        date(r.letter.dates.application_received)
    }),
    column("priority", |r| opt(&r.letter.priority)),
    column("licensure", |r| r.letter.reviewer.licensure.join("; ")),
    column("specialties", |r| r.letter.reviewer.specialties.join("; ")),
    column("patient_age", |r| {
        r.letter
            .patient
            .age
            .map(|a| a.to_string())
            .unwrap_or_default()
    }),
    column("patient_sex", |r| {
        r.letter
            .patient
            .sex
            .map(|s| s.as_str().to_string())
            .unwrap_or_default()
    }),
    column("outcome", |r| {
        r.letter
            .outcome
            .map(|o| o.as_str().to_string())
            .unwrap_or_default()
    }),
    column("item", |r| of_item(r, |n, _| n.to_string())),
    column("request", |r| of_item(r, |_, i| opt(&i.request))),
    column("heading", |r| of_item(r, |_, i| opt(&i.heading))),
    column("category_type", |r| {
        of_item(r, |_, i| i.category.kind.as_str().to_string())
    }),
    column("category_subtype", |r| {
        of_item(r, |_, i| {
            i.category
                .subtype
                .map(|s| s.as_str().to_string())
                .unwrap_or_default()
        })
    }),
    column("category_term", |r| {
        of_item(r, |_, i| opt(&i.category.term))
    }),
    column("decision", |r| {
        of_item(r, |_, i| {
            i.decision
                .map(|d| d.as_str().to_string())
                .unwrap_or_default()
        })
    }),
    column("medically_necessary", |r| {
        of_item(r, |_, i| {
            i.medically_necessary
                .map(|m| m.to_string())
                .unwrap_or_default()
        })
    }),
    column("citation_sources", |r| {
        cited(r, true, |c| c.source.as_str())
    }),
    column("citation_guidelines", |r| {
        cited(r, true, |c| c.guideline.as_str())
    }),
    column("citation_chapters", |r| {
        cited(r, false, |c| c.chapter.as_deref().unwrap_or(""))
    }),
    column("citations", |r| cited(r, false, |c| c.text.as_str())),
    column("claims_administrator_guideline", |r| {
        of_item(r, |_, i| opt(&i.claims_administrator_guideline))
    }),
    column("maximus_guideline", |r| {
        of_item(r, |_, i| opt(&i.maximus_guideline))
    }),
    column("rationale", |r| of_item(r, |_, i| opt(&i.rationale))),
    column("warnings", |r| r.warnings.to_string()),
];

/// The header row's names, in order.
pub fn names() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().map(|c| c.name)
}

/// The whole CSV document (header row included) for `letters`.
pub fn to_csv(letters: &[Letter]) -> String {
    let mut out = String::new();
    push_row(&mut out, names().map(str::to_string));
    for letter in letters {
        for row in rows(letter) {
            push_row(&mut out, row.into_iter());
        }
    }
    out
}

/// The cells of each of `letter`'s rows, unquoted: one per item, or one for a letter without
/// items.
pub fn rows(letter: &Letter) -> Vec<Vec<String>> {
    // Each code once: a row's size does not grow with the number of warnings.
    let mut codes: Vec<&str> = Vec::new();
    for w in &letter.warnings {
        if !codes.contains(&w.code.as_str()) {
            codes.push(w.code.as_str());
        }
    }
    let warnings = codes.join("; ");
    let cells = |item| {
        let row = Row {
            letter,
            item,
            warnings: &warnings,
        };
        COLUMNS.iter().map(|c| (c.cell)(&row)).collect()
    };
    if letter.items.is_empty() {
        return vec![cells(None)];
    }
    letter
        .items
        .iter()
        .enumerate()
        .map(|(n, item)| cells(Some((n + 1, item))))
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
            let i = names().position(|c| c == name).unwrap();
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
        assert_eq!(lines[0], names().collect::<Vec<_>>().join(","));
        assert_eq!(lines[1].split(',').count(), COLUMNS.len());
        assert!(lines[1].starts_with(",unrecognized,"));
        assert!(lines[1].ends_with(",unrecognized-layout"));
    }
}
