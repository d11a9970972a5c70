//! Symbol and Finesse error lookups on arbitrary strings. Whatever is found must carry the
//! input, after the documented normalisation (Unicode whitespace trimmed and folded, ASCII
//! case ignored), as its symbol, an alias, or its symbol in a family's printed spelling
//! (`EC_NEW_CALL` for `CEC_NEW_CALL`): never a neighbour.
#![no_main]
#![forbid(unsafe_code)]

use finesse_errors::{ErrorInfo, finesse_error, lookup_symbol_all};
use libfuzzer_sys::fuzz_target;

fn normalize(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

fn carries(info: &ErrorInfo, wanted: &str) -> bool {
    let respelled = info
        .family()
        .spellings()
        .iter()
        .find_map(|(printed, canonical)| {
            wanted
                .strip_prefix(printed)
                .map(|rest| format!("{canonical}{rest}"))
        });
    core::iter::once(info.symbol())
        .chain(info.aliases())
        .any(|name| {
            let name = normalize(name);
            name == wanted || respelled.as_deref() == Some(name.as_str())
        })
}

fuzz_target!(|data: &[u8]| {
    let Some((&status, rest)) = data.split_first() else {
        return;
    };
    let Ok(name) = core::str::from_utf8(rest) else {
        return;
    };
    let wanted = normalize(name);
    for info in lookup_symbol_all(name) {
        assert!(
            carries(info, &wanted),
            "{name:?} answered {}",
            info.symbol()
        );
    }
    let status = 400 + u16::from(status % 110);
    if let Some(info) = finesse_error(status, name) {
        assert_eq!(info.http_status(), Some(status));
        assert!(carries(info, &wanted));
    }
});
