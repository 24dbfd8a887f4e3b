//! Where did a pre-2025 commune go? Prints each legacy commune code given on the
//! command line (or a few well-known ones) with its current successor(s).
//!
//! ```text
//! cargo run --example successors -- 26737 26740 15061
//! ```

use dvhc::legacy;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let codes: Vec<String> = if args.is_empty() {
        ["26740", "26737", "00001", "24781", "15061", "27046"]
            .map(String::from)
            .to_vec()
    } else {
        args
    };
    let mut failed = false;
    for raw in &codes {
        let code: legacy::CommuneCode = match raw.parse() {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{raw}: {e}");
                failed = true;
                continue;
            }
        };
        let Some(old) = legacy::Commune::get(code) else {
            eprintln!("{raw}: no commune had this code on 30 June 2025");
            failed = true;
            continue;
        };
        println!(
            "{} {}, {}, {}",
            old.code(),
            old,
            old.district(),
            old.province()
        );
        for (new, share) in old.successors() {
            println!("    → {} {}, {} ({share})", new.code(), new, new.province());
        }
    }
    if failed {
        std::process::exit(1);
    }
}
