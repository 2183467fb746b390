//! Check ids: which family a check belongs to and the row, column, group or
//! table it is about, parsed from and written as the stable strings of spec
//! §6 (`requests.row_total.disclosed`, `narrative.handled`,
//! `cross_year.carry.total` …) in exactly one place each.
//!
//! A check this nianbao computes always has a [`CheckId`]. What a saved
//! review or journal says was acknowledged is a [`SavedCheckId`]: it may name
//! a check only a newer nianbao knows (the format stays `nianbao-review/1`
//! when a check is added), and a person's note must not be lost by loading
//! and saving the file here, so such an id is kept as written.

use std::fmt;
use std::str::FromStr;

use crate::template::{
    ColDef, REQUEST_COLS, REQUEST_COLS_WITH_SUBTOTAL, RowDef, TableId, serde_as_str,
};

use super::CheckKind;

/// A check's stable id: its family and what it is about. Row, column and
/// group names are the template's own ids (`&'static str` from
/// [`crate::template`]); build ids with the constructors or by parsing, which
/// only accept names the template has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckId {
    /// `requests.row_total.<row>`: a table B row's total.
    RowTotal {
        /// A table B row id.
        row: &'static str,
    },
    /// `requests.outcome_total.<col>`: a table B column's outcome total.
    OutcomeTotal {
        /// A table B column id (not the 小计).
        col: &'static str,
    },
    /// `requests.balance.<col>`: the 勾稽关系 of a table B column.
    Balance {
        /// A table B column id (not the 小计).
        col: &'static str,
    },
    /// `appeals.total.<group>`: a table C group's total.
    AppealTotal {
        /// A table C row (group) id.
        group: &'static str,
    },
    /// `requests.org_subtotal.<row>`: the 小计 of a table B row.
    OrgSubtotal {
        /// A table B row id.
        row: &'static str,
    },
    /// `narrative.<figure>`: section 一 against the tables.
    Narrative(Narrative),
    /// `cross_year.…`: this report against last year's.
    CrossYear(CrossYear),
}

/// The figures section 一 states that the narrative checks compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Narrative {
    /// `narrative.received`: "收到/受理…申请N件".
    Received,
    /// `narrative.handled`: "共办理…申请N件".
    Handled,
    /// `narrative.disclosed`: "申请N件…予以公开".
    Disclosed,
    /// `narrative.concluded`: "办结N件".
    Concluded,
    /// `narrative.carried_forward`: "结转下年度N件".
    CarriedForward,
    /// `narrative.carried_over`: "上年度结转N件".
    CarriedOver,
    /// `narrative.review`: "行政复议N件".
    Review,
    /// `narrative.litigation`: "行政诉讼N件".
    Litigation,
    /// `narrative.no_requests`: "未收到…申请".
    NoRequests,
    /// `narrative.no_appeals`: "未发生行政复议、行政诉讼".
    NoAppeals,
}

impl Narrative {
    /// Every narrative check, in the order of [`Narrative`].
    pub const ALL: [Narrative; 10] = [
        Narrative::Received,
        Narrative::Handled,
        Narrative::Disclosed,
        Narrative::Concluded,
        Narrative::CarriedForward,
        Narrative::CarriedOver,
        Narrative::Review,
        Narrative::Litigation,
        Narrative::NoRequests,
        Narrative::NoAppeals,
    ];

    /// The part of the id after `narrative.`.
    pub fn id(self) -> &'static str {
        match self {
            Narrative::Received => "received",
            Narrative::Handled => "handled",
            Narrative::Disclosed => "disclosed",
            Narrative::Concluded => "concluded",
            Narrative::CarriedForward => "carried_forward",
            Narrative::CarriedOver => "carried_over",
            Narrative::Review => "review",
            Narrative::Litigation => "litigation",
            Narrative::NoRequests => "no_requests",
            Narrative::NoAppeals => "no_appeals",
        }
    }
}

/// The checks between one report and the same issuer's report of the year
/// before ([`crate::cross_year`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CrossYear {
    /// `cross_year.carry.<col>`: 二、上年结转 = last year's 四、结转下年度继续办理.
    Carry {
        /// A table B column id (the 小计 included).
        col: &'static str,
    },
    /// `cross_year.stock.<row>`: 现行有效 carried from last year.
    Stock {
        /// A table A row with issued / repealed / in force columns.
        row: &'static str,
    },
    /// `cross_year.copied.<table>`: a table identical to last year's.
    Copied(TableId),
    /// `cross_year.issuer_variant`: an issuer name one character from another.
    IssuerVariant,
    /// `cross_year.ambiguous`: too many reports of the issuer for last year.
    Ambiguous,
}

/// A string that is not the id of any check this nianbao computes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown check id {0:?}")]
pub struct UnknownCheckId(pub String);

/// A row id of `rows` as the template's own `&'static str`.
fn row_in(rows: &'static [RowDef], id: &str) -> Option<&'static str> {
    rows.iter().find(|r| r.id == id).map(|r| r.id)
}

/// A table B column id (with or without the 小计) as the template's own.
fn col_in(cols: &'static [ColDef], id: &str) -> Option<&'static str> {
    cols.iter().find(|c| c.id == id).map(|c| c.id)
}

/// The table A rows whose stock carries from year to year.
fn stock_rows() -> impl Iterator<Item = &'static RowDef> {
    TableId::Active
        .rows()
        .iter()
        .filter(|r| r.cols.iter().any(|c| c.id == "in_force"))
}

impl CheckId {
    /// The family, as the window groups and the JSON names it.
    pub fn kind(self) -> CheckKind {
        match self {
            CheckId::RowTotal { .. } => CheckKind::RowTotal,
            CheckId::OutcomeTotal { .. } => CheckKind::OutcomeTotal,
            CheckId::Balance { .. } => CheckKind::Balance,
            CheckId::AppealTotal { .. } => CheckKind::AppealTotal,
            CheckId::OrgSubtotal { .. } => CheckKind::OrgSubtotal,
            CheckId::Narrative(_) => CheckKind::Narrative,
            CheckId::CrossYear(_) => CheckKind::CrossYear,
        }
    }

    /// Whether this is a cross-year check (computed between files,
    /// acknowledged in the review of the later year).
    pub fn is_cross_year(self) -> bool {
        matches!(self, CheckId::CrossYear(_))
    }

    /// Every id the checks of this nianbao can produce, in spec order
    /// (template checks, narrative, cross-year).
    pub fn all() -> impl Iterator<Item = CheckId> {
        let rows = TableId::Requests.rows();
        let row_totals = rows.iter().map(|r| CheckId::RowTotal { row: r.id });
        let outcome = REQUEST_COLS
            .iter()
            .map(|c| CheckId::OutcomeTotal { col: c.id });
        let balance = REQUEST_COLS.iter().map(|c| CheckId::Balance { col: c.id });
        let appeals = TableId::Appeals
            .rows()
            .iter()
            .map(|g| CheckId::AppealTotal { group: g.id });
        let subtotals = rows.iter().map(|r| CheckId::OrgSubtotal { row: r.id });
        let narrative = Narrative::ALL.into_iter().map(CheckId::Narrative);
        let carry = REQUEST_COLS_WITH_SUBTOTAL
            .iter()
            .map(|c| CrossYear::Carry { col: c.id });
        let stock = stock_rows().map(|r| CrossYear::Stock { row: r.id });
        let copied = TableId::ALL.into_iter().map(CrossYear::Copied);
        let cross = carry
            .chain(stock)
            .chain(copied)
            .chain([CrossYear::IssuerVariant, CrossYear::Ambiguous])
            .map(CheckId::CrossYear);
        row_totals
            .chain(outcome)
            .chain(balance)
            .chain(appeals)
            .chain(subtotals)
            .chain(narrative)
            .chain(cross)
    }
}

impl FromStr for CheckId {
    type Err = UnknownCheckId;

    fn from_str(s: &str) -> Result<CheckId, UnknownCheckId> {
        let requests = TableId::Requests.rows();
        let mut parts = s.splitn(3, '.');
        let id = match (parts.next(), parts.next(), parts.next()) {
            (Some("requests"), Some("row_total"), Some(r)) => {
                row_in(requests, r).map(|row| CheckId::RowTotal { row })
            }
            (Some("requests"), Some("outcome_total"), Some(c)) => {
                col_in(REQUEST_COLS, c).map(|col| CheckId::OutcomeTotal { col })
            }
            (Some("requests"), Some("balance"), Some(c)) => {
                col_in(REQUEST_COLS, c).map(|col| CheckId::Balance { col })
            }
            (Some("requests"), Some("org_subtotal"), Some(r)) => {
                row_in(requests, r).map(|row| CheckId::OrgSubtotal { row })
            }
            (Some("appeals"), Some("total"), Some(g)) => {
                row_in(TableId::Appeals.rows(), g).map(|group| CheckId::AppealTotal { group })
            }
            (Some("narrative"), Some(n), None) => Narrative::ALL
                .into_iter()
                .find(|x| x.id() == n)
                .map(CheckId::Narrative),
            (Some("cross_year"), Some(what), rest) => match (what, rest) {
                ("carry", Some(c)) => {
                    col_in(REQUEST_COLS_WITH_SUBTOTAL, c).map(|col| CrossYear::Carry { col })
                }
                ("stock", Some(r)) => stock_rows()
                    .find(|x| x.id == r)
                    .map(|x| CrossYear::Stock { row: x.id }),
                ("copied", Some(t)) => TableId::from_id(t).map(CrossYear::Copied),
                ("issuer_variant", None) => Some(CrossYear::IssuerVariant),
                ("ambiguous", None) => Some(CrossYear::Ambiguous),
                _ => None,
            }
            .map(CheckId::CrossYear),
            _ => None,
        };
        id.ok_or_else(|| UnknownCheckId(s.to_string()))
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (family, part) = match *self {
            CheckId::RowTotal { row } => ("requests.row_total.", row),
            CheckId::OutcomeTotal { col } => ("requests.outcome_total.", col),
            CheckId::Balance { col } => ("requests.balance.", col),
            CheckId::AppealTotal { group } => ("appeals.total.", group),
            CheckId::OrgSubtotal { row } => ("requests.org_subtotal.", row),
            CheckId::Narrative(n) => ("narrative.", n.id()),
            CheckId::CrossYear(c) => match c {
                CrossYear::Carry { col } => ("cross_year.carry.", col),
                CrossYear::Stock { row } => ("cross_year.stock.", row),
                CrossYear::Copied(t) => ("cross_year.copied.", t.id()),
                CrossYear::IssuerVariant => ("cross_year.", "issuer_variant"),
                CrossYear::Ambiguous => ("cross_year.", "ambiguous"),
            },
        };
        f.write_str(family)?;
        f.write_str(part)
    }
}

serde_as_str!(CheckId);

/// A check id as a saved review or journal holds it: one this nianbao
/// computes, or one it does not know (a newer nianbao's), kept as written so
/// that saving the file again writes it back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SavedCheckId {
    /// A check this nianbao computes.
    Known(CheckId),
    /// An id this nianbao does not know, as written.
    Unknown(Box<str>),
}

impl SavedCheckId {
    /// The check, when this nianbao knows it.
    pub fn known(&self) -> Option<CheckId> {
        match self {
            SavedCheckId::Known(id) => Some(*id),
            SavedCheckId::Unknown(_) => None,
        }
    }
}

impl From<CheckId> for SavedCheckId {
    fn from(id: CheckId) -> SavedCheckId {
        SavedCheckId::Known(id)
    }
}

impl From<&str> for SavedCheckId {
    fn from(s: &str) -> SavedCheckId {
        match s.parse() {
            Ok(id) => SavedCheckId::Known(id),
            Err(UnknownCheckId(s)) => SavedCheckId::Unknown(s.into()),
        }
    }
}

impl FromStr for SavedCheckId {
    /// Every string is a saved check id.
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<SavedCheckId, Self::Err> {
        Ok(SavedCheckId::from(s))
    }
}

impl PartialEq<CheckId> for SavedCheckId {
    fn eq(&self, other: &CheckId) -> bool {
        self.known() == Some(*other)
    }
}

impl PartialEq<SavedCheckId> for CheckId {
    fn eq(&self, other: &SavedCheckId) -> bool {
        other == self
    }
}

impl fmt::Display for SavedCheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SavedCheckId::Known(id) => id.fmt(f),
            SavedCheckId::Unknown(s) => f.write_str(s),
        }
    }
}

serde_as_str!(SavedCheckId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_round_trips_through_its_string() {
        let all: Vec<CheckId> = CheckId::all().collect();
        // 25 row totals, 7 + 7 column checks, 3 appeal totals, 25 subtotals,
        // 10 narrative, 8 carries, 2 stocks, 3 copied tables, 2 more.
        assert_eq!(all.len(), 25 + 7 + 7 + 3 + 25 + 10 + 8 + 2 + 3 + 2);
        let unique: std::collections::HashSet<String> =
            all.iter().map(ToString::to_string).collect();
        assert_eq!(unique.len(), all.len());
        for id in all {
            let s = id.to_string();
            assert_eq!(s.parse::<CheckId>(), Ok(id), "{s}");
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<CheckId>(&json).unwrap(), id);
            assert_eq!(SavedCheckId::from(s.as_str()), SavedCheckId::Known(id));
        }
    }

    #[test]
    fn the_spec_examples_parse_to_their_family() {
        let id = |s: &str| s.parse::<CheckId>().unwrap();
        assert_eq!(
            id("requests.row_total.disclosed"),
            CheckId::RowTotal { row: "disclosed" }
        );
        assert_eq!(
            id("requests.balance.total"),
            CheckId::Balance { col: "total" }
        );
        assert_eq!(
            id("appeals.total.litigation_direct").kind(),
            CheckKind::AppealTotal
        );
        assert_eq!(
            id("narrative.no_appeals"),
            CheckId::Narrative(Narrative::NoAppeals)
        );
        assert_eq!(
            id("cross_year.carry.org_subtotal"),
            CheckId::CrossYear(CrossYear::Carry {
                col: "org_subtotal"
            })
        );
        assert!(id("cross_year.copied.appeals").is_cross_year());
        assert!(!id("requests.outcome_total.research").is_cross_year());
    }

    #[test]
    fn unknown_ids_are_errors_but_saved_ones_are_kept_as_written() {
        for s in [
            "",
            "no.such.check",
            "requests.row_total",
            "requests.row_total.nope",
            // The 小计 has no outcome total or balance of its own.
            "requests.outcome_total.org_subtotal",
            "requests.balance.org_subtotal",
            "appeals.total.review.total",
            "narrative",
            "narrative.handled.total",
            "narrative.fees",
            "cross_year.stock.licensing",
            "cross_year.copied.nope",
            "cross_year.ambiguous.x",
            "Requests.row_total.disclosed",
        ] {
            assert_eq!(
                s.parse::<CheckId>(),
                Err(UnknownCheckId(s.to_string())),
                "{s}"
            );
            assert!(serde_json::from_str::<CheckId>(&format!("\"{s}\"")).is_err());
            let saved: SavedCheckId = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(saved, SavedCheckId::Unknown(s.into()));
            assert_eq!(saved.known(), None);
            assert_eq!(serde_json::to_string(&saved).unwrap(), format!("\"{s}\""));
        }
    }

    #[test]
    fn a_saved_id_equals_the_check_it_names() {
        let id: CheckId = "appeals.total.review".parse().unwrap();
        let saved = SavedCheckId::from("appeals.total.review");
        assert_eq!(saved, id);
        assert_eq!(id, saved);
        assert!(SavedCheckId::from("appeals.total.nope") != id);
        assert_eq!(saved.to_string(), "appeals.total.review");
    }
}
