#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use secrecy::SecretString;

use super::*;
use crate::model::{EntryFilter, EntryPatch, Kind, NewEntry, NewPerson, PersonPatch};
use crate::vault;

fn pass() -> SecretString {
    SecretString::from("journal passphrase".to_string())
}

struct World {
    _tmp: tempfile::TempDir,
    folder: PathBuf,
    root: PathBuf,
}

impl World {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("Sync");
        let root = tmp.path().to_path_buf();
        World {
            _tmp: tmp,
            folder,
            root,
        }
    }

    fn vault(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// The first device, syncing.
    fn first(&self) -> Journal {
        let (mut j, _) = vault::create(&self.vault("a"), &pass()).unwrap();
        j.sync_setup(&self.folder, &pass()).unwrap();
        j
    }

    fn join(&self, name: &str) -> Journal {
        join(&self.folder, &self.vault(name), &pass(), &mut |_, _| {})
            .unwrap()
            .0
    }

    fn device_dir(&self, j: &Journal) -> PathBuf {
        let s = j.sync_status().unwrap();
        folder::device_dir(&self.folder, &s.journal_id, &s.device_id)
    }
}

fn note(j: &mut Journal, person: &str, title: &str, body: &str) -> String {
    j.log(NewEntry {
        kind: Some(Kind::OneOnOne),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 3),
        person: Some(person.into()),
        title: Some(title.into()),
        body: body.into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn body(j: &Journal, id: &str) -> String {
    j.entry(id).unwrap().body
}

fn edit_body(j: &mut Journal, id: &str, text: &str) {
    j.edit(
        id,
        EntryPatch {
            body: Some(text.into()),
            ..Default::default()
        },
    )
    .unwrap();
}

fn titles(j: &Journal) -> Vec<String> {
    let mut t: Vec<String> = j
        .entries(&EntryFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect();
    t.sort();
    t
}

/// Everything that travels, as rows, for comparing devices.
fn state_of(j: &Journal) -> Vec<(String, String, Option<records::Row>)> {
    let mut out = Vec::new();
    for t in records::TABLES {
        for k in records::all_keys(j.conn(), t).unwrap() {
            if t.name == "settings" && k.starts_with("[\"backup.") {
                continue;
            }
            out.push((
                t.name.to_string(),
                k.clone(),
                records::read(j.conn(), t, &k).unwrap(),
            ));
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

#[test]
fn a_second_device_joins_and_both_see_each_others_notes() {
    let w = World::new();
    let mut a = w.first();
    let first = note(
        &mut a,
        "Priya Raman",
        "Career talk",
        "wants to lead the migration",
    );
    let mut b = w.join("b");
    assert_eq!(body(&b, &first), "wants to lead the migration");
    let from_b = note(
        &mut b,
        "Priya Raman",
        "Follow-up",
        "wrote up the migration plan",
    );
    note(&mut b, "Sam Lee", "First 1:1", "new on the team");
    a.sync_now().unwrap();
    assert_eq!(body(&a, &from_b), "wrote up the migration plan");
    assert_eq!(titles(&a), titles(&b));
    assert_eq!(state_of(&a), state_of(&b));
    // Search and the people list follow what arrived.
    assert_eq!(a.search("migration", 10).unwrap().total, 2);
    assert_eq!(a.people(false).unwrap().len(), 2);
    let status = a.sync_status().unwrap();
    assert_eq!(status.devices.len(), 2);
    assert_eq!(status.conflicts, 0);
    assert_eq!(status.outgoing, 0);
}

#[test]
fn nothing_readable_is_in_the_folder() {
    let w = World::new();
    let mut a = w.first();
    note(
        &mut a,
        "Canary Person",
        "CANARY-TITLE-7734",
        "CANARY-BODY-7734 secret words",
    );
    let mut b = w.join("b");
    note(
        &mut b,
        "Canary Person",
        "CANARY-TITLE-7735",
        "CANARY-BODY-7735",
    );
    b.sync_now().unwrap();
    for e in walk(&w.folder) {
        let bytes = fs::read(&e).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for needle in ["CANARY", "Canary Person", "secret words"] {
            assert!(!text.contains(needle), "{} holds {needle}", e.display());
        }
        let name = e.file_name().unwrap().to_string_lossy().to_string();
        assert!(!name.to_lowercase().contains("canary"), "{name}");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn concurrent_edits_of_one_entry_keep_both_texts_as_a_conflict_on_both_devices() {
    let w = World::new();
    let mut a = w.first();
    let id = note(&mut a, "Priya Raman", "Career talk", "first draft");
    let mut b = w.join("b");
    edit_body(&mut a, &id, "edited on the laptop");
    edit_body(&mut b, &id, "edited on the desktop");
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    a.sync_now().unwrap();
    // Both devices show the same winner, and both keep the other text.
    assert_eq!(body(&a, &id), body(&b, &id));
    for j in [&a, &b] {
        let c = j.sync_conflicts().unwrap();
        assert_eq!(c.len(), 1, "one conflict on each device");
        let texts = [
            c[0].mine.as_ref().unwrap().body.clone(),
            c[0].theirs.as_ref().unwrap().body.clone(),
        ];
        assert!(texts.contains(&"edited on the laptop".to_string()));
        assert!(texts.contains(&"edited on the desktop".to_string()));
        assert_eq!(
            c[0].mine.as_ref().unwrap().body.contains("laptop"),
            std::ptr::eq(j, &a)
        );
        let history: Vec<String> = j
            .history(&id)
            .unwrap()
            .into_iter()
            .map(|v| v.entry.body)
            .collect();
        assert!(
            history.iter().any(|b| b.contains("laptop"))
                && history.iter().any(|b| b.contains("desktop"))
        );
    }
    // Resolving on one device resolves it on the other.
    let cid = a.sync_conflicts().unwrap()[0].id.clone();
    a.sync_resolve(&cid, Keep::Both).unwrap();
    b.sync_now().unwrap();
    assert!(a.sync_conflicts().unwrap().is_empty());
    assert!(b.sync_conflicts().unwrap().is_empty());
    let merged = body(&b, &id);
    assert!(
        merged.starts_with("edited on the laptop") && merged.ends_with("edited on the desktop")
    );
    assert_eq!(body(&a, &id), merged);
}

#[test]
fn a_delete_and_a_concurrent_edit_lose_nothing() {
    let w = World::new();
    let mut a = w.first();
    let id = note(&mut a, "Priya Raman", "Career talk", "first draft");
    let mut b = w.join("b");
    a.delete(&id).unwrap();
    edit_body(&mut b, &id, "important addition");
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    a.sync_now().unwrap();
    assert_eq!(state_of(&a), state_of(&b));
    // Whichever won, the edit is somewhere on both devices: in the entry or its conflict.
    for j in [&a, &b] {
        let e = j.entry(&id).unwrap();
        let kept = e.body == "important addition"
            || j.sync_conflicts().unwrap().iter().any(|c| {
                [&c.mine, &c.theirs]
                    .iter()
                    .any(|v| v.as_ref().is_some_and(|v| v.body == "important addition"))
            });
        assert!(kept);
    }
    // A deletion travels into the other device's trash, not away.
    let mut c = w.join("c");
    let id2 = note(&mut c, "Sam Lee", "Quick sync", "nothing urgent");
    a.sync_now().unwrap();
    a.delete(&id2).unwrap();
    c.sync_now().unwrap();
    assert!(c.trash().unwrap().iter().any(|e| e.id == id2));
    // Emptying the trash on one device empties it everywhere.
    a.empty_trash().unwrap();
    c.sync_now().unwrap();
    assert!(c.entry(&id2).is_err());
}

#[test]
fn a_rename_on_one_device_meets_new_notes_about_that_person_on_the_other() {
    let w = World::new();
    let mut a = w.first();
    note(&mut a, "Priya R", "First", "hello");
    let mut b = w.join("b");
    a.update_person(
        "Priya R",
        &PersonPatch {
            name: Some("Priya Raman".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let id = note(&mut b, "Priya R", "Second", "logged under the old name");
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    assert_eq!(a.entry(&id).unwrap().person.as_deref(), Some("Priya Raman"));
    assert_eq!(b.entry(&id).unwrap().person.as_deref(), Some("Priya Raman"));
    assert_eq!(a.people(false).unwrap().len(), 1);
    assert_eq!(state_of(&a), state_of(&b));
    // Searching by the new name on the other device finds the note written there.
    assert_eq!(b.search("person:\"Priya Raman\"", 10).unwrap().total, 2);
}

#[test]
fn the_same_new_name_on_two_devices_keeps_both_people() {
    let w = World::new();
    let mut a = w.first();
    let mut b = w.join("b");
    a.add_person(&NewPerson::named("Sam Lee")).unwrap();
    b.add_person(&NewPerson::named("Sam Lee")).unwrap();
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    a.sync_now().unwrap();
    let names = |j: &Journal| {
        let mut n: Vec<String> = j
            .people(false)
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        n.sort();
        n
    };
    let n = names(&a);
    assert_eq!(n.len(), 2);
    assert_eq!(n[0], "Sam Lee");
    assert!(
        n[1].starts_with("Sam Lee (") && n[1].len() == "Sam Lee (XXXX)".len(),
        "{n:?}"
    );
    assert_eq!(names(&a), names(&b));
    assert_eq!(state_of(&a), state_of(&b));
}

#[test]
fn half_arrived_damaged_and_out_of_order_segments_wait_and_then_apply() {
    let w = World::new();
    let mut a = w.first();
    let mut b = w.join("b");
    let one = note(&mut b, "Priya Raman", "One", "first");
    let two = note(&mut b, "Priya Raman", "Two", "second");
    let dir = w.device_dir(&b);
    let segs = segment::list(&dir).unwrap();
    let (last_seq, last) = segs.last().cloned().unwrap();
    let whole = fs::read(&last).unwrap();
    // Truncated (half-arrived): nothing of it applies, the earlier ones do.
    fs::write(&last, &whole[..whole.len() / 2]).unwrap();
    let report = a.sync_now().unwrap();
    assert!(!report.waiting.is_empty(), "{report:?}");
    assert!(a.entry(&one).is_ok());
    assert!(a.entry(&two).is_err());
    // Bit-flipped: refused the same way.
    let mut flipped = whole.clone();
    flipped[60] ^= 0x40;
    fs::write(&last, &flipped).unwrap();
    assert!(!a.sync_now().unwrap().waiting.is_empty());
    assert!(a.entry(&two).is_err());
    // Sync engines' temp files and conflicted copies are never read.
    fs::write(
        dir.join(format!(".syncthing.{}.tmp", segment::file_name(last_seq))),
        &whole,
    )
    .unwrap();
    fs::write(
        dir.join(format!("{} (conflicted copy).seg", last_seq)),
        &whole,
    )
    .unwrap();
    fs::write(
        dir.join(
            segment::file_name(last_seq)
                .replace(".seg", ".sync-conflict-20261101-101010-ABCDEFG.seg"),
        ),
        &whole,
    )
    .unwrap();
    assert!(a.entry(&two).is_err());
    // The whole file arrives: applied, once.
    fs::write(&last, &whole).unwrap();
    a.sync_now().unwrap();
    assert_eq!(body(&a, &two), "second");
    assert!(a.sync_status().unwrap().last_error.is_none());

    // A later segment before an earlier one: the later one waits.
    let three = note(&mut b, "Priya Raman", "Three", "third");
    let four = note(&mut b, "Priya Raman", "Four", "fourth");
    let segs = segment::list(&dir).unwrap();
    let (_, third_path) = segs[segs.len() - 2].clone();
    let aside = w.root.join("aside.seg");
    fs::rename(&third_path, &aside).unwrap();
    a.sync_now().unwrap();
    assert!(a.entry(&three).is_err() && a.entry(&four).is_err());
    fs::rename(&aside, &third_path).unwrap();
    a.sync_now().unwrap();
    assert!(a.entry(&three).is_ok() && a.entry(&four).is_ok());
    assert_eq!(state_of(&a), state_of(&b));
}

#[test]
fn clocks_days_apart_still_order_edits_by_what_each_device_saw() {
    let w = World::new();
    let mut a = w.first();
    let id = note(&mut a, "Priya Raman", "Career talk", "v1");
    let mut b = w.join("b");
    // A's clock runs three days ahead: its state carries a clock far in B's future.
    a.conn()
        .execute(
            "UPDATE sync_state SET hlc = ?1",
            [hlc::tick(0, hlc::wall_ms() + 3 * 86_400_000)],
        )
        .unwrap();
    edit_body(&mut a, &id, "v2 from the fast clock");
    b.sync_now().unwrap();
    // B edits after seeing A's change: B's edit wins although B's wall clock is behind.
    edit_body(&mut b, &id, "v3 after reading v2");
    a.sync_now().unwrap();
    assert_eq!(body(&a, &id), "v3 after reading v2");
    assert!(a.sync_conflicts().unwrap().is_empty());
}

#[test]
fn a_copied_vault_becomes_a_device_of_its_own() {
    let w = World::new();
    let mut a = w.first();
    note(&mut a, "Priya Raman", "One", "first");
    let original = a.sync_status().unwrap().device_id;
    drop(a);
    copy_dir(&w.vault("a"), &w.vault("copy"));
    let mut copy = vault::open(&w.vault("copy"), &pass()).unwrap();
    let id = copy.sync_status().unwrap().device_id;
    assert_ne!(id, original);
    let from_copy = note(&mut copy, "Priya Raman", "From the copy", "second");
    let mut a = vault::open(&w.vault("a"), &pass()).unwrap();
    assert_eq!(a.sync_status().unwrap().device_id, original);
    assert_eq!(body(&a, &from_copy), "second");
    let later = note(&mut a, "Priya Raman", "Later", "third");
    copy.sync_now().unwrap();
    assert_eq!(body(&copy, &later), "third");
    assert_eq!(state_of(&a), state_of(&copy));
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn join_refuses_a_wrong_passphrase_an_existing_journal_and_an_empty_folder() {
    let w = World::new();
    let _a = w.first();
    let wrong = SecretString::from("not the passphrase".to_string());
    let err = join(&w.folder, &w.vault("b"), &wrong, &mut |_, _| {})
        .err()
        .unwrap();
    assert!(matches!(err, SyncError::WrongPassphrase), "{err}");
    assert!(
        !vault::exists(&w.vault("b")),
        "nothing created on a wrong passphrase"
    );
    let err = join(&w.folder, &w.vault("a"), &pass(), &mut |_, _| {})
        .err()
        .unwrap();
    assert!(matches!(err, SyncError::VaultExists(_)), "{err}");
    let empty = w.root.join("empty");
    fs::create_dir_all(&empty).unwrap();
    let err = join(&empty, &w.vault("c"), &pass(), &mut |_, _| {})
        .err()
        .unwrap();
    assert!(matches!(err, SyncError::NoJournalInFolder), "{err}");
}

#[test]
fn a_folder_holding_another_journal_is_refused_and_nothing_applied() {
    let w = World::new();
    let mut a = w.first();
    let id = a.sync_status().unwrap().journal_id;
    // Someone replaces the folder's journal.json with another journal's (same id, another key).
    let other =
        folder::JournalFile::new(&id, 1, &DataKey::generate(), &pass(), &Default::default())
            .unwrap();
    other.write(&w.folder).unwrap();
    let err = a.sync_now().unwrap_err();
    assert!(matches!(err, SyncError::OtherJournal), "{err}");
    assert!(a.sync_status().unwrap().last_error.is_some());
}

#[test]
fn a_fifo_in_place_of_the_folders_files_is_refused_without_hanging() {
    let w = World::new();
    let mut a = w.first();
    let mut b = w.join("b");
    note(&mut b, "Priya Raman", "One", "first");
    let id = a.sync_status().unwrap().journal_id;
    let journal = folder::journal_dir(&w.folder, &id);
    let fifo = |p: &Path| {
        let _ = fs::remove_file(p);
        assert!(std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .unwrap()
            .success());
    };
    // A FIFO where another device's segment and its applied.bin should be: skipped.
    let bdir = w.device_dir(&b);
    fifo(&bdir.join("applied.bin"));
    fifo(&bdir.join(segment::file_name(99)));
    a.sync_now().unwrap();
    assert_eq!(titles(&a), vec!["One"]);
    // A FIFO in place of journal.json: a clear error, at once.
    fifo(&journal.join(folder::JOURNAL_FILE));
    let err = a.sync_now().unwrap_err();
    assert!(matches!(err, SyncError::Folder(_)), "{err}");
}

#[test]
fn a_folder_that_goes_away_keeps_changes_queued_and_resumes() {
    let w = World::new();
    let mut a = w.first();
    let mut b = w.join("b");
    let moved = w.root.join("unplugged");
    fs::rename(&w.folder, &moved).unwrap();
    // Saving still works; the change waits.
    let id = note(
        &mut a,
        "Priya Raman",
        "Offline",
        "written while the stick was out",
    );
    let st = a.sync_status().unwrap();
    assert!(st.outgoing > 0 && st.last_error.is_some(), "{st:?}");
    assert!(!w.folder.exists(), "a missing folder is never created anew");
    fs::rename(&moved, &w.folder).unwrap();
    a.sync_now().unwrap();
    assert_eq!(a.sync_status().unwrap().outgoing, 0);
    b.sync_now().unwrap();
    assert_eq!(body(&b, &id), "written while the stick was out");
}

#[test]
fn a_segment_from_a_newer_format_waits_and_names_the_reason() {
    let w = World::new();
    let mut a = w.first();
    let b = w.join("b");
    let s = state::require(b.conn()).unwrap();
    let key = state::keys(b.conn()).unwrap()[&s.epoch];
    let batch = segment::Batch {
        format: segment::FORMAT + 1,
        ops: Vec::new(),
        covers: None,
    };
    let sealed = segment::seal(
        &key,
        s.epoch,
        &s.journal_id,
        &s.device_id,
        s.next_seq,
        &batch,
    )
    .unwrap();
    let dir = w.device_dir(&b);
    fs::write(dir.join(segment::file_name(s.next_seq)), sealed).unwrap();
    let report = a.sync_now().unwrap();
    assert!(
        report.waiting.iter().any(|w| w.contains("newer version")),
        "{report:?}"
    );
}

#[test]
fn a_rekey_reaches_the_other_device_which_asks_for_the_passphrase_once() {
    let w = World::new();
    let a = w.first();
    let mut b = w.join("b");
    drop(a);
    crate::rekey::rekey(&w.vault("a"), &pass()).unwrap();
    let mut a = vault::open(&w.vault("a"), &pass()).unwrap();
    let id = note(&mut a, "Priya Raman", "After rekey", "under the new key");
    // B cannot read it yet, and says why.
    b.sync_now().unwrap();
    assert!(b.entry(&id).is_err());
    assert!(b.sync_status().unwrap().needs_passphrase);
    // B's own segments, under the old key, still reach A.
    let from_b = note(
        &mut b,
        "Priya Raman",
        "Old key",
        "written under the old key",
    );
    a.sync_now().unwrap();
    assert_eq!(body(&a, &from_b), "written under the old key");
    drop(b);
    let b = vault::open(&w.vault("b"), &pass()).unwrap();
    assert!(!b.sync_status().unwrap().needs_passphrase);
    assert_eq!(body(&b, &id), "under the new key");
    // A third device joins with the passphrase and reads both keys' segments.
    let c = w.join("c");
    assert_eq!(body(&c, &from_b), "written under the old key");
    assert_eq!(body(&c, &id), "under the new key");
}

#[test]
fn a_passphrase_change_is_what_a_new_device_joins_with() {
    let w = World::new();
    drop(w.first());
    let new = SecretString::from("a brand new passphrase".to_string());
    vault::change_passphrase(&w.vault("a"), &pass(), &new).unwrap();
    assert!(join(&w.folder, &w.vault("b"), &pass(), &mut |_, _| {}).is_err());
    assert!(join(&w.folder, &w.vault("c"), &new, &mut |_, _| {}).is_ok());
}

#[test]
fn compaction_waits_for_an_offline_device_and_new_devices_start_from_the_snapshot() {
    let w = World::new();
    let mut a = w.first();
    let b = w.join("b");
    for i in 0..5 {
        note(&mut a, "Priya Raman", &format!("Note {i}"), "some text");
    }
    // B is offline: it has not applied A's latest segments, so they stay.
    let r = a.sync_compact().unwrap();
    assert!(r.kept > 0, "{r:?}");
    let before = segment::list(&w.device_dir(&a)).unwrap().len();
    // B comes back and applies them; compaction now removes them.
    let mut b = b;
    b.sync_now().unwrap();
    let r = a.sync_compact().unwrap();
    assert_eq!(r.kept, 0, "{r:?}");
    assert!(segment::list(&w.device_dir(&a)).unwrap().len() < before);
    // A new device joins from the snapshot and has everything.
    let c = w.join("c");
    assert_eq!(titles(&c), titles(&a));
    assert_eq!(state_of(&c), state_of(&a));
    // A forgotten device no longer holds compaction back.
    drop(b);
    note(&mut a, "Priya Raman", "After", "more");
    let bid = a
        .sync_status()
        .unwrap()
        .devices
        .iter()
        .find(|d| !d.this_device && d.id != c.sync_status().unwrap().device_id)
        .unwrap()
        .id
        .clone();
    let mut c = c;
    c.sync_now().unwrap();
    assert!(a.sync_compact().unwrap().kept > 0);
    a.sync_forget_device(&bid).unwrap();
    c.sync_now().unwrap();
    assert_eq!(a.sync_compact().unwrap().kept, 0);
}

#[test]
fn action_items_goals_stars_and_settings_travel() {
    let w = World::new();
    let mut a = w.first();
    let id = note(&mut a, "Priya Raman", "1:1", "- [ ] send the promo packet");
    let mut b = w.join("b");
    a.star(&id, true).unwrap();
    a.add_action(&crate::model::NewAction {
        person: "Priya Raman".into(),
        text: "book the offsite".into(),
        owner: crate::model::Owner::Me,
        due: None,
        entry_id: None,
    })
    .unwrap();
    b.sync_now().unwrap();
    assert!(b.is_starred(&id).unwrap());
    assert_eq!(state_of(&a), state_of(&b));
    // An item done on both devices is done once, on both.
    let item = b.actions(&Default::default()).unwrap()[0].id.clone();
    a.complete_action(&item).unwrap();
    b.complete_action(&item).unwrap();
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    a.sync_now().unwrap();
    assert_eq!(state_of(&a), state_of(&b));
}

#[test]
fn a_new_device_joining_a_demo_journal_has_all_of_it() {
    let w = World::new();
    let (mut a, _) = vault::create(&w.vault("a"), &pass()).unwrap();
    crate::demo::generate(
        &mut a,
        &crate::demo::DemoOptions {
            entries: 1500,
            ..Default::default()
        },
        &mut |_, _| {},
    )
    .unwrap();
    a.sync_setup(&w.folder, &pass()).unwrap();
    let mut seen = Vec::new();
    let (b, _) = join(&w.folder, &w.vault("b"), &pass(), &mut |d, t| {
        seen.push((d, t))
    })
    .unwrap();
    assert_eq!(state_of(&a), state_of(&b));
    assert_eq!(a.counts().unwrap(), b.counts().unwrap());
    assert!(
        seen.last().is_some_and(|(d, t)| d == t && *t > 0),
        "progress reaches its total"
    );
    // The joined journal searches and analyses like the original.
    assert_eq!(
        a.search("migration", 5).unwrap().total,
        b.search("migration", 5).unwrap().total
    );
}

#[test]
fn two_devices_joining_at_once_get_ids_of_their_own() {
    let w = World::new();
    let mut a = w.first();
    note(&mut a, "Priya Raman", "One", "first");
    let (folder, root) = (w.folder.clone(), w.root.clone());
    let joins: Vec<_> = ["b", "c"]
        .into_iter()
        .map(|name| {
            let (folder, dir) = (folder.clone(), root.join(name));
            std::thread::spawn(move || join(&folder, &dir, &pass(), &mut |_, _| {}).unwrap().0)
        })
        .collect();
    let mut devices: Vec<Journal> = joins.into_iter().map(|h| h.join().unwrap()).collect();
    let ids: Vec<String> = devices
        .iter()
        .map(|d| d.sync_status().unwrap().device_id)
        .collect();
    assert_ne!(ids[0], ids[1]);
    note(&mut devices[0], "Priya Raman", "From b", "b");
    note(&mut devices[1], "Priya Raman", "From c", "c");
    for _ in 0..2 {
        a.sync_now().unwrap();
        for d in devices.iter_mut() {
            d.sync_now().unwrap();
        }
    }
    assert_eq!(titles(&a), vec!["From b", "From c", "One"]);
    for d in &devices {
        assert_eq!(state_of(d), state_of(&a));
    }
}

#[test]
fn a_directory_grown_past_its_limit_is_compacted_by_a_sync() {
    let w = World::new();
    let mut a = w.first();
    let mut b = w.join("b");
    let id = note(&mut a, "Priya Raman", "Typed in the window", "v0");
    // The window saves as you type: each save is a segment.
    for i in 1..=AUTO_COMPACT_SEGMENTS + 2 {
        edit_body(&mut a, &id, &format!("v{i}"));
    }
    b.sync_now().unwrap();
    let before = segment::list(&w.device_dir(&a)).unwrap().len();
    assert!(before > AUTO_COMPACT_SEGMENTS);
    a.sync_now().unwrap();
    let after = segment::list(&w.device_dir(&a)).unwrap().len();
    assert!(after < before, "{before} → {after}");
    // A new device starts from the snapshot and has the latest text.
    let c = w.join("c");
    assert_eq!(body(&c, &id), format!("v{}", AUTO_COMPACT_SEGMENTS + 2));
}

mod converge {
    //! Random operations on three devices, synced in random orders, end in one state.
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        Log(usize, u8),
        Edit(usize, u8, u8),
        Delete(usize, u8),
        Restore(usize, u8),
        Rename(usize, u8),
        Sync(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => (0..3usize, any::<u8>()).prop_map(|(d, n)| Step::Log(d, n)),
            3 => (0..3usize, any::<u8>(), any::<u8>()).prop_map(|(d, e, n)| Step::Edit(d, e, n)),
            1 => (0..3usize, any::<u8>()).prop_map(|(d, e)| Step::Delete(d, e)),
            1 => (0..3usize, any::<u8>()).prop_map(|(d, e)| Step::Restore(d, e)),
            1 => (0..3usize, any::<u8>()).prop_map(|(d, n)| Step::Rename(d, n)),
            3 => (0..3usize).prop_map(Step::Sync),
        ]
    }

    fn pick(j: &Journal, n: u8) -> Option<String> {
        let mut all: Vec<String> = j
            .entries(&EntryFilter::default())
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        all.extend(j.trash().unwrap().into_iter().map(|e| e.id));
        all.sort();
        (!all.is_empty()).then(|| all[n as usize % all.len()].clone())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
        #[test]
        fn devices_converge(steps in proptest::collection::vec(step(), 5..30)) {
            let w = World::new();
            let mut devices = vec![w.first(), w.join("b"), w.join("c")];
            let mut written = Vec::new();
            for s in steps {
                match s {
                    Step::Log(d, n) => {
                        let id = note(&mut devices[d], "Priya Raman", &format!("t{n}"), &format!("body {n}"));
                        written.push(id);
                    }
                    Step::Edit(d, e, n) => if let Some(id) = pick(&devices[d], e) {
                        let _ = devices[d].edit(&id, EntryPatch { body: Some(format!("edit {n} on {d}")), ..Default::default() });
                    },
                    Step::Delete(d, e) => if let Some(id) = pick(&devices[d], e) {
                        let _ = devices[d].delete(&id);
                    },
                    Step::Restore(d, e) => if let Some(id) = pick(&devices[d], e) {
                        let _ = devices[d].restore(&id);
                    },
                    Step::Rename(d, n) => {
                        let Some(p) = devices[d].people(true).unwrap().into_iter().next() else { continue };
                        let name = p.name;
                        let _ = devices[d].update_person(&name, &PersonPatch { role: Some(Some(format!("role {n}"))), ..Default::default() });
                    }
                    Step::Sync(d) => { devices[d].sync_now().unwrap(); }
                }
            }
            for _ in 0..2 {
                for d in devices.iter_mut() {
                    d.sync_now().unwrap();
                }
            }
            let first = state_of(&devices[0]);
            for d in &devices[1..] {
                prop_assert_eq!(&state_of(d), &first);
            }
            // Nothing written is lost: nothing here purges, so every entry is on every device.
            for id in &written {
                for d in &devices {
                    prop_assert!(d.entry(id).is_ok());
                }
            }
        }
    }
}
