//! The command line: `extract` and `check` over the core; with no command,
//! the window (when built with the `gui` feature).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::checks::{CheckId, CheckStatus};
use crate::folder::{QueueRow, ScanControl};
use crate::open::OpenError;
use crate::review::{LoadError, Review};
use crate::source::ReadError;
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
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Extract { file, output }) => extract(&file, output.as_deref()),
        Some(Command::Check {
            paths,
            format: Format::Csv,
        }) => ExitCode::from(crate::export::check_csv(
            &paths,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )),
        Some(Command::Check { paths, format }) => check(&paths, format),
        None => window(cli.file),
    }
}

#[cfg(feature = "gui")]
fn window(file: Option<PathBuf>) -> ExitCode {
    match crate::app::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: {e:#}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn window(_file: Option<PathBuf>) -> ExitCode {
    eprintln!(
        "nianbao: built without the window (feature `gui`); use `nianbao extract` or `nianbao check`"
    );
    ExitCode::from(EXIT_UNREADABLE)
}

/// Opens a report text (extracting it) or a saved review; the error is the
/// one line to print, already naming the file. A text without the 2021
/// tables is refused: there is nothing to check in it.
pub fn open(path: &Path) -> Result<Review, String> {
    let shown = path.display();
    let review = crate::open::open(path).map_err(|e| match e {
        OpenError::Read(e) => read_error_line(path, &e),
        OpenError::Review(LoadError::Io { source, .. }) => {
            format!("{shown}: could not be read: {source}")
        }
        OpenError::Review(e) => format!("{shown}: {e}"),
    })?;
    if crate::open::is_review_file(path) {
        return Ok(review);
    }
    match not_checked(&shown.to_string(), review.report().template) {
        Some(why) => Err(why),
        None => Ok(review),
    }
}

/// Why a report of this template is not checked ("<file>: <reason>"); None
/// for the 2021 template.
fn not_checked(file: &str, template: TemplateVersion) -> Option<String> {
    match template {
        TemplateVersion::V2021 => None,
        TemplateVersion::V2019 => Some(format!(
            "{file}: 2019 format, not supported for checking: this report follows the 2019 \
             template (国办公开办函〔2019〕60号), nianbao checks the 2021 one"
        )),
        TemplateVersion::Unknown => Some(format!(
            "{file}: no report tables found: this text has none of the three tables of the \
             annual report template; is it the report itself?"
        )),
    }
}

/// "<file>: <reason>", without naming the file twice.
fn read_error_line(path: &Path, e: &ReadError) -> String {
    match e {
        ReadError::Directory(_)
        | ReadError::NotFound(_)
        | ReadError::PermissionDenied(_)
        | ReadError::Io { .. } => e.to_string(),
        _ => format!("{}: {e}", path.display()),
    }
}

fn extract(file: &Path, output: Option<&Path>) -> ExitCode {
    let mut review = match open(file) {
        Ok(r) => r,
        Err(line) => {
            eprintln!("nianbao: {line}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    match output {
        Some(out) => {
            if let Err(e) = review.save(out) {
                eprintln!("nianbao: {e}");
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

/// One file's check outcome, as printed in `--format json`.
#[derive(Debug, Serialize)]
struct FileResult {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<&'static str>,
    summary: Summary,
    checks: Vec<CheckLine>,
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    pass: usize,
    fail: usize,
    incomplete: usize,
    warning: usize,
    acknowledged: usize,
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
}

impl FileResult {
    /// Whether something fails or is incomplete (acknowledged checks aside),
    /// or the report's tables could not be checked at all.
    fn has_problems(&self) -> bool {
        self.error.is_none()
            && (self.summary.fail > 0
                || self.summary.incomplete > 0
                || self.template != Some(TemplateVersion::V2021.id()))
    }
}

/// One report of the scan as `check` prints it: the report's own checks
/// that do not pass, then its cross-year ones, and the one tally the queue
/// and the CSV show ([`QueueRow::counts`]).
fn file_result(row: &QueueRow) -> FileResult {
    let file = row.relative.clone();
    let failed = |error: String| FileResult {
        file: file.clone(),
        error: Some(error),
        template: None,
        summary: Summary::default(),
        checks: Vec::new(),
    };
    if let Some(e) = &row.error {
        // The reason names the file already when it is about the path.
        return failed(if e.starts_with(&file) {
            e.clone()
        } else {
            format!("{file}: {e}")
        });
    }
    if !crate::open::is_review_file(&row.path)
        && let Some(why) = not_checked(&file, row.template.unwrap_or(TemplateVersion::Unknown))
    {
        return failed(why);
    }
    let line = |id: CheckId, status: CheckStatus, message: &str| CheckLine {
        id,
        status,
        message: message.to_string(),
        acknowledged: row.acknowledgement(id).map(str::to_string),
    };
    let own = row
        .problems
        .iter()
        .map(|p| line(p.id, p.status, &p.message));
    let cross = row
        .cross_year
        .iter()
        .filter(|c| c.status != CheckStatus::Pass)
        .map(|c| line(c.id, c.status, &c.message));
    let counts = row.counts();
    FileResult {
        file,
        error: None,
        template: row.template.map(TemplateVersion::id),
        summary: Summary {
            pass: counts.pass,
            fail: counts.fail,
            incomplete: counts.incomplete,
            warning: counts.warning,
            acknowledged: counts.acknowledged,
            unsure: row.unsure,
        },
        checks: own.chain(cross).collect(),
    }
}

fn print_text(results: &[FileResult], out: &mut impl Write) -> std::io::Result<()> {
    for r in results {
        if r.error.is_some() {
            // Said once, on stderr.
            continue;
        }
        for c in r.checks.iter().filter(|c| c.status != CheckStatus::Pass) {
            match &c.acknowledged {
                Some(note) => writeln!(
                    out,
                    "{}: {}: {} (acknowledged: {note})",
                    r.file, c.id, c.message
                )?,
                None => writeln!(out, "{}: {}: {}", r.file, c.id, c.message)?,
            }
        }
        let s = &r.summary;
        match r.template {
            Some("2021") => writeln!(
                out,
                "{}: {} pass, {} fail, {} incomplete, {} warning, {} acknowledged, {} values unsure",
                r.file, s.pass, s.fail, s.incomplete, s.warning, s.acknowledged, s.unsure
            )?,
            Some(other) => writeln!(
                out,
                "{}: not checked: template {other} (only the 2021 template is checked)",
                r.file
            )?,
            None => {}
        }
    }
    Ok(())
}

fn check(paths: &[PathBuf], format: Format) -> ExitCode {
    // One scan, as the queue and the CSV see it: the same files, checks,
    // cross-year checks and counts.
    let mut results: Vec<FileResult> = paths
        .iter()
        .filter(|p| p.is_dir() && crate::folder::find_reports(p).is_empty())
        .map(|p| FileResult {
            file: p.display().to_string(),
            error: Some(crate::folder::nothing_to_check(p)),
            template: None,
            summary: Summary::default(),
            checks: Vec::new(),
        })
        .collect();
    match crate::folder::scan_paths(paths, &ScanControl::new()) {
        Ok(queue) => results.extend(queue.rows().iter().map(file_result)),
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    }
    let mut stdout = std::io::stdout().lock();
    let _ = match format {
        Format::Text => print_text(&results, &mut stdout),
        Format::Json => serde_json::to_writer_pretty(&mut stdout, &results)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(stdout)),
        Format::Csv => Ok(()), // answered in `main` by `export::check_csv`
    };
    for r in &results {
        if let Some(e) = &r.error {
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
