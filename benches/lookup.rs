//! Lookups against baselines over the same shuffled keys, so ratios come from one run.
//!
//! Each group holds every published key plus 25% unknown ones, shuffled with a fixed seed. One
//! iteration looks up the whole batch; criterion reports time per iteration and, through
//! `Throughput::Elements`, per lookup.
//!
//! `cargo bench -p finesse-errors --bench lookup`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use finesse_errors::{ErrorInfo, Family, all, finesse_error, lookup, lookup_symbol};
use std::collections::HashMap;
use std::hint::black_box;

/// A small deterministic PRNG (xorshift64*): the same shuffle every run, no extra dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// A `phf::Map` built at start-up with phf's own generator: the same structure and lookup code
/// the `phf_map!` macro and `phf_codegen` produce, over exactly our keys.
fn phf_map<K: phf_shared::PhfHash + Copy + 'static>(
    pairs: Vec<(K, &'static ErrorInfo)>,
) -> phf::Map<K, &'static ErrorInfo> {
    let keys: Vec<K> = pairs.iter().map(|(k, _)| *k).collect();
    let state = phf_generator::generate_hash(&keys);
    let entries: Vec<(K, &'static ErrorInfo)> = state.map.iter().map(|&i| pairs[i]).collect();
    phf::Map {
        key: state.key,
        disps: Vec::leak(state.disps),
        entries: Vec::leak(entries),
    }
}

fn family_code_key(family: Family, code: i32) -> u64 {
    (u64::from(family.to_u32()) << 32) | u64::from(code as u32)
}

fn code_keys(rng: &mut Rng) -> Vec<(Family, i32)> {
    let mut keys: Vec<(Family, i32)> = all()
        .iter()
        .filter_map(|i| i.code().map(|c| (i.family(), c)))
        .collect();
    let unknown = keys.len() / 4;
    while keys.len() < 5 * unknown {
        let family = Family::ALL[rng.below(Family::ALL.len())];
        // Near the published ranges, far away and negative.
        let code = match rng.below(4) {
            0 => rng.below(1_100) as i32,
            1 => 10_000 + rng.below(15_000) as i32,
            2 => -(rng.below(1_000) as i32) - 2,
            _ => rng.next() as i32,
        };
        if lookup(family, code).is_none() {
            keys.push((family, code));
        }
    }
    rng.shuffle(&mut keys);
    keys
}

fn bench_code(c: &mut Criterion) {
    let mut rng = Rng(0x5eed_0001);
    let keys = code_keys(&mut rng);

    // Floor: one plain array per family indexed by `code - min`.
    let dense: Vec<(i32, Vec<Option<&'static ErrorInfo>>)> = Family::ALL
        .iter()
        .map(|&family| {
            let codes: Vec<i32> = finesse_errors::entries(family)
                .iter()
                .filter_map(|i| i.code())
                .collect();
            let min = codes.iter().copied().min().unwrap_or(0);
            let max = codes.iter().copied().max().unwrap_or(0);
            let mut table = vec![None; (max - min + 1) as usize];
            for info in finesse_errors::entries(family) {
                if let Some(code) = info.code() {
                    table[(code - min) as usize] = Some(info);
                }
            }
            (min, table)
        })
        .collect();
    let mut sorted: Vec<((u32, i32), &'static ErrorInfo)> = all()
        .iter()
        .filter_map(|i| i.code().map(|c| ((i.family().to_u32(), c), i)))
        .collect();
    sorted.sort_by_key(|(k, _)| *k);
    let hashmap: HashMap<(Family, i32), &'static ErrorInfo> = all()
        .iter()
        .filter_map(|i| i.code().map(|c| ((i.family(), c), i)))
        .collect();
    let phf = phf_map(
        all()
            .iter()
            .filter_map(|i| i.code().map(|c| (family_code_key(i.family(), c), i)))
            .collect(),
    );

    let mut group = c.benchmark_group("code");
    group.throughput(Throughput::Elements(keys.len() as u64));
    group.bench_function(BenchmarkId::from_parameter("finesse-errors"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|&&(f, code)| lookup(black_box(f), black_box(code)).is_some())
                .count()
        })
    });
    group.bench_function(BenchmarkId::from_parameter("dense_array"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|&&(f, code)| {
                    let (min, table) = &dense[black_box(f) as usize];
                    let index = i64::from(black_box(code)) - i64::from(*min);
                    usize::try_from(index)
                        .ok()
                        .and_then(|i| table.get(i))
                        .copied()
                        .flatten()
                        .is_some()
                })
                .count()
        })
    });
    group.bench_function(BenchmarkId::from_parameter("binary_search"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|&&(f, code)| {
                    sorted
                        .binary_search_by_key(
                            &(black_box(f).to_u32(), black_box(code)),
                            |(k, _)| *k,
                        )
                        .is_ok()
                })
                .count()
        })
    });
    group.bench_function(BenchmarkId::from_parameter("std_hashmap"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|&&(f, code)| {
                    black_box(hashmap.get(&(black_box(f), black_box(code)))).is_some()
                })
                .count()
        })
    });
    group.bench_function(BenchmarkId::from_parameter("phf"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|&&(f, code)| {
                    phf.get(&family_code_key(black_box(f), black_box(code)))
                        .is_some()
                })
                .count()
        })
    });
    // No separate `match` id: `finesse-errors` is itself a build-time generated `match`.
    group.finish();
}

fn symbol_keys(rng: &mut Rng) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = all()
        .iter()
        .flat_map(|i| {
            std::iter::once(i.symbol())
                .filter(|s| !s.is_empty())
                .chain(i.aliases())
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    let published = names.clone();
    let unknown = names.len() / 4;
    while names.len() < published.len() + unknown {
        let base = published[rng.below(published.len())];
        let mut changed = base.to_string();
        match rng.below(2) {
            0 => changed.push_str("_X"),
            _ => changed.replace_range(..1, "Q"),
        }
        if lookup_symbol(&changed).is_none() {
            names.push(String::leak(changed));
        }
    }
    rng.shuffle(&mut names);
    names
}

fn bench_symbol(c: &mut Criterion) {
    let mut rng = Rng(0x5eed_0002);
    let keys = symbol_keys(&mut rng);
    let pairs: Vec<(&'static str, &'static ErrorInfo)> = all()
        .iter()
        .flat_map(|i| {
            std::iter::once(i.symbol())
                .filter(|s| !s.is_empty())
                .chain(i.aliases())
                .map(move |s| (s, i))
        })
        .fold(Vec::new(), |mut acc, (s, i)| {
            if !acc.iter().any(|(k, _)| *k == s) {
                acc.push((s, i));
            }
            acc
        });
    let hashmap: HashMap<String, &'static ErrorInfo> =
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let phf = phf_map(pairs.clone());
    let mut sorted = pairs.clone();
    sorted.sort_by_key(|(k, _)| *k);

    let mut group = c.benchmark_group("symbol");
    group.throughput(Throughput::Elements(keys.len() as u64));
    group.bench_function(BenchmarkId::from_parameter("finesse-errors"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|s| lookup_symbol(black_box(s)).is_some())
                .count()
        })
    });
    group.bench_function(BenchmarkId::from_parameter("std_hashmap"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|s| black_box(hashmap.get(black_box(**s))).is_some())
                .count()
        })
    });
    group.bench_function(BenchmarkId::from_parameter("phf"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|s| phf.get(black_box(**s)).is_some())
                .count()
        })
    });
    group.bench_function(BenchmarkId::from_parameter("binary_search"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|s| {
                    sorted
                        .binary_search_by_key(black_box(*s), |(k, _)| k)
                        .is_ok()
                })
                .count()
        })
    });
    group.finish();
}

fn bench_finesse_error(c: &mut Criterion) {
    let mut rng = Rng(0x5eed_0003);
    let published: Vec<(u16, &'static str)> = finesse_errors::entries(Family::FinesseApi)
        .iter()
        .filter_map(|i| Some((i.http_status()?, i.symbol())))
        .collect();
    let mut keys = published.clone();
    while keys.len() < published.len() + published.len() / 4 {
        let (status, name) = published[rng.below(published.len())];
        let key = if rng.below(2) == 0 {
            (status + 1, name)
        } else {
            (status, String::leak(format!("{name}s")) as &str)
        };
        if finesse_error(key.0, key.1).is_none() {
            keys.push(key);
        }
    }
    rng.shuffle(&mut keys);
    let hashmap: HashMap<(u16, &'static str), &'static ErrorInfo> =
        finesse_errors::entries(Family::FinesseApi)
            .iter()
            .filter_map(|i| Some(((i.http_status()?, i.symbol()), i)))
            .collect();

    let mut group = c.benchmark_group("finesse_error");
    group.throughput(Throughput::Elements(keys.len() as u64));
    group.bench_function(BenchmarkId::from_parameter("finesse-errors"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|&&(s, t)| finesse_error(black_box(s), black_box(t)).is_some())
                .count()
        })
    });
    group.bench_function(BenchmarkId::from_parameter("std_hashmap"), |b| {
        b.iter(|| {
            keys.iter()
                .filter(|&&(s, t)| black_box(hashmap.get(&(black_box(s), black_box(t)))).is_some())
                .count()
        })
    });
    group.finish();
}

fn bench_explain(c: &mut Criterion) {
    let rest = include_bytes!("../tests/fixtures/responses/own_two_errors.xml");
    let xmpp = include_bytes!("../tests/fixtures/responses/own_xmpp_message_peripheral.xml");
    let mut group = c.benchmark_group("explain");
    group.throughput(Throughput::Elements(1));
    group.bench_function(BenchmarkId::from_parameter("rest_body"), |b| {
        b.iter(|| {
            finesse_errors::explain::explain(black_box(Some(400)), black_box(rest))
                .map(|d| d.verdict.retry)
        })
    });
    group.bench_function(BenchmarkId::from_parameter("xmpp_notification"), |b| {
        b.iter(|| {
            finesse_errors::explain::explain(black_box(None), black_box(xmpp))
                .map(|d| d.verdict.retry)
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_code,
    bench_symbol,
    bench_finesse_error,
    bench_explain
);
criterion_main!(benches);
