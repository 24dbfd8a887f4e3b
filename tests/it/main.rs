//! dvhc's integration tests, in one binary (one link instead of one per file).
//! The allocation-counting tests, which install a global allocator, are a binary of
//! their own (`tests/alloc.rs`).

mod generated;
