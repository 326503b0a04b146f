//! Writing local changes out: the records the triggers queued become one segment in this
//! device's directory, each with a new clock.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::segment::{self, Batch, Op};
use super::state::{self, State};
use super::{folder, hlc, records, SyncError};
use crate::Journal;

/// A segment holds at most this many operations; a first upload of a large journal is
/// several segments.
const OPS_PER_SEGMENT: i64 = 5000;

pub(crate) fn has_pending(conn: &Connection) -> bool {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM sync_outbox)", [], |r| {
        r.get::<_, bool>(0)
    })
    .unwrap_or(false)
}

pub(crate) struct Clock {
    pub hlc: i64,
    pub device: String,
    pub base: i64,
}

pub(crate) fn clock(conn: &Connection, tbl: &str, key: &str) -> rusqlite::Result<Option<Clock>> {
    conn.prepare_cached("SELECT hlc, device, base FROM sync_clock WHERE tbl = ?1 AND key = ?2")?
        .query_row(params![tbl, key], |r| {
            Ok(Clock {
                hlc: r.get(0)?,
                device: r.get(1)?,
                base: r.get(2)?,
            })
        })
        .optional()
}

pub(crate) fn set_clock(conn: &Connection, op: &Op) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_clock (tbl, key, hlc, device, base, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(tbl, key) DO UPDATE SET hlc = excluded.hlc, device = excluded.device,
             base = excluded.base, deleted = excluded.deleted",
    )?
    .execute(params![op.t, op.k, op.h, op.d, op.b, op.r.is_none()])?;
    Ok(())
}

/// The folder's directory for this device, which must be reachable: a folder that is
/// away (an unplugged disk, an unmounted share) is never created anew in its place.
pub(crate) fn own_dir(s: &State) -> Result<std::path::PathBuf, SyncError> {
    let journal_dir = folder::journal_dir(&s.folder, &s.journal_id);
    if !journal_dir.join(folder::JOURNAL_FILE).is_file() {
        return Err(SyncError::Folder(format!(
            "{}: not found",
            journal_dir.display()
        )));
    }
    let dir = folder::device_dir(&s.folder, &s.journal_id, &s.device_id);
    crate::owner_only::create_dir_all(&dir).map_err(folder::io(&dir))?;
    Ok(dir)
}

/// Writes every queued change; returns how many operations went out.
pub(crate) fn flush(j: &mut Journal) -> Result<usize, SyncError> {
    let mut total = 0;
    loop {
        let written = flush_one(j)?;
        if written == 0 {
            return Ok(total);
        }
        total += written;
    }
}

fn flush_one(j: &mut Journal) -> Result<usize, SyncError> {
    let conn = j.conn();
    let Some(mut s) = state::load(conn)? else {
        return Ok(0);
    };
    if !has_pending(conn) {
        return Ok(0);
    }
    let keys = state::keys(conn)?;
    let key = *keys
        .get(&s.epoch)
        .ok_or(SyncError::Damaged("this device's sync key is missing"))?;
    let dir = own_dir(&s)?;
    let key_for = |e: u32| keys.get(&e).copied();
    // A segment written just before a crash (before its transaction committed) keeps its
    // number: skip past it, and past its clocks, so that nothing newer sorts before it.
    while dir.join(segment::file_name(s.next_seq)).exists() {
        let path = dir.join(segment::file_name(s.next_seq));
        if let Ok(Ok(batch)) = segment::read_capped(&path)
            .map(|b| segment::open(&b, &key_for, &s.journal_id, &s.device_id, s.next_seq))
        {
            let newest = batch.ops.iter().map(|o| o.h).max().unwrap_or(0);
            s.hlc = s.hlc.max(newest);
        }
        s.next_seq += 1;
    }
    let tx = j
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let queued: Vec<(i64, String, String)> = {
        let mut stmt = tx.prepare("SELECT seq, tbl, key FROM sync_outbox ORDER BY seq LIMIT ?1")?;
        let rows = stmt.query_map([OPS_PER_SEGMENT], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let Some(last) = queued.last().map(|q| q.0) else {
        return Ok(0);
    };
    let resolving: HashSet<String> = {
        let mut stmt = tx.prepare("SELECT key FROM sync_resolutions")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut seen = HashSet::new();
    let mut ops = Vec::new();
    let mut clock_now = s.hlc;
    for (_, tbl, key) in &queued {
        let Some(t) = records::table(tbl) else {
            continue;
        };
        if !seen.insert((tbl.clone(), key.clone())) {
            continue;
        }
        let row = records::read(&tx, t, key)?;
        let base = clock(&tx, tbl, key)?.map(|c| c.hlc).unwrap_or(0);
        clock_now = hlc::tick(clock_now, hlc::wall_ms());
        let op = Op {
            t: tbl.clone(),
            k: key.clone(),
            r: row,
            h: clock_now,
            d: s.device_id.clone(),
            b: base,
            x: tbl == "entries" && resolving.contains(key),
        };
        set_clock(&tx, &op)?;
        ops.push(op);
    }
    let batch = Batch {
        format: segment::FORMAT,
        ops,
        covers: None,
    };
    let count = batch.ops.len();
    if count > 0 {
        let bytes = segment::seal(
            &key,
            s.epoch,
            &s.journal_id,
            &s.device_id,
            s.next_seq,
            &batch,
        )?;
        let name = segment::file_name(s.next_seq);
        if !segment::write_once(&dir, &name, &bytes).map_err(folder::io(&dir.join(&name)))? {
            // Another writer took the name between the check and now: try again later.
            return Err(SyncError::Folder(format!(
                "{}: already exists",
                dir.join(name).display()
            )));
        }
    }
    tx.execute("DELETE FROM sync_outbox WHERE seq <= ?1", [last])?;
    for op in batch.ops.iter().filter(|o| o.x) {
        tx.execute("DELETE FROM sync_resolutions WHERE key = ?1", [&op.k])?;
    }
    tx.execute(
        "UPDATE sync_state SET next_seq = ?1, hlc = ?2 WHERE id = 1",
        params![s.next_seq + i64::from(count > 0), clock_now],
    )?;
    tx.commit()?;
    Ok(count.max(1))
}
