//! YAML front matter: the small subset Markdown notes use (Obsidian, Jekyll, our export).
//!
//! Written: `key: value` lines with every string double-quoted JSON-style (valid YAML), and
//! lists in flow style. Read: `key: value` with plain, 'single' or "double" quoted scalars,
//! flow lists `[a, "b"]` and block lists (`- item` lines). Nested maps are ignored.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Str(String),
    List(Vec<String>),
}

impl Value {
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            Value::List(_) => None,
        }
    }

    /// A list, or a scalar read as a comma- or space-separated list.
    pub(crate) fn as_list(&self) -> Vec<String> {
        match self {
            Value::List(l) => l.clone(),
            Value::Str(s) => s
                .split([',', ' '])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

pub(crate) type FrontMatter = BTreeMap<String, Value>;

/// Splits a note into its front matter (if it starts with one) and its body.
pub(crate) fn split(text: &str) -> (Option<FrontMatter>, &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return (Some(parse(yaml)), body);
        }
        offset += line.len();
    }
    (None, text)
}

pub(crate) fn parse(yaml: &str) -> FrontMatter {
    let mut out = FrontMatter::new();
    let mut list_key: Option<String> = None;
    for raw in yaml.lines() {
        let line = raw.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let t = line.trim();
        if let (Some(key), Some(item)) =
            (&list_key, t.strip_prefix("- ").or((t == "-").then_some("")))
        {
            if let Some(Value::List(l)) = out.get_mut(key) {
                let v = scalar(item);
                if !v.is_empty() {
                    l.push(v);
                }
            }
            continue;
        }
        if indented {
            continue; // nested maps are not ours
        }
        list_key = None;
        let Some((k, v)) = t.split_once(':') else {
            continue;
        };
        let key = k.trim().to_string();
        let v = v.trim();
        if v.is_empty() {
            out.insert(key.clone(), Value::List(Vec::new()));
            list_key = Some(key);
        } else if v.starts_with('[') && v.ends_with(']') {
            out.insert(key, Value::List(flow_list(&v[1..v.len() - 1])));
        } else {
            out.insert(key, Value::Str(scalar(v)));
        }
    }
    // A key with nothing under it is an empty value, not an empty list.
    out
}

fn flow_list(inner: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in inner.chars() {
        match quote {
            Some(q) => {
                cur.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == ',' => {
                items.push(std::mem::take(&mut cur));
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                cur.push(c);
            }
        }
    }
    items.push(cur);
    items
        .iter()
        .map(|s| scalar(s.trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A scalar: "double" (JSON escapes), 'single' ('' for a quote), or plain (a trailing
/// ` #comment` dropped).
fn scalar(v: &str) -> String {
    let v = v.trim();
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        if let Ok(s) = serde_json::from_str::<String>(v) {
            return s;
        }
        return v[1..v.len() - 1].to_string();
    }
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return v[1..v.len() - 1].replace("''", "'");
    }
    match v.find(" #") {
        Some(i) => v[..i].trim_end().to_string(),
        None => v.to_string(),
    }
}

/// A string as a double-quoted YAML scalar.
pub(crate) fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A list of strings in flow style.
pub(crate) fn quote_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", inner.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_editors_write() {
        let text = "---\ntitle: \"Quoted: \\\"yes\\\"\"\nplain: some words # a comment\nsingle: 'it''s'\ntags: [a, \"b, c\", 'd']\naliases:\n  - one\n  - \"two\"\nnested:\n  inner: x\nempty:\n---\nBody\n---\nnot front matter\n";
        let (fm, body) = split(text);
        let fm = fm.unwrap();
        assert_eq!(body, "Body\n---\nnot front matter\n");
        assert_eq!(fm["title"].as_str(), Some("Quoted: \"yes\""));
        assert_eq!(fm["plain"].as_str(), Some("some words"));
        assert_eq!(fm["single"].as_str(), Some("it's"));
        assert_eq!(fm["tags"].as_list(), vec!["a", "b, c", "d"]);
        assert_eq!(fm["aliases"].as_list(), vec!["one", "two"]);
        assert_eq!(fm["nested"].as_list(), Vec::<String>::new());
        assert!(!fm.contains_key("inner"));
    }

    #[test]
    fn no_front_matter_is_all_body() {
        assert_eq!(split("# Title\ntext").0, None);
        assert_eq!(split("---\nunterminated").1, "---\nunterminated");
    }

    #[test]
    fn writes_what_it_reads() {
        let tricky = "a: b # c\n\"quoted\" 'single' \\ back";
        let yaml = format!(
            "x: {}\nl: {}\n",
            quote(tricky),
            quote_list(&["p, q".into(), "r".into()])
        );
        let fm = parse(&yaml);
        assert_eq!(fm["x"].as_str(), Some(tricky));
        assert_eq!(fm["l"].as_list(), vec!["p, q", "r"]);
    }
}
