//! Shared-border topology: every ring is cut at its junctions into arcs, and
//! an arc shared by two communes is stored once (TopoJSON-style).
//!
//! A point is a *junction* when its occurrences in the rings do not all have
//! the same unordered pair of neighbours (equivalently: its degree in the
//! undirected edge graph is not 2). Between two junctions the rings that use
//! an edge use the whole chain, so a chain is identified by its first edge.
//! A ring without any junction becomes one closed arc, rotated to start at its
//! smallest point id so that an island and the hole it fills share the arc.

use super::read::Ward;
use super::Pt;
use std::collections::HashMap;

/// A reference to an arc: `arc * 2 + reversed`.
pub type ArcRef = u32;

pub struct Topology {
    /// Unique points, in order of first appearance.
    pub points: Vec<Pt>,
    /// Arcs as point ids; a closed arc has first == last.
    pub arcs: Vec<Vec<u32>>,
    /// Per ward (same order as the input): polygons → rings → arc refs.
    pub rings: Vec<Vec<Vec<Vec<ArcRef>>>>,
    pub junctions: usize,
    /// Commune codes, same order as `rings`.
    pub codes: Vec<u32>,
}

pub fn build(wards: &[Ward]) -> Topology {
    // 1. point ids
    let mut id_of: HashMap<Pt, u32> = HashMap::with_capacity(8 << 20);
    let mut points: Vec<Pt> = Vec::new();
    let id_rings: Vec<Vec<Vec<Vec<u32>>>> = wards
        .iter()
        .map(|w| {
            w.polygons
                .iter()
                .map(|poly| {
                    poly.iter()
                        .map(|ring| {
                            ring.iter()
                                .map(|p| {
                                    *id_of.entry(*p).or_insert_with(|| {
                                        points.push(*p);
                                        (points.len() - 1) as u32
                                    })
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    drop(id_of);

    // 2. junctions: a point seen with two different neighbour pairs
    const NONE: (u32, u32) = (u32::MAX, u32::MAX);
    let mut pair = vec![NONE; points.len()];
    let mut junction = vec![false; points.len()];
    for ring in id_rings.iter().flatten().flatten() {
        let n = ring.len() - 1; // closed: ring[n] == ring[0]
        for k in 0..n {
            let prev = ring[(k + n - 1) % n];
            let next = ring[k + 1];
            let key = (prev.min(next), prev.max(next));
            let p = ring[k] as usize;
            if pair[p] == NONE {
                pair[p] = key;
            } else if pair[p] != key {
                junction[p] = true;
            }
        }
    }
    drop(pair);

    // 3. cut rings into arcs, each stored once
    let mut arcs: Vec<Vec<u32>> = Vec::new();
    let mut by_first_edge: HashMap<(u32, u32), ArcRef> = HashMap::new();
    let mut lookup = |chain: Vec<u32>, closed: bool| -> ArcRef {
        let key = (chain[0], chain[1]);
        if let Some(&r) = by_first_edge.get(&key) {
            return r;
        }
        let id = arcs.len() as u32;
        let n = chain.len();
        by_first_edge.insert(key, id * 2);
        if closed {
            by_first_edge.insert((chain[0], chain[n - 2]), id * 2 + 1);
        } else {
            by_first_edge.insert((chain[n - 1], chain[n - 2]), id * 2 + 1);
        }
        arcs.push(chain);
        id * 2
    };
    let rings = id_rings
        .iter()
        .map(|w| {
            w.iter()
                .map(|poly| {
                    poly.iter()
                        .map(|ring| {
                            let n = ring.len() - 1;
                            let open = &ring[..n];
                            match open.iter().position(|&p| junction[p as usize]) {
                                None => {
                                    // closed arc from the smallest point id
                                    let (s, _) = open
                                        .iter()
                                        .enumerate()
                                        .min_by_key(|(_, &p)| p)
                                        .expect("ring has points");
                                    let mut chain: Vec<u32> =
                                        (0..=n).map(|i| open[(s + i) % n]).collect();
                                    // canonical direction: the smaller neighbour first
                                    let reversed = chain[1] > chain[n - 1];
                                    if reversed {
                                        chain.reverse();
                                    }
                                    vec![lookup(chain, true) ^ u32::from(reversed)]
                                }
                                Some(s) => {
                                    let mut refs = Vec::new();
                                    let mut chain = vec![open[s]];
                                    for i in 1..=n {
                                        let p = open[(s + i) % n];
                                        chain.push(p);
                                        if junction[p as usize] {
                                            refs.push(lookup(std::mem::take(&mut chain), false));
                                            chain.push(p);
                                        }
                                    }
                                    refs
                                }
                            }
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    Topology {
        points,
        arcs,
        rings,
        junctions: junction.iter().filter(|&&j| j).count(),
        codes: wards.iter().map(|w| w.code).collect(),
    }
}
