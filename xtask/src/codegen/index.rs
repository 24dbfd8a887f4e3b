//! The search index (`index.rs`): the keys of every level, sorted, and the orders,
//! hashes and buckets the lookups use. The format is documented where it is read,
//! in `src/tables/index.rs`.

use std::collections::{BTreeSet, HashMap};

use super::emit::{index_of, Out};
use super::layout::{
    hash_step, key_hash, letter_set, ordinal as key_ordinal, HASH_START, KEY_LEN_BOUND, ORDS,
};
use super::load::Data;

/// The keys of every level: each unit's name and aliases as search keys (the crate's
/// own `search_key`), one entry per key and unit with its best origin, sorted.
pub(super) fn keys(d: &Data) -> Vec<LevelKeys<'_>> {
    type Level<'a> = (&'a str, &'a str, Vec<(u32, &'a str)>);
    let levels: [Level; 5] = [
        (
            "province",
            "PROVINCE_KEYS",
            d.provinces
                .iter()
                .map(|u| (u.code, u.name.as_str()))
                .collect(),
        ),
        (
            "commune",
            "COMMUNE_KEYS",
            d.communes
                .iter()
                .map(|u| (u.code, u.name.as_str()))
                .collect(),
        ),
        (
            "legacy_province",
            "LEGACY_PROVINCE_KEYS",
            d.legacy_provinces
                .iter()
                .map(|u| (u.code, u.name.as_str()))
                .collect(),
        ),
        (
            "legacy_district",
            "LEGACY_DISTRICT_KEYS",
            d.legacy_districts
                .iter()
                .map(|u| (u.code, u.name.as_str()))
                .collect(),
        ),
        (
            "legacy_commune",
            "LEGACY_COMMUNE_KEYS",
            d.legacy_communes
                .iter()
                .map(|u| (u.code, u.name.as_str()))
                .collect(),
        ),
    ];
    // Per level: (key, unit index, origin), sorted by key, one per (key, unit).
    let mut per_level: Vec<LevelKeys> = Vec::new();
    for (level, name, units) in &levels {
        let codes: Vec<u32> = units.iter().map(|u| u.0).collect();
        // (key, origin rank, unit index, origin)
        let mut entries: BTreeSet<(String, u8, usize, &str)> = BTreeSet::new();
        for (i, (_, unit_name)) in units.iter().enumerate() {
            let key = dvhc::search_key(unit_name).into_owned();
            assert!(!key.is_empty(), "{level} {unit_name:?}: empty search key");
            entries.insert((key, 0, i, "N"));
        }
        for (alias_level, code, alias, origin) in &d.aliases {
            if alias_level != level {
                continue;
            }
            let i = index_of(&codes, *code, &format!("aliases {level}"));
            let key = dvhc::search_key(alias).into_owned();
            assert!(!key.is_empty(), "alias {alias:?}: empty search key");
            let (rank, short) = match *origin {
                "Via::Spelling" => (1, "S"),
                "Via::Historical" => (2, "H"),
                _ => (3, "A"),
            };
            entries.insert((key, rank, i, short));
        }
        // Keep one entry per (key, unit): the best origin.
        let mut seen = BTreeSet::new();
        let entries: Vec<_> = entries
            .into_iter()
            .filter(|(k, _, i, _)| seen.insert((k.clone(), *i)))
            .map(|(k, _, i, o)| {
                assert!(
                    k.bytes().all(|b| key_ordinal(b).is_some()),
                    "{level} key {k:?}: only a-z, 0-9 and space are indexable"
                );
                assert!(
                    k.len() < KEY_LEN_BOUND,
                    "key {k:?} too long for the typo-tolerant walk"
                );
                (k, i, o)
            })
            .collect();
        per_level.push((*name, units.len(), entries));
    }
    per_level
}

/// The keys of one level: the name of its array, the number of its units, and (key,
/// unit index, origin), sorted by key.
pub(super) type LevelKeys<'a> = (&'a str, usize, Vec<(String, usize, &'a str)>);

/// The levels whose keys are also listed by length (`KEYS_BY_LENGTH`): the provinces'
/// of both structures, which every span that may be a misspelt province is compared
/// with. In the order of their arrays in the concatenation.
const BY_LENGTH: [&str; 2] = ["PROVINCE_KEYS", "LEGACY_PROVINCE_KEYS"];

/// Writes the search index (`index.rs`), and returns the bytes of key text it holds.
/// The format of every table is documented where it is read, in
/// `src/tables/index.rs`.
pub(super) fn index(per_level: &[LevelKeys]) -> (String, usize) {
    let mut out = Out::new(
        "use crate::tables::index::{k, Key, Via};\n\n\
         const N: Via = Via::Name;\nconst S: Via = Via::Spelling;\n\
         const H: Via = Via::Historical;\nconst A: Via = Via::Alias;\n\n",
    );
    // Distinct keys, forwards and backwards, and where each starts in its blob.
    let distinct: BTreeSet<&str> = per_level
        .iter()
        .flat_map(|(_, _, e)| e.iter().map(|(k, _, _)| k.as_str()))
        .collect();
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut blob = String::new();
    for k in &distinct {
        at.insert(k, blob.len());
        blob.push_str(k);
    }
    let reversed_distinct: BTreeSet<String> =
        distinct.iter().map(|k| k.chars().rev().collect()).collect();
    let mut r_at: HashMap<String, usize> = HashMap::new();
    let mut r_blob = String::new();
    for r in &reversed_distinct {
        r_at.insert(r.chars().rev().collect(), r_blob.len());
        r_blob.push_str(r);
    }
    assert!(blob.len() < 1 << 24, "key blob too long for 24-bit offsets");
    out.blob("KEY_BLOB", &distinct.iter().copied().collect::<Vec<_>>());
    out.blob(
        "RKEY_BLOB",
        &reversed_distinct
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );

    let bucket = |k: &[u8]| {
        let ord = |i: usize| k.get(i).map_or(0, |&c| key_ordinal(c).unwrap());
        ord(0) * ORDS + ord(1)
    };
    // The level arrays, and the global list: (key, position).
    let mut global: Vec<(&str, usize)> = Vec::new();
    let mut table_ends: Vec<usize> = Vec::new();
    let mut level_buckets: Vec<usize> = Vec::new();
    for (name, _, entries) in per_level {
        level_buckets.extend(
            (0..=ORDS * ORDS)
                .map(|b| entries.partition_point(|(k, _, _)| bucket(k.as_bytes()) < b)),
        );
        let base = table_ends.last().copied().unwrap_or(0);
        let mut lines = Vec::new();
        for (pos, (key, i, origin)) in entries.iter().enumerate() {
            lines.push(format!(
                "k({}, {}, {i}, {origin})",
                at[key.as_str()],
                key.len()
            ));
            global.push((key, base + pos));
        }
        out.records(name, "Key", &lines);
        table_ends.push(base + entries.len());
    }
    assert!(
        global.len() < usize::from(u16::MAX),
        "too many keys for u16 positions"
    );
    global.sort();
    let lcp = |a: &[u8], b: &[u8]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let order: Vec<usize> = global.iter().map(|g| g.1).collect();
    let key_at: Vec<usize> = global.iter().map(|(k, _)| at[k] << 8 | k.len()).collect();
    let key_lcp: Vec<usize> = (0..global.len())
        .map(|i| match i {
            0 => 0,
            _ => lcp(global[i - 1].0.as_bytes(), global[i].0.as_bytes()),
        })
        .collect();
    let buckets: Vec<usize> = (0..=ORDS * ORDS)
        .map(|b| global.partition_point(|g| bucket(g.0.as_bytes()) < b))
        .collect();
    // The same keys in the order of their reversed bytes, for typo-tolerant search
    // anchored at the end of the query and for growing a span leftwards.
    let mut reversed: Vec<(Vec<u8>, &str, usize)> = global
        .iter()
        .map(|(k, pos)| (k.bytes().rev().collect(), *k, *pos))
        .collect();
    reversed.sort();
    let r_order: Vec<usize> = reversed.iter().map(|r| r.2).collect();
    let r_key_at: Vec<usize> = reversed
        .iter()
        .map(|(_, k, _)| r_at[*k] << 8 | k.len())
        .collect();
    let r_lcp: Vec<usize> = (0..reversed.len())
        .map(|i| match i {
            0 => 0,
            _ => lcp(&reversed[i - 1].0, &reversed[i].0),
        })
        .collect();
    let r_buckets: Vec<usize> = (0..=ORDS * ORDS)
        .map(|b| reversed.partition_point(|r| bucket(&r.0) < b))
        .collect();
    out.array("KEY_ORDER", "u16", &order);
    out.array("KEY_AT", "u32", &key_at);
    out.array("KEY_LCP", "u8", &key_lcp);
    out.array("KEY_BUCKETS", "u16", &buckets);
    // Exact lookups: each distinct key's first position, hashed.
    let slots = (2 * distinct.len()).next_power_of_two();
    let mut table = vec![0usize; slots];
    for (p, (k, _)) in global.iter().enumerate() {
        if p > 0 && global[p - 1].0 == *k {
            continue;
        }
        let mut slot = key_hash(k.as_bytes()) as usize & (slots - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        table[slot] = p + 1;
    }
    out.array("KEY_HASH", "u16", &table);
    out.array("RKEY_ORDER", "u16", &r_order);
    out.array("RKEY_AT", "u32", &r_key_at);
    out.array("RKEY_LCP", "u8", &r_lcp);
    out.array("RKEY_BUCKETS", "u16", &r_buckets);
    let mut suffixes: Vec<(&[u8], usize)> = Vec::new(); // (reversed suffix, slot value)
    for (p, (r, _, _)) in reversed.iter().enumerate() {
        let shared = if p == 0 {
            0
        } else {
            lcp(&reversed[p - 1].0, r)
        };
        for len in shared + 1..=r.len() {
            let exact = if len == r.len() {
                reversed[p..].iter().take_while(|x| x.0 == *r).count()
            } else {
                0
            };
            assert!(
                exact < 256 && len < 256,
                "suffix {r:?}: too many keys or too long"
            );
            suffixes.push((&r[..len], (p + 1) | len << 16 | exact << 24));
        }
    }
    let slots = (2 * suffixes.len()).next_power_of_two();
    let mut table = vec![0usize; slots];
    for (s, v) in &suffixes {
        let h = s.iter().fold(HASH_START, |h, &b| hash_step(h, b));
        let mut slot = h as usize & (slots - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        table[slot] = *v;
    }
    out.array("RKEY_SUFFIXES", "u32", &table);
    out.array("LEVEL_KEY_BUCKETS", "u16", &level_buckets);
    out.push_str(&format!(
        "pub(crate) const KEY_TABLE_ENDS: [u16; {}] = {table_ends:?};\n\n",
        table_ends.len()
    ));
    by_unit(&mut out, per_level);
    by_length(&mut out, per_level);
    (out.finish(), blob.len() + r_blob.len())
}

/// `UNIT_BASES`, `UNIT_ENTRY_STARTS`, `UNIT_ENTRIES`: the entries of each unit of each
/// level, ascending.
fn by_unit(out: &mut Out, per_level: &[LevelKeys]) {
    let (mut bases, mut starts, mut entries) = (vec![0], Vec::new(), Vec::new());
    for (_, units, level) in per_level {
        let base = entries.len();
        let mut of_unit = vec![Vec::new(); *units];
        for (pos, (_, i, _)) in level.iter().enumerate() {
            of_unit[*i].push(base + pos);
        }
        for e in of_unit {
            starts.push(entries.len());
            entries.extend(e);
        }
        bases.push(bases.last().unwrap() + units);
    }
    starts.push(entries.len());
    assert!(
        bases.last().unwrap() < &usize::from(u16::MAX),
        "too many units for u16 positions"
    );
    out.array("UNIT_BASES", "u16", &bases);
    out.array("UNIT_ENTRY_STARTS", "u16", &starts);
    out.array("UNIT_ENTRIES", "u16", &entries);
}

/// `KEYS_BY_LENGTH`, `KEY_LENGTH_STARTS`, `KEY_LETTER_SETS`: the keys of the levels of
/// [`BY_LENGTH`] by length, then bytes, with their letter sets.
fn by_length(out: &mut Out, per_level: &[LevelKeys]) {
    let (mut order, mut starts, mut sets) = (Vec::new(), Vec::new(), Vec::new());
    for name in BY_LENGTH {
        let (_, _, level) = per_level.iter().find(|l| l.0 == name).unwrap();
        let key = |i: usize| level[i].0.as_bytes();
        let mut by_length: Vec<usize> = (0..level.len()).collect();
        // Stable: equal keys stay in the order of the level.
        by_length.sort_by_key(|&i| (key(i).len(), key(i)));
        let base = order.len();
        starts.extend(
            (0..=KEY_LEN_BOUND).map(|l| base + by_length.partition_point(|&i| key(i).len() < l)),
        );
        sets.extend(by_length.iter().map(|&i| letter_set(key(i))));
        order.extend(by_length);
    }
    out.array("KEYS_BY_LENGTH", "u16", &order);
    out.array("KEY_LENGTH_STARTS", "u16", &starts);
    out.array("KEY_LETTER_SETS", "u64", &sets);
}
