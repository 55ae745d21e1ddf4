//! `imr`: parses IMR Final Determination Letters (text or PDF) into Letter JSON v1, JSON lines
//! or CSV. A thin shell over `imr-letter` (and `imr-pdf` for PDFs).

mod input;
mod pdf_guard;

use std::io::{self, Write};
use std::process::ExitCode;

use imr_letter::Letter;

const HELP: &str = "\
imr - read California IMR Final Determination Letters (text or PDF)

USAGE:
    imr parse [--format json|jsonl|csv] FILE...
    imr --help | --version

FILE is a letter as text (UTF-8) or as the PDF the DWC publishes, told apart by content,
not by name; '-' reads standard input.

FORMATS:
    json    one JSON array of Letter objects, in input order (the default)
    jsonl   one Letter object a line
    csv     one row per disputed item, the letter's fields repeated on each row;
            the columns are listed in the README (cells that begin with = + - @ are
            prefixed with ' so that spreadsheets do not run them)

LIMITS:
    Each PDF is read in a child process that may use at most IMR_PDF_MEMORY_MB
    megabytes (default 1024) and IMR_PDF_SECONDS seconds (default 30); a file that
    needs more is stopped and reported, and the others go on.

EXIT STATUS:
    0  every file was read as an IMR letter
    1  a file could not be read, or is not an IMR letter (the others are still printed;
       a text that is not a letter is printed with layout \"unrecognized\")
    2  wrong usage

EXAMPLES:
    imr parse letter.pdf
    imr parse --format csv letters/*.txt letters/*.pdf > decisions.csv
    pdftotext letter.pdf - | imr parse --format jsonl -
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Jsonl,
    Csv,
}

fn usage(message: &str) -> ExitCode {
    eprintln!("imr: {message}\nTry 'imr --help'.");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => usage("no command given"),
        Some("-h" | "--help" | "help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("imr {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("parse") => parse_command(&args[1..]),
        Some(pdf_guard::CHILD_ARG) => pdf_guard::run_child(),
        Some(other) => usage(&format!("unknown command '{other}'")),
    }
}

fn parse_command(args: &[String]) -> ExitCode {
    let mut format = Format::Json;
    let mut files = Vec::new();
    let mut it = args.iter();
    let mut only_files = false;
    while let Some(a) = it.next() {
        let value = match a.as_str() {
            _ if only_files => {
                files.push(a.clone());
                continue;
            }
            "--" => {
                only_files = true;
                continue;
            }
            "-h" | "--help" => {
                print!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "-f" | "--format" => match it.next() {
                Some(v) => v.as_str(),
                None => return usage("--format needs a value: json, jsonl or csv"),
            },
            s if s.starts_with("--format=") => &s["--format=".len()..],
            s if s.starts_with('-') && s != "-" => return usage(&format!("unknown option '{s}'")),
            _ => {
                files.push(a.clone());
                continue;
            }
        };
        format = match value {
            "json" => Format::Json,
            "jsonl" => Format::Jsonl,
            "csv" => Format::Csv,
            other => return usage(&format!("unknown format '{other}': use json, jsonl or csv")),
        };
    }
    if files.is_empty() {
        return usage("no FILE given (use '-' for standard input)");
    }

    let mut all_read = true;
    let mut letters: Vec<Letter> = Vec::new();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let read = files
        .iter()
        .flat_map(|file| match input::read_letter(file) {
            Ok(read) => {
                for note in &read.notes {
                    eprintln!("imr: {file}: {note}");
                }
                read.letters.into_iter().map(|l| (file, l)).collect()
            }
            Err(e) => {
                eprintln!("imr: {file}: {e}");
                all_read = false;
                Vec::new()
            }
        });
    let read: Vec<(&String, Letter)> = read.collect();
    for (file, letter) in read {
        if !letter.is_recognized() {
            let why = letter.warnings.first().map_or("", |w| w.message.as_str());
            eprintln!("imr: {file}: not an IMR letter: {why}");
            all_read = false;
        }
        if format == Format::Jsonl {
            // Streamed, so that thousands of files need no more memory than one.
            if write_jsonl(&mut out, &letter).is_err() {
                return broken_pipe();
            }
        } else {
            letters.push(letter);
        }
    }
    let written = match format {
        Format::Jsonl => Ok(()),
        Format::Json => serde_json::to_writer_pretty(&mut out, &letters)
            .map_err(io::Error::from)
            .and_then(|_| writeln!(out)),
        Format::Csv => out.write_all(imr_letter::csv::to_csv(&letters).as_bytes()),
    };
    if written.and_then(|_| out.flush()).is_err() {
        return broken_pipe();
    }
    if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn write_jsonl(out: &mut impl Write, letter: &Letter) -> io::Result<()> {
    serde_json::to_writer(&mut *out, letter)?;
    writeln!(out)
}

/// Output closed early (`imr parse ... | head`): stop quietly.
fn broken_pipe() -> ExitCode {
    ExitCode::from(1)
}
