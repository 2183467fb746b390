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
    /// Bring the selected cell into view (the grid, and its box on the
    /// original page) when next drawn.
    ScrollGrid,
    /// Scroll the source text to this byte offset when next drawn.
    ScrollSource(usize),
}

/// The scrolling one drawn frame does, gathered from the effects applied
/// before it; the window starts afresh once the frame is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// Bring the selected cell into view.
    pub grid: bool,
    /// Scroll the source text to this byte offset.
    pub source_to: Option<usize>,
}

impl Effect {
    /// Does it: on the window, or for the next frame's `scroll`.
    pub fn perform(self, ctx: &egui::Context, scroll: &mut Scroll) {
        match self {
            Effect::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Effect::Theme(theme) => ctx.set_theme(theme.preference()),
            Effect::ScrollGrid => scroll.grid = true,
            Effect::ScrollSource(offset) => scroll.source_to = Some(offset),
        }
    }
}
