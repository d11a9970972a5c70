//! `scan --summary`: per family and code, how often, where first and last (with the line's
//! timestamp when it starts with a known Cisco one), and the retry verdict; by count.

use crate::Format;
use crate::output::printable;
use crate::render::{Style, key};
use crate::timestamp;
use finesse_errors::ErrorInfo;
use finesse_errors::scan::{Finding, Match};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::rc::Rc;

/// Where a code was seen.
#[derive(Clone)]
struct Place {
    path: Rc<str>,
    line: u64,
    timestamp: Option<String>,
}

impl Place {
    fn text(&self) -> String {
        match &self.timestamp {
            Some(time) => format!("{}:{} ({time})", self.path, self.line),
            None => format!("{}:{}", self.path, self.line),
        }
    }

    fn json(&self) -> Value {
        json!({"path": &*self.path, "line_number": self.line, "timestamp": self.timestamp})
    }
}

struct Row {
    family: String,
    code: String,
    symbol: String,
    retry: String,
    count: u64,
    first: Place,
    last: Place,
}

/// A row's key: family, code and symbol as shown.
type Key = (String, String, String);

/// The codes seen so far.
#[derive(Default)]
pub struct Summary {
    rows: HashMap<Key, Row>,
    /// The key of every single entry already seen, by the entry's (static) address: a match
    /// of a known code costs one lookup, not four new strings.
    by_entry: HashMap<usize, Key>,
    /// The path of the input being read, shared by its places.
    path: Option<Rc<str>>,
}

/// family, code, symbol and retry of a match, as the summary groups them.
/// The entry's key without its family: the code as written (`265`, `400 Invalid State`).
fn code_of(info: &ErrorInfo) -> String {
    key(info)
        .strip_prefix(info.family().name())
        .unwrap_or_default()
        .trim()
        .to_string()
}

pub fn describe(m: &Match<'_>) -> (String, String, String, String) {
    let text = printable(&String::from_utf8_lossy(m.text())).into_owned();
    match &m.finding {
        Finding::Known(entries) if entries.len() == 1 => {
            let info = entries.iter().next().expect("one entry");
            let code = code_of(info);
            (
                info.family().to_string(),
                code,
                crate::scan::symbol(info).to_string(),
                info.retry().to_string(),
            )
        }
        Finding::Known(entries) => {
            let mut families: Vec<&str> = entries.iter().map(|i| i.family().name()).collect();
            families.dedup();
            let symbols: Vec<String> = entries
                .iter()
                .map(|i| format!("{} {}", key(i), i.symbol()))
                .collect();
            let mut retries: Vec<&str> = entries.iter().map(|i| i.retry().name()).collect();
            retries.sort_unstable();
            retries.dedup();
            (
                families.join("|"),
                text,
                format!("one of: {}", symbols.join(", ")),
                retries.join("|"),
            )
        }
        Finding::Unknown(family) => (
            family.to_string(),
            "?".to_string(),
            text,
            "unknown".to_string(),
        ),
        Finding::Diagnosis(d) => match d.verdict.basis {
            Some(link) => {
                let info = link.info;
                let code = code_of(info);
                (
                    info.family().to_string(),
                    code,
                    crate::scan::symbol(info).to_string(),
                    d.verdict.retry.to_string(),
                )
            }
            None => (
                "response".to_string(),
                "-".to_string(),
                d.form.name().to_string(),
                d.verdict.retry.to_string(),
            ),
        },
        _ => (
            "?".to_string(),
            "?".to_string(),
            text,
            "unknown".to_string(),
        ),
    }
}

impl Summary {
    pub fn add(&mut self, path: &str, m: &Match<'_>) {
        let path = match &self.path {
            Some(known) if **known == *path => Rc::clone(known),
            _ => {
                let fresh: Rc<str> = Rc::from(path);
                self.path = Some(Rc::clone(&fresh));
                fresh
            }
        };
        let place = Place {
            path,
            line: m.line_number,
            timestamp: timestamp::at_start(m.line).map(str::to_string),
        };
        // The common case: one known entry, seen before.
        let single = match &m.finding {
            Finding::Known(entries) if entries.len() == 1 => entries.iter().next(),
            _ => None,
        };
        if let Some(info) = single {
            let address = std::ptr::from_ref(info).addr();
            if let Some(row) = self
                .by_entry
                .get(&address)
                .and_then(|k| self.rows.get_mut(k))
            {
                row.count += 1;
                row.last = place;
                return;
            }
        }
        let (family, code, symbol, retry) = describe(m);
        let key = (family, code, symbol);
        if let Some(info) = single {
            self.by_entry
                .insert(std::ptr::from_ref(info).addr(), key.clone());
        }
        let row = self
            .rows
            .entry(key)
            .or_insert_with_key(|(family, code, symbol)| Row {
                family: family.clone(),
                code: code.clone(),
                symbol: symbol.clone(),
                retry,
                count: 0,
                first: place.clone(),
                last: place.clone(),
            });
        row.count += 1;
        row.last = place;
    }

    fn sorted(&self) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows.values().collect();
        rows.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| (&a.family, &a.code, &a.symbol).cmp(&(&b.family, &b.code, &b.symbol)))
        });
        rows
    }

    /// The rows as `--summary --format json` prints them, by count.
    pub fn json_rows(&self) -> Vec<Value> {
        self.sorted()
            .iter()
            .map(|r| {
                json!({
                    "family": r.family, "code": r.code, "symbol": r.symbol, "retry": r.retry,
                    "count": r.count, "first": r.first.json(), "last": r.last.json(),
                })
            })
            .collect()
    }

    pub fn print(&self, format: Format, style: &Style) {
        let rows = self.sorted();
        if format == Format::Json {
            let codes = self.json_rows();
            let text = serde_json::to_string_pretty(&json!({ "codes": codes })).unwrap_or_default();
            crate::output::line(format_args!("{text}"));
            return;
        }
        if rows.is_empty() {
            crate::output::line(format_args!("nothing known matched"));
            return;
        }
        crate::output::line(format_args!(
            "{}",
            style.bold("  count  family               code          symbol                                    retry               first / last")
        ));
        for r in rows {
            crate::output::line(format_args!(
                "{:>7}  {:<20} {:<13} {:<41} {:<19} {}",
                r.count,
                r.family,
                r.code,
                r.symbol,
                r.retry,
                r.first.text()
            ));
            if r.count > 1 {
                crate::output::line(format_args!("{:>104}{}", "", r.last.text()));
            }
        }
    }
}
