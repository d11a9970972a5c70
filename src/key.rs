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

/// Hashes a normalised key, eight bytes at a time.
#[inline]
pub fn hash(key: &[u8], seed: u64) -> u64 {
    let mut h = seed ^ (key.len() as u64).wrapping_mul(K0);
    let mut words = key.chunks_exact(8);
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        h = fold_mul(h ^ u64::from_le_bytes(bytes), K1);
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        let mut bytes = [0u8; 8];
        bytes[..tail.len()].copy_from_slice(tail);
        h = fold_mul(h ^ u64::from_le_bytes(bytes), K1);
    }
    fold_mul(h, K2)
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
