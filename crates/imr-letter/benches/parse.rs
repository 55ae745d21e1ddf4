//! Parses the whole corpus (150 real letters, pypdf text), next to the floor of simply
//! splitting the same text into lines, and the part of parsing that categorises the items
//! (`annotate`, which `parse` runs last); and bundles of many letters in one text.
//! `cargo bench -p imr-letter`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/real");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn bench(c: &mut Criterion) {
    let letters = corpus();
    let bytes: usize = letters.iter().map(String::len).sum();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("parse", |b| {
        b.iter(|| {
            letters
                .iter()
                .map(|t| imr_letter::parse(t).items.len())
                .sum::<usize>()
        })
    });
    // What categorising the items and reading the citations' parts adds to `parse`.
    let mut parsed: Vec<_> = letters.iter().map(|t| imr_letter::parse(t)).collect();
    g.bench_function("categorise", |b| {
        b.iter(|| {
            parsed
                .iter_mut()
                .zip(&letters)
                .map(|(l, t)| {
                    imr_letter::annotate(l, t);
                    l.items.len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("split_lines", |b| {
        b.iter(|| letters.iter().map(|t| t.lines().count()).sum::<usize>())
    });
    g.finish();
}

/// Bundles of 10, 100 and 1,000 letters (the corpus letters one after the other, in one text)
/// read by `parse_all`: the time per byte stays flat as the bundle grows.
fn bundles(c: &mut Criterion) {
    let letters = corpus();
    let mut g = c.benchmark_group("bundle");
    g.sample_size(10);
    for n in [10usize, 100, 1000] {
        let text: String = letters
            .iter()
            .cycle()
            .take(n)
            .map(|t| format!("{t}\n\n"))
            .collect();
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("parse_all/{n}"), |b| {
            b.iter(|| imr_letter::parse_all(&text).len())
        });
    }
    g.finish();
}

criterion_group!(benches, bench, bundles);
criterion_main!(benches);
