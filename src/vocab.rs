//! The closed vocabularies: families, retry advice, categories, layers, platforms, evidence
//! levels and recovery actions.
//!
//! This file is also compiled into `build.rs` (through `#[path]`), so the names the build
//! accepts in `data/*.csv` and the names the library prints can never drift apart.

use core::fmt;
use core::str::FromStr;

pub use super::family::Family;

/// Defines a fieldless enum whose variants each have one snake_case name, with `name`,
/// `from_name`, `ALL`, `Display` and `FromStr`.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $kind:literal, $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $value:literal => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u32)]
        pub enum $name {
            $( $(#[doc = $doc])* $variant = $value, )+
        }

        impl $name {
            /// Every value, in declaration order (which is also the order of the numeric values).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case name used in the data files, JSON and the CLI.
            pub const fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// The snake_case name as a C string (for the C API), with its NUL.
            pub const fn name_c(self) -> &'static core::ffi::CStr {
                let bytes: &'static [u8] = match self {
                    $( $name::$variant => concat!($text, "\0").as_bytes(), )+
                };
                match core::ffi::CStr::from_bytes_with_nul(bytes) {
                    Ok(name) => name,
                    Err(_) => panic!("a vocabulary name holds a NUL"),
                }
            }

            /// What the value means, in one or two sentences (its documentation).
            pub const fn description(self) -> &'static str {
                match self {
                    $( $name::$variant => concat!($($doc),*).trim_ascii(), )+
                }
            }

            /// Parses the snake_case name (exact, case-sensitive); `None` if unknown.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $( $text => Some($name::$variant), )+
                    _ => None,
                }
            }

            /// The stable numeric value (the same number the C API uses).
            pub const fn to_u32(self) -> u32 {
                self as u32
            }

            /// The value with this stable number, if any.
            pub const fn from_u32(value: u32) -> Option<Self> {
                match value {
                    $( $value => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.name())
            }
        }

        impl FromStr for $name {
            type Err = ParseNameError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_name(s).ok_or(ParseNameError {
                    kind: $kind,
                    expected: &[$($text),+],
                })
            }
        }
    };
}

vocabulary! {
    /// What a caller should do about retrying.
    ///
    /// ```
    /// use finesse_errors::Retry;
    /// assert!(Retry::AfterDelay.is_retryable());
    /// assert!(!Retry::Never.is_retryable());
    /// assert_eq!(Retry::AfterStateChange.to_string(), "after_state_change");
    /// ```
    "retry", Retry {
        /// The same request fails again: fix the input, configuration or credentials first.
        Never = 0 => "never",
        /// Re-read the agent / call / device state; retry only once that state allows it.
        AfterStateChange = 1 => "after_state_change",
        /// The session or link is gone: reconnect or reopen it, then retry.
        AfterReconnect = 2 => "after_reconnect",
        /// Transient: retry with backoff.
        AfterDelay = 3 => "after_delay",
        /// Not a failure, or the goal is already reached: nothing to retry.
        NotNeeded = 4 => "not_needed",
    }
}

vocabulary! {
    /// What kind of failure an entry describes.
    ///
    /// ```
    /// use finesse_errors::Category;
    /// assert_eq!("not_found".parse::<Category>(), Ok(Category::NotFound));
    /// ```
    #[non_exhaustive]
    "category", Category {
        /// The request is malformed or carries an invalid value.
        Request = 0 => "request",
        /// Credentials or sign-in were rejected.
        Authentication = 1 => "authentication",
        /// The caller is known but not allowed to do this.
        Authorization = 2 => "authorization",
        /// The named object (user, team, dialog, call, device, task, monitor) is unknown.
        NotFound = 3 => "not_found",
        /// The current agent, call or device state does not allow the request.
        State = 4 => "state",
        /// Something an administrator must set up or fix is missing or wrong.
        Configuration = 5 => "configuration",
        /// A limit, quota or busy resource stopped the request.
        Capacity = 6 => "capacity",
        /// A component did not answer in time.
        Timeout = 7 => "timeout",
        /// A session, link or provider connection is down, closed or not open.
        Connectivity = 8 => "connectivity",
        /// An internal fault or exception inside a server component.
        Server = 9 => "server",
        /// A service is out of service, starting, in maintenance or on the standby side.
        Unavailable = 10 => "unavailable",
        /// The phone system (switch, Unified CM, trunk, device) failed the call operation.
        Telephony = 11 => "telephony",
        /// The operation, feature, message or version is not supported here.
        Unsupported = 12 => "unsupported",
        /// The source gives no reason at all.
        Unspecified = 13 => "unspecified",
        /// Not a failure.
        Success = 14 => "success",
        /// A call ended or completed the normal way (a normal clearing): not an error.
        NormalClearing = 15 => "normal_clearing",
        /// Reports an event, a condition or a reason, not a failed request.
        Informational = 16 => "informational",
    }
}

impl Category {
    /// Whether the category describes something that went wrong: every category but
    /// [`Success`](Category::Success), [`NormalClearing`](Category::NormalClearing) and
    /// [`Informational`](Category::Informational).
    ///
    /// ```
    /// use finesse_errors::{lookup, Category, Family};
    ///
    /// assert!(Category::Timeout.is_failure());
    /// // Q.850 cause 16, a normal call clearing in a Unified CM CDR.
    /// let normal = lookup(Family::CucmCdrCause, 16).unwrap();
    /// assert!(!normal.category().is_failure());
    /// ```
    pub const fn is_failure(self) -> bool {
        !matches!(
            self,
            Category::Success | Category::NormalClearing | Category::Informational
        )
    }
}

vocabulary! {
    /// The component that raised an error.
    ///
    /// ```
    /// use finesse_errors::Layer;
    /// assert_eq!(Layer::UnifiedCm.name(), "unified_cm");
    /// ```
    #[non_exhaustive]
    "layer", Layer {
        /// The Finesse server (REST / XMPP).
        Finesse = 0 => "finesse",
        /// The Unified CCE / CCX CTI Server (its session and message checks).
        CtiServer = 1 => "cti_server",
        /// The Peripheral Gateway: PIM, telephony driver, or the peripheral's answer to a
        /// CTI control request.
        PeripheralGateway = 2 => "peripheral_gateway",
        /// The JTAPI gateway process of the Unified CM PG.
        JtapiGateway = 3 => "jtapi_gateway",
        /// Unified Communications Manager, reached through JTAPI / CTI Manager.
        UnifiedCm = 4 => "unified_cm",
        /// The agent and task routing (ARM) interface used for non-voice media.
        MediaRouting = 5 => "media_routing",
        /// The CTI OS server or its client interface library (CIL) in the agent's application.
        Ctios = 6 => "ctios",
        /// The Finesse Notification Service: the XMPP server (Openfire) and its BOSH and
        /// WebSocket endpoints.
        XmppServer = 7 => "xmpp_server",
        /// The Finesse JavaScript library (finesse.js) in the desktop or a gadget.
        FinesseJs = 8 => "finesse_js",
        /// The Unified CCE Administration REST API (`/unifiedconfig`).
        UcceAdmin = 9 => "ucce_admin",
        /// The Outbound Option Dialer, which places campaign calls and records each attempt's
        /// result.
        Dialer = 10 => "dialer",
    }
}

vocabulary! {
    /// The contact-center platform a `reason_code` entry belongs to.
    ///
    /// ```
    /// use finesse_errors::Platform;
    /// assert_eq!("uccx".parse::<Platform>(), Ok(Platform::Uccx));
    /// ```
    #[non_exhaustive]
    "platform", Platform {
        /// Unified Contact Center Enterprise (and Packaged CCE).
        Ucce = 0 => "ucce",
        /// Unified Contact Center Express.
        Uccx = 1 => "uccx",
        /// Finesse itself, whichever platform it serves.
        Finesse = 2 => "finesse",
    }
}

vocabulary! {
    /// How we know what an entry says: the basis of its message and remediation.
    ///
    /// ```
    /// use finesse_errors::{lookup_symbol, Evidence};
    /// assert_eq!("inferred".parse::<Evidence>(), Ok(Evidence::Inferred));
    /// assert_eq!(lookup_symbol("E_CTI_TIMEOUT").unwrap().evidence(), Evidence::Documented);
    /// ```
    #[non_exhaustive]
    "evidence", Evidence {
        /// A cited source states the meaning, and the advice follows from what it states.
        Documented = 0 => "documented",
        /// Seen in a live payload or log (cited in the note); no document states the meaning.
        Observed = 1 => "observed",
        /// Our reading of the name and its context: no source states the meaning, so treat
        /// the advice as a likely explanation, not a fact.
        Inferred = 2 => "inferred",
    }
}

vocabulary! {
    /// What a program does first to recover from an error: the action of a
    /// [`Recovery`](crate::Recovery) plan.
    ///
    /// ```
    /// use finesse_errors::Action;
    /// assert_eq!(Action::WaitAndRetry.name(), "wait_and_retry");
    /// ```
    #[non_exhaustive]
    "action", Action {
        /// Nothing to recover: not a failure, the goal is reached, or nothing for this
        /// receiver to send (a record read after the fact: the plan names what to look at).
        None = 0 => "none",
        /// Correct the request (input, credentials) before sending it again.
        FixRequest = 1 => "fix_request",
        /// Re-read the state named by the plan; send again only if it allows the request.
        RefreshState = 2 => "refresh_state",
        /// The request was not applied: send it again after the plan's delays.
        WaitAndRetry = 3 => "wait_and_retry",
        /// Reopen the session or connection, re-read state, then send again if still needed.
        Reconnect = 4 => "reconnect",
        /// Move to the other Finesse node (its host is in DesktopConfig / the client's
        /// configuration) once it is IN_SERVICE.
        Failover = 5 => "failover",
        /// The agent was signed out: sign in again once the cause is gone.
        SignInAgain = 6 => "sign_in_again",
        /// Nothing the program can do by itself: a person (administrator, support) must act.
        Escalate = 7 => "escalate",
    }
}

impl Retry {
    /// Whether retrying can ever help (after waiting, reconnecting or a state change).
    pub const fn is_retryable(self) -> bool {
        matches!(
            self,
            Retry::AfterStateChange | Retry::AfterReconnect | Retry::AfterDelay
        )
    }
}

vocabulary! {
    /// What the Outbound Option Dialer does with a customer record after an attempt ended
    /// with a given call result, as Cisco's CallResults table gives it.
    ///
    /// ```
    /// use finesse_errors::{dialer_facts, DialerAction};
    ///
    /// assert_eq!(dialer_facts(9).and_then(|f| f.action()), Some(DialerAction::BusyRetry));
    /// ```
    #[non_exhaustive]
    "dialer action", DialerAction {
        /// The record is not dialed again for this result.
        None = 0 => "none",
        /// Dialed again by the campaign's No Answer rule.
        NoAnswerRetry = 1 => "no_answer_retry",
        /// Dialed again by the campaign's Busy rule.
        BusyRetry = 2 => "busy_retry",
        /// Dialed again by the Dialer Abandoned rule.
        DialerAbandonedRetry = 3 => "dialer_abandoned_retry",
        /// Dialed again by the Customer Abandoned rule.
        CustomerAbandonedRetry = 4 => "customer_abandoned_retry",
        /// Dialed again by the Customer Not Home rule.
        CustomerNotHomeRetry = 5 => "customer_not_home_retry",
        /// Dialed again by the Answering Machine rule, if the campaign needs it.
        AnsweringMachineRetryIfNeeded = 6 => "answering_machine_retry_if_needed",
        /// Dialed again by the Dialer Abandoned rule, if the campaign needs it.
        DialerAbandonedRetryIfNeeded = 7 => "dialer_abandoned_retry_if_needed",
        /// Preview calls are dialed again by the No Answer rule; personal callbacks are not.
        NoAnswerRetryPreview = 8 => "no_answer_retry_preview",
        /// A regular record is closed; a callback is dialed again as Dialer Abandoned.
        Closed = 9 => "closed",
        /// Follows the campaign's personal callback mode setting.
        CallbackMode = 10 => "callback_mode",
        /// Not dialed now: the record goes back to pending.
        ReturnedToPending = 11 => "returned_to_pending",
    }
}

/// A name that is not part of a vocabulary (family, retry, category or layer).
///
/// ```
/// use finesse_errors::Retry;
/// let err = "sometimes".parse::<Retry>().unwrap_err();
/// assert_eq!(err.kind(), "retry");
/// assert!(err.to_string().contains("after_delay"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseNameError {
    pub(crate) kind: &'static str,
    pub(crate) expected: &'static [&'static str],
}

impl ParseNameError {
    /// Which vocabulary rejected the name: `"family"`, `"retry"`, `"category"`, `"layer"`,
    /// `"platform"`, `"evidence"`, `"action"`, `"key kind"` or `"receiver"`.
    pub const fn kind(&self) -> &'static str {
        self.kind
    }

    /// The names that vocabulary accepts.
    pub const fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

impl fmt::Display for ParseNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} name; expected one of: ", self.kind)?;
        for (i, name) in self.expected.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

impl core::error::Error for ParseNameError {}
