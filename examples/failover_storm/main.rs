//! Two thousand desktops and integrations, one Finesse node out of service for 150 s: the
//! crate's budget, breakers and retry decision against a naive client, on a virtual clock.
//!
//! `cargo run --release --example failover_storm --all-features -- --format json`
//! (`--clients N` for another size; without `--format json`, a table).

mod storm;
mod world;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut clients = 2000usize;
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--format", Some(f)) if f == "json" => json = true,
            ("--format", Some(f)) if f == "table" => json = false,
            ("--clients", Some(n)) => match n.parse() {
                Ok(n) if (2..=100_000).contains(&n) => clients = n,
                _ => return usage(),
            },
            _ => return usage(),
        }
    }
    let storm = storm::run(world::Scenario::standard(clients));
    if json {
        println!(
            "{}",
            serde_json::to_string(&storm).expect("a report serializes")
        );
        return ExitCode::SUCCESS;
    }
    let served = |r: &world::Report| match r.all_served_after_s {
        Some(s) => format!("{s:.1} s"),
        None => "not by the end".to_string(),
    };
    println!(
        "{} clients, node A out of service for 150 s",
        storm.desktops
    );
    println!("{:<34} {:>14} {:>14}", "", "ours", "naive");
    let rows: [(&str, String, String); 7] = [
        (
            "retries / base requests",
            pct(storm.ours.retry_share),
            pct(storm.naive.retry_share),
        ),
        (
            "all extra requests / base",
            pct(storm.ours.extra_share),
            pct(storm.naive.extra_share),
        ),
        (
            "requests to the down node",
            storm.ours.requests_to_down_node.to_string(),
            storm.naive.requests_to_down_node.to_string(),
        ),
        (
            "every desktop served after",
            served(&storm.ours),
            served(&storm.naive),
        ),
        (
            "sign-in lockouts",
            storm.ours.lockouts.to_string(),
            storm.naive.lockouts.to_string(),
        ),
        (
            "duplicate writes",
            storm.ours.duplicate_writes.to_string(),
            storm.naive.duplicate_writes.to_string(),
        ),
        (
            "stopped for a person",
            storm.ours.needs_person.to_string(),
            storm.naive.needs_person.to_string(),
        ),
    ];
    for (name, ours, naive) in rows {
        println!("{name:<34} {ours:>14} {naive:>14}");
    }
    ExitCode::SUCCESS
}

fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn usage() -> ExitCode {
    eprintln!("usage: failover_storm [--format json|table] [--clients N (2..=100000)]");
    ExitCode::from(2)
}
