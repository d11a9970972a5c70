//! `explain` on the notification channel and on agent states: XMPP stream errors in every
//! framing (BOSH terminate with a wrapped stream error, the early in-body form, a bare binding
//! condition, WebSocket), SASL failures, error stanzas with a condition or only a legacy code,
//! and User / Team documents whose agents are NOT_READY or LOGOUT with a reason code.

use finesse_errors::explain::{BodyForm, Context, Diagnosis, Via, explain, explain_with};
use finesse_errors::{Category, Family, Platform, Retry};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn diagnose(name: &str) -> Diagnosis {
    explain(None, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The verdict rests on this XMPP condition, via the condition, and takes its advice.
fn assert_condition(d: &Diagnosis, key: &str) {
    let basis = d
        .verdict
        .basis
        .unwrap_or_else(|| panic!("no basis: {d:#?}"));
    assert_eq!(basis.info.family(), Family::Xmpp, "{d:#?}");
    assert_eq!(basis.info.symbol(), key, "{d:#?}");
    assert_eq!(basis.via, Via::Condition);
    assert_eq!(d.verdict.retry, basis.info.retry());
    assert!(d.verdict.summary.contains(key), "{}", d.verdict.summary);
}

#[test]
fn a_stream_conflict_wrapped_in_a_bosh_body_never_reconnects_by_itself() {
    let d = diagnose("own_bosh_stream_conflict.xml");
    assert_eq!(d.form, BodyForm::BoshBody);
    // The wrapper says only that a stream error follows: the stream error is the one error.
    assert_eq!(d.errors.len(), 1, "{d:#?}");
    let error = &d.errors[0];
    assert_eq!(error.condition.as_deref(), Some("stream:conflict"));
    assert_eq!(error.error_message.as_deref(), Some("conflict"));
    assert_eq!(
        error.error_data.as_deref(),
        Some("Replaced by new connection")
    );
    assert_condition(&d, "stream:conflict");
    assert_eq!(
        d.verdict.retry,
        Retry::Never,
        "a reconnect loop would kick the other session"
    );
}

#[test]
fn the_early_bosh_form_with_the_condition_in_the_body() {
    let d = diagnose("own_bosh_legacy_condition_in_body.xml");
    assert_eq!(d.errors.len(), 1, "{d:#?}");
    assert_condition(&d, "stream:system-shutdown");
}

#[test]
fn a_bare_binding_condition_and_the_old_terminal_spelling() {
    let d = diagnose("own_bosh_terminal_item_not_found.xml");
    assert_eq!(d.form, BodyForm::BoshBody);
    assert_condition(&d, "bosh:item-not-found");
    // Not the stanza condition of the same name.
    let stanza = diagnose("own_iq_subscribe_item_not_found.xml");
    assert_ne!(
        stanza.verdict.basis.unwrap().info.symbol(),
        d.verdict.basis.unwrap().info.symbol()
    );
}

#[test]
fn a_websocket_stream_error_followed_by_close() {
    let d = diagnose("own_websocket_system_shutdown.xml");
    assert_eq!(d.form, BodyForm::XmppStreamError);
    assert_condition(&d, "stream:system-shutdown");
    assert_ne!(d.verdict.retry, Retry::Never);
}

#[test]
fn a_sasl_failure_is_never_retried() {
    let d = diagnose("own_sasl_not_authorized.xml");
    assert_eq!(d.form, BodyForm::SaslFailure);
    assert_eq!(
        d.errors[0].error_data.as_deref(),
        Some("Password not verified")
    );
    assert_condition(&d, "sasl:not-authorized");
    assert_eq!(
        d.verdict.retry,
        Retry::Never,
        "five failures lock the user out"
    );
}

#[test]
fn an_iq_error_with_condition_and_legacy_code() {
    let d = diagnose("own_iq_subscribe_item_not_found.xml");
    assert_eq!(d.form, BodyForm::XmppStanza);
    assert_eq!(
        d.errors[0].error_type.as_deref(),
        Some("XMPP stanza error (cancel)")
    );
    assert_eq!(d.errors[0].error_data.as_deref(), Some("404"));
    assert_condition(&d, "stanza:item-not-found");
}

#[test]
fn a_stanza_with_only_a_legacy_code() {
    let d = diagnose("own_message_legacy_code_only.xml");
    assert_condition(&d, "stanza:service-unavailable");
}

#[test]
fn a_forced_logout_255_in_an_escaped_user_update() {
    let d = diagnose("own_user_forced_logout_255.xml");
    assert_eq!(d.form, BodyForm::XmppMessage);
    assert_eq!(d.agents.len(), 1, "{d:#?}");
    let agent = &d.agents[0];
    assert_eq!(agent.login_id.as_deref(), Some("1001"));
    assert_eq!(agent.state.as_deref(), Some("LOGOUT"));
    assert_eq!(agent.reason_code(), Some(255));
    assert!(agent.is_system());
    assert!(agent.links.iter().all(|l| l.via == Via::ReasonCode));
    assert!(
        agent
            .links
            .iter()
            .any(|l| l.info.platform() == Some(Platform::Finesse))
    );
    // Reported as an error, in the usual shape.
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.errors[0].error_data.as_deref(), Some("255"));
    let basis = d.verdict.basis.unwrap();
    assert_eq!(basis.info.family(), Family::ReasonCode);
    assert_eq!(basis.info.code(), Some(255));
    assert!(d.verdict.summary.contains("255"), "{}", d.verdict.summary);
}

#[test]
fn a_rest_user_with_a_lower_case_reason_code_element() {
    let d = diagnose("own_user_not_ready_50002.xml");
    assert_eq!(d.form, BodyForm::User);
    assert_eq!(d.agents.len(), 1);
    let basis = d.verdict.basis.unwrap();
    assert_eq!(
        (
            basis.info.family(),
            basis.info.platform(),
            basis.info.code()
        ),
        (Family::ReasonCode, Some(Platform::Ucce), Some(50002))
    );
}

#[test]
fn a_team_with_an_agent_chosen_code_a_system_code_and_a_ready_agent() {
    let d = diagnose("own_team_mixed_states.xml");
    assert_eq!(d.form, BodyForm::Team);
    // READY agents are not listed.
    let listed: Vec<_> = d.agents.iter().map(|a| a.login_id.as_deref()).collect();
    assert_eq!(listed, [Some("2001"), Some("2002")]);
    assert!(!d.agents[0].is_system(), "12 (Lunch) is agent-chosen");
    assert!(d.agents[1].is_system());
    // Only the system code is an error.
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.errors[0].error_data.as_deref(), Some("50001"));
    assert_eq!(d.verdict.basis.unwrap().info.code(), Some(50001));
}

#[test]
fn agents_away_for_their_own_reasons_are_not_an_error() {
    let team = b"<Team><users><User><loginId>2001</loginId><state>NOT_READY</state>\
        <reasonCode><code>12</code><label>Lunch</label></reasonCode></User></users></Team>";
    let d = explain(None, team).unwrap();
    assert!(d.errors.is_empty());
    assert!(!d.is_known());
    assert_eq!(d.verdict.retry, Retry::NotNeeded);
    assert_eq!(d.verdict.category, Category::Success);
    assert!(
        d.verdict
            .summary
            .contains("agent-chosen reason code 12 (Lunch)"),
        "{}",
        d.verdict.summary
    );

    let d = diagnose("own_user_not_ready_no_reason.xml");
    assert_eq!(d.agents.len(), 1);
    assert!(
        d.verdict.summary.contains("without a reason code"),
        "{}",
        d.verdict.summary
    );
}

#[test]
fn a_shared_number_links_every_platform_unless_one_is_given() {
    let body = fixture("own_user_not_ready_32767.xml");
    let d = explain(None, &body).unwrap();
    let platforms: Vec<_> = d.agents[0]
        .links
        .iter()
        .map(|l| l.info.platform())
        .collect();
    assert!(platforms.contains(&Some(Platform::Ucce)), "{platforms:?}");
    assert!(platforms.contains(&Some(Platform::Uccx)), "{platforms:?}");

    let uccx = explain_with(Context::new().platform(Platform::Uccx), None, &body).unwrap();
    let platforms: Vec<_> = uccx.agents[0]
        .links
        .iter()
        .map(|l| l.info.platform())
        .collect();
    assert_eq!(platforms, [Some(Platform::Uccx)]);
    assert_eq!(
        uccx.verdict.basis.unwrap().info.platform(),
        Some(Platform::Uccx)
    );
}

#[test]
fn element_names_are_read_in_any_case() {
    let body = b"<UPDATE><DATA><USER><LOGINID>9</LOGINID><STATE>not_ready</STATE>\
        <REASONCODE><CODE>50002</CODE></REASONCODE></USER></DATA></UPDATE>";
    let d = explain(None, body).unwrap();
    assert_eq!(d.agents.len(), 1);
    assert_eq!(d.verdict.basis.unwrap().info.code(), Some(50002));
}

#[test]
fn a_wrapped_stream_error_takes_the_inner_verdict_and_alone_never_reconnects() {
    // Every stream error Openfire wraps is diagnosed as the inner condition.
    for (inner, retry) in [
        ("conflict", Retry::Never),
        ("system-shutdown", Retry::AfterReconnect),
        ("connection-timeout", Retry::AfterReconnect),
    ] {
        let body = format!(
            r#"<body xmlns="http://jabber.org/protocol/httpbind" type="terminate" condition="remote-stream-error"><stream:error xmlns:stream="http://etherx.jabber.org/streams"><{inner} xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error></body>"#
        );
        let d = explain(None, body.as_bytes()).unwrap();
        assert_condition(&d, &format!("stream:{inner}"));
        assert_eq!(d.verdict.retry, retry, "{inner}");
    }
    // Without an inner condition the wrapper may stand for a conflict: no automatic reconnect.
    let alone = br#"<body xmlns="http://jabber.org/protocol/httpbind" type="terminate" condition="remote-stream-error"/>"#;
    let d = explain(None, alone).unwrap();
    assert_condition(&d, "bosh:remote-stream-error");
    assert_eq!(d.verdict.retry, Retry::Never);
    let plan = d.verdict.recovery.unwrap();
    assert!(plan.harmful_to_retry() && !plan.retries(), "{plan:?}");
}
