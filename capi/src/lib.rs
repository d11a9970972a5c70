//! C ABI for [`finesse-errors`](https://docs.rs/finesse-errors): Cisco Finesse, Unified CCE /
//! CCX CTI Server and Peripheral Gateway error codes, looked up from C (or anything that can
//! call C) without allocating.
//!
//! The crate builds `libfinesse_errors.a` and `libfinesse_errors.so`; the C declarations are in
//! `include/finesse_errors.h`, generated from this file by cbindgen, and that header is the
//! primary documentation. Every entry is a `const fe_error *` into a table built at compile
//! time: all of its strings are static and NUL-terminated, nothing is allocated and nothing is
//! freed by the caller. Every function checks its arguments (NULL, invalid UTF-8, unknown
//! vocabulary values, indexes past the end) and answers NULL or 0 instead of failing, and no
//! panic crosses the C boundary.
//!
//! Rust code should use `finesse-errors` directly; the Rust items here exist for the C
//! library and its tests.

#![deny(unsafe_op_in_unsafe_fn)]
#![deny(missing_docs)]
// The C names (`fe_error`, `fe_family`, ...) are the names cbindgen writes into the header.
#![allow(non_camel_case_types)]

mod decode;
mod dialer;
mod entry;
mod recovery;
mod resilience;
mod resolve;
mod scan;
mod vocab;

pub use decode::{fe_cdr_cause, fe_cdr_cause_t, fe_pg_status_flags, fe_sip_basis};
pub use dialer::{
    fe_dialer_action_name, fe_dialer_facts, fe_dialer_facts_t, fe_dialer_sip_at,
    fe_dialer_sip_count, fe_sip_mapping,
};
pub use entry::fe_error;
use entry::to_c;
pub use recovery::{FE_ACTION_COUNT, fe_action, fe_action_name, fe_recovery, fe_recovery_plan};
pub use resilience::{
    FE_MAX_NODES, FE_WHY_COUNT, fe_admission, fe_breaker_state, fe_budget, fe_budget_config,
    fe_budget_config_aws, fe_budget_config_grpc, fe_budget_deposit, fe_budget_free, fe_budget_new,
    fe_budget_tokens, fe_budget_withdraw, fe_decision, fe_nodes, fe_nodes_free, fe_nodes_new,
    fe_nodes_record_probe, fe_nodes_route, fe_nodes_state, fe_nodes_trip, fe_request,
    fe_request_begin, fe_request_decide, fe_request_free, fe_request_node, fe_transport, fe_why,
    fe_why_name,
};
pub use resolve::{FE_FORM_COUNT, fe_candidate, fe_form, fe_form_name, fe_resolve};
pub use scan::{
    FE_HOW_COUNT, fe_finding, fe_how, fe_how_name, fe_scan, fe_scan_callback, fe_scan_match,
    fe_scanner, fe_scanner_feed, fe_scanner_finish, fe_scanner_free, fe_scanner_new,
};
use vocab::{
    CATEGORY_NAMES, EVIDENCE_NAMES, FAMILY_NAMES, LAYER_NAMES, PLATFORM_NAMES, RETRY_NAMES,
};
pub use vocab::{
    FE_CATEGORY_COUNT, FE_DIALER_ACTION_COUNT, FE_EVIDENCE_COUNT, FE_FAMILY_COUNT, FE_LAYER_COUNT,
    FE_PLATFORM_COUNT, FE_RETRY_COUNT, fe_category, fe_dialer_action, fe_evidence, fe_family,
    fe_layer, fe_platform, fe_retry,
};

use core::ffi::{CStr, c_char};

use core::ptr;
use errors::{Family, Platform, Retry};
use std::panic::{UnwindSafe, catch_unwind};

/// Major version of this library (`FE_VERSION_MAJOR.FE_VERSION_MINOR.FE_VERSION_PATCH` is what
/// fe_version() returns).
pub const FE_VERSION_MAJOR: u32 = 0;
/// Minor version of this library.
pub const FE_VERSION_MINOR: u32 = 1;
/// Patch version of this library.
pub const FE_VERSION_PATCH: u32 = 0;

/// `fe_version()`: the package version, NUL-terminated at compile time.
static VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(version) => version,
        Err(_) => panic!("CARGO_PKG_VERSION contains a NUL"),
    };

/// Runs the body of an exported function; if it panics (nothing in it is meant to), answers
/// `fallback` instead of letting the panic reach C.
pub(crate) fn guard<T>(fallback: T, body: impl FnOnce() -> T + UnwindSafe) -> T {
    catch_unwind(body).unwrap_or(fallback)
}

/// A C string argument as `&str`: `None` for NULL or invalid UTF-8.
///
/// # Safety
/// `text` must be NULL or point to a NUL-terminated string that stays valid and unchanged for
/// `'a`.
pub(crate) unsafe fn str_arg<'a>(text: *const c_char) -> Option<&'a str> {
    if text.is_null() {
        return None;
    }
    // SAFETY: `text` is not NULL, and the caller guarantees that it points to a NUL-terminated
    // string that outlives `'a` and is not written to meanwhile.
    let text = unsafe { CStr::from_ptr(text) };
    text.to_str().ok()
}

/// The name of a vocabulary value as a static C string, or NULL if `value` is out of range.
pub(crate) fn name_of(names: &'static [&'static CStr], value: u32) -> *const c_char {
    usize::try_from(value)
        .ok()
        .and_then(|index| names.get(index))
        .map_or(ptr::null(), |name| name.as_ptr())
}

/// Looks up a numeric code in one family.
///
/// family: one of the FE_FAMILY_* constants. Returns NULL when the family is unknown or does
/// not define the code. Example: fe_lookup(FE_FAMILY_CTI_CONTROL_FAILURE, 265)->symbol is
/// "CF_INVALID_AGENT_WORKMODE".
#[unsafe(no_mangle)]
pub extern "C" fn fe_lookup(family: u32, code: i32) -> Option<&'static fe_error> {
    guard(None, || {
        let family = Family::from_u32(family)?;
        errors::lookup(family, code).and_then(to_c)
    })
}

/// Parses a code as a family writes it: a signed decimal in every family; for
/// FE_FAMILY_UNIFIED_CM also hex with or without "0x" (any case, at most 8 digits) and an
/// unsigned decimal up to 4294967295, all read as the same 32 bits. A string of decimal digits
/// is always decimal. Surrounding whitespace (any Unicode White_Space character: U+00A0,
/// U+3000 ... as well as ASCII) is ignored, as in every face of the library.
///
/// On success writes the code to *code (for fe_lookup()) and returns true; returns false, and
/// leaves *code alone, when family is unknown, text or code is NULL, or text is not a code of
/// that family. Example: fe_parse_code(FE_FAMILY_UNIFIED_CM, "0x8ccc00d2", &code) gives the
/// code of CTIERR_DEVICE_RESTRICTED, as do "2362179794" and "-1932787502".
///
/// # Safety
/// text must be NULL or point to a NUL-terminated string that stays readable and unchanged
/// during the call; code must be NULL or point to writable memory for one int32_t.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_parse_code(family: u32, text: *const c_char, code: *mut i32) -> bool {
    guard(false, || {
        if code.is_null() {
            return false;
        }
        let Some(family) = Family::from_u32(family) else {
            return false;
        };
        // SAFETY: forwarded from this function's contract.
        let Some(parsed) = unsafe { str_arg(text) }.and_then(|t| errors::parse_code(family, t))
        else {
            return false;
        };
        // SAFETY: `code` is not NULL, and the caller guarantees it points to writable memory
        // for one i32.
        unsafe { code.write(parsed) };
        true
    })
}

/// Looks up a reason code on one platform: the same number means different things on Unified
/// CCE and Unified CCX (fe_lookup(FE_FAMILY_REASON_CODE, code) gives the first platform's).
///
/// platform: one of the FE_PLATFORM_* constants. Returns NULL when the platform is unknown or
/// does not define the code. Example: fe_lookup_reason_code(FE_PLATFORM_UCCE, 50002).
#[unsafe(no_mangle)]
pub extern "C" fn fe_lookup_reason_code(platform: u32, code: i32) -> Option<&'static fe_error> {
    guard(None, || {
        let platform = Platform::from_u32(platform)?;
        errors::lookup_reason_code(platform, code).and_then(to_c)
    })
}

/// The name of a platform ("ucce", "uccx", "finesse"); NULL if platform is not one of the
/// FE_PLATFORM_* constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_platform_name(platform: u32) -> *const c_char {
    name_of(&PLATFORM_NAMES, platform)
}

/// The name of an evidence level ("documented", "observed", "inferred"); NULL if evidence is
/// not one of the FE_EVIDENCE_* constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_evidence_name(evidence: u32) -> *const c_char {
    name_of(&EVIDENCE_NAMES, evidence)
}

/// Looks up a symbol or alias in every family, ignoring ASCII case and surrounding whitespace
/// (any Unicode White_Space character; inner runs of it count as one space), and returns the
/// first entry that carries it (Finesse entries first, by HTTP status, then the other families
/// in FE_FAMILY_* order).
///
/// name: NULL or a NUL-terminated UTF-8 string. Returns NULL when name is NULL, is not valid
/// UTF-8 or is unknown. Example: fe_lookup_symbol("e_cti_timeout") is the cti_status entry 16.
///
/// # Safety
/// name must be NULL or point to a NUL-terminated string that stays readable and unchanged
/// during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_lookup_symbol(name: *const c_char) -> Option<&'static fe_error> {
    guard(None, || {
        // SAFETY: forwarded from this function's contract.
        let name = unsafe { str_arg(name) }?;
        errors::lookup_symbol(name).and_then(to_c)
    })
}

/// Looks up a Finesse REST error by HTTP status and ErrorType (or HTTP-level name such as
/// "SERVER_OUT_OF_SERVICE"), ignoring ASCII case, surrounding whitespace and repeated inner
/// spaces.
///
/// error_type: NULL or a NUL-terminated UTF-8 string. Returns NULL when error_type is NULL, is
/// not valid UTF-8, is unknown or is not documented with that status. Example:
/// fe_finesse_error(503, "Service Unavailable")->retry_id is FE_RETRY_AFTER_DELAY.
///
/// # Safety
/// error_type must be NULL or point to a NUL-terminated string that stays readable and
/// unchanged during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_finesse_error(
    http_status: u16,
    error_type: *const c_char,
) -> Option<&'static fe_error> {
    guard(None, || {
        // SAFETY: forwarded from this function's contract.
        let error_type = unsafe { str_arg(error_type) }?;
        errors::finesse_error(http_status, error_type).and_then(to_c)
    })
}

/// The number of entries in a family; 0 if the family is unknown.
///
/// With fe_entry(), iterates over a family: for (size_t i = 0; i < fe_count(f); i++)
/// fe_entry(f, i).
#[unsafe(no_mangle)]
pub extern "C" fn fe_count(family: u32) -> usize {
    guard(0, || {
        Family::from_u32(family).map_or(0, |family| errors::entries(family).len())
    })
}

/// The entry at index (0 to fe_count(family) - 1) of a family, ordered by code (finesse_api:
/// by HTTP status, then as in the data file).
///
/// Returns NULL when the family is unknown or index is not below fe_count(family).
#[unsafe(no_mangle)]
pub extern "C" fn fe_entry(family: u32, index: usize) -> Option<&'static fe_error> {
    guard(None, || {
        let family = Family::from_u32(family)?;
        errors::entries(family).get(index).and_then(to_c)
    })
}

/// The name of a family ("cti_status", ...), as used in the data files; NULL if family is not
/// one of the FE_FAMILY_* constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_family_name(family: u32) -> *const c_char {
    guard(ptr::null(), || name_of(&FAMILY_NAMES, family))
}

/// The name of a retry value ("after_delay", ...); NULL if retry is not one of the FE_RETRY_*
/// constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_retry_name(retry: u32) -> *const c_char {
    guard(ptr::null(), || name_of(&RETRY_NAMES, retry))
}

/// Whether retrying can ever help: true for FE_RETRY_AFTER_STATE_CHANGE,
/// FE_RETRY_AFTER_RECONNECT and FE_RETRY_AFTER_DELAY, false for the others and for unknown
/// values.
#[unsafe(no_mangle)]
pub extern "C" fn fe_retry_is_retryable(retry: u32) -> bool {
    guard(false, || {
        Retry::from_u32(retry).is_some_and(|retry| retry.is_retryable())
    })
}

/// The name of a category ("state", ...); NULL if category is not one of the FE_CATEGORY_*
/// constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_category_name(category: u32) -> *const c_char {
    guard(ptr::null(), || name_of(&CATEGORY_NAMES, category))
}

/// The name of a layer ("cti_server", ...); NULL if layer is not one of the FE_LAYER_*
/// constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_layer_name(layer: u32) -> *const c_char {
    guard(ptr::null(), || name_of(&LAYER_NAMES, layer))
}

/// The version of this library, "MAJOR.MINOR.PATCH" (the FE_VERSION_* constants of the
/// header it was built with). The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_version() -> *const c_char {
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::entry::FE_ERRORS;
    use super::vocab::{c_category, c_family, c_layer, c_retry};
    use super::*;
    use errors::{Category, ErrorInfo, Layer};

    /// The C string behind a field (never NULL in the table).
    fn text(field: *const c_char) -> &'static str {
        assert!(!field.is_null());
        // SAFETY: every pointer in `FE_ERRORS` and every name table entry points to a static
        // NUL-terminated string.
        unsafe { CStr::from_ptr(field) }
            .to_str()
            .expect("static strings are UTF-8")
    }

    fn check_entry(c: &fe_error, info: &ErrorInfo) {
        assert_eq!(c.family as u32, info.family().to_u32());
        assert_eq!(c.has_code, info.code().is_some());
        assert_eq!(c.code, info.code().unwrap_or(0));
        assert_eq!(c.http_status, info.http_status().unwrap_or(0));
        assert_eq!(c.category_id as u32, info.category().to_u32());
        assert_eq!(c.retry_id as u32, info.retry().to_u32());
        assert_eq!(c.layer_id as u32, info.layer().to_u32());
        assert_eq!(text(c.symbol), info.symbol());
        assert_eq!(
            text(c.aliases)
                .split(' ')
                .filter(|a| !a.is_empty())
                .collect::<Vec<_>>(),
            info.aliases().collect::<Vec<_>>()
        );
        assert_eq!(text(c.category), info.category().name());
        assert_eq!(text(c.retry), info.retry().name());
        assert_eq!(text(c.layer), info.layer().name());
        assert_eq!(text(c.message), info.message());
        assert_eq!(text(c.remediation), info.remediation());
        assert_eq!(text(c.source), info.source());
        assert_eq!(text(c.note), info.note().unwrap_or(""));
        // The strings are the library's own static data, not copies.
        assert_eq!(c.symbol, info.symbol_c().as_ptr());
        assert_eq!(c.message, info.message_c().as_ptr());
        assert_eq!(c.remediation, info.remediation_c().as_ptr());
    }

    #[test]
    fn the_table_mirrors_every_entry() {
        assert_eq!(FE_ERRORS.len(), errors::all().len());
        for (c, info) in FE_ERRORS.iter().zip(errors::all()) {
            check_entry(c, info);
        }
    }

    #[test]
    fn entries_map_to_their_c_entry_by_address() {
        for (i, info) in errors::all().iter().enumerate() {
            assert!(ptr::eq(to_c(info).unwrap(), &FE_ERRORS[i]));
        }
        // An ErrorInfo outside the table (a copy) has no C entry.
        let copy = errors::all()[0];
        assert!(to_c(&copy).is_none());
    }

    #[test]
    fn vocabulary_names_match_the_rust_names() {
        for family in Family::ALL {
            assert_eq!(text(fe_family_name(family.to_u32())), family.name());
            assert_eq!(c_family(*family) as u32, family.to_u32());
        }
        for retry in Retry::ALL {
            assert_eq!(text(fe_retry_name(retry.to_u32())), retry.name());
            assert_eq!(c_retry(*retry) as u32, retry.to_u32());
            assert_eq!(fe_retry_is_retryable(retry.to_u32()), retry.is_retryable());
        }
        for category in Category::ALL {
            assert_eq!(text(fe_category_name(category.to_u32())), category.name());
            assert_eq!(c_category(*category) as u32, category.to_u32());
        }
        for layer in Layer::ALL {
            assert_eq!(text(fe_layer_name(layer.to_u32())), layer.name());
            assert_eq!(c_layer(*layer) as u32, layer.to_u32());
        }
        assert_eq!(Family::ALL.len(), FE_FAMILY_COUNT as usize);
        assert_eq!(Retry::ALL.len(), FE_RETRY_COUNT as usize);
        assert_eq!(Category::ALL.len(), FE_CATEGORY_COUNT as usize);
        assert_eq!(Layer::ALL.len(), FE_LAYER_COUNT as usize);
    }

    #[test]
    fn unknown_vocabulary_values_have_no_name() {
        for value in [FE_FAMILY_COUNT, 99, u32::MAX] {
            assert!(fe_family_name(value).is_null());
        }
        for value in [FE_RETRY_COUNT, 99, u32::MAX] {
            assert!(fe_retry_name(value).is_null());
            assert!(!fe_retry_is_retryable(value));
        }
        for value in [FE_CATEGORY_COUNT, 99, u32::MAX] {
            assert!(fe_category_name(value).is_null());
        }
        for value in [FE_LAYER_COUNT, 99, u32::MAX] {
            assert!(fe_layer_name(value).is_null());
        }
    }

    #[test]
    fn version_matches_cargo_toml() {
        assert_eq!(text(fe_version()), env!("CARGO_PKG_VERSION"));
        assert_eq!(
            FE_VERSION_MAJOR.to_string(),
            env!("CARGO_PKG_VERSION_MAJOR")
        );
        assert_eq!(
            FE_VERSION_MINOR.to_string(),
            env!("CARGO_PKG_VERSION_MINOR")
        );
        assert_eq!(
            FE_VERSION_PATCH.to_string(),
            env!("CARGO_PKG_VERSION_PATCH")
        );
    }

    #[test]
    fn lookups_agree_with_the_rust_api() {
        for info in errors::all() {
            if let Some(code) = info.code() {
                let c = fe_lookup(info.family().to_u32(), code).unwrap();
                check_entry(c, errors::lookup(info.family(), code).unwrap());
            }
        }
        let c = fe_lookup(fe_family::CtiControlFailure as u32, 265).unwrap();
        assert_eq!(text(c.symbol), "CF_INVALID_AGENT_WORKMODE");
        // SAFETY: a NUL-terminated literal.
        let c = unsafe { fe_lookup_symbol(c"e_cti_timeout".as_ptr()) }.unwrap();
        assert_eq!((c.family, c.code), (fe_family::CtiStatus, 16));
        // SAFETY: a NUL-terminated literal.
        let c = unsafe { fe_finesse_error(401, c"invalid  state".as_ptr()) }.unwrap();
        assert_eq!((c.http_status, text(c.symbol)), (401, "Invalid State"));
        for family in Family::ALL {
            let entries = errors::entries(*family);
            assert_eq!(fe_count(family.to_u32()), entries.len());
            for (i, info) in entries.iter().enumerate() {
                check_entry(fe_entry(family.to_u32(), i).unwrap(), info);
            }
        }
    }

    #[test]
    fn bad_input_answers_null_or_zero() {
        let last = FE_FAMILY_COUNT;
        assert!(fe_lookup(last, 16).is_none());
        assert!(fe_lookup(u32::MAX, 16).is_none());
        assert!(fe_lookup(fe_family::CtiStatus as u32, i32::MIN).is_none());
        assert_eq!(fe_count(last), 0);
        assert!(fe_entry(last, 0).is_none());
        let family = fe_family::CtiStatus as u32;
        assert!(fe_entry(family, fe_count(family)).is_none());
        assert!(fe_entry(family, usize::MAX).is_none());
        // SAFETY: every argument below is NULL or a NUL-terminated literal.
        unsafe {
            assert!(fe_lookup_symbol(ptr::null()).is_none());
            assert!(fe_lookup_symbol(c"\xff\xfe".as_ptr()).is_none());
            assert!(fe_lookup_symbol(c"".as_ptr()).is_none());
            assert!(fe_lookup_symbol(c"NOT_A_CODE".as_ptr()).is_none());
            assert!(fe_finesse_error(503, ptr::null()).is_none());
            assert!(fe_finesse_error(503, c"\xff\xfe".as_ptr()).is_none());
            assert!(fe_finesse_error(418, c"Invalid State".as_ptr()).is_none());
        }
    }

    #[test]
    fn a_panic_becomes_the_fallback() {
        assert_eq!(guard(None, || -> Option<u8> { panic!("deliberate") }), None);
        assert_eq!(guard(0, || -> usize { panic!("deliberate") }), 0);
        assert_eq!(guard(0, || 7), 7);
    }
}
