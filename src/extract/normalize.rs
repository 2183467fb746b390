//! Label normalisation and similarity: how a row label printed by a real
//! report (full-width forms, spaces inside words, OCR damage, a group label
//! glued in front) is compared with the template's canonical label.

use unicode_normalization::UnicodeNormalization;

/// NFKC, whitespace removed: the text as a matcher sees it, punctuation kept.
///
/// Report text is almost all ASCII, CJK ideographs, CJK punctuation and
/// full-width forms, for which NFKC is the identity or a fixed offset: those
/// are mapped directly, and only text with other characters goes through the
/// full normalisation (it is the hot path of extraction).
pub(crate) fn compact(s: &str) -> String {
    // One pass, into a buffer that never grows (the mapped text is never
    // longer than the source); a character NFKC may change otherwise sends
    // the whole text through the full normalisation. Characters kept as they
    // are (visible ASCII, CJK ideographs) are copied a run at a time.
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let kept = if c.is_ascii() {
            !c.is_ascii_whitespace() && c != '\u{0B}'
        } else {
            ('\u{4E00}'..='\u{9FFF}').contains(&c)
        };
        if kept {
            continue;
        }
        if !is_simple(c) {
            return s.nfkc().filter(|c| !c.is_whitespace()).collect();
        }
        out.push_str(&s[run..i]);
        run = i + c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        out.push(match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        });
    }
    out.push_str(&s[run..]);
    out
}

/// Whether NFKC maps the character to itself, or (full-width ASCII forms) to
/// its ASCII twin, with no composition across characters.
fn is_simple(c: char) -> bool {
    matches!(c,
        '\0'..='\u{7F}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{3000}'..='\u{3029}'
        | '\u{2013}'..='\u{2016}'
        | '\u{2018}'..='\u{2022}'
        | '\u{FF01}'..='\u{FF5E}'
    )
}

/// A label's enumerator: "一、", "（三）" / "(3)", "1." / "1、".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Enumerator {
    /// "一、" — a section-level item.
    Section(u32),
    /// "（一）" or "(1)" — OCR writes both for the same thing.
    Paren(u32),
    /// "1." or "1、".
    Arabic(u32),
}

/// A label split into its enumerator and its core words (punctuation and
/// spaces removed, group prefixes stripped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The leading enumerator, if any.
    pub num: Option<Enumerator>,
    /// The words, without punctuation.
    pub core: String,
    /// The core's characters, sorted (for unigram Dice).
    grams1: Vec<u32>,
    /// The core's character bigrams, sorted (for bigram Dice).
    grams2: Vec<u64>,
}

impl Label {
    /// A label from words already normalised (no enumerator).
    pub(crate) fn from_core(core: impl Into<String>) -> Label {
        Label::new(None, core.into())
    }

    /// How many characters the core has.
    pub(crate) fn char_count(&self) -> usize {
        self.grams1.len()
    }

    fn new(num: Option<Enumerator>, core: String) -> Label {
        let mut chars: Vec<u32> = Vec::with_capacity(core.len());
        chars.extend(core.chars().map(u32::from));
        let mut grams2: Vec<u64> = chars
            .windows(2)
            .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
            .collect();
        grams2.sort_unstable();
        let mut grams1 = chars;
        grams1.sort_unstable();
        Label {
            num,
            core,
            grams1,
            grams2,
        }
    }
}

/// Group labels of table B that may be glued in front of a row label
/// ("（三）不予公开1.属于国家秘密", "三、本年度办理结果（一）予以公开").
const GROUP_CORES: [&str; 6] = [
    "本年度办理结果",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "办理结果",
];

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// Reads a Chinese numeral of one or two characters (一 … 十九).
fn chinese_number(s: &str) -> Option<u32> {
    let mut chars = s.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(a), None, _) => chinese_digit(a),
        (Some('十'), Some(b), None) => Some(10 + chinese_digit(b)?),
        (Some(a), Some('十'), None) => Some(chinese_digit(a)? * 10),
        _ => None,
    }
}

/// Splits a leading enumerator off a compact string.
pub(crate) fn split_enumerator(s: &str) -> (Option<Enumerator>, &str) {
    // (一) / (3); only the first few bytes are searched (an ASCII byte in
    // UTF-8 is always that character).
    if let Some(rest) = s.strip_prefix('(')
        && let Some(close) = rest.bytes().take(7).position(|b| b == b')')
    {
        let inner = &rest[..close];
        let n = inner.parse::<u32>().ok().or_else(|| chinese_number(inner));
        if let Some(n) = n {
            return (Some(Enumerator::Paren(n)), &rest[close + 1..]);
        }
    }
    // 一、 (searched in the first bytes only: a whole character's bytes are
    // only ever that character)
    const COMMA: &[u8] = "、".as_bytes();
    if let Some(pos) = s.as_bytes()[..s.len().min(6 + COMMA.len())]
        .windows(COMMA.len())
        .position(|w| w == COMMA)
        && let Some(n) = chinese_number(&s[..pos])
    {
        return (Some(Enumerator::Section(n)), &s[pos + '、'.len_utf8()..]);
    }
    // 1. / 1、
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &s[digits..];
        for sep in ['.', '、'] {
            if let Some(r) = rest.strip_prefix(sep)
                && let Ok(n) = s[..digits].parse::<u32>()
            {
                return (Some(Enumerator::Arabic(n)), r);
            }
        }
    }
    (None, s)
}

/// Whether a character is punctuation or a symbol (not a letter or digit).
pub(crate) fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_alphanumeric();
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false;
    }
    // The punctuation reports print most (dashes, quotes, 、。《》【】, ·),
    // answered without the Unicode tables.
    if is_common_punct(c) {
        return true;
    }
    !c.is_alphanumeric()
}

/// Characters of punctuation blocks that are never letters or digits.
fn is_common_punct(c: char) -> bool {
    matches!(c, '\u{B7}' | '\u{2010}'..='\u{2027}' | '\u{3001}'..='\u{3004}' | '\u{3008}'..='\u{3020}')
}

/// A label without the markup OCR and document-AI tools write into markdown
/// table cells: line breaks (`<br>`, `<br/>`), emphasis (`**`, `__`) and
/// escaped pipes (`\|`).
fn without_markup(s: &str) -> std::borrow::Cow<'_, str> {
    // (ASCII bytes in UTF-8 are always those characters.)
    if !s.bytes().any(|b| matches!(b, b'<' | b'*' | b'_' | b'\\')) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let tag = ["<br />", "<br/>", "<br>"].into_iter().find(|t| {
            rest.as_bytes()
                .get(..t.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(t.as_bytes()))
        });
        if let Some(t) = tag {
            rest = &rest[t.len()..];
            continue;
        }
        if !matches!(c, '*' | '_' | '\\') {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// Normalises a printed label: NFKC, spaces removed, enumerator split off,
/// group labels glued in front removed, punctuation dropped.
pub(crate) fn label(s: &str) -> Label {
    let compacted = compact(&without_markup(s));
    let mut rest: &str = &compacted;
    let (mut num, r) = split_enumerator(rest);
    rest = r;
    // Strip group prefixes ("不予公开1.属于国家秘密"), at most twice.
    for _ in 0..2 {
        let Some(g) = GROUP_CORES
            .iter()
            .find(|g| rest.starts_with(**g) && rest.len() > g.len())
        else {
            break;
        };
        let after = &rest[g.len()..];
        let (n2, r2) = split_enumerator(after);
        if n2.is_none() {
            break;
        }
        num = n2;
        rest = r2;
    }
    Label::new(num, without_punct(rest))
}

/// The text without its punctuation ([`is_punct`]), copied a run of kept
/// characters at a time.
pub(crate) fn without_punct(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if is_punct(c) {
            out.push_str(&s[run..i]);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&s[run..]);
    out
}

/// Similarity of two core strings, 0..1 (see [`core_similarity`]).
#[cfg(test)]
pub(crate) fn similarity(text: &str, canon: &str) -> f32 {
    core_similarity(
        &Label::new(None, text.to_string()),
        &Label::new(None, canon.to_string()),
    )
}

/// Similarity of two labels' cores, 0..1: character-bigram Dice coefficient
/// (unigram Dice for very short strings), raised when the text contains the
/// whole canonical core or is its first part (a label split over lines).
pub(crate) fn core_similarity(text: &Label, canon: &Label) -> f32 {
    let (a, b) = (text.grams1.len(), canon.grams1.len());
    if a == 0 || b == 0 {
        return 0.0;
    }
    if text.core == canon.core {
        return 1.0;
    }
    // Shared bigrams (multiset), when the Dice is of bigrams.
    let (dice, shared) = if a.min(b) <= 3 {
        (dice(&text.grams1, &canon.grams1), None)
    } else {
        let shared = common(&text.grams2, &canon.grams2);
        (
            ratio(shared, text.grams2.len(), canon.grams2.len()),
            Some(shared),
        )
    };
    if a >= 6 && a < b && canon.core.starts_with(&text.core) {
        // The first part of a label split over lines or pages.
        return dice.max(0.6 + 0.3 * a as f32 / b as f32);
    }
    // A text holding the whole canonical core holds all its bigrams: the
    // substring search runs only when it does.
    if b >= 4 && a > b && shared == Some(canon.grams2.len()) && text.core.contains(&canon.core) {
        // The canonical words are all there, plus some noise.
        let extra = (a - b) as f32 / b as f32;
        return dice.max((0.95 - 0.1 * extra).max(0.7));
    }
    dice
}

/// An upper bound of [`core_similarity`] from the two cores' lengths alone:
/// every character or bigram shared, and the prefix or containment bonus
/// wherever the lengths allow it, in the same arithmetic, so that
/// `core_similarity(t, c) <= similarity_bound(t, c)` holds exactly.
pub(crate) fn similarity_bound(text: &Label, canon: &Label) -> f32 {
    let (a, b) = (text.grams1.len(), canon.grams1.len());
    if a == 0 || b == 0 {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let dice = if a.min(b) <= 3 {
        ratio(a.min(b), a, b)
    } else {
        ratio(a.min(b) - 1, a - 1, b - 1)
    };
    if a >= 6 && a < b {
        return dice.max(0.6 + 0.3 * a as f32 / b as f32);
    }
    if b >= 4 && a > b {
        let extra = (a - b) as f32 / b as f32;
        return dice.max((0.95 - 0.1 * extra).max(0.7));
    }
    dice
}

/// Dice coefficient of two sorted multisets.
fn dice<T: Ord>(a: &[T], b: &[T]) -> f32 {
    ratio(common(a, b), a.len(), b.len())
}

/// The Dice coefficient of two multisets of sizes `a` and `b` sharing
/// `common` elements (0 when either is empty).
fn ratio(common: usize, a: usize, b: usize) -> f32 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    (2 * common) as f32 / (a + b) as f32
}

/// How many elements two sorted multisets share.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// How well a printed label matches a canonical one, 0..1, taking the
/// enumerator into account: a different enumerator costs a lot, a missing one
/// a little (a lot for very short labels such as 总计, which also appear as
/// column headers).
pub(crate) fn label_score(text: &Label, canon: &Label) -> f32 {
    let base = core_similarity(text, canon);
    let Some(cn) = canon.num else {
        return base;
    };
    match text.num {
        Some(tn) if same_number(tn, cn) => base,
        Some(_) => base * 0.6,
        None if canon.char_count() <= 3 => base * 0.5,
        None => base * 0.9,
    }
}

fn same_number(a: Enumerator, b: Enumerator) -> bool {
    use Enumerator::*;
    match (a, b) {
        (Section(x), Section(y)) | (Paren(x), Paren(y)) | (Arabic(x), Arabic(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_agrees_with_nfkc() {
        for s in [
            "（三） 不予公 开１２３，．",
            "3.危及“三安全一稳定”\u{3000}—",
            "第二十条第（一）项",
            "ｌ２ １Ｏ 〔2021〕 、。",
            "\u{2474} ㈠ Ⅲ ﹙一﹚ 办理は思 \u{2011}\u{2017}",
        ] {
            let slow: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(compact(s), slow, "{s}");
        }
    }

    #[test]
    fn the_fast_path_agrees_with_nfkc_for_every_simple_character() {
        let simple = ('\0'..='\u{7F}')
            .chain('\u{3000}'..='\u{3029}')
            .chain('\u{2010}'..='\u{2025}')
            .chain('\u{FF00}'..='\u{FF60}')
            .chain([
                '\u{4DFF}', '\u{4E00}', '\u{9FFF}', '\u{A000}', '\u{85}', '\u{A0}',
            ]);
        for c in simple {
            for s in [format!("{c}"), format!("规{c}章 {c}{c}1")] {
                let slow: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
                assert_eq!(compact(&s), slow, "{:?}", c);
            }
        }
    }

    #[test]
    fn common_punctuation_is_never_a_letter_or_digit() {
        let all = ('\u{80}'..='\u{FF}')
            .chain('\u{2000}'..='\u{206F}')
            .chain('\u{3000}'..='\u{303F}');
        let fast: Vec<char> = all.filter(|c| is_common_punct(*c)).collect();
        assert!(fast.contains(&'、') && fast.contains(&'—') && fast.contains(&'·'));
        for c in fast {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn without_punct_drops_exactly_the_punctuation() {
        for s in [
            "",
            "、",
            "（一）予以公开。",
            "a-b_c 1.2",
            "“三安全一稳定”",
            "规章",
        ] {
            let want: String = s.chars().filter(|c| !is_punct(*c)).collect();
            assert_eq!(without_punct(s), want, "{s:?}");
        }
    }

    #[test]
    fn the_bound_is_never_below_the_similarity() {
        use crate::template::TableId;
        let mut cores: Vec<String> = TableId::ALL
            .iter()
            .flat_map(|t| t.rows())
            .flat_map(|r| std::iter::once(r.label).chain(r.variants.iter().copied()))
            .map(|l| label(l).core)
            .collect();
        // Prefixes, suffixes and noisy copies of each.
        let more: Vec<String> = cores
            .iter()
            .flat_map(|c| {
                let chars: Vec<char> = c.chars().collect();
                let n = chars.len();
                [
                    chars[..n / 2].iter().collect(),
                    chars[n / 3..].iter().collect(),
                    format!("{c}情况"),
                    format!("一{c}"),
                ]
            })
            .collect();
        cores.extend(more);
        let labels: Vec<Label> = cores.into_iter().map(Label::from_core).collect();
        let mut tight = 0;
        for t in &labels {
            for c in &labels {
                let (s, b) = (core_similarity(t, c), similarity_bound(t, c));
                assert!(s <= b, "{} / {}: {s} > {b}", t.core, c.core);
                tight += usize::from(b < 0.8);
            }
        }
        assert!(tight > 0, "the bound rules some pairs out");
    }

    #[test]
    fn full_width_and_spaces_are_normalised() {
        let l = label("（三） 不予公 开");
        assert_eq!(l.num, Some(Enumerator::Paren(3)));
        assert_eq!(l.core, "不予公开");
        assert_eq!(label("(三)不予公开"), l);
        assert_eq!(label("1. 属于国家秘密").core, "属于国家秘密");
        assert_eq!(label("1. 属于国家秘密").num, Some(Enumerator::Arabic(1)));
        assert_eq!(label("1、申请人").num, Some(Enumerator::Arabic(1)));
        assert_eq!(label("三、 本年度 办理结 果").core, "本年度办理结果");
        assert_eq!(
            label("三、 本年度 办理结 果").num,
            Some(Enumerator::Section(3))
        );
    }

    #[test]
    fn ocr_arabic_in_parentheses_reads_as_the_chinese_numeral() {
        // "（3）" OCR'd for "（三）".
        assert_eq!(label("（3）不予公开").num, label("（三）不予公开").num);
    }

    #[test]
    fn group_prefix_is_stripped() {
        let l = label("（三）不予公开1.属于国家秘密");
        assert_eq!(l.num, Some(Enumerator::Arabic(1)));
        assert_eq!(l.core, "属于国家秘密");
        let l = label("三、本年度办理结果（一）予以公开");
        assert_eq!(l.num, Some(Enumerator::Paren(1)));
        assert_eq!(l.core, "予以公开");
    }

    #[test]
    fn similarity_is_graded() {
        assert_eq!(similarity("予以公开", "予以公开"), 1.0);
        let garbled = similarity("其他法律行政止公开", "其他法律行政法规禁止公开");
        assert!(garbled > 0.6 && garbled < 0.9, "{garbled}");
        assert!(similarity("行政许可", "行政处罚") < 0.5);
        assert!(similarity("总记", "总计") <= 0.5);
        assert!(similarity("属于国家秘密信息", "属于国家秘密") >= 0.7);
    }

    #[test]
    fn enumerator_mismatch_lowers_the_score() {
        let canon = label("（七）总计");
        assert_eq!(label_score(&label("(七)总计"), &canon), 1.0);
        assert!(label_score(&label("总计"), &canon) < 0.6);
        assert!(label_score(&label("（六）总计"), &canon) < 0.7);
        let split = label("(二)部分不计其他分公开(区分处理的, 只计这一情形, 情形)");
        let canon = label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
        assert!(label_score(&split, &canon) > 0.8);
    }

    #[test]
    fn markdown_markup_in_labels_is_ignored() {
        assert_eq!(label("**规章**"), label("规章"));
        assert_eq!(
            label("（三）不予公开<BR>1.属于国家秘密"),
            label("（三）不予公开1.属于国家秘密")
        );
        assert_eq!(label("信息内容\\|类别"), label("信息内容|类别"));
    }
}
