//! Search units or parse an address given on the command line.
//!
//! ```text
//! cargo run --example search -- "Bến Nghé"                 # exact, both structures
//! cargo run --example search -- --prefix "xuan huo"        # autocomplete, top 10
//! cargo run --example search -- --fuzzy "Ben Ngheh"        # typo-tolerant
//! cargo run --example search -- --parse "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM"
//! ```
//!
//! Options (before the query): `--prefix`, `--fuzzy`, `--parse`, `--current` or
//! `--legacy` (one structure only), `--limit N`.

use dvhc::address::{self, Resolution, Units};
use dvhc::search::{Era, Mode, Search};

fn main() {
    let mut search = Search::new();
    let mut prefix = false;
    let mut parse = false;
    let mut limit = None;
    let mut query = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--prefix" => {
                search = search.mode(Mode::Prefix);
                prefix = true;
            }
            "--fuzzy" => search = search.mode(Mode::Fuzzy),
            "--parse" => parse = true,
            "--current" => search = search.era(Era::Current),
            "--legacy" => search = search.era(Era::Legacy),
            "--limit" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => limit = Some(n),
                None => usage("--limit takes a number"),
            },
            "-h" | "--help" => usage(""),
            _ => query.push(arg),
        }
    }
    let query = query.join(" ");
    if query.is_empty() {
        usage("no query given");
    }
    if parse {
        print_address(&query);
        return;
    }
    if let Some(n) = limit.or(prefix.then_some(10)) {
        search = search.limit(n);
    }
    let hits = search.run(&query);
    if hits.is_empty() {
        println!("no match for {query:?}");
        std::process::exit(1);
    }
    for h in &hits {
        let u = h.unit();
        println!(
            "{:>5}  {:<40} {:?} {:?}, distance {}, via {:?}, fidelity {}{}",
            u.code(),
            u.to_string(),
            u.era(),
            u.level(),
            h.distance(),
            h.via(),
            h.fidelity(),
            if h.kind_fits() { "" } else { ", kind differs" }
        );
    }
}

fn print_address(input: &str) {
    let a = match address::parse(input) {
        Ok(a) => a,
        Err(e) => {
            println!("error: {e}");
            std::process::exit(1);
        }
    };
    match a.resolution() {
        Resolution::Unique(r) => println!("{r}"),
        Resolution::Ambiguous(c) => println!("ambiguous: {} candidates", c.len()),
        _ => {}
    }
    for r in a.readings() {
        let units = match r.units() {
            Units::Legacy(l) => format!(
                "legacy: {} | {} | {} (commune via {:?})",
                l.commune()
                    .map_or("-".into(), |c| format!("{} {}", c.code(), c)),
                l.district()
                    .map_or("-".into(), |d| format!("{} {}", d.code(), d)),
                l.province(),
                l.commune_via()
            ),
            Units::Current(c) => format!(
                "current: {} | {}{}",
                c.commune()
                    .map_or("-".into(), |c| format!("{} {}", c.code(), c)),
                c.province(),
                c.legacy_district()
                    .map_or(String::new(), |d| format!(" (old district {d} ignored)"))
            ),
            _ => String::new(),
        };
        println!("  {units}; rest {:?}; edits {}", r.rest(), r.edits());
    }
}

fn usage(msg: &str) -> ! {
    if !msg.is_empty() {
        eprintln!("error: {msg}");
    }
    eprintln!(
        "usage: search [--prefix | --fuzzy | --parse] [--current | --legacy] [--limit N] QUERY"
    );
    std::process::exit(2);
}
