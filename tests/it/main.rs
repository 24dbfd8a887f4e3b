//! dvhc's integration tests, in one binary (one link instead of one per file). The
//! allocation-counting tests install a global allocator and are a binary of their
//! own (`tests/alloc/`).

mod common;

mod api;

mod english;
mod generated;
mod metamorphic;
mod model;
mod parse_cases;
mod parse_recall;
mod parse_robust;
mod postal_phone;
mod proptest_address;
mod proptest_text;
mod regressions;
mod rewrite;
mod search_cases;
mod search_fold;
mod search_recall;
mod serde;
mod text_repair;
mod translate_all;
mod translate_errors;
mod translate_levels;
mod translate_table;
mod work_bounds;
mod workload;
mod workload_checks;
