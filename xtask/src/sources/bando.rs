//! sapnhap.bando.com.vn exports (the government map portal). bando's own
//! ids (`id`, `ma`, `maxa`, `matinh`, `mahc`) are not official codes.

use crate::table::Table;
use crate::text::clean;
use anyhow::Result;
use std::path::Path;

pub const SOURCE: &str = "bando-ward";

pub struct BandoWard {
    pub id: String,
    pub province: String,
    pub kind: String,
    pub name: String,
    pub area: String,
    pub population: String,
    pub lon: String,
    pub lat: String,
    pub maxa: String,
}

pub fn read_wards(path: &Path) -> Result<Vec<BandoWard>> {
    let t = Table::read(path)?;
    let [id, tt, loai, ten, dt, ds, kd, vd, maxa] = t.cols([
        "id",
        "tentinh",
        "loai",
        "tenhc",
        "dientichkm2",
        "dansonguoi",
        "kinhdo",
        "vido",
        "maxa",
    ])?;
    Ok(t.rows
        .iter()
        .map(|r| BandoWard {
            id: r[id].trim().into(),
            province: clean(&r[tt]),
            kind: clean(&r[loai]),
            name: clean(&r[ten]),
            area: r[dt].trim().into(),
            population: clean(&r[ds]),
            lon: r[kd].trim().into(),
            lat: r[vd].trim().into(),
            maxa: r[maxa].trim().into(),
        })
        .collect())
}

pub struct BandoProvince {
    pub name: String,
    /// e.g. "126 ĐVHC (51 phường và 75 xã)"
    pub composition: String,
}

pub fn read_provinces(path: &Path) -> Result<Vec<BandoProvince>> {
    let t = Table::read(path)?;
    let [n, c] = t.cols(["tentinh", "con"])?;
    Ok(t.rows
        .iter()
        .map(|r| BandoProvince {
            name: clean(&r[n]),
            composition: clean(&r[c]),
        })
        .collect())
}
