// Line differences between two versions of an entry, for the history view.
import { diffLines } from "diff";

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/** What changed from `before` to `after`, line by line. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    const lines = part.value.replace(/\n$/, "").split("\n");
    for (const text of lines) out.push({ kind, text });
  }
  return out;
}
