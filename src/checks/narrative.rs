//! Narrative cross-checks: what section 一 (总体情况) says about the requests
//! and appeals, compared with the tables. Status `warning` or `pass`, never
//! `fail`: prose is looser than a table.
//!
//! Only sentences that clearly speak of a table's quantity are compared: a
//! verb of receiving or handling, the word 申请 and a count of 件 in one
//! clause ("共办理政府信息公开申请219件"), 办结/答复 N件, 结转下年度 N件,
//! 上年度结转 N件, 行政复议/行政诉讼 N件, or a plain "未收到…申请" /
//! "无行政复议和行政诉讼". Anything else (政策性文件, 信息处理费, 留言 …) is
//! not about the tables and is left alone.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use regex::Regex;

use crate::checks::{CheckId, CheckResult, CheckStatus, Narrative, signed_difference};
use crate::report::{Report, Span};
use crate::template::{CellId, TableId};

/// A count: digits with optional thousands separators.
const N: &str = r"(\d+(?:,\d{3})*)";

fn re(pattern: &str) -> Regex {
    match Regex::new(&pattern.replace("{N}", N)) {
        Ok(r) => r,
        Err(e) => unreachable!("narrative patterns are valid: {e}"),
    }
}

/// The heading that ends section 一.
const SECTION_TWO_TITLE: &str = "主动公开政府信息情况";
/// What may precede the title on its line: "二、", "## 二.", "| 二 、" …
static SECTION_TWO_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[ \t\u{3000}#>*|\-]*二\s*[、.．,，]\s*$"));
/// "<verb> … 申请 … N件": requests received or handled.
static REQUESTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(新收|收到|接收|受理|共办理|办理)了?([^，。；,;：:（(]{0,20}?)申请(?:公开)?(?:件数|数量)?(?:为|共|总计|合计|达)?{N}件",
    )
});
/// Words that put a clause about something other than disclosure requests.
static OTHER_MATTERS: LazyLock<Regex> =
    LazyLock::new(|| re(r"复议|诉讼|投诉|举报|信访|咨询|留言|来信|建议|提案"));
static CONCLUDED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:办结|答复|办理完毕)了?(?:申请)?{N}件"));
static CARRIED_FORWARD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"结转(?:至|到)?(?:下一?|\d{4})年度?(?:继续)?(?:办理)?的?(?:申请)?{N}件|{N}件(?:申请)?(?:结转|顺延)(?:至|到)?(?:下一?|\d{4})年度?",
    )
});
static CARRIED_OVER: LazyLock<Regex> = LazyLock::new(|| re(r"(?:上一?年度?)结转的?(?:申请)?{N}件"));
static REVIEWS: LazyLock<Regex> = LazyLock::new(|| re(r"行政复议(?:申请|案件)?(?:共)?{N}件"));
static SUITS: LazyLock<Regex> = LazyLock::new(|| re(r"行政诉讼(?:案件)?(?:共)?{N}件"));
/// Words that make a "no reviews or suits" clause about something narrower
/// ("没有被纠错的行政复议" = none was corrected, not none at all).
static NARROWER: LazyLock<Regex> = LazyLock::new(|| re(r"纠错|纠正|败诉|撤销|改变|确认违法"));
static NO_REQUESTS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:未|没有)(?:收到|接到|受理|接收)[^，。；,;]{0,8}?公开申请|无(?:政府信息)?公开申请")
});
static NO_APPEALS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:未|没有|无)(?:发生|收到|产生|出现|接到)?[^，。；,;]{0,20}?行政复议(?:和|及|、|或|与)?(?:提起)?(?:行政)?诉讼",
    )
});
static DISCLOSED: LazyLock<Regex> = LazyLock::new(|| re(r"(?:均|全部|都)?予以公开"));
static NOT_ALL_DISCLOSED: LazyLock<Regex> =
    LazyLock::new(|| re(r"部分公开|不予公开|无法提供|不予处理|其他处理|不予受理"));

/// Section 一 with whitespace removed and full-width digits made ASCII, and
/// where each stretch of it came from in the original text.
struct Flat {
    text: String,
    /// (flat start, original start, copied): one per stretch of `text`.
    /// A copied stretch has the same bytes in both texts; the others are
    /// single full-width digits (3 original bytes, 1 flat byte).
    runs: Vec<(usize, usize, bool)>,
}

impl Flat {
    fn new(source: &str, range: std::ops::Range<usize>) -> Flat {
        let base = range.start;
        let part = &source[range];
        let mut flat = Flat {
            text: String::with_capacity(part.len()),
            runs: Vec::new(),
        };
        let bytes = part.as_bytes();
        // Byte by byte, decoding only what may be whitespace or a full-width
        // digit (no character above U+3000 is whitespace); the bytes between
        // are copied as whole stretches.
        let (mut i, mut from) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            let width = match b {
                0..0x80 => 1,
                0x80..0xE0 => 2,
                0xE0..0xF0 => 3,
                _ => 4,
            };
            let special = match b {
                // char::is_whitespace also counts the vertical tab.
                0..0x80 => b.is_ascii_whitespace() || b == 0x0b,
                0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => true,
                _ => false,
            };
            if !special {
                i += width;
                continue;
            }
            let Some(c) = part[i..].chars().next() else {
                break;
            };
            let digit = match c {
                '０'..='９' => Some(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
                _ => None,
            };
            if digit.is_none() && !c.is_whitespace() {
                i += width;
                continue;
            }
            flat.copy(part, base, from..i);
            if let Some(d) = digit {
                flat.runs.push((flat.text.len(), base + i, false));
                flat.text.push(d);
            }
            i += width;
            from = i;
        }
        flat.copy(part, base, from..bytes.len().max(from));
        flat
    }

    /// Appends `part[r]` unchanged as one stretch.
    fn copy(&mut self, part: &str, base: usize, r: std::ops::Range<usize>) {
        if let Some(stretch) = part.get(r.clone())
            && !stretch.is_empty()
        {
            self.runs.push((self.text.len(), base + r.start, true));
            self.text.push_str(stretch);
        }
    }

    /// The original offset of flat byte `at`, the start of a character
    /// (`end`: the end of the character before `at`).
    fn original(&self, at: usize, end: bool) -> Option<usize> {
        let i = if end {
            self.runs.partition_point(|r| r.0 < at).checked_sub(1)?
        } else {
            self.runs.partition_point(|r| r.0 <= at).checked_sub(1)?
        };
        let (flat, orig, copied) = self.runs[i];
        Some(match (copied, end) {
            (true, _) => orig + (at - flat),
            (false, false) => orig,
            (false, true) => orig + '０'.len_utf8(),
        })
    }

    /// The original span of flat bytes `[a, b)` (character boundaries).
    fn span(&self, a: usize, b: usize) -> Option<Span> {
        if a >= b || b > self.text.len() {
            return None;
        }
        Some(Span::new(self.original(a, false)?, self.original(b, true)?))
    }

    /// The sentences, as flat byte ranges (split after 。！？!?).
    fn sentences(&self) -> Vec<(usize, usize)> {
        // Each end is searched for on its own (memchr's vector search is
        // much faster than stepping from character to character), then
        // the ends are put in order. A UTF-8 sequence is never found inside
        // another character.
        let bytes = self.text.as_bytes();
        let mut ends: Vec<usize> = SENTENCE_ENDS
            .iter()
            .flat_map(|end| end.find_iter(bytes).map(|i| i + end.needle().len()))
            .chain(memchr::memchr2_iter(b'!', b'?', bytes).map(|i| i + 1))
            .collect();
        ends.sort_unstable();
        let mut out = Vec::with_capacity(ends.len() + 1);
        let mut from = 0;
        for end in ends {
            out.push((from, end));
            from = end;
        }
        if from < bytes.len() {
            out.push((from, bytes.len()));
        }
        out
    }
}

/// The full-width ends of a sentence: 。！？.
static SENTENCE_ENDS: LazyLock<[Finder<'static>; 3]> =
    LazyLock::new(|| ["。", "！", "？"].map(Finder::new));

/// The heading of section 二 and the word of sentences about disclosure,
/// as searchers built once.
static SECTION_TWO: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(SECTION_TWO_TITLE));
static DISCLOSURE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("公开"));

/// Where section 一 ends: the heading of section 二, else the first table
/// cell found, else the end of the text.
fn section_one_end(report: &Report, text: &str) -> usize {
    // Find the title as a plain string (fast), then check its line prefix.
    for at in SECTION_TWO.find_iter(text.as_bytes()) {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        if SECTION_TWO_PREFIX.is_match(&text[line_start..at]) {
            return line_start;
        }
    }
    report
        .cells
        .values()
        .filter_map(|c| c.span.map(|s| s.start))
        .min()
        .unwrap_or(text.len())
        .min(text.len())
}

fn parse_count(s: &str) -> Option<u64> {
    s.replace(',', "").parse().ok()
}

fn cell(table: TableId, row: &str, col: &str) -> CellId {
    match CellId::new(table, row, col) {
        Some(id) => id,
        None => unreachable!("template ids {row}.{col} exist"),
    }
}

/// The sentence being read: its whitespace-free text and its source span.
struct Sentence<'a> {
    text: &'a str,
    span: Option<Span>,
}

impl Sentence<'_> {
    /// The first capture of `pattern` holding a count: (words, count).
    fn figure(&self, pattern: &Regex) -> Option<(&str, u64)> {
        let caps = pattern.captures(self.text)?;
        let n = (1..caps.len()).find_map(|i| caps.get(i))?;
        Some((caps.get(0)?.as_str(), parse_count(n.as_str())?))
    }
}

/// One figure section 一 states, and the table values it may mean.
struct Claim<'a> {
    id: Narrative,
    rule: &'static str,
    said: u64,
    /// The table cells the figure is about.
    cells: Vec<CellId>,
    /// Table values that agree with the sentence; the first is the main one.
    readings: Vec<Option<u64>>,
    /// The words compared, quoted in the message.
    quote: &'a str,
}

/// The table cells narrative sentences speak of, and their values.
struct Tables {
    new: CellId,
    carried_over: CellId,
    outcome: CellId,
    carried_forward: CellId,
    disclosed: CellId,
    appeals: [CellId; 3],
    new_n: Option<u64>,
    with_carried: Option<u64>,
}

impl Tables {
    fn new(report: &Report) -> Tables {
        let req = |row: &str| cell(TableId::Requests, row, "total");
        let app = |row: &str| cell(TableId::Appeals, row, "total");
        let (new, carried_over) = (req("new_received"), req("carried_over"));
        let new_n = report.count(new);
        Tables {
            new,
            carried_over,
            outcome: req("outcome_total"),
            carried_forward: req("carried_forward"),
            disclosed: req("disclosed"),
            appeals: [
                app("review"),
                app("litigation_direct"),
                app("litigation_after_review"),
            ],
            new_n,
            with_carried: new_n
                .zip(report.count(carried_over))
                .and_then(|(a, b)| a.checked_add(b)),
        }
    }
}

/// Builds narrative results, at most one per id (the first sentence wins).
struct Builder<'a> {
    report: &'a Report,
    tables: Tables,
    out: Vec<CheckResult>,
}

impl Builder<'_> {
    fn has(&self, id: Narrative) -> bool {
        self.out.iter().any(|c| c.id == CheckId::Narrative(id))
    }

    /// The sum of some cells' counts, when all are known.
    fn sum(&self, cells: &[CellId]) -> Option<u64> {
        cells
            .iter()
            .try_fold(0u64, |sum, &c| sum.checked_add(self.report.count(c)?))
    }

    /// Compares a stated figure with the table, passing when it equals any
    /// of the accepted readings. Skipped when the table side is unknown.
    fn compare(&mut self, s: &Sentence, claim: Claim, explain: impl FnOnce(u64) -> String) {
        if self.has(claim.id) {
            return;
        }
        let Some(&Some(main)) = claim.readings.first() else {
            return;
        };
        let (said, quote) = (claim.said, claim.quote);
        let matched = claim.readings.iter().flatten().any(|&r| r == said);
        let right = if matched { said } else { main };
        let message = if matched {
            format!("section 一 says {said} (\"{quote}\"), as the table does")
        } else {
            format!(
                "section 一 says {said} (\"{quote}\"), but {}",
                explain(main)
            )
        };
        self.push(s, claim, (said, right), matched, message);
    }

    /// Records a narrative result: the figure said against the table's,
    /// passing when they agree (else a warning, never a failure).
    fn push(
        &mut self,
        s: &Sentence,
        claim: Claim,
        (said, table): (u64, u64),
        ok: bool,
        message: String,
    ) {
        self.out.push(CheckResult {
            id: CheckId::Narrative(claim.id),
            status: if ok {
                CheckStatus::Pass
            } else {
                CheckStatus::Warning
            },
            rule: claim.rule.to_string(),
            left_cells: Vec::new(),
            right_cells: claim.cells,
            left: Some(said),
            right: Some(table),
            difference: Some(signed_difference(said, table)),
            message,
            span: s.span,
        });
    }

    /// A statement that something is zero ("未收到…申请").
    fn none_said(&mut self, s: &Sentence, claim: Claim, what: &str) {
        if self.has(claim.id) {
            return;
        }
        let Some(total) = self.sum(&claim.cells) else {
            return;
        };
        let ok = total == 0;
        let quote = claim.quote;
        let message = if ok {
            format!("section 一 says there were no {what} (\"{quote}\"), as the table does")
        } else {
            format!("section 一 says there were no {what} (\"{quote}\"), but the table has {total}")
        };
        self.push(s, claim, (0, total), ok, message);
    }

    /// "共办理/收到/受理…申请N件", and "…申请N件，…予以公开".
    fn requests(&mut self, s: &Sentence) {
        let t = &self.tables;
        let (new, carried_over, new_n, with_carried) =
            (t.new, t.carried_over, t.new_n, t.with_carried);
        let mut stated = None;
        for c in REQUESTS.captures_iter(s.text) {
            let (Some(all), Some(verb), Some(gap), Some(n)) =
                (c.get(0), c.get(1), c.get(2), c.get(3))
            else {
                continue;
            };
            let Some(said) = parse_count(n.as_str()) else {
                continue;
            };
            if OTHER_MATTERS.is_match(gap.as_str()) {
                continue;
            }
            let scope = |main: u64| match with_carried {
                Some(both) if both != main => format!(
                    "table B has {main} new requests ({both} with those carried over from last year); \
                     the sentence may count a different scope (e.g. one office, not the whole body)"
                ),
                _ => format!(
                    "table B has {main} new requests; the sentence may count a different scope \
                     (e.g. one office, not the whole body)"
                ),
            };
            let quote = all.as_str();
            match verb.as_str() {
                "新收" | "收到" | "接收" => {
                    let claim = Claim {
                        id: Narrative::Received,
                        rule: "section 一 \"收到…申请N件\" = 一、本年新收 总计",
                        said,
                        cells: vec![new],
                        readings: vec![new_n],
                        quote,
                    };
                    self.compare(s, claim, scope);
                }
                "受理" => {
                    let claim = Claim {
                        id: Narrative::Received,
                        rule: "section 一 \"受理…申请N件\" = 一、本年新收 总计 (or 一 + 二、上年结转)",
                        said,
                        cells: vec![new, carried_over],
                        readings: vec![new_n, with_carried],
                        quote,
                    };
                    self.compare(s, claim, scope);
                }
                _ => {
                    let claim = Claim {
                        id: Narrative::Handled,
                        rule: "section 一 \"共办理…申请N件\" = 一、本年新收 + 二、上年结转 总计 (or 一 alone)",
                        said,
                        cells: vec![new, carried_over],
                        readings: vec![with_carried, new_n],
                        quote,
                    };
                    self.compare(s, claim, |main| match new_n {
                        Some(n) if n != main => {
                            format!("table B has {main} new and carried-over requests ({n} new)")
                        }
                        _ => format!("table B has {main} requests"),
                    });
                }
            }
            stated.get_or_insert((said, all.start(), all.end()));
        }

        // "…申请1件，…予以公开": every request stated was disclosed.
        if let Some((said, from, after)) = stated
            && let Some(m) = DISCLOSED.find(&s.text[after..])
            && !NOT_ALL_DISCLOSED.is_match(s.text)
        {
            let disclosed = self.tables.disclosed;
            let claim = Claim {
                id: Narrative::Disclosed,
                rule: "section 一 \"申请N件…予以公开\" = （一）予以公开 总计",
                said,
                cells: vec![disclosed],
                readings: vec![self.report.count(disclosed)],
                quote: &s.text[from..after + m.end()],
            };
            self.compare(s, claim, |main| {
                format!("table B puts {main} under （一）予以公开 (requests.disclosed.total)")
            });
        }
    }

    /// 办结 N件, 结转下年度 N件, 上年度结转 N件.
    fn figures(&mut self, s: &Sentence) {
        let t = &self.tables;
        let figures: [(&Regex, Narrative, &'static str, CellId, &str); 3] = [
            (
                &CONCLUDED,
                Narrative::Concluded,
                "section 一 \"办结N件\" = （七）总计 总计",
                t.outcome,
                "（七）总计 (requests.outcome_total.total)",
            ),
            (
                &CARRIED_FORWARD,
                Narrative::CarriedForward,
                "section 一 \"结转下年度继续办理N件\" = 四、结转下年度继续办理 总计",
                t.carried_forward,
                "四、结转下年度继续办理 (requests.carried_forward.total)",
            ),
            (
                &CARRIED_OVER,
                Narrative::CarriedOver,
                "section 一 \"上年度结转N件\" = 二、上年结转 总计",
                t.carried_over,
                "二、上年结转 (requests.carried_over.total)",
            ),
        ];
        for (pattern, id, rule, c, label) in figures {
            if let Some((quote, said)) = s.figure(pattern) {
                let claim = Claim {
                    id,
                    rule,
                    said,
                    cells: vec![c],
                    readings: vec![self.report.count(c)],
                    quote,
                };
                self.compare(s, claim, |main| format!("table B has {main} in {label}"));
            }
        }
    }

    /// 行政复议 N件, 行政诉讼 N件, in a sentence about disclosure.
    fn appeals(&mut self, s: &Sentence) {
        if DISCLOSURE.find(s.text.as_bytes()).is_none() {
            return;
        }
        let [review, direct, after_review] = self.tables.appeals;
        if let Some((quote, said)) = s.figure(&REVIEWS) {
            let claim = Claim {
                id: Narrative::Review,
                rule: "section 一 \"行政复议N件\" = 表四 行政复议 总计",
                said,
                cells: vec![review],
                readings: vec![self.report.count(review)],
                quote,
            };
            self.compare(s, claim, |main| {
                format!("table C has {main} administrative reviews (appeals.review.total)")
            });
        }
        if let Some((quote, said)) = s.figure(&SUITS) {
            let suits = vec![direct, after_review];
            let claim = Claim {
                id: Narrative::Litigation,
                rule: "section 一 \"行政诉讼N件\" = 表四 未经复议直接起诉 总计 + 复议后起诉 总计",
                said,
                readings: vec![self.sum(&suits)],
                cells: suits,
                quote,
            };
            self.compare(s, claim, |main| {
                format!("table C has {main} lawsuits (direct + after review)")
            });
        }
    }

    /// "未收到政府信息公开申请", "未发生行政复议、行政诉讼".
    fn negations(&mut self, s: &Sentence) {
        // "未收到…公开申请人的投诉" is about applicants, not requests.
        if let Some(m) = NO_REQUESTS.find(s.text)
            && !s.text[m.end()..].starts_with('人')
        {
            let claim = Claim {
                id: Narrative::NoRequests,
                rule: "section 一 \"未收到政府信息公开申请\" ⇒ 一、本年新收 总计 = 0",
                said: 0,
                cells: vec![self.tables.new],
                readings: Vec::new(),
                quote: m.as_str(),
            };
            self.none_said(s, claim, "requests");
        }
        if let Some(m) = NO_APPEALS.find(s.text)
            && !NARROWER.is_match(m.as_str())
        {
            let claim = Claim {
                id: Narrative::NoAppeals,
                rule: "section 一 \"未发生行政复议、行政诉讼\" ⇒ 表四 总计 = 0",
                said: 0,
                cells: self.tables.appeals.to_vec(),
                readings: Vec::new(),
                quote: m.as_str(),
            };
            self.none_said(s, claim, "administrative reviews or lawsuits");
        }
    }
}

/// Compares the figures section 一 states with the tables.
pub fn run(report: &Report, text: &str) -> Vec<CheckResult> {
    let flat = Flat::new(text, 0..section_one_end(report, text));
    let mut b = Builder {
        report,
        tables: Tables::new(report),
        out: Vec::new(),
    };
    for (start, end) in flat.sentences() {
        let s = Sentence {
            text: &flat.text[start..end],
            span: flat.span(start, end),
        };
        // Every pattern needs a count of 件 or a negation: skip the rest cheaply.
        if s.text.contains('件') {
            b.requests(&s);
            b.figures(&s);
            b.appeals(&s);
        }
        if s.text.contains('未') || s.text.contains('无') || s.text.contains('没') {
            b.negations(&s);
        }
    }
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::tests::{passing_report, set_count};
    use crate::template::Layout;

    fn narrative(report: &Report, text: &str) -> Vec<CheckResult> {
        run(report, text)
    }

    fn get<'a>(r: &'a [CheckResult], id: &str) -> &'a CheckResult {
        r.iter()
            .find(|c| c.id.to_string() == id)
            .unwrap_or_else(|| panic!("no {id} in {r:#?}"))
    }

    /// new_received.total 120, carried_over.total 6, outcome_total.total 126,
    /// carried_forward.total 0, disclosed.total 6, appeals totals 6 each.
    fn report() -> Report {
        passing_report(Layout::default())
    }

    #[test]
    fn handled_concluded_and_carried_forward_agree() {
        let text = "一、总体情况\n年内共办理政府信息公开申请126件，其中办结126件，结转下年度继续办理0件。\n二、主动公开政府信息情况\n共办理申请999件。";
        let r = narrative(&report(), text);
        assert_eq!(r.len(), 3, "{r:#?}");
        for c in &r {
            assert_eq!(c.status, CheckStatus::Pass, "{c:#?}");
            assert_eq!(c.kind(), crate::checks::CheckKind::Narrative);
        }
        let span = get(&r, "narrative.handled").span.unwrap();
        assert!(text[span.start..span.end].contains("年内共办理"));
        assert!(text[span.start..span.end].ends_with("0件。"));
    }

    #[test]
    fn handled_may_mean_new_only_but_a_wrong_figure_warns() {
        let ok = narrative(&report(), "共办理依申请公开120件。");
        assert_eq!(get(&ok, "narrative.handled").status, CheckStatus::Pass);
        let bad = narrative(&report(), "共办理依申请公开1,150件。");
        let c = get(&bad, "narrative.handled");
        assert_eq!(c.status, CheckStatus::Warning);
        assert_eq!(c.left, Some(1150));
        assert!(c.message.contains("126"), "{}", c.message);
    }

    #[test]
    fn received_counts_new_requests_and_scope_is_mentioned() {
        let text =
            "2024 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复。";
        let r = narrative(&report(), text);
        let c = get(&r, "narrative.received");
        assert_eq!(c.status, CheckStatus::Warning);
        assert!(c.message.contains("scope"), "{}", c.message);
        assert!(c.message.contains("17") && c.message.contains("120"));
        assert!(
            !r.iter()
                .any(|c| c.id == CheckId::Narrative(Narrative::Concluded))
        );
        let r = narrative(&report(), "本年新收政府信息公开申请１２０件。");
        assert_eq!(get(&r, "narrative.received").status, CheckStatus::Pass);
        // 受理 may include those carried over.
        let r = narrative(&report(), "全市共受理政府信息公开申请 126 件。");
        assert_eq!(get(&r, "narrative.received").status, CheckStatus::Pass);
    }

    #[test]
    fn disclosed_claim_against_the_table() {
        let mut rep = report();
        set_count(&mut rep, "requests.new_received.total", 1);
        let text = "2024年，接收政府信息公开申请1件，申请人为自然人，经职能部门审核予以公开。";
        let r = narrative(&rep, text);
        let c = get(&r, "narrative.disclosed");
        assert_eq!(c.status, CheckStatus::Warning, "{c:#?}");
        assert!(c.message.contains("予以公开"));
        set_count(&mut rep, "requests.disclosed.total", 1);
        assert_eq!(
            get(&narrative(&rep, text), "narrative.disclosed").status,
            CheckStatus::Pass
        );
        // Mixed outcomes are not an "all disclosed" claim.
        let mixed = "接收申请1件，予以公开0件，部分公开1件。";
        assert!(
            !narrative(&rep, mixed)
                .iter()
                .any(|c| c.id == CheckId::Narrative(Narrative::Disclosed))
        );
    }

    #[test]
    fn no_requests_and_no_appeals() {
        let text = "本年度未收到政府信息公开申请,未收到关于政府信息公开工作的投诉举报,无行政复议和行政诉讼。";
        let r = narrative(&report(), text);
        assert_eq!(
            get(&r, "narrative.no_requests").status,
            CheckStatus::Warning
        );
        assert_eq!(get(&r, "narrative.no_appeals").status, CheckStatus::Warning);
        let mut zero = Report::empty(Layout::default());
        for id in [
            "requests.new_received.total",
            "appeals.review.total",
            "appeals.litigation_direct.total",
            "appeals.litigation_after_review.total",
        ] {
            let c = zero.cells.get_mut(&CellId::parse(id).unwrap()).unwrap();
            c.value = Some(crate::report::Value::Count(0));
        }
        let r = narrative(&zero, text);
        assert_eq!(get(&r, "narrative.no_requests").status, CheckStatus::Pass);
        assert_eq!(get(&r, "narrative.no_appeals").status, CheckStatus::Pass);
    }

    #[test]
    fn reviews_and_suits() {
        let text = "政府信息公开行政复议 6\n件，其中结果维持 1 件；政府信息公开行政诉讼 12 件。";
        let r = narrative(&report(), text);
        assert_eq!(get(&r, "narrative.review").status, CheckStatus::Pass);
        assert_eq!(get(&r, "narrative.litigation").status, CheckStatus::Pass);
    }

    #[test]
    fn more_phrasings() {
        let r = narrative(
            &report(),
            "结转至2025年继续办理0件。收到行政复议申请6件，均涉及政府信息公开。",
        );
        assert_eq!(
            get(&r, "narrative.carried_forward").status,
            CheckStatus::Pass
        );
        assert_eq!(get(&r, "narrative.review").status, CheckStatus::Pass);
        // Reviews in a sentence not about disclosure are not compared.
        assert!(narrative(&report(), "本机关办理行政复议9件。").is_empty());
        // Narrower negations are not "none at all".
        assert!(narrative(&report(), "全年没有被纠错的行政复议和行政诉讼。").is_empty());
        assert!(narrative(&report(), "未收到政府信息公开申请人的投诉。").is_empty());
        let r = narrative(
            &report(),
            "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
        );
        assert_eq!(get(&r, "narrative.no_appeals").status, CheckStatus::Warning);
    }

    #[test]
    fn sentences_about_other_matters_are_not_compared() {
        let text = "出台政策性文件11件。收取信息处理费0元。全年收到并按时答复留言13条。收到行政复议申请书的渠道。办理人大建议提案申请12件。";
        assert!(
            narrative(&report(), text).is_empty(),
            "{:#?}",
            narrative(&report(), text)
        );
    }

    #[test]
    fn unknown_table_cells_mean_no_comparison() {
        let r = narrative(
            &Report::empty(Layout::default()),
            "共办理政府信息公开申请219件，办结212件。",
        );
        assert!(r.is_empty(), "{r:#?}");
    }

    /// Whitespace at both ends and full-width digits at stretch edges.
    #[test]
    fn flat_spans_at_the_edges() {
        let source = " １\n申请 ０件 ";
        let flat = Flat::new(source, 0..source.len());
        assert_eq!(flat.text, "1申请0件");
        assert_eq!(flat.span(0, 11), Some(Span::new(1, 18)));
        assert_eq!(flat.span(0, 1), Some(Span::new(1, 4)));
        assert_eq!(flat.span(1, 7), Some(Span::new(5, 11)));
        assert_eq!(flat.span(7, 8), Some(Span::new(12, 15)));
        assert_eq!(flat.span(8, 12), None);
        assert!(Flat::new(" \t\u{3000}", 0..5).text.is_empty());
    }

    /// The byte-level flattening agrees with a char-by-char reference:
    /// every whitespace (ASCII, vertical tab, NBSP, U+3000) dropped,
    /// full-width digits made ASCII, each character mapped to its bytes.
    #[test]
    fn flat_text_and_sentences_match_a_char_reference() {
        let source = "x 收到\u{3000}申请\u{b}１２\u{a0}件。\t办结 3件！A?b！尾";
        let flat = Flat::new(source, 2..source.len());
        let mut text = String::new();
        let mut chars = Vec::new();
        for (i, c) in source[2..].char_indices() {
            if c.is_whitespace() {
                continue;
            }
            let c2 = match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                other => other,
            };
            chars.push((text.len(), 2 + i, 2 + i + c.len_utf8()));
            text.push(c2);
        }
        assert_eq!(flat.text, text);
        assert_eq!(flat.text, "收到申请12件。办结3件！A?b！尾");
        for (flat_start, start, end) in chars {
            let len = flat.text[flat_start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            assert_eq!(
                flat.span(flat_start, flat_start + len),
                Some(Span::new(start, end)),
                "{flat_start}"
            );
        }
        let sentences: Vec<&str> = flat
            .sentences()
            .into_iter()
            .map(|(a, b)| &flat.text[a..b])
            .collect();
        assert_eq!(
            sentences,
            ["收到申请12件。", "办结3件！", "A?", "b！", "尾"]
        );
        let (a, b) = flat.sentences()[0];
        let span = flat.span(a, b).map(|s| &source[s.start..s.end]);
        assert_eq!(span, Some("收到\u{3000}申请\u{b}１２\u{a0}件。"));
    }
}
