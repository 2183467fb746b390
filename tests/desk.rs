//! The supervisor's desk: a generated folder of reports (the samples copied
//! under several issuer names and years, with planted carry-over breaks) →
//! the queue's counts, the cross-year checks, CSV and XLSX read back, and
//! `nianbao check DIR --format csv`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use nianbao::checks::{CheckId, CheckResult, CheckStatus, CrossYear};
use nianbao::export::{self, xlsx};
use nianbao::folder::{self, Column, Filter, QueueRow, ReviewState, ScanControl, Sort};
use nianbao::review::Review;
use nianbao::source;
use nianbao::template::CellId;

const KELAMAYI: &str = include_str!("../fixtures/samples/kelamayi-2024.txt");
const HONGZEQU_2023: &str = include_str!("../fixtures/samples/hongzequ-2023.pdftotext-layout.txt");
const TACHENG: &str = include_str!("../fixtures/samples/tacheng-2024.txt");

/// The kelamayi rows as printed: carried over 2 … 1 · 3, new 202 … 216.
const CARRIED_OVER: &str = "二、上年结转政府信息公开申请数量\n\t2\n\t0\n\t0\n\t0\n\t0\n\t1\n\t3\n";
const NEW_RECEIVED: &str =
    "一、本年新收政府信息公开申请数量\n\t202\n\t6\n\t0\n\t0\n\t8\n\t0\n\t216\n";

/// kelamayi under another name and year; `chained`: carried over = the
/// carried forward of the year before (7 · 0 … 0 · 7), new received adjusted
/// so every check of the report itself still passes.
fn report(issuer_title: &str, issuer: &str, year: u16, chained: bool) -> String {
    let mut text = KELAMAYI.to_string();
    if chained {
        assert!(text.contains(CARRIED_OVER) && text.contains(NEW_RECEIVED));
        text = text
            .replace(
                CARRIED_OVER,
                "二、上年结转政府信息公开申请数量\n\t7\n\t0\n\t0\n\t0\n\t0\n\t0\n\t7\n",
            )
            .replace(
                NEW_RECEIVED,
                "一、本年新收政府信息公开申请数量\n\t197\n\t6\n\t0\n\t0\n\t8\n\t1\n\t212\n",
            );
    }
    text.replace("克拉玛依市人民政府", issuer_title)
        .replace("克拉玛依", issuer)
        .replace("2024", &year.to_string())
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The folder:
/// - 沭阳县/2022.txt (沭阳县人民政府, chained), 2023.review.json (issuer printed
///   as plain 沭阳县, saved with one edit, its 2023.txt beside it),
///   2024.txt (the carry-over break: kelamayi's own 2 · 0 … 1 · 3);
/// - 泗洪县/2023.txt, 2024.txt (chained; 2024 規章 in force 6 = 5 + 1 − 0);
/// - ocr/2021.txt: 沭阳具, an OCR variant of 沭阳县 in a year it lacks;
/// - other/: hongzequ-2023 (two failing appeal totals), tacheng (incomplete),
///   and an empty file.
fn generate(root: &Path) {
    write(
        &root.join("沭阳县/2022.txt"),
        &report("沭阳县人民政府", "沭阳县", 2022, true),
    );
    let text_2023 = report("沭阳县", "沭阳县", 2023, true);
    write(&root.join("沭阳县/2023.txt"), &text_2023);
    let mut review = Review::new("2023.txt", source::decode(text_2023.as_bytes()).unwrap());
    review.edit(
        CellId::parse("active.licensing.decisions").unwrap(),
        "41305",
    );
    review.save(&root.join("沭阳县/2023.review.json")).unwrap();
    write(
        &root.join("沭阳县/2024.txt"),
        &report("沭阳县人民政府", "沭阳县", 2024, false),
    );
    write(
        &root.join("泗洪县/2023.txt"),
        &report("泗洪县人民政府", "泗洪县", 2023, true),
    );
    let in_force_6 = report("泗洪县人民政府", "泗洪县", 2024, true).replacen(
        "规章\n\t1\n\t0\n\t5\n",
        "规章\n\t1\n\t0\n\t6\n",
        1,
    );
    write(&root.join("泗洪县/2024.txt"), &in_force_6);
    write(
        &root.join("ocr/2021.txt"),
        &report("沭阳具人民政府", "沭阳具", 2021, true),
    );
    write(&root.join("other/hongzequ-2023.txt"), HONGZEQU_2023);
    write(&root.join("other/tacheng-2024.txt"), TACHENG);
    write(&root.join("other/empty.txt"), "");
}

fn scanned() -> (tempfile::TempDir, folder::Queue) {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let queue = folder::scan(dir.path(), &ScanControl::new()).unwrap();
    (dir, queue)
}

fn row<'a>(queue: &'a folder::Queue, relative: &str) -> &'a QueueRow {
    queue
        .rows()
        .iter()
        .find(|r| r.relative == relative)
        .unwrap_or_else(|| panic!("no row {relative}"))
}

fn cross(row: &QueueRow, id: &str) -> Option<CheckStatus> {
    let id: CheckId = id.parse().unwrap();
    row.cross_year.iter().find(|r| r.id == id).map(|r| r.status)
}

/// Whether a result is a `cross_year.carry.<col>` check.
fn is_carry(r: &CheckResult) -> bool {
    matches!(r.id, CheckId::CrossYear(CrossYear::Carry { .. }))
}

#[test]
fn the_queue_lists_every_report_once_with_its_counts() {
    let (_dir, queue) = scanned();
    let files: Vec<&str> = queue.rows().iter().map(|r| r.relative.as_str()).collect();
    assert_eq!(
        files,
        [
            "ocr/2021.txt",
            "other/empty.txt",
            "other/hongzequ-2023.txt",
            "other/tacheng-2024.txt",
            "沭阳县/2022.txt",
            "沭阳县/2023.review.json",
            "沭阳县/2024.txt",
            "泗洪县/2023.txt",
            "泗洪县/2024.txt",
        ]
    );

    let saved = row(&queue, "沭阳县/2023.review.json");
    assert!(saved.saved);
    assert_eq!(
        saved.text_beside.as_deref(),
        Some(queue.root().join("沭阳县/2023.txt").as_path())
    );
    assert_eq!(saved.issuer.as_deref(), Some("沭阳县"));
    assert_eq!(saved.edits, 1);
    assert_eq!(saved.counts().fail, 0);
    assert_eq!(saved.state(), ReviewState::Done);

    let first = row(&queue, "沭阳县/2022.txt");
    assert_eq!(first.issuer.as_deref(), Some("沭阳县人民政府"));
    assert_eq!(first.issuer_key.as_deref(), Some("沭阳县"));
    assert_eq!(first.year, Some(2022));
    let c = first.counts();
    assert_eq!(
        (c.fail, c.incomplete, c.warning),
        (0, 0, 0),
        "{:?}",
        first.problems
    );
    assert_eq!(first.state(), ReviewState::Untouched);
    assert!(!first.has_failures());

    let hongzequ = row(&queue, "other/hongzequ-2023.txt");
    assert_eq!(hongzequ.counts().fail, 2);
    let failing: Vec<String> = hongzequ
        .open_problems()
        .filter(|(_, s)| *s == CheckStatus::Fail)
        .map(|(id, _)| id.to_string())
        .collect();
    assert_eq!(
        failing,
        [
            "appeals.total.review",
            "appeals.total.litigation_after_review"
        ]
    );

    let tacheng = row(&queue, "other/tacheng-2024.txt");
    assert!(tacheng.counts().incomplete > 0 && tacheng.has_failures());

    let empty = row(&queue, "other/empty.txt");
    assert!(empty.error.is_some() && empty.has_failures());
}

#[test]
fn cross_year_checks_find_the_planted_breaks() {
    let (_dir, queue) = scanned();
    // 2022 → 2023 (沭阳县人民政府 and 沭阳县 are one body): carried over agrees.
    let y2023 = row(&queue, "沭阳县/2023.review.json");
    for col in ["natural_person", "other_org", "total"] {
        assert_eq!(
            cross(y2023, &format!("cross_year.carry.{col}")),
            Some(CheckStatus::Pass)
        );
    }
    assert!(row(&queue, "沭阳县/2022.txt").cross_year.is_empty());

    // 2023 → 2024: the break, in the columns where it is.
    let y2024 = row(&queue, "沭阳县/2024.txt");
    let carry: Vec<(String, CheckStatus)> = y2024
        .cross_year
        .iter()
        .filter(|r| is_carry(r))
        .map(|r| (r.id.to_string(), r.status))
        .collect();
    assert_eq!(carry.len(), 7);
    let failing: Vec<&str> = carry
        .iter()
        .filter(|(_, s)| *s == CheckStatus::Fail)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(
        failing,
        [
            "cross_year.carry.natural_person",
            "cross_year.carry.other_org",
            "cross_year.carry.total"
        ]
    );
    let total = y2024
        .cross_year
        .iter()
        .find(|r| r.id.to_string() == "cross_year.carry.total")
        .unwrap();
    assert_eq!((total.left, total.right), (Some(3), Some(7)));
    assert!(
        total.message.contains("沭阳县/2024.txt")
            && total.message.contains("沭阳县/2023.review.json")
    );
    let c = y2024.counts();
    assert_eq!(c.fail, 3);
    assert!(y2024.has_failures());

    // Stock: 5 in force + 1 issued − 0 repealed should be 6.
    assert_eq!(
        cross(y2024, "cross_year.stock.rules"),
        Some(CheckStatus::Warning)
    );
    assert_eq!(
        cross(y2024, "cross_year.stock.normative_documents"),
        Some(CheckStatus::Warning)
    );
    let sihong = row(&queue, "泗洪县/2024.txt");
    assert_eq!(
        cross(sihong, "cross_year.stock.rules"),
        Some(CheckStatus::Pass)
    );
    assert!(
        sihong
            .cross_year
            .iter()
            .all(|r| !is_carry(r) || r.status == CheckStatus::Pass)
    );

    // Copied tables: table C is the same every year; table A differs where
    // someone edited (2023, so also 2023 → 2024) or the stock moved (泗洪县
    // 2024); table B differs in 2024 where the carry-over breaks.
    assert_eq!(
        cross(y2024, "cross_year.copied.appeals"),
        Some(CheckStatus::Warning)
    );
    // (2024's table A is compared with 2023 as reviewed, edit included.)
    assert_eq!(
        cross(y2024, "cross_year.copied.active"),
        Some(CheckStatus::Pass)
    );
    assert_eq!(
        cross(y2024, "cross_year.copied.requests"),
        Some(CheckStatus::Pass)
    );
    assert_eq!(
        cross(y2023, "cross_year.copied.active"),
        Some(CheckStatus::Pass)
    );
    assert_eq!(
        cross(y2023, "cross_year.copied.requests"),
        Some(CheckStatus::Warning)
    );
    assert_eq!(
        cross(sihong, "cross_year.copied.active"),
        Some(CheckStatus::Pass)
    );

    // 沭阳具 (2021 only) is one character off 沭阳县 (2022–2024).
    let ocr = row(&queue, "ocr/2021.txt");
    assert_eq!(
        cross(ocr, "cross_year.issuer_variant"),
        Some(CheckStatus::Warning)
    );
    assert!(
        queue
            .rows()
            .iter()
            .filter(|r| r.relative != "ocr/2021.txt")
            .all(|r| cross(r, "cross_year.issuer_variant").is_none())
    );
}

#[test]
fn the_queue_sorts_filters_and_rescans() {
    let (dir, queue) = scanned();
    let names = |v: &[usize]| -> Vec<String> {
        v.iter()
            .map(|&i| queue.rows()[i].relative.clone())
            .collect()
    };
    let by_fail = queue.view(
        Sort {
            column: Column::Fail,
            descending: true,
        },
        &Filter::default(),
    );
    assert_eq!(
        names(&by_fail[..2]),
        ["沭阳县/2024.txt", "other/hongzequ-2023.txt"].map(String::from)
    );
    assert_eq!(by_fail.len(), queue.rows().len());

    let by_year = queue.view(
        Sort {
            column: Column::Year,
            descending: false,
        },
        &Filter::default(),
    );
    assert_eq!(queue.rows()[by_year[0]].year, Some(2021));
    assert!(
        queue.rows()[*by_year.last().unwrap()].year.is_none(),
        "unknown years last"
    );

    let shuyang = queue.view(
        Sort::default(),
        &Filter {
            issuer: "沭阳县人民政府".to_string(),
            failures_only: false,
        },
    );
    assert_eq!(
        names(&shuyang),
        [
            "沭阳县/2022.txt",
            "沭阳县/2023.review.json",
            "沭阳县/2024.txt"
        ]
        .map(String::from)
    );
    let failing = queue.view(
        Sort::default(),
        &Filter {
            issuer: String::new(),
            failures_only: true,
        },
    );
    assert_eq!(
        names(&failing),
        [
            "other/empty.txt",
            "other/hongzequ-2023.txt",
            "other/tacheng-2024.txt",
            "沭阳县/2024.txt"
        ]
        .map(String::from)
    );
    let all = queue.view(Sort::default(), &Filter::default());
    let tally = queue.tally(&all);
    assert_eq!(
        (tally.reports, tally.with_failures, tally.unreadable),
        (9, 4, 1)
    );
    assert_eq!((tally.untouched, tally.in_progress, tally.done), (8, 0, 1));
    let next = queue.next_with_failures(&all, Some(3)).unwrap();
    assert_eq!(queue.rows()[all[next]].relative, "沭阳县/2024.txt");

    // Fix the break on disk: the rescan sees it, and keeps the other rows.
    write(
        &dir.path().join("沭阳县/2024.txt"),
        &report("沭阳县人民政府", "沭阳县", 2024, true),
    );
    std::fs::remove_file(dir.path().join("other/empty.txt")).unwrap();
    let again = folder::rescan(dir.path(), Some(&queue), &ScanControl::new()).unwrap();
    assert_eq!(again.rows().len(), queue.rows().len() - 1);
    let fixed = row(&again, "沭阳县/2024.txt");
    assert_eq!(fixed.counts().fail, 0, "{:?}", fixed.cross_year);
    assert_eq!(
        cross(fixed, "cross_year.carry.total"),
        Some(CheckStatus::Pass)
    );
}

#[test]
fn a_background_scan_reports_progress_and_finishes() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let job = folder::ScanJob::start(dir.path().to_path_buf(), None);
    let queue = job.wait().unwrap();
    assert_eq!(queue.rows().len(), 9);
    let control = ScanControl::new();
    folder::scan(dir.path(), &control).unwrap();
    assert_eq!(control.progress(), (9, 9));
}

fn csv_lines(text: &str) -> Vec<&str> {
    text.split("\r\n").filter(|l| !l.is_empty()).collect()
}

#[test]
fn the_summary_csv_has_a_row_per_report_and_a_column_per_failing_check() {
    let (_dir, queue) = scanned();
    let csv = export::summary(queue.rows()).to_csv();
    let lines = csv_lines(&csv);
    assert_eq!(lines.len(), 1 + queue.rows().len());
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(&header[..13], export::SUMMARY_COLUMNS);
    let col = |id: &str| {
        header
            .iter()
            .position(|h| *h == id)
            .unwrap_or_else(|| panic!("no column {id}"))
    };
    let line = lines
        .iter()
        .find(|l| l.starts_with("沭阳县/2024.txt,"))
        .unwrap();
    let fields: Vec<&str> = line.split(',').collect();
    assert_eq!(fields[col("issuer")], "沭阳县人民政府");
    assert_eq!(fields[col("year")], "2024");
    assert_eq!(fields[col("fail")], "3");
    assert_eq!(fields[col("state")], "untouched");
    assert_eq!(fields[col("cross_year.carry.total")], "fail");
    assert_eq!(fields[col("appeals.total.review")], "");
    let hongzequ = lines
        .iter()
        .find(|l| l.starts_with("other/hongzequ-2023.txt,"))
        .unwrap();
    assert_eq!(
        hongzequ.split(',').nth(col("appeals.total.review")),
        Some("fail")
    );
    // A check id gets a column only when some report has it open.
    for (c, name) in header.iter().enumerate().skip(13) {
        assert!(
            lines[1..]
                .iter()
                .any(|l| !l.split(',').nth(c).unwrap_or("").is_empty()),
            "column {name} is empty"
        );
    }
    // The error text of the empty file holds no comma-free guarantee: it is quoted if needed.
    let empty = lines
        .iter()
        .find(|l| l.starts_with("other/empty.txt,"))
        .unwrap();
    assert!(empty.contains("empty") || empty.contains('"'));
}

#[test]
fn the_summary_xlsx_reads_back() {
    let (dir, queue) = scanned();
    let path = dir.path().join("summary.xlsx");
    let table = export::summary(queue.rows());
    xlsx::write_summary(&path, &table).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("汇总").unwrap();
    assert_eq!(sheet.height(), 1 + queue.rows().len());
    assert_eq!(sheet.get_value((0, 0)), Some(&Data::String("file".into())));
    let r = 1 + queue
        .rows()
        .iter()
        .position(|r| r.relative == "沭阳县/2024.txt")
        .unwrap() as u32;
    assert_eq!(
        sheet.get_value((r, 1)),
        Some(&Data::String("沭阳县人民政府".into()))
    );
    assert_eq!(sheet.get_value((r, 3)), Some(&Data::Float(2024.0)));
    assert_eq!(sheet.get_value((r, 6)), Some(&Data::Float(3.0)));
    let carry = table
        .header
        .iter()
        .position(|h| h == "cross_year.carry.total")
        .unwrap() as u32;
    assert_eq!(
        sheet.get_value((r, carry)),
        Some(&Data::String("fail".into()))
    );
}

fn saved_review(dir: &Path) -> Review {
    Review::load(&dir.join("沭阳县/2023.review.json")).unwrap()
}

#[test]
fn a_review_exports_as_csv_one_row_per_cell() {
    let (dir, _queue) = scanned();
    let review = saved_review(dir.path());
    let csv = export::cells(&review).to_csv();
    let lines = csv_lines(&csv);
    assert_eq!(lines[0], "id,label,value,state");
    assert_eq!(lines.len(), 1 + 200);
    assert!(lines.contains(&"active.licensing.decisions,主动公开政府信息情况 · 行政许可 · 本年处理决定数量,41305,edited"));
    assert!(lines.contains(&"requests.carried_over.total,收到和处理政府信息公开申请情况 · 二、上年结转政府信息公开申请数量 · 总计,7,extracted"));
    // The fee keeps its digits (kelamayi's 53624.202456, its "2024" made 2023
    // by the generator).
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("active.fees.amount,") && l.contains(",53624.202356,"))
    );
    // Written to a file with the byte-order mark Excel wants.
    let path = dir.path().join("cells.csv");
    export::write_csv_file(&path, &csv).unwrap();
    assert!(
        std::fs::read(&path)
            .unwrap()
            .starts_with("\u{feff}id,".as_bytes())
    );
}

#[test]
fn a_review_exports_as_xlsx_laid_out_like_the_report() {
    let (dir, _queue) = scanned();
    let review = saved_review(dir.path());
    let path = dir.path().join("review.xlsx");
    xlsx::write_review(&path, &review).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), xlsx::SHEET_NAMES.map(String::from));
    let s = |v: &str| Data::String(v.to_string());

    let a = book.worksheet_range("主动公开").unwrap();
    assert_eq!(
        a.get_value((0, 0)),
        Some(&s("沭阳县 2023年 · 主动公开政府信息情况"))
    );
    assert_eq!(a.get_value((2, 0)), Some(&s("第二十条第（一）项")));
    assert_eq!(a.get_value((3, 1)), Some(&s("本年制发件数")));
    assert_eq!(a.get_value((4, 0)), Some(&s("规章")));
    assert_eq!(a.get_value((5, 1)), Some(&Data::Float(30.0)));
    let licensing = (0..a.height() as u32)
        .find(|&r| a.get_value((r, 0)) == Some(&s("行政许可")))
        .unwrap();
    assert_eq!(a.get_value((licensing, 1)), Some(&Data::Float(41305.0)));

    let b = book.worksheet_range("依申请公开").unwrap();
    assert_eq!(b.get_value((2, 3)), Some(&s("申请人情况")));
    assert_eq!(b.get_value((3, 3)), Some(&s("自然人")));
    assert_eq!(b.get_value((4, 4)), Some(&s("商业企业")));
    assert_eq!(b.get_value((3, 9)), Some(&s("总计")));
    assert_eq!(
        b.get_value((5, 2)),
        Some(&s("一、本年新收政府信息公开申请数量"))
    );
    assert_eq!(b.get_value((5, 9)), Some(&Data::Float(212.0)));
    assert_eq!(b.get_value((6, 3)), Some(&Data::Float(7.0)));
    assert_eq!(b.get_value((7, 0)), Some(&s("三、本年度办理结果")));
    assert_eq!(b.get_value((29, 2)), Some(&s("四、结转下年度继续办理")));

    let c = book.worksheet_range("复议诉讼").unwrap();
    assert_eq!(c.get_value((2, 0)), Some(&s("行政复议")));
    assert_eq!(c.get_value((2, 5)), Some(&s("行政诉讼")));
    assert_eq!(c.get_value((3, 10)), Some(&s("复议后起诉")));
    assert_eq!(c.get_value((4, 4)), Some(&s("总计")));
    assert_eq!(c.get_value((5, 4)), Some(&Data::Float(15.0)));
    assert_eq!(c.get_value((5, 14)), Some(&Data::Float(1.0)));
}

fn nianbao(args: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .arg("check")
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap()
}

#[test]
fn check_format_csv_prints_the_summary() {
    let (dir, queue) = scanned();
    let out = nianbao(&[dir.path()]);
    // The empty file cannot be read: exit 2, said on stderr, the rest printed.
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt"));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines = csv_lines(&stdout);
    assert_eq!(lines.len(), 1 + queue.rows().len());
    assert!(lines[0].starts_with("file,issuer,issuer_key,year,"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("沭阳县/2024.txt,沭阳县人民政府,沭阳县,2024,2021,untouched,3,"))
    );

    // Only passing reports: exit 0; one with failures: exit 1.
    let good: PathBuf = dir.path().join("泗洪县");
    assert_eq!(nianbao(&[&good]).status.code(), Some(0));
    let bad = dir.path().join("other/hongzequ-2023.txt");
    assert_eq!(nianbao(&[&good, &bad]).status.code(), Some(1));
    // An empty folder is an input that could not be checked.
    let nothing = dir.path().join("nothing");
    std::fs::create_dir(&nothing).unwrap();
    assert_eq!(nianbao(&[&nothing]).status.code(), Some(2));
}

/// The real samples: 洪泽区人民政府 2023 and 淮安市洪泽区人民政府 2024 are one
/// district; its published figures agree from one year to the next.
#[test]
fn the_real_hongzequ_reports_carry_over_from_2023_to_2024() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples");
    let queue = folder::scan(&samples, &ScanControl::new()).unwrap();
    let y2024 = row(&queue, "hongzequ-2024.pdftotext-layout.txt");
    assert_eq!(y2024.issuer_key.as_deref(), Some("淮安市洪泽区"));
    let carry: Vec<&CheckResult> = y2024.cross_year.iter().filter(|r| is_carry(r)).collect();
    assert_eq!(carry.len(), 7, "{:?}", y2024.cross_year);
    assert!(carry.iter().all(|r| r.status == CheckStatus::Pass));
    assert!(
        carry[0]
            .message
            .contains("hongzequ-2023.pdftotext-layout.txt")
    );
    // 规范性文件: 5 in force in 2023, 3 issued and 0 repealed in 2024, 8 in force.
    assert_eq!(
        cross(y2024, "cross_year.stock.normative_documents"),
        Some(CheckStatus::Pass)
    );
    // The other bodies have a single year each: nothing to compare.
    assert!(row(&queue, "kelamayi-2024.txt").cross_year.is_empty());
    assert!(
        row(&queue, "hongzequ-2023.pdftotext-layout.txt")
            .cross_year
            .is_empty()
    );
}

/// The queue counts, per report, the values the extraction was unsure of: a
/// plain pdftotext table read in reading order has many, a clean one none;
/// a saved review counts only those not yet confirmed.
#[test]
fn the_queue_counts_the_values_to_check_by_eye() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["kelamayi-2024.txt", "huaian-2024.pdftotext-raw.txt"] {
        std::fs::copy(
            Path::new("fixtures/samples").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    let queue = folder::scan(dir.path(), &ScanControl::new()).unwrap();
    assert_eq!(row(&queue, "kelamayi-2024.txt").unsure, 0);
    let raw = row(&queue, "huaian-2024.pdftotext-raw.txt").unsure;
    assert!(raw >= 175, "{raw}");
    let sort = Sort {
        column: Column::Unsure,
        descending: true,
    };
    let first = queue.view(sort, &Filter::default())[0];
    assert_eq!(
        queue.rows()[first].relative,
        "huaian-2024.pdftotext-raw.txt"
    );
    // A clerk confirms one value and saves: one fewer to check.
    let text = dir.path().join("huaian-2024.pdftotext-raw.txt");
    let bytes = std::fs::read(&text).unwrap();
    let mut review = Review::new(
        "huaian-2024.pdftotext-raw.txt",
        source::decode(&bytes).unwrap(),
    );
    let id = CellId::parse("requests.new_received.total").unwrap();
    let raw_text = review.report().cell(id).unwrap().raw.clone();
    review.edit(id, &raw_text);
    review
        .save(&dir.path().join("huaian-2024.pdftotext-raw.review.json"))
        .unwrap();
    let queue = folder::scan(dir.path(), &ScanControl::new()).unwrap();
    assert_eq!(
        row(&queue, "huaian-2024.pdftotext-raw.review.json").unsure,
        raw - 1
    );
    let summary = export::summary(queue.rows()).to_csv();
    assert!(summary.lines().next().unwrap().contains(",unsure,"));
}

/// Splits one CSV record (quoted fields may hold commas and doubled quotes).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fn check_output(root: &Path, format: &str) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .arg("check")
        .arg(root)
        .args(["--format", format])
        .output()
        .unwrap();
    (o.status.code(), String::from_utf8(o.stdout).unwrap())
}

/// (file -> open check ids, file -> [fail, incomplete, warning, acknowledged])
type Seen = (
    BTreeMap<String, BTreeSet<String>>,
    BTreeMap<String, [usize; 4]>,
);

/// Text, JSON and CSV are three printers over one scan: the same files, the
/// same non-passing checks (cross-year ones included), the same counts and
/// the same exit code; the planted carry-over break is in all three, the
/// consistent pair is not flagged.
#[test]
fn check_text_json_and_csv_say_the_same() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let (text_code, text) = check_output(dir.path(), "text");
    let (json_code, json) = check_output(dir.path(), "json");
    let (csv_code, csv) = check_output(dir.path(), "csv");
    assert_eq!(text_code, Some(2), "the empty file");
    assert_eq!(json_code, text_code);
    assert_eq!(csv_code, text_code);

    let mut from_text: Seen = Default::default();
    for line in text.lines() {
        if let Some((file, rest)) = line.split_once(": ")
            && let Some((id, _)) = rest.split_once(": ")
            && id.contains('.')
            && !id.contains(' ')
        {
            if !line.contains("(acknowledged: ") {
                from_text
                    .0
                    .entry(file.to_string())
                    .or_default()
                    .insert(id.to_string());
            }
        } else if let Some((file, rest)) = line.split_once(": ")
            && rest.contains(" pass, ")
        {
            let n: Vec<usize> = rest
                .split(", ")
                .filter_map(|p| p.split(' ').next()?.parse().ok())
                .collect();
            from_text
                .1
                .insert(file.to_string(), [n[1], n[2], n[3], n[4]]);
            from_text.0.entry(file.to_string()).or_default();
        }
    }

    let mut from_json: Seen = Default::default();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for f in v.as_array().unwrap() {
        if !f["error"].is_null() {
            continue;
        }
        let file = f["file"].as_str().unwrap().to_string();
        let ids = from_json.0.entry(file.clone()).or_default();
        for c in f["checks"].as_array().unwrap() {
            if c["acknowledged"].is_null() {
                ids.insert(c["id"].as_str().unwrap().to_string());
            }
        }
        let s = &f["summary"];
        let n = |k: &str| s[k].as_u64().unwrap() as usize;
        from_json.1.insert(
            file,
            [n("fail"), n("incomplete"), n("warning"), n("acknowledged")],
        );
    }

    let mut from_csv: Seen = Default::default();
    let lines = csv_lines(&csv);
    let header = csv_fields(lines[0]);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    for line in &lines[1..] {
        let f = csv_fields(line);
        if !f[at("error")].is_empty() {
            continue;
        }
        let file = f[0].clone();
        let ids: BTreeSet<String> = header[13..]
            .iter()
            .zip(&f[13..])
            .filter(|(_, status)| !status.is_empty())
            .map(|(id, _)| id.clone())
            .collect();
        from_csv.0.insert(file.clone(), ids);
        let n = |k: &str| f[at(k)].parse::<usize>().unwrap();
        from_csv.1.insert(
            file,
            [n("fail"), n("incomplete"), n("warning"), n("acknowledged")],
        );
    }

    assert!(from_text.0.len() >= 7, "{:?}", from_text.0.keys());
    assert_eq!(from_text.0, from_json.0);
    assert_eq!(from_text.0, from_csv.0);
    assert_eq!(from_text.1, from_json.1);
    assert_eq!(from_text.1, from_csv.1);
    let break_file = dir.path().join("沭阳县/2024.txt").display().to_string();
    for seen in [&from_text, &from_json, &from_csv] {
        assert!(
            seen.0[&break_file].contains("cross_year.carry.total"),
            "{:?}",
            seen.0[&break_file]
        );
        let pair = dir.path().join("泗洪县/2024.txt").display().to_string();
        assert!(
            !seen.0[&pair]
                .iter()
                .any(|id| id.starts_with("cross_year.carry.")),
            "{:?}",
            seen.0[&pair]
        );
    }
}
