//! The per-entry analysis cache: brought up to date before every analysis, read by scope
//! for themes and whole for nudges.
//!
//! Triggers (migration 004) put every inserted, changed or deleted entry in
//! `insight_pending`; catching up re-analyses those (or drops their rows) in one
//! transaction and keeps each term's entry count in `insight_vocab.entries`, so a scope's
//! themes need only the scope's own rows. The cache tables belong to the analyzer: another
//! [`ANALYZER_VERSION`] drops and rebuilds them.

use rusqlite::{params, Connection, OptionalExtension};
use rustc_hash::FxHashMap;

use crate::model::{Direction, Kind};
use crate::Journal;

use super::analyze::{analyze, Analysis, Source};
use super::AnalysisError;

/// Bumped whenever the tokenizer, the lexicon or the layout below changes.
pub const ANALYZER_VERSION: i64 = 10;

/// The cache tables. `insight_meta`: what the nudges read, one small row per entry.
/// `insight_terms`: the encoded theme terms, clustered by person and date so that one
/// person's rows are read together. `person_key` is '' for entries about no one.
const LAYOUT: &str = "
    DROP TABLE IF EXISTS insight_vocab;
    DROP TABLE IF EXISTS insight_meta;
    DROP TABLE IF EXISTS insight_terms;
    CREATE TABLE insight_vocab (
        id       INTEGER PRIMARY KEY,
        text     TEXT NOT NULL UNIQUE,
        entries  INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE insight_meta (
        entry_id   TEXT PRIMARY KEY,
        person_id  TEXT,
        kind       TEXT NOT NULL,
        date       TEXT NOT NULL,
        title      TEXT NOT NULL,
        mood       INTEGER,
        feedback   INTEGER,
        flags      INTEGER NOT NULL,
        detail     INTEGER NOT NULL,
        personal   INTEGER NOT NULL
    );
    CREATE TABLE insight_terms (
        person_key  TEXT NOT NULL,
        date        TEXT NOT NULL,
        entry_id    TEXT NOT NULL,
        kind        TEXT NOT NULL,
        flags       INTEGER NOT NULL,
        terms       BLOB NOT NULL,
        PRIMARY KEY (person_key, date, entry_id)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX insight_terms_entry ON insight_terms(entry_id);
    CREATE INDEX insight_terms_date ON insight_terms(date);
";

/// Feedback as one integer in `insight_meta.feedback`: NULL for none, else these bits.
pub const FB_CONSTRUCTIVE: i64 = 1;
pub const FB_RECEIVED: i64 = 2;
pub const FB_PLANNED: i64 = 4;
/// The behaviour part is empty.
pub const FB_NO_BEHAVIOR: i64 = 8;
/// The impact part is empty.
pub const FB_NO_IMPACT: i64 = 16;

/// Above this many pending entries the whole vocabulary is read at once.
const BULK: usize = 200;

/// True when the cache is behind the entries.
fn behind(conn: &Connection) -> Result<bool, AnalysisError> {
    Ok(conn.query_row(
        "SELECT (SELECT version FROM insight_state WHERE id = 1) IS NOT ?1
                OR EXISTS (SELECT 1 FROM insight_pending)",
        [ANALYZER_VERSION],
        |r| r.get(0),
    )?)
}

/// Brings the cache up to date; returns how many entries were (re-)analysed. Writes
/// nothing when it is already current, so reading processes do not contend for the lock.
/// The entries are analysed on every core; the cache is written on this thread, in one
/// transaction.
pub fn catch_up(j: &mut Journal) -> Result<usize, AnalysisError> {
    catch_up_with(j, threads())
}

/// [`catch_up`] on a connection of its own to the journal in `dir`, so an app can fill the
/// cache of a large journal in the background while its open [`Journal`] answers
/// searches. The cache tables are not indexed for search, so the open journal's index
/// has nothing to catch up afterwards.
pub fn catch_up_apart(
    dir: &std::path::Path,
    key: &crate::keys::DataKey,
) -> Result<usize, AnalysisError> {
    let mut conn = crate::store::open(&crate::vault::db_path(dir), key, false)
        .map_err(|e| AnalysisError::Model(e.into()))?;
    if !behind(&conn)? {
        return Ok(0);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // One core is left to the window that is drawing meanwhile.
    let n = catch_up_in(&tx, threads().saturating_sub(1).max(1))?;
    tx.commit()?;
    Ok(n)
}

/// [`catch_up`] on `threads` threads (1: all on the caller's).
pub(crate) fn catch_up_with(j: &mut Journal, threads: usize) -> Result<usize, AnalysisError> {
    if !behind(j.conn())? {
        return Ok(0);
    }
    Ok(j.write(|tx| Ok(catch_up_in(tx, threads)?))?)
}

/// The cores to analyse on.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(16)
}

/// Entries read and analysed at a time: bounds the memory of a first analysis (two
/// batches are held at once). Smaller in tests, so that they run the pipeline.
#[cfg(not(test))]
const BATCH: usize = 4096;
#[cfg(test)]
const BATCH: usize = 500;
/// Below this many entries one thread does it all (starting threads costs more).
const PARALLEL_MIN: usize = 256;

/// One pending entry as read from the database.
struct Pending {
    id: String,
    /// None: deleted (or in the trash), its rows only dropped.
    entry: Option<Row>,
}

struct Row {
    person: Option<String>,
    kind: Kind,
    date: String,
    title: String,
    body: String,
    tags: Vec<String>,
    feedback: Option<(Direction, bool)>,
    fb_bits: Option<i64>,
    sbi: [Option<String>; 3],
    mood: Option<i64>,
}

impl Row {
    fn analyze(&self) -> Analysis {
        analyze(&Source {
            kind: self.kind,
            title: &self.title,
            body: &self.body,
            tags: &self.tags,
            feedback: self.feedback,
            situation: self.sbi[0].as_deref(),
            behavior: self.sbi[1].as_deref(),
            impact: self.sbi[2].as_deref(),
        })
    }
}

fn read_pending(r: &rusqlite::Row<'_>) -> Result<Pending, rusqlite::Error> {
    let id: String = r.get(0)?;
    let live: bool = r.get(14)?;
    if !live {
        return Ok(Pending { id, entry: None });
    }
    let kind: String = r.get(2)?;
    let kind: Kind = kind.parse().unwrap_or(Kind::Note);
    let tags: String = r.get(6)?;
    let tags: Vec<String> = serde_json::from_str(&tags).unwrap_or_default();
    let received: Option<bool> = r.get(7)?;
    let direction: Option<String> = r.get(8)?;
    let planned: Option<bool> = r.get(12)?;
    let feedback = direction
        .and_then(|d| d.parse::<Direction>().ok())
        .map(|d| (d, received.unwrap_or(false)));
    let fb_bits = feedback.map(|(d, received)| {
        let mut b = 0;
        if d == Direction::Constructive {
            b |= FB_CONSTRUCTIVE;
        }
        if received {
            b |= FB_RECEIVED;
        }
        if planned.unwrap_or(false) {
            b |= FB_PLANNED;
        }
        b
    });
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let behavior: Option<String> = r.get(10)?;
    let impact: Option<String> = r.get(11)?;
    let fb_bits = fb_bits.map(|mut b| {
        if blank(&behavior) {
            b |= FB_NO_BEHAVIOR;
        }
        if blank(&impact) {
            b |= FB_NO_IMPACT;
        }
        b
    });
    Ok(Pending {
        id,
        entry: Some(Row {
            person: r.get(1)?,
            kind,
            date: r.get(3)?,
            title: r.get(4)?,
            body: r.get(5)?,
            tags,
            feedback,
            fb_bits,
            sbi: [r.get(9)?, behavior, impact],
            mood: r.get(13)?,
        }),
    })
}

/// The analysis of each live entry of `batch`, in order, on up to `threads` threads. The
/// same as analysing them one by one: each entry's analysis depends on that entry alone.
fn analyze_batch(batch: &[Pending], threads: usize) -> Vec<Option<Analysis>> {
    let one = |p: &Pending| p.entry.as_ref().map(Row::analyze);
    if threads <= 1 || batch.len() < PARALLEL_MIN {
        return batch.iter().map(one).collect();
    }
    let chunk = batch.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = batch
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(batch.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

fn catch_up_in(conn: &Connection, threads: usize) -> Result<usize, rusqlite::Error> {
    let version: i64 =
        conn.query_row("SELECT version FROM insight_state WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    let fresh = version != ANALYZER_VERSION;
    if fresh {
        conn.execute_batch(LAYOUT)?;
        conn.execute(
            "INSERT OR IGNORE INTO insight_pending (entry_id) SELECT id FROM entries",
            [],
        )?;
        conn.execute(
            "UPDATE insight_state SET version = ?1, entries = 0 WHERE id = 1",
            [ANALYZER_VERSION],
        )?;
    }
    let pending: i64 = conn.query_row("SELECT count(*) FROM insight_pending", [], |r| r.get(0))?;
    let mut vocab = Vocab::new(conn, pending as usize >= BULK)?;
    let mut delta_rows: i64 = 0;
    let mut analysed = 0;

    let mut old_stmt = conn.prepare("SELECT terms FROM insight_terms WHERE entry_id = ?1")?;
    let mut del_terms = conn.prepare("DELETE FROM insight_terms WHERE entry_id = ?1")?;
    let mut del_meta = conn.prepare("DELETE FROM insight_meta WHERE entry_id = ?1")?;
    let mut ins_meta = conn.prepare(
        "INSERT INTO insight_meta (entry_id, person_id, kind, date, title, mood, feedback, flags,
                                   detail, personal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut ins_terms = conn.prepare(
        "INSERT INTO insight_terms (person_key, date, entry_id, kind, flags, terms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut stmt = conn.prepare(
        "SELECT p.entry_id, e.person_id, e.kind, e.date, e.title, e.body, e.tags, e.fb_received,
                e.fb_direction, e.fb_situation, e.fb_behavior, e.fb_impact, e.fb_planned, e.mood,
                e.id IS NOT NULL AND e.deleted_at IS NULL
         FROM insight_pending p LEFT JOIN entries e ON e.id = p.entry_id",
    )?;
    let mut rows = stmt.query([])?;
    let mut read_batch = || -> Result<Vec<Pending>, rusqlite::Error> {
        let mut batch = Vec::with_capacity(BATCH.min(pending.max(0) as usize));
        while batch.len() < BATCH {
            match rows.next()? {
                Some(r) => batch.push(read_pending(r)?),
                None => break,
            }
        }
        Ok(batch)
    };
    // Written here, in entry order, so that term ids are given out exactly as one thread
    // would give them.
    let mut write = |batch: &[Pending], analyses: &[Option<Analysis>]| {
        for (p, a) in batch.iter().zip(analyses) {
            let id = &p.id;
            // Tables just laid out are empty: nothing to look up or drop.
            if !fresh {
                if let Some(blob) = old_stmt
                    .query_row([id], |r| r.get::<_, Vec<u8>>(0))
                    .optional()?
                {
                    for (term, _) in distinct_terms(&decode(&blob)) {
                        vocab.count(term, -1);
                    }
                    del_terms.execute([id])?;
                    delta_rows -= 1;
                }
                del_meta.execute([id])?;
            }
            let (Some(e), Some(a)) = (&p.entry, a) else {
                continue;
            };
            let mut pairs = Vec::with_capacity(a.terms.len());
            for t in &a.terms {
                let key = vocab.id(&t.key)?;
                let surface = if t.surface == t.key {
                    key
                } else {
                    vocab.id(&t.surface)?
                };
                pairs.push((key, surface));
            }
            pairs.sort_unstable();
            for (term, _) in distinct_terms(&pairs) {
                vocab.count(term, 1);
            }
            ins_meta.execute(params![
                id,
                e.person,
                e.kind.as_str(),
                e.date,
                e.title,
                e.mood,
                e.fb_bits,
                a.hits.flags,
                a.hits.detail,
                a.hits.personal,
            ])?;
            ins_terms.execute(params![
                e.person.as_deref().unwrap_or(""),
                e.date,
                id,
                e.kind.as_str(),
                a.hits.flags,
                encode(&pairs),
            ])?;
            delta_rows += 1;
            analysed += 1;
        }
        Ok::<(), rusqlite::Error>(())
    };
    // A pipeline: the next batch is analysed (on every core) while this thread writes the
    // one before and reads the one after.
    std::thread::scope(|s| -> Result<(), rusqlite::Error> {
        let mut next = read_batch()?;
        let mut current: Option<(Vec<Pending>, Vec<Option<Analysis>>)> = None;
        loop {
            let batch = std::mem::take(&mut next);
            if batch.is_empty() && current.is_none() {
                return Ok(());
            }
            let handle = (!batch.is_empty()).then(|| {
                s.spawn(move || {
                    let a = analyze_batch(&batch, threads);
                    (batch, a)
                })
            });
            if let Some((b, a)) = current.take() {
                write(&b, &a)?;
                // Freeing a batch (a few hundred strings an entry) took a third of this
                // thread's time, and this thread is the one the others wait for.
                s.spawn(move || drop((b, a)));
            }
            next = read_batch()?;
            current = match handle.map(|h| h.join()) {
                Some(Ok(done)) => Some(done),
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => None,
            };
        }
    })?;
    drop(rows);
    vocab.flush()?;
    conn.execute("DELETE FROM insight_pending", [])?;
    conn.execute(
        "UPDATE insight_state SET entries = entries + ?1 WHERE id = 1",
        [delta_rows],
    )?;
    Ok(analysed)
}

/// Term and surface ids, created as new texts appear; entry counts applied at the end.
struct Vocab<'c> {
    conn: &'c Connection,
    ids: FxHashMap<String, i64>,
    /// Every existing text is in `ids`: a miss means a new text.
    complete: bool,
    counts: FxHashMap<i64, i64>,
}

impl<'c> Vocab<'c> {
    fn new(conn: &'c Connection, load_all: bool) -> Result<Self, rusqlite::Error> {
        let mut ids = FxHashMap::default();
        if load_all {
            let mut stmt = conn.prepare("SELECT text, id FROM insight_vocab")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
            for row in rows {
                let (text, id) = row?;
                ids.insert(text, id);
            }
        }
        Ok(Vocab {
            conn,
            ids,
            complete: load_all,
            counts: FxHashMap::default(),
        })
    }

    fn id(&mut self, text: &str) -> Result<i64, rusqlite::Error> {
        if let Some(&id) = self.ids.get(text) {
            return Ok(id);
        }
        let found = if self.complete {
            None
        } else {
            self.conn
                .prepare_cached("SELECT id FROM insight_vocab WHERE text = ?1")?
                .query_row([text], |r| r.get(0))
                .optional()?
        };
        let id = match found {
            Some(id) => id,
            None => {
                self.conn
                    .prepare_cached("INSERT INTO insight_vocab (text, entries) VALUES (?1, 0)")?
                    .execute([text])?;
                self.conn.last_insert_rowid()
            }
        };
        self.ids.insert(text.to_string(), id);
        Ok(id)
    }

    fn count(&mut self, term: i64, by: i64) {
        *self.counts.entry(term).or_insert(0) += by;
    }

    fn flush(&mut self) -> Result<(), rusqlite::Error> {
        let mut stmt = self
            .conn
            .prepare("UPDATE insight_vocab SET entries = entries + ?2 WHERE id = ?1")?;
        for (&id, &by) in &self.counts {
            if by != 0 {
                stmt.execute([id, by])?;
            }
        }
        self.counts.clear();
        Ok(())
    }
}

/// Each term id once (pairs are sorted, so a term's surfaces are adjacent).
pub fn distinct_terms(pairs: &[(i64, i64)]) -> impl Iterator<Item = (i64, i64)> + '_ {
    pairs
        .iter()
        .enumerate()
        .filter(|(i, (t, _))| *i == 0 || pairs[i - 1].0 != *t)
        .map(|(_, p)| *p)
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Sorted (term, surface) pairs as varints: the term as a delta from the previous one,
/// shifted left with the low bit set when a surface id follows (a term written as its own
/// key, the usual case, takes one or two bytes).
pub fn encode(pairs: &[(i64, i64)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pairs.len() * 2);
    let mut prev = 0i64;
    for &(term, surface) in pairs {
        let delta = (term - prev).max(0) as u64;
        let own = surface == term;
        push_varint(&mut out, delta << 1 | u64::from(!own));
        if !own {
            push_varint(&mut out, surface.max(0) as u64);
        }
        prev = term;
    }
    out
}

/// Reads what [`encode`] wrote; a damaged blob yields the pairs read before the damage.
pub fn decode(blob: &[u8]) -> Vec<(i64, i64)> {
    let mut out = Vec::with_capacity(blob.len() / 2);
    decode_each(blob, |t, s| out.push((t, s)));
    out
}

/// Calls `f(term, surface)` for each pair without allocating.
pub fn decode_each(blob: &[u8], mut f: impl FnMut(i64, i64)) {
    let mut i = 0;
    let mut read = || -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *blob.get(i)?;
            i += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
            shift += 7;
            if shift > 63 {
                return None;
            }
        }
    };
    let mut term = 0i64;
    while let Some(head) = read() {
        term += (head >> 1) as i64;
        let surface = if head & 1 == 1 {
            match read() {
                Some(s) => s as i64,
                None => return,
            }
        } else {
            term
        };
        f(term, surface);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Every row of the cache tables, in a fixed order.
    fn dump(j: &Journal) -> Vec<String> {
        let mut out = Vec::new();
        for sql in [
            "SELECT id, text, entries FROM insight_vocab ORDER BY id",
            "SELECT entry_id, person_id, kind, date, title, mood, feedback, flags, detail,
                    personal FROM insight_meta ORDER BY entry_id",
            "SELECT person_key, date, entry_id, kind, flags, hex(terms) FROM insight_terms
             ORDER BY entry_id",
            "SELECT version, entries FROM insight_state",
        ] {
            let mut stmt = j.conn().prepare(sql).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let mut row = Vec::new();
                    for i in 0..n {
                        let v: rusqlite::types::Value = r.get(i)?;
                        row.push(format!("{v:?}"));
                    }
                    Ok(row.join("|"))
                })
                .unwrap();
            out.extend(rows.map(Result::unwrap));
        }
        out
    }

    fn rebuild(j: &mut Journal, threads: usize) -> usize {
        j.conn()
            .execute("UPDATE insight_state SET version = 0 WHERE id = 1", [])
            .unwrap();
        catch_up_with(j, threads).unwrap()
    }

    /// The cache filled on a connection of its own, while the journal is open, is the
    /// journal's cache: the open journal finds nothing left to analyse.
    #[test]
    fn a_catch_up_apart_fills_the_open_journals_cache() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("j");
        let pass = crate::SecretString::from("cache test passphrase".to_string());
        let mut j = crate::vault::create(&vault, &pass).unwrap().0;
        for i in 0..30 {
            j.log(crate::model::NewEntry {
                body: format!("note {i} about the on-call rota"),
                ..Default::default()
            })
            .unwrap();
        }
        let key = crate::vault::unlock(&vault, &pass).unwrap();
        assert_eq!(catch_up_apart(&vault, &key).unwrap(), 30);
        assert_eq!(
            catch_up(&mut j).unwrap(),
            0,
            "nothing left for the open journal"
        );
        assert_eq!(catch_up_apart(&vault, &key).unwrap(), 0);
    }

    /// The first analysis on several threads writes exactly what one thread writes.
    #[test]
    fn parallel_first_analysis_equals_the_serial_one() {
        let dir = tempfile::tempdir().unwrap();
        let pass = crate::SecretString::from("cache test passphrase".to_string());
        let mut j = crate::vault::create(&dir.path().join("j"), &pass)
            .unwrap()
            .0;
        let opts = crate::demo::DemoOptions {
            entries: 1500,
            seed: 7,
            end: chrono::NaiveDate::from_ymd_opt(2025, 6, 13).unwrap(),
        };
        crate::demo::generate(&mut j, &opts, &mut |_, _| {}).unwrap();
        let n = j
            .conn()
            .query_row(
                "SELECT count(*) FROM entries WHERE deleted_at IS NULL",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap();
        // Several batches, each large enough to be analysed in parallel.
        assert!(n as usize > 2 * BATCH && BATCH > PARALLEL_MIN);
        // The first rebuild takes the entries in the order the demo's saves queued them;
        // from then on a rebuild queues them all at once, in one order.
        assert_eq!(rebuild(&mut j, 1) as i64, n);
        assert_eq!(rebuild(&mut j, 1) as i64, n);
        let serial = dump(&j);
        assert!(serial.len() as i64 > 2 * n);
        for threads in [2, 3, 8] {
            assert_eq!(rebuild(&mut j, threads) as i64, n);
            let parallel = dump(&j);
            let first_diff = serial.iter().zip(&parallel).position(|(a, b)| a != b);
            assert!(
                parallel.len() == serial.len() && first_diff.is_none(),
                "{threads} threads: first difference at row {first_diff:?}"
            );
        }
        // And per entry, the analyses themselves.
        let batch: Vec<Pending> = {
            let mut stmt = j
                .conn()
                .prepare(
                    "SELECT e.id, e.person_id, e.kind, e.date, e.title, e.body, e.tags,
                            e.fb_received, e.fb_direction, e.fb_situation, e.fb_behavior,
                            e.fb_impact, e.fb_planned, e.mood, 1
                     FROM entries e ORDER BY e.id",
                )
                .unwrap();
            let rows = stmt.query_map([], read_pending).unwrap();
            rows.map(Result::unwrap).collect()
        };
        assert_eq!(analyze_batch(&batch, 4), analyze_batch(&batch, 1));
    }

    #[test]
    fn blobs_round_trip() {
        let pairs = vec![(1, 1), (5, 9), (5, 300_000), (200, 200), (70_000, 3)];
        assert_eq!(decode(&encode(&pairs)), pairs);
        assert_eq!(
            distinct_terms(&pairs).map(|p| p.0).collect::<Vec<_>>(),
            [1, 5, 200, 70_000]
        );
        // A truncated blob gives what it can.
        let blob = encode(&pairs);
        assert_eq!(decode(&blob[..blob.len() - 1]).len(), 4);
        // A term written as its own key costs no surface.
        assert_eq!(encode(&[(3, 3), (4, 4)]), [6, 2]);
    }
}
