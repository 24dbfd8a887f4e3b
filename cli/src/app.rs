//! `dvhc`: Vietnamese administrative units and addresses on the command line.
//!
//! Old (pre-July-2025) addresses to new ones, address parsing, unit search and lookup,
//! and a streaming, multi-core CSV translator for data pipelines. Data goes to stdout
//! (JSON Lines by default), messages to stderr. Exit codes: 0 when every input was
//! processed (per-input errors are part of the output), 1 on I/O errors or a unit that
//! does not exist (`get`), 2 on usage errors.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dvhc::search::{Mode, Search};
use dvhc::{address, legacy, translate, AsOf, Commune, Date, Era, Level, Province, Unit};

use crate::csv::{CsvOptions, ProgressBar, Threads};
use crate::lines::{Input, Source};
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
1 on an I/O error or when `get` finds no such unit, 2 on a usage error.";

const TRANSLATE_EXAMPLES: &str = "\
Output: one JSON object per input, in input order:
  {\"input\", \"status\": \"ok\"|\"ambiguous\"|\"error\", \"structure\": \"legacy\"|\"current\"|null,
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
  {\"input\", \"status\": \"ok\"|\"ambiguous\"|\"error\", \"structure\",
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
  dvhc get 75 --on 2026-01-01 --format text";

const CSV_EXAMPLES: &str = "\
Appended columns: dvhc_commune_code, dvhc_commune_name, dvhc_province_code,
dvhc_province_name, dvhc_share, dvhc_status (ok|ambiguous|error), dvhc_candidates,
dvhc_candidate_codes (|-separated, best first), dvhc_formatted, dvhc_error.
The commune is filled only when the address resolves to one unit; the province and
the share when all candidates agree. A bad row gets status `error` and a message;
the run goes on. Rows keep their order; memory stays bounded whatever the size.

Examples:
  dvhc csv --column address customers.csv > customers.dvhc.csv
  dvhc csv --column \"Địa chỉ\" --lat lat --lon lng shops.csv > shops.dvhc.csv
  xzcat big.csv.xz | dvhc csv --column addr --era-out 2025-07-01 | gzip > out.csv.gz
  dvhc csv --no-header --delimiter tab --column 3 rows.tsv";

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
    /// Render names and kinds in force on this day (YYYY-MM-DD); default: now.
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
    /// Addresses; read from stdin, one per line, when none are given.
    #[arg(value_name = "ADDRESS")]
    addresses: Vec<String>,
    /// Render names and kinds in force on this day (YYYY-MM-DD); default: now.
    #[arg(long, value_name = "DATE")]
    on: Option<Date>,
    /// Read every address in this structure only (text that reads in both is then
    /// not ambiguous); default: either.
    #[arg(long, value_enum, value_name = "ERA")]
    assume: Option<EraArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Memory for results of repeated inputs, in MiB (0: no cache).
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
    /// The unit's code: 2 digits (province), 3 (legacy district) or 5 (commune).
    code: String,
    /// The structure the code belongs to (default: current; legacy for 3 digits).
    #[arg(long, value_enum)]
    era: Option<EraArg>,
    /// Render names and kinds in force on this day (YYYY-MM-DD); default: now.
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
    /// --no-header).
    #[arg(long, value_name = "NAME")]
    column: String,
    /// A latitude column (WGS 84): a split commune is resolved to the candidate whose
    /// boundary contains the point (dvhc-geo), else its candidates are ranked nearest first.
    #[arg(long, value_name = "COL", requires = "lon")]
    lat: Option<String>,
    /// A longitude column (WGS 84), with --lat.
    #[arg(long, value_name = "COL", requires = "lat")]
    lon: Option<String>,
    /// Render names and kinds in force on this day (YYYY-MM-DD); default: now.
    #[arg(long = "era-out", visible_alias = "on", value_name = "DATE")]
    era_out: Option<Date>,
    /// Read every address in this structure only; default: either.
    #[arg(long, value_enum, value_name = "ERA")]
    assume: Option<EraArg>,
    /// The input has no header row (no header is written either).
    #[arg(long)]
    no_header: bool,
    /// Field delimiter: one ASCII character, or `tab`.
    #[arg(long, value_name = "CHAR", default_value = ",", value_parser = parse_delimiter)]
    delimiter: u8,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Memory for results of repeated inputs, in MiB (0: no cache).
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    cache_mb: usize,
    /// Never show the progress bar (it is shown only when stderr is a terminal).
    #[arg(long)]
    no_progress: bool,
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
}

/// Runs the command line (see [`crate::main`]).
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(fail) => {
            let (code, msg) = match fail {
                Fail::Usage(m) => (2, m),
                Fail::Io(m) | Fail::NotFound(m) => (1, m),
            };
            let _ = writeln!(io::stderr(), "dvhc: {msg}");
            ExitCode::from(code)
        }
    }
}

fn threads(n: Option<usize>) -> usize {
    n.filter(|&n| n > 0).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    })
}

fn stdout() -> Box<dyn Write + Send> {
    Box::new(BufWriter::with_capacity(1 << 16, io::stdout()))
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
        Format::Json => json_line(out, buf),
        Format::Text => {
            // The library's types serialise into memory without error.
            let value = serde_json::to_value(out).unwrap_or_default();
            let mut s = String::new();
            text(&value, &mut s);
            buf.extend_from_slice(s.as_bytes());
        }
    }
}

fn json_line(value: &impl serde::Serialize, buf: &mut Vec<u8>) {
    // Serialising these plain structs into memory cannot fail.
    let _ = serde_json::to_writer(&mut *buf, value);
    buf.push(b'\n');
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

/// Runs `render` on every address (the arguments, or stdin's lines when there are
/// none) on the worker threads, writing to stdout in input order.
fn run_lines(
    addresses: Vec<String>,
    workers: Option<usize>,
    cache_mb: usize,
    render: impl Fn(Input<'_>, &mut Vec<u8>) + Sync,
) -> Result<(), Fail> {
    let source = if addresses.is_empty() {
        hint_if_interactive("addresses, one per line,");
        Source::Stdin
    } else {
        Source::Args(addresses)
    };
    let cache_bytes = cache_mb.saturating_mul(1 << 20);
    match lines::run(source, threads(workers), cache_bytes, stdout(), render) {
        Ok(()) => Ok(()),
        Err(pipeline::Failure::Write(e)) => written(Err(e)),
        Err(pipeline::Failure::Read(e)) => Err(Fail::Io(format!("cannot read stdin: {e}"))),
    }
}

fn translate(a: LinesArgs) -> Result<(), Fail> {
    let translator = engine::translator(engine::Setup {
        on: a.on,
        assume: a.assume.map(Era::from),
    });
    let format = a.format;
    let render = |input: Input<'_>, buf: &mut Vec<u8>| match input {
        Input::Text(line) => {
            let result = translator.translate(line);
            // The commune was written under a name it absorbed before 2025 (text only).
            let historical = result
                .as_ref()
                .is_ok_and(|t| t.via() == dvhc::search::Via::Historical);
            let out = translate::Outcome::new(line, &result);
            emit(
                &out,
                format,
                |v, s| text::translation(v, historical, s),
                buf,
            );
        }
        Input::Bad(line, e) => {
            let out = translate::Outcome::failed(line, &e);
            emit(&out, format, |v, s| text::translation(v, false, s), buf);
        }
    };
    run_lines(a.addresses, a.threads, a.cache_mb, render)
}

fn parse(a: LinesArgs) -> Result<(), Fail> {
    let on = a.on;
    let assume = a.assume.map(Era::from);
    let format = a.format;
    let render = |input: Input<'_>, buf: &mut Vec<u8>| match input {
        Input::Text(line) => {
            let result = match assume {
                Some(era) => address::parse_as(line, era),
                None => address::parse(line),
            };
            let out = AsOf::new(address::Outcome::new(line, &result), on);
            emit(&out, format, text::parsed, buf);
        }
        Input::Bad(line, e) => {
            let out = address::Outcome::failed(line, &e);
            emit(&out, format, text::parsed, buf);
        }
    };
    run_lines(a.addresses, a.threads, a.cache_mb, render)
}

/// Applies `--in CODE` to a search: one search, or two (a 2-digit code without
/// `--era` means that province of both structures).
fn within(
    s: Search,
    code: &str,
    era: Option<EraArg>,
    level: Option<LevelArg>,
) -> Result<Vec<Search>, Fail> {
    let code = code.trim();
    let usage = |m: String| Fail::Usage(format!("--in {code}: {m}"));
    match code.len() {
        2 => {
            let current: dvhc::ProvinceCode = code.parse().map_err(|e| usage(format!("{e}")))?;
            let old: legacy::ProvinceCode = code.parse().map_err(|e| usage(format!("{e}")))?;
            let mut out = Vec::new();
            if era != Some(EraArg::Legacy) && Province::get(current).is_some() {
                out.push(s.clone().within_province(current));
            }
            if era != Some(EraArg::Current) && legacy::Province::get(old).is_some() {
                out.push(s.within_legacy_province(old));
            }
            if out.is_empty() {
                let which = match era {
                    Some(EraArg::Current) => "current ",
                    Some(EraArg::Legacy) => "legacy ",
                    None => "",
                };
                return Err(usage(format!("no {which}province has this code")));
            }
            Ok(out)
        }
        3 => {
            if era == Some(EraArg::Current) {
                return Err(usage(
                    "districts exist only in the legacy structure (--era legacy)".into(),
                ));
            }
            if matches!(level, Some(LevelArg::Province | LevelArg::District)) {
                return Err(usage("inside a district there are only communes".into()));
            }
            let c: legacy::DistrictCode = code.parse().map_err(|e| usage(format!("{e}")))?;
            legacy::District::get(c)
                .ok_or_else(|| usage("no legacy district has this code".into()))?;
            Ok(vec![s.within_district(c)])
        }
        _ => Err(usage(
            "give a province code (2 digits) or a legacy district code (3 digits)".into(),
        )),
    }
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
    let searches = match &a.within {
        Some(code) => within(s, code, a.era, a.level)?,
        None => vec![s],
    };
    let query = a.query.join(" ");
    let mut hits: Vec<_> = searches.iter().flat_map(|s| s.run(&query)).collect();
    if searches.len() > 1 {
        // Two structures' results: best score first (stable: current before legacy
        // on a tie), then the limit again.
        hits.sort_by_key(|h| std::cmp::Reverse(h.score()));
        if let Some(n) = a.limit {
            hits.truncate(n);
        }
    }
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
    let usage = |m: String| Fail::Usage(format!("{code:?}: {m}"));
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(usage("a code is made of digits only".into()));
    }
    let era = match (code.len(), a.era) {
        (3, Some(EraArg::Current)) => {
            return Err(usage(
                "3-digit codes are districts, which exist only in the legacy structure".into(),
            ))
        }
        (3, _) => EraArg::Legacy,
        (_, e) => e.unwrap_or(EraArg::Current),
    };
    let parse_err = |e: dvhc::ParseCodeError| usage(e.to_string());
    let (unit, other): (Option<Unit>, Option<Unit>) = match (code.len(), era) {
        (2, EraArg::Current) => (
            Province::get(code.parse().map_err(parse_err)?).map(Unit::Province),
            code.parse()
                .ok()
                .and_then(legacy::Province::get)
                .map(Unit::LegacyProvince),
        ),
        (2, EraArg::Legacy) => (
            legacy::Province::get(code.parse().map_err(parse_err)?).map(Unit::LegacyProvince),
            code.parse()
                .ok()
                .and_then(Province::get)
                .map(Unit::Province),
        ),
        (3, _) => (
            legacy::District::get(code.parse().map_err(parse_err)?).map(Unit::LegacyDistrict),
            None,
        ),
        (5, EraArg::Current) => (
            Commune::get(code.parse().map_err(parse_err)?).map(Unit::Commune),
            code.parse()
                .ok()
                .and_then(legacy::Commune::get)
                .map(Unit::LegacyCommune),
        ),
        (5, EraArg::Legacy) => (
            legacy::Commune::get(code.parse().map_err(parse_err)?).map(Unit::LegacyCommune),
            code.parse().ok().and_then(Commune::get).map(Unit::Commune),
        ),
        (n, _) => {
            return Err(usage(format!(
                "a code has 2 digits (province), 3 (legacy district) or 5 (commune), not {n}"
            )))
        }
    };
    let Some(unit) = unit else {
        let era_name = match era {
            EraArg::Current => "current",
            EraArg::Legacy => "legacy",
        };
        let hint = match other {
            Some(u) => format!(
                "; {u} has this code in the {} structure (--era {})",
                u.era(),
                u.era()
            ),
            None => String::new(),
        };
        return Err(Fail::NotFound(format!(
            "no {era_name} {} has the code {code}{hint}",
            match code.len() {
                2 => Level::Province,
                3 => Level::District,
                _ => Level::Commune,
            }
        )));
    };
    let mut buf = Vec::new();
    emit(&AsOf::new(unit, a.on), a.format, text::unit, &mut buf);
    let mut out = stdout();
    written(out.write_all(&buf).and_then(|()| out.flush()))
}

fn locate(a: LocateArgs) -> Result<(), Fail> {
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

fn csv_cmd(a: CsvArgs) -> Result<(), Fail> {
    let (input, size): (Box<dyn Read>, Option<u64>) = match &a.input {
        Some(p) if p.as_os_str() != "-" => {
            let f =
                File::open(p).map_err(|e| Fail::Io(format!("cannot open {}: {e}", p.display())))?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(f), size)
        }
        _ => {
            hint_if_interactive("CSV");
            (Box::new(io::stdin()), None)
        }
    };
    let mut opts = CsvOptions::new(a.column);
    opts.point = a.lat.zip(a.lon);
    opts.has_header = !a.no_header;
    opts.delimiter = a.delimiter;
    opts.threads = Threads::Workers(threads(a.threads));
    opts.cache_bytes = a.cache_mb.saturating_mul(1 << 20);
    opts.on = a.era_out;
    opts.assume = a.assume.map(Era::from);
    let bar =
        (!a.no_progress && io::stderr().is_terminal()).then_some(ProgressBar { total_bytes: size });
    match crate::csv::run_with(input, stdout(), &opts, bar) {
        Ok(_) => Ok(()),
        Err(crate::csv::Error::Usage(m)) => Err(Fail::Usage(m)),
        Err(crate::csv::Error::Write(e)) => written(Err(e)),
        Err(e @ crate::csv::Error::Read(_)) => Err(Fail::Io(e.to_string())),
    }
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
