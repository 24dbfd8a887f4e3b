//! The tables generated from `data/` and what they share with their generator.

#[rustfmt::skip]
pub(crate) mod generated;
pub(crate) mod index;
pub(crate) mod layout;

/// A range into one of the generated index arrays.
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

/// A name in the generated string pool: one `&'static str` for all names instead of
/// one pointer per record, so the tables need no load-time relocations.
#[derive(Clone, Copy)]
pub(crate) struct Str {
    pub(crate) at: u32,
    pub(crate) len: u16,
}

impl Str {
    pub(crate) fn get(self) -> &'static str {
        let at = self.at as usize;
        &crate::tables::generated::NAMES[at..at + usize::from(self.len)]
    }
}

impl std::fmt::Debug for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.get(), f)
    }
}
