//! Small helpers to read CSV/JSON/text files with error context.

use anyhow::{bail, Context, Result};
use std::path::Path;

pub fn read_text(path: &Path) -> Result<String> {
    let s = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s))
}

pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = read_text(path)?;
    serde_json::from_str(&text).with_context(|| format!("parsing JSON {}", path.display()))
}

/// All records of a CSV file (BOM stripped, RFC 4180 quoting, cells may
/// contain newlines). Every record must have the same number of fields.
pub fn read_csv_records(path: &Path) -> Result<Vec<Vec<String>>> {
    let text = read_text(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: CSV record {}", path.display(), i + 1))?;
        out.push(rec.iter().map(str::to_string).collect());
    }
    Ok(out)
}

/// A CSV file with a header row; cells addressed by column name.
pub struct Table {
    pub file: String,
    headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn read(path: &Path) -> Result<Table> {
        let mut records = read_csv_records(path)?;
        if records.is_empty() {
            bail!("{}: empty CSV", path.display());
        }
        let headers = records.remove(0);
        Ok(Table {
            file: path.display().to_string(),
            headers,
            rows: records,
        })
    }

    /// Index of the column called `name`.
    pub fn col(&self, name: &str) -> Result<usize> {
        self.headers
            .iter()
            .position(|h| h == name)
            .with_context(|| {
                format!(
                    "{}: no column {name:?} (have {:?})",
                    self.file, self.headers
                )
            })
    }

    /// Indices of several columns at once, in the given order.
    pub fn cols<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N]> {
        let mut out = [0; N];
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = self.col(name)?;
        }
        Ok(out)
    }
}

/// Fails with a message naming `what` unless `got == want`.
pub fn expect_eq<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<()> {
    if got != want {
        bail!("assertion failed: {what}: got {got:?}, expected {want:?}");
    }
    Ok(())
}
