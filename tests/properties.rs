//! Property tests: arbitrary input never panics, lookups agree with an oracle built from the
//! CSV files, and every case variant of every symbol resolves.

mod common;

use common::{all_rows, spellings};
use finesse_errors::{
    ErrorInfo, Family, KeyKind, finesse_error, lookup, lookup_symbol, lookup_symbol_all,
};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// (family, code) -> symbol, straight from the files.
static CODES: LazyLock<HashMap<(Family, i32), String>> = LazyLock::new(|| {
    all_rows()
        .into_iter()
        .filter_map(|(family, row)| row.code.map(|code| ((family, code), row.symbol)))
        .collect()
});

/// Every spelling (upper-cased) of every row, with the row's family and status.
static NAMES: LazyLock<Vec<(String, Family, Option<u16>)>> = LazyLock::new(|| {
    all_rows()
        .iter()
        .flat_map(|(family, row)| {
            spellings(row)
                .into_iter()
                .map(|s| (s.to_string(), *family, row.http_status))
                .collect::<Vec<_>>()
        })
        .collect()
});

static UPPER_NAMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    NAMES
        .iter()
        .map(|(n, _, _)| n.to_ascii_uppercase())
        .collect()
});

fn family() -> impl Strategy<Value = Family> {
    prop::sample::select(Family::ALL.to_vec())
}

fn check_symbol_result(input: &str, found: Option<&ErrorInfo>) {
    let normalized = input
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase();
    let known = UPPER_NAMES.contains(&normalized);
    assert_eq!(found.is_some(), known, "{input:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn any_code_agrees_with_the_files(family in family(), code in any::<i32>()) {
        let found = lookup(family, code);
        let stored = match family.key_kind() {
            KeyKind::Word16 if (-0x8000..0).contains(&code) => code + 0x1_0000,
            _ => code,
        };
        let expected = CODES.get(&(family, stored));
        prop_assert_eq!(found.map(|i| i.symbol().to_string()), expected.cloned());
        if let Some(info) = found {
            prop_assert_eq!(info.code(), Some(stored));
            prop_assert_eq!(info.family(), family);
        }
    }

    #[test]
    fn codes_near_published_ones_agree_with_the_files(
        family in family(),
        base in prop::sample::select(vec![-1i32, 0, 98, 110, 256, 293, 1001, 1016, 10001, 13036, 20000, 24095]),
        offset in -40i32..40,
    ) {
        let code = base + offset;
        // A 16-bit field's signed form is its unsigned value (-1 is 65535).
        let stored = match family.key_kind() {
            KeyKind::Word16 if (-0x8000..0).contains(&code) => code + 0x1_0000,
            _ => code,
        };
        prop_assert_eq!(lookup(family, code).is_some(), CODES.contains_key(&(family, stored)));
    }

    #[test]
    fn any_string_never_panics(s in any::<String>()) {
        check_symbol_result(&s, lookup_symbol(&s));
        let _ = finesse_error(400, &s);
    }

    #[test]
    fn huge_and_odd_strings_never_panic(
        s in "(\\PC|\\s){0,300}",
        repeat in 1usize..50,
    ) {
        let long = s.repeat(repeat);
        check_symbol_result(&long, lookup_symbol(&long));
        let _ = finesse_error(503, &long);
    }

    #[test]
    fn every_case_variant_resolves(
        index in any::<prop::sample::Index>(),
        flips in prop::collection::vec(any::<bool>(), 100),
        pad_left in "[ \\t\\n]{0,3}",
        pad_right in "[ \\t\\n]{0,3}",
    ) {
        let (name, family, status) = &NAMES[index.index(NAMES.len())];
        let varied: String = name
            .chars()
            .zip(flips.iter().cycle())
            .map(|(c, &flip)| if flip { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() })
            .collect();
        let input = format!("{pad_left}{varied}{pad_right}");
        let found: Vec<&ErrorInfo> = lookup_symbol_all(&input)
            .filter(|i| i.family() == *family && i.http_status() == *status)
            .collect();
        // One entry, unless the name is shared within its family on purpose (an XMPP condition
        // of several kinds, a reason-code label on two codes): then every one of them.
        let expected = NAMES
            .iter()
            .filter(|(n, f, s)| n.eq_ignore_ascii_case(name) && f == family && s == status)
            .count();
        prop_assert_eq!(found.len(), expected, "{:?}", input);
        if let Some(status) = status {
            prop_assert!(finesse_error(*status, &input).is_some(), "{:?}", input);
        }
    }

    #[test]
    fn a_changed_symbol_is_not_found(
        index in any::<prop::sample::Index>(),
        extra in "[A-Z_0-9]{1,4}",
    ) {
        let (name, _, _) = &NAMES[index.index(NAMES.len())];
        let changed = format!("{name}{extra}");
        check_symbol_result(&changed, lookup_symbol(&changed));
    }
}
