//! The grid pieces of the runtime index, computed here so that `dvhc-geo`
//! does not walk every vertex at start-up.
//!
//! The runtime index (`geo/src/index.rs`) is a uniform grid of square cells
//! of `1 << SHIFT` micro-degrees over the arcs. For every cell it needs the
//! runs of consecutive segments of each arc that touch the **closed** cell
//! (at most `CHUNK` segments per run: a *piece*), and, for each piece,
//! whether it crosses the cell's bottom edge, from just east of the cell's
//! corner to just east of the next corner, an odd number of times (the
//! runtime sweeps each row from the west with these flags to learn which
//! communes contain every corner). Points are symbolically perturbed to
//! `(x + ε, y + ε²)`, exactly as at runtime; all arithmetic is exact.

use super::Pt;

/// Cell size: 2^15 µ° ≈ 0.033° ≈ 3.6 km.
pub const SHIFT: u32 = 15;
const S: i64 = 1 << SHIFT;
/// Most segments in a piece.
pub const CHUNK: u32 = 16;

/// The grid geometry: origin (micro-degrees) and size in cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grid {
    pub x0: i64,
    pub y0: i64,
    pub nx: usize,
    pub ny: usize,
}

/// One piece: its cell, its vertices `start..=end` (indices into the
/// concatenated arcs), its bottom-edge parity and its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Piece {
    pub start: u32,
    pub cell: u32,
    pub end: u32,
    pub odd: bool,
    /// Least x, least y and greatest y of the vertices, relative to the
    /// cell's corner, clamped to the cell (0..cell size − 1) and divided by
    /// cell size / 256, rounding down: a conservative box in 1/256 cells.
    pub bbox: [u8; 3],
}

impl Grid {
    /// The grid over `xy`: every vertex strictly east and north of the
    /// origin, so the west end of each row is outside every commune.
    pub fn over(xy: &[Pt]) -> Grid {
        let minx = xy.iter().map(|p| p[0]).min().unwrap_or(0);
        let miny = xy.iter().map(|p| p[1]).min().unwrap_or(0);
        let maxx = xy.iter().map(|p| p[0]).max().unwrap_or(0);
        let maxy = xy.iter().map(|p| p[1]).max().unwrap_or(0);
        let (x0, y0) = (i64::from(minx) - 1, i64::from(miny) - 1);
        Grid {
            x0,
            y0,
            nx: ((i64::from(maxx) - x0) >> SHIFT) as usize + 1,
            ny: ((i64::from(maxy) - y0) >> SHIFT) as usize + 1,
        }
    }

    fn corner(&self, cell: u32) -> (i64, i64) {
        let (ix, iy) = (cell as usize % self.nx, cell as usize / self.nx);
        (self.x0 + ix as i64 * S, self.y0 + iy as i64 * S)
    }

    /// The cell of a vertex strictly inside one (on no grid line).
    fn interior(&self, v: Pt) -> Option<u32> {
        let (x, y) = (i64::from(v[0]) - self.x0, i64::from(v[1]) - self.y0);
        (x & (S - 1) != 0 && y & (S - 1) != 0)
            .then(|| ((y >> SHIFT) as usize * self.nx + (x >> SHIFT) as usize) as u32)
    }

    /// Appends the cells whose closed square touches segment p–q.
    fn touched(&self, p: [i64; 2], q: [i64; 2], out: &mut Vec<u32>) {
        let range = |a: i64, b: i64, o: i64, n: usize| {
            let (lo, hi) = (a.min(b) - o, a.max(b) - o);
            let first = ((lo + S - 1).div_euclid(S) - 1).max(0); // ceil(lo / S) - 1
            let last = hi.div_euclid(S).min(n as i64 - 1);
            (first, last)
        };
        let (ix0, ix1) = range(p[0], q[0], self.x0, self.nx);
        let (iy0, iy1) = range(p[1], q[1], self.y0, self.ny);
        for iy in iy0..=iy1 {
            for ix in ix0..=ix1 {
                if ix0 != ix1 && iy0 != iy1 {
                    // skip the cell if all its corners are strictly on one side
                    let (cx, cy) = (self.x0 + ix * S, self.y0 + iy * S);
                    let o = [[cx, cy], [cx + S, cy], [cx, cy + S], [cx + S, cy + S]]
                        .map(|c| orient(p, q, c));
                    if o.iter().all(|&v| v > 0) || o.iter().all(|&v| v < 0) {
                        continue;
                    }
                }
                out.push((iy as usize * self.nx + ix as usize) as u32);
            }
        }
    }
}

/// Sign of (b − a) × (p − a).
fn orient(a: [i64; 2], b: [i64; 2], p: [i64; 2]) -> i64 {
    ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])).signum()
}

/// Whether segment a–b crosses the horizontal path at `y + ε²` from
/// `x_from + ε` to `x_to + ε`, i.e. `x_from < xc ≤ x_to`.
fn h_cross(a: [i64; 2], b: [i64; 2], y: i64, x_from: i64, x_to: i64) -> bool {
    if (a[1] > y) == (b[1] > y) {
        return false;
    }
    let (lo, hi) = if a[1] < b[1] { (a, b) } else { (b, a) };
    let (dx, dy) = (hi[0] - lo[0], hi[1] - lo[1]);
    let t = (y - lo[1]) * dx;
    (lo[0] - x_from) * dy + t > 0 && (lo[0] - x_to) * dy + t <= 0
}

fn wide(p: Pt) -> [i64; 2] {
    [i64::from(p[0]), i64::from(p[1])]
}

/// The pieces of one arc (`xy[first..=last]`), sorted by (start, cell).
pub fn arc_pieces(g: &Grid, xy: &[Pt], first: u32, last: u32) -> Vec<Piece> {
    let mut out = Vec::new();
    // open pieces: (cell, first vertex, parity)
    let mut open: Vec<(u32, u32, bool)> = Vec::new();
    let mut touched = Vec::new();
    let mut emit = |cell: u32, start: u32, end: u32, odd: bool| {
        if start < end {
            let (x, y) = g.corner(cell);
            let v = &xy[start as usize..=end as usize];
            let q = |v: i64| ((v.clamp(0, S - 1)) >> (SHIFT - 8)) as u8;
            let xmin = v.iter().map(|p| i64::from(p[0])).min().unwrap_or(0) - x;
            let ymin = v.iter().map(|p| i64::from(p[1])).min().unwrap_or(0) - y;
            let ymax = v.iter().map(|p| i64::from(p[1])).max().unwrap_or(0) - y;
            out.push(Piece {
                start,
                cell,
                end,
                odd,
                bbox: [q(xmin), q(ymin), q(ymax)],
            });
        }
    };
    for k in first..last {
        let (v, w) = (xy[k as usize], xy[k as usize + 1]);
        let (p, q) = (wide(v), wide(w));
        touched.clear();
        match (g.interior(v), g.interior(w)) {
            // inside one cell: touches only it, and not its bottom edge
            (Some(a), Some(b)) if a == b => touched.push(a),
            _ => g.touched(p, q, &mut touched),
        }
        open.retain(|&(c, s, odd)| {
            let keep = touched.contains(&c);
            if !keep {
                emit(c, s, k, odd);
            }
            keep
        });
        for &c in &touched {
            if !open.iter().any(|o| o.0 == c) {
                open.push((c, k, false));
            }
        }
        for o in &mut open {
            let (x, y) = g.corner(o.0);
            o.2 ^= h_cross(p, q, y, x, x + S);
            if k + 1 - o.1 >= CHUNK {
                emit(o.0, o.1, k + 1, o.2);
                *o = (o.0, k + 1, false);
            }
        }
    }
    for &(c, s, odd) in &open {
        emit(c, s, last, odd);
    }
    out.sort_unstable();
    out
}
