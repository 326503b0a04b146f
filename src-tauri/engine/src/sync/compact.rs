//! Compaction: a snapshot segment holds the current state of every record (and every
//! deletion) this device wrote last; this device's older segments are then removed once every
//! device it knows of, other than forgotten ones, has applied them. A device offline for
//! months keeps them in place until it comes back (or is forgotten).

use std::collections::BTreeMap;

use rusqlite::params;
use serde::Serialize;

use super::apply::applied_vector;
use super::segment::{self, Batch, Op};
use super::{folder, outbox, records, state, SyncError};
use crate::Journal;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CompactReport {
    /// The snapshot's segment number and how many records it holds.
    pub snapshot: i64,
    pub records: u64,
    /// Older segments of this device removed, and those kept for a device that has not
    /// applied them yet.
    pub removed: u64,
    pub kept: u64,
}

/// How many segments this device has in the folder now.
pub(crate) fn own_segments(j: &Journal) -> usize {
    state::load(j.conn())
        .ok()
        .flatten()
        .map(|s| {
            let dir = folder::device_dir(&s.folder, &s.journal_id, &s.device_id);
            segment::list(&dir).map(|l| l.len()).unwrap_or(0)
        })
        .unwrap_or(0)
}

pub(crate) fn compact(j: &mut Journal) -> Result<CompactReport, SyncError> {
    let result = super::apply::sync(j, &mut |_, _| {});
    state::record_outcome(j, result.as_ref().err());
    result?;
    let s = state::require(j.conn())?;
    let keys = state::keys(j.conn())?;
    let key = *keys
        .get(&s.epoch)
        .ok_or(SyncError::Damaged("this device's sync key is missing"))?;
    let dir = outbox::own_dir(&s)?;
    let ops = {
        let conn = j.conn();
        // Only the records this device wrote last: every other record's latest state is in
        // its author's directory (a snapshot or the segments after it), so the folder holds
        // each record once however many devices compact.
        let mut stmt = conn.prepare(
            "SELECT tbl, key, hlc, device, base FROM sync_clock WHERE device = ?1 ORDER BY hlc",
        )?;
        let rows = stmt.query_map([&s.device_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut ops = Vec::new();
        for row in rows {
            let (t, k, h, d, b) = row?;
            let Some(table) = records::table(&t) else {
                continue;
            };
            ops.push(Op {
                r: records::read(conn, table, &k)?,
                t,
                k,
                h,
                d,
                b,
                x: false,
            });
        }
        ops
    };
    let mut covers: BTreeMap<String, i64> = applied_vector(j.conn())?;
    let seq = s.next_seq;
    covers.insert(s.device_id.clone(), seq);
    let records = ops.len() as u64;
    let batch = Batch {
        format: segment::FORMAT,
        ops,
        covers: Some(covers),
    };
    let bytes = segment::seal(&key, s.epoch, &s.journal_id, &s.device_id, seq, &batch)?;
    let name = segment::file_name(seq);
    if !segment::write_once(&dir, &name, &bytes).map_err(folder::io(&dir.join(&name)))? {
        return Err(SyncError::Folder(format!(
            "{}: already exists",
            dir.join(name).display()
        )));
    }
    j.conn().execute(
        "UPDATE sync_state SET next_seq = ?1 WHERE id = 1",
        params![seq + 1],
    )?;
    // What every other known device has applied of this device's segments.
    let forgotten: Vec<String> = {
        let mut stmt = j
            .conn()
            .prepare("SELECT device FROM sync_applied WHERE forgotten = 1")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let key_for = |e: u32| keys.get(&e).copied();
    let mut floor = i64::MAX;
    for other in state::device_ids(&s)? {
        if other == s.device_id || forgotten.contains(&other) {
            continue;
        }
        let acks = folder::read_applied(&s.folder, &s.journal_id, &other, &key_for);
        floor = floor.min(acks.get(&s.device_id).copied().unwrap_or(0));
    }
    let (mut removed, mut kept) = (0, 0);
    for (n, path) in segment::list(&dir).map_err(folder::io(&dir))? {
        if n >= seq {
            continue;
        }
        if n <= floor {
            std::fs::remove_file(&path).map_err(folder::io(&path))?;
            removed += 1;
        } else {
            kept += 1;
        }
    }
    Ok(CompactReport {
        snapshot: seq,
        records,
        removed,
        kept,
    })
}
