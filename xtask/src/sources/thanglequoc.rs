//! thanglequoc/vietnamese-provinces-database PostgreSQL scripts and patches.

use crate::errata::Errata;
use crate::sql::{self, Statement};
use crate::table::read_text;
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

pub type Row = BTreeMap<String, String>;

pub struct TlqDb {
    pub label: String,
    tables: BTreeMap<String, Vec<Row>>,
}

/// One unit as seen by thanglequoc: full name, parent code and the
/// `administrative_units.code_name` of its type (e.g. "phuong", "tinh").
#[derive(Debug, Clone)]
pub struct TlqUnit {
    pub full_name: String,
    pub parent: String,
    pub unit: String,
}

pub fn get<'a>(row: &'a Row, col: &str) -> Result<&'a str> {
    row.get(col)
        .map(String::as_str)
        .with_context(|| format!("no column {col} in {row:?}"))
}

impl TlqDb {
    pub fn read(path: &Path, label: &str) -> Result<TlqDb> {
        let src = read_text(path)?;
        let tables = sql::inserts(&src).with_context(|| format!("parsing {}", path.display()))?;
        Ok(TlqDb {
            label: label.into(),
            tables,
        })
    }

    /// The raw rows of `table`, column name → value.
    pub fn rows(&self, table: &str) -> Result<&Vec<Row>> {
        self.tables
            .get(table)
            .with_context(|| format!("{}: no table {table}", self.label))
    }

    /// Units of `table` keyed by code; `parent_col` is e.g. "province_code".
    pub fn units(
        &self,
        table: &str,
        parent_col: Option<&str>,
    ) -> Result<BTreeMap<String, TlqUnit>> {
        let kinds: BTreeMap<&str, &str> = self
            .rows("administrative_units")?
            .iter()
            .map(|r| Ok((get(r, "id")?, get(r, "code_name")?)))
            .collect::<Result<_>>()?;
        let mut out = BTreeMap::new();
        for r in self.rows(table)? {
            let id = get(r, "administrative_unit_id")?;
            let unit = kinds
                .get(id)
                .with_context(|| format!("{}: unknown unit id {id}", self.label))?;
            let parent = match parent_col {
                Some(c) => get(r, c)?.to_string(),
                None => String::new(),
            };
            let u = TlqUnit {
                full_name: crate::text::clean(get(r, "full_name")?),
                parent,
                unit: unit.to_string(),
            };
            let code = get(r, "code")?.to_string();
            if out.insert(code.clone(), u).is_some() {
                bail!("{}: duplicate {table} code {code}", self.label);
            }
        }
        Ok(out)
    }

    /// Applies errata (source id `source`) to the ward rows, keyed by the
    /// raw ward code; fields are SQL column names.
    pub fn apply_errata(&mut self, errata: &Errata, source: &str) -> Result<()> {
        let rows = self
            .tables
            .get_mut("wards")
            .with_context(|| format!("{source}: no wards"))?;
        for r in rows.iter_mut() {
            let key = r.get("code").cloned().unwrap_or_default();
            for field in ["full_name", "code"] {
                if let Some(v) = r.get_mut(field) {
                    errata.apply(source, &key, field, v)?;
                }
            }
        }
        Ok(())
    }

    /// Applies an upstream release patch (UPDATE statements on provinces and
    /// wards; metadata statements are ignored). Returns the number of UPDATEs.
    pub fn apply_patch(&mut self, path: &Path) -> Result<usize> {
        let src = read_text(path)?;
        let mut n = 0;
        for st in sql::parse(&src).with_context(|| format!("parsing {}", path.display()))? {
            match st {
                Statement::Update {
                    table,
                    set,
                    where_col,
                    where_val,
                } => {
                    self.update(&table, &set, &where_col, &where_val)
                        .with_context(|| format!("{}", path.display()))?;
                    n += 1;
                }
                Statement::Insert { table, .. } if table == "vn_provinces_metadata" => {}
                Statement::Other { verb, table } if table == "vn_provinces_metadata" => {
                    anyhow::ensure!(verb == "CREATE" || verb == "DELETE", "unexpected {verb}");
                }
                other => bail!("{}: unexpected statement {other:?}", path.display()),
            }
        }
        Ok(n)
    }

    fn update(
        &mut self,
        table: &str,
        set: &[(String, String)],
        wcol: &str,
        wval: &str,
    ) -> Result<()> {
        let rows = self
            .tables
            .get_mut(table)
            .with_context(|| format!("UPDATE of unknown table {table}"))?;
        let hits: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].get(wcol).map(String::as_str) == Some(wval))
            .collect();
        if hits.len() != 1 {
            bail!(
                "UPDATE {table} WHERE {wcol} = {wval}: {} matching rows",
                hits.len()
            );
        }
        let row = &mut rows[hits[0]];
        for (col, val) in set {
            let slot = row
                .get_mut(col)
                .with_context(|| format!("UPDATE {table}: no column {col}"))?;
            *slot = val.clone();
        }
        Ok(())
    }
}
