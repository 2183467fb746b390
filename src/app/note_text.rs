//! The extractor's notes and diagnostics in the UI's language.
//!
//! The core writes them in English (the CLI and the JSON keep them so); the
//! Chinese UI shows them through this table of patterns, part by part (a
//! note joins its parts with "; "). A part no pattern knows is shown as
//! written, so a new message is never lost, only untranslated (a test runs
//! every fixture through it to keep the table complete).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::i18n::Lang;
use crate::template::TableId;

/// How to write a pattern's match in Chinese.
type Write = fn(&Captures<'_>) -> String;

/// A pattern and how to write its match in Chinese.
type Rule = (Regex, Write);

/// The Chinese name of a table by its id.
fn table(id: &str) -> String {
    match TableId::from_id(id) {
        Some(TableId::Active) => "主动公开表".to_string(),
        Some(TableId::Requests) => "依申请公开表".to_string(),
        Some(TableId::Appeals) => "复议诉讼表".to_string(),
        None => id.to_string(),
    }
}

/// Row ids ("fees, rules") as their labels.
fn rows(table_id: &str, ids: &str) -> String {
    let Some(t) = TableId::from_id(table_id) else {
        return ids.to_string();
    };
    ids.split(", ")
        .map(|id| t.rows().iter().find(|r| r.id == id).map_or(id, |r| r.label))
        .collect::<Vec<_>>()
        .join("、")
}

fn zh_parts(s: &str) -> String {
    translate_zh(s)
}

/// The patterns (anchored) and their Chinese, whole messages first.
fn sources() -> Vec<(&'static str, Write)> {
    vec![
        // Whole messages (they hold "; " themselves).
        // Rows found by their labels anywhere in the text (extract::anchors).
        (
            r"^one cell of this row is lost in the text; its place chosen by requests\.row_total: the only place where the row's other values can add up$",
            |_| {
                "本行有一个单元格在原文中丢失；其位置由本行合计确定：唯一能使本行其余数值相加成立的位置".to_string()
            },
        ),
        (
            r"^one cell of this row is lost in the text; its place chosen by (.*): the only place that satisfies them$",
            |c| {
                format!(
                    "本行有一个单元格在原文中丢失；其位置由 {} 确定：唯一满足这些校验的位置",
                    &c[1]
                )
            },
        ),
        (
            r"^one cell of this row is lost in the text; every place requests\.row_total\.(\w+) allows for it gives the row the same values$",
            |c| {
                format!(
                    "本行有一个单元格在原文中丢失；本行合计（requests.row_total.{}）允许的每个位置都给出相同的数值",
                    &c[1]
                )
            },
        ),
        (
            r"^the row is printed over two lines; the order of its pieces is the one its total admits \(requests\.row_total\.(\w+)\)$",
            |c| {
                format!(
                    "本行在原文中分两行印出；各部分的顺序是本行合计（requests.row_total.{}）唯一允许的顺序",
                    &c[1]
                )
            },
        ),
        (
            r"^the text's digits are damaged \(cell borders read as 1, or cells run together after a 0\); read in the one way its total admits \(requests\.row_total\.(\w+)\)$",
            |c| {
                format!(
                    "原文的数字有识别损坏（表格边线被识别成 1，或单元格在 0 之后连在一起）；按本行合计（requests.row_total.{}）唯一允许的方式读出",
                    &c[1]
                )
            },
        ),
        (
            r"^written (\d+) times on the row, once in each column its merged cell spans$",
            |c| {
                format!(
                    "本行把这个数值写了 {} 遍：合并单元格跨越的每一列各一遍",
                    &c[1]
                )
            },
        ),
        (r"^perhaps the cell lost in the text \((.*)\)$", |c| {
            format!("可能是原文中丢失的单元格（{}）", zh_parts(&c[1]))
        }),
        (
            r"^lost in the text: the row has one value fewer than its cells \((.*)\)$",
            |c| format!("原文中丢失：本行比单元格少一个值（{}）", zh_parts(&c[1])),
        ),
        (
            r"^row '(.*)' has one value fewer than its cells and (\d+) readings fit the checks; its cells are left missing$",
            |c| {
                format!(
                    "行「{}」比单元格少一个值，有 {} 种读法都符合校验，单元格留空",
                    &c[1], &c[2]
                )
            },
        ),
        (
            r"^row '(.*)' ran together and (\d+) readings fit the checks; its cells are left missing$",
            |c| {
                format!(
                    "行「{}」的数字连在一起，有 {} 种拆法都符合校验，单元格留空",
                    &c[1], &c[2]
                )
            },
        ),
        (r"^'(.*)' is not a well-formed number$", |c| {
            format!("「{}」不是格式正确的数字", &c[1])
        }),
        (
            r"^a row with no label, placed by the template's order between its labelled neighbours; its total holds \((.*)\)$",
            |c| {
                format!(
                    "此行没有标签，按模板顺序放在前后两个有标签的行之间；本行合计成立（{}）",
                    &c[1]
                )
            },
        ),
        (r"^found by a damaged or bare row label$", |_| {
            "由受损或简写的行标签找到".to_string()
        }),
        (
            r"^found by its row label; the row's total does not hold$",
            |_| "按行标签找到；本行合计不成立".to_string(),
        ),
        (
            r"^no section headings found: the tables were found by their row labels$",
            |_| "未找到章节标题：各表按行标签找到".to_string(),
        ),
        (
            r"^table (\w+): (\d+) cells read from rows found by their labels outside the layout's row structure$",
            |c| {
                format!(
                    "{}：{} 个单元格按行标签在版面的行结构之外读出",
                    table(&c[1]),
                    &c[2]
                )
            },
        ),
        (
            r"^table (\w+): (\d+) rows found by their row labels in the text \((\d+) placed between labelled rows\)$",
            |c| {
                format!(
                    "{}：按行标签在原文中找到 {} 行（其中 {} 行放在有标签的行之间）",
                    table(&c[1]),
                    &c[2],
                    &c[3]
                )
            },
        ),
        (
            r"^the layout's rows read '(.*)' here and the row labels '(.*)'; neither is taken$",
            |c| {
                format!(
                    "版面的行读出「{}」，行标签读出「{}」；两者都不采用",
                    &c[1], &c[2]
                )
            },
        ),
        (
            r"^(\d+) cells read differently by the layout's rows and by the row labels; they are left missing$",
            |c| format!("{} 个单元格按版面的行与按行标签读出的值不同，都留空", &c[1]),
        ),
        (
            r"^row '(.*)' is uncertain: (\d+) values for (\d+) columns; its cells are left missing$",
            |c| {
                format!(
                    "行「{}」不确定：{} 列却有 {} 个值，单元格留空",
                    &c[1], &c[3], &c[2]
                )
            },
        ),
        (r"^row '(.*)': (.*)$", |c| {
            format!("行「{}」：{}", &c[1], zh_parts(&c[2]))
        }),
        (
            r"^table (\w+) has no row structure \(one value per line\): its (\d+) values were placed in template order, (.*)$",
            |c| {
                format!(
                    "{}没有行结构（原文每行一个数）：{} 个值按模板顺序放置，{}",
                    table(&c[1]),
                    &c[2],
                    zh_parts(&c[3])
                )
            },
        ),
        (
            r"^table (\w+) not read in reading order either: (.*)$",
            |c| format!("{}也无法按阅读顺序读取：{}", table(&c[1]), zh_parts(&c[2])),
        ),
        (
            r"^table (\w+): the reading order gives other values than the row labels; the labelled reading is kept$",
            |c| {
                format!(
                    "{}：按阅读顺序得到的值与按行标签读取的不同，保留按行标签的读取",
                    table(&c[1])
                )
            },
        ),
        (
            r"^table (\w+) cannot be read row by row: (\d+) values could not be placed under a row label \((\d+) rows matched\); all its cells are left missing$",
            |c| {
                format!(
                    "{}无法逐行读取：{} 个值无法归到行标签下（匹配到 {} 行），全部单元格留空",
                    table(&c[1]),
                    &c[2],
                    &c[3]
                )
            },
        ),
        (
            r"^table (\w+) not found in the text; its cells are missing$",
            |c| format!("原文中未找到{}，其单元格缺失", table(&c[1])),
        ),
        (
            r"^table appeals: no row of 15 values and no labelled rows of 5 were found; its cells are left missing$",
            |_| {
                "复议诉讼表：既没有 15 个值的一行，也没有带标签的 5 个值的行，单元格留空"
                    .to_string()
            },
        ),
        (
            r"^the report year (\d+) is not in the title; taken from (.*)$",
            |c| format!("标题中没有报告年度 {}：取自{}", &c[1], zh_parts(&c[2])),
        ),
        (r"^2019 format, not supported for checking.*$", |_| {
            "2019 年版格式，不支持校验：表二为 2019 年版的列（本年新制作数量 / 本年新公开数量 / 对外公开总数量），单元格留空".to_string()
        }),
        (r"^the cells ran together as '(\d+)'; (.*)$", |c| {
            format!("单元格的数字连在一起：「{}」；{}", &c[1], zh_parts(&c[2]))
        }),
        (
            r"^the cells ran together as '(\d+)' and more than one split possible; its cells are left missing$",
            |c| {
                format!(
                    "单元格的数字连在一起：「{}」，有多种拆法，单元格留空",
                    &c[1]
                )
            },
        ),
        (
            r"^the cells ran together as '(\d+)' and no split fits the row's arithmetic; its cells are left missing$",
            |c| {
                format!(
                    "单元格的数字连在一起：「{}」，没有拆法符合本行合计，单元格留空",
                    &c[1]
                )
            },
        ),
        (
            r"^the label '(.*)' did not match; the row was placed by the template's order$",
            |c| format!("标签「{}」未能匹配，按模板行序放置", &c[1]),
        ),
        (
            r"^its 总计 does not add up; placed between two rows that do$",
            |_| "本组总计不符；夹在两组相符的行之间放置".to_string(),
        ),
        // Parts.
        (
            r"^row label matched loosely: '(.*)' read as '(.*)' \(score ([\d.]+)\)$",
            |c| {
                format!(
                    "行标签模糊匹配：「{}」读作「{}」（相似度 {}）",
                    &c[1], &c[2], &c[3]
                )
            },
        ),
        (r"^the label '(.*)' did not match$", |c| {
            format!("标签「{}」未能匹配", &c[1])
        }),
        (r"^the row was placed by the template's order$", |_| {
            "按模板行序放置".to_string()
        }),
        (r"^row label not found$", |_| "未找到行标签".to_string()),
        (r"^row uncertain: (\d+) values for (\d+) columns$", |c| {
            format!("行不确定：{} 列却有 {} 个值", &c[2], &c[1])
        }),
        (r"^(\d+) values for (\d+) columns$", |c| {
            format!("{} 列却有 {} 个值", &c[2], &c[1])
        }),
        (
            r"^the table header has no 总计 column: the values are read as the applicant columns and the total is missing$",
            |_| "表头没有“总计”列：数值按申请人各列读取，总计缺失".to_string(),
        ),
        (r"^the row has (\d+) cells for (\d+) columns$", |c| {
            format!("该行 {} 列只有 {} 个值", &c[2], &c[1])
        }),
        (r"^read in order, the last cell is missing$", |_| {
            "按顺序读取，最后一格缺失".to_string()
        }),
        (r"^read from pieces separated by a space: '(.*)'$", |c| {
            format!("由空格隔开的片段拼成：「{}」", &c[1])
        }),
        (
            r"^read from a field holding several values separated by a space$",
            |_| "取自一个以空格隔开多个值的字段".to_string(),
        ),
        (
            r"^a stray mark beside the value was ignored: '(.*)'$",
            |c| format!("忽略了数值旁的杂散符号：「{}」", &c[1]),
        ),
        (r"^a stray mark among the values was ignored$", |_| {
            "忽略了数值之间的杂散符号".to_string()
        }),
        (
            r"^'(.*)' marks the cell as not applicable \(not 0\)$",
            |c| format!("「{}」表示不适用（不是 0）", &c[1]),
        ),
        (r"^the report left this cell empty$", |_| {
            "原报告此格留空".to_string()
        }),
        (r"^not a well-formed number: (.*)$", |c| {
            format!("不是有效数字：{}", zh_parts(&c[1]))
        }),
        (r"^the letter '(.*)' stands where a digit belongs$", |c| {
            format!("字母「{}」出现在数字的位置", &c[1])
        }),
        (r"^the unit '(.*)' is written in the cell$", |c| {
            format!("单元格中写了单位「{}」", &c[1])
        }),
        (r"^separators in unexpected places$", |_| {
            "分隔符位置异常".to_string()
        }),
        (r"^not a number$", |_| "不是数字".to_string()),
        (r"^not a well-formed count: it has a decimal part$", |_| {
            "不是有效件数：带有小数".to_string()
        }),
        (r"^not a well-formed count: too large$", |_| {
            "不是有效件数：数值过大".to_string()
        }),
        (r"^not found in the text$", |_| "原文中未找到".to_string()),
        (r"^not found in the row$", |_| "该行中未找到".to_string()),
        (r"^the table cannot be read row by row$", |_| {
            "此表无法逐行读取".to_string()
        }),
        (
            r"^(\d+) values in table (\w+) could not be placed under a row label$",
            |c| format!("{}中有 {} 个值无法归到行标签下", table(&c[2]), &c[1]),
        ),
        (r"^rows not found in table (\w+): (.*)$", |c| {
            format!("{}中未找到这些行：{}", table(&c[1]), rows(&c[1], &c[2]))
        }),
        (
            r"^the group row '(.*)' is printed as one row of values; its sub-rows cannot be told apart and are left missing$",
            |c| {
                format!(
                    "分组行「{}」印成了一行数值：无法区分其各子行，子行留空",
                    &c[1]
                )
            },
        ),
        (r"^the cells ran together as '(\d+)'$", |c| {
            format!("单元格的数字连在一起：「{}」", &c[1])
        }),
        (
            r"^the cells ran together as '(\d+)' and more than one split possible$",
            |c| format!("单元格的数字连在一起：「{}」，有多种拆法", &c[1]),
        ),
        (
            r"^the cells ran together as '(\d+)' and no split fits the row's arithmetic$",
            |c| format!("单元格的数字连在一起：「{}」，没有拆法符合本行合计", &c[1]),
        ),
        (
            r"^split chosen by (.*): the only split of the run that satisfies (?:it|them)$",
            |c| format!("由 {} 选定拆法：唯一满足它们的拆法", &c[1]),
        ),
        (r"^split one digit per cell: .*$", |_| {
            "每格一位数字：数字个数恰与单元格数相同（没有校验可以验证）".to_string()
        }),
        (
            r"^the cells are inferred, and those checks are not independent evidence for them$",
            |_| "这些单元格是推算值，所用校验不能作为它们的独立证据".to_string(),
        ),
        (
            r"^placed by reading order \(one value per line, no row structure\): value group (\d+) of (\d+)$",
            |c| {
                format!(
                    "按阅读顺序放置（原文每行一个数，无行结构）：第 {} 组，共 {} 组",
                    &c[1], &c[2]
                )
            },
        ),
        (
            r"^placed by reading order \(one value per line, no row structure\): the label '(.*)' (before|after) its values names the row$",
            |c| {
                let side = if &c[2] == "before" { "前" } else { "后" };
                format!(
                    "按阅读顺序放置（原文每行一个数，无行结构）：数值{side}的标签「{}」指明此行",
                    &c[1]
                )
            },
        ),
        (r"^the label '(.*)' after it agrees$", |c| {
            format!("其后的标签「{}」相符", &c[1])
        }),
        (
            r"^table (\w+): its row labels are printed after their values \((\d+) of them\), so the reading order is taken, not the labels' \(which would shift those rows\)$",
            |c| {
                format!(
                    "{}：行标签印在数值之后（{} 处），按阅读顺序读取，不按标签（按标签会使每行错位）",
                    table(&c[1]),
                    &c[2]
                )
            },
        ),
        (
            r"^table (\w+): the row labels and the reading order give different values; neither is taken, its cells are left missing$",
            |c| {
                format!(
                    "{}：按行标签与按阅读顺序得到的值不同，两者都不采用，单元格留空",
                    table(&c[1])
                )
            },
        ),
        (
            r"^table (\w+): its row labels are printed after their values, so a reading by the labels would shift every row, and the reading order does not confirm the rows \((.*)\); its cells are left missing$",
            |c| {
                format!(
                    "{}：行标签印在数值之后，按标签读取会使每行错位，而阅读顺序也无法确认各行（{}），单元格留空",
                    table(&c[1]),
                    zh_parts(&c[2])
                )
            },
        ),
        (
            r"^table (\w+): (\d+) row labels are printed after their values; a reading by the labels would give those rows the next row's values, so they are left missing$",
            |c| {
                format!(
                    "{}：有 {} 个行标签印在数值之后，按标签读取会让这些行得到下一行的数值，因此留空",
                    table(&c[1]),
                    &c[2]
                )
            },
        ),
        (
            r"^the row label is printed after the row's values: a reading by the label took the next row's values$",
            |_| "行标签印在本行数值之后：按标签读取得到的是下一行的数值".to_string(),
        ),
        (
            r"^the row labels and the reading order disagree on this cell$",
            |_| "按行标签与按阅读顺序读取，此格的值不同".to_string(),
        ),
        (
            r"^table (\w+): the row labels and the reading order give different values for (\d+) cells; those are left missing$",
            |c| {
                format!(
                    "{}：按行标签与按阅读顺序读取有 {} 格的值不同，这些格留空",
                    table(&c[1]),
                    &c[2]
                )
            },
        ),
        (
            r"^the column checks (.*) confirm that the lost cell is the last \(not independent evidence\)$",
            |c| format!("列校验 {} 确认缺的是最后一格（不是独立证据）", &c[1]),
        ),
        (
            r"^the row is one cell short, and no arithmetic shows which cell is lost$",
            |_| "该行少一格，没有合计关系能说明缺的是哪一格".to_string(),
        ),
        (
            r"^row '(.*)' is one cell short and no arithmetic shows which cell is lost; its cells are left missing$",
            |c| {
                format!(
                    "行「{}」少一格，没有合计关系能说明缺的是哪一格，单元格留空",
                    &c[1]
                )
            },
        ),
        (
            r"^table (\w+): its first values come before any row label and its last row has none: the labels follow their values, so a reading by the labels would shift every row; its cells are left missing$",
            |c| {
                format!(
                    "{}：最先的数值出现在任何行标签之前，最后一行却没有数值：行标签印在数值之后，按标签读取会使每行错位，单元格留空",
                    table(&c[1])
                )
            },
        ),
        (r"^the label '(.*)' before it agrees$", |c| {
            format!("其前的标签「{}」相符", &c[1])
        }),
        (r"^no label beside it$", |_| "旁边没有标签".to_string()),
        (
            r"^checks used to place it, not independent evidence: (.*)$",
            |c| format!("用于放置的校验（不是独立证据）：{}", &c[1]),
        ),
        (
            r"^(\d+) groups of (\d+), each group's 总计 adding up$",
            |c| format!("共 {} 组、每组 {} 个，各组总计相符", &c[1], &c[2]),
        ),
        (r"^each group's 总计 adding up$", |_| {
            "各组总计相符".to_string()
        }),
        (
            r"^(\d+) groups have their (?:row )?label (?:before|beside) them(, and the 总计 column adds up)?$",
            |c| {
                let column = if c.get(2).is_some() {
                    "，且总计列相符"
                } else {
                    ""
                };
                format!("{} 组旁有其标签{column}", &c[1])
            },
        ),
        (r"^each row named by a label beside it$", |_| {
            "每行都由旁边的标签指明".to_string()
        }),
        (
            r"^in reading order it has (\d+) values, not the (\d+) of its rows and columns$",
            |c| format!("按阅读顺序共有 {} 个值，而各行各列应有 {} 个", &c[1], &c[2]),
        ),
        (
            r"^in reading order, value group (\d+) of (\d+) \(row '(.*)'\) does not add up to its 总计$",
            |c| {
                format!(
                    "按阅读顺序，第 {} 组（共 {} 组，行「{}」）与其总计不符",
                    &c[1], &c[2], &c[3]
                )
            },
        ),
        (
            r"^in reading order, the label '(.*)' stands before the values of row '(.*)'$",
            |c| format!("按阅读顺序，标签「{}」位于行「{}」的数值之前", &c[1], &c[2]),
        ),
        (
            r"^in reading order, no label names the values of row '(.*)' \(table A has no arithmetic to place them by\)$",
            |c| {
                format!(
                    "按阅读顺序，没有标签指明行「{}」的数值（主动公开表没有合计关系可用来放置）",
                    &c[1]
                )
            },
        ),
        (
            r"^in reading order, nothing but the row totals confirms its rows.*$",
            |_| {
                "按阅读顺序，除各行合计外没有依据确认各行（数值前没有行标签，总计列也不相符）"
                    .to_string()
            },
        ),
        (r"^in reading order, nothing confirms its groups.*$", |_| {
            "按阅读顺序，没有依据确认各组（数值前没有组标签，且有数值并相符的组不到两组）"
                .to_string()
        }),
        (
            r"^the issuer (.*) is not in the title; taken from (.*)$",
            |c| format!("标题中没有发布机关「{}」：取自{}", &c[1], zh_parts(&c[2])),
        ),
        (r"^the contact sentence of the introduction$", |_| {
            "引言中的联系方式".to_string()
        }),
        (r"^the statistics period the report states$", |_| {
            "报告所述的统计期限".to_string()
        }),
        (
            r"^the signature date '(.*)': a report published then is the previous year's$",
            |c| format!("落款日期「{}」（此时发布的是上一年度的报告）", &c[1]),
        ),
        (r"^no report tables found$", |_| {
            "未找到报告表格".to_string()
        }),
        (
            r"^no report tables found: the section headings are there, but no values under them$",
            |_| "未找到报告表格：有章节标题，但其下没有数值".to_string(),
        ),
    ]
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    sources()
        .into_iter()
        .filter_map(|(p, f)| Regex::new(p).ok().map(|r| (r, f)))
        .collect()
});

fn rule(s: &str) -> Option<String> {
    RULES
        .iter()
        .find_map(|(re, f)| re.captures(s).map(|c| f(&c)))
}

fn translate_zh(s: &str) -> String {
    if let Some(t) = rule(s) {
        return t;
    }
    s.split("; ")
        .map(|part| rule(part).unwrap_or_else(|| part.to_string()))
        .collect::<Vec<_>>()
        .join("；")
}

/// A note or diagnostic of the extractor, in the UI's language.
pub fn text(s: &str, lang: Lang) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(s),
        Lang::Zh => Cow::Owned(translate_zh(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// English words left after translation, outside quotes and check ids.
    fn english_left(zh: &str) -> Option<String> {
        let no_quotes = Regex::new("「[^」]*」").unwrap().replace_all(zh, "");
        let no_ids = Regex::new(r"[a-z_]+(\.[a-z_]+)+")
            .unwrap()
            .replace_all(&no_quotes, "");
        Regex::new("[A-Za-z]{3,}")
            .unwrap()
            .find(&no_ids)
            .map(|m| m.as_str().to_string())
    }

    #[test]
    fn the_mended_row_note_reads_in_chinese() {
        let zh = text(
            "the text's digits are damaged (cell borders read as 1, or cells run together after a 0); read in the one way its total admits (requests.row_total.other_other)",
            Lang::Zh,
        );
        assert!(zh.starts_with("原文的数字有识别损坏"), "{zh}");
    }

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(RULES.len(), sources().len());
    }

    #[test]
    fn notes_read_in_chinese() {
        assert_eq!(
            text(
                "row label matched loosely: '行政许可本年' read as '行政许可' (score 0.75)",
                Lang::Zh
            ),
            "行标签模糊匹配：「行政许可本年」读作「行政许可」（相似度 0.75）"
        );
        assert_eq!(
            text("rows not found in table active: fees", Lang::Zh),
            "主动公开表中未找到这些行：行政事业性收费"
        );
        assert_eq!(
            text(
                "no label beside it; checks used to place it, not independent evidence: appeals.total.review",
                Lang::Zh
            ),
            "旁边没有标签；用于放置的校验（不是独立证据）：appeals.total.review"
        );
        for m in [
            "the row labels and the reading order disagree on this cell",
            "the row label is printed after the row's values: a reading by the label took the next row's values",
            "table requests: 3 row labels are printed after their values; a reading by the labels would give those rows the next row's values, so they are left missing",
            "table requests: its row labels are printed after their values (25 of them), so the reading order is taken, not the labels' (which would shift those rows)",
            "row '（七）总计' is one cell short and no arithmetic shows which cell is lost; its cells are left missing",
            "the row is one cell short, and no arithmetic shows which cell is lost",
            "table active: its first values come before any row label and its last row has none: the labels follow their values, so a reading by the labels would shift every row; its cells are left missing",
        ] {
            assert!(english_left(&text(m, Lang::Zh)).is_none(), "{m}");
        }
        // English stays as written; an unknown message too.
        assert_eq!(text("no label beside it", Lang::En), "no label beside it");
        assert_eq!(text("something new", Lang::Zh), "something new");
    }

    /// Every note and diagnostic the fixtures give has a translation.
    #[test]
    fn every_message_of_the_fixtures_is_translated() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut untranslated = Vec::new();
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
                let notes = r.cells.values().filter_map(|c| c.note.as_deref());
                let diags = r.diagnostics.iter().map(|d| d.message.as_str());
                for m in notes.chain(diags) {
                    if let Some(w) = english_left(&text(m, Lang::Zh)) {
                        untranslated.push(format!("{m}  [{w}]"));
                    }
                }
            }
        }
        untranslated.sort();
        untranslated.dedup();
        assert!(untranslated.is_empty(), "{}", untranslated.join("\n"));
    }
}
