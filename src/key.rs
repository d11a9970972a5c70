//! How names are normalised and hashed for the symbol table.
//!
//! This file is also compiled into `build.rs` (through `#[path]`): the build hashes the keys
//! with exactly the functions the lookups use, so the two cannot disagree.

/// The longest name a lookup accepts after normalisation. Longer input cannot match any key
/// (the build checks that every key fits) and is rejected before any hashing.
pub const MAX_KEY_LEN: usize = 128;

/// Normalises a name into `buf` and returns its length, or `None` if it is longer than
/// [`MAX_KEY_LEN`].
///
/// Whitespace is every Unicode `White_Space` character (what [`char::is_whitespace`] and
/// [`str::trim`] mean: tab, line feed, vertical tab, form feed, carriage return, space, U+0085,
/// U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000): leading and
/// trailing whitespace is dropped, every inner run of it becomes one ASCII space, and ASCII
/// letters are upper-cased. Other bytes are kept as they are, so other non-ASCII input (a
/// zero-width space U+200B, which is not whitespace) simply matches nothing.
pub fn normalize(input: &[u8], buf: &mut [u8; MAX_KEY_LEN]) -> Option<usize> {
    let mut len = 0;
    let mut pending_space = false;
    let mut at = 0;
    while let Some(&byte) = input.get(at) {
        let space = whitespace_len(&input[at..]);
        if space > 0 {
            pending_space = len > 0;
            at += space;
            continue;
        }
        if pending_space {
            *buf.get_mut(len)? = b' ';
            len += 1;
            pending_space = false;
        }
        *buf.get_mut(len)? = byte.to_ascii_uppercase();
        len += 1;
        at += 1;
    }
    Some(len)
}

/// The length in bytes of the UTF-8 whitespace character `input` starts with, 0 if it does
/// not start with one. The set is Unicode `White_Space`, as in [`normalize`].
#[inline]
pub const fn whitespace_len(input: &[u8]) -> usize {
    match *input {
        [b'\t'..=b'\r' | b' ', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Whether a name may hold whitespace for [`normalize`] to trim or fold: a byte that is ASCII
/// whitespace or a control, or any non-ASCII byte (the lead byte of U+00A0 and the like).
/// Cheap enough to ask only after a plain probe missed.
#[inline]
// The build script compiles this file too and needs only `normalize`.
#[allow(dead_code)]
pub fn may_need_normalizing(input: &[u8]) -> bool {
    input
        .iter()
        .fold(false, |any, &b| any | (b <= b' ') | (b >= 0x80))
}

/// `text` without leading and trailing whitespace (the set of [`normalize`]); how codes are
/// trimmed before they are parsed.
#[allow(dead_code)]
pub fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| {
        let mut utf8 = [0u8; 4];
        whitespace_len(c.encode_utf8(&mut utf8).as_bytes()) > 0
    })
}

const K0: u64 = 0x243f_6a88_85a3_08d3;
const K1: u64 = 0x9e37_79b9_7f4a_7c15;
const K2: u64 = 0xc2b2_ae3d_27d4_eb4f;

/// Multiplies into 128 bits and folds the halves: one cheap, well-mixing step.
#[inline(always)]
const fn fold_mul(a: u64, b: u64) -> u64 {
    let product = (a as u128).wrapping_mul(b as u128);
    (product as u64) ^ ((product >> 64) as u64)
}

/// Hashes a normalised key from its length, its first `INLINE_WORDS` 8-byte words and, for a
/// longer key, its last word: the words a lookup loads anyway to compare the key. Three
/// independent folded multiplies, so the cost hardly grows with the key. Bytes of a long key
/// between the inline words and its last word are not hashed; the build refuses two keys that
/// agree on everything hashed (no seed could separate them), and a lookup always compares the
/// whole key.
#[inline]
// The build script hashes the keys with it; the library hashes the words it loaded.
#[allow(dead_code)]
pub fn hash(key: &[u8], seed: u64) -> u64 {
    let (words, tail) = hash_input(key);
    hash_words(key.len(), &words, tail, seed)
}

/// What [`hash`] reads of a key: its inline words and, when it is longer than them, its last
/// word (0 otherwise). For keys already upper-cased, as the build stores them.
#[allow(dead_code)]
pub fn hash_input(key: &[u8]) -> ([u64; INLINE_WORDS], u64) {
    let tail = match key.len() {
        len if len > INLINE_WORDS * 8 => {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&key[len - 8..]);
            u64::from_le_bytes(bytes)
        }
        _ => 0,
    };
    (inline_words(key), tail)
}

/// [`hash`] from a key's length, inline words and tail word.
#[inline(always)]
pub fn hash_words(len: usize, words: &[u64; INLINE_WORDS], tail: u64, seed: u64) -> u64 {
    let a = fold_mul(
        words[0] ^ seed ^ (len as u64).wrapping_mul(K0),
        words[1] ^ K1,
    );
    let b = fold_mul(words[2] ^ seed.rotate_left(32), words[3] ^ K2);
    let c = fold_mul(words[4] ^ tail ^ K1, words[5] ^ seed.rotate_left(17) ^ K0);
    a ^ b ^ c
}

/// Upper-cases the ASCII letters of eight bytes at once (other bytes are unchanged).
#[inline(always)]
pub const fn upper_word(word: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = word & !HIGH;
    let from_a = low7.wrapping_add(0x1f1f_1f1f_1f1f_1f1f);
    let past_z = low7.wrapping_add(0x0505_0505_0505_0505);
    let lower = from_a & !past_z & !word & HIGH;
    word ^ (lower >> 2)
}

/// How many 8-byte words of a key are stored inline, beside its table entry, so that comparing
/// a key of up to `INLINE_WORDS * 8` bytes reads one cache line.
pub const INLINE_WORDS: usize = 6;

/// The first `INLINE_WORDS * 8` bytes of a key as little-endian words, zero-padded.
#[inline(always)]
pub fn inline_words(key: &[u8]) -> [u64; INLINE_WORDS] {
    let len = key.len();
    let mut words = [0u64; INLINE_WORDS];
    let Some(last) = len
        .checked_sub(8)
        .and_then(|at| key[at..].first_chunk::<8>())
    else {
        // Shorter than a word: gather the bytes (at most 7).
        for (i, &byte) in key.iter().enumerate() {
            words[0] |= u64::from(byte) << (8 * i);
        }
        return words;
    };
    // A word that runs past the end is the key's last eight bytes shifted down: the same
    // bytes, zero-padded, with no variable-length copy.
    let last = u64::from_le_bytes(*last);
    for (i, word) in words.iter_mut().enumerate() {
        let at = i * 8;
        *word = match key.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
            Some(full) => u64::from_le_bytes(*full),
            None if at < len => last >> (8 * (at + 8 - len)),
            None => 0,
        };
    }
    words
}

/// The bucket of a hash among `buckets` buckets (Lemire's multiply-shift range reduction).
#[inline(always)]
pub const fn bucket(hash: u64, buckets: usize) -> usize {
    (((hash as u32) as u64 * buckets as u64) >> 32) as usize
}

/// The slot of a hash, displaced by its bucket's pilot, in a table of `1 << slot_bits` slots.
#[inline(always)]
pub const fn slot(hash: u64, pilot: u16, slot_bits: u32) -> usize {
    (fold_mul(hash ^ (pilot as u64).wrapping_mul(K1), K2) >> (64 - slot_bits)) as usize
}
