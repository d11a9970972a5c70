//! `FinessePolicy` in a real tower service stack (`ServiceBuilder` + `RetryLayer` over an
//! HTTP service) against the two-node Finesse simulator on 127.0.0.1. The simulator's test
//! clock is the breakers' clock and the policy's sleep advances it, so nothing waits.
#![cfg(feature = "tower")]

#[path = "../examples/finesse_client/sim.rs"]
mod sim;

use finesse_errors::resilience::{
    BreakerConfig, BreakerState, Clock, FinessePolicy, Nodes, Resilience, RetryBudget,
};
use sim::{Node, Script, Seen};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower::retry::RetryLayer;
use tower::{BoxError, Service, ServiceBuilder, ServiceExt};

/// The simulator's clock, as the breakers read time.
#[derive(Clone)]
struct TestClock(sim::Clock);

impl std::fmt::Debug for TestClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TestClock({} ms)", self.0.now_ms())
    }
}

impl Clock for TestClock {
    fn now(&self) -> Duration {
        Duration::from_millis(self.0.now_ms())
    }
}

type Response = http::Response<Vec<u8>>;

/// The HTTP service at the bottom of the stack: ureq, blocking (the simulator answers at
/// once), errors as tower's `BoxError` with the `io::Error` of a failed connection unwrapped.
fn http_service() -> impl Service<
    http::Request<String>,
    Response = Response,
    Error = BoxError,
    Future = Pin<Box<dyn Future<Output = Result<Response, BoxError>> + Send>>,
> + Clone {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    tower::service_fn(move |request: http::Request<String>| {
        let agent = agent.clone();
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let request = http::Request::from_parts(parts, body);
            match agent.run(request) {
                Ok(mut response) => {
                    let status = response.status();
                    let body = response.body_mut().read_to_vec().map_err(BoxError::from)?;
                    Ok(http::Response::builder().status(status).body(body)?)
                }
                Err(ureq::Error::Io(io)) => Err(BoxError::from(io)),
                Err(other) => Err(BoxError::from(other)),
            }
        }) as Pin<Box<dyn Future<Output = Result<Response, BoxError>> + Send>>
    })
}

struct Stack {
    nodes: [Node; 2],
    clock: sim::Clock,
    log: Arc<Mutex<Vec<Seen>>>,
    resilience: Resilience,
}

impl Stack {
    fn start(a: Script, b: Script) -> Stack {
        let clock = sim::Clock::default();
        let log = Arc::new(Mutex::new(Vec::new()));
        let nodes = [
            Node::start('A', a, clock.clone(), Arc::clone(&log)),
            Node::start('B', b, clock.clone(), Arc::clone(&log)),
        ];
        let shared: Arc<dyn Clock> = Arc::new(TestClock(clock.clone()));
        let resilience = Resilience::with_parts(
            RetryBudget::default(),
            Nodes::new(2, BreakerConfig::finesse(), Arc::clone(&shared)),
            shared,
        );
        Stack {
            nodes,
            clock,
            log,
            resilience,
        }
    }

    fn authorities(&self) -> Vec<String> {
        self.nodes
            .iter()
            .map(|n| n.url.trim_start_matches("http://").to_string())
            .collect()
    }

    fn policy(&self) -> FinessePolicy<String> {
        let clock = self.clock.clone();
        FinessePolicy::new(self.resilience.clone(), &self.authorities(), move |wait| {
            clock.advance(wait.as_millis() as u64);
            Box::pin(std::future::ready(()))
        })
        .unwrap()
    }

    async fn send(&self, policy: FinessePolicy<String>, method: &str, path: &str) -> Response {
        let service = ServiceBuilder::new()
            .layer(RetryLayer::new(policy))
            .service(http_service());
        // The first attempt goes where the breakers say (the policy steers the retries).
        let (node, _) = self.resilience.nodes().route();
        let request = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.nodes[node].url))
            .body(String::from("<User><state>READY</state></User>"))
            .unwrap();
        service.oneshot(request).await.expect("a response")
    }

    fn seen(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }
}

const USER: &str = "/finesse/api/User/1001";

fn count(seen: &[Seen], node: char, method: &str, path: &str) -> usize {
    seen.iter()
        .filter(|s| s.node == node && s.method == method && s.path == path)
        .count()
}

#[tokio::test(flavor = "current_thread")]
async fn a_node_out_of_service_opens_its_breaker_and_the_retry_goes_to_the_other() {
    let stack = Stack::start(
        Script {
            down_until_ms: u64::MAX,
            ..Script::default()
        },
        Script::default(),
    );
    let response = stack.send(stack.policy(), "PUT", USER).await;
    assert_eq!(response.status(), 202);
    let seen = stack.seen();
    assert_eq!(count(&seen, 'A', "PUT", USER), 1, "{seen:#?}");
    assert_eq!(count(&seen, 'B', "PUT", USER), 1, "{seen:#?}");
    let nodes = stack.resilience.nodes();
    assert_eq!(nodes.breaker(0).unwrap().state(), BreakerState::Open);
    assert_eq!(nodes.breaker(1).unwrap().state(), BreakerState::Closed);
    assert_eq!(nodes.active(), 1);

    // The next request starts on the node the breakers chose, and A gets nothing.
    let before = stack.seen().len();
    let response = stack.send(stack.policy(), "GET", USER).await;
    assert_eq!(response.status(), 202);
    let after = &stack.seen()[before..];
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].node, 'B');
}

#[tokio::test(flavor = "current_thread")]
async fn a_probe_function_checks_system_info_before_the_resend() {
    let stack = Stack::start(
        Script {
            down_until_ms: u64::MAX,
            ..Script::default()
        },
        Script::default(),
    );
    let urls: Vec<String> = stack.nodes.iter().map(|n| n.url.clone()).collect();
    let policy = stack.policy().with_probe(move |node| {
        let url = format!("{}/finesse/api/SystemInfo", urls[node]);
        Box::pin(async move {
            ureq::get(&url)
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_vec().ok())
                .unwrap_or_default()
        })
    });
    let response = stack.send(policy, "PUT", USER).await;
    assert_eq!(response.status(), 202);
    let seen = stack.seen();
    let order: Vec<(char, &str)> = seen.iter().map(|s| (s.node, s.path.as_str())).collect();
    assert_eq!(
        order,
        [('A', USER), ('B', "/finesse/api/SystemInfo"), ('B', USER)],
        "{seen:#?}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_rejected_credential_is_never_sent_again() {
    let stack = Stack::start(
        Script {
            reject_credentials: true,
            ..Script::default()
        },
        Script::default(),
    );
    let response = stack.send(stack.policy(), "PUT", USER).await;
    assert_eq!(response.status(), 401);
    let seen = stack.seen();
    assert_eq!(seen.len(), 1, "one failed sign-in, not five: {seen:#?}");
    assert_eq!(stack.clock.now_ms(), 0, "and no wait");
}

#[tokio::test(flavor = "current_thread")]
async fn both_nodes_down_for_a_while_are_waited_out_within_the_budget() {
    let down = Script {
        down_until_ms: 20_000,
        ..Script::default()
    };
    let stack = Stack::start(down, down);
    let response = stack.send(stack.policy(), "PUT", USER).await;
    assert_eq!(response.status(), 202);
    let seen = stack.seen();
    let last = seen.last().unwrap();
    assert!(last.at_ms >= 20_000, "{seen:#?}");
    // Each breaker lets one request through per break (5 s, 10 s, ...): a handful in all.
    assert!(seen.len() <= 8, "{seen:#?}");
    assert!(stack.resilience.budget().tokens() < 500.0);
}

#[tokio::test(flavor = "current_thread")]
async fn a_write_that_may_have_taken_effect_is_resent_only_when_the_hook_says_so() {
    let stack = Stack::start(Script::default(), Script::default());
    // A connection to a closed port: the server never saw the request, so it is resent on
    // the other node, hook or not.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = closed.local_addr().unwrap().to_string();
    drop(closed);
    let authorities = [dead.clone(), stack.authorities()[1].clone()];
    let clock = stack.clock.clone();
    let policy = FinessePolicy::<String>::new(stack.resilience.clone(), &authorities, move |w| {
        clock.advance(w.as_millis() as u64);
        Box::pin(std::future::ready(()))
    })
    .unwrap()
    .with_reread(|_| Some(false));
    let service = ServiceBuilder::new()
        .layer(RetryLayer::new(policy))
        .service(http_service());
    let request = http::Request::post(format!("http://{dead}/finesse/api/Dialogs"))
        .body(String::new())
        .unwrap();
    let response = service.oneshot(request).await.expect("a response");
    assert_eq!(response.status(), 202);
    assert_eq!(count(&stack.seen(), 'B', "POST", "/finesse/api/Dialogs"), 1);
}
