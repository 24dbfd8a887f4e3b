//! `cargo xtask geo [--check] [--shared DIR] [--tolerance M] [--quantum Q] [--sweep M,M,…]`:
//! builds the compact boundary data of the `dvhc-geo` crate (`geo/`) from the
//! lossless GIS export staged in `../shared/data` (PROVENANCE §10).
//!
//! Pipeline: read the 3,321 MultiPolygons in integer micro-degrees, remap the
//! one wrong code (data/errata.tsv, source `thanglequoc-gis`), cut the rings
//! into shared arcs (topo), simplify each arc once with a topology-preserving
//! Douglas-Peucker (simplify), quantise, check validity (check), measure the
//! agreement with the full-resolution polygons on seeded random points (pip,
//! sample), and write the delta-encoded binary (encode) with its pinned
//! checksum, the accuracy report and the test points. With `GEO_DEBUG` set
//! in the environment it lists every pair of arcs that touch or cross.

mod check;
mod encode;
mod geom;
mod grid;
mod pip;
mod read;
mod sample;
mod simplify;
mod topo;

use anyhow::{bail, ensure, Context, Result};
use pip::PolySet;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// `[lon, lat]` in integer micro-degrees (or quantum units where stated).
pub type Pt = [i32; 2];

/// Douglas-Peucker tolerance, chosen from the sweep in geo/README.md.
const DEFAULT_TOLERANCE_M: f64 = 10.0;
/// Stored coordinates are multiples of this many micro-degrees.
const DEFAULT_QUANTUM: u32 = 1;
const LAND_POINTS: usize = 20_000;
const LAND_SEED: u64 = 0x6476_6863_2d67_656f; // "dvhc-geo"
const PER_WARD: usize = 5;
/// Tolerances measured for the trade-off table of ACCURACY.md.
const SWEEP: [f64; 4] = [5.0, 10.0, 20.0, 50.0];
const INTERIOR_PER_WARD: usize = 3;

const USAGE: &str = "usage: cargo xtask geo [--check] [--shared DIR] [--tolerance M] [--quantum Q]
       cargo xtask geo --sweep M[,M…] [--quantum Q] [--shared DIR]

  builds geo/data/boundaries.bin (and its checksum, accuracy report and test
  points) from ../shared/data/thanglequoc-vietnamese-provinces-database/v4.2.0-gis
  --check      write nothing; fail if any generated file would differ
  --tolerance  Douglas-Peucker tolerance in metres (default 10)
  --quantum    coordinate grid in micro-degrees (default 1, i.e. 1e-6°)
  --sweep      measure several tolerances and print a table; writes nothing
  --shared     folder with the raw datasets (default: <workspace>/../shared/data)";

struct Options {
    check: bool,
    shared: Option<PathBuf>,
    tolerance: f64,
    quantum: u32,
    sweep: Vec<f64>,
}

fn parse_args() -> Result<Option<Options>> {
    let mut args = std::env::args().skip(2);
    let mut o = Options {
        check: false,
        shared: None,
        tolerance: DEFAULT_TOLERANCE_M,
        quantum: DEFAULT_QUANTUM,
        sweep: Vec::new(),
    };
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--check" => o.check = true,
            "--shared" => o.shared = Some(value("--shared")?.into()),
            "--tolerance" => o.tolerance = value("--tolerance")?.parse()?,
            "--quantum" => o.quantum = value("--quantum")?.parse()?,
            "--sweep" => {
                o.sweep = value("--sweep")?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?
            }
            other => bail!("unknown option {other:?}\n\n{USAGE}"),
        }
    }
    ensure!(
        o.tolerance > 0.0 && o.tolerance < 1000.0,
        "tolerance out of range"
    );
    ensure!((1..=100).contains(&o.quantum), "quantum out of range");
    Ok(Some(o))
}

pub fn main() -> ExitCode {
    match parse_args().and_then(|o| match o {
        Some(o) => run(&o),
        None => {
            println!("{USAGE}");
            Ok(())
        }
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn step(t: &Instant, what: &str) {
    println!("  [{:6.1} s] {what}", t.elapsed().as_secs_f64());
}

fn run(o: &Options) -> Result<()> {
    let t = Instant::now();
    let root = crate::workspace_root();
    let shared = o
        .shared
        .clone()
        .unwrap_or_else(|| root.join("../shared/data"));
    let input = shared.join(crate::sources::GIS_WARDS);
    let errata = crate::errata::Errata::load(&root.join("data/errata.tsv"))?;
    println!("dvhc geo: {}", input.display());
    let (wards, input_bytes, rounded, dropped) = read::read(&input, &errata)?;
    println!(
        "  {rounded} coordinates with more than 6 decimals rounded to 1e-6°; {dropped} rings collapsed by it dropped"
    );
    check_codes(&root, &wards)?;
    let raw_vertices: usize = wards
        .iter()
        .flat_map(|w| w.polygons.iter().flatten())
        .map(|r| r.len())
        .sum();
    step(
        &t,
        &format!(
            "read {} communes, {} polygons, {} rings, {raw_vertices} vertices ({input_bytes} bytes of GeoJSON)",
            wards.len(),
            wards.iter().map(|w| w.polygons.len()).sum::<usize>(),
            wards.iter().flat_map(|w| &w.polygons).map(Vec::len).sum::<usize>(),
        ),
    );
    let topo = topo::build(&wards);
    let arc_vertices: usize = topo.arcs.iter().map(Vec::len).sum();
    step(
        &t,
        &format!(
            "topology: {} unique points, {} junctions, {} arcs with {arc_vertices} vertices",
            topo.points.len(),
            topo.junctions,
            topo.arcs.len()
        ),
    );
    let raw = PolySet::new(
        wards
            .iter()
            .map(|w| (w.code, w.polygons.iter().flatten().cloned().collect()))
            .collect(),
    );
    let (land, draws) = sample::land_points(&raw, LAND_POINTS, LAND_SEED);
    let mut rng = sample::Rng::new(LAND_SEED ^ 5);
    let per_ward: Vec<Pt> = (0..raw.shapes.len())
        .flat_map(|i| {
            (0..PER_WARD)
                .filter_map(|_| sample::point_in(&raw, i, &mut rng, 10_000))
                .collect::<Vec<_>>()
        })
        .collect();
    let centres = read_centres(&root)?;
    let samples = Samples {
        land_raw: land.iter().map(|&p| raw.hits(p)).collect(),
        land,
        ward_raw: per_ward.iter().map(|&p| raw.hits(p)).collect(),
        per_ward,
        centres,
    };
    step(
        &t,
        &format!(
            "samples: {} land points ({draws} draws), {} points in wards",
            samples.land.len(),
            samples.per_ward.len()
        ),
    );

    let raw_arcs: Vec<Vec<Pt>> = topo
        .arcs
        .iter()
        .map(|a| a.iter().map(|&p| topo.points[p as usize]).collect())
        .collect();
    let raw_pairs = check::bad_arc_pairs(&raw_arcs, 2_000);
    let (raw_own, raw_between) = classify(&topo, &raw_pairs);
    step(
        &t,
        &format!(
            "raw data: bad arc pairs: {raw_own} within a commune, {raw_between} between communes"
        ),
    );

    // the trade-off table, in ACCURACY.md (or printed, for --sweep)
    let tolerances = if o.sweep.is_empty() {
        SWEEP.to_vec()
    } else {
        o.sweep.clone()
    };
    let mut sweep = String::from(
        "| tolerance | arc vertices | bytes | new contacts | land points agree (none / other) | 5 per commune agree (none / other) | centres in own |\n|---|---|---|---|---|---|---|\n",
    );
    for &tol in &tolerances {
        let b = build(&topo, tol, o.quantum)?;
        let m = measure(&raw, &b, &samples);
        let new = classify(&topo, &b.pairs.difference(&raw_pairs).copied().collect());
        let _ = writeln!(
            sweep,
            "| {tol} m | {} | {} | {} | {:.2} % ({} / {}) | {:.2} % ({} / {}) | {} |",
            b.vertices,
            b.bytes.len(),
            new.0 + new.1,
            m.land.pct(),
            m.land.none,
            m.land.other,
            m.ward.pct(),
            m.ward.none,
            m.ward.other,
            m.centres_simplified
        );
    }
    if !o.sweep.is_empty() {
        println!("\n{sweep}");
        step(&t, "sweep done");
        return Ok(());
    }
    step(&t, &format!("tolerance sweep {tolerances:?} done"));

    let b = build(&topo, o.tolerance, o.quantum)?;
    step(
        &t,
        &format!(
            "simplified at {} m: {} arc vertices, {} bytes; {} rings forced; bad arc pairs: {} within a commune, {} between communes",
            o.tolerance,
            b.vertices,
            b.bytes.len(),
            b.forced_rings,
            b.bad_own,
            b.bad_between
        ),
    );
    let new_pairs: BTreeSet<(u32, u32)> = b.pairs.difference(&raw_pairs).copied().collect();
    if std::env::var_os("GEO_DEBUG").is_some() {
        for &(x, y) in b.pairs.iter() {
            println!(
                "    pair {x} {y} (new: {}) owners {:?} {:?} at {:?} / {:?}",
                new_pairs.contains(&(x, y)),
                owners_of(&topo, x),
                owners_of(&topo, y),
                b.arcs[x as usize].first(),
                b.arcs[y as usize].first()
            );
        }
    }
    let (new_own, new_between) = classify(&topo, &new_pairs);
    println!("  new contacts: {new_own} within a commune, {new_between} between communes");
    ensure!(new_own == 0, "simplification made a commune invalid");
    let m = measure(&raw, &b, &samples);
    step(
        &t,
        &format!(
            "accuracy: land {} ; 5/ward {} ; centres inside own: raw {}, simplified {} of {}",
            m.land.cell(),
            m.ward.cell(),
            m.centres_raw,
            m.centres_simplified,
            samples.centres.len()
        ),
    );
    let interior = interior_points(&raw, &b.set, o.tolerance)?;
    step(&t, &format!("{} interior test points", interior.len()));

    let files = vec![
        ("geo/data/boundaries.bin".to_string(), b.bytes.clone()),
        (
            "geo/src/generated/meta.rs".to_string(),
            meta_rs(o, &b, &m).into_bytes(),
        ),
        (
            "geo/data/ACCURACY.md".to_string(),
            accuracy_md(
                o,
                &wards,
                raw_vertices,
                &topo,
                &b,
                &m,
                &samples,
                (raw_own, raw_between),
                &sweep,
            )
            .into_bytes(),
        ),
        (
            "geo/data/land_points.tsv".to_string(),
            land_tsv(&raw, &b.set, &samples).into_bytes(),
        ),
        (
            "geo/data/interior_points.tsv".to_string(),
            interior_tsv(&interior).into_bytes(),
        ),
    ];
    output(&root, &files, o.check)?;
    step(&t, "done");
    Ok(())
}

/// The ward codes must be exactly those of data/communes.tsv.
fn check_codes(root: &Path, wards: &[read::Ward]) -> Result<()> {
    let text = std::fs::read_to_string(root.join("data/communes.tsv"))?;
    let listed: BTreeSet<u32> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap_or("").parse())
        .collect::<Result<_, _>>()?;
    let have: BTreeSet<u32> = wards.iter().map(|w| w.code).collect();
    let missing: Vec<_> = listed.difference(&have).collect();
    let extra: Vec<_> = have.difference(&listed).collect();
    ensure!(
        missing.is_empty() && extra.is_empty(),
        "polygon codes differ from data/communes.tsv: missing {missing:?}, unknown {extra:?}"
    );
    println!("  {} codes, identical to data/communes.tsv", have.len());
    Ok(())
}

/// Centre points of data/geo.tsv (code, point).
fn read_centres(root: &Path) -> Result<Vec<(u32, Pt)>> {
    let text = std::fs::read_to_string(root.join("data/geo.tsv"))?;
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 || f[1].is_empty() || f[2].is_empty() {
            continue;
        }
        let lat: f64 = f[1].parse()?;
        let lon: f64 = f[2].parse()?;
        out.push((
            f[0].parse()?,
            [(lon * 1e6).round() as i32, (lat * 1e6).round() as i32],
        ));
    }
    Ok(out)
}

struct Samples {
    land: Vec<Pt>,
    land_raw: Vec<Vec<u32>>,
    per_ward: Vec<Pt>,
    ward_raw: Vec<Vec<u32>>,
    centres: Vec<(u32, Pt)>,
}

struct Built {
    /// Arcs in micro-degrees after quantisation.
    arcs: Vec<Vec<Pt>>,
    set: PolySet,
    bytes: Vec<u8>,
    vertices: usize,
    forced_rings: usize,
    bad_own: usize,
    bad_between: usize,
    pairs: BTreeSet<(u32, u32)>,
}

fn build(topo: &topo::Topology, tol: f64, quantum: u32) -> Result<Built> {
    let s = simplify::simplify(topo, tol);
    let q = f64::from(quantum);
    let arcs_q: Vec<Vec<Pt>> = s
        .arcs
        .iter()
        .map(|a| {
            let mut v: Vec<Pt> = Vec::with_capacity(a.len());
            for &p in a {
                let p = topo.points[p as usize];
                let p = [
                    (f64::from(p[0]) / q).round() as i32,
                    (f64::from(p[1]) / q).round() as i32,
                ];
                if v.last() != Some(&p) {
                    v.push(p);
                }
            }
            v
        })
        .collect();
    for (a, arc) in arcs_q.iter().enumerate() {
        let closed = topo.arcs[a].first() == topo.arcs[a].last();
        ensure!(
            arc.len() >= if closed { 4 } else { 2 },
            "arc {a} collapsed by quantisation"
        );
    }
    let arcs: Vec<Vec<Pt>> = arcs_q
        .iter()
        .map(|a| {
            a.iter()
                .map(|p| [p[0] * quantum as i32, p[1] * quantum as i32])
                .collect()
        })
        .collect();
    let pairs = check::bad_arc_pairs(&arcs, 10_000);
    let (bad_own, bad_between) = classify(topo, &pairs);
    let wards: Vec<(u32, Vec<Vec<Pt>>)> = topo
        .rings
        .iter()
        .zip(&topo.codes)
        .map(|(polys, &code)| {
            (
                code,
                polys
                    .iter()
                    .flatten()
                    .map(|r| ring_points(&arcs, r))
                    .collect(),
            )
        })
        .collect();
    let communes: Vec<(u32, Vec<Vec<Vec<u32>>>)> = topo
        .codes
        .iter()
        .zip(&topo.rings)
        .map(|(&c, r)| (c, r.clone()))
        .collect();
    let (grid, pieces) = index_pieces(topo, &arcs);
    let enc = encode::Encoded {
        communes,
        arcs: arcs_q,
        quantum,
        tol_dm: (tol * 10.0).round() as u32,
        grid,
        pieces,
    };
    let bytes = encode::encode(&enc);
    let back = encode::decode(&bytes)?;
    ensure!(
        back.arcs == enc.arcs
            && back.communes == enc.communes
            && back.grid == enc.grid
            && back.pieces == enc.pieces,
        "binary does not round-trip"
    );
    Ok(Built {
        vertices: arcs.iter().map(Vec::len).sum(),
        set: PolySet::new(wards),
        arcs,
        bytes,
        forced_rings: s.forced_rings,
        bad_own,
        bad_between,
        pairs,
    })
}

/// The runtime grid over the arcs (micro-degrees) and the pieces of every
/// arc that bounds some commune an odd number of times (the others toggle
/// nothing and are left out of the index).
fn index_pieces(topo: &topo::Topology, arcs: &[Vec<Pt>]) -> (grid::Grid, Vec<(u32, grid::Piece)>) {
    let mut uses = vec![std::collections::BTreeMap::<usize, u32>::new(); arcs.len()];
    for (w, polys) in topo.rings.iter().enumerate() {
        for &r in polys.iter().flatten().flatten() {
            *uses[(r >> 1) as usize].entry(w).or_default() += 1;
        }
    }
    let xy: Vec<Pt> = arcs.iter().flatten().copied().collect();
    let g = grid::Grid::over(&xy);
    let mut first = 0u32;
    let mut pieces = Vec::new();
    for (a, (arc, u)) in arcs.iter().zip(&uses).enumerate() {
        let last = first + arc.len() as u32 - 1;
        if u.values().any(|n| n % 2 == 1) {
            pieces.extend(
                grid::arc_pieces(&g, &xy, first, last)
                    .into_iter()
                    .map(|p| (a as u32, p)),
            );
        }
        first = last + 1;
    }
    pieces.sort_unstable_by_key(|(a, p)| (p.cell, *a, p.start));
    (g, pieces)
}

/// Closed ring from arc refs.
fn ring_points(arcs: &[Vec<Pt>], refs: &[u32]) -> Vec<Pt> {
    let mut v: Vec<Pt> = Vec::new();
    for &r in refs {
        let a = &arcs[(r >> 1) as usize];
        let mut push = |p: &Pt| {
            if v.last() != Some(p) {
                v.push(*p);
            }
        };
        if r & 1 == 1 {
            a.iter().rev().for_each(&mut push);
        } else {
            a.iter().for_each(&mut push);
        }
    }
    v
}

fn owners_of(topo: &topo::Topology, arc: u32) -> Vec<u32> {
    let mut v: Vec<u32> = topo
        .rings
        .iter()
        .enumerate()
        .filter(|(_, polys)| polys.iter().flatten().flatten().any(|&r| r >> 1 == arc))
        .map(|(w, _)| topo.codes[w])
        .collect();
    v.dedup();
    v
}

/// Splits bad arc pairs into (pairs whose arcs belong to a common commune,
/// pairs between different communes only).
fn classify(topo: &topo::Topology, pairs: &BTreeSet<(u32, u32)>) -> (usize, usize) {
    let mut owners: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); topo.arcs.len()];
    for (w, polys) in topo.rings.iter().enumerate() {
        for &r in polys.iter().flatten().flatten() {
            owners[(r >> 1) as usize].insert(w as u32);
        }
    }
    let own = pairs
        .iter()
        .filter(|(a, b)| !owners[*a as usize].is_disjoint(&owners[*b as usize]))
        .count();
    (own, pairs.len() - own)
}

#[derive(Default)]
struct Agreement {
    n: usize,
    same: usize,
    none: usize,
    several: usize,
    other: usize,
    raw_several: usize,
}

impl Agreement {
    fn add(&mut self, raw: &[u32], simple: &[u32]) {
        self.n += 1;
        if raw.len() > 1 {
            self.raw_several += 1;
        }
        if simple.len() > 1 {
            self.several += 1;
        }
        match (raw.first(), simple.first()) {
            (a, b) if a == b => self.same += 1,
            (_, None) => self.none += 1,
            _ => self.other += 1,
        }
    }
    fn pct(&self) -> f64 {
        100.0 * self.same as f64 / self.n as f64
    }
    fn cell(&self) -> String {
        format!(
            "{:.2} % ({} / {}; {} none, {} other)",
            self.pct(),
            self.same,
            self.n,
            self.none,
            self.other
        )
    }
}

struct Measured {
    land: Agreement,
    ward: Agreement,
    centres_raw: usize,
    centres_simplified: usize,
}

fn measure(raw: &PolySet, b: &Built, s: &Samples) -> Measured {
    let mut land = Agreement::default();
    for (p, r) in s.land.iter().zip(&s.land_raw) {
        land.add(r, &b.set.hits(*p));
    }
    let mut ward = Agreement::default();
    for (p, r) in s.per_ward.iter().zip(&s.ward_raw) {
        ward.add(r, &b.set.hits(*p));
    }
    let own = |set: &PolySet, code: u32, p: Pt| {
        set.hits(p)
            .iter()
            .any(|&i| set.shapes[i as usize].code == code)
    };
    Measured {
        land,
        ward,
        centres_raw: s.centres.iter().filter(|(c, p)| own(raw, *c, *p)).count(),
        centres_simplified: s
            .centres
            .iter()
            .filter(|(c, p)| own(&b.set, *c, *p))
            .count(),
    }
}

/// Up to `INTERIOR_PER_WARD` points per commune that lie inside its raw
/// polygon only, at least 2 × tolerance (≥ 20 m) from its raw border, and
/// that the simplified polygons also give to it alone.
fn interior_points(raw: &PolySet, simple: &PolySet, tol: f64) -> Result<Vec<(u32, Pt)>> {
    let min_d = (2.0 * tol).max(20.0);
    let mut out = Vec::new();
    let mut short = Vec::new();
    for i in 0..raw.shapes.len() {
        let code = raw.shapes[i].code;
        let mut rng = sample::Rng::new(u64::from(code) ^ 0x1234_5678);
        let mut got: Vec<Pt> = Vec::new();
        let mut best: Option<(f64, Pt)> = None;
        for _ in 0..400 {
            if got.len() == INTERIOR_PER_WARD {
                break;
            }
            let Some(p) = sample::point_in(raw, i, &mut rng, 200) else {
                continue;
            };
            let ok = raw.hits(p) == [i as u32] && simple.hits(p) == [i as u32];
            if !ok {
                continue;
            }
            let d = raw.border_dist_m(i, p);
            if d >= min_d {
                got.push(p);
            } else if best.is_none_or(|(bd, _)| d > bd) {
                best = Some((d, p));
            }
        }
        if got.is_empty() {
            match best {
                Some((_, p)) => got.push(p),
                None => bail!("no interior test point for commune {code:05}"),
            }
        }
        if got.len() < INTERIOR_PER_WARD {
            short.push(format!("{code:05} ({})", got.len()));
        }
        out.extend(got.into_iter().map(|p| (code, p)));
    }
    if !short.is_empty() {
        println!(
            "  fewer than {INTERIOR_PER_WARD} interior points far from the border: {}",
            short.join(", ")
        );
    }
    Ok(out)
}

fn deg(v: i32) -> String {
    let s = if v < 0 { "-" } else { "" };
    format!(
        "{s}{}.{:06}",
        v.unsigned_abs() / 1_000_000,
        v.unsigned_abs() % 1_000_000
    )
}

fn interior_tsv(pts: &[(u32, Pt)]) -> String {
    let mut s = String::from("code\tlat\tlon\n");
    for (c, p) in pts {
        let _ = writeln!(s, "{c:05}\t{}\t{}", deg(p[1]), deg(p[0]));
    }
    s
}

/// The random land points with the commune the full-resolution polygons and
/// the simplified ones give (lowest code among several; empty for none).
fn land_tsv(raw: &PolySet, simple: &PolySet, s: &Samples) -> String {
    let code = |set: &PolySet, hits: &[u32]| {
        hits.first().map_or(String::new(), |&i| {
            format!("{:05}", set.shapes[i as usize].code)
        })
    };
    let mut out = String::from("lat\tlon\tfull\tsimplified\n");
    for (p, r) in s.land.iter().zip(&s.land_raw) {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}",
            deg(p[1]),
            deg(p[0]),
            code(raw, r),
            code(simple, &simple.hits(*p))
        );
    }
    out
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn meta_rs(o: &Options, b: &Built, m: &Measured) -> String {
    format!(
        "// @generated by `cargo xtask geo` from the thanglequoc v4.2.0 GIS export. DO NOT EDIT.
// Regenerate with `cargo xtask geo`; CI runs `cargo xtask geo --check`.

/// Size of `data/boundaries.bin` in bytes.
pub(crate) const DATA_LEN: usize = {};
/// FNV-1a (64-bit) of `data/boundaries.bin`.
pub(crate) const DATA_FNV1A64: u64 = {:#018x};
/// Douglas-Peucker tolerance of the shared arcs, in metres.
pub(crate) const TOLERANCE_M: f64 = {:?};
/// Coordinates are stored on a grid of this many micro-degrees.
pub(crate) const QUANTUM_MICRODEG: u32 = {};
/// Arc vertices stored.
pub(crate) const VERTICES: usize = {};
/// Random land points (`data/land_points.tsv`) given the same commune as by
/// the full-resolution polygons.
pub(crate) const LAND_AGREE: usize = {};
/// Number of random land points.
pub(crate) const LAND_POINTS: usize = {};
",
        b.bytes.len(),
        fnv1a64(&b.bytes),
        o.tolerance,
        o.quantum,
        b.vertices,
        m.land.same,
        m.land.n,
    )
}

#[allow(clippy::too_many_arguments)]
fn accuracy_md(
    o: &Options,
    wards: &[read::Ward],
    raw_vertices: usize,
    topo: &topo::Topology,
    b: &Built,
    m: &Measured,
    s: &Samples,
    raw_bad: (usize, usize),
    sweep: &str,
) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "<!-- @generated by `cargo xtask geo`. DO NOT EDIT. -->
# dvhc-geo: boundary data and measured accuracy

Source: thanglequoc/vietnamese-provinces-database v4.2.0 GIS export of the
sapnhap.bando.com.vn commune layer (`wards.geojson.xz`, PROVENANCE §10), with
Ba Chẽ re-coded 06978 → 06970.

| | |
|---|---|
| communes | {} |
| full resolution | {raw_vertices} ring vertices |
| shared arcs | {} arcs, {} vertices (each border once) |
| simplification | topology-preserving Douglas-Peucker per arc, tolerance {} m |
| quantisation | {} × 1e-6° |
| stored | {} arc vertices, {} bytes (`boundaries.bin`) |
| rings needing forced vertices | {} |
| contacts between arcs (same commune / different communes) | full resolution {} / {}; simplified {} / {} |

## Agreement with the full-resolution polygons

A point *agrees* when the simplified polygons give the same commune as the
full-resolution ones (the lowest code where several contain it).

| sample | points | agree | no commune | other commune | >1 commune (full / simplified) |
|---|---|---|---|---|---|",
        wards.len(),
        topo.arcs.len(),
        topo.arcs.iter().map(Vec::len).sum::<usize>(),
        o.tolerance,
        o.quantum,
        b.vertices,
        b.bytes.len(),
        b.forced_rings,
        raw_bad.0,
        raw_bad.1,
        b.bad_own,
        b.bad_between,
    );
    for (name, a) in [
        (
            "uniform random land points (seeded; `land_points.tsv`)",
            &m.land,
        ),
        ("5 random points inside each commune", &m.ward),
    ] {
        let _ = writeln!(
            t,
            "| {name} | {} | {} ({:.2} %) | {} | {} | {} / {} |",
            a.n,
            a.same,
            a.pct(),
            a.none,
            a.other,
            a.raw_several,
            a.several
        );
    }
    let _ = writeln!(
        t,
        "\nCentre points of `data/geo.tsv` inside their own commune: {} of {} with the\nfull-resolution polygons, {} with the simplified ones.",
        m.centres_raw,
        s.centres.len(),
        m.centres_simplified
    );
    let _ = write!(
        t,
        "
## Tolerance trade-off

The same samples at other tolerances. *New contacts*: pairs of arcs that
touch or cross after simplification but did not before (0 means no new
gaps or double hits along borders; coinciding segments, where the two sides
of a sliver collapse onto one line, are not contacts).

{sweep}"
    );
    t
}

fn output(root: &Path, files: &[(String, Vec<u8>)], check: bool) -> Result<()> {
    let mut stale = Vec::new();
    for (rel, content) in files {
        let p = root.join(rel);
        let same = std::fs::read(&p).is_ok_and(|old| &old == content);
        if check {
            if !same {
                stale.push(rel.clone());
            }
            continue;
        }
        if !same {
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&p, content).with_context(|| format!("writing {}", p.display()))?;
        }
        println!(
            "  {} {rel} ({} bytes)",
            if same { "unchanged" } else { "wrote    " },
            content.len()
        );
    }
    if !stale.is_empty() {
        bail!(
            "generated files are out of date (run `cargo xtask geo`): {}",
            stale.join(", ")
        );
    }
    if check {
        println!("  {} files up to date", files.len());
    }
    Ok(())
}
