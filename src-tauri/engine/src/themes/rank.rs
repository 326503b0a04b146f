//! Ranking terms: count them over the scope's rows, score them, keep the best without
//! repeating a word its own phrase already shows, then gather each one's entries, months
//! and most common way of writing it.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension};

use crate::analysis::cache::decode_each;
use crate::analysis::family::family;
use crate::analysis::stopwords::is_generic;
use crate::analysis::tokenize::key_of;
use crate::model::Person;

use super::rows::{month_label, Row, Rows};
use super::score::{g2, over_represented};
use super::whole::Whole;
use super::{MonthCount, Theme, ThemeOptions, ThemesError};

/// A phrase takes the place of its word when it covers at least this share of the word's
/// entries ("promotion case" for "promotion"), and a word is not shown beside such a phrase.
const SUBSUMED: f64 = 0.5;
/// For the whole journal: a theme comes back with someone at least this many times as
/// often as across the journal.
const WITH_SOMEONE: f64 = 2.0;

struct Candidate {
    term: i64,
    key: String,
    score: f64,
    people: Vec<String>,
}

/// The families of every part of these people's names (theme keys are families).
pub fn name_keys(people: &[Person]) -> Vec<String> {
    let mut out: Vec<String> = people
        .iter()
        .flat_map(|p| {
            p.name
                .split_whitespace()
                .map(|w| family(&key_of(w)))
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn mentions_name(key: &str, names: &[String]) -> bool {
    key.split(' ')
        .any(|w| names.binary_search_by(|n| n.as_str().cmp(w)).is_ok())
}

/// A term made only of everyday words ("little", "short note") is not a topic.
fn is_everyday(key: &str) -> bool {
    key.split(' ').all(is_generic)
}

/// A phrase names a topic more precisely than its words ("payments migration" rather than
/// "payments"): its score counts this much more per extra word.
const PHRASE_BONUS: f64 = 0.15;

fn weighted(key: &str, score: f64) -> f64 {
    let extra = key.matches(' ').count() as f64;
    score * (1.0 + PHRASE_BONUS * extra)
}

fn vocab_len(conn: &Connection) -> Result<usize, ThemesError> {
    let max: Option<i64> = conn.query_row("SELECT max(id) FROM insight_vocab", [], |r| r.get(0))?;
    Ok(max.unwrap_or(0).max(0) as usize + 1)
}

/// Calls `f` once per distinct term of the row.
fn each_term(row: &Row, mut f: impl FnMut(usize)) {
    let mut last = -1;
    decode_each(&row.terms, |t, _| {
        if t != last && t >= 0 {
            f(t as usize);
        }
        last = t;
    });
}

/// Themes of a scope against the rest of the journal.
pub fn against_rest(
    conn: &Connection,
    rows: &Rows,
    total: u32,
    names: &[String],
    opts: &ThemeOptions,
) -> Result<Vec<Theme>, ThemesError> {
    let n = rows.rows.len() as u32;
    let m = total.saturating_sub(n);
    let len = vocab_len(conn)?;
    let mut a = vec![0u32; len];
    for row in &rows.rows {
        each_term(row, |t| {
            if let Some(c) = a.get_mut(t) {
                *c += 1;
            }
        });
    }
    let mut lookup =
        conn.prepare_cached("SELECT text, entries FROM insight_vocab WHERE id = ?1")?;
    let mut cands = Vec::new();
    for (term, &count) in a.iter().enumerate() {
        if count < early_min(n, opts) {
            continue;
        }
        let (key, df): (String, u32) =
            lookup.query_row([term as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if mentions_name(&key, names) || is_everyday(&key) {
            continue;
        }
        let b = df.saturating_sub(count);
        let score = if m == 0 {
            f64::from(count)
        } else if over_represented(count, n, b, m) {
            g2(count, n, b, m)
        } else {
            continue;
        };
        cands.push(Candidate {
            term: term as i64,
            key,
            score,
            people: Vec::new(),
        });
    }
    choose_and_describe(conn, rows, cands, opts.limit, len, opts.min_entries)
}

/// A scope of at most this many entries (a new report, a first month) also shows themes
/// from two entries, marked early: a small journal is where a new manager starts.
const SMALL_SCOPE: u32 = 15;

fn early_min(scope_entries: u32, opts: &ThemeOptions) -> u32 {
    if opts.early && scope_entries <= SMALL_SCOPE {
        opts.min_entries.clamp(1, 2)
    } else {
        opts.min_entries.max(1)
    }
}

/// Themes of the whole journal: terms that come back with particular people, from the
/// counts the journal keeps (see `whole`).
pub fn by_people(
    conn: &Connection,
    whole: &Whole,
    people: &[Person],
    names: &[String],
    opts: &ThemeOptions,
) -> Result<Vec<Theme>, ThemesError> {
    // A group's person, if still in the journal; the rest (no one, a removed person's
    // entries) count in the totals only.
    let by_id: HashMap<&str, &str> = people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let group_names: Vec<Option<&str>> = whole
        .groups
        .iter()
        .map(|id| by_id.get(id.as_str()).copied())
        .collect();
    let sizes = &whole.sizes;
    let total: u32 = sizes.iter().sum();
    let people_with_entries = sizes
        .iter()
        .zip(&group_names)
        .filter(|(&s, n)| n.is_some() && s > 0)
        .count();
    let min = opts.min_entries.max(1);
    let mut cands: Vec<Candidate> = Vec::new();
    for (term, stat) in whole.terms.iter().enumerate() {
        let hits: u32 = stat.groups.iter().map(|&(_, n)| n).sum();
        if hits < min {
            continue;
        }
        let Some(key) = whole.texts.get(term) else {
            continue;
        };
        if mentions_name(key, names) || is_everyday(key) {
            continue;
        }
        let rate = f64::from(hits) / f64::from(total.max(1));
        let named = stat.groups.iter().filter_map(|&(g, w)| {
            let name = group_names.get(g as usize).copied().flatten()?;
            Some((g as usize, w, name))
        });
        let mut strong: Vec<(u32, &str)> = named
            .clone()
            .filter(|&(g, w, _)| {
                let s = sizes[g];
                w >= opts.min_entries && s > 0 && f64::from(w) / f64::from(s) >= WITH_SOMEONE * rate
            })
            .map(|(_, w, name)| (w, name))
            .collect();
        if strong.is_empty() {
            continue;
        }
        strong.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(y.1)));
        // Distinctive for someone: the best of each person against everyone else.
        let score = if people_with_entries <= 1 {
            f64::from(hits)
        } else {
            named
                .filter(|&(g, w, _)| over_represented(w, sizes[g], hits - w, total - sizes[g]))
                .map(|(g, w, _)| g2(w, sizes[g], hits - w, total - sizes[g]))
                .fold(0.0, f64::max)
        };
        if score <= 0.0 {
            continue;
        }
        cands.push(Candidate {
            term: term as i64,
            key: key.clone(),
            score,
            people: strong.iter().take(3).map(|(_, n)| n.to_string()).collect(),
        });
    }
    let cands = shortlist(conn, cands, opts.limit)?;
    let words = whole.capacity().div_ceil(64);
    let close = cands
        .into_iter()
        .map(|c| {
            let stat = &whole.terms[c.term as usize];
            let mut rows = vec![0u64; words];
            for &p in &stat.postings {
                rows[p as usize / 64] |= 1 << (p % 64);
            }
            Close {
                count: stat.postings.len() as u32,
                surfaces: stat
                    .surfaces
                    .iter()
                    .map(|&(s, n)| (i64::from(s), n))
                    .collect(),
                rows,
                c,
            }
        })
        .collect();
    let order: Vec<(usize, &str, u32)> = whole
        .newest_first()
        .map(|(at, slot)| (at as usize, slot.id.as_str(), slot.month))
        .collect();
    choose(conn, close, &order, opts.limit, opts.min_entries)
}

/// A phrase whose last word is nearly always followed by the same word is a piece of a
/// longer set phrase ("rewrites pull" of "rewrites pull requests"): not shown.
const FRAGMENT: f64 = 0.8;

fn is_fragment(conn: &Connection, key: &str) -> Result<bool, ThemesError> {
    let Some((_, last)) = key.rsplit_once(' ') else {
        return Ok(false);
    };
    let alone: Option<u32> = conn
        .prepare_cached("SELECT entries FROM insight_vocab WHERE text = ?1")?
        .query_row([last], |r| r.get(0))
        .optional()?;
    let Some(alone) = alone.filter(|&n| n > 0) else {
        return Ok(false);
    };
    // Keys starting with "last " sort between "last " and "last!".
    let followed: u32 = conn
        .prepare_cached(
            "SELECT coalesce(max(entries), 0) FROM insight_vocab WHERE text > ?1 AND text < ?2",
        )?
        .query_row([format!("{last} "), format!("{last}!")], |r| r.get(0))?;
    Ok(f64::from(followed) >= FRAGMENT * f64::from(alone))
}

/// How many of the best-scoring candidates are looked at closely, per theme wanted.
const SHORTLIST: usize = 6;
/// Two themes whose entries overlap this much (of the smaller one) say the same thing.
const SAME: f64 = 0.8;

/// A shortlisted term with the scope's rows that contain it.
struct Close {
    c: Candidate,
    /// One bit per row of the scope.
    rows: Vec<u64>,
    count: u32,
    surfaces: HashMap<i64, u32>,
}

impl Close {
    /// How much two terms say the same thing: the share of the smaller one's entries the
    /// other covers when one is a phrase of the other's word, else of the larger one's (a
    /// narrow topic inside a broad one, "alerts" within "pages", is still its own theme).
    fn overlap(&self, other: &Close) -> f64 {
        let both: u32 = self
            .rows
            .iter()
            .zip(&other.rows)
            .map(|(a, b)| (a & b).count_ones())
            .sum();
        let related = self.is_phrase_of(other) || other.is_phrase_of(self);
        let of = if related {
            self.count.min(other.count)
        } else {
            self.count.max(other.count)
        };
        f64::from(both) / f64::from(of.max(1))
    }

    fn is_phrase_of(&self, word: &Close) -> bool {
        self.c.key.contains(' ') && self.c.key.split(' ').any(|w| w == word.c.key)
    }
}

/// The best-scoring candidates worth a close look, phrases weighted up, without pieces of
/// longer set phrases.
fn shortlist(
    conn: &Connection,
    mut cands: Vec<Candidate>,
    limit: usize,
) -> Result<Vec<Candidate>, ThemesError> {
    for c in &mut cands {
        c.score = weighted(&c.key, c.score);
    }
    cands.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.key.cmp(&b.key)));
    cands.truncate(limit.saturating_mul(SHORTLIST));
    let mut kept = Vec::with_capacity(cands.len());
    for c in cands {
        if !is_fragment(conn, &c.key)? {
            kept.push(c);
        }
    }
    Ok(kept)
}

/// The best themes of a scope read from its rows: the shortlist read closely in one pass
/// over the rows, then chosen (see [`choose`]).
fn choose_and_describe(
    conn: &Connection,
    rows: &Rows,
    cands: Vec<Candidate>,
    limit: usize,
    len: usize,
    min_entries: u32,
) -> Result<Vec<Theme>, ThemesError> {
    let cands = shortlist(conn, cands, limit)?;
    let words = rows.rows.len().div_ceil(64);
    let mut slot = vec![0u32; len];
    for (i, c) in cands.iter().enumerate() {
        if let Some(s) = slot.get_mut(c.term as usize) {
            *s = i as u32 + 1;
        }
    }
    let mut close: Vec<Close> = cands
        .into_iter()
        .map(|c| Close {
            c,
            rows: vec![0; words],
            count: 0,
            surfaces: HashMap::new(),
        })
        .collect();
    for (r, row) in rows.rows.iter().enumerate() {
        let mut last = -1;
        decode_each(&row.terms, |t, s| {
            let i = usize::try_from(t)
                .ok()
                .and_then(|t| slot.get(t))
                .copied()
                .unwrap_or(0);
            if i > 0 {
                let c = &mut close[i as usize - 1];
                *c.surfaces.entry(s).or_insert(0) += 1;
                if t != last {
                    c.rows[r / 64] |= 1 << (r % 64);
                    c.count += 1;
                }
            }
            last = t;
        });
    }
    let order: Vec<(usize, &str, u32)> = rows
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| (r, row.id.as_str(), row.month))
        .collect();
    choose(conn, close, &order, limit, min_entries)
}

/// Chooses among the shortlist read closely, in score order, skipping a term whose
/// entries another chosen term already covers (the demo's and real notes' set phrases)
/// and letting a phrase stand for its word when it covers most of it ("promotion case"
/// for "promotion"); then gathers each one's entries and months. `order` is the scope's
/// entries newest first, each with its bit in the row sets, id and month.
fn choose(
    conn: &Connection,
    close: Vec<Close>,
    order: &[(usize, &str, u32)],
    limit: usize,
    min_entries: u32,
) -> Result<Vec<Theme>, ThemesError> {
    let mut text = conn.prepare_cached("SELECT text FROM insight_vocab WHERE id = ?1")?;
    let mut chosen: Vec<Close> = Vec::new();
    for c in close {
        // Once full, only a phrase that takes its word's place ("on-call rotation" for
        // "rotation") still gets in.
        let full = chosen.len() >= limit;
        if full && !chosen.iter().any(|w| c.is_phrase_of(w)) {
            continue;
        }
        // "on call" counted as "oncall" is a theme only where it is also written as one
        // word; otherwise it is "on Friday".
        if !c.c.key.contains(' ') {
            let mut spaced_only = !c.surfaces.is_empty();
            for &s in c.surfaces.keys() {
                let t: String = text.query_row([s], |r| r.get(0))?;
                if !t.contains(' ') {
                    spaced_only = false;
                    break;
                }
            }
            if spaced_only {
                continue;
            }
        }
        let same: Vec<usize> = (0..chosen.len())
            .filter(|&i| chosen[i].overlap(&c) >= SAME)
            .collect();
        if same.is_empty() {
            if !full {
                chosen.push(c);
            }
            continue;
        }
        // A phrase replaces the word it mostly is; anything else adds nothing new.
        let replaces = same.iter().all(|&i| {
            c.is_phrase_of(&chosen[i])
                && f64::from(c.count) >= SUBSUMED * f64::from(chosen[i].count)
        });
        if replaces {
            let at = same[0];
            for &i in same.iter().rev() {
                chosen.remove(i);
            }
            chosen.insert(at, c);
        }
    }
    let mut out = Vec::with_capacity(chosen.len());
    for c in chosen {
        let best = c
            .surfaces
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(&s, _)| s)
            .unwrap_or(c.c.term);
        let label: String = text.query_row([best], |r| r.get(0))?;
        let mut entry_ids = Vec::with_capacity(c.count as usize);
        let mut months: BTreeMap<u32, u32> = BTreeMap::new();
        for &(r, id, month) in order {
            if c.rows[r / 64] & (1 << (r % 64)) != 0 {
                entry_ids.push(id.to_string());
                *months.entry(month).or_insert(0) += 1;
            }
        }
        out.push(Theme {
            label,
            score: (c.c.score * 100.0).round() / 100.0,
            entries: c.count,
            monthly: months
                .into_iter()
                .map(|(m, count)| MonthCount {
                    month: month_label(m),
                    count,
                })
                .collect(),
            entry_ids,
            people: c.c.people,
            early: c.count < min_entries,
        });
    }
    Ok(out)
}
