//! The two simulated Finesse nodes of the storm, and what they count: node A is out of service
//! for the outage (the in-flight requests of its first second are applied but their
//! connections break, then 503 SERVER_OUT_OF_SERVICE, then refused connections); node B stays
//! in service. Every number of a report is counted here, not by the clients.

use finesse_errors::explain::Method;
use finesse_errors::resilience::Transport;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
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

    pub fn outage(&self, now: u64) -> bool {
        (self.outage_start_ms..self.outage_start_ms + self.outage_ms).contains(&now)
    }

    pub fn is_integration(&self, client: usize) -> bool {
        client % 10 == 9
    }

    pub fn bad_credentials(&self, client: usize) -> bool {
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
pub enum Kind {
    Read,
    /// A write, by its id: applying it twice is a duplicate.
    Write(u64),
}

/// What a node answered.
pub enum Answer {
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
pub struct World {
    pub scenario: Scenario,
    pub applied: HashMap<u64, u32>,
    pub failed_sign_ins: Vec<u32>,
    pub lockouts: u64,
    pub to_down_node: u64,
    pub extra_in_outage: u64,
    pub resends_in_outage: u64,
    pub base_in_outage: u64,
    pub served_at: Vec<Option<u64>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Api(Kind),
    SignIn,
    SystemInfo,
}

impl World {
    pub fn new(scenario: Scenario) -> World {
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
    pub fn count_extra(&mut self, now: u64, resend: bool) {
        if self.scenario.outage(now) {
            self.extra_in_outage += 1;
            if resend {
                self.resends_in_outage += 1;
            }
        }
    }

    pub fn serve(&mut self, now: u64, node: usize, client: usize, request: Request) -> Answer {
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

    pub fn served(&mut self, client: usize, started: u64, now: u64) {
        if started >= self.scenario.outage_start_ms && self.served_at[client].is_none() {
            self.served_at[client] = Some(now);
        }
    }

    pub fn report(self, needs_person: u64) -> Report {
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
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A client's next request: integrations POST (a write), desktops read or change state.
pub fn next_kind(scenario: &Scenario, client: usize, n: u64) -> (Kind, Method) {
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
pub struct Queue<E> {
    heap: BinaryHeap<Reverse<(u64, u64, usize)>>,
    events: Vec<Option<E>>,
    seq: u64,
}

impl<E> Queue<E> {
    pub fn new() -> Self {
        Queue {
            heap: BinaryHeap::new(),
            events: Vec::new(),
            seq: 0,
        }
    }

    pub fn push(&mut self, at: u64, event: E) {
        self.events.push(Some(event));
        self.seq += 1;
        self.heap
            .push(Reverse((at, self.seq, self.events.len() - 1)));
    }

    pub fn pop(&mut self) -> Option<(u64, E)> {
        let Reverse((at, _, index)) = self.heap.pop()?;
        Some((at, self.events[index].take()?))
    }
}
