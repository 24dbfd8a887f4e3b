//! Query analysis shared by search and address parsing: words with their positions
//! in the input, kind words (`phường`, `P.`, `Q1`, `District`), search keys.

use crate::fold::fold;
use crate::key::search_key;

/// A word of the input: a run of letters and digits (with any combining marks),
/// with its byte range in the input and its folded form.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub(crate) start: usize,
    /// Folded (lower-case ASCII for Vietnamese), no spaces.
    pub(crate) text: String,
    /// A comma, semicolon, newline or similar stands between this word and the
    /// previous one.
    pub(crate) hard_break_before: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn is_hard_break(c: char) -> bool {
    matches!(c, ',' | ';' | '\n' | '\r' | '|' | '\t' | '，' | '、' | '/')
}

/// Splits `input` into words. A kind abbreviation glued to a number (`Q1`, `p07`,
/// `F15`, `phuong12`) becomes two words. At most `max_words` words are returned.
pub(crate) fn words(input: &str, max_words: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut hard = false;
    let mut start: Option<usize> = None;
    let push = |s: usize, e: usize, hard: &mut bool, out: &mut Vec<Word>| {
        if out.len() >= max_words {
            return;
        }
        let text: String = fold(&input[s..e]).chars().filter(|c| *c != ' ').collect();
        if text.is_empty() {
            return;
        }
        // Split a glued kind abbreviation and number: "q1", "p07", "phuong12".
        let split = text
            .find(|c: char| c.is_ascii_digit())
            .filter(|&i| i > 0 && text[i..].bytes().all(|b| b.is_ascii_digit()))
            .filter(|&i| kind_word(&[&text[..i]]).is_some());
        match split {
            Some(i) => {
                // Byte offsets in the original: the letters are ASCII-folded from the
                // start of the word; find the first digit in the original.
                let digit_at = input[s..e]
                    .char_indices()
                    .find(|(_, c)| c.is_ascii_digit())
                    .map_or(e, |(j, _)| s + j);
                out.push(Word {
                    start: s,
                    text: text[..i].to_owned(),
                    hard_break_before: *hard,
                });
                if out.len() < max_words {
                    out.push(Word {
                        start: digit_at,
                        text: text[i..].to_owned(),
                        hard_break_before: false,
                    });
                }
            }
            None => out.push(Word {
                start: s,
                text,
                hard_break_before: *hard,
            }),
        }
        *hard = false;
    };
    for (i, c) in input.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                push(s, i, &mut hard, &mut out);
            }
            if is_hard_break(c) {
                hard = true;
            }
        }
        if out.len() >= max_words {
            break;
        }
    }
    if let Some(s) = start {
        push(s, input.len(), &mut hard, &mut out);
    }
    out
}

/// A word (or two) naming the kind of a unit, in Vietnamese, abbreviated or in
/// English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KindWord {
    /// thành phố, tp, city, thủ đô
    City,
    /// tỉnh, t, province
    Province,
    /// quận, q
    UrbanDistrict,
    /// huyện, h
    RuralDistrict,
    /// district (quận or huyện)
    District,
    /// thị xã, tx, town
    Town,
    /// phường, p, f, ward
    Ward,
    /// xã, x, commune
    Commune,
    /// thị trấn, tt, township
    Township,
    /// đặc khu, đk, special zone
    SpecialZone,
}

/// Kind words as sequences of folded words, longest first.
const KIND_WORDS: &[(&[&str], KindWord)] = &[
    (&["thanh", "pho"], KindWord::City),
    (&["thu", "do"], KindWord::City),
    (&["thi", "xa"], KindWord::Town),
    (&["thi", "tran"], KindWord::Township),
    (&["dac", "khu"], KindWord::SpecialZone),
    (&["special", "zone"], KindWord::SpecialZone),
    (&["thanhpho"], KindWord::City),
    (&["tp"], KindWord::City),
    (&["city"], KindWord::City),
    (&["tinh"], KindWord::Province),
    (&["t"], KindWord::Province),
    (&["province"], KindWord::Province),
    (&["quan"], KindWord::UrbanDistrict),
    (&["q"], KindWord::UrbanDistrict),
    (&["huyen"], KindWord::RuralDistrict),
    (&["h"], KindWord::RuralDistrict),
    (&["district"], KindWord::District),
    (&["thixa"], KindWord::Town),
    (&["tx"], KindWord::Town),
    (&["town"], KindWord::Town),
    (&["phuong"], KindWord::Ward),
    (&["p"], KindWord::Ward),
    (&["f"], KindWord::Ward),
    (&["ward"], KindWord::Ward),
    (&["xa"], KindWord::Commune),
    (&["x"], KindWord::Commune),
    (&["commune"], KindWord::Commune),
    (&["thitran"], KindWord::Township),
    (&["tt"], KindWord::Township),
    (&["township"], KindWord::Township),
    (&["dackhu"], KindWord::SpecialZone),
    (&["dk"], KindWord::SpecialZone),
];

/// The kind word that `words` starts with, and how many words it takes.
pub(crate) fn kind_word(words: &[&str]) -> Option<(KindWord, usize)> {
    KIND_WORDS.iter().find_map(|(seq, kind)| {
        (words.len() >= seq.len() && words[..seq.len()] == **seq).then_some((*kind, seq.len()))
    })
}

/// The kind word that `words` ends with (English kind words follow the name:
/// "Ho Chi Minh City", "Lam Dong Province"), and how many words it takes.
pub(crate) fn trailing_kind_word(words: &[&str]) -> Option<(KindWord, usize)> {
    const TRAILING: &[(&[&str], KindWord)] = &[
        (&["city"], KindWord::City),
        (&["province"], KindWord::Province),
        (&["district"], KindWord::District),
        (&["ward"], KindWord::Ward),
        (&["commune"], KindWord::Commune),
        (&["town"], KindWord::Town),
        (&["township"], KindWord::Township),
    ];
    TRAILING.iter().find_map(|(seq, kind)| {
        (words.len() > seq.len() && words[words.len() - seq.len()..] == **seq)
            .then_some((*kind, seq.len()))
    })
}

/// A name query: the key of the name part and the kind word around it, if any.
#[derive(Debug, Clone)]
pub(crate) struct NameQuery {
    pub(crate) key: String,
    pub(crate) kind: Option<KindWord>,
    /// The key of the whole query with no kind word removed, when it differs
    /// (names may begin with a kind-like word: "Xà Phìn").
    pub(crate) raw_key: Option<String>,
}

/// Analyses a free-text name query ("P. Bến Nghé", "Q1", "Ho Chi Minh City").
pub(crate) fn name_query(query: &str, max_words: usize) -> NameQuery {
    let ws = words(query, max_words);
    let texts: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
    analyse(&texts)
}

/// Analyses a sequence of folded words as a name with optional kind words.
pub(crate) fn analyse(texts: &[&str]) -> NameQuery {
    let mut from = 0;
    let mut to = texts.len();
    let mut kind = None;
    if let Some((k, n)) = kind_word(texts) {
        if n < texts.len() {
            kind = Some(k);
            from = n;
        }
    }
    if kind.is_none() {
        if let Some((k, n)) = trailing_kind_word(texts) {
            kind = Some(k);
            to -= n;
        }
    }
    let key = join_key(&texts[from..to]);
    let raw = join_key(texts);
    NameQuery {
        raw_key: (raw != key).then_some(raw),
        key,
        kind,
    }
}

/// Joins folded words into a search key.
pub(crate) fn join_key(texts: &[&str]) -> String {
    let mut s = String::with_capacity(texts.iter().map(|t| t.len() + 1).sum());
    for t in texts {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(t);
    }
    search_key(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        words(s, 100).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn splits_words() {
        assert_eq!(
            texts("12 Lê Lợi, P.Bến Nghé, Q1"),
            ["12", "le", "loi", "p", "ben", "nghe", "q", "1"]
        );
        assert_eq!(
            texts("F15 phuong12 tx.abc"),
            ["f", "15", "phuong", "12", "tx", "abc"]
        );
        assert_eq!(texts("Ea H’Leo"), ["ea", "h", "leo"]);
        let ws = words("a, b c;d", 100);
        let hard: Vec<bool> = ws.iter().map(|w| w.hard_break_before).collect();
        assert_eq!(hard, [false, true, false, true]);
        let ws = words("Q1", 100);
        assert_eq!((ws[0].start, ws[1].start), (0, 1));
        assert_eq!(words("a b c d", 2).len(), 2);
    }

    #[test]
    fn analyses_names() {
        let q = name_query("P. Bến Nghé", 100);
        assert_eq!((q.key.as_str(), q.kind), ("bennghe", Some(KindWord::Ward)));
        let q = name_query("Quận 01", 100);
        assert_eq!(
            (q.key.as_str(), q.kind),
            ("1", Some(KindWord::UrbanDistrict))
        );
        let q = name_query("Ho Chi Minh City", 100);
        assert_eq!(
            (q.key.as_str(), q.kind),
            ("hochiminh", Some(KindWord::City))
        );
        let q = name_query("Xà Phìn", 100);
        assert_eq!(q.key, "phin");
        assert_eq!(q.raw_key.as_deref(), Some("xaphin"));
        let q = name_query("phường", 100);
        assert_eq!((q.key.as_str(), q.kind), ("phuong", None));
    }
}
