//! End to end: a build over a broken data file fails, and says `data/<file>.csv:<line>: why`.
//!
//! Copies the build script and the data into a scratch crate, breaks one row, and runs
//! `cargo check` there (offline, with its own target directory under ours).

use std::path::{Path, PathBuf};
use std::process::Command;

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

#[test]
fn a_duplicate_code_fails_the_build_with_file_and_line() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bad-data-crate");
    let _ = std::fs::remove_dir_all(&scratch);
    copy_dir(&root.join("build"), &scratch.join("build"));
    copy_dir(&root.join("data"), &scratch.join("data"));
    std::fs::create_dir_all(scratch.join("src")).unwrap();
    for file in ["key.rs", "vocab.rs"] {
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

    // Repeat the table's first data row: its code (and symbol) are now duplicates on line 3.
    let table = scratch.join("data/cti_status.csv");
    let text = std::fs::read_to_string(&table).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, lines[1]);
    std::fs::write(&table, lines.join("\n") + "\n").unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the build must fail:\n{stderr}");
    assert!(
        stderr.contains("data/cti_status.csv:3: duplicate code"),
        "the failure must name file, line and problem:\n{stderr}"
    );
}
