//! Importing the same input again adds nothing, for every importer: the identity rule
//! (an id, Day One's uuid, a note's path and content, a jrnl entry's time and text) finds
//! each entry the second time, including entries that look alike.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use super::dayone_zip::tests::day_one_zip;
use super::tests::{filled, journal};
use super::*;

fn twice(j: &mut Journal, source: Source, path: &Path) -> (u64, u64) {
    let first = import(j, source, path, &mut |_, _| {}).unwrap();
    let count = j.counts().unwrap().entries;
    let again = import(j, source, path, &mut |_, _| {}).unwrap();
    assert_eq!(
        again.entries,
        0,
        "{source:?} {}: {:?}",
        path.display(),
        again
    );
    assert_eq!(again.people + again.action_items + again.goals, 0);
    assert_eq!(j.counts().unwrap().entries, count);
    (first.entries, again.skipped.len() as u64)
}

#[test]
fn every_importer_twice_adds_nothing() {
    let d = tempfile::tempdir().unwrap();
    let mut j = journal(&d.path().join("j"));

    // jrnl: two entries alike in every way (same minute, same text) are two entries, the
    // first time and only then.
    let plain = d.path().join("journal.txt");
    fs::write(
        &plain,
        "[2025-01-02 09:00] Standup.\n\n[2025-01-02 09:00] Standup.\n\n[2025-01-03 10:00] Retro @team.\n",
    )
    .unwrap();
    assert_eq!(twice(&mut j, Source::Jrnl, &plain), (3, 3));
    let jrnl_json = d.path().join("jrnl.json");
    fs::write(
        &jrnl_json,
        r#"{"tags": {}, "entries": [
            {"date": "2025-02-01", "time": "08:00", "title": "Plan.", "body": "", "tags": [], "starred": false},
            {"date": "2025-02-01", "time": "08:00", "title": "Plan.", "body": "", "tags": [], "starred": false}
        ]}"#,
    )
    .unwrap();
    assert_eq!(twice(&mut j, Source::Jrnl, &jrnl_json), (2, 2));

    // Day One: the JSON, then the zip holding the same journal (same uuids), then the zip
    // again.
    let journal_json = r#"{"metadata": {"version": "1.0"}, "entries": [
        {"uuid": "5B3C9D7E1F2A4B6C8D0E1F2A3B4C5D6E", "creationDate": "2024-05-06T12:00:00Z", "timeZone": "Europe/London", "text": "Offsite\nWe planned Q3."},
        {"uuid": "6C4D0E8F2A3B5C7D9E1F2A3B4C5D6E7F", "creationDate": "2024-05-07T12:00:00Z", "timeZone": "Europe/London", "text": "Offsite\nWe planned Q3."}
    ]}"#;
    let dayone = d.path().join("Journal.json");
    fs::write(&dayone, journal_json).unwrap();
    assert_eq!(twice(&mut j, Source::DayOne, &dayone), (2, 2));
    let zip = d.path().join("Export.zip");
    day_one_zip(
        &zip,
        &[
            ("Journal.json", journal_json.as_bytes()),
            ("photos/0cc175b9c0f1b6a831c399e269772661.jpeg", b"x"),
        ],
    );
    let r = import(&mut j, Source::DayOne, &zip, &mut |_, _| {}).unwrap();
    assert_eq!(r.entries, 0, "the zip's entries are the JSON's");
    assert_eq!(twice(&mut j, Source::DayOne, &zip), (0, 2));

    // Obsidian: two notes with the same title and text in different folders are two
    // entries, the first time only; links between notes are not doubled either.
    let vault = d.path().join("vault");
    fs::create_dir_all(vault.join("A")).unwrap();
    fs::create_dir_all(vault.join("B")).unwrap();
    for f in ["A/Weekly.md", "B/Weekly.md"] {
        fs::write(
            vault.join(f),
            "---\ndate: 2024-03-01\n---\nSame text. See [[Plan]].\n",
        )
        .unwrap();
    }
    fs::write(
        vault.join("Plan.md"),
        "---\ndate: 2024-02-01\n---\nThe plan.\n",
    )
    .unwrap();
    assert_eq!(twice(&mut j, Source::Markdown, &vault), (3, 3));
    let weekly: Vec<_> = j
        .entries(&crate::model::EntryFilter::default())
        .unwrap()
        .into_iter()
        .filter(|e| e.title == "Weekly")
        .collect();
    assert_eq!(weekly.len(), 2);
    for w in &weekly {
        assert_eq!(j.entry_links(&w.id).unwrap().to.len(), 1);
    }

    // Joplin's folder.
    let joplin = d.path().join("joplin");
    fs::create_dir_all(joplin.join("Work")).unwrap();
    fs::write(
        joplin.join("Work/Weekly.md"),
        "---\ntitle: Weekly\ncreated: 2019-05-01 16:54\nupdated: 2019-05-02 08:00\ntags:\n  - team\n---\n\nNotes.\n",
    )
    .unwrap();
    assert_eq!(twice(&mut j, Source::Markdown, &joplin), (1, 1));
}

/// A journal's own exports, imported back into it, add nothing: not a person, an entry
/// or an action item.
#[test]
fn a_journals_own_exports_add_nothing_to_it() {
    let d = tempfile::tempdir().unwrap();
    let mut src = filled(&d.path().join("a"));
    let md = d.path().join("md");
    export_markdown(&src, &md, &mut |_, _| {}).unwrap();
    let json = d.path().join("j.json");
    export_json(&src, &json).unwrap();
    let before = src.counts().unwrap();
    for (source, path) in [(Source::Markdown, &md), (Source::Json, &json)] {
        let r = import(&mut src, source, path, &mut |_, _| {}).unwrap();
        assert_eq!((r.people, r.entries, r.action_items), (0, 0, 0), "{r:?}");
    }
    let after = src.counts().unwrap();
    assert_eq!(
        (after.people, after.entries, after.open_actions),
        (before.people, before.entries, before.open_actions)
    );
}
