//! Lookups and navigation allocate nothing.

use crate::count;

#[test]
fn navigation_allocates_nothing() {
    use dvhc::{legacy, Commune, Province};
    // Parse codes first (no allocation either, but keep the counted block minimal).
    let p_code = "79".parse().unwrap();
    let c_code = "26740".parse().unwrap();
    let l_code: legacy::CommuneCode = "26737".parse().unwrap();
    let d_code: legacy::DistrictCode = "760".parse().unwrap();

    let (allocations, acc) = count(|| {
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
        acc
    });
    assert!(acc > 0);
    assert_eq!(allocations, 0, "navigation allocated");
}
