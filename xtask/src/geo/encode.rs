//! The binary boundary format read by `dvhc-geo` (`geo/data/boundaries.bin`).
//!
//! Integers are LEB128 varints (signed values zig-zag encoded) except the
//! vertex steps, which are little-endian `i16` pairs.
//! ```text
//! magic      "DVHCGEO\0"
//! version    1
//! quantum    micro-degrees per coordinate unit
//! tol_dm     simplification tolerance in decimetres (informational)
//! communes   number of communes        arcs      number of arcs
//! vertices   total arc vertices        rings     total rings
//! per commune, by ascending code:
//!   code − previous code, polygons
//!   per polygon: rings (the first is the outer ring, the others holes)
//!   per ring: arc refs, then each ref − previous ref (zig-zag; running over the file);
//!             ref = arc × 2 + 1 when the ring walks the arc backwards
//! per arc: number of points
//! grid       shift (cell = 2^shift µ°), chunk (most segments per piece),
//!            x0, y0 (zig-zag, µ°), nx, ny: the runtime index grid (grid.rs)
//! vertices: every point of every arc, in arc order, as the step (Δlon,
//!   Δlat) from the previous point (running over all arcs, from 0,0), in
//!   quantum units. Steps that do not fit in i16 are *escapes*:
//!   escapes    number of escapes, then per escape: its vertex index −
//!              previous escape's index, Δlon, Δlat (zig-zag)
//!   steps      per vertex two little-endian i16, (0, 0) for an escape
//! pieces, to the end of the file: the grid cells that some arc touches,
//!   in row-major order: number of such cells, then per cell: cell −
//!   previous cell − 1 (the first: cell), number of pieces, then per piece,
//!   by (arc, start): arc (the first) or arc − previous arc, first vertex −
//!   the arc's first vertex, segments × 2 + bottom-edge parity, and three
//!   bytes: the piece's least x, least y and greatest y relative to the
//!   cell's corner, clamped to the cell, in 1/256 cells rounded down
//! ```
//! Fixed-width steps decode in a tight loop (no varint branches) at the
//! same size as varints: at 10 m the typical step is 10–3,000 µ°.
//! A ring is the concatenation of its arcs; consecutive arcs share the
//! junction point, and the last arc ends where the first begins.

use super::grid::{Grid, Piece, CHUNK, SHIFT};
use super::Pt;
use anyhow::{bail, ensure, Result};

pub const MAGIC: &[u8; 8] = b"DVHCGEO\0";
pub const VERSION: u64 = 1;

pub struct Encoded {
    pub communes: Vec<(u32, Vec<Vec<Vec<u32>>>)>,
    /// Arcs in quantum units.
    pub arcs: Vec<Vec<Pt>>,
    pub quantum: u32,
    pub tol_dm: u32,
    /// The runtime grid and the pieces as (arc, piece), by (cell, arc,
    /// start); vertex indices are global.
    pub grid: Grid,
    pub pieces: Vec<(u32, Piece)>,
}

fn put(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn zig(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

pub fn encode(e: &Encoded) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put(&mut out, VERSION);
    put(&mut out, u64::from(e.quantum));
    put(&mut out, u64::from(e.tol_dm));
    put(&mut out, e.communes.len() as u64);
    put(&mut out, e.arcs.len() as u64);
    put(&mut out, e.arcs.iter().map(|a| a.len() as u64).sum());
    put(
        &mut out,
        e.communes
            .iter()
            .map(|c| c.1.iter().map(Vec::len).sum::<usize>() as u64)
            .sum(),
    );
    let (mut prev_code, mut prev_ref) = (0u32, 0i64);
    for (code, polys) in &e.communes {
        put(&mut out, u64::from(code - prev_code));
        prev_code = *code;
        put(&mut out, polys.len() as u64);
        for rings in polys {
            put(&mut out, rings.len() as u64);
            for refs in rings {
                put(&mut out, refs.len() as u64);
                for &r in refs {
                    put(&mut out, zig(i64::from(r) - prev_ref));
                    prev_ref = i64::from(r);
                }
            }
        }
    }
    for arc in &e.arcs {
        put(&mut out, arc.len() as u64);
    }
    put(&mut out, u64::from(SHIFT));
    put(&mut out, u64::from(CHUNK));
    put(&mut out, zig(e.grid.x0));
    put(&mut out, zig(e.grid.y0));
    put(&mut out, e.grid.nx as u64);
    put(&mut out, e.grid.ny as u64);
    let mut steps = Vec::new();
    let mut escapes = Vec::new();
    let mut prev = [0i32; 2];
    for (i, p) in e.arcs.iter().flatten().enumerate() {
        let d = [p[0] - prev[0], p[1] - prev[1]];
        prev = *p;
        let small = |v: i32| i16::try_from(v).is_ok();
        if small(d[0]) && small(d[1]) {
            steps.extend((d[0] as i16).to_le_bytes());
            steps.extend((d[1] as i16).to_le_bytes());
        } else {
            steps.extend([0; 4]);
            escapes.push((i, d));
        }
    }
    put(&mut out, escapes.len() as u64);
    let mut last = 0;
    for (i, d) in escapes {
        put(&mut out, (i - last) as u64);
        last = i;
        put(&mut out, zig(i64::from(d[0])));
        put(&mut out, zig(i64::from(d[1])));
    }
    out.extend(steps);
    let mut arc_first = Vec::with_capacity(e.arcs.len());
    let mut n = 0u32;
    for a in &e.arcs {
        arc_first.push(n);
        n += a.len() as u32;
    }
    let cells: Vec<&[(u32, Piece)]> = e.pieces.chunk_by(|a, b| a.1.cell == b.1.cell).collect();
    put(&mut out, cells.len() as u64);
    let mut prev_cell = -1i64;
    for group in cells {
        let cell = group[0].1.cell;
        put(&mut out, (i64::from(cell) - prev_cell - 1) as u64);
        prev_cell = i64::from(cell);
        put(&mut out, group.len() as u64);
        let mut prev_arc = 0;
        for (i, &(arc, p)) in group.iter().enumerate() {
            put(
                &mut out,
                u64::from(if i == 0 { arc } else { arc - prev_arc }),
            );
            prev_arc = arc;
            put(&mut out, u64::from(p.start - arc_first[arc as usize]));
            put(&mut out, u64::from(p.end - p.start) << 1 | u64::from(p.odd));
            out.extend(p.bbox);
        }
    }
    out
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn get(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.b.get(self.at) else {
                bail!("truncated")
            };
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        bail!("varint too long")
    }
    fn signed(&mut self) -> Result<i64> {
        let v = self.get()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }
}

/// Decodes a file back (used to verify the writer round-trips).
pub fn decode(bytes: &[u8]) -> Result<Encoded> {
    ensure!(bytes.starts_with(MAGIC), "bad magic");
    let mut r = Reader { b: bytes, at: 8 };
    ensure!(r.get()? == VERSION, "version");
    let quantum = r.get()? as u32;
    let tol_dm = r.get()? as u32;
    let (nc, na, _nv, _nr) = (r.get()?, r.get()?, r.get()?, r.get()?);
    let (mut code, mut prev_ref) = (0u32, 0i64);
    let mut communes = Vec::new();
    for _ in 0..nc {
        code += r.get()? as u32;
        let mut polys = Vec::new();
        for _ in 0..r.get()? {
            let mut rings = Vec::new();
            for _ in 0..r.get()? {
                let mut refs = Vec::new();
                for _ in 0..r.get()? {
                    prev_ref += r.signed()?;
                    refs.push(prev_ref as u32);
                }
                rings.push(refs);
            }
            polys.push(rings);
        }
        communes.push((code, polys));
    }
    let lens: Vec<u64> = (0..na).map(|_| r.get()).collect::<Result<_>>()?;
    ensure!(
        r.get()? == u64::from(SHIFT) && r.get()? == u64::from(CHUNK),
        "grid constants"
    );
    let unzig = |v: u64| (v >> 1) as i64 ^ -((v & 1) as i64);
    let grid = Grid {
        x0: unzig(r.get()?),
        y0: unzig(r.get()?),
        nx: r.get()? as usize,
        ny: r.get()? as usize,
    };
    let n_escapes = r.get()?;
    let mut escapes = std::collections::BTreeMap::new();
    let mut last = 0u64;
    for _ in 0..n_escapes {
        last += r.get()?;
        escapes.insert(last as usize, [r.signed()? as i32, r.signed()? as i32]);
    }
    let total: u64 = lens.iter().sum();
    let at = r.at;
    ensure!(bytes.len() - at >= total as usize * 4, "vertex steps");
    let mut arcs = Vec::new();
    let mut prev = [0i32; 2];
    let mut i = 0usize;
    for &n in &lens {
        let mut arc = Vec::new();
        for _ in 0..n {
            let b = &bytes[at + 4 * i..at + 4 * i + 4];
            let d = escapes.get(&i).copied().unwrap_or([
                i32::from(i16::from_le_bytes([b[0], b[1]])),
                i32::from(i16::from_le_bytes([b[2], b[3]])),
            ]);
            prev = [prev[0] + d[0], prev[1] + d[1]];
            arc.push(prev);
            i += 1;
        }
        arcs.push(arc);
    }
    r.at = at + 4 * total as usize;
    let mut arc_first = Vec::new();
    let mut n = 0u32;
    for l in &lens {
        arc_first.push(n);
        n += *l as u32;
    }
    let mut pieces = Vec::new();
    let mut cell = -1i64;
    for _ in 0..r.get()? {
        cell += r.get()? as i64 + 1;
        let mut arc = 0u32;
        for i in 0..r.get()? {
            let d = r.get()? as u32;
            arc = if i == 0 { d } else { arc + d };
            let start = arc_first[arc as usize] + r.get()? as u32;
            let w = r.get()?;
            ensure!(r.at + 3 <= bytes.len(), "truncated piece");
            let bbox = [bytes[r.at], bytes[r.at + 1], bytes[r.at + 2]];
            r.at += 3;
            pieces.push((
                arc,
                Piece {
                    start,
                    cell: cell as u32,
                    end: start + (w >> 1) as u32,
                    odd: w & 1 == 1,
                    bbox,
                },
            ));
        }
    }
    ensure!(r.at == bytes.len(), "trailing bytes");
    Ok(Encoded {
        communes,
        arcs,
        quantum,
        tol_dm,
        grid,
        pieces,
    })
}
