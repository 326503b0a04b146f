//! Links in a Markdown note that point at things an import does not bring: attached files
//! (`![[photo.png]]`, `![](../_resources/scan.pdf)`, `[file](report.pdf)`) and wikilinks
//! to other notes (`[[Note]]`, `[[Note|alias]]`).

/// How many links of each sort a note holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LinkCounts {
    pub attachments: usize,
    pub wikilinks: usize,
}

/// Whether a link target is a local file other than a note.
fn is_attachment(target: &str) -> bool {
    let t = target.trim().trim_start_matches('<').trim_end_matches('>');
    let t = t.split(['#', '|']).next().unwrap_or("").trim();
    if t.is_empty() || t.contains("://") || t.starts_with("mailto:") || t.starts_with("data:") {
        return false;
    }
    match t.rsplit_once('.') {
        Some((_, ext)) => {
            let ext = ext.to_ascii_lowercase();
            (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext != "md"
                && ext != "markdown"
        }
        None => false,
    }
}

/// Counts attachments and wikilinks in `body`.
pub(crate) fn count(body: &str) -> LinkCounts {
    let mut out = LinkCounts::default();
    let mut rest = body;
    while let Some(i) = rest.find("[[") {
        let embed = rest[..i].ends_with('!');
        let after = &rest[i + 2..];
        let Some(end) = after.find("]]") else { break };
        let target = &after[..end];
        if !target.contains('\n') && !target.trim().is_empty() {
            if is_attachment(target) {
                out.attachments += 1;
            } else if !embed {
                out.wikilinks += 1;
            }
        }
        rest = &after[end + 2..];
    }
    // Markdown links and images: `](target)`.
    let mut rest = body;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let Some(end) = after.find(')') else { break };
        let target = after[..end].split_whitespace().next().unwrap_or("");
        if is_attachment(target) {
            out.attachments += 1;
        }
        rest = &after[end + 1..];
    }
    out
}

/// A wikilink's parts: `[[target#fragment|alias]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Wikilink<'a> {
    pub target: &'a str,
    /// With its `#`, or empty.
    pub fragment: &'a str,
    pub alias: Option<&'a str>,
}

impl<'a> Wikilink<'a> {
    fn parse(inner: &'a str) -> Self {
        let (link, alias) = match inner.split_once('|') {
            Some((l, a)) => (l, Some(a)),
            None => (inner, None),
        };
        let (target, fragment) = match link.find('#') {
            Some(i) => (&link[..i], &link[i..]),
            None => (link, ""),
        };
        Wikilink {
            target,
            fragment,
            alias,
        }
    }

    /// What the link shows: its alias, else what it points at.
    pub(crate) fn shown(&self) -> String {
        match self.alias {
            Some(a) => a.to_string(),
            None => format!("{}{}", self.target, self.fragment),
        }
    }
}

/// Rewrites every wikilink (and note embed) `f` gives a new text for: `f` gets the
/// parsed link and returns the whole new inner text, or `None` to leave it as it is.
pub(crate) fn rewrite(body: &str, f: impl Fn(&Wikilink<'_>) -> Option<String>) -> String {
    rewrite_whole(body, |l| f(l).map(|inner| format!("[[{inner}]]")))
}

/// Like [`rewrite`], but `f` returns what replaces the whole link, brackets included.
pub(crate) fn rewrite_whole(body: &str, f: impl Fn(&Wikilink<'_>) -> Option<String>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("[[") {
        let after = &rest[i + 2..];
        let Some(end) = after.find("]]") else { break };
        let inner = &after[..end];
        out.push_str(&rest[..i]);
        match (!inner.contains('\n') && !inner.contains("[["))
            .then(|| f(&Wikilink::parse(inner)))
            .flatten()
        {
            Some(new) => {
                out.push_str(&new);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("[[");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The wikilinks to other notes in `body` (`[[Note]]`, `[[Folder/Note#Part|shown]]`):
/// not embeds, not links to attached files.
pub(crate) fn note_links(body: &str) -> Vec<Wikilink<'_>> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("[[") {
        let embed = rest[..i].ends_with('!');
        let after = &rest[i + 2..];
        let Some(end) = after.find("]]") else { break };
        let inner = &after[..end];
        if !embed
            && !inner.contains('\n')
            && !inner.contains("[[")
            && !inner.trim().is_empty()
            && !is_attachment(inner)
        {
            out.push(Wikilink::parse(inner));
        }
        rest = &after[end + 2..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_what_it_is_asked_to() {
        let body = "[[Retro]], [[retro#Actions|the actions]], ![[Retro]], [[Other]], [[broken";
        let out = rewrite(body, |l| {
            l.target
                .eq_ignore_ascii_case("retro")
                .then(|| format!("2024-01-01 Retro (X){}|{}", l.fragment, l.shown()))
        });
        assert_eq!(
            out,
            "[[2024-01-01 Retro (X)|Retro]], [[2024-01-01 Retro (X)#Actions|the actions]], \
             ![[2024-01-01 Retro (X)|Retro]], [[Other]], [[broken"
        );
    }

    #[test]
    fn counts_files_and_notes_linked() {
        let body = "See [[Priya]] and [[Q3 plan|the plan]], ![[whiteboard.png]], \
                    ![](../_resources/ab12.jpg) and [the doc](Specs/API%20v2.pdf), \
                    not [site](https://example.com/a.png) nor [note](Other.md) nor [[Notes.md]] \
                    nor [[v1.2 release]].";
        assert_eq!(
            count(body),
            LinkCounts {
                attachments: 3,
                wikilinks: 4
            }
        );
        assert_eq!(count("no links [x] (y)"), LinkCounts::default());
    }
}
