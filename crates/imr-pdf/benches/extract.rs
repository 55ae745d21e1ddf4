//! Native extraction time per real letter PDF: `cargo bench -p imr-pdf`.
//! (On wasm32, where criterion does not build, this is an empty program; the wasm timing is in
//! `tests/browser.rs`.)

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion};
    use std::path::Path;

    fn bench(c: &mut Criterion) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/real/pdf");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        let mut group = c.benchmark_group("extract_text");
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            group.bench_function(name, |b| {
                b.iter(|| imr_pdf::extract_text(std::hint::black_box(&bytes)).unwrap())
            });
        }
        group.finish();
    }

    criterion_group! {
        name = benches;
        config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
        targets = bench
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
