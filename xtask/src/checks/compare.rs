//! Code-by-code comparison of two unit lists, reported like PROVENANCE §3.

use crate::table::expect_eq;
use crate::text::{name_diff, NameDiff};
use anyhow::Result;
use std::collections::BTreeMap;

/// What a source says about one unit.
#[derive(Debug, Clone)]
pub struct UnitView {
    pub full_name: String,
    pub kind: String,
    pub parent: String,
}

pub type Units = BTreeMap<String, UnitView>;

#[derive(Debug, Default)]
pub struct Agreement {
    pub reference: usize,
    pub common: usize,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
    pub exact: usize,
    /// tone placement or letter case
    pub tone: usize,
    pub apostrophe: usize,
    pub other: Vec<String>,
    pub kind_same: usize,
    pub parent_same: usize,
    pub kind_diff: Vec<String>,
}

pub fn compare(reference: &Units, other: &Units) -> Agreement {
    let mut a = Agreement {
        reference: reference.len(),
        ..Default::default()
    };
    for (code, r) in reference {
        let Some(o) = other.get(code) else {
            a.missing.push(code.clone());
            continue;
        };
        a.common += 1;
        match name_diff(&r.full_name, &o.full_name) {
            NameDiff::Exact => a.exact += 1,
            NameDiff::Case | NameDiff::Tone => a.tone += 1,
            NameDiff::Apostrophe => a.apostrophe += 1,
            NameDiff::Other => a.other.push(code.clone()),
        }
        if r.kind == o.kind {
            a.kind_same += 1;
        } else {
            a.kind_diff.push(code.clone());
        }
        if r.parent == o.parent {
            a.parent_same += 1;
        }
    }
    a.extra = other
        .keys()
        .filter(|k| !reference.contains_key(*k))
        .cloned()
        .collect();
    a
}

impl Agreement {
    pub fn summary(&self) -> String {
        let mut s = format!(
            "codes {}/{}, names exact {}, tone/case {}, apostrophe {}, other {}, kind {}/{}, parent {}/{}",
            self.common,
            self.reference,
            self.exact,
            self.tone,
            self.apostrophe,
            self.other.len(),
            self.kind_same,
            self.common,
            self.parent_same,
            self.common
        );
        if !self.missing.is_empty() {
            s += &format!(", missing {:?}", self.missing);
        }
        if !self.extra.is_empty() {
            s += &format!(", extra {:?}", self.extra);
        }
        if !self.other.is_empty() {
            s += &format!(", other-name codes {:?}", self.other);
        }
        if !self.kind_diff.is_empty() && self.kind_diff.len() <= 30 {
            s += &format!(", kind differs {:?}", self.kind_diff);
        }
        s
    }

    /// Asserts (common, exact, tone, apostrophe, other) and full parent agreement.
    pub fn expect(&self, label: &str, want: [usize; 5]) -> Result<()> {
        let got = [
            self.common,
            self.exact,
            self.tone,
            self.apostrophe,
            self.other.len(),
        ];
        expect_eq(
            &format!("{label}: (codes, exact, tone/case, apostrophe, other)"),
            got,
            want,
        )?;
        expect_eq(&format!("{label}: parents"), self.parent_same, self.common)
    }
}
