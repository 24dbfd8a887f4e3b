//! A count of the inner-loop steps taken by the entry points that read user text, for
//! dvhc's complexity tests (`tests/it/work_bounds.rs`): the work an input causes is
//! asserted to grow linearly with its length, without timing anything.
//!
//! Compiled only with the internal `work-counter` feature; without it, counting is
//! an empty inline function and costs nothing. Not part of the API.

#[cfg(feature = "work-counter")]
mod imp {
    use std::cell::Cell;

    thread_local! {
        static STEPS: Cell<u64> = const { Cell::new(0) };
    }

    #[inline]
    pub(crate) fn add(n: usize) {
        let _ = STEPS.try_with(|s| s.set(s.get().saturating_add(n as u64)));
    }

    /// The steps counted on this thread since the last call, and a reset.
    pub fn take() -> u64 {
        STEPS.try_with(|s| s.replace(0)).unwrap_or(0)
    }
}

#[cfg(not(feature = "work-counter"))]
mod imp {
    #[inline(always)]
    pub(crate) fn add(_: usize) {}
}

pub(crate) use imp::add;
#[cfg(feature = "work-counter")]
pub use imp::take;
