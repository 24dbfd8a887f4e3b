//! A bounded cache of results by input bytes, shared by the worker threads.
//!
//! Files from data pipelines repeat the same address strings many times; translating
//! each distinct string once is the largest speed-up there is. The cache keeps two
//! generations per shard: lookups promote entries from the old generation to the new
//! one, and when the new one reaches its share of the byte budget the old one is
//! dropped. That approximates least-recently-used eviction at no per-hit cost, and the
//! memory used stays under the budget whatever the input.
//!
//! A file of distinct addresses gains nothing from a cache but would pay for filling
//! it (a copy of every key and value, and freeing them again). So each shard watches
//! its hit rate over windows of lookups: after a window where under 1 lookup in 32
//! hit, only the keys whose hash falls in 1 slot of 16 are looked up and cached (the
//! same keys every time, so a key that repeats is still found; the others skip the
//! lock). Repetition then shows as hits among those keys and full caching resumes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
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

/// Lookups per shard over which the hit rate is judged.
const WINDOW: u32 = 1 << 10;

/// In a sparse window, the misses cached are those whose hash is 0 modulo this.
const SPARSE_SAMPLE: u64 = 16;

type Map<V> = HashMap<Box<[u8]>, V, BuildHasherDefault<FastHasher>>;

struct Shard<V> {
    young: Map<V>,
    old: Map<V>,
    young_bytes: usize,
    limit: usize,
    /// Lookups and hits in the current window.
    lookups: u32,
    hits: u32,
}

/// A shard and whether it is sparse: the previous window hit so rarely that only
/// sampled keys are looked up and cached. The flag is read without the lock.
struct Cell<V> {
    sparse: AtomicBool,
    shard: Mutex<Shard<V>>,
}

/// Whether a key of hash `h` is among those a sparse shard still looks at.
fn sampled(h: u64) -> bool {
    (h / 16) % SPARSE_SAMPLE == 0
}

impl<V: Weigh> Shard<V> {
    /// Counts a lookup; closes the window after [`WINDOW`] lookups (of sampled keys
    /// only, 1/[`SPARSE_SAMPLE`] as many, when sparse) and says then whether the next
    /// one is sparse.
    fn count(&mut self, hit: bool, sparse: bool) -> Option<bool> {
        self.lookups += 1;
        self.hits += u32::from(hit);
        let window = if sparse {
            WINDOW / SPARSE_SAMPLE as u32
        } else {
            WINDOW
        };
        if self.lookups < window {
            return None;
        }
        let next = self.hits * 32 < self.lookups;
        self.lookups = 0;
        self.hits = 0;
        Some(next)
    }

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
    shards: Vec<Cell<V>>,
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
                .map(|_| Cell {
                    sparse: AtomicBool::new(false),
                    shard: Mutex::new(Shard {
                        young: Map::default(),
                        old: Map::default(),
                        young_bytes: 0,
                        limit,
                        lookups: 0,
                        hits: 0,
                    }),
                })
                .collect(),
            max_key: if budget == 0 { 0 } else { max_key },
        }
    }

    /// The shard of `key`, if the key is looked at: not when it is too long, nor when
    /// the shard is sparse and the key not sampled.
    fn shard(&self, key: &[u8]) -> Option<&Cell<V>> {
        if key.len() > self.max_key {
            return None;
        }
        let h = hash(key);
        let cell = &self.shards[(h % self.shards.len() as u64) as usize];
        (!cell.sparse.load(Ordering::Relaxed) || sampled(h)).then_some(cell)
    }

    /// Calls `f` with the value cached for `key`, if any; returns whether it did.
    pub fn with<R>(&self, key: &[u8], f: impl FnOnce(&V) -> R) -> Option<R> {
        let cell = self.shard(key)?;
        let mut shard = cell.shard.lock().ok()?;
        let hit = shard.young.contains_key(key) || shard.promote(key);
        if let Some(sparse) = shard.count(hit, cell.sparse.load(Ordering::Relaxed)) {
            cell.sparse.store(sparse, Ordering::Relaxed);
        }
        if hit {
            shard.young.get(key).map(f)
        } else {
            None
        }
    }

    /// Caches the value `make` returns for `key`; `make` is not called for keys longer
    /// than the limit, nor for most keys while the shard's hit rate is very low.
    pub fn insert_with(&self, key: &[u8], make: impl FnOnce() -> V) {
        let Some(cell) = self.shard(key) else {
            return;
        };
        let Ok(mut shard) = cell.shard.lock() else {
            return;
        };
        let value = make();
        if value.weight() + key.len() + ENTRY_OVERHEAD <= shard.limit {
            shard.put(key.into(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_and_bounds() {
        let c: Cache<Vec<u8>> = Cache::new(16 * 2 * 1000, 100);
        c.insert_with(b"a", || b"1".to_vec());
        assert_eq!(c.with(b"a", |v| v.clone()), Some(b"1".to_vec()));
        assert_eq!(c.with(b"b", |v| v.clone()), None);
        // Far more than the budget: the memory counted stays bounded.
        for i in 0..100_000u32 {
            c.insert_with(&i.to_le_bytes(), || vec![0; 10]);
        }
        for s in &c.shards {
            let s = s.shard.lock().unwrap();
            let n = s.young.len() + s.old.len();
            assert!(n * (4 + 10 + ENTRY_OVERHEAD) <= 2 * s.limit, "{n}");
        }
        // Recent entries are still there.
        assert!(c.with(&99_999u32.to_le_bytes(), |_| ()).is_some());
    }

    #[test]
    fn disabled_and_long_keys() {
        let c: Cache<Vec<u8>> = Cache::new(0, 100);
        c.insert_with(b"a", || vec![1]);
        assert!(c.with(b"a", |_| ()).is_none());
        let c: Cache<Vec<u8>> = Cache::new(1 << 20, 4);
        c.insert_with(b"abcde", || vec![1]);
        assert!(c.with(b"abcde", |_| ()).is_none());
    }

    /// Looks `key` up and, on a miss, inserts it; returns whether it hit and how many
    /// values were made.
    fn use_key(c: &Cache<Vec<u8>>, key: &[u8], made: &mut usize) -> bool {
        if c.with(key, |_| ()).is_some() {
            return true;
        }
        c.insert_with(key, || {
            *made += 1;
            vec![0; 4]
        });
        false
    }

    #[test]
    fn distinct_keys_are_sampled_and_repeats_still_hit() {
        let c: Cache<Vec<u8>> = Cache::new(64 << 20, 100);
        let shards = c.shards.len() as u64;
        let mut made = 0;
        // Distinct keys only: after the first window of each shard, about 1 miss in
        // SPARSE_SAMPLE is cached.
        let n = 40 * u64::from(WINDOW) * shards / 10;
        for i in 0..n {
            assert!(!use_key(&c, &i.to_le_bytes(), &mut made));
        }
        let full = u64::from(WINDOW) * shards;
        let bound = full + (n - full) / SPARSE_SAMPLE * 2;
        assert!(
            (made as u64) < bound,
            "{made} values made for {n} distinct keys"
        );
        assert!(made as u64 > full, "{made}");
        // Keys that repeat: the sampled ones hit at once; the hit rate comes back and
        // every key is cached again.
        let mut hits = 0;
        for round in 0..16 {
            for i in 0..u64::from(WINDOW) * shards / 4 {
                let hit = use_key(&c, &(1u64 << 40 | i).to_le_bytes(), &mut made);
                if round == 15 {
                    hits += u64::from(hit);
                }
            }
        }
        assert_eq!(
            hits,
            u64::from(WINDOW) * shards / 4,
            "all repeats hit in the end"
        );
    }
}
