//! Character classes of addresses: the separators that end a segment.

pub(crate) fn is_hard_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | '\n' | '\r' | '|' | '\t' | '/' | '\\' | '，' | '、' | '；'
    )
}
