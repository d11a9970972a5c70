//! `explain` uses bounded memory for bounded input: the peak heap while diagnosing each hostile
//! shape stays a small multiple of the body, and errors past `MAX_ERRORS` are counted, not kept.
//! One test in this file, because the allocation counter is process-wide.
#![cfg(feature = "explain")]

#[path = "support/adversarial.rs"]
mod adversarial;

use finesse_errors::explain::{MAX_BODY_LEN, MAX_ERRORS, explain};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Peak;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::SeqCst) + bytes;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

// SAFETY: forwards to the system allocator unchanged; only keeps a running total.
unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
        grew(new_size);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Peak = Peak;

/// The heap `explain` may use beyond the body: a few copies of it (an escaped notification is
/// unescaped once per level) and a fixed amount for the kept errors.
const BOUND_FACTOR: usize = 4;
const BOUND_FIXED: usize = 256 * 1024;

#[test]
fn memory_stays_a_small_multiple_of_the_body() {
    let mut report = Vec::new();
    for &(shape, build) in adversarial::SHAPES {
        let body = build(MAX_BODY_LEN);
        let before = CURRENT.load(Ordering::SeqCst);
        PEAK.store(before, Ordering::SeqCst);
        let result = explain(Some(400), &body);
        let peak = PEAK.load(Ordering::SeqCst) - before;
        if let Ok(d) = &result {
            assert!(
                d.errors.len() <= MAX_ERRORS,
                "{shape}: {} errors kept",
                d.errors.len()
            );
        }
        report.push(format!(
            "{shape}: peak {peak} bytes for {} bytes",
            body.len()
        ));
        assert!(
            peak <= BOUND_FACTOR * body.len() + BOUND_FIXED,
            "{shape}: peak heap {peak} bytes for a {}-byte body\n{}",
            body.len(),
            report.join("\n")
        );
        drop(result);
    }

    // Thousands of errors: the first MAX_ERRORS are kept, the rest counted.
    let many = adversarial::empty_api_errors(MAX_BODY_LEN);
    let d = explain(Some(400), &many).unwrap();
    assert_eq!(d.errors.len(), MAX_ERRORS);
    assert!(d.omitted_errors > 5_000, "{}", d.omitted_errors);
    eprintln!("{}", report.join("\n"));
}
