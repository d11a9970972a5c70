//! The failover storm of `examples/failover_storm`: 2,000 clients, node A out of service for
//! 150 s, on a virtual clock. The crate's side must meet the issue's targets; the naive side
//! runs in the same process, and the comparison must show what the budget and breakers buy.
#![cfg(feature = "resilience")]

#[path = "../examples/failover_storm/storm.rs"]
mod storm;
#[path = "../examples/failover_storm/world.rs"]
mod world;

use storm::{naive, ours};
use world::Scenario;

/// One step of the 503 plan: its first delay.
fn plan_step_s() -> f64 {
    finesse_errors::finesse_error(503, "SERVER_OUT_OF_SERVICE")
        .unwrap()
        .recovery()
        .first_delay()
        .as_secs_f64()
}

#[test]
fn ours_meets_every_target_of_the_storm() {
    let scenario = Scenario::standard(2000);
    let report = ours(scenario);
    assert!(report.base_requests > 20_000, "{report:?}");
    // gRPC throttling's design point: retries at most 10% of the base rate.
    assert!(report.retry_share <= 0.10, "{report:?}");
    let outage_s = scenario.outage_ms as f64 / 1000.0;
    let served = report.all_served_after_s.expect("every desktop served");
    assert!(served <= outage_s + plan_step_s(), "{report:?}");
    assert_eq!(report.lockouts, 0, "{report:?}");
    assert_eq!(report.duplicate_writes, 0, "{report:?}");
    // The desktops whose credential the other node rejects stop for a person: one failed
    // sign-in each, far from the five that lock a user out.
    assert_eq!(report.needs_person, 20, "{report:?}");
}

#[test]
fn the_naive_client_storms_the_down_node_and_ours_does_not() {
    let scenario = Scenario::standard(2000);
    let ours = ours(scenario);
    let naive = naive(scenario);
    // About one request per client of node A (the one that found it down), against a storm.
    assert!(ours.requests_to_down_node <= 1500, "{ours:?}");
    assert!(
        naive.requests_to_down_node > 20 * ours.requests_to_down_node,
        "{naive:?}"
    );
    assert!(naive.retry_share > 1.0, "{naive:?}");
    assert!(
        naive.lockouts > 0 && naive.duplicate_writes > 0,
        "{naive:?}"
    );
}

#[test]
fn the_example_prints_the_json_the_issue_asks_for() {
    let json = serde_json::to_value(storm::run(Scenario::standard(40))).unwrap();
    assert_eq!(json["desktops"], 40);
    for side in ["ours", "naive"] {
        for key in [
            "retry_share",
            "requests_to_down_node",
            "all_served_after_s",
            "lockouts",
            "duplicate_writes",
        ] {
            assert!(
                json[side].get(key).is_some(),
                "{side}.{key} missing: {json}"
            );
        }
    }
}

#[test]
fn a_small_storm_meets_the_targets_too() {
    for clients in [2, 10, 101] {
        let report = ours(Scenario::standard(clients));
        assert!(report.retry_share <= 0.10, "{clients}: {report:?}");
        assert_eq!(
            report.lockouts + report.duplicate_writes,
            0,
            "{clients}: {report:?}"
        );
        assert!(report.all_served_after_s.is_some(), "{clients}: {report:?}");
    }
}
