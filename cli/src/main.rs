//! `dvhc`: Vietnamese administrative units and addresses on the command line.
//!
//! Everything is in the library (`dvhc_cli`); see `dvhc --help`.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    dvhc_cli::main()
}
