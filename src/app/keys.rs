//! The keyboard, read before any widget sees it: first the command
//! shortcuts, then the grid's movement and typing keys, all consumed so a
//! focused widget never acts on them twice.

use egui::{Event, InputState, Key, Modifiers};

use super::action::Action;
use super::command::Command;
use super::document::ViewState;
use super::nav::Move;

/// Turns this frame's keys into actions. `view` is the open document's view
/// (none on the welcome view).
pub fn read(input: &mut InputState, view: Option<&ViewState>, out: &mut Vec<Action>) {
    out.extend(
        Command::consume_shortcuts(input)
            .into_iter()
            .map(Action::Command),
    );
    let Some(view) = view else { return };
    if view.editing.is_some() {
        editing_keys(input, out);
    } else if view.selected.is_some() {
        moving_keys(input, out);
    } else if input.consume_key(Modifiers::NONE, Key::Tab)
        || input.consume_key(Modifiers::NONE, Key::ArrowDown)
    {
        out.push(Action::Move(Move::Down));
    }
}

/// The queue's keys: the command shortcuts, then (unless a text field has
/// the keyboard) arrows, Page Up/Down and Enter.
pub fn read_queue(input: &mut InputState, typing: bool, out: &mut Vec<Action>) {
    out.extend(
        Command::consume_shortcuts(input)
            .into_iter()
            .map(Action::Command),
    );
    if typing {
        return;
    }
    let keys = [
        (Key::ArrowUp, Action::QueueStep(-1)),
        (Key::ArrowDown, Action::QueueStep(1)),
        (Key::PageUp, Action::QueueStep(-20)),
        (Key::PageDown, Action::QueueStep(20)),
        (Key::Enter, Action::QueueOpenSelected),
    ];
    for (k, a) in keys {
        while input.consume_key(Modifiers::NONE, k) {
            out.push(a.clone());
        }
    }
}

fn editing_keys(input: &mut InputState, out: &mut Vec<Action>) {
    let keys = [
        (
            Modifiers::SHIFT,
            Key::Tab,
            Action::CommitEdit(Some(Move::Prev)),
        ),
        (
            Modifiers::NONE,
            Key::Tab,
            Action::CommitEdit(Some(Move::Next)),
        ),
        (
            Modifiers::NONE,
            Key::Enter,
            Action::CommitEdit(Some(Move::Down)),
        ),
        (
            Modifiers::NONE,
            Key::ArrowUp,
            Action::CommitEdit(Some(Move::Up)),
        ),
        (
            Modifiers::NONE,
            Key::ArrowDown,
            Action::CommitEdit(Some(Move::Down)),
        ),
        (Modifiers::NONE, Key::Escape, Action::CancelEdit),
        (Modifiers::NONE, Key::Backspace, Action::Backspace),
    ];
    for (m, k, a) in keys {
        while input.consume_key(m, k) {
            out.push(a.clone());
        }
    }
    typed_text(input, out, true);
}

fn moving_keys(input: &mut InputState, out: &mut Vec<Action>) {
    let keys = [
        (Modifiers::SHIFT, Key::Tab, Move::Prev),
        (Modifiers::NONE, Key::Tab, Move::Next),
        (Modifiers::NONE, Key::Enter, Move::Down),
        (Modifiers::NONE, Key::ArrowUp, Move::Up),
        (Modifiers::NONE, Key::ArrowDown, Move::Down),
        (Modifiers::NONE, Key::ArrowLeft, Move::Left),
        (Modifiers::NONE, Key::ArrowRight, Move::Right),
    ];
    for (m, k, mv) in keys {
        while input.consume_key(m, k) {
            out.push(Action::Move(mv));
        }
    }
    typed_text(input, out, false);
}

/// Typed characters go to the cell (a first one starts editing); taken out
/// of the event list so no other widget also receives them.
fn typed_text(input: &mut InputState, out: &mut Vec<Action>, editing: bool) {
    let mut typed = String::new();
    input.events.retain(|e| match e {
        Event::Text(t) | Event::Paste(t) if editing || !t.trim().is_empty() => {
            typed.push_str(t);
            false
        }
        _ => true,
    });
    let typed: String = typed.chars().filter(|c| !c.is_control()).collect();
    if !typed.is_empty() {
        out.push(Action::Type(typed));
    }
}
