//! The anchors: the few literals that can start a code in a log line, and what each means.
//!
//! One SIMD multi-literal search (aho-corasick's packed Teddy searcher) finds them; the token
//! around each hit is then decoded in place and looked up in the perfect hash. A handful of
//! literals keeps the search at memory speed, where one automaton over every name does not.

use crate::Family;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use alloc::vec::Vec;
use std::sync::OnceLock;

/// The symbol prefixes of the families whose names carry one, longest first where one
/// prefix starts another. The single table the scanner takes families from.
pub(crate) const PREFIXES: &[(&str, Family)] = &[
    ("E_CTIOS_", Family::Ctios),
    ("E_CTI_", Family::CtiStatus),
    ("E_ARM_STAT_", Family::MediaRouting),
    ("CF_", Family::CtiControlFailure),
    ("PERERR_", Family::Peripheral),
    ("CTIERR_", Family::UnifiedCm),
    ("CIL_", Family::Ctios),
];

/// A field whose name says which family the number after it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// Finesse `ErrorData` / `errorData`: the family comes from the error message.
    ErrorData,
    /// `peripheralErrorCode` / `PeripheralErrorCode`.
    PeripheralErrorCode,
    /// CTI OS `FailureCode`: the family comes from the record's event name.
    FailureCode,
    /// `reasonCode`, `eventReasonCode`, `ReasonCode`.
    ReasonCode,
    /// JTAPI object dumps: `reason = <signed int>`.
    JtapiReason,
}

/// Where an XMPP condition sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Xmpp {
    /// `<condition xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>`.
    StreamNs,
    /// `<condition xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>`.
    StanzaNs,
    /// `<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><condition/>`.
    SaslNs,
    /// BOSH `condition='...'`.
    Condition,
    /// `StreamError: <condition>` (client libraries).
    StreamError,
    /// `SASLError using <MECHANISM>: <condition>`.
    SaslError,
}

/// What an anchor starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A family prefix: the token is a symbol.
    Prefix(Family),
    /// `0x8CCC`: an 8-digit Unified CM value.
    Hex,
    /// A field name followed by a number. `lead` bytes of the name precede the literal.
    Field(Field),
    /// `Exception.` / `Ev.`: a qualified JTAPI constant follows.
    Qualifier,
    /// An XMPP shape.
    Xmpp(Xmpp),
    /// `ApiErrors` / `apiErrors`: a Finesse response embedded in the line.
    Response,
}

/// Every anchor literal with its meaning. Field names are anchored without their first
/// letter, so one literal serves both casings (`ErrorData`, `errorData`).
pub(crate) const ANCHORS: &[(&str, Kind)] = &[
    ("E_CTI", Kind::Prefix(Family::CtiStatus)),
    ("E_ARM_STAT_", Kind::Prefix(Family::MediaRouting)),
    ("CF_", Kind::Prefix(Family::CtiControlFailure)),
    ("PERERR_", Kind::Prefix(Family::Peripheral)),
    ("CTIERR_", Kind::Prefix(Family::UnifiedCm)),
    ("CIL_", Kind::Prefix(Family::Ctios)),
    ("0x8CCC", Kind::Hex),
    ("0x8ccc", Kind::Hex),
    ("0X8CCC", Kind::Hex),
    ("rrorData", Kind::Field(Field::ErrorData)),
    (
        "eripheralErrorCode",
        Kind::Field(Field::PeripheralErrorCode),
    ),
    ("FailureCode", Kind::Field(Field::FailureCode)),
    ("easonCode", Kind::Field(Field::ReasonCode)),
    ("reason =", Kind::Field(Field::JtapiReason)),
    ("reason=", Kind::Field(Field::JtapiReason)),
    ("Exception.", Kind::Qualifier),
    ("Ev.", Kind::Qualifier),
    ("xmpp-streams", Kind::Xmpp(Xmpp::StreamNs)),
    ("xmpp-stanzas", Kind::Xmpp(Xmpp::StanzaNs)),
    ("xmpp-sasl", Kind::Xmpp(Xmpp::SaslNs)),
    ("condition=", Kind::Xmpp(Xmpp::Condition)),
    ("StreamError", Kind::Xmpp(Xmpp::StreamError)),
    ("SASLError", Kind::Xmpp(Xmpp::SaslError)),
    ("piErrors", Kind::Response),
];

/// The anchor searcher and the meaning of each of its patterns.
pub(crate) struct Anchors {
    pub searcher: AhoCorasick,
    pub kinds: Vec<Kind>,
}

/// The searcher over [`ANCHORS`], plus every name of a prefixed family that does not start
/// with its family's prefix (`E_INVALID_CONFIG_MSG_MASK`), built once per process.
pub(crate) fn anchors() -> &'static Anchors {
    static ANCHORS_BUILT: OnceLock<Anchors> = OnceLock::new();
    ANCHORS_BUILT.get_or_init(|| {
        let mut literals: Vec<&'static str> = ANCHORS.iter().map(|&(l, _)| l).collect();
        let mut kinds: Vec<Kind> = ANCHORS.iter().map(|&(_, k)| k).collect();
        // Unified CM's bare constants (`TIMEOUT`) are words; they count only qualified.
        let prefixed = PREFIXES.iter().filter(|(_, f)| *f != Family::UnifiedCm);
        for &(_, family) in prefixed {
            for info in crate::entries(family) {
                for name in core::iter::once(info.symbol()).chain(info.aliases()) {
                    let covered = ANCHORS.iter().any(|&(literal, kind)| {
                        matches!(kind, Kind::Prefix(_)) && name.starts_with(literal)
                    });
                    if !name.is_empty() && !covered && !literals.contains(&name) {
                        literals.push(name);
                        kinds.push(Kind::Prefix(family));
                    }
                }
            }
        }
        let searcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .expect("the anchor literals are few and short");
        Anchors { searcher, kinds }
    })
}
