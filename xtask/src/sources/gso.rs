//! GSO (danhmuchanhchinh.gso.gov.vn) exports of the pre-2025 list.

use crate::table::Table;
use crate::text::clean;
use anyhow::Result;
use std::path::Path;

pub struct GsoWard {
    pub code: String,
    pub name: String,
    pub english: String,
    pub level: String,
    pub district_code: String,
    pub district_name: String,
    pub province_code: String,
    pub province_name: String,
}

pub struct GsoDistrict {
    pub code: String,
    pub name: String,
    pub english: String,
    pub level: String,
    pub province_code: String,
    pub province_name: String,
}

pub fn read_wards(path: &Path) -> Result<Vec<GsoWard>> {
    let t = Table::read(path)?;
    let [c, n, e, l, dc, dn, pc, pn] = t.cols([
        "Mã",
        "Tên",
        "Tên Tiếng Anh",
        "Cấp",
        "Mã QH",
        "Quận Huyện",
        "Mã TP",
        "Tỉnh / Thành Phố",
    ])?;
    Ok(t.rows
        .iter()
        .map(|r| GsoWard {
            code: r[c].trim().into(),
            name: clean(&r[n]),
            english: clean(&r[e]),
            level: clean(&r[l]),
            district_code: r[dc].trim().into(),
            district_name: clean(&r[dn]),
            province_code: r[pc].trim().into(),
            province_name: clean(&r[pn]),
        })
        .collect())
}

pub fn read_districts(path: &Path) -> Result<Vec<GsoDistrict>> {
    let t = Table::read(path)?;
    let [c, n, e, l, pc, pn] = t.cols([
        "Mã",
        "Tên",
        "Tên Tiếng Anh",
        "Cấp",
        "Mã TP",
        "Tỉnh / Thành Phố",
    ])?;
    Ok(t.rows
        .iter()
        .map(|r| GsoDistrict {
            code: r[c].trim().into(),
            name: clean(&r[n]),
            english: clean(&r[e]),
            level: clean(&r[l]),
            province_code: r[pc].trim().into(),
            province_name: clean(&r[pn]),
        })
        .collect())
}
