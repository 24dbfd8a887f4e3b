//! The new units a reading translates to: the successors of an old commune, the
//! communes an old district went into, the province, and distances to them.

use super::Candidate;
use crate::address::{Reading, Units};
use crate::legacy;
use crate::units::current::Commune;
use crate::units::kind::Share;
use crate::units::names::Names;
use crate::units::Era;

pub(super) fn same_place(a: &Candidate, b: &Candidate) -> bool {
    std::ptr::eq(a.province, b.province)
        && match (a.commune, b.commune) {
            (Some(x), Some(y)) => std::ptr::eq(x, y),
            (None, None) => true,
            _ => false,
        }
}

/// An upper bound of the number of candidates one reading yields.
#[inline]
pub(super) fn candidate_count(r: &Reading<'_>) -> usize {
    match r.units() {
        Units::Legacy(u) => match (u.commune(), u.district()) {
            (Some(c), _) => c.successors().len(),
            (None, Some(d)) if d.island_successor().is_none() => {
                d.communes().map(|c| c.successors().len()).sum()
            }
            _ => 1,
        },
        Units::Current(_) => 1,
    }
}

/// Appends the new units one reading translates to, skipping those already in `out`.
#[inline]
pub(super) fn push_candidates(r: &Reading<'_>, out: &mut Vec<Candidate>) {
    let push = |c: Candidate, out: &mut Vec<Candidate>| {
        if !out.iter().any(|x| same_place(x, &c)) {
            out.push(c);
        }
    };
    match r.units() {
        Units::Current(u) => push(
            Candidate {
                province: u.province(),
                commune: u.commune(),
                share: Share::Whole,
                distance_km: None,
                era: Era::Current,
                names: Names::NOW,
            },
            out,
        ),
        Units::Legacy(u) => {
            if let Some(c) = u.commune() {
                for (n, share) in c.successors() {
                    push(
                        Candidate {
                            province: n.province(),
                            commune: Some(n),
                            share,
                            distance_km: None,
                            era: Era::Legacy,
                            names: Names::NOW,
                        },
                        out,
                    );
                }
            } else if let Some(d) = u.district() {
                push_district_candidates(d, out);
            } else {
                push(
                    Candidate {
                        province: u.province().successor(),
                        commune: None,
                        share: Share::Whole,
                        distance_km: None,
                        era: Era::Legacy,
                        names: Names::NOW,
                    },
                    out,
                );
            }
        }
    }
}

/// Appends the new communes an old district's communes went into, sorted by code;
/// whole only when the district went entirely into a single commune.
pub(super) fn push_district_candidates(d: &'static legacy::District, out: &mut Vec<Candidate>) {
    if let Some(zone) = d.island_successor() {
        if !out
            .iter()
            .any(|x| x.commune.is_some_and(|m| std::ptr::eq(m, zone)))
        {
            out.push(Candidate {
                province: zone.province(),
                commune: Some(zone),
                share: Share::Whole,
                distance_km: None,
                era: Era::Legacy,
                names: Names::NOW,
            });
        }
        return;
    }
    let from = out.len();
    for c in d.communes() {
        for (n, _) in c.successors() {
            if !out
                .iter()
                .any(|x| x.commune.is_some_and(|m| std::ptr::eq(m, n)))
            {
                out.push(Candidate {
                    province: n.province(),
                    commune: Some(n),
                    share: Share::Partial,
                    distance_km: None,
                    era: Era::Legacy,
                    names: Names::NOW,
                });
            }
        }
    }
    out[from..].sort_by_key(|c| c.commune.map(Commune::code));
    if out.len() - from == 1 {
        out[from].share = Share::Whole;
    }
}

/// Great-circle distance in km (mean Earth radius 6,371 km).
pub(super) fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine() {
        assert!((haversine_km(10.0, 106.0, 10.0, 106.0)).abs() < 1e-9);
        let d = haversine_km(21.0285, 105.8542, 10.7769, 106.7009);
        assert!((1130.0..1150.0).contains(&d), "{d}");
    }
}
