//! `fe_error`: one entry in C layout, and the static table of every entry, built at compile
//! time index for index with `finesse_errors::all()`.

use super::vocab::{
    CATEGORY_NAMES, EVIDENCE_NAMES, LAYER_NAMES, PLATFORM_NAMES, RETRY_NAMES, c_category,
    c_evidence, c_family, c_layer, c_platform, c_retry, fe_category, fe_evidence, fe_family,
    fe_layer, fe_platform, fe_retry,
};
use core::ffi::c_char;
use core::mem::size_of;
use core::ptr;
use errors::ErrorInfo;

/// What the knowledge base knows about one error code.
///
/// Entries live in a static table for the whole life of the program: never write to one and
/// never free one or any of its strings. Every string field is a non-NULL, NUL-terminated
/// UTF-8 string (possibly empty, as noted per field); the same entry is always returned at
/// the same address, so entries can be compared by pointer.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct fe_error {
    /// The family (table) this entry belongs to: one of the FE_FAMILY_* constants.
    pub family: fe_family,
    /// The numeric code when has_code is true, otherwise 0.
    pub code: i32,
    /// The HTTP status Finesse answers with (finesse_api entries), or 0 when there is none.
    pub http_status: u16,
    /// Whether the entry has a numeric code: true for every entry except most finesse_api
    /// ones.
    pub has_code: bool,
    /// The category as a number: one of the FE_CATEGORY_* constants.
    pub category_id: fe_category,
    /// The retry advice as a number: one of the FE_RETRY_* constants.
    pub retry_id: fe_retry,
    /// The layer as a number: one of the FE_LAYER_* constants.
    pub layer_id: fe_layer,
    /// The canonical symbol as published ("E_CTI_TIMEOUT", "Invalid State", ...). Empty only
    /// for the few peripheral codes whose name was never published.
    pub symbol: *const c_char,
    /// Other published spellings of the symbol, separated by single spaces; empty if none.
    /// fe_lookup_symbol() accepts each of them.
    pub aliases: *const c_char,
    /// The category's name ("state", "timeout", ...), as fe_category_name(category_id).
    pub category: *const c_char,
    /// The retry advice's name ("never", "after_delay", ...), as fe_retry_name(retry_id).
    pub retry: *const c_char,
    /// The layer's name ("finesse", "cti_server", ...), as fe_layer_name(layer_id).
    pub layer: *const c_char,
    /// One sentence saying what happened.
    pub message: *const c_char,
    /// What an operator or a program should do about it.
    pub remediation: *const c_char,
    /// Where the code is published: space-separated source keys.
    pub source: *const c_char,
    /// A note for the reader (source disagreements, release differences); empty if none.
    pub note: *const c_char,
    /// Whether the entry belongs to a platform (reason_code entries).
    pub has_platform: bool,
    /// The platform when has_platform is true (one of the FE_PLATFORM_* constants), else 0.
    pub platform_id: fe_platform,
    /// The platform's name ("ucce", "uccx", "finesse"), or "" when has_platform is false.
    pub platform: *const c_char,
    /// How we know what the entry says: one of the FE_EVIDENCE_* constants. When it is
    /// FE_EVIDENCE_INFERRED, the remediation is a likely explanation, not a documented fact.
    pub evidence_id: fe_evidence,
    /// The evidence level's name ("documented", "observed", "inferred"), as
    /// fe_evidence_name(evidence_id).
    pub evidence: *const c_char,
    /// The same underlying error in another family (a PERERR_CM_* code and its JTAPI CTIERR
    /// twin), or NULL when there is none. It points into the same static table.
    pub twin: *const fe_error,
}

// SAFETY: an `fe_error` is only ever created in the `FE_ERRORS` static below, and every
// pointer in it points to immutable, NUL-terminated `'static` data (the string tables of
// `finesse-errors` and the `c"..."` literals of this crate). Nothing writes through them, so
// sharing them between threads is sound.
unsafe impl Sync for fe_error {}

/// The C view of one entry; only runs at compile time, in the `FE_ERRORS` initialiser.
pub(crate) const fn c_entry(info: &'static ErrorInfo) -> fe_error {
    let (code, has_code) = match info.code() {
        Some(code) => (code, true),
        None => (0, false),
    };
    let http_status = match info.http_status() {
        Some(status) => status,
        None => 0,
    };
    let (has_platform, platform_id, platform) = match info.platform() {
        Some(p) => (
            true,
            c_platform(p),
            PLATFORM_NAMES[p.to_u32() as usize].as_ptr(),
        ),
        None => (false, fe_platform::Ucce, c"".as_ptr()),
    };
    fe_error {
        family: c_family(info.family()),
        code,
        http_status,
        has_code,
        category_id: c_category(info.category()),
        retry_id: c_retry(info.retry()),
        layer_id: c_layer(info.layer()),
        symbol: info.symbol_c().as_ptr(),
        aliases: info.aliases_c().as_ptr(),
        category: CATEGORY_NAMES[info.category().to_u32() as usize].as_ptr(),
        retry: RETRY_NAMES[info.retry().to_u32() as usize].as_ptr(),
        layer: LAYER_NAMES[info.layer().to_u32() as usize].as_ptr(),
        message: info.message_c().as_ptr(),
        remediation: info.remediation_c().as_ptr(),
        source: info.source_c().as_ptr(),
        note: info.note_c().as_ptr(),
        has_platform,
        platform_id,
        platform,
        evidence_id: c_evidence(info.evidence()),
        evidence: EVIDENCE_NAMES[info.evidence().to_u32() as usize].as_ptr(),
        twin: ptr::null(),
    }
}

pub(crate) const ENTRY_COUNT: usize = errors::all().len();

/// A placeholder that the `FE_ERRORS` initialiser overwrites before the table exists.
const UNFILLED: fe_error = fe_error {
    family: fe_family::FinesseApi,
    code: 0,
    http_status: 0,
    has_code: false,
    category_id: fe_category::Unspecified,
    retry_id: fe_retry::Never,
    layer_id: fe_layer::Finesse,
    symbol: ptr::null(),
    aliases: ptr::null(),
    category: ptr::null(),
    retry: ptr::null(),
    layer: ptr::null(),
    message: ptr::null(),
    remediation: ptr::null(),
    source: ptr::null(),
    note: ptr::null(),
    has_platform: false,
    platform_id: fe_platform::Ucce,
    platform: ptr::null(),
    evidence_id: fe_evidence::Documented,
    evidence: ptr::null(),
    twin: ptr::null(),
};

/// Every entry of `finesse_errors::all()` in C layout, at the same index, built at compile
/// time.
pub(crate) static FE_ERRORS: [fe_error; ENTRY_COUNT] = {
    let all = errors::all();
    let mut table = [UNFILLED; ENTRY_COUNT];
    let mut i = 0;
    while i < ENTRY_COUNT {
        table[i] = c_entry(&all[i]);
        // The twin is the entry at the same index as the Rust twin: a pointer into this very
        // table, which a static may hold.
        if let Some(twin) = all[i].twin() {
            table[i].twin = &FE_ERRORS[index_of(twin)];
        }
        i += 1;
    }
    table
};

/// The index of an entry of `finesse_errors::all()` (compile time only): the row with the
/// same family, code, status, platform and symbol, which identify a row.
const fn index_of(info: &ErrorInfo) -> usize {
    const fn code(c: Option<i32>) -> i64 {
        match c {
            Some(c) => c as i64,
            None => i64::MIN,
        }
    }
    const fn status(s: Option<u16>) -> i32 {
        match s {
            Some(s) => s as i32,
            None => -1,
        }
    }
    const fn platform(p: Option<errors::Platform>) -> i64 {
        match p {
            Some(p) => p.to_u32() as i64,
            None => -1,
        }
    }
    let all = errors::all();
    let mut i = 0;
    while i < all.len() {
        let other = &all[i];
        if other.family().to_u32() == info.family().to_u32()
            && code(other.code()) == code(info.code())
            && status(other.http_status()) == status(info.http_status())
            && platform(other.platform()) == platform(info.platform())
            && super::vocab::same_bytes(other.symbol().as_bytes(), info.symbol().as_bytes())
        {
            return i;
        }
        i += 1;
    }
    panic!("a twin outside finesse_errors::all()")
}

/// The C entry of a Rust entry. `finesse_errors::all()` is one contiguous slice and
/// `FE_ERRORS` mirrors it index for index, so the index follows from the address. `None` for
/// an `ErrorInfo` outside that slice (a copy), which the lookups never return.
pub(crate) fn to_c(info: &ErrorInfo) -> Option<&'static fe_error> {
    let base = errors::all().as_ptr().addr();
    let offset = ptr::from_ref(info).addr().checked_sub(base)?;
    if offset % size_of::<ErrorInfo>() != 0 {
        return None;
    }
    FE_ERRORS.get(offset / size_of::<ErrorInfo>())
}
