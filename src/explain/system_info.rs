//! The `status` of a Finesse `SystemInfo` document: whether a node is in service. Read with
//! the crate's own tokenizer, so a breaker's half-open probe needs no XML dependency.

use super::MAX_BODY_LEN;
use super::scan::{Scanner, Token};
use core::fmt;

/// A Finesse node's state, as `GET /finesse/api/SystemInfo` reports it in `<status>`.
///
/// ```
/// use finesse_errors::explain::{system_status, SystemStatus};
///
/// let body = b"<SystemInfo><status>IN_SERVICE</status></SystemInfo>";
/// assert_eq!(system_status(body), Some(SystemStatus::InService));
/// assert_eq!(system_status(b"<html>busy</html>"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SystemStatus {
    /// `IN_SERVICE`: the node takes requests.
    InService,
    /// `PARTIAL_SERVICE`: the node answers, but a dependency (CTI, database ...) is down.
    PartialService,
    /// `OUT_OF_SERVICE`: the node turns requests away.
    OutOfService,
}

impl SystemStatus {
    /// The name Finesse writes (`IN_SERVICE` ...).
    pub const fn name(self) -> &'static str {
        match self {
            SystemStatus::InService => "IN_SERVICE",
            SystemStatus::PartialService => "PARTIAL_SERVICE",
            SystemStatus::OutOfService => "OUT_OF_SERVICE",
        }
    }
}

impl fmt::Display for SystemStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The `<status>` of a `SystemInfo` document (the root's direct child), or `None` when the body
/// is not one, is larger than [`MAX_BODY_LEN`], or names a state Finesse does not document.
pub fn system_status(body: &[u8]) -> Option<SystemStatus> {
    if body.len() > MAX_BODY_LEN {
        return None;
    }
    let mut scanner = Scanner::new(body);
    let mut depth = 0usize;
    let mut in_status = false;
    loop {
        match scanner.next_token().ok()?? {
            Token::Start { name, empty, .. } => {
                if depth == 0 && !name.eq_ignore_ascii_case(b"SystemInfo") {
                    return None;
                }
                in_status = depth == 1 && name.eq_ignore_ascii_case(b"status") && !empty;
                if !empty {
                    depth += 1;
                }
            }
            Token::End { .. } => {
                if in_status {
                    return None;
                }
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return None;
                }
            }
            Token::Text(text) | Token::CData(text) if in_status => {
                return match text.trim_ascii() {
                    b"IN_SERVICE" => Some(SystemStatus::InService),
                    b"PARTIAL_SERVICE" => Some(SystemStatus::PartialService),
                    b"OUT_OF_SERVICE" => Some(SystemStatus::OutOfService),
                    _ => None,
                };
            }
            Token::Text(_) | Token::CData(_) => {}
        }
    }
}
