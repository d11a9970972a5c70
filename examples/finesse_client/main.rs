//! A service calling Finesse through failures, against a two-node simulator on 127.0.0.1.
//!
//! `cargo run --example finesse_client --features http`
//!
//! Each scenario prints the requests the nodes saw, on the simulator's clock: the client
//! "sleeps" by advancing that clock, so minutes of recovery take milliseconds.

mod client;
mod sim;

use client::{Client, Failure};
use finesse_errors::explain::Method;
use sim::{Clock, Node, Script, Seen};
use std::sync::{Arc, Mutex};

fn run(title: &str, a: Script, b: Script, scenario: impl FnOnce(&mut Client) -> String) {
    let clock = Clock::default();
    let log = Arc::new(Mutex::new(Vec::new()));
    let node_a = Node::start('A', a, clock.clone(), Arc::clone(&log));
    let node_b = Node::start('B', b, clock.clone(), Arc::clone(&log));
    let mut client = Client::new(vec![node_a.url.clone(), node_b.url.clone()], clock, 7);
    let outcome = scenario(&mut client);
    println!("== {title}: {outcome}");
    for Seen {
        node,
        at_ms,
        method,
        path,
    } in log.lock().unwrap().iter()
    {
        println!(
            "   {:>7.1} s  node {node}  {method} {path}",
            *at_ms as f64 / 1000.0
        );
    }
}

fn describe(result: Result<(), Failure>) -> String {
    match result {
        Ok(()) => "done".to_string(),
        Err(Failure::Final(e)) => format!("not retried: {e}"),
        Err(Failure::NotAllowed(e)) => format!("never allowed: {e}"),
        Err(Failure::Exhausted(e)) => format!("gave up: {e}"),
        Err(Failure::Transport(e)) => format!("transport: {e}"),
    }
}

fn main() {
    let up = Script::default();
    let path = "/finesse/api/User/1001";
    run(
        "503 then back",
        Script {
            down_until_ms: 20_000,
            ..up
        },
        up,
        |c| describe(c.send(Method::Put, path, None)),
    );
    run(
        "node A stays down",
        Script {
            down_until_ms: u64::MAX,
            ..up
        },
        up,
        |c| {
            let result = describe(c.send(Method::Put, path, None));
            format!("{result} (on node {})", ["A", "B"][c.active()])
        },
    );
    run(
        "400 Invalid State",
        Script {
            answer_allowed_from_ms: 3_000,
            ..up
        },
        up,
        |c| describe(c.send(Method::Put, "/finesse/api/Dialog/16777216", Some("ANSWER"))),
    );
    run(
        "401",
        Script {
            reject_credentials: true,
            ..up
        },
        up,
        |c| describe(c.send(Method::Put, path, None)),
    );
    let shutdown =
        include_bytes!("../../tests/fixtures/responses/own_websocket_system_shutdown.xml");
    run(
        "stream error system-shutdown",
        Script {
            down_until_ms: 12_000,
            ..up
        },
        up,
        |c| match c.recover_notifications(shutdown) {
            Ok(node) => format!("notifications back on node {}", ["A", "B"][node]),
            Err(e) => e,
        },
    );
}
