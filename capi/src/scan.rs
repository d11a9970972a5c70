//! `fe_scan()` and `fe_scanner`: every known code in whole logs, reported to a C callback.
//! (Paths go through `super`: the fuzz targets compile this crate as a module.)
//!
//! A match reaches C as an `fe_scan_match` on the stack whose pointers borrow the input, the
//! scanner's buffer and static data: the C layer allocates nothing per match.

use super::entry::{fe_error, to_c};
use super::guard;
use super::vocab::{c_family, c_retry, fe_family, fe_retry};
use core::ffi::{CStr, c_char, c_void};
use core::ptr;
use errors::scan::{Finding, How, MAX_CANDIDATES, Match, Scanner};
use std::panic::AssertUnwindSafe;

/// Number of recognition kinds: the valid fe_how values are 0 to FE_HOW_COUNT - 1.
pub const FE_HOW_COUNT: u32 = 6;

/// How a match was recognised in a log.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_how {
    /// A symbol with its family prefix (E_CTI_TIMEOUT) ("symbol").
    Symbol = 0,
    /// A qualified name (CiscoJtapiException.CTIERR_TIMEOUT) ("qualified").
    Qualified = 1,
    /// A number after a field that names its family (peripheralErrorCode=10125) ("field").
    Field = 2,
    /// An 8-digit 0x8CCC.... value ("hex").
    Hex = 3,
    /// An XMPP error condition ("xmpp").
    Xmpp = 4,
    /// A Finesse response embedded in the line, diagnosed as a whole ("response").
    Response = 5,
}

const HOW_NAMES: [&CStr; FE_HOW_COUNT as usize] = [
    c"symbol",
    c"qualified",
    c"field",
    c"hex",
    c"xmpp",
    c"response",
];

fn c_how(how: How) -> fe_how {
    match how {
        How::Symbol => fe_how::Symbol,
        How::Qualified => fe_how::Qualified,
        How::Field => fe_how::Field,
        How::Hex => fe_how::Hex,
        How::Xmpp => fe_how::Xmpp,
        // How is non-exhaustive; the test below fails when it grows.
        _ => fe_how::Response,
    }
}

/// What a match found.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_finding {
    /// Known entries: exactly one, or every candidate when the text fits several.
    Known = 0,
    /// A token with a family's prefix (or shape) that names no known code: a newer release's
    /// code or a typo (unknown_family says which family).
    Unknown = 1,
    /// A Finesse response embedded in the line, diagnosed as a whole (entries holds the
    /// verdict's basis, if any; verdict_retry and summary the verdict).
    Diagnosis = 2,
}

/// One match in a log, handed to an fe_scan_callback.
///
/// Lifetime: every pointer in it (line, text, entries, summary) is valid only during the
/// callback call that receives it. line and text point into the chunk being fed or into the
/// scanner's own buffer (for a line that spans chunks); entries and summary into a buffer of
/// the call. Copy what you keep. The fe_error entries themselves are static. line, text and
/// summary are not NUL-terminated: use their lengths.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct fe_scan_match {
    /// The line's number, from 1.
    pub line_number: u64,
    /// The byte offset of the line in the whole input.
    pub line_offset: u64,
    /// The byte offset of the matched text in the whole input.
    pub offset: u64,
    /// The line without its line break (for a line over 64 KiB, the window of it that holds
    /// the match). Not NUL-terminated.
    pub line: *const u8,
    /// The length of line in bytes.
    pub line_len: usize,
    /// Where the matched text starts in line.
    pub span_start: usize,
    /// Where the matched text ends in line (exclusive).
    pub span_end: usize,
    /// How it was recognised: one of the FE_HOW_* constants.
    pub how_id: fe_how,
    /// What it found: one of the FE_FINDING_* constants.
    pub finding_id: fe_finding,
    /// The entries it names: entry_count static entries (for FE_FINDING_KNOWN one, or every
    /// candidate when the text is ambiguous; for FE_FINDING_DIAGNOSIS the verdict's basis or
    /// none; none for FE_FINDING_UNKNOWN).
    pub entries: *const *const fe_error,
    /// How many entries (at most 16).
    pub entry_count: usize,
    /// For FE_FINDING_UNKNOWN, the family the token belongs to; otherwise 0.
    pub unknown_family: fe_family,
    /// For FE_FINDING_DIAGNOSIS, the verdict's retry; otherwise FE_RETRY_NEVER.
    pub verdict_retry: fe_retry,
    /// For FE_FINDING_DIAGNOSIS, the verdict's one-line summary (UTF-8, not NUL-terminated);
    /// otherwise NULL.
    pub summary: *const c_char,
    /// The length of summary in bytes (0 when NULL).
    pub summary_len: usize,
}

/// Called once per match, in input order. Return true to go on; false stops the callbacks
/// for the rest of the input (the scanner still reads it, so the line numbers of a later
/// input stay right, until fe_scanner_finish()).
pub type fe_scan_callback =
    Option<unsafe extern "C" fn(found: *const fe_scan_match, user: *mut c_void) -> bool>;

/// A scanner fed chunks split anywhere (opaque; one thread at a time).
pub struct fe_scanner {
    scanner: Scanner,
    stopped: bool,
}

/// Builds the C view of one match and calls back; returns whether to go on.
fn report(m: &Match<'_>, callback: fe_scan_callback, user: *mut c_void) -> bool {
    let mut entries = [ptr::null::<fe_error>(); MAX_CANDIDATES];
    let mut count = 0;
    for info in m.entries().take(MAX_CANDIDATES) {
        if let Some(entry) = to_c(info) {
            entries[count] = ptr::from_ref(entry);
            count += 1;
        }
    }
    let (finding_id, unknown_family, verdict_retry, summary) = match &m.finding {
        Finding::Known(_) => (
            fe_finding::Known,
            fe_family::FinesseApi,
            fe_retry::Never,
            None,
        ),
        Finding::Unknown(family) => (
            fe_finding::Unknown,
            c_family(*family),
            fe_retry::Never,
            None,
        ),
        Finding::Diagnosis(d) => (
            fe_finding::Diagnosis,
            fe_family::FinesseApi,
            c_retry(d.verdict.retry),
            Some(d.verdict.summary.as_str()),
        ),
        // Finding is non-exhaustive: a new kind reaches C as a match with its entries.
        _ => (
            fe_finding::Known,
            fe_family::FinesseApi,
            fe_retry::Never,
            None,
        ),
    };
    let found = fe_scan_match {
        line_number: m.line_number,
        line_offset: m.line_offset,
        offset: m.offset(),
        line: m.line.as_ptr(),
        line_len: m.line.len(),
        span_start: m.span.start,
        span_end: m.span.end,
        how_id: c_how(m.how),
        finding_id,
        entries: entries.as_ptr(),
        entry_count: count,
        unknown_family,
        verdict_retry,
        summary: summary.map_or(ptr::null(), |s| s.as_ptr().cast()),
        summary_len: summary.map_or(0, str::len),
    };
    match callback {
        // SAFETY: the caller of the exported function guarantees that callback is a function
        // of this signature that may be called with user; `found` and everything it points
        // to live until the call returns.
        Some(callback) => unsafe { callback(&found, user) },
        None => true,
    }
}

/// Feeds one chunk (or, with `finish`, ends the input); returns the matches reported.
fn run(
    state: &mut fe_scanner,
    chunk: Option<&[u8]>,
    callback: fe_scan_callback,
    user: *mut c_void,
) -> usize {
    let mut reported = 0;
    let stopped = &mut state.stopped;
    let mut on_match = |m: Match<'_>| {
        if !*stopped {
            reported += 1;
            *stopped = !report(&m, callback, user);
        }
    };
    match chunk {
        Some(chunk) => state.scanner.feed(chunk, &mut on_match),
        None => {
            state.scanner.finish(&mut on_match);
            state.stopped = false;
        }
    }
    reported
}

/// A scanner at the start of an input: feed it with fe_scanner_feed(), end the input with
/// fe_scanner_finish(), free it with fe_scanner_free(). It holds at most about one long line
/// (64 KiB windows) plus a few KiB, whatever the input. Returns NULL only if the library
/// failed internally.
#[unsafe(no_mangle)]
pub extern "C" fn fe_scanner_new() -> *mut fe_scanner {
    guard(ptr::null_mut(), || {
        Box::into_raw(Box::new(fe_scanner {
            scanner: Scanner::new(),
            stopped: false,
        }))
    })
}

/// Reads the next len bytes of the input (a chunk split anywhere: mid-line, mid-token) and
/// calls callback for every match the chunk completes, in input order; the same matches
/// whatever the split. Returns how many matches were reported (0 for a NULL scanner, or NULL
/// data with len > 0). callback may be NULL (to count). The bytes need only stay valid
/// during the call: what a later chunk needs is copied.
///
/// # Safety
/// scanner must be NULL or a live handle from fe_scanner_new(), used by one thread at a time;
/// data must be NULL or point to len readable bytes; callback must be NULL or a function that
/// may be called with user, and must not unwind (longjmp) out of the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_scanner_feed(
    scanner: *mut fe_scanner,
    data: *const u8,
    len: usize,
    callback: fe_scan_callback,
    user: *mut c_void,
) -> usize {
    guard(
        0,
        AssertUnwindSafe(|| {
            // SAFETY: the caller guarantees scanner is NULL or a live handle, not used by
            // another thread during the call.
            let Some(state) = (unsafe { scanner.as_mut() }) else {
                return 0;
            };
            let chunk: &[u8] = match (data.is_null(), len) {
                (_, 0) => &[],
                (true, _) => return 0,
                // SAFETY: data is not NULL and the caller guarantees len readable bytes.
                (false, len) => unsafe { core::slice::from_raw_parts(data, len) },
            };
            run(state, Some(chunk), callback, user)
        }),
    )
}

/// Ends the input: reports the matches of a last line without a line break, and makes the
/// scanner ready for a new input (line 1, offset 0, callbacks on again). Returns how many
/// matches were reported (0 for NULL).
///
/// # Safety
/// As fe_scanner_feed().
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_scanner_finish(
    scanner: *mut fe_scanner,
    callback: fe_scan_callback,
    user: *mut c_void,
) -> usize {
    guard(
        0,
        AssertUnwindSafe(|| {
            // SAFETY: as in fe_scanner_feed.
            let Some(state) = (unsafe { scanner.as_mut() }) else {
                return 0;
            };
            run(state, None, callback, user)
        }),
    )
}

/// Frees a scanner (NULL: nothing).
///
/// # Safety
/// scanner must be NULL or a handle from fe_scanner_new() not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_scanner_free(scanner: *mut fe_scanner) {
    if !scanner.is_null() {
        // SAFETY: the caller guarantees it came from Box::into_raw in fe_scanner_new and is
        // freed once.
        drop(unsafe { Box::from_raw(scanner) });
    }
}

/// Every known code in a whole buffer: as fe_scanner_new(), one fe_scanner_feed() and
/// fe_scanner_finish(), then fe_scanner_free(). Returns how many matches were reported.
/// Example: fe_scan(log, strlen(log), on_match, &state).
///
/// # Safety
/// data must be NULL or point to len readable bytes; callback as in fe_scanner_feed().
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_scan(
    data: *const u8,
    len: usize,
    callback: fe_scan_callback,
    user: *mut c_void,
) -> usize {
    let scanner = fe_scanner_new();
    // SAFETY: a fresh handle; data and callback are forwarded from this function's contract.
    let fed = unsafe { fe_scanner_feed(scanner, data, len, callback, user) };
    // SAFETY: the same live handle.
    let finished = unsafe { fe_scanner_finish(scanner, callback, user) };
    // SAFETY: the handle from fe_scanner_new, freed once.
    unsafe { fe_scanner_free(scanner) };
    fed + finished
}

/// The name of a recognition kind ("symbol", "qualified", "field", "hex", "xmpp",
/// "response"); NULL if how is not one of the FE_HOW_* constants. The string is static.
#[unsafe(no_mangle)]
pub extern "C" fn fe_how_name(how: u32) -> *const c_char {
    super::name_of(&HOW_NAMES, how)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_names_are_the_rust_names() {
        let all = [
            How::Symbol,
            How::Qualified,
            How::Field,
            How::Hex,
            How::Xmpp,
            How::Response,
        ];
        assert_eq!(all.len(), FE_HOW_COUNT as usize);
        for how in all {
            let name = fe_how_name(c_how(how) as u32);
            // SAFETY: a static name.
            assert_eq!(
                unsafe { CStr::from_ptr(name) }.to_str().unwrap(),
                how.name()
            );
        }
        assert!(fe_how_name(FE_HOW_COUNT).is_null());
    }

    unsafe extern "C" fn stop_after_one(_: *const fe_scan_match, user: *mut c_void) -> bool {
        // SAFETY: the test passes a pointer to a usize.
        unsafe { *user.cast::<usize>() += 1 };
        false
    }

    #[test]
    fn a_false_return_stops_the_callbacks_until_finish() {
        let log = b"E_CTI_TIMEOUT\nE_CTI_TIMEOUT\n";
        let mut calls = 0usize;
        let user = ptr::from_mut(&mut calls).cast();
        // SAFETY: a valid buffer and a callback of the right signature.
        let n = unsafe { fe_scan(log.as_ptr(), log.len(), Some(stop_after_one), user) };
        assert_eq!((n, calls), (1, 1));
        // Counting, with no callback: both.
        // SAFETY: as above.
        assert_eq!(
            unsafe { fe_scan(log.as_ptr(), log.len(), None, ptr::null_mut()) },
            2
        );
        // SAFETY: NULL data with a length is refused, NULL handles do nothing.
        unsafe {
            assert_eq!(fe_scan(ptr::null(), 5, None, ptr::null_mut()), 0);
            assert_eq!(
                fe_scanner_feed(ptr::null_mut(), log.as_ptr(), 3, None, ptr::null_mut()),
                0
            );
            assert_eq!(fe_scanner_finish(ptr::null_mut(), None, ptr::null_mut()), 0);
            fe_scanner_free(ptr::null_mut());
        }
    }
}
