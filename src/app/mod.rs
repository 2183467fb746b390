//! The window: the source text beside editable grids, checks live,
//! keyboard-first. Thin: it reads the core's review and sends edits back.
//!
//! Layout of this module: `state` holds what lives between frames and
//! applies [`action::Action`]s; `view` lays out the panels (`menu`,
//! `source_view`, `grid` + `cell`, `inspector`, `checks_panel`,
//! `status_bar`, `welcome`, `modal`); `command` is the one table of
//! commands with labels and shortcuts; `keys` reads the keyboard before any
//! widget; `files` opens and saves through the core and the file dialogs.

use std::path::PathBuf;

pub mod action;
pub mod cell;
pub mod changes;
pub mod check_text;
pub mod checks_panel;
pub mod command;
pub mod document;
pub mod effect;
pub mod extraction_panel;
pub mod files;
pub mod fonts;
pub mod grid;
pub mod i18n;
pub mod inspector;
pub mod keys;
pub mod loading;
pub mod marks;
pub mod menu;
pub mod modal;
pub mod nav;
pub mod note_text;
pub mod notice;
pub mod original;
pub mod queue;
pub mod queue_view;
pub mod recovery;
pub mod settings;
pub mod source_view;
pub mod state;
pub mod status_bar;
pub mod style;
pub mod view;
pub mod welcome;
pub mod window;

pub use files::Dialogs;
pub use settings::Settings;
pub use state::AppState;

/// Opens the window: on the queue of `file` if it is a folder, on the
/// report if it is a file, else on the welcome view.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("nianbao")
        .with_app_id("nianbao")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    match eframe::icon_data::from_png_bytes(fonts::ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => eprintln!("nianbao: window icon not loaded: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        // Ours prefers Simplified Chinese faces: see `fonts::install_system_fallback`.
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| Ok(Box::new(window::NianbaoApp::new(cc, file)))),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}
