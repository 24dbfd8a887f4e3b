//! A bounded cache of results by input bytes, shared by the worker threads.
//!
//! Files from data pipelines repeat the same address strings many times; translating
//! each distinct string once is the largest speed-up there is. The cache keeps two
//! generations per shard: lookups promote entries from the old generation to the new
//! one, and when the new one reaches its share of the byte budget the old one is
//! dropped. That approximates least-recently-used eviction at no per-hit cost, and the
//! memory used stays under the budget whatever the input.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

/// Bytes counted per entry on top of its key and value: the table slot with the
/// table's spare capacity, and the allocator's share of two heap blocks. Measured peak
/// memory tracks the budget with this figure.
const ENTRY_OVERHEAD: usize = 128;

/// A value that knows roughly how many heap bytes it holds.
pub trait Weigh {
    /// Heap bytes held.
    fn weight(&self) -> usize;
}

impl Weigh for Vec<u8> {
    fn weight(&self) -> usize {
        self.capacity()
    }
}

/// A fast, non-cryptographic hasher (a word-at-a-time multiply-rotate mix). The keys
/// are the user's own data, so resistance to crafted collisions is not needed.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl FastHasher {
    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut w = [0u8; 8];
            w[..tail.len()].copy_from_slice(tail);
            self.mix(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

fn hash(key: &[u8]) -> u64 {
    let mut h = FastHasher::default();
    h.write(key);
    // Spread the high bits down for shard selection.
    h.finish() ^ (h.finish() >> 29)
}

type Map<V> = HashMap<Box<[u8]>, V, BuildHasherDefault<FastHasher>>;

struct Shard<V> {
    young: Map<V>,
    old: Map<V>,
    young_bytes: usize,
    limit: usize,
}

impl<V: Weigh> Shard<V> {
    /// Moves `key` from the old generation to the young one, if it is there.
    fn promote(&mut self, key: &[u8]) -> bool {
        match self.old.remove_entry(key) {
            Some((k, v)) => {
                self.put(k, v);
                true
            }
            None => false,
        }
    }

    fn put(&mut self, key: Box<[u8]>, value: V) {
        let w = key.len() + value.weight() + ENTRY_OVERHEAD;
        if self.young_bytes + w > self.limit {
            self.old = std::mem::take(&mut self.young);
            self.young_bytes = 0;
        }
        self.young_bytes += w;
        self.young.insert(key, value);
    }
}

/// A cache from byte strings to values, safe to share between threads.
pub struct Cache<V> {
    shards: Vec<Mutex<Shard<V>>>,
    max_key: usize,
}

impl<V: Weigh> Cache<V> {
    /// A cache holding at most about `budget` bytes; keys longer than `max_key` bytes
    /// are never cached. A budget of 0 disables the cache.
    pub fn new(budget: usize, max_key: usize) -> Cache<V> {
        let n = 16;
        // Two generations per shard share the shard's part of the budget.
        let limit = budget / n / 2;
        Cache {
            shards: (0..n)
                .map(|_| {
                    Mutex::new(Shard {
                        young: Map::default(),
                        old: Map::default(),
                        young_bytes: 0,
                        limit,
                    })
                })
                .collect(),
            max_key: if budget == 0 { 0 } else { max_key },
        }
    }

    fn shard(&self, key: &[u8]) -> Option<&Mutex<Shard<V>>> {
        if key.len() > self.max_key {
            return None;
        }
        let i = (hash(key) % self.shards.len() as u64) as usize;
        Some(&self.shards[i])
    }

    /// Calls `f` with the value cached for `key`, if any; returns whether it did.
    pub fn with<R>(&self, key: &[u8], f: impl FnOnce(&V) -> R) -> Option<R> {
        let mut shard = self.shard(key)?.lock().ok()?;
        if let Some(v) = shard.young.get(key) {
            return Some(f(v));
        }
        if shard.promote(key) {
            shard.young.get(key).map(f)
        } else {
            None
        }
    }

    /// Caches `value` for `key` (ignored for keys longer than the limit).
    pub fn insert(&self, key: &[u8], value: V) {
        if let Some(mut shard) = self.shard(key).and_then(|s| s.lock().ok()) {
            if value.weight() + key.len() + ENTRY_OVERHEAD <= shard.limit {
                shard.put(key.into(), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_and_bounds() {
        let c: Cache<Vec<u8>> = Cache::new(16 * 2 * 1000, 100);
        c.insert(b"a", b"1".to_vec());
        assert_eq!(c.with(b"a", |v| v.clone()), Some(b"1".to_vec()));
        assert_eq!(c.with(b"b", |v| v.clone()), None);
        // Far more than the budget: the memory counted stays bounded.
        for i in 0..100_000u32 {
            c.insert(&i.to_le_bytes(), vec![0; 10]);
        }
        for s in &c.shards {
            let s = s.lock().unwrap();
            let n = s.young.len() + s.old.len();
            assert!(n * (4 + 10 + ENTRY_OVERHEAD) <= 2 * s.limit, "{n}");
        }
        // Recent entries are still there.
        assert!(c.with(&99_999u32.to_le_bytes(), |_| ()).is_some());
    }

    #[test]
    fn disabled_and_long_keys() {
        let c: Cache<Vec<u8>> = Cache::new(0, 100);
        c.insert(b"a", vec![1]);
        assert!(c.with(b"a", |_| ()).is_none());
        let c: Cache<Vec<u8>> = Cache::new(1 << 20, 4);
        c.insert(b"abcde", vec![1]);
        assert!(c.with(b"abcde", |_| ()).is_none());
    }
}
