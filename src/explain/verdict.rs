//! The verdict for a whole response: which link it rests on (precise before vague, then the
//! most specific layer), the safest retry verdict among the informative links, the HTTP
//! method's say on server errors, and the texts people read.

use super::link::status_entry;
use super::{AgentState, ApiError, Link, Method, Verdict, Via};
use crate::{Category, ErrorInfo, Evidence, Family, Layer, Retry};
use alloc::format;
use alloc::string::String;

/// How specific a link is: lower is more specific. An entry that says nothing about the
/// cause (`unspecified`) ranks after every precise one, whatever its layer.
pub(super) fn rank(link: &Link) -> (bool, u8, Via) {
    // The telephony cause where it arose first (the PG's code, or the Unified CM CTI error
    // the PG's code was made from; the field that matched breaks the tie), Finesse's own
    // entries last, and the bare HTTP status after them (see `Family::spec`).
    let layer = match link.via {
        Via::HttpStatus => 3,
        _ => link.info.family().spec().specificity,
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

/// The verdict when agents are away only for reasons they chose: nothing failed.
pub(super) fn agents_verdict(agents: &[AgentState]) -> Verdict {
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
        } else if crate::code::is_word_family(info.family()) {
            // A CDR cause is stored in decimal, as the unsigned 32-bit value.
            push_number(out, i64::from(code as u32));
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

/// Whether a Finesse client receives this family's codes from Finesse itself.
fn finesse_receives(info: &ErrorInfo) -> bool {
    info.family().sent_by_finesse()
}

/// `finesse_status`: whether the status may stand for a Finesse entry when no error matched
/// (not for another product's body, such as Unified CCE Administration's).
pub(super) fn verdict(
    method: Option<Method>,
    http_status: Option<u16>,
    errors: &[ApiError],
    finesse_status: bool,
) -> Verdict {
    let best = errors
        .iter()
        .enumerate()
        .filter_map(|(index, e)| e.links.first().map(|link| (Some(index), *link)))
        .min_by_key(|(index, link)| (rank(link), *index))
        // A body without errors (HTML page, empty): the status's own entry.
        .or_else(|| {
            let info = http_status
                .filter(|_| finesse_status)
                .and_then(status_entry)?;
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
        reason.push_str(match info.evidence() {
            Evidence::Inferred => {
                "; its basis is inferred (our reading of the name and context, not a published meaning), so treat the remediation as a likely explanation"
            }
            Evidence::Observed => {
                "; its basis is observed (seen in a live payload, not published by Cisco)"
            }
            _ => "",
        });
        // The client reading a Finesse response is a Finesse client: among the entries that
        // carry the verdict, the plan of one Finesse reports itself (error type, XMPP
        // condition, reason code) names Finesse's own state; a forwarded CTI, PG or JTAPI
        // code's plan is written for that interface's clients.
        let carries = || {
            core::iter::once(&link)
                .chain(informative(errors))
                .filter(|l| l.info.retry() == retry)
        };
        let recovery = carries()
            .find(|l| finesse_receives(l.info))
            .or_else(|| carries().next())
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
