//! The failover storm, simulated on a virtual clock: desktops and integrations on two Finesse
//! nodes; node A is out of service for 150 s (first 503 SERVER_OUT_OF_SERVICE, then connection
//! refused), node B stays in service. The same scenario runs with the crate's resilience (a
//! budget, a breaker per node, the retry decision) and with a naive client (exponential
//! backoff per request, no budget, no breaker). Every number is counted by the simulated
//! nodes, not by the clients.

use super::world::{Answer, Kind, Queue, Report, Request, Scenario, World, mix, next_kind};
use finesse_errors::explain::SystemStatus;
use finesse_errors::resilience::{
    Admission, Attempts, BreakerConfig, BudgetConfig, Clock, ManualClock, Nodes, Outcome,
    Resilience, RetryBudget, Why,
};
use std::sync::Arc;
use std::time::Duration;
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
