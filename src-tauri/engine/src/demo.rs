//! A deterministic demo journal: a manager of about ten people writing after one-on-ones,
//! feedback, mentoring sessions and on their own, over several years. It carries the
//! patterns themes and nudges look for (an overdue one-on-one, a recurring worry, lapsed
//! career talk, praise-only feedback, stale action items, no recent reflection).
//!
//! The same seed, size and end date always give the same content; only ids and
//! timestamps differ. Planning happens in memory first (dates, kinds, who, which pattern),
//! then entries are written in a few large transactions because every commit syncs.

mod cast;
mod goals;
mod phrases;

use chrono::{Datelike, Local, NaiveDate, TimeDelta, Weekday};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::model::{
    self, Direction, FeedbackInput, Kind, ModelError, NewAction, NewEntry, NewPerson, Owner,
    Relationship,
};
use crate::Journal;
use cast::{Career, Member, Theme, CAST, LAPSE_DAYS, WORRY_TAG};
use phrases as p;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub entries: usize,
    pub seed: u64,
    /// The date of the most recent entries; everything else is dated before it.
    pub end: NaiveDate,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            entries: 2000,
            seed: 42,
            end: Local::now().date_naive(),
        }
    }
}

/// What was added to the journal.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoSummary {
    pub people: usize,
    pub entries: usize,
    pub action_items: usize,
    pub first_date: NaiveDate,
    pub last_date: NaiveDate,
}

/// Entries per transaction: each commit syncs to disk (synchronous=FULL), so few and big.
const CHUNK: usize = 2000;

/// The mix of entry kinds.
const KIND_SHARES: [(Kind, f64); 5] = [
    (Kind::OneOnOne, 0.50),
    (Kind::Feedback, 0.15),
    (Kind::Mentoring, 0.10),
    (Kind::Reflection, 0.12),
    (Kind::Note, 0.13),
];

/// Fewest one-on-ones, mentoring sessions or feedback entries per person, when they fit.
const MIN_PER_PERSON: usize = 4;
/// Share of one-on-ones that end with action items.
const ACTION_CHANCE: f64 = 0.3;
/// Items from the last month not yet due are mostly still open; older ones are done...
const RECENT_DAYS: i64 = 30;
const RECENT_DONE_CHANCE: f64 = 0.3;
/// ...except a few, left open to go stale so the stale-items nudge has something to show.
const STALE_OPEN: usize = 3;
const STALE_AGE: std::ops::RangeInclusive<i64> = 40..=150;
/// The most recent constructive feedback not yet delivered.
const PLANNED_FEEDBACK: usize = 3;
/// Days before the end of the last reflection (the "no reflection in two weeks" nudge).
const LAST_REFLECTION: i64 = 20;
/// One-on-ones of the worried person that must show the pattern, newest first:
/// worried, calm, worried, worried (three of the last four).
const WORRY_TAIL: [bool; 4] = [true, false, true, true];
const CAREER_CHANCE: f64 = 0.12;
const CONSTRUCTIVE_CHANCE: f64 = 0.4;
const MOOD_CHANCE: f64 = 0.5;

/// Adds the demo cast (reusing anyone already there by name) and `opts.entries` entries.
/// `progress(done, total)` is called after each chunk is saved.
pub fn generate(
    journal: &mut Journal,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DemoSummary, ModelError> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    journal.write(|tx| ensure_cast(tx))?;
    let slots = plan(opts, &mut rng);
    let total = slots.len();
    let mut done = 0;
    let mut action_items = 0;
    for chunk in slots.chunks(CHUNK) {
        action_items += journal.write(|tx| {
            let mut items = 0;
            for slot in chunk {
                items += save(tx, slot, opts.end, &mut rng)?;
            }
            Ok(items)
        })?;
        done += chunk.len();
        progress(done, total);
    }
    goals::add(journal, opts.end)?;
    Ok(DemoSummary {
        people: CAST.len(),
        entries: total,
        action_items,
        first_date: slots.first().map_or(opts.end, |s| s.date),
        last_date: slots.last().map_or(opts.end, |s| s.date),
    })
}

fn ensure_cast(conn: &Connection) -> Result<(), ModelError> {
    for m in CAST {
        if model::people::find_person(conn, m.name)?.is_none() {
            model::people::add_person(
                conn,
                &NewPerson {
                    name: m.name.to_string(),
                    role: Some(m.role.to_string()),
                    relationship: m.relationship,
                    cadence_days: m.cadence,
                },
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Planning: when each entry happens, of what kind, with whom, and which pattern it carries.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Any,
    /// About workload and burnout.
    Worry,
    /// Deliberately free of workload and burnout.
    Calm,
}

#[derive(Debug, Clone)]
struct Slot {
    date: NaiveDate,
    kind: Kind,
    /// Index into [`CAST`].
    who: Option<usize>,
    focus: Focus,
    career: bool,
    /// Career talk must not appear (the lapsed person, lately).
    no_career: bool,
    direction: Direction,
    planned: bool,
    actions: u8,
    keep_open: bool,
}

impl Slot {
    fn new(date: NaiveDate, kind: Kind, who: Option<usize>) -> Self {
        Slot {
            date,
            kind,
            who,
            focus: Focus::Any,
            career: false,
            no_career: false,
            direction: Direction::Praise,
            planned: false,
            actions: 0,
            keep_open: false,
        }
    }
}

/// The journal's span in days: about three years for 2,000 entries, ten for 100,000.
fn span_days(entries: usize) -> i64 {
    let years = 3.0 * (entries.max(1) as f64 / 2000.0).powf(0.3077);
    (years.clamp(0.5, 10.0) * 365.25).round() as i64
}

/// The dates each person can appear between, given the whole span.
struct Window {
    start: NaiveDate,
    end: NaiveDate,
    span: i64,
}

impl Window {
    fn first_day(&self, m: &Member) -> NaiveDate {
        shift(
            self.start,
            (m.plan.joined * self.span as f64).round() as i64,
        )
    }

    fn last_day(&self, m: &Member) -> NaiveDate {
        shift(self.end, -m.plan.quiet)
    }

    /// A person's share, scaled by how much of the span they are around for.
    fn weight(&self, m: &Member, share: f64) -> f64 {
        share * (1.0 - m.plan.joined)
    }
}

fn plan(opts: &DemoOptions, rng: &mut ChaCha8Rng) -> Vec<Slot> {
    let span = span_days(opts.entries);
    let w = Window {
        start: shift(opts.end, -span),
        end: opts.end,
        span,
    };
    let shares = KIND_SHARES.map(|(_, s)| s);
    let counts = allocate(opts.entries, &shares, 0);
    let mut slots = Vec::with_capacity(opts.entries);
    for ((kind, _), n) in KIND_SHARES.iter().zip(counts) {
        match kind {
            Kind::OneOnOne => meetings(&mut slots, &w, Kind::OneOnOne, n, rng, |m| {
                m.plan.one_on_ones
            }),
            Kind::Mentoring => meetings(&mut slots, &w, Kind::Mentoring, n, rng, |m| {
                m.plan.mentoring
            }),
            Kind::Feedback => feedback(&mut slots, &w, n, rng),
            Kind::Reflection => {
                let last = shift(w.end, -LAST_REFLECTION);
                for d in pinned(w.start, last, n, false, rng) {
                    slots.push(Slot::new(d, Kind::Reflection, None));
                }
            }
            Kind::Note => notes(&mut slots, &w, n, rng),
        }
    }
    // Stable: same-day entries keep their planning order, so the content stays the same.
    slots.sort_by_key(|s| s.date);
    mark_people(&mut slots, w.end, rng);
    mark_actions(&mut slots, w.end, rng);
    mark_planned_feedback(&mut slots);
    slots
}

/// One-on-ones or mentoring sessions: evenly spaced per person, the last one pinned
/// `last_meeting` days before the end so cadences look kept (or, for Dev, overdue).
fn meetings(
    slots: &mut Vec<Slot>,
    w: &Window,
    kind: Kind,
    n: usize,
    rng: &mut ChaCha8Rng,
    share: impl Fn(&Member) -> f64,
) {
    let weights: Vec<f64> = CAST.iter().map(|m| w.weight(m, share(m))).collect();
    for (who, (m, count)) in CAST
        .iter()
        .zip(allocate(n, &weights, MIN_PER_PERSON))
        .enumerate()
    {
        let lo = w.first_day(m);
        let last = shift(w.end, -m.plan.last_meeting);
        let mut dates = Vec::with_capacity(count);
        if m.plan.recent_worry {
            // The last few meetings are weekly and strictly after all the others, so
            // "the last four" is the same set whatever order same-day entries get.
            let tail = count.min(WORRY_TAIL.len());
            let earlier = shift(last, -7 * WORRY_TAIL.len() as i64 - 3);
            dates.extend(pinned(lo, earlier, count - tail, true, rng));
            dates.extend(
                (0..tail)
                    .rev()
                    .map(|k| weekday_before(shift(last, -7 * k as i64), lo)),
            );
        } else {
            dates.extend(pinned(lo, last, count, true, rng));
        }
        slots.extend(dates.into_iter().map(|d| Slot::new(d, kind, Some(who))));
    }
}

fn feedback(slots: &mut Vec<Slot>, w: &Window, n: usize, rng: &mut ChaCha8Rng) {
    let weights: Vec<f64> = CAST.iter().map(|m| w.weight(m, m.plan.feedback)).collect();
    for (who, (m, count)) in CAST
        .iter()
        .zip(allocate(n, &weights, MIN_PER_PERSON / 2))
        .enumerate()
    {
        for d in spread(w.first_day(m), w.last_day(m), count, true, rng) {
            let mut slot = Slot::new(d, Kind::Feedback, Some(who));
            slot.direction = if m.plan.praise_only || m.constructive.is_empty() {
                Direction::Praise
            } else if m.praise.is_empty() || rng.gen_bool(CONSTRUCTIVE_CHANCE) {
                Direction::Constructive
            } else {
                Direction::Praise
            };
            slots.push(slot);
        }
        // Someone who hears both kinds ends with both, so that a run of one kind is never
        // an accident: the one-sided-feedback nudge is meant for the praise-only people.
        let mixed = !m.plan.praise_only && !m.praise.is_empty() && !m.constructive.is_empty();
        let k = slots.len();
        if mixed && count >= 2 && slots[k - 1].direction == slots[k - 2].direction {
            slots[k - 2].direction = match slots[k - 1].direction {
                Direction::Praise => Direction::Constructive,
                Direction::Constructive => Direction::Praise,
            };
        }
    }
}

/// Half the notes are about someone, half about the team.
fn notes(slots: &mut Vec<Slot>, w: &Window, n: usize, rng: &mut ChaCha8Rng) {
    let about_people = n / 2;
    let weights: Vec<f64> = CAST.iter().map(|m| w.weight(m, m.plan.notes)).collect();
    for (who, (m, count)) in CAST
        .iter()
        .zip(allocate(about_people, &weights, 0))
        .enumerate()
    {
        for d in spread(w.first_day(m), w.last_day(m), count, true, rng) {
            slots.push(Slot::new(d, Kind::Note, Some(who)));
        }
    }
    // The latest team note is written on the end date itself, so the journal reaches "today".
    for d in pinned(w.start, w.end, n - about_people, false, rng) {
        slots.push(Slot::new(d, Kind::Note, None));
    }
}

/// Per-person patterns: the recurring worry, and career conversations (regular, or lapsed).
fn mark_people(slots: &mut [Slot], end: NaiveDate, rng: &mut ChaCha8Rng) {
    for s in slots.iter_mut() {
        let Some(m) = s.who.map(|i| &CAST[i]) else {
            continue;
        };
        s.no_career = m.plan.career == Career::Lapsed && age(end, s.date) <= LAPSE_DAYS;
        if s.kind == Kind::OneOnOne && m.plan.career != Career::NotApplicable && !s.no_career {
            s.career = rng.gen_bool(CAREER_CHANCE);
        }
    }
    for (who, m) in CAST.iter().enumerate() {
        let mine: Vec<usize> = (0..slots.len())
            .filter(|&i| slots[i].kind == Kind::OneOnOne && slots[i].who == Some(who))
            .collect();
        if m.plan.recent_worry {
            for (&i, &worried) in mine.iter().rev().zip(WORRY_TAIL.iter()) {
                slots[i].focus = if worried { Focus::Worry } else { Focus::Calm };
            }
        }
        // A recent career conversation for regular reports; the lapsed one's last was long ago.
        let career_at = match m.plan.career {
            Career::Regular => mine.iter().rev().nth(1).or(mine.last()),
            Career::Lapsed => mine.iter().rev().find(|&&i| !slots[i].no_career),
            Career::NotApplicable => None,
        };
        if let Some(&i) = career_at {
            slots[i].career = true;
        }
    }
}

fn mark_actions(slots: &mut [Slot], end: NaiveDate, rng: &mut ChaCha8Rng) {
    for s in slots.iter_mut().filter(|s| s.kind == Kind::OneOnOne) {
        if rng.gen_bool(ACTION_CHANCE) {
            s.actions = rng.gen_range(1..=2);
        }
    }
    slots
        .iter_mut()
        .rev()
        .filter(|s| s.actions > 0 && STALE_AGE.contains(&age(end, s.date)))
        .take(STALE_OPEN)
        .for_each(|s| s.keep_open = true);
}

/// The latest constructive feedback for others is written down but not yet delivered.
fn mark_planned_feedback(slots: &mut [Slot]) {
    slots
        .iter_mut()
        .rev()
        .filter(|s| {
            s.kind == Kind::Feedback
                && s.direction == Direction::Constructive
                && s.who.is_some_and(|i| !CAST[i].gives_feedback())
        })
        .take(PLANNED_FEEDBACK)
        .for_each(|s| s.planned = true);
}

/// Splits `total` in proportion to `weights` (largest remainders get the leftovers),
/// first giving everyone with a weight `floor` when that leaves room for the proportions.
fn allocate(total: usize, weights: &[f64], floor: usize) -> Vec<usize> {
    let active: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0.0).collect();
    let floor = if active.len() * floor * 2 <= total {
        floor
    } else {
        0
    };
    let mut counts = vec![0; weights.len()];
    let sum: f64 = active.iter().map(|&i| weights[i]).sum();
    if active.is_empty() || sum <= 0.0 {
        return counts;
    }
    let rest = total - floor * active.len();
    let exact: Vec<f64> = weights
        .iter()
        .map(|w| rest as f64 * w.max(0.0) / sum)
        .collect();
    for &i in &active {
        counts[i] = floor + exact[i].floor() as usize;
    }
    let given: usize = counts.iter().sum();
    let mut by_remainder = active;
    by_remainder.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in by_remainder
        .iter()
        .cycle()
        .take(total.saturating_sub(given))
    {
        counts[i] += 1;
    }
    counts
}

/// `count` dates evenly spaced from `lo` to `hi`, the last exactly on `hi`.
fn pinned(
    lo: NaiveDate,
    hi: NaiveDate,
    count: usize,
    weekdays: bool,
    rng: &mut ChaCha8Rng,
) -> Vec<NaiveDate> {
    let hi = hi.max(lo);
    let step = if count > 1 {
        (hi - lo).num_days() as f64 / (count - 1) as f64
    } else {
        0.0
    };
    (0..count)
        .map(|j| {
            let mut d = shift(hi, -(((count - 1 - j) as f64 * step).round() as i64));
            // A day either way keeps the rhythm from looking machine-made.
            if step >= 5.0 && j + 1 < count {
                d = shift(d, rng.gen_range(-1..=1)).clamp(lo, hi);
            }
            if weekdays && (count == 1 || step >= 3.0) {
                d = weekday_before(d, lo);
            }
            d
        })
        .collect()
}

/// `count` dates spread evenly over `lo..=hi` from a random starting phase.
fn spread(
    lo: NaiveDate,
    hi: NaiveDate,
    count: usize,
    weekdays: bool,
    rng: &mut ChaCha8Rng,
) -> Vec<NaiveDate> {
    if count == 0 {
        return Vec::new();
    }
    let hi = hi.max(lo);
    let step = ((hi - lo).num_days() + 1) as f64 / count as f64;
    let phase: f64 = rng.gen();
    (0..count)
        .map(|j| {
            let d = shift(lo, ((j as f64 + phase) * step).floor() as i64).min(hi);
            if weekdays && step >= 3.0 {
                weekday_before(d, lo)
            } else {
                d
            }
        })
        .collect()
}

/// Conversations happen on weekdays: a weekend date moves back to the Friday (not before `lo`).
fn weekday_before(d: NaiveDate, lo: NaiveDate) -> NaiveDate {
    let back = match d.weekday() {
        Weekday::Sat => 1,
        Weekday::Sun => 2,
        _ => 0,
    };
    shift(d, -back).max(lo)
}

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    TimeDelta::try_days(days)
        .and_then(|t| d.checked_add_signed(t))
        .unwrap_or(d)
}

fn age(end: NaiveDate, d: NaiveDate) -> i64 {
    (end - d).num_days()
}

// ---------------------------------------------------------------------------------------
// Writing: turn each slot into an entry (and its action items) and save it.

/// An action item agreed in a one-on-one.
struct Todo {
    text: String,
    owner: Owner,
    due: NaiveDate,
}

/// Saves one slot's entry and action items; returns how many items it added.
fn save(
    conn: &Connection,
    slot: &Slot,
    end: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> Result<usize, ModelError> {
    let (entry, todos) = compose(slot, rng);
    let entry = model::entries::create_entry(conn, entry)?;
    let Some(m) = slot.who.map(|i| &CAST[i]) else {
        return Ok(0);
    };
    for todo in &todos {
        let item = model::actions::add_action(
            conn,
            &NewAction {
                person: m.name.to_string(),
                text: todo.text.clone(),
                owner: todo.owner,
                due: Some(todo.due),
                entry_id: Some(entry.id.clone()),
            },
        )?;
        // Recent items not yet due may still be open; an overdue one would be a nudge of
        // its own, which the demo does not mean to show.
        let recent = age(end, slot.date) <= RECENT_DAYS && todo.due >= end;
        let done = !slot.keep_open && (!recent || rng.gen_bool(RECENT_DONE_CHANCE));
        if done {
            model::actions::complete_action(conn, &item.id)?;
        }
    }
    Ok(todos.len())
}

fn compose(slot: &Slot, rng: &mut ChaCha8Rng) -> (NewEntry, Vec<Todo>) {
    let m = slot.who.map(|i| &CAST[i]);
    let mut todos = Vec::new();
    let mut entry = match (slot.kind, m) {
        (Kind::OneOnOne, Some(m)) => one_on_one(m, slot, rng, &mut todos),
        (Kind::Feedback, Some(m)) => feedback_entry(m, slot, rng),
        (Kind::Mentoring, Some(m)) => mentoring(m, slot, rng),
        (Kind::Note, Some(m)) => note_about(m, slot, rng),
        (Kind::Reflection, _) => reflection(rng),
        _ => team_note(rng),
    };
    entry.kind = Some(slot.kind);
    entry.date = Some(slot.date);
    entry.person = m.map(|m| m.name.to_string());
    (entry, todos)
}

fn one_on_one(m: &Member, slot: &Slot, rng: &mut ChaCha8Rng, todos: &mut Vec<Todo>) -> NewEntry {
    let first = m.first_name();
    let (main, other) = themes_for(m, slot, rng);
    let topic = pick(rng, main.topics);
    let say = |s: &str| fill(s, first, topic);
    // Two lines of the main theme open the note; a third may close the bullet list.
    let lines = pick_n(rng, main.lines, 3);
    let opening: Vec<&str> = lines.iter().take(2).copied().collect();
    let mut body = format!("{} {}\n\n", say(pick(rng, p::OPENERS)), opening.join(" "));
    let mut bullets = pick_n(rng, p::ONE_ON_ONE_BULLETS, 2);
    if !std::ptr::eq(main, other) {
        bullets.insert(1, pick(rng, other.lines));
    }
    if rng.gen_bool(0.5) {
        bullets.extend(lines.get(2));
    }
    push_bullets(&mut body, bullets.iter().map(|b| say(b)));
    if slot.career {
        body.push_str(&format!("\n{}\n", say(pick(rng, p::CAREER_LINES))));
    }
    let worried = main.tags.contains(&WORRY_TAG);
    let closers = if worried {
        p::WORRY_CLOSERS
    } else {
        p::CLOSERS
    };
    body.push('\n');
    body.push_str(&say(pick(rng, closers)));

    let title = match rng.gen_range(0..4) {
        0 | 1 => pick(rng, main.titles).to_string(),
        2 => format!("{first} — {}", pick(rng, main.titles)),
        _ => format!("{}1:1 with {first}", cadence_word(m.cadence)),
    };
    let mut tags = tags_of(main);
    if rng.gen_bool(0.5) {
        tags.extend(other.tags.first().map(|t| t.to_string()));
    }
    if slot.career {
        tags.push("career".into());
    }
    for (i, theme) in [main, other]
        .into_iter()
        .take(slot.actions as usize)
        .enumerate()
    {
        let owner = if rng.gen_bool(0.5) {
            Owner::Me
        } else {
            Owner::Them
        };
        let template = pick(
            rng,
            if owner == Owner::Me {
                p::ACTIONS_MINE
            } else {
                p::ACTIONS_THEIRS
            },
        );
        todos.push(Todo {
            text: fill(template, first, pick(rng, theme.topics)),
            owner,
            due: shift(slot.date, rng.gen_range(7..=14) + i as i64),
        });
    }
    NewEntry {
        title: Some(title),
        body,
        tags,
        mood: mood(rng, worried),
        ..NewEntry::default()
    }
}

fn feedback_entry(m: &Member, slot: &Slot, rng: &mut ChaCha8Rng) -> NewEntry {
    let first = m.first_name();
    let received = m.gives_feedback();
    let praise = slot.direction == Direction::Praise;
    let pool = if praise { m.praise } else { m.constructive };
    let Some(sbi) = pool.choose(rng).or_else(|| m.praise.first()) else {
        return note_about(m, slot, rng);
    };
    let (intro, after, label) = if received {
        (
            p::FEEDBACK_RECEIVED,
            p::FEEDBACK_AFTER_RECEIVED,
            format!("Feedback from {first}"),
        )
    } else if slot.planned {
        (
            p::FEEDBACK_PLANNED,
            p::FEEDBACK_AFTER_PLANNED,
            format!("To deliver to {first}"),
        )
    } else if praise {
        (
            p::FEEDBACK_PRAISE,
            p::FEEDBACK_AFTER_GIVEN,
            format!("Praise for {first}"),
        )
    } else {
        (
            p::FEEDBACK_CONSTRUCTIVE,
            p::FEEDBACK_AFTER_GIVEN,
            format!("Feedback for {first}"),
        )
    };
    // Context from the theme the feedback is about, when the person has one.
    let context = m
        .themes
        .iter()
        .find(|t| t.tags.contains(&sbi.tag))
        .map(|t| format!(" {}", pick(rng, t.lines)))
        .unwrap_or_default();
    let body = format!(
        "{}{context}\n\n- **Situation:** {}\n- **Behaviour:** {}\n- **Impact:** {}\n\n{}",
        fill(pick(rng, intro), first, ""),
        sentence(sbi.situation),
        sentence(sbi.behavior),
        sentence(sbi.impact),
        fill(pick(rng, after), first, ""),
    );
    let mut tags = vec![slot.direction.as_str().to_string(), sbi.tag.to_string()];
    if received {
        tags.push("received".into());
    }
    NewEntry {
        title: Some(format!("{label}: {}", sbi.title)),
        body,
        tags,
        mood: mood(rng, false),
        feedback: FeedbackInput {
            received: Some(received),
            direction: Some(slot.direction),
            situation: Some(sbi.situation.to_string()),
            behavior: Some(sbi.behavior.to_string()),
            impact: Some(sbi.impact.to_string()),
            planned: Some(slot.planned),
        },
        ..NewEntry::default()
    }
}

fn mentoring(m: &Member, slot: &Slot, rng: &mut ChaCha8Rng) -> NewEntry {
    let first = m.first_name();
    // With a mentee the manager is the mentor; with their own mentor, the other way round.
    let mentor = m.relationship == Relationship::Mentee;
    let (openers, closers) = if mentor {
        (p::MENTORING_GIVEN, p::MENTORING_GIVEN_CLOSERS)
    } else {
        (p::MENTORING_RECEIVED, p::MENTORING_RECEIVED_CLOSERS)
    };
    let (main, other) = themes_for(m, slot, rng);
    let lines = pick_n(rng, main.lines, 3);
    let mut body = format!(
        "{} {}\n\n{}\n",
        fill(pick(rng, openers), first, ""),
        lines.first().copied().unwrap_or_default(),
        pick(rng, p::TAKEAWAY_HEADERS)
    );
    let mut takeaways: Vec<&str> = lines.iter().skip(1).copied().collect();
    takeaways.push(pick(rng, other.lines));
    takeaways.dedup();
    push_bullets(&mut body, takeaways.into_iter().map(String::from));
    body.push('\n');
    body.push_str(&fill(pick(rng, closers), first, ""));
    let title = match rng.gen_range(0..4) {
        0 | 1 => pick(rng, main.titles).to_string(),
        2 => format!("Mentoring: {}", pick(rng, main.titles)),
        _ => format!("Session with {first}"),
    };
    let mut tags = tags_of(main);
    tags.push("mentoring".into());
    NewEntry {
        title: Some(title),
        body,
        tags,
        mood: mood(rng, false),
        ..NewEntry::default()
    }
}

fn note_about(m: &Member, slot: &Slot, rng: &mut ChaCha8Rng) -> NewEntry {
    let first = m.first_name();
    let (main, other) = themes_for(m, slot, rng);
    let topic = pick(rng, main.topics);
    let mut body = format!(
        "{}\n\n{}\n\n",
        fill(pick(rng, p::NOTE_OPENERS), first, topic),
        pick_n(rng, main.lines, 2).join(" "),
    );
    if !std::ptr::eq(main, other) {
        body.push_str(&format!("Related: {}\n\n", pick(rng, other.lines)));
    }
    body.push_str(&fill(pick(rng, p::CLOSERS), first, topic));
    let title = if rng.gen_bool(0.5) {
        pick(rng, main.titles).to_string()
    } else {
        format!("Note on {first}")
    };
    NewEntry {
        title: Some(title),
        body,
        tags: tags_of(main),
        mood: if rng.gen_bool(0.3) {
            mood(rng, false)
        } else {
            None
        },
        ..NewEntry::default()
    }
}

fn reflection(rng: &mut ChaCha8Rng) -> NewEntry {
    let picked: Vec<&Theme> = p::REFLECTIONS.choose_multiple(rng, 2).collect();
    let (Some(&a), Some(&b)) = (picked.first(), picked.last()) else {
        return team_note(rng);
    };
    let body = format!(
        "{}\n\n{}\n\n{}",
        pick_n(rng, a.lines, 2).join(" "),
        pick_n(rng, b.lines, 2).join(" "),
        pick(rng, p::REFLECTION_CLOSERS)
    );
    let mut tags = tags_of(a);
    tags.extend(b.tags.first().map(|t| t.to_string()));
    NewEntry {
        title: Some(pick(rng, a.titles).to_string()),
        body,
        tags,
        mood: if rng.gen_bool(0.7) {
            mood(rng, false)
        } else {
            None
        },
        ..NewEntry::default()
    }
}

fn team_note(rng: &mut ChaCha8Rng) -> NewEntry {
    let Some(t) = p::TEAM_NOTES.choose(rng) else {
        return NewEntry::default();
    };
    let mut body = format!("{}\n\n", pick(rng, p::TEAM_NOTE_OPENERS));
    let bullets = rng.gen_range(3..=4);
    push_bullets(
        &mut body,
        pick_n(rng, t.lines, bullets).into_iter().map(String::from),
    );
    let others: Vec<&Theme> = p::TEAM_NOTES
        .iter()
        .filter(|o| !std::ptr::eq(*o, t))
        .collect();
    if let Some(other) = others.choose(rng) {
        body.push_str(&format!("\nAlso: {}", pick(rng, other.lines)));
    }
    NewEntry {
        title: Some(pick(rng, t.titles).to_string()),
        body: body.trim_end().to_string(),
        tags: tags_of(t),
        ..NewEntry::default()
    }
}

/// The main theme of an entry and a second one, honouring the slot's focus and whether
/// career talk is allowed.
fn themes_for(m: &Member, slot: &Slot, rng: &mut ChaCha8Rng) -> (&'static Theme, &'static Theme) {
    let worry = |t: &Theme| t.tags.contains(&WORRY_TAG);
    let allowed: Vec<&'static Theme> = m
        .themes
        .iter()
        .filter(|t| !(slot.focus == Focus::Calm && worry(t)))
        .filter(|t| !(slot.no_career && t.tags.contains(&"career")))
        .collect();
    let allowed = if allowed.is_empty() {
        m.themes.iter().collect()
    } else {
        allowed
    };
    let main = match slot.focus {
        Focus::Worry => m.themes.iter().find(|&t| worry(t)),
        _ => None,
    }
    .or_else(|| allowed.choose(rng).copied());
    let Some(main) = main.or(m.themes.first()) else {
        return (&EMPTY_THEME, &EMPTY_THEME);
    };
    let others: Vec<&'static Theme> = allowed
        .into_iter()
        .filter(|t| !std::ptr::eq(*t, main) && !worry(t))
        .collect();
    (main, others.choose(rng).copied().unwrap_or(main))
}

const EMPTY_THEME: Theme = Theme {
    tags: &[],
    titles: &[],
    topics: &[],
    lines: &[],
};

fn mood(rng: &mut ChaCha8Rng, low: bool) -> Option<u8> {
    if low {
        Some(rng.gen_range(1..=2))
    } else if rng.gen_bool(MOOD_CHANCE) {
        [2, 3, 3, 4, 4, 4, 5, 5].choose(rng).copied()
    } else {
        None
    }
}

fn cadence_word(cadence: Option<u32>) -> &'static str {
    match cadence {
        Some(7) => "Weekly ",
        Some(14) => "Fortnightly ",
        Some(30) => "Monthly ",
        Some(90) => "Quarterly ",
        _ => "",
    }
}

fn tags_of(t: &Theme) -> Vec<String> {
    t.tags.iter().map(|s| s.to_string()).collect()
}

fn pick(rng: &mut ChaCha8Rng, items: &[&'static str]) -> &'static str {
    items.choose(rng).copied().unwrap_or_default()
}

/// Up to `n` different items, in random order.
fn pick_n(rng: &mut ChaCha8Rng, items: &[&'static str], n: usize) -> Vec<&'static str> {
    items.choose_multiple(rng, n).copied().collect()
}

fn fill(template: &str, first: &str, topic: &str) -> String {
    template.replace("{first}", first).replace("{topic}", topic)
}

fn push_bullets(body: &mut String, bullets: impl Iterator<Item = String>) {
    for b in bullets {
        body.push_str("- ");
        body.push_str(&b);
        body.push('\n');
    }
}

/// A clause as a sentence: capital first letter, full stop at the end.
fn sentence(clause: &str) -> String {
    let mut chars = clause.chars();
    let mut s: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    s.push_str(chars.as_str());
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{ActionFilter, Entry, EntryFilter};
    use crate::SecretString;

    /// Words that mark a one-on-one as about workload or burnout.
    const WORRY_WORDS: &[&str] = &[
        "burnout",
        "workload",
        "exhausted",
        "overwhelmed",
        "tired",
        "sleep",
        "slept",
    ];

    fn end() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 13).unwrap()
    }

    fn new_journal(dir: &tempfile::TempDir) -> Journal {
        let pass = SecretString::from("demo passphrase".to_string());
        crate::vault::create(&dir.path().join("journal"), &pass)
            .unwrap()
            .0
    }

    fn demo(journal: &mut Journal, entries: usize) -> DemoSummary {
        let opts = DemoOptions {
            entries,
            seed: 7,
            end: end(),
        };
        let mut calls = Vec::new();
        let summary =
            generate(journal, &opts, &mut |done, total| calls.push((done, total))).unwrap();
        if entries > 0 {
            assert_eq!(calls.last(), Some(&(entries, entries)));
        }
        summary
    }

    fn entries(journal: &Journal, person: Option<&str>, kind: Option<Kind>) -> Vec<Entry> {
        let filter = EntryFilter {
            person: person.map(String::from),
            kind,
            ..EntryFilter::default()
        };
        journal.entries(&filter).unwrap()
    }

    fn days_ago(e: &Entry) -> i64 {
        (end() - e.date).num_days()
    }

    fn worried(e: &Entry) -> bool {
        let text = format!("{} {}", e.title, e.body).to_lowercase();
        WORRY_WORDS.iter().any(|w| text.contains(w))
    }

    #[test]
    fn generates_the_cast_and_its_patterns() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = new_journal(&dir);
        let summary = demo(&mut j, 300);
        assert_eq!(summary.entries, 300);
        assert_eq!(summary.people, CAST.len());
        assert_eq!(summary.last_date, end());
        assert!(summary.action_items > 10, "{summary:?}");
        let counts = j.counts().unwrap();
        assert_eq!(counts.entries, 300);
        assert_eq!(counts.people, CAST.len() as u64);

        for m in CAST {
            let p = j.person(m.name).unwrap();
            assert_eq!(
                (p.relationship, p.cadence_days),
                (m.relationship, m.cadence)
            );
            let n = entries(&j, Some(m.name), None).len();
            assert!(n >= 5, "{} has only {n} entries", m.name);
        }

        // Marcus: workload and burnout in three of his last four one-on-ones.
        let marcus = entries(&j, Some("Marcus Bell"), Some(Kind::OneOnOne));
        let last4: Vec<bool> = marcus.iter().take(4).map(worried).collect();
        assert_eq!(last4.iter().filter(|w| **w).count(), 3, "{last4:?}");

        // Tomás only ever hears praise.
        let tomas = entries(&j, Some("Tomás Ortega"), Some(Kind::Feedback));
        assert!(!tomas.is_empty());
        assert!(tomas
            .iter()
            .all(|e| e.feedback.as_ref().unwrap().direction == Direction::Praise));

        // Dev is overdue: nothing about him for about five weeks.
        let dev = entries(&j, Some("Dev Patel"), None);
        assert!(
            (35..=37).contains(&days_ago(&dev[0])),
            "{}",
            days_ago(&dev[0])
        );

        // The last reflection was about three weeks ago.
        let reflections = entries(&j, None, Some(Kind::Reflection));
        assert_eq!(days_ago(&reflections[0]), LAST_REFLECTION);

        // No career talk with Zoë lately, though there was some before.
        let zoe = entries(&j, Some("Zoë Laurent"), None);
        let career = |e: &&Entry| e.tags.iter().any(|t| t == "career");
        assert!(zoe.iter().filter(career).all(|e| days_ago(e) > LAPSE_DAYS));
        assert!(zoe.iter().any(|e| career(&e)));

        // Some constructive feedback is planned, not yet delivered.
        let planned = entries(&j, None, Some(Kind::Feedback))
            .into_iter()
            .filter(|e| e.feedback.as_ref().unwrap().planned)
            .count();
        assert_eq!(planned, PLANNED_FEEDBACK);

        // Old action items are done except a few stale ones; some recent ones are open.
        let open = j
            .actions(&ActionFilter {
                open_only: true,
                ..ActionFilter::default()
            })
            .unwrap();
        let stale = open
            .iter()
            .filter(|a| a.due.is_some_and(|d| (end() - d).num_days() > 20));
        assert!((1..=STALE_OPEN * 2).contains(&stale.count()));

        // Bodies are Markdown of a sensible length.
        for e in entries(&j, None, None) {
            let words = e.body.split_whitespace().count();
            assert!((35..=220).contains(&words), "{words} words: {}", e.body);
            assert!(!e.body.contains('{'), "unfilled template: {}", e.body);
        }
    }

    #[test]
    fn same_seed_same_journal_and_reruns_reuse_the_cast() {
        let listing = |j: &Journal| {
            let mut all: Vec<_> = entries(j, None, None)
                .into_iter()
                .map(|e| {
                    (
                        e.date,
                        e.kind.as_str(),
                        e.person,
                        e.title,
                        e.body,
                        e.tags,
                        e.mood,
                    )
                })
                .collect();
            all.sort();
            all
        };
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (mut ja, mut jb) = (new_journal(&a), new_journal(&b));
        demo(&mut ja, 300);
        demo(&mut jb, 300);
        assert_eq!(listing(&ja), listing(&jb));

        // Running again adds entries and keeps the same people.
        demo(&mut ja, 40);
        let counts = ja.counts().unwrap();
        assert_eq!((counts.entries, counts.people), (340, CAST.len() as u64));
    }

    #[test]
    fn small_sizes_produce_what_fits() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = new_journal(&dir);
        for n in [0, 1, 7, 30] {
            let s = demo(&mut j, n);
            assert_eq!(s.entries, n);
        }
        assert_eq!(j.counts().unwrap().entries, 38);
    }

    #[test]
    fn allocation_adds_up_and_spans_grow() {
        for total in [0, 1, 5, 17, 300, 2000, 100_000] {
            let counts = allocate(total, &[1.0 / 7.0, 1.0 / 14.0, 0.0, 1.0 / 90.0], 4);
            assert_eq!(counts.iter().sum::<usize>(), total);
            assert_eq!(counts[2], 0);
        }
        assert!((1000..1200).contains(&span_days(2000)));
        assert!((3500..=3653).contains(&span_days(100_000)));
        assert!(span_days(10) >= 180);
    }
}
