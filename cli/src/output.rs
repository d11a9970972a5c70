//! Standard output that neither panics nor lies: a closed pipe (`finesse-errors list | head`)
//! quietly ends output, any other write failure (a full disk) is remembered so the command
//! exits 2; and text from responses is made safe for a terminal.

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

/// `text` with every character that could steer a terminal shown escaped instead: C0 controls
/// but tab (`\x1b`), DEL (`\x7f`), C1 controls (`\u{9b}`) and the bidirectional overrides and
/// isolates that reorder what is shown (`\u{202e}`). Borrowed when there is nothing to escape.
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

fn is_unsafe(ch: char) -> bool {
    (ch.is_control() && ch != '\t')
        || matches!(ch, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::printable;

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
        assert_eq!(printable("é ü 漢"), "é ü 漢");
    }
}
