//! The `dvhc` command-line tool as a library: **internal**.
//!
//! This library target exists so that the tool's input handling can be driven without
//! a process: the fuzz target `cli_csv` and the tests call `csv::run`, exactly what
//! `dvhc csv` runs (the CSV dialect, the column lookup, the appended columns, the
//! per-row errors), on any reader and writer, after `decode::open` has read the input
//! in the encoding `--encoding` names or detected. It is not meant for other crates and
//! is not covered by semantic versioning: any release may change it. Use the `dvhc`
//! binary (its command line and output formats, documented in the README and
//! `dvhc --help`, are the interface), or the [`dvhc`](https://docs.rs/dvhc) library,
//! whose types serialise to the JSON the tool prints.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod app;
mod cache;
#[doc(hidden)]
pub mod csv;
#[doc(hidden)]
pub mod decode;
mod engine;
#[doc(hidden)]
pub mod json;
mod lines;
mod model;
mod pipeline;
mod progress;
mod records;
#[cfg(feature = "serve")]
mod serve;
mod text;

#[doc(hidden)]
/// Runs the `dvhc` command line on the process's arguments, standard input and
/// standard output, and returns the exit status: 0 when every input was processed
/// (per-input errors are part of the output), 1 on an I/O error or when `get` or
/// `locate` finds no unit, 2 on a usage error, 3 when the run finished with rows that
/// could not be read (unless `--lenient`) or, with `--strict`, rows not `ok`.
pub fn main() -> std::process::ExitCode {
    app::main()
}
