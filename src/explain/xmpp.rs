//! XMPP errors on the notification channel: stream errors (also wrapped in a BOSH
//! `<body type="terminate">`, or bare over WebSocket), BOSH binding conditions, SASL
//! `<failure>`s and `type="error"` stanzas with their condition element or legacy `code`.
//!
//! Conditions are recognised by their namespace (`urn:ietf:params:xml:ns:xmpp-streams`,
//! `…-stanzas`, `…-sasl`) or, without one, by the element they are in: the prefix a server
//! writes (`stream:`) is not relied on. Each error becomes one [`ApiError`] whose `condition`
//! is the knowledge-base key (`stream:conflict`), `error_type` says what kind it is,
//! `error_message` is the condition and `error_data` the server's `<text>` or legacy code.

use super::ApiError;
use alloc::string::String;
use alloc::vec::Vec;

/// An XMPP error element being read.
struct Container {
    /// Depth of the element (`<stream:error>`, `<error>`, `<failure>`, `<body>`).
    depth: usize,
    kind: Kind,
    /// The stanza error's `type` attribute (`cancel`, `auth` ...), if any.
    error_type: Option<String>,
    /// The stanza error's legacy numeric `code` attribute (XEP-0086), if any.
    legacy_code: Option<String>,
    /// The condition found: the BOSH `condition` attribute, or the condition element's kind
    /// and name.
    condition: Option<(Kind, String)>,
    /// The `<text>` explanation, if any.
    text: Option<String>,
    /// A stream error was found inside (a BOSH `remote-stream-error`).
    wraps_stream_error: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Stream,
    Stanza,
    Sasl,
    Bosh,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Stream => "stream",
            Kind::Stanza => "stanza",
            Kind::Sasl => "sasl",
            Kind::Bosh => "bosh",
        }
    }
}

/// The XMPP errors open at the moment (a BOSH body can hold a stream error).
#[derive(Default)]
pub(super) struct Errors {
    open: Vec<Container>,
}

/// What [`Errors::open`] asks the reader to capture.
pub(super) enum Wanted {
    Nothing,
    /// The `<text>` of the innermost open error.
    Text,
}

impl Errors {
    /// A start tag at `depth` (1 = document element), with the local names of its parent and
    /// grandparent, if any.
    pub(super) fn open(
        &mut self,
        depth: usize,
        name: &[u8],
        raw: &[u8],
        parent: Option<&[u8]>,
    ) -> Wanted {
        let is = |n: &[u8]| name.eq_ignore_ascii_case(n);
        // Most elements are neither an error element nor inside one: decide that first, without
        // reading attributes (this runs for every element of every body).
        let may_open = is(b"body") || is(b"error") || is(b"failure");
        let in_error = self.open.last().is_some_and(|e| e.depth + 1 == depth);
        if !may_open && !in_error {
            return Wanted::Nothing;
        }
        let xmlns = attribute(raw, b"xmlns").unwrap_or_default();
        let has_ns = |part: &[u8]| contains(xmlns, part);
        let container = if is(b"body") {
            let terminate =
                attribute(raw, b"type").is_some_and(|t| t == b"terminate" || t == b"terminal");
            terminate.then(|| Container::new(depth, Kind::Bosh, raw))
        } else if is(b"error") && (raw.starts_with(b"stream:") || stream_ns_declared(raw)) {
            Some(Container::new(depth, Kind::Stream, raw))
        } else if is(b"error")
            && (parent.is_some_and(|p| {
                [&b"iq"[..], b"message", b"presence"]
                    .iter()
                    .any(|s| p.eq_ignore_ascii_case(s))
            })
                // A stanza's <error> on its own, as client consoles log it: the document
                // element, with a stanza error's `type` or legacy `code`.
                || (parent.is_none()
                    && (attribute(raw, b"type").is_some() || attribute(raw, b"code").is_some())))
        {
            Some(Container::new(depth, Kind::Stanza, raw))
        } else if is(b"failure") && has_ns(b"xmpp-sasl") {
            Some(Container::new(depth, Kind::Sasl, raw))
        } else {
            None
        };
        if let Some(container) = container {
            if container.kind == Kind::Stream {
                if let Some(outer) = self.open.last_mut() {
                    outer.wraps_stream_error = true;
                }
            }
            self.open.push(container);
            return Wanted::Nothing;
        }
        // A direct child of the innermost open error: its condition or its text.
        let Some(error) = self.open.last_mut().filter(|e| e.depth + 1 == depth) else {
            return Wanted::Nothing;
        };
        if is(b"text") {
            return Wanted::Text;
        }
        let kind = if has_ns(b"xmpp-streams") {
            Kind::Stream
        } else if has_ns(b"xmpp-stanzas") {
            Kind::Stanza
        } else if xmlns.is_empty() && error.kind != Kind::Bosh {
            // SASL conditions inherit the namespace of <failure>.
            error.kind
        } else {
            // An application-specific condition (pubsub#errors ...): not ours to name.
            return Wanted::Nothing;
        };
        if error.kind == Kind::Bosh && kind == Kind::Stream {
            // The early XEP-0206 form: the stream condition sits in <body> itself.
            error.wraps_stream_error = true;
            let mut inner = Container::new(depth, Kind::Stream, b"");
            inner.condition = Some((kind, lossy(name)));
            // Closed with the body: kept as the body's own inner error.
            self.open.push(inner);
            return Wanted::Nothing;
        }
        if error.condition.is_none() || error.kind == Kind::Bosh {
            error.condition = Some((kind, lossy(name)));
        }
        Wanted::Nothing
    }

    /// The `<text>` of the innermost open error (the first one wins).
    pub(super) fn set_text(&mut self, text: String) {
        if let Some(error) = self.open.last_mut() {
            error.text.get_or_insert(text);
        }
    }

    /// An end tag at `depth`: every error opened at or below it is done. Hands over the
    /// errors found.
    pub(super) fn close(&mut self, depth: usize, mut found: impl FnMut(ApiError)) {
        while self.open.last().is_some_and(|e| e.depth >= depth) {
            let Some(done) = self.open.pop() else { break };
            if let Some(error) = done.finish() {
                found(error);
            }
        }
    }

    /// Errors still open at the end of a body that broke off.
    pub(super) fn finish(&mut self, found: impl FnMut(ApiError)) {
        self.close(0, found);
    }
}

impl Container {
    fn new(depth: usize, kind: Kind, raw: &[u8]) -> Container {
        let (error_type, legacy_code, condition) = match kind {
            Kind::Stanza => (
                attribute(raw, b"type").map(lossy),
                attribute(raw, b"code").map(lossy),
                None,
            ),
            Kind::Bosh => (
                None,
                None,
                attribute(raw, b"condition").map(|c| (Kind::Bosh, lossy(c))),
            ),
            _ => (None, None, None),
        };
        Container {
            depth,
            kind,
            error_type,
            legacy_code,
            condition,
            text: None,
            wraps_stream_error: false,
        }
    }

    /// The error this element reported, if any: a BOSH body that only wrapped a stream error
    /// reports nothing of its own (the stream error says what happened).
    fn finish(self) -> Option<ApiError> {
        if self.kind == Kind::Bosh && self.wraps_stream_error {
            return None;
        }
        let (kind, condition) = match self.condition {
            Some(found) => found,
            None => match self.legacy_code.as_deref().and_then(legacy_condition) {
                Some(condition) => (Kind::Stanza, String::from(condition)),
                None if self.kind == Kind::Bosh => return None,
                None => (self.kind, String::new()),
            },
        };
        let mut description = String::from(match self.kind {
            Kind::Stream => "XMPP stream error",
            Kind::Stanza => "XMPP stanza error",
            Kind::Sasl => "SASL failure",
            Kind::Bosh => "BOSH terminate",
        });
        if let Some(error_type) = &self.error_type {
            description.push_str(" (");
            description.push_str(error_type);
            description.push(')');
        }
        // An error element without any condition is still an error, just not a named one.
        let key = (!condition.is_empty()).then(|| {
            let mut key = String::from(kind.prefix());
            key.push(':');
            key.push_str(&condition);
            key
        });
        Some(ApiError {
            error_type: Some(description),
            error_message: (!condition.is_empty()).then_some(condition),
            error_data: self.text.or(self.legacy_code),
            condition: key,
            ..ApiError::default()
        })
    }
}

/// The stanza condition a legacy numeric code stands for, where XEP-0086 maps the code to
/// one condition.
fn legacy_condition(code: &str) -> Option<&'static str> {
    Some(match code.trim() {
        "302" => "redirect",
        "400" => "bad-request",
        "401" => "not-authorized",
        "402" => "payment-required",
        "403" => "forbidden",
        "404" => "item-not-found",
        "405" => "not-allowed",
        "406" => "not-acceptable",
        "407" => "registration-required",
        "408" => "remote-server-timeout",
        "409" => "conflict",
        "500" => "internal-server-error",
        "501" => "feature-not-implemented",
        "502" => "service-unavailable",
        "503" => "service-unavailable",
        "504" => "remote-server-timeout",
        "510" => "service-unavailable",
        _ => return None,
    })
}

/// Whether the tag declares the streams namespace for a prefix (`xmlns:stream="…"`) or as
/// its default.
fn stream_ns_declared(raw: &[u8]) -> bool {
    contains(raw, b"http://etherx.jabber.org/streams")
}

/// The value of an attribute in a raw start tag (`name a="1" b='2'`), unescaped only as far
/// as needed here (values are compared, not shown). Linear in the tag's length.
pub(super) fn attribute<'a>(raw: &'a [u8], wanted: &[u8]) -> Option<&'a [u8]> {
    // Skip the element name.
    let mut at = raw
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(raw.len());
    loop {
        while raw.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
            at += 1;
        }
        let name_start = at;
        while raw
            .get(at)
            .is_some_and(|&b| !(b.is_ascii_whitespace() || b == b'=' || b == b'/'))
        {
            at += 1;
        }
        let name = &raw[name_start..at];
        while raw.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
            at += 1;
        }
        if raw.get(at) != Some(&b'=') {
            // A name without a value (or the end): nothing more to read.
            return None;
        }
        at += 1;
        while raw.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
            at += 1;
        }
        let quote = *raw.get(at).filter(|q| **q == b'"' || **q == b'\'')?;
        let value_start = at + 1;
        let value_len = raw[value_start..].iter().position(|&b| b == quote)?;
        let value = &raw[value_start..value_start + value_len];
        if name == wanted {
            return Some(value);
        }
        at = value_start + value_len + 1;
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::attribute;

    #[test]
    fn attributes() {
        let raw = br#"body xmlns="http://jabber.org/protocol/httpbind" type='terminate' condition = "item-not-found"/"#;
        assert_eq!(attribute(raw, b"type"), Some(&b"terminate"[..]));
        assert_eq!(attribute(raw, b"condition"), Some(&b"item-not-found"[..]));
        assert_eq!(
            attribute(raw, b"xmlns"),
            Some(&b"http://jabber.org/protocol/httpbind"[..])
        );
        assert_eq!(attribute(raw, b"sid"), None);
        assert_eq!(attribute(b"error", b"type"), None);
        assert_eq!(attribute(b"error type=\"unclosed", b"type"), None);
    }
}
