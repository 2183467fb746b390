//! Extraction alone on the layout-family fixtures (fixtures/layouts/): one
//! benchmark per family, so a slow tokenizer (the HTML parser, the
//! run-together split search) shows up by name.
//!
//! `cargo bench --bench layouts -- --warm-up-time 1 --measurement-time 3`
//!
//! Measured 2026-11-22 06:30 (2-core machine, load ≈ 2: a fuzzer on one
//! core), median per extract: tab rows 64 µs, markdown 65, pipe cells 73,
//! OCR markdown 66, CSV 71, HTML 133, markdown with HTML tables 120, Word
//! HTML 418 (wulumuqi 382), run together 97 (wulumuqi 159), plain pdftotext
//! order 178 (kelamayi, three tables read in reading order) and 156 (huaian
//! raw).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nianbao::extract;

const FIXTURES: [(&str, &str); 13] = [
    (
        "tab-rows",
        include_str!("../fixtures/layouts/kelamayi-2024.tab-rows.txt"),
    ),
    (
        "markdown",
        include_str!("../fixtures/layouts/kelamayi-2024.markdown.txt"),
    ),
    (
        "pipe-cells",
        include_str!("../fixtures/layouts/kelamayi-2024.pipe-cells.txt"),
    ),
    (
        "ocr-markdown",
        include_str!("../fixtures/layouts/kelamayi-2024.ocr-markdown.txt"),
    ),
    (
        "html",
        include_str!("../fixtures/layouts/kelamayi-2024.html.txt"),
    ),
    (
        "md-html",
        include_str!("../fixtures/layouts/kelamayi-2024.md-html.txt"),
    ),
    (
        "word-html",
        include_str!("../fixtures/layouts/kelamayi-2024.word-html.txt"),
    ),
    (
        "word-html-wulumuqi",
        include_str!("../fixtures/layouts/wulumuqi-2024.word-html.txt"),
    ),
    (
        "run-together",
        include_str!("../fixtures/layouts/kelamayi-2024.run-together.txt"),
    ),
    (
        "run-together-wulumuqi",
        include_str!("../fixtures/layouts/wulumuqi-2024.run-together.txt"),
    ),
    (
        "csv",
        include_str!("../fixtures/layouts/kelamayi-2024.csv.txt"),
    ),
    (
        "plain",
        include_str!("../fixtures/layouts/kelamayi-2024.plain.txt"),
    ),
    (
        "plain-huaian-raw",
        include_str!("../fixtures/samples/huaian-2024.pdftotext-raw.txt"),
    ),
];

fn layouts(c: &mut Criterion) {
    let mut g = c.benchmark_group("extract_layout");
    for (name, text) in FIXTURES {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| extract::extract(black_box(text))));
    }
    g.finish();
}

criterion_group!(benches, layouts);
criterion_main!(benches);
