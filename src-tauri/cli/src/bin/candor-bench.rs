//! `make bench`: Candor's search against SQLite FTS5 on the same deterministic demo journal,
//! in the same run, printed as JSON.
//!
//! For each size (default 10,000 and 100,000 entries; `--sizes 10000,50000` or
//! `CANDOR_BENCH_SIZES` to choose): generate the demo journal, rebuild the index, then time
//! opening to the first result (key derivation excluded), a fixed mix of queries of four
//! types (single word, phrase, prefix, person + date filtered; top 20 with snippets and the
//! exact total), saves with the index update, index size and peak memory. FTS5 gets the same
//! entries in its own SQLCipher database (porter stemming, diacritics removed, bm25 with the
//! same column weights, snippet(), external content as Candor keeps its text apart).
//!
//! Search reports two FTS5 rows: `fts5`, the yardstick, the fastest correct plan found (rank
//! on the FTS table alone, snippets for the 20 winners only, the total without a join), and
//! `fts5_naive`, the first baseline (snippet() beside `ORDER BY bm25 LIMIT 20`, so one per
//! match). Before timing, every query of the mix is answered by both and compared (total,
//! top-20 ids in order, snippets); `checks.fts5_plans_agree` and `checks.fts5_mismatches`
//! say whether they agreed.
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use candor_engine::demo::{self, DemoOptions};
use candor_engine::keys::{DataKey, SlotFile, SlotKind};
use candor_engine::model::{Entry, EntryFilter, Kind, NewEntry};
use candor_engine::{vault, SecretString};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

mod common;

use common::Res;

const PASS: &str = "candor benchmark passphrase";
const QUERIES_PER_TYPE: usize = 60;
const SAVES: usize = 200;
/// Opens to the first result, of each engine, alternating.
const OPENS: usize = 5;
const LIMIT: usize = 20;
const SEED: u64 = 42;

/// A small deterministic generator, so the query mix is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum QType {
    Word,
    Phrase,
    Prefix,
    PersonDate,
}

const QTYPES: [QType; 4] = [QType::Word, QType::Phrase, QType::Prefix, QType::PersonDate];

impl QType {
    fn name(self) -> &'static str {
        match self {
            QType::Word => "word",
            QType::Phrase => "phrase",
            QType::Prefix => "prefix",
            QType::PersonDate => "person_date",
        }
    }
}

/// One query in both languages.
struct Q {
    kind: QType,
    candor: String,
    fts_match: String,
    /// For the filtered type: inclusive date range.
    dates: Option<(String, String)>,
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// A fixed mix drawn from the journal's own text.
fn query_mix(entries: &[Entry]) -> Vec<Q> {
    let mut rng = Lcg(SEED);
    let mut df: HashMap<String, usize> = HashMap::new();
    for e in entries {
        let mut ws = words_of(&e.body);
        ws.sort();
        ws.dedup();
        for w in ws {
            *df.entry(w).or_default() += 1;
        }
    }
    let mut vocab: Vec<(String, usize)> = df.into_iter().filter(|(w, _)| w.len() >= 5).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // Spread over the frequency ranking: common words and rare ones.
    let pick = |i: usize, n: usize| vocab[(i * vocab.len()) / n].0.clone();
    let mut out = Vec::new();
    for i in 0..QUERIES_PER_TYPE {
        let w = pick(i, QUERIES_PER_TYPE);
        out.push(Q {
            kind: QType::Word,
            candor: w.clone(),
            fts_match: format!("\"{w}\""),
            dates: None,
        });
    }
    for _ in 0..QUERIES_PER_TYPE {
        let (a, b) = loop {
            let e = &entries[rng.below(entries.len())];
            let ws = words_of(&e.body);
            if ws.len() >= 2 {
                let i = rng.below(ws.len() - 1);
                break (ws[i].clone(), ws[i + 1].clone());
            }
        };
        out.push(Q {
            kind: QType::Phrase,
            candor: format!("\"{a} {b}\""),
            fts_match: format!("\"{a} {b}\""),
            dates: None,
        });
    }
    for i in 0..QUERIES_PER_TYPE {
        let w = pick(i * 7 % QUERIES_PER_TYPE, QUERIES_PER_TYPE);
        let p: String = w.chars().take(3 + i % 3).collect();
        out.push(Q {
            kind: QType::Prefix,
            candor: format!("{p}*"),
            fts_match: format!("\"{p}\"*"),
            dates: None,
        });
    }
    let people: Vec<String> = {
        let mut p: Vec<String> = entries.iter().filter_map(|e| e.person.clone()).collect();
        p.sort();
        p.dedup();
        p
    };
    let (first, last) = (
        entries.iter().map(|e| e.date).min().unwrap_or_default(),
        entries.iter().map(|e| e.date).max().unwrap_or_default(),
    );
    let span = (last - first).num_days().max(1);
    for i in 0..QUERIES_PER_TYPE {
        let who = &people[rng.below(people.len())];
        let first_name = who.split(' ').next().unwrap_or(who).to_lowercase();
        let w = pick(i % 20, QUERIES_PER_TYPE * 4);
        let from = first + chrono::Days::new(rng.below(span as usize) as u64);
        let to = from + chrono::Days::new(365);
        let (f, t) = (from.to_string(), to.to_string());
        out.push(Q {
            kind: QType::PersonDate,
            candor: format!("person:{first_name} {w} after:{f} before:{t}"),
            fts_match: format!("person : \"{first_name}\" AND \"{w}\""),
            dates: Some((f, t)),
        });
    }
    out
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn stats(mut v: Vec<f64>) -> Value {
    v.sort_by(f64::total_cmp);
    json!({ "p50": pct(&v, 50.0), "p99": pct(&v, 99.0), "n": v.len() })
}

fn versus(candor: Vec<f64>, fts: Vec<f64>) -> Value {
    let (c, f) = (stats(candor), stats(fts));
    json!({
        "candor_ms": c,
        "fts5_ms": f,
        "fts5_over_candor_p50": ratio(&c, &f, "p50"),
        "fts5_over_candor_p99": ratio(&c, &f, "p99"),
    })
}

/// Search: Candor against the FTS5 yardstick (`fts5`) and the first FTS5 baseline
/// (`fts5_naive`, snippets for every match).
fn versus3(candor: Vec<f64>, fts: Vec<f64>, naive: Vec<f64>) -> Value {
    let n = stats(naive);
    let mut v = versus(candor, fts);
    v["fts5_naive_over_candor_p50"] = ratio(&v["candor_ms"], &n, "p50").into();
    v["fts5_naive_over_candor_p99"] = ratio(&v["candor_ms"], &n, "p99").into();
    v["fts5_naive_ms"] = n;
    v
}

fn ratio(c: &Value, f: &Value, k: &str) -> f64 {
    let (a, b) = (c[k].as_f64().unwrap_or(0.0), f[k].as_f64().unwrap_or(0.0));
    if a > 0.0 {
        ((b / a) * 10.0).round() / 10.0
    } else {
        0.0
    }
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| (kb / 1024.0 * 10.0).round() / 10.0)
}

// ---- SQLite FTS5 -------------------------------------------------------------------------

fn fts_open(path: &Path, key: &DataKey) -> Res<Connection> {
    let conn = Connection::open(path)?;
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", hex(key.expose())))?;
    conn.execute_batch(
        "PRAGMA temp_store = MEMORY; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
    )?;
    Ok(conn)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The FTS5 schema. Beside the text, `meta.date_ordered` records whether the documents'
/// rowids still follow their dates (every insert so far was dated on or after the latest
/// date): the fast plan then breaks bm25 ties by rowid and turns a date range into a rowid
/// range on the FTS table alone, and falls back to joining the documents when it does not.
fn fts_create(conn: &Connection) -> Res<()> {
    conn.execute_batch(
        "CREATE TABLE docs (id TEXT, date TEXT, kind TEXT, person TEXT, title TEXT, body TEXT,
            tags TEXT, situation TEXT, behavior TEXT, impact TEXT);
         CREATE INDEX docs_date ON docs(date);
         CREATE TABLE meta (date_ordered INTEGER NOT NULL);
         INSERT INTO meta VALUES (1);
         CREATE VIRTUAL TABLE fts USING fts5(title, body, tags, person, situation, behavior, impact,
            content='docs', content_rowid='rowid',
            tokenize='porter unicode61 remove_diacritics 2');",
    )?;
    Ok(())
}

fn fts_insert(conn: &Connection, e: &Entry) -> Res<()> {
    let fb = e.feedback.as_ref();
    let tags = e.tags.join(" ");
    let date = e.date.to_string();
    // An entry dated before the latest one breaks the rowid order (max(date) reads the index).
    conn.prepare_cached(
        "UPDATE meta SET date_ordered = 0 WHERE date_ordered AND ?1 < (SELECT max(date) FROM docs)",
    )?
    .execute([&date])?;
    let vals = params![
        e.id,
        date,
        e.kind.as_str(),
        e.person,
        e.title,
        e.body,
        tags,
        fb.and_then(|f| f.situation.clone()),
        fb.and_then(|f| f.behavior.clone()),
        fb.and_then(|f| f.impact.clone()),
    ];
    conn.prepare_cached(
        "INSERT INTO docs (id, date, kind, person, title, body, tags, situation, behavior, impact)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(vals)?;
    let rowid = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO fts (rowid, title, body, tags, person, situation, behavior, impact)
         SELECT rowid, title, body, tags, person, situation, behavior, impact FROM docs WHERE rowid = ?1",
    )?
    .execute([rowid])?;
    Ok(())
}

/// One answer: the exact total and the top 20 as (entry id, snippet), in rank order.
type Answer = (usize, Vec<(String, String)>);

/// The order both plans answer in: bm25 with Candor's column weights, then the newest date,
/// then the newest rowid (ties are common in a journal written from habits).
const BM25: &str = "bm25(fts, 2.0, 1.0, 1.5, 1.5, 1.0, 1.0, 1.0)";
const SNIPPET: &str = "snippet(fts, -1, '**', '**', '…', 24)";

fn all_dates(q: &Q) -> (String, String) {
    q.dates
        .clone()
        .unwrap_or_else(|| ("0000-00-00".into(), "9999-99-99".into()))
}

/// The first FTS5 baseline, kept as `fts5_naive`: snippet() in the ranking statement, so
/// SQLite builds a snippet for every matching row before sorting, and the total joined to
/// the documents even when no filter needs them.
fn fts_search_naive(conn: &Connection, q: &Q) -> Res<Answer> {
    let (after, before) = all_dates(q);
    // bm25() and snippet() cannot sit beside a window function: the total is its own query.
    let total: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM fts JOIN docs d ON d.rowid = fts.rowid
             WHERE fts MATCH ?1 AND d.date BETWEEN ?2 AND ?3",
        )?
        .query_row(params![q.fts_match, after, before], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.id, {SNIPPET}, {BM25} AS score
         FROM fts JOIN docs d ON d.rowid = fts.rowid
         WHERE fts MATCH ?1 AND d.date BETWEEN ?2 AND ?3
         ORDER BY score, d.date DESC, d.rowid DESC LIMIT ?4"
    ))?;
    let mut hits = Vec::new();
    let mut rows = stmt.query(params![q.fts_match, after, before, LIMIT as i64])?;
    while let Some(r) = rows.next()? {
        hits.push((r.get::<_, String>(0)?, r.get::<_, String>(1)?));
    }
    Ok((total as usize, hits))
}

/// The FTS5 yardstick: the fastest plan found for the same answer. Rank on the FTS table
/// alone (bm25 only, no snippet, no join), count on the FTS table alone, then build the
/// snippets of the 20 winners in one more pass over the match.
///
/// Measured on the 100k demo (plaintext SQLite, Python driver, p50 / worst over the mix):
/// snippets by `rowid = ?` per row or by `rowid IN (...)` make FTS5 re-run the match for
/// every row, which for a prefix expanding to many terms cost up to 400 ms; `+rowid IN
/// (...)` (the unary plus keeps the list out of FTS5's plan) walks the match once and
/// builds only the listed snippets: prefix p50 8 ms against 13 ms, worst 118 ms against
/// 430 ms, words and phrases the same or better. `ORDER BY rank` with the weights given as
/// `rank MATCH 'bm25(...)'` was ~1.5x slower than `ORDER BY bm25(...)`. A date range is a
/// rowid range while rowids follow dates (two index probes), against a join to the
/// documents for every match.
fn fts_search(conn: &Connection, q: &Q) -> Res<Answer> {
    let ordered: bool = conn
        .prepare_cached("SELECT date_ordered FROM meta")?
        .query_row([], |r| r.get(0))?;
    let mut ranked: Vec<i64> = Vec::with_capacity(LIMIT);
    let total: i64 = match (&q.dates, ordered) {
        (None, true) => {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY {BM25}, rowid DESC LIMIT ?2"
            ))?;
            let mut rows = stmt.query(params![q.fts_match, LIMIT as i64])?;
            while let Some(r) = rows.next()? {
                ranked.push(r.get(0)?);
            }
            conn.prepare_cached("SELECT count(*) FROM fts WHERE fts MATCH ?1")?
                .query_row([&q.fts_match], |r| r.get(0))?
        }
        (Some((after, before)), true) => {
            let lo: Option<i64> = conn
                .prepare_cached(
                    "SELECT rowid FROM docs WHERE date >= ?1 ORDER BY date, rowid LIMIT 1",
                )?
                .query_row([after], |r| r.get(0))
                .optional()?;
            let hi: Option<i64> = conn
                .prepare_cached(
                    "SELECT rowid FROM docs WHERE date <= ?1 ORDER BY date DESC, rowid DESC LIMIT 1",
                )?
                .query_row([before], |r| r.get(0))
                .optional()?;
            let (Some(lo), Some(hi)) = (lo, hi) else {
                return Ok((0, Vec::new()));
            };
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT rowid FROM fts WHERE fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3
                 ORDER BY {BM25}, rowid DESC LIMIT ?4"
            ))?;
            let mut rows = stmt.query(params![q.fts_match, lo, hi, LIMIT as i64])?;
            while let Some(r) = rows.next()? {
                ranked.push(r.get(0)?);
            }
            conn.prepare_cached(
                "SELECT count(*) FROM fts WHERE fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
            )?
            .query_row(params![q.fts_match, lo, hi], |r| r.get(0))?
        }
        (_, false) => {
            // Rowids no longer follow dates: the date comes from the documents.
            let (after, before) = all_dates(q);
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT fts.rowid FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid
                 WHERE fts MATCH ?1 AND d.date BETWEEN ?2 AND ?3
                 ORDER BY {BM25}, d.date DESC, d.rowid DESC LIMIT ?4"
            ))?;
            let mut rows = stmt.query(params![q.fts_match, after, before, LIMIT as i64])?;
            while let Some(r) = rows.next()? {
                ranked.push(r.get(0)?);
            }
            if q.dates.is_some() {
                conn.prepare_cached(
                    "SELECT count(*) FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid
                     WHERE fts MATCH ?1 AND d.date BETWEEN ?2 AND ?3",
                )?
                .query_row(params![q.fts_match, after, before], |r| r.get(0))?
            } else {
                conn.prepare_cached("SELECT count(*) FROM fts WHERE fts MATCH ?1")?
                    .query_row([&q.fts_match], |r| r.get(0))?
            }
        }
    };
    if ranked.is_empty() {
        return Ok((total as usize, Vec::new()));
    }
    let list = vec!["?"; ranked.len()].join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT fts.rowid, d.id, {SNIPPET} FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid
         WHERE fts MATCH ?1 AND +fts.rowid IN ({list})"
    ))?;
    let mut args: Vec<&dyn rusqlite::ToSql> = vec![&q.fts_match];
    args.extend(ranked.iter().map(|r| r as &dyn rusqlite::ToSql));
    let mut found: HashMap<i64, (String, String)> = HashMap::with_capacity(ranked.len());
    let mut rows = stmt.query(args.as_slice())?;
    while let Some(r) = rows.next()? {
        found.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
    }
    let hits = ranked
        .iter()
        .map(|rowid| found.remove(rowid).ok_or("a ranked row lost its snippet"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((total as usize, hits))
}

/// Where the two FTS5 plans disagree on one query of the mix (never expected).
fn fts_mismatch(q: &Q, fast: &Answer, naive: &Answer) -> Option<Value> {
    let ids = |a: &Answer| a.1.iter().map(|h| h.0.clone()).collect::<Vec<_>>();
    let same_snippets = fast.1.iter().map(|h| &h.1).eq(naive.1.iter().map(|h| &h.1));
    if fast.0 == naive.0 && ids(fast) == ids(naive) && same_snippets {
        return None;
    }
    Some(json!({
        "kind": q.kind.name(),
        "match": q.fts_match,
        "dates": q.dates,
        "total": { "fts5": fast.0, "fts5_naive": naive.0 },
        "top_ids_equal": ids(fast) == ids(naive),
        "snippets_equal": same_snippets,
    }))
}

// ---- one size ----------------------------------------------------------------------------

fn unwrap_key(dir: &Path) -> Res<DataKey> {
    let slots = SlotFile::read(&vault::keys_path(dir))?;
    Ok(slots.open(SlotKind::Passphrase, PASS.as_bytes())?)
}

fn run_size(n: usize) -> Res<Value> {
    let root = tempfile_dir(n)?;
    let dir = root.join("vault");
    let pass = SecretString::from(PASS.to_string());
    let (mut j, _) = vault::create(&dir, &pass)?;
    let end = NaiveDate::from_ymd_opt(2026, 6, 30).ok_or("date")?;
    let t = Instant::now();
    demo::generate(
        &mut j,
        &DemoOptions {
            entries: n,
            seed: SEED,
            end,
        },
        &mut |_, _| {},
    )?;
    let generate_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    j.reindex(&mut |_, _| {})?;
    let reindex_s = t.elapsed().as_secs_f64();
    let mut entries = j.entries(&EntryFilter::default())?;
    // Ids are random; the demo's content is not. Order by content so the mix is fixed.
    entries.sort_by(|a, b| (a.date, &a.title, &a.body).cmp(&(b.date, &b.title, &b.body)));
    let index_bytes = j.search_index_size();
    drop(j);

    // FTS5 over the same entries, in its own encrypted database.
    let key = DataKey::generate();
    let fts_path = root.join("fts.db");
    let fts = fts_open(&fts_path, &key)?;
    fts_create(&fts)?;
    let t = Instant::now();
    fts.execute_batch("BEGIN")?;
    for e in &entries {
        fts_insert(&fts, e)?;
    }
    fts.execute_batch("COMMIT; INSERT INTO fts(fts) VALUES ('optimize');")?;
    let fts_build_s = t.elapsed().as_secs_f64();
    let fts_bytes: i64 = fts.query_row(
        "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'fts_%'",
        [],
        |r| r.get(0),
    )?;
    drop(fts);

    // Opening to the first result, the key already unwrapped (Argon2 is deliberate): the
    // median of a few opens of each, alternating, the files in the OS cache for both.
    let jkey = unwrap_key(&dir)?;
    let first_q = Q {
        kind: QType::Word,
        candor: String::new(),
        fts_match: "\"promotion\"".into(),
        dates: None,
    };
    let (mut opens_c, mut opens_f) = (Vec::new(), Vec::new());
    for _ in 0..OPENS {
        let t = Instant::now();
        let j = vault::open_with_key(&dir, &jkey)?;
        let hits = j.search("promotion", LIMIT)?.hits.len();
        opens_c.push(ms(t.elapsed()));
        drop(j);
        let t = Instant::now();
        let fts = fts_open(&fts_path, &key)?;
        let fts_hits = fts_search(&fts, &first_q)?.1.len();
        opens_f.push(ms(t.elapsed()));
        drop(fts);
        if hits != LIMIT || fts_hits != LIMIT {
            return Err(format!("the first search found {hits} and {fts_hits} hits").into());
        }
    }
    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        pct(&v, 50.0)
    };
    let (open_candor, open_fts) = (median(&opens_c), median(&opens_f));
    let j = vault::open_with_key(&dir, &jkey)?;
    let first = j.search("promotion", LIMIT)?;
    let fts = fts_open(&fts_path, &key)?;
    let first_fts = fts_search(&fts, &first_q)?;

    // The query mix, each engine in turn, after one warm-up pass that also checks the FTS5
    // yardstick against the first baseline: same total, same top 20 in the same order, same
    // snippets, for every query.
    let mix = query_mix(&entries);
    let mut mismatches = Vec::new();
    for q in &mix {
        j.search(&q.candor, LIMIT)?;
        let fast = fts_search(&fts, q)?;
        let naive = fts_search_naive(&fts, q)?;
        if let Some(m) = fts_mismatch(q, &fast, &naive) {
            eprintln!("candor-bench: FTS5 plans disagree at {n} entries: {m}");
            mismatches.push(m);
        }
    }
    let date_ordered: bool = fts.query_row("SELECT date_ordered FROM meta", [], |r| r.get(0))?;
    let mut candor_t: HashMap<QType, Vec<f64>> = HashMap::new();
    let mut fts_t: HashMap<QType, Vec<f64>> = HashMap::new();
    let mut naive_t: HashMap<QType, Vec<f64>> = HashMap::new();
    let mut totals = (0usize, 0usize, 0usize);
    for q in &mix {
        let t = Instant::now();
        let r = j.search(&q.candor, LIMIT)?;
        candor_t.entry(q.kind).or_default().push(ms(t.elapsed()));
        let t = Instant::now();
        let (total, _) = fts_search(&fts, q)?;
        fts_t.entry(q.kind).or_default().push(ms(t.elapsed()));
        let t = Instant::now();
        let (total_naive, _) = fts_search_naive(&fts, q)?;
        naive_t.entry(q.kind).or_default().push(ms(t.elapsed()));
        totals.0 += r.total;
        totals.1 += total;
        totals.2 += total_naive;
    }
    let mut search = serde_json::Map::new();
    for k in QTYPES {
        search.insert(
            k.name().into(),
            versus3(
                candor_t.remove(&k).unwrap_or_default(),
                fts_t.remove(&k).unwrap_or_default(),
                naive_t.remove(&k).unwrap_or_default(),
            ),
        );
    }

    // Saves: one entry per transaction, fsync'd, with the index update.
    drop(j);
    let mut j = vault::open_with_key(&dir, &jkey)?;
    let mut save_c = Vec::new();
    let mut save_f = Vec::new();
    for i in 0..SAVES {
        let src = &entries[(i * 7919) % entries.len()];
        let new = NewEntry {
            kind: Some(Kind::Note),
            date: Some(end),
            title: Some(format!("Bench note {i}")),
            body: src.body.clone(),
            tags: src.tags.clone(),
            ..Default::default()
        };
        let t = Instant::now();
        let e = j.log(new)?;
        save_c.push(ms(t.elapsed()));
        let t = Instant::now();
        fts.execute_batch("BEGIN IMMEDIATE")?;
        fts_insert(&fts, &e)?;
        fts.execute_batch("COMMIT")?;
        save_f.push(ms(t.elapsed()));
    }
    let after_saves = j.search("\"bench note\"", 1)?.total;
    // A save followed by a search that must find it: Candor's saves hand the entry to the
    // index and the search commits it (in memory) first, so this is where that cost shows.
    let mut found_c = Vec::new();
    let mut found_f = Vec::new();
    for i in 0..SAVES / 4 {
        let src = &entries[(i * 104_729) % entries.len()];
        let marker = format!("benchmarker{i}");
        let new = NewEntry {
            kind: Some(Kind::Note),
            date: Some(end),
            title: Some(format!("Found note {marker}")),
            body: src.body.clone(),
            ..Default::default()
        };
        let t = Instant::now();
        let e = j.log(new)?;
        let hits = j.search(&marker, LIMIT)?.total;
        found_c.push(ms(t.elapsed()));
        let t = Instant::now();
        fts.execute_batch("BEGIN IMMEDIATE")?;
        fts_insert(&fts, &e)?;
        fts.execute_batch("COMMIT")?;
        let (fts_hits, _) = fts_search(
            &fts,
            &Q {
                kind: QType::Word,
                candor: String::new(),
                fts_match: format!("\"{marker}\""),
                dates: None,
            },
        )?;
        found_f.push(ms(t.elapsed()));
        if hits != 1 || fts_hits != 1 {
            return Err(format!("a saved entry was not found at once ({hits}, {fts_hits})").into());
        }
    }

    let out = json!({
        "entries": entries.len(),
        "generate_s": (generate_s * 100.0).round() / 100.0,
        "reindex_s": (reindex_s * 100.0).round() / 100.0,
        "fts5_build_s": (fts_build_s * 100.0).round() / 100.0,
        "index_bytes": { "candor": index_bytes, "fts5": fts_bytes },
        "open_to_first_result_ms": {
            "candor": open_candor,
            "fts5": open_fts,
            "runs": { "candor": opens_c, "fts5": opens_f },
            "note": "database open + first top-20 search, median of the runs; key derivation excluded",
        },
        "search": search,
        "save": versus(save_c, save_f),
        "save_then_find_it": versus(found_c, found_f),
        "peak_rss_mb": peak_rss_mb(),
        "checks": {
            "first_result_hits": first.hits.len(),
            "fts5_first_result_hits": first_fts.1.len(),
            "mix_total_matches": { "candor": totals.0, "fts5": totals.1, "fts5_naive": totals.2 },
            "fts5_plans_agree": mismatches.is_empty(),
            "fts5_plan": if date_ordered { "rowids follow dates: rank and date range on the FTS table" } else { "rowids out of date order: date joined from the documents" },
            "fts5_mismatches": mismatches,
            "saved_entries_found": after_saves,
        },
    });
    drop(j);
    drop(fts);
    std::fs::remove_dir_all(&root)?;
    Ok(out)
}

/// A fresh directory under TMPDIR for one size; removed when done.
fn tempfile_dir(n: usize) -> Res<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("candor-bench-{}-{n}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn main() -> std::process::ExitCode {
    common::report("candor-bench", "10000,100000", run_size, |results| {
        json!({
            "benchmark": "candor search vs SQLite FTS5 (SQLCipher), release build",
            "queries_per_type": QUERIES_PER_TYPE,
            "limit": LIMIT,
            "saves": SAVES,
            "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            "sizes": results,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize, date: NaiveDate, person: &str, body: &str) -> Entry {
        Entry {
            id: format!("e{i:03}"),
            kind: Kind::Note,
            date,
            person_id: None,
            person: Some(person.into()),
            title: format!("Note {}", i % 3),
            body: body.into(),
            tags: vec!["growth".into()],
            mood: None,
            feedback: None,
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: None,
        }
    }

    fn q(kind: QType, fts_match: &str, dates: Option<(&str, &str)>) -> Q {
        Q {
            kind,
            candor: String::new(),
            fts_match: fts_match.into(),
            dates: dates.map(|(a, b)| (a.into(), b.into())),
        }
    }

    /// The yardstick and the first baseline give the same answer on a tiny corpus full of
    /// bm25 ties (identical bodies on the same and on different days), before and after an
    /// entry dated in the past moves the rowids out of date order.
    #[test]
    fn fast_plan_answers_as_the_naive_one() -> Res<()> {
        let conn = Connection::open_in_memory()?;
        fts_create(&conn)?;
        let bodies = [
            "Talked about the promotion case and the review of the design.",
            "The promotion packet needs a clearer review of impact.",
            "Design review went well; promotion talk next week.",
            "Nothing about that today, just the roadmap.",
        ];
        let people = ["Ada Lovelace", "Noah Kim", "Mei Chen"];
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
        for i in 0..90 {
            let date = start + chrono::Days::new((i / 3) as u64 * 5);
            fts_insert(&conn, &entry(i, date, people[i % 3], bodies[i % 4]))?;
        }
        let queries = [
            q(QType::Word, "\"promotion\"", None),
            q(QType::Word, "\"review\"", None),
            q(QType::Word, "\"absent\"", None),
            q(QType::Phrase, "\"design review\"", None),
            q(QType::Prefix, "\"pro\"*", None),
            q(QType::Prefix, "\"re\"*", None),
            q(
                QType::PersonDate,
                "person : \"noah\" AND \"promotion\"",
                Some(("2025-01-20", "2025-03-31")),
            ),
            q(
                QType::PersonDate,
                "person : \"ada\" AND \"review\"",
                Some(("2025-01-01", "2025-12-31")),
            ),
            q(
                QType::PersonDate,
                "person : \"mei\" AND \"review\"",
                Some(("2030-01-01", "2030-12-31")),
            ),
        ];
        let check = |when: &str| -> Res<()> {
            for query in &queries {
                let (fast, naive) = (fts_search(&conn, query)?, fts_search_naive(&conn, query)?);
                assert_eq!(fts_mismatch(query, &fast, &naive), None, "{when}");
            }
            let (total, hits) = fts_search(&conn, &queries[0])?;
            assert!(
                total > LIMIT && hits.len() == LIMIT,
                "{when}: ties at the cut"
            );
            Ok(())
        };
        check("rowids in date order")?;
        let ordered: bool = conn.query_row("SELECT date_ordered FROM meta", [], |r| r.get(0))?;
        assert!(ordered);
        // Backdated entries: the rowid order no longer follows dates.
        for i in 90..100 {
            fts_insert(&conn, &entry(i, start, people[i % 3], bodies[i % 4]))?;
        }
        let ordered: bool = conn.query_row("SELECT date_ordered FROM meta", [], |r| r.get(0))?;
        assert!(!ordered);
        check("rowids out of date order")
    }
}
