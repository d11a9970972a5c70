//! Every value of the public reference tables the call families were built from is an entry,
//! or a documented exclusion (data/README.md, "Reference values left out"). The tables are
//! the project's shared reference folder (`../shared/reference`, or `FE_REFERENCE_DIR`);
//! without it the test says so and passes, except under CI, where it fails.

use finesse_errors::{Family, cdr_cause, dialer_results_for_sip, lookup, lookup_symbol_all};
use std::collections::HashMap;
use std::path::PathBuf;

fn reference_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("FE_REFERENCE_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference"),
        PathBuf::from,
    );
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the reference folder {} is missing under CI",
        dir.display()
    );
    eprintln!(
        "reference folder {} not found: coverage not checked",
        dir.display()
    );
    None
}

/// A TSV file's rows as column name → value (comment lines skipped).
fn rows(dir: &std::path::Path, file: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    lines
        .map(|line| {
            header
                .iter()
                .zip(line.split('\t'))
                .map(|(k, v)| (k.to_string(), v.trim().to_string()))
                .collect()
        })
        .collect()
}

fn number(text: &str) -> i64 {
    match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => i64::from_str_radix(hex, 16).unwrap(),
        None => text
            .parse()
            .unwrap_or_else(|_| panic!("{text:?} is no number")),
    }
}

/// The exclusions table of data/README.md: (family, value).
fn exclusions() -> Vec<(Family, i64)> {
    let text =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/README.md"))
            .unwrap();
    let section = &text[text
        .find("## Reference values left out")
        .expect("the section")..];
    let table = section
        .split("\n\n")
        .find(|b| b.starts_with("| family | value |"))
        .expect("the exclusions table");
    table
        .lines()
        .skip(2)
        .map(|row| {
            let cells: Vec<&str> = row.split(" | ").collect();
            let family = cells[0].trim_start_matches("| ").trim_matches('`');
            (family.parse().unwrap(), number(cells[1]))
        })
        .collect()
}

const TABLES: &[(&str, Family)] = &[
    ("cti_event_cause.tsv", Family::CtiEventCause),
    ("cti_pg_status.tsv", Family::CtiPgStatus),
    ("cti_system_event.tsv", Family::CtiSystemEvent),
    ("uccx_ccx_errors.tsv", Family::UccxError),
    ("cucm_cdr_causes.tsv", Family::CucmCdrCause),
    ("cucm_redirect_reason.tsv", Family::CucmRedirectReason),
    ("cucm_onbehalfof.tsv", Family::CucmOnBehalfOf),
    ("dialer_call_result.tsv", Family::DialerCallResult),
];

#[test]
fn every_reference_value_is_an_entry_or_a_documented_exclusion() {
    let Some(dir) = reference_dir() else {
        return;
    };
    let excluded = exclusions();
    let mut used = vec![false; excluded.len()];
    for &(file, family) in TABLES {
        let table = rows(&dir, file);
        assert!(!table.is_empty(), "{file}");
        for row in &table {
            let value = number(&row["code"]);
            if let Some(i) = excluded.iter().position(|&e| e == (family, value)) {
                used[i] = true;
                assert!(
                    lookup(family, value as u32 as i32).is_none(),
                    "{family} {value} is excluded but is an entry"
                );
                continue;
            }
            let info = lookup(family, value as u32 as i32)
                .unwrap_or_else(|| panic!("{file}: {value} is not an entry of {family}"));
            // Every published symbol (a misspelled one included) finds the same entry.
            let symbol = row.get("symbol").map_or("", String::as_str);
            if symbol.is_empty() || symbol.starts_with('(') {
                continue;
            }
            assert!(
                lookup_symbol_all(symbol).any(|found| std::ptr::eq(found, info)),
                "{file}: {symbol} does not find {family} {value}"
            );
        }
    }
    for (i, (family, value)) in excluded.iter().enumerate() {
        assert!(
            used[i],
            "the exclusion {family} {value} is in no reference table"
        );
    }
}

#[test]
fn every_sip_map_row_is_in_the_dialer_table() {
    let Some(dir) = reference_dir() else {
        return;
    };
    let table = rows(&dir, "dialer_sip_map.tsv");
    assert_eq!(table.len(), 88);
    for row in &table {
        let (status, cause) = (number(&row["sip_status"]), number(&row["q850_cause"]));
        let result = number(&row["call_result"]);
        let check = row["check_call_state"].eq_ignore_ascii_case("true");
        let found = dialer_results_for_sip(status as u16, cause as u8).any(|m| {
            i64::from(m.call_result()) == result
                && m.check_call_state() == check
                && m.call_state() == row["call_state"]
        });
        assert!(found, "SIP {status} / cause {cause} -> {result} missing");
    }
}

#[test]
fn every_published_sip_index_decodes_to_its_status() {
    let Some(dir) = reference_dir() else {
        return;
    };
    for row in rows(&dir, "cucm_sip_high_byte.tsv") {
        let index = number(&row["high_byte_dec"]) as u32;
        let status = number(&row["sip_status"]) as u16;
        // Any Q.850 cause in the low byte: the index alone gives the status.
        for low in [0x01, 0x11, 0x7F] {
            let decoded = cdr_cause(index << 24 | low).sip_status().map(|(s, _)| s);
            assert_eq!(decoded, Some(status), "index 0x{index:02X}");
        }
    }
}
