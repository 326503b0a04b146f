// Templates and prompts per kind of entry, written for Candor. A template fills an
// empty body; the prompts sit beside the editor as questions to draw on.
import type { Kind } from "../ipc";

export const TEMPLATES: Record<Kind, string> = {
  "one-on-one": `## How they are doing

## What they wanted to talk about

## Progress and blockers

## Growth and career

## Agreed next steps
`,
  mentoring: `## What they brought

## What we explored

## What they will try before next time
`,
  feedback: `## Notes

`,
  reflection: `## What went well this week

## What I would do differently

## Who needs more of my attention

## One thing to practise next week
`,
  note: "",
};

export const PROMPTS: Record<Kind, string[]> = {
  "one-on-one": [
    "What is taking more of your energy than it should?",
    "What would you like more (or less) of from me?",
    "Where do you want to be in a year, and what would help you get there?",
    "Is anything blocking you that I could remove?",
    "What are you proud of since we last talked?",
    "Follow up on the open action items from last time.",
  ],
  mentoring: [
    "What outcome would make this session worth your time?",
    "What have you already tried?",
    "What would you advise a friend in your place to do?",
    "Who else could help with this?",
    "What is the smallest next step you could take this week?",
  ],
  feedback: [
    "Situation: when and where, specifically?",
    "Behaviour: what did they do or say that you saw or heard, not what you assume?",
    "Impact: what did it change, for whom?",
    "Deliver it soon, in private if it is constructive, and ask for their view.",
    "Praise in specifics teaches as much as correction does.",
  ],
  reflection: [
    "Which conversation did I avoid this week, and why?",
    "Where did I do the work myself instead of delegating it?",
    "Whom did I recognise for good work? Whom did I forget?",
    "Were my expectations clear to everyone who depended on them?",
    "What did I learn about how the organisation really decides things?",
  ],
  note: [
    "Write what you need to find again later; search covers every word.",
    "Tags (comma separated) group notes across people and months.",
  ],
};

/** Whether `body` is empty or still exactly some kind's template. */
export function isUntouchedTemplate(body: string): boolean {
  const b = body.trim();
  return b === "" || Object.values(TEMPLATES).some((t) => t.trim() === b);
}

/**
 * The automatic title, as the engine makes it (`drafts::auto_title`): while the notes
 * start with a heading (a template), the kind and the person; otherwise null, and the
 * entry takes the first line of its notes.
 */
export function fallbackTitle(kind: Kind, person: string, body: string): string | null {
  const first = body
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (first !== undefined && !first.startsWith("#")) return null;
  const label: Record<Kind, string> = {
    "one-on-one": "One-on-one",
    mentoring: "Mentoring session",
    feedback: "Feedback",
    reflection: "Reflection",
    note: "Note",
  };
  return person ? `${label[kind]} with ${person}` : label[kind];
}

/** The title an entry gets when its title is automatic (the engine's rule). */
export function automaticTitle(kind: Kind, person: string, body: string): string {
  const fallback = fallbackTitle(kind, person, body);
  if (fallback !== null) return fallback;
  const line = (body.split("\n").find((l) => l.trim().length > 0) ?? "").trim().replace(/^#+/, "").trim();
  const chars = [...line];
  return chars.length > 80 ? `${chars.slice(0, 80).join("")}…` : line;
}
