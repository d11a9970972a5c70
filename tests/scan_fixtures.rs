//! `scan` on one fixture per log layout (written for these tests, invented values), and on
//! the look-alikes that must give nothing.
#![cfg(feature = "scan")]

use finesse_errors::scan::{Finding, How, Match, scan};
use finesse_errors::{Family, all};

/// What one expected match is: its line, its text, how it was read and the symbol (or
/// `family:code` for an entry without one) of every entry, or `?family` when unknown.
type Expected = (u64, &'static str, How, &'static [&'static str]);

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/logs/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn describe(m: &Match<'_>) -> Vec<String> {
    match &m.finding {
        Finding::Unknown(family) => vec![format!("?{family}")],
        Finding::Diagnosis(d) => vec![format!(
            "diagnosis:{}",
            d.verdict.basis.map_or("-", |link| link.info.symbol())
        )],
        _ => m
            .entries()
            .map(|i| match i.symbol() {
                "" => format!("{}:{}", i.family(), i.code().unwrap_or_default()),
                s => s.to_string(),
            })
            .collect(),
    }
}

fn check(name: &str, expected: &[Expected]) {
    let data = read(name);
    let found: Vec<_> = scan(&data).collect();
    let got: Vec<(u64, String, How, Vec<String>)> = found
        .iter()
        .map(|m| {
            (
                m.line_number,
                String::from_utf8_lossy(m.text()).into_owned(),
                m.how,
                describe(m),
            )
        })
        .collect();
    let want: Vec<(u64, String, How, Vec<String>)> = expected
        .iter()
        .map(|&(line, text, how, entries)| {
            (
                line,
                text.to_string(),
                how,
                entries.iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}");
    // Offsets and spans agree with the input.
    for m in &found {
        let at = m.offset() as usize;
        assert_eq!(&data[at..at + m.text().len()], m.text(), "{name}");
        let line_start = m.line_offset as usize;
        assert_eq!(&data[line_start..line_start + m.line.len()], m.line);
        assert!(!m.line.contains(&b'\n'));
    }
}

#[test]
fn finesse_webservices() {
    check(
        "finesse_webservices.log",
        &[
            (
                2,
                "CF_INVALID_AGENT_WORKMODE",
                How::Symbol,
                &["CF_INVALID_AGENT_WORKMODE"],
            ),
            // ErrorData read in the family the line's ErrorMessage names.
            (
                3,
                "ErrorData=265",
                How::Field,
                &["CF_INVALID_AGENT_WORKMODE"],
            ),
            (
                3,
                "CF_INVALID_AGENT_WORKMODE",
                How::Symbol,
                &["CF_INVALID_AGENT_WORKMODE"],
            ),
            // Line 4: state enums and eventReasonCode=0 are no codes.
            (
                5,
                "peripheralErrorCode=10125",
                How::Field,
                &["PERERR_TELDRIVE_NODEVICETARGETFORNETTARGETID"],
            ),
            (
                6,
                "E_CTI_NEWER_THAN_THIS_RELEASE",
                How::Symbol,
                &["?cti_status"],
            ),
            (
                7,
                "<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType><ErrorMessage>CF_INVALID_AGENT_WORKMODE</ErrorMessage><ErrorData>265</ErrorData></ApiError></ApiErrors>",
                How::Response,
                &["diagnosis:CF_INVALID_AGENT_WORKMODE"],
            ),
            (
                8,
                "&lt;Update&gt;&lt;data&gt;&lt;apiErrors&gt;&lt;apiError&gt;&lt;errorType&gt;Invalid State&lt;/errorType&gt;&lt;errorMessage&gt;CF_INVALID_AGENT_WORKMODE&lt;/errorMessage&gt;&lt;errorData&gt;265&lt;/errorData&gt;&lt;/apiError&gt;&lt;/apiErrors&gt;&lt;/data&gt;&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;",
                How::Response,
                &["diagnosis:CF_INVALID_AGENT_WORKMODE"],
            ),
        ],
    );
}

#[test]
fn finesse_desktop_json_is_one_diagnosis_with_its_status() {
    let data = read("finesse_desktop.log");
    let found: Vec<_> = scan(&data).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let Finding::Diagnosis(d) = &found[0].finding else {
        panic!("not a diagnosis: {:?}", found[0]);
    };
    assert_eq!(d.http_status, Some(400));
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.errors[0].error_data.as_deref(), Some("4047"));
    assert_eq!(
        d.errors[0].error_message.as_deref(),
        Some("PERERR_CALL_NOT_FOUND")
    );
    assert!(found[0].text().starts_with(b"<Update>"));
    assert!(found[0].text().ends_with(b"Update>"));
    assert_eq!(found[0].how, How::Response);
}

#[test]
fn cti_server() {
    check(
        "ctisvr.log",
        &[
            (
                1,
                "E_CTI_INVALID_MONITOR_STATUS",
                How::Symbol,
                &["E_CTI_INVALID_MONITOR_STATUS"],
            ),
            (
                3,
                "CF_INVALID_DESTINATION",
                How::Symbol,
                &["CF_INVALID_DESTINATION"],
            ),
            (
                4,
                "PeripheralErrorCode:12004",
                How::Field,
                &["peripheral:12004"],
            ),
        ],
    );
}

#[test]
fn pg_pim_trace() {
    check(
        "pim.log",
        &[
            // `Cause = EC_NEW_CALL`: the CTI EventCause in the CSTA spelling PIM traces print;
            // `Duration` is no field.
            (2, "EC_NEW_CALL", How::Symbol, &["CEC_NEW_CALL"]),
            (5, "CF_NO_ACTIVE_CALL", How::Symbol, &["CF_NO_ACTIVE_CALL"]),
            (
                6,
                "PeripheralErrorCode = 10040",
                How::Field,
                &["?peripheral"],
            ),
        ],
    );
}

#[test]
fn ctios_family_comes_from_the_event_name() {
    check(
        "ctios.log",
        &[
            // 256 is a CF code because of eControlFailureConf on the next line.
            (
                1,
                "FailureCode:256",
                How::Field,
                &["CF_INVALID_AGENT_ID_SPECIFIED"],
            ),
            // OnCTIOSFailure's FailureCode is the CIL's enumCTIOS_FailureCode.
            (3, "FailureCode:1", How::Field, &["eDriverOutOfService"]),
        ],
    );
}

#[test]
fn jtapi() {
    check(
        "jtapi.log",
        &[
            (
                3,
                "reason = -1932787502",
                How::Field,
                &["CTIERR_DEVICE_RESTRICTED"],
            ),
            (
                6,
                "com.cisco.jtapi.extensions.CiscoJtapiException.CTIERR_DEVICE_RESTRICTED",
                How::Qualified,
                &["CTIERR_DEVICE_RESTRICTED"],
            ),
            (
                7,
                "CiscoTermRegistrationFailedEv.TIMEOUT",
                How::Qualified,
                &["CTIERR_TIMEOUT"],
            ),
            (8, "0x8CCC00D2", How::Hex, &["CTIERR_DEVICE_RESTRICTED"]),
            // Line 9: `reason = 0` is no reason.
        ],
    );
}

#[test]
fn xmpp() {
    check(
        "xmpp.log",
        &[
            (1, "conflict", How::Xmpp, &["stream:conflict"]),
            (2, "not-authorized", How::Xmpp, &["sasl:not-authorized"]),
            (3, "item-not-found", How::Xmpp, &["stanza:item-not-found"]),
            (
                4,
                "remote-connection-failed",
                How::Xmpp,
                &["bosh:remote-connection-failed"],
            ),
            (5, "item-not-found", How::Xmpp, &["bosh:item-not-found"]),
            (6, "conflict", How::Xmpp, &["stream:conflict"]),
            (7, "not-authorized", How::Xmpp, &["sasl:not-authorized"]),
        ],
    );
}

#[test]
fn look_alikes_give_nothing() {
    let data = read("lookalikes.log");
    let found: Vec<_> = scan(&data).collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_hex_word_alone_or_in_prose_is_found_but_not_in_a_listing() {
    let found: Vec<_> =
        scan(b"failed with 0x8ccc00d2\n  401126:\tmovl $0x8ccc00d2,-0x4(%rbp)\n").collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line_number, 1);
}

#[test]
fn an_ambiguous_field_shows_every_candidate() {
    // ErrorData with no error message on the line: every family Finesse puts there.
    let found: Vec<_> = scan(b"%[ErrorData=22]\n").collect();
    let families: Vec<Family> = found[0].entries().map(|i| i.family()).collect();
    assert!(families.len() >= 2, "{families:?}");
    assert!(families.contains(&Family::CtiStatus));
    assert!(families.contains(&Family::CtiControlFailure));
    // A reason code on every platform that defines it.
    let found: Vec<_> = scan(b"reasonCode=32767\n").collect();
    assert!(found[0].entries().count() >= 2);
    // A condition shared by several kinds, in a shape that does not say which, is not read;
    // in a shape that does, only that kind.
    let found: Vec<_> = scan(b"StreamError: not-authorized\n").collect();
    let symbols: Vec<&str> = found[0].entries().map(|i| i.symbol()).collect();
    assert_eq!(symbols, ["stream:not-authorized"]);
}

#[test]
fn no_name_has_more_entries_than_a_match_keeps() {
    for info in all() {
        for name in std::iter::once(info.symbol()).chain(info.aliases()) {
            let n = finesse_errors::lookup_symbol_all(name).count();
            assert!(n <= finesse_errors::scan::MAX_CANDIDATES, "{name}: {n}");
        }
    }
}

#[test]
fn control_bytes_and_invalid_utf8_do_not_disturb() {
    let mut data = b"\xff\xfe\x00\x1b[2J E_CTI_TIMEOUT \xc3\x28 CF_\n\r\nPERERR_\n".to_vec();
    data.extend_from_slice(&[0x80; 300]);
    let found: Vec<_> = scan(&data).collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text(), b"E_CTI_TIMEOUT");
}

#[test]
fn lines_packed_with_anchors_are_read_whole() {
    // Each anchor repeated along one long line (several windows): every code once, the
    // rejected look-alikes never. Read in linear time (per-line facts are found once).
    let cases: &[(&str, usize)] = &[
        ("0x8CCC00D2 ", 1),
        ("E_CTI_TIMEOUT ", 1),
        ("x.E_CTIx.", 0),
        ("orDataorData", 0),
        ("ErrorData=22 ", 1),
        ("condition='conflict' ", 0),
        ("0x8CCC00 ", 0),
        ("reason = -1932787502 ", 1),
        ("FailureCode:256 ", 1),
    ];
    for &(unit, per_unit) in cases {
        let line = unit.repeat(200_000 / unit.len());
        let found = scan(line.as_bytes()).count();
        assert_eq!(found, per_unit * (200_000 / unit.len()), "{unit:?}");
    }
}

/// The scanner names what the crate's resolver names: a qualifier narrows a bare constant to
/// its class's family, and a published misspelling is found.
#[test]
fn names_go_through_the_resolver() {
    let symbols = |line: &str| -> Vec<&'static str> {
        scan(line.as_bytes())
            .flat_map(|m| m.entries().map(|e| e.symbol()).collect::<Vec<_>>())
            .collect()
    };
    assert_eq!(
        symbols("12: JTAPI threw CiscoJtapiException.TIMEOUT while opening the provider\n"),
        ["CTIERR_TIMEOUT"]
    );
    assert_eq!(
        symbols("request failed: CTIERR_CALL_AREADY_EXISTS on line 2001\n"),
        ["CTIERR_CALL_ALREADY_EXISTS"]
    );
}

/// The call families: numbers after the fields that name them. A call that ended the
/// ordinary way (`EventCause:22`, CEC_NEW_CALL) is in every call's events and is no finding;
/// a PGStatus value is a set, one match per flag; bits no table names are reported unknown.
#[test]
fn call_events_system_events_and_pg_status() {
    check(
        "calls.log",
        &[
            (1, "EventCause:10", How::Field, &["CEC_CALL_NOT_ANSWERED"]),
            (3, "PGStatus:0x00000003", How::Field, &["PGS_OPC_DOWN"]),
            (3, "PGStatus:0x00000003", How::Field, &["PGS_CC_DOWN"]),
            (
                3,
                "SystemEventID:6",
                How::Field,
                &["SYS_PERIPHERAL_GATEWAY_OFFLINE"],
            ),
            (4, "SystemEventID:3", How::Field, &["SYS_PERIPHERAL_ONLINE"]),
            (5, "PGStatus:0x00010000", How::Field, &["?cti_pg_status"]),
            (6, "eventCause=29", How::Field, &["CEC_REORDER_TONE"]),
            (
                7,
                "eventCause=1046",
                How::Field,
                &["CECX_APPL_INVALID_DIALOGUE_ID"],
            ),
        ],
    );
}

/// A Unified CM CDR export: the header names the cause columns, every row after it is read
/// by column. Normal clearings (16, 393216 call split) and 0 (no error) give nothing; the
/// signed form of a composite is the same cause; an unlisted composite is unknown.
#[test]
fn cdr_export_is_read_by_its_header() {
    check(
        "cdr.csv",
        &[
            (4, "17", How::Field, &["User busy"]),
            (5, "1174405137", How::Field, &["CCM_SIP_486_BUSY_HERE"]),
            (7, "1157628031", How::Field, &["?cucm_cdr_cause"]),
            (
                8,
                "-1593835503",
                How::Field,
                &["CCM_SIP_600_BUSY_EVERYWHERE"],
            ),
        ],
    );
}

/// An Outbound Option Dialer_Detail export: `CallResult` by column; 10 (voice, a normal
/// end) gives nothing, 1 (no CallResult has it) is unknown.
#[test]
fn dialer_detail_export_is_read_by_its_header() {
    check(
        "dialer_detail.csv",
        &[
            (3, "9", How::Field, &["BUSY"]),
            (4, "7", How::Field, &["NUMBER_NOT_ALLOCATED"]),
            (5, "33", How::Field, &["dialer_call_result:33"]),
            (6, "1", How::Field, &["?dialer_call_result"]),
        ],
    );
}
