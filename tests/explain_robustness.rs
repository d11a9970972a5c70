//! `explain` on hostile input: arbitrary and truncated bytes never panic; limits are enforced
//! with clear errors; entities are never resolved.
#![cfg(feature = "explain")]

use finesse_errors::explain::{ExplainError, MAX_BODY_LEN, MAX_DEPTH, explain};
use proptest::prelude::*;

fn fixtures() -> Vec<Vec<u8>> {
    let dir = format!("{}/tests/fixtures/responses", env!("CARGO_MANIFEST_DIR"));
    let mut all: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    all.sort();
    all
}

#[test]
fn every_prefix_of_every_fixture_is_handled() {
    for body in fixtures() {
        for end in 0..=body.len() {
            // Either a diagnosis or a clear error, never a panic.
            match explain(Some(400), &body[..end]) {
                Ok(d) => assert!(!d.verdict.summary.is_empty()),
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
    }
}

#[test]
fn a_truncated_body_keeps_the_errors_read() {
    let body =
        b"<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType><ErrorMessage>CF_INVALID_OBJ";
    let d = explain(Some(400), body).unwrap();
    assert!(d.truncated);
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.errors[0].error_type.as_deref(), Some("Invalid State"));
}

#[test]
fn oversized_bodies_are_refused() {
    let body = vec![b' '; MAX_BODY_LEN + 1];
    assert_eq!(
        explain(None, &body),
        Err(ExplainError::TooLarge {
            len: MAX_BODY_LEN + 1
        })
    );
    assert!(explain(None, &body[..MAX_BODY_LEN]).is_ok());
    let message = ExplainError::TooLarge { len: 1 }.to_string();
    assert!(message.contains("limit"), "{message}");
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!(
        "{}{}",
        "<a>".repeat(MAX_DEPTH + 1),
        "</a>".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(explain(None, deep.as_bytes()), Err(ExplainError::TooDeep));
    let fine = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
    assert!(explain(None, fine.as_bytes()).is_ok());
    let json = format!("{}{}", "{".repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
    assert_eq!(explain(None, json.as_bytes()), Err(ExplainError::TooDeep));
    // Escaped XML inside a notification counts towards the same limit.
    let inner = format!(
        "{}{}",
        "&lt;a&gt;".repeat(MAX_DEPTH),
        "&lt;/a&gt;".repeat(MAX_DEPTH)
    );
    let wrapped = format!("<message><event><notification>{inner}</notification></event></message>");
    assert_eq!(
        explain(None, wrapped.as_bytes()),
        Err(ExplainError::TooDeep)
    );
}

#[test]
fn entities_are_never_resolved() {
    let body = br#"<?xml version="1.0"?>
<!DOCTYPE ApiErrors [ <!ENTITY secret SYSTEM "file:///etc/passwd"> <!ENTITY word "expanded"> ]>
<ApiErrors><ApiError><ErrorType>&secret;</ErrorType><ErrorMessage>&word; &amp; &#65;</ErrorMessage></ApiError></ApiErrors>"#;
    let d = explain(None, body).unwrap();
    assert_eq!(d.errors[0].error_type.as_deref(), Some("&secret;"));
    assert_eq!(d.errors[0].error_message.as_deref(), Some("&word; & A"));
}

#[test]
fn unreadable_xml_is_a_clear_error() {
    match explain(None, b"<ApiErrors <<<") {
        Err(ExplainError::Malformed { reason, .. }) => assert!(!reason.is_empty()),
        other => panic!("{other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..600), status in prop::option::of(any::<u16>())) {
        let _ = explain(status, &body);
    }

    #[test]
    fn xml_like_noise_never_panics(body in "[<>/a-zA-Z&;#0-9 \"'=!\\[\\]{}:,-]{0,400}") {
        let _ = explain(Some(500), body.as_bytes());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let all = fixtures();
        let mut body = all[which.index(all.len())].clone();
        if !body.is_empty() {
            let i = at.index(body.len());
            body[i] = byte;
        }
        let _ = explain(Some(400), &body);
    }
}

#[test]
fn markup_inside_a_field_counts_against_the_depth_limit() {
    let open = |depth: usize| {
        let mut body = String::from("<ApiErrors><ApiError><ErrorMessage>");
        // Two elements are open already, and the field itself is the third.
        for _ in 0..depth.saturating_sub(3) {
            body.push_str("<b>");
        }
        body.push('x');
        body.into_bytes()
    };
    assert!(explain(Some(400), &open(MAX_DEPTH)).is_ok());
    assert_eq!(
        explain(Some(400), &open(MAX_DEPTH + 1)),
        Err(ExplainError::TooDeep)
    );
}

#[test]
fn errors_past_the_cap_are_counted_not_kept() {
    use finesse_errors::explain::MAX_ERRORS;
    let one = "<ApiError><ErrorType>Invalid State</ErrorType></ApiError>";
    for count in [MAX_ERRORS - 1, MAX_ERRORS, MAX_ERRORS + 1, 3 * MAX_ERRORS] {
        let body = format!("<ApiErrors>{}</ApiErrors>", one.repeat(count));
        let d = explain(Some(400), body.as_bytes()).unwrap();
        assert_eq!(d.errors.len(), count.min(MAX_ERRORS));
        assert_eq!(d.omitted_errors, count.saturating_sub(MAX_ERRORS));
    }
}

#[test]
fn agents_with_system_codes_past_the_cap_are_counted() {
    use finesse_errors::explain::MAX_ERRORS;
    let user = "<User><loginId>1</loginId><state>LOGOUT</state><ReasonCode><code>50001</code></ReasonCode></User>";
    let body = format!(
        "<Team><users>{}</users></Team>",
        user.repeat(MAX_ERRORS + 5)
    );
    let d = explain(None, body.as_bytes()).unwrap();
    assert_eq!(d.agents.len(), MAX_ERRORS);
    assert_eq!(d.errors.len(), MAX_ERRORS);
    // Five agents past the agents' cap; none of the kept ones lost as an error.
    assert_eq!(d.omitted_errors, 5);
}

/// `levels` notifications escaped inside one another around one Update with an error.
fn notifications_around_an_error(levels: usize) -> Vec<u8> {
    let mut xml = b"<Update><data><apiErrors><apiError><errorType>Invalid State</errorType>\
        <errorMessage>CF_INVALID_AGENT_WORKMODE</errorMessage></apiError></apiErrors></data></Update>"
        .to_vec();
    for _ in 0..levels {
        let mut escaped = Vec::new();
        for &b in &xml {
            match b {
                b'<' => escaped.extend_from_slice(b"&lt;"),
                b'>' => escaped.extend_from_slice(b"&gt;"),
                b'&' => escaped.extend_from_slice(b"&amp;"),
                _ => escaped.push(b),
            }
        }
        xml = [&b"<notification>"[..], &escaped, b"</notification>"].concat();
    }
    xml
}

/// Each level of escaped notification is unescaped and read again: up to
/// MAX_NOTIFICATION_LEVELS they are read; a deeper one is skipped and the body is truncated
/// (before issue 22, 26 levels were all re-read, 5-9x the time per byte of a typical body).
#[test]
fn notifications_nest_at_most_max_notification_levels() {
    use finesse_errors::explain::MAX_NOTIFICATION_LEVELS;
    for levels in 1..=MAX_NOTIFICATION_LEVELS {
        let d =
            finesse_errors::explain::explain(None, &notifications_around_an_error(levels)).unwrap();
        assert!(d.is_known(), "{levels} levels");
        assert!(!d.truncated, "{levels} levels");
        assert_eq!(
            d.verdict.basis.unwrap().info.symbol(),
            "CF_INVALID_AGENT_WORKMODE"
        );
    }
    for levels in [MAX_NOTIFICATION_LEVELS + 1, 26] {
        let d =
            finesse_errors::explain::explain(None, &notifications_around_an_error(levels)).unwrap();
        assert!(d.truncated, "{levels} levels");
        assert!(d.errors.is_empty(), "{levels} levels: {:?}", d.errors);
    }
}

/// Issue 22: a body saved as UTF-16 (with a BOM, or without one: ASCII interleaved with NULs)
/// is diagnosed as the same body in UTF-8, in either byte order.
#[test]
fn utf16_bodies_are_decoded() {
    let utf8 = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/responses/invalid-state.xml"
    ))
    .unwrap();
    let text = String::from_utf8(utf8.clone()).unwrap();
    let expected = explain(Some(400), &utf8).unwrap();
    assert!(expected.is_known());
    for (bom, big) in [(true, false), (true, true), (false, false), (false, true)] {
        let mut body: Vec<u8> = match (bom, big) {
            (true, false) => vec![0xFF, 0xFE],
            (true, true) => vec![0xFE, 0xFF],
            _ => Vec::new(),
        };
        for unit in text.encode_utf16() {
            body.extend_from_slice(&if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        let found = explain(Some(400), &body).unwrap();
        assert_eq!(
            found.verdict.summary, expected.verdict.summary,
            "bom {bom}, big-endian {big}"
        );
        assert_eq!(found.errors, expected.errors, "bom {bom}, big-endian {big}");
    }
}
