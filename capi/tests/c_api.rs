//! Compiles `ctest/test.c` with the system C compiler (`$CC`, else `cc`) against the header and
//! runs it: once linked to `libfinesse_errors.a`, once linked to `libfinesse_errors.so` and run
//! under valgrind.
//!
//! The libraries come from `tests/common/mod.rs`, which builds them once. The link line for the
//! static library is Linux's, so the file is Linux-only.
#![cfg(target_os = "linux")]

mod common;

use common::{in_ci, text};

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The native libraries a Rust static library needs on Linux, as printed by
/// `RUSTFLAGS="--print native-static-libs" cargo build -p finesse-errors-capi`
/// (rustc 1.95, x86_64-unknown-linux-gnu).
const NATIVE_STATIC_LIBS: &[&str] = &[
    "-lgcc_s",
    "-lutil",
    "-lrt",
    "-lpthread",
    "-lm",
    "-ldl",
    "-lc",
];

/// Strict C99: the header must compile cleanly in the oldest C it claims.
const C_FLAGS: &[&str] = &["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];

fn capi_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/<profile>/`: this test runs as `target/<profile>/deps/c_api-<hash>`.
fn profile_dir() -> PathBuf {
    let exe = env::current_exe().expect("path of the test executable");
    exe.parent()
        .and_then(Path::parent)
        .expect("the test executable lives in target/<profile>/deps/")
        .to_path_buf()
}

/// Where the compiled test programs go (inside the target directory, not the source tree).
fn out_dir() -> PathBuf {
    let dir = profile_dir().join("capi-ctest");
    std::fs::create_dir_all(&dir).expect("create target/<profile>/capi-ctest");
    dir
}

fn compiler() -> OsString {
    env::var_os("CC")
        .filter(|cc| !cc.is_empty())
        .unwrap_or_else(|| "cc".into())
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

/// Compiles `source` (relative to `capi/`) into `out`, with `link` after the source file.
fn compile(source: &str, out: &Path, link: &[OsString]) {
    let capi = capi_dir();
    let mut command = Command::new(compiler());
    command
        .args(C_FLAGS)
        .arg("-I")
        .arg(capi.join("include"))
        .arg(capi.join(source))
        .args(link)
        .arg("-o")
        .arg(out);
    let output = run(&mut command);
    assert!(
        output.status.success(),
        "compiling {source} failed: {command:?}\n{}",
        text(&output)
    );
}

/// The link arguments for the static library.
fn static_link() -> Vec<OsString> {
    let lib = common::artifacts_dir().join("libfinesse_errors.a");
    assert!(lib.is_file(), "{} was not built", lib.display());
    let mut link = vec![lib.into_os_string()];
    link.extend(NATIVE_STATIC_LIBS.iter().map(OsString::from));
    link
}

/// The number of tests `ctest/test.c` registers (its `TEST(...)` lines).
fn registered_tests() -> usize {
    let source = std::fs::read_to_string(capi_dir().join("ctest").join("test.c")).unwrap();
    source
        .lines()
        .filter(|line| line.trim_start().starts_with("TEST(test_"))
        .count()
}

/// `data/README.md`'s generated table of ambiguous names and numbers (checked against the
/// Rust `resolve` by `tests/ambiguity.rs`), written for the C program as `key<TAB>families`
/// lines, families sorted and comma-joined; numbers expanded from their ranges. Returns the
/// file's path, handed over as `FE_AMBIGUOUS`.
fn ambiguous_keys() -> PathBuf {
    let readme = std::fs::read_to_string(capi_dir().join("../data/README.md")).unwrap();
    let start = readme
        .find("<!-- ambiguous:begin")
        .expect("the table's start marker");
    let end = readme
        .find("<!-- ambiguous:end")
        .expect("the table's end marker");
    let mut lines = String::new();
    for line in readme[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() != 4
            || cells[1].starts_with("---")
            || matches!(cells[1], "name" | "families")
        {
            continue;
        }
        let joined = |families: &str| families.replace(", ", ",");
        match cells[1].strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
            Some(name) => lines.push_str(&format!("{name}\t{}\n", joined(cells[2]))),
            None => {
                for part in cells[2].split(", ") {
                    let (a, b) = part.split_once('–').unwrap_or((part, part));
                    let (a, b): (i64, i64) = (a.parse().unwrap(), b.parse().unwrap());
                    for n in a..=b {
                        lines.push_str(&format!("{n}\t{}\n", joined(cells[1])));
                    }
                }
            }
        }
    }
    assert!(lines.lines().count() > 50, "the table was not read");
    let path = out_dir().join("ambiguous.tsv");
    std::fs::write(&path, lines).unwrap();
    path
}

/// What the Rust scanner finds in every fixture log and CSV export (`tests/fixtures/logs/`) and in one
/// input made of them all plus a line longer than the scanner's window, for the C program's
/// `test_scan_*`: a `file<TAB>path` line per input, then one line per match,
/// `line<TAB>offset<TAB>text length<TAB>how<TAB>finding<TAB>entries` (entries as
/// `family:symbol:code` joined by `,`; `?family` for an unknown token). Returns the file's
/// path, handed over as `FE_SCAN_EXPECTED`.
fn scan_expected() -> PathBuf {
    use errors::scan::{Finding, scan};
    let logs = capi_dir().join("../tests/fixtures/logs");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&logs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "log" || e == "csv"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 8, "the fixture logs were not found");
    let mut all = Vec::new();
    for path in &inputs {
        all.extend(std::fs::read(path).unwrap());
    }
    let mut long = b"Mar 03 2026 10:00:00.001 -0500: long ".to_vec();
    while long.len() < 70_000 {
        long.extend_from_slice(b"E_CTI_TIMEOUT then 0x8CCC00D2 and filler text ");
    }
    all.extend_from_slice(&long);
    all.extend_from_slice(b"\ntail CF_INVALID_AGENT_WORKMODE");
    let combined = out_dir().join("all-logs.log");
    std::fs::write(&combined, &all).unwrap();
    inputs.push(combined);
    let mut out = String::new();
    for path in &inputs {
        out.push_str(&format!("file\t{}\n", path.display()));
        let data = std::fs::read(path).unwrap();
        for m in scan(&data) {
            let finding = match &m.finding {
                Finding::Known(_) => 0,
                Finding::Unknown(_) => 1,
                _ => 2,
            };
            let entries: Vec<String> = match &m.finding {
                Finding::Unknown(family) => vec![format!("?{family}")],
                _ => m
                    .entries()
                    .map(|i| {
                        let code = i.code().map_or("-".to_string(), |c| c.to_string());
                        format!("{}:{}:{code}", i.family(), i.symbol())
                    })
                    .collect(),
            };
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{finding}\t{}\n",
                m.line_number,
                m.offset(),
                m.text().len(),
                m.how.name(),
                entries.join(",")
            ));
        }
    }
    assert!(out.lines().count() > 30, "too few matches: {out}");
    let path = out_dir().join("scan-expected.tsv");
    std::fs::write(&path, out).unwrap();
    path
}

/// The dialer's two data files, read here with the csv crate (not through the library), as
/// the C program's `test_dialer_*` expect them: a `facts<TAB>code<TAB>counted<TAB>live<TAB>
/// action` line per row of `data/dialer_call_result.csv` (`yes` / `no` / `-` for a blank
/// column, `-` for no action), then a `sip<TAB>status<TAB>cause<TAB>check<TAB>state<TAB>
/// result<TAB>note` line per row of `data/dialer_sip_map.csv` (the note may be empty).
/// Returns the file's path, handed over as `FE_DIALER_EXPECTED`.
fn dialer_expected() -> PathBuf {
    fn rows(name: &str) -> Vec<std::collections::HashMap<String, String>> {
        let path = capi_dir().join("../data").join(name);
        csv::Reader::from_path(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .deserialize()
            .map(|r| r.unwrap())
            .collect()
    }
    let blank = |v: &str| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.to_string()
        }
    };
    let mut out = String::new();
    for row in rows("dialer_call_result.csv") {
        out.push_str(&format!(
            "facts\t{}\t{}\t{}\t{}\n",
            row["code"],
            blank(&row["counted_attempt"]),
            blank(&row["live_voice"]),
            blank(&row["dialer_action"])
        ));
    }
    for row in rows("dialer_sip_map.csv") {
        assert!(!row["note"].contains(['\t', '\n']));
        out.push_str(&format!(
            "sip\t{}\t{}\t{}\t{}\t{}\t{}\n",
            row["sip_status"],
            row["q850_cause"],
            row["check_call_state"],
            row["call_state"],
            row["call_result"],
            row["note"]
        ));
    }
    assert!(out.lines().count() > 100, "the dialer files were not read");
    let path = out_dir().join("dialer-expected.tsv");
    std::fs::write(&path, out).unwrap();
    path
}

/// The program succeeded, every registered test ran and passed, and the last line is
/// `N passed, 0 failed`.
fn check_report(output: &Output) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "ctest failed\n{}", text(output));
    let expected = format!("{} passed, 0 failed", registered_tests());
    assert_eq!(
        stdout.lines().last(),
        Some(expected.as_str()),
        "unexpected report\n{}",
        text(output)
    );
    assert!(!stdout.lines().any(|line| line.starts_with("FAIL")));
    print!("{stdout}");
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn c_program_linked_statically() {
    let exe = out_dir().join("test-static");
    compile("ctest/test.c", &exe, &static_link());
    check_report(&run(Command::new(&exe)
        .env("FE_AMBIGUOUS", ambiguous_keys())
        .env("FE_SCAN_EXPECTED", scan_expected())
        .env("FE_DIALER_EXPECTED", dialer_expected())));
}

#[test]
fn c_program_linked_dynamically_under_valgrind() {
    let dir = common::artifacts_dir().to_path_buf();
    assert!(
        dir.join("libfinesse_errors.so").is_file(),
        "{}/libfinesse_errors.so was not built",
        dir.display()
    );
    let exe = out_dir().join("test-shared");
    let mut rpath = OsString::from("-Wl,-rpath,");
    rpath.push(&dir);
    let mut search = OsString::from("-L");
    search.push(&dir);
    compile(
        "ctest/test.c",
        &exe,
        &[search, "-lfinesse_errors".into(), rpath],
    );

    // `cargo test` puts target/<profile>/deps on LD_LIBRARY_PATH, which the loader reads
    // before the rpath: a libfinesse_errors.so left there by an earlier `cargo build` would be
    // tested instead of the one just built. Only the fresh one's directory is searched.
    if on_path("valgrind") {
        // The exhaustive near-miss test ran in full in the static run; here a sample of it
        // keeps valgrind's run to seconds.
        let output = run(Command::new("valgrind")
            .args(["--error-exitcode=1", "--leak-check=full"])
            .arg(&exe)
            .env("FE_CTEST_SAMPLE", "1")
            .env("FE_AMBIGUOUS", ambiguous_keys())
            .env("FE_SCAN_EXPECTED", scan_expected())
            .env("FE_DIALER_EXPECTED", dialer_expected())
            .env("LD_LIBRARY_PATH", &dir));
        check_report(&output);
        // Valgrind's summary, for the record.
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
    } else if in_ci() {
        panic!("valgrind is not installed; CI must install it (apt-get install valgrind)");
    } else {
        eprintln!("NOTICE: valgrind not found; running the shared-library test without it");
        check_report(&run(Command::new(&exe)
            .env("LD_LIBRARY_PATH", &dir)
            .env("FE_AMBIGUOUS", ambiguous_keys())
            .env("FE_SCAN_EXPECTED", scan_expected())
            .env("FE_DIALER_EXPECTED", dialer_expected())));
    }
}

/// The C example of the README builds with the README's command and prints what the Rust API
/// knows.
#[test]
fn c_example_prints_the_remediation() {
    let exe = out_dir().join("lookup-static");
    compile("examples/lookup.c", &exe, &static_link());

    let cases = [
        (
            vec!["cti_control_failure", "265"],
            errors::lookup(errors::Family::CtiControlFailure, 265),
        ),
        (
            vec!["e_cti_timeout"],
            errors::lookup_symbol("E_CTI_TIMEOUT"),
        ),
        (
            vec!["503", "Service Unavailable"],
            errors::finesse_error(503, "Service Unavailable"),
        ),
    ];
    for (args, info) in cases {
        let info = info.expect("a published entry");
        let output = run(Command::new(&exe).args(&args));
        assert!(
            output.status.success(),
            "lookup {args:?}\n{}",
            text(&output)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        let expected = format!("remediation: {}", info.remediation());
        assert!(
            stdout.lines().any(|line| line == expected),
            "lookup {args:?}: expected {expected:?}\n{}",
            text(&output)
        );
        assert!(stdout.contains(info.symbol()));
    }

    let output = run(Command::new(&exe).args(["cti_status", "123456"]));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let output = run(&mut Command::new(&exe));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
}
