//! The lookups: by code, by symbol, by HTTP status + Finesse ErrorType.

use crate::Family;
use crate::entry::ErrorInfo;
use crate::key::{self, MAX_KEY_LEN};
use crate::tables::{
    ENTRIES, FAMILY_RANGES, SYMBOL_KEYS, SYMBOL_MEMBERS, SYMBOL_NAMES, SYMBOL_PILOTS, SYMBOL_SEED,
    SYMBOL_SLOT_BITS, SYMBOL_SLOTS, code_index,
};
use core::iter::FusedIterator;

/// A normalised symbol and the run of `SYMBOL_MEMBERS` that carry it. One cache line: the
/// key's first `key::INLINE_WORDS` words are stored here, so most comparisons read nothing
/// else (longer keys finish against `SYMBOL_NAMES`).
#[repr(align(64))]
pub(crate) struct SymbolKey {
    pub(crate) words: [u64; key::INLINE_WORDS],
    pub(crate) key_len: u8,
    pub(crate) start: u16,
    pub(crate) len: u16,
}

/// Looks up a numeric code in one family.
///
/// Returns `None` for a code the family does not define. Costs a range check and a table load
/// for dense runs of codes; never allocates.
///
/// ```
/// use finesse_errors::{lookup, Family, Retry};
///
/// let info = lookup(Family::CtiStatus, 16).unwrap();
/// assert_eq!(info.symbol(), "E_CTI_TIMEOUT");
/// assert_eq!(lookup(Family::CtiStatus, 123_456), None);
/// ```
#[inline]
pub fn lookup(family: Family, code: i32) -> Option<&'static ErrorInfo> {
    code_index(family, code).map(|i| &ENTRIES[i])
}

/// Every entry of one family with this code: one at most, except in `reason_code`, where each
/// platform that defines the number has its own entry (in [`Platform`](crate::Platform)
/// order).
///
/// ```
/// use finesse_errors::{lookup_all, Family};
///
/// assert_eq!(lookup_all(Family::CtiStatus, 16).count(), 1);
/// assert!(lookup_all(Family::ReasonCode, 32767).count() >= 2);
/// assert_eq!(lookup_all(Family::CtiStatus, 123_456).count(), 0);
/// ```
pub fn lookup_all(family: Family, code: i32) -> impl Iterator<Item = &'static ErrorInfo> + Clone {
    let (_, end) = FAMILY_RANGES[family as usize];
    let start = code_index(family, code).unwrap_or(end);
    ENTRIES[start..end]
        .iter()
        .take_while(move |info| info.code() == Some(code))
}

/// A reason code on one platform.
///
/// ```
/// use finesse_errors::{lookup_reason_code, Platform};
///
/// let ucce = lookup_reason_code(Platform::Ucce, 32767).unwrap();
/// let uccx = lookup_reason_code(Platform::Uccx, 32767).unwrap();
/// assert_ne!(ucce.message(), uccx.message());
/// assert_eq!(lookup_reason_code(Platform::Finesse, 32767), None);
/// ```
pub fn lookup_reason_code(platform: crate::Platform, code: i32) -> Option<&'static ErrorInfo> {
    lookup_all(Family::ReasonCode, code).find(|info| info.platform() == Some(platform))
}

/// Every family's entries for this code, in [`Family::ALL`] order. A bare number such as 22
/// means different things in different families (and a reason code on different platforms);
/// this lists them all.
///
/// ```
/// use finesse_errors::{lookup_code, Family};
///
/// let families: Vec<Family> = lookup_code(22).map(|info| info.family()).collect();
/// assert!(families.contains(&Family::CtiStatus));
/// assert!(families.contains(&Family::CtiControlFailure));
/// ```
pub fn lookup_code(code: i32) -> impl Iterator<Item = &'static ErrorInfo> + Clone {
    Family::ALL
        .iter()
        .flat_map(move |&family| lookup_all(family, code))
}

/// Every family's entry for a code written as text, each family reading it in the forms it is
/// written in (see [`parse_code`](crate::parse_code)): `"265"` in every family,
/// `"0x8ccc00d2"`, `"2362179794"` and `"-1932787502"` in `unified_cm`.
///
/// ```
/// use finesse_errors::lookup_code_str;
///
/// for form in ["0x8CCC00D2", "8ccc00d2", "2362179794", "-1932787502"] {
///     let found: Vec<&str> = lookup_code_str(form).map(|i| i.symbol()).collect();
///     assert_eq!(found, ["CTIERR_DEVICE_RESTRICTED"], "{form}");
/// }
/// assert_eq!(lookup_code_str("not a number").count(), 0);
/// ```
pub fn lookup_code_str(text: &str) -> impl Iterator<Item = &'static ErrorInfo> + Clone + '_ {
    Family::ALL.iter().flat_map(move |&family| {
        crate::parse_code(family, text)
            .into_iter()
            .flat_map(move |code| lookup_all(family, code))
    })
}

/// Looks up a symbol or alias in every family, ignoring ASCII case and surrounding
/// whitespace (Unicode `White_Space`; see [the crate docs](crate#how-names-and-codes-are-read)),
/// and returns the first entry that carries it.
///
/// A few names are shared by several entries (the Finesse ErrorType `Invalid State` is
/// documented with HTTP 400 and 401); [`lookup_symbol_all`] lists all of them.
///
/// ```
/// use finesse_errors::{lookup_symbol, Family};
///
/// let info = lookup_symbol("cf_invalid_agent_workmode").unwrap();
/// assert_eq!(info.code(), Some(265));
/// // A published alternative spelling resolves to the same entry.
/// assert_eq!(lookup_symbol("CF_INVALID_CSTA_CALL_ID"), lookup_symbol("CF_INVALID_CSTA_CALL_IDENTIFIER"));
/// assert_eq!(lookup_symbol("NOT_A_CODE"), None);
/// ```
#[inline]
pub fn lookup_symbol(name: &str) -> Option<&'static ErrorInfo> {
    lookup_symbol_all(name).next()
}

/// Every entry that carries this symbol or alias (ASCII-case-insensitive, whitespace-tolerant):
/// Finesse entries first, by HTTP status, then the other families in [`Family::ALL`] order.
///
/// ```
/// use finesse_errors::lookup_symbol_all;
///
/// let statuses: Vec<Option<u16>> = lookup_symbol_all("invalid state").map(|i| i.http_status()).collect();
/// assert_eq!(statuses, [Some(400), Some(401)]);
/// ```
pub fn lookup_symbol_all(name: &str) -> Matches {
    let raw = name.as_bytes();
    // Most names arrive as published: probe with the input itself, upper-casing as it is read.
    let mut members = if raw.len() <= MAX_KEY_LEN {
        find_key(raw)
    } else {
        &[]
    };
    // Whitespace (ASCII or Unicode) to trim or fold: normalise into a stack buffer and probe
    // again. Plain published names never get here.
    if members.is_empty() && key::may_need_normalizing(raw) {
        let mut buf = [0u8; MAX_KEY_LEN];
        if let Some(len) = key::normalize(raw, &mut buf) {
            members = find_key(&buf[..len]);
        }
    }
    Matches {
        members: members.iter(),
    }
}

/// Looks up a Finesse error by HTTP status and `ErrorType` (or HTTP-level name such as
/// `SERVER_OUT_OF_SERVICE`), ignoring ASCII case, surrounding whitespace and repeated inner
/// spaces: `"Generic error"` finds `Generic Error`.
///
/// Returns `None` when the type is unknown or not documented with that status.
///
/// ```
/// use finesse_errors::{finesse_error, Retry};
///
/// let info = finesse_error(400, "Invalid State").unwrap();
/// assert_eq!(info.retry(), Retry::AfterStateChange);
/// assert_eq!(finesse_error(400, "  generic   error "), finesse_error(400, "Generic Error"));
/// assert_eq!(finesse_error(418, "Invalid State"), None);
/// ```
pub fn finesse_error(http_status: u16, error_type: &str) -> Option<&'static ErrorInfo> {
    lookup_symbol_all(error_type)
        .find(|info| info.family() == Family::FinesseApi && info.http_status() == Some(http_status))
}

/// All entries of one family, ordered by code (`unified_cm`: by the code's unsigned value, as
/// it is written in hex; `finesse_api`: by HTTP status, then as in the data file).
///
/// ```
/// use finesse_errors::{entries, Family};
///
/// let codes: Vec<i32> = entries(Family::CtiStatus).iter().filter_map(|i| i.code()).collect();
/// assert!(codes.windows(2).all(|w| w[0] < w[1]));
/// ```
pub fn entries(family: Family) -> &'static [ErrorInfo] {
    let (start, end) = FAMILY_RANGES[family as usize];
    &ENTRIES[start..end]
}

/// Entries whose symbol, aliases, message, remediation or note contain every one of `words`,
/// ignoring ASCII case, in table order. An empty word matches everything; an empty list
/// matches nothing. Nothing is allocated.
///
/// ```
/// use finesse_errors::search;
///
/// let found: Vec<&str> = search(&["heartbeat", "idle"]).map(|i| i.symbol()).collect();
/// assert!(found.contains(&"E_CTI_TIMEOUT"));
/// assert_eq!(search(&["timeout", "zzz-not-there"]).count(), 0);
/// ```
pub fn search<'w>(words: &'w [&'w str]) -> impl Iterator<Item = &'static ErrorInfo> + 'w {
    ENTRIES.iter().filter(move |info| {
        !words.is_empty()
            && words.iter().all(|word| {
                let word = word.as_bytes();
                let in_text = |text: &str| contains_ignoring_case(text.as_bytes(), word);
                in_text(info.symbol())
                    || info.aliases().any(in_text)
                    || in_text(info.message())
                    || in_text(info.remediation())
                    || info.note().is_some_and(in_text)
            })
    })
}

fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle))
}

/// Every entry of every family, family by family in [`Family::ALL`] order.
///
/// ```
/// use finesse_errors::{all, entries, Family};
///
/// let total: usize = Family::ALL.iter().map(|&f| entries(f).len()).sum();
/// assert_eq!(all().len(), total);
/// ```
pub const fn all() -> &'static [ErrorInfo] {
    &ENTRIES
}

/// Finds the entries of a name through the perfect hash, ignoring ASCII case (keys are stored
/// upper-cased; whitespace must already be normalised); empty if the name is unknown.
///
/// The hash reads sampled words only; a match is decided by comparing every byte: the inline
/// words, then (for keys longer than them) the rest of the stored text.
#[inline]
fn find_key(name: &[u8]) -> &'static [u16] {
    const INLINE_BYTES: usize = key::INLINE_WORDS * 8;
    // The words the key is compared by are the words it is hashed by: load them once.
    let words = key::inline_words(name).map(key::upper_word);
    let tail = match name.len() {
        len if len > INLINE_BYTES => match name[len - 8..].first_chunk::<8>() {
            Some(last) => key::upper_word(u64::from_le_bytes(*last)),
            None => 0,
        },
        _ => 0,
    };
    let hash = key::hash_words(name.len(), &words, tail, SYMBOL_SEED);
    let pilot = SYMBOL_PILOTS[key::bucket(hash, SYMBOL_PILOTS.len())];
    let index = usize::from(SYMBOL_SLOTS[key::slot(hash, pilot, SYMBOL_SLOT_BITS)]);
    let Some(found) = SYMBOL_KEYS.get(index) else {
        return &[];
    };
    if usize::from(found.key_len) != name.len() || found.words != words {
        return &[];
    }
    // A key longer than its inline words: the rest, byte for byte.
    if name.len() > INLINE_BYTES
        && !all_equal(
            &SYMBOL_NAMES[index].as_bytes()[INLINE_BYTES - 8..],
            &name[INLINE_BYTES - 8..],
        )
    {
        return &[];
    }
    let start = usize::from(found.start);
    &SYMBOL_MEMBERS[start..start + usize::from(found.len)]
}

/// The entries that carry one symbol: see [`lookup_symbol_all`].
///
/// ```
/// use finesse_errors::lookup_symbol_all;
/// assert_eq!(lookup_symbol_all("E_CTI_TIMEOUT").count(), 1);
/// assert_eq!(lookup_symbol_all("nothing").len(), 0);
/// ```
#[derive(Clone, Debug)]
pub struct Matches {
    members: core::slice::Iter<'static, u16>,
}

impl Iterator for Matches {
    type Item = &'static ErrorInfo;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.members.next().map(|&i| &ENTRIES[usize::from(i)])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.members.size_hint()
    }
}

impl ExactSizeIterator for Matches {}
impl FusedIterator for Matches {}

/// Whether `name`, upper-cased, equals `stored` (same length, longer than 8 bytes), eight bytes
/// at a time; the last word overlaps the one before when the length is not a multiple of 8.
#[inline(always)]
fn all_equal(stored: &[u8], name: &[u8]) -> bool {
    let word = |b: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let n = name.len();
    let mut diff = word(stored, n - 8) ^ key::upper_word(word(name, n - 8));
    let mut i = 0;
    while i + 8 < n {
        diff |= word(stored, i) ^ key::upper_word(word(name, i));
        i += 8;
    }
    diff == 0
}
