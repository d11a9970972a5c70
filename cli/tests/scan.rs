//! `finesse-errors scan`: text, ripgrep-style JSON Lines, `--summary`, gzip, stdin, exit
//! statuses, and `--follow` across truncation and rotation.

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_finesse-errors"));
    command.env("NO_COLOR", "1");
    command
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run finesse-errors")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn log(name: &str) -> String {
    format!(
        "{}/../tests/fixtures/logs/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn text(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn text_shows_each_line_then_its_annotations() {
    let out = run(&["scan", &log("ctios.log")]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<String> = text(&out).lines().map(str::to_string).collect();
    let path = log("ctios.log");
    assert!(
        lines[0].starts_with(&format!("{path}:1: 04/07/26 10:50:01.220")),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("    FailureCode:256 -> cti_control_failure 256 CF_INVALID_AGENT_ID_SPECIFIED, retry never: "), "{lines:?}");
    assert!(lines[2].starts_with(&format!("{path}:3: ")));
    assert!(
        lines[3].contains("ctios_failure 1 eDriverOutOfService, retry after_delay"),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 4);
}

/// A CDR export: each row with a cause worth a look, one annotation per cause; an unlisted
/// composite is unknown and its annotation says what its parts are.
#[test]
fn a_cdr_export_is_annotated_by_column() {
    let out = run(&["scan", &log("cdr.csv")]);
    assert_eq!(out.status.code(), Some(0));
    let text = text(&out);
    let annotations: Vec<&str> = text.lines().filter(|l| l.starts_with("    ")).collect();
    assert_eq!(annotations.len(), 4, "{text}");
    assert!(
        annotations[0].starts_with("    17 -> cucm_cdr_cause 17 User busy"),
        "{text}"
    );
    assert!(
        annotations[2].contains("unknown in cucm_cdr_cause")
            && annotations[2].contains("SIP 485 with Q.850 cause 127"),
        "{text}"
    );
    assert!(
        annotations[3].contains("CCM_SIP_600_BUSY_EVERYWHERE"),
        "{text}"
    );
}

#[test]
fn exit_statuses() {
    assert_eq!(
        run(&["scan", &log("lookalikes.log")]).status.code(),
        Some(1)
    );
    assert_eq!(text(&run(&["scan", &log("lookalikes.log")])), "");
    assert_eq!(
        run_with_stdin(&["scan"], b"E_CTI_TIMEOUT\n").status.code(),
        Some(0)
    );
    assert_eq!(
        run_with_stdin(&["scan", "-"], b"nothing here\n")
            .status
            .code(),
        Some(1)
    );
    // Only an unknown prefixed code: shown, but nothing known was found.
    let out = run_with_stdin(&["scan"], b"x CF_NOT_A_REAL_CODE y\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("unknown in cti_control_failure"));
    // Unreadable input: exit 2 even when another file had codes, which are still printed.
    let out = run(&["scan", &log("jtapi.log"), "/nonexistent/file.log"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("CTIERR_DEVICE_RESTRICTED"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.log"));
    assert_eq!(run(&["scan", "--follow"]).status.code(), Some(2));
    assert_eq!(run(&["scan", "--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn control_characters_are_escaped() {
    let out = run_with_stdin(&["scan"], b"\x1b]0;owned\x07 E_CTI_TIMEOUT \x1b[2J\n");
    let shown = text(&out);
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("\\x1b]0;owned\\x07 E_CTI_TIMEOUT \\x1b[2J"));
}

fn messages(out: &Output) -> Vec<Value> {
    text(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn json_lines_follow_ripgreps_envelope() {
    let path = log("finesse_webservices.log");
    let out = run(&["scan", "--format", "json", &path, &log("pim.log")]);
    assert_eq!(out.status.code(), Some(0));
    let all = messages(&out);
    let types: Vec<&str> = all.iter().map(|m| m["type"].as_str().unwrap()).collect();
    assert_eq!(types.first(), Some(&"begin"));
    assert_eq!(types.last(), Some(&"summary"));
    assert_eq!(types.iter().filter(|t| **t == "begin").count(), 2);
    assert_eq!(types.iter().filter(|t| **t == "end").count(), 2);
    assert_eq!(all[0]["data"]["path"]["text"], path);
    let data = std::fs::read(&path).unwrap();
    let mut submatches = 0;
    for m in all.iter().filter(|m| m["type"] == "match") {
        let d = &m["data"];
        let line = d["lines"]["text"].as_str().unwrap();
        let offset = d["absolute_offset"].as_u64().unwrap() as usize;
        if d["path"]["text"] == path {
            assert_eq!(&data[offset..offset + line.len()], line.as_bytes());
        }
        assert!(d["line_number"].as_u64().unwrap() >= 1);
        for s in d["submatches"].as_array().unwrap() {
            submatches += 1;
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&line[start..end], s["match"]["text"].as_str().unwrap());
            assert!(s["entries"].is_array());
        }
    }
    // Line 3 holds two codes: one match message, two submatches.
    let line3 = all
        .iter()
        .find(|m| {
            m["type"] == "match"
                && m["data"]["line_number"] == 3
                && m["data"]["path"]["text"] == path
        })
        .unwrap();
    assert_eq!(line3["data"]["submatches"].as_array().unwrap().len(), 2);
    assert_eq!(
        line3["data"]["submatches"][0]["entries"][0]["symbol"],
        "CF_INVALID_AGENT_WORKMODE"
    );
    let end = all.iter().find(|m| m["type"] == "end").unwrap();
    assert_eq!(end["data"]["binary_offset"], Value::Null);
    assert_eq!(end["data"]["stats"]["bytes_searched"], data.len() as u64);
    assert_eq!(end["data"]["stats"]["matches"], 7);
    let summary = all.last().unwrap();
    assert_eq!(
        summary["data"]["stats"]["matches"].as_u64().unwrap(),
        submatches
    );
    assert!(summary["data"]["elapsed_total"]["human"].is_string());
    // An embedded response carries the diagnosis.
    let response = all
        .iter()
        .flat_map(|m| {
            m["data"]["submatches"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .find(|s| s["how"] == "response")
        .unwrap();
    assert_eq!(response["diagnosis"]["retry"], "never");
}

#[test]
fn non_utf8_lines_are_base64_in_json() {
    let out = run_with_stdin(&["scan", "--format", "json"], b"\xff E_CTI_TIMEOUT\n");
    let all = messages(&out);
    let m = all.iter().find(|m| m["type"] == "match").unwrap();
    assert_eq!(m["data"]["lines"]["bytes"], "/yBFX0NUSV9USU1FT1VUCg==");
    assert_eq!(m["data"]["path"]["text"], "<stdin>");
}

#[test]
fn gzip_is_read_transparently() {
    let dir = std::env::temp_dir().join(format!("fe-scan-gz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gz = dir.join("jtapi.log.gz");
    let plain = std::fs::read(log("jtapi.log")).unwrap();
    let mut encoder = flate2_like_gzip(&plain);
    std::fs::write(&gz, &mut encoder).unwrap();
    let zipped = run(&["scan", gz.to_str().unwrap()]);
    let unzipped = run(&["scan", &log("jtapi.log")]);
    assert_eq!(zipped.status.code(), Some(0));
    let strip = |o: &Output, p: &str| text(o).replace(p, "F");
    assert_eq!(
        strip(&zipped, gz.to_str().unwrap()),
        strip(&unzipped, &log("jtapi.log"))
    );
    let piped = run_with_stdin(&["scan"], &std::fs::read(&gz).unwrap());
    assert_eq!(
        strip(&piped, "<stdin>"),
        strip(&unzipped, &log("jtapi.log"))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A gzip file made by the system's gzip, so the test does not trust our own encoder.
fn flate2_like_gzip(plain: &[u8]) -> Vec<u8> {
    let mut child = Command::new("gzip")
        .arg("-c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip is installed");
    child.stdin.take().unwrap().write_all(plain).unwrap();
    child.wait_with_output().unwrap().stdout
}

#[test]
fn summary_counts_per_code_with_first_and_last() {
    let out = run(&[
        "scan",
        "--summary",
        "--format",
        "json",
        &log("finesse_webservices.log"),
        &log("jtapi.log"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = v["codes"].as_array().unwrap();
    assert_eq!(codes[0]["symbol"], "CF_INVALID_AGENT_WORKMODE");
    assert_eq!(codes[0]["count"], 5);
    assert_eq!(codes[0]["first"]["line_number"], 2);
    assert_eq!(codes[0]["first"]["timestamp"], "Apr 07 2026 09:14:02.131");
    assert_eq!(codes[0]["last"]["line_number"], 8);
    assert_eq!(codes[1]["symbol"], "CTIERR_DEVICE_RESTRICTED");
    assert_eq!(codes[1]["count"], 3);
    assert_eq!(codes[1]["retry"], "never");
    let counts: Vec<u64> = codes.iter().map(|c| c["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    let out = run(&["scan", "--summary", &log("jtapi.log")]);
    assert!(
        text(&out)
            .lines()
            .nth(1)
            .unwrap()
            .contains("CTIERR_DEVICE_RESTRICTED")
    );
}

/// Waits for a line of the child's output containing `want`; a bounded wait, so a broken
/// `--follow` fails the test instead of hanging it.
fn wait_for(lines: &std::sync::mpsc::Receiver<String>, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(want) => return,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    panic!("no line with {want}");
}

#[test]
fn follow_survives_truncation_and_rotation() {
    let dir = std::env::temp_dir().join(format!("fe-scan-follow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ctisvr.log");
    std::fs::write(&path, b"start E_CTI_TIMEOUT\n").unwrap();
    let mut child = Stopped(
        bin()
            .args(["scan", "--follow", path.to_str().unwrap()])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stdout = child.0.stdout.take().unwrap();
    let (send, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    wait_for(&lines, "E_CTI_TIMEOUT -> cti_status");
    // Growth, including a line written in two parts.
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    file.write_all(b"grown CF_INVALID_").unwrap();
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    file.write_all(b"AGENT_WORKMODE\n").unwrap();
    drop(file);
    wait_for(&lines, "CF_INVALID_AGENT_WORKMODE -> cti_control_failure");
    // Truncation.
    std::fs::write(&path, b"PERERR_TELDRIVE_CALLTYPENOTVALIDFORDIALPLAN\n").unwrap();
    wait_for(
        &lines,
        "PERERR_TELDRIVE_CALLTYPENOTVALIDFORDIALPLAN -> peripheral",
    );
    // Rotation: the name now points at a new file.
    std::fs::rename(&path, dir.join("ctisvr.log.1")).unwrap();
    std::fs::write(&path, b"rotated CTIERR_TIMEOUT\n").unwrap();
    wait_for(&lines, "CTIERR_TIMEOUT -> unified_cm");
    drop(child);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The followed process, stopped however the test ends (it never ends by itself).
struct Stopped(std::process::Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
