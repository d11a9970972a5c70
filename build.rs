//! Reads `data/*.csv`, validates every row, and generates the lookup tables into `OUT_DIR`.
//! Bad data fails the build with `data/<file>.csv:<line>: <what is wrong>`.

#[allow(dead_code)]
#[path = "build/schema.rs"]
mod schema;

#[path = "build/codegen.rs"]
mod codegen;

#[path = "build/recovery.rs"]
mod recovery;

#[path = "build/twins.rs"]
mod twins;

#[path = "build/dialer.rs"]
mod dialer;

use schema::vocab::Family;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build");
    println!("cargo::rerun-if-changed=src/key.rs");
    println!("cargo::rerun-if-changed=src/vocab.rs");
    println!("cargo::rerun-if-changed=src/family.rs");
    println!("cargo::rerun-if-changed=src/code.rs");

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for family in Family::ALL {
        let relative = format!("data/{}", schema::file_name(*family));
        println!("cargo::rerun-if-changed={relative}");
        match std::fs::read(manifest.join(&relative)) {
            Err(e) => errors.push(format!("{relative}: cannot read: {e}")),
            Ok(bytes) => match schema::parse(*family, &relative, &bytes) {
                Ok(mut family_rows) => {
                    // A stable order: numeric families by code (hex families by the unsigned
                    // value, as they are written; reason codes then by platform), finesse_api
                    // by status.
                    let hex = schema::code::is_word_family(*family);
                    family_rows.sort_by_key(|r| {
                        let code = r.code.map(|c| {
                            if hex {
                                i64::from(c as u32)
                            } else {
                                i64::from(c)
                            }
                        });
                        (r.http_status, code, r.platform)
                    });
                    rows.extend(family_rows);
                }
                Err(found) => errors.extend(found),
            },
        }
    }
    if !errors.is_empty() {
        for e in &errors {
            println!("cargo::error={e}");
        }
        return;
    }

    println!("cargo::rerun-if-changed=data/recovery.csv");
    let plans = std::fs::read(manifest.join("data/recovery.csv"))
        .map_err(|e| vec![format!("data/recovery.csv: cannot read: {e}")])
        .and_then(|bytes| recovery::plans("data/recovery.csv", &bytes, &rows));
    let plans = match plans {
        Ok(plans) => plans,
        Err(errors) => {
            for e in &errors {
                println!("cargo::error={e}");
            }
            return;
        }
    };
    let twins = match twins::resolve(&rows) {
        Ok(twins) => twins,
        Err(errors) => {
            for e in &errors {
                println!("cargo::error={e}");
            }
            return;
        }
    };
    let dialer_data = (|| {
        let read = |name: &str| {
            println!("cargo::rerun-if-changed={name}");
            std::fs::read(manifest.join(name))
                .map_err(|e| vec![format!("{name}: cannot read: {e}")])
        };
        let facts = dialer::facts(
            "data/dialer_call_result.csv",
            &read("data/dialer_call_result.csv")?,
        )?;
        let map = dialer::sip_map(
            "data/dialer_sip_map.csv",
            &read("data/dialer_sip_map.csv")?,
            &rows,
        )?;
        Ok::<_, Vec<String>>((facts, map))
    })();
    let (facts, mut map) = match dialer_data {
        Ok(data) => data,
        Err(errors) => {
            for e in &errors {
                println!("cargo::error={e}");
            }
            return;
        }
    };
    let tables = match codegen::generate(&rows, &plans, &twins) {
        Ok(mut tables) => {
            dialer::write(&mut tables, &facts, &mut map);
            tables
        }
        Err(errors) => {
            for e in &errors {
                println!("cargo::error={e}");
            }
            return;
        }
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("tables.rs"), tables).expect("write OUT_DIR/tables.rs");
}
