// Search snippets mark matching words `**like this**`. They are split into plain and
// marked parts and rendered as text, never as HTML, so journal text cannot inject markup.
export type Part = { text: string; mark: boolean };

export function snippetParts(snippet: string): Part[] {
  const parts: Part[] = [];
  const re = /\*\*(.+?)\*\*/g;
  let last = 0;
  for (let m = re.exec(snippet); m !== null; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), mark: false });
    parts.push({ text: m[1] ?? "", mark: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), mark: false });
  return parts;
}

/** Filters of the search language (`person:priya`, `kind:feedback`, `-tag:x`…) as chips. */
export type Chip = { raw: string; field: string; value: string; negated: boolean };

const FILTER = /(^|\s)(-?)(person|with|kind|tag|after|before|since|until):("[^"]*"|\S+)/g;

export function queryChips(query: string): Chip[] {
  const chips: Chip[] = [];
  for (const m of query.matchAll(FILTER)) {
    chips.push({
      raw: `${m[2]}${m[3]}:${m[4]}`,
      field: m[3] ?? "",
      value: (m[4] ?? "").replace(/^"|"$/g, ""),
      negated: m[2] === "-",
    });
  }
  return chips;
}

/** The query without one chip. */
export function removeChip(query: string, chip: Chip): string {
  return query.replace(chip.raw, " ").replace(/\s+/g, " ").trim();
}
