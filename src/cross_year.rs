//! Checks across years: the same issuer's reports for consecutive years must
//! agree where the template links them.
//!
//! - `cross_year.carry.<col>`: this year's 二、上年结转 = last year's
//!   四、结转下年度继续办理, column by column (fail / incomplete / pass);
//! - `cross_year.stock.<row>` (warning): 现行有效 = last year's 现行有效 +
//!   本年制发 − 本年废止, for 规章 and 行政规范性文件;
//! - `cross_year.copied.<table>` (warning): a table identical to last year's;
//! - `cross_year.issuer_variant` (warning): an issuer name one character
//!   away from another one in the folder, never in the same year (likely an
//!   OCR variant of it).
//!
//! Reports are grouped by [`issuer_key`] (沭阳县人民政府 and 沭阳县 match),
//! and a key written with its parent city or province joins the shorter key
//! of the same body when the folder has it (某市某区 and 某区).
//!
//! Pure functions over [`Figures`], the few numbers of a report these checks
//! read, so a folder of thousands of reports needs not keep every report.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use crate::checks::{CheckId, CheckResult, CheckStatus, CrossYear};
use crate::report::Report;
use crate::template::{CellId, ORG_SUBTOTAL, REQUEST_COLS_WITH_SUBTOTAL, TableId, TemplateVersion};

/// Suffixes that name the same body: 沭阳县人民政府 and 沭阳县 match.
const ISSUER_SUFFIXES: [&str; 3] = ["办公室", "人民政府", "政府"];

/// The rows of table A whose stock carries from year to year.
const STOCK_ROWS: [&str; 2] = ["rules", "normative_documents"];

/// An issuer name reduced to what identifies the body: full-width letters and
/// digits folded, everything but letters and digits dropped (spaces, OCR
/// specks, punctuation), the 人民政府 / 政府 / 办公室 suffixes removed.
pub fn issuer_key(name: &str) -> String {
    let mut key: String = name
        .chars()
        .map(fold_full_width)
        .filter(|c| c.is_alphanumeric())
        .collect();
    while let Some(rest) = ISSUER_SUFFIXES
        .iter()
        .find_map(|s| key.strip_suffix(s).filter(|r| !r.is_empty()))
    {
        key = rest.to_string();
    }
    key
}

fn fold_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The numbers of one report that the cross-year checks read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// 二、上年结转 per table B column (with 小计 when the report has it).
    pub carried_over: Vec<(&'static str, Option<u64>)>,
    /// 四、结转下年度继续办理 per table B column.
    pub carried_forward: Vec<(&'static str, Option<u64>)>,
    /// (row, issued, repealed, in_force) for 规章 and 行政规范性文件.
    pub stock: Vec<(&'static str, [Option<u64>; 3])>,
    /// A fingerprint of each table's cells (values and states), when the
    /// table holds at least one non-zero value; `None` otherwise (an empty
    /// or all-zero table repeated is no sign of copying).
    pub tables: [Option<u64>; 3],
}

impl Figures {
    /// The figures of a report; `None` unless it follows the 2021 template.
    pub fn of(report: &Report) -> Option<Figures> {
        if report.template != TemplateVersion::V2021 {
            return None;
        }
        let row = |row: &str| -> Vec<(&'static str, Option<u64>)> {
            REQUEST_COLS_WITH_SUBTOTAL
                .iter()
                .filter(|c| c.id != ORG_SUBTOTAL || report.layout.org_subtotal)
                .map(|c| {
                    let value =
                        CellId::new(TableId::Requests, row, c.id).and_then(|id| report.count(id));
                    (c.id, value)
                })
                .collect()
        };
        let stock = STOCK_ROWS
            .iter()
            .map(|&r| {
                let v = |col: &str| {
                    CellId::new(TableId::Active, r, col).and_then(|id| report.count(id))
                };
                (r, [v("issued"), v("repealed"), v("in_force")])
            })
            .collect();
        Some(Figures {
            carried_over: row("carried_over"),
            carried_forward: row("carried_forward"),
            stock,
            tables: TableId::ALL.map(|t| table_fingerprint(report, t)),
        })
    }
}

fn table_fingerprint(report: &Report, table: TableId) -> Option<u64> {
    let mut hasher = DefaultHasher::new();
    let mut any_non_zero = false;
    for (id, cell) in report.cells.range(
        CellId {
            table,
            row: 0,
            col: "",
        }..,
    ) {
        if id.table != table {
            break;
        }
        if id.col == ORG_SUBTOTAL {
            continue;
        }
        id.to_string().hash(&mut hasher);
        match &cell.value {
            Some(v) => {
                any_non_zero |= v.as_count().is_none_or(|n| n != 0);
                v.to_string().hash(&mut hasher);
            }
            None => cell.state.id().hash(&mut hasher),
        }
    }
    any_non_zero.then(|| hasher.finish())
}

/// One report as the cross-year checks see it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// How the report is named in messages (e.g. its path in the folder).
    pub file: &'a str,
    /// The issuer as written (for messages).
    pub issuer: Option<&'a str>,
    /// [`issuer_key`] of the issuer.
    pub key: Option<&'a str>,
    /// The report year.
    pub year: Option<u16>,
    /// Its figures (`None`: not a 2021-template report, or unreadable).
    pub figures: Option<&'a Figures>,
}

/// Runs every cross-year check over a folder's reports; returns, per entry,
/// the results attached to it (the later year's report carries them).
pub fn check<'a>(entries: &[Entry<'a>]) -> Vec<Vec<CheckResult>> {
    let mut out = vec![Vec::new(); entries.len()];
    let groups = group_keys(entries.iter().filter_map(|e| e.key));
    let group = |key: &'a str| groups.get(key).copied().unwrap_or(key);
    let mut by_key_year: HashMap<(&str, u16), Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let (Some(key), Some(year)) = (e.key, e.year) {
            by_key_year.entry((group(key), year)).or_default().push(i);
        }
    }
    for (i, e) in entries.iter().enumerate() {
        let (Some(key), Some(year), Some(now)) = (e.key.map(group), e.year, e.figures) else {
            continue;
        };
        let Some(previous) = year.checked_sub(1).and_then(|y| by_key_year.get(&(key, y))) else {
            continue;
        };
        if previous.len() > MAX_PREVIOUS {
            out[i].push(too_many_previous(e, previous.len(), year - 1));
            continue;
        }
        for &p in previous {
            let last = &entries[p];
            let Some(then) = last.figures else {
                continue;
            };
            out[i].extend(carry(e, now, last, then));
            out[i].extend(stock(e, now, last, then));
            out[i].extend(copied(e, now, last, then));
        }
    }
    for (i, result) in issuer_variants(entries) {
        out[i].push(result);
    }
    out
}

/// How many reports of one issuer for the previous year a report is compared
/// with. More than that is no longer one body's yearly report (a folder of
/// copies, say): comparing each with each would grow with the square of the
/// folder, so the report gets one warning instead.
const MAX_PREVIOUS: usize = 4;

fn too_many_previous(e: &Entry<'_>, n: usize, year: u16) -> CheckResult {
    result(
        CrossYear::Ambiguous,
        CheckStatus::Warning,
        "one report per issuer and year",
        Vec::new(),
        (None, None),
        format!(
            "{n} reports of {} for {year} in this folder: cross-year checks compare with at most {MAX_PREVIOUS}; check by hand which one is last year's",
            e.issuer.unwrap_or("?")
        ),
    )
}

/// Where a key's prefix ends in an administrative level, the body below it
/// is named by what follows (某市某区 and 某区 are one district).
const PARENT_LEVELS: [&str; 6] = ["自治区", "地区", "省", "市", "州", "盟"];

/// Maps keys written with their parent areas to the shorter key of the same
/// body found in the folder (某市某区 → 某区 when 某区 is there), as
/// long as that is not ambiguous: two different bodies (南京市鼓楼区 and
/// 福州市鼓楼区) both shortening to 鼓楼区 merge with neither.
fn group_keys<'a>(keys: impl Iterator<Item = &'a str>) -> HashMap<&'a str, &'a str> {
    let keys: BTreeSet<&str> = keys.collect();
    let mut shortest: HashMap<&str, &str> = HashMap::new();
    for &key in &keys {
        let found = key
            .char_indices()
            .filter(|&(i, _)| i > 0 && PARENT_LEVELS.iter().any(|level| key[..i].ends_with(level)))
            .map(|(i, _)| &key[i..])
            .filter(|rest| rest.chars().count() >= 2)
            .filter_map(|rest| keys.get(rest).copied())
            .next_back();
        if let Some(short) = found {
            shortest.insert(key, short);
        }
    }
    let mut by_short: HashMap<&str, Vec<&str>> = HashMap::new();
    for (&long, &short) in &shortest {
        by_short.entry(short).or_default().push(long);
    }
    shortest.retain(|_, short| {
        let longs = &by_short[short];
        longs
            .iter()
            .all(|a| longs.iter().all(|b| a.ends_with(b) || b.ends_with(a)))
    });
    shortest
}

fn result(
    id: CrossYear,
    status: CheckStatus,
    rule: &str,
    left_cells: Vec<CellId>,
    (left, right): (Option<u64>, Option<u64>),
    message: String,
) -> CheckResult {
    let difference = match (left, right) {
        (Some(l), Some(r)) => i64::try_from(l)
            .ok()
            .zip(i64::try_from(r).ok())
            .map(|(l, r)| l - r),
        _ => None,
    };
    CheckResult {
        id: CheckId::CrossYear(id),
        status,
        rule: rule.to_string(),
        left_cells,
        right_cells: Vec::new(),
        left,
        right,
        difference,
        message,
        span: None,
    }
}

fn show(v: Option<u64>) -> String {
    v.map_or_else(|| "unknown".to_string(), |n| n.to_string())
}

/// `cross_year.carry.<col>`: this year's carried_over = last year's carried_forward.
fn carry(now_e: &Entry<'_>, now: &Figures, last_e: &Entry<'_>, last: &Figures) -> Vec<CheckResult> {
    now.carried_over
        .iter()
        .filter_map(|&(col, this)| {
            let (_, before) = *last.carried_forward.iter().find(|(c, _)| *c == col)?;
            let status = match (this, before) {
                (Some(a), Some(b)) if a == b => CheckStatus::Pass,
                (Some(_), Some(_)) => CheckStatus::Fail,
                _ => CheckStatus::Incomplete,
            };
            let cell = CellId::new(TableId::Requests, "carried_over", col)?;
            let message = match status {
                CheckStatus::Pass => format!(
                    "{cell} = {} agrees with requests.carried_forward.{col} of {}",
                    show(this),
                    last_e.file
                ),
                _ => format!(
                    "{}: {cell} is {}, but {}: requests.carried_forward.{col} is {}",
                    now_e.file,
                    show(this),
                    last_e.file,
                    show(before)
                ),
            };
            Some(result(
                CrossYear::Carry { col },
                status,
                "二、上年结转 = 上一年度报告的 四、结转下年度继续办理",
                vec![cell],
                (this, before),
                message,
            ))
        })
        .collect()
}

/// `cross_year.stock.<row>`: in_force = last in_force + issued − repealed.
fn stock(now_e: &Entry<'_>, now: &Figures, last_e: &Entry<'_>, last: &Figures) -> Vec<CheckResult> {
    now.stock
        .iter()
        .filter_map(|&(row, [issued, repealed, in_force])| {
            let (_, [_, _, before]) = *last.stock.iter().find(|(r, _)| *r == row)?;
            // Only a comparison of known numbers says anything here.
            let (issued, repealed, in_force, before) = (issued?, repealed?, in_force?, before?);
            let expected = (before + issued).checked_sub(repealed);
            let status = if expected == Some(in_force) {
                CheckStatus::Pass
            } else {
                CheckStatus::Warning
            };
            let cells = ["in_force", "issued", "repealed"]
                .iter()
                .filter_map(|c| CellId::new(TableId::Active, row, c))
                .collect();
            let message = format!(
                "{}: active.{row}.in_force is {in_force}; {}: in_force {before} + issued \
                 {issued} − repealed {repealed} = {}",
                now_e.file,
                last_e.file,
                expected.map_or_else(|| "below zero".to_string(), |e| e.to_string())
            );
            Some(result(
                CrossYear::Stock { row },
                status,
                "现行有效件数 = 上一年度 现行有效件数 + 本年制发件数 − 本年废止件数",
                cells,
                (Some(in_force), expected),
                message,
            ))
        })
        .collect()
}

/// `cross_year.copied.<table>`: a table identical to last year's.
fn copied(
    now_e: &Entry<'_>,
    now: &Figures,
    last_e: &Entry<'_>,
    last: &Figures,
) -> Vec<CheckResult> {
    TableId::ALL
        .iter()
        .enumerate()
        .filter_map(|(t, table)| {
            let (a, b) = (now.tables[t]?, last.tables[t]?);
            let (status, message) = if a == b {
                (
                    CheckStatus::Warning,
                    format!(
                        "{}: table {} is identical to last year's in {} (copied forward?)",
                        now_e.file,
                        table.label(),
                        last_e.file
                    ),
                )
            } else {
                (
                    CheckStatus::Pass,
                    format!(
                        "table {} differs from last year's in {}",
                        table.label(),
                        last_e.file
                    ),
                )
            };
            Some(result(
                CrossYear::Copied(*table),
                status,
                "表格与上一年度不完全相同",
                Vec::new(),
                (None, None),
                message,
            ))
        })
        .collect()
}

/// Issuer keys one character apart whose reports never share a year (two
/// bodies that both report every year are two bodies; a name seen only in
/// years the other one lacks is likely the other one misread). The rarer
/// spelling's reports get the warning (both, when equally common).
fn issuer_variants(entries: &[Entry<'_>]) -> Vec<(usize, CheckResult)> {
    struct Name<'a> {
        rows: Vec<usize>,
        years: BTreeSet<u16>,
        shown: &'a str,
    }
    let mut names: HashMap<&str, Name<'_>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(key) = e.key.filter(|k| k.chars().count() >= 3) else {
            continue;
        };
        let name = names.entry(key).or_insert_with(|| Name {
            rows: Vec::new(),
            years: BTreeSet::new(),
            shown: e.issuer.unwrap_or(key),
        });
        name.rows.push(i);
        name.years.extend(e.year);
    }
    let mut keys: Vec<&str> = names.keys().copied().collect();
    keys.sort_unstable();
    // Two keys one edit apart share a one-character deletion (or one is a
    // deletion of the other): index them by deletions, then verify.
    let mut by_deletion: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, key) in keys.iter().enumerate() {
        for variant in deletions(key) {
            by_deletion.entry(variant).or_default().push(k);
        }
    }
    let mut pairs = BTreeSet::new();
    for (k, key) in keys.iter().enumerate() {
        for variant in std::iter::once(key.to_string()).chain(deletions(key)) {
            for &other in by_deletion.get(&variant).into_iter().flatten() {
                if other != k && one_edit_apart(key, keys[other]) {
                    pairs.insert((k.min(other), k.max(other)));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (a, b) in pairs {
        let (na, nb) = (&names[keys[a]], &names[keys[b]]);
        if !na.years.is_disjoint(&nb.years) {
            continue;
        }
        let mut flag = |rare: &Name<'_>, common: &Name<'_>| {
            let example = entries[common.rows[0]].file;
            for &i in &rare.rows {
                out.push((
                    i,
                    result(
                        CrossYear::IssuerVariant,
                        CheckStatus::Warning,
                        "同一机关的名称应一致",
                        Vec::new(),
                        (None, None),
                        format!(
                            "{}: issuer {} differs by one character from {} ({example}): \
                             an OCR variant of the same name?",
                            entries[i].file, rare.shown, common.shown
                        ),
                    ),
                ));
            }
        };
        if na.rows.len() <= nb.rows.len() {
            flag(na, nb);
        }
        if nb.rows.len() <= na.rows.len() {
            flag(nb, na);
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

/// Every string made by deleting one character.
fn deletions(s: &str) -> impl Iterator<Item = String> + '_ {
    s.char_indices().map(move |(i, c)| {
        let mut d = String::with_capacity(s.len());
        d.push_str(&s[..i]);
        d.push_str(&s[i + c.len_utf8()..]);
        d
    })
}

/// Whether two different strings are exactly one insertion, deletion or
/// substitution apart.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_keys_drop_suffixes_spacing_and_width() {
        assert_eq!(issuer_key("沭阳县人民政府"), "沭阳县");
        assert_eq!(issuer_key("沭阳县"), "沭阳县");
        assert_eq!(issuer_key(" 沭阳县 人民政府 办公室"), "沭阳县");
        assert_eq!(issuer_key("沭阳县政府"), "沭阳县");
        assert_eq!(issuer_key("Ａ市·人民政府"), "A市");
        assert_eq!(issuer_key("人民政府"), "人民");
    }

    #[test]
    fn keys_with_their_city_group_with_the_short_key_unless_ambiguous() {
        let g = group_keys(["淮安市洪泽区", "洪泽区", "江苏省淮安市洪泽区", "淮安市"].into_iter());
        assert_eq!(g.get("淮安市洪泽区"), Some(&"洪泽区"));
        assert_eq!(g.get("江苏省淮安市洪泽区"), Some(&"洪泽区"));
        assert_eq!(g.get("淮安市"), None);
        let g = group_keys(["南京市鼓楼区", "福州市鼓楼区", "鼓楼区"].into_iter());
        assert!(g.is_empty(), "{g:?}");
    }

    #[test]
    fn one_edit_apart_is_exact() {
        assert!(one_edit_apart("沭阳县", "沭阳具"));
        assert!(one_edit_apart("沭阳县", "沭阳"));
        assert!(one_edit_apart("沭县", "沭阳县"));
        assert!(!one_edit_apart("沭阳县", "沭阳县"));
        assert!(!one_edit_apart("沭阳县", "阳沭县"));
        assert!(!one_edit_apart("沭阳县", "泗洪县"));
    }

    fn figures(carried_over: u64, carried_forward: u64) -> Figures {
        Figures {
            carried_over: vec![("total", Some(carried_over))],
            carried_forward: vec![("total", Some(carried_forward))],
            stock: vec![("rules", [Some(1), Some(0), Some(5)])],
            tables: [Some(1), Some(2), None],
        }
    }

    fn entry<'a>(file: &'a str, key: &'a str, year: u16, f: &'a Figures) -> Entry<'a> {
        Entry {
            file,
            issuer: Some(key),
            key: Some(key),
            year: Some(year),
            figures: Some(f),
        }
    }

    #[test]
    fn many_reports_of_last_year_give_one_warning_not_a_comparison_each() {
        let (a, b) = (figures(0, 3), figures(4, 7));
        let names: Vec<String> = (0..=MAX_PREVIOUS).map(|i| format!("a{i}.txt")).collect();
        let mut entries = vec![entry("b.txt", "甲县", 2024, &b)];
        entries.extend(names.iter().map(|n| entry(n, "甲县", 2023, &a)));
        let results = check(&entries);
        assert_eq!(results[0].len(), 1, "{:?}", results[0]);
        assert_eq!(results[0][0].id.to_string(), "cross_year.ambiguous");
        assert_eq!(results[0][0].status, CheckStatus::Warning);
        // At the cap, each is still compared.
        let results = check(&entries[..MAX_PREVIOUS + 1]);
        assert!(
            results[0]
                .iter()
                .any(|r| r.id.to_string() == "cross_year.carry.total")
        );
    }

    #[test]
    fn consecutive_years_are_compared_and_results_go_to_the_later_one() {
        let (a, b) = (figures(0, 3), figures(4, 7));
        let results = check(&[
            entry("b.txt", "甲县", 2024, &b),
            entry("a.txt", "甲县", 2023, &a),
        ]);
        assert!(results[1].is_empty());
        let carry = results[0]
            .iter()
            .find(|r| r.id.to_string() == "cross_year.carry.total")
            .unwrap();
        assert_eq!(carry.status, CheckStatus::Fail);
        assert_eq!(
            (carry.left, carry.right, carry.difference),
            (Some(4), Some(3), Some(1))
        );
        assert!(carry.message.contains("a.txt") && carry.message.contains("b.txt"));
        let stock = results[0]
            .iter()
            .find(|r| r.id.to_string() == "cross_year.stock.rules")
            .unwrap();
        assert_eq!(stock.status, CheckStatus::Warning, "{}", stock.message);
        let copied = results[0]
            .iter()
            .find(|r| r.id.to_string() == "cross_year.copied.active")
            .unwrap();
        assert_eq!(copied.status, CheckStatus::Warning);
        assert!(
            !results[0]
                .iter()
                .any(|r| r.id.to_string() == "cross_year.copied.appeals")
        );
    }

    #[test]
    fn years_apart_or_other_issuers_are_not_compared() {
        let (a, b) = (figures(0, 3), figures(4, 7));
        let results = check(&[
            entry("b.txt", "甲县", 2024, &b),
            entry("a.txt", "甲县", 2022, &a),
        ]);
        assert!(results.iter().all(Vec::is_empty));
        let results = check(&[
            entry("b.txt", "甲县", 2024, &b),
            entry("a.txt", "丙丁市", 2023, &a),
        ]);
        assert!(results.iter().all(Vec::is_empty));
    }

    #[test]
    fn a_name_one_character_off_in_other_years_is_flagged() {
        let f = figures(0, 0);
        let entries = [
            entry("1.txt", "沭阳县", 2022, &f),
            entry("2.txt", "沭阳具", 2023, &f),
            entry("3.txt", "沭阳县", 2024, &f),
            entry("4.txt", "泗阳县", 2022, &f),
        ];
        let results = check(&entries);
        let flagged: Vec<usize> = (0..4)
            .filter(|&i| {
                results[i]
                    .iter()
                    .any(|r| r.id.to_string() == "cross_year.issuer_variant")
            })
            .collect();
        // 沭阳县 and 泗阳县 both report in 2022: two bodies, not a misreading.
        assert_eq!(flagged, vec![1]);
        assert!(results[1][0].message.contains("沭阳县"));
    }
}
