//! `scan` on arbitrary bytes: the first two bytes choose a chunk size (1..=65536), the rest is
//! the log. Never panics, and the streaming scanner fed in those chunks reports exactly what
//! the whole-buffer scan reports, at the same offsets and lines.
#![no_main]
#![forbid(unsafe_code)]

use finesse_errors::scan::{Match, Scanner, scan};
use libfuzzer_sys::fuzz_target;

type Seen = (u64, u64, Vec<u8>, usize);

fn seen(m: &Match<'_>) -> Seen {
    (
        m.offset(),
        m.line_number,
        m.text().to_vec(),
        m.entries().count(),
    )
}

fuzz_target!(|data: &[u8]| {
    let [a, b, log @ ..] = data else {
        return;
    };
    let chunk = usize::from(u16::from_le_bytes([*a, *b])) + 1;
    let whole: Vec<Seen> = scan(log).map(|m| seen(&m)).collect();
    for m in scan(log) {
        let at = m.offset() as usize;
        assert_eq!(&log[at..at + m.text().len()], m.text());
    }
    let mut scanner = Scanner::new();
    let mut streamed = Vec::new();
    for piece in log.chunks(chunk) {
        scanner.feed(piece, |m| streamed.push(seen(&m)));
    }
    scanner.finish(|m| streamed.push(seen(&m)));
    assert_eq!(streamed, whole);
});
