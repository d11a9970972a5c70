//! Names and numbers to entries: the only two places the scanner decides what a token is.
//!
//! `candidates` is the crate's resolver ([`crate::resolve`]): the same answer a lookup gives,
//! every family a name fits (`TIMEOUT`, `CiscoJtapiException.CTIERR_TIMEOUT`, a published
//! misspelling) and never one picked by table order.

use super::anchor::{Field, prefixes};
use super::{Entries, Finding};
use crate::{Family, Form, lookup_all, parse_code};

/// Every entry a name may mean, in any family, as [`crate::resolve`] reads it (a token here
/// is a name: its code candidates, if it also reads as a number, are not kept).
pub(crate) fn candidates(token: &str) -> Entries {
    let mut found = Entries::new();
    for candidate in crate::resolve::resolve_names(token).filter(|c| c.form() != Form::Code) {
        found.push(candidate.entry());
    }
    found
}

/// The family whose prefix starts `token` (after any qualifier), exactly as logs print it
/// (upper case), if any. The scanner's prefixes are the families' own, less `cti_status`'s
/// catch-all `E_` (a test in `anchor.rs` holds them to [`Family::prefixes`]).
pub(crate) fn prefix_family(token: &str) -> Option<Family> {
    let bare = token.rsplit('.').next().unwrap_or(token);
    prefixes()
        .iter()
        .find(|(prefix, _)| bare.len() > prefix.len() && bare.starts_with(prefix))
        .map(|&(_, family)| family)
}

/// A name: its entries, or unknown in the family its prefix names, or nothing.
pub(crate) fn named(token: &str) -> Option<Finding> {
    let found = candidates(token);
    if !found.is_empty() {
        return Some(Finding::Known(found));
    }
    prefix_family(token).map(Finding::Unknown)
}

/// Families a CTI OS `FailureCode` may belong to when no event name says which.
const FAILURE_CODE_FAMILIES: &[Family] =
    &[Family::CtiControlFailure, Family::Ctios, Family::CtiStatus];

/// Families Finesse's `ErrorData` may belong to when no error message says which.
const ERROR_DATA_FAMILIES: &[Family] = &[
    Family::CtiControlFailure,
    Family::CtiStatus,
    Family::Peripheral,
    Family::MediaRouting,
];

/// A number after a field: the entries of the family the field (and `hint`, the family its
/// context names) implies. Zero is "no detail" everywhere and gives nothing; an unknown
/// number is reported as unknown only where the family is certain and every value is an
/// error (never for reason codes, which agents also choose).
/// A `PGStatus` value is read by [`pg_status`], not here.
pub(crate) fn numbered(field: Field, text: &str, hint: Option<Family>) -> Option<Finding> {
    let (families, certain): (&[Family], bool) = match (field, hint) {
        (Field::EventCause, _) => (&[Family::CtiEventCause], true),
        (Field::CdrCause, _) => (&[Family::CucmCdrCause], true),
        (Field::CallResult, _) => (&[Family::DialerCallResult], true),
        (Field::SystemEvent, _) => (&[Family::CtiSystemEvent], true),
        (Field::PgStatus, _) => return None,
        (Field::PeripheralErrorCode, _) => (&[Family::Peripheral], true),
        (Field::ReasonCode, _) => (&[Family::ReasonCode], false),
        (Field::JtapiReason, _) => (&[Family::UnifiedCm], false),
        (Field::ErrorData | Field::FailureCode, Some(family)) => (family_slice(family), true),
        (Field::ErrorData, None) => (ERROR_DATA_FAMILIES, false),
        (Field::FailureCode, None) => (FAILURE_CODE_FAMILIES, false),
    };
    let mut found = Entries::new();
    let mut any_code = None;
    for &family in families {
        let Some(code) = parse_code(family, text) else {
            continue;
        };
        if code == 0 {
            return None;
        }
        any_code = Some(code);
        for info in lookup_all(family, code) {
            found.push(info);
        }
    }
    let code = any_code?;
    // A call that ended the ordinary way (a normal clearing, a transfer, a conference) is
    // in every call's record: only outcomes worth a look are reported.
    if is_call_outcome(field)
        && !found.is_empty()
        && found.iter().all(|info| !info.category().is_failure())
    {
        return None;
    }
    if !found.is_empty() {
        return Some(Finding::Known(found));
    }
    // A JTAPI reason in the CTIERR range that no table holds: a newer release's code.
    let cti_range = field == Field::JtapiReason && (code as u32) >> 16 == 0x8CCC;
    (certain || cti_range).then(|| Finding::Unknown(families[0]))
}

/// The fields every call carries, whatever its outcome.
const fn is_call_outcome(field: Field) -> bool {
    matches!(
        field,
        Field::EventCause | Field::CdrCause | Field::CallResult
    )
}

/// A `PGStatus` value is a set: one finding per known flag, plus one unknown in the family
/// when the value has bits no table names; nothing for zero (normal) or text that is no
/// value.
pub(crate) fn pg_status(text: &str) -> Vec<Finding> {
    let Some(value) = parse_code(Family::CtiPgStatus, text) else {
        return Vec::new();
    };
    let flags = crate::pg_status_flags(value as u32);
    let unknown = flags.unknown_bits() != 0;
    let mut findings: Vec<Finding> = flags
        .map(|info| {
            let mut one = Entries::new();
            one.push(info);
            Finding::Known(one)
        })
        .collect();
    if unknown {
        findings.push(Finding::Unknown(Family::CtiPgStatus));
    }
    findings
}

fn family_slice(family: Family) -> &'static [Family] {
    match Family::ALL.iter().position(|&f| f == family) {
        Some(i) => &Family::ALL[i..=i],
        None => &[],
    }
}
