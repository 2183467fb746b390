//! The native window: eframe glue around [`AppState`] — fonts, icon,
//! persisted settings, theme.

use super::files::Dialogs;
use super::settings::{STORAGE_KEY, Settings};
use super::state::AppState;

/// The eframe app.
pub struct NianbaoApp {
    state: AppState,
}

impl NianbaoApp {
    /// Sets up fonts and theme, restores settings, opens `file` if given.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<std::path::PathBuf>) -> NianbaoApp {
        super::fonts::install(&cc.egui_ctx);
        super::fonts::install_system_fallback(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        cc.egui_ctx.set_theme(settings.theme.preference());
        let mut state = AppState::new(settings, Dialogs::Native);
        if let Some(dirs) = super::recovery::DataDirs::standard() {
            state = state.with_data_dirs(dirs);
        }
        match file {
            Some(dir) if dir.is_dir() => state.open_folder(&cc.egui_ctx, &dir),
            Some(file) => state.open(&cc.egui_ctx, &file),
            None => {}
        }
        NianbaoApp { state }
    }
}

impl eframe::App for NianbaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.state.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self.state.settings());
    }
}
