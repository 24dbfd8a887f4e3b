//! What a search query asks for: the key of the name, the kind word written with it,
//! and the key of the whole query (names may begin with a kind-like word).

use std::ops::Range;

use crate::text::key::push_key;
use crate::text::tokenize::Words;
use crate::text::vocab::KindWord;

/// A name query: the key of the whole query, the part of it that is the name (without
/// the kind word), and the kind word, if any.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameQuery {
    raw: String,
    name: Range<usize>,
    words: Range<usize>,
    /// The kind word of the query.
    pub(crate) kind: Option<KindWord>,
}

impl NameQuery {
    /// Analyses a free-text name query ("P. Bến Nghé", "Q1", "Ho Chi Minh City").
    pub(crate) fn new(words: &Words) -> NameQuery {
        let mut q = NameQuery {
            raw: String::with_capacity(words.keys().len() + 4),
            name: 0..0,
            words: 0..0,
            kind: None,
        };
        q.refill(words);
        q
    }

    /// [`NameQuery::new`], reusing this value's buffer.
    pub(crate) fn refill(&mut self, words: &Words) {
        let n = words.len();
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        let mut name = 0..0;
        let mut kind = None;
        let mut word_range = 0..n;
        // An English kind word after the name ("Phuong Liet Ward", "Tinh Tuc Commune")
        // is the kind word, and a kind-like word before it then begins the name.
        let trail = words.trailing_kind_at(n);
        let lead = words
            .kind_at(0, n)
            .map(|(k, len, _)| (k, len))
            .filter(|&(_, len)| len < n && trail.is_none());
        // The keys of the words follow one another in `words.buf`: that is the key of
        // the query, unless two numbers meet ("1 2" is not "12").
        let numbers_meet = (1..n).any(|i| {
            words.key(i - 1).ends_with(|c: char| c.is_ascii_digit())
                && words.key(i).starts_with(|c: char| c.is_ascii_digit())
        });
        if !numbers_meet {
            raw.push_str(words.keys());
            let at = |i: usize| words.key_offset(i).unwrap_or(raw.len());
            if let Some((k, len)) = lead {
                kind = Some(k);
                name.start = at(len);
                word_range.start = len;
            }
            name.end = raw.len();
            if let Some((k, len)) = trail {
                kind = Some(k);
                name.end = at(n - len);
                word_range.end = n - len;
            }
        } else {
            for i in 0..n {
                if let Some((k, len)) = lead {
                    if i == len {
                        kind = Some(k);
                        name.start = raw.len();
                        word_range.start = i;
                    }
                }
                if let Some((k, len)) = trail {
                    if i == n - len {
                        kind = Some(k);
                        name.end = raw.len();
                        word_range.end = i;
                    }
                }
                push_key(&mut raw, words.key(i));
            }
            if trail.is_none() {
                name.end = raw.len();
            }
        }
        *self = NameQuery {
            raw,
            name,
            words: word_range,
            kind,
        };
    }

    /// The words of the name, without the kind word.
    pub(crate) fn name_words(&self) -> Range<usize> {
        self.words.clone()
    }

    /// The key of the name, without the kind word.
    pub(crate) fn key(&self) -> &str {
        &self.raw[self.name.clone()]
    }

    /// The key of the whole query when it differs from [`key`](Self::key) (names may
    /// begin with a kind-like word: "Xà Phìn", "Quan Hóa").
    pub(crate) fn raw_key(&self) -> Option<&str> {
        (self.name != (0..self.raw.len())).then_some(self.raw.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nq(s: &str) -> NameQuery {
        NameQuery::new(&Words::new(s))
    }

    #[test]
    fn analyses_names() {
        let q = nq("P. Bến Nghé");
        assert_eq!((q.key(), q.kind), ("bennghe", Some(KindWord::Ward)));
        assert_eq!(q.raw_key(), Some("pbennghe"));
        let q = nq("Quận 01");
        assert_eq!((q.key(), q.kind), ("1", Some(KindWord::UrbanDistrict)));
        let q = nq("Ho Chi Minh City");
        assert_eq!((q.key(), q.kind), ("hochiminh", Some(KindWord::City)));
        assert_eq!(q.raw_key(), Some("hochiminhcity"));
        let q = nq("Xà Phìn");
        assert_eq!(q.key(), "phin");
        assert_eq!(q.raw_key(), Some("xaphin"));
        let q = nq("phường");
        assert_eq!((q.key(), q.kind), ("phuong", None));
        assert_eq!(q.raw_key(), None);
        let q = nq("1 02");
        assert_eq!(q.key(), "1 2");
        let q = nq("District 1");
        assert_eq!((q.key(), q.kind), ("1", Some(KindWord::District)));
        let q = nq("Phuong Liet Ward");
        assert_eq!((q.key(), q.kind), ("phuongliet", Some(KindWord::Ward)));
        let q = nq("Ward 1");
        assert_eq!((q.key(), q.kind), ("1", Some(KindWord::Ward)));
    }
}
