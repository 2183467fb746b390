//! The folder queue as the window holds it: the scanned [`Queue`], the scan
//! running in the background, the sort and filter, and where the user is
//! in the list (remembered while a report is open).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::folder::{Cancelled, Column, Filter, Queue, QueueRow, ScanJob, Sort, Tally};

/// A folder being reviewed.
pub struct QueueState {
    root: PathBuf,
    queue: Option<Arc<Queue>>,
    job: Option<ScanJob>,
    sort: Sort,
    filter: Filter,
    view: Vec<usize>,
    tally: Tally,
    cursor: Option<usize>,
    cancelled: bool,
}

impl QueueState {
    /// Starts scanning `root`.
    pub fn open(root: PathBuf) -> QueueState {
        let job = ScanJob::start(root.clone(), None);
        QueueState {
            root,
            queue: None,
            job: Some(job),
            sort: Sort::default(),
            filter: Filter::default(),
            view: Vec::new(),
            tally: Tally::default(),
            cursor: None,
            cancelled: false,
        }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The last finished scan, if any.
    pub fn queue(&self) -> Option<&Queue> {
        self.queue.as_deref()
    }

    /// Rescans the folder, keeping the rows of unchanged files.
    pub fn rescan(&mut self) {
        if let Some(job) = self.job.take() {
            job.cancel();
        }
        self.cancelled = false;
        self.job = Some(ScanJob::start(self.root.clone(), self.queue.clone()));
    }

    /// (files read, files found) while scanning; `None` when idle.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.job.as_ref().map(ScanJob::progress)
    }

    /// Whether the last scan was cancelled (the list may be old or empty).
    pub fn was_cancelled(&self) -> bool {
        self.cancelled
    }

    /// Stops the running scan.
    pub fn cancel(&mut self) {
        if let Some(job) = &self.job {
            job.cancel();
        }
    }

    /// Takes the scan's outcome when it is done. True if something changed.
    pub fn poll(&mut self) -> bool {
        let Some(outcome) = self.job.as_ref().and_then(ScanJob::try_finish) else {
            return false;
        };
        self.job = None;
        self.finish(outcome);
        true
    }

    /// Waits for the running scan (tests, benchmarks).
    pub fn wait(&mut self) {
        if let Some(job) = self.job.take() {
            let outcome = job.wait();
            self.finish(outcome);
        }
    }

    fn finish(&mut self, outcome: Result<Queue, Cancelled>) {
        match outcome {
            Ok(queue) => {
                let current = self.current().map(|r| r.path.clone());
                self.queue = Some(Arc::new(queue));
                self.refresh();
                self.cursor = match current {
                    Some(path) => self.position_of(&path),
                    // A first scan: the top row, so Enter opens something.
                    None => (!self.view.is_empty()).then_some(0),
                };
            }
            Err(Cancelled) => self.cancelled = true,
        }
    }

    fn refresh(&mut self) {
        self.view = self
            .queue
            .as_ref()
            .map(|q| q.view(self.sort, &self.filter))
            .unwrap_or_default();
        self.tally = self
            .queue
            .as_ref()
            .map(|q| q.tally(&self.view))
            .unwrap_or_default();
        if self.cursor.is_some_and(|c| c >= self.view.len()) {
            self.cursor = self.view.len().checked_sub(1);
        }
    }

    /// The sort order.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Sorts by `column`; the same column again reverses the order.
    pub fn sort_by(&mut self, column: Column) {
        let current = self.current().map(|r| r.path.clone());
        self.sort = if self.sort.column == column {
            Sort {
                column,
                descending: !self.sort.descending,
            }
        } else {
            Sort {
                column,
                descending: false,
            }
        };
        self.refresh();
        if let Some(path) = current {
            self.cursor = self.position_of(&path);
        }
    }

    /// The filter.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Changes the filter, keeping the selected report if it still shows.
    pub fn set_filter(&mut self, filter: Filter) {
        let current = self.current().map(|r| r.path.clone());
        self.filter = filter;
        self.refresh();
        self.cursor = current.and_then(|p| self.position_of(&p));
    }

    /// How the rows shown stand (kept with the list, not counted each frame).
    pub fn tally(&self) -> Tally {
        self.tally
    }

    /// The rows shown, in order (indices into the queue's rows).
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    /// The row shown at position `pos`.
    pub fn row_at(&self, pos: usize) -> Option<&QueueRow> {
        let q = self.queue.as_ref()?;
        q.rows().get(*self.view.get(pos)?)
    }

    /// The selected position in the list.
    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    /// Selects a position.
    pub fn select(&mut self, pos: usize) {
        if pos < self.view.len() {
            self.cursor = Some(pos);
        }
    }

    /// Moves the selection up (negative) or down.
    pub fn step(&mut self, by: isize) {
        let n = self.view.len();
        if n == 0 {
            return;
        }
        let next = match self.cursor {
            None => 0,
            Some(c) => c.saturating_add_signed(by).min(n - 1),
        };
        self.cursor = Some(next);
    }

    /// The selected row.
    pub fn current(&self) -> Option<&QueueRow> {
        self.row_at(self.cursor?)
    }

    /// The position of the row listing `path`.
    pub fn position_of(&self, path: &Path) -> Option<usize> {
        let q = self.queue.as_ref()?;
        let i = q.find(path)?;
        self.view.iter().position(|&v| v == i)
    }

    /// The row listing `path` (a report text or its saved review).
    pub fn row_for(&self, path: &Path) -> Option<&QueueRow> {
        let q = self.queue.as_ref()?;
        q.rows()
            .iter()
            .find(|r| r.path == path || r.text_beside.as_deref() == Some(path))
    }

    /// The next (or previous) position with problems from the selection;
    /// with `here`, the selected row itself counts (in the list, the
    /// selection is only a highlight: nothing there has been looked at yet).
    pub fn next_with_problems(&self, back: bool, here: bool) -> Option<usize> {
        let q = self.queue.as_ref()?;
        if self.view.is_empty() {
            return None;
        }
        if here && self.current().is_some_and(|r| r.has_failures()) {
            return self.cursor;
        }
        if back {
            q.previous_with_failures(&self.view, self.cursor)
        } else {
            q.next_with_failures(&self.view, self.cursor)
        }
    }

    /// The rows shown, for the summary export.
    pub fn shown_rows(&self) -> Vec<&QueueRow> {
        (0..self.view.len())
            .filter_map(|p| self.row_at(p))
            .collect()
    }
}
