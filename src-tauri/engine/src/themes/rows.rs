//! Reading a scope's analysed entries from the cache.

use rusqlite::{types::Value, Connection};

use super::{Scope, ThemesError};

/// One analysed entry of the scope.
pub struct Row {
    pub id: String,
    /// YYYY-MM-DD
    pub date: String,
    /// year * 12 + (month - 1)
    pub month: u32,
    pub flags: u32,
    /// The encoded (term, surface) pairs; see `analysis::cache::encode`.
    pub terms: Vec<u8>,
}

pub struct Rows {
    /// Newest first.
    pub rows: Vec<Row>,
}

/// How many entries the cache holds (every live entry once it is caught up).
pub fn total(conn: &Connection) -> Result<u32, ThemesError> {
    Ok(conn.query_row(
        "SELECT max(entries, 0) FROM insight_state WHERE id = 1",
        [],
        |r| r.get(0),
    )?)
}

pub fn load(
    conn: &Connection,
    scope: &Scope,
    person_id: Option<&str>,
) -> Result<Rows, ThemesError> {
    // Only the conditions in use, so SQLite can pick the person or date index.
    let mut sql = String::from("SELECT entry_id, date, flags, terms FROM insight_terms WHERE 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(p) = person_id {
        args.push(Value::Text(p.to_string()));
        sql.push_str(&format!(" AND person_key = ?{}", args.len()));
    }
    if let Some(k) = scope.kind {
        args.push(Value::Text(k.as_str().to_string()));
        sql.push_str(&format!(" AND kind = ?{}", args.len()));
    }
    if let Some(d) = scope.since {
        args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        sql.push_str(&format!(" AND date >= ?{}", args.len()));
    }
    if let Some(d) = scope.until {
        args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        sql.push_str(&format!(" AND date <= ?{}", args.len()));
    }
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
        let date: String = r.get(1)?;
        Ok(Row {
            id: r.get(0)?,
            date: date.clone(),
            month: month_of(&date),
            flags: r.get(2)?,
            terms: r.get(3)?,
        })
    })?;
    let mut rows: Vec<Row> = rows.collect::<Result<_, _>>()?;
    // Newest first (one person's rows already come in that order, reversed).
    rows.reverse();
    rows.sort_by(|a, b| (&b.date, &b.id).cmp(&(&a.date, &a.id)));
    Ok(Rows { rows })
}

/// "2025-06-13" -> 2025 * 12 + 5; unreadable dates count as month 0.
pub fn month_of(date: &str) -> u32 {
    let y: u32 = date.get(..4).and_then(|s| s.parse().ok()).unwrap_or(0);
    let m: u32 = date.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
    y * 12 + m.clamp(1, 12) - 1
}

pub fn month_label(month: u32) -> String {
    format!("{:04}-{:02}", month / 12, month % 12 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_round_trip() {
        assert_eq!(month_label(month_of("2025-06-13")), "2025-06");
        assert_eq!(month_label(month_of("1999-12-31")), "1999-12");
        assert!(month_of("2025-01-01") > month_of("2024-12-31"));
    }
}
