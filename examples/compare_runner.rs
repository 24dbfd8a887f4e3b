//! The dvhc side of the peer comparison in `benches/compare/` (run it all with
//! `bash benches/compare/run.sh`). It is an example, not part of the library.
//!
//! ```text
//! compare_runner generate [--count N] [--seed S]          workload TSV on stdout
//! compare_runner translate FILE [--passes K] [--timing T]  one result line per input
//! compare_runner lookup FILE [--passes K] [--timing T]     current-commune code lookups
//! compare_runner one ADDRESS                               translate one address (cold start)
//! compare_runner code CODE                                 look up one current code (cold start)
//! compare_runner tables                                    touch every table (binary size)
//! compare_runner noop                                      do nothing (the empty process)
//! compare_runner messy                                     the messy workload, TSV on stdout
//! compare_runner latency [--count N] [--reps R] [--passes K]  per-address latency percentiles
//! compare_runner worst [--count N] [--top T] [--file F]    the slowest adversarial inputs ≤ 1 KiB
//! ```
//!
//! `generate` writes `N` (default 10,000) addresses in five writings, round robin. For
//! the first four it draws legacy communes, distinct up to 10,035, with a fixed-seed
//! shuffle: `full` (official names), `abbrev` (each kind's abbreviation: `P. Bến Nghé,
//! Q.1, TP.HCM`), `ascii` (the full writing in lower case without diacritics) and
//! `street` (a house number and street, or a hamlet, in front of the full writing);
//! the expected answer is the set of the commune's successors,
//! `legacy::Commune::successors()`, i.e. the NSO conversion table. The fifth,
//! `messy`, takes the scored addresses of the messy workload (`tests/it/workload.rs`:
//! real addresses of every province as found and rewritten the messy ways of issue
//! #14, in the proportions measured on `tests/data/messy_real.tsv`) in their fixed
//! order; the expected answer is the table's set of new communes, which
//! `tests/data/check_messy_real.py` checks against data/mapping.tsv. Columns: `id
//! writing input expected split legacy_code`. An input may hold a tab or a line
//! break (the messy writing has both): in the TSV they are written `\t` and `\n`,
//! and a backslash `\\`; readers undo it ([`unescape`]). `messy` writes the whole
//! messy workload with its origin and rewrites.
//!
//! `latency` measures every address of the clean writings of `generate` (the first
//! four) and of the whole messy workload on its own: each address is translated `R`
//! times (default 10) in a row between two readings of the thread's CPU clock
//! (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, minus the cost of reading it), in `K`
//! passes (default 5) over the workload; an address's latency is the median of its
//! passes. It prints the median, p90, p99 and maximum over the addresses, per
//! workload, writing and rewrite, and the slowest addresses. `worst` builds `N`
//! (default 2,000) adversarial inputs of at most 1 KiB (typos in every name, long
//! names, many segments, name soups, kind-word floods), adds the inputs of `F` if
//! given (a workload TSV or one address per line), measures them the same way and
//! prints the slowest `T` (default 10).
//!
//! `translate` reads such a TSV (or plain lines, one address each), translates every
//! input once per pass on one thread, and writes `id <TAB> status <TAB> candidates`:
//! the candidates' commune codes in order, comma-separated (`p79` for a
//! province-only candidate). Timing goes to `--timing` as JSON: reading the file, the
//! first call of the process, and every pass (translation and collecting the codes
//! into memory; writing the output is outside), in wall time and, on Unix, in CPU
//! time of the thread (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`). `lookup` times
//! 1,000 passes per sample.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Read, Write};
use std::time::{Duration, Instant};

use dvhc::legacy::{self, DistrictKind, ProvinceKind};
use dvhc::translate::Translator;
use dvhc::{Commune, CommuneCode};
use unicode_normalization::UnicodeNormalization;

#[path = "../tests/it/common.rs"]
mod common;
#[path = "../tests/it/rewrite.rs"]
mod rewrite;
#[path = "../tests/it/workload.rs"]
mod workload;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let start = Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| -> Option<&str> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    let positional = args.get(1).map(String::as_str);
    match args.first().map(String::as_str) {
        Some("noop") => Ok(()),
        Some("one") => {
            let address = positional.ok_or("one ADDRESS")?;
            let t = Translator::new().translate(address)?;
            println!("{}", t);
            Ok(())
        }
        Some("code") => {
            let code: CommuneCode = positional.ok_or("code CODE")?.parse()?;
            let c = Commune::get(code).ok_or("no such commune")?;
            println!("{c}, {}", c.province());
            Ok(())
        }
        Some("tables") => {
            println!("{}", touch_all_tables());
            Ok(())
        }
        Some("generate") => {
            let count = opt("--count").map_or(Ok(10_000), str::parse)?;
            let seed = opt("--seed").map_or(Ok(2025), str::parse)?;
            generate(count, seed)
        }
        Some("translate") => {
            let passes = opt("--passes").map_or(Ok(5), str::parse)?;
            translate(
                start,
                positional.ok_or("translate FILE")?,
                passes,
                opt("--timing"),
            )
        }
        Some("lookup") => {
            let passes = opt("--passes").map_or(Ok(7), str::parse)?;
            lookup(positional.ok_or("lookup FILE")?, passes, opt("--timing"))
        }
        Some("messy") => write_messy(),
        Some("latency") => {
            let count = opt("--count").map_or(Ok(10_000), str::parse)?;
            let seed = opt("--seed").map_or(Ok(2025), str::parse)?;
            let reps = opt("--reps").map_or(Ok(10), str::parse)?;
            let passes = opt("--passes").map_or(Ok(5), str::parse)?;
            latency(count, seed, reps, passes)
        }
        Some("worst") => {
            let count = opt("--count").map_or(Ok(2_000), str::parse)?;
            let top = opt("--top").map_or(Ok(10), str::parse)?;
            worst(count, top, opt("--file"))
        }
        _ => Err(
            "usage: compare_runner generate|translate|lookup|one|code|noop|messy|latency|worst \
             (see the source)"
                .into(),
        ),
    }
}

/// Walks every table through the public API, so that a binary running this mode
/// links all of them (for the size measurement); returns a checksum.
fn touch_all_tables() -> u64 {
    let mut sum = 0u64;
    for p in dvhc::Province::all() {
        sum += u64::from(dvhc::Province::get(p.code()).map_or(0, |p| p.code().get()));
        sum += p.communes().count() as u64 + p.predecessors().count() as u64;
    }
    for c in Commune::all() {
        sum += Commune::get(c.code()).map_or(0, |c| u64::from(c.code().get()));
        sum += c.predecessors().count() as u64;
    }
    for p in legacy::Province::all() {
        sum += legacy::Province::get(p.code()).map_or(0, |p| u64::from(p.code().get()));
        sum += u64::from(p.successor().code().get());
    }
    for d in legacy::District::all() {
        sum += legacy::District::get(d.code()).map_or(0, |d| u64::from(d.code().get()));
        sum += d.communes().count() as u64;
    }
    for c in legacy::Commune::all() {
        sum += legacy::Commune::get(c.code()).map_or(0, |c| u64::from(c.code().get()));
        sum += c.successors().count() as u64;
    }
    sum += dvhc::changes().len() as u64;
    sum += dvhc::search::Search::new().run("ben nghe").len() as u64;
    sum
}

/// The five writings, in the order they are dealt out.
const WRITINGS: [&str; 5] = ["full", "abbrev", "ascii", "street", "messy"];

/// Common street names (several are also commune names, as in real addresses).
const STREETS: [&str; 20] = [
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Lý Thường Kiệt",
    "Hùng Vương",
    "Nguyễn Văn Cừ",
    "Phan Chu Trinh",
    "Điện Biên Phủ",
    "Võ Thị Sáu",
    "Cách Mạng Tháng Tám",
    "Nguyễn Thị Minh Khai",
    "Lê Duẩn",
    "Bạch Đằng",
    "Trần Phú",
    "Ngô Quyền",
    "Nguyễn Du",
    "Hai Bà Trưng",
    "Quang Trung",
    "Tôn Đức Thắng",
    "Phạm Văn Đồng",
];

/// SplitMix64: a tiny, well-known generator, so the workload depends on nothing but
/// the seed and the tables.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (the modulo bias is irrelevant at these sizes).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One address of the comparison workload.
struct Row {
    writing: &'static str,
    input: String,
    /// The new communes it may designate.
    expected: Vec<String>,
    split: bool,
    legacy_code: String,
}

/// The comparison workload: `count` addresses, the five writings round robin.
fn rows(count: usize, seed: u64) -> Vec<Row> {
    let all = legacy::Commune::all();
    let mut order: Vec<usize> = (0..all.len()).collect();
    let mut rng = Rng(seed);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let messy: Vec<workload::Item> = workload::messy_workload()
        .into_iter()
        .filter(|it| !it.expected.is_empty())
        .collect();
    let mut next_messy = 0;
    let mut out = Vec::with_capacity(count);
    for id in 0..count {
        let c = &all[order[id % order.len()]];
        let writing = WRITINGS[id % WRITINGS.len()];
        if writing == "messy" {
            let it = &messy[next_messy % messy.len()];
            next_messy += 1;
            out.push(Row {
                writing,
                input: it.input.clone(),
                expected: it.expected.clone(),
                split: it.split,
                legacy_code: it.legacy.clone(),
            });
            continue;
        }
        let input = match writing {
            "full" => full(c),
            "abbrev" => abbreviated(c),
            "ascii" => without_diacritics(&full(c)),
            _ => format!("{}, {}", street(c, &mut rng), full(c)),
        };
        let expected: Vec<String> = c.successors().map(|(n, _)| n.code().to_string()).collect();
        out.push(Row {
            writing,
            input,
            split: expected.len() > 1,
            expected,
            legacy_code: c.code().to_string(),
        });
    }
    out
}

fn generate(count: usize, seed: u64) -> Res<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "id\twriting\tinput\texpected\tsplit\tlegacy_code")?;
    for (id, r) in rows(count, seed).iter().enumerate() {
        writeln!(
            out,
            "{id}\t{}\t{}\t{}\t{}\t{}",
            r.writing,
            escape(&r.input),
            r.expected.join(","),
            u8::from(r.split),
            r.legacy_code
        )?;
    }
    out.flush()?;
    Ok(())
}

/// The whole messy workload: `origin rewrites input expected legacy`.
fn write_messy() -> Res<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "id\torigin\trewrites\tinput\texpected\tlegacy")?;
    for (id, it) in workload::messy_workload().iter().enumerate() {
        writeln!(
            out,
            "{id}\t{}\t{}\t{}\t{}\t{}",
            it.origin,
            it.rewrites.join(","),
            escape(&it.input),
            it.expected.join(","),
            it.legacy
        )?;
    }
    out.flush()?;
    Ok(())
}

/// A TSV field: backslash, tab and line breaks escaped as `\\`, `\t`, `\n`, `\r`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`escape`].
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// `Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh`.
fn full(c: &legacy::Commune) -> String {
    format!(
        "{}, {}, {}",
        c.full_name(),
        c.district().full_name(),
        c.province().full_name()
    )
}

/// `P. Bến Nghé, Q.1, TP.HCM`: each kind's usual abbreviation, glued to a number.
fn abbreviated(c: &legacy::Commune) -> String {
    fn abbr(kind: &str, name: &str) -> String {
        if name.bytes().all(|b| b.is_ascii_digit()) {
            format!("{kind}.{name}")
        } else {
            format!("{kind}. {name}")
        }
    }
    let commune = match c.kind() {
        legacy::CommuneKind::Ward => "P",
        legacy::CommuneKind::Township => "TT",
        _ => "X",
    };
    let d = c.district();
    let district = match d.kind() {
        DistrictKind::UrbanDistrict => "Q",
        DistrictKind::RuralDistrict => "H",
        DistrictKind::Town => "TX",
        _ => "TP",
    };
    let p = c.province();
    let province = match (p.kind(), p.name()) {
        (_, "Hồ Chí Minh") => "TP.HCM".to_owned(),
        (ProvinceKind::Municipality, name) => format!("TP. {name}"),
        (_, name) => format!("T. {name}"),
    };
    format!(
        "{}, {}, {province}",
        abbr(commune, c.name()),
        abbr(district, d.name())
    )
}

/// Lower case, marks dropped, đ → d; punctuation kept.
fn without_diacritics(s: &str) -> String {
    s.nfd()
        .filter(|ch| !('\u{300}'..='\u{36f}').contains(ch))
        .map(|ch| match ch {
            'đ' | 'Đ' => 'd',
            _ => ch,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A house number and street for a ward or township; a hamlet for a rural commune.
fn street(c: &legacy::Commune, rng: &mut Rng) -> String {
    let n = 1 + rng.below(199);
    if c.kind() == legacy::CommuneKind::Commune {
        let hamlet = ["Thôn", "Ấp", "Xóm", "Bản"][rng.below(4)];
        return format!("{hamlet} {}", 1 + rng.below(12));
    }
    let s = STREETS[rng.below(STREETS.len())];
    match rng.below(3) {
        0 => format!("{n} {s}"),
        1 => format!("{n}/{} {s}", 1 + rng.below(30)),
        _ => format!("Số {n} {s}"),
    }
}

/// The inputs of a workload TSV (column `input`) with their ids, or plain lines.
fn read_inputs(path: &str) -> Res<Vec<(String, String)>> {
    let mut text = String::new();
    if path == "-" {
        io::stdin().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(path)?;
    }
    let mut lines = text.lines().peekable();
    // With a header starting `id`, the column named `input` holds the address.
    let column = match lines.peek() {
        Some(h) if h.starts_with("id\t") => h.split('\t').position(|c| c == "input"),
        _ => None,
    };
    if column.is_some() {
        lines.next();
    }
    Ok(lines
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            if let Some(col) = column {
                let f: Vec<&str> = l.split('\t').collect();
                let id = f.first().copied().unwrap_or_default().to_owned();
                (id, unescape(f.get(col).copied().unwrap_or_default()))
            } else {
                (i.to_string(), l.trim().to_owned())
            }
        })
        .collect())
}

/// What one input translated to: candidate commune codes (0 for a province-only
/// candidate, with its province code), or an error.
type Answer = Option<Vec<(u32, u32)>>;

fn answer(t: &Translator, input: &str) -> Answer {
    t.translate(input).ok().map(|r| {
        r.candidates()
            .iter()
            .map(|c| {
                (
                    c.commune().map_or(0, |m| m.code().get()),
                    c.province().code().get(),
                )
            })
            .collect()
    })
}

fn translate(start: Instant, path: &str, passes: usize, timing: Option<&str>) -> Res<()> {
    let translator = Translator::new();
    let t0 = Instant::now();
    let inputs = read_inputs(path)?;
    let load = t0.elapsed();
    let t0 = Instant::now();
    if let Some((_, first)) = inputs.first() {
        std::hint::black_box(answer(&translator, first));
    }
    let first_call = t0.elapsed();
    let first_answer = start.elapsed();
    let mut times = Vec::with_capacity(passes);
    let mut answers: Vec<Answer> = Vec::new();
    for _ in 0..passes.max(1) {
        let t0 = Clock::now();
        answers = inputs.iter().map(|(_, a)| answer(&translator, a)).collect();
        times.push(t0.elapsed());
        std::hint::black_box(&answers);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut line = String::new();
    for ((id, _), a) in inputs.iter().zip(&answers) {
        line.clear();
        match a {
            None => write!(line, "{id}\terr\t")?,
            Some(cands) => {
                write!(line, "{id}\tok\t")?;
                for (i, &(commune, province)) in cands.iter().enumerate() {
                    if i > 0 {
                        line.push(',');
                    }
                    if commune == 0 {
                        write!(line, "p{province:02}")?;
                    } else {
                        write!(line, "{commune:05}")?;
                    }
                }
            }
        }
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    write_timing(timing, inputs.len(), load, first_call, first_answer, &times)
}

fn lookup(path: &str, passes: usize, timing: Option<&str>) -> Res<()> {
    let t0 = Instant::now();
    let codes: Vec<CommuneCode> = std::fs::read_to_string(path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().parse())
        .collect::<Result<_, _>>()?;
    let load = t0.elapsed();
    // One pass over 3,321 codes takes microseconds, far below the clocks' resolution:
    // each sample times REPS passes and records their mean.
    const REPS: u32 = 1000;
    let mut times = Vec::with_capacity(passes);
    let mut found: Vec<Option<&'static Commune>> = Vec::new();
    for _ in 0..passes.max(1) {
        let t0 = Clock::now();
        for _ in 0..REPS {
            found = codes
                .iter()
                .map(|&c| Commune::get(std::hint::black_box(c)))
                .collect();
            std::hint::black_box(&found);
        }
        let (wall, cpu) = t0.elapsed();
        times.push((wall / REPS, cpu.map(|c| c / REPS)));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for (code, c) in codes.iter().zip(&found) {
        match c {
            Some(c) => writeln!(out, "{code}\t{}\t{}", c.name(), c.province().code())?,
            None => writeln!(out, "{code}\t\t")?,
        }
    }
    out.flush()?;
    write_timing(
        timing,
        codes.len(),
        load,
        Duration::ZERO,
        Duration::ZERO,
        &times,
    )
}

/// Wall time and, on Unix, the CPU time of this thread, which a busy machine
/// inflates far less.
struct Clock {
    wall: Instant,
    cpu: Option<u64>,
}

impl Clock {
    fn now() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu_ns(),
        }
    }

    fn elapsed(&self) -> (Duration, Option<Duration>) {
        let cpu = self
            .cpu
            .zip(thread_cpu_ns())
            .map(|(a, b)| Duration::from_nanos(b.saturating_sub(a)));
        (self.wall.elapsed(), cpu)
    }
}

/// The CPU time of this thread in ns (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`,
/// which the kernel brings up to date when read: exact to the ns).
#[cfg(unix)]
fn thread_cpu_ns() -> Option<u64> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec; the call only writes to it.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    (r == 0).then(|| t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64)
}

#[cfg(not(unix))]
fn thread_cpu_ns() -> Option<u64> {
    None
}

fn write_timing(
    path: Option<&str>,
    n: usize,
    load: Duration,
    first_call: Duration,
    first_answer: Duration,
    passes: &[(Duration, Option<Duration>)],
) -> Res<()> {
    let Some(path) = path else { return Ok(()) };
    let secs = |d: &Duration| format!("{:.9}", d.as_secs_f64());
    let list = |v: &[Duration]| v.iter().map(secs).collect::<Vec<_>>().join(", ");
    let median = |v: &[Duration]| {
        let mut v = v.to_vec();
        v.sort();
        secs(&v[v.len() / 2])
    };
    let wall: Vec<Duration> = passes.iter().map(|p| p.0).collect();
    let cpu: Vec<Duration> = passes.iter().filter_map(|p| p.1).collect();
    let mut json = format!(
        "{{\"n\": {n}, \"load_s\": {}, \"first_call_s\": {}, \"first_answer_s\": {}, \
         \"median_pass_s\": {}, \"passes_s\": [{}]",
        secs(&load),
        secs(&first_call),
        secs(&first_answer),
        median(&wall),
        list(&wall)
    );
    if cpu.len() == wall.len() {
        write!(
            json,
            ", \"median_cpu_pass_s\": {}, \"cpu_passes_s\": [{}]",
            median(&cpu),
            list(&cpu)
        )?;
    }
    json.push_str("}\n");
    std::fs::write(path, json)?;
    Ok(())
}

// ------------------------------------------------------------------ latency

/// What reading the thread's CPU clock twice costs, in ns (the median of many
/// readings), taken off every measurement.
fn clock_overhead_ns() -> u64 {
    let mut v: Vec<u64> = (0..10_001)
        .filter_map(|_| {
            Some(
                thread_cpu_ns()?
                    .wrapping_neg()
                    .wrapping_add(thread_cpu_ns()?),
            )
        })
        .collect();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

/// The latency of each input in ns: `reps` translations in a row between two readings
/// of the thread's CPU clock, in `passes` passes over all inputs; the median pass.
fn per_input_ns(t: &Translator, inputs: &[&str], reps: usize, passes: usize) -> Res<Vec<f64>> {
    let overhead = clock_overhead_ns();
    let reps = reps.max(1);
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(passes); inputs.len()];
    for _ in 0..passes.max(1) {
        for (i, a) in inputs.iter().enumerate() {
            let t0 = thread_cpu_ns().ok_or("no thread CPU clock on this platform")?;
            for _ in 0..reps {
                std::hint::black_box(t.translate(std::hint::black_box(a)).is_ok());
            }
            let t1 = thread_cpu_ns().ok_or("no thread CPU clock on this platform")?;
            samples[i].push(t1.saturating_sub(t0).saturating_sub(overhead) as f64 / reps as f64);
        }
    }
    Ok(samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            s[s.len() / 2]
        })
        .collect())
}

/// The value at quantile `q` of sorted `v` (nearest rank).
fn quantile(v: &[f64], q: f64) -> f64 {
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

/// One line of the latency table: n, median, p90, p99, max, mean, in µs.
fn latency_line(name: &str, ns: &[f64]) -> String {
    if ns.is_empty() {
        return format!("| {name} | 0 | | | | | |");
    }
    let mut v = ns.to_vec();
    v.sort_by(f64::total_cmp);
    let us = |x: f64| format!("{:.2}", x / 1000.0);
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    format!(
        "| {name} | {} | {} | {} | {} | {} | {} |",
        v.len(),
        us(quantile(&v, 0.5)),
        us(quantile(&v, 0.9)),
        us(quantile(&v, 0.99)),
        us(v[v.len() - 1]),
        us(mean)
    )
}

fn latency(count: usize, seed: u64, reps: usize, passes: usize) -> Res<()> {
    let translator = Translator::new();
    let clean: Vec<Row> = rows(count, seed)
        .into_iter()
        .filter(|r| r.writing != "messy")
        .collect();
    let messy = workload::messy_workload();
    let clean_in: Vec<&str> = clean.iter().map(|r| r.input.as_str()).collect();
    let messy_in: Vec<&str> = messy.iter().map(|it| it.input.as_str()).collect();
    // Warm up: one pass over everything.
    for a in clean_in.iter().chain(&messy_in) {
        std::hint::black_box(translator.translate(a).is_ok());
    }
    let clean_ns = per_input_ns(&translator, &clean_in, reps, passes)?;
    let messy_ns = per_input_ns(&translator, &messy_in, reps, passes)?;
    println!(
        "Per-address translation latency, µs of thread CPU time ({reps} translations in a row \
         per reading, median of {passes} passes; clock overhead {} ns taken off)\n",
        clock_overhead_ns()
    );
    println!("| workload | addresses | median | p90 | p99 | max | mean |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    println!(
        "{}",
        latency_line("clean (generate, seed 2025, four writings)", &clean_ns)
    );
    for w in &WRITINGS[..4] {
        let ns: Vec<f64> = clean
            .iter()
            .zip(&clean_ns)
            .filter(|(r, _)| r.writing == *w)
            .map(|(_, &n)| n)
            .collect();
        println!("{}", latency_line(&format!("clean: {w}"), &ns));
    }
    println!(
        "{}",
        latency_line("messy (tests/it/workload.rs)", &messy_ns)
    );
    let pick = |f: &dyn Fn(&workload::Item) -> bool| -> Vec<f64> {
        messy
            .iter()
            .zip(&messy_ns)
            .filter(|(it, _)| f(it))
            .map(|(_, &n)| n)
            .collect()
    };
    println!(
        "{}",
        latency_line("messy: as found", &pick(&|it| it.rewrites.is_empty()))
    );
    let mut names: Vec<&str> = workload::STEPS.iter().map(|(s, _)| s.name()).collect();
    names.sort_unstable();
    for name in names {
        println!(
            "{}",
            latency_line(
                &format!("messy: with {name}"),
                &pick(&|it| it.rewrites.contains(&name))
            )
        );
    }
    let mut slow: Vec<(f64, &workload::Item)> =
        messy_ns.iter().copied().zip(messy.iter()).collect();
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("\nSlowest messy addresses:");
    for (ns, it) in slow.iter().take(10) {
        println!(
            "  {:7.2} µs  {} [{}] {:?}",
            ns / 1000.0,
            it.origin,
            it.rewrites.join(","),
            it.input
        );
    }
    Ok(())
}

// --------------------------------------------------------------- worst case

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `name` with `edits` typing errors (a letter dropped, doubled, swapped or replaced
/// by a neighbour), away from the first letter.
fn misspell(name: &str, edits: usize, rng: &mut Rng) -> String {
    let mut c: Vec<char> = name.chars().collect();
    for _ in 0..edits {
        if c.len() < 3 {
            break;
        }
        let i = 1 + rng.below(c.len() - 2);
        match rng.below(4) {
            0 => {
                c.remove(i);
            }
            1 => c.insert(i, c[i]),
            2 => c.swap(i, i + 1),
            _ => c[i] = ['a', 'n', 'h', 'o', 'ư', 'ê'][rng.below(6)],
        }
    }
    c.into_iter().collect()
}

/// Adversarial inputs of at most 1 KiB for the typo-tolerant paths, from six
/// templates, and which template each came from.
fn adversarial(count: usize) -> Vec<(&'static str, String)> {
    let mut rng = Rng(0x5107_e5d1_a7a5_0001);
    let communes = legacy::Commune::all();
    let mut longest: Vec<&legacy::Commune> = communes.iter().collect();
    longest.sort_by_key(|c| std::cmp::Reverse(c.full_name().to_string().len()));
    let kinds = [
        "Phường",
        "Xã",
        "Thị trấn",
        "P.",
        "X.",
        "Quận",
        "Huyện",
        "Tỉnh",
        "TP.",
    ];
    let mut out = Vec::with_capacity(count);
    for k in 0..count {
        let c = &communes[rng.below(communes.len())];
        let (d, p) = (c.district(), c.province());
        let edits = 1 + rng.below(3);
        let s = match k % 6 {
            // Every name misspelt, with kind words.
            0 => (
                "typos in every name",
                format!(
                    "{} {}, {} {}, {} {}",
                    c.full_name().prefix(),
                    misspell(c.name(), edits, &mut rng),
                    d.full_name().prefix(),
                    misspell(d.name(), edits, &mut rng),
                    p.full_name().prefix(),
                    misspell(p.name(), edits, &mut rng)
                ),
            ),
            // The longest names, misspelt, without diacritics or commas.
            1 => {
                let c = longest[rng.below(50)];
                (
                    "long names, misspelt, no commas",
                    format!(
                        "{} {} {}",
                        misspell(&c.full_name().to_string(), edits, &mut rng),
                        misspell(&c.district().full_name().to_string(), edits, &mut rng),
                        misspell(&c.province().full_name().to_string(), edits, &mut rng)
                    )
                    .to_lowercase(),
                )
            }
            // Many segments of misspelt units, up to 1 KiB.
            2 => {
                let mut s = String::new();
                while s.len() < 1100 {
                    let o = &communes[rng.below(communes.len())];
                    s.push_str(&format!(
                        "{} {}, ",
                        kinds[rng.below(kinds.len())],
                        misspell(o.name(), 1 + rng.below(2), &mut rng)
                    ));
                }
                ("many misspelt segments", s)
            }
            // A soup of misspelt name words, no separators.
            3 => {
                let mut s = String::new();
                while s.len() < 1100 {
                    let o = &communes[rng.below(communes.len())];
                    s.push_str(&misspell(o.name(), 1, &mut rng));
                    s.push(' ');
                }
                ("soup of misspelt names", s)
            }
            // A street, then misspelt units of one place and a misspelt province.
            4 => (
                "street and misspelt units",
                format!(
                    "Số {} {} {}, {} {}, {}",
                    rng.below(300),
                    misspell(communes[rng.below(communes.len())].name(), 1, &mut rng),
                    misspell(&c.full_name().to_string(), edits, &mut rng),
                    d.full_name().prefix(),
                    misspell(d.name(), edits, &mut rng),
                    misspell(p.name(), 2, &mut rng)
                ),
            ),
            // Kind words flooding misspelt names.
            _ => {
                let mut s = String::new();
                while s.len() < 1100 {
                    s.push_str(kinds[rng.below(kinds.len())]);
                    s.push(' ');
                    if rng.below(2) == 0 {
                        let o = &communes[rng.below(communes.len())];
                        s.push_str(&misspell(o.name(), 1, &mut rng));
                        s.push(' ');
                    }
                }
                ("kind-word flood", s)
            }
        };
        out.push((s.0, cut(&s.1, address_limit()).to_owned()));
    }
    out
}

fn address_limit() -> usize {
    dvhc::address::MAX_ADDRESS_LEN
}

fn worst(count: usize, top: usize, file: Option<&str>) -> Res<()> {
    let translator = Translator::new();
    let mut inputs = adversarial(count);
    if let Some(path) = file {
        for (_, s) in read_inputs(path)? {
            inputs.push(("from the file", cut(&s, address_limit()).to_owned()));
        }
    }
    let texts: Vec<&str> = inputs.iter().map(|(_, s)| s.as_str()).collect();
    // A first, rough measurement of everything; the slowest measured again, longer.
    let rough = per_input_ns(&translator, &texts, 3, 3)?;
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by(|&a, &b| rough[b].total_cmp(&rough[a]));
    let again: Vec<usize> = order.into_iter().take(top * 3).collect();
    let chosen: Vec<&str> = again.iter().map(|&i| texts[i]).collect();
    let fine = per_input_ns(&translator, &chosen, 20, 7)?;
    let mut result: Vec<(f64, usize)> = fine.into_iter().zip(again).collect();
    result.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut per_template: Vec<(&str, Vec<f64>)> = Vec::new();
    for ((t, _), ns) in inputs.iter().zip(&rough) {
        match per_template.iter_mut().find(|(n, _)| n == t) {
            Some((_, v)) => v.push(*ns),
            None => per_template.push((t, vec![*ns])),
        }
    }
    println!(
        "{} adversarial inputs of at most {} bytes (thread CPU time; rough: 3 × 3 runs)\n",
        texts.len(),
        address_limit()
    );
    println!("| template | addresses | median | p90 | p99 | max | mean |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (t, v) in &per_template {
        println!("{}", latency_line(t, v));
    }
    println!("\nSlowest {top} (measured again: 20 in a row × 7 passes, median):");
    for (ns, i) in result.iter().take(top) {
        let (t, s) = &inputs[*i];
        let ok = translator.translate(s).is_ok();
        println!(
            "  {:7.2} µs  {t}, {} bytes, {}: {:?}",
            ns / 1000.0,
            s.len(),
            if ok { "translated" } else { "error" },
            cut(s, 160)
        );
    }
    Ok(())
}
