//! The packet as one self-contained HTML page with a print stylesheet (print it, or save
//! it as PDF from the print dialog). Every piece of journal text is escaped.

use std::fmt::Write;

use super::markdown::{direction, trend};
use super::{Cite, Packet};

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn cites(list: &[Cite]) -> String {
    list.iter()
        .map(|c| {
            format!(
                "<span class=\"cite\" data-entry=\"{}\">{} “{}”</span>",
                esc(&c.id),
                c.date,
                esc(&c.title)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:1.8rem;border-bottom:1px solid #ddd}
h3{font-size:1rem}.meta,.cite{color:#555}.cite{font-size:.9em}.surprise{color:#a40000;font-weight:600}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
.warn{background:#fff4d6;padding:.4rem .6rem;border-radius:4px}
@media print{body{margin:0;max-width:none;font-size:11pt}.warn{display:none}h2{break-after:avoid}li{break-inside:avoid}}";

/// Renders the packet as a complete page. Writing to a `String` cannot fail.
pub fn to_html(p: &Packet) -> String {
    let mut o = String::new();
    let _ = render(p, &mut o);
    o
}

fn list(o: &mut String, label: &str, items: &[Cite]) -> std::fmt::Result {
    if items.is_empty() {
        writeln!(o, "<li>{}: 0</li>", esc(label))
    } else {
        writeln!(
            o,
            "<li>{}: {} ({})</li>",
            esc(label),
            items.len(),
            cites(items)
        )
    }
}

fn render(p: &Packet, o: &mut String) -> std::fmt::Result {
    let title = match &p.person {
        Some(n) => format!("Review: {n}"),
        None => "My own record".to_string(),
    };
    writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        esc(&title)
    )?;
    writeln!(
        o,
        "<p class=\"warn\">This page is not encrypted: anyone who can read the file can read it.</p>"
    )?;
    writeln!(o, "<h1>{}</h1>", esc(&title))?;
    let role = p
        .role
        .as_deref()
        .map(|r| format!("{} · ", esc(r)))
        .unwrap_or_default();
    writeln!(
        o,
        "<p class=\"meta\">{role}{} to {} · {} entries</p>",
        p.since, p.until, p.summary.entries
    )?;
    if p.empty {
        writeln!(
            o,
            "<p>Nothing was written in this period.</p></body></html>"
        )?;
        return Ok(());
    }
    let s = &p.summary;
    writeln!(o, "<h2>Summary</h2><ul>")?;
    if p.person.is_some() {
        list(o, "One-on-ones and mentoring sessions held", &s.meetings)?;
        if let (Some(n), Some(c)) = (s.expected_meetings, p.cadence_days) {
            writeln!(o, "<li>A cadence of {c} days asks for {n}</li>")?;
        }
        list(o, "Praise given", &s.praise_given)?;
        list(o, "Constructive feedback given", &s.constructive_given)?;
        list(
            o,
            "Feedback planned and not marked delivered",
            &s.planned_not_delivered,
        )?;
    }
    list(o, "Feedback received", &s.feedback_received)?;
    if p.person.is_some() {
        writeln!(
            o,
            "<li>Action items: {} done, {} open<ul>",
            s.actions_done.len(),
            s.actions_open.len()
        )?;
        for a in s.actions_done.iter().chain(&s.actions_open) {
            writeln!(
                o,
                "<li>{} {} ({})</li>",
                if a.done { "☑" } else { "☐" },
                esc(&a.text),
                esc(&a.owner)
            )?;
        }
        writeln!(o, "</ul></li>")?;
    }
    writeln!(o, "</ul>")?;

    if !p.feedback.is_empty() {
        writeln!(o, "<h2>Feedback by area</h2>")?;
        for g in &p.feedback {
            writeln!(
                o,
                "<h3>{} — {}</h3><ul>",
                esc(&g.area),
                direction(g.direction)
            )?;
            for i in &g.items {
                let mut parts = Vec::new();
                for (label, text) in [
                    ("Situation", &i.situation),
                    ("Behaviour", &i.behavior),
                    ("Impact", &i.impact),
                ] {
                    if let Some(t) = text {
                        parts.push(format!("<b>{label}:</b> {}", esc(t)));
                    }
                }
                let planned = if i.planned {
                    " <i>(planned, not delivered)</i>"
                } else {
                    ""
                };
                writeln!(
                    o,
                    "<li>{}{planned}<br>{}</li>",
                    cites(std::slice::from_ref(&i.entry)),
                    parts.join(" · ")
                )?;
            }
            writeln!(o, "</ul>")?;
        }
    }
    if !p.themes.is_empty() {
        writeln!(
            o,
            "<h2>Themes against the previous period</h2><table><tr><th>theme</th><th>now</th><th>before</th><th>trend</th><th>entries</th></tr>"
        )?;
        for t in &p.themes {
            writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&t.label),
                t.now,
                t.before,
                trend(t.trend),
                cites(&t.entries)
            )?;
        }
        writeln!(o, "</table>")?;
    }
    if !p.goals.is_empty() {
        writeln!(o, "<h2>Goals</h2><ul>")?;
        for g in &p.goals {
            writeln!(
                o,
                "<li><b>{}</b> ({}): {}<br>{}</li>",
                esc(&g.goal.title),
                g.goal.kind,
                esc(&g.outcome),
                cites(&g.checkins)
            )?;
        }
        writeln!(o, "</ul>")?;
    }
    if p.person.is_some() {
        writeln!(o, "<h2>Career conversations</h2><ul>")?;
        for c in &p.career {
            writeln!(o, "<li>{}</li>", cites(std::slice::from_ref(c)))?;
        }
        if p.career.is_empty() {
            writeln!(o, "<li>None noted in this period.</li>")?;
        }
        writeln!(o, "</ul>")?;
    }
    if !p.highlights.is_empty() {
        writeln!(o, "<h2>Highlights</h2><ul>")?;
        for c in &p.highlights {
            writeln!(o, "<li>{}</li>", cites(std::slice::from_ref(c)))?;
        }
        writeln!(o, "</ul>")?;
    }
    if let Some(own) = &p.own {
        writeln!(o, "<h2>Reflections</h2><ul>")?;
        list(o, "Reflections written", &own.reflections)?;
        list(o, "In the first 90 days", &own.first_90_days)?;
        writeln!(o, "</ul>")?;
        if !own.skills_by_month.is_empty() {
            writeln!(o, "<h2>Skills your notes practised</h2><ul>")?;
            for m in &own.skills_by_month {
                let l: Vec<String> = m
                    .skills
                    .iter()
                    .map(|(s, n)| format!("{} ({n})", esc(s)))
                    .collect();
                writeln!(o, "<li>{}: {}</li>", m.month, l.join(", "))?;
            }
            writeln!(o, "</ul>")?;
        }
    }
    if !p.prompts.is_empty() {
        writeln!(o, "<h2>Writing the review</h2><ul>")?;
        for q in &p.prompts {
            let flag = if q.surprise {
                " <span class=\"surprise\">Surprise: nothing delivered covers this.</span>"
            } else {
                ""
            };
            writeln!(o, "<li>{}{flag}", esc(&q.question))?;
            if !q.told.is_empty() {
                writeln!(o, "<br>Already told: {}", cites(&q.told))?;
            }
            writeln!(o, "</li>")?;
        }
        writeln!(o, "</ul>")?;
    }
    writeln!(o, "</body></html>")
}
