//! A seeded log in the Cisco layouts `scan` reads, for `benches/scan.rs` and the
//! `scan_log` example: about `code_percent` percent of lines carry a known code, the rest
//! are the lines around them (state changes, heartbeats, `eventReasonCode=0`, hex ids, state
//! enums, bare numbers) that must give nothing. Every value is invented.
#![allow(dead_code)]

/// A small, fast, seeded generator (xorshift64*): the same log for the same seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const MONTHS: [&str; 4] = ["Jan", "Apr", "Jul", "Oct"];

fn finesse_time(rng: &mut Rng, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(
        out,
        "{} {:02} 2026 {:02}:{:02}:{:02}.{:03} -0400: ",
        MONTHS[rng.below(4) as usize],
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60),
        rng.below(1000)
    );
}

/// One line without a code.
fn noise(rng: &mut Rng, out: &mut String) {
    use std::fmt::Write;
    let n = rng.below(100_000);
    match rng.below(8) {
        0 => {
            finesse_time(rng, out);
            let _ = write!(
                out,
                "%CCBU_pool-7-thread-{}-6-REST_API_INFO: %[method=GET][url=/finesse/api/User/{n}][status=200]: Request completed in {} ms",
                rng.below(64),
                rng.below(900)
            );
        }
        1 => {
            finesse_time(rng, out);
            let _ = write!(
                out,
                "%CCBU_CTIMessageEventExecutor-0-6-DECODED_MESSAGE_FROM_CTI_SERVER: %[cti_message=CTIAgentStateEvent[agentState={} (NOT_READY), skillGroupState=9 (BUSY_OTHER), eventReasonCode=0, agentID={n}]CTIMessageBean [invokeID={}, msgID=30]]: Decoded Message",
                rng.below(10),
                rng.below(9999)
            );
        }
        2 => {
            let _ = write!(
                out,
                "{:02}:{:02}:{:02}:{:03} cc-ctisvr SESSION {}: MsgType:HEARTBEAT_CONF (InvokeID:0x{:x} PeripheralID:5001 )",
                rng.below(24),
                rng.below(60),
                rng.below(60),
                rng.below(1000),
                rng.below(400),
                rng.next() & 0xffff
            );
        }
        3 => {
            let _ = write!(
                out,
                "{:02}:{:02}:{:02} pg2B-pim1 Trace: CSTA_CONNECTION_CLEARED device {n} cause EC_NORMAL_CLEARING, {} calls active",
                rng.below(24),
                rng.below(60),
                rng.below(60),
                rng.below(50)
            );
        }
        4 => {
            let _ = write!(
                out,
                "04/07/26 10:{:02}:{:02}.{:03} 4410 CtiosClient Thd({}) Button state EnablementMask = {:08X} for agent {n}",
                rng.below(60),
                rng.below(60),
                rng.below(1000),
                rng.below(16),
                rng.next() as u32
            );
        }
        5 => {
            let _ = write!(
                out,
                "{}: Apr 07 10:55:{:02}.{:03} EDT %JTAPI-JTAPIIMPL-7-UNK:(P2-10.20.30.5) [SEP00AA11BB{:04X}]Request: getCallingAddress() callID={n}",
                rng.below(1_000_000),
                rng.below(60),
                rng.below(1000),
                rng.below(65536)
            );
        }
        6 => {
            let _ = write!(
                out,
                "2026.04.07 11:{:02}:{:02} org.jivesoftware.openfire.PacketRouterImpl - Routing presence from {n}@finesse.example.com/desktop to pubsub",
                rng.below(60),
                rng.below(60)
            );
        }
        _ => {
            let _ = write!(
                out,
                "2026-04-07T13:{:02}:{:02}.{:03}Z GMT-04:00: : agent-ws-{}: Finesse : _renderTeam() {{\"status\":200,\"teamSize\":{},\"colour\":\"0x8CCC{:02X}\"}}",
                rng.below(60),
                rng.below(60),
                rng.below(1000),
                rng.below(99),
                rng.below(40),
                rng.below(256)
            );
        }
    }
}

/// One line with a code.
fn coded(rng: &mut Rng, out: &mut String) {
    use std::fmt::Write;
    const SYMBOLS: [&str; 6] = [
        "CF_INVALID_AGENT_WORKMODE",
        "E_CTI_TIMEOUT",
        "CF_INVALID_DESTINATION",
        "E_CTI_INVALID_MONITOR_STATUS",
        "CF_NO_ACTIVE_CALL",
        "CTIERR_DEVICE_RESTRICTED",
    ];
    let symbol = SYMBOLS[rng.below(SYMBOLS.len() as u64) as usize];
    match rng.below(6) {
        0 => {
            finesse_time(rng, out);
            let _ = write!(
                out,
                "%CCBU_pool-7-thread-31-3-CTI_ERROR: %[ErrorData=265][ErrorMessage={symbol}]: request refused"
            );
        }
        1 => {
            finesse_time(rng, out);
            let _ = write!(
                out,
                "%CCBU_pool-7-thread-12-3-QUEUE STATISTICS POLLING ERROR: %[peripheralErrorCode=10125]: polling failed"
            );
        }
        2 => {
            let _ = write!(
                out,
                "{:02}:{:02}:{:02}:{:03} cc-ctisvr SESSION 31: MsgType:FAILURE_CONF (InvokeID:0x4d2 Status:{symbol}",
                rng.below(24),
                rng.below(60),
                rng.below(60),
                rng.below(1000)
            );
        }
        3 => {
            let _ = write!(
                out,
                "04/07/26 10:50:01.220 4410 CtiosClient Thd(7) Event Arguments: (FailureCode:1 MessageID:eCTIOSFailureEvent ErrorMessage:driver out of service)"
            );
        }
        4 => {
            let _ = write!(
                out,
                "{}: Apr 07 10:55:13.500 EDT %JTAPI-CTIIMPL-7-UNK:(P2-10.20.30.5) error code 0x8CCC00D2 from CTI Manager",
                rng.below(1_000_000)
            );
        }
        _ => {
            let _ = write!(
                out,
                "2026.04.07 11:02:01 org.jivesoftware.openfire.nio.ConnectionHandler - Closing: <stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
            );
        }
    }
}

/// About `len` bytes of log (whole lines), `code_percent` percent of them with a code.
pub fn generate(seed: u64, len: usize, code_percent: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(len + 512);
    let mut line = String::with_capacity(512);
    while out.len() < len {
        line.clear();
        if rng.below(100) < code_percent {
            coded(&mut rng, &mut line);
        } else {
            noise(&mut rng, &mut line);
        }
        line.push('\n');
        out.extend_from_slice(line.as_bytes());
    }
    out
}
