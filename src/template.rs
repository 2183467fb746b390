//! The national template (国办公开办函〔2021〕30号): its three tables, their
//! rows and columns, the stable ids, the Chinese labels and the fixed order.
//!
//! Everything else in nianbao names cells through this module, so the ids
//! never drift between extraction, checks, JSON, CLI and window.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The three tables of the 2021 template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableId {
    /// Table A — 主动公开政府信息情况.
    Active,
    /// Table B — 收到和处理政府信息公开申请情况.
    Requests,
    /// Table C — 政府信息公开行政复议、行政诉讼情况.
    Appeals,
}

impl TableId {
    /// All tables in report order.
    pub const ALL: [TableId; 3] = [TableId::Active, TableId::Requests, TableId::Appeals];

    /// The stable id used in cell ids and JSON.
    pub fn id(self) -> &'static str {
        match self {
            TableId::Active => "active",
            TableId::Requests => "requests",
            TableId::Appeals => "appeals",
        }
    }

    /// The section heading under which the table is printed.
    pub fn label(self) -> &'static str {
        match self {
            TableId::Active => "主动公开政府信息情况",
            TableId::Requests => "收到和处理政府信息公开申请情况",
            TableId::Appeals => "政府信息公开行政复议、行政诉讼情况",
        }
    }

    /// An English name, for the English UI.
    pub fn label_en(self) -> &'static str {
        match self {
            TableId::Active => "Proactive disclosure",
            TableId::Requests => "Requests received and handled",
            TableId::Appeals => "Administrative review and litigation",
        }
    }

    /// The rows of this table, in template order.
    pub fn rows(self) -> &'static [RowDef] {
        match self {
            TableId::Active => ACTIVE_ROWS,
            TableId::Requests => REQUEST_ROWS,
            TableId::Appeals => APPEAL_ROWS,
        }
    }

    /// Parses a table id.
    pub fn from_id(id: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// A column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColDef {
    /// Stable id (`natural_person`, `total`, `issued` …).
    pub id: &'static str,
    /// Canonical Chinese header.
    pub label: &'static str,
    /// English header.
    pub label_en: &'static str,
    /// What kind of number the column holds.
    pub kind: ValueKind,
}

/// What kind of number a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A non-negative integer count.
    Count,
    /// A non-negative decimal whose digits are kept exactly (the fee, in 万元).
    Decimal,
}

/// A row of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowDef {
    /// Stable id (`new_received`, `rules` …).
    pub id: &'static str,
    /// Canonical Chinese label, as printed in the template (without group prefix).
    pub label: &'static str,
    /// Other spellings seen in real reports (matched like the canonical label).
    pub variants: &'static [&'static str],
    /// English label.
    pub label_en: &'static str,
    /// The group heading(s) the row sits under, outermost first (may be empty).
    pub groups: &'static [&'static str],
    /// The columns of this row.
    pub cols: &'static [ColDef],
}

impl RowDef {
    /// The index of a column by id.
    pub fn col_index(&self, col: &str) -> Option<usize> {
        self.cols.iter().position(|c| c.id == col)
    }
}

const fn count(id: &'static str, label: &'static str, label_en: &'static str) -> ColDef {
    ColDef {
        id,
        label,
        label_en,
        kind: ValueKind::Count,
    }
}

/// Table A columns for the 第二十条第（一）项 block.
pub const STOCK_COLS: &[ColDef] = &[
    count("issued", "本年制发件数", "Issued this year"),
    count("repealed", "本年废止件数", "Repealed this year"),
    count("in_force", "现行有效件数", "In force"),
];

/// Table A column for the decisions blocks.
pub const DECISION_COLS: &[ColDef] = &[count(
    "decisions",
    "本年处理决定数量",
    "Decisions this year",
)];

/// Table A column for the fee block.
pub const FEE_COLS: &[ColDef] = &[ColDef {
    id: "amount",
    label: "本年收费金额（单位：万元）",
    label_en: "Fees this year (10,000 yuan)",
    kind: ValueKind::Decimal,
}];

/// The article blocks of table A, in order: (article label, row ids).
pub const ACTIVE_BLOCKS: &[(&str, &[&str])] = &[
    ("第二十条第（一）项", &["rules", "normative_documents"]),
    ("第二十条第（五）项", &["licensing"]),
    ("第二十条第（六）项", &["penalty", "coercion"]),
    ("第二十条第（八）项", &["fees"]),
];

const ACTIVE_ROWS: &[RowDef] = &[
    RowDef {
        id: "rules",
        label: "规章",
        variants: &[],
        label_en: "Rules",
        groups: &["第二十条第（一）项"],
        cols: STOCK_COLS,
    },
    RowDef {
        id: "normative_documents",
        label: "行政规范性文件",
        variants: &["规范性文件"],
        label_en: "Normative documents",
        groups: &["第二十条第（一）项"],
        cols: STOCK_COLS,
    },
    RowDef {
        id: "licensing",
        label: "行政许可",
        variants: &[],
        label_en: "Administrative licensing",
        groups: &["第二十条第（五）项"],
        cols: DECISION_COLS,
    },
    RowDef {
        id: "penalty",
        label: "行政处罚",
        variants: &[],
        label_en: "Administrative penalties",
        groups: &["第二十条第（六）项"],
        cols: DECISION_COLS,
    },
    RowDef {
        id: "coercion",
        label: "行政强制",
        variants: &[],
        label_en: "Administrative coercion",
        groups: &["第二十条第（六）项"],
        cols: DECISION_COLS,
    },
    RowDef {
        id: "fees",
        label: "行政事业性收费",
        variants: &[],
        label_en: "Administrative fees",
        groups: &["第二十条第（八）项"],
        cols: FEE_COLS,
    },
];

/// Table B's six applicant columns, in order (the start of both column
/// lists below).
macro_rules! applicant_cols {
    ($($rest:expr),*) => {
        &[
            count("natural_person", "自然人", "Natural persons"),
            count("commercial", "商业企业", "Businesses"),
            count("research", "科研机构", "Research institutions"),
            count("social_welfare", "社会公益组织", "Public-interest organisations"),
            count("legal_services", "法律服务机构", "Legal service providers"),
            count("other_org", "其他", "Other organisations"),
            $($rest),*
        ]
    };
}

/// The six applicant columns of table B plus the total (no 小计).
pub const REQUEST_COLS: &[ColDef] = applicant_cols!(count("total", "总计", "Total"));

/// Table B columns when the report prints the 法人或其他组织小计 column.
pub const REQUEST_COLS_WITH_SUBTOTAL: &[ColDef] = applicant_cols!(
    count("org_subtotal", "小计", "Organisations subtotal"),
    count("total", "总计", "Total")
);

/// The id of the optional 小计 column of table B.
pub const ORG_SUBTOTAL: &str = "org_subtotal";

/// The five organisation columns of table B (under 法人或其他组织).
pub const ORG_COLS: [&str; 5] = [
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
];

/// The six applicant columns whose sum is `total`.
pub const APPLICANT_COLS: [&str; 6] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
];

const G3: &str = "三、本年度办理结果";

const fn req(
    id: &'static str,
    label: &'static str,
    variants: &'static [&'static str],
    label_en: &'static str,
    groups: &'static [&'static str],
) -> RowDef {
    RowDef {
        id,
        label,
        variants,
        label_en,
        groups,
        cols: REQUEST_COLS,
    }
}

const REQUEST_ROWS: &[RowDef] = &[
    req(
        "new_received",
        "一、本年新收政府信息公开申请数量",
        &[],
        "I. New requests this year",
        &[],
    ),
    req(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        &[],
        "II. Carried over from last year",
        &[],
    ),
    req("disclosed", "（一）予以公开", &[], "(1) Disclosed", &[G3]),
    req(
        "partly_disclosed",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        &["（二）部分公开"],
        "(2) Partly disclosed",
        &[G3],
    ),
    req(
        "withheld_state_secret",
        "1.属于国家秘密",
        &[],
        "State secret",
        &[G3, "（三）不予公开"],
    ),
    req(
        "withheld_prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        &[],
        "Prohibited by other laws",
        &[G3, "（三）不予公开"],
    ),
    req(
        "withheld_three_safeties",
        "3.危及“三安全一稳定”",
        &["3.危及三安全一稳定"],
        "Endangers the three safeties and stability",
        &[G3, "（三）不予公开"],
    ),
    req(
        "withheld_third_party",
        "4.保护第三方合法权益",
        &[],
        "Protects third-party rights",
        &[G3, "（三）不予公开"],
    ),
    req(
        "withheld_internal_affairs",
        "5.属于三类内部事务信息",
        &[],
        "Internal affairs",
        &[G3, "（三）不予公开"],
    ),
    req(
        "withheld_process_info",
        "6.属于四类过程性信息",
        &[],
        "Process information",
        &[G3, "（三）不予公开"],
    ),
    req(
        "withheld_enforcement_files",
        "7.属于行政执法案卷",
        &[],
        "Enforcement files",
        &[G3, "（三）不予公开"],
    ),
    req(
        "withheld_query_matters",
        "8.属于行政查询事项",
        &["8.属于行政查询事务"],
        "Administrative query matters",
        &[G3, "（三）不予公开"],
    ),
    req(
        "unable_not_held",
        "1.本机关不掌握相关政府信息",
        &[],
        "Not held by this body",
        &[G3, "（四）无法提供"],
    ),
    req(
        "unable_needs_creation",
        "2.没有现成信息需要另行制作",
        &[],
        "Would need to be created",
        &[G3, "（四）无法提供"],
    ),
    req(
        "unable_unclear",
        "3.补正后申请内容仍不明确",
        &[],
        "Still unclear after correction",
        &[G3, "（四）无法提供"],
    ),
    req(
        "rejected_petition",
        "1.信访举报投诉类申请",
        &[],
        "Petitions and complaints",
        &[G3, "（五）不予处理"],
    ),
    req(
        "rejected_duplicate",
        "2.重复申请",
        &[],
        "Duplicate requests",
        &[G3, "（五）不予处理"],
    ),
    req(
        "rejected_publication",
        "3.要求提供公开出版物",
        &[],
        "Asks for publications",
        &[G3, "（五）不予处理"],
    ),
    req(
        "rejected_excessive",
        "4.无正当理由大量反复申请",
        &[],
        "Excessive repeated requests",
        &[G3, "（五）不予处理"],
    ),
    req(
        "rejected_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        &[],
        "Asks to confirm or reissue information",
        &[G3, "（五）不予处理"],
    ),
    req(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        &["1.申请人无正当理由逾期不补正"],
        "No correction in time",
        &[G3, "（六）其他处理"],
    ),
    req(
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        &["2.申请人逾期未按收费通知要求缴纳费用"],
        "Fee not paid in time",
        &[G3, "（六）其他处理"],
    ),
    req(
        "other_other",
        "3.其他",
        &[],
        "Other",
        &[G3, "（六）其他处理"],
    ),
    req(
        "outcome_total",
        "（七）总计",
        &["（七）合计"],
        "(7) Total handled",
        &[G3],
    ),
    req(
        "carried_forward",
        "四、结转下年度继续办理",
        &[],
        "IV. Carried forward to next year",
        &[],
    ),
];

/// The five columns of each table C group.
pub const APPEAL_COLS: &[ColDef] = &[
    count("upheld", "结果维持", "Upheld"),
    count("corrected", "结果纠正", "Corrected"),
    count("other", "其他结果", "Other result"),
    count("pending", "尚未审结", "Pending"),
    count("total", "总计", "Total"),
];

const APPEAL_ROWS: &[RowDef] = &[
    RowDef {
        id: "review",
        label: "行政复议",
        variants: &[],
        label_en: "Administrative review",
        groups: &[],
        cols: APPEAL_COLS,
    },
    RowDef {
        id: "litigation_direct",
        label: "未经复议直接起诉",
        variants: &[],
        label_en: "Lawsuit without prior review",
        groups: &["行政诉讼"],
        cols: APPEAL_COLS,
    },
    RowDef {
        id: "litigation_after_review",
        label: "复议后起诉",
        variants: &[],
        label_en: "Lawsuit after review",
        groups: &["行政诉讼"],
        cols: APPEAL_COLS,
    },
];

/// The ids of the 21 outcome rows (`disclosed` … `other_other`).
pub fn outcome_rows() -> &'static [RowDef] {
    &REQUEST_ROWS[2..23]
}

/// Which template a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TemplateVersion {
    /// 国办公开办函〔2021〕30号, used from the 2021 reports on.
    #[default]
    V2021,
    /// 国办公开办函〔2019〕60号 (2019 and 2020 reports): recognised, not checked.
    V2019,
    /// No report tables were found.
    Unknown,
}

impl TemplateVersion {
    /// The id written to JSON ("2021", "2019", "unknown").
    pub fn id(self) -> &'static str {
        match self {
            TemplateVersion::V2021 => "2021",
            TemplateVersion::V2019 => "2019",
            TemplateVersion::Unknown => "unknown",
        }
    }

    /// Parses the JSON id.
    pub fn from_id(s: &str) -> Option<Self> {
        match s {
            "2021" => Some(TemplateVersion::V2021),
            "2019" => Some(TemplateVersion::V2019),
            "unknown" => Some(TemplateVersion::Unknown),
            _ => None,
        }
    }
}

/// A cell's stable address: table, row and column, by index into the template.
///
/// Column indices refer to the row's column list *as the report has it*: for
/// table B that is [`REQUEST_COLS`] or [`REQUEST_COLS_WITH_SUBTOTAL`], so use
/// [`Layout`] to enumerate and resolve cells rather than raw indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId {
    /// The table.
    pub table: TableId,
    /// Row index into `table.rows()`.
    pub row: u8,
    /// Column id (static, from the template).
    pub col: &'static str,
}

impl CellId {
    /// The row definition.
    pub fn row_def(&self) -> &'static RowDef {
        &self.table.rows()[self.row as usize]
    }

    /// The row id.
    pub fn row_id(&self) -> &'static str {
        self.row_def().id
    }

    /// The column definition (looked up in the full column set of the table).
    pub fn col_def(&self) -> &'static ColDef {
        let cols = match self.table {
            TableId::Requests => REQUEST_COLS_WITH_SUBTOTAL,
            _ => self.row_def().cols,
        };
        cols.iter()
            .find(|c| c.id == self.col)
            .unwrap_or(&self.row_def().cols[0])
    }

    /// Builds a cell id from row and column ids, if both exist in the template.
    pub fn new(table: TableId, row: &str, col: &str) -> Option<CellId> {
        let r = table.rows().iter().position(|r| r.id == row)?;
        let cols = match table {
            TableId::Requests => REQUEST_COLS_WITH_SUBTOTAL,
            _ => table.rows()[r].cols,
        };
        let c = cols.iter().find(|c| c.id == col)?;
        Some(CellId {
            table,
            row: r as u8,
            col: c.id,
        })
    }

    /// Parses `table.row.column`.
    pub fn parse(s: &str) -> Option<CellId> {
        let mut it = s.split('.');
        let (t, r, c) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() {
            return None;
        }
        CellId::new(TableId::from_id(t)?, r, c)
    }

    /// A human label: row label · column label (Chinese).
    pub fn label(&self) -> String {
        format!("{} · {}", self.row_def().label, self.col_def().label)
    }

    /// A human label in English.
    pub fn label_en(&self) -> String {
        format!("{} · {}", self.row_def().label_en, self.col_def().label_en)
    }
}

impl fmt::Display for CellId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.table.id(), self.row_id(), self.col)
    }
}

/// A string that names no cell of the template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown cell id {0:?}")]
pub struct UnknownCellId(pub String);

impl std::str::FromStr for CellId {
    type Err = UnknownCellId;

    fn from_str(s: &str) -> Result<CellId, UnknownCellId> {
        CellId::parse(s).ok_or_else(|| UnknownCellId(s.to_string()))
    }
}

/// Implements serde for an id type as its string: serialized through
/// `Display`, deserialized through `FromStr` (whose error becomes serde's).
/// Every id of the JSON formats (cells, checks) is written this way.
macro_rules! serde_as_str {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_as_str;

serde_as_str!(CellId);

/// The shape of one report's grid: the template plus whether table B has the
/// optional 小计 column. Enumerates the report's cells in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    /// Whether table B prints the 法人或其他组织小计 column.
    pub org_subtotal: bool,
}

impl Layout {
    /// The columns of a row as this report has them.
    pub fn cols(&self, table: TableId, row: usize) -> &'static [ColDef] {
        match (table, self.org_subtotal) {
            (TableId::Requests, true) => REQUEST_COLS_WITH_SUBTOTAL,
            _ => table.rows()[row].cols,
        }
    }

    /// Every cell of the report, table by table, row by row, column by column.
    pub fn cells(&self) -> impl Iterator<Item = CellId> + '_ {
        TableId::ALL.into_iter().flat_map(move |t| {
            (0..t.rows().len()).flat_map(move |r| {
                self.cols(t, r).iter().map(move |c| CellId {
                    table: t,
                    row: r as u8,
                    col: c.id,
                })
            })
        })
    }

    /// The number of cells (200, or 225 with 小计).
    pub fn cell_count(&self) -> usize {
        self.cells().count()
    }

    /// Whether the cell belongs to this layout.
    pub fn contains(&self, id: CellId) -> bool {
        id.col != ORG_SUBTOTAL || self.org_subtotal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_the_spec() {
        assert_eq!(TableId::Active.rows().len(), 6);
        assert_eq!(TableId::Requests.rows().len(), 25);
        assert_eq!(TableId::Appeals.rows().len(), 3);
        assert_eq!(outcome_rows().len(), 21);
        assert_eq!(outcome_rows()[0].id, "disclosed");
        assert_eq!(outcome_rows()[20].id, "other_other");
        assert_eq!(Layout::default().cell_count(), 200);
        assert_eq!(Layout { org_subtotal: true }.cell_count(), 225);
    }

    #[test]
    fn ids_round_trip() {
        for id in (Layout { org_subtotal: true }).cells() {
            let s = id.to_string();
            assert_eq!(CellId::parse(&s), Some(id), "{s}");
        }
        assert_eq!(
            CellId::parse("requests.new_received.total").map(|c| c.to_string()),
            Some("requests.new_received.total".to_string())
        );
        assert_eq!(
            CellId::parse("active.fees.amount").map(|c| c.col_def().kind),
            Some(ValueKind::Decimal)
        );
        assert!(CellId::parse("requests.nope.total").is_none());
        assert!(CellId::parse("requests.new_received").is_none());
        assert!(CellId::parse("active.rules.total").is_none());
    }
}
