//! How the search index orders, hashes and bounds its keys, and the letter sets of
//! the typo-tolerant search, shared with the generator (`cargo xtask codegen` includes
//! this file), so the generated tables and the lookups cannot disagree.

/// The number of key-byte ranks of [`ordinal`]; the two-byte buckets of the index
/// are `ordinal(b0) * ORDS + ordinal(b1)`.
pub(crate) const ORDS: usize = 38;

/// The rank of a key byte in sort order, for the two-byte buckets: 0 is "end of
/// key", then space, digits and lower-case letters; `None` for a byte no key has.
#[inline]
pub(crate) fn ordinal(b: u8) -> Option<usize> {
    match b {
        b' ' => Some(1),
        b'0'..=b'9' => Some(2 + usize::from(b - b'0')),
        b'a'..=b'z' => Some(12 + usize::from(b - b'a')),
        _ => None,
    }
}

/// The hash of a key for the exact-lookup table `KEY_HASH` (and of a word for the
/// lexicon's, `LEXICON_HASH`): FNV-1a, 32 bits.
#[inline]
pub(crate) fn key_hash(key: &[u8]) -> u32 {
    key.iter().fold(HASH_START, |h, &b| hash_step(h, b))
}

/// The FNV-1a hash of no bytes: where [`hash_step`] starts.
pub(crate) const HASH_START: u32 = 0x811c_9dc5;

/// One byte more of an FNV-1a hash, so that a key growing byte by byte is hashed
/// as it grows (`RKEY_SUFFIXES` is built with the same hash of the reversed bytes).
#[inline]
pub(crate) fn hash_step(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

/// Every key of the index is shorter than this (the generator checks): a longer
/// suffix ends no key, and the key lengths of `KEY_LENGTH_STARTS` stop here.
pub(crate) const KEY_LEN_BOUND: usize = 64;

/// The set of bytes in `s`, one bit for each class of `b & 31` and `b & 64` (the
/// digits, the letters and the space of keys each have a bit of their own): each
/// letter of one key that another lacks takes an edit of its own, so two keys whose
/// sets differ by more than `max` letters are more than `max` edits apart
/// (`KEY_LETTER_SETS` holds those of the province keys).
#[inline]
pub(crate) fn letter_set(s: &[u8]) -> u64 {
    s.iter()
        .fold(0, |set, &b| set | 1 << ((b & 31) | ((b & 64) >> 1)))
}
