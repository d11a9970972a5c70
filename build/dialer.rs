//! The Outbound Option Dialer's data beyond the common columns: each CallResult's facts
//! (the trailing columns of `dialer_call_result.csv`) and Cisco's SIP status × Q.850 cause →
//! CallResult table (`dialer_sip_map.csv`). Both become static tables in `OUT_DIR`.

use crate::schema::vocab::{DialerAction, Family};
use crate::schema::{Row, SOURCE_KEYS};
use std::collections::HashMap;
use std::fmt::Write as _;

/// One CallResult's facts.
pub struct Facts {
    pub code: i32,
    pub counted_attempt: Option<bool>,
    pub live_voice: Option<bool>,
    pub action: Option<DialerAction>,
}

/// One row of the SIP map.
pub struct Mapping {
    pub sip_status: u16,
    pub q850_cause: u8,
    pub check_call_state: bool,
    pub call_state: String,
    pub call_result: i32,
    pub note: String,
}

fn yes_no(value: &str, column: &str, problems: &mut Vec<String>) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        "" => None,
        other => {
            problems.push(format!("`{column}` `{other}` is not `yes`, `no` or empty"));
            None
        }
    }
}

/// A record's line and its fields by column name.
type Record = (u64, HashMap<String, String>);

fn records(display: &str, bytes: &[u8]) -> Result<Vec<Record>, Vec<String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| vec![format!("{display}:1: unreadable header: {e}")])?
        .iter()
        .map(str::to_string)
        .collect();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = crate::schema::line_at(bytes, r.position());
                let map = header
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect();
                out.push((line, map));
            }
            Err(e) => errors.push(format!("{display}: unreadable CSV: {e}")),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The facts of every CallResult row, from its file's trailing columns.
pub fn facts(display: &str, bytes: &[u8]) -> Result<Vec<Facts>, Vec<String>> {
    let mut errors = Vec::new();
    let mut facts = Vec::new();
    for (line, field) in records(display, bytes)? {
        let mut problems = Vec::new();
        let get = |k: &str| field.get(k).map(String::as_str).unwrap_or("");
        let code = get("code").parse::<i32>().ok();
        let counted_attempt = yes_no(get("counted_attempt"), "counted_attempt", &mut problems);
        let live_voice = yes_no(get("live_voice"), "live_voice", &mut problems);
        let action = match get("dialer_action") {
            "" => None,
            name => match DialerAction::from_name(name) {
                Some(a) => Some(a),
                None => {
                    problems.push(format!(
                        "unknown `dialer_action` `{name}`; expected one of: {}",
                        DialerAction::ALL
                            .iter()
                            .map(|a| a.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                    None
                }
            },
        };
        match (code, problems.is_empty()) {
            (Some(code), true) => facts.push(Facts {
                code,
                counted_attempt,
                live_voice,
                action,
            }),
            _ => errors.extend(
                problems
                    .into_iter()
                    .map(|p| format!("{display}:{line}: {p}")),
            ),
        }
    }
    if errors.is_empty() {
        Ok(facts)
    } else {
        Err(errors)
    }
}

/// The SIP map, every row's call result checked against the CallResult rows.
pub fn sip_map(display: &str, bytes: &[u8], rows: &[Row]) -> Result<Vec<Mapping>, Vec<String>> {
    let expected = [
        "sip_status",
        "q850_cause",
        "check_call_state",
        "call_state",
        "call_result",
        "source",
        "note",
    ];
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| vec![format!("{display}:1: unreadable header: {e}")])?
        .iter()
        .map(str::to_string)
        .collect();
    if header != expected {
        return Err(vec![format!(
            "{display}:1: wrong header: expected `{}`",
            expected.join(",")
        )]);
    }
    let mut errors = Vec::new();
    let mut map = Vec::new();
    for (line, field) in records(display, bytes)? {
        let at = |p: String| format!("{display}:{line}: {p}");
        let get = |k: &str| field.get(k).map(String::as_str).unwrap_or("");
        let sip_status = get("sip_status")
            .parse::<u16>()
            .ok()
            .filter(|s| (100..=699).contains(s));
        let q850_cause = get("q850_cause").parse::<u8>().ok().filter(|c| *c <= 127);
        let check = match get("check_call_state") {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        let result = get("call_result").parse::<i32>().ok();
        let known = result.is_some_and(|r| {
            rows.iter()
                .any(|row| row.family == Family::DialerCallResult && row.code == Some(r))
        });
        let call_state = get("call_state");
        let mut problems = Vec::new();
        if sip_status.is_none() {
            problems.push(format!(
                "bad `sip_status` `{}` (100..=699)",
                get("sip_status")
            ));
        }
        if q850_cause.is_none() {
            problems.push(format!(
                "bad `q850_cause` `{}` (0..=127)",
                get("q850_cause")
            ));
        }
        if check.is_none() {
            problems.push("`check_call_state` is not `true` or `false`".to_string());
        }
        if !known {
            problems.push(format!(
                "`call_result` `{}` is no row of dialer_call_result.csv",
                get("call_result")
            ));
        }
        if !call_state.starts_with("CS_")
            || !call_state
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'_')
        {
            problems.push(format!("bad `call_state` `{call_state}` (`CS_[A-Z_]+`)"));
        }
        // The note is also a C string (for the C API): no NUL, and one line like every field.
        if get("note")
            .chars()
            .any(|c| matches!(c, '\n' | '\r' | '\t' | '\0'))
        {
            problems.push("`note` contains a line break, tab or NUL".to_string());
        }
        for key in get("source").split(' ') {
            if !SOURCE_KEYS.contains(&key) {
                problems.push(format!("unknown source key `{key}`"));
            }
        }
        if !problems.is_empty() {
            errors.extend(problems.into_iter().map(at));
            continue;
        }
        map.push(Mapping {
            sip_status: sip_status.unwrap_or_default(),
            q850_cause: q850_cause.unwrap_or_default(),
            check_call_state: check.unwrap_or_default(),
            call_state: call_state.to_string(),
            call_result: result.unwrap_or_default(),
            note: get("note").to_string(),
        });
    }
    if errors.is_empty() {
        Ok(map)
    } else {
        Err(errors)
    }
}

/// `DIALER_FACTS` (by code, ascending) and `SIP_MAP` (by SIP status, then cause, in the
/// file's order otherwise).
pub fn write(out: &mut String, facts: &[Facts], map: &mut [Mapping]) {
    let mut facts: Vec<&Facts> = facts.iter().collect();
    facts.sort_by_key(|f| f.code);
    let action = |a: Option<DialerAction>| match a {
        Some(a) => format!("Some(crate::DialerAction::{a:?})"),
        None => "None".to_string(),
    };
    writeln!(
        out,
        "pub(crate) static DIALER_FACTS: [crate::DialerFacts; {}] = [",
        facts.len()
    )
    .unwrap();
    for f in facts {
        writeln!(
            out,
            "    crate::DialerFacts {{ code: {}, counted_attempt: {:?}, live_voice: {:?}, action: {} }},",
            f.code,
            f.counted_attempt,
            f.live_voice,
            action(f.action)
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    map.sort_by_key(|m| (m.sip_status, m.q850_cause));
    writeln!(
        out,
        "pub(crate) static SIP_MAP: [crate::SipMapping; {}] = [",
        map.len()
    )
    .unwrap();
    for m in map.iter() {
        writeln!(
            out,
            "    crate::SipMapping {{ sip_status: {}, q850_cause: {}, check_call_state: {}, call_state: Text::from_parts({:?}, c{:?}), call_result: {}, note: Text::from_parts({:?}, c{:?}) }},",
            m.sip_status,
            m.q850_cause,
            m.check_call_state,
            m.call_state,
            m.call_state,
            m.call_result,
            m.note,
            m.note
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}
