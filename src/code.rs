//! How codes are written, per family: parsing every form logs use, and the canonical form.
//!
//! Unified CM CTI errors are 32-bit values that logs print three ways: hex (`0x8CCC00D2`,
//! JTAPI and Unified CM traces), unsigned decimal (`2362179794`) and signed decimal
//! (`-1932787502`, how Java prints the `int`). The tables store the signed value (the same
//! bits); every form parses to it. Other families' codes are plain signed decimals.
//!
//! The other 32-bit kinds (PG status flags, Unified CM CDR causes) are read the same three
//! ways; 16-bit fields (the CTI EventCause) also in their signed form (`-1` is 65535).
//! Every family says which kind it is ([`KeyKind`], in `src/family.rs`).
//!
//! This file is also compiled into `build.rs` (through `#[path]`), so the data files are
//! checked with the same rules the lookups use.

use super::family::KeyKind;
use super::vocab::Family;
use core::fmt;

/// Whether a family's codes are 32-bit values written in hex by convention.
pub const fn is_hex_family(family: Family) -> bool {
    matches!(family.key_kind(), KeyKind::Hex32 | KeyKind::Flags)
}

/// Whether a family's codes are 32-bit words (compared and sorted as unsigned values).
pub const fn is_word_family(family: Family) -> bool {
    matches!(
        family.key_kind(),
        KeyKind::Hex32 | KeyKind::Flags | KeyKind::Composite
    )
}

/// Parses a code as a family writes it, ignoring surrounding whitespace (Unicode `White_Space`,
/// the same set names are trimmed of: `"\u{a0}265\u{3000}"` is 265).
///
/// - Every family: a signed decimal `i32` (`265`, `-1`).
/// - `unified_cm` also: hex with or without `0x` / `0X`, any case, at most 8 digits
///   (`0x8ccc00d2`, `8CCC00D2`), and an unsigned decimal up to `u32::MAX` (`2362179794`),
///   both read as the same 32 bits. A string of decimal digits is always decimal, so bare hex
///   must contain a letter `a`–`f`.
///
/// Returns `None` for anything else (out of range, empty, other characters).
///
/// ```
/// use finesse_errors::{parse_code, Family};
///
/// let restricted = Some(0x8CCC_00D2_u32 as i32);
/// assert_eq!(parse_code(Family::UnifiedCm, "0x8ccc00d2"), restricted);
/// assert_eq!(parse_code(Family::UnifiedCm, "8CCC00D2"), restricted);
/// assert_eq!(parse_code(Family::UnifiedCm, "2362179794"), restricted);
/// assert_eq!(parse_code(Family::UnifiedCm, "-1932787502"), restricted);
/// // Other families take signed decimals only: no wrap-around from unsigned forms.
/// assert_eq!(parse_code(Family::Peripheral, "-1"), Some(-1));
/// assert_eq!(parse_code(Family::Peripheral, "4294967295"), None);
/// assert_eq!(parse_code(Family::CtiStatus, "0x10"), None);
/// ```
pub fn parse_code(family: Family, text: &str) -> Option<i32> {
    // The whitespace names are trimmed of (Unicode White_Space), in one place.
    let text = super::key::trim(text);
    let kind = family.key_kind();
    if let Ok(signed) = text.parse::<i32>() {
        return match kind {
            // A 16-bit field: its unsigned value, or its signed form (`-1` is 65535).
            KeyKind::Word16 => match signed {
                0..=0xFFFF => Some(signed),
                -0x8000..=-1 => Some(signed + 0x1_0000),
                _ => None,
            },
            _ => Some(signed),
        };
    }
    let hex = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X"));
    let digits_only = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    match kind {
        KeyKind::Decimal | KeyKind::Name => None,
        KeyKind::Word16 => hex.filter(|d| d.len() <= 4).and_then(parse_hex),
        KeyKind::Flags | KeyKind::Composite | KeyKind::Hex32 => match hex {
            Some(digits) => parse_hex(digits),
            // Digits only, too large for i32: the unsigned form.
            None if digits_only => text.parse::<u32>().ok().map(|unsigned| unsigned as i32),
            // Bare hex (it must hold a letter) only where hex is the convention.
            None if kind == KeyKind::Hex32 => parse_hex(text),
            None => None,
        },
    }
}

/// One bit per family (`1 << family as u32`) whose codes are 16-bit fields
/// ([`KeyKind::Word16`]), worked out at compile time: [`stored`] is on every lookup's path,
/// and asking [`Family::key_kind`] there cost an out-of-line call and two loads per lookup
/// (with it, and the CDR composites bisected, the `code` benchmark was at 2 × the dense array).
const WORD16_FAMILIES: u64 = {
    let mut bits = 0u64;
    let mut i = 0;
    while i < Family::ALL.len() {
        let family = Family::ALL[i];
        assert!((family as u32) < 64, "one bit per family");
        if matches!(family.key_kind(), KeyKind::Word16) {
            bits |= 1 << family as u32;
        }
        i += 1;
    }
    bits
};

/// The value a family's table stores for a code: a 16-bit field's signed form (`-1`) is its
/// unsigned value (65535); every other code is stored as it is.
#[inline]
pub(crate) const fn stored(family: Family, code: i32) -> i32 {
    if WORD16_FAMILIES >> family as u32 & 1 != 0 && code < 0 && code >= -0x8000 {
        code + 0x1_0000
    } else {
        code
    }
}

/// 1 to 8 hex digits (no sign, no prefix) as 32 bits.
fn parse_hex(digits: &str) -> Option<i32> {
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok().map(|bits| bits as i32)
}

/// A code in its family's canonical written form: `0x8CCC00D2` for `unified_cm` (eight
/// upper-case hex digits), plain decimal elsewhere. Made by [`CodeText::new`] or
/// [`ErrorInfo::code_text`](crate::ErrorInfo::code_text).
///
/// ```
/// use finesse_errors::{CodeText, Family};
///
/// assert_eq!(CodeText::new(Family::UnifiedCm, 0x8CCC_00D2_u32 as i32).to_string(), "0x8CCC00D2");
/// assert_eq!(CodeText::new(Family::Peripheral, -1).to_string(), "-1");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeText {
    family: Family,
    code: i32,
}

impl CodeText {
    /// The canonical form of `code` in `family`.
    pub const fn new(family: Family, code: i32) -> CodeText {
        CodeText { family, code }
    }
}

impl fmt::Display for CodeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.family.key_kind() {
            KeyKind::Hex32 | KeyKind::Flags => write!(f, "0x{:08X}", self.code as u32),
            KeyKind::Composite => write!(f, "{}", self.code as u32),
            _ => write!(f, "{}", self.code),
        }
    }
}
