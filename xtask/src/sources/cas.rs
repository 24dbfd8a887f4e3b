//! production.cas.so commune list (the official list as of 2025-07-01).

use crate::table::read_json;
use anyhow::Result;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct File {
    communes: Vec<Raw>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    code: String,
    name: String,
    english_name: String,
    administrative_level: String,
    province_code: String,
    province_name: String,
    decree: String,
}

/// One CAS commune, with the raw name kept for the quality counts.
pub struct CasCommune {
    pub code: String,
    pub raw_name: String,
    /// `englishName`, cleaned; empty for most units (PROVENANCE §2.1).
    pub english_name: String,
    pub level: String,
    pub province_code: String,
    pub province_name: String,
    pub decree: String,
}

pub fn read(path: &Path) -> Result<Vec<CasCommune>> {
    let f: File = read_json(path)?;
    Ok(f.communes
        .into_iter()
        .map(|r| CasCommune {
            code: r.code,
            raw_name: r.name,
            english_name: crate::text::clean(&r.english_name),
            level: r.administrative_level,
            province_code: r.province_code,
            province_name: r.province_name,
            decree: r.decree,
        })
        .collect())
}
