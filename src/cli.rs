//! The command line: `extract` and `check` over the core; with no command,
//! the window (when built with the `gui` feature).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::checks::{CheckId, CheckStatus, Tally};
use crate::folder::{QueueRow, ScanControl};
use crate::i18n::{Lang, checks, errors};
use crate::review::Review;
use crate::template::TemplateVersion;

/// Review Chinese government information disclosure annual reports
/// (政府信息公开工作年度报告): extract the three tables, check them, save
/// the review as JSON.
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A report text or a saved review to open in the window.
    file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the review JSON (nianbao-review/1) of a report text or saved review.
    Extract {
        /// A report text (.txt) or a saved review (.json).
        file: PathBuf,
        /// Write the JSON to this file (atomically) instead of stdout.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Check reports: every *.txt and *.review.json in the folders given.
    Check {
        /// Report texts, saved reviews, or folders holding them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// How `check` prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per check that does not pass, and a summary per file.
    Text,
    /// A JSON array with one object per file.
    Json,
    /// The queue summary as CSV: one row per report, cross-year checks included.
    Csv,
}

/// Exit code when an input could not be read.
const EXIT_UNREADABLE: u8 = 2;
/// Exit code when some check fails or is incomplete.
const EXIT_CHECKS: u8 = 1;

/// Parses the command line and runs it; returns the process exit code.
/// Errors and the text summaries are English, or Chinese when the locale
/// is ([`Lang::from_env`]); JSON and CSV are the same in both.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from_env();
    match cli.command {
        Some(Command::Extract { file, output }) => extract(&file, output.as_deref(), lang),
        Some(Command::Check {
            paths,
            format: Format::Csv,
        }) => ExitCode::from(crate::export::check_csv(
            &paths,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
            lang,
        )),
        Some(Command::Check { paths, format }) => check(&paths, format, lang),
        None => window(cli.file, lang),
    }
}

#[cfg(feature = "gui")]
fn window(file: Option<PathBuf>, lang: Lang) -> ExitCode {
    match crate::app::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The windowing system's own reason stays as it gave it.
            match lang {
                Lang::En => eprintln!("nianbao: cannot open the window: {e:#}"),
                Lang::Zh => eprintln!("nianbao: 无法打开窗口：{e:#}"),
            }
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn window(_file: Option<PathBuf>, lang: Lang) -> ExitCode {
    eprintln!(
        "nianbao: {}",
        lang.t(
            "这个版本没有窗口（编译时未启用 `gui`）：请用 `nianbao extract` 或 `nianbao check`",
            "built without the window (feature `gui`); use `nianbao extract` or `nianbao check`"
        )
    );
    ExitCode::from(EXIT_UNREADABLE)
}

/// Opens a report text (extracting it) or a saved review; the error is the
/// one line to print, already naming the file. A text without the 2021
/// tables is refused: there is nothing to check in it.
pub fn open(path: &Path, lang: Lang) -> Result<Review, String> {
    let shown = path.display().to_string();
    let review = crate::open::open(path).map_err(|e| errors::open_line(&shown, &e, lang))?;
    if crate::open::is_review_file(path) {
        return Ok(review);
    }
    match not_checked(&shown, review.report().template, lang) {
        Some(why) => Err(why),
        None => Ok(review),
    }
}

/// Why a report of this template is not checked ("<file>: <reason>"); None
/// for the 2021 template.
fn not_checked(file: &str, template: TemplateVersion, lang: Lang) -> Option<String> {
    let why = match (template, lang) {
        (TemplateVersion::V2021, _) => return None,
        (TemplateVersion::V2019, Lang::En) => {
            "2019 format, not supported for checking: this report follows the 2019 template \
             (国办公开办函〔2019〕60号), nianbao checks the 2021 one"
        }
        (TemplateVersion::V2019, Lang::Zh) => {
            "2019 年版格式，不支持校验：这份报告按 2019 年模板（国办公开办函〔2019〕60号）编制，\
             nianbao 校验的是 2021 年模板"
        }
        (TemplateVersion::Unknown, Lang::En) => {
            "no report tables found: this text has none of the three tables of the annual \
             report template; is it the report itself?"
        }
        (TemplateVersion::Unknown, Lang::Zh) => {
            "未找到报告表格：这份文字里没有年度报告模板的三张表，是报告本身吗？"
        }
    };
    Some(format!("{file}{}{why}", lang.t("：", ": ")))
}

fn extract(file: &Path, output: Option<&Path>, lang: Lang) -> ExitCode {
    let mut review = match open(file, lang) {
        Ok(r) => r,
        Err(line) => {
            eprintln!("nianbao: {line}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    match output {
        Some(out) => {
            if let Err(e) = review.save(out) {
                match lang {
                    Lang::En => eprintln!("nianbao: {e}"),
                    Lang::Zh => eprintln!(
                        "nianbao: {}：无法保存：{}",
                        out.display(),
                        errors::save_reason(&e, lang)
                    ),
                }
                return ExitCode::from(EXIT_UNREADABLE);
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth reporting.
            let _ = stdout.write_all(review.to_json().as_bytes());
        }
    }
    ExitCode::SUCCESS
}

/// One file's check outcome, as printed in `--format json` (always in
/// English: it is data) and, in the user's language, as text.
#[derive(Debug, Serialize)]
struct FileResult {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// `error` in the user's language, as printed on stderr.
    #[serde(skip)]
    error_said: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<&'static str>,
    summary: Summary,
    checks: Vec<CheckLine>,
}

/// The one tally, written out field by field, and the unsure values.
#[derive(Debug, Default, Serialize)]
struct Summary {
    #[serde(flatten)]
    counts: Tally,
    /// Values the extraction was unsure of and no one has confirmed.
    unsure: usize,
}

#[derive(Debug, Serialize)]
struct CheckLine {
    id: CheckId,
    status: CheckStatus,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    acknowledged: Option<String>,
    /// Left, right, difference: what the Chinese text says for `message`.
    #[serde(skip)]
    sides: (Option<u64>, Option<u64>, Option<i64>),
}

impl FileResult {
    /// A file that could not be checked, with the reason in English (for
    /// the JSON) and in the user's language (for stderr).
    fn failed(file: String, why: impl Fn(Lang) -> String, lang: Lang) -> FileResult {
        FileResult {
            file,
            error: Some(why(Lang::En)),
            error_said: Some(why(lang)),
            template: None,
            summary: Summary::default(),
            checks: Vec::new(),
        }
    }

    /// Whether something fails or is incomplete (acknowledged checks aside),
    /// or the report's tables could not be checked at all.
    fn has_problems(&self) -> bool {
        self.error.is_none()
            && (self.summary.counts.fail > 0
                || self.summary.counts.incomplete > 0
                || self.template != Some(TemplateVersion::V2021.id()))
    }
}

/// One report of the scan as `check` prints it: the report's own checks
/// that do not pass, then its cross-year ones, and the one tally the queue
/// and the CSV show ([`QueueRow::counts`]).
fn file_result(row: &QueueRow, lang: Lang) -> FileResult {
    let file = row.relative.clone();
    if let Some(e) = &row.error {
        let why = |lang| errors::open_line(&file, e, lang);
        return FileResult::failed(file.clone(), why, lang);
    }
    let template = row.template.unwrap_or(TemplateVersion::Unknown);
    if !crate::open::is_review_file(&row.path) && template != TemplateVersion::V2021 {
        let why = |lang| not_checked(&file, template, lang).unwrap_or_default();
        return FileResult::failed(file.clone(), why, lang);
    }
    let line = |id: CheckId, status: CheckStatus, message: &str, sides| CheckLine {
        id,
        status,
        message: message.to_string(),
        acknowledged: row.acknowledgement(id).map(str::to_string),
        sides,
    };
    let own = row
        .problems
        .iter()
        .map(|p| line(p.id, p.status, &p.message, p.sides));
    let cross = row
        .cross_year
        .iter()
        .filter(|c| c.status != CheckStatus::Pass)
        .map(|c| line(c.id, c.status, &c.message, (c.left, c.right, c.difference)));
    FileResult {
        file,
        error: None,
        error_said: None,
        template: row.template.map(TemplateVersion::id),
        summary: Summary {
            counts: row.counts(),
            unsure: row.unsure,
        },
        checks: own.chain(cross).collect(),
    }
}

/// A check that does not pass, as one line of text: in English the check's
/// own message, in Chinese its status, title and sides.
fn check_line(file: &str, c: &CheckLine, lang: Lang) -> String {
    let (left, right, difference) = c.sides;
    match (lang, &c.acknowledged) {
        (Lang::En, None) => format!("{file}: {}: {}", c.id, c.message),
        (Lang::En, Some(note)) => {
            format!("{file}: {}: {} (acknowledged: {note})", c.id, c.message)
        }
        (Lang::Zh, ack) => {
            let ack = ack
                .as_ref()
                .map_or_else(String::new, |note| format!("（已确认：{note}）"));
            format!(
                "{file}: {}: {} · {}：{}{ack}",
                c.id,
                checks::status(c.status, lang),
                checks::title(c.id, lang),
                checks::sides(left, right, difference, lang)
            )
        }
    }
}

fn print_text(results: &[FileResult], out: &mut impl Write, lang: Lang) -> std::io::Result<()> {
    for r in results {
        if r.error.is_some() {
            // Said once, on stderr.
            continue;
        }
        for c in r.checks.iter().filter(|c| c.status != CheckStatus::Pass) {
            writeln!(out, "{}", check_line(&r.file, c, lang))?;
        }
        let s = &r.summary;
        let tally = checks::tally(&s.counts, lang);
        match (r.template, lang) {
            (Some("2021"), Lang::En) => {
                writeln!(out, "{}: {tally}, {} values unsure", r.file, s.unsure)?
            }
            (Some("2021"), Lang::Zh) => writeln!(out, "{}：{tally}，待核对 {}", r.file, s.unsure)?,
            (Some(other), Lang::En) => writeln!(
                out,
                "{}: not checked: template {other} (only the 2021 template is checked)",
                r.file
            )?,
            (Some(other), Lang::Zh) => writeln!(
                out,
                "{}：未校验：模板 {other}（只校验 2021 年模板）",
                r.file
            )?,
            (None, _) => {}
        }
    }
    Ok(())
}

fn check(paths: &[PathBuf], format: Format, lang: Lang) -> ExitCode {
    // One scan, as the queue and the CSV see it: the same files, checks,
    // cross-year checks and counts.
    let mut results: Vec<FileResult> = paths
        .iter()
        .filter(|p| p.is_dir() && crate::folder::find_reports(p).is_empty())
        .map(|p| {
            let why = |lang| crate::folder::nothing_to_check(p, lang);
            FileResult::failed(p.display().to_string(), why, lang)
        })
        .collect();
    match crate::folder::scan_paths(paths, &ScanControl::new()) {
        Ok(queue) => results.extend(queue.rows().iter().map(|r| file_result(r, lang))),
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    }
    let mut stdout = std::io::stdout().lock();
    let _ = match format {
        Format::Text => print_text(&results, &mut stdout, lang),
        Format::Json => serde_json::to_writer_pretty(&mut stdout, &results)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(stdout)),
        Format::Csv => Ok(()), // answered in `main` by `export::check_csv`
    };
    for r in &results {
        if let Some(e) = &r.error_said {
            eprintln!("nianbao: {e}");
        }
    }
    if results.iter().any(|r| r.error.is_some()) {
        ExitCode::from(EXIT_UNREADABLE)
    } else if results.iter().any(FileResult::has_problems) {
        ExitCode::from(EXIT_CHECKS)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from(["nianbao", "check", "a", "b", "--format", "json"]).unwrap();
        assert!(
            matches!(cli.command, Some(Command::Check { ref paths, format: Format::Json }) if paths.len() == 2)
        );
        let cli = Cli::try_parse_from(["nianbao", "report.txt"]).unwrap();
        assert_eq!(cli.file, Some(PathBuf::from("report.txt")));
        assert!(Cli::try_parse_from(["nianbao", "check"]).is_err());
    }
}
