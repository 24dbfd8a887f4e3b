//! The generated tables are fresh: regenerating them from `data/` in memory gives the
//! checked-in `src/tables/generated/` byte for byte (the chrono-tz pattern). The
//! generator is `cargo xtask codegen`; its module is compiled in here as it is.

#[path = "../../xtask/src/codegen/mod.rs"]
#[allow(dead_code)]
mod codegen;

use std::path::Path;

#[test]
fn generated_tables_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = codegen::generate(root);
    let stale = codegen::stale(root, &files);
    assert!(
        stale.is_empty(),
        "{} is stale ({stale:?}): run `cargo xtask codegen` and commit the result",
        codegen::DIR
    );
}
