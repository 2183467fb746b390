//! A folder of reports as a queue: every report in a folder and below it,
//! one [`QueueRow`] each with its issuer, year, check counts, edits and
//! review state, plus the [`cross_year`] checks between them.
//!
//! Scanning reads each file once, in parallel, reporting progress through a
//! [`ScanControl`] that also carries the cancel flag, so a window can run it
//! on a background thread ([`ScanJob`]) and stay responsive. A rescan reuses
//! the rows of files whose size and modification time did not change.
//! Sorting and filtering give a list of row indices; the rows stay put.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering as AtomicOrdering};
use std::sync::{Arc, mpsc};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::checks::{self, CheckId, CheckResult, CheckStatus, SavedCheckId};
use crate::cross_year::{self, Figures};
use crate::i18n::Lang;
use crate::open::OpenError;
use crate::template::TemplateVersion;

/// The ending of a saved review's file name.
pub const REVIEW_SUFFIX: &str = ".review.json";
/// The endings of report files: texts, saved web pages, Word documents.
pub const REPORT_SUFFIXES: &[&str] = &[".txt", ".html", ".htm", ".docx", ".pdf"];

/// Where a report stands in the supervisor's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReviewState {
    /// No saved review yet: the text as extracted.
    Untouched,
    /// A saved review with checks still failing or incomplete.
    InProgress,
    /// A saved review whose checks all pass or are acknowledged.
    Done,
}

impl ReviewState {
    /// The CSV / CLI name.
    pub fn id(self) -> &'static str {
        match self {
            ReviewState::Untouched => "untouched",
            ReviewState::InProgress => "in_progress",
            ReviewState::Done => "done",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            ReviewState::Untouched => "未审阅",
            ReviewState::InProgress => "审阅中",
            ReviewState::Done => "已完成",
        }
    }
}

/// A check of a report that does not pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The check.
    pub id: CheckId,
    /// Fail, incomplete or warning.
    pub status: CheckStatus,
    /// Whether a saved review acknowledged it.
    pub acknowledged: bool,
    /// What the check says (both sides, the difference), in English.
    pub message: String,
    /// The two sides' values and their difference, where known (for
    /// saying it in another language).
    pub sides: (Option<u64>, Option<u64>, Option<i64>),
}

/// How many checks of a report end how: the core's one tally.
pub type Counts = crate::checks::Tally;

/// Size and modification time: what tells a rescan a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

/// One report of the queue.
#[derive(Debug, Clone)]
pub struct QueueRow {
    /// The file listed: the saved review when there is one, else the text.
    pub path: PathBuf,
    /// `path` relative to the scanned folder, with `/` separators.
    pub relative: String,
    /// The text beside a saved review (`x.txt` for `x.review.json`), if any.
    pub text_beside: Option<PathBuf>,
    /// The issuer as written in the report.
    pub issuer: Option<String>,
    /// The issuer reduced by [`cross_year::issuer_key`] (groups years).
    pub issuer_key: Option<String>,
    /// The report year.
    pub year: Option<u16>,
    /// The template the report follows (`None` when unreadable).
    pub template: Option<TemplateVersion>,
    /// The report's own checks that do not pass, in check order.
    pub problems: Vec<Problem>,
    /// How many of the report's own checks pass.
    pub passed: usize,
    /// Cross-year results attached to this report (set by the scan).
    pub cross_year: Vec<CheckResult>,
    /// How many edits the saved review holds.
    pub edits: usize,
    /// How many values the extraction was unsure of and no one has
    /// confirmed yet ([`crate::report::Cell::is_unsure`]).
    pub unsure: usize,
    /// Whether the row comes from a saved review.
    pub saved: bool,
    /// Why the file could not be opened, if it could not (shared: rows are
    /// cloned into the window's queue).
    pub error: Option<Arc<OpenError>>,
    /// The checks a saved review acknowledged, with the note.
    acknowledged: Vec<(SavedCheckId, String)>,
    figures: Option<Figures>,
    stamp: Option<Stamp>,
}

impl QueueRow {
    /// The counts of the report's checks, cross-year ones included.
    pub fn counts(&self) -> Counts {
        let cross = self
            .cross_year
            .iter()
            .map(|r| (r.status, self.is_acknowledged(r.id)));
        let own = self.problems.iter().map(|p| (p.status, p.acknowledged));
        let mut c = Counts::of(own.chain(cross));
        c.pass += self.passed;
        c
    }

    fn is_acknowledged(&self, check: CheckId) -> bool {
        self.acknowledged.iter().any(|(a, _)| *a == check)
    }

    /// The note a saved review acknowledged a check with.
    pub fn acknowledgement(&self, check: CheckId) -> Option<&str> {
        self.acknowledged
            .iter()
            .find(|(a, _)| *a == check)
            .map(|(_, note)| note.as_str())
    }

    /// Every check that does not pass and is not acknowledged, the report's
    /// own first, then the cross-year ones: (id, status).
    pub fn open_problems(&self) -> impl Iterator<Item = (CheckId, CheckStatus)> + '_ {
        let own = self
            .problems
            .iter()
            .filter(|p| !p.acknowledged)
            .map(|p| (p.id, p.status));
        let cross = self
            .cross_year
            .iter()
            .filter(|r| r.status != CheckStatus::Pass && !self.is_acknowledged(r.id))
            .map(|r| (r.id, r.status));
        own.chain(cross)
    }

    /// Whether something fails or is incomplete (acknowledged checks
    /// aside), or the report could not be read or checked at all.
    pub fn has_failures(&self) -> bool {
        self.error.is_some()
            || self.template != Some(TemplateVersion::V2021)
            || self
                .open_problems()
                .any(|(_, s)| matches!(s, CheckStatus::Fail | CheckStatus::Incomplete))
    }

    /// Where the review stands.
    pub fn state(&self) -> ReviewState {
        match (self.saved, self.has_failures()) {
            (false, _) => ReviewState::Untouched,
            (true, true) => ReviewState::InProgress,
            (true, false) => ReviewState::Done,
        }
    }

    /// The issuer to show: as written, or empty when unknown.
    pub fn issuer_shown(&self) -> &str {
        self.issuer.as_deref().unwrap_or("")
    }
}

/// Progress and cancellation shared between a scan and whoever watches it.
#[derive(Debug, Default)]
pub struct ScanControl {
    total: AtomicUsize,
    done: AtomicUsize,
    cancel: AtomicBool,
}

impl ScanControl {
    /// A fresh control (nothing done, not cancelled).
    pub fn new() -> ScanControl {
        ScanControl::default()
    }

    /// (files read, files found); the total is 0 while the folder is walked.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.done.load(AtomicOrdering::Relaxed),
            self.total.load(AtomicOrdering::Relaxed),
        )
    }

    /// Asks the scan to stop as soon as it can.
    pub fn cancel(&self) {
        self.cancel.store(true, AtomicOrdering::Relaxed);
    }

    /// Whether cancelling was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(AtomicOrdering::Relaxed)
    }
}

/// A scan stopped by [`ScanControl::cancel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the scan was cancelled")]
pub struct Cancelled;

/// The columns a queue sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The path in the folder.
    File,
    /// The issuer (by its normalised key).
    Issuer,
    /// The year.
    Year,
    /// Failing checks.
    Fail,
    /// Incomplete checks.
    Incomplete,
    /// Warnings.
    Warning,
    /// Values the extraction was unsure of.
    Unsure,
    /// Edits made.
    Edits,
    /// Review state.
    State,
}

impl Column {
    /// Every column, in display order.
    pub const ALL: [Column; 9] = [
        Column::File,
        Column::Issuer,
        Column::Year,
        Column::Fail,
        Column::Incomplete,
        Column::Warning,
        Column::Unsure,
        Column::Edits,
        Column::State,
    ];
}

/// A sort order: a column, ascending or descending; ties by path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub column: Column,
    /// Largest first.
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Sort {
        Sort {
            column: Column::File,
            descending: false,
        }
    }
}

/// Which rows to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Text the issuer (as written or normalised) or the path must contain.
    pub issuer: String,
    /// Only reports with failures (see [`QueueRow::has_failures`]).
    pub failures_only: bool,
}

impl Filter {
    /// Whether a row passes the filter.
    pub fn accepts(&self, row: &QueueRow) -> bool {
        if self.failures_only && !row.has_failures() {
            return false;
        }
        let needle: String = self.issuer.split_whitespace().collect();
        if needle.is_empty() {
            return true;
        }
        let key = cross_year::issuer_key(&needle);
        row.issuer.as_deref().is_some_and(|i| i.contains(&needle))
            || (!key.is_empty() && row.issuer_key.as_deref().is_some_and(|k| k.contains(&key)))
            || row.relative.contains(&needle)
    }
}

/// Totals over a list of rows (see [`Queue::tally`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Rows counted.
    pub reports: usize,
    /// Rows with failures (see [`QueueRow::has_failures`]).
    pub with_failures: usize,
    /// Rows whose file could not be read.
    pub unreadable: usize,
    /// Rows without a saved review.
    pub untouched: usize,
    /// Saved reviews with checks still open.
    pub in_progress: usize,
    /// Saved reviews with every check passing or acknowledged.
    pub done: usize,
}

/// Every report of a folder, scanned.
#[derive(Debug, Clone, Default)]
pub struct Queue {
    root: PathBuf,
    rows: Vec<QueueRow>,
}

impl Queue {
    /// The folder scanned.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every row, by path.
    pub fn rows(&self) -> &[QueueRow] {
        &self.rows
    }

    /// How the rows of `view` stand, for a status line.
    pub fn tally(&self, view: &[usize]) -> Tally {
        let mut t = Tally::default();
        for row in view.iter().filter_map(|&i| self.rows.get(i)) {
            t.reports += 1;
            t.with_failures += usize::from(row.has_failures());
            t.unreadable += usize::from(row.error.is_some());
            match row.state() {
                ReviewState::Untouched => t.untouched += 1,
                ReviewState::InProgress => t.in_progress += 1,
                ReviewState::Done => t.done += 1,
            }
        }
        t
    }

    /// The row listing a file, if any.
    pub fn find(&self, path: &Path) -> Option<usize> {
        self.rows.iter().position(|r| r.path == path)
    }

    /// The indices of the rows passing `filter`, in `sort` order.
    pub fn view(&self, sort: Sort, filter: &Filter) -> Vec<usize> {
        let mut keys: Vec<(usize, Counts)> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| filter.accepts(r))
            .map(|(i, r)| (i, r.counts()))
            .collect();
        keys.sort_by(|(a, ca), (b, cb)| {
            let (ra, rb) = (&self.rows[*a], &self.rows[*b]);
            let by = compare(sort.column, ra, ca, rb, cb);
            let by = if sort.descending { by.reverse() } else { by };
            by.then_with(|| ra.relative.cmp(&rb.relative))
        });
        keys.into_iter().map(|(i, _)| i).collect()
    }

    /// The next row after position `from` of `view` with failures,
    /// wrapping around; `None` when no row has any.
    pub fn next_with_failures(&self, view: &[usize], from: Option<usize>) -> Option<usize> {
        let n = view.len();
        let start = from.map_or(0, |f| f + 1);
        (0..n)
            .map(|k| (start + k) % n)
            .find(|&p| self.rows[view[p]].has_failures())
    }

    /// The previous row before position `from` of `view` with failures,
    /// wrapping around.
    pub fn previous_with_failures(&self, view: &[usize], from: Option<usize>) -> Option<usize> {
        let n = view.len();
        let start = from.unwrap_or(0) + n;
        (1..=n)
            .map(|k| (start - k) % n)
            .find(|&p| self.rows[view[p]].has_failures())
    }
}

fn compare(column: Column, a: &QueueRow, ca: &Counts, b: &QueueRow, cb: &Counts) -> Ordering {
    match column {
        Column::File => a.relative.cmp(&b.relative),
        // Unknown values sort last in ascending order.
        Column::Issuer => none_last(a.issuer_key.as_ref(), b.issuer_key.as_ref()),
        Column::Year => none_last(a.year.as_ref(), b.year.as_ref()),
        Column::Fail => ca.fail.cmp(&cb.fail),
        Column::Incomplete => ca.incomplete.cmp(&cb.incomplete),
        Column::Warning => ca.warning.cmp(&cb.warning),
        Column::Unsure => a.unsure.cmp(&b.unsure),
        Column::Edits => a.edits.cmp(&b.edits),
        Column::State => a.state().cmp(&b.state()),
    }
}

fn none_last<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// A report file found in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The file to read: the saved review when there is one, else the text.
    pub path: PathBuf,
    /// The text beside a saved review, if any.
    pub text_beside: Option<PathBuf>,
}

/// Every report in `root` and below, sorted by path: `*.txt`, `*.html`,
/// `*.htm`, `*.docx`, `*.pdf` and `*.review.json`; `x.txt` (or `x.pdf` …) is left
/// out when `x.review.json` is beside it.
/// Hidden entries (names starting with `.`) and symbolic links to folders
/// are not followed.
pub fn find_reports(root: &Path) -> Vec<Found> {
    let mut out = Vec::new();
    walk(root, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn walk(dir: &Path, out: &mut Vec<Found>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut texts = Vec::new();
    let mut reviews = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, out);
            continue;
        }
        let lower = name.to_lowercase();
        if let Some(stem) = lower.strip_suffix(REVIEW_SUFFIX) {
            reviews.push((stem.to_string(), path));
        } else if let Some(stem) = REPORT_SUFFIXES
            .iter()
            .find_map(|suffix| lower.strip_suffix(suffix))
        {
            texts.push((stem.to_string(), path));
        }
    }
    // A review stands for the report of its name (the text first, where a
    // folder holds the same report in several kinds).
    texts.sort_by_key(|(_, p)| !p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")));
    let reviewed: HashSet<String> = reviews.iter().map(|(stem, _)| stem.clone()).collect();
    let plain: Vec<PathBuf> = texts
        .iter()
        .filter(|(stem, _)| !reviewed.contains(stem))
        .map(|(_, p)| p.clone())
        .collect();
    let mut text_of: HashMap<String, PathBuf> = HashMap::new();
    for (stem, path) in texts {
        text_of.entry(stem).or_insert(path);
    }
    out.extend(plain.into_iter().map(|path| Found {
        path,
        text_beside: None,
    }));
    for (stem, path) in reviews {
        out.push(Found {
            path,
            text_beside: text_of.remove(&stem),
        });
    }
}

/// What `check` says of a folder with nothing to check in it.
pub fn nothing_to_check(folder: &Path, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{}: no reports (.pdf, .docx, .html, .txt) or reviews (.review.json) in this folder",
            folder.display()
        ),
        Lang::Zh => format!(
            "{}：这个文件夹里没有报告（.pdf、.docx、.html、.txt）或审阅文件（.review.json）",
            folder.display()
        ),
    }
}

/// Scans a folder into a queue. `Err(Cancelled)` if `control` was cancelled.
pub fn scan(root: &Path, control: &ScanControl) -> Result<Queue, Cancelled> {
    rescan(root, None, control)
}

/// Scans a folder again, reusing the rows of `previous` whose file did not
/// change (same size and modification time).
pub fn rescan(
    root: &Path,
    previous: Option<&Queue>,
    control: &ScanControl,
) -> Result<Queue, Cancelled> {
    let found = find_reports(root);
    let previous = previous.filter(|q| q.root == root);
    scan_found(root, &found, previous, control)
}

/// Scans files and folders given one by one (the command line's inputs):
/// folders are walked like [`scan`], files taken as they are; rows are
/// named by their path as given, and cross-year checks run across all.
pub fn scan_paths(paths: &[PathBuf], control: &ScanControl) -> Result<Queue, Cancelled> {
    let mut found = Vec::new();
    for p in paths {
        if p.is_dir() {
            found.extend(find_reports(p));
        } else {
            found.push(Found {
                path: p.clone(),
                text_beside: None,
            });
        }
    }
    scan_found(Path::new(""), &found, None, control)
}

fn scan_found(
    root: &Path,
    found: &[Found],
    previous: Option<&Queue>,
    control: &ScanControl,
) -> Result<Queue, Cancelled> {
    control.total.store(found.len(), AtomicOrdering::Relaxed);
    let old: HashMap<&Path, &QueueRow> = previous
        .map(|q| q.rows.iter().map(|r| (r.path.as_path(), r)).collect())
        .unwrap_or_default();
    let rows: Option<Vec<QueueRow>> = found
        .par_iter()
        .map(|f| {
            if control.is_cancelled() {
                return None;
            }
            let now = stamp(&f.path);
            let row = match old.get(f.path.as_path()) {
                Some(r) if r.stamp.is_some() && r.stamp == now => QueueRow {
                    text_beside: f.text_beside.clone(),
                    cross_year: Vec::new(),
                    ..(*r).clone()
                },
                _ => read_row(root, f, now),
            };
            control.done.fetch_add(1, AtomicOrdering::Relaxed);
            Some(row)
        })
        .collect();
    let mut rows = rows.ok_or(Cancelled)?;
    if control.is_cancelled() {
        return Err(Cancelled);
    }
    attach_cross_year(&mut rows);
    Ok(Queue {
        root: root.to_path_buf(),
        rows,
    })
}

fn attach_cross_year(rows: &mut [QueueRow]) {
    let results = {
        let entries: Vec<cross_year::Entry<'_>> = rows
            .iter()
            .map(|r| cross_year::Entry {
                file: &r.relative,
                issuer: r.issuer.as_deref(),
                key: r.issuer_key.as_deref(),
                year: r.year,
                figures: r.figures.as_ref(),
            })
            .collect();
        cross_year::check(&entries)
    };
    for (row, results) in rows.iter_mut().zip(results) {
        row.cross_year = results;
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/")
}

/// Reads one report into a row (errors become the row's `error`).
fn read_row(root: &Path, found: &Found, stamp: Option<Stamp>) -> QueueRow {
    let mut row = QueueRow {
        path: found.path.clone(),
        relative: relative(root, &found.path),
        text_beside: found.text_beside.clone(),
        issuer: None,
        issuer_key: None,
        year: None,
        template: None,
        problems: Vec::new(),
        passed: 0,
        cross_year: Vec::new(),
        edits: 0,
        unsure: 0,
        saved: false,
        error: None,
        acknowledged: Vec::new(),
        figures: None,
        stamp,
    };
    // The one open of the command line and the window.
    row.saved = crate::open::is_review_file(&found.path);
    match crate::open::open(&found.path) {
        Ok(review) => {
            row.edits = review.edits().len();
            row.acknowledged = review
                .acknowledged()
                .iter()
                .map(|a| (a.check.clone(), a.note.clone()))
                .collect();
            fill(&mut row, review.report(), review.checks());
        }
        Err(e) => row.error = Some(Arc::new(e)),
    }
    row
}

fn fill(row: &mut QueueRow, report: &crate::report::Report, checks: &checks::Checks) {
    let issuer = report.issuer_normalized.as_ref().or(report.issuer.as_ref());
    row.issuer = report.issuer.clone();
    row.issuer_key = issuer
        .map(|i| cross_year::issuer_key(i))
        .filter(|k| !k.is_empty());
    row.year = report.year;
    row.template = Some(report.template);
    row.unsure = report.cells.values().filter(|c| c.is_unsure()).count();
    row.figures = Figures::of(report);
    for c in &checks.results {
        if c.status == CheckStatus::Pass {
            row.passed += 1;
        } else {
            let acknowledged = row.is_acknowledged(c.id);
            row.problems.push(Problem {
                id: c.id,
                status: c.status,
                acknowledged,
                message: c.message.clone(),
                sides: (c.left, c.right, c.difference),
            });
        }
    }
}

/// A scan running on a background thread: poll it each frame.
#[derive(Debug)]
pub struct ScanJob {
    control: Arc<ScanControl>,
    result: mpsc::Receiver<Result<Queue, Cancelled>>,
}

impl ScanJob {
    /// Starts scanning `root` (reusing unchanged rows of `previous`).
    pub fn start(root: PathBuf, previous: Option<Arc<Queue>>) -> ScanJob {
        let control = Arc::new(ScanControl::new());
        let (tx, rx) = mpsc::channel();
        let c = Arc::clone(&control);
        std::thread::spawn(move || {
            let result = rescan(&root, previous.as_deref(), &c);
            // The receiver may be gone (the window dropped the job): fine.
            let _ = tx.send(result);
        });
        ScanJob {
            control,
            result: rx,
        }
    }

    /// (files read, files found).
    pub fn progress(&self) -> (usize, usize) {
        self.control.progress()
    }

    /// Asks the scan to stop.
    pub fn cancel(&self) {
        self.control.cancel();
    }

    /// The outcome, once the scan has finished (`None` while it runs).
    pub fn try_finish(&self) -> Option<Result<Queue, Cancelled>> {
        self.result.try_recv().ok()
    }

    /// Waits for the outcome.
    pub fn wait(self) -> Result<Queue, Cancelled> {
        self.result.recv().unwrap_or(Err(Cancelled))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_review_hides_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        for name in ["a.txt", "a.review.json", "b.TXT", "notes.md", ".hidden.txt"] {
            std::fs::write(sub.join(name), "x").unwrap();
        }
        std::fs::write(dir.path().join("c.review.json"), "x").unwrap();
        let found = find_reports(dir.path());
        let names: Vec<String> = found
            .iter()
            .map(|f| relative(dir.path(), &f.path))
            .collect();
        assert_eq!(names, ["c.review.json", "sub/a.review.json", "sub/b.TXT"]);
        assert_eq!(found[1].text_beside, Some(sub.join("a.txt")));
    }

    #[test]
    fn a_cancelled_scan_says_so() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        let control = ScanControl::new();
        control.cancel();
        assert_eq!(scan(dir.path(), &control).unwrap_err(), Cancelled);
    }

    #[test]
    fn unreadable_files_are_rows_with_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("empty.txt"), "").unwrap();
        std::fs::write(dir.path().join("bad.review.json"), "{").unwrap();
        let q = scan(dir.path(), &ScanControl::new()).unwrap();
        assert_eq!(q.rows().len(), 2);
        assert!(
            q.rows()
                .iter()
                .all(|r| r.error.is_some() && r.has_failures())
        );
        assert_eq!(q.rows()[0].state(), ReviewState::InProgress);
        assert_eq!(q.rows()[1].state(), ReviewState::Untouched);
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let row = |rel: &str, error: bool| QueueRow {
            path: PathBuf::from(rel),
            relative: rel.to_string(),
            text_beside: None,
            issuer: None,
            issuer_key: None,
            year: None,
            template: Some(TemplateVersion::V2021),
            problems: Vec::new(),
            passed: 1,
            cross_year: Vec::new(),
            edits: 0,
            unsure: 0,
            saved: false,
            error: error.then(|| Arc::new(OpenError::Read(crate::source::ReadError::Empty))),
            acknowledged: Vec::new(),
            figures: None,
            stamp: None,
        };
        let q = Queue {
            root: PathBuf::new(),
            rows: vec![
                row("a", false),
                row("b", true),
                row("c", false),
                row("d", true),
            ],
        };
        let view = q.view(Sort::default(), &Filter::default());
        assert_eq!(q.next_with_failures(&view, None), Some(1));
        assert_eq!(q.next_with_failures(&view, Some(1)), Some(3));
        assert_eq!(q.next_with_failures(&view, Some(3)), Some(1));
        assert_eq!(q.previous_with_failures(&view, Some(1)), Some(3));
        assert_eq!(q.previous_with_failures(&view, Some(3)), Some(1));
        let failing = Filter {
            failures_only: true,
            ..Filter::default()
        };
        assert_eq!(q.view(Sort::default(), &failing), vec![1, 3]);
        let desc = Sort {
            column: Column::File,
            descending: true,
        };
        assert_eq!(q.view(desc, &Filter::default()), vec![3, 2, 1, 0]);
    }
}
