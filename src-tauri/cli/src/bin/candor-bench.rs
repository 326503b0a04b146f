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
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use candor_engine::demo::{self, DemoOptions};
use candor_engine::keys::{DataKey, SlotFile, SlotKind};
use candor_engine::model::{Entry, EntryFilter, Kind, NewEntry};
use candor_engine::{vault, SecretString};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde_json::{json, Value};

mod common;

use common::Res;

const PASS: &str = "candor benchmark passphrase";
const QUERIES_PER_TYPE: usize = 60;
const SAVES: usize = 200;
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
    let ratio = |k: &str| {
        let (a, b) = (c[k].as_f64().unwrap_or(0.0), f[k].as_f64().unwrap_or(0.0));
        if a > 0.0 {
            ((b / a) * 10.0).round() / 10.0
        } else {
            0.0
        }
    };
    json!({
        "candor_ms": c,
        "fts5_ms": f,
        "fts5_over_candor_p50": ratio("p50"),
        "fts5_over_candor_p99": ratio("p99"),
    })
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

fn fts_create(conn: &Connection) -> Res<()> {
    conn.execute_batch(
        "CREATE TABLE docs (id TEXT, date TEXT, kind TEXT, person TEXT, title TEXT, body TEXT,
            tags TEXT, situation TEXT, behavior TEXT, impact TEXT);
         CREATE INDEX docs_date ON docs(date);
         CREATE VIRTUAL TABLE fts USING fts5(title, body, tags, person, situation, behavior, impact,
            content='docs', content_rowid='rowid',
            tokenize='porter unicode61 remove_diacritics 2');",
    )?;
    Ok(())
}

fn fts_insert(conn: &Connection, e: &Entry) -> Res<()> {
    let fb = e.feedback.as_ref();
    let tags = e.tags.join(" ");
    let vals = params![
        e.id,
        e.date.to_string(),
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

/// Top 20 by bm25 with snippets, and the total, as Candor answers.
fn fts_search(conn: &Connection, q: &Q) -> Res<(usize, Vec<(String, String)>)> {
    let (after, before) = q
        .dates
        .clone()
        .unwrap_or_else(|| ("0000-00-00".into(), "9999-99-99".into()));
    // bm25() and snippet() cannot sit beside a window function: the total is its own query.
    let total: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM fts JOIN docs d ON d.rowid = fts.rowid
             WHERE fts MATCH ?1 AND d.date BETWEEN ?2 AND ?3",
        )?
        .query_row(params![q.fts_match, after, before], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.title, d.date, d.kind, d.person,
                snippet(fts, -1, '**', '**', '…', 24),
                bm25(fts, 2.0, 1.0, 1.5, 1.5, 1.0, 1.0, 1.0) AS score
         FROM fts JOIN docs d ON d.rowid = fts.rowid
         WHERE fts MATCH ?1 AND d.date BETWEEN ?2 AND ?3
         ORDER BY score, d.date DESC LIMIT ?4",
    )?;
    let mut hits = Vec::new();
    let mut rows = stmt.query(params![q.fts_match, after, before, LIMIT as i64])?;
    while let Some(r) = rows.next()? {
        hits.push((r.get::<_, String>(0)?, r.get::<_, String>(5)?));
    }
    let total = total as usize;
    Ok((total, hits))
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

    // Opening to the first result, the key already unwrapped (Argon2 is deliberate).
    let jkey = unwrap_key(&dir)?;
    let t = Instant::now();
    let j = vault::open_with_key(&dir, &jkey)?;
    let first = j.search("promotion", LIMIT)?;
    let open_candor = t.elapsed();
    let t = Instant::now();
    let fts = fts_open(&fts_path, &key)?;
    let first_fts = fts_search(
        &fts,
        &Q {
            kind: QType::Word,
            candor: String::new(),
            fts_match: "\"promotion\"".into(),
            dates: None,
        },
    )?;
    let open_fts = t.elapsed();

    // The query mix, each engine in turn, after one warm-up pass.
    let mix = query_mix(&entries);
    for q in &mix {
        j.search(&q.candor, LIMIT)?;
        fts_search(&fts, q)?;
    }
    let mut candor_t: HashMap<QType, Vec<f64>> = HashMap::new();
    let mut fts_t: HashMap<QType, Vec<f64>> = HashMap::new();
    let mut totals = (0usize, 0usize);
    for q in &mix {
        let t = Instant::now();
        let r = j.search(&q.candor, LIMIT)?;
        candor_t.entry(q.kind).or_default().push(ms(t.elapsed()));
        let t = Instant::now();
        let (total, _) = fts_search(&fts, q)?;
        fts_t.entry(q.kind).or_default().push(ms(t.elapsed()));
        totals.0 += r.total;
        totals.1 += total;
    }
    let mut search = serde_json::Map::new();
    for k in QTYPES {
        search.insert(
            k.name().into(),
            versus(
                candor_t.remove(&k).unwrap_or_default(),
                fts_t.remove(&k).unwrap_or_default(),
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

    let out = json!({
        "entries": entries.len(),
        "generate_s": (generate_s * 100.0).round() / 100.0,
        "reindex_s": (reindex_s * 100.0).round() / 100.0,
        "fts5_build_s": (fts_build_s * 100.0).round() / 100.0,
        "index_bytes": { "candor": index_bytes, "fts5": fts_bytes },
        "open_to_first_result_ms": {
            "candor": ms(open_candor),
            "fts5": ms(open_fts),
            "note": "database open + first top-20 search; key derivation excluded",
        },
        "search": search,
        "save": versus(save_c, save_f),
        "peak_rss_mb": peak_rss_mb(),
        "checks": {
            "first_result_hits": first.hits.len(),
            "fts5_first_result_hits": first_fts.1.len(),
            "mix_total_matches": { "candor": totals.0, "fts5": totals.1 },
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
