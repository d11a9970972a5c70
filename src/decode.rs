//! Values that are more than one code: a PGStatus is a set of bit flags, and a Unified CM
//! CDR cause may be a composite of a SIP status and a Q.850 cause. Both decode any value,
//! listed or not, without allocating.

use crate::{ErrorInfo, Family, lookup};

/// The flags set in a PGStatus value, as entries of `cti_pg_status`; made by
/// [`pg_status_flags`].
///
/// ```
/// use finesse_errors::pg_status_flags;
///
/// let flags = pg_status_flags(0x0000_0003);
/// let names: Vec<&str> = flags.clone().map(|e| e.symbol()).collect();
/// assert_eq!(names, ["PGS_OPC_DOWN", "PGS_CC_DOWN"]);
/// assert_eq!(flags.unknown_bits(), 0);
/// assert_eq!(pg_status_flags(0x8000_0001).unknown_bits(), 0x8000_0000);
/// assert!(pg_status_flags(0).is_normal());
/// ```
#[derive(Clone, Debug)]
pub struct PgStatusFlags {
    status: u32,
    next_bit: u32,
}

/// Decodes a PGStatus value into its named flags (lowest bit first). `0` means normal: no
/// flag is set (its own entry is `lookup(Family::CtiPgStatus, 0)`).
pub const fn pg_status_flags(status: u32) -> PgStatusFlags {
    PgStatusFlags {
        status,
        next_bit: 0,
    }
}

impl PgStatusFlags {
    /// The value being decoded.
    pub const fn status(&self) -> u32 {
        self.status
    }

    /// Whether no flag is set.
    pub const fn is_normal(&self) -> bool {
        self.status == 0
    }

    /// The bits set in the value that no entry names (a newer release's flag, or noise).
    pub fn unknown_bits(&self) -> u32 {
        let mut rest = self.status;
        let mut unknown = 0;
        while rest != 0 {
            let mask = rest & rest.wrapping_neg();
            rest &= !mask;
            if flag(mask).is_none() {
                unknown |= mask;
            }
        }
        unknown
    }
}

fn flag(mask: u32) -> Option<&'static ErrorInfo> {
    lookup(Family::CtiPgStatus, mask as i32)
}

impl Iterator for PgStatusFlags {
    type Item = &'static ErrorInfo;

    fn next(&mut self) -> Option<Self::Item> {
        // Only the set bits: the lowest one still to visit is found with `trailing_zeros`.
        while self.next_bit < 32 {
            let rest = self.status >> self.next_bit;
            if rest == 0 {
                self.next_bit = 32;
                break;
            }
            let bit = self.next_bit + rest.trailing_zeros();
            self.next_bit = bit + 1;
            if let Some(entry) = flag(1 << bit) {
                return Some(entry);
            }
        }
        None
    }
}

/// How a composite CDR cause's SIP status was read from its high byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SipBasis {
    /// A published `CCM_SIP_*` value has this high byte and names the status.
    Listed,
    /// No published value has this high byte; the status follows the numbering every
    /// published value keeps (400–433 are 0x01–0x22, 480–505 are 0x40–0x59): our reading.
    Pattern,
}

/// A Unified CM CDR cause value decoded; made by [`cdr_cause`].
///
/// ```
/// use finesse_errors::{cdr_cause, SipBasis};
///
/// // CCM_SIP_486_BUSY_HERE: 0x46000011, SIP 486 over Q.850 17 (user busy).
/// let busy = cdr_cause(0x4600_0011);
/// assert_eq!(busy.sip_status(), Some((486, SipBasis::Listed)));
/// assert_eq!(busy.q850().map(|e| e.code()), Some(Some(17)));
/// assert!(busy.entry().is_some());
///
/// // Not published, decoded all the same: 0x4600001F is SIP 486 over Q.850 31.
/// let unlisted = cdr_cause(0x4600_001F);
/// assert!(unlisted.entry().is_none());
/// assert_eq!(unlisted.sip_status(), Some((486, SipBasis::Listed)));
/// assert_eq!(unlisted.q850().and_then(|e| e.code()), Some(31));
///
/// // A plain Q.850 cause is no composite.
/// assert!(!cdr_cause(16).is_composite());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CdrCause {
    value: u32,
}

/// Decodes a CDR cause value (`origCause_value`, `destCause_value`) as stored in decimal;
/// cast a signed form (`-1493172161`) with `as u32`.
pub const fn cdr_cause(value: u32) -> CdrCause {
    CdrCause { value }
}

impl CdrCause {
    /// The value.
    pub const fn value(&self) -> u32 {
        self.value
    }

    /// The published entry for exactly this value, if any.
    pub fn entry(&self) -> Option<&'static ErrorInfo> {
        lookup(Family::CucmCdrCause, self.value as i32)
    }

    /// Whether the value has the composite shape: a SIP-status index in the high byte, zero
    /// in bits 8–23, a Q.850 cause in the low byte.
    pub const fn is_composite(&self) -> bool {
        self.value >> 24 != 0 && self.value & 0x00FF_FF00 == 0
    }

    /// The SIP-status index (the high byte) of a composite value.
    pub const fn sip_index(&self) -> Option<u8> {
        if self.is_composite() {
            Some((self.value >> 24) as u8)
        } else {
            None
        }
    }

    /// The SIP status a composite value stands for, and how it was read; `None` for a value
    /// that is no composite or an index neither published nor in the numbering's ranges.
    pub fn sip_status(&self) -> Option<(u16, SipBasis)> {
        let index = self.sip_index()?;
        let high_byte = |e: &ErrorInfo| e.code().map(|c| (c as u32) >> 24);
        // The family's entries are ordered by unsigned value, so the values with this high
        // byte are one run: found by bisection instead of reading all of them.
        let entries = crate::entries(Family::CucmCdrCause);
        let start = entries.partition_point(|e| high_byte(e) < Some(u32::from(index)));
        let listed = entries[start..]
            .iter()
            .take_while(|e| high_byte(e) == Some(u32::from(index)))
            .find_map(|e| sip_status_in(e.symbol()));
        if let Some(status) = listed {
            return Some((status, SipBasis::Listed));
        }
        let status = match index {
            0x01..=0x22 => 399 + u16::from(index),
            0x40..=0x59 => 416 + u16::from(index),
            _ => return None,
        };
        Some((status, SipBasis::Pattern))
    }

    /// The Q.850 cause in the low byte of a composite value, as its `cucm_cdr_cause` entry
    /// (`None` when the value is no composite or the cause is not listed).
    pub fn q850(&self) -> Option<&'static ErrorInfo> {
        if !self.is_composite() {
            return None;
        }
        lookup(Family::CucmCdrCause, (self.value & 0xFF) as i32)
    }
}

/// The SIP status a `CCM_SIP_<status>_...` name carries (`CCM_SIP__410_GONE` too).
fn sip_status_in(symbol: &str) -> Option<u16> {
    let rest = symbol.strip_prefix("CCM_SIP_")?.trim_start_matches('_');
    let digits = rest.get(..3)?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())
        .flatten()
}
