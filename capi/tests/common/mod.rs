//! Builds the C libraries the tests link and load.
//!
//! `cargo test` does not build a `cdylib` / `staticlib` for integration tests, and giving this
//! package an `rlib` too would collide with the root package's `libfinesse_errors.rlib`. So the
//! tests run `cargo build -p finesse-errors-capi` once, into a target directory of their own
//! beside the workspace's (`target/capi-artifacts/`), and use what it writes there.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The directory holding `libfinesse_errors.a` and `libfinesse_errors.so`, built on first use.
pub fn artifacts_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // The test runs as target/<profile>/deps/<test>; build beside target/<profile>.
        let exe = std::env::current_exe().expect("path of the test executable");
        let target = exe
            .ancestors()
            .nth(3)
            .expect("the test executable lives in target/<profile>/deps/")
            .join("capi-artifacts");
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "--quiet",
                "-p",
                "finesse-errors-capi",
                "--target-dir",
            ])
            .arg(&target)
            .current_dir(&workspace)
            .status()
            .expect("run cargo build for the C libraries");
        assert!(
            status.success(),
            "cargo build -p finesse-errors-capi failed"
        );
        target.join("debug")
    })
}

/// Whether this is a CI run, where a missing valgrind or python3 is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// A process's status and output, for assertion messages.
pub fn text(output: &Output) -> String {
    format!(
        "status: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
