//! Sync numbers, printed as JSON, on the deterministic demo journal: what a save adds to
//! write its segment (p50/p99, against the same save in a journal that does not sync),
//! applying 1,000 operations from another device, a full join of a new device, and the
//! folder's size against the database's before and after compaction.
//!
//! `sync-bench [--sizes 10000]` (or `CANDOR_BENCH_SIZES`); release build.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use candor_engine::demo::{self, DemoOptions};
use candor_engine::model::{EntryPatch, Kind, NewEntry};
use candor_engine::{sync, vault, Journal, SecretString};
use chrono::NaiveDate;
use serde_json::{json, Value};

mod common;

use common::Res;

const PASS: &str = "candor benchmark passphrase";
const SAVES: usize = 300;
const REMOTE_OPS: usize = 1000;

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    round(sorted[i.min(sorted.len() - 1)])
}

fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            total += if p.is_dir() {
                dir_bytes(&p)
            } else {
                std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0)
            };
        }
    }
    total
}

fn note(i: usize) -> NewEntry {
    NewEntry {
        kind: Some(Kind::OneOnOne),
        date: NaiveDate::from_ymd_opt(2026, 6, 30),
        person: Some("Priya Raman".into()),
        title: Some(format!("Bench save {i}")),
        body: format!("A quick note after the one-on-one, number {i}, about the migration."),
        ..Default::default()
    }
}

/// Milliseconds per save, sorted.
fn saves(j: &mut Journal, from: usize) -> Res<Vec<f64>> {
    let mut ms = Vec::with_capacity(SAVES);
    for i in 0..SAVES {
        let t = Instant::now();
        j.log(note(from + i))?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    Ok(ms)
}

fn filled(dir: &Path, n: usize) -> Res<Journal> {
    let pass = SecretString::from(PASS.to_string());
    let (mut j, _) = vault::create(dir, &pass)?;
    demo::generate(
        &mut j,
        &DemoOptions {
            entries: n,
            seed: 42,
            end: NaiveDate::from_ymd_opt(2026, 6, 30).ok_or("date")?,
        },
        &mut |_, _| {},
    )?;
    Ok(j)
}

fn run_size(n: usize) -> Res<Value> {
    let root: PathBuf =
        std::env::temp_dir().join(format!("candor-sync-bench-{}-{n}", std::process::id()));
    if root.exists() {
        std::fs::remove_dir_all(&root)?;
    }
    std::fs::create_dir_all(&root)?;
    let pass = SecretString::from(PASS.to_string());
    let folder = root.join("Sync");

    // The same saves in a journal that does not sync: the yardstick.
    let mut plain = filled(&root.join("plain"), n)?;
    let plain_ms = saves(&mut plain, 0)?;
    drop(plain);

    let mut a = filled(&root.join("a"), n)?;
    let t = Instant::now();
    a.sync_setup(&folder, &pass)?;
    let setup_s = t.elapsed().as_secs_f64();
    let synced_ms = saves(&mut a, 0)?;

    // A new device replays everything.
    let t = Instant::now();
    let (mut b, _) = sync::join(&folder, &root.join("b"), &pass, &mut |_, _| {})?;
    let join_s = t.elapsed().as_secs_f64();

    // 1,000 operations from B (edits of existing entries) applied on A.
    let ids: Vec<String> = b
        .entries(&Default::default())?
        .into_iter()
        .take(REMOTE_OPS)
        .map(|e| e.id)
        .collect();
    for (i, id) in ids.iter().enumerate() {
        b.edit(
            id,
            EntryPatch {
                body: Some(format!("Edited on the other device ({i}).")),
                ..Default::default()
            },
        )?;
    }
    let t = Instant::now();
    let report = a.sync_now()?;
    let apply_ms = t.elapsed().as_secs_f64() * 1000.0;

    let db_bytes = std::fs::metadata(vault::db_path(&root.join("a")))?.len();
    let folder_before = dir_bytes(&folder);
    b.sync_now()?;
    a.sync_compact()?;
    b.sync_now()?;
    b.sync_compact()?;
    a.sync_now()?;
    let folder_after = dir_bytes(&folder);

    let out = json!({
        "entries": n,
        "save_ms_without_sync": {"p50": pct(&plain_ms, 0.5), "p99": pct(&plain_ms, 0.99)},
        "save_ms_with_sync": {"p50": pct(&synced_ms, 0.5), "p99": pct(&synced_ms, 0.99)},
        "segment_write_adds_ms": {
            "p50": round(pct(&synced_ms, 0.5) - pct(&plain_ms, 0.5)),
            "p99": round(pct(&synced_ms, 0.99) - pct(&plain_ms, 0.99)),
            "budget_p99": 5.0,
        },
        "setup_seconds": round(setup_s),
        "join_seconds": {"value": round(join_s), "budget": 15.0},
        "apply_remote_ops": {
            "operations": report.applied,
            "segments": report.segments,
            "ms": round(apply_ms),
            "budget_ms": 200.0,
        },
        "database_mb": round(db_bytes as f64 / 1e6),
        "folder_mb_before_compaction": round(folder_before as f64 / 1e6),
        "folder_mb_after_compaction": round(folder_after as f64 / 1e6),
    });
    drop(a);
    drop(b);
    std::fs::remove_dir_all(&root)?;
    Ok(out)
}

fn main() -> std::process::ExitCode {
    common::report(
        "sync-bench",
        "10000",
        run_size,
        |results| json!({"benchmark": "candor sync through a folder, release build", "results": results}),
    )
}
