//! The real binary: exit codes and messages of `extract` and `check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        // English, whatever the machine's locale (the CLI speaks Chinese in a zh_* one).
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .output()
        .unwrap()
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples")
}

fn sample(name: &str) -> String {
    samples().join(name).display().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn extract_prints_the_review_json() {
    let o = nianbao(&["extract", &sample("kelamayi-2024.txt")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], "nianbao-review/1");
    let n: usize = v["values"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|rows| rows.as_object().unwrap().values())
        .map(|cols| cols.as_object().unwrap().len())
        .sum();
    assert_eq!(n, 200);
}

#[test]
fn extract_exits_0_even_when_checks_fail_and_writes_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("h.review.json");
    let o = nianbao(&[
        "extract",
        &sample("hongzequ-2023.pdftotext-layout.txt"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let saved = std::fs::read_to_string(&out).unwrap();
    assert!(saved.contains("\"status\": \"fail\""));
    // A saved review is re-emitted as it is.
    let again = nianbao(&["extract", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(String::from_utf8(again.stdout).unwrap(), saved);
}

#[test]
fn extract_refusals_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let pdf = dir.path().join("report.txt");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let cases: [(&Path, &str); 4] = [
        (&empty, "empty"),
        (&pdf, "PDF"),
        (dir.path(), "folder"),
        (&missing, "no such file"),
    ];
    for (path, says) in cases {
        let p = path.to_str().unwrap();
        let o = nianbao(&["extract", p]);
        assert_eq!(o.status.code(), Some(2), "{p}");
        let e = stderr(&o);
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(e.starts_with(&format!("nianbao: {p}: ")), "{e}");
        assert!(e.contains(says), "{e}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn check_a_folder_with_a_good_and_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(
        samples().join("kelamayi-2024.txt"),
        dir.path().join("a-good.txt"),
    )
    .unwrap();
    std::fs::copy(
        samples().join("hongzequ-2023.pdftotext-layout.txt"),
        sub.join("b-bad.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.md"), "not a report").unwrap();
    let d = dir.path().to_str().unwrap();

    let o = nianbao(&["check", d]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let good = dir.path().join("a-good.txt").display().to_string();
    let bad = sub.join("b-bad.txt").display().to_string();
    assert!(
        out.contains(&format!("{good}: 45 pass, 0 fail, 0 incomplete, 0 warning")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{bad}: appeals.total.review: ")),
        "{out}"
    );
    assert!(!out.contains("notes.md"));
    // The clean sample has nothing the extraction was unsure of.
    assert!(
        out.contains(&format!(
            "{good}: 45 pass, 0 fail, 0 incomplete, 0 warning, 0 acknowledged, 0 values unsure"
        )),
        "{out}"
    );
    // Deterministic order: the good file (sorted first) is reported first.
    assert!(out.find(&good).unwrap() < out.find(&bad).unwrap());

    let o = nianbao(&["check", d, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["summary"]["fail"], 0);
    assert_eq!(files[1]["summary"]["fail"], 2);

    // Only the good file: exit 0.
    let o = nianbao(&["check", &good]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn check_exits_2_on_an_unreadable_input_but_checks_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let o = nianbao(&[
        "check",
        missing.to_str().unwrap(),
        &sample("kelamayi-2024.txt"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.txt"));
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .contains("0 fail, 0 incomplete")
    );
}

#[test]
fn an_acknowledged_failure_does_not_fail_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("h.review.json");
    let o = nianbao(&[
        "extract",
        &sample("hongzequ-2023.pdftotext-layout.txt"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let mut r = nianbao::review::Review::load(&out).unwrap();
    let not_passing: Vec<nianbao::checks::CheckId> = r
        .checks()
        .results
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                nianbao::checks::CheckStatus::Fail | nianbao::checks::CheckStatus::Incomplete
            )
        })
        .map(|c| c.id)
        .collect();
    assert!(!not_passing.is_empty());
    for id in &not_passing {
        r.acknowledge(*id, "the published report is wrong");
    }
    r.save(&out).unwrap();
    let o = nianbao(&["check", out.to_str().unwrap()]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.contains("(acknowledged: the published report is wrong)"));
}

#[test]
fn check_says_what_it_could_not_check() {
    let dir = tempfile::tempdir().unwrap();
    let o = nianbao(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no reports (.pdf, .docx, .html, .txt) or reviews"),
        "{}",
        stderr(&o)
    );

    // A text without the report's tables is refused by both commands.
    let prose = dir.path().join("prose.txt");
    std::fs::write(&prose, "你好，这不是年报。").unwrap();
    for command in ["check", "extract"] {
        let o = nianbao(&[command, prose.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert!(
            stderr(&o).contains("no report tables found"),
            "{}",
            stderr(&o)
        );
    }
    // The others are still checked.
    let o = nianbao(&[
        "check",
        prose.to_str().unwrap(),
        &sample("kelamayi-2024.txt"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .contains("0 fail, 0 incomplete")
    );
}

/// The command line with a Chinese locale (`LANG=zh_CN.UTF-8`, no LC_ALL or
/// LC_MESSAGES set).
fn nianbao_zh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .args(args)
        .output()
        .unwrap()
}

/// Whether a text holds an English word (three letters or more) other
/// than the ones allowed (file names, check ids, the program's name).
fn english_words<'a>(text: &'a str, allowed: &[&str]) -> Vec<&'a str> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && !allowed.contains(w))
        .collect()
}

#[test]
fn the_command_line_speaks_chinese_in_a_chinese_locale() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let prose = dir.path().join("prose.txt");
    std::fs::write(&prose, "你好，这不是年报。").unwrap();
    // Errors: a missing file, a text without tables, an empty folder.
    let empty = tempfile::tempdir().unwrap();
    for (args, says) in [
        (vec!["extract", missing.to_str().unwrap()], "找不到这个文件"),
        (vec!["check", prose.to_str().unwrap()], "未找到报告表格"),
        (vec!["check", empty.path().to_str().unwrap()], "没有报告"),
    ] {
        let o = nianbao_zh(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(e.contains(says), "{e}");
        // Only the program's and the file's names are not Chinese.
        let without_path = e.replace(args[1], "");
        let allowed = ["nianbao", "pdf", "docx", "html", "txt", "review", "json"];
        let words = english_words(&without_path, &allowed);
        assert!(words.is_empty(), "{words:?} in {e}");
    }

    // The text of `check`: each failing check by status, title and sides,
    // and the tally.
    let bad = sample("hongzequ-2023.pdftotext-layout.txt");
    let o = nianbao_zh(&["check", &bad]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains(&format!(
            "{bad}: appeals.total.review: 不符 · 复议诉讼总计 · 行政复议：左 0 · 右 11，差 -11"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("{bad}：通过 31，不符 2，不完整 10，")),
        "{out}"
    );
    // Past the file's name and the check's id, every word is Chinese.
    for line in out.lines() {
        let rest = line.replace(&bad, "");
        let said = rest.splitn(3, ": ").last().unwrap_or_default();
        let words = english_words(said, &[]);
        assert!(words.is_empty(), "{words:?} in {line}");
    }

    // The JSON is data: the same in every language.
    let json = |o: Output| String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        json(nianbao_zh(&["check", &bad, "--format", "json"])),
        json(nianbao(&["check", &bad, "--format", "json"]))
    );

    // LC_ALL decides over LANG, LC_MESSAGES over LANG.
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "C")
        .args(["check", &bad])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .contains("31 pass, 2 fail, 10 incomplete")
    );
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .env_remove("LC_ALL")
        .env("LC_MESSAGES", "zh_CN.UTF-8")
        .env("LANG", "en_US.UTF-8")
        .args(["check", &bad])
        .output()
        .unwrap();
    assert!(String::from_utf8(o.stdout).unwrap().contains("通过 31"));
}
