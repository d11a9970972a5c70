//! The Outbound Option Dialer's facts per CallResult, and Cisco's SIP status × Q.850 cause →
//! CallResult table.

use crate::entry::Text;
use crate::tables::{DIALER_FACTS, SIP_MAP};
use crate::{DialerAction, ErrorInfo, Family, lookup};
use core::ffi::CStr;

/// What Cisco's CallResults table says about one CallResult: whether it counts as an
/// attempt, whether live voice was detected, and what the dialer does with the record next.
/// `None` where Cisco leaves the column blank. Made by [`dialer_facts`].
///
/// ```
/// use finesse_errors::{dialer_facts, DialerAction};
///
/// let busy = dialer_facts(9).unwrap();
/// assert_eq!(busy.counted_attempt(), Some(true));
/// assert_eq!(busy.action(), Some(DialerAction::BusyRetry));
/// assert!(dialer_facts(1).is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DialerFacts {
    pub(crate) code: i32,
    pub(crate) counted_attempt: Option<bool>,
    pub(crate) live_voice: Option<bool>,
    pub(crate) action: Option<DialerAction>,
}

impl DialerFacts {
    /// The CallResult.
    pub const fn code(&self) -> i32 {
        self.code
    }

    /// Whether the attempt counts toward the record's attempts.
    pub const fn counted_attempt(&self) -> Option<bool> {
        self.counted_attempt
    }

    /// Whether the dialer detected live voice.
    pub const fn live_voice(&self) -> Option<bool> {
        self.live_voice
    }

    /// What the dialer does with the record next.
    pub const fn action(&self) -> Option<DialerAction> {
        self.action
    }

    /// The CallResult's entry (`dialer_call_result`).
    pub fn entry(&self) -> Option<&'static ErrorInfo> {
        lookup(Family::DialerCallResult, self.code)
    }
}

/// The dialer's facts for a CallResult, or `None` for a value that is no CallResult.
pub fn dialer_facts(call_result: i32) -> Option<DialerFacts> {
    DIALER_FACTS
        .binary_search_by_key(&call_result, |f| f.code)
        .ok()
        .map(|i| DIALER_FACTS[i])
}

impl ErrorInfo {
    /// The dialer's facts of a `dialer_call_result` entry ([`dialer_facts`] of its code);
    /// `None` for an entry of any other family.
    ///
    /// ```
    /// use finesse_errors::{lookup, DialerAction, Family};
    ///
    /// let busy = lookup(Family::DialerCallResult, 9).unwrap();
    /// assert_eq!(busy.dialer_facts().unwrap().action(), Some(DialerAction::BusyRetry));
    /// assert!(lookup(Family::CtiEventCause, 3).unwrap().dialer_facts().is_none());
    /// ```
    pub fn dialer_facts(&self) -> Option<DialerFacts> {
        match (self.family(), self.code()) {
            (Family::DialerCallResult, Some(code)) => dialer_facts(code),
            _ => None,
        }
    }
}

/// One row of Cisco's SIP status × Q.850 cause → CallResult table. Made by
/// [`dialer_results_for_sip`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SipMapping {
    pub(crate) sip_status: u16,
    pub(crate) q850_cause: u8,
    pub(crate) check_call_state: bool,
    pub(crate) call_state: Text,
    pub(crate) call_result: i32,
    pub(crate) note: Text,
}

// By hand: the strings print as text, not as their two views.
impl core::fmt::Debug for SipMapping {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SipMapping")
            .field("sip_status", &self.sip_status)
            .field("q850_cause", &self.q850_cause)
            .field("check_call_state", &self.check_call_state)
            .field("call_state", &self.call_state())
            .field("call_result", &self.call_result)
            .field("note", &self.note())
            .finish()
    }
}

impl SipMapping {
    /// The SIP status the dialer received.
    pub const fn sip_status(&self) -> u16 {
        self.sip_status
    }

    /// The Q.850 cause that came with it.
    pub const fn q850_cause(&self) -> u8 {
        self.q850_cause
    }

    /// Whether the row applies only when the dialer checks the call's state.
    pub const fn check_call_state(&self) -> bool {
        self.check_call_state
    }

    /// The call state the row applies in, as Cisco prints it (`CS_NONE` ...).
    pub const fn call_state(&self) -> &'static str {
        self.call_state.text
    }

    /// [`call_state`](Self::call_state) as a NUL-terminated C string (for the C API).
    ///
    /// ```
    /// let row = finesse_errors::dialer_results_for_sip(486, 17).next().unwrap();
    /// assert_eq!(row.call_state_c().to_bytes(), row.call_state().as_bytes());
    /// ```
    pub const fn call_state_c(&self) -> &'static CStr {
        self.call_state.c_text
    }

    /// The CallResult the dialer records.
    pub const fn call_result(&self) -> i32 {
        self.call_result
    }

    /// The CallResult's entry.
    pub fn entry(&self) -> Option<&'static ErrorInfo> {
        lookup(Family::DialerCallResult, self.call_result)
    }

    /// The facts of the CallResult (counted as attempt, the dialer's next action).
    pub fn facts(&self) -> Option<DialerFacts> {
        dialer_facts(self.call_result)
    }

    /// Our note on the row (a duplicate, a conflict with another row), or `""`.
    pub const fn note(&self) -> &'static str {
        self.note.text
    }

    /// [`note`](Self::note) as a NUL-terminated C string (for the C API); empty when there is
    /// no note.
    ///
    /// ```
    /// let row = finesse_errors::dialer_results_for_sip(408, 120).next().unwrap();
    /// assert_eq!(row.note_c().to_bytes(), row.note().as_bytes());
    /// assert!(!row.note().is_empty());
    /// ```
    pub const fn note_c(&self) -> &'static CStr {
        self.note.c_text
    }
}

/// Every row of Cisco's SIP map for a SIP status and Q.850 cause: one for most pairs,
/// several where the result depends on the call state, and two for the one pair Cisco maps
/// to two results (422 with cause 100) — every one is given, never one picked. Empty for a
/// pair Cisco does not map.
///
/// ```
/// use finesse_errors::{dialer_results_for_sip, DialerAction};
///
/// let busy: Vec<_> = dialer_results_for_sip(486, 17).collect();
/// assert!(!busy.is_empty());
/// assert!(busy.iter().all(|m| m.entry().unwrap().symbol() == "BUSY"));
/// assert_eq!(busy[0].facts().unwrap().action(), Some(DialerAction::BusyRetry));
/// assert_eq!(dialer_results_for_sip(299, 1).count(), 0);
/// ```
pub fn dialer_results_for_sip(
    sip_status: u16,
    q850_cause: u8,
) -> impl Iterator<Item = &'static SipMapping> + Clone {
    let start =
        SIP_MAP.partition_point(|m| (m.sip_status, m.q850_cause) < (sip_status, q850_cause));
    SIP_MAP[start..]
        .iter()
        .take_while(move |m| m.sip_status == sip_status && m.q850_cause == q850_cause)
}

/// Every row of Cisco's SIP map, ordered by SIP status and Q.850 cause (the rows of one pair
/// in the table's order): for exports and for listing what maps to a result.
///
/// ```
/// use finesse_errors::{dialer_sip_map, dialer_results_for_sip};
///
/// let map = dialer_sip_map();
/// assert_eq!(map.len(), 88);
/// // The rows that give BUSY (CallResult 9).
/// assert!(map.iter().filter(|m| m.call_result() == 9).any(|m| m.sip_status() == 486));
/// assert!(map.iter().all(|m| dialer_results_for_sip(m.sip_status(), m.q850_cause())
///     .any(|same| core::ptr::eq(same, m))));
/// ```
pub fn dialer_sip_map() -> &'static [SipMapping] {
    &SIP_MAP
}
