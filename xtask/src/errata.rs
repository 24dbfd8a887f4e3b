//! `data/errata.tsv`: hand-written corrections of known source errors.
//!
//! Columns: `source key field wrong right reason`. Readers call
//! [`Errata::apply`] for every (source, key, field) they read; an erratum
//! whose key is met with a value other than `wrong` is an error, and so is an
//! erratum that is never met ([`Errata::ensure_all_used`]).

use anyhow::{bail, Context, Result};
use std::cell::Cell;
use std::collections::HashMap;
use std::path::Path;

pub const HEADER: [&str; 6] = ["source", "key", "field", "wrong", "right", "reason"];

/// Source ids that errata may name (see data/README.md).
pub const SOURCES: [&str; 8] = [
    "nso-conversion",
    "gso-ward",
    "bando-ward",
    "vau-location",
    "thanglequoc-v3.0.2",
    "thanglequoc-v5",
    "dvhcvn-merges",
    "thanglequoc-gis",
];

/// One correction; its `reason` column is required but not used by code.
pub struct Erratum {
    pub source: String,
    pub key: String,
    pub field: String,
    pub wrong: String,
    pub right: String,
    uses: Cell<usize>,
}

pub struct Errata {
    entries: Vec<Erratum>,
    index: HashMap<(String, String, String), usize>,
}

impl Errata {
    pub fn load(path: &Path) -> Result<Errata> {
        let text = crate::table::read_text(path)?;
        Self::parse(&text).with_context(|| format!("in {}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Errata> {
        let mut lines = text.lines().enumerate();
        let header = lines.next().map(|(_, l)| l).unwrap_or_default();
        if header.split('\t').collect::<Vec<_>>() != HEADER {
            bail!("bad header {header:?}, expected {:?}", HEADER.join("\t"));
        }
        let mut entries = Vec::new();
        let mut index = HashMap::new();
        for (n, line) in lines {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 6 {
                bail!("line {}: {} fields, expected 6", n + 1, f.len());
            }
            if !SOURCES.contains(&f[0]) {
                bail!("line {}: unknown source {:?}", n + 1, f[0]);
            }
            if f[1].is_empty() || f[2].is_empty() || f[5].is_empty() || f[3] == f[4] {
                bail!("line {}: empty key/field/reason or wrong == right", n + 1);
            }
            let k = (f[0].to_string(), f[1].to_string(), f[2].to_string());
            if index.insert(k, entries.len()).is_some() {
                bail!(
                    "line {}: duplicate erratum {} {} {}",
                    n + 1,
                    f[0],
                    f[1],
                    f[2]
                );
            }
            entries.push(Erratum {
                source: f[0].into(),
                key: f[1].into(),
                field: f[2].into(),
                wrong: f[3].into(),
                right: f[4].into(),
                uses: Cell::new(0),
            });
        }
        Ok(Errata { entries, index })
    }

    /// Replaces `value` by the erratum's `right` value if one exists for
    /// (source, key, field). Returns whether a correction was applied.
    pub fn apply(&self, source: &str, key: &str, field: &str, value: &mut String) -> Result<bool> {
        let k = (source.to_string(), key.to_string(), field.to_string());
        let Some(&i) = self.index.get(&k) else {
            return Ok(false);
        };
        let e = &self.entries[i];
        if *value != e.wrong {
            bail!(
                "erratum {source} {key} {field}: source value is {value:?}, erratum expects {:?}",
                e.wrong
            );
        }
        e.uses.set(e.uses.get() + 1);
        *value = e.right.clone();
        Ok(true)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn count_by_source(&self) -> Vec<(String, usize)> {
        let mut m: std::collections::BTreeMap<String, usize> = Default::default();
        for e in &self.entries {
            *m.entry(e.source.clone()).or_default() += 1;
        }
        m.into_iter().collect()
    }

    pub fn ensure_all_used(&self) -> Result<()> {
        let unused: Vec<String> = self
            .entries
            .iter()
            .filter(|e| e.uses.get() == 0)
            .map(|e| format!("{} {} {}", e.source, e.key, e.field))
            .collect();
        if !unused.is_empty() {
            bail!("errata never matched the raw data: {}", unused.join("; "));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_and_usage() {
        let e = Errata::parse(
            "source\tkey\tfield\twrong\tright\treason\ngso-ward\t1\tCấp\tXã\tPhường\tx\n",
        )
        .unwrap();
        let mut v = "Xã".to_string();
        assert!(e.apply("gso-ward", "1", "Cấp", &mut v).unwrap());
        assert_eq!(v, "Phường");
        let mut w = "Phường".to_string();
        assert!(e.apply("gso-ward", "1", "Cấp", &mut w).is_err());
        assert!(e.ensure_all_used().is_ok());
    }
}
