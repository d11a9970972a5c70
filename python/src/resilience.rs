//! The resilience module in Python: `RetryBudget`, `Nodes` (a breaker per Finesse node),
//! `Request` (one request's attempts) and `decide`, the one call that turns a status, headers,
//! body and method into a decision. The objects share their state across threads like the
//! Rust types they wrap.

use finesse_errors::explain::{Method, SystemStatus};
use finesse_errors::resilience::{
    Admission, Attempts, BreakerConfig, BreakerState, BudgetConfig, Clock, Decision, Nodes,
    Outcome, Resilience, RetryBudget, RetryCost, SystemClock, Transport, parse_retry_after,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A retry budget shared by every request of a client (AWS standard numbers by default).
#[pyclass(name = "RetryBudget", module = "finesse_errors", frozen)]
pub struct PyBudget(RetryBudget);

#[pymethods]
impl PyBudget {
    #[new]
    #[pyo3(signature = (capacity=500.0, retry_cost=5.0, timeout_cost=10.0, success_refill=1.0, failure_cost=0.0, floor=0.0))]
    fn new(
        capacity: f64,
        retry_cost: f64,
        timeout_cost: f64,
        success_refill: f64,
        failure_cost: f64,
        floor: f64,
    ) -> PyBudget {
        let mut config = BudgetConfig::aws_standard();
        config.capacity = capacity;
        config.retry_cost = retry_cost;
        config.timeout_cost = timeout_cost;
        config.success_refill = success_refill;
        config.failure_cost = failure_cost;
        config.floor = floor;
        PyBudget(RetryBudget::new(config))
    }

    /// gRPC's retry throttling: no retry at or below half of max_tokens.
    #[staticmethod]
    #[pyo3(signature = (max_tokens=10.0, token_ratio=0.1))]
    fn grpc(max_tokens: f64, token_ratio: f64) -> PyBudget {
        PyBudget(RetryBudget::new(BudgetConfig::grpc_throttling(
            max_tokens,
            token_ratio,
        )))
    }

    #[getter]
    fn tokens(&self) -> f64 {
        self.0.tokens()
    }

    #[pyo3(signature = (timeout=false))]
    fn withdraw(&self, timeout: bool) -> bool {
        let cost = if timeout {
            RetryCost::Timeout
        } else {
            RetryCost::Error
        };
        self.0.withdraw(cost).is_ok()
    }

    fn deposit(&self) {
        self.0.deposit();
    }

    fn __repr__(&self) -> String {
        format!("<RetryBudget {:.1} tokens>", self.0.tokens())
    }
}

/// The breakers of a client's Finesse nodes, on the machine's monotonic clock.
#[pyclass(name = "Nodes", module = "finesse_errors", frozen)]
pub struct PyNodes {
    nodes: Nodes,
    clock: Arc<dyn Clock>,
}

fn admission(a: Admission) -> (&'static str, f64) {
    match a {
        Admission::Send => ("send", 0.0),
        Admission::Probe => ("probe", 0.0),
        Admission::Wait(wait) => ("wait", wait.as_secs_f64()),
    }
}

impl PyNodes {
    fn breaker(&self, node: usize) -> PyResult<&finesse_errors::resilience::Breaker> {
        self.nodes
            .breaker(node)
            .ok_or_else(|| PyValueError::new_err(format!("no node {node}")))
    }
}

#[pymethods]
impl PyNodes {
    #[new]
    #[pyo3(signature = (count=2))]
    fn new(count: usize) -> PyResult<PyNodes> {
        if !(1..=16).contains(&count) {
            return Err(PyValueError::new_err("count must be 1 to 16"));
        }
        let clock: Arc<dyn Clock> = Arc::new(SystemClock::new());
        Ok(PyNodes {
            nodes: Nodes::new(count, BreakerConfig::finesse(), Arc::clone(&clock)),
            clock,
        })
    }

    /// The node in use.
    #[getter]
    fn active(&self) -> usize {
        self.nodes.active()
    }

    fn __len__(&self) -> usize {
        self.nodes.len()
    }

    /// Where to send a new request: (node, "send" | "probe" | "wait", seconds to wait).
    fn route(&self) -> (usize, &'static str, f64) {
        let (node, a) = self.nodes.route();
        let (kind, wait) = admission(a);
        (node, kind, wait)
    }

    /// A node's breaker: "closed", "open" or "half_open".
    fn state(&self, node: usize) -> PyResult<&'static str> {
        Ok(match self.breaker(node)?.state() {
            BreakerState::Closed => "closed",
            BreakerState::Open => "open",
            _ => "half_open",
        })
    }

    /// Opens a node's breaker now (an XMPP system-shutdown, say).
    fn trip(&self, node: usize) -> PyResult<()> {
        self.breaker(node)?.trip();
        Ok(())
    }

    /// Reports a probe: the body of GET /finesse/api/SystemInfo (b"" when there was no
    /// answer). Returns the status read ("IN_SERVICE" ...) or None.
    fn record_probe(&self, node: usize, body: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
        let body = bytes_of(body)?;
        Ok(self
            .breaker(node)?
            .record_probe(&body)
            .map(SystemStatus::name))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Nodes {} active={}>",
            self.nodes.len(),
            self.nodes.active()
        )
    }
}

fn bytes_of(body: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = body.cast::<PyBytes>() {
        Ok(b.as_bytes().to_vec())
    } else if let Ok(s) = body.cast::<PyString>() {
        Ok(s.to_cow()?.as_bytes().to_vec())
    } else if let Ok(b) = body.extract::<Vec<u8>>() {
        Ok(b)
    } else {
        Err(PyTypeError::new_err(format!(
            "body must be bytes or str, not {}",
            body.get_type().name()?
        )))
    }
}

/// The Retry-After value of a headers mapping (a dict, requests' or httpx's headers, or pairs),
/// the name matched ignoring case.
fn retry_after(headers: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Duration>> {
    let Some(headers) = headers.filter(|h| !h.is_none()) else {
        return Ok(None);
    };
    let pairs = if let Ok(d) = headers.cast::<PyDict>() {
        d.items().into_any()
    } else if headers.hasattr("items")? {
        headers.call_method0("items")?
    } else {
        headers.clone()
    };
    for pair in pairs.try_iter()? {
        let (name, value): (String, String) = pair?
            .extract()
            .map_err(|_| PyTypeError::new_err("headers must map str names to str values"))?;
        if name.eq_ignore_ascii_case("retry-after") {
            return Ok(parse_retry_after(&value));
        }
    }
    Ok(None)
}

fn method_of(method: &str) -> PyResult<Method> {
    method
        .parse::<Method>()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A decision: retry or not, after how long (seconds), on which node, probing first or not,
/// and why.
#[pyclass(name = "Decision", module = "finesse_errors", frozen, get_all)]
pub struct PyDecision {
    retry: bool,
    after: f64,
    node: usize,
    probe: bool,
    why: &'static str,
    summary: Option<String>,
}

#[pymethods]
impl PyDecision {
    fn __repr__(&self) -> String {
        if self.retry {
            format!(
                "<Decision retry on node {} after {:.3}s{} ({})>",
                self.node,
                self.after,
                if self.probe { ", probe first" } else { "" },
                self.why
            )
        } else {
            format!("<Decision stop ({})>", self.why)
        }
    }
}

fn to_py(d: Decision) -> PyDecision {
    PyDecision {
        retry: d.retry,
        after: d.after.as_secs_f64(),
        node: d.node,
        probe: d.probe,
        why: d.why.name(),
        summary: d.error.map(|e| e.to_string()),
    }
}

fn outcome_of<'a>(
    status: Option<i64>,
    transport: Option<&str>,
    retry_after: Option<Duration>,
    body: &'a [u8],
) -> PyResult<Outcome<'a>> {
    match (status, transport) {
        (Some(status), None) => {
            let status = u16::try_from(status)
                .ok()
                .filter(|s| (100..=599).contains(s))
                .ok_or_else(|| PyValueError::new_err(format!("{status} is not an HTTP status")))?;
            Ok(Outcome::Response {
                status,
                retry_after,
                body,
            })
        }
        (None, Some(kind)) => Ok(Outcome::Transport(match kind {
            "refused" => Transport::Refused,
            "timed_out" => Transport::TimedOut,
            "reset" => Transport::Reset,
            other => {
                return Err(PyValueError::new_err(format!(
                    "transport {other:?}: expected refused, timed_out or reset"
                )));
            }
        })),
        _ => Err(PyValueError::new_err(
            "give either an HTTP status or a transport failure, not both",
        )),
    }
}

/// One request's attempts: call decide() after each.
#[pyclass(name = "Request", module = "finesse_errors", frozen)]
pub struct PyRequest(Mutex<Attempts>);

#[pymethods]
impl PyRequest {
    #[new]
    #[pyo3(signature = (budget, nodes, method, seed=0))]
    fn new(budget: &PyBudget, nodes: &PyNodes, method: &str, seed: u64) -> PyResult<PyRequest> {
        let client = Resilience::with_parts(
            budget.0.clone(),
            nodes.nodes.clone(),
            Arc::clone(&nodes.clock),
        );
        Ok(PyRequest(Mutex::new(
            client.begin(method_of(method)?, seed),
        )))
    }

    /// The node the next attempt goes to.
    #[getter]
    fn node(&self) -> usize {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).node()
    }

    #[pyo3(signature = (status=None, headers=None, body=None, transport=None, still_needed=None))]
    fn decide(
        &self,
        status: Option<i64>,
        headers: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
        transport: Option<&str>,
        still_needed: Option<bool>,
    ) -> PyResult<PyDecision> {
        let body = body.map(bytes_of).transpose()?.unwrap_or_default();
        let outcome = outcome_of(status, transport, retry_after(headers)?, &body)?;
        let mut attempts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        Ok(to_py(attempts.decide(&outcome, || still_needed)))
    }
}

/// The one call: a decision for an attempt from its status (or transport failure), headers,
/// body and method, with the client's budget and nodes (fresh ones when not given), for an
/// attempt that is the request's `attempt`-th retry, `elapsed` seconds after its first.
#[pyfunction]
#[pyo3(signature = (status, headers, body, method, *, budget=None, nodes=None, node=0, attempt=0, elapsed=0.0, transport=None, still_needed=None, seed=0))]
#[allow(clippy::too_many_arguments)]
pub fn decide(
    status: Option<i64>,
    headers: Option<&Bound<'_, PyAny>>,
    body: Option<&Bound<'_, PyAny>>,
    method: &str,
    budget: Option<&PyBudget>,
    nodes: Option<&PyNodes>,
    node: usize,
    attempt: u32,
    elapsed: f64,
    transport: Option<&str>,
    still_needed: Option<bool>,
    seed: u64,
) -> PyResult<PyDecision> {
    let method = method_of(method)?;
    let body = body.map(bytes_of).transpose()?.unwrap_or_default();
    let outcome = outcome_of(status, transport, retry_after(headers)?, &body)?;
    let budget = budget.map_or_else(RetryBudget::default, |b| b.0.clone());
    let (nodes, clock) = match nodes {
        Some(n) => (n.nodes.clone(), Arc::clone(&n.clock)),
        None => {
            let clock: Arc<dyn Clock> = Arc::new(SystemClock::new());
            (
                Nodes::new(2, BreakerConfig::finesse(), Arc::clone(&clock)),
                clock,
            )
        }
    };
    if node >= nodes.len() {
        return Err(PyValueError::new_err(format!("no node {node}")));
    }
    if !(elapsed.is_finite() && elapsed >= 0.0) {
        return Err(PyValueError::new_err(
            "elapsed must be a non-negative number of seconds",
        ));
    }
    let client = Resilience::with_parts(budget, nodes, clock);
    let mut attempts = client
        .begin_on(node, method, seed)
        .with_history(attempt, Duration::from_secs_f64(elapsed.min(1e9)));
    Ok(to_py(attempts.decide(&outcome, || still_needed)))
}

/// Registers the resilience classes and `decide`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyBudget>()?;
    m.add_class::<PyNodes>()?;
    m.add_class::<PyRequest>()?;
    m.add_class::<PyDecision>()?;
    m.add_function(wrap_pyfunction!(decide, m)?)?;
    Ok(())
}
