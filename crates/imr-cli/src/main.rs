//! `imr`: reads IMR Final Determination Letters (text, PDF or scans) into Letter JSON v1, JSON
//! lines or CSV (`imr parse`), or into what they add up to (`imr stats`). A thin shell over `imr-read` (the reading pipeline shared with the page).

mod child;
mod cli;
mod input;
mod limits;
mod oom;
mod output;
mod parallel;

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

use cli::{Cli, Command, InputArgs, ParseArgs, StatsArgs, StatsFormat};
use input::{Input, Outcome, Reading};
use limits::Limits;
use output::Output;

#[global_allocator]
static ALLOCATOR: oom::Guarded = oom::Guarded;

fn main() -> ExitCode {
    if std::env::args_os().nth(1).is_some_and(|a| a == cli::CHILD) {
        return child::run(&cli::ChildArgs::parse_from(std::env::args_os().skip(1)));
    }
    match Cli::parse().command {
        Command::Parse(args) => parse(args),
        Command::Stats(args) => stats(args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell.generator(),
                &mut Cli::command(),
                "imr",
                &mut io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

/// A usage error in clap's words and with its exit status (2), as `imr COMMAND`'s.
fn usage(command: &str, kind: ErrorKind, message: impl std::fmt::Display) -> ! {
    let mut cmd = Cli::command();
    let sub = cmd.find_subcommand_mut(command).expect("declared").clone();
    sub.bin_name(format!("imr {command}"))
        .error(kind, message)
        .exit()
}

/// The inputs named on the command line and in `--files-from`, and how to read them.
fn inputs(command: &str, args: InputArgs, with_text: bool) -> (Vec<Input>, Reading, usize) {
    let limits = Limits::from_env().unwrap_or_else(|e| usage(command, ErrorKind::InvalidValue, e));
    let mut inputs: Vec<Input> = args.files.into_iter().map(Input::from_arg).collect();
    if let Some(list) = &args.files_from {
        let bytes = if list == "-" {
            if inputs.contains(&Input::Stdin) {
                usage(
                    command,
                    ErrorKind::ArgumentConflict,
                    "'-' (standard input) cannot be both a FILE and the --files-from list",
                );
            }
            let mut buf = Vec::new();
            io::stdin().read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::read(list)
        };
        match bytes {
            Ok(b) => inputs.extend(input::list(&b)),
            Err(e) => usage(
                command,
                ErrorKind::Io,
                format!("cannot read the --files-from list '{list}': {e}"),
            ),
        }
    }
    let how = Reading {
        limits,
        ocr: args.ocr,
        with_text,
    };
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    (inputs, how, jobs)
}

fn parse(args: ParseArgs) -> ExitCode {
    let format = args.format;
    let (inputs, how, jobs) = inputs("parse", args.inputs, args.with_text);
    let stdout = io::stdout();
    let Ok(mut out) = Output::new(io::BufWriter::new(stdout.lock()), format) else {
        return broken_pipe();
    };
    let mut all_read = true;
    let mut closed = false;
    parallel::in_order(
        inputs.len(),
        jobs,
        // Each letter rendered on the thread that read it.
        |i| input::read(&inputs[i], &how).map(|l| output::render(format, &l)),
        |outcome: Outcome<Vec<u8>>| {
            for m in &outcome.messages {
                eprintln!("{m}");
            }
            all_read &= outcome.read_as_letter;
            for letter in &outcome.letters {
                closed = closed || out.letter(letter).is_err();
            }
            !closed
        },
    );
    if closed || out.finish().is_err() {
        return broken_pipe();
    }
    exit_status(all_read)
}

/// `imr stats`: every input read (in parallel, counted in input order), then the tables.
fn stats(args: StatsArgs) -> ExitCode {
    let (inputs, how, jobs) = inputs("stats", args.inputs, false);
    let mut letters = Vec::new();
    let mut all_read = true;
    parallel::in_order(
        inputs.len(),
        jobs,
        |i| input::read(&inputs[i], &how),
        |outcome: Outcome| {
            for m in &outcome.messages {
                eprintln!("{m}");
            }
            all_read &= outcome.read_as_letter;
            // What is not an IMR letter (reported above) is left out of the counts.
            letters.extend(outcome.letters.into_iter().filter(|l| l.is_recognized()));
            true
        },
    );
    let insights = imr_letter::stats::insights(&letters);
    let chosen = |name: &str| {
        insights
            .tables()
            .into_iter()
            .find(|t| t.name == name)
            .expect("the names are the library's")
    };
    let text = match (args.format, args.table.as_deref()) {
        (StatsFormat::Text, None) => insights.to_text(),
        (StatsFormat::Text, Some(name)) => chosen(name).to_text(),
        (StatsFormat::Json, _) => {
            let mut json =
                serde_json::to_string_pretty(&insights).expect("the tables always serialize");
            json.push('\n');
            json
        }
        (StatsFormat::Csv, name) => chosen(name.unwrap_or(cli::TABLES[0])).to_csv(),
    };
    let mut out = io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return broken_pipe();
    }
    exit_status(all_read)
}

fn exit_status(all_read: bool) -> ExitCode {
    if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Output closed early (`imr parse ... | head`): stop quietly.
fn broken_pipe() -> ExitCode {
    ExitCode::from(1)
}
