//! The point-in-polygon index: a uniform grid over the shared arcs.
//!
//! The grid (cell size, origin, extent) and its *pieces* come precomputed in
//! the data file (`xtask/src/geo/grid.rs`): a piece is a run of at most 16
//! consecutive segments of one arc that touch one closed cell, with its box
//! and the parity of its crossings of the cell's bottom edge. Building the
//! index is therefore one pass over the cells, reading the pieces in order;
//! it never walks the vertices.
//!
//! Every cell is either *uniform* (no arc touches it, so one set of communes,
//! usually none or one, covers all of it) or *mixed*. A mixed cell stores, in
//! one contiguous block, the set of communes containing its lower-left
//! corner and its pieces ("chunks"), each with its box and the bit mask of
//! the cell-local communes whose boundary it is. A query point's communes
//! are the corner's, toggled by every chunk that crosses the L-shaped path
//! from the corner up the cell's left edge, then right to the point, an odd
//! number of times: exact point-in-polygon with holes and multipolygons that
//! reads one cell's block and skips, by their boxes, the chunks the path
//! cannot meet.
//!
//! **Exactness.** Coordinates are integer micro-degrees and every predicate
//! is exact integer arithmetic. Points are symbolically perturbed to
//! `(x + ε, y + ε²)`: a grid corner or a query point never lies on a
//! segment, so a point on a shared border belongs to exactly one of the two
//! communes (the one to its north-east), and the corner sets, built by
//! sweeping every grid row from the west, agree with the queries by
//! construction.

use crate::decode::{Decoded, Reader, R};

const TAG: u32 = 3 << 30;
const EMPTY: u32 = 0;
const SINGLE: u32 = 1 << 30;
const MULTI: u32 = 2 << 30;
const MIXED: u32 = 3 << 30;
/// Words of a mixed cell's header: chunk count, local count, where the
/// locals start in `lists`, corner mask (2).
const HEAD: usize = 5;
/// Words of a chunk: first vertex in `xy`, vertex count, mask (2), box.
const CHUNK_WORDS: usize = 5;

pub(crate) struct Index {
    /// Cells are `1 << shift` micro-degrees square (set by the importer).
    shift: u32,
    x0: i64,
    y0: i64,
    nx: usize,
    ny: usize,
    /// Per cell: tag and payload (commune, multi-set or block offset).
    cells: Vec<u32>,
    /// The blocks of the mixed cells (layout in [`Index::build`]).
    blocks: Vec<u32>,
    /// All arc vertices, micro-degrees.
    xy: Vec<[i32; 2]>,
    /// Commune indices: the locals of each mixed cell, the sets of uniform
    /// cells covered by several communes, then `0..communes` (so that a
    /// one-commune cell can hand out a slice).
    lists: Vec<u16>,
    /// (start, len) in `lists` of each multi-commune set.
    multi: Vec<(u32, u32)>,
    identity_at: usize,
    pub(crate) codes: Vec<u32>,
    pub(crate) polygons: usize,
    pub(crate) rings: usize,
    pub(crate) arcs: usize,
    pub(crate) vertices: usize,
    mixed: usize,
    chunks: usize,
}

/// Communes (as indices) containing a point: the set bits of `mask` index
/// into `list`, so the lowest bit is the lowest code.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found<'a> {
    pub mask: u64,
    pub list: &'a [u16],
}

/// Whether segment a–b crosses the horizontal path at `y + ε²` from
/// `x_from + ε` to `x_to + ε` (`x_from ≤ x_to`), i.e. `x_from < xc ≤ x_to`.
#[inline(always)]
fn h_cross(a: [i64; 2], b: [i64; 2], y: i64, x_from: i64, x_to: i64) -> bool {
    if (a[1] > y) == (b[1] > y) {
        return false;
    }
    let (lo, hi) = if a[1] < b[1] { (a, b) } else { (b, a) };
    let (dx, dy) = (hi[0] - lo[0], hi[1] - lo[1]);
    let t = (y - lo[1]) * dx;
    (lo[0] - x_from) * dy + t > 0 && (lo[0] - x_to) * dy + t <= 0
}

/// Whether segment a–b crosses the vertical path at `x + ε` from
/// `y_from + ε²` to `y_to + ε²` (`y_from ≤ y_to`).
#[inline(always)]
fn v_cross(a: [i64; 2], b: [i64; 2], x: i64, y_from: i64, y_to: i64) -> bool {
    if (a[0] > x) == (b[0] > x) {
        return false;
    }
    let (l, r) = if a[0] < b[0] { (a, b) } else { (b, a) };
    let (dx, dy) = (r[0] - l[0], r[1] - l[1]);
    let t = (x - l[0]) * dy;
    let n1 = (l[1] - y_from) * dx + t;
    let n2 = (l[1] - y_to) * dx + t;
    (n1 > 0 || (n1 == 0 && dy > 0)) && (n2 < 0 || (n2 == 0 && dy <= 0))
}

fn wide(p: [i32; 2]) -> [i64; 2] {
    [i64::from(p[0]), i64::from(p[1])]
}

impl Index {
    /// Builds the index from the decoded data: sweeps every row of cells
    /// from the west, reading the pieces of the cells that arcs touch (in
    /// row-major order, as the importer wrote them), computing their boxes
    /// and carrying the set of communes that contain the current corner.
    /// Mixed-cell block layout, in `u32` words:
    /// `[chunks, locals, locals start in lists, corner mask lo, hi, chunks…]`;
    /// a chunk is `[first vertex in xy, vertices, mask lo, hi, box]`, the box
    /// being `xmin | ymin << 8 | ymax << 16` relative to the cell's corner in
    /// 1/256 cells, rounded down (conservative).
    pub(crate) fn build(d: Decoded<'_>) -> R<Index> {
        let Decoded {
            codes,
            xy,
            bbox,
            arc_start,
            arc_comm_start,
            arc_communes,
            polygons,
            rings,
            shift,
            x0,
            y0,
            nx,
            ny,
            pieces,
        } = d;
        // every vertex must lie strictly east and north of the origin (the
        // west end of each row is then outside every commune) and inside
        // the grid
        if !(i64::from(bbox[0]) > x0
            && i64::from(bbox[1]) > y0
            && ((i64::from(bbox[2]) - x0) >> shift) < nx as i64
            && ((i64::from(bbox[3]) - y0) >> shift) < ny as i64)
        {
            return Err("the grid does not cover the arcs");
        }
        let n_arcs = arc_start.len() - 1;
        let arc_set =
            |a: usize| &arc_communes[arc_comm_start[a] as usize..arc_comm_start[a + 1] as usize];

        let mut r = Reader { b: pieces, at: 0 };
        let n_mixed = r.count()?;
        let mut left = n_mixed;
        // the next cell with pieces
        let mut next_cell = |r: &mut Reader<'_>, prev: Option<usize>| -> R<Option<usize>> {
            if left == 0 {
                return Ok(None);
            }
            left -= 1;
            let d = r.count()?;
            let c = prev
                .map_or(Some(d), |p| p.checked_add(d + 1))
                .ok_or("cell")?;
            if c >= nx * ny {
                return Err("cell out of range");
            }
            Ok(Some(c))
        };
        let mut next = next_cell(&mut r, None)?;

        let mut cells = vec![EMPTY; nx * ny];
        let mut blocks: Vec<u32> = Vec::with_capacity(xy.len() / 8 * CHUNK_WORDS + n_mixed * HEAD);
        let mut multi_sets: Vec<Vec<u16>> = Vec::new();
        let mut lists: Vec<u16> = Vec::with_capacity(n_mixed * 4 + codes.len());
        let mut status: Vec<u16> = Vec::new();
        let mut locals: Vec<u16> = Vec::new();
        // the pieces of the current cell: arc, first and last vertex, parity, box
        let mut here: Vec<(usize, u32, u32, bool, u32)> = Vec::new();
        // per commune: its bit in the current cell + 1 (0: not local)
        let mut local_bit = vec![0u8; codes.len()];
        let mut chunks = 0;
        for iy in 0..ny {
            status.clear();
            for ix in 0..nx {
                let cell = iy * nx + ix;
                if next != Some(cell) {
                    cells[cell] = match status.as_slice() {
                        [] => EMPTY,
                        [c] => SINGLE | u32::from(*c),
                        set => {
                            let i = multi_sets.iter().position(|m| m == set).unwrap_or_else(|| {
                                multi_sets.push(set.to_vec());
                                multi_sets.len() - 1
                            });
                            MULTI | i as u32
                        }
                    };
                    continue;
                }
                // read this cell's pieces
                here.clear();
                let mut arc = 0usize;
                for i in 0..r.count()? {
                    let d = r.count()?;
                    arc = if i == 0 {
                        d
                    } else {
                        arc.checked_add(d).ok_or("arc")?
                    };
                    if arc >= n_arcs {
                        return Err("arc out of range");
                    }
                    let start = u64::from(arc_start[arc]) + r.get()?;
                    let w = r.get()?;
                    let end = start.checked_add(w >> 1).ok_or("piece")?;
                    if end >= u64::from(arc_start[arc + 1]) || end == start {
                        return Err("piece out of range");
                    }
                    let b = r.b.get(r.at..r.at + 3).ok_or("truncated piece")?;
                    let bbox = u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16;
                    r.at += 3;
                    here.push((arc, start as u32, end as u32, w & 1 == 1, bbox));
                }
                next = next_cell(&mut r, next)?;
                chunks += here.len();

                locals.clear();
                for &c in status.iter().chain(here.iter().flat_map(|p| arc_set(p.0))) {
                    if local_bit[usize::from(c)] == 0 {
                        local_bit[usize::from(c)] = 1;
                        locals.push(c);
                    }
                }
                locals.sort_unstable();
                if locals.len() > 64 {
                    return Err("more than 64 communes in a grid cell");
                }
                for (i, &c) in locals.iter().enumerate() {
                    local_bit[usize::from(c)] = i as u8 + 1;
                }
                let bits = |set: &[u16]| {
                    set.iter()
                        .fold(0u64, |m, &c| m | 1 << (local_bit[usize::from(c)] - 1))
                };
                cells[cell] = MIXED | blocks.len() as u32;
                let corner = bits(&status);
                blocks.extend([
                    here.len() as u32,
                    locals.len() as u32,
                    lists.len() as u32,
                    corner as u32,
                    (corner >> 32) as u32,
                ]);
                lists.extend_from_slice(&locals);
                for &(arc, start, end, _, bbox) in &here {
                    let m = bits(arc_set(arc));
                    blocks.extend([start, end + 1 - start, m as u32, (m >> 32) as u32, bbox]);
                }
                for &c in &locals {
                    local_bit[usize::from(c)] = 0;
                }
                // toggle by the pieces crossing the bottom edge up to the next corner
                for &(arc, ..) in here.iter().filter(|p| p.3) {
                    for &c in arc_set(arc) {
                        match status.binary_search(&c) {
                            Ok(i) => {
                                status.remove(i);
                            }
                            Err(i) => status.insert(i, c),
                        }
                    }
                }
            }
        }
        if next.is_some() || r.at != pieces.len() {
            return Err("pieces left over");
        }
        let mut multi = Vec::with_capacity(multi_sets.len());
        for m in &multi_sets {
            multi.push((lists.len() as u32, m.len() as u32));
            lists.extend_from_slice(m);
        }
        let identity_at = lists.len();
        lists.extend(0..codes.len() as u16);
        Ok(Index {
            shift,
            x0,
            y0,
            nx,
            ny,
            cells,
            blocks,
            lists,
            multi,
            identity_at,
            codes,
            polygons,
            rings,
            arcs: n_arcs,
            vertices: xy.len(),
            xy,
            mixed: n_mixed,
            chunks,
        })
    }

    /// The cell of a point, if inside the grid.
    #[inline]
    fn cell_of(&self, px: i64, py: i64) -> Option<(usize, usize)> {
        let (dx, dy) = (px - self.x0, py - self.y0);
        if dx < 0 || dy < 0 {
            return None;
        }
        let (ix, iy) = ((dx >> self.shift) as usize, (dy >> self.shift) as usize);
        (ix < self.nx && iy < self.ny).then_some((ix, iy))
    }

    /// The block at `b` and its local communes.
    fn block(&self, b: usize) -> (&[u32], &[u16]) {
        let block = &self.blocks[b..];
        let (n, at) = (block[1] as usize, block[2] as usize);
        (block, &self.lists[at..at + n])
    }

    /// The communes containing the point `(px, py)` (micro-degrees), by
    /// ascending index.
    pub(crate) fn find(&self, px: i64, py: i64) -> Found<'_> {
        let Some((ix, iy)) = self.cell_of(px, py) else {
            return Found { mask: 0, list: &[] };
        };
        let v = self.cells[iy * self.nx + ix];
        let payload = (v & !TAG) as usize;
        match v & TAG {
            EMPTY => Found { mask: 0, list: &[] },
            SINGLE => Found {
                mask: 1,
                list: &self.lists[self.identity_at + payload..=self.identity_at + payload],
            },
            MULTI => {
                let (at, n) = self.multi[payload];
                Found {
                    mask: u64::MAX >> (64 - n.clamp(1, 64)),
                    list: &self.lists[at as usize..(at + n) as usize],
                }
            }
            _ => {
                let (block, list) = self.block(payload);
                let mut at = HEAD;
                let x = self.x0 + ((ix as i64) << self.shift);
                let y = self.y0 + ((iy as i64) << self.shift);
                // the point in 1/256 cells, like the chunk boxes
                let q = self.shift - 8;
                let (rx, ry) = (((px - x) >> q) as u32, ((py - y) >> q) as u32);
                let mut mask = u64::from(block[3]) | u64::from(block[4]) << 32;
                for _ in 0..block[0] {
                    let c = &block[at..at + CHUNK_WORDS];
                    at += CHUNK_WORDS;
                    let bbox = c[4];
                    let (xmin, ymin, ymax) = (bbox & 0xff, bbox >> 8 & 0xff, bbox >> 16);
                    let horizontal = ymin <= ry && ry <= ymax && xmin <= rx;
                    let vertical = xmin == 0 && ymin <= ry;
                    if !(horizontal || vertical) {
                        continue;
                    }
                    let verts = &self.xy[c[0] as usize..(c[0] + c[1]) as usize];
                    let mut odd = false;
                    let mut a = wide(verts[0]);
                    for v in &verts[1..] {
                        let b = wide(*v);
                        odd ^= (vertical && v_cross(a, b, x, y, py))
                            ^ (horizontal && h_cross(a, b, py, x, px));
                        a = b;
                    }
                    if odd {
                        mask ^= u64::from(c[2]) | u64::from(c[3]) << 32;
                    }
                }
                Found { mask, list }
            }
        }
    }

    /// The commune whose boundary is nearest to `(px, py)` (micro-degrees)
    /// within `max_km`, and the nearest boundary point (micro-degrees).
    pub(crate) fn nearest_boundary(
        &self,
        px: i64,
        py: i64,
        max_km: f64,
    ) -> Option<(u16, [f64; 2])> {
        let lat = py as f64 * 1e-6;
        let ky = KM_PER_MICRODEG;
        // a lower bound of cos(latitude) over the search box
        let reach_deg = (max_km / ky * 1e-6).min(180.0);
        let cos_min = (lat.abs() + reach_deg).min(89.9).to_radians().cos();
        let kx_min = ky * cos_min;
        let kx = ky * lat.to_radians().cos().max(cos_min);
        let rx = (max_km / kx_min).min(4e8) as i64;
        let ry = (max_km / ky).min(4e8) as i64;
        let s = 1i64 << self.shift;
        let cx = |v: i64| (v - self.x0).div_euclid(s).clamp(0, self.nx as i64 - 1);
        let cy = |v: i64| (v - self.y0).div_euclid(s).clamp(0, self.ny as i64 - 1);
        // mixed cells in reach, by a lower bound of their distance
        let mut cand: Vec<(f64, usize)> = Vec::new();
        for iy in cy(py - ry)..=cy(py + ry) {
            let y = self.y0 + iy * s;
            let dy = (y - py).max(py - (y + s)).max(0) as f64 * ky;
            for ix in cx(px - rx)..=cx(px + rx) {
                let v = self.cells[iy as usize * self.nx + ix as usize];
                if v & TAG != MIXED {
                    continue;
                }
                let x = self.x0 + ix * s;
                let dx = (x - px).max(px - (x + s)).max(0) as f64 * kx_min;
                let lb = dx.hypot(dy);
                if lb <= max_km {
                    cand.push((lb, (v & !TAG) as usize));
                }
            }
        }
        cand.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut best: Option<(f64, u16, [f64; 2])> = None;
        for (lb, b) in cand {
            if best.is_some_and(|best| lb > best.0) {
                break;
            }
            let (block, locals) = self.block(b);
            let mut at = HEAD;
            for _ in 0..block[0] {
                let c = &block[at..at + CHUNK_WORDS];
                at += CHUNK_WORDS;
                let chunk_mask = u64::from(c[2]) | u64::from(c[3]) << 32;
                let commune = locals[chunk_mask.trailing_zeros() as usize];
                let verts = &self.xy[c[0] as usize..(c[0] + c[1]) as usize];
                let proj = |p: [i32; 2]| {
                    [
                        (i64::from(p[0]) - px) as f64 * kx,
                        (i64::from(p[1]) - py) as f64 * ky,
                    ]
                };
                let mut a = proj(verts[0]);
                for v in &verts[1..] {
                    let b = proj(*v);
                    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                    let len2 = dx * dx + dy * dy;
                    let t = if len2 > 0.0 {
                        (-(a[0] * dx + a[1] * dy) / len2).clamp(0.0, 1.0)
                    } else {
                        0.0
                    };
                    let q = [a[0] + t * dx, a[1] + t * dy];
                    let d = q[0].hypot(q[1]);
                    let better = match best {
                        None => true,
                        Some((bd, bc, _)) => d < bd || (d == bd && commune < bc),
                    };
                    if better && d <= max_km {
                        best = Some((d, commune, [px as f64 + q[0] / kx, py as f64 + q[1] / ky]));
                    }
                    a = b;
                }
            }
        }
        best.map(|(_, c, q)| (c, q))
    }

    /// Heap bytes held by the index.
    pub(crate) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.cells.capacity() * size_of::<u32>()
            + self.blocks.capacity() * size_of::<u32>()
            + self.xy.capacity() * size_of::<[i32; 2]>()
            + self.lists.capacity() * size_of::<u16>()
            + self.multi.capacity() * size_of::<(u32, u32)>()
            + self.codes.capacity() * size_of::<u32>()
    }

    /// (cells, mixed cells, chunks, most segments in one cell)
    pub(crate) fn shape(&self) -> (usize, usize, usize, usize) {
        let mut most = 0;
        for &v in &self.cells {
            if v & TAG == MIXED {
                most = most.max(self.segments_in(v));
            }
        }
        (self.nx * self.ny, self.mixed, self.chunks, most)
    }

    /// Segments stored in the mixed cell `v`.
    fn segments_in(&self, v: u32) -> usize {
        let (block, _) = self.block((v & !TAG) as usize);
        let (mut at, mut total) = (HEAD, 0);
        for _ in 0..block[0] {
            total += block[at + 1] as usize - 1;
            at += CHUNK_WORDS;
        }
        total
    }

    /// log2 of the cell size (for tests).
    #[cfg(test)]
    pub(crate) fn shift(&self) -> u32 {
        self.shift
    }

    /// The grid origin (for tests).
    #[cfg(test)]
    pub(crate) fn origin(&self) -> (i64, i64) {
        (self.x0, self.y0)
    }
}

/// Kilometres per micro-degree of latitude (mean Earth radius 6,371.0088 km).
pub(crate) const KM_PER_MICRODEG: f64 = 6_371.008_8 * std::f64::consts::PI / 180.0 / 1e6;
