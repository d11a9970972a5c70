//! Text and JSON output.

use crate::Format;
use crate::output::printable;
use finesse_errors::explain::{ApiError, Diagnosis};
use finesse_errors::{ErrorInfo, Evidence, Family, Recovery};
use serde_json::{Value, json};
use std::io::IsTerminal;

/// `println!` that never panics: see [`output::line`].
macro_rules! outln {
    () => {
        crate::output::line(format_args!(""))
    };
    ($($arg:tt)*) => {
        crate::output::line(format_args!($($arg)*))
    };
}

/// Where output goes and how it looks.
pub struct Style {
    format: Format,
    color: bool,
}

impl Style {
    /// Colour only for text on a terminal, and never when `NO_COLOR` is set.
    pub fn detect(format: Format) -> Style {
        let color = format == Format::Text
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Style { format, color }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
}

pub fn print_json(value: &Value) {
    // A Value always serialises; the fallback only keeps this total.
    let text = crate::output::json_text(value).unwrap_or_else(|_| value.to_string());
    outln!("{text}");
}

/// `family [status] [code] symbol` — the entry's key as people read it.
pub fn key(info: &ErrorInfo) -> String {
    let mut parts = vec![info.family().name().to_string()];
    if let Some(status) = info.http_status() {
        parts.push(status.to_string());
    }
    if let Some(platform) = info.platform() {
        parts.push(platform.name().to_string());
    }
    if let Some(code) = info.code_text() {
        parts.push(code.to_string());
    }
    parts.join(" ")
}

/// Wraps `text` at about 96 columns, indenting continuation lines by `indent` spaces.
fn wrap(text: &str, indent: usize) -> String {
    let width = 96usize.saturating_sub(indent).max(40);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join(&format!("\n{}", " ".repeat(indent)))
}

/// One `name value` line. The value may come from a response body: control characters are
/// shown escaped, never sent to the terminal.
fn field(style: &Style, name: &str, value: &str) {
    outln!(
        "  {} {}",
        style.dim(&format!("{name:<12}")),
        wrap(&printable(value), 15)
    );
}

/// A recovery plan in one line: `wait_and_retry: re-read GET ...; wait 5 s, x2, at most
/// 30 s; after 150 s fail over`.
fn plan_text(plan: &Recovery) -> String {
    let seconds = |d: std::time::Duration| {
        let ms = d.as_millis();
        if ms % 1000 == 0 {
            format!("{} s", ms / 1000)
        } else {
            format!("{ms} ms")
        }
    };
    let mut text = plan.action().name().to_string();
    if let Some(refresh) = plan.refresh() {
        text.push_str(&format!("; re-read {refresh}"));
    }
    if let Some(total) = plan.give_up_after() {
        text.push_str(&format!(
            "; wait {}, x{}, at most {}; after {} {}",
            seconds(plan.first_delay()),
            plan.factor(),
            seconds(plan.max_delay()),
            seconds(total),
            if plan.failover() {
                "fail over to the other node"
            } else {
                "give up"
            }
        ));
    } else {
        text.push_str("; no automatic retry");
    }
    if plan.harmful_to_retry() {
        text.push_str("; retrying can do harm");
    }
    text
}

/// Entries in full: for `lookup` and `search`.
pub fn entries(style: &Style, found: &[&'static ErrorInfo]) {
    if style.format == Format::Json {
        print_json(&json!(found));
        return;
    }
    if found.is_empty() {
        outln!("nothing known matched");
        return;
    }
    for (i, info) in found.iter().enumerate() {
        if i > 0 {
            outln!();
        }
        entry_block(style, info);
    }
}

/// What `lookup` found: every candidate, each with how the query matched it. JSON is an array
/// of entries, each with `"matched_by"`; text says how many matched when there are several.
pub fn candidates(style: &Style, found: &[crate::query::Found]) {
    if style.format == Format::Json {
        let array: Vec<Value> = found
            .iter()
            .map(|(info, form)| {
                let mut value = json!(info);
                if let Some(object) = value.as_object_mut() {
                    object.insert("matched_by".to_string(), json!(form.name()));
                }
                value
            })
            .collect();
        print_json(&Value::Array(array));
        return;
    }
    if found.is_empty() {
        outln!("nothing known matched");
        return;
    }
    if found.len() > 1 {
        let families: std::collections::BTreeSet<&str> =
            found.iter().map(|(info, _)| info.family().name()).collect();
        outln!(
            "{} matches in {} famil{}: the query fits several entries, check which one your source means",
            found.len(),
            families.len(),
            if families.len() == 1 { "y" } else { "ies" }
        );
        outln!();
    }
    for (i, (info, form)) in found.iter().enumerate() {
        if i > 0 {
            outln!();
        }
        entry_block(style, info);
        field(style, "matched by", form.name());
    }
}

fn entry_block(style: &Style, info: &ErrorInfo) {
    let symbol = if info.symbol().is_empty() {
        "(no published name)"
    } else {
        info.symbol()
    };
    outln!("{}  {}", key(info), style.bold(symbol));
    field(style, "message", info.message());
    field(style, "retry", info.retry().name());
    field(style, "category", info.category().name());
    field(style, "layer", info.layer().name());
    field(style, "evidence", evidence_text(info));
    field(style, "remediation", info.remediation());
    field(style, "recovery", &plan_text(info.recovery()));
    if let Some(text) = dialer_text(info) {
        field(style, "dialer", &text);
    }
    if let Some(pairs) = sip_pairs(info) {
        field(style, "from SIP", &pairs);
    }
    if let Some(twin) = info.twin() {
        field(
            style,
            "twin",
            &format!(
                "{}  {} (the same error in another family)",
                key(twin),
                twin.symbol()
            ),
        );
    }
    let aliases: Vec<&str> = info.aliases().collect();
    if !aliases.is_empty() {
        field(style, "aliases", &aliases.join(" "));
    }
    if let Some(note) = info.note() {
        field(style, "note", note);
    }
    field(style, "source", info.source());
}

/// A dialer result's per-result facts, as Cisco's CallResults table gives them.
fn dialer_text(info: &ErrorInfo) -> Option<String> {
    let facts = info.dialer_facts()?;
    let yes_no = |v: Option<bool>| match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not given",
    };
    let action = facts.action().map_or_else(
        || "not given".to_string(),
        |a| format!("{} ({})", a.name(), a.description()),
    );
    Some(format!(
        "counted as an attempt: {}; live voice: {}; the dialer's next step: {action}",
        yes_no(facts.counted_attempt()),
        yes_no(facts.live_voice()),
    ))
}

/// The SIP status / Q.850 cause pairs Cisco's dialer map gives this result for.
fn sip_pairs(info: &ErrorInfo) -> Option<String> {
    if info.family() != Family::DialerCallResult {
        return None;
    }
    let code = info.code()?;
    let mut pairs: Vec<String> = finesse_errors::dialer_sip_map()
        .iter()
        .filter(|m| m.call_result() == code)
        .map(|m| format!("{}/{}", m.sip_status(), m.q850_cause()))
        .collect();
    pairs.dedup();
    (!pairs.is_empty()).then(|| pairs.join(", "))
}

/// One line per entry: for `list`.
pub fn list(style: &Style, found: &[&'static ErrorInfo]) {
    if style.format == Format::Json {
        print_json(&json!(found));
        return;
    }
    let key_width = found.iter().map(|i| key(i).len()).max().unwrap_or(0);
    let symbol_width = found
        .iter()
        .map(|i| i.symbol().len())
        .max()
        .unwrap_or(0)
        .min(64);
    for info in found {
        outln!(
            "{:<key_width$}  {}  {:<18}  {:<14}  {}",
            key(info),
            style.bold(&format!("{:<symbol_width$}", info.symbol())),
            info.retry().name(),
            info.category().name(),
            info.evidence().name(),
        );
    }
}

/// The evidence level, with what it means for the reader when it is not documented.
fn evidence_text(info: &ErrorInfo) -> &'static str {
    match info.evidence() {
        Evidence::Inferred => {
            "inferred (our reading of the name and context: a likely explanation)"
        }
        Evidence::Observed => "observed (seen in a live payload; no published meaning)",
        _ => "documented",
    }
}

/// A diagnosed response.
pub fn diagnosis(style: &Style, d: &Diagnosis) {
    if style.format == Format::Json {
        print_json(&diagnosis_json(d));
        return;
    }
    let verdict = &d.verdict;
    outln!("{}", style.bold(&printable(&verdict.summary)));
    field(style, "retry", verdict.retry.name());
    field(style, "category", verdict.category.name());
    field(style, "layer", verdict.layer.name());
    if let Some(basis) = verdict.basis {
        field(style, "evidence", evidence_text(basis.info));
    }
    field(style, "remediation", verdict.remediation());
    if let Some(plan) = verdict.recovery {
        field(style, "recovery", &plan_text(plan));
    }
    field(style, "why", &verdict.reason);
    if let Some(other) = verdict.disagreement {
        field(
            style,
            "disagrees",
            &format!(
                "{}  {} says retry {}",
                key(other.info),
                other.info.symbol(),
                other.info.retry().name()
            ),
        );
    }
    let status = d.http_status.map_or("none".to_string(), |s| s.to_string());
    field(
        style,
        "response",
        &format!("HTTP {status}, {} body", d.form.name()),
    );
    if d.truncated {
        field(
            style,
            "warning",
            "the body broke off; the errors read before that are shown",
        );
    }
    if d.omitted_errors > 0 {
        field(
            style,
            "warning",
            &format!(
                "{} more errors were found and not kept (at most {} are read)",
                d.omitted_errors,
                finesse_errors::explain::MAX_ERRORS
            ),
        );
    }
    for (name, value) in [
        ("event", &d.event),
        ("request id", &d.request_id),
        ("source", &d.source),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            field(style, name, value);
        }
    }
    for agent in &d.agents {
        let who = agent.login_id.as_deref().unwrap_or("(no login id)");
        let state = agent.state.as_deref().unwrap_or("?");
        let reason = match (agent.code.as_deref(), agent.is_system()) {
            (Some(code), true) => format!("system reason code {code}"),
            (Some(code), false) => format!("agent-chosen reason code {code}"),
            (None, _) => "no reason code".to_string(),
        };
        let label = agent
            .label
            .as_deref()
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        field(style, "agent", &format!("{who} {state}: {reason}{label}"));
    }
    for (i, error) in d.errors.iter().enumerate() {
        outln!();
        outln!(
            "{}",
            style.bold(&format!("error {} of {}", i + 1, d.errors.len()))
        );
        error_block(style, error);
    }
}

fn error_block(style: &Style, error: &ApiError) {
    let fields = [
        ("type", &error.error_type),
        ("message", &error.error_message),
        ("data", &error.error_data),
        ("media", &error.error_media),
        ("periph. code", &error.peripheral_error_code),
        ("periph. msg", &error.peripheral_error_msg),
        ("periph. text", &error.peripheral_error_text),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            field(style, name, value);
        }
    }
    if error.links.is_empty() {
        field(style, "matches", "nothing in the knowledge base");
    }
    for link in &error.links {
        let symbol = if link.info.symbol().is_empty() {
            "(no published name)"
        } else {
            link.info.symbol()
        };
        field(
            style,
            "matches",
            &format!("{}  {symbol}  (by {})", key(link.info), link.via.name()),
        );
    }
}

/// The `explain --format json` object. The documented keys are `http_status`, `retry`,
/// `category`, `summary` and `errors` (each with `error_type`, `error_message`, `error_data`,
/// `peripheral_error_code` and `matches`); the rest are extras.
pub fn diagnosis_json(d: &Diagnosis) -> Value {
    let verdict = &d.verdict;
    let errors: Vec<Value> = d
        .errors
        .iter()
        .map(|e| {
            let matches: Vec<Value> = e
                .links
                .iter()
                .map(|l| {
                    json!({
                        "family": l.info.family(),
                        "code": l.info.code(),
                        "code_text": l.info.code_text().map(|c| c.to_string()),
                        "platform": l.info.platform(),
                        "symbol": l.info.symbol(),
                        "http_status": l.info.http_status(),
                        "via": l.via.name(),
                        "retry": l.info.retry(),
                    })
                })
                .collect();
            json!({
                "error_type": e.error_type,
                "error_message": e.error_message,
                "error_data": e.error_data,
                "error_media": e.error_media,
                "peripheral_error_code": e.peripheral_code(),
                "peripheral_error_msg": e.peripheral_error_msg,
                "peripheral_error_text": e.peripheral_error_text,
                "condition": e.condition,
                "matches": matches,
            })
        })
        .collect();
    let agents: Vec<Value> = d
        .agents
        .iter()
        .map(|a| {
            json!({
                "login_id": a.login_id,
                "state": a.state,
                "reason_code_id": a.reason_code_id,
                "reason_code": a.reason_code(),
                "label": a.label,
                "system": a.is_system(),
                "matches": a.links.iter().map(|l| json!({
                    "family": l.info.family(),
                    "code": l.info.code(),
                    "platform": l.info.platform(),
                    "symbol": l.info.symbol(),
                    "retry": l.info.retry(),
                })).collect::<Vec<Value>>(),
            })
        })
        .collect();
    let disagreement = verdict.disagreement.map(|l| {
        json!({
            "family": l.info.family(),
            "code": l.info.code(),
            "code_text": l.info.code_text().map(|c| c.to_string()),
            "symbol": l.info.symbol(),
            "http_status": l.info.http_status(),
            "via": l.via.name(),
            "retry": l.info.retry(),
        })
    });
    json!({
        "http_status": d.http_status,
        "retry": verdict.retry,
        "disagreement": disagreement,
        "recovery": verdict.recovery,
        "category": verdict.category,
        "layer": verdict.layer,
        "evidence": verdict.basis.map(|l| l.info.evidence()),
        "summary": verdict.summary,
        "reason": verdict.reason,
        "remediation": verdict.remediation(),
        "known": d.is_known(),
        "form": d.form.name(),
        "truncated": d.truncated,
        "omitted_errors": d.omitted_errors,
        "invented_status": d.invented_status,
        "event": d.event,
        "request_id": d.request_id,
        "source": d.source,
        "errors": errors,
        "agents": agents,
    })
}
