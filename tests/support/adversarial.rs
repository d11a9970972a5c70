//! Hostile bodies for `explain`, each built to a given size: shared by
//! `benches/explain.rs` (the `explain_adversarial` group: time per byte must stay flat as the
//! size grows) and `tests/explain_bounds.rs` (memory stays a small multiple of the input).
#![allow(dead_code)]

/// A typical REST error body: the reference every shape is compared with.
pub const TYPICAL: &[u8] = include_bytes!("../fixtures/responses/own_two_errors.xml");

/// Builds a body of exactly the given size.
pub type Build = fn(usize) -> Vec<u8>;

/// Every shape, by name.
pub const SHAPES: &[(&str, Build)] = &[
    ("typical_repeated", typical_repeated),
    ("notification_then_end_tags", notification_then_end_tags),
    ("unclosed_end_tags", unclosed_end_tags),
    ("bare_ampersands_in_field", bare_ampersands_in_field),
    ("json_open_keys", json_open_keys),
    ("json_keys", json_keys),
    ("empty_api_errors", empty_api_errors),
    ("nested_notifications", nested_notifications),
    ("deep_notifications", deep_notifications),
    ("markup_in_field", markup_in_field),
];

/// `head`, then `unit` repeated (the last copy cut short), then `tail`: exactly `size` bytes
/// (or `head` and `tail` alone, cut to `size`, when they do not leave room).
fn fill(head: &[u8], unit: &[u8], tail: &[u8], size: usize) -> Vec<u8> {
    let mut out = head.to_vec();
    while out.len() + tail.len() < size {
        let room = size - tail.len() - out.len();
        out.extend_from_slice(&unit[..unit.len().min(room)]);
    }
    out.extend_from_slice(tail);
    out.truncate(size);
    out
}

/// The typical body, again and again.
pub fn typical_repeated(size: usize) -> Vec<u8> {
    fill(b"", TYPICAL, b"", size)
}

/// An XMPP message whose notification is followed by `</` to the end: every `</` could be
/// its end tag, and none has a `>`.
pub fn notification_then_end_tags(size: usize) -> Vec<u8> {
    fill(
        b"<message><event><items><item><notification>",
        b"</",
        b"",
        size,
    )
}

/// End tags that never close.
pub fn unclosed_end_tags(size: usize) -> Vec<u8> {
    fill(b"", b"</aaaaaaa", b"", size)
}

/// A field made of `&`: each could start a reference.
pub fn bare_ampersands_in_field(size: usize) -> Vec<u8> {
    fill(
        b"<ApiErrors><ApiError><ErrorType>",
        b"&",
        b"</ErrorType></ApiError></ApiErrors>",
        size,
    )
}

/// The desktop JSON form opening object after object.
pub fn json_open_keys(size: usize) -> Vec<u8> {
    fill(b"", b"{a:", b"", size)
}

/// The desktop JSON form with one key after another and no value.
pub fn json_keys(size: usize) -> Vec<u8> {
    fill(b"{", b"a:", b"}", size)
}

/// Thousands of empty errors.
pub fn empty_api_errors(size: usize) -> Vec<u8> {
    fill(b"<ApiErrors>", b"<ApiError/>", b"</ApiErrors>", size)
}

/// Notifications escaped inside notifications, three deep, repeated.
pub fn nested_notifications(size: usize) -> Vec<u8> {
    let mut inner = TYPICAL.to_vec();
    for _ in 0..3 {
        let mut wrapped = b"<message><event><items><item><notification>".to_vec();
        wrapped.extend_from_slice(&escape(&inner));
        wrapped.extend_from_slice(b"</notification></item></items></event></message>");
        inner = wrapped;
    }
    fill(b"<stream>", &inner, b"</stream>", size)
}

/// One error escaped in `<notification>`s inside `<notification>`s, as many levels as fit in
/// the size and the depth limit (26 at 64 KiB), repeated: every level's text is escaped once
/// more, so a reader that unescapes and re-reads each level reads the bytes once per level.
pub fn deep_notifications(size: usize) -> Vec<u8> {
    let mut inner = b"<Update><data><apiErrors><apiError><errorType>Invalid State</errorType>\
        </apiError></apiErrors></data></Update>"
        .to_vec();
    // `<stream>`, the levels and the Update's five elements stay within MAX_DEPTH (32).
    for _ in 0..26 {
        let mut wrapped = b"<notification>".to_vec();
        wrapped.extend_from_slice(&escape(&inner));
        wrapped.extend_from_slice(b"</notification>");
        if wrapped.len() + 17 > size {
            break;
        }
        inner = wrapped;
    }
    fill(b"<stream>", &inner, b"</stream>", size)
}

/// Unescaped markup inside a field, opened and never closed, up to the depth limit and past.
pub fn markup_in_field(size: usize) -> Vec<u8> {
    fill(
        b"<ApiErrors><ApiError><ErrorMessage>",
        b"<b>x</b><i>",
        b"",
        size,
    )
}

fn escape(xml: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len() * 2);
    for &b in xml {
        match b {
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'&' => out.extend_from_slice(b"&amp;"),
            _ => out.push(b),
        }
    }
    out
}
