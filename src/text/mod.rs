//! Text knowledge: folding, search keys, the characters and words of addresses, and
//! the tokenizer that splits an input into words.

pub(crate) mod chars;
pub(crate) mod fold;
pub(crate) mod key;
pub(crate) mod letters;
pub(crate) mod tokenize;
pub(crate) mod vocab;
