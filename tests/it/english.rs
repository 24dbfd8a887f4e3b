//! English names, full English names and codenames (data/README.md, "English names and
//! codenames"), for every unit of both structures, and English kind words in search.

use std::collections::BTreeMap;

use dvhc::search::Search;
use dvhc::text::{slug, strip_diacritics};
use dvhc::{legacy, AsOf, Commune, Date, Province, Unit};

fn all_units() -> Vec<Unit> {
    Province::all()
        .iter()
        .map(Unit::Province)
        .chain(Commune::all().iter().map(Unit::Commune))
        .chain(legacy::Province::all().iter().map(Unit::LegacyProvince))
        .chain(legacy::District::all().iter().map(Unit::LegacyDistrict))
        .chain(legacy::Commune::all().iter().map(Unit::LegacyCommune))
        .collect()
}

#[test]
fn every_unit_has_an_ascii_english_name_and_a_codename() {
    let units = all_units();
    assert_eq!(units.len(), 14_149);
    for u in &units {
        let en = u.name_en();
        assert!(
            !en.is_empty() && en.bytes().all(|b| (b' '..=b'~').contains(&b)),
            "{u}: {en:?}"
        );
        assert_eq!(en, strip_diacritics(u.name()), "{u}");
        // The codename written from the kind's id and the English name is the slug
        // of the full Vietnamese name.
        let codename = u.codename().to_string();
        assert_eq!(codename, slug(&u.full_name().to_string()), "{u}");
        assert_eq!(u.short_codename().to_string(), slug(u.name()), "{u}");
        assert!(
            codename
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                && !codename.contains("__")
                && !codename.ends_with('_'),
            "{u}: {codename}"
        );
        // The full English name puts the kind word after the name, or first when the
        // name has a digit.
        let full = u.full_name_en().to_string();
        let kind = u.full_name_en().kind_word();
        if en.bytes().any(|b| b.is_ascii_digit()) {
            assert_eq!(full, format!("{kind} {en}"));
        } else {
            assert_eq!(full, format!("{en} {kind}"));
        }
    }
}

#[test]
fn the_documented_examples() {
    let c = |code: &str| Unit::Commune(Commune::get(code.parse().unwrap()).unwrap());
    let lc = |code: &str| Unit::LegacyCommune(legacy::Commune::get(code.parse().unwrap()).unwrap());
    let ld =
        |code: &str| Unit::LegacyDistrict(legacy::District::get(code.parse().unwrap()).unwrap());
    let p = |code: &str| Unit::Province(Province::get(code.parse().unwrap()).unwrap());
    let cases = [
        (lc("26740"), "Ben Nghe", "Ben Nghe Ward", "phuong_ben_nghe"),
        (
            p("79"),
            "Ho Chi Minh",
            "Ho Chi Minh City",
            "thanh_pho_ho_chi_minh",
        ),
        (p("01"), "Ha Noi", "Ha Noi City", "thanh_pho_ha_noi"),
        (
            c("26732"),
            "Con Dao",
            "Con Dao Special Zone",
            "dac_khu_con_dao",
        ),
        (
            c("24781"),
            "Xuan Huong - Da Lat",
            "Xuan Huong - Da Lat Ward",
            "phuong_xuan_huong_da_lat",
        ),
        (ld("760"), "1", "District 1", "quan_1"),
        (ld("761"), "12", "District 12", "quan_12"),
        (
            lc("15061"),
            "Ngoc Lac",
            "Ngoc Lac Town",
            "thi_tran_ngoc_lac",
        ),
        (
            ld("479"),
            "Huong Thuy",
            "Huong Thuy Town",
            "thi_xa_huong_thuy",
        ),
    ];
    for (u, en, full, codename) in cases {
        assert_eq!(u.name_en(), en);
        assert_eq!(u.full_name_en().to_string(), full);
        assert_eq!(u.codename().to_string(), codename);
    }
    let ea_hleo = Commune::all()
        .iter()
        .find(|c| c.name() == "Ea H’Leo")
        .unwrap();
    assert_eq!(ea_hleo.name_en(), "Ea H'Leo");
    assert_eq!(ea_hleo.codename().to_string(), "xa_ea_hleo");
    let ha_giang_1 = Commune::all()
        .iter()
        .find(|c| c.name() == "Hà Giang 1")
        .unwrap();
    assert_eq!(ha_giang_1.full_name_en().to_string(), "Ward Ha Giang 1");
    // Codenames follow the kind in force: Lộc Ninh (Đồng Nai) became a phường.
    let loc_ninh = Unit::Commune(Commune::get("25270".parse().unwrap()).unwrap());
    assert_eq!(loc_ninh.codename().to_string(), "phuong_loc_ninh");
    assert_eq!(
        AsOf::new(loc_ninh, Some(Date::REFORM))
            .codename()
            .to_string(),
        "xa_loc_ninh"
    );
    assert_eq!(
        AsOf::new(loc_ninh, Some(Date::REFORM))
            .full_name_en()
            .to_string(),
        "Loc Ninh Commune"
    );
}

/// Names that differ only in diacritics share a codename: the 8 pairs of communes of
/// one province the importer pins (kinds of 1 July 2025).
#[test]
fn shared_codenames() {
    let mut seen: BTreeMap<(u32, String), Vec<String>> = BTreeMap::new();
    for c in Commune::all() {
        let codename = AsOf::new(Unit::Commune(c), Some(Date::REFORM)).codename();
        seen.entry((c.province().code().get(), codename.to_string()))
            .or_default()
            .push(c.code().to_string());
    }
    let mut shared: Vec<String> = seen
        .into_iter()
        .filter(|(_, codes)| codes.len() > 1)
        .map(|((_, s), codes)| format!("{s}:{}", codes.join("/")))
        .collect();
    shared.sort();
    let mut expected = vec![
        "xa_van_lang:02143/05665",
        "xa_cam_giang:10888/10903",
        "xa_ba_to:21484/21523",
        "xa_son_ha:21289/21292",
        "xa_loc_thanh:25280/25294",
        "xa_thanh_an:25807/27676",
        "xa_tan_thanh:25534/27826",
        "xa_tan_thanh:29938/30157",
    ];
    expected.sort();
    assert_eq!(shared, expected);
}

/// Every unit is found by its full English name, with the kind word fitting: the
/// English kind words (Ward, Commune, Special Zone, District, Town, City, Province)
/// are part of the search vocabulary, after the name as English writes them.
#[test]
fn every_full_english_name_finds_its_unit() {
    for u in all_units() {
        let q = u.full_name_en().to_string();
        let hits = Search::new().era(u.era()).level(u.level()).run(&q);
        let hit = hits.iter().find(|h| h.unit() == u);
        assert!(hit.is_some_and(|h| h.kind_fits()), "{q}: {u} not found");
    }
}

#[test]
fn english_kind_words_in_search() {
    let first = |q: &str| Search::new().run(q)[0].unit().to_string();
    assert_eq!(first("Ben Nghe Ward"), "Phường Bến Nghé");
    assert_eq!(first("Con Dao Special Zone"), "Đặc khu Côn Đảo");
    assert_eq!(first("Ho Chi Minh City"), "Thành phố Hồ Chí Minh");
    // "Town" is a thị trấn or a thị xã; a kind-like first word is part of the name.
    assert_eq!(first("Ngoc Lac Town"), "Thị trấn Ngọc Lặc");
    assert_eq!(first("Huong Thuy Town"), "Thị xã Hương Thủy");
    assert_eq!(first("Phuong Liet Ward"), "Phường Phương Liệt");
    assert_eq!(first("Tinh Tuc Commune"), "Xã Tĩnh Túc");
    // Vietnamese abbreviations keep their meaning: "TX" is a thị xã, never a thị trấn.
    let hits = Search::new().run("TX Son Tay");
    assert!(hits
        .iter()
        .all(|h| h.unit().level() == dvhc::Level::District));
}
