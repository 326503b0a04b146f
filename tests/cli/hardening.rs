//! Hardening: hostile key files, private file modes, interrupted `init`, weak backup
//! passphrases.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::{stderr, walk, Vault};

#[test]
fn hostile_key_file_is_refused_fast_with_exit_4() {
    let v = Vault::new();
    let keys = v.dir.join("keys.json");
    let good = std::fs::read_to_string(&keys).unwrap();
    let slots: serde_json::Value = serde_json::from_str(&good).unwrap();
    for (field, value) in [
        ("memory_kib", u64::from(u32::MAX)),
        ("passes", u64::from(u32::MAX)),
        ("lanes", 1_000_000),
    ] {
        let mut bad = slots.clone();
        for slot in bad["slots"].as_array_mut().unwrap() {
            slot["kdf"][field] = value.into();
        }
        std::fs::write(&keys, serde_json::to_vec(&bad).unwrap()).unwrap();
        let start = Instant::now();
        let out = v.run(&["list"]);
        assert!(start.elapsed() < Duration::from_secs(10), "{field}");
        assert_eq!(out.status.code(), Some(4), "{field}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("damaged or hostile"),
            "{}",
            stderr(&out)
        );
    }
    std::fs::write(&keys, good).unwrap();
    v.ok(&["list"]);
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn vault_and_exports_are_private_and_a_loose_vault_is_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let v = Vault::new();
    v.log(&["note", "--body", "hello", "--tag", "x"]);
    assert_eq!(mode(&v.dir), 0o700);
    let mut n = 0;
    walk(&v.dir, &mut |p| {
        n += 1;
        assert_eq!(mode(p), 0o600, "{}", p.display());
    });
    assert!(n >= 2);

    let md = v.tmp.join("md");
    v.ok(&["export", "markdown", md.to_str().unwrap()]);
    assert_eq!(mode(&md), 0o700);
    walk(&md, &mut |p| {
        assert_eq!(mode(p), 0o600, "{}", p.display());
        assert_eq!(mode(p.parent().unwrap()), 0o700, "{}", p.display());
    });
    let json = v.tmp.join("j.json");
    v.ok(&["export", "json", json.to_str().unwrap()]);
    assert_eq!(mode(&json), 0o600);

    std::fs::set_permissions(&v.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        v.dir.join("keys.json"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let out = v.run(&["list"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("readable by other users"),
        "{}",
        stderr(&out)
    );
    assert_eq!(mode(&v.dir), 0o700);
    assert_eq!(mode(&v.dir.join("keys.json")), 0o600);
    let again = v.run(&["list"]);
    assert_eq!(stderr(&again), "");
}

#[test]
fn init_recovers_from_an_interrupted_init() {
    // What a kill in the first milliseconds of an older `init` left: a database, no keys.
    let v = Vault::new();
    std::fs::remove_file(v.dir.join("keys.json")).unwrap();
    let out = v.run(&["list"]);
    assert_eq!(out.status.code(), Some(4));
    let out = v.ok(&["init"]);
    assert!(out.contains("recovery code"), "{out}");
    v.ok(&["list"]);
    assert!(std::fs::read_dir(&v.dir).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with("journal.db.orphaned-")));

    // One killed mid-way now: the marker is still there.
    let w = Vault::new();
    std::fs::write(w.dir.join("init.unfinished"), b"").unwrap();
    std::fs::remove_file(w.dir.join("keys.json")).unwrap();
    w.ok(&["init"]);
    w.ok(&["list"]);
    assert!(!w.dir.join("init.unfinished").exists());
    // A whole journal is never replaced.
    assert_eq!(w.run(&["init"]).status.code(), Some(1));
}

#[test]
fn weak_backup_passphrase_is_refused() {
    let v = Vault::new();
    let file = v.tmp.join("b.age");
    let mut c = v.cmd(&["backup", "create", file.to_str().unwrap()]);
    c.env("CANDOR_BACKUP_PASSPHRASE", "a");
    let out = v.run_with(c, None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("at least 8 characters"),
        "{}",
        stderr(&out)
    );
    assert!(!file.exists());
    assert_eq!(std::fs::read_dir(&v.tmp).unwrap().count(), 0);
}

#[test]
fn hostile_imports_and_searches_end_cleanly() {
    let v = Vault::new();
    v.log(&["note", "--body", "promotion talk"]);
    // An id that is not a ULID: re-keyed, reported, and Markdown export still works.
    let export = v.tmp.join("j.json");
    v.ok(&["export", "json", export.to_str().unwrap()]);
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    json["entries"][0]["id"] = "x".into();
    json["entries"][0]["body"] = "imported promotion note".into();
    std::fs::write(&export, serde_json::to_vec(&json).unwrap()).unwrap();
    let out = v.ok(&["import", "json", export.to_str().unwrap()]);
    assert!(out.contains("New ids for 1 items"), "{out}");
    let md = v.tmp.join("md");
    v.ok(&["export", "markdown", md.to_str().unwrap()]);

    // Huge limits are clamped, zero is refused, today is a date.
    let out = v.ok(&["search", "promotion", "--limit", "10000000000"]);
    assert_eq!(
        out.lines().filter(|l| !l.starts_with("    ")).count(),
        2,
        "{out}"
    );
    let zero = v.run(&["search", "promotion", "--limit", "0"]);
    assert_eq!(zero.status.code(), Some(2), "{}", stderr(&zero));
    assert!(!stderr(&zero).contains("No entries match"));
    let out = v.ok(&["search", "promotion after:today"]);
    assert_eq!(
        out.lines().filter(|l| !l.starts_with("    ")).count(),
        2,
        "{out}"
    );
    let out = v.run(&["search", "promotion before:yesterday"]);
    assert!(
        stderr(&out).contains("No entries match"),
        "{}",
        stderr(&out)
    );
    let long = "promo* ".repeat(15_000);
    let out = v.run(&["search", &long]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("too long"), "{}", stderr(&out));

    // A FIFO as the import file is refused at once instead of blocking.
    #[cfg(unix)]
    {
        let fifo = v.tmp.join("in.fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let start = Instant::now();
        let out = v.run(&["import", "jrnl", fifo.to_str().unwrap()]);
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn rekey_prints_a_new_code_and_old_backups_keep_only_themselves() {
    let v = Vault::new();
    v.log(&["note", "--body", "rotation canary"]);
    let file = v.tmp.join("before.age");
    let mut c = v.cmd(&["backup", "create", file.to_str().unwrap()]);
    c.env("CANDOR_BACKUP_PASSPHRASE", "backup passphrase 42");
    crate::support::assert_success(&v.run_with(c, None), &["backup", "create"]);
    let before = std::fs::read(v.dir.join("journal.db")).unwrap();
    let out = v.ok(&["rekey"]);
    assert!(out.contains("recovery code"), "{out}");
    assert_ne!(std::fs::read(v.dir.join("journal.db")).unwrap(), before);
    assert!(v.ok(&["search", "canary"]).contains("rotation"));
    // The old backup restores on its own, into another directory...
    let other = v.tmp.join("restored");
    let mut c = v.cmd(&[
        "--vault",
        other.to_str().unwrap(),
        "backup",
        "restore",
        file.to_str().unwrap(),
    ]);
    c.env("CANDOR_BACKUP_PASSPHRASE", "backup passphrase 42");
    crate::support::assert_success(&v.run_with(c, None), &["backup", "restore"]);
    // ...but its key (in its key slots) does not open the live journal.
    let live_keys = std::fs::read(v.dir.join("keys.json")).unwrap();
    std::fs::copy(other.join("keys.json"), v.dir.join("keys.json")).unwrap();
    let out = v.run(&["list"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    std::fs::write(v.dir.join("keys.json"), live_keys).unwrap();
    v.ok(&["list"]);
    let wrong = v.run(&["rekey", "--passphrase-file", "/nonexistent"]);
    assert!(!wrong.status.success());
}

#[cfg(target_os = "linux")]
#[test]
fn candor_runs_without_core_dumps() {
    let v = Vault::new();
    // `log` without --body waits on standard input: time to look at the live process.
    let mut c = v.cmd(&["log", "note"]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = c.spawn().unwrap();
    let limits = format!("/proc/{}/limits", child.id());
    let start = Instant::now();
    let mut line = String::new();
    while start.elapsed() < Duration::from_secs(10) {
        line = std::fs::read_to_string(&limits)
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .unwrap_or("")
            .to_string();
        if line.split_whitespace().skip(4).take(2).eq(["0", "0"]) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(child.stdin.take());
    let _ = child.wait();
    assert!(
        line.split_whitespace().skip(4).take(2).eq(["0", "0"]),
        "{line:?}"
    );
}

#[test]
fn recovery_code_issues_a_new_code() {
    let v = Vault::empty();
    let first = v.ok(&["init"]);
    let out = v.ok(&["recovery-code"]);
    let code = |text: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| l.len() == 39 && l.matches('-').count() == 7)
            .unwrap()
            .to_string()
    };
    let (old, new) = (code(&first), code(&out));
    assert_ne!(old, new);
    let recover = |code: &str| {
        let mut c = v.cmd(&["recover"]);
        c.env("CANDOR_RECOVERY_CODE", code)
            .env("CANDOR_NEW_PASSPHRASE", crate::support::PASS);
        v.run_with(c, None)
    };
    assert_eq!(recover(&old).status.code(), Some(3));
    assert!(recover(&new).status.success());
}

/// A small tmpfs, unmounted when dropped; `None` where mounting is not allowed (not root).
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs(dir))
    }

    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.0.path().join("fill")).unwrap();
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

#[test]
fn reading_works_on_a_full_disk() {
    let Some(fs) = Tmpfs::mount("8m") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let v = Vault::new();
    let id = v.log(&["note", "--body", "Fulldisk canary words"]);
    let id = id.trim();
    // The journal, closed cleanly, moved onto the small file system, which is then full.
    let dir = fs.0.path().join("vault");
    std::fs::create_dir(&dir).unwrap();
    for f in ["journal.db", "keys.json"] {
        std::fs::copy(v.dir.join(f), dir.join(f)).unwrap();
    }
    fs.fill();
    let run = |args: &[&str]| {
        let mut c = v.cmd(args);
        c.env("CANDOR_VAULT", &dir);
        c.output().unwrap()
    };
    for args in [
        vec!["list"],
        vec!["search", "canary"],
        vec!["show", id],
        vec!["person", "list"],
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    assert!(String::from_utf8_lossy(&run(&["search", "canary"]).stdout).contains("canary"));
    // A write fails with a message, not a panic.
    let out = run(&["log", "note", "--body", "more"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
    assert!(stderr(&out).contains("free some space"), "{}", stderr(&out));
}

#[test]
fn a_backup_needs_no_space_beside_the_journal_and_a_failed_one_leaves_nothing() {
    let (Some(full), Some(small)) = (Tmpfs::mount("8m"), Tmpfs::mount("300k")) else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let v = Vault::new();
    for i in 0..50 {
        v.log(&[
            "note",
            "--body",
            &format!("Entry {i} {}", "words ".repeat(100)),
        ]);
    }
    let dir = full.0.path().join("vault");
    std::fs::create_dir(&dir).unwrap();
    for f in ["journal.db", "keys.json"] {
        std::fs::copy(v.dir.join(f), dir.join(f)).unwrap();
    }
    full.fill();
    let backup = |to: &Path| {
        let mut c = v.cmd(&["backup", "create", to.to_str().unwrap()]);
        c.env("CANDOR_VAULT", &dir)
            .env("CANDOR_BACKUP_PASSPHRASE", "a long backup passphrase");
        c.output().unwrap()
    };
    // The journal's disk is full; the backup goes to another one.
    let out = backup(&v.tmp.join("b.age"));
    assert!(out.status.success(), "{}", stderr(&out));
    // A target disk too small: the backup fails and removes what it wrote.
    let out = backup(&small.0.path().join("b.age"));
    assert!(!out.status.success());
    let left: Vec<_> = std::fs::read_dir(small.0.path())
        .unwrap()
        .flatten()
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
