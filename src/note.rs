//! What the extractor (and the review) says about a cell or a table, as
//! typed values: the facts of each note — its row, column, counts, the
//! checks used to place it — not a sentence.
//!
//! The English sentence is `Display` (the CLI and the JSON's `message`
//! print it); the window writes each kind in its own language by one
//! exhaustive match (`app::note_text`). The JSON keeps both: the sentence
//! for people, the typed value (`kind` and its fields) for programs.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::checks::CheckId;
use crate::template::TableId;

/// Why a cell's text is not a well-formed number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Malformed {
    /// A letter that looks like a digit ("l2", "1O").
    Letter { letter: char },
    /// A unit written in the cell ("3件").
    Unit { unit: String },
    /// Thousands or decimal separators where none belong ("41,30").
    Separators,
    /// Anything else that holds a digit but is no number.
    Damaged { text: String },
    /// A mark ("#", "*") where a value stands.
    Mark { text: String },
}

/// Where the issuer or the year came from when the title does not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TakenFrom {
    /// "联系…" in the introduction.
    ContactSentence,
    /// "本报告统计期限为 2023 年 1 月 1 日至 …".
    StatedPeriod,
    /// The date under the signature: a report published early in a year is
    /// the previous year's.
    SignatureDate { date: String },
}

/// What confirmed a table placed in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OrderEvidence {
    /// Table B: every row's 总计 adds up; `labelled` rows have a label
    /// beside them; `columns`: the 总计 column adds up too.
    RowGroups {
        rows: usize,
        columns: usize,
        labelled: usize,
        total_column: bool,
    },
    /// Table A: each row named by a label before or after its values.
    EachNamed,
    /// Table C: each group's 总计 adds up; `labelled` groups have a label.
    AppealGroups { labelled: usize },
}

/// How a value group placed in reading order is backed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GroupEvidence {
    /// A row label stands right before (or after) the values and agrees.
    LabelAgrees { label: String, after: bool },
    /// No label beside the group.
    NoLabel,
    /// The group's 总计 does not add up; it sits between two that do.
    BetweenHolding,
}

/// A note on a cell, or the message of a diagnostic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    // --- One value's text -------------------------------------------------
    /// The report left the cell empty.
    LeftEmpty,
    /// "—", "/", "无" …: not applicable, which is not 0.
    NotApplicable { raw: String },
    /// The text holds a digit but is no well-formed number.
    Malformed { why: Malformed },
    /// The text is no number.
    NotANumber,
    /// A count with a decimal part.
    CountHasDecimals,
    /// A count too large to hold.
    CountTooLarge,
    /// A count that does not read as one.
    NotACount,
    /// Digits joined across a space ("1 234").
    JoinedPieces { raw: String },
    /// A stray mark beside the value was dropped.
    StrayMarkBeside { raw: String },
    /// One field held several values separated by spaces.
    FieldOfSeveral,

    // --- A row read by the layout's rows ----------------------------------
    /// A stray mark among a row's values was dropped.
    StrayMarkAmong,
    /// Table B's header has no 总计 column: the values are the applicants'.
    NoTotalColumn,
    /// The row has `cells` cells for `columns` columns, read in order: the
    /// last is missing.
    LastCellMissing { cells: usize, columns: usize },
    /// The row's label matched loosely.
    LooseLabel {
        read: String,
        label: String,
        score: f32,
    },
    /// A garbled label between two matched rows: placed by template order.
    PlacedByOrder { label: String },
    /// A diagnostic about one row.
    Row { label: String, note: Box<Note> },
    /// A row whose value count fits no reading; left missing.
    RowUncertain {
        label: String,
        values: usize,
        columns: usize,
    },
    /// A missing cell of such a row.
    Uncertain { values: usize, columns: usize },
    /// A group row (（三）不予公开) printed as one row of values.
    GroupRowAsOne { label: String },
    /// A row whose label was not found.
    RowLabelNotFound,
    /// A cell the row's values did not reach.
    NotFoundInRow,
    /// Values between rows that no label claims.
    Unplaced { table: TableId, values: usize },
    /// Rows of a table not found.
    RowsNotFound { table: TableId, rows: Vec<String> },
    /// A table whose values mostly sit under no label.
    NotRowByRow {
        table: TableId,
        values: usize,
        rows: usize,
    },
    /// A missing cell of such a table.
    TableUnreadable,
    /// A cell no reading found.
    NotFound,
    /// A table not found at all.
    TableNotFound { table: TableId },
    /// Table C: no row of 15, no labelled rows of 5.
    AppealsNotFound,

    // --- Digits run together ----------------------------------------------
    /// A row's cells ran together in one run of digits, split in the one way
    /// `checks` admit (none: one digit per cell, nothing to test it).
    RunSplit {
        digits: String,
        checks: Vec<CheckId>,
    },
    /// The diagnostic for such a row: its cells are inferred.
    RunInferred {
        digits: String,
        checks: Vec<CheckId>,
    },
    /// A run with more than one split.
    RunAmbiguous { digits: String },
    /// A run with no split that adds up.
    RunNoSplit { digits: String },
    /// A row left missing, and why.
    LeftMissing { why: Box<Note> },

    // --- Rows found by their labels anywhere (extract::anchors) -----------
    /// Digits damaged by OCR, mended in the one way the row total admits.
    Mended { row: String },
    /// A row printed over two lines, joined in the order its total admits.
    JoinedRow { row: String },
    /// A row with no label between two labelled ones; its total holds.
    BetweenLabelled { row: String },
    /// Found by its label; its total does not hold.
    TotalFails,
    /// Found by a damaged or bare label.
    DamagedLabel,
    /// One cell of the row is lost; its place the one the row total admits.
    LostCellByRowTotal,
    /// One cell of the row is lost; its place the one `checks` admit.
    LostCellByChecks { checks: Vec<CheckId> },
    /// One cell of the row is lost; every place its total admits gives the
    /// same values.
    LostCellSameValues { row: String },
    /// The cell lost from a row so placed.
    LostCell { how: Box<Note> },
    /// Perhaps the cell lost from such a row.
    PerhapsLost { how: Box<Note> },
    /// A row with a cell lost (`short`) or run together, and `readings`
    /// readings that fit: left missing.
    TooManyReadings {
        label: String,
        short: bool,
        readings: usize,
    },
    /// How many table B rows were found by their labels.
    RowsByLabels { rows: usize, between: usize },
    /// A merged cell's value written once per spanned column.
    Repeated { times: usize },
    /// A table's cells read from rows found by labels.
    CellsByLabels { table: TableId, cells: usize },
    /// The layout's rows and the labels read a cell differently.
    ReadTwoWays { layout: String, labels: String },
    /// How many cells the two readings disagreed on.
    CellsReadTwoWays { cells: usize },
    /// No section headings: the tables were found by their row labels.
    FoundByLabels,

    // --- Tables in reading order (extract::ordered) -----------------------
    /// The values are not the template's count.
    OrderCount { values: usize, want: usize },
    /// A value group whose 总计 does not add up.
    OrderGroupFails {
        group: usize,
        groups: usize,
        label: String,
    },
    /// A label stands before another row's values.
    OrderLabelElsewhere { label: String, row: String },
    /// Table A: no label names a row's values.
    OrderUnnamed { row: String },
    /// Table B: only the row totals confirm the rows.
    OrderOnlyRowTotals,
    /// Table C: nothing confirms the groups.
    OrderNoGroups,
    /// A value group placed by order.
    OrderGroup {
        group: usize,
        groups: usize,
        evidence: GroupEvidence,
        checks: Vec<CheckId>,
    },
    /// A table A row placed by order, named by the label beside it.
    OrderNamed { label: String, after: bool },
    /// A table read in reading order.
    OrderPlaced {
        table: TableId,
        values: usize,
        evidence: OrderEvidence,
    },
    /// The reading order did not give the table either.
    OrderNotEither { table: TableId, why: Box<Note> },
    /// Labels after their values: the order is taken.
    LabelsAfterOrderTaken { table: TableId, labels: usize },
    /// Labels after their values, and the order does not confirm the rows.
    LabelsAfterUnconfirmed { table: TableId, why: Box<Note> },
    /// Some labels after their values: those rows left missing.
    LabelsAfterRows { table: TableId, labels: usize },
    /// A cell of such a row.
    LabelAfterValues,
    /// Plain lines whose labels follow their values.
    LabelsFollowValues { table: TableId },
    /// The labelled and the ordered reading differ on `cells` cells.
    OrderDisagrees { table: TableId, cells: usize },
    /// A cell of those.
    OrderDisagreesHere,
    /// A short row's lost cell shown last by the column checks.
    ShortConfirmed { checks: Vec<CheckId> },
    /// A short row nothing places.
    ShortUnplaced,
    /// The diagnostic for such a row.
    RowShortUnplaced { label: String },

    // --- The report ---------------------------------------------------------
    /// The issuer taken from elsewhere than the title.
    IssuerFrom { issuer: String, from: TakenFrom },
    /// The year taken from elsewhere than the title.
    YearFrom { year: u16, from: TakenFrom },
    /// No report tables.
    NoTables,
    /// Headings but no values under them.
    NoValuesUnderHeadings,
    /// The 2019 template, recognised, not checked.
    Template2019,
    /// Bytes not in the source's encoding.
    BadBytes { encoding: String },

    // --- A person -------------------------------------------------------------
    /// Typed in by a person.
    SetByPerson,
    /// A value the checks suggested, accepted by a person.
    Suggested {
        reason: String,
        checks: Vec<CheckId>,
    },
    /// A cell a saved review does not hold.
    NotInSavedReview,
    /// A note kept as written (reviews saved before notes were typed).
    Text { text: String },
}

impl Note {
    /// A note held only as text (an older review's).
    pub fn text(text: impl Into<String>) -> Note {
        Note::Text { text: text.into() }
    }
}

/// Check ids as a list ("a, b").
fn list(checks: &[CheckId]) -> String {
    checks
        .iter()
        .map(CheckId::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// "it" or "them", as many checks as there are.
fn it_them(checks: &[CheckId]) -> &'static str {
    if checks.len() == 1 { "it" } else { "them" }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Malformed::Letter { letter } => {
                write!(f, "the letter '{letter}' stands where a digit belongs")
            }
            Malformed::Unit { unit } => write!(f, "the unit '{unit}' is written in the cell"),
            Malformed::Separators => f.write_str("separators in unexpected places"),
            Malformed::Damaged { text } => write!(f, "'{text}' is not a well-formed number"),
            Malformed::Mark { text } => write!(f, "'{text}' is not a number"),
        }
    }
}

impl fmt::Display for TakenFrom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TakenFrom::ContactSentence => f.write_str("the contact sentence of the introduction"),
            TakenFrom::StatedPeriod => f.write_str("the statistics period the report states"),
            TakenFrom::SignatureDate { date } => write!(
                f,
                "the signature date '{date}': a report published then is the previous year's"
            ),
        }
    }
}

impl fmt::Display for OrderEvidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrderEvidence::RowGroups {
                rows,
                columns,
                labelled,
                total_column,
            } => write!(
                f,
                "{rows} groups of {columns}, each group's 总计 adding up; {labelled} groups have their row label beside them{}",
                if *total_column {
                    ", and the 总计 column adds up"
                } else {
                    ""
                }
            ),
            OrderEvidence::EachNamed => f.write_str("each row named by a label beside it"),
            OrderEvidence::AppealGroups { labelled } => write!(
                f,
                "each group's 总计 adding up; {labelled} groups have their label beside them"
            ),
        }
    }
}

impl fmt::Display for GroupEvidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupEvidence::LabelAgrees { label, after } => write!(
                f,
                "the label '{label}' {} it agrees",
                if *after { "after" } else { "before" }
            ),
            GroupEvidence::NoLabel => f.write_str("no label beside it"),
            GroupEvidence::BetweenHolding => {
                f.write_str("its 总计 does not add up; placed between two rows that do")
            }
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = |t: &TableId| t.id();
        match self {
            Note::LeftEmpty => f.write_str("the report left this cell empty"),
            Note::NotApplicable { raw } => {
                write!(f, "'{raw}' marks the cell as not applicable (not 0)")
            }
            Note::Malformed { why } => write!(f, "not a well-formed number: {why}"),
            Note::NotANumber => f.write_str("not a number"),
            Note::CountHasDecimals => f.write_str("not a well-formed count: it has a decimal part"),
            Note::CountTooLarge => f.write_str("not a well-formed count: too large"),
            Note::NotACount => f.write_str("not a well-formed count"),
            Note::JoinedPieces { raw } => {
                write!(f, "read from pieces separated by a space: '{raw}'")
            }
            Note::StrayMarkBeside { raw } => {
                write!(f, "a stray mark beside the value was ignored: '{raw}'")
            }
            Note::FieldOfSeveral => {
                f.write_str("read from a field holding several values separated by a space")
            }
            Note::StrayMarkAmong => f.write_str("a stray mark among the values was ignored"),
            Note::NoTotalColumn => f.write_str(
                "the table header has no 总计 column: the values are read as the applicant columns and the total is missing",
            ),
            Note::LastCellMissing { cells, columns } => write!(
                f,
                "the row has {cells} cells for {columns} columns; read in order, the last cell is missing"
            ),
            Note::LooseLabel { read, label, score } => write!(
                f,
                "row label matched loosely: '{read}' read as '{label}' (score {score:.2})"
            ),
            Note::PlacedByOrder { label } => write!(
                f,
                "the label '{label}' did not match; the row was placed by the template's order"
            ),
            Note::Row { label, note } => write!(f, "row '{label}': {note}"),
            Note::RowUncertain {
                label,
                values,
                columns,
            } => write!(
                f,
                "row '{label}' is uncertain: {values} values for {columns} columns; its cells are left missing"
            ),
            Note::Uncertain { values, columns } => {
                write!(f, "row uncertain: {values} values for {columns} columns")
            }
            Note::GroupRowAsOne { label } => write!(
                f,
                "the group row '{label}' is printed as one row of values; its sub-rows cannot be told apart and are left missing"
            ),
            Note::RowLabelNotFound => f.write_str("row label not found"),
            Note::NotFoundInRow => f.write_str("not found in the row"),
            Note::Unplaced { table, values } => write!(
                f,
                "{values} values in table {} could not be placed under a row label",
                t(table)
            ),
            Note::RowsNotFound { table, rows } => {
                write!(f, "rows not found in table {}: {}", t(table), rows.join(", "))
            }
            Note::NotRowByRow {
                table,
                values,
                rows,
            } => write!(
                f,
                "table {} cannot be read row by row: {values} values could not be placed under a row label ({rows} rows matched); all its cells are left missing",
                t(table)
            ),
            Note::TableUnreadable => f.write_str("the table cannot be read row by row"),
            Note::NotFound => f.write_str("not found in the text"),
            Note::TableNotFound { table } => write!(
                f,
                "table {} not found in the text; its cells are missing",
                t(table)
            ),
            Note::AppealsNotFound => f.write_str(
                "table appeals: no row of 15 values and no labelled rows of 5 were found; its cells are left missing",
            ),
            Note::RunSplit { digits, checks } if checks.is_empty() => write!(
                f,
                "the cells ran together as '{digits}'; split one digit per cell: the run has exactly as many digits as the row has cells (no check can test it)"
            ),
            Note::RunSplit { digits, checks } => write!(
                f,
                "the cells ran together as '{digits}'; split chosen by {}: the only split of the run that satisfies {}",
                list(checks),
                it_them(checks)
            ),
            Note::RunInferred { digits, checks } => write!(
                f,
                "{}; the cells are inferred, and those checks are not independent evidence for them",
                Note::RunSplit {
                    digits: digits.clone(),
                    checks: checks.clone()
                }
            ),
            Note::RunAmbiguous { digits } => write!(
                f,
                "the cells ran together as '{digits}' and more than one split possible"
            ),
            Note::RunNoSplit { digits } => write!(
                f,
                "the cells ran together as '{digits}' and no split fits the row's arithmetic"
            ),
            Note::LeftMissing { why } => write!(f, "{why}; its cells are left missing"),
            Note::Mended { row } => write!(
                f,
                "the text's digits are damaged (cell borders read as 1, or cells run together after a 0); read in the one way its total admits (requests.row_total.{row})"
            ),
            Note::JoinedRow { row } => write!(
                f,
                "the row is printed over two lines; the order of its pieces is the one its total admits (requests.row_total.{row})"
            ),
            Note::BetweenLabelled { row } => write!(
                f,
                "a row with no label, placed by the template's order between its labelled neighbours; its total holds (requests.row_total.{row})"
            ),
            Note::TotalFails => f.write_str("found by its row label; the row's total does not hold"),
            Note::DamagedLabel => f.write_str("found by a damaged or bare row label"),
            Note::LostCellByRowTotal => f.write_str(
                "one cell of this row is lost in the text; its place chosen by requests.row_total: the only place where the row's other values can add up",
            ),
            Note::LostCellByChecks { checks } => write!(
                f,
                "one cell of this row is lost in the text; its place chosen by {}: the only place that satisfies them",
                list(checks)
            ),
            Note::LostCellSameValues { row } => write!(
                f,
                "one cell of this row is lost in the text; every place requests.row_total.{row} allows for it gives the row the same values"
            ),
            Note::LostCell { how } => write!(
                f,
                "lost in the text: the row has one value fewer than its cells ({how})"
            ),
            Note::PerhapsLost { how } => write!(f, "perhaps the cell lost in the text ({how})"),
            Note::TooManyReadings {
                label,
                short,
                readings,
            } => write!(
                f,
                "row '{label}' {} {readings} readings fit the checks; its cells are left missing",
                if *short {
                    "has one value fewer than its cells and"
                } else {
                    "ran together and"
                }
            ),
            Note::RowsByLabels { rows, between } => write!(
                f,
                "table requests: {rows} rows found by their row labels in the text ({between} placed between labelled rows)"
            ),
            Note::Repeated { times } => write!(
                f,
                "written {times} times on the row, once in each column its merged cell spans"
            ),
            Note::CellsByLabels { table, cells } => write!(
                f,
                "table {}: {cells} cells read from rows found by their labels outside the layout's row structure",
                t(table)
            ),
            Note::ReadTwoWays { layout, labels } => write!(
                f,
                "the layout's rows read '{layout}' here and the row labels '{labels}'; neither is taken"
            ),
            Note::CellsReadTwoWays { cells } => write!(
                f,
                "{cells} cells read differently by the layout's rows and by the row labels; they are left missing"
            ),
            Note::FoundByLabels => f.write_str(
                "no section headings found: the tables were found by their row labels",
            ),
            Note::OrderCount { values, want } => write!(
                f,
                "in reading order it has {values} values, not the {want} of its rows and columns"
            ),
            Note::OrderGroupFails {
                group,
                groups,
                label,
            } => write!(
                f,
                "in reading order, value group {group} of {groups} (row '{label}') does not add up to its 总计"
            ),
            Note::OrderLabelElsewhere { label, row } => write!(
                f,
                "in reading order, the label '{label}' stands before the values of row '{row}'"
            ),
            Note::OrderUnnamed { row } => write!(
                f,
                "in reading order, no label names the values of row '{row}' (table A has no arithmetic to place them by)"
            ),
            Note::OrderOnlyRowTotals => f.write_str(
                "in reading order, nothing but the row totals confirms its rows (no row label beside its values, and the 总计 column does not add up)",
            ),
            Note::OrderNoGroups => f.write_str(
                "in reading order, nothing confirms its groups (no group label beside its values, fewer than two groups with values adding up)",
            ),
            Note::OrderGroup {
                group,
                groups,
                evidence,
                checks,
            } => write!(
                f,
                "placed by reading order (one value per line, no row structure): value group {group} of {groups}; {evidence}; checks used to place it, not independent evidence: {}",
                list(checks)
            ),
            Note::OrderNamed { label, after } => write!(
                f,
                "placed by reading order (one value per line, no row structure): the label '{label}' {} its values names the row",
                if *after { "after" } else { "before" }
            ),
            Note::OrderPlaced {
                table,
                values,
                evidence,
            } => write!(
                f,
                "table {} has no row structure (one value per line): its {values} values were placed in template order, {evidence}",
                t(table)
            ),
            Note::OrderNotEither { table, why } => {
                write!(f, "table {} not read in reading order either: {why}", t(table))
            }
            Note::LabelsAfterOrderTaken { table, labels } => write!(
                f,
                "table {}: its row labels are printed after their values ({labels} of them), so the reading order is taken, not the labels' (which would shift those rows)",
                t(table)
            ),
            Note::LabelsAfterUnconfirmed { table, why } => write!(
                f,
                "table {}: its row labels are printed after their values, so a reading by the labels would shift every row, and the reading order does not confirm the rows ({why}); its cells are left missing",
                t(table)
            ),
            Note::LabelsAfterRows { table, labels } => write!(
                f,
                "table {}: {labels} row labels are printed after their values; a reading by the labels would give those rows the next row's values, so they are left missing",
                t(table)
            ),
            Note::LabelAfterValues => f.write_str(
                "the row label is printed after the row's values: a reading by the label took the next row's values",
            ),
            Note::LabelsFollowValues { table } => write!(
                f,
                "table {}: its first values come before any row label and its last row has none: the labels follow their values, so a reading by the labels would shift every row; its cells are left missing",
                t(table)
            ),
            Note::OrderDisagrees { table, cells } => write!(
                f,
                "table {}: the row labels and the reading order give different values for {cells} cells; those are left missing",
                t(table)
            ),
            Note::OrderDisagreesHere => {
                f.write_str("the row labels and the reading order disagree on this cell")
            }
            Note::ShortConfirmed { checks } => write!(
                f,
                "the column checks {} confirm that the lost cell is the last (not independent evidence)",
                list(checks)
            ),
            Note::ShortUnplaced => f.write_str(
                "the row is one cell short, and no arithmetic shows which cell is lost",
            ),
            Note::RowShortUnplaced { label } => write!(
                f,
                "row '{label}' is one cell short and no arithmetic shows which cell is lost; its cells are left missing"
            ),
            Note::IssuerFrom { issuer, from } => {
                write!(f, "the issuer {issuer} is not in the title; taken from {from}")
            }
            Note::YearFrom { year, from } => {
                write!(f, "the report year {year} is not in the title; taken from {from}")
            }
            Note::NoTables => f.write_str("no report tables found"),
            Note::NoValuesUnderHeadings => f.write_str(
                "no report tables found: the section headings are there, but no values under them",
            ),
            Note::Template2019 => f.write_str(
                "2019 format, not supported for checking: table A has the 2019 columns (本年新制作数量 / 本年新公开数量 / 对外公开总数量); its cells are left missing",
            ),
            Note::BadBytes { encoding } => write!(
                f,
                "some bytes could not be read as {encoding} and were replaced by U+FFFD: check the numbers near them against the original"
            ),
            Note::SetByPerson => f.write_str("set by a person"),
            Note::NotInSavedReview => f.write_str("not in the saved review"),
            Note::Suggested { reason, .. } => f.write_str(reason),
            Note::Text { text } => f.write_str(text),
        }
    }
}

/// Several notes as one sentence (parts joined by "; ").
pub fn joined(notes: &[Note]) -> String {
    notes
        .iter()
        .map(Note::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_round_trips_through_json_with_its_kind() {
        let n = Note::OrderNotEither {
            table: TableId::Requests,
            why: Box::new(Note::OrderGroupFails {
                group: 3,
                groups: 25,
                label: "（一）予以公开".to_string(),
            }),
        };
        let json = serde_json::to_string(&n).unwrap();
        assert!(
            json.starts_with(r#"{"kind":"order_not_either","table":"requests""#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Note>(&json).unwrap(), n);
    }

    #[test]
    fn the_english_sentence_names_the_facts() {
        let n = Note::RunSplit {
            digits: "602000062".to_string(),
            checks: vec![CheckId::RowTotal {
                row: "new_received",
            }],
        };
        assert_eq!(
            n.to_string(),
            "the cells ran together as '602000062'; split chosen by requests.row_total.new_received: the only split of the run that satisfies it"
        );
        assert_eq!(
            joined(&[Note::LeftEmpty, Note::FieldOfSeveral]),
            "the report left this cell empty; read from a field holding several values separated by a space"
        );
    }
}
