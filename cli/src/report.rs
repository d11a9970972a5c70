//! `scan --report FILE.html`: one self-contained page for a set of logs — a timeline of codes
//! per minute (inline SVG, one row per family), the `--summary` table, and each code's first
//! annotated lines. The page has no script (its Content-Security-Policy forbids any), and every
//! text from the logs or the data goes through [`crate::html::escape`]: a log line is never
//! HTML.

use crate::html::{REPORT_STYLE, escape};
use crate::summary::{Summary, describe};
use crate::{Format, render::Style};
use finesse_errors::scan::{Match, Scanner};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

/// Lines shown per code.
pub const LINES_PER_CODE: usize = 5;
/// Codes given their own section (by count); the table lists more.
pub const MAX_SECTIONS: usize = 200;
/// Rows of the summary table.
pub const MAX_ROWS: usize = 1000;
/// A shown line is cut after this many characters.
pub const MAX_LINE_CHARS: usize = 2000;
/// The timeline never has more columns than this: wider spans get wider buckets.
pub const MAX_COLUMNS: i64 = 360;

/// How much of a date a timestamp carries; only one kind is drawn on one axis.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
enum Kind {
    /// Year, month and day (Finesse, CTI OS, ISO, Openfire).
    Dated,
    /// Month and day without a year (JTAPI).
    NoYear,
    /// The time of day only (CTI Server, PG).
    TimeOnly,
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn number(text: &str) -> Option<i64> {
    text.parse().ok()
}

fn month(name: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let name = name.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == name).map(|i| i as i64 + 1)
}

/// A timestamp of [`crate::timestamp::at_start`] as its kind and minute on that kind's axis.
fn minute_of(stamp: &str) -> Option<(Kind, i64)> {
    let b = stamp.as_bytes();
    let hm = |at: usize| -> Option<i64> {
        let h = number(stamp.get(at..at + 2)?)?;
        let m = number(stamp.get(at + 3..at + 5)?)?;
        (h < 24 && m < 60).then_some(h * 60 + m)
    };
    let dated = |y: i64, mo: i64, d: i64, at: usize| -> Option<(Kind, i64)> {
        ((1..=12).contains(&mo) && (1..=31).contains(&d))
            .then_some(())
            .and_then(|()| Some((Kind::Dated, days_from_civil(y, mo, d) * 1440 + hm(at)?)))
    };
    match b.len() {
        // "Apr 07 2026 09:14:02.117"
        24 if b[0].is_ascii_alphabetic() => dated(
            number(&stamp[7..11])?,
            month(&stamp[..3])?,
            number(&stamp[4..6])?,
            12,
        ),
        // "04/07/26 10:50:01.220"
        21 if b[2] == b'/' => dated(
            2000 + number(&stamp[6..8])?,
            number(&stamp[..2])?,
            number(&stamp[3..5])?,
            9,
        ),
        // "Apr 07 10:55:12.334"
        19 if b[0].is_ascii_alphabetic() => {
            let mo = month(&stamp[..3])?;
            let d = number(&stamp[4..6])?;
            ((1..=31).contains(&d))
                .then_some(())
                .and_then(|()| Some((Kind::NoYear, days_from_civil(2000, mo, d) * 1440 + hm(7)?)))
        }
        // "2026-04-07T13:20:11" and "2026.04.07 11:02:01"
        19 => dated(
            number(&stamp[..4])?,
            number(&stamp[5..7])?,
            number(&stamp[8..10])?,
            11,
        ),
        // "10:41:07:332" and "10:41:08"
        _ => Some((Kind::TimeOnly, hm(0)?)),
    }
}

/// The label of a minute on its axis.
fn minute_label(kind: Kind, minute: i64) -> String {
    let (days, rest) = (minute.div_euclid(1440), minute.rem_euclid(1440));
    let time = format!("{:02}:{:02}", rest / 60, rest % 60);
    // Civil date from days (the inverse of days_from_civil).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    match kind {
        Kind::Dated => format!("{y:04}-{m:02}-{d:02} {time}"),
        Kind::NoYear => format!("{m:02}-{d:02} {time}"),
        Kind::TimeOnly => time,
    }
}

/// One annotated line shown under its code.
struct Sample {
    path: String,
    line: u64,
    text: String,
    annotation: String,
}

/// What the report collects while the logs are scanned.
#[derive(Default)]
pub struct Report {
    summary: Summary,
    samples: HashMap<(String, String, String), Vec<Sample>>,
    /// (kind, minute, family) -> count.
    timeline: HashMap<(Kind, i64, String), u64>,
    untimed: u64,
    matches: u64,
    known: bool,
    inputs: Vec<String>,
}

impl Report {
    /// Adds one match of the input `path`.
    pub fn add(&mut self, path: &str, m: &Match<'_>) {
        self.matches += 1;
        self.known |= m.is_known();
        self.summary.add(path, m);
        let (family, code, symbol, _) = describe(m);
        match crate::timestamp::at_start(m.line).and_then(minute_of) {
            Some((kind, minute)) => {
                *self
                    .timeline
                    .entry((kind, minute, family.clone()))
                    .or_default() += 1;
            }
            None => self.untimed += 1,
        }
        let samples = self.samples.entry((family, code, symbol)).or_default();
        // A line is shown once per code, however often the code is on it.
        let new_line = samples
            .last()
            .is_none_or(|s| s.line != m.line_number || s.path != path);
        if samples.len() < LINES_PER_CODE && new_line {
            let text = String::from_utf8_lossy(m.line);
            let text = text.trim_end_matches(['\r', '\n']);
            let mut shown: String = text.chars().take(MAX_LINE_CHARS).collect();
            if shown.len() < text.len() {
                shown.push_str(" …");
            }
            // No colour in a page: the JSON style never paints.
            let style = Style::detect(Format::Json);
            samples.push(Sample {
                path: path.to_string(),
                line: m.line_number,
                text: shown,
                annotation: crate::scan::annotation(&style, m),
            });
        }
    }

    /// Scans one input to its end.
    pub fn read(&mut self, name: &str, reader: Box<dyn Read>) -> Result<(), String> {
        self.inputs.push(name.to_string());
        let error = |e: std::io::Error| format!("cannot read {name}: {e}");
        let mut reader = crate::scan::decompressing(reader).map_err(error)?;
        let mut scanner = Scanner::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(error(e)),
            };
            scanner.feed(&buf[..n], |m| self.add(name, &m));
        }
        scanner.finish(|m| self.add(name, &m));
        Ok(())
    }

    /// Whether a known code was seen.
    pub fn found_known(&self) -> bool {
        self.known
    }

    /// The page.
    pub fn page(&self) -> String {
        let rows = self.summary.json_rows();
        let mut html = String::new();
        let files = self
            .inputs
            .iter()
            .map(|i| escape(i))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            html,
            r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>Error codes in {files}</title>
<style>
{REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>Error codes in the logs</h1>
<p class="muted">{matches} matches of {codes} codes in {files}. Made by finesse-errors {version} <code>scan --report</code>.</p>
</header>
<main>
"#,
            matches = self.matches,
            codes = rows.len(),
            version = env!("CARGO_PKG_VERSION"),
        );
        self.timeline_section(&mut html);
        summary_table(&mut html, &rows);
        self.code_sections(&mut html, &rows);
        html.push_str("</main>\n</body>\n</html>\n");
        html
    }

    fn timeline_section(&self, html: &mut String) {
        html.push_str(
            "<section aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Timeline</h2>\n",
        );
        // The kind most matches carry is drawn; the others are counted.
        let mut per_kind: BTreeMap<Kind, u64> = BTreeMap::new();
        for ((kind, _, _), n) in &self.timeline {
            *per_kind.entry(*kind).or_default() += n;
        }
        let Some((&kind, _)) = per_kind
            .iter()
            .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
        else {
            html.push_str("<p>No matched line starts with a timestamp this tool reads: no timeline.</p>\n</section>\n");
            return;
        };
        let points: Vec<(i64, &str, u64)> = self
            .timeline
            .iter()
            .filter(|((k, _, _), _)| *k == kind)
            .map(|((_, minute, family), n)| (*minute, family.as_str(), *n))
            .collect();
        let off_axis: u64 = per_kind
            .iter()
            .filter(|(k, _)| **k != kind)
            .map(|(_, n)| n)
            .sum();
        let first = points.iter().map(|p| p.0).min().unwrap_or(0);
        let last = points.iter().map(|p| p.0).max().unwrap_or(0);
        let mut width = 1i64;
        for w in [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440] {
            width = w;
            if (last - first) / w < MAX_COLUMNS {
                break;
            }
        }
        while (last - first) / width >= MAX_COLUMNS {
            width *= 2;
        }
        let start = first - first.rem_euclid(width);
        let columns = (last - start) / width + 1;
        let mut families: Vec<&str> = points.iter().map(|p| p.1).collect();
        families.sort_unstable();
        families.dedup();
        let mut buckets: BTreeMap<(usize, i64), u64> = BTreeMap::new();
        for (minute, family, n) in &points {
            let row = families.iter().position(|f| f == family).unwrap_or(0);
            *buckets.entry((row, (minute - start) / width)).or_default() += n;
        }
        let peak = buckets.values().copied().max().unwrap_or(1).max(1);
        let (label_w, plot_w, row_h, top, axis_h) = (230.0, 860.0, 40.0, 8.0, 40.0);
        let col_w = plot_w / columns as f64;
        let height = top + row_h * families.len() as f64 + axis_h;
        let per = if width == 1 {
            "minute".to_string()
        } else {
            format!("{width} minutes")
        };
        let _ = writeln!(
            html,
            "<figure>\n<svg class=\"timeline\" role=\"img\" aria-labelledby=\"timeline-title\" viewBox=\"0 0 {:.0} {height:.0}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"timeline-title\">Matches per {per} from {} to {}, one row per family; the tallest bar is {peak}</title>",
            label_w + plot_w + 10.0,
            escape(&minute_label(kind, start)),
            escape(&minute_label(kind, start + (columns - 1) * width)),
        );
        for (row, family) in families.iter().enumerate() {
            let y = top + row_h * row as f64;
            let _ = writeln!(
                html,
                "<line class=\"grid\" x1=\"{label_w}\" y1=\"{:.1}\" x2=\"{:.0}\" y2=\"{:.1}\"/><text x=\"4\" y=\"{:.1}\">{}</text>",
                y + row_h - 2.0,
                label_w + plot_w,
                y + row_h - 2.0,
                y + row_h - 12.0,
                escape(&shorten(family, 24)),
            );
        }
        for (&(row, column), &n) in &buckets {
            let bar = (row_h - 6.0) * n as f64 / peak as f64;
            let bar = bar.max(2.0);
            let x = label_w + col_w * column as f64;
            let y = top + row_h * (row + 1) as f64 - 2.0 - bar;
            let _ = writeln!(
                html,
                "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{:.2}\" height=\"{bar:.2}\" fill=\"{}\"><title>{}: {n} at {}</title></rect>",
                (col_w - 0.5).max(1.0),
                colour(row),
                escape(families[row]),
                escape(&minute_label(kind, start + column * width)),
            );
        }
        let axis_y = top + row_h * families.len() as f64 + 24.0;
        // One day on the axis: the ticks give the time only (the title and caption the date).
        let day = |minute: i64| minute.div_euclid(1440);
        let same_day = day(start) == day(start + (columns - 1) * width);
        let tick = |minute: i64| {
            let label = minute_label(kind, minute);
            match label.rsplit_once(' ') {
                Some((_, time)) if same_day => time.to_string(),
                _ => label,
            }
        };
        let ticks = columns.clamp(1, 5);
        for t in 0..ticks {
            let column = if ticks == 1 {
                0
            } else {
                t * (columns - 1) / (ticks - 1)
            };
            let x = label_w + col_w * column as f64;
            let anchor = match t {
                0 => "start",
                _ if t == ticks - 1 => "end",
                _ => "middle",
            };
            let _ = writeln!(
                html,
                "<text x=\"{x:.1}\" y=\"{axis_y:.1}\" text-anchor=\"{anchor}\">{}</text>",
                escape(&tick(start + column * width)),
            );
        }
        html.push_str("</svg>\n<figcaption>\n<ul class=\"legend\">\n");
        for (row, family) in families.iter().enumerate() {
            let total: u64 = buckets
                .iter()
                .filter(|((r, _), _)| *r == row)
                .map(|(_, n)| n)
                .sum();
            let _ = writeln!(
                html,
                "<li><span class=\"swatch\" style=\"background:{}\"></span>{} ({total})</li>",
                colour(row),
                escape(family),
            );
        }
        html.push_str("</ul>\n");
        let _ = writeln!(
            html,
            "<p class=\"note muted\">From {} to {}, one bar per {per}; bar height is the count (the tallest is {peak}).</p>",
            escape(&minute_label(kind, start)),
            escape(&minute_label(kind, start + (columns - 1) * width)),
        );
        if self.untimed > 0 || off_axis > 0 {
            let _ = writeln!(
                html,
                "<p class=\"note muted\">Not on the timeline: {} matches on lines without a timestamp this tool reads, {off_axis} with timestamps of another kind (with or without a date) than the ones drawn.</p>",
                self.untimed
            );
        }
        html.push_str("</figcaption>\n</figure>\n</section>\n");
    }

    fn code_sections(&self, html: &mut String, rows: &[Value]) {
        html.push_str(
            "<section aria-labelledby=\"lines\">\n<h2 id=\"lines\">First lines of each code</h2>\n",
        );
        for (n, row) in rows.iter().take(MAX_SECTIONS).enumerate() {
            let key = (
                text(&row["family"]),
                text(&row["code"]),
                text(&row["symbol"]),
            );
            let _ = writeln!(
                html,
                "<h3 id=\"code-{n}\">{} {} {} <span class=\"muted\">({} × , retry {})</span></h3>\n<ol class=\"lines\">",
                escape(&key.0),
                escape(&key.1),
                escape(&key.2),
                row["count"],
                escape(&text(&row["retry"])),
            );
            for sample in self
                .samples
                .get(&key)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                let _ = writeln!(
                    html,
                    "<li><code>{}:{}</code><pre>{}</pre><p class=\"note\">{}</p></li>",
                    escape(&sample.path),
                    sample.line,
                    escape(&sample.text),
                    escape(&sample.annotation),
                );
            }
            html.push_str("</ol>\n");
        }
        if rows.len() > MAX_SECTIONS {
            let _ = writeln!(
                html,
                "<p class=\"muted\">{} more codes are in the table only.</p>",
                rows.len() - MAX_SECTIONS
            );
        }
        html.push_str("</section>\n");
    }
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

fn place(value: &Value) -> String {
    let mut out = format!("{}:{}", text(&value["path"]), value["line_number"]);
    if let Some(time) = value["timestamp"].as_str() {
        let _ = write!(out, " ({time})");
    }
    out
}

fn summary_table(html: &mut String, rows: &[Value]) {
    html.push_str("<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n");
    if rows.is_empty() {
        html.push_str("<p>Nothing known matched.</p>\n</section>\n");
        return;
    }
    html.push_str("<div class=\"scroll\">\n<table>\n<thead><tr><th scope=\"col\">Count</th><th scope=\"col\">Family</th><th scope=\"col\">Code</th><th scope=\"col\">Symbol</th><th scope=\"col\">Retry</th><th scope=\"col\">First seen</th><th scope=\"col\">Last seen</th></tr></thead>\n<tbody>\n");
    for (n, row) in rows.iter().take(MAX_ROWS).enumerate() {
        let symbol = escape(&text(&row["symbol"]));
        let symbol = if n < MAX_SECTIONS {
            format!("<a href=\"#code-{n}\">{symbol}</a>")
        } else {
            symbol
        };
        let _ = writeln!(
            html,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{symbol}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            row["count"],
            escape(&text(&row["family"])),
            escape(&text(&row["code"])),
            escape(&text(&row["retry"])),
            escape(&place(&row["first"])),
            escape(&place(&row["last"])),
        );
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    if rows.len() > MAX_ROWS {
        let _ = writeln!(
            html,
            "<p class=\"muted\">{} more rows: see <code>scan --summary</code>.</p>",
            rows.len() - MAX_ROWS
        );
    }
    html.push_str("</section>\n");
}

/// A family label cut to fit the timeline's label column.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// Okabe and Ito's palette (told apart with colour-blindness), then darker shades.
fn colour(row: usize) -> &'static str {
    const PALETTE: [&str; 12] = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8B6C00", "#7A3E9D",
        "#00565B", "#A83232", "#5A6B00", "#3F51B5",
    ];
    PALETTE[row % PALETTE.len()]
}

/// `scan --report FILE`: scans the inputs (standard input when none) and writes the page.
/// `Ok(true)` when a known code was found.
pub fn run(files: &[PathBuf], out: &Path) -> Result<bool, String> {
    let mut report = Report::default();
    let mut failure = None;
    let inputs: Vec<Option<&PathBuf>> = if files.is_empty() {
        vec![None]
    } else {
        files
            .iter()
            .map(|p| (p.as_os_str() != "-").then_some(p))
            .collect()
    };
    for input in inputs {
        let result = match input {
            Some(path) => {
                crate::scan::open(path).and_then(|r| report.read(&path.display().to_string(), r))
            }
            None => report.read("<stdin>", Box::new(std::io::stdin().lock())),
        };
        if let Err(message) = result {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "finesse-errors: {}",
                crate::output::printable(&message)
            );
            failure = Some(message);
        }
    }
    std::fs::write(out, report.page())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    match failure {
        Some(_) => Err("some input could not be read (see above)".to_string()),
        None => Ok(report.found_known()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_of_every_layout() {
        let at = |s| minute_of(s).map(|(k, m)| (k, minute_label(k, m)));
        assert_eq!(
            at("Apr 07 2026 09:14:02.117"),
            Some((Kind::Dated, "2026-04-07 09:14".into()))
        );
        assert_eq!(
            at("04/07/26 10:50:01.220"),
            Some((Kind::Dated, "2026-04-07 10:50".into()))
        );
        assert_eq!(
            at("2026-04-07T13:20:11"),
            Some((Kind::Dated, "2026-04-07 13:20".into()))
        );
        assert_eq!(
            at("2026.04.07 11:02:01"),
            Some((Kind::Dated, "2026-04-07 11:02".into()))
        );
        assert_eq!(
            at("Apr 07 10:55:12.334"),
            Some((Kind::NoYear, "04-07 10:55".into()))
        );
        assert_eq!(at("10:41:07:332"), Some((Kind::TimeOnly, "10:41".into())));
        assert_eq!(at("10:41:08"), Some((Kind::TimeOnly, "10:41".into())));
        assert_eq!(at("99:99:99"), None);
        assert_eq!(at("Xyz 07 2026 09:14:02.117"), None);
    }

    #[test]
    fn consecutive_days_are_consecutive_minutes() {
        let (_, a) = minute_of("Dec 31 2025 23:59:00.000").unwrap();
        let (_, b) = minute_of("Jan 01 2026 00:00:00.000").unwrap();
        assert_eq!(b - a, 1);
    }
}
