//! One normalisation for every face: the Rust lookups read the names and codes of
//! `tests/fixtures/whitespace-names.json` (wrapped in Unicode whitespace) as the C ABI, the
//! Python package and the CLI do (their tests read the same file).

use finesse_errors::{Family, lookup_code_str, lookup_symbol, lookup_symbol_all, parse_code};
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    names: Vec<NameCase>,
    codes: Vec<CodeCase>,
}

#[derive(Deserialize)]
struct NameCase {
    input: String,
    symbol: Option<String>,
}

#[derive(Deserialize)]
struct CodeCase {
    input: String,
    family: String,
    code: Option<i32>,
}

fn cases() -> Cases {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/whitespace-names.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn names_wrapped_in_unicode_whitespace() {
    for case in cases().names {
        let found = lookup_symbol(&case.input).map(|info| info.symbol());
        assert_eq!(found, case.symbol.as_deref(), "{:?}", case.input);
        let all = lookup_symbol_all(&case.input).count();
        let plain = case
            .symbol
            .as_deref()
            .map_or(0, |s| lookup_symbol_all(s).count());
        assert_eq!(all, plain, "{:?}", case.input);
    }
}

#[test]
fn codes_wrapped_in_unicode_whitespace() {
    for case in cases().codes {
        let family: Family = case.family.parse().unwrap();
        assert_eq!(
            parse_code(family, &case.input),
            case.code,
            "{:?}",
            case.input
        );
        if let Some(code) = case.code {
            assert!(
                lookup_code_str(&case.input)
                    .any(|i| i.family() == family && i.code() == Some(code)),
                "{:?}",
                case.input
            );
        }
    }
}

/// The set trimmed is exactly Unicode White_Space (`char::is_whitespace`), for every char.
#[test]
fn the_whitespace_set_is_unicode_white_space() {
    for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
        let padded = format!("{ch}E_CTI_TIMEOUT{ch}");
        assert_eq!(
            lookup_symbol(&padded).is_some(),
            ch.is_whitespace(),
            "U+{:04X}",
            ch as u32
        );
        if ch.is_whitespace() || (ch as u32) % 97 == 0 {
            assert_eq!(
                parse_code(Family::CtiStatus, &format!("{ch}16{ch}")).is_some(),
                ch.is_whitespace(),
                "U+{:04X}",
                ch as u32
            );
        }
    }
}

/// Inner runs of any whitespace fold to one space.
#[test]
fn inner_whitespace_folds_to_one_space() {
    assert_eq!(
        lookup_symbol("invalid\u{3000}\t\u{a0}state").map(|i| i.symbol()),
        Some("Invalid State")
    );
    assert_eq!(lookup_symbol("E_CTI_\u{a0}TIMEOUT"), None);
}
