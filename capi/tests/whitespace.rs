//! The C ABI reads names and codes wrapped in Unicode whitespace as every other face does:
//! `whitespace.py` feeds `tests/fixtures/whitespace-names.json` through `fe_lookup_symbol` and
//! `fe_parse_code` with ctypes.
#![cfg(target_os = "linux")]

mod common;

use common::{in_ci, text};

use std::path::Path;
use std::process::Command;

#[test]
fn c_abi_trims_unicode_whitespace_like_every_face() {
    let python = Command::new("python3").arg("--version").output();
    if !python.is_ok_and(|output| output.status.success()) {
        assert!(!in_ci(), "python3 is not installed; CI must install it");
        eprintln!("NOTICE: python3 not found; skipping the C ABI whitespace cases");
        return;
    }
    let lib = common::artifacts_dir().join("libfinesse_errors.so");
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("python3")
        .arg(here.join("tests").join("whitespace.py"))
        .arg(lib)
        .arg(here.join("../tests/fixtures/whitespace-names.json"))
        .output()
        .expect("run python3");
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains(", 0 failed"),
        "{}",
        text(&output)
    );
}
