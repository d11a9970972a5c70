//! Standard output that neither panics nor lies: a closed pipe (`finesse-errors list | head`)
//! quietly ends output, any other write failure (a full disk) is remembered so the command
//! exits 2; and text from responses is made safe for a terminal.

use serde_json::ser::{Formatter, PrettyFormatter};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{ErrorKind, Write};
use std::sync::Mutex;

/// What went wrong with standard output, if anything.
enum Failure {
    /// The reader went away: stop writing, exit as if all was written.
    PipeClosed,
    /// Anything else: reported on stderr, exit 2.
    Failed(std::io::Error),
}

static FAILURE: Mutex<Option<Failure>> = Mutex::new(None);

/// Writes one line, unless output already failed.
pub fn line(args: std::fmt::Arguments<'_>) {
    let mut failure = FAILURE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if failure.is_some() {
        return;
    }
    if let Err(error) = writeln!(std::io::stdout(), "{args}") {
        *failure = Some(classify(error));
    }
}

/// Writes bytes as they are (an export), unless output already failed.
pub fn raw(bytes: &[u8]) {
    let mut failure = FAILURE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if failure.is_some() {
        return;
    }
    if let Err(error) = std::io::stdout().write_all(bytes) {
        *failure = Some(classify(error));
    }
}

/// Whether output has stopped (the reader went away or a write failed): a command that
/// would go on forever (`scan --follow`) stops too.
pub fn failed() -> bool {
    FAILURE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .is_some()
}

fn classify(error: std::io::Error) -> Failure {
    if error.kind() == ErrorKind::BrokenPipe {
        Failure::PipeClosed
    } else {
        Failure::Failed(error)
    }
}

/// Flushes standard output and says whether everything was written (a closed pipe counts as
/// written: the reader wanted no more).
pub fn finish() -> Result<(), String> {
    let mut failure = FAILURE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if failure.is_none() {
        if let Err(error) = std::io::stdout().flush() {
            *failure = Some(classify(error));
        }
    }
    match failure.take() {
        Some(Failure::Failed(error)) => Err(format!("cannot write to standard output: {error}")),
        Some(Failure::PipeClosed) | None => Ok(()),
    }
}

// A standard stream closed before the command started (`>&-`, `<&-`) cannot be seen from
// safe Rust: the runtime reopens it on /dev/null, read-write, before `main`, which is exactly
// what Python's `subprocess.DEVNULL` hands a child on purpose. Telling them apart would take
// code that runs before the runtime (unsafe); treating both as closed would fail scripts that
// discard the output and read the exit status. So writes to a closed stdout "succeed".

/// `text` with every character that could steer a terminal or hide what is shown escaped
/// instead: C0 controls but tab (`\x1b`), DEL (`\x7f`), C1 controls (`\u{9b}`), the line and
/// paragraph separators, and the invisible format characters: the bidirectional marks,
/// overrides and isolates that reorder a line (`\u{202e}`, trojan-source style), zero-width
/// spaces and joiners (`\u{200b}`), the byte-order mark and the tag characters that smuggle
/// hidden ASCII. Borrowed when there is nothing to escape. The one place the CLI makes
/// untrusted text safe: responses, file paths and error messages all pass through it.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        if !is_unsafe(ch) {
            out.push(ch);
        } else if (ch as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", ch as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", ch as u32);
        }
    }
    Cow::Owned(out)
}

/// Whether `ch` is shown escaped: see [`printable`]. The invisible characters are Unicode's
/// format characters (general category Cf) that render as nothing, listed by range.
pub fn is_unsafe(ch: char) -> bool {
    (ch.is_control() && ch != '\t')
        || matches!(
            ch,
            '\u{ad}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0001}'
                | '\u{e0020}'..='\u{e007f}'
        )
}

/// Pretty JSON in which every character [`printable`] would escape is written as a `\u`
/// escape: the same JSON value, but a `cat` of it cannot steer or reorder the terminal
/// (serde_json leaves DEL, C1 controls and bidi controls raw; they are valid JSON).
pub fn json_text(value: &serde_json::Value) -> Result<String, String> {
    let mut out = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, SafeFormatter(PrettyFormatter::new()));
    serde::Serialize::serialize(value, &mut serializer).map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// serde_json's pretty formatter, with unsafe characters in strings escaped.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

/// Forwards the methods `PrettyFormatter` lays out with.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(writer $(, $arg)*)
        }
    )*};
}

impl Formatter for SafeFormatter<'_> {
    forward!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        begin_object_value(),
        end_object_value(),
    );

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(is_unsafe) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let ch = rest[at..].chars().next().unwrap_or_default();
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + ch.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::{json_text, printable};

    #[test]
    fn json_escapes_what_text_escapes_and_keeps_the_value() {
        let hostile = "a\u{7f}b\u{9b}c\u{202e}d\u{200b}e\u{e0041}f \"q\" é";
        let text = json_text(&serde_json::json!({ "m": hostile })).unwrap();
        assert!(
            !text.chars().any(|c| c != '\n' && super::is_unsafe(c)),
            "{text:?}"
        );
        assert!(
            text.contains("\\u202e") && text.contains("\\udb40\\udc41"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["m"], hostile);
    }

    #[test]
    fn controls_are_escaped_and_plain_text_is_borrowed() {
        assert!(matches!(
            printable("Invalid State"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            printable("\u{1b}]0;PWNED\u{7}\u{1b}[2J"),
            "\\x1b]0;PWNED\\x07\\x1b[2J"
        );
        assert_eq!(
            printable("a\u{9b}b\u{7f}c\td\ne"),
            "a\\u{9b}b\\x7fc\td\\x0ae"
        );
        assert_eq!(printable("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(
            printable("E_CTI\u{200b}_TIMEOUT\u{2067}\u{feff}\u{e0041}\u{2028}"),
            "E_CTI\\u{200b}_TIMEOUT\\u{2067}\\u{feff}\\u{e0041}\\u{2028}"
        );
        assert_eq!(printable("é ü 漢"), "é ü 漢");
    }
}
