//! Diagnosis of a whole Finesse error response (feature `explain`).
//!
//! Finesse reports a failure as an HTTP status plus an `ApiErrors` XML body, or later as an
//! XMPP `Update` notification (camelCase `apiErrors`, often XML-escaped inside an XMPP
//! `<message>`), or, for the Desktop Interface API, as a loosely JSON body. [`explain`] accepts
//! every one of these forms, links each error to the knowledge base and returns one
//! [`Verdict`]: what failed, which layer raised it, whether and how to retry, what to do.
//!
//! ```
//! use finesse_errors::explain::explain;
//! use finesse_errors::{Family, Retry};
//!
//! let body = br#"<ApiErrors><ApiError>
//!     <ErrorType>Invalid State</ErrorType>
//!     <ErrorMessage>CF_INVALID_AGENT_WORKMODE</ErrorMessage>
//!     <ErrorData>265</ErrorData>
//! </ApiError></ApiErrors>"#;
//! let diagnosis = explain(Some(400), body).unwrap();
//! let basis = diagnosis.verdict.basis.unwrap();
//! // The CTI control failure is more specific than the Finesse error type.
//! assert_eq!(basis.info.family(), Family::CtiControlFailure);
//! assert_eq!(basis.info.code(), Some(265));
//! println!("{}", diagnosis.verdict.summary);
//! ```

mod agent;
mod context;
mod encoding;
mod json;
mod link;
mod scan;
mod system_info;
mod verdict;
mod xml;
mod xmpp;

pub use context::{Context, Method, UnknownMethod};
pub use system_info::{SystemStatus, system_status};

use crate::{Category, ErrorInfo, Layer, Retry};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The largest body [`explain`] reads. Finesse error bodies are a few hundred bytes; anything
/// near this limit is not an error response.
pub const MAX_BODY_LEN: usize = 64 * 1024;

/// The deepest element (or JSON object) nesting [`explain`] follows, counting the elements of
/// an XML-escaped notification inside its envelope and markup Finesse left unescaped inside a
/// field. Deeper input is refused with [`ExplainError::TooDeep`].
pub const MAX_DEPTH: usize = 32;

/// The most XML-escaped `<notification>`s inside one another that [`explain`] reads. Finesse
/// sends one (the `Update` escaped in an XMPP message); every level is unescaped and read
/// again, so a notification nested deeper is skipped and the body is reported
/// [`truncated`](Diagnosis::truncated), which keeps the time per byte flat.
pub const MAX_NOTIFICATION_LEVELS: usize = 3;

/// The most errors [`explain`] keeps from one body. Finesse sends one or two; a body with more
/// is counted in [`Diagnosis::omitted_errors`] instead of kept, so memory stays a small multiple
/// of the input.
pub const MAX_ERRORS: usize = 64;

/// How the body was shaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyForm {
    /// A synchronous REST body: `<ApiErrors><ApiError>…`.
    RestXml,
    /// An XMPP pubsub `Update` document (camelCase `apiErrors`).
    XmppUpdate,
    /// A fragment of an `Update` that starts at `<data>`.
    XmppData,
    /// A whole XMPP `<message>` whose `<notification>` carries the escaped `Update`.
    XmppMessage,
    /// XML of another shape; any `ApiError` elements in it are still read.
    OtherXml,
    /// The Desktop Interface API's JSON-like error body.
    DesktopJson,
    /// A BOSH `<body>` (XEP-0124/0206), e.g. `type="terminate"` with a binding condition or a
    /// wrapped stream error.
    BoshBody,
    /// A bare XMPP `<stream:error>` (WebSocket framing, RFC 7395).
    XmppStreamError,
    /// A SASL `<failure>` (RFC 6120 §6.5).
    SaslFailure,
    /// An XMPP `<iq>`, `<message>` or `<presence>` stanza (of `type="error"` when it failed).
    XmppStanza,
    /// A Finesse `User` document (REST or XMPP update payload).
    User,
    /// A Finesse `Team` document, with the state of each user.
    Team,
    /// An HTML error page (the servlet container's, not Finesse's).
    Html,
    /// No body, or only whitespace.
    Empty,
    /// Anything else (plain text, truncated garbage).
    Unrecognized,
    /// A Unified CCE Administration API error (`/unifiedconfig`): a lower-camel
    /// `<apiErrors>` document of its own with dotted `errorType`s or an `errorDetail`. Not a
    /// Finesse error: its types link to `ucce_config` only.
    UcceAdmin,
    /// The object the Finesse JavaScript library hands a gadget's error callback
    /// (`{status, content, object}`), as gadget logs print it.
    FinesseJs,
}

impl BodyForm {
    /// A snake_case name for output (`rest_xml`, `xmpp_message`, ...).
    pub const fn name(self) -> &'static str {
        match self {
            BodyForm::RestXml => "rest_xml",
            BodyForm::XmppUpdate => "xmpp_update",
            BodyForm::XmppData => "xmpp_data",
            BodyForm::XmppMessage => "xmpp_message",
            BodyForm::OtherXml => "other_xml",
            BodyForm::DesktopJson => "desktop_json",
            BodyForm::BoshBody => "bosh_body",
            BodyForm::XmppStreamError => "xmpp_stream_error",
            BodyForm::SaslFailure => "sasl_failure",
            BodyForm::XmppStanza => "xmpp_stanza",
            BodyForm::User => "user",
            BodyForm::Team => "team",
            BodyForm::Html => "html",
            BodyForm::Empty => "empty",
            BodyForm::Unrecognized => "unrecognized",
            BodyForm::UcceAdmin => "ucce_admin",
            BodyForm::FinesseJs => "finesse_js",
        }
    }
}

/// Which part of an error linked it to a knowledge-base entry. Declared from the most
/// specific to the least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Via {
    /// `peripheralErrorCode`, a `PERERR_*` number.
    PeripheralErrorCode,
    /// `peripheralErrorMsg`, a `PERERR_*` name (or a `CTIERR_*` name or hex value in it).
    PeripheralErrorMsg,
    /// `peripheralErrorText`: a `CTIERR_*` name or `0x8CCC….` value in the text.
    PeripheralErrorText,
    /// `ErrorMessage` naming a code (`CF_*`, `E_CTI_*`, `E_ARM_STAT_*`, `SERVER_OUT_OF_SERVICE`).
    ErrorMessage,
    /// The number in `ErrorData`, read in the family its `ErrorMessage` (or `ErrorMedia`) implies.
    ErrorData,
    /// The Finesse `ErrorType` with the HTTP status.
    ErrorType,
    /// The HTTP status alone.
    HttpStatus,
    /// An XMPP error condition (stream, stanza, SASL or BOSH).
    Condition,
    /// The reason code of an agent's NOT_READY or LOGOUT state.
    ReasonCode,
}

impl Via {
    /// A snake_case name for output (`peripheral_error_code`, `error_type`, ...).
    pub const fn name(self) -> &'static str {
        match self {
            Via::PeripheralErrorCode => "peripheral_error_code",
            Via::PeripheralErrorMsg => "peripheral_error_msg",
            Via::PeripheralErrorText => "peripheral_error_text",
            Via::ErrorMessage => "error_message",
            Via::ErrorData => "error_data",
            Via::ErrorType => "error_type",
            Via::HttpStatus => "http_status",
            Via::Condition => "condition",
            Via::ReasonCode => "reason_code",
        }
    }
}

/// One link from an error to a knowledge-base entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// The entry.
    pub info: &'static ErrorInfo,
    /// What in the response pointed at it.
    pub via: Via,
}

/// One `ApiError` of the response, as sent, with its links (most specific first).
///
/// Fields are `None` when the element was missing, `Some("")` when it was present but empty;
/// values are trimmed, and XML escapes are resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// `ErrorType` / `errorType`.
    pub error_type: Option<String>,
    /// `ErrorMessage` / `errorMessage`.
    pub error_message: Option<String>,
    /// `ErrorData` / `errorData`.
    pub error_data: Option<String>,
    /// `ErrorMedia` / `errorMedia` (Media API: the MRD id).
    pub error_media: Option<String>,
    /// `peripheralErrorCode` (Finesse 12.5(1)+), as sent.
    pub peripheral_error_code: Option<String>,
    /// `peripheralErrorMsg` (Finesse 12.5(1)+).
    pub peripheral_error_msg: Option<String>,
    /// `peripheralErrorText` (Finesse 12.5(1)+).
    pub peripheral_error_text: Option<String>,
    /// For an XMPP error: the condition as a knowledge-base key (`stream:conflict`,
    /// `stanza:item-not-found`, `sasl:not-authorized`, `bosh:item-not-found`).
    pub condition: Option<String>,
    /// Knowledge-base entries this error links to, most specific first.
    pub links: Vec<Link>,
}

impl ApiError {
    /// `peripheralErrorCode` as a number, if it is one.
    pub fn peripheral_code(&self) -> Option<i32> {
        self.peripheral_error_code
            .as_deref()
            .and_then(|c| c.trim().parse().ok())
    }

    pub(crate) fn has_any_field(&self) -> bool {
        [
            &self.error_type,
            &self.error_message,
            &self.error_data,
            &self.error_media,
            &self.peripheral_error_code,
            &self.peripheral_error_msg,
            &self.peripheral_error_text,
            &self.condition,
        ]
        .iter()
        .any(|f| f.is_some())
    }
}

/// An agent found NOT_READY or LOGOUT in a User or Team document, and the reason code that
/// says why. Fields are as sent (trimmed); `None` when the element was missing.
///
/// A code in the `reason_code` table is a system code (the system changed the state, e.g. 255:
/// the desktop lost its connection); such an agent also appears in [`Diagnosis::errors`] with
/// its links. Any other code was chosen by the agent (or the administrator's list) and is not
/// an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AgentState {
    /// `loginId`, when the document has one.
    pub login_id: Option<String>,
    /// `state`: `NOT_READY` or `LOGOUT`.
    pub state: Option<String>,
    /// `reasonCodeId`: Finesse's id of the reason code (`-1`: none).
    pub reason_code_id: Option<String>,
    /// `ReasonCode/code`: the reason code itself.
    pub code: Option<String>,
    /// `ReasonCode/label`.
    pub label: Option<String>,
    /// `ReasonCode/category` (`NOT_READY`, `LOGOUT`).
    pub category: Option<String>,
    /// `ReasonCode/systemCode` (`true` for codes the system defines).
    pub system_code: Option<String>,
    /// The system reason codes this code is (one per platform that defines it, or only the
    /// platform given to [`explain_with`]); empty for an agent-chosen code.
    pub links: Vec<Link>,
}

impl AgentState {
    /// The reason code as a number, if there is one.
    pub fn reason_code(&self) -> Option<i32> {
        self.code.as_deref().and_then(|c| c.trim().parse().ok())
    }

    /// Whether the code is a system reason code (found in the knowledge base).
    pub fn is_system(&self) -> bool {
        !self.links.is_empty()
    }
}

/// The one answer for the whole response.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verdict {
    /// Whether and how to retry.
    pub retry: Retry,
    /// What kind of failure it is.
    pub category: Category,
    /// Which component raised it.
    pub layer: Layer,
    /// The entry the verdict rests on (`None` when nothing in the knowledge base matched and
    /// the verdict comes from the HTTP status class, or there is nothing to go on).
    pub basis: Option<Link>,
    /// The recovery plan that goes with [`retry`](Self::retry), for the Finesse client that
    /// read the response: among the linked entries that carry the verdict, one Finesse
    /// reports itself (an error type, XMPP condition or reason code) is preferred, since a
    /// forwarded CTI, peripheral or JTAPI code's plan is written for that interface's
    /// clients; otherwise the basis entry's, or that of the linked entry the safer verdict
    /// came from. `None` when no linked entry carries the verdict (nothing matched, or the
    /// HTTP method changed it).
    pub recovery: Option<&'static crate::Recovery>,
    /// A linked entry that disagrees with the basis on whether to retry at all (one says
    /// `never`, the other a retrying verdict). When there is one, [`Verdict::retry`] is the
    /// safer of the two (see [`explain`]) and may differ from the basis entry's own.
    pub disagreement: Option<Link>,
    /// One line for people.
    pub summary: String,
    /// Why this entry decided the verdict.
    pub reason: String,
}

impl Verdict {
    /// What to do: the basis entry's remediation, or general advice.
    pub fn remediation(&self) -> &'static str {
        match self.basis {
            Some(link) => link.info.remediation(),
            None if self.category == Category::Success => "Nothing to do.",
            None => match self.retry {
                Retry::AfterDelay => {
                    "Retry with backoff; if it persists, check GET /finesse/api/SystemInfo and the Finesse server logs."
                }
                Retry::NotNeeded => "Nothing to do.",
                Retry::AfterStateChange => {
                    "The server failed and the request may have taken effect: re-read the object's state (GET /finesse/api/User/{id} or /Dialog/{id}) before any resend; if it persists, check GET /finesse/api/SystemInfo and the Finesse server logs."
                }
                _ => {
                    "Check the request against the Finesse API documentation and the Finesse server logs."
                }
            },
        }
    }
}

/// A diagnosed response.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnosis {
    /// The HTTP status given by the caller, or found in the body (Desktop API JSON).
    pub http_status: Option<u16>,
    /// How the body was shaped.
    pub form: BodyForm,
    /// The XMPP `Update`'s `event` (`PUT`, `put` ...), if any.
    pub event: Option<String>,
    /// The XMPP `Update`'s `requestId`, if any.
    pub request_id: Option<String>,
    /// The XMPP `Update`'s `source` (`/finesse/api/User/1001`), if any.
    pub source: Option<String>,
    /// Every `ApiError` of the response, in order.
    pub errors: Vec<ApiError>,
    /// The verdict for the whole response.
    pub verdict: Verdict,
    /// True when the body broke off (or became unreadable) after some errors were read: the
    /// errors read up to that point are kept.
    pub truncated: bool,
    /// Errors found past the first [`MAX_ERRORS`], counted but not kept (0 for any real
    /// Finesse response).
    pub omitted_errors: usize,
    /// Agents found NOT_READY or LOGOUT in a User or Team document, with their reason codes
    /// (at most [`MAX_ERRORS`]). Those with a system code are also in `errors`.
    pub agents: Vec<AgentState>,
    /// A status found with the body that is not the server's and was not used: the Finesse
    /// JavaScript library hands every asynchronous (XMPP) error to a gadget with status 400,
    /// because the real one is unknown. `http_status` is then `None`, and the verdict's
    /// reason says so.
    pub invented_status: Option<u16>,
}

impl Diagnosis {
    /// Whether anything in the response matched the knowledge base.
    pub fn is_known(&self) -> bool {
        self.verdict.basis.is_some()
    }
}

/// Why a body could not be diagnosed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExplainError {
    /// The body is longer than [`MAX_BODY_LEN`].
    TooLarge {
        /// The body's length in bytes.
        len: usize,
    },
    /// Elements or objects nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The body looks like XML but is not readable, and nothing could be read from it.
    Malformed {
        /// Byte offset of the problem.
        position: u64,
        /// What the XML reader said.
        reason: String,
    },
}

impl fmt::Display for ExplainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExplainError::TooLarge { len } => write!(
                f,
                "body of {len} bytes is larger than the {MAX_BODY_LEN}-byte limit for an error response"
            ),
            ExplainError::TooDeep => {
                write!(
                    f,
                    "body nests deeper than {MAX_DEPTH} levels; not a Finesse error response"
                )
            }
            ExplainError::Malformed { position, reason } => {
                write!(f, "unreadable XML at byte {position}: {reason}")
            }
        }
    }
}

impl core::error::Error for ExplainError {}

/// What the readers extract before linking.
#[derive(Default)]
pub(crate) struct Extracted {
    pub(crate) form: Option<BodyForm>,
    pub(crate) http_status: Option<u16>,
    pub(crate) event: Option<String>,
    pub(crate) request_id: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) errors: Vec<ApiError>,
    pub(crate) truncated: bool,
    pub(crate) omitted_errors: usize,
    pub(crate) agents: Vec<AgentState>,
    /// A status the body's wrapper made up rather than the server's (the Finesse
    /// JavaScript library gives asynchronous errors 400): set aside, never used.
    pub(crate) invented_status: Option<u16>,
}

impl Extracted {
    /// Keeps an error, or only counts it once [`MAX_ERRORS`] are kept.
    pub(crate) fn push_error(&mut self, error: ApiError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(error);
        } else {
            self.omitted_errors += 1;
        }
    }

    /// Keeps an agent's state, or only counts it once [`MAX_ERRORS`] are kept.
    pub(crate) fn push_agent(&mut self, agent: AgentState) {
        if self.agents.len() < MAX_ERRORS {
            self.agents.push(agent);
        } else {
            self.omitted_errors += 1;
        }
    }

    /// Takes over the errors of a document read inside this one (an escaped notification, a
    /// JSON string holding XML).
    pub(crate) fn absorb_errors(&mut self, inner: Extracted) {
        self.truncated |= inner.truncated;
        for agent in inner.agents {
            self.push_agent(agent);
        }
        self.omitted_errors += inner.omitted_errors;
        if self.errors.is_empty() {
            self.errors = inner.errors;
        } else {
            for error in inner.errors {
                self.push_error(error);
            }
        }
    }
}

/// Diagnoses a response: an optional HTTP status and the body bytes (possibly empty). The
/// request's method and the platform are unknown: see [`explain_with`].
///
/// A UTF-16 body (with a byte-order mark, or ASCII interleaved with NULs, as Windows tools
/// save text) is decoded and read as the text it encodes; any other body is read as UTF-8.
///
/// Bodies are read as UTF-8 (invalid bytes become U+FFFD). Never panics; errors only for
/// bodies over [`MAX_BODY_LEN`], nesting past [`MAX_DEPTH`], or XML that yields nothing
/// readable. No external entity or DTD is ever resolved. Time is linear in the body's length.
///
/// How the verdict is chosen:
/// 1. Each error is linked to every entry it names, ranked from the most specific: links to
///    entries of category `unspecified` after all others; then peripheral > CTI (and media
///    routing) > Finesse error type > HTTP status; then by which field matched.
/// 2. The best-ranked link of all errors is the basis: its message, remediation, category
///    and layer.
/// 3. The retry verdict is the safest among the links that carry information (HTTP-status
///    links and `unspecified` entries count only when nothing else matched), in the order
///    `never`, `after_state_change`, `after_reconnect`, `after_delay`; `not_needed` only when
///    all agree. When a link says `never` and another a retrying verdict,
///    [`Verdict::disagreement`] names it.
/// 4. With a known method ([`explain_with`]): a 5xx other than 503 after a write
///    (`PUT`, `POST`, `DELETE`) is never `after_delay` (the write may have taken effect:
///    `after_state_change`); after a read, a Finesse server error may simply be retried.
///
/// ```
/// use finesse_errors::explain::{explain, BodyForm};
/// use finesse_errors::Retry;
///
/// // An HTML error page: the verdict comes from the status.
/// let d = explain(Some(401), b"<html><body>Cisco System - Error report</body></html>").unwrap();
/// assert_eq!(d.form, BodyForm::Html);
/// assert_eq!(d.verdict.retry, Retry::Never);
///
/// // Too large a body is refused.
/// assert!(explain(None, &vec![b' '; 1 << 20]).is_err());
/// ```
pub fn explain(http_status: Option<u16>, body: &[u8]) -> Result<Diagnosis, ExplainError> {
    explain_with(Context::new(), http_status, body)
}

/// [`explain`] with what the caller knows about the request: see [`Context`].
///
/// ```
/// use finesse_errors::explain::{explain_with, Context, Method};
/// use finesse_errors::Retry;
///
/// // A gateway error after a state change: the change may have happened.
/// let put = explain_with(Context::new().method(Method::Put), Some(502), b"").unwrap();
/// assert_eq!(put.verdict.retry, Retry::AfterStateChange);
/// // The same error after a read: read again later.
/// let get = explain_with(Context::new().method(Method::Get), Some(502), b"").unwrap();
/// assert_eq!(get.verdict.retry, Retry::AfterDelay);
/// ```
pub fn explain_with(
    context: Context,
    http_status: Option<u16>,
    body: &[u8],
) -> Result<Diagnosis, ExplainError> {
    if body.len() > MAX_BODY_LEN {
        return Err(ExplainError::TooLarge { len: body.len() });
    }
    // A UTF-16 body (a BOM, or ASCII interleaved with NULs) is read as the text it encodes.
    let decoded = encoding::decode_utf16(body);
    let body = decoded.as_deref().unwrap_or(body);
    let extracted = read_body(trim_body(body))?;
    Ok(link::diagnose(context, http_status, extracted))
}

/// Diagnoses a response that has no body worth reading: the verdict comes from the status.
///
/// ```
/// use finesse_errors::explain::explain_status;
/// use finesse_errors::Retry;
///
/// assert_eq!(explain_status(503).verdict.retry, Retry::AfterDelay);
/// ```
pub fn explain_status(http_status: u16) -> Diagnosis {
    link::diagnose(
        Context::new(),
        Some(http_status),
        Extracted {
            form: Some(BodyForm::Empty),
            ..Extracted::default()
        },
    )
}

/// Whether an error type is written the Unified CCE Administration way: dotted lower-camel
/// words without spaces (`invalidInput.outOfRange`), unlike Finesse's `Invalid State`.
pub(crate) fn is_dotted_type(error_type: &str) -> bool {
    let mut words = 0;
    let all_words = error_type.split('.').all(|word| {
        words += 1;
        word.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
            && word.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    all_words && words >= 2
}

/// The body without byte-order marks and surrounding whitespace.
fn trim_body(mut body: &[u8]) -> &[u8] {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    loop {
        body = body.trim_ascii();
        match body.strip_prefix(BOM) {
            Some(rest) => body = rest,
            None => return body,
        }
    }
}

// The XML reader works on bytes and turns only the fields it keeps into strings, so a body is
// never validated or copied as a whole.
fn read_body(body: &[u8]) -> Result<Extracted, ExplainError> {
    if body.is_empty() {
        return Ok(Extracted {
            form: Some(BodyForm::Empty),
            ..Extracted::default()
        });
    }
    // Published JSON examples carry `//` comment lines before the object.
    let without_comments = skip_line_comments(body);
    if without_comments.starts_with(b"{") || without_comments.starts_with(b"[") {
        return json::read(&String::from_utf8_lossy(without_comments));
    }
    if body.starts_with(b"<") {
        if looks_like_html(body) {
            return Ok(Extracted {
                form: Some(BodyForm::Html),
                ..Extracted::default()
            });
        }
        return xml::read(body, 0, 0);
    }
    Ok(Extracted {
        form: Some(BodyForm::Unrecognized),
        ..Extracted::default()
    })
}

fn skip_line_comments(mut body: &[u8]) -> &[u8] {
    while let Some(rest) = body.strip_prefix(b"//") {
        body = match rest.iter().position(|&b| b == b'\n') {
            Some(newline) => rest[newline + 1..].trim_ascii_start(),
            None => b"",
        };
    }
    body
}

/// Whether the first markup (after any XML declaration, comments and whitespace) opens an HTML
/// document: `<!DOCTYPE html` or `<html`.
fn looks_like_html(mut body: &[u8]) -> bool {
    loop {
        body = body.trim_ascii_start();
        let skip = if body.starts_with(b"<?") {
            scan::find(body, b"?>").map(|end| end + 2)
        } else if body.starts_with(b"<!--") {
            scan::find(body, b"-->").map(|end| end + 3)
        } else {
            break;
        };
        match skip {
            Some(end) => body = &body[end..],
            None => return false,
        }
    }
    let starts = |prefix: &[u8]| {
        body.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    starts(b"<!doctype html") || starts(b"<html")
}
