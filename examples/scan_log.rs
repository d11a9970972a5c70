//! Writes the seeded log `benches/scan.rs` reads (2% of lines with a code) to standard
//! output, for timing the CLI: `cargo run --release --example scan_log -- 1024 > big.log`
//! (the size in MiB; 256 by default), then `finesse-errors scan --summary big.log`.

use std::io::Write;

#[path = "../benches/support/scan_log.rs"]
mod scan_log;

fn main() {
    let mib: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(256);
    let mut out = std::io::stdout().lock();
    // In 64 MiB pieces, each seeded on its own, so memory stays small for any size.
    for piece in 0..mib.div_ceil(64) {
        let size = (mib - piece * 64).min(64) << 20;
        let log = scan_log::generate(0x5eed + piece as u64, size, 2);
        if out.write_all(&log).is_err() {
            return;
        }
    }
}
