//! Splitting an input into words: each with its byte range, its search key, whether a
//! hard break (a comma or the like) precedes it, and its vocabulary tag.

use std::ops::Range;

use crate::text::chars::is_hard_break;
use crate::text::fold::{fold_char, FoldSink};
use crate::text::vocab::{kind_of, tag_of, trailing_kind, KindWord, Tag};

/// A word of the input: a run of characters that fold to letters or digits (with
/// any combining marks), with its byte range in the input.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Byte offset of the word in the input.
    pub(crate) start: usize,
    /// Byte offset just past the word.
    pub(crate) end: usize,
    /// Range of the word's key in [`Words::buf`].
    key: Range<u32>,
    /// A comma, semicolon, newline or similar stands between this word and the
    /// previous one.
    pub(crate) hard_break_before: bool,
    /// What the word is, if it is one the analysis knows ([`Tag`]).
    pub(crate) tag: Tag,
}

/// The words of an input and their keys: each word folded, with the leading zeros of
/// its numbers dropped (`"Phường"` → `phuong`, `"07"` → `7`), as in
/// [`search_key`](crate::search_key).
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    buf: String,
    list: Vec<Word>,
}

impl Words {
    /// Splits `input` into words. A kind abbreviation glued to a number (`Q1`, `p07`,
    /// `F15`, `phuong12`) becomes two words. Time and space are linear in the input.
    pub(crate) fn new(input: &str) -> Words {
        let mut w = Words {
            buf: String::with_capacity(input.len()),
            list: Vec::with_capacity(input.len() / 4 + 1),
        };
        w.refill(input);
        w
    }

    /// [`Words::new`], reusing this value's buffers.
    pub(crate) fn refill(&mut self, input: &str) {
        // One pass over the input, and the words' ends below.
        crate::work::add(input.len());
        self.buf.clear();
        self.list.clear();
        let mut t = Tokenizer {
            input,
            words: self,
            pos: 0,
            in_word: false,
            word_start: 0,
            key_start: 0,
            last_end: 0,
            hard: false,
            digits: false,
        };
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let key = ASCII_KEY[usize::from(b)];
                if key != 0 {
                    t.pos = i;
                    t.letter(char::from(key));
                    t.last_end = i + 1;
                } else {
                    t.gap();
                    // A slash between digits is part of a house number ("18/3").
                    if is_hard_break(b as char)
                        && !(b == b'/'
                            && i > 0
                            && bytes[i - 1].is_ascii_digit()
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
                    {
                        t.hard = true;
                    }
                }
                i += 1;
                continue;
            }
            let c = input[i..].chars().next().unwrap_or(' ');
            t.pos = i;
            fold_char(c, &mut t);
            i += c.len_utf8();
            if t.in_word {
                t.last_end = i;
            }
            if is_hard_break(c) {
                t.hard = true;
            }
        }
        if t.in_word {
            t.finish();
        }
    }

    /// The keys of all the words, one after the other.
    pub(crate) fn keys(&self) -> &str {
        &self.buf
    }

    /// Where the key of word `i` starts in [`keys`](Self::keys), if there is a word `i`.
    pub(crate) fn key_offset(&self, i: usize) -> Option<usize> {
        self.list.get(i).map(|w| w.key.start as usize)
    }

    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// Word `i`.
    pub(crate) fn word(&self, i: usize) -> &Word {
        &self.list[i]
    }

    /// The key of word `i`.
    pub(crate) fn key(&self, i: usize) -> &str {
        let r = &self.list[i].key;
        &self.buf[r.start as usize..r.end as usize]
    }

    /// The key of word `i`, as bytes (without the checks of slicing a `str`).
    #[inline]
    pub(crate) fn key_bytes(&self, i: usize) -> &[u8] {
        let r = &self.list[i].key;
        &self.buf.as_bytes()[r.start as usize..r.end as usize]
    }

    /// The English kind word that the words before `end` end with ("Ho Chi Minh
    /// City", "Con Dao Special Zone"), and how many words it takes, when a name is
    /// left before it.
    pub(crate) fn trailing_kind_at(&self, end: usize) -> Option<(KindWord, usize)> {
        if end >= 3 && self.list[end - 1].tag == Tag::Zone && self.list[end - 2].tag == Tag::Special
        {
            return Some((KindWord::SpecialZone, 2));
        }
        if end >= 2 {
            return trailing_kind(self.list[end - 1].tag).map(|k| (k, 1));
        }
        None
    }

    /// The tag of word `i`.
    pub(crate) fn tag(&self, i: usize) -> Tag {
        self.list[i].tag
    }

    /// The kind word that starts at word `i` and ends before word `end`, how many
    /// words it takes, and whether it is a full word (not an abbreviation).
    #[inline]
    pub(crate) fn kind_at(&self, i: usize, end: usize) -> Option<(KindWord, usize, bool)> {
        // Most words have no tag, and no kind word starts with one.
        if i >= end || self.list[i].tag == Tag::Untagged {
            return None;
        }
        self.tagged_kind_at(i, end)
    }

    /// [`kind_at`](Self::kind_at) for a tagged word.
    fn tagged_kind_at(&self, i: usize, end: usize) -> Option<(KindWord, usize, bool)> {
        let next = (i + 1 < end).then(|| self.list[i + 1].tag);
        kind_of(self.list[i].tag, next)
    }
}

struct Tokenizer<'a> {
    input: &'a str,
    words: &'a mut Words,
    /// Byte offset of the character being folded.
    pos: usize,
    in_word: bool,
    word_start: usize,
    key_start: usize,
    /// Byte offset just past the last character of the current word.
    last_end: usize,
    hard: bool,
    /// The current word has a digit.
    digits: bool,
}

/// The key byte of each ASCII byte: letters lower-cased, digits as they are, 0 for
/// anything else (a gap between words).
const ASCII_KEY: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

impl FoldSink for Tokenizer<'_> {
    #[inline]
    fn letter(&mut self, c: char) {
        if !self.in_word {
            self.start_word();
        }
        self.digits |= c.is_ascii_digit();
        self.words.buf.push(c);
    }

    #[inline]
    fn gap(&mut self) {
        if self.in_word {
            self.finish();
        }
    }
}

impl Tokenizer<'_> {
    /// Starts a word at the character being folded.
    #[inline]
    fn start_word(&mut self) {
        self.in_word = true;
        self.word_start = self.pos;
        self.key_start = self.words.buf.len();
        self.digits = false;
    }

    /// Ends the current word: drops leading zeros and splits a glued kind word.
    fn finish(&mut self) {
        crate::work::add(1);
        self.in_word = false;
        let buf = &mut self.words.buf;
        let ks = self.key_start;
        if self.digits && has_leading_zero(&buf.as_bytes()[ks..]) {
            drop_leading_zeros(buf, ks);
        }
        let (start, end) = (self.word_start, self.last_end);
        let hard = std::mem::take(&mut self.hard);
        let key = &buf.as_bytes()[ks..];
        // Split a glued kind abbreviation and number: "q1", "p07", "phuong12".
        let split = (if self.digits {
            key.iter().position(u8::is_ascii_digit)
        } else {
            None
        })
        .filter(|&i| i > 0 && key[i..].iter().all(u8::is_ascii_digit))
        .filter(|&i| kind_of(tag_of(&key[..i]), None).is_some());
        let list = &mut self.words.list;
        let whole_tag = if split.is_some() {
            Tag::Untagged
        } else {
            tag_of(key)
        };
        match split {
            Some(i) => {
                let digit_at = self.input[start..end]
                    .char_indices()
                    .find(|(_, c)| c.is_ascii_digit())
                    .map_or(end, |(j, _)| start + j);
                let mid = (ks + i) as u32;
                list.push(Word {
                    start,
                    end: digit_at,
                    key: ks as u32..mid,
                    hard_break_before: hard,
                    tag: tag_of(&key[..i]),
                });
                list.push(Word {
                    start: digit_at,
                    end,
                    key: mid..buf.len() as u32,
                    hard_break_before: false,
                    tag: Tag::Untagged,
                });
            }
            None => list.push(Word {
                start,
                end,
                key: ks as u32..buf.len() as u32,
                hard_break_before: hard,
                tag: whole_tag,
            }),
        }
    }
}

/// `true` when a number in `w` starts with a zero that is not its last digit.
fn has_leading_zero(w: &[u8]) -> bool {
    w.iter().enumerate().any(|(i, &b)| {
        b == b'0'
            && (i == 0 || !w[i - 1].is_ascii_digit())
            && w.get(i + 1).is_some_and(u8::is_ascii_digit)
    })
}

/// Drops the leading zeros of the numbers in `buf[from..]`, in place and in linear
/// time: the word is copied to the end of the buffer without them, then moved back.
fn drop_leading_zeros(buf: &mut String, from: usize) {
    let end = buf.len();
    let mut i = from;
    let mut prev_digit = false;
    while let Some(c) = buf[i..end].chars().next() {
        let next = i + c.len_utf8();
        let next_digit = next < end && buf.as_bytes()[next].is_ascii_digit();
        if !(c == '0' && !prev_digit && next_digit) {
            prev_digit = c.is_ascii_digit();
            buf.push(c);
        }
        i = next;
    }
    buf.drain(from..end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let w = Words::new(s);
        (0..w.len()).map(|i| w.key(i).to_owned()).collect()
    }

    #[test]
    fn splits_words() {
        assert_eq!(
            texts("12 Lê Lợi, P.Bến Nghé, Q1"),
            ["12", "le", "loi", "p", "ben", "nghe", "q", "1"]
        );
        assert_eq!(
            texts("F15 phuong012 tx.abc 007 x00y"),
            ["f", "15", "phuong", "12", "tx", "abc", "7", "x0y"]
        );
        assert_eq!(texts("Ea H’Leo"), ["ea", "h", "leo"]);
        let ws = Words::new("a, b c;d 18/3 e/f");
        let hard: Vec<bool> = (0..ws.len())
            .map(|i| ws.word(i).hard_break_before)
            .collect();
        assert_eq!(hard, [false, true, false, true, false, false, false, true]);
        let ws = Words::new("Q1");
        assert_eq!((ws.word(0).start, ws.word(1).start), (0, 1));
        assert_eq!((ws.word(0).end, ws.word(1).end), (1, 2));
        // Decomposed input: the marks belong to the word.
        let ws = Words::new("Ha\u{300} Nội");
        assert_eq!((ws.word(0).start, ws.word(0).end), (0, 4));
        assert_eq!(ws.key(0), "ha");
        assert_eq!(texts(""), Vec::<String>::new());
        assert_eq!(texts("!!! 😀"), Vec::<String>::new());
    }

    #[test]
    fn keys_agree_with_search_key() {
        for s in [
            "Phường 01",
            "1 2",
            "a 0 0 1",
            "x00y",
            "0 07",
            "1 01",
            "Bà Rịa - Vũng Tàu",
            "12 05a",
            "1 0a",
        ] {
            let w = Words::new(s);
            let mut k = String::new();
            for i in 0..w.len() {
                crate::text::key::push_key(&mut k, w.key(i));
            }
            assert_eq!(k, crate::search_key(s), "{s:?}");
        }
    }
}
