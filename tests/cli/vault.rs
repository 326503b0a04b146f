//! Creating, unlocking and rekeying the journal, and what bad input does.

use crate::support::{snapshot, stderr, Vault, PASS};

#[test]
fn init_shows_recovery_code_once_and_refuses_to_overwrite() {
    let v = Vault::empty();
    let out = v.ok(&["init"]);
    assert!(out.contains("recovery code"), "{out}");
    assert!(out.contains("ONLY way back"), "{out}");
    let code = out
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 39 && l.matches('-').count() == 7)
        .expect("a recovery code line");
    assert!(!code.is_empty());
    let files: Vec<_> = std::fs::read_dir(&v.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(files.iter().any(|f| f == "journal.db") && files.iter().any(|f| f == "keys.json"));

    let before = snapshot(&v.dir);
    let again = v.run(&["init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(before, snapshot(&v.dir));
}

#[test]
fn wrong_passphrase_exits_3_and_changes_no_byte() {
    let v = Vault::new();
    v.log(&["note", "--body", "something"]);
    let before = snapshot(&v.dir);
    for args in [
        vec!["list"],
        vec!["log", "note", "--body", "x"],
        vec!["passwd"],
    ] {
        let mut c = v.cmd(&args);
        c.env("CANDOR_PASSPHRASE", "not the passphrase")
            .env("CANDOR_NEW_PASSPHRASE", "whatever new one");
        let out = v.run_with(c, None);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("wrong passphrase"), "{err}");
        assert_eq!(err.lines().count(), 1, "one line, no backtrace: {err}");
    }
    assert_eq!(before, snapshot(&v.dir));
}

#[test]
fn passphrase_file_and_missing_journal() {
    let v = Vault::new();
    let file = v.tmp.join("pass.txt");
    std::fs::write(&file, format!("{PASS}\n")).unwrap();
    let mut c = v.cmd(&["list", "--passphrase-file", file.to_str().unwrap()]);
    c.env_remove("CANDOR_PASSPHRASE");
    assert!(v.run_with(c, None).status.success());

    let nowhere = Vault::empty();
    let out = nowhere.run(&["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no journal"), "{}", stderr(&out));
    assert!(!nowhere.dir.exists());
}

#[test]
fn passwd_and_recover() {
    let v = Vault::empty();
    let out = v.ok(&["init"]);
    let code = out
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 39 && l.matches('-').count() == 7)
        .unwrap()
        .to_string();
    let id = v.log(&["reflection", "--body", "kept across passphrases"]);

    let mut c = v.cmd(&["passwd"]);
    c.env("CANDOR_NEW_PASSPHRASE", "a brand new passphrase");
    assert!(v.run_with(c, None).status.success());
    assert_eq!(v.run(&["list"]).status.code(), Some(3));
    let mut c = v.cmd(&["show", &id]);
    c.env("CANDOR_PASSPHRASE", "a brand new passphrase");
    assert!(v.run_with(c, None).status.success());

    // Recovery with a wrong code: exit 3; with the real one (typed sloppily): works.
    let mut c = v.cmd(&["recover"]);
    c.env(
        "CANDOR_RECOVERY_CODE",
        "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
    )
    .env("CANDOR_NEW_PASSPHRASE", "recovered passphrase");
    let out = v.run_with(c, None);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("wrong recovery code"));
    let mut c = v.cmd(&["recover"]);
    c.env(
        "CANDOR_RECOVERY_CODE",
        code.to_lowercase().replace('-', " "),
    )
    .env("CANDOR_NEW_PASSPHRASE", "recovered passphrase");
    assert!(v.run_with(c, None).status.success());
    let mut c = v.cmd(&["show", &id]);
    c.env("CANDOR_PASSPHRASE", "recovered passphrase");
    let out = v.run_with(c, None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("kept across passphrases"));
}

#[test]
fn damaged_files_point_at_a_backup() {
    let v = Vault::new();
    v.log(&["note", "--body", "hello"]);
    let db = v.dir.join("journal.db");
    let keys = v.dir.join("keys.json");
    let db_bytes = std::fs::read(&db).unwrap();
    let key_bytes = std::fs::read(&keys).unwrap();

    // Truncated database.
    std::fs::write(&db, &db_bytes[..db_bytes.len() / 2 + 7]).unwrap();
    let out = v.run(&["list"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("damaged") && stderr(&out).contains("backup"));

    // A flipped byte in the first page.
    let mut flipped = db_bytes.clone();
    flipped[200] ^= 0x55;
    std::fs::write(&db, &flipped).unwrap();
    let out = v.run(&["list"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("damaged"));
    assert_eq!(
        stderr(&out).lines().count(),
        1,
        "one line: {}",
        stderr(&out)
    );
    std::fs::write(&db, &db_bytes).unwrap();

    // Garbage key file.
    std::fs::write(&keys, b"{\"format\": 1, \"cipher\"").unwrap();
    let out = v.run(&["list"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("damaged"));
    std::fs::write(&keys, &key_bytes).unwrap();

    // A key file from the future.
    let future = String::from_utf8(key_bytes.clone())
        .unwrap()
        .replace("\"format\": 1", "\"format\": 99");
    std::fs::write(&keys, future).unwrap();
    let out = v.run(&["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("newer version"), "{}", stderr(&out));
    std::fs::write(&keys, &key_bytes).unwrap();

    v.ok(&["list"]);
}
