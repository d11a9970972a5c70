//! The decoders of values that are more than one code, against the data files: every
//! combination of PGStatus flags, and every published composite CDR cause as well as
//! composites nobody published.

mod common;

use common::rows;
use finesse_errors::{Family, SipBasis, cdr_cause, pg_status_flags};
use proptest::prelude::*;

/// The flag masks of `cti_pg_status.csv`, read from the file.
fn flag_masks() -> Vec<(u32, String)> {
    rows(Family::CtiPgStatus)
        .into_iter()
        .filter_map(|r| r.code.map(|c| (c as u32, r.symbol)))
        .filter(|(mask, _)| *mask != 0)
        .collect()
}

#[test]
fn every_flag_is_one_bit() {
    let masks = flag_masks();
    assert!(masks.len() >= 5);
    for (mask, symbol) in &masks {
        assert_eq!(mask.count_ones(), 1, "{symbol}");
    }
}

proptest! {
    #[test]
    fn any_status_decodes_into_exactly_its_flags(status in any::<u32>()) {
        let masks = flag_masks();
        let known = masks.iter().fold(0u32, |all, (m, _)| all | m);
        let want: Vec<String> = masks
            .iter()
            .filter(|(m, _)| status & m != 0)
            .map(|(_, s)| s.clone())
            .collect();
        let decoded = pg_status_flags(status);
        let got: Vec<String> = decoded.clone().map(|e| e.symbol().to_string()).collect();
        prop_assert_eq!(got, want);
        prop_assert_eq!(decoded.unknown_bits(), status & !known);
        prop_assert_eq!(decoded.is_normal(), status == 0);
    }

    #[test]
    fn any_composite_decodes_into_its_parts(index in 1u32..=255, cause in 0u32..=255) {
        let value = index << 24 | cause;
        let decoded = cdr_cause(value);
        prop_assert!(decoded.is_composite());
        prop_assert_eq!(decoded.sip_index(), Some(index as u8));
        let listed_cause = rows(Family::CucmCdrCause).into_iter().any(|r| r.code == Some(cause as i32));
        prop_assert_eq!(decoded.q850().is_some(), listed_cause);
        if let Some(q850) = decoded.q850() {
            prop_assert_eq!(q850.code(), Some(cause as i32));
        }
        // A status read by the pattern stays in SIP's range of failures.
        if let Some((status, _)) = decoded.sip_status() {
            prop_assert!((400..700).contains(&status), "{}", status);
        }
    }
}

#[test]
fn every_published_composite_decodes_to_its_name() {
    let mut composites = 0;
    for row in rows(Family::CucmCdrCause) {
        let Some(code) = row.code else { continue };
        let decoded = cdr_cause(code as u32);
        assert!(decoded.entry().is_some(), "{}", row.symbol);
        if !row.symbol.starts_with("CCM_SIP_") {
            continue;
        }
        composites += 1;
        assert!(decoded.is_composite(), "{}", row.symbol);
        let digits: String = row
            .symbol
            .trim_start_matches("CCM_SIP_")
            .trim_start_matches('_')
            .chars()
            .take(3)
            .collect();
        let status: u16 = digits.parse().unwrap();
        assert_eq!(
            decoded.sip_status(),
            Some((status, SipBasis::Listed)),
            "{}",
            row.symbol
        );
        assert!(
            decoded.q850().is_some(),
            "{}: its cause is listed",
            row.symbol
        );
    }
    assert!(composites >= 40, "{composites}");
}

#[test]
fn plain_causes_and_cisco_values_are_no_composites() {
    for value in [0u32, 16, 127, 262_144, 393_216, 851_976] {
        let decoded = cdr_cause(value);
        assert!(!decoded.is_composite(), "{value}");
        assert_eq!(decoded.sip_status(), None);
        assert!(decoded.entry().is_some(), "{value} is published");
    }
    // Cisco's printed decimal for CCM_SIP_420_BAD_EXTENSION is not its value: it decodes
    // as SIP 404 over cause 127, and is no entry.
    let printed = cdr_cause(83_886_207);
    assert!(printed.entry().is_none());
    assert_eq!(printed.sip_status().map(|(s, _)| s), Some(404));
    assert_eq!(
        cdr_cause(352_321_663).entry().map(|e| e.symbol()),
        Some("CCM_SIP_420_BAD_EXTENSION")
    );
}
