//! Seeded random points: uniform land points and interior points per commune.

use super::pip::PolySet;
use super::Pt;

/// SplitMix64: small, seedable, good enough for sampling.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform integer in [lo, hi].
    pub fn range(&mut self, lo: i32, hi: i32) -> i32 {
        let span = (i64::from(hi) - i64::from(lo) + 1) as u64;
        (i64::from(lo) + (self.next_u64() % span) as i64) as i32
    }
}

/// `n` points uniform on the sphere inside the union of `set` (rejection
/// sampling in its bounding box), with the number of draws needed.
pub fn land_points(set: &PolySet, n: usize, seed: u64) -> (Vec<Pt>, usize) {
    let b = set.bbox();
    let mut rng = Rng::new(seed);
    let s0 = (f64::from(b[1]) * 1e-6).to_radians().sin();
    let s1 = (f64::from(b[3]) * 1e-6).to_radians().sin();
    let mut out = Vec::with_capacity(n);
    let mut draws = 0;
    while out.len() < n {
        draws += 1;
        let x = rng.range(b[0], b[2]);
        let lat = (s0 + (s1 - s0) * rng.unit()).asin().to_degrees();
        let p = [x, (lat * 1e6).round() as i32];
        if !set.hits(p).is_empty() {
            out.push(p);
        }
    }
    (out, draws)
}

/// A random point inside shape `i` (uniform in its box, rejection), or None
/// after `tries` draws.
pub fn point_in(set: &PolySet, i: usize, rng: &mut Rng, tries: usize) -> Option<Pt> {
    let s = &set.shapes[i];
    for t in 0..tries {
        // alternate between the whole box and the box of one ring, so that
        // communes made of scattered islands are found too
        let b = if t % 2 == 0 || s.rings.len() == 1 {
            s.bbox
        } else {
            s.rings[(rng.next_u64() % s.rings.len() as u64) as usize].1
        };
        let p = [rng.range(b[0], b[2]), rng.range(b[1], b[3])];
        if set.contains(i, p) {
            return Some(p);
        }
    }
    None
}
