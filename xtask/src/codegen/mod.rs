//! `cargo xtask codegen [--check]`: generates `src/tables/generated/*.rs` from
//! `data/*.tsv`.
//!
//! This is the only place the TSVs are read. It validates them first (NFC, sorted,
//! unique codes, parents exist, kinds known, every legacy commune mapped, every
//! mapping target exists, share flags consistent), so a bad data edit fails here with
//! a precise message instead of producing wrong tables. Output is deterministic.
//!
//! * `load.rs`: reading and validating the TSVs;
//! * `records.rs`: `current.rs` and `legacy.rs`, the records and their links;
//! * `index.rs`: `index.rs`, the search keys and their orders and hashes, the keys of
//!   each unit, and the province keys by length with their letter sets;
//! * here: `names.rs`, the string pool, the resolutions and the lexicon of the words
//!   of the official full names (`text::repair`);
//! * `letters.rs`: `letters.rs`, the base letter and diacritics of the precomposed
//!   Latin letters (the bits of `src/text/marks.rs`, included here too);
//! * `emit.rs`: writing Rust source; every static is registered, so that each
//!   generated file states the bytes its statics take (`BYTES`) and `mod.rs` the
//!   total (`STATIC_BYTES`), which the crate's size test reads.
//!
//! The names are folded into keys by the crate's own `search_key`, and kind ids and
//! prefixes read by its own `from_id` and `prefix`, so that the tables and the lookups
//! cannot disagree; the key order, hashes and letter sets are `src/tables/layout.rs`,
//! included here as it is in the crate.
//!
//! The crate's test suite compiles this module too (`tests/it/generated.rs`) and fails
//! when the checked-in files differ from what it generates: it needs only `std`,
//! `dvhc` and `unicode-normalization`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

mod emit;
mod index;
#[path = "../../../src/tables/layout.rs"]
#[allow(dead_code)]
mod layout;
mod letters;
mod load;
#[path = "../../../src/text/marks.rs"]
#[allow(dead_code)]
pub(crate) mod marks;
mod records;

use emit::{Out, Pool, HEADER};

/// Where the generated files go, from the workspace root.
pub const DIR: &str = "src/tables/generated";

/// Every generated file, by name, from the data under `root` (the workspace root).
///
/// # Panics
/// With a message naming the file and line, when the data are not valid.
pub fn generate(root: &Path) -> BTreeMap<&'static str, String> {
    let d = load::load(root);
    let links = records::Links::new(&d);
    let mut pool = Pool::default();
    let mut files = BTreeMap::new();
    files.insert("current.rs", records::current(&d, &links, &mut pool));
    files.insert("legacy.rs", records::legacy(&d, &links, &mut pool));
    let (index, key_bytes) = index::index(&index::keys(&d));
    let lexicon = lexicon(&d);
    files.insert("index.rs", index);
    files.insert("letters.rs", letters::letters());

    // The string data: the names, resolutions and legal bases the records point to
    // (each once), and the key blobs.
    let names: BTreeSet<&str> = d
        .provinces
        .iter()
        .map(|p| p.name.as_str())
        .chain(d.communes.iter().map(|c| c.name.as_str()))
        .chain(d.legacy_provinces.iter().map(|c| c.name.as_str()))
        .chain(d.legacy_districts.iter().map(|c| c.name.as_str()))
        .chain(d.legacy_communes.iter().map(|c| c.name.as_str()))
        .chain(d.communes.iter().map(|c| c.resolution.as_str()))
        .chain(d.changes.iter().map(|c| c.5.as_str()))
        .collect();
    let string_bytes: usize = names.iter().map(|s| s.len()).sum::<usize>()
        + pool.text_en.len()
        + key_bytes
        + lexicon.iter().map(String::len).sum::<usize>()
        + records::code_text_bytes(&d);

    let mut out = Out::new("");
    out.str_static(
        "Every unit name once; records point into it with `Str { at, len, en }`.",
        "NAMES",
        &pool.text,
    );
    out.str_static(
        "The English name of every name of `NAMES` at the same offset, `en` bytes long.",
        "NAMES_EN",
        &pool.text_en,
    );
    out.str_array(
        "The resolutions that formed the current communes, by index.",
        "RESOLUTIONS",
        links.resolutions(),
    );
    let mut ends = Vec::new();
    let mut words = String::new();
    for w in &lexicon {
        words.push_str(w);
        ends.push(words.len());
    }
    assert!(
        words.len() <= usize::from(u16::MAX),
        "lexicon too long for u16 ends"
    );
    out.str_static(
        "The words of every official full name of both structures, lower-cased, each once, in \
         byte order, concatenated (`text::repair`).",
        "LEXICON",
        &words,
    );
    out.push_str("/// Where each word of `LEXICON` ends.\n");
    out.array("LEXICON_ENDS", "u16", &ends);
    // Lookups: 1 + each word's index, hashed (linear probing, at most half full).
    let slots = (2 * lexicon.len()).next_power_of_two();
    let mut table = vec![0usize; slots];
    for (i, w) in lexicon.iter().enumerate() {
        let mut slot = layout::key_hash(w.as_bytes()) as usize & (slots - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        table[slot] = i + 1;
    }
    out.push_str(
        "/// 1 + the index of each word of `LEXICON` at its `key_hash`, linear probing, at \
         most half full; 0 for an empty slot.\n",
    );
    out.array("LEXICON_HASH", "u16", &table);
    files.insert("names.rs", out.finish());

    files.insert(
        "mod.rs",
        format!(
            "{HEADER}\n\
             #![allow(clippy::all, clippy::pedantic)]\n\n\
             mod current;\nmod index;\nmod legacy;\nmod letters;\nmod names;\n\n\
             pub(crate) use current::*;\npub(crate) use index::*;\npub(crate) use legacy::*;\n\
             pub(crate) use letters::*;\npub(crate) use names::*;\n\n\
             /// Bytes of distinct string data (names, English names, resolutions, legal bases, keys, the \
             lexicon) the \
             tables refer to.\n\
             pub(crate) const STRING_BYTES: usize = {string_bytes};\n\n\
             /// Bytes of static data compiled into a binary that uses every table: the \
             statics of every\n\
             /// generated file and the string data they refer to.\n\
             #[allow(dead_code)]\n\
             pub(crate) const STATIC_BYTES: usize =\n    \
             current::BYTES + legacy::BYTES + index::BYTES + letters::BYTES + names::BYTES\n    + STRING_BYTES;\n"
        ),
    );
    files
}

/// The words of every official full name (kind prefix and name) of both structures:
/// the runs of alphabetic characters, lower-cased.
fn lexicon(d: &load::Data) -> BTreeSet<String> {
    let full_names = (d.provinces.iter().map(|u| (u.prefix, &u.name)))
        .chain(d.communes.iter().map(|u| (u.prefix, &u.name)))
        .chain(d.legacy_provinces.iter().map(|u| (u.prefix, &u.name)))
        .chain(d.legacy_districts.iter().map(|u| (u.prefix, &u.name)))
        .chain(d.legacy_communes.iter().map(|u| (u.prefix, &u.name)));
    let mut words = BTreeSet::new();
    for (prefix, name) in full_names {
        for w in [prefix, name.as_str()]
            .into_iter()
            .flat_map(|s| s.split(|c: char| !c.is_alphabetic()))
        {
            if !w.is_empty() {
                words.insert(w.to_lowercase());
            }
        }
    }
    words
}

/// The generated files under `root` that differ from `files`, and the files of the
/// folder that `files` does not have (leftovers of an older generator).
pub fn stale(root: &Path, files: &BTreeMap<&'static str, String>) -> Vec<String> {
    let dir = root.join(DIR);
    let mut stale: Vec<String> = files
        .iter()
        .filter(|(name, text)| {
            fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(name, _)| (*name).to_owned())
        .collect();
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !files.contains_key(name.as_str()) {
                stale.push(name);
            }
        }
    }
    stale
}

/// Writes `files` under `root` where they differ and deletes the leftovers of an
/// older generator; returns the names written or deleted.
pub fn write(root: &Path, files: &BTreeMap<&'static str, String>) -> std::io::Result<Vec<String>> {
    let dir = root.join(DIR);
    fs::create_dir_all(&dir)?;
    let stale = stale(root, files);
    for name in &stale {
        match files.get(name.as_str()) {
            Some(text) => fs::write(dir.join(name), text)?,
            None => fs::remove_file(dir.join(name))?,
        }
    }
    Ok(stale)
}
