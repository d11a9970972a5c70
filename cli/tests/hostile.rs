//! Issue 22's findings at the command line: output lost to a full disk is never success
//! (`--help` and `--version` included), and nothing untrusted reaches a terminal raw (file
//! paths, usage errors, text and JSON alike); CSV fields cannot run as spreadsheet formulas.

use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_finesse-errors");

/// Runs the binary through `sh`, so that a standard stream can be closed (`>&-`, `<&-`).
fn sh(redirect: &str, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("exec \"$0\" \"$@\" {redirect}"))
        .arg(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run sh")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run finesse-errors")
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../examples/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

const EVERY_COMMAND: &[&[&str]] = &[
    &["lookup", "265"],
    &["lookup", "265", "--format", "json"],
    &["list"],
    &["search", "timeout"],
    &["export"],
    &["export", "--format", "csv"],
    &["--help"],
    &["--version"],
    &["lookup", "--help"],
];

/// Output discarded on purpose is success, whichever way /dev/null was opened: `>/dev/null`
/// (write-only) or read-write, as Python's `subprocess.DEVNULL` and the runtime's stand-in for
/// a closed stream (`>&-`) both are. The two cannot be told apart in safe Rust, so a closed
/// stdout is not reported (see `output.rs`); this guards the scripts that read the status.
#[test]
fn discarded_output_is_success() {
    let invalid_state = fixture("invalid-state.xml");
    let explain: &[&str] = &["explain", &invalid_state];
    for args in EVERY_COMMAND.iter().copied().chain([explain]) {
        for redirect in [">/dev/null", "1<>/dev/null"] {
            let out = sh(redirect, args);
            assert_eq!(out.status.code(), Some(0), "{args:?} {redirect}: {out:?}");
        }
    }
}

#[test]
fn a_full_disk_is_exit_2_for_every_command() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("NOTICE: no /dev/full here; skipping");
        return;
    }
    for args in EVERY_COMMAND {
        let out = sh(">/dev/full", args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("No space left"),
            "{args:?}"
        );
    }
}

/// An empty standard input is an empty body, read-write /dev/null included (Python's
/// `subprocess.DEVNULL`): a status alone is diagnosed.
#[test]
fn empty_standard_input_is_an_empty_body() {
    for redirect in ["</dev/null", "0<>/dev/null"] {
        assert_eq!(
            sh(redirect, &["explain"]).status.code(),
            Some(1),
            "{redirect}"
        );
        let out = sh(redirect, &["explain", "--status", "503"]);
        assert_eq!(out.status.code(), Some(0), "{redirect}: {out:?}");
    }
}

#[test]
fn a_hostile_file_path_is_escaped_in_the_error() {
    let path = "/nonexistent/\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{202e}txt.xml";
    let out = run(&["explain", path]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("cannot read"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(!stderr.contains('\u{202e}'), "{stderr:?}");
    assert!(
        stderr.contains("\\x1b]0;PWNED\\x07\\x1b[2J\\u{202e}txt.xml"),
        "{stderr:?}"
    );
    // A usage error that quotes its argument, too.
    let out = run(&["--format", "\u{1b}[31mx", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8(out.stderr).unwrap().contains('\u{1b}'));
}

/// An ApiError whose message hides text: zero-width and bidi controls, a C1 CSI, DEL.
const HIDDEN: &str = "<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType>\
    <ErrorMessage>CF_INVALID\u{200b}_AGENT\u{202e}dlrow\u{2066}\u{9b}2J\u{7f}</ErrorMessage>\
    <ErrorData>265</ErrorData></ApiError></ApiErrors>";

fn explain_stdin(args: &[&str]) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(HIDDEN.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn has_hidden(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            c,
            '\u{200b}' | '\u{202e}' | '\u{2066}' | '\u{9b}' | '\u{7f}'
        )
    })
}

#[test]
fn text_output_escapes_invisible_and_reordering_characters() {
    let out = explain_stdin(&["explain", "--status", "400"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("CF_INVALID\\u{200b}_AGENT\\u{202e}dlrow\\u{2066}\\u{9b}2J\\x7f"),
        "{stdout}"
    );
    assert!(!has_hidden(&stdout), "{stdout:?}");
}

#[test]
fn json_output_escapes_them_and_keeps_the_value() {
    let out = explain_stdin(&["explain", "--status", "400", "--format", "json"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!has_hidden(&stdout), "{stdout:?}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        value["errors"][0]["error_message"],
        "CF_INVALID\u{200b}_AGENT\u{202e}dlrow\u{2066}\u{9b}2J\u{7f}",
        "{stdout}"
    );
}

#[test]
fn csv_export_fields_never_start_a_formula() {
    let out = run(&["export", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let header = reader.headers().unwrap().clone();
    let code = header.iter().position(|h| h == "code").unwrap();
    let mut negative_codes = 0;
    for record in reader.records() {
        let record = record.unwrap();
        for field in &record {
            let is_number = field
                .strip_prefix('-')
                .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()));
            if let Some(first) = field.chars().next() {
                assert!(
                    is_number || !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r'),
                    "{field:?}"
                );
            }
        }
        negative_codes += usize::from(record[code].starts_with('-'));
    }
    // Negative codes are written as numbers, without the quote.
    assert!(negative_codes > 0);
}
