//! Tables found by their rows, wherever and however they sit.
//!
//! Every layout becomes one stream: value tokens (numbers and
//! "not applicable" marks, each with its byte span) and the text between
//! them. Values with no word between them form a *group*; the text before a
//! group is its *stretch*. A template row is spotted in a stretch by its
//! distinctive words ([`Key`]), at the stretch's end (a label printed before
//! its values) or at its start (a label printed after the previous values),
//! with junk, spaces, line breaks and cell borders between the pieces.
//!
//! Table B is then one alignment of the groups with the template's 25 rows
//! in order ([`align`]): a group goes to a row whose label stands beside it;
//! a group with no label goes to a row only when it sits between two
//! labelled rows with exactly as many unlabelled groups as rows between them
//! and its own row total holds. Each row is decided on its own evidence:
//! nothing here discards a table for the strays in it.
//!
//! What arithmetic places is `inferred`, and its note names the checks used:
//! a run of digits split by the row total, a row one cell short whose lost
//! column the column checks (outcome total, balance) fix. Where more than one
//! reading fits, the cells stay missing.

use std::ops::Range;
use std::sync::LazyLock;

use crate::checks::CheckId;
use crate::note::Note;
use crate::report::{Cell, CellState, Diagnostic, Severity, Span, Value};
use crate::template::{APPLICANT_COLS, CellId, ColDef, ORG_COLS, ORG_SUBTOTAL, TableId, ValueKind};

use super::runs::{self, Split};

/// Cells read for one table: (row index, column id, cell).
pub(crate) type Cells = Vec<(usize, &'static str, Cell)>;

/// What the rows of the whole text give, table by table.
#[derive(Debug, Default)]
pub(crate) struct Anchored {
    /// Table A's cells.
    pub active: Cells,
    /// Table B's cells.
    pub requests: Cells,
    /// Table C's cells.
    pub appeals: Cells,
    /// Notes for the reader.
    pub diagnostics: Vec<Diagnostic>,
}

impl Anchored {
    /// The cells of one table.
    pub(crate) fn table(&self, table: TableId) -> &Cells {
        match table {
            TableId::Active => &self.active,
            TableId::Requests => &self.requests,
            TableId::Appeals => &self.appeals,
        }
    }

    /// Whether any cell holds a value.
    pub(crate) fn any_value(&self) -> bool {
        [&self.active, &self.requests, &self.appeals]
            .iter()
            .any(|t| t.iter().any(|(_, _, c)| c.value.is_some()))
    }
}

/// Reads the three tables from the whole text by their rows; `request_cols`
/// are table B's columns (with or without 小计).
pub(crate) fn read(text: &str, request_cols: &'static [ColDef]) -> Anchored {
    let s = stream(text);
    let mut out = Anchored::default();
    let (requests, first_b, last_b) = read_requests(text, &s, request_cols, &mut out.diagnostics);
    out.requests = requests;
    out.active = read_active(text, &s, first_b, &mut out.diagnostics);
    out.appeals = read_appeals(text, &s, last_b);
    out
}

// ---------------------------------------------------------------------------
// The stream

/// A value token: a number or a "not applicable" mark.
#[derive(Debug, Clone)]
struct Val {
    span: Span,
    /// ASCII digits (and at most one '.'); empty for a mark.
    digits: String,
    /// The byte offset in the text of each byte of `digits`.
    at: Vec<usize>,
    /// The line it stands on.
    line: usize,
}

impl Val {
    fn is_mark(&self) -> bool {
        self.digits.is_empty()
    }

    fn count(&self) -> Option<u64> {
        if self.digits.is_empty() || self.digits.len() > 18 || self.digits.contains('.') {
            return None;
        }
        self.digits.parse().ok()
    }
}

/// Values with no word between them, and the text before them.
#[derive(Debug, Clone)]
struct Group {
    vals: Range<usize>,
    /// The byte range of the text between the previous group and this one.
    before: Range<usize>,
}

/// The text as values and groups.
#[derive(Debug, Default)]
struct Stream {
    vals: Vec<Val>,
    groups: Vec<Group>,
    /// The text after the last group.
    rest: Range<usize>,
}

/// Characters that separate cells or carry markup, never part of a word.
fn is_sep(c: char) -> bool {
    // ASCII by a bit mask (whitespace and | , : * # > `), then the common
    // ideographs, then the rest.
    const ASCII: u128 = (1 << b' ')
        | (0b11111 << b'\t')
        | (1 << b'|')
        | (1 << b',')
        | (1 << b':')
        | (1 << b'*')
        | (1 << b'#')
        | (1 << b'>')
        | (1 << b'`');
    match c {
        '\0'..='\x7f' => ASCII >> (c as u32) & 1 == 1,
        '\u{4E00}'..='\u{9FFF}' => false,
        '│' | '┃' | '¦' => true,
        c => c.is_whitespace(),
    }
}

/// [`char::is_whitespace`], which looks a non-ASCII character up in a
/// table: the ideographs most of a report is written in are answered first.
fn is_space(c: char) -> bool {
    match c {
        ' ' | '\t'..='\r' => true,
        '\0'..='\x7f' | '\u{4E00}'..='\u{9FFF}' => false,
        c => c.is_whitespace(),
    }
}

/// Characters a "not applicable" mark is made of (and a markdown rule).
fn is_dash(c: char) -> bool {
    matches!(c, '/' | '／' | '-' | '－' | '—' | '–' | '\\' | '―')
}

/// A digit, ASCII or full-width, as its ASCII byte.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8),
        '０'..='９' => Some(b'0' + (c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// Units a narrative number is followed by ("5274 条", "2024年", "100%").
fn is_unit(c: char) -> bool {
    matches!(
        c,
        '件' | '条'
            | '次'
            | '个'
            | '份'
            | '人'
            | '家'
            | '篇'
            | '万'
            | '元'
            | '%'
            | '％'
            | '年'
            | '月'
            | '日'
            | '号'
            | '期'
            | '页'
            | '余'
            | '名'
            | '届'
            | '批'
            | '位'
            | '天'
            | '时'
            | '分'
            | '户'
            | '场'
            | '起'
            | '类'
            | '项'
            | '部'
            | '本'
            | '则'
            | '处'
            | '所'
            | '轮'
            | '张'
            | '册'
            | '套'
            | '宗'
            | '‰'
    )
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || matches!(c, '（' | '(' | '“' | '"')
}

/// The byte ranges of page footer lines ("— 3 —", "- 3 -", "第 3 页").
fn footers(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        // A footer may sit in a table row of its own ("| — 4 — | | |"); it
        // is a few characters besides spaces, cell rules and dashes, and it
        // holds a digit and a dash or 第.
        let (mut solid, mut digit, mut mark) = (0usize, false, false);
        for c in line.chars() {
            if is_space(c) || c == '|' {
                continue;
            }
            if is_dash(c) || c == '第' {
                mark = true;
                if c == '第' {
                    solid += 1;
                }
            } else {
                solid += 1;
                digit |= c.is_ascii_digit();
            }
            if solid > 16 {
                break;
            }
        }
        if solid > 16 || !digit || !mark {
            start += line.len();
            continue;
        }
        let all: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let t = all.trim_matches('|');
        let core = t.trim_matches(|c: char| is_dash(c) || c == '|');
        let dashed = core.len() < t.len() && t.starts_with(is_dash) && t.ends_with(is_dash);
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
        let paged = t
            .strip_prefix('第')
            .and_then(|r| r.split_once('页'))
            .is_some_and(|(n, rest)| digits(n) && (rest.is_empty() || rest.starts_with('共')));
        if (dashed && digits(core)) || paged {
            out.push(start..start + line.len());
        }
        start += line.len();
    }
    out
}

/// Cuts the text into values and groups.
fn stream(text: &str) -> Stream {
    let skip = footers(text);
    let mut skip_at = 0;
    let mut s = Stream::default();
    let mut line = 0usize;
    // Where the text since the last value began, and whether it held a word.
    let mut since = 0usize;
    let mut word = true;
    let mut i = 0usize;
    let chars_at = |i: usize| text.get(i..).and_then(|r| r.chars().next());
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // An ASCII byte is its character; `i` is always at a character's
        // start, so a longer one is decoded from here.
        let c = match bytes[i] {
            b @ 0..0x80 => char::from(b),
            _ => match chars_at(i) {
                Some(c) => c,
                None => break,
            },
        };
        if let Some(r) = skip.get(skip_at)
            && i >= r.start
        {
            if i < r.end {
                i = r.end;
                line += 1;
                continue;
            }
            skip_at += 1;
            continue;
        }
        let len = c.len_utf8();
        if c == '\n' {
            line += 1;
        }
        if is_sep(c) {
            i += len;
            continue;
        }
        if digit(c).is_some() {
            let (end, mut digits, mut at) = scan_number(text, i);
            let next = chars_at(end);
            // Glued to 第 (an ordinal) or to letters (OCR damage: "4l304",
            // "1O"): not a value.
            let glued_before = text[..i].chars().next_back();
            // A decimal cut by a space ("7730 .28"): neither half is a value.
            let cut_decimal = matches!(glued_before, Some('.' | '．'))
                || text[end..]
                    .strip_prefix(' ')
                    .and_then(|r| r.strip_prefix(['.', '．']))
                    .and_then(|r| r.chars().next())
                    .is_some_and(|c| digit(c).is_some());
            let ordinal = glued_before == Some('第')
                || glued_before.is_some_and(|p| p.is_ascii_alphabetic())
                || next.is_some_and(|n| n.is_ascii_alphabetic())
                || cut_decimal;
            // "2.其他…": the last digit enumerates the next label.
            let enumerator = !digits.contains('.')
                && matches!(next, Some('.' | '．' | '、'))
                && text[end..]
                    .char_indices()
                    .skip(1)
                    .find(|(_, c)| !c.is_whitespace())
                    .is_some_and(|(_, c)| is_cjk(c));
            let after = text[end..]
                .chars()
                .find(|c| *c != ' ' && *c != '\t' && *c != '\u{3000}');
            let quantity = after.is_some_and(is_unit);
            let keep = if enumerator {
                digits.len() - 1
            } else {
                digits.len()
            };
            if ordinal || quantity || keep == 0 {
                word = true;
                i = end;
                continue;
            }
            let vend = end_of(text, at[keep - 1]);
            digits.truncate(keep);
            at.truncate(keep);
            push_val(
                &mut s,
                Val {
                    span: Span::new(i, vend),
                    digits,
                    at,
                    line,
                },
                (&mut since, &mut word),
            );
            if enumerator {
                word = true;
            }
            i = end;
            continue;
        }
        if is_dash(c) {
            // A mark stands alone between separators; a longer run of dashes
            // is a markdown rule (a separator).
            let end = text[i..]
                .char_indices()
                .find(|(_, c)| !is_dash(*c))
                .map_or(text.len(), |(k, _)| i + k);
            let run = text[i..end].chars().count();
            let before_ok = text[..i].chars().next_back().is_none_or(is_sep);
            let after_ok = chars_at(end).is_none_or(is_sep);
            if run >= 3 && before_ok && after_ok {
                i = end;
                continue;
            }
            if before_ok && after_ok {
                push_val(
                    &mut s,
                    Val {
                        span: Span::new(i, end),
                        digits: String::new(),
                        at: Vec::new(),
                        line,
                    },
                    (&mut since, &mut word),
                );
                i = end;
                continue;
            }
        }
        word = true;
        i += len;
    }
    s.rest = since..text.len();
    s
}

/// Adds a value: to the open group, or to a new one when a word came since.
fn push_val(s: &mut Stream, v: Val, (since, word): (&mut usize, &mut bool)) {
    let k = s.vals.len();
    let start = v.span.start;
    let end = v.span.end;
    s.vals.push(v);
    match s.groups.last_mut() {
        Some(g) if !*word => g.vals.end = k + 1,
        _ => s.groups.push(Group {
            vals: k..k + 1,
            before: *since..start,
        }),
    }
    *since = end;
    *word = false;
}

/// The end of the character (a digit, ASCII or full-width) at `at`.
fn end_of(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// A number from `i`: its end, its ASCII digits (one '.' for a decimal) and
/// the byte offset of each.
fn scan_number(text: &str, i: usize) -> (usize, String, Vec<usize>) {
    let mut digits = String::with_capacity(8);
    let mut at = Vec::with_capacity(8);
    let mut end = i;
    let mut dot = false;
    let mut it = text[i..].char_indices().peekable();
    while let Some((k, c)) = it.next() {
        if let Some(d) = digit(c) {
            digits.push(d as char);
            at.push(i + k);
            end = i + k + c.len_utf8();
            continue;
        }
        // A decimal point between digits.
        if !dot && matches!(c, '.' | '．') && !digits.is_empty() {
            // A decimal point between digits, or before a space and digits
            // (OCR: "923. 71").
            let rest = &text[i + k + c.len_utf8()..];
            let after = rest.strip_prefix(' ').unwrap_or(rest);
            if after.chars().next().and_then(digit).is_some() {
                dot = true;
                digits.push('.');
                at.push(i + k);
                if after.len() < rest.len() {
                    it.next();
                }
                continue;
            }
        }
        break;
    }
    (end, digits, at)
}

// ---------------------------------------------------------------------------
// Labels

/// A distinctive piece of a row label.
struct Key {
    row: usize,
    /// The piece, as [`compact`] writes it (ASCII parentheses).
    text: &'static str,
    /// How far from the stretch's end the piece may end (label before its
    /// values) and how far from its start it may begin (label after them),
    /// in characters.
    tail: usize,
    head: usize,
}

const fn key(row: usize, text: &'static str, tail: usize, head: usize) -> Key {
    Key {
        row,
        text,
        tail,
        head,
    }
}

/// Table B's row keys: the words of each label no other label has.
const REQUEST_KEYS: &[Key] = &[
    key(0, "本年新收", 16, 6),
    key(0, "新收政府信息", 14, 8),
    key(1, "上年结转", 16, 6),
    key(2, "予以公开", 4, 12),
    key(3, "部分公开", 30, 12),
    key(4, "国家秘密", 4, 18),
    key(5, "禁止公开", 4, 24),
    key(5, "其他法律行政法规", 8, 14),
    key(5, "法规禁止", 6, 16),
    key(5, "其他法律", 14, 14),
    key(5, "法律行政法规", 8, 14),
    key(6, "三安全", 8, 14),
    key(6, "一稳定", 4, 18),
    key(7, "第三方合法", 8, 14),
    key(7, "保护第三方", 10, 12),
    key(7, "第三方", 8, 14),
    key(8, "内部事务", 6, 16),
    key(9, "过程性信息", 4, 16),
    key(10, "执法案卷", 4, 18),
    key(11, "查询事", 6, 18),
    key(11, "行政查询", 6, 18),
    key(12, "不掌握", 12, 16),
    key(13, "另行制作", 4, 20),
    key(13, "没有现成", 10, 12),
    key(14, "仍不明确", 4, 20),
    key(14, "补正后申请", 10, 12),
    key(14, "不明确", 4, 22),
    key(15, "信访举报", 10, 14),
    key(15, "举报投诉", 8, 16),
    key(16, "重复申请", 4, 14),
    key(17, "出版物", 4, 20),
    key(18, "大量反复", 8, 18),
    key(19, "重新出具", 10, 20),
    key(19, "确认或重新", 12, 18),
    key(20, "逾期不补正", 24, 24),
    key(21, "收费通知", 24, 28),
    key(21, "缴纳费用", 20, 32),
    key(21, "逾期未", 28, 24),
    key(22, "3.其他", 4, 12),
    key(22, "3、其他", 4, 12),
    key(23, "(七)总计", 4, 4),
    key(23, "(七)合计", 4, 4),
    key(23, "(七)总", 5, 4),
    key(24, "结转下年度", 12, 6),
    key(24, "下年度继续", 10, 8),
];

/// Table A's row keys.
const ACTIVE_KEYS: &[Key] = &[
    key(0, "规章", 3, 3),
    key(1, "规范性文件", 3, 5),
    key(2, "行政许可", 3, 3),
    key(3, "行政处罚", 3, 3),
    key(4, "行政强制", 3, 3),
    key(5, "事业性收费", 12, 5),
];

/// A label spotted in a stretch: the row and how well it matched (1 exact,
/// less with a character damaged, less still for a bare word).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Spot {
    row: usize,
    score: f32,
    /// Where the label's key stands in the text (bytes).
    start: usize,
    end: usize,
}

/// The stretch as a matcher sees it: without separators and cell borders,
/// full-width ASCII forms as ASCII; each character's byte range.
fn chars_of(text: &str, range: Range<usize>) -> (Vec<char>, Vec<(usize, usize)>) {
    let part = &text[range.clone()];
    let mut chars = Vec::with_capacity(part.len() / 2);
    let mut at = Vec::with_capacity(part.len() / 2);
    for (k, c) in part.char_indices() {
        if let Some(kc) = kept(part, k, c) {
            let start = range.start + k;
            chars.push(kc);
            at.push((start, start + c.len_utf8()));
        }
    }
    (chars, at)
}

/// The character at byte `k` of `part` as [`chars_of`] keeps it (full-width
/// ASCII made half-width), or `None` for a separator or a markdown rule.
fn kept(part: &str, k: usize, c: char) -> Option<char> {
    // A markdown rule ("| --- | :---: |") is one mark, not a label's length.
    let ruling = |c: char| matches!(c, '-' | ':' | '=');
    let rule = |k: usize| {
        let back = part[..k].chars().rev().take_while(|c| ruling(*c)).count();
        let on = part[k..].chars().take_while(|c| ruling(*c)).count();
        (back + on >= 3).then_some(back)
    };
    if is_sep(c) || (ruling(c) && rule(k).is_some_and(|back| back > 0)) {
        return None;
    }
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    (!is_sep(c)).then_some(c)
}

/// [`chars_of`] for the first and the last `n` kept characters of a
/// stretch (all of it when the two meet): a long stretch of narrative is
/// read at its ends only, which is all [`spots`] looks at.
fn chars_of_ends(text: &str, range: Range<usize>, n: usize) -> (Vec<char>, Vec<(usize, usize)>) {
    let part = &text[range.clone()];
    // A short stretch is read whole (no character is more than 4 bytes).
    if part.len() <= 4 * 2 * n {
        return chars_of(text, range);
    }
    let mut chars = Vec::with_capacity(2 * n);
    let mut at = Vec::with_capacity(2 * n);
    let mut head_end = 0;
    for (k, c) in part.char_indices() {
        if chars.len() == n {
            break;
        }
        head_end = k + c.len_utf8();
        if let Some(kc) = kept(part, k, c) {
            chars.push(kc);
            at.push((range.start + k, range.start + k + c.len_utf8()));
        }
    }
    let mut tail = Vec::with_capacity(n);
    for (k, c) in part.char_indices().rev() {
        if tail.len() == n {
            break;
        }
        if k < head_end {
            // The two ends meet: the stretch is short.
            return chars_of(text, range);
        }
        if let Some(kc) = kept(part, k, c) {
            tail.push((kc, (range.start + k, range.start + k + c.len_utf8())));
        }
    }
    for (c, a) in tail.into_iter().rev() {
        chars.push(c);
        at.push(a);
    }
    (chars, at)
}

/// Where `key` occurs in `hay` (start, end, exact?), allowing one damaged
/// character in a key of four or more.
fn find_all(hay: &[char], key: &[char]) -> Vec<(usize, usize, bool)> {
    let n = key.len();
    let mut out = Vec::new();
    if n == 0 || hay.len() < n {
        return out;
    }
    for s in 0..=hay.len() - n {
        // Every match keeps the key's first or last character.
        if hay[s] != key[0] && hay[s + n - 1] != key[n - 1] {
            continue;
        }
        if let Some(exact) = matches(&hay[s..s + n], key) {
            out.push((s, s + n, exact));
        }
    }
    out
}

/// Whether `hay` (as long as `key`) is the key: `Some(true)` exactly,
/// `Some(false)` with one damaged character in a long key of ideographs.
fn matches(hay: &[char], key: &[char]) -> Option<bool> {
    let diff = hay.iter().zip(key).filter(|(a, b)| a != b).count();
    let may_damage = || key.len() >= 5 && key.iter().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(c));
    match diff {
        0 => Some(true),
        1 if may_damage() => Some(false),
        _ => None,
    }
}

/// The labels a stretch holds near its ends, in text order: those near its
/// end name the values after it (`tail`, the nearest last), those near its
/// start the values before it (`head`, the nearest first). The nearest label
/// must sit within its key's reach of the end; the others lie between it and
/// the end of the window.
#[derive(Debug, Clone, Default)]
struct Spots {
    tail: Vec<Spot>,
    head: Vec<Spot>,
    /// The stretch ends with a group label and no row label after it: the
    /// values after it are the group's merged row ("（六）其他处理 0 0 …").
    merged: bool,
}

/// Table B's group labels (compacted).
const GROUP_KEYS: &[&str] = &["不予公开", "无法提供", "不予处理", "其他处理"];

/// A table's keys with their pieces as characters, made once (the search
/// compares characters; collecting them at every stretch cost more than
/// the search).
struct Keys {
    keys: &'static [Key],
    chars: Vec<Vec<char>>,
    /// Each key's first (last) character and its index, by character: the
    /// keys that may start (end) at a character of the text.
    firsts: Vec<(char, usize)>,
    lasts: Vec<(char, usize)>,
    /// Which characters may start (end) a key, by their code modulo 1024:
    /// most characters of a text are turned away here, before the lists
    /// are searched.
    may_start: Bits,
    may_end: Bits,
}

/// A set of characters by their code modulo 1024 (a character not in it is
/// surely not one of them; one in it may be).
struct Bits([u64; 16]);

impl Bits {
    fn of(chars: impl Iterator<Item = char>) -> Bits {
        let mut b = [0u64; 16];
        for c in chars {
            let k = c as usize & 1023;
            b[k >> 6] |= 1 << (k & 63);
        }
        Bits(b)
    }

    fn may_hold(&self, c: char) -> bool {
        let k = c as usize & 1023;
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

impl Keys {
    fn new(keys: &'static [Key]) -> Keys {
        let chars: Vec<Vec<char>> = keys.iter().map(|k| k.text.chars().collect()).collect();
        let by = |end: fn(&[char]) -> Option<&char>| {
            let mut v: Vec<(char, usize)> = chars
                .iter()
                .enumerate()
                .filter_map(|(i, c)| end(c).map(|&c| (c, i)))
                .collect();
            v.sort_unstable();
            v
        };
        let (firsts, lasts) = (by(<[char]>::first), by(<[char]>::last));
        Keys {
            may_start: Bits::of(firsts.iter().map(|(c, _)| *c)),
            may_end: Bits::of(lasts.iter().map(|(c, _)| *c)),
            firsts,
            lasts,
            keys,
            chars,
        }
    }

    /// The keys whose first (or last) character is `c`.
    fn at(list: &[(char, usize)], c: char) -> impl Iterator<Item = usize> + '_ {
        let lo = list.partition_point(|(k, _)| *k < c);
        list[lo..]
            .iter()
            .take_while(move |(k, _)| *k == c)
            .map(|(_, i)| *i)
    }
}

static REQUEST_SET: LazyLock<Keys> = LazyLock::new(|| Keys::new(REQUEST_KEYS));
static ACTIVE_SET: LazyLock<Keys> = LazyLock::new(|| Keys::new(ACTIVE_KEYS));
static GROUP_CHARS: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| GROUP_KEYS.iter().map(|g| g.chars().collect()).collect());

/// Every key of `keys` in `part` (which starts at `from` in its stretch):
/// (start, end, key index, exact), positions in the stretch, by key and
/// position. What [`find_all`] finds for each key, found in one pass: every
/// match keeps the key's first or last character, so only the keys that
/// start or end at a character of the part are tried there.
fn search(part: &[char], from: usize, keys: &Keys) -> Vec<(usize, usize, usize, bool)> {
    let mut out = Vec::new();
    let mut try_at = |s: usize, ki: usize| {
        let key = &keys.chars[ki];
        if let Some(exact) = part.get(s..s + key.len()).and_then(|hay| matches(hay, key)) {
            out.push((from + s, from + s + key.len(), ki, exact));
        }
    };
    for (p, &c) in part.iter().enumerate() {
        if keys.may_start.may_hold(c) {
            for ki in Keys::at(&keys.firsts, c) {
                try_at(p, ki);
            }
        }
        if !keys.may_end.may_hold(c) {
            continue;
        }
        for ki in Keys::at(&keys.lasts, c) {
            let key = &keys.chars[ki];
            // A match that keeps the first character is found from it.
            if let Some(s) = (p + 1).checked_sub(key.len())
                && part[s] != key[0]
            {
                try_at(s, ki);
            }
        }
    }
    out.sort_unstable_by_key(|m| (m.2, m.0));
    out
}

fn spots(text: &str, range: Range<usize>, keys: &Keys, bare: &[(usize, &str)]) -> Spots {
    // Only the ends of a long stretch can hold a row label.
    const WINDOW: usize = 64;
    let (all, at) = chars_of_ends(text, range.clone(), WINDOW);
    let cut = all.len().saturating_sub(WINDOW);
    let tail_part = &all[cut..];
    let head_part = &all[..all.len().min(WINDOW)];
    let bytes = |from: usize, s: usize, e: usize| (at[from + s].0, at[from + e - 1].1);
    // Every key found in the windows (start, end in `all`, key, exact),
    // searched once where the two windows overlap.
    let matches = if all.len() <= 2 * WINDOW {
        search(&all, 0, keys)
    } else {
        let mut m = search(head_part, 0, keys);
        m.extend(search(tail_part, cut, keys));
        m
    };
    // (start, end in the window, spot, reach ok) of every key found in the
    // tail or the head window, by position.
    let found = |at_end: bool| -> Vec<(usize, usize, Spot, bool)> {
        let (lo, hi) = if at_end {
            (cut, all.len())
        } else {
            (0, head_part.len())
        };
        let mut v: Vec<(usize, usize, Spot, bool)> = Vec::new();
        for &(s, e, ki, exact) in &matches {
            if s < lo || e > hi {
                continue;
            }
            let k = &keys.keys[ki];
            let (ps, pe) = (s - lo, e - lo);
            let reach = if at_end {
                hi - lo - pe <= k.tail
            } else {
                ps <= k.head
            };
            let (start, end) = bytes(0, s, e);
            let spot = Spot {
                row: k.row,
                score: if exact { 1.0 } else { 0.8 },
                start,
                end,
            };
            v.push((ps, pe, spot, reach));
        }
        v.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        // One spot per row where its keys follow each other.
        let mut out: Vec<(usize, usize, Spot, bool)> = Vec::new();
        for x in v {
            match out.last_mut() {
                Some(l) if l.2.row == x.2.row => {
                    l.1 = l.1.max(x.1);
                    l.2.end = l.2.end.max(x.2.end);
                    l.3 |= x.3;
                    if x.2.score > l.2.score {
                        l.2.score = x.2.score;
                    }
                }
                _ => out.push(x),
            }
        }
        out
    };
    let mut tail: Vec<Spot> = Vec::new();
    let t = found(true);
    let group_end = GROUP_CHARS
        .iter()
        .filter_map(|gc| find_all(tail_part, gc).last().map(|(s, e, _)| (*s, *e)))
        .max_by_key(|(_, e)| *e);
    let merged = group_end
        .is_some_and(|(gs, ge)| tail_part.len() - ge <= 2 && t.last().is_none_or(|l| l.1 <= gs))
        && keys.keys.len() == REQUEST_KEYS.len();
    if t.last().is_some_and(|l| l.3) {
        tail = t.iter().map(|x| x.2).collect();
    }
    let mut head: Vec<Spot> = Vec::new();
    let h = found(false);
    if h.first().is_some_and(|f| f.3) {
        head = h.iter().map(|x| x.2).collect();
    }
    // A bare word ("其他", "总计") names a row only when it is the whole
    // end (or start) of the stretch.
    let named = |last: bool| {
        bare_word(&all, last).and_then(|p| {
            bare.iter()
                .find(|(_, w)| *w == p)
                .map(|(r, w)| (*r, w.chars().count()))
        })
    };
    if let Some((row, n)) = named(true)
        && tail.last().is_none_or(|l| l.row < row)
    {
        let (start, end) = bytes(0, all.len() - n, all.len());
        tail.push(Spot {
            row,
            score: 0.4,
            start,
            end,
        });
    }
    if let Some((row, n)) = named(false)
        && head.first().is_none_or(|f| f.row > row)
    {
        let (start, end) = bytes(0, 0, n);
        head.insert(
            0,
            Spot {
                row,
                score: 0.4,
                start,
                end,
            },
        );
    }
    Spots { tail, head, merged }
}

/// The bare word ([`BARE_WORDS`]) the stretch ends (or starts) with, when
/// it is not the end of a longer word ("其他处理", "组织其他").
fn bare_word(all: &[char], last: bool) -> Option<&'static str> {
    // The longest word and the character beside it.
    const NEAR: usize = 6;
    let near = if last {
        &all[all.len().saturating_sub(NEAR)..]
    } else {
        &all[..all.len().min(NEAR)]
    };
    let s: String = near.iter().collect();
    BARE_WORDS.iter().copied().find(|w| {
        if last {
            s.strip_suffix(w).is_some_and(|rest| {
                rest.chars()
                    .next_back()
                    .is_none_or(|c| !is_cjk(c) || c == '(')
            })
        } else {
            s.strip_prefix(w)
                .is_some_and(|rest| rest.chars().next().is_none_or(|c| !is_cjk(c)))
        }
    })
}

const BARE_WORDS: &[&str] = &["3.其他", "其他", "总计", "合计"];

/// Table B's bare words: the row each names when it stands alone.
const REQUEST_BARE: &[(usize, &str)] = &[(22, "3.其他"), (22, "其他"), (23, "总计"), (23, "合计")];

// ---------------------------------------------------------------------------
// Table B

/// One row's worth of values from a group.
#[derive(Debug, Clone)]
enum RowVals {
    /// As many values as the row has cells.
    Full(Vec<Val>),
    /// One value fewer: a cell was lost.
    Short(Vec<Val>),
    /// One value fewer, and the layout shows an empty cell at this place.
    Gap(Vec<Val>, usize),
    /// Digits run together ("602000062"): every split the row's own total
    /// admits (more than one: the column checks choose, or none is taken),
    /// and the digits.
    Splits(Vec<Vec<Val>>, String),
    /// Digits run together, not split yet, as one value.
    Run(Val),
    /// A row printed over two lines (a label's wrapped line between its
    /// values, the 总计 centred on the first line), its pieces in the one
    /// order the row total admits.
    Joined(Vec<Val>),
    /// A row whose tokens OCR damaged in the one way that gives the row its
    /// cells and its total: cell borders read as "1" between single digits
    /// ("0101010" for "0|0|0|0"), or cells glued after a 0 ("0110" for
    /// "0 110": a count never starts with 0).
    Mended(Vec<Val>),
}

impl RowVals {
    /// Where its values stand in the text.
    fn span(&self) -> Span {
        if let RowVals::Run(v) = self {
            return v.span;
        }
        let vals = match self {
            RowVals::Full(v)
            | RowVals::Short(v)
            | RowVals::Gap(v, _)
            | RowVals::Joined(v)
            | RowVals::Mended(v) => v.as_slice(),
            RowVals::Splits(s, _) => s.first().map_or(&[][..], Vec::as_slice),
            RowVals::Run(..) => &[],
        };
        // A joined row's pieces are not in text order: its span covers both.
        let start = vals.iter().map(|v| v.span.start).min();
        let end = vals.iter().map(|v| v.span.end).max();
        match (start, end) {
            (Some(a), Some(b)) => Span::new(a, b),
            _ => Span::new(0, 0),
        }
    }
}

/// A candidate row: its values, the labels beside it, and whether its own
/// total holds.
#[derive(Debug, Clone)]
struct Item {
    vals: RowVals,
    /// Labels before it (the nearest last) and after it (the nearest
    /// first), each with how much it says ([`weight`]).
    before: Weighed,
    after: Weighed,
    holds: Option<bool>,
    /// A group's merged row: its sub-rows cannot be told apart.
    merged: bool,
    /// Refused as an unlabelled row by [`confirm_gaps`].
    refused: bool,
}

impl Item {
    /// Whether it may be placed with no label beside it: a whole row whose
    /// total holds, not refused by the gap check, not a group's merged row.
    fn may_go_unlabelled(&self) -> bool {
        matches!(self.vals, RowVals::Full(_))
            && self.holds == Some(true)
            && !self.refused
            && !self.merged
    }

    /// How strongly the labels beside it name `row` (0: not at all).
    fn label(&self, row: usize) -> f32 {
        self.before
            .iter()
            .chain(&self.after)
            .filter(|(s, _)| s.row == row)
            .map(|(s, w)| s.score * w)
            .fold(0.0, f32::max)
    }
}

/// How much a label beside a row's values says it is theirs, by what stands
/// between them (`gap`): on the same line, much; on the next line, less;
/// across a blank line, less still. A label before its values counts a
/// little more than one after them, the nearest more than the others.
fn weight(gap: &str, before: bool, nearest: bool) -> f32 {
    let lines = gap.matches('\n').count();
    let blank = gap
        .split('\n')
        .skip(1)
        .take(lines.saturating_sub(1))
        .any(|l| l.trim().is_empty());
    let base = match (lines, blank) {
        (0, _) => 20.0,
        (_, false) => 10.0,
        (_, true) => 6.0,
    };
    base - if before { 0.0 } else { 0.1 } - if nearest { 0.0 } else { 0.05 }
}

/// Labels with how much each says.
type Weighed = Vec<(Spot, f32)>;

/// The labels that may name item `j` of a group of `m` items: labels before
/// the group go to its first items in order, labels after it to its last
/// items in order, and how many of a stretch's labels are the group's (the
/// rest are the neighbouring group's) is left open: each count gives the
/// item a candidate. Each is weighed by what stands between it and the
/// item's values (`start..end`).
fn weighed(
    text: &str,
    (tail, head): (&[Spot], &[Spot]),
    (j, m): (usize, usize),
    (start, end): (usize, usize),
) -> (Weighed, Weighed) {
    let mut before: Weighed = Vec::new();
    let k = tail.len();
    for n in (j + 1)..=k.min(m) {
        let at = k - n + j;
        let s = tail[at];
        if !before.iter().any(|(b, _)| b.start == s.start) {
            before.push((s, weight(&text[s.end.min(start)..start], true, at + 1 == k)));
        }
    }
    let mut after: Weighed = Vec::new();
    let k = head.len();
    for n in (m - j)..=k.min(m) {
        let at = j + n - m;
        let s = head[at];
        if !after.iter().any(|(a, _)| a.start == s.start) {
            after.push((s, weight(&text[end..s.start.max(end)], false, at == 0)));
        }
    }
    (before, after)
}

/// The columns' positions in a table B row.
struct Cols {
    /// Whether table B's header prints its 总计 column (when it does not, a
    /// row one value short lost its total).
    header_has_total: bool,
    /// The column ids, in order.
    ids: Vec<&'static str>,
    n: usize,
    total: usize,
    applicants: Vec<usize>,
    orgs: Vec<usize>,
    subtotal: Option<usize>,
}

impl Cols {
    fn of(cols: &'static [ColDef]) -> Cols {
        let pos = |id: &str| cols.iter().position(|c| c.id == id);
        Cols {
            header_has_total: true,
            ids: cols.iter().map(|c| c.id).collect(),
            n: cols.len(),
            total: pos("total").unwrap_or(cols.len().saturating_sub(1)),
            applicants: APPLICANT_COLS.iter().filter_map(|c| pos(c)).collect(),
            orgs: ORG_COLS.iter().filter_map(|c| pos(c)).collect(),
            subtotal: pos(ORG_SUBTOTAL),
        }
    }

    /// Whether a full row of counts adds up (None when a value is not a count).
    fn holds(&self, v: &[Option<u64>]) -> Option<bool> {
        let get = |i: usize| v.get(i).copied().flatten();
        let total = get(self.total)?;
        let sum: Option<u64> = self.applicants.iter().map(|&i| get(i)).sum();
        let mut ok = sum? == total;
        if let Some(s) = self.subtotal {
            let orgs: Option<u64> = self.orgs.iter().map(|&i| get(i)).sum();
            ok &= orgs? == get(s)?;
        }
        Some(ok)
    }
}

/// Where the layout shows an empty cell among a row's values: between two
/// of them, or right after the last on its line ("| 0 | |"), by pipes with
/// only spaces between. Positions are in the row with the empty cells in.
fn empty_cells(text: &str, vals: &[Val]) -> Vec<usize> {
    let empty_in = |gap: &str| {
        gap.split('|')
            .skip(1)
            .take(gap.matches('|').count().saturating_sub(1))
            .filter(|c| c.trim().is_empty())
            .count()
    };
    let mut out = Vec::new();
    for (i, w) in vals.windows(2).enumerate() {
        for _ in 0..empty_in(&text[w[0].span.end..w[1].span.start]) {
            out.push(i + 1 + out.len());
        }
    }
    if let Some(last) = vals.last() {
        let rest = &text[last.span.end..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        for _ in 0..empty_in(line) {
            out.push(vals.len() + out.len());
        }
    }
    out
}

/// The candidate rows of one group, in order.
///
/// Values one per line (a cell-per-line table, or plain pdftotext, which
/// may print a table column by column) give no candidate here: whether such
/// values are a row or a column is for the layout's own reading to decide.
fn items_of(text: &str, s: &Stream, g: &Group, cols: &Cols) -> Vec<RowVals> {
    let vals = &s.vals[g.vals.clone()];
    let n = cols.n;
    let k = vals.len();
    let one_per_line = vals.windows(2).all(|w| w[0].line != w[1].line);
    if k > 1 && one_per_line {
        // A row's worth of values, one per line, between two labels (a
        // cell-per-line table, a web page's cells as paragraphs): a row
        // where its own total holds — a table printed column by column
        // gives groups of a column's length, whose last value is no sum.
        if k == n && cols.holds(&values_of(vals)) == Some(true) {
            return vec![RowVals::Full(vals.to_vec())];
        }
        if k == n - 1 && !vals.iter().any(|v| v.digits.contains('.')) {
            return vec![RowVals::Short(vals.to_vec())];
        }
        return Vec::new();
    }
    if let Some(mended) = mend(vals, cols) {
        return vec![RowVals::Mended(mended)];
    }
    if k == n {
        return vec![full_or_joined(vals, cols)];
    }
    if k == n - 1 {
        // An empty cell the layout shows among the values ("| 0 | | 0 |", or
        // "| 0 | |" at the row's end) is the cell without a value.
        if let [p] = empty_cells(text, vals).as_slice() {
            return vec![RowVals::Gap(vals.to_vec(), *p)];
        }
        return vec![RowVals::Short(vals.to_vec())];
    }
    if k < n - 1 {
        // One run of digits, or two with a stray space between: values
        // printed apart are not joined.
        if k > 2 || vals.iter().any(|v| v.is_mark() || v.digits.contains('.')) {
            return Vec::new();
        }
        let mut digits = String::new();
        let mut at = Vec::new();
        for v in vals {
            digits.push_str(&v.digits);
            at.extend_from_slice(&v.at);
        }
        let piece = |a: usize, b: usize| Val {
            span: Span::new(at[a], end_of(text, at[b - 1])),
            digits: digits[a..b].to_string(),
            at: at[a..b].to_vec(),
            line: vals[0].line,
        };
        // As many digits as the row has cells but one: one digit each, a
        // cell lost (its place is for the column checks to find).
        if digits.len() == n - 1 {
            return vec![RowVals::Short(
                (0..n - 1).map(|i| piece(i, i + 1)).collect(),
            )];
        }
        // Split later, and only where a label stands beside it.
        let (first, last) = (vals[0].span.start, vals[k - 1].span.end);
        return vec![RowVals::Run(Val {
            span: Span::new(first, last),
            digits,
            at,
            line: vals[0].line,
        })];
    }
    // Thousands separators ("41,304") read as cells of their own: where
    // joining exactly the pieces a comma splits gives the row its cells and
    // its total holds, they are one number.
    if k <= n + 2 {
        let joints: Vec<usize> = (1..k)
            .filter(|&i| {
                let (a, b) = (&vals[i - 1], &vals[i]);
                &text[a.span.end..b.span.start] == ","
                    && b.digits.len() == 3
                    && !a.is_mark()
                    && !a.digits.starts_with('0')
                    && !a.digits.contains('.')
                    && !b.digits.contains('.')
            })
            .collect();
        if k - joints.len() == n {
            let mut joined: Vec<Val> = Vec::new();
            for (i, v) in vals.iter().enumerate() {
                match joined.last_mut() {
                    Some(last) if joints.contains(&i) => {
                        last.span.end = v.span.end;
                        last.digits.push_str(&v.digits);
                        last.at.extend_from_slice(&v.at);
                    }
                    _ => joined.push(v.clone()),
                }
            }
            if cols.holds(&values_of(&joined)) == Some(true) {
                return vec![RowVals::Full(joined)];
            }
        }
    }
    // Several rows in one group: by lines when each line holds one row (a
    // lone number on a line of its own between them is a page number).
    let mut lines: Vec<&[Val]> = Vec::new();
    let mut from = 0;
    for i in 1..=k {
        if i == k || vals[i].line != vals[from].line {
            lines.push(&vals[from..i]);
            from = i;
        }
    }
    let rows: Vec<&[Val]> = lines.iter().copied().filter(|l| l.len() != 1).collect();
    if rows.len() >= 2 && rows.iter().all(|l| l.len() == n) && lines.len() - rows.len() <= 2 {
        return rows
            .into_iter()
            .map(|l| RowVals::Full(l.to_vec()))
            .collect();
    }
    if k.is_multiple_of(n) {
        let chunks: Vec<&[Val]> = vals.chunks(n).collect();
        if chunks
            .iter()
            .all(|c| cols.holds(&values_of(c)) == Some(true))
        {
            return chunks
                .into_iter()
                .map(|c| RowVals::Full(c.to_vec()))
                .collect();
        }
    }
    Vec::new()
}

/// Whether a candidate's values stand one per line.
fn one_per_line(vals: &RowVals) -> bool {
    match vals {
        RowVals::Full(v) | RowVals::Short(v) => {
            v.len() > 1 && v.windows(2).all(|w| w[0].line != w[1].line)
        }
        _ => false,
    }
}

/// A group OCR damaged, mended: where the printed tokens do not give the row
/// its cells adding up, but exactly one set of values from their damaged
/// readings ([`token_readings`]) does, that row (its cells keep the spans of
/// their digits). None when the printed row already adds up, or when no
/// reading or several disagreeing ones do.
fn mend(vals: &[Val], cols: &Cols) -> Option<Vec<Val>> {
    // Only rows on one line, with a token a reading can change.
    if vals.is_empty() || vals.iter().any(|v| v.line != vals[0].line) || vals.len() > cols.n {
        return None;
    }
    if !vals.iter().any(may_be_damaged) {
        return None;
    }
    if vals.len() == cols.n && cols.holds(&values_of(vals)) == Some(true) {
        return None;
    }
    // The digits of every token, to read back without the text.
    let readings: Vec<Vec<Vec<Val>>> = vals.iter().map(token_readings).collect();
    let mut found: Option<Vec<Val>> = None;
    let mut combos = 1usize;
    for r in &readings {
        combos = combos.saturating_mul(r.len());
    }
    if combos > 4096 {
        return None;
    }
    for mut k in 0..combos {
        let mut row: Vec<Val> = Vec::new();
        for r in &readings {
            row.extend(r[k % r.len()].iter().cloned());
            k /= r.len();
        }
        if row.len() != cols.n
            || row
                .iter()
                .any(|v| v.digits.len() > 1 && v.digits.starts_with('0'))
        {
            continue;
        }
        if cols.holds(&values_of(&row)) != Some(true) {
            continue;
        }
        match &found {
            None => found = Some(row),
            Some(f) if values_of(f) == values_of(&row) => {}
            Some(_) => return None,
        }
    }
    found
}

/// Whether a token has a reading besides the printed one
/// ([`token_readings`]), without building it: a leading zero, or every other
/// digit a "1".
fn may_be_damaged(v: &Val) -> bool {
    let d = v.digits.as_bytes();
    if v.is_mark() || d.len() < 2 || d.contains(&b'.') {
        return false;
    }
    let alternating =
        |start: usize| d.len() >= 3 && (start..d.len()).step_by(2).all(|i| d[i] == b'1');
    d[0] == b'0' || alternating(0) || alternating(1)
}

/// The readings of one token OCR may have damaged: as printed; with the
/// cell borders it read as "1" dropped (every other digit a "1", the others
/// single-digit cells); or with its leading zeros as cells of their own.
fn token_readings(v: &Val) -> Vec<Vec<Val>> {
    let mut out = vec![vec![v.clone()]];
    let d = v.digits.as_bytes();
    if v.is_mark() || v.digits.contains('.') || d.len() < 2 {
        return out;
    }
    // A digit's end: the next digit's offset, or the token's end.
    let end = |a: usize| v.at.get(a + 1).copied().unwrap_or(v.span.end);
    let piece = |a: usize| Val {
        span: Span::new(v.at[a], end(a)),
        digits: v.digits[a..a + 1].to_string(),
        at: vec![v.at[a]],
        line: v.line,
    };
    for start in [0usize, 1] {
        let seps = (start..d.len()).step_by(2).all(|i| d[i] == b'1');
        let cells: Vec<usize> = ((1 - start)..d.len()).step_by(2).collect();
        if d.len() >= 3 && seps && !cells.is_empty() {
            out.push(cells.into_iter().map(piece).collect());
        }
    }
    if d[0] == b'0' {
        let zeros = d
            .iter()
            .take_while(|b| **b == b'0')
            .count()
            .min(d.len() - 1);
        let mut parts: Vec<Val> = (0..zeros).map(piece).collect();
        parts.push(Val {
            span: Span::new(v.at[zeros], v.span.end),
            digits: v.digits[zeros..].to_string(),
            at: v.at[zeros..].to_vec(),
            line: v.line,
        });
        out.push(parts);
    }
    out
}

/// A group of a row's worth of values: as printed, or — when it stands on
/// two lines and only the other order of its lines makes the row add up (a
/// two-line label with the 总计 centred on its first line, the other values
/// on the second) — in that order, as a joined row.
fn full_or_joined(vals: &[Val], cols: &Cols) -> RowVals {
    // A row that does not add up is kept as printed (a publisher's error
    // must still fail its check) — unless its digits show OCR damage (a
    // token with another reading: borders read as 1, a 0 glued to a cell):
    // then which cell is wrong is not known, and none is taken.
    let damaged = || vals.iter().any(may_be_damaged);
    if cols.holds(&values_of(vals)) == Some(false) && damaged() {
        return RowVals::Run(Val {
            span: Span::new(vals[0].span.start, vals[vals.len() - 1].span.end),
            digits: String::new(),
            at: Vec::new(),
            line: vals[0].line,
        });
    }
    let Some(cut) = (1..vals.len()).find(|&i| vals[i].line != vals[i - 1].line) else {
        return RowVals::Full(vals.to_vec());
    };
    let two_lines = vals[cut..].iter().all(|v| v.line == vals[cut].line);
    if !two_lines || cols.holds(&values_of(vals)) != Some(false) {
        return RowVals::Full(vals.to_vec());
    }
    let swapped: Vec<Val> = vals[cut..].iter().chain(&vals[..cut]).cloned().collect();
    if cols.holds(&values_of(&swapped)) == Some(true) {
        return RowVals::Joined(swapped);
    }
    // Neither order adds up: which is the printed one the lines don't say.
    RowVals::Run(Val {
        span: Span::new(vals[0].span.start, vals[vals.len() - 1].span.end),
        digits: String::new(),
        at: Vec::new(),
        line: vals[0].line,
    })
}

/// A row cut in two groups by its own wrapped label: a value or two alone at
/// the end of a label's line (a centred 总计), the rest of the row on a
/// later line. Joined in the one order that makes the row add up, the lone
/// piece first tried on the right; else none.
fn join_cut_row(text: &str, a: &[Val], b: &[Val], cols: &Cols) -> Option<RowVals> {
    let one_line = |v: &[Val]| v.iter().all(|x| x.line == v[0].line);
    if a.is_empty() || b.is_empty() || a.len() + b.len() != cols.n || !one_line(a) || !one_line(b) {
        return None;
    }
    if a.len() > 2 || b[0].line <= a[0].line || a.iter().chain(b).any(|v| v.digits.contains('.')) {
        return None;
    }
    // The lone piece ends a line that a label's words begin.
    let rest = &text[a[a.len() - 1].span.end..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let head = &text[..a[0].span.start];
    let head = &head[head.rfind('\n').map_or(0, |k| k + 1)..];
    if !line.chars().all(is_sep) || !head.chars().any(is_cjk) {
        return None;
    }
    for order in [[b, a], [a, b]] {
        let vals: Vec<Val> = order.concat();
        if cols.holds(&values_of(&vals)) == Some(true) {
            return Some(RowVals::Joined(vals));
        }
    }
    None
}

/// The splits of a run its row's own total admits, as values.
fn splits_of(text: &str, run: Val, request_cols: &[ColDef]) -> Option<RowVals> {
    let Val {
        digits, at, line, ..
    } = run;
    let splits = runs::all_request_splits(&digits, request_cols, 16)?;
    if splits.is_empty() {
        return None;
    }
    let piece = |a: usize, b: usize| Val {
        span: Span::new(at[a], end_of(text, at[b - 1])),
        digits: digits[a..b].to_string(),
        at: at[a..b].to_vec(),
        line,
    };
    let splits = splits
        .into_iter()
        .map(|parts| parts.into_iter().map(|(a, b)| piece(a, b)).collect())
        .collect();
    Some(RowVals::Splits(splits, digits))
}

/// How one item may be placed at a row, and what it scores.
fn score(item: &Item, row: usize) -> Option<f32> {
    if item.merged {
        return None;
    }
    let label = item.label(row);
    match (&item.vals, label > 0.0) {
        (RowVals::Full(_), true) => Some(
            label
                + match item.holds {
                    Some(true) => 2.0,
                    Some(false) => -1.0,
                    None => 0.0,
                },
        ),
        // An unlabelled row goes only where its total holds, and only
        // between labelled rows with exactly as many rows between them
        // ([`confirm_gaps`]); a lost label then costs no more than the
        // layout's other rows would, so it never pulls them off their labels.
        (RowVals::Full(_), false) => item.may_go_unlabelled().then_some(12.0),
        (RowVals::Joined(_) | RowVals::Mended(_), true) => Some(label + 1.0),
        (RowVals::Splits(..), true) => Some(label + 1.0),
        (RowVals::Short(_) | RowVals::Gap(..), true) => Some(label),
        _ => None,
    }
}

/// Assigns items to rows in template order, maximising the evidence: each
/// item to at most one row, rows strictly increasing.
fn align(items: &[Item], rows: usize) -> Vec<Option<usize>> {
    // best[r + 1]: the best score with the last row used being r (0: none).
    let n = items.len();
    let width = rows + 1;
    let mut best = vec![f32::NEG_INFINITY; (n + 1) * width];
    let mut from: Vec<(usize, Option<usize>)> = vec![(0, None); (n + 1) * width];
    best[0] = 0.0;
    // An item's score at a row does not depend on the rows before it: each
    // is worked out once, and an item that fits no row is only skipped.
    let mut scores: Vec<Option<f32>> = Vec::with_capacity(rows);
    for i in 0..n {
        scores.clear();
        scores.extend((0..rows).map(|row| score(&items[i], row)));
        let fits = scores.iter().any(Option::is_some);
        for last in 0..width {
            let here = best[i * width + last];
            if here == f32::NEG_INFINITY {
                continue;
            }
            // Skip the item.
            let skip = (i + 1) * width + last;
            if here > best[skip] {
                best[skip] = here;
                from[skip] = (last, None);
            }
            if !fits {
                continue;
            }
            for (row, s) in scores.iter().enumerate().skip(last) {
                if let Some(s) = *s {
                    let to = (i + 1) * width + row + 1;
                    if here + s > best[to] {
                        best[to] = here + s;
                        from[to] = (last, Some(row));
                    }
                }
            }
        }
    }
    let mut last = (0..width)
        .max_by(|a, b| best[n * width + a].total_cmp(&best[n * width + b]))
        .unwrap_or(0);
    let mut out = vec![None; n];
    for i in (0..n).rev() {
        let (prev, row) = from[(i + 1) * width + last];
        out[i] = row;
        last = prev;
    }
    out
}

/// The row the strongest label on one side of an item names, and its
/// weight.
fn side_label(w: &Weighed) -> Option<(usize, f32)> {
    w.iter()
        .map(|(s, w)| (s.row, s.score * w))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// Labels standing between groups at equal distance from both (each label
/// on a line of its own between two value lines) say nothing by themselves:
/// each could be the row's before or the next row's after. Such a run of
/// items is read on the one side where its rows fit between the rows placed
/// by unambiguous labels around it; where both sides fit and give different
/// rows, those items are not placed (the text does not say which).
fn settle_sides(items: &[Item], placed: &mut [Option<usize>]) {
    let sides: Vec<Option<(usize, usize)>> = items
        .iter()
        .map(|it| {
            let (b, wb) = side_label(&it.before)?;
            let (a, wa) = side_label(&it.after)?;
            // A label on its values' own line is theirs (a row's label cell
            // comes first): only labels on lines of their own are in doubt.
            let own_lines = wb < 15.0 && wa < 15.0;
            (b != a
                && own_lines
                && (wb - wa).abs() <= 0.25
                && score(it, b).is_some()
                && score(it, a).is_some())
            .then_some((b, a))
        })
        .collect();
    let mut i = 0;
    while i < items.len() {
        if sides[i].is_none() {
            i += 1;
            continue;
        }
        let j = (i..items.len())
            .find(|&k| sides[k].is_none())
            .unwrap_or(items.len());
        let low = placed[..i].iter().rev().flatten().next().copied();
        let high = placed[j..].iter().flatten().next().copied();
        let fits = |rows: &[usize]| {
            rows.windows(2).all(|w| w[0] < w[1])
                && low.is_none_or(|l| rows[0] > l)
                && high.is_none_or(|h| rows[rows.len() - 1] < h)
        };
        let before: Vec<usize> = sides[i..j].iter().flatten().map(|s| s.0).collect();
        let after: Vec<usize> = sides[i..j].iter().flatten().map(|s| s.1).collect();
        let take = match (fits(&before), fits(&after)) {
            (true, false) => Some(before),
            (false, true) => Some(after),
            (true, true) => {
                // Both fit: keep only the rows both readings give the same
                // values (an item and its neighbour holding equal values).
                for (k, idx) in (i..j).enumerate() {
                    let same = (i..j).any(|o| {
                        after[o - i] == before[k] && equal_rows(&items[o].vals, &items[idx].vals)
                    });
                    placed[idx] = same.then_some(before[k]);
                }
                None
            }
            (false, false) => None,
        };
        if let Some(rows) = take {
            for (k, idx) in (i..j).enumerate() {
                placed[idx] = Some(rows[k]);
            }
        }
        i = j;
    }
}

/// Whether two candidates hold the same values.
fn equal_rows(a: &RowVals, b: &RowVals) -> bool {
    let digits = |v: &RowVals| match v {
        RowVals::Full(v) | RowVals::Joined(v) | RowVals::Mended(v) => {
            Some(v.iter().map(|x| x.digits.clone()).collect::<Vec<_>>())
        }
        _ => None,
    };
    digits(a).is_some() && digits(a) == digits(b)
}

fn labelled(item: &Item, row: usize) -> bool {
    item.label(row) > 0.0
}

/// Keeps an unlabelled row only between two labelled ones with exactly as
/// many unlabelled candidates as rows between them, all placed in order.
fn confirm_gaps(items: &[Item], rows: &mut [Option<usize>]) -> Vec<usize> {
    let anchors: Vec<usize> = (0..items.len())
        .filter(|&i| rows[i].is_some_and(|r| labelled(&items[i], r)))
        .collect();
    let mut gap_filled = Vec::new();
    let mut keep = vec![false; items.len()];
    for w in anchors.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (ra, rb) = (rows[a].unwrap_or(0), rows[b].unwrap_or(0));
        let between: Vec<usize> = (a + 1..b)
            .filter(|&i| items[i].may_go_unlabelled() || rows[i].is_some() || items[i].refused)
            .collect();
        let ok = between.len() == rb - ra - 1
            && between
                .iter()
                .enumerate()
                .all(|(k, &i)| rows[i] == Some(ra + 1 + k));
        if ok {
            for &i in &between {
                keep[i] = true;
                gap_filled.push(i);
            }
        }
    }
    for i in 0..items.len() {
        if rows[i].is_some_and(|r| !labelled(&items[i], r)) && !keep[i] {
            rows[i] = None;
        }
    }
    gap_filled
}

/// The counts of a row's values, in column order (None: a mark).
fn values_of(vals: &[Val]) -> Vec<Option<u64>> {
    vals.iter().map(Val::count).collect()
}

/// Reads table B; also returns where its first and last placed rows start
/// and end in the text (for tables A and C).
fn read_requests(
    text: &str,
    s: &Stream,
    request_cols: &'static [ColDef],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Cells, Option<usize>, Option<usize>) {
    let mut cols = Cols::of(request_cols);
    let rows = TableId::Requests.rows();
    // The candidate rows of each group; the text between two groups that
    // hold candidates is one stretch (a lone number in a header, "数据1", is
    // part of it).
    let mut parts: Vec<(Range<usize>, Vec<RowVals>)> = Vec::new();
    let mut gi = 0;
    while gi < s.groups.len() {
        let g = &s.groups[gi];
        let here = &s.vals[g.vals.clone()];
        let bound = |g: &Group| s.vals[g.vals.start].span.start..s.vals[g.vals.end - 1].span.end;
        // A row cut in two by its wrapped label is one candidate.
        if let Some(next) = s.groups.get(gi + 1)
            && let Some(joined) = join_cut_row(text, here, &s.vals[next.vals.clone()], &cols)
        {
            parts.push((bound(g).start..bound(next).end, vec![joined]));
            gi += 2;
            continue;
        }
        let p = items_of(text, s, g, &cols);
        if !p.is_empty() {
            parts.push((bound(g), p));
        }
        gi += 1;
    }
    let bounds: Vec<Range<usize>> = parts.iter().map(|(b, _)| b.clone()).collect();
    let stretch_spots: Vec<Spots> = (0..=bounds.len())
        .map(|k| {
            let from = if k == 0 { 0 } else { bounds[k - 1].end };
            let to = bounds.get(k).map_or(text.len(), |b| b.start);
            spots(text, from..to.max(from), &REQUEST_SET, REQUEST_BARE)
        })
        .collect();
    let mut items: Vec<Item> = Vec::new();
    // Two rows' values one per line with no label between them: a label
    // stands on the other side of its values somewhere.
    let mut crowded = s.groups.iter().any(|g| {
        let v = &s.vals[g.vals.clone()];
        v.len() >= 2 * cols.n
            && v.len().is_multiple_of(cols.n)
            && v.windows(2).all(|w| w[0].line != w[1].line)
    });
    let rows_named = |spots: &[Spot]| {
        let mut r: Vec<usize> = spots.iter().map(|s| s.row).collect();
        r.dedup();
        r.len()
    };
    for (k, (_, group_parts)) in parts.into_iter().enumerate() {
        let m = group_parts.len();
        for (j, vals) in group_parts.into_iter().enumerate() {
            let span = vals.span();
            // Two row labels together beside values one per line: rows
            // left blank, or a label after its values; nothing here tells.
            if one_per_line(&vals)
                && (rows_named(&stretch_spots[k].tail) > 1
                    || rows_named(&stretch_spots[k + 1].head) > 1)
            {
                crowded = true;
            }
            let (before, after) = weighed(
                text,
                (&stretch_spots[k].tail, &stretch_spots[k + 1].head),
                (j, m),
                (span.start, span.end),
            );
            // A run is split only beside a label: unlabelled, it could not
            // be placed anyway.
            let vals = match vals {
                RowVals::Run(run) => {
                    if run.digits.is_empty() || (before.is_empty() && after.is_empty()) {
                        continue;
                    }
                    match splits_of(text, run, request_cols) {
                        Some(v) => v,
                        None => continue,
                    }
                }
                v => v,
            };
            let holds = match &vals {
                RowVals::Full(v) => cols.holds(&values_of(v)),
                RowVals::Joined(_) | RowVals::Mended(_) => Some(true),
                RowVals::Gap(..) => None,
                RowVals::Splits(..) => Some(true),
                RowVals::Short(_) | RowVals::Run(..) => None,
            };
            items.push(Item {
                vals,
                before,
                after,
                holds,
                merged: m == 1 && stretch_spots[k].merged,
                refused: false,
            });
        }
    }
    // Values one per line follow their label cell (a cell-per-line table, a
    // web page's cells as paragraphs): the label after them is the next
    // row's. Where some stand with a label after them only, two rows'
    // values stand together, or two labels, the text may print labels on
    // either side (plain pdftotext): the reading in order decides, not this.
    let vertical: Vec<usize> = (0..items.len())
        .filter(|&i| one_per_line(&items[i].vals))
        .collect();
    let shifted = crowded
        || vertical
            .iter()
            .any(|&i| items[i].before.is_empty() && !items[i].after.is_empty());
    for &i in vertical.iter().rev() {
        if shifted {
            items.remove(i);
        } else {
            items[i].after.clear();
        }
    }
    // The header before the first row: does it print 总计?
    if let Some(first) = items
        .iter()
        .find(|i| i.before.iter().any(|(s, _)| s.row == 0))
    {
        let start = first.vals.span().start;
        let from = text.floor_char_boundary(start.saturating_sub(600));
        let header: String = chars_of(text, from..start).0.into_iter().collect();
        if let Some(k) = header.rfind("自然人") {
            let rest = &header[k..];
            cols.header_has_total = rest.contains("总计") || rest.contains("合计");
        }
    }
    // An unlabelled candidate the gap check refuses is aligned again
    // without it, so it cannot pull a labelled row off its label.
    let (mut placed, mut gap_filled) = (Vec::new(), Vec::new());
    for _ in 0..4 {
        placed = align(&items, rows.len());
        settle_sides(&items, &mut placed);
        let before = placed.clone();
        gap_filled = confirm_gaps(&items, &mut placed);
        let refused: Vec<usize> = (0..items.len())
            .filter(|&i| before[i].is_some() && placed[i].is_none())
            .collect();
        if refused.is_empty() {
            break;
        }
        for i in refused {
            items[i].refused = true;
        }
    }

    // The table as placed, for the column checks of the rows arithmetic
    // places.
    let mut grid: Vec<Vec<Option<u64>>> = vec![vec![None; cols.n]; rows.len()];
    let mut cells: Cells = Vec::new();
    let mut first = None;
    let mut last = None;
    for (i, item) in items.iter().enumerate() {
        let Some(row) = placed[i] else { continue };
        let span = item.vals.span();
        first = Some(first.unwrap_or(span.start));
        last = Some(span.end);
        // The row's value in each column (None: the empty cell of a gap).
        let v: Vec<Option<&Val>> = match &item.vals {
            RowVals::Full(v) | RowVals::Joined(v) | RowVals::Mended(v) => {
                v.iter().map(Some).collect()
            }
            RowVals::Gap(v, p) => {
                let mut at: Vec<Option<&Val>> = v.iter().map(Some).collect();
                at.insert((*p).min(at.len()), None);
                at
            }
            _ => continue,
        };
        grid[row] = v.iter().map(|x| x.and_then(Val::count)).collect();
        let gap = gap_filled.contains(&i);
        let label = [&item.before, &item.after]
            .into_iter()
            .flatten()
            .filter(|(s, _)| s.row == row)
            .map(|(s, _)| s.score)
            .fold(0.0f32, f32::max);
        for (col, val) in request_cols.iter().zip(v) {
            let Some(val) = val else {
                cells.push((
                    row,
                    col.id,
                    Cell {
                        state: CellState::Blank,
                        confidence: 0.8,
                        notes: vec![Note::LeftEmpty],
                        ..Cell::default()
                    },
                ));
                continue;
            };
            let mut cell = cell_of(text, val, col.kind);
            if let RowVals::Mended(_) = item.vals {
                if cell.value.is_some() {
                    cell.state = CellState::Inferred;
                }
                cell.confidence = 0.6;
                cell.notes = vec![Note::Mended {
                    row: rows[row].id.to_string(),
                }];
            } else if let RowVals::Joined(_) = item.vals {
                if cell.value.is_some() {
                    cell.state = CellState::Inferred;
                }
                cell.confidence = 0.7;
                cell.notes = vec![Note::JoinedRow {
                    row: rows[row].id.to_string(),
                }];
            } else if gap {
                if cell.value.is_some() {
                    cell.state = CellState::Inferred;
                }
                cell.confidence = 0.6;
                cell.notes = vec![Note::BetweenLabelled {
                    row: rows[row].id.to_string(),
                }];
            } else {
                cell.confidence = if label >= 1.0 && item.holds == Some(true) {
                    0.95
                } else {
                    0.8
                };
                if item.holds == Some(false) {
                    cell.notes = vec![Note::TotalFails];
                } else if label < 1.0 {
                    cell.notes = vec![Note::DamagedLabel];
                }
            }
            cells.push((row, col.id, cell));
        }
    }
    // Rows whose values arithmetic places (digits run together, a lost
    // cell): each reading the row's own total admits is tried against the
    // column checks with the rows placed so far; one that is alone in
    // fitting is taken. Rows placed this way help the next pass.
    let mut pending: Vec<usize> = (0..items.len())
        .filter(|&i| {
            placed[i].is_some() && matches!(items[i].vals, RowVals::Short(_) | RowVals::Splits(..))
        })
        .collect();
    for _ in 0..4 {
        let mut left = Vec::new();
        for &i in &pending {
            let row = placed[i].unwrap_or(0);
            match place_by_checks(text, &items[i].vals, row, &grid, &cols, request_cols) {
                Placed::One(row_cells, values) => {
                    grid[row] = values;
                    cells.extend(row_cells.into_iter().map(|(c, cell)| (row, c, cell)));
                }
                Placed::Many(n) => left.push((i, n)),
            }
        }
        let mut done = left.len() == pending.len();
        pending = left.iter().map(|(i, _)| *i).collect();
        // Rows that share a column check are tried together: every
        // combination of their readings against every column check.
        if done && pending.len() > 1 {
            let placed_rows: Vec<usize> = pending.iter().map(|&i| placed[i].unwrap_or(0)).collect();
            let vals: Vec<&RowVals> = pending.iter().map(|&i| &items[i].vals).collect();
            let joint = place_jointly(text, &vals, &placed_rows, &grid, &cols, request_cols);
            if joint.iter().any(Option::is_some) {
                done = false;
                let mut still = Vec::new();
                for (k, got) in joint.into_iter().enumerate() {
                    match got {
                        Some((row_cells, values)) => {
                            let row = placed_rows[k];
                            grid[row] = values;
                            cells.extend(row_cells.into_iter().map(|(c, cell)| (row, c, cell)));
                        }
                        None => still.push(left[k]),
                    }
                }
                left = still;
                pending = left.iter().map(|(i, _)| *i).collect();
            }
        }
        if done || pending.is_empty() {
            for (i, n) in left {
                let short = matches!(items[i].vals, RowVals::Short(_));
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    table: Some(TableId::Requests.id().to_string()),
                    cells: Vec::new(),
                    span: Some(items[i].vals.span()),
                    note: Note::TooManyReadings {
                        label: rows[placed[i].unwrap_or(0)].label.to_string(),
                        short,
                        readings: n,
                    },
                });
            }
            break;
        }
    }
    let found = placed.iter().filter(|p| p.is_some()).count();
    if found > 0 {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            table: Some(TableId::Requests.id().to_string()),
            cells: Vec::new(),
            span: first.map(|f| Span::new(f, f)),
            note: Note::RowsByLabels {
                rows: found,
                between: gap_filled.len(),
            },
        });
    }
    (cells, first, last)
}

/// A row's cells by column, and its values as the checks see them.
type RowCells = (Vec<(&'static str, Cell)>, Vec<Option<u64>>);

/// What the column checks make of a row arithmetic places.
enum Placed {
    /// One reading fits: its cells and its values.
    One(Vec<(&'static str, Cell)>, Vec<Option<u64>>),
    /// This many readings fit (0: none).
    Many(usize),
}

/// Places a short row or a run by the column checks (see [`column_checks`]).
fn place_by_checks(
    text: &str,
    vals: &RowVals,
    row: usize,
    grid: &[Vec<Option<u64>>],
    cols: &Cols,
    request_cols: &'static [ColDef],
) -> Placed {
    let readings = readings_of(vals, cols);
    // One reading by the row's own arithmetic needs no column check (and a
    // failing one is the report's to show); several are told apart by them.
    let fits: Vec<(usize, Vec<CheckId>)> = if readings.len() == 1 {
        vec![(0, Vec::new())]
    } else {
        readings
            .iter()
            .enumerate()
            .filter_map(|(k, (_, full))| {
                let mut g = grid.to_vec();
                g[row] = full.clone();
                column_checks(&g, row, cols).ok().map(|used| (k, used))
            })
            .collect()
    };
    settle(text, vals, row, &readings, &fits, request_cols)
}

/// One reading of a row arithmetic places: the value token of every column
/// (None: lost in the text) and the full row the checks see.
type Reading<'a> = (Vec<Option<&'a Val>>, Vec<Option<u64>>);

/// Every reading of a row that its own arithmetic admits.
fn readings_of<'a>(vals: &'a RowVals, cols: &Cols) -> Vec<Reading<'a>> {
    match vals {
        RowVals::Full(_)
        | RowVals::Gap(..)
        | RowVals::Run(..)
        | RowVals::Joined(_)
        | RowVals::Mended(_) => Vec::new(),
        RowVals::Short(v) => {
            let known = values_of(v);
            (0..cols.n)
                .filter(|&p| cols.header_has_total || p == cols.total)
                .filter_map(|p| {
                    let full = fill_lost(cols, &known, p)?;
                    let mut at: Vec<Option<&Val>> = v.iter().map(Some).collect();
                    at.insert(p, None);
                    Some((at, full))
                })
                .collect()
        }
        RowVals::Splits(splits, _) => splits
            .iter()
            .map(|v| (v.iter().map(Some).collect(), values_of(v)))
            .collect(),
    }
}

/// The row's cells from the readings that fit (with the column checks each
/// used): one reading, or several that give the same values.
fn settle(
    text: &str,
    vals: &RowVals,
    row: usize,
    readings: &[Reading<'_>],
    fits: &[(usize, Vec<CheckId>)],
    request_cols: &'static [ColDef],
) -> Placed {
    let row_id = TableId::Requests.rows()[row].id;
    if fits.len() > 1 {
        // Several readings fit, but they may all give the row the same
        // values (a lost 0 among zeros): then the row is known.
        let (_, first) = &readings[fits[0].0];
        if fits.iter().all(|(k, _)| readings[*k].1 == *first) {
            return same_values(text, readings, fits, row_id, request_cols);
        }
        return Placed::Many(fits.len());
    }
    let [(k, used)] = fits else {
        return Placed::Many(0);
    };
    let (at, _) = &readings[*k];
    let mut checks = vec![CheckId::RowTotal { row: row_id }];
    checks.extend(used.iter().copied());
    let note = match vals {
        RowVals::Splits(splits, digits) if splits.len() == 1 => Note::RunSplit {
            digits: digits.clone(),
            checks: vec![CheckId::RowTotal { row: row_id }],
        },
        RowVals::Splits(_, digits) => Note::RunSplit {
            digits: digits.clone(),
            checks,
        },
        _ if readings.len() == 1 => Note::LostCellByRowTotal,
        _ => Note::LostCellByChecks { checks },
    };
    let mut out = Vec::new();
    let mut values = Vec::new();
    for (col, v) in request_cols.iter().zip(at) {
        match v {
            Some(v) => {
                let mut cell = cell_of(text, v, col.kind);
                if cell.value.is_some() {
                    cell.state = CellState::Inferred;
                }
                cell.confidence = if matches!(vals, RowVals::Short(_)) {
                    0.6
                } else {
                    0.5
                };
                cell.notes = vec![note.clone()];
                values.push(cell.count());
                out.push((col.id, cell));
            }
            None => {
                values.push(None);
                out.push((
                    col.id,
                    Cell::missing(Note::LostCell {
                        how: Box::new(note.clone()),
                    }),
                ));
            }
        }
    }
    Placed::One(out, values)
}

/// Rows arithmetic places, tried together: the combinations of their
/// readings under which every column check involving them holds. A row is
/// placed where those combinations agree on it.
fn place_jointly(
    text: &str,
    vals: &[&RowVals],
    rows: &[usize],
    grid: &[Vec<Option<u64>>],
    cols: &Cols,
    request_cols: &'static [ColDef],
) -> Vec<Option<RowCells>> {
    /// The most combinations tried.
    const MAX: usize = 8_192;
    let none = || vals.iter().map(|_| None).collect();
    let sets: Vec<Vec<Reading<'_>>> = vals.iter().map(|v| readings_of(v, cols)).collect();
    let product = sets
        .iter()
        .try_fold(1usize, |p, s| p.checked_mul(s.len().max(1)));
    if sets.iter().any(Vec::is_empty) || product.is_none_or(|p| p > MAX) {
        return none();
    }
    // For each row, the readings (with the checks used) seen in a
    // consistent combination.
    let mut fits: Vec<Vec<(usize, Vec<CheckId>)>> = vec![Vec::new(); sets.len()];
    let mut pick = vec![0usize; sets.len()];
    let mut g = grid.to_vec();
    'combos: loop {
        for (k, &r) in rows.iter().enumerate() {
            g[r].clone_from(&sets[k][pick[k]].1);
        }
        let used: Option<Vec<Vec<CheckId>>> = rows
            .iter()
            .map(|&r| column_checks(&g, r, cols).ok())
            .collect();
        if let Some(used) = used {
            for (k, u) in used.into_iter().enumerate() {
                if !fits[k].iter().any(|(p, _)| *p == pick[k]) {
                    fits[k].push((pick[k], u));
                }
            }
        }
        // The next combination.
        for k in 0..pick.len() {
            pick[k] += 1;
            if pick[k] < sets[k].len() {
                continue 'combos;
            }
            pick[k] = 0;
        }
        break;
    }
    (0..sets.len())
        .map(|k| {
            if fits[k].is_empty() {
                return None;
            }
            match settle(text, vals[k], rows[k], &sets[k], &fits[k], request_cols) {
                Placed::One(c, v) => Some((c, v)),
                Placed::Many(_) => None,
            }
        })
        .collect()
}

/// A short row whose every fitting place for the lost cell gives the same
/// values: each cell takes its value from a reading that has it in the text.
fn same_values(
    text: &str,
    readings: &[Reading<'_>],
    fits: &[(usize, Vec<CheckId>)],
    row_id: &str,
    request_cols: &'static [ColDef],
) -> Placed {
    let note = Note::LostCellSameValues {
        row: row_id.to_string(),
    };
    let mut out = Vec::new();
    for (c, col) in request_cols.iter().enumerate() {
        // A cell some reading has lost may be the one the text lacks: it
        // keeps no value (the checks can suggest it).
        let from: Option<Vec<&Val>> = fits.iter().map(|(k, _)| readings[*k].0[c]).collect();
        let Some(v) = from.and_then(|f| f.first().copied()) else {
            out.push((
                col.id,
                Cell::missing(Note::PerhapsLost {
                    how: Box::new(note.clone()),
                }),
            ));
            continue;
        };
        let mut cell = cell_of(text, v, col.kind);
        if cell.value.is_some() {
            cell.state = CellState::Inferred;
        }
        cell.confidence = 0.5;
        cell.notes = vec![note.clone()];
        out.push((col.id, cell));
    }
    Placed::One(out, readings[fits[0].0].1.clone())
}

/// A short row made whole with the lost cell at `p`: the lost value follows
/// from the row's total (or is the total). None where it cannot.
fn fill_lost(cols: &Cols, known: &[Option<u64>], p: usize) -> Option<Vec<Option<u64>>> {
    let mut v: Vec<Option<u64>> = known.to_vec();
    v.insert(p, None);
    let get = |v: &[Option<u64>], i: usize| v.get(i).copied().flatten();
    let lost = if p == cols.total {
        cols.applicants
            .iter()
            .map(|&i| get(&v, i))
            .sum::<Option<u64>>()?
    } else if Some(p) == cols.subtotal {
        cols.orgs.iter().map(|&i| get(&v, i)).sum::<Option<u64>>()?
    } else {
        let others: u64 = cols
            .applicants
            .iter()
            .filter(|&&i| i != p)
            .map(|&i| get(&v, i))
            .sum::<Option<u64>>()?;
        get(&v, cols.total)?.checked_sub(others)?
    };
    v[p] = Some(lost);
    (cols.holds(&v) == Some(true)).then_some(v)
}

/// The column checks (outcome total, balance) that involve `row` and are
/// complete in `g`: their ids when all hold (none may be complete), an error
/// when one fails.
fn column_checks(g: &[Vec<Option<u64>>], row: usize, cols: &Cols) -> Result<Vec<CheckId>, ()> {
    let mut used = Vec::new();
    let in_outcome = OUTCOMES.contains(&row) || row == OUTCOME_TOTAL;
    let in_balance = [NEW_RECEIVED, CARRIED_OVER, OUTCOME_TOTAL, CARRIED_FORWARD].contains(&row);
    for (c, id) in cols.ids.iter().enumerate() {
        let at = |r: usize| g[r].get(c).copied().flatten();
        if in_outcome {
            let parts: Option<u64> = OUTCOMES.map(at).sum();
            if let (Some(sum), Some(t)) = (parts, at(OUTCOME_TOTAL)) {
                if sum != t {
                    return Err(());
                }
                used.push(CheckId::OutcomeTotal { col: id });
            }
        }
        if in_balance
            && let (Some(a), Some(b), Some(o), Some(f)) = (
                at(NEW_RECEIVED),
                at(CARRIED_OVER),
                at(OUTCOME_TOTAL),
                at(CARRIED_FORWARD),
            )
        {
            if a + b != o + f {
                return Err(());
            }
            used.push(CheckId::Balance { col: id });
        }
    }
    Ok(used)
}

/// Table B's rows the column checks name, by their place in the template
/// (a test below holds them to the template's ids).
const NEW_RECEIVED: usize = 0;
const CARRIED_OVER: usize = 1;
const OUTCOMES: Range<usize> = 2..23;
const OUTCOME_TOTAL: usize = 23;
const CARRIED_FORWARD: usize = 24;

/// A cell from a value token.
fn cell_of(text: &str, v: &Val, kind: ValueKind) -> Cell {
    let raw = text[v.span.start..v.span.end].to_string();
    if v.is_mark() {
        return Cell {
            value: None,
            notes: vec![Note::NotApplicable { raw: raw.clone() }],
            raw,
            span: Some(v.span),
            state: CellState::NotApplicable,
            confidence: 1.0,
        };
    }
    let value = match kind {
        ValueKind::Decimal => Some(Value::Decimal(v.digits.clone())),
        ValueKind::Count => v.count().map(Value::Count),
    };
    Cell {
        state: if value.is_some() {
            CellState::Extracted
        } else {
            CellState::Invalid
        },
        notes: if value.is_none() {
            vec![Note::NotACount]
        } else {
            Vec::new()
        },
        value,
        raw,
        span: Some(v.span),
        confidence: 1.0,
    }
}

// ---------------------------------------------------------------------------
// Tables A and C

/// Reads table A: each row's values right after its label, in order, after
/// a 第二十条 or 主动公开 word and before table B.
fn read_active(
    text: &str,
    s: &Stream,
    before: Option<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Cells {
    let rows = TableId::Active.rows();
    let stop = before.unwrap_or(text.len());
    // Table A starts at its first article or its heading.
    let Some(start) = ["第二十条", "主动公开政府信息", "制发件数"]
        .iter()
        .filter_map(|w| text.find(w))
        .min()
    else {
        return Vec::new();
    };
    let mut cells = Vec::new();
    let mut next_row = 0;
    for g in &s.groups {
        if g.before.end < start || g.before.start >= stop {
            continue;
        }
        // Table A has no arithmetic to tell a label before its value from
        // one after the previous value: only a label on the value's own
        // line is taken.
        let line = text[g.before.clone()]
            .rfind('\n')
            .map_or(g.before.start, |k| g.before.start + k + 1);
        let tail = spots(text, line..g.before.end, &ACTIVE_SET, &[])
            .tail
            .last()
            .copied();
        let Some(spot) = tail.filter(|t| t.row >= next_row) else {
            continue;
        };
        let row = &rows[spot.row];
        let idx: Vec<usize> = g.vals.clone().collect();
        let n = row.cols.len();
        let conf = if spot.score >= 1.0 { 0.95 } else { 0.8 };
        // A one-value row whose cell spans the table's columns, written
        // once in each (docling, python-docx repeat a merged cell): the
        // same value over and over on the label's line is one value.
        let repeated = n == 1
            && idx.len() > 1
            && idx.iter().all(|&vi| {
                let (v, first) = (&s.vals[vi], &s.vals[idx[0]]);
                v.digits == first.digits && !v.is_mark() && v.line == first.line
            });
        if repeated {
            let mut cell = cell_of(text, &s.vals[idx[0]], row.cols[0].kind);
            cell.confidence = conf * 0.9;
            cell.notes = vec![Note::Repeated { times: idx.len() }];
            cells.push((spot.row, row.cols[0].id, cell));
            next_row = spot.row + 1;
        } else if idx.len() == n {
            for (col, &vi) in row.cols.iter().zip(&idx) {
                let mut cell = cell_of(text, &s.vals[vi], col.kind);
                cell.confidence = conf;
                cells.push((spot.row, col.id, cell));
            }
            next_row = spot.row + 1;
        } else if idx.len() == 1 && n > 1 {
            let v = &s.vals[idx[0]];
            if let Split::One(parts, _) =
                runs::split_row(&v.digits, TableId::Active, row.id, row.cols)
            {
                for (col, (a, b)) in row.cols.iter().zip(parts) {
                    let raw = &v.digits[a..b];
                    cells.push((
                        spot.row,
                        col.id,
                        Cell {
                            state: CellState::Inferred,
                            value: raw.parse::<u64>().ok().map(Value::Count),
                            raw: raw.to_string(),
                            span: Some(Span::new(v.at[a], end_of(text, v.at[b - 1]))),
                            confidence: 0.5,
                            notes: vec![Note::RunSplit {
                                digits: v.digits.clone(),
                                checks: Vec::new(),
                            }],
                        },
                    ));
                }
                next_row = spot.row + 1;
            } else {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    table: Some(TableId::Active.id().to_string()),
                    cells: row
                        .cols
                        .iter()
                        .map(|c| CellId {
                            table: TableId::Active,
                            row: spot.row as u8,
                            col: c.id,
                        })
                        .collect(),
                    span: Some(v.span),
                    note: Note::Row {
                        label: row.label.to_string(),
                        note: Box::new(Note::RunAmbiguous {
                            digits: v.digits.clone(),
                        }),
                    },
                });
            }
        }
    }
    cells
}

/// Table C's header words.
const APPEAL_HEADER: &[&str] = &[
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "直接起诉",
    "复议后起诉",
];

/// Reads table C: the first values after its header words (after table B):
/// fifteen values, three groups of five, or one run split by the groups'
/// totals.
fn read_appeals(text: &str, s: &Stream, after: Option<usize>) -> Cells {
    let from = after.unwrap_or(0);
    // Table C's header names several of its words together; a narrative
    // sentence about reviews ("结果维持 72 件") has numbers between them.
    let is_header = |g: &Group| {
        // Any three of the words hold one of these characters.
        if !text[g.before.clone()].contains(['复', '诉', '结']) {
            return false;
        }
        let c: String = chars_of(text, g.before.clone()).0.into_iter().collect();
        APPEAL_HEADER.iter().filter(|w| c.contains(*w)).count() >= 3
    };
    s.groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.before.start >= from && is_header(g))
        .map(|(gi, _)| appeals_after(text, s, gi))
        .find(|cells| !cells.is_empty())
        .unwrap_or_default()
}

/// Table C from the values after its header (group `gi`): fifteen values,
/// three groups of five, or one run split by the groups' totals.
fn appeals_after(text: &str, s: &Stream, gi: usize) -> Cells {
    let mut vals: Vec<usize> = s.groups[gi].vals.clone().collect();
    // Three groups of five, each after its own label.
    if vals.len() == 5 {
        for g in s.groups.iter().skip(gi + 1).take(2) {
            if g.vals.len() == 5 {
                vals.extend(g.vals.clone());
            }
        }
    }
    let mut cells = Vec::new();
    let cols = TableId::Appeals.rows()[0].cols;
    if vals.len() == 15 {
        for (k, &vi) in vals.iter().enumerate() {
            let mut cell = cell_of(text, &s.vals[vi], ValueKind::Count);
            cell.confidence = 0.9;
            cells.push((k / 5, cols[k % 5].id, cell));
        }
        return cells;
    }
    // One run of digits, or two with a stray space between.
    if vals.len() <= 2 && !vals.iter().any(|&i| s.vals[i].is_mark()) {
        let mut digits = String::new();
        let mut at = Vec::new();
        for &i in &vals {
            digits.push_str(&s.vals[i].digits);
            at.extend_from_slice(&s.vals[i].at);
        }
        if let Split::One(parts, checks) = runs::split_appeals(&digits) {
            let note = Note::RunSplit {
                digits: digits.clone(),
                checks,
            };
            for (k, (a, b)) in parts.into_iter().enumerate() {
                let raw = &digits[a..b];
                cells.push((
                    k / 5,
                    cols[k % 5].id,
                    Cell {
                        state: CellState::Inferred,
                        value: raw.parse::<u64>().ok().map(Value::Count),
                        raw: raw.to_string(),
                        span: Some(Span::new(at[a], end_of(text, at[b - 1]))),
                        confidence: 0.5,
                        notes: vec![note.clone()],
                    },
                ));
            }
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast separator and space tests answer as the plain definitions
    /// do, for every character.
    #[test]
    fn separators_and_spaces_are_what_their_definitions_say() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
            let plain = c.is_whitespace()
                || matches!(c, '|' | ',' | ':' | '*' | '#' | '>' | '`' | '│' | '┃' | '¦');
            assert_eq!(is_sep(c), plain, "{c:?}");
        }
    }

    /// The key prefilter never turns away a character a key starts or ends
    /// with.
    #[test]
    fn the_key_prefilter_keeps_every_first_and_last_character() {
        for keys in [&*REQUEST_SET, &*ACTIVE_SET] {
            for k in &keys.chars {
                assert!(keys.may_start.may_hold(k[0]));
                assert!(keys.may_end.may_hold(k[k.len() - 1]));
            }
        }
    }

    /// The ends of a stretch are what reading the whole of it gives at its
    /// ends, long or short, with separators, rules and full-width letters.
    #[test]
    fn the_ends_of_a_stretch_read_as_the_whole_does() {
        let piece = "| --- | 一、本年新收 政府信息公开申请数量 | ＡＢ 3.其他 |\n";
        for k in [0, 1, 2, 3, 5, 9, 30] {
            let text = format!("前言{}", piece.repeat(k));
            for n in [1, 4, 64] {
                let (all, at) = chars_of(&text, 0..text.len());
                let (ends, ends_at) = chars_of_ends(&text, 0..text.len(), n);
                if all.len() <= 2 * n || ends == all {
                    assert_eq!((&ends, &ends_at), (&all, &at), "{k} {n}");
                } else {
                    assert_eq!(ends.len(), 2 * n);
                    assert_eq!(ends[..n], all[..n]);
                    assert_eq!(ends[n..], all[all.len() - n..]);
                    assert_eq!(ends_at[n..], at[at.len() - n..]);
                }
            }
        }
    }
    use crate::template::REQUEST_COLS;

    fn value(a: &Anchored, table: TableId, row: &str, col: &str) -> Option<u64> {
        let r = table.rows().iter().position(|d| d.id == row)?;
        a.table(table)
            .iter()
            .find(|(k, c, _)| *k == r && *c == col)
            .and_then(|(_, _, cell)| cell.count())
    }

    #[test]
    fn a_row_label_then_one_run_of_digits() {
        let text = "当前位置：首页 > 年报 一、总体情况 2024年，共收到申请60件。 三、收到和处理政府信息公开申请情况 申请人情况自然人商业企业科研机构社会公益 组织法律服务机构其他总计一、本年新收政府信息公开申请数量 602000062二、上年结转政府信息公开申请数量 3000003";
        let a = read(text, REQUEST_COLS);
        assert_eq!(
            value(&a, TableId::Requests, "new_received", "natural_person"),
            Some(60)
        );
        assert_eq!(
            value(&a, TableId::Requests, "new_received", "total"),
            Some(62)
        );
        assert_eq!(
            value(&a, TableId::Requests, "carried_over", "total"),
            Some(3)
        );
    }

    /// A web page's cells as paragraphs: each value on a line of its own,
    /// blank lines between, every row under its label.
    #[test]
    fn values_one_per_line_under_their_label_are_a_row() {
        let text = "自然人\n\n商业企业\n\n总计\n\n一、本年新收政府信息公开申请数量\n\n\t202\n\n\t6\n\n\t0\n\n\t0\n\n\t8\n\n\t0\n\n\t216\n\n二、上年结转政府信息公开申请数量\n\n\t2\n\n\t0\n\n\t0\n\n\t0\n\n\t0\n\n\t1\n\n\t3\n\n（一）予以公开\n\n\t131\n\t6\n\t0\n\t0\n\t3\n\t1\n\t140\n";
        let a = read(text, REQUEST_COLS);
        assert_eq!(
            value(&a, TableId::Requests, "new_received", "total"),
            Some(216)
        );
        assert_eq!(
            value(&a, TableId::Requests, "carried_over", "other_org"),
            Some(1)
        );
        // One per line and not adding up: a column printed down the page
        // looks the same, so the row is not taken.
        assert_eq!(
            value(&a, TableId::Requests, "disclosed", "natural_person"),
            None
        );
    }

    /// pdfplumber and pypdf on a two-line label: the 总计 centred on the
    /// label's first line, the other six values on its second.
    #[test]
    fn a_total_beside_the_first_line_of_a_two_line_label_joins_its_row() {
        let text = "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n（一）予以公开 131 6 0 0 3 1 141\n（二）部分公开（区分处理的，只计这一情 20\n20 0 0 0 0 0\n形，不计其他情形）\n1.申请人无正当理由逾期不补正、 8\n行政机关不再处理其政府信息公开 8 0 0 0 0 0\n申请\n2.申请人逾期未按收费通知要求缴 0\n纳费用、行政机关不再处理其政府 0 0 0 0 0 0\n信息公开申请\n3.其他 1 0 0 0 0 0 1\n";
        let a = read(text, REQUEST_COLS);
        let cell = |row: &str, col: &str| {
            let r = TableId::Requests.rows().iter().position(|d| d.id == row);
            a.requests
                .iter()
                .find(|(k, c, _)| Some(*k) == r && *c == col)
                .map(|(_, _, cell)| cell.clone())
        };
        let pd = cell("partly_disclosed", "total").expect("partly_disclosed total");
        assert_eq!(pd.count(), Some(20));
        assert_eq!(pd.state, CellState::Inferred);
        assert_eq!(
            cell("partly_disclosed", "commercial").and_then(|c| c.count()),
            Some(0)
        );
        assert_eq!(
            cell("other_no_correction", "natural_person").and_then(|c| c.count()),
            Some(8)
        );
        assert_eq!(
            cell("other_no_correction", "total").and_then(|c| c.count()),
            Some(8)
        );
        assert_eq!(
            cell("other_unpaid_fee", "natural_person").and_then(|c| c.count()),
            Some(0)
        );
    }

    /// Tesseract on a ruled table: cell borders read as "1" between
    /// single digits, and a 0 glued to the next cell.
    #[test]
    fn ocr_damaged_rows_are_mended_where_one_reading_adds_up() {
        let text = "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n2.其他法律行政止公开      0101010101010\n6.属于四类过程性信息      1|101010101011\n3、其他 108 2 0 0 0 0110\n";
        let a = read(text, REQUEST_COLS);
        let got = |row: &str, col: &str| value(&a, TableId::Requests, row, col);
        assert_eq!(got("withheld_prohibited_by_law", "total"), Some(0));
        assert_eq!(got("withheld_process_info", "natural_person"), Some(1));
        assert_eq!(got("withheld_process_info", "commercial"), Some(0));
        assert_eq!(got("withheld_process_info", "total"), Some(1));
        assert_eq!(got("other_other", "other_org"), Some(0));
        assert_eq!(got("other_other", "total"), Some(110));
        let r = TableId::Requests
            .rows()
            .iter()
            .position(|d| d.id == "other_other");
        let cell = a
            .requests
            .iter()
            .find(|(k, c, _)| Some(*k) == r && *c == "total")
            .map(|(_, _, c)| c.clone())
            .unwrap();
        assert_eq!(cell.state, CellState::Inferred);
        assert_eq!(
            &text[cell.span.unwrap().start..cell.span.unwrap().end],
            "110"
        );
    }

    /// A markdown rule between a value row and the label printed after it
    /// is one mark, not a label's length: the label is within reach.
    #[test]
    fn a_markdown_rule_costs_a_label_no_reach() {
        let text = "| 1 |\n| --- | :---: |\n1.属于国家秘密";
        let (chars, _) = chars_of(text, 5..text.len());
        let s: String = chars.into_iter().collect();
        assert_eq!(s, "-1.属于国家秘密");
    }

    #[test]
    fn the_checked_rows_are_the_templates() {
        let id = |r: usize| TableId::Requests.rows()[r].id;
        assert_eq!(id(NEW_RECEIVED), "new_received");
        assert_eq!(id(CARRIED_OVER), "carried_over");
        assert_eq!(id(OUTCOMES.start), "disclosed");
        assert_eq!(id(OUTCOMES.end - 1), "other_other");
        assert_eq!(id(OUTCOME_TOTAL), "outcome_total");
        assert_eq!(id(CARRIED_FORWARD), "carried_forward");
    }

    #[test]
    fn a_thousands_separator_joins_where_the_row_total_holds() {
        let text = "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n一、本年新收政府信息公开申请数量 | 1,204 | 6 | 0 | 0 | 8 | 0 | 1,218 |\n二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 1 | 3 |\n";
        let a = read(text, REQUEST_COLS);
        assert_eq!(
            value(&a, TableId::Requests, "new_received", "natural_person"),
            Some(1204)
        );
        assert_eq!(
            value(&a, TableId::Requests, "new_received", "total"),
            Some(1218)
        );
    }

    /// A run of full-width digits beside a label: every span ends on a
    /// character boundary (a proptest mutation found the byte arithmetic).
    #[test]
    fn a_full_width_run_keeps_its_spans_on_characters() {
        let text = "申请人情况自然人商业企业科研机构社会公益组织法律服务机构其他总计一、本年新收政府信息公开申请数量 ６０２００００６２ 二、上年结转政府信息公开申请数量 ３０００００３";
        let a = read(text, REQUEST_COLS);
        assert_eq!(
            value(&a, TableId::Requests, "new_received", "natural_person"),
            Some(60)
        );
        for (_, _, c) in &a.requests {
            if let Some(s) = c.span {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }

    #[test]
    fn a_trailing_enumerator_is_not_a_value() {
        let s = stream("属于国家秘密00000002.其他法律行政法规禁止公开 0000000");
        let digits: Vec<&str> = s.vals.iter().map(|v| v.digits.as_str()).collect();
        assert_eq!(digits, ["0000000", "0000000"]);
        assert_eq!(s.groups.len(), 2);
    }

    #[test]
    fn narrative_quantities_and_footers_are_not_values() {
        let s = stream(
            "共发布信息 5274 条，新增规章 2 部，2024年\n— 3 —\n规章 | 1 | 0 | 5 |\n| — 4 — | | | |\n",
        );
        let digits: Vec<&str> = s.vals.iter().map(|v| v.digits.as_str()).collect();
        assert_eq!(digits, ["1", "0", "5"]);
    }
}
