//! `explain` on arbitrary bytes: two bytes of HTTP status (0 = none), one of method and
//! platform, the body.
//! Never panics; a diagnosis keeps at most MAX_ERRORS errors and always has a summary.
#![no_main]
#![forbid(unsafe_code)]

use finesse_errors::Platform;
use finesse_errors::explain::{Context, MAX_ERRORS, Method, explain_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [s0, s1, m, body @ ..] = data else {
        return;
    };
    let status = match u16::from_le_bytes([*s0, *s1]) % 700 {
        0 => None,
        s => Some(s),
    };
    let mut context = Context::new();
    if let Some(&method) =
        [Method::Get, Method::Put, Method::Post, Method::Delete].get(usize::from(*m % 5))
    {
        context = context.method(method);
    }
    if let Some(&platform) = Platform::ALL.get(usize::from(*m / 5 % 4)) {
        context = context.platform(platform);
    }
    let result = explain_with(context, status, body);
    if let Ok(d) = result {
        assert!(d.errors.len() <= MAX_ERRORS);
        assert!(d.agents.len() <= MAX_ERRORS);
        assert!(!d.verdict.summary.is_empty());
        // The verdict rests on a link of one of the errors, or on the status alone.
        if let Some(basis) = d.verdict.basis {
            let linked = d.errors.iter().any(|e| e.links.contains(&basis));
            assert!(linked || basis.via == finesse_errors::explain::Via::HttpStatus);
        }
    }
});
