//! Resilience for a whole client (feature `resilience`): the crate classifies, this module
//! executes. A [`RetryBudget`] shared by every request caps the retries an outage can cause;
//! a [`Breaker`] per Finesse node stops traffic to a node that is failing over and sends one
//! `SystemInfo` probe to learn when it is back; [`Attempts::decide`] turns each attempt of a
//! request into a [`Decision`]: retry or not, after how long, on which node. With the `tower`
//! feature, [`FinessePolicy`] is all of it as a `tower::retry::Policy`.
//!
//! Time comes from a [`Clock`]: [`SystemClock`] in services, [`ManualClock`] in tests and
//! simulations (`examples/failover_storm/` runs a 150 s outage of 2,000 desktops without
//! waiting).

mod breaker;
mod budget;
mod clock;
mod policy;
#[cfg(feature = "tower")]
mod tower;

pub use breaker::{Admission, Breaker, BreakerConfig, BreakerState, Nodes, PROBE};
pub use budget::{BudgetConfig, BudgetExhausted, RetryBudget, RetryCost};
pub use clock::{Clock, ManualClock, SystemClock};
pub use policy::{
    Attempts, Decision, MAX_ATTEMPTS, MAX_RETRY_AFTER, Outcome, Resilience, Transport, Why,
    parse_retry_after,
};
#[cfg(feature = "tower")]
pub use tower::FinessePolicy;
