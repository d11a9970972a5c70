//! A circuit breaker per Finesse node: open after an error whose plan says fail over, or when
//! the failures of a window pass a ratio; fail fast while open; one `SystemInfo` probe once the
//! break is over, which closes it on `IN_SERVICE`.

use super::clock::Clock;
use crate::Action;
use crate::explain::{SystemStatus, system_status};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The request a half-open breaker sends to learn whether its node is back.
pub const PROBE: &str = "GET /finesse/api/SystemInfo";

/// The numbers of a [`Breaker`].
///
/// ```
/// use finesse_errors::resilience::BreakerConfig;
/// use std::time::Duration;
///
/// let config = BreakerConfig::finesse();
/// assert_eq!(config.break_for, Duration::from_secs(5));
/// assert_eq!(config.max_break, Duration::from_secs(30));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct BreakerConfig {
    /// The window failures are counted over (a fixed window, restarted when it has passed).
    pub window: Duration,
    /// Calls a window needs before its failure ratio can open the breaker.
    pub min_calls: u32,
    /// The share of failed calls in a window (0 to 1) that opens the breaker.
    pub failure_ratio: f64,
    /// How long the first break lasts; each break after a failed probe lasts twice the one
    /// before.
    pub break_for: Duration,
    /// The longest break.
    pub max_break: Duration,
}

impl BreakerConfig {
    /// For Finesse: the breaks follow the 503 plan's schedule (5 s, doubling, at most 30 s);
    /// half the calls of a 30 s window failing, of at least 5, opens the breaker.
    pub const fn finesse() -> BreakerConfig {
        BreakerConfig {
            window: Duration::from_secs(30),
            min_calls: 5,
            failure_ratio: 0.5,
            break_for: Duration::from_secs(5),
            max_break: Duration::from_secs(30),
        }
    }
}

impl Default for BreakerConfig {
    /// [`BreakerConfig::finesse`].
    fn default() -> Self {
        BreakerConfig::finesse()
    }
}

/// Where a breaker stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BreakerState {
    /// Requests go through.
    Closed,
    /// Requests fail fast until the break is over.
    Open,
    /// The break is over: one probe decides.
    HalfOpen,
}

/// What a breaker lets a request do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Admission {
    /// Send it.
    Send,
    /// Send the probe ([`PROBE`]) first and report its answer with
    /// [`Breaker::record_probe`]; the caller is the one prober.
    Probe,
    /// Do not send: the node is out for at least this long.
    Wait(Duration),
}

#[derive(Debug)]
struct State {
    state: BreakerState,
    window_start: Duration,
    calls: u32,
    failures: u32,
    /// When the break ends (open), or when an unanswered probe is given up (half-open).
    until: Duration,
    /// Breaks in a row: each doubles the next.
    breaks: u32,
    probing: bool,
}

#[derive(Debug)]
struct Shared {
    config: BreakerConfig,
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
}

/// One node's breaker: clones share it. The lock is held for a few comparisons, never across
/// a request.
///
/// ```
/// use finesse_errors::resilience::{Admission, Breaker, BreakerConfig, BreakerState, ManualClock};
/// use std::sync::Arc;
/// use std::time::Duration;
///
/// let clock = ManualClock::new();
/// let breaker = Breaker::new(BreakerConfig::finesse(), Arc::new(clock.clone()));
/// breaker.trip(); // 503 OUT_OF_SERVICE: the plan says fail over
/// assert_eq!(breaker.admit(), Admission::Wait(Duration::from_secs(5)));
/// clock.advance(Duration::from_secs(5));
/// assert_eq!(breaker.admit(), Admission::Probe);
/// breaker.record_probe(b"<SystemInfo><status>IN_SERVICE</status></SystemInfo>");
/// assert_eq!(breaker.state(), BreakerState::Closed);
/// ```
#[derive(Clone, Debug)]
pub struct Breaker {
    shared: Arc<Shared>,
}

impl Breaker {
    /// A closed breaker reading the time from `clock`.
    pub fn new(config: BreakerConfig, clock: Arc<dyn Clock>) -> Breaker {
        let now = clock.now();
        Breaker {
            shared: Arc::new(Shared {
                config,
                clock,
                state: Mutex::new(State {
                    state: BreakerState::Closed,
                    window_start: now,
                    calls: 0,
                    failures: 0,
                    until: now,
                    breaks: 0,
                    probing: false,
                }),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Nothing panics while the lock is held; a poisoned lock still holds a valid state.
        self.shared
            .state
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn break_length(&self, breaks: u32) -> Duration {
        let config = &self.shared.config;
        let doubled = config
            .break_for
            .saturating_mul(1u32 << breaks.min(16))
            .min(config.max_break);
        doubled.max(config.break_for.min(config.max_break))
    }

    fn open(&self, state: &mut State, now: Duration) {
        state.state = BreakerState::Open;
        state.until = now.saturating_add(self.break_length(state.breaks));
        state.breaks = state.breaks.saturating_add(1);
        state.probing = false;
        state.calls = 0;
        state.failures = 0;
        state.window_start = now;
    }

    /// Where the breaker stands now.
    pub fn state(&self) -> BreakerState {
        let now = self.shared.clock.now();
        let state = self.lock();
        match state.state {
            BreakerState::Open if now >= state.until => BreakerState::HalfOpen,
            other => other,
        }
    }

    /// Whether a request may go to this node now.
    pub fn admit(&self) -> Admission {
        let now = self.shared.clock.now();
        let mut state = self.lock();
        match state.state {
            BreakerState::Closed => Admission::Send,
            BreakerState::Open if now < state.until => Admission::Wait(state.until - now),
            BreakerState::Open => {
                state.state = BreakerState::HalfOpen;
                state.probing = true;
                state.until = now.saturating_add(self.shared.config.break_for);
                Admission::Probe
            }
            BreakerState::HalfOpen if state.probing && now < state.until => {
                Admission::Wait(state.until - now)
            }
            // A probe that never answered: another caller probes.
            BreakerState::HalfOpen => {
                state.probing = true;
                state.until = now.saturating_add(self.shared.config.break_for);
                Admission::Probe
            }
        }
    }

    /// Opens the breaker now: for an error whose plan says fail over (503 OUT_OF_SERVICE,
    /// an XMPP system-shutdown, a refused connection). Already open: the break stands.
    pub fn trip(&self) {
        let now = self.shared.clock.now();
        let mut state = self.lock();
        if state.state == BreakerState::Closed {
            self.open(&mut state, now);
        }
    }

    /// Records a call the node answered (an error that is the request's fault counts too:
    /// the node is up).
    pub fn record_success(&self) {
        self.record(false);
    }

    /// Records a call the node failed (5xx, timeout); opens the breaker when the window's
    /// failure ratio passes the configured one.
    pub fn record_failure(&self) {
        self.record(true);
    }

    fn record(&self, failed: bool) {
        let now = self.shared.clock.now();
        let config = self.shared.config;
        let mut state = self.lock();
        if state.state != BreakerState::Closed {
            return;
        }
        if now.saturating_sub(state.window_start) >= config.window {
            state.window_start = now;
            state.calls = 0;
            state.failures = 0;
        }
        state.calls = state.calls.saturating_add(1);
        if failed {
            state.failures = state.failures.saturating_add(1);
        } else {
            state.breaks = 0;
        }
        let ratio = f64::from(state.failures) / f64::from(state.calls);
        if failed && state.calls >= config.min_calls && ratio >= config.failure_ratio {
            self.open(&mut state, now);
        }
    }

    /// Reads an event of this node's XMPP channel (a stream error, a BOSH `terminate`, an
    /// `Update` with errors): one whose plan says the node is failing over (`system-shutdown`,
    /// `SERVER_OUT_OF_SERVICE`) opens the breaker that REST requests to the node use too, so
    /// both channels follow one node state. Returns whether it did.
    ///
    /// ```
    /// use finesse_errors::resilience::{Breaker, BreakerConfig, BreakerState, SystemClock};
    /// use std::sync::Arc;
    ///
    /// let breaker = Breaker::new(BreakerConfig::finesse(), Arc::new(SystemClock::new()));
    /// let shutdown = br#"<stream:error xmlns:stream="http://etherx.jabber.org/streams">
    ///   <system-shutdown xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>"#;
    /// assert!(breaker.record_event(shutdown));
    /// assert_eq!(breaker.state(), BreakerState::Open);
    /// ```
    pub fn record_event(&self, body: &[u8]) -> bool {
        let Ok(diagnosis) = crate::explain::explain(None, body) else {
            return false;
        };
        let fails_over = diagnosis.verdict.recovery.is_some_and(|plan| {
            plan.failover() && matches!(plan.action(), Action::Failover | Action::WaitAndRetry)
        });
        if fails_over {
            self.trip();
        }
        fails_over
    }

    /// Reports the probe's answer: the body of `GET /finesse/api/SystemInfo` (empty when the
    /// probe got no answer). `IN_SERVICE` closes the breaker; anything else opens it again,
    /// for a break twice as long. Returns the status read, if any.
    pub fn record_probe(&self, body: &[u8]) -> Option<SystemStatus> {
        let status = system_status(body);
        self.record_status(status);
        status
    }

    /// [`record_probe`](Self::record_probe) with the status already read (`None`: no
    /// answer, or not a `SystemInfo`).
    pub fn record_status(&self, status: Option<SystemStatus>) {
        let now = self.shared.clock.now();
        let mut state = self.lock();
        if status == Some(SystemStatus::InService) {
            state.state = BreakerState::Closed;
            state.breaks = 0;
            state.probing = false;
            state.calls = 0;
            state.failures = 0;
            state.window_start = now;
        } else {
            self.open(&mut state, now);
        }
    }
}

/// The breakers of a client's Finesse nodes (a primary and a secondary, usually), and the node
/// in use, for REST and XMPP alike: clones share them.
///
/// ```
/// use finesse_errors::resilience::{Admission, BreakerConfig, ManualClock, Nodes};
/// use std::sync::Arc;
///
/// let nodes = Nodes::new(2, BreakerConfig::finesse(), Arc::new(ManualClock::new()));
/// assert_eq!(nodes.active(), 0);
/// nodes.breaker(0).unwrap().trip();
/// // The XMPP connection moves too: connect to the node `active` names.
/// assert_eq!(nodes.route(), (1, Admission::Send));
/// assert_eq!(nodes.active(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Nodes {
    breakers: Arc<[Breaker]>,
    active: Arc<AtomicUsize>,
}

impl Nodes {
    /// `count` nodes (at least one), each with a closed breaker; node 0 in use.
    pub fn new(count: usize, config: BreakerConfig, clock: Arc<dyn Clock>) -> Nodes {
        let breakers: Vec<Breaker> = (0..count.max(1))
            .map(|_| Breaker::new(config, Arc::clone(&clock)))
            .collect();
        Nodes {
            breakers: breakers.into(),
            active: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// How many nodes.
    pub fn len(&self) -> usize {
        self.breakers.len()
    }

    /// Always false: there is at least one node.
    pub fn is_empty(&self) -> bool {
        self.breakers.is_empty()
    }

    /// A node's breaker.
    pub fn breaker(&self, node: usize) -> Option<&Breaker> {
        self.breakers.get(node)
    }

    /// The node in use: where requests and the XMPP connection go while its breaker allows.
    pub fn active(&self) -> usize {
        self.active.load(Ordering::Acquire) % self.breakers.len()
    }

    /// Where to send a request now, starting from the node in use: the first node (in order
    /// after it) whose breaker sends, or else the first that wants a probe; it becomes the node
    /// in use. When every breaker is open, the node whose break ends first, with its wait.
    pub fn route(&self) -> (usize, Admission) {
        self.route_from(self.active())
    }

    /// [`route`](Self::route), starting from `from`.
    pub fn route_from(&self, from: usize) -> (usize, Admission) {
        let count = self.breakers.len();
        let order = || (0..count).map(|step| (from + step) % count);
        // A closed breaker first, read without claiming a probe anywhere.
        if let Some(node) = order().find(|&n| self.breakers[n].state() == BreakerState::Closed) {
            self.set_active(node);
            return (node, Admission::Send);
        }
        let mut soonest: Option<(usize, Duration)> = None;
        for node in order() {
            match self.breakers[node].admit() {
                Admission::Wait(wait) => {
                    if soonest.is_none_or(|(_, w)| wait < w) {
                        soonest = Some((node, wait));
                    }
                }
                admission => {
                    self.set_active(node);
                    return (node, admission);
                }
            }
        }
        let (node, wait) = soonest.unwrap_or((from % count, Duration::ZERO));
        (node, Admission::Wait(wait))
    }

    fn set_active(&self, node: usize) {
        self.active.store(node, Ordering::Release);
    }
}
