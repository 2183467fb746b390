//! What applying an action asks of the window itself, returned by
//! [`super::state::AppState::apply`] instead of done inside it: the state
//! machine needs no window, and a test sees the request as a value.

use super::settings::Theme;

/// A request to the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Close the window (the person confirmed; unsaved edits were handled).
    Close,
    /// Draw with this theme from now on.
    Theme(Theme),
}

impl Effect {
    /// Does it.
    pub fn perform(self, ctx: &egui::Context) {
        match self {
            Effect::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Effect::Theme(theme) => ctx.set_theme(theme.preference()),
        }
    }
}
