//! Point-in-polygon over a set of communes, used to measure accuracy (raw vs
//! simplified) and to pick test points. Same semantics as the runtime index:
//! a query point `p` is treated as `p + (ε, ε²)`, so a point on a shared
//! border belongs to exactly one side, and the answer is exact in integers.

use super::geom::{orient, M_PER_MICRODEG};
use super::simplify::dist_m;
use super::Pt;

pub struct Shape {
    pub code: u32,
    pub bbox: [i32; 4],
    /// All rings of all polygons; parity over them is membership.
    pub rings: Vec<(Vec<Pt>, [i32; 4])>,
}

pub struct PolySet {
    pub shapes: Vec<Shape>,
    cell: i32,
    x0: i32,
    y0: i32,
    nx: usize,
    buckets: Vec<Vec<u32>>,
}

fn bbox(pts: impl IntoIterator<Item = Pt>) -> [i32; 4] {
    let mut b = [i32::MAX, i32::MAX, i32::MIN, i32::MIN];
    for p in pts {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    b
}

impl PolySet {
    /// `wards`: (code, rings) with closed rings.
    pub fn new(wards: Vec<(u32, Vec<Vec<Pt>>)>) -> PolySet {
        let shapes: Vec<Shape> = wards
            .into_iter()
            .map(|(code, rings)| {
                let rings: Vec<(Vec<Pt>, [i32; 4])> = rings
                    .into_iter()
                    .map(|r| {
                        let b = bbox(r.iter().copied());
                        (r, b)
                    })
                    .collect();
                let b = bbox(rings.iter().flat_map(|(_, b)| [[b[0], b[1]], [b[2], b[3]]]));
                Shape {
                    code,
                    bbox: b,
                    rings,
                }
            })
            .collect();
        let all = bbox(
            shapes
                .iter()
                .flat_map(|s| [[s.bbox[0], s.bbox[1]], [s.bbox[2], s.bbox[3]]]),
        );
        let cell = 50_000;
        let (x0, y0) = (all[0], all[1]);
        let nx = ((all[2] - x0) / cell + 1) as usize;
        let ny = ((all[3] - y0) / cell + 1) as usize;
        let mut buckets = vec![Vec::new(); nx * ny];
        for (i, s) in shapes.iter().enumerate() {
            for cy in (s.bbox[1] - y0) / cell..=(s.bbox[3] - y0) / cell {
                for cx in (s.bbox[0] - x0) / cell..=(s.bbox[2] - x0) / cell {
                    buckets[cy as usize * nx + cx as usize].push(i as u32);
                }
            }
        }
        PolySet {
            shapes,
            cell,
            x0,
            y0,
            nx,
            buckets,
        }
    }

    pub fn bbox(&self) -> [i32; 4] {
        bbox(
            self.shapes
                .iter()
                .flat_map(|s| [[s.bbox[0], s.bbox[1]], [s.bbox[2], s.bbox[3]]]),
        )
    }

    /// Indices (into `shapes`) of every commune containing `p`, ascending.
    pub fn hits(&self, p: Pt) -> Vec<u32> {
        let (dx, dy) = (p[0] - self.x0, p[1] - self.y0);
        if dx < 0 || dy < 0 {
            return Vec::new();
        }
        let (cx, cy) = ((dx / self.cell) as usize, (dy / self.cell) as usize);
        if cx >= self.nx || cy * self.nx + cx >= self.buckets.len() {
            return Vec::new();
        }
        self.buckets[cy * self.nx + cx]
            .iter()
            .copied()
            .filter(|&i| self.contains(i as usize, p))
            .collect()
    }

    pub fn contains(&self, i: usize, p: Pt) -> bool {
        let s = &self.shapes[i];
        let b = s.bbox;
        if p[0] < b[0] || p[0] > b[2] || p[1] < b[1] || p[1] > b[3] {
            return false;
        }
        let mut inside = false;
        for (ring, b) in &s.rings {
            if p[0] > b[2] || p[1] < b[1] || p[1] > b[3] {
                continue;
            }
            for w in ring.windows(2) {
                let (a, c) = (w[0], w[1]);
                if (a[1] > p[1]) != (c[1] > p[1]) {
                    let (lo, hi) = if a[1] < c[1] { (a, c) } else { (c, a) };
                    if orient(lo, hi, p) > 0 {
                        inside = !inside;
                    }
                }
            }
        }
        inside
    }

    /// Distance in metres from `p` to the boundary of shape `i`.
    pub fn border_dist_m(&self, i: usize, p: Pt) -> f64 {
        let kx = (f64::from(p[1]) * 1e-6).to_radians().cos();
        let mut best = f64::INFINITY;
        for (ring, b) in &self.shapes[i].rings {
            // a cheap lower bound from the ring's box
            let ddx = (f64::from((b[0] - p[0]).max(p[0] - b[2]).max(0)) * kx).abs();
            let ddy = f64::from((b[1] - p[1]).max(p[1] - b[3]).max(0));
            if ddx.hypot(ddy) * M_PER_MICRODEG >= best {
                continue;
            }
            for w in ring.windows(2) {
                best = best.min(dist_m(p, w[0], w[1], kx));
            }
        }
        best
    }
}
