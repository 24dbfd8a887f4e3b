//! Exact integer predicates and a point grid.

use super::Pt;

/// Metres per micro-degree of latitude (mean Earth radius 6,371,008.8 m).
pub const M_PER_MICRODEG: f64 = 6_371_008.8 * std::f64::consts::PI / 180.0 / 1e6;

/// Sign of the cross product (b - a) × (p - a): > 0 when `p` is left of a→b.
pub fn orient(a: Pt, b: Pt, p: Pt) -> i64 {
    let (ax, ay) = (i64::from(a[0]), i64::from(a[1]));
    let (bx, by) = (i64::from(b[0]), i64::from(b[1]));
    let (px, py) = (i64::from(p[0]), i64::from(p[1]));
    ((bx - ax) * (py - ay) - (by - ay) * (px - ax)).signum()
}

/// Whether `p` lies on the closed segment a–b.
pub fn seg_contains(a: Pt, b: Pt, p: Pt) -> bool {
    orient(a, b, p) == 0
        && p[0] >= a[0].min(b[0])
        && p[0] <= a[0].max(b[0])
        && p[1] >= a[1].min(b[1])
        && p[1] <= a[1].max(b[1])
}

/// Whether closed segments a–b and c–d share at least one point.
pub fn seg_intersect(a: Pt, b: Pt, c: Pt, d: Pt) -> bool {
    let o1 = orient(a, b, c);
    let o2 = orient(a, b, d);
    let o3 = orient(c, d, a);
    let o4 = orient(c, d, b);
    if o1 * o2 < 0 && o3 * o4 < 0 {
        return true;
    }
    seg_contains(a, b, c) || seg_contains(a, b, d) || seg_contains(c, d, a) || seg_contains(c, d, b)
}

/// Whether two segments that share exactly the endpoint `b == c` (a→b→d)
/// overlap beyond it (collinear and folding back).
pub fn folds_back(a: Pt, b: Pt, d: Pt) -> bool {
    orient(a, b, d) == 0 && {
        let (ux, uy) = (i64::from(a[0] - b[0]), i64::from(a[1] - b[1]));
        let (vx, vy) = (i64::from(d[0] - b[0]), i64::from(d[1] - b[1]));
        ux * vx + uy * vy > 0
    }
}

/// Points bucketed by square cells, for box queries.
pub struct PointGrid {
    cell: i64,
    keys: Vec<u64>,
    ids: Vec<u32>,
}

impl PointGrid {
    pub fn new(points: &[Pt], cell: i32) -> PointGrid {
        let cell = i64::from(cell);
        let mut v: Vec<(u64, u32)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (Self::key(cell, *p), i as u32))
            .collect();
        v.sort_unstable();
        PointGrid {
            cell,
            keys: v.iter().map(|x| x.0).collect(),
            ids: v.iter().map(|x| x.1).collect(),
        }
    }

    fn coord(cell: i64, v: i32) -> u64 {
        (i64::from(v).div_euclid(cell) + (1 << 20)) as u64
    }

    fn key(cell: i64, p: Pt) -> u64 {
        (Self::coord(cell, p[1]) << 32) | Self::coord(cell, p[0])
    }

    /// Calls `f` with every point id in cells touching the box (a superset).
    pub fn query(&self, lo: Pt, hi: Pt, mut f: impl FnMut(u32)) {
        let (cx0, cx1) = (Self::coord(self.cell, lo[0]), Self::coord(self.cell, hi[0]));
        let (cy0, cy1) = (Self::coord(self.cell, lo[1]), Self::coord(self.cell, hi[1]));
        for cy in cy0..=cy1 {
            let from = self.keys.partition_point(|&k| k < (cy << 32) | cx0);
            let to = self.keys.partition_point(|&k| k <= (cy << 32) | cx1);
            for &id in &self.ids[from..to] {
                f(id);
            }
        }
    }
}
