//! `fe_pg_status_flags()` and `fe_cdr_cause()`: values that are more than one code.
//! (Paths go through `super`: the fuzz targets compile this crate as a module.)

use super::entry::{fe_error, to_c};
use super::guard;
use core::ptr;
use errors::SipBasis;

/// How fe_cdr_cause() read a composite cause's SIP status from its high byte.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_sip_basis {
    /// A published CCM_SIP_* value has this high byte and names the status.
    Listed = 0,
    /// No published value has this high byte; the status follows the numbering every
    /// published value keeps (400-433 are 0x01-0x22, 480-505 are 0x40-0x59): our reading.
    Pattern = 1,
}

const fn c_basis(basis: SipBasis) -> fe_sip_basis {
    match basis {
        SipBasis::Listed => fe_sip_basis::Listed,
        // SipBasis is non-exhaustive: a new basis is a pattern reading until C learns it.
        _ => fe_sip_basis::Pattern,
    }
}

/// A Unified CM CDR cause value decoded: written by fe_cdr_cause().
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct fe_cdr_cause_t {
    /// The value decoded.
    pub value: u32,
    /// Whether the value has the composite shape: a SIP-status index in the high byte, zero in
    /// bits 8-23, a Q.850 cause in the low byte.
    pub composite: bool,
    /// The SIP-status index (the high byte) when composite is true, otherwise 0.
    pub sip_index: u8,
    /// Whether sip_status and sip_basis hold a SIP status (false for a value that is no
    /// composite, or whose index is neither published nor in the numbering's ranges).
    pub has_sip_status: bool,
    /// The SIP status (486, ...) when has_sip_status is true, otherwise 0.
    pub sip_status: u16,
    /// How the SIP status was read: one of the FE_SIP_BASIS_* constants; FE_SIP_BASIS_LISTED
    /// when has_sip_status is false.
    pub sip_basis: fe_sip_basis,
    /// The published entry for exactly this value (family FE_FAMILY_CUCM_CDR_CAUSE), or NULL
    /// when the value is not listed. Static: never free it.
    pub entry: *const fe_error,
    /// The Q.850 cause in the low byte of a composite value, as its entry; NULL when the value
    /// is no composite or the cause is not listed. Static: never free it.
    pub q850: *const fe_error,
}

pub(crate) fn entry_ptr(info: Option<&'static errors::ErrorInfo>) -> *const fe_error {
    info.and_then(to_c).map_or(ptr::null(), ptr::from_ref)
}

/// The flags set in a PGStatus value, as entries of FE_FAMILY_CTI_PG_STATUS, lowest bit first.
///
/// Writes up to capacity entries to out and returns how many flags are named in all: when that
/// is more than capacity, call again with a larger array (32 is always enough). 0 is the
/// normal status: no flag (its own entry is fe_lookup(FE_FAMILY_CTI_PG_STATUS, 0)). When
/// unknown_bits is not NULL, writes to it the bits set in status that no entry names. out may
/// be NULL when capacity is 0 (to count). Example: 0x3 gives PGS_OPC_DOWN and PGS_CC_DOWN;
/// 0x80000001 gives PGS_OPC_DOWN and unknown bits 0x80000000.
///
/// # Safety
/// out must be NULL or point to writable memory for capacity `const fe_error *`; unknown_bits
/// must be NULL or point to writable memory for one uint32_t.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_pg_status_flags(
    status: u32,
    out: *mut *const fe_error,
    capacity: usize,
    unknown_bits: *mut u32,
) -> usize {
    guard(0, || {
        let flags = errors::pg_status_flags(status);
        if !unknown_bits.is_null() {
            // SAFETY: `unknown_bits` is not NULL, and the caller guarantees it points to
            // writable memory for one u32.
            unsafe { unknown_bits.write(flags.unknown_bits()) };
        }
        let mut total = 0;
        for flag in flags {
            let Some(entry) = to_c(flag) else {
                continue;
            };
            if total < capacity && !out.is_null() {
                // SAFETY: `out` is not NULL and the caller guarantees room for `capacity`
                // pointers; `total < capacity`.
                unsafe { out.add(total).write(ptr::from_ref(entry)) };
            }
            total += 1;
        }
        total
    })
}

/// Decodes a Unified CM CDR cause value (origCause_value, destCause_value; cast a signed form
/// such as -1493172161 to uint32_t) into *out and returns true; returns false, writing
/// nothing, when out is NULL. Every value decodes, listed or not. Example: 0x46000011 is
/// CCM_SIP_486_BUSY_HERE, SIP 486 (listed) over Q.850 17; 0x4600001F is no entry, but SIP
/// 486 over Q.850 31; 16 is no composite.
///
/// # Safety
/// out must be NULL or point to writable memory for one fe_cdr_cause_t.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_cdr_cause(value: u32, out: *mut fe_cdr_cause_t) -> bool {
    guard(false, || {
        if out.is_null() {
            return false;
        }
        let cause = errors::cdr_cause(value);
        let sip = cause.sip_status();
        let decoded = fe_cdr_cause_t {
            value,
            composite: cause.is_composite(),
            sip_index: cause.sip_index().unwrap_or(0),
            has_sip_status: sip.is_some(),
            sip_status: sip.map_or(0, |(status, _)| status),
            sip_basis: sip.map_or(fe_sip_basis::Listed, |(_, basis)| c_basis(basis)),
            entry: entry_ptr(cause.entry()),
            q850: entry_ptr(cause.q850()),
        };
        // SAFETY: `out` is not NULL, and the caller guarantees it points to writable memory
        // for one fe_cdr_cause_t.
        unsafe { out.write(decoded) };
        true
    })
}
