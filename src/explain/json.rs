//! Reads the Desktop Interface API's JSON-like error body.
//!
//! Published examples are not strict JSON (`{ status : 400, apiErrors : { "errorType": ... } }`:
//! bare keys), so this is a tolerant scanner, not a JSON parser: every object that holds error
//! keys becomes one error, `status` gives the HTTP status, and a string value that is itself an
//! `ApiErrors` XML document (finesse.js wraps responses that way) is read as XML.

use super::{ApiError, BodyForm, ExplainError, Extracted, MAX_DEPTH, xml};
use alloc::string::String;
use alloc::vec::Vec;

#[derive(Debug, PartialEq)]
enum Token {
    Open,
    Close,
    Colon,
    /// A quoted string or a bare word / number.
    Scalar(String),
}

pub(super) fn read(text: &str) -> Result<Extracted, ExplainError> {
    let mut out = Extracted {
        form: Some(BodyForm::DesktopJson),
        ..Extracted::default()
    };
    let mut objects: Vec<ApiError> = Vec::new();
    let mut tokens = Tokens { rest: text }.peekable();
    let mut key: Option<String> = None;

    while let Some(token) = tokens.next() {
        match token {
            Token::Open => {
                if objects.len() >= MAX_DEPTH {
                    return Err(ExplainError::TooDeep);
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
            Token::Colon => {}
            Token::Scalar(word) => {
                if tokens.peek() == Some(&Token::Colon) {
                    key = Some(word);
                    continue;
                }
                let Some(name) = key.take() else { continue };
                if name.eq_ignore_ascii_case("status") {
                    out.http_status = out.http_status.or_else(|| word.parse().ok());
                } else if name.eq_ignore_ascii_case("content") && word.contains("ApiError") {
                    if let Ok(inner) = xml::read(word.trim().as_bytes(), objects.len()) {
                        out.absorb_errors(inner);
                    }
                } else if let Some(current) = objects.last_mut() {
                    if let Some(slot) = field(current, &name) {
                        slot.get_or_insert(word);
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
    Ok(out)
}

fn field<'a>(error: &'a mut ApiError, key: &str) -> Option<&'a mut Option<String>> {
    let slot = match key.to_ascii_lowercase().as_str() {
        "errortype" => &mut error.error_type,
        "errormessage" => &mut error.error_message,
        "errordata" => &mut error.error_data,
        "errormedia" => &mut error.error_media,
        "peripheralerrorcode" => &mut error.peripheral_error_code,
        "peripheralerrormsg" => &mut error.peripheral_error_msg,
        "peripheralerrortext" => &mut error.peripheral_error_text,
        _ => return None,
    };
    Some(slot)
}

struct Tokens<'a> {
    rest: &'a str,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            self.rest = self
                .rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == ',');
            let mut chars = self.rest.chars();
            let first = chars.next()?;
            match first {
                '{' | '[' => {
                    self.rest = chars.as_str();
                    return Some(Token::Open);
                }
                '}' | ']' => {
                    self.rest = chars.as_str();
                    return Some(Token::Close);
                }
                ':' => {
                    self.rest = chars.as_str();
                    return Some(Token::Colon);
                }
                '"' | '\'' => return Some(Token::Scalar(self.quoted(first))),
                _ => {
                    let end = self
                        .rest
                        .find(|c: char| c.is_whitespace() || ",:{}[]\"'".contains(c))
                        .unwrap_or(self.rest.len());
                    if end == 0 {
                        // A character no token starts with: skip it.
                        self.rest = chars.as_str();
                        continue;
                    }
                    let (word, rest) = self.rest.split_at(end);
                    self.rest = rest;
                    return Some(Token::Scalar(String::from(word)));
                }
            }
        }
    }
}

impl Tokens<'_> {
    /// Reads a quoted string with JSON escapes; an unterminated one runs to the end.
    fn quoted(&mut self, quote: char) -> String {
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
        value
    }
}
