//! Translation above the commune (every old province and district), of addresses
//! already in the current structure (every current commune), the reverse direction
//! (every current commune back to its old forms), historical names (every
//! `historical` alias), split communes ranked by coordinates (every split commune) and
//! rendering on a date (every 2026 change). Expectations come from the data tables.

use std::collections::{BTreeMap, BTreeSet};

use dvhc::search::{Era, Level, Via};
use dvhc::translate::{
    reverse_address, translate, translate_at, Locate, Ranking, TranslateError, Translator,
};
use dvhc::Status;
use dvhc::{changes, legacy, ChangeDetail, Commune, Date, Province, Share};

/// In a debug build, the heavier loops check one item in this many.
const SAMPLE_STRIDE: usize = if cfg!(debug_assertions) { 2 } else { 1 };

fn codes<'a>(t: impl IntoIterator<Item = &'a Commune>) -> BTreeSet<u32> {
    t.into_iter().map(|c| c.code().get()).collect()
}

/// The 63 old provinces translate to the 34 new ones, at province level.
#[test]
fn every_old_province_translates_to_its_successor() {
    let mut new = BTreeSet::new();
    for p in legacy::Province::all() {
        let input = p.full_name().to_string();
        let t = translate(&input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(t.level(), Level::Province, "{input}");
        assert!(!t.is_ambiguous(), "{input}");
        let [c] = t.candidates() else {
            panic!("{input}: {:?}", t.candidates())
        };
        assert!(c.commune().is_none(), "{input}");
        assert!(std::ptr::eq(c.province(), p.successor()), "{input}");
        assert_eq!(
            t.formatted().unwrap(),
            p.successor().full_name().to_string()
        );
        // Names both structures share ("Thành phố Hà Nội") read as the current one.
        match t.era() {
            Era::Legacy => assert!(std::ptr::eq(t.legacy().unwrap().province(), p)),
            Era::Current => assert_eq!(p.successor().name(), p.name(), "{input}"),
        }
        new.insert(c.province().code().get());
    }
    assert_eq!(legacy::Province::all().len(), 63);
    assert_eq!(new.len(), 34);
}

/// Every old district translates to the set of new communes its communes went into,
/// each flagged partial unless there is only one; the five island districts without
/// communes to their đặc khu.
#[test]
fn every_old_district_translates_to_its_communes_successors() {
    let mut islands = 0;
    for d in legacy::District::all() {
        let input = format!("{}, {}", d.full_name(), d.province().full_name());
        let t = translate(&input).unwrap_or_else(|e| panic!("{input}: {e}"));
        let want: BTreeSet<u32> = match d.island_successor() {
            Some(zone) => {
                islands += 1;
                BTreeSet::from([zone.code().get()])
            }
            None => d
                .communes()
                .flat_map(|c| c.successors().map(|(n, _)| n.code().get()))
                .collect(),
        };
        let got = codes(t.candidates().iter().map(|c| c.commune().unwrap()));
        assert_eq!(got, want, "{input}");
        assert_eq!(t.candidates().len(), want.len(), "{input}");
        assert_eq!(t.era(), Era::Legacy, "{input}");
        assert_eq!(t.level(), Level::District, "{input}");
        let l = t.legacy().unwrap();
        assert!(std::ptr::eq(l.district().unwrap(), d), "{input}");
        assert!(l.commune().is_none(), "{input}");
        let whole = want.len() == 1;
        assert_eq!(t.is_ambiguous(), !whole, "{input}");
        for c in t.candidates() {
            let share = if whole { Share::Whole } else { Share::Partial };
            assert_eq!(c.share(), share, "{input}");
        }
    }
    assert_eq!(islands, 5);
}

/// Every current commune, written in the current structure, is recognised as such and
/// comes back normalised in official form. When the same words also name an old
/// commune of the same province that went elsewhere, nothing tells the two readings
/// apart: both are listed (ambiguous, each candidate tagged with its structure), and
/// assuming the current structure resolves it.
#[test]
fn every_current_commune_is_returned_normalised() {
    let mut failures = Vec::new();
    let mut both = 0;
    let current = Translator::new().assume(Era::Current);
    for c in Commune::all() {
        let input = format!("{}, {}", c.full_name(), c.province().full_name());
        let itself = |t: &dvhc::translate::Translation<'_>| {
            t.era() == Era::Current
                && t.legacy().is_none()
                && t.resolved().is_some_and(|r| {
                    r.commune().is_some_and(|m| std::ptr::eq(m, c)) && r.share() == Share::Whole
                })
                && t.formatted().as_deref() == Some(input.as_str())
        };
        let t = translate(&input);
        let ok = t.as_ref().is_ok_and(|t| {
            if t.status() == Status::Ok {
                return itself(t);
            }
            // Both structures: this commune as the current candidate, an old
            // commune's successors as the others.
            both += 1;
            t.status() == Status::Ambiguous
                && t.candidates().iter().any(|k| {
                    k.era() == Era::Current && k.commune().is_some_and(|m| std::ptr::eq(m, c))
                })
                && t.candidates().iter().any(|k| k.era() == Era::Legacy)
                && current.translate(&input).is_ok_and(|t| itself(&t))
        });
        if !ok {
            failures.push(input.clone());
        }
        // Lower case, no commas: still normalised.
        if ok && c.code().get() as usize % SAMPLE_STRIDE == 0 {
            let sloppy = input.to_lowercase().replace(',', "");
            let t = current.translate(&sloppy).unwrap();
            assert_eq!(t.formatted().as_deref(), Some(input.as_str()), "{sloppy}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Measured: 135 of 3,321 (names the old and the new structure share in one province).
    assert!(both < 200, "{both} read in both structures");
}

/// Every current commune maps back to its old constituents: its predecessors, with
/// their shares, or the island district it was formed from; and translating each old
/// form leads back to it.
#[test]
fn every_current_commune_reverses_to_its_predecessors() {
    let mut forms_checked = 0;
    let mut failures = Vec::new();
    for (i, c) in Commune::all().iter().enumerate() {
        let input = format!("Số 1, {}, {}", c.full_name(), c.province().full_name());
        let want: BTreeMap<String, Share> = match c.island_district() {
            Some(d) => BTreeMap::from([(d.code().to_string(), Share::Whole)]),
            None => c
                .predecessors()
                .map(|(p, s)| (p.code().to_string(), s))
                .collect(),
        };
        let forms = match reverse_address(&input) {
            Ok(forms) => forms,
            Err(e) => {
                failures.push(format!("{input}: {e}"));
                continue;
            }
        };
        let got: BTreeMap<String, Share> = forms
            .iter()
            .map(|f| {
                assert_eq!(f.rest(), "Số 1");
                let code = match f.commune() {
                    Some(old) => {
                        assert!(std::ptr::eq(old.district(), f.district()));
                        old.code().to_string()
                    }
                    None => f.district().code().to_string(),
                };
                (code, f.share())
            })
            .collect();
        if got != want || forms.len() != want.len() {
            failures.push(format!("{input}: {got:?}, expected {want:?}"));
            continue;
        }
        if i % SAMPLE_STRIDE == 0 {
            for f in &forms {
                let old = f.to_string();
                let t = translate(&old).unwrap_or_else(|e| panic!("{old}: {e}"));
                assert_eq!(t.era(), Era::Legacy, "{old}");
                assert_eq!(t.rest(), "Số 1", "{old}");
                assert!(
                    t.candidates()
                        .iter()
                        .any(|k| k.commune().is_some_and(|m| std::ptr::eq(m, c))),
                    "{old} does not lead back to {c}"
                );
                forms_checked += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        forms_checked > 10_000 / SAMPLE_STRIDE / 2,
        "{forms_checked}"
    );
}

#[test]
fn reverse_address_errors() {
    assert!(matches!(
        reverse_address("P. Bến Nghé, Q.1, TP.HCM"),
        Err(TranslateError::NotCurrent)
    ));
    assert!(matches!(
        reverse_address("Tỉnh Bình Dương"),
        Err(TranslateError::NotCurrent)
    ));
    assert!(matches!(reverse_address(""), Err(TranslateError::Parse(_))));
    assert!(matches!(
        reverse_address("12 Nowhere Street, Atlantis"),
        Err(TranslateError::Parse(_))
    ));
}

/// Current homonyms without a province: the old forms of every one of them, never a
/// silent pick of one.
#[test]
fn reverse_address_of_a_homonym_lists_every_commune() {
    // Current communes named "Xã Trung Sơn" in several provinces.
    let namesakes: Vec<&Commune> = Commune::all()
        .iter()
        .filter(|c| c.full_name().to_string() == "Xã Trung Sơn")
        .collect();
    assert!(namesakes.len() > 1);
    let forms = reverse_address("Xã Trung Sơn").unwrap();
    let got: BTreeSet<u32> = forms
        .iter()
        .map(|f| f.commune().unwrap().code().get())
        .collect();
    let want: BTreeSet<u32> = namesakes
        .iter()
        .flat_map(|c| c.predecessors().map(|(p, _)| p.code().get()))
        .collect();
    assert_eq!(got, want);
}

/// Every historical name (a commune merged before 2025, from `aliases.tsv`) written
/// with its district and province resolves through the commune it was merged into,
/// reports the hop, and translates to that commune's successors.
#[test]
fn every_historical_name_resolves_through_its_successor() {
    let aliases = include_str!("../../data/aliases.tsv");
    // Other spellings of a commune's name ("Đắk Plô" for Đắk Blô): a historical name
    // with the same key is found as that spelling.
    let spellings: BTreeSet<(&str, String)> = aliases
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f[0] == "legacy_commune" && f[3] != "historical")
        .map(|f| (f[1], key(f[2])))
        .collect();
    let mut total = 0;
    let mut passed = 0;
    let mut failures = Vec::new();
    for line in aliases.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f[0] != "legacy_commune" || f[3] != "historical" {
            continue;
        }
        let target = legacy::Commune::get(f[1].parse().unwrap()).unwrap();
        let alias = f[2];
        let d = target.district();
        // An official name of the same district wins over a historical one.
        if d.communes().any(|c| key(c.name()) == alias)
            || spellings.contains(&(f[1], alias.to_owned()))
        {
            continue;
        }
        total += 1;
        if total % SAMPLE_STRIDE != 0 {
            continue;
        }
        // Numbered wards are written with their kind ("Phường 10"); other names bare,
        // as the alias table stores them (ASCII, no spaces).
        let name = if alias.bytes().all(|b| b.is_ascii_digit()) {
            format!("Phường {alias}")
        } else {
            alias.to_owned()
        };
        let input = format!("{name}, {}, {}", d.full_name(), d.province().full_name());
        let ok = translate(&input).is_ok_and(|t| {
            t.via() == Via::Historical
                && t.legacy()
                    .and_then(|l| l.commune())
                    .is_some_and(|c| std::ptr::eq(c, target))
                && codes(t.candidates().iter().filter_map(|k| k.commune()))
                    == codes(target.successors().map(|(n, _)| n))
                && t.candidates().len() == target.successors().len()
        });
        if ok {
            passed += 1;
        } else {
            failures.push(input);
        }
    }
    let checked = passed + failures.len();
    eprintln!(
        "historical names: {passed}/{checked} ({:.1}%) of {total}",
        100.0 * passed as f64 / checked as f64
    );
    assert!(total > 1500, "{total}");
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every district abolished before 2025 that `aliases_curated.tsv` names (a
/// `legacy_district` `historical` row per successor: Quận 9, huyện Từ Liêm, huyện Tân
/// Thành...), written with its kind word and province, translates to every successor
/// of every commune of its successor districts (ambiguous when there are several, never
/// a guess); and every commune of those districts written with it translates to that
/// commune's successors (to its namesakes' as well when the successors of a split
/// district share a name).
#[test]
fn every_abolished_district_name_translates_through_its_successors() {
    let mut groups: BTreeMap<&str, Vec<&legacy::District>> = BTreeMap::new();
    for line in include_str!("../../data/aliases_curated.tsv")
        .lines()
        .skip(1)
    {
        let f: Vec<&str> = line.split('\t').collect();
        if f[0] == "legacy_district" && f[3] == "historical" {
            let d = legacy::District::get(f[1].parse().unwrap()).unwrap();
            groups.entry(f[2]).or_default().push(d);
        }
    }
    assert!(groups.len() >= 14, "{}", groups.len());
    let mut communes = 0;
    for (alias, districts) in &groups {
        let province = districts[0].province();
        assert!(districts
            .iter()
            .all(|d| std::ptr::eq(d.province(), province)));
        // "Quận 9", "Huyện Từ Liêm".
        let kind = if alias.bytes().all(|b| b.is_ascii_digit()) {
            "Quận"
        } else {
            "Huyện"
        };
        let input = format!("{kind} {alias}, {}", province.full_name());
        let t = translate(&input).unwrap_or_else(|e| panic!("{input}: {e}"));
        let want: BTreeSet<u32> = districts
            .iter()
            .flat_map(|d| d.communes())
            .flat_map(|c| c.successors().map(|(n, _)| n.code().get()))
            .collect();
        let got = codes(t.candidates().iter().filter_map(|c| c.commune()));
        assert_eq!(got, want, "{input}");
        assert_eq!(t.candidates().len(), want.len(), "{input}");
        assert_eq!(
            (t.era(), t.level()),
            (Era::Legacy, Level::District),
            "{input}"
        );
        assert_eq!(t.is_ambiguous(), want.len() > 1, "{input}");
        let d = t.legacy().and_then(|l| l.district()).unwrap();
        assert!(districts.iter().any(|x| std::ptr::eq(*x, d)), "{input}");
        for c in districts.iter().flat_map(|d| d.communes()) {
            communes += 1;
            let input = format!(
                "{}, {kind} {alias}, {}",
                c.full_name(),
                province.full_name()
            );
            let t = translate(&input).unwrap_or_else(|e| panic!("{input}: {e}"));
            let namesakes: Vec<&legacy::Commune> = districts
                .iter()
                .flat_map(|d| d.communes())
                .filter(|n| n.full_name().to_string() == c.full_name().to_string())
                .collect();
            let want: BTreeSet<u32> = namesakes
                .iter()
                .flat_map(|n| n.successors().map(|(s, _)| s.code().get()))
                .collect();
            let got = codes(t.candidates().iter().filter_map(|k| k.commune()));
            assert_eq!(got, want, "{input}");
            assert_eq!(t.level(), Level::Commune, "{input}");
            let l = t.legacy().and_then(|l| l.commune()).unwrap();
            assert!(namesakes.iter().any(|n| std::ptr::eq(*n, l)), "{input}");
        }
    }
    assert!(communes > 200, "{communes}");
    eprintln!(
        "abolished districts: {} names, {communes} communes",
        groups.len()
    );
}

/// The province Hà Tây, merged into Hà Nội in 2008, still written in old addresses:
/// its communes are found under it, as under Hà Nội.
#[test]
fn ha_tay_is_ha_noi() {
    let c = legacy::Commune::get("09542".parse().unwrap()).unwrap();
    let t = translate("Phường Văn Quán, Thị xã Hà Đông, Tỉnh Hà Tây").unwrap();
    let l = t.legacy().and_then(|l| l.commune()).unwrap();
    assert!(std::ptr::eq(l, c));
    assert_eq!(
        codes(t.candidates().iter().filter_map(|k| k.commune())),
        codes(c.successors().map(|(n, _)| n))
    );
    let t = translate("Hà Tây").unwrap();
    assert_eq!(t.candidates()[0].province().code().to_string(), "01");
}

/// The ASCII key of a name as `aliases.tsv` stores historical names: lower case, no
/// diacritics, đ → d, letters and digits only, no leading zeros in numbers.
fn key(name: &str) -> String {
    const MARKED: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
    const BARE: &str = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";
    let folded: String = name
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            let c = match MARKED.chars().position(|m| m == c) {
                Some(i) => BARE.chars().nth(i).unwrap_or(c),
                None => c,
            };
            c.is_ascii_alphanumeric().then_some(c)
        })
        .collect();
    if folded.bytes().all(|b| b.is_ascii_digit()) {
        let t = folded.trim_start_matches('0');
        if t.is_empty() { "0" } else { t }.to_owned()
    } else {
        folded
    }
}

/// A split commune with coordinates: every candidate still listed (never a silent
/// single guess), ranked by distance to the candidates' centres, and the result says
/// it was ranked so. For every split commune, the point at each candidate's centre
/// ranks that candidate first.
#[test]
fn every_split_commune_ranks_by_distance_to_the_given_point() {
    let split: Vec<&legacy::Commune> = legacy::Commune::all()
        .iter()
        .filter(|c| c.is_split())
        .collect();
    assert_eq!(split.len(), 440);
    let mut ranked = 0;
    for (i, c) in split.iter().enumerate() {
        let input = format!(
            "{}, {}, {}",
            c.full_name(),
            c.district().full_name(),
            c.province().full_name()
        );
        let want = codes(c.successors().map(|(n, _)| n));
        for (n, _) in c.successors() {
            let Some((lat, lon)) = n.geo().centroid() else {
                continue;
            };
            if i % SAMPLE_STRIDE != 0 && ranked > 0 {
                break;
            }
            let t = translate_at(&input, lat, lon).unwrap();
            assert_eq!(t.ranking(), Some(Ranking::CentroidDistance), "{input}");
            assert!(t.is_ambiguous() && t.resolved().is_none(), "{input}");
            assert!(t.formatted().is_none(), "{input}");
            assert_eq!(
                codes(t.candidates().iter().map(|k| k.commune().unwrap())),
                want
            );
            let first = t.candidates()[0];
            assert!(std::ptr::eq(first.commune().unwrap(), n), "{input} at {n}");
            assert!(first.distance_km().unwrap() < 1e-6, "{input}");
            let d: Vec<f64> = t
                .candidates()
                .iter()
                .map(|k| k.distance_km().unwrap_or(f64::INFINITY))
                .collect();
            assert!(d.windows(2).all(|w| w[0] <= w[1]), "{input}: {d:?}");
            assert!(t.candidates().iter().all(|k| k.share() == Share::Partial));
            ranked += 1;
        }
    }
    assert!(ranked > 800 / SAMPLE_STRIDE, "{ranked}");
}

/// Coordinates with an address that is not split change nothing.
#[test]
fn coordinates_do_not_rank_a_single_candidate() {
    let t = translate_at("P. Bến Nghé, Q.1, TP.HCM", 21.0, 105.8).unwrap();
    assert_eq!(t.ranking(), None);
    assert_eq!(t.candidates().len(), 1);
    assert!(t.candidates()[0].distance_km().is_none());
    assert!(t.resolved().is_some());
}

/// A boundary oracle decides a split commune; the result says so.
#[test]
fn a_locator_resolves_a_split_commune_by_containment() {
    struct At(&'static Commune);
    impl Locate for At {
        fn locate(&self, _lat: f64, _lon: f64) -> Option<&'static Commune> {
            Some(self.0)
        }
    }
    let da_kao = legacy::Commune::get("26737".parse().unwrap()).unwrap();
    for (n, _) in da_kao.successors() {
        let t = Translator::new().with_locator(At(n));
        // The point is far from both centres: containment wins over distance.
        let r = t
            .translate_at("P. Đa Kao, Q.1, TP.HCM", 10.0, 105.0)
            .unwrap();
        assert_eq!(r.ranking(), Some(Ranking::Containment));
        assert!(std::ptr::eq(r.resolved().unwrap().commune().unwrap(), n));
        assert_eq!(r.candidates().len(), 2, "the others stay listed");
        assert_eq!(
            r.formatted().unwrap(),
            format!("{}, Thành phố Hồ Chí Minh", n.full_name())
        );
    }
    // A locator that answers a commune that is not a candidate: distance ranking only.
    let elsewhere = Commune::get("00004".parse().unwrap()).unwrap();
    let r = Translator::new()
        .with_locator(At(elsewhere))
        .translate_at("P. Đa Kao, Q.1, TP.HCM", 10.79, 106.69)
        .unwrap();
    assert_eq!(r.ranking(), Some(Ranking::CentroidDistance));
    assert!(r.resolved().is_none());
}

/// For every change of 2026 (Đồng Nai, Quảng Ninh, Bắc Ninh and 22 communes), an old
/// address of a unit concerned renders with the kind in force on the translator's
/// date: the old kind the day before, the new one from the day.
#[test]
fn rendering_follows_the_date() {
    let mut checked = 0;
    for ch in changes() {
        let (old, commune) = match ch.detail() {
            ChangeDetail::CommuneKind { code, .. } => {
                let commune = Commune::get(code).unwrap();
                (commune.predecessors().next().unwrap().0, Some(commune))
            }
            ChangeDetail::ProvinceKind { code, .. } => {
                let province = Province::get(code).unwrap();
                let first = province.communes().find(|c| c.predecessors().len() > 0);
                (first.unwrap().predecessors().next().unwrap().0, None)
            }
            _ => continue,
        };
        let input = format!(
            "{}, {}, {}",
            old.full_name(),
            old.district().full_name(),
            old.province().full_name()
        );
        let day = ch.date();
        let before = day_before(day);
        for (date, after) in [(before, false), (day, true)] {
            let t = Translator::new().on(date).translate(&input).unwrap();
            let k = t.candidates()[0];
            let rendered = t.format(&k);
            let new = k.commune().unwrap();
            let commune_name = new.full_name_on(date).unwrap().to_string();
            let province_name = new.province().full_name_on(date).unwrap().to_string();
            assert_eq!(rendered, format!("{commune_name}, {province_name}"));
            match (ch.detail(), commune) {
                (
                    ChangeDetail::CommuneKind {
                        before, after: a, ..
                    },
                    Some(_),
                ) => {
                    let kind = if after { a } else { before };
                    assert!(
                        commune_name.starts_with(kind.prefix()),
                        "{input} on {date}: {rendered}"
                    );
                }
                (
                    ChangeDetail::ProvinceKind {
                        before, after: a, ..
                    },
                    None,
                ) => {
                    let kind = if after { a } else { before };
                    assert!(
                        province_name.starts_with(kind.prefix()),
                        "{input} on {date}: {rendered}"
                    );
                }
                _ => unreachable!(),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * 25);
    // Without a date: today's names; before the reform: the names the new units came
    // into being with, on 1 July 2025 (they had none before).
    let input = "Thị trấn Long Thành, Huyện Long Thành, Tỉnh Đồng Nai";
    let today = "Phường Long Thành, Thành phố Đồng Nai";
    assert_eq!(translate(input).unwrap().formatted().unwrap(), today);
    let t = Translator::new()
        .on(Date::LAST_LEGACY_DAY)
        .translate(input)
        .unwrap();
    assert_eq!(t.formatted().unwrap(), "Xã Long Thành, Tỉnh Đồng Nai");
    assert_eq!(t.date(), Some(Date::REFORM));
    let dong_nai = Province::get("75".parse().unwrap()).unwrap();
    assert_eq!(dong_nai.full_name().to_string(), "Thành phố Đồng Nai");
}

fn day_before(d: Date) -> Date {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if day > 1 {
        return Date::new(y, m, day - 1).unwrap();
    }
    let (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    (28..=31)
        .rev()
        .find_map(|last| Date::new(y, m, last))
        .unwrap()
}
