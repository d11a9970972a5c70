//! `finesse-errors`: look up Cisco contact-center error codes and diagnose Finesse error
//! responses from a shell.
//!
//! Exit status: 0 found / diagnosed, 1 nothing known matched, 2 bad usage or input.

mod decode;
mod export;
mod follow;
mod html;
mod lnav;
mod output;
mod query;
mod render;
mod report;
mod scan;
mod summary;
mod timestamp;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use finesse_errors::explain::{self, MAX_BODY_LEN};
use finesse_errors::{Family, Platform};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Cisco Finesse, CTI Server and Peripheral Gateway error codes, explained.
#[derive(Parser)]
#[command(name = "finesse-errors", version, about, long_about = None)]
struct Cli {
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    format: Format,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned text for people (colour only on a terminal, never with NO_COLOR set).
    Text,
    /// JSON for programs.
    Json,
    /// CSV, for `export` only (spreadsheets).
    Csv,
    /// lnav format definitions of the Cisco log layouts, for `export` only.
    Lnav,
    /// One self-contained HTML page, for `export` only (look codes up in a browser, offline).
    Html,
}

#[derive(Subcommand)]
enum Command {
    /// Look up a code, a symbol or a Finesse error type ("265", "E_CTI_TIMEOUT",
    /// "Invalid State", "400 Invalid State"). With `--family cti_pg_status` or
    /// `--family cucm_cdr_cause`, a value no entry holds (a set of PGStatus flags, an unlisted
    /// composite CDR cause) is decoded as `decode` does.
    Lookup {
        /// The code, symbol or error type. Negative codes need no `--` (`lookup -1`).
        #[arg(allow_negative_numbers = true)]
        query: String,
        /// Only this family.
        #[arg(long, value_parser = family_parser())]
        family: Option<Family>,
        /// Reason codes of this platform only (ucce, uccx, finesse).
        #[arg(long, value_parser = platform_parser())]
        platform: Option<Platform>,
    },
    /// Diagnose a saved Finesse error response or XMPP notification.
    Explain {
        /// The file holding the body; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// The HTTP status the body came with.
        #[arg(long)]
        status: Option<u16>,
        /// The HTTP method of the failed request (GET, PUT, POST, DELETE): a server error after
        /// a write is never answered with a blind retry.
        #[arg(long, ignore_case = true, value_parser = method_parser())]
        method: Option<explain::Method>,
        /// The platform behind Finesse (ucce, uccx): decides what a reason code means.
        #[arg(long, value_parser = platform_parser())]
        platform: Option<Platform>,
    },
    /// List the knowledge base.
    List {
        /// Only this family.
        #[arg(long, value_parser = family_parser())]
        family: Option<Family>,
    },
    /// Print the whole knowledge base: JSON (every family and entry, the vocabularies,
    /// `schema_version`; the default) or, with `--format csv`, one family (or all) as CSV.
    Export {
        /// Only this family (CSV).
        #[arg(long, value_parser = family_parser())]
        family: Option<Family>,
    },
    /// Find and explain every known code in logs (Finesse, CTI Server, PG, CTI OS, JTAPI,
    /// Openfire / XMPP): each line with a code, then one annotation per code. Gzipped input is
    /// read transparently. Exit 0 when a known code was found, 1 when none.
    Scan {
        /// The logs; `-` or nothing reads standard input.
        files: Vec<PathBuf>,
        /// Per family and code: count, first and last line (with timestamp), retry verdict.
        #[arg(long)]
        summary: bool,
        /// Keep reading one file as it grows, across rotation and truncation (like `tail -F`).
        #[arg(long)]
        follow: bool,
        /// Write a self-contained HTML report to this file instead: a timeline of codes per
        /// minute, the summary table and each code's first lines.
        #[arg(long, value_name = "FILE.html", conflicts_with_all = ["follow", "summary"])]
        report: Option<PathBuf>,
    },
    /// Decode a value that is more than one code: a PGStatus value into its flags
    /// (`decode pg-status 0x3`), a Unified CM CDR cause into its SIP status and Q.850 cause
    /// (`decode cdr-cause 1174405137`). Exit 0 when something known came out of it.
    Decode {
        /// What the value is.
        #[arg(value_enum)]
        what: decode::What,
        /// The value: decimal, signed decimal or `0x` hex.
        #[arg(allow_negative_numbers = true)]
        value: String,
    },
    /// Find entries whose symbol, message, remediation or note contain all the words.
    Search {
        /// Words to look for (case-insensitive).
        #[arg(required = true)]
        words: Vec<String>,
    },
}

fn family_parser() -> impl TypedValueParser<Value = Family> {
    PossibleValuesParser::new(Family::ALL.iter().map(|f| f.name()))
        .try_map(|name| name.parse::<Family>())
}

fn platform_parser() -> impl TypedValueParser<Value = Platform> {
    PossibleValuesParser::new(Platform::ALL.iter().map(|p| p.name()))
        .try_map(|name| name.parse::<Platform>())
}

fn method_parser() -> impl TypedValueParser<Value = explain::Method> {
    PossibleValuesParser::new(["GET", "HEAD", "PUT", "POST", "DELETE"])
        .try_map(|name| name.parse::<explain::Method>())
}

/// The three outcomes, as exit statuses.
enum Outcome {
    Found,
    NothingKnown,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage(&error),
    };
    let style = render::Style::detect(cli.format);
    let export_only = matches!(cli.format, Format::Csv | Format::Html | Format::Lnav)
        && !matches!(cli.command, Command::Export { .. });
    let result = match cli.command {
        _ if export_only => {
            Err("--format csv, html and lnav are for `export`; use text or json".to_string())
        }
        Command::Export { family } => export(cli.format, family),
        Command::Lookup {
            query,
            family,
            platform,
        } => {
            let found: Vec<_> = query::lookup(&query, family)
                .into_iter()
                .filter(|(info, _)| platform.is_none_or(|p| info.platform() == Some(p)))
                .collect();
            match family.and_then(decode::decoder_of) {
                // A PGStatus set or an unlisted CDR composite is no entry, but its parts are:
                // asked in its family, the value is decoded as `decode` does.
                Some(what) if found.is_empty() => decode::run(cli.format, &style, what, &query)
                    .map(outcome)
                    .or_else(|_| {
                        render::candidates(&style, &found);
                        Ok(outcome(false))
                    }),
                _ => {
                    render::candidates(&style, &found);
                    if found.is_empty() && family.is_none() {
                        decode::hint(cli.format, &query);
                    }
                    Ok(outcome(!found.is_empty()))
                }
            }
        }
        Command::List { family } => {
            let found: Vec<_> = match family {
                Some(f) => finesse_errors::entries(f).iter().collect(),
                None => finesse_errors::all().iter().collect(),
            };
            render::list(&style, &found);
            Ok(outcome(!found.is_empty()))
        }
        Command::Scan {
            files,
            report: Some(report),
            ..
        } => report::run(&files, &report).map(outcome),
        Command::Scan {
            files,
            summary,
            follow,
            report: None,
        } => scan::run(
            cli.format,
            &style,
            scan::Options {
                files,
                summary,
                follow,
            },
        )
        .map(outcome),
        Command::Decode { what, value } => {
            decode::run(cli.format, &style, what, &value).map(outcome)
        }
        Command::Search { words } => {
            let found = query::search(&words);
            render::entries(&style, &found);
            Ok(outcome(!found.is_empty()))
        }
        Command::Explain {
            file,
            status,
            method,
            platform,
        } => read_input(file.as_ref()).and_then(|body| {
            let mut context = explain::Context::new();
            if let Some(method) = method {
                context = context.method(method);
            }
            if let Some(platform) = platform {
                context = context.platform(platform);
            }
            let diagnosis =
                explain::explain_with(context, status, &body).map_err(|e| e.to_string())?;
            render::diagnosis(&style, &diagnosis);
            Ok(outcome(diagnosis.is_known()))
        }),
    };
    // Output that could not be written is a failure, whatever was found.
    let result = output::finish().and(result);
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingKnown) => ExitCode::from(1),
        Err(message) => {
            // Messages can quote a path or a response: escaped like everything else.
            let _ = writeln!(
                std::io::stderr(),
                "finesse-errors: {}",
                output::printable(&message)
            );
            ExitCode::from(2)
        }
    }
}

/// clap's answer when it does not run a command: `--help` and `--version` go to standard
/// output and exit 0 only if they were written (a full disk is exit 2); a usage error goes to
/// standard error with exit 2.
fn usage(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        output::raw(error.render().to_string().as_bytes());
        return match output::finish() {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                let _ = writeln!(std::io::stderr(), "finesse-errors: {message}");
                ExitCode::from(2)
            }
        };
    }
    // A usage error quotes what it was given: escaped, as every message is.
    let message = error.render().to_string();
    let mut stderr = std::io::stderr().lock();
    for line in message.lines() {
        let _ = writeln!(stderr, "{}", output::printable(line));
    }
    ExitCode::from(2)
}

/// `export`: JSON unless CSV is asked for; `--family` narrows the CSV (the JSON is always
/// whole, so that it can be validated against its schema).
fn export(format: Format, family: Option<Family>) -> Result<Outcome, String> {
    match format {
        Format::Csv => {
            let bytes = export::csv_export(family)?;
            output::raw(&bytes);
        }
        Format::Lnav if family.is_none() => {
            let text = output::json_text(&lnav::lnav_formats())?;
            output::line(format_args!("{text}"));
        }
        _ if family.is_some() => {
            return Err(
                "--family goes with --format csv; the JSON and HTML exports are whole".to_string(),
            );
        }
        Format::Html => output::raw(html::knowledge_base_page().as_bytes()),
        _ => {
            let text = output::json_text(&export::json_export())?;
            output::line(format_args!("{text}"));
        }
    }
    Ok(Outcome::Found)
}

fn outcome(found: bool) -> Outcome {
    if found {
        Outcome::Found
    } else {
        Outcome::NothingKnown
    }
}

/// Reads at most one byte past the body limit, so an oversized input is reported, not loaded.
fn read_input(file: Option<&PathBuf>) -> Result<Vec<u8>, String> {
    let limit = (MAX_BODY_LEN + 1) as u64;
    let mut body = Vec::new();
    let read = match file {
        Some(path) if path.as_os_str() != "-" => std::fs::File::open(path)
            .and_then(|f| f.take(limit).read_to_end(&mut body))
            .map_err(|e| format!("cannot read {}: {e}", path.display())),
        _ => std::io::stdin()
            .take(limit)
            .read_to_end(&mut body)
            .map_err(|e| format!("cannot read standard input: {e}")),
    };
    read.map(|_| body)
}
