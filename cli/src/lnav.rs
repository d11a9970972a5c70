//! `export --format lnav`: lnav format definitions (lnav's format-file JSON) for the Cisco log
//! layouts `scan` reads, each with sample lines that lnav checks when it loads the file.
//!
//! The patterns are ours, written from the layouts in the test fixtures; `.ci/run` installs
//! lnav, loads the export and has every format parse its samples.

use serde_json::{Map, Value, json};

/// One lnav format.
struct Layout {
    /// The format's name (lnav's key, and the SQL table lnav makes of it).
    name: &'static str,
    title: &'static str,
    description: &'static str,
    /// One PCRE pattern with a `timestamp` group, a `body` group and optional others.
    pattern: &'static str,
    /// strftime-style formats of the `timestamp` group (lnav's `timestamp-format`).
    timestamp_format: &'static [&'static str],
    /// The group holding the severity, and lnav's level patterns over it.
    level_field: Option<&'static str>,
    levels: &'static [(&'static str, &'static str)],
    /// The groups besides timestamp and body (shown as fields, identifiers searchable).
    values: &'static [&'static str],
    /// Sample lines: each must match the pattern (lnav refuses the format otherwise).
    samples: &'static [&'static str],
}

/// Cisco's numeric severities (0 emergency to 7 debug), as the Finesse and JTAPI loggers
/// print them after the facility.
const CISCO_LEVELS: &[(&str, &str)] = &[
    ("fatal", "^[0-2]$"),
    ("error", "^3$"),
    ("warning", "^4$"),
    ("info", "^[56]$"),
    ("debug", "^7$"),
];

const LAYOUTS: &[Layout] = &[
    Layout {
        name: "cisco_finesse_webservices",
        title: "Cisco Finesse webservices log",
        description: "Finesse Tomcat webservices log: a date with milliseconds and offset, then %CCBU_<thread>-<severity>-<MNEMONIC>: and %[key=value] parameters; sometimes after a sequence number and host.",
        pattern: r"^(?:(?<seq>\d+): (?<host>[^ :]+): )?(?<timestamp>[A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{4}): %CCBU_(?<thread>.+)-(?<severity>[0-7])-(?<mnemonic>[A-Z][A-Z0-9_]*): (?<body>.*)$",
        timestamp_format: &["%b %d %Y %H:%M:%S.%L %z"],
        level_field: Some("severity"),
        levels: CISCO_LEVELS,
        values: &["seq", "host", "thread", "severity", "mnemonic"],
        samples: &[
            "Apr 07 2026 09:14:02.117 -0400: %CCBU_pool-7-thread-31-6-REST_API_INFO: %[method=PUT][url=/finesse/api/User/4012]: Request received",
            "0000481126: 10.20.30.41: Apr 07 2026 09:14:02.140 -0400: %CCBU_pool-7-thread-31-3-CTI_ERROR: %[ErrorData=265][ErrorMessage=CF_INVALID_AGENT_WORKMODE]: agent state change refused",
        ],
    },
    Layout {
        name: "cisco_finesse_desktop",
        title: "Cisco Finesse desktop client log",
        description: "Finesse desktop (browser) log as the server stores it: the client's UTC time and zone, the agent's workstation, the desktop's own time, then the message (often JSON with escaped XML).",
        pattern: r"^(?<timestamp>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (?<zone>GMT[+-]\d{2}:\d{2}): : (?<workstation>[^:]+): (?<local_time>[A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{4}): (?<component>[^:]+?) : (?<body>.*)$",
        timestamp_format: &["%Y-%m-%dT%H:%M:%S.%LZ"],
        level_field: None,
        levels: &[],
        values: &["zone", "workstation", "local_time", "component"],
        samples: &[
            r#"2026-04-07T13:20:11.402Z GMT-04:00: : agent-ws-17: Apr 07 2026 09:20:11.401 -0400: Finesse : _handleError() {"status":400,"content":"<Update><data/></Update>"}"#,
            r#"2026-04-07T13:20:12.010Z GMT-04:00: : agent-ws-17: Apr 07 2026 09:20:12.009 -0400: Finesse : _renderTeam() {"status":200,"teamSize":14}"#,
        ],
    },
    Layout {
        name: "cisco_cti_server",
        title: "Cisco CTI Server trace",
        description: "CTI Server (ctisvr) trace: time with milliseconds after a colon, the node and process, the client session, then the message; a message continues on lines with the same prefix.",
        pattern: r"^(?<timestamp>\d{2}:\d{2}:\d{2}:\d{3}) (?<process>[A-Za-z0-9]+-ctisvr) (?:SESSION (?<session>\d+): )?(?<body>.*)$",
        timestamp_format: &["%H:%M:%S:%L"],
        level_field: None,
        levels: &[],
        values: &["process", "session"],
        samples: &[
            "10:41:07:332 cc-ctisvr SESSION 31: MsgType:FAILURE_CONF (InvokeID:0x4d2 Status:E_CTI_INVALID_MONITOR_STATUS",
            "10:41:08:004 cc-ctisvr SESSION 31:         PeripheralErrorCode:12004 )",
        ],
    },
    Layout {
        name: "cisco_pg_pim",
        title: "Cisco Peripheral Gateway PIM trace",
        description: "PG / PIM trace: time, the PG side and process (pg1A-pim1), Trace:, then the message; its fields follow on tab-indented Field = Value lines.",
        pattern: r"^(?<timestamp>\d{2}:\d{2}:\d{2}) (?<process>pg\d+[AB]-[A-Za-z]+\d*) (?<kind>[A-Za-z]+): (?<body>.*)$",
        timestamp_format: &["%H:%M:%S"],
        level_field: None,
        levels: &[],
        values: &["process", "kind"],
        samples: &[
            "10:41:08 pg2B-pim1 Trace: CSTA_CONNECTION_CLEARED",
            "10:41:09 pg2B-pim1 Trace: Control failure reported to CTI client",
        ],
    },
    Layout {
        name: "cisco_ctios",
        title: "Cisco CTI OS trace",
        description: "CTI OS server or CIL client trace: date and time with milliseconds, process id, component, thread, then Key:value records (which may go on over several lines).",
        pattern: r"^(?<timestamp>\d{2}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}\.\d{3}) (?<pid>\d+) (?<component>[A-Za-z][A-Za-z0-9_]*) (?<thread>Thd\(\d+\)) (?<body>.*)$",
        timestamp_format: &["%m/%d/%y %H:%M:%S.%L"],
        level_field: None,
        levels: &[],
        values: &["pid", "component", "thread"],
        samples: &[
            "04/07/26 10:50:01.220 4410 CtiosClient Thd(7) Event Arguments: (PeripheralID:5001 FailureCode:256",
            "04/07/26 10:50:02.400 4410 CtiosClient Thd(7) Event Arguments: (FailureCode:1 MessageID:eCTIOSFailureEvent ErrorMessage:driver out of service)",
        ],
    },
    Layout {
        name: "cisco_jtapi",
        title: "Cisco Unified CM JTAPI trace",
        description: "JTAPI client trace: a sequence number, the date without year and zone, %JTAPI-<FACILITY>-<severity>-<MNEMONIC>:, the provider in parentheses, then the message; object dumps follow on indented lines.",
        pattern: r"^(?<seq>\d+): (?<timestamp>[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}\.\d{3}) (?<zone>[A-Z]{2,5}) %JTAPI-(?<facility>[A-Z0-9_]+)-(?<severity>[0-7])-(?<mnemonic>[A-Za-z0-9_]+):(?:\((?<provider>[^)]*)\))? ?(?<body>.*)$",
        timestamp_format: &["%b %d %H:%M:%S.%L"],
        level_field: Some("severity"),
        levels: CISCO_LEVELS,
        values: &[
            "seq", "zone", "facility", "severity", "mnemonic", "provider",
        ],
        samples: &[
            "1402: Apr 07 10:55:12.334 EDT %JTAPI-PROTOCOL-7-UNK:(P2-10.20.30.5) received Event: com.cisco.cti.protocol.CallConferenceResponse {",
            "1408: Apr 07 10:55:13.020 EDT %JTAPI-JTAPIIMPL-3-UNK:(P2-10.20.30.5) CiscoJtapiException.CTIERR_DEVICE_RESTRICTED while opening the terminal",
        ],
    },
    Layout {
        name: "cisco_openfire",
        title: "Openfire (Finesse notification service) log",
        description: "Openfire log as Finesse's notification service writes it: date with dots, time, optionally the level and thread, then the logger and message (XMPP and BOSH traffic).",
        pattern: r"^(?<timestamp>\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2})(?: (?<level>TRACE|DEBUG|INFO|WARN|ERROR) +\[(?<thread>[^\]]*)\]:?)? (?<body>.*)$",
        timestamp_format: &["%Y.%m.%d %H:%M:%S"],
        level_field: Some("level"),
        levels: &[
            ("error", "^ERROR$"),
            ("warning", "^WARN$"),
            ("info", "^INFO$"),
            ("debug", "^DEBUG$"),
            ("trace", "^TRACE$"),
        ],
        values: &["level", "thread"],
        samples: &[
            "2026.04.07 11:02:02 SASL: <failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>",
            "2026.04.07 11:02:04 WARN  [http-bind-3]: org.jivesoftware.openfire.http.HttpSession - terminate condition='remote-connection-failed'",
        ],
    },
];

/// The lnav format definitions, one JSON document (lnav `-i` installs it as one file).
pub fn lnav_formats() -> Value {
    let mut formats = Map::new();
    formats.insert(
        "$schema".to_string(),
        json!("https://lnav.org/schemas/format-v1.schema.json"),
    );
    for layout in LAYOUTS {
        let mut format = Map::new();
        format.insert("title".into(), json!(layout.title));
        format.insert(
            "description".into(),
            json!(format!(
                "{} Written by finesse-errors {} (export --format lnav).",
                layout.description,
                env!("CARGO_PKG_VERSION")
            )),
        );
        format.insert(
            "regex".into(),
            json!({ "std": { "pattern": layout.pattern } }),
        );
        format.insert("timestamp-format".into(), json!(layout.timestamp_format));
        format.insert("body-field".into(), json!("body"));
        if let Some(field) = layout.level_field {
            format.insert("level-field".into(), json!(field));
            let levels: Map<String, Value> = layout
                .levels
                .iter()
                .map(|&(level, pattern)| (level.to_string(), json!(pattern)))
                .collect();
            format.insert("level".into(), Value::Object(levels));
        }
        let values: Map<String, Value> = layout
            .values
            .iter()
            .map(|&name| {
                let identifier = !matches!(name, "severity" | "level" | "zone" | "local_time");
                (
                    name.to_string(),
                    json!({ "kind": "string", "identifier": identifier }),
                )
            })
            .collect();
        format.insert("value".into(), Value::Object(values));
        let samples: Vec<Value> = layout
            .samples
            .iter()
            .map(|line| json!({ "line": line }))
            .collect();
        format.insert("sample".into(), Value::Array(samples));
        formats.insert(layout.name.to_string(), Value::Object(format));
    }
    Value::Object(formats)
}
