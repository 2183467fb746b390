//! The extractor's notes and diagnostics in the UI's language: English is
//! the core's sentence (`Display`); Chinese is written here, one arm per
//! kind of note, so a new kind does not compile until it has its Chinese.

use super::i18n::Lang;
use crate::checks::CheckId;
use crate::note::{GroupEvidence, Malformed, Note, OrderEvidence, TakenFrom};
use crate::template::TableId;

/// A note or a diagnostic's message, in the UI's language.
pub fn text(note: &Note, lang: Lang) -> String {
    match lang {
        Lang::En => note.to_string(),
        Lang::Zh => zh(note),
    }
}

/// A cell's notes, in the UI's language, one sentence.
pub fn notes(notes: &[Note], lang: Lang) -> String {
    match lang {
        Lang::En => crate::note::joined(notes),
        Lang::Zh => notes.iter().map(zh).collect::<Vec<_>>().join("；"),
    }
}

/// A table's Chinese name.
fn table(t: &TableId) -> &'static str {
    match t {
        TableId::Active => "主动公开表",
        TableId::Requests => "依申请公开表",
        TableId::Appeals => "复议诉讼表",
    }
}

/// Row ids of a table as their labels.
fn row_labels(t: &TableId, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            t.rows()
                .iter()
                .find(|r| r.id == id)
                .map_or(id.as_str(), |r| r.label)
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn malformed(m: &Malformed) -> String {
    match m {
        Malformed::Letter { letter } => format!("字母「{letter}」出现在数字的位置"),
        Malformed::Unit { unit } => format!("单元格中写了单位「{unit}」"),
        Malformed::Separators => "分隔符位置异常".to_string(),
        Malformed::Damaged { text } => format!("「{text}」不是格式正确的数字"),
        Malformed::Mark { text } => format!("「{text}」不是数字"),
    }
}

fn taken_from(f: &TakenFrom) -> String {
    match f {
        TakenFrom::ContactSentence => "引言中的联系方式".to_string(),
        TakenFrom::StatedPeriod => "报告所述的统计期限".to_string(),
        TakenFrom::SignatureDate { date } => {
            format!("落款日期「{date}」（此时发布的是上一年度的报告）")
        }
    }
}

fn order_evidence(e: &OrderEvidence) -> String {
    match e {
        OrderEvidence::RowGroups {
            rows,
            columns,
            labelled,
            total_column,
        } => format!(
            "共 {rows} 组、每组 {columns} 个，各组总计相符；{labelled} 组旁有其标签{}",
            if *total_column {
                "，且总计列相符"
            } else {
                ""
            }
        ),
        OrderEvidence::EachNamed => "每行都由旁边的标签指明".to_string(),
        OrderEvidence::AppealGroups { labelled } => {
            format!("各组总计相符；{labelled} 组旁有其标签")
        }
    }
}

fn group_evidence(e: &GroupEvidence) -> String {
    match e {
        GroupEvidence::LabelAgrees { label, after } => {
            format!(
                "其{}的标签「{label}」相符",
                if *after { "后" } else { "前" }
            )
        }
        GroupEvidence::NoLabel => "旁边没有标签".to_string(),
        GroupEvidence::BetweenHolding => "本组总计不符；夹在两组相符的行之间放置".to_string(),
    }
}

/// The checks a note names, as written (check ids read the same in both
/// languages).
fn ids(checks: &[CheckId]) -> String {
    checks
        .iter()
        .map(CheckId::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

fn zh(note: &Note) -> String {
    match note {
        Note::LeftEmpty => "原报告此格留空".to_string(),
        Note::NotApplicable { raw } => format!("「{raw}」表示不适用（不是 0）"),
        Note::Malformed { why } => format!("不是有效数字：{}", malformed(why)),
        Note::NotANumber => "不是数字".to_string(),
        Note::CountHasDecimals => "不是有效件数：带有小数".to_string(),
        Note::CountTooLarge => "不是有效件数：数值过大".to_string(),
        Note::NotACount => "不是有效件数".to_string(),
        Note::JoinedPieces { raw } => format!("由空格隔开的片段拼成：「{raw}」"),
        Note::StrayMarkBeside { raw } => format!("忽略了数值旁的杂散符号：「{raw}」"),
        Note::FieldOfSeveral => "取自一个以空格隔开多个值的字段".to_string(),
        Note::StrayMarkAmong => "忽略了数值之间的杂散符号".to_string(),
        Note::NoTotalColumn => "表头没有“总计”列：数值按申请人各列读取，总计缺失".to_string(),
        Note::LastCellMissing { cells, columns } => {
            format!("该行 {columns} 列只有 {cells} 个值；按顺序读取，最后一格缺失")
        }
        Note::LooseLabel { read, label, score } => {
            format!("行标签模糊匹配：「{read}」读作「{label}」（相似度 {score:.2}）")
        }
        Note::PlacedByOrder { label } => format!("标签「{label}」未能匹配，按模板行序放置"),
        Note::Row { label, note } => format!("行「{label}」：{}", zh(note)),
        Note::RowUncertain {
            label,
            values,
            columns,
        } => format!("行「{label}」不确定：{columns} 列却有 {values} 个值，单元格留空"),
        Note::Uncertain { values, columns } => {
            format!("行不确定：{columns} 列却有 {values} 个值")
        }
        Note::GroupRowAsOne { label } => {
            format!("分组行「{label}」印成了一行数值：无法区分其各子行，子行留空")
        }
        Note::RowLabelNotFound => "未找到行标签".to_string(),
        Note::NotFoundInRow => "该行中未找到".to_string(),
        Note::Unplaced { table: t, values } => {
            format!("{}中有 {values} 个值无法归到行标签下", table(t))
        }
        Note::RowsNotFound { table: t, rows } => {
            format!("{}中未找到这些行：{}", table(t), row_labels(t, rows))
        }
        Note::NotRowByRow {
            table: t,
            values,
            rows,
        } => format!(
            "{}无法逐行读取：{values} 个值无法归到行标签下（匹配到 {rows} 行），全部单元格留空",
            table(t)
        ),
        Note::TableUnreadable => "此表无法逐行读取".to_string(),
        Note::NotFound => "原文中未找到".to_string(),
        Note::TableNotFound { table: t } => format!("原文中未找到{}，其单元格缺失", table(t)),
        Note::AppealsNotFound => {
            "复议诉讼表：既没有 15 个值的一行，也没有带标签的 5 个值的行，单元格留空".to_string()
        }
        Note::RunSplit { digits, checks } if checks.is_empty() => format!(
            "单元格的数字连在一起：「{digits}」；每格一位数字：数字个数恰与单元格数相同（没有校验可以验证）"
        ),
        Note::RunSplit { digits, checks } => format!(
            "单元格的数字连在一起：「{digits}」；由 {} 选定拆法：唯一满足它们的拆法",
            ids(checks)
        ),
        Note::RunInferred { digits, checks } => format!(
            "{}；这些单元格是推算值，所用校验不能作为它们的独立证据",
            zh(&Note::RunSplit {
                digits: digits.clone(),
                checks: checks.clone()
            })
        ),
        Note::RunAmbiguous { digits } => format!("单元格的数字连在一起：「{digits}」，有多种拆法"),
        Note::RunNoSplit { digits } => {
            format!("单元格的数字连在一起：「{digits}」，没有拆法符合本行合计")
        }
        Note::LeftMissing { why } => format!("{}，单元格留空", zh(why)),
        Note::Mended { row } => format!(
            "原文的数字有识别损坏（表格边线被识别成 1，或单元格在 0 之后连在一起）；按本行合计（requests.row_total.{row}）唯一允许的方式读出"
        ),
        Note::JoinedRow { row } => format!(
            "本行在原文中分两行印出；各部分的顺序是本行合计（requests.row_total.{row}）唯一允许的顺序"
        ),
        Note::BetweenLabelled { row } => format!(
            "此行没有标签，按模板顺序放在前后两个有标签的行之间；本行合计成立（requests.row_total.{row}）"
        ),
        Note::TotalFails => "按行标签找到；本行合计不成立".to_string(),
        Note::DamagedLabel => "由受损或简写的行标签找到".to_string(),
        Note::LostCellByRowTotal => {
            "本行有一个单元格在原文中丢失；其位置由本行合计确定：唯一能使本行其余数值相加成立的位置".to_string()
        }
        Note::LostCellByChecks { checks } => format!(
            "本行有一个单元格在原文中丢失；其位置由 {} 确定：唯一满足这些校验的位置",
            ids(checks)
        ),
        Note::LostCellSameValues { row } => format!(
            "本行有一个单元格在原文中丢失；本行合计（requests.row_total.{row}）允许的每个位置都给出相同的数值"
        ),
        Note::LostCell { how } => format!("原文中丢失：本行比单元格少一个值（{}）", zh(how)),
        Note::PerhapsLost { how } => format!("可能是原文中丢失的单元格（{}）", zh(how)),
        Note::TooManyReadings {
            label,
            short: true,
            readings,
        } => format!("行「{label}」比单元格少一个值，有 {readings} 种读法都符合校验，单元格留空"),
        Note::TooManyReadings {
            label,
            short: false,
            readings,
        } => format!("行「{label}」的数字连在一起，有 {readings} 种拆法都符合校验，单元格留空"),
        Note::RowsByLabels { rows, between } => format!(
            "依申请公开表：按行标签在原文中找到 {rows} 行（其中 {between} 行放在有标签的行之间）"
        ),
        Note::Repeated { times } => {
            format!("本行把这个数值写了 {times} 遍：合并单元格跨越的每一列各一遍")
        }
        Note::CellsByLabels { table: t, cells } => format!(
            "{}：{cells} 个单元格按行标签在版面的行结构之外读出",
            table(t)
        ),
        Note::ReadTwoWays { layout, labels } => {
            format!("版面的行读出「{layout}」，行标签读出「{labels}」；两者都不采用")
        }
        Note::CellsReadTwoWays { cells } => {
            format!("{cells} 个单元格按版面的行与按行标签读出的值不同，都留空")
        }
        Note::FoundByLabels => "未找到章节标题：各表按行标签找到".to_string(),
        Note::OrderCount { values, want } => {
            format!("按阅读顺序共有 {values} 个值，而各行各列应有 {want} 个")
        }
        Note::OrderGroupFails {
            group,
            groups,
            label,
        } => format!("按阅读顺序，第 {group} 组（共 {groups} 组，行「{label}」）与其总计不符"),
        Note::OrderLabelElsewhere { label, row } => {
            format!("按阅读顺序，标签「{label}」位于行「{row}」的数值之前")
        }
        Note::OrderUnnamed { row } => format!(
            "按阅读顺序，没有标签指明行「{row}」的数值（主动公开表没有合计关系可用来放置）"
        ),
        Note::OrderOnlyRowTotals => {
            "按阅读顺序，除各行合计外没有依据确认各行（数值前没有行标签，总计列也不相符）"
                .to_string()
        }
        Note::OrderNoGroups => {
            "按阅读顺序，没有依据确认各组（数值前没有组标签，且有数值并相符的组不到两组）"
                .to_string()
        }
        Note::OrderGroup {
            group,
            groups,
            evidence,
            checks,
        } => format!(
            "按阅读顺序放置（原文每行一个数，无行结构）：第 {group} 组，共 {groups} 组；{}；用于放置的校验（不是独立证据）：{}",
            group_evidence(evidence),
            ids(checks)
        ),
        Note::OrderNamed { label, after } => format!(
            "按阅读顺序放置（原文每行一个数，无行结构）：数值{}的标签「{label}」指明此行",
            if *after { "后" } else { "前" }
        ),
        Note::OrderPlaced {
            table: t,
            values,
            evidence,
        } => format!(
            "{}没有行结构（原文每行一个数）：{values} 个值按模板顺序放置，{}",
            table(t),
            order_evidence(evidence)
        ),
        Note::OrderNotEither { table: t, why } => {
            format!("{}也无法按阅读顺序读取：{}", table(t), zh(why))
        }
        Note::LabelsAfterOrderTaken { table: t, labels } => format!(
            "{}：行标签印在数值之后（{labels} 处），按阅读顺序读取，不按标签（按标签会使每行错位）",
            table(t)
        ),
        Note::LabelsAfterUnconfirmed { table: t, why } => format!(
            "{}：行标签印在数值之后，按标签读取会使每行错位，而阅读顺序也无法确认各行（{}），单元格留空",
            table(t),
            zh(why)
        ),
        Note::LabelsAfterRows { table: t, labels } => format!(
            "{}：有 {labels} 个行标签印在数值之后，按标签读取会让这些行得到下一行的数值，因此留空",
            table(t)
        ),
        Note::LabelAfterValues => "行标签印在本行数值之后：按标签读取得到的是下一行的数值".to_string(),
        Note::LabelsFollowValues { table: t } => format!(
            "{}：最先的数值出现在任何行标签之前，最后一行却没有数值：行标签印在数值之后，按标签读取会使每行错位，单元格留空",
            table(t)
        ),
        Note::OrderDisagrees { table: t, cells } => format!(
            "{}：按行标签与按阅读顺序读取有 {cells} 格的值不同，这些格留空",
            table(t)
        ),
        Note::OrderDisagreesHere => "按行标签与按阅读顺序读取，此格的值不同".to_string(),
        Note::ShortConfirmed { checks } => {
            format!("列校验 {} 确认缺的是最后一格（不是独立证据）", ids(checks))
        }
        Note::ShortUnplaced => "该行少一格，没有合计关系能说明缺的是哪一格".to_string(),
        Note::RowShortUnplaced { label } => {
            format!("行「{label}」少一格，没有合计关系能说明缺的是哪一格，单元格留空")
        }
        Note::IssuerFrom { issuer, from } => {
            format!("标题中没有发布机关「{issuer}」：取自{}", taken_from(from))
        }
        Note::YearFrom { year, from } => {
            format!("标题中没有报告年度 {year}：取自{}", taken_from(from))
        }
        Note::NoTables => "未找到报告表格".to_string(),
        Note::NoValuesUnderHeadings => "未找到报告表格：有章节标题，但其下没有数值".to_string(),
        Note::Template2019 => "2019 年版格式，不支持校验：表二为 2019 年版的列（本年新制作数量 / 本年新公开数量 / 对外公开总数量），单元格留空".to_string(),
        Note::BadBytes { encoding } => format!(
            "有些字节无法按 {encoding} 读取，已替换为 U+FFFD：请对照原件核对其附近的数字"
        ),
        Note::SetByPerson => "人工填写".to_string(),
        Note::NotInSavedReview => "保存的审阅中没有此格".to_string(),
        Note::Suggested { checks, .. } if checks.is_empty() => "采用了由校验推算的值".to_string(),
        Note::Suggested { checks, .. } => {
            let titles: Vec<String> = checks
                .iter()
                .map(|&id| crate::i18n::checks::title(id, Lang::Zh))
                .collect();
            format!("采用了由校验推算的值：采用后以下校验通过：{}", titles.join("、"))
        }
        // Written by an older version, or by a person: shown as written.
        Note::Text { text } => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// English words left in a Chinese text, outside quotes and check ids.
    fn english_left(zh: &str) -> Option<String> {
        let no_quotes = Regex::new("「[^」]*」").unwrap().replace_all(zh, "");
        let no_ids = Regex::new(r"[a-z_]+(\.[a-z_]+)+")
            .unwrap()
            .replace_all(&no_quotes, "");
        let no_u = no_ids.replace("U+FFFD", "");
        Regex::new("[A-Za-z]{3,}")
            .unwrap()
            .find(&no_u)
            .map(|m| m.as_str().to_string())
    }

    #[test]
    fn notes_read_in_chinese_with_their_facts() {
        assert_eq!(
            text(
                &Note::LooseLabel {
                    read: "行政许可本年".to_string(),
                    label: "行政许可".to_string(),
                    score: 0.75
                },
                Lang::Zh
            ),
            "行标签模糊匹配：「行政许可本年」读作「行政许可」（相似度 0.75）"
        );
        assert_eq!(
            text(
                &Note::RowsNotFound {
                    table: TableId::Active,
                    rows: vec!["fees".to_string()]
                },
                Lang::Zh
            ),
            "主动公开表中未找到这些行：行政事业性收费"
        );
        let nested = Note::OrderNotEither {
            table: TableId::Requests,
            why: Box::new(Note::OrderCount {
                values: 170,
                want: 175,
            }),
        };
        assert_eq!(
            text(&nested, Lang::Zh),
            "依申请公开表也无法按阅读顺序读取：按阅读顺序共有 170 个值，而各行各列应有 175 个"
        );
        assert_eq!(text(&nested, Lang::En), nested.to_string());
        assert_eq!(
            notes(&[Note::LeftEmpty, Note::FieldOfSeveral], Lang::Zh),
            "原报告此格留空；取自一个以空格隔开多个值的字段"
        );
        // An accepted suggestion names the checks it makes pass by title.
        let accepted = text(
            &Note::Suggested {
                reason: "makes requests.row_total.disclosed pass".to_string(),
                checks: vec![CheckId::RowTotal { row: "disclosed" }],
            },
            Lang::Zh,
        );
        assert!(accepted.starts_with("采用了由校验推算的值"), "{accepted}");
        assert!(english_left(&accepted).is_none(), "{accepted}");
        // A note saved as text by an older version is shown as written.
        assert_eq!(
            text(&Note::text("something old"), Lang::Zh),
            "something old"
        );
    }

    /// Every note and diagnostic the fixtures give reads in Chinese with no
    /// English word left (the match makes every kind have its Chinese; this
    /// catches English leaking through a field).
    #[test]
    fn every_note_of_the_fixtures_reads_in_chinese() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut untranslated = Vec::new();
        let mut seen = 0usize;
        for dir in ["samples", "layouts", "unseen", "converted"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().is_none_or(|x| x != "txt" && x != "html") {
                    continue;
                }
                let Ok(raw) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let r = crate::extract::extract(&raw);
                let cell_notes = r.cells.values().flat_map(|c| c.notes.iter());
                let diags = r.diagnostics.iter().map(|d| &d.note);
                for n in cell_notes.chain(diags) {
                    seen += 1;
                    if let Some(w) = english_left(&text(n, Lang::Zh)) {
                        untranslated.push(format!("{n}  [{w}]"));
                    }
                }
            }
        }
        assert!(seen > 1000, "only {seen} notes in the fixtures");
        untranslated.sort();
        untranslated.dedup();
        assert!(untranslated.is_empty(), "{}", untranslated.join("\n"));
    }
}
