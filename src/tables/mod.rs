//! The tables generated from `data/` by `cargo xtask codegen`, the format of each
//! documented beside the code that reads it, and what they share with the generator:
//!
//! * `generated/` (`#[rustfmt::skip]`, never edited by hand): `current.rs` and
//!   `legacy.rs`, the records ([`records`]); `index.rs`, the search index ([`index`]);
//!   `names.rs`, the string pool of names and the resolutions ([`Str`]), and the
//!   lexicon of the words of the official full names (read by `text::repair`);
//!   `letters.rs`, the base letter and diacritics of the precomposed Latin letters
//!   (read by [`fold`](crate::text::fold)); `mod.rs`, the string bytes and the
//!   total of static data (`STATIC_BYTES`, held to a 2 MB budget by a test);
//! * `layout.rs`: how keys are ordered, bucketed, hashed and bounded, and their letter
//!   sets, compiled into both the crate and the generator;
//! * [`Str`] and [`Span`], the two small handles records hold.
//!
//! The generated files depend only on the record and value types of `units/` and on
//! [`Key`](index::Key) and [`Via`](index::Via), not on the code that searches them.

#[rustfmt::skip]
pub(crate) mod generated;
pub(crate) mod index;
pub(crate) mod layout;
pub(crate) mod records;

/// A range of one of the generated index arrays (`start..start + len`): the children,
/// predecessors or successors of a record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub(crate) start: u16,
    pub(crate) len: u16,
}

impl Span {
    pub(crate) fn of<T>(self, items: &'static [T]) -> &'static [T] {
        let start = usize::from(self.start);
        &items[start..start + usize::from(self.len)]
    }
}

/// A name in the generated string pool (`NAMES[at..at + len]`): one `&'static str` for all names instead of
/// one pointer per record, so the tables need no load-time relocations. Its English
/// name is at the same offset of the English pool, `en` bytes long (in the 2 bytes
/// the struct would otherwise pad with).
#[derive(Clone, Copy)]
pub(crate) struct Str {
    pub(crate) at: u32,
    pub(crate) len: u16,
    pub(crate) en: u16,
}

impl Str {
    pub(crate) fn get(self) -> &'static str {
        let at = self.at as usize;
        &crate::tables::generated::NAMES[at..at + usize::from(self.len)]
    }

    /// The English name (the name without diacritics).
    pub(crate) fn en(self) -> &'static str {
        let at = self.at as usize;
        &crate::tables::generated::NAMES_EN[at..at + usize::from(self.en)]
    }
}

impl std::fmt::Debug for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.get(), f)
    }
}

#[cfg(test)]
mod static_size {
    /// The static data compiled into a binary that uses every part of the crate
    /// (records, index arrays and distinct string bytes, as the generator totals
    /// them). The budget is 2 MB, so growth is a conscious choice.
    #[test]
    fn static_data_fits_the_budget() {
        let total = super::generated::STATIC_BYTES;
        let strings = super::generated::STRING_BYTES;
        eprintln!("static data: {total} bytes, of which {strings} bytes of strings");
        assert!(
            total <= 2_000_000,
            "static data is {total} bytes, over the 2 MB budget"
        );
    }
}
