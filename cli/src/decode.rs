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
}

/// Decodes `value` (written in any form its family's codes are: decimal, signed, `0x` hex);
/// whether anything known came out of it.
pub fn run(format: Format, style: &Style, what: What, value: &str) -> Result<bool, String> {
    let family = match what {
        What::PgStatus => Family::CtiPgStatus,
        What::CdrCause => Family::CucmCdrCause,
    };
    let bits = parse_code(family, value)
        .ok_or_else(|| format!("not a {family} value: {}", crate::output::printable(value)))?
        as u32;
    match what {
        What::PgStatus => Ok(pg_status(format, style, bits)),
        What::CdrCause => Ok(cdr(format, style, bits)),
    }
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
