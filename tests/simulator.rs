//! The recovery plans, proven against a running peer: a two-node Finesse simulator on
//! 127.0.0.1 (`examples/finesse_client/sim.rs`) and the client of the example, which follows
//! the plans. Every assertion is on what the client did: the requests each node saw, stamped
//! with the simulator's test clock (the client advances it when it waits), so nothing here
//! depends on how fast the machine is.
#![cfg(feature = "http")]

// The example's client: the test does not read every field of its failures.
#[path = "../examples/finesse_client/client.rs"]
#[allow(dead_code)]
mod client;
#[path = "../examples/finesse_client/sim.rs"]
mod sim;

use client::{Client, Failure};
use finesse_errors::explain::Method;
use finesse_errors::finesse_error;
use sim::{Clock, Node, Script, Seen};
use std::sync::{Arc, Mutex};

const USER: &str = "/finesse/api/User/1001";
const DIALOG: &str = "/finesse/api/Dialog/16777216";

/// Runs a scenario against nodes A and B; returns its result and the requests seen, in order.
fn scenario<T>(a: Script, b: Script, run: impl FnOnce(&mut Client) -> T) -> (T, Vec<Seen>) {
    let clock = Clock::default();
    let log = Arc::new(Mutex::new(Vec::new()));
    let node_a = Node::start('A', a, clock.clone(), Arc::clone(&log));
    let node_b = Node::start('B', b, clock.clone(), Arc::clone(&log));
    let mut client = Client::new(vec![node_a.url.clone(), node_b.url.clone()], clock, 11);
    let result = run(&mut client);
    drop((node_a, node_b));
    let seen = log.lock().unwrap().clone();
    (result, seen)
}

fn requests<'a>(seen: &'a [Seen], node: char, method: &str, path: &str) -> Vec<&'a Seen> {
    seen.iter()
        .filter(|s| s.node == node && s.method == method && s.path == path)
        .collect()
}

#[test]
fn a_503_is_waited_out_and_retried_on_the_same_node() {
    let up = Script::default();
    let (result, seen) = scenario(
        Script {
            down_until_ms: 20_000,
            ..up
        },
        up,
        |c| c.send(Method::Put, USER, None),
    );
    assert!(result.is_ok(), "{result:?}");
    let puts = requests(&seen, 'A', "PUT", USER);
    assert_eq!(puts.len(), 2, "{seen:#?}");
    // Resent only once the node was back, and only after SystemInfo said so.
    assert!(puts[1].at_ms >= 20_000, "{seen:#?}");
    let last_check = requests(&seen, 'A', "GET", "/finesse/api/SystemInfo");
    assert!(last_check.last().unwrap().at_ms <= puts[1].at_ms);
    // The first wait follows the plan: at least half its first delay (jitter), at most all.
    let plan = finesse_error(503, "SERVER_OUT_OF_SERVICE")
        .unwrap()
        .recovery();
    let first_wait = last_check[0].at_ms - puts[0].at_ms;
    let first = plan.first_delay().as_millis() as u64;
    assert!((first / 2..=first).contains(&first_wait), "{first_wait} ms");
    assert!(
        seen.iter().all(|s| s.node == 'A'),
        "never touched node B: {seen:#?}"
    );
}

#[test]
fn a_node_down_past_the_failover_window_is_left_for_the_other() {
    let up = Script::default();
    let (result, seen) = scenario(
        Script {
            down_until_ms: u64::MAX,
            ..up
        },
        up,
        |c| (c.send(Method::Put, USER, None), c.active()),
    );
    assert!(result.0.is_ok(), "{:?}", result.0);
    assert_eq!(result.1, 1, "the client moved to node B");
    let plan = finesse_error(503, "SERVER_OUT_OF_SERVICE")
        .unwrap()
        .recovery();
    let on_b = requests(&seen, 'B', "PUT", USER);
    assert_eq!(on_b.len(), 1);
    // Not before the plan's schedule had run out on A, and never beyond the window.
    let waited = on_b[0].at_ms;
    let window = plan.give_up_after().unwrap().as_millis() as u64;
    assert!(waited >= plan.max_delay().as_millis() as u64, "{waited} ms");
    assert!(waited <= window, "{waited} ms > {window} ms");
    // B's SystemInfo was checked before the request moved there.
    let checked = requests(&seen, 'B', "GET", "/finesse/api/SystemInfo");
    assert!(checked[0].at_ms <= waited);
    assert_eq!(
        requests(&seen, 'A', "PUT", USER).len(),
        1,
        "A got the request once"
    );
}

#[test]
fn invalid_state_re_reads_the_dialog_and_resends_only_when_allowed() {
    let up = Script::default();
    let (result, seen) = scenario(
        Script {
            answer_allowed_from_ms: 3_000,
            ..up
        },
        up,
        |c| c.send(Method::Put, DIALOG, Some("ANSWER")),
    );
    assert!(result.is_ok(), "{result:?}");
    let puts = requests(&seen, 'A', "PUT", DIALOG);
    let reads = requests(&seen, 'A', "GET", DIALOG);
    assert_eq!(puts.len(), 2, "{seen:#?}");
    assert!(!reads.is_empty());
    // Every read between the two PUTs came before the action was allowed, except the last,
    // which the resend follows at once.
    assert!(puts[1].at_ms >= 3_000);
    assert_eq!(reads.last().unwrap().at_ms, puts[1].at_ms);
    assert!(reads[..reads.len() - 1].iter().all(|r| r.at_ms < 3_000));

    // An action that never becomes allowed is given up after the plan's time.
    let (never, seen) = scenario(
        Script {
            answer_allowed_from_ms: u64::MAX,
            ..up
        },
        up,
        |c| c.send(Method::Put, DIALOG, Some("ANSWER")),
    );
    assert!(matches!(never, Err(Failure::NotAllowed(_))), "{never:?}");
    assert_eq!(
        requests(&seen, 'A', "PUT", DIALOG).len(),
        1,
        "never resent blindly"
    );
}

#[test]
fn a_401_is_never_retried() {
    let up = Script::default();
    let (result, seen) = scenario(
        Script {
            reject_credentials: true,
            ..up
        },
        up,
        |c| c.send(Method::Put, USER, None),
    );
    match result {
        Err(Failure::Final(error)) => {
            assert!(!error.is_retryable());
            assert!(
                error.recovery().unwrap().harmful_to_retry(),
                "sign-in lockout"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(seen.len(), 1, "exactly one request: {seen:#?}");
}

#[test]
fn after_a_stream_error_systeminfo_comes_before_the_reconnect() {
    let up = Script::default();
    let shutdown = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/responses/own_websocket_system_shutdown.xml"
    ))
    .unwrap();
    let (result, seen) = scenario(
        Script {
            down_until_ms: 12_000,
            ..up
        },
        up,
        |c| c.recover_notifications(&shutdown),
    );
    assert_eq!(result, Ok(0), "back on node A");
    let bind = requests(&seen, 'A', "POST", "/http-bind");
    assert_eq!(
        bind.len(),
        1,
        "one bind, once the node was in service: {seen:#?}"
    );
    assert!(bind[0].at_ms >= 12_000);
    let checks = requests(&seen, 'A', "GET", "/finesse/api/SystemInfo");
    assert!(
        checks.iter().any(|c| c.at_ms == bind[0].at_ms),
        "checked just before binding"
    );
    assert!(checks[0].at_ms < bind[0].at_ms);

    // A conflict is never reconnected: the other session would be knocked off.
    let conflict = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/responses/own_bosh_stream_conflict.xml"
    ))
    .unwrap();
    let (result, seen) = scenario(up, up, |c| c.recover_notifications(&conflict));
    assert!(result.is_err());
    assert!(seen.is_empty(), "{seen:#?}");
}
