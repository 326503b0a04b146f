//! Backup and import numbers, printed as JSON: backup create and verify throughput (MB/s),
//! restore time, and the speed of importing a jrnl file, on the deterministic demo journal.
//!
//! `backup-bench [--sizes 10000,100000]` (or `CANDOR_BENCH_SIZES`); release build.
//! Backups here are encrypted to an X25519 recipient, so the numbers measure the snapshot,
//! the streaming cipher and the checks; a passphrase backup adds age's scrypt (about one
//! second by design) to create and to verify, reported separately as `scrypt_s`.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use candor_engine::backup::{self, AgeIdentity, Protection, Unlock};
use candor_engine::demo::{self, DemoOptions};
use candor_engine::model::EntryFilter;
use candor_engine::transfer::{self, Source};
use candor_engine::{vault, SecretString};
use chrono::NaiveDate;
use serde_json::{json, Value};

mod common;

use common::Res;

const PASS: &str = "candor benchmark passphrase";

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn scratch(name: &str) -> Res<PathBuf> {
    let dir =
        std::env::temp_dir().join(format!("candor-backup-bench-{}-{name}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The journal's entries as a jrnl plain-text file.
fn write_jrnl(j: &candor_engine::Journal, path: &Path) -> Res<usize> {
    use std::fmt::Write;
    let mut entries = j.entries(&EntryFilter::default())?;
    entries.reverse();
    let mut text = String::new();
    for (i, e) in entries.iter().enumerate() {
        let title = e.title.replace(['.', '?', '!', '\n'], " ");
        let body = e
            .body
            .lines()
            .filter(|l| !l.starts_with('['))
            .collect::<Vec<_>>()
            .join("\n");
        writeln!(
            text,
            "[{} {:02}:{:02}] {}.\n{}\n",
            e.date,
            8 + i % 10,
            i % 60,
            title.trim(),
            body.trim_end()
        )?;
    }
    std::fs::write(path, text)?;
    Ok(entries.len())
}

fn run_size(n: usize) -> Res<Value> {
    let root = scratch(&n.to_string())?;
    let dir = root.join("vault");
    let pass = SecretString::from(PASS.to_string());
    let (mut j, _) = vault::create(&dir, &pass)?;
    demo::generate(
        &mut j,
        &DemoOptions {
            entries: n,
            seed: 42,
            end: NaiveDate::from_ymd_opt(2026, 6, 30).ok_or("date")?,
        },
        &mut |_, _| {},
    )?;
    drop(j);
    let key = vault::unlock(&dir, &pass)?;
    let j = vault::open_with_key(&dir, &key)?;
    let db_bytes = std::fs::metadata(vault::db_path(&dir))?.len();

    // Create (snapshot + encrypt + fsync + read-back verification).
    let id = AgeIdentity::generate();
    let file = root.join("backup.age");
    let t = Instant::now();
    let report = backup::create(
        &j,
        &key,
        &file,
        &Protection::Recipients(vec![id.to_public()]),
        false,
        &mut |_, _| {},
    )?;
    let create_s = t.elapsed().as_secs_f64();

    // Verify (decrypt to the end, checksum, integrity check, counts).
    let unlock = Unlock::Identities(vec![id]);
    let t = Instant::now();
    backup::verify(&file, &unlock, &mut |_, _| {})?;
    let verify_s = t.elapsed().as_secs_f64();

    // Restore into a new directory (unpack, check, open, swap in).
    let target = root.join("restored");
    let t = Instant::now();
    backup::restore(&file, &unlock, &target, &mut |_, _| {})?;
    let restore_s = t.elapsed().as_secs_f64();

    // Passphrase mode: the same plus scrypt on create and on the read-back.
    let pfile = root.join("backup-pass.age");
    let t = Instant::now();
    backup::create(
        &j,
        &key,
        &pfile,
        &Protection::Passphrase(SecretString::from("bench backup passphrase".to_string())),
        false,
        &mut |_, _| {},
    )?;
    let create_pass_s = t.elapsed().as_secs_f64();

    // Import a jrnl file of the same entries into a new journal.
    let jrnl = root.join("journal.txt");
    let count = write_jrnl(&j, &jrnl)?;
    let jrnl_bytes = std::fs::metadata(&jrnl)?.len();
    drop(j);
    let (mut fresh, _) = vault::create(&root.join("imported"), &pass)?;
    let t = Instant::now();
    let r = transfer::import(&mut fresh, Source::Jrnl, &jrnl, &mut |_, _| {})?;
    let import_s = t.elapsed().as_secs_f64();
    drop(fresh);

    let payload = report.payload_bytes;
    let out = json!({
        "entries": n,
        "database_mb": round(mb(db_bytes)),
        "backup_mb": round(mb(report.bytes)),
        "create": {
            "seconds": round(create_s),
            "mb_per_s": round(mb(payload) / create_s),
            "note": "snapshot + integrity check + encrypt + fsync + decrypt-to-end check",
        },
        "create_with_passphrase_seconds": round(create_pass_s),
        "verify": {"seconds": round(verify_s), "mb_per_s": round(mb(payload) / verify_s)},
        "restore_seconds": round(restore_s),
        "import_jrnl": {
            "entries": count,
            "imported": r.entries,
            "file_mb": round(mb(jrnl_bytes)),
            "seconds": round(import_s),
            "entries_per_s": round(r.entries as f64 / import_s),
        },
    });
    std::fs::remove_dir_all(&root)?;
    Ok(out)
}

fn main() -> std::process::ExitCode {
    common::report(
        "backup-bench",
        "10000",
        run_size,
        |results| json!({"benchmark": "candor backup, restore and import, release build", "results": results}),
    )
}
