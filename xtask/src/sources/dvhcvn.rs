//! dvhcvn/20250701: new → old links extracted from the 34 resolutions, and
//! letter 915/CTK-CSCL (codes of the 34 new provinces).

use crate::errata::Errata;
use crate::table::{read_json, Table};
use crate::text::clean;
use anyhow::Result;
use serde::Deserialize;
use std::path::Path;

pub const SOURCE: &str = "dvhcvn-merges";

#[derive(Deserialize)]
struct File {
    data: Vec<Level1>,
}

#[derive(Deserialize)]
struct Level1 {
    level1_id: String,
    name: String,
    merges: Vec<Link>,
    level2s: Vec<Level2>,
}

#[derive(Deserialize)]
struct Level2 {
    level2_id: String,
    name: String,
    merges: Vec<Link>,
}

#[derive(Deserialize)]
struct Link {
    old_id: String,
    #[serde(rename = "type")]
    kind: String,
}

pub struct MergeUnit {
    pub code: String,
    pub name: String,
    pub parent: String,
    /// (old code, "full" | "partial")
    pub links: Vec<(String, String)>,
}

pub struct Merges {
    pub provinces: Vec<MergeUnit>,
    pub communes: Vec<MergeUnit>,
}

fn links(v: Vec<Link>) -> Vec<(String, String)> {
    v.into_iter().map(|l| (l.old_id, l.kind)).collect()
}

pub fn read_merges(path: &Path) -> Result<Merges> {
    let f: File = read_json(path)?;
    let mut provinces = Vec::new();
    let mut communes = Vec::new();
    for p in f.data {
        for c in p.level2s {
            communes.push(MergeUnit {
                code: c.level2_id,
                name: clean(&c.name),
                parent: p.level1_id.clone(),
                links: links(c.merges),
            });
        }
        provinces.push(MergeUnit {
            code: p.level1_id,
            name: clean(&p.name),
            parent: String::new(),
            links: links(p.merges),
        });
    }
    Ok(Merges {
        provinces,
        communes,
    })
}

/// Applies errata to the new commune codes (field `level2_id`).
pub fn apply_errata(m: &mut Merges, errata: &Errata) -> Result<()> {
    for c in &mut m.communes {
        let key = c.code.clone();
        errata.apply(SOURCE, &key, "level2_id", &mut c.code)?;
    }
    Ok(())
}

/// Letter 915/CTK-CSCL: (code, name) of the 34 new provinces.
pub fn read_915(path: &Path) -> Result<Vec<(String, String)>> {
    let t = Table::read(path)?;
    let [c, n] = t.cols(["Mã số", "Tên 34 tỉnh sau sáp nhập"])?;
    Ok(t.rows
        .iter()
        .map(|r| (r[c].trim().to_string(), clean(&r[n])))
        .collect())
}
