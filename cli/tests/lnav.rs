//! `finesse-errors export --format lnav`: one JSON document of lnav formats, one per Cisco
//! layout `scan` reads, whose samples (and the first line of each fixture log of that layout)
//! match their own pattern. `.ci/run` has a real lnav load them and parse the samples.

use regex::Regex;
use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_finesse-errors"))
        .args(args)
        .output()
        .expect("run finesse-errors")
}

/// The formats, and the fixture log (tests/fixtures/logs) in each one's layout.
const FORMATS: &[(&str, &str)] = &[
    ("cisco_finesse_webservices", "finesse_webservices.log"),
    ("cisco_finesse_desktop", "finesse_desktop.log"),
    ("cisco_cti_server", "ctisvr.log"),
    ("cisco_pg_pim", "pim.log"),
    ("cisco_ctios", "ctios.log"),
    ("cisco_jtapi", "jtapi.log"),
    ("cisco_openfire", "xmpp.log"),
];

fn export() -> Value {
    let out = run(&["export", "--format", "lnav"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("the lnav export is JSON")
}

/// lnav's PCRE named groups, in the syntax the regex crate reads too.
fn pattern(format: &Value) -> Regex {
    let text = format["regex"]["std"]["pattern"]
        .as_str()
        .expect("a pattern");
    Regex::new(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn the_export_has_every_layout_with_samples_that_parse() {
    let export = export();
    let object = export.as_object().expect("an object of formats");
    let mut names: Vec<&str> = object.keys().map(String::as_str).collect();
    names.sort_unstable();
    let mut expected: Vec<&str> = FORMATS.iter().map(|&(n, _)| n).collect();
    expected.push("$schema");
    expected.sort_unstable();
    assert_eq!(names, expected);
    for &(name, fixture) in FORMATS {
        let format = &export[name];
        let re = pattern(format);
        for group in ["timestamp", "body"] {
            assert!(
                re.capture_names().flatten().any(|g| g == group),
                "{name}: no {group}"
            );
        }
        assert!(!format["timestamp-format"].as_array().unwrap().is_empty());
        // Every declared value is a group of the pattern.
        for value in format["value"].as_object().unwrap().keys() {
            assert!(
                re.capture_names().flatten().any(|g| g == value),
                "{name}: {value}"
            );
        }
        if let Some(field) = format["level-field"].as_str() {
            assert!(format["value"].get(field).is_some(), "{name}: {field}");
        }
        let samples = format["sample"].as_array().unwrap();
        assert!(samples.len() >= 2, "{name}");
        for sample in samples {
            let line = sample["line"].as_str().unwrap();
            let caps = re
                .captures(line)
                .unwrap_or_else(|| panic!("{name}: sample {line:?} does not match"));
            assert!(!caps["timestamp"].is_empty());
        }
        // The first line of the fixture log in this layout parses too, and no other format
        // claims it.
        let log = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures/logs")
                .join(fixture),
        )
        .unwrap();
        let first = log.lines().next().unwrap();
        assert!(re.is_match(first), "{name}: {fixture}: {first:?}");
        for &(other, _) in FORMATS.iter().filter(|&&(n, _)| n != name) {
            assert!(
                !pattern(&export[other]).is_match(first),
                "{other} claims {fixture}"
            );
        }
    }
}

#[test]
fn lnav_is_for_export_only_and_whole() {
    let out = run(&["--format", "lnav", "lookup", "265"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["export", "--format", "lnav", "--family", "cti_status"]);
    assert_eq!(out.status.code(), Some(2));
    // The same bytes every run.
    assert_eq!(
        run(&["export", "--format", "lnav"]).stdout,
        run(&["export", "--format", "lnav"]).stdout
    );
}
