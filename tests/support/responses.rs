//! The response fixtures of `tests/fixtures/responses/`, read and diagnosed: shared by
//! `tests/explain_responses.rs` and `tests/explain_real_prints.rs`.

use finesse_errors::explain::{Diagnosis, explain};

/// The bytes of a fixture.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A fixture explained with an optional HTTP status.
pub fn diagnose(name: &str, status: Option<u16>) -> Diagnosis {
    explain(status, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}
