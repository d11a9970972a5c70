//! Every family described once: its name and documentation, how its codes are written
//! ([`KeyKind`]), the prefixes and spellings of its symbols, the classes that qualify them,
//! its usual layer and the client that receives its codes. The build, the lookups, the
//! resolver, `explain`, the recovery plans, the C and Python faces and the generated docs all
//! read these descriptions; a new family is its CSV file plus one entry in [`families!`].
//!
//! This file is also compiled into `build.rs` (through `#[path]`): the build checks symbols
//! against these prefixes and derives every unprefixed form from them, and the resolver reads
//! names with the same lists, so the two cannot drift apart.

use super::vocab::{Layer, ParseNameError};
use core::fmt;
use core::str::FromStr;

vocabulary! {
    /// How a family's codes are written in logs and keyed in its table.
    ///
    /// ```
    /// use finesse_errors::{Family, KeyKind};
    ///
    /// assert_eq!(Family::UnifiedCm.key_kind(), KeyKind::Hex32);
    /// assert_eq!(Family::Xmpp.key_kind(), KeyKind::Name);
    /// ```
    #[non_exhaustive]
    "key kind", KeyKind {
        /// A signed decimal number (`265`, `-1`).
        Decimal = 0 => "decimal",
        /// A 32-bit word written in hex by convention (`0x8CCC00D2`), also read as unsigned
        /// or signed decimal; the canonical form is 8 upper-case hex digits.
        Hex32 = 1 => "hex32",
        /// A 16-bit field (`0..=65535`), also read as its signed form (`-1` is 65535) and in
        /// hex (`0xffff`); the canonical form is unsigned decimal.
        Word16 = 2 => "word16",
        /// A set of bit flags: one entry per flag (and one for no flag set), and any value
        /// decodes into its flags; read in decimal or hex, canonically `0x` + 8 hex digits.
        Flags = 3 => "flags",
        /// A 32-bit word stored in decimal whose bytes carry parts (a SIP-status index over a
        /// Q.850 cause); read as unsigned or signed decimal and hex; canonically unsigned
        /// decimal.
        Composite = 4 => "composite",
        /// Keyed by name: a code is optional (a signed decimal where there is one).
        Name = 5 => "name",
    }
}

vocabulary! {
    /// The client that receives a family's codes, and so the one a recovery plan is written
    /// for (whose state it re-reads, whether it can fail over).
    ///
    /// ```
    /// use finesse_errors::{Family, Receiver};
    ///
    /// assert_eq!(Family::CtiosFailure.receiver(), Receiver::Ctios);
    /// assert_eq!(Family::Xmpp.receiver(), Receiver::Finesse);
    /// ```
    #[non_exhaustive]
    "receiver", Receiver {
        /// A Finesse REST or XMPP client (a desktop, a gadget, a Finesse integration).
        Finesse = 0 => "finesse",
        /// A CTI Server client (CTI protocol session).
        Cti = 1 => "cti",
        /// A CTI OS application through its client interface library (CIL).
        Ctios = 2 => "ctios",
        /// A JTAPI application talking to Unified CM (CTI Manager).
        Jtapi = 3 => "jtapi",
        /// A client of the Unified CCE Administration REST API (`/unifiedconfig`).
        UcceAdmin = 4 => "ucce_admin",
        /// A reader of records after the fact (Unified CM CDRs, the Outbound Option
        /// Dialer_Detail table): nothing to resend, something to explain or count.
        Reporting = 5 => "reporting",
    }
}

/// The extra columns a family's file has besides the common ones (see `data/README.md`).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    /// The common columns only.
    Common,
    /// `http_status` first (`finesse_api`).
    HttpStatus,
    /// `platform` first (`reason_code`).
    Platform,
    /// `hex` after `code`: the same value in hex, checked against the decimal
    /// (`cucm_cdr_cause`).
    Hex,
    /// `counted_attempt`, `live_voice` and `dialer_action` after the common columns
    /// (`dialer_call_result`).
    Dialer,
}

/// How a family's symbols are spelled (checked by the build).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbols {
    /// Upper-case constants after one of the family's prefixes (`CF_INVALID_AGENT_WORKMODE`).
    Prefixed,
    /// Upper-case constants, with or without a prefix (JTAPI's `CTIERR_TIMEOUT` / `TIMEOUT`).
    Constant,
    /// Finesse error types: words, digits, single spaces and `._'()-`.
    ErrorType,
    /// Published labels: like error types, plus `/`, `,` and `&`.
    Label,
    /// Upper-case constants after one of the family's prefixes, or CTI OS CIL enumerators
    /// (`SYS_TEXT_FYI`, `eSysTextFYI`).
    PrefixedOrEnumerator,
    /// CTI OS CIL enumerators: `e` and a CamelCase word (`eDriverOutOfService`).
    CilEnumerator,
    /// Upper-case constants after one of the family's prefixes, or published labels (a CDR
    /// cause is a `CCM_SIP_*` constant or a Q.850 cause's label).
    PrefixedOrLabel,
    /// Dotted lower-camel words (`invalidInput.outOfRange`).
    Dotted,
    /// `kind:condition` (`stream:conflict`), the bare condition being an alias.
    XmppPair,
}

/// One family's description: everything the build and the faces need to know about it
/// besides its rows.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// How codes are written and keyed.
    pub key: KeyKind,
    /// The file's extra columns.
    pub columns: Columns,
    /// How symbols are spelled.
    pub symbols: Symbols,
    /// Whether a row may have no symbol (Cisco lists some codes without a name).
    pub symbol_optional: bool,
    /// Symbol prefixes, longest first where one starts another.
    pub prefixes: &'static [&'static str],
    /// Other prefixes logs print for the same names, as `(printed, published)`: the build
    /// keys every name in the printed spelling too (`EC_NEW_CALL` for `CEC_NEW_CALL`).
    pub spellings: &'static [(&'static str, &'static str)],
    /// Classes and enums that qualify the family's constants in client libraries.
    pub qualifiers: &'static [&'static str],
    /// The layer that raises most of the family's codes (rows say their own).
    pub layer: Layer,
    /// The client that receives the codes.
    pub receiver: Receiver,
    /// Whether Finesse forwards the family's names and codes in its error bodies.
    pub in_error_message: bool,
    /// Whether a Finesse client gets these codes from Finesse itself.
    pub sent_by_finesse: bool,
    /// How specific an entry of the family is as the cause in a diagnosed response: lower is
    /// nearer to where the failure arose (the PG's or Unified CM's code before the CTI
    /// Server's, before Finesse's own).
    pub specificity: u8,
    /// Which rows carry the same error as a row of another family: the build requires each
    /// pair a rule names to be twins (the `twin` column), in both directions.
    pub twins: &'static [TwinRule],
}

/// Two families that name the same errors with their own prefixes: a row `<prefix>X` and the
/// other family's row named `<other_prefix>X` (by symbol or alias) are one error, twins.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct TwinRule {
    /// The prefix of this family's names the rule covers.
    pub prefix: &'static str,
    /// The family of the twins.
    pub other: Family,
    /// The prefix of the same names there.
    pub other_prefix: &'static str,
}

impl Spec {
    /// The usual description: a decimal family of prefixed constants, received by a CTI
    /// client; entries override what differs.
    const BASE: Spec = Spec {
        key: KeyKind::Decimal,
        columns: Columns::Common,
        symbols: Symbols::Prefixed,
        symbol_optional: false,
        prefixes: &[],
        spellings: &[],
        qualifiers: &[],
        layer: Layer::CtiServer,
        receiver: Receiver::Cti,
        in_error_message: false,
        sent_by_finesse: false,
        specificity: 1,
        twins: &[],
    };
}

/// Declares [`Family`] and each family's [`Spec`] side by side.
macro_rules! families {
    (
        $( $(#[doc = $doc:literal])* $variant:ident = $value:literal => $text:literal $spec:tt )+
    ) => {
        vocabulary! {
            /// A family of error codes: one table in `data/`, one namespace of codes.
            ///
            /// ```
            /// use finesse_errors::Family;
            /// assert_eq!(Family::CtiStatus.name(), "cti_status");
            /// assert_eq!("peripheral".parse::<Family>(), Ok(Family::Peripheral));
            /// ```
            #[non_exhaustive]
            "family", Family {
                $( $(#[doc = $doc])* $variant = $value => $text, )+
            }
        }

        impl Family {
            /// The family's description (for the build and the faces).
            #[doc(hidden)]
            pub const fn spec(self) -> &'static Spec {
                match self {
                    $( Family::$variant => &Spec $spec, )+
                }
            }
        }
    };
}

families! {
    /// Finesse REST `ErrorType` strings per HTTP status, and Finesse's HTTP-level names.
    FinesseApi = 0 => "finesse_api" {
        key: KeyKind::Name,
        columns: Columns::HttpStatus,
        symbols: Symbols::ErrorType,
        layer: Layer::Finesse,
        receiver: Receiver::Finesse,
        in_error_message: true,
        sent_by_finesse: true,
        specificity: 2,
        ..Spec::BASE
    }
    /// `E_CTI_*` status codes of the CTI Server's FAILURE_CONF / FAILURE_EVENT.
    CtiStatus = 1 => "cti_status" {
        prefixes: &["E_CTI_", "E_"],
        // The enumerations of public re-typings of the CTI protocol: Scala `StatusCode`,
        // Java `ConfCodes` and Haskell `FailureIndicationMessageStatusCode`.
        qualifiers: &["StatusCode", "ConfCodes", "FailureIndicationMessageStatusCode"],
        in_error_message: true,
        ..Spec::BASE
    }
    /// `CF_*` control failure codes, forwarded by Finesse in ErrorMessage / ErrorData.
    CtiControlFailure = 2 => "cti_control_failure" {
        prefixes: &["CF_"],
        // Scala and Haskell `ControlFailureCode`.
        qualifiers: &["ControlFailureCode"],
        layer: Layer::PeripheralGateway,
        in_error_message: true,
        ..Spec::BASE
    }
    /// IPCC / Unified CCE peripheral error codes `PERERR_*` (Finesse `peripheralErrorCode`).
    Peripheral = 3 => "peripheral" {
        prefixes: &["PERERR_"],
        symbol_optional: true,
        layer: Layer::PeripheralGateway,
        in_error_message: true,
        specificity: 0,
        // The PG reports a Unified CM failure as PERERR_CM_* (20000 + n), JTAPI as CTIERR_*.
        twins: &[TwinRule {
            prefix: "PERERR_CM_",
            other: Family::UnifiedCm,
            other_prefix: "CTIERR_",
        }],
        ..Spec::BASE
    }
    /// `E_ARM_STAT_*` status codes of the non-voice media (ARM) interface.
    MediaRouting = 4 => "media_routing" {
        prefixes: &["E_ARM_STAT_"],
        layer: Layer::MediaRouting,
        in_error_message: true,
        ..Spec::BASE
    }
    /// Unified CM CTI errors `CTIERR_*` (JTAPI `CiscoJtapiException` codes, 0x8CCC....),
    /// written in hex, unsigned or signed decimal (see `parse_code`).
    UnifiedCm = 5 => "unified_cm" {
        key: KeyKind::Hex32,
        symbols: Symbols::Constant,
        prefixes: &["CTIERR_"],
        // JTAPI: the exception's constants, and the registration-failure events that repeat
        // some of them without the `CTIERR_` prefix.
        qualifiers: &[
            "CiscoJtapiException",
            "CiscoTermRegistrationFailedEv",
            "CiscoAddrRegistrationFailedEv",
        ],
        layer: Layer::UnifiedCm,
        receiver: Receiver::Jtapi,
        in_error_message: true,
        specificity: 0,
        ..Spec::BASE
    }
    /// CTI OS client interface library (CIL) return and error codes `CIL_*` / `E_CTIOS_*`.
    Ctios = 6 => "ctios" {
        prefixes: &["E_CTIOS_", "CIL_"],
        layer: Layer::Ctios,
        receiver: Receiver::Ctios,
        in_error_message: true,
        ..Spec::BASE
    }
    /// XMPP error conditions of the Finesse notification channel: stream, stanza and SASL
    /// (RFC 6120) and BOSH binding conditions, keyed `kind:condition` (`stream:conflict`).
    Xmpp = 7 => "xmpp" {
        key: KeyKind::Name,
        symbols: Symbols::XmppPair,
        layer: Layer::XmppServer,
        receiver: Receiver::Finesse,
        sent_by_finesse: true,
        ..Spec::BASE
    }
    /// System reason codes of agent Not Ready / Logout (and a few other) state changes,
    /// per platform: the same number means different things on Unified CCE and CCX.
    ReasonCode = 8 => "reason_code" {
        columns: Columns::Platform,
        symbols: Symbols::Label,
        symbol_optional: true,
        layer: Layer::Finesse,
        receiver: Receiver::Finesse,
        sent_by_finesse: true,
        ..Spec::BASE
    }
    /// Errors the Finesse JavaScript library (finesse.js) makes itself, never sent by the
    /// server: `parseError`, `Not connected`, `Disconnected`, and the notification
    /// connection states it reports as failures (`conflict`, `unauthorized`, `failing`).
    FinesseJs = 9 => "finesse_js" {
        key: KeyKind::Name,
        symbols: Symbols::ErrorType,
        layer: Layer::FinesseJs,
        // The library's own errors reach the gadget: a Finesse client.
        receiver: Receiver::Finesse,
        specificity: 2,
        ..Spec::BASE
    }
    /// The `FailureCode` of CTI OS's OnCTIOSFailure event (the CIL's
    /// `enumCTIOS_FailureCode`: `eDriverOutOfService` ...).
    CtiosFailure = 10 => "ctios_failure" {
        symbols: Symbols::CilEnumerator,
        // The Java CIL's `CtiOs_Enums.FailureCode` (C++ `enumCTIOS_FailureCode`).
        qualifiers: &["FailureCode", "enumCTIOS_FailureCode"],
        layer: Layer::Ctios,
        receiver: Receiver::Ctios,
        ..Spec::BASE
    }
    /// The `ReasonCode` of CTI OS's OnConnectionFailure event: why the CIL lost its CTI OS
    /// server (`eMissedHeartbeats` ...).
    CtiosConnection = 11 => "ctios_connection" {
        symbols: Symbols::CilEnumerator,
        layer: Layer::Ctios,
        receiver: Receiver::Ctios,
        ..Spec::BASE
    }
    /// `errorType`s of the Unified CCE Administration REST API (`/unifiedconfig`), a
    /// neighbour of Finesse with a look-alike error body (`invalidInput.outOfRange`).
    UcceConfig = 12 => "ucce_config" {
        key: KeyKind::Name,
        symbols: Symbols::Dotted,
        layer: Layer::UcceAdmin,
        receiver: Receiver::UcceAdmin,
        specificity: 2,
        ..Spec::BASE
    }
    /// The EventCause of CTI call events: `CEC_NONE` (0xffff), `CEC_*` 1–62 and the extended
    /// call-cleared causes `CECX_*` 1001–1057; PIM traces print the CSTA spelling `EC_*`.
    /// Many are normal clearings or information, not errors.
    CtiEventCause = 13 => "cti_event_cause" {
        key: KeyKind::Word16,
        prefixes: &["CECX_", "CEC_"],
        spellings: &[("EC_", "CEC_")],
        // Java `EventCause`, Haskell `EventCause`.
        qualifiers: &["EventCause"],
        layer: Layer::PeripheralGateway,
        ..Spec::BASE
    }
    /// The PGStatus bit flags of the CTI session (`PGS_*`): a status value is a set of flags,
    /// 0 meaning normal; any value decodes into its flags.
    CtiPgStatus = 14 => "cti_pg_status" {
        key: KeyKind::Flags,
        prefixes: &["PGS_"],
        symbol_optional: true,
        // Java `PGStatusCodes`, C++ `PGStatusCode`, Haskell `PGStatusCodeMask`.
        qualifiers: &["PGStatusCodes", "PGStatusCode", "PGStatusCodeMask"],
        layer: Layer::PeripheralGateway,
        ..Spec::BASE
    }
    /// The SystemEventID of the CTI Server's SYSTEM_EVENT (`SYS_*`), which CTI OS surfaces
    /// through OnCTIOSFailure (`enumCTIOS_SystemEventID`: `eSysTextFYI` ...).
    CtiSystemEvent = 15 => "cti_system_event" {
        symbols: Symbols::PrefixedOrEnumerator,
        prefixes: &["SYS_"],
        // Java `SystemEvents`, Haskell `SystemEventID`, the CIL's `enumCTIOS_SystemEventID`.
        qualifiers: &["SystemEvents", "SystemEventID", "enumCTIOS_SystemEventID"],
        ..Spec::BASE
    }
    /// Unified CCX error codes `CCX_*` (0, 88001 ...) of the Unified CCX CTI protocol.
    UccxError = 16 => "uccx_error" {
        prefixes: &["CCX_"],
        layer: Layer::PeripheralGateway,
        ..Spec::BASE
    }
    /// Unified CM CDR call termination causes (`origCause_value`, `destCause_value`): Q.850
    /// causes, Cisco's own values and the `CCM_SIP_*` composites (a SIP-status index over a
    /// Q.850 cause), stored in decimal.
    CucmCdrCause = 17 => "cucm_cdr_cause" {
        key: KeyKind::Composite,
        columns: Columns::Hex,
        symbols: Symbols::PrefixedOrLabel,
        prefixes: &["CCM_SIP_"],
        layer: Layer::UnifiedCm,
        receiver: Receiver::Reporting,
        ..Spec::BASE
    }
    /// Unified CM CDR redirect reasons (`origCalledPartyRedirectReason`,
    /// `lastRedirectRedirectReason`): Q.931 reasons and Cisco's own, as labels.
    CucmRedirectReason = 18 => "cucm_redirect_reason" {
        symbols: Symbols::Label,
        layer: Layer::UnifiedCm,
        receiver: Receiver::Reporting,
        ..Spec::BASE
    }
    /// Unified CM CDR OnBehalfOf codes (`origCallTerminationOnBehalfOf`,
    /// `destCallTerminationOnBehalfOf` ...): the feature that ended, redirected or joined the
    /// call, as labels.
    CucmOnBehalfOf = 19 => "cucm_onbehalfof" {
        symbols: Symbols::Label,
        layer: Layer::UnifiedCm,
        receiver: Receiver::Reporting,
        ..Spec::BASE
    }
    /// The CallResult of an Outbound Option Dialer attempt (Dialer_Detail): how the call to
    /// a customer ended, whether it counts as an attempt, and what the dialer does next
    /// ([`dialer_facts`](crate::dialer_facts)); a SIP status and Q.850 cause map onto one
    /// ([`dialer_results_for_sip`](crate::dialer_results_for_sip)).
    DialerCallResult = 20 => "dialer_call_result" {
        columns: Columns::Dialer,
        symbols: Symbols::Constant,
        symbol_optional: true,
        qualifiers: &["DialerCallResult"],
        layer: Layer::Dialer,
        receiver: Receiver::Reporting,
        ..Spec::BASE
    }
}

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
        self.spec().prefixes
    }

    /// How the family's codes are written and keyed.
    ///
    /// ```
    /// use finesse_errors::{Family, KeyKind};
    ///
    /// assert_eq!(Family::CtiStatus.key_kind(), KeyKind::Decimal);
    /// ```
    pub const fn key_kind(self) -> KeyKind {
        self.spec().key
    }

    /// The layer that raises most of the family's codes (each entry says its own,
    /// [`ErrorInfo::layer`](crate::ErrorInfo::layer)).
    ///
    /// ```
    /// use finesse_errors::{Family, Layer};
    ///
    /// assert_eq!(Family::UnifiedCm.layer(), Layer::UnifiedCm);
    /// ```
    pub const fn layer(self) -> Layer {
        self.spec().layer
    }

    /// The client that receives the family's codes: recovery plans are written for it.
    ///
    /// ```
    /// use finesse_errors::{Family, Receiver};
    ///
    /// assert_eq!(Family::UnifiedCm.receiver(), Receiver::Jtapi);
    /// ```
    pub const fn receiver(self) -> Receiver {
        self.spec().receiver
    }

    /// Other prefixes logs print for the family's names, as `(printed, published)`: PIM
    /// traces print the CTI EventCause in CSTA style, `EC_NEW_CALL` for `CEC_NEW_CALL`.
    /// Lookups accept the printed spelling as the published name.
    ///
    /// ```
    /// use finesse_errors::Family;
    ///
    /// assert!(Family::CtiStatus.spellings().is_empty());
    /// ```
    pub const fn spellings(self) -> &'static [(&'static str, &'static str)] {
        self.spec().spellings
    }

    /// Whether a Finesse client receives this family's codes from Finesse itself (its error
    /// types, XMPP conditions and the reason codes of its User object), not from a library
    /// or a product behind it.
    ///
    /// ```
    /// use finesse_errors::Family;
    ///
    /// assert!(Family::Xmpp.sent_by_finesse());
    /// assert!(!Family::FinesseJs.sent_by_finesse());
    /// ```
    pub const fn sent_by_finesse(self) -> bool {
        self.spec().sent_by_finesse
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
        self.spec().qualifiers
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
        matches!(self.spec().key, KeyKind::Name)
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
        self.spec().in_error_message
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
