//! The dialer's facts and SIP map against the data files, read here with the csv crate.

use finesse_errors::{DialerAction, dialer_facts, dialer_results_for_sip};
use std::collections::HashMap;

fn read(name: &str) -> Vec<HashMap<String, String>> {
    let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
    csv::Reader::from_path(&path)
        .unwrap()
        .deserialize()
        .map(|r| r.unwrap())
        .collect()
}

fn yes_no(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

#[test]
fn every_call_result_has_its_facts() {
    let rows = read("dialer_call_result.csv");
    assert_eq!(rows.len(), 33);
    for row in &rows {
        let code: i32 = row["code"].parse().unwrap();
        let facts = dialer_facts(code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(
            facts.counted_attempt(),
            yes_no(&row["counted_attempt"]),
            "{code}"
        );
        assert_eq!(facts.live_voice(), yes_no(&row["live_voice"]), "{code}");
        let action = (!row["dialer_action"].is_empty())
            .then(|| DialerAction::from_name(&row["dialer_action"]).unwrap());
        assert_eq!(facts.action(), action, "{code}");
        assert_eq!(facts.entry().and_then(|e| e.code()), Some(code));
    }
    assert!(dialer_facts(1).is_none(), "1 is no CallResult");
}

#[test]
fn every_sip_map_row_is_answered_and_no_other() {
    let rows = read("dialer_sip_map.csv");
    assert_eq!(rows.len(), 88);
    let mut by_pair: HashMap<(u16, u8), Vec<i32>> = HashMap::new();
    for row in &rows {
        let pair = (
            row["sip_status"].parse().unwrap(),
            row["q850_cause"].parse().unwrap(),
        );
        by_pair
            .entry(pair)
            .or_default()
            .push(row["call_result"].parse().unwrap());
    }
    for (&(status, cause), want) in &by_pair {
        let mut got: Vec<i32> = dialer_results_for_sip(status, cause)
            .map(|m| m.call_result())
            .collect();
        let mut want = want.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{status}/{cause}");
    }
    // The conflict Cisco prints: 422 with cause 100 maps to two results; both are given.
    let conflict: Vec<i32> = dialer_results_for_sip(422, 100)
        .map(|m| m.call_result())
        .collect();
    assert!(
        conflict.contains(&29) && conflict.contains(&13),
        "{conflict:?}"
    );
    for status in [100u16, 200, 299, 699] {
        for cause in [0u8, 1, 16, 127] {
            if !by_pair.contains_key(&(status, cause)) {
                assert_eq!(dialer_results_for_sip(status, cause).count(), 0);
            }
        }
    }
}

#[test]
fn every_sip_row_has_its_c_strings() {
    let mut rows = 0;
    for status in 100..=699u16 {
        for cause in 0..=127u8 {
            for m in dialer_results_for_sip(status, cause) {
                assert_eq!(m.call_state_c().to_bytes(), m.call_state().as_bytes());
                assert_eq!(m.note_c().to_bytes(), m.note().as_bytes());
                rows += 1;
            }
        }
    }
    assert_eq!(rows, 88);
}

#[test]
fn a_sip_row_debugs_as_its_text() {
    let row = dialer_results_for_sip(486, 17).next().unwrap();
    let debug = format!("{row:?}");
    assert!(
        debug.starts_with("SipMapping { sip_status: 486, q850_cause: 17, check_call_state: false, call_state: \"CS_NONE\", call_result: 9, note: "),
        "{debug}"
    );
    assert!(!debug.contains("c_text"), "{debug}");
}
