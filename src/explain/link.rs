//! Links each error (and each agent's reason code) to the knowledge base entries it names;
//! `verdict.rs` then decides the one answer.

use super::verdict::{agents_verdict, rank, verdict};
use super::{AgentState, ApiError, BodyForm, Context, Diagnosis, Extracted, Link, Via};
use crate::{
    ErrorInfo, Family, Form, Platform, finesse_error, lookup, lookup_all, lookup_symbol_all,
    parse_code, resolve,
};
use alloc::string::String;
use alloc::vec::Vec;

pub(super) fn diagnose(
    context: Context,
    http_status: Option<u16>,
    extracted: Extracted,
) -> Diagnosis {
    // The JavaScript library's 400 for an asynchronous error is no server status, whether
    // the caller passed it on or it came in the wrapper.
    let invented_status = extracted.invented_status;
    let http_status = http_status
        .or(extracted.http_status)
        .filter(|s| Some(*s) != invented_status);
    let form = extracted.form.unwrap_or(BodyForm::Unrecognized);
    let mut errors = extracted.errors;
    for error in &mut errors {
        error.links = match form {
            BodyForm::UcceAdmin => ucce_admin_links(error),
            _ => links(http_status, error),
        };
    }
    let mut agents = extracted.agents;
    let mut omitted_errors = extracted.omitted_errors;
    for agent in &mut agents {
        agent.links = reason_links(context.platform, agent);
        // A system reason code is something that happened to the agent: report it as an error
        // in the same shape as the others. An agent-chosen code is not an error.
        if agent.is_system() {
            if errors.len() < super::MAX_ERRORS {
                errors.push(agent_error(agent));
            } else {
                omitted_errors += 1;
            }
        }
    }
    let finesse_status = form != BodyForm::UcceAdmin;
    let mut verdict = match verdict(context.method, http_status, &errors, finesse_status) {
        v if v.basis.is_none() && errors.is_empty() && !agents.is_empty() => {
            agents_verdict(&agents)
        }
        v => v,
    };
    if invented_status.is_some() {
        verdict.reason.push_str(
            "; the 400 with this error was made up by the Finesse JavaScript library, which gives \
             every asynchronous error that status without knowing the real one, so it was not used",
        );
    }
    if form == BodyForm::UcceAdmin {
        verdict.reason.push_str(
            "; the body is a Unified CCE Administration API error (/unifiedconfig), not a Finesse \
             one: only its own error types were looked up",
        );
    }
    Diagnosis {
        http_status,
        form,
        event: extracted.event,
        request_id: extracted.request_id,
        source: extracted.source,
        errors,
        verdict,
        truncated: extracted.truncated,
        omitted_errors,
        agents,
        invented_status,
    }
}

/// A Unified CCE Administration error links to its own product's error types only: its
/// errorData is a field name and its types are no Finesse ones.
fn ucce_admin_links(error: &ApiError) -> Vec<Link> {
    let mut links = Vec::new();
    if let Some(error_type) = error.error_type.as_deref() {
        for candidate in resolve(error_type).filter(|c| c.entry().family() == Family::UcceConfig) {
            push(&mut links, candidate.entry(), Via::ErrorType);
        }
    }
    links
}

fn push(links: &mut Vec<Link>, info: &'static ErrorInfo, via: Via) {
    if !links.iter().any(|l| core::ptr::eq(l.info, info)) {
        links.push(Link { info, via });
    }
}

/// The system reason-code entries for an agent's code: the given platform's and Finesse's
/// own, or every platform's when none is given.
fn reason_links(platform: Option<Platform>, agent: &AgentState) -> Vec<Link> {
    // Zero is "no reason given" (its entries say so): no system code, nothing to report.
    let Some(code) = agent.reason_code().filter(|&code| code != 0) else {
        return Vec::new();
    };
    let mut links: Vec<Link> = lookup_all(Family::ReasonCode, code)
        .filter(|info| {
            platform.is_none_or(|p| {
                info.platform() == Some(p) || info.platform() == Some(Platform::Finesse)
            })
        })
        .map(|info| Link {
            info,
            via: Via::ReasonCode,
        })
        .collect();
    // Finesse's own meaning of a number holds whatever the platform: it leads.
    links.sort_by_key(|l| l.info.platform() != Some(Platform::Finesse));
    links
}

/// An agent with a system reason code, as an error of the response.
fn agent_error(agent: &AgentState) -> ApiError {
    let mut error_type = String::from("agent ");
    error_type.push_str(agent.state.as_deref().unwrap_or("state"));
    if let Some(login) = agent.login_id.as_deref() {
        error_type.push_str(" (");
        error_type.push_str(login);
        error_type.push(')');
    }
    ApiError {
        error_type: Some(error_type),
        error_message: agent.label.clone(),
        error_data: agent.code.clone(),
        links: agent.links.clone(),
        ..ApiError::default()
    }
}

/// The Unified CM entries a text names: words `CTIERR_…` and hex values `0x` + 8 digits
/// (decimal numbers are left alone: they mean different things in every family).
fn unified_cm_mentions(text: &str) -> impl Iterator<Item = &'static ErrorInfo> + '_ {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter_map(|word| {
            let bytes = word.as_bytes();
            if bytes.len() > 7 && bytes[..7].eq_ignore_ascii_case(b"CTIERR_") {
                lookup_symbol_all(word).find(|i| i.family() == Family::UnifiedCm)
            } else if bytes.len() == 10 && bytes[..2].eq_ignore_ascii_case(b"0x") {
                lookup(Family::UnifiedCm, parse_code(Family::UnifiedCm, word)?)
            } else {
                None
            }
        })
}

fn links(http_status: Option<u16>, error: &ApiError) -> Vec<Link> {
    let mut links = Vec::new();

    // An XMPP error: its condition is the whole story.
    if let Some(condition) = error.condition.as_deref() {
        for info in lookup_symbol_all(condition).filter(|i| i.family() == Family::Xmpp) {
            push(&mut links, info, Via::Condition);
        }
        return links;
    }

    // Peripheral layer (Finesse 12.5(1)+).
    // Zero is the field's "no detail" value (the peripheral 0 entry): it links nothing, so the
    // other fields decide.
    if let Some(code) = error.peripheral_code().filter(|&code| code != 0) {
        if let Some(info) = lookup(Family::Peripheral, code) {
            push(&mut links, info, Via::PeripheralErrorCode);
        }
    }
    if let Some(msg) = error.peripheral_error_msg.as_deref() {
        for candidate in resolve(msg).filter(|c| c.entry().family() == Family::Peripheral) {
            push(&mut links, candidate.entry(), Via::PeripheralErrorMsg);
        }
    }

    // Unified CM CTI errors, by name or hex value, inside any text field.
    for (text, via) in [
        (&error.peripheral_error_msg, Via::PeripheralErrorMsg),
        (&error.peripheral_error_text, Via::PeripheralErrorText),
        (&error.error_message, Via::ErrorMessage),
        (&error.error_data, Via::ErrorData),
    ] {
        if let Some(text) = text.as_deref() {
            for info in unified_cm_mentions(text) {
                push(&mut links, info, via);
            }
        }
    }

    // ErrorMessage naming a CTI / media code (as published, or as client libraries print it:
    // every candidate family), or a Finesse HTTP-level name. A bare number in the message
    // names no family, so it links nothing.
    let message = error.error_message.as_deref().unwrap_or("");
    let mut message_families: Vec<Family> = Vec::new();
    let message_name = message_name(message);
    let candidates = crate::resolve::resolve_names(message_name)
        .filter(|c| c.form() != Form::Code && c.entry().family().in_error_message());
    for candidate in candidates {
        let info = candidate.entry();
        match info.family() {
            Family::FinesseApi => {
                if http_status.is_none_or(|s| info.http_status() == Some(s)) {
                    push(&mut links, info, Via::ErrorMessage);
                }
            }
            family => {
                if !message_families.contains(&family) {
                    message_families.push(family);
                }
                push(&mut links, info, Via::ErrorMessage);
            }
        }
    }

    // The number in ErrorData, read in each family the message (or ErrorMedia) implies; Finesse
    // itself numbers a few dialog errors (20700, 20999) that arrive with a generic type.
    if let Some(data) = error.error_data.as_deref() {
        if message_families.is_empty() {
            message_families.push(
                Family::of_prefix(message.trim())
                    .or_else(|| error.error_media.as_ref().map(|_| Family::MediaRouting))
                    .unwrap_or(Family::FinesseApi),
            );
        }
        for &family in &message_families {
            if let Some(info) = parse_code(family, data).and_then(|code| lookup(family, code)) {
                push(&mut links, info, Via::ErrorData);
            }
        }
        // A name in ErrorData (Finesse puts message keys such as
        // finesse.api.reasoncode.require_reasoncode there).
        let named = crate::resolve::resolve_names(data)
            .filter(|c| c.form() != Form::Code && c.entry().family().in_error_message());
        for candidate in named {
            push(&mut links, candidate.entry(), Via::ErrorData);
        }
    }

    // The Finesse error type, with its status when there is one; or an error the JavaScript
    // library made itself (parseError, Disconnected ...).
    if let Some(error_type) = error.error_type.as_deref() {
        if let Some(info) = finesse_type(http_status, error_type) {
            push(&mut links, info, Via::ErrorType);
        }
        for info in lookup_symbol_all(error_type).filter(|i| i.family() == Family::FinesseJs) {
            push(&mut links, info, Via::ErrorType);
        }
    }

    if let Some(info) = http_status.and_then(status_entry) {
        push(&mut links, info, Via::HttpStatus);
    }
    links.sort_by_key(rank);
    links
}

/// The name an ErrorMessage leads with: the whole message, or, when Finesse wrote a sentence
/// after an upper-case constant (`INVALID_ACTION TRANSFER on extension 1001`,
/// `INVALID_DIALOG_ID: 5`), that constant.
fn message_name(message: &str) -> &str {
    let message = message.trim();
    let end = message
        .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
        .unwrap_or(message.len());
    let head = &message[..end];
    let rest = &message[end..];
    let constant =
        head.contains('_') && head.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
    if constant && (rest.starts_with(' ') || rest.starts_with(':')) {
        head
    } else {
        message
    }
}

/// An ErrorType at the given status; an XMPP error (no status) or an undocumented pairing
/// takes the entry of any status, 400 first (what finesse.js reports async errors as).
fn finesse_type(http_status: Option<u16>, error_type: &str) -> Option<&'static ErrorInfo> {
    if let Some(info) = http_status.and_then(|s| finesse_error(s, error_type)) {
        return Some(info);
    }
    let candidates = || lookup_symbol_all(error_type).filter(|i| i.family() == Family::FinesseApi);
    if let Some(info) = candidates()
        .find(|i| i.http_status() == Some(400))
        .or_else(|| candidates().next())
    {
        return Some(info);
    }
    // Message keys sometimes arrive broken by a stray space ("team_assignment_ invalid_team").
    if error_type.contains('.') && error_type.contains(char::is_whitespace) {
        let joined: String = error_type.split_whitespace().collect();
        return finesse_type(http_status, &joined);
    }
    None
}

/// The entry for a bare HTTP status: its standard reason phrase as a Finesse error type.
pub(super) fn status_entry(status: u16) -> Option<&'static ErrorInfo> {
    let phrase = match status {
        400 => "Bad Request",
        401 => "Authorization Failure",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => return None,
    };
    finesse_error(status, phrase)
}
