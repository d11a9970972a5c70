//! Reads and validates one `data/<family>.csv` file.
//!
//! Compiled into `build.rs` and into `tests/data_validation.rs`, so every rule the build
//! enforces is also tested against malformed fixtures. All problems of a file are reported,
//! each as `data/<file>.csv:<line>: <what is wrong>`.

// First: its `vocabulary!` macro declares the enums of the modules after it.
#[macro_use]
#[path = "../src/vocab.rs"]
pub mod vocab;
#[path = "../src/code.rs"]
pub mod code;
#[path = "../src/family.rs"]
pub mod family;
#[path = "../src/key.rs"]
pub mod key;

use family::{Columns, Symbols};
use serde::Deserialize;
use std::collections::HashMap;
use vocab::{Category, Evidence, Family, Layer, Platform, Retry};

/// A row as it stands in the file, before validation. Columns are matched by header name.
#[derive(Debug, Deserialize)]
struct RawRow {
    #[serde(default)]
    http_status: String,
    #[serde(default)]
    platform: String,
    code: String,
    #[serde(default)]
    hex: String,
    symbol: String,
    aliases: String,
    category: String,
    retry: String,
    layer: String,
    message: String,
    remediation: String,
    source: String,
    note: String,
    evidence: String,
    twin: String,
}

impl RawRow {
    fn fields(&self) -> [(&'static str, &str); 15] {
        [
            ("http_status", &self.http_status),
            ("platform", &self.platform),
            ("code", &self.code),
            ("hex", &self.hex),
            ("symbol", &self.symbol),
            ("aliases", &self.aliases),
            ("category", &self.category),
            ("retry", &self.retry),
            ("layer", &self.layer),
            ("message", &self.message),
            ("remediation", &self.remediation),
            ("source", &self.source),
            ("note", &self.note),
            ("evidence", &self.evidence),
            ("twin", &self.twin),
        ]
    }
}

/// The header of `finesse_api.csv`.
pub const FINESSE_HEADER: &[&str] = &[
    "http_status",
    "code",
    "symbol",
    "aliases",
    "category",
    "retry",
    "layer",
    "message",
    "remediation",
    "source",
    "note",
    "evidence",
    "twin",
];

/// The header of `reason_code.csv`: the platform qualifies the code.
pub const REASON_HEADER: &[&str] = &[
    "platform",
    "code",
    "symbol",
    "aliases",
    "category",
    "retry",
    "layer",
    "message",
    "remediation",
    "source",
    "note",
    "evidence",
    "twin",
];

/// The header of every other family's file.
pub const CODE_HEADER: &[&str] = &[
    "code",
    "symbol",
    "aliases",
    "category",
    "retry",
    "layer",
    "message",
    "remediation",
    "source",
    "note",
    "evidence",
    "twin",
];

/// The header of `cucm_cdr_cause.csv`: `hex` after `code`.
pub const HEX_HEADER: &[&str] = &[
    "code",
    "hex",
    "symbol",
    "aliases",
    "category",
    "retry",
    "layer",
    "message",
    "remediation",
    "source",
    "note",
    "evidence",
    "twin",
];

/// The header of `dialer_call_result.csv`: Cisco's per-result facts after the common columns
/// (checked by `build/dialer.rs`).
pub const DIALER_HEADER: &[&str] = &[
    "code",
    "symbol",
    "aliases",
    "category",
    "retry",
    "layer",
    "message",
    "remediation",
    "source",
    "note",
    "evidence",
    "twin",
    "counted_attempt",
    "live_voice",
    "dialer_action",
];

/// Source keys a row may cite (documented in `data/README.md`).
pub const SOURCE_KEYS: &[&str] = &[
    "finesse-api-errors",
    "finesse-devguide-12.5",
    "finesse-rn-12.5",
    "cti-smrg-15.0",
    "cti-smrg-12.6",
    "cti-smrg-8.5",
    "uccx-cti",
    "ctios-12.6",
    "tn26142",
    "arm-spec",
    "live-payload",
    "code-ports",
    "jtapi-15",
    "jtapi-legacy",
    "devnet-support",
    "ctios-devguide-12.5",
    "finesse-js-library",
    "ucce-devref",
    "cisco-doc-220616",
    "cucm-cdr-12.5",
    "cucm-car-12.5",
    "cucm-billing-15",
    "itu-q850",
    "rfc3261",
    "outbound-12.6",
    "csta-tsapi",
    "ucce-acd-avaya-12.6",
    "ctios-devguide-12.6",
    "finesse-dev-docs",
    "finesse-admin-12.0",
    "finesse-admin-12.6",
    "ucce-schema-handbook-12.6",
    "ucce-admin-12.5",
    "finesse-admin-15.0",
    "uccx-reason-codes",
    "rfc6120",
    "rfc7395",
    "xep-0124",
    "xep-0206",
    "xep-0086",
    "openfire",
    "tn98607",
];

const MESSAGE_LEN: std::ops::RangeInclusive<usize> = 10..=200;
const REMEDIATION_LEN: std::ops::RangeInclusive<usize> = 10..=500;

/// One validated row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub family: Family,
    /// 1-based line of the row in its file.
    pub line: u64,
    pub http_status: Option<u16>,
    /// `reason_code` only.
    pub platform: Option<Platform>,
    pub code: Option<i32>,
    pub symbol: String,
    pub aliases: Vec<String>,
    pub category: Category,
    pub retry: Retry,
    pub layer: Layer,
    pub message: String,
    pub remediation: String,
    pub source: String,
    pub note: String,
    pub evidence: Evidence,
    /// The other row of the same underlying error, as `family:key` (see [`twin_key`]); empty
    /// if none.
    pub twin: String,
}

/// The expected header of a family's file.
pub fn header(family: Family) -> &'static [&'static str] {
    match family.spec().columns {
        Columns::HttpStatus => FINESSE_HEADER,
        Columns::Platform => REASON_HEADER,
        Columns::Hex => HEX_HEADER,
        Columns::Dialer => DIALER_HEADER,
        Columns::Common => CODE_HEADER,
    }
}

/// The file name of a family's table, relative to `data/`.
pub fn file_name(family: Family) -> String {
    format!("{}.csv", family.name())
}

/// The 1-based line a record starts on, counted from its byte offset: the csv crate's own
/// line count is one short in files with CRLF line endings.
pub fn line_at(bytes: &[u8], position: Option<&csv::Position>) -> u64 {
    let Some(position) = position else { return 0 };
    let mut start = usize::try_from(position.byte()).map_or(bytes.len(), |b| b.min(bytes.len()));
    // After a CR the reader's position is the LF that ends the line before: step past line
    // endings to the record's first byte.
    while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
        start += 1;
    }
    1 + bytes[..start].iter().filter(|&&b| b == b'\n').count() as u64
}

/// Blank lines, which `data/README.md` forbids and the csv crate would skip without a word
/// (a final line ending is no blank line). LF and CRLF endings alike.
pub fn blank_lines(display: &str, bytes: &[u8]) -> Vec<String> {
    let text = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    text.split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| {
            line.strip_suffix(b"\r")
                .unwrap_or(line)
                .trim_ascii()
                .is_empty()
        })
        .map(|(i, _)| {
            format!(
                "{display}:{}: blank line (data/README.md: no blank lines)",
                i + 1
            )
        })
        .collect()
}

/// Parses and validates one family's CSV text. `display` is the path used in messages.
pub fn parse(family: Family, display: &str, bytes: &[u8]) -> Result<Vec<Row>, Vec<String>> {
    let mut errors = blank_lines(display, bytes);
    let mut rows = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let expected = header(family);
    let header_record = csv::StringRecord::from(expected.to_vec());
    let mut records = reader.byte_records();

    match records.next() {
        None => {
            return Err(vec![format!(
                "{display}:1: the file is empty; expected the header"
            )]);
        }
        Some(Err(e)) => return Err(vec![format!("{display}:1: unreadable header: {e}")]),
        Some(Ok(head)) => {
            let found: Vec<String> = head
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            if found != expected {
                return Err(vec![format!(
                    "{display}:1: wrong header: expected `{}`, found `{}`",
                    expected.join(","),
                    found.join(",")
                )]);
            }
        }
    }

    let mut records_seen = 0usize;
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = line_at(bytes, e.position());
                errors.push(format!("{display}:{line}: unreadable CSV: {e}"));
                continue;
            }
        };
        let line = line_at(bytes, record.position());
        let at = |what: String| format!("{display}:{line}: {what}");
        records_seen += 1;
        if record.len() != expected.len() {
            errors.push(at(format!(
                "wrong column count: expected {}, found {}",
                expected.len(),
                record.len()
            )));
            continue;
        }
        let invalid: Vec<&str> = expected
            .iter()
            .zip(record.iter())
            .filter(|(_, raw)| std::str::from_utf8(raw).is_err())
            .map(|(column, _)| *column)
            .collect();
        if !invalid.is_empty() {
            for column in invalid {
                errors.push(at(format!("column `{column}` is not valid UTF-8")));
            }
            continue;
        }
        let raw: RawRow = match csv::StringRecord::from_byte_record(record)
            .map_err(|e| e.to_string())
            .and_then(|r| {
                r.deserialize(Some(&header_record))
                    .map_err(|e| e.to_string())
            }) {
            Ok(raw) => raw,
            Err(e) => {
                errors.push(at(format!("unreadable row: {e}")));
                continue;
            }
        };
        match validate_row(family, line, &raw) {
            Ok(row) => rows.push(row),
            Err(mut problems) => errors.extend(problems.drain(..).map(at)),
        }
    }

    if records_seen == 0 && errors.is_empty() {
        errors.push(format!(
            "{display}:1: the header has no rows after it; a family needs at least one entry"
        ));
    }
    check_uniqueness(display, &rows, &mut errors);
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn validate_row(family: Family, line: u64, raw: &RawRow) -> Result<Row, Vec<String>> {
    let mut problems = Vec::new();
    let field: HashMap<&str, &str> = raw.fields().into_iter().collect();
    for (column, value) in raw.fields() {
        if value
            .chars()
            .any(|c| matches!(c, '\n' | '\r' | '\t' | '\0'))
        {
            problems.push(format!(
                "column `{column}` contains a line break, tab or NUL"
            ));
        }
    }

    let http_status = if family.spec().columns == Columns::HttpStatus {
        match field["http_status"].parse::<u16>() {
            Ok(s) if (100..=599).contains(&s) => Some(s),
            _ => {
                problems.push(format!(
                    "bad number in `http_status`: `{}` (expected an HTTP status 100..=599)",
                    field["http_status"]
                ));
                None
            }
        }
    } else {
        None
    };

    let platform = if family.spec().columns == Columns::Platform {
        parse_vocabulary::<Platform>(field["platform"], &mut problems)
    } else {
        None
    };

    let code = match field["code"] {
        // Finesse error types and XMPP conditions are names, not numbers.
        "" if family.keyed_by_name() => None,
        "" => {
            problems.push("`code` is empty; every row of this family needs a number".to_string());
            None
        }
        text => match code::parse_code(family, text) {
            // One canonical spelling per code, so the file can be searched and diffed.
            Some(n) if code::CodeText::new(family, n).to_string() == text => Some(n),
            Some(n) => {
                problems.push(format!(
                    "`code` `{text}` is not in canonical form: write `{}`",
                    code::CodeText::new(family, n)
                ));
                None
            }
            None if code::is_hex_family(family) => {
                problems.push(format!(
                    "bad number in `code`: `{text}` (expected `0x` and 8 upper-case hex digits)"
                ));
                None
            }
            None => {
                problems.push(format!("bad number in `code`: `{text}`"));
                None
            }
        },
    };

    if family.spec().columns == Columns::Hex {
        check_hex_column(field["hex"], code, &mut problems);
    }

    let symbol = field["symbol"].to_string();
    if symbol.is_empty() {
        // Cisco lists some peripheral and reason codes without a name.
        if !family.spec().symbol_optional {
            problems.push("`symbol` is empty".to_string());
        }
    } else if let Err(why) = check_symbol(family, &symbol) {
        problems.push(format!("symbol `{symbol}` {why}"));
    }
    let aliases: Vec<String> = if field["aliases"].is_empty() {
        Vec::new()
    } else {
        field["aliases"].split(' ').map(str::to_string).collect()
    };
    for alias in &aliases {
        if matches!(
            family.spec().symbols,
            Symbols::ErrorType | Symbols::Label | Symbols::PrefixedOrLabel
        ) && alias.contains(' ')
        {
            problems.push(format!("alias `{alias}` contains a space"));
        } else if let Err(why) = check_alias(family, alias) {
            problems.push(format!("alias `{alias}` {why}"));
        }
    }
    if !aliases.is_empty() && symbol.is_empty() {
        problems.push("aliases given for a row without a symbol".to_string());
    }

    let category: Option<Category> = parse_vocabulary(field["category"], &mut problems);
    let retry: Option<Retry> = parse_vocabulary(field["retry"], &mut problems);
    let layer: Option<Layer> = parse_vocabulary(field["layer"], &mut problems);

    let message = field["message"].to_string();
    check_text("message", &message, MESSAGE_LEN, &mut problems);
    if !message.is_empty() && !message.ends_with('.') {
        problems.push("`message` must be one sentence ending with `.`".to_string());
    }
    let remediation = field["remediation"].to_string();
    check_text("remediation", &remediation, REMEDIATION_LEN, &mut problems);

    let source = field["source"].to_string();
    if source.is_empty() {
        problems.push("`source` is empty; cite at least one source key".to_string());
    }
    for key in source
        .split(' ')
        .filter(|k| !source.is_empty() || !k.is_empty())
    {
        if !SOURCE_KEYS.contains(&key) {
            problems.push(format!(
                "unknown source key `{key}`; expected some of: {}",
                SOURCE_KEYS.join(", ")
            ));
        }
    }
    let note = field["note"].to_string();
    if note.trim() != note {
        problems.push("`note` has leading or trailing spaces".to_string());
    }
    let evidence: Option<Evidence> = parse_vocabulary(field["evidence"], &mut problems);
    if evidence == Some(Evidence::Observed) && !source.split(' ').any(|k| k == "live-payload") {
        problems.push("evidence `observed` needs the source key `live-payload`".to_string());
    }
    let twin = field["twin"].to_string();
    if !twin.is_empty() {
        match twin.split_once(':').map(|(f, k)| (Family::from_name(f), k)) {
            Some((Some(_), key)) if !key.is_empty() => {}
            _ => problems.push(format!(
                "twin `{twin}` is not `family:key` (e.g. `unified_cm:0x8CCC0004`)"
            )),
        }
    }

    match (category, retry, layer, evidence, problems.is_empty()) {
        (Some(category), Some(retry), Some(layer), Some(evidence), true) => Ok(Row {
            family,
            line,
            http_status,
            platform,
            code,
            symbol,
            aliases,
            category,
            retry,
            layer,
            message,
            remediation,
            source,
            note,
            evidence,
            twin,
        }),
        _ => Err(problems),
    }
}

/// A category, retry or layer name; an unknown one is reported with the names it could be.
fn parse_vocabulary<T>(value: &str, problems: &mut Vec<String>) -> Option<T>
where
    T: std::str::FromStr<Err = vocab::ParseNameError>,
{
    value
        .parse()
        .map_err(|e: vocab::ParseNameError| {
            problems.push(format!(
                "unknown {} `{value}`; expected one of: {}",
                e.kind(),
                e.expected().join(", ")
            ))
        })
        .ok()
}

/// The `hex` column of a family stored in decimal: empty, or `0x` and 8 upper-case hex
/// digits that are the same 32 bits as `code` (Cisco's CDR table prints one decimal that its
/// own hex contradicts; the data keeps the hex's value and says so in `note`).
fn check_hex_column(hex: &str, code: Option<i32>, problems: &mut Vec<String>) {
    if hex.is_empty() {
        return;
    }
    let digits = hex.strip_prefix("0x").filter(|d| {
        d.len() == 8
            && d.bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
    });
    match (digits.and_then(|d| u32::from_str_radix(d, 16).ok()), code) {
        (None, _) => problems.push(format!(
            "`hex` `{hex}` is not `0x` and 8 upper-case hex digits"
        )),
        (Some(bits), Some(code)) if bits != code as u32 => problems.push(format!(
            "`hex` {hex} is {bits} in decimal, but `code` is {}: the two must be the same value",
            code as u32
        )),
        _ => {}
    }
}

fn check_text(
    column: &str,
    text: &str,
    len: std::ops::RangeInclusive<usize>,
    problems: &mut Vec<String>,
) {
    if text.trim().is_empty() {
        problems.push(format!("`{column}` is empty"));
    } else if text.trim() != text {
        problems.push(format!("`{column}` has leading or trailing spaces"));
    } else if !len.contains(&text.chars().count()) {
        problems.push(format!(
            "`{column}` has {} characters; expected {}..={}",
            text.chars().count(),
            len.start(),
            len.end()
        ));
    }
}

/// Checks an alias: as a symbol, except that an XMPP alias is the bare condition.
pub fn check_alias(family: Family, alias: &str) -> Result<(), String> {
    if family.spec().symbols == Symbols::XmppPair {
        return check_condition(alias)
            .map_err(|why| format!("{why} (an alias is the bare condition)"));
    }
    check_symbol(family, alias)
}

/// An XMPP condition name: lower-case ASCII words joined by `-`.
fn check_condition(condition: &str) -> Result<(), String> {
    let ok = condition
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase())
        && condition
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-')
        && !condition.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err("is not an XMPP condition name (`[a-z][a-z-]*`)".to_string())
    }
}

/// The kinds of XMPP condition, the prefix of an `xmpp` symbol.
pub const XMPP_KINDS: &[&str] = &["stream", "stanza", "sasl", "bosh"];

/// Checks a symbol or alias against its family's pattern.
pub fn check_symbol(family: Family, symbol: &str) -> Result<(), String> {
    let prefixes: &[&str] = match family.spec().symbols {
        Symbols::ErrorType => return check_error_type(symbol),
        Symbols::PrefixedOrEnumerator if symbol.starts_with('e') => {
            return check_cil_enumerator(symbol);
        }
        Symbols::PrefixedOrLabel if !family.prefixes().iter().any(|p| symbol.starts_with(p)) => {
            return check_label(symbol);
        }
        Symbols::PrefixedOrEnumerator | Symbols::PrefixedOrLabel => family.prefixes(),
        Symbols::Label => return check_label(symbol),
        Symbols::CilEnumerator => return check_cil_enumerator(symbol),
        Symbols::Dotted => return check_dotted_type(symbol),
        Symbols::XmppPair => {
            return match symbol.split_once(':') {
                Some((kind, condition)) if XMPP_KINDS.contains(&kind) => check_condition(condition),
                _ => Err(format!(
                    "is not `kind:condition` with a kind of {}",
                    XMPP_KINDS.join(", ")
                )),
            };
        }
        // JTAPI's constant names: `CTIERR_…` as reported, or the bare Java constant.
        Symbols::Constant => &[""],
        Symbols::Prefixed => family.prefixes(),
    };
    let fits = |prefix: &str| {
        symbol.strip_prefix(prefix).is_some_and(|rest| {
            rest.bytes()
                .next()
                .is_some_and(|b| b.is_ascii_uppercase() || !prefix.is_empty())
                && !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        })
    };
    if prefixes.iter().any(|p| fits(p)) {
        return Ok(());
    }
    // `E_CTI_` adds nothing to `E_`: name only the prefixes no shorter one covers.
    let patterns: Vec<String> = prefixes
        .iter()
        .filter(|p| !prefixes.iter().any(|q| q != *p && p.starts_with(q)))
        .map(|p| {
            if p.is_empty() {
                "[A-Z][A-Z0-9_]*".to_string()
            } else {
                format!("{p}[A-Z0-9_]+")
            }
        })
        .collect();
    Err(format!("does not match `{}`", patterns.join("` or `")))
}

/// A CTI OS CIL enumerator as the developer guide prints it: `e` and a CamelCase word
/// (`eDriverOutOfService`).
fn check_cil_enumerator(symbol: &str) -> Result<(), String> {
    let ok = symbol.strip_prefix('e').is_some_and(|rest| {
        rest.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
            && rest.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    ok.then_some(())
        .ok_or_else(|| "is not a CIL enumerator (`e[A-Z][A-Za-z0-9]*`)".to_string())
}

/// A Unified CCE Administration error type: dotted lower-camel words
/// (`invalidInput.outOfRange`).
fn check_dotted_type(symbol: &str) -> Result<(), String> {
    let word = |w: &str| {
        w.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
            && w.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    let words: Vec<&str> = symbol.split('.').collect();
    (words.len() >= 2 && words.iter().all(|w| word(w)))
        .then_some(())
        .ok_or_else(|| {
            "is not a dotted error type (`[a-z][A-Za-z0-9]*` words joined by `.`)".to_string()
        })
}

/// A reason-code label as published: like an error type, plus `/`, `,` and `&`
/// ("System Failure / Connection Failure").
fn check_label(symbol: &str) -> Result<(), String> {
    check_spaced_name(symbol, b" ._'()-/,&", "a reason-code label")
}

fn check_error_type(symbol: &str) -> Result<(), String> {
    check_spaced_name(symbol, b" ._'()-", "a Finesse error type")
}

/// A name of words: ASCII letters, digits, single spaces and the given punctuation, starting
/// with a letter or digit, no longer than a lookup key.
fn check_spaced_name(symbol: &str, punctuation: &[u8], what: &str) -> Result<(), String> {
    let first_ok = symbol
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric());
    let chars_ok = symbol
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || punctuation.contains(&b));
    if !first_ok || !chars_ok || symbol.ends_with(' ') || symbol.contains("  ") {
        let allowed = String::from_utf8_lossy(punctuation).replace(' ', "");
        return Err(format!(
            "is not {what}: use ASCII letters, digits, single spaces and `{allowed}`, starting with a letter or digit"
        ));
    }
    let mut buf = [0u8; key::MAX_KEY_LEN];
    if key::normalize(symbol.as_bytes(), &mut buf).is_none() {
        return Err(format!("is longer than {} bytes", key::MAX_KEY_LEN));
    }
    Ok(())
}

/// The normalised lookup key of a symbol or alias (see `src/key.rs`).
pub fn lookup_key(name: &str) -> String {
    let mut buf = [0u8; key::MAX_KEY_LEN];
    let len = key::normalize(name.as_bytes(), &mut buf).unwrap_or(0);
    String::from_utf8_lossy(&buf[..len]).into_owned()
}

fn check_uniqueness(display: &str, rows: &[Row], errors: &mut Vec<String>) {
    let mut codes: HashMap<(String, i32), u64> = HashMap::new();
    let mut names: HashMap<(String, String), u64> = HashMap::new();
    for row in rows {
        if let Some(code) = row.code {
            if let Some(first) = codes.insert((code_scope(row), code), row.line) {
                errors.push(format!(
                    "{display}:{}: duplicate code {code}{} (first on line {first})",
                    row.line,
                    scope_text(row)
                ));
            }
        }
        let spellings = std::iter::once(&row.symbol)
            .filter(|s| !s.is_empty())
            .chain(&row.aliases);
        for name in spellings {
            let key = (name_scope(row), lookup_key(name));
            if let Some(first) = names.insert(key, row.line) {
                errors.push(format!(
                    "{display}:{}: duplicate symbol `{name}`{} (first on line {first})",
                    row.line,
                    scope_text(row)
                ));
            }
        }
    }
}

/// Codes are unique per HTTP status (finesse_api) or platform (reason_code).
fn code_scope(row: &Row) -> String {
    format!("{:?}/{:?}", row.http_status, row.platform)
}

/// Names are unique per HTTP status (finesse_api), per XMPP kind (a bare condition is an
/// alias of every kind that defines it), and not at all for reason-code labels (one platform
/// can give two codes the same label, as Unified CCE did when 32762 became 50006).
fn name_scope(row: &Row) -> String {
    let spec = row.family.spec();
    if spec.symbols == Symbols::XmppPair {
        row.symbol.split(':').next().unwrap_or("").to_string()
    } else if spec.columns == Columns::Platform {
        format!("{:?}/{:?}", row.platform, row.code)
    } else {
        format!("{:?}", row.http_status)
    }
}

fn scope_text(row: &Row) -> String {
    match (row.http_status, row.platform) {
        (Some(status), _) => format!(" for HTTP {status}"),
        (_, Some(platform)) => format!(" for platform {platform}"),
        _ => String::new(),
    }
}
