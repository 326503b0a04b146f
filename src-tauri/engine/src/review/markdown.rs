//! The packet as Markdown: headings per section, every line with the entries it cites
//! (date, title and id, so `candor show ID` finds each one).

use std::fmt::Write;

use super::{Cite, Packet, Trend};
use crate::model::Direction;

/// Citations as `date “title”` (the JSON and HTML carry the ids too); a long list shows
/// its first [`SHOWN`] and says how many more there are.
fn cites(list: &[Cite]) -> String {
    let mut out: Vec<String> = list
        .iter()
        .take(SHOWN)
        .map(|c| format!("{} “{}”", c.date, one_line(&c.title)))
        .collect();
    if list.len() > SHOWN {
        out.push(format!("and {} more", list.len() - SHOWN));
    }
    out.join("; ")
}

/// Citations listed in full before "and N more".
const SHOWN: usize = 12;
/// Done action items listed before "and N more" (open ones are always all listed).
const DONE_SHOWN: usize = 10;

/// Titles and SBI text on one line: a newline in them must not start a new list item.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn counted(label: &str, list: &[Cite]) -> String {
    if list.is_empty() {
        format!("- {label}: 0\n")
    } else {
        format!("- {label}: {} ({})\n", list.len(), cites(list))
    }
}

pub(super) fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Praise => "praise",
        Direction::Constructive => "constructive",
    }
}

pub(super) fn trend(t: Trend) -> &'static str {
    match t {
        Trend::New => "new",
        Trend::Rising => "rising",
        Trend::Steady => "steady",
        Trend::Fading => "fading",
    }
}

/// Renders the packet. Writing to a `String` cannot fail.
pub fn to_markdown(p: &Packet) -> String {
    let mut o = String::new();
    let _ = render(p, &mut o);
    o
}

fn render(p: &Packet, o: &mut String) -> std::fmt::Result {
    match (&p.person, &p.role) {
        (Some(name), Some(role)) => writeln!(o, "# Review: {name} ({role})")?,
        (Some(name), None) => writeln!(o, "# Review: {name}")?,
        (None, _) => writeln!(o, "# My own record")?,
    }
    writeln!(
        o,
        "\n{} to {} · {} entries\n",
        p.since, p.until, p.summary.entries
    )?;
    if p.empty {
        writeln!(o, "Nothing was written in this period.")?;
        return Ok(());
    }
    let s = &p.summary;
    writeln!(o, "## Summary\n")?;
    if p.person.is_some() {
        let held = counted("One-on-ones and mentoring sessions held", &s.meetings);
        match (s.expected_meetings, p.cadence_days) {
            (Some(n), Some(c)) => writeln!(
                o,
                "{} (a cadence of {c} days asks for {n})",
                held.trim_end()
            )?,
            _ => o.push_str(&held),
        }
        o.push_str(&counted("Praise given", &s.praise_given));
        o.push_str(&counted(
            "Constructive feedback given",
            &s.constructive_given,
        ));
        o.push_str(&counted(
            "Feedback planned and not marked delivered",
            &s.planned_not_delivered,
        ));
    }
    o.push_str(&counted("Feedback received", &s.feedback_received));
    if p.person.is_some() {
        writeln!(
            o,
            "- Action items: {} done, {} open",
            s.actions_done.len(),
            s.actions_open.len()
        )?;
        let extra = s.actions_done.len().saturating_sub(DONE_SHOWN);
        for a in s
            .actions_open
            .iter()
            .chain(s.actions_done.iter().take(DONE_SHOWN))
        {
            let from = a
                .entry
                .as_ref()
                .map(|c| format!(" (from {})", cites(std::slice::from_ref(c))));
            writeln!(
                o,
                "  - [{}] {} ({}){}",
                if a.done { "x" } else { " " },
                one_line(&a.text),
                a.owner,
                from.unwrap_or_default()
            )?;
        }
        if extra > 0 {
            writeln!(o, "  - and {extra} more done")?;
        }
    }
    if !s.moods.is_empty() {
        let moods: Vec<String> = s
            .moods
            .iter()
            .map(|m| format!("{} on {}", m.mood, m.entry.date))
            .collect();
        writeln!(o, "- Mood notes (1–5): {}", moods.join(", "))?;
    }

    if !p.feedback.is_empty() {
        writeln!(o, "\n## Feedback by area\n")?;
        for g in &p.feedback {
            writeln!(o, "### {} — {}\n", g.area, direction(g.direction))?;
            for i in &g.items {
                let mut parts = Vec::new();
                for (label, text) in [
                    ("Situation", &i.situation),
                    ("Behaviour", &i.behavior),
                    ("Impact", &i.impact),
                ] {
                    if let Some(t) = text {
                        parts.push(format!("{label}: {}", one_line(t)));
                    }
                }
                if parts.is_empty() {
                    parts.push("(no situation, behaviour or impact written)".into());
                }
                let planned = if i.planned {
                    " *(planned, not delivered)*"
                } else {
                    ""
                };
                writeln!(
                    o,
                    "- {}{planned}: {}",
                    cites(std::slice::from_ref(&i.entry)),
                    parts.join(" · ")
                )?;
            }
            writeln!(o)?;
        }
    }

    if !p.themes.is_empty() {
        writeln!(
            o,
            "\n## Themes against the previous period of the same length\n"
        )?;
        writeln!(o, "| theme | entries now | before | trend |")?;
        writeln!(o, "|---|---|---|---|")?;
        for t in &p.themes {
            writeln!(
                o,
                "| {} | {} | {} | {} |",
                t.label.replace('|', "/"),
                t.now,
                t.before,
                trend(t.trend)
            )?;
        }
        writeln!(o)?;
        for t in &p.themes {
            writeln!(o, "- **{}**: {}", t.label, cites(&t.entries))?;
        }
    }

    if !p.goals.is_empty() {
        writeln!(o, "\n## Goals\n")?;
        for g in &p.goals {
            let due = g
                .goal
                .due
                .map(|d| format!(", target {d}"))
                .unwrap_or_default();
            writeln!(
                o,
                "- **{}** ({}{due}): {}",
                one_line(&g.goal.title),
                g.goal.kind,
                g.outcome
            )?;
            if !g.checkins.is_empty() {
                writeln!(o, "  - Check-ins: {}", cites(&g.checkins))?;
            }
        }
    }

    if p.person.is_some() {
        writeln!(o, "\n## Career conversations\n")?;
        if p.career.is_empty() {
            writeln!(o, "None noted in this period.")?;
        } else {
            for c in &p.career {
                writeln!(o, "- {}", cites(std::slice::from_ref(c)))?;
            }
        }
    }

    if !p.highlights.is_empty() {
        writeln!(o, "\n## Highlights (starred)\n")?;
        for c in &p.highlights {
            writeln!(o, "- {}", cites(std::slice::from_ref(c)))?;
        }
    }

    if let Some(own) = &p.own {
        writeln!(o, "\n## Reflections\n")?;
        o.push_str(&counted("Reflections written", &own.reflections));
        if !own.first_90_days.is_empty() {
            o.push_str(&counted("In the first 90 days", &own.first_90_days));
        }
        if !own.skills_by_month.is_empty() {
            writeln!(o, "\n## Skills your notes practised, month by month\n")?;
            for m in &own.skills_by_month {
                let list: Vec<String> =
                    m.skills.iter().map(|(s, n)| format!("{s} ({n})")).collect();
                writeln!(o, "- {}: {}", m.month, list.join(", "))?;
            }
        }
    }

    if !p.prompts.is_empty() {
        writeln!(o, "\n## Writing the review\n")?;
        writeln!(
            o,
            "Care personally, challenge directly: nothing in a review should be news.\n"
        )?;
        for q in &p.prompts {
            let flag = if q.surprise {
                " **Surprise: nothing delivered covers this; talk about it before the review.**"
            } else {
                ""
            };
            writeln!(o, "- {}{flag}", q.question)?;
            if !q.told.is_empty() {
                writeln!(o, "  - Already told: {}", cites(&q.told))?;
            }
        }
    }
    Ok(())
}
