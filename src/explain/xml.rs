//! Reads `ApiError` elements out of Finesse XML: REST `ApiErrors`, XMPP `Update` documents,
//! `<data>` fragments and whole XMPP `<message>`s whose `<notification>` holds escaped XML.
//!
//! Element names are matched ASCII-case-insensitively (REST uses `ErrorType`, XMPP
//! `errorType`), children may come in any order, and markup that Finesse failed to escape
//! inside a field (`<errorMessage><ConferenceCallCommand>: ...`) is kept as text.

use super::agent::{UserField, Users};
use super::scan::{ScanError, Scanner, Token, push_text};
use super::xmpp::{self, Wanted};
use super::{ApiError, BodyForm, ExplainError, Extracted, MAX_DEPTH, MAX_NOTIFICATION_LEVELS};
use alloc::string::String;
use alloc::vec::Vec;

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
    /// The `<text>` of an XMPP error.
    XmppText,
    /// A field of a user (state, reason code).
    User(UserField),
}

impl Field {
    fn from_name(name: &[u8]) -> Option<Field> {
        const NAMES: [(&[u8], Field); 10] = [
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
        ];
        NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, field)| field)
    }
}

/// A field being read: which one, its element name, its text so far, and how many stray
/// elements inside it are still open.
struct Capture<'a> {
    field: Field,
    name: &'a [u8],
    text: Vec<u8>,
    nested: usize,
}

impl Capture<'_> {
    /// Keeps a tag found inside the field as text, as written.
    fn push_markup(&mut self, raw: &[u8]) {
        self.text.push(b'<');
        self.text.extend_from_slice(raw);
        self.text.push(b'>');
    }
}

/// The reader's state between tokens.
struct Reader<'a> {
    out: Extracted,
    /// The document element's local name.
    root: Option<&'a [u8]>,
    depth: usize,
    /// The nesting of the envelope this text was escaped in; `depth` never drops below it.
    outer_depth: usize,
    /// How many escaped notifications this document is inside (0 for the body itself).
    level: usize,
    current: Option<ApiError>,
    capture: Option<Capture<'a>>,
    /// Depth of the open `Update` element: `event`, `requestId` and `source` count only as its
    /// direct children (an XMPP message also has a pubsub `<event>` wrapper).
    update_depth: Option<usize>,
    /// Local names of the open elements of this document, outermost first.
    open_names: Vec<&'a [u8]>,
    /// XMPP errors being read.
    xmpp: xmpp::Errors,
    /// The user being read.
    users: Users,
    /// Whether an `errorDetail` element was seen (Unified CCE Administration errors).
    error_detail: bool,
    /// Whether the document element is a stanza's `<error>` on its own.
    stanza_error_root: bool,
}

/// Reads an XML body. `outer_depth` is the nesting of the envelope this text was escaped in,
/// `level` the number of escaped notifications around it.
pub(super) fn read(
    input: &[u8],
    outer_depth: usize,
    level: usize,
) -> Result<Extracted, ExplainError> {
    let mut scanner = Scanner::new(input);
    let mut reader = Reader {
        out: Extracted::default(),
        root: None,
        depth: outer_depth,
        outer_depth,
        level,
        current: None,
        capture: None,
        update_depth: None,
        open_names: Vec::new(),
        xmpp: xmpp::Errors::default(),
        users: Users::default(),
        error_detail: false,
        stanza_error_root: false,
    };
    loop {
        let token = match scanner.next_token() {
            Ok(Some(token)) => token,
            Ok(None) => break,
            Err(error) => {
                reader.broke_off(error)?;
                break;
            }
        };
        match token {
            Token::Start { name, raw, empty } => {
                if let Some(c) = reader.capture.as_mut() {
                    // Markup inside a field is text Finesse forgot to escape. It still counts
                    // against the depth limit, as every element does.
                    c.push_markup(raw);
                    c.nested += usize::from(!empty);
                    if reader.depth + c.nested > MAX_DEPTH {
                        return Err(ExplainError::TooDeep);
                    }
                    continue;
                }
                reader.open(name, raw)?;
                if name.eq_ignore_ascii_case(b"notification") {
                    // The escaped Update: take the element's content in one piece, unescape it
                    // in one pass and read it as a document of its own.
                    let content = if empty {
                        &b""[..]
                    } else {
                        match scanner.content_until_end(name) {
                            Ok(content) => content,
                            // Broken off: what arrived of the Update is still worth reading.
                            Err(_) => {
                                reader.out.truncated = true;
                                scanner.take_rest()
                            }
                        }
                    };
                    if reader.level < MAX_NOTIFICATION_LEVELS {
                        reader.notification(content)?;
                    } else {
                        // A notification escaped inside too many others: Finesse nests one.
                        // Each level would be unescaped and read again, so deeper ones are
                        // skipped and the body is marked truncated.
                        reader.out.truncated = true;
                    }
                    reader.close(name);
                } else if empty {
                    reader.close(name);
                }
            }
            Token::End { name, raw } => {
                if let Some(c) = reader.capture.as_mut() {
                    if c.nested > 0 && !c.name.eq_ignore_ascii_case(name) {
                        c.push_markup(raw);
                        c.nested -= 1;
                        continue;
                    }
                }
                reader.close(name);
            }
            Token::Text(raw) => {
                if let Some(c) = reader.capture.as_mut() {
                    push_text(&mut c.text, raw);
                }
            }
            Token::CData(data) => {
                if let Some(c) = reader.capture.as_mut() {
                    c.text.extend_from_slice(data);
                }
            }
        }
    }
    reader.finish()
}

impl<'a> Reader<'a> {
    /// A start tag outside any field.
    fn open(&mut self, name: &'a [u8], raw: &[u8]) -> Result<(), ExplainError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExplainError::TooDeep);
        }
        let parent = self.open_names.last().copied();
        if self.root.is_none() {
            self.root = Some(name);
            self.stanza_error_root = name.eq_ignore_ascii_case(b"error")
                && !raw.starts_with(b"stream:")
                && (xmpp::attribute(raw, b"type").is_some()
                    || xmpp::attribute(raw, b"code").is_some());
        }
        self.open_names.push(name);
        // XMPP errors and users are tracked whatever else the element is.
        let xmpp_field = match self.xmpp.open(self.depth, name, raw, parent) {
            Wanted::Text => Some(Field::XmppText),
            Wanted::Nothing => None,
        };
        let user_field = self.users.open(self.depth, name).map(Field::User);
        if let Some(field) = xmpp_field.or(user_field) {
            self.capture = Some(Capture {
                field,
                name,
                text: Vec::new(),
                nested: 0,
            });
            return Ok(());
        }
        if name.eq_ignore_ascii_case(b"errordetail") {
            self.error_detail = true;
        }
        if name.eq_ignore_ascii_case(b"apierror") {
            if let Some(open) = self.current.replace(ApiError::default()) {
                self.out.push_error(open);
            }
        } else if name.eq_ignore_ascii_case(b"update") {
            self.update_depth = Some(self.depth);
        } else if let Some(field) = Field::from_name(name) {
            let wanted = match field {
                Field::Event | Field::RequestId | Field::Source => {
                    self.update_depth == Some(self.depth - 1)
                }
                _ => self.current.is_some(),
            };
            if wanted {
                self.capture = Some(Capture {
                    field,
                    name,
                    text: Vec::new(),
                    nested: 0,
                });
            }
        }
        Ok(())
    }

    /// An end tag (or the end of an empty element) outside any field's stray markup.
    fn close(&mut self, name: &[u8]) {
        if let Some(done) = self.capture.take() {
            self.finish_field(done);
        }
        if self.update_depth == Some(self.depth) {
            self.update_depth = None;
        }
        let out = &mut self.out;
        self.xmpp.close(self.depth, |error| out.push_error(error));
        self.users.close(self.depth, |agent| out.push_agent(agent));
        self.open_names.pop();
        self.depth = self.depth.saturating_sub(1).max(self.outer_depth);
        if name.eq_ignore_ascii_case(b"apierror") {
            if let Some(done) = self.current.take() {
                self.out.push_error(done);
            }
        }
    }

    /// Markup broke off: an error if nothing was read yet, otherwise what was read is kept.
    fn broke_off(&mut self, error: ScanError) -> Result<(), ExplainError> {
        if self.out.errors.is_empty() && self.current.is_none() {
            return Err(ExplainError::Malformed {
                position: error.position as u64,
                reason: String::from(error.reason),
            });
        }
        self.out.truncated = true;
        Ok(())
    }

    /// The `<notification>` of an XMPP message: its text is an escaped `Update`, read again.
    fn notification(&mut self, content: &[u8]) -> Result<(), ExplainError> {
        let mut document = Vec::with_capacity(content.len());
        let mut scanner = Scanner::new(content);
        // Text and CDATA sections; anything else (there should be nothing) is dropped.
        while let Ok(Some(token)) = scanner.next_token() {
            match token {
                Token::Text(raw) => push_text(&mut document, raw),
                Token::CData(data) => document.extend_from_slice(data),
                Token::Start { .. } | Token::End { .. } => {}
            }
        }
        let mut inner = match read(document.trim_ascii(), self.depth, self.level + 1) {
            Ok(inner) => inner,
            // An Update that cannot be read still leaves the envelope read.
            Err(ExplainError::Malformed { .. }) => {
                self.out.form = Some(BodyForm::XmppMessage);
                self.out.truncated = true;
                return Ok(());
            }
            Err(error) => return Err(error),
        };
        self.out.form = Some(BodyForm::XmppMessage);
        let (event, request_id, source) = (
            inner.event.take(),
            inner.request_id.take(),
            inner.source.take(),
        );
        self.out.absorb_errors(inner);
        self.out.event = self.out.event.take().or(event);
        self.out.request_id = self.out.request_id.take().or(request_id);
        self.out.source = self.out.source.take().or(source);
        Ok(())
    }

    fn finish_field(&mut self, capture: Capture<'_>) {
        match capture.field {
            Field::XmppText => return self.xmpp.set_text(into_trimmed_string(capture.text)),
            Field::User(field) => {
                return self.users.set(field, into_trimmed_string(capture.text));
            }
            _ => {}
        }
        let slot = match (capture.field, self.current.as_mut()) {
            (Field::Event, _) => &mut self.out.event,
            (Field::RequestId, _) => &mut self.out.request_id,
            (Field::Source, _) => &mut self.out.source,
            (_, None) => return,
            (Field::ErrorType, Some(e)) => &mut e.error_type,
            (Field::ErrorMessage, Some(e)) => &mut e.error_message,
            (Field::ErrorData, Some(e)) => &mut e.error_data,
            (Field::ErrorMedia, Some(e)) => &mut e.error_media,
            (Field::PeripheralErrorCode, Some(e)) => &mut e.peripheral_error_code,
            (Field::PeripheralErrorMsg, Some(e)) => &mut e.peripheral_error_msg,
            (Field::PeripheralErrorText, Some(e)) => &mut e.peripheral_error_text,
            (Field::XmppText | Field::User(_), _) => return,
        };
        // The first occurrence wins; a repeated element does not overwrite it.
        if slot.is_none() {
            *slot = Some(into_trimmed_string(capture.text));
        }
    }

    fn finish(mut self) -> Result<Extracted, ExplainError> {
        // A body that broke off mid-error keeps what was read.
        if let Some(done) = self.capture.take() {
            self.out.truncated = true;
            self.finish_field(done);
        }
        if let Some(open) = self.current.take() {
            self.out.truncated = true;
            self.out.push_error(open);
        }
        let out = &mut self.out;
        self.xmpp.finish(|error| out.push_error(error));
        if self.out.form.is_none() {
            let root = self.root.unwrap_or_default();
            let is = |name: &[u8]| root.eq_ignore_ascii_case(name);
            // Unified CCE Administration answers with lower-camel `apiErrors` as a document of
            // its own (Finesse's are `ApiErrors`, or lower-camel only inside an Update), with
            // dotted types and an optional errorDetail.
            let ucce_admin = root == b"apiErrors"
                && (self.error_detail
                    || self
                        .out
                        .errors
                        .iter()
                        .any(|e| e.error_type.as_deref().is_some_and(super::is_dotted_type)));
            self.out.form = Some(if ucce_admin {
                BodyForm::UcceAdmin
            } else if is(b"apierrors") || is(b"apierror") {
                BodyForm::RestXml
            } else if is(b"update") {
                BodyForm::XmppUpdate
            } else if is(b"data") {
                BodyForm::XmppData
            } else if is(b"body") {
                BodyForm::BoshBody
            } else if is(b"error") && !self.stanza_error_root {
                BodyForm::XmppStreamError
            } else if is(b"error") {
                BodyForm::XmppStanza
            } else if is(b"failure") {
                BodyForm::SaslFailure
            } else if is(b"iq") || is(b"message") || is(b"presence") {
                BodyForm::XmppStanza
            } else if is(b"user") {
                BodyForm::User
            } else if is(b"team") {
                BodyForm::Team
            } else {
                BodyForm::OtherXml
            });
        }
        Ok(self.out)
    }
}

/// A field's text as a trimmed string; invalid UTF-8 becomes U+FFFD. Reuses the buffer when
/// the text is valid.
fn into_trimmed_string(text: Vec<u8>) -> String {
    let mut value = match String::from_utf8(text) {
        Ok(value) => value,
        Err(invalid) => String::from_utf8_lossy(invalid.as_bytes()).into_owned(),
    };
    let end = value.trim_end().len();
    value.truncate(end);
    let start = value.len() - value.trim_start().len();
    value.drain(..start);
    value
}
