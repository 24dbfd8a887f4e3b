//! Lookups and navigation allocate nothing: counted with a global allocator.
//! (The library itself forbids unsafe code; implementing `GlobalAlloc` here needs it.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn navigation_allocates_nothing() {
    use dvhc::{legacy, Commune, Province};
    // Parse codes first (no allocation either, but keep the counted block minimal).
    let p_code = "79".parse().unwrap();
    let c_code = "26740".parse().unwrap();
    let l_code: legacy::CommuneCode = "26737".parse().unwrap();
    let d_code: legacy::DistrictCode = "760".parse().unwrap();

    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let mut acc = 0u64;
    let p = Province::get(p_code).unwrap();
    for c in p.communes() {
        acc += u64::from(c.code().get());
        for (old, _) in c.predecessors() {
            acc += u64::from(old.code().get()) + old.name().len() as u64;
        }
    }
    acc += p.predecessors().count() as u64;
    let c = Commune::get(c_code).unwrap();
    acc += c.name().len() as u64 + u64::from(c.province().code().get());
    let old = legacy::Commune::get(l_code).unwrap();
    for (n, _) in old.successors() {
        acc += u64::from(n.code().get());
    }
    let d = legacy::District::get(d_code).unwrap();
    acc += d.communes().count() as u64 + d.province().districts().count() as u64;
    for lp in legacy::Province::all() {
        acc += lp.communes().count() as u64 + u64::from(lp.successor().code().get());
    }
    acc += u64::from(c.kind_on(dvhc::Date::REFORM).is_some());
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    assert!(acc > 0);
    assert_eq!(after - before, 0, "navigation allocated");
}
