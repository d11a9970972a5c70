//! The failover storm, simulated on a virtual clock: desktops and integrations on two Finesse
//! nodes; node A is out of service for 150 s (first 503 SERVER_OUT_OF_SERVICE, then connection
//! refused), node B stays in service. The same scenario runs with the crate's resilience (a
//! budget, a breaker per node, the retry decision) and with a naive client (exponential
//! backoff per request, no budget, no breaker). Every number is counted by the simulated
//! nodes, not by the clients.

use finesse_errors::explain::{Method, SystemStatus};
use finesse_errors::resilience::{
    Admission, Attempts, BreakerConfig, BudgetConfig, Clock, ManualClock, Nodes, Outcome,
    Resilience, RetryBudget, Transport, Why,
};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;
use std::time::Duration;

/// The scenario.
#[derive(Clone, Copy, Debug)]
pub struct Scenario {
    /// Desktops and integrations in all; every tenth is an integration (which POSTs).
    pub clients: usize,
    /// Each client's own request rate: one request per this many ms.
    pub interval_ms: u64,
    /// When node A goes down.
    pub outage_start_ms: u64,
    /// How long it stays down.
    pub outage_ms: u64,
    /// For how long of the outage A still answers 503 (then it refuses connections).
    pub answers_503_ms: u64,
    /// For how long at the start of the outage requests in flight are lost after A applied
    /// them (the connection breaks: the client cannot know).
    pub in_flight_loss_ms: u64,
    /// Every this many desktops has a credential the other node rejects (401) at sign-in.
    pub bad_credentials_every: usize,
    /// When the simulation stops.
    pub end_ms: u64,
}

impl Scenario {
    /// 2,000 clients, one request each per 10 s, A down for 150 s from t = 60 s.
    pub const fn standard(clients: usize) -> Scenario {
        Scenario {
            clients,
            interval_ms: 10_000,
            outage_start_ms: 60_000,
            outage_ms: 150_000,
            answers_503_ms: 75_000,
            in_flight_loss_ms: 1_000,
            bad_credentials_every: 100,
            end_ms: 420_000,
        }
    }

    fn outage(&self, now: u64) -> bool {
        (self.outage_start_ms..self.outage_start_ms + self.outage_ms).contains(&now)
    }

    fn is_integration(&self, client: usize) -> bool {
        client % 10 == 9
    }

    fn bad_credentials(&self, client: usize) -> bool {
        !self.is_integration(client) && client % self.bad_credentials_every == 0
    }
}

/// What one side did, as the nodes saw it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Report {
    /// Resends of failed requests during the outage, as a share of the requests the clients
    /// started in that time.
    pub retry_share: f64,
    /// Every request beyond the clients' own during the outage (resends, SystemInfo probes,
    /// sign-ins on the other node, re-reads), as a share of them.
    pub extra_share: f64,
    /// Requests (of any kind) that reached node A, or were refused by it, while it was down.
    pub requests_to_down_node: u64,
    /// Seconds from the start of the outage until every client with valid credentials has had
    /// a request it started after the outage began succeed; `None`: not by the end.
    pub all_served_after_s: Option<f64>,
    /// Users who reached five failed sign-ins in a row (Finesse locks them out for 5 min).
    pub lockouts: u64,
    /// Writes applied more than once (each extra application counts).
    pub duplicate_writes: u64,
    /// Desktops that stopped because a person must act (their credential was rejected).
    pub needs_person: u64,
    /// Requests the clients started during the outage.
    pub base_requests: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Read,
    /// A write, by its id: applying it twice is a duplicate.
    Write(u64),
}

/// What a node answered.
enum Answer {
    Status(u16, &'static [u8]),
    Transport(Transport),
}

const OUT_OF_SERVICE: &[u8] = b"<ApiErrors><ApiError><ErrorType>Service Unavailable</ErrorType>\
    <ErrorMessage>SERVER_OUT_OF_SERVICE</ErrorMessage></ApiError></ApiErrors>";
const BAD_CREDENTIALS: &[u8] =
    b"<ApiErrors><ApiError><ErrorType>Authentication Failure</ErrorType>\
    <ErrorMessage>Bad credentials</ErrorMessage></ApiError></ApiErrors>";
const IN_SERVICE: &[u8] = b"<SystemInfo><status>IN_SERVICE</status></SystemInfo>";
const SYSTEM_DOWN: &[u8] = b"<SystemInfo><status>OUT_OF_SERVICE</status></SystemInfo>";

/// The two nodes and what they count.
struct World {
    scenario: Scenario,
    applied: HashMap<u64, u32>,
    failed_sign_ins: Vec<u32>,
    lockouts: u64,
    to_down_node: u64,
    extra_in_outage: u64,
    resends_in_outage: u64,
    base_in_outage: u64,
    served_at: Vec<Option<u64>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Request {
    Api(Kind),
    SignIn,
    SystemInfo,
}

impl World {
    fn new(scenario: Scenario) -> World {
        World {
            scenario,
            applied: HashMap::new(),
            failed_sign_ins: vec![0; scenario.clients],
            lockouts: 0,
            to_down_node: 0,
            extra_in_outage: 0,
            resends_in_outage: 0,
            base_in_outage: 0,
            served_at: vec![None; scenario.clients],
        }
    }

    /// A request that is not the client's own first attempt.
    fn count_extra(&mut self, now: u64, resend: bool) {
        if self.scenario.outage(now) {
            self.extra_in_outage += 1;
            if resend {
                self.resends_in_outage += 1;
            }
        }
    }

    fn serve(&mut self, now: u64, node: usize, client: usize, request: Request) -> Answer {
        let s = self.scenario;
        if node == 0 && s.outage(now) {
            self.to_down_node += 1;
            let into = now - s.outage_start_ms;
            if into < s.in_flight_loss_ms {
                if let Request::Api(Kind::Write(id)) = request {
                    *self.applied.entry(id).or_default() += 1;
                }
                return Answer::Transport(Transport::Reset);
            }
            if into < s.answers_503_ms {
                return match request {
                    Request::SystemInfo => Answer::Status(200, SYSTEM_DOWN),
                    _ => Answer::Status(503, OUT_OF_SERVICE),
                };
            }
            return Answer::Transport(Transport::Refused);
        }
        match request {
            Request::SystemInfo => Answer::Status(200, IN_SERVICE),
            Request::SignIn if s.bad_credentials(client) => {
                self.failed_sign_ins[client] += 1;
                if self.failed_sign_ins[client] == 5 {
                    self.lockouts += 1;
                }
                Answer::Status(401, BAD_CREDENTIALS)
            }
            Request::SignIn => {
                self.failed_sign_ins[client] = 0;
                Answer::Status(202, b"")
            }
            Request::Api(Kind::Write(id)) => {
                *self.applied.entry(id).or_default() += 1;
                Answer::Status(202, b"")
            }
            Request::Api(Kind::Read) => Answer::Status(200, b"<User/>"),
        }
    }

    fn served(&mut self, client: usize, started: u64, now: u64) {
        if started >= self.scenario.outage_start_ms && self.served_at[client].is_none() {
            self.served_at[client] = Some(now);
        }
    }

    fn report(self, needs_person: u64) -> Report {
        let s = self.scenario;
        let base = self.base_in_outage.max(1) as f64;
        let all_served = (0..s.clients)
            .filter(|&c| !s.bad_credentials(c))
            .map(|c| self.served_at[c])
            .try_fold(0u64, |latest, at| at.map(|at| latest.max(at)));
        Report {
            retry_share: self.resends_in_outage as f64 / base,
            extra_share: self.extra_in_outage as f64 / base,
            requests_to_down_node: self.to_down_node,
            all_served_after_s: all_served
                .map(|at| at.saturating_sub(s.outage_start_ms) as f64 / 1000.0),
            lockouts: self.lockouts,
            duplicate_writes: self
                .applied
                .values()
                .map(|&n| u64::from(n.saturating_sub(1)))
                .sum(),
            needs_person,
            base_requests: self.base_in_outage,
        }
    }
}

/// splitmix64, for the clients' phases and the request mix.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A client's next request: integrations POST (a write), desktops read or change state.
fn next_kind(scenario: &Scenario, client: usize, n: u64) -> (Kind, Method) {
    let id = (client as u64) << 32 | n;
    if scenario.is_integration(client) {
        (Kind::Write(id), Method::Post)
    } else if mix(id) % 4 == 0 {
        (Kind::Write(id), Method::Put)
    } else {
        (Kind::Read, Method::Get)
    }
}

/// Events in time order (ties in the order they were queued).
struct Queue<E> {
    heap: BinaryHeap<Reverse<(u64, u64, usize)>>,
    events: Vec<Option<E>>,
    seq: u64,
}

impl<E> Queue<E> {
    fn new() -> Self {
        Queue {
            heap: BinaryHeap::new(),
            events: Vec::new(),
            seq: 0,
        }
    }

    fn push(&mut self, at: u64, event: E) {
        self.events.push(Some(event));
        self.seq += 1;
        self.heap
            .push(Reverse((at, self.seq, self.events.len() - 1)));
    }

    fn pop(&mut self) -> Option<(u64, E)> {
        let Reverse((at, _, index)) = self.heap.pop()?;
        Some((at, self.events[index].take()?))
    }
}

enum OurEvent {
    Start(usize),
    Attempt(Box<OurRequest>),
}

struct OurRequest {
    client: usize,
    kind: Kind,
    started: u64,
    attempts: Attempts,
    probe: bool,
    first: bool,
}

struct OurClient {
    resilience: Resilience,
    signed_on: usize,
    needs_person: bool,
    started: u64,
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The crate's client: one budget and one pair of breakers per client (each desktop is its
/// own process), all on the simulation's clock.
pub fn ours(scenario: Scenario) -> Report {
    let clock = ManualClock::new();
    let shared: Arc<dyn Clock> = Arc::new(clock.clone());
    let mut world = World::new(scenario);
    let mut clients: Vec<OurClient> = (0..scenario.clients)
        .map(|client| OurClient {
            resilience: Resilience::with_parts(
                RetryBudget::new(BudgetConfig::aws_standard()),
                Nodes::new(2, BreakerConfig::finesse(), Arc::clone(&shared)),
                Arc::clone(&shared),
            ),
            signed_on: client % 2,
            needs_person: false,
            started: 0,
        })
        .collect();
    // Half the clients start on each node.
    for (client, c) in clients.iter().enumerate() {
        if client % 2 == 1 {
            c.resilience.nodes().breaker(0).unwrap().trip();
            let _ = c.resilience.nodes().route();
            c.resilience
                .nodes()
                .breaker(0)
                .unwrap()
                .record_status(Some(SystemStatus::InService));
        }
    }
    let mut queue = Queue::new();
    for client in 0..scenario.clients {
        queue.push(
            mix(client as u64) % scenario.interval_ms,
            OurEvent::Start(client),
        );
    }
    while let Some((now, event)) = queue.pop() {
        if now >= scenario.end_ms {
            break;
        }
        clock.set(Duration::from_millis(now));
        match event {
            OurEvent::Start(client) => {
                queue.push(now + scenario.interval_ms, OurEvent::Start(client));
                let c = &mut clients[client];
                if c.needs_person {
                    continue;
                }
                if scenario.outage(now) {
                    world.base_in_outage += 1;
                }
                c.started += 1;
                let (kind, method) = next_kind(&scenario, client, c.started);
                let attempts = c.resilience.begin(method, mix(now ^ client as u64));
                queue.push(
                    now,
                    OurEvent::Attempt(Box::new(OurRequest {
                        client,
                        kind,
                        started: now,
                        attempts,
                        probe: false,
                        first: true,
                    })),
                );
            }
            OurEvent::Attempt(mut request) => {
                let client = request.client;
                if clients[client].needs_person {
                    continue;
                }
                if request.first {
                    // Fail fast before sending: the breakers pick the node.
                    match request.attempts.reroute() {
                        (_, Admission::Send) => {}
                        (_, Admission::Probe) => request.probe = true,
                        (_, Admission::Wait(wait)) => {
                            queue.push(now + ms(wait).max(1), OurEvent::Attempt(request));
                            continue;
                        }
                    }
                }
                let node = request.attempts.node();
                if request.probe {
                    world.count_extra(now, false);
                    let body = match world.serve(now, node, client, Request::SystemInfo) {
                        Answer::Status(_, body) => body,
                        Answer::Transport(_) => b"",
                    };
                    let breaker = clients[client].resilience.nodes().breaker(node).unwrap();
                    if breaker.record_probe(body) != Some(SystemStatus::InService) {
                        match request.attempts.reroute() {
                            (_, Admission::Wait(wait)) => {
                                queue.push(now + ms(wait).max(1), OurEvent::Attempt(request));
                            }
                            (_, admission) => {
                                request.probe = admission == Admission::Probe;
                                queue.push(now, OurEvent::Attempt(request));
                            }
                        }
                        continue;
                    }
                    request.probe = false;
                }
                // A desktop signs in on a node before using it.
                let mut answer = None;
                if !scenario.is_integration(client) && clients[client].signed_on != node {
                    world.count_extra(now, false);
                    match world.serve(now, node, client, Request::SignIn) {
                        Answer::Status(202, _) => clients[client].signed_on = node,
                        other => answer = Some(other),
                    }
                }
                if !request.first {
                    world.count_extra(now, true);
                }
                request.first = false;
                let answer = answer
                    .unwrap_or_else(|| world.serve(now, node, client, Request::Api(request.kind)));
                let outcome = match &answer {
                    Answer::Status(status, body) => Outcome::Response {
                        status: *status,
                        retry_after: None,
                        body,
                    },
                    Answer::Transport(kind) => Outcome::Transport(*kind),
                };
                let kind = request.kind;
                let mut reread = || {
                    // The caller re-reads the object: still needed unless it took effect.
                    world.count_extra(now, false);
                    match kind {
                        Kind::Write(id) => Some(!world.applied.contains_key(&id)),
                        Kind::Read => Some(true),
                    }
                };
                let decision = request.attempts.decide(&outcome, &mut reread);
                match decision.why {
                    Why::Success | Why::NoLongerNeeded => {
                        world.served(client, request.started, now);
                    }
                    Why::Harmful | Why::IdentityClash => clients[client].needs_person = true,
                    _ if decision.retry => {
                        request.probe = decision.probe;
                        queue.push(now + ms(decision.after), OurEvent::Attempt(request));
                    }
                    _ => {}
                }
            }
        }
    }
    let needs_person = clients.iter().filter(|c| c.needs_person).count() as u64;
    world.report(needs_person)
}

/// The naive client's retries of one request: exponential backoff from 1 s, doubling up to
/// 64 s, at most this many attempts ...
const NAIVE_ATTEMPTS: u32 = 12;
/// ... and after this many failed attempts of a request, the client switches node (the
/// request goes on there).
const NAIVE_SWITCH_AFTER: u32 = 8;

enum NaiveEvent {
    Start(usize),
    Attempt {
        client: usize,
        kind: Kind,
        started: u64,
        attempt: u32,
    },
}

/// The naive client: every failure (any status, any transport error) is retried with
/// exponential backoff, per request, without jitter, budget or breaker; a request that failed
/// eight times moves the client to the other node.
pub fn naive(scenario: Scenario) -> Report {
    let mut world = World::new(scenario);
    let mut node: Vec<usize> = (0..scenario.clients).map(|c| c % 2).collect();
    let mut signed_on = node.clone();
    let mut started = vec![0u64; scenario.clients];
    let mut queue = Queue::new();
    for client in 0..scenario.clients {
        queue.push(
            mix(client as u64) % scenario.interval_ms,
            NaiveEvent::Start(client),
        );
    }
    while let Some((now, event)) = queue.pop() {
        if now >= scenario.end_ms {
            break;
        }
        match event {
            NaiveEvent::Start(client) => {
                queue.push(now + scenario.interval_ms, NaiveEvent::Start(client));
                if scenario.outage(now) {
                    world.base_in_outage += 1;
                }
                started[client] += 1;
                let (kind, _) = next_kind(&scenario, client, started[client]);
                queue.push(
                    now,
                    NaiveEvent::Attempt {
                        client,
                        kind,
                        started: now,
                        attempt: 0,
                    },
                );
            }
            NaiveEvent::Attempt {
                client,
                kind,
                started,
                attempt,
            } => {
                let at = node[client];
                let mut ok = true;
                if !scenario.is_integration(client) && signed_on[client] != at {
                    world.count_extra(now, false);
                    match world.serve(now, at, client, Request::SignIn) {
                        Answer::Status(202, _) => signed_on[client] = at,
                        _ => ok = false,
                    }
                }
                if attempt > 0 {
                    world.count_extra(now, true);
                }
                if ok {
                    ok = matches!(
                        world.serve(now, at, client, Request::Api(kind)),
                        Answer::Status(status, _) if status < 400
                    );
                }
                if ok {
                    world.served(client, started, now);
                } else if attempt + 1 < NAIVE_ATTEMPTS {
                    if attempt + 1 == NAIVE_SWITCH_AFTER {
                        node[client] = 1 - at;
                    }
                    queue.push(
                        now + (1000 << attempt.min(6)),
                        NaiveEvent::Attempt {
                            client,
                            kind,
                            started,
                            attempt: attempt + 1,
                        },
                    );
                }
            }
        }
    }
    world.report(0)
}

/// Both sides of one scenario, as the example prints them.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Storm {
    /// Clients in the scenario (desktops and integrations).
    pub desktops: usize,
    /// The crate's client.
    pub ours: Report,
    /// The naive client.
    pub naive: Report,
}

/// Runs both sides.
pub fn run(scenario: Scenario) -> Storm {
    Storm {
        desktops: scenario.clients,
        ours: ours(scenario),
        naive: naive(scenario),
    }
}
