//! The `tower` face (feature `tower`): [`FinessePolicy`], a `tower::retry::Policy` for `http`
//! requests built on [`Attempts::decide`], and tower's `Budget` for [`RetryBudget`].

use super::breaker::Nodes;
use super::budget::{RetryBudget, RetryCost};
use super::policy::{Attempts, Outcome, Resilience, Transport, parse_retry_after};
use crate::explain::Method;
use core::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// tower's budget: a deposit per success, a withdrawal (at the error cost) per retry.
impl tower::retry::budget::Budget for RetryBudget {
    fn deposit(&self) {
        RetryBudget::deposit(self);
    }

    fn withdraw(&self) -> bool {
        RetryBudget::withdraw(self, RetryCost::Error).is_ok()
    }
}

/// The future a [`FinessePolicy`] waits on before a retry.
pub type Wait = Pin<Box<dyn Future<Output = ()> + Send>>;

type Probe = Arc<dyn Fn(usize) -> Pin<Box<dyn Future<Output = Vec<u8>> + Send>> + Send + Sync>;
type Reread<B> = Arc<dyn Fn(&http::Request<B>) -> Option<bool> + Send + Sync>;
type Sleep = Arc<dyn Fn(Duration) -> Wait + Send + Sync>;

/// A `tower::retry::Policy` for Finesse: each failed attempt goes through
/// [`Attempts::decide`] with the request's method, so it never retries a `never`, harmful
/// (sign-in lockout) or identity-clash verdict, resends a write whose outcome is unknown only
/// when the re-read hook says it is still needed, waits the plan's delays with jitter (or
/// `Retry-After`), pays the client's [`RetryBudget`] and follows the nodes' breakers: a retry
/// moved to another node gets that node's authority in its URI.
///
/// Responses must have a body that is bytes (`AsRef<[u8]>`; collect a streaming body first)
/// and errors a `Box<dyn Error + Send + Sync>` (tower's `BoxError`), whose chain is searched
/// for an `std::io::Error`: connection refused, timed out, or else reset. A method other than
/// GET, HEAD, PUT, POST and DELETE is treated as a POST: a write that cannot be repeated
/// blindly.
///
/// ```
/// use finesse_errors::resilience::{FinessePolicy, Resilience};
/// use tower::retry::Policy;
///
/// let resilience = Resilience::new(2);
/// let nodes = ["finesse-a.example:8445", "finesse-b.example:8445"];
/// // A service waits with `Box::pin(tokio::time::sleep(wait))`; this example does not wait.
/// let mut policy =
///     FinessePolicy::<String>::new(resilience, &nodes, |_wait| Box::pin(std::future::ready(())))
///         .unwrap();
/// let mut request = http::Request::put("https://finesse-a.example:8445/finesse/api/User/1001")
///     .body(String::new())
///     .unwrap();
/// let body = b"<ApiErrors><ApiError><ErrorType>Service Unavailable</ErrorType>\
///     <ErrorMessage>SERVER_OUT_OF_SERVICE</ErrorMessage></ApiError></ApiErrors>".to_vec();
/// let mut result: Result<_, tower::BoxError> =
///     Ok(http::Response::builder().status(503).body(body).unwrap());
/// assert!(policy.retry(&mut request, &mut result).is_some());
/// // The retry goes to the other node.
/// assert_eq!(request.uri().authority().unwrap(), "finesse-b.example:8445");
/// ```
pub struct FinessePolicy<B> {
    resilience: Resilience,
    authorities: Arc<[http::uri::Authority]>,
    sleep: Sleep,
    reread: Option<Reread<B>>,
    probe: Option<Probe>,
    seeds: Arc<AtomicU64>,
    attempts: Option<Attempts>,
    /// A node whose breaker asked for a probe and no probe function was given: the retried
    /// request is the probe.
    request_probes: Option<usize>,
}

impl<B> Clone for FinessePolicy<B> {
    fn clone(&self) -> Self {
        FinessePolicy {
            resilience: self.resilience.clone(),
            authorities: Arc::clone(&self.authorities),
            sleep: Arc::clone(&self.sleep),
            reread: self.reread.clone(),
            probe: self.probe.clone(),
            seeds: Arc::clone(&self.seeds),
            // Tower clones the policy for each request: a clone starts afresh.
            attempts: None,
            request_probes: None,
        }
    }
}

impl<B> fmt::Debug for FinessePolicy<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FinessePolicy")
            .field("resilience", &self.resilience)
            .field("authorities", &self.authorities)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// A node authority that is not one (`host:port`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidAuthority {
    /// Its index in the list.
    pub node: usize,
}

impl fmt::Display for InvalidAuthority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "node {} is not a host[:port] authority", self.node)
    }
}

impl std::error::Error for InvalidAuthority {}

impl<B> FinessePolicy<B> {
    /// A policy over `resilience`, whose node `i` is reached at `authorities[i]`
    /// (`host:port`); `sleep` makes the future a retry waits on (`tokio::time::sleep` boxed,
    /// or a test clock's advance).
    pub fn new<S: AsRef<str>>(
        resilience: Resilience,
        authorities: &[S],
        sleep: impl Fn(Duration) -> Wait + Send + Sync + 'static,
    ) -> Result<FinessePolicy<B>, InvalidAuthority> {
        let authorities = authorities
            .iter()
            .enumerate()
            .map(|(node, a)| a.as_ref().parse().map_err(|_| InvalidAuthority { node }))
            .collect::<Result<Vec<http::uri::Authority>, _>>()?;
        Ok(FinessePolicy {
            resilience,
            authorities: authorities.into(),
            sleep: Arc::new(sleep),
            reread: None,
            probe: None,
            seeds: Arc::new(AtomicU64::new(0)),
            attempts: None,
            request_probes: None,
        })
    }

    /// The hook asked when a request may have taken effect or waits for a state change:
    /// whether it is still needed, from what the caller knows (the XMPP events it holds, say;
    /// it should not block). `None` or no hook: no resend.
    pub fn with_reread(
        mut self,
        reread: impl Fn(&http::Request<B>) -> Option<bool> + Send + Sync + 'static,
    ) -> Self {
        self.reread = Some(Arc::new(reread));
        self
    }

    /// How to send the breaker's probe (`GET /finesse/api/SystemInfo`) to node `i`: a future
    /// of the response body (empty when there was none). Without it, the retried request is
    /// the probe.
    pub fn with_probe(
        mut self,
        probe: impl Fn(usize) -> Pin<Box<dyn Future<Output = Vec<u8>> + Send>> + Send + Sync + 'static,
    ) -> Self {
        self.probe = Some(Arc::new(probe));
        self
    }

    /// The nodes' breakers.
    pub fn nodes(&self) -> &Nodes {
        self.resilience.nodes()
    }

    fn node_of(&self, uri: &http::Uri) -> usize {
        uri.authority()
            .and_then(|a| self.authorities.iter().position(|n| n == a))
            .unwrap_or_else(|| self.resilience.nodes().active())
    }
}

fn method(method: &http::Method) -> Method {
    match *method {
        http::Method::GET => Method::Get,
        http::Method::HEAD => Method::Head,
        http::Method::PUT => Method::Put,
        http::Method::DELETE => Method::Delete,
        _ => Method::Post,
    }
}

fn transport(error: &(dyn std::error::Error + 'static)) -> Transport {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            return match io.kind() {
                std::io::ErrorKind::ConnectionRefused => Transport::Refused,
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    Transport::TimedOut
                }
                _ => Transport::Reset,
            };
        }
        cause = error.source();
    }
    Transport::Reset
}

fn with_authority(uri: &http::Uri, authority: &http::uri::Authority) -> Option<http::Uri> {
    let mut parts = uri.clone().into_parts();
    parts.authority = Some(authority.clone());
    if parts.scheme.is_none() {
        parts.scheme = Some(http::uri::Scheme::HTTPS);
    }
    if parts.path_and_query.is_none() {
        parts.path_and_query = Some(http::uri::PathAndQuery::from_static("/"));
    }
    http::Uri::from_parts(parts).ok()
}

impl<B, RB, E> tower::retry::Policy<http::Request<B>, http::Response<RB>, E> for FinessePolicy<B>
where
    B: Clone,
    RB: AsRef<[u8]>,
    E: AsRef<dyn std::error::Error + Send + Sync + 'static>,
{
    type Future = Wait;

    fn retry(
        &mut self,
        request: &mut http::Request<B>,
        result: &mut Result<http::Response<RB>, E>,
    ) -> Option<Wait> {
        let node = self.node_of(request.uri());
        if self.attempts.is_none() {
            let seed = self.seeds.fetch_add(1, Ordering::Relaxed);
            self.attempts = Some(
                self.resilience
                    .begin_on(node, method(request.method()), seed),
            );
        }
        let retry_after;
        let outcome = match result {
            Ok(response) => {
                retry_after = response
                    .headers()
                    .get(http::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(parse_retry_after);
                Outcome::Response {
                    status: response.status().as_u16(),
                    retry_after,
                    body: response.body().as_ref(),
                }
            }
            Err(error) => {
                let error: &(dyn std::error::Error + 'static) = error.as_ref();
                Outcome::Transport(transport(error))
            }
        };
        if let Some(probed) = self.request_probes.take() {
            if let Some(breaker) = self.resilience.nodes().breaker(probed) {
                let answered = matches!(outcome, Outcome::Response { status, .. } if status < 500);
                breaker.record_status(answered.then_some(crate::explain::SystemStatus::InService));
            }
        }
        let reread = self.reread.clone();
        let attempts = self.attempts.as_mut()?;
        let decision = attempts.decide(&outcome, || reread.and_then(|hook| hook(request)));
        if !decision.retry {
            return None;
        }
        if decision.node != node {
            let authority = self.authorities.get(decision.node)?;
            *request.uri_mut() = with_authority(request.uri(), authority)?;
        }
        let wait = (self.sleep)(decision.after);
        if !decision.probe {
            return Some(wait);
        }
        match self.probe.clone() {
            Some(probe) => {
                let breaker = self.resilience.nodes().breaker(decision.node).cloned();
                let target = decision.node;
                Some(Box::pin(async move {
                    wait.await;
                    let body = probe(target).await;
                    if let Some(breaker) = breaker {
                        breaker.record_probe(&body);
                    }
                }))
            }
            None => {
                self.request_probes = Some(decision.node);
                Some(wait)
            }
        }
    }

    fn clone_request(&mut self, request: &http::Request<B>) -> Option<http::Request<B>> {
        let mut clone = http::Request::new(request.body().clone());
        *clone.method_mut() = request.method().clone();
        *clone.uri_mut() = request.uri().clone();
        *clone.version_mut() = request.version();
        *clone.headers_mut() = request.headers().clone();
        Some(clone)
    }
}
