//! The window's state and how actions change it. `AppState::ui` draws one
//! frame; tests drive it through `egui_kittest` without a real window.

use std::path::{Path, PathBuf};

use super::action::{Action, UnsavedChoice};
use super::command::Command;
use super::document::{Document, SourceTab, file_name};
use super::effect::{Effect, Scroll};
use super::files::{self, Dialogs, Picked};
use super::i18n::Lang;
use super::loading::{self, Loading};
use super::marks::Marks;
use super::modal::{ExportKind, Modal, PathPurpose, Pending};
use super::nav::{GridOrder, Move};
use super::notice::{ExportError, Notice};
use super::queue::QueueState;
use super::recovery::{self, DataDirs};
use super::settings::{Settings, Theme};
use super::{keys, view};
use crate::checks::CheckId;
use crate::journal::JournalEntry;
use crate::template::CellId;

/// Everything the window holds between frames.
pub struct AppState {
    settings: Settings,
    screen: Screen,
    modal: Option<Modal>,
    notice: Option<Notice>,
    dialogs: Dialogs,
    close_confirmed: bool,
    title: String,
    queue: Option<QueueState>,
    data: Option<DataDirs>,
    restore_offer: Option<JournalEntry>,
    loading: Option<Loading>,
    /// What the action being applied asks of the window (see [`Effect`]).
    effects: Vec<Effect>,
    /// The scrolling the next drawn frame does.
    scroll: Scroll,
}

/// What the window shows. The review screen owns the open document; a
/// folder's queue (`AppState::queue`) stays open behind it.
#[derive(Default)]
pub enum Screen {
    /// Nothing open: the welcome view.
    #[default]
    Welcome,
    /// A report under review.
    Review(Box<Document>),
    /// The folder's queue.
    Queue,
}

impl AppState {
    /// A window on the welcome view.
    pub fn new(settings: Settings, dialogs: Dialogs) -> AppState {
        AppState {
            settings,
            screen: Screen::Welcome,
            modal: None,
            notice: None,
            dialogs,
            close_confirmed: false,
            title: String::new(),
            queue: None,
            data: None,
            restore_offer: None,
            loading: None,
            effects: Vec::new(),
            scroll: Scroll::default(),
        }
    }

    /// Keeps crash-recovery journals and locks in `dirs` (without, there
    /// are none: tests that do not test them).
    pub fn with_data_dirs(mut self, dirs: DataDirs) -> AppState {
        self.data = Some(dirs);
        self
    }

    /// The folder queue, if one is open.
    pub fn queue(&self) -> Option<&QueueState> {
        self.queue.as_ref()
    }

    /// The folder queue, to wait for its scan (tests).
    pub fn queue_mut(&mut self) -> Option<&mut QueueState> {
        self.queue.as_mut()
    }

    /// Whether the queue is shown (rather than a report).
    pub fn showing_queue(&self) -> bool {
        matches!(self.screen, Screen::Queue) && self.queue.is_some()
    }

    /// What the window shows.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The file being read in the background, if any.
    pub fn loading(&self) -> Option<&Path> {
        self.loading.as_ref().map(Loading::path)
    }

    /// Opens a folder as a queue (asking about unsaved edits first).
    pub fn open_folder(&mut self, ctx: &egui::Context, dir: &Path) {
        self.act(ctx, Action::OpenFolder(dir.to_path_buf()));
    }

    /// The preferences (persisted by the window).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The open document.
    pub fn document(&self) -> Option<&Document> {
        match &self.screen {
            Screen::Review(d) => Some(d),
            _ => None,
        }
    }

    /// The dialog shown, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The error shown in the banner, if any, in the window's language.
    pub fn notice(&self) -> Option<String> {
        self.notice.as_ref().map(|n| n.text(self.settings.lang))
    }

    /// The window title: file name, and • when there are unsaved changes.
    pub fn title(&self) -> String {
        if let Some(q) = self.queue.as_ref().filter(|_| self.showing_queue()) {
            return format!("nianbao — {}", file_name(q.root()));
        }
        match self.document() {
            None => "nianbao".to_string(),
            Some(d) if d.review.is_dirty() => format!("nianbao — {} •", d.display_name()),
            Some(d) => format!("nianbao — {}", d.display_name()),
        }
    }

    /// Opens a file (asking about unsaved edits first).
    pub fn open(&mut self, ctx: &egui::Context, path: &Path) {
        self.act(ctx, Action::Open(path.to_path_buf()));
    }

    /// Opens the embedded sample (asking about unsaved edits first).
    pub fn open_sample(&mut self, ctx: &egui::Context) {
        self.act(ctx, Action::Command(Command::OpenSample));
    }

    /// Shows an already opened review (no unsaved-changes question: for
    /// callers that own the decision, like tests and benchmarks).
    pub fn open_review(&mut self, review: crate::review::Review, from: Option<PathBuf>) {
        self.screen = Screen::Review(Box::new(Document::new(review, from)));
    }

    /// Draws one frame and applies what the user did.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        self.intercept_close(&ctx);
        self.poll_background(&ctx);
        for path in ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect::<Vec<_>>()
        }) {
            actions.push(Action::Open(path));
        }
        if self.modal.is_none() && self.showing_queue() {
            let typing = ctx.egui_wants_keyboard_input();
            ctx.input_mut(|i| keys::read_queue(i, typing, &mut actions));
        } else if self.modal.is_none() {
            if self.document().is_some() {
                // The grid owns the keyboard: no widget keeps focus to steal
                // arrows, Tab or Space from it.
                ctx.memory_mut(|m| {
                    if let Some(id) = m.focused() {
                        m.surrender_focus(id);
                    }
                });
            }
            let view = self.document().map(|d| &d.view);
            ctx.input_mut(|i| keys::read(i, view, &mut actions));
        }
        for a in actions.drain(..) {
            self.act(&ctx, a);
        }

        if let Screen::Review(d) = &mut self.screen
            && d.view.source_tab == SourceTab::Page
            && let Some(original) = &mut d.original
        {
            original.prepare(&ctx);
        }
        let lang = self.settings.lang;
        let shown_doc = self.document();
        let marks = shown_doc.map(marks_of);
        view::show(
            ui,
            &view::ViewCtx {
                lang,
                settings: &self.settings,
                doc: shown_doc,
                marks: marks.as_ref(),
                notice: self.notice().as_deref(),
                queue: self.queue.as_ref().filter(|_| self.showing_queue()),
                has_queue: self.queue.is_some(),
                loading: self.loading.as_ref().map(Loading::path),
                scroll: self.scroll,
            },
            &mut actions,
        );
        if let Some(modal) = &mut self.modal {
            modal.show(&ctx, lang, &mut actions);
        }
        // Drawn: what the panels ask now scrolls the next frame.
        self.scroll = Scroll::default();
        if !actions.is_empty() {
            // Scrolling to a selection happens on the next frame.
            ctx.request_repaint();
        }
        for a in actions {
            self.act(&ctx, a);
        }
        if let Screen::Review(d) = &mut self.screen {
            d.journal_changes();
        }
        self.update_title(&ctx);
    }

    /// Takes the outcome of the folder scan and of a file read in the
    /// background, asking for frames while they run.
    fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(q) = &mut self.queue {
            q.poll();
            if q.progress().is_some() {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
        }
        let Some(outcome) = self.loading.as_ref().and_then(Loading::try_finish) else {
            if self.loading.is_some() {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
            return;
        };
        let path = self
            .loading
            .take()
            .map(|l| l.path().to_path_buf())
            .unwrap_or_default();
        match outcome {
            Ok(review) => self.install(review, &path),
            Err(notice) => self.notice = Some(notice),
        }
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
        self.document().is_some_and(|d| d.review.is_dirty())
    }

    /// Applies one action to the state, without a window; returns what it
    /// asks of the window ([`AppState::act`] does it).
    #[must_use]
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        self.dispatch(action);
        std::mem::take(&mut self.effects)
    }

    /// Applies one action and does what it asks of the window.
    pub fn act(&mut self, ctx: &egui::Context, action: Action) {
        for effect in self.apply(action) {
            effect.perform(ctx, &mut self.scroll);
        }
    }

    fn dispatch(&mut self, action: Action) {
        match action {
            Action::Command(c) => self.run(c),
            Action::Open(path) => self.guard(Pending::Open(path)),
            Action::OpenFolder(dir) => self.guard(Pending::OpenFolder(dir)),
            Action::SubmitPrompt => self.submit_prompt(),
            Action::Unsaved(choice) => self.answer_unsaved(choice),
            Action::CloseModal => self.modal = None,
            Action::DismissNotice => self.notice = None,
            Action::Acknowledge { check, note } => {
                self.modal = None;
                if let Screen::Review(d) = &mut self.screen {
                    d.review.acknowledge(check, &note);
                }
            }
            Action::AskAcknowledge(check) => self.ask_acknowledge(check),
            Action::QueueSort(c) => self.with_queue(|q| q.sort_by(c)),
            Action::QueueFilter(f) => self.with_queue(|q| q.set_filter(f)),
            Action::QueueSelect(pos) => self.with_queue(|q| q.select(pos)),
            Action::QueueStep(by) => self.with_queue(|q| q.step(by)),
            Action::QueueOpen(pos) => self.guard(Pending::OpenQueueRow(pos)),
            Action::QueueOpenSelected => {
                if let Some(pos) = self.queue.as_ref().and_then(QueueState::cursor) {
                    self.guard(Pending::OpenQueueRow(pos));
                }
            }
            Action::SetReviewer(name) => {
                self.modal = None;
                let name = Some(name).filter(|n| !n.is_empty());
                if let Screen::Review(d) = &mut self.screen {
                    d.review.set_reviewer(name.clone());
                }
                self.settings.reviewer = name;
            }
            Action::Restore(yes) => {
                self.modal = None;
                if let (Screen::Review(d), Some(entry)) =
                    (&mut self.screen, self.restore_offer.take())
                {
                    recovery::answer(d, &entry, yes);
                }
            }
            other => {
                if let Screen::Review(d) = &mut self.screen {
                    edit(d, other, &mut self.effects);
                }
            }
        }
    }

    fn with_queue(&mut self, f: impl FnOnce(&mut QueueState)) {
        if let Some(q) = &mut self.queue {
            f(q);
        }
    }

    fn run(&mut self, c: Command) {
        if c.needs_document() && self.document().is_none() {
            return;
        }
        if c.needs_queue() && self.queue.is_none() {
            return;
        }
        match c {
            Command::Open => self.guard(Pending::OpenDialog),
            Command::OpenPath => self.guard(Pending::OpenPrompt),
            Command::OpenSample => self.guard(Pending::OpenSample),
            Command::CloseDocument => self.guard(Pending::CloseDocument),
            Command::Quit => self.guard(Pending::Quit),
            Command::Save => {
                self.save(None);
            }
            Command::SaveAs => {
                self.save_as(None);
            }
            Command::LangZh => self.settings.lang = Lang::Zh,
            Command::LangEn => self.settings.lang = Lang::En,
            Command::ThemeSystem => self.set_theme(Theme::System),
            Command::ThemeLight => self.set_theme(Theme::Light),
            Command::ThemeDark => self.set_theme(Theme::Dark),
            Command::Help => self.modal = Some(Modal::Help),
            Command::OpenFolder => self.guard(Pending::OpenFolderDialog),
            Command::Rescan => self.with_queue(QueueState::rescan),
            Command::CancelScan => self.with_queue(|q| q.cancel()),
            Command::BackToQueue => {
                if !self.showing_queue() {
                    self.guard(Pending::BackToQueue);
                }
            }
            Command::NextReport | Command::PrevReport => {
                let back = c == Command::PrevReport;
                let here = self.showing_queue();
                let next = self
                    .queue
                    .as_ref()
                    .and_then(|q| q.next_with_problems(back, here));
                if let Some(pos) = next {
                    self.guard(Pending::OpenQueueRow(pos));
                }
            }
            Command::ExportSummaryCsv => self.export(ExportKind::SummaryCsv),
            Command::ExportSummaryXlsx => self.export(ExportKind::SummaryXlsx),
            Command::ExportTablesXlsx => self.export(ExportKind::TablesXlsx),
            Command::ExportCellsCsv => self.export(ExportKind::CellsCsv),
            Command::Settings => {
                self.modal = Some(Modal::Settings {
                    name: self.settings.reviewer.clone().unwrap_or_default(),
                });
            }
            Command::AcknowledgeCheck => {
                if let Some(check) = self.document().and_then(current_check) {
                    self.ask_acknowledge(check);
                }
            }
            Command::Undo
            | Command::Redo
            | Command::EditCell
            | Command::ClearCell
            | Command::AcceptSuggestion
            | Command::NextProblem
            | Command::PrevProblem
            | Command::NextUnsure
            | Command::PrevUnsure => {
                if let Screen::Review(d) = &mut self.screen {
                    document_command(d, c, &mut self.effects);
                }
            }
        }
    }

    fn set_theme(&mut self, theme: Theme) {
        self.settings.theme = theme;
        self.effects.push(Effect::Theme(theme));
    }

    fn ask_acknowledge(&mut self, check: CheckId) {
        let Screen::Review(d) = &mut self.screen else {
            return;
        };
        if d.review.is_acknowledged(check) {
            d.review.unacknowledge(&check.into());
        } else {
            self.modal = Some(Modal::Acknowledge {
                check,
                note: String::new(),
            });
        }
    }

    /// Goes on with `then`, asking first if there are unsaved changes.
    fn guard(&mut self, then: Pending) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Pending) {
        match then {
            Pending::Quit => {
                self.close_confirmed = true;
                self.effects.push(Effect::Close);
            }
            Pending::Open(path) => self.load(&path),
            Pending::OpenDialog => match self.dialogs.pick_open(self.settings.lang) {
                Picked::Path(path) => self.load(&path),
                Picked::Cancelled => {}
                Picked::Unavailable => self.prompt_for(PathPurpose::Open, String::new()),
            },
            Pending::OpenPrompt => self.prompt_for(PathPurpose::Open, String::new()),
            Pending::OpenSample => {
                self.screen = Screen::Review(Box::new(Document::new(files::sample_review(), None)));
                self.notice = None;
            }
            Pending::CloseDocument => {
                self.screen = if self.queue.is_some() {
                    Screen::Queue
                } else {
                    Screen::Welcome
                };
            }
            Pending::OpenFolderDialog => match self.dialogs.pick_folder(self.settings.lang) {
                Picked::Path(path) => self.start_queue(path),
                Picked::Cancelled => {}
                Picked::Unavailable => self.prompt_for(PathPurpose::Folder, String::new()),
            },
            Pending::OpenFolder(path) => self.start_queue(path),
            Pending::OpenQueueRow(pos) => {
                let Some(q) = &mut self.queue else { return };
                let Some(path) = q.row_at(pos).map(|r| r.path.clone()) else {
                    return;
                };
                q.select(pos);
                self.load(&path);
            }
            Pending::BackToQueue => {
                self.screen = Screen::Queue;
                // Pick up what was saved meanwhile (unchanged files are reused).
                self.with_queue(QueueState::rescan);
            }
        }
    }

    fn start_queue(&mut self, root: PathBuf) {
        if !root.is_dir() {
            self.notice = Some(Notice::NotAFolder(root));
            return;
        }
        self.notice = None;
        self.queue = Some(QueueState::open(root));
        self.screen = Screen::Queue;
    }

    /// Asks where to export, then writes.
    fn export(&mut self, kind: ExportKind) {
        let default = self.export_default(kind);
        match self.dialogs.pick_export(self.settings.lang, &default) {
            Picked::Path(path) => self.export_to(kind, &path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.prompt_for(PathPurpose::Export(kind), default.display().to_string());
            }
        }
    }

    fn export_default(&self, kind: ExportKind) -> PathBuf {
        let ext = kind.extension();
        match kind {
            ExportKind::SummaryCsv | ExportKind::SummaryXlsx => {
                let root = self.queue.as_ref().map(|q| q.root().to_path_buf());
                root.unwrap_or_default()
                    .join(format!("nianbao-summary.{ext}"))
            }
            ExportKind::TablesXlsx | ExportKind::CellsCsv => {
                let review = self
                    .document()
                    .map(Document::default_save_path)
                    .unwrap_or_default();
                let name = file_name(&review);
                let stem = name.strip_suffix(".review.json").unwrap_or(&name);
                let suffix = if kind == ExportKind::CellsCsv {
                    ".cells"
                } else {
                    ""
                };
                review.with_file_name(format!("{stem}{suffix}.{ext}"))
            }
        }
    }

    fn export_to(&mut self, kind: ExportKind, path: &Path) {
        let written = match kind {
            ExportKind::SummaryCsv | ExportKind::SummaryXlsx => {
                let Some(q) = &self.queue else { return };
                let table = crate::export::summary(q.shown_rows());
                if kind == ExportKind::SummaryCsv {
                    crate::export::write_csv_file(path, &table.to_csv()).map_err(ExportError::from)
                } else {
                    crate::export::xlsx::write_summary(path, &table).map_err(ExportError::from)
                }
            }
            ExportKind::TablesXlsx | ExportKind::CellsCsv => {
                let Screen::Review(d) = &mut self.screen else {
                    return;
                };
                commit_edit(d);
                if kind == ExportKind::CellsCsv {
                    let csv = crate::export::cells(&d.review).to_csv();
                    crate::export::write_csv_file(path, &csv).map_err(ExportError::from)
                } else {
                    crate::export::xlsx::write_review(path, &d.review).map_err(ExportError::from)
                }
            }
        };
        self.notice = written.err().map(|error| Notice::Export {
            file: file_name(path),
            error,
        });
    }

    fn prompt_for(&mut self, purpose: PathPurpose, text: String) {
        self.modal = Some(Modal::PathPrompt { purpose, text });
    }

    fn load(&mut self, path: &Path) {
        // A folder (dropped, typed, or given on the command line) is a queue.
        if path.is_dir() {
            self.start_queue(path.to_path_buf());
            return;
        }
        if loading::is_large(path) {
            self.loading = Some(Loading::start(path.to_path_buf()));
            return;
        }
        match files::load(path) {
            Ok(review) => self.install(review, path),
            Err(notice) => self.notice = Some(notice),
        }
    }

    /// Shows a review just read from `path`: lock, journal, cross-year
    /// checks from the queue, the reviewer's name.
    fn install(&mut self, mut review: crate::review::Review, path: &Path) {
        review.set_reviewer(self.settings.reviewer.clone());
        let mut doc = Document::new(review, Some(path.to_path_buf()));
        if let Some(row) = self.queue.as_ref().and_then(|q| q.row_for(path)) {
            doc.cross_year = row.cross_year.clone();
        }
        self.restore_offer = None;
        if let Some(dirs) = &self.data {
            match recovery::attach(&mut doc, dirs) {
                Ok(Some(entry)) => {
                    self.modal = Some(Modal::Restore {
                        edits: entry.edits.len(),
                        acknowledged: entry.acknowledged.len(),
                    });
                    self.restore_offer = Some(entry);
                }
                Ok(None) => {}
                Err(e) => self.notice = Some(Notice::Journal(e)),
            }
        }
        self.screen = Screen::Review(Box::new(doc));
        self.settings.remember(path);
        if self.restore_offer.is_none() {
            self.notice = None;
        }
    }

    fn submit_prompt(&mut self) {
        let Some(Modal::PathPrompt { purpose, text }) = self.modal.take() else {
            return;
        };
        let path = PathBuf::from(text.trim());
        match purpose {
            PathPurpose::Open => self.load(&path),
            PathPurpose::Folder => self.start_queue(path),
            PathPurpose::Export(kind) => self.export_to(kind, &path),
            PathPurpose::Save { then } => {
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.proceed(then);
                }
            }
        }
    }

    fn answer_unsaved(&mut self, choice: UnsavedChoice) {
        let Some(Modal::Unsaved { then }) = self.modal.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Save => {
                if self.save(Some(then.clone())) {
                    self.proceed(then);
                }
            }
            UnsavedChoice::Discard => {
                if let Screen::Review(d) = &self.screen {
                    recovery::discard(d);
                }
                self.proceed(then);
            }
            UnsavedChoice::Cancel => {}
        }
    }

    /// Saves to the known path, or asks where (then `then` runs after the
    /// prompt). True if saved now.
    fn save(&mut self, then: Option<Pending>) -> bool {
        match self.document().and_then(|d| d.save_path.clone()) {
            Some(path) => self.save_to(&path),
            None => self.save_as(then),
        }
    }

    fn save_as(&mut self, then: Option<Pending>) -> bool {
        let Some(default) = self.document().map(Document::default_save_path) else {
            return false;
        };
        match self.dialogs.pick_save(self.settings.lang, &default) {
            Picked::Path(path) => {
                let saved = self.save_to(&path);
                if saved && let Some(then) = then {
                    self.proceed(then);
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
        let Screen::Review(d) = &mut self.screen else {
            return false;
        };
        commit_edit(d);
        match d.review.save(path) {
            Ok(()) => {
                d.save_path = Some(path.to_path_buf());
                self.settings.remember(path);
                self.notice = None;
                true
            }
            Err(error) => {
                self.notice = Some(Notice::Save {
                    file: file_name(path),
                    error,
                });
                false
            }
        }
    }
}

/// The marks of a document's current checks.
pub fn marks_of(d: &Document) -> Marks {
    let review = &d.review;
    let acked = review.acknowledged().iter().filter_map(|a| a.check.known());
    let mut marks = Marks::compute(review.report(), review.checks(), acked);
    // The cross-year checks count as the queue counts them.
    marks.tally_also(
        d.cross_year
            .iter()
            .map(|c| (c.status, review.is_acknowledged(c.id))),
    );
    marks
}

/// The check the user means: the selected one, else the first non-passing
/// check of the selected cell.
fn current_check(d: &Document) -> Option<CheckId> {
    if let Some(c) = d.view.selected_check {
        return Some(c);
    }
    let cell = d.view.selected?;
    let marks = marks_of(d);
    let i = *marks.get(cell)?.checks.first()?;
    d.review.checks().results.get(i).map(|c| c.id)
}

fn document_command(d: &mut Document, c: Command, fx: &mut Vec<Effect>) {
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
                select(d, cell, fx);
            }
        }
        Command::NextUnsure | Command::PrevUnsure => {
            commit_edit(d);
            let order = GridOrder::new(d.review.report().layout).flat();
            let back = c == Command::PrevUnsure;
            if let Some(cell) = marks_of(d).next_unsure(d.view.selected, back, &order) {
                select(d, cell, fx);
            }
        }
        _ => {}
    }
}

/// Applies an action that only touches the open document.
fn edit(d: &mut Document, action: Action, fx: &mut Vec<Effect>) {
    match action {
        Action::Select(cell) => {
            commit_edit(d);
            select(d, cell, fx);
        }
        Action::SelectCheck(id) => select_check(d, id, fx),
        Action::ClickSource(offset) => {
            if let Some(cell) = d.review.report().cell_at(offset) {
                commit_edit(d);
                select(d, cell, fx);
            }
        }
        Action::Move(m) => step(d, m, fx),
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
                step(d, m, fx);
            }
        }
        Action::CancelEdit => d.view.editing = None,
        Action::Accept(cell) => {
            commit_edit(d);
            d.review.accept_suggestion(cell);
        }
        Action::Unacknowledge(check) => d.review.unacknowledge(&check.into()),
        Action::ShowTab(tab) => d.view.tab = tab,
        Action::ShowSourceTab(tab) => {
            d.view.source_tab = tab;
            // Bring the selected cell's box into view on the page.
            fx.push(Effect::ScrollGrid);
        }
        Action::ZoomPage(zoom) => {
            d.view.page_zoom = zoom.map(|z| z.clamp(0.2, 6.0));
            // Keep the selected cell's box in view.
            fx.push(Effect::ScrollGrid);
        }
        Action::ShowSource(offset) => fx.push(Effect::ScrollSource(offset)),
        _ => {}
    }
}

fn step(d: &mut Document, m: Move, fx: &mut Vec<Effect>) {
    commit_edit(d);
    let order = GridOrder::new(d.review.report().layout);
    if let Some(cell) = order.step(d.view.selected, m) {
        select(d, cell, fx);
    }
}

/// Commits the text being typed, if it changes the cell.
fn commit_edit(d: &mut Document) {
    let (Some(cell), Some(text)) = (d.view.selected, d.view.editing.take()) else {
        return;
    };
    // Typing an unsure value's own text confirms it (an edit, on record);
    // otherwise the same text is no change.
    let unchanged = d
        .review
        .report()
        .cell(cell)
        .is_some_and(|c| c.raw == text.trim() && !c.is_unsure());
    if !unchanged {
        d.review.edit(cell, text.trim());
    }
}

/// Selects a cell, and brings it and its source into view.
fn select(d: &mut Document, cell: CellId, fx: &mut Vec<Effect>) {
    d.view.selected = Some(cell);
    fx.push(Effect::ScrollGrid);
    let span = d.review.report().cell(cell).and_then(|c| c.span);
    if let Some(span) = span {
        fx.push(Effect::ScrollSource(span.start));
    }
}

fn select_check(d: &mut Document, id: CheckId, fx: &mut Vec<Effect>) {
    commit_edit(d);
    let checks = d.review.checks();
    let Some(check) = checks.get(id) else {
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
        select(d, cell, fx);
    }
    if let Some(span) = span {
        fx.push(Effect::ScrollSource(span.start));
    }
}

#[cfg(test)]
mod tests;
