//! A name is found if and only if, after normalisation, it equals a published symbol or alias.
//!
//! Every single-byte substitution, deletion, insertion and adjacent transposition of every
//! symbol and alias of every family is looked up and compared with an oracle: a `HashMap` built
//! here from the CSV files over normalised names. A near neighbour must never be answered.

mod common;

use common::{all_rows, names, spellings};
use finesse_errors::{Family, lookup_symbol, lookup_symbol_all};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// What identifies an entry: family, HTTP status (finesse_api), platform (reason_code), code
/// and symbol.
type Key = (Family, Option<u16>, Option<String>, Option<i32>, String);

/// Normalised name -> every entry that carries it, straight from the files.
static ORACLE: LazyLock<HashMap<String, BTreeSet<Key>>> = LazyLock::new(|| {
    let mut oracle: HashMap<String, BTreeSet<Key>> = HashMap::new();
    for (family, row) in all_rows() {
        for name in names(family, &row) {
            oracle.entry(normalize(&name)).or_default().insert((
                family,
                row.http_status,
                row.platform.clone(),
                row.code,
                row.symbol.clone(),
            ));
        }
    }
    oracle
});

/// The documented normalisation, written independently of `src/key.rs`: Unicode whitespace
/// trimmed and folded to one space, ASCII letters upper-cased, everything else kept.
fn normalize(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

fn expected(name: &str) -> BTreeSet<Key> {
    ORACLE.get(&normalize(name)).cloned().unwrap_or_default()
}

fn found(name: &str) -> BTreeSet<Key> {
    lookup_symbol_all(name)
        .map(|info| {
            (
                info.family(),
                info.http_status(),
                info.platform().map(|p| p.name().to_string()),
                info.code(),
                info.symbol().to_string(),
            )
        })
        .collect()
}

/// The characters a mutation puts in: printable ASCII, NUL, two non-ASCII characters
/// (U+0080 and U+00FF, whose UTF-8 forms begin with 0xC2 and 0xC3), and Unicode whitespace
/// beside a look-alike that is not whitespace (U+00A0 and U+3000; U+200B).
fn alphabet() -> Vec<char> {
    (0x20u8..=0x7e)
        .map(char::from)
        .chain(['\0', '\u{80}', '\u{ff}', '\u{a0}', '\u{3000}', '\u{200b}'])
        .collect()
}

/// Every single-character substitution, deletion, insertion and adjacent transposition.
fn near_misses(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let alphabet = alphabet();
    let mut out = Vec::new();
    let rebuild = |v: &[char]| v.iter().collect::<String>();
    for i in 0..chars.len() {
        for &c in &alphabet {
            if c != chars[i] {
                let mut v = chars.clone();
                v[i] = c;
                out.push(rebuild(&v));
            }
        }
        let mut v = chars.clone();
        v.remove(i);
        out.push(rebuild(&v));
        if i + 1 < chars.len() && chars[i] != chars[i + 1] {
            let mut v = chars.clone();
            v.swap(i, i + 1);
            out.push(rebuild(&v));
        }
    }
    for i in 0..=chars.len() {
        for &c in &alphabet {
            let mut v = chars.clone();
            v.insert(i, c);
            out.push(rebuild(&v));
        }
    }
    out
}

#[test]
fn every_near_miss_of_every_name_is_answered_exactly() {
    let mut checked = 0usize;
    let mut wrong = Vec::new();
    for (_, row) in all_rows() {
        for name in spellings(&row) {
            for candidate in near_misses(name) {
                checked += 1;
                let (want, got) = (expected(&candidate), found(&candidate));
                if want != got {
                    wrong.push(format!(
                        "{candidate:?} (from {name}): want {want:?}, got {got:?}"
                    ));
                }
            }
        }
    }
    assert!(checked > 100_000, "only {checked} near misses generated");
    assert!(
        wrong.is_empty(),
        "{} of {checked} near misses answered wrongly, e.g.:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(20)].join("\n")
    );
}

#[test]
fn the_reported_false_matches_are_gone() {
    for name in [
        "PERERR_CM_DEVICX_OUT_OF_SERVICE",
        "E_CTI_INVALID_DXSTRIBUTION_TYPE",
    ] {
        assert_eq!(lookup_symbol(name), None, "{name}");
    }
}

/// A name and the changes made to it.
fn mutated_name() -> impl Strategy<Value = String> {
    let names: Vec<String> = ORACLE.keys().cloned().collect();
    let edit = prop_oneof![
        (any::<prop::sample::Index>(), any::<char>()).prop_map(|(i, c)| (0u8, i, c)),
        (any::<prop::sample::Index>(), any::<char>()).prop_map(|(i, c)| (1u8, i, c)),
        any::<prop::sample::Index>().prop_map(|i| (2u8, i, ' ')),
        any::<prop::sample::Index>().prop_map(|i| (3u8, i, ' ')),
    ];
    (
        prop::sample::select(names),
        prop::collection::vec(edit, 0..4),
        any::<bool>(),
    )
        .prop_map(|(name, edits, lower)| {
            let mut chars: Vec<char> = if lower {
                name.to_ascii_lowercase().chars().collect()
            } else {
                name.chars().collect()
            };
            for (kind, at, c) in edits {
                let i = at.index(chars.len() + 1);
                match kind {
                    0 if i < chars.len() => chars[i] = c,
                    1 => chars.insert(i, c),
                    2 if i < chars.len() => {
                        chars.remove(i);
                    }
                    3 => chars.insert(i, if i % 2 == 0 { ' ' } else { '\t' }),
                    _ => {}
                }
            }
            chars.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn mutated_names_agree_with_the_oracle(name in mutated_name()) {
        prop_assert_eq!(found(&name), expected(&name), "{:?}", name);
    }

    #[test]
    fn random_names_agree_with_the_oracle(name in "[A-Za-z_ \t0-9().'-]{0,40}|\\PC{0,100}") {
        prop_assert_eq!(found(&name), expected(&name), "{:?}", name);
    }
}
