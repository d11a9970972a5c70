//! Every value of the public reference tables the families were built from is an entry,
//! or a documented exclusion (data/README.md, "Reference values left out"). The tables are
//! the project's shared reference folder (`../shared/reference`, or `FE_REFERENCE_DIR`);
//! without it the test says so and passes, except under CI, where it fails.

use finesse_errors::{
    Family, Platform, cdr_cause, dialer_results_for_sip, finesse_error, lookup, lookup_reason_code,
    lookup_symbol_all,
};
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

/// The exclusions table of data/README.md: (reference table, value as the table writes it).
fn exclusions() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/README.md"))
            .unwrap();
    let section = &text[text
        .find("## Reference values left out")
        .expect("the section")..];
    let table = section
        .split("\n\n")
        .find(|b| b.starts_with("| reference table | value |"))
        .expect("the exclusions table");
    table
        .lines()
        .skip(2)
        .map(|row| {
            let cells: Vec<&str> = row.split(" | ").collect();
            let file = cells[0].trim_start_matches("| ").trim_matches('`');
            (file.to_string(), cells[1].to_string())
        })
        .collect()
}

/// What a reference table's rows are keyed by, and where their entries are.
#[derive(Clone, Copy)]
enum Keyed {
    /// A code column, in one family; the symbol columns that must find the same entry.
    Code(&'static str, Family, &'static [&'static str]),
    /// `platform` + `code`: a reason code.
    ReasonCode,
    /// `http_status` + `error_type`: a Finesse ErrorType.
    ErrorType,
    /// `kind` + `condition`: an XMPP condition, `kind:condition`.
    Condition,
    /// `origin`: `UCCX-CCX` rows are `uccx_error` codes; the others are excluded by origin.
    ByOrigin,
}

const TABLES: &[(&str, Keyed)] = &[
    (
        "cf_codes.tsv",
        Keyed::Code("code", Family::CtiControlFailure, &["symbol"]),
    ),
    (
        "cti_status_codes.tsv",
        Keyed::Code("code", Family::CtiStatus, &["symbol"]),
    ),
    (
        "ctierr_codes.tsv",
        Keyed::Code("hex", Family::UnifiedCm, &["ctierr_name", "jtapi_constant"]),
    ),
    (
        "ctios_cil_codes.tsv",
        Keyed::Code("code", Family::Ctios, &["symbol"]),
    ),
    (
        "perr_codes.tsv",
        Keyed::Code("code", Family::Peripheral, &["symbol"]),
    ),
    ("reason_codes.tsv", Keyed::ReasonCode),
    ("reason_codes_other_states.tsv", Keyed::ReasonCode),
    ("finesse_error_types.tsv", Keyed::ErrorType),
    ("xmpp_conditions.tsv", Keyed::Condition),
    ("tdm_and_uccx_codes.tsv", Keyed::ByOrigin),
    (
        "cti_event_cause.tsv",
        Keyed::Code("code", Family::CtiEventCause, &["symbol"]),
    ),
    (
        "cti_pg_status.tsv",
        Keyed::Code("code", Family::CtiPgStatus, &["symbol"]),
    ),
    (
        "cti_system_event.tsv",
        Keyed::Code("code", Family::CtiSystemEvent, &["symbol"]),
    ),
    (
        "uccx_ccx_errors.tsv",
        Keyed::Code("code", Family::UccxError, &["symbol"]),
    ),
    (
        "cucm_cdr_causes.tsv",
        Keyed::Code("code", Family::CucmCdrCause, &["symbol"]),
    ),
    (
        "cucm_redirect_reason.tsv",
        Keyed::Code("code", Family::CucmRedirectReason, &["symbol"]),
    ),
    (
        "cucm_onbehalfof.tsv",
        Keyed::Code("code", Family::CucmOnBehalfOf, &["symbol"]),
    ),
    (
        "dialer_call_result.tsv",
        Keyed::Code("code", Family::DialerCallResult, &["symbol"]),
    ),
];

/// The entry a code row names, and the problem when it names none.
fn by_code(
    row: &HashMap<String, String>,
    column: &str,
    family: Family,
    symbols: &[&str],
) -> Result<(), String> {
    let value = number(&row[column]);
    let info = lookup(family, value as u32 as i32)
        .ok_or_else(|| format!("{} is not an entry of {family}", row[column]))?;
    // Every published symbol (a misspelled one included) finds the same entry.
    for symbol_column in symbols {
        let symbol = row.get(*symbol_column).map_or("", String::as_str);
        if symbol.is_empty() || symbol.starts_with('(') {
            continue;
        }
        if !lookup_symbol_all(symbol).any(|found| std::ptr::eq(found, info)) {
            return Err(format!("{symbol} does not find {family} {}", row[column]));
        }
    }
    Ok(())
}

/// The value a row is named by in the exclusions table, and whether the data has it.
fn check_row(keyed: Keyed, row: &HashMap<String, String>) -> (String, Result<(), String>) {
    match keyed {
        Keyed::Code(column, family, symbols) => {
            (row[column].clone(), by_code(row, column, family, symbols))
        }
        Keyed::ByOrigin if row["origin"] == "UCCX-CCX" => (
            row["code"].clone(),
            by_code(row, "code", Family::UccxError, &["symbol"]),
        ),
        Keyed::ByOrigin => (
            row["origin"]
                .split('-')
                .next()
                .unwrap_or_default()
                .to_string(),
            Err(format!("{} ({}) is no entry", row["code"], row["origin"])),
        ),
        Keyed::ReasonCode => {
            let platform: Platform = row["platform"].parse().unwrap();
            let code = number(&row["code"]) as i32;
            let found = lookup_reason_code(platform, code).is_some();
            (
                row["code"].clone(),
                found
                    .then_some(())
                    .ok_or(format!("{platform} reason code {code} is no entry")),
            )
        }
        Keyed::ErrorType => {
            let error_type = row["error_type"].clone();
            // `202 then async XMPP` is reported as 400 by finesse.js, which is what the
            // table keys; `20700 (conference ...)` is the ErrorType 20700.
            let status: Option<u16> = row["http_status"].get(..3).and_then(|s| s.parse().ok());
            let status = status.map(|s| if s == 202 { 400 } else { s });
            let name = error_type.split(" (").next().unwrap_or_default();
            let found = status.is_some_and(|s| {
                !name.is_empty() && !name.starts_with('(') && finesse_error(s, name).is_some()
            });
            (
                error_type.clone(),
                found
                    .then_some(())
                    .ok_or(format!("{} {error_type} is no entry", row["http_status"])),
            )
        }
        Keyed::Condition => {
            let symbol = format!("{}:{}", row["kind"], row["condition"]);
            let found = lookup_symbol_all(&symbol).any(|i| i.family() == Family::Xmpp);
            (
                symbol.clone(),
                found.then_some(()).ok_or(format!("{symbol} is no entry")),
            )
        }
    }
}

#[test]
fn every_reference_value_is_an_entry_or_a_documented_exclusion() {
    let Some(dir) = reference_dir() else {
        return;
    };
    let excluded = exclusions();
    let mut used = vec![false; excluded.len()];
    let mut problems = Vec::new();
    for &(file, keyed) in TABLES {
        let table = rows(&dir, file);
        assert!(!table.is_empty(), "{file}");
        for row in &table {
            let (value, found) = check_row(keyed, row);
            match excluded.iter().position(|(f, v)| f == file && *v == value) {
                Some(i) => {
                    used[i] = true;
                    // An exclusion that has become an entry is stale.
                    if found.is_ok() {
                        problems.push(format!("{file}: {value} is excluded but is an entry"));
                    }
                }
                None => {
                    if let Err(problem) = found {
                        problems.push(format!("{file}: {problem}"));
                    }
                }
            }
        }
    }
    for (i, (file, value)) in excluded.iter().enumerate() {
        if !used[i] {
            problems.push(format!("the exclusion {file} {value} matches no row"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
