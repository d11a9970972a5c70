//! Links each error to the knowledge base and picks the verdict: precise entries before vague
//! (`unspecified`) ones, then the most specific layer (peripheral > CTI > Finesse error type >
//! HTTP status); the retry verdict is the safest of the informative links (see `explain`).

use super::{
    AgentState, ApiError, BodyForm, Context, Diagnosis, Extracted, Link, Method, Verdict, Via,
};
use crate::{
    Category, ErrorInfo, Family, Layer, Platform, Retry, finesse_error, lookup, lookup_all,
    lookup_symbol_all, parse_code,
};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

pub(super) fn diagnose(
    context: Context,
    http_status: Option<u16>,
    extracted: Extracted,
) -> Diagnosis {
    let http_status = http_status.or(extracted.http_status);
    let mut errors = extracted.errors;
    for error in &mut errors {
        error.links = links(http_status, error);
    }
    let mut agents = extracted.agents;
    for agent in &mut agents {
        agent.links = reason_links(context.platform, agent);
        // A system reason code is something that happened to the agent: report it as an error
        // in the same shape as the others. An agent-chosen code is not an error.
        if agent.is_system() && errors.len() < super::MAX_ERRORS {
            errors.push(agent_error(agent));
        }
    }
    let verdict = match verdict(context.method, http_status, &errors) {
        v if v.basis.is_none() && errors.is_empty() && !agents.is_empty() => {
            agents_verdict(&agents)
        }
        v => v,
    };
    Diagnosis {
        http_status,
        form: extracted.form.unwrap_or(BodyForm::Unrecognized),
        event: extracted.event,
        request_id: extracted.request_id,
        source: extracted.source,
        errors,
        verdict,
        truncated: extracted.truncated,
        omitted_errors: extracted.omitted_errors,
        agents,
    }
}

/// How specific a link is: lower is more specific. An entry that says nothing about the
/// cause (`unspecified`) ranks after every precise one, whatever its layer.
fn rank(link: &Link) -> (bool, u8, Via) {
    let layer = match (link.info.family(), link.via) {
        // The telephony cause where it arose: the PG's code, or the Unified CM CTI error the
        // PG's code was made from (the field that matched breaks the tie).
        (Family::Peripheral | Family::UnifiedCm, _) => 0,
        (
            Family::CtiControlFailure
            | Family::CtiStatus
            | Family::MediaRouting
            | Family::Ctios
            | Family::Xmpp
            | Family::ReasonCode,
            _,
        ) => 1,
        (Family::FinesseApi, Via::HttpStatus) => 3,
        (Family::FinesseApi, _) => 2,
    };
    (vague(link), layer, link.via)
}

/// A link that carries no cause of its own: an `unspecified` entry, or the bare HTTP status.
fn vague(link: &Link) -> bool {
    link.info.category() == Category::Unspecified || link.via == Via::HttpStatus
}

/// How cautious a retry verdict is: lower is safer (fewer automatic actions).
fn caution(retry: Retry) -> u8 {
    match retry {
        Retry::Never => 0,
        Retry::AfterStateChange => 1,
        Retry::AfterReconnect => 2,
        Retry::AfterDelay => 3,
        Retry::NotNeeded => 4,
    }
}

/// Whether a verdict lets a program send the request again at all.
fn retries(retry: Retry) -> bool {
    matches!(
        retry,
        Retry::AfterStateChange | Retry::AfterReconnect | Retry::AfterDelay
    )
}

fn push(links: &mut Vec<Link>, info: &'static ErrorInfo, via: Via) {
    if !links.iter().any(|l| core::ptr::eq(l.info, info)) {
        links.push(Link { info, via });
    }
}

/// The system reason-code entries for an agent's code: the given platform's and Finesse's
/// own, or every platform's when none is given.
fn reason_links(platform: Option<Platform>, agent: &AgentState) -> Vec<Link> {
    let Some(code) = agent.reason_code() else {
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

/// The verdict when agents are away only for reasons they chose: nothing failed.
fn agents_verdict(agents: &[AgentState]) -> Verdict {
    let mut summary = String::new();
    for agent in agents.iter().take(3) {
        if !summary.is_empty() {
            summary.push(' ');
        }
        summary.push_str("Agent ");
        summary.push_str(agent.login_id.as_deref().unwrap_or("(no login id)"));
        summary.push_str(" is ");
        summary.push_str(agent.state.as_deref().unwrap_or("away"));
        match (agent.code.as_deref(), agent.reason_code_id.as_deref()) {
            (Some(code), _) => {
                summary.push_str(" with agent-chosen reason code ");
                summary.push_str(code);
                if let Some(label) = agent.label.as_deref() {
                    summary.push_str(" (");
                    summary.push_str(label);
                    summary.push(')');
                }
            }
            (None, Some(id)) if id.trim() != "-1" => {
                summary.push_str(" with reason code id ");
                summary.push_str(id);
                summary.push_str(" (GET /finesse/api/ReasonCode/");
                summary.push_str(id);
                summary.push_str(" names it)");
            }
            _ => summary.push_str(" without a reason code"),
        }
        summary.push('.');
    }
    if agents.len() > 3 {
        summary.push_str(" (");
        push_number(&mut summary, agents.len() as i64);
        summary.push_str(" agents in all)");
    }
    Verdict {
        retry: Retry::NotNeeded,
        category: Category::Success,
        layer: Layer::Finesse,
        basis: None,
        recovery: None,
        disagreement: None,
        summary,
        reason: String::from(
            "no system reason code: the agents chose these states, nothing failed",
        ),
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

/// The family a symbol's prefix names, for reading the number in ErrorData.
fn family_of_prefix(symbol: &str) -> Option<Family> {
    let upper = |prefix: &str| {
        symbol.len() > prefix.len()
            && symbol.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    if upper("E_ARM_STAT_") {
        Some(Family::MediaRouting)
    } else if upper("E_CTIOS_") || upper("CIL_") {
        Some(Family::Ctios)
    } else if upper("CTIERR_") {
        Some(Family::UnifiedCm)
    } else if upper("CF_") {
        Some(Family::CtiControlFailure)
    } else if upper("PERERR_") {
        Some(Family::Peripheral)
    } else if upper("E_") {
        Some(Family::CtiStatus)
    } else {
        None
    }
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
    if let Some(code) = error.peripheral_code() {
        if let Some(info) = lookup(Family::Peripheral, code) {
            push(&mut links, info, Via::PeripheralErrorCode);
        }
    }
    if let Some(msg) = error.peripheral_error_msg.as_deref() {
        for info in lookup_symbol_all(msg).filter(|i| i.family() == Family::Peripheral) {
            push(&mut links, info, Via::PeripheralErrorMsg);
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

    // ErrorMessage naming a CTI / media code, or a Finesse HTTP-level name.
    let message = error.error_message.as_deref().unwrap_or("");
    let mut message_family = None;
    for info in lookup_symbol_all(message) {
        match info.family() {
            Family::FinesseApi => {
                if http_status.is_none_or(|s| info.http_status() == Some(s)) {
                    push(&mut links, info, Via::ErrorMessage);
                }
            }
            family => {
                message_family.get_or_insert(family);
                push(&mut links, info, Via::ErrorMessage);
            }
        }
    }

    // The number in ErrorData, read in the family the message (or ErrorMedia) implies; Finesse
    // itself numbers a few dialog errors (20700, 20999) that arrive with a generic type.
    if let Some(data) = error.error_data.as_deref() {
        let family = message_family
            .or_else(|| family_of_prefix(message.trim()))
            .or_else(|| error.error_media.as_ref().map(|_| Family::MediaRouting))
            .unwrap_or(Family::FinesseApi);
        if let Some(info) = parse_code(family, data).and_then(|code| lookup(family, code)) {
            push(&mut links, info, Via::ErrorData);
        }
    }

    // The Finesse error type, with its status when there is one.
    if let Some(error_type) = error.error_type.as_deref() {
        if let Some(info) = finesse_type(http_status, error_type) {
            push(&mut links, info, Via::ErrorType);
        }
    }

    if let Some(info) = http_status.and_then(status_entry) {
        push(&mut links, info, Via::HttpStatus);
    }
    links.sort_by_key(rank);
    links
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
fn status_entry(status: u16) -> Option<&'static ErrorInfo> {
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

/// Appends an entry's name: family, status, code and symbol (`cti_control_failure 265
/// CF_INVALID_AGENT_WORKMODE`). Built with `push_str`: this runs for every diagnosis, and the
/// formatting machinery costs more than the rest of linking.
fn push_name(out: &mut String, info: &ErrorInfo) {
    out.push_str(info.family().name());
    if let Some(status) = info.http_status() {
        out.push(' ');
        push_number(out, i64::from(status));
    }
    if let Some(platform) = info.platform() {
        out.push(' ');
        out.push_str(platform.name());
    }
    if let Some(code) = info.code() {
        out.push(' ');
        if crate::code::is_hex_family(info.family()) {
            // `0x8CCC00D2`, as Unified CM writes it; no formatting machinery.
            out.push_str("0x");
            let bits = code as u32;
            for shift in (0..8).rev() {
                let digit = ((bits >> (shift * 4)) & 0xF) as u8;
                out.push(char::from(if digit < 10 {
                    b'0' + digit
                } else {
                    b'A' + digit - 10
                }));
            }
        } else {
            push_number(out, i64::from(code));
        }
    }
    if !info.symbol().is_empty() {
        out.push(' ');
        out.push_str(info.symbol());
    }
}

fn push_number(out: &mut String, number: i64) {
    if number < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = number.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        out.push(char::from(digit));
    }
}

/// The links that carry information about the cause: all precise ones, or, when there is no
/// precise one, every link.
fn informative(errors: &[ApiError]) -> impl Iterator<Item = &Link> {
    let all = || errors.iter().flat_map(|e| e.links.iter());
    let any_precise = all().any(|l| !vague(l));
    all().filter(move |l| !any_precise || !vague(l))
}

/// The safest retry verdict among the informative links, and a link that disagrees with
/// `basis` on whether to retry at all.
fn safest(errors: &[ApiError], basis: &Link) -> (Retry, Option<Link>) {
    let basis_retry = basis.info.retry();
    let mut retry = basis_retry;
    let mut disagreement = None;
    for link in informative(errors) {
        let other = link.info.retry();
        if other == Retry::NotNeeded {
            continue;
        }
        if retry == Retry::NotNeeded || caution(other) < caution(retry) {
            retry = other;
        }
        if disagreement.is_none()
            && basis_retry != Retry::NotNeeded
            && retries(other) != retries(basis_retry)
        {
            disagreement = Some(*link);
        }
    }
    (retry, disagreement)
}

/// Retry advice for a server error once the method is known: the adjusted verdict, and the
/// sentence that says why (appended to the reason), if it changed.
fn for_method(
    retry: Retry,
    basis: Option<&Link>,
    method: Option<Method>,
    http_status: Option<u16>,
) -> (Retry, Option<[&'static str; 3]>) {
    let (Some(method), Some(status @ 500..=599)) = (method, http_status) else {
        return (retry, None);
    };
    // 503 means the request was turned away before it was applied: safe to repeat.
    if method.is_write() && status != 503 && retry == Retry::AfterDelay {
        let why = [
            "; a server error after ",
            method.name(),
            " may have taken effect: re-read the object's state before any resend",
        ];
        (Retry::AfterStateChange, Some(why))
    } else if !method.is_write()
        && retry == Retry::AfterStateChange
        && basis.is_none_or(|b| b.info.family() == Family::FinesseApi)
    {
        let why = [
            "; the request was a ",
            method.name(),
            ", which changes nothing: repeat it with backoff",
        ];
        (Retry::AfterDelay, Some(why))
    } else {
        (retry, None)
    }
}

fn verdict(method: Option<Method>, http_status: Option<u16>, errors: &[ApiError]) -> Verdict {
    let best = errors
        .iter()
        .enumerate()
        .filter_map(|(index, e)| e.links.first().map(|link| (Some(index), *link)))
        .min_by_key(|(index, link)| (rank(link), *index))
        // A body without errors (HTML page, empty): the status's own entry.
        .or_else(|| {
            let info = http_status.and_then(status_entry)?;
            Some((
                None,
                Link {
                    info,
                    via: Via::HttpStatus,
                },
            ))
        });

    if let Some((index, link)) = best {
        let info = link.info;
        let (retry, disagreement) = safest(errors, &link);
        let (retry, method_note) = for_method(retry, Some(&link), method, http_status);
        let mut summary = String::with_capacity(160);
        push_name(&mut summary, info);
        summary.push_str(": ");
        summary.push_str(info.message());
        summary.push_str(" Retry: ");
        summary.push_str(retry.name());
        summary.push('.');
        if let Some(index) = index.filter(|_| errors.len() > 1) {
            summary.push_str(" (error ");
            push_number(&mut summary, index as i64 + 1);
            summary.push_str(" of ");
            push_number(&mut summary, errors.len() as i64);
            summary.push(')');
        }
        let total = errors.iter().map(|e| e.links.len()).sum::<usize>().max(1);
        let mut reason = String::with_capacity(200);
        push_name(&mut reason, info);
        reason.push_str(" (matched by ");
        reason.push_str(link.via.name());
        reason.push_str(") is the most specific of ");
        push_number(&mut reason, total as i64);
        reason.push_str(
            " link(s); order: precise before unspecified, then peripheral > CTI > Finesse error type > HTTP status",
        );
        if let Some(other) = disagreement {
            reason.push_str("; ");
            push_name(&mut reason, other.info);
            reason.push_str(" says retry ");
            reason.push_str(other.info.retry().name());
            reason.push_str(", so the safer verdict applies");
        }
        for part in method_note.into_iter().flatten() {
            reason.push_str(part);
        }
        let recovery = core::iter::once(&link)
            .chain(informative(errors))
            .find(|l| l.info.retry() == retry)
            .map(|l| l.info.recovery());
        return Verdict {
            retry,
            category: info.category(),
            layer: info.layer(),
            basis: Some(link),
            recovery,
            disagreement,
            summary,
            reason,
        };
    }

    // Nothing known: decide from the status class. A 5xx may follow a write that took effect,
    // so without a method it is `after_state_change` (a known read relaxes it).
    let (retry, category, summary) = match http_status {
        Some(s @ 200..=399) => (
            Retry::NotNeeded,
            Category::Success,
            format!("HTTP {s} is not an error."),
        ),
        Some(s @ 400..=499) => (
            Retry::Never,
            Category::Request,
            format!("HTTP {s}: the request was refused; no known Finesse error in the body."),
        ),
        Some(s @ 500..=599) => (
            Retry::AfterStateChange,
            Category::Server,
            format!("HTTP {s}: the server failed; no known Finesse error in the body."),
        ),
        Some(s) => (
            Retry::Never,
            Category::Unspecified,
            format!("HTTP {s} is not a status Finesse documents."),
        ),
        None if errors.is_empty() => (
            Retry::Never,
            Category::Unspecified,
            String::from("No error found in the response and no HTTP status given."),
        ),
        None => (
            Retry::Never,
            Category::Unspecified,
            String::from("The response's errors match nothing in the knowledge base."),
        ),
    };
    let (retry, method_note) = for_method(retry, None, method, http_status);
    let mut reason =
        String::from("no knowledge-base entry matched; decided from the HTTP status class");
    for part in method_note.into_iter().flatten() {
        reason.push_str(part);
    }
    Verdict {
        retry,
        category,
        layer: Layer::Finesse,
        basis: None,
        recovery: None,
        disagreement: None,
        summary,
        reason,
    }
}
