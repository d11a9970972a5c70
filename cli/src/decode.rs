//! `decode`: values that are more than one code — a PGStatus value's flags, a Unified CM CDR
//! cause's SIP status and Q.850 cause — as the library decodes them.

use crate::Format;
use crate::render::{self, Style};
use finesse_errors::{Family, SipBasis, cdr_cause, parse_code, pg_status_flags};
use serde_json::{Value, json};

/// What to decode.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// A PGStatus value (`cti_pg_status`): its bit flags.
    PgStatus,
    /// A CDR cause value (`cucm_cdr_cause`): a composite's SIP status and Q.850 cause.
    CdrCause,
    /// A SIP status and Q.850 cause as `486/17`: the Outbound dialer's CallResult for them.
    DialerSip,
}

/// The decoder of a family whose values are more than one code: `lookup` in that family
/// decodes a value no entry holds.
pub fn decoder_of(family: Family) -> Option<What> {
    match family {
        Family::CtiPgStatus => Some(What::PgStatus),
        Family::CucmCdrCause => Some(What::CdrCause),
        _ => None,
    }
}

/// After a `lookup` without a family found nothing: a number with the composite shape of a
/// Unified CM CDR cause may be one, so say how to decode it (text only; it stays unknown).
pub fn hint(format: Format, query: &str) {
    if format == Format::Json {
        return;
    }
    let Some(value) = parse_code(Family::CucmCdrCause, query.trim()) else {
        return;
    };
    let cause = cdr_cause(value as u32);
    if cause.is_composite() && (cause.sip_status().is_some() || cause.q850().is_some()) {
        crate::output::line(format_args!(
            "if it is a Unified CM CDR cause, it is a composite no table lists: `finesse-errors lookup {} --family cucm_cdr_cause` decodes it",
            value as u32
        ));
    }
}

/// Decodes `value` (written in any form its family's codes are: decimal, signed, `0x` hex);
/// whether anything known came out of it.
pub fn run(format: Format, style: &Style, what: What, value: &str) -> Result<bool, String> {
    let family = match what {
        What::PgStatus => Family::CtiPgStatus,
        What::CdrCause => Family::CucmCdrCause,
        What::DialerSip => return dialer_sip(format, style, value),
    };
    let bits = parse_code(family, value)
        .ok_or_else(|| format!("not a {family} value: {}", crate::output::printable(value)))?
        as u32;
    match what {
        What::PgStatus => Ok(pg_status(format, style, bits)),
        What::CdrCause => Ok(cdr(format, style, bits)),
        What::DialerSip => unreachable!("answered above"),
    }
}

/// `486/17`: every row of Cisco's SIP map for the pair, each with its CallResult's facts.
fn dialer_sip(format: Format, style: &Style, value: &str) -> Result<bool, String> {
    let bad = || {
        format!(
            "not `<SIP status>/<Q.850 cause>`: {}",
            crate::output::printable(value)
        )
    };
    let (status, cause) = value.trim().split_once('/').ok_or_else(bad)?;
    let status: u16 = status.trim().parse().map_err(|_| bad())?;
    let cause: u8 = cause.trim().parse().map_err(|_| bad())?;
    let rows: Vec<_> = finesse_errors::dialer_results_for_sip(status, cause).collect();
    if format == Format::Json {
        let array: Vec<Value> = rows
            .iter()
            .map(|m| {
                let facts = m.facts();
                json!({
                    "sip_status": m.sip_status(),
                    "q850_cause": m.q850_cause(),
                    "check_call_state": m.check_call_state(),
                    "call_state": m.call_state(),
                    "call_result": m.entry(),
                    "counted_attempt": facts.and_then(|f| f.counted_attempt()),
                    "live_voice": facts.and_then(|f| f.live_voice()),
                    "dialer_action": facts.and_then(|f| f.action()).map(|a| a.name()),
                    "note": m.note(),
                })
            })
            .collect();
        crate::render::print_json(&json!(array));
        return Ok(!rows.is_empty());
    }
    if rows.is_empty() {
        crate::output::line(format_args!(
            "SIP {status} with cause {cause}: not in Cisco's dialer map (Cisco gives no default)"
        ));
        return Ok(false);
    }
    for m in &rows {
        let facts = m.facts();
        let name = m.entry().map_or("", |e| e.symbol());
        let yes_no = |v: Option<bool>| match v {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not given",
        };
        crate::output::line(format_args!(
            "SIP {status} with cause {cause} (check call state {}, {}): CallResult {} {name}; counted as attempt: {}; dialer action: {}",
            m.check_call_state(),
            m.call_state(),
            m.call_result(),
            yes_no(facts.and_then(|f| f.counted_attempt())),
            facts
                .and_then(|f| f.action())
                .map_or("not given", |a| a.name()),
        ));
        if !m.note().is_empty() {
            crate::output::line(format_args!(
                "  note: {}",
                crate::output::printable(m.note())
            ));
        }
    }
    let mut results: Vec<_> = rows.iter().filter_map(|m| m.entry()).collect();
    results.dedup_by_key(|e| e.code());
    crate::output::line(format_args!(""));
    render::entries(style, &results);
    Ok(true)
}

fn pg_status(format: Format, style: &Style, status: u32) -> bool {
    let flags = pg_status_flags(status);
    let found: Vec<_> = if flags.is_normal() {
        finesse_errors::lookup(Family::CtiPgStatus, 0)
            .into_iter()
            .collect()
    } else {
        flags.clone().collect()
    };
    let unknown = flags.unknown_bits();
    if format == Format::Json {
        crate::render::print_json(&json!({
            "status": status,
            "status_hex": format!("0x{status:08X}"),
            "normal": flags.is_normal(),
            "flags": found,
            "unknown_bits": unknown,
        }));
    } else {
        crate::output::line(format_args!(
            "PGStatus 0x{status:08X}: {}",
            if flags.is_normal() {
                "no flag set (normal)".to_string()
            } else {
                format!("{} known flag(s)", found.len())
            }
        ));
        if unknown != 0 {
            crate::output::line(format_args!(
                "unknown bits 0x{unknown:08X}: no published flag"
            ));
        }
        if !found.is_empty() {
            crate::output::line(format_args!(""));
            render::entries(style, &found);
        }
    }
    !found.is_empty()
}

fn cdr(format: Format, style: &Style, value: u32) -> bool {
    let cause = cdr_cause(value);
    let sip = cause.sip_status();
    let basis = |b: SipBasis| match b {
        SipBasis::Listed => "listed",
        _ => "pattern",
    };
    let known = cause.entry().is_some() || sip.is_some() || cause.q850().is_some();
    if format == Format::Json {
        let sip_json = sip.map_or(
            Value::Null,
            |(s, b)| json!({"status": s, "basis": basis(b)}),
        );
        crate::render::print_json(&json!({
            "value": value,
            "hex": format!("0x{value:08X}"),
            "entry": cause.entry(),
            "composite": cause.is_composite(),
            "sip_index": cause.sip_index(),
            "sip": sip_json,
            "q850": cause.q850(),
        }));
        return known;
    }
    crate::output::line(format_args!("CDR cause {value} (0x{value:08X})"));
    if let Some(index) = cause.sip_index() {
        match sip {
            Some((status, SipBasis::Listed)) => crate::output::line(format_args!(
                "  SIP status {status} (index 0x{index:02X}, as published values carry it)"
            )),
            Some((status, _)) => crate::output::line(format_args!(
                "  SIP status {status} (index 0x{index:02X}: no published value has it; read by the numbering the published ones follow)"
            )),
            None => crate::output::line(format_args!(
                "  SIP status unknown (index 0x{index:02X} is neither published nor in the numbering's ranges)"
            )),
        }
        match cause.q850() {
            Some(q) => crate::output::line(format_args!(
                "  Q.850 cause {}: {}",
                value & 0xFF,
                q.symbol()
            )),
            None => crate::output::line(format_args!("  Q.850 cause {}: not listed", value & 0xFF)),
        }
    } else if cause.entry().is_none() {
        crate::output::line(format_args!("  no composite, and not a published cause"));
    }
    if let Some(entry) = cause.entry() {
        crate::output::line(format_args!(""));
        render::entries(style, &[entry]);
    }
    known
}
