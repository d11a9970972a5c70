//! Recovery plans: one for every entry, consistent with its retry verdict, the published
//! numbers where Cisco gives them, and a delay schedule that is bounded, deterministic per
//! seed and ends within the time to give up.

use finesse_errors::{
    Action, ErrorInfo, Family, Platform, Retry, all, finesse_error, lookup, lookup_reason_code,
    lookup_symbol,
};
use std::time::Duration;

fn plan_of(info: &ErrorInfo) -> String {
    format!("{info:?}: {:?}", info.recovery())
}

#[test]
fn every_plan_agrees_with_its_retry_verdict() {
    for info in all() {
        let plan = info.recovery();
        match info.retry() {
            Retry::NotNeeded => assert_eq!(plan.action(), Action::None, "{}", plan_of(info)),
            Retry::Never => {
                assert!(!plan.retries(), "{}", plan_of(info));
                assert!(
                    matches!(plan.action(), Action::FixRequest | Action::Escalate),
                    "{}",
                    plan_of(info)
                );
            }
            _ => {
                assert!(plan.retries(), "{}", plan_of(info));
                assert!(plan.first_delay() <= plan.max_delay(), "{}", plan_of(info));
                assert!(plan.factor() >= 1);
            }
        }
        // A plan that can do harm never retries by itself.
        if plan.harmful_to_retry() {
            assert!(!plan.retries(), "{}", plan_of(info));
            assert_eq!(plan.delays(3).count(), 0);
        }
        if plan.retries() {
            assert!(
                !plan.source().is_empty(),
                "numbers need a source: {}",
                plan_of(info)
            );
        }
    }
}

#[test]
fn the_published_numbers() {
    let out = finesse_error(503, "SERVER_OUT_OF_SERVICE")
        .unwrap()
        .recovery();
    assert_eq!(out.action(), Action::WaitAndRetry);
    assert_eq!(out.refresh(), Some("GET /finesse/api/SystemInfo"));
    assert_eq!(out.give_up_after(), Some(Duration::from_secs(150)));
    assert!(out.failover());

    let locked = finesse_error(401, "Authentication Failure")
        .unwrap()
        .recovery();
    assert_eq!(locked.action(), Action::FixRequest);
    assert!(locked.harmful_to_retry());

    let conflict = lookup_symbol("stream:conflict").unwrap().recovery();
    assert_eq!(conflict.action(), Action::Escalate);
    assert!(conflict.harmful_to_retry());

    let forced = lookup_reason_code(Platform::Finesse, 255)
        .unwrap()
        .recovery();
    assert_eq!(forced.action(), Action::SignInAgain);
    assert_eq!(forced.give_up_after(), Some(Duration::from_secs(180)));

    let clash = lookup(Family::CtiStatus, 11).unwrap().recovery();
    assert!(clash.harmful_to_retry());
    assert!(!clash.retries());

    // A state change first: re-read the dialog.
    let state = finesse_error(400, "Invalid State").unwrap().recovery();
    assert_eq!(state.action(), Action::RefreshState);
    assert!(state.refresh().unwrap().starts_with("GET /finesse/api/"));
}

#[test]
fn delays_grow_within_bounds_and_end_within_the_budget() {
    for info in all().iter().filter(|i| i.recovery().retries()) {
        let plan = info.recovery();
        for seed in [0, 1, 42, u64::MAX] {
            let delays: Vec<Duration> = plan.delays(seed).collect();
            assert!(!delays.is_empty(), "{}", plan_of(info));
            let total: Duration = delays.iter().sum();
            assert!(total <= plan.give_up_after().unwrap(), "{}", plan_of(info));
            let mut base = plan.first_delay();
            for delay in &delays {
                // Equal jitter: between half the base and the base.
                assert!(
                    *delay <= base && *delay >= base / 2,
                    "{delay:?} for base {base:?}"
                );
                base = (base * plan.factor()).min(plan.max_delay());
            }
            assert_eq!(
                delays,
                plan.delays(seed).collect::<Vec<_>>(),
                "the same seed gives the same schedule"
            );
            let mut fused = plan.delays(seed);
            for _ in fused.by_ref() {}
            assert_eq!(fused.next(), None);
        }
    }
}

#[test]
fn different_seeds_spread_the_retries() {
    let plan = finesse_error(503, "SERVER_OUT_OF_SERVICE")
        .unwrap()
        .recovery();
    let firsts: std::collections::HashSet<Duration> = (0..50)
        .map(|seed| plan.delays(seed).next().unwrap())
        .collect();
    assert!(firsts.len() > 10, "{firsts:?}");
}
