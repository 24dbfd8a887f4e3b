//! Validity of a set of arcs: segments that touch or cross other than at a
//! shared vertex of consecutive segments or at a junction.

use super::geom::{folds_back, seg_intersect};
use super::Pt;
use std::collections::{BTreeSet, HashMap};

/// Pairs of arcs (a ≤ b) with at least one bad contact between their
/// segments: they cross or touch other than at a shared endpoint. Segments
/// that coincide exactly (both endpoints shared, e.g. the two sides of a
/// sliver simplified to the same chord) are not counted.
pub fn bad_arc_pairs(arcs: &[Vec<Pt>], cell: i32) -> BTreeSet<(u32, u32)> {
    let mut buckets: HashMap<(i32, i32), Vec<(u32, u32)>> = HashMap::new();
    for (a, arc) in arcs.iter().enumerate() {
        for k in 0..arc.len() - 1 {
            let (p, q) = (arc[k], arc[k + 1]);
            for cy in p[1].min(q[1]).div_euclid(cell)..=p[1].max(q[1]).div_euclid(cell) {
                for cx in p[0].min(q[0]).div_euclid(cell)..=p[0].max(q[0]).div_euclid(cell) {
                    buckets
                        .entry((cx, cy))
                        .or_default()
                        .push((a as u32, k as u32));
                }
            }
        }
    }
    let mut keys: Vec<_> = buckets.keys().copied().collect();
    keys.sort_unstable();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = keys.len().div_ceil(threads).max(1);
    let buckets = &buckets;
    std::thread::scope(|s| {
        let hs: Vec<_> = keys
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let mut bad = BTreeSet::new();
                    for key in part {
                        let segs = &buckets[key];
                        for (i, &(a1, k1)) in segs.iter().enumerate() {
                            for &(a2, k2) in &segs[i + 1..] {
                                if bad_contact(arcs, (a1, k1), (a2, k2)) {
                                    bad.insert((a1.min(a2), a1.max(a2)));
                                }
                            }
                        }
                    }
                    bad
                })
            })
            .collect();
        hs.into_iter()
            .flat_map(|h| h.join().expect("check thread"))
            .collect()
    })
}

fn bad_contact(arcs: &[Vec<Pt>], (a1, k1): (u32, u32), (a2, k2): (u32, u32)) -> bool {
    let s = &arcs[a1 as usize];
    let t = &arcs[a2 as usize];
    let (a, b) = (s[k1 as usize], s[k1 as usize + 1]);
    let (c, d) = (t[k2 as usize], t[k2 as usize + 1]);
    if !seg_intersect(a, b, c, d) {
        return false;
    }
    // shared endpoints are fine unless the segments overlap along a line
    let shared = [(a, b, c, d), (a, b, d, c), (b, a, c, d), (b, a, d, c)]
        .into_iter()
        .filter(|(p, _, q, _)| p == q)
        .collect::<Vec<_>>();
    match shared.as_slice() {
        [] => true,
        [(p, other1, _, other2)] => {
            folds_back(*other1, *p, *other2) || {
                // the other endpoints must not touch the other segment
                super::geom::seg_contains(c, d, *other1) || super::geom::seg_contains(a, b, *other2)
            }
        }
        _ => false, // the same segment, from two arcs: they coincide
    }
}
