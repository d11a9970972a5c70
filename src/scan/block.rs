//! A block of input: lines found around anchor hits, long lines cut into windows, lines
//! whose record goes on held until the rest of it is there.
//!
//! The same code serves a whole buffer and chunked input, and every decision depends only on
//! bytes at fixed distances from a line's start, so the matches do not depend on where the
//! input was split.

use super::Match;
use super::anchor::anchors;
use super::columns::{Columns, row_match};
use super::line::{LOOK_BYTES, LOOK_LINES, Line, needs_lookahead, scan_line};
use super::stream::{MAX_LINE_LEN, WINDOW_OVERLAP};

/// Where the scan stands: the line and absolute offset of the next unread byte.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor {
    /// The number of the line the next byte belongs to (from 1).
    pub line_number: u64,
    /// The absolute offset of the next byte.
    pub offset: u64,
    /// The next byte continues a long line at a window boundary.
    pub mid_line: bool,
    /// The CSV header whose rows are being read (every line is a row until one does not fit).
    pub columns: Option<Columns>,
}

impl Cursor {
    pub(crate) const fn new() -> Cursor {
        Cursor {
            line_number: 1,
            offset: 0,
            mid_line: false,
            columns: None,
        }
    }

    fn pass(&mut self, bytes: &[u8]) {
        self.line_number += count_newlines(bytes);
        self.offset += bytes.len() as u64;
    }
}

/// Scans `data` (starting where `cursor` stands) and returns how many bytes are done; the
/// rest must be offered again with more input after it, or with `last` set.
pub(crate) fn scan_block<'a>(
    cursor: &mut Cursor,
    data: &'a [u8],
    last: bool,
    emit: &mut dyn FnMut(Match<'a>),
) -> usize {
    let mut pos = 0;
    loop {
        if cursor.mid_line {
            match long_line(cursor, data, pos, last, emit) {
                Ok(next) => pos = next,
                Err(held) => return held,
            }
            continue;
        }
        if pos >= data.len() {
            return pos;
        }
        if let Some(columns) = cursor.columns {
            match csv_row(cursor, columns, data, pos, last, emit) {
                Some(Ok(next)) => {
                    pos = next;
                    continue;
                }
                Some(Err(held)) => return held,
                // Not a row: the export is over and the line is read as any other.
                None => cursor.columns = None,
            }
        }
        let hit = anchors().find(data, pos);
        let Some(hit) = hit else {
            // No anchor: every complete line is done.
            let end = if last {
                data.len()
            } else {
                memchr::memrchr(b'\n', &data[pos..]).map_or(pos, |i| pos + i + 1)
            };
            cursor.pass(&data[pos..end]);
            pos = end;
            if last || data.len() - pos <= MAX_LINE_LEN {
                return pos;
            }
            match long_line(cursor, data, pos, last, emit) {
                Ok(next) => pos = next,
                Err(held) => return held,
            }
            continue;
        };
        let at = hit.0;
        let start = memchr::memrchr(b'\n', &data[pos..at]).map_or(pos, |i| pos + i + 1);
        cursor.pass(&data[pos..start]);
        pos = start;
        let end = match memchr::memchr(b'\n', &data[at..]) {
            Some(i) => at + i,
            None if last => data.len(),
            None if data.len() - pos > MAX_LINE_LEN => data.len(),
            None => return pos,
        };
        if end - pos > MAX_LINE_LEN {
            match long_line(cursor, data, pos, last, emit) {
                Ok(next) => pos = next,
                Err(held) => return held,
            }
            continue;
        }
        let next = (end + 1).min(data.len());
        let after = &data[next..(next + LOOK_BYTES).min(data.len())];
        let bytes = &data[pos..end];
        let after_complete =
            last || after.len() == LOOK_BYTES || count_newlines(after) >= LOOK_LINES as u64;
        if !after_complete && needs_lookahead(bytes) {
            return pos;
        }
        let line = Line {
            bytes,
            after,
            emit_before: usize::MAX,
            open_end: false,
            number: cursor.line_number,
            offset: cursor.offset,
            search_from: at - pos,
        };
        if let Some(columns) = Columns::header(bytes) {
            cursor.columns = Some(columns);
        }
        scan_line(&line, emit);
        cursor.pass(&data[pos..next]);
        pos = next;
    }
}

/// The line at `pos` read as a row of a CSV export with `columns` as its header: where the
/// next line starts, or (as an error) that the line must wait for more input; `None` when
/// the line is no such row (another number of fields, or too long to be one).
fn csv_row<'a>(
    cursor: &mut Cursor,
    columns: Columns,
    data: &'a [u8],
    pos: usize,
    last: bool,
    emit: &mut dyn FnMut(Match<'a>),
) -> Option<Result<usize, usize>> {
    let end = match memchr::memchr(b'\n', &data[pos..]) {
        Some(i) => pos + i,
        None if data.len() - pos > MAX_LINE_LEN => return None,
        None if !last => return Some(Err(pos)),
        None => data.len(),
    };
    let bytes = &data[pos..end];
    if bytes.len() > MAX_LINE_LEN {
        return None;
    }
    let next = (end + 1).min(data.len());
    let after = &data[next..(next + LOOK_BYTES).min(data.len())];
    let after_complete =
        last || after.len() == LOOK_BYTES || count_newlines(after) >= LOOK_LINES as u64;
    if !after_complete && needs_lookahead(bytes) {
        return Some(Err(pos));
    }
    let (number, offset) = (cursor.line_number, cursor.offset);
    let mut found = alloc::vec::Vec::new();
    if let Some(header) = Columns::header(bytes) {
        // A second export (or the same header again) replaces the first.
        cursor.columns = Some(header);
    } else if !columns.row(bytes, &mut |span, finding| {
        found.push(row_match(bytes, number, offset, span, finding));
    }) {
        return None;
    }
    // The row may also name codes the usual way (a symbol in a text column).
    let line = Line {
        bytes,
        after,
        emit_before: usize::MAX,
        open_end: false,
        number,
        offset,
        search_from: 0,
    };
    scan_line(&line, &mut |m| found.push(m));
    found.sort_by_key(|m| m.span.start);
    for m in found {
        emit(m);
    }
    cursor.pass(&data[pos..next]);
    Some(Ok(next))
}

/// A line longer than [`MAX_LINE_LEN`] (or the rest of one, at a window boundary) starting at
/// `pos`: windows of `MAX_LINE_LEN` bytes every `MAX_LINE_LEN - WINDOW_OVERLAP` bytes, each
/// reporting the matches that start before the next window. Returns where the next line
/// starts, or (as an error) where the rest that must wait for more input starts.
fn long_line<'a>(
    cursor: &mut Cursor,
    data: &'a [u8],
    pos: usize,
    last: bool,
    emit: &mut dyn FnMut(Match<'a>),
) -> Result<usize, usize> {
    let newline = memchr::memchr(b'\n', &data[pos..]).map(|i| pos + i);
    let stop = newline.unwrap_or(data.len());
    let mut start = pos;
    loop {
        let rest = stop - start;
        if rest <= MAX_LINE_LEN {
            if newline.is_none() && !last {
                return Err(start);
            }
            let line = Line {
                bytes: &data[start..stop],
                after: &[],
                emit_before: usize::MAX,
                open_end: false,
                number: cursor.line_number,
                offset: cursor.offset,
                search_from: 0,
            };
            scan_line(&line, emit);
            let next = (stop + 1).min(data.len());
            cursor.pass(&data[start..next]);
            cursor.mid_line = false;
            return Ok(next);
        }
        let step = MAX_LINE_LEN - WINDOW_OVERLAP;
        let line = Line {
            bytes: &data[start..start + MAX_LINE_LEN],
            after: &[],
            emit_before: step,
            open_end: true,
            number: cursor.line_number,
            offset: cursor.offset,
            search_from: 0,
        };
        scan_line(&line, emit);
        cursor.offset += step as u64;
        cursor.mid_line = true;
        start += step;
    }
}

/// Line breaks in `bytes` (memchr's SIMD count).
pub(crate) fn count_newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}
