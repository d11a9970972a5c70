//! XMPP error conditions in logs: namespaced elements, BOSH attributes, library exceptions.

use super::Finding;
use super::anchor::Xmpp;
use super::line::Facts;
use super::resolve::candidates;
use crate::Family;
use core::ops::Range;
use memchr::memmem;

/// How far back from a namespace the element that carries it may start.
const ELEMENT_REACH: usize = 96;

/// The condition at an XMPP anchor: its span in the line and what it is.
pub(crate) fn decode(
    bytes: &[u8],
    facts: &Facts,
    start: usize,
    end: usize,
    shape: Xmpp,
) -> Option<(Range<usize>, Finding)> {
    let (kind, name) = match shape {
        Xmpp::Namespace => {
            let rest = &bytes[end..];
            if rest.starts_with(b"treams") {
                ("stream", element_before(bytes, start)?)
            } else if rest.starts_with(b"tanzas") {
                ("stanza", element_before(bytes, start)?)
            } else if rest.starts_with(b"asl") {
                let failure = element_before_any(bytes, start)?;
                if &bytes[failure.clone()] != b"failure" {
                    return None;
                }
                ("sasl", child_after(bytes, end + 3)?)
            } else {
                return None;
            }
        }
        Xmpp::Condition => {
            // Only on a terminate body: `condition=` is a common word elsewhere.
            let terminate = facts
                .terminate
                .get_or_init(|| memmem::find(bytes, b"terminate").is_some());
            terminate.then_some(())?;
            let quote = *bytes.get(end)?;
            if !matches!(quote, b'\'' | b'"') {
                return None;
            }
            let name = condition_at(bytes, end + 1)?;
            (bytes.get(name.end) == Some(&quote)).then_some(())?;
            ("bosh", name)
        }
        Xmpp::StreamError => {
            let mut at = end;
            if bytes[at..].starts_with(b"Exception") {
                at += 9;
            }
            ("stream", after_colon(bytes, at, 2)?)
        }
        Xmpp::SaslError => {
            let colon = memchr::memchr(b':', &bytes[end..(end + 48).min(bytes.len())])?;
            ("sasl", after_colon(bytes, end + colon, 0)?)
        }
    };
    let condition = core::str::from_utf8(&bytes[name.clone()]).ok()?;
    let mut key = [0u8; 64];
    let key = join(&mut key, kind, condition)?;
    let found = candidates(key);
    let finding = if found.is_empty() {
        Finding::Unknown(Family::Xmpp)
    } else {
        Finding::Known(found)
    };
    Some((name, finding))
}

/// `kind:condition` in a stack buffer.
fn join<'b>(buf: &'b mut [u8; 64], kind: &str, condition: &str) -> Option<&'b str> {
    let len = kind.len() + 1 + condition.len();
    if len > buf.len() {
        return None;
    }
    buf[..kind.len()].copy_from_slice(kind.as_bytes());
    buf[kind.len()] = b':';
    buf[kind.len() + 1..len].copy_from_slice(condition.as_bytes());
    core::str::from_utf8(&buf[..len]).ok()
}

/// A condition name: lower-case letters and `-`, at least two bytes.
fn condition_at(bytes: &[u8], at: usize) -> Option<Range<usize>> {
    let len = bytes
        .get(at..)?
        .iter()
        .take_while(|&&b| b.is_ascii_lowercase() || b == b'-')
        .count();
    let end = at + len;
    let after_ok = bytes
        .get(end)
        .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_'));
    (len >= 2 && after_ok).then_some(at..end)
}

/// The name of the element whose start tag holds the namespace at `ns`, if it is a
/// condition (not the `<stream:error>`, `<error>` or `<text>` around or beside one).
fn element_before(bytes: &[u8], ns: usize) -> Option<Range<usize>> {
    let name = element_before_any(bytes, ns)?;
    match &bytes[name.clone()] {
        b"error" | b"text" | b"failure" => None,
        _ => Some(name),
    }
}

/// The element name of the start tag (`<name ` or `&lt;name `) that `ns` sits in.
fn element_before_any(bytes: &[u8], ns: usize) -> Option<Range<usize>> {
    let from = ns.saturating_sub(ELEMENT_REACH);
    let open = memchr::memrchr(b'<', &bytes[from..ns]).map(|i| from + i + 1);
    let escaped = memmem::rfind(&bytes[from..ns], b"&lt;").map(|i| from + i + 4);
    let start = match (open, escaped) {
        (Some(a), Some(b)) => a.max(b),
        (a, b) => a.or(b)?,
    };
    let tag = &bytes[start..ns];
    memmem::find(tag, b"xmlns=")?;
    if tag.contains(&b'>') {
        return None;
    }
    let name = condition_at(bytes, start).filter(|r| bytes.get(r.end) == Some(&b' '))?;
    Some(name)
}

/// The first child element after the start tag that ends after `at` (`><not-authorized/>`).
fn child_after(bytes: &[u8], at: usize) -> Option<Range<usize>> {
    let window = &bytes[at..(at + ELEMENT_REACH).min(bytes.len())];
    let close = memchr::memchr(b'>', window).map(|i| at + i + 1);
    let close_escaped = memmem::find(window, b"&gt;").map(|i| at + i + 4);
    let after = match (close, close_escaped) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let rest = bytes.get(after..)?;
    let open = if rest.starts_with(b"<") {
        1
    } else if rest.starts_with(b"&lt;") {
        4
    } else {
        return None;
    };
    let name = condition_at(bytes, after + open)?;
    (&bytes[name.clone()] != b"text").then_some(name)
}

/// The condition after a `:` that starts within `reach` bytes of `at` (spaces and one `<`
/// may come between).
fn after_colon(bytes: &[u8], at: usize, reach: usize) -> Option<Range<usize>> {
    let window = bytes.get(at..(at + reach + 1).min(bytes.len()))?;
    let colon = at + memchr::memchr(b':', window)?;
    let mut next = colon + 1;
    while bytes.get(next) == Some(&b' ') {
        next += 1;
    }
    if bytes.get(next) == Some(&b'<') {
        next += 1;
    }
    condition_at(bytes, next)
}
