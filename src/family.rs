//! What each family's names look like: the prefixes its symbols carry and the classes that
//! client libraries qualify its constants with.
//!
//! This file is also compiled into `build.rs` (through `#[path]`): the build checks symbols
//! against these prefixes and derives every unprefixed form from them, and the resolver reads
//! names with the same lists, so the two cannot drift apart.

use super::vocab::Family;

impl Family {
    /// The prefixes this family's symbols start with, longest first (`E_CTI_` before `E_`);
    /// empty for families whose names are words (`finesse_api`, `reason_code`) or
    /// `kind:condition` pairs (`xmpp`).
    ///
    /// Client libraries often print a constant without it (`INVALID_AGENT_WORKMODE` for
    /// `CF_INVALID_AGENT_WORKMODE`): [`resolve`](crate::resolve) reads those forms.
    ///
    /// ```
    /// use finesse_errors::Family;
    ///
    /// assert_eq!(Family::CtiControlFailure.prefixes(), ["CF_"]);
    /// assert_eq!(Family::CtiStatus.prefixes(), ["E_CTI_", "E_"]);
    /// assert!(Family::FinesseApi.prefixes().is_empty());
    /// ```
    pub const fn prefixes(self) -> &'static [&'static str] {
        match self {
            Family::CtiStatus => &["E_CTI_", "E_"],
            Family::CtiControlFailure => &["CF_"],
            Family::Peripheral => &["PERERR_"],
            Family::MediaRouting => &["E_ARM_STAT_"],
            Family::UnifiedCm => &["CTIERR_"],
            Family::Ctios => &["E_CTIOS_", "CIL_"],
            // Names of words, `kind:condition` pairs, CIL enumerators (`eDriverOutOfService`:
            // a one-letter `e` is no prefix worth stripping) and dotted error types.
            Family::FinesseApi
            | Family::Xmpp
            | Family::ReasonCode
            | Family::FinesseJs
            | Family::CtiosFailure
            | Family::CtiosConnection
            | Family::UcceConfig => &[],
        }
    }

    /// The class or enum names that client libraries put before this family's constants
    /// (`CiscoJtapiException.CTIERR_TIMEOUT`, `ControlFailureCode.INVALID_AGENT_WORKMODE`),
    /// compared ASCII-case-insensitively. A name qualified by one of them is read in this
    /// family only.
    ///
    /// ```
    /// use finesse_errors::Family;
    ///
    /// assert!(Family::UnifiedCm.qualifiers().contains(&"CiscoJtapiException"));
    /// ```
    pub const fn qualifiers(self) -> &'static [&'static str] {
        match self {
            // JTAPI: the exception's constants, and the registration-failure events that
            // repeat some of them without the `CTIERR_` prefix.
            Family::UnifiedCm => &[
                "CiscoJtapiException",
                "CiscoTermRegistrationFailedEv",
                "CiscoAddrRegistrationFailedEv",
            ],
            // The enumerations of public re-typings of the CTI protocol: Scala and Haskell
            // `ControlFailureCode`; Scala `StatusCode`, Java `ConfCodes` and Haskell
            // `FailureIndicationMessageStatusCode` for the E_CTI status.
            Family::CtiControlFailure => &["ControlFailureCode"],
            Family::CtiStatus => &[
                "StatusCode",
                "ConfCodes",
                "FailureIndicationMessageStatusCode",
            ],
            // The Java CIL's `CtiOs_Enums.FailureCode` (C++ `enumCTIOS_FailureCode`).
            Family::CtiosFailure => &["FailureCode", "enumCTIOS_FailureCode"],
            _ => &[],
        }
    }

    /// The family whose symbols start with this name's prefix (ASCII case ignored), the
    /// longest prefix winning: `CTIERR_TIMEOUT` is `unified_cm`, `E_CTIOS_…` is `ctios`,
    /// `E_CTI_…` and other `E_…` names are `cti_status`.
    ///
    /// ```
    /// use finesse_errors::Family;
    ///
    /// assert_eq!(Family::of_prefix("E_ARM_STAT_FOO"), Some(Family::MediaRouting));
    /// assert_eq!(Family::of_prefix("e_ctios_x"), Some(Family::Ctios));
    /// assert_eq!(Family::of_prefix("E_CTI_TIMEOUT"), Some(Family::CtiStatus));
    /// assert_eq!(Family::of_prefix("Invalid State"), None);
    /// ```
    pub fn of_prefix(name: &str) -> Option<Family> {
        let bytes = name.as_bytes();
        let mut best: Option<(usize, Family)> = None;
        for &family in Family::ALL {
            for prefix in family.prefixes() {
                let p = prefix.as_bytes();
                let fits = bytes.len() > p.len() && bytes[..p.len()].eq_ignore_ascii_case(p);
                if fits && best.is_none_or(|(len, _)| p.len() > len) {
                    best = Some((p.len(), family));
                }
            }
        }
        best.map(|(_, family)| family)
    }

    /// Whether the family's entries are keyed by name and may have no code: Finesse error
    /// types, XMPP conditions, the JavaScript library's errors and Unified CCE
    /// Administration error types.
    ///
    /// ```
    /// use finesse_errors::Family;
    ///
    /// assert!(Family::Xmpp.keyed_by_name());
    /// assert!(!Family::CtiStatus.keyed_by_name());
    /// ```
    pub const fn keyed_by_name(self) -> bool {
        matches!(
            self,
            Family::FinesseApi | Family::Xmpp | Family::FinesseJs | Family::UcceConfig
        )
    }

    /// Whether Finesse forwards this family's names in a REST or XMPP error's ErrorMessage
    /// (and its codes in ErrorData): its own names and the CTI, peripheral, media-routing,
    /// Unified CM and CTI OS codes behind it. The JavaScript library's states, XMPP
    /// conditions, reason-code labels and other products' error types are not among them.
    ///
    /// ```
    /// use finesse_errors::Family;
    ///
    /// assert!(Family::CtiControlFailure.in_error_message());
    /// assert!(!Family::FinesseJs.in_error_message());
    /// ```
    pub const fn in_error_message(self) -> bool {
        matches!(
            self,
            Family::FinesseApi
                | Family::CtiStatus
                | Family::CtiControlFailure
                | Family::Peripheral
                | Family::MediaRouting
                | Family::UnifiedCm
                | Family::Ctios
        )
    }

    /// The family a qualifying class name stands for (`CiscoJtapiException` is
    /// `unified_cm`), ignoring ASCII case; `None` for a class we do not know.
    ///
    /// ```
    /// use finesse_errors::Family;
    ///
    /// assert_eq!(Family::of_qualifier("controlfailurecode"), Some(Family::CtiControlFailure));
    /// assert_eq!(Family::of_qualifier("HashMap"), None);
    /// ```
    pub fn of_qualifier(class: &str) -> Option<Family> {
        Family::ALL.iter().copied().find(|family| {
            family
                .qualifiers()
                .iter()
                .any(|q| q.eq_ignore_ascii_case(class))
        })
    }
}

/// A name without its family's prefix (the longest that fits), or `None` when it has none of
/// them or nothing would be left.
// The build derives every unprefixed key with it; the resolver only reads those keys.
#[allow(dead_code)]
pub fn unprefixed(family: Family, name: &str) -> Option<&str> {
    family.prefixes().iter().find_map(|prefix| {
        let rest = name.get(prefix.len()..)?;
        let head = &name[..prefix.len()];
        (head.eq_ignore_ascii_case(prefix) && !rest.is_empty()).then_some(rest)
    })
}
