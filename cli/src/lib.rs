//! The `dvhc` command-line tool as a library.
//!
//! The `dvhc` binary is a thin wrapper around [`main`]. The library exists so that the
//! tool's input handling can be driven without a process: [`csv::run`] is exactly what
//! `dvhc csv` runs (the CSV dialect, the column lookup, the appended columns, the
//! per-row errors), on any reader and writer, and the fuzz target `cli_csv` calls it on
//! arbitrary bytes.
//!
//! Everything else (argument parsing, the other subcommands, the JSON shapes) is
//! private: the command line and its output formats are the interface, documented in
//! the crate's README and in `dvhc --help`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod app;
mod cache;
pub mod csv;
mod decode;
mod engine;
mod lines;
mod model;
mod pipeline;
mod progress;
mod records;
#[cfg(feature = "serve")]
mod serve;
mod text;

/// Runs the `dvhc` command line on the process's arguments, standard input and
/// standard output, and returns the exit status: 0 when every input was processed
/// (per-input errors are part of the output), 1 on an I/O error or when `get` or
/// `locate` finds no unit, 2 on a usage error, 3 when the run finished with rows that
/// could not be read (unless `--lenient`) or, with `--strict`, rows not `ok`.
pub fn main() -> std::process::ExitCode {
    app::main()
}
