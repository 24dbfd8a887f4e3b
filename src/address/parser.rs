//! The parser: its state and buffers, the passes over an address (exact names, then
//! names with typos), the readings below each province found, and the choice of the
//! best readings at the end.

use std::cell::Cell;
use std::ops::Range;

use super::spans::{Found, Lookup, Scope, SpanHit};
use super::{Address, Conflict, ParseError, Reading, MAX_ADDRESS_LEN};
use crate::legacy;
use crate::rank::{self, Quality};
use crate::search;
use crate::tables::index::Table;
use crate::text::chars::is_alphanumeric;
use crate::text::cleaned::Cleaned;
use crate::text::tokenize::{may_be_glued, Words};
use crate::text::vocab::{self, KindWord};
use crate::units::current::{Commune, Province};
use crate::units::{Era, Unit};

/// The most words of an address considered for its units (from the right). Words
/// further left are kept verbatim in the street part.
pub(super) const MAX_WORDS: usize = 64;

/// The most words one unit name (with its kind word) may span.
pub(super) const MAX_SPAN: usize = 7;

/// The most words a province name may span in a typo-tolerant match.
pub(super) const MAX_FUZZY_PROVINCE_SPAN: usize = 5;

/// The most typo-tolerant walks of the whole index (for names below the province,
/// [`fuzzy_walk`](crate::search::fuzzy::fuzzy_walk)) one parse makes, each for a
/// different key; after that, a misspelt name is not looked for and stays
/// unresolved (the status says so). A walk costs 100,000–300,000 instructions, as
/// much as reading ten to thirty clean addresses. Of the messy workload's addresses
/// (`tests/it/workload.rs`), 27 make more than three walks, and none of their answers
/// depends on a walk after the third. Repeated keys, and the provinces (a short
/// list), are not counted.
pub(super) const MAX_FUZZY_WALKS: u8 = 3;

/// The most whole-index walks within two edits one parse finishes past their
/// cheap stages ([`fuzzy_walk_stage`](crate::search::fuzzy::fuzzy_walk_stage)): the
/// loose half, 100,000–200,000 instructions, is walked only when no unit within one
/// edit was found, and for one key of a parse; the others' names are looked for
/// within one edit. (On the messy, random-typo and adversarial sets no answer depends
/// on a second one.)
pub(super) const MAX_LOOSE_HALVES: u8 = 1;

/// The most trailing segments left out when nothing else reads.
const MAX_DROPPED: usize = 2;

/// What the caller fixes about an address before it is parsed.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    /// Read the address in this structure only.
    pub(crate) era: Option<Era>,
}

/// Parses `input` and lends the result to `f`. The work buffers, the readings' among
/// them, are reused from one call to the next on the same thread, so that parsing
/// allocates nothing once they have grown to fit (an error's message, and the remarks
/// of an input that has some, aside).
///
/// If `f` parses too (a [`Locate`](crate::translate::Locate) implementation may),
/// that parse works in buffers of its own. So does the second reading of a text that
/// is also VNI or TCVN3 (below), which allocates: it is tried only for text of
/// Windows-1252 characters alone that does not read well and leaves letters unread.
pub(crate) fn parse_with<'a, R>(
    input: &'a str,
    options: Options,
    f: impl FnOnce(&Address<'a>) -> R,
) -> Result<R, ParseError> {
    if input.len() > MAX_ADDRESS_LEN {
        return Err(ParseError::TooLong {
            len: input.len(),
            max: MAX_ADDRESS_LEN,
        });
    }
    let mut buffers = BUFFERS
        .try_with(Cell::take)
        .ok()
        .flatten()
        .unwrap_or_default();
    let readings = recycle(std::mem::take(&mut buffers.readings));
    // Invisible and look-alike characters normalised, legacy-encoded text repaired:
    // nothing to do (and nothing allocated) for clean input.
    let first = Cleaned::new(input);
    let second: Option<Cleaned>;
    let mut cleaned = &first;
    let mut parser = Parser::new(input, cleaned, options.era, readings, buffers);
    let mut parsed = parser.parse();
    // Text that reads as Vietnamese as it is and also, less surely, as VNI or TCVN3
    // ("TP. Hoà Chí Minh" is VNI for TP. Hồ Chí Minh, but "Hoà" is a word): when the
    // text as it is does not read well, the legacy reading is parsed too, and taken
    // when it reads well and leaves fewer letters unread. (Xã Hoà Sơn, ambiguous,
    // stays so: its reading Xã Hồ Sơn reads no more of the text.)
    // (Nothing to gain when every letter was read.)
    if first.encoding().is_none()
        && !parser.reads_well(&parsed)
        && Cleaned::may_read_otherwise(input)
        && parser.unread() > 0
    {
        second = Cleaned::second_reading(input);
        if let Some(c) = &second {
            if let Some((other, parsed_other)) = read_better(input, c, options.era, &parser) {
                parser = other;
                parsed = parsed_other;
                cleaned = c;
            }
        }
    }
    // The street part of the best reading, repaired, for translations to write.
    let repaired_rest = match (&parsed, cleaned.encoding()) {
        (Ok(_), Some(_)) => parser.readings.first().map(|r| {
            let start = r.parts.iter().any(Option::is_some).then_some(r.first_word);
            parser.clean_rest(start).to_owned()
        }),
        _ => None,
    };
    let Parser {
        readings,
        unresolved,
        postal,
        mut buffers,
        ..
    } = parser;
    // Ranges of the text parsed, as ranges of the input.
    let to_input = |r: Range<usize>| cleaned.range_to_input(input, r);
    // (The result built where it is returned: no copy of it on the way out.)
    match parsed {
        Ok(ambiguous) => {
            let address = Address {
                input,
                readings,
                ambiguous,
                unresolved: unresolved.map(|(r, level)| (to_input(r), level)),
                remarks: buffers.remarks.iter().cloned().map(to_input).collect(),
                postal: postal.map(to_input),
                repaired: cleaned.encoding(),
                repaired_rest,
            };
            let out = f(&address);
            buffers.readings = recycle(address.readings);
            keep(buffers);
            Ok(out)
        }
        Err(e) => {
            buffers.readings = recycle(readings);
            keep(buffers);
            Err(e)
        }
    }
}

/// Keeps a parse's buffers for the next on this thread. (On a thread being torn
/// down there is nowhere to keep them: they go.)
fn keep(buffers: Box<Buffers>) {
    let _ = BUFFERS.try_with(|c| c.set(Some(buffers)));
}

/// `input` parsed as `cleaned` (its second reading) says, when that reads well and
/// leaves fewer letters unread than `than` did. Kept out of [`parse_with`], which
/// every address goes through: this is for the few that do not read well.
#[cold]
#[inline(never)]
fn read_better<'a: 't, 't>(
    input: &'a str,
    cleaned: &'t Cleaned,
    era: Option<Era>,
    than: &Parser<'a, '_>,
) -> Option<(Parser<'a, 't>, Result<usize, ParseError>)> {
    let unread = than.unread();
    let mut other = Parser::new(input, cleaned, era, Vec::new(), Box::default());
    let parsed = other.parse();
    (other.reads_well(&parsed) && other.unread() < unread).then_some((other, parsed))
}

impl<'a: 't, 't> Parser<'a, 't> {
    /// A parser of `input`, cleaned as `cleaned` says, ready to [`parse`](Self::parse).
    #[inline(always)]
    fn new(
        input: &'a str,
        cleaned: &'t Cleaned,
        era: Option<Era>,
        readings: Vec<Reading<'a>>,
        buffers: Box<Buffers>,
    ) -> Self {
        Parser {
            input,
            text: cleaned.text(input),
            cleaned,
            era,
            first_word: 0,
            units_end: 0,
            with_typos: false,
            thorough: false,
            saw_province: false,
            apart: false,
            relax: false,
            readings,
            readings_made: 0,
            best_quality: None,
            unresolved: None,
            dropped: None,
            postal: None,
            buffers,
        }
    }

    /// Whether the parse gave one reading with nothing unresolved (status `ok`).
    fn reads_well(&self, parsed: &Result<usize, ParseError>) -> bool {
        matches!(parsed, Ok(n) if crate::Status::of(self.unresolved.is_some(), *n) == crate::Status::Ok)
    }

    /// The letters of the best reading's street part: what its units left unread
    /// (all of them when there is no reading).
    fn unread(&self) -> usize {
        let rest = match self.readings.first() {
            Some(r) => self.clean_rest(r.parts.iter().any(Option::is_some).then_some(r.first_word)),
            None => self.text,
        };
        rest.chars().filter(|c| c.is_alphabetic()).count()
    }
}

/// A street part without the separators that end it.
fn trim_rest(s: &str) -> &str {
    s.trim_end_matches(|c: char| !is_alphanumeric(c) && !matches!(c, ')' | ']' | '.'))
        .trim_start()
}

/// An empty vector for readings of any lifetime, with the allocation of `v`.
pub(super) fn recycle<'b>(mut v: Vec<Reading<'_>>) -> Vec<Reading<'b>> {
    v.clear();
    // Collecting into a vector of the same layout reuses the allocation; there is
    // nothing to collect. (`filter_map` is what changes the lifetime of the type.)
    #[allow(clippy::unnecessary_filter_map)]
    v.into_iter().filter_map(|_| None).collect()
}

thread_local! {
    /// The parser's work buffers, between two parses on this thread.
    /// Boxed, so that taking and putting back moves a pointer, not the buffers.
    static BUFFERS: Cell<Option<Box<Buffers>>> = const { Cell::new(None) };
}

/// The buffers of a parse, all empty between parses.
#[derive(Default)]
pub(super) struct Buffers {
    pub(super) words: Words,
    /// For each end of a span looked at, its span hits in `hits`.
    pub(super) spans: Vec<(usize, Range<usize>)>,
    pub(super) hits: Vec<SpanHit>,
    /// The keys equal to each suffix of the span being extended.
    pub(super) exact_at: Vec<Range<usize>>,
    /// The units found by [`Parser::find`], a stack: each call pushes its results
    /// above those of the calls still using theirs.
    pub(super) found: Vec<Found>,
    /// The typo-tolerant look-ups of this parse, by key (the same words are looked
    /// up again in later passes, and after the words are read again): (the look-up,
    /// the most edits it tolerated, the key in `fuzzy_keys`, its matches in
    /// `fuzzy_hits`). Kept for the whole parse.
    pub(super) fuzzy_spans: Vec<(Lookup, u8, Range<usize>, Range<usize>)>,
    /// The entries in scope of a scoped typo-tolerant look-up.
    pub(super) fuzzy_scope: Vec<u16>,
    /// The keys of `fuzzy_spans`, one after the other.
    pub(super) fuzzy_keys: String,
    /// The typo-tolerant walks of the whole index left to this parse
    /// ([`MAX_FUZZY_WALKS`]).
    pub(super) fuzzy_walks_left: u8,
    /// The loose halves of whole-index walks within two edits left to this parse
    /// ([`MAX_LOOSE_HALVES`]).
    pub(super) loose_halves_left: u8,
    /// (entry in the concatenation of the per-level key arrays, distance) for each
    /// key matched.
    pub(super) fuzzy_hits: Vec<(u16, u8)>,
    /// The key of the span being matched with typos.
    pub(super) fuzzy_key: String,
    pub(super) readings: Vec<Reading<'static>>,
    /// The byte ranges of the remarks left out of the units.
    pub(super) remarks: Vec<Range<usize>>,
    /// (commune, district) pairs that may make a reading with a conflict.
    pub(super) pairs: Vec<(Found, Found)>,
}

/// The pair of `pairs` (commune, district) whose commune is the only one; `None`
/// when there are several communes, or none.
///
/// Only a commune written as a unit counts: with a kind word that fits it, or
/// starting a segment ("89 Phạm Văn Đồng, TP.Pleiku" names no Xã Đông).
fn only_pair(pairs: &[(Found, Found)]) -> Option<(Found, Found)> {
    let written = |(c, _): &&(Found, Found)| if c.kinded { c.kind_fits } else { c.delimited };
    let mut pool = pairs.iter().filter(written);
    let first = *pool.next()?;
    pool.all(|p| p.0.unit == first.0.unit).then_some(first)
}

/// The index of the first trailing noise word before word `end`: "Việt Nam", "VN",
/// postcodes.
pub(super) fn strip_noise(words: &Words, first: usize, mut end: usize) -> usize {
    while end > first {
        crate::work::add(1);
        let last = words.key(end - 1);
        let n = match last {
            "vietnam" | "vn" => 1,
            "nam" if end >= 2 && words.key(end - 2) == "viet" => 2,
            _ if (5..=6).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_digit()) => 1,
            _ => 0,
        };
        if n == 0 || end - n <= first {
            break;
        }
        end -= n;
    }
    end
}

pub(super) struct Parser<'a, 't> {
    /// The input, as given.
    pub(super) input: &'a str,
    /// The input cleaned ([`Cleaned`]): the text parsed. Ranges and word offsets are
    /// in it.
    pub(super) text: &'t str,
    pub(super) cleaned: &'t Cleaned,
    /// Only units of this structure are read.
    pub(super) era: Option<Era>,
    /// The first word that may belong to a unit.
    pub(super) first_word: usize,
    /// The end of the words that may belong to a unit (trailing noise removed).
    pub(super) units_end: usize,
    /// Whether names with typos are looked for (the second pass).
    pub(super) with_typos: bool,
    /// Whether readings that overrule a unit, or read a province written twice, are
    /// made (the last pass, when the others stop above the commune).
    pub(super) thorough: bool,
    /// A province was found at the end of the units.
    pub(super) saw_province: bool,
    /// The readings being made have their units apart ([`scattered`](Self::scattered)).
    pub(super) apart: bool,
    /// The next [`find`](Self::find) may take a name where a street is expected,
    /// when there is no other (set for the communes of a written district).
    pub(super) relax: bool,
    pub(super) readings: Vec<Reading<'a>>,
    /// The readings made in this pass, kept in `readings` or not (their `seq`).
    pub(super) readings_made: u32,
    /// The best quality of the readings made in this pass.
    pub(super) best_quality: Option<Quality>,
    /// A unit written left of the best reading's units and not found (its words, and
    /// its level).
    pub(super) unresolved: Option<(Range<usize>, search::Level)>,
    /// A trailing segment that nothing matched, left out to read the rest (its bytes),
    /// when it may name a unit.
    pub(super) dropped: Option<Range<usize>>,
    /// A postal code written after the units (its bytes).
    pub(super) postal: Option<Range<usize>>,
    /// The work buffers, reused from one parse to the next on a thread.
    pub(super) buffers: Box<Buffers>,
}

/// A filter on the units found.
pub(super) type Accept<'f> = &'f dyn Fn(&Unit) -> bool;

impl<'a, 't> Parser<'a, 't> {
    /// Parses the input into `readings`; returns how many of them are equally good
    /// in the best structure.
    ///
    /// Remarks are left out first: words between brackets, and a trailing remark
    /// ("gần chợ", "Shop cũ: …"). Only when nothing outside them resolves is the input
    /// read again with them.
    pub(super) fn parse(&mut self) -> Result<usize, ParseError> {
        let b = &mut self.buffers;
        b.fuzzy_spans.clear();
        b.fuzzy_keys.clear();
        b.fuzzy_hits.clear();
        b.fuzzy_walks_left = MAX_FUZZY_WALKS;
        b.loose_halves_left = MAX_LOOSE_HALVES;
        // Words as written, remarks left out, exact names.
        self.read(true, false);
        self.thorough = false;
        self.run();
        // Glued words split, and readings that overrule a contradicting unit or read
        // a province written twice: only when the readings stop above the commune,
        // or leave a unit (or a word that may be glued) unresolved before them. They
        // cannot beat a reading down to the commune, which clean addresses have.
        // Names with typos come last, when a unit written is still not found or the
        // best readings do not agree with every unit written (the typo-tolerant pass
        // is a thorough one: it makes those readings again, and they compete).
        if self.needs_thorough() {
            // (Nothing new to find without a province, or a word to split.)
            let glued = (self.first_word..self.buffers.words.len())
                .any(|i| may_be_glued(self.buffers.words.key_bytes(i)));
            if glued {
                self.read(true, true);
            }
            if glued || self.saw_province {
                self.thorough = true;
                self.reset();
                self.run();
            }
        }
        if self.needs_fuzzy() {
            self.thorough = true;
            self.reset();
            self.with_typos = true;
            self.run();
        }
        if self.readings.is_empty() && !self.buffers.remarks.is_empty() {
            // Nothing outside the remarks: read them too.
            self.read(false, true);
            self.pass(true);
            self.buffers.remarks.clear();
        }
        // Nothing at all: the last segment may be something else (a province
        // abbreviated or cut short, a shop's code): the segments before it.
        let full_end = self.units_end;
        for _ in 0..MAX_DROPPED {
            if !self.readings.is_empty() || self.units_end <= self.first_word {
                break;
            }
            let seg = self.unit_start(self.units_end - 1);
            if seg <= self.first_word {
                break;
            }
            self.units_end = strip_noise(&self.buffers.words, self.first_word, seg);
            // (The spans found depend on where the units end.)
            self.buffers.spans.clear();
            self.buffers.hits.clear();
            self.pass(true);
        }
        if self.readings.is_empty() {
            self.units_end = full_end;
        } else if self.units_end < full_end {
            let words = &self.buffers.words;
            let dropped = self.units_end..full_end;
            let name_like = !dropped.clone().all(|i| {
                let k = words.key_bytes(i);
                k.iter().all(u8::is_ascii_digit)
                    || (k.len() >= 7 && k.iter().any(u8::is_ascii_digit))
            });
            if name_like {
                let a = words.word(self.units_end).start;
                self.dropped = Some(a..words.word(full_end - 1).end);
            }
        }
        if self.buffers.words.len() == 0 {
            return Err(ParseError::Empty);
        }
        self.finish()
    }

    /// Splits the input into words ([`tokenize`](Self::tokenize)), finds a trailing
    /// remark, and sets the end of the units before it and before trailing noise.
    fn read(&mut self, mask: bool, glue: bool) {
        self.tokenize(mask, glue);
        self.join_lone_kinds();
        if !mask {
            let end = self.buffers.words.len();
            self.units_end = strip_noise(&self.buffers.words, self.first_word, end);
            return self.find_postal_code(end);
        }
        let remark_at = self.trailing_remark();
        if let Some(i) = remark_at {
            // To the end of the input, bracketed remarks in it included.
            let from = self.buffers.words.word(i).start;
            let remarks = &mut self.buffers.remarks;
            remarks.retain(|r| r.start < from);
            remarks.push(from..self.text.trim_end().len());
        }
        let end = remark_at.unwrap_or(self.buffers.words.len());
        self.units_end = strip_noise(&self.buffers.words, self.first_word, end);
        self.find_postal_code(end);
    }

    /// The postal code among the trailing words after the units, before `end`
    /// ([`postal`](super::postal) has the rules).
    fn find_postal_code(&mut self, end: usize) {
        let words = &self.buffers.words;
        self.postal = (self.units_end..end)
            .rev()
            .map(|i| words.word(i).start..words.word(i).end)
            .find(|r| super::postal::is_postal_word(&self.text[r.clone()]));
    }

    /// A kind word alone between separators belongs to the name after it ("TP, HCM",
    /// "quan, 1"): the separator after it is taken away.
    fn join_lone_kinds(&mut self) {
        let mut seg = self.first_word;
        for i in self.first_word + 1..self.buffers.words.len() {
            crate::work::add(1);
            if !self.buffers.words.word(i).break_before() {
                continue;
            }
            if self
                .buffers
                .words
                .kind_at(seg, i)
                .is_some_and(|(_, n, _)| seg + n == i)
            {
                self.buffers.words.join(i);
            } else {
                seg = i;
            }
        }
    }

    /// Splits the input into words (leaving out bracketed remarks when `mask`), and
    /// empties the buffers of a previous reading.
    fn tokenize(&mut self, mask: bool, glue: bool) {
        let s = &mut self.buffers;
        s.words.fill(self.text, mask, glue);
        s.remarks.clear();
        s.remarks.extend_from_slice(s.words.remarks());
        s.spans.clear();
        s.hits.clear();
        s.found.clear();
        self.readings.clear();
        (
            self.readings_made,
            self.best_quality,
            self.thorough,
            self.saw_province,
        ) = (0, None, false, false);
        self.first_word = s.words.len().saturating_sub(MAX_WORDS);
        self.units_end = self.first_word;
    }

    /// First exact names only; names with typos only when that leaves a unit written
    /// with its kind word unresolved, or finds nothing. Then, only when the readings
    /// stop above the commune or leave a unit written unresolved, the readings that
    /// overrule a contradicting unit or read a province written twice: they cannot
    /// beat a reading down to the commune, and clean addresses have one.
    ///
    /// A pass after one that needed names with typos looks for them at once.
    fn pass(&mut self, thorough: bool) {
        self.thorough = thorough;
        self.reset();
        self.run();
        if !self.with_typos && self.needs_fuzzy() {
            self.reset();
            self.with_typos = true;
            self.run();
        }
    }

    /// Forgets the readings made.
    fn reset(&mut self) {
        self.readings.clear();
        (self.readings_made, self.best_quality) = (0, None);
    }

    /// Whether the best readings stop above the commune, or leave a unit written left
    /// of them unresolved, or a word that may be two glued together (or there are
    /// none).
    fn needs_thorough(&self) -> bool {
        // (The best quality made is that of the best reading kept.)
        let Some(best) = self.best_quality else {
            return true;
        };
        self.readings
            .iter()
            .filter(|r| r.score.quality() == best)
            .any(|r| {
                r.deepest().level() != search::Level::Commune
                    || self.stray_unit(r.first_word).is_some()
                    || (self.first_word..r.first_word)
                        .any(|i| may_be_glued(self.buffers.words.key_bytes(i)))
            })
    }

    /// The first word of a trailing remark: a segment after the first that starts
    /// with a remark word ("gần chợ", "đối diện UBND", "ngã tư …") or with a label
    /// ending in "cũ:" or "mới:" ("Shop cũ: 94 Quốc Lộ 9").
    ///
    /// A remark word with no separator before it ("…, TP.HCM gần chợ") starts a
    /// remark too, unless it follows a kind or place word ("Ấp Ngã Ba", "Thị trấn
    /// Ngã 6": a name; an English kind word ends the name before it instead: "Ho Chi
    /// Minh City cạnh chợ") or a unit is written after it (a kind word and a name: "12 Lê
    /// Lợi gần chợ Phường Bến Thành …" is not trailing). A word written with other
    /// diacritics than the kind or place word it folds like is not that word ("Hà
    /// Tĩnh cạnh trường" is not "Tỉnh Cạnh", "Hải Dương đối diện" not "Đường Đối
    /// Diện").
    fn trailing_remark(&self) -> Option<usize> {
        let words = &self.buffers.words;
        if !words.may_have_remark() {
            return None;
        }
        let n = words.len();
        let text = |j: usize| &self.text[words.word(j).start..words.word(j).end];
        let key = |j: usize| words.key(j);
        let after = |j: usize| &self.text[words.word(j).end..];
        // The last word that starts a kind word followed by a name (found once).
        let mut last_unit = None::<usize>;
        for j in self.first_word.max(1)..n {
            crate::work::add(1);
            match vocab::remark_key(words.key_bytes(j)) {
                vocab::RemarkKey::No => {}
                vocab::RemarkKey::Start => {
                    if vocab::remark_start(j, n, text, key).is_none() {
                        continue;
                    }
                    if words.word(j).break_before() {
                        return Some(j);
                    }
                    // After a word that introduces a name, a remark word is that
                    // name's ("Xã Cạnh Đền"); not after an English kind word, which
                    // ends the name before it ("Ho Chi Minh City cạnh chợ").
                    let t = words.tag(j - 1);
                    if (vocab::is_place_word(t) || vocab::kind_of(t, None, false).is_some())
                        && vocab::trailing_kind(t).is_none()
                        && vocab::written_as(t, text(j - 1))
                    {
                        continue;
                    }
                    let last = *last_unit.get_or_insert_with(|| {
                        (j..n)
                            .rev()
                            .find(|&i| {
                                crate::work::add(1);
                                words.kind_at(i, n).is_some_and(|(_, k, _)| i + k < n)
                            })
                            .unwrap_or(0)
                    });
                    if last < j {
                        return Some(j);
                    }
                }
                vocab::RemarkKey::Label => {
                    // A label is at most a few words of one segment before its colon,
                    // after the first segment.
                    let i = self.unit_start(j);
                    if i > 0
                        && j - i < 4
                        && vocab::remark_label(j..j + 1, text, key, after).is_some()
                    {
                        return Some(i);
                    }
                }
            }
        }
        None
    }

    pub(super) fn run(&mut self) {
        let end = self.units_end;
        let provinces = self.find(end, &[Table::Province, Table::LegacyProvince], &|_| true);
        self.saw_province |= !provinces.is_empty();
        // The old provinces first: a reading of the old structure down to the
        // commune leaves nothing to find for a current commune with an old district.
        let n = provinces.len();
        for k in 0..2 * n {
            let i = provinces.start + if k < n { k } else { k - n };
            let p = self.buffers.found[i];
            if matches!(p.unit, Unit::LegacyProvince(_)) != (k < n) {
                continue;
            }
            self.below_province(p);
            // The province written twice ("…, Tỉnh Khánh Hòa, Việt Nam, Khánh Hoà"):
            // the units before the first one too. (Both end with the same word.)
            if !self.thorough
                || p.start <= self.first_word + 1
                || !self.buffers.words.word(p.start).break_before()
            {
                continue;
            }
            let inner_end = strip_noise(&self.buffers.words, self.first_word, p.start);
            if inner_end <= self.first_word
                || self.buffers.words.key_bytes(inner_end - 1)
                    != self.buffers.words.key_bytes(end - 1)
            {
                continue;
            }
            let table = [match p.unit {
                Unit::Province(_) => Table::Province,
                _ => Table::LegacyProvince,
            }];
            let inner = self.find(inner_end, &table, &|u| *u == p.unit);
            for j in inner.clone() {
                let q = self.buffers.found[j];
                // "Tp. Tây Ninh, Tỉnh Tây Ninh" is a city (a district) in its
                // province, not the province twice.
                if !q.kinded || q.kind_fits {
                    self.below_province(q);
                }
            }
            self.buffers.found.truncate(inner.start);
        }
        // No province written (or the last words are a district that shares its name
        // with a province, "TP Bến Tre"): a district, then a commune; or a commune.
        //
        // None of these readings can be kept when a reading already made is better
        // than they can be (more words explained, or as many and more levels, and
        // they have two at most): they are not made. A district found starts at
        // `reach(end)` or after, and its commune at `reach` of that.
        if !self.hopeless(self.reach(self.reach(end)), 2) {
            let districts = self.find(end, &[Table::LegacyDistrict], &|_| true);
            // They all start at the same word.
            if !districts.is_empty()
                && !self.hopeless(self.reach(self.buffers.found[districts.start].start), 2)
            {
                for i in districts {
                    let d = self.buffers.found[i];
                    if let Unit::LegacyDistrict(dist) = d.unit {
                        self.legacy_communes(None, Some(d), dist.province(), Some(dist), d.start);
                    }
                }
            }
        }
        if provinces.is_empty() {
            for i in self.find(end, &[Table::Commune, Table::LegacyCommune], &|_| true) {
                let c = self.buffers.found[i];
                match c.unit {
                    Unit::Commune(com) => {
                        self.push_current(None, com.province(), Some(c), None, None);
                    }
                    Unit::LegacyCommune(com) => {
                        let d = Some(com.district());
                        self.push_legacy(None, None, com.province(), d, Some(c), None);
                    }
                    _ => {}
                }
            }
        }
        self.buffers.found.truncate(provinces.start);
    }

    /// The readings below a province found.
    fn below_province(&mut self, p: Found) {
        match p.unit {
            Unit::Province(prov) => self.current_below(p, prov),
            Unit::LegacyProvince(prov) => self.legacy_below(p, prov),
            _ => {}
        }
        if self.thorough {
            self.scattered(p);
        }
    }

    /// Units of province `p` written apart from it and from each other, each a whole
    /// segment with its kind word, largest first or among other words ("Huyện Yên
    /// Dũng-Xã Hương Gián-Thôn Dõn/Trung Tâm đăng kiểm … - Bắc Giang"): when they
    /// nest (the commune in the district, both in the province) and only one
    /// commune does, that reading. It ranks below a reading of units written
    /// together, like one that overrules a unit.
    fn scattered(&mut self, p: Found) {
        let (commune_table, pcode, legacy) = match p.unit {
            Unit::Province(x) => (Table::Commune, x.code().get(), false),
            Unit::LegacyProvince(x) => (Table::LegacyCommune, x.code().get(), true),
            _ => return,
        };
        // Units written together, the last before the province, are read as such
        // (conflicts included): only a province after something else.
        if p.start <= self.first_word
            || self
                .buffers
                .words
                .kind_at(self.unit_start(p.start - 1), p.start)
                .is_some()
        {
            return;
        }
        let base = self.buffers.found.len();
        // The segments left of the province that are a kind word and a name.
        let mut seg_end = p.start;
        let mut i = p.start;
        while i > self.first_word {
            i -= 1;
            crate::work::add(1);
            if !self.at_break(i) {
                continue;
            }
            let end = seg_end;
            seg_end = i;
            let Some((k, n, _)) = self.buffers.words.kind_at(i, end) else {
                continue;
            };
            if i + n >= end {
                continue;
            }
            let table = if k.is_commune() {
                commune_table
            } else if legacy && k.names_level(search::Level::District) {
                Table::LegacyDistrict
            } else {
                continue;
            };
            let in_province = move |u: &Unit| match u {
                Unit::Commune(c) => c.province().code().get() == pcode,
                Unit::LegacyCommune(c) => c.province().code().get() == pcode,
                Unit::LegacyDistrict(d) => d.province().code().get() == pcode,
                _ => false,
            };
            let found = self.find_in(end, &[table], Scope::Within(p.unit, None), &in_province);
            // Only the whole segment, kind word included, counts (a xã that became a
            // phường still is one).
            let mut w = found.start;
            for j in found {
                let f = self.buffers.found[j];
                if f.start == i {
                    self.buffers.found[w] = f;
                    w += 1;
                }
            }
            self.buffers.found.truncate(w);
        }
        let units = base..self.buffers.found.len();
        let district = |u: &Unit| match u {
            Unit::LegacyDistrict(d) => Some(*d),
            _ => None,
        };
        let mut pick: Option<(Found, Option<Found>)> = None;
        // Two communes written (two addresses in one?): none.
        let communes = units
            .clone()
            .filter(|&j| district(&self.buffers.found[j].unit).is_none())
            .map(|j| self.buffers.found[j].unit);
        let mut several = communes.clone().any(|u| Some(u) != communes.clone().next());
        for j in units.clone() {
            let c = self.buffers.found[j];
            let in_district = |d: &Found| match (c.unit, d.unit) {
                (Unit::LegacyCommune(com), Unit::LegacyDistrict(dist)) => {
                    com.district().code().get() == dist.code().get()
                }
                _ => false,
            };
            let dists = units
                .clone()
                .map(|k| self.buffers.found[k])
                .filter(|d| district(&d.unit).is_some());
            let d = match c.unit {
                Unit::Commune(_) => None,
                Unit::LegacyCommune(_) => {
                    let mut ds = dists.clone();
                    // Every district written must hold it.
                    if !ds.all(|d| in_district(&d)) {
                        continue;
                    }
                    dists.clone().next()
                }
                _ => continue,
            };
            if pick.is_some_and(|(x, _)| x.unit != c.unit) {
                several = true;
            }
            pick.get_or_insert((c, d));
        }
        self.buffers.found.truncate(base);
        let Some((c, d)) = pick.filter(|_| !several) else {
            return;
        };
        self.apart = true;
        match (p.unit, c.unit) {
            (Unit::Province(prov), Unit::Commune(_)) => {
                self.push_current(Some(p), prov, Some(c), None, None);
            }
            (Unit::LegacyProvince(prov), Unit::LegacyCommune(com)) => {
                let dist = Some(com.district());
                self.push_legacy(Some(p), d, prov, dist, Some(c), None);
            }
            _ => {}
        }
        self.apart = false;
    }

    pub(super) fn current_below(&mut self, p: Found, prov: &'static Province) {
        // A commune and the province: two levels, from `reach(p.start)` at most.
        if self.hopeless(self.reach(p.start), 2) {
            self.push_current(Some(p), prov, None, None, None);
            return;
        }
        let code = prov.code().get();
        let in_province =
            move |u: &Unit| matches!(u, Unit::Commune(c) if c.province().code().get() == code);
        let within = Scope::Within(p.unit, None);
        let communes = self.find_in(p.start, &[Table::Commune], within, &in_province);
        for i in communes.clone() {
            let c = self.buffers.found[i];
            self.push_current(Some(p), prov, Some(c), None, None);
        }
        if !communes.is_empty() {
            self.buffers.found.truncate(communes.start);
            return;
        }
        // A pre-2025 district between the commune and the province: a reading of
        // two levels (the district is none), from `reach(reach(p.start))` at most.
        if self.hopeless(self.reach(self.reach(p.start)), 2) {
            self.push_current(Some(p), prov, None, None, None);
            return;
        }
        let districts = self.find_in(p.start, &[Table::LegacyDistrict], within, &|u| {
            matches!(u, Unit::LegacyDistrict(d) if d.province().successor().code().get() == code)
        });
        let mut found = false;
        // Communes of the province before a district they took nothing from: a
        // conflict, if nothing else reads.
        let mut pairs = std::mem::take(&mut self.buffers.pairs);
        pairs.clear();
        for i in districts.clone() {
            let d = self.buffers.found[i];
            let Unit::LegacyDistrict(dist) = d.unit else {
                continue;
            };
            let dcode = dist.code().get();
            let took_over = move |c: &Commune| {
                c.predecessors()
                    .any(|(o, _)| o.district().code().get() == dcode)
            };
            for j in self.find_in(d.start, &[Table::Commune], within, &in_province) {
                let c = self.buffers.found[j];
                match c.unit {
                    Unit::Commune(com) if took_over(com) => {
                        self.push_current(Some(p), prov, Some(c), Some((d, dist)), None);
                        found = true;
                    }
                    _ => pairs.push((c, d)),
                }
            }
            self.buffers.found.truncate(districts.end);
        }
        self.buffers.found.truncate(districts.start);
        self.buffers.pairs = pairs;
        if !found && districts.is_empty() && self.thorough {
            // A district of another province.
            self.other_districts(p, prov);
        }
        if !found && self.thorough {
            found = self.overruled_district(p, prov);
        }
        if !found {
            self.push_current(Some(p), prov, None, None, None);
        }
    }

    /// The (commune of current province `p`, district of another province) pairs
    /// before `p`, into [`Buffers::pairs`].
    fn other_districts(&mut self, p: Found, prov: &'static Province) {
        let code = prov.code().get();
        let in_province =
            move |u: &Unit| matches!(u, Unit::Commune(c) if c.province().code().get() == code);
        let within = Scope::Within(p.unit, None);
        let districts = self.find(p.start, &[Table::LegacyDistrict], &|u| {
            matches!(u, Unit::LegacyDistrict(d) if d.province().successor().code().get() != code)
        });
        let mut pairs = std::mem::take(&mut self.buffers.pairs);
        for i in districts.clone() {
            let d = self.buffers.found[i];
            for j in self.find_in(d.start, &[Table::Commune], within, &in_province) {
                pairs.push((self.buffers.found[j], d));
            }
            self.buffers.found.truncate(districts.end);
        }
        self.buffers.found.truncate(districts.start);
        self.buffers.pairs = pairs;
    }

    /// A commune of current province `p` before a district that is not one it took
    /// over (or of another province), from [`Buffers::pairs`]: when only one, the
    /// commune and the province agree, and the district is overruled. Whether that
    /// reading was made.
    fn overruled_district(&mut self, p: Found, prov: &'static Province) -> bool {
        let pairs = std::mem::take(&mut self.buffers.pairs);
        let made = match only_pair(&pairs) {
            Some((c, d)) => {
                let conflict = Conflict {
                    overruled: d.unit,
                    by: c.unit,
                };
                self.push_current(Some(p), prov, Some(c), None, Some((conflict, d.start)));
                true
            }
            None => false,
        };
        self.buffers.pairs = pairs;
        made
    }

    /// `last`: `p` is the last province found at the end.
    pub(super) fn legacy_below(&mut self, p: Found, prov: &'static legacy::Province) {
        let code = prov.code().get();
        let districts = self.find_in(
            p.start,
            &[Table::LegacyDistrict],
            Scope::Within(p.unit, None),
            &|u| matches!(u, Unit::LegacyDistrict(d) if d.province().code().get() == code),
        );
        for i in districts.clone() {
            let d = self.buffers.found[i];
            if let Unit::LegacyDistrict(dist) = d.unit {
                self.legacy_communes(Some(p), Some(d), prov, Some(dist), d.start);
            }
        }
        if districts.is_empty() && self.thorough {
            self.foreign_district(p, prov);
        }
        self.buffers.found.truncate(districts.start);
        // Commune + province without district: these readings explain the words from
        // `reach(p.start)` at most, with two levels, and are not made when a reading
        // made is better.
        if !self.hopeless(self.reach(p.start), 2) {
            self.legacy_communes(Some(p), None, prov, None, p.start);
        }
    }

    /// A district of another province written before province `p`: when a commune
    /// before it agrees with the district (the province is overruled) or with the
    /// province (the district is overruled), and only one does, that reading.
    fn foreign_district(&mut self, p: Found, prov: &'static legacy::Province) {
        let code = prov.code().get();
        let districts = self.find(p.start, &[Table::LegacyDistrict], &|_| true);
        let mut pairs = std::mem::take(&mut self.buffers.pairs);
        pairs.clear();
        for i in districts.clone() {
            let d = self.buffers.found[i];
            let Unit::LegacyDistrict(dist) = d.unit else {
                continue;
            };
            let dcode = dist.code().get();
            // In the district (the province is overruled) or in the province (the
            // district is overruled).
            let agrees = move |u: &Unit| match u {
                Unit::LegacyCommune(c) => {
                    c.district().code().get() == dcode || c.province().code().get() == code
                }
                _ => false,
            };
            let within = Scope::Within(d.unit, Some(p.unit));
            for j in self.find_in(d.start, &[Table::LegacyCommune], within, &agrees) {
                pairs.push((self.buffers.found[j], d));
            }
            self.buffers.found.truncate(districts.end);
        }
        self.buffers.found.truncate(districts.start);
        if let Some((c, d)) = only_pair(&pairs) {
            if let (Unit::LegacyCommune(com), Unit::LegacyDistrict(dist)) = (c.unit, d.unit) {
                if com.district().code().get() == dist.code().get() {
                    let conflict = Conflict {
                        overruled: p.unit,
                        by: d.unit,
                    };
                    let province = dist.province();
                    let conflict = Some((conflict, p.start));
                    self.push_legacy(None, Some(d), province, Some(dist), Some(c), conflict);
                } else {
                    let conflict = Conflict {
                        overruled: d.unit,
                        by: c.unit,
                    };
                    let district = Some(com.district());
                    let conflict = Some((conflict, d.start));
                    self.push_legacy(Some(p), None, prov, district, Some(c), conflict);
                }
            }
        }
        self.buffers.pairs = pairs;
    }

    pub(super) fn legacy_communes(
        &mut self,
        p: Option<Found>,
        d: Option<Found>,
        prov: &'static legacy::Province,
        dist: Option<&'static legacy::District>,
        end: usize,
    ) {
        let pcode = prov.code().get();
        let dcode = dist.map(|d| d.code().get());
        // A written district confirms a commune named after a street's number.
        self.relax = d.is_some();
        let within = Scope::Within(
            match dist {
                Some(d) => Unit::LegacyDistrict(d),
                None => Unit::LegacyProvince(prov),
            },
            None,
        );
        let communes = self.find_in(end, &[Table::LegacyCommune], within, &|u| match u {
            Unit::LegacyCommune(c) => match dcode {
                Some(dc) => c.district().code().get() == dc,
                None => c.province().code().get() == pcode,
            },
            _ => false,
        });
        if communes.is_empty() {
            if let (Some(p), Some(d), true) = (p, d, self.thorough) {
                self.misplaced_commune(p, d, prov, end);
            }
            if d.is_some() || p.is_some() {
                self.push_legacy(p, d, prov, dist, None, None);
            }
            return;
        }
        for i in communes.clone() {
            let c = self.buffers.found[i];
            let district = match c.unit {
                Unit::LegacyCommune(com) => Some(com.district()),
                _ => dist,
            };
            self.push_legacy(p, d, prov, district, Some(c), None);
        }
        self.buffers.found.truncate(communes.start);
    }

    /// A commune written before district `d` of province `p`, not in that district
    /// but in the province: when only one, the commune and the province agree and
    /// the district is overruled.
    fn misplaced_commune(
        &mut self,
        p: Found,
        d: Found,
        prov: &'static legacy::Province,
        end: usize,
    ) {
        let pcode = prov.code().get();
        let found = self.find_in(
            end,
            &[Table::LegacyCommune],
            Scope::Within(p.unit, None),
            &|u| matches!(u, Unit::LegacyCommune(c) if c.province().code().get() == pcode),
        );
        let mut pairs = std::mem::take(&mut self.buffers.pairs);
        pairs.clear();
        pairs.extend(self.buffers.found[found.clone()].iter().map(|&c| (c, d)));
        self.buffers.found.truncate(found.start);
        if let Some((c, d)) = only_pair(&pairs) {
            if let (Unit::LegacyCommune(com), Unit::LegacyDistrict(dist)) = (c.unit, d.unit) {
                // The district and the province agree too: either may be right.
                let conflict = Conflict {
                    overruled: d.unit,
                    by: c.unit,
                };
                let district = Some(com.district());
                let over = Some((conflict, d.start));
                self.push_legacy(Some(p), None, prov, district, Some(c), over);
                let conflict = Conflict {
                    overruled: c.unit,
                    by: d.unit,
                };
                self.push_legacy(
                    Some(p),
                    Some(d),
                    prov,
                    Some(dist),
                    None,
                    Some((conflict, c.start)),
                );
            }
        }
        self.buffers.pairs = pairs;
    }

    /// Whether the exact pass left something a typo-tolerant pass may find: no
    /// reading, or a unit written with its kind word right before the units of one
    /// of the best readings ("Phường Bach Khoaa, Hai Bà Trưng, Hà Nội": a ward
    /// before a name that reads as a current ward or an old district), or a best
    /// reading that overrules a unit or finds the units apart (a typo may be what
    /// kept them from agreeing: "xã An Phụ, Knih Môn, Hải Dương").
    pub(super) fn needs_fuzzy(&self) -> bool {
        // (The best quality made is that of the best reading kept.)
        let Some(best) = self.best_quality else {
            return true;
        };
        self.readings
            .iter()
            .filter(|r| r.score.quality() == best)
            .any(|r| {
                let below = match r.deepest().level() {
                    search::Level::Commune => search::Level::District,
                    level => level,
                };
                !r.score.consistent
                    || self.unresolved(r.first_word, Some(below)).is_some()
                    || (r.deepest().level() != search::Level::Commune
                        && self.name_segment_before(r.first_word))
            })
    }

    /// Whether the segment (between commas or dashes) ending at word `end` may be a
    /// unit's name written without its kind word ("Ben Ngeh, Quận 1"): up to four
    /// words, none with a digit, the first not a word the analysis knows (kind, hamlet
    /// or street word).
    pub(super) fn name_segment_before(&self, end: usize) -> bool {
        self.name_segment(end, false)
    }

    /// [`name_segment_before`](Self::name_segment_before); with `loose`, words after
    /// the first may be numbers ("Thủ Dầu 1") and the first may be any word but a
    /// kind, hamlet or street word ("Thủ" is the start of "Thủ đô").
    fn name_segment(&self, end: usize, loose: bool) -> bool {
        if end <= self.first_word || !self.unit_ends(end) {
            return false;
        }
        let seg = self.unit_start(end - 1);
        let words = &self.buffers.words;
        let has_digit = |i: usize| words.key_bytes(i).iter().any(u8::is_ascii_digit);
        let first_is_name = match loose {
            false => words.tag(seg) == vocab::Tag::Untagged,
            true => words.kind_at(seg, end).is_none() && !vocab::is_place_word(words.tag(seg)),
        };
        end - seg <= 4
            && first_is_name
            && !has_digit(seg)
            && (loose || (seg..end).all(|i| !has_digit(i)))
    }

    /// A name segment ([`name_segment_before`](Self::name_segment_before)) right of
    /// nothing but ending where a reading stopping at unit `deepest` starts: a unit
    /// below it that was not found, with its words and level. A district that had no
    /// communes (Côn Đảo, Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn before 2025) has
    /// nothing below it: such a segment names a place in it ("Cảng Bến Đầm, Côn Đảo").
    fn unmatched_segment(
        &self,
        end: usize,
        deepest: Unit,
    ) -> Option<(Range<usize>, search::Level)> {
        let below = match deepest {
            Unit::Commune(_) | Unit::LegacyCommune(_) => return None,
            Unit::LegacyProvince(_) => search::Level::District,
            _ => search::Level::Commune,
        };
        if !self.name_segment(end, true) {
            return None;
        }
        if let Unit::LegacyDistrict(d) = deepest {
            // (None when it has no communes.)
            d.communes().next()?;
        }
        let seg = self.unit_start(end - 1);
        if vocab::is_landmark_start(self.buffers.words.key(seg)) {
            return None;
        }
        let a = self.buffers.words.word(seg).start;
        let b = self.buffers.words.word(end - 1).end;
        Some((a..b, below))
    }

    /// Sorts and dedups the readings, checks for a unit written but not found, and
    /// builds the result.
    ///
    /// Returns how many readings are equally good in the best structure.
    pub(super) fn finish(&mut self) -> Result<usize, ParseError> {
        if self.readings.is_empty() {
            if let Some((name, _)) = self.unresolved(self.units_end, None) {
                return Err(ParseError::ProvinceNotFound {
                    name: self.text[name].to_owned(),
                });
            }
            return Err(ParseError::NotFound);
        }
        // Best first (`rank::reading_order`, a total order: the sort need not be
        // stable, and so needs no buffer).
        let readings = &mut self.readings;
        readings.sort_unstable_by(rank::reading_order);
        // One reading per deepest unit (the best), in order.
        let mut kept = 0;
        for i in 0..readings.len() {
            crate::work::add(1 + kept);
            let d = readings[i].deepest();
            if !readings[..kept].iter().any(|k| k.deepest() == d) {
                // A reading swapped with itself would still be copied three times.
                if kept != i {
                    readings.swap(kept, i);
                }
                kept += 1;
            }
        }
        readings.truncate(kept);
        let best = readings[0].score.quality();
        readings.retain(|r| r.score.quality() == best);
        // Ties are broken by the diacritics: "Xã Minh Quán" is not "Xã Minh Quân".
        if self.readings.len() > 1 && !self.text.is_ascii() {
            for i in 0..self.readings.len() {
                self.readings[i].score.fidelity = self.fidelity(&self.readings[i]);
            }
            self.readings.sort_unstable_by(rank::reading_order);
            let top = self.readings[0].score.quality();
            self.readings.retain(|r| r.score.quality() == top);
        }
        let best = self.readings[0];
        let ambiguous = self
            .readings
            .iter()
            .filter(|r| r.era() == best.era())
            .count();
        // A unit written left of the units found (with its kind word, or a name
        // segment of its own) and not found: the address is read only partly.
        let level = best.deepest().level();
        self.unresolved = self
            .unresolved(best.first_word, Some(level))
            .or_else(|| self.unmatched_segment(best.first_word, best.deepest()))
            .or_else(|| self.stray_unit(best.first_word))
            .or(self.dropped.clone().map(|r| (r, search::Level::Province)));
        // The street part of each reading kept: the input left of its first unit.
        for i in 0..self.readings.len() {
            let r = &self.readings[i];
            let start = r.parts.iter().any(Option::is_some).then_some(r.first_word);
            self.readings[i].rest = self.rest(start);
        }
        Ok(ambiguous)
    }

    /// A unit written with a kind word of a level below `below` (any level when
    /// `None`) that ends at word `end`, verbatim, with its level: "Phường Xyz" right
    /// of "Quận 1". The kind word starts the segment before `end`, or is a full word
    /// (not an abbreviation) within a few words of it when there are no commas.
    pub(super) fn unresolved(
        &self,
        end: usize,
        below: Option<search::Level>,
    ) -> Option<(Range<usize>, search::Level)> {
        // Nothing is below a commune.
        if end <= self.first_word || below == Some(search::Level::Commune) {
            return None;
        }
        let mut seg = self.unit_start(end - 1);
        let at_break = self.unit_ends(end);
        if at_break {
            // A label and its colon start the segment ("Trụ sở chính: Quận Xyz, Hà
            // Nội"): the unit written starts after them.
            let words = &self.buffers.words;
            if let Some(i) = (seg + 1..end).rev().find(|&i| {
                crate::work::add(1);
                self.text[words.word(i - 1).end..words.word(i).start].contains(':')
            }) {
                seg = i;
            }
        }
        // With commas, the kind word starts the segment; without, it is a full word
        // within a few words.
        let starts = if at_break && seg + MAX_SPAN >= end {
            seg..seg + 1
        } else {
            seg.max(end.saturating_sub(MAX_SPAN))..end
        };
        for start in starts.rev() {
            crate::work::add(1);
            let Some((k, n, full)) = self.buffers.words.kind_at(start, end) else {
                continue;
            };
            if start + n >= end || !(full || start == seg) {
                continue;
            }
            // "Tỉnh lộ 8", "Huyện lộ 2": roads.
            if self.buffers.words.tag(start + n) == vocab::Tag::Lo {
                continue;
            }
            let level = if k.is_commune() {
                search::Level::Commune
            } else if matches!(k, KindWord::Province) || (below.is_none() && k == KindWord::City) {
                search::Level::Province
            } else {
                search::Level::District
            };
            let lower = match below {
                None => level == search::Level::Province,
                Some(search::Level::Province) => level != search::Level::Province,
                Some(search::Level::District) => level == search::Level::Commune,
                Some(search::Level::Commune) => false,
            };
            if !lower {
                continue;
            }
            let a = self.buffers.words.word(start).start;
            let b = self.buffers.words.word(end - 1).end;
            return Some((a..b, level));
        }
        None
    }

    /// A unit written with its kind word at the start of a segment left of word
    /// `end` (where the units found start), which no reading explains: "Quận 1" in
    /// "30 Lưu Văn Lang, Quận 1, Quận 1, 700000 TP. Hồ Chí Minh", "TP.ĐỒNG HỚI"
    /// before a commune. The last one, with its words (to the end of its segment)
    /// and level.
    fn stray_unit(&self, end: usize) -> Option<(Range<usize>, search::Level)> {
        let words = &self.buffers.words;
        for i in (self.first_word..end).rev() {
            crate::work::add(1);
            // (Most words have no tag, and no kind word starts with one.)
            if words.tag(i) == vocab::Tag::Untagged || !self.at_break(i) {
                continue;
            }
            let seg_end = (i + 1..end).find(|&j| self.at_break(j)).unwrap_or(end);
            let Some((k, n, _)) = words.kind_at(i, seg_end) else {
                continue;
            };
            // A kind word alone, or a road ("Tỉnh lộ 8").
            if i + n >= seg_end || words.tag(i + n) == vocab::Tag::Lo {
                continue;
            }
            let level = if k.is_commune() {
                search::Level::Commune
            } else if k == KindWord::Province {
                search::Level::Province
            } else {
                search::Level::District
            };
            let a = words.word(i).start;
            let b = words.word(seg_end - 1).end;
            return Some((a..b, level));
        }
        None
    }

    /// The verbatim input left of word `start`, without trailing separators.
    pub(super) fn rest(&self, start: Option<usize>) -> &'a str {
        let cut = match start {
            Some(i) if i < self.buffers.words.len() => self.buffers.words.word(i).start,
            Some(_) => self.text.len(),
            None => return self.input.trim(),
        };
        let cut = match self.cleaned.is_clean() {
            true => cut,
            false => self.cleaned.to_input(self.input, cut),
        };
        trim_rest(&self.input[..cut])
    }

    /// [`rest`](Self::rest), cleaned: the text parsed left of word `start`.
    pub(super) fn clean_rest(&self, start: Option<usize>) -> &'t str {
        let cut = match start {
            Some(i) if i < self.buffers.words.len() => self.buffers.words.word(i).start,
            Some(_) => self.text.len(),
            None => return self.text.trim(),
        };
        trim_rest(&self.text[..cut])
    }

    /// The first word of the comma-separated segment that word `i` is in.
    pub(super) fn segment_start(&self, i: usize) -> usize {
        let start = (self.first_word..=i)
            .rev()
            .find(|&j| j == self.first_word || self.buffers.words.word(j).hard_break_before)
            .unwrap_or(self.first_word);
        crate::work::add(1 + i.saturating_sub(start));
        start
    }

    /// The leftmost word of a unit that [`find`](Self::find) may return for `end`
    /// (with its kind word), or `end` when it can return none: the name lies in the
    /// segment of word `end - 1`, within [`MAX_SPAN`] words of `end`, and two more
    /// for an English kind word after it ("Ben Nghe Ward"). Not decreasing in `end`.
    pub(super) fn reach(&self, end: usize) -> usize {
        if end <= self.first_word {
            return end;
        }
        self.segment_start(end - 1)
            .max(end.saturating_sub(MAX_SPAN + 2))
    }

    /// The first word of the segment between separators, commas or dashes, that word
    /// `i` is in: where a unit written on its own starts.
    pub(super) fn unit_start(&self, i: usize) -> usize {
        let start = (self.first_word..=i)
            .rev()
            .find(|&j| j == self.first_word || self.buffers.words.word(j).break_before())
            .unwrap_or(self.first_word);
        crate::work::add(1 + i.saturating_sub(start));
        start
    }

    /// Whether a separator (a comma or a dash) or the end follows word `end - 1`.
    pub(super) fn unit_ends(&self, end: usize) -> bool {
        end >= self.units_end || self.buffers.words.word(end).break_before()
    }
}
