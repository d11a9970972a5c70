//! The checked-in `include/finesse_errors.h` is exactly what cbindgen generates from
//! `src/lib.rs` and `cbindgen.toml`. Set `FE_BLESS=1` to rewrite it.

use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn header_path() -> PathBuf {
    manifest_dir().join("include").join("finesse_errors.h")
}

/// The header as cbindgen generates it now.
fn generate() -> String {
    let dir = manifest_dir();
    let config =
        cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("read cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn header_is_up_to_date() {
    let fresh = generate();
    let path = header_path();
    if std::env::var_os("FE_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &fresh).expect("write the header");
        eprintln!("FE_BLESS=1: wrote {}", path.display());
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != fresh {
        let line = checked_in
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| checked_in.lines().count().min(fresh.lines().count()));
        panic!(
            "{} differs from a fresh cbindgen generation (first difference at line {}).\n\
             Regenerate it with:\n    FE_BLESS=1 cargo test -p finesse-errors-capi --test header\n\
             and commit the result.",
            display(&path),
            line + 1
        );
    }
}

fn display(path: &Path) -> String {
    path.strip_prefix(manifest_dir().parent().unwrap_or(Path::new("")))
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Whether a header line declares something a C programmer uses: a macro, an enum or one of
/// its constants, the struct or one of its fields, a function.
fn is_declaration(line: &str) -> bool {
    let trimmed = line.trim();
    (trimmed.starts_with("#define FE_"))
        || (trimmed.starts_with("enum fe_"))
        || (trimmed.starts_with("typedef struct fe_"))
        || (trimmed.starts_with("FE_") && trimmed.contains(" = "))
        || (line.starts_with("  ") && !line.starts_with("   ") && trimmed.ends_with(';'))
        || (!line.starts_with(' ') && trimmed.contains("fe_") && trimmed.ends_with(");"))
}

#[test]
fn every_item_in_the_header_is_documented() {
    let header = std::fs::read_to_string(header_path()).expect("read the header");
    let lines: Vec<&str> = header.lines().collect();
    let mut declarations = 0;
    let mut undocumented = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !is_declaration(line) {
            continue;
        }
        declarations += 1;
        let previous = lines[..i].iter().rev().find(|l| !l.trim().is_empty());
        if previous.is_none_or(|l| l.trim() != "*/") {
            undocumented.push(format!("line {}: {}", i + 1, line.trim()));
        }
    }
    // At least (a check on this scanner): 7 macros, 4 enums with 31 constants, the struct and
    // its 16 fields, 11 functions.
    assert!(declarations >= 70, "found only {declarations} declarations");
    assert!(
        undocumented.is_empty(),
        "undocumented in the header:\n{}",
        undocumented.join("\n")
    );
}
