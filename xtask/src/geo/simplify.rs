//! Topology-preserving Douglas-Peucker on the shared arcs.
//!
//! Each arc is simplified once, so both communes along a border get the same
//! line. A shortcut from vertex `i` to vertex `j` is accepted only when every
//! dropped vertex is within the tolerance of it **and** no other original
//! vertex (of any arc, or of this arc outside `i..=j`) lies inside or on the
//! polygon formed by the dropped chain and the shortcut. When the original
//! arcs do not cross, that condition guarantees that no two simplified arcs
//! cross and that no island or hole changes sides (Saalfeld's criterion), so
//! simplification creates neither gaps nor double hits. Rings that would
//! degenerate (fewer than 3 distinct points, or zero or flipped area) get
//! their arcs re-simplified with forced splits until they are proper.

use super::geom::{orient, seg_contains, PointGrid, M_PER_MICRODEG};
use super::topo::Topology;
use super::Pt;

pub struct Simplified {
    /// Kept point ids per arc (first and last always kept).
    pub arcs: Vec<Vec<u32>>,
    /// How many rings needed forced splits.
    pub forced_rings: usize,
}

struct Ctx<'a> {
    points: &'a [Pt],
    /// Owner (arc, index) of each non-junction point; `u32::MAX` arc for junctions.
    owner: Vec<(u32, u32)>,
    grid: PointGrid,
    tol_m: f64,
}

/// Simplifies every arc at `tol_m` metres.
pub fn simplify(topo: &Topology, tol_m: f64) -> Simplified {
    let mut owner = vec![(u32::MAX, 0u32); topo.points.len()];
    for (a, arc) in topo.arcs.iter().enumerate() {
        let n = arc.len() - 1;
        for (i, &p) in arc.iter().enumerate().take(n).skip(1) {
            owner[p as usize] = (a as u32, i as u32);
        }
        if arc[0] == arc[n] {
            // closed arc: its start point is not a junction
            owner[arc[0] as usize] = (a as u32, 0);
        }
    }
    let ctx = Ctx {
        points: &topo.points,
        owner,
        grid: PointGrid::new(&topo.points, 4096),
        tol_m,
    };
    let mut force = vec![0u32; topo.arcs.len()];
    let all: Vec<usize> = (0..topo.arcs.len()).collect();
    let mut kept = vec![Vec::new(); topo.arcs.len()];
    run_parallel(&ctx, topo, &all, &force, &mut kept);
    let mut forced_rings = 0;
    for _round in 0..16 {
        let mut redo = std::collections::BTreeSet::new();
        for ring in topo.rings.iter().flatten().flatten() {
            let pts = |arcs: &[Vec<u32>]| -> Vec<Pt> {
                let mut v: Vec<Pt> = Vec::new();
                for &r in ring {
                    let a = &arcs[(r >> 1) as usize];
                    let it: Box<dyn Iterator<Item = &u32>> = if r & 1 == 1 {
                        Box::new(a.iter().rev())
                    } else {
                        Box::new(a.iter())
                    };
                    for &p in it {
                        let q = topo.points[p as usize];
                        if v.last() != Some(&q) {
                            v.push(q);
                        }
                    }
                }
                v
            };
            let simple = pts(&kept);
            let orig = pts(&topo.arcs);
            let distinct = simple.len().saturating_sub(1);
            let a0 = area2(&orig);
            let a1 = area2(&simple);
            if distinct < 3 || a1 == 0 || (a0 > 0) != (a1 > 0) {
                forced_rings += 1;
                for &r in ring {
                    redo.insert((r >> 1) as usize);
                }
            }
        }
        if redo.is_empty() {
            break;
        }
        let redo: Vec<usize> = redo.into_iter().collect();
        for &a in &redo {
            force[a] += 1;
        }
        run_parallel(&ctx, topo, &redo, &force, &mut kept);
    }
    Simplified {
        arcs: kept,
        forced_rings,
    }
}

/// Twice the signed area.
pub fn area2(ring: &[Pt]) -> i128 {
    ring.windows(2)
        .map(|w| {
            i128::from(w[0][0]) * i128::from(w[1][1]) - i128::from(w[1][0]) * i128::from(w[0][1])
        })
        .sum()
}

fn run_parallel(ctx: &Ctx, topo: &Topology, which: &[usize], force: &[u32], kept: &mut [Vec<u32>]) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = which.len().div_ceil(threads).max(1);
    let results: Vec<Vec<(usize, Vec<u32>)>> = std::thread::scope(|s| {
        let handles: Vec<_> = which
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|&a| (a, simplify_arc(ctx, &topo.arcs[a], a as u32, force[a])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("simplify thread"))
            .collect()
    });
    for (a, v) in results.into_iter().flatten() {
        kept[a] = v;
    }
}

fn simplify_arc(ctx: &Ctx, arc: &[u32], arc_id: u32, force: u32) -> Vec<u32> {
    let n = arc.len() - 1;
    let closed = arc[0] == arc[n];
    // closed arcs need at least two more points to stay a ring
    let force = if closed { force + 2 } else { force };
    let pts: Vec<Pt> = arc.iter().map(|&p| ctx.points[p as usize]).collect();
    let lat = pts.iter().map(|p| f64::from(p[1])).sum::<f64>() / pts.len() as f64;
    let kx = (lat * 1e-6).to_radians().cos();
    let mut keep = vec![false; n + 1];
    keep[0] = true;
    keep[n] = true;
    let mut stack = vec![(0usize, n, 0u32)];
    while let Some((i, j, depth)) = stack.pop() {
        if j <= i + 1 {
            continue;
        }
        let (mut k, mut dmax) = (i + 1, -1.0f64);
        for (t, p) in pts.iter().enumerate().take(j).skip(i + 1) {
            let d = dist_m(*p, pts[i], pts[j], kx);
            if d > dmax {
                (k, dmax) = (t, d);
            }
        }
        let accept = depth >= force && dmax <= ctx.tol_m && !violated(ctx, arc, &pts, arc_id, i, j);
        if !accept {
            keep[k] = true;
            stack.push((k, j, depth + 1));
            stack.push((i, k, depth + 1));
        }
    }
    arc.iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(&p, _)| p)
        .collect()
}

/// Distance in metres from `p` to segment `a`–`b` (equirectangular, `kx` = cos lat).
pub fn dist_m(p: Pt, a: Pt, b: Pt, kx: f64) -> f64 {
    let (ax, ay) = (f64::from(a[0]) * kx, f64::from(a[1]));
    let (bx, by) = (f64::from(b[0]) * kx, f64::from(b[1]));
    let (px, py) = (f64::from(p[0]) * kx, f64::from(p[1]));
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
    };
    let (ex, ey) = (ax + t * dx - px, ay + t * dy - py);
    (ex * ex + ey * ey).sqrt() * M_PER_MICRODEG
}

/// Whether some foreign original point lies inside or on the polygon
/// `pts[i..=j]` closed by the shortcut `pts[j]`–`pts[i]`.
fn violated(ctx: &Ctx, arc: &[u32], pts: &[Pt], arc_id: u32, i: usize, j: usize) -> bool {
    let chain = &pts[i..=j];
    let (mut x0, mut y0, mut x1, mut y1) = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
    for p in chain {
        x0 = x0.min(p[0]);
        y0 = y0.min(p[1]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    let (pi, pj) = (arc[i], arc[j]);
    let mut hit = false;
    ctx.grid.query([x0, y0], [x1, y1], |q| {
        if hit || q == pi || q == pj {
            return;
        }
        let (oa, oi) = ctx.owner[q as usize];
        if oa == arc_id && (i as u32) < oi && oi < j as u32 {
            return;
        }
        let p = ctx.points[q as usize];
        if p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1 {
            return;
        }
        if inside_or_on(p, chain) {
            hit = true;
        }
    });
    hit
}

/// Point in the closed polygon `chain` + closing edge, boundary included (exact).
fn inside_or_on(p: Pt, chain: &[Pt]) -> bool {
    let n = chain.len();
    let mut inside = false;
    for k in 0..n {
        let a = chain[k];
        let b = chain[(k + 1) % n];
        if seg_contains(a, b, p) {
            return true;
        }
        if (a[1] > p[1]) != (b[1] > p[1]) {
            // crossing x > p.x ?  sign of (xc - px) * (by - ay)
            let (a, b) = if a[1] < b[1] { (a, b) } else { (b, a) };
            if orient(a, b, p) > 0 {
                inside = !inside;
            }
        }
    }
    inside
}
