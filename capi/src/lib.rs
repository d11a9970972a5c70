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

mod recovery;

pub use recovery::{FE_ACTION_COUNT, fe_action, fe_action_name, fe_recovery, fe_recovery_plan};

use core::ffi::{CStr, c_char};
use core::mem::size_of;
use core::ptr;
use errors::{Category, ErrorInfo, Family, Layer, Platform, Retry};
use std::panic::{UnwindSafe, catch_unwind};

/// Major version of this library (`FE_VERSION_MAJOR.FE_VERSION_MINOR.FE_VERSION_PATCH` is what
/// fe_version() returns).
pub const FE_VERSION_MAJOR: u32 = 0;
/// Minor version of this library.
pub const FE_VERSION_MINOR: u32 = 1;
/// Patch version of this library.
pub const FE_VERSION_PATCH: u32 = 0;

/// Number of families: the valid family values are 0 to FE_FAMILY_COUNT - 1.
pub const FE_FAMILY_COUNT: u32 = 9;
/// Number of retry values: the valid retry values are 0 to FE_RETRY_COUNT - 1.
pub const FE_RETRY_COUNT: u32 = 5;
/// Number of categories: the valid category values are 0 to FE_CATEGORY_COUNT - 1.
pub const FE_CATEGORY_COUNT: u32 = 15;
/// Number of layers: the valid layer values are 0 to FE_LAYER_COUNT - 1.
pub const FE_LAYER_COUNT: u32 = 8;
/// Number of platforms: the valid platform values are 0 to FE_PLATFORM_COUNT - 1.
pub const FE_PLATFORM_COUNT: u32 = 3;

/// A family of error codes: one table of the knowledge base, one namespace of codes (the same
/// number means different things in different families).
///
/// Functions take a family as a plain uint32_t and answer NULL or 0 for a value that is not
/// one of these constants.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_family {
    /// Finesse REST ErrorType strings per HTTP status, and Finesse's HTTP-level names
    /// ("finesse_api").
    FinesseApi = 0,
    /// E_CTI_* status codes of the CTI Server's FAILURE_CONF / FAILURE_EVENT ("cti_status").
    CtiStatus = 1,
    /// CF_* control failure codes, forwarded by Finesse in ErrorMessage / ErrorData
    /// ("cti_control_failure").
    CtiControlFailure = 2,
    /// IPCC / Unified CCE peripheral error codes PERERR_* (Finesse peripheralErrorCode)
    /// ("peripheral").
    Peripheral = 3,
    /// E_ARM_STAT_* status codes of the non-voice media (ARM) interface ("media_routing").
    MediaRouting = 4,
    /// Unified CM CTI errors CTIERR_* (JTAPI CiscoJtapiException, 0x8CCC....), stored as the
    /// signed 32-bit value: cast a uint32_t code, or parse any written form with
    /// fe_parse_code() ("unified_cm").
    UnifiedCm = 5,
    /// CTI OS client interface library (CIL) return and error codes CIL_* / E_CTIOS_*
    /// ("ctios").
    Ctios = 6,
    /// XMPP error conditions of the Finesse notification channel, keyed "kind:condition"
    /// ("stream:conflict"); the bare condition is an alias ("xmpp").
    Xmpp = 7,
    /// System reason codes of agent Not Ready / Logout state changes, per platform: the same
    /// number means different things on Unified CCE and CCX ("reason_code").
    ReasonCode = 8,
}

/// The contact-center platform of a reason_code entry.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_platform {
    /// Unified Contact Center Enterprise ("ucce").
    Ucce = 0,
    /// Unified Contact Center Express ("uccx").
    Uccx = 1,
    /// Finesse itself ("finesse").
    Finesse = 2,
}

/// What a caller should do about retrying.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_retry {
    /// The same request fails again: fix the input, configuration or credentials first
    /// ("never").
    Never = 0,
    /// Re-read the agent / call / device state; retry only once that state allows it
    /// ("after_state_change").
    AfterStateChange = 1,
    /// The session or link is gone: reconnect or reopen it, then retry ("after_reconnect").
    AfterReconnect = 2,
    /// Transient: retry with backoff ("after_delay").
    AfterDelay = 3,
    /// Not a failure, or the goal is already reached: nothing to retry ("not_needed").
    NotNeeded = 4,
}

/// What kind of failure an entry describes.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_category {
    /// The request is malformed or carries an invalid value ("request").
    Request = 0,
    /// Credentials or sign-in were rejected ("authentication").
    Authentication = 1,
    /// The caller is known but not allowed to do this ("authorization").
    Authorization = 2,
    /// The named object (user, team, dialog, call, device, task, monitor) is unknown
    /// ("not_found").
    NotFound = 3,
    /// The current agent, call or device state does not allow the request ("state").
    State = 4,
    /// Something an administrator must set up or fix is missing or wrong ("configuration").
    Configuration = 5,
    /// A limit, quota or busy resource stopped the request ("capacity").
    Capacity = 6,
    /// A component did not answer in time ("timeout").
    Timeout = 7,
    /// A session, link or provider connection is down, closed or not open ("connectivity").
    Connectivity = 8,
    /// An internal fault or exception inside a server component ("server").
    Server = 9,
    /// A service is out of service, starting, in maintenance or on the standby side
    /// ("unavailable").
    Unavailable = 10,
    /// The phone system (switch, Unified CM, trunk, device) failed the call operation
    /// ("telephony").
    Telephony = 11,
    /// The operation, feature, message or version is not supported here ("unsupported").
    Unsupported = 12,
    /// The source gives no reason at all ("unspecified").
    Unspecified = 13,
    /// Not a failure ("success").
    Success = 14,
}

/// The component that raised an error.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_layer {
    /// The Finesse server, REST or XMPP ("finesse").
    Finesse = 0,
    /// The Unified CCE / CCX CTI Server, its session and message checks ("cti_server").
    CtiServer = 1,
    /// The Peripheral Gateway: PIM, telephony driver, or the peripheral's answer to a CTI
    /// control request ("peripheral_gateway").
    PeripheralGateway = 2,
    /// The JTAPI gateway process of the Unified CM PG ("jtapi_gateway").
    JtapiGateway = 3,
    /// Unified Communications Manager, reached through JTAPI / CTI Manager ("unified_cm").
    UnifiedCm = 4,
    /// The agent and task routing (ARM) interface used for non-voice media ("media_routing").
    MediaRouting = 5,
    /// The CTI OS server or its client interface library (CIL) in the agent's application
    /// ("ctios").
    Ctios = 6,
    /// The Finesse Notification Service: the XMPP server and its BOSH / WebSocket endpoints
    /// ("xmpp_server").
    XmppServer = 7,
}

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
}

// SAFETY: an `fe_error` is only ever created in the `FE_ERRORS` static below, and every
// pointer in it points to immutable, NUL-terminated `'static` data (the string tables of
// `finesse-errors` and the `c"..."` literals of this crate). Nothing writes through them, so
// sharing them between threads is sound.
unsafe impl Sync for fe_error {}

/// The C name of each family, indexed by its number.
static FAMILY_NAMES: [&CStr; FE_FAMILY_COUNT as usize] = [
    c"finesse_api",
    c"cti_status",
    c"cti_control_failure",
    c"peripheral",
    c"media_routing",
    c"unified_cm",
    c"ctios",
    c"xmpp",
    c"reason_code",
];

/// The C name of each platform, indexed by its number.
static PLATFORM_NAMES: [&CStr; FE_PLATFORM_COUNT as usize] = [c"ucce", c"uccx", c"finesse"];

/// The C name of each retry value, indexed by its number.
static RETRY_NAMES: [&CStr; FE_RETRY_COUNT as usize] = [
    c"never",
    c"after_state_change",
    c"after_reconnect",
    c"after_delay",
    c"not_needed",
];

/// The C name of each category, indexed by its number.
static CATEGORY_NAMES: [&CStr; FE_CATEGORY_COUNT as usize] = [
    c"request",
    c"authentication",
    c"authorization",
    c"not_found",
    c"state",
    c"configuration",
    c"capacity",
    c"timeout",
    c"connectivity",
    c"server",
    c"unavailable",
    c"telephony",
    c"unsupported",
    c"unspecified",
    c"success",
];

/// The C name of each layer, indexed by its number.
static LAYER_NAMES: [&CStr; FE_LAYER_COUNT as usize] = [
    c"finesse",
    c"cti_server",
    c"peripheral_gateway",
    c"jtapi_gateway",
    c"unified_cm",
    c"media_routing",
    c"ctios",
    c"xmpp_server",
];

/// `fe_version()`: the package version, NUL-terminated at compile time.
static VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(version) => version,
        Err(_) => panic!("CARGO_PKG_VERSION contains a NUL"),
    };

const fn c_family(family: Family) -> fe_family {
    match family {
        Family::FinesseApi => fe_family::FinesseApi,
        Family::CtiStatus => fe_family::CtiStatus,
        Family::CtiControlFailure => fe_family::CtiControlFailure,
        Family::Peripheral => fe_family::Peripheral,
        Family::MediaRouting => fe_family::MediaRouting,
        Family::UnifiedCm => fe_family::UnifiedCm,
        Family::Ctios => fe_family::Ctios,
        Family::Xmpp => fe_family::Xmpp,
        Family::ReasonCode => fe_family::ReasonCode,
        // Only evaluated at compile time: a new family without a C value fails the build.
        _ => panic!("a family without an FE_FAMILY_* value"),
    }
}

const fn c_retry(retry: Retry) -> fe_retry {
    match retry {
        Retry::Never => fe_retry::Never,
        Retry::AfterStateChange => fe_retry::AfterStateChange,
        Retry::AfterReconnect => fe_retry::AfterReconnect,
        Retry::AfterDelay => fe_retry::AfterDelay,
        Retry::NotNeeded => fe_retry::NotNeeded,
    }
}

const fn c_category(category: Category) -> fe_category {
    match category {
        Category::Request => fe_category::Request,
        Category::Authentication => fe_category::Authentication,
        Category::Authorization => fe_category::Authorization,
        Category::NotFound => fe_category::NotFound,
        Category::State => fe_category::State,
        Category::Configuration => fe_category::Configuration,
        Category::Capacity => fe_category::Capacity,
        Category::Timeout => fe_category::Timeout,
        Category::Connectivity => fe_category::Connectivity,
        Category::Server => fe_category::Server,
        Category::Unavailable => fe_category::Unavailable,
        Category::Telephony => fe_category::Telephony,
        Category::Unsupported => fe_category::Unsupported,
        Category::Unspecified => fe_category::Unspecified,
        Category::Success => fe_category::Success,
        // Only evaluated at compile time: a new category without a C value fails the build.
        _ => panic!("a category without an FE_CATEGORY_* value"),
    }
}

const fn c_platform(platform: Platform) -> fe_platform {
    match platform {
        Platform::Ucce => fe_platform::Ucce,
        Platform::Uccx => fe_platform::Uccx,
        Platform::Finesse => fe_platform::Finesse,
        // Only evaluated at compile time: a new platform without a C value fails the build.
        _ => panic!("a platform without an FE_PLATFORM_* value"),
    }
}

const fn c_layer(layer: Layer) -> fe_layer {
    match layer {
        Layer::Finesse => fe_layer::Finesse,
        Layer::CtiServer => fe_layer::CtiServer,
        Layer::PeripheralGateway => fe_layer::PeripheralGateway,
        Layer::JtapiGateway => fe_layer::JtapiGateway,
        Layer::UnifiedCm => fe_layer::UnifiedCm,
        Layer::MediaRouting => fe_layer::MediaRouting,
        Layer::Ctios => fe_layer::Ctios,
        Layer::XmppServer => fe_layer::XmppServer,
        // Only evaluated at compile time: a new layer without a C value fails the build.
        _ => panic!("a layer without an FE_LAYER_* value"),
    }
}

/// The C view of one entry; only runs at compile time, in the `FE_ERRORS` initialiser.
const fn c_entry(info: &'static ErrorInfo) -> fe_error {
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
    }
}

const ENTRY_COUNT: usize = errors::all().len();

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
};

/// Every entry of `finesse_errors::all()` in C layout, at the same index, built at compile
/// time.
pub(crate) static FE_ERRORS: [fe_error; ENTRY_COUNT] = {
    let all = errors::all();
    let mut table = [UNFILLED; ENTRY_COUNT];
    let mut i = 0;
    while i < ENTRY_COUNT {
        table[i] = c_entry(&all[i]);
        i += 1;
    }
    table
};

/// Compile-time checks that the C vocabularies mirror the Rust ones: same number of values,
/// values numbered 0..count in the same order, the same names.
const _: () = {
    const fn same(a: &[u8], b: &[u8]) -> bool {
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }

    assert!(Family::ALL.len() == FE_FAMILY_COUNT as usize);
    let mut i = 0;
    while i < Family::ALL.len() {
        let value = Family::ALL[i];
        assert!(value.to_u32() as usize == i && c_family(value) as u32 == value.to_u32());
        assert!(same(FAMILY_NAMES[i].to_bytes(), value.name().as_bytes()));
        i += 1;
    }

    assert!(Retry::ALL.len() == FE_RETRY_COUNT as usize);
    let mut i = 0;
    while i < Retry::ALL.len() {
        let value = Retry::ALL[i];
        assert!(value.to_u32() as usize == i && c_retry(value) as u32 == value.to_u32());
        assert!(same(RETRY_NAMES[i].to_bytes(), value.name().as_bytes()));
        i += 1;
    }

    assert!(Category::ALL.len() == FE_CATEGORY_COUNT as usize);
    let mut i = 0;
    while i < Category::ALL.len() {
        let value = Category::ALL[i];
        assert!(value.to_u32() as usize == i && c_category(value) as u32 == value.to_u32());
        assert!(same(CATEGORY_NAMES[i].to_bytes(), value.name().as_bytes()));
        i += 1;
    }

    assert!(Layer::ALL.len() == FE_LAYER_COUNT as usize);
    let mut i = 0;
    while i < Layer::ALL.len() {
        let value = Layer::ALL[i];
        assert!(value.to_u32() as usize == i && c_layer(value) as u32 == value.to_u32());
        assert!(same(LAYER_NAMES[i].to_bytes(), value.name().as_bytes()));
        i += 1;
    }

    assert!(Platform::ALL.len() == FE_PLATFORM_COUNT as usize);
    let mut i = 0;
    while i < Platform::ALL.len() {
        let value = Platform::ALL[i];
        assert!(value.to_u32() as usize == i && c_platform(value) as u32 == value.to_u32());
        assert!(same(PLATFORM_NAMES[i].to_bytes(), value.name().as_bytes()));
        i += 1;
    }
};

/// The C entry of a Rust entry. `finesse_errors::all()` is one contiguous slice and
/// `FE_ERRORS` mirrors it index for index, so the index follows from the address. `None` for
/// an `ErrorInfo` outside that slice (a copy), which the lookups never return.
fn to_c(info: &ErrorInfo) -> Option<&'static fe_error> {
    let base = errors::all().as_ptr().addr();
    let offset = ptr::from_ref(info).addr().checked_sub(base)?;
    if offset % size_of::<ErrorInfo>() != 0 {
        return None;
    }
    FE_ERRORS.get(offset / size_of::<ErrorInfo>())
}

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
unsafe fn str_arg<'a>(text: *const c_char) -> Option<&'a str> {
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
/// is always decimal. Surrounding whitespace is ignored.
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

/// Looks up a symbol or alias in every family, ignoring ASCII case and surrounding whitespace,
/// and returns the first entry that carries it (Finesse entries first, by HTTP status, then the
/// other families in FE_FAMILY_* order).
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
    use super::*;

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
