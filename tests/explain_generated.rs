//! `explain` reads back exactly what was written: documents generated from known field values,
//! in every shape Finesse uses (REST `ApiErrors`, XMPP `Update`, a whole XMPP `<message>` with
//! the `Update` escaped into its `<notification>`), with the liberties XML allows: any
//! element-name case and child order, namespace prefixes, attributes, comments, CDATA,
//! character references, empty elements.
#![cfg(feature = "explain")]

use finesse_errors::explain::{BodyForm, explain};
use proptest::prelude::*;

/// The seven fields of an `ApiError`, in the order of `FIELDS`.
type Fields = [Option<String>; 7];

const FIELDS: [(&str, &str); 7] = [
    ("ErrorType", "errorType"),
    ("ErrorMessage", "errorMessage"),
    ("ErrorData", "errorData"),
    ("ErrorMedia", "errorMedia"),
    ("PeripheralErrorCode", "peripheralErrorCode"),
    ("PeripheralErrorMsg", "peripheralErrorMsg"),
    ("PeripheralErrorText", "peripheralErrorText"),
];

#[derive(Clone, Copy, Debug)]
enum Shape {
    Rest,
    Update,
    Message,
    /// A message whose notification is a CDATA section instead of escaped text.
    MessageCData,
}

/// How a value is written into an element.
#[derive(Clone, Copy, Debug)]
enum Writing {
    Escaped,
    /// Every escaped character as a numeric reference.
    NumericRefs,
    CData,
    /// `<x/>` for an empty value.
    SelfClosing,
}

#[derive(Clone, Debug)]
struct Style {
    shape: Shape,
    writing: Writing,
    /// Flip the case of element names (byte index → upper or lower).
    odd_case: bool,
    prefix: bool,
    attributes: bool,
    comments: bool,
    declaration: bool,
    /// Indentation between elements.
    indent: bool,
}

fn escape(value: &str, numeric: bool) -> String {
    let mut out = String::new();
    for ch in value.chars() {
        match (ch, numeric) {
            ('<' | '>' | '&' | '"' | '\'', true) => out.push_str(&format!("&#{};", ch as u32)),
            ('<', false) => out.push_str("&lt;"),
            ('>', false) => out.push_str("&gt;"),
            ('&', false) => out.push_str("&amp;"),
            _ => out.push(ch),
        }
    }
    out
}

fn name(style: &Style, name: &str) -> String {
    let name = if style.odd_case {
        name.chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    } else {
        name.to_string()
    };
    if style.prefix {
        format!("f:{name}")
    } else {
        name
    }
}

fn element(style: &Style, out: &mut String, tag: &str, value: &str) {
    let tag = name(style, tag);
    let gap = if style.indent { "\n  " } else { "" };
    if style.comments {
        out.push_str("<!-- a <comment> -->");
    }
    match style.writing {
        Writing::SelfClosing if value.is_empty() => out.push_str(&format!("{gap}<{tag}/>")),
        Writing::CData if !value.contains("]]>") => {
            out.push_str(&format!("{gap}<{tag}><![CDATA[{value}]]></{tag}>"))
        }
        Writing::NumericRefs => {
            out.push_str(&format!("{gap}<{tag}>{}</{tag}>", escape(value, true)))
        }
        _ => out.push_str(&format!("{gap}<{tag}>{}</{tag}>", escape(value, false))),
    }
}

fn api_errors(style: &Style, errors: &[(Fields, Vec<usize>)], camel: bool) -> String {
    let mut out = String::new();
    let root = name(style, if camel { "apiErrors" } else { "ApiErrors" });
    let one = name(style, if camel { "apiError" } else { "ApiError" });
    let attributes = if style.attributes {
        r#" kind="a > b" other='x/"y'"#
    } else {
        ""
    };
    out.push_str(&format!("<{root}{attributes}>"));
    for (fields, order) in errors {
        out.push_str(&format!("<{one}{attributes}>"));
        for &i in order {
            if let Some(value) = &fields[i] {
                let tag = if camel { FIELDS[i].1 } else { FIELDS[i].0 };
                element(style, &mut out, tag, value);
            }
        }
        out.push_str(&format!("</{one}>"));
    }
    out.push_str(&format!("</{root}>"));
    out
}

fn update(style: &Style, errors: &[(Fields, Vec<usize>)], meta: &[String; 3]) -> String {
    let mut out = String::new();
    out.push_str(&format!("<{}>", name(style, "Update")));
    out.push_str(&format!("<{}>", name(style, "data")));
    out.push_str(&api_errors(style, errors, true));
    out.push_str(&format!("</{}>", name(style, "data")));
    for (tag, value) in ["event", "requestId", "source"].iter().zip(meta) {
        element(style, &mut out, tag, value);
    }
    out.push_str(&format!("</{}>", name(style, "Update")));
    out
}

fn document(style: &Style, errors: &[(Fields, Vec<usize>)], meta: &[String; 3]) -> String {
    let body = match style.shape {
        Shape::Rest => api_errors(style, errors, false),
        Shape::Update => update(style, errors, meta),
        Shape::Message | Shape::MessageCData => {
            let inner = update(style, errors, meta);
            let notification = match style.shape {
                Shape::MessageCData if !inner.contains("]]>") => {
                    format!("<![CDATA[{inner}]]>")
                }
                _ => escape(&inner, false),
            };
            format!(
                r#"<message from="pubsub.example.com" to="a@example.com"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/finesse/api/User/1001"><item id="1"><notification xmlns="http://jabber.org/protocol/pubsub">{notification}</notification></item></items></event></message>"#
            )
        }
    };
    if style.declaration {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{body}")
    } else {
        body
    }
}

fn value() -> impl Strategy<Value = String> + Clone {
    // Markup characters, entity look-alikes, non-ASCII, and the odd `]]>`.
    "[A-Za-z0-9 _.:/<>&;#'\"é-]{0,16}|]]>"
}

fn fields() -> impl Strategy<Value = (Fields, Vec<usize>)> {
    let one = || prop::option::of(value());
    (
        [one(), one(), one(), one(), one(), one(), one()],
        Just((0..7).collect::<Vec<usize>>()).prop_shuffle(),
    )
}

fn style() -> impl Strategy<Value = Style> {
    (
        prop_oneof![
            Just(Shape::Rest),
            Just(Shape::Update),
            Just(Shape::Message),
            Just(Shape::MessageCData)
        ],
        prop_oneof![
            Just(Writing::Escaped),
            Just(Writing::NumericRefs),
            Just(Writing::CData),
            Just(Writing::SelfClosing)
        ],
        any::<[bool; 6]>(),
    )
        .prop_map(|(shape, writing, flags)| Style {
            shape,
            writing,
            odd_case: flags[0],
            prefix: flags[1],
            attributes: flags[2],
            comments: flags[3],
            declaration: flags[4],
            indent: flags[5],
        })
}

/// What `explain` should report for a value: trimmed, as the reader does.
fn expected(value: &Option<String>) -> Option<String> {
    value.as_ref().map(|v| v.trim().to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn generated_documents_are_read_exactly(
        style in style(),
        errors in prop::collection::vec(fields(), 1..4),
        meta in [value(), value(), value()],
    ) {
        let body = document(&style, &errors, &meta);
        let d = explain(Some(400), body.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}\n{body}")))?;
        prop_assert!(!d.truncated, "{body}");
        let form = match style.shape {
            Shape::Rest => BodyForm::RestXml,
            Shape::Update => BodyForm::XmppUpdate,
            Shape::Message | Shape::MessageCData => BodyForm::XmppMessage,
        };
        prop_assert_eq!(d.form, form);
        prop_assert_eq!(d.errors.len(), errors.len(), "{}", body);
        for (read, (written, _)) in d.errors.iter().zip(&errors) {
            let got = [
                &read.error_type,
                &read.error_message,
                &read.error_data,
                &read.error_media,
                &read.peripheral_error_code,
                &read.peripheral_error_msg,
                &read.peripheral_error_text,
            ];
            for (i, field) in got.iter().enumerate() {
                prop_assert_eq!(*field, &expected(&written[i]), "{} in {}", FIELDS[i].0, body);
            }
        }
        if !matches!(style.shape, Shape::Rest) {
            let got = [&d.event, &d.request_id, &d.source];
            for (field, written) in got.iter().zip(&meta) {
                prop_assert_eq!(*field, &Some(written.trim().to_string()), "{}", body);
            }
        }
    }
}
