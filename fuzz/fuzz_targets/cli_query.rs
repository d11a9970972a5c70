//! The CLI's query parser (`finesse-errors lookup …` and `search …`) on arbitrary arguments.
#![no_main]
#![forbid(unsafe_code)]

#[path = "../../cli/src/query.rs"]
#[allow(dead_code)]
mod query;

use finesse_errors::Family;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = core::str::from_utf8(rest) else {
        return;
    };
    let family = Family::ALL.get(usize::from(selector)).copied();
    let found = query::lookup(text, family);
    for (info, _) in &found {
        assert!(family.is_none_or(|f| info.family() == f));
    }
    // An entry is never a candidate twice.
    for (i, (a, _)) in found.iter().enumerate() {
        assert!(found[i + 1..].iter().all(|(b, _)| !core::ptr::eq(*a, *b)));
    }
    let words: Vec<String> = text.split('\n').map(String::from).collect();
    let _ = query::search(&words);
});
