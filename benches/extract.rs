//! Read + extract + check, per sample report and for all samples together.
//! Goal (issue 2): under 0.2 ms per sample report (≥ 50 MB/s).
//!
//! `cargo bench --bench extract`
//!
//! Measured 2026-11-22 on the 2-core build machine (load ≈ 1.5). Each stage
//! repeated alone on one sample, mean over the 9 samples, before → after the
//! checks work: decode 4 µs, extract ≈ 138 µs (unchanged), checks 80 → 60 µs;
//! total ≈ 222 → 202 µs. `all_samples` (the samples one after another, colder
//! caches) measured 2.88 ms for the 9, ≈ 320 µs each, after. By instructions
//! (callgrind, per call, kelamayi): checks 906k → 404k; on the sparse huaian
//! raw text 4.0M → 1.6M. Extract (≈ 2.4M instructions) is now most of it.
//!
//! Extraction work (issue 4), by instructions: callgrind on a release
//! program calling `extract` (or decode, extract and checks) n = 11 and n = 1
//! times per sample, (n11 − n1) / 10, summed over the ten fixtures (the nine
//! here and hongzequ-2024's raw text). From 1029886 to 86cb411: extract
//! 18.1M → 15.0M (kelamayi 1.80M → 1.27M, huaian layout 2.33M → 1.55M), and
//! read, extract and check 28.6M → 24.5M; in between the plain-order readers
//! were added (the raw texts cost more: huaian raw extract 2.10M → 2.45M).
//! Wall clock on the loaded machine (load ≈ 4, best of six runs of the
//! nine samples): ≈ 263 → 226 µs per sample for read, extract and check.
//!
//! Tables found by their rows (issue 10), wall clock, the machine otherwise
//! idle, the base (88d86e8) and this change benched back to back with one
//! target dir: `all_samples` 2.73 ms → 2.39 ms for the nine (≈ 304 → 265 µs
//! each; run-to-run noise here is ±15%, kelamayi, where the new reader does
//! not run, moved +14%). The reader runs only where the layout's rows left a
//! cell missing: hongzequ 2023 / 2024 layouts 193 → 209 µs and 187 → 196 µs,
//! tacheng 187 → 178, shawan 185 → 208, kekedala 215 → 190 µs.
//!
//! Session 4 (rows one value per line, rows cut by their labels, OCR
//! mending, label sides settled), the base (d4003bf) and this change benched
//! back to back with one target dir, a fuzzer busy on the other core (the
//! machine measured about twice as slow as above that day): `all_samples`
//! 5.41 ms → 5.87–5.90 ms (+9%). A release loop of 300 extracts per sample:
//! tacheng 0.18 → 0.17 s, hongzequ 2024 0.19 → 0.18 s, shawan 0.15 → 0.19 s
//! (its cell-per-line rows are now candidates of the row reader too).
//!
//! Session 5, by instructions (the machine shared with a build, so wall
//! clock meant little): callgrind on a release program calling `extract`
//! once and six times on each of the nine samples, (n6 − n1) / 5 per pass
//! over the nine. 88d86e8 (when issue 10 was filed, ≈ 242 µs a report)
//! 14.5 M; d4003bf (after the row reader) 52.9 M; this session's start
//! 50.9 M; after making the row reader cheaper (key characters made once,
//! keys tried only where their first or last character stands, a stretch
//! read at its ends, no copies of a number's digits, page footers looked for
//! in short lines only) 29.4 M. Per sample the row reader is what costs:
//! kelamayi, wulumuqi and huaian's layout text, where it does not run, cost
//! what they did at 88d86e8 (1.3–1.6 M); the six where a cell is left
//! missing and it runs cost 3.6–5.2 M (1.25–2.9 M at 88d86e8). So the
//! extraction is still about twice the instructions of 88d86e8.
//!
//! Session 6, the same way (callgrind, (n6 − n1) / 5 per pass over the
//! nine), measured on 88d86e8 again beside this tree. Extraction alone:
//! 88d86e8 14.0 M; session 5's end 29.5 M; 27.3 M after the row reader's
//! separator test answers ASCII by a bit mask and ideographs first, keys are
//! tried only at characters a 1024-bit set lets through, the alignment
//! scores each item once per row instead of once per (row, previous row),
//! and page footers are looked for only in lines with a digit and a dash
//! or 第; 22.4 M with mimalloc as the allocator (a quarter of the
//! instructions were malloc and free); 21.0 M with the stream reading an
//! ASCII byte as its character. What this benchmark runs (decode, extract,
//! check): 88d86e8 22.3 M; 35.1 M at session 5's end (after the first of
//! the above); 29.2 M with mimalloc; 24.1 M with the checks made cheaper
//! (`checks::run` 6.6 M → 2.6 M: cells by index in a table of the template
//! checks built once, repair looking only at the cells it could repair,
//! the narrative's sentence ends found with memchr). So +8% instructions
//! over 88d86e8. Wall clock, a release loop of 300 passes over the nine
//! (decode, extract, check), the two builds alternated, user time. Eight
//! rounds on the idle machine: 88d86e8 0.96–1.32 s (median 1.02 s), this
//! tree 0.92–1.24 s (median 1.16 s). Ten rounds later that day: 88d86e8
//! 0.94–1.38 s (median 1.16 s), this tree 1.05–1.44 s (median 1.10 s).
//! About 350–430 µs a report either way on this machine that day: the
//! difference is within the run-to-run noise. Every
//! step was checked to give the same report, byte for byte, on all 347
//! fixture and shared texts.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nianbao::{checks, extract, source};

const SAMPLES: [(&str, &[u8]); 9] = [
    (
        "kelamayi-2024",
        include_bytes!("../fixtures/samples/kelamayi-2024.txt"),
    ),
    (
        "tacheng-2024",
        include_bytes!("../fixtures/samples/tacheng-2024.txt"),
    ),
    (
        "wulumuqi-2024",
        include_bytes!("../fixtures/samples/wulumuqi-2024.txt"),
    ),
    (
        "kekedala-2024",
        include_bytes!("../fixtures/samples/kekedala-2024.txt"),
    ),
    (
        "shawan-2024",
        include_bytes!("../fixtures/samples/shawan-2024.txt"),
    ),
    (
        "hongzequ-2023.layout",
        include_bytes!("../fixtures/samples/hongzequ-2023.pdftotext-layout.txt"),
    ),
    (
        "hongzequ-2024.layout",
        include_bytes!("../fixtures/samples/hongzequ-2024.pdftotext-layout.txt"),
    ),
    (
        "huaian-2024.layout",
        include_bytes!("../fixtures/samples/huaian-2024.pdftotext-layout.txt"),
    ),
    (
        "huaian-2024.raw",
        include_bytes!("../fixtures/samples/huaian-2024.pdftotext-raw.txt"),
    ),
];

/// What opening a report costs: decode, extract, check.
fn pipeline(bytes: &[u8]) -> usize {
    let Ok(text) = source::decode(bytes) else {
        return 0;
    };
    let report = extract::extract(&text.text);
    let checks = checks::run(&report, &text.text);
    checks.results.len()
}

fn per_sample(c: &mut Criterion) {
    let mut g = c.benchmark_group("read_extract_check");
    for (name, bytes) in SAMPLES {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name, |b| b.iter(|| pipeline(black_box(bytes))));
    }
    g.finish();
}

fn all_samples(c: &mut Criterion) {
    let total: usize = SAMPLES.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("all_samples");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("read_extract_check", |b| {
        b.iter(|| {
            SAMPLES
                .iter()
                .map(|(_, bytes)| pipeline(black_box(bytes)))
                .sum::<usize>()
        })
    });
    g.finish();
}

/// The parts alone, on the largest clean sample: where the time goes.
fn stages(c: &mut Criterion) {
    let bytes = SAMPLES[0].1;
    let Ok(text) = source::decode(bytes) else {
        return;
    };
    let report = extract::extract(&text.text);
    let mut g = c.benchmark_group("stages_kelamayi");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("decode", |b| b.iter(|| source::decode(black_box(bytes))));
    g.bench_function("extract", |b| {
        b.iter(|| extract::extract(black_box(&text.text)))
    });
    g.bench_function("checks", |b| {
        b.iter(|| checks::run(black_box(&report), black_box(&text.text)))
    });
    g.bench_function("checks_template", |b| {
        b.iter(|| checks::template_checks(black_box(&report)))
    });
    g.bench_function("checks_narrative", |b| {
        b.iter(|| checks::narrative::run(black_box(&report), black_box(&text.text)))
    });
    g.finish();
}

/// Checks alone on a text with many incomplete checks and suggestions
/// (the raw pdftotext of huaian): messages and repairs dominate there.
fn sparse_checks(c: &mut Criterion) {
    let bytes = SAMPLES[8].1;
    let Ok(text) = source::decode(bytes) else {
        return;
    };
    let report = extract::extract(&text.text);
    let mut g = c.benchmark_group("stages_huaian_raw");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("checks", |b| {
        b.iter(|| checks::run(black_box(&report), black_box(&text.text)))
    });
    g.finish();
}

criterion_group!(benches, per_sample, all_samples, stages, sparse_checks);
criterion_main!(benches);
