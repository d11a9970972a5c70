//! A Finesse REST client that follows the knowledge base's recovery plans: it classifies every
//! failed call with `FinesseError`, then waits, re-reads, reconnects or fails over as the plan
//! says, and never retries what the plan calls harmful.

use crate::sim::Clock;
use finesse_errors::explain::{Context, Method, explain};
use finesse_errors::{Action, FinesseError};
use std::time::Duration;

/// Why a request finally failed.
#[derive(Debug)]
pub enum Failure {
    /// The plan says not to send it again (fix the request, escalate, or retrying would harm).
    Final(FinesseError),
    /// The state never allowed the action within the plan's time.
    NotAllowed(FinesseError),
    /// The node stayed down for the whole plan and no other node was in service.
    Exhausted(FinesseError),
    /// The connection itself failed.
    Transport(String),
}

/// The client: the Finesse nodes it knows (from DesktopConfig, say), the one in use, and the
/// clock it waits on.
pub struct Client {
    nodes: Vec<String>,
    active: usize,
    agent: ureq::Agent,
    clock: Clock,
    seed: u64,
}

/// Attempts of one request, at most, whatever the plans say (a flapping node cannot keep the
/// client busy forever).
const MAX_ATTEMPTS: usize = 20;

impl Client {
    pub fn new(nodes: Vec<String>, clock: Clock, seed: u64) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        Client {
            nodes,
            active: 0,
            agent,
            clock,
            seed,
        }
    }

    /// The node in use.
    pub fn active(&self) -> usize {
        self.active
    }

    /// Waits on the clock (a real client would `std::thread::sleep`).
    fn sleep(&self, delay: Duration) {
        self.clock.advance(delay.as_millis() as u64);
    }

    fn call(
        &self,
        node: usize,
        method: Method,
        path: &str,
    ) -> Result<http::Response<Vec<u8>>, Failure> {
        let url = format!("{}{path}", self.nodes[node]);
        let response = match method {
            Method::Get => self.agent.get(&url).call(),
            Method::Put => self.agent.put(&url).send("<User/>"),
            Method::Post => self.agent.post(&url).send("<body/>"),
            _ => self.agent.delete(&url).call(),
        }
        .map_err(|e| Failure::Transport(e.to_string()))?;
        let (parts, mut body) = response.into_parts();
        let bytes = body
            .read_to_vec()
            .map_err(|e| Failure::Transport(e.to_string()))?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    fn body_of(&self, node: usize, path: &str) -> String {
        self.call(node, Method::Get, path)
            .map(|r| String::from_utf8_lossy(r.body()).into_owned())
            .unwrap_or_default()
    }

    /// Whether a node's SystemInfo says IN_SERVICE.
    fn in_service(&self, node: usize) -> bool {
        self.body_of(node, "/finesse/api/SystemInfo")
            .contains("<status>IN_SERVICE</status>")
    }

    /// Sends a request and recovers from failures by their plans. `action` is the
    /// `requestedAction` of a Dialog request, to check against the Dialog's allowedActions.
    pub fn send(
        &mut self,
        method: Method,
        path: &str,
        action: Option<&str>,
    ) -> Result<(), Failure> {
        let mut response = self.call(self.active, method, path)?;
        for _ in 0..MAX_ATTEMPTS {
            if response.status().as_u16() < 300 {
                return Ok(());
            }
            let error = FinesseError::from_http(Context::new().method(method), &response);
            let plan = match error.recovery() {
                Some(plan) if error.is_retryable() => plan,
                _ => return Err(Failure::Final(error)),
            };
            let mut resent = None;
            match plan.action() {
                // The state must change first: re-read it until it allows the action.
                Action::RefreshState => {
                    for delay in plan.delays(self.seed) {
                        self.sleep(delay);
                        let dialog = self.body_of(self.active, path);
                        let allowed = action
                            .is_none_or(|a| dialog.contains(&format!("<action>{a}</action>")));
                        if allowed {
                            resent = Some(self.call(self.active, method, path)?);
                            break;
                        }
                    }
                    if resent.is_none() {
                        return Err(Failure::NotAllowed(error));
                    }
                }
                // Not applied: wait, and send again once the node is back in service.
                Action::WaitAndRetry | Action::Reconnect | Action::Failover => {
                    for delay in plan.delays(self.seed) {
                        self.sleep(delay);
                        if self.in_service(self.active) {
                            resent = Some(self.call(self.active, method, path)?);
                            break;
                        }
                    }
                    if resent.is_none() && plan.failover() {
                        let other = (self.active + 1) % self.nodes.len();
                        if self.in_service(other) {
                            self.active = other;
                            resent = Some(self.call(self.active, method, path)?);
                        }
                    }
                    if resent.is_none() {
                        return Err(Failure::Exhausted(error));
                    }
                }
                _ => return Err(Failure::Final(error)),
            }
            response = resent.expect("set above");
        }
        Err(Failure::Transport("too many attempts".to_string()))
    }

    /// Recovers the notification channel after the server ended it (a BOSH or WebSocket body
    /// with a stream error): SystemInfo must be IN_SERVICE before the client binds again, on
    /// this node or, after the plan's time, on the other. Returns the node it bound to.
    pub fn recover_notifications(&mut self, stream_error: &[u8]) -> Result<usize, String> {
        let diagnosis = explain(None, stream_error).map_err(|e| e.to_string())?;
        let Some(plan) = diagnosis.verdict.recovery else {
            return Err(format!("no plan: {}", diagnosis.verdict.summary));
        };
        if plan.harmful_to_retry() || !plan.retries() {
            return Err(format!("not reconnecting: {}", diagnosis.verdict.summary));
        }
        let bind = |client: &Client, node: usize| {
            client
                .call(node, Method::Post, "/http-bind")
                .is_ok_and(|r| r.status().is_success())
        };
        for delay in plan.delays(self.seed) {
            self.sleep(delay);
            if self.in_service(self.active) && bind(self, self.active) {
                return Ok(self.active);
            }
        }
        let other = (self.active + 1) % self.nodes.len();
        if plan.failover() && self.in_service(other) && bind(self, other) {
            self.active = other;
            return Ok(other);
        }
        Err("the notification channel could not be restored".to_string())
    }
}
