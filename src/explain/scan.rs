//! A small, non-validating XML tokenizer, made for error bodies: it yields element tags, text
//! and CDATA, and skips the XML declaration, processing instructions, comments and DOCTYPE.
//!
//! Nothing is ever declared, fetched or expanded: text keeps its entity references, which
//! [`push_text`] resolves for the five predefined entities and character references only.
//! A general XML reader emits an event per entity reference, which is most of what an escaped
//! XMPP notification is made of; this one works on byte slices of the input and allocates
//! nothing.

/// One piece of markup or text. Slices borrow from the input.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// `<name …>`, or `<name …/>` when `empty`. `name` is the local name (no prefix); `raw`
    /// is everything between `<` and `>`.
    Start {
        name: &'a [u8],
        raw: &'a [u8],
        empty: bool,
    },
    /// `</name>`: the local name, and everything between `<` and `>`.
    End { name: &'a [u8], raw: &'a [u8] },
    /// Character data as written (entity references unresolved).
    Text(&'a [u8]),
    /// The content of a `<![CDATA[…]]>` section.
    CData(&'a [u8]),
}

/// Markup that breaks off or cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ScanError {
    /// Byte offset of the `<` that starts the markup.
    pub(super) position: usize,
    /// What is wrong, for people.
    pub(super) reason: &'static str,
}

/// Walks an input from front to back.
pub(super) struct Scanner<'a> {
    input: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(input: &'a [u8]) -> Self {
        Scanner { input, pos: 0 }
    }

    /// The next token, `Ok(None)` at the end of the input.
    pub(super) fn next_token(&mut self) -> Result<Option<Token<'a>>, ScanError> {
        loop {
            let start = self.pos;
            let rest = &self.input[start..];
            if rest.is_empty() {
                return Ok(None);
            }
            if !(rest[0] == b'<' && opens_markup(rest.get(1).copied())) {
                let len = text_len(rest);
                self.pos += len;
                return Ok(Some(Token::Text(&rest[..len])));
            }
            let error = |reason| ScanError {
                position: start,
                reason,
            };
            match rest.get(1).copied() {
                None => return Err(error("the body ends inside markup")),
                Some(b'?') => {
                    let end = find(rest, b"?>")
                        .ok_or(error("unclosed processing instruction or XML declaration"))?;
                    self.pos += end + 2;
                }
                Some(b'!') if rest.starts_with(b"<!--") => {
                    let end = find(&rest[4..], b"-->").ok_or(error("unclosed comment"))?;
                    self.pos += 4 + end + 3;
                }
                Some(b'!') if rest.starts_with(b"<![CDATA[") => {
                    let data = &rest[9..];
                    let end = find(data, b"]]>").ok_or(error("unclosed CDATA section"))?;
                    self.pos += 9 + end + 3;
                    return Ok(Some(Token::CData(&data[..end])));
                }
                Some(b'!') => {
                    let end = declaration_len(rest).ok_or(error("unclosed declaration"))?;
                    self.pos += end;
                }
                Some(b'/') => {
                    let close = position(rest, b'>').ok_or(error("unclosed end tag"))?;
                    self.pos += close + 1;
                    let raw = &rest[1..close];
                    return Ok(Some(Token::End {
                        name: name_at(&raw[1..]).1,
                        raw,
                    }));
                }
                Some(_) => {
                    let (name_end, name) = name_at(&rest[1..]);
                    let close = tag_len(rest, 1 + name_end).ok_or(error("unclosed start tag"))?;
                    self.pos += close + 1;
                    let raw = &rest[1..close];
                    return Ok(Some(Token::Start {
                        name,
                        raw,
                        empty: raw.last() == Some(&b'/'),
                    }));
                }
            }
        }
    }

    /// The rest of the input, which is consumed.
    pub(super) fn take_rest(&mut self) -> &'a [u8] {
        let rest = &self.input[self.pos..];
        self.pos = self.input.len();
        rest
    }

    /// The raw content of the element whose start tag was just read, up to its end tag (matched
    /// by local name, ASCII case ignored), which is consumed. CDATA sections are stepped over.
    pub(super) fn content_until_end(&mut self, name: &[u8]) -> Result<&'a [u8], ScanError> {
        let start = self.pos;
        let content = &self.input[start..];
        let mut at = 0;
        // The first `>` at or after the last `</` looked at. Every `</` before it closes there,
        // so each byte is searched once, however many `</` there are (no rescan per tag).
        let mut next_gt: Option<usize> = None;
        while let Some(offset) = position(&content[at..], b'<') {
            let lt = at + offset;
            let here = &content[lt..];
            if here.starts_with(b"<![CDATA[") {
                match find(&here[9..], b"]]>") {
                    Some(end) => at = lt + 9 + end + 3,
                    None => break,
                }
                continue;
            }
            if here.starts_with(b"</") {
                let gt = match next_gt {
                    Some(gt) if gt > lt => gt,
                    _ => match position(&content[lt..], b'>') {
                        Some(offset) => lt + offset,
                        // No `>` anywhere after: no end tag can follow.
                        None => break,
                    },
                };
                next_gt = Some(gt);
                if name_at(&content[lt + 2..gt]).1.eq_ignore_ascii_case(name) {
                    self.pos = start + gt + 1;
                    return Ok(&content[..lt]);
                }
            }
            at = lt + 1;
        }
        Err(ScanError {
            position: start,
            reason: "the element's end tag is missing",
        })
    }
}

/// Whether a `<` followed by `next` starts markup. A `<` before anything that cannot start a
/// name (`a < b` in unescaped text) is kept as text; a `<` at the very end breaks off markup.
fn opens_markup(next: Option<u8>) -> bool {
    match next {
        None => true,
        Some(b) => {
            b.is_ascii_alphabetic() || matches!(b, b'_' | b':' | b'/' | b'!' | b'?') || b >= 0x80
        }
    }
}

/// Length of the text at the front of `rest`: up to the next `<` that opens markup.
fn text_len(rest: &[u8]) -> usize {
    let mut at = 1;
    while let Some(offset) = position(&rest[at..], b'<') {
        let lt = at + offset;
        if opens_markup(rest.get(lt + 1).copied()) {
            return lt;
        }
        at = lt + 1;
    }
    rest.len()
}

/// Index of the `>` that closes the start tag at the front of `tag`, searching from `from`
/// (just past the name) and stepping over quoted attribute values.
fn tag_len(tag: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let i = at + memchr::memchr3(b'>', b'"', b'\'', tag.get(at..)?)?;
        match tag[i] {
            b'>' => return Some(i),
            quote => at = i + 1 + position(&tag[i + 1..], quote)? + 1,
        }
    }
}

/// Length of a `<!DOCTYPE …>` (or other `<!…>`) declaration, internal subset and quoted
/// strings included.
fn declaration_len(decl: &[u8]) -> Option<usize> {
    let mut quote = None;
    let mut brackets = 0usize;
    for (i, &b) in decl.iter().enumerate().skip(2) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[') => brackets += 1,
            (None, b']') => brackets = brackets.saturating_sub(1),
            (None, b'>') if brackets == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// A tag's name at the front of `tag` (up to whitespace, `/`, `>` or the end): where it ends,
/// and its local part, after any `prefix:`.
fn name_at(tag: &[u8]) -> (usize, &[u8]) {
    let mut local = 0;
    for (i, &b) in tag.iter().enumerate() {
        match b {
            b':' => local = i + 1,
            b'>' | b'/' => return (i, &tag[local..i]),
            _ if b.is_ascii_whitespace() => return (i, &tag[local..i]),
            _ => {}
        }
    }
    (tag.len(), &tag[local..])
}

fn position(haystack: &[u8], byte: u8) -> Option<usize> {
    memchr::memchr(byte, haystack)
}

/// The first occurrence of `needle` (not empty) in `haystack`.
pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let mut at = 0;
    let first = *needle.first()?;
    while let Some(offset) = position(&haystack[at..], first) {
        let i = at + offset;
        if haystack[i..].starts_with(needle) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// Appends `raw` character data to `out` with the predefined entities (`&lt;` `&gt;` `&amp;`
/// `&apos;` `&quot;`) and character references resolved. Any other reference, and a bare `&`,
/// is kept as written: nothing is looked up elsewhere.
///
/// Escaped markup (a whole XMPP notification) has a reference every few bytes, too close
/// together for a search-and-copy per gap to pay off. Instead, eight bytes at a time are copied
/// and checked for `&` in a register. A reference is never shorter than what it resolves to, so
/// the output fits in the input's length and writes never pass the read position.
pub(super) fn push_text(out: &mut alloc::vec::Vec<u8>, raw: &[u8]) {
    let base = out.len();
    out.resize(base + raw.len(), 0);
    let dst = &mut out[base..];
    let (mut read, mut written) = (0, 0);
    while read < raw.len() {
        match (
            raw[read..].first_chunk::<8>(),
            dst.get_mut(written..written + 8),
        ) {
            (Some(chunk), Some(to)) => {
                to.copy_from_slice(chunk);
                let amp = first_amp(chunk);
                read += amp;
                written += amp;
                if amp == 8 {
                    continue;
                }
            }
            _ if raw[read] != b'&' => {
                dst[written] = raw[read];
                read += 1;
                written += 1;
                continue;
            }
            _ => {}
        }
        // `raw[read]` is an `&`.
        let mut utf8 = [0; 4];
        let (bytes, len) = match reference(&raw[read..]) {
            Some((ch, len)) => (ch.encode_utf8(&mut utf8).as_bytes(), len),
            None => (&b"&"[..], 1),
        };
        if let Some(to) = dst.get_mut(written..written + bytes.len()) {
            to.copy_from_slice(bytes);
        }
        read += len;
        written += bytes.len();
    }
    out.truncate(base + written);
}

/// Index of the first `&` in an eight-byte chunk, or 8.
fn first_amp(chunk: &[u8; 8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const AMPS: u64 = u64::from_ne_bytes([b'&'; 8]);
    // Little-endian, so the first byte is the lowest.
    let word = u64::from_le_bytes(*chunk) ^ AMPS;
    // A zero byte of `word` is an `&`; this sets the high bit of the first one (bytes after it
    // may be flagged spuriously, which the lowest set bit is immune to).
    let zeros = word.wrapping_sub(ONES) & !word & HIGHS;
    (zeros.trailing_zeros() / 8) as usize
}

/// The reference at the front of `text` (which starts with `&`): the character it stands for
/// and its length, `;` included. Only the bytes of a possible reference are read, so a run of
/// `&` or of broken references costs no more than the bytes themselves.
fn reference(text: &[u8]) -> Option<(char, usize)> {
    match text {
        [_, b'l', b't', b';', ..] => Some(('<', 4)),
        [_, b'g', b't', b';', ..] => Some(('>', 4)),
        [_, b'a', b'm', b'p', b';', ..] => Some(('&', 5)),
        [_, b'a', b'p', b'o', b's', b';', ..] => Some(('\'', 6)),
        [_, b'q', b'u', b'o', b't', b';', ..] => Some(('"', 6)),
        [_, b'#', b'x' | b'X', digits @ ..] => number(digits, 16).map(|(ch, len)| (ch, 3 + len)),
        [_, b'#', digits @ ..] => number(digits, 10).map(|(ch, len)| (ch, 2 + len)),
        _ => None,
    }
}

/// A character reference's digits up to `;`: the character and the length read, `;` included.
/// Stops at the first byte that is not a digit of the radix.
fn number(digits: &[u8], radix: u32) -> Option<(char, usize)> {
    let mut value: u32 = 0;
    for (i, &d) in digits.iter().enumerate() {
        if d == b';' {
            // NUL is not an XML character; surrogates and values past U+10FFFF are not
            // characters.
            return (i > 0)
                .then(|| char::from_u32(value))
                .flatten()
                .filter(|&ch| ch != '\0')
                .map(|ch| (ch, i + 1));
        }
        let digit = char::from(d).to_digit(radix)?;
        value = value.checked_mul(radix)?.checked_add(digit)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn tokens(input: &str) -> Vec<Token<'_>> {
        let mut scanner = Scanner::new(input.as_bytes());
        let mut all = Vec::new();
        while let Some(token) = scanner.next_token().unwrap() {
            all.push(token);
        }
        all
    }

    #[test]
    fn tags_text_and_cdata() {
        let all = tokens(
            r#"<?xml version="1.0"?><!-- c --><a:Root x="1>2" y='/'><b/>t &amp; u<![CDATA[<x>]]></a:Root>"#,
        );
        assert_eq!(
            all,
            [
                Token::Start {
                    name: b"Root",
                    raw: br#"a:Root x="1>2" y='/'"#,
                    empty: false
                },
                Token::Start {
                    name: b"b",
                    raw: b"b/",
                    empty: true
                },
                Token::Text(b"t &amp; u"),
                Token::CData(b"<x>"),
                Token::End {
                    name: b"Root",
                    raw: b"/a:Root"
                },
            ]
        );
    }

    #[test]
    fn a_lone_lt_is_text_and_doctype_subsets_are_skipped() {
        let all = tokens("<!DOCTYPE a [ <!ENTITY e \"]>\"> ]><a>x < y</a>");
        assert_eq!(all[1], Token::Text(b"x < y"));
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn broken_markup_is_an_error_with_its_position() {
        for (input, position) in [
            ("ab<c", 2),
            ("<a><!-- x", 3),
            ("<a><![CDATA[x", 3),
            ("x<", 1),
        ] {
            let mut scanner = Scanner::new(input.as_bytes());
            let error = loop {
                match scanner.next_token() {
                    Ok(Some(_)) => {}
                    Ok(None) => panic!("{input}: no error"),
                    Err(e) => break e,
                }
            };
            assert_eq!(error.position, position, "{input}");
        }
    }

    #[test]
    fn content_until_end_skips_cdata_and_other_end_tags() {
        let mut scanner = Scanner::new(b"<n>a</b><![CDATA[</n>]]>c</x:N >tail");
        scanner.next_token().unwrap();
        assert_eq!(
            scanner.content_until_end(b"n").unwrap(),
            b"a</b><![CDATA[</n>]]>c"
        );
        assert_eq!(scanner.next_token().unwrap(), Some(Token::Text(b"tail")));
    }

    #[test]
    fn references_at_every_offset_of_the_eight_byte_chunks() {
        for before in 0..20 {
            for after in 0..10 {
                let raw = alloc::format!("{}&amp;&#233;{}&", "a".repeat(before), "b".repeat(after));
                let mut out = Vec::from(&b"kept"[..]);
                push_text(&mut out, raw.as_bytes());
                let expected = alloc::format!("kept{}&é{}&", "a".repeat(before), "b".repeat(after));
                assert_eq!(core::str::from_utf8(&out).unwrap(), expected, "{raw}");
            }
        }
    }

    #[test]
    fn references() {
        let mut out = Vec::new();
        push_text(
            &mut out,
            b"&lt;a&gt; &amp;amp; &#65;&#x42; &secret; & &#0; &#xD800; &#99999999999;",
        );
        assert_eq!(
            core::str::from_utf8(&out).unwrap(),
            "<a> &amp; AB &secret; & &#0; &#xD800; &#99999999999;"
        );
    }
}
