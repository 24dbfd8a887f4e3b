//! Text knowledge: folding, search keys and the analysis of query and address words.

pub(crate) mod fold;
pub(crate) mod key;
pub(crate) mod letters;
pub(crate) mod query;
