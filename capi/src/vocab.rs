//! The C vocabularies: families, platforms, retry advice, categories, layers and the dialer's
//! actions as `uint32_t` enums with their names, mirrored from the Rust ones and checked against them at compile
//! time. (Paths go through `super`: the fuzz targets compile this crate as a module.)

use core::ffi::CStr;
use errors::{Category, DialerAction, Evidence, Family, Layer, Platform, Retry};

/// Number of families: the valid family values are 0 to FE_FAMILY_COUNT - 1.
pub const FE_FAMILY_COUNT: u32 = 21;
/// Number of retry values: the valid retry values are 0 to FE_RETRY_COUNT - 1.
pub const FE_RETRY_COUNT: u32 = 5;
/// Number of categories: the valid category values are 0 to FE_CATEGORY_COUNT - 1.
pub const FE_CATEGORY_COUNT: u32 = 17;
/// Number of layers: the valid layer values are 0 to FE_LAYER_COUNT - 1.
pub const FE_LAYER_COUNT: u32 = 11;
/// Number of platforms: the valid platform values are 0 to FE_PLATFORM_COUNT - 1.
pub const FE_PLATFORM_COUNT: u32 = 3;
/// Number of evidence levels: the valid evidence values are 0 to FE_EVIDENCE_COUNT - 1.
pub const FE_EVIDENCE_COUNT: u32 = 3;
/// Number of dialer actions: the valid dialer action values are 0 to
/// FE_DIALER_ACTION_COUNT - 1.
pub const FE_DIALER_ACTION_COUNT: u32 = 12;

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
    /// Errors the Finesse JavaScript library makes itself (parseError, Not connected,
    /// Disconnected) and the connection states it reports as failures ("finesse_js").
    FinesseJs = 9,
    /// The FailureCode of CTI OS's OnCTIOSFailure event, enumCTIOS_FailureCode
    /// ("ctios_failure").
    CtiosFailure = 10,
    /// The ReasonCode of CTI OS's OnConnectionFailure event ("ctios_connection").
    CtiosConnection = 11,
    /// errorTypes of the Unified CCE Administration REST API, /unifiedconfig ("ucce_config").
    UcceConfig = 12,
    /// The EventCause of CTI call events: CEC_NONE (0xffff), CEC_* and CECX_* (the CSTA
    /// spelling EC_* is read too); a 16-bit field, -1 is 65535 ("cti_event_cause").
    CtiEventCause = 13,
    /// The PGStatus bit flags PGS_*: decode a status value with fe_pg_status_flags()
    /// ("cti_pg_status").
    CtiPgStatus = 14,
    /// The SystemEventID SYS_* of SYSTEM_EVENT, and CTI OS's eSys* ("cti_system_event").
    CtiSystemEvent = 15,
    /// Unified CCX CCX_* error codes ("uccx_error").
    UccxError = 16,
    /// Unified CM CDR call termination causes, stored as the 32 bits of the unsigned decimal
    /// a CDR holds (cast it); composites decode with fe_cdr_cause() ("cucm_cdr_cause").
    CucmCdrCause = 17,
    /// Unified CM CDR redirect reasons ("cucm_redirect_reason").
    CucmRedirectReason = 18,
    /// Unified CM CDR OnBehalfOf codes ("cucm_onbehalfof").
    CucmOnBehalfOf = 19,
    /// The CallResult of an Outbound Option Dialer attempt ("dialer_call_result").
    DialerCallResult = 20,
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

/// How we know what an entry says.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_evidence {
    /// A cited source states the meaning and the advice follows from it ("documented").
    Documented = 0,
    /// Seen in a live payload or log, cited in the note ("observed").
    Observed = 1,
    /// Our reading of the name and context: treat the advice as a likely explanation
    /// ("inferred").
    Inferred = 2,
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
    /// A call ended or completed the normal way: not an error ("normal_clearing").
    NormalClearing = 15,
    /// Reports an event, a condition or a reason, not a failed request ("informational").
    Informational = 16,
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
    /// The Finesse JavaScript library (finesse.js) in the desktop or a gadget ("finesse_js").
    FinesseJs = 8,
    /// The Unified CCE Administration REST API, /unifiedconfig ("ucce_admin").
    UcceAdmin = 9,
    /// The Outbound Option Dialer ("dialer").
    Dialer = 10,
}

/// What the Outbound Option Dialer does with a customer record after an attempt ended with a
/// given call result, as Cisco's CallResults table gives it: the action of an
/// fe_dialer_facts_t.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_dialer_action {
    /// The record is not dialed again for this result ("none").
    None = 0,
    /// Dialed again by the campaign's No Answer rule ("no_answer_retry").
    NoAnswerRetry = 1,
    /// Dialed again by the campaign's Busy rule ("busy_retry").
    BusyRetry = 2,
    /// Dialed again by the Dialer Abandoned rule ("dialer_abandoned_retry").
    DialerAbandonedRetry = 3,
    /// Dialed again by the Customer Abandoned rule ("customer_abandoned_retry").
    CustomerAbandonedRetry = 4,
    /// Dialed again by the Customer Not Home rule ("customer_not_home_retry").
    CustomerNotHomeRetry = 5,
    /// Dialed again by the Answering Machine rule, if the campaign needs it
    /// ("answering_machine_retry_if_needed").
    AnsweringMachineRetryIfNeeded = 6,
    /// Dialed again by the Dialer Abandoned rule, if the campaign needs it
    /// ("dialer_abandoned_retry_if_needed").
    DialerAbandonedRetryIfNeeded = 7,
    /// Preview calls are dialed again by the No Answer rule; personal callbacks are not
    /// ("no_answer_retry_preview").
    NoAnswerRetryPreview = 8,
    /// A regular record is closed; a callback is dialed again as Dialer Abandoned ("closed").
    Closed = 9,
    /// Follows the campaign's personal callback mode setting ("callback_mode").
    CallbackMode = 10,
    /// Not dialed now: the record goes back to pending ("returned_to_pending").
    ReturnedToPending = 11,
}

/// A vocabulary's names as C strings, from the Rust vocabulary (the compile-time checks
/// below keep the C values in step with it).
macro_rules! names {
    ($vocabulary:ident, $count:ident) => {{
        let mut names = [c""; $count as usize];
        let mut i = 0;
        while i < names.len() {
            names[i] = $vocabulary::ALL[i].name_c();
            i += 1;
        }
        names
    }};
}

/// The C name of each family, indexed by its number.
pub(crate) static FAMILY_NAMES: [&CStr; FE_FAMILY_COUNT as usize] = names!(Family, FE_FAMILY_COUNT);

pub(crate) static PLATFORM_NAMES: [&CStr; FE_PLATFORM_COUNT as usize] =
    names!(Platform, FE_PLATFORM_COUNT);

/// The C name of each evidence level, indexed by its number.
pub(crate) static EVIDENCE_NAMES: [&CStr; FE_EVIDENCE_COUNT as usize] =
    names!(Evidence, FE_EVIDENCE_COUNT);

/// The C name of each retry value, indexed by its number.
pub(crate) static RETRY_NAMES: [&CStr; FE_RETRY_COUNT as usize] = names!(Retry, FE_RETRY_COUNT);

/// The C name of each category, indexed by its number.
pub(crate) static CATEGORY_NAMES: [&CStr; FE_CATEGORY_COUNT as usize] =
    names!(Category, FE_CATEGORY_COUNT);

/// The C name of each layer, indexed by its number.
pub(crate) static LAYER_NAMES: [&CStr; FE_LAYER_COUNT as usize] = names!(Layer, FE_LAYER_COUNT);

/// The C name of each dialer action, indexed by its number.
pub(crate) static DIALER_ACTION_NAMES: [&CStr; FE_DIALER_ACTION_COUNT as usize] =
    names!(DialerAction, FE_DIALER_ACTION_COUNT);

pub(crate) const fn c_family(family: Family) -> fe_family {
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
        Family::FinesseJs => fe_family::FinesseJs,
        Family::CtiosFailure => fe_family::CtiosFailure,
        Family::CtiosConnection => fe_family::CtiosConnection,
        Family::UcceConfig => fe_family::UcceConfig,
        Family::CtiEventCause => fe_family::CtiEventCause,
        Family::CtiPgStatus => fe_family::CtiPgStatus,
        Family::CtiSystemEvent => fe_family::CtiSystemEvent,
        Family::UccxError => fe_family::UccxError,
        Family::CucmCdrCause => fe_family::CucmCdrCause,
        Family::CucmRedirectReason => fe_family::CucmRedirectReason,
        Family::CucmOnBehalfOf => fe_family::CucmOnBehalfOf,
        Family::DialerCallResult => fe_family::DialerCallResult,
        // Only evaluated at compile time: a new family without a C value fails the build.
        _ => panic!("a family without an FE_FAMILY_* value"),
    }
}

pub(crate) const fn c_retry(retry: Retry) -> fe_retry {
    match retry {
        Retry::Never => fe_retry::Never,
        Retry::AfterStateChange => fe_retry::AfterStateChange,
        Retry::AfterReconnect => fe_retry::AfterReconnect,
        Retry::AfterDelay => fe_retry::AfterDelay,
        Retry::NotNeeded => fe_retry::NotNeeded,
    }
}

pub(crate) const fn c_category(category: Category) -> fe_category {
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
        Category::NormalClearing => fe_category::NormalClearing,
        Category::Informational => fe_category::Informational,
        // Only evaluated at compile time: a new category without a C value fails the build.
        _ => panic!("a category without an FE_CATEGORY_* value"),
    }
}

pub(crate) const fn c_platform(platform: Platform) -> fe_platform {
    match platform {
        Platform::Ucce => fe_platform::Ucce,
        Platform::Uccx => fe_platform::Uccx,
        Platform::Finesse => fe_platform::Finesse,
        // Only evaluated at compile time: a new platform without a C value fails the build.
        _ => panic!("a platform without an FE_PLATFORM_* value"),
    }
}

pub(crate) const fn c_evidence(evidence: Evidence) -> fe_evidence {
    match evidence {
        Evidence::Documented => fe_evidence::Documented,
        Evidence::Observed => fe_evidence::Observed,
        Evidence::Inferred => fe_evidence::Inferred,
        // Only evaluated at compile time: a new level without a C value fails the build.
        _ => panic!("an evidence level without an FE_EVIDENCE_* value"),
    }
}

pub(crate) const fn c_layer(layer: Layer) -> fe_layer {
    match layer {
        Layer::Finesse => fe_layer::Finesse,
        Layer::CtiServer => fe_layer::CtiServer,
        Layer::PeripheralGateway => fe_layer::PeripheralGateway,
        Layer::JtapiGateway => fe_layer::JtapiGateway,
        Layer::UnifiedCm => fe_layer::UnifiedCm,
        Layer::MediaRouting => fe_layer::MediaRouting,
        Layer::Ctios => fe_layer::Ctios,
        Layer::XmppServer => fe_layer::XmppServer,
        Layer::FinesseJs => fe_layer::FinesseJs,
        Layer::UcceAdmin => fe_layer::UcceAdmin,
        Layer::Dialer => fe_layer::Dialer,
        // Only evaluated at compile time: a new layer without a C value fails the build.
        _ => panic!("a layer without an FE_LAYER_* value"),
    }
}

pub(crate) const fn c_dialer_action(action: DialerAction) -> fe_dialer_action {
    match action {
        DialerAction::None => fe_dialer_action::None,
        DialerAction::NoAnswerRetry => fe_dialer_action::NoAnswerRetry,
        DialerAction::BusyRetry => fe_dialer_action::BusyRetry,
        DialerAction::DialerAbandonedRetry => fe_dialer_action::DialerAbandonedRetry,
        DialerAction::CustomerAbandonedRetry => fe_dialer_action::CustomerAbandonedRetry,
        DialerAction::CustomerNotHomeRetry => fe_dialer_action::CustomerNotHomeRetry,
        DialerAction::AnsweringMachineRetryIfNeeded => {
            fe_dialer_action::AnsweringMachineRetryIfNeeded
        }
        DialerAction::DialerAbandonedRetryIfNeeded => {
            fe_dialer_action::DialerAbandonedRetryIfNeeded
        }
        DialerAction::NoAnswerRetryPreview => fe_dialer_action::NoAnswerRetryPreview,
        DialerAction::Closed => fe_dialer_action::Closed,
        DialerAction::CallbackMode => fe_dialer_action::CallbackMode,
        DialerAction::ReturnedToPending => fe_dialer_action::ReturnedToPending,
        // Only evaluated at compile time: a new action without a C value fails the build.
        _ => panic!("a dialer action without an FE_DIALER_ACTION_* value"),
    }
}

/// Whether two byte strings are equal, at compile time (slice `==` is not `const`). Also
/// used by `entry.rs` to find an entry's index.
pub(crate) const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
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

/// Compile-time checks that the C vocabularies mirror the Rust ones: same number of values,
/// values numbered 0..count in the same order, the same names.
const _: () = {
    assert!(Family::ALL.len() == FE_FAMILY_COUNT as usize);
    let mut i = 0;
    while i < Family::ALL.len() {
        let value = Family::ALL[i];
        assert!(value.to_u32() as usize == i && c_family(value) as u32 == value.to_u32());
        assert!(same_bytes(
            FAMILY_NAMES[i].to_bytes(),
            value.name().as_bytes()
        ));
        i += 1;
    }

    assert!(Retry::ALL.len() == FE_RETRY_COUNT as usize);
    let mut i = 0;
    while i < Retry::ALL.len() {
        let value = Retry::ALL[i];
        assert!(value.to_u32() as usize == i && c_retry(value) as u32 == value.to_u32());
        assert!(same_bytes(
            RETRY_NAMES[i].to_bytes(),
            value.name().as_bytes()
        ));
        i += 1;
    }

    assert!(Category::ALL.len() == FE_CATEGORY_COUNT as usize);
    let mut i = 0;
    while i < Category::ALL.len() {
        let value = Category::ALL[i];
        assert!(value.to_u32() as usize == i && c_category(value) as u32 == value.to_u32());
        assert!(same_bytes(
            CATEGORY_NAMES[i].to_bytes(),
            value.name().as_bytes()
        ));
        i += 1;
    }

    assert!(Layer::ALL.len() == FE_LAYER_COUNT as usize);
    let mut i = 0;
    while i < Layer::ALL.len() {
        let value = Layer::ALL[i];
        assert!(value.to_u32() as usize == i && c_layer(value) as u32 == value.to_u32());
        assert!(same_bytes(
            LAYER_NAMES[i].to_bytes(),
            value.name().as_bytes()
        ));
        i += 1;
    }

    assert!(Platform::ALL.len() == FE_PLATFORM_COUNT as usize);
    let mut i = 0;
    while i < Platform::ALL.len() {
        let value = Platform::ALL[i];
        assert!(value.to_u32() as usize == i && c_platform(value) as u32 == value.to_u32());
        assert!(same_bytes(
            PLATFORM_NAMES[i].to_bytes(),
            value.name().as_bytes()
        ));
        i += 1;
    }

    assert!(DialerAction::ALL.len() == FE_DIALER_ACTION_COUNT as usize);
    let mut i = 0;
    while i < DialerAction::ALL.len() {
        let value = DialerAction::ALL[i];
        assert!(value.to_u32() as usize == i && c_dialer_action(value) as u32 == value.to_u32());
        assert!(same_bytes(
            DIALER_ACTION_NAMES[i].to_bytes(),
            value.name().as_bytes()
        ));
        i += 1;
    }

    assert!(Evidence::ALL.len() == FE_EVIDENCE_COUNT as usize);
    let mut i = 0;
    while i < Evidence::ALL.len() {
        let value = Evidence::ALL[i];
        assert!(value.to_u32() as usize == i && c_evidence(value) as u32 == value.to_u32());
        assert!(same_bytes(
            EVIDENCE_NAMES[i].to_bytes(),
            value.name().as_bytes()
        ));
        i += 1;
    }
};
