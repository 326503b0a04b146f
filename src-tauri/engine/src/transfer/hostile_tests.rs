//! Hostile and odd input to the importers: ids that are not ULIDs, symbolic-link loops,
//! FIFOs, entries past the size caps.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use secrecy::SecretString;

use super::*;
use crate::model::{EntryFilter, NewEntry, MAX_TAGS};
use crate::vault;

fn journal(dir: &Path) -> Journal {
    vault::create(dir, &SecretString::from("journal passphrase".to_string()))
        .unwrap()
        .0
}

fn no_progress() -> impl FnMut(usize, usize) {
    |_, _| {}
}

#[test]
fn json_ids_that_are_not_ulids_are_rekeyed_and_reported() {
    let d = tempfile::tempdir().unwrap();
    let mut j = journal(&d.path().join("v"));
    let file = d.path().join("in.json");
    let json = serde_json::json!({
        "format": "candor-journal", "schema_version": 1,
        "exported_at": "2025-01-01T00:00:00.000Z", "app_version": "0",
        "people": [{"id": "p1", "name": "Priya", "role": null, "relationship": "report",
                    "cadence_days": null, "archived": false,
                    "created_at": "2025-01-01T00:00:00.000Z",
                    "updated_at": "2025-01-01T00:00:00.000Z"}],
        "entries": [{"id": "x", "kind": "one-on-one", "date": "2025-01-02",
                     "person_id": "p1", "person": "Priya", "title": "t", "body": "hello there",
                     "tags": [], "mood": null, "feedback": null,
                     "created_at": "2025-01-02T00:00:00.000Z",
                     "updated_at": "2025-01-02T00:00:00.000Z", "deleted_at": null},
                    {"id": "01jabcdefghjkmnpqrstvwxyz0", "kind": "note", "date": "2025-01-03",
                     "person_id": null, "person": null, "title": "lower", "body": "b",
                     "tags": [], "mood": null, "feedback": null,
                     "created_at": "2025-01-03T00:00:00.000Z",
                     "updated_at": "2025-01-03T00:00:00.000Z", "deleted_at": null}],
        "action_items": [{"id": "a", "person_id": "p1", "person": "Priya", "entry_id": "x",
                          "text": "follow up", "owner": "me", "due": null, "done_at": null,
                          "created_at": "2025-01-02T00:00:00.000Z"}]
    });
    fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    let r = import(&mut j, Source::Json, &file, &mut no_progress()).unwrap();
    assert_eq!((r.people, r.entries, r.action_items), (1, 2, 1));
    assert_eq!(r.rekeyed.len(), 4, "{:?}", r.rekeyed);
    let entry = r.rekeyed.iter().find(|k| k.item == "entries[0]").unwrap();
    assert_eq!(entry.old, "x");
    // The new id works everywhere: show, the action item's link, search, export.
    let e = j.entry(&entry.new).unwrap();
    assert_eq!(e.person.as_deref(), Some("Priya"));
    let actions = j.actions(&crate::model::ActionFilter::default()).unwrap();
    assert_eq!(actions[0].entry_id.as_deref(), Some(entry.new.as_str()));
    assert_eq!(j.search("hello", 10).unwrap().hits[0].id, entry.new);
    export_markdown(&j, &d.path().join("md"), &mut no_progress()).unwrap();
    assert!(j
        .entries(&EntryFilter::default())
        .unwrap()
        .iter()
        .all(|e| apply::is_id(&e.id)));
}

#[cfg(unix)]
#[test]
fn markdown_import_follows_no_links_and_opens_no_fifo() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    let mut j = journal(&d.path().join("v"));
    let notes = d.path().join("notes");
    let outside = d.path().join("outside");
    fs::create_dir_all(notes.join("a")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(notes.join("a/2025-01-01 kept.md"), "inside the folder\n").unwrap();
    fs::write(outside.join("2025-01-02 secret.md"), "outside the folder\n").unwrap();
    // Two loops and a way out of the folder.
    symlink(&notes, notes.join("a/loop")).unwrap();
    symlink(notes.join("a"), notes.join("b")).unwrap();
    symlink(&outside, notes.join("out")).unwrap();
    symlink(
        outside.join("2025-01-02 secret.md"),
        notes.join("2025-01-02 link.md"),
    )
    .unwrap();
    let fifo = notes.join("2025-01-03 pipe.md");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let start = Instant::now();
    let r = import(&mut j, Source::Markdown, &notes, &mut no_progress()).unwrap();
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(r.entries, 1, "{r:?}");
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(
        reasons
            .iter()
            .filter(|r| r.contains("symbolic link"))
            .count(),
        4,
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|r| r.contains("not a regular file")));
    assert_eq!(j.search("outside", 10).unwrap().total, 0);

    // A FIFO given as the file to import is refused without opening it.
    for source in [Source::Json, Source::Jrnl, Source::DayOne] {
        let err = import(&mut j, source, &fifo, &mut no_progress()).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
}

#[test]
fn entries_past_the_caps_are_refused_or_skipped() {
    let d = tempfile::tempdir().unwrap();
    let mut j = journal(&d.path().join("v"));
    let tags = |n: usize| (0..n).map(|i| format!("t{i}")).collect::<Vec<_>>();
    let err = j
        .log(NewEntry {
            body: "x".into(),
            tags: tags(MAX_TAGS + 1),
            ..Default::default()
        })
        .unwrap_err();
    assert!(err.to_string().contains("at most 100 tags"), "{err}");
    j.log(NewEntry {
        body: "x".into(),
        tags: tags(MAX_TAGS),
        ..Default::default()
    })
    .unwrap();
    let err = j
        .log(NewEntry {
            body: "y".repeat(crate::model::MAX_ENTRY_BYTES + 1),
            ..Default::default()
        })
        .unwrap_err();
    assert!(err.to_string().contains("1 MiB"), "{err}");

    // A jrnl entry with 50,000 tags is skipped, quickly, with the reason.
    let file = d.path().join("j.txt");
    let many: String = (0..50_000).map(|i| format!(" @t{i}")).collect();
    fs::write(&file, format!("[2025-01-01 09:00] Title.{many}\n")).unwrap();
    let start = Instant::now();
    let r = import(&mut j, Source::Jrnl, &file, &mut no_progress()).unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(r.entries, 0);
    assert!(r.skipped[0].reason.contains("at most 100 tags"), "{r:?}");
}

#[test]
fn search_limits_are_clamped_and_long_entries_snippet_quickly() {
    let d = tempfile::tempdir().unwrap();
    let mut j = journal(&d.path().join("v"));
    // Close to the cap: a phrase found only at the end.
    let body = format!("{} the needle phrase", "hay stack ".repeat(100_000));
    j.log(NewEntry {
        body,
        ..Default::default()
    })
    .unwrap();
    let start = Instant::now();
    let r = j.search("\"needle phrase\" hay", usize::MAX).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.hits.len(), 1);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    let r = j.search("hay", 10_000_000_000).unwrap();
    assert_eq!(r.hits.len(), 1);
    // Zero asks for the count alone.
    let r = j.search("hay", 0).unwrap();
    assert_eq!((r.total, r.hits.len()), (1, 0));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// The import parsers take any text without panicking, and every note they return
    /// names where it came from.
    #[test]
    fn import_parsers_never_panic(
        text in proptest::collection::vec(
            proptest::sample::select(vec![
                "[2025-01-01 09:00] ", "[2025-13-40 25:61] ", "@tag ", "@", "*", "\n", "\n\n",
                "---\n", "title: \"x\n", "tags: [a, b\n", "date: 2025-02-30\n", "- [ ] ",
                "- [x] do it (them, due 2025-01-01)\n", "{", "}", "\"entries\": [", "ö", "é\u{301}",
                "\u{feff}", "# Heading\n", "  ", "\t", ": ", "text ", "]", "(", ")",
            ]),
            0..40,
        )
    ) {
        let text = text.concat();
        let p = jrnl::parse_plain(&text);
        assert!(p.notes.iter().all(|n| !n.item.is_empty()));
        let _ = jrnl::parse_json(&text, Path::new("x.json"));
        let _ = dayone::parse(&text, Path::new("x.json"));
        let (fm, _body) = frontmatter::split(&text);
        drop(fm);
        let _ = frontmatter::parse(&text);
    }

    /// The scanners added for other tools' notes (links, inline tags, dates, the file
    /// sniffer) take any text, and rewriting links with no change gives the text back.
    #[test]
    fn note_scanners_never_panic(
        text in proptest::collection::vec(
            proptest::sample::select(vec![
                "[[", "]]", "|", "#", "![[", "![", "](", ")", "x.png", "Note", "ö", "é\u{301}",
                "`", "```\n", "\n", " ", "2019-05-01", "T", "16:54", "Z", "+02:00", "{{date}}",
                "[2019-07 ", "] ", "@c++", "\u{3002}", "?\" ", "\u{2026})", "JRNLv3", "gAAAAA",
            ]),
            0..40,
        )
    ) {
        let text = text.concat();
        let _ = links::count(&text);
        assert_eq!(links::rewrite(&text, |_| None), text);
        let _ = links::rewrite(&text, |l| Some(format!("{}{}|{}", l.target, l.fragment, l.shown())));
        let _ = body_tags::inline_tags(&text);
        let _ = properties::when(&text);
        let _ = sniff::looks(text.as_bytes());
        let _ = jrnl::parse_plain(&text);
    }

    #[test]
    fn import_parsers_never_panic_on_random_text(text in "\\PC{0,200}") {
        let _ = links::count(&text);
        let _ = body_tags::inline_tags(&text);
        let _ = properties::when(&text);
        let _ = sniff::looks(text.as_bytes());
        let _ = jrnl::parse_plain(&text);
        let _ = jrnl::parse_json(&text, Path::new("x.json"));
        let _ = dayone::parse(&text, Path::new("x.json"));
        let _ = frontmatter::split(&text);
        let _ = frontmatter::parse(&text);
    }
}
