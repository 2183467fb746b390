//! The issuer and the year of a report: from its title (the first lines), a
//! notice that publishes it ("X关于印发…年度报告的通知"), the statistics
//! period it states, or the signature block at the end.
//!
//! An OCR-damaged issuer is kept as written; its normalised form (spaces
//! removed, a damaged body-type suffix such as 人民攻府 read as 人民政府)
//! stands beside it.

use std::sync::LazyLock;

use regex::Regex;

use super::normalize::compact;
use crate::note::TakenFrom;

/// The issuer as written, its normalised form (if different), and the year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Title {
    /// The issuing body as written.
    pub issuer: Option<String>,
    /// The issuer normalised (spaces removed, a damaged suffix restored),
    /// when that differs.
    pub issuer_normalized: Option<String>,
    /// The report year.
    pub year: Option<u16>,
    /// Where the year came from, when not from the title.
    pub year_from: Option<TakenFrom>,
    /// Where the issuer came from, when not from the title or the signature.
    pub issuer_from: Option<TakenFrom>,
}

/// The endings of issuing bodies' names, as a damaged one is restored.
const BODY_SUFFIXES: [&str; 8] = [
    "人民政府",
    "办公室",
    "办公厅",
    "委员会",
    "管理委员会",
    "行政公署",
    "管委会",
    "经开区",
];

/// Characters OCR reads in place of those of the body-type endings: (read,
/// meant).
const LOOK_ALIKES: [(char, char); 14] = [
    ('攻', '政'),
    ('玫', '政'),
    ('致', '政'),
    ('改', '政'),
    ('俯', '府'),
    ('腑', '府'),
    ('付', '府'),
    ('窒', '室'),
    ('宝', '室'),
    ('曾', '会'),
    ('合', '会'),
    ('斤', '厅'),
    ('暑', '署'),
    ('晨', '民'),
];

/// A year "20xx年" / "19xx年" in a line: (byte position in `line`, year).
fn year_in(line: &str) -> Option<(usize, u16)> {
    let b = line.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        let digits = &b[i..i + 4];
        if digits.iter().all(u8::is_ascii_digit)
            && (digits.starts_with(b"19") || digits.starts_with(b"20"))
            && (i == 0 || !b[i - 1].is_ascii_digit())
        {
            let after = line[i + 4..].trim_start();
            if after.starts_with('年') {
                let y = std::str::from_utf8(digits).ok()?.parse().ok()?;
                return Some((i, y));
            }
        }
    }
    None
}

/// A date "2025年1月17日" in a compacted line: (year, month).
fn date_in(c: &str) -> Option<(u16, u8)> {
    let (pos, year) = year_in(c)?;
    let rest = c[pos + 4..].strip_prefix('年')?;
    let month: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[month.len()..];
    let m: u8 = month.parse().ok()?;
    (after.starts_with('月') && after.contains('日') && (1..=12).contains(&m)).then_some((year, m))
}

/// The issuer's normalised form: spaces removed, and a body-type ending with
/// one OCR look-alike character (人民攻府) restored.
fn normalized(raw: &str) -> String {
    let c = compact(raw);
    let chars: Vec<char> = c.chars().collect();
    for suffix in BODY_SUFFIXES {
        let want: Vec<char> = suffix.chars().collect();
        if want.len() < 3 || chars.len() <= want.len() {
            continue;
        }
        let tail = &chars[chars.len() - want.len()..];
        let off: Vec<(char, char)> = tail
            .iter()
            .zip(&want)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| (*a, *b))
            .collect();
        if let [(seen, meant)] = off[..]
            && LOOK_ALIKES.contains(&(seen, meant))
        {
            let head: String = chars[..chars.len() - want.len()].iter().collect();
            return head + suffix;
        }
        if off.is_empty() {
            break;
        }
    }
    c
}

fn clean_issuer(raw: &str) -> Option<(String, Option<String>)> {
    let raw = raw.trim().trim_start_matches('#').trim();
    // "X关于印发…的通知": the body is X.
    let raw = raw.split("关于").next().unwrap_or(raw).trim();
    let norm = normalized(raw);
    let n = norm.chars().count();
    if !(2..=30).contains(&n) || !norm.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return None;
    }
    let differs = (norm != raw).then_some(norm);
    Some((raw.to_string(), differs))
}

/// Reads the issuer and the year.
pub(crate) fn title(text: &str) -> Title {
    let mut out = Title::default();
    let head: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .map(|l| if l.chars().nth(80).is_some() { "" } else { l })
        .collect();
    for (i, line) in head.iter().enumerate() {
        // The title may be split over two lines ("…2024年" / "政府信息公开工作年度报告").
        let is_title =
            |c: &str| (c.contains("年度报告") || c.contains("工作报告")) && c.chars().count() <= 60;
        let c = compact(line);
        let next = head.get(i + 1).map_or(String::new(), |n| compact(n));
        let split_title = c.chars().count() <= 30 && is_title(&(c.clone() + &next));
        if !(is_title(&c) || split_title) {
            continue;
        }
        let Some((pos, year)) = year_in(line) else {
            continue;
        };
        out.year = Some(year);
        let before = &line[..pos];
        let issuer = clean_issuer(before).or_else(|| {
            i.checked_sub(1)
                .and_then(|j| head.get(j))
                .and_then(|prev| clean_issuer(prev))
        });
        if let Some((raw, norm)) = issuer {
            out.issuer = Some(raw);
            out.issuer_normalized = norm;
        }
        break;
    }
    let head = (out.issuer.is_none() || out.year.is_none()).then(|| intro(text));
    let head = head.as_deref().unwrap_or("");
    if out.issuer.is_none()
        && let Some(name) = contact_issuer(head)
    {
        out.issuer = Some(name);
        out.issuer_from = Some(TakenFrom::ContactSentence);
    }
    if out.year.is_none() {
        out.year = period_year(head);
        if out.year.is_some() {
            out.year_from = Some(TakenFrom::StatedPeriod);
        }
    }
    // Signature: a short line naming a body just before the date at the end.
    let tail: Vec<&str> = text
        .lines()
        .rev()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .collect();
    for pair in tail.windows(2) {
        let (date, name) = (pair[0], pair[1]);
        let Some((year, month)) = date_in(&compact(date)) else {
            continue;
        };
        let c = normalized(name);
        let is_body = BODY_SUFFIXES.iter().any(|s| c.ends_with(s)) || c.ends_with('局');
        if !is_body {
            continue;
        }
        if (out.issuer.is_none() || out.issuer_from.is_some())
            && let Some((raw, norm)) = clean_issuer(name)
        {
            out.issuer = Some(raw);
            out.issuer_normalized = norm;
            out.issuer_from = None;
        }
        // Reports are published early in the next year.
        if out.year.is_none() && month <= 6 {
            out.year = Some(year - 1);
            out.year_from = Some(TakenFrom::SignatureDate {
                date: date.trim().to_string(),
            });
        }
        break;
    }
    out
}

/// The first lines of the text, compacted: where the introduction states the
/// statistics period and whom to contact.
fn intro(text: &str) -> String {
    text.lines().take(40).map(compact).collect()
}

/// The year of the statistics period the introduction states ("统计期限自
/// 2024 年 1 月 1 日至 2024 年 12 月 31 日", "为2024年1月1日至12月31日"), in
/// the first lines.
fn period_year(head: &str) -> Option<u16> {
    static PERIOD: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d{2})年1月1日起?至(?:((?:19|20)\d{2})年)?12月31日").ok()
    });
    if !head.contains("12月31日") {
        return None;
    }
    let c = PERIOD.as_ref()?.captures(head)?;
    let year: u16 = c[1].parse().ok()?;
    let same = c.get(2).is_none_or(|end| end.as_str() == &c[1]);
    same.then_some(year)
}

/// The issuer named in the contact sentence ("如对本报告有疑问，请与
/// 某某市人民政府办公室…联系"): the body up to its first body-type
/// ending (a government's report is compiled by its office).
fn contact_issuer(head: &str) -> Option<String> {
    static CONTACT: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"请与(\p{Han}{2,40}?)联系").ok());
    if !head.contains("请与") {
        return None;
    }
    let name = CONTACT
        .as_ref()?
        .captures(head)?
        .get(1)?
        .as_str()
        .to_string();
    let end = ["人民政府", "行政公署", "委员会", "管委会", "局"]
        .iter()
        .filter_map(|s| name.find(s).map(|i| i + s.len()))
        .min()?;
    Some(name[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_signature() {
        let t = title(
            "\n甲市人民政府 2024 年度政府信息公开 工作年度报告\n\n本报告根据《中华人民共和国政府信息公开条例》（国务院令第 711 号）、地区《关于做好 2024 年度政府信息公开工作年度报告编制发布工作的通知》要求编制。\n",
        );
        assert_eq!(t.issuer.as_deref(), Some("甲市人民政府"));
        assert_eq!(t.year, Some(2024));
        let t = title("      乙市丙区人民政府\n    2023 年政府信息公开工作年度报告\n");
        assert_eq!(t.issuer.as_deref(), Some("乙市丙区人民政府"));
        assert_eq!(t.year, Some(2023));
        let t = title("丁市人民政府2024年\n\n政府信息公开工作年度报告\n");
        assert_eq!(t.issuer.as_deref(), Some("丁市人民政府"));
        assert_eq!(t.year, Some(2024));
        let t = title("# 戊 经开区 2024 年政府信息 公开工作年度报告\n");
        assert_eq!(t.issuer.as_deref(), Some("戊 经开区"));
        assert_eq!(t.issuer_normalized.as_deref(), Some("戊经开区"));
        assert_eq!(t.year_from, None);
    }

    #[test]
    fn the_signature_gives_the_issuer_and_the_year_before_its_date() {
        let t = title("正文没有标题。\n\n某某县人民政府\n2025 年 1 月 17 日\n");
        assert_eq!(t.issuer.as_deref(), Some("某某县人民政府"));
        assert_eq!(t.year, Some(2024));
        assert_eq!(
            t.year_from,
            Some(TakenFrom::SignatureDate {
                date: "2025 年 1 月 17 日".to_string()
            })
        );
        // Signed late in the year: not a date to count back from.
        let t = title("正文。\n\n某某县人民政府办公室\n2024年10月8日\n");
        assert_eq!(t.issuer.as_deref(), Some("某某县人民政府办公室"));
        assert_eq!(t.year, None);
    }

    #[test]
    fn the_statistics_period_gives_the_year() {
        let t = title(
            "政府信息公开工作年度报告\n本报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。\n",
        );
        assert_eq!(t.year, Some(2024));
        assert!(t.year_from.is_some());
        // A period that is not one calendar year says nothing.
        let t = title("年度报告\n统计期限自2023年1月1日至2024年6月30日。\n");
        assert_eq!(t.year, None);
    }

    #[test]
    fn a_scraped_page_without_a_title_names_its_issuer_and_period() {
        let t = title(
            "根据《条例》要求,编制本报告。报告中所列数据统计期限为2024年1月1日至12月31日。如对本报告有疑问,请与己市人民政府办公室政务办公室联系,联系电话:0991-4168983。\n一、总体情况\n",
        );
        assert_eq!(t.issuer.as_deref(), Some("己市人民政府"));
        assert!(t.issuer_from.is_some());
        assert_eq!(t.year, Some(2024));
        // A signature at the end names the issuer with more authority.
        let t = title("请与某某县人民政府办公室联系。\n正文。\n某某县教育局\n2025年1月10日\n");
        assert_eq!(t.issuer.as_deref(), Some("某某县教育局"));
        assert_eq!(t.issuer_from, None);
    }

    #[test]
    fn a_notice_publishing_the_report_names_the_issuer() {
        let t = title(
            "伊宁县人民政府办公室关于印发伊宁县2024年度政府信息公开工作年度报告的通知\n一、总体情况\n",
        );
        assert_eq!(t.issuer.as_deref(), Some("伊宁县人民政府办公室"));
        assert_eq!(t.year, Some(2024));
    }

    #[test]
    fn a_damaged_body_name_is_restored_beside_the_written_one() {
        let t = title("霍尔果斯市人民攻府2024年政府信息公开工作年度报告\n");
        assert_eq!(t.issuer.as_deref(), Some("霍尔果斯市人民攻府"));
        assert_eq!(t.issuer_normalized.as_deref(), Some("霍尔果斯市人民政府"));
        let t = title("某某县卫生健康委员曾\n2025年2月1日\n");
        assert_eq!(t.issuer_normalized.as_deref(), Some("某某县卫生健康委员会"));
        // A different body is not "restored" into another.
        assert_eq!(normalized("某某县人民法院"), "某某县人民法院");
        assert_eq!(normalized("某某县人民政协"), "某某县人民政协");
        assert_eq!(normalized("某某县人民政府"), "某某县人民政府");
    }
}
