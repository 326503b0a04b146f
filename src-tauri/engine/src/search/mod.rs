//! Full-text search over the journal: a tantivy index kept inside the encrypted database.
//!
//! The index's files are rows of the database ([`directory`]), read in pieces when a search
//! first needs them, so opening a journal reads a list of files, not the index, and nothing
//! of the index is ever a file of its own. The index stores only what matching and ranking
//! need; a hit's title, person and snippet come from the entry itself.
//!
//! The database is the source of truth: triggers record every change to an entry in
//! `changes`. A save hands its changed entries to the index in memory and every search
//! commits them first, so a search never misses a save; the index writes its new files to
//! the database every [`PERSIST_EVERY`] changes and when the journal closes, and only then
//! are the `changes` rows it has seen deleted. Changes the stored index has not seen (a
//! crash, a failed index update, another process) are applied again when the journal
//! opens; [`crate::Journal::reindex`] rebuilds everything.
//!
//! # The search language
//!
//! | you type | finds entries |
//! | --- | --- |
//! | `promotion feedback` | with both words (all words must match), anywhere: title, body, tags, person, feedback fields |
//! | `"on-call rota"` | with the exact phrase |
//! | `deleg*` | with a word starting with `deleg` |
//! | `-burnout` | without the word (also `-"a phrase"`, `-person:x`, `-tag:x`…) |
//! | `conflict OR tension` | with either; `OR` (upper case) joins the words beside it |
//! | `person:priya`, `person:"Priya Raman"` | with that person (whole words of the name; `with:` too) |
//! | `kind:feedback` | of that kind: `one-on-one` (`1on1`), `mentoring`, `feedback`, `reflection`, `note` |
//! | `tag:growth` | with that tag (the whole tag; quote tags with spaces) |
//! | `after:2025-01-01`, `before:2025-06-30` | dated on or after / on or before (`since:`, `until:`; `2025-03` and `2025` mean the whole month or year) |
//!
//! Everything combines: `person:priya "on-call" after:2025-01 -kind:note`. Matching ignores
//! case and diacritics ("zoe" finds "Zoë") and English word endings ("promote" finds
//! "promoted"); text in any script is searchable, and Chinese or Japanese text matches by
//! character sequence. Results are ranked by BM25 (title weighs double), newer first among
//! equal scores; with only filters they come newest first. Snippets mark matching words
//! `**like this**`. A malformed query is a [`SearchError`] that says what is wrong.

pub mod directory;
pub mod query;
pub mod schema;
pub mod snippet;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::indexer::{LogMergePolicy, MergePolicy, NoMergePolicy};
use tantivy::schema::Value;
use tantivy::{
    Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, Score, SegmentReader,
    TantivyDocument, Term,
};

use crate::model::{self, Entry, Kind, ModelError};
use crate::store::StoreError;
use directory::{DbDirectory, Reader};
use query::Analyzers;
use schema::Fields;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search is empty; type a word, a \"phrase\" or a filter such as person:NAME")]
    Empty,
    #[error("unclosed quote in the search; add the closing \"")]
    UnclosedQuote,
    #[error("unknown filter `{field}:` in the search; use {known}")]
    UnknownField { field: String, known: &'static str },
    #[error(
        "{field}: needs a date as YYYY-MM-DD (or YYYY-MM, YYYY, today, yesterday), not `{value}`"
    )]
    BadDate { field: String, value: String },
    #[error("{0}: needs a value, e.g. person:priya or person:\"Priya Raman\"")]
    EmptyFilter(String),
    #[error(
        "unknown kind `{0}` in the search; use one-on-one, mentoring, feedback, reflection or note"
    )]
    UnknownKind(String),
    #[error("OR needs something to search for on both sides")]
    DanglingOr,
    #[error("a prefix search needs at least one letter before the *")]
    BarePrefix,
    #[error("the search is too long; keep it under {max} bytes")]
    TooLong { max: usize },
    #[error("the search has too many terms; use at most {max}")]
    TooManyTerms { max: usize },
    #[error("the search index is unavailable ({0}); rebuilding it from the entries repairs it")]
    Index(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for SearchError {
    fn from(e: rusqlite::Error) -> Self {
        SearchError::Store(e.into())
    }
}

impl From<ModelError> for SearchError {
    fn from(e: ModelError) -> Self {
        match e {
            ModelError::Store(s) => SearchError::Store(s),
            other => SearchError::Index(other.to_string()),
        }
    }
}

// tantivy's messages name files and segments, never journal text.
impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Index(e.to_string())
    }
}

impl From<std::io::Error> for SearchError {
    fn from(e: std::io::Error) -> Self {
        SearchError::Index(e.to_string())
    }
}

/// One matching entry.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub date: chrono::NaiveDate,
    pub kind: Kind,
    pub person: Option<String>,
    pub title: String,
    /// The best matching passage; matching words are marked `**like this**`.
    pub snippet: String,
    pub score: f32,
}

/// How results are ordered: best match first (ties newest first), or newest first (ties
/// best match first).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SearchOrder {
    #[default]
    Relevance,
    Newest,
}

/// Which slice of the ordered results to return.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchPage {
    pub offset: usize,
    pub limit: usize,
    pub order: SearchOrder,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Every matching entry, not only those in `hits`.
    pub total: usize,
    pub hits: Vec<SearchHit>,
}

/// Memory for buffering new documents before they become a segment.
const WRITER_MEMORY: usize = 50_000_000;
/// Merges bigger than this (in documents) are left to `reindex`, so a save stays fast.
const MAX_MERGE_DOCS: u32 = 40_000;
/// How often a rebuild reports progress.
const PROGRESS_EVERY: usize = 500;

struct Live {
    dir: DbDirectory,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Option<IndexWriter<TantivyDocument>>,
    /// The `search_state.generation` the stored part of this copy matches.
    generation: i64,
    /// The last change handed to the writer; searches commit up to it first.
    staged: i64,
    /// The last change the reader sees.
    committed: i64,
    /// The last change written to the database (`search_state.seq`).
    persisted: i64,
}

/// The journal's search index.
///
/// The database is the truth and the `changes` rows its log: a save hands the entries it
/// changed to tantivy's writer without committing ([`SearchIndex::stage`]), the next
/// search commits them in memory first ([`SearchIndex::commit`]), and
/// [`SearchIndex::persist`] writes the index's new files to the database now and then
/// (every [`PERSIST_EVERY`] changes, when the journal closes, when the window is idle).
/// Until then the `changes` rows stay, so a crash loses nothing: the next open applies
/// them again.
#[derive(Default)]
pub struct SearchIndex {
    live: Option<Live>,
    files: Reader,
    /// A stored file could not be read: the next write rebuilds the index.
    damaged: bool,
}

/// Changes held in memory only before a save persists the index as well.
pub const PERSIST_EVERY: i64 = 256;

struct State {
    seq: i64,
    format: i64,
    generation: i64,
}

fn state(conn: &Connection) -> Result<State, SearchError> {
    Ok(conn.query_row(
        "SELECT seq, format, generation FROM search_state WHERE id = 1",
        [],
        |r| {
            Ok(State {
                seq: r.get(0)?,
                format: r.get(1)?,
                generation: r.get(2)?,
            })
        },
    )?)
}

fn open_index(dir: DbDirectory, s: &State, fresh: bool) -> Result<Live, SearchError> {
    let (schema, fields) = schema::build();
    let index = if fresh {
        Index::create(dir.clone(), schema, IndexSettings::default())?
    } else {
        let index = Index::open(dir.clone())?;
        if index.schema() != schema {
            return Err(SearchError::Index(
                "the index was built with another layout".into(),
            ));
        }
        index
    };
    schema::register(&index);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(Live {
        dir,
        index,
        fields,
        reader,
        writer: None,
        generation: s.generation,
        staged: s.seq,
        committed: s.seq,
        persisted: s.seq,
    })
}

/// What a hit shows, read from the entry itself: the index stores only what matching and
/// ranking need.
struct HitText {
    title: String,
    body: String,
    sbi: [Option<String>; 3],
    person: Option<String>,
    kind: String,
    date: String,
}

fn hit_text(conn: &Connection, id: &str) -> Result<Option<HitText>, SearchError> {
    Ok(conn
        .prepare_cached(
            "SELECT e.title, e.body, e.fb_situation, e.fb_behavior, e.fb_impact, p.name, e.kind,
                    e.date
             FROM entries e LEFT JOIN people p ON p.id = e.person_id WHERE e.id = ?1",
        )?
        .query_row([id], |r| {
            Ok(HitText {
                title: r.get(0)?,
                body: r.get(1)?,
                sbi: [r.get(2)?, r.get(3)?, r.get(4)?],
                person: r.get(5)?,
                kind: r.get(6)?,
                date: r.get(7)?,
            })
        })
        .optional()?)
}

impl SearchIndex {
    /// An index whose stored files are read through `files`.
    pub fn new(files: Reader) -> Self {
        SearchIndex {
            live: None,
            files,
            damaged: false,
        }
    }

    /// Lets go of the connection stored files are read through (a rekey needs the
    /// journal to itself); the index is loaded again through a new one.
    pub fn close_files(&mut self) {
        self.live = None;
        *self.files.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Forgets the memory copy; the next use loads it from the database.
    pub fn invalidate(&mut self) {
        self.live = None;
    }

    /// Forgets the memory copy, which failed reading a stored file, and has the next write
    /// rebuild the index from the entries.
    pub fn mark_damaged(&mut self) {
        self.live = None;
        self.damaged = true;
    }

    /// Whether changes were taken in that are not written to the database yet.
    pub fn unpersisted(&self) -> bool {
        self.live.as_ref().is_some_and(|l| l.staged > l.persisted)
    }

    pub fn is_loaded(&self) -> bool {
        self.live.is_some()
    }

    /// Makes the memory copy follow the stored index, loading it when there is none or
    /// another process stored a newer one. Returns false when nothing usable is stored (the
    /// index must be rebuilt, in a write).
    pub fn refresh(&mut self, conn: &Connection) -> Result<bool, SearchError> {
        let s = state(conn)?;
        if self.damaged {
            return Ok(false);
        }
        let current = self.live.as_ref().map(|l| l.generation) == Some(s.generation);
        if !current {
            self.live = None;
            if s.format == schema::FORMAT {
                let dir = DbDirectory::open(conn, &self.files)?;
                self.live = open_index(dir, &s, false).ok();
            }
        }
        Ok(self.live.is_some())
    }

    /// Hands every change not yet seen to the writer, without committing. Returns how many
    /// changes are held in memory only.
    pub fn stage(&mut self, conn: &Connection) -> Result<i64, SearchError> {
        let live = self.live_mut()?;
        let pending: Vec<(i64, String)> = conn
            .prepare_cached("SELECT seq, entry_id FROM changes WHERE seq > ?1 ORDER BY seq")?
            .query_map([live.staged], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        if let Some(last) = pending.last().map(|p| p.0) {
            let ids: HashSet<&str> = pending.iter().map(|p| p.1.as_str()).collect();
            let fields = live.fields;
            let writer = live.writer()?;
            for id in ids {
                writer.delete_term(Term::from_field_text(fields.id, id));
                if let Some(e) = live_entry(conn, id)? {
                    writer.add_document(schema::document(&fields, &e))?;
                }
            }
            live.staged = last;
        }
        Ok(live.staged - live.persisted)
    }

    /// Makes every staged change visible to searches (in memory).
    pub fn commit(&mut self) -> Result<(), SearchError> {
        let live = self.live_mut()?;
        if live.committed < live.staged {
            live.commit(false)?;
            live.committed = live.staged;
        }
        Ok(())
    }

    /// Loads, stages and commits: after it, a search sees every change in the database.
    pub fn current(&mut self, conn: &Connection) -> Result<(), SearchError> {
        if !self.refresh(conn)? {
            return Err(SearchError::Index("it could not be loaded".into()));
        }
        self.stage(conn)?;
        self.commit()
    }

    /// Brings the index up to date and writes it to the database, inside the caller's
    /// (immediate) transaction; rebuilds it when nothing usable is stored. On error the
    /// database part is undone (the changes stay pending) and the memory copy is dropped,
    /// so the journal's own write still goes through.
    pub fn persist(&mut self, conn: &Connection) -> Result<(), SearchError> {
        conn.execute_batch("SAVEPOINT search_sync")?;
        match self.persist_inner(conn) {
            Ok(()) => {
                conn.execute_batch("RELEASE search_sync")?;
                Ok(())
            }
            Err(e) => {
                self.invalidate();
                conn.execute_batch("ROLLBACK TO search_sync; RELEASE search_sync")?;
                Err(e)
            }
        }
    }

    fn persist_inner(&mut self, conn: &Connection) -> Result<(), SearchError> {
        if !self.refresh(conn)? {
            return self.rebuild(conn, &mut |_, _| {});
        }
        self.stage(conn)?;
        self.commit()?;
        let live = self.live_mut()?;
        if live.persisted == live.committed {
            return Ok(());
        }
        let seq = live.committed;
        self.write_files(conn, seq)
    }

    fn live_mut(&mut self) -> Result<&mut Live, SearchError> {
        self.live
            .as_mut()
            .ok_or_else(|| SearchError::Index("not loaded".into()))
    }

    /// Writes the files changed since the last write, records `seq` as seen, and forgets
    /// the changes up to it.
    fn write_files(&mut self, conn: &Connection, seq: i64) -> Result<(), SearchError> {
        let live = self.live_mut()?;
        let changes = live.dir.take_changes()?;
        DbDirectory::persist(conn, &changes)?;
        conn.execute(
            "UPDATE search_state SET seq = max(seq, ?1), format = ?2, generation = generation + 1
             WHERE id = 1",
            params![seq, schema::FORMAT],
        )?;
        conn.execute("DELETE FROM changes WHERE seq <= ?1", [seq])?;
        let s = state(conn)?;
        live.generation = s.generation;
        live.persisted = seq;
        live.staged = live.staged.max(seq);
        live.committed = live.committed.max(seq);
        Ok(())
    }

    /// Rebuilds the whole index from the live entries, inside the caller's transaction.
    pub fn rebuild(
        &mut self,
        conn: &Connection,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), SearchError> {
        self.live = None;
        let s = state(conn)?;
        self.live = Some(open_index(DbDirectory::default(), &s, true)?);
        match self.rebuild_inner(conn, progress) {
            Ok(()) => Ok(()),
            Err(e) => {
                self.invalidate();
                Err(e)
            }
        }
    }

    /// Indexes every live entry into the (fresh, empty) loaded index and replaces the
    /// stored one with it.
    fn rebuild_inner(
        &mut self,
        conn: &Connection,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), SearchError> {
        let last: i64 = conn.query_row(
            "SELECT max((SELECT coalesce(max(seq), 0) FROM changes), (SELECT seq FROM search_state))",
            [],
            |r| r.get(0),
        )?;
        let entries = model::entries::list_entries(conn, &model::EntryFilter::default())?;
        let live = self.live_mut()?;
        let total = entries.len();
        progress(0, total);
        {
            let fields = live.fields;
            let writer = live.writer()?;
            for (i, e) in entries.iter().enumerate() {
                writer.add_document(schema::document(&fields, e))?;
                if (i + 1) % PROGRESS_EVERY == 0 {
                    progress(i + 1, total);
                }
            }
        }
        live.commit(true)?;
        // The fresh index shares no file with the stored one: replace them all.
        // A fresh directory's changes are all of its files.
        conn.execute_batch("DELETE FROM search_files; DELETE FROM search_chunks;")?;
        self.write_files(conn, last)?;
        self.damaged = false;
        progress(total, total);
        Ok(())
    }

    /// Runs `query`, returning the best `limit` hits and the number of all matches.
    pub fn search(
        &self,
        conn: &Connection,
        query_text: &str,
        limit: usize,
    ) -> Result<SearchResults, SearchError> {
        self.search_page(
            conn,
            query_text,
            SearchPage {
                limit,
                ..SearchPage::default()
            },
        )
    }

    /// Runs `query`, returning the hits of `page` in its order and the number of all matches.
    pub fn search_page(
        &self,
        conn: &Connection,
        query_text: &str,
        page: SearchPage,
    ) -> Result<SearchResults, SearchError> {
        let parsed = query::parse(query_text)?;
        let live = self
            .live
            .as_ref()
            .ok_or_else(|| SearchError::Index("it could not be loaded".into()))?;
        let (query, marks) = query::build(&parsed, &live.fields, &mut Analyzers::default())?;
        let searcher = live.reader.searcher();
        // The collector allocates by its limit: never ask for more hits than documents.
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = page.limit.min(docs);
        let offset = page.offset.min(docs);
        let newest = page.order == SearchOrder::Newest;
        // Ordered by (score, date), or (date, score) for newest first: equal scores (and
        // filter-only searches, where every score is 0) go newest first either way.
        let top = TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .tweak_score(move |segment: &SegmentReader| {
                let dates = segment
                    .fast_fields()
                    .i64("date")
                    .ok()
                    .map(|c| c.first_or_default_col(0));
                move |doc, score: Score| {
                    let date = dates.as_ref().map_or(0, |d| d.get_val(doc)) as f64;
                    let score = f64::from(score);
                    if newest {
                        (date, score)
                    } else {
                        (score, date)
                    }
                }
            });
        let (top, total) = searcher.search(&*query, &(top, Count))?;
        let mut highlighter = snippet::Highlighter::new(&marks);
        let mut hits = Vec::with_capacity(top.len());
        for ((a, b), addr) in top.into_iter().take(limit) {
            let score = (if newest { b } else { a }) as f32;
            let doc: TantivyDocument = searcher.doc(addr)?;
            let id = doc
                .get_first(live.fields.id)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            // Searches commit every change first, so a hit's entry is there; one deleted by
            // another process a moment ago is left out.
            let Some(t) = hit_text(conn, id)? else {
                continue;
            };
            let sbi = |i: usize| t.sbi[i].as_deref().unwrap_or("");
            let texts = [t.body.as_str(), sbi(0), sbi(1), sbi(2), t.title.as_str()];
            hits.push(SearchHit {
                snippet: highlighter.snippet(&texts),
                id: id.to_string(),
                date: t.date.parse().unwrap_or_default(),
                kind: t.kind.parse().unwrap_or(Kind::Note),
                person: t.person,
                title: t.title,
                score,
            });
        }
        Ok(SearchResults { total, hits })
    }

    /// Bytes of index data (as stored, before the database's own encryption overhead).
    pub fn size(&self) -> u64 {
        self.live.as_ref().map_or(0, |l| l.dir.size())
    }
}

/// The entry with this exact id, when it exists and is not in the trash.
fn live_entry(conn: &Connection, id: &str) -> Result<Option<Entry>, SearchError> {
    let e = match model::entries::get_entry(conn, id) {
        Ok(e) => e,
        Err(ModelError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok((e.id == id && e.deleted_at.is_none()).then_some(e))
}

impl Live {
    fn writer(&mut self) -> Result<&mut IndexWriter<TantivyDocument>, SearchError> {
        if self.writer.is_none() {
            let options = tantivy::indexer::IndexWriterOptions::builder()
                .memory_budget_per_thread(WRITER_MEMORY)
                .num_worker_threads(1)
                .num_merge_threads(1)
                .build();
            let writer = self.index.writer_with_options(options)?;
            // Merges run below, synchronously, so their files are persisted with the commit.
            writer.set_merge_policy(Box::new(NoMergePolicy));
            self.writer = Some(writer);
        }
        self.writer
            .as_mut()
            .ok_or_else(|| SearchError::Index("no writer".into()))
    }

    /// Commits, merges small segments (or everything, after a rebuild), and reloads the reader.
    fn commit(&mut self, merge_all: bool) -> Result<(), SearchError> {
        let writer = self.writer()?;
        writer.commit()?;
        // Segment metas are tracked: while any is held, GC keeps that segment's files.
        // They must be gone (end of this block) before the GC below.
        let metas = self.index.searchable_segment_metas()?;
        let candidates: Vec<Vec<tantivy::index::SegmentId>> = if merge_all {
            if metas.len() > 1 {
                vec![metas.iter().map(|m| m.id()).collect()]
            } else {
                Vec::new()
            }
        } else {
            let mut policy = LogMergePolicy::default();
            policy.set_min_layer_size(16);
            policy
                .compute_merge_candidates(&metas)
                .into_iter()
                .filter(|c| {
                    let docs: u32 = metas
                        .iter()
                        .filter(|m| c.0.contains(&m.id()))
                        .map(|m| m.num_docs())
                        .sum();
                    docs <= MAX_MERGE_DOCS
                })
                .map(|c| c.0)
                .collect()
        };
        drop(metas);
        let writer = self.writer()?;
        for ids in candidates {
            writer.merge(&ids).wait()?;
        }
        // The reader still holds the merged-away segments, which keeps their files alive:
        // move it on first, then drop those files so they are never persisted.
        self.reader.reload()?;
        if let Some(w) = self.writer.as_mut() {
            w.garbage_collect_files().wait()?;
        }
        Ok(())
    }
}

/// Checks a loaded index against the database, for tests and `candor doctor`-style checks:
/// the number of documents it holds.
pub fn indexed_docs(index: &SearchIndex) -> u64 {
    index
        .live
        .as_ref()
        .map_or(0, |l| l.reader.searcher().num_docs())
}

/// The sequence number of the last change the stored index has seen.
pub fn seen_seq(conn: &Connection) -> Result<i64, SearchError> {
    Ok(conn
        .query_row("SELECT seq FROM search_state WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or(0))
}
