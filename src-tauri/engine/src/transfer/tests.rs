#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use secrecy::SecretString;

use super::*;
use crate::model::{
    ActionFilter, Direction, EntryFilter, EntryPatch, FeedbackInput, Kind, NewAction, NewEntry,
    NewPerson, Owner, Relationship,
};
use crate::vault;

pub(super) fn journal(dir: &Path) -> Journal {
    vault::create(dir, &SecretString::from("journal passphrase".to_string()))
        .unwrap()
        .0
}

/// A journal with every kind of thing in it.
pub(super) fn filled(dir: &Path) -> Journal {
    let mut j = journal(dir);
    j.add_person(&NewPerson {
        name: "Priya Raman".into(),
        role: Some("Staff engineer".into()),
        relationship: Relationship::Report,
        cadence_days: Some(7),
    })
    .unwrap();
    j.add_person(&NewPerson::named("Old Colleague")).unwrap();
    j.set_archived("Old Colleague", true).unwrap();
    let e = j
        .log(NewEntry {
            kind: Some(Kind::OneOnOne),
            date: chrono::NaiveDate::from_ymd_opt(2025, 3, 4),
            person: Some("Priya Raman".into()),
            title: Some("Career: the \"next\" step".into()),
            body: "She wants more scope.\n\n- lead the migration\n".into(),
            tags: vec!["career".into(), "growth".into()],
            mood: Some(4),
            ..Default::default()
        })
        .unwrap();
    j.edit(
        &e.id,
        EntryPatch {
            body: Some("She wants more scope; we agreed on the migration.".into()),
            ..Default::default()
        },
    )
    .unwrap();
    j.log(NewEntry {
        kind: Some(Kind::Feedback),
        date: chrono::NaiveDate::from_ymd_opt(2025, 3, 5),
        person: Some("Priya Raman".into()),
        body: "Great incident write-up".into(),
        feedback: FeedbackInput {
            direction: Some(Direction::Praise),
            situation: Some("The outage review".into()),
            behavior: Some("Wrote a clear timeline".into()),
            impact: Some("Everyone: learned".into()),
            planned: Some(true),
            ..Default::default()
        },
        ..Default::default()
    })
    .unwrap();
    j.log(NewEntry {
        kind: Some(Kind::Reflection),
        date: chrono::NaiveDate::from_ymd_opt(2025, 3, 6),
        body: "I talked too much in meetings this week.".into(),
        ..Default::default()
    })
    .unwrap();
    let trashed = j
        .log(NewEntry {
            body: "a note for the trash".into(),
            ..Default::default()
        })
        .unwrap();
    j.delete(&trashed.id).unwrap();
    let a = j
        .add_action(&NewAction {
            person: "Priya Raman".into(),
            text: "Draft the migration plan".into(),
            owner: Owner::Them,
            due: chrono::NaiveDate::from_ymd_opt(2025, 3, 20),
            entry_id: Some(e.id.clone()),
        })
        .unwrap();
    j.complete_action(&a.id).unwrap();
    j.add_action(&NewAction {
        person: "Priya Raman".into(),
        text: "Find a mentor for her".into(),
        owner: Owner::Me,
        due: None,
        entry_id: None,
    })
    .unwrap();
    j
}

fn no_progress() -> impl FnMut(usize, usize) {
    |_, _| {}
}

pub(super) fn comparable(j: &Journal) -> serde_json::Value {
    let mut v = serde_json::to_value(JsonExport::of(j).unwrap()).unwrap();
    v["exported_at"] = serde_json::Value::Null;
    v
}

#[test]
fn json_round_trip_is_lossless_and_idempotent() {
    let d = tempfile::tempdir().unwrap();
    let src = filled(&d.path().join("a"));
    let file = d.path().join("export.json");
    assert_eq!(export_json(&src, &file).unwrap(), 4);
    assert!(matches!(
        export_json(&src, &file),
        Err(TransferError::Exists(_))
    ));
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"schema_version\": 1"));

    let mut dst = journal(&d.path().join("b"));
    let r = import(&mut dst, Source::Json, &file, &mut no_progress()).unwrap();
    assert_eq!(
        (r.people, r.entries, r.revisions, r.action_items),
        (2, 4, 1, 2)
    );
    assert!(r.skipped.is_empty());
    assert_eq!(comparable(&dst), comparable(&src));
    // The search index saw the imported entries.
    assert_eq!(dst.search("migration", 10).unwrap().total, 1);

    let again = import(&mut dst, Source::Json, &file, &mut no_progress()).unwrap();
    assert_eq!((again.people, again.entries, again.action_items), (0, 0, 0));
    assert_eq!(again.skipped.len(), 2 + 4 + 2);
    assert_eq!(comparable(&dst), comparable(&src));
}

#[test]
fn json_import_is_all_or_nothing_and_checks_the_file() {
    let d = tempfile::tempdir().unwrap();
    let src = filled(&d.path().join("a"));
    let export = JsonExport::of(&src).unwrap();
    let mut dst = journal(&d.path().join("b"));
    let before = comparable(&dst);
    // A failure after everything was inserted (a full disk, say) leaves nothing behind.
    let failed = apply::in_one_transaction(&mut dst, |tx| {
        let r = json::apply(tx, export.clone(), &mut no_progress())?;
        assert_eq!(r.entries, 4);
        Err::<(), _>(TransferError::Exists("simulated failure".into()))
    });
    assert!(failed.is_err());
    assert_eq!(comparable(&dst), before, "nothing was written");
    assert_eq!(dst.search("migration", 10).unwrap().total, 0);

    let file = d.path().join("broken.json");
    let mut export = serde_json::to_value(&export).unwrap();
    export["schema_version"] = 99.into();
    fs::write(&file, serde_json::to_vec(&export).unwrap()).unwrap();
    assert!(matches!(
        import(&mut dst, Source::Json, &file, &mut no_progress()),
        Err(TransferError::TooNew { found: 99, .. })
    ));
    fs::write(&file, "{not json").unwrap();
    assert!(matches!(
        import(&mut dst, Source::Json, &file, &mut no_progress()),
        Err(TransferError::BadFile { .. })
    ));
    fs::write(
        &file,
        r#"{"format": "something-else", "schema_version": 1}"#,
    )
    .unwrap();
    assert!(matches!(
        import(&mut dst, Source::Json, &file, &mut no_progress()),
        Err(TransferError::BadFile { .. })
    ));
}

#[test]
fn markdown_export_reads_back() {
    let d = tempfile::tempdir().unwrap();
    let src = filled(&d.path().join("a"));
    let out = d.path().join("md");
    let rep = export_markdown(&src, &out, &mut no_progress()).unwrap();
    assert_eq!(rep.entries, 3);
    assert_eq!(rep.action_items, 2);
    assert!(matches!(
        export_markdown(&src, &out, &mut no_progress()),
        Err(TransferError::NotEmpty(_))
    ));
    let priya: Vec<_> = fs::read_dir(out.join("Priya Raman"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(priya.len(), 3, "{priya:?}");
    assert!(priya.contains(&"Action items.md".to_string()));
    let one = priya
        .iter()
        .find(|n| n.starts_with("2025-03-04 Career- the -next- step ("))
        .unwrap();
    let text = fs::read_to_string(out.join("Priya Raman").join(one)).unwrap();
    assert!(text.starts_with("---\nid: "));
    // The person is a link to her note, which holds her details.
    assert!(text.contains("kind: one-on-one\nperson: \"[[Priya Raman]]\"\n"));
    let note = fs::read_to_string(out.join("People/Priya Raman.md")).unwrap();
    assert!(note.starts_with("---\ntype: person\nid: "), "{note}");
    assert!(note.contains(
        "name: \"Priya Raman\"\nrole: \"Staff engineer\"\nrelationship: report\n\
         cadence_days: 7\narchived: false\n"
    ));
    assert!(fs::read_to_string(out.join("People/Old Colleague.md"))
        .unwrap()
        .contains("archived: true\n"));
    assert!(text.contains("tags: [\"career\", \"growth\"]\nmood: 4\n"));
    assert!(text
        .contains("\n## Action items\n\n- [x] Draft the migration plan (them, due 2025-03-20)\n"));
    let fb = fs::read_dir(out.join("Priya Raman"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|t| t.contains("kind: feedback"))
        .unwrap();
    assert!(fb.contains(
        "direction: praise\nreceived: false\nplanned: true\nsituation: \"The outage review\""
    ));
    assert!(out.join("Journal").is_dir());

    let mut dst = journal(&d.path().join("b"));
    let r = import(&mut dst, Source::Markdown, &out, &mut no_progress()).unwrap();
    assert_eq!((r.entries, r.action_items), (3, 2), "{:?}", r.skipped);
    // Everyone comes back with their details and ids, the archived colleague too.
    assert_eq!(r.people, 2);
    assert_eq!(
        comparable(&dst)["people"],
        comparable(&src)["people"],
        "people differ"
    );
    let strip = |j: &Journal| {
        j.entries(&EntryFilter::default())
            .unwrap()
            .into_iter()
            .map(|e| {
                (
                    e.id,
                    e.date,
                    e.kind,
                    e.person,
                    e.title,
                    e.body,
                    e.tags,
                    e.mood,
                    e.feedback,
                    e.created_at,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&dst), strip(&src));
    let actions = |j: &Journal| {
        let mut v: Vec<_> = j
            .actions(&ActionFilter::default())
            .unwrap()
            .into_iter()
            .map(|a| {
                (
                    a.person,
                    a.text,
                    a.owner,
                    a.due,
                    a.done_at.is_some(),
                    a.entry_id,
                )
            })
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v
    };
    assert_eq!(actions(&dst), actions(&src));
    let again = import(&mut dst, Source::Markdown, &out, &mut no_progress()).unwrap();
    assert_eq!((again.entries, again.action_items), (0, 0));
}

#[test]
fn plain_markdown_notes_import() {
    let d = tempfile::tempdir().unwrap();
    let notes = d.path().join("notes");
    fs::create_dir_all(notes.join("sub")).unwrap();
    fs::create_dir_all(notes.join(".obsidian")).unwrap();
    fs::write(notes.join(".obsidian/app.md"), "ignored").unwrap();
    fs::write(
        notes.join("2024-01-02 standup.md"),
        "# Standup notes\n\nAll good.\n",
    )
    .unwrap();
    fs::write(
        notes.join("sub/with-fm.md"),
        "---\ntitle: Planning\ndate: 2024-02-03\ntags:\n  - planning\n  - q1\nperson: Sam Lee\nkind: 1on1\n---\nWe planned.\n",
    )
    .unwrap();
    fs::write(notes.join("empty.md"), "\n\n").unwrap();
    fs::write(notes.join("binary.md"), [0xff, 0xfe, 0x00]).unwrap();
    fs::write(notes.join("readme.txt"), "not markdown").unwrap();
    let mut j = journal(&d.path().join("j"));
    let r = import(&mut j, Source::Markdown, &notes, &mut no_progress()).unwrap();
    assert_eq!((r.entries, r.people), (3, 1), "{:?}", r.skipped);
    assert_eq!(r.skipped.len(), 1, "{:?}", r.skipped);
    assert_eq!(r.skipped[0].item, "binary.md");
    let all = j.entries(&EntryFilter::default()).unwrap();
    let standup = all.iter().find(|e| e.title == "Standup notes").unwrap();
    assert_eq!(standup.date.to_string(), "2024-01-02");
    assert_eq!(standup.body, "All good.\n");
    let planning = all.iter().find(|e| e.title == "Planning").unwrap();
    assert_eq!(planning.kind, Kind::OneOnOne);
    assert_eq!(planning.person.as_deref(), Some("Sam Lee"));
    // Its folder is a tag too.
    assert_eq!(planning.tags, vec!["planning", "q1", "sub"]);
    // readme.txt is counted as a file not carried over.
    assert_eq!(r.not_carried.len(), 1, "{:?}", r.not_carried);
    assert_eq!(
        (r.not_carried[0].field.as_str(), r.not_carried[0].count),
        ("files", 1)
    );
    // The empty file has a title (its name) and no text: imported as a titled note.
    assert!(all.iter().any(|e| e.title == "empty"));
    let again = import(&mut j, Source::Markdown, &notes, &mut no_progress()).unwrap();
    assert_eq!(again.entries, 0);
}

#[test]
fn jrnl_and_day_one_import_once() {
    let d = tempfile::tempdir().unwrap();
    let mut j = journal(&d.path().join("j"));
    let plain = d.path().join("journal.txt");
    fs::write(
        &plain,
        "[2025-01-02 09:00] Kickoff with the team. It went well @team.\nMore notes.\n\n[2025-01-03 14:30] Quiet day *\n",
    )
    .unwrap();
    let r = import(&mut j, Source::Jrnl, &plain, &mut no_progress()).unwrap();
    assert_eq!(r.entries, 2);
    // The same entries through jrnl's JSON export (where jrnl makes the whole first line
    // of a multi-line entry its title) are recognised as already imported.
    let json = d.path().join("jrnl.json");
    fs::write(
        &json,
        r#"{"tags": {"@team": 1}, "entries": [
            {"date": "2025-01-02", "time": "09:00", "title": "Kickoff with the team. It went well @team.", "body": "More notes.", "tags": ["@team"], "starred": false},
            {"date": "2025-01-04", "time": "08:00", "title": "New one.", "body": "", "tags": [], "starred": false}
        ]}"#,
    )
    .unwrap();
    let r = import(&mut j, Source::Jrnl, &json, &mut no_progress()).unwrap();
    assert_eq!(r.entries, 1);
    assert_eq!(r.skipped.len(), 1);
    let kickoff = j
        .entries(&EntryFilter::default())
        .unwrap()
        .into_iter()
        .find(|e| e.title == "Kickoff with the team. It went well @team.")
        .unwrap();
    assert_eq!(kickoff.tags, vec!["team"]);
    assert_eq!(kickoff.kind, Kind::Note);

    let dayone = d.path().join("Journal.json");
    fs::write(
        &dayone,
        r#"{"metadata": {"version": "1.0"}, "entries": [
            {"uuid": "0F1E", "creationDate": "2024-05-06T12:00:00Z", "text": "Offsite\nWe planned Q3.", "tags": ["work"]}
        ]}"#,
    )
    .unwrap();
    assert_eq!(
        import(&mut j, Source::DayOne, &dayone, &mut no_progress())
            .unwrap()
            .entries,
        1
    );
    assert_eq!(
        import(&mut j, Source::DayOne, &dayone, &mut no_progress())
            .unwrap()
            .entries,
        0
    );
    assert_eq!(j.counts().unwrap().entries, 4);
    assert_eq!(j.search("offsite", 5).unwrap().total, 1);
    fs::write(&plain, "no entries here\n").unwrap();
    assert!(matches!(
        import(&mut j, Source::Jrnl, &plain, &mut no_progress()),
        Err(TransferError::BadFile { .. })
    ));
}

/// A folder as Joplin's "Markdown + Front Matter" export and an Obsidian vault leave it,
/// written for this test after their documentation.
#[test]
fn joplin_and_obsidian_notes_import_whole() {
    let d = tempfile::tempdir().unwrap();
    let notes = d.path().join("vault");
    fs::create_dir_all(notes.join("Work/One on ones")).unwrap();
    fs::create_dir_all(notes.join("_resources")).unwrap();
    fs::write(notes.join("_resources/ab12.png"), [0x89, b'P', b'N', b'G']).unwrap();
    // Joplin: `created:` in UTC, tags as a block list, its own other keys.
    fs::write(
        notes.join("Work/One on ones/Priya.md"),
        "---\ntitle: Priya weekly\nupdated: 2019-05-02 09:00:00Z\ncreated: 2019-05-01 16:54\nauthor: Me\nlatitude: 52.37\ntags:\n  - career\n  - Promotion\n---\n\nShe wants the tech lead role. ![](../../_resources/ab12.png)\n",
    )
    .unwrap();
    // Obsidian: capitalised keys, inline tags, aliases, wikilinks.
    fs::write(
        notes.join("Work/Retro.md"),
        "---\nDate: 2024-02-03T17:00:00+01:00\nTags: retro, team\naliases: [Sprint 9 retro, S9]\n---\nSee [[Priya weekly|Priya]] and ![[board.jpg]]. #Follow-up\n",
    )
    .unwrap();
    fs::write(
        notes.join("Blog post.md"),
        "---\npublished: 2023-11-20\nID: 20231120\nkind: essay\nmood: 9\n---\nA post.\n",
    )
    .unwrap();
    // A template left unfilled: reported, and the note dated otherwise.
    fs::write(
        notes.join("2022-03-04 Template.md"),
        "---\ncreated: \"{{date}}\"\n---\nFrom a template.\n",
    )
    .unwrap();
    // Two notes with the same title and text in two folders are two notes.
    fs::create_dir_all(notes.join("A")).unwrap();
    fs::create_dir_all(notes.join("B")).unwrap();
    for f in ["A/Todo.md", "B/Todo.md"] {
        fs::write(
            notes.join(f),
            "---\ntitle: Todo\ndate: 2024-01-01\n---\nSame text.\n",
        )
        .unwrap();
    }
    let mut j = journal(&d.path().join("j"));
    let r = import(&mut j, Source::Markdown, &notes, &mut no_progress()).unwrap();
    assert_eq!(r.entries, 6, "{r:?}");
    let all = j.entries(&EntryFilter::default()).unwrap();
    let find = |t: &str| all.iter().find(|e| e.title == t).unwrap();
    let priya = find("Priya weekly");
    assert_eq!(priya.date.to_string(), "2019-05-01");
    assert_eq!(
        priya.tags,
        vec!["career", "promotion", "work", "one-on-ones"]
    );
    // No zone: this machine's time, stored as a timestamp (never the text as written).
    assert!(priya.created_at.starts_with("2019-05-0") && priya.created_at.ends_with(":54:00.000Z"));
    assert_eq!(priya.updated_at, "2019-05-02T09:00:00.000Z");
    assert!(
        priya.body.contains("- author: Me\n- latitude: 52.37"),
        "{}",
        priya.body
    );
    let retro = find("Retro");
    assert_eq!(retro.date.to_string(), "2024-02-03");
    assert_eq!(retro.created_at, "2024-02-03T16:00:00.000Z");
    assert_eq!(retro.tags, vec!["retro", "team", "follow-up", "work"]);
    assert!(
        retro.body.ends_with("- aliases: Sprint 9 retro, S9\n"),
        "{}",
        retro.body
    );
    let post = find("Blog post");
    assert_eq!(post.date.to_string(), "2023-11-20");
    assert_eq!(post.kind, Kind::Note);
    // Values Candor cannot use under keys it reads are kept, not dropped.
    assert!(
        post.body
            .ends_with("- ID: 20231120\n- kind: essay\n- mood: 9\n"),
        "{}",
        post.body
    );
    let template = find("2022-03-04 Template");
    assert_eq!(template.date.to_string(), "2022-03-04");
    assert!(!template.created_at.contains("{{"));
    assert_eq!(r.notices.len(), 1, "{:?}", r.notices);
    assert!(r.notices[0].reason.contains("`created:`"));
    assert_eq!(all.iter().filter(|e| e.title == "Todo").count(), 2);
    let row = |f: &str| {
        r.not_carried
            .iter()
            .find(|n| n.field == f)
            .map(|n| n.count)
            .unwrap_or(0)
    };
    assert_eq!(row("attachments"), 2, "{:?}", r.not_carried);
    assert_eq!(row("files"), 1);
    assert_eq!(row("aliases"), 1);
    assert_eq!(row("author"), 1);
    assert_eq!(row("wikilinks"), 1);
    let again = import(&mut j, Source::Markdown, &notes, &mut no_progress()).unwrap();
    assert_eq!(again.entries, 0);
}

/// Every `.md` file under `dir`, as Obsidian finds link targets: by file name without
/// `.md`, whatever its case and folder.
pub(super) fn obsidian_targets(dir: &Path) -> (std::collections::HashSet<String>, Vec<String>) {
    let mut stems = std::collections::HashSet::new();
    let mut links = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            stems.insert(p.file_stem().unwrap().to_string_lossy().to_lowercase());
            // A link with a path (`[[Goals/Staff promotion]]`) is found by its path.
            let rel = p.strip_prefix(dir).unwrap().with_extension("");
            stems.insert(rel.to_string_lossy().to_lowercase());
            let text = fs::read_to_string(&p).unwrap();
            let mut rest = text.as_str();
            while let Some(i) = rest.find("[[") {
                let after = &rest[i + 2..];
                let end = after.find("]]").unwrap();
                let target = after[..end].split(['|', '#']).next().unwrap();
                links.push(target.to_lowercase());
                rest = &after[end + 2..];
            }
        }
    }
    (stems, links)
}

/// An Obsidian vault with links between its notes: imported, exported, opened as Obsidian
/// would (every wikilink finds its file), and imported again with every body as it was.
/// (A link with an alias comes back with its target spelled as the entry's title, which
/// Obsidian matches whatever the case.)
#[test]
fn wikilinks_resolve_in_the_export_and_come_back_as_they_were() {
    let d = tempfile::tempdir().unwrap();
    let vault_dir = d.path().join("vault");
    fs::create_dir_all(vault_dir.join("People")).unwrap();
    fs::write(
        vault_dir.join("People/Priya.md"),
        "---\ndate: 2024-01-10\ntags: [people]\n---\nGrowth plan, see [[q1 plan]] and [[Q1 plan#Goals|goals]].\n",
    )
    .unwrap();
    fs::write(
        vault_dir.join("Q1 plan.md"),
        "---\ndate: 2024-01-05\n---\n## Goals\nShip it. Owner: [[Priya]]. Not a note: [[Nowhere]].\n",
    )
    .unwrap();
    let mut first = journal(&d.path().join("a"));
    let r = import(&mut first, Source::Markdown, &vault_dir, &mut no_progress()).unwrap();
    assert_eq!(r.entries, 2);
    let out = d.path().join("export");
    export_markdown(&first, &out, &mut no_progress()).unwrap();
    let (stems, links) = obsidian_targets(&out);
    assert_eq!(links.len(), 4, "{links:?}");
    for l in links.iter().filter(|l| *l != "nowhere") {
        assert!(
            stems.contains(l),
            "[[{l}]] resolves to no file in {stems:?}"
        );
    }
    // The export's front matter names the title as an alias, for Obsidian's properties.
    let exported = fs::read_to_string(
        fs::read_dir(out.join("Journal"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains("Q1 plan"))
            .unwrap(),
    )
    .unwrap();
    assert!(exported.contains("aliases: [\"Q1 plan\"]\n"), "{exported}");

    let mut second = journal(&d.path().join("b"));
    let r = import(&mut second, Source::Markdown, &out, &mut no_progress()).unwrap();
    assert_eq!(r.entries, 2);
    let bodies = |j: &Journal| {
        let mut v: Vec<(String, String, Vec<String>)> = j
            .entries(&EntryFilter::default())
            .unwrap()
            .into_iter()
            .map(|e| (e.title, e.body, e.tags))
            .collect();
        v.sort();
        v
    };
    assert_eq!(bodies(&second), bodies(&first));
}
