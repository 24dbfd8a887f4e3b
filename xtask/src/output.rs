//! TSV rendering and the write / --check step.

use crate::text::is_nfc_str;
use anyhow::{bail, Context, Result};
use std::path::Path;

/// One generated file: path relative to the workspace root and content.
pub struct OutFile {
    pub path: String,
    pub content: String,
}

/// Header plus rows, tab-separated, LF, trailing newline. Fields must be
/// NFC and free of tabs and line breaks; every row must have the header's width.
pub fn render(path: &str, header: &[&str], rows: Vec<Vec<String>>) -> Result<OutFile> {
    let mut out = header.join("\t");
    out.push('\n');
    for (i, row) in rows.iter().enumerate() {
        if row.len() != header.len() {
            bail!(
                "{path}: row {} has {} fields, header has {}",
                i + 1,
                row.len(),
                header.len()
            );
        }
        for f in row {
            if f.contains(['\t', '\n', '\r']) || !is_nfc_str(f) || f.trim() != f {
                bail!(
                    "{path}: row {}: field {f:?} has a tab, line break, outer space or is not NFC",
                    i + 1
                );
            }
        }
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    Ok(OutFile {
        path: path.to_string(),
        content: out,
    })
}

pub fn write(root: &Path, files: &[OutFile]) -> Result<()> {
    for f in files {
        let p = root.join(&f.path);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let unchanged = std::fs::read(&p).is_ok_and(|old| old == f.content.as_bytes());
        if !unchanged {
            std::fs::write(&p, &f.content).with_context(|| format!("writing {}", p.display()))?;
        }
        let rows = f.content.lines().count().saturating_sub(1);
        println!(
            "  {} {} ({rows} rows)",
            if unchanged { "unchanged" } else { "wrote    " },
            f.path
        );
    }
    Ok(())
}

/// Files whose bytes on disk differ from what would be written.
pub fn check(root: &Path, files: &[OutFile]) -> Vec<String> {
    files
        .iter()
        .filter(|f| {
            std::fs::read(root.join(&f.path)).map_or(true, |old| old != f.content.as_bytes())
        })
        .map(|f| f.path.clone())
        .collect()
}
