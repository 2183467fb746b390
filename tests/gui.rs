//! The window, driven headless through egui_kittest: by accessible names
//! (every grid cell is named "row label · column label") and by keys.

#![cfg(feature = "gui")]

mod common;

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::modal::Modal;
use nianbao::app::{AppState, Dialogs, Settings};
use nianbao::template::CellId;

/// The one harness of the suite: a large window, the bundled CJK font
/// installed, file dialogs replaced by the in-window path prompt.
fn harness() -> Harness<'static, AppState> {
    Harness::builder()
        .with_size(egui::vec2(1600.0, 1800.0))
        .with_max_steps(40)
        .with_context_setup(nianbao::app::fonts::install)
        .build_ui_state(
            |ui, state: &mut AppState| state.ui(ui),
            AppState::new(Settings::default(), Dialogs::PromptOnly),
        )
}

/// A harness with a copy of a sample opened from a temporary directory.
fn harness_with(sample: &str) -> (Harness<'static, AppState>, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(sample);
    std::fs::copy(Path::new("fixtures/samples").join(sample), &path).unwrap();
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &path);
    h.run();
    assert!(h.state().document().is_some(), "{:?}", h.state().notice());
    (h, dir, path)
}

const FAILING: &str = "hongzequ-2023.pdftotext-layout.txt";
/// How the checks panel lists `appeals.total.review` failing, then acknowledged.
const FAILING_CHECK: &str = "× 复议诉讼总计 · 行政复议";
const ACKED_CHECK: &str = "✓ 复议诉讼总计 · 行政复议";

fn cell(id: &str) -> CellId {
    CellId::parse(id).unwrap()
}

fn selected(h: &Harness<'_, AppState>) -> Option<CellId> {
    h.state().document().and_then(|d| d.view.selected)
}

fn click_cell(h: &mut Harness<'_, AppState>, id: &str) {
    let name = cell(id).label();
    h.get_by_label(&name).scroll_to_me();
    h.run();
    h.get_by_label(&name).click();
    h.run();
    assert_eq!(selected(h), Some(cell(id)));
}

fn type_and_enter(h: &mut Harness<'_, AppState>, text: &str) {
    h.event(Event::Text(text.to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

fn raw(h: &Harness<'_, AppState>, id: &str) -> String {
    let doc = h.state().document().unwrap();
    doc.review.report().cell(cell(id)).unwrap().raw.clone()
}

/// A department's Word file, opened like any report: the form's cells are
/// in the grids.
#[test]
fn a_word_document_opens_with_its_values() {
    use common::form::{Blank, Fill, filled_docx};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kelamayi-2024.docx");
    let fill = Fill {
        blank: Blank::Empty,
        subtotal: false,
    };
    std::fs::write(&path, filled_docx("kelamayi-2024", fill)).unwrap();
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &path);
    h.run();
    let doc = h.state().document().expect("the Word file is open");
    assert_eq!(doc.review.source().kind, nianbao::source::SourceKind::Docx);
    assert_eq!(raw(&h, "requests.new_received.total"), "216");
    let name = cell("requests.new_received.total").label();
    h.get_by_label(&name).scroll_to_me();
    h.run();
    assert!(h.query_by_label(&name).is_some());
}

/// A published PDF, opened directly: its text layer is the source, its
/// tables are in the grids, its wrong published totals fail.
#[test]
fn a_pdf_opens_with_its_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hongzequ-2023.pdf");
    std::fs::copy("fixtures/pdf/hongzequ-2023.pdf", &path).unwrap();
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &path);
    h.run();
    let doc = h.state().document().expect("the PDF is open");
    assert_eq!(doc.review.source().kind, nianbao::source::SourceKind::Pdf);
    assert_eq!(raw(&h, "appeals.review.upheld"), "10");
    assert!(h.query_by_label(FAILING_CHECK).is_some());
}

/// The Original tab of a PDF: its pages, the selected cell's box on its
/// page, and a click on a number on the page selecting its cell.
#[test]
fn the_original_page_shows_the_cell_and_a_click_on_it_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hongzequ-2023.pdf");
    std::fs::copy("fixtures/pdf/hongzequ-2023.pdf", &path).unwrap();
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &path);
    h.run();
    h.get_by_label("原件").click();
    h.run();
    assert!(h.query_by_label("原件第 1 页").is_some());

    // A cell's box on the page.
    let id = cell("active.fees.amount");
    let doc = h.state().document().unwrap();
    let span = doc.review.report().cell(id).unwrap().span.unwrap();
    let original = doc.original.as_ref().expect("the PDF is its own original");
    let boxes = original.boxes(span);
    assert_eq!(boxes.len(), 1, "{boxes:?}");
    let (page, r) = boxes[0];
    let (w, _) = original.page_sizes()[page];

    // Clicking the middle of that box selects the cell.
    let label = format!("原件第 {} 页", page + 1);
    h.get_by_label(&label).scroll_to_me();
    h.run();
    let node = h.get_by_label(&label);
    let rect = node.rect();
    let zoom = rect.width() / w;
    let at = rect.min + egui::vec2((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0) * zoom;
    h.hover_at(at);
    h.run();
    h.event(Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(selected(&h), Some(id));
}

#[test]
fn welcome_opens_the_embedded_sample() {
    let mut h = harness();
    h.run();
    h.get_by_label("打开示例报告 / Open a sample report")
        .click();
    h.run();
    let doc = h.state().document().expect("the sample is open");
    assert!(doc.review.source().text.contains("政府信息公开"));
    assert!(
        h.query_by_label(&cell("requests.new_received.total").label())
            .is_some()
    );
}

#[test]
fn typing_into_a_cell_reruns_the_checks() {
    let (mut h, _dir, _) = harness_with(FAILING);
    assert!(
        h.query_by_label(FAILING_CHECK).is_some(),
        "the published total is wrong"
    );
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    assert_eq!(raw(&h, "appeals.review.total"), "11");
    assert!(
        h.query_by_label(FAILING_CHECK).is_none(),
        "the check passes now"
    );
    assert!(h.state().title().ends_with('•'), "{}", h.state().title());
    // Enter moved down to the next row, same column.
    assert_eq!(selected(&h), Some(cell("appeals.litigation_direct.total")));
}

#[test]
fn undo_and_redo_go_through_the_history() {
    let (mut h, _dir, _) = harness_with(FAILING);
    let before = raw(&h, "appeals.review.total");
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(raw(&h, "appeals.review.total"), before);
    assert!(h.query_by_label(FAILING_CHECK).is_some());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(raw(&h, "appeals.review.total"), "11");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(raw(&h, "appeals.review.total"), "11");
}

#[test]
fn arrows_tab_and_escape_move_and_cancel() {
    let (mut h, _dir, _) = harness_with(FAILING);
    click_cell(&mut h, "requests.disclosed.natural_person");
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(selected(&h), Some(cell("requests.disclosed.commercial")));
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(
        selected(&h),
        Some(cell("requests.partly_disclosed.commercial"))
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(
        selected(&h),
        Some(cell("requests.partly_disclosed.natural_person"))
    );
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        selected(&h),
        Some(cell("requests.partly_disclosed.commercial"))
    );
    let before = raw(&h, "requests.partly_disclosed.commercial");
    h.event(Event::Text("99".into()));
    h.run();
    assert!(h.state().document().unwrap().view.editing.is_some());
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(raw(&h, "requests.partly_disclosed.commercial"), before);
    assert!(!h.state().title().ends_with('•'));
}

#[test]
fn f8_walks_the_problem_cells() {
    let (mut h, _dir, _) = harness_with(FAILING);
    h.key_press(Key::F8);
    h.run();
    let doc = h.state().document().unwrap();
    let marks = nianbao::app::state::marks_of(doc);
    let first = selected(&h).expect("F8 selects a problem");
    assert!(marks.get(first).is_some_and(|m| m.is_problem()));
    assert_eq!(Some(&first), marks.problems().first());
    h.key_press(Key::F8);
    h.run();
    let second = selected(&h).unwrap();
    assert_ne!(first, second);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    h.run();
    assert_eq!(selected(&h), Some(first));
}

#[test]
fn f7_walks_the_values_the_extraction_was_unsure_of() {
    // Plain pdftotext: table B is placed by reading order, every value unsure.
    let (mut h, _dir, _) = harness_with("huaian-2024.pdftotext-raw.txt");
    let unsure = |h: &Harness<'_, AppState>| {
        let doc = h.state().document().unwrap();
        nianbao::app::state::marks_of(doc).unsure().to_vec()
    };
    let is_unsure = |h: &Harness<'_, AppState>, id: CellId| {
        let doc = h.state().document().unwrap();
        doc.review.report().cell(id).is_some_and(|c| c.is_unsure())
    };
    let n = unsure(&h).len();
    assert!(n >= 175, "{n}");
    assert!(h.query_by_label(&format!("待核对 {n}")).is_some());
    h.key_press(Key::F7);
    h.run();
    let first = selected(&h).expect("F7 selects an unsure value");
    assert!(is_unsure(&h, first));
    assert_eq!(Some(&first), unsure(&h).first());
    h.key_press(Key::F7);
    h.run();
    let second = selected(&h).unwrap();
    assert!(second != first && is_unsure(&h, second));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F7);
    h.run();
    assert_eq!(selected(&h), Some(first));
    // Typing a value's own text confirms it (an edit on record): one fewer.
    let value = raw(&h, &first.to_string());
    type_and_enter(&mut h, &value);
    assert!(!is_unsure(&h, first));
    assert_eq!(unsure(&h).len(), n - 1);
    assert!(h.query_by_label(&format!("待核对 {}", n - 1)).is_some());
}

#[test]
fn the_extraction_tab_says_what_could_not_be_read_and_points_at_it() {
    // Plain pdftotext written column by column: tables III and IV unreadable.
    let (mut h, _dir, _) = harness_with("hongzequ-2024.pdftotext-raw.txt");
    h.get_by_label("提取").click();
    h.run();
    assert!(
        h.query_by_label("⚠ 三、收到和处理政府信息公开申请情况：未能从原文读取")
            .is_some()
    );
    // A note about a loosely matched label selects its cell.
    h.get_by_label_contains("行标签模糊匹配：「行政许可")
        .click();
    h.run();
    assert_eq!(selected(&h), Some(cell("active.licensing.decisions")));
}

#[test]
fn a_table_read_in_reading_order_says_so_above_its_grid() {
    let (mut h, _dir, _) = harness_with("huaian-2024.pdftotext-raw.txt");
    assert_eq!(
        h.query_all_by_label_contains("原文此表没有行结构").count(),
        1,
        "only table III is read in reading order"
    );
    h.get_by_label("提取").click();
    h.run();
    assert!(
        h.query_by_label("⚠ 三、收到和处理政府信息公开申请情况：按阅读顺序读取")
            .is_some()
    );
}

#[test]
fn a_2019_report_is_said_to_be_one_not_forced_into_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2019.txt");
    std::fs::write(
        &path,
        "某某县人民政府2019年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5\n五、存在的主要问题及改进情况\n无。\n",
    )
    .unwrap();
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &path);
    h.run();
    assert!(
        h.query_by_label_contains("此报告为 2019 年版模板")
            .is_some()
    );
    h.get_by_label("提取").click();
    h.run();
    assert!(h.query_by_label("模板：2019 年版").is_some());
}

#[test]
fn a_check_can_be_acknowledged_and_taken_back() {
    let (mut h, _dir, _) = harness_with(FAILING);
    h.get_by_label(FAILING_CHECK).click();
    h.run();
    assert_eq!(
        h.state()
            .document()
            .unwrap()
            .view
            .selected_check
            .map(|c| c.to_string())
            .as_deref(),
        Some("appeals.total.review")
    );
    h.get_by_label("确认此校验…").click();
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Acknowledge { .. })));
    h.event(Event::Text("原报告表四合计有误".into()));
    h.run();
    h.get_by_label("确认").click();
    h.run();
    let acked = &h.state().document().unwrap().review.acknowledged().to_vec();
    assert_eq!(acked.len(), 1);
    assert_eq!(acked[0].check.to_string(), "appeals.total.review");
    assert_eq!(acked[0].note, "原报告表四合计有误");
    assert!(h.query_by_label(ACKED_CHECK).is_some());
    h.get_by_label("撤回确认").click();
    h.run();
    assert!(
        h.state()
            .document()
            .unwrap()
            .review
            .acknowledged()
            .is_empty()
    );
}

/// One tally everywhere: a saved review with an acknowledged failure shows
/// the same counts in the status bar, in its queue row and in `check`.
#[test]
fn an_acknowledged_failure_is_counted_alike_in_the_window_the_queue_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("h.txt");
    std::fs::copy(Path::new("fixtures/samples").join(FAILING), &text).unwrap();
    let saved = dir.path().join("h.review.json");
    let mut review = nianbao::open::open(&text).unwrap();
    review.acknowledge(
        "appeals.total.review".parse().unwrap(),
        "原报告表四合计有误",
    );
    review.save(&saved).unwrap();

    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &saved);
    h.run();
    let window = nianbao::app::state::marks_of(h.state().document().unwrap()).counts();

    let queue = nianbao::folder::scan(dir.path(), &nianbao::folder::ScanControl::new()).unwrap();
    assert_eq!(queue.rows().len(), 1, "the review stands for its text");
    let row = queue.rows()[0].counts();
    assert_eq!(window, row);
    assert_eq!(row.acknowledged, 1);
    assert_eq!(row.fail, 1);

    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .args(["check", saved.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &v[0]["summary"];
    let n = |k: &str| s[k].as_u64().unwrap() as usize;
    assert_eq!(
        (
            n("pass"),
            n("fail"),
            n("incomplete"),
            n("warning"),
            n("acknowledged")
        ),
        (
            row.pass,
            row.fail,
            row.incomplete,
            row.warning,
            row.acknowledged
        )
    );
    // The status bar says those numbers, in the words `check` uses.
    let bar = format!(
        "通过 {}，不符 {}，不完整 {}，提醒 {}，已确认 1",
        row.pass, row.fail, row.incomplete, row.warning
    );
    assert!(h.query_by_label(&bar).is_some(), "{bar}");
}

#[test]
fn unsaved_edits_are_not_lost_without_asking() {
    let (mut h, _dir, path) = harness_with(FAILING);
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.get_by_label("取消").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert_eq!(raw(&h, "appeals.review.total"), "11");
    // Opening another file asks too; Discard goes on.
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &path);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.get_by_label("不保存").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert_ne!(raw(&h, "appeals.review.total"), "11");
}

#[test]
fn save_writes_what_the_core_writes() {
    let (mut h, dir, _) = harness_with(FAILING);
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    // No dialog here: the path prompt, filled with the default name.
    let Some(Modal::PathPrompt { text, .. }) = h.state().modal() else {
        panic!("expected the path prompt, got {:?}", h.state().modal());
    };
    let expected = dir
        .path()
        .join("hongzequ-2023.pdftotext-layout.review.json");
    assert_eq!(Path::new(text), expected);
    h.get_by_label("保存").click();
    h.run();
    let written = std::fs::read_to_string(&expected).expect("saved");
    let doc = h.state().document().unwrap();
    assert_eq!(written, doc.review.to_json());
    assert!(!doc.review.is_dirty());
    assert!(!h.state().title().ends_with('•'));
    // The next Ctrl+S saves in place without asking.
    click_cell(&mut h, "appeals.litigation_after_review.total");
    type_and_enter(&mut h, "5");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().modal().is_none());
    let doc = h.state().document().unwrap();
    assert_eq!(
        std::fs::read_to_string(&expected).unwrap(),
        doc.review.to_json()
    );
}

#[test]
fn a_broken_file_shows_why_and_keeps_the_document() {
    let (mut h, dir, _) = harness_with(FAILING);
    let broken = dir.path().join("broken.txt");
    std::fs::write(&broken, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &broken);
    h.run();
    let notice = h.state().notice().expect("an error is shown").to_string();
    assert!(notice.contains("broken.txt"), "{notice}");
    assert!(h.query_by_label_contains("broken.txt").is_some());
    let doc = h.state().document().unwrap();
    assert_eq!(doc.review.source().file_name, FAILING);
}

#[test]
fn clicking_a_number_in_the_text_selects_its_cell() {
    let (mut h, _dir, _) = harness_with(FAILING);
    click_cell(&mut h, "requests.new_received.total");
    let doc = h.state().document().unwrap();
    let span = doc
        .review
        .report()
        .cell(cell("requests.new_received.total"))
        .unwrap()
        .span;
    assert!(span.is_some(), "the extractor gives a span");
    // Select elsewhere, then apply the click on the span's offset.
    click_cell(&mut h, "appeals.review.total");
    let ctx = h.ctx.clone();
    h.state_mut().act(
        &ctx,
        nianbao::app::action::Action::ClickSource(span.unwrap().start),
    );
    assert_eq!(selected(&h), Some(cell("requests.new_received.total")));
}

/// A file that is not there: the banner says so in Chinese only (the
/// file's name aside) in the Chinese window, and in English once the
/// window is switched to English: the message is a value, worded when drawn.
#[test]
fn a_missing_file_is_said_only_in_chinese_in_the_chinese_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &dir.path().join("missing.txt"));
    h.run();
    let zh = h.state().notice().expect("the reason is shown");
    assert_eq!(
        zh,
        "无法打开 missing.txt：找不到这个文件：请检查文件名和所在文件夹"
    );
    // The banner shows exactly that, and nothing English but the name.
    assert!(h.query_by_label(&zh).is_some());
    let english: Vec<&str> = zh
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && *w != "missing" && *w != "txt")
        .collect();
    assert!(english.is_empty(), "{english:?} in {zh}");
    assert!(h.query_by_label("关闭提示").is_some());

    h.state_mut().act(
        &ctx,
        nianbao::app::action::Action::Command(nianbao::app::command::Command::LangEn),
    );
    h.run();
    assert_eq!(
        h.state().notice().as_deref(),
        Some("Cannot open missing.txt: no such file: check the name and the folder")
    );
    assert!(
        h.query_by_label_contains("Cannot open missing.txt")
            .is_some()
    );
    assert!(h.query_by_label("Dismiss").is_some());
}

#[test]
fn english_ui_is_complete_for_the_main_view() {
    let (mut h, _dir, _) = harness_with(FAILING);
    let ctx = h.ctx.clone();
    h.state_mut().act(
        &ctx,
        nianbao::app::action::Action::Command(nianbao::app::command::Command::LangEn),
    );
    h.run();
    assert!(h.query_by_label("Checks").is_some());
    assert!(
        h.query_by_label(&cell("appeals.review.total").label_en())
            .is_some()
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_edits_unsaved() {
    let (mut h, dir, _) = harness_with(FAILING);
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let bad = dir.path().join("no-such-dir").join("out.review.json");
    let Some(Modal::PathPrompt { .. }) = h.state().modal() else {
        panic!("expected the path prompt");
    };
    // Replace the proposed path with one that cannot be written.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(bad.display().to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let notice = h.state().notice().expect("the reason is shown").to_string();
    assert!(notice.contains("out.review.json"), "{notice}");
    assert!(h.state().document().unwrap().review.is_dirty());
    assert!(h.state().title().ends_with('•'));
}

#[test]
fn a_saved_review_opens_again_with_its_edits() {
    let (mut h, dir, _) = harness_with(FAILING);
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let saved = dir
        .path()
        .join("hongzequ-2023.pdftotext-layout.review.json");
    assert!(saved.exists());
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert!(
        h.state().document().is_none(),
        "closed without asking: nothing unsaved"
    );
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &saved);
    h.run();
    assert_eq!(raw(&h, "appeals.review.total"), "11");
    assert!(h.query_by_label(FAILING_CHECK).is_none());
    let doc = h.state().document().unwrap();
    assert_eq!(doc.save_path.as_deref(), Some(saved.as_path()));
    assert!(h.state().title().contains("review.json"));
}

/// A file dropped on the window (what eframe hands egui on native).
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_file_opens_it_after_asking_about_unsaved_edits() {
    let (mut h, dir, _) = harness_with(FAILING);
    let other = dir.path().join("kelamayi-2024.txt");
    std::fs::copy("fixtures/samples/kelamayi-2024.txt", &other).unwrap();
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(other.clone())));
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.get_by_label("不保存").click();
    h.run();
    let doc = h.state().document().unwrap();
    assert_eq!(doc.review.source().file_name, "kelamayi-2024.txt");
    assert_eq!(h.state().settings().recent.first(), Some(&other));
}

#[test]
fn closing_the_window_with_unsaved_edits_asks_first() {
    let (mut h, _dir, _) = harness_with(FAILING);
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::CancelClose),
        "{commands:?}"
    );
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.get_by_label("不保存").click();
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::Close),
        "{commands:?}"
    );
}

#[test]
fn f1_lists_every_shortcut_from_the_command_table() {
    let (mut h, _dir, _) = harness_with(FAILING);
    h.key_press(Key::F1);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Help)));
    for c in nianbao::app::command::Command::ALL {
        if !c.shortcuts().is_empty() {
            assert!(
                h.query_all_by_label(c.label(nianbao::app::i18n::Lang::Zh))
                    .next()
                    .is_some(),
                "{c:?} missing from help"
            );
        }
    }
}

#[test]
fn a_suggested_value_is_applied_with_one_click() {
    let (mut h, _dir, _) = harness_with("shawan-2024.txt");
    let doc = h.state().document().unwrap();
    let suggestion = doc
        .review
        .checks()
        .suggestions
        .first()
        .cloned()
        .expect("a suggestion");
    let id = suggestion.cell.to_string();
    click_cell(&mut h, &id);
    // Why, in the window's language (the core's reason is English).
    assert!(h.query_by_label_contains("采用后以下校验通过").is_some());
    assert!(h.query_by_label_contains(&suggestion.reason).is_none());
    h.get_by_label(&format!("采用建议值 {}", suggestion.value))
        .click();
    h.run();
    assert_eq!(raw(&h, &id), suggestion.value.to_string());
    let doc = h.state().document().unwrap();
    assert!(doc.review.is_edited(suggestion.cell));
    assert!(
        !doc.review
            .checks()
            .suggestions
            .iter()
            .any(|s| s.cell == suggestion.cell)
    );
    // Undo takes the suggestion back like any edit.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        !h.state()
            .document()
            .unwrap()
            .review
            .is_edited(suggestion.cell)
    );
}

// ---- The folder queue, exports, the audit trail, journal and lock ----

/// A folder of sample copies: hongzequ 2023 (failing appeal totals) and
/// 2024 (one issuer, two years: cross-year checks), and three others.
fn sample_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (sample, sub) in [
        (FAILING, "hongzequ"),
        ("hongzequ-2024.pdftotext-layout.txt", "hongzequ"),
        ("kelamayi-2024.txt", "xinjiang"),
        ("shawan-2024.txt", "xinjiang"),
        ("tacheng-2024.txt", "xinjiang"),
    ] {
        let to = dir.path().join(sub);
        std::fs::create_dir_all(&to).unwrap();
        std::fs::copy(Path::new("fixtures/samples").join(sample), to.join(sample)).unwrap();
    }
    dir
}

/// A harness on the queue of `dir`, the scan finished.
fn queue_harness(dir: &Path) -> Harness<'static, AppState> {
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open_folder(&ctx, dir);
    h.state_mut().queue_mut().expect("a queue").wait();
    h.run();
    assert!(h.state().showing_queue());
    h
}

fn queue_files(h: &Harness<'_, AppState>) -> Vec<String> {
    let q = h.state().queue().unwrap();
    (0..q.view().len())
        .map(|p| q.row_at(p).unwrap().relative.clone())
        .collect()
}

/// Opens the first queue row `pick` chooses, as a double click does.
fn open_row(h: &mut Harness<'_, AppState>, pick: impl Fn(&&nianbao::folder::QueueRow) -> bool) {
    let rows = h.state().queue().expect("a queue").shown_rows();
    let pos = rows.iter().position(pick).expect("a row to open");
    h.state_mut().act(
        &egui::Context::default(),
        nianbao::app::action::Action::QueueOpen(pos),
    );
    h.run();
}

fn open_file_name(h: &Harness<'_, AppState>) -> Option<String> {
    h.state()
        .document()
        .map(|d| d.review.source().file_name.clone())
}

#[test]
fn the_queue_lists_sorts_and_opens_reports() {
    let dir = sample_folder();
    let mut h = queue_harness(dir.path());
    assert_eq!(queue_files(&h).len(), 5);
    assert_eq!(h.query_all_by_label_contains("hongzequ/").count(), 2);
    // Sorting by the fail count (largest first on the second click).
    h.get_by_label("不符").click();
    h.run();
    h.get_by_label("不符 ▲").click();
    h.run();
    let q = h.state().queue().unwrap();
    let fails: Vec<usize> = (0..5).map(|p| q.row_at(p).unwrap().counts().fail).collect();
    assert!(fails.windows(2).all(|w| w[0] >= w[1]), "{fails:?}");
    assert!(fails[0] > 0, "{fails:?}");
    let first = queue_files(&h)[0].clone();
    // Down, Up, Enter: the first report opens in the review view.
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowUp);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(!h.state().showing_queue());
    assert!(first.ends_with(&open_file_name(&h).unwrap()), "{first}");
    assert!(
        h.query_by_label(&cell("requests.new_received.total").label())
            .is_some()
    );
    // Back to the queue: the position is remembered.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Backspace);
    h.run();
    h.state_mut().queue_mut().unwrap().wait();
    h.run();
    assert!(h.state().showing_queue());
    let q = h.state().queue().unwrap();
    assert_eq!(q.current().unwrap().relative, first);
}

#[test]
fn the_queue_filters_by_issuer_and_failures() {
    let dir = sample_folder();
    let mut h = queue_harness(dir.path());
    h.get_by_label("只看有问题的").click();
    h.run();
    let q = h.state().queue().unwrap();
    assert!(q.view().len() < 5 && !q.view().is_empty());
    assert!(q.shown_rows().iter().all(|r| r.has_failures()));
    h.get_by_label("只看有问题的").click();
    h.run();
    h.get_by_label("按发布机关筛选：").click();
    h.run();
    h.event(Event::Text("洪泽".into()));
    h.run();
    let files = queue_files(&h);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().all(|f| f.starts_with("hongzequ/")));
}

#[test]
fn next_report_with_problems_from_the_review_view() {
    let dir = sample_folder();
    let mut h = queue_harness(dir.path());
    // The first row is selected; from the list, "next" starts at it (the
    // selection is only a highlight), from a report, after the report.
    let q = h.state().queue().unwrap();
    assert_eq!(q.cursor(), Some(0));
    let rows = q.shown_rows();
    assert!(rows[0].has_failures(), "the top row is the failing one");
    let with_problems: Vec<String> = (0..rows.len())
        .map(|p| rows[p])
        .filter(|r| r.has_failures())
        .map(|r| r.relative.clone())
        .collect();
    assert!(with_problems.len() >= 2, "{with_problems:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert!(with_problems[0].ends_with(&open_file_name(&h).unwrap()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert!(with_problems[1].ends_with(&open_file_name(&h).unwrap()));
    // With an unsaved edit, going on asks first.
    h.state_mut().act(
        &egui::Context::default(),
        nianbao::app::action::Action::Select(cell("requests.new_received.total")),
    );
    type_and_enter(&mut h, "999");
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.get_by_label("不保存").click();
    h.run();
    assert!(with_problems[0].ends_with(&open_file_name(&h).unwrap()));
}

#[test]
fn the_review_view_lists_cross_year_checks_from_the_queue() {
    let dir = sample_folder();
    let mut h = queue_harness(dir.path());
    open_row(&mut h, |r| {
        r.relative.contains("hongzequ-2024") && !r.cross_year.is_empty()
    });
    let doc = h.state().document().unwrap();
    assert!(!doc.cross_year.is_empty());
    assert!(h.query_by_label_contains("跨年度校验").is_some());
}

#[test]
fn a_cross_year_check_is_acknowledged_in_the_later_review() {
    // One issuer, two years whose carry-over does not match.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("fixtures/samples/kelamayi-2024.txt").unwrap();
    std::fs::write(dir.path().join("kelamayi-2024.txt"), &text).unwrap();
    let earlier = text.replacen("克拉玛依市人民政府2024年", "克拉玛依市人民政府2023年", 1);
    std::fs::write(dir.path().join("kelamayi-2023.txt"), earlier).unwrap();
    let mut h = queue_harness(dir.path());
    open_row(&mut h, |r| r.relative.contains("2024"));
    let doc = h.state().document().unwrap();
    let first = doc
        .cross_year
        .iter()
        .find(|r| r.status != nianbao::checks::CheckStatus::Pass)
        .expect("an open cross-year check")
        .id;
    h.get_all_by_label("确认此校验…").next().unwrap().click();
    h.run();
    h.event(Event::Text("上年报告结转数有误".into()));
    h.run();
    h.get_by_label("确认").click();
    h.run();
    let acked = h.state().document().unwrap().review.acknowledged().to_vec();
    assert_eq!(acked.len(), 1);
    assert_eq!(acked[0].check, first);
    assert!(
        h.query_by_label_contains("已确认：上年报告结转数有误")
            .is_some()
    );
}

#[test]
fn the_queue_summary_exports_as_csv_and_xlsx() {
    let dir = sample_folder();
    let mut h = queue_harness(dir.path());
    for (command, name) in [
        ("导出队列汇总 (CSV)…", "summary.csv"),
        ("导出队列汇总 (XLSX)…", "summary.xlsx"),
    ] {
        h.get_by_label(command).click();
        h.run();
        let target = dir.path().join(name);
        let Some(Modal::PathPrompt { .. }) = h.state().modal() else {
            panic!("expected the path prompt, got {:?}", h.state().modal());
        };
        h.get_by_label("文件路径（可粘贴）：").click();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.event(Event::Text(target.display().to_string()));
        h.run();
        h.get_by_label("导出").click();
        h.run();
        assert!(h.state().notice().is_none(), "{:?}", h.state().notice());
        let bytes = std::fs::read(&target).expect("exported");
        assert!(!bytes.is_empty());
    }
    let csv = std::fs::read_to_string(dir.path().join("summary.csv")).unwrap();
    assert!(csv.contains("hongzequ/"), "{csv}");
    assert_eq!(csv.lines().count(), 6, "{csv}");
}

#[test]
fn the_review_exports_its_tables_as_xlsx_and_cells_as_csv() {
    let (mut h, dir, _) = harness_with(FAILING);
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    h.key_press(Key::Escape);
    for (command, name) in [
        ("导出修正后的表格 (XLSX)…", "tables.xlsx"),
        ("导出单元格 (CSV)…", "cells.csv"),
    ] {
        h.state_mut().act(
            &egui::Context::default(),
            nianbao::app::action::Action::Command(match name {
                "tables.xlsx" => nianbao::app::command::Command::ExportTablesXlsx,
                _ => nianbao::app::command::Command::ExportCellsCsv,
            }),
        );
        h.run();
        let Some(Modal::PathPrompt { text, .. }) = h.state().modal() else {
            panic!("{command}: expected the path prompt");
        };
        assert!(text.ends_with(name.rsplit('.').next().unwrap()), "{text}");
        let target = dir.path().join(name);
        h.get_by_label("文件路径（可粘贴）：").click();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.event(Event::Text(target.display().to_string()));
        h.run();
        h.get_by_label("导出").click();
        h.run();
        assert!(h.state().notice().is_none(), "{:?}", h.state().notice());
        assert!(target.exists(), "{name}");
    }
    let csv = std::fs::read_to_string(dir.path().join("cells.csv")).unwrap();
    let line = csv
        .lines()
        .find(|l| l.starts_with("appeals.review.total,"))
        .expect("the edited cell");
    assert!(line.contains(",11,"), "{line}");
}

#[test]
fn the_changes_tab_lists_edits_with_the_reviewer() {
    let (mut h, _dir, _) = harness_with(FAILING);
    h.state_mut().act(
        &egui::Context::default(),
        nianbao::app::action::Action::SetReviewer("王审阅".into()),
    );
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    h.get_by_label("修改记录").click();
    h.run();
    let title = format!("修改 {}：", cell("appeals.review.total").label());
    h.query_by_label_contains(&title)
        .expect("the edit is listed")
        .click();
    h.run();
    assert_eq!(selected(&h), Some(cell("appeals.review.total")));
    assert!(h.query_by_label_contains("王审阅").is_some());
    let doc = h.state().document().unwrap();
    assert_eq!(doc.review.edits()[0].by.as_deref(), Some("王审阅"));
    assert_eq!(h.state().settings().reviewer.as_deref(), Some("王审阅"));
}

/// A harness keeping journals and locks under `data`.
fn harness_in(data: &Path) -> Harness<'static, AppState> {
    Harness::builder()
        .with_size(egui::vec2(1600.0, 1800.0))
        .with_max_steps(40)
        .with_context_setup(nianbao::app::fonts::install)
        .build_ui_state(
            |ui, state: &mut AppState| state.ui(ui),
            AppState::new(Settings::default(), Dialogs::PromptOnly)
                .with_data_dirs(nianbao::app::recovery::DataDirs::under(data)),
        )
}

fn open_in(h: &mut Harness<'_, AppState>, path: &Path) {
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, path);
    h.run();
}

#[test]
fn unsaved_edits_left_by_a_crash_are_offered_back() {
    let data = tempfile::tempdir().unwrap();
    let (_, dir, path) = harness_with(FAILING);
    {
        let mut h = harness_in(data.path());
        open_in(&mut h, &path);
        assert!(h.state().modal().is_none());
        click_cell(&mut h, "appeals.review.total");
        type_and_enter(&mut h, "11");
        h.state()
            .document()
            .unwrap()
            .journal
            .as_ref()
            .unwrap()
            .flush();
        // The window goes away without saving or discarding (a crash keeps
        // the journal the same way).
        std::mem::forget(h);
    }
    // The crashed process is gone: its lock is stale (here: removed, as
    // this test process is still alive).
    std::fs::remove_dir_all(data.path().join("locks")).unwrap();
    let journals = std::fs::read_dir(data.path().join("journal"))
        .unwrap()
        .count();
    assert_eq!(journals, 1);
    // Restore.
    let mut h = harness_in(data.path());
    open_in(&mut h, &path);
    assert!(
        matches!(h.state().modal(), Some(Modal::Restore { edits: 1, .. })),
        "{:?}",
        h.state().modal()
    );
    assert!(h.query_by_label("恢复未保存的修改？").is_some());
    h.get_by_label("恢复").click();
    h.run();
    assert_eq!(raw(&h, "appeals.review.total"), "11");
    assert!(h.state().document().unwrap().review.is_dirty());
    drop(h);
    // Discard: the journal is gone, the next open offers nothing.
    let mut h = harness_in(data.path());
    open_in(&mut h, &path);
    assert!(matches!(h.state().modal(), Some(Modal::Restore { .. })));
    h.get_by_label("丢弃").click();
    h.run();
    assert_ne!(raw(&h, "appeals.review.total"), "11");
    h.state()
        .document()
        .unwrap()
        .journal
        .as_ref()
        .unwrap()
        .flush();
    drop(h);
    let mut h = harness_in(data.path());
    open_in(&mut h, &path);
    assert!(h.state().modal().is_none());
    drop(dir);
}

#[test]
fn saving_clears_the_journal() {
    let data = tempfile::tempdir().unwrap();
    let (_, dir, path) = harness_with(FAILING);
    let mut h = harness_in(data.path());
    open_in(&mut h, &path);
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    let journal = h.state().document().unwrap().journal.as_ref().unwrap();
    journal.flush();
    assert!(journal.path().exists());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let journal = h.state().document().unwrap().journal.as_ref().unwrap();
    journal.flush();
    assert!(!journal.path().exists());
    drop(dir);
}

#[test]
fn a_file_open_in_another_window_is_shown_with_a_warning() {
    let data = tempfile::tempdir().unwrap();
    let (_, dir, path) = harness_with(FAILING);
    // Held by a live process (this one, as another window would).
    let held = nianbao::lock::Lock::acquire_in(&data.path().join("locks"), &path).unwrap();
    let mut h = harness_in(data.path());
    open_in(&mut h, &path);
    let doc = h.state().document().expect("still viewable");
    assert_eq!(doc.held_by, Some(std::process::id()));
    // The other window's journal is left alone.
    assert!(doc.journal.is_none());
    assert!(
        h.query_by_label_contains("此文件已在另一个 nianbao 窗口中打开")
            .is_some()
    );
    drop(h);
    drop(held);
    // Free again: no warning, and this window holds the lock.
    let mut h = harness_in(data.path());
    open_in(&mut h, &path);
    let doc = h.state().document().unwrap();
    assert_eq!(doc.held_by, None);
    assert!(doc.lock.is_some());
    drop(dir);
}

#[test]
fn a_large_report_is_read_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.txt");
    let mut text = std::fs::read_to_string(Path::new("fixtures/samples").join(FAILING)).unwrap();
    while text.len() < 3 * 1024 * 1024 {
        text.push_str("本机关持续推进政府信息公开工作，不断提高公开质量。\n");
    }
    std::fs::write(&path, &text).unwrap();
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, &path);
    // Not read on the UI thread: the window goes on drawing meanwhile.
    assert_eq!(h.state().loading(), Some(path.as_path()));
    assert!(h.state().document().is_none());
    h.step();
    if h.state().document().is_none() {
        assert!(h.query_by_label_contains("正在读取并抽取").is_some());
    }
    for _ in 0..600 {
        if h.state().document().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    let doc = h.state().document().expect("the report opens");
    assert_eq!(doc.review.source().file_name, "large.txt");
    assert!(h.state().loading().is_none());
}

#[test]
fn f5_rescans_the_folder_and_picks_up_new_reports() {
    let dir = sample_folder();
    let mut h = queue_harness(dir.path());
    assert_eq!(queue_files(&h).len(), 5);
    assert_eq!(
        h.state().title(),
        format!(
            "nianbao — {}",
            dir.path().file_name().unwrap().to_string_lossy()
        )
    );
    std::fs::copy(
        Path::new("fixtures/samples/wulumuqi-2024.txt"),
        dir.path().join("wulumuqi-2024.txt"),
    )
    .unwrap();
    h.key_press(Key::F5);
    h.step();
    h.state_mut().queue_mut().unwrap().wait();
    h.run();
    let files = queue_files(&h);
    assert_eq!(files.len(), 6, "{files:?}");
    assert!(
        files.contains(&"wulumuqi-2024.txt".to_string()),
        "{files:?}"
    );
}

#[test]
fn the_reviewer_name_is_set_in_settings_and_recorded_with_edits() {
    let (mut h, _dir, _) = harness_with(FAILING);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("设置（审阅人）…").click();
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Settings { .. })));
    h.event(Event::Text("李四".into()));
    h.run();
    h.get_by_label("确定").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert_eq!(h.state().settings().reviewer.as_deref(), Some("李四"));
    click_cell(&mut h, "appeals.review.total");
    type_and_enter(&mut h, "11");
    let doc = h.state().document().unwrap();
    assert_eq!(doc.review.edits()[0].by.as_deref(), Some("李四"));
}

#[test]
fn the_queue_speaks_english_too() {
    let dir = sample_folder();
    let mut h = queue_harness(dir.path());
    h.state_mut().act(
        &egui::Context::default(),
        nianbao::app::action::Action::Command(nianbao::app::command::Command::LangEn),
    );
    h.run();
    for label in [
        "Report queue",
        "Issuer",
        "Year",
        "Review state",
        "Only with failures",
    ] {
        assert!(h.query_by_label_contains(label).is_some(), "{label}");
    }
    assert!(h.query_by_label_contains("发布机关").is_none());
}

#[test]
fn dropping_a_folder_opens_its_queue() {
    let dir = sample_folder();
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, dir.path());
    h.state_mut().queue_mut().expect("a queue").wait();
    h.run();
    assert!(h.state().showing_queue());
    assert_eq!(queue_files(&h).len(), 5);
    assert!(h.state().notice().is_none());
}
