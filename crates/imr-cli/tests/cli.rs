//! The `imr` command as a user runs it: formats, standard input, PDFs, errors and exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn corpus(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(rel);
    p.to_string_lossy().into_owned()
}

fn imr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const A: &str = "real/format1_CM16-0237844.txt";
const B: &str = "real/format1_CM17-0010420.txt";

#[test]
fn json_is_one_array_in_input_order() {
    let o = imr(&["parse", &corpus(B), &corpus(A)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let cases: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["case_number"].as_str().unwrap())
        .collect();
    assert_eq!(cases, ["CM17-0010420", "CM16-0237844"]);
    assert_eq!(v[0]["outcome"], "partially_overturned");
    assert_eq!(v[1]["dates"]["decision"], "2017-01-12");
    assert_eq!(v[1]["schema_version"], 1);
}

#[test]
fn jsonl_is_one_letter_a_line_and_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(["parse", "--format", "jsonl", &corpus(A), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(corpus(B)).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["case_number"], "CM17-0010420");
    assert_eq!(lines[1]["items"].as_array().unwrap().len(), 7);
}

#[test]
fn csv_has_the_documented_header_and_one_row_per_item() {
    let o = imr(&["parse", "--format=csv", &corpus(A), &corpus(B)]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let first = out.split("\r\n").next().unwrap();
    assert_eq!(first, imr_letter::csv::COLUMNS.join(","));
    assert!(first.starts_with("case_number,layout,decision_date,"));
    // 1 + 7 items; rationales hold no line breaks (values are collapsed), so rows are lines.
    let rows: Vec<&str> = out
        .split("\r\n")
        .skip(1)
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(rows.len(), 8);
    assert!(rows[0].starts_with("CM16-0237844,final_determination,2017-01-12,2016-10-20,"));
    assert_eq!(
        rows.iter()
            .filter(|r| r.contains(",overturned,true,"))
            .count(),
        6
    );
}

#[test]
fn csv_cells_that_look_like_formulas_are_made_safe() {
    let text = std::fs::read_to_string(corpus(A)).unwrap().replace(
        "Additional physical therapy two times four visits (8) for the lumbar and bilateral knees: ",
        "=HYPERLINK(\"http://x\") physical therapy: ",
    );
    let dir = std::env::temp_dir().join(format!("imr-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("formula.txt");
    std::fs::write(&f, text).unwrap();
    let out = stdout(&imr(&["parse", "--format", "csv", f.to_str().unwrap()]));
    assert!(
        out.contains(",\"'=HYPERLINK(\"\"http://x\"\") physical therapy\","),
        "{out}"
    );
}

#[test]
fn pdfs_are_read_by_content_not_by_name() {
    let dir = std::env::temp_dir().join(format!("imr-cli-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let renamed = dir.join("letter.txt");
    std::fs::copy(corpus("real/pdf/format1_CM17-0010420.pdf"), &renamed).unwrap();
    let o = imr(&["parse", renamed.to_str().unwrap(), &corpus(B)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for l in v.as_array_mut().unwrap() {
        l.as_object_mut().unwrap().remove("spans");
    }
    assert_eq!(v[0]["source"]["kind"], "pdf");
    assert_eq!(v[0]["source"]["pages"], serde_json::json!([1, 4]));
    assert_eq!(v[1]["source"]["kind"], "text");
    assert_eq!(v[0]["source"]["name"], renamed.to_str().unwrap());
    for l in v.as_array_mut().unwrap() {
        l.as_object_mut().unwrap().remove("source");
    }
    assert_eq!(v[0], v[1], "the PDF and its text give the same letter");
}

#[test]
fn errors_name_the_file_and_the_reason_and_the_rest_is_printed() {
    let dir = std::env::temp_dir().join(format!("imr-cli-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("latin1.txt");
    std::fs::write(&binary, b"Case Number: caf\xe9").unwrap();
    let novel = dir.join("novel.txt");
    std::fs::write(&novel, "It was a dark and stormy night.").unwrap();
    let fake_pdf = dir.join("fake.pdf");
    std::fs::write(&fake_pdf, b"%PDF-1.7\nthis is not really a pdf").unwrap();
    let missing = dir.join("missing.txt");
    let o = imr(&[
        "parse",
        missing.to_str().unwrap(),
        binary.to_str().unwrap(),
        novel.to_str().unwrap(),
        fake_pdf.to_str().unwrap(),
        &corpus(A),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("imr: {}: cannot read the file", missing.display())),
        "{err}"
    );
    // Not UTF-8: read as Windows-1252, and said so.
    assert!(
        err.contains(&format!(
            "imr: {}: warning: The file is not UTF-8 text; it was read as Windows-1252",
            binary.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("imr: {}: not an IMR letter: ", novel.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "imr: {}: cannot read this PDF: ",
            fake_pdf.display()
        )),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let layouts: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["layout"].as_str().unwrap())
        .collect();
    // The Windows-1252 text and the novel are printed, unrecognized; the letter is read.
    assert_eq!(
        layouts,
        ["unrecognized", "unrecognized", "final_determination"]
    );
    let codes: Vec<&str> = v[0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unrecognized-layout", "text-encoding"]);
}

#[test]
fn usage_errors_exit_2_and_help_shows_examples() {
    for args in [
        &[][..],
        &["parse"],
        &["parse", "--format", "xml", "a.txt"],
        &["frobnicate"],
        &["parse", "--bogus", "a"],
    ] {
        let o = imr(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with("imr: "), "{args:?}");
    }
    let o = imr(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("EXAMPLES:") && stdout(&o).contains("imr parse --format csv"));
}

#[test]
fn a_pdf_past_the_memory_or_time_limit_is_stopped_and_the_rest_goes_on() {
    // 0.5 MB that inflates to 512 MiB: read in a child process limited to 128 MB.
    let o = Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(["parse", &corpus("made/inflate-bomb.pdf"), &corpus(A)])
        .env("IMR_PDF_MEMORY_MB", "128")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("inflate-bomb.pdf: cannot read this PDF: "),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["case_number"], "CM16-0237844");

    let o = Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(["parse", &corpus("real/pdf/format1_CM16-0237844.pdf")])
        .env("IMR_PDF_SECONDS", "0")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("took longer than 0 s and was stopped"),
        "{}",
        stderr(&o)
    );
}
