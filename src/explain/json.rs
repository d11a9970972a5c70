//! Reads the Desktop Interface API's JSON-like error body.
//!
//! Published examples are not strict JSON (`{ status : 400, apiErrors : { "errorType": ... } }`:
//! bare keys), so this is a tolerant scanner, not a JSON parser: every object that holds error
//! keys becomes one error, `status` gives the HTTP status, and a string value that is itself an
//! `ApiErrors` XML document (finesse.js wraps responses that way) is read as XML.

use super::{ApiError, BodyForm, ExplainError, Extracted, MAX_DEPTH, xml};
use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Open,
    Close,
    /// A quoted string or a bare word followed by `:`, which is consumed.
    Key(Cow<'a, str>),
    /// A quoted string or a bare word / number: borrowed unless it had escapes, so keys and
    /// values that are not kept cost no allocation.
    Scalar(Cow<'a, str>),
    /// A bare `null`: the value is absent (finesse.js turns an empty element into null).
    Null,
}

pub(super) fn read(text: &str) -> Result<Extracted, ExplainError> {
    let mut out = Extracted {
        form: Some(BodyForm::DesktopJson),
        ..Extracted::default()
    };
    let mut objects: Vec<ApiError> = Vec::new();
    let tokens = Tokens { rest: text };
    let mut key: Option<Cow<'_, str>> = None;
    // The Finesse JavaScript library's error object: `content` (the body as text) beside
    // `object` (the same body parsed). Each error is counted once.
    let mut library_object = false;
    let mut asynchronous = false;
    let mut from_content: Vec<ApiError> = Vec::new();

    for token in tokens {
        match token {
            Token::Open => {
                if objects.len() >= MAX_DEPTH {
                    return Err(ExplainError::TooDeep);
                }
                // `object` (the parsed body) or `error` (the library's own error) at the top.
                let top_key = |k: &str| {
                    objects.len() == 1
                        && key
                            .as_deref()
                            .is_some_and(|key| key.eq_ignore_ascii_case(k))
                };
                if top_key("object") || top_key("error") {
                    library_object = true;
                }
                objects.push(ApiError::default());
                key = None;
            }
            Token::Close => {
                if let Some(done) = objects.pop() {
                    if done.has_any_field() {
                        out.push_error(done);
                    }
                }
                key = None;
            }
            Token::Key(word) => key = Some(word),
            Token::Null => key = None,
            Token::Scalar(word) => {
                let Some(name) = key.take() else { continue };
                if name.eq_ignore_ascii_case("status") {
                    out.http_status = out.http_status.or_else(|| word.parse().ok());
                } else if name.eq_ignore_ascii_case("content")
                    && contains_ignoring_case(&word, "apierror")
                {
                    library_object = true;
                    // An asynchronous error: the library built the object from an XMPP Update.
                    asynchronous |=
                        contains_ignoring_case(&word, "<update") || word.contains("<apiErrors");
                    if let Ok(inner) = xml::read(word.trim().as_bytes(), objects.len(), 0) {
                        out.truncated |= inner.truncated;
                        out.omitted_errors += inner.omitted_errors;
                        from_content.extend(inner.errors);
                        for agent in inner.agents {
                            out.push_agent(agent);
                        }
                    }
                } else if let Some(current) = objects.last_mut() {
                    if let Some(slot) = field(current, &name) {
                        slot.get_or_insert_with(|| word.into_owned());
                    }
                }
            }
        }
    }
    // Unclosed objects (a truncated body) keep what they hold.
    while let Some(open) = objects.pop() {
        out.truncated = true;
        if open.has_any_field() {
            out.push_error(open);
        }
    }
    if library_object {
        out.form = Some(BodyForm::FinesseJs);
        // `object` repeats what `content` holds (fewer fields): one error each.
        let parsed = core::mem::take(&mut out.errors);
        for error in from_content {
            out.push_error(error);
        }
        for error in parsed {
            if !out.errors.iter().any(|kept| same_error(kept, &error)) {
                out.push_error(error);
            }
        }
        if asynchronous && out.http_status == Some(400) {
            out.invented_status = out.http_status.take();
        }
    } else {
        for error in from_content {
            out.push_error(error);
        }
    }
    Ok(out)
}

/// Whether two errors name the same type, message and data (ASCII case ignored): the same
/// error read from `content` and from `object`.
fn same_error(a: &ApiError, b: &ApiError) -> bool {
    // An empty element in `content` is `null` in `object`.
    fn text(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }
    let same = |x: &Option<String>, y: &Option<String>| match (text(x), text(y)) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        (None, None) => true,
        _ => false,
    };
    same(&a.error_type, &b.error_type)
        && same(&a.error_message, &b.error_message)
        && same(&a.error_data, &b.error_data)
}

fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn field<'a>(error: &'a mut ApiError, key: &str) -> Option<&'a mut Option<String>> {
    let is = |name: &str| key.eq_ignore_ascii_case(name);
    let slot = if is("errortype") {
        &mut error.error_type
    } else if is("errormessage") {
        &mut error.error_message
    } else if is("errordata") {
        &mut error.error_data
    } else if is("errormedia") {
        &mut error.error_media
    } else if is("peripheralerrorcode") {
        &mut error.peripheral_error_code
    } else if is("peripheralerrormsg") {
        &mut error.peripheral_error_msg
    } else if is("peripheralerrortext") {
        &mut error.peripheral_error_text
    } else {
        return None;
    };
    Some(slot)
}

struct Tokens<'a> {
    rest: &'a str,
}

/// Bytes that end a bare word: ASCII whitespace and the JSON punctuation.
const ENDS_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let ends = b" \t\n\r\x0c,:{}[]\"'";
    let mut i = 0;
    while i < ends.len() {
        table[ends[i] as usize] = true;
        i += 1;
    }
    table
};

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    /// Works on bytes: every byte that delimits is ASCII, so each split is a char boundary.
    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip(|b| b.is_ascii_whitespace() || b == b',');
            let word = match *self.rest.as_bytes().first()? {
                open_or_close @ (b'{' | b'[' | b'}' | b']') => {
                    self.rest = &self.rest[1..];
                    return Some(if matches!(open_or_close, b'{' | b'[') {
                        Token::Open
                    } else {
                        Token::Close
                    });
                }
                // A colon after something that is not a word: nothing to key.
                b':' => {
                    self.rest = &self.rest[1..];
                    continue;
                }
                quote @ (b'"' | b'\'') => self.quoted(char::from(quote)),
                _ => {
                    // Not a delimiter, so the word is at least this one byte long.
                    let end = self
                        .rest
                        .bytes()
                        .position(|b| ENDS_WORD[usize::from(b)])
                        .unwrap_or(self.rest.len());
                    let (word, rest) = self.rest.split_at(end);
                    self.rest = rest;
                    if word == "null" {
                        self.skip(|b| b.is_ascii_whitespace());
                        if !self.rest.starts_with(':') {
                            return Some(Token::Null);
                        }
                    }
                    Cow::Borrowed(word)
                }
            };
            // `word :` is a key; the colon is consumed with it.
            self.skip(|b| b.is_ascii_whitespace());
            if let Some(rest) = self.rest.strip_prefix(':') {
                self.rest = rest;
                return Some(Token::Key(word));
            }
            return Some(Token::Scalar(word));
        }
    }
}

impl<'a> Tokens<'a> {
    /// Drops the bytes at the front that `skip` accepts (ASCII only, so the cut is a char
    /// boundary).
    fn skip(&mut self, skip: impl Fn(u8) -> bool) {
        let len = self
            .rest
            .bytes()
            .position(|b| !skip(b))
            .unwrap_or(self.rest.len());
        self.rest = &self.rest[len..];
    }

    /// Reads a quoted string with JSON escapes; an unterminated one runs to the end. Borrowed
    /// when it has no escapes.
    fn quoted(&mut self, quote: char) -> Cow<'a, str> {
        let body = &self.rest[quote.len_utf8()..];
        if let Some(end) = body.find([quote, '\\']) {
            if body[end..].starts_with(quote) {
                self.rest = &body[end + quote.len_utf8()..];
                return Cow::Borrowed(&body[..end]);
            }
        }
        let mut value = String::new();
        let mut chars = self.rest.char_indices().skip(1);
        let mut end = self.rest.len();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    end = i + c.len_utf8();
                    break;
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, 't')) => value.push('\t'),
                    Some((_, 'r')) => value.push('\r'),
                    Some((_, 'b')) => value.push('\u{8}'),
                    Some((_, 'f')) => value.push('\u{c}'),
                    Some((_, 'u')) => {
                        let hex: String = chars.by_ref().take(4).map(|(_, h)| h).collect();
                        let decoded = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                        value.push(decoded.unwrap_or('\u{fffd}'));
                    }
                    Some((_, other)) => value.push(other),
                    None => break,
                },
                c => value.push(c),
            }
        }
        self.rest = &self.rest[end..];
        Cow::Owned(value)
    }
}
