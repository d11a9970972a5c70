//! Looks up codes, symbols or Finesse error types given on the command line.
//!
//! ```text
//! cargo run --example lookup -- 265
//! cargo run --example lookup -- E_CTI_TIMEOUT "400 Invalid State"
//! ```

use finesse_errors::{ErrorInfo, finesse_error, lookup_code, lookup_symbol_all};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: lookup <code | symbol | \"<http status> <ErrorType>\">...");
        return ExitCode::from(2);
    }
    let mut all_found = true;
    for arg in &args {
        let found = resolve(arg);
        if found.is_empty() {
            println!("{arg}: unknown");
            all_found = false;
        }
        for info in found {
            print(info);
        }
    }
    if all_found {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A number is a code in any family; `"<status> <type>"` is a Finesse error; anything else a symbol.
fn resolve(arg: &str) -> Vec<&'static ErrorInfo> {
    let arg = arg.trim();
    if let Ok(code) = arg.parse::<i32>() {
        return lookup_code(code).collect();
    }
    if let Some((status, error_type)) = arg.split_once(' ') {
        if let Ok(status) = status.parse::<u16>() {
            return finesse_error(status, error_type).into_iter().collect();
        }
    }
    lookup_symbol_all(arg).collect()
}

fn print(info: &ErrorInfo) {
    println!("{info}");
    println!("  category:    {}", info.category());
    println!("  layer:       {}", info.layer());
    println!("  retry:       {}", info.retry());
    println!("  remediation: {}", info.remediation());
}
