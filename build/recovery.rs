//! Recovery plans for every row: the default rule (documented in `data/README.md`, section
//! "Recovery plans"), which fits the plan to the client that receives the code, and the
//! per-row plans of `data/recovery.csv`, validated like the tables.

use crate::schema::family::Receiver;
use crate::schema::vocab::{Action, Category, Family, Layer, Retry};
use crate::schema::{Row, SOURCE_KEYS, code::CodeText};
use std::collections::HashMap;

/// A plan as the build writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub action: Action,
    pub refresh: Option<String>,
    pub first_delay_ms: u32,
    pub factor: u32,
    pub max_delay_ms: u32,
    pub give_up_after_ms: Option<u32>,
    pub failover: bool,
    pub harmful_to_retry: bool,
    pub source: String,
}

/// The header of `recovery.csv`.
pub const HEADER: &[&str] = &[
    "family",
    "key",
    "action",
    "refresh",
    "first_delay_ms",
    "factor",
    "max_delay_ms",
    "give_up_after_ms",
    "failover",
    "harmful_to_retry",
    "source",
    "note",
];

const SYSTEM_INFO: &str = "GET /finesse/api/SystemInfo";

/// Who receives the codes of a row's family (a code Finesse forwards inside its own error is
/// diagnosed by `explain`, which prefers the plan of the Finesse entry of the same response).
pub fn receiver(row: &Row) -> Receiver {
    row.family.receiver()
}

/// The plan a row gets from its retry verdict, category and receiving client.
pub fn default_plan(row: &Row) -> Plan {
    let receiver = receiver(row);
    // Only a Finesse client has another node to move to (the Failover action).
    let finesse = receiver == Receiver::Finesse;
    let none = |action: Action, harmful: bool| Plan {
        action,
        refresh: None,
        first_delay_ms: 0,
        factor: 1,
        max_delay_ms: 0,
        give_up_after_ms: None,
        failover: false,
        harmful_to_retry: harmful,
        source: String::new(),
    };
    // A record read after the fact (a CDR, a dialer result): its reader resends nothing. The
    // next attempt belongs to whoever places calls (the dialer by its campaign rules, the
    // caller), so the plan names what to look at and schedules nothing.
    if receiver == Receiver::Reporting && row.retry != Retry::Never {
        let look_at = match row.retry {
            Retry::AfterReconnect => after_reconnect(receiver),
            Retry::NotNeeded => return none(Action::None, false),
            _ => state_to_read(row, receiver),
        };
        return Plan {
            refresh: Some(look_at.to_string()),
            source: "cucm-cdr-12.5 outbound-12.6".to_string(),
            ..none(Action::None, false)
        };
    }
    match row.retry {
        Retry::NotNeeded => none(Action::None, false),
        Retry::Never => match row.category {
            // Credentials: five failed REST sign-ins lock a Finesse user out (Cisco documents
            // it for REST sign-in and the configuration APIs, not for XMPP).
            Category::Authentication => none(Action::FixRequest, row.family == Family::FinesseApi),
            Category::Request | Category::Unsupported | Category::NotFound => {
                none(Action::FixRequest, false)
            }
            _ => none(Action::Escalate, false),
        },
        // The pending answer comes first (Finesse: one request per object at a time).
        Retry::AfterStateChange => Plan {
            action: Action::RefreshState,
            refresh: Some(state_to_read(row, receiver).to_string()),
            first_delay_ms: 1_000,
            factor: 2,
            max_delay_ms: 8_000,
            give_up_after_ms: Some(30_000),
            failover: false,
            harmful_to_retry: false,
            source: match receiver {
                Receiver::Finesse => "finesse-dev-docs",
                Receiver::Cti => "cti-smrg-15.0",
                Receiver::Ctios => "ctios-devguide-12.6",
                Receiver::Jtapi => "jtapi-15",
                Receiver::UcceAdmin => "ucce-devref",
                Receiver::Reporting => "cucm-cdr-12.5 outbound-12.6",
            }
            .to_string(),
        },
        Retry::AfterReconnect => Plan {
            action: Action::Reconnect,
            refresh: Some(after_reconnect(receiver).to_string()),
            first_delay_ms: 5_000,
            factor: 2,
            max_delay_ms: 30_000,
            give_up_after_ms: Some(150_000),
            failover: finesse,
            harmful_to_retry: false,
            source: match receiver {
                Receiver::Finesse => "finesse-admin-12.6 finesse-admin-12.0 finesse-dev-docs",
                Receiver::Cti => "cti-smrg-15.0 finesse-admin-12.0",
                Receiver::Ctios => "ctios-devguide-12.6 finesse-admin-12.0",
                Receiver::Jtapi => "jtapi-15 finesse-admin-12.0",
                Receiver::UcceAdmin => "ucce-devref",
                Receiver::Reporting => "cucm-cdr-12.5 outbound-12.6",
            }
            .to_string(),
        },
        Retry::AfterDelay => Plan {
            action: Action::WaitAndRetry,
            refresh: finesse.then(|| SYSTEM_INFO.to_string()),
            first_delay_ms: 5_000,
            factor: 2,
            max_delay_ms: 30_000,
            give_up_after_ms: Some(150_000),
            failover: finesse,
            harmful_to_retry: false,
            source: "finesse-api-errors finesse-admin-12.0".to_string(),
        },
    }
}

/// What to re-read before resending, by the receiving client and where the error came from.
fn state_to_read(row: &Row, receiver: Receiver) -> &'static str {
    let call = matches!(row.category, Category::Telephony);
    match receiver {
        Receiver::Finesse => match (row.family, row.layer) {
            (Family::ReasonCode, _) => "GET /finesse/api/User/{id}",
            (Family::Xmpp, _) | (_, Layer::XmppServer) => SYSTEM_INFO,
            _ if call => "GET /finesse/api/Dialog/{id}",
            _ => "GET /finesse/api/User/{id} and GET /finesse/api/User/{id}/Dialogs",
        },
        Receiver::Cti if row.family == Family::MediaRouting || row.layer == Layer::MediaRouting => {
            "QUERY_AGENT_STATE_REQ for the agent in that media routing domain (MRDID)"
        }
        Receiver::Cti if call => "SNAPSHOT_CALL_REQ for the call",
        Receiver::Cti => {
            "QUERY_AGENT_STATE_REQ for the agent, then SNAPSHOT_CALL_REQ for its calls"
        }
        Receiver::Ctios if call => {
            "the CIL's Call object: its current state, and the next call event (OnCallEnd, OnCallHeld ...)"
        }
        Receiver::Ctios => {
            "the CIL's Agent object: its state (OnAgentStateChange, or QueryAgentState), and its Call objects"
        }
        Receiver::Jtapi if call => "the JTAPI Call's connections and terminal connections",
        Receiver::Jtapi => {
            "the JTAPI Provider's state, then the Terminal's and Address's (in or out of service), then their calls"
        }
        Receiver::UcceAdmin => {
            "GET the items the request named (their /unifiedconfig/config/... URLs) to see which changes were applied"
        }
        // A record read after the fact: nothing to resend, the next attempt to look at.
        Receiver::Reporting => {
            "the call's other record fields (the other party's cause, the redirect and OnBehalfOf fields) and the next attempt's record"
        }
    }
}

/// What to re-read once the session is back, by the receiving client.
fn after_reconnect(receiver: Receiver) -> &'static str {
    match receiver {
        Receiver::Finesse => SYSTEM_INFO,
        Receiver::Cti => {
            "a new session (OPEN_REQ), then QUERY_AGENT_STATE_REQ and SNAPSHOT_CALL_REQ for what it controls"
        }
        Receiver::Ctios => {
            "the CIL's own reconnect: wait for OnConnection (do not call Connect in a loop), then the Agent's state"
        }
        Receiver::Jtapi => {
            "a provider in service again (ProvInServiceEv, or a new getProvider), then Terminal and Address state"
        }
        Receiver::UcceAdmin => "GET the items the request named, once the API answers again",
        Receiver::Reporting => {
            "the records of the attempts made once the link or registration was back"
        }
    }
}

/// How `recovery.csv` names a row: `"<status> <symbol>"` for finesse_api, `"<platform>
/// <code>"` for reason_code, the code's written form for numbered families, the symbol for
/// xmpp.
pub fn row_key(row: &Row) -> String {
    match (row.family, row.http_status, row.platform, row.code) {
        (_, Some(status), _, _) => format!("{status} {}", row.symbol),
        (_, _, Some(platform), Some(code)) => format!("{platform} {code}"),
        (family, _, _, Some(code)) => CodeText::new(family, code).to_string(),
        _ => row.symbol.clone(),
    }
}

/// Reads `recovery.csv` and returns each row's plan (index as in `rows`), or every problem as
/// `data/recovery.csv:<line>: ...`.
pub fn plans(display: &str, bytes: &[u8], rows: &[Row]) -> Result<Vec<Plan>, Vec<String>> {
    let mut plans: Vec<Plan> = rows.iter().map(default_plan).collect();
    let index: HashMap<(Family, String), usize> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| ((row.family, row_key(row)), i))
        .collect();
    let mut errors = crate::schema::blank_lines(display, bytes);
    let mut seen: HashMap<usize, u64> = HashMap::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut records = reader.records();
    match records.next() {
        Some(Ok(head)) if head.iter().eq(HEADER.iter().copied()) => {}
        _ => {
            return Err(vec![format!(
                "{display}:1: wrong header: expected `{}`",
                HEADER.join(",")
            )]);
        }
    }
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = crate::schema::line_at(bytes, e.position());
                errors.push(format!("{display}:{line}: unreadable CSV: {e}"));
                continue;
            }
        };
        let line = crate::schema::line_at(bytes, record.position());
        let at = |what: String| format!("{display}:{line}: {what}");
        let field = |name: &str| get(&record, name);
        let mut problems = Vec::new();
        let family = Family::from_name(field("family"));
        if family.is_none() {
            problems.push(format!("unknown family `{}`", field("family")));
        }
        let target = family.and_then(|f| index.get(&(f, field("key").to_string())).copied());
        if family.is_some() && target.is_none() {
            problems.push(format!(
                "key `{}` names no row of family `{}` (use `<status> <symbol>`, `<platform> <code>`, the code as written, or the xmpp symbol)",
                field("key"),
                field("family")
            ));
        }
        match parse_plan(&record, &mut problems) {
            Some(plan) if problems.is_empty() => {
                if let Some(i) = target {
                    if let Some(first) = seen.insert(i, line) {
                        errors.push(at(format!(
                            "a second plan for this row (first on line {first})"
                        )));
                    }
                    plans[i] = plan;
                }
            }
            _ => {}
        }
        errors.extend(problems.into_iter().map(at));
    }
    if errors.is_empty() {
        Ok(plans)
    } else {
        Err(errors)
    }
}

/// A column of a record, by header name.
fn get<'r>(record: &'r csv::StringRecord, name: &str) -> &'r str {
    HEADER
        .iter()
        .position(|h| *h == name)
        .and_then(|i| record.get(i))
        .unwrap_or("")
}

fn parse_plan(record: &csv::StringRecord, problems: &mut Vec<String>) -> Option<Plan> {
    let field = |name: &str| get(record, name);
    let action = Action::from_name(field("action"));
    if action.is_none() {
        problems.push(format!("unknown action `{}`", field("action")));
    }
    let number = |name: &str, problems: &mut Vec<String>| -> Option<u32> {
        let text = field(name);
        text.parse::<u32>().map_err(|_| problems.push(format!("`{name}` must be a whole number of milliseconds (or 1.. for factor), found `{text}`"))).ok()
    };
    let first_delay_ms = number("first_delay_ms", problems);
    let factor = number("factor", problems);
    let max_delay_ms = number("max_delay_ms", problems);
    let give_up_after_ms = match field("give_up_after_ms") {
        "" => Some(None),
        _ => number("give_up_after_ms", problems).map(Some),
    };
    let flag = |name: &str, problems: &mut Vec<String>| match field(name) {
        "true" => Some(true),
        "false" => Some(false),
        other => {
            problems.push(format!("`{name}` must be true or false, found `{other}`"));
            None
        }
    };
    let failover = flag("failover", problems);
    let harmful_to_retry = flag("harmful_to_retry", problems);
    let source = field("source");
    if source.is_empty() {
        problems.push("`source` is empty: a plan's numbers need a source".to_string());
    }
    for key in source.split(' ').filter(|k| !k.is_empty()) {
        if !SOURCE_KEYS.contains(&key) {
            problems.push(format!("unknown source key `{key}`"));
        }
    }
    let refresh = field("refresh");
    if refresh.chars().any(|c| c.is_control()) {
        problems.push("`refresh` contains a control character".to_string());
    }
    let (action, first, factor, max, give_up, failover, harmful) = (
        action?,
        first_delay_ms?,
        factor?,
        max_delay_ms?,
        give_up_after_ms?,
        failover?,
        harmful_to_retry?,
    );
    let retries = !matches!(action, Action::None | Action::FixRequest | Action::Escalate);
    if retries != give_up.is_some() {
        problems.push(format!(
            "action `{action}` {} a `give_up_after_ms`",
            if retries {
                "needs"
            } else {
                "sends nothing again, so it takes no"
            }
        ));
    }
    if factor == 0 {
        problems.push("`factor` must be at least 1".to_string());
    }
    if first > max {
        problems.push("`first_delay_ms` is longer than `max_delay_ms`".to_string());
    }
    if give_up.is_some_and(|g| g < first) {
        problems.push("`give_up_after_ms` is shorter than the first delay".to_string());
    }
    Some(Plan {
        action,
        refresh: (!refresh.is_empty()).then(|| refresh.to_string()),
        first_delay_ms: first,
        factor,
        max_delay_ms: max,
        give_up_after_ms: give_up,
        failover,
        harmful_to_retry: harmful,
        source: source.to_string(),
    })
}
