//! Exports: names unique by construction, nothing left behind on failure, filters.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::tests::{filled, journal};
use super::*;
use crate::model::{EntryFilter, ModelError};

/// The files of an export but its people's notes (`People/`).
fn md_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p != dir.join("People") {
                    stack.push(p);
                }
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn front_matter_ids(dir: &Path) -> BTreeSet<String> {
    md_files(dir)
        .iter()
        .filter_map(|p| {
            let t = fs::read_to_string(p).unwrap();
            t.lines()
                .find_map(|l| l.strip_prefix("id: ").map(str::to_string))
        })
        .collect()
}

#[test]
fn entries_whose_ids_share_a_prefix_or_clean_up_alike_get_their_own_files() {
    let d = tempfile::tempdir().unwrap();
    let src = filled(&d.path().join("a"));
    let mut export = JsonExport::of(&src).unwrap();
    let mut template = export.entries[0].clone();
    template.revisions.clear();
    template.import_keys.clear();
    // Same millisecond (same first 10 characters), too short to slice, and ids that only
    // differ by case or by characters a file name cannot hold.
    let mut ids: Vec<String> = (0..40)
        .map(|i| format!("01JN0000000000000000000{i:03}"))
        .collect();
    ids.extend(["X", "x", "a/b", "a:b", "ü"].map(String::from));
    export.entries = ids
        .iter()
        .map(|id| {
            let mut e = template.clone();
            e.entry.id = id.clone();
            e
        })
        .collect();
    export.action_items.clear();
    let file = d.path().join("same-ms.json");
    fs::write(&file, serde_json::to_vec(&export).unwrap()).unwrap();
    let mut j = journal(&d.path().join("b"));
    let r = import_json(&mut j, &file, &mut |_, _| {}).unwrap();
    assert_eq!(r.entries as usize, ids.len(), "{:?}", r.skipped);

    let out = d.path().join("md");
    let rep = export_markdown(&j, &out, &mut |_, _| {}).unwrap();
    assert_eq!(rep.entries, ids.len());
    assert_eq!(md_files(&out).len(), ids.len());
    // Ids that are not ULIDs were re-keyed on import; every entry still has its own file.
    assert_eq!(r.rekeyed.len(), 5, "{:?}", r.rekeyed);
    let live: BTreeSet<String> = j
        .entries(&crate::model::EntryFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(front_matter_ids(&out), live);
}

#[test]
fn entries_logged_in_one_millisecond_export_side_by_side() {
    let d = tempfile::tempdir().unwrap();
    let mut j = journal(&d.path().join("a"));
    for _ in 0..100 {
        j.log(crate::model::NewEntry {
            title: Some("Same".into()),
            date: chrono::NaiveDate::from_ymd_opt(2025, 1, 1),
            body: "x".into(),
            ..Default::default()
        })
        .unwrap();
    }
    let out = d.path().join("md");
    export_markdown(&j, &out, &mut |_, _| {}).unwrap();
    assert_eq!(md_files(&out).len(), 100);
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let d = tempfile::tempdir().unwrap();
    let src = filled(&d.path().join("a"));
    let parent = d.path().join("exports");
    let out = parent.join("md");
    fs::create_dir_all(&out).unwrap();
    // Something lands in the target while the export runs: the export must not mix in.
    let r = export_markdown(&src, &out, &mut |done, _| {
        if done == 1 {
            fs::write(out.join("mine.txt"), "the user's").unwrap();
        }
    });
    assert!(matches!(r, Err(TransferError::NotEmpty(_))), "{r:?}");
    let left: Vec<_> = fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["md"], "a staging folder was left behind");
    assert_eq!(md_files(&out), [out.join("mine.txt")]);

    // A target that is a file is refused before anything is written.
    let file = parent.join("file");
    fs::write(&file, "x").unwrap();
    assert!(export_markdown(&src, &file, &mut |_, _| {}).is_err());
    assert_eq!(fs::read_dir(&parent).unwrap().count(), 2);
}

#[test]
fn exports_can_be_limited_to_a_person_and_dates() {
    let d = tempfile::tempdir().unwrap();
    let src = filled(&d.path().join("a"));
    let day = |n| chrono::NaiveDate::from_ymd_opt(2025, 3, n);
    let priya = ExportFilter {
        person: Some("priya raman".into()),
        ..Default::default()
    };
    let out = d.path().join("priya");
    let r = export_markdown_filtered(&src, &out, &priya, &mut |_, _| {}).unwrap();
    assert_eq!((r.entries, r.action_items), (2, 2));
    assert!(!out.join("Journal").exists());

    let range = ExportFilter {
        since: day(5),
        until: day(6),
        ..Default::default()
    };
    let out = d.path().join("range");
    let r = export_markdown_filtered(&src, &out, &range, &mut |_, _| {}).unwrap();
    // The feedback and the reflection; the loose item was made today, outside the range.
    assert_eq!((r.entries, r.action_items), (2, 0));

    let j = JsonExport::filtered(&src, &priya).unwrap();
    assert_eq!(j.people.len(), 1);
    assert_eq!(j.entries.len(), 2);
    assert_eq!(j.action_items.len(), 2);
    let j = JsonExport::filtered(
        &src,
        &ExportFilter {
            person: Some("Priya Raman".into()),
            since: day(5),
            until: day(5),
        },
    )
    .unwrap();
    assert_eq!(j.entries.len(), 1);
    assert!(j.action_items.is_empty());

    // A filtered JSON export imports into a journal of its own.
    let file = d.path().join("priya.json");
    assert_eq!(export_json_filtered(&src, &file, &priya).unwrap(), 2);
    let mut dst = journal(&d.path().join("b"));
    import_json(&mut dst, &file, &mut |_, _| {}).unwrap();
    assert_eq!(dst.entries(&EntryFilter::default()).unwrap().len(), 2);

    let nobody = ExportFilter {
        person: Some("Nobody".into()),
        ..Default::default()
    };
    assert!(matches!(
        export_markdown_filtered(&src, &d.path().join("x"), &nobody, &mut |_, _| {}),
        Err(TransferError::Model(ModelError::UnknownPerson))
    ));
    let backwards = ExportFilter {
        since: day(6),
        until: day(5),
        ..Default::default()
    };
    assert!(matches!(
        export_json_filtered(&src, &d.path().join("x.json"), &backwards),
        Err(TransferError::EmptyRange)
    ));
    assert!(!d.path().join("x").exists() && !d.path().join("x.json").exists());
}

#[test]
fn what_a_killed_export_left_is_removed_by_the_next() {
    let d = tempfile::tempdir().unwrap();
    let src = filled(&d.path().join("a"));
    let parent = d.path().join("out");
    fs::create_dir_all(parent.join(".md.partial-00000000000000ab/Priya Raman")).unwrap();
    fs::write(
        parent.join(".md.partial-00000000000000ab/Priya Raman/x.md"),
        "plain",
    )
    .unwrap();
    fs::write(parent.join(".j.json.partial-00000000000000cd"), "{\"half").unwrap();
    // Not ours: a different target's, and a name that only looks alike.
    fs::create_dir_all(parent.join(".other.partial-00000000000000ab")).unwrap();
    fs::write(parent.join(".md.partial-notes"), "mine").unwrap();

    export_markdown(&src, &parent.join("md"), &mut |_, _| {}).unwrap();
    export_json(&src, &parent.join("j.json")).unwrap();
    let mut left: Vec<String> = fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            ".md.partial-notes",
            ".other.partial-00000000000000ab",
            "j.json",
            "md"
        ]
    );
    let text = fs::read_to_string(parent.join("j.json")).unwrap();
    assert!(text.ends_with("}\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(parent.join("j.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "only the user reads an export");
    }
    assert!(matches!(
        export_json(&src, &parent.join("j.json")),
        Err(TransferError::Exists(_))
    ));
}
