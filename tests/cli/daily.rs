//! The daily loop from a terminal: scoped exports, editing people and action items,
//! history and revert, and every nudge including the dismissed ones.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{stderr, walk, Vault, PASS};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn root(v: &Vault) -> PathBuf {
    v.dir.parent().unwrap().to_path_buf()
}

/// The files of a Markdown export but its people's notes (`People/<Name>.md`).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &mut |p| {
        if !p.starts_with(dir.join("People")) {
            out.push(p.to_path_buf())
        }
    });
    out.sort();
    out
}

fn two_people() -> Vault {
    let v = Vault::new();
    v.log(&[
        "one-on-one",
        "--with",
        "Priya Raman",
        "--date",
        "2025-03-04",
        "--body",
        "Career.",
    ]);
    v.log(&[
        "one-on-one",
        "--with",
        "Priya Raman",
        "--date",
        "2025-04-04",
        "--body",
        "Scope.",
    ]);
    v.log(&[
        "one-on-one",
        "--with",
        "Sam Lee",
        "--date",
        "2025-03-10",
        "--body",
        "Reviews.",
    ]);
    v
}

#[test]
fn markdown_export_of_entries_sharing_an_id_prefix() {
    let v = two_people();
    // A journal whose entries were made in one millisecond: ids share 10 characters.
    let file = root(&v).join("all.json");
    v.ok(&["export", "json", s(&file)]);
    let mut export: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let template = export["entries"][0].clone();
    let entries: Vec<Value> = (0..30)
        .map(|i| {
            let mut e = template.clone();
            e["id"] = format!("01JN00000000000000000000{i:02}").into();
            e["revisions"] = Value::Array(vec![]);
            e
        })
        .collect();
    export["entries"] = Value::Array(entries);
    export["action_items"] = Value::Array(vec![]);
    let same = root(&v).join("same.json");
    std::fs::write(&same, serde_json::to_vec(&export).unwrap()).unwrap();
    let w = Vault::new();
    w.ok(&["import", "json", s(&same)]);
    let dir = root(&w).join("md");
    let out = w.run(&["export", "markdown", s(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(files(&dir).len(), 30);
}

#[test]
fn exports_limited_to_a_person_and_dates() {
    let v = two_people();
    let dir = root(&v).join("priya");
    v.ok(&[
        "export",
        "markdown",
        s(&dir),
        "--person",
        "priya raman",
        "--since",
        "2025-04-01",
    ]);
    let f = files(&dir);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].starts_with(dir.join("Priya Raman")));
    // Only the people in scope get a note.
    assert!(dir.join("People/Priya Raman.md").is_file());
    assert_eq!(std::fs::read_dir(dir.join("People")).unwrap().count(), 1);
    assert!(std::fs::read_to_string(&f[0]).unwrap().contains("Scope."));

    let file = root(&v).join("march.json");
    v.ok(&[
        "export",
        "json",
        s(&file),
        "--since",
        "2025-03-01",
        "--until",
        "2025-03-31",
    ]);
    let export: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(export["entries"].as_array().unwrap().len(), 2);

    let out = v.run(&[
        "export",
        "json",
        s(&root(&v).join("x.json")),
        "--person",
        "Nobody",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no person with that name"),
        "{}",
        stderr(&out)
    );
    assert!(!root(&v).join("x.json").exists());
}

#[test]
fn a_failed_markdown_export_leaves_no_plaintext() {
    let v = two_people();
    let blocker = root(&v).join("blocker");
    std::fs::write(&blocker, "a file, not a folder").unwrap();
    let before = files(&root(&v));
    let out = v.run(&["export", "markdown", s(&blocker.join("md"))]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let after = files(&root(&v));
    assert_eq!(before.len(), after.len(), "{after:?}");
}

#[test]
fn person_edit_sets_and_clears_fields_and_the_cadence_counts() {
    let v = Vault::new();
    // A person created from an entry has no cadence: the overdue nudge cannot fire.
    v.log(&[
        "one-on-one",
        "--with",
        "Priya",
        "--date",
        "2025-01-01",
        "--body",
        "Hi.",
    ]);
    let overdue = |v: &Vault| {
        v.json(&["nudges", "--json", "--today", "2025-02-15"])
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["rule"] == "one-on-one-overdue")
    };
    assert!(!overdue(&v));
    let out = v.ok(&[
        "person",
        "edit",
        "priya",
        "--name",
        "Priya Raman",
        "--role",
        "Staff engineer",
        "--relationship",
        "mentee",
        "--cadence",
        "14",
    ]);
    assert!(out.contains("Priya Raman"), "{out}");
    let people = v.json(&["person", "list", "--json"]);
    let p = &people[0];
    assert_eq!(p["name"], "Priya Raman");
    assert_eq!(p["role"], "Staff engineer");
    assert_eq!(p["relationship"], "mentee");
    assert_eq!(p["cadence_days"], 14);
    assert!(overdue(&v));
    // The rename reaches the entries and the search index.
    assert_eq!(v.json(&["list", "--json"])[0]["person"], "Priya Raman");
    assert_eq!(v.json(&["search", "person:raman", "--json"])["total"], 1);

    v.ok(&[
        "person",
        "edit",
        "Priya Raman",
        "--cadence",
        "none",
        "--role",
        "",
    ]);
    let p = &v.json(&["person", "list", "--json"])[0];
    assert!(p["cadence_days"].is_null() && p["role"].is_null(), "{p}");

    v.ok(&["person", "add", "Sam"]);
    let out = v.run(&["person", "edit", "sam", "--name", "PRIYA raman"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    let out = v.run(&["person", "edit", "sam"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing to change"));
    let out = v.run(&["person", "edit", "sam", "--cadence", "0"]);
    assert!(
        stderr(&out).contains("at least one day"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn action_items_are_undone_edited_and_deleted() {
    let v = Vault::new();
    v.ok(&["person", "add", "Priya"]);
    let id = v
        .ok(&[
            "todo",
            "add",
            "--with",
            "Priya",
            "--due",
            "2025-03-01",
            "Send",
            "the",
            "doc",
        ])
        .trim()
        .to_string();
    let item = |v: &Vault| v.json(&["todo", "list", "--json"])[0].clone();
    v.ok(&["todo", "done", &id]);
    assert!(item(&v)["done_at"].is_string());
    v.ok(&["todo", "undo", &id[..12]]);
    assert!(item(&v)["done_at"].is_null());
    assert_eq!(
        v.json(&["todo", "list", "--open", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    v.ok(&[
        "todo",
        "edit",
        &id,
        "--text",
        "Send the design doc",
        "--owner",
        "them",
    ]);
    let a = item(&v);
    assert_eq!(
        (a["text"].as_str(), a["owner"].as_str()),
        (Some("Send the design doc"), Some("them"))
    );
    assert_eq!(a["due"], "2025-03-01");
    v.ok(&["todo", "edit", &id, "--due", "none"]);
    assert!(item(&v)["due"].is_null());
    v.ok(&["todo", "edit", &id, "--due", "2025-04-02"]);
    assert_eq!(item(&v)["due"], "2025-04-02");
    let out = v.run(&["todo", "edit", &id, "--owner", "boss"]);
    assert_eq!(out.status.code(), Some(1));

    v.ok(&["todo", "delete", &id]);
    assert!(v
        .json(&["todo", "list", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    let out = v.run(&["todo", "delete", &id]);
    assert!(
        stderr(&out).contains("no action item with that id"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn history_lists_every_version_and_revert_keeps_the_current_one() {
    let v = Vault::new();
    let id = v.log(&["note", "--title", "Plan", "--body", "first draft"]);
    v.ok(&["edit", &id, "--body", "second draft"]);
    v.ok(&["edit", &id, "--body", "third draft", "--title", "Plan B"]);
    let h = v.json(&["history", &id, "--json"]);
    let versions: Vec<(u64, bool, &str)> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["version"].as_u64().unwrap(),
                x["current"].as_bool().unwrap(),
                x["entry"]["body"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        versions,
        [
            (3, true, "third draft"),
            (2, false, "second draft"),
            (1, false, "first draft")
        ]
    );
    assert!(h[0]["written_at"].is_string() && h[1]["replaced_at"].is_string());
    let text = v.ok(&["history", &id]);
    let (a, b) = (
        text.find("version 3").unwrap(),
        text.find("version 1").unwrap(),
    );
    assert!(
        a < b && text.contains("(current)") && text.contains("first draft"),
        "{text}"
    );
    assert!(text.contains("changed: title, body"), "{text}");

    v.ok(&["revert", &id, "1"]);
    let e = v.json(&["show", &id, "--json"]);
    assert_eq!(
        (e["body"].as_str(), e["title"].as_str()),
        (Some("first draft"), Some("Plan"))
    );
    let h = v.json(&["history", &id, "--json"]);
    assert_eq!(h.as_array().unwrap().len(), 4);
    assert_eq!(h[1]["entry"]["body"], "third draft");
    // The search index follows the revert.
    assert_eq!(v.json(&["search", "first", "--json"])["total"], 1);
    assert_eq!(v.json(&["search", "third", "--json"])["total"], 0);

    let out = v.run(&["revert", &id, "4"]);
    assert!(
        stderr(&out).contains("already the current version"),
        "{}",
        stderr(&out)
    );
    let out = v.run(&["revert", &id, "12"]);
    assert_eq!(out.status.code(), Some(1));
}

/// Drafts the desktop editor keeps (text that is not an entry yet) are listed, encrypted
/// on disk, and never counted as entries.
#[test]
fn drafts_lists_unfinished_entries() {
    use candor_engine::drafts::DraftFields;
    use candor_engine::model::Kind;
    use candor_engine::{vault, SecretString};

    let v = Vault::new();
    {
        let mut j = vault::open(&v.dir, &SecretString::from(PASS.to_string())).unwrap();
        let f = DraftFields {
            kind: Kind::OneOnOne,
            body: "Canary-draft-5150 about the reorg".into(),
            ..DraftFields::default()
        };
        j.save_draft(None, None, &f).unwrap();
    }
    let out = v.ok(&["drafts"]);
    assert!(out.contains("one-on-one"), "{out}");
    assert!(out.contains("choose who this entry is with"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&v.ok(&["drafts", "--json"])).unwrap();
    assert_eq!(
        json[0]["fields"]["body"],
        "Canary-draft-5150 about the reorg"
    );
    assert!(v.ok(&["list", "--json"]).trim() == "[]");
    for f in std::fs::read_dir(&v.dir).unwrap() {
        let bytes = std::fs::read(f.unwrap().path()).unwrap();
        assert!(!bytes.windows(17).any(|w| w == b"Canary-draft-5150"));
    }
}

#[test]
fn nudges_are_ranked_grouped_and_all_of_them_can_be_listed_and_restored() {
    let v = Vault::new();
    v.ok(&["person", "add", "Ana", "--cadence", "7"]);
    let first = v.log(&[
        "one-on-one",
        "--with",
        "Ana",
        "--date",
        "2025-04-01",
        "--body",
        "Board.",
    ]);
    for t in ["Send the doc", "Book the room", "Ask about on-call"] {
        v.ok(&["todo", "add", "--with", "Ana", "--entry", &first, t]);
    }
    let today = "2025-06-01";
    let list = v.json(&["nudges", "--json", "--today", today]);
    let list = list.as_array().unwrap();
    let rules: Vec<&str> = list.iter().map(|n| n["rule"].as_str().unwrap()).collect();
    assert_eq!(
        rules,
        [
            "one-on-one-overdue",
            "stale-action-item",
            "no-constructive-feedback",
            "no-recent-praise",
            "no-recent-reflection"
        ]
    );
    let stale = &list[1];
    assert_eq!(stale["members"].as_array().unwrap().len(), 3);
    assert_eq!(stale["evidence"], serde_json::json!([first]));
    let text = v.ok(&["nudges", "--today", today]);
    assert!(
        text.contains("3 open action items") && text.contains("Send the doc"),
        "{text}"
    );

    let stale_id = stale["id"].as_str().unwrap();
    let overdue_id = list[0]["id"].as_str().unwrap();
    v.ok(&["nudges", "dismiss", stale_id, "--today", today]);
    v.ok(&[
        "nudges", "dismiss", overdue_id, "--snooze", "5", "--today", today,
    ]);
    let shown = v.json(&["nudges", "--json", "--today", today]);
    assert_eq!(shown.as_array().unwrap().len(), 3);

    let all = v.json(&["nudges", "--all", "--json", "--today", today]);
    let status: Vec<(&str, &str)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["rule"].as_str().unwrap(), n["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        [
            ("no-constructive-feedback", "shown"),
            ("no-recent-praise", "shown"),
            ("no-recent-reflection", "shown"),
            ("one-on-one-overdue", "snoozed"),
            ("stale-action-item", "dismissed")
        ]
    );
    assert_eq!(all[3]["until"], "2025-06-06");
    let text = v.ok(&["nudges", "--all", "--today", today]);
    assert!(
        text.contains("(dismissed)") && text.contains("(snoozed until 2025-06-06)"),
        "{text}"
    );

    let out = v.ok(&["nudges", "restore", stale_id, "--today", today]);
    assert!(out.contains("Those 3 nudges"), "{out}");
    v.ok(&[
        "nudges",
        "restore",
        &overdue_id[..overdue_id.len() - 2],
        "--today",
        today,
    ]);
    assert_eq!(
        v.json(&["nudges", "--json", "--today", today]),
        serde_json::Value::Array(list.clone())
    );
    let out = v.run(&["nudges", "restore", stale_id, "--today", today]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no current nudge has that id"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_command_line_adds_its_own_hints_to_engine_errors() {
    let v = Vault::new();
    let file = root(&v).join("x.json");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["person", "edit", "Nobody", "--role", "x"],
            "no person with that name; `candor person list` shows who is in the journal",
        ),
        (
            vec!["log", "one-on-one", "--body", "x"],
            "need a person; name them with --with NAME",
        ),
        (
            vec!["nudges", "dismiss", "nope"],
            "no current nudge has that id; `candor nudges --all` lists them",
        ),
        (
            vec![
                "export",
                "json",
                s(&file),
                "--since",
                "2025-02-01",
                "--until",
                "2025-01-01",
            ],
            "its start is after its end; --since is after --until",
        ),
    ];
    for (args, want) in cases {
        let out = v.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        let errors: Vec<&str> = err.lines().filter(|l| !l.contains("warning")).collect();
        assert_eq!(errors.len(), 1, "{err}");
        assert!(errors[0].contains(want), "{args:?}: {err}");
    }
    let id = v.log(&["note", "--body", "x"]);
    v.ok(&["delete", &id]);
    let err = stderr(&v.run(&["edit", &id, "--body", "y"]));
    assert!(
        err.contains("restore it first; `candor trash restore ID`"),
        "{err}"
    );
}

#[test]
fn person_list_shows_last_met_and_due_as_today_decides() {
    let v = Vault::new();
    v.ok(&["person", "add", "Priya", "--cadence", "7"]);
    for date in ["2025-03-01", "2025-04-02"] {
        v.log(&[
            "one-on-one",
            "--with",
            "Priya",
            "--date",
            date,
            "--body",
            "Plan.",
        ]);
    }
    let p = &v.json(&["person", "list", "--json", "--today", "2025-03-20"])[0];
    // The meeting dated 2 April has not happened on 20 March.
    assert_eq!(p["last_met"], "2025-03-01", "{p}");
    assert_eq!(p["status"], "overdue", "{p}");
    assert_eq!(p["days_overdue"], 12, "{p}");
    let text = v.ok(&["person", "list", "--today", "2025-03-20"]);
    assert!(
        text.contains("met 2025-03-01") && text.contains("overdue 12d"),
        "{text}"
    );
    let text = v.ok(&["person", "list", "--today", "2025-04-03"]);
    assert!(
        text.contains("met 2025-04-02") && text.contains("due 2025-04-09"),
        "{text}"
    );
}
