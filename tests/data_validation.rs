//! The build's data validation (`build/schema.rs`, compiled here too) rejects every kind of
//! malformed row with `file:line: what is wrong`, and accepts the real tables.

#[allow(dead_code)]
#[path = "../build/schema.rs"]
mod schema;

use schema::vocab::Family;

const CODE_HEADER: &str =
    "code,symbol,aliases,category,retry,layer,message,remediation,source,note,evidence,twin\n";
const FINESSE_HEADER: &str = "http_status,code,symbol,aliases,category,retry,layer,message,remediation,source,note,evidence,twin\n";
const GOOD_ROW: &str = "16,E_CTI_TIMEOUT,,timeout,after_delay,cti_server,The CTI Server gave up waiting.,Retry with backoff and check the PG.,cti-smrg-15.0,,documented,\n";

/// Validates `rows` under `header` and returns the single error it must produce.
fn single_error(family: Family, header: &str, rows: &[u8]) -> String {
    let mut text = header.as_bytes().to_vec();
    text.extend_from_slice(rows);
    let errors =
        schema::parse(family, "data/fixture.csv", &text).expect_err("fixture must be rejected");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap()
}

fn assert_rejected(family: Family, header: &str, rows: &str, line: u32, what: &str) {
    let error = single_error(family, header, rows.as_bytes());
    let prefix = format!("data/fixture.csv:{line}: ");
    assert!(
        error.starts_with(&prefix),
        "{error:?} should start with {prefix:?}"
    );
    assert!(error.contains(what), "{error:?} should mention {what:?}");
}

#[test]
fn a_good_row_is_accepted() {
    let rows = schema::parse(
        Family::CtiStatus,
        "x",
        format!("{CODE_HEADER}{GOOD_ROW}").as_bytes(),
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].code, Some(16));
    assert_eq!(rows[0].line, 2);
}

#[test]
fn duplicate_code() {
    let rows = format!(
        "{GOOD_ROW}{}",
        GOOD_ROW.replace("E_CTI_TIMEOUT", "E_CTI_OTHER")
    );
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        3,
        "duplicate code 16 (first on line 2)",
    );
}

#[test]
fn duplicate_symbol_ignores_case() {
    let rows = format!(
        "{GOOD_ROW}{}",
        GOOD_ROW
            .replace("16,", "17,")
            .replace("E_CTI_TIMEOUT", "e_cti_timeout".to_uppercase().as_str())
    );
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        3,
        "duplicate symbol `E_CTI_TIMEOUT`",
    );
}

#[test]
fn alias_clashing_with_a_symbol() {
    let rows = format!(
        "{GOOD_ROW}{}",
        GOOD_ROW.replace("16,E_CTI_TIMEOUT,", "17,E_CTI_LATE,E_CTI_TIMEOUT")
    );
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        3,
        "duplicate symbol `E_CTI_TIMEOUT`",
    );
}

#[test]
fn finesse_duplicates_are_per_status() {
    let row = "400,,Invalid State,,state,after_state_change,finesse,The state does not allow it.,Re-read the user state first.,finesse-api-errors,,documented,\n";
    let same_status = format!("{row}{}", row.replace("Invalid State", "invalid state"));
    assert_rejected(
        Family::FinesseApi,
        FINESSE_HEADER,
        &same_status,
        3,
        "duplicate symbol `invalid state` for HTTP 400",
    );
    let other_status = format!("{row}{}", row.replacen("400", "401", 1));
    let text = format!("{FINESSE_HEADER}{other_status}");
    assert_eq!(
        schema::parse(Family::FinesseApi, "x", text.as_bytes())
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn unknown_retry() {
    let rows = GOOD_ROW.replace("after_delay", "sometimes");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        2,
        "unknown retry `sometimes`",
    );
}

#[test]
fn unknown_category() {
    let rows = GOOD_ROW.replace("timeout,", "slow,");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        2,
        "unknown category `slow`",
    );
}

#[test]
fn unknown_layer() {
    let rows = GOOD_ROW.replace("cti_server", "the_cloud");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        2,
        "unknown layer `the_cloud`",
    );
}

#[test]
fn unknown_source_key() {
    let rows = GOOD_ROW.replace("cti-smrg-15.0", "a-blog");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        2,
        "unknown source key `a-blog`",
    );
}

#[test]
fn empty_message() {
    let rows = GOOD_ROW.replace("The CTI Server gave up waiting.", "");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        2,
        "`message` is empty",
    );
}

#[test]
fn empty_remediation() {
    let rows = GOOD_ROW.replace("Retry with backoff and check the PG.", "  ");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        2,
        "`remediation` is empty",
    );
}

#[test]
fn message_must_be_a_sentence() {
    let rows = GOOD_ROW.replace("waiting.", "waiting");
    assert_rejected(Family::CtiStatus, CODE_HEADER, &rows, 2, "ending with `.`");
}

#[test]
fn symbol_not_matching_its_family() {
    let rows = GOOD_ROW.replace("E_CTI_TIMEOUT", "CF_TIMEOUT");
    assert_rejected(
        Family::CtiControlFailure,
        CODE_HEADER,
        &rows.replace("CF_TIMEOUT", "E_CTI_TIMEOUT"),
        2,
        "does not match `CF_[A-Z0-9_]+`",
    );
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &GOOD_ROW.replace("E_CTI_TIMEOUT", "e_cti_timeout"),
        2,
        "does not match `E_[A-Z0-9_]+`",
    );
    assert_rejected(
        Family::Peripheral,
        CODE_HEADER,
        &rows,
        2,
        "does not match `PERERR_[A-Z0-9_]+`",
    );
    assert_rejected(
        Family::MediaRouting,
        CODE_HEADER,
        &rows,
        2,
        "does not match `E_ARM_STAT_[A-Z0-9_]+`",
    );
    let finesse = "400,,Invalid  State,,state,after_state_change,finesse,The state does not allow it.,Re-read the user state first.,finesse-api-errors,,documented,\n";
    assert_rejected(
        Family::FinesseApi,
        FINESSE_HEADER,
        finesse,
        2,
        "is not a Finesse error type",
    );
}

#[test]
fn empty_symbol_only_for_peripheral() {
    let rows = GOOD_ROW.replace("E_CTI_TIMEOUT", "");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        2,
        "`symbol` is empty",
    );
    let text = format!(
        "{CODE_HEADER}{}",
        rows.replace("cti_server", "peripheral_gateway")
    );
    assert!(schema::parse(Family::Peripheral, "x", text.as_bytes()).is_ok());
}

#[test]
fn wrong_column_count() {
    let rows = GOOD_ROW.replace(",cti-smrg-15.0,", ",cti-smrg-15.0,,extra");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        2,
        "wrong column count: expected 12, found 13",
    );
}

#[test]
fn wrong_header() {
    let header = CODE_HEADER.replace("retry", "retryable");
    assert_rejected(Family::CtiStatus, &header, GOOD_ROW, 1, "wrong header");
    assert_rejected(Family::FinesseApi, CODE_HEADER, "", 1, "wrong header");
}

#[test]
fn bad_numbers() {
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &GOOD_ROW.replace("16,", "0x10,"),
        2,
        "bad number in `code`: `0x10`",
    );
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &GOOD_ROW.replace("16,", "99999999999,"),
        2,
        "bad number in `code`",
    );
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &GOOD_ROW.replace("16,", ","),
        2,
        "`code` is empty",
    );
    let finesse = "4OO,,Invalid State,,state,after_state_change,finesse,The state does not allow it.,Re-read the user state first.,finesse-api-errors,,documented,\n";
    assert_rejected(
        Family::FinesseApi,
        FINESSE_HEADER,
        finesse,
        2,
        "bad number in `http_status`: `4OO`",
    );
    let finesse = finesse.replace("4OO", "700");
    assert_rejected(
        Family::FinesseApi,
        FINESSE_HEADER,
        &finesse,
        2,
        "bad number in `http_status`: `700`",
    );
}

#[test]
fn non_utf8() {
    let mut rows = GOOD_ROW.as_bytes().to_vec();
    let at = rows.iter().position(|&b| b == b'T').unwrap();
    rows[at] = 0xff;
    let error = single_error(Family::CtiStatus, CODE_HEADER, &rows);
    assert!(error.starts_with("data/fixture.csv:2: "), "{error}");
    assert!(error.contains("not valid UTF-8"), "{error}");
}

#[test]
fn line_breaks_inside_fields() {
    let rows = GOOD_ROW.replace(
        "The CTI Server gave up waiting.",
        "\"The CTI Server gave up\nwaiting.\"",
    );
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &rows,
        2,
        "line break, tab or NUL",
    );
}

#[test]
fn too_long_texts() {
    let long = format!("{}.", "x".repeat(250));
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &GOOD_ROW.replace("The CTI Server gave up waiting.", &long),
        2,
        "expected 10..=200",
    );
}

#[test]
fn every_problem_of_a_file_is_reported() {
    let rows = format!(
        "{}{}",
        GOOD_ROW.replace("after_delay", "x"),
        GOOD_ROW
            .replace("16,E_CTI_TIMEOUT", "17,E_CTI_OTHER")
            .replace("timeout,", "y,")
    );
    let text = format!("{CODE_HEADER}{rows}");
    let errors = schema::parse(Family::CtiStatus, "data/fixture.csv", text.as_bytes()).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with("data/fixture.csv:2:"));
    assert!(errors[1].starts_with("data/fixture.csv:3:"));
}

#[test]
fn the_real_tables_are_valid() {
    for &family in Family::ALL {
        let path = format!(
            "{}/data/{}",
            env!("CARGO_MANIFEST_DIR"),
            schema::file_name(family)
        );
        let bytes = std::fs::read(&path).unwrap();
        let rows =
            schema::parse(family, &path, &bytes).unwrap_or_else(|e| panic!("{}", e.join("\n")));
        assert!(!rows.is_empty(), "{path}");
    }
}

#[test]
fn evidence_must_be_a_known_level() {
    let row = GOOD_ROW.replace(",documented,", ",guessed,");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &row,
        2,
        "unknown evidence `guessed`",
    );
    let empty = GOOD_ROW.replace(",documented,", ",,");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &empty,
        2,
        "unknown evidence ``",
    );
}

#[test]
fn observed_needs_a_live_payload_source() {
    let row = GOOD_ROW.replace(",documented,", ",observed,");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &row,
        2,
        "needs the source key `live-payload`",
    );
    let cited = row.replace("cti-smrg-15.0", "live-payload");
    let rows = schema::parse(
        Family::CtiStatus,
        "x",
        format!("{CODE_HEADER}{cited}").as_bytes(),
    );
    assert!(rows.is_ok(), "{rows:?}");
}

#[test]
fn a_twin_is_family_colon_key() {
    let row = GOOD_ROW.replace(",documented,", ",documented,0x8CCC0004");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &row,
        2,
        "is not `family:key`",
    );
    let row = GOOD_ROW.replace(",documented,", ",documented,jtapi:0x8CCC0004");
    assert_rejected(
        Family::CtiStatus,
        CODE_HEADER,
        &row,
        2,
        "is not `family:key`",
    );
    let row = GOOD_ROW.replace(",documented,", ",documented,unified_cm:0x8CCC0004");
    let rows = schema::parse(
        Family::CtiStatus,
        "x",
        format!("{CODE_HEADER}{row}").as_bytes(),
    );
    assert_eq!(rows.unwrap()[0].twin, "unified_cm:0x8CCC0004");
}
