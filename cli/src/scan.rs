//! `scan`: every known code in whole logs, as annotated lines, ripgrep-style JSON Lines, or
//! a summary per code.

use crate::Format;
use crate::output::printable;
use crate::render::{Style, key};
use crate::summary::Summary;
use finesse_errors::scan::{Finding, Match, Scanner};
use finesse_errors::{ErrorInfo, Family};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How much is read from an input at a time.
const CHUNK: usize = 1 << 20;

/// What `scan` was asked for.
pub struct Options {
    pub files: Vec<PathBuf>,
    pub summary: bool,
    pub follow: bool,
}

/// Counts ripgrep reports per file and in total.
#[derive(Clone, Copy, Default)]
struct Stats {
    bytes_searched: u64,
    bytes_printed: u64,
    matched_lines: u64,
    matches: u64,
    searches: u64,
    searches_with_match: u64,
}

impl Stats {
    fn add(&mut self, other: &Stats) {
        self.bytes_searched += other.bytes_searched;
        self.bytes_printed += other.bytes_printed;
        self.matched_lines += other.matched_lines;
        self.matches += other.matches;
        self.searches += other.searches;
        self.searches_with_match += other.searches_with_match;
    }

    fn json(&self, elapsed: Duration) -> Value {
        json!({
            "elapsed": elapsed_json(elapsed),
            "searches": self.searches,
            "searches_with_match": self.searches_with_match,
            "bytes_searched": self.bytes_searched,
            "bytes_printed": self.bytes_printed,
            "matched_lines": self.matched_lines,
            "matches": self.matches,
        })
    }
}

fn elapsed_json(d: Duration) -> Value {
    json!({"secs": d.as_secs(), "nanos": d.subsec_nanos(), "human": format!("{:.6}s", d.as_secs_f64())})
}

/// Runs `scan`: `Ok(true)` when a known code was found. An unreadable input is reported on
/// stderr as it happens, the others are still read, and the result is then an error.
pub fn run(format: Format, style: &Style, options: Options) -> Result<bool, String> {
    let started = Instant::now();
    let inputs: Vec<Option<PathBuf>> = if options.files.is_empty() {
        vec![None]
    } else {
        options
            .files
            .into_iter()
            .map(|p| (p.as_os_str() != "-").then_some(p))
            .collect()
    };
    if options.follow && (inputs.len() != 1 || inputs[0].is_none()) {
        return Err("--follow reads exactly one file (not standard input)".to_string());
    }
    let mut summary = options.summary.then(Summary::default);
    let mut total = Stats::default();
    let mut found_known = false;
    let mut failure = None;
    for input in &inputs {
        let name = input
            .as_deref()
            .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
        let mut printer = Printer::new(format, style, &name, summary.as_mut());
        let result = match input {
            Some(path) if options.follow => crate::follow::follow(path, &mut printer),
            Some(path) => open(path).and_then(|r| printer.read(r)),
            None => printer.read(Box::new(std::io::stdin().lock())),
        };
        found_known |= printer.found_known;
        let stats = printer.finish();
        total.add(&stats);
        if let Err(message) = result {
            let _ = writeln_stderr(&message);
            failure = Some(message);
        }
    }
    match (&mut summary, format) {
        (Some(summary), _) => summary.print(format, style),
        (None, Format::Json) => {
            line(&json!({
                "type": "summary",
                "data": {"elapsed_total": elapsed_json(started.elapsed()), "stats": total.json(started.elapsed())},
            }));
        }
        _ => {}
    }
    match failure {
        Some(_) => Err("some input could not be read (see above)".to_string()),
        None => Ok(found_known),
    }
}

fn writeln_stderr(message: &str) -> std::io::Result<()> {
    use std::io::Write;
    writeln!(std::io::stderr(), "finesse-errors: {message}")
}

/// Opens a file, decompressing it when it starts with the gzip magic.
pub fn open(path: &Path) -> Result<Box<dyn Read>, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Box::new(file))
}

/// The gzip magic at the start of the input means a gzip stream (of one or more members).
pub fn decompressing(reader: Box<dyn Read>) -> std::io::Result<Box<dyn Read>> {
    let mut reader = BufReader::with_capacity(CHUNK, reader);
    let magic = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    if magic {
        #[cfg(feature = "gzip")]
        return Ok(Box::new(flate2::bufread::MultiGzDecoder::new(reader)));
        #[cfg(not(feature = "gzip"))]
        return Err(std::io::Error::other("gzip input needs the gzip feature"));
    }
    Ok(Box::new(reader))
}

/// Where matches of one input go.
pub struct Printer<'s> {
    format: Format,
    style: &'s Style,
    name: &'s str,
    summary: Option<&'s mut Summary>,
    scanner: Scanner,
    stats: Stats,
    started: Instant,
    /// The line whose matches are being printed (offset), for text and JSON grouping.
    current: Option<u64>,
    /// JSON: the current line's match message, printed when the next line starts.
    group: Option<Value>,
    pub found_known: bool,
}

impl<'s> Printer<'s> {
    fn new(
        format: Format,
        style: &'s Style,
        name: &'s str,
        summary: Option<&'s mut Summary>,
    ) -> Printer<'s> {
        let printer = Printer {
            format,
            style,
            name,
            summary,
            scanner: Scanner::new(),
            stats: Stats {
                searches: 1,
                ..Stats::default()
            },
            started: Instant::now(),
            current: None,
            group: None,
            found_known: false,
        };
        if printer.format == Format::Json && printer.summary.is_none() {
            line(&json!({"type": "begin", "data": {"path": text_json(name.as_bytes())}}));
        }
        printer
    }

    /// Reads an input to its end.
    fn read(&mut self, reader: Box<dyn Read>) -> Result<(), String> {
        let mut reader = decompressing(reader).map_err(|e| self.read_error(e))?;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.read_error(e)),
            };
            self.feed(&buf[..n]);
        }
        self.end_input();
        Ok(())
    }

    pub fn read_error(&self, e: std::io::Error) -> String {
        format!("cannot read {}: {e}", self.name)
    }

    /// Scans the next bytes of the input.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.stats.bytes_searched += bytes.len() as u64;
        let mut scanner = std::mem::take(&mut self.scanner);
        scanner.feed(bytes, |m| self.on_match(&m));
        self.scanner = scanner;
    }

    /// The input ended (or was replaced, when following): reads what is left.
    pub fn end_input(&mut self) {
        let mut scanner = std::mem::take(&mut self.scanner);
        scanner.finish(|m| self.on_match(&m));
        self.scanner = scanner;
    }

    fn on_match(&mut self, m: &Match<'_>) {
        self.stats.matches += 1;
        self.found_known |= m.is_known();
        let new_line = self.current != Some(m.line_offset);
        if new_line {
            self.stats.matched_lines += 1;
            self.current = Some(m.line_offset);
        }
        if let Some(summary) = self.summary.as_deref_mut() {
            summary.add(self.name, m);
            return;
        }
        match self.format {
            Format::Json => {
                if new_line {
                    self.flush_group();
                    let mut text = m.line.to_vec();
                    text.push(b'\n');
                    self.group = Some(json!({"type": "match", "data": {
                        "path": text_json(self.name.as_bytes()),
                        "lines": text_json(&text),
                        "line_number": m.line_number,
                        "absolute_offset": m.line_offset,
                        "submatches": [],
                    }}));
                }
                if let Some(group) = self.group.as_mut() {
                    if let Some(list) = group["data"]["submatches"].as_array_mut() {
                        list.push(submatch_json(m));
                    }
                }
            }
            _ => {
                if new_line {
                    let text = String::from_utf8_lossy(m.line);
                    let text = text.trim_end_matches('\r');
                    crate::output::line(format_args!(
                        "{}:{}: {}",
                        self.style.bold(&printable(self.name)),
                        m.line_number,
                        printable(text)
                    ));
                }
                crate::output::line(format_args!("    {}", annotation(self.style, m)));
            }
        }
    }

    fn flush_group(&mut self) {
        if let Some(group) = self.group.take() {
            self.stats.bytes_printed += line(&group);
        }
    }

    fn finish(mut self) -> Stats {
        self.flush_group();
        if self.stats.matches > 0 {
            self.stats.searches_with_match = 1;
        }
        if self.format == Format::Json && self.summary.is_none() {
            line(&json!({"type": "end", "data": {
                "path": text_json(self.name.as_bytes()),
                "binary_offset": null,
                "stats": self.stats.json(self.started.elapsed()),
            }}));
        }
        self.stats
    }
}

/// One JSON value on one line; returns the bytes written.
fn line(value: &Value) -> u64 {
    let text = value.to_string();
    crate::output::line(format_args!("{text}"));
    text.len() as u64 + 1
}

/// ripgrep's arbitrary data: `{"text": ...}` for UTF-8, `{"bytes": base64}` otherwise.
fn text_json(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(text) => json!({ "text": text }),
        Err(_) => json!({ "bytes": base64(bytes) }),
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// ripgrep's submatch, with what we found in it.
fn submatch_json(m: &Match<'_>) -> Value {
    let entries: Vec<&ErrorInfo> = match &m.finding {
        Finding::Known(entries) => entries.iter().collect(),
        _ => Vec::new(),
    };
    let unknown = match &m.finding {
        Finding::Unknown(family) => Some(*family),
        _ => None,
    };
    let diagnosis = match &m.finding {
        Finding::Diagnosis(d) => Some(crate::render::diagnosis_json(d)),
        _ => None,
    };
    json!({
        "match": text_json(m.text()),
        "start": m.span.start,
        "end": m.span.end,
        "how": m.how.name(),
        "known": m.is_known(),
        "ambiguous": entries.len() > 1,
        "unknown_in_family": unknown,
        "entries": entries,
        "diagnosis": diagnosis,
    })
}

pub fn symbol(info: &ErrorInfo) -> &'static str {
    match info.symbol() {
        "" => "(no published name)",
        s => s,
    }
}

/// For an unlisted Unified CM CDR cause that is a composite (a SIP status index in the high
/// byte, a Q.850 cause in the low byte): what its two parts say, since any composite decodes.
fn composite_hint(family: Family, text: &[u8]) -> String {
    if family != Family::CucmCdrCause {
        return String::new();
    }
    let digits = text
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit() || **b == b'-')
        .count();
    let token = String::from_utf8_lossy(&text[text.len() - digits..]).into_owned();
    let Some(value) = finesse_errors::parse_code(family, &token) else {
        return String::new();
    };
    let cause = finesse_errors::cdr_cause(value as u32);
    if !cause.is_composite() {
        return String::new();
    }
    let sip = match cause.sip_status() {
        Some((status, finesse_errors::SipBasis::Listed)) => format!("SIP {status}"),
        Some((status, _)) => format!("SIP {status} (by the published numbering)"),
        None => "an unknown SIP status".to_string(),
    };
    let q850 = cause.q850().map_or_else(
        || format!("Q.850 cause {} (not listed)", value as u32 & 0xFF),
        |q| format!("Q.850 cause {} ({})", value as u32 & 0xFF, q.message()),
    );
    format!("; as a composite: {sip} with {q850} (`decode cdr-cause {token}`)")
}

/// The annotation line of a match: symbol, family, retry, message.
pub fn annotation(style: &Style, m: &Match<'_>) -> String {
    let text = String::from_utf8_lossy(m.text());
    let text = printable(&text);
    let arrow = style.dim("->");
    match &m.finding {
        Finding::Known(entries) if entries.len() == 1 => {
            let info = entries.iter().next().expect("one entry");
            format!(
                "{text} {arrow} {} {}, retry {}: {}",
                key(info),
                style.bold(symbol(info)),
                info.retry(),
                info.message()
            )
        }
        Finding::Known(entries) => {
            let each: Vec<String> = entries
                .iter()
                .map(|info| {
                    format!(
                        "{} {} (retry {})",
                        key(info),
                        style.bold(symbol(info)),
                        info.retry()
                    )
                })
                .collect();
            format!(
                "{text} {arrow} one of {}: {}",
                entries.len(),
                each.join("; ")
            )
        }
        Finding::Unknown(family) => format!(
            "{text} {arrow} unknown in {family}: not in this release's tables (a newer code, or a typo){}",
            composite_hint(*family, m.text())
        ),
        Finding::Diagnosis(d) => format!(
            "response ({}) {arrow} {}",
            d.form.name(),
            printable(&d.verdict.summary)
        ),
        _ => format!("{text} {arrow} ?"),
    }
}
