//! People, entries, edits with history, the trash and action items, as a user types them.

use crate::support::{stderr, Vault};

#[test]
fn log_list_show_in_json() {
    let v = Vault::new();
    v.ok(&[
        "person",
        "add",
        "Zoë Laurent",
        "--role",
        "Frontend Engineer",
        "--relationship",
        "report",
        "--cadence",
        "14",
    ]);
    let dup = v.run(&["person", "add", "zoë laurent"]);
    assert_eq!(dup.status.code(), Some(1));
    assert!(stderr(&dup).contains("already exists"));

    let id = v.log(&[
        "one-on-one",
        "--with",
        "ZOË LAURENT",
        "--date",
        "2025-03-04",
        "--title",
        "Design system",
        "--tag",
        "career",
        "--tag",
        "#Accessibility",
        "--mood",
        "4",
        "--body",
        "Talked about the **design system**.",
    ]);
    assert_eq!(id.len(), 26, "log prints the id alone: {id}");
    // No body flag: the body comes from standard input; an unknown person is created.
    let id2 = v
        .ok_stdin(
            &[
                "log",
                "mentoring",
                "--with",
                "Lena Fischer",
                "--date",
                "2025-03-05",
            ],
            "First line as title\n\nmore",
        )
        .trim()
        .to_string();

    let list = v.json(&["list", "--json"]);
    let arr = list.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[0]["id"], id2.as_str(), "newest first");
    assert_eq!(arr[0]["title"], "First line as title");
    assert_eq!(arr[1]["person"], "Zoë Laurent");
    assert_eq!(arr[1]["kind"], "one-on-one");
    assert_eq!(arr[1]["date"], "2025-03-04");
    assert_eq!(
        arr[1]["tags"],
        serde_json::json!(["career", "accessibility"])
    );

    let people = v.json(&["person", "list", "--json"]);
    let names: Vec<_> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Lena Fischer", "Zoë Laurent"]);
    assert_eq!(people[1]["cadence_days"], 14);

    let filtered = v.json(&[
        "list",
        "--person",
        "zoë laurent",
        "--since",
        "2025-03-01",
        "--until",
        "2025-03-04",
        "--json",
    ]);
    assert_eq!(filtered.as_array().unwrap().len(), 1);
    let none = v.json(&["list", "--kind", "feedback", "--json"]);
    assert!(none.as_array().unwrap().is_empty());

    // Short id prefixes work for show.
    let shown = v.ok(&["show", &id[..16]]);
    assert!(shown.contains("Talked about the **design system**."));
    assert!(shown.contains("mood:   4/5"));
}

#[test]
fn feedback_fields_and_validation() {
    let v = Vault::new();
    let id = v.log(&[
        "feedback",
        "--with",
        "Marcus Bell",
        "--direction",
        "constructive",
        "--situation",
        "incident review",
        "--behavior",
        "interrupted twice",
        "--impact",
        "others stopped talking",
        "--planned",
        "--body",
        "",
    ]);
    let e = v.json(&["show", &id, "--json"]);
    assert_eq!(e["feedback"]["direction"], "constructive");
    assert_eq!(e["feedback"]["planned"], true);
    assert_eq!(e["feedback"]["received"], false);
    assert_eq!(e["feedback"]["behavior"], "interrupted twice");
    assert_eq!(e["title"], "Feedback with Marcus Bell");

    v.ok(&["edit", &id, "--delivered"]);
    let e = v.json(&["show", &id, "--json"]);
    assert_eq!(e["feedback"]["planned"], false);

    // A one-on-one needs a person; feedback fields need a feedback entry; mood is 1–5.
    let out = v.run(&["log", "one-on-one", "--body", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("need a person"));
    let out = v.run(&["log", "note", "--direction", "praise", "--body", "x"]);
    assert!(stderr(&out).contains("apply only to feedback"));
    let out = v.run(&["log", "note", "--mood", "9", "--body", "x"]);
    assert_eq!(out.status.code(), Some(2));
    let out = v.run(&["log", "note", "--date", "2025-13-01", "--body", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"));
    let out = v.run(&["log", "meeting", "--body", "x"]);
    assert!(stderr(&out).contains("unknown Kind"), "{}", stderr(&out));
    assert_eq!(
        v.json(&["list", "--json"]).as_array().unwrap().len(),
        1,
        "nothing half-written"
    );
}

#[test]
fn edits_keep_history_and_trash_round_trip() {
    let v = Vault::new();
    let id = v.log(&["note", "--title", "v1", "--body", "first body"]);
    v.ok(&["edit", &id, "--title", "v2", "--body", "second body"]);
    v.ok_stdin(&["edit", &id, "--body-file", "-"], "third body");
    let e = v.json(&["show", &id, "--json"]);
    assert_eq!(e["body"], "third body");
    assert_eq!(e["title"], "v2");
    let revs = e["revisions"].as_array().unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[0]["entry"]["body"], "first body");
    assert_eq!(revs[1]["entry"]["body"], "second body");

    v.ok(&["delete", &id]);
    assert!(v.json(&["list", "--json"]).as_array().unwrap().is_empty());
    let trash = v.json(&["trash", "list", "--json"]);
    assert_eq!(trash[0]["id"], id.as_str());
    let out = v.run(&["edit", &id, "--title", "v3"]);
    assert!(stderr(&out).contains("in the trash"));
    v.ok(&["trash", "restore", &id]);
    assert_eq!(v.json(&["list", "--json"]).as_array().unwrap().len(), 1);

    v.ok(&["delete", &id]);
    let out = v.ok(&["trash", "empty"]);
    assert!(out.contains("Deleted 1 entry"));
    let out = v.run(&["show", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no entry with that id"));
}

#[test]
fn action_items_stay_open_until_done() {
    let v = Vault::new();
    v.ok(&["person", "add", "Priya Raman"]);
    let out = v.run(&["todo", "add", "--with", "Nobody", "send", "notes"]);
    assert!(stderr(&out).contains("no person with that name"));
    let entry = v.log(&[
        "one-on-one",
        "--with",
        "Priya Raman",
        "--body",
        "promotion case",
    ]);
    let a = v.ok(&[
        "todo",
        "add",
        "--with",
        "priya raman",
        "--due",
        "2025-04-01",
        "--owner",
        "them",
        "--entry",
        &entry,
        "draft",
        "the",
        "promotion",
        "doc",
    ]);
    let a = a.trim();
    v.ok(&["todo", "add", "--with", "Priya Raman", "book skip-level"]);
    let open = v.json(&["todo", "list", "--open", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 2);
    assert_eq!(open[0]["text"], "draft the promotion doc");
    assert_eq!(open[0]["owner"], "them");
    assert_eq!(open[0]["entry_id"], entry.as_str());
    v.ok(&["todo", "done", a]);
    let open = v.json(&[
        "todo",
        "list",
        "--open",
        "--person",
        "Priya Raman",
        "--json",
    ]);
    assert_eq!(open.as_array().unwrap().len(), 1);
    let all = v.json(&["todo", "list", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert!(all[1]["done_at"].is_string());
}

#[test]
fn demo_fills_a_new_journal_and_prints_its_passphrase() {
    let v = Vault::empty();
    let mut c = v.cmd(&["demo", "--entries", "300", "--until", "2026-06-30"]);
    c.env_remove("CANDOR_PASSPHRASE");
    let out = v.run_with(c, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Passphrase: candor-demo-passphrase"),
        "{text}"
    );
    let mut c = v.cmd(&["list", "--json"]);
    c.env("CANDOR_PASSPHRASE", "candor-demo-passphrase");
    let out = v.run_with(c, None);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 300);
    assert_eq!(list[0]["date"], "2026-06-30", "the demo ends on --until");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let v = Vault::new();
    for i in 0..3 {
        v.log(&["note", "--title", &format!("note {i}"), "--body", "x"]);
    }
    let mut c = v.cmd(&["list"]);
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    // Close our end of the pipe at once, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
}
