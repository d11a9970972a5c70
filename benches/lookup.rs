//! Our lookups against baselines over the same shuffled keys, so ratios come from one run.
//!
//! One benchmark group per question (`code`, `symbol`, `finesse_error`, and the decoders of
//! values that are more than one code, `pg_status_flags` and `cdr_cause`). Within a group every
//! id answers the same question over the same batch of keys: every published key plus 25%
//! unknown ones (the decoder groups describe their own batches), shuffled with a fixed seed so
//! hits and misses interleave unpredictably but identically from run to run. One iteration looks up the whole batch; criterion reports the
//! time per iteration and, through `Throughput::Elements`, per lookup. Results land in
//! criterion's default place, `target/criterion/<group>/<id>/new/estimates.json`.
//!
//! The keys come from the public API only (`all()`, `entries(family)`), and every baseline is
//! built from them once and checked against our answer on every key, before timing starts.
//!
//! `cargo bench -p finesse-errors --bench lookup`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use finesse_errors::{
    ErrorInfo, Family, SipBasis, all, cdr_cause, entries, finesse_error, lookup, lookup_symbol,
    pg_status_flags,
};
use std::collections::HashMap;
use std::hint::black_box;

/// Share of unknown keys added to the published ones (25%).
const UNKNOWN_DIVISOR: usize = 4;

/// A tiny deterministic PRNG (xorshift64*): the same key sets every run, no `rand` dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value in `0..n` (`n > 0`); the modulo bias is irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Fisher-Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Looks up every key of `keys` with `find` and counts the hits. Each result goes through
/// `black_box`, so no lookup can be skipped or merged with another, and the count is returned
/// to criterion, which black-boxes it too.
#[inline(always)]
fn count_hits<K, F>(keys: &[K], mut find: F) -> usize
where
    F: FnMut(&K) -> Option<&'static ErrorInfo>,
{
    let keys = black_box(keys);
    let mut hits = 0;
    for key in keys {
        hits += usize::from(black_box(find(key)).is_some());
    }
    hits
}

/// A real `phf::Map` (CHD with SipHash13, phf's default layout), built at start-up by phf's own
/// generator over exactly our keys. `phf_map!` and `phf_codegen` emit this same struct from the
/// same `generate_hash` output; only the construction time differs, and that is not measured.
/// The fields are public (doc(hidden)) so that generated code can build it; the leaked slices
/// stand in for the `static` ones generated code would use.
fn phf_map<K>(pairs: &[(K, &'static ErrorInfo)]) -> phf::Map<K, &'static ErrorInfo>
where
    K: phf_shared::PhfHash + Copy + 'static,
{
    let keys: Vec<K> = pairs.iter().map(|&(key, _)| key).collect();
    let state = phf_generator::generate_hash(&keys);
    let entries: Vec<(K, &'static ErrorInfo)> = state.map.iter().map(|&i| pairs[i]).collect();
    phf::Map {
        key: state.key,
        disps: state.disps.leak(),
        entries: entries.leak(),
    }
}

// ---------------------------------------------------------------------------------------------
// group `code`: `lookup(family, code)`
// ---------------------------------------------------------------------------------------------

/// Every published (family, code).
/// Every published (family, code), once: a reason code that several platforms define counts
/// once, with the entry `lookup` answers (the first platform's).
fn published_codes() -> Vec<(Family, i32, &'static ErrorInfo)> {
    let mut codes: Vec<(Family, i32, &'static ErrorInfo)> = all()
        .iter()
        .filter_map(|info| Some((info.family(), info.code()?, info)))
        .collect();
    codes.dedup_by_key(|c| (c.0, c.1));
    codes
}

/// The `code` batch: every published (family, code) plus 25% unknown pairs, shuffled. Unknown
/// codes are near the published ones (holes and just past the ends of a family's range), far
/// from them (large and arbitrary `i32`s) and negative.
fn code_keys(rng: &mut Rng) -> Vec<(Family, i32)> {
    let published = published_codes();
    let mut keys: Vec<(Family, i32)> = published.iter().map(|&(f, c, _)| (f, c)).collect();
    let target = keys.len() + keys.len() / UNKNOWN_DIVISOR;
    while keys.len() < target {
        let (family, near, _) = published[rng.below(published.len())];
        let code = match rng.below(4) {
            0 => near.saturating_add(rng.below(41) as i32 - 20),
            1 => near.saturating_add(1_000 + rng.below(100_000) as i32),
            2 => -(rng.below(10_000) as i32) - 2,
            _ => rng.next_u64() as i32,
        };
        if lookup(family, code).is_none() && !keys.contains(&(family, code)) {
            keys.push((family, code));
        }
    }
    rng.shuffle(&mut keys);
    keys
}

/// The floor: one plain array per family indexed by `code - min_code`. One bounds check
/// (negative offsets wrap to huge indices) and one load; a hole or out-of-range code is `None`.
/// A family whose codes lie far apart (Unified CM: 0, 0x8CCC0000.., 0xDEADBEEF) keeps its
/// largest run in the array and looks the others up in a sorted list: one by one when there
/// are a few, by binary search when there are many (the CDR causes keep Q.850 0..=127 in the
/// array and search their 50 composites such as 0x1500007F; a linear scan of 50 would make
/// the floor, not the lookup, the slow side).
struct DenseArray {
    /// Indexed by `Family as usize`.
    families: Vec<DenseFamily>,
}

/// One family in [`DenseArray`]: the run's smallest code, its table, the codes outside it.
type DenseFamily = (
    i32,
    Box<[Option<&'static ErrorInfo>]>,
    Vec<(i32, &'static ErrorInfo)>,
);

impl DenseArray {
    fn new() -> DenseArray {
        let families = Family::ALL
            .iter()
            .map(|&family| {
                let mut codes: Vec<(i32, &'static ErrorInfo)> = entries(family)
                    .iter()
                    .filter_map(|info| Some((info.code()?, info)))
                    .collect();
                codes.sort_by_key(|c| c.0);
                // Split where two codes are more than 65,536 apart; keep the largest run.
                let mut runs: Vec<&[(i32, &'static ErrorInfo)]> = Vec::new();
                let mut start = 0;
                for i in 1..=codes.len() {
                    if i == codes.len()
                        || i64::from(codes[i].0) - i64::from(codes[i - 1].0) > 1 << 16
                    {
                        runs.push(&codes[start..i]);
                        start = i;
                    }
                }
                let Some(run) = runs.iter().max_by_key(|r| r.len()) else {
                    return (0, Box::default(), Vec::new());
                };
                let (min, max) = (run[0].0, run[run.len() - 1].0);
                let len = usize::try_from(i64::from(max) - i64::from(min) + 1)
                    .expect("a run's span fits in memory");
                let mut table = vec![None; len].into_boxed_slice();
                // The first entry of a code, as `lookup` answers (reason codes of several
                // platforms share one).
                for &(code, info) in run.iter() {
                    table[code.wrapping_sub(min) as u32 as usize].get_or_insert(info);
                }
                // Sorted by signed value (`codes` is), deduplicated: the binary search's order.
                let mut others: Vec<(i32, &'static ErrorInfo)> = codes
                    .iter()
                    .copied()
                    .filter(|c| c.0 < min || c.0 > max)
                    .collect();
                others.dedup_by_key(|o| o.0);
                (min, table, others)
            })
            .collect();
        DenseArray { families }
    }

    #[inline]
    fn get(&self, family: Family, code: i32) -> Option<&'static ErrorInfo> {
        /// Up to this many others are compared one by one.
        const LINEAR: usize = 8;
        let (min, table, others) = &self.families[family as usize];
        match table.get(code.wrapping_sub(*min) as u32 as usize) {
            Some(slot) => *slot,
            None if others.len() <= LINEAR => others.iter().find(|o| o.0 == code).map(|o| o.1),
            None => others
                .binary_search_by_key(&code, |o| o.0)
                .ok()
                .map(|i| others[i].1),
        }
    }
}

/// phf's key for a (family, code): `family << 32 | code as u32`, always as `u64` (phf hashes
/// integer types differently, so the key type is pinned on both sides).
fn family_code_key(family: Family, code: i32) -> u64 {
    (u64::from(family.to_u32()) << 32) | u64::from(code as u32)
}

fn bench_code(c: &mut Criterion) {
    let keys = code_keys(&mut Rng::new(0x5eed_c0de_0000_0001));
    let published = published_codes();

    let dense = DenseArray::new();
    let mut sorted: Vec<((u32, i32), &'static ErrorInfo)> = published
        .iter()
        .map(|&(family, code, info)| ((family.to_u32(), code), info))
        .collect();
    sorted.sort_unstable_by_key(|&(key, _)| key);
    let hashmap: HashMap<(Family, i32), &'static ErrorInfo> = published
        .iter()
        .map(|&(family, code, info)| ((family, code), info))
        .collect();
    let phf = phf_map(
        &published
            .iter()
            .map(|&(family, code, info)| (family_code_key(family, code), info))
            .collect::<Vec<_>>(),
    );

    // Every id must agree with ours on every key, or the comparison means nothing.
    let expected = count_hits(&keys, |&(f, code)| lookup(f, code));
    assert_eq!(expected, published.len());
    for &(f, code) in &keys {
        let ours = lookup(f, code);
        assert_eq!(dense.get(f, code), ours);
        assert_eq!(hashmap.get(&(f, code)).copied(), ours);
        assert_eq!(phf.get(&family_code_key(f, code)).copied(), ours);
    }

    let mut group = c.benchmark_group("code");
    group.throughput(Throughput::Elements(keys.len() as u64));
    group.bench_function("finesse-errors", |b| {
        b.iter(|| count_hits(&keys, |&(f, code)| lookup(f, code)))
    });
    group.bench_function("dense_array", |b| {
        b.iter(|| count_hits(&keys, |&(f, code)| dense.get(f, code)))
    });
    group.bench_function("binary_search", |b| {
        b.iter(|| {
            count_hits(&keys, |&(f, code)| {
                sorted
                    .binary_search_by_key(&(f.to_u32(), code), |&(key, _)| key)
                    .ok()
                    .map(|i| sorted[i].1)
            })
        })
    });
    group.bench_function("std_hashmap", |b| {
        b.iter(|| count_hits(&keys, |&(f, code)| hashmap.get(&(f, code)).copied()))
    });
    group.bench_function("phf", |b| {
        b.iter(|| {
            count_hits(&keys, |&(f, code)| {
                phf.get(&family_code_key(f, code)).copied()
            })
        })
    });
    // No `match` id: `lookup` itself is the generated `match` (one per family, written by
    // build/codegen.rs), so a hand-built `match` here would measure the same code twice. A
    // bench cannot generate a `match` over data of its own without a build script.
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// group `symbol`: `lookup_symbol(name)`
// ---------------------------------------------------------------------------------------------

/// Every published symbol and alias, exact case, each once, with the first entry that carries
/// it (the one `lookup_symbol` returns: entries are in `all()` order).
fn published_symbols() -> Vec<(&'static str, &'static ErrorInfo)> {
    let mut seen = std::collections::HashSet::new();
    all()
        .iter()
        .flat_map(|info| {
            std::iter::once(info.symbol())
                .filter(|s| !s.is_empty())
                .chain(info.aliases())
                .map(move |name| (name, info))
        })
        // One spelling per name ignoring case, the first in table order: `lookup_symbol`
        // ignores case and answers the first entry, the exact-case baselines would not
        // (`Forbidden` is a Finesse error type, `forbidden` an XMPP condition).
        .filter(|&(name, _)| seen.insert(name.to_ascii_uppercase()))
        .collect()
}

/// A published name changed into an unknown one of the same shape: a suffix, or one letter
/// changed (at the start, in the middle or at the end).
fn unknown_symbol(rng: &mut Rng, base: &str) -> String {
    const SUFFIXES: [&str; 4] = ["_X", "S", "_EX", "2"];
    let mut bytes = base.as_bytes().to_vec();
    if rng.below(2) == 0 || !bytes.iter().any(u8::is_ascii_alphabetic) {
        bytes.extend_from_slice(SUFFIXES[rng.below(SUFFIXES.len())].as_bytes());
    } else {
        let letters: Vec<usize> = (0..bytes.len())
            .filter(|&i| bytes[i].is_ascii_alphabetic())
            .collect();
        let at = match rng.below(3) {
            0 => letters[0],
            1 => letters[letters.len() / 2],
            _ => letters[letters.len() - 1],
        };
        let base_letter = if bytes[at].is_ascii_lowercase() {
            b'a'
        } else {
            b'A'
        };
        let offset = bytes[at] - base_letter;
        bytes[at] = base_letter + (offset + 1 + rng.below(25) as u8) % 26;
    }
    String::from_utf8(bytes).expect("ASCII edits keep UTF-8")
}

/// The `symbol` batch: every published symbol and alias in its published case, plus 25%
/// unknown names derived from published ones, shuffled.
fn symbol_keys(rng: &mut Rng) -> Vec<&'static str> {
    let published: Vec<&'static str> = published_symbols().iter().map(|&(s, _)| s).collect();
    let mut keys = published.clone();
    let target = keys.len() + keys.len() / UNKNOWN_DIVISOR;
    while keys.len() < target {
        let base = published[rng.below(published.len())];
        let name = unknown_symbol(rng, base);
        // Unknown even ignoring case, so it misses in every id.
        if lookup_symbol(&name).is_none() && !keys.contains(&name.as_str()) {
            keys.push(name.leak());
        }
    }
    rng.shuffle(&mut keys);
    keys
}

fn bench_symbol(c: &mut Criterion) {
    let keys = symbol_keys(&mut Rng::new(0x5eed_c0de_0000_0002));
    let published = published_symbols();

    let hashmap: HashMap<String, &'static ErrorInfo> = published
        .iter()
        .map(|&(name, info)| (name.to_owned(), info))
        .collect();
    let phf = phf_map(&published);
    let mut sorted = published.clone();
    sorted.sort_unstable_by_key(|&(name, _)| name);

    let hits = count_hits(&keys, |name| lookup_symbol(name));
    assert_eq!(hits, published.len());
    for &name in &keys {
        let ours = lookup_symbol(name);
        assert_eq!(hashmap.get(name).copied(), ours, "{name}");
        assert_eq!(phf.get(name).copied(), ours, "{name}");
    }

    let mut group = c.benchmark_group("symbol");
    group.throughput(Throughput::Elements(keys.len() as u64));
    // Ours ignores ASCII case (and surrounding whitespace); the baselines match exact case.
    group.bench_function("finesse-errors", |b| {
        b.iter(|| count_hits(&keys, |name| lookup_symbol(name)))
    });
    group.bench_function("std_hashmap", |b| {
        b.iter(|| count_hits(&keys, |&name| hashmap.get(name).copied()))
    });
    group.bench_function("phf", |b| {
        b.iter(|| count_hits(&keys, |&name| phf.get(name).copied()))
    });
    group.bench_function("binary_search", |b| {
        b.iter(|| {
            count_hits(&keys, |&name| {
                sorted
                    .binary_search_by_key(&name, |&(key, _)| key)
                    .ok()
                    .map(|i| sorted[i].1)
            })
        })
    });
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// group `finesse_error`: `finesse_error(http_status, error_type)`
// ---------------------------------------------------------------------------------------------

/// Every finesse_api entry's (HTTP status, ErrorType) as published.
fn published_finesse() -> Vec<((u16, &'static str), &'static ErrorInfo)> {
    entries(Family::FinesseApi)
        .iter()
        .filter(|info| !info.symbol().is_empty())
        .filter_map(|info| Some(((info.http_status()?, info.symbol()), info)))
        .collect()
}

/// The `finesse_error` batch: every published (status, ErrorType) plus 25% unknown pairs (a
/// known type with a status it is not documented with, or an unknown type of the same shape
/// with a known status), shuffled.
fn finesse_keys(rng: &mut Rng) -> Vec<(u16, &'static str)> {
    const STATUSES: [u16; 8] = [200, 400, 401, 403, 404, 409, 500, 503];
    let published: Vec<(u16, &'static str)> =
        published_finesse().iter().map(|&(key, _)| key).collect();
    let mut keys = published.clone();
    let target = keys.len() + keys.len() / UNKNOWN_DIVISOR;
    while keys.len() < target {
        let (status, name) = published[rng.below(published.len())];
        let key = if rng.below(2) == 0 {
            (STATUSES[rng.below(STATUSES.len())], name)
        } else {
            (status, &*unknown_symbol(rng, name).leak())
        };
        if finesse_error(key.0, key.1).is_none() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    rng.shuffle(&mut keys);
    keys
}

fn bench_finesse_error(c: &mut Criterion) {
    let keys = finesse_keys(&mut Rng::new(0x5eed_c0de_0000_0003));
    let published = published_finesse();
    let hashmap: HashMap<(u16, &'static str), &'static ErrorInfo> =
        published.iter().copied().collect();

    let hits = count_hits(&keys, |&(status, name)| finesse_error(status, name));
    assert_eq!(hits, published.len());
    for key in &keys {
        assert_eq!(
            hashmap.get(key).copied(),
            finesse_error(key.0, key.1),
            "{key:?}"
        );
    }

    let mut group = c.benchmark_group("finesse_error");
    group.throughput(Throughput::Elements(keys.len() as u64));
    group.bench_function("finesse-errors", |b| {
        b.iter(|| count_hits(&keys, |&(status, name)| finesse_error(status, name)))
    });
    group.bench_function("std_hashmap", |b| {
        b.iter(|| count_hits(&keys, |key| hashmap.get(key).copied()))
    });
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// group `pg_status_flags`: `pg_status_flags(status)`, every flag entry of a PGStatus value
// ---------------------------------------------------------------------------------------------

/// The published single-bit flags of `cti_pg_status` (its 0 entry, "normal", is no flag).
fn published_flags() -> Vec<(u32, &'static ErrorInfo)> {
    entries(Family::CtiPgStatus)
        .iter()
        .filter_map(|info| Some((info.code()? as u32, info)))
        .filter(|&(mask, _)| mask.is_power_of_two())
        .collect()
}

/// The `pg_status_flags` batch: every combination of the published flags (0, each flag
/// alone, every pair, ..., all of them) four times, and as many values again with bits no
/// entry names (one to three random unknown bits, or all 32 bits random) over a random
/// combination, shuffled.
fn pg_status_values(rng: &mut Rng) -> Vec<u32> {
    let flags: Vec<u32> = published_flags().iter().map(|&(mask, _)| mask).collect();
    let known = flags.iter().fold(0, |all, mask| all | mask);
    let combination = |pick: usize| {
        flags
            .iter()
            .enumerate()
            .filter(|&(i, _)| pick >> i & 1 == 1)
            .fold(0, |value, (_, mask)| value | mask)
    };
    let combinations = 1usize << flags.len();
    let mut values: Vec<u32> = (0..4 * combinations)
        .map(|i| combination(i % combinations))
        .collect();
    let unknown_bit = |rng: &mut Rng| loop {
        let bit = 1u32 << rng.below(32);
        if bit & known == 0 {
            break bit;
        }
    };
    for _ in 0..4 * combinations {
        let mut value = combination(rng.below(combinations));
        match rng.below(4) {
            3 => value |= rng.next_u64() as u32 | unknown_bit(rng),
            extra => {
                for _ in 0..=extra {
                    value |= unknown_bit(rng);
                }
            }
        }
        values.push(value);
    }
    rng.shuffle(&mut values);
    values
}

/// Decodes every value of `values` with `decode`, consuming each iterator to its end; each
/// entry goes through `black_box`, and the number of entries is returned.
#[inline(always)]
fn count_flags<F, I>(values: &[u32], mut decode: F) -> usize
where
    F: FnMut(u32) -> I,
    I: Iterator<Item = &'static ErrorInfo>,
{
    let values = black_box(values);
    let mut flags = 0;
    for &value in values {
        for entry in decode(value) {
            black_box(entry);
            flags += 1;
        }
    }
    flags
}

/// The naive decoder: every one of the 32 bits, each set bit looked up as a code.
fn naive_flags(status: u32) -> impl Iterator<Item = &'static ErrorInfo> {
    (0..32)
        .map(|bit| 1u32 << bit)
        .filter(move |mask| status & mask != 0)
        .filter_map(|mask| lookup(Family::CtiPgStatus, mask as i32))
}

/// The floor: the named bits masked out once, then one table load per set bit
/// (`trailing_zeros`, clear the lowest bit).
struct FlagTable {
    known: u32,
    by_bit: [Option<&'static ErrorInfo>; 32],
}

impl FlagTable {
    fn new() -> FlagTable {
        let mut table = FlagTable {
            known: 0,
            by_bit: [None; 32],
        };
        for (mask, info) in published_flags() {
            table.known |= mask;
            table.by_bit[mask.trailing_zeros() as usize].get_or_insert(info);
        }
        table
    }

    #[inline]
    fn flags(&self, status: u32) -> impl Iterator<Item = &'static ErrorInfo> + '_ {
        let mut rest = status & self.known;
        core::iter::from_fn(move || {
            if rest == 0 {
                return None;
            }
            let bit = rest.trailing_zeros();
            rest &= rest - 1;
            self.by_bit[bit as usize]
        })
    }
}

fn bench_pg_status_flags(c: &mut Criterion) {
    let values = pg_status_values(&mut Rng::new(0x5eed_c0de_0000_0004));
    let table = FlagTable::new();

    // Both baselines name the same flags, in the same order, as ours; ours also reports the
    // unnamed bits and whether the value is normal.
    for &status in &values {
        let ours: Vec<&ErrorInfo> = pg_status_flags(status).collect();
        assert_eq!(
            naive_flags(status).collect::<Vec<_>>(),
            ours,
            "{status:#010X}"
        );
        assert_eq!(
            table.flags(status).collect::<Vec<_>>(),
            ours,
            "{status:#010X}"
        );
        assert_eq!(
            pg_status_flags(status).unknown_bits(),
            status & !table.known,
            "{status:#010X}"
        );
        assert_eq!(pg_status_flags(status).is_normal(), status == 0);
    }

    let mut group = c.benchmark_group("pg_status_flags");
    group.throughput(Throughput::Elements(values.len() as u64));
    group.bench_function("finesse-errors", |b| {
        b.iter(|| count_flags(&values, pg_status_flags))
    });
    group.bench_function("naive_32_bits", |b| {
        b.iter(|| count_flags(&values, naive_flags))
    });
    group.bench_function("bit_table", |b| {
        b.iter(|| count_flags(&values, |status| table.flags(status)))
    });
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// group `cdr_cause`: `cdr_cause(value)`: its entry, SIP status and Q.850 cause
// ---------------------------------------------------------------------------------------------

/// The `cdr_cause` batch: every published value (plain Q.850 causes and composites such as
/// 0x1500007F), and as many unpublished ones: composites over a published SIP index, over
/// an index only the numbering gives, over an index neither gives, and values of no
/// composite shape (bits 8..=23 set, or a low byte no entry names), shuffled.
fn cdr_values(rng: &mut Rng) -> Vec<u32> {
    let published: Vec<u32> = entries(Family::CucmCdrCause)
        .iter()
        .filter_map(|info| Some(info.code()? as u32))
        .collect();
    let listed_indices: Vec<u32> = published
        .iter()
        .map(|&value| value >> 24)
        .filter(|&index| index != 0)
        .collect();
    let mut values = published.clone();
    let target = 2 * published.len();
    while values.len() < target {
        let cause = rng.below(128) as u32;
        let value = match rng.below(4) {
            0 => listed_indices[rng.below(listed_indices.len())] << 24 | cause,
            1 => (1 + rng.below(0x5A) as u32) << 24 | cause,
            2 => (0x5B + rng.below(0xA5) as u32) << 24 | cause,
            _ => match rng.below(2) {
                0 => rng.next_u64() as u32 | 1 << (8 + rng.below(16)),
                _ => 128 + rng.below(128) as u32,
            },
        };
        if cdr_cause(value).entry().is_none() && !values.contains(&value) {
            values.push(value);
        }
    }
    rng.shuffle(&mut values);
    values
}

/// Decodes every value of `values` with `decode` (its entry, SIP status and Q.850 cause, each
/// through `black_box`) and counts the answers that are there.
#[inline(always)]
fn count_causes<F>(values: &[u32], mut decode: F) -> usize
where
    F: FnMut(u32) -> CdrAnswer,
{
    let values = black_box(values);
    let mut found = 0;
    for &value in values {
        let (entry, sip, q850) = decode(value);
        found += usize::from(black_box(entry).is_some())
            + usize::from(black_box(sip).is_some())
            + usize::from(black_box(q850).is_some());
    }
    found
}

/// A decoded CDR cause: the entry of the value, the SIP status, the Q.850 cause's entry.
type CdrAnswer = (
    Option<&'static ErrorInfo>,
    Option<(u16, SipBasis)>,
    Option<&'static ErrorInfo>,
);

fn ours_cdr(value: u32) -> CdrAnswer {
    let cause = cdr_cause(value);
    (cause.entry(), cause.sip_status(), cause.q850())
}

/// The SIP status a `CCM_SIP_<status>_...` name carries (`CCM_SIP__410_GONE` too).
fn sip_status_in(symbol: &str) -> Option<u16> {
    let rest = symbol.strip_prefix("CCM_SIP_")?.trim_start_matches('_');
    let digits = rest.get(..3)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The floor: the SIP status of every high byte worked out once (the first published value
/// with that high byte whose name carries a status; otherwise the numbering 400–433 is
/// 0x01–0x22 and 480–505 is 0x40–0x59), so a composite costs one table load; the entry and
/// the Q.850 cause are `lookup`s, as in ours (the `code` group times those).
struct SipTable([Option<(u16, SipBasis)>; 256]);

impl SipTable {
    fn new() -> SipTable {
        let mut table = [None; 256];
        for (index, slot) in table.iter_mut().enumerate().skip(1) {
            let listed = entries(Family::CucmCdrCause)
                .iter()
                .filter(|info| {
                    info.code()
                        .is_some_and(|c| (c as u32 >> 24) as usize == index)
                })
                .find_map(|info| sip_status_in(info.symbol()));
            *slot = match (listed, index as u16) {
                (Some(status), _) => Some((status, SipBasis::Listed)),
                (None, i @ 0x01..=0x22) => Some((399 + i, SipBasis::Pattern)),
                (None, i @ 0x40..=0x59) => Some((416 + i, SipBasis::Pattern)),
                (None, _) => None,
            };
        }
        SipTable(table)
    }

    #[inline]
    fn decode(&self, value: u32) -> CdrAnswer {
        let entry = lookup(Family::CucmCdrCause, value as i32);
        if value >> 24 == 0 || value & 0x00FF_FF00 != 0 {
            return (entry, None, None);
        }
        let q850 = lookup(Family::CucmCdrCause, (value & 0xFF) as i32);
        (entry, self.0[(value >> 24) as usize], q850)
    }
}

fn bench_cdr_cause(c: &mut Criterion) {
    let values = cdr_values(&mut Rng::new(0x5eed_c0de_0000_0005));
    let table = SipTable::new();
    for &value in &values {
        assert_eq!(table.decode(value), ours_cdr(value), "{value:#010X}");
    }

    let mut group = c.benchmark_group("cdr_cause");
    group.throughput(Throughput::Elements(values.len() as u64));
    group.bench_function("finesse-errors", |b| {
        b.iter(|| count_causes(&values, ours_cdr))
    });
    group.bench_function("sip_table", |b| {
        b.iter(|| count_causes(&values, |value| table.decode(value)))
    });
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// One function per group: a new group is one more `fn bench_…(c)` above and
// one more name in this list.
// ---------------------------------------------------------------------------------------------

criterion_group!(
    benches,
    bench_code,
    bench_symbol,
    bench_finesse_error,
    bench_pg_status_flags,
    bench_cdr_cause
);
criterion_main!(benches);
