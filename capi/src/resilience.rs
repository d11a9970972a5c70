//! Resilience in C: a retry budget and a client's node breakers as opaque handles (create,
//! use from any thread, free), and a request handle whose `fe_request_decide` turns each
//! attempt (status, Retry-After, body, or no response) into a decision: retry or not, after
//! how long, on which node. These are the only functions of the library that allocate: every
//! handle is freed with its own `_free` function.

use super::{guard, name_of, str_arg};
use core::ffi::{CStr, c_char};
use core::ptr;
use errors::explain::Method;
use errors::resilience::{
    Admission, Attempts, BreakerConfig, BreakerState, BudgetConfig, Clock, Nodes, Outcome,
    Resilience, RetryBudget, RetryCost, SystemClock, Transport, Why, parse_retry_after,
};
// AssertUnwindSafe: a breaker's state is one lock that recovers from poisoning and a budget is
// one atomic, so a handle stays valid if a call into it ever panicked.
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

/// The most nodes an fe_nodes handle holds.
pub const FE_MAX_NODES: usize = 16;

/// Number of decision reasons: the valid fe_why values are 0 to FE_WHY_COUNT - 1.
pub const FE_WHY_COUNT: u32 = 11;

/// Why a decision is what it is. Values are only ever appended.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_why {
    /// The attempt succeeded ("success").
    Success = 0,
    /// The plan retries on the same node after its delay ("planned").
    Planned = 1,
    /// Retry on another node, probing its SystemInfo first if probe says so ("fail_over").
    FailOver = 2,
    /// Every node's breaker is open: retry when the soonest break ends ("nodes_down").
    NodesDown = 3,
    /// The verdict says never retry ("never").
    Never = 4,
    /// Retrying would do harm: failed sign-ins lock a user out ("harmful").
    Harmful = 5,
    /// A second session with one identity ("identity_clash").
    IdentityClash = 6,
    /// The request may have taken effect: re-read, then decide again with still_needed
    /// ("outcome_unknown").
    OutcomeUnknown = 7,
    /// The re-read says the request is no longer needed ("no_longer_needed").
    NoLongerNeeded = 8,
    /// The retry budget is exhausted ("budget_exhausted").
    BudgetExhausted = 9,
    /// The plan's time or attempts are used up and no node can take over ("gave_up").
    GaveUp = 10,
}

static WHY_NAMES: [&CStr; FE_WHY_COUNT as usize] = [
    c"success",
    c"planned",
    c"fail_over",
    c"nodes_down",
    c"never",
    c"harmful",
    c"identity_clash",
    c"outcome_unknown",
    c"no_longer_needed",
    c"budget_exhausted",
    c"gave_up",
];

fn c_why(why: Why) -> fe_why {
    match why {
        Why::Success => fe_why::Success,
        Why::Planned => fe_why::Planned,
        Why::FailOver => fe_why::FailOver,
        Why::NodesDown => fe_why::NodesDown,
        Why::Never => fe_why::Never,
        Why::Harmful => fe_why::Harmful,
        Why::IdentityClash => fe_why::IdentityClash,
        Why::OutcomeUnknown => fe_why::OutcomeUnknown,
        Why::NoLongerNeeded => fe_why::NoLongerNeeded,
        Why::BudgetExhausted => fe_why::BudgetExhausted,
        // GaveUp, and any reason a later version adds: the caller stops.
        _ => fe_why::GaveUp,
    }
}

/// How an attempt ended, for fe_request_decide().
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_transport {
    /// An HTTP response: status, Retry-After and body are read.
    Response = 0,
    /// The connection was refused: the node is treated as out of service.
    Refused = 1,
    /// Sent, no answer in time: it may have taken effect.
    TimedOut = 2,
    /// The connection broke after sending: it may have taken effect.
    Reset = 3,
}

/// What a node's breaker lets a request do.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_admission {
    /// Send it.
    Send = 0,
    /// Send GET /finesse/api/SystemInfo first; report it with fe_nodes_record_probe().
    Probe = 1,
    /// Wait: every node is out for wait_ms.
    Wait = 2,
}

/// A breaker's state, from fe_nodes_state().
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_breaker_state {
    /// Requests go through.
    Closed = 0,
    /// Requests fail fast.
    Open = 1,
    /// One probe decides.
    HalfOpen = 2,
}

/// The numbers of a retry budget, in tokens (see fe_budget_config_aws()).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct fe_budget_config {
    /// Tokens when full.
    pub capacity: f64,
    /// The cost of a retry after an error response.
    pub retry_cost: f64,
    /// The cost of a retry after a timeout or a lost connection.
    pub timeout_cost: f64,
    /// What each success puts back.
    pub success_refill: f64,
    /// What each failed attempt takes (gRPC counts failures).
    pub failure_cost: f64,
    /// The level a retry may not take the budget below.
    pub floor: f64,
}

fn to_config(c: &fe_budget_config) -> BudgetConfig {
    let mut config = BudgetConfig::aws_standard();
    config.capacity = c.capacity;
    config.retry_cost = c.retry_cost;
    config.timeout_cost = c.timeout_cost;
    config.success_refill = c.success_refill;
    config.failure_cost = c.failure_cost;
    config.floor = c.floor;
    config
}

fn from_config(config: BudgetConfig) -> fe_budget_config {
    fe_budget_config {
        capacity: config.capacity,
        retry_cost: config.retry_cost,
        timeout_cost: config.timeout_cost,
        success_refill: config.success_refill,
        failure_cost: config.failure_cost,
        floor: config.floor,
    }
}

/// A retry budget shared by every request of a client (opaque; thread-safe).
pub struct fe_budget(RetryBudget);

/// The breakers of a client's Finesse nodes, and the node in use (opaque; thread-safe).
pub struct fe_nodes(Nodes, Arc<dyn Clock>);

/// One request's attempts (opaque; use from one thread at a time).
pub struct fe_request(Attempts);

/// The decision for one attempt, from fe_request_decide().
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct fe_decision {
    /// Whether to send the request again.
    pub retry: bool,
    /// How long to wait first, in milliseconds.
    pub after_ms: u64,
    /// The node to send it to (0-based, as in fe_nodes_new()).
    pub node: usize,
    /// Whether to send GET /finesse/api/SystemInfo to node first (fe_nodes_record_probe());
    /// resend only if it says IN_SERVICE.
    pub probe: bool,
    /// Why, as a number.
    pub why_id: fe_why,
    /// Why, as a static name (fe_why_name(why_id)).
    pub why: *const c_char,
}

const STOPPED: fe_decision = fe_decision {
    retry: false,
    after_ms: 0,
    node: 0,
    probe: false,
    why_id: fe_why::GaveUp,
    why: ptr::null(),
};

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The AWS SDKs' standard budget: 500 tokens, 5 per retry, 10 after a timeout, 1 back per
/// success.
#[unsafe(no_mangle)]
pub extern "C" fn fe_budget_config_aws() -> fe_budget_config {
    from_config(BudgetConfig::aws_standard())
}

/// gRPC's retry throttling: max_tokens, one taken per failure, token_ratio back per success,
/// no retry at or below half of max_tokens (gRPC's example: 10, 0.1).
#[unsafe(no_mangle)]
pub extern "C" fn fe_budget_config_grpc(max_tokens: f64, token_ratio: f64) -> fe_budget_config {
    from_config(BudgetConfig::grpc_throttling(max_tokens, token_ratio))
}

/// A full budget with these numbers (NULL: fe_budget_config_aws()). Free with
/// fe_budget_free(). Returns NULL only if the library failed internally.
///
/// # Safety
/// config must be NULL or point to a readable fe_budget_config.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_budget_new(config: *const fe_budget_config) -> *mut fe_budget {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller guarantees config is NULL or points to a readable struct.
        let config = unsafe { config.as_ref() }.map_or_else(BudgetConfig::aws_standard, to_config);
        Box::into_raw(Box::new(fe_budget(RetryBudget::new(config))))
    })
}

/// Frees a budget (NULL: nothing). Requests begun with it keep their share of it.
///
/// # Safety
/// budget must be NULL or a handle from fe_budget_new() not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_budget_free(budget: *mut fe_budget) {
    if !budget.is_null() {
        // SAFETY: the caller guarantees it came from Box::into_raw in fe_budget_new and is
        // freed once.
        drop(unsafe { Box::from_raw(budget) });
    }
}

/// Tokens left (0 for NULL).
///
/// # Safety
/// budget must be NULL or a live handle from fe_budget_new().
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_budget_tokens(budget: *const fe_budget) -> f64 {
    // SAFETY: the caller guarantees NULL or a live handle.
    let budget = unsafe { budget.as_ref() };
    guard(0.0, || budget.map_or(0.0, |b| b.0.tokens()))
}

/// Pays for one retry (timeout: after a timeout or a lost connection): true if allowed.
///
/// # Safety
/// budget must be NULL or a live handle from fe_budget_new().
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_budget_withdraw(budget: *const fe_budget, timeout: bool) -> bool {
    // SAFETY: the caller guarantees NULL or a live handle.
    let budget = unsafe { budget.as_ref() };
    let cost = if timeout {
        RetryCost::Timeout
    } else {
        RetryCost::Error
    };
    guard(false, || budget.is_some_and(|b| b.0.withdraw(cost).is_ok()))
}

/// Records a success: puts the refill back.
///
/// # Safety
/// budget must be NULL or a live handle from fe_budget_new().
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_budget_deposit(budget: *const fe_budget) {
    // SAFETY: the caller guarantees NULL or a live handle.
    let budget = unsafe { budget.as_ref() };
    guard((), || {
        if let Some(b) = budget {
            b.0.deposit();
        }
    })
}

/// count Finesse nodes (1 to FE_MAX_NODES) with the Finesse breaker numbers (breaks of 5 s
/// doubling to 30 s; half of at least 5 calls in 30 s failing opens) on the machine's
/// monotonic clock; node 0 in use. Free with fe_nodes_free(). NULL when count is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn fe_nodes_new(count: usize) -> *mut fe_nodes {
    guard(ptr::null_mut(), || {
        if !(1..=FE_MAX_NODES).contains(&count) {
            return ptr::null_mut();
        }
        let clock: Arc<dyn Clock> = Arc::new(SystemClock::new());
        let nodes = Nodes::new(count, BreakerConfig::finesse(), Arc::clone(&clock));
        Box::into_raw(Box::new(fe_nodes(nodes, clock)))
    })
}

/// Frees a node set (NULL: nothing). Requests begun with it keep their share of it.
///
/// # Safety
/// nodes must be NULL or a handle from fe_nodes_new() not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_nodes_free(nodes: *mut fe_nodes) {
    if !nodes.is_null() {
        // SAFETY: the caller guarantees it came from Box::into_raw in fe_nodes_new and is
        // freed once.
        drop(unsafe { Box::from_raw(nodes) });
    }
}

/// Where to send a new request: returns the node and writes what its breaker allows to
/// *admission (an fe_admission value) and, for FE_ADMISSION_WAIT, the wait to *wait_ms.
/// Returns SIZE_MAX (and writes nothing) when nodes is NULL.
///
/// # Safety
/// nodes must be NULL or a live handle; admission and wait_ms must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_nodes_route(
    nodes: *const fe_nodes,
    admission: *mut u32,
    wait_ms: *mut u64,
) -> usize {
    // SAFETY: the caller guarantees NULL or a live handle.
    let Some(nodes) = (unsafe { nodes.as_ref() }) else {
        return usize::MAX;
    };
    let Some((node, granted)) = guard(None, AssertUnwindSafe(|| Some(nodes.0.route()))) else {
        return usize::MAX;
    };
    let (kind, wait) = match granted {
        Admission::Send => (fe_admission::Send, 0),
        Admission::Probe => (fe_admission::Probe, 0),
        Admission::Wait(wait) => (fe_admission::Wait, millis(wait)),
    };
    if !admission.is_null() {
        // SAFETY: not NULL, and the caller guarantees it is writable.
        unsafe { admission.write(kind as u32) };
    }
    if !wait_ms.is_null() {
        // SAFETY: not NULL, and the caller guarantees it is writable.
        unsafe { wait_ms.write(wait) };
    }
    node
}

/// A node's breaker state (an fe_breaker_state value); UINT32_MAX when nodes is NULL or node
/// is out of range.
///
/// # Safety
/// nodes must be NULL or a live handle from fe_nodes_new().
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_nodes_state(nodes: *const fe_nodes, node: usize) -> u32 {
    // SAFETY: the caller guarantees NULL or a live handle.
    let nodes = unsafe { nodes.as_ref() };
    guard(
        u32::MAX,
        AssertUnwindSafe(|| {
            let Some(breaker) = nodes.and_then(|n| n.0.breaker(node)) else {
                return u32::MAX;
            };
            match breaker.state() {
                BreakerState::Closed => fe_breaker_state::Closed as u32,
                BreakerState::Open => fe_breaker_state::Open as u32,
                _ => fe_breaker_state::HalfOpen as u32,
            }
        }),
    )
}

/// Opens a node's breaker now (an XMPP system-shutdown, say). False when nodes is NULL or
/// node is out of range.
///
/// # Safety
/// nodes must be NULL or a live handle from fe_nodes_new().
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_nodes_trip(nodes: *const fe_nodes, node: usize) -> bool {
    // SAFETY: the caller guarantees NULL or a live handle.
    let nodes = unsafe { nodes.as_ref() };
    guard(
        false,
        AssertUnwindSafe(|| {
            nodes
                .and_then(|n| n.0.breaker(node))
                .map(|b| b.trip())
                .is_some()
        }),
    )
}

/// Reports a probe's answer: the body of GET /finesse/api/SystemInfo from node (NULL or
/// empty: no answer). Returns true if it said IN_SERVICE (the breaker closed); false
/// otherwise (the breaker opened again) and for bad arguments.
///
/// # Safety
/// nodes must be NULL or a live handle; body must be NULL or point to body_len readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_nodes_record_probe(
    nodes: *const fe_nodes,
    node: usize,
    body: *const u8,
    body_len: usize,
) -> bool {
    // SAFETY: the caller guarantees NULL or a live handle.
    let nodes = unsafe { nodes.as_ref() };
    // SAFETY: forwarded from this function's contract.
    let body = unsafe { bytes_arg(body, body_len) };
    guard(
        false,
        AssertUnwindSafe(|| {
            let Some(breaker) = nodes.and_then(|n| n.0.breaker(node)) else {
                return false;
            };
            breaker.record_probe(body) == Some(errors::explain::SystemStatus::InService)
        }),
    )
}

/// # Safety
/// `data` must be NULL or point to `len` readable bytes that outlive `'a`.
unsafe fn bytes_arg<'a>(data: *const u8, len: usize) -> &'a [u8] {
    if data.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: not NULL, and the caller guarantees `len` readable bytes.
    unsafe { core::slice::from_raw_parts(data, len) }
}

/// Starts a request with method ("GET", "PUT", "POST", "DELETE", "HEAD", any case) on the node
/// in use, sharing budget and nodes; seed draws the jitter of its delays. Free with
/// fe_request_free(). NULL when an argument is NULL or the method is unknown.
///
/// # Safety
/// budget and nodes must be NULL or live handles; method must be NULL or a NUL-terminated
/// string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_request_begin(
    budget: *const fe_budget,
    nodes: *const fe_nodes,
    method: *const c_char,
    seed: u64,
) -> *mut fe_request {
    // SAFETY: the caller guarantees NULL or live handles.
    let (budget, nodes) = unsafe { (budget.as_ref(), nodes.as_ref()) };
    // SAFETY: forwarded from this function's contract.
    let method = unsafe { str_arg(method) };
    guard(
        ptr::null_mut(),
        AssertUnwindSafe(|| {
            let (Some(budget), Some(nodes), Some(method)) = (budget, nodes, method) else {
                return ptr::null_mut();
            };
            let Ok(method) = method.parse::<Method>() else {
                return ptr::null_mut();
            };
            let client =
                Resilience::with_parts(budget.0.clone(), nodes.0.clone(), Arc::clone(&nodes.1));
            Box::into_raw(Box::new(fe_request(client.begin(method, seed))))
        }),
    )
}

/// Frees a request (NULL: nothing).
///
/// # Safety
/// request must be NULL or a handle from fe_request_begin() not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_request_free(request: *mut fe_request) {
    if !request.is_null() {
        // SAFETY: the caller guarantees it came from Box::into_raw in fe_request_begin and is
        // freed once.
        drop(unsafe { Box::from_raw(request) });
    }
}

/// The node the request's next attempt goes to; SIZE_MAX for NULL.
///
/// # Safety
/// request must be NULL or a live handle from fe_request_begin().
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_request_node(request: *const fe_request) -> usize {
    // SAFETY: the caller guarantees NULL or a live handle.
    unsafe { request.as_ref() }.map_or(usize::MAX, |r| r.0.node())
}

/// Decides what to do after an attempt: for FE_TRANSPORT_RESPONSE, the HTTP status, the
/// Retry-After header's value (NULL if absent) and the body; otherwise how the connection
/// failed. still_needed answers the re-read a decision of FE_WHY_OUTCOME_UNKNOWN asks for:
/// -1 not re-read, 0 no longer needed, 1 still needed. Updates the budget and breakers.
/// A bad argument (NULL request, unknown transport) answers retry = false, FE_WHY_GAVE_UP.
///
/// # Safety
/// request must be NULL or a live handle used by no other thread meanwhile; retry_after must
/// be NULL or a NUL-terminated string; body must be NULL or point to body_len readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_request_decide(
    request: *mut fe_request,
    transport: u32,
    http_status: u16,
    retry_after: *const c_char,
    body: *const u8,
    body_len: usize,
    still_needed: i32,
) -> fe_decision {
    // SAFETY: the caller guarantees NULL or a live handle no one else uses meanwhile.
    let Some(request) = (unsafe { request.as_mut() }) else {
        return stopped();
    };
    // SAFETY: forwarded from this function's contract.
    let retry_after = unsafe { str_arg(retry_after) }.and_then(parse_retry_after);
    // SAFETY: forwarded from this function's contract.
    let body = unsafe { bytes_arg(body, body_len) };
    let outcome = match transport {
        0 => Outcome::Response {
            status: http_status,
            retry_after,
            body,
        },
        1 => Outcome::Transport(Transport::Refused),
        2 => Outcome::Transport(Transport::TimedOut),
        3 => Outcome::Transport(Transport::Reset),
        _ => return stopped(),
    };
    let reread = match still_needed {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    };
    guard(
        stopped(),
        AssertUnwindSafe(|| {
            let decision = request.0.decide(&outcome, || reread);
            let why = c_why(decision.why);
            fe_decision {
                retry: decision.retry,
                after_ms: millis(decision.after),
                node: decision.node,
                probe: decision.probe,
                why_id: why,
                why: name_of(&WHY_NAMES, why as u32),
            }
        }),
    )
}

fn stopped() -> fe_decision {
    fe_decision {
        why: name_of(&WHY_NAMES, fe_why::GaveUp as u32),
        ..STOPPED
    }
}

/// The name of a decision reason ("fail_over", ...); NULL if why is not one of the FE_WHY_*
/// constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_why_name(why: u32) -> *const c_char {
    name_of(&WHY_NAMES, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUT_OF_SERVICE: &[u8] =
        b"<ApiErrors><ApiError><ErrorType>Service Unavailable</ErrorType>\
        <ErrorMessage>SERVER_OUT_OF_SERVICE</ErrorMessage></ApiError></ApiErrors>";

    #[test]
    fn every_reason_has_its_rust_name() {
        let all = [
            Why::Success,
            Why::Planned,
            Why::FailOver,
            Why::NodesDown,
            Why::Never,
            Why::Harmful,
            Why::IdentityClash,
            Why::OutcomeUnknown,
            Why::NoLongerNeeded,
            Why::BudgetExhausted,
            Why::GaveUp,
        ];
        assert_eq!(all.len(), FE_WHY_COUNT as usize);
        for (i, why) in all.into_iter().enumerate() {
            assert_eq!(c_why(why) as usize, i);
            // SAFETY: a static NUL-terminated name.
            let name = unsafe { CStr::from_ptr(fe_why_name(i as u32)) };
            assert_eq!(name.to_str().unwrap(), why.name());
        }
        assert!(fe_why_name(FE_WHY_COUNT).is_null());
    }

    #[test]
    fn a_503_fails_over_through_the_handles() {
        // SAFETY: NULL config; the handles are used while live and freed once.
        unsafe {
            let budget = fe_budget_new(ptr::null());
            let nodes = fe_nodes_new(2);
            let request = fe_request_begin(budget, nodes, c"put".as_ptr(), 1);
            assert!(!request.is_null());
            let d = fe_request_decide(
                request,
                0,
                503,
                ptr::null(),
                OUT_OF_SERVICE.as_ptr(),
                OUT_OF_SERVICE.len(),
                -1,
            );
            assert!(d.retry && d.probe);
            assert_eq!((d.node, d.why_id), (1, fe_why::FailOver));
            assert_eq!(fe_nodes_state(nodes, 0), fe_breaker_state::Open as u32);
            assert_eq!(fe_budget_tokens(budget), 495.0);
            fe_request_free(request);
            fe_nodes_free(nodes);
            fe_budget_free(budget);
        }
    }

    #[test]
    fn bad_arguments_answer_the_fallback() {
        // SAFETY: NULL handles and NUL-terminated literals.
        unsafe {
            assert!(fe_nodes_new(0).is_null());
            assert!(fe_nodes_new(FE_MAX_NODES + 1).is_null());
            let budget = fe_budget_new(ptr::null());
            let nodes = fe_nodes_new(1);
            assert!(fe_request_begin(budget, nodes, c"PATCH".as_ptr(), 0).is_null());
            assert!(fe_request_begin(ptr::null(), nodes, c"GET".as_ptr(), 0).is_null());
            assert_eq!(fe_nodes_state(nodes, 1), u32::MAX);
            assert_eq!(
                fe_nodes_route(ptr::null(), ptr::null_mut(), ptr::null_mut()),
                usize::MAX
            );
            let d = fe_request_decide(ptr::null_mut(), 0, 503, ptr::null(), ptr::null(), 9, -1);
            assert_eq!((d.retry, d.why_id), (false, fe_why::GaveUp));
            let request = fe_request_begin(budget, nodes, c"GET".as_ptr(), 0);
            let d = fe_request_decide(request, 77, 0, ptr::null(), ptr::null(), 0, -1);
            assert_eq!((d.retry, d.why_id), (false, fe_why::GaveUp));
            fe_request_free(request);
            fe_nodes_free(nodes);
            fe_budget_free(budget);
            fe_budget_free(ptr::null_mut());
        }
    }
}
