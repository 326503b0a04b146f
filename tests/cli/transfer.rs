//! `candor export` and `candor import`: lossless JSON round trips, Markdown both ways,
//! jrnl and Day One files this test writes itself, no duplicates, all or nothing.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{snapshot, stderr, Vault};

fn filled() -> Vault {
    let v = Vault::new();
    v.ok(&[
        "person",
        "add",
        "Priya Raman",
        "--role",
        "Staff engineer",
        "--cadence",
        "7",
    ]);
    v.ok(&["person", "add", "Old Colleague", "--relationship", "peer"]);
    v.ok(&["person", "archive", "Old Colleague"]);
    let id = v.log(&[
        "one-on-one",
        "--with",
        "Priya Raman",
        "--date",
        "2025-03-04",
        "--tag",
        "career",
        "--mood",
        "4",
        "--title",
        "Career: next step",
        "--body",
        "She wants more scope.",
    ]);
    v.ok(&["edit", &id, "--body", "We agreed on the migration."]);
    v.log(&[
        "feedback",
        "--with",
        "Sam Lee",
        "--date",
        "2025-03-05",
        "--direction",
        "constructive",
        "--situation",
        "Code review",
        "--behavior",
        "Late reviews",
        "--impact",
        "Blocked the team",
        "--planned",
        "--body",
        "Talk on Friday.",
    ]);
    v.log(&[
        "reflection",
        "--date",
        "2025-03-06",
        "--body",
        "I interrupted people.",
    ]);
    let gone = v.log(&["note", "--body", "to the trash"]);
    v.ok(&["delete", &gone]);
    v.ok(&[
        "todo",
        "add",
        "--with",
        "Priya Raman",
        "--entry",
        &id,
        "--owner",
        "them",
        "--due",
        "2025-03-20",
        "Draft the plan",
    ]);
    v.ok(&["todo", "add", "--with", "Sam Lee", "Book a room"]);
    v
}

fn state(v: &Vault) -> Vec<Value> {
    let list = v.json(&["list", "--json"]);
    let mut out = vec![
        list.clone(),
        v.json(&["trash", "list", "--json"]),
        v.json(&["person", "list", "--all", "--json"]),
        v.json(&["todo", "list", "--json"]),
    ];
    for e in list.as_array().unwrap() {
        out.push(v.json(&["show", e["id"].as_str().unwrap(), "--json"]));
    }
    out
}

fn root(v: &Vault) -> PathBuf {
    v.dir.parent().unwrap().to_path_buf()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn json_export_import_round_trip() {
    let v = filled();
    let file = root(&v).join("journal.json");
    let out = v.run(&["export", "json", s(&file)]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("NOT encrypted"), "{}", stderr(&out));
    let export: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(export["format"], "candor-journal");
    assert_eq!(export["schema_version"], 1);
    assert_eq!(export["entries"].as_array().unwrap().len(), 4);

    let w = Vault::new();
    let r = w.json(&["import", "json", s(&file), "--json"]);
    assert_eq!(r["entries"], 4);
    assert_eq!(r["people"], 3);
    assert_eq!(r["revisions"], 1);
    assert_eq!(r["action_items"], 2);
    assert_eq!(state(&w), state(&v));
    // Twice: nothing new.
    let again = w.json(&["import", "json", s(&file), "--json"]);
    assert_eq!(
        (again["entries"].as_u64(), again["people"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(state(&w), state(&v));
    // And its search index has the imported entries.
    assert_eq!(w.json(&["search", "migration", "--json"])["total"], 1);
}

#[test]
fn markdown_export_and_import() {
    let v = filled();
    let dir = root(&v).join("md");
    let out = v.run(&["export", "markdown", s(&dir)]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("NOT encrypted"));
    let mut files = Vec::new();
    crate::support::walk(&dir, &mut |p| {
        files.push(p.strip_prefix(&dir).unwrap().to_path_buf())
    });
    files.sort();
    assert_eq!(files.len(), 4, "{files:?}"); // three entries and Sam's loose action items
    let one = files.iter().find(|f| f.starts_with("Priya Raman")).unwrap();
    let text = std::fs::read_to_string(dir.join(one)).unwrap();
    assert!(text.starts_with("---\nid: "), "{text}");
    assert!(
        text.contains("\ndate: 2025-03-04\nkind: one-on-one\nperson: \"Priya Raman\"\n"),
        "{text}"
    );
    assert!(
        text.contains("- [ ] Draft the plan (them, due 2025-03-20)"),
        "{text}"
    );
    assert!(dir.join("Sam Lee").join("Action items.md").exists());
    assert!(dir.join("Journal").is_dir());

    let w = Vault::new();
    let r = w.json(&["import", "markdown", s(&dir), "--json"]);
    assert_eq!(r["entries"], 3, "{r}");
    assert_eq!(r["action_items"], 2, "{r}");
    let pick = |v: &Vault| {
        let list = v.json(&["list", "--json"]);
        list.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let mut e = e.clone();
                let o = e.as_object_mut().unwrap();
                o.remove("person_id");
                o.remove("updated_at");
                e
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(pick(&w), pick(&v));
    let again = w.json(&["import", "markdown", s(&dir), "--json"]);
    assert_eq!(
        (again["entries"].as_u64(), again["action_items"].as_u64()),
        (Some(0), Some(0))
    );
}

#[test]
fn jrnl_and_day_one_files_import_once() {
    let v = Vault::new();
    let jrnl = root(&v).join("journal.txt");
    let mut text = String::new();
    for i in 0..30 {
        text.push_str(&format!(
            "[2024-{:02}-{:02} 09:{:02}] Standup {i}. Notes about @project{}.\nSecond line.\n\n",
            1 + i % 12,
            1 + i % 28,
            i % 60,
            i % 3
        ));
    }
    std::fs::write(&jrnl, &text).unwrap();
    let r = v.json(&["import", "jrnl", s(&jrnl), "--json"]);
    assert_eq!(r["entries"], 30);
    let r = v.json(&["import", "jrnl", s(&jrnl), "--json"]);
    assert_eq!(r["entries"], 0);
    assert_eq!(r["skipped"].as_array().unwrap().len(), 30);
    assert!(r["skipped"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("already imported"));

    let jrnl_json = root(&v).join("jrnl.json");
    std::fs::write(
        &jrnl_json,
        r#"{"tags": {"@x": 1}, "entries": [
            {"date": "2024-01-01", "time": "09:00", "title": "Standup 0.", "body": "Notes about @project0.\nSecond line.", "tags": ["@project0"], "starred": false},
            {"date": "2024-12-31", "time": "17:45", "title": "Year end.", "body": "Wrote the review.", "tags": [], "starred": true},
            {"date": "31/12/2024", "title": "bad date"}
        ]}"#,
    )
    .unwrap();
    let r = v.json(&["import", "jrnl", s(&jrnl_json), "--json"]);
    assert_eq!(r["entries"], 1, "{r}");
    assert_eq!(r["skipped"].as_array().unwrap().len(), 2, "{r}");

    let dayone = root(&v).join("Journal.json");
    std::fs::write(
        &dayone,
        r#"{"metadata": {"version": "1.0"}, "entries": [
            {"uuid": "A1B2C3", "creationDate": "2023-06-01T10:00:00Z", "text": "Offsite\n\nPlanned the roadmap.", "tags": ["work"], "starred": false},
            {"uuid": "D4E5F6", "creationDate": "2023-06-02T10:00:00Z", "text": "Second day", "tags": []}
        ]}"#,
    )
    .unwrap();
    assert_eq!(
        v.json(&["import", "dayone", s(&dayone), "--json"])["entries"],
        2
    );
    assert_eq!(
        v.json(&["import", "dayone", s(&dayone), "--json"])["entries"],
        0
    );
    let list = v.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 33);
    let offsite = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Offsite")
        .unwrap();
    assert_eq!(offsite["body"], "Planned the roadmap.");
    assert_eq!(offsite["tags"], serde_json::json!(["work"]));
    assert_eq!(v.json(&["search", "roadmap", "--json"])["total"], 1);
    // Plain human output lists what was skipped.
    let out = v.ok(&["import", "jrnl", s(&jrnl_json)]);
    assert!(
        out.contains("Skipped 3:") && out.contains("entries[2]: its date"),
        "{out}"
    );
}

#[test]
fn bad_import_files_write_nothing() {
    let v = Vault::new();
    v.log(&["note", "--body", "already here"]);
    let bad = root(&v).join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let cases: Vec<(&str, &str, &str)> = vec![
        (
            "json",
            "{\"format\": \"candor-journal\", \"schema_version\": 9}",
            "newer version",
        ),
        ("json", "{broken", "not a valid Candor JSON export"),
        ("dayone", "[1, 2]", "not a valid Day One JSON export"),
        ("jrnl", "no entries in here\n", "not a valid jrnl file"),
    ];
    for (i, (kind, content, needle)) in cases.into_iter().enumerate() {
        let file = bad.join(format!("{i}.txt"));
        std::fs::write(&file, content).unwrap();
        let before = snapshot(&v.dir);
        let out = v.run(&["import", kind, s(&file)]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.starts_with("candor: ") && err.contains(needle), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert_eq!(before, snapshot(&v.dir), "{kind}: nothing written");
    }
    // Exports never overwrite.
    let file = root(&v).join("x.json");
    std::fs::write(&file, "mine").unwrap();
    let out = v.run(&["export", "json", s(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}
