//! The messy writings of issue #14 as rewrites of an address: each a small,
//! deterministic function of `(input, seed)` that changes how the address is written,
//! not (except where [`Family::loses_information`] says so) what it designates.
//!
//! Used by the metamorphic tests (`tests/it/metamorphic.rs`), the messy workload
//! (`tests/it/workload.rs`), the `messy` criterion group of `benches/translate.rs` and
//! `examples/compare_runner.rs` (which include this file with `#[path]`).
//!
//! A rewrite returns `None` when it does not apply to the input (no comma to replace,
//! no kind word to glue, nothing a legacy encoding would change...). The same
//! `(input, seed)` always gives the same output.
//!
//! "Kind words" are the words before a unit's name (Phường, Xã, Thị trấn, Quận,
//! Huyện, Thị xã, Thành phố, Tỉnh, Đặc khu), written in full, without diacritics or
//! abbreviated with a full stop (`P.`, `TP.`). A rewrite looks for them only at the
//! start of a comma-separated part (anywhere in an address without commas), so that a
//! street such as "Công xã Paris" is not taken for a unit.
#![allow(dead_code)]

use dvhc::text::{mojibake, LegacyEncoding};
use unicode_normalization::UnicodeNormalization;

use super::common::{strip, Rng};

/// A family of rewrites: one kind of mess of issue #14.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// A remark before, inside or after the address: a label ("Shop cũ: ",
    /// "Trụ sở chính: "), a parenthesis ("(gần chợ)", "(cũ)") after the street or at
    /// the end, or a trailing phrase ("đối diện UBND xã", "cạnh trường THCS Nguyễn
    /// Du", "ngã tư Bảy Hiền").
    Remark,
    /// Kind words glued to the name, in full or abbreviated: `XãBù Gia Mập`,
    /// `TỉnhThái Nguyên`, `Thành phốHà Nội`, `T.Xã.Nghi Sơn`, `T.P Kon Tum`,
    /// `TP.Vinh`, `H.Bình Sơn`, `F Tân Dân`, `P12`, `Q.1`.
    Glued,
    /// The commas written as another separator, the same one throughout: ` - `, `–`,
    /// `—`, `/`, `;`, `|`, a line break or a tab (spreadsheet cells pasted as text). A
    /// hyphen inside an official name ("Bà Rịa - Vũng Tàu") stays.
    Separators,
    /// The commas dropped: "Phường Bến Nghé Quận 1 TP.HCM".
    NoSeparators,
    /// Kind words dropped, except before a number ("Bến Nghé, Quận 1, Hồ Chí Minh").
    /// Loses information: the kind tells Thị trấn Mường Tè from Xã Mường Tè.
    NoKind,
    /// Diacritics dropped (đ → d), the case kept, lowered or raised. Loses
    /// information: Trực Hưng and Trực Hùng become one name.
    NoDiacritics,
    /// Hamlet, alley and group words before the units, with or without diacritics:
    /// "hẻm 3", "to 5", "thon Dong", "Ấp 2", "khu phố 4"; after a leading house
    /// number and street, else first.
    ExtraWords,
    /// Invisible characters: U+200B–U+200D, U+2060, U+00AD and U+FEFF inserted, a space
    /// turned into a no-break space, or the space after a comma into a tab.
    Invisible,
    /// Look-alike characters: `Ð` (U+00D0) for `Đ`, fullwidth letters and digits, or
    /// the decomposed (NFD) form.
    Lookalike,
    /// Encoded in VNI-Windows and read back as Windows-1252 (`Xaõ Long Thaønh`).
    Vni,
    /// Encoded in TCVN3 (ABC) and read back as Windows-1252 (`X· Long Thµnh`).
    Tcvn3,
}

impl Family {
    /// Every family, in a fixed order.
    pub const ALL: [Family; 11] = [
        Family::Remark,
        Family::Glued,
        Family::Separators,
        Family::NoSeparators,
        Family::NoKind,
        Family::NoDiacritics,
        Family::ExtraWords,
        Family::Invisible,
        Family::Lookalike,
        Family::Vni,
        Family::Tcvn3,
    ];

    /// The family's name in reports and lists.
    pub fn name(self) -> &'static str {
        match self {
            Family::Remark => "remark",
            Family::Glued => "glued",
            Family::Separators => "separators",
            Family::NoSeparators => "no_separators",
            Family::NoKind => "no_kind",
            Family::NoDiacritics => "no_diacritics",
            Family::ExtraWords => "extra_words",
            Family::Invisible => "invisible",
            Family::Lookalike => "lookalike",
            Family::Vni => "vni",
            Family::Tcvn3 => "tcvn3",
        }
    }

    /// Whether the rewrite may make two units indistinguishable (homonyms without
    /// diacritics, namesakes of different kinds); the others keep every letter that
    /// tells units apart.
    pub fn loses_information(self) -> bool {
        matches!(self, Family::NoKind | Family::NoDiacritics)
    }

    /// Whether the rewrite only adds a remark or changes characters that do not show
    /// (or look the same): an input's confident answer must never turn into another
    /// confident answer under it.
    pub fn is_remark_or_invisible(self) -> bool {
        matches!(self, Family::Remark | Family::Invisible)
    }

    /// The rewritten address, or `None` when the rewrite does not apply to `input`.
    pub fn apply(self, input: &str, seed: u64) -> Option<String> {
        let mut rng = Rng(seed
            .wrapping_add(self as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            | 1);
        let out = match self {
            Family::Remark => remark(input, &mut rng),
            Family::Glued => glued(input, &mut rng),
            Family::Separators => separators(input, &mut rng),
            Family::NoSeparators => no_separators(input),
            Family::NoKind => no_kind(input),
            Family::NoDiacritics => no_diacritics(input, &mut rng),
            Family::ExtraWords => extra_words(input, &mut rng),
            Family::Invisible => invisible(input, &mut rng),
            Family::Lookalike => lookalike(input, &mut rng),
            Family::Vni => mojibake(input, LegacyEncoding::Vni).ok(),
            Family::Tcvn3 => mojibake(input, LegacyEncoding::Tcvn3).ok(),
        }?;
        (out != input).then_some(out)
    }
}

// ------------------------------------------------------------------------ kind words

/// The kind of unit a kind word names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    City,
    Town,
    Township,
    Ward,
    Commune,
    UrbanDistrict,
    RuralDistrict,
    Province,
    SpecialZone,
}

/// Kind words as matched (lower case), longest first among those sharing a start.
/// `true`: an abbreviation, which ends with its full stop.
const KIND_WORDS: &[(&str, Kind, bool)] = &[
    ("thành phố", Kind::City, false),
    ("thị trấn", Kind::Township, false),
    ("thị xã", Kind::Town, false),
    ("phường", Kind::Ward, false),
    ("xã", Kind::Commune, false),
    ("quận", Kind::UrbanDistrict, false),
    ("huyện", Kind::RuralDistrict, false),
    ("tỉnh", Kind::Province, false),
    ("đặc khu", Kind::SpecialZone, false),
    ("thanh pho", Kind::City, false),
    ("thi tran", Kind::Township, false),
    ("thi xa", Kind::Town, false),
    ("phuong", Kind::Ward, false),
    ("xa", Kind::Commune, false),
    ("quan", Kind::UrbanDistrict, false),
    ("huyen", Kind::RuralDistrict, false),
    ("tinh", Kind::Province, false),
    ("dac khu", Kind::SpecialZone, false),
    ("tp.", Kind::City, true),
    ("tx.", Kind::Town, true),
    ("tt.", Kind::Township, true),
    ("p.", Kind::Ward, true),
    ("x.", Kind::Commune, true),
    ("q.", Kind::UrbanDistrict, true),
    ("h.", Kind::RuralDistrict, true),
    ("t.", Kind::Province, true),
];

/// The byte length of `pattern` (lower case) at the start of `text`, compared
/// without case.
fn starts_with_ci(text: &str, pattern: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for p in pattern.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(std::iter::once(p)) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

/// A kind word at the start of `part`: (kind, the kind word as written, the name
/// after it). A full word must be followed by a space; the name must start with a
/// letter or digit. The kind words without diacritics ("phuong", "quan") count only
/// in an address written without diacritics (`ascii`), where "Quan Hoa" is less
/// likely to be a name.
fn kind_at(part: &str, ascii: bool) -> Option<(Kind, &str, &str)> {
    for &(pattern, kind, abbreviation) in KIND_WORDS {
        if !ascii && !abbreviation && pattern.is_ascii() {
            continue;
        }
        let Some(end) = starts_with_ci(part, pattern) else {
            continue;
        };
        let after = &part[end..];
        if !abbreviation && !after.starts_with(' ') {
            continue;
        }
        let name = after.trim_start();
        if name.chars().next().is_some_and(char::is_alphanumeric) {
            return Some((kind, &part[..end], name));
        }
    }
    None
}

/// An address cut into parts: at commas (trimmed) when it has any; otherwise at kind
/// words, each part a kind word and the words up to the next one (the words before
/// the first are one part).
struct Parts {
    items: Vec<String>,
    /// What joins the parts back: ", " or " ".
    sep: &'static str,
    /// The address has no letter with diacritics.
    ascii: bool,
}

impl Parts {
    fn of(input: &str) -> Parts {
        let ascii = input.is_ascii();
        if input.contains(',') {
            let items = input
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect();
            return Parts {
                items,
                sep: ", ",
                ascii,
            };
        }
        let words: Vec<&str> = input.split(' ').filter(|w| !w.is_empty()).collect();
        let mut items: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut i = 0;
        while i < words.len() {
            let rest = words[i..].join(" ");
            // A kind word (of one or two words) starts a new part.
            let kind_words = kind_at(&rest, ascii).map_or(0, |(_, w, _)| w.split(' ').count());
            if kind_words > 0 && !current.is_empty() {
                items.push(std::mem::take(&mut current));
            }
            for w in &words[i..(i + kind_words.max(1)).min(words.len())] {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(w);
            }
            i += kind_words.max(1);
        }
        if !current.is_empty() {
            items.push(current);
        }
        Parts {
            items,
            sep: " ",
            ascii,
        }
    }

    fn kind(&self, i: usize) -> Option<(Kind, &str, &str)> {
        kind_at(&self.items[i], self.ascii)
    }

    /// Whether the address starts with a street part (a house number, "Số 5 ...")
    /// that other parts follow: remarks and extra words go after it. In other
    /// addresses they go first, since where the street part ends cannot be told
    /// without parsing.
    fn starts_with_street(&self) -> bool {
        let first = &self.items[0];
        self.items.len() > 1
            && self.kind(0).is_none()
            && (first.starts_with(|c: char| c.is_ascii_digit())
                || starts_with_ci(first, "số ").is_some())
    }

    fn join(&self) -> String {
        self.items.join(self.sep)
    }
}

/// An all-capital ASCII name such as the "HCM" of "TP.HCM": an alias that keeps its
/// kind letters.
fn is_acronym(name: &str) -> bool {
    name.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_number(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit())
}

/// A glued way of writing `kind` before `name`; `word` is the kind word as written.
fn glue(kind: Kind, word: &str, name: &str, rng: &mut Rng) -> String {
    let full = word.trim_end_matches('.');
    let full_ok = !word.ends_with('.');
    if is_number(name) {
        let forms: &[&str] = match kind {
            Kind::Ward => &["P", "P.", "F", "F.", "p"],
            Kind::UrbanDistrict => &["Q", "Q.", "q"],
            _ => &[],
        };
        if forms.is_empty() {
            return format!("{full}{name}");
        }
        return format!("{}{name}", rng.pick(forms));
    }
    let forms: &[&str] = match kind {
        Kind::City => &["", "TP.", "Tp.", "T.P ", "T.P."],
        Kind::Town => &["", "TX.", "Tx.", "T.Xã."],
        Kind::Township => &["", "TT.", "Tt."],
        Kind::Ward => &["", "P.", "F ", "F."],
        Kind::Commune => &["", "X."],
        Kind::UrbanDistrict => &["", "Q."],
        Kind::RuralDistrict => &["", "H."],
        Kind::Province => &["", "T."],
        Kind::SpecialZone => &["", "ĐK."],
    };
    match rng.pick(forms) {
        // The kind word in full, glued: only before a capital ("XãBù Gia Mập"),
        // which is how it happens (a lost space), and only when written in full.
        "" if full_ok && name.starts_with(char::is_uppercase) => format!("{full}{name}"),
        "" => format!("{}{name}", forms[1]),
        f => format!("{f}{name}"),
    }
}

fn glued(input: &str, rng: &mut Rng) -> Option<String> {
    let mut parts = Parts::of(input);
    let kinds: Vec<usize> = (0..parts.items.len())
        .filter(|&i| parts.kind(i).is_some())
        .collect();
    if kinds.is_empty() {
        return None;
    }
    // Each kind word glued with probability 1/2, at least one.
    let mut chosen: Vec<usize> = kinds
        .iter()
        .copied()
        .filter(|_| rng.below(2) == 0)
        .collect();
    if chosen.is_empty() {
        chosen.push(rng.pick(&kinds));
    }
    for i in chosen {
        if let Some((kind, word, name)) = parts.kind(i) {
            parts.items[i] = glue(kind, word, name, rng);
        }
    }
    Some(parts.join())
}

fn no_kind(input: &str) -> Option<String> {
    let mut parts = Parts::of(input);
    let mut changed = false;
    for i in 0..parts.items.len() {
        match parts.kind(i) {
            Some((_, _, name)) if !name.starts_with(char::is_numeric) && !is_acronym(name) => {
                parts.items[i] = name.to_owned();
                changed = true;
            }
            _ => {}
        }
    }
    changed.then(|| parts.join())
}

// ------------------------------------------------------------------------ separators

/// Separators people write instead of commas (spacing as found in messy_real.tsv).
const SEPARATORS: &[&str] = &[
    " - ", "- ", " – ", " — ", "/", " / ", "; ", " | ", "\n", " -", "\t",
];

fn separators(input: &str, rng: &mut Rng) -> Option<String> {
    if !input.contains(',') {
        return None;
    }
    Some(Parts::of(input).items.join(rng.pick(SEPARATORS)))
}

fn no_separators(input: &str) -> Option<String> {
    if !input.contains(',') {
        return None;
    }
    Some(Parts::of(input).items.join(" "))
}

// ------------------------------------------------------------------------ diacritics

fn no_diacritics(input: &str, rng: &mut Rng) -> Option<String> {
    let bare = strip(input);
    Some(match rng.below(3) {
        0 => bare,
        1 => bare.to_lowercase(),
        _ => bare.to_uppercase(),
    })
}

// ----------------------------------------------------------------- remarks and extras

/// Labels written before an address (from shop, company and order lists).
const LABELS: &[&str] = &[
    "Shop cũ: ",
    "Trụ sở chính: ",
    "Địa chỉ: ",
    "ĐC: ",
    "Chi nhánh 2: ",
    "Địa chỉ cũ: ",
    "Giao hàng tới: ",
];

/// Remarks in parentheses.
const PARENTHESES: &[&str] = &[
    "(gần chợ)",
    "(cũ)",
    "(đối diện UBND xã)",
    "(cạnh trường THCS Nguyễn Du)",
    "(ngã tư Hàng Xanh)",
    "(sau lưng chợ)",
    "(gọi trước khi giao)",
];

/// Remarks written after the address without parentheses.
const TRAILING: &[&str] = &[
    "đối diện UBND xã",
    "cạnh trường Tiểu học Lê Lợi",
    "cạnh trường THPT Trần Phú",
    "ngã tư Bảy Hiền",
    "gần chợ",
    "gần ngã ba Quang Trung",
    "(cũ)",
];

fn remark(input: &str, rng: &mut Rng) -> Option<String> {
    Some(match rng.below(4) {
        0 => format!("{}{input}", rng.pick(LABELS)),
        1 => format!("{input} {}", rng.pick(PARENTHESES)),
        2 => {
            let sep = rng.pick(&[", ", " - ", " "]);
            format!("{input}{sep}{}", rng.pick(TRAILING))
        }
        _ => {
            // After the street part, before the first unit.
            let mut parts = Parts::of(input);
            if parts.starts_with_street() {
                parts.items[0].push(' ');
                parts.items[0].push_str(rng.pick(PARENTHESES));
                parts.join()
            } else {
                format!("{input} {}", rng.pick(PARENTHESES))
            }
        }
    })
}

/// Hamlet, alley and group words ("hẻm 3"); `{}` is a number or a direction.
const EXTRA: &[(&str, &str)] = &[
    ("hẻm {}", "hem {}"),
    ("tổ {}", "to {}"),
    ("thôn {}", "thon {}"),
    ("ấp {}", "ap {}"),
    ("khu phố {}", "kp{}"),
    ("xóm {}", "xom {}"),
    ("ngõ {}", "ngo {}"),
    ("kiệt {}", "kiet {}"),
    ("khối {}", "khoi {}"),
    ("Tổ {}", "To {}"),
    ("Ấp {}", "Ap {}"),
    ("Thôn {}", "Thon {}"),
];

/// What follows a hamlet word: mostly numbers, sometimes a direction.
const PLACES: &[&str] = &[
    "1", "2", "3", "4", "5", "7", "9", "12", "15", "Đông", "Tây", "Nam", "Bắc", "Trung", "Hạ",
];

fn extra_words(input: &str, rng: &mut Rng) -> Option<String> {
    let (with, without) = rng.pick(EXTRA);
    let place = rng.pick(PLACES);
    let extra = if rng.below(2) == 0 {
        with.replace("{}", place)
    } else {
        without.replace("{}", &strip(place))
    };
    let mut parts = Parts::of(input);
    let at = usize::from(parts.starts_with_street());
    parts.items.insert(at, extra);
    Some(parts.join())
}

// ----------------------------------------------------------- invisible and look-alike

const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{AD}', '\u{FEFF}',
];

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

fn invisible(input: &str, rng: &mut Rng) -> Option<String> {
    let mut chars: Vec<char> = input.chars().collect();
    for _ in 0..1 + rng.below(4) {
        // Before a character that is not a combining mark (never inside a letter).
        let at = rng.below(chars.len() + 1);
        if chars.get(at).is_some_and(|&c| is_mark(c)) {
            continue;
        }
        chars.insert(at, rng.pick(INVISIBLE));
    }
    // A no-break space for any space (HTML's &nbsp; inside a name); a tab only for
    // the space after a comma, where it is whitespace between parts (dvhc reads a
    // tab as a break between parts, as between spreadsheet cells).
    let spaces: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == ' ').collect();
    let after_comma: Vec<usize> = spaces
        .iter()
        .copied()
        .filter(|&i| i > 0 && chars[i - 1] == ',')
        .collect();
    match rng.below(3) {
        0 if !spaces.is_empty() => chars[rng.pick(&spaces)] = '\u{A0}',
        1 if !after_comma.is_empty() => chars[rng.pick(&after_comma)] = '\t',
        _ => {}
    }
    if rng.below(4) == 0 {
        chars.insert(0, '\u{FEFF}');
    }
    Some(chars.into_iter().collect())
}

fn fullwidth(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
        _ => c,
    }
}

fn lookalike(input: &str, rng: &mut Rng) -> Option<String> {
    let mut out = input.replace('Đ', "Ð");
    let variant = rng.below(4);
    // Every digit fullwidth (typed with a CJK input method).
    if variant == 0 {
        out = out
            .chars()
            .map(|c| if c.is_ascii_digit() { fullwidth(c) } else { c })
            .collect();
    }
    // Decomposed: the same letters, as base letters and combining marks.
    if variant == 3 {
        out = out.nfd().collect();
    }
    // One word fullwidth, letters and digits (also when the others changed nothing).
    if variant == 1 || variant == 2 || out == input {
        let words: Vec<&str> = out.split(' ').collect();
        let candidates: Vec<usize> = (0..words.len())
            .filter(|&i| words[i].chars().any(|c| c.is_ascii_alphanumeric()))
            .collect();
        if candidates.is_empty() {
            return Some(out);
        }
        let pick = rng.pick(&candidates);
        let word: String = words[pick]
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    fullwidth(c)
                } else {
                    c
                }
            })
            .collect();
        let mut words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        words[pick] = word;
        out = words.join(" ");
    }
    Some(out)
}

// ------------------------------------------------- workload-only: typos and case

/// One typing error in a word of the units (the second half of the address): a
/// letter dropped, doubled or swapped with the next, away from the first letter.
/// Not a metamorphic family: a typo may turn a name into another one. Used by the
/// messy workload at the rate of `typo` rows in messy_real.tsv.
pub fn typo(input: &str, seed: u64) -> Option<String> {
    let mut rng = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
    let words: Vec<(usize, &str)> = input
        .split_inclusive([' ', ','])
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len();
            Some((start, w.trim_end_matches([' ', ','])))
        })
        .collect();
    let half = words.len() / 2;
    let candidates: Vec<(usize, &str)> = words[half..]
        .iter()
        .copied()
        .filter(|(_, w)| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let (start, word) = rng.pick(&candidates);
    let mut letters: Vec<char> = word.chars().collect();
    let i = 1 + rng.below(letters.len() - 2);
    match rng.below(3) {
        0 => {
            letters.remove(i);
        }
        1 => letters.insert(i, letters[i]),
        _ => letters.swap(i, i + 1),
    }
    let new: String = letters.into_iter().collect();
    let out = format!("{}{new}{}", &input[..start], &input[start + word.len()..]);
    (out != input).then_some(out)
}

/// The whole address in capitals or in small letters (messy_real.tsv's `upper` and
/// `lower` rows).
pub fn case(input: &str, seed: u64) -> Option<String> {
    let out = if seed % 2 == 0 {
        input.to_uppercase()
    } else {
        input.to_lowercase()
    };
    (out != input).then_some(out)
}
