//! Typo-tolerant matching: the bit-parallel walk of the index keys within an edit
//! distance, and the banded distance of two keys.

use crate::tables::index::{self, blob_at, exact_bytes, Order, Table};
use crate::tables::layout::{letter_set, ordinal, ORDS};

/// The largest edit distance tolerated for a key of this length.
pub(crate) fn max_distance(len: usize) -> u8 {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Longest query key fuzzy search accepts; longer keys are matched exactly only.
const MAX_FUZZY_LEN: usize = 48;
/// Longest index key the walk handles (the longest is 31 bytes; codegen checks).
const MAX_KEY_LEN: usize = 63;
/// The largest edit distance the walk handles.
const MAX_EDITS: u8 = 3;
#[cfg(test)]
const BAND: usize = 2 * MAX_EDITS as usize + 1;

/// Calls `found(entry, distance)` for every key of the index within `max` edits of
/// `query` (optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of adjacent letters); `entry` is the key's position in the
/// concatenation of the per-level arrays. A key may be reported twice.
///
/// The keys are sorted, so consecutive keys share prefixes: this walks the implicit
/// trie of the keys without building one, one bit-parallel column per trie node
/// ([`BitParallel`]). The column of a shared prefix (`KEY_LCP`) is reused, and when no
/// cell of a column is within `max`, all keys with that prefix are skipped.
///
/// The error budget is split: with `f = max / 2` and `b = max - f - 1`, a match has at
/// most `f` errors in the alignment of the first `h` letters of the query or at most
/// `b` in the alignment of the rest (else it would have more than `max`). The first case is found by walking the keys
/// forwards with the bound `f` while in the first `h` letters, the second by walking
/// them backwards (`RKEY_ORDER`) with the query reversed and the bound `b`; tight
/// bounds prune the trie near its root. A key may be reported twice.
pub(crate) fn fuzzy_walk(query: &[u8], max: u8, mut found: impl FnMut(u16, u8)) {
    let m = query.len();
    if m > MAX_FUZZY_LEN || max > MAX_EDITS {
        return;
    }
    if max == 0 {
        for p in exact_bytes(query) {
            found(index::entry_at(p), 0);
        }
        return;
    }
    // The split point that makes the two walks cheapest together, measured (work
    // counter) on misspelt index keys and on the names of the slowest adversarial
    // inputs: the trie is densest near its root, where the forward walk's looser
    // bound `f` keeps most nodes, and names end in common letters ("ng", "nh"), so
    // the backward walk needs a few exact letters to prune. The middle of the query
    // for `max` 2 takes 10–45 % fewer steps than 3m / 5 on names of 8 letters (the
    // common length); one letter less for `max` 1.
    let h = if max >= 2 {
        m / 2
    } else {
        m.saturating_sub(1) / 2
    };
    // For `max` 2 the one error allowed in a half goes to the half whose walk is
    // estimated cheaper ([`loose_first`]); otherwise the halves share the budget.
    let f = if max == 2 {
        u8::from(loose_first(query))
    } else {
        max / 2
    };
    split_walk(query, max, h, f, &mut found);
}

/// A part of [`fuzzy_walk`] within two edits, for a caller that needs the keys
/// within two only when none within one will do ([`fuzzy_walk_stage`]).
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Stage {
    /// The walk of the exact half, within two: finds every key within two edits
    /// with no error in that half (so some of those within one).
    ExactHalf,
    /// The walk of the other half exactly, within one: with [`Stage::ExactHalf`],
    /// every key within one edit.
    WithinOne,
    /// The walk of the half within one, within two: with [`Stage::ExactHalf`],
    /// every key within two edits. Most of the cost.
    LooseHalf,
}

/// One [`Stage`] of [`fuzzy_walk`] within two edits, for the split `loose` (whether
/// the first half is the one within one: [`loose_first`]). [`Stage::ExactHalf`]
/// with [`Stage::LooseHalf`] are [`fuzzy_walk`]'s two walks; [`Stage::WithinOne`]
/// is [`fuzzy_walk`] within one with the same split, less what the first finds (a
/// key within one edit has no error in one half or the other). So a caller that
/// looks for a match within one first walks the exact half, and then the other
/// half exactly only if that found one (to find the others within one), else the
/// half within one: a walk within two costs nothing more, and one that stops
/// within one far less.
pub(crate) fn fuzzy_walk_stage(
    query: &[u8],
    loose: bool,
    stage: Stage,
    found: impl FnMut(u16, u8),
) {
    if query.len() <= MAX_FUZZY_LEN {
        staged_walk(query, query.len() / 2, loose, stage, found);
    }
}

/// [`fuzzy_walk_stage`] for the split after `h` letters.
fn staged_walk(
    query: &[u8],
    h: usize,
    loose_first: bool,
    stage: Stage,
    mut found: impl FnMut(u16, u8),
) {
    let m = query.len();
    let mut rq = [0u8; MAX_FUZZY_LEN];
    for (r, &c) in rq.iter_mut().zip(query.iter().rev()) {
        *r = c;
    }
    let rq = &rq[..m];
    // As in `split_walk`: backwards, the strict rows are those after h.
    let back = |bound: u8| (m - h).checked_sub(1).map(|hb| (hb, bound));
    match (loose_first, stage) {
        (false, Stage::ExactHalf) => walk(query, 2, Some((h, 0)), false, &mut found),
        (false, Stage::WithinOne) => walk(rq, 1, back(0), true, &mut found),
        (false, Stage::LooseHalf) => walk(rq, 2, back(1), true, &mut found),
        (true, Stage::ExactHalf) => walk(rq, 2, back(0), true, &mut found),
        (true, Stage::WithinOne) => walk(query, 1, Some((h, 0)), false, &mut found),
        (true, Stage::LooseHalf) => walk(query, 2, Some((h, 1)), false, &mut found),
    }
}

/// Whether a walk within two edits is estimated cheaper with the one error allowed
/// in the first half (walked forwards within one, the rest backwards exactly) than
/// in the second (the first half forwards exactly, the rest backwards within one).
/// Either finds the same keys.
///
/// A walk spends most of its steps near the root of its trie, so the estimate is a
/// weighted sum of counts from the first-two-byte buckets of the two orders around
/// the query's first and last letters ([`bucket_features`]): the difference of the
/// two walks' instructions (callgrind), fitted (least squares) on the 850 names
/// walked within two for the 2,000 slowest adversarial inputs. Out of sample
/// (halves), its choice takes 5.9 % fewer instructions than the forward half within
/// one always, where the best choice would take 8.7 % fewer.
pub(crate) fn loose_first(query: &[u8]) -> bool {
    /// Weights (sixteenths of an instruction) of [`bucket_features`] forwards,
    /// then backwards, and the constant term.
    const FORWARDS: [i64; FEATURES] = [-184, -32, -10, 7, -449, 45, -175, -33204, -26591, -23877];
    const BACKWARDS: [i64; FEATURES] = [78, -16, 40, 65, 127, -10, 70, 15047, 7070, 18318];
    const BIAS: i64 = 314_653;
    let m = query.len();
    if m < 3 {
        return true;
    }
    let ord = |c: u8| ordinal(c).unwrap_or(0);
    let forwards = bucket_features([ord(query[0]), ord(query[1]), ord(query[2])], false);
    let backwards = bucket_features(
        [ord(query[m - 1]), ord(query[m - 2]), ord(query[m - 3])],
        true,
    );
    let dot = |w: &[i64; FEATURES], x: [usize; FEATURES]| -> i64 {
        w.iter().zip(x).map(|(&w, x)| w * x as i64).sum()
    };
    // The first half exact costs more than the first half within one.
    dot(&FORWARDS, forwards) + dot(&BACKWARDS, backwards) + BIAS >= 0
}

/// How many counts [`bucket_features`] gives.
const FEATURES: usize = 10;

/// Counts from the first-two-byte buckets of the order `backwards`, for a query
/// starting with the ordinals `o`: the keys starting with `o[0] o[1]`, with `o[0]`,
/// with any byte then `o[1]`, with any byte then `o[0]`, with `o[1] o[2]`, with
/// `o[0] o[2]` and with `o[1] o[0]`, and how many buckets are not empty of those
/// of any byte then `o[1]`, any byte then `o[0]`, and `o[0]` then any byte.
fn bucket_features(o: [usize; 3], backwards: bool) -> [usize; FEATURES] {
    let buckets = index::order(backwards).buckets;
    // Ordinals are below ORDS, and the buckets have ORDS * ORDS + 1 ends.
    let keys = |from: usize, to: usize| usize::from(buckets[to].saturating_sub(buckets[from]));
    let pair = |a: usize, b: usize| keys(a * ORDS + b, a * ORDS + b + 1);
    let (mut s1, mut s0, mut n1, mut n0, mut nf) = (0, 0, 0, 0, 0);
    for x in 0..ORDS {
        let (k1, k0, kf) = (pair(x, o[1]), pair(x, o[0]), pair(o[0], x));
        s1 += k1;
        s0 += k0;
        n1 += usize::from(k1 > 0);
        n0 += usize::from(k0 > 0);
        nf += usize::from(kf > 0);
    }
    [
        pair(o[0], o[1]),
        keys(o[0] * ORDS, (o[0] + 1) * ORDS),
        s1,
        s0,
        pair(o[1], o[2]),
        pair(o[0], o[2]),
        pair(o[1], o[0]),
        n1,
        n0,
        nf,
    ]
}

/// The two walks of [`fuzzy_walk`] for the split after `h` letters, with at most `f`
/// errors in the first part (forwards) or `max - f - 1` in the rest (backwards).
fn split_walk(query: &[u8], max: u8, h: usize, f: u8, mut found: impl FnMut(u16, u8)) {
    let m = query.len();
    let b = max - f - 1;
    walk(query, max, Some((h, f)), false, &mut found);
    let mut rq = [0u8; MAX_FUZZY_LEN];
    for (r, &c) in rq.iter_mut().zip(query.iter().rev()) {
        *r = c;
    }
    // Backwards, the rows after h come first; row h itself is loose (a swap across
    // the boundary is covered that way).
    let back = (m - h).checked_sub(1).map(|hb| (hb, b));
    walk(&rq[..m], max, back, true, &mut found);
}

/// Calls `found(i, distance)` for every key `keys[i]` within `max` edits of `query`
/// (optimal string alignment distance, as [`distance_within`] gives it), in the order
/// of `keys`.
///
/// One bit-parallel column per key letter ([`BitParallel`]), the columns of the
/// prefix a key shares with the one before it reused, and a key dropped as soon as no
/// cell of its column is within `max`; before that, a key whose length, or whose set
/// of letters, differs from the query's by more than `max` is passed over. Several
/// times cheaper than [`distance_within`] on each key, for a short list of keys (the
/// provinces').
pub(crate) fn each_within<'k>(
    query: &[u8],
    max: u8,
    keys: impl IntoIterator<Item = &'k [u8]>,
    found: impl FnMut(usize, u8),
) {
    within(query, max, keys.into_iter().map(|k| (k, None)), found);
}

/// [`each_within`] over the keys of a table of a few hundred keys (the provinces'
/// of both structures, which every span that may be a misspelt province is
/// compared with): only the keys whose length is within `max` of the query's, in
/// byte order (consecutive keys share the columns of their common prefix), with
/// their letter sets, all generated ([`index::by_length`]). `found` is called in no
/// particular order. (A table without those lists is walked whole, in key order.)
pub(crate) fn each_key_within_by_length(
    query: &[u8],
    max: u8,
    table: Table,
    mut found: impl FnMut(usize, u8),
) {
    let keys = table.keys();
    let Some(by) = index::by_length(table) else {
        return within(query, max, keys.iter().map(|k| (k.key(), None)), found);
    };
    let m = query.len();
    let last = by.starts.len() - 1;
    let lo = usize::from(by.starts[m.saturating_sub(usize::from(max)).min(last)]);
    let hi = usize::from(by.starts[(m + usize::from(max) + 1).min(last)]);
    let order = &by.order[lo..hi];
    let keys = order
        .iter()
        .zip(&by.sets[lo..hi])
        .map(|(&i, &set)| (keys[usize::from(i)].key(), Some(set)));
    within(query, max, keys, |j, d| found(usize::from(order[j]), d));
}

/// [`each_within`], with the letter set of a key given (`Some`) or to be worked
/// out (`None`).
fn within<'k>(
    query: &[u8],
    max: u8,
    keys: impl Iterator<Item = (&'k [u8], Option<u64>)>,
    mut found: impl FnMut(usize, u8),
) {
    // Index keys are at most 31 bytes: a longer query is more than `max` away.
    if query.len() > MAX_FUZZY_LEN || max > MAX_EDITS {
        return;
    }
    let mut bp = BitParallel::new(query, max, None);
    let letters = letter_set(query);
    let mut prev: &[u8] = &[];
    let mut valid = 0usize;
    for (i, (key, set)) in keys.enumerate() {
        crate::work::add(1);
        if key.len() > MAX_KEY_LEN || key.len().abs_diff(query.len()) > usize::from(max) {
            continue;
        }
        // Each letter of one that the other lacks takes an edit of its own.
        let other = set.unwrap_or_else(|| letter_set(key));
        if more_than(other & !letters, max) || more_than(letters & !other, max) {
            continue;
        }
        let lcp = key.iter().zip(prev).take_while(|(a, b)| a == b).count();
        let mut d = lcp.min(valid);
        let pruned = bp.descend(key, &mut d);
        // The column of a pruned depth may not be computed.
        valid = d - usize::from(pruned);
        prev = key;
        if !pruned {
            if let Some(dist) = bp.distance(key.len()) {
                found(i, dist);
            }
        }
    }
}

/// Whether more than `n` bits of `x` are set (`count_ones` is a loop of a dozen
/// instructions on the baseline x86-64; `n` is at most [`MAX_EDITS`]).
#[inline]
fn more_than(mut x: u64, n: u8) -> bool {
    for _ in 0..n {
        x &= x.wrapping_sub(1);
    }
    x != 0
}

/// One walk of [`fuzzy_walk`]: forwards over `KEY_ORDER` or backwards over
/// `RKEY_ORDER` (keys read from their end), keeping only the nodes with a cell within
/// `split.1` in the first `split.0` letters of the query or within `max` after.
fn walk(
    query: &[u8],
    max: u8,
    split: Option<(usize, u8)>,
    backwards: bool,
    found: &mut impl FnMut(u16, u8),
) {
    let mut bp = BitParallel::new(query, max, split);
    let Order {
        entries: order,
        at,
        lcp,
        buckets,
        blob: text,
    } = index::order(backwards);
    let n = order.len();
    // The letters that may keep a child of a node at depth 0 or 1 alive where the
    // miss column is pruned ([`near_rows`]), as ordinals, and one past the last
    // (the end of the node's range in the buckets).
    let ords_near = |depth| {
        let rows = near_rows(query.len(), max, depth);
        query
            .iter()
            .enumerate()
            .filter(|&(i, _)| rows >> i & 1 == 1)
            .filter_map(|(_, &c)| ordinal(c))
            .fold(1u64 << ORDS, |set, o| set | 1 << o)
    };
    let (ords0, ords1) = (ords_near(0), ords_near(1));
    // `near_rows` of every depth, worked out once: 0 beyond `m + max` (no row is
    // near), so for every depth past the array.
    let mut near_at = [0u64; MAX_FUZZY_LEN + MAX_EDITS as usize + 1];
    for (depth, near) in near_at
        .iter_mut()
        .enumerate()
        .take(query.len() + usize::from(max) + 1)
    {
        *near = near_rows(query.len(), max, depth);
    }
    let mut valid = 0usize; // cols[..=valid] hold the prefix of the previous key
    let mut p = 0;
    while p < n {
        crate::work::add(1);
        // Keys are under 64 bytes (checked by codegen): the columns fit.
        let key = blob_at(text, at[p]);
        let mut d = usize::from(lcp[p]).min(valid);
        let pruned = bp.descend(key, &mut d);
        // The column of a pruned depth may not be computed (no key after the skip
        // below shares that depth).
        valid = d - usize::from(pruned);
        if pruned {
            // Skip every following key that shares the pruned prefix key[..d]: to
            // the next bucket for one or two letters, else by scanning the LCPs.
            // When the pruning letter is none of the query's rows near the parent,
            // it pruned as a letter the query lacks would, and so does every
            // following sibling with such a letter: skipped to the next sibling with
            // a letter of those rows.
            let near = near_at.get(d - 1).copied().unwrap_or(0);
            let miss = bp.peq[usize::from(key[d - 1])] & near == 0;
            p = match (d, key.first().and_then(|&c| ordinal(c))) {
                (1, Some(o0)) => {
                    let o = if miss { next_ord(ords0, o0) } else { o0 + 1 };
                    usize::from(buckets[o * ORDS])
                }
                (2, Some(o0)) => match key.get(1).and_then(|&c| ordinal(c)) {
                    Some(o1) => {
                        let o = if miss { next_ord(ords1, o1) } else { o1 + 1 };
                        usize::from(buckets[o0 * ORDS + o])
                    }
                    None => skip_shared(lcp, p + 1, d),
                },
                _ => {
                    let mut q = skip_shared(lcp, p + 1, d);
                    // Siblings share d - 1 bytes with the pruned key.
                    while miss
                        && q < n
                        && usize::from(lcp[q]) + 1 == d
                        && blob_at(text, at[q])
                            .get(d - 1)
                            .is_some_and(|&c| bp.peq[usize::from(c)] & near == 0)
                    {
                        q = skip_shared(lcp, q + 1, d);
                    }
                    q
                }
            };
        } else {
            // The same key names other units (homonyms: hundreds of "1", dozens of
            // "tan thanh"): they follow it, with the same place in the blob, and
            // are at the same distance.
            let dist = bp.distance(key.len());
            let here = at[p];
            loop {
                if let Some(dist) = dist {
                    found(order[p], dist);
                }
                p += 1;
                if p >= n || at[p] != here {
                    break;
                }
                crate::work::add(1);
            }
        }
    }
}

/// The rows of the query (bits) whose letter may keep a child of a node at `depth`
/// alive when a letter the query lacks does not.
///
/// The column after a letter differs from the one after a letter the query lacks
/// only below a cell where the letter matches, `D[i + 1][depth + 1] = D[i][depth]`
/// with `query[i]` the letter (or a swap, `D[i + 2][depth + 1] = D[i][depth - 1] + 1`
/// with `query[i]` the letter), and from there on it only grows by one a row. That
/// is within `max` only if `D[i][depth]` is (`D[i][depth - 1] < max`), so only if
/// `|i - depth| <= max`: no other row's letter changes a cell within `max`, hence
/// whether the child is pruned.
#[inline]
fn near_rows(m: usize, max: u8, depth: usize) -> u64 {
    let lo = depth.saturating_sub(usize::from(max));
    let hi = (depth + usize::from(max) + 1).min(m);
    if lo >= hi {
        return 0;
    }
    ((1u64 << hi) - 1) & !((1u64 << lo) - 1)
}

/// The least ordinal after `o` in the set `ords` (which holds `ORDS`).
#[inline]
fn next_ord(ords: u64, o: usize) -> usize {
    (ords >> (o + 1) << (o + 1)).trailing_zeros() as usize
}

/// The first position from `p` whose key shares fewer than `depth` bytes with the one
/// before it.
#[inline]
fn skip_shared(lcp: &[u8], mut p: usize, depth: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let n = lcp.len();
    // Key prefixes are under 128 bytes, so the "has a byte less than" trick is exact
    // for the lowest byte it flags.
    let below = ONES.wrapping_mul(depth as u64);
    while p + 8 <= n {
        crate::work::add(1);
        let x = u64::from_le_bytes(lcp[p..p + 8].try_into().unwrap());
        let flags = x.wrapping_sub(below) & !x & HIGHS;
        if flags != 0 {
            return p + (flags.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    while p < n && usize::from(lcp[p]) >= depth {
        crate::work::add(1);
        p += 1;
    }
    p
}

/// The state of the bit-parallel distance computation after a key prefix of length
/// `d`: the vertical deltas of the column `D[0..=m][d]` (bit `i` of `vp`/`vn`:
/// `D[i + 1][d]` is one more/less than `D[i][d]`), the diagonal-zero vector, the
/// match vector of the last key letter (for swaps) and `e = D[lo][d]` at the bottom
/// of the band, `lo = d - max` (0 when `d <= max`).
#[derive(Clone, Copy, Default)]
struct Column {
    vp: u64,
    vn: u64,
    d0: u64,
    pm: u64,
    e: i32,
    /// Whether the column after a letter the query lacks is pruned: [`MISS_UNKNOWN`]
    /// until a child of this node needs it, then [`MISS_PRUNED`] or [`MISS_KEPT`].
    miss: u8,
}

const MISS_UNKNOWN: u8 = 0;
const MISS_PRUNED: u8 = 1;
const MISS_KEPT: u8 = 2;

/// Bits of the band window: `2 * MAX_EDITS` deltas.
const WINDOW: u32 = 2 * MAX_EDITS as u32;

/// `BAND_MIN[vp | vn << WINDOW]`: the least prefix sum of the deltas (+1 for a `vp`
/// bit, −1 for a `vn` bit, in bit order), starting from 0.
static BAND_MIN: [i8; 1 << (2 * WINDOW)] = band_min_table();

/// `BAND_SUM[vp | vn << WINDOW]`: the sum of the deltas.
static BAND_SUM: [i8; 1 << (2 * WINDOW)] = band_sum_table();

const fn band_sum_table() -> [i8; 1 << (2 * WINDOW)] {
    let mut t = [0i8; 1 << (2 * WINDOW)];
    let mut x = 0;
    while x < t.len() {
        let (vp, vn) = (x & ((1 << WINDOW) - 1), x >> WINDOW);
        t[x] = vp.count_ones() as i8 - vn.count_ones() as i8;
        x += 1;
    }
    t
}
const BAND_MASK: u64 = (1 << (2 * WINDOW)) - 1;

const fn band_min_table() -> [i8; 1 << (2 * WINDOW)] {
    let mut t = [0i8; 1 << (2 * WINDOW)];
    let mut x = 0;
    while x < t.len() {
        let (vp, vn) = (x & ((1 << WINDOW) - 1), x >> WINDOW);
        let (mut v, mut best, mut i) = (0i8, 0i8, 0);
        while i < WINDOW {
            v += ((vp >> i) & 1) as i8 - ((vn >> i) & 1) as i8;
            if v < best {
                best = v;
            }
            i += 1;
        }
        t[x] = best;
        x += 1;
    }
    t
}

/// Optimal string alignment distance between a query and the keys of a trie walk,
/// one key letter at a time (Hyyrö's bit-vector algorithm with transpositions, after
/// Myers), with the column of every depth kept so that a shared prefix is not
/// recomputed.
struct BitParallel {
    /// Bit `i` of `peq[c]`: `query[i] == c`.
    peq: [u64; 256],
    cols: [Column; MAX_KEY_LEN + 1],
    m: usize,
    max: u8,
    mask: u64,
    /// Query length `h` and bound: a column is kept if a cell of row `i <= h` is
    /// within the bound, or a cell of row `i > h` within `max`.
    split: Option<(usize, u8)>,
}

impl BitParallel {
    fn new(query: &[u8], max: u8, split: Option<(usize, u8)>) -> BitParallel {
        let mut peq = [0u64; 256];
        for (i, &c) in query.iter().enumerate() {
            peq[usize::from(c)] |= 1 << i;
        }
        let m = query.len();
        let mask = if m == 64 { u64::MAX } else { (1u64 << m) - 1 };
        let mut cols = [Column::default(); MAX_KEY_LEN + 1];
        // D[i][0] = i: every delta +1.
        cols[0].vp = mask;
        BitParallel {
            peq,
            cols,
            m,
            max,
            mask,
            split: split.filter(|&(_, b)| b < max),
        }
    }

    /// Extends the columns from depth `*d` down `key`, leaving `*d` at the depth
    /// reached; `true` when the walk was pruned there (no cell of the column at `*d`
    /// is within `max`, so no key with the prefix `key[..*d]` can be; that column is
    /// not kept).
    ///
    /// Every letter the query lacks gives the same column, so whether it prunes is
    /// worked out once per node (`miss`) and reused by its children with such a
    /// letter, most of those a walk visits near the root.
    #[inline(always)]
    fn descend(&mut self, key: &[u8], d: &mut usize) -> bool {
        let mut col = self.cols[*d];
        while *d < key.len() {
            crate::work::add(1);
            let x = self.peq[usize::from(key[*d])];
            if x == 0 {
                if col.miss == MISS_UNKNOWN {
                    col.miss = match self.step(&col, 0, *d) {
                        Some(_) => MISS_KEPT,
                        None => MISS_PRUNED,
                    };
                    self.cols[*d].miss = col.miss;
                }
                if col.miss == MISS_PRUNED {
                    *d += 1;
                    return true;
                }
            }
            let Some(next) = self.step(&col, x, *d) else {
                *d += 1;
                return true;
            };
            col = next;
            *d += 1;
            self.cols[*d] = col;
        }
        false
    }

    /// The column after `col` (at depth `d`) and a key letter of match vector `x`,
    /// or `None` when it is pruned (no cell within `max`, or none within the split's
    /// bound where it applies).
    #[inline(always)]
    fn step(&self, col: &Column, x: u64, d: usize) -> Option<Column> {
        let max = usize::from(self.max);
        let maxi = i32::from(self.max);
        let window = (1u64 << (2 * max)) - 1;
        let tr = ((!col.d0 & x) << 1) & col.pm;
        let d0 = ((((x & col.vp).wrapping_add(col.vp)) ^ col.vp) | x | col.vn | tr) & self.mask;
        let hp = col.vn | !(d0 | col.vp);
        let hn = col.vp & d0;
        // D[0][d + 1] = d + 1: the top row always grows.
        let xh = (hp << 1) | 1;
        let vn = xh & d0;
        let vp = ((hn << 1) | !(xh | d0)) & self.mask;
        // e = D[lo][d + 1], lo = d + 1 - max: along the diagonal D grows by 1
        // unless the diagonal-zero bit is set.
        let (e, lo) = if d < max {
            (d as i32 + 1, 0)
        } else {
            let lo = d - max;
            if lo >= self.m {
                return None;
            }
            (col.e + 1 - ((d0 >> lo) & 1) as i32, lo + 1)
        };
        // The least cell of the band: from lo, 2 max deltas up.
        let (wp, wn) = ((vp >> lo) & window, (vn >> lo) & window);
        let least = e + i32::from(BAND_MIN[((wp | (wn << WINDOW)) & BAND_MASK) as usize]);
        if least > maxi {
            return None;
        }
        if let Some((h, bound)) = self.split {
            if lo <= h && !self.split_keeps(e, lo, wp, wn, h, i32::from(bound)) {
                return None;
            }
        }
        Some(Column {
            vp,
            vn,
            d0,
            pm: x,
            e,
            miss: MISS_UNKNOWN,
        })
    }

    /// Whether a band (from `D[lo] = e`, deltas `wp`/`wn`) has a cell of row
    /// `i <= h` within `bound` or of row `i > h` within `max`.
    #[inline(always)]
    fn split_keeps(&self, e: i32, lo: usize, wp: u64, wn: u64, h: usize, bound: i32) -> bool {
        // Cells lo..=h are deltas 0..k; the rest start at k + 1.
        let k = h - lo;
        if k >= 2 * usize::from(self.max) {
            return e + i32::from(BAND_MIN[(wp | (wn << WINDOW)) as usize]) <= bound;
        }
        let low = (1u64 << k) - 1;
        let (lp, ln) = (wp & low, wn & low);
        if e + i32::from(BAND_MIN[(lp | (ln << WINDOW)) as usize]) <= bound {
            return true;
        }
        // D at row h + 1, then the least of the cells from there.
        let next = (1u64 << (k + 1)) - 1;
        let at = e + i32::from(BAND_SUM[((wp & next) | ((wn & next) << WINDOW)) as usize]);
        let (hp, hn) = (wp >> (k + 1), wn >> (k + 1));
        at + i32::from(BAND_MIN[(hp | (hn << WINDOW)) as usize]) <= i32::from(self.max)
            && lo + k < self.m
    }

    /// The distance between the query and a key of length `len` (columns computed),
    /// if within `max`.
    fn distance(&self, len: usize) -> Option<u8> {
        if len.abs_diff(self.m) > usize::from(self.max) {
            return None;
        }
        let col = self.cols[len];
        let d = len as i64 + i64::from(col.vp.count_ones()) - i64::from(col.vn.count_ones());
        (d <= i64::from(self.max)).then_some(d as u8)
    }
}

/// The optimal string alignment distance between `a` and `b` if it is at most `max`:
/// the plain banded computation, the reference [`each_within`] is tested against.
#[cfg(test)]
pub(crate) fn distance_within(a: &[u8], b: &[u8], max: u8) -> Option<u8> {
    let maxi = usize::from(max);
    if a.len().abs_diff(b.len()) > maxi || a.len() > MAX_KEY_LEN || max > MAX_EDITS {
        return None;
    }
    let w = 2 * maxi + 1;
    crate::work::add(a.len() * w + 1);
    let inf = max + 1;
    let m = b.len();
    let mut rows = [[inf; BAND]; 3];
    for (k, cell) in rows[0].iter_mut().enumerate().take(w) {
        if k >= maxi && k - maxi <= m {
            *cell = (k - maxi) as u8;
        }
    }
    for d in 0..a.len() {
        let c = a[d];
        let (cur, prev, prev2) = ((d + 1) % 3, d % 3, (d + 2) % 3);
        let mut row_min = inf;
        for k in 0..w {
            let j = (d + 1 + k) as isize - maxi as isize;
            let v = if j < 0 || j as usize > m {
                inf
            } else if j == 0 {
                ((d + 1).min(usize::from(inf))) as u8
            } else {
                let j = j as usize;
                let mut v = rows[prev][k] + u8::from(b[j - 1] != c);
                if k + 1 < w {
                    v = v.min(rows[prev][k + 1] + 1);
                }
                if k >= 1 {
                    v = v.min(rows[cur][k - 1] + 1);
                }
                if d >= 1 && j >= 2 && b[j - 2] == c && b[j - 1] == a[d - 1] {
                    v = v.min(rows[prev2][k] + 1);
                }
                v.min(inf)
            };
            rows[cur][k] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let k = m as isize - a.len() as isize + maxi as isize;
    let dist = rows[a.len() % 3][k as usize];
    (dist <= max).then_some(dist)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::index::{at, entry, key_count, Key};

    fn key_str(k: &Key) -> &'static str {
        std::str::from_utf8(k.key()).unwrap()
    }

    fn walk(q: &str, max: u8) -> Vec<(&'static str, u8)> {
        let mut v = Vec::new();
        fuzzy_walk(q.as_bytes(), max, |c, d| v.push((key_str(entry(c).1), d)));
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The keys [`split_walk`] finds, each once.
    fn split(q: &[u8], max: u8, h: usize, f: u8) -> Vec<(&'static str, u8)> {
        let mut v = Vec::new();
        split_walk(q, max, h, f, |c, d| v.push((key_str(entry(c).1), d)));
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The keys of `all` within `max` edits of `q` ([`brute`]), with their
    /// distances, sorted, each once.
    fn brute_within(all: &[&'static str], q: &[u8], max: u8) -> Vec<(&'static str, u8)> {
        let mut v: Vec<(&'static str, u8)> = all
            .iter()
            .filter(|k| k.len().abs_diff(q.len()) <= usize::from(max))
            .filter_map(|k| {
                let d = brute(k.as_bytes(), q);
                (d <= max).then_some((*k, d))
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    fn brute(a: &[u8], b: &[u8]) -> u8 {
        // Optimal string alignment distance, plainly.
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        d[n][m].min(255) as u8
    }

    #[test]
    fn fuzzy_walk_equals_brute_force() {
        let all: Vec<&str> = (0..key_count()).map(|p| key_str(at(p).1)).collect();
        for q in [
            "bading",
            "hoankiem",
            "thuduc",
            "1",
            "12",
            "xyz",
            "",
            "caugiay",
            "acuygai",
            "tanphu",
            "bennghe",
            "enngh",
            "a",
            "zzzzzzzzzzzz",
            "phuong12",
            "bennhge",
            "ebnnghe",
            "hanio",
            "ahnoi",
            "xuanhuongdalta",
            "uxanhuong",
            "tanduong",
            "vinhchan",
            "kmlienhuyenla",
        ] {
            for max in 0..=3u8 {
                let got = walk(q, max);
                let want = brute_within(&all, q.as_bytes(), max);
                assert_eq!(got, want, "query {q:?} max {max}");
                // Every split: after any number of letters, with any share of the
                // errors in the first part.
                for h in 0..=q.len() {
                    for f in 0..max {
                        assert_eq!(split(q.as_bytes(), max, h, f), want, "{q:?} {max} {h} {f}");
                    }
                }
            }
        }
    }

    /// The exact half and the other half within one find every key within one edit
    /// (and only keys within two, at their distance), the exact half and the half
    /// within one what brute force finds within two, for every split and either
    /// half within one.
    #[test]
    fn staged_walk_equals_brute_force() {
        let all: Vec<&str> = (0..key_count()).map(|p| key_str(at(p).1)).collect();
        for q in [
            "tanduong",
            "vinhchan",
            "thanhnai",
            "bennghe",
            "bennhge",
            "hanio",
            "xuanhuongdalta",
            "phuochoax",
            "ab",
            "",
            "kmlienhuyenla",
            "1",
            "12",
        ] {
            let within = |max: u8| brute_within(&all, q.as_bytes(), max);
            let (one, two) = (within(1), within(2));
            let union = |a: &[(&'static str, u8)], b: &[(&'static str, u8)]| {
                let mut v = a.to_vec();
                v.extend_from_slice(b);
                v.sort_unstable();
                v.dedup();
                v
            };
            let stage = |h, loose, stage| {
                let mut v = Vec::new();
                staged_walk(q.as_bytes(), h, loose, stage, |c, d| {
                    v.push((key_str(entry(c).1), d))
                });
                v.sort_unstable();
                v.dedup();
                v
            };
            for h in 0..=q.len() {
                for loose in [false, true] {
                    let exact = stage(h, loose, Stage::ExactHalf);
                    assert!(exact.iter().all(|k| two.contains(k)), "{q:?} {h} {loose}");
                    let exact_one: Vec<_> = exact.iter().copied().filter(|k| k.1 <= 1).collect();
                    let other = stage(h, loose, Stage::WithinOne);
                    assert_eq!(union(&exact_one, &other), one, "{q:?} {h} {loose}");
                    let rest = stage(h, loose, Stage::LooseHalf);
                    assert_eq!(union(&exact, &rest), two, "{q:?} {h} {loose}");
                }
            }
            let loose = loose_first(q.as_bytes());
            let mut both = Vec::new();
            for s in [Stage::ExactHalf, Stage::LooseHalf] {
                fuzzy_walk_stage(q.as_bytes(), loose, s, |c, d| {
                    both.push((key_str(entry(c).1), d))
                });
            }
            assert_eq!(union(&both, &[]), two, "{q:?}");
        }
    }

    /// Every key with every single and double edit at every position (a sample of
    /// keys): the walk finds exactly what brute force finds.
    #[test]
    fn fuzzy_walk_finds_every_edit() {
        let all: Vec<&str> = (0..key_count()).map(|p| key_str(at(p).1)).collect();
        let mut queries: Vec<Vec<u8>> = Vec::new();
        // Fewer keys in debug builds, where brute force is slow.
        let sample = if cfg!(debug_assertions) { 12 } else { 40 };
        for k in all.iter().step_by(97).take(sample) {
            let k = k.as_bytes();
            for i in 0..k.len() {
                let mut v = k.to_vec();
                v.remove(i);
                queries.push(v);
                let mut v = k.to_vec();
                v[i] = b'x';
                queries.push(v.clone());
                if i + 1 < k.len() {
                    let mut v = k.to_vec();
                    v.swap(i, i + 1);
                    queries.push(v.clone());
                    // and a second edit further on
                    let j = (i + 3).min(k.len());
                    v.insert(j, b'q');
                    queries.push(v);
                }
            }
        }
        for q in &queries {
            let max = max_distance(q.len()).max(1);
            let mut got = Vec::new();
            fuzzy_walk(q, max, |c, d| got.push((key_str(entry(c).1), d)));
            got.sort_unstable();
            got.dedup();
            let want = brute_within(&all, q, max);
            assert_eq!(
                got,
                want,
                "query {:?} max {max}",
                String::from_utf8_lossy(q)
            );
            // Both shares of the errors at the split fuzzy_walk uses.
            let h = if max >= 2 {
                q.len() / 2
            } else {
                q.len().saturating_sub(1) / 2
            };
            for f in 0..max {
                assert_eq!(split(q, max, h, f), want, "{q:?} {max} {h} {f}");
            }
        }
    }

    /// [`each_within`] over the province keys (and a list out of order, with shared
    /// prefixes) finds what [`distance_within`] finds on each key.
    #[test]
    fn each_within_equals_distance_within() {
        use crate::tables::index::Table;
        let mut lists: Vec<Vec<&[u8]>> = [Table::Province, Table::LegacyProvince]
            .iter()
            .map(|t| t.keys().iter().map(|k| k.key()).collect())
            .collect();
        lists.push(vec![
            b"bennghe",
            b"benn",
            b"ben",
            b"bennghe",
            b"a",
            b"",
            b"bennghexyz",
            b"hanoi",
            b"hano",
            b"hanoihanoi",
        ]);
        for list in &lists {
            for q in [
                "hanoi",
                "hnoi",
                "thahnhoa",
                "thanhhoa",
                "bacninnh",
                "hochiminh",
                "hcm",
                "",
                "a",
                "benghe",
                "bennghe",
                "longan",
                "lonagn",
                "baria vungtau",
                "x",
                "quangnihn",
                "haugiiang",
                "12",
                "dongnai",
            ] {
                for max in 0..=3u8 {
                    let mut got = Vec::new();
                    each_within(q.as_bytes(), max, list.iter().copied(), |i, d| {
                        got.push((i, d))
                    });
                    let want: Vec<(usize, u8)> = list
                        .iter()
                        .enumerate()
                        .filter_map(|(i, k)| distance_within(k, q.as_bytes(), max).map(|d| (i, d)))
                        .collect();
                    assert_eq!(got, want, "query {q:?} max {max}");
                }
            }
        }
    }

    /// The lists by length as [`each_key_within_by_length`] built them at run time,
    /// on first use, before they were generated: the table's key positions sorted by
    /// length then bytes, where each length starts in them (and one past the last),
    /// and the keys' letter sets, by position in the table.
    fn by_length_at_run_time(t: Table) -> (Vec<u16>, Vec<usize>, Vec<u64>) {
        let keys = t.keys();
        let mut order: Vec<u16> = (0..keys.len() as u16).collect();
        order.sort_by_key(|&i| (keys[usize::from(i)].len, keys[usize::from(i)].key()));
        let mut starts = vec![0; usize::from(u8::MAX) + 2];
        for e in keys {
            starts[usize::from(e.len) + 1] += 1;
        }
        for l in 1..starts.len() {
            starts[l] += starts[l - 1];
        }
        let sets = keys.iter().map(|e| letter_set(e.key())).collect();
        (order, starts, sets)
    }

    /// The generated lists by length are what the run-time construction built, for
    /// the provinces' tables, and the other tables have none.
    #[test]
    fn generated_by_length_equals_the_run_time_construction() {
        use crate::tables::layout::KEY_LEN_BOUND;
        for t in [Table::Province, Table::LegacyProvince] {
            let (order, starts, sets) = by_length_at_run_time(t);
            let by = index::by_length(t).unwrap();
            let lo = usize::from(by.starts[0]);
            let hi = usize::from(by.starts[KEY_LEN_BOUND]);
            assert_eq!(by.order[lo..hi], order[..], "{t:?}");
            for (l, &s) in starts.iter().enumerate() {
                let got = usize::from(by.starts[l.min(KEY_LEN_BOUND)]) - lo;
                assert_eq!(got, s, "{t:?} length {l}");
            }
            for (j, &i) in order.iter().enumerate() {
                assert_eq!(by.sets[lo + j], sets[usize::from(i)], "{t:?} {j}");
            }
        }
        for t in [Table::Commune, Table::LegacyDistrict, Table::LegacyCommune] {
            assert!(index::by_length(t).is_none());
        }
    }

    /// [`each_key_within_by_length`] finds what [`distance_within`] finds on each
    /// key of the table, with the generated lists (the provinces') and without (the
    /// districts').
    #[test]
    fn each_key_within_by_length_equals_distance_within() {
        use crate::tables::index::Table;
        for t in [
            Table::Province,
            Table::LegacyProvince,
            Table::LegacyDistrict,
        ] {
            let keys: Vec<&[u8]> = t.keys().iter().map(|k| k.key()).collect();
            for q in [
                "hanoi",
                "hnoi",
                "thahnhoa",
                "bacninnh",
                "hochiminh",
                "hcm",
                "",
                "longan",
                "lonagn",
                "quangnihn",
                "haugiiang",
                "daklak",
                "thuduc",
                "dongnai",
                "bariavungtau",
                "thanhphohochiminh",
                "thanhphohochiminhhanoihaiphongdanang",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ] {
                for max in 0..=3u8 {
                    let mut got = Vec::new();
                    each_key_within_by_length(q.as_bytes(), max, t, |i, d| got.push((i, d)));
                    got.sort_unstable();
                    let want: Vec<(usize, u8)> = keys
                        .iter()
                        .enumerate()
                        .filter_map(|(i, k)| distance_within(k, q.as_bytes(), max).map(|d| (i, d)))
                        .collect();
                    assert_eq!(got, want, "{t:?} query {q:?} max {max}");
                }
            }
        }
    }

    #[test]
    fn distance_within_equals_brute_force() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "bennghe", "bennge", "benghe", "nbennghe", "hanoi",
            "hanio", "hnoi", "xyz", "1", "12", "21",
        ];
        for a in words {
            for b in words {
                for max in 0..=3u8 {
                    let d = brute(a.as_bytes(), b.as_bytes());
                    let want = (d <= max).then_some(d);
                    assert_eq!(
                        distance_within(a.as_bytes(), b.as_bytes(), max),
                        want,
                        "{a} {b} {max}"
                    );
                }
            }
        }
    }
}
