//! Taking in what other devices wrote: each device's segments in order, checked, then all
//! their operations applied in clock order in one transaction (with the search index and
//! the analysis following through the same change tracking as a local save).
//!
//! Per record the later clock wins. When two devices changed one entry without either
//! having seen the other's change (their bases differ) and the texts differ, the losing
//! version is kept: as a revision of the entry and as a conflict to resolve.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, ErrorCode, OptionalExtension};
use serde::Serialize;

use super::outbox::{self, Clock};
use super::segment::{self, Batch, Op, Unreadable};
use super::state::{self, State};
use super::{folder, hlc, records, SyncError};
use crate::Journal;

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApplyReport {
    /// Operations written out from this device.
    pub sent: u64,
    /// Segments read and operations in them that changed something here.
    pub segments: u64,
    pub applied: u64,
    pub conflicts: u64,
    /// Devices whose next segment could not be read yet, and why (it is retried).
    pub waiting: Vec<String>,
}

struct Incoming {
    device: String,
    seq: i64,
    batch: Batch,
}

/// Writes local changes, then applies every readable new segment.
pub(crate) fn sync(
    j: &mut Journal,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ApplyReport, SyncError> {
    let mut report = ApplyReport {
        sent: outbox::flush(j)? as u64,
        ..Default::default()
    };
    // A key file that had to wait for the folder goes first.
    state::write_pending_journal_file(j)?;
    let s = state::require(j.conn())?;
    let file = folder::JournalFile::read(&s.folder, &s.journal_id).map_err(|e| match e {
        SyncError::Folder(_) => SyncError::Folder(format!(
            "{}: not found",
            folder::journal_dir(&s.folder, &s.journal_id).display()
        )),
        other => other,
    })?;
    let keys = state::keys(j.conn())?;
    if let Some(k) = keys.get(&file.epoch) {
        if !file.accepts(k) {
            return Err(SyncError::OtherJournal);
        }
    }
    let key_for = |e: u32| keys.get(&e).copied();
    let incoming = read_new(j.conn(), &s, &key_for, &mut report, progress)?;
    if incoming.is_empty() {
        outbox_ack(j, &s, &keys);
        return Ok(report);
    }
    let mut ops: Vec<&Op> = incoming.iter().flat_map(|i| i.batch.ops.iter()).collect();
    ops.sort_by(|a, b| (a.h, &a.d).cmp(&(b.h, &b.d)));
    report.segments = incoming.len() as u64;
    let device = s.device_id.clone();
    let (applied, conflicts) = j.write_tx(|tx| -> Result<(u64, u64), SyncError> {
        let before: i64 =
            tx.query_row("SELECT coalesce(max(seq), 0) FROM sync_outbox", [], |r| {
                r.get(0)
            })?;
        let mut tally = Tally::default();
        let mut newest = s.hlc;
        for op in &ops {
            apply_op(tx, &device, op, &mut tally)?;
            newest = hlc::observe(newest, op.h, hlc::wall_ms());
        }
        retry_pending(tx, &device, &mut tally)?;
        for i in &incoming {
            let seen = i.batch.ops.iter().map(|o| o.h).max();
            tx.execute(
                "INSERT INTO sync_applied (device, seq, last_seen) VALUES (?1, ?2, ?3)
                 ON CONFLICT(device) DO UPDATE SET seq = max(seq, excluded.seq),
                     last_seen = coalesce(excluded.last_seen, last_seen)",
                params![i.device, i.seq, seen],
            )?;
        }
        tx.execute(
            "UPDATE sync_state SET hlc = max(hlc, ?1) WHERE id = 1",
            [newest],
        )?;
        // What applying changed is not a local change to send back.
        tx.execute("DELETE FROM sync_outbox WHERE seq > ?1", [before])?;
        Ok((tally.applied, tally.conflicts))
    })?;
    report.applied = applied;
    report.conflicts = conflicts;
    outbox_ack(j, &s, &keys);
    Ok(report)
}

/// Tells the other devices (through this device's directory) what it has applied.
fn outbox_ack(j: &Journal, s: &State, keys: &BTreeMap<u32, [u8; 32]>) {
    let Some(key) = keys.get(&s.epoch) else {
        return;
    };
    let Ok(mut applied) = applied_vector(j.conn()) else {
        return;
    };
    let own = state::load(j.conn()).ok().flatten().map(|s| s.next_seq - 1);
    applied.insert(s.device_id.clone(), own.unwrap_or(0));
    if outbox::own_dir(s).is_ok() {
        let _ = folder::write_applied(
            &s.folder,
            &s.journal_id,
            &s.device_id,
            key,
            s.epoch,
            &applied,
        );
    }
}

pub(crate) fn applied_vector(conn: &Connection) -> rusqlite::Result<BTreeMap<String, i64>> {
    let mut stmt = conn.prepare("SELECT device, seq FROM sync_applied")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Each other device's segments after the last one applied, in order, up to the first
/// that cannot be read yet (a missing number is never skipped: it may still be arriving).
fn read_new(
    conn: &Connection,
    s: &State,
    key_for: &dyn Fn(u32) -> Option<[u8; 32]>,
    report: &mut ApplyReport,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Incoming>, SyncError> {
    let applied = applied_vector(conn)?;
    let mut todo = Vec::new();
    for device in state::device_ids(s)? {
        if device == s.device_id {
            continue;
        }
        let done = applied.get(&device).copied().unwrap_or(0);
        let dir = folder::device_dir(&s.folder, &s.journal_id, &device);
        let segs = segment::list(&dir).map_err(folder::io(&dir))?;
        todo.push((device, done, segs));
    }
    let total: usize = todo
        .iter()
        .map(|(_, done, segs)| segs.iter().filter(|(n, _)| n > done).count())
        .sum();
    let mut out = Vec::new();
    for (device, done, segs) in todo {
        let mut expect = done + 1;
        // A device this one has never heard from starts at its first segment, or, after
        // compaction removed that, at its newest snapshot.
        let mut started = done > 0;
        for (seq, path) in segs.into_iter().filter(|(n, _)| *n > done) {
            if started && seq != expect {
                report.waiting.push(format!(
                    "{}: segment {expect} has not arrived",
                    short(&device)
                ));
                break;
            }
            let bytes = match segment::read_capped(&path) {
                Ok(b) => b,
                Err(_) => {
                    report
                        .waiting
                        .push(format!("{}: segment {seq} cannot be read", short(&device)));
                    break;
                }
            };
            match segment::open(&bytes, key_for, &s.journal_id, &device, seq) {
                Ok(batch) => {
                    if !started && seq != 1 && batch.covers.is_none() {
                        continue;
                    }
                    started = true;
                    out.push(Incoming {
                        device: device.clone(),
                        seq,
                        batch,
                    });
                    progress(out.len(), total);
                    expect = seq + 1;
                }
                Err(why) => {
                    report.waiting.push(format!(
                        "{}: segment {seq} {}",
                        short(&device),
                        match why {
                            Unreadable::Incomplete => "is incomplete or damaged (retried later)".to_string(),
                            Unreadable::UnknownKey(e) => format!(
                                "uses key {e}, which this device does not have yet (unlock with the passphrase)"
                            ),
                            Unreadable::TooNew(f) => format!(
                                "was written by a newer version of Candor (format {f})"
                            ),
                        }
                    ));
                    break;
                }
            }
        }
    }
    Ok(out)
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

#[derive(Default)]
struct Tally {
    applied: u64,
    conflicts: u64,
}

enum Written {
    Yes,
    /// A record it refers to has not arrived: kept for later.
    Waiting,
}

fn apply_op(conn: &Connection, device: &str, op: &Op, tally: &mut Tally) -> Result<(), SyncError> {
    if op.d == device {
        return Ok(()); // this device's own write, come back in another's snapshot
    }
    let Some(t) = records::table(&op.t) else {
        return Ok(()); // a record type from a newer version
    };
    let current = outbox::clock(conn, &op.t, &op.k)?;
    let decision = decide(current.as_ref(), op);
    if matches!(decision, Decision::Skip) {
        return Ok(());
    }
    let local = records::read(conn, t, &op.k)?;
    let concurrent = matches!(decision, Decision::Concurrent { .. });
    let content_differs = !records::same_content(local.as_ref(), op.r.as_ref());
    let wins = matches!(
        decision,
        Decision::Win | Decision::Concurrent { wins: true }
    );
    if wins {
        if content_differs && t.name == "entries" {
            if let Some(old) = &local {
                keep_revision(conn, old)?;
            }
        }
        match write(conn, t, op)? {
            Written::Yes => {
                outbox::set_clock(conn, op)?;
                tally.applied += 1;
            }
            Written::Waiting => {
                conn.execute(
                    "INSERT INTO sync_pending (hlc, op) VALUES (?1, ?2)",
                    params![op.h, serde_json::to_string(op).unwrap_or_default()],
                )?;
                return Ok(());
            }
        }
    }
    if op.x {
        conn.execute(
            "DELETE FROM sync_conflicts WHERE entry_id = ?1",
            [entry_id(&op.k)],
        )?;
    } else if concurrent && content_differs && t.name == "entries" {
        let (loser, loser_local) = if wins {
            (local, true)
        } else {
            if let Some(theirs) = &op.r {
                keep_their_revision(conn, t, theirs)?;
            }
            (op.r.clone(), false)
        };
        let winner_hlc = if wins {
            op.h
        } else {
            current.map(|c| c.hlc).unwrap_or(0)
        };
        conn.execute(
            "INSERT INTO sync_conflicts (id, entry_id, loser, loser_local, winner_hlc, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                crate::model::new_id(),
                entry_id(&op.k),
                loser.map(|r| serde_json::Value::Object(r).to_string()),
                loser_local,
                winner_hlc,
                crate::model::now()
            ],
        )?;
        tally.conflicts += 1;
    }
    Ok(())
}

pub(crate) fn entry_id(key: &str) -> String {
    serde_json::from_str::<Vec<String>>(key)
        .ok()
        .and_then(|v| v.into_iter().next())
        .unwrap_or_default()
}

enum Decision {
    /// Already here, or older than what is here and built on by it.
    Skip,
    /// Built on what is here (or the first this device hears of the record).
    Win,
    /// Made without seeing what is here.
    Concurrent { wins: bool },
}

fn decide(current: Option<&Clock>, op: &Op) -> Decision {
    let Some(c) = current else {
        return Decision::Win;
    };
    if c.hlc == op.h && c.device == op.d {
        return Decision::Skip;
    }
    if c.base == op.h && c.hlc > op.h {
        return Decision::Skip; // what is here was made on top of this
    }
    if op.b == c.hlc {
        return Decision::Win;
    }
    Decision::Concurrent {
        wins: (op.h, op.d.as_str()) > (c.hlc, c.device.as_str()),
    }
}

/// The version being replaced becomes a revision, so `history` shows it.
fn keep_revision(conn: &Connection, old: &records::Row) -> Result<(), SyncError> {
    if let Some(id) = old.get("id").and_then(|v| v.as_str()) {
        if let Ok(e) = crate::model::entries::get_entry(conn, id) {
            crate::model::entries::save_revision(conn, &e)?;
        }
    }
    Ok(())
}

/// The other device's losing version becomes a revision too: read back as an entry from a
/// write that is then rolled back.
fn keep_their_revision(
    conn: &Connection,
    t: &records::Table,
    theirs: &records::Row,
) -> Result<(), SyncError> {
    let Some(id) = theirs.get("id").and_then(|v| v.as_str()) else {
        return Ok(());
    };
    conn.execute_batch("SAVEPOINT sync_theirs")?;
    let entry = records::upsert(conn, t, theirs)
        .ok()
        .and_then(|_| crate::model::entries::get_entry(conn, id).ok());
    conn.execute_batch("ROLLBACK TO sync_theirs; RELEASE sync_theirs")?;
    if let Some(e) = entry {
        crate::model::entries::save_revision(conn, &e)?;
    }
    Ok(())
}

/// Writes an operation's state inside a savepoint, so a row that refers to a record not
/// here yet (or a name taken here) fails alone.
fn write(conn: &Connection, t: &records::Table, op: &Op) -> Result<Written, SyncError> {
    conn.execute_batch("SAVEPOINT sync_op")?;
    let result = match &op.r {
        Some(row) => upsert_row(conn, t, row),
        None => records::delete(conn, t, &op.k),
    };
    match result {
        Ok(()) => {
            conn.execute_batch("RELEASE sync_op")?;
            Ok(Written::Yes)
        }
        Err(e) if is_constraint(&e) => {
            conn.execute_batch("ROLLBACK TO sync_op; RELEASE sync_op")?;
            Ok(Written::Waiting)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO sync_op; RELEASE sync_op")?;
            Err(e.into())
        }
    }
}

fn is_constraint(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == ErrorCode::ConstraintViolation)
}

/// People's names are unique (ignoring case). Two devices that each added "Sam Lee" keep
/// both: the one with the larger id becomes "Sam Lee (7QX2)", after the end of its id,
/// decided the same way on every device in any order of arrival, so they agree.
fn upsert_row(conn: &Connection, t: &records::Table, row: &records::Row) -> rusqlite::Result<()> {
    if t.name != "people" {
        return records::upsert(conn, t, row);
    }
    let text = |r: &records::Row, k: &str| {
        r.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let id = text(row, "id");
    let mut row = row.clone();
    for _ in 0..4 {
        let holder: Option<(String, String)> = conn
            .query_row(
                "SELECT id, name FROM people WHERE name_key = ?1 AND id <> ?2",
                params![text(&row, "name_key"), id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((other, other_name)) = holder else {
            break;
        };
        if other < id {
            let renamed = tagged(&text(&row, "name"), &id);
            row.insert("name_key".into(), renamed.to_lowercase().into());
            row.insert("name".into(), renamed.into());
        } else {
            let renamed = tagged(&other_name, &other);
            conn.execute(
                "UPDATE people SET name = ?1, name_key = ?2 WHERE id = ?3",
                params![renamed, renamed.to_lowercase(), other],
            )?;
        }
    }
    records::upsert(conn, t, &row)
}

fn tagged(name: &str, id: &str) -> String {
    let tag = id.get(id.len().saturating_sub(4)..).unwrap_or(id);
    format!("{name} ({tag})")
}

/// Operations that waited for a record: applied in clock order once it is here.
fn retry_pending(conn: &Connection, device: &str, tally: &mut Tally) -> Result<(), SyncError> {
    loop {
        let waiting: Vec<(i64, String)> = {
            let mut stmt = conn.prepare("SELECT id, op FROM sync_pending ORDER BY hlc, id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let before = waiting.len();
        for (id, text) in waiting {
            conn.execute("DELETE FROM sync_pending WHERE id = ?1", [id])?;
            if let Ok(op) = serde_json::from_str::<Op>(&text) {
                apply_op(conn, device, &op, tally)?;
            }
        }
        let after: usize = conn.query_row("SELECT count(*) FROM sync_pending", [], |r| r.get(0))?;
        if after == 0 || after >= before {
            return Ok(());
        }
    }
}
