//! HTML table markup (`<table><tr><td>…`), Word-exported HTML included: the
//! tokenizer for the HTML family.
//!
//! The markup is parsed by `tl`, and read as two things of the same byte
//! length as the source:
//! - a *visible text*: the source with every tag, comment and entity
//!   overwritten by spaces (a block element's closing `>` by a line break),
//!   so the rest of the extractor (headings, labels, numbers) reads the text a
//!   browser shows, and every span found in it points into the source;
//! - the table rows: one field per `<td>`/`<th>`, the span covering its text
//!   node(s) — for a label split over `<span>`/`<font>` pieces, the span from
//!   the first piece to the last. Cells and rows whose end tags are left out
//!   (old HTML) end where the next cell, row or table starts.
//!
//! Spanning cells (`rowspan`/`colspan`) are read as the markup writes them:
//! a cell once, in the row that holds it — as a Word table converted to text
//! gives them, which the matcher already reads (a group label leads only its
//! first row).

use crate::report::Span;

/// What the HTML tokenizer gives: the visible text (same length as the
/// source) and the table rows.
#[derive(Debug, Clone)]
pub(crate) struct Markup {
    /// The source with markup blanked out; byte offsets are the source's.
    pub text: String,
    /// Every table row, in document order: one field per cell.
    pub rows: Vec<Vec<Span>>,
}

/// Whether the text is HTML: table markup (`<table` or `<td`), or a saved
/// page (`<html`, `<body`), any case.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        let rest = &b[i + 1..];
        tag_at(rest, b"table")
            || tag_at(rest, b"td")
            || tag_at(rest, b"html")
            || tag_at(rest, b"body")
    })
}

/// The `top` of an absolutely positioned element (`style="position:absolute;
/// top:222px;…"`, as PDF-to-HTML converters place every piece of text).
fn top_of(t: &tl::HTMLTag<'_>) -> Option<i64> {
    let style = t.attributes().get("style")??.as_bytes();
    let s = std::str::from_utf8(style).ok()?;
    if !s.contains("absolute") {
        return None;
    }
    let k = s.find("top:")? + 4;
    let digits: String = s[k..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Whether `rest` starts with the tag name `name` (any case) followed by the
/// end of the name.
fn tag_at(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && !rest[name.len()].is_ascii_alphanumeric()
}

fn is(name: &[u8], want: &str) -> bool {
    name.eq_ignore_ascii_case(want.as_bytes())
}

/// Elements that end a line of visible text.
fn is_block(name: &[u8]) -> bool {
    [
        "p", "div", "tr", "td", "th", "br", "li", "table", "caption", "h1", "h2", "h3", "h4", "h5",
        "h6", "title", "ul", "ol",
    ]
    .iter()
    .any(|b| is(name, b))
}

/// Elements inside which a line break in the source is only a space
/// (a converter's wrapping, not a new line).
fn is_flowing(name: &[u8]) -> bool {
    [
        "p", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "span", "font", "b",
        "strong", "i", "a",
    ]
    .iter()
    .any(|b| is(name, b))
}

/// Elements whose text is not shown.
fn is_hidden(name: &[u8]) -> bool {
    is(name, "style") || is(name, "script")
}

/// Parses the markup; `None` when it cannot be parsed.
pub(crate) fn read(text: &str) -> Option<Markup> {
    let dom = tl::parse(text, tl::ParserOptions::default()).ok()?;
    let parser = dom.parser();
    let src = text.as_bytes();
    let base = src.as_ptr() as usize;
    // Where a borrowed slice of the source starts, if it is one.
    let offset = |b: &[u8]| -> Option<usize> {
        let p = b.as_ptr() as usize;
        (p >= base && p + b.len() <= base + src.len()).then(|| p - base)
    };
    let mut mask = vec![b' '; src.len()];
    // (node, hidden, flowing)
    let mut stack: Vec<(tl::NodeHandle, bool, bool)> = dom
        .children()
        .iter()
        .rev()
        .map(|h| (*h, false, false))
        .collect();
    // The last absolutely positioned piece: its top and where its line
    // break was written. Pieces at the same height are one line of the page
    // (cells apart), not lines of their own.
    let mut last_top: Option<(i64, usize)> = None;
    while let Some((h, hidden, flowing)) = stack.pop() {
        match h.get(parser) {
            Some(tl::Node::Raw(b)) if !hidden => {
                let bytes = b.as_bytes();
                if let Some(at) = offset(bytes) {
                    copy_text(&mut mask[at..at + bytes.len()], bytes, flowing);
                }
            }
            Some(tl::Node::Tag(t)) => {
                let name = t.name().as_bytes();
                if is_block(name)
                    && let Some(at) = offset(t.raw().as_bytes())
                {
                    let end = at + t.raw().as_bytes().len().saturating_sub(1);
                    if src.get(end) == Some(&b'>') {
                        mask[end] = b'\n';
                    }
                    // A block outside a table row starts a line too: after an
                    // unclosed cell (`<TD>1</TABLE><p>三、…`) the parser may
                    // not end the cell where the table ends.
                    if !is(name, "td") && !is(name, "th") && src.get(at) == Some(&b'<') {
                        mask[at] = b'\n';
                    }
                    let top = top_of(t);
                    // (A piece nested in the previous one, as broken markup
                    // gives, is no next cell.)
                    if let (Some(top), Some((prev, prev_end))) = (top, last_top)
                        && (top - prev).abs() <= 3
                        && prev_end < at
                    {
                        // One line of cells: the line breaks between the
                        // two pieces (the source's own included) go.
                        for m in &mut mask[prev_end..=at] {
                            if *m == b'\n' || *m == b'\r' {
                                *m = b'\t';
                            }
                        }
                    }
                    last_top = top
                        .filter(|_| src.get(end) == Some(&b'>'))
                        .map(|t| (t, end));
                }
                let hide = hidden || is_hidden(name);
                let flow = flowing || is_flowing(name);
                for c in t.children().top().as_slice().iter().rev() {
                    stack.push((*c, hide, flow));
                }
            }
            _ => {}
        }
    }
    let visible = String::from_utf8(mask).ok()?;

    let rows = table_rows(src, dom.nodes(), &visible, &offset);
    Some(Markup {
        text: visible,
        rows,
    })
}

/// Copies a text node into the visible text: entities become spaces (an
/// `&nbsp;` is a blank, and no entity is part of a number or a label), line
/// breaks in flowing text become spaces.
fn copy_text(out: &mut [u8], src: &[u8], flowing: bool) {
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        if c == b'&'
            && let Some(len) = entity_len(&src[i..])
        {
            // Already spaces.
            i += len;
            continue;
        }
        out[i] = if flowing && (c == b'\n' || c == b'\r') {
            b' '
        } else {
            c
        };
        i += 1;
    }
}

/// The length of an entity (`&nbsp;`, `&#160;`, `&#xA0;`) at the start of `s`.
fn entity_len(s: &[u8]) -> Option<usize> {
    let end = s.iter().take(12).position(|&c| c == b';')?;
    let body = &s[1..end];
    (!body.is_empty() && body.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'#'))
        .then_some(end + 1)
}

/// Where an element's extent ends: after its closing tag when the markup
/// closes it, else unknown (`usize::MAX`: it ends where the next cell, row or
/// table starts — HTML lets `</td>` and `</tr>` be left out).
fn bound(t: &tl::HTMLTag<'_>, at: usize, name: &str) -> usize {
    let raw = t.raw().as_bytes();
    let close = format!("</{name}");
    let tail = raw
        .strip_suffix(b">")
        .map(|r| r.trim_ascii_end())
        .and_then(|r| r.get(r.len().checked_sub(close.len())?..));
    if tail.is_some_and(|t| t.eq_ignore_ascii_case(close.as_bytes())) {
        at + raw.len()
    } else {
        usize::MAX
    }
}

/// Where the first `</table` after `from` is in the source (the parser
/// loses a table's end when its cells are left unclosed).
fn table_close(src: &[u8], from: usize) -> usize {
    let close = b"</table";
    src.get(from..)
        .and_then(|rest| {
            rest.windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close))
        })
        .map_or(usize::MAX, |p| from + p)
}

/// A cell being read.
struct OpenCell {
    /// From the first text node's start to the last one's end.
    text: Option<(usize, usize)>,
    /// Where its tag starts (an empty cell's span).
    start: usize,
    /// Where the cell ends at the latest.
    end: usize,
}

/// The table rows, read from the nodes in document order: a `<tr>` starts a
/// row, a `<td>`/`<th>` a cell; a cell holds the text nodes up to its end
/// (its closing tag, or the next cell, row or table). Nested tables are read
/// as rows of their own.
fn table_rows(
    src: &[u8],
    nodes: &[tl::Node<'_>],
    visible: &str,
    offset: &dyn Fn(&[u8]) -> Option<usize>,
) -> Vec<Vec<Span>> {
    let mut rows: Vec<Vec<Span>> = Vec::new();
    let mut row: Option<(Vec<Span>, usize)> = None;
    let mut cell: Option<OpenCell> = None;
    let mut table_end = 0usize;
    let close_cell = |cell: &mut Option<OpenCell>, row: &mut Option<(Vec<Span>, usize)>| {
        if let (Some(c), Some((fields, _))) = (cell.take(), row.as_mut()) {
            fields.push(match c.text {
                Some((a, b)) => trimmed(visible, a, b),
                None => Span::new(c.start, c.start),
            });
        }
    };
    let close_row = |row: &mut Option<(Vec<Span>, usize)>, rows: &mut Vec<Vec<Span>>| {
        if let Some((fields, _)) = row.take()
            && fields.iter().any(|f| f.start < f.end)
        {
            rows.push(fields);
        }
    };
    for node in nodes {
        match node {
            tl::Node::Tag(t) => {
                let name = t.name().as_bytes();
                let Some(at) = offset(t.raw().as_bytes()) else {
                    continue;
                };
                if is(name, "table") {
                    close_cell(&mut cell, &mut row);
                    close_row(&mut row, &mut rows);
                    table_end = bound(t, at, "table").min(table_close(src, at));
                } else if is(name, "tr") {
                    close_cell(&mut cell, &mut row);
                    close_row(&mut row, &mut rows);
                    row = Some((Vec::new(), bound(t, at, "tr").min(table_end)));
                } else if is(name, "td") || is(name, "th") {
                    close_cell(&mut cell, &mut row);
                    let n = if is(name, "td") { "td" } else { "th" };
                    let row_end = row.as_ref().map_or(table_end, |r| r.1);
                    if row.is_none() {
                        row = Some((Vec::new(), table_end));
                    }
                    cell = Some(OpenCell {
                        text: None,
                        start: at,
                        end: bound(t, at, n).min(row_end),
                    });
                }
            }
            tl::Node::Raw(b) => {
                let bytes = b.as_bytes();
                let Some(at) = offset(bytes) else {
                    continue;
                };
                if cell.as_ref().is_some_and(|c| at >= c.end) {
                    close_cell(&mut cell, &mut row);
                }
                if row.as_ref().is_some_and(|r| at >= r.1) {
                    close_row(&mut row, &mut rows);
                }
                let end = at + bytes.len();
                let shown = &visible[at..end];
                if shown.trim().is_empty() {
                    continue;
                }
                if let Some(c) = cell.as_mut() {
                    c.text = Some((c.text.map_or(at, |t| t.0), end));
                }
            }
            tl::Node::Comment(_) => {}
        }
    }
    close_cell(&mut cell, &mut row);
    close_row(&mut row, &mut rows);
    rows
}

/// Shrinks `[start, end)` to exclude surrounding whitespace.
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(start, start);
    }
    Span::new(start + lead, end - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Positioned pieces at one height are one line of cells; a piece nested
    /// in another (broken markup; the fuzzer found it) is not read as the
    /// next cell.
    #[test]
    fn positioned_pieces_at_one_height_are_one_line() {
        let src = "<html><body>\n<p style=\"position:absolute;top:10px;left:5px\">规章</p>\n<p style=\"position:absolute;top:11px;left:90px\">1</p>\n<p style=\"position:absolute;top:40px;left:5px\">行政许可</p>\n</body></html>";
        let m = read(src).unwrap();
        let lines: Vec<&str> = m
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].contains("规章") && lines[0].contains('1'));
        let nested = "<html><body><div style=\"position:absolute;top:10px\"><p style=\"position:absolute;top:10px\">1</p></div></body></html>";
        assert!(read(nested).is_some());
    }

    fn fields(src: &str) -> Vec<Vec<String>> {
        let m = read(src).unwrap();
        assert_eq!(m.text.len(), src.len());
        m.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|s| m.text[s.start..s.end].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn detects_table_markup_by_content() {
        assert!(looks_like_html("abc <TABLE border=1>"));
        assert!(looks_like_html("<td>1</td>"));
        assert!(!looks_like_html("<tdx> <tab"));
        assert!(!looks_like_html("规章\t1\t0\t5"));
    }

    #[test]
    fn cells_spans_and_noise() {
        let src = "<p>二、主动公开政府信息情况</p>\n<table><tr><td><span lang=EN>规</span><font>章</font></td><td>1</td><td>&nbsp;</td><td><p><b>12</b></p></td></tr></table>";
        let rows = fields(src);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][1], "1");
        assert_eq!(rows[0][2], "");
        assert_eq!(rows[0][3], "12");
        // The label's span covers both pieces, in the source.
        let m = read(src).unwrap();
        let s = m.rows[0][0];
        assert_eq!(&src[s.start..s.end], "规</span><font>章");
        assert!(
            m.text
                .lines()
                .any(|l| l.trim() == "二、主动公开政府信息情况")
        );
    }

    #[test]
    fn rowspan_and_nested_tags_keep_cells_once() {
        let src = "<table><tbody><tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td></tr>\n<tr><td>2.其他</td><td>3</td></tr></tbody></table>";
        let rows = fields(src);
        assert_eq!(rows[0], vec!["（三）不予公开", "1.属于国家秘密", "0"]);
        assert_eq!(rows[1], vec!["2.其他", "3"]);
    }

    #[test]
    fn style_text_is_hidden() {
        let src = "<style>p.Mso {font:12pt}</style><table><tr><td>规章</td></tr></table>";
        let m = read(src).unwrap();
        assert!(!m.text.contains("Mso"));
    }

    #[test]
    fn a_paragraph_after_an_unclosed_cell_starts_its_own_line() {
        let src = "<TABLE><TR><TD>行政事业性收费<TD>1.5\n</TABLE>\n<p>三、收到和处理政府信息公开申请情况</p>";
        let m = read(src).unwrap();
        assert!(
            m.text
                .lines()
                .any(|l| l.trim() == "三、收到和处理政府信息公开申请情况"),
            "{:?}",
            m.text
        );
    }

    #[test]
    fn unclosed_cells_and_rows() {
        let src =
            "<table><tr><td>规章<td>1<td>0<td>5\n<tr><td>行政许可<td>7</table><p>三、收到</p>";
        let rows = fields(src);
        assert_eq!(
            rows,
            vec![vec!["规章", "1", "0", "5"], vec!["行政许可", "7"]]
        );
    }
}
