//! The hash of a search key for the exact-lookup table `KEY_HASH`, shared with the
//! generator (`tests/codegen.rs` includes this file), so the table and the lookup
//! cannot disagree.

/// FNV-1a, 32 bits, over the key's bytes.
#[inline]
pub(crate) fn key_hash(key: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in key {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}
