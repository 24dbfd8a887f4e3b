//! `cargo xtask import [--check] [--shared DIR]`: rebuilds the tables under
//! `data/` from the raw public datasets, cross-checking every source, then the
//! generated Rust tables from them (`codegen`).
//!
//! `cargo xtask codegen [--check]`: generates `src/tables/generated/` from `data/`.

mod build;
mod checks;
mod codegen;
mod errata;
mod expected;
mod model;
mod output;
mod sources;
mod sql;
mod table;
mod text;
// `cargo xtask geo`: boundary polygons for the dvhc-geo crate (geo/)
#[path = "geo/mod.rs"]
mod boundaries;

use anyhow::{bail, Context, Result};
use build::{aliases, area_codes, changes, current, geo, legacy, mapping, postal};
use output::{render, OutFile};
use sources::{Shared, *};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask import [--check] [--shared DIR]
       cargo xtask codegen [--check]

  import     read ../shared/data, cross-check, write data/*.tsv, then run codegen
  codegen    generate src/tables/generated/*.rs from data/*.tsv
  geo        boundary polygons for dvhc-geo (see `cargo xtask geo --help`)
  --check    write nothing; fail if any generated file would differ
  --shared   folder with the raw datasets (default: <workspace>/../shared/data)";

struct Options {
    check: bool,
    shared: Option<PathBuf>,
}

fn parse_args() -> Result<Option<Options>> {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("import") => {}
        Some("-h" | "--help" | "help") | None => return Ok(None),
        Some(other) => bail!("unknown command {other:?}\n\n{USAGE}"),
    }
    let mut opts = Options {
        check: false,
        shared: None,
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => opts.check = true,
            "--shared" => {
                opts.shared = Some(args.next().context("--shared needs a directory")?.into())
            }
            other => bail!("unknown option {other:?}\n\n{USAGE}"),
        }
    }
    Ok(Some(opts))
}

fn workspace_root() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).to_path_buf()
}

fn section(title: &str) {
    println!("\n== {title}");
}

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("geo") => return boundaries::main(),
        Some("codegen") => return run_codegen(),
        _ => {}
    }
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

struct Tables {
    current: current::Current,
    changes: Vec<model::Change>,
    now: changes::State,
    legacy: legacy::Legacy,
    mapping: mapping::Mapping,
    geo: std::collections::BTreeMap<String, geo::GeoRow>,
    aliases: aliases::Aliases,
    postal: postal::Postal,
}

fn run(opts: &Options) -> Result<()> {
    let root = workspace_root();
    let shared_dir = opts
        .shared
        .clone()
        .unwrap_or_else(|| root.join("../shared/data"));
    let shared = Shared::new(&shared_dir)?;
    let errata = errata::Errata::load(&root.join("data/errata.tsv"))?;
    println!(
        "dvhc import: shared data {}, {} errata {:?}",
        shared_dir.display(),
        errata.len(),
        errata.count_by_source()
    );
    let tables = build_all(&shared, &errata, &root)?;
    errata.ensure_all_used()?;
    println!("  every erratum matched the raw data and was applied");
    let files = render_all(&tables)?;
    section("output");
    if opts.check {
        let stale = output::check(&root, &files);
        if !stale.is_empty() {
            bail!(
                "generated files are out of date (run `cargo xtask import`): {}",
                stale.join(", ")
            );
        }
        println!("  {} files up to date", files.len());
    } else {
        output::write(&root, &files)?;
        // The Rust tables follow the data.
        section("codegen");
        codegen_files(&root, false)?;
    }
    Ok(())
}

/// `cargo xtask codegen [--check]`.
fn run_codegen() -> ExitCode {
    let mut check = false;
    for a in std::env::args().skip(2) {
        match a.as_str() {
            "--check" => check = true,
            other => {
                eprintln!("error: unknown option {other:?}\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    match codegen_files(&workspace_root(), check) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Generates the Rust tables from `data/`; with `check`, writes nothing and fails
/// when a checked-in file differs.
fn codegen_files(root: &Path, check: bool) -> Result<()> {
    let files = codegen::generate(root);
    if check {
        let stale = codegen::stale(root, &files);
        if !stale.is_empty() {
            bail!(
                "{} is out of date (run `cargo xtask codegen`): {}",
                codegen::DIR,
                stale.join(", ")
            );
        }
        println!("  {} files up to date", files.len());
    } else {
        let written =
            codegen::write(root, &files).with_context(|| format!("writing {}", codegen::DIR))?;
        println!(
            "  {} files, {} written: {}",
            files.len(),
            written.len(),
            written.join(", ")
        );
    }
    Ok(())
}

fn build_all(shared: &Shared, errata: &errata::Errata, root: &Path) -> Result<Tables> {
    // the 163 MB GIS export takes about a second to decompress: read it meanwhile
    let gis_path = shared.path(GIS_WARDS);
    let gis = std::thread::spawn(move || gis::read(&gis_path));
    section("new list, 2025-07-01 (CAS)");
    let cas = cas::read(&shared.path(CAS))?;
    current::check_raw_quality(&cas)?;
    let cur = current::build(&cas)?;
    checks::new_list::check_counts(&cur)?;
    let nd = nested::read(&shared.path(NESTED))?;
    checks::new_list::check_nested(&cur, &nd)?;
    let mut tlq302 = thanglequoc::TlqDb::read(&shared.path(TLQ_V302), "thanglequoc v3.0.2")?;
    checks::new_list::check_tlq302(&cur, &mut tlq302, errata)?;
    checks::new_list::check_915(&cur, &dvhcvn::read_915(&shared.path(DVHCVN_915))?)?;
    checks::new_list::check_bando_provinces(
        &cur,
        &bando::read_provinces(&shared.path(BANDO_PROVINCE))?,
    )?;

    section("amendments after 2025-07-01");
    let vak = vak::read(&shared.path(VAK))?;
    println!("  vietnam-address-kit amendments as of {}", vak.as_of);
    let changes = changes::build(&cur, &vak)?;
    checks::amendments::check_changes(&cur, &changes)?;
    checks::amendments::check_nghidinh(&cur, &changes, &nghidinh::read(&shared.path(NGHIDINH))?)?;
    let dva_p = django::read_provinces(&shared.path(DVA_PROVINCES))?;
    let (dva_c, files) = django::read_communes(&shared.path(DVA_COMMUNES_DIR))?;
    checks::amendments::check_django(&cur, &changes, &dva_p, &dva_c, files)?;
    let mut tlq_now = thanglequoc::TlqDb::read(&shared.path(TLQ_V420), "thanglequoc v4.2.0")?;
    let patches: Vec<PathBuf> = TLQ_PATCHES.iter().map(|p| shared.path(p)).collect();
    checks::amendments::check_tlq_patches(&cur, &changes, &mut tlq_now, &patches)?;
    let now = changes::state_at(&cur, &changes, checks::amendments::NOW)?;

    section("old list, 2025-06-30 (GSO)");
    let gso_wards = gso::read_wards(&shared.path(GSO_WARD))?;
    let gso_districts = gso::read_districts(&shared.path(GSO_DISTRICT))?;
    let legacy = legacy::build(&gso_wards, &gso_districts, errata)?;
    checks::legacy::check_counts(&legacy, &gso_wards)?;
    let tlq241 = thanglequoc::TlqDb::read(&shared.path(TLQ_V241), "thanglequoc v2.4.1")?;
    checks::legacy::check_tlq241(&legacy, &tlq241)?;

    section("old → new mapping (NSO conversion table)");
    let mut conv = conversion::read(&shared.path(CONVERSION))?;
    checks::conversion::check_and_fix(&cur, &legacy, &mut conv, errata)?;
    let mapping = mapping::build(&conv.rows, &cur, &legacy)?;
    mapping::check(&mapping, &cur, &legacy)?;
    let provinces = checks::mapping::province_mapping(&mapping, &cur, &legacy)?;
    checks::mapping::spot_checks(&mapping, &cur, &legacy)?;
    let mut merges = dvhcvn::read_merges(&shared.path(DVHCVN_MERGES))?;
    checks::mapping::check_merges(&cur, &mapping, &provinces, &mut merges, &legacy, errata)?;
    let (links, districts, rows) = vau::read_convert(&shared.path(VAU_CONVERT))?;
    checks::mapping::check_convert(&mapping, &links, &districts, rows)?;

    section("geography (bando via vietnamadminunits)");
    let mut locs = vau::read_locations(&shared.path(VAU_LOCATION))?;
    let mut bando_wards = bando::read_wards(&shared.path(BANDO_WARD))?;
    let gis = gis
        .join()
        .map_err(|_| anyhow::anyhow!("GIS reader thread panicked"))??;
    let geo = geo::build(&cur, &mut locs, &mut bando_wards, &gis, errata)?;

    section("aliases");
    let alias_rows = vau::read_aliases(&shared.path(VAU_ALIAS))?;
    let inputs = aliases::Inputs {
        conversion: &conv.rows,
        tlq241: &tlq241,
        tlq302: &tlq302,
        tlq_now: &tlq_now,
        alias_ward: &alias_rows,
    };
    let aliases = aliases::build(&cur, &legacy, &inputs)?;

    section("postal codes, English names, codenames, area codes");
    let mut tlq5 = thanglequoc::TlqDb::read(&shared.path(TLQ_V5), "thanglequoc v5")?;
    let postal = postal::build(&cur, &mut tlq5, errata)?;
    checks::english::check(&checks::english::Inputs {
        cur: &cur,
        legacy: &legacy,
        cas: &cas,
        gso_wards: &gso_wards,
        gso_districts: &gso_districts,
        tlq241: &tlq241,
        tlq5: &tlq5,
        nested: &nd,
    })?;
    area_codes::check(root, &cur, &legacy, &nd)?;

    Ok(Tables {
        current: cur,
        changes,
        now,
        legacy,
        mapping,
        geo,
        aliases,
        postal,
    })
}

fn s(x: &str) -> String {
    x.to_string()
}

fn render_all(t: &Tables) -> Result<Vec<OutFile>> {
    let cur = &t.current;
    let provinces = cur
        .provinces
        .values()
        .map(|p| {
            let kind = t.now.provinces.get(&p.code).copied().unwrap_or(p.kind);
            vec![s(&p.code), s(&p.name), s(kind.id())]
        })
        .collect();
    let communes = cur
        .communes
        .values()
        .map(|c| {
            let kind = t.now.communes.get(&c.code).copied().unwrap_or(c.kind);
            vec![
                s(&c.code),
                s(&c.province),
                s(&c.name),
                s(kind.id()),
                s(&c.resolution),
            ]
        })
        .collect();
    let changes = t
        .changes
        .iter()
        .map(|c| {
            vec![
                s(&c.date),
                s(c.level.id()),
                s(&c.code),
                s("kind"),
                s(&c.before),
                s(&c.after),
                s(&c.legal_basis),
            ]
        })
        .collect();
    let l = &t.legacy;
    let lp = l
        .provinces
        .values()
        .map(|p| vec![s(&p.code), s(&p.name), s(p.kind.id())])
        .collect();
    let ld = l
        .districts
        .values()
        .map(|d| vec![s(&d.code), s(&d.province), s(&d.name), s(d.kind.id())])
        .collect();
    let lc = l
        .communes
        .values()
        .map(|c| vec![s(&c.code), s(&c.district), s(&c.name), s(c.kind.id())])
        .collect();
    let mapping = t
        .mapping
        .pairs
        .iter()
        .map(|((o, n), share)| vec![s(o), s(n), s(share.id())])
        .collect();
    let md = t
        .mapping
        .districts
        .iter()
        .map(|(d, n)| vec![s(d), s(n)])
        .collect();
    let geo = t
        .geo
        .iter()
        .map(|(code, g)| vec![s(code), s(&g.lat), s(&g.lon), s(&g.area), s(&g.population)])
        .collect();
    let aliases = t
        .aliases
        .rows
        .iter()
        .map(|((level, code, alias), (kind, source))| {
            vec![s(level), s(code), s(alias), s(kind), s(source)]
        })
        .collect();
    let postal_codes = t
        .postal
        .communes
        .iter()
        .map(|(code, postal)| vec![s(code), s(postal)])
        .collect();
    let postal_prefixes = t
        .postal
        .prefixes
        .iter()
        .map(|(province, prefix)| vec![s(province), s(prefix)])
        .collect();
    Ok(vec![
        render("data/provinces.tsv", &["code", "name", "kind"], provinces)?,
        render(
            "data/communes.tsv",
            &["code", "province", "name", "kind", "resolution"],
            communes,
        )?,
        render(
            "data/changes.tsv",
            &[
                "date",
                "level",
                "code",
                "field",
                "before",
                "after",
                "legal_basis",
            ],
            changes,
        )?,
        render("data/legacy/provinces.tsv", &["code", "name", "kind"], lp)?,
        render(
            "data/legacy/districts.tsv",
            &["code", "province", "name", "kind"],
            ld,
        )?,
        render(
            "data/legacy/communes.tsv",
            &["code", "district", "name", "kind"],
            lc,
        )?,
        render(
            "data/mapping.tsv",
            &["legacy_commune", "commune", "share"],
            mapping,
        )?,
        render(
            "data/mapping_districts.tsv",
            &["legacy_district", "commune"],
            md,
        )?,
        render(
            "data/geo.tsv",
            &["code", "lat", "lon", "area_km2", "population"],
            geo,
        )?,
        render(
            "data/aliases.tsv",
            &["level", "code", "alias", "kind", "source"],
            aliases,
        )?,
        render(
            "data/postal_codes.tsv",
            &["code", "postal_code"],
            postal_codes,
        )?,
        render(
            "data/postal_prefixes.tsv",
            &["province", "prefix"],
            postal_prefixes,
        )?,
    ])
}
