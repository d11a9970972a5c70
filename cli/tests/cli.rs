//! The `finesse-errors` binary: every subcommand, both formats, and the exit statuses
//! (0 found, 1 nothing known matched, 2 bad usage or input).

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_finesse-errors"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run finesse-errors")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_finesse-errors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run finesse-errors");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(output)))
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../tests/fixtures/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn example(name: &str) -> String {
    format!(
        "{}/../examples/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn lookup_a_code_in_every_family() {
    let out = run(&["lookup", "22"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("CF_INVALID_OBJECT_STATE"), "{text}");
    assert!(text.contains("cti_status 22"), "{text}");

    let out = run(&["lookup", "22", "--format", "json"]);
    let found = json(&out);
    let families: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["family"].as_str().unwrap())
        .collect();
    assert!(
        families.contains(&"cti_status") && families.contains(&"cti_control_failure"),
        "{families:?}"
    );
}

#[test]
fn lookup_with_a_family() {
    let out = run(&[
        "lookup",
        "22",
        "--family",
        "cti_control_failure",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let found = json(&out);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["symbol"], "CF_INVALID_OBJECT_STATE");
    assert_eq!(found[0]["code"], 22);
    assert!(
        [
            "never",
            "after_state_change",
            "after_reconnect",
            "after_delay",
            "not_needed"
        ]
        .contains(&found[0]["retry"].as_str().unwrap())
    );
}

#[test]
fn lookup_symbols_and_error_types() {
    let out = run(&["lookup", "e_cti_timeout", "--format", "json"]);
    assert_eq!(json(&out)[0]["code"], 16);
    let out = run(&["lookup", "Invalid State", "--format", "json"]);
    let statuses: Vec<i64> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["http_status"].as_i64().unwrap())
        .collect();
    assert_eq!(statuses, [400, 401]);
    let out = run(&["lookup", "503 service unavailable"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Service Unavailable"));
}

#[test]
fn lookup_nothing_known_exits_1() {
    let out = run(&["lookup", "NOT_A_REAL_CODE"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("nothing known matched"));
    let out = run(&["lookup", "999999", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out), Value::Array(vec![]));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["lookup"]).status.code(), Some(2));
    assert_eq!(
        run(&["lookup", "22", "--family", "nope"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["list", "--format", "yaml"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let out = run(&["explain", "/no/such/file.xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn list_all_and_one_family() {
    let out = run(&["list"]);
    assert_eq!(out.status.code(), Some(0));
    let all_lines = stdout(&out).lines().count();
    let out = run(&["list", "--family", "cti_status", "--format", "json"]);
    let status = json(&out);
    let entries = status.as_array().unwrap();
    assert!(entries.iter().all(|e| e["family"] == "cti_status"));
    assert!(
        entries.len() > 90 && entries.len() < all_lines,
        "{} of {all_lines}",
        entries.len()
    );
    assert!(entries.iter().any(|e| e["symbol"] == "E_CTI_TIMEOUT"));
}

#[test]
fn search_words() {
    let out = run(&["search", "device", "target", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let found = json(&out);
    assert!(
        found.as_array().unwrap().iter().any(|e| e["code"] == 10125),
        "{found}"
    );
    let out = run(&["search", "zzzz-no-such-word"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(run(&["search"]).status.code(), Some(2));
}

#[test]
fn explain_text() {
    let out = run(&["explain", &example("invalid-state.xml")]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("CF_INVALID_AGENT_WORKMODE"), "{text}");
    assert!(text.contains("remediation"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
}

#[test]
fn explain_json_has_the_documented_keys() {
    let out = run(&[
        "explain",
        &fixture("own_xmpp_message_peripheral.xml"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let d = json(&out);
    for key in ["http_status", "retry", "category", "summary", "errors"] {
        assert!(d.get(key).is_some(), "missing {key}: {d}");
    }
    assert_eq!(d["http_status"], Value::Null);
    let error = &d["errors"][0];
    for key in [
        "error_type",
        "error_message",
        "error_data",
        "peripheral_error_code",
        "matches",
    ] {
        assert!(error.get(key).is_some(), "missing errors[0].{key}: {d}");
    }
    assert_eq!(error["peripheral_error_code"], 10125);
    assert_eq!(error["error_type"], "Invalid Device");
    let matches = error["matches"].as_array().unwrap();
    assert_eq!(matches[0]["family"], "peripheral");
    assert_eq!(matches[0]["code"], 10125);
    assert_eq!(
        matches[0]["symbol"],
        "PERERR_TELDRIVE_NODEVICETARGETFORNETTARGETID"
    );
    assert!(
        matches
            .iter()
            .any(|m| m["family"] == "cti_control_failure" && m["code"] == 260)
    );
    assert!(
        matches
            .iter()
            .any(|m| m["family"] == "finesse_api" && m["code"].is_null())
    );
}

#[test]
fn explain_with_status_from_stdin() {
    let body = std::fs::read(example("out-of-service.xml")).unwrap();
    let out = run_with_stdin(&["explain", "--status", "503", "--format", "json"], &body);
    assert_eq!(out.status.code(), Some(0));
    let d = json(&out);
    assert_eq!(d["http_status"], 503);
    assert_eq!(d["retry"], "after_delay");
    let out = run_with_stdin(&["explain", "-", "--status", "503"], &body);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn explain_nothing_known_exits_1() {
    let out = run_with_stdin(
        &["explain", "--format", "json"],
        b"<ApiErrors><ApiError><ErrorType>Nope</ErrorType></ApiError></ApiErrors>",
    );
    assert_eq!(out.status.code(), Some(1));
    let d = json(&out);
    assert_eq!(d["errors"][0]["matches"], Value::Array(vec![]));
    assert_eq!(d["retry"], "never");
}

#[test]
fn explain_bad_input_exits_2() {
    let huge = vec![b'<'; 70 * 1024];
    let out = run_with_stdin(&["explain"], &huge);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("limit"));
    let out = run_with_stdin(&["explain"], b"<ApiErrors <<<");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(run(&["explain", "--status", "abc"]).status.code(), Some(2));
}

#[test]
fn every_sample_explains() {
    let dir = format!("{}/../tests/fixtures/responses", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let out = run(&[
            "explain",
            path.to_str().unwrap(),
            "--status",
            "400",
            "--format",
            "json",
        ]);
        // A fixture of a type we do not know (another product's) is honestly "nothing known".
        let unknown = path.to_string_lossy().contains("_unknown_");
        assert_eq!(
            out.status.code(),
            Some(if unknown { 1 } else { 0 }),
            "{}: {}",
            path.display(),
            stdout(&out)
        );
        assert!(
            json(&out)["summary"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
    }
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_finesse-errors"))
        .args(["list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run finesse-errors");
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_ne!(
        output.status.code(),
        Some(101),
        "panicked: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn control_characters_from_a_response_are_shown_escaped() {
    let body = b"<ApiErrors><ApiError><ErrorType>&#27;]0;PWNED&#7;&#27;[2J</ErrorType>\
        <ErrorMessage>a\x1b[31mred\xc2\x9b\xe2\x80\xaeevil</ErrorMessage></ApiError></ApiErrors>";
    let out = run_with_stdin(&["explain", "--status", "400"], body);
    let text = stdout(&out);
    assert!(
        !text.bytes().any(|b| b == 0x1b || b == 0x07),
        "raw control bytes reached the terminal: {text:?}"
    );
    assert!(
        !text.contains('\u{9b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("\\x1b]0;PWNED\\x07\\x1b[2J"), "{text}");
    assert!(text.contains("a\\x1b[31mred\\u{9b}\\u{202e}evil"), "{text}");
    // JSON stays exact: the escapes are JSON's own.
    let out = run_with_stdin(&["explain", "--status", "400", "--format", "json"], body);
    let value = json(&out);
    assert_eq!(
        value["errors"][0]["error_type"],
        "\u{1b}]0;PWNED\u{7}\u{1b}[2J"
    );
}

#[test]
#[cfg(target_os = "linux")]
fn a_failed_write_exits_2() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = Command::new(env!("CARGO_BIN_EXE_finesse-errors"))
        .args(["list"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write"), "{stderr}");
}

#[test]
fn unified_cm_codes_in_every_form() {
    for form in [
        "0x8ccc00d2",
        "0x8CCC00D2",
        "8ccc00d2",
        "2362179794",
        "-1932787502",
    ] {
        let out = run(&["lookup", form]);
        assert_eq!(out.status.code(), Some(0), "{form}");
        let text = stdout(&out);
        assert!(
            text.starts_with("unified_cm 0x8CCC00D2  CTIERR_DEVICE_RESTRICTED"),
            "{form}: {text}"
        );
        let found = json(&run(&["lookup", form, "--format", "json"]));
        assert_eq!(found[0]["code"], -1932787502, "{form}");
        assert_eq!(found[0]["code_text"], "0x8CCC00D2", "{form}");
    }
    let ctios = stdout(&run(&["lookup", "-114", "--family", "ctios"]));
    assert!(
        ctios.starts_with("ctios -114  E_CTIOS_IN_FAILOVER"),
        "{ctios}"
    );
    let listed = stdout(&run(&["list", "--family", "unified_cm"]));
    assert!(listed.lines().count() > 250);
}

#[test]
fn explain_takes_the_method_and_reports_disagreement() {
    let put = json(&run_with_stdin(
        &[
            "explain", "--status", "502", "--method", "put", "--format", "json",
        ],
        b"",
    ));
    assert_eq!(put["retry"], "after_state_change");
    let get = json(&run_with_stdin(
        &[
            "explain", "--status", "502", "--method", "GET", "--format", "json",
        ],
        b"",
    ));
    assert_eq!(get["retry"], "after_delay");
    let bad = run_with_stdin(&["explain", "--method", "PATCH"], b"");
    assert_eq!(bad.status.code(), Some(2));

    let body = b"<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType>\
        <ErrorMessage>CF_INVALID_AGENT_WORKMODE</ErrorMessage><ErrorData>265</ErrorData>\
        </ApiError></ApiErrors>";
    let d = json(&run_with_stdin(
        &["explain", "--status", "400", "--format", "json"],
        body,
    ));
    assert_eq!(d["retry"], "never");
    assert_eq!(d["disagreement"]["symbol"], "Invalid State");
    assert_eq!(d["disagreement"]["retry"], "after_state_change");
    let text = stdout(&run_with_stdin(&["explain", "--status", "400"], body));
    assert!(text.contains("disagrees"), "{text}");
}

#[test]
fn explain_reports_errors_past_the_cap() {
    let body = format!(
        "<ApiErrors>{}</ApiErrors>",
        "<ApiError><ErrorType>Invalid State</ErrorType></ApiError>".repeat(100)
    );
    let d = json(&run_with_stdin(
        &["explain", "--status", "400", "--format", "json"],
        body.as_bytes(),
    ));
    assert_eq!(d["errors"].as_array().unwrap().len(), 64);
    assert_eq!(d["omitted_errors"], 36);
}

#[test]
fn xmpp_conditions_and_reason_codes() {
    // A condition of several kinds lists each kind.
    let conflict = stdout(&run(&["lookup", "conflict"]));
    assert!(conflict.contains("stream:conflict"), "{conflict}");
    assert!(conflict.contains("stanza:conflict"), "{conflict}");
    let redirect = json(&run(&["lookup", "see-other-host", "--format", "json"]));
    assert_eq!(redirect.as_array().unwrap().len(), 1);
    assert_eq!(redirect[0]["symbol"], "stream:see-other-host");

    let out = run(&["lookup", "50003", "--family", "reason_code"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).starts_with("reason_code ucce 50003"),
        "{}",
        stdout(&out)
    );
    // A number two platforms define: both, or the one asked for.
    let both = json(&run(&[
        "lookup",
        "32767",
        "--family",
        "reason_code",
        "--format",
        "json",
    ]));
    let platforms: Vec<&str> = both
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["platform"].as_str().unwrap())
        .collect();
    assert_eq!(platforms, ["ucce", "uccx"]);
    let uccx = json(&run(&[
        "lookup",
        "32767",
        "--family",
        "reason_code",
        "--platform",
        "uccx",
        "--format",
        "json",
    ]));
    assert_eq!(uccx.as_array().unwrap().len(), 1);
    assert_eq!(uccx[0]["platform"], "uccx");
}

#[test]
fn explain_a_stream_error_and_a_forced_logout() {
    let out = run(&[
        "explain",
        &fixture("own_bosh_stream_conflict.xml"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let d = json(&out);
    assert_eq!(d["form"], "bosh_body");
    assert_eq!(d["retry"], "never");
    assert_eq!(d["errors"][0]["condition"], "stream:conflict");
    assert_eq!(d["errors"][0]["matches"][0]["family"], "xmpp");

    let out = run(&["explain", &fixture("own_user_forced_logout_255.xml")]);
    let text = stdout(&out);
    assert!(
        text.contains("1001 LOGOUT: system reason code 255"),
        "{text}"
    );
    let d = json(&run(&[
        "explain",
        &fixture("own_user_forced_logout_255.xml"),
        "--format",
        "json",
    ]));
    assert_eq!(d["agents"][0]["reason_code"], 255);
    assert_eq!(d["agents"][0]["system"], true);
    assert_eq!(d["errors"][0]["matches"][0]["family"], "reason_code");
    assert_eq!(d["errors"][0]["matches"][0]["platform"], "finesse");
}

/// Every entry answers `lookup` by each of its names and by its code in every written form
/// (Unified CM: hex, unsigned and signed decimal), in JSON, with its family.
#[test]
fn every_entry_is_reachable_from_the_command_line() {
    fn found(args: &[&str]) -> Vec<Value> {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        json(&out).as_array().unwrap().clone()
    }
    let is = |v: &Value, info: &finesse_errors::ErrorInfo| {
        v["family"] == info.family().name()
            && v["symbol"] == info.symbol()
            && v["code"] == serde_json::json!(info.code())
            && v["http_status"] == serde_json::json!(info.http_status())
            && v["platform"] == serde_json::json!(info.platform().map(|p| p.name()))
    };
    for info in finesse_errors::all() {
        let family = info.family().name();
        let names = std::iter::once(info.symbol())
            .filter(|s| !s.is_empty())
            .chain(info.aliases());
        for name in names {
            let query = match info.http_status() {
                Some(status) => format!("{status} {name}"),
                None => name.to_string(),
            };
            let answers = found(&["lookup", &query, "--family", family, "--format", "json"]);
            assert!(answers.iter().any(|v| is(v, info)), "{query}");
        }
        if let Some(code) = info.code() {
            let mut forms = vec![code.to_string()];
            if info.family() == finesse_errors::Family::UnifiedCm {
                forms.push(format!("{:#010x}", code as u32));
                forms.push((code as u32).to_string());
            }
            for form in forms {
                let answers = found(&["lookup", &form, "--family", family, "--format", "json"]);
                assert!(answers.iter().any(|v| is(v, info)), "{family} {form}");
            }
        }
    }
}

/// `lookup` lists, for every name and number of `data/README.md`'s table of ambiguous keys,
/// exactly the families the table gives (the table is checked against the Rust `resolve` by
/// `tests/ambiguity.rs`), says how many matched, and tells the form of each match.
#[test]
fn lookup_lists_every_family_of_each_ambiguous_key() {
    let path = format!("{}/../data/README.md", env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme.find("<!-- ambiguous:begin").unwrap();
    let end = readme.find("<!-- ambiguous:end").unwrap();
    let mut keys: Vec<(String, std::collections::BTreeSet<String>)> = Vec::new();
    for line in readme[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() != 4
            || cells[1].starts_with("---")
            || matches!(cells[1], "name" | "families")
        {
            continue;
        }
        let set = |s: &str| s.split(", ").map(str::to_string).collect();
        match cells[1].strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
            Some(name) => keys.push((name.to_string(), set(cells[2]))),
            None => {
                for part in cells[2].split(", ") {
                    let (a, b) = part.split_once('–').unwrap_or((part, part));
                    let (a, b): (i64, i64) = (a.parse().unwrap(), b.parse().unwrap());
                    keys.extend((a..=b).map(|n| (n.to_string(), set(cells[1]))));
                }
            }
        }
    }
    assert!(keys.len() > 50);
    for (key, want) in &keys {
        let out = run(&["lookup", key, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{key}");
        let found = json(&out);
        let families: std::collections::BTreeSet<String> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["family"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(&families, want, "{key}");
        assert!(
            found
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["matched_by"].is_string())
        );
    }
    let text = stdout(&run(&["lookup", "TIMEOUT"]));
    assert!(text.starts_with("2 matches in 2 families"), "{text}");
}

#[test]
fn every_face_shows_evidence_and_twin() {
    let text = stdout(&run(&["lookup", "--family", "peripheral", "20004"]));
    assert!(text.contains("evidence     documented"), "{text}");
    assert!(
        text.contains("twin         unified_cm 0x8CCC0004 CTIERR_ILLEGAL_HANDLE"),
        "{text}"
    );

    let value = json(&run(&[
        "lookup",
        "--format",
        "json",
        "--family",
        "peripheral",
        "20004",
    ]));
    let entry = &value[0];
    assert_eq!(entry["evidence"], "documented");
    assert_eq!(entry["twin"]["family"], "unified_cm");
    assert_eq!(entry["twin"]["code_text"], "0x8CCC0004");

    // An inferred row says so in text, and the list shows each row's level.
    let inferred = finesse_errors::all()
        .iter()
        .find(|i| {
            i.evidence() == finesse_errors::Evidence::Inferred && i.symbol().starts_with("CF_")
        })
        .unwrap();
    let text = stdout(&run(&["lookup", inferred.symbol()]));
    assert!(text.contains("inferred (our reading"), "{text}");
    let list = stdout(&run(&["list", "--family", "cti_control_failure"]));
    let line = list
        .lines()
        .find(|l| l.contains(inferred.symbol()))
        .unwrap();
    assert!(line.trim_end().ends_with("inferred"), "{line}");
}

/// The names and codes of `tests/fixtures/whitespace-names.json`, wrapped in Unicode
/// whitespace, answer as in every other face: found (exit 0) with the same entry, or nothing
/// known (exit 1).
#[test]
fn lookup_reads_whitespace_like_every_face() {
    let path = format!(
        "{}/../tests/fixtures/whitespace-names.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let cases: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for case in cases["names"].as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        let output = run(&["lookup", input, "--format", "json"]);
        match case["symbol"].as_str() {
            Some(symbol) => {
                assert_eq!(output.status.code(), Some(0), "{input:?}");
                let found = json(&output);
                let found = found.as_array().unwrap();
                assert!(!found.is_empty(), "{input:?}");
                assert!(
                    found.iter().all(|e| e["symbol"] == symbol),
                    "{input:?}: {found:?}"
                );
                let plain = json(&run(&["lookup", symbol, "--format", "json"]));
                assert_eq!(found.len(), plain.as_array().unwrap().len(), "{input:?}");
            }
            None => assert_eq!(output.status.code(), Some(1), "{input:?}"),
        }
    }
    for case in cases["codes"].as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        let family = case["family"].as_str().unwrap();
        let output = run(&["lookup", input, "--family", family, "--format", "json"]);
        match case["code"].as_i64() {
            Some(code) => {
                assert_eq!(output.status.code(), Some(0), "{input:?}");
                assert_eq!(json(&output)[0]["code"], code, "{input:?}");
            }
            None => assert_eq!(output.status.code(), Some(1), "{input:?}"),
        }
    }
}

/// Every seventh prefixed symbol of every family (the C and Python tests take all of them):
/// `lookup` finds its entry by the constant without the prefix and qualified by a class.
#[test]
fn lookup_finds_bare_and_qualified_constants() {
    const PREFIXES: &[&str] = &[
        "E_CTIOS_",
        "E_ARM_STAT_",
        "E_CTI_",
        "CTIERR_",
        "PERERR_",
        "CIL_",
        "CF_",
        "E_",
    ];
    let mut checked = 0;
    for (i, info) in finesse_errors::all()
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 7 == 0)
    {
        let Some(bare) = PREFIXES.iter().find_map(|p| {
            info.symbol()
                .strip_prefix(p)
                .filter(|rest| !rest.is_empty())
        }) else {
            continue;
        };
        for text in [bare.to_string(), format!("Codes.{bare}")] {
            let found = json(&run(&["lookup", &text, "--format", "json"]));
            assert!(
                found
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["symbol"] == info.symbol() && e["family"] == info.family().name()),
                "{i}: {text}"
            );
        }
        checked += 1;
    }
    assert!(checked > 90, "{checked}");
}
