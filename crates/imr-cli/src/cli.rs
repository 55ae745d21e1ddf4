//! The command line, declared with clap: commands, options, help.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The first argument that makes `imr` the child reading one PDF or scan under limits.
pub const CHILD: &str = "__extract";

const AFTER_HELP: &str = "\
FILE is a letter as text (UTF-8, UTF-16 or Windows-1252), as the PDF the DWC publishes, or as a
scan (PNG, JPEG, TIFF, or a PDF whose pages are images), told apart by content, not by name;
'-' reads standard input.

FORMATS:
    json    one JSON array of Letter objects, in input order (the default)
    jsonl   one Letter object a line, each written as soon as it and those before it are read
    csv     one row per disputed item, the letter's fields repeated on each row;
            the columns are listed in the README (cells that begin with = + - @ are
            prefixed with ' so that spreadsheets do not run them)

OCR:
    Scans are read by Debian's Tesseract (tesseract-ocr, English model tesseract-ocr-eng).
    auto    image files and PDF pages without a text layer (the default)
    off     a scan is an error (no-text-layer)
    force   every page that has a page image, even where the PDF has a text layer

LIMITS:
    Each PDF or scan is read in a child process that may use at most IMR_PDF_MEMORY_MB
    megabytes (default 1024) and IMR_PDF_SECONDS seconds (default 30), plus
    IMR_OCR_SECONDS seconds (default 120) for each page read by OCR; a file that needs
    more is stopped and reported, and the others go on. Each takes a whole number up to
    1000000 (IMR_PDF_MEMORY_MB at least 32, the others at least 1); any other value is a
    usage error.

EXIT STATUS:
    0  every file was read as an IMR letter
    1  a file could not be read, or is not an IMR letter (the others are still printed;
       a text that is not a letter is printed with layout \"unrecognized\")
    2  wrong usage

EXAMPLES:
    imr parse letter.pdf
    imr parse --format csv letters/*.txt letters/*.pdf > decisions.csv
    pdftotext letter.pdf - | imr parse --format jsonl -
    find letters -type f | imr parse --format jsonl --files-from -
    imr parse --ocr off --jobs 1 fax.tif
";

const STATS_AFTER_HELP: &str = "\
FILE is read as by 'imr parse' (text, PDF or scan; '-' reads standard input). A file that is
not an IMR letter is reported and left out of the counts.

COUNTING:
    An overturn rate is over the items whose decision could be read (its n, 'decided').
    An item counts under each specialty of its letter and under each guideline it cites
    (or 'none cited'); shares are of all items (of pharmaceutical items for subtypes).
    Days are per letter; letters missing a date, or with dates out of order, are counted
    apart. Median and 90th percentile are by nearest rank.

EXIT STATUS:
    0  every file was read as an IMR letter
    1  a file could not be read, or is not an IMR letter (the others are still counted)
    2  wrong usage

EXAMPLES:
    imr stats letters/*.pdf
    imr stats --table by_guideline letters/*.txt
    imr stats --format json letters/*.txt > insights.json
    find letters -type f | imr stats --format csv --table by_month --files-from -
";

/// The tables of `imr stats`, by name, in their order.
pub const TABLES: [&str; 7] = [
    "by_type",
    "pharmaceutical",
    "by_specialty",
    "by_guideline",
    "ur_denial_to_application",
    "application_to_decision",
    "by_month",
];

/// imr - read California IMR Final Determination Letters (text, PDF or scans)
#[derive(Debug, Parser)]
#[command(name = "imr", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read letters into Letter JSON v1 (docs/letter-json-v1.md), JSON lines or CSV
    #[command(after_help = AFTER_HELP)]
    Parse(ParseArgs),
    /// Print what the letters add up to: items by treatment type, pharmaceutical subtype,
    /// reviewer specialty and guideline cited, with overturn rates; days from UR denial to
    /// application and from application to decision; decisions by month
    #[command(after_help = STATS_AFTER_HELP)]
    Stats(StatsArgs),
    /// Print a completion script for a shell (e.g. `imr completions bash > /etc/bash_completion.d/imr`)
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Json)]
    pub format: Format,

    /// Add each letter's text (what its spans point into) as "text"
    #[arg(long)]
    pub with_text: bool,

    #[command(flatten)]
    pub inputs: InputArgs,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format
    #[arg(short, long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,

    /// Only this table (text and CSV; CSV prints one table, by_type unless told)
    #[arg(short, long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(TABLES))]
    pub table: Option<String>,

    #[command(flatten)]
    pub inputs: InputArgs,
}

/// The files to read and how: the same for `parse` and `stats`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files read at once [default: the number of cores]; 1 reads one after the other. The
    /// output is the same either way, in input order
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,

    /// Which pages to read by OCR
    #[arg(long, value_enum, default_value_t = OcrArg::Auto)]
    pub ocr: OcrArg,

    /// Read the names of more files from FILE, one a line ('-': standard input); for lists
    /// too long for the command line
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<String>,

    /// Letters to read ('-': standard input)
    #[arg(value_name = "FILE", required_unless_present = "files_from")]
    pub files: Vec<std::ffi::OsString>,
}

/// The child (`imr __extract`, run by `parse`, not a command of its own: it is in no help and
/// no completion): reads one PDF or scan from standard input and answers in JSON.
#[derive(Debug, Parser)]
#[command(name = CHILD)]
pub struct ChildArgs {
    #[arg(long, value_enum)]
    pub ocr: OcrArg,
    /// Longest the OCR of one page may take.
    #[arg(long)]
    pub page_seconds: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON array of Letter objects
    Json,
    /// One Letter object a line
    Jsonl,
    /// One row per disputed item
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Aligned tables, each under its title
    Text,
    /// One JSON object: the totals and every table's rows
    Json,
    /// One table (--table) as CSV
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OcrArg {
    /// Image files and PDF pages without a text layer
    Auto,
    /// Never: a scan is an error
    Off,
    /// Every page that has a page image
    Force,
}

impl OcrArg {
    pub fn mode(self) -> imr_read::OcrMode {
        match self {
            OcrArg::Auto => imr_read::OcrMode::Auto,
            OcrArg::Off => imr_read::OcrMode::Off,
            OcrArg::Force => imr_read::OcrMode::Force,
        }
    }
}

/// The shells completions are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl Shell {
    pub fn generator(self) -> clap_complete::Shell {
        match self {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn the_table_names_are_the_librarys() {
        let empty = imr_letter::stats::insights(&[]);
        let names: Vec<&str> = empty.tables().iter().map(|t| t.name).collect();
        assert_eq!(names, super::TABLES);
    }
}
