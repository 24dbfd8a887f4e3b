//! Splitting an input into words: each with its byte range, its search key, the
//! separator before it (a comma or the like, or a dash), and its vocabulary tag.
//!
//! Words glued together are split where the writing shows a boundary: a kind
//! abbreviation and a number (`Q1`, `F15`, `phuong12`), a lower-case letter followed
//! by a capital (`XãBù`, `TỉnhThái Nguyên`, `HuyệnViệt Yên`, `TàiXã`), and a full
//! kind word written with its diacritics followed by more letters (`xãbù`): no
//! Vietnamese syllable continues after `xã`, `phường`, `huyện`, `tỉnh` or `quận`.
//! Address parsing may also mask remarks: the words between brackets are left out,
//! and their byte ranges kept ([`Words::remarks`]).

use std::ops::Range;

use crate::text::chars::{is_upper, sep, Sep};
use crate::text::fold::{fold_char, latin_base, FoldSink};
use crate::text::vocab::{self, kind_of, tag_of, trailing_kind, KindWord, Tag};

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
    /// A comma, semicolon, newline, bracket or similar stands between this word and
    /// the previous one.
    pub(crate) hard_break_before: bool,
    /// A dash stands between this word and the previous one (and no hard break).
    pub(crate) weak_break_before: bool,
    /// The word follows the previous one after a single dot (`T.X`, `TP.Vinh`).
    pub(crate) joined: bool,
    /// What the word is, if it is one the analysis knows ([`Tag`]).
    pub(crate) tag: Tag,
    /// The kind word that starts at this word ([`vocab::pack_kind`]): alone (the
    /// last word of a span), and with the next word after it; set once the words
    /// are all read.
    kinds: [u8; 2],
}

impl Word {
    /// A separator (a comma, a dash…) stands before this word.
    #[inline]
    pub(crate) fn break_before(&self) -> bool {
        self.hard_break_before || self.weak_break_before
    }
}

/// The words of an input and their keys: each word folded, with the leading zeros of
/// its numbers dropped (`"Phường"` → `phuong`, `"07"` → `7`), as in
/// [`search_key`](crate::search_key).
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    buf: String,
    list: Vec<Word>,
    /// The byte ranges of the bracketed remarks left out (brackets included), when
    /// remarks are masked.
    remarks: Vec<Range<usize>>,
    /// A word may begin a trailing remark or be part of its label
    /// ([`vocab::remark_key`]).
    remark_words: bool,
}

/// The most glued-word boundaries one word is split at.
const MAX_SPLITS: usize = 4;

impl Words {
    /// Splits `input` into words. A kind abbreviation glued to a number (`Q1`, `p07`,
    /// `F15`, `phuong12`) becomes two words. Time and space are linear in the input.
    pub(crate) fn new(input: &str) -> Words {
        let mut w = Words {
            buf: String::with_capacity(input.len()),
            list: Vec::with_capacity(input.len() / 4 + 1),
            remarks: Vec::new(),
            remark_words: false,
        };
        w.refill(input);
        w
    }

    /// [`Words::new`], reusing this value's buffers.
    pub(crate) fn refill(&mut self, input: &str) {
        self.fill(input, false, false);
    }

    /// [`Words::refill`], leaving out the words between brackets when `mask` holds
    /// (their byte ranges go to [`remarks`](Self::remarks)), and splitting words glued
    /// together at a capital or after a full kind word when `glue` holds.
    pub(crate) fn fill(&mut self, input: &str, mask: bool, glue: bool) {
        // One pass over the input, and the words' ends below.
        crate::work::add(input.len());
        self.buf.clear();
        self.list.clear();
        self.remarks.clear();
        self.remark_words = false;
        let mut t = Tokenizer {
            input,
            words: self,
            pos: 0,
            in_word: false,
            word_start: 0,
            key_start: 0,
            last_end: 0,
            hard: false,
            weak: false,
            digits: false,
            splits: [(0, 0); MAX_SPLITS],
            n_splits: 0,
            mask,
            glue,
            depth: 0,
            remark_start: 0,
            masked: false,
        };
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let key = ASCII_KEY[usize::from(b)];
                if key != 0 {
                    // A run of ASCII letters and digits, keyed here a byte at a time
                    // (what `letter` does for each). A key byte has 0x40 set for a
                    // letter, not for a digit; every key byte is ASCII.
                    t.pos = i;
                    if !t.in_word {
                        t.start_word();
                    }
                    let buf = &mut t.words.buf;
                    buf.push(char::from(key & 0x7F));
                    let mut all = key;
                    let mut j = i + 1;
                    while let Some(&b) = bytes.get(j) {
                        let key = ASCII_KEY[usize::from(b)];
                        if key == 0 {
                            break;
                        }
                        all &= key;
                        buf.push(char::from(key & 0x7F));
                        j += 1;
                    }
                    t.digits |= all & 0x40 == 0;
                    t.last_end = j;
                    i = j;
                    continue;
                }
                t.gap();
                if b != b' ' && b != b'.' {
                    t.separator(b as char, i, 1);
                }
                i += 1;
                continue;
            }
            let c = input[i..].chars().next().unwrap_or(' ');
            t.pos = i;
            if let Some(b) = latin_base(c) {
                // A letter with diacritics of the fast tables: what `fold_char`
                // gives, taken as `letter` takes it (an ASCII letter).
                if !t.in_word {
                    t.start_word();
                }
                t.words.buf.push(char::from(b & 0x7F));
                i += c.len_utf8();
                t.last_end = i;
                continue;
            }
            fold_char(c, &mut t);
            i += c.len_utf8();
            if t.in_word {
                t.last_end = i;
            } else {
                t.separator(c, t.pos, c.len_utf8());
            }
        }
        if t.in_word {
            t.finish();
        }
        if mask && t.depth > 0 {
            let from = t.remark_start;
            self.remarks.push(from..input.len());
        }
        // The kind words, asked of every span the parser reads: found here once.
        let mut next = None;
        for w in self.list.iter_mut().rev() {
            if vocab::may_start_kind(w.tag) {
                w.kinds = vocab::packed_kinds(w.tag, next);
            }
            next = Some((w.tag, w.joined));
        }
    }

    /// The byte ranges of the bracketed remarks that [`fill`](Self::fill) left out,
    /// brackets included, in order.
    pub(crate) fn remarks(&self) -> &[Range<usize>] {
        &self.remarks
    }

    /// Whether a word may begin a trailing remark or be part of its label: when
    /// none may, there is no remark to look for.
    pub(crate) fn may_have_remark(&self) -> bool {
        self.remark_words
    }

    /// Takes away the separator before word `i`: it joins the segment before it.
    pub(crate) fn join(&mut self, i: usize) {
        if let Some(w) = self.list.get_mut(i) {
            w.hard_break_before = false;
            w.weak_break_before = false;
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
        if i >= end {
            return None;
        }
        // (`kind_of` of the word's tag, and of the next word's when it is before `end`.)
        vocab::unpack_kind(self.list[i].kinds[usize::from(i + 1 < end)])
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
    weak: bool,
    /// The current word has a digit.
    digits: bool,
    /// Where a capital follows a small letter in the current word: (offset of the
    /// key, byte offset in the input).
    splits: [(u32, usize); MAX_SPLITS],
    n_splits: usize,
    /// Bracketed words are left out.
    mask: bool,
    /// Glued words are split.
    glue: bool,
    /// How many brackets are open.
    depth: u32,
    /// Where the outermost open bracket is.
    remark_start: usize,
    /// The current word is inside brackets and left out.
    masked: bool,
}

/// The key byte of each ASCII byte: letters lower-cased, digits as they are, 0 for
/// anything else (a gap between words, or a byte that is not ASCII).
static ASCII_KEY: [u8; 256] = {
    let mut t = [0u8; 256];
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

/// The full kind words that no syllable continues (with their keys): one glued to
/// the next word is split off it.
const FULL_KINDS: [(&str, &str); 5] = [
    ("xa", "xã"),
    ("phuong", "phường"),
    ("huyen", "huyện"),
    ("tinh", "tỉnh"),
    ("quan", "quận"),
];

impl Tokenizer<'_> {
    /// Starts a word at the character being folded.
    #[inline]
    fn start_word(&mut self) {
        self.in_word = true;
        self.word_start = self.pos;
        self.key_start = self.words.buf.len();
        self.digits = false;
        self.masked = self.depth > 0;
    }

    /// Where a capital follows a small letter in the word `start..end` (whose key
    /// starts at `key_start`), into `splits`: (offset in the key, byte offset).
    #[cold]
    fn camel_splits(&mut self, start: usize, end: usize) {
        /// Counts the key bytes a character folds to.
        struct Count(u32);
        impl FoldSink for Count {
            fn letter(&mut self, c: char) {
                self.0 += c.len_utf8() as u32;
            }
            fn gap(&mut self) {}
        }
        let mut key = Count(0);
        let mut lower = false;
        self.n_splits = 0;
        for (j, c) in self.input[start..end].char_indices() {
            // Combining marks (decomposed input) keep the case of their letter.
            if ('\u{300}'..='\u{36F}').contains(&c) {
                continue;
            }
            let upper = is_upper(c);
            if upper && lower && self.n_splits < MAX_SPLITS {
                self.splits[self.n_splits] = (key.0, start + j);
                self.n_splits += 1;
            }
            lower = !upper;
            fold_char(c, &mut key);
        }
    }

    /// A character that is not part of a word, at byte `at` and `len` bytes long.
    #[inline]
    fn separator(&mut self, c: char, at: usize, len: usize) {
        let bytes = self.input.as_bytes();
        let between_digits = || {
            at > 0
                && bytes[at - 1].is_ascii_digit()
                && bytes.get(at + len).is_some_and(u8::is_ascii_digit)
        };
        match sep(c) {
            Sep::None => {}
            // A slash or a hyphen between digits is part of a house number ("18/3",
            // "19-21").
            Sep::Strong => self.hard |= !(c == '/' && between_digits()),
            Sep::Weak => self.weak |= !(c == '-' && between_digits()),
            Sep::Open => {
                self.hard = true;
                if self.mask {
                    if self.depth == 0 {
                        self.remark_start = at;
                    }
                    self.depth = self.depth.saturating_add(1);
                }
            }
            Sep::Close => {
                self.hard = true;
                if self.mask && self.depth > 0 {
                    self.depth -= 1;
                    if self.depth == 0 {
                        let from = self.remark_start;
                        self.words.remarks.push(from..at + len);
                    }
                }
            }
        }
    }

    /// Ends the current word: drops leading zeros and splits glued words.
    fn finish(&mut self) {
        crate::work::add(1);
        self.in_word = false;
        let ks = self.key_start;
        if self.masked {
            // Inside brackets: left out (the break before it waits for the next word).
            self.words.buf.truncate(ks);
            return;
        }
        let (start, end) = (self.word_start, self.last_end);
        let hard = std::mem::take(&mut self.hard);
        let weak = std::mem::take(&mut self.weak) && !hard;
        // Only "T." is joined to the next word ("T.P", "T.X"): see `kind_of`.
        let joined = self
            .words
            .list
            .last()
            .is_some_and(|w| w.tag == Tag::T && w.end + 1 == start)
            && self.input.as_bytes()[start - 1] == b'.';
        let first = || Word {
            start,
            end,
            key: ks as u32..ks as u32,
            hard_break_before: hard,
            weak_break_before: weak,
            joined,
            tag: Tag::Untagged,
            kinds: [0, 0],
        };
        if (self.digits || self.glue) && self.split(first()) {
            return;
        }
        let buf = &self.words.buf;
        let key = &buf.as_bytes()[ks..];
        let (tag, remark) = vocab::tag_and_remark(key);
        self.words.remark_words |= remark;
        let key = ks as u32..buf.len() as u32;
        self.words.list.push(Word {
            key,
            tag,
            ..first()
        });
    }

    /// Drops the leading zeros of the word `first` (with digits, or when glued words
    /// are split), and pushes it as two or more words if it is a kind word glued to
    /// a number or words glued together; whether it did. Out of line: most words are
    /// neither.
    #[inline(never)]
    fn split(&mut self, first: Word) -> bool {
        let ks = self.key_start;
        if self.digits {
            let buf = &mut self.words.buf;
            if has_leading_zero(&buf.as_bytes()[ks..]) {
                // (Glued words are not looked for in it then: the offsets would not
                // hold.)
                drop_leading_zeros(buf, ks);
            } else if self.glue && may_be_glued(&buf.as_bytes()[ks..]) && self.glued(first.clone())
            {
                return true;
            }
            return self.number_after_kind(first);
        }
        may_be_glued(&self.words.buf.as_bytes()[ks..]) && self.glued(first)
    }

    /// Pushes word `w` (its key from `key_start` to the end of the buffer) as two
    /// or more, if it is words glued together; whether it was.
    #[cold]
    #[inline(never)]
    fn glued(&mut self, w: Word) -> bool {
        let (start, end) = (w.start, w.end);
        self.camel_splits(start, end);
        let camel = self.n_splits > 0;
        if !camel {
            if let Some(at) = self.full_kind_prefix(start, end) {
                self.splits[0] = at;
                self.n_splits = 1;
            }
        }
        // At capitals, well-cased pieces; after a full kind word ("xãbù",
        // "HUYỆNBÁT"), one case throughout (the first letter aside).
        let cased = if camel {
            self.splits_well_cased(start, end)
        } else {
            one_case(&self.input[start..end])
        };
        if self.n_splits == 0 || !cased {
            return false;
        }
        let (ks, n) = (self.key_start, self.n_splits);
        let mut from = (ks as u32, start);
        for k in 0..=n {
            let to = if k < n {
                let (off, pos) = self.splits[k];
                (ks as u32 + off, pos)
            } else {
                (self.words.buf.len() as u32, end)
            };
            let key = &self.words.buf.as_bytes()[from.0 as usize..to.0 as usize];
            if !key.is_empty() && to.1 > from.1 {
                let first = k == 0;
                let (tag, remark) = vocab::tag_and_remark(key);
                self.words.remark_words |= remark;
                self.words.list.push(Word {
                    start: from.1,
                    end: to.1,
                    key: from.0..to.0,
                    hard_break_before: w.hard_break_before && first,
                    weak_break_before: w.weak_break_before && first,
                    joined: w.joined && first,
                    tag,
                    kinds: [0, 0],
                });
            }
            from = to;
        }
        true
    }

    /// Pushes word `w` (with digits, its key from `key_start` to the end of the
    /// buffer) as two if it is a kind abbreviation glued to a number ("q1", "p07",
    /// "phuong12"); whether it was.
    #[inline(never)]
    fn number_after_kind(&mut self, w: Word) -> bool {
        let ks = self.key_start;
        let buf = &self.words.buf;
        let key = &buf.as_bytes()[ks..];
        let Some(i) = key
            .iter()
            .position(u8::is_ascii_digit)
            .filter(|&i| i > 0 && key[i..].iter().all(u8::is_ascii_digit))
            .filter(|&i| kind_of(tag_of(&key[..i]), None, false).is_some())
        else {
            return false;
        };
        let (start, end) = (w.start, w.end);
        let digit_at = self.input[start..end]
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit())
            .map_or(end, |(j, _)| start + j);
        let mid = (ks + i) as u32;
        let tag = tag_of(&key[..i]);
        let len = buf.len() as u32;
        self.words.list.push(Word {
            end: digit_at,
            key: ks as u32..mid,
            tag,
            ..w
        });
        self.words.list.push(Word {
            start: digit_at,
            end,
            key: mid..len,
            hard_break_before: false,
            weak_break_before: false,
            joined: false,
            tag: Tag::Untagged,
            kinds: [0, 0],
        });
        true
    }

    /// Whether the pieces of the word `start..end` at its capitals are words, each
    /// capitalised or in small letters ("XãBù", "TàiXã", "PleiKần"), not random case
    /// ("pHưỜnG"): otherwise it is not split.
    fn splits_well_cased(&self, start: usize, end: usize) -> bool {
        let mut from = start;
        for k in 0..=self.n_splits {
            let to = if k < self.n_splits {
                self.splits[k].1
            } else {
                end
            };
            let piece = &self.input[from..to];
            // After its first letter, no capital; the pieces after the first start
            // with one and have a small letter.
            let mut letters = piece
                .chars()
                .filter(|c| !('\u{300}'..='\u{36F}').contains(c));
            let first_upper = letters.next().is_some_and(is_upper);
            let mut small = 0;
            for c in letters {
                if is_upper(c) {
                    return false;
                }
                small += 1;
            }
            // A one-letter name syllable after a kind word is a piece too ("XãY Tý",
            // "XãA Rooi", "PhườngÔ Chợ Dừa"), when it is the only split.
            if k > 0 && !(first_upper && (small > 0 || self.n_splits == 1)) {
                return false;
            }
            from = to;
        }
        true
    }

    /// Where the word `start..end` continues after a full kind word written with its
    /// diacritics ("xãbù"): (offset of the key, byte offset in the input).
    fn full_kind_prefix(&self, start: usize, end: usize) -> Option<(u32, usize)> {
        let key = &self.words.buf.as_bytes()[self.key_start..];
        let (k, spelling) = match key.first() {
            Some(b'x') => FULL_KINDS[0],
            Some(b'p') => FULL_KINDS[1],
            Some(b'h') => FULL_KINDS[2],
            Some(b't') => FULL_KINDS[3],
            Some(b'q') => FULL_KINDS[4],
            _ => return None,
        };
        if key.len() <= k.len()
            || !key.starts_with(k.as_bytes())
            || !key[k.len()].is_ascii_alphabetic()
        {
            return None;
        }
        let text = &self.input[start..end];
        let mut chars = text.char_indices();
        let same = spelling.chars().all(|s| {
            chars
                .next()
                .is_some_and(|(_, c)| c == s || c.to_lowercase().eq(s.to_lowercase()))
        });
        if !same {
            return None;
        }
        let at = chars.next().map_or(text.len(), |(j, _)| j);
        Some((k.len() as u32, start + at))
    }
}

/// Whether the letters of `word` after its first are all small or all capitals
/// ("xãbù", "Xãbù", "HUYỆNBÁT"; not "XãbÙ").
fn one_case(word: &str) -> bool {
    let mut letters = word
        .chars()
        .filter(|c| c.is_alphabetic() && !('\u{300}'..='\u{36F}').contains(c))
        .skip(1);
    let Some(first) = letters.next() else {
        return true;
    };
    let upper = is_upper(first);
    letters.all(|c| is_upper(c) == upper)
}

/// Whether the key of a word begins or ends with a full kind word and has more to
/// it ("xabu", "phuongha", "tinhbac", "taixa", "trantrau", "phoha" and "khuly" of
/// "Thành phốHà", "Đặc khuLý"): a word that may be two
/// glued together, looked at more closely ([`Tokenizer::camel_splits`],
/// [`Tokenizer::full_kind_prefix`]). Glued words that begin or end with no kind word
/// ("PleiKần", "EaTam") need no split: a name's key has no spaces.
#[inline]
pub(crate) fn may_be_glued(key: &[u8]) -> bool {
    let n = key.len();
    if n < 3 {
        return false;
    }
    // Fixed-length comparisons, which compile to a load or two.
    let head = |k: &[u8]| n > k.len() && &key[..k.len()] == k;
    let tail = |k: &[u8]| n > k.len() && &key[n - k.len()..] == k;
    (match key[0] {
        b'x' => key[1] == b'a',
        // "phố" of "Thành phố" ("Thành phốHà Nội").
        b'p' => head(b"phuong") || head(b"pho"),
        // "khu" of "Đặc khu" ("Đặc khuLý Sơn").
        b'k' => head(b"khu"),
        b'h' => head(b"huyen"),
        b'q' => head(b"quan"),
        b't' => match key[1] {
            b'p' | b't' | b'x' => true,
            b'i' => head(b"tinh"),
            b'r' => head(b"tran"),
            b'h' => head(b"thanhpho") || head(b"thixa") || head(b"thitran"),
            _ => false,
        },
        _ => false,
    }) || (match key[n - 1] {
        b'a' => key[n - 2] == b'x',
        b'g' => tail(b"phuong"),
        b'n' => tail(b"huyen") || tail(b"quan"),
        b'h' => tail(b"tinh"),
        _ => false,
    })
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

    /// The keys of `s` with glued words split.
    fn unglued(s: &str) -> Vec<String> {
        let mut w = Words::default();
        w.fill(s, false, true);
        (0..w.len()).map(|i| w.key(i).to_owned()).collect()
    }

    #[test]
    fn splits_glued_kind_words() {
        assert_eq!(unglued("XãBù Gia"), ["xa", "bu", "gia"]);
        // "phố" of "Thành phố" and "khu" of "Đặc khu", glued to the name.
        assert_eq!(unglued("Thành phốHà Nội"), ["thanh", "pho", "ha", "noi"]);
        assert_eq!(unglued("Đặc khuLý Sơn"), ["dac", "khu", "ly", "son"]);
        // A one-letter first syllable after the kind word.
        assert_eq!(unglued("XãY Tý"), ["xa", "y", "ty"]);
        assert_eq!(unglued("PhườngÔ Chợ"), ["phuong", "o", "cho"]);
        // A full kind word with its diacritics, in one case.
        assert_eq!(unglued("xãbù gia"), ["xa", "bu", "gia"]);
        assert_eq!(unglued("HUYỆNBÁT XÁT"), ["huyen", "bat", "xat"]);
        // Not random case, nor words that only start like a kind word.
        assert_eq!(unglued("pHưỜnG"), ["phuong"]);
        assert_eq!(unglued("Phong Khuê"), ["phong", "khue"]);
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
