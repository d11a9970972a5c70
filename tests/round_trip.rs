//! Every row of `data/` is reachable through the public API and equals its row.

mod common;

use common::{CsvRow, all_rows, rows, spellings};
use finesse_errors::{
    ErrorInfo, Family, KeyKind, all, entries, finesse_error, lookup, lookup_all, lookup_code,
    lookup_reason_code, lookup_symbol, lookup_symbol_all,
};

/// Whether an entry is the one of this row: same family, code, status and platform (a name
/// alone may be shared, a code may be shared across platforms).
fn is_row(info: &ErrorInfo, family: Family, row: &CsvRow) -> bool {
    info.family() == family
        && info.code() == row.code
        && info.http_status() == row.http_status
        && info.platform().map(|p| p.name().to_string()) == row.platform
        && info.symbol() == row.symbol
}

fn assert_same(info: &ErrorInfo, family: Family, row: &CsvRow) {
    let what = format!("{family} {:?} {:?}", row.code, row.symbol);
    assert_eq!(info.family(), family, "{what}");
    assert_eq!(info.code(), row.code, "{what}");
    assert_eq!(info.http_status(), row.http_status, "{what}");
    assert_eq!(
        info.platform().map(|p| p.name().to_string()),
        row.platform,
        "{what}"
    );
    assert_eq!(info.symbol(), row.symbol, "{what}");
    assert_eq!(
        info.aliases().collect::<Vec<_>>().join(" "),
        row.aliases,
        "{what}"
    );
    assert_eq!(info.category().name(), row.category, "{what}");
    assert_eq!(info.retry().name(), row.retry, "{what}");
    assert_eq!(info.layer().name(), row.layer, "{what}");
    assert_eq!(info.message(), row.message, "{what}");
    assert_eq!(info.remediation(), row.remediation, "{what}");
    assert_eq!(info.source(), row.source, "{what}");
    assert_eq!(info.note().unwrap_or(""), row.note, "{what}");
    assert_eq!(info.symbol_c().to_str().unwrap(), row.symbol, "{what}");
    assert_eq!(info.message_c().to_str().unwrap(), row.message, "{what}");
    assert_eq!(
        info.remediation_c().to_str().unwrap(),
        row.remediation,
        "{what}"
    );
    assert_eq!(info.aliases_c().to_str().unwrap(), row.aliases, "{what}");
    assert_eq!(info.source_c().to_str().unwrap(), row.source, "{what}");
    assert_eq!(info.note_c().to_str().unwrap(), row.note, "{what}");
}

#[test]
fn every_row_is_found_by_code() {
    for (family, row) in all_rows() {
        let Some(code) = row.code else { continue };
        let found: Vec<&ErrorInfo> = lookup_code(code)
            .filter(|i| is_row(i, family, &row))
            .collect();
        assert_eq!(found.len(), 1, "{family} {code}");
        let info = lookup_all(family, code)
            .find(|i| is_row(i, family, &row))
            .unwrap_or_else(|| panic!("{family} {code} not found"));
        assert_same(info, family, &row);
        assert_eq!(found[0], info);
        match info.platform() {
            Some(platform) => assert_eq!(lookup_reason_code(platform, code), Some(info)),
            None => assert_eq!(lookup(family, code), Some(info)),
        }
    }
}

#[test]
fn every_row_is_found_by_each_spelling() {
    for (family, row) in all_rows() {
        for name in spellings(&row) {
            let found: Vec<&ErrorInfo> = lookup_symbol_all(name)
                .filter(|i| is_row(i, family, &row))
                .collect();
            assert_eq!(found.len(), 1, "{family} {name}");
            assert_same(found[0], family, &row);
            assert!(lookup_symbol(name).is_some(), "{name}");
        }
    }
}

#[test]
fn every_finesse_row_is_found_by_status_and_error_type() {
    for row in rows(Family::FinesseApi) {
        let status = row.http_status.expect("finesse_api rows have a status");
        let info = finesse_error(status, &row.symbol)
            .unwrap_or_else(|| panic!("{status} {} not found", row.symbol));
        assert_same(info, Family::FinesseApi, &row);
        // Case and spacing variants Finesse really sends.
        let shouted = format!(
            "  {}  ",
            row.symbol.to_ascii_lowercase().replace(' ', "   ")
        );
        assert_eq!(finesse_error(status, &shouted), Some(info), "{shouted}");
    }
}

#[test]
fn rows_without_a_symbol_are_reached_by_code() {
    for (family, row) in all_rows() {
        if row.symbol.is_empty() {
            let code = row.code.expect("a row without a symbol must have a code");
            let info = lookup_all(family, code).find(|i| is_row(i, family, &row));
            assert_same(info.unwrap(), family, &row);
        }
    }
}

#[test]
fn counts_match_so_nothing_is_dropped() {
    let mut total = 0;
    for &family in Family::ALL {
        let expected = rows(family);
        let found = entries(family);
        assert_eq!(found.len(), expected.len(), "{family}");
        assert!(found.iter().all(|i| i.family() == family), "{family}");
        total += expected.len();
    }
    assert_eq!(all().len(), total);
}

#[test]
fn entries_are_ordered_and_distinct() {
    for &family in Family::ALL {
        // Unified CM codes are ordered as they are written: by their unsigned value; reason
        // codes by code, then platform.
        let keys: Vec<(Option<u16>, Option<i64>, Option<u32>)> = entries(family)
            .iter()
            .map(|i| {
                let code = i.code().map(|c| match family.key_kind() {
                    KeyKind::Hex32 | KeyKind::Flags | KeyKind::Composite => i64::from(c as u32),
                    _ => i64::from(c),
                });
                (i.http_status(), code, i.platform().map(|p| p.to_u32()))
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{family} is not ordered");
        // Families keyed by name (finesse_api, xmpp) have no codes to compare.
        if keys.iter().all(|k| k.1.is_some()) {
            sorted.dedup();
            assert_eq!(keys.len(), sorted.len(), "{family} has a code twice");
        }
    }
}

#[test]
fn unknown_input_gives_none() {
    assert_eq!(lookup(Family::CtiStatus, i32::MAX), None);
    assert_eq!(lookup(Family::CtiControlFailure, -5), None);
    assert_eq!(lookup_symbol(""), None);
    assert_eq!(lookup_symbol("   "), None);
    assert_eq!(lookup_symbol("E_CTI_"), None);
    assert_eq!(lookup_symbol(&"X".repeat(10_000)), None);
    assert_eq!(finesse_error(400, "Invalid Statee"), None);
    assert_eq!(finesse_error(0, ""), None);
}

#[test]
fn display_names_the_entry() {
    let info = lookup(Family::CtiStatus, 16).unwrap();
    let shown = info.to_string();
    assert!(
        shown.starts_with("cti_status 16 E_CTI_TIMEOUT: "),
        "{shown}"
    );
    assert!(format!("{info:?}").contains("E_CTI_TIMEOUT"));
}

#[test]
fn every_published_spelling_variant_resolves() {
    // The variants shared/reference names: UCCE 15.0(1) vs Unified CCX and older guides.
    let variants = [
        ("CF_INVALID_CSTA_CALL_ID", Family::CtiControlFailure, 11),
        ("CF_INVALID_CSTA_DEVICE_ID", Family::CtiControlFailure, 12),
        (
            "CF_INVALID_CSTA_CONNECTION_ID",
            Family::CtiControlFailure,
            13,
        ),
        ("E_CTI_INVALID_MESSAGE_LENGTH", Family::CtiStatus, 2),
        ("E_CTI_INVALID_FIELD", Family::CtiStatus, 3),
        ("E_CTI_INVALID_CSQ", Family::CtiStatus, 93),
    ];
    for (name, family, code) in variants {
        let info = lookup_symbol(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!((info.family(), info.code()), (family, Some(code)), "{name}");
    }
}
