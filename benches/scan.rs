//! `scan` speed on 256 MiB of generated log (`benches/support/scan_log.rs`, 2% of lines with
//! a code), one thread, with the baselines in the same run:
//! - `memmem, one literal`: `memchr::memmem` counting one literal, the floor for any scan;
//! - `scan (whole buffer)`: `finesse_errors::scan::scan(&log).count()`;
//! - `Scanner, 1 MiB chunks`: the streaming scanner as the CLI drives it;
//! - `naive: aho-corasick over every name`: one automaton over every symbol and alias of
//!   every family, the design `scan` does not use.
//!
//! Each is run 5 times; the best time is reported, as MiB/s and as a ratio to the floor.
//! `FE_SCAN_MIB` changes the size. `cargo bench -p finesse-errors --features scan --bench scan`

use aho_corasick::{AhoCorasick, MatchKind};
use finesse_errors::scan::{Scanner, scan};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/scan_log.rs"]
mod scan_log;

fn best(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut result = 0;
    for _ in 0..runs {
        let start = Instant::now();
        result = black_box(f());
        best = best.min(start.elapsed());
    }
    (best, result)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run small then.
    let benching = std::env::args().any(|a| a == "--bench");
    let mib: usize = std::env::var("FE_SCAN_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if benching { 256 } else { 1 });
    let log = scan_log::generate(0x5eed, mib << 20, 2);
    let lines = log.iter().filter(|&&b| b == b'\n').count();
    let names: Vec<&str> = finesse_errors::all()
        .iter()
        .flat_map(|i| std::iter::once(i.symbol()).chain(i.aliases()))
        .filter(|n| !n.is_empty())
        .collect();
    let naive = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(&names)
        .expect("names build");
    let finder = memchr::memmem::Finder::new(b"E_CTI_");
    let runs = if benching { 5 } else { 1 };
    let rows: Vec<(&str, (Duration, usize))> = vec![
        (
            "memmem, one literal (floor)",
            best(runs, || finder.find_iter(&log).count()),
        ),
        ("scan (whole buffer)", best(runs, || scan(&log).count())),
        (
            "Scanner, 1 MiB chunks",
            best(runs, || {
                let mut scanner = Scanner::new();
                let mut n = 0;
                for chunk in log.chunks(1 << 20) {
                    scanner.feed(chunk, |_| n += 1);
                }
                scanner.finish(|_| n += 1);
                n
            }),
        ),
        (
            "naive: aho-corasick over every name",
            best(runs, || naive.find_iter(&log).count()),
        ),
    ];
    println!(
        "{} MiB, {lines} lines, {} names in the naive automaton, best of {runs}, one thread",
        log.len() >> 20,
        names.len()
    );
    let floor = rows[0].1.0.as_secs_f64();
    println!(
        "{:<38} {:>10} {:>9} {:>10}",
        "method", "MiB/s", "matches", "time/floor"
    );
    for (name, (time, found)) in &rows {
        let rate = log.len() as f64 / (1 << 20) as f64 / time.as_secs_f64();
        println!(
            "{name:<38} {rate:>10.0} {found:>9} {:>10.2}",
            time.as_secs_f64() / floor
        );
    }
}
