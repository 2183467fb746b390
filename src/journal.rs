//! Crash recovery: a journal of the unsaved edits of a review, written to
//! the application's data folder while a document is dirty, so that after a
//! crash (or `kill -9`) opening the same source again can offer them back.
//!
//! One journal per source text, named by the text's sha256
//! ([`Journal::path_for`]). A journal holds what a person did — the edits
//! in order (cell, text typed) and the acknowledgements in force — not the
//! report: [`restore`] replays them through [`Review`]'s own methods on a
//! review freshly opened from the same source, so the extractor and the
//! checks decide everything else exactly as they did the first time.
//!
//! Writing is atomic (temporary file, fsync, rename), and [`JournalWriter`]
//! does it on a background thread so the window never waits on the disk:
//!
//! ```no_run
//! # use nianbao::journal::{self, Journal, JournalWriter};
//! # fn demo(review: &mut nianbao::review::Review) -> std::io::Result<()> {
//! let path = Journal::path_for(&journal::default_dir()?, &review.source().sha256);
//! let writer = JournalWriter::new(path);
//! // After every edit, undo, redo, acknowledgement and save:
//! writer.note(review);
//! # Ok(()) }
//! ```

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::checks::SavedCheckId;
use crate::report::CellState;
use crate::review::Review;
use crate::template::CellId;

/// The format id written in every journal.
pub const FORMAT: &str = "nianbao-journal/1";
const FORMAT_PREFIX: &str = "nianbao-journal/";
const FORMAT_VERSION: u32 = 1;

/// How long the background writer waits for more snapshots before writing
/// (edits in a burst become one write). Well inside the 2 s promise.
pub const COALESCE: Duration = Duration::from_millis(250);

/// One edit as a person made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEdit {
    /// The cell.
    pub cell: CellId,
    /// The text typed (empty: blank; "/": not applicable).
    pub text: String,
    /// Whether the edit accepted nianbao's suggestion (an `inferred` value)
    /// rather than being typed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accepted: bool,
    /// Who, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// One acknowledged check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalAck {
    /// The check (one a newer nianbao wrote is kept as written).
    pub check: SavedCheckId,
    /// The person's note.
    pub note: String,
    /// Who, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// What a journal file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// Always [`FORMAT`] when written by this nianbao.
    pub format: String,
    /// sha256 of the decoded source text the edits were made on.
    pub source_sha256: String,
    /// The source's file name, to tell the person which document it was.
    pub file_name: String,
    /// When the snapshot was taken (RFC 3339, UTC).
    pub written_at: String,
    /// The edits in force, oldest first.
    pub edits: Vec<JournalEdit>,
    /// The acknowledgements in force.
    pub acknowledged: Vec<JournalAck>,
}

impl JournalEntry {
    /// A snapshot of what a person did to a review.
    pub fn from_review(review: &Review) -> JournalEntry {
        let edits = review.edits();
        let edits = edits
            .iter()
            .enumerate()
            .map(|(i, e)| {
                // Only the last edit of a cell can still stand as an accepted
                // suggestion; earlier ones were overwritten.
                let last_of_cell = edits[i + 1..].iter().all(|later| later.cell != e.cell);
                let accepted = last_of_cell
                    && review
                        .report()
                        .cell(e.cell)
                        .is_some_and(|c| c.state == CellState::Inferred && c.raw == e.after);
                JournalEdit {
                    cell: e.cell,
                    text: e.after.clone(),
                    accepted,
                    by: e.by.clone(),
                }
            })
            .collect();
        JournalEntry {
            format: FORMAT.to_string(),
            source_sha256: review.source().sha256.clone(),
            file_name: review.source().file_name.clone(),
            written_at: crate::review::time::now_rfc3339(),
            edits,
            acknowledged: review
                .acknowledged()
                .iter()
                .map(|a| JournalAck {
                    check: a.check.clone(),
                    note: a.note.clone(),
                    by: a.by.clone(),
                })
                .collect(),
        }
    }

    /// Whether the journal was written for this review's source text.
    pub fn matches(&self, review: &Review) -> bool {
        self.source_sha256 == review.source().sha256
    }

    /// Whether there is anything to restore.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty() && self.acknowledged.is_empty()
    }
}

/// Why a journal could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The file system refused.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The journal file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The file is not a journal nianbao can read (damaged, or from a newer
    /// nianbao).
    #[error("{}: not a readable nianbao journal: {message}", .path.display())]
    Damaged {
        /// The journal file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Journal files: where they live, reading, writing, discarding.
#[derive(Debug, Clone, Copy)]
pub struct Journal;

impl Journal {
    /// The journal file of a source text in a data folder. Only the hex
    /// digits of `source_sha256` are used, so the name can never leave the
    /// folder.
    pub fn path_for(data_dir: &Path, source_sha256: &str) -> PathBuf {
        let key: String = source_sha256
            .chars()
            .filter(char::is_ascii_hexdigit)
            .map(|c| c.to_ascii_lowercase())
            .take(64)
            .collect();
        data_dir.join(format!("{key}.journal.json"))
    }

    /// Writes a journal atomically: the file holds either the previous
    /// entry or this one, never a mix. Creates the folder if needed.
    pub fn write(path: &Path, entry: &JournalEntry) -> Result<(), JournalError> {
        let io_err = |source| JournalError::Io {
            path: path.to_path_buf(),
            source,
        };
        let json = serde_json::to_vec_pretty(entry).map_err(|e| io_err(io::Error::other(e)))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(io_err)?;
        }
        crate::atomic::write_atomic(path, &json).map_err(io_err)
    }

    /// Reads a journal: `None` when there is none.
    pub fn read(path: &Path) -> Result<Option<JournalEntry>, JournalError> {
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(JournalError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let damaged = |message: String| JournalError::Damaged {
            path: path.to_path_buf(),
            message,
        };
        let entry: JournalEntry =
            serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
        let version = entry
            .format
            .strip_prefix(FORMAT_PREFIX)
            .and_then(|v| v.parse::<u32>().ok())
            .ok_or_else(|| damaged(format!("\"format\" is {:?}", entry.format)))?;
        if version > FORMAT_VERSION {
            return Err(damaged(format!(
                "written by a newer nianbao ({}): update nianbao to restore it",
                entry.format
            )));
        }
        Ok(Some(entry))
    }

    /// Removes a journal (after a save, or when the person declines to
    /// restore). No journal is not an error.
    pub fn discard(path: &Path) -> Result<(), JournalError> {
        match fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(JournalError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }
}

/// The journal left for a review's source in `data_dir` (by a crash), if
/// there is one with something to restore: what the window offers to
/// restore when it opens a file. Returns the journal's path too, for
/// [`Journal::discard`] and [`JournalWriter::new`].
pub fn pending_in(
    data_dir: &Path,
    review: &Review,
) -> Result<Option<(PathBuf, JournalEntry)>, JournalError> {
    let path = Journal::path_for(data_dir, &review.source().sha256);
    let entry = Journal::read(&path)?.filter(|e| e.matches(review) && !e.is_empty());
    Ok(entry.map(|e| (path, e)))
}

/// The folder journals are kept in: `$XDG_DATA_HOME/nianbao/journal`, or
/// `~/.local/share/nianbao/journal`; created on demand.
pub fn default_dir() -> io::Result<PathBuf> {
    let dir = data_home()?.join("nianbao").join("journal");
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// `$XDG_DATA_HOME` when set to an absolute path, else `~/.local/share`
/// (`%APPDATA%` on Windows).
pub(crate) fn data_home() -> io::Result<PathBuf> {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if let Some(p) = absolute("XDG_DATA_HOME") {
        return Ok(p);
    }
    if cfg!(windows)
        && let Some(p) = absolute("APPDATA")
    {
        return Ok(p);
    }
    absolute("HOME")
        .map(|h| h.join(".local").join("share"))
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "neither XDG_DATA_HOME nor HOME is set: no folder for the edit journal",
            )
        })
}

/// Replays a journal onto a review freshly opened from the same source:
/// the edits in order, then the acknowledgements. Returns how many edits
/// and acknowledgements changed something; 0 when the journal was written
/// for another text (check [`JournalEntry::matches`] first to say so).
///
/// Edits the review already holds (a saved review reopened) are skipped, so
/// restoring twice changes nothing the second time.
pub fn restore(review: &mut Review, entry: &JournalEntry) -> usize {
    if !entry.matches(review) {
        return 0;
    }
    let reviewer = review.reviewer().map(str::to_string);
    let already = review
        .edits()
        .iter()
        .zip(&entry.edits)
        .take_while(|(have, want)| have.cell == want.cell && have.after == want.text)
        .count();
    let mut changed = 0;
    for e in &entry.edits[already..] {
        review.set_reviewer(e.by.clone());
        let before = review.edits().len();
        let accepted = e.accepted
            && review
                .checks()
                .suggestion(e.cell)
                .is_some_and(|s| s.value.to_string() == e.text)
            && review.accept_suggestion(e.cell);
        if !accepted {
            review.edit(e.cell, &e.text);
        }
        if review.edits().len() != before {
            changed += 1;
        }
    }
    let stale: Vec<SavedCheckId> = review
        .acknowledged()
        .iter()
        .filter(|a| !entry.acknowledged.iter().any(|j| j.check == a.check))
        .map(|a| a.check.clone())
        .collect();
    for check in stale {
        review.unacknowledge(&check);
        changed += 1;
    }
    for a in &entry.acknowledged {
        let held = review
            .acknowledged()
            .iter()
            .any(|have| have.check == a.check && have.note == a.note);
        if !held {
            review.set_reviewer(a.by.clone());
            // Only a check this nianbao knows can be acknowledged anew.
            if let Some(check) = a.check.known() {
                review.acknowledge(check, &a.note);
                changed += usize::from(review.is_acknowledged(check));
            }
        }
    }
    review.set_reviewer(reviewer);
    changed
}

/// What the window asks the background writer to do.
enum Job {
    /// Write this snapshot (a later one replaces it before it is written).
    Write(Box<JournalEntry>),
    /// The document is clean: remove the journal.
    Discard,
    /// Answer once everything before has hit the disk.
    Flush(Sender<()>),
}

/// Writes journal snapshots on a background thread so the window never
/// waits for the disk. Snapshots sent in a burst are coalesced: only the
/// newest is written, at most [`COALESCE`] after it was sent.
///
/// Dropping the writer finishes the pending write and stops the thread.
#[derive(Debug)]
pub struct JournalWriter {
    path: PathBuf,
    jobs: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
    last_error: Arc<Mutex<Option<WriterError>>>,
}

/// Why the journal writer could not keep a document's journal.
#[derive(Debug, Clone, thiserror::Error)]
pub enum WriterError {
    /// Its thread could not be started or has stopped.
    #[error("the journal writer has stopped: unsaved edits are not journaled")]
    Stopped,
    /// The last write or removal failed.
    #[error("{0}")]
    Failed(Arc<JournalError>),
}

impl JournalWriter {
    /// A writer for one journal file (see [`Journal::path_for`]).
    pub fn new(path: PathBuf) -> JournalWriter {
        let (tx, rx) = mpsc::channel();
        let last_error = Arc::new(Mutex::new(None));
        let thread_path = path.clone();
        let thread_error = Arc::clone(&last_error);
        let thread = std::thread::Builder::new()
            .name("nianbao-journal".to_string())
            .spawn(move || run_writer(&thread_path, &rx, &thread_error))
            .map_err(|_| set_error(&last_error, Some(WriterError::Stopped)))
            .ok();
        JournalWriter {
            path,
            jobs: thread.as_ref().map(|_| tx),
            thread,
            last_error,
        }
    }

    /// The journal file this writer keeps.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Call after every change to the review (edit, undo, redo,
    /// acknowledgement, save): a dirty review is journaled, a clean one has
    /// its journal removed. Never blocks on the disk.
    pub fn note(&self, review: &Review) {
        if review.is_dirty() {
            self.write(JournalEntry::from_review(review));
        } else {
            self.discard();
        }
    }

    /// Queues a snapshot to be written.
    pub fn write(&self, entry: JournalEntry) {
        self.send(Job::Write(Box::new(entry)));
    }

    /// Queues the removal of the journal (the document was saved, or the
    /// person declined to restore it).
    pub fn discard(&self) {
        self.send(Job::Discard);
    }

    /// Blocks until every queued snapshot is on disk (tests; closing).
    pub fn flush(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Job::Flush(tx));
        let _ = rx.recv();
    }

    /// The last write or removal that failed, to show the person (cleared by
    /// the next success).
    pub fn last_error(&self) -> Option<WriterError> {
        self.last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn send(&self, job: Job) {
        let sent = self.jobs.as_ref().is_some_and(|tx| tx.send(job).is_ok());
        if !sent {
            set_error(&self.last_error, Some(WriterError::Stopped));
        }
    }
}

impl Drop for JournalWriter {
    fn drop(&mut self) {
        // Closing the channel lets the thread finish what is pending and end.
        drop(self.jobs.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn set_error(slot: &Mutex<Option<WriterError>>, error: Option<WriterError>) {
    *slot.lock().unwrap_or_else(PoisonError::into_inner) = error;
}

/// The background loop: take a job, gather whatever else arrives within
/// [`COALESCE`], then do only the last write or discard.
fn run_writer(path: &Path, jobs: &Receiver<Job>, last_error: &Mutex<Option<WriterError>>) {
    while let Ok(first) = jobs.recv() {
        let mut pending = None;
        let mut flushes = Vec::new();
        let mut closed = false;
        let mut job = Some(first);
        let deadline = Instant::now() + COALESCE;
        while let Some(j) = job.take() {
            match j {
                Job::Flush(done) => flushes.push(done),
                other => pending = Some(other),
            }
            // A flush request ends the wait: someone is blocked on it.
            if !flushes.is_empty() {
                break;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match jobs.recv_timeout(left) {
                Ok(next) => job = Some(next),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => closed = true,
            }
        }
        let result = match pending {
            Some(Job::Write(entry)) => Journal::write(path, &entry),
            Some(Job::Discard) => Journal::discard(path),
            Some(Job::Flush(_)) | None => Ok(()),
        };
        set_error(
            last_error,
            result.err().map(|e| WriterError::Failed(Arc::new(e))),
        );
        for done in flushes {
            let _ = done.send(());
        }
        if closed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Report;
    use crate::source::SourceText;
    use crate::template::Layout;

    fn review(text: &str) -> Review {
        let source = SourceText {
            text: text.to_string(),
            encoding: "UTF-8".to_string(),
            had_errors: false,
            ..Default::default()
        };
        Review::with_report("r.txt", source, Report::empty(Layout::default()))
    }

    fn id(s: &str) -> CellId {
        CellId::parse(s).unwrap()
    }

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("nianbao-journal-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn path_is_keyed_by_the_hex_of_the_sha_only() {
        let dir = Path::new("/data");
        assert_eq!(
            Journal::path_for(dir, "ABcd12"),
            Path::new("/data/abcd12.journal.json")
        );
        let evil = Journal::path_for(dir, "../../etc/passwd");
        assert_eq!(evil.parent(), Some(dir), "{evil:?}");
    }

    #[test]
    fn write_read_discard_round_trip() {
        let dir = temp_dir("rt");
        let mut r = review("一、总体情况\n");
        r.set_reviewer(Some("李".into()));
        r.edit(id("requests.new_received.total"), "5");
        r.edit(id("appeals.review.total"), "/");
        let entry = JournalEntry::from_review(&r);
        let path = Journal::path_for(&dir, &r.source().sha256);
        assert!(Journal::read(&path).unwrap().is_none());
        Journal::write(&path, &entry).unwrap();
        let back = Journal::read(&path).unwrap().unwrap();
        assert_eq!(back, entry);
        assert_eq!(back.edits[0].by.as_deref(), Some("李"));
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary left");
        Journal::discard(&path).unwrap();
        Journal::discard(&path).unwrap();
        assert!(Journal::read(&path).unwrap().is_none());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn damaged_and_newer_journals_are_errors_not_panics() {
        let dir = temp_dir("bad");
        fs::create_dir_all(&dir).unwrap();
        let p = dir.join("x.journal.json");
        for (bytes, expect) in [
            (&b"{\"format\":"[..], "not a readable nianbao journal"),
            (b"[1,2,3]", "not a readable"),
            (
                br#"{"format":"nianbao-journal/9","source_sha256":"","file_name":"","written_at":"","edits":[],"acknowledged":[]}"#,
                "newer nianbao",
            ),
        ] {
            fs::write(&p, bytes).unwrap();
            let e = Journal::read(&p).unwrap_err().to_string();
            assert!(e.contains(expect), "{e}");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn restore_replays_edits_and_acknowledgements() {
        let mut r = review("一、总体情况\n");
        let c = id("requests.new_received.total");
        r.edit(c, "5");
        r.edit(c, "7");
        r.edit(id("appeals.review.total"), "l2");
        r.acknowledge("appeals.total.review".parse().unwrap(), "printed wrong");
        let entry = JournalEntry::from_review(&r);

        let mut fresh = review("一、总体情况\n");
        assert_eq!(restore(&mut fresh, &entry), 4);
        assert_eq!(fresh.report(), r.report());
        assert_eq!(fresh.acknowledged()[0].note, "printed wrong");
        assert!(fresh.is_dirty(), "restored edits are unsaved");
        assert_eq!(
            restore(&mut fresh, &entry),
            0,
            "restoring twice changes nothing"
        );

        let mut other = review("another text\n");
        assert!(!entry.matches(&other));
        assert_eq!(restore(&mut other, &entry), 0);
        assert!(!other.is_dirty());
    }

    #[test]
    fn pending_finds_only_a_journal_with_something_to_restore() {
        let dir = temp_dir("pending");
        let mut r = review("一、总体情况\n");
        assert!(pending_in(&dir, &r).unwrap().is_none());
        let path = Journal::path_for(&dir, &r.source().sha256);
        Journal::write(&path, &JournalEntry::from_review(&r)).unwrap();
        assert!(pending_in(&dir, &r).unwrap().is_none(), "an empty journal");
        r.edit(id("appeals.review.total"), "4");
        Journal::write(&path, &JournalEntry::from_review(&r)).unwrap();
        let (found, entry) = pending_in(&dir, &r).unwrap().unwrap();
        assert_eq!((found, entry.edits.len()), (path, 1));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn restore_keeps_an_accepted_suggestion_inferred() {
        let mut r = review("一、总体情况\n");
        for col in crate::template::APPLICANT_COLS {
            r.edit(
                CellId::new(crate::template::TableId::Requests, "new_received", col).unwrap(),
                "2",
            );
        }
        let total = id("requests.new_received.total");
        assert!(r.accept_suggestion(total));
        let entry = JournalEntry::from_review(&r);
        assert!(entry.edits.last().unwrap().accepted);
        let mut fresh = review("一、总体情况\n");
        restore(&mut fresh, &entry);
        assert_eq!(
            fresh.report().cell(total).unwrap().state,
            CellState::Inferred
        );
        assert_eq!(fresh.report(), r.report());
    }

    #[test]
    fn the_writer_coalesces_writes_and_discards_when_clean() {
        let dir = temp_dir("writer");
        let mut r = review("一、总体情况\n");
        let path = Journal::path_for(&dir, &r.source().sha256);
        let writer = JournalWriter::new(path.clone());
        for n in 1..=20 {
            r.edit(id("requests.new_received.total"), &n.to_string());
            writer.note(&r);
        }
        writer.flush();
        assert!(writer.last_error().is_none());
        let on_disk = Journal::read(&path).unwrap().unwrap();
        assert_eq!(on_disk.edits.len(), 20);
        assert_eq!(on_disk.edits[19].text, "20");

        r.save(&dir.join("r.review.json")).unwrap();
        writer.note(&r);
        writer.flush();
        assert!(
            Journal::read(&path).unwrap().is_none(),
            "saved: journal gone"
        );

        r.edit(id("requests.new_received.total"), "99");
        writer.note(&r);
        drop(writer);
        let on_disk = Journal::read(&path).unwrap().unwrap();
        assert_eq!(on_disk.edits.last().unwrap().text, "99", "drop flushes");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_writer_reports_a_folder_it_cannot_write() {
        let dir = temp_dir("blocked");
        fs::create_dir_all(&dir).unwrap();
        // A file where the journal folder should be.
        let blocker = dir.join("journal");
        fs::write(&blocker, b"").unwrap();
        let writer = JournalWriter::new(blocker.join("x.journal.json"));
        let mut r = review("一、总体情况\n");
        r.edit(id("requests.new_received.total"), "1");
        writer.note(&r);
        writer.flush();
        assert!(writer.last_error().is_some());
        drop(writer);
        fs::remove_dir_all(&dir).unwrap();
    }
}
