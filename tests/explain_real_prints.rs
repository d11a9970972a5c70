//! `explain` on the shapes real software prints, each in a fixture written for this project:
//! the Finesse JavaScript library's error objects (synchronous, asynchronous with its made-up
//! 400, its own error types), a stanza's `<error>` alone, Unified CCE Administration errors,
//! Finesse's own ErrorData values, names in ErrorData, "no detail" zeros and JSON nulls.
#![cfg(feature = "explain")]

use finesse_errors::explain::{BodyForm, Diagnosis, explain};
use finesse_errors::{Family, Retry};

#[path = "support/responses.rs"]
mod responses;
use responses::diagnose;

fn basis(d: &Diagnosis) -> (Family, Option<i32>, &'static str) {
    let link = d
        .verdict
        .basis
        .unwrap_or_else(|| panic!("no basis: {d:#?}"));
    (link.info.family(), link.info.code(), link.info.symbol())
}

fn families_linked(d: &Diagnosis) -> Vec<Family> {
    d.errors
        .iter()
        .flat_map(|e| e.links.iter().map(|l| l.info.family()))
        .collect()
}

#[test]
fn the_library_s_made_up_400_for_an_asynchronous_error_is_set_aside() {
    let d = diagnose("own_finesse_js_async_4047.json", None);
    assert_eq!(d.form, BodyForm::FinesseJs);
    assert_eq!(d.invented_status, Some(400));
    assert_eq!(d.http_status, None, "the invented status is not used");
    // content and object hold the same error: it is counted once.
    assert_eq!(d.errors.len(), 1, "{d:#?}");
    assert_eq!(
        basis(&d),
        (Family::FinesseApi, Some(4047), "INVALID_ACTION")
    );
    // The real Generic Error answer, not "400 Bad Request, never".
    assert_eq!(d.verdict.retry, Retry::AfterStateChange);
    assert!(
        d.verdict.reason.contains("JavaScript library"),
        "{}",
        d.verdict.reason
    );
    // The same 400 passed by the caller, as read from the object, is set aside too.
    let passed = diagnose("own_finesse_js_async_4047.json", Some(400));
    assert_eq!(passed.http_status, None);
    assert_eq!(passed.verdict.retry, Retry::AfterStateChange);
}

#[test]
fn the_same_error_answers_the_same_through_the_library_and_over_xmpp() {
    let wrapped = diagnose("own_finesse_js_async_4047.json", None);
    let update = explain(
        None,
        b"<Update><data><apiErrors><apiError><errorType>Generic Error</errorType>\
          <errorMessage>INVALID_ACTION TRANSFER on extension 2002</errorMessage>\
          <errorData>4047</errorData></apiError></apiErrors></data></Update>",
    )
    .unwrap();
    assert_eq!(wrapped.verdict.retry, update.verdict.retry);
    assert_eq!(basis(&wrapped), basis(&update));
}

#[test]
fn a_synchronous_library_error_keeps_its_real_status_and_reads_null_as_absent() {
    let d = diagnose("own_finesse_js_sync_invalid_state.json", None);
    assert_eq!(d.form, BodyForm::FinesseJs);
    assert_eq!(d.http_status, Some(400));
    assert_eq!(d.invented_status, None);
    assert_eq!(d.errors.len(), 1, "{d:#?}");
    assert_eq!(basis(&d), (Family::FinesseApi, None, "Invalid State"));
    let data = d.errors[0].error_data.as_deref().unwrap_or("");
    assert_ne!(data, "null", "a JSON null is no ErrorData");
}

#[test]
fn the_library_s_own_error_types_are_known() {
    let disconnected = diagnose("own_finesse_js_disconnected.json", None);
    assert_eq!(disconnected.form, BodyForm::FinesseJs);
    assert_eq!(
        basis(&disconnected),
        (Family::FinesseJs, None, "Disconnected")
    );
    assert_eq!(disconnected.verdict.retry, Retry::AfterReconnect);
    let parse = diagnose("own_finesse_js_parse_error.json", None);
    assert_eq!(basis(&parse), (Family::FinesseJs, None, "parseError"));
    // An unparsable 200 still reached the error callback: not "nothing failed".
    assert_eq!(parse.verdict.retry, Retry::AfterStateChange);
}

#[test]
fn a_stanza_error_on_its_own_is_read() {
    let d = diagnose("own_bare_stanza_error.xml", None);
    assert_eq!(d.form, BodyForm::XmppStanza);
    assert_eq!(
        basis(&d),
        (Family::Xmpp, None, "stanza:service-unavailable")
    );
    // Only the legacy code: XEP-0086's condition for it.
    let legacy = diagnose("own_bare_stanza_error_code_only.xml", None);
    assert_eq!(
        basis(&legacy),
        (Family::Xmpp, None, "stanza:item-not-found")
    );
    // A stream error is still a stream error.
    let stream = explain(
        None,
        b"<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>",
    )
    .unwrap();
    assert_eq!(stream.form, BodyForm::XmppStreamError);
    assert_eq!(basis(&stream), (Family::Xmpp, None, "stream:conflict"));
}

#[test]
fn unified_cce_administration_errors_are_never_finesse_errors() {
    let d = diagnose("own_ucce_admin_out_of_range.xml", Some(400));
    assert_eq!(d.form, BodyForm::UcceAdmin);
    assert_eq!(
        basis(&d),
        (Family::UcceConfig, None, "invalidInput.outOfRange")
    );
    assert!(
        families_linked(&d).iter().all(|&f| f == Family::UcceConfig),
        "{d:#?}"
    );
    // A type we do not list: still not Finesse, and said so.
    let unknown = diagnose("own_ucce_admin_unknown_type.xml", Some(400));
    assert_eq!(unknown.form, BodyForm::UcceAdmin);
    assert!(unknown.verdict.basis.is_none());
    assert!(families_linked(&unknown).is_empty());
    assert!(
        unknown
            .verdict
            .reason
            .contains("Unified CCE Administration")
    );
    // Finesse's asynchronous lower-camel errors inside an Update stay Finesse errors.
    let finesse = diagnose("own_xmpp_lowercase_put.xml", None);
    assert_ne!(finesse.form, BodyForm::UcceAdmin);
}

#[test]
fn finesse_s_own_values_and_names_in_error_data() {
    let reason = explain(
        Some(400),
        b"<ApiErrors><ApiError><ErrorType>Parameter Missing</ErrorType>\
          <ErrorMessage>A valid reason code is required</ErrorMessage>\
          <ErrorData>finesse.api.reasoncode.require_reasoncode</ErrorData></ApiError></ApiErrors>",
    )
    .unwrap();
    assert!(
        reason.errors[0]
            .links
            .iter()
            .any(|l| l.info.symbol() == "finesse.api.reasoncode.require_reasoncode"),
        "{reason:#?}"
    );
    assert_eq!(reason.verdict.retry, Retry::Never);
    let dialog = explain(
        None,
        b"<Update><data><apiErrors><apiError><errorMessage>INVALID_DIALOG_ID: 7001</errorMessage>\
          <errorData>6030</errorData></apiError></apiErrors></data></Update>",
    )
    .unwrap();
    assert_eq!(
        basis(&dialog),
        (Family::FinesseApi, Some(6030), "INVALID_DIALOG_ID")
    );
}

#[test]
fn zero_is_no_detail() {
    // A peripheral code of 0 beside a CTI failure: the CTI code decides.
    let d = explain(
        None,
        b"<Update><data><apiErrors><apiError><errorType>Invalid State</errorType>\
          <errorMessage>CF_INVALID_AGENT_WORKMODE</errorMessage><errorData>265</errorData>\
          <peripheralErrorCode>0</peripheralErrorCode></apiError></apiErrors></data></Update>",
    )
    .unwrap();
    assert_eq!(
        basis(&d),
        (
            Family::CtiControlFailure,
            Some(265),
            "CF_INVALID_AGENT_WORKMODE"
        )
    );
    assert!(!families_linked(&d).contains(&Family::Peripheral));
    // The entries that say so.
    let none = finesse_errors::lookup(Family::Peripheral, 0).unwrap();
    assert_eq!(none.retry(), Retry::NotNeeded);
    assert!(
        finesse_errors::lookup_all(Family::ReasonCode, 0).all(|e| e.retry() == Retry::NotNeeded)
    );
}

#[test]
fn reason_code_255_on_every_platform_that_reports_it() {
    for platform in finesse_errors::Platform::ALL {
        let entry = finesse_errors::lookup_reason_code(*platform, 255)
            .unwrap_or_else(|| panic!("255 on {platform}"));
        assert_eq!(entry.retry(), Retry::AfterReconnect);
    }
}
