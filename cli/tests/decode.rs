//! `finesse-errors decode`: PGStatus flags and composite CDR causes, text and JSON, and the
//! exit statuses.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_finesse-errors"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run finesse-errors")
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn a_pg_status_decodes_into_its_flags_in_any_written_form() {
    for form in ["0x3", "3", "0X00000003"] {
        let v = json(&["decode", "pg-status", form, "--format", "json"]);
        let flags: Vec<&str> = v["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["symbol"].as_str().unwrap())
            .collect();
        assert_eq!(flags, ["PGS_OPC_DOWN", "PGS_CC_DOWN"], "{form}");
        assert_eq!(v["unknown_bits"], 0);
    }
    let v = json(&["decode", "pg-status", "0x80000010", "--format", "json"]);
    assert_eq!(v["unknown_bits"], 0x8000_0000_u32);
    assert_eq!(v["flags"][0]["symbol"], "PGS_LIMITED_FUNCTION");
    let v = json(&["decode", "pg-status", "0", "--format", "json"]);
    assert_eq!(v["normal"], true);
}

#[test]
fn only_unknown_bits_is_nothing_known() {
    let out = run(&["decode", "pg-status", "0x80000000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("unknown bits 0x80000000"));
}

#[test]
fn a_cdr_cause_decodes_listed_or_not() {
    // Unlisted: SIP 486 over Q.850 31.
    let v = json(&["decode", "cdr-cause", "1174405151", "--format", "json"]);
    assert_eq!(v["entry"], serde_json::Value::Null);
    assert_eq!(v["sip"]["status"], 486);
    assert_eq!(v["q850"]["code"], 31);
    // The signed form some tools print, and hex, are the same value.
    for form in ["-1493172161", "0xA700003F", "2801795135"] {
        let v = json(&["decode", "cdr-cause", form, "--format", "json"]);
        assert_eq!(v["value"], 2_801_795_135_u32, "{form}");
        assert_eq!(v["sip"]["status"], 503, "{form}");
        assert!(
            v["entry"]["symbol"]
                .as_str()
                .unwrap()
                .starts_with("CCM_SIP_503")
        );
    }
}

#[test]
fn bad_values_are_exit_2() {
    for value in ["xyz", "0x1_0000_0000", "99999999999"] {
        let out = run(&["decode", "cdr-cause", value]);
        assert_eq!(out.status.code(), Some(2), "{value}");
    }
}

/// `lookup` in a decoding family answers a value no entry holds the way `decode` does: a
/// PGStatus set by its flags, an unlisted composite by its parts. Without a family the value
/// stays unknown (exit 1), with a hint for a composite-shaped number.
#[test]
fn lookup_in_a_decoding_family_decodes_what_no_entry_holds() {
    let lookup = json(&[
        "lookup",
        "0x3",
        "--family",
        "cti_pg_status",
        "--format",
        "json",
    ]);
    let decode = json(&["decode", "pg-status", "0x3", "--format", "json"]);
    assert_eq!(lookup, decode);
    let lookup = json(&[
        "lookup",
        "1157628031",
        "--family",
        "cucm_cdr_cause",
        "--format",
        "json",
    ]);
    assert_eq!(lookup["sip"]["status"], 485);
    assert_eq!(lookup["q850"]["code"], 127);
    assert!(lookup["entry"].is_null());
    // A listed value is still the entry, as any lookup answers it.
    let listed = json(&[
        "lookup",
        "17",
        "--family",
        "cucm_cdr_cause",
        "--format",
        "json",
    ]);
    assert_eq!(listed[0]["code"], 17);
    // Only unknown bits: nothing known, exit 1.
    let out = run(&["lookup", "0x80000000", "--family", "cti_pg_status"]);
    assert_eq!(out.status.code(), Some(1));
    // No family: unknown, with the hint in text and nothing added to JSON.
    let out = run(&["lookup", "1157628031"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--family cucm_cdr_cause"), "{text}");
    let out = run(&["lookup", "1157628031", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
}
