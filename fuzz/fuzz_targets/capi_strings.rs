//! The C ABI's string functions with arbitrary bytes as C strings (any byte but NUL, invalid
//! UTF-8 included): never a crash, never a panic across the boundary, and an entry found by
//! name carries that name (or its canonical spelling: `EC_NEW_CALL` for `CEC_NEW_CALL`).
#![no_main]

// capi/src/lib.rs, compiled in as a module (the C library's crate builds only a cdylib and a
// staticlib); it calls the Rust crate `errors`.
extern crate finesse_errors as errors;
#[path = "../../capi/src/lib.rs"]
#[allow(dead_code)]
mod capi;

use capi::{fe_count, fe_entry, fe_finesse_error, fe_lookup, fe_lookup_symbol};
use libfuzzer_sys::fuzz_target;
use std::ffi::{CStr, CString};

fuzz_target!(|data: &[u8]| {
    let [a, b, c, d, rest @ ..] = data else {
        return;
    };
    let Ok(name) = CString::new(rest) else {
        return;
    };
    // SAFETY: `name` is a NUL-terminated string that lives across the call.
    if let Some(e) = unsafe { fe_lookup_symbol(name.as_ptr()) } {
        // SAFETY: the library's strings are static and NUL-terminated.
        let symbol = unsafe { CStr::from_ptr(e.symbol) };
        // SAFETY: as above.
        let aliases = unsafe { CStr::from_ptr(e.aliases) };
        // The documented normalisation: every Unicode White_Space character trims and folds
        // (vertical tab included, which `split_ascii_whitespace` would keep).
        let wanted = String::from_utf8_lossy(rest)
            .split(char::is_whitespace)
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_uppercase();
        // A family's printed spelling (`EC_NEW_CALL`) answers its canonical symbol.
        let respelled: Vec<String> = errors::Family::ALL
            .iter()
            .flat_map(|family| family.spellings())
            .filter_map(|(printed, canonical)| {
                wanted
                    .strip_prefix(printed)
                    .map(|rest| format!("{canonical}{rest}"))
            })
            .collect();
        let carries = std::iter::once(symbol.to_str().unwrap())
            .chain(aliases.to_str().unwrap().split(' '))
            .map(str::to_ascii_uppercase)
            .any(|n| n == wanted || respelled.contains(&n));
        assert!(carries, "{wanted:?} answered {symbol:?}");
    }
    let status = u16::from_le_bytes([*a, *b]);
    // SAFETY: as above.
    let _ = unsafe { fe_finesse_error(status, name.as_ptr()) };
    let family = u32::from(*c % 8);
    let code = i32::from_le_bytes([*a, *b, *c, *d]);
    let _ = fe_lookup(family, code);
    let _ = fe_entry(family, usize::from(*d));
    let _ = fe_count(family);
});
