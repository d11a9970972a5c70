//! Names and numbers as software prints them, resolved to every entry they can stand for.
//!
//! The exact lookups ([`lookup_symbol`](crate::lookup_symbol), [`lookup`](crate::lookup))
//! answer a published symbol or a code in a known family. Logs and client libraries print
//! more: the constant without its family prefix (`INVALID_AGENT_WORKMODE`), qualified by a
//! class (`ControlFailureCode.INVALID_AGENT_WORKMODE`, `CiscoJtapiException.CTIERR_TIMEOUT`),
//! in CamelCase (`CFInvalidAgentWorkmode`), or a bare number that several families use.
//! [`resolve`] reads all of these and gives **every** entry the text can stand for, ranked by
//! how it matched; it never picks one family by table order.

use crate::entry::ErrorInfo;
use crate::key::MAX_KEY_LEN;
use crate::lookup::{Runs, probe};
use crate::tables::{ENTRIES, FAMILY_RANGES, LOOSE_TABLE, SYMBOL_TABLE, code_index};
use crate::{Family, parse_code};
use core::fmt;
use core::iter::FusedIterator;
use core::slice;

/// How a candidate of a [`Resolution`] matched the text, best first.
///
/// ```
/// use finesse_errors::{resolve, Form};
///
/// let forms: Vec<Form> = resolve("TIMEOUT").map(|c| c.form()).collect();
/// assert!(forms.contains(&Form::Unprefixed));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
#[repr(u32)]
pub enum Form {
    /// The text is a code, in a form its family writes codes in.
    Code = 0,
    /// The text is the entry's published symbol or one of its aliases.
    Symbol = 1,
    /// The text is the entry's symbol or alias without its family's prefix
    /// (`INVALID_AGENT_WORKMODE` for `CF_INVALID_AGENT_WORKMODE`).
    Unprefixed = 2,
    /// The text is CamelCase and spells the entry's symbol or alias, with or without its
    /// prefix, once case and underscores are ignored (`CFInvalidAgentWorkMode`,
    /// `ECtiTimeout`).
    CamelCase = 3,
}

impl Form {
    /// Every form, best first.
    pub const ALL: &'static [Form] = &[Form::Code, Form::Symbol, Form::Unprefixed, Form::CamelCase];

    /// The snake_case name (`code`, `symbol`, `unprefixed`), as JSON and the CLI print it.
    ///
    /// ```
    /// assert_eq!(finesse_errors::Form::Unprefixed.name(), "unprefixed");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Form::Code => "code",
            Form::Symbol => "symbol",
            Form::Unprefixed => "unprefixed",
            Form::CamelCase => "camel_case",
        }
    }
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// One entry a text can stand for, and how it matched.
///
/// ```
/// use finesse_errors::{resolve, Form};
///
/// let candidate = resolve("ControlFailureCode.INVALID_AGENT_WORKMODE").next().unwrap();
/// assert_eq!(candidate.entry().code(), Some(265));
/// assert_eq!(candidate.form(), Form::Unprefixed);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    entry: &'static ErrorInfo,
    form: Form,
}

impl Candidate {
    /// The entry.
    pub const fn entry(&self) -> &'static ErrorInfo {
        self.entry
    }

    /// How the text matched it.
    pub const fn form(&self) -> Form {
        self.form
    }
}

/// Every entry a name or number can stand for, as printed by logs and client libraries.
///
/// The text is trimmed of Unicode whitespace (as every lookup is), then read as:
/// 1. a code, in every family, each in the forms it writes codes in (see
///    [`parse_code`](crate::parse_code)): `265` is a CTI status, a control failure and more;
/// 2. a symbol or alias (ASCII case ignored), and the same name without a family prefix
///    (`TIMEOUT` is `E_CTI_TIMEOUT` and `CTIERR_TIMEOUT`, `DEVICE_RESTRICTED` three entries);
///    a name that a document broke after an underscore (`E_CTI_INVALID_ VERSION`) is read
///    joined;
/// 3. if that finds nothing and the text is qualified (`Class.NAME`, `pkg.Class.NAME`,
///    `Class::NAME`), the name after the qualifier, read in the qualifier's family only when
///    the class is one the family lists in [`Family::qualifiers`];
/// 4. if that finds nothing, a CamelCase name (`CFInvalidAgentWorkMode`, `ECtiTimeout`),
///    compared with every name ignoring case and underscores.
///
/// Candidates come ranked by [`Form`] (code, published symbol, unprefixed, CamelCase), then in
/// [`Family::ALL`] order. Nothing is allocated. A text that matches nothing gives an empty
/// resolution; [`Resolution::unique`] gives an entry only when there is exactly one.
///
/// ```
/// use finesse_errors::{resolve, Family};
///
/// let timeout: Vec<Family> = resolve("TIMEOUT").map(|c| c.entry().family()).collect();
/// assert!(timeout.contains(&Family::CtiStatus) && timeout.contains(&Family::UnifiedCm));
///
/// let jtapi = resolve("CiscoJtapiException.CTIERR_TIMEOUT");
/// assert_eq!(jtapi.qualifier(), Some("CiscoJtapiException"));
/// assert_eq!(jtapi.unique().map(|e| e.symbol()), Some("CTIERR_TIMEOUT"));
///
/// assert_eq!(resolve("CFInvalidAgentWorkMode").unique().and_then(|e| e.code()), Some(265));
/// assert_eq!(resolve("NO_SUCH_THING").count(), 0);
/// ```
pub fn resolve(text: &str) -> Resolution<'_> {
    resolve_as(text, true)
}

/// [`resolve`] without reading the text as a code: for callers that keep only names (it
/// saves a parse per family).
pub(crate) fn resolve_names(text: &str) -> Resolution<'_> {
    resolve_as(text, false)
}

fn resolve_as(text: &str, as_code: bool) -> Resolution<'_> {
    // The one normalisation of every face: any Unicode White_Space around the text.
    let text = crate::key::trim(text);
    let mut codes = CodeCandidates::new(text);
    if !as_code {
        codes.next_family = Family::ALL.len();
    }
    let mut resolution = Resolution {
        codes,
        exact: [].iter(),
        loose: [].iter(),
        camel: [].iter(),
        only: None,
        qualifier: None,
        camel_case: false,
    };
    resolution.read_name(text.as_bytes());
    if !resolution.is_empty() {
        return resolution;
    }
    if let Some((qualifier, name)) = split_qualifier(text) {
        let class = last_segment(qualifier);
        resolution.qualifier = Some(class);
        resolution.only = Family::of_qualifier(class);
        resolution.read_name(name.as_bytes());
        if !resolution.is_empty() {
            return resolution;
        }
        return resolution.camel(name);
    }
    resolution.camel(text)
}

/// The entries of a [`resolve`]: an iterator of [`Candidate`]s, best first.
#[derive(Clone, Debug)]
pub struct Resolution<'a> {
    codes: CodeCandidates<'a>,
    exact: slice::Iter<'static, u16>,
    loose: slice::Iter<'static, u16>,
    camel: slice::Iter<'static, u16>,
    only: Option<Family>,
    qualifier: Option<&'a str>,
    camel_case: bool,
}

impl<'a> Resolution<'a> {
    /// The class the text was qualified by (`CiscoJtapiException` in
    /// `CiscoJtapiException.CTIERR_TIMEOUT`), when the name was read after it.
    ///
    /// ```
    /// use finesse_errors::resolve;
    /// assert_eq!(resolve("com.cisco.jtapi.extensions.CiscoJtapiException.TIMEOUT").qualifier(), Some("CiscoJtapiException"));
    /// assert_eq!(resolve("TIMEOUT").qualifier(), None);
    /// ```
    pub fn qualifier(&self) -> Option<&'a str> {
        self.qualifier
    }

    /// The family the qualifier restricts the candidates to, when it is a class of a known
    /// family ([`Family::qualifiers`]).
    ///
    /// ```
    /// use finesse_errors::{resolve, Family};
    /// assert_eq!(resolve("CiscoJtapiException.TIMEOUT").qualified_family(), Some(Family::UnifiedCm));
    /// ```
    pub fn qualified_family(&self) -> Option<Family> {
        self.only
    }

    /// Whether the name was read as CamelCase (`CFInvalidAgentWorkMode`).
    ///
    /// ```
    /// assert!(finesse_errors::resolve("CFInvalidAgentWorkMode").camel_case());
    /// ```
    pub fn camel_case(&self) -> bool {
        self.camel_case
    }

    /// The one entry the text stands for, or `None` when it stands for none or several.
    ///
    /// ```
    /// use finesse_errors::resolve;
    /// assert_eq!(resolve("CF_INVALID_AGENT_WORKMODE").unique().and_then(|e| e.code()), Some(265));
    /// assert!(resolve("TIMEOUT").unique().is_none(), "two families use the name");
    /// ```
    pub fn unique(&self) -> Option<&'static ErrorInfo> {
        let mut candidates = self.clone();
        let first = candidates.next()?;
        candidates.next().is_none().then_some(first.entry)
    }

    /// Whether the text stands for no entry.
    ///
    /// ```
    /// assert!(finesse_errors::resolve("not a code").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.clone().next().is_none()
    }

    /// Reads a name as a symbol or alias and as an unprefixed constant; a name broken after
    /// an underscore (`E_CTI_INVALID_ VERSION`) is read joined.
    fn read_name(&mut self, name: &[u8]) {
        let mut buf = [0u8; MAX_KEY_LEN];
        let name = match join_broken(name, &mut buf) {
            Some(len) => &buf[..len],
            None => name,
        };
        let first = |runs: Option<Runs>| runs.map_or(&[][..], |r| r.0).iter();
        self.exact = first(probe(&SYMBOL_TABLE, name));
        self.loose = first(probe(&LOOSE_TABLE, name));
    }

    /// Retries an empty resolution with `name` read as CamelCase.
    fn camel(mut self, name: &str) -> Self {
        let mut buf = [0u8; MAX_KEY_LEN];
        if let Some(len) = squash_camel_case(name.as_bytes(), &mut buf) {
            if let Some((_, camel)) = probe(&LOOSE_TABLE, &buf[..len]) {
                self.camel = camel.iter();
                self.camel_case = !self.is_empty();
            }
        }
        self
    }
}

impl Iterator for Resolution<'_> {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        for entry in self.codes.by_ref() {
            if self.only.is_none_or(|family| entry.family() == family) {
                return Some(Candidate {
                    entry,
                    form: Form::Code,
                });
            }
        }
        for (run, form) in [
            (&mut self.exact, Form::Symbol),
            (&mut self.loose, Form::Unprefixed),
            (&mut self.camel, Form::CamelCase),
        ] {
            for &index in run.by_ref() {
                let entry = &ENTRIES[usize::from(index)];
                // A name that is also the entry's code (Finesse's ErrorType `20700`) was
                // already given as a code.
                let given_as_code = self.codes.numeric
                    && entry.code().is_some()
                    && parse_code(entry.family(), self.codes.text) == entry.code();
                if !given_as_code && self.only.is_none_or(|family| entry.family() == family) {
                    return Some(Candidate { entry, form });
                }
            }
        }
        None
    }
}

impl FusedIterator for Resolution<'_> {}

/// The entries of every family that defines a code written as `text`, family by family.
#[derive(Clone, Debug)]
struct CodeCandidates<'a> {
    text: &'a str,
    /// Whether the text can be a number at all.
    numeric: bool,
    next_family: usize,
    run: slice::Iter<'static, ErrorInfo>,
    code: i32,
}

impl<'a> CodeCandidates<'a> {
    fn new(text: &'a str) -> Self {
        // Only text a `parse_code` can read (a sign, decimal or hex digits, `0x`) is tried as a
        // number: a name (`EC_NORMAL_CLEARING` starts like hex) skips the per-family parse.
        let numeric = !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || matches!(b, b'x' | b'X' | b'-' | b'+'));
        CodeCandidates {
            text,
            numeric,
            next_family: if numeric { 0 } else { Family::ALL.len() },
            run: [].iter(),
            code: 0,
        }
    }
}

impl Iterator for CodeCandidates<'_> {
    type Item = &'static ErrorInfo;

    fn next(&mut self) -> Option<&'static ErrorInfo> {
        loop {
            if let Some(entry) = self.run.next() {
                if entry.code() == Some(self.code) {
                    return Some(entry);
                }
                self.run = [].iter();
            }
            let family = *Family::ALL.get(self.next_family)?;
            self.next_family += 1;
            if let Some(code) = parse_code(family, self.text) {
                if let Some(start) = code_index(family, code) {
                    let (_, end) = FAMILY_RANGES[family as usize];
                    self.code = code;
                    self.run = ENTRIES[start..end].iter();
                }
            }
        }
    }
}

impl FusedIterator for CodeCandidates<'_> {}

/// `Class.NAME`, `pkg.Class.NAME` or `Class::NAME`: the qualifier and the name, when both
/// look like identifiers.
fn split_qualifier(text: &str) -> Option<(&str, &str)> {
    let (qualifier, name) = match text.rfind("::") {
        Some(at) => (&text[..at], &text[at + 2..]),
        None => text.rsplit_once('.')?,
    };
    let identifier = |s: &str, extra: &[u8]| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || extra.contains(&b))
    };
    // An XMPP condition after its class (`StreamError.conflict`) keeps its hyphens.
    (identifier(qualifier, b".$:") && identifier(name, b"-")).then_some((qualifier, name))
}

/// The class of a qualifier: its last segment (`CiscoJtapiException` of
/// `com.cisco.jtapi.extensions.CiscoJtapiException`, `Inner` of `Outer$Inner`).
fn last_segment(qualifier: &str) -> &str {
    qualifier
        .rsplit(['.', '$', ':'])
        .next()
        .unwrap_or(qualifier)
}

/// A CamelCase identifier upper-cased (`CFInvalidAgentWorkMode` -> `CFINVALIDAGENTWORKMODE`),
/// the form the loose table keeps every name in with its underscores removed; `None` unless it
/// is ASCII letters and digits in both cases, or when it does not fit.
fn squash_camel_case(name: &[u8], buf: &mut [u8; MAX_KEY_LEN]) -> Option<usize> {
    let mixed = name.iter().any(u8::is_ascii_lowercase) && name.iter().any(u8::is_ascii_uppercase);
    if !mixed || !name.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let target = buf.get_mut(..name.len())?;
    for (to, from) in target.iter_mut().zip(name) {
        *to = from.to_ascii_uppercase();
    }
    Some(name.len())
}

/// A name with the spaces after its underscores removed (`E_CTI_INVALID_ VERSION`, as PDFs
/// break long symbols), or `None` when it has none or does not fit.
fn join_broken(name: &[u8], buf: &mut [u8; MAX_KEY_LEN]) -> Option<usize> {
    if !name.windows(2).any(|w| w == b"_ ") {
        return None;
    }
    let mut len = 0;
    let mut after_underscore = false;
    for &b in name {
        if b == b' ' && after_underscore {
            continue;
        }
        after_underscore = b == b'_';
        *buf.get_mut(len)? = b;
        len += 1;
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn squashed_is(name: &str, expected: Option<&[u8]>) {
        let mut buf = [0u8; MAX_KEY_LEN];
        let found = squash_camel_case(name.as_bytes(), &mut buf).map(|len| &buf[..len]);
        assert_eq!(found, expected, "{name}");
    }

    #[test]
    fn camel_case_words() {
        squashed_is("CFInvalidAgentWorkMode", Some(b"CFINVALIDAGENTWORKMODE"));
        squashed_is("TIMEOUT", None);
        squashed_is("timeout", None);
        squashed_is("Invalid State", None);
    }

    #[test]
    fn broken_names_are_joined() {
        let mut buf = [0u8; MAX_KEY_LEN];
        let len = join_broken(b"E_CTI_INVALID_ VERSION", &mut buf).unwrap();
        assert_eq!(&buf[..len], b"E_CTI_INVALID_VERSION");
        assert_eq!(join_broken(b"Invalid State", &mut buf), None);
    }

    #[test]
    fn qualifiers() {
        assert_eq!(
            split_qualifier("a.b.Class.NAME"),
            Some(("a.b.Class", "NAME"))
        );
        assert_eq!(split_qualifier("Enum::Value"), Some(("Enum", "Value")));
        assert_eq!(split_qualifier("Invalid State."), None);
        assert_eq!(split_qualifier(".NAME"), None);
        assert_eq!(last_segment("a.b.Outer$Inner"), "Inner");
    }
}
