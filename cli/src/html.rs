//! `export --format html`: the whole knowledge base as one self-contained page, and the HTML
//! helpers `scan --report` shares.
//!
//! The page embeds the JSON export's entries and, computed here with the crate's own resolver,
//! the index the page's lookup reads: every name key (symbols, aliases, unprefixed constants,
//! Finesse `<status> <type>` pairs, CamelCase spellings) with the candidates `lookup` gives for
//! it. The page's script only trims and upper-cases the query the way the crate does, parses
//! numbers as [`finesse_errors::parse_code`] does and splits a qualifier; what a name stands for
//! is never decided in JavaScript. No network: a Content-Security-Policy forbids every fetch.

use crate::export::json_export;
use finesse_errors::{ErrorInfo, Family, Form, all, resolve};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const SCRIPT: &str = include_str!("html/kb.js");
const STYLE: &str = include_str!("html/kb.css");
/// The report's style sheet (the report has no script at all).
pub const REPORT_STYLE: &str = include_str!("html/report.css");

/// Text for an HTML text node or a quoted attribute: `& < > " '` as entities, and every
/// character the terminal output escapes ([`crate::output::printable`]: controls, bidi
/// overrides and isolates, zero-width and tag characters) shown as a visible `\u{..}`.
pub fn escape(text: &str) -> String {
    let text = crate::output::printable(text);
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// JSON that can sit inside `<script type="application/json">`: `<`, `>` and `&` as `\u`
/// escapes (so no `</script>` or `<!--` can close or confuse the element), and the line and
/// paragraph separators too.
pub fn script_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 64);
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(ch),
        }
    }
    out
}

/// The form numbers the page uses (`matched_by` in `lookup --format json`).
fn form_number(form: Form) -> u32 {
    form as u32
}

/// Every name a query can be read as, with and without prefix, upper-cased.
fn name_keys(info: &ErrorInfo) -> Vec<String> {
    let mut names: Vec<String> = std::iter::once(info.symbol())
        .chain(info.aliases())
        .filter(|n| !n.is_empty())
        .map(|n| n.to_ascii_uppercase())
        .collect();
    let mut unprefixed = Vec::new();
    for name in &names {
        for prefix in info.family().prefixes() {
            if let Some(rest) = name.strip_prefix(prefix) {
                if !rest.is_empty() {
                    unprefixed.push(rest.to_string());
                }
            }
        }
    }
    names.extend(unprefixed);
    names
}

/// A mixed-case spelling of an upper-case key without underscores (`CFINVALID` ->
/// `Cfinvalid`), which the resolver reads as CamelCase; `None` when it cannot be one.
fn camel_spelling(squashed: &str) -> Option<String> {
    if !squashed.bytes().all(|b| b.is_ascii_alphanumeric())
        || squashed.bytes().filter(u8::is_ascii_alphabetic).count() < 2
    {
        return None;
    }
    let mut first = true;
    Some(
        squashed
            .chars()
            .map(|c| {
                if c.is_ascii_alphabetic() && first {
                    first = false;
                    c
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect(),
    )
}

/// The page's index, computed with the crate's resolver.
struct Index {
    /// Normalised name -> candidates `[entry, form]` (symbol and unprefixed forms, best first).
    names: BTreeMap<String, Vec<(usize, u32)>>,
    /// Upper-cased CamelCase name -> entries.
    camel: BTreeMap<String, Vec<usize>>,
    /// `<status> <NORMALISED TYPE>` -> entries.
    status: BTreeMap<String, Vec<usize>>,
}

fn build_index() -> Index {
    let position: HashMap<*const ErrorInfo, usize> = all()
        .iter()
        .enumerate()
        .map(|(i, info)| (info as *const ErrorInfo, i))
        .collect();
    let at = |info: &'static ErrorInfo| position[&(info as *const ErrorInfo)];
    let mut keys = BTreeSet::new();
    for info in all() {
        keys.extend(name_keys(info));
    }
    let mut names = BTreeMap::new();
    for key in &keys {
        let resolution = resolve(key);
        if resolution.qualifier().is_some() || resolution.camel_case() {
            continue;
        }
        let found: Vec<(usize, u32)> = resolution
            .filter(|c| c.form() != Form::Code)
            .map(|c| (at(c.entry()), form_number(c.form())))
            .collect();
        if !found.is_empty() {
            names.insert(key.clone(), found);
        }
    }
    // CamelCase: read unqualified when no name is spelled that way, else through a qualifier
    // of each family (the only case in which the page asks for it).
    let mut camel: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let squashed: BTreeSet<String> = keys.iter().map(|k| k.replace('_', "")).collect();
    for key in &squashed {
        let Some(spelling) = camel_spelling(key) else {
            continue;
        };
        let mut found = BTreeSet::new();
        let mut read = |text: &str| {
            let resolution = resolve(text);
            if resolution.camel_case() {
                found.extend(resolution.map(|c| at(c.entry())));
            }
        };
        read(&spelling);
        for family in Family::ALL {
            if let Some(class) = family.qualifiers().first() {
                read(&format!("{class}.{spelling}"));
            }
        }
        if !found.is_empty() {
            camel.insert(key.clone(), found.into_iter().collect());
        }
    }
    let mut status = BTreeMap::new();
    for info in all().iter().filter(|i| i.family() == Family::FinesseApi) {
        let Some(code) = info.http_status() else {
            continue;
        };
        for name in std::iter::once(info.symbol()).chain(info.aliases()) {
            let query = format!("{code} {}", normalize(name));
            let found: Vec<usize> = crate::query::lookup(&query, None)
                .into_iter()
                .map(|(info, _)| at(info))
                .collect();
            if !found.is_empty() {
                status.insert(query, found);
            }
        }
    }
    Index {
        names,
        camel,
        status,
    }
}

/// The crate's name normalisation: whitespace trimmed and folded, ASCII upper-cased.
fn normalize(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

/// The data the page's script reads.
fn page_data() -> Value {
    let export = json_export();
    let index = build_index();
    let mut entries = Vec::new();
    if let Some(families) = export["families"].as_array() {
        for family in families {
            if let Some(list) = family["entries"].as_array() {
                entries.extend(list.iter().cloned());
            }
        }
    }
    // Many entries share a recovery plan: each distinct plan goes out once, entries name it by
    // index (the page's script puts the plan back before anything reads it).
    let mut plans: Vec<Value> = Vec::new();
    for entry in &mut entries {
        if let Some(plan) = entry.get_mut("recovery").filter(|p| !p.is_null()) {
            let index = match plans.iter().position(|p| p == plan) {
                Some(i) => i,
                None => {
                    plans.push(plan.clone());
                    plans.len() - 1
                }
            };
            *plan = json!(index);
        }
    }
    let families: Vec<Value> = Family::ALL
        .iter()
        .map(|&f| {
            json!({
                "name": f.name(),
                "description": f.description(),
                "qualifiers": f.qualifiers(),
                // How the family's codes are written (`KeyKind`): as `parse_code` reads them.
                "key": f.key_kind().name(),
            })
        })
        .collect();
    let names: Map<String, Value> = index
        .names
        .into_iter()
        .map(|(k, v)| (k, json!(v)))
        .collect();
    let camel: Map<String, Value> = index
        .camel
        .into_iter()
        .map(|(k, v)| (k, json!(v)))
        .collect();
    let status: Map<String, Value> = index
        .status
        .into_iter()
        .map(|(k, v)| (k, json!(v)))
        .collect();
    let forms: Vec<&str> = Form::ALL.iter().map(|f| f.name()).collect();
    let decoders = decoders();
    json!({
        "crate_version": export["crate_version"],
        "schema_version": export["schema_version"],
        "vocabularies": export["vocabularies"],
        "families": families,
        "forms": forms,
        "entries": entries,
        "plans": plans,
        // The dialer's SIP status × Q.850 cause map, for a dialer result's "From SIP" row.
        "sip": export["dialer_sip_map"],
        "decoders": decoders,
        "names": names,
        "camel": camel,
        "status": status,
    })
}

/// The knowledge-base page.
/// What the page needs to decode a value no entry holds, as the crate decodes it: each
/// PGStatus flag's bit and entry index (`pg_status_flags`), and each CDR high byte's SIP
/// status and basis (`CdrCause::sip_status`). The script only combines them.
fn decoders() -> Value {
    // Entry indices as the page numbers them: families in order, entries in table order.
    let mut index = 0usize;
    let mut pg_flags = Vec::new();
    for &family in Family::ALL {
        for info in finesse_errors::entries(family) {
            if family == Family::CtiPgStatus
                && let Some(code) = info.code()
                && (code as u32).is_power_of_two()
            {
                pg_flags.push(json!([code as u32, index]));
            }
            index += 1;
        }
    }
    let sip: Map<String, Value> = (1u32..=255)
        .filter_map(|byte| {
            let (status, basis) = finesse_errors::cdr_cause(byte << 24).sip_status()?;
            let basis = match basis {
                finesse_errors::SipBasis::Listed => "listed",
                _ => "pattern",
            };
            Some((byte.to_string(), json!([status, basis])))
        })
        .collect();
    json!({ "pg_flags": pg_flags, "sip_index": sip })
}

pub fn knowledge_base_page() -> String {
    let data = page_data();
    let version = data["crate_version"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let count = all().len();
    let options: String = Family::ALL
        .iter()
        .map(|f| format!("<option value=\"{0}\">{0}</option>", escape(f.name())))
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>Cisco contact-center error codes (finesse-errors {version})</title>
<style>
{STYLE}</style>
</head>
<body>
<header>
<h1>Cisco contact-center error codes</h1>
<p class="about">{count} entries from Finesse, CTI Server, the PG, Unified CM / JTAPI, CTI OS and XMPP. Works offline: finesse-errors {version}. Link to an answer with <code>#q=265</code>.</p>
</header>
<main>
<form id="lookup" role="search" autocomplete="off">
<div class="field">
<label for="q">Code, name or words</label>
<input id="q" name="q" type="search" spellcheck="false" autocapitalize="off" aria-describedby="hint" autofocus>
</div>
<div class="field">
<label for="family">Family</label>
<select id="family" name="family"><option value="">every family</option>{options}</select>
</div>
<button type="submit">Look up</button>
</form>
<p id="hint" class="hint">For example <code>265</code>, <code>0x8CCC00D2</code>, <code>-1932787502</code>, <code>E_CTI_TIMEOUT</code>, <code>TIMEOUT</code>, <code>CiscoJtapiException.CTIERR_TIMEOUT</code>, <code>400 Invalid State</code> or <code>heartbeat idle</code>.</p>
<p id="status" role="status" aria-live="polite"></p>
<div id="results"></div>
<noscript><p>The lookup needs JavaScript; the data is embedded in this file as JSON.</p></noscript>
</main>
<script type="application/json" id="kb">{data}</script>
<script>
{SCRIPT}</script>
</body>
</html>
"#,
        data = script_json(&data),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_markup_and_controls_text() {
        assert_eq!(
            escape("</script><img src=x onerror='a'>&"),
            "&lt;/script&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
        assert_eq!(escape("a\u{202e}b\u{1b}[31m"), "a\\u{202e}b\\x1b[31m");
    }

    #[test]
    fn script_json_cannot_close_its_element() {
        let text = script_json(&json!({"a": "</script><!-- & \u{2028}"}));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><!-- & \u{2028}");
    }

    #[test]
    fn camel_spellings_are_mixed_case() {
        assert_eq!(camel_spelling("CFINVALID").as_deref(), Some("Cfinvalid"));
        assert_eq!(camel_spelling("NOT-AUTHORIZED"), None);
        assert_eq!(camel_spelling("E1"), None);
    }
}
