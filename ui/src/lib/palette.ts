// Matching for the command palette: every typed word must start a word of the label
// (or appear in it), best matches first.
export type Command = { label: string; hint: string; run: () => void };

export function paletteMatches(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands.filter((c) => c.hint !== "" || !c.label.startsWith("One-on-one with"));
  const scored: { c: Command; score: number }[] = [];
  for (const c of commands) {
    const label = c.label.toLowerCase();
    const starts = label.split(/[\s-]+/);
    let score = 0;
    let ok = true;
    for (const w of words) {
      if (starts.some((s) => s.startsWith(w))) score += 2;
      else if (label.includes(w)) score += 1;
      else {
        ok = false;
        break;
      }
    }
    if (ok) scored.push({ c, score });
  }
  // Stable: equal scores keep the palette's own order.
  return scored.sort((a, b) => b.score - a.score).map((s) => s.c);
}
