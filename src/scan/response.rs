//! Finesse responses embedded in a log line, handed to `explain` whole.
//!
//! Webservices logs print REST `ApiErrors` bodies and XML-escaped `Update` documents; the
//! desktop log puts the body in a JSON string (`"content":"<Update>..."`) next to its
//! `"status"`. The region is cut from the line, unescaped one level, and diagnosed.

use crate::explain::{Diagnosis, explain};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::ops::Range;
use memchr::memmem;

use super::Finding;

/// Calls `found` with the span and diagnosis of each response in the line that names at least
/// one error.
pub(crate) fn find(bytes: &[u8], found: &mut dyn FnMut(Range<usize>, Finding)) {
    let mut from = 0;
    while let Some(i) = memmem::find(&bytes[from..], b"piErrors") {
        let hit = from + i;
        from = hit + 8;
        let Some(open) = opening(bytes, hit) else {
            continue;
        };
        let (start, root) = match update_before(bytes, open) {
            Some(update) => (update, &b"Update"[..]),
            None => (open, &bytes[hit - 1..hit + 8]),
        };
        let end = closing(bytes, hit + 8, root).unwrap_or(bytes.len());
        from = from.max(end);
        if let Some(diagnosis) = diagnose(bytes, start..end) {
            found(start..end, Finding::Diagnosis(Box::new(diagnosis)));
        }
    }
}

/// The `<` (or `&`) of the start tag whose name ends in the `piErrors` at `hit`; `None` for an
/// end tag or a word in prose.
fn opening(bytes: &[u8], hit: usize) -> Option<usize> {
    if hit < 2 || !matches!(bytes[hit - 1], b'A' | b'a') {
        return None;
    }
    let before = &bytes[..hit - 1];
    if before.ends_with(b"<") {
        Some(hit - 2)
    } else if before.ends_with(b"&lt;") {
        Some(hit - 5)
    } else {
        None
    }
}

/// The start of an `Update` document that encloses the errors, if there is one on the line.
fn update_before(bytes: &[u8], open: usize) -> Option<usize> {
    let before = &bytes[..open];
    let plain = memmem::rfind(before, b"<Update");
    let escaped = memmem::rfind(before, b"&lt;Update");
    match (plain, escaped) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The end of the element `root` closes, searched from `from`: `/root>` or `/root&gt;` (the
/// `/` may be JSON-escaped).
fn closing(bytes: &[u8], from: usize, root: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = memmem::find(&bytes[at..], root) {
        let pos = at + i;
        let end = pos + root.len();
        at = end;
        if pos == 0 || bytes[pos - 1] != b'/' {
            continue;
        }
        if bytes[end..].starts_with(b">") {
            return Some(end + 1);
        }
        if bytes[end..].starts_with(b"&gt;") {
            return Some(end + 4);
        }
    }
    None
}

fn diagnose(bytes: &[u8], region: Range<usize>) -> Option<Diagnosis> {
    let mut body = bytes[region].to_vec();
    if memmem::find(&body, b"\\\"").is_some() || memmem::find(&body, b"\\/").is_some() {
        body = json_unescape(&body);
    }
    if body.starts_with(b"&lt;") {
        body = xml_unescape(&body);
    }
    let diagnosis = explain(json_status(bytes), &body).ok()?;
    (!diagnosis.errors.is_empty()).then_some(diagnosis)
}

/// The desktop log's `"status":400`, if the line has one.
fn json_status(bytes: &[u8]) -> Option<u16> {
    let at = memmem::find(bytes, b"\"status\":")? + 9;
    let rest = bytes[at..].trim_ascii_start();
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits != 3 {
        return None;
    }
    core::str::from_utf8(&rest[..3])
        .ok()?
        .parse()
        .ok()
        .filter(|s| (100..600).contains(s))
}

/// One level of JSON string escapes (`\"`, `\\`, `\/`, `\n`, `\t`, `\r`, `\uXXXX` for ASCII).
fn json_unescape(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b != b'\\' || i + 1 == text.len() {
            out.push(b);
            i += 1;
            continue;
        }
        let (decoded, len) = match text[i + 1] {
            b'n' => (b'\n', 2),
            b't' => (b'\t', 2),
            b'r' => (b'\r', 2),
            b'u' => match text
                .get(i + 2..i + 6)
                .and_then(|h| core::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .filter(u8::is_ascii)
            {
                Some(ascii) => (ascii, 6),
                None => (b'\\', 1),
            },
            other => (other, 2),
        };
        out.push(decoded);
        i += len;
    }
    out
}

/// One level of the five XML entities.
fn xml_unescape(text: &[u8]) -> Vec<u8> {
    const ENTITIES: &[(&[u8], u8)] = &[
        (b"&lt;", b'<'),
        (b"&gt;", b'>'),
        (b"&amp;", b'&'),
        (b"&quot;", b'"'),
        (b"&apos;", b'\''),
    ];
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    'outer: while i < text.len() {
        if text[i] == b'&' {
            for &(entity, ch) in ENTITIES {
                if text[i..].starts_with(entity) {
                    out.push(ch);
                    i += entity.len();
                    continue 'outer;
                }
            }
        }
        out.push(text[i]);
        i += 1;
    }
    out
}
