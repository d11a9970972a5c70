//! `ErrorInfo`: one row of the knowledge base, as static data.

use crate::{Category, CodeText, Evidence, Family, Layer, Platform, Recovery, Retry};
use core::ffi::CStr;
use core::fmt;

/// A static string viewable as `&str` and as `&CStr` at no cost: both views are literals
/// generated from the same data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Text {
    pub(crate) text: &'static str,
    pub(crate) c_text: &'static CStr,
}

impl Text {
    /// Both views of one text, written by the build as a string literal and a C string
    /// literal of the same characters (`tests/round_trip.rs` checks every entry's pair).
    pub(crate) const fn from_parts(text: &'static str, c_text: &'static CStr) -> Text {
        Text { text, c_text }
    }
}

/// What the knowledge base knows about one error code.
///
/// Every `ErrorInfo` is `&'static`: lookups hand out references into tables generated at build
/// time from `data/*.csv`, so nothing is allocated and nothing needs freeing.
///
/// ```
/// use finesse_errors::{lookup, Family, Retry};
///
/// let info = lookup(Family::CtiControlFailure, 265).expect("a published code");
/// assert_eq!(info.symbol(), "CF_INVALID_AGENT_WORKMODE");
/// assert_eq!(info.family(), Family::CtiControlFailure);
/// assert_eq!(info.code(), Some(265));
/// assert!(!info.message().is_empty());
/// assert!(!info.remediation().is_empty());
/// println!("{}: {} (retry: {})", info.symbol(), info.message(), info.retry());
/// ```
#[derive(Clone, Copy)]
pub struct ErrorInfo {
    family: Family,
    code: Option<i32>,
    http_status: Option<u16>,
    platform: Option<Platform>,
    symbol: Text,
    aliases: Text,
    category: Category,
    retry: Retry,
    layer: Layer,
    message: Text,
    remediation: Text,
    source: Text,
    note: Text,
    recovery: &'static Recovery,
    evidence: Evidence,
    /// Index of the twin entry in `ENTRIES` (a `u16`: the tables stay small).
    twin: Option<u16>,
}

impl ErrorInfo {
    #[allow(clippy::too_many_arguments)]
    pub(crate) const fn new(
        family: Family,
        code: Option<i32>,
        http_status: Option<u16>,
        platform: Option<Platform>,
        symbol: Text,
        aliases: Text,
        category: Category,
        retry: Retry,
        layer: Layer,
        message: Text,
        remediation: Text,
        source: Text,
        note: Text,
        recovery: &'static Recovery,
        evidence: Evidence,
        twin: Option<u16>,
    ) -> ErrorInfo {
        ErrorInfo {
            family,
            code,
            http_status,
            platform,
            symbol,
            aliases,
            category,
            retry,
            layer,
            message,
            remediation,
            source,
            note,
            recovery,
            evidence,
            twin,
        }
    }

    /// How we know what this entry says: a source states it ([`Evidence::Documented`]), it
    /// was seen in a live payload ([`Evidence::Observed`]), or it is our reading of the name
    /// and context ([`Evidence::Inferred`]), in which case the remediation is a likely
    /// explanation rather than a fact.
    ///
    /// ```
    /// use finesse_errors::{all, lookup_symbol, Evidence};
    ///
    /// assert_eq!(lookup_symbol("E_CTI_TIMEOUT").unwrap().evidence(), Evidence::Documented);
    /// assert!(all().iter().any(|info| info.evidence() == Evidence::Inferred));
    /// ```
    pub const fn evidence(&self) -> Evidence {
        self.evidence
    }

    /// The same underlying error in another family, if there is one: the Peripheral Gateway
    /// reports a Unified CM failure as `PERERR_CM_*` (20000 + n) and JTAPI as `CTIERR`
    /// 0x8CCC00nn. Twins agree on retry and category unless their notes say why.
    ///
    /// ```
    /// use finesse_errors::{lookup, Family};
    ///
    /// let pg = lookup(Family::Peripheral, 20004).unwrap();
    /// let jtapi = pg.twin().expect("PERERR_CM_ILLEGAL_HANDLE has a JTAPI twin");
    /// assert_eq!(jtapi.family(), Family::UnifiedCm);
    /// assert_eq!(jtapi.twin(), Some(pg));
    /// assert_eq!(jtapi.retry(), pg.retry());
    /// ```
    pub const fn twin(&self) -> Option<&'static ErrorInfo> {
        match self.twin {
            Some(index) => Some(&crate::all()[index as usize]),
            None => None,
        }
    }

    /// What a program does about this error, with timing: the action, the state to re-read,
    /// the delays, when to fail over or give up, and whether retrying can harm.
    ///
    /// ```
    /// use finesse_errors::{lookup_symbol, Action};
    ///
    /// let plan = lookup_symbol("E_CTI_NEW_SESSION_OPENED").unwrap().recovery();
    /// assert_eq!(plan.action(), Action::Escalate);
    /// assert!(plan.harmful_to_retry(), "a reconnect would knock the other session off");
    /// assert_eq!(plan.delays(1).count(), 0);
    /// ```
    pub const fn recovery(&self) -> &'static Recovery {
        self.recovery
    }

    /// The family (table) this entry belongs to.
    ///
    /// ```
    /// # use finesse_errors::{lookup_symbol, Family};
    /// assert_eq!(lookup_symbol("E_CTI_TIMEOUT").unwrap().family(), Family::CtiStatus);
    /// ```
    pub const fn family(&self) -> Family {
        self.family
    }

    /// The numeric code, if the entry has one (every entry does except most `finesse_api` ones).
    ///
    /// ```
    /// # use finesse_errors::lookup_symbol;
    /// assert_eq!(lookup_symbol("PERERR_UNKNOWN").unwrap().code(), Some(-1));
    /// ```
    pub const fn code(&self) -> Option<i32> {
        self.code
    }

    /// The code as its family writes it: `0x8CCC00D2` for `unified_cm`, decimal elsewhere.
    ///
    /// ```
    /// # use finesse_errors::lookup_symbol;
    /// let restricted = lookup_symbol("CTIERR_DEVICE_RESTRICTED").unwrap();
    /// assert_eq!(restricted.code_text().unwrap().to_string(), "0x8CCC00D2");
    /// assert_eq!(restricted.code(), Some(-1932787502));
    /// ```
    pub const fn code_text(&self) -> Option<CodeText> {
        match self.code {
            Some(code) => Some(CodeText::new(self.family, code)),
            None => None,
        }
    }

    /// The HTTP status Finesse answers with (`finesse_api` entries only).
    ///
    /// ```
    /// # use finesse_errors::finesse_error;
    /// assert_eq!(finesse_error(503, "Service Unavailable").unwrap().http_status(), Some(503));
    /// ```
    pub const fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// The platform a reason code belongs to (`reason_code` entries only): the same number
    /// means different things on Unified CCE and Unified CCX.
    ///
    /// ```
    /// # use finesse_errors::{lookup_all, Family, Platform};
    /// let platforms: Vec<_> = lookup_all(Family::ReasonCode, 32767).map(|i| i.platform()).collect();
    /// assert_eq!(platforms, [Some(Platform::Ucce), Some(Platform::Uccx)]);
    /// ```
    pub const fn platform(&self) -> Option<Platform> {
        self.platform
    }

    /// The canonical symbol as published (`E_CTI_TIMEOUT`, `Invalid State` ...). Empty only for
    /// the few peripheral codes whose name was never published.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// assert_eq!(lookup(Family::CtiStatus, 16).unwrap().symbol(), "E_CTI_TIMEOUT");
    /// ```
    pub const fn symbol(&self) -> &'static str {
        self.symbol.text
    }

    /// Other published spellings of the symbol; [`lookup_symbol`](crate::lookup_symbol)
    /// accepts each of them.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// let info = lookup(Family::CtiControlFailure, 11).unwrap();
    /// assert!(info.aliases().any(|a| a == "CF_INVALID_CSTA_CALL_ID"));
    /// ```
    pub fn aliases(&self) -> core::str::SplitAsciiWhitespace<'static> {
        self.aliases.text.split_ascii_whitespace()
    }

    /// What kind of failure this is.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Category, Family};
    /// assert_eq!(lookup(Family::CtiStatus, 0).unwrap().category(), Category::Success);
    /// ```
    pub const fn category(&self) -> Category {
        self.category
    }

    /// Whether and how to retry.
    ///
    /// ```
    /// # use finesse_errors::{finesse_error, Retry};
    /// assert_eq!(finesse_error(503, "Service Unavailable").unwrap().retry(), Retry::AfterDelay);
    /// ```
    pub const fn retry(&self) -> Retry {
        self.retry
    }

    /// The component that raised the error.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family, Layer};
    /// assert_eq!(lookup(Family::CtiStatus, 16).unwrap().layer(), Layer::CtiServer);
    /// ```
    pub const fn layer(&self) -> Layer {
        self.layer
    }

    /// One sentence saying what happened.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// assert!(lookup(Family::CtiStatus, 16).unwrap().message().ends_with('.'));
    /// ```
    pub const fn message(&self) -> &'static str {
        self.message.text
    }

    /// What an operator or a program should do about it.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// assert!(!lookup(Family::CtiStatus, 16).unwrap().remediation().is_empty());
    /// ```
    pub const fn remediation(&self) -> &'static str {
        self.remediation.text
    }

    /// Where the code is published: space-separated source keys, listed in `data/README.md`.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// assert!(!lookup(Family::CtiStatus, 16).unwrap().source().is_empty());
    /// ```
    pub const fn source(&self) -> &'static str {
        self.source.text
    }

    /// A maintainer's note (source disagreements, inferences), if any.
    ///
    /// ```
    /// # use finesse_errors::all;
    /// assert!(all().iter().any(|info| info.note().is_some()));
    /// ```
    pub const fn note(&self) -> Option<&'static str> {
        if self.note.text.is_empty() {
            None
        } else {
            Some(self.note.text)
        }
    }

    /// The symbol as a NUL-terminated C string (same bytes as [`symbol`](Self::symbol)).
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// let info = lookup(Family::CtiStatus, 16).unwrap();
    /// assert_eq!(info.symbol_c().to_bytes(), info.symbol().as_bytes());
    /// ```
    pub const fn symbol_c(&self) -> &'static CStr {
        self.symbol.c_text
    }

    /// The aliases, space-separated, as a NUL-terminated C string (empty if none).
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// assert_eq!(lookup(Family::CtiStatus, 16).unwrap().aliases_c().to_bytes(), b"");
    /// ```
    pub const fn aliases_c(&self) -> &'static CStr {
        self.aliases.c_text
    }

    /// The message as a NUL-terminated C string.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// let info = lookup(Family::CtiStatus, 16).unwrap();
    /// assert_eq!(info.message_c().to_bytes(), info.message().as_bytes());
    /// ```
    pub const fn message_c(&self) -> &'static CStr {
        self.message.c_text
    }

    /// The remediation as a NUL-terminated C string.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// let info = lookup(Family::CtiStatus, 16).unwrap();
    /// assert_eq!(info.remediation_c().to_bytes(), info.remediation().as_bytes());
    /// ```
    pub const fn remediation_c(&self) -> &'static CStr {
        self.remediation.c_text
    }

    /// The source keys as a NUL-terminated C string.
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// let info = lookup(Family::CtiStatus, 16).unwrap();
    /// assert_eq!(info.source_c().to_bytes(), info.source().as_bytes());
    /// ```
    pub const fn source_c(&self) -> &'static CStr {
        self.source.c_text
    }

    /// The note as a NUL-terminated C string (empty if none).
    ///
    /// ```
    /// # use finesse_errors::{lookup, Family};
    /// let info = lookup(Family::CtiStatus, 16).unwrap();
    /// assert_eq!(info.note_c().to_bytes(), info.note().unwrap_or("").as_bytes());
    /// ```
    pub const fn note_c(&self) -> &'static CStr {
        self.note.c_text
    }
}

impl PartialEq for ErrorInfo {
    /// Two entries are equal when they are the same row: same family and the same key.
    fn eq(&self, other: &Self) -> bool {
        self.family == other.family
            && self.code == other.code
            && self.http_status == other.http_status
            && self.platform == other.platform
            && self.symbol.text == other.symbol.text
    }
}

impl Eq for ErrorInfo {}

impl fmt::Debug for ErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorInfo")
            .field("family", &self.family)
            .field("code", &self.code)
            .field("http_status", &self.http_status)
            .field("platform", &self.platform)
            .field("symbol", &self.symbol())
            .field("category", &self.category)
            .field("retry", &self.retry)
            .field("layer", &self.layer)
            .field("evidence", &self.evidence)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ErrorInfo {
    /// `family code symbol: message`, e.g. `cti_status 16 E_CTI_TIMEOUT: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.family.name())?;
        if let Some(status) = self.http_status {
            write!(f, " {status}")?;
        }
        if let Some(platform) = self.platform {
            write!(f, " {platform}")?;
        }
        if let Some(code) = self.code_text() {
            write!(f, " {code}")?;
        }
        if !self.symbol().is_empty() {
            write!(f, " {}", self.symbol())?;
        }
        write!(f, ": {}", self.message())
    }
}
