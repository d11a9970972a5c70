//! CSV exports whose header names the columns that hold codes: Unified CM CDR files
//! (`origCause_value`, `destCause_value`) and Outbound Option `Dialer_Detail` exports
//! (`CallResult`). The data rows are bare numbers, so the header line is what names their
//! family; once a header is seen, every line after it with as many fields is a row.

use super::anchor::Field;
use super::resolve::numbered;
use super::{How, Match};
use core::ops::Range;

/// The most code columns one header may name (a CDR has two cause columns).
const MAX_WANTED: usize = 8;

/// The most fields a row is split into (a Unified CM CDR has about 130).
const MAX_FIELDS: usize = 1024;

/// Column headers that name a family, ASCII case ignored, quotes and spaces trimmed.
const COLUMN_NAMES: &[(&str, Field)] = &[
    ("origcause_value", Field::CdrCause),
    ("destcause_value", Field::CdrCause),
    ("callresult", Field::CallResult),
];

/// The header being applied: which fields hold which kind of code, and how many fields a row
/// of this export has. Kept in the scan's cursor, so it carries across chunks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Columns {
    wanted: [Option<(u16, Field)>; MAX_WANTED],
    fields: u16,
}

/// The fields of one CSV line: each field's byte range, quotes included. Commas inside
/// double quotes do not split. `None` past [`MAX_FIELDS`].
fn for_each_field(line: &[u8], mut each: impl FnMut(usize, Range<usize>)) -> Option<usize> {
    let mut index = 0;
    let mut start = 0;
    let mut quoted = false;
    for at in memchr::memchr2_iter(b',', b'"', line) {
        match line[at] {
            b'"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                each(index, start..at);
                index += 1;
                start = at + 1;
                if index >= MAX_FIELDS {
                    return None;
                }
            }
        }
    }
    each(index, start..line.len());
    Some(index + 1)
}

/// A field's text without surrounding spaces, quotes and a trailing carriage return.
fn trimmed(line: &[u8], range: Range<usize>) -> Range<usize> {
    let mut range = range;
    let strip = |b: u8| matches!(b, b' ' | b'\t' | b'"' | b'\r');
    while range.start < range.end && strip(line[range.start]) {
        range.start += 1;
    }
    while range.end > range.start && strip(line[range.end - 1]) {
        range.end -= 1;
    }
    range
}

impl Columns {
    /// The header this line is, if it is a CSV line naming at least one code column.
    pub(crate) fn header(line: &[u8]) -> Option<Columns> {
        let mut columns = Columns {
            wanted: [None; MAX_WANTED],
            fields: 0,
        };
        let mut found = 0;
        let fields = for_each_field(line, |index, range| {
            let name = &line[trimmed(line, range)];
            let field = COLUMN_NAMES
                .iter()
                .find(|(n, _)| name.eq_ignore_ascii_case(n.as_bytes()))
                .map(|&(_, f)| f);
            if let (Some(field), Ok(index)) = (field, u16::try_from(index))
                && found < MAX_WANTED
            {
                columns.wanted[found] = Some((index, field));
                found += 1;
            }
        })?;
        columns.fields = u16::try_from(fields).ok()?;
        (found > 0 && fields > 1).then_some(columns)
    }

    /// Reads `line` as a row of this export and hands each code it finds to `push`; `false`
    /// when the line has another number of fields (the export ended).
    pub(crate) fn row(
        &self,
        line: &[u8],
        push: &mut dyn FnMut(Range<usize>, super::Finding),
    ) -> bool {
        let mut values: [Option<(Range<usize>, Field)>; MAX_WANTED] = Default::default();
        let fields = for_each_field(line, |index, range| {
            for (slot, wanted) in values.iter_mut().zip(&self.wanted) {
                if let Some((column, field)) = *wanted
                    && usize::from(column) == index
                {
                    *slot = Some((trimmed(line, range.clone()), field));
                }
            }
        });
        if fields != Some(usize::from(self.fields)) {
            return false;
        }
        for (range, field) in values.into_iter().flatten() {
            let Ok(text) = core::str::from_utf8(&line[range.clone()]) else {
                continue;
            };
            let number = text.strip_prefix('-').unwrap_or(text);
            if number.is_empty() || number.len() > 11 || !number.bytes().all(|b| b.is_ascii_digit())
            {
                continue;
            }
            if let Some(finding) = numbered(field, text, None) {
                push(range, finding);
            }
        }
        true
    }
}

/// The matches of a row, in the shape the scanner reports.
pub(crate) fn row_match<'a>(
    line: &'a [u8],
    number: u64,
    offset: u64,
    span: Range<usize>,
    finding: super::Finding,
) -> Match<'a> {
    Match {
        line_number: number,
        line_offset: offset,
        line,
        span,
        how: How::Field,
        finding,
    }
}

#[cfg(test)]
mod tests {
    use super::Columns;

    #[test]
    fn a_header_names_its_columns_and_rows_must_fit_it() {
        let header = br#""cdrRecordType","origCause_location","origCause_value","destCause_value""#;
        let columns = Columns::header(header).expect("a CDR header");
        let mut found = Vec::new();
        assert!(columns.row(b"1,0,\"17\",0\r", &mut |span, _| found.push(span)));
        // 17 (user busy) is reported, 0 (no error) is not.
        assert_eq!(found, vec![5..7]);
        // Another number of fields: the export is over.
        assert!(!columns.row(b"1,0,17", &mut |_, _| {}));
        // A quoted comma does not split a field.
        assert!(columns.row(b"1,\"a,b\",17,0", &mut |_, _| {}));
        assert_eq!(Columns::header(b"origCause_value"), None);
        assert_eq!(Columns::header(b"a,b,c"), None);
    }

    /// Hostile exports: more fields than a row is split into, an unbalanced quote, a value
    /// too long to be a number, binary bytes. Nothing panics and nothing is read as a code.
    #[test]
    fn hostile_rows_are_refused_or_read_as_nothing() {
        let wide = ",".repeat(super::MAX_FIELDS + 5) + "origCause_value";
        assert_eq!(Columns::header(wide.as_bytes()), None);
        let columns = Columns::header(b"a,origCause_value").unwrap();
        assert!(!columns.row(wide.as_bytes(), &mut |_, _| panic!("no code")));
        // An unbalanced quote swallows the rest of the line: one field, not a row.
        assert!(!columns.row(b"\"1,17", &mut |_, _| panic!("no code")));
        let mut found = 0;
        for row in [
            &b"1,999999999999999"[..],
            b"1,17\xff",
            b"\x00,\x1b[31m17",
            b"1,-",
        ] {
            assert!(columns.row(row, &mut |_, _| found += 1));
        }
        assert_eq!(found, 0);
    }
}
