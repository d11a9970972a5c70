//! A typed error for services that call Finesse (feature `std`; with `http`, built straight from
//! an `http::Response`).
//!
//! [`FinesseError`] wraps the [`Diagnosis`] of a failed call: it is a
//! [`std::error::Error`] whose `Display` is the verdict's summary, and it exposes the verdict,
//! the recovery plan and whether an automatic retry is allowed.

use crate::Recovery;
use crate::explain::{Context, Diagnosis, Verdict, explain_status, explain_with};
use crate::recovery::Delays;
use std::fmt;

/// A failed Finesse call, diagnosed.
///
/// ```
/// use finesse_errors::FinesseError;
/// use finesse_errors::explain::{Context, Method};
///
/// let body = b"<ApiErrors><ApiError><ErrorType>Service Unavailable</ErrorType>\
///              <ErrorMessage>SERVER_OUT_OF_SERVICE</ErrorMessage></ApiError></ApiErrors>";
/// let error = FinesseError::new(Context::new().method(Method::Put), 503, body);
/// assert!(error.is_retryable());
/// assert_eq!(error.recovery().unwrap().refresh(), Some("GET /finesse/api/SystemInfo"));
/// let message: Box<dyn std::error::Error> = Box::new(error);
/// assert!(message.to_string().contains("SERVER_OUT_OF_SERVICE"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinesseError {
    /// Boxed: an error travels in `Result`s, and a diagnosis is a few hundred bytes.
    diagnosis: Box<Diagnosis>,
}

impl FinesseError {
    /// Diagnoses a response: the HTTP status and the body. A body `explain` refuses (too
    /// large, too deep, unreadable) is judged by the status alone.
    pub fn new(context: Context, http_status: u16, body: &[u8]) -> FinesseError {
        let diagnosis = explain_with(context, Some(http_status), body)
            .unwrap_or_else(|_| explain_status(http_status));
        FinesseError {
            diagnosis: Box::new(diagnosis),
        }
    }

    /// From an `http::Response` (feature `http`), the type Rust HTTP clients share: its status
    /// and body.
    ///
    /// ```
    /// use finesse_errors::FinesseError;
    /// use finesse_errors::explain::Context;
    ///
    /// let response = http::Response::builder()
    ///     .status(401)
    ///     .body(b"<ApiErrors><ApiError><ErrorType>Authentication Failure</ErrorType></ApiError></ApiErrors>".to_vec())
    ///     .unwrap();
    /// let error = FinesseError::from_http(Context::new(), &response);
    /// assert!(!error.is_retryable());
    /// assert!(error.recovery().unwrap().harmful_to_retry());
    /// ```
    #[cfg(feature = "http")]
    pub fn from_http<B: AsRef<[u8]>>(
        context: Context,
        response: &http::Response<B>,
    ) -> FinesseError {
        FinesseError::new(
            context,
            response.status().as_u16(),
            response.body().as_ref(),
        )
    }

    /// The whole diagnosis: every error of the response with its links.
    pub fn diagnosis(&self) -> &Diagnosis {
        &self.diagnosis
    }

    /// The verdict: retry advice, category, layer, summary.
    pub fn verdict(&self) -> &Verdict {
        &self.diagnosis.verdict
    }

    /// The recovery plan for the verdict, when a known entry carries it.
    pub fn recovery(&self) -> Option<&'static Recovery> {
        self.diagnosis.verdict.recovery
    }

    /// Whether a program may send the request again by itself, after the plan's delays (and,
    /// for `after_state_change`, after re-reading the state the plan names). False when the
    /// verdict says never, nothing is to be retried, or retrying can do harm.
    pub fn is_retryable(&self) -> bool {
        self.verdict().retry.is_retryable()
            && !self.recovery().is_some_and(|plan| plan.harmful_to_retry())
    }

    /// The waits before each retry ([`Recovery::delays`]); empty when there is no plan or it
    /// does not retry.
    pub fn delays(&self, seed: u64) -> Delays {
        match self.recovery() {
            Some(plan) => plan.delays(seed),
            None => NO_RETRY.delays(seed),
        }
    }
}

/// The plan of a verdict no entry carries: nothing to send again by itself.
static NO_RETRY: Recovery = Recovery::new(
    crate::Action::Escalate,
    None,
    0,
    1,
    0,
    None,
    false,
    false,
    crate::entry::Text::from_parts("", c""),
);

impl fmt::Display for FinesseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnosis.verdict.summary)
    }
}

impl std::error::Error for FinesseError {}
