//! Search keys: the compact form of a folded name that the index stores.

use std::borrow::Cow;

use crate::text::fold::fold;

/// The search key of a name: [`fold`], then spaces removed and leading zeros of
/// numbers dropped.
///
/// Keys are what the generated search index stores and what queries are compared
/// with, so that spacing variants (`"Đắk Glei"`/`"ĐăkGlei"`, `"Bà Rịa-Vũng Tàu"`),
/// punctuation and zero-padded numbers (`"Phường 01"`/`"Phường 1"`) all meet.
/// Vietnamese input gives lower-case ASCII letters and digits only.
///
/// # Examples
/// ```
/// use dvhc::search_key;
///
/// assert_eq!(search_key("Xuân Hương - Đà Lạt"), "xuanhuongdalat");
/// assert_eq!(search_key("Bà Rịa–Vũng Tàu"), search_key("Bà Rịa - Vũng Tàu"));
/// assert_eq!(search_key("01"), "1");
/// assert_eq!(search_key("P.07"), "p7");
/// assert_eq!(search_key("0"), "0");
/// ```
pub fn search_key(name: &str) -> Cow<'_, str> {
    let folded = fold(name);
    if is_key(&folded) {
        return folded;
    }
    let mut out = String::with_capacity(folded.len());
    let mut prev_digit = false;
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            // A space separates numbers that must stay apart ("1 2" is not "12").
            if prev_digit && chars.peek().is_some_and(char::is_ascii_digit) {
                out.push(' ');
                prev_digit = false;
            }
            continue;
        }
        let is_digit = c.is_ascii_digit();
        // Drop a leading zero of a number unless it is the number's last digit.
        if c == '0' && !prev_digit && chars.peek().is_some_and(char::is_ascii_digit) {
            continue;
        }
        out.push(c);
        prev_digit = is_digit;
    }
    Cow::Owned(out)
}

/// `true` when `s` is already a key: lower-case ASCII letters and digits, no number
/// with a leading zero.
fn is_key(s: &str) -> bool {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'a'..=b'z' | b'1'..=b'9' => {}
            b'0' => {
                let starts_number = i == 0 || !b[i - 1].is_ascii_digit();
                let more_digits = b.get(i + 1).is_some_and(u8::is_ascii_digit);
                if starts_number && more_digits {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// Appends the key of a word to a key being built left to right (a space separates
/// two numbers: "1 2" is not "12").
pub(crate) fn push_key(out: &mut String, word: &str) {
    if out.ends_with(|c: char| c.is_ascii_digit()) && word.starts_with(|c: char| c.is_ascii_digit())
    {
        out.push(' ');
    }
    out.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(search_key("Phường 01"), "phuong1");
        assert_eq!(search_key("10"), "10");
        assert_eq!(search_key("100"), "100");
        assert_eq!(search_key("007"), "7");
        assert_eq!(search_key("1 2"), "1 2");
        assert_eq!(search_key("1 02"), "1 2");
        assert_eq!(search_key("ĐăkGlei"), search_key("Đắk Glei"));
        assert!(matches!(search_key("dak glei"), Cow::Owned(_)));
        assert!(matches!(search_key("dakglei"), Cow::Borrowed(_)));
        assert_eq!(search_key(""), "");
        for s in ["Phường 01", "1 2", "a 0 0 1", "x00y", "0 07", "1 01"] {
            let k = search_key(s).into_owned();
            assert_eq!(search_key(&k), k, "idempotent on {s:?}");
        }
    }
}
