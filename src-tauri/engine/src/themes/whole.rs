//! The whole journal's term counts, kept by the open journal and brought up to date from
//! the analysis cache's rows written since (each row carries a `seq` that is never
//! reused; see `analysis::cache`), so that the whole journal's themes after a save cost
//! the changed rows, not a read of every row.
//!
//! Per term it keeps the entries it is in (by slot), how many per person, and how often
//! each way of writing it was used: what scoring and the close reading of the shortlist
//! need. Entry text is never held, only the cache's encoded term ids.

use rusqlite::Connection;
use rustc_hash::FxHashMap;

use crate::analysis::cache::{self, decode_each};
use crate::analysis::AnalysisError;

/// One live entry.
pub struct Slot {
    pub id: String,
    /// YYYY-MM-DD
    date: String,
    pub month: u32,
    /// Index into `Whole::groups`.
    pub group: u32,
    pub flags: u32,
    /// The encoded (term, surface) pairs.
    terms: Vec<u8>,
}

/// What is kept of one term.
#[derive(Default)]
pub struct TermStat {
    /// (group, entries), only groups with some.
    pub groups: Vec<(u32, u32)>,
    /// (surface id, occurrences).
    pub surfaces: Vec<(u32, u32)>,
    /// The slots of the entries containing it, in no order.
    pub postings: Vec<u32>,
}

/// See the module comment.
pub struct Whole {
    epoch: Vec<u8>,
    seq: i64,
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    by_id: FxHashMap<String, u32>,
    /// Live slots, newest first (date, then id, descending).
    order: Vec<u32>,
    /// The person id of each group; group 0 is entries about no one ("").
    pub groups: Vec<String>,
    group_of: FxHashMap<String, u32>,
    /// Live entries per group.
    pub sizes: Vec<u32>,
    /// By term id.
    pub terms: Vec<TermStat>,
    /// Each term id's text, by id (ids are never reused within a cache layout).
    pub texts: Vec<String>,
}

fn bump(list: &mut Vec<(u32, u32)>, key: u32, by: i32) {
    match list.iter().position(|&(k, _)| k == key) {
        Some(i) => {
            let n = list[i].1.saturating_add_signed(by);
            if n == 0 {
                list.swap_remove(i);
            } else {
                list[i].1 = n;
            }
        }
        None if by > 0 => list.push((key, by as u32)),
        None => {}
    }
}

impl Whole {
    /// `kept` brought up to date with the cache (read whole when there is none, after a
    /// rebuild of the cache, or when a row was dropped: a deletion leaves nothing to read).
    pub fn refresh(conn: &Connection, kept: Option<Whole>) -> Result<Whole, AnalysisError> {
        let (epoch, seq, count) = cache::state(conn)?;
        if let Some(mut w) = kept.filter(|w| w.epoch == epoch && w.seq <= seq) {
            if w.seq < seq {
                w.read(conn, w.seq)?;
                w.seq = seq;
            }
            if w.order.len() as i64 == count {
                return Ok(w);
            }
        }
        let mut w = Whole {
            epoch,
            seq,
            slots: Vec::new(),
            free: Vec::new(),
            by_id: FxHashMap::default(),
            order: Vec::new(),
            groups: vec![String::new()],
            group_of: FxHashMap::from_iter([(String::new(), 0)]),
            sizes: vec![0],
            terms: Vec::new(),
            texts: Vec::new(),
        };
        w.read(conn, 0)?;
        Ok(w)
    }

    /// Takes in the rows written after `after` (each replaces the entry's row before).
    fn read(&mut self, conn: &Connection, after: i64) -> Result<(), AnalysisError> {
        // Everything: the table read in its order, without a lookup per row.
        let mut stmt = conn.prepare_cached(if after == 0 {
            "SELECT entry_id, person_key, date, flags, terms FROM insight_terms WHERE ?1 = 0"
        } else {
            "SELECT t.entry_id, t.person_key, t.date, t.flags, t.terms
             FROM insight_meta m JOIN insight_terms t ON t.entry_id = m.entry_id
             WHERE m.seq > ?1"
        })?;
        let mut rows = stmt.query([after])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let person: String = r.get(1)?;
            let date: String = r.get(2)?;
            let slot = Slot {
                month: super::rows::month_of(&date),
                group: self.group(person),
                flags: r.get(3)?,
                terms: r.get(4)?,
                date,
                id,
            };
            self.remove(&slot.id);
            self.add(slot, after == 0);
        }
        if after == 0 {
            let slots = &self.slots;
            let key = |s: &u32| {
                slots[*s as usize]
                    .as_ref()
                    .map(|s| (s.date.as_str(), s.id.as_str()))
            };
            self.order.sort_unstable_by(|a, b| key(b).cmp(&key(a)));
        }
        self.read_texts(conn)
    }

    /// The texts of term ids given out since the last read.
    fn read_texts(&mut self, conn: &Connection) -> Result<(), AnalysisError> {
        let mut stmt =
            conn.prepare_cached("SELECT id, text FROM insight_vocab WHERE id >= ?1 ORDER BY id")?;
        let mut rows = stmt.query([self.texts.len() as i64])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let Ok(id) = usize::try_from(id) else {
                continue;
            };
            if id >= self.texts.len() {
                self.texts.resize(id + 1, String::new());
            }
            self.texts[id] = r.get(1)?;
        }
        if self.terms.len() < self.texts.len() {
            self.terms.resize_with(self.texts.len(), TermStat::default);
        }
        Ok(())
    }

    fn group(&mut self, person: String) -> u32 {
        if let Some(&g) = self.group_of.get(&person) {
            return g;
        }
        let g = self.groups.len() as u32;
        self.groups.push(person.clone());
        self.group_of.insert(person, g);
        self.sizes.push(0);
        g
    }

    /// Where `slot` goes in (or is found in) `order`.
    fn position(&self, date: &str, id: &str) -> Result<usize, usize> {
        self.order
            .binary_search_by(|&s| match &self.slots[s as usize] {
                Some(o) => (date, id).cmp(&(o.date.as_str(), o.id.as_str())),
                None => std::cmp::Ordering::Less,
            })
    }

    /// Adds an entry; `unordered` leaves its place in `order` to a sort after a bulk read.
    fn add(&mut self, slot: Slot, unordered: bool) {
        let at = match self.free.pop() {
            Some(at) => at,
            None => {
                self.slots.push(None);
                self.slots.len() as u32 - 1
            }
        };
        self.count(&slot, at, 1);
        if unordered {
            self.order.push(at);
        } else {
            let pos = match self.position(&slot.date, &slot.id) {
                Ok(p) | Err(p) => p,
            };
            self.order.insert(pos, at);
        }
        self.by_id.insert(slot.id.clone(), at);
        self.slots[at as usize] = Some(slot);
    }

    fn remove(&mut self, id: &str) {
        let Some(at) = self.by_id.remove(id) else {
            return;
        };
        let found = self.slots[at as usize]
            .as_ref()
            .map(|s| self.position(&s.date, &s.id));
        match found {
            Some(Ok(pos)) => {
                self.order.remove(pos);
            }
            _ => self.order.retain(|&s| s != at),
        }
        if let Some(slot) = self.slots[at as usize].take() {
            self.count(&slot, at, -1);
        }
        self.free.push(at);
    }

    /// Adds (`by` 1) or takes away (-1) one entry's counts.
    fn count(&mut self, slot: &Slot, at: u32, by: i32) {
        let g = slot.group as usize;
        self.sizes[g] = self.sizes[g].saturating_add_signed(by);
        let mut last = -1i64;
        let terms = &mut self.terms;
        decode_each(&slot.terms, |t, s| {
            let (Ok(ti), Ok(si)) = (usize::try_from(t), u32::try_from(s)) else {
                return;
            };
            if ti >= terms.len() {
                terms.resize_with(ti + 1, TermStat::default);
            }
            let stat = &mut terms[ti];
            bump(&mut stat.surfaces, si, by);
            if t != last {
                bump(&mut stat.groups, slot.group, by);
                if by > 0 {
                    stat.postings.push(at);
                } else if let Some(i) = stat.postings.iter().position(|&p| p == at) {
                    stat.postings.swap_remove(i);
                }
            }
            last = t;
        });
    }

    /// Live entries.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Slots' capacity (the bit positions a row set needs).
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// Live entries newest first, with their slot.
    pub fn newest_first(&self) -> impl Iterator<Item = (u32, &Slot)> + Clone + '_ {
        self.order
            .iter()
            .filter_map(|&s| self.slots[s as usize].as_ref().map(|slot| (s, slot)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_go_to_zero_and_leave() {
        let mut list = Vec::new();
        bump(&mut list, 3, 1);
        bump(&mut list, 3, 1);
        bump(&mut list, 5, 1);
        assert_eq!(list, vec![(3, 2), (5, 1)]);
        bump(&mut list, 3, -1);
        bump(&mut list, 5, -1);
        assert_eq!(list, vec![(3, 1)]);
        // Taking away what is not there changes nothing.
        bump(&mut list, 9, -1);
        assert_eq!(list, vec![(3, 1)]);
    }
}
