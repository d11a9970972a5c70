//! Recovery plans in C: `fe_recovery()` gives the plan of an entry as a static struct. (Paths
//! go through `super`: the fuzz targets compile this crate as a module.)

use super::entry::{FE_ERRORS, fe_error};
use super::{guard, name_of};
use core::ffi::{CStr, c_char};
use core::ptr;
use errors::{Action, Recovery};

/// Number of actions: the valid action values are 0 to FE_ACTION_COUNT - 1.
pub const FE_ACTION_COUNT: u32 = 8;

/// What a program does first to recover from an error.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_action {
    /// Nothing to recover: not a failure, or the goal is reached ("none").
    None = 0,
    /// Correct the request (input, credentials) before sending it again ("fix_request").
    FixRequest = 1,
    /// Re-read the state named by the plan; send again only if it allows the request
    /// ("refresh_state").
    RefreshState = 2,
    /// The request was not applied: send it again after the plan's delays ("wait_and_retry").
    WaitAndRetry = 3,
    /// Reopen the session or connection, re-read state, then send again if still needed
    /// ("reconnect").
    Reconnect = 4,
    /// Move to the other Finesse node once it is IN_SERVICE ("failover").
    Failover = 5,
    /// The agent was signed out: sign in again once the cause is gone ("sign_in_again").
    SignInAgain = 6,
    /// Nothing the program can do by itself: a person must act ("escalate").
    Escalate = 7,
}

/// The recovery plan of an entry: what to do, the state to re-read, the delays between
/// attempts, when to fail over or give up, and whether retrying can harm. Static: never free.
///
/// The n-th wait is min(first_delay_ms * factor^n, max_delay_ms), each shortened by a random
/// part of up to half; stop before the waits add up to more than give_up_after_ms, then fail
/// over (failover) or give up.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct fe_recovery_plan {
    /// The action as a number: one of the FE_ACTION_* constants.
    pub action_id: fe_action,
    /// The action's name ("wait_and_retry", ...), as fe_action_name(action_id).
    pub action: *const c_char,
    /// The state to re-read before sending again ("GET /finesse/api/SystemInfo"); "" if none.
    pub refresh: *const c_char,
    /// The wait before the first retry, in milliseconds (0 when the plan does not retry).
    pub first_delay_ms: u32,
    /// How much each wait grows over the one before (1: constant, 2: doubling).
    pub factor: u32,
    /// The longest single wait, in milliseconds.
    pub max_delay_ms: u32,
    /// Whether the plan retries at all; give_up_after_ms is meaningful only then.
    pub retries: bool,
    /// The total time after which to stop retrying here, in milliseconds.
    pub give_up_after_ms: u32,
    /// Whether to move to the other Finesse node after give_up_after_ms.
    pub failover: bool,
    /// Whether retrying can do harm (sign-in lockout, sessions knocking each other off).
    pub harmful_to_retry: bool,
    /// Where the plan's numbers come from: space-separated source keys.
    pub source: *const c_char,
}

// SAFETY: as for `fe_error`: built only in the static table below, every pointer points to
// immutable, NUL-terminated `'static` data, and nothing writes through them.
unsafe impl Sync for fe_recovery_plan {}

/// The C name of each action, indexed by its number.
static ACTION_NAMES: [&CStr; FE_ACTION_COUNT as usize] = [
    c"none",
    c"fix_request",
    c"refresh_state",
    c"wait_and_retry",
    c"reconnect",
    c"failover",
    c"sign_in_again",
    c"escalate",
];

const fn c_action(action: Action) -> fe_action {
    match action {
        Action::None => fe_action::None,
        Action::FixRequest => fe_action::FixRequest,
        Action::RefreshState => fe_action::RefreshState,
        Action::WaitAndRetry => fe_action::WaitAndRetry,
        Action::Reconnect => fe_action::Reconnect,
        Action::Failover => fe_action::Failover,
        Action::SignInAgain => fe_action::SignInAgain,
        Action::Escalate => fe_action::Escalate,
        // Only evaluated at compile time: a new action without a C value fails the build.
        _ => panic!("an action without an FE_ACTION_* value"),
    }
}

const fn c_plan(plan: &'static Recovery) -> fe_recovery_plan {
    let (retries, give_up_after_ms) = match plan.give_up_after() {
        Some(total) => (true, total.as_millis() as u32),
        None => (false, 0),
    };
    fe_recovery_plan {
        action_id: c_action(plan.action()),
        action: ACTION_NAMES[plan.action().to_u32() as usize].as_ptr(),
        refresh: plan.refresh_c().as_ptr(),
        first_delay_ms: plan.first_delay().as_millis() as u32,
        factor: plan.factor(),
        max_delay_ms: plan.max_delay().as_millis() as u32,
        retries,
        give_up_after_ms,
        failover: plan.failover(),
        harmful_to_retry: plan.harmful_to_retry(),
        source: plan.source_c().as_ptr(),
    }
}

const ENTRY_COUNT: usize = errors::all().len();

const UNFILLED: fe_recovery_plan = fe_recovery_plan {
    action_id: fe_action::None,
    action: ptr::null(),
    refresh: ptr::null(),
    first_delay_ms: 0,
    factor: 1,
    max_delay_ms: 0,
    retries: false,
    give_up_after_ms: 0,
    failover: false,
    harmful_to_retry: false,
    source: ptr::null(),
};

/// The plan of every entry, at the entry's index in `FE_ERRORS`, built at compile time.
static FE_PLANS: [fe_recovery_plan; ENTRY_COUNT] = {
    let all = errors::all();
    let mut table = [UNFILLED; ENTRY_COUNT];
    let mut i = 0;
    while i < ENTRY_COUNT {
        table[i] = c_plan(all[i].recovery());
        i += 1;
    }
    assert!(Action::ALL.len() == FE_ACTION_COUNT as usize);
    let mut a = 0;
    while a < Action::ALL.len() {
        assert!(c_action(Action::ALL[a]) as u32 == Action::ALL[a].to_u32());
        a += 1;
    }
    table
};

/// The recovery plan of an entry returned by this library.
///
/// Returns NULL when e is NULL or is not an entry of this library (a copy). Example:
/// fe_recovery(fe_finesse_error(503, "SERVER_OUT_OF_SERVICE"))->action_id is
/// FE_ACTION_WAIT_AND_RETRY.
#[unsafe(no_mangle)]
pub extern "C" fn fe_recovery(e: *const fe_error) -> Option<&'static fe_recovery_plan> {
    guard(None, || {
        let base = FE_ERRORS.as_ptr().addr();
        let offset = e.addr().checked_sub(base)?;
        if offset % size_of::<fe_error>() != 0 {
            return None;
        }
        FE_PLANS.get(offset / size_of::<fe_error>())
    })
}

/// The name of an action ("wait_and_retry", ...); NULL if action is not one of the
/// FE_ACTION_* constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_action_name(action: u32) -> *const c_char {
    name_of(&ACTION_NAMES, action)
}
