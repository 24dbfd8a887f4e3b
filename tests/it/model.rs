//! Tests that would catch a wrong table: pinned counts, per-province totals, facts
//! reported in the news, referential integrity and the old↔new mapping.

use std::collections::BTreeSet;

use dvhc::{
    changes, legacy, ChangeDetail, Commune, CommuneCode, CommuneKind, Date, ParseCodeError,
    Province, ProvinceCode, ProvinceKind, Share,
};
use unicode_normalization::is_nfc;

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn commune(code: &str) -> &'static Commune {
    Commune::get(code.parse().unwrap()).unwrap()
}

/// (new code, full name on 2025-07-01, legacy province codes, resolution,
///  phường, xã, đặc khu, total) — PROVENANCE.md §6, cross-checked across sources.
type ProvinceRow = (
    u32,
    &'static str,
    &'static [u32],
    &'static str,
    usize,
    usize,
    usize,
    usize,
);
const PROVINCE_TABLE: &[ProvinceRow] = &[
    (
        1,
        "Thành phố Hà Nội",
        &[1],
        "1656/NQ-UBTVQH15",
        51,
        75,
        0,
        126,
    ),
    (4, "Tỉnh Cao Bằng", &[4], "1657/NQ-UBTVQH15", 3, 53, 0, 56),
    (
        8,
        "Tỉnh Tuyên Quang",
        &[2, 8],
        "1684/NQ-UBTVQH15",
        7,
        117,
        0,
        124,
    ),
    (
        11,
        "Tỉnh Điện Biên",
        &[11],
        "1661/NQ-UBTVQH15",
        3,
        42,
        0,
        45,
    ),
    (12, "Tỉnh Lai Châu", &[12], "1670/NQ-UBTVQH15", 2, 36, 0, 38),
    (14, "Tỉnh Sơn La", &[14], "1681/NQ-UBTVQH15", 8, 67, 0, 75),
    (
        15,
        "Tỉnh Lào Cai",
        &[10, 15],
        "1673/NQ-UBTVQH15",
        10,
        89,
        0,
        99,
    ),
    (
        19,
        "Tỉnh Thái Nguyên",
        &[6, 19],
        "1683/NQ-UBTVQH15",
        15,
        77,
        0,
        92,
    ),
    (20, "Tỉnh Lạng Sơn", &[20], "1672/NQ-UBTVQH15", 4, 61, 0, 65),
    (
        22,
        "Tỉnh Quảng Ninh",
        &[22],
        "1679/NQ-UBTVQH15",
        30,
        22,
        2,
        54,
    ),
    (
        24,
        "Tỉnh Bắc Ninh",
        &[24, 27],
        "1658/NQ-UBTVQH15",
        33,
        66,
        0,
        99,
    ),
    (
        25,
        "Tỉnh Phú Thọ",
        &[17, 25, 26],
        "1676/NQ-UBTVQH15",
        15,
        133,
        0,
        148,
    ),
    (
        31,
        "Thành phố Hải Phòng",
        &[30, 31],
        "1669/NQ-UBTVQH15",
        45,
        67,
        2,
        114,
    ),
    (
        33,
        "Tỉnh Hưng Yên",
        &[33, 34],
        "1666/NQ-UBTVQH15",
        11,
        93,
        0,
        104,
    ),
    (
        37,
        "Tỉnh Ninh Bình",
        &[35, 36, 37],
        "1674/NQ-UBTVQH15",
        32,
        97,
        0,
        129,
    ),
    (
        38,
        "Tỉnh Thanh Hóa",
        &[38],
        "1686/NQ-UBTVQH15",
        19,
        147,
        0,
        166,
    ),
    (
        40,
        "Tỉnh Nghệ An",
        &[40],
        "1678/NQ-UBTVQH15",
        11,
        119,
        0,
        130,
    ),
    (42, "Tỉnh Hà Tĩnh", &[42], "1665/NQ-UBTVQH15", 9, 60, 0, 69),
    (
        44,
        "Tỉnh Quảng Trị",
        &[44, 45],
        "1680/NQ-UBTVQH15",
        8,
        69,
        1,
        78,
    ),
    (
        46,
        "Thành phố Huế",
        &[46],
        "1675/NQ-UBTVQH15",
        21,
        19,
        0,
        40,
    ),
    (
        48,
        "Thành phố Đà Nẵng",
        &[48, 49],
        "1659/NQ-UBTVQH15",
        23,
        70,
        1,
        94,
    ),
    (
        51,
        "Tỉnh Quảng Ngãi",
        &[51, 62],
        "1677/NQ-UBTVQH15",
        9,
        86,
        1,
        96,
    ),
    (
        52,
        "Tỉnh Gia Lai",
        &[52, 64],
        "1664/NQ-UBTVQH15",
        25,
        110,
        0,
        135,
    ),
    (
        56,
        "Tỉnh Khánh Hòa",
        &[56, 58],
        "1667/NQ-UBTVQH15",
        16,
        48,
        1,
        65,
    ),
    (
        66,
        "Tỉnh Đắk Lắk",
        &[54, 66],
        "1660/NQ-UBTVQH15",
        14,
        88,
        0,
        102,
    ),
    (
        68,
        "Tỉnh Lâm Đồng",
        &[60, 67, 68],
        "1671/NQ-UBTVQH15",
        20,
        103,
        1,
        124,
    ),
    (
        75,
        "Tỉnh Đồng Nai",
        &[70, 75],
        "1662/NQ-UBTVQH15",
        23,
        72,
        0,
        95,
    ),
    (
        79,
        "Thành phố Hồ Chí Minh",
        &[74, 77, 79],
        "1685/NQ-UBTVQH15",
        113,
        54,
        1,
        168,
    ),
    (
        80,
        "Tỉnh Tây Ninh",
        &[72, 80],
        "1682/NQ-UBTVQH15",
        14,
        82,
        0,
        96,
    ),
    (
        82,
        "Tỉnh Đồng Tháp",
        &[82, 87],
        "1663/NQ-UBTVQH15",
        20,
        82,
        0,
        102,
    ),
    (
        86,
        "Tỉnh Vĩnh Long",
        &[83, 84, 86],
        "1687/NQ-UBTVQH15",
        19,
        105,
        0,
        124,
    ),
    (
        91,
        "Tỉnh An Giang",
        &[89, 91],
        "1654/NQ-UBTVQH15",
        14,
        85,
        3,
        102,
    ),
    (
        92,
        "Thành phố Cần Thơ",
        &[92, 93, 94],
        "1668/NQ-UBTVQH15",
        31,
        72,
        0,
        103,
    ),
    (
        96,
        "Tỉnh Cà Mau",
        &[95, 96],
        "1655/NQ-UBTVQH15",
        9,
        55,
        0,
        64,
    ),
];

#[test]
fn per_province_table_on_reform_day() {
    assert_eq!(Province::all().len(), PROVINCE_TABLE.len());
    for (p, row) in Province::all().iter().zip(PROVINCE_TABLE) {
        let &(code, full, olds, resolution, wards, communes, zones, total) = row;
        assert_eq!(p.code().get(), code);
        assert_eq!(p.full_name_on(Date::REFORM).unwrap().to_string(), full);
        let old: Vec<u32> = p.predecessors().map(|o| o.code().get()).collect();
        assert_eq!(old, olds, "{full}: predecessors");
        assert_eq!(p.resolution(), resolution, "{full}");
        let count = |k: CommuneKind| {
            p.communes()
                .filter(|c| c.kind_on(Date::REFORM) == Some(k))
                .count()
        };
        assert_eq!(
            (
                count(CommuneKind::Ward),
                count(CommuneKind::Commune),
                count(CommuneKind::SpecialZone),
                p.communes().len()
            ),
            (wards, communes, zones, total),
            "{full}: phường / xã / đặc khu / total"
        );
    }
}

fn counts_on(d: Date) -> ((usize, usize), (usize, usize, usize)) {
    let p = |k| {
        Province::all()
            .iter()
            .filter(|p| p.kind_on(d) == Some(k))
            .count()
    };
    let c = |k| {
        Commune::all()
            .iter()
            .filter(|c| c.kind_on(d) == Some(k))
            .count()
    };
    (
        (p(ProvinceKind::Municipality), p(ProvinceKind::Province)),
        (
            c(CommuneKind::Ward),
            c(CommuneKind::Commune),
            c(CommuneKind::SpecialZone),
        ),
    )
}

#[test]
fn counts_by_kind_for_each_amendment_date() {
    assert_eq!(counts_on(date("2025-07-01")), ((6, 28), (687, 2621, 13)));
    assert_eq!(counts_on(date("2026-04-29")), ((6, 28), (687, 2621, 13)));
    assert_eq!(counts_on(date("2026-04-30")), ((7, 27), (697, 2611, 13)));
    assert_eq!(counts_on(date("2026-09-01")), ((8, 26), (697, 2611, 13)));
    assert_eq!(counts_on(date("2026-09-19")), ((8, 26), (697, 2611, 13)));
    assert_eq!(counts_on(date("2026-09-20")), ((9, 25), (709, 2599, 13)));
    assert_eq!(counts_on(date("2030-01-01")), ((9, 25), (709, 2599, 13)));
    // The current kinds are the newest law.
    let now_p = |k| Province::all().iter().filter(|p| p.kind() == k).count();
    let now_c = |k| Commune::all().iter().filter(|c| c.kind() == k).count();
    assert_eq!(
        (
            now_p(ProvinceKind::Municipality),
            now_p(ProvinceKind::Province)
        ),
        (9, 25)
    );
    assert_eq!(
        (
            now_c(CommuneKind::Ward),
            now_c(CommuneKind::Commune),
            now_c(CommuneKind::SpecialZone)
        ),
        (709, 2599, 13)
    );
    // Nothing existed in this form before the reform.
    assert!(Commune::all()
        .iter()
        .all(|c| c.kind_on(Date::LAST_LEGACY_DAY).is_none()));
}

#[test]
fn the_25_changes() {
    let c = changes();
    assert_eq!(c.len(), 25);
    let mut provinces = Vec::new();
    let mut by_basis = std::collections::BTreeMap::<&str, usize>::new();
    for ch in c {
        *by_basis.entry(ch.legal_basis()).or_default() += 1;
        match ch.detail() {
            ChangeDetail::ProvinceKind {
                code,
                before,
                after,
            } => {
                assert_eq!(
                    (before, after),
                    (ProvinceKind::Province, ProvinceKind::Municipality)
                );
                provinces.push((code.get(), ch.date().to_string()));
            }
            ChangeDetail::CommuneKind {
                code,
                before,
                after,
            } => {
                assert_eq!((before, after), (CommuneKind::Commune, CommuneKind::Ward));
                let p = Commune::get(code).unwrap().province().code().get();
                let expect = if ch.legal_basis() == "237/NQ-UBTVQH16" {
                    (75, "2026-04-30")
                } else {
                    (24, "2026-09-20")
                };
                assert_eq!((p, ch.date().to_string().as_str()), expect);
            }
            _ => unreachable!(),
        }
    }
    provinces.sort();
    assert_eq!(
        provinces,
        [
            (22, "2026-09-01".into()),
            (24, "2026-09-20".into()),
            (75, "2026-04-30".into())
        ]
    );
    assert_eq!(by_basis["237/NQ-UBTVQH16"], 10);
    assert_eq!(by_basis["388/NQ-UBTVQH16"], 12);
    assert_eq!(by_basis["30/2026/QH16"], 1);
    assert_eq!(by_basis["36/2026/QH16"], 1);
    assert_eq!(by_basis["39/2026/QH16"], 1);
    assert!(c.windows(2).all(|w| w[0].date() <= w[1].date()));
}

#[test]
fn legacy_counts_by_kind() {
    use legacy::{CommuneKind as LK, DistrictKind as DK};
    let p = legacy::Province::all();
    assert_eq!(p.len(), 63);
    assert_eq!(
        p.iter()
            .filter(|p| p.kind() == ProvinceKind::Municipality)
            .count(),
        6
    );
    let d = legacy::District::all();
    let dk = |k| d.iter().filter(|d| d.kind() == k).count();
    assert_eq!(
        (
            d.len(),
            dk(DK::RuralDistrict),
            dk(DK::City),
            dk(DK::Town),
            dk(DK::UrbanDistrict)
        ),
        (696, 508, 87, 52, 49)
    );
    let c = legacy::Commune::all();
    let ck = |k| c.iter().filter(|c| c.kind() == k).count();
    assert_eq!(
        (c.len(), ck(LK::Commune), ck(LK::Ward), ck(LK::Township)),
        (10_035, 7_692, 1_726, 617)
    );
    // The statistics office's level column is wrong for these three; the names are right.
    assert_eq!(
        legacy::Commune::get("15061".parse().unwrap())
            .unwrap()
            .kind(),
        LK::Township
    );
    assert_eq!(
        legacy::Commune::get("27046".parse().unwrap())
            .unwrap()
            .kind(),
        LK::Ward
    );
    assert_eq!(
        legacy::Commune::get("27076".parse().unwrap())
            .unwrap()
            .kind(),
        LK::Ward
    );
    // The five island districts without communes.
    let empty: Vec<u32> = d
        .iter()
        .filter(|d| d.communes().len() == 0)
        .map(|d| d.code().get())
        .collect();
    assert_eq!(empty, [318, 471, 498, 536, 755]);
}

#[test]
fn mapping_figures() {
    let pairs: usize = legacy::Commune::all()
        .iter()
        .map(|c| c.successors().len())
        .sum();
    assert_eq!(pairs, 10_565);
    let back: usize = Commune::all().iter().map(|c| c.predecessors().len()).sum();
    assert_eq!(back, 10_565);
    assert_eq!(
        legacy::Commune::all()
            .iter()
            .filter(|c| c.is_split())
            .count(),
        440
    );
    let partial: usize = legacy::Commune::all()
        .iter()
        .flat_map(|c| c.successors())
        .filter(|(_, s)| *s == Share::Partial)
        .count();
    // 440 split communes, each partial in every one of its successors.
    assert!(partial > 880);
    for c in legacy::Commune::all() {
        assert!(c.successors().len() >= 1, "{}", c.code());
        assert_eq!(
            c.is_split(),
            c.successors().all(|(_, s)| s == Share::Partial)
        );
        // Round trip: every successor lists this commune among its predecessors.
        for (n, share) in c.successors() {
            assert!(n
                .predecessors()
                .any(|(o, s)| std::ptr::eq(o, c) && s == share));
        }
    }
    let mut islands = Vec::new();
    for c in Commune::all() {
        match c.island_district() {
            Some(d) => {
                islands.push((d.code().get(), c.code().get()));
                assert_eq!(c.kind(), CommuneKind::SpecialZone);
                assert!(std::ptr::eq(d.island_successor().unwrap(), c));
                assert_eq!(c.predecessors().len(), 0);
            }
            None => assert!(
                c.predecessors().len() >= 1,
                "{} has no predecessor",
                c.code()
            ),
        }
        for (o, _) in c.predecessors() {
            assert!(o.successors().any(|(n, _)| std::ptr::eq(n, c)));
        }
    }
    assert_eq!(
        islands,
        [
            (318, 11948),
            (471, 19742),
            (498, 20333),
            (536, 21548),
            (755, 26732)
        ]
    );
}

#[test]
fn every_legacy_province_maps_to_one_new_province() {
    for old in legacy::Province::all() {
        let new = old.successor();
        for c in old.communes() {
            for (n, _) in c.successors() {
                assert!(
                    std::ptr::eq(n.province(), new),
                    "{old} → {new}, but {c} → {n}"
                );
            }
        }
        assert!(new.predecessors().any(|p| std::ptr::eq(p, old)));
    }
    let n: usize = Province::all().iter().map(|p| p.predecessors().len()).sum();
    assert_eq!(n, 63);
}

#[test]
fn news_facts() {
    // New Lâm Đồng has 124 units and contains Phường Xuân Hương - Đà Lạt.
    let lam_dong = Province::get("68".parse().unwrap()).unwrap();
    assert_eq!(lam_dong.communes().len(), 124);
    let xh = commune("24781");
    assert_eq!(xh.full_name().to_string(), "Phường Xuân Hương - Đà Lạt");
    assert!(std::ptr::eq(xh.province(), lam_dong));
    // Lạng Sơn: 65 units, 4 phường.
    let lang_son = Province::get("20".parse().unwrap()).unwrap();
    assert_eq!(lang_son.communes().len(), 65);
    let wards: BTreeSet<_> = lang_son
        .communes()
        .filter(|c| c.kind() == CommuneKind::Ward)
        .map(|c| c.name())
        .collect();
    assert_eq!(
        wards,
        BTreeSet::from(["Đông Kinh", "Kỳ Lừa", "Lương Văn Tri", "Tam Thanh"])
    );
    // Bến Nghé went whole into Phường Sài Gòn (same code, different unit).
    let ben_nghe = legacy::Commune::get("26740".parse().unwrap()).unwrap();
    assert_eq!(ben_nghe.full_name().to_string(), "Phường Bến Nghé");
    let s: Vec<_> = ben_nghe
        .successors()
        .map(|(c, s)| (c.full_name().to_string(), s))
        .collect();
    assert_eq!(s, [("Phường Sài Gòn".to_owned(), Share::Whole)]);
    // Đa Kao was split between Sài Gòn and Tân Định.
    let da_kao = legacy::Commune::get("26737".parse().unwrap()).unwrap();
    let mut s: Vec<_> = da_kao.successors().map(|(c, s)| (c.name(), s)).collect();
    s.sort();
    assert_eq!(
        s,
        [("Sài Gòn", Share::Partial), ("Tân Định", Share::Partial)]
    );
    // Old Bạc Liêu's names live on in Cà Mau.
    let ca_mau = Province::get("96".parse().unwrap()).unwrap();
    for (code, name) in [
        (31825, "Bạc Liêu"),
        (31942, "Giá Rai"),
        (31900, "Vĩnh Lợi"),
        (31891, "Hòa Bình"),
    ] {
        let c = Commune::get(CommuneCode::new(code).unwrap()).unwrap();
        assert_eq!(c.name(), name);
        assert!(std::ptr::eq(c.province(), ca_mau));
        assert!(c
            .predecessors()
            .all(|(o, _)| o.province().code().get() == 95 || o.province().code().get() == 96));
    }
    // Ba Chẽ is 06970 (one source says 06978), Phố Bảng is spelled so.
    assert_eq!(commune("06970").name(), "Ba Chẽ");
    assert!(Commune::get("06978".parse().unwrap()).is_none());
    assert_eq!(commune("00745").name(), "Phố Bảng");
    // Resolutions: all 34 dated 16/06/2025, numbers 1654–1687.
    let res: BTreeSet<_> = Commune::all().iter().map(|c| c.resolution()).collect();
    assert_eq!(res.len(), 34);
}

#[test]
fn names_are_clean() {
    let names = Province::all()
        .iter()
        .map(|p| p.name())
        .chain(Commune::all().iter().map(|c| c.name()))
        .chain(legacy::Province::all().iter().map(|c| c.name()))
        .chain(legacy::District::all().iter().map(|c| c.name()))
        .chain(legacy::Commune::all().iter().map(|c| c.name()));
    for n in names {
        assert!(is_nfc(n), "{n:?} not NFC");
        assert_eq!(n.trim(), n);
        assert!(
            !n.contains("  ") && !n.contains('\n') && !n.contains('\t'),
            "{n:?}"
        );
        assert!(!n.is_empty());
        // Huế's old "Phường Phường Đúc" is the one name that really starts with a kind word.
        for prefix in [
            "Phường ",
            "Xã ",
            "Thị trấn ",
            "Tỉnh ",
            "Quận ",
            "Huyện ",
            "Thị xã ",
            "Đặc khu ",
        ] {
            assert!(
                !n.starts_with(prefix) || n == "Phường Đúc",
                "{n:?} keeps its prefix"
            );
        }
    }
}

#[test]
fn referential_integrity_and_order() {
    for (i, p) in Province::all().iter().enumerate() {
        assert!(std::ptr::eq(Province::get(p.code()).unwrap(), p));
        if i > 0 {
            assert!(Province::all()[i - 1].code() < p.code());
        }
        let codes: Vec<_> = p.communes().map(|c| c.code()).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
        assert!(p.communes().all(|c| std::ptr::eq(c.province(), p)));
    }
    let total: usize = Province::all().iter().map(|p| p.communes().len()).sum();
    assert_eq!(total, 3321);
    for (i, c) in Commune::all().iter().enumerate() {
        assert!(std::ptr::eq(Commune::get(c.code()).unwrap(), c));
        if i > 0 {
            assert!(Commune::all()[i - 1].code() < c.code());
        }
    }
    for d in legacy::District::all() {
        assert!(std::ptr::eq(legacy::District::get(d.code()).unwrap(), d));
        assert!(d.communes().all(|c| std::ptr::eq(c.district(), d)));
        assert!(d.province().districts().any(|x| std::ptr::eq(x, d)));
    }
    for c in legacy::Commune::all() {
        assert!(std::ptr::eq(legacy::Commune::get(c.code()).unwrap(), c));
        assert!(c.district().communes().any(|x| std::ptr::eq(x, c)));
    }
    let total: usize = legacy::Province::all()
        .iter()
        .map(|p| p.communes().count())
        .sum();
    assert_eq!(total, 10_035);
}

#[test]
fn geo_facts() {
    let with_centre = Commune::all()
        .iter()
        .filter(|c| c.geo().centroid().is_some())
        .count();
    // 3,321 minus the 9 centres the map portal gets wrong.
    assert_eq!(with_centre, 3_312);
    for c in Commune::all() {
        if let Some((lat, lon)) = c.geo().centroid() {
            assert!(
                (7.0..24.0).contains(&lat) && (102.0..118.0).contains(&lon),
                "{c}"
            );
        }
        if let Some(a) = c.geo().area_km2() {
            assert!(a > 0.0 && a < 10_000.0, "{c}: {a}");
        }
    }
    assert!(commune("04924").geo().centroid().is_none());
}

#[test]
fn bad_codes_are_errors_or_none() {
    assert_eq!("".parse::<CommuneCode>(), Err(ParseCodeError::Empty));
    assert_eq!("   ".parse::<ProvinceCode>(), Err(ParseCodeError::Empty));
    assert!(matches!(
        "7".parse::<ProvinceCode>(),
        Err(ParseCodeError::WrongLength { .. })
    ));
    assert!(matches!(
        "0x1F".parse::<ProvinceCode>(),
        Err(ParseCodeError::NotADigit { .. })
    ));
    assert!(matches!(
        "2674O".parse::<CommuneCode>(),
        Err(ParseCodeError::NotADigit { position: 5 })
    ));
    assert!(matches!(
        "+1234".parse::<CommuneCode>(),
        Err(ParseCodeError::NotADigit { position: 1 })
    ));
    assert!(matches!(
        "123".parse::<legacy::CommuneCode>(),
        Err(ParseCodeError::WrongLength {
            expected: 5,
            found: 3
        })
    ));
    // Unknown, well-formed codes: None.
    assert!(Province::get("00".parse().unwrap()).is_none());
    assert!(Province::get("99".parse().unwrap()).is_none());
    assert!(Commune::get("99999".parse().unwrap()).is_none());
    assert!(legacy::District::get("000".parse().unwrap()).is_none());
    // A legacy-only code is unknown in the current era and vice versa.
    assert!(Province::get("74".parse().unwrap()).is_none());
    assert!(legacy::Province::get("74".parse().unwrap()).is_some());
    assert!(legacy::Commune::get("00001".parse().unwrap()).is_some());
    assert!(Commune::get("00001".parse().unwrap()).is_none());
    for v in 0..=99_999 {
        let _ = Commune::get(CommuneCode::new(v).unwrap());
        let _ = legacy::Commune::get(legacy::CommuneCode::new(v).unwrap());
    }
    for v in 0..=999 {
        let _ = legacy::District::get(legacy::DistrictCode::new(v).unwrap());
    }
}
