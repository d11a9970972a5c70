//! Twins: the same underlying error in two families. The build's twin check
//! (`build/twins.rs`, compiled here too) refuses a broken pair, and the compiled tables show
//! each pair from both sides.

#[allow(dead_code)]
#[path = "../build/schema.rs"]
mod schema;

#[allow(dead_code)]
#[path = "../build/recovery.rs"]
mod recovery;

#[path = "../build/twins.rs"]
mod twins;

use finesse_errors::{Family, all, lookup, parse_code};
use schema::vocab::Family as BuildFamily;

const HEADER: &str =
    "code,symbol,aliases,category,retry,layer,message,remediation,source,note,evidence,twin\n";

fn rows(family: BuildFamily, body: &str) -> Vec<schema::Row> {
    schema::parse(
        family,
        "data/fixture.csv",
        format!("{HEADER}{body}").as_bytes(),
    )
    .unwrap()
}

fn pg(retry: &str, note: &str, twin: &str) -> Vec<schema::Row> {
    rows(
        BuildFamily::Peripheral,
        &format!(
            "20004,PERERR_CM_ILLEGAL_HANDLE,,not_found,{retry},unified_cm,The handle is unknown to Unified CM.,Re-read the call and use its current id.,tn26142,{note},documented,{twin}\n"
        ),
    )
}

fn jtapi(twin: &str) -> Vec<schema::Row> {
    rows(
        BuildFamily::UnifiedCm,
        &format!(
            "0x8CCC0004,CTIERR_ILLEGAL_HANDLE,,not_found,never,unified_cm,The handle is unknown to Unified CM.,Re-read the call and use its current id.,jtapi-15,,documented,{twin}\n"
        ),
    )
}

#[test]
fn a_pair_that_names_each_other_and_agrees_is_accepted() {
    let mut all = pg("never", "", "unified_cm:0x8CCC0004");
    all.extend(jtapi("peripheral:20004"));
    assert_eq!(twins::resolve(&all).unwrap(), [Some(1), Some(0)]);
}

#[test]
fn a_twin_must_exist_and_name_this_row_back() {
    let mut all = pg("never", "", "unified_cm:0x8CCC0005");
    all.extend(jtapi("peripheral:20004"));
    let errors = twins::resolve(&all).unwrap_err();
    assert!(errors[0].contains("names no row"), "{errors:?}");

    let mut all = pg("never", "", "unified_cm:0x8CCC0004");
    all.extend(jtapi(""));
    let errors = twins::resolve(&all).unwrap_err();
    assert!(
        errors[0].contains("does not name this row back"),
        "{errors:?}"
    );
}

#[test]
fn twins_that_disagree_need_the_reason_in_the_note() {
    let mut all = pg("after_state_change", "", "unified_cm:0x8CCC0004");
    all.extend(jtapi("peripheral:20004"));
    let errors = twins::resolve(&all).unwrap_err();
    assert!(
        errors[0].starts_with("data/peripheral.csv:2: "),
        "{errors:?}"
    );
    assert!(
        errors[0].contains("disagree on retry or category"),
        "{errors:?}"
    );

    let mut all = pg(
        "after_state_change",
        "Twin differs: the PG's clients see the call again.",
        "unified_cm:0x8CCC0004",
    );
    all.extend(jtapi("peripheral:20004"));
    // Each side of a disagreeing pair says why: the JTAPI row still lacks its reason.
    let errors = twins::resolve(&all).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("data/unified_cm.csv:2: "),
        "{errors:?}"
    );
}

/// The peripheral family's twin rule (`PERERR_CM_X` is JTAPI's `CTIERR_X`): a pair named
/// alike that is not twinned fails the build, from the side the rule is written on.
#[test]
fn a_pair_the_twin_rule_names_must_be_twins() {
    let mut all = pg("never", "", "");
    all.extend(jtapi(""));
    let errors = twins::resolve(&all).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("data/peripheral.csv:2: ")
            && errors[0].contains("twin rule")
            && errors[0].contains("unified_cm:0x8CCC0004"),
        "{errors:?}"
    );
    // Named alike through an alias counts too.
    let mut all = pg("never", "", "");
    all.extend(rows(
        BuildFamily::UnifiedCm,
        "0x8CCC0004,CTIERR_BAD_HANDLE,CTIERR_ILLEGAL_HANDLE,not_found,never,unified_cm,The handle is unknown to Unified CM.,Re-read the call and use its current id.,jtapi-15,,documented,\n",
    ));
    assert!(twins::resolve(&all).is_err());
}

#[test]
fn every_twin_in_the_tables_points_back_and_agrees_or_says_why() {
    let mut pairs = 0;
    for info in all() {
        let Some(twin) = info.twin() else { continue };
        pairs += 1;
        assert_ne!(twin.family(), info.family(), "{info}");
        assert_eq!(twin.twin(), Some(info), "{info} -> {twin}");
        let agrees = twin.retry() == info.retry() && twin.category() == info.category();
        let says_why = info
            .note()
            .is_some_and(|n| n.to_ascii_lowercase().contains(twins::DIFFERS));
        assert!(agrees || says_why, "{info} disagrees with {twin}");
    }
    assert!(pairs >= 2 * 77, "only {pairs} entries have a twin");
}

/// The PG's `PERERR_CM_*` 20000 + n and JTAPI's 0x8CCC00nn of the same name are twins; 20117
/// is not, because JTAPI puts another error on 0x8CCC0075.
#[test]
fn pg_unified_cm_codes_pair_with_the_jtapi_code_of_the_same_name() {
    let mut named_alike = 0;
    for pg in finesse_errors::entries(Family::Peripheral) {
        let Some(code @ 20001..=20199) = pg.code() else {
            continue;
        };
        let hex = format!("0x{:08X}", 0x8CCC_0000 + (code - 20000) as u32);
        let Some(jtapi) =
            parse_code(Family::UnifiedCm, &hex).and_then(|c| lookup(Family::UnifiedCm, c))
        else {
            continue;
        };
        let bare = pg.symbol().trim_start_matches("PERERR_CM_");
        let same_name = std::iter::once(jtapi.symbol())
            .chain(jtapi.aliases())
            .any(|s| s.trim_start_matches("CTIERR_") == bare);
        if same_name {
            named_alike += 1;
            assert_eq!(pg.twin(), Some(jtapi), "{pg}");
        } else {
            assert_eq!(pg.twin(), None, "{pg} is not {jtapi}");
        }
    }
    assert_eq!(named_alike, 77);
    let off = lookup(Family::Peripheral, 20117).unwrap();
    assert_eq!(off.symbol(), "PERERR_CM_CFWDALL_ALREADY_OFF");
    assert!(off.twin().is_none());
}
