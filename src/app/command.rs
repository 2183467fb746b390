//! The one command table: every user command with its label in both
//! languages and its shortcuts. Menus, the keyboard and the help window are
//! all drawn from it, so they never drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::i18n::Lang;

/// A command the user can give from a menu or the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Open a report or a saved review with the file dialog.
    Open,
    /// Open a file by typing its path.
    OpenPath,
    /// Open the sample report embedded in the program.
    OpenSample,
    /// Save the review (Save As the first time).
    Save,
    /// Save the review under a new name.
    SaveAs,
    /// Close the document and go back to the welcome view.
    CloseDocument,
    /// Quit.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Start editing the selected cell with its current text.
    EditCell,
    /// Empty the selected cell (the report left it blank).
    ClearCell,
    /// Apply the value nianbao suggests for the selected cell.
    AcceptSuggestion,
    /// Acknowledge the selected check (or take the acknowledgement back).
    AcknowledgeCheck,
    /// Go to the next problem cell.
    NextProblem,
    /// Go to the previous problem cell.
    PrevProblem,
    /// Go to the next value the extractor was unsure of.
    NextUnsure,
    /// Go to the previous value the extractor was unsure of.
    PrevUnsure,
    /// Switch the UI to Chinese.
    LangZh,
    /// Switch the UI to English.
    LangEn,
    /// Follow the system theme.
    ThemeSystem,
    /// Light theme.
    ThemeLight,
    /// Dark theme.
    ThemeDark,
    /// Show the keyboard help.
    Help,
    /// Open a folder of reports as a queue.
    OpenFolder,
    /// Scan the queue's folder again.
    Rescan,
    /// Stop the running scan.
    CancelScan,
    /// Show the queue (closing the report, asking about unsaved edits).
    BackToQueue,
    /// Open the next report of the queue with problems.
    NextReport,
    /// Open the previous report of the queue with problems.
    PrevReport,
    /// Export the queue summary as CSV.
    ExportSummaryCsv,
    /// Export the queue summary as XLSX.
    ExportSummaryXlsx,
    /// Export the corrected tables as XLSX.
    ExportTablesXlsx,
    /// Export the cells as CSV.
    ExportCellsCsv,
    /// Set the reviewer's name.
    Settings,
}

const fn sc(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 34] = [
        Command::Open,
        Command::OpenPath,
        Command::OpenSample,
        Command::OpenFolder,
        Command::Rescan,
        Command::CancelScan,
        Command::BackToQueue,
        Command::NextReport,
        Command::PrevReport,
        Command::Save,
        Command::SaveAs,
        Command::ExportTablesXlsx,
        Command::ExportCellsCsv,
        Command::ExportSummaryCsv,
        Command::ExportSummaryXlsx,
        Command::Settings,
        Command::CloseDocument,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::EditCell,
        Command::ClearCell,
        Command::AcceptSuggestion,
        Command::AcknowledgeCheck,
        Command::NextProblem,
        Command::PrevProblem,
        Command::NextUnsure,
        Command::PrevUnsure,
        Command::LangZh,
        Command::LangEn,
        Command::ThemeSystem,
        Command::ThemeLight,
        Command::ThemeDark,
        Command::Help,
    ];

    /// The label shown in menus and help.
    pub fn label(self, lang: Lang) -> &'static str {
        use Command::*;
        match self {
            Open => lang.t("打开…", "Open…"),
            OpenPath => lang.t("按路径打开…", "Open by path…"),
            OpenSample => lang.t("打开示例报告", "Open a sample report"),
            Save => lang.t("保存", "Save"),
            SaveAs => lang.t("另存为…", "Save As…"),
            CloseDocument => lang.t("关闭报告", "Close report"),
            Quit => lang.t("退出", "Quit"),
            Undo => lang.t("撤销", "Undo"),
            Redo => lang.t("重做", "Redo"),
            EditCell => lang.t("编辑单元格", "Edit cell"),
            ClearCell => lang.t("清空单元格（空白）", "Clear cell (blank)"),
            AcceptSuggestion => lang.t("采用建议值", "Apply suggested value"),
            AcknowledgeCheck => lang.t("确认/取消确认校验", "Acknowledge / take back check"),
            NextProblem => lang.t("下一个问题", "Next problem"),
            PrevProblem => lang.t("上一个问题", "Previous problem"),
            NextUnsure => lang.t("下一个待核对的值", "Next unsure value"),
            PrevUnsure => lang.t("上一个待核对的值", "Previous unsure value"),
            LangZh => "中文",
            LangEn => "English",
            ThemeSystem => lang.t("跟随系统主题", "System theme"),
            ThemeLight => lang.t("浅色主题", "Light theme"),
            ThemeDark => lang.t("深色主题", "Dark theme"),
            Help => lang.t("快捷键", "Keyboard shortcuts"),
            OpenFolder => lang.t("打开文件夹…", "Open Folder…"),
            Rescan => lang.t("重新扫描", "Rescan"),
            CancelScan => lang.t("取消扫描", "Cancel scan"),
            BackToQueue => lang.t("返回报告队列", "Back to the queue"),
            NextReport => lang.t("下一份有问题的报告", "Next report with problems"),
            PrevReport => lang.t("上一份有问题的报告", "Previous report with problems"),
            ExportSummaryCsv => lang.t("导出队列汇总 (CSV)…", "Export queue summary (CSV)…"),
            ExportSummaryXlsx => lang.t("导出队列汇总 (XLSX)…", "Export queue summary (XLSX)…"),
            ExportTablesXlsx => lang.t(
                "导出修正后的表格 (XLSX)…",
                "Export corrected tables (XLSX)…",
            ),
            ExportCellsCsv => lang.t("导出单元格 (CSV)…", "Export cells (CSV)…"),
            Settings => lang.t("设置（审阅人）…", "Settings (reviewer)…"),
        }
    }

    /// The shortcuts, the one shown in menus first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        use Command::*;
        const OPEN: &[KeyboardShortcut] = &[sc(CMD, Key::O)];
        const OPEN_PATH: &[KeyboardShortcut] = &[sc(CMD, Key::L)];
        const SAVE: &[KeyboardShortcut] = &[sc(CMD, Key::S)];
        const SAVE_AS: &[KeyboardShortcut] = &[sc(CMD_SHIFT, Key::S)];
        const CLOSE: &[KeyboardShortcut] = &[sc(CMD, Key::W)];
        const QUIT: &[KeyboardShortcut] = &[sc(CMD, Key::Q)];
        const UNDO: &[KeyboardShortcut] = &[sc(CMD, Key::Z)];
        const REDO: &[KeyboardShortcut] = &[sc(CMD_SHIFT, Key::Z), sc(CMD, Key::Y)];
        const EDIT: &[KeyboardShortcut] = &[sc(Modifiers::NONE, Key::F2)];
        const CLEAR: &[KeyboardShortcut] = &[sc(Modifiers::NONE, Key::Delete)];
        const ACCEPT: &[KeyboardShortcut] = &[sc(CMD, Key::Enter)];
        const ACK: &[KeyboardShortcut] = &[sc(CMD, Key::K)];
        const NEXT: &[KeyboardShortcut] = &[sc(Modifiers::NONE, Key::F8)];
        const PREV: &[KeyboardShortcut] = &[sc(Modifiers::SHIFT, Key::F8)];
        const NEXT_UNSURE: &[KeyboardShortcut] = &[sc(Modifiers::NONE, Key::F7)];
        const PREV_UNSURE: &[KeyboardShortcut] = &[sc(Modifiers::SHIFT, Key::F7)];
        const HELP: &[KeyboardShortcut] = &[sc(Modifiers::NONE, Key::F1)];
        const FOLDER: &[KeyboardShortcut] = &[sc(CMD_SHIFT, Key::O)];
        const RESCAN: &[KeyboardShortcut] = &[sc(Modifiers::NONE, Key::F5)];
        const BACK: &[KeyboardShortcut] = &[sc(CMD, Key::Backspace)];
        const NEXT_REPORT: &[KeyboardShortcut] = &[sc(CMD, Key::PageDown)];
        const PREV_REPORT: &[KeyboardShortcut] = &[sc(CMD, Key::PageUp)];
        match self {
            Open => OPEN,
            OpenPath => OPEN_PATH,
            Save => SAVE,
            SaveAs => SAVE_AS,
            CloseDocument => CLOSE,
            Quit => QUIT,
            Undo => UNDO,
            Redo => REDO,
            EditCell => EDIT,
            ClearCell => CLEAR,
            AcceptSuggestion => ACCEPT,
            AcknowledgeCheck => ACK,
            NextProblem => NEXT,
            PrevProblem => PREV,
            NextUnsure => NEXT_UNSURE,
            PrevUnsure => PREV_UNSURE,
            Help => HELP,
            OpenFolder => FOLDER,
            Rescan => RESCAN,
            BackToQueue => BACK,
            NextReport => NEXT_REPORT,
            PrevReport => PREV_REPORT,
            OpenSample | LangZh | LangEn | ThemeSystem | ThemeLight | ThemeDark | CancelScan
            | ExportSummaryCsv | ExportSummaryXlsx | ExportTablesXlsx | ExportCellsCsv
            | Settings => &[],
        }
    }

    /// Whether the command only makes sense with a document open.
    pub fn needs_document(self) -> bool {
        use Command::*;
        matches!(
            self,
            Save | SaveAs
                | CloseDocument
                | Undo
                | Redo
                | EditCell
                | ClearCell
                | AcceptSuggestion
                | AcknowledgeCheck
                | NextProblem
                | PrevProblem
                | NextUnsure
                | PrevUnsure
                | ExportTablesXlsx
                | ExportCellsCsv
        )
    }

    /// Whether the command only makes sense with a folder queue open.
    pub fn needs_queue(self) -> bool {
        use Command::*;
        matches!(
            self,
            Rescan
                | CancelScan
                | BackToQueue
                | NextReport
                | PrevReport
                | ExportSummaryCsv
                | ExportSummaryXlsx
        )
    }

    /// Consumes the shortcuts pressed this frame (the more modified ones
    /// first, so Ctrl+Shift+Z is never taken for Ctrl+Z) and returns their
    /// commands. Called before any widget sees the keys.
    pub fn consume_shortcuts(input: &mut egui::InputState) -> Vec<Command> {
        let mut all: Vec<(KeyboardShortcut, Command)> = Command::ALL
            .iter()
            .flat_map(|&c| c.shortcuts().iter().map(move |&s| (s, c)))
            .collect();
        all.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
        all.into_iter()
            .filter(|(s, _)| input.consume_shortcut(s))
            .map(|(_, c)| c)
            .collect()
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command || m.mac_cmd)
}

/// The keys that move and edit in the grid, for the help window.
pub fn navigation_help(lang: Lang) -> [(&'static str, &'static str); 6] {
    [
        (
            lang.t("方向键 / Tab / Shift+Tab", "Arrows / Tab / Shift+Tab"),
            lang.t("在单元格间移动", "Move between cells"),
        ),
        (
            "Enter",
            lang.t("下移；编辑时提交", "Move down; commit while editing"),
        ),
        (
            lang.t("输入数字", "Type a number"),
            lang.t("开始编辑所选单元格", "Start editing the selected cell"),
        ),
        ("Esc", lang.t("取消编辑", "Cancel editing")),
        (
            "Backspace",
            lang.t("编辑时删除一个字符", "Delete a character while editing"),
        ),
        (
            lang.t("点击原文中的数字", "Click a number in the text"),
            lang.t("选中对应单元格", "Select its cell"),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for c in Command::ALL {
            for s in c.shortcuts() {
                assert!(!seen.contains(s), "{c:?} reuses {s:?}");
                seen.push(*s);
            }
        }
    }

    #[test]
    fn every_command_has_labels_in_both_languages() {
        for c in Command::ALL {
            assert!(!c.label(Lang::Zh).is_empty());
            assert!(!c.label(Lang::En).is_empty());
        }
    }
}
