//! The window's state and how actions change it. `AppState::ui` draws one
//! frame; tests drive it through `egui_kittest` without a real window.

use std::path::{Path, PathBuf};

use super::action::{Action, UnsavedChoice};
use super::command::Command;
use super::document::{Document, file_name};
use super::files::{self, Dialogs, Picked};
use super::i18n::Lang;
use super::marks::Marks;
use super::modal::{Modal, PathPurpose, Pending};
use super::nav::{GridOrder, Move};
use super::settings::{Settings, Theme};
use super::{keys, view};
use crate::template::CellId;

/// Everything the window holds between frames.
pub struct AppState {
    settings: Settings,
    doc: Option<Document>,
    modal: Option<Modal>,
    notice: Option<String>,
    dialogs: Dialogs,
    close_confirmed: bool,
    title: String,
}

impl AppState {
    /// A window on the welcome view.
    pub fn new(settings: Settings, dialogs: Dialogs) -> AppState {
        AppState {
            settings,
            doc: None,
            modal: None,
            notice: None,
            dialogs,
            close_confirmed: false,
            title: String::new(),
        }
    }

    /// The preferences (persisted by the window).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The open document.
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// The dialog shown, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The error shown in the banner, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The window title: file name, and • when there are unsaved changes.
    pub fn title(&self) -> String {
        match &self.doc {
            None => "nianbao".to_string(),
            Some(d) if d.review.is_dirty() => format!("nianbao — {} •", d.display_name()),
            Some(d) => format!("nianbao — {}", d.display_name()),
        }
    }

    /// Opens a file (asking about unsaved edits first).
    pub fn open(&mut self, ctx: &egui::Context, path: &Path) {
        self.apply(ctx, Action::Open(path.to_path_buf()));
    }

    /// Opens the embedded sample (asking about unsaved edits first).
    pub fn open_sample(&mut self, ctx: &egui::Context) {
        self.apply(ctx, Action::Command(Command::OpenSample));
    }

    /// Shows an already opened review (no unsaved-changes question: for
    /// callers that own the decision, like tests and benchmarks).
    pub fn open_review(&mut self, review: crate::review::Review, from: Option<PathBuf>) {
        self.doc = Some(Document::new(review, from));
    }

    /// Draws one frame and applies what the user did.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        self.intercept_close(&ctx);
        for path in ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect::<Vec<_>>()
        }) {
            actions.push(Action::Open(path));
        }
        if self.modal.is_none() {
            if self.doc.is_some() {
                // The grid owns the keyboard: no widget keeps focus to steal
                // arrows, Tab or Space from it.
                ctx.memory_mut(|m| {
                    if let Some(id) = m.focused() {
                        m.surrender_focus(id);
                    }
                });
            }
            let view = self.doc.as_ref().map(|d| &d.view);
            ctx.input_mut(|i| keys::read(i, view, &mut actions));
        }
        for a in actions.drain(..) {
            self.apply(&ctx, a);
        }

        let lang = self.settings.lang;
        let marks = self.doc.as_ref().map(marks_of);
        view::show(
            ui,
            &view::ViewCtx {
                lang,
                settings: &self.settings,
                doc: self.doc.as_ref(),
                marks: marks.as_ref(),
                notice: self.notice.as_deref(),
            },
            &mut actions,
        );
        if let Some(modal) = &mut self.modal {
            modal.show(&ctx, lang, &mut actions);
        }
        if let Some(d) = &mut self.doc {
            d.view.scroll_source_to = None;
            d.view.scroll_grid = false;
        }
        if !actions.is_empty() {
            // Scrolling to a selection happens on the next frame.
            ctx.request_repaint();
        }
        for a in actions {
            self.apply(&ctx, a);
        }
        self.update_title(&ctx);
    }

    fn intercept_close(&mut self, ctx: &egui::Context) {
        let asked = ctx.input(|i| i.viewport().close_requested());
        if asked && !self.close_confirmed && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved {
                then: Pending::Quit,
            });
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| d.review.is_dirty())
    }

    /// Applies one action.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(c) => self.run(ctx, c),
            Action::Open(path) => self.guard(ctx, Pending::Open(path)),
            Action::SubmitPrompt => self.submit_prompt(ctx),
            Action::Unsaved(choice) => self.answer_unsaved(ctx, choice),
            Action::CloseModal => self.modal = None,
            Action::DismissNotice => self.notice = None,
            Action::Acknowledge { check, note } => {
                self.modal = None;
                if let Some(d) = &mut self.doc {
                    d.review.acknowledge(&check, &note);
                }
            }
            Action::AskAcknowledge(check) => self.ask_acknowledge(check),
            other => {
                if let Some(d) = &mut self.doc {
                    edit(d, other);
                }
            }
        }
    }

    fn run(&mut self, ctx: &egui::Context, c: Command) {
        if c.needs_document() && self.doc.is_none() {
            return;
        }
        match c {
            Command::Open => self.guard(ctx, Pending::OpenDialog),
            Command::OpenPath => self.guard(ctx, Pending::OpenPrompt),
            Command::OpenSample => self.guard(ctx, Pending::OpenSample),
            Command::CloseDocument => self.guard(ctx, Pending::CloseDocument),
            Command::Quit => self.guard(ctx, Pending::Quit),
            Command::Save => {
                self.save(ctx, None);
            }
            Command::SaveAs => {
                self.save_as(ctx, None);
            }
            Command::LangZh => self.settings.lang = Lang::Zh,
            Command::LangEn => self.settings.lang = Lang::En,
            Command::ThemeSystem => self.set_theme(ctx, Theme::System),
            Command::ThemeLight => self.set_theme(ctx, Theme::Light),
            Command::ThemeDark => self.set_theme(ctx, Theme::Dark),
            Command::Help => self.modal = Some(Modal::Help),
            Command::AcknowledgeCheck => {
                if let Some(check) = self.doc.as_ref().and_then(current_check) {
                    self.ask_acknowledge(check);
                }
            }
            Command::Undo
            | Command::Redo
            | Command::EditCell
            | Command::ClearCell
            | Command::AcceptSuggestion
            | Command::NextProblem
            | Command::PrevProblem => {
                if let Some(d) = &mut self.doc {
                    document_command(d, c);
                }
            }
        }
    }

    fn set_theme(&mut self, ctx: &egui::Context, theme: Theme) {
        self.settings.theme = theme;
        ctx.set_theme(theme.preference());
    }

    fn ask_acknowledge(&mut self, check: String) {
        let Some(d) = &mut self.doc else { return };
        if d.review.acknowledged().iter().any(|a| a.check == check) {
            d.review.unacknowledge(&check);
        } else {
            self.modal = Some(Modal::Acknowledge {
                check,
                note: String::new(),
            });
        }
    }

    /// Goes on with `then`, asking first if there are unsaved changes.
    fn guard(&mut self, ctx: &egui::Context, then: Pending) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.proceed(ctx, then);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, then: Pending) {
        match then {
            Pending::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Pending::Open(path) => self.load(&path),
            Pending::OpenDialog => match self.dialogs.pick_open(self.settings.lang) {
                Picked::Path(path) => self.load(&path),
                Picked::Cancelled => {}
                Picked::Unavailable => self.prompt_for(PathPurpose::Open, String::new()),
            },
            Pending::OpenPrompt => self.prompt_for(PathPurpose::Open, String::new()),
            Pending::OpenSample => {
                self.doc = Some(Document::new(files::sample_review(), None));
                self.notice = None;
            }
            Pending::CloseDocument => self.doc = None,
        }
    }

    fn prompt_for(&mut self, purpose: PathPurpose, text: String) {
        self.modal = Some(Modal::PathPrompt { purpose, text });
    }

    fn load(&mut self, path: &Path) {
        match files::load(path, self.settings.lang) {
            Ok(review) => {
                self.doc = Some(Document::new(review, Some(path.to_path_buf())));
                self.settings.remember(path);
                self.notice = None;
            }
            Err(message) => self.notice = Some(message),
        }
    }

    fn submit_prompt(&mut self, ctx: &egui::Context) {
        let Some(Modal::PathPrompt { purpose, text }) = self.modal.take() else {
            return;
        };
        let path = PathBuf::from(text.trim());
        match purpose {
            PathPurpose::Open => self.load(&path),
            PathPurpose::Save { then } => {
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.proceed(ctx, then);
                }
            }
        }
    }

    fn answer_unsaved(&mut self, ctx: &egui::Context, choice: UnsavedChoice) {
        let Some(Modal::Unsaved { then }) = self.modal.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Save => {
                if self.save(ctx, Some(then.clone())) {
                    self.proceed(ctx, then);
                }
            }
            UnsavedChoice::Discard => self.proceed(ctx, then),
            UnsavedChoice::Cancel => {}
        }
    }

    /// Saves to the known path, or asks where (then `then` runs after the
    /// prompt). True if saved now.
    fn save(&mut self, ctx: &egui::Context, then: Option<Pending>) -> bool {
        match self.doc.as_ref().and_then(|d| d.save_path.clone()) {
            Some(path) => self.save_to(&path),
            None => self.save_as(ctx, then),
        }
    }

    fn save_as(&mut self, ctx: &egui::Context, then: Option<Pending>) -> bool {
        let Some(default) = self.doc.as_ref().map(Document::default_save_path) else {
            return false;
        };
        match self.dialogs.pick_save(self.settings.lang, &default) {
            Picked::Path(path) => {
                let saved = self.save_to(&path);
                if saved && let Some(then) = then {
                    self.proceed(ctx, then);
                    return false;
                }
                saved
            }
            Picked::Cancelled => false,
            Picked::Unavailable => {
                self.prompt_for(PathPurpose::Save { then }, default.display().to_string());
                false
            }
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        let lang = self.settings.lang;
        let Some(d) = &mut self.doc else { return false };
        commit_edit(d);
        match d.review.save(path) {
            Ok(()) => {
                d.save_path = Some(path.to_path_buf());
                self.settings.remember(path);
                self.notice = None;
                true
            }
            Err(e) => {
                self.notice = Some(format!(
                    "{} {}{}{e}",
                    lang.t("无法保存", "Cannot save"),
                    file_name(path),
                    lang.t("：", ": ")
                ));
                false
            }
        }
    }
}

/// The marks of a document's current checks.
pub fn marks_of(d: &Document) -> Marks {
    let review = &d.review;
    Marks::compute(
        review.report(),
        review.checks(),
        review.acknowledged().iter().map(|a| a.check.as_str()),
    )
}

/// The check the user means: the selected one, else the first non-passing
/// check of the selected cell.
fn current_check(d: &Document) -> Option<String> {
    if let Some(c) = &d.view.selected_check {
        return Some(c.clone());
    }
    let cell = d.view.selected?;
    let marks = marks_of(d);
    let i = *marks.get(cell)?.checks.first()?;
    d.review.checks().results.get(i).map(|c| c.id.clone())
}

fn document_command(d: &mut Document, c: Command) {
    match c {
        Command::Undo => {
            d.view.editing = None;
            d.review.undo();
        }
        Command::Redo => {
            d.view.editing = None;
            d.review.redo();
        }
        Command::EditCell => {
            if let Some(cell) = d.view.selected {
                let raw = d
                    .review
                    .report()
                    .cell(cell)
                    .map(|c| c.raw.clone())
                    .unwrap_or_default();
                d.view.editing = Some(raw);
            }
        }
        Command::ClearCell => {
            d.view.editing = None;
            if let Some(cell) = d.view.selected {
                d.review.edit(cell, "");
            }
        }
        Command::AcceptSuggestion => {
            if let Some(cell) = d.view.selected {
                d.review.accept_suggestion(cell);
            }
        }
        Command::NextProblem | Command::PrevProblem => {
            commit_edit(d);
            let order = GridOrder::new(d.review.report().layout).flat();
            let back = c == Command::PrevProblem;
            if let Some(cell) = marks_of(d).next_problem(d.view.selected, back, &order) {
                select(d, cell);
            }
        }
        _ => {}
    }
}

/// Applies an action that only touches the open document.
fn edit(d: &mut Document, action: Action) {
    match action {
        Action::Select(cell) => {
            commit_edit(d);
            select(d, cell);
        }
        Action::SelectCheck(id) => select_check(d, id),
        Action::ClickSource(offset) => {
            if let Some(cell) = d.review.report().cell_at(offset) {
                commit_edit(d);
                select(d, cell);
            }
        }
        Action::Move(m) => step(d, m),
        Action::BeginEdit(text) if d.view.selected.is_some() => d.view.editing = Some(text),
        Action::Type(text) => match &mut d.view.editing {
            Some(buf) => buf.push_str(&text),
            None if d.view.selected.is_some() => d.view.editing = Some(text),
            None => {}
        },
        Action::Backspace => {
            if let Some(buf) = &mut d.view.editing {
                buf.pop();
            }
        }
        Action::CommitEdit(then) => {
            commit_edit(d);
            if let Some(m) = then {
                step(d, m);
            }
        }
        Action::CancelEdit => d.view.editing = None,
        Action::Accept(cell) => {
            commit_edit(d);
            d.review.accept_suggestion(cell);
        }
        Action::Unacknowledge(check) => d.review.unacknowledge(&check),
        _ => {}
    }
}

fn step(d: &mut Document, m: Move) {
    commit_edit(d);
    let order = GridOrder::new(d.review.report().layout);
    if let Some(cell) = order.step(d.view.selected, m) {
        select(d, cell);
    }
}

/// Commits the text being typed, if it changes the cell.
fn commit_edit(d: &mut Document) {
    let (Some(cell), Some(text)) = (d.view.selected, d.view.editing.take()) else {
        return;
    };
    let unchanged = d
        .review
        .report()
        .cell(cell)
        .is_some_and(|c| c.raw == text.trim());
    if !unchanged {
        d.review.edit(cell, text.trim());
    }
}

/// Selects a cell, and brings it and its source into view.
fn select(d: &mut Document, cell: CellId) {
    d.view.selected = Some(cell);
    d.view.scroll_grid = true;
    let span = d.review.report().cell(cell).and_then(|c| c.span);
    if let Some(span) = span {
        d.view.scroll_source_to = Some(span.start);
    }
}

fn select_check(d: &mut Document, id: String) {
    commit_edit(d);
    let checks = d.review.checks();
    let Some(check) = checks.results.iter().find(|c| c.id == id) else {
        return;
    };
    let suggested = checks
        .suggestions
        .iter()
        .find(|s| check.cells().any(|c| c == s.cell))
        .map(|s| s.cell);
    let first = suggested.or_else(|| check.cells().next());
    let span = check.span;
    d.view.selected_check = Some(id);
    if let Some(cell) = first {
        select(d, cell);
    }
    if let Some(span) = span {
        d.view.scroll_source_to = Some(span.start);
    }
}
