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
    imr_env(args, &[])
}

/// `imr` with environment variables set.
fn imr_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

/// `imr` with `input` on standard input.
fn imr_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    o
}

/// A fresh folder for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("imr-cli-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
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
    assert_eq!(
        first,
        imr_letter::csv::names().collect::<Vec<_>>().join(",")
    );
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
fn usage_errors_exit_2_with_clap_messages() {
    for (args, says) in [
        (&[][..], "Usage: imr <COMMAND>"),
        (
            &["parse"],
            "the following required arguments were not provided",
        ),
        (
            &["parse", "--format", "xml", "a.txt"],
            "invalid value 'xml' for '--format <FORMAT>'",
        ),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (
            &["parse", "--bogus", "a"],
            "unexpected argument '--bogus' found",
        ),
        (
            &["parse", "--jobs", "0", "a"],
            "invalid value '0' for '--jobs <N>'",
        ),
        (
            &["parse", "--ocr", "always", "a"],
            "invalid value 'always' for '--ocr <OCR>'",
        ),
        (&["completions", "tcsh"], "invalid value 'tcsh'"),
    ] {
        let o = imr(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    // '-' cannot be both a letter and the list of files.
    let o = imr_stdin(&["parse", "--files-from", "-", "-"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be both a FILE and the --files-from list"));
    let o = imr(&["parse", "--files-from", "/nonexistent/list.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read the --files-from list '/nonexistent/list.txt'"));
}

#[test]
fn help_keeps_the_examples_limits_and_exit_status() {
    for args in [&["--help"][..], &["parse", "--help"], &["help", "parse"]] {
        let o = imr(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        for part in [
            "EXAMPLES:",
            "imr parse --format csv letters/*.txt letters/*.pdf > decisions.csv",
            "pdftotext letter.pdf - | imr parse --format jsonl -",
            "LIMITS:",
            "IMR_PDF_MEMORY_MB",
            "IMR_PDF_SECONDS",
            "EXIT STATUS:",
            "2  wrong usage",
        ] {
            assert!(out.contains(part), "{args:?} lacks {part:?}:\n{out}");
        }
    }
    let out = stdout(&imr(&["parse", "--help"]));
    for option in ["--format", "--jobs", "--ocr", "--files-from", "--with-text"] {
        assert!(out.contains(option), "{option}");
    }
    // The child command is not shown.
    assert!(!stdout(&imr(&["--help"])).contains("__extract"));
    let o = imr(&["--version"]);
    assert_eq!(stdout(&o), format!("imr {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef imr"),
        ("fish", "complete -c imr"),
    ] {
        let o = imr(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        assert!(script.contains(marker), "{shell}");
        for word in ["parse", "files-from", "with-text", "jsonl", "force"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
        assert!(
            !script.contains("__extract"),
            "{shell} offers the hidden command"
        );
    }
}

#[test]
fn limits_in_the_environment_are_valid_or_a_usage_error_naming_the_variable() {
    for (var, value) in [
        ("IMR_PDF_SECONDS", "18446744073709551615"),
        ("IMR_PDF_SECONDS", "9223372036854775807"),
        ("IMR_PDF_SECONDS", "abc"),
        ("IMR_PDF_SECONDS", "-1"),
        ("IMR_PDF_SECONDS", "0"),
        ("IMR_PDF_MEMORY_MB", "0"),
        ("IMR_PDF_MEMORY_MB", "abc"),
        ("IMR_PDF_MEMORY_MB", "-1"),
        ("IMR_PDF_MEMORY_MB", "18446744073709551615"),
        ("IMR_OCR_SECONDS", "0"),
    ] {
        let o = imr_env(
            &[
                "parse",
                &corpus(A),
                &corpus("real/pdf/format1_CM16-0237844.pdf"),
            ],
            &[(var, value)],
        );
        assert_eq!(o.status.code(), Some(2), "{var}={value}");
        assert!(o.stdout.is_empty(), "{var}={value}: nothing is read");
        let err = stderr(&o);
        assert!(
            err.contains(&format!(
                "invalid value '{value}' for the environment variable {var}"
            )),
            "{var}={value}: {err}"
        );
    }
    // The largest values are taken, and overflow nothing.
    let o = imr_env(
        &[
            "parse",
            &corpus("real/pdf/format1_CM16-0237844.pdf"),
            &corpus(A),
        ],
        &[
            ("IMR_PDF_SECONDS", "1000000"),
            ("IMR_PDF_MEMORY_MB", "1000000"),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["case_number"], "CM16-0237844");
    assert_eq!(v[1]["case_number"], "CM16-0237844");
}

#[test]
fn a_decompression_bomb_is_refused_and_the_rest_goes_on() {
    // 0.5 MB that inflates to 512 MiB: refused by the PDF reader's decode limit.
    let o = imr(&["parse", &corpus("made/inflate-bomb.pdf"), &corpus(A)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("inflate-bomb.pdf: cannot read this PDF: this PDF unpacks to more data than this reader accepts"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["case_number"], "CM16-0237844");
}

#[test]
fn a_file_over_the_memory_limit_is_reported_as_such_and_the_rest_goes_on() {
    // The test hook makes the child ask for 4 GiB: past a 128 MB limit.
    let o = imr_env(
        &[
            "parse",
            &corpus("real/pdf/format1_CM16-0237844.pdf"),
            &corpus(B),
        ],
        &[("IMR_PDF_MEMORY_MB", "128"), ("IMR_TEST_ALLOCATE", "1")],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("format1_CM16-0237844.pdf: cannot read this PDF: reading it needed more than 128 MB of memory (IMR_PDF_MEMORY_MB) and was stopped"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["case_number"], "CM17-0010420");
}

#[test]
fn a_file_over_the_time_limit_is_stopped_and_the_rest_goes_on() {
    // The test hook makes the child wait forever: the limit, not the machine's speed, ends it.
    let o = imr_env(
        &[
            "parse",
            "--format",
            "jsonl",
            &corpus("real/pdf/format1_CM16-0237844.pdf"),
            &corpus(B),
        ],
        &[("IMR_PDF_SECONDS", "1"), ("IMR_TEST_STALL", "1")],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("format1_CM16-0237844.pdf: cannot read this PDF: reading it took longer than 1 s and was stopped"),
        "{}",
        stderr(&o)
    );
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["case_number"], "CM17-0010420");
}

#[test]
fn files_from_a_list_too_long_for_the_command_line() {
    let dir = scratch("list");
    // 60,000 names of ~150 bytes: 9 MB, past any argument list (ARG_MAX is 2 MB on Linux).
    let deep = dir.join(format!("{}/{}", "d".repeat(60), "e".repeat(60)));
    std::fs::create_dir_all(&deep).unwrap();
    let small = deep.join("tiny letter.txt");
    std::fs::write(&small, "Case Number: CM00-0000001").unwrap();
    let mut list = String::new();
    for _ in 0..60_000 {
        list.push_str(small.to_str().unwrap());
        list.push('\n');
    }
    assert!(list.len() > 8_000_000);
    let list_file = dir.join("list.txt");
    std::fs::write(&list_file, &list).unwrap();
    let o = imr(&[
        "parse",
        "--format",
        "csv",
        "--files-from",
        list_file.to_str().unwrap(),
    ]);
    // Not a whole letter: each is printed, unrecognized, and the exit status says so.
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let rows: Vec<&str> = out.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 1 + 60_000);
    assert!(
        rows[60_000].starts_with(",unrecognized,"),
        "{}",
        rows[60_000]
    );

    // The list on standard input, after the files named on the command line.
    let list = format!(
        "{}\r\n\n{}\n",
        corpus(B),
        corpus("real/pdf/format1_CM16-0237844.pdf")
    );
    let o = imr_stdin(
        &[
            "parse",
            "--format",
            "jsonl",
            "--files-from",
            "-",
            &corpus(A),
        ],
        list.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cases: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["case_number"].to_string())
        .collect();
    assert_eq!(
        cases,
        ["\"CM16-0237844\"", "\"CM17-0010420\"", "\"CM16-0237844\""]
    );
}

#[test]
fn with_text_prints_the_text_the_spans_point_into() {
    let o = imr(&[
        "parse",
        "--with-text",
        &corpus(A),
        &corpus("real/pdf/format1_CM16-0237844.pdf"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let text = std::fs::read_to_string(corpus(A)).unwrap();
    assert_eq!(v[0]["text"], text.as_str());
    let pdf_text = v[1]["text"].as_str().unwrap();
    let [start, end] = [0, 1].map(|i| v[1]["spans"]["/case_number"][i].as_u64().unwrap() as usize);
    assert_eq!(&pdf_text[start..end], "CM16-0237844");
    // Without the option there is no "text".
    let v: serde_json::Value = serde_json::from_str(&stdout(&imr(&["parse", &corpus(A)]))).unwrap();
    assert!(v[0].get("text").is_none());
}

#[test]
fn every_core_gives_the_same_bytes_as_one() {
    let dir = scratch("jobs");
    let missing = dir.join("missing.txt");
    let novel = dir.join("novel.txt");
    std::fs::write(&novel, "It was a dark and stormy night.").unwrap();
    let fake_pdf = dir.join("fake.pdf");
    std::fs::write(&fake_pdf, b"%PDF-1.7\nthis is not really a pdf").unwrap();
    let mut files = vec![
        corpus("real/pdf/format1_CM17-0010420.pdf"),
        missing.to_str().unwrap().to_string(),
        corpus(A),
        fake_pdf.to_str().unwrap().to_string(),
        corpus("made/password-aes128.pdf"),
        novel.to_str().unwrap().to_string(),
        corpus("real/pdf/format1_CM16-0237844.pdf"),
        corpus(B),
    ];
    for name in [
        "format1_CM16-0230548",
        "format1_CM16-0242419",
        "format1_CM17-0007142",
    ] {
        files.push(corpus(&format!("real/{name}.txt")));
        files.push(corpus(&format!("real/pdf/{name}.pdf")));
    }
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    for format in ["json", "jsonl", "csv"] {
        let run = |jobs: &str| {
            let mut args = vec!["parse", "--format", format, "--jobs", jobs];
            args.extend(&files);
            imr(&args)
        };
        let (one, four) = (run("1"), run("4"));
        assert_eq!(one.status.code(), Some(1), "{format}");
        assert_eq!(four.status.code(), Some(1), "{format}");
        assert!(one.stdout.len() > 10_000, "{format}");
        assert!(one.stdout == four.stdout, "{format}: the output differs");
        assert_eq!(stderr(&one), stderr(&four), "{format}");
    }
    // In input order, failures left out.
    let mut args = vec!["parse", "--format", "jsonl"];
    args.extend(&files);
    let names: Vec<String> = stdout(&imr(&args))
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let expected: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| {
            !f.ends_with("missing.txt")
                && !f.ends_with("fake.pdf")
                && !f.ends_with("password-aes128.pdf")
        })
        .collect();
    assert_eq!(names, expected);
}
