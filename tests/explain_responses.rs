//! `explain` on every published sample (copied into tests/fixtures/responses) and on our own
//! fixtures for the shapes described in the reference notes: the right verdict and links.
#![cfg(feature = "explain")]

use finesse_errors::explain::{BodyForm, Context, Diagnosis, Method, Via, explain, explain_with};
use finesse_errors::{Family, Retry};

#[path = "support/responses.rs"]
mod responses;
use responses::diagnose;

/// (family, code, symbol) of every link of error `index`, most specific first.
fn links(d: &Diagnosis, index: usize) -> Vec<(Family, Option<i32>, &'static str)> {
    d.errors[index]
        .links
        .iter()
        .map(|l| (l.info.family(), l.info.code(), l.info.symbol()))
        .collect()
}

/// How cautious a verdict is: lower is safer.
fn caution(retry: Retry) -> u8 {
    match retry {
        Retry::Never => 0,
        Retry::AfterStateChange => 1,
        Retry::AfterReconnect => 2,
        Retry::AfterDelay => 3,
        _ => 4,
    }
}

/// The verdict rests on this entry, and takes its retry advice or a safer one (the safest of
/// the informative links).
fn assert_basis(d: &Diagnosis, family: Family, code: Option<i32>, symbol: &str) {
    let basis = d
        .verdict
        .basis
        .unwrap_or_else(|| panic!("no basis: {d:#?}"));
    assert_eq!(
        (basis.info.family(), basis.info.code(), basis.info.symbol()),
        (family, code, symbol),
        "{d:#?}"
    );
    assert!(
        caution(d.verdict.retry) <= caution(basis.info.retry()),
        "the verdict is never less cautious than its basis: {d:#?}"
    );
    assert_eq!(d.verdict.category, basis.info.category());
    assert_eq!(d.verdict.layer, basis.info.layer());
    assert!(d.verdict.summary.contains(symbol), "{}", d.verdict.summary);
    assert!(d.is_known());
}

#[test]
fn sample_01_authentication_failure() {
    let d = diagnose("sample_01.xml", Some(401));
    assert_eq!(d.form, BodyForm::RestXml);
    assert_eq!(d.errors[0].error_data.as_deref(), Some("jsmith"));
    assert_basis(&d, Family::FinesseApi, None, "Authentication Failure");
    assert_eq!(d.verdict.retry, Retry::Never);
}

#[test]
fn sample_02_authorization_failure() {
    let d = diagnose("sample_02.xml", Some(401));
    assert_basis(&d, Family::FinesseApi, None, "Authorization Failure");
    assert_eq!(d.verdict.retry, Retry::Never);
}

#[test]
fn sample_03_out_of_service() {
    let d = diagnose("sample_03.xml", Some(503));
    assert_eq!(
        d.errors[0].error_data.as_deref(),
        Some(""),
        "empty element is present but empty"
    );
    assert_basis(&d, Family::FinesseApi, None, "SERVER_OUT_OF_SERVICE");
    assert!(links(&d, 0).contains(&(Family::FinesseApi, None, "Service Unavailable")));
    assert_eq!(d.verdict.retry, Retry::AfterDelay);
}

#[test]
fn sample_03_without_a_status_still_links_the_error_type() {
    let d = diagnose("sample_03.xml", None);
    assert!(links(&d, 0).contains(&(Family::FinesseApi, None, "Service Unavailable")));
    assert_eq!(d.verdict.retry, Retry::AfterDelay);
}

#[test]
fn sample_04_user_not_found() {
    let d = diagnose("sample_04.xml", Some(404));
    // ErrorMessage UNKNOWN_USER with ErrorData 4023 is Finesse's own, more precise entry.
    assert_basis(&d, Family::FinesseApi, Some(4023), "UNKNOWN_USER");
    assert!(
        links(&d, 0)
            .iter()
            .any(|l| l.0 == Family::FinesseApi && l.2 == "User Not Found")
    );
    assert_eq!(d.verdict.retry, Retry::Never);
}

#[test]
fn sample_05_wrong_user_in_the_uri() {
    let d = diagnose("sample_05.xml", Some(401));
    assert_basis(
        &d,
        Family::FinesseApi,
        None,
        "Invalid Authorization User Specified",
    );
}

#[test]
fn sample_07_message_key_broken_by_a_space() {
    let d = diagnose("sample_07.xml", Some(404));
    assert_basis(
        &d,
        Family::FinesseApi,
        None,
        "finesse.api.team.team_assignment_invalid_team",
    );
    assert_eq!(d.errors[0].error_data.as_deref(), Some("574"));
}

#[test]
fn sample_08_media_agent_not_logged_in() {
    let d = diagnose("sample_08.xml", Some(400));
    assert_eq!(d.errors[0].error_media.as_deref(), Some("5001"));
    assert_basis(
        &d,
        Family::MediaRouting,
        Some(6),
        "E_ARM_STAT_AGENT_NOT_LOGGED_IN",
    );
    assert!(links(&d, 0).contains(&(Family::FinesseApi, None, "Agent is not logged in")));
}

#[test]
fn sample_09_already_logged_in_is_not_a_failure() {
    let d = diagnose("sample_09.xml", None);
    assert_eq!(d.form, BodyForm::XmppUpdate);
    assert_eq!(d.event.as_deref(), Some("PUT"));
    assert_eq!(d.request_id.as_deref(), Some("xxx-xxxx"));
    assert_eq!(
        d.source.as_deref(),
        Some("/finesse/api/User/1001001/Media/5001")
    );
    assert_basis(
        &d,
        Family::MediaRouting,
        Some(1),
        "E_ARM_STAT_AGENT_ALREADY_LOGGED_IN",
    );
    assert_eq!(d.verdict.retry, Retry::NotNeeded);
}

#[test]
fn sample_10_call_operation_failure() {
    let d = diagnose("sample_10.xml", None);
    assert_eq!(d.request_id.as_deref(), Some(""));
    assert_basis(
        &d,
        Family::CtiControlFailure,
        Some(34),
        "CF_RESOURCE_OUT_OF_SERVICE",
    );
    assert!(links(&d, 0).contains(&(Family::FinesseApi, None, "Call Operation Failure")));
    // Each says to retry in its own way: the more cautious one wins, and it is no disagreement.
    let cf = d.verdict.basis.unwrap().info.retry();
    let finesse = finesse_errors::finesse_error(400, "Call Operation Failure")
        .unwrap()
        .retry();
    assert_eq!(
        d.verdict.retry,
        if caution(cf) <= caution(finesse) {
            cf
        } else {
            finesse
        }
    );
    assert_eq!(d.verdict.disagreement, None);
}

#[test]
fn sample_11_unescaped_markup_and_a_finesse_number() {
    let d = diagnose("sample_11.xml", None);
    assert_eq!(d.form, BodyForm::XmppData);
    let message = d.errors[0].error_message.as_deref().unwrap();
    assert!(
        message.starts_with("<ConferenceCallCommand>: Conference failed"),
        "{message}"
    );
    assert_basis(&d, Family::FinesseApi, Some(20999), "20999");
    assert!(links(&d, 0).contains(&(Family::FinesseApi, None, "Generic Error")));
}

#[test]
fn sample_12_invalid_object_state() {
    let d = diagnose("sample_12.xml", None);
    assert_basis(
        &d,
        Family::CtiControlFailure,
        Some(22),
        "CF_INVALID_OBJECT_STATE",
    );
    assert_eq!(d.verdict.retry, Retry::AfterStateChange);
    assert!(links(&d, 0).contains(&(Family::FinesseApi, None, "Invalid State")));
}

#[test]
fn sample_13_invalid_work_mode() {
    let d = diagnose("sample_13.xml", None);
    assert_basis(
        &d,
        Family::CtiControlFailure,
        Some(265),
        "CF_INVALID_AGENT_WORKMODE",
    );
    let first = d.errors[0].links[0];
    assert_eq!(first.via, Via::ErrorMessage);
}

#[test]
fn sample_18_desktop_json() {
    let d = diagnose("sample_18.json", None);
    assert_eq!(d.form, BodyForm::DesktopJson);
    assert_eq!(d.http_status, Some(400), "status read from the body");
    assert_eq!(d.errors.len(), 1);
    assert_eq!(
        d.errors[0].error_message.as_deref(),
        Some("Security Exception")
    );
    assert_basis(&d, Family::FinesseApi, None, "Bad Request");
}

#[test]
fn parameter_missing_with_a_message_key_in_error_data() {
    let d = diagnose("own_parameter_missing.xml", Some(400));
    assert_eq!(
        d.errors[0].error_data.as_deref(),
        Some("finesse.api.reasoncode.require_reasoncode")
    );
    // The key in ErrorData is Finesse's own, more precise entry; the type is linked too.
    assert_basis(
        &d,
        Family::FinesseApi,
        None,
        "finesse.api.reasoncode.require_reasoncode",
    );
    assert!(links(&d, 0).iter().any(|l| l.2 == "Parameter Missing"));
}

#[test]
fn invalid_state_with_free_text() {
    let d = diagnose("own_invalid_state_no_call.xml", Some(400));
    assert_basis(&d, Family::FinesseApi, None, "Invalid State");
    assert_eq!(d.verdict.retry, Retry::AfterStateChange);
}

#[test]
fn lower_case_put_and_error_type_spelling() {
    let d = diagnose("own_xmpp_lowercase_put.xml", None);
    assert_eq!(d.event.as_deref(), Some("put"));
    assert_eq!(d.request_id.as_deref(), Some("7f3c2a"));
    // Finesse's own number 4047 names the cause that Generic Error leaves open.
    assert_basis(&d, Family::FinesseApi, Some(4047), "INVALID_ACTION");
    assert_eq!(d.verdict.retry, Retry::AfterStateChange);
}

#[test]
fn escaped_update_with_peripheral_fields() {
    let d = diagnose("own_xmpp_message_peripheral.xml", None);
    assert_eq!(d.form, BodyForm::XmppMessage);
    assert_eq!(d.source.as_deref(), Some("/finesse/api/User/1001"));
    assert_eq!(d.event.as_deref(), Some("put"));
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.errors[0].peripheral_code(), Some(10125));
    assert_basis(
        &d,
        Family::Peripheral,
        Some(10125),
        "PERERR_TELDRIVE_NODEVICETARGETFORNETTARGETID",
    );
    let found = links(&d, 0);
    assert_eq!(found[0].0, Family::Peripheral);
    assert!(found.contains(&(
        Family::CtiControlFailure,
        Some(260),
        "CF_INVALID_LOGON_DEVICE_SPECIFIED"
    )));
    assert!(found.contains(&(Family::FinesseApi, None, "Invalid Device")));
    // Most specific first: peripheral, then CTI, then the Finesse type.
    let families: Vec<Family> = found.iter().map(|l| l.0).collect();
    assert_eq!(
        families,
        [
            Family::Peripheral,
            Family::CtiControlFailure,
            Family::FinesseApi
        ]
    );
}

#[test]
fn escaped_update_with_invalid_state() {
    let d = diagnose("own_xmpp_message_invalid_state.xml", None);
    assert_eq!(d.form, BodyForm::XmppMessage);
    assert_eq!(d.request_id.as_deref(), Some("req-42"));
    assert_basis(
        &d,
        Family::CtiControlFailure,
        Some(22),
        "CF_INVALID_OBJECT_STATE",
    );
}

#[test]
fn several_errors_in_one_body() {
    let d = diagnose("own_two_errors.xml", Some(400));
    assert_eq!(d.errors.len(), 2);
    assert_eq!(d.errors[1].error_message.as_deref(), Some("free text"));
    assert_basis(
        &d,
        Family::CtiControlFailure,
        Some(265),
        "CF_INVALID_AGENT_WORKMODE",
    );
    assert!(
        d.verdict.summary.contains("error 1 of 2"),
        "{}",
        d.verdict.summary
    );
    assert!(links(&d, 1).contains(&(Family::FinesseApi, None, "Generic Error")));
}

#[test]
fn html_page_falls_back_to_the_status() {
    let d = diagnose("own_html_401.html", Some(401));
    assert_eq!(d.form, BodyForm::Html);
    assert!(d.errors.is_empty());
    assert_basis(&d, Family::FinesseApi, None, "Authorization Failure");
    assert_eq!(d.verdict.basis.unwrap().via, Via::HttpStatus);
}

#[test]
fn empty_body_falls_back_to_the_status() {
    let d = explain(Some(503), b"  \n").unwrap();
    assert_eq!(d.form, BodyForm::Empty);
    assert_basis(&d, Family::FinesseApi, None, "Service Unavailable");
    let unknown = explain(Some(502), b"").unwrap();
    assert!(!unknown.is_known());
    assert_eq!(
        unknown.verdict.retry,
        Retry::AfterStateChange,
        "5xx without an entry, method unknown: it may have taken effect"
    );
    let nothing = explain(None, b"").unwrap();
    assert!(!nothing.is_known());
}

fn body(errors: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut xml = String::from("<ApiErrors>");
    for (error_type, message, data) in errors {
        xml.push_str(&format!(
            "<ApiError><ErrorType>{error_type}</ErrorType><ErrorMessage>{message}</ErrorMessage><ErrorData>{data}</ErrorData></ApiError>"
        ));
    }
    xml.push_str("</ApiErrors>");
    xml.into_bytes()
}

#[test]
fn a_vague_peripheral_code_does_not_override_a_precise_control_failure() {
    let xml = "<Update><data><apiErrors><apiError><errorType>Call Operation Failure</errorType>\
        <errorMessage>CF_RESOURCE_OUT_OF_SERVICE</errorMessage><errorData>34</errorData>\
        <peripheralErrorCode>-1</peripheralErrorCode></apiError></apiErrors></data></Update>";
    let d = explain(None, xml.as_bytes()).unwrap();
    assert!(links(&d, 0).contains(&(Family::Peripheral, Some(-1), "PERERR_UNKNOWN")));
    assert_basis(
        &d,
        Family::CtiControlFailure,
        Some(34),
        "CF_RESOURCE_OUT_OF_SERVICE",
    );
    // And the unspecified code does not make the verdict more cautious either.
    assert_eq!(d.verdict.retry, {
        let cf = d.verdict.basis.unwrap().info.retry();
        let finesse = finesse_errors::finesse_error(400, "Call Operation Failure")
            .unwrap()
            .retry();
        if caution(cf) <= caution(finesse) {
            cf
        } else {
            finesse
        }
    });
}

#[test]
fn a_generic_control_failure_does_not_override_the_finesse_type() {
    let d = explain(
        Some(400),
        &body(&[("Invalid State", "CF_GENERIC_UNSPECIFIED", "0")]),
    )
    .unwrap();
    assert_basis(&d, Family::FinesseApi, None, "Invalid State");
    assert_eq!(d.verdict.retry, Retry::AfterStateChange);
}

#[test]
fn disagreement_on_whether_to_retry_is_visible_and_the_safer_verdict_wins() {
    let d = explain(
        Some(400),
        &body(&[("Invalid State", "CF_INVALID_AGENT_WORKMODE", "265")]),
    )
    .unwrap();
    assert_basis(
        &d,
        Family::CtiControlFailure,
        Some(265),
        "CF_INVALID_AGENT_WORKMODE",
    );
    assert_eq!(d.verdict.retry, Retry::Never);
    let other = d
        .verdict
        .disagreement
        .expect("Invalid State says to retry after a state change");
    assert_eq!(other.info.symbol(), "Invalid State");
    assert_eq!(other.info.retry(), Retry::AfterStateChange);
    assert!(d.verdict.reason.contains("safer"), "{}", d.verdict.reason);
}

#[test]
fn a_server_error_after_a_write_is_never_a_blind_retry() {
    for status in [500, 502, 504] {
        for method in [Method::Put, Method::Post, Method::Delete] {
            let d = explain_with(Context::new().method(method), Some(status), b"").unwrap();
            assert_ne!(d.verdict.retry, Retry::AfterDelay, "{method} {status}");
            assert_eq!(
                d.verdict.retry,
                Retry::AfterStateChange,
                "{method} {status}"
            );
        }
        let read = explain_with(Context::new().method(Method::Get), Some(status), b"").unwrap();
        assert_eq!(read.verdict.retry, Retry::AfterDelay, "GET {status}");
    }
    // 503: turned away before anything was applied, so a write may be sent again.
    let out = explain_with(Context::new().method(Method::Put), Some(503), b"").unwrap();
    assert_eq!(out.verdict.retry, Retry::AfterDelay);
    // A 4xx does not depend on the method.
    for method in [Method::Get, Method::Put] {
        let d = explain_with(
            Context::new().method(method),
            Some(400),
            &body(&[("Invalid State", "", "")]),
        )
        .unwrap();
        assert_eq!(d.verdict.retry, Retry::AfterStateChange, "{method}");
    }
}

#[test]
fn a_unified_cm_error_named_in_the_peripheral_text_is_the_basis() {
    let d = diagnose("own_ctierr_in_peripheral_text.xml", None);
    let unified: Vec<_> = d.errors[0]
        .links
        .iter()
        .filter(|l| l.info.family() == Family::UnifiedCm)
        .collect();
    assert_eq!(unified.len(), 1, "{d:#?}");
    assert_eq!(unified[0].via, Via::PeripheralErrorText);
    // The precise Unified CM cause outranks the unspecified CF_GENERIC_OPERATION.
    assert_basis(
        &d,
        Family::UnifiedCm,
        Some(0x8CCC_00D2_u32 as i32),
        "CTIERR_DEVICE_RESTRICTED",
    );
}

#[test]
fn a_unified_cm_hex_code_in_error_data_is_linked() {
    let d = diagnose("own_ctierr_hex_in_error_data.xml", Some(400));
    assert!(
        links(&d, 0).contains(&(
            Family::UnifiedCm,
            Some(0x8CCC_0075_u32 as i32),
            "CTIERR_DIRECTORY_LOGIN_TIMEOUT"
        )),
        "{d:#?}"
    );
    assert_basis(
        &d,
        Family::UnifiedCm,
        Some(0x8CCC_0075_u32 as i32),
        "CTIERR_DIRECTORY_LOGIN_TIMEOUT",
    );
    // A decimal number alone is not read as a Unified CM code.
    let plain = explain(
        Some(400),
        b"<ApiErrors><ApiError><ErrorType>Generic Error</ErrorType><ErrorData>2362179794</ErrorData></ApiError></ApiErrors>",
    )
    .unwrap();
    assert!(links(&plain, 0).iter().all(|l| l.0 != Family::UnifiedCm));
}

/// `why` says when the entry the verdict rests on is only our reading of a name.
#[test]
fn the_reason_says_when_the_basis_is_inferred() {
    let inferred = finesse_errors::entries(finesse_errors::Family::CtiControlFailure)
        .iter()
        .find(|i| i.evidence() == finesse_errors::Evidence::Inferred)
        .unwrap();
    let body = format!(
        "<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType><ErrorData>{}</ErrorData><ErrorMessage>{}</ErrorMessage></ApiError></ApiErrors>",
        inferred.code().unwrap(),
        inferred.symbol()
    );
    let d = finesse_errors::explain::explain(Some(400), body.as_bytes()).unwrap();
    let basis = d.verdict.basis.unwrap();
    assert_eq!(basis.info, inferred, "{d:#?}");
    assert!(
        d.verdict.reason.contains("its basis is inferred"),
        "{}",
        d.verdict.reason
    );

    let documented = finesse_errors::explain::explain(
        Some(400),
        b"<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType><ErrorData>22</ErrorData><ErrorMessage>CF_INVALID_OBJECT_STATE</ErrorMessage></ApiError></ApiErrors>",
    )
    .unwrap();
    assert_eq!(
        documented.verdict.basis.unwrap().info.evidence(),
        finesse_errors::Evidence::Documented
    );
    assert!(
        !documented.verdict.reason.contains("inferred"),
        "{}",
        documented.verdict.reason
    );
}
