//! The retry decision for one request: the crate's diagnosis of each failed attempt, the
//! request's method, its plan's delays with jitter, `Retry-After`, the client's budget and the
//! breakers of its nodes, in one answer: retry or not, after how long, on which node.

use super::breaker::{Admission, Nodes};
use super::budget::{BudgetExhausted, RetryBudget, RetryCost};
use super::clock::Clock;
use crate::explain::{Context, Method};
use crate::{Action, FinesseError, Recovery, Retry, finesse_error};
use core::fmt;
use std::sync::Arc;
use std::time::Duration;

/// The longest `Retry-After` honoured: a server asking for more is waited out this long, then
/// asked again (a hostile header cannot park a client for days).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

/// Attempts of one request, at most, whatever the plans say.
pub const MAX_ATTEMPTS: u32 = 20;

/// A request that got no HTTP response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Transport {
    /// The connection was refused: nothing reached the node, which is treated as out of
    /// service (its breaker opens), with the 503 plan's timing.
    Refused,
    /// Sent, no answer in time: the request may have taken effect.
    TimedOut,
    /// The connection broke after the request was sent: it may have taken effect.
    Reset,
}

/// What one attempt of a request got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// An HTTP response.
    Response {
        /// The status.
        status: u16,
        /// The `Retry-After` header, read with [`parse_retry_after`].
        retry_after: Option<Duration>,
        /// The body (what `explain` diagnoses).
        body: &'a [u8],
    },
    /// No response.
    Transport(Transport),
}

/// A `Retry-After` value in seconds (RFC 9110 `delay-seconds`). An HTTP date needs the
/// server's clock and is not read: `None`, as for anything else.
///
/// ```
/// use finesse_errors::resilience::parse_retry_after;
/// use std::time::Duration;
///
/// assert_eq!(parse_retry_after(" 12 "), Some(Duration::from_secs(12)));
/// assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
/// ```
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let digits = value.trim();
    if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(Duration::from_secs)
}

/// Why a [`Decision`] is what it is. C values follow the declaration order and are only ever
/// appended to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Why {
    /// The attempt succeeded: nothing to do.
    Success,
    /// The plan retries on the same node after its delay.
    Planned,
    /// The node failed over (its breaker is open, or the plan's time is up): retry on
    /// another node, after checking its `SystemInfo` when [`Decision::probe`] says so.
    FailOver,
    /// Every node's breaker is open: retry when the soonest break ends, probing first.
    NodesDown,
    /// The verdict says never retry (a request error, nothing to send again).
    Never,
    /// Retrying would do harm: a failed sign-in counts towards the five that lock a Finesse
    /// user out for five minutes.
    Harmful,
    /// A second session with one identity: reconnecting would knock the other one off.
    IdentityClash,
    /// The request may have taken effect (a write with no answer, or a state that had to
    /// change first): re-read the state and decide again with the answer.
    OutcomeUnknown,
    /// The re-read says the request is no longer needed (it took effect, or the state moved
    /// on).
    NoLongerNeeded,
    /// The client's retry budget is exhausted.
    BudgetExhausted,
    /// The plan's time or [`MAX_ATTEMPTS`] is used up, and no other node can take over.
    GaveUp,
}

impl Why {
    /// A snake_case name for output (`fail_over`, `budget_exhausted` ...).
    pub const fn name(self) -> &'static str {
        match self {
            Why::Success => "success",
            Why::Planned => "planned",
            Why::FailOver => "fail_over",
            Why::NodesDown => "nodes_down",
            Why::Never => "never",
            Why::Harmful => "harmful",
            Why::IdentityClash => "identity_clash",
            Why::OutcomeUnknown => "outcome_unknown",
            Why::NoLongerNeeded => "no_longer_needed",
            Why::BudgetExhausted => "budget_exhausted",
            Why::GaveUp => "gave_up",
        }
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The answer for one failed (or successful) attempt.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Decision {
    /// Whether to send the request again.
    pub retry: bool,
    /// How long to wait first (zero when not retrying).
    pub after: Duration,
    /// The node to send it to (the node of the attempt when not retrying).
    pub node: usize,
    /// Whether to send the breaker's probe (`GET /finesse/api/SystemInfo`) to `node` first and
    /// report it with [`Breaker::record_probe`](super::Breaker::record_probe); resend only on
    /// `IN_SERVICE`.
    pub probe: bool,
    /// Why.
    pub why: Why,
    /// The diagnosis of an error response.
    pub error: Option<FinesseError>,
    /// For [`Why::BudgetExhausted`]: the tokens left and what the retry would have cost.
    pub refused: Option<BudgetExhausted>,
}

/// What every request of a client shares: the retry budget, the nodes' breakers and the
/// clock. Cheap to clone.
///
/// ```
/// use finesse_errors::explain::Method;
/// use finesse_errors::resilience::{Outcome, Resilience, Why};
///
/// let client = Resilience::new(2); // two Finesse nodes, AWS budget, Finesse breakers
/// let mut request = client.begin(Method::Put, 7);
/// let body = b"<ApiErrors><ApiError><ErrorType>Service Unavailable</ErrorType>\
///              <ErrorMessage>SERVER_OUT_OF_SERVICE</ErrorMessage></ApiError></ApiErrors>";
/// let decision = request.decide(
///     &Outcome::Response { status: 503, retry_after: None, body },
///     || None,
/// );
/// // Node 0 is failing over: its breaker opened, node 1 takes the retry once its
/// // SystemInfo says IN_SERVICE.
/// assert!(decision.retry);
/// assert_eq!((decision.why, decision.node, decision.probe), (Why::FailOver, 1, true));
/// ```
#[derive(Clone, Debug)]
pub struct Resilience {
    budget: RetryBudget,
    nodes: Nodes,
    clock: Arc<dyn Clock>,
}

impl Resilience {
    /// `nodes` Finesse nodes with [`BreakerConfig::finesse`](super::BreakerConfig::finesse)
    /// breakers, an [`aws_standard`](super::BudgetConfig::aws_standard) budget and the
    /// machine's clock.
    pub fn new(nodes: usize) -> Resilience {
        let clock: Arc<dyn Clock> = Arc::new(super::SystemClock::new());
        Resilience::with_parts(
            RetryBudget::default(),
            Nodes::new(nodes, super::BreakerConfig::finesse(), Arc::clone(&clock)),
            clock,
        )
    }

    /// From its parts (the breakers should read the same clock).
    pub fn with_parts(budget: RetryBudget, nodes: Nodes, clock: Arc<dyn Clock>) -> Resilience {
        Resilience {
            budget,
            nodes,
            clock,
        }
    }

    /// The retry budget.
    pub fn budget(&self) -> &RetryBudget {
        &self.budget
    }

    /// The nodes' breakers.
    pub fn nodes(&self) -> &Nodes {
        &self.nodes
    }

    /// Starts a request on the node in use (see [`Nodes::route`] to fail fast before the first
    /// attempt). `seed` draws the jitter of its delays.
    pub fn begin(&self, method: Method, seed: u64) -> Attempts {
        self.begin_on(self.nodes.active(), method, seed)
    }

    /// Starts a request sent to `node`.
    pub fn begin_on(&self, node: usize, method: Method, seed: u64) -> Attempts {
        Attempts {
            shared: self.clone(),
            method,
            node: node % self.nodes.len(),
            started: self.clock.now(),
            retries: 0,
            seed,
        }
    }
}

/// One request's attempts: feed each outcome to [`decide`](Self::decide).
#[derive(Clone, Debug)]
pub struct Attempts {
    shared: Resilience,
    method: Method,
    node: usize,
    started: Duration,
    retries: u32,
    seed: u64,
}

/// The plan of a node that does not answer: the 503 plan (wait, poll SystemInfo, fail over).
fn unreachable_plan() -> Option<&'static Recovery> {
    finesse_error(503, "SERVER_OUT_OF_SERVICE").map(|info| info.recovery())
}

impl Attempts {
    /// The node the next attempt goes to.
    pub fn node(&self) -> usize {
        self.node
    }

    /// Picks the node for the next attempt again ([`Nodes::route_from`] from the current
    /// one), e.g. after a probe that did not say `IN_SERVICE`: the node, and whether to send,
    /// probe first, or wait.
    pub fn reroute(&mut self) -> (usize, Admission) {
        let (node, admission) = self.shared.nodes.route_from(self.node);
        self.node = node;
        (node, admission)
    }

    /// Resumes a request that was already retried `retries` times over `elapsed`: for a
    /// caller that keeps no `Attempts` between calls and counts for itself.
    pub fn with_history(mut self, retries: u32, elapsed: Duration) -> Attempts {
        self.retries = retries.min(MAX_ATTEMPTS);
        self.started = self.started.saturating_sub(elapsed);
        self
    }

    /// Retries decided so far.
    pub fn retries(&self) -> u32 {
        self.retries
    }

    fn stop(&self, why: Why, error: Option<FinesseError>) -> Decision {
        Decision {
            retry: false,
            after: Duration::ZERO,
            node: self.node,
            probe: false,
            why,
            error,
            refused: None,
        }
    }

    /// Decides what to do after an attempt sent to [`node`](Self::node). `reread` is asked
    /// only when the request may have taken effect or waits for a state change: re-read the
    /// state the plan names and say whether the request is still needed (`None`: not
    /// re-read, so no resend). Every outcome is recorded: the node's breaker counts it, a
    /// success refills the budget, a failure costs it what its preset says, and a retry pays
    /// for itself.
    pub fn decide(
        &mut self,
        outcome: &Outcome<'_>,
        reread: impl FnOnce() -> Option<bool>,
    ) -> Decision {
        let shared = &self.shared;
        let breaker = shared.nodes.breaker(self.node).cloned();
        let (retry, plan, cost, retry_after, error) = match *outcome {
            Outcome::Response { status, .. } if status < 400 => {
                if let Some(breaker) = &breaker {
                    breaker.record_success();
                }
                shared.budget.deposit();
                return self.stop(Why::Success, None);
            }
            Outcome::Response {
                status,
                retry_after,
                body,
            } => {
                let error = FinesseError::new(Context::new().method(self.method), status, body);
                let plan = error.recovery();
                if let Some(breaker) = &breaker {
                    if status == 503 && plan.is_some_and(|p| p.failover()) {
                        breaker.trip();
                    } else if status >= 500 {
                        breaker.record_failure();
                    } else {
                        breaker.record_success();
                    }
                }
                shared.budget.record_failure();
                if let Some(plan) = plan.filter(|p| p.harmful_to_retry()) {
                    let why = if plan.action() == Action::Escalate {
                        Why::IdentityClash
                    } else {
                        Why::Harmful
                    };
                    return self.stop(why, Some(error));
                }
                let retry = error.verdict().retry;
                (retry, plan, RetryCost::Error, retry_after, Some(error))
            }
            Outcome::Transport(kind) => {
                shared.budget.record_failure();
                let retry = match kind {
                    Transport::Refused => {
                        if let Some(breaker) = &breaker {
                            breaker.trip();
                        }
                        Retry::AfterDelay
                    }
                    Transport::TimedOut | Transport::Reset => {
                        if let Some(breaker) = &breaker {
                            breaker.record_failure();
                        }
                        if self.method.is_write() {
                            Retry::AfterStateChange
                        } else {
                            Retry::AfterDelay
                        }
                    }
                };
                let cost = match kind {
                    Transport::Refused => RetryCost::Error,
                    _ => RetryCost::Timeout,
                };
                (retry, unreachable_plan(), cost, None, None)
            }
        };
        match retry {
            Retry::Never | Retry::NotNeeded => return self.stop(Why::Never, error),
            Retry::AfterStateChange => match reread() {
                None => return self.stop(Why::OutcomeUnknown, error),
                Some(false) => return self.stop(Why::NoLongerNeeded, error),
                Some(true) => {}
            },
            Retry::AfterDelay | Retry::AfterReconnect => {}
        }
        let Some(plan) = plan.or_else(unreachable_plan) else {
            return self.stop(Why::GaveUp, error);
        };
        if self.retries >= MAX_ATTEMPTS - 1 {
            return self.stop(Why::GaveUp, error);
        }
        let elapsed = shared.clock.now().saturating_sub(self.started);
        let delay = plan
            .delays(self.seed)
            .nth(self.retries as usize)
            .filter(|_| plan.give_up_after().is_some_and(|limit| elapsed < limit));
        let here_open = breaker
            .as_ref()
            .is_some_and(|b| b.state() != super::BreakerState::Closed);
        let (node, after, probe, why) = if !here_open && delay.is_some() {
            let wait = retry_after.map_or(Duration::ZERO, |r| r.min(MAX_RETRY_AFTER));
            (
                self.node,
                delay.unwrap_or_default().max(wait),
                false,
                Why::Planned,
            )
        } else if here_open || plan.failover() {
            // Another node, if one can take the request.
            let next = (self.node + 1) % shared.nodes.len();
            match shared.nodes.route_from(next) {
                (node, Admission::Send | Admission::Probe) if node != self.node => {
                    (node, Duration::ZERO, true, Why::FailOver)
                }
                // The only node that may take it is this one, half-open: probe it.
                (node, Admission::Probe) => (node, delay.unwrap_or_default(), true, Why::Planned),
                // This node alone, closed, and the plan's time is up.
                (_, Admission::Send) => return self.stop(Why::GaveUp, error),
                (node, Admission::Wait(wait)) => (
                    node,
                    wait.max(delay.unwrap_or_default()),
                    true,
                    Why::NodesDown,
                ),
            }
        } else {
            return self.stop(Why::GaveUp, error);
        };
        if let Err(refused) = shared.budget.withdraw(cost) {
            return Decision {
                refused: Some(refused),
                ..self.stop(Why::BudgetExhausted, error)
            };
        }
        self.retries += 1;
        self.node = node;
        Decision {
            retry: true,
            after,
            node,
            probe,
            why,
            error,
            refused: None,
        }
    }
}
