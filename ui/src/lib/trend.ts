// Monthly counts as a chart draws them: a continuous run of months (the engine leaves
// empty months out) ending at a given month, and bar geometry for a small inline SVG.
import type { MonthCount } from "../ipc";

/** "YYYY-MM" of the month `delta` months after `month`. */
export function addMonths(month: string, delta: number): string {
  const [y = 0, m = 1] = month.split("-").map(Number);
  const total = y * 12 + (m - 1) + delta;
  const year = Math.floor(total / 12);
  const mon = (total % 12) + 1;
  return `${String(year).padStart(4, "0")}-${String(mon).padStart(2, "0")}`;
}

/** The latest month any of these series reaches (null when all are empty). */
export function lastMonth(series: MonthCount[][]): string | null {
  let last: string | null = null;
  for (const s of series) for (const m of s) if (last === null || m.month > last) last = m.month;
  return last;
}

/** `months` consecutive months ending at `end`, with zero where the series has none. */
export function fillMonths(monthly: MonthCount[], end: string, months = 12): MonthCount[] {
  const byMonth = new Map(monthly.map((m) => [m.month, m.count]));
  const out: MonthCount[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const month = addMonths(end, -i);
    out.push({ month, count: byMonth.get(month) ?? 0 });
  }
  return out;
}

export type Bar = { x: number; y: number; width: number; height: number; month: string; count: number };

/** Bars filling `width`×`height`, scaled to the largest count; an empty month gets a 1px tick. */
export function bars(series: MonthCount[], width: number, height: number, gap = 2): Bar[] {
  const n = series.length;
  if (n === 0) return [];
  const max = Math.max(1, ...series.map((m) => m.count));
  const w = (width - gap * (n - 1)) / n;
  return series.map((m, i) => {
    const h = m.count === 0 ? 1 : Math.max(2, (m.count / max) * height);
    return { x: i * (w + gap), y: height - h, width: w, height: h, month: m.month, count: m.count };
  });
}
