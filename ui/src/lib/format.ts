// Labels and dates as the screens show them.
import type { CadenceStatus, Kind, Relationship } from "../ipc";

export const KINDS: Kind[] = ["one-on-one", "mentoring", "feedback", "reflection", "note"];

export const KIND_LABEL: Record<Kind, string> = {
  "one-on-one": "One-on-one",
  mentoring: "Mentoring",
  feedback: "Feedback",
  reflection: "Reflection",
  note: "Note",
};

export const RELATIONSHIPS: Relationship[] = [
  "report",
  "mentee",
  "mentor",
  "peer",
  "manager",
  "skip-level",
];

export const RELATIONSHIP_LABEL: Record<Relationship, string> = {
  report: "Report",
  mentee: "Mentee",
  mentor: "Mentor",
  peer: "Peer",
  manager: "Manager",
  "skip-level": "Skip-level",
};

export const CADENCE_LABEL: Record<CadenceStatus, string> = {
  no_cadence: "No cadence",
  never_met: "Not met yet",
  on_track: "On track",
  due_soon: "Due soon",
  overdue: "Overdue",
};

/** Whether a kind of entry is a conversation with someone. */
export function needsPerson(kind: Kind): boolean {
  return kind === "one-on-one" || kind === "mentoring" || kind === "feedback";
}

/** Today as YYYY-MM-DD in local time (what `<input type="date">` uses). */
export function isoToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

function parse(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** "12 Mar 2025", or "12 Mar" within the current year. */
export function shortDate(iso: string | null, now: Date = new Date()): string {
  if (!iso) return "—";
  const d = parse(iso);
  if (!d) return iso;
  const opts: Intl.DateTimeFormatOptions =
    d.getFullYear() === now.getFullYear()
      ? { day: "numeric", month: "short" }
      : { day: "numeric", month: "short", year: "numeric" };
  return d.toLocaleDateString(undefined, opts);
}

/** "today", "yesterday", "5 days ago", "3 weeks ago"… */
export function relativeDate(iso: string | null, now: Date = new Date()): string {
  if (!iso) return "never";
  const d = parse(iso);
  if (!d) return iso;
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const days = Math.round((start.getTime() - d.getTime()) / 86_400_000);
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days === -1) return "tomorrow";
  if (days < 0) return `in ${-days} days`;
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.round(days / 7)} weeks ago`;
  if (days < 730) return `${Math.round(days / 30)} months ago`;
  return `${Math.round(days / 365)} years ago`;
}

/** The first line of Markdown with its heading marks removed, for lists. */
export function preview(body: string, max = 140): string {
  const text = body
    .split("\n")
    .map((l) => l.replace(/^#+\s*/, "").replace(/^[-*]\s+/, "").trim())
    .filter((l) => l.length > 0)
    .join(" · ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "just now", "4 min ago", "3 h ago", else the date: for times (RFC 3339), not days. */
export function ago(iso: string | null, now: Date = new Date()): string {
  if (!iso) return "never";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const minutes = Math.round((now.getTime() - t) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)} h ago`;
  return shortDate(iso.slice(0, 10), now);
}
