//! Headless frame benchmark: the window's UI on an egui `Context` with no
//! window and no GPU (layout + tessellation-free pass), with the sample open
//! and with a 5 MB source text. Goals: < 2 ms and < 4 ms per frame.
//! Also the folder queue with 10,000 reports (only visible rows laid out).
//!
//! Measured 2026-11-22 (2 cores shared with other builds): sample open
//! 2.05 ms, 5 MB source 2.27 ms, scrolling it 2.29 ms, queue of 10,000
//! reports 1.93 ms (3.24 ms before the queue's tally was kept with the list
//! instead of counted every frame).

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, RawInput, Rect, Vec2, pos2, vec2};
use nianbao::app::{AppState, Dialogs, Settings};
use nianbao::review::Review;
use nianbao::source::SourceText;

const SAMPLE: &str = include_str!("../fixtures/samples/hongzequ-2023.pdftotext-layout.txt");

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 1000.0))),
        events,
        ..RawInput::default()
    }
}

/// A context with our fonts, the state, and a few warm-up frames drawn.
fn setup(review: Review) -> (egui::Context, AppState) {
    let ctx = egui::Context::default();
    nianbao::app::fonts::install(&ctx);
    let mut state = AppState::new(Settings::default(), Dialogs::PromptOnly);
    state.open_review(review, None);
    for _ in 0..3 {
        let _ = ctx.run_ui(input(vec![]), |ui| state.ui(ui));
    }
    // Select a cell so the source highlight and the inspector are drawn too.
    let f8 = Event::Key {
        key: egui::Key::F8,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    let _ = ctx.run_ui(input(vec![f8]), |ui| state.ui(ui));
    (ctx, state)
}

fn review_of(name: &str, text: String) -> Review {
    let source = SourceText {
        text,
        encoding: "UTF-8".into(),
        had_errors: false,
        ..Default::default()
    };
    Review::new(name, source)
}

fn big_text() -> String {
    let mut text = String::with_capacity(5_300_000);
    while text.len() < 5_000_000 {
        text.push_str(SAMPLE);
        text.push('\n');
    }
    text
}

fn frames(c: &mut Criterion) {
    let (ctx, mut state) = setup(review_of("sample.txt", SAMPLE.to_string()));
    c.bench_function("frame: sample open", |b| {
        b.iter(|| ctx.run_ui(input(vec![]), |ui| state.ui(ui)))
    });

    let (ctx, mut state) = setup(review_of("big.txt", big_text()));
    c.bench_function("frame: 5 MB source", |b| {
        b.iter(|| ctx.run_ui(input(vec![]), |ui| state.ui(ui)))
    });
    // Scrolling the source text: a wheel step every frame, over the left panel.
    let mut down = true;
    c.bench_function("frame: 5 MB source, scrolling", |b| {
        b.iter(|| {
            down = !down;
            let delta = if down { -120.0 } else { 120.0 };
            let events = vec![
                Event::PointerMoved(pos2(200.0, 500.0)),
                Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: Vec2::new(0.0, delta),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                    modifiers: egui::Modifiers::NONE,
                },
            ];
            ctx.run_ui(input(events), |ui| state.ui(ui))
        })
    });
}

/// A folder of 10,000 copies of the samples, 100 a subfolder.
fn queue_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples");
    let mut texts: Vec<(String, Vec<u8>)> = std::fs::read_dir(&samples)
        .expect("the samples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&p).expect("a sample"))
        })
        .collect();
    texts.sort();
    for i in 0..10_000 {
        let sub = dir.path().join(format!("d{:03}", i / 100));
        std::fs::create_dir_all(&sub).expect("a subfolder");
        let (name, bytes) = &texts[i % texts.len()];
        std::fs::write(sub.join(format!("{i:05}-{name}")), bytes).expect("a copy");
    }
    dir
}

/// The queue view with 10,000 reports (only the visible rows are laid out).
fn queue_frames(c: &mut Criterion) {
    let dir = queue_folder();
    let ctx = egui::Context::default();
    nianbao::app::fonts::install(&ctx);
    let mut state = AppState::new(Settings::default(), Dialogs::PromptOnly);
    state.open_folder(&ctx, dir.path());
    if let Some(q) = state.queue_mut() {
        q.wait();
    }
    for _ in 0..3 {
        let _ = ctx.run_ui(input(vec![]), |ui| state.ui(ui));
    }
    c.bench_function("frame: queue of 10,000 reports", |b| {
        b.iter(|| ctx.run_ui(input(vec![]), |ui| state.ui(ui)))
    });
}

criterion_group!(benches, frames, queue_frames);
criterion_main!(benches);
