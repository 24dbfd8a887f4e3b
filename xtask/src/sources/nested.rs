//! vietnam-provinces `nested-divisions.json` (GPL-3.0+): used only to verify,
//! never as a source of any value written.

use crate::table::read_json;
use anyhow::Result;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
pub struct NdProvince {
    pub name: String,
    pub code: u32,
    pub division_type: String,
    pub codename: String,
    pub phone_code: u32,
    pub wards: Vec<NdWard>,
}

#[derive(Deserialize)]
pub struct NdWard {
    pub name: String,
    pub code: u32,
    pub division_type: String,
    pub codename: String,
    pub short_codename: String,
}

pub fn read(path: &Path) -> Result<Vec<NdProvince>> {
    read_json(path)
}
