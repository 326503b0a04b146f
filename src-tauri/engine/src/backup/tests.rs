#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use secrecy::SecretString;

use super::*;
use crate::model::{ActionFilter, EntryFilter, EntryPatch, NewAction, NewEntry, Owner};
use crate::{vault, Journal};

const PASS: &str = "journal passphrase";
const CANARY: &str = "Backupcanary4417";

fn pw(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

struct Fixture {
    root: tempfile::TempDir,
    vault: PathBuf,
    journal: Journal,
    key: crate::keys::DataKey,
}

/// A journal with people, entries (one edited twice, one in the trash) and action items.
fn fixture() -> Fixture {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    let (mut j, _) = vault::create(&dir, &pw(PASS)).unwrap();
    let e = j
        .log(NewEntry {
            kind: Some(crate::model::Kind::OneOnOne),
            person: Some("Priya Raman".into()),
            body: format!("Talked about the promotion. {CANARY}"),
            tags: vec!["career".into()],
            mood: Some(4),
            ..Default::default()
        })
        .unwrap();
    for body in ["second version", "third version"] {
        j.edit(
            &e.id,
            EntryPatch {
                body: Some(format!("{body} {CANARY}")),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let gone = j
        .log(NewEntry {
            body: "a note for the trash".into(),
            ..Default::default()
        })
        .unwrap();
    j.delete(&gone.id).unwrap();
    let a = j
        .add_action(&NewAction {
            person: "Priya Raman".into(),
            text: format!("Send the packet {CANARY}"),
            owner: Owner::Me,
            due: None,
            entry_id: Some(e.id.clone()),
        })
        .unwrap();
    j.complete_action(&a.id).unwrap();
    drop(j);
    let key = vault::unlock(&dir, &pw(PASS)).unwrap();
    let journal = vault::open_with_key(&dir, &key).unwrap();
    Fixture {
        root,
        vault: dir,
        journal,
        key,
    }
}

fn recipients() -> (AgeIdentity, Protection) {
    let id = AgeIdentity::generate();
    let p = Protection::Recipients(vec![id.to_public()]);
    (id, p)
}

/// Everything a user can see in a journal, for before/after comparisons.
fn contents(j: &Journal) -> String {
    let entries = j.entries(&EntryFilter::default()).unwrap();
    let revisions: Vec<_> = entries
        .iter()
        .map(|e| {
            j.revisions(&e.id)
                .unwrap()
                .into_iter()
                .map(|r| r.entry.body)
                .collect::<Vec<_>>()
        })
        .collect();
    serde_json::to_string(&(
        entries,
        revisions,
        j.trash().unwrap(),
        j.people(true).unwrap(),
        j.actions(&ActionFilter::default()).unwrap(),
    ))
    .unwrap()
}

fn no_progress() -> impl FnMut(u64, u64) {
    |_, _| {}
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            }
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn recipient_backup_round_trips() {
    let f = fixture();
    let before = contents(&f.journal);
    let (id, protection) = recipients();
    let out = f.root.path().join("b.age");
    let report = create(
        &f.journal,
        &f.key,
        &out,
        &protection,
        false,
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(report.counts.entries, 1);
    assert_eq!(report.counts.trashed, 1);
    assert_eq!(report.counts.revisions, 2);
    assert_eq!(report.counts.action_items, 1);
    assert_eq!(report.counts.people, 1);
    assert!(!is_passphrase_protected(&out).unwrap());
    let unlock = Unlock::Identities(vec![id]);
    let info = verify(&out, &unlock, &mut no_progress()).unwrap();
    assert_eq!(info.counts, report.counts);
    assert_eq!(info.schema_version, crate::store::schema_version());

    let target = f.root.path().join("restored");
    let r = restore(&out, &unlock, &target, &mut no_progress()).unwrap();
    assert!(r.safety_copy.is_none());
    let restored = vault::open(&target, &pw(PASS)).unwrap();
    assert_eq!(contents(&restored), before);
    // The search index came along and works.
    assert_eq!(restored.search("third", 10).unwrap().total, 1);
    // Nothing readable anywhere: not in the backup, not in the restored journal.
    for p in files_under(f.root.path()) {
        if p.is_file() {
            let bytes = fs::read(&p).unwrap();
            assert!(
                !bytes.windows(CANARY.len()).any(|w| w == CANARY.as_bytes()),
                "canary in {}",
                p.display()
            );
        }
    }
    // No temporary files left beside the journal or the backup.
    let names: Vec<String> = files_under(f.root.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.starts_with('.')), "{names:?}");
}

#[test]
fn passphrase_backup_armoured_and_refusals() {
    let f = fixture();
    let out = f.root.path().join("b.age.txt");
    let protection = Protection::Passphrase(pw("backup passphrase"));
    create(
        &f.journal,
        &f.key,
        &out,
        &protection,
        true,
        &mut no_progress(),
    )
    .unwrap();
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    assert!(is_passphrase_protected(&out).unwrap());
    let good = Unlock::Passphrase(pw("backup passphrase"));
    assert_eq!(
        verify(&out, &good, &mut no_progress())
            .unwrap()
            .counts
            .entries,
        1
    );
    assert!(matches!(
        verify(
            &out,
            &Unlock::Passphrase(pw("wrong passphrase")),
            &mut no_progress()
        ),
        Err(BackupError::WrongPassphrase)
    ));
    assert!(matches!(
        verify(
            &out,
            &Unlock::Identities(vec![AgeIdentity::generate()]),
            &mut no_progress()
        ),
        Err(BackupError::NeedsPassphrase)
    ));
    // Never overwrites.
    assert!(matches!(
        create(
            &f.journal,
            &f.key,
            &out,
            &protection,
            true,
            &mut no_progress()
        ),
        Err(BackupError::Exists(_))
    ));
    assert!(matches!(
        create(
            &f.journal,
            &f.key,
            &f.root.path().join("c.age"),
            &Protection::Passphrase(pw("")),
            false,
            &mut no_progress()
        ),
        Err(BackupError::WeakPassphrase)
    ));
    for weak in ["a", "seven77"] {
        assert!(matches!(
            create(
                &f.journal,
                &f.key,
                &f.root.path().join("d.age"),
                &Protection::Passphrase(pw(weak)),
                false,
                &mut no_progress()
            ),
            Err(BackupError::WeakPassphrase)
        ));
    }
    assert!(!f.root.path().join("d.age").exists());
}

/// Restoring `file` into a fresh directory fails with the expected error and leaves
/// nothing behind.
fn refused(file: &Path, unlock: &Unlock) -> BackupError {
    let parent = file.parent().unwrap().join("restore-here");
    fs::create_dir_all(&parent).unwrap();
    let target = parent.join("vault");
    let err = restore(file, unlock, &target, &mut no_progress()).unwrap_err();
    assert!(!target.exists(), "nothing restored");
    assert_eq!(fs::read_dir(&parent).unwrap().count(), 0, "no staging left");
    let err2 = verify(file, unlock, &mut no_progress()).unwrap_err();
    assert_eq!(err.to_string(), err2.to_string());
    assert!(!err.to_string().contains('\n'));
    err
}

#[test]
fn bad_input_is_a_typed_error_and_writes_nothing() {
    let f = fixture();
    let (id, protection) = recipients();
    let out = f.root.path().join("b.age");
    create(
        &f.journal,
        &f.key,
        &out,
        &protection,
        false,
        &mut no_progress(),
    )
    .unwrap();
    let unlock = Unlock::Identities(vec![id]);
    let bytes = fs::read(&out).unwrap();
    let bad = |name: &str, content: &[u8]| {
        let p = f.root.path().join(name);
        fs::write(&p, content).unwrap();
        p
    };

    let other = Unlock::Identities(vec![AgeIdentity::generate()]);
    assert!(matches!(refused(&out, &other), BackupError::WrongIdentity));
    assert!(matches!(
        refused(&out, &Unlock::Passphrase(pw("x"))),
        BackupError::NeedsIdentity
    ));
    let cut = bad("cut.age", &bytes[..bytes.len() * 2 / 3]);
    assert!(matches!(refused(&cut, &unlock), BackupError::Truncated));
    let cut = bad("cut-header.age", &bytes[..40]);
    assert!(matches!(refused(&cut, &unlock), BackupError::Truncated));
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 3;
    flipped[mid] ^= 0x01;
    let flipped = bad("flipped.age", &flipped);
    assert!(matches!(
        refused(&flipped, &unlock),
        BackupError::Damaged(_)
    ));
    let junk = bad("junk.age", b"just some notes, not a backup\n");
    assert!(matches!(refused(&junk, &unlock), BackupError::NotAgeFile));
    let empty = bad("empty.age", b"");
    assert!(matches!(refused(&empty, &unlock), BackupError::NotAgeFile));

    // An age file that is not a backup, and one from a newer Candor.
    let (id2, _) = recipients();
    let age_of = |name: &str, plain: &[u8]| {
        let enc = age::Encryptor::with_recipients(std::iter::once(&id2.to_public() as _)).unwrap();
        let mut buf = Vec::new();
        let mut w = enc.wrap_output(&mut buf).unwrap();
        w.write_all(plain).unwrap();
        w.finish().unwrap();
        bad(name, &buf)
    };
    let unlock2 = Unlock::Identities(vec![id2.clone()]);
    let other_age = age_of("other.age", b"hello, world\n");
    assert!(matches!(
        refused(&other_age, &unlock2),
        BackupError::NotABackup
    ));
    let newer = age_of(
        "newer.age",
        b"{\"format\":\"candor-backup\",\"format_version\":2,\"something\":\"new\"}\nDATA",
    );
    assert!(matches!(
        refused(&newer, &unlock2),
        BackupError::TooNew { found: 2, .. }
    ));
}

#[test]
fn restore_over_a_journal_keeps_a_safety_copy() {
    let f = fixture();
    let before = contents(&f.journal);
    let (id, protection) = recipients();
    let out = f.root.path().join("b.age");
    create(
        &f.journal,
        &f.key,
        &out,
        &protection,
        false,
        &mut no_progress(),
    )
    .unwrap();
    // Change the journal and its passphrase after the backup.
    let Fixture {
        root,
        vault: dir,
        mut journal,
        ..
    } = f;
    journal
        .log(NewEntry {
            body: "written after the backup".into(),
            ..Default::default()
        })
        .unwrap();
    let after = contents(&journal);
    drop(journal);
    vault::change_passphrase(&dir, &pw(PASS), &pw("a newer passphrase")).unwrap();

    let r = restore(
        &out,
        &Unlock::Identities(vec![id]),
        &dir,
        &mut no_progress(),
    )
    .unwrap();
    let safety = r.safety_copy.unwrap();
    assert!(safety
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("vault.before-restore-"));
    // The restored journal: the old contents, the old passphrase.
    assert!(vault::open(&dir, &pw("a newer passphrase")).is_err());
    assert_eq!(contents(&vault::open(&dir, &pw(PASS)).unwrap()), before);
    // The safety copy: everything that was there, with its passphrase.
    assert_eq!(
        contents(&vault::open(&safety, &pw("a newer passphrase")).unwrap()),
        after
    );
    // Only the journal and its safety copy beside the backup.
    let mut names: Vec<String> = fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn restore_refuses_a_directory_of_other_files() {
    let f = fixture();
    let (id, protection) = recipients();
    let out = f.root.path().join("b.age");
    create(
        &f.journal,
        &f.key,
        &out,
        &protection,
        false,
        &mut no_progress(),
    )
    .unwrap();
    let target = f.root.path().join("documents");
    fs::create_dir_all(&target).unwrap();
    fs::write(target.join("letter.txt"), "keep me").unwrap();
    assert!(matches!(
        restore(
            &out,
            &Unlock::Identities(vec![id.clone()]),
            &target,
            &mut no_progress()
        ),
        Err(BackupError::NotAJournalDir(_))
    ));
    assert_eq!(fs::read_dir(&target).unwrap().count(), 1);
    // An empty directory is fine.
    let empty = f.root.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    restore(
        &out,
        &Unlock::Identities(vec![id]),
        &empty,
        &mut no_progress(),
    )
    .unwrap();
    assert!(vault::open(&empty, &pw(PASS)).is_ok());
}

#[test]
fn automatic_backups_when_changed_and_a_day_old() {
    let mut f = fixture();
    let when = |h: i64| {
        chrono::DateTime::parse_from_rfc3339("2025-06-01T08:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc)
            + chrono::Duration::hours(h)
    };
    assert!(matches!(
        auto(&mut f.journal, &f.key, None, when(0), &mut no_progress()),
        Err(BackupError::NotConfigured)
    ));
    let dir = f.root.path().join("auto");
    configure(
        &mut f.journal,
        &AutoChange {
            dir: Some(dir.clone()),
            keep: Some(2),
            recipient: None,
        },
    )
    .unwrap();
    assert!(matches!(
        auto(&mut f.journal, &f.key, None, when(0), &mut no_progress()),
        Err(BackupError::NoAutoSecret)
    ));
    let (id, _) = recipients();
    let s = configure(
        &mut f.journal,
        &AutoChange {
            recipient: Some(Some(id.to_public().to_string())),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(s.keep, 2);
    let made = |o: AutoOutcome| matches!(o, AutoOutcome::Made { .. });
    assert!(made(
        auto(&mut f.journal, &f.key, None, when(0), &mut no_progress()).unwrap()
    ));
    // Unchanged: nothing to do, however old the backup.
    assert!(!made(
        auto(&mut f.journal, &f.key, None, when(48), &mut no_progress()).unwrap()
    ));
    let write = |j: &mut Journal| {
        j.log(NewEntry {
            body: "new".into(),
            ..Default::default()
        })
        .unwrap();
    };
    write(&mut f.journal);
    // Changed, but the last backup is younger than a day.
    assert!(!made(
        auto(&mut f.journal, &f.key, None, when(23), &mut no_progress()).unwrap()
    ));
    assert!(made(
        auto(&mut f.journal, &f.key, None, when(25), &mut no_progress()).unwrap()
    ));
    write(&mut f.journal);
    let AutoOutcome::Made { removed, .. } =
        auto(&mut f.journal, &f.key, None, when(50), &mut no_progress()).unwrap()
    else {
        panic!("a backup was due");
    };
    assert_eq!(removed.len(), 1, "keeps two");
    let kept = list(&dir).unwrap();
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[1].0, when(50));
    let unlock = Unlock::Identities(vec![id]);
    assert_eq!(
        verify(&kept[1].1, &unlock, &mut no_progress())
            .unwrap()
            .counts
            .entries,
        3
    );
    assert!(matches!(
        configure(
            &mut f.journal,
            &AutoChange {
                recipient: Some(Some("nope".into())),
                ..Default::default()
            }
        ),
        Err(BackupError::BadRecipient(_))
    ));
}

#[test]
fn a_backup_is_a_consistent_snapshot_while_another_connection_writes() {
    let f = fixture();
    let dir = f.vault.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let dir = dir.clone();
        std::thread::spawn(move || {
            let mut j = vault::open(&dir, &pw(PASS)).unwrap();
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && n < 400 {
                j.log(NewEntry {
                    body: format!("written during the backup {n}"),
                    ..Default::default()
                })
                .unwrap();
                n += 1;
            }
            n
        })
    };
    let (id, protection) = recipients();
    let unlock = Unlock::Identities(vec![id]);
    let mut seen = Vec::new();
    for i in 0..3 {
        let out = f.root.path().join(format!("b{i}.age"));
        let r = create(
            &f.journal,
            &f.key,
            &out,
            &protection,
            false,
            &mut no_progress(),
        )
        .unwrap();
        // verify re-counts the rows in the restored copy against the manifest.
        let info = verify(&out, &unlock, &mut no_progress()).unwrap();
        assert_eq!(info.counts, r.counts);
        seen.push(r.counts.entries);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(seen[0] >= 1 && *seen.last().unwrap() <= 1 + written);
}

#[test]
fn hostile_key_slots_in_a_backup_are_refused() {
    use std::io::Read;
    let f = fixture();
    let (id, protection) = recipients();
    let out = f.root.path().join("b.age");
    create(
        &f.journal,
        &f.key,
        &out,
        &protection,
        false,
        &mut no_progress(),
    )
    .unwrap();
    let dec = age::Decryptor::new(fs::File::open(&out).unwrap()).unwrap();
    let mut plain = Vec::new();
    dec.decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    let nl = plain.iter().position(|b| *b == b'\n').unwrap();
    let mut manifest: serde_json::Value = serde_json::from_slice(&plain[..nl]).unwrap();
    for slot in manifest["key_slots"]["slots"].as_array_mut().unwrap() {
        // 4 billion passes: unlock would never finish.
        slot["kdf"]["passes"] = u32::MAX.into();
    }
    let mut hostile = serde_json::to_vec(&manifest).unwrap();
    hostile.extend_from_slice(&plain[nl..]);
    let enc = age::Encryptor::with_recipients(std::iter::once(&id.to_public() as _)).unwrap();
    let mut buf = Vec::new();
    let mut w = enc.wrap_output(&mut buf).unwrap();
    w.write_all(&hostile).unwrap();
    w.finish().unwrap();
    let file = f.root.path().join("hostile.age");
    fs::write(&file, &buf).unwrap();
    let err = refused(&file, &Unlock::Identities(vec![id]));
    assert!(
        matches!(err, BackupError::Damaged(m) if m.contains("hostile")),
        "{err}"
    );
}

#[test]
fn the_snapshot_is_staged_beside_the_target_and_leftovers_are_removed() {
    let f = fixture();
    let out_dir = f.root.path().join("usb");
    fs::create_dir(&out_dir).unwrap();
    // What a killed backup to this target (and an older version, in the vault) left.
    let left = [
        out_dir.join(".j.age.candor-snapshot-0123456789ab"),
        out_dir.join(".j.age.candor-snapshot-0123456789ab-journal"),
        out_dir.join(".j.age.candor-unverified-ba9876543210"),
    ];
    for p in &left {
        fs::write(p, b"x").unwrap();
    }
    let other = out_dir.join(".other.age.candor-snapshot-0123456789ab");
    fs::write(&other, b"x").unwrap();
    let before_vault = files_under(&f.vault);
    let mut seen = Vec::new();
    let out = out_dir.join("j.age");
    create(
        &f.journal,
        &f.key,
        &out,
        &Protection::Passphrase(pw("a long backup passphrase")),
        false,
        &mut |_, _| {
            if seen.is_empty() {
                seen = files_under(&out_dir);
                assert_eq!(
                    files_under(&f.vault),
                    before_vault,
                    "nothing staged in the vault"
                );
            }
        },
    )
    .unwrap();
    let names: Vec<String> = seen
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with(".j.age.candor-snapshot-")),
        "{names:?}"
    );
    for p in &left {
        assert!(!p.exists(), "{} left", p.display());
    }
    assert!(
        other.exists(),
        "another target's files are not ours to remove"
    );
    let mut after = files_under(&out_dir);
    after.retain(|p| p != &other);
    assert_eq!(after, vec![out.clone()]);
}

#[test]
fn damaged_pages_reached_only_by_a_backup_say_damaged() {
    let f = fixture();
    let mut j = f.journal;
    for i in 0..400 {
        j.log(NewEntry {
            body: format!("filler entry {i} {}", "words ".repeat(200)),
            ..Default::default()
        })
        .unwrap();
    }
    drop(j);
    let db = f.vault.join("journal.db");
    {
        let journal = vault::open_with_key(&f.vault, &f.key).unwrap();
        drop(journal);
    }
    // Flip bytes in the middle of the file: pages that opening the journal does not read.
    let mut bytes = fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 4096] {
        *b ^= 0x5a;
    }
    fs::write(&db, &bytes).unwrap();
    let journal = vault::open_with_key(&f.vault, &f.key).unwrap();
    let err = create(
        &journal,
        &f.key,
        &f.root.path().join("d.age"),
        &Protection::Passphrase(pw("a long backup passphrase")),
        false,
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            BackupError::Store(crate::store::StoreError::Damaged) | BackupError::Damaged(_)
        ),
        "{err}"
    );
    assert_eq!(
        fs::read_dir(f.root.path()).unwrap().count(),
        1,
        "only the vault"
    );
}
