//! Tables in plain reading order, as plain `pdftotext` (no `-layout`)
//! writes them: one value per line, blank lines between cells, row labels
//! before their numbers, after them, or not at all — no row structure a
//! tokenizer could see.
//!
//! Table A has no arithmetic: it is read only when it has exactly its ten
//! values and every row is named by the label right before or right after
//! its values (and no label names another row).
//!
//! Table C likewise, by its three groups' totals (`appeals.total.<group>`).
//!
//! Table B is read only when the values themselves show its rows:
//! - the table has exactly rows × columns values, in groups of one row each;
//! - every group's 总计 is the sum of its applicant cells (the checks
//!   `requests.row_total.<row>`, and `org_subtotal` likewise when the report
//!   has that column) — a table written column by column, or with a value
//!   lost or added, fails this at once. A group that fails is accepted only
//!   between two groups with values that pass (a publisher's slip in one row
//!   does not move its neighbours); its cells get a low confidence;
//! - no row label in the text contradicts the order (a label names the group
//!   after it, or, printed late, the one before it);
//! - and something beyond the row totals confirms the table: a label that
//!   names the group after it, or the column arithmetic of the 总计 column
//!   (`requests.outcome_total.total`, `requests.balance.total`).
//!
//! Otherwise the table stays unreadable, with the reason. The row checks
//! used to place the groups are named in every cell's note: they are not
//! independent evidence for it.

use std::ops::Range;
use std::sync::LazyLock;

use crate::checks::CheckId;
use crate::note::{GroupEvidence, Note, OrderEvidence};
use crate::report::{Diagnostic, Severity, Span};
use crate::template::{ColDef, ORG_COLS, ORG_SUBTOTAL, TableId, outcome_rows};

use super::cells::cell_from;
use super::matcher::{self, TableRead};
use super::normalize::{self, Label};
use super::number::{self, Reading};
use super::segment::Item;

/// A label must score this much against a row label to say which row it is.
const CLAIM: f32 = 0.85;

/// Each table's group labels ("（三）不予公开", "第二十条第（一）项"): they
/// name no row of values. (The row labels are the matcher's.)
static GROUP_LABELS: LazyLock<[Vec<Label>; 3]> = LazyLock::new(|| {
    TableId::ALL.map(|table| {
        let mut groups: Vec<&str> = table
            .rows()
            .iter()
            .flat_map(|r| r.groups.iter().copied())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        groups.into_iter().map(normalize::label).collect()
    })
});

/// A line of the region: a value (one piece of a value field), and whether
/// it is a lone number at a page break (perhaps a bare page number); or
/// label text.
enum Line {
    Value(Item, bool),
    Label(Span),
}

/// How a group of values stands against its row's arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowSum {
    /// The total (and subtotal) agree and the row is not all zeros.
    Holds,
    /// All zeros: agrees under any grouping, so it confirms nothing.
    Zeros,
    /// A total disagrees, or a value is not a number.
    Fails,
}

/// A value line: its index among the region's lines, and the value.
type Value<'l> = (usize, &'l Item);

/// A table read in reading order, and how its labels stood by its values.
#[derive(Debug)]
pub(crate) struct OrderedRead {
    /// The cells and the diagnostic.
    pub read: TableRead,
    /// Groups whose row label is printed right before their values.
    pub labels_before: usize,
    /// Rows whose label is printed right after their values (a labelled
    /// reading of such a text takes each label with the next row's values).
    pub labels_after: Vec<usize>,
}

/// A row label printed beside a group's values.
#[derive(Debug, Clone, Copy)]
struct Beside {
    span: Span,
    /// After the values rather than before them.
    after: bool,
}

impl OrderedRead {
    fn new(read: TableRead, beside: &[Option<Beside>]) -> OrderedRead {
        let after: Vec<usize> = (0..beside.len())
            .filter(|&k| beside[k].is_some_and(|b| b.after))
            .collect();
        OrderedRead {
            read,
            labels_before: beside.iter().flatten().count() - after.len(),
            labels_after: after,
        }
    }
}

/// Reads table B from the lines of `range` in reading order, or says why
/// it cannot (`Err` holds the reason, for the table's diagnostic).
pub(crate) fn read_requests(
    text: &str,
    range: Range<usize>,
    cols: &'static [ColDef],
) -> Result<OrderedRead, Note> {
    let table = TableId::Requests;
    let rows = table.rows();
    let lines = lines(text, range);
    let values = values(&lines, rows.len() * cols.len());
    let groups = split(&values, rows.iter().map(|_| cols.len()))?;
    let sums: Vec<RowSum> = groups.iter().map(|g| row_sum(g, cols)).collect();
    for (k, s) in sums.iter().enumerate() {
        let holds = |j: Option<usize>| j.and_then(|j| sums.get(j)) == Some(&RowSum::Holds);
        if *s == RowSum::Fails && !(holds(k.checked_sub(1)) && holds(Some(k + 1))) {
            return Err(not_adding_up(table, k));
        }
    }
    let confirmed = labels_beside(text, table, &gaps(&lines, &groups))?;
    let labelled = confirmed.iter().filter(|c| c.is_some()).count();
    let columns = column_checks(&groups, cols);
    if labelled == 0 && !columns {
        return Err(Note::OrderOnlyRowTotals);
    }

    let mut out = TableRead::default();
    for (k, g) in groups.iter().enumerate() {
        let row = &rows[k];
        let mut used = vec![CheckId::RowTotal { row: row.id }];
        if cols.iter().any(|c| c.id == ORG_SUBTOTAL) {
            used.push(CheckId::OrgSubtotal { row: row.id });
        }
        if labelled == 0 {
            used.push(CheckId::OutcomeTotal { col: "total" });
            used.push(CheckId::Balance { col: "total" });
        }
        let (conf, how) = match sums[k] {
            RowSum::Fails => (0.5, GroupEvidence::BetweenHolding),
            _ => confidence(text, confirmed[k]),
        };
        let note = group_note(k, groups.len(), how, used);
        place(&mut out, text, (k, cols), g, conf, &note);
    }
    out.diagnostics.push(placed(
        table,
        &values,
        OrderEvidence::RowGroups {
            rows: rows.len(),
            columns: cols.len(),
            labelled,
            total_column: columns,
        },
    ));
    Ok(OrderedRead::new(out, &confirmed))
}

/// Reads table A from the lines of `range` in reading order, or says why it
/// cannot. Table A has no arithmetic, so every row must be named by a label
/// right before its values or right after them, and none may name another.
pub(crate) fn read_active(text: &str, range: Range<usize>) -> Result<OrderedRead, Note> {
    let table = TableId::Active;
    let rows = table.rows();
    let lines = lines(text, range);
    let values = values(&lines, rows.iter().map(|r| r.cols.len()).sum());
    let groups = split(&values, rows.iter().map(|r| r.cols.len()))?;
    let gaps = gaps(&lines, &groups);
    labels_beside(text, table, &gaps)?;
    let mut out = TableRead::default();
    let mut beside = Vec::with_capacity(groups.len());
    for (k, g) in groups.iter().enumerate() {
        let before = claim(text, table, &gaps[k], true);
        let after = claim(text, table, &gaps[k + 1], false);
        let (span, after) = match (before, after) {
            (Some((row, span)), _) if row == k => {
                beside.push(Some(Beside { span, after: false }));
                (span, false)
            }
            (_, Some((row, span))) if row == k => {
                beside.push(Some(Beside { span, after: true }));
                (span, true)
            }
            _ => {
                return Err(Note::OrderUnnamed {
                    row: rows[k].label.to_string(),
                });
            }
        };
        let note = Note::OrderNamed {
            label: normalize::compact(&text[span.start..span.end]),
            after,
        };
        place(&mut out, text, (k, rows[k].cols), g, 0.8, &note);
    }
    out.diagnostics
        .push(placed(table, &values, OrderEvidence::EachNamed));
    Ok(OrderedRead::new(out, &beside))
}

/// Reads table C from the lines of `range` in reading order, or says why it
/// cannot: exactly its fifteen values, each group of five adding up to its
/// 总计 (the checks `appeals.total.<group>`), no label naming another group
/// than its neighbour, and a label or two groups with values confirming the
/// grouping.
pub(crate) fn read_appeals(text: &str, range: Range<usize>) -> Result<OrderedRead, Note> {
    let table = TableId::Appeals;
    let rows = table.rows();
    let lines = lines(text, range);
    let values = values(&lines, rows.iter().map(|r| r.cols.len()).sum());
    let groups = split(&values, rows.iter().map(|r| r.cols.len()))?;
    let sums: Vec<RowSum> = groups
        .iter()
        .zip(rows)
        .map(|(g, r)| row_sum(g, r.cols))
        .collect();
    if let Some(k) = sums.iter().position(|s| *s == RowSum::Fails) {
        return Err(not_adding_up(table, k));
    }
    let confirmed = labels_beside(text, table, &gaps(&lines, &groups))?;
    let labelled = confirmed.iter().filter(|c| c.is_some()).count();
    let with_values = sums.iter().filter(|s| **s == RowSum::Holds).count();
    if labelled == 0 && with_values < 2 {
        return Err(Note::OrderNoGroups);
    }
    let mut out = TableRead::default();
    for (k, g) in groups.iter().enumerate() {
        let (conf, how) = confidence(text, confirmed[k]);
        let used = vec![CheckId::AppealTotal { group: rows[k].id }];
        let note = group_note(k, rows.len(), how, used);
        place(&mut out, text, (k, rows[k].cols), g, conf, &note);
    }
    out.diagnostics.push(placed(
        table,
        &values,
        OrderEvidence::AppealGroups { labelled },
    ));
    Ok(OrderedRead::new(out, &confirmed))
}

/// Where the table's row labels stand by their values, judged on the value
/// groups of the template's sizes whether or not they add up.
#[derive(Debug, Default)]
pub(crate) struct LabelSides {
    /// Rows whose label is printed right after their values: a labelled
    /// reading takes such a label with the next row's values.
    pub after: Vec<usize>,
    /// How many rows have their label right before their values.
    pub before: usize,
}

impl LabelSides {
    /// Whether the labels mostly follow their values.
    pub fn mostly_after(&self) -> bool {
        self.after.len() >= 2 && self.after.len() > self.before
    }
}

/// Where the row labels stand by their values, when the text's values split
/// into the template's rows at all.
pub(crate) fn label_sides(
    text: &str,
    range: Range<usize>,
    table: TableId,
    cols: &'static [ColDef],
) -> Option<LabelSides> {
    let rows = table.rows();
    let size = |r: &crate::template::RowDef| match table {
        TableId::Requests => cols.len(),
        _ => r.cols.len(),
    };
    let lines = lines(text, range);
    let values = values(&lines, rows.iter().map(size).sum());
    let groups = split(&values, rows.iter().map(size)).ok()?;
    let beside = labels_beside(text, table, &gaps(&lines, &groups)).ok()?;
    let after: Vec<usize> = (0..beside.len())
        .filter(|&k| beside[k].is_some_and(|b| b.after))
        .collect();
    let before = beside.iter().flatten().count() - after.len();
    Some(LabelSides { after, before })
}

/// Whether label text (the label lines of a segment) names a row of `table`.
pub(crate) fn names_row(text: &str, table: TableId, labels: &[Span]) -> bool {
    claim(text, table, labels, true).is_some()
}

/// The values cut into one group per template row of the given sizes, or
/// why not: the count is not the template's.
fn split<'v, 'l>(
    values: &'v [Value<'l>],
    sizes: impl Iterator<Item = usize> + Clone,
) -> Result<Vec<&'v [Value<'l>]>, Note> {
    let want: usize = sizes.clone().sum();
    if values.len() != want {
        return Err(Note::OrderCount {
            values: values.len(),
            want,
        });
    }
    let mut groups = Vec::new();
    let mut rest = values;
    for n in sizes {
        let (g, tail) = rest.split_at(n);
        groups.push(g);
        rest = tail;
    }
    Ok(groups)
}

fn not_adding_up(table: TableId, k: usize) -> Note {
    Note::OrderGroupFails {
        group: k + 1,
        groups: table.rows().len(),
        label: table.rows()[k].label.to_string(),
    }
}

/// The label beside each group: right before its values, or (printed late)
/// right after them; an error when a label names another row than the group
/// after it or the one before it.
fn labels_beside(
    text: &str,
    table: TableId,
    gaps: &[Vec<Span>],
) -> Result<Vec<Option<Beside>>, Note> {
    let rows = table.rows();
    let mut beside: Vec<Option<Beside>> = vec![None; rows.len()];
    for (k, gap) in gaps.iter().take(rows.len()).enumerate() {
        // The text before the first values may be the table's whole label
        // column (every row label, then every value): it names no group.
        if k == 0 && label_column(text, table, gap) {
            continue;
        }
        if let Some((row, span)) = claim(text, table, gap, true) {
            if row == k {
                beside[k] = Some(Beside { span, after: false });
            } else if k.checked_sub(1) == Some(row) {
                if beside[row].is_none() {
                    beside[row] = Some(Beside { span, after: true });
                }
            } else {
                return Err(Note::OrderLabelElsewhere {
                    label: text[span.start..span.end].to_string(),
                    row: rows[k].label.to_string(),
                });
            }
        }
    }
    // The last group's label, printed after it.
    let last = rows.len() - 1;
    if beside[last].is_none()
        && let Some(gap) = gaps.get(rows.len())
        && let Some((row, span)) = claim(text, table, gap, false)
        && row == last
    {
        beside[last] = Some(Beside { span, after: true });
    }
    Ok(beside)
}

/// Whether label lines name three or more rows, in the template's order: a
/// column of row labels printed before the values.
fn label_column(text: &str, table: TableId, gap: &[Span]) -> bool {
    let mut named = gap
        .iter()
        .filter_map(|s| claim(text, table, std::slice::from_ref(s), true).map(|(r, _)| r));
    let Some(mut last) = named.next() else {
        return false;
    };
    let mut count = 1;
    for r in named {
        if r <= last {
            return false;
        }
        last = r;
        count += 1;
    }
    count >= 3
}

/// How sure a group placed by order is, and why.
fn confidence(text: &str, label: Option<Beside>) -> (f32, GroupEvidence) {
    match label {
        Some(b) => (
            0.85,
            GroupEvidence::LabelAgrees {
                label: normalize::compact(&text[b.span.start..b.span.end]),
                after: b.after,
            },
        ),
        None => (0.75, GroupEvidence::NoLabel),
    }
}

fn group_note(k: usize, n: usize, evidence: GroupEvidence, checks: Vec<CheckId>) -> Note {
    Note::OrderGroup {
        group: k + 1,
        groups: n,
        evidence,
        checks,
    }
}

/// Puts one group's values into its row's cells.
fn place(
    out: &mut TableRead,
    text: &str,
    (row, cols): (usize, &'static [ColDef]),
    group: &[Value<'_>],
    confidence: f32,
    note: &Note,
) {
    for (col, (_, item)) in cols.iter().zip(group) {
        let cell = cell_from(text, item, col.kind, confidence, Some(note.clone()));
        out.cells.push((row, col.id, cell));
    }
}

/// The table's diagnostic: read in reading order, and what confirmed it.
fn placed(table: TableId, values: &[Value<'_>], evidence: OrderEvidence) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        table: Some(table.id().to_string()),
        cells: Vec::new(),
        span: values.first().map(|v| v.1.span),
        note: Note::OrderPlaced {
            table,
            values: values.len(),
            evidence,
        },
    }
}

/// The value lines, with their index among all lines: all of them, or,
/// when that is the one way to get `want` values, all but the lone numbers
/// at page breaks (bare page numbers).
fn values(lines: &[Line], want: usize) -> Vec<(usize, &Item)> {
    let all = |skip_edges: bool| -> Vec<(usize, &Item)> {
        lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| match l {
                Line::Value(item, edge) if !(skip_edges && *edge) => Some((i, item)),
                _ => None,
            })
            .collect()
    };
    let values = all(false);
    if values.len() != want {
        let fewer = all(true);
        if fewer.len() == want {
            return fewer;
        }
    }
    values
}

/// The label lines before each group, and (last) those after the last one.
fn gaps(lines: &[Line], groups: &[&[(usize, &Item)]]) -> Vec<Vec<Span>> {
    let labels = |r: Range<usize>| -> Vec<Span> {
        lines[r]
            .iter()
            .filter_map(|l| match l {
                Line::Label(s) => Some(*s),
                Line::Value(..) => None,
            })
            .collect()
    };
    let mut out = Vec::with_capacity(groups.len() + 1);
    let mut prev_end = 0;
    for g in groups {
        let first = g.first().map_or(prev_end, |v| v.0);
        out.push(labels(prev_end..first));
        prev_end = g.last().map_or(first, |v| v.0 + 1);
    }
    out.push(labels(prev_end..lines.len()));
    out
}

/// The region's non-empty lines, page numbers left out.
fn lines(text: &str, range: Range<usize>) -> Vec<Line> {
    let mut out = Vec::new();
    let mut at = range.start;
    // The last line pushed, when it is a lone number: a bare page number if
    // a page break follows.
    let mut lone: Option<usize> = None;
    for line in text[range].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let page_break = line.contains('\u{c}');
        if page_break && let Some(Line::Value(_, edge)) = lone.and_then(|i| out.get_mut(i)) {
            *edge = true;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        lone = None;
        if number::is_page_number(trimmed) {
            continue;
        }
        let off = start + (trimmed.as_ptr() as usize - line.as_ptr() as usize);
        match number::read_field(trimmed) {
            Some(pieces) => {
                let single = pieces.len() == 1;
                out.extend(
                    pieces
                        .into_iter()
                        .map(|p| Line::Value(Item::from_piece(off, p), single && page_break)),
                );
                if single {
                    lone = Some(out.len() - 1);
                }
            }
            None => out.push(Line::Label(Span::new(off, off + trimmed.len()))),
        }
    }
    out
}

/// A group's numbers by column id; `None` where a value is not a count.
fn counts(group: &[(usize, &Item)], cols: &[ColDef]) -> Option<Vec<(&'static str, u64)>> {
    cols.iter()
        .zip(group)
        .map(|(c, (_, item))| match &item.reading {
            Some(Reading::Number(d)) => d.parse().ok().map(|n| (c.id, n)),
            _ => None,
        })
        .collect()
}

/// Whether a group adds up: its 总计 is the sum of the other cells (table B:
/// the six applicant columns, its 小计 the five organisations; table C: the
/// four outcomes).
fn row_sum(group: &[(usize, &Item)], cols: &[ColDef]) -> RowSum {
    let Some(n) = counts(group, cols) else {
        return RowSum::Fails;
    };
    let parts: u64 = n
        .iter()
        .filter(|(c, _)| *c != "total" && *c != ORG_SUBTOTAL)
        .map(|(_, v)| v)
        .sum();
    let get = |id: &str| n.iter().find(|(c, _)| *c == id).map(|(_, v)| *v);
    let orgs: u64 = ORG_COLS.iter().filter_map(|c| get(c)).sum();
    let total_ok = get("total") == Some(parts);
    let subtotal_ok = get(ORG_SUBTOTAL).is_none_or(|s| s == orgs);
    match (total_ok && subtotal_ok, parts) {
        (true, 0) => RowSum::Zeros,
        (true, _) => RowSum::Holds,
        (false, _) => RowSum::Fails,
    }
}

/// Whether the 总计 column adds up down the table: the outcome rows sum to
/// （七）总计, and new + carried over = （七）总计 + carried forward.
fn column_checks(groups: &[&[(usize, &Item)]], cols: &[ColDef]) -> bool {
    let rows = TableId::Requests.rows();
    let Some(t) = cols.iter().position(|c| c.id == "total") else {
        return false;
    };
    let total = |id: &str| -> Option<u64> {
        let k = rows.iter().position(|r| r.id == id)?;
        match &groups.get(k)?.get(t)?.1.reading {
            Some(Reading::Number(d)) => d.parse().ok(),
            _ => None,
        }
    };
    let outcome: Option<u64> = outcome_rows().iter().map(|r| total(r.id)).sum();
    let (Some(new), Some(carried), Some(all), Some(forward), Some(outcome)) = (
        total("new_received"),
        total("carried_over"),
        total("outcome_total"),
        total("carried_forward"),
        outcome,
    ) else {
        return false;
    };
    outcome == all && new + carried == all + forward && all > 0
}

/// The row of `table` a gap's label text names, with the label's span: at
/// the gap's end (`at_end`, the label of the values after it) or its start
/// (the label of the values before it), one line or two or three joined (a
/// label wrapped over lines).
fn claim(text: &str, table: TableId, gap: &[Span], at_end: bool) -> Option<(usize, Span)> {
    let i = TableId::ALL.iter().position(|t| *t == table).unwrap_or(0);
    let (rows, groups) = (matcher::canon(table), &GROUP_LABELS[i]);
    let mut best: Option<(f32, usize, Span)> = None;
    for n in 1..=gap.len().min(3) {
        let part = if at_end {
            &gap[gap.len() - n..]
        } else {
            &gap[..n]
        };
        let joined: String = part.iter().map(|s| &text[s.start..s.end]).collect();
        let label = normalize::label(&joined);
        let span = Span::new(part[0].start, part[n - 1].end);
        let Some((score, r)) = rows
            .iter()
            .enumerate()
            .map(|(r, canon)| {
                let score = canon
                    .iter()
                    .map(|c| normalize::label_score(&label, c))
                    .fold(0.0, f32::max);
                (score, r)
            })
            .filter(|(score, _)| *score >= CLAIM)
            .max_by(|a, b| a.0.total_cmp(&b.0))
        else {
            continue;
        };
        // A group label ("（三）不予公开") names no row of values.
        let group = groups
            .iter()
            .map(|g| normalize::label_score(&label, g))
            .fold(0.0, f32::max);
        if score > group && best.is_none_or(|b| score > b.0) {
            best = Some((score, r, span));
        }
        // A clean match needs no longer join.
        if score >= 0.99 && score > group {
            break;
        }
    }
    best.map(|(_, r, s)| (r, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{CellState, Value};
    use crate::template::{REQUEST_COLS, REQUEST_COLS_WITH_SUBTOTAL};

    /// A consistent table B: row k's natural-person count is k + 1 (the
    /// totals, outcome rows and balance all add up), other columns 0 but
    /// one commercial request in the first outcome row.
    fn table(subtotal: bool) -> Vec<Vec<u64>> {
        let rows = TableId::Requests.rows();
        let mut out = Vec::new();
        let mut outcome = [0u64; 2];
        for r in rows {
            let (np, com) = match r.id {
                "new_received" => (40, 1),
                "carried_over" => (2, 0),
                "disclosed" => (10, 1),
                "outcome_total" => (outcome[0], outcome[1]),
                "carried_forward" => (42 - outcome[0], 1 - outcome[1]),
                _ => (1, 0),
            };
            if outcome_rows().iter().any(|o| o.id == r.id) {
                outcome[0] += np;
                outcome[1] += com;
            }
            let mut row = vec![np, com, 0, 0, 0, 0];
            if subtotal {
                row.push(com);
            }
            row.push(np + com);
            out.push(row);
        }
        out
    }

    /// Plain pdftotext order: labels on their own lines (some after their
    /// numbers, some missing), one value per line, blank lines between.
    fn plain(values: &[Vec<u64>], label: impl Fn(usize) -> Option<(bool, &'static str)>) -> String {
        let mut t = String::from(
            "三、收到和处理政府信息公开申请情况\n申请人情况\n\n自然人\n\n商业企\n业\n\n总计\n\n",
        );
        for (k, row) in values.iter().enumerate() {
            let l = label(k);
            if let Some((true, l)) = l {
                t.push_str(&format!("{l}\n\n"));
            }
            for v in row {
                t.push_str(&format!("{v}\n\n"));
            }
            if let Some((false, l)) = l {
                t.push_str(&format!("{l}\n"));
            }
            if k == 10 {
                t.push_str("-4-\n\n");
            }
        }
        t
    }

    fn all_labels(k: usize) -> Option<(bool, &'static str)> {
        Some((true, TableId::Requests.rows()[k].label))
    }

    fn value(r: &TableRead, row: usize, col: &str) -> Option<Value> {
        r.cells
            .iter()
            .find(|c| c.0 == row && c.1 == col)
            .and_then(|c| c.2.value.clone())
    }

    #[test]
    fn labelled_rows_in_reading_order_are_placed() {
        let values = table(false);
        let text = plain(&values, all_labels);
        let r = read_requests(&text, 0..text.len(), REQUEST_COLS)
            .unwrap()
            .read;
        assert_eq!(r.cells.len(), 25 * 7);
        for (k, row) in values.iter().enumerate() {
            for (c, v) in REQUEST_COLS.iter().zip(row) {
                assert_eq!(value(&r, k, c.id), Some(Value::Count(*v)), "{k} {}", c.id);
            }
        }
        let cell = &r.cells[7 * 2].2;
        assert_eq!(cell.state, CellState::Extracted);
        assert!(cell.confidence < 1.0);
        let note = cell.note_text().unwrap_or_default();
        assert!(note.contains("requests.row_total.disclosed"), "{note}");
        let span = cell.span.unwrap();
        assert_eq!(&text[span.start..span.end], "10");
    }

    #[test]
    fn labels_late_or_missing_and_a_subtotal_column() {
        let values = table(true);
        // Rows 2 and 3 have their label after the numbers, rows 19–22 none.
        let text = plain(&values, |k| match k {
            2 | 3 => Some((false, TableId::Requests.rows()[k].label)),
            19..=22 => None,
            _ => all_labels(k),
        });
        let r = read_requests(&text, 0..text.len(), REQUEST_COLS_WITH_SUBTOTAL)
            .unwrap()
            .read;
        assert_eq!(value(&r, 2, "org_subtotal"), Some(Value::Count(1)));
        assert_eq!(value(&r, 24, "total"), Some(Value::Count(12)));
        let unlabelled = &r.cells.iter().find(|c| c.0 == 20).unwrap().2;
        let labelled = &r.cells.iter().find(|c| c.0 == 18).unwrap().2;
        assert!(unlabelled.confidence < labelled.confidence);
    }

    #[test]
    fn a_table_written_column_by_column_is_not_read() {
        let values = table(false);
        let mut text = String::from("三、收到和处理政府信息公开申请情况\n");
        for r in TableId::Requests.rows() {
            text.push_str(&format!("{}\n", r.label));
        }
        for c in 0..7 {
            for row in &values {
                text.push_str(&format!("{}\n\n", row[c]));
            }
        }
        let err = read_requests(&text, 0..text.len(), REQUEST_COLS).unwrap_err();
        assert!(matches!(err, Note::OrderGroupFails { .. }), "{err}");
    }

    #[test]
    fn bare_page_numbers_at_page_breaks_are_left_out() {
        let values = table(false);
        let text = plain(&values, all_labels);
        // A bare page number before a page break is left out…
        let paged = text.replacen("-4-\n", "4\n\u{c}", 1);
        let r = read_requests(&paged, 0..paged.len(), REQUEST_COLS)
            .unwrap()
            .read;
        assert_eq!(r.cells.len(), 175);
        let page_number = paged.find("4\n\u{c}").unwrap();
        assert!(
            r.cells
                .iter()
                .all(|c| c.2.span.unwrap().start != page_number)
        );
        // …while a value that ends a page stays a value.
        let paged = text.replacen("\n10\n", "\n10\n\u{c}", 1);
        let r = read_requests(&paged, 0..paged.len(), REQUEST_COLS)
            .unwrap()
            .read;
        assert_eq!(value(&r, 2, "natural_person"), Some(Value::Count(10)));
    }

    #[test]
    fn a_label_column_before_the_values_is_no_claim() {
        // Every row label first, then every value: the 总计 column's own
        // arithmetic confirms the rows.
        let values = table(false);
        let mut text = String::from("三、收到和处理政府信息公开申请情况\n");
        for r in TableId::Requests.rows() {
            text.push_str(&format!("{}\n", r.label));
        }
        for v in values.iter().flatten() {
            text.push_str(&format!("{v}\n"));
        }
        let r = read_requests(&text, 0..text.len(), REQUEST_COLS)
            .unwrap()
            .read;
        assert_eq!(value(&r, 24, "total"), Some(Value::Count(12)));
        // Labels out of order are no column: the last one, right before the
        // values, names another row and contradicts.
        let rows = TableId::Requests.rows();
        let mut text = String::from("三、收到和处理政府信息公开申请情况\n");
        for r in rows.iter().filter(|r| r.id != "partly_disclosed") {
            text.push_str(&format!("{}\n", r.label));
        }
        text.push_str(&format!("{}\n", rows[3].label));
        for v in values.iter().flatten() {
            text.push_str(&format!("{v}\n"));
        }
        let err = read_requests(&text, 0..text.len(), REQUEST_COLS).unwrap_err();
        assert!(matches!(err, Note::OrderLabelElsewhere { .. }), "{err}");
    }

    #[test]
    fn a_lost_value_leaves_the_table_unread() {
        let values = table(false);
        let text = plain(&values, all_labels).replacen("\n40\n", "\n", 1);
        let err = read_requests(&text, 0..text.len(), REQUEST_COLS).unwrap_err();
        assert_eq!(
            err,
            Note::OrderCount {
                values: 174,
                want: 175
            }
        );
    }

    #[test]
    fn a_label_against_the_order_leaves_the_table_unread() {
        let values = table(false);
        // Rows 5 and 6 swapped in the text: values no longer match labels.
        let text = plain(&values, |k| match k {
            5 => all_labels(9),
            _ => all_labels(k),
        });
        let err = read_requests(&text, 0..text.len(), REQUEST_COLS).unwrap_err();
        assert!(matches!(err, Note::OrderLabelElsewhere { .. }), "{err}");
    }

    #[test]
    fn one_bad_total_between_good_rows_is_kept_with_low_confidence() {
        let mut values = table(false);
        values[2][6] = 99;
        let text = plain(&values, all_labels);
        let r = read_requests(&text, 0..text.len(), REQUEST_COLS)
            .unwrap()
            .read;
        let bad = r.cells.iter().find(|c| c.0 == 2 && c.1 == "total").unwrap();
        assert_eq!(bad.2.value, Some(Value::Count(99)));
        assert!(bad.2.confidence <= 0.5);
        // Two bad rows side by side: no longer placed.
        values[3][6] = 98;
        let text = plain(&values, all_labels);
        assert!(read_requests(&text, 0..text.len(), REQUEST_COLS).is_err());
    }

    /// Table A in plain order: `late` rows have their label after the values.
    fn plain_active(late: &[usize], unlabelled: &[usize]) -> String {
        let mut t = String::from(
            "二、主动公开政府信息情况\n第二十条\n第（一）项\n\n信息内容\n\n本年制\n发件数\n\n",
        );
        for (k, r) in TableId::Active.rows().iter().enumerate() {
            let label = (!unlabelled.contains(&k)).then_some(r.label);
            if let Some(l) = label.filter(|_| !late.contains(&k)) {
                t.push_str(&format!("{l}\n\n"));
            }
            for (c, _) in r.cols.iter().enumerate() {
                t.push_str(&format!("{}\n\n", 10 * k + c + 1));
            }
            if let Some(l) = label.filter(|_| late.contains(&k)) {
                t.push_str(&format!("{l}\n\n"));
            }
        }
        t
    }

    #[test]
    fn table_a_rows_named_before_or_after_are_placed() {
        let text = plain_active(&[1, 4], &[]);
        let r = read_active(&text, 0..text.len()).unwrap().read;
        assert_eq!(r.cells.len(), 10);
        let find = |row: usize, col: &str| {
            r.cells
                .iter()
                .find(|c| c.0 == row && c.1 == col)
                .and_then(|c| c.2.value.clone())
        };
        assert_eq!(find(1, "in_force"), Some(Value::Count(13)));
        assert_eq!(find(4, "decisions"), Some(Value::Count(41)));
        assert_eq!(find(5, "amount"), Some(Value::Decimal("51".into())));
        assert!(
            matches!(
                &r.cells[3].2.notes[..],
                [Note::OrderNamed { after: true, .. }]
            ),
            "{:?}",
            r.cells[3].2.notes
        );
    }

    #[test]
    fn table_a_row_without_a_label_beside_it_is_not_placed() {
        let text = plain_active(&[], &[3]);
        let err = read_active(&text, 0..text.len()).unwrap_err();
        assert!(matches!(err, Note::OrderUnnamed { .. }), "{err}");
        // A value lost: the count is off.
        let text = plain_active(&[], &[]).replacen("\n21\n", "\n", 1);
        assert!(read_active(&text, 0..text.len()).is_err());
    }

    /// Table C in plain order, each group's label before its values.
    fn plain_appeals(groups: [[u64; 5]; 3]) -> String {
        let mut t = String::from(
            "四、政府信息公开行政复议、行政诉讼情况\n\n结果\n维持\n\n结果\n纠正\n\n总计\n\n",
        );
        for (r, g) in TableId::Appeals.rows().iter().zip(groups) {
            t.push_str(&format!("{}\n\n", r.label));
            for v in g {
                t.push_str(&format!("{v}\n\n"));
            }
        }
        t
    }

    #[test]
    fn table_c_groups_that_add_up_are_placed() {
        let text = plain_appeals([[3, 1, 0, 0, 4], [2, 0, 1, 0, 3], [0, 0, 0, 1, 1]]);
        let r = read_appeals(&text, 0..text.len()).unwrap().read;
        let c = r.cells.iter().find(|c| c.0 == 1 && c.1 == "other").unwrap();
        assert_eq!(c.2.value, Some(Value::Count(1)));
        assert!(
            c.2.note_text()
                .unwrap_or_default()
                .contains("appeals.total.litigation_direct")
        );
        // Written column by column, the groups no longer add up.
        let text = plain_appeals([[3, 2, 0, 1, 0], [0, 0, 1, 0, 0], [1, 0, 0, 4, 3]]);
        let err = read_appeals(&text, 0..text.len()).unwrap_err();
        assert!(matches!(err, Note::OrderGroupFails { .. }), "{err}");
    }

    #[test]
    fn without_labels_the_column_arithmetic_must_confirm() {
        let values = table(false);
        let text = plain(&values, |_| None);
        assert!(read_requests(&text, 0..text.len(), REQUEST_COLS).is_ok());
        let mut broken = values.clone();
        // Still every row adds up, but the 总计 column no longer does.
        broken[24] = vec![5, 0, 0, 0, 0, 0, 5];
        let text = plain(&broken, |_| None);
        let err = read_requests(&text, 0..text.len(), REQUEST_COLS).unwrap_err();
        assert_eq!(err, Note::OrderOnlyRowTotals);
    }
}
