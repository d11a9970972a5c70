//! The anchors: the few literals that can start a code in a log line, and what each means.
//!
//! One SIMD multi-literal search (aho-corasick's packed Teddy searcher) finds them; the token
//! around each hit is then decoded in place and looked up in the perfect hash. A handful of
//! literals keeps the search at memory speed, where one automaton over every name does not.

use crate::Family;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use alloc::vec::Vec;
use std::sync::OnceLock;

/// The symbol prefixes of every family whose names carry one, longest first (so a prefix
/// that starts another, `E_CTI_` / `E_CTIOS_`, `CEC_` / `CECX_`, never takes its names), each
/// with its family: derived from the families' descriptions (`Family::prefixes`), so a new
/// prefixed family is scanned without an edit here. `cti_status`'s catch-all `E_` is left out:
/// it starts too many words to anchor on.
pub(crate) fn prefixes() -> &'static [(&'static str, Family)] {
    static PREFIXES: OnceLock<Vec<(&'static str, Family)>> = OnceLock::new();
    PREFIXES.get_or_init(|| {
        let mut all: Vec<(&'static str, Family)> = Family::ALL
            .iter()
            .flat_map(|&family| family.prefixes().iter().map(move |&p| (p, family)))
            .filter(|&(prefix, _)| prefix != "E_")
            .collect();
        // Stable: families keep their order among prefixes of one length.
        all.sort_by_key(|&(prefix, _)| core::cmp::Reverse(prefix.len()));
        all
    })
}

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
    /// A CTI call event's `EventCause` / `eventCause`.
    EventCause,
    /// A Unified CM CDR's `origCause_value` / `destCause_value`.
    CdrCause,
    /// An Outbound Option dialer attempt's `CallResult`.
    CallResult,
    /// A CTI session's `PGStatus`: a set of flags.
    PgStatus,
    /// A CTI `SYSTEM_EVENT`'s `SystemEventID`.
    SystemEvent,
}

/// Where an XMPP condition sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Xmpp {
    /// `<condition xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>` (or `-stanzas`), and
    /// `<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><condition/>`.
    Namespace,
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
    /// A prefix some logs print instead of the family's own (`EC_` for `CEC_`): the token is
    /// reported only when it is a known name in that spelling (CSTA prints many causes no
    /// CTI table has, `EC_NORMAL_CLEARING`), and is read by the exact names alone.
    Spelling(Family),
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

/// Every anchor with its meaning, as `(lead, literal, kind)`: the searcher looks for
/// `literal`, and the anchor is `lead` followed by it. The split puts a rare three bytes at
/// the literal's start, which is what the SIMD searcher filters on (`CTI`, `rea`, `rro` are in
/// every other Finesse line: `CTIMessageBean`, `thread`, `error`), and no literal hits
/// something common (`%CCBU_CTIMessage...` has `_CTI`, not `E_CTI`). Field names lose their
/// first letter, so one literal serves both casings (`ErrorData`, `errorData`).
pub(crate) const ANCHORS: &[(&str, &str, Kind)] = &[
    ("", "E_CTI", Kind::Prefix(Family::CtiStatus)),
    ("E", "_ARM_STAT_", Kind::Prefix(Family::MediaRouting)),
    ("", "CF_", Kind::Prefix(Family::CtiControlFailure)),
    ("PE", "RERR_", Kind::Prefix(Family::Peripheral)),
    ("C", "TIERR_", Kind::Prefix(Family::UnifiedCm)),
    ("", "CIL_", Kind::Prefix(Family::Ctios)),
    // `CEC_` and `CECX_`; the CSTA spelling `EC_NEW_CALL` of PIM traces is found by its own
    // anchor (a symbol must start at a word boundary, so `SPEC_` is no hit).
    ("", "CEC", Kind::Prefix(Family::CtiEventCause)),
    ("", "EC_", Kind::Spelling(Family::CtiEventCause)),
    ("", "PGS_", Kind::Prefix(Family::CtiPgStatus)),
    ("", "SYS_", Kind::Prefix(Family::CtiSystemEvent)),
    ("", "CCX_", Kind::Prefix(Family::UccxError)),
    ("CC", "M_SIP_", Kind::Prefix(Family::CucmCdrCause)),
    ("0x", "8CCC", Kind::Hex),
    ("0x", "8ccc", Kind::Hex),
    ("rr", "orData", Kind::Field(Field::ErrorData)),
    (
        "eripheral",
        "ErrorCode",
        Kind::Field(Field::PeripheralErrorCode),
    ),
    ("Fai", "lureCode", Kind::Field(Field::FailureCode)),
    // Before `ason`: at the same position the first listed literal wins.
    ("e", "asonCode", Kind::Field(Field::ReasonCode)),
    ("re", "ason", Kind::Field(Field::JtapiReason)),
    ("even", "tCause", Kind::Field(Field::EventCause)),
    ("Cause", "_value", Kind::Field(Field::CdrCause)),
    ("Cal", "lResult", Kind::Field(Field::CallResult)),
    ("P", "GStatus", Kind::Field(Field::PgStatus)),
    ("Syst", "emEventID", Kind::Field(Field::SystemEvent)),
    ("Exc", "eption.", Kind::Qualifier),
    ("", "Ev.", Kind::Qualifier),
    ("x", "mpp-s", Kind::Xmpp(Xmpp::Namespace)),
    ("con", "dition=", Kind::Xmpp(Xmpp::Condition)),
    ("Strea", "mError", Kind::Xmpp(Xmpp::StreamError)),
    ("SA", "SLError", Kind::Xmpp(Xmpp::SaslError)),
    ("p", "iErrors", Kind::Response),
];

/// The anchor searcher and the meaning of each of its patterns.
pub(crate) struct Anchors {
    pub searcher: AhoCorasick,
    /// Per pattern: the lead that must come before the literal, and the anchor's kind.
    pub kinds: Vec<(&'static str, Kind)>,
    /// The same literals for the block search, when the CPU has the SIMD it needs: Teddy
    /// with 16 buckets, which rejects far more non-anchors per step than the 8 the
    /// general searcher picks for this many literals.
    pub packed: Option<aho_corasick::packed::Searcher>,
    /// `piErrors`, looked for once per line with an anchor (an embedded response).
    pub response: memchr::memmem::Finder<'static>,
}

impl Anchors {
    /// The leftmost literal in `haystack[from..]`: its start and end.
    pub(crate) fn find(&self, haystack: &[u8], from: usize) -> Option<(usize, usize)> {
        match &self.packed {
            Some(packed) => packed
                .find_in(haystack, aho_corasick::Span::from(from..haystack.len()))
                .map(|m| (m.start(), m.end())),
            None => self
                .searcher
                .find(aho_corasick::Input::new(haystack).span(from..haystack.len()))
                .map(|m| (m.start(), m.end())),
        }
    }
}

/// The anchor at a hit of the searcher: where it starts (its lead included) and what it is;
/// `None` when the bytes before the literal are not its lead (ASCII case ignored).
pub(crate) fn at(bytes: &[u8], pattern: usize, literal_start: usize) -> Option<(usize, Kind)> {
    let (lead, kind) = anchors().kinds[pattern];
    let start = literal_start.checked_sub(lead.len())?;
    // Either case: `0X8CCC`, `e_CTI_...` (names are looked up ignoring case anyway).
    bytes[start..literal_start]
        .eq_ignore_ascii_case(lead.as_bytes())
        .then_some((start, kind))
}

/// How many bytes of a name outside its family's prefix make its literal.
const NAME_HEAD: usize = 4;

/// The most literals the packed (Teddy) searcher takes; past it the search falls back to a
/// DFA several times slower.
pub(crate) const MAX_PACKED_LITERALS: usize = 64;

/// A name a log prints as a constant, worth its own literal: an identifier with an underscore
/// (`E_INVALID_CONFIG_MSG_MASK`) or a CTI OS enumerator (`eSysTextFYI`). A published label
/// (`User busy`, `Preemption`) is no token a log prints as a code: a literal for it would find
/// prose and slow every search.
fn is_constant(name: &str) -> bool {
    let bytes = name.as_bytes();
    let identifier = !bytes.is_empty()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'_');
    let enumerator = bytes.len() > 2 && bytes[0] == b'e' && bytes[1].is_ascii_uppercase();
    identifier && (name.contains('_') || enumerator)
}

/// Whether `name` starts with one of the tuned prefix anchors (lead and literal).
fn starts_an_anchor(name: &str) -> bool {
    ANCHORS.iter().any(|&(lead, literal, kind)| {
        matches!(kind, Kind::Prefix(_))
            && name.starts_with(lead)
            && name[lead.len()..].starts_with(literal)
    })
}

/// The searcher over [`ANCHORS`], plus every name of a prefixed family that does not start
/// with its family's prefix (`E_INVALID_CONFIG_MSG_MASK`), built once per process.
pub(crate) fn anchors() -> &'static Anchors {
    static ANCHORS_BUILT: OnceLock<Anchors> = OnceLock::new();
    ANCHORS_BUILT.get_or_init(|| {
        let mut literals: Vec<&'static str> = ANCHORS.iter().map(|&(_, l, _)| l).collect();
        let mut kinds: Vec<(&str, Kind)> = ANCHORS.iter().map(|&(lead, _, k)| (lead, k)).collect();
        // A family prefix no tuned anchor above starts (a family added since): the prefix
        // itself is its anchor.
        for &(prefix, family) in prefixes() {
            if !starts_an_anchor(prefix) {
                literals.push(prefix);
                kinds.push(("", Kind::Prefix(family)));
            }
        }
        // Unified CM's bare constants (`TIMEOUT`) are words; they count only qualified.
        let prefixed = prefixes().iter().filter(|(_, f)| *f != Family::UnifiedCm);
        for &(_, family) in prefixed {
            for info in crate::entries(family) {
                for name in core::iter::once(info.symbol()).chain(info.aliases()) {
                    let covered = starts_an_anchor(name)
                        || prefixes()
                            .iter()
                            .any(|&(prefix, _)| name.starts_with(prefix));
                    // Its first bytes are enough to find it: the decoder reads and looks up
                    // the whole token, and one literal serves every name it starts
                    // (`eSys` for the sixteen `eSys*` enumerators).
                    let head = &name[..name.len().min(NAME_HEAD)];
                    if is_constant(name) && !covered && !literals.contains(&head) {
                        literals.push(head);
                        kinds.push(("", Kind::Prefix(family)));
                    }
                }
            }
        }
        debug_assert!(
            literals.len() <= MAX_PACKED_LITERALS,
            "{} anchor literals",
            literals.len()
        );
        let searcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .expect("the anchor literals are few and short");
        let response = memchr::memmem::Finder::new(b"piErrors");
        let packed = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .only_teddy_fat(Some(true))
            .builder()
            .extend(&literals)
            .build();
        Anchors {
            searcher,
            packed,
            kinds,
            response,
        }
    })
}

#[cfg(test)]
mod prefixes_agree {
    use super::{MAX_PACKED_LITERALS, anchors, prefixes};
    use crate::Family;

    /// The anchors fit the packed searcher (every name of a family's own spelling that its
    /// prefix does not start is one more literal): past its limit, the scan runs at a fraction
    /// of its speed.
    #[test]
    fn the_literals_fit_the_packed_searcher() {
        let count = anchors().kinds.len();
        assert!(count <= MAX_PACKED_LITERALS, "{count} anchor literals");
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("ssse3") {
            assert!(
                anchors().packed.is_some(),
                "{count} literals and no packed searcher"
            );
        }
    }

    /// A published label (a Q.850 cause's `Preemption`) in prose is no code.
    #[test]
    fn labels_are_no_anchors() {
        let line = b"10:00:00 Preemption of the call, then Call rejected and User busy\n";
        assert_eq!(crate::scan::scan(line).count(), 0);
    }

    /// The scanner's prefixes are every family's own (`Family::prefixes`) but `cti_status`'s
    /// catch-all `E_`, each naming the family `Family::of_prefix` gives, longest first; and a
    /// token with any of them is found by a scan, known or not.
    #[test]
    fn every_prefix_is_its_family_s_and_is_scanned() {
        let listed = prefixes();
        for pair in listed.windows(2) {
            assert!(pair[0].0.len() >= pair[1].0.len(), "{pair:?}");
        }
        for &(prefix, family) in listed {
            assert_eq!(
                Family::of_prefix(&format!("{prefix}X")),
                Some(family),
                "{prefix}"
            );
            let line = format!("10:00:00 at {prefix}NO_SUCH_NAME_ZZ here\n");
            let found: Vec<_> = crate::scan::scan(line.as_bytes()).collect();
            assert_eq!(found.len(), 1, "{prefix}: {found:?}");
            assert_eq!(
                found[0].finding,
                crate::scan::Finding::Unknown(family),
                "{prefix}"
            );
        }
        for &family in Family::ALL {
            for &prefix in family.prefixes() {
                let is_listed = listed.iter().any(|&(p, f)| p == prefix && f == family);
                assert!(is_listed || prefix == "E_", "{family}: {prefix}");
            }
        }
    }
}
