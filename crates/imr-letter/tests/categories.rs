//! Every request of the corpus with its reviewed category (`tests/categories.tsv`), and the
//! rules of `docs/treatment-categories-v1.md` on real requests.

mod common;

use common::*;
use imr_letter::{parse, Subtype, TreatmentType};

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
                item.request
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
    let _ = TreatmentType::Other;
}
