//! The window's state machine without a window: no egui context, no
//! harness; actions in, state and effects out (the kittest suite in
//! `tests/gui.rs` drives the same state through the drawn window).

use std::path::{Path, PathBuf};

use super::*;
use crate::template::CellId;

const FAILING: &str = "hongzequ-2023.pdftotext-layout.txt";
const CLEAN: &str = "kelamayi-2024.txt";

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/samples")
        .join(name)
}

fn state() -> AppState {
    AppState::new(Settings::default(), Dialogs::PromptOnly)
}

/// Applies actions that ask nothing of the window but scrolling.
fn apply(s: &mut AppState, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        for effect in s.apply(a) {
            assert!(
                matches!(effect, Effect::ScrollGrid | Effect::ScrollSource(_)),
                "{effect:?}"
            );
        }
    }
}

/// A state with a copy of a sample open (in its own folder).
fn opened(name: &str) -> (AppState, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(sample(name), &path).unwrap();
    let mut s = state();
    apply(&mut s, [Action::Open(path.clone())]);
    (s, dir, path)
}

fn cell(id: &str) -> CellId {
    CellId::parse(id).unwrap()
}

/// Selects a cell, types `text` over it and commits.
fn type_into(s: &mut AppState, id: &str, text: &str) {
    apply(
        s,
        [
            Action::Select(cell(id)),
            Action::BeginEdit(text.into()),
            Action::CommitEdit(None),
        ],
    );
}

fn raw(s: &AppState, id: &str) -> String {
    let doc = s.document().unwrap();
    doc.review.report().cell(cell(id)).unwrap().raw.clone()
}

#[test]
fn open_goes_from_welcome_to_review_and_a_missing_file_stays_put() {
    let mut s = state();
    assert!(matches!(s.screen(), Screen::Welcome));
    apply(&mut s, [Action::Open(PathBuf::from("/no/such/report.txt"))]);
    assert!(matches!(s.screen(), Screen::Welcome));
    assert!(s.notice().unwrap().contains("report.txt"));

    let (s, _dir, path) = opened(FAILING);
    let Screen::Review(doc) = s.screen() else {
        panic!("not reviewing");
    };
    assert_eq!(doc.opened_from.as_deref(), Some(path.as_path()));
    assert!(s.notice().is_none());
    assert!(s.title().ends_with(FAILING));
}

#[test]
fn typing_edits_the_selected_cell_and_undo_takes_it_back() {
    let (mut s, _dir, _) = opened(FAILING);
    let before = raw(&s, "appeals.review.total");
    apply(
        &mut s,
        [
            Action::Select(cell("appeals.review.total")),
            Action::Type("1".into()),
            Action::Type("1".into()),
            Action::CommitEdit(None),
        ],
    );
    assert_eq!(raw(&s, "appeals.review.total"), "11");
    assert!(s.document().unwrap().review.is_dirty());
    assert!(s.title().ends_with('•'));
    apply(&mut s, [Action::Command(Command::Undo)]);
    assert_eq!(raw(&s, "appeals.review.total"), before);
    assert!(!s.document().unwrap().review.is_dirty());
}

#[test]
fn save_as_asks_for_a_path_then_save_writes_there_without_asking() {
    let (mut s, dir, _) = opened(FAILING);
    type_into(&mut s, "appeals.review.total", "11");
    apply(&mut s, [Action::Command(Command::SaveAs)]);
    let target = dir.path().join("out.review.json");
    let Some(Modal::PathPrompt { text, .. }) = &mut s.modal else {
        panic!("expected the path prompt, got {:?}", s.modal);
    };
    assert!(text.ends_with(".review.json"), "{text}");
    *text = target.display().to_string();
    apply(&mut s, [Action::SubmitPrompt]);
    assert!(s.modal.is_none());
    let doc = s.document().unwrap();
    assert!(!doc.review.is_dirty());
    assert_eq!(doc.save_path.as_deref(), Some(target.as_path()));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        doc.review.to_json()
    );

    // The next save goes to the same file, no question asked.
    type_into(&mut s, "appeals.review.upheld", "7");
    apply(&mut s, [Action::Command(Command::Save)]);
    assert!(s.modal.is_none());
    let saved = std::fs::read_to_string(&target).unwrap();
    assert_eq!(saved, s.document().unwrap().review.to_json());
}

#[test]
fn quitting_returns_the_close_effect_after_asking_about_unsaved_edits() {
    let (mut s, _dir, _) = opened(FAILING);
    // Clean: the window closes at once.
    assert_eq!(s.apply(Action::Command(Command::Quit)), [Effect::Close]);

    let (mut s, _dir, _) = opened(FAILING);
    type_into(&mut s, "appeals.review.total", "11");
    apply(&mut s, [Action::Command(Command::Quit)]);
    assert!(matches!(s.modal, Some(Modal::Unsaved { .. })));
    // Cancel stays; Discard closes.
    apply(&mut s, [Action::Unsaved(UnsavedChoice::Cancel)]);
    assert!(s.document().unwrap().review.is_dirty());
    apply(&mut s, [Action::Command(Command::Quit)]);
    assert_eq!(
        s.apply(Action::Unsaved(UnsavedChoice::Discard)),
        [Effect::Close]
    );
    // A theme is a request to the window too.
    assert_eq!(
        s.apply(Action::Command(Command::ThemeDark)),
        [Effect::Theme(Theme::Dark)]
    );
    assert_eq!(s.settings().theme, Theme::Dark);
}

#[test]
fn next_problem_walks_the_problem_cells_in_grid_order_and_wraps() {
    let (mut s, _dir, _) = opened(FAILING);
    let doc = s.document().unwrap();
    let order = GridOrder::new(doc.review.report().layout).flat();
    let marks = marks_of(doc);
    let problems: Vec<CellId> = order
        .iter()
        .copied()
        .filter(|c| marks.problems().contains(c))
        .collect();
    assert!(problems.len() > 2, "{problems:?}");
    let mut seen = Vec::new();
    for _ in 0..problems.len() {
        apply(&mut s, [Action::Command(Command::NextProblem)]);
        seen.push(s.document().unwrap().view.selected.unwrap());
    }
    assert_eq!(seen, problems);
    apply(&mut s, [Action::Command(Command::NextProblem)]);
    assert_eq!(s.document().unwrap().view.selected, Some(problems[0]));
    apply(&mut s, [Action::Command(Command::PrevProblem)]);
    assert_eq!(
        s.document().unwrap().view.selected,
        problems.last().copied()
    );
}

#[test]
fn the_queue_opens_a_row_goes_back_and_steps_to_the_next_report_with_problems() {
    let dir = tempfile::tempdir().unwrap();
    for (name, to) in [
        (CLEAN, "a-clean.txt"),
        (FAILING, "b-failing.txt"),
        (FAILING, "c-failing.txt"),
    ] {
        std::fs::copy(sample(name), dir.path().join(to)).unwrap();
    }
    let mut s = state();
    apply(&mut s, [Action::OpenFolder(dir.path().to_path_buf())]);
    assert!(matches!(s.screen(), Screen::Queue));
    s.queue_mut().unwrap().wait();
    let file = |s: &AppState| {
        let doc = s.document().expect("a report is open");
        doc.review.source().file_name.clone()
    };

    // Open the first row, then back to the queue (the document closes).
    apply(&mut s, [Action::QueueOpen(0)]);
    assert_eq!(file(&s), "a-clean.txt");
    apply(&mut s, [Action::Command(Command::BackToQueue)]);
    assert!(s.showing_queue() && s.document().is_none());
    s.queue_mut().unwrap().wait();

    // From the queue, the next report with problems; from a report, the one after.
    apply(&mut s, [Action::Command(Command::NextReport)]);
    assert_eq!(file(&s), "b-failing.txt");
    apply(&mut s, [Action::Command(Command::NextReport)]);
    assert_eq!(file(&s), "c-failing.txt");
    apply(&mut s, [Action::Command(Command::PrevReport)]);
    assert_eq!(file(&s), "b-failing.txt");

    // Closing the document shows the queue it came from.
    apply(&mut s, [Action::Command(Command::CloseDocument)]);
    assert!(matches!(s.screen(), Screen::Queue));
}

/// Selecting a cell asks the next frame to bring it into view, in the grid
/// and in the source text where it came from: effects, not flags left in
/// the document for a frame.
#[test]
fn selecting_a_cell_returns_the_scrolling_it_needs() {
    let (mut s, _dir, _) = opened(FAILING);
    let id = cell("requests.new_received.total");
    let span = s.document().unwrap().review.report().cell(id).unwrap().span;
    let start = span.expect("the cell was read from the text").start;
    assert_eq!(
        s.apply(Action::Select(id)),
        [Effect::ScrollGrid, Effect::ScrollSource(start)]
    );
    assert_eq!(s.document().unwrap().view.selected, Some(id));
    // Typing scrolls nothing; an extraction note's place scrolls the text.
    assert_eq!(s.apply(Action::Type("2".into())), []);
    assert_eq!(s.apply(Action::ShowSource(7)), [Effect::ScrollSource(7)]);
}
