//! Every known code in whole logs (feature `scan`).
//!
//! A Finesse, CTI Server, PG, CTI OS, JTAPI or Openfire log is read line by line; each code
//! it names is reported with its line, byte offset and span, how it was recognised and the
//! knowledge-base entry, or every candidate entry when the text fits several. Input may come
//! in chunks split anywhere ([`Scanner`]); a whole buffer is read by [`scan`].
//!
//! ```
//! use finesse_errors::scan::{scan, How};
//! use finesse_errors::Family;
//!
//! let log = b"12:00:01:001 cc-ctisvr SESSION 4: MsgType:FAILURE_CONF (InvokeID:0x2a Status:E_CTI_TIMEOUT)\n\
//!             noise 0x8CCC00 and a count of 265\n";
//! let found: Vec<_> = scan(log).collect();
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].line_number, 1);
//! assert_eq!(found[0].text(), b"E_CTI_TIMEOUT");
//! assert_eq!(found[0].how, How::Symbol);
//! let entry = found[0].entries().next().unwrap();
//! assert_eq!(entry.family(), Family::CtiStatus);
//! ```
//!
//! What is read, and what is not:
//! - symbols with a family prefix (`E_CTI_`, `CF_`, `PERERR_`, `E_ARM_STAT_`, `CTIERR_`,
//!   `CIL_`, `E_CTIOS_`, `CEC_` / `CECX_` and the PIM traces' `EC_`, `PGS_`, `SYS_`, `CCX_`,
//!   `CCM_SIP_`), also qualified (`CiscoJtapiException.CTIERR_TIMEOUT`); a prefixed
//!   token that is no known name is reported as [`Finding::Unknown`] in its family;
//! - qualified JTAPI constants without prefix (`CiscoTermRegistrationFailedEv.TIMEOUT`);
//! - numbers only after a field that names their family (`ErrorData`, `peripheralErrorCode`,
//!   CTI OS `FailureCode` with the record's event name, `reasonCode` / `eventReasonCode`,
//!   JTAPI `reason =`, and for calls `EventCause`, `origCause_value` / `destCause_value`,
//!   `CallResult`, `SystemEventID`, `PGStatus`); a zero there means "no detail" and a number
//!   followed by `(NAME)` is a state enum, neither is reported; a call outcome that is no
//!   failure (a normal clearing, a transfer: [`Category::is_failure`](crate::Category::is_failure))
//!   is in every call's record and is not reported either; a `PGStatus` value is a set of
//!   flags and gives one match per flag (and an unknown one for bits no table names);
//! - CSV exports whose header names a code column (a Unified CM CDR file's
//!   `origCause_value` / `destCause_value`, an Outbound Option `Dialer_Detail` export's
//!   `CallResult`): every row after the header with as many fields is read by column, until
//!   a line that is no such row;
//! - exactly 8-digit `0x8CCC....` words that are known codes, outside disassembly and memory
//!   dumps;
//! - XMPP conditions: namespaced condition elements, BOSH `condition='...'` on a terminate
//!   body, `StreamError: <condition>`, `SASLError using <mechanism>: <condition>`;
//! - a Finesse response embedded in a line (`ApiErrors`, an escaped `Update`, the desktop
//!   log's JSON `content`), handed to [`explain`](crate::explain::explain) and reported as one
//!   [`Finding::Diagnosis`].
//!
//! Bounds: a line longer than [`MAX_LINE_LEN`] is read in windows of that size overlapping by
//! [`WINDOW_OVERLAP`] bytes, so every match shorter than the overlap is found once; memory is
//! a few such windows whatever the input.

mod anchor;
mod block;
mod columns;
mod line;
mod resolve;
mod response;
mod stream;
mod xmpp;

pub use stream::{MAX_LINE_LEN, Scan, Scanner, WINDOW_OVERLAP, scan};

use crate::explain::Diagnosis;
use crate::{ErrorInfo, Family};
use alloc::boxed::Box;
use core::ops::Range;

/// How a match was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum How {
    /// A symbol with its family prefix (`E_CTI_TIMEOUT`).
    Symbol,
    /// A qualified name (`CiscoJtapiException.CTIERR_TIMEOUT`, `...FailedEv.TIMEOUT`).
    Qualified,
    /// A number after a field that names its family (`peripheralErrorCode=10125`), or in a
    /// CSV column whose header names it (the span is then the number alone).
    Field,
    /// An 8-digit `0x8CCC....` value.
    Hex,
    /// An XMPP error condition.
    Xmpp,
    /// A Finesse response embedded in the line, diagnosed as a whole.
    Response,
}

impl How {
    /// A snake_case name for output (`symbol`, `qualified`, `field`, `hex`, `xmpp`,
    /// `response`).
    ///
    /// ```
    /// assert_eq!(finesse_errors::scan::How::Field.name(), "field");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            How::Symbol => "symbol",
            How::Qualified => "qualified",
            How::Field => "field",
            How::Hex => "hex",
            How::Xmpp => "xmpp",
            How::Response => "response",
        }
    }
}

/// The most candidate entries one match keeps. No name or number in the knowledge base has
/// more (a test checks it).
pub const MAX_CANDIDATES: usize = 16;

/// The entries one match points at: one, or every candidate when the text fits several.
/// Kept inline, so a match allocates nothing.
///
/// ```
/// use finesse_errors::scan::scan;
///
/// let found: Vec<_> = scan(b"<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>\n").collect();
/// let symbols: Vec<&str> = found[0].entries().map(|info| info.symbol()).collect();
/// assert_eq!(symbols, ["stream:conflict"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entries {
    items: [Option<&'static ErrorInfo>; MAX_CANDIDATES],
    len: u8,
}

impl Entries {
    pub(crate) const fn new() -> Entries {
        Entries {
            items: [None; MAX_CANDIDATES],
            len: 0,
        }
    }

    /// Adds an entry unless it is already there (or the list is full).
    pub(crate) fn push(&mut self, info: &'static ErrorInfo) {
        let len = usize::from(self.len);
        if len < MAX_CANDIDATES && !self.iter().any(|known| core::ptr::eq(known, info)) {
            self.items[len] = Some(info);
            self.len += 1;
        }
    }

    /// The entries, in knowledge-base order of the lookup that found them.
    pub fn iter(&self) -> impl Iterator<Item = &'static ErrorInfo> + '_ {
        self.items[..usize::from(self.len)]
            .iter()
            .flatten()
            .copied()
    }

    /// How many entries.
    pub const fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there is none.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// What a match found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Finding {
    /// Known entries: exactly one, or every candidate when the text is ambiguous.
    Known(Entries),
    /// A token with this family's prefix (or shape) that names no known code: a newer
    /// release's code or a typo, reported rather than dropped or matched to a neighbour.
    Unknown(Family),
    /// A Finesse response embedded in the line, diagnosed as a whole.
    Diagnosis(Box<Diagnosis>),
}

/// One match in a log.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Match<'a> {
    /// The line's number, from 1.
    pub line_number: u64,
    /// The byte offset of `line` in the whole input.
    pub line_offset: u64,
    /// The line without its line break (for a line longer than [`MAX_LINE_LEN`], the window
    /// of it that holds the match).
    pub line: &'a [u8],
    /// Where the matched text is in `line`.
    pub span: Range<usize>,
    /// How it was recognised.
    pub how: How,
    /// What it is.
    pub finding: Finding,
}

impl<'a> Match<'a> {
    /// The matched text.
    pub fn text(&self) -> &'a [u8] {
        &self.line[self.span.clone()]
    }

    /// The byte offset of the matched text in the whole input.
    pub fn offset(&self) -> u64 {
        self.line_offset + self.span.start as u64
    }

    /// Every entry the match points at: the known entries, or for a diagnosis the basis of
    /// its verdict; nothing for an unknown token.
    pub fn entries(&self) -> impl Iterator<Item = &'static ErrorInfo> + '_ {
        let (known, basis) = match &self.finding {
            Finding::Known(entries) => (Some(entries), None),
            Finding::Diagnosis(d) => (None, d.verdict.basis.map(|link| link.info)),
            Finding::Unknown(_) => (None, None),
        };
        known.into_iter().flat_map(Entries::iter).chain(basis)
    }

    /// Whether the match names at least one known entry.
    pub fn is_known(&self) -> bool {
        self.entries().next().is_some()
    }
}
