//! The hand-written XML scanner of `explain`, held to the library it replaces: quick-xml reads
//! the same generated documents, and both must extract the same fields, character for
//! character: plain text, the five predefined entities, decimal and hex character references,
//! CDATA sections, whitespace, non-ASCII text, in the REST and the XMPP shapes.
#![cfg(feature = "explain")]

use finesse_errors::explain::explain;
use proptest::prelude::*;
use quick_xml::events::Event;

/// The fields compared, as (REST name, XMPP name).
const FIELDS: [(&str, &str); 6] = [
    ("ErrorType", "errorType"),
    ("ErrorMessage", "errorMessage"),
    ("ErrorData", "errorData"),
    ("ErrorMedia", "errorMedia"),
    ("PeripheralErrorMsg", "peripheralErrorMsg"),
    ("PeripheralErrorText", "peripheralErrorText"),
];

/// One error: the text of each field that is present, as written in XML.
type Written = Vec<Option<String>>;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 _.:/()-]{1,8}",
        Just("é漢🙂".to_string()),
        prop::sample::select(vec![
            "&lt;",
            "&gt;",
            "&amp;",
            "&apos;",
            "&quot;",
            "&#233;",
            "&#x41;",
            "&#65;",
            "&#x1F642;"
        ])
        .prop_map(String::from),
        "[a-z<>& ]{0,6}".prop_map(|s| format!("<![CDATA[{s}]]>")),
        prop::sample::select(vec![" ", "\n", "\t", "  "]).prop_map(String::from),
    ]
}

fn field_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..6).prop_map(|pieces| pieces.concat())
}

fn error() -> impl Strategy<Value = Written> {
    prop::collection::vec(prop::option::of(field_text()), FIELDS.len())
}

fn document(errors: &[Written], xmpp: bool) -> String {
    let (wrap_open, wrap_close, list, item) = if xmpp {
        (
            "<Update><data>",
            "</data><event>PUT</event></Update>",
            "apiErrors",
            "apiError",
        )
    } else {
        ("", "", "ApiErrors", "ApiError")
    };
    let mut xml = format!("{wrap_open}<{list}>");
    for error in errors {
        xml.push_str(&format!("<{item}>"));
        for (text, (rest, camel)) in error.iter().zip(FIELDS) {
            if let Some(text) = text {
                let name = if xmpp { camel } else { rest };
                xml.push_str(&format!("<{name}>{text}</{name}>"));
            }
        }
        xml.push_str(&format!("</{item}>"));
    }
    xml.push_str(&format!("</{list}>{wrap_close}"));
    xml
}

/// The oracle: quick-xml's events, with references resolved as XML defines them.
fn read_with_quick_xml(xml: &str) -> Vec<Vec<Option<String>>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut errors = Vec::new();
    let mut current: Option<Vec<Option<String>>> = None;
    let mut field: Option<(usize, String)> = None;
    loop {
        match reader.read_event().expect("generated XML is well formed") {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if name.eq_ignore_ascii_case("apierror") {
                    current = Some(vec![None; FIELDS.len()]);
                } else if let Some(i) = FIELDS
                    .iter()
                    .position(|(rest, _)| rest.eq_ignore_ascii_case(&name))
                {
                    field = Some((i, String::new()));
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = field.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = field.as_mut() {
                    match r.resolve_char_ref().unwrap() {
                        Some(ch) => text.push(ch),
                        None => text.push(match r.as_ref() {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "apos" => '\'',
                            "quot" => '"',
                            other => panic!("unexpected entity {other:?}"),
                        }),
                    }
                }
            }
            Event::CData(c) => {
                if let Some((_, text)) = field.as_mut() {
                    text.push_str(&c.into_inner());
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_string();
                if let Some((i, text)) = field.take() {
                    if let Some(error) = current.as_mut() {
                        error[i].get_or_insert(text.trim().to_string());
                    }
                } else if name.eq_ignore_ascii_case("apierror") {
                    errors.extend(current.take());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    errors
}

fn read_with_explain(xml: &str) -> Vec<Vec<Option<String>>> {
    let d = explain(Some(400), xml.as_bytes()).expect("explain reads generated XML");
    d.errors
        .iter()
        .map(|e| {
            vec![
                e.error_type.clone(),
                e.error_message.clone(),
                e.error_data.clone(),
                e.error_media.clone(),
                e.peripheral_error_msg.clone(),
                e.peripheral_error_text.clone(),
            ]
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn explain_reads_what_quick_xml_reads(
        errors in prop::collection::vec(error(), 0..4),
        xmpp in any::<bool>(),
    ) {
        let xml = document(&errors, xmpp);
        prop_assert_eq!(read_with_explain(&xml), read_with_quick_xml(&xml), "{}", xml);
    }
}

#[test]
fn the_oracle_reads_what_it_is_given() {
    let xml = document(
        &[vec![
            Some("a &amp; <![CDATA[<b>]]> &#233;".into()),
            None,
            None,
            None,
            None,
            None,
        ]],
        false,
    );
    assert_eq!(
        read_with_quick_xml(&xml),
        [vec![
            Some("a & <b> é".to_string()),
            None,
            None,
            None,
            None,
            None
        ]]
    );
}
