//! The knowledge base's own quality bar (see `data/README.md`), checked on every row:
//!
//! - a message is at least 40 characters, a sentence ending with `.`;
//! - no family has more than 10% of rows whose remediation is a template of another row's
//!   (normalised Levenshtein similarity >= 0.85 after removing the row's own names and numbers);
//! - a `never` row never tells the reader to retry, resend or try again;
//! - a row whose retry verdict departs from its category's default says why in `note`;
//! - notes speak to readers, not about how the row was made;
//! - the evidence level agrees with the note: an inferred row says what its reading rests on,
//!   a documented row does not say its meaning was read from the name.

mod common;

use common::{CsvRow, rows, spellings};
use finesse_errors::Family;
use regex::Regex;
use std::sync::LazyLock;

const MIN_MESSAGE_LEN: usize = 40;
const TEMPLATE_SIMILARITY: f64 = 0.85;
const MAX_TEMPLATED_SHARE: f64 = 0.10;

/// The default retry of each category (the table in `data/README.md`).
fn default_retry(category: &str) -> &'static str {
    match category {
        "request" | "authentication" | "authorization" | "not_found" | "configuration"
        | "unsupported" => "never",
        "state" | "telephony" | "server" | "timeout" | "unspecified" => "after_state_change",
        "connectivity" => "after_reconnect",
        "capacity" | "unavailable" => "after_delay",
        "success" | "normal_clearing" | "informational" => "not_needed",
        other => panic!("category `{other}` has no default retry in this test"),
    }
}

/// "do not retry", "never resend", "without retrying" ...: the allowed, negated forms.
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(do not|don't|never|no|not|without|nor|cannot|can't|won't|will not|instead of|rather than|before any|stop)\s+(\w+\s+){0,3}?(automatic\s+)?(retry|retries|retrying|resend|resending|try again|trying again)\b",
    )
    .unwrap()
});

/// Words that tell the reader to send the same request again.
static RETRY_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(retry|retries|retrying|retried|resend|resending|resent|try again|trying again|try once more|try it again|send it again|send the same request again)\b",
    )
    .unwrap()
});

fn tells_to_retry(text: &str) -> bool {
    RETRY_WORDS.is_match(&NEGATED.replace_all(text, " "))
}

/// Lower-case, the row's own symbol and aliases removed, digit runs as `#`, spaces folded: a
/// template with the name (or number) swapped normalises to the same text.
fn normalised_remediation(row: &CsvRow) -> String {
    let mut text = row.remediation.to_lowercase();
    let mut names: Vec<&str> = spellings(row);
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for name in names {
        text = text.replace(&name.to_lowercase(), " ");
    }
    let mut out = String::with_capacity(text.len());
    let mut in_digits = false;
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.push(ch);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn describe(family: Family, row: &CsvRow) -> String {
    match (row.http_status, row.code) {
        (Some(status), _) => format!("{family} {status} {}", row.symbol),
        (None, Some(code)) => format!("{family} {code} {}", row.symbol),
        (None, None) => format!("{family} {}", row.symbol),
    }
}

/// Rows of one family whose remediation is at least `TEMPLATE_SIMILARITY` like another's.
fn templated(family: Family, table: &[CsvRow]) -> Vec<String> {
    let texts: Vec<Vec<char>> = table
        .iter()
        .map(|r| normalised_remediation(r).chars().collect())
        .collect();
    let mut found = Vec::new();
    for (i, a) in texts.iter().enumerate() {
        let twin = texts.iter().enumerate().find(|&(j, b)| {
            if i == j {
                return false;
            }
            let longest = a.len().max(b.len());
            // The distance is at least the difference in length: skip pairs that cannot reach.
            if longest == 0
                || (a.len().abs_diff(b.len()) as f64) > (1.0 - TEMPLATE_SIMILARITY) * longest as f64
            {
                return false;
            }
            let a: String = a.iter().collect();
            let b: String = b.iter().collect();
            strsim::normalized_levenshtein(&a, &b) >= TEMPLATE_SIMILARITY
        });
        if let Some((j, _)) = twin {
            found.push(format!(
                "{} ~ {}",
                describe(family, &table[i]),
                describe(family, &table[j])
            ));
        }
    }
    found
}

#[test]
fn no_family_is_mostly_templates() {
    let mut failures = Vec::new();
    for &family in Family::ALL {
        let table = rows(family);
        let found = templated(family, &table);
        let share = found.len() as f64 / table.len() as f64;
        if share > MAX_TEMPLATED_SHARE {
            failures.push(format!(
                "{family}: {} of {} remediations are templates of another row's ({:.0}%, at most {:.0}%):\n  {}",
                found.len(),
                table.len(),
                share * 100.0,
                MAX_TEMPLATED_SHARE * 100.0,
                found.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_message_is_a_full_sentence() {
    let short: Vec<String> = Family::ALL
        .iter()
        .flat_map(|&family| {
            rows(family)
                .into_iter()
                .filter(|r| {
                    r.message.chars().count() < MIN_MESSAGE_LEN || !r.message.ends_with('.')
                })
                .map(move |r| format!("{}: {:?}", describe(family, &r), r.message))
        })
        .collect();
    assert!(
        short.is_empty(),
        "messages under {MIN_MESSAGE_LEN} characters:\n{}",
        short.join("\n")
    );
}

#[test]
fn never_rows_do_not_say_retry() {
    let contradictions: Vec<String> = Family::ALL
        .iter()
        .flat_map(|&family| {
            rows(family)
                .into_iter()
                .filter(|r| r.retry == "never" && tells_to_retry(&r.remediation))
                .map(move |r| format!("{}: {:?}", describe(family, &r), r.remediation))
        })
        .collect();
    assert!(
        contradictions.is_empty(),
        "`never` rows that tell the reader to retry:\n{}",
        contradictions.join("\n")
    );
}

#[test]
fn a_departure_from_the_category_default_is_explained() {
    let unexplained: Vec<String> = Family::ALL
        .iter()
        .flat_map(|&family| {
            rows(family)
                .into_iter()
                .filter(|r| r.retry != default_retry(&r.category))
                .filter(|r| !r.note.to_lowercase().contains("retr"))
                .map(move |r| {
                    format!(
                        "{}: {} is usually {}, the row says {} without a note on why",
                        describe(family, &r),
                        r.category,
                        default_retry(&r.category),
                        r.retry
                    )
                })
        })
        .collect();
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
}

#[test]
fn notes_speak_to_readers() {
    let process: Vec<String> = Family::ALL
        .iter()
        .flat_map(|&family| {
            rows(family)
                .into_iter()
                .filter(|r| {
                    let note = r.note.to_lowercase();
                    note.contains("research notes") || note.contains("remediation curated")
                })
                .map(move |r| describe(family, &r))
        })
        .collect();
    assert!(
        process.is_empty(),
        "notes about how the row was made: {process:?}"
    );
}

#[test]
fn the_rules_catch_what_they_are_for() {
    assert!(tells_to_retry("Refresh the state and retry once."));
    assert!(tells_to_retry("Try again after fixing nothing."));
    assert!(!tells_to_retry("Do not retry: send a corrected request."));
    assert!(!tells_to_retry("Never resend the same body."));
    let row = |symbol: &str, remediation: &str| CsvRow {
        http_status: None,
        platform: None,
        code: Some(1),
        symbol: symbol.into(),
        aliases: String::new(),
        category: "request".into(),
        retry: "never".into(),
        layer: "cti_server".into(),
        message: "A message long enough to be a real sentence here.".into(),
        remediation: remediation.into(),
        source: "cti-smrg-15.0".into(),
        note: String::new(),
        evidence: "documented".into(),
        twin: String::new(),
    };
    let table = [
        row(
            "E_A_ONE",
            "Fix the CTI client: send a value defined for the field E_A_ONE (1).",
        ),
        row(
            "E_B_TWO",
            "Fix the CTI client: send a value defined for the field E_B_TWO (22).",
        ),
        row(
            "E_C",
            "Something entirely different, about a heartbeat and a session.",
        ),
    ];
    assert_eq!(templated(Family::CtiStatus, &table).len(), 2);
}

/// A note that says the meaning was read from the name or its context.
static READ_FROM_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)meaning inferred|publishes only the name|restates the name|reading of the names?\b|reading is ours|reading comes from the name|meaning from the name|meaning taken from the name|is an inference",
    )
    .unwrap()
});

/// What an inferred row's note says its reading rests on.
static BASIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)inferr|inference|reading|only the name|only a one-line|restates|from the name|not published|no description|low confidence|ours")
        .unwrap()
});

#[test]
fn the_evidence_level_agrees_with_the_note() {
    let mut wrong = Vec::new();
    for family in Family::ALL {
        for row in rows(*family) {
            let problem = match row.evidence.as_str() {
                "documented" if READ_FROM_NAME.is_match(&row.note) => {
                    Some("is documented, but its note says the meaning is read from the name")
                }
                "inferred" if !BASIS.is_match(&row.note) => {
                    Some("is inferred, but its note does not say what the reading rests on")
                }
                "observed" if !row.source.split(' ').any(|k| k == "live-payload") => {
                    Some("is observed without a live-payload source")
                }
                _ => None,
            };
            if let Some(problem) = problem {
                wrong.push(format!("{} {problem}", describe(*family, &row)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(READ_FROM_NAME.is_match("Cisco publishes only the name; meaning inferred from it."));
    assert!(!READ_FROM_NAME.is_match("Meaning from RFC 6120."));
}
