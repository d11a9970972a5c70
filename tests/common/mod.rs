//! Reads `data/*.csv` with the csv crate directly, independently of the build script, so the
//! tests compare the compiled tables against the files themselves.
#![allow(dead_code)]

use finesse_errors::Family;
use serde::{Deserialize, Deserializer};

#[derive(Debug, Deserialize)]
pub struct CsvRow {
    #[serde(default)]
    pub http_status: Option<u16>,
    /// `reason_code` only: the platform's name.
    #[serde(default)]
    pub platform: Option<String>,
    /// The code's 32 bits as a signed number: decimal, or `0x…` hex (Unified CM), read here
    /// independently of the crate's own parser.
    #[serde(deserialize_with = "code_field")]
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
    pub evidence: String,
    pub twin: String,
}

fn code_field<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i32>, D::Error> {
    let text = String::deserialize(deserializer)?;
    if text.is_empty() {
        return Ok(None);
    }
    let parsed = match text.strip_prefix("0x") {
        Some(hex) => u32::from_str_radix(hex, 16).map(|bits| bits as i32).ok(),
        // A CDR cause is the unsigned decimal of its 32 bits.
        None => text
            .parse::<i32>()
            .ok()
            .or_else(|| text.parse::<u32>().ok().map(|bits| bits as i32)),
    };
    parsed
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("bad code `{text}`")))
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

/// Every name a row can be looked up by: its spellings, and the CSTA spelling of a CTI
/// EventCause (`EC_NEW_CALL` for `CEC_NEW_CALL`, as `data/README.md` documents), written here
/// independently of `src/family.rs`.
pub fn names(family: Family, row: &CsvRow) -> Vec<String> {
    let mut names: Vec<String> = spellings(row).into_iter().map(str::to_string).collect();
    if family == Family::CtiEventCause {
        let csta: Vec<String> = names
            .iter()
            .filter_map(|n| n.strip_prefix("CEC_").map(|rest| format!("EC_{rest}")))
            .collect();
        names.extend(csta);
    }
    names
}

/// Every spelling a row can be looked up by: its symbol (if any) and its aliases.
pub fn spellings(row: &CsvRow) -> Vec<&str> {
    std::iter::once(row.symbol.as_str())
        .filter(|s| !s.is_empty())
        .chain(row.aliases.split_ascii_whitespace())
        .collect()
}
