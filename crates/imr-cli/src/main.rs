//! `imr`: reads IMR Final Determination Letters (text, PDF or scans) into Letter JSON v1, JSON
//! lines or CSV. A thin shell over `imr-read` (the reading pipeline shared with the page).

mod child;
mod cli;
mod input;
mod limits;
mod oom;
mod output;
mod parallel;

use std::io::{self, Read};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

use cli::{Cli, Command, ParseArgs};
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

/// A usage error in clap's words and with its exit status (2).
fn usage(kind: ErrorKind, message: impl std::fmt::Display) -> ! {
    let mut cmd = Cli::command();
    let parse = cmd.find_subcommand_mut("parse").expect("declared").clone();
    parse.bin_name("imr parse").error(kind, message).exit()
}

fn parse(args: ParseArgs) -> ExitCode {
    let limits = Limits::from_env().unwrap_or_else(|e| usage(ErrorKind::InvalidValue, e));
    let mut inputs: Vec<Input> = args.files.into_iter().map(Input::from_arg).collect();
    if let Some(list) = &args.files_from {
        let bytes = if list == "-" {
            if inputs.contains(&Input::Stdin) {
                usage(
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
                ErrorKind::Io,
                format!("cannot read the --files-from list '{list}': {e}"),
            ),
        }
    }
    let how = Reading {
        format: args.format,
        limits,
        ocr: args.ocr,
        with_text: args.with_text,
    };
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );

    let stdout = io::stdout();
    let Ok(mut out) = Output::new(io::BufWriter::new(stdout.lock()), args.format) else {
        return broken_pipe();
    };
    let mut all_read = true;
    let mut closed = false;
    parallel::in_order(
        inputs.len(),
        jobs,
        |i| input::read(&inputs[i], &how),
        |outcome: Outcome| {
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
