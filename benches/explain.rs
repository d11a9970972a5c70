//! `explain` on whole responses (`explain`), and on hostile bodies that would expose any step
//! that rescans the input (`explain_adversarial`).
//!
//! `explain_adversarial` runs every shape of `tests/support/adversarial.rs` at 4 KiB and at
//! 64 KiB (the body limit). With `Throughput::Bytes`, criterion reports a rate, and
//! `target/criterion/explain_adversarial/<shape>/<size>/new/estimates.json` gives the time per
//! iteration: divide by the size for ns/byte. Linear time means a shape's ns/byte at 64 KiB
//! stays close to its ns/byte at 4 KiB, and no shape is far slower per byte than the typical
//! body (`typical_repeated`).
//!
//! `cargo bench -p finesse-errors --bench explain`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "../tests/support/adversarial.rs"]
mod adversarial;

fn bench_explain(c: &mut Criterion) {
    // 358 bytes, two errors; and a 1.2 KiB XMPP message whose notification is escaped.
    let rest = include_bytes!("../tests/fixtures/responses/own_two_errors.xml");
    let xmpp = include_bytes!("../tests/fixtures/responses/own_xmpp_message_peripheral.xml");
    let mut group = c.benchmark_group("explain");
    for (id, status, body) in [
        ("rest_body", Some(400), &rest[..]),
        ("xmpp_notification", None, &xmpp[..]),
    ] {
        // Bytes, so the report also gives a rate.
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(id), |b| {
            b.iter(|| {
                finesse_errors::explain::explain(black_box(status), black_box(body))
                    .map(|d| d.verdict.retry)
            })
        });
    }
    group.finish();
}

fn bench_explain_adversarial(c: &mut Criterion) {
    let mut group = c.benchmark_group("explain_adversarial");
    for &(shape, build) in adversarial::SHAPES {
        for size in [4 * 1024, 64 * 1024] {
            let body = build(size);
            assert_eq!(body.len(), size, "{shape}");
            group.throughput(Throughput::Bytes(size as u64));
            group.bench_with_input(BenchmarkId::new(shape, size), &body, |b, body| {
                b.iter(|| {
                    // Diagnosed or refused: either way the whole body was looked at.
                    finesse_errors::explain::explain(Some(400), black_box(body))
                        .map(|d| d.errors.len())
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_explain, bench_explain_adversarial);
criterion_main!(benches);
