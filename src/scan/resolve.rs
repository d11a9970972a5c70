//! Names and numbers to entries: the only two places the scanner decides what a token is.
//!
//! `candidates` is where the loose-name resolver (`resolve`) plugs in once it exists; for now
//! it takes exact symbols and aliases of every family, after dropping a qualifying
//! `Something.` prefix.

use super::anchor::{Field, PREFIXES};
use super::{Entries, Finding};
use crate::{Family, lookup_all, lookup_symbol_all, parse_code};

/// Every entry a name may mean, in any family.
pub(crate) fn candidates(token: &str) -> Entries {
    let bare = token.rsplit('.').next().unwrap_or(token);
    let mut found = Entries::new();
    for info in lookup_symbol_all(bare) {
        found.push(info);
    }
    found
}

/// The family whose prefix starts `token`, if any.
pub(crate) fn prefix_family(token: &str) -> Option<Family> {
    let bare = token.rsplit('.').next().unwrap_or(token);
    PREFIXES
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
pub(crate) fn numbered(field: Field, text: &str, hint: Option<Family>) -> Option<Finding> {
    let (families, certain): (&[Family], bool) = match (field, hint) {
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
    if !found.is_empty() {
        return Some(Finding::Known(found));
    }
    // A JTAPI reason in the CTIERR range that no table holds: a newer release's code.
    let cti_range = field == Field::JtapiReason && (code as u32) >> 16 == 0x8CCC;
    (certain || cti_range).then(|| Finding::Unknown(families[0]))
}

fn family_slice(family: Family) -> &'static [Family] {
    match Family::ALL.iter().position(|&f| f == family) {
        Some(i) => &Family::ALL[i..=i],
        None => &[],
    }
}
