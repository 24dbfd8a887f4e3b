//! The 2026 amendments (AMENDMENTS.md §3) and the state they produce.

use crate::build::current::Current;
use crate::checks::compare::{UnitView, Units};
use crate::model::{Change, CommuneKind, Level, ProvinceKind};
use crate::sources::vak::{Amendment, Amendments};
use crate::text::{is_code, name_diff, NameDiff};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;

fn check_date(d: &str) -> Result<()> {
    let ok = d.len() == 10
        && d.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok {
        bail!("not an ISO date: {d:?}");
    }
    Ok(())
}

fn province_change(cur: &Current, a: &Amendment) -> Result<Change> {
    let p = cur
        .provinces
        .get(&a.code)
        .with_context(|| format!("unknown province {}", a.code))?;
    if p.name != a.name {
        bail!(
            "province {}: name {:?}, CAS has {:?}",
            a.code,
            a.name,
            p.name
        );
    }
    if p.kind != ProvinceKind::Province {
        bail!("province {} is already {}", a.code, p.kind);
    }
    check_date(&a.effective_date)?;
    Ok(Change {
        date: a.effective_date.clone(),
        level: Level::Province,
        code: a.code.clone(),
        before: ProvinceKind::Province.id().into(),
        after: ProvinceKind::Municipality.id().into(),
        legal_basis: a.resolution.clone(),
    })
}

fn commune_change(cur: &Current, a: &Amendment) -> Result<Change> {
    let c = cur
        .communes
        .get(&a.code)
        .with_context(|| format!("unknown commune {}", a.code))?;
    if a.province_code.as_deref() != Some(c.province.as_str()) {
        bail!(
            "commune {}: provinceCode {:?}, CAS parent {}",
            a.code,
            a.province_code,
            c.province
        );
    }
    if name_diff(&c.name, &a.name) > NameDiff::Tone {
        bail!(
            "commune {}: name {:?}, CAS has {:?}",
            a.code,
            a.name,
            c.name
        );
    }
    if c.kind != CommuneKind::Commune {
        bail!(
            "commune {} is {} on 2025-07-01, expected xa",
            a.code,
            c.kind
        );
    }
    check_date(&a.effective_date)?;
    Ok(Change {
        date: a.effective_date.clone(),
        level: Level::Commune,
        code: a.code.clone(),
        before: CommuneKind::Commune.id().into(),
        after: CommuneKind::Ward.id().into(),
        legal_basis: a.resolution.clone(),
    })
}

/// data/changes.tsv rows from vietnam-address-kit, checked against CAS.
pub fn build(cur: &Current, vak: &Amendments) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    for a in &vak.province_amendments {
        out.push(province_change(cur, a).context("vietnam-address-kit provinceAmendments")?);
    }
    for a in &vak.ward_amendments {
        if !is_code(&a.code, 5) {
            bail!("vietnam-address-kit: bad ward code {:?}", a.code);
        }
        out.push(commune_change(cur, a).context("vietnam-address-kit wardAmendments")?);
    }
    out.sort();
    for w in out.windows(2) {
        if (w[0].level, &w[0].code) == (w[1].level, &w[1].code) && w[0].date == w[1].date {
            bail!("duplicate change {} {}", w[0].level.id(), w[0].code);
        }
    }
    Ok(out)
}

/// Kinds of every unit in force on `date` (changes effective on or before it).
pub struct State {
    pub provinces: BTreeMap<String, ProvinceKind>,
    pub communes: BTreeMap<String, CommuneKind>,
}

pub fn state_at(cur: &Current, changes: &[Change], date: &str) -> Result<State> {
    let mut s = State {
        provinces: cur
            .provinces
            .iter()
            .map(|(k, p)| (k.clone(), p.kind))
            .collect(),
        communes: cur
            .communes
            .iter()
            .map(|(k, c)| (k.clone(), c.kind))
            .collect(),
    };
    for ch in changes.iter().filter(|c| c.date.as_str() <= date) {
        match ch.level {
            Level::Province => {
                let slot = s.provinces.get_mut(&ch.code).context("unknown province")?;
                if slot.id() != ch.before {
                    bail!(
                        "change {}: before {} but state has {}",
                        ch.code,
                        ch.before,
                        slot
                    );
                }
                *slot = ProvinceKind::from_id(&ch.after).context("bad kind")?;
            }
            Level::Commune => {
                let slot = s.communes.get_mut(&ch.code).context("unknown commune")?;
                if slot.id() != ch.before {
                    bail!(
                        "change {}: before {} but state has {}",
                        ch.code,
                        ch.before,
                        slot
                    );
                }
                *slot = CommuneKind::from_id(&ch.after).context("bad kind")?;
            }
        }
    }
    Ok(s)
}

impl State {
    /// Full names with the type prefix in force in this state.
    pub fn commune_views(&self, cur: &Current) -> Units {
        cur.communes
            .iter()
            .map(|(code, c)| {
                let kind = self.communes.get(code).copied().unwrap_or(c.kind);
                let v = UnitView {
                    full_name: format!("{} {}", kind.prefix(), c.name),
                    kind: kind.id().into(),
                    parent: c.province.clone(),
                };
                (code.clone(), v)
            })
            .collect()
    }

    pub fn province_views(&self, cur: &Current) -> Units {
        cur.provinces
            .iter()
            .map(|(code, p)| {
                let kind = self.provinces.get(code).copied().unwrap_or(p.kind);
                let v = UnitView {
                    full_name: format!("{} {}", kind.prefix(), p.name),
                    kind: kind.id().into(),
                    parent: String::new(),
                };
                (code.clone(), v)
            })
            .collect()
    }
}
