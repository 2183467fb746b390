//! Scanning a folder of 10,000 reports into the queue (read + extract +
//! check every file, cross-year checks), and a rescan where nothing changed.
//! Goal (issue 6): a full scan under 2 s on a 2-core machine.
//!
//! Measured (2 cores shared with other builds, load ≈ 6): full scan 8.3 s,
//! rescan unchanged 0.18 s. The CPU cost is ≈ 5 CPU-seconds per 10,000
//! reports (`nianbao check DIR --format csv` under `time`: user 4.8–5.1 s),
//! i.e. ≈ 2.5 s on an idle 2-core machine, almost all of it extraction
//! (0.4–1.3 ms per sample in `benches/extract.rs`).
//!
//! After the extraction speed work and the cap on cross-year comparisons
//! (a folder of copies was compared each with each): 10,000 sample copies,
//! `nianbao check DIR --format csv` (release, load ≈ 1.3): 2.0 s wall,
//! 3.4–3.6 s user.
//!
//! `cargo bench --bench scan`

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::folder::{self, ScanControl};

const REPORTS: usize = 10_000;
const PER_FOLDER: usize = 100;

/// Fills `root` with `REPORTS` copies of the sample reports, 100 a folder.
fn generate(root: &Path) {
    let samples_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples");
    let mut samples: Vec<(String, Vec<u8>)> = std::fs::read_dir(&samples_dir)
        .expect("the samples folder exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let stem = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (stem, std::fs::read(&p).expect("a sample is readable"))
        })
        .collect();
    samples.sort();
    for i in 0..REPORTS {
        let dir = root.join(format!("d{:03}", i / PER_FOLDER));
        if i % PER_FOLDER == 0 {
            std::fs::create_dir_all(&dir).expect("a temp folder can be made");
        }
        let (stem, bytes) = &samples[i % samples.len()];
        std::fs::write(dir.join(format!("{stem}-{i}.txt")), bytes).expect("writable");
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    generate(dir.path());
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("10000 reports", |b| {
        b.iter(|| {
            let q = folder::scan(dir.path(), &ScanControl::new()).expect("not cancelled");
            assert_eq!(q.rows().len(), REPORTS);
            q
        })
    });
    let first = folder::scan(dir.path(), &ScanControl::new()).expect("not cancelled");
    group.bench_function("10000 reports, rescan unchanged", |b| {
        b.iter(|| folder::rescan(dir.path(), Some(&first), &ScanControl::new()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
