//! The two ways in: a whole buffer ([`scan`]) and chunks split anywhere ([`Scanner`]).

use super::Match;
use super::block::{Cursor, scan_block};
use alloc::collections::VecDeque;
use alloc::vec::Vec;

/// The longest line read whole. A longer one is read in windows of this size.
pub const MAX_LINE_LEN: usize = 64 * 1024;

/// How much consecutive windows of a long line overlap: a match shorter than this is found
/// exactly once wherever the window boundary falls.
pub const WINDOW_OVERLAP: usize = 1024;

/// How much of a chunk is copied at a time to complete a line the previous chunk began.
const STEP: usize = 16 * 1024;

/// How much of a whole buffer [`Scan`] reads at a time (more than a held line can need).
const BLOCK: usize = 256 * 1024;

/// Reads a log arriving in chunks split anywhere (mid-line, mid-token) and reports every
/// match once, the same matches whatever the split.
///
/// Matches borrow the chunk they were found in, or the scanner's own buffer for a line that
/// spans chunks; that buffer holds at most about one long line plus a few KiB.
///
/// ```
/// use finesse_errors::scan::Scanner;
///
/// let mut scanner = Scanner::new();
/// let mut symbols = Vec::new();
/// for chunk in [&b"10:00:00 pim1 Trace: failed PERERR_TELDRIVE_"[..], b"LOCKINSTANCE here\nnext\n"] {
///     scanner.feed(chunk, |m| symbols.extend(m.entries().map(|i| i.symbol())));
/// }
/// scanner.finish(|m| symbols.extend(m.entries().map(|i| i.symbol())));
/// assert_eq!(symbols.len(), 1);
/// ```
#[derive(Debug, Default)]
pub struct Scanner {
    cursor: Option<Cursor>,
    carry: Vec<u8>,
}

impl Scanner {
    /// A scanner at the start of an input.
    pub fn new() -> Scanner {
        Scanner::default()
    }

    /// Reads the next chunk, calling `on_match` for each match completed by it (in input
    /// order of the lines).
    pub fn feed(&mut self, chunk: &[u8], mut on_match: impl FnMut(Match<'_>)) {
        let cursor = self.cursor.get_or_insert_with(Cursor::new);
        let mut rest = chunk;
        while !self.carry.is_empty() && !rest.is_empty() {
            let carried = self.carry.len();
            let take = rest.len().min(STEP);
            self.carry.extend_from_slice(&rest[..take]);
            let done = scan_block(cursor, &self.carry, false, &mut |m| on_match(m));
            if done >= carried {
                // What was carried is read: go on in the chunk itself, without copying.
                rest = &rest[done - carried..];
                self.carry.clear();
            } else {
                self.carry.drain(..done);
                rest = &rest[take..];
            }
        }
        if !rest.is_empty() {
            let done = scan_block(cursor, rest, false, &mut |m| on_match(m));
            self.carry.extend_from_slice(&rest[done..]);
        }
    }

    /// Ends the input: reads what is left (a last line without a line break) and makes the
    /// scanner ready for a new input.
    pub fn finish(&mut self, mut on_match: impl FnMut(Match<'_>)) {
        let mut cursor = self.cursor.take().unwrap_or_else(Cursor::new);
        scan_block(&mut cursor, &self.carry, true, &mut |m| on_match(m));
        self.carry.clear();
    }

    /// The bytes held back for the next chunk (for memory accounting).
    pub fn buffered(&self) -> usize {
        self.carry.len()
    }
}

/// Every match in a whole buffer, in input order. The input is read lazily, a block at a
/// time; matches borrow it.
///
/// ```
/// use finesse_errors::scan::scan;
///
/// let log = b"Mar 03 2026 10:00:00.001 -0500: %CCBU_pool-1-6-INFO: %[peripheralErrorCode=10125]: done\n";
/// let m = scan(log).next().unwrap();
/// assert_eq!(m.text(), b"peripheralErrorCode=10125");
/// assert_eq!(m.entries().next().unwrap().code(), Some(10125));
/// ```
pub fn scan(input: &[u8]) -> Scan<'_> {
    Scan {
        input,
        pos: 0,
        cursor: Cursor::new(),
        queue: VecDeque::new(),
        done: false,
    }
}

/// The iterator of [`scan`].
#[derive(Debug)]
pub struct Scan<'a> {
    input: &'a [u8],
    pos: usize,
    cursor: Cursor,
    queue: VecDeque<Match<'a>>,
    done: bool,
}

impl<'a> Iterator for Scan<'a> {
    type Item = Match<'a>;

    fn next(&mut self) -> Option<Match<'a>> {
        loop {
            if let Some(m) = self.queue.pop_front() {
                return Some(m);
            }
            if self.done {
                return None;
            }
            let end = (self.pos + BLOCK).min(self.input.len());
            let last = end == self.input.len();
            let queue = &mut self.queue;
            let done = scan_block(
                &mut self.cursor,
                &self.input[self.pos..end],
                last,
                &mut |m| queue.push_back(m),
            );
            self.pos += done;
            self.done = last;
        }
    }
}
