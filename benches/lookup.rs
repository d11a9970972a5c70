//! Our lookups against baselines over the same shuffled keys, so ratios come from one run.
//!
//! One benchmark group per question (`code`, `symbol`, `finesse_error`). Within a group every
//! id answers the same question over the same batch of keys: every published key plus 25%
//! unknown ones, shuffled with a fixed seed so hits and misses interleave unpredictably but
//! identically from run to run. One iteration looks up the whole batch; criterion reports the
//! time per iteration and, through `Throughput::Elements`, per lookup. Results land in
//! criterion's default place, `target/criterion/<group>/<id>/new/estimates.json`.
//!
//! The keys come from the public API only (`all()`, `entries(family)`), and every baseline is
//! built from them once, before timing starts.
//!
//! `cargo bench -p finesse-errors --bench lookup`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use finesse_errors::{ErrorInfo, Family, all, entries, finesse_error, lookup, lookup_symbol};
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
/// densest run in the array and checks the few others one by one.
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
                let others = codes
                    .iter()
                    .copied()
                    .filter(|c| c.0 < min || c.0 > max)
                    .collect();
                (min, table, others)
            })
            .collect();
        DenseArray { families }
    }

    #[inline]
    fn get(&self, family: Family, code: i32) -> Option<&'static ErrorInfo> {
        let (min, table, others) = &self.families[family as usize];
        match table.get(code.wrapping_sub(*min) as u32 as usize) {
            Some(slot) => *slot,
            None => others.iter().find(|o| o.0 == code).map(|o| o.1),
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
// One function per group: a new group is one more `fn bench_…(c)` above and
// one more name in this list.
// ---------------------------------------------------------------------------------------------

criterion_group!(benches, bench_code, bench_symbol, bench_finesse_error);
criterion_main!(benches);
