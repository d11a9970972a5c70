//! XMPP and BOSH errors made by a real server: Debian's Prosody (the Finesse Notification
//! Service is Openfire, which is not packaged; Prosody speaks the same RFC 6120 / XEP-0124 /
//! XEP-0206 protocol). Each test drives real sessions over BOSH (or a raw c2s stream), asserts
//! on what the server sent, compares it with the capture kept in `tests/fixtures/prosody/`
//! (session ids masked; `FE_BLESS=1` rewrites them), and checks `explain`'s diagnosis.
//!
//! The tests skip with a notice where prosody is not installed; `.ci/run` installs it, and in
//! CI a missing prosody fails. `fixtures_are_diagnosed` needs no server.

#[path = "support/prosody.rs"]
mod prosody;

use finesse_errors::explain::explain;
use finesse_errors::{Family, lookup_symbol_all};
use prosody::{Bosh, PUBSUB, Prosody, Stream};
use std::path::PathBuf;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/prosody")
        .join(format!("{name}.xml"))
}

/// The capture without what changes from run to run: the BOSH sid is masked and each tag's
/// attributes are sorted (Prosody writes them in hash-table order).
fn masked(capture: &str) -> String {
    let tag = regex::Regex::new(r"<([^\s/>!?]+)((?:\s+[^\s=]+='[^']*')*)\s*(/?)>").unwrap();
    let attribute = regex::Regex::new(r"([^\s=]+)='([^']*)'").unwrap();
    tag.replace_all(capture, |caps: &regex::Captures<'_>| {
        let mut attributes: Vec<String> = attribute
            .captures_iter(&caps[2])
            .map(|a| match &a[1] {
                "sid" | "authid" => format!("{}='SID'", &a[1]),
                _ => a[0].to_string(),
            })
            .collect();
        attributes.sort();
        let mut out = format!("<{}", &caps[1]);
        for a in &attributes {
            out.push(' ');
            out.push_str(a);
        }
        out.push_str(&caps[3]);
        out.push('>');
        out
    })
    .into_owned()
}

/// Checks a capture against its fixture (or rewrites the fixture with `FE_BLESS=1`).
fn keep(name: &str, capture: &str) {
    let path = fixture_path(name);
    let capture = masked(capture);
    if std::env::var_os("FE_BLESS").is_some() {
        std::fs::write(&path, &capture).expect("write the fixture");
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        capture,
        kept,
        "the server's answer differs from {}",
        path.display()
    );
}

/// `explain` reads `body` as the xmpp entry `symbol`, with that entry's retry advice.
fn diagnosed_as(body: &str, symbol: &str) {
    let diagnosis = explain(None, body.as_bytes()).unwrap_or_else(|e| panic!("{e}: {body}"));
    let basis = diagnosis
        .verdict
        .basis
        .as_ref()
        .unwrap_or_else(|| panic!("nothing known: {body}"));
    assert_eq!(basis.info.family(), Family::Xmpp, "{body}");
    assert_eq!(basis.info.symbol(), symbol, "{body}");
    let entry = lookup_symbol_all(symbol)
        .find(|i| i.family() == Family::Xmpp)
        .unwrap();
    assert_eq!(diagnosis.verdict.retry, entry.retry(), "{body}");
}

/// What each kept capture is, for the test that needs no server.
const FIXTURES: &[(&str, &str)] = &[
    ("bosh-conflict", "stream:conflict"),
    ("bosh-sasl-not-authorized", "sasl:not-authorized"),
    ("bosh-unknown-sid", "bosh:item-not-found"),
    ("bosh-expired-sid", "bosh:item-not-found"),
    ("bosh-pubsub-item-not-found", "stanza:item-not-found"),
    (
        "bosh-user-service-unavailable",
        "stanza:service-unavailable",
    ),
    ("bosh-remote-domain-not-allowed", "stanza:not-allowed"),
    ("c2s-system-shutdown", "stream:system-shutdown"),
];

#[test]
fn fixtures_are_diagnosed() {
    for (name, symbol) in FIXTURES {
        let body = std::fs::read_to_string(fixture_path(name)).unwrap();
        diagnosed_as(&body, symbol);
    }
}

#[test]
fn second_session_on_the_same_resource_gets_conflict() {
    let Some(server) = Prosody::start("conflict") else {
        return;
    };
    let (user, password) = prosody::USERS[0];
    let mut first = Bosh::sign_in(&server, user, password, "desk");
    // The first desktop waits for events, as Finesse clients do, while a second one signs in
    // with the same resource.
    let mut poller = first.poller();
    let poll = poller.next_body("", "");
    first.next_body("", "");
    let waiting = std::thread::spawn(move || poller.try_post(&poll));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _second = Bosh::sign_in(&server, user, password, "desk");
    let answer = waiting
        .join()
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}\n{}", server.log()));
    assert!(answer.contains("type='terminate'"), "{answer}");
    assert!(
        answer.contains("condition='remote-stream-error'"),
        "{answer}"
    );
    assert!(
        answer.contains("<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"),
        "{answer}"
    );
    keep("bosh-conflict", &answer);
    diagnosed_as(&answer, "stream:conflict");
}

#[test]
fn wrong_password_gets_sasl_not_authorized() {
    let Some(server) = Prosody::start("sasl") else {
        return;
    };
    let (mut bosh, features) = Bosh::open(&server);
    assert!(
        features.contains("<mechanism>PLAIN</mechanism>"),
        "{features}"
    );
    let answer = bosh.auth(prosody::USERS[0].0, "not-the-password");
    assert!(
        answer.contains("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/>"),
        "{answer}"
    );
    keep("bosh-sasl-not-authorized", &answer);
    diagnosed_as(&answer, "sasl:not-authorized");
}

#[test]
fn unknown_and_expired_bosh_sessions_get_item_not_found() {
    let Some(server) = Prosody::start("sid") else {
        return;
    };
    let (probe, _) = Bosh::open(&server);
    let unknown = probe
        .try_post(
            "<body rid='5000' sid='no-such-session' xmlns='http://jabber.org/protocol/httpbind'/>",
        )
        .unwrap();
    assert!(
        unknown.contains("type='terminate'") && unknown.contains("condition='item-not-found'"),
        "{unknown}"
    );
    keep("bosh-unknown-sid", &unknown);
    diagnosed_as(&unknown, "bosh:item-not-found");

    // A session left without a request for longer than its inactivity (2 s in the test
    // config) is ended by the server; its sid is then unknown. Asked again until it is.
    let (mut idle, opened) = Bosh::open(&server);
    assert_eq!(
        prosody::attribute(&opened, "inactivity"),
        Some("2"),
        "{opened}"
    );
    let mut expired = String::new();
    for _ in 0..60 {
        std::thread::sleep(std::time::Duration::from_millis(500));
        expired = idle.request("");
        if expired.contains("type='terminate'") {
            break;
        }
        // Each poll keeps the session alive: open a fresh one and wait longer before asking.
        let (fresh, _) = Bosh::open(&server);
        idle = fresh;
        std::thread::sleep(std::time::Duration::from_secs(3));
    }
    assert!(
        expired.contains("condition='item-not-found'"),
        "{expired}\n{}",
        server.log()
    );
    keep("bosh-expired-sid", &expired);
    diagnosed_as(&expired, "bosh:item-not-found");
}

#[test]
fn stanzas_to_missing_services_get_stanza_errors() {
    let Some(server) = Prosody::start("stanza") else {
        return;
    };
    let (user, password) = prosody::USERS[0];
    let mut bosh = Bosh::sign_in(&server, user, password, "desk");
    // A subscription to a pubsub node that does not exist (Finesse's nodes are named after
    // the REST resource).
    let answer = bosh.request(&format!(
        "<iq type='set' id='sub1' to='{PUBSUB}' xmlns='jabber:client'><pubsub \
         xmlns='http://jabber.org/protocol/pubsub'><subscribe node='/finesse/api/User/1001' \
         jid='{user}@localhost/desk'/></pubsub></iq>"
    ));
    assert!(
        answer.contains("type='error'")
            && answer.contains("<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"),
        "{answer}"
    );
    keep("bosh-pubsub-item-not-found", &answer);
    diagnosed_as(&answer, "stanza:item-not-found");

    // An iq to a user that does not exist.
    let answer = bosh.request(
        "<iq type='get' id='info1' to='nobody@localhost' xmlns='jabber:client'><query \
         xmlns='http://jabber.org/protocol/disco#info'/></iq>",
    );
    assert!(
        answer.contains("<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"),
        "{answer}"
    );
    keep("bosh-user-service-unavailable", &answer);
    diagnosed_as(&answer, "stanza:service-unavailable");

    // An iq to a domain the server does not host: with server-to-server off, Prosody answers
    // not-allowed (not service-unavailable or remote-server-not-found).
    let answer = bosh.request(
        "<iq type='get' id='info2' to='nosuch.localhost' xmlns='jabber:client'><query \
         xmlns='http://jabber.org/protocol/disco#info'/></iq>",
    );
    assert!(
        answer.contains("<not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"),
        "{answer}"
    );
    keep("bosh-remote-domain-not-allowed", &answer);
    diagnosed_as(&answer, "stanza:not-allowed");
}

#[test]
fn server_shutdown_closes_streams_with_system_shutdown() {
    let Some(mut server) = Prosody::start("shutdown") else {
        return;
    };
    let (user, password) = prosody::USERS[1];
    let mut bosh = Bosh::sign_in(&server, user, password, "desk");
    let mut poller = bosh.poller();
    let poll = poller.next_body("", "");
    bosh.next_body("", "");
    let waiting = std::thread::spawn(move || poller.try_post(&poll));
    let (mut stream, opening) = Stream::open(&server);
    assert!(opening.contains("<stream:features>"), "{opening}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    server.terminate();

    // A c2s stream is closed with the RFC 6120 stream error.
    let closing = stream.read_to_close();
    assert!(
        closing.starts_with(
            "<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
        ),
        "{closing}"
    );
    assert!(closing.ends_with("</stream:stream>"), "{closing}");
    keep("c2s-system-shutdown", &closing);
    diagnosed_as(&closing, "stream:system-shutdown");

    // Prosody 0.12 does not answer a waiting BOSH request on shutdown: the HTTP connection is
    // closed with no response at all, so a BOSH client sees a transport error, not
    // system-shutdown. There is no body to explain; the client's own reconnect logic applies.
    let bosh_answer = waiting.join().unwrap();
    assert!(
        bosh_answer.is_err(),
        "prosody now answers BOSH on shutdown: {bosh_answer:?}"
    );
}
