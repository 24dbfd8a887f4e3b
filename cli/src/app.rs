//! `dvhc`: Vietnamese administrative units and addresses on the command line.
//!
//! Old (pre-July-2025) addresses to new ones, address parsing, unit search and lookup,
//! and a streaming, multi-core CSV translator for data pipelines. Data goes to stdout
//! (JSON Lines by default), messages to stderr. Exit codes: 0 when every input was
//! processed (per-input errors are part of the output), 1 on I/O errors or a unit that
//! does not exist (`get`), 2 on usage errors, 3 when the run finished with rows in error
//! that the options make fatal (rows unreadable as CSV unless `--lenient`; with
//! `--strict`, any row not `ok`).

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use dvhc::search::{Mode, Search, WithinError};
use dvhc::{
    address, translate, AsOf, Commune, Date, Era, Level, PostalCode, Unit, UnitCode, UnitCodeError,
};

use crate::csv::{CsvOptions, ProgressBar, Threads};
use crate::decode::Encoding;
use crate::lines::{Input, Source};
use crate::model::ErrorOut;
use crate::{engine, lines, pipeline, text};

const MAIN_EXAMPLES: &str = "\
Examples:
  dvhc translate \"12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM\"
  dvhc translate < old_addresses.txt > new.jsonl
  dvhc parse --format text \"so 5 ap 2 xa tan thanh huyen thu thua long an\"
  dvhc search --fuzzy --level commune \"Ben Ngheh\"
  dvhc get 26740 --era legacy
  dvhc csv --column address customers.csv > customers.dvhc.csv

Exit status: 0 when every input was processed (per-row errors are in the output),
1 on an I/O error or when `get` finds no such unit, 2 on a usage error, 3 when the
run finished with row errors made fatal: rows unreadable as CSV (unless --lenient),
or with --strict any row not `ok`.";

const TRANSLATE_EXAMPLES: &str = "\
Output: one JSON object per input, in input order:
  {\"input\", \"status\": \"ok\"|\"partial\"|\"ambiguous\"|\"error\", \"structure\": \"legacy\"|\"current\"|null,
   \"legacy\": {\"province\", \"district\", \"commune\"}|null, \"rest\",
   \"candidates\": [{\"province\", \"commune\", \"share\", \"distance_km\"}],
   \"formatted\": string|null, \"error\": {\"kind\", \"message\"}|null}
Units are {\"code\", \"name\"}: zero-padded code, full official name.

Examples:
  dvhc translate \"12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM\"
  dvhc translate --format text \"125 Hai Bà Trưng, P. Đa Kao, Q1, TP HCM\"
  dvhc translate --on 2025-07-01 \"Xã Long Thành, Huyện Long Thành, Tỉnh Đồng Nai\"
  dvhc translate < old_addresses.txt | jq -r 'select(.status == \"ok\") | .formatted'";

const PARSE_EXAMPLES: &str = "\
Output: one JSON object per input, in input order:
  {\"input\", \"status\": \"ok\"|\"partial\"|\"ambiguous\"|\"error\", \"structure\",
   \"units\": {\"province\", \"district\", \"commune\"},
   \"alternatives\": [{\"structure\", \"units\"}], \"rest\", \"error\"}
`alternatives` lists the other readings of an ambiguous address.

Examples:
  dvhc parse \"so 5 ap 2 xa tan thanh huyen thu thua long an\"
  dvhc parse --format text \"Phường 1\"
  cut -d, -f3 addresses.csv | dvhc parse > parsed.jsonl";

const SEARCH_EXAMPLES: &str = "\
Output: one JSON object per hit, best first:
  {\"code\", \"name\", \"kind\", \"level\", \"era\", \"province\", \"district\", \"score\"}

Examples:
  dvhc search \"Bến Nghé\"
  dvhc search --era current --level commune xuan huong da lat
  dvhc search --fuzzy --in 79 \"Ben Ngheh\"
  dvhc search --prefix --level province --era current --limit 5 Thanh
  dvhc search --in 760 --prefix --format text Bến";

const LOCATE_EXAMPLES: &str = "\
The commune whose boundary contains the point (WGS 84 degrees), from the boundary
polygons compiled into dvhc-geo; output as `dvhc get` prints a commune. A point in no
commune (at sea, abroad) is reported with the nearest commune within --max-km.

Examples:
  dvhc locate 10.7769 106.7009          # Phường Sài Gòn
  dvhc locate 21.0285 105.8542 --format text
  dvhc locate -- 10.2 103.9";

const GET_EXAMPLES: &str = "\
The level follows from the code's digits: 2 province, 3 district (legacy only),
5 commune. Current units list the legacy units they were formed from
(`predecessors`); legacy units list the current units they went into (`successors`).

Examples:
  dvhc get 79
  dvhc get 26740                    # Phường Sài Gòn
  dvhc get 26740 --era legacy       # Phường Bến Nghé, and where it went
  dvhc get 760                      # Quận 1 (legacy district)
  dvhc get 11120 --postal           # Phường Ba Đình, by its postal code
  dvhc get 75 --on 2026-01-01 --format text";

const CSV_EXAMPLES: &str = "\
Appended columns: dvhc_commune_code, dvhc_commune_name, dvhc_province_code,
dvhc_province_name, dvhc_share, dvhc_status (ok|partial|ambiguous|error), dvhc_candidates,
dvhc_candidate_codes (|-separated, best first), dvhc_formatted, dvhc_error.
The commune is filled only when the address resolves to one unit; the province and
the share when all candidates agree. A bad row gets status `error` and a message;
the run goes on. Rows keep their order; memory stays bounded whatever the size.

Examples:
  dvhc csv --column address customers.csv > customers.dvhc.csv
  dvhc csv --column \"Địa chỉ\" --lat lat --lon lng shops.csv > shops.dvhc.csv
  xzcat big.csv.xz | dvhc csv --column addr --era-out 2025-07-01 | gzip > out.csv.gz
  dvhc csv -n -d tab --column 3 rows.txt
  dvhc csv --column address --bom -o for_excel.csv customers.csv

Unreadable rows: a record over --max-record-bytes (default 1 MiB; an unclosed quote
swallows lines until then) or a quote still open at the end of the input becomes an
`error` row holding its first line read alone, and reading goes on at the next line.
Such a run lists the lines on stderr and exits with status 3 (0 with --lenient).
A file dvhc csv wrote can be read again: its dvhc_* columns are replaced, not repeated.
Files ending in .tsv or .tab are tab-separated unless -d says otherwise.
Encodings: UTF-8 and UTF-16 byte-order marks are followed; without one, UTF-8 is
expected and anything else is reported on stderr (--encoding to choose).";

/// Vietnamese administrative units and addresses: old → new translation, parsing,
/// search, lookup and streaming CSV.
#[derive(Debug, Parser)]
#[command(name = "dvhc", version, after_help = MAIN_EXAMPLES, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Translate addresses (old or new structure) into the current structure.
    ///
    /// Addresses come from the arguments, or from stdin one per line when none are
    /// given; every input line gets one output object (blank lines get an `empty`
    /// error), in input order.
    #[command(after_help = TRANSLATE_EXAMPLES)]
    Translate(LinesArgs),
    /// Parse addresses into their province, district and commune.
    ///
    /// Addresses come from the arguments, or from stdin one per line when none are
    /// given; every input line gets one output object, in input order.
    #[command(after_help = PARSE_EXAMPLES)]
    Parse(LinesArgs),
    /// Search units by name (diacritics, case and kind words optional).
    #[command(after_help = SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// Show one unit by code, with its parents and its old/new counterparts.
    #[command(after_help = GET_EXAMPLES)]
    Get(GetArgs),
    /// Translate an address column of a CSV file, appending the new units.
    #[command(after_help = CSV_EXAMPLES)]
    Csv(CsvArgs),
    /// Find the commune that contains a point (latitude, longitude).
    #[command(after_help = LOCATE_EXAMPLES)]
    Locate(LocateArgs),
    /// Serve the HTTP API: the provinces web API (v1, v2) and dvhc's own endpoints.
    #[cfg(feature = "serve")]
    #[command(after_help = crate::serve::EXAMPLES)]
    Serve(crate::serve::ServeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  dvhc completions bash > ~/.local/share/bash-completion/completions/dvhc\n  dvhc completions zsh > ~/.zfunc/_dvhc"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man directory.
    #[command(
        after_help = "Examples:\n  dvhc man | man -l -\n  dvhc man > ~/.local/share/man/man1/dvhc.1"
    )]
    Man,
}

/// Where the output goes, and what is said at the end.
#[derive(Debug, Args)]
struct OutputArgs {
    /// Write the output to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print no summary line on stderr at the end (errors are still printed).
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Exit with status 3 when any row is not `ok` (partial, ambiguous or error).
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Args)]
struct LocateArgs {
    /// Latitude, WGS 84 degrees.
    #[arg(allow_negative_numbers = true)]
    lat: f64,
    /// Longitude, WGS 84 degrees.
    #[arg(allow_negative_numbers = true)]
    lon: f64,
    /// For a point in no commune: how far to look for the nearest one, in km.
    #[arg(long, value_name = "KM", default_value_t = 5.0)]
    max_km: f64,
    /// Render names and kinds in force on this day (YYYY-MM-DD, from 2025-07-01);
    /// default: now.
    #[arg(long, value_name = "DATE")]
    on: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// JSON (one object per line).
    Json,
    /// Text for people.
    Text,
}

/// The table formats of `dvhc csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    /// Comma-separated values (or --delimiter).
    Csv,
    /// Tab-separated values.
    Tsv,
    /// JSON Lines: one object per line.
    Jsonl,
}

/// How `translate` and `parse` read stdin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LinesFormat {
    /// One address per line.
    Lines,
    /// One JSON object per line; the address is in --field.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EraArg {
    /// The structure from 1 July 2025.
    Current,
    /// The structure to 30 June 2025.
    Legacy,
}

impl From<EraArg> for Era {
    fn from(e: EraArg) -> Era {
        match e {
            EraArg::Current => Era::Current,
            EraArg::Legacy => Era::Legacy,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LevelArg {
    /// Provinces and centrally governed cities.
    Province,
    /// Districts (legacy structure only).
    District,
    /// Communes, wards, townships and special zones.
    Commune,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Province => Level::Province,
            LevelArg::District => Level::District,
            LevelArg::Commune => Level::Commune,
        }
    }
}

#[derive(Debug, Args)]
struct LinesArgs {
    /// Addresses; read from stdin, one per line, when none are given or `-`.
    #[arg(value_name = "ADDRESS")]
    addresses: Vec<String>,
    /// Render names and kinds in force on this day (YYYY-MM-DD, from 2025-07-01);
    /// default: now.
    #[arg(long, value_name = "DATE")]
    on: Option<Date>,
    /// Read every address in this structure only (text that reads in both is then
    /// not ambiguous); default: either.
    #[arg(long, value_enum, value_name = "ERA")]
    assume: Option<EraArg>,
    /// How stdin is read: one address per line, or JSON Lines with the address in
    /// --field.
    #[arg(long, value_enum, default_value_t = LinesFormat::Lines)]
    input_format: LinesFormat,
    /// With --input-format jsonl: the field holding the address.
    #[arg(long, value_name = "NAME", default_value = "address")]
    field: String,
    /// The encoding of stdin.
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    encoding: Encoding,
    #[command(flatten)]
    output: OutputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Worker threads (default: all cores; at most 256).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Memory for results of repeated inputs, in MiB (0: no cache; at most 4096).
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    cache_mb: usize,
}

#[derive(Debug, Args)]
struct SearchArgs {
    /// The name to look for (several words are joined with spaces).
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    query: Vec<String>,
    /// Only units of this structure.
    #[arg(long, value_enum)]
    era: Option<EraArg>,
    /// Only units of this level.
    #[arg(long, value_enum)]
    level: Option<LevelArg>,
    /// Only units inside this unit: a province code (2 digits: that province of
    /// both structures, or of the one --era names) or a legacy district code (3 digits).
    #[arg(long = "in", value_name = "CODE")]
    within: Option<String>,
    /// Match names that start with the query (autocomplete).
    #[arg(long, conflicts_with = "fuzzy")]
    prefix: bool,
    /// Tolerate typos (1 edit for 4–7 letters, 2 from 8).
    #[arg(long)]
    fuzzy: bool,
    /// At most N hits.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Debug, Args)]
struct GetArgs {
    /// The unit's code: 2 digits (province), 3 (legacy district) or 5 (commune); with
    /// --postal, a commune's postal code.
    code: String,
    /// CODE is a five-digit postal code (mã bưu chính): the current commune that has it.
    #[arg(long, conflicts_with = "era")]
    postal: bool,
    /// The structure the code belongs to (default: current; legacy for 3 digits, or
    /// with --on before 2025-07-01).
    #[arg(long, value_enum)]
    era: Option<EraArg>,
    /// Render names and kinds in force on this day (YYYY-MM-DD); default: now. Before
    /// 2025-07-01 the code is read in the legacy structure (the one then in force).
    #[arg(long, value_name = "DATE")]
    on: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Debug, Args)]
struct CsvArgs {
    /// The CSV file; stdin when absent or `-`.
    input: Option<PathBuf>,
    /// The column holding the address: its header name (or its number from 1 with
    /// --no-header); with JSON Lines input, the field.
    #[arg(long, visible_alias = "field", value_name = "NAME")]
    column: String,
    /// A latitude column (WGS 84): a split commune is resolved to the candidate whose
    /// boundary contains the point (dvhc-geo), else its candidates are ranked nearest first.
    #[arg(long, value_name = "COL", requires = "lon")]
    lat: Option<String>,
    /// A longitude column (WGS 84), with --lat.
    #[arg(long, value_name = "COL", requires = "lat")]
    lon: Option<String>,
    /// Render names and kinds in force on this day (YYYY-MM-DD, from 2025-07-01);
    /// default: now.
    #[arg(long = "era-out", visible_alias = "on", value_name = "DATE")]
    era_out: Option<Date>,
    /// Read every address in this structure only; default: either.
    #[arg(long, value_enum, value_name = "ERA")]
    assume: Option<EraArg>,
    /// The input has no header row (no header is written either).
    #[arg(short = 'n', long)]
    no_header: bool,
    /// Field delimiter: one ASCII character, or `tab` (default: `,`, or tab for a
    /// .tsv or .tab file).
    #[arg(short = 'd', long, value_name = "CHAR", value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Worker threads (default: all cores; at most 256).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Memory for results of repeated inputs, in MiB (0: no cache; at most 4096).
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    cache_mb: usize,
    /// The largest record read whole, in bytes; a larger one (an unclosed quote?)
    /// becomes an error row and reading goes on at the next line.
    #[arg(long, value_name = "BYTES", default_value_t = crate::csv::DEFAULT_MAX_RECORD,
          value_parser = parse_record_limit)]
    max_record_bytes: usize,
    /// Rows unreadable as CSV do not make the exit status 3 (they are still error
    /// rows, and listed on stderr).
    #[arg(long)]
    lenient: bool,
    /// The encoding of the input.
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    encoding: Encoding,
    /// The input's format (default: jsonl for a .jsonl or .ndjson file, tsv for .tsv or
    /// .tab, else csv).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<TableFormat>,
    /// The output's format (default: JSON Lines for JSON Lines input, else CSV with
    /// the input's delimiter).
    #[arg(long, value_enum, value_name = "FORMAT")]
    output_format: Option<TableFormat>,
    /// Start the output with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    bom: bool,
    /// Never show the progress bar (it is shown only when stderr is a terminal).
    #[arg(long)]
    no_progress: bool,
    #[command(flatten)]
    output: OutputArgs,
}

fn parse_record_limit(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=crate::records::MAX_LIMIT).contains(&n) => Ok(n),
        _ => Err(format!(
            "a number of bytes from 1 to {}",
            crate::records::MAX_LIMIT
        )),
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && crate::csv::usable_delimiter(s.as_bytes()[0]) => Ok(s.as_bytes()[0]),
        _ => Err(
            "the delimiter is one ASCII character other than a quote or a line break, or `tab`"
                .to_owned(),
        ),
    }
}

/// Why a command failed.
#[derive(Debug)]
enum Fail {
    /// Bad arguments (exit 2).
    Usage(String),
    /// Reading or writing failed (exit 1).
    Io(String),
    /// The unit asked for does not exist (exit 1).
    NotFound(String),
    /// The run finished, with rows in error that the options make fatal (exit 3).
    Rows(String),
}

/// `-V`: the crate's version and the data's.
fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} (data {})",
            env!("CARGO_PKG_VERSION"),
            dvhc::DATA_VERSION
        )
    })
}

/// The command line's definition, with the version that names the data.
fn command() -> clap::Command {
    Cli::command().version(version())
}

/// Runs the command line (see [`crate::main`]).
pub(crate) fn main() -> ExitCode {
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(fail) => {
            let (code, msg) = match fail {
                Fail::Usage(m) => (2, m),
                Fail::Io(m) | Fail::NotFound(m) => (1, m),
                Fail::Rows(m) => (3, m),
            };
            let _ = writeln!(io::stderr(), "dvhc: {msg}");
            ExitCode::from(code)
        }
    }
}

/// What clap stops for: help and version go to stdout, and failing to write them is
/// an error (exit 1); a usage error goes to stderr (exit 2).
fn clap_exit(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let text = e.render().to_string();
            let mut out = io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(w) if w.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(w) => {
                    let _ = writeln!(io::stderr(), "dvhc: cannot write the output: {w}");
                    ExitCode::from(1)
                }
            }
        }
        _ => {
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
    }
}

/// The worker count: all cores by default; 0 means the default too.
fn threads(n: Option<usize>) -> Result<usize, Fail> {
    match n.filter(|&n| n > 0) {
        Some(n) if n > pipeline::MAX_WORKERS => Err(Fail::Usage(format!(
            "-j {n}: at most {} worker threads",
            pipeline::MAX_WORKERS
        ))),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)),
    }
}

/// The largest `--cache-mb`.
const MAX_CACHE_MB: usize = 4096;

fn cache_bytes(mb: usize) -> Result<usize, Fail> {
    if mb > MAX_CACHE_MB {
        return Err(Fail::Usage(format!(
            "--cache-mb {mb}: at most {MAX_CACHE_MB}"
        )));
    }
    Ok(mb << 20)
}

/// A date before the reform, for a subcommand that prints current units.
fn check_date(on: Option<Date>, flag: &str) -> Result<(), Fail> {
    crate::csv::check_date(on, flag).map_err(|e| Fail::Usage(e.to_string()))
}

fn stdout() -> Box<dyn Write + Send> {
    Box::new(BufWriter::with_capacity(1 << 16, io::stdout()))
}

/// Where the output goes: stdout, or the file of `-o` (never the input file); `prefix`
/// (a byte-order mark) starts it.
fn output(
    path: Option<&PathBuf>,
    input: Option<&PathBuf>,
    prefix: &'static [u8],
) -> Result<Box<dyn Write + Send>, Fail> {
    let path = path.filter(|p| p.as_os_str() != "-");
    if let (Some(path), Some(input)) = (path, input) {
        if let (Ok(a), Ok(b)) = (std::fs::canonicalize(path), std::fs::canonicalize(input)) {
            if a == b {
                return Err(Fail::Usage(format!(
                    "-o {}: that is the input file",
                    path.display()
                )));
            }
        }
    }
    Ok(Box::new(BufWriter::with_capacity(
        1 << 16,
        Lazy {
            path: path.cloned(),
            file: None,
            prefix,
            started: false,
        },
    )))
}

/// The output, started on the first write or flush: the `-o` file is created (or
/// truncated) then and the prefix written, so that a run refused for bad options
/// writes nothing and leaves an existing file alone.
struct Lazy {
    /// The `-o` file; stdout when `None`.
    path: Option<PathBuf>,
    file: Option<File>,
    prefix: &'static [u8],
    started: bool,
}

impl Lazy {
    fn start(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        if let Some(path) = &self.path {
            let f = File::create(path).map_err(|e| {
                io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
            })?;
            self.file = Some(f);
        }
        let prefix = self.prefix;
        match &mut self.file {
            Some(f) => f.write_all(prefix),
            None => io::stdout().write_all(prefix),
        }
    }
}

impl Write for Lazy {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.start()?;
        match &mut self.file {
            Some(f) => f.write(buf),
            None => io::stdout().write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.start()?;
        match &mut self.file {
            Some(f) => f.flush(),
            None => io::stdout().flush(),
        }
    }
}

/// Maps a write error: a closed pipe (`| head`) ends the run quietly.
fn written(r: io::Result<()>) -> Result<(), Fail> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => r.map_err(|e| Fail::Io(format!("cannot write the output: {e}"))),
    }
}

fn run(cli: Cli) -> Result<(), Fail> {
    match cli.command {
        Command::Translate(a) => translate(a),
        Command::Parse(a) => parse(a),
        Command::Search(a) => search(a),
        Command::Get(a) => get(a),
        Command::Csv(a) => csv_cmd(a),
        Command::Locate(a) => locate(a),
        #[cfg(feature = "serve")]
        Command::Serve(a) => crate::serve::run(a).map_err(Fail::Io),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut command(), "dvhc", &mut buf);
            let mut out = stdout();
            written(out.write_all(&buf).and_then(|()| out.flush()))
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(command())
                .render(&mut buf)
                .map_err(|e| Fail::Io(e.to_string()))?;
            let mut out = stdout();
            written(out.write_all(&buf).and_then(|()| out.flush()))
        }
    }
}

/// Writes `out` as a JSON line, or laid out for people by `text` from the same JSON.
fn emit(
    out: &impl serde::Serialize,
    format: Format,
    text: impl FnOnce(&serde_json::Value, &mut String),
    buf: &mut Vec<u8>,
) {
    match format {
        Format::Json => crate::json::line(out, buf),
        Format::Text => {
            // The library's types serialise into memory without error.
            let value = serde_json::to_value(out).unwrap_or_default();
            let mut s = String::new();
            text(&value, &mut s);
            buf.extend_from_slice(s.as_bytes());
        }
    }
}

/// Tells a person at a terminal that the tool waits for input.
fn hint_if_interactive(what: &str) {
    if io::stdin().is_terminal() {
        let _ = writeln!(
            io::stderr(),
            "dvhc: reading {what} from stdin (end with Ctrl-D; --help for usage)"
        );
    }
}

/// How an output counts in the summary.
fn status_of(s: dvhc::Status) -> lines::Status {
    match s {
        dvhc::Status::Ok => lines::Status::Ok,
        dvhc::Status::Partial => lines::Status::Partial,
        dvhc::Status::Ambiguous => lines::Status::Ambiguous,
        _ => lines::Status::Error,
    }
}

/// Opens stdin in the encoding asked for; a guess is said on stderr.
fn open_input(
    input: Box<dyn Read + Send>,
    encoding: Encoding,
    quiet: bool,
) -> Result<Box<dyn Read + Send>, Fail> {
    match crate::decode::open(input, encoding) {
        Ok(o) => {
            if let (Some(note), false) = (o.note, quiet) {
                let _ = writeln!(io::stderr(), "dvhc: note: {note}");
            }
            Ok(o.reader)
        }
        Err(crate::decode::OpenError::Usage(m)) => Err(Fail::Usage(m)),
        Err(crate::decode::OpenError::Read(e)) => {
            Err(Fail::Io(format!("cannot read the input: {e}")))
        }
    }
}

/// The address of a JSON Lines input: the string in `field`.
fn jsonl_address(line: &str, field: &str) -> Result<String, ErrorOut> {
    let bad = |message: String| ErrorOut {
        kind: "bad_input",
        message,
    };
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| bad(format!("not JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or_else(|| bad("the line is not a JSON object".to_owned()))?;
    match obj.get(field) {
        Some(serde_json::Value::String(s)) => Ok(s.clone()),
        Some(serde_json::Value::Null) | None => Err(bad(format!("no field {field:?}"))),
        Some(other) => Err(bad(format!("the field {field:?} is not a string: {other}"))),
    }
}

/// Runs `render` on every address (the arguments, or stdin's lines when there are
/// none or `-`) on the worker threads, writing in input order; then the summary.
fn run_lines(
    what: &str,
    a: &LinesArgs,
    render: impl Fn(Input<'_>, &mut Vec<u8>) -> lines::Status + Sync,
) -> Result<(), Fail> {
    let from_stdin = a.addresses.is_empty() || a.addresses == ["-"];
    if !from_stdin && a.addresses.iter().any(|s| s == "-") {
        return Err(Fail::Usage(
            "`-` (stdin) cannot be mixed with addresses".to_owned(),
        ));
    }
    let out = output(a.output.output.as_ref(), None, b"")?;
    let workers = threads(a.threads)?;
    let cache = cache_bytes(a.cache_mb)?;
    let source = if from_stdin {
        hint_if_interactive("addresses, one per line,");
        Source::Stream(open_input(
            Box::new(io::stdin()),
            a.encoding,
            a.output.quiet,
        )?)
    } else {
        Source::Args(a.addresses.clone())
    };
    let counts = match lines::run(source, workers, cache, out, render) {
        Ok(c) => c,
        Err(pipeline::Failure::Write(e)) => return written(Err(e)),
        Err(pipeline::Failure::Read(e)) => return Err(Fail::Io(format!("cannot read stdin: {e}"))),
    };
    let line = format!(
        "{} inputs: {} ok, {} partial, {} ambiguous, {} errors",
        counts.rows(),
        counts.ok,
        counts.partial,
        counts.ambiguous,
        counts.errors
    );
    if from_stdin && !a.output.quiet {
        let _ = writeln!(io::stderr(), "dvhc {what}: {line}");
    }
    if a.output.strict && counts.ok < counts.rows() {
        return Err(Fail::Rows(format!(
            "--strict: not every input is ok ({line})"
        )));
    }
    Ok(())
}

fn translate(a: LinesArgs) -> Result<(), Fail> {
    check_date(a.on, "--on")?;
    let translator = engine::translator(engine::Setup {
        on: a.on,
        assume: a.assume.map(Era::from),
    });
    let format = a.format;
    let jsonl = a.input_format == LinesFormat::Jsonl;
    let field = a.field.as_str();
    let render = |input: Input<'_>, buf: &mut Vec<u8>| {
        // With JSON Lines input the address is a field of the line, and the line
        // itself is what an unreadable input reports.
        let address = match input {
            Input::Text(line) if jsonl => jsonl_address(line, field)
                .map(Cow::Owned)
                .map_err(|e| (line, e)),
            Input::Text(line) => Ok(Cow::Borrowed(line)),
            Input::Bad(line, e) => Err((line, e)),
        };
        match address {
            Ok(address) => {
                let result = translator.translate(&address);
                // The commune was written under a name it absorbed before 2025 (text only).
                let historical = result
                    .as_ref()
                    .is_ok_and(|t| t.via() == dvhc::search::Via::Historical);
                let out = translate::Outcome::new(&address, &result);
                emit(
                    &out,
                    format,
                    |v, s| text::translation(v, historical, s),
                    buf,
                );
                status_of(out.status())
            }
            Err((line, e)) => {
                let out = translate::Outcome::failed(line, &e);
                emit(&out, format, |v, s| text::translation(v, false, s), buf);
                status_of(out.status())
            }
        }
    };
    run_lines("translate", &a, render)
}

fn parse(a: LinesArgs) -> Result<(), Fail> {
    check_date(a.on, "--on")?;
    let on = a.on;
    let assume = a.assume.map(Era::from);
    let format = a.format;
    let jsonl = a.input_format == LinesFormat::Jsonl;
    let field = a.field.as_str();
    let render = |input: Input<'_>, buf: &mut Vec<u8>| {
        let address = match input {
            Input::Text(line) if jsonl => jsonl_address(line, field)
                .map(Cow::Owned)
                .map_err(|e| (line, e)),
            Input::Text(line) => Ok(Cow::Borrowed(line)),
            Input::Bad(line, e) => Err((line, e)),
        };
        match address {
            Ok(address) => {
                let result = match assume {
                    Some(era) => address::parse_as(&address, era),
                    None => address::parse(&address),
                };
                let out = address::Outcome::new(&address, &result);
                let status = out.status();
                emit(&AsOf::new(out, on), format, text::parsed, buf);
                status_of(status)
            }
            Err((line, e)) => {
                let out = address::Outcome::failed(line, &e);
                emit(&out, format, text::parsed, buf);
                status_of(out.status())
            }
        }
    };
    run_lines("parse", &a, render)
}

/// Applies `--in CODE` to a search (after its era and level: they decide what the
/// code may be).
fn within(s: Search, code: &str) -> Result<Search, Fail> {
    s.within(code).map_err(|e| {
        let hint = match e {
            WithinError::DistrictNotCurrent => " (--era legacy)",
            _ => "",
        };
        Fail::Usage(format!("--in {}: {e}{hint}", code.trim()))
    })
}

fn search(a: SearchArgs) -> Result<(), Fail> {
    let mut s = Search::new();
    if let Some(e) = a.era {
        s = s.era(e.into());
    }
    if let Some(l) = a.level {
        s = s.level(l.into());
    }
    if a.prefix {
        s = s.mode(Mode::Prefix);
    } else if a.fuzzy {
        s = s.mode(Mode::Fuzzy);
    }
    if let Some(n) = a.limit {
        s = s.limit(n);
    }
    if let Some(code) = &a.within {
        s = within(s, code)?;
    }
    let query = a.query.join(" ");
    let hits = s.run(&query);
    let mut out = stdout();
    let mut buf = Vec::new();
    for h in &hits {
        emit(h, a.format, text::hit, &mut buf);
    }
    if hits.is_empty() && a.format == Format::Text {
        let _ = writeln!(io::stderr(), "no match for {query:?}");
    }
    written(out.write_all(&buf).and_then(|()| out.flush()))
}

fn get(a: GetArgs) -> Result<(), Fail> {
    let code = a.code.trim();
    let unit = if a.postal {
        postal_unit(&a, code)?
    } else {
        code_unit(&a, code)?
    };
    let mut buf = Vec::new();
    emit(&AsOf::new(unit, a.on), a.format, text::unit, &mut buf);
    let mut out = stdout();
    written(out.write_all(&buf).and_then(|()| out.flush()))
}

/// `get`: the unit with the code `code`.
fn code_unit(a: &GetArgs, code: &str) -> Result<Unit, Fail> {
    let typed = UnitCode::parse_in(code, a.era.map(Era::from), a.on).map_err(|e| match e {
        UnitCodeError::CurrentBeforeReform(d) => Fail::Usage(format!(
            "--on {d}: current units came into being on {}; for the unit with this code \
             on that day, use --era legacy",
            Date::REFORM
        )),
        e => Fail::Usage(format!("{code:?}: {e}")),
    })?;
    let Some(unit) = typed.unit() else {
        // The unit with this code in the other structure, if any, for the message.
        let other_era = match typed.era() {
            Era::Current => Era::Legacy,
            _ => Era::Current,
        };
        let hint = match UnitCode::parse_in(code, Some(other_era), None)
            .ok()
            .and_then(UnitCode::unit)
        {
            Some(u) => format!(
                "; {u} has this code in the {} structure (--era {})",
                u.era(),
                u.era()
            ),
            None => String::new(),
        };
        return Err(Fail::NotFound(format!(
            "no {} {} has the code {code}{hint}",
            typed.era(),
            typed.level()
        )));
    };
    Ok(unit)
}

/// `get --postal`: the current commune with the postal code `code`.
fn postal_unit(a: &GetArgs, code: &str) -> Result<Unit, Fail> {
    if let Some(d) = a.on.filter(|&d| d < Date::REFORM) {
        return Err(Fail::Usage(format!(
            "--on {d}: postal codes are those of the current communes, which came into \
             being on {}",
            Date::REFORM
        )));
    }
    let postal: PostalCode = code
        .parse()
        .map_err(|e| Fail::Usage(format!("{code:?}: a postal code has 5 digits: {e}")))?;
    Commune::by_postal_code(postal)
        .map(Unit::Commune)
        .ok_or_else(|| Fail::NotFound(format!("no commune has the postal code {postal}")))
}

fn locate(a: LocateArgs) -> Result<(), Fail> {
    check_date(a.on, "--on")?;
    let usage = |e: dvhc_geo::GeoError| Fail::Usage(e.to_string());
    let commune = match dvhc_geo::locate(a.lat, a.lon).map_err(usage)? {
        Some(c) => c,
        None => {
            let near = dvhc_geo::nearest(a.lat, a.lon, a.max_km).map_err(usage)?;
            let hint = match near {
                Some((c, km)) => format!("; the nearest is {c} ({}) at {km:.2} km", c.code()),
                None => format!("; none within {} km", a.max_km),
            };
            return Err(Fail::NotFound(format!(
                "no commune contains ({}, {}){hint}",
                a.lat, a.lon
            )));
        }
    };
    let mut buf = Vec::new();
    emit(
        &AsOf::new(Unit::Commune(commune), a.on),
        a.format,
        text::unit,
        &mut buf,
    );
    let mut out = stdout();
    written(out.write_all(&buf).and_then(|()| out.flush()))
}

/// The format a file name says.
fn format_of(path: &std::path::Path) -> Option<TableFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "tsv" | "tab" => Some(TableFormat::Tsv),
        "jsonl" | "ndjson" => Some(TableFormat::Jsonl),
        "csv" => Some(TableFormat::Csv),
        _ => None,
    }
}

fn csv_cmd(a: CsvArgs) -> Result<(), Fail> {
    check_date(a.era_out, "--era-out")?;
    let path = a.input.as_ref().filter(|p| p.as_os_str() != "-");
    let (input, size): (Box<dyn Read + Send>, Option<u64>) = match path {
        Some(p) => {
            let f =
                File::open(p).map_err(|e| Fail::Io(format!("cannot open {}: {e}", p.display())))?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(f), size)
        }
        None => {
            hint_if_interactive("CSV");
            (Box::new(io::stdin()), None)
        }
    };
    let mut opts = CsvOptions::new(a.column);
    opts.point = a.lat.zip(a.lon);
    opts.has_header = !a.no_header;
    let in_format = a
        .input_format
        .or_else(|| path.and_then(|p| format_of(p)))
        .unwrap_or(TableFormat::Csv);
    opts.delimiter = a.delimiter.unwrap_or(match (in_format, a.output_format) {
        (TableFormat::Tsv, _) | (TableFormat::Jsonl, Some(TableFormat::Tsv)) => b'\t',
        _ => b',',
    });
    opts.input_format = match in_format {
        TableFormat::Jsonl => crate::csv::InputFormat::Jsonl,
        _ => crate::csv::InputFormat::Csv,
    };
    opts.output_format = a.output_format.map(|f| match f {
        TableFormat::Jsonl => crate::csv::OutputFormat::Jsonl,
        TableFormat::Csv | TableFormat::Tsv => crate::csv::OutputFormat::Csv,
    });
    if a.output_format == Some(TableFormat::Tsv) && a.delimiter.is_none() {
        opts.delimiter = b'\t';
    }
    opts.threads = Threads::Workers(threads(a.threads)?);
    opts.cache_bytes = cache_bytes(a.cache_mb)?;
    opts.on = a.era_out;
    opts.max_record_bytes = a.max_record_bytes;
    opts.assume = a.assume.map(Era::from);
    let bom: &'static [u8] = if a.bom { b"\xEF\xBB\xBF" } else { b"" };
    let out = output(a.output.output.as_ref(), path, bom)?;
    let input = open_input(input, a.encoding, a.output.quiet)?;
    let bar =
        (!a.no_progress && io::stderr().is_terminal()).then_some(ProgressBar { total_bytes: size });
    let summary = match crate::csv::run_with(input, out, &opts, bar) {
        Ok(s) => s,
        Err(crate::csv::Error::Usage(m)) => return Err(Fail::Usage(m)),
        Err(crate::csv::Error::Write(e)) => return written(Err(e)),
        Err(e @ crate::csv::Error::Read(_)) => return Err(Fail::Io(e.to_string())),
    };
    if !a.output.quiet {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "dvhc csv: {}", summary.line());
        for u in &summary.unreadable_lines {
            let _ = writeln!(err, "dvhc csv: {}", u.message);
        }
    }
    if summary.unreadable > 0 && !a.lenient {
        return Err(Fail::Rows(format!(
            "{} rows could not be read (see above; --lenient to accept)",
            summary.unreadable
        )));
    }
    if a.output.strict && summary.ok < summary.rows {
        return Err(Fail::Rows(format!(
            "--strict: {} of {} rows are not ok",
            summary.rows - summary.ok,
            summary.rows
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn delimiters() {
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert!(parse_delimiter("ab").is_err());
    }
}
