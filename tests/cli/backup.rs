//! `candor backup`: round trips, every kind of bad input, automatic backups, the stock
//! `age` tool, and no plaintext on disk along the way.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use age::secrecy::ExposeSecret;

use crate::support::{snapshot, stderr, walk, Vault, PASS};

const BACKUP_PASS: &str = "backup passphrase 42";
const CANARY: &str = "Quokkacanary5521";

/// A journal with people, entries (edited, trashed) and action items.
fn filled() -> Vault {
    let v = Vault::new();
    v.ok(&["person", "add", "Priya Raman", "--role", "Staff engineer"]);
    let id = v.log(&[
        "one-on-one",
        "--with",
        "Priya Raman",
        "--tag",
        "career",
        "--body",
        &format!("She wants more scope. {CANARY}"),
    ]);
    v.ok(&[
        "edit",
        &id,
        "--body",
        &format!("Agreed on the migration. {CANARY}"),
    ]);
    v.log(&[
        "feedback",
        "--with",
        "Sam Lee",
        "--direction",
        "constructive",
        "--situation",
        CANARY,
        "--body",
        "Late reviews",
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
        CANARY,
    ]);
    v
}

/// Everything the command line shows about a journal.
fn state(v: &Vault) -> Vec<serde_json::Value> {
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

fn backup_cmd(v: &Vault, args: &[&str]) -> Command {
    let mut c = v.cmd(args);
    c.env("CANDOR_BACKUP_PASSPHRASE", BACKUP_PASS);
    c
}

fn root(v: &Vault) -> PathBuf {
    v.dir.parent().unwrap().to_path_buf()
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn backup_verify_restore_round_trip() {
    let v = filled();
    let before = state(&v);
    let file = root(&v).join("journal.age");
    let out = v.run_with(backup_cmd(&v, &["backup", "create", path_str(&file)]), None);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("2 entries, 2 people, 1 action item (1 in the trash, 1 earlier version)"),
        "{said}"
    );
    assert!(said.contains("verified"), "{said}");
    // Never overwrites.
    let again = v.run_with(backup_cmd(&v, &["backup", "create", path_str(&file)]), None);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));

    let out = v.run_with(
        backup_cmd(&v, &["backup", "verify", path_str(&file), "--json"]),
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["counts"]["entries"], 2);
    assert_eq!(info["counts"]["revisions"], 1);
    assert_eq!(info["passphrase"], true);

    // Into a new directory: the same journal, with the same passphrase.
    let w = Vault::empty();
    let out = w.run_with(
        backup_cmd(&w, &["backup", "restore", path_str(&file)]),
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(state(&w), before);
    assert_eq!(w.json(&["search", "migration", "--json"])["total"], 1);
}

#[test]
fn restore_over_a_journal_keeps_the_old_one() {
    let v = filled();
    let before = state(&v);
    let file = root(&v).join("journal.age");
    assert!(v
        .run_with(backup_cmd(&v, &["backup", "create", path_str(&file)]), None)
        .status
        .success());
    v.log(&["note", "--body", "after the backup"]);
    let after = state(&v);
    let out = v.run_with(
        backup_cmd(&v, &["backup", "restore", path_str(&file)]),
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let safety = said
        .lines()
        .find_map(|l| l.strip_prefix("The journal that was there is kept, unchanged, at "))
        .expect("the safety copy is named")
        .trim()
        .to_string();
    assert!(safety.contains("vault.before-restore-"), "{safety}");
    assert_eq!(state(&v), before);
    let mut c = v.cmd(&["list", "--json"]);
    c.env("CANDOR_VAULT", &safety);
    let out = v.run_with(c, None);
    assert!(out.status.success());
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        after[0]
    );
}

/// Runs a failing command and checks: the exit code, one line `candor: …`, and that the
/// vault, the temp dir and the backup directory are exactly as they were.
fn fails(v: &Vault, c: Command, code: i32, needle: &str) {
    let before = snapshot(&root(v));
    let out = v.run_with(c, None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.starts_with("candor: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "expected {needle:?} in {err}");
    assert_eq!(before, snapshot(&root(v)), "nothing written");
}

#[test]
fn bad_backups_are_refused_with_one_line_and_nothing_written() {
    let v = filled();
    let file = root(&v).join("journal.age");
    assert!(v
        .run_with(backup_cmd(&v, &["backup", "create", path_str(&file)]), None)
        .status
        .success());
    let bytes = std::fs::read(&file).unwrap();
    let write = |name: &str, content: &[u8]| {
        let p = root(&v).join(name);
        std::fs::write(&p, content).unwrap();
        p
    };
    let cut = write("cut.age", &bytes[..bytes.len() / 2]);
    let mut flipped = bytes.clone();
    let at = flipped.len() / 3;
    flipped[at] ^= 0x20;
    let flipped = write("flipped.age", &flipped);
    let junk = write("notes.txt", b"just some notes\n");
    // A backup from a newer Candor: a valid age file with a newer manifest.
    let newer = {
        let enc = age::Encryptor::with_user_passphrase(BACKUP_PASS.to_string().into());
        let mut buf = Vec::new();
        let mut w = enc.wrap_output(&mut buf).unwrap();
        w.write_all(b"{\"format\":\"candor-backup\",\"format_version\":7}\n")
            .unwrap();
        w.finish().unwrap();
        write("newer.age", &buf)
    };
    for verb in ["verify", "restore"] {
        let mut c = backup_cmd(&v, &["backup", verb, path_str(&file)]);
        c.env("CANDOR_BACKUP_PASSPHRASE", "not the backup passphrase");
        fails(&v, c, 3, "backup passphrase is wrong");
        fails(
            &v,
            backup_cmd(&v, &["backup", verb, path_str(&cut)]),
            4,
            "cut short",
        );
        fails(
            &v,
            backup_cmd(&v, &["backup", verb, path_str(&flipped)]),
            4,
            "damaged",
        );
        fails(
            &v,
            backup_cmd(&v, &["backup", verb, path_str(&junk)]),
            1,
            "not a Candor backup",
        );
        fails(
            &v,
            backup_cmd(&v, &["backup", verb, path_str(&newer)]),
            1,
            "newer version of Candor",
        );
        let missing = root(&v).join("missing.age");
        fails(
            &v,
            backup_cmd(&v, &["backup", verb, path_str(&missing)]),
            1,
            "cannot open",
        );
    }
    // A bad recipient is refused before anything is written.
    let out = root(&v).join("new.age");
    fails(
        &v,
        backup_cmd(
            &v,
            &[
                "backup",
                "create",
                path_str(&out),
                "--recipient",
                "age1bogus",
            ],
        ),
        1,
        "not an age public key",
    );
    // The wrong journal passphrase writes no backup.
    let mut c = backup_cmd(&v, &["backup", "create", path_str(&out)]);
    c.env("CANDOR_PASSPHRASE", "wrong journal passphrase");
    fails(&v, c, 3, "wrong passphrase");
}

fn identity_file(dir: &Path) -> (PathBuf, String) {
    let id = age::x25519::Identity::generate();
    let path = dir.join("key.txt");
    std::fs::write(
        &path,
        format!(
            "# created by a test\n# public key: {}\n{}\n",
            id.to_public(),
            id.to_string().expose_secret()
        ),
    )
    .unwrap();
    (path, id.to_public().to_string())
}

/// Major version of the stock `sqlcipher` shell, if installed.
fn sqlcipher_major() -> Option<u32> {
    let out = Command::new("sqlcipher").arg("-version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    // "3.46.1 2024-… (SQLCipher 4.6.1 community)"
    let at = text.find("SQLCipher ")?;
    text[at + 10..].split('.').next()?.trim().parse().ok()
}

#[test]
fn recipient_backups_open_with_identities_and_stock_age() {
    let v = filled();
    let (key_file, public) = identity_file(&root(&v));
    let (other_key, _) = {
        let d = root(&v).join("other");
        std::fs::create_dir_all(&d).unwrap();
        identity_file(&d)
    };
    let file = root(&v).join("journal.age.txt");
    v.ok(&[
        "backup",
        "create",
        path_str(&file),
        "--recipient",
        &public,
        "--armor",
    ]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    let out = v.ok(&[
        "backup",
        "verify",
        path_str(&file),
        "--identity",
        path_str(&key_file),
    ]);
    assert!(out.contains("complete Candor backup"), "{out}");
    fails(
        &v,
        v.cmd(&[
            "backup",
            "verify",
            path_str(&file),
            "--identity",
            path_str(&other_key),
        ]),
        3,
        "none of the given identities",
    );
    fails(
        &v,
        v.cmd(&["backup", "verify", path_str(&file)]),
        1,
        "--identity",
    );

    // The stock age tool decrypts it; the manifest is the first line and the rest is the
    // SQLCipher database, readable with the key in the manifest.
    let Ok(out) = Command::new("age")
        .args(["-d", "-i", path_str(&key_file), path_str(&file)])
        .output()
    else {
        eprintln!("SKIPPED: the stock `age` tool is not installed (apt-get install age)");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plain = out.stdout;
    let nl = plain.iter().position(|b| *b == b'\n').unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&plain[..nl]).unwrap();
    assert_eq!(manifest["format"], "candor-backup");
    assert_eq!(manifest["counts"]["entries"], 2);
    let key = manifest["database_key"].as_str().unwrap().to_string();
    // Outside every checked directory: this is a deliberately decrypted copy.
    let scratch = tempfile::tempdir().unwrap();
    let db = scratch.path().join("journal.db");
    std::fs::write(&db, &plain[nl + 1..]).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))
        .unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM entries WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 2);
    drop(conn);
    match sqlcipher_major() {
        Some(major) if major >= 4 => {
            let out = Command::new("sqlcipher")
                .arg(&db)
                .arg(format!(
                    "PRAGMA key = \"x'{key}'\"; SELECT count(*) FROM people;"
                ))
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(said.lines().any(|l| l.trim() == "2"), "{said}");
        }
        _ => eprintln!(
            "SKIPPED: the stock `sqlcipher` shell 4.x is not installed (Debian 12 ships 3.4, which cannot read SQLCipher 4 files)"
        ),
    }
}

#[test]
fn automatic_backups() {
    let v = filled();
    let dir = root(&v).join("auto");
    let out = v.run(&["backup", "auto"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not set up"), "{}", stderr(&out));
    let (_, public) = identity_file(&root(&v));
    let said = v.ok(&[
        "backup",
        "config",
        "--dir",
        path_str(&dir),
        "--keep",
        "3",
        "--recipient",
        &public,
    ]);
    assert!(said.contains("Keeping the newest 3"), "{said}");
    let made = v.json(&["backup", "auto", "--json"]);
    assert_eq!(made["outcome"], "made", "{made}");
    let again = v.ok(&["backup", "auto"]);
    assert!(
        again.contains("No backup needed: nothing changed"),
        "{again}"
    );
    v.log(&["note", "--body", "a change"]);
    let again = v.ok(&["backup", "auto"]);
    assert!(again.contains("less than a day old"), "{again}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // Without a recipient, the passphrase comes from the environment.
    v.ok(&["backup", "config", "--no-recipient"]);
    let c = v.json(&["backup", "config", "--json"]);
    assert_eq!(c["recipient"], serde_json::Value::Null);
}

#[test]
fn no_plaintext_through_backup_and_restore() {
    let v = filled();
    let file = root(&v).join("backups").join("journal.age");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    assert!(v
        .run_with(backup_cmd(&v, &["backup", "create", path_str(&file)]), None)
        .status
        .success());
    assert!(v
        .run_with(backup_cmd(&v, &["backup", "verify", path_str(&file)]), None)
        .status
        .success());
    assert!(v
        .run_with(
            backup_cmd(&v, &["backup", "restore", path_str(&file)]),
            None
        )
        .status
        .success());
    v.ok(&[
        "backup",
        "config",
        "--dir",
        path_str(&root(&v).join("auto")),
    ]);
    assert!(v
        .run_with(backup_cmd(&v, &["backup", "auto"]), None)
        .status
        .success());
    // The canary is really in the journal...
    assert!(v.ok(&["search", CANARY]).contains("Priya"));
    // ...and in no file anywhere: vault, safety copy, backups, temp dir.
    let mut checked = 0;
    walk(&root(&v), &mut |p| {
        let bytes = std::fs::read(p).unwrap();
        checked += 1;
        for needle in [CANARY.to_string(), CANARY.to_lowercase()] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "plaintext canary in {}",
                p.display()
            );
        }
    });
    assert!(checked >= 6, "checked {checked} files");
    assert_eq!(
        std::fs::read_dir(&v.tmp).unwrap().count(),
        0,
        "temp dir left clean"
    );
    let _ = PASS;
}
