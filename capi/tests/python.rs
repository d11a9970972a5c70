//! Runs the ctypes example `examples/lookup.py` against the built `libfinesse_errors.so`
//! and checks that it prints what the Rust API knows.
#![cfg(target_os = "linux")]

mod common;

use common::{in_ci, text};

use errors::Family;
use std::env;
use std::path::Path;
use std::process::{Command, Output};

/// `python3 examples/lookup.py <libfinesse_errors.so> <args>`, or `None` (with a notice) when
/// python3 is missing outside CI.
fn example(args: &[&str]) -> Option<Output> {
    let python = Command::new("python3").arg("--version").output();
    if !python.is_ok_and(|output| output.status.success()) {
        assert!(!in_ci(), "python3 is not installed; CI must install it");
        eprintln!("NOTICE: python3 not found; skipping the ctypes example");
        return None;
    }
    let lib = common::artifacts_dir().join("libfinesse_errors.so");
    assert!(lib.is_file(), "{} was not built", lib.display());
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("lookup.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(lib)
        .args(args)
        .output()
        .expect("run python3");
    Some(output)
}

#[test]
fn python_example_prints_the_remediation() {
    let Some(output) = example(&["265"]) else {
        return;
    };
    assert!(output.status.success(), "{}", text(&output));
    let info = errors::lookup(Family::CtiControlFailure, 265).unwrap();
    let stdout = String::from_utf8(output.stdout.clone()).expect("UTF-8 output");
    let expected = format!("remediation: {}", info.remediation());
    assert!(
        stdout.lines().any(|line| line == expected),
        "expected the line {expected:?}\n{}",
        text(&output)
    );
    assert_eq!(
        stdout.lines().next(),
        Some(format!("cti_control_failure 265 {}", info.symbol()).as_str())
    );
}

#[test]
fn python_example_other_family_and_unknown_code() {
    let Some(output) = example(&["16", "cti_status"]) else {
        return;
    };
    assert!(output.status.success(), "{}", text(&output));
    let info = errors::lookup(Family::CtiStatus, 16).unwrap();
    let expected = format!("remediation: {}", info.remediation());
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .any(|line| line == expected)
    );

    let output = example(&["123456"]).expect("python3 was found above");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let output = example(&["1", "no_such_family"]).expect("python3 was found above");
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
}
