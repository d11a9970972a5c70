//! `scan` speed on 256 MiB of generated log (`benches/support/scan_log.rs`, 2% of lines with
//! a code), one thread, with the baselines in the same run:
//! - `memmem, one literal`: `memchr::memmem` counting one literal, the floor for any scan;
//! - `scan (whole buffer)`: `finesse_errors::scan::scan(&log).count()`;
//! - `Scanner, 1 MiB chunks`: the streaming scanner as the CLI drives it;
//! - `naive: aho-corasick over every name`: one automaton over every symbol and alias of
//!   every family, the design `scan` does not use;
//! - `CLI scan --summary (file)`: the `finesse-errors` binary on the same log written to a
//!   file (read through the page cache, so the kernel's copy is in it), when it is built
//!   (`cargo build --release -p finesse-errors-cli`, or `FE_SCAN_CLI=path`); CPU time is the
//!   child's (user + system, from `/proc/self/stat`).
//!
//! Each is run 5 times; the best wall time and the best CPU time of the thread (Linux, 10 ms
//! ticks) are reported, as MiB/s and as ratios to the floor. On a shared machine the CPU
//! columns are the ones to read.
//! `FE_SCAN_MIB` changes the size. `cargo bench -p finesse-errors --features scan --bench scan`

use aho_corasick::{AhoCorasick, MatchKind};
use finesse_errors::scan::{Scanner, scan};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/scan_log.rs"]
mod scan_log;

/// This thread's CPU time (user + system) from `/proc/thread-self/stat`, in clock ticks of
/// 10 ms; `None` off Linux. On a machine shared with other work, wall time measures the
/// neighbours too; CPU time does not.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The CPU time (user + system) of this process's waited-for children, in 10 ms ticks.
fn children_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The CLI binary: `FE_SCAN_CLI`, else `finesse-errors` beside this bench's directory
/// (`target/release/deps/scan-*` → `target/release/finesse-errors`).
fn cli_binary() -> Option<std::path::PathBuf> {
    if let Some(path) = std::env::var_os("FE_SCAN_CLI") {
        return Some(path.into());
    }
    let exe = std::env::current_exe().ok()?;
    let candidate = exe.parent()?.parent()?.join("finesse-errors");
    candidate.is_file().then_some(candidate)
}

/// `finesse-errors scan --summary FILE`, `runs` times: best wall, best child CPU time, and the
/// number of summary lines it printed.
fn cli_summary(runs: usize, cli: &std::path::Path, file: &std::path::Path) -> Timing {
    let mut wall = Duration::MAX;
    let mut cpu: Option<Duration> = None;
    let mut lines = 0;
    for _ in 0..runs {
        let before = children_cpu_time();
        let start = Instant::now();
        let out = std::process::Command::new(cli)
            .args(["scan", "--summary"])
            .arg(file)
            .output()
            .expect("run finesse-errors scan --summary");
        wall = wall.min(start.elapsed());
        assert!(
            out.status.code() == Some(0),
            "finesse-errors scan failed: {out:?}"
        );
        lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
        if let (Some(a), Some(b)) = (before, children_cpu_time()) {
            let used = b.saturating_sub(a);
            cpu = Some(cpu.map_or(used, |c| c.min(used)));
        }
    }
    (wall, cpu, lines)
}

/// The best wall time, the best CPU time and what the method found.
type Timing = (Duration, Option<Duration>, usize);

/// The best wall time and the best CPU time of `runs` runs, and the result.
fn best(runs: usize, mut f: impl FnMut() -> usize) -> Timing {
    let mut wall = Duration::MAX;
    let mut cpu: Option<Duration> = None;
    let mut result = 0;
    for _ in 0..runs {
        let cpu_start = cpu_time();
        let start = Instant::now();
        result = black_box(f());
        wall = wall.min(start.elapsed());
        if let (Some(a), Some(b)) = (cpu_start, cpu_time()) {
            let used = b.saturating_sub(a);
            cpu = Some(cpu.map_or(used, |c| c.min(used)));
        }
    }
    (wall, cpu, result)
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
    let mut rows: Vec<(&str, Timing)> = vec![
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
    match cli_binary() {
        Some(cli) => {
            let file = std::env::temp_dir().join(format!(
                "finesse-errors-scan-bench-{}.log",
                std::process::id()
            ));
            std::fs::write(&file, &log).expect("write the log for the CLI");
            rows.push(("CLI scan --summary (file)", cli_summary(runs, &cli, &file)));
            let _ = std::fs::remove_file(&file);
        }
        None => println!(
            "NOTICE: no finesse-errors binary (cargo build --release -p finesse-errors-cli): the CLI row is left out"
        ),
    }
    println!(
        "{} MiB, {lines} lines, {} names in the naive automaton, best of {runs}, one thread",
        log.len() >> 20,
        names.len()
    );
    let mib = log.len() as f64 / (1 << 20) as f64;
    let (floor_wall, floor_cpu) = (rows[0].1.0.as_secs_f64(), rows[0].1.1);
    println!(
        "{:<38} {:>10} {:>10} {:>9} {:>10} {:>10}",
        "method", "MiB/s wall", "MiB/s CPU", "matches", "wall/floor", "CPU/floor"
    );
    for (name, (wall, cpu, found)) in &rows {
        let cpu_rate = cpu.map_or("-".to_string(), |c| {
            format!("{:.0}", mib / c.as_secs_f64().max(1e-3))
        });
        let cpu_ratio = match (cpu, floor_cpu) {
            (Some(c), Some(f)) => format!("{:.2}", c.as_secs_f64() / f.as_secs_f64().max(1e-3)),
            _ => "-".to_string(),
        };
        println!(
            "{name:<38} {:>10.0} {cpu_rate:>10} {found:>9} {:>10.2} {cpu_ratio:>10}",
            mib / wall.as_secs_f64(),
            wall.as_secs_f64() / floor_wall
        );
    }
}
