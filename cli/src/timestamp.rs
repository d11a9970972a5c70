//! The timestamp a Cisco log line starts with, for `scan --summary`.
//!
//! Layouts, `D` a digit and `A` a letter: Finesse `AAA DD DDDD DD:DD:DD.DDD` (after an
//! optional sequence number and host), CTI OS `DD/DD/DD DD:DD:DD.DDD`, ISO (desktop log)
//! `DDDD-DD-DDTDD:DD:DD`, Openfire `DDDD.DD.DD DD:DD:DD`, JTAPI `AAA DD DD:DD:DD.DDD` after its
//! sequence number, CTI Server `DD:DD:DD:DDD`, PG `DD:DD:DD`.

const LAYOUTS: &[&str] = &[
    "AAA DD DDDD DD:DD:DD.DDD",
    "DD/DD/DD DD:DD:DD.DDD",
    "DDDD-DD-DDTDD:DD:DD",
    "DDDD.DD.DD DD:DD:DD",
    "AAA DD DD:DD:DD.DDD",
    "DD:DD:DD:DDD",
    "DD:DD:DD",
];

fn fits(text: &[u8], layout: &str) -> bool {
    text.len() >= layout.len()
        && layout.bytes().zip(text).all(|(l, &b)| match l {
            b'D' => b.is_ascii_digit(),
            b'A' => b.is_ascii_alphabetic(),
            other => other == b,
        })
}

/// The timestamp at the start of `line` (after a `<digits>: ` sequence number and a
/// `<host>: ` that may precede it), if it has one of the known layouts.
pub fn at_start(line: &[u8]) -> Option<&str> {
    let mut candidates = vec![line];
    let mut rest = line;
    // Up to two `<token>: ` prefixes (sequence number, host).
    for _ in 0..2 {
        let Some(colon) = rest.iter().take(40).position(|&b| b == b':') else {
            break;
        };
        if rest.get(colon + 1) != Some(&b' ') || rest[..colon].contains(&b' ') {
            break;
        }
        rest = &rest[colon + 2..];
        candidates.push(rest);
    }
    for text in candidates {
        for layout in LAYOUTS {
            if fits(text, layout) {
                return std::str::from_utf8(&text[..layout.len()]).ok();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::at_start;

    #[test]
    fn every_layout() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (
                b"Apr 07 2026 09:14:02.117 -0400: %CCBU",
                Some("Apr 07 2026 09:14:02.117"),
            ),
            (
                b"0000481126: 10.20.30.41: Apr 07 2026 09:14:02.140 -0400: x",
                Some("Apr 07 2026 09:14:02.140"),
            ),
            (b"10:41:07:332 cc-ctisvr SESSION 31:", Some("10:41:07:332")),
            (b"10:41:08 pg2B-pim1 Trace:", Some("10:41:08")),
            (b"04/07/26 10:50:01.220 4410", Some("04/07/26 10:50:01.220")),
            (
                b"1402: Apr 07 10:55:12.334 EDT %JTAPI",
                Some("Apr 07 10:55:12.334"),
            ),
            (b"2026-04-07T13:20:11.402Z GMT", Some("2026-04-07T13:20:11")),
            (
                b"2026.04.07 11:02:01 org.jivesoftware",
                Some("2026.04.07 11:02:01"),
            ),
            (b"\tFailureCode = 3", None),
            (b"plain text: no time", None),
        ];
        for &(line, want) in cases {
            assert_eq!(at_start(line), want, "{}", String::from_utf8_lossy(line));
        }
    }
}
