//! The HTML pages: `export --format html` (the knowledge base) and `scan --report` (an
//! incident report). Size, self-containment and escaping; tests/browser/pages.mjs drives both
//! pages in a real browser.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The documented ceiling for the knowledge-base page with every family embedded.
const KB_LIMIT: usize = 1_500_000;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_finesse-errors"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run finesse-errors")
}

fn fixture() -> String {
    format!("{}/tests/fixtures/incident.log", env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fe-html-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn kb() -> String {
    let out = run(&["export", "--format", "html"]);
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

/// Every opening `<tag` of the page, lower-cased.
fn tags(html: &str) -> Vec<String> {
    html.match_indices('<')
        .filter_map(|(at, _)| {
            let name: String = html[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            (!name.is_empty()).then(|| name.to_ascii_lowercase())
        })
        .collect()
}

#[test]
fn the_knowledge_base_page_is_whole_and_under_its_size() {
    let page = kb();
    assert!(page.len() < KB_LIMIT, "{} bytes", page.len());
    // Every entry is in it.
    let export: serde_json::Value =
        serde_json::from_slice(&run(&["export"]).stdout).expect("the JSON export");
    let start = page
        .find("<script type=\"application/json\" id=\"kb\">")
        .unwrap();
    let data = &page[start..];
    let data = &data[data.find('>').unwrap() + 1..data.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(
        data["entries"].as_array().unwrap().len() as u64,
        export["entry_count"].as_u64().unwrap()
    );
    // The index is there and names what the CLI finds: TIMEOUT stands for several entries.
    assert!(data["names"]["TIMEOUT"].as_array().unwrap().len() >= 2);
    assert!(data["status"]["400 INVALID STATE"].is_array());
}

#[test]
fn the_knowledge_base_page_needs_no_network() {
    let page = kb();
    assert!(page.contains("Content-Security-Policy"));
    assert!(page.contains("default-src 'none'"));
    for needle in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "@import",
        "url(http",
        "fetch(",
    ] {
        assert!(!page.contains(needle), "{needle}");
    }
    // Two scripts: the data (JSON, not run) and the page's own.
    assert_eq!(tags(&page).iter().filter(|t| *t == "script").count(), 2);
}

#[test]
fn the_embedded_data_cannot_close_its_script_element() {
    let page = kb();
    let start = page.find("id=\"kb\">").unwrap() + "id=\"kb\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    let data = &page[start..end];
    assert!(data.len() > 100_000);
    assert!(!data.contains('<') && !data.contains('>') && !data.contains('&'));
}

#[test]
fn html_is_for_export_only() {
    let out = run(&["lookup", "--format", "html", "265"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["export", "--format", "html", "--family", "xmpp"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_report_escapes_every_log_line() {
    let dir = temp("escape");
    let out_path = dir.join("report.html");
    let out = run(&["scan", "--report", out_path.to_str().unwrap(), &fixture()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let page = std::fs::read_to_string(&out_path).unwrap();
    // The hostile line is shown, as text.
    assert!(
        page.contains("&lt;/script&gt;&lt;img src=x onerror="),
        "the line is shown"
    );
    assert!(page.contains("&lt;b&gt;bold&lt;/b&gt;&amp;amp;"));
    let tags = tags(&page);
    for forbidden in ["script", "img", "b", "iframe", "object"] {
        assert!(
            !tags.iter().any(|t| t == forbidden),
            "<{forbidden}> in the report"
        );
    }
    // Bidirectional controls are shown as escapes, never raw.
    assert!(page.contains("\\u{202e}gnp.exe\\u{2066}"));
    for ch in ['\u{202e}', '\u{2066}', '\u{1b}'] {
        assert!(!page.contains(ch), "{ch:?} raw in the report");
    }
    // No script may run at all.
    assert!(page.contains("default-src 'none'"));
    assert!(!page.contains("script-src"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_report_has_a_timeline_a_table_and_lines() {
    let dir = temp("content");
    let out_path = dir.join("report.html");
    let out = run(&["scan", "--report", out_path.to_str().unwrap(), &fixture()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "the page goes to the file only");
    let page = std::fs::read_to_string(&out_path).unwrap();
    assert!(page.contains("<svg class=\"timeline\""));
    let bars = page.matches("<rect ").count();
    assert!(bars >= 10, "{bars} bars");
    // The storm minute: five lines, each with the code twice (number and name).
    assert!(
        page.contains("cti_control_failure: 10 at 2026-04-07 09:14"),
        "{page}"
    );
    for symbol in [
        "CF_INVALID_AGENT_WORKMODE",
        "E_CTI_TIMEOUT",
        "PERERR_TELDRIVE_NODEVICETARGETFORNETTARGETID",
        "CTIERR_TIMEOUT",
    ] {
        assert!(
            page.contains(&format!("{symbol}</a></td>")),
            "{symbol} in the table"
        );
    }
    // At most five lines per code.
    let lines = page.matches("<li><code>").count();
    assert!((5..=25).contains(&lines), "{lines}");
    assert!(page.contains("1 matches on lines without a timestamp"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_report_of_nothing_known_says_so_and_exits_1() {
    let dir = temp("empty");
    let log = dir.join("quiet.log");
    std::fs::write(&log, "10:00:00 nothing to see\n0x8CCC00 colour\n").unwrap();
    let out_path = dir.join("r.html");
    let out = run(&[
        "scan",
        "--report",
        out_path.to_str().unwrap(),
        log.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let page = std::fs::read_to_string(&out_path).unwrap();
    assert!(page.contains("Nothing known matched."));
    assert!(page.contains("no timeline"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_hostile_file_name_is_escaped() {
    let dir = temp("name");
    let log = dir.join("<img src=x>.log");
    std::fs::copy(fixture(), &log).unwrap();
    let out_path = dir.join("r.html");
    let out = run(&[
        "scan",
        "--report",
        out_path.to_str().unwrap(),
        log.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let page = std::fs::read_to_string(&out_path).unwrap();
    assert!(page.contains("&lt;img src=x&gt;.log"));
    assert!(!tags(&page).iter().any(|t| t == "img"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn report_goes_with_neither_summary_nor_follow() {
    for extra in ["--summary", "--follow"] {
        let out = run(&["scan", "--report", "x.html", extra, &fixture()]);
        assert_eq!(out.status.code(), Some(2), "{extra}");
    }
}
