//! Every Unified CM code answers to every form logs write it in (hex with and without `0x`, in
//! either case; unsigned and signed decimal), and to each of its names; every constant of the
//! JTAPI reference table is in the knowledge base.

mod common;

use common::{rows, spellings};
use finesse_errors::{Family, lookup, lookup_code_str, lookup_symbol_all, parse_code};

fn forms(code: i32) -> Vec<String> {
    let bits = code as u32;
    vec![
        format!("0x{bits:08X}"),
        format!("0x{bits:08x}"),
        format!("0X{bits:X}"),
        format!("{bits:x}"),
        format!("{bits:X}"),
        format!("{bits}"),
        format!("{code}"),
        format!("  {bits}\t"),
    ]
}

#[test]
fn every_unified_cm_code_answers_to_every_form() {
    let table = rows(Family::UnifiedCm);
    assert!(table.len() > 250, "{} rows", table.len());
    for row in &table {
        let code = row.code.expect("every unified_cm row has a code");
        for form in forms(code) {
            // Bare hex made only of decimal digits reads as decimal: skip those spellings.
            let bare_decimal_hex = !form.trim().starts_with(['0', '-'])
                && form.trim().bytes().all(|b| b.is_ascii_digit())
                && form.trim() != (code as u32).to_string();
            if bare_decimal_hex {
                continue;
            }
            assert_eq!(parse_code(Family::UnifiedCm, &form), Some(code), "{form:?}");
            let found: Vec<&str> = lookup_code_str(&form)
                .filter(|i| i.family() == Family::UnifiedCm)
                .map(|i| i.symbol())
                .collect();
            assert_eq!(found, [row.symbol.as_str()], "{form:?}");
        }
        let info = lookup(Family::UnifiedCm, code).unwrap();
        assert_eq!(
            info.code_text().unwrap().to_string(),
            format!("0x{:08X}", code as u32)
        );
        for name in spellings(row) {
            assert!(
                lookup_symbol_all(name).any(|i| std::ptr::eq(i, info)),
                "{name} does not find {}",
                row.symbol
            );
        }
    }
}

#[test]
fn unsigned_and_hex_forms_belong_to_unified_cm_only() {
    for family in [Family::Peripheral, Family::CtiStatus, Family::Ctios] {
        assert_eq!(parse_code(family, "4294967295"), None, "{family}");
        assert_eq!(parse_code(family, "0xFFFFFFFF"), None, "{family}");
        assert_eq!(parse_code(family, "-1"), Some(-1), "{family}");
    }
    // The peripheral -1 is not found through the unsigned spelling of the same bits.
    assert!(lookup_code_str("4294967295").all(|i| i.family() == Family::UnifiedCm));
    for bad in [
        "",
        "0x",
        "0x123456789",
        "0xG",
        "-0x1",
        "12 34",
        "+-1",
        "99999999999",
    ] {
        assert_eq!(parse_code(Family::UnifiedCm, bad), None, "{bad:?}");
    }
}

/// `../shared/reference/ctierr_codes.tsv`: the JTAPI 15 constants, when the reference folder
/// is beside the project (as in CI).
#[test]
fn every_jtapi_constant_is_in_the_knowledge_base() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/ctierr_codes.tsv"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("NOTICE: {path} not found; the JTAPI cross-check did not run");
        return;
    };
    let mut checked = 0;
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (hex, signed, unsigned, constant, reported) = (
            cols[0],
            cols[1],
            cols[2],
            cols[3],
            cols.get(4).copied().unwrap_or(""),
        );
        let code: i32 = signed.parse().unwrap();
        let info =
            lookup(Family::UnifiedCm, code).unwrap_or_else(|| panic!("{hex} {constant} missing"));
        for form in [hex, signed, unsigned] {
            assert!(
                lookup_code_str(form).any(|i| std::ptr::eq(i, info)),
                "{form}"
            );
        }
        for name in [constant, reported].into_iter().filter(|n| !n.is_empty()) {
            assert!(
                lookup_symbol_all(name).any(|i| std::ptr::eq(i, info)),
                "{hex}: {name} does not find {}",
                info.symbol()
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 269);
}

#[test]
fn every_ctios_code_and_name_answers() {
    let table = rows(Family::Ctios);
    assert!(table.len() >= 68);
    for row in &table {
        let code = row.code.unwrap();
        let info = lookup(Family::Ctios, code).unwrap();
        assert_eq!(info.symbol(), row.symbol);
        assert!(lookup_code_str(&code.to_string()).any(|i| std::ptr::eq(i, info)));
        assert!(lookup_symbol_all(&row.symbol).any(|i| std::ptr::eq(i, info)));
    }
}
