//! One line: every anchor in it decoded in place into a match.

use super::anchor::{self, Field, Kind, anchors, prefixes};
use super::resolve::{named, numbered, pg_status};
use super::{How, Match, response, xmpp};
use crate::{Family, lookup};
use alloc::vec::Vec;
use core::cell::OnceCell;
use core::ops::Range;
use memchr::memmem;

/// How many lines after a CTI OS `FailureCode` may carry its record's event name.
pub(crate) const LOOK_LINES: usize = 8;
/// How many bytes after the line those lines may span.
pub(crate) const LOOK_BYTES: usize = 4096;

/// A line (or a window of a long one) and what the decoder may see around it.
pub(crate) struct Line<'a> {
    pub bytes: &'a [u8],
    /// The bytes after the line (at most [`LOOK_BYTES`]), for a record's event name.
    pub after: &'a [u8],
    /// Matches starting here or later belong to the next window.
    pub emit_before: usize,
    /// The line goes on past `bytes`: a token touching the end may be cut.
    pub open_end: bool,
    pub number: u64,
    pub offset: u64,
    /// Where the line's first literal is (the block's search found none before it).
    pub search_from: usize,
}

/// Whether the line needs the lines after it to be decoded: a CTI OS `FailureCode` whose
/// event name is not on the line.
pub(crate) fn needs_lookahead(line: &[u8]) -> bool {
    memmem::find(line, b"FailureCode").is_some() && memmem::find(line, b"MessageID:").is_none()
}

pub(crate) const fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Decodes every anchor of the line and hands each match to `emit`, in line order.
pub(crate) fn scan_line<'a>(line: &Line<'a>, emit: &mut dyn FnMut(Match<'a>)) {
    let bytes = line.bytes;
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut pending: Vec<Match<'a>> = Vec::new();
    let anchors = anchors();
    if anchors.response.find(bytes).is_some() {
        response::find(bytes, &mut |span, diagnosis| {
            taken.push(span.clone());
            pending.push(line.to_match(span, How::Response, diagnosis));
        });
    }
    let facts = Facts::default();
    let mut last_end = 0;
    let input =
        aho_corasick::Input::new(bytes).span(line.search_from.min(bytes.len())..bytes.len());
    for hit in anchors.searcher.find_iter(input) {
        let Some((start, kind)) = anchor::at(bytes, hit.pattern().as_usize(), hit.start()) else {
            continue;
        };
        let end = hit.end();
        if start < last_end || taken.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let outside = |span: &Range<usize>| {
            span.start >= line.emit_before || (line.open_end && span.end >= bytes.len())
        };
        if kind == Kind::Field(Field::PgStatus) {
            // A PGStatus value is a set: one match per flag, each with the value's span.
            let Some((span, text)) = field_value(line, Field::PgStatus, start, end) else {
                continue;
            };
            let findings = pg_status(text);
            if findings.is_empty() || outside(&span) {
                continue;
            }
            last_end = span.end;
            for finding in findings {
                pending.push(line.to_match(span.clone(), How::Field, finding));
            }
            continue;
        }
        let Some((span, how, finding)) = decode(line, &facts, start, end, kind) else {
            continue;
        };
        if outside(&span) {
            continue;
        }
        last_end = span.end;
        pending.push(line.to_match(span, how, finding));
    }
    // Responses were found first; report everything in line order.
    pending.sort_by_key(|m| m.span.start);
    for m in pending {
        if m.span.start < line.emit_before {
            emit(m);
        }
    }
}

impl<'a> Line<'a> {
    fn to_match(&self, span: Range<usize>, how: How, finding: super::Finding) -> Match<'a> {
        Match {
            line_number: self.number,
            line_offset: self.offset,
            line: self.bytes,
            span,
            how,
            finding,
        }
    }
}

type Decoded = (Range<usize>, How, super::Finding);

/// What decoding needs to know about the whole line, found at most once per line: a line
/// packed with anchors still costs time linear in its length.
#[derive(Default)]
pub(crate) struct Facts {
    dump: OnceCell<bool>,
    address: OnceCell<bool>,
    family: OnceCell<Option<Family>>,
    event: OnceCell<Option<Family>>,
    pub terminate: OnceCell<bool>,
}

fn decode(line: &Line<'_>, facts: &Facts, start: usize, end: usize, kind: Kind) -> Option<Decoded> {
    let bytes = line.bytes;
    match kind {
        Kind::Prefix(_) => symbol(bytes, start),
        Kind::Spelling(_) => spelled(bytes, start),
        Kind::Qualifier => qualified(bytes, start, end),
        Kind::Hex => hex(bytes, facts, start),
        Kind::Field(field) => self::field(line, facts, field, start, end),
        Kind::Xmpp(shape) => {
            xmpp::decode(bytes, facts, start, end, shape).map(|(s, f)| (s, How::Xmpp, f))
        }
        Kind::Response => None,
    }
}

fn ident_end(bytes: &[u8], from: usize) -> usize {
    from + bytes[from..].iter().take_while(|&&b| is_ident(b)).count()
}

/// The longest qualifier read before a name (`com.cisco.jtapi.extensions.CiscoJtapiException.`
/// is 47 bytes).
const MAX_QUALIFIER: usize = 128;

/// Where a qualifying `Class.` or `pkg.Class.` before `at` (the `.` at `at - 1`) starts.
fn qualifier_start(bytes: &[u8], at: usize) -> usize {
    let mut start = at;
    // Bounded: a line of dotted names must not make every hit walk back over all of them.
    while start > 0
        && at - start < MAX_QUALIFIER
        && (is_ident(bytes[start - 1]) || bytes[start - 1] == b'.')
    {
        start -= 1;
    }
    start
}

/// A prefixed symbol, possibly qualified (`CiscoJtapiException.CTIERR_TIMEOUT`).
fn symbol(bytes: &[u8], start: usize) -> Option<Decoded> {
    if start > 0 && is_ident(bytes[start - 1]) {
        return None;
    }
    let end = ident_end(bytes, start);
    let (from, how) = if start > 1 && bytes[start - 1] == b'.' && is_ident(bytes[start - 2]) {
        (qualifier_start(bytes, start), How::Qualified)
    } else {
        (start, How::Symbol)
    };
    let text = core::str::from_utf8(&bytes[from..end]).ok()?;
    named(text).map(|finding| (from..end, how, finding))
}

/// A name in a printed spelling (`EC_NEW_CALL`): its entries by the exact names (which hold
/// every name in the spellings logs print), or nothing, never unknown.
fn spelled(bytes: &[u8], start: usize) -> Option<Decoded> {
    if start > 0 && is_ident(bytes[start - 1]) {
        return None;
    }
    let end = ident_end(bytes, start);
    let text = core::str::from_utf8(&bytes[start..end]).ok()?;
    let mut found = super::Entries::new();
    for info in crate::lookup_symbol_all(text) {
        found.push(info);
    }
    (!found.is_empty()).then_some((start..end, How::Symbol, super::Finding::Known(found)))
}

/// `...Exception.NAME` / `...Ev.NAME`: a JTAPI constant, reported only when known (a
/// capitalised word after a sentence's "Exception." is no code).
fn qualified(bytes: &[u8], start: usize, end: usize) -> Option<Decoded> {
    let first = *bytes.get(end)?;
    if !first.is_ascii_uppercase() || start == 0 || !is_ident(bytes[start - 1]) {
        return None;
    }
    let stop = ident_end(bytes, end);
    let constant = &bytes[end..stop];
    if constant.iter().any(u8::is_ascii_lowercase) || constant.len() < 2 {
        return None;
    }
    let from = qualifier_start(bytes, start);
    let text = core::str::from_utf8(&bytes[from..stop]).ok()?;
    match named(text)? {
        found @ super::Finding::Known(_) => Some((from..stop, How::Qualified, found)),
        // A prefixed unknown is reported by its prefix anchor, as a symbol.
        _ => None,
    }
}

/// An 8-digit `0x8CCC....` word that is a known code, outside code listings and dumps.
fn hex(bytes: &[u8], facts: &Facts, start: usize) -> Option<Decoded> {
    if start > 0 && (is_ident(bytes[start - 1]) || matches!(bytes[start - 1], b'$' | b'#')) {
        return None;
    }
    let end = start + 10;
    let digits = bytes.get(start + 2..end)?;
    if !digits.iter().all(u8::is_ascii_hexdigit) || bytes.get(end).is_some_and(|&b| is_ident(b)) {
        return None;
    }
    if looks_like_listing(bytes, facts, start) || *facts.dump.get_or_init(|| is_dump(bytes)) {
        return None;
    }
    let text = core::str::from_utf8(digits).ok()?;
    let code = u32::from_str_radix(text, 16).ok()? as i32;
    let info = lookup(Family::UnifiedCm, code)?;
    let mut found = super::Entries::new();
    found.push(info);
    Some((start..end, How::Hex, super::Finding::Known(found)))
}

/// Registers and mnemonics that put a line in a disassembly listing.
const ASM_WORDS: &[&str] = &[
    "mov", "movl", "movq", "movabs", "cmp", "cmpl", "cmpq", "push", "pushq", "and", "andl", "or",
    "orl", "xor", "xorl", "test", "testl", "lea", "sub", "subl", "add", "addl", "ldr", "li", "lis",
    "ori", "eax", "ebx", "ecx", "edx", "esi", "edi", "rax", "rbx", "rcx", "rdx", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r0", "r1", "r2", "r3", "w0", "w1", "x0", "x1", "dword", "ptr",
    "imm",
];

/// Whether the hex word at `at` is an operand in a disassembly listing rather than a logged
/// code (the address column is looked at once per line).
fn looks_like_listing(bytes: &[u8], facts: &Facts, at: usize) -> bool {
    if *facts.address.get_or_init(|| has_address_column(bytes)) {
        return true;
    }
    // The word before the operand (skipping one comma): a register or mnemonic.
    let before = bytes[..at].trim_ascii_end();
    let before = before.strip_suffix(b",").unwrap_or(before).trim_ascii_end();
    let word_start = before
        .iter()
        .rposition(|&b| !is_ident(b))
        .map_or(0, |i| i + 1);
    let word = &before[word_start..];
    if ASM_WORDS
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
    {
        return true;
    }
    false
}

/// An address column: `0x0000555555555131 <+8>:` (gdb) or an indented `401126:<TAB>`
/// (objdump). A log's decimal sequence number (`1405: Apr 07 ...`) is neither.
fn has_address_column(bytes: &[u8]) -> bool {
    let indent = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let head = &bytes[indent..];
    if let Some(address) = head.strip_prefix(b"0x") {
        let digits = address.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        let rest = address[digits..].trim_ascii_start();
        digits >= 8 && (rest.starts_with(b":") || rest.starts_with(b"<"))
    } else if indent > 0 {
        let digits = head.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        digits >= 4 && head[digits..].starts_with(b":\t")
    } else {
        false
    }
}

/// A memory dump: three or more 8-digit hex words on the line that are not CTI error values
/// nor a named field's value (`PGStatus:0x00000003`, `mask=0000ffff`).
fn is_dump(bytes: &[u8]) -> bool {
    let mut others = 0;
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let boundary = i == 0 || !(is_ident(bytes[i - 1]) || matches!(bytes[i - 1], b':' | b'='));
        let mut from = i;
        if bytes[i..].starts_with(b"0x") || bytes[i..].starts_with(b"0X") {
            from = i + 2;
        }
        let run = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        let code_like =
            bytes[from..].len() >= 4 && bytes[from..from + 4].eq_ignore_ascii_case(b"8ccc");
        if boundary && run == 8 && !code_like && !bytes.get(from + 8).is_some_and(|&b| is_ident(b))
        {
            others += 1;
            i = from + 8;
            continue;
        }
        i += 1;
    }
    others >= 3
}

/// The field names accepted around the anchors, ASCII case ignored.
const FIELD_NAMES: &[(&str, Field)] = &[
    ("errordata", Field::ErrorData),
    ("peripheralerrorcode", Field::PeripheralErrorCode),
    ("failurecode", Field::FailureCode),
    ("reasoncode", Field::ReasonCode),
    ("eventreasoncode", Field::ReasonCode),
    ("reason", Field::JtapiReason),
    ("eventcause", Field::EventCause),
    ("origcause_value", Field::CdrCause),
    ("destcause_value", Field::CdrCause),
    ("callresult", Field::CallResult),
    ("pgstatus", Field::PgStatus),
    ("systemeventid", Field::SystemEvent),
];

/// A field name followed by a number.
fn field(
    line: &Line<'_>,
    facts: &Facts,
    field: Field,
    start: usize,
    end: usize,
) -> Option<Decoded> {
    let (span, text) = field_value(line, field, start, end)?;
    let bytes = line.bytes;
    let hint = match field {
        Field::ErrorData => *facts.family.get_or_init(|| line_family(bytes)),
        Field::FailureCode => *facts.event.get_or_init(|| event_family(bytes, line.after)),
        _ => None,
    };
    numbered(field, text, hint).map(|finding| (span, How::Field, finding))
}

/// The field at an anchor, when its whole name is one of [`FIELD_NAMES`] and a value follows:
/// the span from the name to the value's end, and the value's text.
fn field_value<'a>(
    line: &Line<'a>,
    field: Field,
    start: usize,
    end: usize,
) -> Option<(Range<usize>, &'a str)> {
    let bytes = line.bytes;
    // The whole word the anchor is part of.
    let name_end = if field == Field::JtapiReason {
        start + 6
    } else {
        end
    };
    let mut name_start = start;
    // No field name is longer than 32 letters: stop there (a long run of letters is no field).
    while name_start > 0 && start - name_start < 32 && bytes[name_start - 1].is_ascii_alphabetic() {
        name_start -= 1;
    }
    if name_start > 0 && is_ident(bytes[name_start - 1]) {
        return None;
    }
    let name = &bytes[name_start..name_end];
    let known = FIELD_NAMES
        .iter()
        .any(|&(n, f)| f == field && name.eq_ignore_ascii_case(n.as_bytes()));
    if !known {
        return None;
    }
    let hex_too = matches!(field, Field::JtapiReason | Field::PgStatus);
    let value = value_after(bytes, name_end, hex_too)?;
    let text = core::str::from_utf8(&bytes[value.clone()]).ok()?;
    Some((name_start..value.end, text))
}

/// The number after a field name: one separator (`=`, `:`, `>`, `&gt;`) with optional spaces
/// and quotes around it, then a signed decimal (or, for `hex_too`, `0x` and hex digits).
fn value_after(bytes: &[u8], mut at: usize, hex_too: bool) -> Option<Range<usize>> {
    let skip = |bytes: &[u8], mut at: usize| {
        while at < bytes.len() && matches!(bytes[at], b' ' | b'\t' | b'"' | b'\'') {
            at += 1;
        }
        at
    };
    at = skip(bytes, at);
    match bytes.get(at)? {
        b'=' | b':' | b'>' => at += 1,
        b'&' if bytes[at..].starts_with(b"&gt;") => at += 4,
        _ => return None,
    }
    at = skip(bytes, at);
    let start = at;
    let end = if hex_too && (bytes[at..].starts_with(b"0x") || bytes[at..].starts_with(b"0X")) {
        let digits = bytes[at + 2..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        at + 2 + digits
    } else {
        let sign = usize::from(bytes.get(at) == Some(&b'-'));
        let digits = bytes[at + sign..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 11 {
            return None;
        }
        at + sign + digits
    };
    if end == start || bytes.get(end).is_some_and(|&b| is_ident(b) || b == b'.') {
        return None;
    }
    // `field=8 (RESERVED)`: a state enum printed with its name, not an error code.
    let rest = &bytes[end..];
    if rest.starts_with(b" (") && rest.get(2).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    Some(start..end)
}

/// The family of the first prefixed symbol on the line (what an `ErrorData` number is in).
fn line_family(bytes: &[u8]) -> Option<Family> {
    prefixes()
        .iter()
        .filter_map(|&(prefix, family)| {
            memmem::find_iter(bytes, prefix.as_bytes())
                .find(|&i| i == 0 || !is_ident(bytes[i - 1]))
                .map(|i| (i, family))
        })
        .min_by_key(|&(i, _)| i)
        .map(|(_, family)| family)
}

/// The family a CTI OS record's event name gives its `FailureCode`: from `MessageID:` on the
/// line or on the record's next lines (up to [`LOOK_LINES`], until a line starts with a digit,
/// the next record's timestamp).
fn event_family(bytes: &[u8], after: &[u8]) -> Option<Family> {
    if let Some(event) = message_id(bytes) {
        return family_of_event(event);
    }
    for next in after.split(|&b| b == b'\n').take(LOOK_LINES) {
        if next.first().is_some_and(u8::is_ascii_digit) {
            break;
        }
        if let Some(event) = message_id(next) {
            return family_of_event(event);
        }
    }
    None
}

fn message_id(bytes: &[u8]) -> Option<&[u8]> {
    let at = memmem::find(bytes, b"MessageID:")? + 10;
    let name = &bytes[at..];
    let len = name
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    Some(&name[..len])
}

/// CTI OS event names: `eControlFailureConf` carries CF codes, `eCTIOSFailureEvent` (the
/// OnCTIOSFailure event) the CIL's `enumCTIOS_FailureCode` (`ctios_failure`, per the CTI OS
/// Developer Guide), the CTI Server's `eFailureConf` / `eFailureEvent` its status codes.
fn family_of_event(event: &[u8]) -> Option<Family> {
    let has = |word: &[u8]| {
        event
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    if has(b"ControlFailure") {
        Some(Family::CtiControlFailure)
    } else if has(b"CTIOSFailure") {
        Some(Family::CtiosFailure)
    } else if event.eq_ignore_ascii_case(b"eFailureConf")
        || event.eq_ignore_ascii_case(b"eFailureEvent")
    {
        Some(Family::CtiStatus)
    } else {
        None
    }
}
