//! Figures stated in PROVENANCE.md and AMENDMENTS.md that the importer
//! asserts. Section numbers refer to those files.

/// §6: new province → (old GSO province codes, commune-level resolution,
/// phường, xã, đặc khu, total) as of 2025-07-01.
pub const PROVINCES_2025: [(&str, &[&str], &str, [usize; 4]); 34] = [
    ("01", &["01"], "1656/NQ-UBTVQH15", [51, 75, 0, 126]),
    ("04", &["04"], "1657/NQ-UBTVQH15", [3, 53, 0, 56]),
    ("08", &["02", "08"], "1684/NQ-UBTVQH15", [7, 117, 0, 124]),
    ("11", &["11"], "1661/NQ-UBTVQH15", [3, 42, 0, 45]),
    ("12", &["12"], "1670/NQ-UBTVQH15", [2, 36, 0, 38]),
    ("14", &["14"], "1681/NQ-UBTVQH15", [8, 67, 0, 75]),
    ("15", &["10", "15"], "1673/NQ-UBTVQH15", [10, 89, 0, 99]),
    ("19", &["06", "19"], "1683/NQ-UBTVQH15", [15, 77, 0, 92]),
    ("20", &["20"], "1672/NQ-UBTVQH15", [4, 61, 0, 65]),
    ("22", &["22"], "1679/NQ-UBTVQH15", [30, 22, 2, 54]),
    ("24", &["24", "27"], "1658/NQ-UBTVQH15", [33, 66, 0, 99]),
    (
        "25",
        &["17", "25", "26"],
        "1676/NQ-UBTVQH15",
        [15, 133, 0, 148],
    ),
    ("31", &["30", "31"], "1669/NQ-UBTVQH15", [45, 67, 2, 114]),
    ("33", &["33", "34"], "1666/NQ-UBTVQH15", [11, 93, 0, 104]),
    (
        "37",
        &["35", "36", "37"],
        "1674/NQ-UBTVQH15",
        [32, 97, 0, 129],
    ),
    ("38", &["38"], "1686/NQ-UBTVQH15", [19, 147, 0, 166]),
    ("40", &["40"], "1678/NQ-UBTVQH15", [11, 119, 0, 130]),
    ("42", &["42"], "1665/NQ-UBTVQH15", [9, 60, 0, 69]),
    ("44", &["44", "45"], "1680/NQ-UBTVQH15", [8, 69, 1, 78]),
    ("46", &["46"], "1675/NQ-UBTVQH15", [21, 19, 0, 40]),
    ("48", &["48", "49"], "1659/NQ-UBTVQH15", [23, 70, 1, 94]),
    ("51", &["51", "62"], "1677/NQ-UBTVQH15", [9, 86, 1, 96]),
    ("52", &["52", "64"], "1664/NQ-UBTVQH15", [25, 110, 0, 135]),
    ("56", &["56", "58"], "1667/NQ-UBTVQH15", [16, 48, 1, 65]),
    ("66", &["54", "66"], "1660/NQ-UBTVQH15", [14, 88, 0, 102]),
    (
        "68",
        &["60", "67", "68"],
        "1671/NQ-UBTVQH15",
        [20, 103, 1, 124],
    ),
    ("75", &["70", "75"], "1662/NQ-UBTVQH15", [23, 72, 0, 95]),
    (
        "79",
        &["74", "77", "79"],
        "1685/NQ-UBTVQH15",
        [113, 54, 1, 168],
    ),
    ("80", &["72", "80"], "1682/NQ-UBTVQH15", [14, 82, 0, 96]),
    ("82", &["82", "87"], "1663/NQ-UBTVQH15", [20, 82, 0, 102]),
    (
        "86",
        &["83", "84", "86"],
        "1687/NQ-UBTVQH15",
        [19, 105, 0, 124],
    ),
    ("91", &["89", "91"], "1654/NQ-UBTVQH15", [14, 85, 3, 102]),
    (
        "92",
        &["92", "93", "94"],
        "1668/NQ-UBTVQH15",
        [31, 72, 0, 103],
    ),
    ("96", &["95", "96"], "1655/NQ-UBTVQH15", [9, 55, 0, 64]),
];

/// AMENDMENTS §2: (resolution, issued, effective).
pub const RESOLUTIONS_2026: [(&str, &str, &str); 5] = [
    ("237/NQ-UBTVQH16", "14/04/2026", "30/04/2026"),
    ("30/2026/QH16", "24/04/2026", "30/04/2026"),
    ("388/NQ-UBTVQH16", "04/08/2026", "20/09/2026"),
    ("36/2026/QH16", "24/08/2026", "01/09/2026"),
    ("39/2026/QH16", "24/08/2026", "20/09/2026"),
];

/// AMENDMENTS §3: (effective date, code, legal basis); level follows from
/// the code length.
pub const CHANGES: [(&str, &str, &str); 25] = [
    ("2026-04-30", "75", "30/2026/QH16"),
    ("2026-09-01", "22", "36/2026/QH16"),
    ("2026-09-20", "24", "39/2026/QH16"),
    ("2026-04-30", "25270", "237/NQ-UBTVQH16"),
    ("2026-04-30", "25357", "237/NQ-UBTVQH16"),
    ("2026-04-30", "25363", "237/NQ-UBTVQH16"),
    ("2026-04-30", "26116", "237/NQ-UBTVQH16"),
    ("2026-04-30", "26170", "237/NQ-UBTVQH16"),
    ("2026-04-30", "26248", "237/NQ-UBTVQH16"),
    ("2026-04-30", "26326", "237/NQ-UBTVQH16"),
    ("2026-04-30", "26368", "237/NQ-UBTVQH16"),
    ("2026-04-30", "26425", "237/NQ-UBTVQH16"),
    ("2026-04-30", "26485", "237/NQ-UBTVQH16"),
    ("2026-09-20", "07294", "388/NQ-UBTVQH16"),
    ("2026-09-20", "07375", "388/NQ-UBTVQH16"),
    ("2026-09-20", "07399", "388/NQ-UBTVQH16"),
    ("2026-09-20", "07444", "388/NQ-UBTVQH16"),
    ("2026-09-20", "07840", "388/NQ-UBTVQH16"),
    ("2026-09-20", "09193", "388/NQ-UBTVQH16"),
    ("2026-09-20", "09292", "388/NQ-UBTVQH16"),
    ("2026-09-20", "09313", "388/NQ-UBTVQH16"),
    ("2026-09-20", "09319", "388/NQ-UBTVQH16"),
    ("2026-09-20", "09454", "388/NQ-UBTVQH16"),
    ("2026-09-20", "09475", "388/NQ-UBTVQH16"),
    ("2026-09-20", "09496", "388/NQ-UBTVQH16"),
];

/// AMENDMENTS §4: state as of each date: thành phố, tỉnh, phường, xã, đặc khu.
pub const COUNTS_BY_DATE: [(&str, [usize; 5]); 4] = [
    ("2025-07-01", [6, 28, 687, 2621, 13]),
    ("2026-04-30", [7, 27, 697, 2611, 13]),
    ("2026-09-01", [8, 26, 697, 2611, 13]),
    ("2026-09-20", [9, 25, 709, 2599, 13]),
];

/// AMENDMENTS §4: the 9 centrally governed cities after the amendments.
pub const CITIES_NOW: [&str; 9] = ["01", "22", "24", "31", "46", "48", "75", "79", "92"];

/// AMENDMENTS §4: province mix (phường, xã, đặc khu) before → after.
pub const MIX_CHANGES: [(&str, [usize; 3], [usize; 3]); 3] = [
    ("75", [23, 72, 0], [33, 62, 0]),
    ("24", [33, 66, 0], [45, 54, 0]),
    ("22", [30, 22, 2], [30, 22, 2]),
];

/// §1: the communeless island districts and the đặc khu they became.
pub const ISLAND_DISTRICTS: [(&str, &str); 5] = [
    ("318", "11948"),
    ("471", "19742"),
    ("498", "20333"),
    ("536", "21548"),
    ("755", "26732"),
];

/// §10.3: centre points that are wrong in bando's attribute data.
pub const WRONG_CENTRES: [&str; 9] = [
    "04924", "08296", "29983", "30130", "28615", "06757", "06967", "04714", "06172",
];

/// §2.1: bando type errors (official code, official kind).
pub const BANDO_TYPE_ERRORS: [(&str, &str); 4] = [
    ("10543", "phuong"),
    ("11848", "xa"),
    ("31213", "phuong"),
    ("31299", "xa"),
];

/// §2.1: wrong GSO `Cấp` values (code, kind by name prefix).
pub const GSO_LEVEL_ERRORS: [(&str, &str); 3] = [
    ("15061", "thi_tran"),
    ("27046", "phuong"),
    ("27076", "phuong"),
];

/// §5 spot checks: (code, province, name) that must be present.
pub const SPOT_CHECKS: [(&str, &str, &str); 18] = [
    ("24781", "68", "Xuân Hương - Đà Lạt"),
    ("22924", "68", "Phú Thuỷ"),
    ("04714", "15", "Yên Bình"),
    ("31825", "96", "Bạc Liêu"),
    ("31942", "96", "Giá Rai"),
    ("31900", "96", "Vĩnh Lợi"),
    ("31891", "96", "Hòa Bình"),
    ("31867", "96", "Phước Long"),
    ("31843", "96", "Hồng Dân"),
    ("31985", "96", "Long Điền"),
    ("26740", "79", "Sài Gòn"),
    ("26737", "79", "Tân Định"),
    ("06970", "22", "Ba Chẽ"),
    ("00745", "08", "Phố Bảng"),
    ("23938", "52", "Ia Mơ"),
    ("24496", "66", "Ea Kly"),
    ("06325", "20", "Bắc Sơn"),
    ("14698", "37", "Kim Đông"),
];

/// §5: names that must exist in Lâm Đồng (68) and Lạng Sơn (20).
pub const NAMED_UNITS: [(&str, &str, &str); 9] = [
    ("68", "xa", "Đức Trọng"),
    ("68", "xa", "Hàm Thuận"),
    ("68", "phuong", "Nam Gia Nghĩa"),
    ("68", "xa", "Kiến Đức"),
    ("20", "phuong", "Đông Kinh"),
    ("20", "phuong", "Kỳ Lừa"),
    ("20", "phuong", "Tam Thanh"),
    ("20", "phuong", "Lương Văn Tri"),
    ("68", "phuong", "Xuân Hương - Đà Lạt"),
];

/// §11: sample postal codes (commune, postal code). 01273, 01288, 20333,
/// 31825 and 32248 also agree with an independent extraction of the
/// annex of Decision 2334/QĐ-BKHCN; 08872 and 11713 are the two rows that
/// annex misprints (152213; "#VALUE!" for the name), as the source fills them.
pub const POSTAL_SAMPLES: [(&str, &str); 13] = [
    ("00004", "11120"),
    ("00070", "11024"),
    ("01273", "21117"),
    ("01288", "21112"),
    ("06970", "02006"),
    ("08872", "15221"),
    ("11713", "05127"),
    ("20333", "50906"),
    ("22736", "57906"),
    ("24781", "66122"),
    ("26740", "71016"),
    ("31825", "97116"),
    ("32248", "98912"),
];

/// §11: prefixes of Hà Nội and Hồ Chí Minh that no commune's code starts
/// with ("province:prefix").
pub const POSTAL_UNUSED_PREFIXES: [&str; 4] = ["01:10", "01:14", "79:70", "79:74"];

/// Current communes (kinds of 2025-07-01) whose names differ only in
/// diacritics from another commune of the same province, so that they share
/// a codename and an English name ("codename:codes").
pub const SHARED_CODENAMES: [&str; 8] = [
    "xa_van_lang:02143/05665",
    "xa_cam_giang:10888/10903",
    "xa_ba_to:21484/21523",
    "xa_son_ha:21289/21292",
    "xa_loc_thanh:25280/25294",
    "xa_thanh_an:25807/27676",
    "xa_tan_thanh:25534/27826",
    "xa_tan_thanh:29938/30157",
];
