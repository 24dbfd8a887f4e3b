//! Text normalisation shared by every reader and check.
//!
//! * [`clean`]: NFC, internal whitespace collapsed to one space, trimmed.
//! * [`tone_key`]: a comparison key that ignores letter case and *where* a tone
//!   mark sits inside a syllable (Hoà/Hòa, Thuỷ/Thủy), optionally also the
//!   apostrophe form (’ vs ').
//! * [`ascii_fold`]: lowercase ASCII, diacritics removed, đ→d, every
//!   non-alphanumeric removed ("Thành phố Hồ Chí Minh" → "thanhphohochiminh").
//! * [`english_name`], [`full_english_name`], [`slug`]: the English-name and
//!   codename rules of data/README.md ("English names and codenames"), as the crate
//!   implements them, used by the importer to measure the sources against them.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// The five Vietnamese tone marks as combining characters (NFD): the crate's own list
/// (`src/text/marks.rs`, which the generator includes), so that the importer and the
/// crate agree on what a tone mark is.
const TONE_MARKS: [char; 5] = crate::codegen::marks::TONE_CHARS;

/// NFC, whitespace collapsed to single spaces, trimmed.
pub fn clean(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.nfc().collect()
}

pub fn is_nfc_str(s: &str) -> bool {
    is_nfc(s)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`')
}

/// Key equal for two spellings that differ only in case and tone placement
/// (and, if `fold_apostrophe`, in the apostrophe character).
pub fn tone_key(s: &str, fold_apostrophe: bool) -> String {
    let lower = clean(s).to_lowercase();
    let mut out = String::with_capacity(lower.len() + 8);
    for (i, word) in lower.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut base = String::new();
        let mut tones = String::new();
        for c in word.nfd() {
            if TONE_MARKS.contains(&c) {
                tones.push(c);
            } else if fold_apostrophe && is_apostrophe(c) {
                base.push('\'');
            } else {
                base.push(c);
            }
        }
        out.extend(base.nfc());
        out.push_str(&tones);
    }
    out
}

/// Compacted ASCII fold: lowercase, no diacritics, đ→d, only [a-z0-9].
pub fn ascii_fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// English name of a unit (rule 1): the crate's own `dvhc::text::strip_diacritics`,
/// the one implementation, so that the importer measures the sources against what the
/// crate ships ("Ea H’Leo" → "Ea H'Leo", "Xuân Hương - Đà Lạt" → "Xuan Huong - Da Lat").
pub fn english_name(name: &str) -> String {
    dvhc::text::strip_diacritics(name).into_owned()
}

/// Full English name (rule 3): the crate's `dvhc::FullNameEn`, kind word after the
/// name ("Ben Nghe Ward"), or before it when the name contains a digit ("Ward 1").
pub fn full_english_name(name_en: &str, kind_word: &str) -> String {
    dvhc::FullNameEn::new(name_en, kind_word).to_string()
}

/// Codename (rule 4): the crate's `dvhc::text::slug` of the full Vietnamese name
/// ("Phường Bến Nghé" → "phuong_ben_nghe") or of the bare name ("ben_nghe").
pub fn slug(name: &str) -> String {
    dvhc::text::slug(name)
}

/// How a variant spelling relates to a reference name (both cleaned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameDiff {
    Exact,
    /// Differs only in letter case.
    Case,
    /// Differs in tone placement (and possibly case).
    Tone,
    /// Differs only once apostrophe forms are folded too.
    Apostrophe,
    Other,
}

pub fn name_diff(reference: &str, variant: &str) -> NameDiff {
    if reference == variant {
        NameDiff::Exact
    } else if reference.to_lowercase() == variant.to_lowercase() {
        NameDiff::Case
    } else if tone_key(reference, false) == tone_key(variant, false) {
        NameDiff::Tone
    } else if tone_key(reference, true) == tone_key(variant, true) {
        NameDiff::Apostrophe
    } else {
        NameDiff::Other
    }
}

/// Splits a full name into its type prefix and the bare name, matching the
/// prefix case-insensitively. `table` lists (prefix, kind); longer prefixes
/// that share a start with shorter ones must come first.
pub fn split_prefix<K: Copy>(full: &str, table: &[(&str, K)]) -> Option<(K, String)> {
    for (prefix, kind) in table {
        let n = prefix.chars().count();
        let head: String = full.chars().take(n).collect();
        if head.to_lowercase() != prefix.to_lowercase() {
            continue;
        }
        let rest: String = full.chars().skip(n).collect();
        if let Some(name) = rest.strip_prefix(' ') {
            if !name.is_empty() {
                return Some((*kind, name.to_string()));
            }
        }
    }
    None
}

/// Levenshtein distance on chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Zero-pads a decimal code to `width` digits; errors on anything but digits.
pub fn pad_code(raw: &str, width: usize) -> anyhow::Result<String> {
    let t = raw.trim();
    anyhow::ensure!(
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) && t.len() <= width,
        "not a code of at most {width} digits: {raw:?}"
    );
    Ok(format!("{t:0>width$}"))
}

/// Checks that `s` is exactly `width` ASCII digits.
pub fn is_code(s: &str, width: usize) -> bool {
    s.len() == width && s.chars().all(|c| c.is_ascii_digit())
}

/// "dd/mm/yyyy" → "yyyy-mm-dd".
pub fn iso_date(dmy: &str) -> anyhow::Result<String> {
    let parts: Vec<&str> = dmy.trim().split('/').collect();
    anyhow::ensure!(
        parts.len() == 3
            && parts[0].len() == 2
            && parts[1].len() == 2
            && parts[2].len() == 4
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())),
        "not a dd/mm/yyyy date: {dmy:?}"
    );
    Ok(format!("{}-{}-{}", parts[2], parts[1], parts[0]))
}

/// Code in trailing parentheses, e.g. "Quận Ba Đình (001)" → ("Quận Ba Đình", "001").
pub fn split_paren_code(label: &str) -> Option<(String, String)> {
    let t = clean(label);
    let open = t.rfind('(')?;
    let inner = t[open + 1..].strip_suffix(')')?;
    if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((t[..open].trim().to_string(), inner.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_is_ignored() {
        assert_eq!(tone_key("Hoà", false), tone_key("Hòa", false));
        assert_eq!(tone_key("Thuỷ", false), tone_key("thủy", false));
        assert_ne!(tone_key("Quý", false), tone_key("Quí", false));
        assert_ne!(tone_key("Đăk", false), tone_key("Đắk", false));
        assert_ne!(tone_key("H’Leo", false), tone_key("H'Leo", false));
        assert_eq!(tone_key("H’Leo", true), tone_key("H'Leo", true));
    }

    #[test]
    fn folds() {
        assert_eq!(ascii_fold("Thành phố Hồ Chí Minh"), "thanhphohochiminh");
        assert_eq!(ascii_fold("Quận 3"), "quan3");
        assert_eq!(ascii_fold("Xã Ea H’Leo"), "xaeahleo");
        assert_eq!(clean(" Phường \nHoàn  Kiếm "), "Phường Hoàn Kiếm");
    }

    #[test]
    fn english_and_slug() {
        assert_eq!(english_name("Ea H’Leo"), "Ea H'Leo");
        assert_eq!(english_name("Đắk Lắk"), "Dak Lak");
        assert_eq!(english_name("Xuân Hương - Đà Lạt"), "Xuan Huong - Da Lat");
        assert_eq!(english_name("Thừa Thiên Huế"), "Thua Thien Hue");
        assert_eq!(full_english_name("Ben Nghe", "Ward"), "Ben Nghe Ward");
        assert_eq!(full_english_name("1", "District"), "District 1");
        assert_eq!(full_english_name("Ha Giang 1", "Ward"), "Ward Ha Giang 1");
        assert_eq!(slug("Phường Bến Nghé"), "phuong_ben_nghe");
        assert_eq!(slug("Thành phố Hà Nội"), "thanh_pho_ha_noi");
        assert_eq!(slug("Xã Ea H’Leo"), "xa_ea_hleo");
        assert_eq!(slug("Phan Rang-Tháp Chàm"), "phan_rang_thap_cham");
        assert_eq!(slug("N.T Phong Hải"), "n_t_phong_hai");
        assert_eq!(slug(" -Quận 1- "), "quan_1");
    }

    #[test]
    fn prefixes() {
        let t = [("Thị trấn", 1), ("Phường", 2), ("Xã", 3)];
        assert_eq!(split_prefix("xã Bắc Sơn", &t), Some((3, "Bắc Sơn".into())));
        assert_eq!(
            split_prefix("Thị Trấn Ái Tử", &t),
            Some((1, "Ái Tử".into()))
        );
        assert_eq!(
            split_prefix("Phường Phường Đúc", &t),
            Some((2, "Phường Đúc".into()))
        );
        assert_eq!(split_prefix("Xuân Quang 3", &t), None);
        assert_eq!(edit_distance("sangnhe", "xanhe"), 3);
    }
}
