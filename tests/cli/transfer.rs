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
    let goal = v.ok(&[
        "goal",
        "add",
        "--with",
        "Priya Raman",
        "--kind",
        "career",
        "--due",
        "2026-12-01",
        "--description",
        "Lead the migration.",
        "Staff path",
    ]);
    let one = v.json(&[
        "list",
        "--person",
        "Priya Raman",
        "--kind",
        "one-on-one",
        "--json",
    ]);
    v.ok(&["goal", "link", goal.trim(), one[0]["id"].as_str().unwrap()]);
    v.ok(&[
        "goal",
        "add",
        "--with",
        "Old Colleague",
        "Hand over the wiki",
    ]);
    let dir = root(&v).join("md");
    let out = v.run(&["export", "markdown", s(&dir)]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("NOT encrypted"));
    let mut files = Vec::new();
    crate::support::walk(&dir, &mut |p| {
        files.push(p.strip_prefix(&dir).unwrap().to_path_buf())
    });
    files.sort();
    // Three entries, Sam's loose action items, a note per person and one per goal.
    assert_eq!(files.len(), 9, "{files:?}");
    let one = files.iter().find(|f| f.starts_with("Priya Raman")).unwrap();
    let text = std::fs::read_to_string(dir.join(one)).unwrap();
    assert!(text.starts_with("---\nid: "), "{text}");
    assert!(
        text.contains("\ndate: 2025-03-04\nkind: one-on-one\nperson: \"[[Priya Raman]]\"\n"),
        "{text}"
    );
    assert!(
        text.contains("- [ ] Draft the plan (them, due 2025-03-20)"),
        "{text}"
    );
    assert!(dir.join("Sam Lee").join("Action items.md").exists());
    assert!(dir.join("Journal").is_dir());
    let priya = std::fs::read_to_string(dir.join("People/Priya Raman.md")).unwrap();
    assert!(priya.contains("role: \"Staff engineer\"\nrelationship: report\ncadence_days: 7\n"));

    let w = Vault::new();
    let r = w.json(&["import", "markdown", s(&dir), "--json"]);
    assert_eq!(r["entries"], 3, "{r}");
    assert_eq!(r["action_items"], 2, "{r}");
    assert_eq!(r["people"], 3, "{r}");
    // People come back with their details: role, relationship, cadence, archived.
    assert_eq!(
        w.json(&["person", "list", "--all", "--json"]),
        v.json(&["person", "list", "--all", "--json"])
    );
    // Goals too, with their details and check-ins, the one no entry checks in on as well.
    assert_eq!(r["goals"], 2, "{r}");
    assert_eq!(
        w.json(&["goal", "list", "--json"]),
        v.json(&["goal", "list", "--json"])
    );
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
            {"date": "2024-01-01", "time": "09:00", "title": "Standup 0. Notes about @project0.", "body": "Second line.", "tags": ["@project0"], "starred": false},
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

/// A jrnl file written after jrnl's own test journals: a `[2019-07 14:23]` date line (which
/// jrnl reads as the first of July) starts an entry, titles split as jrnl splits them, so
/// jrnl's JSON export of the same journal adds nothing, and `@c++` and `@c#` stay apart.
#[test]
fn jrnl_files_come_in_as_jrnl_reads_them() {
    let v = Vault::new();
    let plain = root(&v).join("mostlyreadable.txt");
    std::fs::write(
        &plain,
        "[2019-07-18 14:23] The first entry\nPaired on @c++ with Ana. Good.\n\n\
         [2019-07-19 14:23] The second entry\nMore #C# work. Or not?\n\n\
         [2019-07 14:23] The third entry\nCrossed timelines.\n\
         [2019-13-45 10:00] a line that looks like a date\n\n\
         [2019-07-20 09:00] One line. Then the body @x.\n",
    )
    .unwrap();
    let r = v.json(&["import", "jrnl", s(&plain), "--json"]);
    assert_eq!(r["entries"], 4, "{r}");
    assert_eq!(r["notices"].as_array().unwrap().len(), 1, "{r}");
    assert_eq!(r["notices"][0]["item"], "line 9", "{r}");
    let out = v.ok(&["import", "jrnl", s(&plain)]);
    assert!(
        out.contains("Check 1:") && out.contains("line 9: starts like"),
        "{out}"
    );

    let list = v.json(&["list", "--json"]);
    let by_title = |t: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|e| e["title"] == t)
            .unwrap_or_else(|| panic!("no entry {t}: {list}"))
            .clone()
    };
    assert_eq!(by_title("The third entry")["date"], "2019-07-01");
    assert_eq!(
        by_title("The first entry")["tags"],
        serde_json::json!(["c++"])
    );
    assert_eq!(
        by_title("The second entry")["tags"],
        serde_json::json!(["c#"])
    );
    assert_eq!(by_title("One line.")["body"], "Then the body @x.");

    // jrnl's JSON export of that journal: the same four entries, nothing new.
    let json = root(&v).join("mostlyreadable.json");
    std::fs::write(
        &json,
        r##"{"tags": {"@c++": 1, "#c#": 1, "@x": 1}, "entries": [
          {"title": "The third entry", "body": "Crossed timelines.\n[2019-13-45 10:00] a line that looks like a date", "date": "2019-07-01", "time": "14:23", "tags": [], "starred": false},
          {"title": "The first entry", "body": "Paired on @c++ with Ana. Good.", "date": "2019-07-18", "time": "14:23", "tags": ["@c++"], "starred": false},
          {"title": "The second entry", "body": "More #C# work. Or not?", "date": "2019-07-19", "time": "14:23", "tags": ["#c#"], "starred": false},
          {"title": "One line.", "body": "Then the body @x.", "date": "2019-07-20", "time": "09:00", "tags": ["@x"], "starred": false}
        ]}"##,
    )
    .unwrap();
    let r = v.json(&["import", "jrnl", s(&json), "--json"]);
    assert_eq!(r["entries"], 0, "{r}");
    assert_eq!(v.json(&["list", "--json"]).as_array().unwrap().len(), 4);
}

/// An entry written at 23:30 in Los Angeles is dated that day whatever the time zone of
/// the machine that imports it.
#[test]
fn day_one_dates_follow_each_entrys_time_zone_not_the_machines() {
    for tz in ["Pacific/Auckland", "America/New_York", "UTC"] {
        let v = Vault::new();
        let file = root(&v).join("Journal.json");
        std::fs::write(
            &file,
            r#"{"metadata": {"version": "1.0"}, "entries": [
                {"uuid": "E1", "creationDate": "2024-03-10T07:30:00Z", "timeZone": "America/Los_Angeles",
                 "text": "Late one-on-one notes", "location": {"placeName": "Office"},
                 "photos": [{"identifier": "P1"}]},
                {"uuid": "E2", "creationDate": "2024-03-10T07:30:00Z", "timeZone": "Asia/Tokyo",
                 "text": "Morning", "photos": [{"identifier": "P2"}]}
            ]}"#,
        )
        .unwrap();
        let mut c = v.cmd(&["import", "dayone", s(&file), "--json"]);
        c.env("TZ", tz);
        let out = v.run_with(c, None);
        assert!(out.status.success(), "{tz}: {}", stderr(&out));
        let r: Value = serde_json::from_slice(&out.stdout).unwrap();
        let rows = r["not_carried"].as_array().unwrap();
        let row = |f: &str| rows.iter().find(|n| n["field"] == f).cloned();
        assert_eq!(row("photos").unwrap()["count"], 2, "{r}");
        assert_eq!(row("location").unwrap()["count"], 1, "{r}");
        let mut c = v.cmd(&["list", "--json"]);
        c.env("TZ", tz);
        let list: Value = serde_json::from_slice(&v.run_with(c, None).stdout).unwrap();
        let date = |t: &str| {
            list.as_array()
                .unwrap()
                .iter()
                .find(|e| e["title"] == t)
                .unwrap()["date"]
                .clone()
        };
        assert_eq!(date("Late one-on-one notes"), "2024-03-09", "TZ={tz}");
        assert_eq!(date("Morning"), "2024-03-10", "TZ={tz}");
        // The zone it was written in is kept with it.
        let id = |t: &str| {
            list.as_array()
                .unwrap()
                .iter()
                .find(|e| e["title"] == t)
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let shown = v.ok(&["show", &id("Late one-on-one notes")]);
        assert!(
            shown.contains("Written in America/Los_Angeles (UTC−08:00)"),
            "{shown}"
        );
        let tokyo = v.json(&["show", &id("Morning"), "--json"]);
        assert_eq!(tokyo["utc_offset_minutes"], 540);
        assert_eq!(tokyo["time_zone"], "Asia/Tokyo");
    }
}

/// Each importer names a file meant for another, a zip or an encrypted jrnl journal, and
/// writes nothing.
#[test]
fn the_wrong_importer_is_named_and_nothing_is_written() {
    let v = Vault::new();
    v.log(&["note", "--body", "already here"]);
    let dir = root(&v).join("wrong");
    std::fs::create_dir_all(&dir).unwrap();
    let dayone = dir.join("Journal.json");
    std::fs::write(
        &dayone,
        r#"{"entries": [{"uuid": "A", "creationDate": "2024-01-01T10:00:00Z", "text": "x"}]}"#,
    )
    .unwrap();
    let jrnl = dir.join("journal.txt");
    std::fs::write(&jrnl, "[2024-01-01 10:00] Hi\nthere\n").unwrap();
    let zip = dir.join("export.zip");
    std::fs::write(&zip, b"PK\x03\x04\x14\x00\x00\x00Journal.json").unwrap();
    let v3 = dir.join("secret.journal");
    std::fs::write(&v3, b"JRNLv3\x00\x02{}gAAAAAB").unwrap();
    let v2 = dir.join("old.journal");
    std::fs::write(&v2, "gAAAAABhZ2VzX3RoaXNfaXNfbm90X3JlYWw=\n").unwrap();
    let cases: Vec<(&str, &Path, &str)> = vec![
        ("jrnl", &dayone, "use `candor import dayone`"),
        ("json", &dayone, "use `candor import dayone`"),
        ("markdown", &dayone, "use `candor import dayone`"),
        ("dayone", &jrnl, "use `candor import jrnl`"),
        ("jrnl", &zip, "is a zip archive"),
        ("dayone", &zip, "is not a valid Day One export zip"),
        ("jrnl", &v3, "encrypted jrnl journal"),
        ("jrnl", &v2, "encrypted jrnl journal"),
        ("jrnl", &dir, "candor import markdown"),
    ];
    for (kind, file, needle) in cases {
        let before = snapshot(&v.dir);
        let out = v.run(&["import", kind, s(file)]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{kind}: {err}");
        assert!(err.contains(needle), "{kind} {}: {err}", file.display());
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert_eq!(before, snapshot(&v.dir), "{kind}: nothing written");
    }
}

/// `import obsidian` and `import joplin` are the Markdown importer under the names people
/// look for; the human report lists what did not come over, per field, with counts.
#[test]
fn obsidian_and_joplin_folders_import_with_a_report() {
    let v = Vault::new();
    let vault_dir = root(&v).join("obsidian-vault");
    std::fs::create_dir_all(vault_dir.join("Team")).unwrap();
    std::fs::write(
        vault_dir.join("Team/Retro.md"),
        "---\nDate: 2024-02-03\nTags: retro\naliases: [S9]\n---\nSee [[Plan]] and ![[board.png]].\n",
    )
    .unwrap();
    std::fs::write(vault_dir.join("Team/board.png"), [0x89u8, b'P']).unwrap();
    let out = v.ok(&["import", "obsidian", s(&vault_dir)]);
    assert!(out.contains("Imported 1 entries"), "{out}");
    assert!(out.contains("Not carried over ("), "{out}");
    assert!(
        out.contains("  aliases (1): kept as a Properties list"),
        "{out}"
    );
    assert!(
        out.contains("  attachments (1): the linked files are not carried over"),
        "{out}"
    );
    assert!(
        out.contains("  files (1): in the folder but not Markdown notes"),
        "{out}"
    );
    let list = v.json(&["list", "--json"]);
    assert_eq!(list[0]["date"], "2024-02-03");
    assert_eq!(list[0]["tags"], serde_json::json!(["retro", "team"]));

    let joplin = root(&v).join("joplin");
    std::fs::create_dir_all(&joplin).unwrap();
    std::fs::write(
        joplin.join("Weekly.md"),
        "---\ntitle: Weekly\ncreated: 2019-05-01 16:54\ntags:\n  - team\n---\n\nNotes.\n",
    )
    .unwrap();
    let r = v.json(&["import", "joplin", s(&joplin), "--json"]);
    assert_eq!(r["entries"], 1, "{r}");
    let list = v.json(&["list", "--json"]);
    let weekly = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Weekly")
        .unwrap();
    assert_eq!(weekly["date"], "2019-05-01");
}

/// Wikilinks between the notes of an Obsidian vault become links between the entries:
/// `candor show` lists them both ways, and a link to a note not imported is reported.
#[test]
fn obsidian_links_between_notes_are_shown() {
    let v = Vault::new();
    let vault_dir = root(&v).join("linked-vault");
    std::fs::create_dir_all(vault_dir.join("Plans")).unwrap();
    std::fs::write(
        vault_dir.join("Retro.md"),
        "---\ndate: 2024-02-03\n---\nFollow-ups in [[q1 plan|the plan]]; see [[Missing note]].\n",
    )
    .unwrap();
    std::fs::write(
        vault_dir.join("Plans/Q1 plan.md"),
        "---\ndate: 2024-02-01\n---\nShip the ledger.\n",
    )
    .unwrap();
    let out = v.ok(&["import", "obsidian", s(&vault_dir)]);
    assert!(out.contains("Imported 2 entries"), "{out}");
    assert!(
        out.contains("  wikilinks (1): to notes not in the import"),
        "{out}"
    );
    let list = v.json(&["list", "--json"]);
    let id = |title: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|e| e["title"] == title)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (retro, plan) = (id("Retro"), id("Q1 plan"));
    let shown = v.ok(&["show", &retro]);
    assert!(
        shown.contains(&format!("Links to: 2024-02-01 Q1 plan ({plan})")),
        "{shown}"
    );
    let shown = v.ok(&["show", &plan]);
    assert!(
        shown.contains(&format!("Linked from: 2024-02-03 Retro ({retro})")),
        "{shown}"
    );
    let j = v.json(&["show", &plan, "--json"]);
    assert_eq!(j["linked_from"][0]["id"], retro.as_str());
    // Importing the vault again adds no entry and no second link.
    let again = v.json(&["import", "obsidian", s(&vault_dir), "--json"]);
    assert_eq!(again["entries"], 0, "{again}");
    assert_eq!(
        v.json(&["show", &retro, "--json"])["links_to"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The JSON export carries the link.
    let file = root(&v).join("linked.json");
    v.ok(&["export", "json", s(&file)]);
    let export: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(export["links"][0]["from"], retro.as_str());
    assert_eq!(export["links"][0]["to"], plan.as_str());
}

/// `candor import dayone` reads Day One's export zip as it is: the journals in it come in
/// once, and the photos and other media files are counted as not carried over.
#[test]
fn a_day_one_export_zip_imports_as_it_is() {
    use std::io::Write;
    let v = Vault::new();
    let zip_path = root(&v).join("Export-All Journals.zip");
    {
        let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("Journal.json", opts).unwrap();
        w.write_all(
            br#"{"metadata": {"version": "1.0"}, "entries": [
            {"uuid": "1A2B3C4D5E6F708192A3B4C5D6E7F809", "creationDate": "2024-03-10T07:30:00Z",
             "timeZone": "America/Los_Angeles", "starred": true, "tags": ["team"],
             "text": "Team offsite\n\n![](dayone-moment://3F2E1D0C9B8A79685746352413021F0E)\n\nGood energy\\.",
             "photos": [{"identifier": "3F2E1D0C9B8A79685746352413021F0E", "md5": "e2fc714c4727ee9395f324cd2e7f331f", "type": "jpeg"}]}
        ]}"#,
        )
        .unwrap();
        w.start_file("photos/e2fc714c4727ee9395f324cd2e7f331f.jpeg", opts)
            .unwrap();
        w.write_all(&[0xff, 0xd8, 0xff, 0xe0]).unwrap();
        w.finish().unwrap();
    }
    let out = v.ok(&["import", "dayone", s(&zip_path)]);
    assert!(out.contains("Imported 1 entries"), "{out}");
    assert!(
        out.contains("  photos (files in the zip) (1): not imported"),
        "{out}"
    );
    let list = v.json(&["list", "--json"]);
    assert_eq!(list[0]["title"], "Team offsite");
    assert_eq!(list[0]["date"], "2024-03-09");
    let again = v.json(&["import", "dayone", s(&zip_path), "--json"]);
    assert_eq!(again["entries"], 0, "{again}");
}
