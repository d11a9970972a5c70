//! Proves that lookups never allocate: a counting global allocator watches thousands of them.
//! One test in this file, because the counter is process-wide.

mod common;

use finesse_errors::{
    Family, all, entries, finesse_error, lookup, lookup_code, lookup_symbol, lookup_symbol_all,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn lookups_never_allocate() {
    // Inputs are prepared before counting starts.
    let rows = common::all_rows();
    let names: Vec<String> = rows
        .iter()
        .flat_map(|(_, row)| {
            common::spellings(row)
                .into_iter()
                .map(str::to_ascii_lowercase)
        })
        .chain(["", "  ", "NOT_A_SYMBOL", "ünïcödé", "invalid   state"].map(String::from))
        .chain([("X".repeat(5_000))])
        .collect();
    let codes: Vec<(Family, i32)> = rows
        .iter()
        .filter_map(|(family, row)| row.code.map(|c| (*family, c)))
        .chain((-100..2_000).map(|c| (Family::CtiControlFailure, c)))
        .collect();

    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let mut found = 0usize;
    for _ in 0..5 {
        for &(family, code) in &codes {
            found += black_box(lookup(black_box(family), black_box(code))).is_some() as usize;
            found += lookup_code(black_box(code)).count();
        }
        for name in &names {
            found += black_box(lookup_symbol(black_box(name))).is_some() as usize;
            found += lookup_symbol_all(black_box(name)).count();
            found += black_box(finesse_error(black_box(400), black_box(name))).is_some() as usize;
        }
        for &family in Family::ALL {
            found += black_box(entries(family)).len();
        }
        found += black_box(all()).len();
    }
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    let published = rows.iter().filter(|(_, row)| row.code.is_some()).count();
    assert!(
        found >= 5 * published,
        "the lookups found what the files hold ({found})"
    );
    assert_eq!(
        after - before,
        0,
        "lookups allocated {} times",
        after - before
    );
}
