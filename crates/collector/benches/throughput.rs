//! Collector throughput over the fixture corpus (tests/fixtures/collector/*/input.*), repeated
//! so that one iteration is a realistic batch: MB/s (`Throughput::Bytes`) and files/s
//! (`Throughput::Elements`), non-strict and strict.
//!
//! Run: `cargo bench -p ngc-collector --bench throughput` (add `-- --quick` for a short run).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ngc_collector::{collect, CollectOptions};

/// How often the fixture corpus is repeated per iteration.
const REPEAT: usize = 20;

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/collector");
    let mut files = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        for name in ["input.ts", "input.d.ts", "input.tsx"] {
            let path = entry.path().join(name);
            if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((name.to_string(), text));
            }
        }
    }
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    let mut corpus = Vec::with_capacity(files.len() * REPEAT);
    for _ in 0..REPEAT {
        corpus.extend(files.iter().cloned());
    }
    corpus
}

fn run(corpus: &[(String, String)], options: &CollectOptions) -> usize {
    let mut produced = 0;
    for (name, text) in corpus {
        let c = collect(black_box(name), black_box(text), options);
        produced += c.metadata.is_some() as usize + c.diagnostics.len();
    }
    produced
}

fn throughput(c: &mut Criterion) {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(|(_, t)| t.len()).sum();
    let loose = CollectOptions { strict: false, ..CollectOptions::default() };
    let strict = CollectOptions { strict: true, ..CollectOptions::default() };

    let mut group = c.benchmark_group("collector-bytes");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("non-strict", |b| b.iter(|| run(&corpus, &loose)));
    group.bench_function("strict", |b| b.iter(|| run(&corpus, &strict)));
    group.finish();

    let mut group = c.benchmark_group("collector-files");
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function("non-strict", |b| b.iter(|| run(&corpus, &loose)));
    group.bench_function("strict", |b| b.iter(|| run(&corpus, &strict)));
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
