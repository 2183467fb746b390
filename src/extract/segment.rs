//! Rows of fields → segments: a run of label fields followed by the value
//! fields that belong to it. Segments are what the template matcher walks.

use crate::note::Malformed;
use crate::report::Span;

use super::normalize::compact;
use super::number::{self, Reading};
use super::tokenize;

/// One value-bearing position in a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    /// Where the value (or the empty cell) is in the text.
    pub span: Span,
    /// What it reads as; `None` for an empty cell.
    pub reading: Option<Reading>,
    /// Whether the number was joined from space-separated pieces.
    pub joined: bool,
    /// Whether the field held several values run together ("0 0").
    pub run: bool,
    /// Whether a stray mark beside the value was ignored.
    pub noise: bool,
    /// Whether the item is only a mark ("#") standing among values: a damaged
    /// value, or damage between two values.
    pub mark: bool,
    /// Whether the value was glued to its label with no separator
    /// ("规章010"): a scraped page whose cells run together.
    pub glued: bool,
}

impl Item {
    /// An item read as `reading` with none of the marks of damage.
    pub fn plain(span: Span, reading: Option<Reading>) -> Item {
        Item {
            span,
            reading,
            joined: false,
            run: false,
            noise: false,
            mark: false,
            glued: false,
        }
    }

    /// The item of a piece read from a field starting at byte `at`.
    pub fn from_piece(at: usize, p: number::Piece) -> Item {
        Item {
            joined: p.joined,
            run: p.run,
            noise: p.noise,
            ..Item::plain(Span::new(at + p.start, at + p.end), Some(p.reading))
        }
    }

    /// Whether the position holds text (a number, a mark, or invalid text).
    pub fn is_filled(&self) -> bool {
        self.reading.is_some()
    }
}

/// Label fields followed by value fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Segment {
    /// The label fields, in order.
    pub labels: Vec<Span>,
    /// The values (and empty cells) after them.
    pub items: Vec<Item>,
}

impl Segment {
    /// The number of positions holding text.
    pub fn filled(&self) -> usize {
        self.items.iter().filter(|i| i.is_filled()).count()
    }

    /// Where the segment starts in the text.
    pub fn start(&self) -> Option<usize> {
        let l = self.labels.first().map(|s| s.start);
        let i = self.items.first().map(|i| i.span.start);
        match (l, i) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Splits rows into segments. Empty fields before any label are layout
/// placeholders (spanning group cells) and dropped; empty fields between two
/// labels are dropped too; empty fields after a label are kept as empty cells.
pub(crate) fn segments(text: &str, rows: &[Vec<Span>]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut fields: Vec<Span> = Vec::new();
    for row in rows {
        let mut cur = Segment::default();
        fields.clear();
        for &span in row {
            match spaced_cells(&text[span.start..span.end]) {
                Some(parts) => fields.extend(
                    parts
                        .into_iter()
                        .map(|(s, e)| Span::new(span.start + s, span.start + e)),
                ),
                None => fields.push(span),
            }
        }
        for &span in &fields {
            let raw = &text[span.start..span.end];
            if let Some((s, e)) = number::plain_digits(raw) {
                // The common field: one number (what read_field reads it as,
                // without building its list of pieces).
                cur.items.push(Item::plain(
                    Span::new(span.start + s, span.start + e),
                    Some(Reading::Number(raw[s..e].to_string())),
                ));
                continue;
            }
            if tokenize::is_blank_text(raw) {
                if !cur.labels.is_empty() || !cur.items.is_empty() {
                    cur.items.push(Item::plain(span, None));
                }
                continue;
            }
            if number::is_page_number(raw) {
                continue;
            }
            match number::read_field(raw) {
                Some(pieces) if is_stray(&pieces, raw) => {
                    // A stray mark ("x", "\u{FFFD}"): after a label or among
                    // values it stands where a value was damaged (or between
                    // two values); leading a row it is noise.
                    if !(cur.labels.is_empty() && cur.items.is_empty()) {
                        cur.items.push(Item {
                            mark: true,
                            ..Item::plain(span, Some(pieces[0].reading.clone()))
                        });
                    }
                }
                Some(pieces) => {
                    for p in pieces {
                        cur.items.push(Item::from_piece(span.start, p));
                    }
                }
                None if number::is_mark(tokenize::trim(raw)) => {
                    // A mark after a label or among values stands where a
                    // value was damaged (or between two values); leading a
                    // row it says nothing.
                    if !(cur.labels.is_empty() && cur.items.is_empty()) {
                        cur.items.push(Item {
                            mark: true,
                            ..Item::plain(
                                span,
                                Some(Reading::Invalid(Malformed::Mark {
                                    text: raw.trim().to_string(),
                                })),
                            )
                        });
                    }
                }
                None => {
                    if cur.filled() > 0 {
                        out.push(std::mem::take(&mut cur));
                    } else {
                        cur.items.clear();
                    }
                    match glued_number(raw) {
                        Some((label_end, pieces)) => {
                            cur.labels
                                .push(Span::new(span.start, span.start + label_end));
                            for p in pieces {
                                cur.items.push(Item {
                                    glued: true,
                                    ..Item::plain(
                                        Span::new(span.start + p.start, span.start + p.end),
                                        Some(p.reading),
                                    )
                                });
                            }
                        }
                        None => cur.labels.push(span),
                    }
                }
            }
        }
        if !cur.labels.is_empty() || !cur.items.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// A field holding a number and label text separated by spaces, as when two
/// lines of cells ran together ("41304 第二十条第（六）项 行政处罚"): the
/// number and the text around it as fields of their own (offsets in the
/// field). The number must stand after label text, or lead with three or
/// more digits (a leading "1" or "3." is an enumerator), and the text must
/// hold two or more CJK characters (not a unit: "12 件").
fn spaced_cells(raw: &str) -> Option<Vec<(usize, usize)>> {
    // (The byte test first: most fields, labels without digits, stop there.)
    if !raw.bytes().any(|b| b.is_ascii_digit()) || !raw.trim().contains(char::is_whitespace) {
        return None;
    }
    let tokens: Vec<(usize, usize)> = raw
        .split_whitespace()
        .map(|t| {
            let s = t.as_ptr() as usize - raw.as_ptr() as usize;
            (s, s + t.len())
        })
        .collect();
    let is_number = |(s, e): (usize, usize)| number::plain_digits(&raw[s..e]).is_some();
    let cjk = |(s, e): (usize, usize)| {
        raw[s..e]
            .chars()
            .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
            .nth(1)
            .is_some()
    };
    // A label with its number glued on, then the next label: "行政处罚2195
    // 行政强制904" (two run-together cells on one line).
    let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let glued_then_label = |i: usize| {
        let (s, e) = tokens[i];
        raw[s..e].ends_with(|c: char| c.is_ascii_digit())
            && raw[s..e].chars().any(han)
            && tokens
                .get(i + 1)
                .is_some_and(|&n| cjk(n) && starts_label(&raw[n.0..n.1]))
    };
    let split = tokens.iter().enumerate().any(|(i, &t)| {
        is_number(t)
            && if i == 0 {
                t.1 - t.0 >= 3
            } else {
                cjk(tokens[i - 1])
            }
    });
    let glued = (0..tokens.len()).any(glued_then_label);
    if !(split || glued) || !tokens.iter().any(|&t| cjk(t)) {
        return None;
    }
    // Numbers alone, a label ending in its glued number alone; the text
    // between them kept together.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut text: Option<(usize, usize)> = None;
    for (i, &t) in tokens.iter().enumerate() {
        if is_number(t) {
            parts.extend(text.take());
            parts.push(t);
        } else {
            text = Some(text.map_or(t, |(s, _)| (s, t.1)));
            if glued_then_label(i) {
                parts.extend(text.take());
            }
        }
    }
    parts.extend(text);
    Some(parts)
}

/// Whether text starts like a row label: a CJK character or full-width
/// punctuation ("（六）"), or an enumerator before one ("2.没有…").
fn starts_label(t: &str) -> bool {
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() == t.len() {
        return t.starts_with(|c: char| !c.is_ascii());
    }
    rest.strip_prefix(['.', '、', '．'])
        .is_some_and(|r| r.starts_with(|c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c)))
}

/// A label with a number glued to its end ("规章010",
/// "行政事业性收费53624.20"): where the label ends, and the number as one
/// piece (offsets in the field). The label must end in a non-ASCII character
/// (CJK, full-width punctuation, a closing quote) or ')', and the number must
/// be well formed. A space between the
/// two is allowed ("规章 010").
fn glued_number(raw: &str) -> Option<(usize, Vec<number::Piece>)> {
    let tail_len: usize = raw
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .map(char::len_utf8)
        .sum();
    let at = raw.len() - tail_len;
    let tail = &raw[at..];
    let label_end = raw[..at].trim_end().len();
    let before = raw[..label_end].chars().next_back()?;
    // A CJK character, full-width punctuation or a closing bracket or quote.
    let label_like = !before.is_ascii() || before == ')';
    if tail.is_empty() || !tail.starts_with(|c: char| c.is_ascii_digit()) || !label_like {
        return None;
    }
    let reading = number::read(tail);
    if !matches!(reading, Reading::Number(_)) {
        return None;
    }
    Some((
        label_end,
        vec![number::Piece {
            start: at,
            end: raw.len(),
            reading,
            joined: false,
            run: false,
            noise: false,
        }],
    ))
}

/// Whether a field read as values is a single invalid piece with no digit.
fn is_stray(pieces: &[number::Piece], raw: &str) -> bool {
    matches!(pieces, [p] if matches!(p.reading, Reading::Invalid(_)))
        && !compact(raw).bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {

    #[test]
    fn cells_run_together_with_spaces_are_fields_again() {
        fn f(raw: &str) -> Option<Vec<&str>> {
            spaced_cells(raw).map(|p| p.into_iter().map(|(s, e)| &raw[s..e]).collect())
        }
        assert_eq!(
            f("41304 第二十条第（六）项 行政处罚"),
            Some(vec!["41304", "第二十条第（六）项 行政处罚"])
        );
        assert_eq!(
            f("行政许可 41304 行政处罚"),
            Some(vec!["行政许可", "41304", "行政处罚"])
        );
        assert_eq!(
            f("行政处罚2195 行政强制904"),
            Some(vec!["行政处罚2195", "行政强制904"])
        );
        assert_eq!(
            f("1.本机关不掌握320005037 2.没有现成信息3000003"),
            Some(vec!["1.本机关不掌握320005037", "2.没有现成信息3000003"])
        );
        assert_eq!(
            f("5.要求确认0000000 （六）其他处理1.逾期不补正1000001"),
            Some(vec![
                "5.要求确认0000000",
                "（六）其他处理1.逾期不补正1000001"
            ])
        );
        // An enumerator, a unit, a spaced number, a heading: not split.
        assert_eq!(f("3. 危及“三安全一稳定”"), None);
        assert_eq!(f("1 属于国家秘密"), None);
        assert_eq!(f("12 件"), None);
        assert_eq!(f("923. 71"), None);
        assert_eq!(f("第二十条 第（一）项"), None);
    }

    use super::*;
    use crate::extract::tokenize;

    #[test]
    fn labels_then_values() {
        let text = "\t\n\t（七）总计\n\t1\n\t0\n \t四、结转下年度继续办理\n\t0\n\t\n";
        let rows = tokenize::rows(text, 0..text.len(), tokenize::Family::CellPerLine);
        let segs = segments(text, &rows);
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].labels.len(), 1);
        assert_eq!(segs[0].filled(), 2);
        assert_eq!(segs[1].items.len(), 2, "the trailing empty cell is kept");
        assert_eq!(segs[1].filled(), 1);
    }

    #[test]
    fn a_stray_mark_leading_a_row_is_noise() {
        let text = "\u{FFFD}    计其他情形）\n0    x    0\n";
        let rows = tokenize::rows(text, 0..text.len(), tokenize::Family::SpaceRows);
        let segs = segments(text, &rows);
        assert_eq!(segs[0].items.len(), 0);
        assert_eq!(segs[0].labels.len(), 1);
        assert_eq!(
            segs[1].filled(),
            3,
            "a stray mark among values is a damaged value"
        );
    }

    #[test]
    fn page_numbers_are_skipped_and_runs_split() {
        let text = "行政规范性文件\t0\t0 0\t-2-\n";
        let rows = tokenize::rows(text, 0..text.len(), tokenize::Family::TabRows);
        let segs = segments(text, &rows);
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].filled(), 3);
        let s = segs[0].items[2].span;
        assert_eq!(&text[s.start..s.end], "0");
    }
}
