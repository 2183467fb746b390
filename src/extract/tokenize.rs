//! Tokenizers: one per layout family. Each turns a region of the text into
//! rows of fields (byte spans into the text, trimmed, possibly empty), with
//! row boundaries where the layout shows them. A new layout is a new
//! tokenizer feeding the same template matcher.

use std::ops::Range;

use crate::report::Span;

/// How the converter laid the tables out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// One cell per line, each line led by a tab; a blank line ends a table
    /// row; a line holding only a tab is an empty cell (Word → text).
    CellPerLine,
    /// One table row per line, cells separated by tabs (PDF extraction, OCR).
    TabRows,
    /// Scraped HTML: one cell per line ending in " |"; lines of only pipes
    /// ("|||", spanning cells) end a table row.
    PipeCells,
    /// Pipe rows: "| a | b | c |", markdown tables included.
    PipeRows,
    /// Space-aligned rows (`pdftotext -layout`): cells separated by runs of
    /// two or more spaces.
    SpaceRows,
    /// Comma-separated rows (a spreadsheet saved as CSV): RFC 4180 fields,
    /// a field in double quotes may hold commas.
    CsvRows,
    /// No visible table structure: every line a field, the region one row.
    PlainLines,
    /// HTML table markup: one field per `<td>`, rows from `<tr>`; the rows
    /// come from the parsed markup (`html.rs`), not from lines.
    Html,
}

/// Whether a character separates words but is not a line break.
fn is_blank(c: char) -> bool {
    c.is_whitespace() && c != '\n'
}

/// The lines of `text[range]`: (absolute start, line without "\n"/"\r\n"),
/// as `split_inclusive('\n')` cuts them (line breaks found with one memchr
/// pass over the region).
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = (usize, &str)> {
    let base = range.start;
    let region = &text[range];
    let mut breaks = memchr::memchr_iter(b'\n', region.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= region.len() {
            return None;
        }
        let end = breaks.next().map_or(region.len(), |i| i + 1);
        let line = &region[start..end];
        let at = base + start;
        start = end;
        Some((at, line.trim_end_matches(['\n', '\r'])))
    })
}

/// `s.trim()`, faster on report text: ASCII whitespace is stripped byte by
/// byte, and only a character that may be other whitespace (a lead byte
/// C2, E1, E2 or E3: U+0085, U+00A0, U+1680, U+2000…U+205F, U+3000) at
/// either end sends the text through `str::trim`.
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let ascii_space = |x: u8| x == b' ' || (0x09..=0x0D).contains(&x);
    let may_be_space = |lead: u8| matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let mut start = 0;
    while start < b.len() && ascii_space(b[start]) {
        start += 1;
    }
    if start < b.len() && may_be_space(b[start]) {
        return s.trim();
    }
    let mut end = b.len();
    while end > start && ascii_space(b[end - 1]) {
        end -= 1;
    }
    if end > start && !b[end - 1].is_ascii() {
        // The last character's lead byte.
        let mut lead = end - 1;
        while lead > start && b[lead] & 0xC0 == 0x80 {
            lead -= 1;
        }
        if may_be_space(b[lead]) {
            return s.trim();
        }
    }
    &s[start..end]
}

/// Whether `s` is only whitespace (`s.trim().is_empty()`), looking at its
/// start only.
pub(crate) fn is_blank_text(s: &str) -> bool {
    for &x in s.as_bytes() {
        if x == b' ' || (0x09..=0x0D).contains(&x) {
            continue;
        }
        // A lead byte that may start other whitespace: ask str::trim.
        return matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3) && s.trim().is_empty();
    }
    true
}

/// Shrinks `[start, end)` to exclude surrounding whitespace.
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let t = trim(s);
    if t.is_empty() {
        return Span::new(start, start);
    }
    let lead = t.as_ptr() as usize - s.as_ptr() as usize;
    Span::new(start + lead, start + lead + t.len())
}

fn only_pipes(line: &str) -> bool {
    let t = trim(line);
    !t.is_empty() && t.chars().all(|c| c == '|' || c.is_whitespace())
}

/// Whether a trimmed line has a run of two or more blanks (between two
/// non-blank characters, as it is trimmed).
fn has_wide_gap(t: &str) -> bool {
    let mut run = 0;
    for c in t.chars() {
        if c == ' ' || c == '\u{3000}' {
            run += 1;
            if run >= 2 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Guesses the layout family from the lines of a region (by vote).
pub(crate) fn detect(text: &str, range: Range<usize>) -> Family {
    let (mut cell, mut tab, mut pipe_cell, mut pipe_row, mut space, mut csv) = (0, 0, 0, 0, 0, 0);
    for (_, line) in lines(text, range) {
        let t = trim(line);
        let has_tab = line.contains('\t');
        if t.is_empty() && !has_tab {
            continue;
        }
        if has_tab {
            let lead = line.trim_start_matches(' ');
            if lead.starts_with('\t') && !lead[1..].contains('\t') {
                cell += 1;
            } else {
                tab += 1;
            }
        } else if is_csv_row(t) {
            csv += 1;
        } else if !(t.ends_with('|') || t.as_bytes().contains(&b'|')) {
            // No pipe: neither of the pipe forms (nor only pipes, as `t` is
            // not blank).
            if t.bytes().any(|b| b.is_ascii_digit()) && has_wide_gap(t) {
                space += 1;
            }
        } else if only_pipes(t) {
            continue;
        } else if t.trim_end_matches('|').trim_end().contains('|') {
            // "| a | b |", "a | b |||": cells between pipes on one line.
            pipe_row += 1;
        } else if t.ends_with('|') {
            pipe_cell += 1;
        } else if has_wide_gap(t) && t.bytes().any(|b| b.is_ascii_digit()) {
            space += 1;
        }
    }
    let votes = [
        (cell, Family::CellPerLine),
        (tab, Family::TabRows),
        (pipe_cell, Family::PipeCells),
        (pipe_row, Family::PipeRows),
        (space, Family::SpaceRows),
        (csv, Family::CsvRows),
    ];
    match votes.iter().max_by_key(|(n, _)| *n) {
        Some((n, f)) if *n >= 3 => *f,
        _ => Family::PlainLines,
    }
}

/// Tokenizes a region into rows of field spans.
pub(crate) fn rows(text: &str, range: Range<usize>, family: Family) -> Vec<Vec<Span>> {
    match family {
        Family::CellPerLine => cell_per_line(text, range),
        Family::TabRows => split_lines(text, range, |line| split_on(line, |c| c == '\t')),
        Family::SpaceRows => split_lines(text, range, split_wide),
        Family::PipeRows => split_lines(text, range, split_pipes),
        Family::CsvRows => split_lines(text, range, split_csv),
        Family::PipeCells => pipe_cells(text, range),
        Family::PlainLines => plain_lines(text, range),
        // Rows of markup come from html::read, never from the lines.
        Family::Html => Vec::new(),
    }
}

/// Blocks separated by blank lines; inside a block, fields separated by tabs
/// (a line without a leading tab continues the previous field).
fn cell_per_line(text: &str, range: Range<usize>) -> Vec<Vec<Span>> {
    let mut rows = Vec::new();
    let mut block: Option<(usize, usize)> = None;
    let flush = |block: &mut Option<(usize, usize)>, rows: &mut Vec<Vec<Span>>| {
        if let Some((s, e)) = block.take() {
            let mut fields = Vec::new();
            let mut start = s;
            let mut first = true;
            // A tab is one byte, never part of another character.
            for i in memchr::memchr_iter(b'\t', &text.as_bytes()[s..e]) {
                let span = trimmed(text, start, s + i);
                if !(first && span.start == span.end) {
                    fields.push(span);
                }
                first = false;
                start = s + i + 1;
            }
            let span = trimmed(text, start, e);
            if !(first && span.start == span.end) {
                fields.push(span);
            }
            if !fields.is_empty() {
                rows.push(fields);
            }
        }
    };
    for (start, line) in lines(text, range) {
        if is_blank_text(line) && !line.contains('\t') {
            flush(&mut block, &mut rows);
            continue;
        }
        let end = start + line.len();
        block = Some(match block {
            Some((s, _)) => (s, end),
            None => (start, end),
        });
    }
    flush(&mut block, &mut rows);
    rows
}

/// One row per line, split by `split`; rows with no non-empty field dropped.
fn split_lines(
    text: &str,
    range: Range<usize>,
    split: impl Fn(&str) -> Vec<(usize, usize)>,
) -> Vec<Vec<Span>> {
    let mut rows = Vec::new();
    for (start, line) in lines(text, range) {
        let fields: Vec<Span> = split(line)
            .into_iter()
            .map(|(s, e)| trimmed(text, start + s, start + e))
            .collect();
        if fields.iter().any(|f| f.start < f.end) {
            rows.push(fields);
        }
    }
    rows
}

/// Splits a line at every separator character.
fn split_on(line: &str, sep: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if sep(c) {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    out.push((start, line.len()));
    out
}

/// Whether a line (no tab, no pipe) reads as a CSV row of a table: four or
/// more commas outside quotes, two or more of its fields plain numbers.
fn is_csv_row(t: &str) -> bool {
    if !t.as_bytes().contains(&b',') || t.contains('|') {
        return false;
    }
    let fields = split_csv(t);
    fields.len() >= 5
        && fields
            .iter()
            .filter(|(s, e)| {
                let f = t[*s..*e].trim();
                !f.is_empty()
                    && f.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || ('０'..='９').contains(&c))
            })
            .count()
            >= 2
}

/// Splits a CSV line at commas outside double quotes; a quoted field's span
/// is its inside (a doubled quote inside stays as written).
fn split_csv(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                out.push(unquote(line, start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(unquote(line, start, line.len()));
    out
}

/// A field's span without the double quotes around it.
fn unquote(line: &str, start: usize, end: usize) -> (usize, usize) {
    let f = &line[start..end];
    let t = f.trim();
    if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        let lead = t.as_ptr() as usize - line.as_ptr() as usize;
        (lead + 1, lead + t.len() - 1)
    } else {
        (start, end)
    }
}

/// Splits a line at runs of two or more blanks (or any tab).
fn split_wide(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut field_start: Option<usize> = None;
    let mut gap_start = 0;
    let mut gap = 0;
    for (i, c) in line.char_indices() {
        if is_blank(c) {
            if gap == 0 {
                gap_start = i;
            }
            gap += if c == '\t' { 2 } else { 1 };
            continue;
        }
        if gap >= 2
            && let Some(s) = field_start.take()
        {
            out.push((s, gap_start));
        }
        gap = 0;
        if field_start.is_none() {
            field_start = Some(i);
        }
    }
    if let Some(s) = field_start {
        out.push((s, line.len()));
    }
    out
}

/// "| a | b |" or "a | b |||": the cells between the pipes (a leading pipe
/// and trailing fillers dropped); separator rows ("|---|") give none.
fn split_pipes(line: &str) -> Vec<(usize, usize)> {
    let t = line.trim();
    if t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t')) {
        return Vec::new();
    }
    let lead = line.len() - line.trim_start().len();
    let inner_start = lead + usize::from(t.starts_with('|'));
    let inner_end = lead + t.trim_end_matches('|').len();
    if inner_end <= inner_start {
        return Vec::new();
    }
    split_pipe_cells(&line[inner_start..inner_end])
        .into_iter()
        .map(|(s, e)| (inner_start + s, inner_start + e))
        .collect()
}

/// Splits at every pipe that is not escaped (`\|` is a pipe inside a cell,
/// as markdown writers escape it).
fn split_pipe_cells(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if c == '|' && !escaped {
            out.push((start, i));
            start = i + 1;
        }
        escaped = c == '\\' && !escaped;
    }
    out.push((start, s.len()));
    out
}

/// One cell per line ending in " |"; pipe-only or blank lines end a row; a
/// line without a pipe is a row of its own.
fn pipe_cells(text: &str, range: Range<usize>) -> Vec<Vec<Span>> {
    let mut rows: Vec<Vec<Span>> = Vec::new();
    let mut cur: Vec<Span> = Vec::new();
    for (start, line) in lines(text, range) {
        let t = line.trim_end();
        if t.trim().is_empty() || only_pipes(t) {
            if !cur.is_empty() {
                rows.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(body) = t.strip_suffix('|') {
            cur.push(trimmed(text, start, start + body.len()));
        } else if super::number::is_page_number(t) {
            // A page footer inside a row ("- 3 -"): the row goes on.
            continue;
        } else {
            if !cur.is_empty() {
                rows.push(std::mem::take(&mut cur));
            }
            rows.push(vec![trimmed(text, start, start + t.len())]);
        }
    }
    if !cur.is_empty() {
        rows.push(cur);
    }
    rows
}

/// Every non-blank line a field; the whole region one row.
fn plain_lines(text: &str, range: Range<usize>) -> Vec<Vec<Span>> {
    // Each non-blank line trimmed (as `trimmed` would, in one look).
    let fields: Vec<Span> = lines(text, range)
        .filter_map(|(s, l)| {
            let body = l.trim_start();
            let start = s + (l.len() - body.len());
            (!body.is_empty()).then(|| Span::new(start, start + body.trim_end().len()))
        })
        .collect();
    if fields.is_empty() {
        Vec::new()
    } else {
        vec![fields]
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn csv_rows_split_at_commas_outside_quotes() {
        let line = "一、本年新收政府信息公开申请数量,202,6,0,\"1,288\",,216";
        let f: Vec<&str> = split_csv(line)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect();
        assert_eq!(
            f,
            [
                "一、本年新收政府信息公开申请数量",
                "202",
                "6",
                "0",
                "1,288",
                "",
                "216"
            ]
        );
        assert!(is_csv_row(line));
        // Narrative with commas is not a table row.
        assert!(!is_csv_row(
            "2024年,我市坚持以人民为中心,持续加大公开力度,积极回应关切,成效明显。"
        ));
        let text = format!(
            "{line}\n二、上年结转政府信息公开申请数量,2,0,0,0,0,1,3\n（一）予以公开,131,6,0,0,3,1,141\n"
        );
        assert_eq!(detect(&text, 0..text.len()), Family::CsvRows);
    }

    use super::*;

    fn texts<'a>(text: &'a str, rows: &[Vec<Span>]) -> Vec<Vec<&'a str>> {
        rows.iter()
            .map(|r| r.iter().map(|s| &text[s.start..s.end]).collect())
            .collect()
    }

    fn tok(text: &str) -> (Family, Vec<Vec<&str>>) {
        let family = detect(text, 0..text.len());
        (family, texts(text, &rows(text, 0..text.len(), family)))
    }

    #[test]
    fn trim_is_str_trim() {
        let spaces = [
            " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
            "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
        ];
        let others = [
            "",
            "a",
            "规章",
            "\u{2010}",
            "\u{E000}",
            "\u{1C}",
            "\u{200B}",
            "（一）",
            "1 2",
        ];
        for a in spaces.iter().chain(&others) {
            for b in &others {
                for c in spaces.iter().chain(&others) {
                    let s = format!("{a}{a}{b}{c}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                    let s = format!("{c}{b}{a}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn is_blank_text_is_trim_is_empty() {
        for s in [
            "",
            " ",
            "\t\u{3000}\n",
            "\u{A0}",
            "\u{2028}x",
            " \u{2010}",
            "规章",
            " a ",
        ] {
            assert_eq!(is_blank_text(s), s.trim().is_empty(), "{s:?}");
        }
    }

    #[test]
    fn lines_are_cut_as_split_inclusive_cuts_them() {
        for text in ["", "\n", "a", "a\n", "a\r\nb", "\n\nx\r\r\n规章\n0"] {
            let want: Vec<(usize, &str)> = text
                .split_inclusive('\n')
                .scan(0, |at, l| {
                    let start = *at;
                    *at += l.len();
                    Some((start, l.trim_end_matches(['\n', '\r'])))
                })
                .collect();
            assert_eq!(
                lines(text, 0..text.len()).collect::<Vec<_>>(),
                want,
                "{text:?}"
            );
        }
        let text = "x\nab\ncd\ne";
        assert_eq!(
            lines(text, 2..8).collect::<Vec<_>>(),
            [(2, "ab"), (5, "cd")]
        );
    }

    #[test]
    fn cell_per_line_blocks_and_empty_cells() {
        let text = "\t规章\n\t1\n\t0\n\t5\n\n\t\n\t（二）部分公开\n\t\n\t3\n\n\t（3）  \n不予\n公开\t1.属于国家秘密\n\t2\n";
        let (family, rows) = tok(text);
        assert_eq!(family, Family::CellPerLine);
        assert_eq!(rows[0], vec!["规章", "1", "0", "5"]);
        assert_eq!(rows[1], vec!["", "（二）部分公开", "", "3"]);
        assert_eq!(rows[2], vec!["（3）  \n不予\n公开", "1.属于国家秘密", "2"]);
    }

    #[test]
    fn tab_rows() {
        let text = "规章\t0\t0\t0\n行政规范性文件\t0\t0 0\t\t\n→\n\t\t2. 其他\t1\t2\n";
        let (family, rows) = tok(text);
        assert_eq!(family, Family::TabRows);
        assert_eq!(rows[0], vec!["规章", "0", "0", "0"]);
        assert_eq!(rows[1], vec!["行政规范性文件", "0", "0 0", "", ""]);
        assert_eq!(rows[3], vec!["", "", "2. 其他", "1", "2"]);
    }

    #[test]
    fn pipe_cells_and_pipe_rows() {
        let text = "规章 |\n4 |\n10 |\n73 |\n||\n行政许可 |\n400009 |\n|||\n标题\n";
        let (family, rows) = tok(text);
        assert_eq!(family, Family::PipeCells);
        assert_eq!(rows[0], vec!["规章", "4", "10", "73"]);
        assert_eq!(rows[1], vec!["行政许可", "400009"]);
        assert_eq!(rows[2], vec!["标题"]);
        // A page footer between two cells of a row does not end the row.
        let text = "规章 |\n4 |\n10 |\n- 3 -\n73 |\n||\n行政许可 |\n400009 |\n|||\n";
        let (_, rows) = tok(text);
        assert_eq!(rows[0], vec!["规章", "4", "10", "73"]);

        let text =
            "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 | 0 | 0 |\n| 行政许可 | 12 |\n";
        let (family, rows) = tok(text);
        assert_eq!(family, Family::PipeRows);
        assert_eq!(rows[1], vec!["规章", "0", "0", "0"]);
        assert_eq!(rows.len(), 3);

        let text =
            "规章 | 1 | 0 | 5 |||\n行政许可 | 12 ||\n第二十条第（五）项 |||\n行政处罚 | 3 |\n";
        let (family, rows) = tok(text);
        assert_eq!(family, Family::PipeRows);
        assert_eq!(rows[0], vec!["规章", "1", "0", "5"]);
        assert_eq!(rows[1], vec!["行政许可", "12"]);
        assert_eq!(rows[2], vec!["第二十条第（五）项"]);
    }

    #[test]
    fn space_rows() {
        let text = "规章               0          0       0\n行政规范性文件          0          5       5\n  （五）不予处理  3.要求提供公开出版物   0    0\n";
        let (family, rows) = tok(text);
        assert_eq!(family, Family::SpaceRows);
        assert_eq!(rows[0], vec!["规章", "0", "0", "0"]);
        assert_eq!(
            rows[2],
            vec!["（五）不予处理", "3.要求提供公开出版物", "0", "0"]
        );
    }

    #[test]
    fn plain_lines_are_one_row() {
        let text = "规章\n\n0\n\n5\n";
        let (family, rows) = tok(text);
        assert_eq!(family, Family::PlainLines);
        assert_eq!(rows, vec![vec!["规章", "0", "5"]]);
    }
}
