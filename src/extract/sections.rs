//! Where the tables are (section headings, or row anchors when a heading is
//! lost), which template the report follows, and who issued it for which year.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use super::normalize::{
    Enumerator, Label, compact, core_similarity, similarity_bound, split_enumerator, without_punct,
};

/// The byte ranges of the three tables' regions (text after the heading up to
/// the next heading).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Regions {
    /// Table A (主动公开).
    pub active: Option<Range<usize>>,
    /// Table B (收到和处理申请).
    pub requests: Option<Range<usize>>,
    /// Table C (复议、诉讼).
    pub appeals: Option<Range<usize>>,
}

impl Regions {
    /// Whether no table region was found at all.
    pub fn is_empty(&self) -> bool {
        self.active.is_none() && self.requests.is_none() && self.appeals.is_none()
    }

    /// The smallest range covering every region found.
    pub fn span(&self) -> Option<Range<usize>> {
        let all = [&self.active, &self.requests, &self.appeals];
        let start = all
            .iter()
            .filter_map(|r| r.as_ref().map(|r| r.start))
            .min()?;
        let end = all.iter().filter_map(|r| r.as_ref().map(|r| r.end)).max()?;
        Some(start..end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    Active,
    Requests,
    Appeals,
    After,
}

const ACTIVE: &str = "主动公开政府信息情况";
const REQUESTS: &str = "收到和处理政府信息公开申请情况";
const APPEALS: [&str; 2] = [
    "政府信息公开行政复议行政诉讼情况",
    "因政府信息公开工作被申请行政复议提起行政诉讼情况",
];
const AFTER: [&str; 2] = ["存在的主要问题及改进情况", "其他需要报告的事项"];

/// The canonical headings, normalised once.
static HEADINGS: LazyLock<Vec<(Heading, Label)>> = LazyLock::new(|| {
    let plain = |s: &str| Label::from_core(s);
    let mut v = vec![
        (Heading::Active, plain(ACTIVE)),
        (Heading::Requests, plain(REQUESTS)),
    ];
    v.extend(APPEALS.iter().map(|a| (Heading::Appeals, plain(a))));
    v.extend(AFTER.iter().map(|a| (Heading::After, plain(a))));
    v
});

/// The characters every heading line holds (see [`heading`]).
const HEADING_ENDS: [&str; 3] = ["况", "项", "题"];

/// Searchers for [`HEADING_ENDS`] in a whole text, built once.
static HEADING_END_FINDERS: LazyLock<[memmem::Finder<'static>; 3]> =
    LazyLock::new(|| HEADING_ENDS.map(memmem::Finder::new));

/// The lines of `text` (start, line with its "\n") holding the byte
/// positions `hits` (ascending), each line once, in order. Each line is found
/// by searching only between the previous line's end and the hit, so the
/// work is linear in the text however many hits a line has.
fn lines_at(
    text: &str,
    hits: impl IntoIterator<Item = usize>,
) -> impl Iterator<Item = (usize, &str)> {
    let mut seen = 0;
    hits.into_iter().filter_map(move |at| {
        if at < seen {
            return None;
        }
        let start = text[seen..at].rfind('\n').map_or(seen, |i| seen + i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        seen = end;
        Some((start, &text[start..end]))
    })
}

/// What heading a line is, if its whole text is one.
fn heading(line: &str) -> Option<Heading> {
    // A heading is short and ends in 情况 / 事项 / 问题: skip other lines
    // before normalising them (spaces may split the words, so test one char).
    // (Counting only visible characters: blanked-out markup leaves spaces.)
    if line.len() > 4096
        || line
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(60)
            .is_some()
        || !HEADING_END_FINDERS
            .iter()
            .any(|f| f.find(line.as_bytes()).is_some())
    {
        return None;
    }
    let c = compact(line);
    let c = c.trim_start_matches('#');
    if c.is_empty() || c.chars().nth(40).is_some() {
        return None;
    }
    let (num, rest) = split_enumerator(c);
    let w = Label::from_core(without_punct(rest));
    let n = w.char_count();
    // (The bound from the lengths alone rules most pairs out cheaply.)
    let found = HEADINGS.iter().find(|(_, canon)| {
        n <= canon.char_count() + 6
            && similarity_bound(&w, canon) >= 0.8
            && core_similarity(&w, canon) >= 0.8
    });
    if let Some((h, _)) = found {
        return Some(*h);
    }
    let after_number = matches!(num, Some(Enumerator::Section(5 | 6)));
    let c = &w.core;
    if after_number && (c.starts_with("存在") || c.contains("问题") || c.starts_with("其他"))
    {
        return Some(Heading::After);
    }
    None
}

/// A heading wrapped onto the line at `start` from a short line before it
/// ("三、收到和处理政府信息公" / "开申请情况"): (heading, its start, end).
fn wrapped_heading(text: &str, start: usize, line: &str) -> Option<(Heading, usize, usize)> {
    // The tail of a wrapped heading is short, and the line before it starts
    // with the section's number ("三、"): test nothing else.
    if line.trim().chars().nth(20).is_some() {
        return None;
    }
    let before = text.get(..start)?.strip_suffix('\n')?;
    let prev_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prev = before[prev_start..].trim_end_matches('\r');
    let numbered = prev
        .trim_start()
        .trim_start_matches('#')
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| "一二三四五六".contains(c));
    if !numbered || prev.trim().chars().nth(30).is_some() || heading(prev).is_some() {
        return None;
    }
    let joined = format!("{prev}{}", line.trim_start());
    heading(&joined).map(|h| (h, prev_start, start + line.len()))
}

/// Finds the table regions from the section headings; a lost heading is
/// replaced by an anchor row of its table.
pub(crate) fn regions(text: &str) -> Regions {
    // Only a line holding one of the characters a heading ends in can be a
    // heading: find those characters in the whole text, then test their lines.
    let mut ends: Vec<usize> = HEADING_END_FINDERS
        .iter()
        .flat_map(|f| f.find_iter(text.as_bytes()))
        .collect();
    ends.sort_unstable();
    let found: Vec<(Heading, usize, usize)> = lines_at(text, ends)
        .filter_map(|(start, line)| {
            heading(line)
                .map(|h| (h, start, start + line.len()))
                .or_else(|| wrapped_heading(text, start, line))
        })
        .collect();
    let has = |h: Heading| found.iter().any(|(k, _, _)| *k == h);
    let mut anchors: [Option<usize>; 2] = [None; 2];
    // Lines starting with 行政复议: table C's header, when its heading is lost.
    let mut appeal_rows: Vec<usize> = Vec::new();
    if !(has(Heading::Active) && has(Heading::Requests) && has(Heading::Appeals)) {
        // The lines holding `word` (each once, in order) that are not too
        // long to be a table row.
        let rows_with = |word: &'static str| {
            lines_at(text, text.match_indices(word).map(|(i, _)| i))
                .filter(|(_, line)| line.trim().len() <= 960)
        };
        anchors[0] = rows_with("第二十条")
            .find(|(_, line)| compact(line).contains("第二十条第(一)项"))
            .map(|(start, _)| start);
        appeal_rows = rows_with("行政复议")
            .filter(|(_, line)| compact(line).starts_with("行政复议"))
            .map(|(start, _)| start)
            .take(8)
            .collect();
        anchors[1] = rows_with("本年新收")
            .find(|(_, line)| compact(line).contains("本年新收政府信息公开申请数量"))
            .map(|(start, _)| start);
    }
    // Each table's start: the first heading in order, else the anchor.
    let first = |h: Heading, after: usize| {
        found
            .iter()
            .find(|(k, s, _)| *k == h && *s >= after)
            .map(|(_, s, e)| (*s, *e))
    };
    let a = first(Heading::Active, 0).or(anchors[0].map(|s| (s, s)));
    let b = first(Heading::Requests, a.map_or(0, |x| x.1)).or(anchors[1]
        .map(|s| (s, s))
        .filter(|(s, _)| a.is_none_or(|a| *s >= a.1)));
    let after_b = b.or(a).map_or(0, |x| x.1);
    let c = first(Heading::Appeals, after_b).or_else(|| {
        // No heading: table C starts at its 行政复议 header row after table B.
        b.and_then(|b| appeal_rows.iter().find(|s| **s >= b.1).map(|s| (*s, *s)))
    });
    let after_c = c.or(b).or(a).map_or(0, |x| x.1);
    let end = first(Heading::After, after_c).map_or(text.len(), |x| x.0);
    let heads = [a, b, c];
    let region = |i: usize| {
        heads[i].map(|(_, body)| {
            let stop = heads
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .filter_map(|(_, h)| h.map(|h| h.0))
                .filter(|s| *s >= body)
                .min()
                .unwrap_or(end)
                .min(end)
                .max(body);
            body..stop
        })
    };
    Regions {
        active: region(0),
        requests: region(1),
        appeals: region(2),
    }
}

/// The text without whitespace, copied a run of other characters at a time.
fn without_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            out.push_str(&s[run..i]);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&s[run..]);
    out
}

/// Whether table A uses the 2019 template's columns.
pub(crate) fn is_2019_template(text: &str, regions: &Regions) -> bool {
    let scope = regions
        .active
        .clone()
        .or_else(|| regions.span())
        .unwrap_or(0..text.len());
    // The 2019 column words are plain CJK: removing spaces is enough.
    let c = without_whitespace(&text[scope]);
    // Its table A columns, or two of its other table A words (the 2021
    // template has none of them).
    ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
        .iter()
        .any(|k| c.contains(k))
        || [
            "上一年项目数量",
            "本年增/减",
            "本年增／减",
            "采购项目数量",
            "采购总金额",
            "政府集中采购",
            "其他对外管理服务事项",
        ]
        .iter()
        .filter(|k| c.contains(*k))
        .count()
            >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_whole_lines_only() {
        assert_eq!(
            heading("三、收到和处理政府信息公开申请情况\n"),
            Some(Heading::Requests)
        );
        assert_eq!(heading("# 二、主动公开政府信息情况"), Some(Heading::Active));
        assert_eq!(
            heading("#### 四、政府信息公开行政复议、行政诉讼情况"),
            Some(Heading::Appeals)
        );
        assert_eq!(
            heading("五、存在的主要问题及2023年问题改进情况"),
            Some(Heading::After)
        );
        assert_eq!(heading("四、结转下年度继续办理\t0\t0"), None);
        assert_eq!(heading("（一）主动公开情况"), None);
        assert_eq!(heading("\t三、本年度办理结果"), None);
    }

    #[test]
    fn lines_at_gives_each_hit_line_once() {
        let text = "a况\nb\n况c况\n况";
        let hits: Vec<usize> = text.match_indices('况').map(|(i, _)| i).collect();
        let lines: Vec<(usize, &str)> = lines_at(text, hits).collect();
        assert_eq!(lines, [(0, "a况\n"), (7, "况c况\n"), (15, "况")]);
        assert_eq!(lines_at(text, []).count(), 0);
    }

    #[test]
    fn without_whitespace_keeps_everything_else() {
        for s in ["", " ", "本年新 制作\t数量\n", "\u{3000}a\u{A0}b ", "规章"] {
            let want: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(without_whitespace(s), want, "{s:?}");
        }
    }

    #[test]
    fn a_heading_wrapped_over_two_lines_is_a_heading() {
        let text = "二、主动公开政府信息情况\nA\n三、收到和处理政府信息公\n开申请情况\nB\n四、政府信息公开行政复议、行政诉讼情况\nC\n";
        let r = regions(text);
        assert_eq!(&text[r.active.unwrap()], "A\n");
        assert_eq!(&text[r.requests.unwrap()], "B\n");
        // A long narrative line before a line ending in 情况 is no heading.
        let text = "二、主动公开政府信息情况\nA 本年度我们认真做好了政府信息公开的各项工作并取得了良好效果，收到和处理政府信息公\n开申请情况\n";
        assert_eq!(regions(text).requests, None);
    }

    #[test]
    fn the_2019_template_by_its_table_a_words() {
        let text = |a: &str| {
            format!("二、主动公开政府信息情况\n{a}\n三、收到和处理政府信息公开申请情况\nB\n")
        };
        let is = |a: &str| {
            let t = text(a);
            is_2019_template(&t, &regions(&t))
        };
        assert!(is(
            "信息内容\t本年新 制作数量\t本年新公开数量\t对外公开总数量"
        ));
        // A header lost to OCR: the other 2019 words still tell.
        assert!(is(
            "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t3\t0\t5"
        ));
        assert!(is("政府集中采购\t采购项目数量\t采购总金额"));
        assert!(!is("信息内容\t本年制发件数\t本年废止件数\t现行有效件数"));
        assert!(!is("政府集中采购 is mentioned once"));
    }

    #[test]
    fn regions_in_order() {
        let text = "一、总体情况\n二、主动公开政府信息情况\nA\n三、收到和处理政府信息公开申请情况\nB\n四、政府信息公开行政复议、行政诉讼情况\nC\n五、存在的主要问题及改进情况\nD\n";
        let r = regions(text);
        assert_eq!(&text[r.active.unwrap()], "A\n");
        assert_eq!(&text[r.requests.unwrap()], "B\n");
        assert_eq!(&text[r.appeals.unwrap()], "C\n");
        assert!(regions("只有叙述，没有表格。\n").is_empty());
        // Lost table C heading: its 行政复议 header row starts the region.
        let text = "三、收到和处理政府信息公开申请情况\nB\n行政复议\t行政诉讼\n0\t0\n五、存在的主要问题及改进情况\n";
        let r = regions(text);
        assert_eq!(&text[r.requests.unwrap()], "B\n");
        assert_eq!(&text[r.appeals.unwrap()], "行政复议\t行政诉讼\n0\t0\n");
    }
}
