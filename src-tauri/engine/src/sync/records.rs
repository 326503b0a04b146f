//! The records that travel: which tables, their keys, and reading or writing one row as
//! JSON. Rows travel whole (the full new state), so applying one is an upsert.

use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde_json::{Map, Value};

pub(crate) struct Table {
    pub name: &'static str,
    pub key: &'static [&'static str],
}

/// In the order a first upload writes them, so that what a row refers to comes first.
pub(crate) const TABLES: &[Table] = &[
    Table {
        name: "people",
        key: &["id"],
    },
    Table {
        name: "entries",
        key: &["id"],
    },
    Table {
        name: "action_items",
        key: &["id"],
    },
    Table {
        name: "goals",
        key: &["id"],
    },
    Table {
        name: "goal_entries",
        key: &["goal_id", "entry_id"],
    },
    Table {
        name: "entry_stars",
        key: &["entry_id"],
    },
    Table {
        name: "entry_zones",
        key: &["entry_id"],
    },
    Table {
        name: "settings",
        key: &["key"],
    },
    Table {
        name: "nudge_dismissals",
        key: &["id"],
    },
];

pub(crate) fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

pub(crate) type Row = Map<String, Value>;

fn key_values(t: &Table, key: &str) -> Option<Vec<Value>> {
    let v: Vec<Value> = serde_json::from_str(key).ok()?;
    (v.len() == t.key.len()).then_some(v)
}

fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .or_else(|| n.as_f64().map(SqlValue::Real))
            .unwrap_or(SqlValue::Null),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn from_sql(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null | ValueRef::Blob(_) => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
    }
}

fn where_key(t: &Table) -> String {
    t.key
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The row's current state, or `None` when it no longer exists.
pub(crate) fn read(conn: &Connection, t: &Table, key: &str) -> rusqlite::Result<Option<Row>> {
    let Some(kv) = key_values(t, key) else {
        return Ok(None);
    };
    let sql = format!("SELECT * FROM {} WHERE {}", t.name, where_key(t));
    let mut stmt = conn.prepare_cached(&sql)?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    stmt.query_row(params_from_iter(kv.iter().map(to_sql)), |r| {
        let mut row = Map::new();
        for (i, n) in names.iter().enumerate() {
            row.insert(n.clone(), from_sql(r.get_ref(i)?));
        }
        Ok(row)
    })
    .optional()
}

/// Every key of a table, for the first upload.
pub(crate) fn all_keys(conn: &Connection, t: &Table) -> rusqlite::Result<Vec<String>> {
    let cols = t.key.join(", ");
    let sql = format!("SELECT json_array({cols}) FROM {} ORDER BY {cols}", t.name);
    let mut stmt = conn.prepare(&sql)?;
    let keys = stmt.query_map([], |r| r.get(0))?.collect();
    keys
}

fn local_columns(conn: &Connection, t: &Table) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!("PRAGMA table_info({})", t.name))?;
    let cols = stmt.query_map([], |r| r.get::<_, String>(1))?.collect();
    cols
}

/// Writes `row` as the record's state. Columns this version does not have are left out
/// (a newer device may carry more); columns the row lacks keep their defaults.
pub(crate) fn upsert(conn: &Connection, t: &Table, row: &Row) -> rusqlite::Result<()> {
    let local = local_columns(conn, t)?;
    let cols: Vec<&String> = local.iter().filter(|c| row.contains_key(*c)).collect();
    if cols.is_empty() {
        return Ok(());
    }
    let names = cols
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let marks = (1..=cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let values: Vec<SqlValue> = cols.iter().map(|c| to_sql(&row[c.as_str()])).collect();
    // UPDATE, then INSERT when there was no row: an upsert's ON CONFLICT would override
    // the conflict handling of the statements inside the journal's triggers.
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| !t.key.contains(&c.as_str()))
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    if !sets.is_empty() {
        let keys: Vec<String> = t
            .key
            .iter()
            .map(|k| {
                let i = cols.iter().position(|c| c == k).map(|i| i + 1).unwrap_or(0);
                format!("{k} = ?{i}")
            })
            .collect();
        let sql = format!(
            "UPDATE {} SET {} WHERE {}",
            t.name,
            sets.join(", "),
            keys.join(" AND ")
        );
        if t.key.iter().all(|k| row.contains_key(*k))
            && conn
                .prepare_cached(&sql)?
                .execute(params_from_iter(values.iter()))?
                > 0
        {
            return Ok(());
        }
    }
    let sql = format!(
        "INSERT {}INTO {} ({names}) VALUES ({marks})",
        if sets.is_empty() { "OR IGNORE " } else { "" },
        t.name
    );
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    Ok(())
}

pub(crate) fn delete(conn: &Connection, t: &Table, key: &str) -> rusqlite::Result<()> {
    let Some(kv) = key_values(t, key) else {
        return Ok(());
    };
    let sql = format!("DELETE FROM {} WHERE {}", t.name, where_key(t));
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(kv.iter().map(to_sql)))?;
    Ok(())
}

/// Whether two versions of an entry say the same (the time of the save aside).
pub(crate) fn same_content(a: Option<&Row>, b: Option<&Row>) -> bool {
    let strip = |r: Option<&Row>| {
        r.map(|r| {
            let mut r = r.clone();
            r.remove("updated_at");
            r
        })
    };
    strip(a) == strip(b)
}
