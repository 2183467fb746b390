//! What a check is about and what it found, in either language, from its
//! typed id and values: the window's checks panel and the command line's
//! Chinese output say it the same way. (The core's English `message` of a
//! check stays what the English command line and the JSON print.)

use super::Lang;
use crate::checks::{CheckId, CheckKind, CheckStatus, CrossYear, Narrative, Tally};
use crate::template::{REQUEST_COLS_WITH_SUBTOTAL, TableId};

/// What the check is about, e.g. "行合计 · （一）予以公开": its family and
/// the row, column, group or table its id names.
pub fn title(id: CheckId, lang: Lang) -> String {
    let kind = match id.kind() {
        CheckKind::RowTotal => lang.t("行合计", "Row total"),
        CheckKind::OutcomeTotal => lang.t("办理结果总计", "Outcome total"),
        CheckKind::Balance => lang.t("勾稽关系", "Balance"),
        CheckKind::AppealTotal => lang.t("复议诉讼总计", "Appeal total"),
        CheckKind::OrgSubtotal => lang.t("法人或其他组织小计", "Organisations subtotal"),
        CheckKind::Narrative => lang.t("正文与表格", "Narrative vs tables"),
        CheckKind::CrossYear => lang.t("与上年报告", "Against last year's report"),
    };
    let row = |table: TableId, row: &str| {
        let def = table.rows().iter().find(|r| r.id == row)?;
        Some(lang.t(def.label, def.label_en).to_string())
    };
    let col = |col: &str| {
        let def = REQUEST_COLS_WITH_SUBTOTAL.iter().find(|c| c.id == col)?;
        Some(lang.t(def.label, def.label_en).to_string())
    };
    let subject = match id {
        CheckId::RowTotal { row: r } | CheckId::OrgSubtotal { row: r } => row(TableId::Requests, r),
        CheckId::OutcomeTotal { col: c } | CheckId::Balance { col: c } => col(c),
        CheckId::AppealTotal { group } => row(TableId::Appeals, group),
        CheckId::Narrative(_) => None,
        CheckId::CrossYear(c) => Some(match c {
            CrossYear::Carry { col: c } => format!(
                "{} · {}",
                lang.t("上年结转", "Carried over"),
                col(c).unwrap_or_default()
            ),
            CrossYear::Stock { row: r } => format!(
                "{} · {}",
                lang.t("现行有效件数", "In force"),
                row(TableId::Active, r).unwrap_or_default()
            ),
            CrossYear::Copied(t) => format!(
                "{} · {}",
                lang.t("表格与上年相同", "Same table as last year"),
                lang.t(t.label(), t.label_en())
            ),
            CrossYear::IssuerVariant => lang.t("机关名称不一致", "Issuer name differs").to_string(),
            CrossYear::Ambiguous => lang
                .t("上年报告不止一份", "Several reports for last year")
                .to_string(),
        }),
    };
    match subject {
        Some(s) => format!("{kind} · {s}"),
        None => kind.to_string(),
    }
}

/// The rule a check applies, in words.
pub fn rule(id: CheckId, lang: Lang) -> &'static str {
    match id {
        CheckId::RowTotal { .. } => lang.t(
            "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
            "Total = natural persons + businesses + research institutions + public-interest \
             organisations + legal service providers + other organisations",
        ),
        CheckId::OutcomeTotal { .. } => lang.t(
            "（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）1–3",
            "(VII) total = (I) + (II) + (III) 1–8 + (IV) 1–3 + (V) 1–5 + (VI) 1–3",
        ),
        CheckId::Balance { .. } => lang.t(
            "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
            "I. received this year + II. carried over = (VII) total + IV. carried forward",
        ),
        CheckId::AppealTotal { .. } => lang.t(
            "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            "Total = upheld + corrected + other result + pending",
        ),
        CheckId::OrgSubtotal { .. } => lang.t(
            "小计 = 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
            "Subtotal = businesses + research institutions + public-interest organisations + \
             legal service providers + other organisations",
        ),
        CheckId::Narrative(n) => narrative_rule(n, lang),
        CheckId::CrossYear(c) => match c {
            CrossYear::Carry { .. } => lang.t(
                "二、上年结转 = 上一年度报告的 四、结转下年度继续办理",
                "II. carried over = last year's IV. carried forward",
            ),
            CrossYear::Stock { .. } => lang.t(
                "现行有效件数 = 上一年度 现行有效件数 + 本年制发件数 − 本年废止件数",
                "In force = last year's in force + issued this year − repealed this year",
            ),
            CrossYear::Copied(_) => lang.t(
                "表格与上一年度不完全相同",
                "A table is not exactly last year's",
            ),
            CrossYear::IssuerVariant => lang.t(
                "同一机关的名称应一致",
                "One issuer is named the same way every year",
            ),
            CrossYear::Ambiguous => {
                lang.t("每个机关每年一份报告", "One report per issuer and year")
            }
        },
    }
}

fn narrative_rule(n: Narrative, lang: Lang) -> &'static str {
    match n {
        Narrative::Received => lang.t(
            "正文“收到（受理）…申请N件” = 一、本年新收 总计（受理也可含 二、上年结转）",
            "Section I \"received (accepted) N requests\" = I. received this year, total \
             (accepted may include II. carried over)",
        ),
        Narrative::Handled => lang.t(
            "正文“共办理…申请N件” = 一、本年新收 + 二、上年结转 总计（或只算 一）",
            "Section I \"handled N requests\" = I. received + II. carried over, total (or I alone)",
        ),
        Narrative::Disclosed => lang.t(
            "正文“申请N件…予以公开” = （一）予以公开 总计",
            "Section I \"N requests … disclosed\" = (I) disclosed, total",
        ),
        Narrative::Concluded => lang.t(
            "正文“办结N件” = （七）总计 总计",
            "Section I \"N concluded\" = (VII) total, total",
        ),
        Narrative::CarriedForward => lang.t(
            "正文“结转下年度继续办理N件” = 四、结转下年度继续办理 总计",
            "Section I \"N carried forward\" = IV. carried forward, total",
        ),
        Narrative::CarriedOver => lang.t(
            "正文“上年度结转N件” = 二、上年结转 总计",
            "Section I \"N carried over from last year\" = II. carried over, total",
        ),
        Narrative::Review => lang.t(
            "正文“行政复议N件” = 表四 行政复议 总计",
            "Section I \"N administrative reviews\" = table IV, review total",
        ),
        Narrative::Litigation => lang.t(
            "正文“行政诉讼N件” = 表四 未经复议直接起诉 总计 + 复议后起诉 总计",
            "Section I \"N lawsuits\" = table IV, direct + after-review totals",
        ),
        Narrative::NoRequests => lang.t(
            "正文“未收到政府信息公开申请” ⇒ 一、本年新收 总计 = 0",
            "Section I \"no requests received\" ⇒ I. received this year, total = 0",
        ),
        Narrative::NoAppeals => lang.t(
            "正文“未发生行政复议、行政诉讼” ⇒ 表四 总计 = 0",
            "Section I \"no reviews or lawsuits\" ⇒ table IV totals = 0",
        ),
    }
}

/// A status in words ("不符" / "fail").
pub fn status(status: CheckStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => status_heading(status, lang),
        Lang::En => status.id(),
    }
}

/// A status as a heading or column name ("不符" / "Fail").
pub fn status_heading(status: CheckStatus, lang: Lang) -> &'static str {
    match status {
        CheckStatus::Pass => lang.t("通过", "Pass"),
        CheckStatus::Fail => lang.t("不符", "Fail"),
        CheckStatus::Incomplete => lang.t("不完整", "Incomplete"),
        CheckStatus::Warning => lang.t("提醒", "Warning"),
    }
}

/// The one tally in words, as the status bar and `check` say it:
/// "通过 31，不符 2，不完整 10，提醒 0，已确认 0" / "31 pass, 2 fail, 10
/// incomplete, 0 warning, 0 acknowledged".
pub fn tally(t: &Tally, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "通过 {}，不符 {}，不完整 {}，提醒 {}，已确认 {}",
            t.pass, t.fail, t.incomplete, t.warning, t.acknowledged
        ),
        Lang::En => format!(
            "{} pass, {} fail, {} incomplete, {} warning, {} acknowledged",
            t.pass, t.fail, t.incomplete, t.warning, t.acknowledged
        ),
    }
}

/// Both sides and their difference: "左 0 · 右 11，差 -11" ("？" for a side
/// that is not known).
pub fn sides(left: Option<u64>, right: Option<u64>, difference: Option<i64>, lang: Lang) -> String {
    let side = |v: Option<u64>| v.map_or_else(|| "？".to_string(), |v| v.to_string());
    let diff = difference.map_or_else(String::new, |d| {
        format!("{}{d:+}", lang.t("，差 ", ", difference "))
    });
    format!(
        "{}{} · {}{}{diff}",
        lang.t("左 ", "left "),
        side(left),
        lang.t("右 ", "right "),
        side(right)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    }

    /// Every check id has a title and a rule in both languages: Chinese in
    /// the Chinese one (no English word), no Chinese in the English one
    /// except the template's printed labels the English UI shows too.
    #[test]
    fn every_check_is_named_in_both_languages() {
        for id in CheckId::all() {
            let (zh, en) = (title(id, Lang::Zh), title(id, Lang::En));
            assert!(han(&zh), "{id}: {zh}");
            assert!(!han(&en), "{id}: {en}");
            let (zh, en) = (rule(id, Lang::Zh), rule(id, Lang::En));
            assert!(han(zh), "{id}: {zh}");
            assert!(
                !zh.split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() > 1),
                "{id}: {zh}"
            );
            assert!(!han(en), "{id}: {en}");
        }
        let id: CheckId = "appeals.total.review".parse().unwrap();
        assert_eq!(title(id, Lang::Zh), "复议诉讼总计 · 行政复议");
        assert_eq!(title(id, Lang::En), "Appeal total · Administrative review");
    }

    #[test]
    fn sides_say_what_is_unknown() {
        assert_eq!(
            sides(Some(0), Some(11), Some(-11), Lang::Zh),
            "左 0 · 右 11，差 -11"
        );
        assert_eq!(sides(Some(6), None, None, Lang::En), "left 6 · right ？");
    }
}
