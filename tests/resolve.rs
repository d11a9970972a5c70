//! `resolve` against an oracle built here from the CSV files: every symbol, alias and
//! unprefixed constant of every entry, bare and qualified, finds exactly the entries the files
//! say carry it — every family that shares a name, never one picked by table order, never a
//! neighbour.

mod common;

use common::{all_rows, names, spellings};
use finesse_errors::{Family, Form, resolve};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// What identifies an entry: family, HTTP status, platform, code and symbol.
type Key = (Family, Option<u16>, Option<String>, Option<i32>, String);

/// The family prefixes as the tables' own documentation gives them (`data/README.md`), written
/// here independently of `src/family.rs`; longest first.
fn prefixes(family: Family) -> &'static [&'static str] {
    match family {
        Family::CtiStatus => &["E_CTI_", "E_"],
        Family::CtiControlFailure => &["CF_"],
        Family::Peripheral => &["PERERR_"],
        Family::MediaRouting => &["E_ARM_STAT_"],
        Family::UnifiedCm => &["CTIERR_"],
        Family::Ctios => &["E_CTIOS_", "CIL_"],
        Family::CtiEventCause => &["CECX_", "CEC_"],
        Family::CtiPgStatus => &["PGS_"],
        Family::CtiSystemEvent => &["SYS_"],
        Family::UccxError => &["CCX_"],
        Family::CucmCdrCause => &["CCM_SIP_"],
        _ => &[],
    }
}

fn bare(family: Family, name: &str) -> Option<&str> {
    prefixes(family)
        .iter()
        .find_map(|p| name.strip_prefix(p).filter(|rest| !rest.is_empty()))
}

struct Oracle {
    /// Upper-cased symbol or alias -> the entries that carry it.
    exact: BTreeMap<String, BTreeSet<Key>>,
    /// Upper-cased unprefixed symbol or alias -> the entries it stands for.
    loose: BTreeMap<String, BTreeSet<Key>>,
}

static ORACLE: LazyLock<Oracle> = LazyLock::new(|| {
    let mut oracle = Oracle {
        exact: BTreeMap::new(),
        loose: BTreeMap::new(),
    };
    for (family, row) in all_rows() {
        let key = row_key(family, &row);
        for name in names(family, &row) {
            let upper = name.to_ascii_uppercase();
            oracle.exact.entry(upper).or_default().insert(key.clone());
            if let Some(rest) = bare(family, &name) {
                let upper = rest.to_ascii_uppercase();
                oracle.loose.entry(upper).or_default().insert(key.clone());
            }
        }
    }
    oracle
});

fn row_key(family: Family, row: &common::CsvRow) -> Key {
    (
        family,
        row.http_status,
        row.platform.clone(),
        row.code,
        row.symbol.clone(),
    )
}

fn key_of(info: &finesse_errors::ErrorInfo) -> Key {
    (
        info.family(),
        info.http_status(),
        info.platform().map(|p| p.name().to_string()),
        info.code(),
        info.symbol().to_string(),
    )
}

/// What the oracle says a name stands for, bare: its exact entries, then the entries it is the
/// unprefixed form of.
fn expected(name: &str) -> BTreeSet<Key> {
    let upper = name.to_ascii_uppercase();
    let mut all = ORACLE.exact.get(&upper).cloned().unwrap_or_default();
    all.extend(ORACLE.loose.get(&upper).cloned().unwrap_or_default());
    all
}

/// The candidates' entries, each once: a second candidate for the same entry fails.
fn found(text: &str) -> BTreeSet<Key> {
    let all: Vec<Key> = resolve(text).map(|c| key_of(c.entry())).collect();
    let set: BTreeSet<Key> = all.iter().cloned().collect();
    assert_eq!(
        set.len(),
        all.len(),
        "{text}: an entry is a candidate twice: {all:?}"
    );
    set
}

#[test]
fn every_symbol_alias_and_unprefixed_constant_finds_exactly_its_entries() {
    let mut checked = 0;
    let names: BTreeSet<&String> = ORACLE.exact.keys().chain(ORACLE.loose.keys()).collect();
    for name in names {
        // A name that is also a code (none today) would add code candidates.
        assert_eq!(found(name), expected(name), "{name}");
        checked += 1;
    }
    assert!(checked > 1_500, "{checked} names checked");
}

#[test]
fn every_entry_is_found_by_its_bare_constant_and_never_only_by_another_family() {
    for (family, row) in all_rows() {
        for name in spellings(&row) {
            let Some(rest) = bare(family, name) else {
                continue;
            };
            let candidates: Vec<_> = resolve(rest).collect();
            assert!(
                candidates
                    .iter()
                    .any(|c| c.entry().family() == family && c.entry().symbol() == row.symbol),
                "{rest} does not find {}",
                row.symbol
            );
            // Its own entry is reached by the unprefixed form (or by a published bare alias).
            assert!(
                candidates
                    .iter()
                    .filter(|c| c.entry().symbol() == row.symbol)
                    .all(|c| matches!(c.form(), Form::Unprefixed | Form::Symbol))
            );
        }
    }
}

#[test]
fn qualified_names_are_read_after_the_class_and_a_known_class_narrows_the_family() {
    for (family, row) in all_rows() {
        for name in spellings(&row) {
            for qualifier in ["com.example.Codes", "Codes", "Outer$Codes"] {
                let text = format!("{qualifier}.{name}");
                let resolution = resolve(&text);
                assert_eq!(resolution.qualified_family(), None, "{text}");
                let all = found(&text);
                // An unknown class narrows nothing: every entry the bare name stands for.
                if !name.contains('.') && !name.contains(' ') && !name.contains(':') {
                    assert_eq!(all, expected(name), "{text}");
                }
            }
            if let Some(&class) = family.qualifiers().first() {
                let text = format!("{class}.{name}");
                let all = found(&text);
                assert!(!all.is_empty(), "{text}");
                assert!(all.iter().all(|k| k.0 == family), "{text}: {all:?}");
                if let Some(rest) = bare(family, name) {
                    let text = format!("{class}::{rest}");
                    assert!(found(&text).iter().all(|k| k.0 == family), "{text}");
                    assert!(found(&text).iter().any(|k| k.4 == row.symbol), "{text}");
                }
            }
        }
    }
}

#[test]
fn the_named_cases_of_client_libraries() {
    let families = |text: &str| -> BTreeSet<Family> { found(text).iter().map(|k| k.0).collect() };
    assert!(families("TIMEOUT").is_superset(&[Family::CtiStatus, Family::UnifiedCm].into()));
    assert!(
        families("DEVICE_RESTRICTED").is_superset(
            &[
                Family::CtiControlFailure,
                Family::UnifiedCm,
                Family::ReasonCode
            ]
            .into()
        )
    );
    assert_eq!(
        resolve("INVALID_AGENT_WORKMODE")
            .unique()
            .map(|e| e.symbol()),
        Some("CF_INVALID_AGENT_WORKMODE")
    );
    assert_eq!(
        resolve("AGENT_NOT_LOGGED_ON")
            .next()
            .map(|c| c.entry().code()),
        Some(Some(9))
    );
    assert_eq!(
        resolve("CiscoJtapiException.CTIERR_TIMEOUT")
            .unique()
            .map(|e| e.family()),
        Some(Family::UnifiedCm)
    );
    assert_eq!(
        resolve("CiscoTermRegistrationFailedEv.MEDIA_ALREADY_TERMINATED_STATIC")
            .unique()
            .map(|e| e.symbol()),
        Some("CTIERR_MEDIA_ALREADY_TERMINATED_STATIC")
    );
    // A known class of another family: nothing, rather than a different family's entry.
    assert_eq!(
        resolve("CiscoJtapiException.INVALID_AGENT_WORKMODE").count(),
        0
    );
}

#[test]
fn a_bare_number_lists_every_family_that_defines_it() {
    for code in [0, 3, 16, 22, 265] {
        let text = code.to_string();
        let want: BTreeSet<Key> = all_rows()
            .into_iter()
            .filter(|(_, row)| row.code == Some(code))
            .map(|(family, row)| row_key(family, &row))
            .collect();
        assert_eq!(found(&text), want, "{code}");
        assert!(resolve(&text).all(|c| c.form() == Form::Code));
    }
}

/// `CF_INVALID_AGENT_WORKMODE` as a CamelCase print: `CfInvalidAgentWorkmode`.
fn camel(name: &str) -> String {
    name.split('_')
        .map(|word| {
            let lower = word.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

#[test]
fn camel_case_prints_find_their_entries_ignoring_case_and_underscores() {
    // The oracle: every name and unprefixed name without its underscores.
    let mut squashed: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
    for (family, row) in all_rows() {
        let key = row_key(family, &row);
        for name in spellings(&row) {
            if name.contains(' ') {
                continue;
            }
            for form in std::iter::once(name).chain(bare(family, name)) {
                let upper = form.to_ascii_uppercase().replace('_', "");
                squashed.entry(upper).or_default().insert(key.clone());
            }
        }
    }
    let mut checked = 0;
    for (family, row) in all_rows() {
        for name in spellings(&row) {
            for form in std::iter::once(name).chain(bare(family, name)) {
                let text = camel(form);
                let mixed = text.bytes().any(|b| b.is_ascii_lowercase())
                    && text.bytes().any(|b| b.is_ascii_uppercase());
                if !mixed || !text.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    continue;
                }
                let resolution = resolve(&text);
                if !resolution.camel_case() {
                    // An earlier step answered (the text is itself a published name).
                    assert!(!expected(&text).is_empty(), "{text}");
                    continue;
                }
                let want = &squashed[&text.to_ascii_uppercase()];
                assert_eq!(&found(&text), want, "{text}");
                assert!(
                    resolve(&text).all(|c| c.form() == Form::CamelCase),
                    "{text}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1_000, "{checked}");
    // Haskell's constructor capitalises a word Cisco runs together: still one entry.
    assert_eq!(
        resolve("CFInvalidAgentWorkMode")
            .unique()
            .and_then(|e| e.code()),
        Some(265)
    );
    assert_eq!(
        resolve("ECtiInvalidCsd").unique().and_then(|e| e.code()),
        Some(93)
    );
}

#[test]
fn names_broken_after_an_underscore_are_read_joined() {
    assert_eq!(
        resolve("E_CTI_INVALID_ VERSION")
            .unique()
            .map(|e| e.symbol()),
        resolve("E_CTI_INVALID_VERSION")
            .unique()
            .map(|e| e.symbol())
    );
    assert!(resolve("E_CTI_INVALID_ VERSION").unique().is_some());
}
