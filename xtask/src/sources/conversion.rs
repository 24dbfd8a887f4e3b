//! The NSO conversion table "Bảng chuyển đổi ĐVHC mới – cũ" (merged cells
//! un-merged): 2 title rows, 34 province heading rows, then data rows.

use crate::errata::Errata;
use crate::table::{expect_eq, read_csv_records};
use crate::text::clean;
use anyhow::{bail, Result};
use std::path::Path;

pub const SOURCE: &str = "nso-conversion";

const HEADER: [&str; 8] = [
    "Tỉnh, thành phố",
    "Tên Xã mới",
    "Mã Xã mới",
    "Tên Xã cũ",
    "Mã Xã cũ",
    "Ghi chú",
    "Quận/huyện",
    "Tỉnh cũ",
];

#[derive(Debug, Clone)]
pub struct ConvRow {
    /// 1-based record number in the file.
    pub record: usize,
    pub new_province: String,
    pub new_name: String,
    pub new_code: String,
    pub old_name: String,
    pub old_code: String,
    pub note: String,
    pub old_district: String,
    pub old_province: String,
}

pub struct Conversion {
    pub rows: Vec<ConvRow>,
    pub headings: usize,
}

pub fn read(path: &Path) -> Result<Conversion> {
    let recs = read_csv_records(path)?;
    if recs.len() < 3 {
        bail!("{}: too short", path.display());
    }
    let header: Vec<String> = recs[1].iter().take(8).map(|s| clean(s)).collect();
    expect_eq(
        "conversion table header",
        header,
        HEADER.map(String::from).to_vec(),
    )?;
    let mut rows = Vec::new();
    let mut headings = 0;
    for (i, r) in recs.iter().enumerate().skip(2) {
        if r.len() < 8 {
            bail!(
                "{}: record {} has {} fields",
                path.display(),
                i + 1,
                r.len()
            );
        }
        if r.iter().skip(1).all(|c| c.trim().is_empty()) {
            if r[0].trim().is_empty() {
                bail!("{}: record {} is empty", path.display(), i + 1);
            }
            headings += 1;
            continue;
        }
        if r.len() > 8 && r[8..].iter().any(|c| !c.trim().is_empty()) {
            bail!(
                "{}: record {} has data past column 8",
                path.display(),
                i + 1
            );
        }
        rows.push(ConvRow {
            record: i + 1,
            new_province: clean(&r[0]),
            new_name: clean(&r[1]),
            new_code: r[2].trim().into(),
            old_name: clean(&r[3]),
            old_code: r[4].trim().into(),
            note: clean(&r[5]),
            old_district: clean(&r[6]),
            old_province: clean(&r[7]),
        });
    }
    Ok(Conversion { rows, headings })
}

/// Applies the conversion-table errata: wrong old codes (keyed by
/// "new code|old name"), then fields keyed by the (corrected) old code, the
/// new code, or (rows without an old commune) the old district code.
pub fn apply_errata(rows: &mut [ConvRow], errata: &Errata) -> Result<()> {
    for r in rows.iter_mut() {
        let key = format!("{}|{}", r.new_code, r.old_name);
        errata.apply(SOURCE, &key, "Mã Xã cũ", &mut r.old_code)?;
        errata.apply(SOURCE, &r.new_code, "Tên Xã mới", &mut r.new_name)?;
        if !r.old_code.is_empty() {
            errata.apply(SOURCE, &r.old_code, "Tên Xã cũ", &mut r.old_name)?;
            errata.apply(SOURCE, &r.old_code, "Tỉnh cũ", &mut r.old_province)?;
        } else if let Some((_, district)) = crate::text::split_paren_code(&r.old_district) {
            errata.apply(SOURCE, &district, "Tỉnh cũ", &mut r.old_province)?;
        }
    }
    Ok(())
}
