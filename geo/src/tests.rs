//! Unit tests with access to the decoded arcs.

use super::*;

fn hits(x: i64, y: i64) -> Vec<u16> {
    let g = geo();
    let f = g.index.find(x, y);
    (0..64)
        .filter(|b| f.mask >> b & 1 == 1)
        .map(|b| f.list[b])
        .collect()
}

/// Brute-force reference: the communes containing `(x + ε, y + ε²)`, by
/// the parity of crossings of the ray to the east with every arc (the
/// importer's semantics), independent of the grid.
struct Reference {
    d: decode::Decoded<'static>,
    /// Per arc: y range and max x.
    boxes: Vec<[i32; 3]>,
}

impl Reference {
    fn new() -> Reference {
        let d = decode::decode(DATA).expect("valid data");
        let boxes = (0..d.arc_start.len() - 1)
            .map(|a| {
                let v = &d.xy[d.arc_start[a] as usize..d.arc_start[a + 1] as usize];
                [
                    v.iter().map(|p| p[1]).min().unwrap_or(0),
                    v.iter().map(|p| p[1]).max().unwrap_or(0),
                    v.iter().map(|p| p[0]).max().unwrap_or(0),
                ]
            })
            .collect();
        Reference { d, boxes }
    }

    fn hits(&self, x: i64, y: i64) -> Vec<u16> {
        let d = &self.d;
        let mut odd: std::collections::BTreeSet<u16> = Default::default();
        for (a, b) in self.boxes.iter().enumerate() {
            if i64::from(b[0]) > y || i64::from(b[1]) <= y || i64::from(b[2]) <= x {
                continue;
            }
            let v = &d.xy[d.arc_start[a] as usize..d.arc_start[a + 1] as usize];
            let crossings = v
                .windows(2)
                .filter(|w| {
                    let (p, q) = (w[0].map(i64::from), w[1].map(i64::from));
                    if (p[1] > y) == (q[1] > y) {
                        return false;
                    }
                    let (lo, hi) = if p[1] < q[1] { (p, q) } else { (q, p) };
                    // crossing strictly east of x: (x - lo) left of lo→hi
                    (hi[0] - lo[0]) * (y - lo[1]) - (hi[1] - lo[1]) * (x - lo[0]) > 0
                })
                .count();
            if crossings % 2 == 1 {
                for &c in
                    &d.arc_communes[d.arc_comm_start[a] as usize..d.arc_comm_start[a + 1] as usize]
                {
                    if !odd.remove(&c) {
                        odd.insert(c);
                    }
                }
            }
        }
        odd.into_iter().collect()
    }
}

/// Points exactly on borders (arc vertices and segment midpoints), where
/// any rounding slip would show: the index agrees with the brute-force
/// reference, and a point on a border shared by two communes belongs to
/// exactly one of them, never to none or both.
#[test]
fn points_on_borders() {
    let r = Reference::new();
    let d = &r.d;
    let (mut n, mut two, mut one_side) = (0, 0, 0);
    for a in (0..d.arc_start.len() - 1).step_by(7) {
        let communes =
            &d.arc_communes[d.arc_comm_start[a] as usize..d.arc_comm_start[a + 1] as usize];
        let (first, end) = (d.arc_start[a] as usize, d.arc_start[a + 1] as usize);
        for k in (first..end - 1).step_by(31) {
            let (p, q) = (d.xy[k].map(i64::from), d.xy[k + 1].map(i64::from));
            for (x, y) in [(p[0], p[1]), ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)] {
                let h = hits(x, y);
                assert_eq!(h, r.hits(x, y), "at {x} {y}");
                n += 1;
                if communes.len() == 2 && k > first {
                    two += 1;
                    one_side += usize::from(h.len() == 1 && communes.contains(&h[0]));
                    assert!(!h.is_empty(), "a border point fell in no commune: {x} {y}");
                }
            }
        }
    }
    eprintln!("{n} border points; {one_side} of {two} on a two-commune border on exactly one side");
    assert!(n > 3_000, "{n}");
    // the exceptions lie where the source polygons overlap a third one
    assert!(one_side * 1000 >= two * 998, "{one_side} of {two}");
}

/// Points on the grid lines and corners of the index, and random points
/// near them, agree with the brute-force reference.
#[test]
fn grid_lines_and_corners() {
    let r = Reference::new();
    let g = geo();
    let s = 1i64 << g.index.shift();
    let (x0, y0) = g.index.origin();
    let mut n = 0;
    let mut seed = 0x1234_5678_9abc_def0u64;
    let mut rand = |m: i64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as i64
    };
    // across the mainland: 102–110°E, 8.5–23.5°N
    for _ in 0..800 {
        let (ix, iy) = (
            (102_000_000 - x0) / s + rand(240),
            (8_500_000 - y0) / s + rand(460),
        );
        let (x, y) = (x0 + ix * s, y0 + iy * s);
        for (px, py) in [
            (x, y),
            (x, y + rand(s)),
            (x + rand(s), y),
            (x + rand(s), y + rand(s)),
        ] {
            assert_eq!(hits(px, py), r.hits(px, py), "at {px} {py}");
            n += 1;
        }
    }
    assert_eq!(n, 3_200);
}

/// Decoding rejects truncated or altered data with an error, not a panic.
#[test]
fn corrupt_data_is_an_error() {
    let build = |b: &[u8]| decode::decode(b).and_then(Index::build).map(|_| ());
    assert!(build(DATA).is_ok());
    for n in [
        0,
        7,
        8,
        9,
        100,
        1000,
        DATA.len() / 2,
        DATA.len() - 100,
        DATA.len() - 1,
    ] {
        assert!(build(&DATA[..n]).is_err(), "truncated at {n}");
    }
    let mut bad = DATA.to_vec();
    bad[0] = b'X';
    assert!(build(&bad).is_err());
    let mut longer = DATA.to_vec();
    longer.push(0);
    assert!(build(&longer).is_err());
}

#[test]
fn haversine() {
    // one degree of latitude
    let d = haversine_km([105e6, 21e6], [105e6, 22e6]);
    assert!((d - 111.195).abs() < 0.001, "{d}");
    assert_eq!(haversine_km([105e6, 21e6], [105e6, 21e6]), 0.0);
}
