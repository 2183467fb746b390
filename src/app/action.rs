//! What the panels ask for. Panels read the state and push actions; the app
//! applies them once the frame is drawn (dialogs and disk writes happen there,
//! never inside a widget closure).

use std::path::PathBuf;

use super::command::Command;
use super::document::{SideTab, SourceTab};
use super::nav::Move;
use crate::checks::CheckId;
use crate::folder::{Column, Filter};
use crate::template::CellId;

/// A request from the UI, applied after the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A command from the table (menu item, shortcut, button).
    Command(Command),
    /// Select a cell and show its source.
    Select(CellId),
    /// Select a check, its first cell and its source.
    SelectCheck(CheckId),
    /// The user clicked the source text at this byte offset.
    ClickSource(usize),
    /// Scroll the source text to a byte offset (an extraction note's place).
    ShowSource(usize),
    /// Move the selection.
    Move(Move),
    /// Start editing the selected cell with this text.
    BeginEdit(String),
    /// Add typed text to the cell being edited.
    Type(String),
    /// Delete the last character of the cell being edited.
    Backspace,
    /// Commit the edit, then move.
    CommitEdit(Option<Move>),
    /// Drop the edit.
    CancelEdit,
    /// Apply the suggested value of a cell.
    Accept(CellId),
    /// Ask for a note to acknowledge a check with.
    AskAcknowledge(CheckId),
    /// Acknowledge a check with a note.
    Acknowledge {
        /// The check.
        check: CheckId,
        /// The note.
        note: String,
    },
    /// Take an acknowledgement back.
    Unacknowledge(CheckId),
    /// Open this file (asking about unsaved edits first).
    Open(PathBuf),
    /// Open this folder as a queue (asking about unsaved edits first).
    OpenFolder(PathBuf),
    /// Submit the path typed in the path prompt.
    SubmitPrompt,
    /// The answer to "save unsaved changes?".
    Unsaved(UnsavedChoice),
    /// Close the open dialog.
    CloseModal,
    /// Dismiss the error banner.
    DismissNotice,
    /// Sort the queue by a column (again: reverse).
    QueueSort(Column),
    /// Filter the queue.
    QueueFilter(Filter),
    /// Select the queue row at this position.
    QueueSelect(usize),
    /// Move the queue selection by this many rows.
    QueueStep(isize),
    /// Open the queue row at this position.
    QueueOpen(usize),
    /// Open the selected queue row.
    QueueOpenSelected,
    /// Show a tab of the side panel.
    ShowTab(SideTab),
    /// Show the source panel's text or the original pages.
    ShowSourceTab(SourceTab),
    /// Zoom the original pages (None: fit the panel's width).
    ZoomPage(Option<f32>),
    /// Set the reviewer's name (from the settings dialog).
    SetReviewer(String),
    /// The answer to "restore unsaved edits?": true restores.
    Restore(bool),
}

/// The answer to the unsaved-changes prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsavedChoice {
    /// Save, then go on.
    Save,
    /// Throw the edits away and go on.
    Discard,
    /// Stay.
    Cancel,
}
