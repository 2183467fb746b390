//! Reading a cell's text the way converters and OCR write numbers:
//! full-width digits, thousands separators, a space inside a number
//! ("923. 71"), several cells run together in one field ("0 0"), marks for
//! "not applicable", and text that looks like a number but is not one
//! ("1O", "l2", "12件") — kept as written and flagged, never repaired.

use super::normalize::compact;
use crate::note::Malformed;

/// What one piece of cell text reads as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reading {
    /// A well-formed number: its ASCII digits (and at most one '.'), with
    /// thousands separators and inner spaces removed.
    Number(String),
    /// A not-applicable mark: "/", "-", "—", "／", "－", "无".
    NotApplicable,
    /// Looks like a number but is not a well-formed one; the reason.
    Invalid(Malformed),
    /// Not a number at all (a label, or noise).
    Text,
}

/// Marks a report prints for "not applicable". "无" ("none") is read as not
/// applicable too: it is not a number, and a clerk should see that the report
/// wrote a word rather than 0.
const NOT_APPLICABLE: [&str; 8] = ["/", "-", "—", "–", "——", "--", "\\", "无"];

/// Letters OCR confuses with digits (O/o for 0, l/I/i/| for 1, S for 5, B for 8, Z for 2).
const CONFUSABLE: [char; 10] = ['O', 'o', 'l', 'I', 'i', '|', 'S', 'B', 'Z', 'D'];

/// Units sometimes written into a cell ("12件"): the cell is then invalid.
const UNITS: [&str; 9] = ["万元", "件", "个", "条", "次", "元", "人", "份", "项"];

/// Whether a character is part of one of the [`UNITS`].
fn is_unit_char(c: char) -> bool {
    matches!(
        c,
        '万' | '元' | '件' | '个' | '条' | '次' | '人' | '份' | '项'
    )
}

/// Reads one piece of cell text (no inner whitespace expected, but tolerated).
pub(crate) fn read(raw: &str) -> Reading {
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        return Reading::Number(raw.to_string());
    }
    let s = compact(raw);
    if s.is_empty() {
        return Reading::Text;
    }
    if NOT_APPLICABLE.contains(&s.as_str()) {
        return Reading::NotApplicable;
    }
    if let Some(n) = well_formed(&s) {
        return Reading::Number(n);
    }
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    if !has_digit {
        return damaged(&s);
    }
    if let Some(c) = s.chars().find(|c| CONFUSABLE.contains(c)).filter(|_| {
        s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || CONFUSABLE.contains(&c))
    }) {
        return Reading::Invalid(Malformed::Letter { letter: c });
    }
    for unit in UNITS {
        if let Some(num) = s.strip_suffix(unit)
            && well_formed(num).is_some()
        {
            return Reading::Invalid(Malformed::Unit {
                unit: unit.to_string(),
            });
        }
    }
    if s.bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Reading::Invalid(Malformed::Separators);
    }
    damaged(&s)
}

/// Short text without CJK words that holds a digit (or a replacement
/// character) is a damaged value, not a label: "1x", "#0", "１�".
fn damaged(s: &str) -> Reading {
    let cjk = s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let short = s.chars().count() <= 12;
    let digitish = s.bytes().any(|b| b.is_ascii_digit()) || s.contains('\u{FFFD}');
    let stray = s.chars().count() <= 2 && s.chars().all(|c| c.is_ascii_alphanumeric());
    if !cjk && short && (digitish || stray) {
        Reading::Invalid(Malformed::Damaged {
            text: s.to_string(),
        })
    } else {
        Reading::Text
    }
}

/// Plain digits, digits with one decimal point, or digits with thousands
/// separators ("41,304"): the digits without separators.
fn well_formed(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if int.is_empty() {
        return None;
    }
    let int_digits = if int.bytes().all(|b| b.is_ascii_digit()) {
        int.to_string()
    } else {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
        groups.concat()
    };
    Some(match frac {
        Some(f) => format!("{int_digits}.{f}"),
        None => int_digits,
    })
}

/// Whether a field is a page number ("-2-", "— 3 —").
pub(crate) fn is_page_number(raw: &str) -> bool {
    if !raw.trim_start().starts_with(['-', '—', '–', '－']) {
        return false;
    }
    let s = compact(raw);
    let dash = |c: char| matches!(c, '-' | '—' | '–');
    let Some(inner) = s.strip_prefix(dash).and_then(|r| r.strip_suffix(dash)) else {
        return false;
    };
    !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit())
}

/// One value read from a field: its byte range (relative to the field) and
/// the reading. `joined` is set when pieces separated by a space were read as
/// one number ("923. 71").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Byte offset of the first byte, relative to the field.
    pub start: usize,
    /// Byte offset one past the last byte, relative to the field.
    pub end: usize,
    /// What it reads as.
    pub reading: Reading,
    /// Whether the number was joined from space-separated pieces.
    pub joined: bool,
    /// Whether the field held several values run together ("0 0").
    pub run: bool,
    /// Whether a stray mark next to the value ("# 8", "\u{FFFD} 8") was ignored.
    pub noise: bool,
}

/// Whether a piece of text is only marks (no letter or digit): "#", "~", "\u{FFFD}".
pub(crate) fn is_mark(s: &str) -> bool {
    !s.is_empty() && s.chars().nth(3).is_none() && !s.chars().any(char::is_alphanumeric)
}

/// Where the digits are in a field of plain ASCII digits with only ASCII
/// spaces around them: the common field, read by [`read_field`] as one
/// number with those bounds.
pub(crate) fn plain_digits(field: &str) -> Option<(usize, usize)> {
    let digits = field.trim_ascii();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let start = digits.as_ptr() as usize - field.as_ptr() as usize;
    Some((start, start + digits.len()))
}

/// Reads a field as values: `None` when the field is text (a label).
/// Whitespace separates cells run together ("0 0" is two cells), except
/// around a decimal point or thousands separator ("923. 71", "41, 304").
pub(crate) fn read_field(field: &str) -> Option<Vec<Piece>> {
    // The common case, plain ASCII digits (spaces around them), is one
    // number; the general path below reads it the same way.
    if let Some((start, end)) = plain_digits(field) {
        return Some(vec![Piece {
            start,
            end,
            reading: Reading::Number(field[start..end].to_string()),
            joined: false,
            run: false,
            noise: false,
        }]);
    }
    // Label text: a CJK character that is not a unit or 无 cannot be a value.
    let word = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c) && c != '无' && !is_unit_char(c);
    if field.chars().any(word) {
        return None;
    }
    // Whitespace-separated pieces with their offsets.
    let mut raw_pieces: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in field.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                raw_pieces.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        raw_pieces.push((s, field.len()));
    }
    if raw_pieces.is_empty() {
        return None;
    }
    // Join pieces around '.' and ','.
    let joins = |s: &str| s.ends_with(['.', ',', '．', '，']);
    let starts = |s: &str| s.starts_with(['.', ',', '．', '，']);
    let mut merged: Vec<(usize, usize, bool)> = Vec::new();
    for (s, e) in raw_pieces {
        if let Some(last) = merged.last_mut()
            && (joins(&field[last.0..last.1]) || starts(&field[s..e]))
        {
            last.1 = e;
            last.2 = true;
            continue;
        }
        merged.push((s, e, false));
    }
    // Stray marks beside a value are dropped (and the value flagged).
    let before = merged.len();
    let mut merged: Vec<(usize, usize, bool, Reading)> = merged
        .into_iter()
        .map(|(s, e, j)| (s, e, j, read(&field[s..e])))
        .collect();
    if before > 1 && merged.iter().any(|m| matches!(m.3, Reading::Number(_))) {
        merged.retain(|m| m.3 == Reading::NotApplicable || !is_mark(&field[m.0..m.1]));
    }
    let noise = merged.len() < before;
    let run = merged.len() > 1;
    let pieces: Vec<Piece> = merged
        .into_iter()
        .map(|(s, e, joined, reading)| Piece {
            start: s,
            end: e,
            reading,
            joined,
            run,
            noise,
        })
        .collect();
    if pieces.iter().all(|p| p.reading != Reading::Text) {
        return Some(pieces);
    }
    // "12 件", "1 O": read the whole field as one piece.
    match read(field) {
        Reading::Text => None,
        reading => {
            let first = pieces.first().map_or(0, |p| p.start);
            let last = pieces.last().map_or(field.len(), |p| p.end);
            Some(vec![Piece {
                start: first,
                end: last,
                reading,
                joined: false,
                run: false,
                noise: false,
            }])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_chars_are_the_units_chars() {
        for c in UNITS.iter().flat_map(|u| u.chars()) {
            assert!(is_unit_char(c), "{c}");
        }
        for c in ['无', '规', '章', '0'] {
            assert!(!is_unit_char(c), "{c}");
        }
    }

    #[test]
    fn plain_digits_with_spaces_around_are_one_number() {
        let p = read_field(" 12\t").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].start, p[0].end), (1, 3));
        assert_eq!(p[0].reading, Reading::Number("12".to_string()));
        assert!(!p[0].joined && !p[0].run && !p[0].noise);
        // Full-width digits still go through the general path.
        let p = read_field("１２").unwrap();
        assert_eq!(p[0].reading, Reading::Number("12".to_string()));
    }

    fn num(s: &str) -> Reading {
        Reading::Number(s.to_string())
    }

    #[test]
    fn reads_plain_and_full_width_digits() {
        assert_eq!(read("216"), num("216"));
        assert_eq!(read("２１６"), num("216"));
        assert_eq!(read("53624.202456"), num("53624.202456"));
    }

    #[test]
    fn reads_thousands_separators() {
        assert_eq!(read("41,304"), num("41304"));
        assert_eq!(read("1,234,567"), num("1234567"));
        assert_eq!(read("４１，３０４"), num("41304"));
        assert!(matches!(read("41,30"), Reading::Invalid(_)));
    }

    #[test]
    fn flags_letters_for_digits() {
        assert!(matches!(read("1O"), Reading::Invalid(_)));
        assert!(matches!(read("l2"), Reading::Invalid(_)));
        assert!(matches!(read("12件"), Reading::Invalid(_)));
        assert_eq!(read("规章"), Reading::Text);
        assert!(matches!(read("1x"), Reading::Invalid(_)));
        assert!(matches!(read("#0"), Reading::Invalid(_)));
        assert!(matches!(read("x"), Reading::Invalid(_)));
        assert!(matches!(read("\u{FFFD}"), Reading::Invalid(_)));
        assert_eq!(read("#"), Reading::Text);
        assert_eq!(read("---"), Reading::Text);
        assert_eq!(read("1.属于国家秘密"), Reading::Text);
    }

    #[test]
    fn not_applicable_marks() {
        for s in ["/", "／", "-", "－", "—", "无"] {
            assert_eq!(read(s), Reading::NotApplicable, "{s}");
        }
    }

    #[test]
    fn a_space_inside_a_decimal_joins() {
        let p = read_field("923. 71").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].reading, num("923.71"));
        assert!(p[0].joined);
        assert_eq!((p[0].start, p[0].end), (0, 7));
    }

    #[test]
    fn cells_run_together_split() {
        let p = read_field("0 0").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!((p[1].start, p[1].end), (2, 3));
        assert!(p[0].run && p[1].run);
        assert_eq!(read_field("规章"), None);
        assert_eq!(read_field("1. 属于国家秘密"), None);
        let p = read_field("# 8").unwrap();
        assert_eq!((p.len(), p[0].noise), (1, true));
        assert_eq!(p[0].reading, num("8"));
        let p = read_field("12 件").unwrap();
        assert!(matches!(p[0].reading, Reading::Invalid(_)));
    }

    #[test]
    fn page_numbers() {
        assert!(is_page_number("-2-"));
        assert!(is_page_number("- 12 -"));
        assert!(!is_page_number("-"));
        assert!(!is_page_number("2"));
    }
}
