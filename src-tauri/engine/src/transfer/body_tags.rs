//! Obsidian's inline tags: `#tag` in a note's text (after white space or at the start of a
//! line; letters, digits, `_`, `-` and `/` for nesting; not digits alone), outside code
//! blocks and `inline code`. A heading's `# ` is followed by a space and is no tag.

/// The inline tags of `body`, lower-cased, each once, in order.
pub(crate) fn inline_tags(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut fenced = false;
    for line in body.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut in_code = false;
        let mut prev: Option<char> = None;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '`' {
                in_code = !in_code;
            } else if c == '#' && !in_code && prev.is_none_or(char::is_whitespace) {
                let start = i + 1;
                let mut end = start;
                while let Some(&(j, n)) = chars.peek() {
                    if n.is_alphanumeric() || matches!(n, '_' | '-' | '/') {
                        end = j + n.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let tag = line[start..end].trim_end_matches('/').to_lowercase();
                if !tag.is_empty()
                    && !tag.chars().all(|d| d.is_ascii_digit())
                    && !out.contains(&tag)
                {
                    out.push(tag);
                }
                prev = line[..end].chars().last();
                continue;
            }
            prev = Some(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_obsidian_calls_tags() {
        let body = "# Heading\nTalked #career and #Team/Platform, issue #42, url http://x/#frag.\n\
                    `#notatag` and\n```\n#also-not\n```\n#last-one #career";
        assert_eq!(
            inline_tags(body),
            vec!["career", "team/platform", "last-one"]
        );
    }
}
