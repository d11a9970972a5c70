//! Reads `ApiError` elements out of Finesse XML: REST `ApiErrors`, XMPP `Update` documents,
//! `<data>` fragments and whole XMPP `<message>`s whose `<notification>` holds escaped XML.
//!
//! Element names are matched ASCII-case-insensitively (REST uses `ErrorType`, XMPP
//! `errorType`), children may come in any order, and markup that Finesse failed to escape
//! inside a field (`<errorMessage><ConferenceCallCommand>: ...`) is kept as text.

use super::{ApiError, BodyForm, ExplainError, Extracted, MAX_DEPTH};
use alloc::borrow::ToOwned;
use alloc::string::{String, ToString};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// Text-bearing elements we read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    ErrorType,
    ErrorMessage,
    ErrorData,
    ErrorMedia,
    PeripheralErrorCode,
    PeripheralErrorMsg,
    PeripheralErrorText,
    Event,
    RequestId,
    Source,
    Notification,
}

impl Field {
    fn from_name(name: &[u8]) -> Option<Field> {
        const NAMES: [(&[u8], Field); 11] = [
            (b"errortype", Field::ErrorType),
            (b"errormessage", Field::ErrorMessage),
            (b"errordata", Field::ErrorData),
            (b"errormedia", Field::ErrorMedia),
            (b"peripheralerrorcode", Field::PeripheralErrorCode),
            (b"peripheralerrormsg", Field::PeripheralErrorMsg),
            (b"peripheralerrortext", Field::PeripheralErrorText),
            (b"event", Field::Event),
            (b"requestid", Field::RequestId),
            (b"source", Field::Source),
            (b"notification", Field::Notification),
        ];
        NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, field)| field)
    }
}

/// A field being read: which one, its element name, its text so far, and how many stray
/// elements inside it are still open.
struct Capture {
    field: Field,
    name: String,
    text: String,
    nested: usize,
}

/// Reads an XML body. `outer_depth` is the nesting of the envelope this text was escaped in.
pub(super) fn read(text: &str, outer_depth: usize) -> Result<Extracted, ExplainError> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.expand_empty_elements = true;

    let mut out = Extracted::default();
    let mut root: Option<String> = None;
    let mut depth = outer_depth;
    let mut current: Option<ApiError> = None;
    let mut capture: Option<Capture> = None;
    // Depth of the open `Update` element: `event`, `requestId` and `source` count only as its
    // direct children (an XMPP message also has a pubsub `<event>` wrapper).
    let mut update_depth: Option<usize> = None;

    loop {
        let position = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                if out.errors.is_empty() && current.is_none() {
                    return Err(ExplainError::Malformed {
                        position,
                        reason: e.to_string(),
                    });
                }
                out.truncated = true;
                break;
            }
        };
        match event {
            Event::Start(start) => {
                let local = start.local_name();
                let name: &str = local.as_ref();
                if let Some(c) = capture.as_mut() {
                    // Markup inside a field is text Finesse forgot to escape.
                    c.text.push('<');
                    c.text.push_str(&start);
                    c.text.push('>');
                    c.nested += 1;
                    continue;
                }
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ExplainError::TooDeep);
                }
                if root.is_none() {
                    root = Some(name.to_ascii_lowercase());
                }
                if name.eq_ignore_ascii_case("apierror") {
                    if let Some(open) = current.replace(ApiError::default()) {
                        out.errors.push(open);
                    }
                } else if name.eq_ignore_ascii_case("update") {
                    update_depth = Some(depth);
                } else if name.eq_ignore_ascii_case("notification") {
                    // The escaped Update: take the element's raw text in one piece and unescape it
                    // in one pass, rather than event by event (every `&lt;` is an event).
                    let text = match reader.read_text(start.name()) {
                        Ok(raw) => unescape_notification(&raw),
                        Err(_) => {
                            out.truncated = true;
                            break;
                        }
                    };
                    let done = Capture {
                        field: Field::Notification,
                        name: String::from(name),
                        text,
                        nested: 0,
                    };
                    finish_field(done, &mut current, &mut out, depth)?;
                    depth -= 1;
                } else if let Some(field) = Field::from_name(name.as_bytes()) {
                    let wanted = match field {
                        Field::Notification => true,
                        Field::Event | Field::RequestId | Field::Source => {
                            update_depth == Some(depth - 1)
                        }
                        _ => current.is_some(),
                    };
                    if wanted {
                        capture = Some(Capture {
                            field,
                            name: String::from(name),
                            text: String::new(),
                            nested: 0,
                        });
                    }
                }
            }
            Event::End(end) => {
                let name = end.local_name();
                if let Some(c) = capture.as_mut() {
                    if c.nested > 0 && !c.name.eq_ignore_ascii_case(name.as_ref()) {
                        c.text.push_str("</");
                        c.text.push_str(name.as_ref());
                        c.text.push('>');
                        c.nested -= 1;
                        continue;
                    }
                    if let Some(done) = capture.take() {
                        finish_field(done, &mut current, &mut out, depth)?;
                    }
                }
                if update_depth == Some(depth) {
                    update_depth = None;
                }
                depth = depth.saturating_sub(1).max(outer_depth);
                if name.as_ref().eq_ignore_ascii_case("apierror") {
                    if let Some(done) = current.take() {
                        out.errors.push(done);
                    }
                }
            }
            Event::Text(t) => {
                if let Some(c) = capture.as_mut() {
                    c.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(c) = capture.as_mut() {
                    c.text.push_str(&data);
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(c) = capture.as_mut() {
                    let char_ref = if reference.is_char_ref() {
                        reference.resolve_char_ref().ok().flatten()
                    } else {
                        None
                    };
                    match char_ref {
                        Some(ch) => c.text.push(ch),
                        None => match quick_xml::escape::resolve_predefined_entity(&reference) {
                            Some(resolved) => c.text.push_str(resolved),
                            // An unknown entity is kept as written; nothing is fetched.
                            None => {
                                c.text.push('&');
                                c.text.push_str(&reference);
                                c.text.push(';');
                            }
                        },
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }

    // A body that broke off mid-error keeps what was read.
    if let Some(done) = capture.take() {
        out.truncated = true;
        finish_field(done, &mut current, &mut out, depth)?;
    }
    if let Some(open) = current.take() {
        out.truncated = true;
        out.errors.push(open);
    }
    if out.form.is_none() {
        out.form = Some(match root.as_deref() {
            Some("apierrors") | Some("apierror") => BodyForm::RestXml,
            Some("update") => BodyForm::XmppUpdate,
            Some("data") => BodyForm::XmppData,
            _ => BodyForm::OtherXml,
        });
    }
    Ok(out)
}

fn finish_field(
    capture: Capture,
    current: &mut Option<ApiError>,
    out: &mut Extracted,
    depth: usize,
) -> Result<(), ExplainError> {
    let value = capture.text.trim().to_owned();
    let slot = match (capture.field, current.as_mut()) {
        (Field::Notification, _) => {
            // The Update travels XML-escaped inside the XMPP message: read it again.
            let inner = read(&value, depth)?;
            out.form = Some(BodyForm::XmppMessage);
            out.truncated |= inner.truncated;
            out.errors.extend(inner.errors);
            out.event = out.event.take().or(inner.event);
            out.request_id = out.request_id.take().or(inner.request_id);
            out.source = out.source.take().or(inner.source);
            return Ok(());
        }
        (Field::Event, _) => &mut out.event,
        (Field::RequestId, _) => &mut out.request_id,
        (Field::Source, _) => &mut out.source,
        (_, None) => return Ok(()),
        (Field::ErrorType, Some(e)) => &mut e.error_type,
        (Field::ErrorMessage, Some(e)) => &mut e.error_message,
        (Field::ErrorData, Some(e)) => &mut e.error_data,
        (Field::ErrorMedia, Some(e)) => &mut e.error_media,
        (Field::PeripheralErrorCode, Some(e)) => &mut e.peripheral_error_code,
        (Field::PeripheralErrorMsg, Some(e)) => &mut e.peripheral_error_msg,
        (Field::PeripheralErrorText, Some(e)) => &mut e.peripheral_error_text,
    };
    // The first occurrence wins; a repeated element does not overwrite it.
    if slot.is_none() {
        *slot = Some(value);
    }
    Ok(())
}

/// The text of a `<notification>`: a CDATA section is taken as it is, escaped text is unescaped
/// (an unknown entity leaves the text as sent, for the XML reader to deal with).
fn unescape_notification(raw: &str) -> String {
    let trimmed = raw.trim();
    if let Some(data) = trimmed
        .strip_prefix("<![CDATA[")
        .and_then(|d| d.strip_suffix("]]>"))
    {
        return String::from(data);
    }
    match quick_xml::escape::unescape(trimmed) {
        Ok(text) => text.into_owned(),
        Err(_) => String::from(trimmed),
    }
}
