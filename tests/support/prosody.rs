//! A throw-away Prosody XMPP server on 127.0.0.1 for `tests/prosody.rs`, and a small BOSH
//! client for it (plain HTTP through `ureq`).
//!
//! Each [`Prosody`] gets its own temporary directory (config, data, log), free ports for c2s
//! and HTTP (BOSH at `/http-bind`), users registered with `prosodyctl`, and runs in the
//! foreground as a child of the test; dropping it kills that child and removes the directory.
#![allow(dead_code)]

use std::io::Read;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The users every server has: (name, password).
pub const USERS: &[(&str, &str)] = &[("agent1", "secret1"), ("agent2", "secret2")];
/// The virtual host, and the pubsub service Finesse-style notifications would come from.
pub const HOST: &str = "localhost";
pub const PUBSUB: &str = "pubsub.localhost";

pub struct Prosody {
    dir: PathBuf,
    child: Child,
    pub c2s_port: u16,
    pub http_port: u16,
}

/// Whether this is a CI run, where a missing prosody is a failure, not a skip.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// A port the kernel just had free on 127.0.0.1.
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

impl Prosody {
    /// Starts a server, or returns `None` with a notice when prosody is not installed (in CI,
    /// where `.ci/run` installs it, that is a failure).
    pub fn start(name: &str) -> Option<Prosody> {
        if !on_path("prosody") || !on_path("prosodyctl") {
            assert!(
                !in_ci(),
                "prosody is not installed; .ci/run installs it (apt-get install prosody)"
            );
            eprintln!(
                "NOTICE: prosody is not installed (apt-get install prosody): skipping {name}"
            );
            return None;
        }
        let dir = std::env::temp_dir().join(format!("fe-prosody-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["data", "certs"] {
            std::fs::create_dir_all(dir.join(sub)).expect("create the server's directory");
        }
        let (c2s_port, http_port) = (free_port(), free_port());
        let config = dir.join("prosody.cfg.lua");
        std::fs::write(&config, config_text(&dir, c2s_port, http_port)).expect("write the config");
        for (user, password) in USERS {
            let out = Command::new("prosodyctl")
                .arg("--config")
                .arg(&config)
                .args(["register", user, HOST, password])
                .output()
                .expect("run prosodyctl");
            assert!(out.status.success(), "prosodyctl register {user}: {out:?}");
        }
        let log = std::fs::File::create(dir.join("stdout.log")).expect("create the log");
        let child = Command::new("prosody")
            .arg("--config")
            .arg(&config)
            .arg("-F")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .spawn()
            .expect("start prosody");
        let mut server = Prosody {
            dir,
            child,
            c2s_port,
            http_port,
        };
        server.wait_until_listening();
        Some(server)
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let up = [self.c2s_port, self.http_port]
                .iter()
                .all(|&port| TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok());
            if up {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "prosody exited ({status}) before listening:\n{}",
                    self.log()
                );
            }
            assert!(
                Instant::now() < deadline,
                "prosody did not listen within 30 s:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The server's own log and its standard output, for assertion messages.
    pub fn log(&self) -> String {
        let read = |name: &str| std::fs::read_to_string(self.dir.join(name)).unwrap_or_default();
        format!("{}{}", read("stdout.log"), read("prosody.log"))
    }

    pub fn bosh_url(&self) -> String {
        format!("http://127.0.0.1:{}/http-bind", self.http_port)
    }

    /// Asks the server to shut down as an operator would (SIGTERM to this child, by its id),
    /// and waits for it to exit.
    pub fn terminate(&mut self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.child.try_wait().expect("wait for prosody").is_none() {
            assert!(
                Instant::now() < deadline,
                "prosody did not stop within 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Prosody {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The throw-away config: everything on 127.0.0.1, no TLS (BOSH over plain HTTP is declared
/// secure so that SASL PLAIN is offered), no server-to-server, a short BOSH inactivity so that
/// an expired session can be waited for.
fn config_text(dir: &Path, c2s_port: u16, http_port: u16) -> String {
    let dir = dir.display();
    format!(
        r#"-- Written by tests/support/prosody.rs for one test run; deleted afterwards.
run_as_root = true
pidfile = "{dir}/prosody.pid"
data_path = "{dir}/data"
certificates = "{dir}/certs"
log = {{ info = "{dir}/prosody.log" }}
interfaces = {{ "127.0.0.1" }}
local_interfaces = {{ "127.0.0.1" }}
c2s_interfaces = {{ "127.0.0.1" }}
c2s_ports = {{ {c2s_port} }}
c2s_direct_tls_ports = {{ }}
legacy_ssl_ports = {{ }}
s2s_ports = {{ }}
component_ports = {{ }}
http_interfaces = {{ "127.0.0.1" }}
http_ports = {{ {http_port} }}
https_interfaces = {{ }}
https_ports = {{ }}
authentication = "internal_plain"
storage = "internal"
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
consider_bosh_secure = true
bosh_max_inactivity = 2
modules_enabled = {{ "roster"; "saslauth"; "disco"; "ping"; "bosh"; "http" }}
modules_disabled = {{ "s2s"; "offline" }}
VirtualHost "{HOST}"
Component "{PUBSUB}" "pubsub"
"#
    )
}

/// One BOSH session (XEP-0124 / XEP-0206) over plain HTTP.
pub struct Bosh {
    agent: ureq::Agent,
    url: String,
    pub sid: String,
    rid: u64,
}

const HTTPBIND: &str = "http://jabber.org/protocol/httpbind";

impl Bosh {
    /// Opens a session: the server's answer carries the sid.
    pub fn open(server: &Prosody) -> (Bosh, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let mut bosh = Bosh {
            agent,
            url: server.bosh_url(),
            sid: String::new(),
            rid: 1000,
        };
        let answer = bosh.post(&format!(
            "<body rid='{}' xmlns='{HTTPBIND}' to='{HOST}' xml:lang='en' wait='10' hold='1' \
             ver='1.6' xmpp:version='1.0' xmlns:xmpp='urn:xmpp:xbosh'/>",
            bosh.rid
        ));
        bosh.sid = attribute(&answer, "sid")
            .expect("the session's sid")
            .to_string();
        (bosh, answer)
    }

    fn post(&self, body: &str) -> String {
        self.try_post(body).expect("a BOSH answer")
    }

    /// Posts one `<body/>`; an error when the server closed without an answer.
    pub fn try_post(&self, body: &str) -> Result<String, String> {
        let response = self
            .agent
            .post(&self.url)
            .header("Content-Type", "text/xml; charset=utf-8")
            .send(body)
            .map_err(|e| e.to_string())?;
        response
            .into_body()
            .read_to_string()
            .map_err(|e| e.to_string())
    }

    /// The next request of this session, wrapping `payload` (stanzas, or nothing: a poll).
    pub fn request(&mut self, payload: &str) -> String {
        let body = self.next_body(payload, "");
        self.post(&body)
    }

    /// The text of the next request, without sending it (for a long poll on another thread).
    pub fn next_body(&mut self, payload: &str, attrs: &str) -> String {
        self.rid += 1;
        format!(
            "<body rid='{}' sid='{}' xmlns='{HTTPBIND}'{attrs}>{payload}</body>",
            self.rid, self.sid
        )
    }

    pub fn auth(&mut self, user: &str, password: &str) -> String {
        let plain = base64(format!("\0{user}\0{password}").as_bytes());
        self.request(&format!(
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{plain}</auth>"
        ))
    }

    /// Signs in and binds `resource`: a session as a Finesse desktop has one.
    pub fn sign_in(server: &Prosody, user: &str, password: &str, resource: &str) -> Bosh {
        let (mut bosh, _) = Bosh::open(server);
        let answer = bosh.auth(user, password);
        assert!(answer.contains("<success"), "{answer}");
        let restart = bosh.next_body(
            "",
            &format!(" xmpp:restart='true' xmlns:xmpp='urn:xmpp:xbosh' to='{HOST}'"),
        );
        let answer = bosh.post(&restart);
        assert!(
            answer.contains("urn:ietf:params:xml:ns:xmpp-bind"),
            "{answer}"
        );
        let answer = bosh.request(&format!(
            "<iq type='set' id='bind1' xmlns='jabber:client'><bind \
             xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>{resource}</resource></bind></iq>"
        ));
        assert!(
            answer.contains(&format!("{user}@{HOST}/{resource}")),
            "{answer}"
        );
        bosh
    }

    /// A clone for a request on another thread (same session, same HTTP agent).
    pub fn poller(&self) -> Bosh {
        Bosh {
            agent: self.agent.clone(),
            url: self.url.clone(),
            sid: self.sid.clone(),
            rid: self.rid,
        }
    }
}

/// A raw XMPP stream on the c2s port (no TLS: the test config does not require it).
pub struct Stream {
    socket: TcpStream,
}

impl Stream {
    /// Opens a stream and reads until the server has sent its features.
    pub fn open(server: &Prosody) -> (Stream, String) {
        use std::io::Write;
        let mut socket =
            TcpStream::connect((Ipv4Addr::LOCALHOST, server.c2s_port)).expect("connect to c2s");
        socket
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("a read timeout");
        socket
            .write_all(
                format!(
                    "<?xml version='1.0'?><stream:stream to='{HOST}' xmlns='jabber:client' \
                     xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
                )
                .as_bytes(),
            )
            .expect("send the stream header");
        let mut stream = Stream { socket };
        let mut opening = String::new();
        while !opening.contains("</stream:features>") {
            let chunk = stream.read_some();
            assert!(
                !chunk.is_empty(),
                "c2s closed before its features: {opening}"
            );
            opening.push_str(&chunk);
        }
        (stream, opening)
    }

    fn read_some(&mut self) -> String {
        let mut buf = [0u8; 4096];
        let n = self.socket.read(&mut buf).expect("read from c2s");
        String::from_utf8_lossy(&buf[..n]).into_owned()
    }

    /// Everything the server sends until it closes the connection.
    pub fn read_to_close(&mut self) -> String {
        let mut all = Vec::new();
        self.socket
            .read_to_end(&mut all)
            .expect("read until c2s closes");
        String::from_utf8_lossy(&all).into_owned()
    }
}

/// The value of `name='…'` (or `"…"`) in `xml`: enough for the server's answers.
pub fn attribute<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    for quote in ['\'', '"'] {
        let start = format!(" {name}={quote}");
        if let Some(at) = xml.find(&start) {
            let rest = &xml[at + start.len()..];
            return rest.find(quote).map(|end| &rest[..end]);
        }
    }
    None
}

/// RFC 4648 base64, for SASL PLAIN.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
