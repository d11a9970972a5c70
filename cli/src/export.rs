//! `finesse-errors export`: the whole knowledge base as JSON (for JavaScript and everything
//! else) or one family as CSV (for spreadsheets).
//!
//! The JSON is described by `schema/knowledge-base.schema.json`. Keys are sorted and entries
//! keep the table's order, so two runs print the same bytes.

use finesse_errors::{
    Action, Category, DialerAction, ErrorInfo, Evidence, Family, Layer, Platform, Retry, all,
    dialer_sip_map, entries,
};
use serde_json::{Value, json};

/// The version of the export's shape: raised when a field changes meaning or goes away, or
/// a required field is added (2: `evidence` and `twin` on every entry; 3: `dialer` on every
/// entry, the `dialer_action` vocabulary and the Outbound `dialer_sip_map`).
pub const SCHEMA_VERSION: u32 = 3;

fn vocabulary<T: Copy>(
    values: &[T],
    name: fn(T) -> &'static str,
    number: fn(T) -> u32,
    description: fn(T) -> &'static str,
) -> Value {
    values
        .iter()
        .map(|&v| json!({"name": name(v), "value": number(v), "description": description(v)}))
        .collect()
}

/// The whole knowledge base.
pub fn json_export() -> Value {
    let families: Vec<Value> = Family::ALL
        .iter()
        .map(|&family| {
            json!({
                "name": family.name(),
                "description": family.description(),
                "entries": entries(family).iter().map(|info| json!(info)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "crate_version": env!("CARGO_PKG_VERSION"),
        "entry_count": all().len(),
        "vocabularies": {
            "family": vocabulary(Family::ALL, Family::name, Family::to_u32, Family::description),
            "retry": vocabulary(Retry::ALL, Retry::name, Retry::to_u32, Retry::description),
            "category": vocabulary(Category::ALL, Category::name, Category::to_u32, Category::description),
            "layer": vocabulary(Layer::ALL, Layer::name, Layer::to_u32, Layer::description),
            "platform": vocabulary(Platform::ALL, Platform::name, Platform::to_u32, Platform::description),
            "action": vocabulary(Action::ALL, Action::name, Action::to_u32, Action::description),
            "evidence": vocabulary(Evidence::ALL, Evidence::name, Evidence::to_u32, Evidence::description),
            "dialer_action": vocabulary(DialerAction::ALL, DialerAction::name, DialerAction::to_u32, DialerAction::description),
        },
        "families": families,
        "dialer_sip_map": dialer_sip_map(),
    })
}

/// The CSV columns of an export: the data file's, plus the code as written and the plan.
const CSV_HEADER: &[&str] = &[
    "family",
    "http_status",
    "platform",
    "code",
    "code_text",
    "symbol",
    "aliases",
    "category",
    "retry",
    "layer",
    "message",
    "remediation",
    "source",
    "note",
    "recovery_action",
    "recovery_refresh",
    "recovery_first_delay_ms",
    "recovery_factor",
    "recovery_max_delay_ms",
    "recovery_give_up_after_ms",
    "recovery_failover",
    "recovery_harmful_to_retry",
    "recovery_source",
    "evidence",
    "twin",
    "dialer_counted_attempt",
    "dialer_live_voice",
    "dialer_action",
];

fn csv_record(info: &ErrorInfo) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let plan = info.recovery();
    // A dialer result's per-result facts; blank for every other family.
    let dialer = info.dialer_facts();
    vec![
        info.family().name().to_string(),
        opt(info.http_status().map(|s| s.to_string())),
        opt(info.platform().map(|p| p.name().to_string())),
        opt(info.code().map(|c| c.to_string())),
        opt(info.code_text().map(|c| c.to_string())),
        info.symbol().to_string(),
        info.aliases().collect::<Vec<_>>().join(" "),
        info.category().name().to_string(),
        info.retry().name().to_string(),
        info.layer().name().to_string(),
        info.message().to_string(),
        info.remediation().to_string(),
        info.source().to_string(),
        info.note().unwrap_or("").to_string(),
        plan.action().name().to_string(),
        plan.refresh().unwrap_or("").to_string(),
        plan.first_delay().as_millis().to_string(),
        plan.factor().to_string(),
        plan.max_delay().as_millis().to_string(),
        opt(plan.give_up_after().map(|d| d.as_millis().to_string())),
        plan.failover().to_string(),
        plan.harmful_to_retry().to_string(),
        plan.source().to_string(),
        info.evidence().name().to_string(),
        opt(info.twin().map(twin_key)),
        opt(dialer
            .and_then(|d| d.counted_attempt())
            .map(|b| b.to_string())),
        opt(dialer.and_then(|d| d.live_voice()).map(|b| b.to_string())),
        opt(dialer
            .and_then(|d| d.action())
            .map(|a| a.name().to_string())),
    ]
}

/// A twin as the data files name it: `family:key` (`unified_cm:0x8CCC0004`).
fn twin_key(twin: &ErrorInfo) -> String {
    let key = match (twin.http_status(), twin.platform(), twin.code_text()) {
        (Some(status), _, _) => format!("{status} {}", twin.symbol()),
        (_, Some(platform), Some(code)) => format!("{platform} {code}"),
        (_, _, Some(code)) => code.to_string(),
        _ => twin.symbol().to_string(),
    };
    format!("{}:{key}", twin.family())
}

/// A field a spreadsheet will not run as a formula: text beginning with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a leading `'` (OWASP's defence against CSV injection), which
/// spreadsheets show as text. A field that is a plain decimal number (a code such as `-1` or
/// `-1932787502`, a delay) is left as it is: a spreadsheet reads it as that number, and a quote
/// would turn it into text.
pub fn spreadsheet_safe(field: &str) -> std::borrow::Cow<'_, str> {
    let is_number = {
        let digits = field.strip_prefix('-').unwrap_or(field);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    match field.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if !is_number => format!("'{field}").into(),
        _ => field.into(),
    }
}

/// One family (or every family) as CSV, RFC 4180 quoting, every field [`spreadsheet_safe`].
pub fn csv_export(family: Option<Family>) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER).map_err(|e| e.to_string())?;
    let rows: &[ErrorInfo] = match family {
        Some(family) => entries(family),
        None => all(),
    };
    for info in rows {
        writer
            .write_record(
                csv_record(info)
                    .iter()
                    .map(|field| spreadsheet_safe(field).into_owned()),
            )
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        for formula in [
            "=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "\r=x", "-", "-1e3", "- note",
        ] {
            assert_eq!(
                spreadsheet_safe(formula),
                format!("'{formula}"),
                "{formula:?}"
            );
        }
        for kept in [
            "-1",
            "-1932787502",
            "265",
            "",
            "E_CTI_TIMEOUT",
            "a=b",
            "'quoted",
        ] {
            assert_eq!(spreadsheet_safe(kept), kept, "{kept:?}");
        }
    }
}
