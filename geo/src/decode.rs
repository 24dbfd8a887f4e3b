//! Reads `data/boundaries.bin` (format: `xtask/src/geo/encode.rs`): communes
//! as rings of shared arcs, arcs as delta-encoded zig-zag varints.

/// The decoded topology.
pub(crate) struct Decoded<'a> {
    /// Commune codes, ascending; a commune's index is its position here.
    pub codes: Vec<u32>,
    /// All arc vertices, `[lon, lat]` in micro-degrees, arc after arc.
    pub xy: Vec<[i32; 2]>,
    /// Bounding box of `xy`: min lon, min lat, max lon, max lat.
    pub bbox: [i32; 4],
    /// Arc `a` is `xy[arc_start[a]..arc_start[a + 1]]`.
    pub arc_start: Vec<u32>,
    /// Communes whose boundary runs along arc `a` an odd number of times:
    /// `arc_communes[arc_comm_start[a]..arc_comm_start[a + 1]]`, ascending.
    pub arc_comm_start: Vec<u32>,
    pub arc_communes: Vec<u16>,
    pub polygons: usize,
    pub rings: usize,
    /// The index grid: log2 of the cell size in µ°, origin, size in cells.
    pub shift: u32,
    pub x0: i64,
    pub y0: i64,
    pub nx: usize,
    pub ny: usize,
    /// The index pieces, by cell, still encoded (read by `Index::build`).
    pub pieces: &'a [u8],
}

pub(crate) struct Reader<'a> {
    pub b: &'a [u8],
    pub at: usize,
}

pub(crate) type R<T> = Result<T, &'static str>;

impl Reader<'_> {
    pub fn get(&mut self) -> R<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let &b = self.b.get(self.at).ok_or("truncated")?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift > 63 {
                return Err("varint too long");
            }
        }
    }

    pub fn count(&mut self) -> R<usize> {
        usize::try_from(self.get()?).map_err(|_| "count too large")
    }

    fn signed(&mut self) -> R<i64> {
        let v = self.get()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }
}

/// The vertices: steps as `i16` pairs, plus the escapes (steps too large
/// for `i16`, whose `i16` slot holds 0, 0) as (vertex index, step).
fn vertices(
    steps: &[u8],
    escapes: &[(usize, [i32; 2])],
    n: usize,
    quantum: i32,
) -> R<(Vec<[i32; 2]>, [i32; 4])> {
    if steps.len() != 4 * n {
        return Err("vertex steps");
    }
    let (mut x, mut y) = (0i32, 0i32);
    let mut esc = escapes.iter().copied().peekable();
    let mut next = esc.peek().map_or(usize::MAX, |e| e.0);
    let mut xy: Vec<[i32; 2]> = Vec::with_capacity(n);
    xy.extend(steps.chunks_exact(4).enumerate().map(|(i, w)| {
        x = x.wrapping_add(i32::from(i16::from_le_bytes([w[0], w[1]])));
        y = y.wrapping_add(i32::from(i16::from_le_bytes([w[2], w[3]])));
        if i == next {
            let (_, d) = esc.next().unwrap_or_default();
            x = x.wrapping_add(d[0]);
            y = y.wrapping_add(d[1]);
            next = esc.peek().map_or(usize::MAX, |e| e.0);
        }
        [x, y]
    }));
    if quantum != 1 {
        for p in &mut xy {
            *p = [p[0].wrapping_mul(quantum), p[1].wrapping_mul(quantum)];
        }
    }
    // micro-degrees: longitude within ±180°, latitude within ±90° (this also
    // rules out a wrapped sum in practice; the embedded data is tested)
    let (mut lo, mut hi) = ([i32::MAX; 2], [i32::MIN; 2]);
    for p in &xy {
        lo = [lo[0].min(p[0]), lo[1].min(p[1])];
        hi = [hi[0].max(p[0]), hi[1].max(p[1])];
    }
    if n > 0
        && (lo[0] < -180_000_000
            || hi[0] > 180_000_000
            || lo[1] < -90_000_000
            || hi[1] > 90_000_000)
    {
        return Err("coordinate out of range");
    }
    Ok((xy, [lo[0], lo[1], hi[0], hi[1]]))
}

pub(crate) fn decode(bytes: &[u8]) -> R<Decoded<'_>> {
    if !bytes.starts_with(b"DVHCGEO\0") {
        return Err("bad magic");
    }
    let mut r = Reader { b: bytes, at: 8 };
    if r.get()? != 1 {
        return Err("unknown version");
    }
    let quantum = i32::try_from(r.get()?).map_err(|_| "quantum")?;
    if !(1..=1000).contains(&quantum) {
        return Err("quantum");
    }
    let _tolerance_dm = r.get()?; // informational
    let n_communes = r.count()?;
    let n_arcs = r.count()?;
    let n_vertices = r.count()?;
    let n_rings = r.count()?;
    if n_communes > usize::from(u16::MAX) || n_vertices > u32::MAX as usize {
        return Err("too large");
    }
    let mut codes = Vec::with_capacity(n_communes);
    // communes using each arc an odd number of times (at most 4 per arc)
    let mut slots: Vec<([u16; 4], u8)> = vec![([0; 4], 0); n_arcs];
    let (mut code, mut prev_ref, mut polygons, mut rings) = (0u32, 0i64, 0, 0);
    for c in 0..n_communes {
        code = code
            .checked_add(u32::try_from(r.get()?).map_err(|_| "code")?)
            .ok_or("code")?;
        codes.push(code);
        for _ in 0..r.count()? {
            polygons += 1;
            for _ in 0..r.count()? {
                rings += 1;
                for _ in 0..r.count()? {
                    prev_ref += r.signed()?;
                    let arc = usize::try_from(prev_ref >> 1).map_err(|_| "arc ref")?;
                    let (set, n) = slots.get_mut(arc).ok_or("arc ref out of range")?;
                    let c = c as u16;
                    match set[..usize::from(*n)].iter().position(|&x| x == c) {
                        Some(i) => {
                            set.copy_within(i + 1..usize::from(*n), i);
                            *n -= 1;
                        }
                        None if *n < 4 => {
                            set[usize::from(*n)] = c;
                            *n += 1;
                        }
                        None => return Err("more than 4 communes on one arc"),
                    }
                }
            }
        }
    }
    if rings != n_rings {
        return Err("ring count");
    }
    let mut arc_comm_start = Vec::with_capacity(n_arcs + 1);
    let mut arc_communes = Vec::with_capacity(n_arcs * 2);
    for (set, n) in &mut slots {
        arc_comm_start.push(arc_communes.len() as u32);
        let set = &mut set[..usize::from(*n)];
        set.sort_unstable();
        arc_communes.extend_from_slice(set);
    }
    arc_comm_start.push(arc_communes.len() as u32);

    let mut arc_start = Vec::with_capacity(n_arcs + 1);
    let mut total = 0usize;
    for _ in 0..n_arcs {
        arc_start.push(u32::try_from(total).map_err(|_| "too many vertices")?);
        let n = r.count()?;
        if n < 2 {
            return Err("arc with fewer than 2 points");
        }
        total += n;
    }
    arc_start.push(u32::try_from(total).map_err(|_| "too many vertices")?);
    if total != n_vertices {
        return Err("vertex count");
    }
    let shift = u32::try_from(r.get()?).map_err(|_| "shift")?;
    let _chunk = r.get()?;
    let (x0, y0) = (r.signed()?, r.signed()?);
    let (nx, ny) = (r.count()?, r.count()?);
    if !(8..=20).contains(&shift) || nx.saturating_mul(ny) > 1 << 26 {
        return Err("grid");
    }
    let n_escapes = r.count()?;
    let mut escapes = Vec::with_capacity(n_escapes.min(n_vertices));
    let mut at = 0usize;
    for _ in 0..n_escapes {
        at = at.checked_add(r.count()?).ok_or("escape")?;
        let d = [r.signed()?, r.signed()?].map(|v| v as i32);
        escapes.push((at, d));
    }
    let steps_end = n_vertices
        .checked_mul(4)
        .and_then(|n| n.checked_add(r.at))
        .filter(|&end| end <= bytes.len())
        .ok_or("truncated vertices")?;
    let (xy, bbox) = vertices(&bytes[r.at..steps_end], &escapes, n_vertices, quantum)?;
    let pieces = &bytes[steps_end..];
    Ok(Decoded {
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
    })
}
