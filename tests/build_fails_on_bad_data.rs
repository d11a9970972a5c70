//! End to end: a build over a broken data file fails, and says `data/<file>.csv:<line>: why`.
//!
//! Copies the build script and the data into a scratch crate, breaks one row, and runs
//! `cargo check` there (offline, with its own target directory under ours).

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../src/key.rs"]
#[allow(dead_code)]
mod finesse_key;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A scratch crate with our build script and a copy of `data/`, after `edit` has changed the
/// copy; returns whether `cargo check` succeeded and what it printed on stderr.
fn build_with_edited_data(name: &str, edit: impl FnOnce(&Path)) -> (bool, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&scratch);
    copy_dir(&root.join("build"), &scratch.join("build"));
    copy_dir(&root.join("data"), &scratch.join("data"));
    std::fs::create_dir_all(scratch.join("src")).unwrap();
    for file in ["key.rs", "vocab.rs", "code.rs", "family.rs"] {
        std::fs::copy(root.join("src").join(file), scratch.join("src").join(file)).unwrap();
    }
    std::fs::write(scratch.join("src/lib.rs"), "").unwrap();
    std::fs::copy(root.join("build.rs"), scratch.join("build.rs")).unwrap();
    if root.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    }
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[package]\nname = \"bad-data\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [build-dependencies]\ncsv = \"1.4\"\nserde = { version = \"1\", features = [\"derive\"] }\n\n\
         [workspace]\n",
    )
    .unwrap();
    edit(&scratch.join("data"));
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet"])
        .current_dir(&scratch)
        // Shared between the tests of this file: the build dependencies compile once.
        .env(
            "CARGO_TARGET_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bad-data-target"),
        )
        .output()
        .expect("run cargo");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_duplicate_code_fails_the_build_with_file_and_line() {
    let (ok, stderr) = build_with_edited_data("duplicate-code", |data| {
        // Repeat the table's first data row: its code (and symbol) are now duplicates on line 3.
        let table = data.join("cti_status.csv");
        let text = std::fs::read_to_string(&table).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(2, lines[1]);
        std::fs::write(&table, lines.join("\n") + "\n").unwrap();
    });
    assert!(!ok, "the build must fail:\n{stderr}");
    assert!(
        stderr.contains("data/cti_status.csv:3: duplicate code"),
        "the failure must name file, line and problem:\n{stderr}"
    );
}

/// Two names the symbol hash cannot tell apart: long enough to have bytes between the
/// inline words and the last word, differing only there.
fn inseparable_pair() -> (String, String) {
    let first = format!("PERERR_{}", "A".repeat(60));
    let mut second = first.clone().into_bytes();
    let unhashed = finesse_key::INLINE_WORDS * 8 + 2;
    second[unhashed] = b'B';
    let second = String::from_utf8(second).unwrap();
    assert_eq!(
        finesse_key::hash_input(first.as_bytes()),
        finesse_key::hash_input(second.as_bytes()),
        "the pair must share everything the hash reads"
    );
    (first, second)
}

#[test]
fn two_names_the_hash_cannot_separate_fail_the_build_in_seconds_naming_both() {
    let (first, second) = inseparable_pair();
    let (ok, stderr) = build_with_edited_data("inseparable-names", |data| {
        let table = data.join("peripheral.csv");
        let text = std::fs::read_to_string(&table).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        // Row 2 is the first data row: its aliases column is the third.
        let mut fields: Vec<String> = lines[1].splitn(4, ',').map(String::from).collect();
        assert!(
            fields[2].is_empty(),
            "the first peripheral row has no aliases"
        );
        fields[2] = format!("{first} {second}");
        lines[1] = fields.join(",");
        std::fs::write(&table, lines.join("\n") + "\n").unwrap();
    });
    // Before the check existed, the seed search spun here for minutes.
    assert!(!ok, "the build must fail:\n{stderr}");
    assert!(
        stderr.contains("data/peripheral.csv:2:")
            && stderr.contains(&first)
            && stderr.contains(&second),
        "the failure must name the file, the line and both names:\n{stderr}"
    );
}

#[test]
fn a_recovery_plan_for_no_row_or_with_bad_numbers_fails_the_build() {
    let (ok, stderr) = build_with_edited_data("bad-recovery-plan", |data| {
        let table = data.join("recovery.csv");
        let mut text = std::fs::read_to_string(&table).unwrap();
        text.push_str("cti_status,123456,escalate,,0,1,0,,false,false,cti-smrg-15.0,\n");
        text.push_str("cti_status,16,wait_and_retry,,9000,2,1000,,false,false,cti-smrg-15.0,\n");
        std::fs::write(&table, text).unwrap();
    });
    assert!(!ok, "the build must fail:\n{stderr}");
    assert!(
        stderr.contains("data/recovery.csv:") && stderr.contains("key `123456` names no row"),
        "{stderr}"
    );
    assert!(stderr.contains("needs a `give_up_after_ms`"), "{stderr}");
    assert!(stderr.contains("longer than `max_delay_ms`"), "{stderr}");
}

/// Issue 22: a CRLF file's errors name the right line (the csv crate's count was one short),
/// and a blank line or a file with only its header fails the build (data/README.md forbids
/// both; the csv crate skipped them).
#[test]
fn crlf_lines_blank_lines_and_header_only_files_are_reported_right() {
    let (ok, stderr) = build_with_edited_data("layout", |data| {
        // cti_status.csv with CRLF endings and its first data row repeated on line 3.
        let table = data.join("cti_status.csv");
        let text = std::fs::read_to_string(&table).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(2, lines[1]);
        std::fs::write(&table, lines.join("\r\n") + "\r\n").unwrap();
        // A blank line after the first row of media_routing.csv (line 3).
        let table = data.join("media_routing.csv");
        let text = std::fs::read_to_string(&table).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(2, "");
        std::fs::write(&table, lines.join("\n") + "\n").unwrap();
        // ctios.csv with its header only.
        let table = data.join("ctios.csv");
        let text = std::fs::read_to_string(&table).unwrap();
        std::fs::write(&table, format!("{}\n", text.lines().next().unwrap())).unwrap();
    });
    assert!(!ok, "the build must fail:\n{stderr}");
    for expected in [
        "data/cti_status.csv:3: duplicate code",
        "data/media_routing.csv:3: blank line",
        "data/ctios.csv:1: the header has no rows after it",
    ] {
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("data/cti_status.csv:2: duplicate code"),
        "{stderr}"
    );
}

/// A SIP map note is also a C string (the C API's fe_sip_mapping.note): a NUL, tab or line
/// break in it fails the build, naming the file and line.
#[test]
fn a_sip_map_note_with_a_tab_or_nul_fails_the_build() {
    let (ok, stderr) = build_with_edited_data("sip-note", |data| {
        let table = data.join("dialer_sip_map.csv");
        let mut text = std::fs::read_to_string(&table).unwrap();
        text.push_str("486,17,false,CS_NONE,9,outbound-12.6,\"a\ttab\"\n");
        text.push_str("486,17,false,CS_NONE,9,outbound-12.6,a\0nul\n");
        std::fs::write(&table, text).unwrap();
    });
    assert!(!ok, "the build must fail:\n{stderr}");
    for line in ["dialer_sip_map.csv:90:", "dialer_sip_map.csv:91:"] {
        assert!(
            stderr.contains(&format!(
                "data/{line} `note` contains a line break, tab or NUL"
            )),
            "expected `{line}` in:\n{stderr}"
        );
    }
}
