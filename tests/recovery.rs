//! Recovery plans: one for every entry, consistent with its retry verdict, the published
//! numbers where Cisco gives them, and a delay schedule that is bounded, deterministic per
//! seed and ends within the time to give up.

use finesse_errors::{
    Action, ErrorInfo, Family, Layer, Platform, Receiver, Retry, all, finesse_error, lookup,
    lookup_reason_code, lookup_symbol,
};
use std::time::Duration;

fn plan_of(info: &ErrorInfo) -> String {
    format!("{info:?}: {:?}", info.recovery())
}

#[test]
fn every_plan_agrees_with_its_retry_verdict() {
    for info in all() {
        let plan = info.recovery();
        // A reader of records (CDRs, dialer results) resends nothing: the next attempt is the
        // dialer's or the caller's, whatever the verdict says of the call.
        if info.family().receiver() == Receiver::Reporting && info.retry() != Retry::Never {
            assert_eq!(plan.action(), Action::None, "{}", plan_of(info));
            assert!(!plan.retries(), "{}", plan_of(info));
            assert_eq!(plan.delays(3).count(), 0);
            continue;
        }
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

/// A plan re-reads the state of the client that receives the code: only a Finesse client is
/// told about Finesse URLs.
#[test]
fn no_plan_for_another_client_names_a_finesse_url() {
    for info in all() {
        let plan = info.recovery();
        // The JavaScript library's own errors reach a gadget, a Finesse client.
        let finesse_client = matches!(
            info.family(),
            Family::FinesseApi | Family::Xmpp | Family::ReasonCode | Family::FinesseJs
        );
        let finesse_layer = matches!(
            info.layer(),
            Layer::Finesse | Layer::XmppServer | Layer::FinesseJs
        );
        let names_finesse = plan.refresh().is_some_and(|r| r.contains("/finesse/"));
        // Reason codes reach the client in Finesse's User object, whatever layer set them.
        if !finesse_client || (!finesse_layer && info.family() != Family::ReasonCode) {
            assert!(!names_finesse, "{}", plan_of(info));
        }
        // Failing over to the other Finesse node is a Finesse client's move only.
        if !finesse_client {
            assert!(!plan.failover(), "{}", plan_of(info));
            assert_ne!(plan.action(), Action::Failover, "{}", plan_of(info));
        }
    }
    let cil = lookup(Family::Ctios, -114).unwrap().recovery();
    assert!(cil.refresh().unwrap().contains("OnConnection"), "{cil:?}");
    let jtapi = lookup(Family::UnifiedCm, 0x8CCC_0009_u32 as i32).unwrap();
    assert!(
        jtapi.recovery().refresh().unwrap().contains("JTAPI"),
        "{jtapi:?}"
    );
    let cti = lookup(Family::CtiControlFailure, 22).unwrap().recovery();
    assert!(
        cti.refresh().unwrap().contains("QUERY_AGENT_STATE_REQ")
            || cti.refresh().unwrap().contains("SNAPSHOT_CALL_REQ"),
        "{cti:?}"
    );
}

/// A remediation that says "once" (retry once, reconnect once, one new session) has a plan
/// that sends once, not one that retries for minutes; and redirects follow the given target.
/// ("Reconnect once it is IN_SERVICE" is a condition, not a count; a refresh plan's delays
/// re-read state and its one resend comes after.)
#[test]
fn a_plan_does_what_its_text_says() {
    let once = regex::Regex::new(
        r"(?i)\b(retry|reconnect|resend|try)\s+once\b(\s+(it|the|that|this|its|they)\b)?|\bopen one new session\b",
    )
    .unwrap();
    let resends = |a: Action| {
        matches!(
            a,
            Action::Reconnect | Action::WaitAndRetry | Action::Failover | Action::SignInAgain
        )
    };
    let give_up = regex::Regex::new(r"(?i)give up after (\d+) s\b").unwrap();
    let mut checked = 0;
    for info in all() {
        let plan = info.recovery();
        let says_once = once
            .captures_iter(info.remediation())
            .any(|c| c.get(2).is_none());
        if says_once && resends(plan.action()) {
            checked += 1;
            assert_eq!(plan.delays(7).count(), 1, "says once: {}", plan_of(info));
        }
        // A number of seconds to give up after, when the text gives one, is the plan's.
        if let Some(caps) = give_up.captures(info.remediation()) {
            let secs: u64 = caps[1].parse().unwrap();
            assert_eq!(
                plan.give_up_after(),
                Some(Duration::from_secs(secs)),
                "{}",
                plan_of(info)
            );
        }
    }
    assert!(checked >= 2, "the once-plans are checked");
    for key in ["stream:see-other-host", "bosh:see-other-uri"] {
        let plan = lookup_symbol(key).unwrap().recovery();
        assert_eq!(plan.action(), Action::Reconnect, "{key}");
        assert!(
            !plan.failover(),
            "{key}: follow the given target, not the other node"
        );
        assert!(plan.delays(1).count() <= 3, "{key}: bounded redirects");
    }
    // Alone, a wrapped stream error may be a conflict: no reconnect of its own.
    let wrapped = lookup_symbol("bosh:remote-stream-error").unwrap();
    assert_eq!(wrapped.retry(), Retry::Never);
    assert!(!wrapped.recovery().retries());
}
