//! `finesse-errors export`: the JSON validates against the checked-in JSON Schema, holds every
//! entry, and is the same byte for byte from run to run; the CSV of a family round-trips.

use serde_json::{Value, json};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_finesse-errors"))
        .args(args)
        .output()
        .expect("run finesse-errors")
}

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_json_export_validates_against_its_schema() {
    let out = run(&["export", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let export: Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/knowledge-base.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&export)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    // And the schema is strict enough to notice a broken export.
    let mut broken = export.clone();
    broken["families"][0]["entries"][0]["retry"] = Value::from("sometimes");
    assert!(!validator.is_valid(&broken));
    let mut extra = export.clone();
    extra["families"][0]["entries"][0]["surprise"] = Value::from(1);
    assert!(!validator.is_valid(&extra));
}

#[test]
fn the_json_export_holds_every_entry_and_vocabulary() {
    let export: Value = serde_json::from_slice(&run(&["export"]).stdout).unwrap();
    assert_eq!(export["schema_version"], 3);
    assert_eq!(export["crate_version"], env!("CARGO_PKG_VERSION"));
    let families = export["families"].as_array().unwrap();
    assert_eq!(families.len(), finesse_errors::Family::ALL.len());
    let total: usize = families
        .iter()
        .map(|f| f["entries"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, finesse_errors::all().len());
    assert_eq!(export["entry_count"], total);
    for (family, rust) in families.iter().zip(finesse_errors::Family::ALL) {
        assert_eq!(family["name"], rust.name());
        for (entry, info) in family["entries"]
            .as_array()
            .unwrap()
            .iter()
            .zip(finesse_errors::entries(*rust))
        {
            assert_eq!(entry["symbol"], info.symbol());
            assert_eq!(entry["code"], serde_json::json!(info.code()));
            assert_eq!(entry["remediation"], info.remediation());
            assert_eq!(
                entry["aliases"].as_array().unwrap().len(),
                info.aliases().count()
            );
            // A dialer result carries Cisco's per-result facts; nothing else does.
            let facts = info
                .code()
                .filter(|_| *rust == finesse_errors::Family::DialerCallResult)
                .and_then(finesse_errors::dialer_facts);
            match facts {
                Some(facts) => {
                    assert_eq!(
                        entry["dialer"]["counted_attempt"],
                        json!(facts.counted_attempt())
                    );
                    assert_eq!(entry["dialer"]["live_voice"], json!(facts.live_voice()));
                    assert_eq!(
                        entry["dialer"]["action"],
                        json!(facts.action().map(|a| a.name()))
                    );
                }
                None => assert!(entry["dialer"].is_null(), "{info}"),
            }
        }
    }
    // Every row of the dialer's SIP map, in order.
    let map = export["dialer_sip_map"].as_array().unwrap();
    assert_eq!(map.len(), finesse_errors::dialer_sip_map().len());
    for (row, rust) in map.iter().zip(finesse_errors::dialer_sip_map()) {
        assert_eq!(row["sip_status"], rust.sip_status());
        assert_eq!(row["q850_cause"], rust.q850_cause());
        assert_eq!(row["call_result"], rust.call_result());
        assert_eq!(row["call_state"], rust.call_state());
    }
    let retry: Vec<&str> = export["vocabularies"]["retry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        retry,
        [
            "never",
            "after_state_change",
            "after_reconnect",
            "after_delay",
            "not_needed"
        ]
    );
    assert!(
        export["vocabularies"]["retry"][0]["description"]
            .as_str()
            .unwrap()
            .starts_with("The same request fails again")
    );
}

#[test]
fn the_export_is_stable_byte_for_byte() {
    let first = run(&["export", "--format", "json"]).stdout;
    let second = run(&["export", "--format", "json"]).stdout;
    assert_eq!(first, second);
    let csv_first = run(&["export", "--format", "csv"]).stdout;
    assert_eq!(csv_first, run(&["export", "--format", "csv"]).stdout);
}

#[test]
fn the_csv_export_of_a_family_round_trips() {
    for family in finesse_errors::Family::ALL {
        let out = run(&["export", "--format", "csv", "--family", family.name()]);
        assert_eq!(out.status.code(), Some(0), "{family}");
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        let headers = reader.headers().unwrap().clone();
        let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let entries = finesse_errors::entries(*family);
        assert_eq!(records.len(), entries.len(), "{family}");
        for (record, info) in records.iter().zip(entries) {
            assert_eq!(&record[at("symbol")], info.symbol());
            assert_eq!(&record[at("message")], info.message());
            assert_eq!(&record[at("retry")], info.retry().name());
            assert_eq!(
                &record[at("recovery_action")],
                info.recovery().action().name()
            );
        }
    }
    let misuse = run(&["lookup", "265", "--format", "csv"]);
    assert_eq!(misuse.status.code(), Some(2));
    let whole_json_only = run(&["export", "--family", "ctios"]);
    assert_eq!(whole_json_only.status.code(), Some(2));
}

#[test]
fn the_exports_carry_evidence_and_twins() {
    let export: Value = serde_json::from_slice(&run(&["export"]).stdout).unwrap();
    let levels: Vec<&str> = export["vocabularies"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["documented", "observed", "inferred"]);
    let entries: Vec<&Value> = export["families"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["entries"].as_array().unwrap())
        .collect();
    for (entry, info) in entries.iter().zip(finesse_errors::all()) {
        assert_eq!(entry["evidence"], info.evidence().name());
        assert_eq!(entry["twin"].is_null(), info.twin().is_none());
    }

    let csv = run(&["export", "--format", "csv", "--family", "unified_cm"]);
    let mut reader = csv::Reader::from_reader(&csv.stdout[..]);
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (evidence, twin, code) = (at("evidence"), at("twin"), at("code_text"));
    let row = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[code] == "0x8CCC0004")
        .unwrap();
    assert_eq!(&row[evidence], "documented");
    assert_eq!(&row[twin], "peripheral:20004");
}
