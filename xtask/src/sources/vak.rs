//! vietnam-address-kit `current-amendments-2026.json`.

use crate::table::read_json;
use anyhow::Result;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Amendments {
    pub as_of: String,
    pub province_amendments: Vec<Amendment>,
    pub ward_amendments: Vec<Amendment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Amendment {
    pub code: String,
    #[serde(default)]
    pub province_code: Option<String>,
    pub name: String,
    pub effective_date: String,
    pub resolution: String,
}

pub fn read(path: &Path) -> Result<Amendments> {
    read_json(path)
}
