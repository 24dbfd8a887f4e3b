//! The JSON shapes the tool prints, built from the library's types.
//!
//! Conventions shared by every subcommand:
//! * a unit reference is `{"code", "name"}`: the code zero-padded to its level's width
//!   (2 province, 3 district, 5 commune), the name the full official name with its kind
//!   prefix (`"Phường Sài Gòn"`), exactly as officially written;
//! * names and kinds of current units are those in force on the date given with
//!   `--on`/`--era-out`, else those in force now (the newest law in the data); legacy
//!   units have one name (as of 30 June 2025);
//! * kinds are the library's ASCII ids (`phuong`, `xa`, `dac_khu`, `thi_tran`, `quan`,
//!   `huyen`, `thi_xa`, `thanh_pho`, `tinh`).

use dvhc::address::{Address, ParseError, Reading, Units};
use dvhc::search::{Era, Hit, Level, Unit, Via};
use dvhc::translate::{TranslateError, Translation};
use dvhc::{legacy, ChangeDetail, Commune, Date, FullName, Province, Share};
use serde::Serialize;

/// How names and kinds of current units are rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Names {
    /// Render what was in force on this day; `None` for now.
    pub on: Option<Date>,
}

/// The day current units are rendered for: `on`, but not before they existed.
fn from_reform(on: Option<Date>) -> Option<Date> {
    on.map(|d| d.max(Date::REFORM))
}

impl Names {
    /// The full name of a current province.
    pub fn province(self, p: &Province) -> String {
        self.province_name(p).to_string()
    }

    /// The full name of a current province, unformatted.
    pub fn province_name(self, p: &Province) -> FullName {
        from_reform(self.on)
            .and_then(|d| p.full_name_on(d))
            .unwrap_or_else(|| p.full_name())
    }

    /// The kind id of a current province.
    pub fn province_kind(self, p: &Province) -> &'static str {
        from_reform(self.on)
            .and_then(|d| p.kind_on(d))
            .unwrap_or(p.kind())
            .id()
    }

    /// The full name of a current commune.
    pub fn commune(self, c: &Commune) -> String {
        self.commune_name(c).to_string()
    }

    /// The full name of a current commune, unformatted.
    pub fn commune_name(self, c: &Commune) -> FullName {
        from_reform(self.on)
            .and_then(|d| c.full_name_on(d))
            .unwrap_or_else(|| c.full_name())
    }

    /// The kind id of a current commune.
    pub fn commune_kind(self, c: &Commune) -> &'static str {
        from_reform(self.on)
            .and_then(|d| c.kind_on(d))
            .unwrap_or(c.kind())
            .id()
    }

    /// The full name of a unit of either era.
    pub fn unit(self, u: Unit) -> String {
        match u {
            Unit::Province(p) => self.province(p),
            Unit::Commune(c) => self.commune(c),
            other => other.full_name().to_string(),
        }
    }

    /// The kind id of a unit of either era.
    pub fn unit_kind(self, u: Unit) -> &'static str {
        match u {
            Unit::Province(p) => self.province_kind(p),
            Unit::Commune(c) => self.commune_kind(c),
            Unit::LegacyProvince(p) => p.kind().id(),
            Unit::LegacyDistrict(d) => d.kind().id(),
            Unit::LegacyCommune(c) => c.kind().id(),
            // `Unit` is non-exhaustive; a future variant still gets a full name.
            _ => "unknown",
        }
    }
}

/// A unit reference: `{"code", "name"}`.
#[derive(Debug, Clone, Serialize)]
pub struct Ref {
    /// Zero-padded official code.
    pub code: String,
    /// Full official name with its kind prefix.
    pub name: String,
}

impl Ref {
    /// A reference to a unit of either era.
    pub fn of(u: Unit, names: Names) -> Ref {
        Ref {
            code: u.code(),
            name: names.unit(u),
        }
    }
}

/// `"current"` or `"legacy"`.
pub fn era_id(era: Era) -> &'static str {
    match era {
        Era::Current => "current",
        Era::Legacy => "legacy",
    }
}

/// `"province"`, `"district"` or `"commune"`.
pub fn level_id(level: Level) -> &'static str {
    match level {
        Level::Province => "province",
        Level::District => "district",
        Level::Commune => "commune",
    }
}

/// `{"kind", "message"}` of a per-input error.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorOut {
    /// A stable ASCII id: `empty`, `too_long`, `not_found`, `bad_coordinates`,
    /// `invalid_utf8`, `missing_column`, `bad_input`; for `dvhc csv` rows that could not
    /// be read, `record_too_large`, `unclosed_quote`, `bad_json`.
    pub kind: &'static str,
    /// A sentence for people.
    pub message: String,
}

impl ErrorOut {
    /// The error of a failed parse.
    pub fn parse(e: &ParseError) -> ErrorOut {
        let kind = match e {
            ParseError::Empty => "empty",
            ParseError::TooLong { .. } => "too_long",
            ParseError::NotFound => "not_found",
            _ => "parse",
        };
        ErrorOut {
            kind,
            message: e.to_string(),
        }
    }

    /// The error of a failed translation.
    pub fn translate(e: &TranslateError) -> ErrorOut {
        match e {
            TranslateError::Parse(p) => ErrorOut::parse(p),
            TranslateError::BadCoordinates => ErrorOut {
                kind: "bad_coordinates",
                message: e.to_string(),
            },
            _ => ErrorOut {
                kind: "translate",
                message: e.to_string(),
            },
        }
    }

    /// An input line that is not valid UTF-8.
    pub fn invalid_utf8() -> ErrorOut {
        ErrorOut {
            kind: "invalid_utf8",
            message: "the input is not valid UTF-8".to_owned(),
        }
    }

    /// An input line longer than the tool reads.
    pub fn line_too_long(max: usize) -> ErrorOut {
        ErrorOut {
            kind: "too_long",
            message: format!("the line is longer than {max} bytes; only its start was kept"),
        }
    }
}

/// The legacy units an address names (`translate`'s `legacy`).
#[derive(Debug, Clone, Serialize)]
pub struct LegacyOut {
    /// The old province.
    pub province: Ref,
    /// The old district, when written or inferred from the commune.
    pub district: Option<Ref>,
    /// The old commune, when written.
    pub commune: Option<Ref>,
}

/// One candidate new unit (`translate`'s `candidates`).
#[derive(Debug, Clone, Serialize)]
pub struct CandidateOut {
    /// The new province.
    pub province: Ref,
    /// The new commune, when the input went below province level.
    pub commune: Option<Ref>,
    /// `"whole"` or `"partial"`.
    pub share: &'static str,
    /// Distance from the given point to the candidate's centre, in km (rounded to
    /// metres), when coordinates were given and the old commune was split.
    pub distance_km: Option<f64>,
}

/// One line of `dvhc translate`.
#[derive(Debug, Clone, Serialize)]
pub struct TranslateOut<'a> {
    /// The input line, verbatim.
    pub input: &'a str,
    /// `ok`, `ambiguous` or `error`.
    pub status: &'static str,
    /// The structure the input is written in.
    pub structure: Option<&'static str>,
    /// The old units, for an input in the pre-2025 structure.
    pub legacy: Option<LegacyOut>,
    /// The street part, verbatim.
    pub rest: &'a str,
    /// Every new unit the address may now be in, best first.
    pub candidates: Vec<CandidateOut>,
    /// The new address in official form, when it resolves to one unit.
    pub formatted: Option<String>,
    /// Why nothing resolved.
    pub error: Option<ErrorOut>,
    /// The commune was written under a name it absorbed before 2025 (text output only;
    /// the JSON keys are fixed).
    #[serde(skip)]
    pub via_historical: bool,
}

/// `ok` when the translation resolves to one unit, `ambiguous` when several
/// candidates remain, `error` when none does.
pub fn translation_status(t: &Translation<'_>) -> &'static str {
    if t.resolved().is_some() {
        "ok"
    } else if t.candidates().is_empty() {
        "error"
    } else {
        "ambiguous"
    }
}

fn share_id(s: Share) -> &'static str {
    s.id()
}

impl<'a> TranslateOut<'a> {
    /// The line for `input` and its translation.
    pub fn new(
        input: &'a str,
        result: &Result<Translation<'a>, TranslateError>,
        names: Names,
    ) -> TranslateOut<'a> {
        let t = match result {
            Ok(t) => t,
            Err(e) => return TranslateOut::error(input, ErrorOut::translate(e)),
        };
        let legacy = t.legacy().map(|l| LegacyOut {
            province: Ref::of(Unit::LegacyProvince(l.province()), names),
            district: l
                .district()
                .map(|d| Ref::of(Unit::LegacyDistrict(d), names)),
            commune: l.commune().map(|c| Ref::of(Unit::LegacyCommune(c), names)),
        });
        let candidates = t
            .candidates()
            .iter()
            .map(|c| CandidateOut {
                province: Ref::of(Unit::Province(c.province()), names),
                commune: c.commune().map(|m| Ref::of(Unit::Commune(m), names)),
                share: share_id(c.share()),
                distance_km: c.distance_km().map(|d| (d * 1000.0).round() / 1000.0),
            })
            .collect();
        let status = translation_status(t);
        TranslateOut {
            input,
            status,
            structure: Some(era_id(t.structure())),
            legacy,
            rest: t.rest(),
            candidates,
            formatted: t.formatted(),
            error: (status == "error").then(|| ErrorOut {
                kind: "not_found",
                message: "no new unit corresponds to the address".to_owned(),
            }),
            via_historical: t.via() == Via::Historical,
        }
    }

    /// The line for an input that could not be translated.
    pub fn error(input: &'a str, error: ErrorOut) -> TranslateOut<'a> {
        TranslateOut {
            input,
            status: "error",
            structure: None,
            legacy: None,
            rest: "",
            candidates: Vec::new(),
            formatted: None,
            error: Some(error),
            via_historical: false,
        }
    }
}

/// The units of one reading (`parse`'s `units`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct UnitsOut {
    /// The province.
    pub province: Option<Ref>,
    /// The district (pre-2025 structure only).
    pub district: Option<Ref>,
    /// The commune.
    pub commune: Option<Ref>,
}

impl UnitsOut {
    fn of(r: &Reading<'_>, names: Names) -> UnitsOut {
        match r.units() {
            Units::Legacy(l) => UnitsOut {
                province: Some(Ref::of(Unit::LegacyProvince(l.province()), names)),
                district: l
                    .district()
                    .map(|d| Ref::of(Unit::LegacyDistrict(d), names)),
                commune: l.commune().map(|c| Ref::of(Unit::LegacyCommune(c), names)),
            },
            Units::Current(c) => UnitsOut {
                province: Some(Ref::of(Unit::Province(c.province()), names)),
                district: None,
                commune: c.commune().map(|m| Ref::of(Unit::Commune(m), names)),
            },
            // `Units` is non-exhaustive: a future structure prints no units.
            _ => UnitsOut::default(),
        }
    }
}

/// Another reading of an ambiguous address (`parse`'s `alternatives`).
#[derive(Debug, Clone, Serialize)]
pub struct ReadingOut {
    /// The structure of this reading.
    pub structure: &'static str,
    /// Its units.
    pub units: UnitsOut,
}

/// One line of `dvhc parse`.
#[derive(Debug, Clone, Serialize)]
pub struct ParseOut<'a> {
    /// The input line, verbatim.
    pub input: &'a str,
    /// `ok`, `ambiguous` or `error`.
    pub status: &'static str,
    /// The structure of the best reading.
    pub structure: Option<&'static str>,
    /// The best reading's units.
    pub units: UnitsOut,
    /// The other readings, when ambiguous.
    pub alternatives: Vec<ReadingOut>,
    /// The street part of the best reading, verbatim.
    pub rest: &'a str,
    /// Why nothing was recognised.
    pub error: Option<ErrorOut>,
}

impl<'a> ParseOut<'a> {
    /// The line for `input` and its parse.
    pub fn new(
        input: &'a str,
        result: &Result<Address<'a>, ParseError>,
        names: Names,
    ) -> ParseOut<'a> {
        let a = match result {
            Ok(a) => a,
            Err(e) => return ParseOut::error(input, ErrorOut::parse(e)),
        };
        let best = a.reading();
        let alternatives = if a.is_ambiguous() {
            a.readings()[1..]
                .iter()
                .map(|r| ReadingOut {
                    structure: era_id(r.era()),
                    units: UnitsOut::of(r, names),
                })
                .collect()
        } else {
            Vec::new()
        };
        ParseOut {
            input,
            status: if a.is_ambiguous() { "ambiguous" } else { "ok" },
            structure: Some(era_id(best.era())),
            units: UnitsOut::of(best, names),
            alternatives,
            rest: best.rest(),
            error: None,
        }
    }

    /// The line for an input that could not be parsed.
    pub fn error(input: &'a str, error: ErrorOut) -> ParseOut<'a> {
        ParseOut {
            input,
            status: "error",
            structure: None,
            units: UnitsOut::default(),
            alternatives: Vec::new(),
            rest: "",
            error: Some(error),
        }
    }
}

/// The province a unit is in (itself for a province).
fn province_of(u: Unit) -> Option<Unit> {
    match u {
        Unit::Province(_) | Unit::LegacyProvince(_) => Some(u),
        Unit::Commune(c) => Some(Unit::Province(c.province())),
        Unit::LegacyDistrict(d) => Some(Unit::LegacyProvince(d.province())),
        Unit::LegacyCommune(c) => Some(Unit::LegacyProvince(c.province())),
        _ => None,
    }
}

/// The legacy district a unit is in (itself for a district).
fn district_of(u: Unit) -> Option<Unit> {
    match u {
        Unit::LegacyDistrict(_) => Some(u),
        Unit::LegacyCommune(c) => Some(Unit::LegacyDistrict(c.district())),
        _ => None,
    }
}

/// One line of `dvhc search`.
#[derive(Debug, Clone, Serialize)]
pub struct HitOut {
    /// Zero-padded official code.
    pub code: String,
    /// Full official name.
    pub name: String,
    /// Kind id.
    pub kind: &'static str,
    /// `province`, `district` or `commune`.
    pub level: &'static str,
    /// `current` or `legacy`.
    pub era: &'static str,
    /// The province the unit is in (itself for a province).
    pub province: Ref,
    /// The legacy district the unit is in (itself for a district); null for
    /// provinces and current units.
    pub district: Option<Ref>,
    /// 0 to 1000, higher is better.
    pub score: u32,
}

impl HitOut {
    /// The line for one search hit.
    pub fn new(h: &Hit, names: Names) -> HitOut {
        let u = h.unit();
        HitOut {
            code: u.code(),
            name: names.unit(u),
            kind: names.unit_kind(u),
            level: level_id(u.level()),
            era: era_id(u.era()),
            province: Ref::of(province_of(u).unwrap_or(u), names),
            district: district_of(u).map(|d| Ref::of(d, names)),
            score: h.score(),
        }
    }
}

/// A unit a legacy unit went into (`get`'s `successors`).
#[derive(Debug, Clone, Serialize)]
pub struct SuccessorOut {
    /// Zero-padded code of the current unit.
    pub code: String,
    /// Its full name.
    pub name: String,
    /// Whether all of the legacy unit went there (`whole`) or part of it (`partial`).
    pub share: &'static str,
}

/// A legacy unit a current unit was formed from (`get`'s `predecessors`).
#[derive(Debug, Clone, Serialize)]
pub struct PredecessorOut {
    /// Zero-padded code of the legacy unit.
    pub code: String,
    /// Its full name.
    pub name: String,
    /// Whether all of the legacy unit came here (`whole`) or part of it (`partial`).
    pub share: &'static str,
    /// The legacy district of a legacy commune.
    pub district: Option<Ref>,
}

/// Centre, area and population of a current commune.
#[derive(Debug, Clone, Serialize)]
pub struct GeoOut {
    /// Latitude of the centre (WGS 84).
    pub lat: Option<f64>,
    /// Longitude of the centre (WGS 84).
    pub lon: Option<f64>,
    /// Area in km².
    pub area_km2: Option<f64>,
    /// Population.
    pub population: Option<u32>,
}

/// A change of kind after 1 July 2025.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeOut {
    /// The day it took effect.
    pub date: String,
    /// The kind before.
    pub kind_before: &'static str,
    /// The kind from that day on.
    pub kind_after: &'static str,
    /// The resolution that made it.
    pub legal_basis: &'static str,
}

/// The output of `dvhc get`.
#[derive(Debug, Clone, Serialize)]
pub struct UnitOut {
    /// Zero-padded official code.
    pub code: String,
    /// Full official name (in force on `on`, for a current unit).
    pub name: String,
    /// Kind id (in force on `on`, for a current unit).
    pub kind: &'static str,
    /// `province`, `district` or `commune`.
    pub level: &'static str,
    /// `current` or `legacy`.
    pub era: &'static str,
    /// The province the unit is in; null for a province.
    pub province: Option<Ref>,
    /// The legacy district a legacy commune was in.
    pub district: Option<Ref>,
    /// For a legacy unit: the current units it went into.
    pub successors: Vec<SuccessorOut>,
    /// For a current unit: the legacy units it was formed from.
    pub predecessors: Vec<PredecessorOut>,
    /// The name without its kind prefix.
    pub short_name: &'static str,
    /// The date names were rendered for (`--on`); null for now.
    pub on: Option<String>,
    /// The resolution that formed a current unit.
    pub resolution: Option<&'static str>,
    /// Centre, area and population of a current commune.
    pub geo: Option<GeoOut>,
    /// Changes of kind since 1 July 2025 (current units).
    pub changes: Vec<ChangeOut>,
}

impl UnitOut {
    /// The description of one unit.
    pub fn new(u: Unit, names: Names) -> UnitOut {
        let mut out = UnitOut {
            code: u.code(),
            name: names.unit(u),
            kind: names.unit_kind(u),
            level: level_id(u.level()),
            era: era_id(u.era()),
            province: None,
            district: None,
            successors: Vec::new(),
            predecessors: Vec::new(),
            short_name: u.name(),
            on: names.on.map(|d| d.to_string()),
            resolution: None,
            geo: None,
            changes: Vec::new(),
        };
        let succ = |c: &Commune, share: Share| SuccessorOut {
            code: c.code().to_string(),
            name: names.commune(c),
            share: share.id(),
        };
        match u {
            Unit::Province(p) => {
                out.resolution = Some(p.resolution());
                out.predecessors = p
                    .predecessors()
                    .map(|old| PredecessorOut {
                        code: old.code().to_string(),
                        name: old.full_name().to_string(),
                        // Every legacy province went whole into one current province.
                        share: Share::Whole.id(),
                        district: None,
                    })
                    .collect();
                out.changes = changes_of(|d| match d {
                    ChangeDetail::ProvinceKind {
                        code,
                        before,
                        after,
                    } if code == p.code() => Some((before.id(), after.id())),
                    _ => None,
                });
            }
            Unit::Commune(c) => {
                out.province = Some(Ref::of(Unit::Province(c.province()), names));
                out.resolution = Some(c.resolution());
                let g = c.geo();
                out.geo = Some(GeoOut {
                    lat: g.centroid().map(|(lat, _)| lat),
                    lon: g.centroid().map(|(_, lon)| lon),
                    area_km2: g.area_km2(),
                    population: g.population(),
                });
                out.predecessors = c
                    .predecessors()
                    .map(|(old, share)| PredecessorOut {
                        code: old.code().to_string(),
                        name: old.full_name().to_string(),
                        share: share.id(),
                        district: Some(Ref::of(Unit::LegacyDistrict(old.district()), names)),
                    })
                    .collect();
                // The 5 đặc khu formed from a whole island district without communes.
                if let Some(d) = c.island_district() {
                    out.predecessors.push(PredecessorOut {
                        code: d.code().to_string(),
                        name: d.full_name().to_string(),
                        share: Share::Whole.id(),
                        district: None,
                    });
                }
                out.changes = changes_of(|d| match d {
                    ChangeDetail::CommuneKind {
                        code,
                        before,
                        after,
                    } if code == c.code() => Some((before.id(), after.id())),
                    _ => None,
                });
            }
            Unit::LegacyProvince(p) => {
                let new = p.successor();
                out.successors = vec![SuccessorOut {
                    code: new.code().to_string(),
                    name: names.province(new),
                    share: Share::Whole.id(),
                }];
            }
            Unit::LegacyDistrict(d) => {
                out.province = Some(Ref::of(Unit::LegacyProvince(d.province()), names));
                out.successors = district_successors(d)
                    .into_iter()
                    .map(|(c, s)| succ(c, s))
                    .collect();
            }
            Unit::LegacyCommune(c) => {
                out.province = Some(Ref::of(Unit::LegacyProvince(c.province()), names));
                out.district = Some(Ref::of(Unit::LegacyDistrict(c.district()), names));
                out.successors = c.successors().map(|(n, s)| succ(n, s)).collect();
            }
            _ => {}
        }
        out
    }
}

/// The current communes a legacy district's communes went into, sorted by code; each
/// whole only when the district went entirely into one commune.
fn district_successors(d: &'static legacy::District) -> Vec<(&'static Commune, Share)> {
    if let Some(zone) = d.island_successor() {
        return vec![(zone, Share::Whole)];
    }
    let mut out: Vec<&'static Commune> = Vec::new();
    for c in d.communes() {
        for (n, _) in c.successors() {
            if !out.iter().any(|x| std::ptr::eq(*x, n)) {
                out.push(n);
            }
        }
    }
    out.sort_by_key(|c| c.code());
    let share = if out.len() == 1 {
        Share::Whole
    } else {
        Share::Partial
    };
    out.into_iter().map(|c| (c, share)).collect()
}

fn changes_of(
    pick: impl Fn(ChangeDetail) -> Option<(&'static str, &'static str)>,
) -> Vec<ChangeOut> {
    dvhc::changes()
        .iter()
        .filter_map(|ch| {
            pick(ch.detail()).map(|(before, after)| ChangeOut {
                date: ch.date().to_string(),
                kind_before: before,
                kind_after: after,
                legal_basis: ch.legal_basis(),
            })
        })
        .collect()
}
