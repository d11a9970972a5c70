//! How names are normalised and hashed for the symbol table.
//!
//! This file is also compiled into `build.rs` (through `#[path]`): the build hashes the keys
//! with exactly the functions the lookups use, so the two cannot disagree.

/// The longest name a lookup accepts after normalisation. Longer input cannot match any key
/// (the build checks that every key fits) and is rejected before any hashing.
pub const MAX_KEY_LEN: usize = 96;

/// Normalises a name into `buf` and returns its length, or `None` if it is longer than
/// [`MAX_KEY_LEN`].
///
/// Leading and trailing ASCII whitespace is dropped, every inner run of ASCII whitespace
/// becomes one space, and ASCII letters are upper-cased. Other bytes are kept as they are, so
/// non-ASCII input simply matches nothing.
pub fn normalize(input: &[u8], buf: &mut [u8; MAX_KEY_LEN]) -> Option<usize> {
    let mut len = 0;
    let mut pending_space = false;
    for &byte in input {
        if byte.is_ascii_whitespace() {
            pending_space = len > 0;
            continue;
        }
        if pending_space {
            *buf.get_mut(len)? = b' ';
            len += 1;
            pending_space = false;
        }
        *buf.get_mut(len)? = byte.to_ascii_uppercase();
        len += 1;
    }
    Some(len)
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

/// Hashes a normalised key from its length and four of its 8-byte words (first, last and two
/// in between), so the cost does not grow with the key. Bytes between the sampled words are
/// not hashed, so two keys may share a hash; the build refuses keys whose length and sampled
/// words are all the same (no seed could separate them), and a lookup always compares the
/// whole key.
#[inline]
// The build script hashes the keys with it; the library hashes sampled words directly.
#[allow(dead_code)]
pub fn hash(key: &[u8], seed: u64) -> u64 {
    hash_words(key.len(), &sample(key), seed)
}

/// [`hash`] from a key's length and its [`sample`] words.
#[inline(always)]
pub fn hash_words(len: usize, words: &[u64; 4], seed: u64) -> u64 {
    let left = fold_mul(
        words[0] ^ seed ^ (len as u64).wrapping_mul(K0),
        words[1] ^ K1,
    );
    let right = fold_mul(words[2] ^ seed.rotate_left(32), words[3] ^ K2);
    left ^ right
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

/// The four words [`hash`] reads: at 0, about len/3, about 2len/3 and len - 8 (zero-padded when
/// the key is shorter than 8 bytes).
#[inline(always)]
pub fn sample(key: &[u8]) -> [u64; 4] {
    let len = key.len();
    if len < 8 {
        let mut bytes = [0u8; 8];
        bytes[..len].copy_from_slice(key);
        return [u64::from_le_bytes(bytes), 0, 0, 0];
    }
    let word = |at: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&key[at..at + 8]);
        u64::from_le_bytes(bytes)
    };
    let last = len - 8;
    [word(0), word(last / 3), word(last - last / 3), word(last)]
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
