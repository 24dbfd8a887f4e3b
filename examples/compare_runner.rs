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
//! ```
//!
//! `generate` draws `N` (default 10,000) legacy communes, distinct up to 10,035,
//! with a fixed-seed shuffle and writes each in one of four writings, round robin:
//! `full` (official names), `abbrev` (each kind's abbreviation: `P. Bến Nghé, Q.1,
//! TP.HCM`), `ascii` (the full writing in lower case without diacritics) and `street`
//! (a house number and street, or a hamlet, in front of the full writing). The
//! expected answer is the set of the commune's successors,
//! `legacy::Commune::successors()`, i.e. the NSO conversion table. Columns:
//! `id writing input expected split legacy_code`.
//!
//! `translate` reads such a TSV (or plain lines, one address each), translates every
//! input once per pass on one thread, and writes `id <TAB> status <TAB> candidates`:
//! the candidates' commune codes in order, comma-separated (`p79` for a
//! province-only candidate). Timing goes to `--timing` as JSON: reading the file, the
//! first call of the process, and every pass (translation and collecting the codes
//! into memory; writing the output is outside), in wall time and, on Linux, in CPU
//! time of the thread. CPU time comes from `/proc/thread-self/schedstat`, which the
//! kernel brings up to date at every scheduler tick: exact to a few ms, so only long
//! samples use it (`lookup` times 1,000 passes per sample).

use std::fmt::Write as _;
use std::io::{self, BufWriter, Read, Write};
use std::time::{Duration, Instant};

use dvhc::legacy::{self, DistrictKind, ProvinceKind};
use dvhc::translate::Translator;
use dvhc::{Commune, CommuneCode};
use unicode_normalization::UnicodeNormalization;

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
        _ => Err(
            "usage: compare_runner generate|translate|lookup|one|code|noop (see the source)".into(),
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

/// The four writings, in the order they are dealt out.
const WRITINGS: [&str; 4] = ["full", "abbrev", "ascii", "street"];

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

fn generate(count: usize, seed: u64) -> Res<()> {
    let all = legacy::Commune::all();
    let mut order: Vec<usize> = (0..all.len()).collect();
    let mut rng = Rng(seed);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "id\twriting\tinput\texpected\tsplit\tlegacy_code")?;
    for id in 0..count {
        let c = &all[order[id % order.len()]];
        let writing = WRITINGS[id % WRITINGS.len()];
        let input = match writing {
            "full" => full(c),
            "abbrev" => abbreviated(c),
            "ascii" => without_diacritics(&full(c)),
            _ => format!("{}, {}", street(c, &mut rng), full(c)),
        };
        let expected: Vec<String> = c.successors().map(|(n, _)| n.code().to_string()).collect();
        writeln!(
            out,
            "{id}\t{writing}\t{input}\t{}\t{}\t{}",
            expected.join(","),
            u8::from(expected.len() > 1),
            c.code()
        )?;
    }
    out.flush()?;
    Ok(())
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
                (id, f.get(col).copied().unwrap_or_default().to_owned())
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

/// Wall time and, on Linux, the CPU time of this thread (from
/// `/proc/thread-self/schedstat`, in ns), which a busy machine inflates far less.
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

fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
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
