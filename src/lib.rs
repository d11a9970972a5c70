//! Cisco contact-center error codes as answers.
//!
//! An integration with Cisco Finesse (REST and XMPP), the Unified CCE / CCX CTI Server or a
//! Peripheral Gateway gets back opaque things: `400 Invalid State`, `CF_INVALID_AGENT_WORKMODE`
//! / 265, `E_CTI_TIMEOUT`, peripheral code 10125, `503 SERVER_OUT_OF_SERVICE`. This crate says,
//! without allocating: what it is, which layer raised it, whether to retry (and how), and what
//! to do about it.
//!
//! ```
//! use finesse_errors::{finesse_error, lookup, lookup_symbol, Family, Retry};
//!
//! // A number from Finesse's ErrorData, in the family its ErrorMessage names.
//! let info = lookup(Family::CtiControlFailure, 265).unwrap();
//! assert_eq!(info.symbol(), "CF_INVALID_AGENT_WORKMODE");
//!
//! // Any published symbol, in any case.
//! let timeout = lookup_symbol("e_cti_timeout").unwrap();
//! assert_eq!(timeout.family(), Family::CtiStatus);
//!
//! // A Finesse REST error: HTTP status + ErrorType.
//! let outage = finesse_error(503, "Service Unavailable").unwrap();
//! assert_eq!(outage.retry(), Retry::AfterDelay);
//! println!("{}: {}", outage.symbol(), outage.remediation());
//! ```
//!
//! # The knowledge base
//! Thirteen families of codes (see [`Family`]): Finesse REST error types and Finesse's own
//! ErrorData values (`finesse_api`), CTI Server status codes (`cti_status`), control-failure
//! codes (`cti_control_failure`), peripheral error codes (`peripheral`), non-voice media
//! routing status (`media_routing`), Unified CM CTI errors (`unified_cm`), CTI OS CIL codes
//! (`ctios`), XMPP conditions of the notification channel (`xmpp`), system reason codes per
//! platform (`reason_code`), the Finesse JavaScript library's own errors (`finesse_js`), the
//! failure codes and connection-failure reasons of CTI OS events (`ctios_failure`,
//! `ctios_connection`) and the Unified CCE Administration API's error types (`ucce_config`).
//! They are curated in `data/*.csv` and compiled into static tables by the build script. Every
//! entry ([`ErrorInfo`]) has a [`Category`], [`Retry`] advice, the [`Layer`] that raised it,
//! a one-sentence message and a remediation written for this crate, a [`Recovery`] plan for
//! the client that receives the code, its [`Evidence`] (documented, observed or inferred)
//! and, where another family carries the same error, its [`twin`](ErrorInfo::twin).
//!
//! # Names as software prints them
//! [`resolve`] reads what logs and client libraries print: the constant without its family
//! prefix, qualified by a class, in CamelCase, a number several families use. It gives every
//! entry the text can stand for, ranked, never one picked by table order.
//!
//! ```
//! use finesse_errors::{resolve, Family};
//!
//! let families: Vec<Family> = resolve("DEVICE_RESTRICTED").map(|c| c.entry().family()).collect();
//! assert!(families.len() >= 3, "a CF code, a JTAPI error and a UCCX reason code");
//! ```
//!
//! # How names and codes are read
//! Every face (these functions, the C ABI, the Python package, the CLI) reads a name or a code
//! through one normalisation: leading and trailing whitespace is dropped and inner runs of it
//! become one space, where whitespace is every Unicode `White_Space` character (ASCII space,
//! tab, line feed, vertical tab, form feed, carriage return, and U+0085, U+00A0, U+1680,
//! U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, as [`char::is_whitespace`]);
//! ASCII letters are compared without case. Nothing else is folded: a zero-width space or a
//! look-alike letter matches nothing.
//!
//! ```
//! use finesse_errors::{lookup_symbol, parse_code, Family};
//!
//! assert_eq!(lookup_symbol("\u{a0}e_cti_timeout\u{3000}").unwrap().code(), Some(16));
//! assert_eq!(lookup_symbol("Invalid\u{2003}State").unwrap().symbol(), "Invalid State");
//! assert_eq!(parse_code(Family::CtiStatus, "\u{85}16\u{2028}"), Some(16));
//! assert_eq!(lookup_symbol("E_CTI\u{200b}_TIMEOUT"), None);
//! ```
//!
//! # Cost
//! Lookups by code are data, not code: per family the build writes the lowest code, the span
//! and a base into one flat `u16` table of entry indices, so a lookup is a range check and two
//! loads; the few codes far from a family's densest run sit in a small sorted table searched
//! only on a miss. Lookups by name probe a perfect hash built at compile time over the
//! upper-cased names (input with whitespace is first normalised into a stack buffer). Neither
//! allocates; the crate is `no_std` apart from the optional `explain` feature.
//!
//! # Features
//! - `explain` (default): [`explain`] a whole Finesse error response. Needs `alloc`
//!   and pulls in `memchr`; the XML reader is the crate's own, made for error bodies.
//! - `serde`: `serde::Serialize` for [`ErrorInfo`] and the vocabulary enums.
//! - `std`: `FinesseError`, a `std::error::Error` for services, from an HTTP status and body.
//! - `http`: `FinesseError::from_http`, from an `http::Response` (implies `std`).
//! - `resilience`: [`resilience`]: a retry budget, a breaker per Finesse node and the retry
//!   decision for a whole client (implies `std`).
//! - `tower`: `resilience::FinessePolicy`, a `tower::retry::Policy` for `http` requests, and
//!   `tower`'s `Budget` for the retry budget (implies `resilience` and `http`).
//! - `scan`: [`scan`] whole logs for every known code, streaming (implies `std`; pulls in
//!   `aho-corasick` for its SIMD multi-literal search).

#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "explain")]
extern crate alloc;

// First: its `vocabulary!` macro declares the enums of the modules after it.
#[macro_use]
mod vocab;
mod code;
mod decode;
mod dialer;
mod entry;
#[cfg(feature = "explain")]
pub mod explain;
mod family;
mod key;
mod lookup;
mod recovery;
#[cfg(feature = "resilience")]
pub mod resilience;
mod resolve;
#[cfg(feature = "scan")]
pub mod scan;
#[cfg(feature = "serde")]
mod serialize;
#[cfg(feature = "std")]
mod service;

#[allow(clippy::all)]
mod tables {
    use crate::entry::{ErrorInfo, Text};
    use crate::lookup::{SymbolKey, SymbolTable};
    use crate::recovery::Recovery;
    use crate::{Action, Category, Evidence, Family, Layer, Platform, Retry};
    include!(concat!(env!("OUT_DIR"), "/tables.rs"));
}

pub use code::{CodeText, parse_code};
pub use decode::{CdrCause, PgStatusFlags, SipBasis, cdr_cause, pg_status_flags};
pub use dialer::{DialerFacts, SipMapping, dialer_facts, dialer_results_for_sip, dialer_sip_map};
pub use entry::ErrorInfo;
pub use family::{KeyKind, Receiver};
pub use lookup::{
    Matches, all, entries, finesse_error, lookup, lookup_all, lookup_code, lookup_code_str,
    lookup_reason_code, lookup_symbol, lookup_symbol_all, search,
};
pub use recovery::{Delays, Recovery};
pub use resolve::{Candidate, Form, Resolution, resolve};
#[cfg(feature = "std")]
pub use service::FinesseError;
pub use vocab::{
    Action, Category, DialerAction, Evidence, Family, Layer, ParseNameError, Platform, Retry,
};

/// The README's Rust examples, compiled and run as doc tests (they use every feature, as the
/// README's test command does).
#[cfg(all(doctest, feature = "http", feature = "serde"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
