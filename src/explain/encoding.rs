//! UTF-16 bodies: a Windows tool or a PowerShell redirection (`>` writes UTF-16LE with a BOM)
//! can save a Finesse response as UTF-16. Such a body is decoded to UTF-8 before it is read;
//! everything else is read as the bytes it is (UTF-8, or ASCII-compatible).

use alloc::vec::Vec;

/// The byte order of a UTF-16 body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Order {
    Little,
    Big,
}

/// How many code units are looked at to recognise UTF-16 without a byte-order mark.
const SNIFF_UNITS: usize = 32;

/// The order of a UTF-16 body and the bytes after its BOM, or `None` for anything else.
///
/// With a BOM (`FF FE` little-endian, `FE FF` big-endian) the body is UTF-16. Without one it is
/// taken for UTF-16 only when it is ASCII interleaved with NULs: an even length and, in its
/// first code units (up to 32), every high byte zero and every low byte a printable ASCII
/// character or ASCII whitespace, which is how XML and JSON error bodies look. A UTF-8 body
/// never has a NUL there, so it is never mistaken.
fn detect(body: &[u8]) -> Option<(Order, &[u8])> {
    if let Some(rest) = body.strip_prefix(&[0xFF, 0xFE]) {
        return Some((Order::Little, rest));
    }
    if let Some(rest) = body.strip_prefix(&[0xFE, 0xFF]) {
        return Some((Order::Big, rest));
    }
    if body.len() < 4 || body.len() % 2 != 0 {
        return None;
    }
    let ascii = |b: u8| b.is_ascii_graphic() || b.is_ascii_whitespace();
    let units = body.chunks_exact(2).take(SNIFF_UNITS);
    if units.clone().all(|u| u[1] == 0 && ascii(u[0])) {
        return Some((Order::Little, body));
    }
    if units.clone().all(|u| u[0] == 0 && ascii(u[1])) {
        return Some((Order::Big, body));
    }
    None
}

/// The body as UTF-8 when it is UTF-16 (see [`detect`]); `None` when it is read as it is. An
/// unpaired surrogate becomes U+FFFD and an odd last byte is dropped: what can be read still
/// is.
pub(super) fn decode_utf16(body: &[u8]) -> Option<Vec<u8>> {
    let (order, rest) = detect(body)?;
    let units = rest.chunks_exact(2).map(|pair| match order {
        Order::Little => u16::from_le_bytes([pair[0], pair[1]]),
        Order::Big => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let mut out = Vec::with_capacity(rest.len() + rest.len() / 2);
    let mut utf8 = [0u8; 4];
    for ch in char::decode_utf16(units) {
        let ch = ch.unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode_utf16;
    use alloc::vec::Vec;

    fn utf16(text: &str, bom: bool, big: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn every_form_decodes_and_utf8_is_left_alone() {
        // Without a BOM, the first 32 code units must be ASCII: this text's are.
        let text =
            "<ApiErrors><ApiError><ErrorType>é 漢 \u{1f600}</ErrorType></ApiError></ApiErrors>";
        for (bom, big) in [(true, false), (true, true), (false, false), (false, true)] {
            assert_eq!(
                decode_utf16(&utf16(text, bom, big)).unwrap(),
                text.as_bytes(),
                "{bom} {big}"
            );
        }
        assert_eq!(decode_utf16(text.as_bytes()), None);
        assert_eq!(decode_utf16(b"<a/>"), None);
        // A lone surrogate is replaced, not an error.
        assert_eq!(
            decode_utf16(&[0xFF, 0xFE, 0x00, 0xD8, b'a', 0]).unwrap(),
            "\u{fffd}a".as_bytes()
        );
        // Binary with NULs is not UTF-16.
        assert_eq!(decode_utf16(&[1, 0, 2, 0, 3, 0, 4, 0]), None);
    }
}
