//! Known codes planted at random places in random log text are found exactly: no more, no
//! fewer, at their offsets, whatever the input's split into chunks.
#![cfg(feature = "scan")]

use finesse_errors::scan::{MAX_LINE_LEN, Match, Scanner, scan};
use finesse_errors::{ErrorInfo, Family, entries};
use proptest::prelude::*;

/// Filler that can form no anchor, whatever its order: timestamps, bare numbers (which name
/// no family), short hex constants, words.
const NOISE: &[&str] = &[
    "Apr",
    "07",
    "2026",
    "10:41:07:332",
    "-0400:",
    "%CCBU_pool-7-6-INFO:",
    "%[method=PUT]",
    "agent",
    "4012",
    "265",
    "10125",
    "-351",
    "0x8CCC00",
    "8CCC0010",
    "queue",
    "port=5222",
    "state=8 (RESERVED)",
    "eventReasonCode=0",
    "done.",
    "CTIAgentStateEvent[",
    "]",
    "{",
    "}",
    "\t",
    "  ",
    "pim1",
    "Trace:",
    "ERROR",
    "failed",
    "é",
    "\u{1b}[2J",
];

/// A planted code: the text written into the log and the entry it must be read as.
#[derive(Clone, Debug)]
struct Plant {
    text: String,
    /// Bytes of `text` before the part reported as the match (an XMPP shape reports the
    /// condition).
    lead: usize,
    info: &'static ErrorInfo,
}

fn named(family: Family) -> Vec<&'static ErrorInfo> {
    entries(family)
        .iter()
        .filter(|i| !i.symbol().is_empty())
        .collect()
}

fn plant() -> impl Strategy<Value = Plant> {
    let symbol_families = [
        Family::CtiStatus,
        Family::CtiControlFailure,
        Family::Peripheral,
        Family::MediaRouting,
        Family::Ctios,
        Family::CtiEventCause,
        Family::CtiPgStatus,
        Family::CtiSystemEvent,
        Family::UccxError,
    ];
    let symbols: Vec<&'static ErrorInfo> = symbol_families
        .iter()
        .flat_map(|&f| named(f))
        .chain(
            named(Family::UnifiedCm)
                .into_iter()
                .filter(|i| i.symbol().starts_with("CTIERR_")),
        )
        .chain(
            named(Family::CucmCdrCause)
                .into_iter()
                .filter(|i| i.symbol().starts_with("CCM_SIP_")),
        )
        .collect();
    // The CSTA spelling PIM traces print: `EC_BUSY` for `CEC_BUSY`.
    let csta: Vec<_> = named(Family::CtiEventCause)
        .into_iter()
        .filter(|i| i.symbol().starts_with("CEC_"))
        .collect();
    // Numbers after the call-outcome fields: only outcomes worth a look are reported.
    let outcomes = |family: Family| -> Vec<&'static ErrorInfo> {
        entries(family)
            .iter()
            .filter(|i| i.code().is_some_and(|c| c != 0) && i.category().is_failure())
            .collect()
    };
    let system_events: Vec<_> = entries(Family::CtiSystemEvent).iter().collect();
    let flags: Vec<_> = entries(Family::CtiPgStatus)
        .iter()
        .filter(|i| i.code() != Some(0))
        .collect();
    let peripheral: Vec<_> = entries(Family::Peripheral)
        .iter()
        .filter(|i| i.code() != Some(0))
        .collect();
    let cm: Vec<_> = entries(Family::UnifiedCm)
        .iter()
        .filter(|i| i.code().is_some_and(|c| (c as u32) >> 16 == 0x8CCC))
        .collect();
    let streams: Vec<_> = named(Family::Xmpp)
        .into_iter()
        .filter(|i| i.symbol().starts_with("stream:"))
        .collect();
    prop_oneof![
        proptest::sample::select(symbols).prop_map(|info| Plant {
            text: info.symbol().to_string(),
            lead: 0,
            info
        }),
        proptest::sample::select(peripheral.clone()).prop_map(|info| Plant {
            text: format!("peripheralErrorCode={}", info.code().unwrap()),
            lead: 0,
            info
        }),
        proptest::sample::select(cm.clone()).prop_map(|info| Plant {
            text: format!("0x{:08X}", info.code().unwrap() as u32),
            lead: 0,
            info
        }),
        proptest::sample::select(cm).prop_map(|info| Plant {
            text: format!("reason = {}", info.code().unwrap()),
            lead: 0,
            info
        }),
        proptest::sample::select(csta).prop_map(|info| Plant {
            text: info.symbol()[1..].to_string(),
            lead: 0,
            info
        }),
        proptest::sample::select(outcomes(Family::CtiEventCause)).prop_map(|info| Plant {
            text: format!("eventCause={}", info.code().unwrap()),
            lead: 0,
            info
        }),
        proptest::sample::select(outcomes(Family::CucmCdrCause)).prop_map(|info| Plant {
            text: format!("destCause_value={}", info.code().unwrap() as u32),
            lead: 0,
            info
        }),
        proptest::sample::select(outcomes(Family::DialerCallResult)).prop_map(|info| Plant {
            text: format!("CallResult: {}", info.code().unwrap()),
            lead: 0,
            info
        }),
        proptest::sample::select(system_events).prop_map(|info| Plant {
            text: format!("SystemEventID:{}", info.code().unwrap()),
            lead: 0,
            info
        }),
        proptest::sample::select(flags).prop_map(|info| Plant {
            text: format!("PGStatus:0x{:08X}", info.code().unwrap()),
            lead: 0,
            info
        }),
        proptest::sample::select(streams).prop_map(|info| Plant {
            text: format!("StreamError: {}", &info.symbol()["stream:".len()..]),
            lead: "StreamError: ".len(),
            info
        }),
    ]
}

/// One line: noise words with plants between them, separated by spaces.
fn line() -> impl Strategy<Value = Vec<Result<&'static str, Plant>>> {
    proptest::collection::vec(
        prop_oneof![
            6 => proptest::sample::select(NOISE).prop_map(Ok),
            1 => plant().prop_map(Err),
        ],
        0..12,
    )
}

/// The log and, for every plant, its offset and entry.
fn build(lines: &[Vec<Result<&'static str, Plant>>], crlf: bool) -> (Vec<u8>, Vec<(usize, Plant)>) {
    let mut log = Vec::new();
    let mut planted = Vec::new();
    for words in lines {
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                log.push(b' ');
            }
            match word {
                Ok(noise) => log.extend_from_slice(noise.as_bytes()),
                Err(plant) => {
                    planted.push((log.len() + plant.lead, plant.clone()));
                    log.extend_from_slice(plant.text.as_bytes());
                }
            }
        }
        log.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    (log, planted)
}

/// What a match says, owned: offset, line number, text, line, entries.
type Seen = (u64, u64, Vec<u8>, Vec<u8>, Vec<&'static str>);

fn seen(m: &Match<'_>) -> Seen {
    (
        m.offset(),
        m.line_number,
        m.text().to_vec(),
        m.line.to_vec(),
        m.entries().map(|i| i.symbol()).collect(),
    )
}

fn chunked(log: &[u8], cuts: &[usize]) -> Vec<Seen> {
    let mut scanner = Scanner::new();
    let mut out = Vec::new();
    let mut at = 0;
    let mut cuts: Vec<usize> = cuts.iter().map(|&c| c % (log.len() + 1)).collect();
    cuts.sort_unstable();
    for cut in cuts.into_iter().chain([log.len()]) {
        scanner.feed(&log[at..cut], |m| out.push(seen(&m)));
        at = cut;
    }
    scanner.finish(|m| out.push(seen(&m)));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn exactly_the_planted_codes_whatever_the_chunks(
        lines in proptest::collection::vec(line(), 0..40),
        crlf in any::<bool>(),
        cuts in proptest::collection::vec(any::<usize>(), 0..24),
    ) {
        let (log, planted) = build(&lines, crlf);
        let whole: Vec<Seen> = scan(&log).map(|m| seen(&m)).collect();
        prop_assert_eq!(whole.len(), planted.len(), "{:?}", String::from_utf8_lossy(&log));
        for ((offset, plant), found) in planted.iter().zip(&whole) {
            prop_assert_eq!(found.0, *offset as u64);
            prop_assert_eq!(&found.2, &plant.text.as_bytes()[plant.lead..]);
            prop_assert!(found.4.contains(&plant.info.symbol()), "{:?} for {:?}", found.4, plant.text);
            let line_number = 1 + log[..*offset].iter().filter(|&&b| b == b'\n').count() as u64;
            prop_assert_eq!(found.1, line_number);
        }
        prop_assert_eq!(&chunked(&log, &cuts), &whole);
    }
}

/// A CSV export is read row by row after its header: whatever the split, the same matches.
#[test]
fn csv_exports_give_the_same_matches_at_every_split() {
    for name in ["cdr.csv", "dialer_detail.csv"] {
        let log = std::fs::read(format!(
            "{}/tests/fixtures/logs/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let whole: Vec<Seen> = scan(&log).map(|m| seen(&m)).collect();
        assert!(whole.len() >= 4, "{name}: {whole:?}");
        for cut in 0..=log.len() {
            assert_eq!(chunked(&log, &[cut]), whole, "{name}: split at {cut}");
        }
        let bytes: Vec<usize> = (0..log.len()).collect();
        assert_eq!(chunked(&log, &bytes), whole, "{name}");
    }
}

#[test]
fn every_single_split_and_byte_by_byte() {
    let log = b"a E_CTI_TIMEOUT b\n\tPeripheralErrorCode = 10125\n(FailureCode:256\n  MessageID:eControlFailureConf)\nx reason = -1932787502 y 0x8CCC00D2\n<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>\nlast CF_INVALID_AGENT_WORKMODE";
    let whole: Vec<Seen> = scan(log).map(|m| seen(&m)).collect();
    assert_eq!(whole.len(), 7, "{whole:?}");
    for cut in 0..=log.len() {
        assert_eq!(chunked(log, &[cut]), whole, "split at {cut}");
    }
    let bytes: Vec<usize> = (0..log.len()).collect();
    assert_eq!(chunked(log, &bytes), whole);
}

#[test]
fn long_lines_are_read_in_windows_without_losing_or_doubling_a_match() {
    // Tokens every ~1,000 bytes along a line of several windows, and one just across each
    // window boundary.
    let mut log = Vec::new();
    let mut planted = Vec::new();
    let step = MAX_LINE_LEN - finesse_errors::scan::WINDOW_OVERLAP;
    // Across the end of the part a window reports, across a window's end, and in between.
    let mut at: Vec<usize> = (0..300).map(|i| i * 997).collect();
    for k in 1..4 {
        at.extend([
            k * step - 10,
            (k - 1) * step + MAX_LINE_LEN - 5,
            k * step + 3,
        ]);
    }
    at.sort_unstable();
    at.dedup_by(|a, b| *a < *b + 30);
    for &position in &at {
        while log.len() < position {
            log.push(if log.len() % 3 == 0 { b'8' } else { b'x' }); // no anchors
        }
        log.push(b' ');
        planted.push(log.len());
        log.extend_from_slice(b"CF_INVALID_AGENT_WORKMODE");
        log.push(b' ');
    }
    log.extend_from_slice(b"\nnext E_CTI_TIMEOUT\n");
    let whole: Vec<Seen> = scan(&log).map(|m| seen(&m)).collect();
    let offsets: Vec<u64> = whole.iter().map(|s| s.0).collect();
    let mut want: Vec<u64> = planted.iter().map(|&o| o as u64).collect();
    want.push((log.len() - 14) as u64);
    assert_eq!(offsets, want);
    assert_eq!(whole.last().unwrap().1, 2);
    for cuts in [
        vec![70_000],
        vec![1, 65_536, 65_537, 130_000],
        (0..log.len()).step_by(4093).collect(),
    ] {
        assert_eq!(chunked(&log, &cuts), whole);
    }
    // Memory: the scanner never holds much more than one window.
    let mut scanner = Scanner::new();
    let mut most = 0;
    for chunk in log.chunks(1000) {
        scanner.feed(chunk, |_| {});
        most = most.max(scanner.buffered());
    }
    assert!(most <= MAX_LINE_LEN + 32 * 1024, "{most}");
}
