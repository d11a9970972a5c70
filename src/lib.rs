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
//! Five families of codes (see [`Family`]), curated in `data/*.csv` and compiled into static
//! tables by the build script. Every entry ([`ErrorInfo`]) has a [`Category`], [`Retry`]
//! advice, the [`Layer`] that raised it, a one-sentence message and a remediation written for
//! this crate.
//!
//! # Cost
//! Lookups by code are a `match` that the compiler turns into range checks and table loads;
//! lookups by name normalise the input into a stack buffer and probe a perfect hash built at
//! compile time. Neither allocates; the crate is `no_std` apart from the optional `explain`
//! feature.
//!
//! # Features
//! - `explain` (default): [`explain`] a whole Finesse error response. Needs `alloc`
//!   and pulls in `memchr`; the XML reader is the crate's own, made for error bodies.
//! - `serde`: `serde::Serialize` for [`ErrorInfo`] and the vocabulary enums.
//! - `std`: `FinesseError`, a `std::error::Error` for services, from an HTTP status and body.
//! - `http`: `FinesseError::from_http`, from an `http::Response` (implies `std`).
//! - `scan`: [`scan`] whole logs for every known code, streaming (implies `std`; pulls in
//!   `aho-corasick` for its SIMD multi-literal search).

#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "explain")]
extern crate alloc;

mod code;
mod entry;
#[cfg(feature = "explain")]
pub mod explain;
mod key;
mod lookup;
mod recovery;
#[cfg(feature = "scan")]
pub mod scan;
#[cfg(feature = "serde")]
mod serialize;
#[cfg(feature = "std")]
mod service;
mod vocab;

#[allow(clippy::all)]
mod tables {
    use crate::entry::{ErrorInfo, Text};
    use crate::lookup::SymbolKey;
    use crate::recovery::Recovery;
    use crate::{Action, Category, Family, Layer, Platform, Retry};
    include!(concat!(env!("OUT_DIR"), "/tables.rs"));
}

pub use code::{CodeText, parse_code};
pub use entry::ErrorInfo;
pub use lookup::{
    Matches, all, entries, finesse_error, lookup, lookup_all, lookup_code, lookup_code_str,
    lookup_reason_code, lookup_symbol, lookup_symbol_all, search,
};
pub use recovery::{Delays, Recovery};
#[cfg(feature = "std")]
pub use service::FinesseError;
pub use vocab::{Action, Category, Family, Layer, ParseNameError, Platform, Retry};

/// The README's Rust examples, compiled and run as doc tests (they use every feature, as the
/// README's test command does).
#[cfg(all(doctest, feature = "http", feature = "serde"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
