//! Reads `data/*.csv` with the csv crate directly, independently of the build script, so the
//! tests compare the compiled tables against the files themselves.
#![allow(dead_code)]

use finesse_errors::Family;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct CsvRow {
    #[serde(default)]
    pub http_status: Option<u16>,
    pub code: Option<i32>,
    pub symbol: String,
    pub aliases: String,
    pub category: String,
    pub retry: String,
    pub layer: String,
    pub message: String,
    pub remediation: String,
    pub source: String,
    pub note: String,
}

pub fn rows(family: Family) -> Vec<CsvRow> {
    let path = format!("{}/data/{}.csv", env!("CARGO_MANIFEST_DIR"), family.name());
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    reader
        .deserialize()
        .map(|row| row.unwrap_or_else(|e| panic!("{path}: {e}")))
        .collect()
}

pub fn all_rows() -> Vec<(Family, CsvRow)> {
    Family::ALL
        .iter()
        .flat_map(|&family| rows(family).into_iter().map(move |row| (family, row)))
        .collect()
}

/// Every spelling a row can be looked up by: its symbol (if any) and its aliases.
pub fn spellings(row: &CsvRow) -> Vec<&str> {
    std::iter::once(row.symbol.as_str())
        .filter(|s| !s.is_empty())
        .chain(row.aliases.split_ascii_whitespace())
        .collect()
}
