//! The saved review, `nianbao-review/1` (documented in docs/review-json.md).
//!
//! Maps are written in template order (table, row, column as printed), the
//! fee as a raw JSON number token with its digits as written, and loading
//! rebuilds the review exactly: `to_json(from_json(x)) == x`.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::{Acknowledgement, Edit, LoadError, Review, SourceInfo, sha256_hex};
use crate::checks::{CheckId, CheckKind, CheckStatus, SavedCheckId, Suggestion};
use crate::note::Note;
use crate::report::{Cell, CellState, Diagnostic, Report, Span, Value};
use crate::source::SourceKind;
use crate::template::{CellId, Layout, TableId, TemplateVersion, ValueKind};

/// The format id written in every review.
pub const FORMAT: &str = "nianbao-review/1";
const FORMAT_PREFIX: &str = "nianbao-review/";
const FORMAT_VERSION: u32 = 1;

/// A JSON object whose keys keep the order they were written in.
#[derive(Debug, Default)]
struct Ordered<V>(Vec<(String, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V2<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, V>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V2(std::marker::PhantomData))
    }
}

#[derive(Serialize, Deserialize)]
struct Doc {
    format: String,
    source: SourceJson,
    report: ReportJson,
    values: Ordered<Ordered<Ordered<Option<Box<RawValue>>>>>,
    cells: Ordered<CellJson>,
    /// Written for readers, recomputed on load: not read (a newer
    /// nianbao's check ids there are no reason to refuse the file).
    #[serde(default, skip_deserializing)]
    checks: Vec<CheckJson>,
    #[serde(default, skip_deserializing)]
    suggestions: Vec<Suggestion>,
    #[serde(default)]
    edits: Vec<EditJson>,
    #[serde(default)]
    acknowledged: Vec<AckJson>,
}

#[derive(Serialize, Deserialize)]
struct SourceJson {
    file_name: String,
    /// What the text came from; older reviews (all plain text) have none.
    #[serde(default)]
    kind: SourceKind,
    encoding: String,
    sha256: String,
    /// The original document's sha256, where the text was read from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original_sha256: Option<String>,
    text: String,
}

#[derive(Serialize, Deserialize)]
struct ReportJson {
    issuer: Option<String>,
    issuer_normalized: Option<String>,
    year: Option<u16>,
    template: String,
    org_subtotal: bool,
    #[serde(default)]
    unreadable: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    by_order: Vec<String>,
    #[serde(default)]
    diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize, Deserialize)]
struct CellJson {
    state: CellState,
    #[serde(default)]
    raw: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    span: Option<Span>,
    #[serde(default)]
    confidence: f32,
    /// The notes as one English sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// The notes as typed values (absent in reviews saved before them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<Note>,
    /// The cell as extracted, when a person changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extracted: Option<Box<ExtractedJson>>,
}

#[derive(Serialize, Deserialize)]
struct ExtractedJson {
    value: Option<Box<RawValue>>,
    state: CellState,
    #[serde(default)]
    raw: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    span: Option<Span>,
    #[serde(default)]
    confidence: f32,
    /// The notes as one English sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// The notes as typed values (absent in reviews saved before them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<Note>,
}

/// A check as written for readers; recomputed (not read back) on load.
#[derive(Serialize, Deserialize)]
struct CheckJson {
    id: CheckId,
    kind: CheckKind,
    status: CheckStatus,
    rule: String,
    left: Option<u64>,
    right: Option<u64>,
    difference: Option<i64>,
    left_cells: Vec<CellId>,
    right_cells: Vec<CellId>,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    span: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    acknowledged: Option<AckNote>,
}

#[derive(Serialize, Deserialize)]
struct AckNote {
    note: String,
    at: String,
    by: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct EditJson {
    cell: String,
    before: String,
    after: String,
    at: String,
    by: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct AckJson {
    check: SavedCheckId,
    note: String,
    at: String,
    by: Option<String>,
}

/// A cell value as a raw JSON number token (never through f64).
fn value_token(v: Option<&Value>) -> Option<Box<RawValue>> {
    let text = match v? {
        Value::Count(n) => n.to_string(),
        Value::Decimal(d) => canonical_decimal(d),
    };
    RawValue::from_string(text).ok()
}

/// A decimal as a valid JSON number: digits kept, only leading zeros that
/// JSON forbids ("053.2") dropped.
fn canonical_decimal(d: &str) -> String {
    let (int, frac) = d.split_once('.').map_or((d, None), |(i, f)| (i, Some(f)));
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    match frac {
        Some(f) if !f.is_empty() => format!("{int}.{f}"),
        _ => int.to_string(),
    }
}

fn token_value(cell: CellId, token: Option<&RawValue>) -> Result<Option<Value>, LoadError> {
    let Some(token) = token else { return Ok(None) };
    let t = token.get();
    if t == "null" {
        return Ok(None);
    }
    let kind = cell.col_def().kind;
    Value::parse_clean(t, kind)
        .map(Some)
        .ok_or_else(|| LoadError::BadValue {
            cell: cell.to_string(),
            message: match kind {
                ValueKind::Count => format!("{t} is not a non-negative whole number"),
                ValueKind::Decimal => format!("{t} is not a non-negative decimal"),
            },
        })
}

/// A cell's notes as saved: the typed ones, or (a review saved before notes
/// were typed) the sentence kept as written.
fn notes(typed: Vec<Note>, sentence: Option<String>) -> Vec<Note> {
    if typed.is_empty() {
        sentence.map(Note::text).into_iter().collect()
    } else {
        typed
    }
}

fn cell_json(cell: &Cell, extracted: Option<&Cell>) -> CellJson {
    CellJson {
        state: cell.state,
        raw: cell.raw.clone(),
        span: cell.span,
        confidence: cell.confidence,
        note: cell.note_text(),
        notes: cell.notes.clone(),
        extracted: extracted.map(|e| {
            Box::new(ExtractedJson {
                value: value_token(e.value.as_ref()),
                state: e.state,
                raw: e.raw.clone(),
                span: e.span,
                confidence: e.confidence,
                note: e.note_text(),
                notes: e.notes.clone(),
            })
        }),
    }
}

pub(super) fn to_json(review: &Review) -> String {
    let r = &review.report;
    let values = Ordered(
        TableId::ALL
            .iter()
            .map(|&t| {
                let rows = (0..t.rows().len())
                    .map(|ri| {
                        let cols = r
                            .layout
                            .cols(t, ri)
                            .iter()
                            .map(|c| {
                                let id = CellId {
                                    table: t,
                                    row: ri as u8,
                                    col: c.id,
                                };
                                let v = r.cell(id).and_then(|c| c.value.as_ref());
                                (c.id.to_string(), value_token(v))
                            })
                            .collect();
                        (t.rows()[ri].id.to_string(), Ordered(cols))
                    })
                    .collect();
                (t.id().to_string(), Ordered(rows))
            })
            .collect(),
    );
    let missing = Cell::missing(Note::NotFound);
    let cells = Ordered(
        r.layout
            .cells()
            .map(|id| {
                let cell = r.cell(id).unwrap_or(&missing);
                (id.to_string(), cell_json(cell, review.original(id)))
            })
            .collect(),
    );
    let checks = review
        .checks
        .results
        .iter()
        .map(|c| CheckJson {
            id: c.id,
            kind: c.kind(),
            status: c.status,
            rule: c.rule.clone(),
            left: c.left,
            right: c.right,
            difference: c.difference,
            left_cells: c.left_cells.clone(),
            right_cells: c.right_cells.clone(),
            message: c.message.clone(),
            span: c.span,
            acknowledged: review
                .acknowledged
                .iter()
                .find(|a| a.check == c.id)
                .map(|a| AckNote {
                    note: a.note.clone(),
                    at: a.at.clone(),
                    by: a.by.clone(),
                }),
        })
        .collect();
    let doc = Doc {
        format: FORMAT.to_string(),
        source: SourceJson {
            file_name: review.source.file_name.clone(),
            kind: review.source.kind,
            encoding: review.source.encoding.clone(),
            sha256: review.source.sha256.clone(),
            original_sha256: review.source.original_sha256.clone(),
            text: review.source.text.clone(),
        },
        report: ReportJson {
            issuer: r.issuer.clone(),
            issuer_normalized: r.issuer_normalized.clone(),
            year: r.year,
            template: r.template.id().to_string(),
            org_subtotal: r.layout.org_subtotal,
            unreadable: r.unreadable.iter().map(|t| t.id().to_string()).collect(),
            by_order: r.by_order.iter().map(|t| t.id().to_string()).collect(),
            diagnostics: r.diagnostics.clone(),
        },
        values,
        cells,
        checks,
        suggestions: review.checks.suggestions.clone(),
        edits: review
            .edits
            .iter()
            .map(|e| EditJson {
                cell: e.cell.to_string(),
                before: e.before.clone(),
                after: e.after.clone(),
                at: e.at.clone(),
                by: e.by.clone(),
            })
            .collect(),
        acknowledged: review
            .acknowledged
            .iter()
            .map(|a| AckJson {
                check: a.check.clone(),
                note: a.note.clone(),
                at: a.at.clone(),
                by: a.by.clone(),
            })
            .collect(),
    };
    let mut out = match serde_json::to_string_pretty(&doc) {
        Ok(s) => s,
        // Every field is a string, number, bool or a map with string keys.
        Err(e) => unreachable!("a review always serializes: {e}"),
    };
    out.push('\n');
    out
}

fn syntax(e: &serde_json::Error) -> LoadError {
    LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(e),
    }
}

/// serde_json's message without its own " at line L column C" suffix.
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Just enough to check the format before reading the rest.
#[derive(Deserialize)]
struct FormatOnly {
    format: Option<serde_json::Value>,
}

pub(super) fn from_json(json: &str) -> Result<Review, LoadError> {
    // Some editors save UTF-8 with a byte-order mark.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // First pass: is it JSON (serde_json refuses nesting over 128 levels
    // instead of overflowing the stack), and is it ours?
    let probe: serde_json::Value = serde_json::from_str(json).map_err(|e| syntax(&e))?;
    if !probe.is_object() {
        return Err(LoadError::NotAReview("the JSON is not an object".into()));
    }
    drop(probe);
    let format = serde_json::from_str::<FormatOnly>(json)
        .map_err(|e| syntax(&e))?
        .format;
    let format = match format {
        Some(serde_json::Value::String(f)) => f,
        Some(other) => {
            return Err(LoadError::NotAReview(format!("\"format\" is {other}")));
        }
        None => return Err(LoadError::NotAReview("there is no \"format\" field".into())),
    };
    let version = format
        .strip_prefix(FORMAT_PREFIX)
        .and_then(|v| v.parse::<u32>().ok())
        .ok_or_else(|| {
            LoadError::NotAReview(format!("\"format\" is {format:?}, not {FORMAT:?}"))
        })?;
    if version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion { found: format });
    }

    let doc: Doc = serde_json::from_str(json).map_err(|e| LoadError::Invalid {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e),
    })?;

    let found = sha256_hex(&doc.source.text);
    if found != doc.source.sha256 {
        return Err(LoadError::TextChanged {
            expected: doc.source.sha256,
            found,
        });
    }

    let layout = Layout {
        org_subtotal: doc.report.org_subtotal,
    };
    let template = TemplateVersion::from_id(&doc.report.template).ok_or_else(|| {
        LoadError::NotAReview(format!("unknown template {:?}", doc.report.template))
    })?;
    let tables = |ids: &[String]| {
        ids.iter()
            .map(|t| {
                TableId::from_id(t)
                    .ok_or_else(|| LoadError::NotAReview(format!("unknown table {t:?}")))
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let unreadable = tables(&doc.report.unreadable)?;
    let by_order = tables(&doc.report.by_order)?;

    let parse_id = |s: &str| -> Result<CellId, LoadError> {
        CellId::parse(s)
            .filter(|&id| layout.contains(id))
            .ok_or_else(|| LoadError::UnknownCell(s.to_string()))
    };

    // values: table → row → column → number or null.
    let mut values: BTreeMap<CellId, Option<Box<RawValue>>> = BTreeMap::new();
    for (t, rows) in doc.values.0 {
        for (row, cols) in rows.0 {
            for (col, v) in cols.0 {
                let id = parse_id(&format!("{t}.{row}.{col}"))?;
                values.insert(id, v);
            }
        }
    }

    let mut report = Report {
        issuer: doc.report.issuer,
        issuer_normalized: doc.report.issuer_normalized,
        year: doc.report.year,
        template,
        layout,
        cells: BTreeMap::new(),
        unreadable,
        by_order,
        diagnostics: doc.report.diagnostics,
    };
    let mut extracted_cells = BTreeMap::new();
    let mut seen = BTreeMap::new();
    for (key, cj) in doc.cells.0 {
        let id = parse_id(&key)?;
        let value = token_value(id, values.get(&id).and_then(|v| v.as_deref()))?;
        let cell = Cell {
            value,
            raw: cj.raw,
            span: cj.span,
            state: cj.state,
            confidence: confidence(cj.confidence),
            notes: notes(cj.notes, cj.note),
        };
        if let Some(e) = cj.extracted {
            let original = Cell {
                value: token_value(id, e.value.as_deref())?,
                raw: e.raw,
                span: e.span,
                state: e.state,
                confidence: confidence(e.confidence),
                notes: notes(e.notes, e.note),
            };
            extracted_cells.insert(id, original);
        }
        seen.insert(id, cell);
    }
    for id in layout.cells() {
        let cell = match seen.remove(&id) {
            Some(c) => c,
            None => {
                // No cell entry: rebuild it from the value alone.
                let value = token_value(id, values.get(&id).and_then(|v| v.as_deref()))?;
                match value {
                    Some(v) => Cell {
                        raw: v.to_string(),
                        value: Some(v),
                        state: CellState::Extracted,
                        confidence: 1.0,
                        ..Cell::default()
                    },
                    None => Cell::missing(Note::NotInSavedReview),
                }
            }
        };
        report.cells.insert(id, cell);
    }
    let mut extracted = report.clone();
    for (id, c) in extracted_cells {
        extracted.cells.insert(id, c);
    }

    let edits = doc
        .edits
        .into_iter()
        .map(|e| {
            Ok(Edit {
                cell: parse_id(&e.cell)?,
                before: e.before,
                after: e.after,
                at: e.at,
                by: e.by,
            })
        })
        .collect::<Result<Vec<_>, LoadError>>()?;
    let acknowledged = doc
        .acknowledged
        .into_iter()
        .map(|a| Acknowledgement {
            check: a.check,
            note: a.note,
            at: a.at,
            by: a.by,
        })
        .collect();
    let source = SourceInfo {
        file_name: doc.source.file_name,
        encoding: doc.source.encoding,
        sha256: doc.source.sha256,
        text: doc.source.text,
        kind: doc.source.kind,
        original_sha256: doc.source.original_sha256,
    };
    Ok(Review::assemble(
        source,
        extracted,
        report,
        edits,
        acknowledged,
    ))
}

/// A confidence read from JSON, kept to what the extractor writes: a finite
/// number in 0..=1 (a value beyond f32 reads as infinity, which would save as
/// `null` and not load again).
fn confidence(c: f32) -> f32 {
    if c.is_finite() {
        c.clamp(0.0, 1.0)
    } else {
        0.0
    }
}
