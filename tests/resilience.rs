//! The budget, the breakers and the retry decision, one behaviour at a time, on a manual
//! clock.
#![cfg(feature = "resilience")]

use finesse_errors::explain::Method;
use finesse_errors::resilience::{
    Admission, BreakerConfig, BreakerState, BudgetConfig, Clock, ManualClock, Nodes, Outcome,
    Resilience, RetryBudget, RetryCost, Transport, Why,
};
use std::sync::Arc;
use std::time::Duration;

const OUT_OF_SERVICE: &[u8] = b"<ApiErrors><ApiError><ErrorType>Service Unavailable</ErrorType>\
    <ErrorMessage>SERVER_OUT_OF_SERVICE</ErrorMessage></ApiError></ApiErrors>";
const BAD_CREDENTIALS: &[u8] =
    b"<ApiErrors><ApiError><ErrorType>Authentication Failure</ErrorType>\
    <ErrorMessage>Bad credentials</ErrorMessage></ApiError></ApiErrors>";

fn client(budget: BudgetConfig) -> (ManualClock, Resilience) {
    let clock = ManualClock::new();
    let shared: Arc<dyn Clock> = Arc::new(clock.clone());
    let nodes = Nodes::new(2, BreakerConfig::finesse(), Arc::clone(&shared));
    (
        clock,
        Resilience::with_parts(RetryBudget::new(budget), nodes, shared),
    )
}

fn response(status: u16, body: &[u8]) -> Outcome<'_> {
    Outcome::Response {
        status,
        retry_after: None,
        body,
    }
}

#[test]
fn the_budget_is_shared_across_threads_and_never_overspent() {
    let mut config = BudgetConfig::aws_standard();
    config.capacity = 100.0; // 20 retries at 5
    let budget = RetryBudget::new(config);
    let granted: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let budget = budget.clone();
                scope.spawn(move || {
                    (0..50)
                        .filter(|_| budget.withdraw(RetryCost::Error).is_ok())
                        .count()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert_eq!(granted, 20);
    assert_eq!(budget.tokens(), 0.0);
    for _ in 0..1000 {
        budget.deposit();
    }
    assert_eq!(budget.tokens(), 100.0, "refills stop at the capacity");
}

#[test]
fn a_timeout_costs_twice_an_error_in_the_aws_preset() {
    let budget = RetryBudget::new(BudgetConfig::aws_standard());
    budget.withdraw(RetryCost::Timeout).unwrap();
    budget.withdraw(RetryCost::Error).unwrap();
    assert_eq!(budget.tokens(), 485.0);
}

#[test]
fn grpc_throttling_stops_retries_at_half_its_tokens() {
    let budget = RetryBudget::new(BudgetConfig::grpc_throttling(10.0, 0.1));
    for _ in 0..4 {
        budget.record_failure();
    }
    assert!(budget.withdraw(RetryCost::Error).is_ok(), "6 tokens > 5");
    budget.record_failure();
    let refused = budget.withdraw(RetryCost::Error).unwrap_err();
    assert_eq!((refused.tokens, refused.floor), (5.0, 5.0));
    assert!(refused.to_string().contains("exhausted"));
    // Ten successes put one token back: retries again.
    for _ in 0..10 {
        budget.deposit();
    }
    assert!(budget.withdraw(RetryCost::Error).is_ok());
}

#[test]
fn nonsense_numbers_make_an_empty_budget_not_a_panic() {
    let mut config = BudgetConfig::aws_standard();
    config.capacity = f64::NAN;
    config.retry_cost = -3.0;
    let budget = RetryBudget::new(config);
    assert_eq!(budget.tokens(), 0.0);
    assert!(budget.withdraw(RetryCost::Error).is_err());
}

#[test]
fn the_failure_ratio_opens_a_breaker_and_breaks_grow_after_failed_probes() {
    let clock = ManualClock::new();
    let nodes = Nodes::new(1, BreakerConfig::finesse(), Arc::new(clock.clone()));
    let breaker = nodes.breaker(0).unwrap();
    for _ in 0..3 {
        breaker.record_success();
    }
    breaker.record_failure();
    breaker.record_failure();
    assert_eq!(breaker.state(), BreakerState::Closed, "2 of 5");
    breaker.record_failure();
    assert_eq!(breaker.state(), BreakerState::Open, "3 of 6 is half");
    assert_eq!(breaker.admit(), Admission::Wait(Duration::from_secs(5)));
    clock.advance(Duration::from_secs(5));
    assert_eq!(breaker.admit(), Admission::Probe);
    // One prober at a time.
    assert!(matches!(breaker.admit(), Admission::Wait(_)));
    let status = breaker.record_probe(b"<SystemInfo><status>OUT_OF_SERVICE</status></SystemInfo>");
    assert_eq!(status.map(|s| s.name()), Some("OUT_OF_SERVICE"));
    assert_eq!(breaker.admit(), Admission::Wait(Duration::from_secs(10)));
    clock.advance(Duration::from_secs(10));
    assert_eq!(breaker.admit(), Admission::Probe);
    breaker.record_probe(b"garbage");
    assert_eq!(breaker.admit(), Admission::Wait(Duration::from_secs(20)));
    clock.advance(Duration::from_secs(20));
    assert_eq!(breaker.admit(), Admission::Probe);
    breaker.record_probe(b"<SystemInfo><status>IN_SERVICE</status></SystemInfo>");
    assert_eq!(breaker.admit(), Admission::Send);
}

#[test]
fn with_every_node_open_the_route_waits_for_the_soonest() {
    let clock = ManualClock::new();
    let nodes = Nodes::new(2, BreakerConfig::finesse(), Arc::new(clock.clone()));
    nodes.breaker(0).unwrap().trip();
    clock.advance(Duration::from_secs(2));
    nodes.breaker(1).unwrap().trip();
    assert_eq!(nodes.route(), (0, Admission::Wait(Duration::from_secs(3))));
    clock.advance(Duration::from_secs(3));
    assert_eq!(nodes.route(), (0, Admission::Probe));
}

#[test]
fn never_harmful_and_identity_clash_verdicts_are_not_retried() {
    let (_, client) = client(BudgetConfig::aws_standard());
    let mut request = client.begin(Method::Put, 1);
    let d = request.decide(&response(401, BAD_CREDENTIALS), || Some(true));
    assert_eq!((d.retry, d.why), (false, Why::Harmful));
    let mut request = client.begin(Method::Put, 1);
    let d = request.decide(&response(400, b""), || Some(true));
    assert_eq!((d.retry, d.why), (false, Why::Never));
    let conflict =
        b"<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>";
    let mut request = client.begin(Method::Get, 1);
    let d = request.decide(&response(409, conflict), || Some(true));
    assert_eq!((d.retry, d.why), (false, Why::IdentityClash), "{d:?}");
    assert_eq!(client.budget().tokens(), 500.0, "nothing spent");
}

#[test]
fn a_write_with_an_unknown_outcome_waits_for_the_reread() {
    let (_, client) = client(BudgetConfig::aws_standard());
    let mut request = client.begin(Method::Post, 1);
    let d = request.decide(&Outcome::Transport(Transport::TimedOut), || None);
    assert_eq!((d.retry, d.why), (false, Why::OutcomeUnknown));
    let d = request.decide(&Outcome::Transport(Transport::TimedOut), || Some(false));
    assert_eq!((d.retry, d.why), (false, Why::NoLongerNeeded));
    let d = request.decide(&Outcome::Transport(Transport::TimedOut), || Some(true));
    assert!(d.retry, "{d:?}");
    // A read is repeated without asking.
    let mut read = client.begin(Method::Get, 1);
    let mut asked = false;
    let d = read.decide(&Outcome::Transport(Transport::TimedOut), || {
        asked = true;
        None
    });
    assert!(d.retry && !asked, "{d:?}");
}

#[test]
fn retry_after_is_honoured_and_bounded() {
    let (_, client) = client(BudgetConfig::aws_standard());
    let mut request = client.begin(Method::Get, 1);
    // A 500 after a read: the same node, after the plan's delay or Retry-After.
    let outcome = Outcome::Response {
        status: 500,
        retry_after: Some(Duration::from_secs(40)),
        body: b"",
    };
    let d = request.decide(&outcome, || None);
    assert_eq!((d.retry, d.why, d.node), (true, Why::Planned, 0), "{d:?}");
    assert_eq!(d.after, Duration::from_secs(40));
    let outcome = Outcome::Response {
        status: 500,
        retry_after: Some(Duration::from_secs(86_400)),
        body: b"",
    };
    let d = request.decide(&outcome, || None);
    assert_eq!(d.after, finesse_errors::resilience::MAX_RETRY_AFTER);
}

#[test]
fn an_empty_budget_refuses_the_retry_and_says_so() {
    let mut config = BudgetConfig::aws_standard();
    config.capacity = 4.0;
    let (_, client) = client(config);
    let mut request = client.begin(Method::Get, 1);
    let d = request.decide(&Outcome::Transport(Transport::Refused), || None);
    assert_eq!((d.retry, d.why), (false, Why::BudgetExhausted));
    let refused = d.refused.expect("the reason");
    assert_eq!((refused.tokens, refused.cost), (4.0, 5.0));
}

#[test]
fn a_refused_connection_fails_over_and_a_success_refills() {
    let (clock, client) = client(BudgetConfig::aws_standard());
    let mut request = client.begin(Method::Post, 1);
    let d = request.decide(&Outcome::Transport(Transport::Refused), || None);
    assert_eq!(
        (d.retry, d.why, d.node, d.probe),
        (true, Why::FailOver, 1, true)
    );
    assert_eq!(client.budget().tokens(), 495.0);
    let d = request.decide(&response(202, b""), || None);
    assert_eq!(d.why, Why::Success);
    assert_eq!(client.budget().tokens(), 496.0);
    // Node 0 fails fast while open; the breakers send new requests to node 1.
    assert_eq!(client.nodes().route(), (1, Admission::Send));
    clock.advance(Duration::from_secs(60));
    assert_eq!(
        client.nodes().breaker(0).unwrap().state(),
        BreakerState::HalfOpen
    );
}

#[test]
fn a_node_that_keeps_failing_with_503_is_given_up_when_the_other_is_down_too() {
    let (clock, client) = client(BudgetConfig::aws_standard());
    let mut request = client.begin(Method::Get, 3);
    let mut waited = Duration::ZERO;
    let mut decisions = 0;
    loop {
        let d = request.decide(&response(503, OUT_OF_SERVICE), || None);
        decisions += 1;
        if !d.retry {
            assert_eq!(d.why, Why::GaveUp, "{d:?}");
            break;
        }
        assert!(decisions < 30, "bounded");
        waited += d.after;
        clock.advance(d.after);
        if d.probe {
            let breaker = client.nodes().breaker(d.node).unwrap();
            breaker.record_probe(b"<SystemInfo><status>OUT_OF_SERVICE</status></SystemInfo>");
            let _ = request.reroute();
        }
    }
    assert!(waited >= Duration::from_secs(60), "{waited:?}");
}

#[test]
fn an_xmpp_system_shutdown_opens_the_breaker_rest_uses_and_a_forced_logout_does_not() {
    let (_, client) = client(BudgetConfig::aws_standard());
    let shutdown =
        std::fs::read("tests/fixtures/responses/own_websocket_system_shutdown.xml").unwrap();
    let breaker = client.nodes().breaker(0).unwrap();
    assert!(!breaker.record_event(b"<message><body>hello</body></message>"));
    assert!(!breaker.record_event(b"\xff\x00 not xml"));
    assert_eq!(breaker.state(), BreakerState::Closed);
    assert!(breaker.record_event(&shutdown));
    // REST requests now start on the other node.
    assert_eq!(client.nodes().route(), (1, Admission::Send));
}

#[test]
fn a_single_node_whose_plan_ran_out_gives_up_instead_of_retrying_at_once() {
    let clock = ManualClock::new();
    let shared: Arc<dyn Clock> = Arc::new(clock.clone());
    let nodes = Nodes::new(1, BreakerConfig::finesse(), Arc::clone(&shared));
    let client = Resilience::with_parts(RetryBudget::default(), nodes, shared);
    // A read timed out (the breaker stays closed below its minimum of calls), past the
    // plan's 150 s.
    let mut request = client.begin(Method::Get, 1);
    clock.advance(Duration::from_secs(151));
    let d = request.decide(&Outcome::Transport(Transport::TimedOut), || None);
    assert_eq!((d.retry, d.why), (false, Why::GaveUp), "{d:?}");
}

proptest::proptest! {
    /// Hostile responses: any status, body and Retry-After, for any method and any number of
    /// attempts: no panic, a bounded wait, a node that exists, and no retry of a harmful verdict.
    #[test]
    fn any_response_gets_a_bounded_decision(
        status in 100u16..=599,
        body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512),
        retry_after in proptest::option::of(0u64..10_000_000),
        method in 0usize..5,
        rounds in 1usize..25,
    ) {
        let (clock, client) = client(BudgetConfig::aws_standard());
        let method = [Method::Get, Method::Head, Method::Put, Method::Post, Method::Delete][method];
        let mut request = client.begin(method, 9);
        let outcome = Outcome::Response {
            status,
            retry_after: retry_after.map(Duration::from_secs),
            body: &body,
        };
        for _ in 0..rounds {
            let d = request.decide(&outcome, || Some(true));
            proptest::prop_assert!(d.after <= finesse_errors::resilience::MAX_RETRY_AFTER);
            proptest::prop_assert!(d.node < client.nodes().len());
            if matches!(d.why, Why::Harmful | Why::IdentityClash | Why::Never) {
                proptest::prop_assert!(!d.retry);
            }
            if !d.retry {
                break;
            }
            clock.advance(d.after);
        }
    }
}
