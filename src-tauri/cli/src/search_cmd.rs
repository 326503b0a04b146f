//! `candor search` and `candor reindex`.

use std::io::IsTerminal;

use candor_engine::{Journal, SearchError, SearchResults};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use crate::{render, CliError};

impl From<SearchError> for CliError {
    fn from(e: SearchError) -> Self {
        CliError::Engine(e.into())
    }
}

pub fn search(j: &Journal, query: &str, limit: usize, as_json: bool) -> Result<(), CliError> {
    let results = j.search(query, limit)?;
    if as_json {
        return render::json(&to_json(&results));
    }
    if results.total == 0 {
        eprintln!("No entries match.");
        return Ok(());
    }
    let bold = std::io::stdout().is_terminal();
    for h in &results.hits {
        println!(
            "{}  {}  {:<11} {:<16} {}",
            render::short(&h.id),
            h.date,
            h.kind.as_str(),
            h.person.as_deref().unwrap_or("-"),
            h.title
        );
        if !h.snippet.is_empty() {
            println!("    {}", marks(&h.snippet, bold));
        }
    }
    if results.total > results.hits.len() {
        eprintln!(
            "Showing {} of {} matches; --limit shows more.",
            results.hits.len(),
            results.total
        );
    }
    Ok(())
}

/// The `--json` shape: exactly the fields the command-line contract promises.
fn to_json(r: &SearchResults) -> serde_json::Value {
    let hits: Vec<serde_json::Value> = r
        .hits
        .iter()
        .map(|h| {
            json!({
                "id": h.id,
                "date": h.date,
                "kind": h.kind,
                "person": h.person,
                "title": h.title,
                "snippet": h.snippet,
                "score": h.score,
            })
        })
        .collect();
    json!({ "total": r.total, "hits": hits })
}

/// On a terminal the `**marks**` become bold; elsewhere they stay as they are.
fn marks(snippet: &str, bold: bool) -> String {
    if !bold {
        return snippet.to_string();
    }
    let mut out = String::new();
    for (i, part) in snippet.split("**").enumerate() {
        if i % 2 == 1 {
            out.push_str("\x1b[1m");
            out.push_str(part);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(part);
        }
    }
    out
}

pub fn reindex(mut j: Journal) -> Result<(), CliError> {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} entries indexed {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let n = j.reindex(&mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    println!("Indexed {n} entries.");
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn marks_become_bold_on_a_terminal() {
        assert_eq!(marks("a **b** c", false), "a **b** c");
        assert_eq!(marks("a **b** c", true), "a \x1b[1mb\x1b[0m c");
    }
}
