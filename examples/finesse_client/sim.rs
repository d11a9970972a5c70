//! A two-node Finesse simulator on 127.0.0.1 for the recovery scenarios: each node serves
//! `SystemInfo`, `User` and `Dialog` requests from the shapes of `tests/fixtures`, and its
//! behaviour follows a script over a shared test clock (milliseconds that the client advances
//! when it "sleeps"), so a scenario of minutes runs in milliseconds and never depends on the
//! machine's speed. Every request is logged with the clock's time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The test clock, in milliseconds since the scenario began.
#[derive(Clone, Default)]
pub struct Clock(Arc<AtomicU64>);

impl Clock {
    pub fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }

    pub fn advance(&self, ms: u64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

/// One request a node saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub node: char,
    pub at_ms: u64,
    pub method: String,
    pub path: String,
}

/// How a node behaves, as a function of the clock (the default: always up, everything
/// allowed).
#[derive(Clone, Copy, Debug, Default)]
pub struct Script {
    /// Until this time, every API request answers 503 SERVER_OUT_OF_SERVICE and SystemInfo says
    /// OUT_OF_SERVICE. `u64::MAX`: never recovers.
    pub down_until_ms: u64,
    /// Until this time, PUT on a Dialog answers 400 Invalid State and the Dialog does not
    /// allow ANSWER; after it, ANSWER is allowed and the PUT succeeds.
    pub answer_allowed_from_ms: u64,
    /// Every PUT on a User answers 401 Authentication Failure.
    pub reject_credentials: bool,
}

/// A running node.
pub struct Node {
    pub url: String,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl Node {
    /// Starts node `name` on a free loopback port.
    pub fn start(name: char, script: Script, clock: Clock, log: Arc<Mutex<Vec<Seen>>>) -> Node {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let serving = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for mut request in serving.incoming_requests() {
                let now = clock.now_ms();
                let method = request.method().as_str().to_string();
                let path = request.url().to_string();
                let mut ignored = Vec::new();
                let _ = std::io::Read::read_to_end(request.as_reader(), &mut ignored);
                log.lock().unwrap().push(Seen {
                    node: name,
                    at_ms: now,
                    method: method.clone(),
                    path: path.clone(),
                });
                let (status, body) = respond(&script, now, &method, &path);
                let response = tiny_http::Response::from_string(body).with_status_code(status);
                let _ = request.respond(response);
            }
        });
        Node {
            url: format!("http://127.0.0.1:{port}"),
            server,
            thread: Some(thread),
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

const OUT_OF_SERVICE: &str = "<ApiErrors><ApiError><ErrorType>Service Unavailable</ErrorType>\
    <ErrorMessage>SERVER_OUT_OF_SERVICE</ErrorMessage></ApiError></ApiErrors>";
const INVALID_STATE: &str = "<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType>\
    <ErrorMessage>CF_INVALID_OBJECT_STATE</ErrorMessage><ErrorData>22</ErrorData></ApiError></ApiErrors>";
const BAD_CREDENTIALS: &str = "<ApiErrors><ApiError><ErrorType>Authentication Failure</ErrorType>\
    <ErrorMessage>Bad credentials</ErrorMessage></ApiError></ApiErrors>";

fn respond(script: &Script, now: u64, method: &str, path: &str) -> (u16, String) {
    let down = now < script.down_until_ms;
    if path == "/finesse/api/SystemInfo" {
        let status = if down { "OUT_OF_SERVICE" } else { "IN_SERVICE" };
        return (
            200,
            format!("<SystemInfo><status>{status}</status></SystemInfo>"),
        );
    }
    if path == "/http-bind" {
        return if down {
            (503, String::new())
        } else {
            (200, "<body/>".to_string())
        };
    }
    if down {
        return (503, OUT_OF_SERVICE.to_string());
    }
    let allowed = now >= script.answer_allowed_from_ms;
    match (method, path) {
        ("PUT", p) if p.starts_with("/finesse/api/User/") && script.reject_credentials => {
            (401, BAD_CREDENTIALS.to_string())
        }
        ("PUT", p) if p.starts_with("/finesse/api/Dialog/") && !allowed => {
            (400, INVALID_STATE.to_string())
        }
        ("GET", p) if p.starts_with("/finesse/api/Dialog/") => {
            let actions = if allowed {
                "<action>ANSWER</action>"
            } else {
                "<action>DROP</action>"
            };
            let state = if allowed { "ALERTING" } else { "INITIATED" };
            (
                200,
                format!(
                    "<Dialog><state>{state}</state><allowedActions>{actions}</allowedActions></Dialog>"
                ),
            )
        }
        _ => (202, String::new()),
    }
}
