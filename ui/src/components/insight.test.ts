// @vitest-environment jsdom
// The nudges, themes, prep, feedback-guidance and export/import views with the backend
// mocked at `invoke`, so the real ipc module is exercised too.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, unmount } from "svelte";

vi.mock("@tauri-apps/api/core", () => ({
  invoke: vi.fn(),
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));

import { invoke } from "@tauri-apps/api/core";
import { app } from "../lib/app.svelte";
import type { NudgeThreshold, NudgeView, ThemesReport } from "../ipc";
import Nudges from "./Nudges.svelte";
import PrepPanel from "./PrepPanel.svelte";
import SbiGuide from "./SbiGuide.svelte";
import Transfer from "./Transfer.svelte";
import TrendChart from "./TrendChart.svelte";
import Themes from "../screens/Themes.svelte";
import Settings from "../screens/Settings.svelte";

const mockedInvoke = vi.mocked(invoke);
const $ = <T extends Element = HTMLElement>(id: string) =>
  document.querySelector<T & HTMLElement>(`[data-testid="${id}"]`);
const $$ = (id: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

function typeInto(id: string, value: string) {
  const el = $<HTMLInputElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

function submit(id: string) {
  $<HTMLButtonElement>(id)?.closest("form")?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
}

let component: Record<string, unknown> | null = null;
beforeEach(() => {
  mockedInvoke.mockReset();
  document.body.innerHTML = "";
  app.phase = "main";
  app.route = { name: "today" };
});
afterEach(() => {
  if (component) unmount(component);
  component = null;
});

const nudge = (id: string): NudgeView => ({
  id,
  skill: "Regular one-on-ones",
  person: "Ada",
  message: `Your one-on-one with Ada is overdue (${id})`,
  suggestion: "Put it in the calendar today.",
  evidence: [{ id: "01E", date: "2025-01-02", kind: "one-on-one", person: "Ada", title: "Weekly" }],
  evidence_total: 3,
  members: [],
  status: "shown",
  until: null,
  group: "today",
});

describe("Nudges", () => {
  it("shows message, skill, suggestion and evidence; dismiss and snooze hide it", async () => {
    mockedInvoke.mockResolvedValue(undefined);
    const props = { nudges: [nudge("a"), nudge("b")] };
    component = mount(Nudges, { target: document.body, props });
    flushSync();
    expect($$("nudge")).toHaveLength(2);
    expect($("nudge-skill")?.textContent).toBe("Regular one-on-ones");
    expect($("nudge-suggestion")?.textContent).toContain("Put it in the calendar");

    $("nudge-evidence")?.click();
    expect(app.route).toEqual({ name: "editor", id: "01E" });

    $("nudge-snooze")?.click();
    await vi.waitFor(() => expect($$("nudge")).toHaveLength(1));
    expect(mockedInvoke).toHaveBeenLastCalledWith("dismiss_nudge", { id: "a", snoozeDays: 7 });
    $("nudge-dismiss")?.click();
    await vi.waitFor(() => expect($$("nudge")).toHaveLength(0));
    expect(mockedInvoke).toHaveBeenLastCalledWith("dismiss_nudge", { id: "b", snoozeDays: null });
  });
});

describe("TrendChart", () => {
  it("draws one bar per month as SVG, gaps included", () => {
    component = mount(TrendChart, {
      target: document.body,
      props: { monthly: [{ month: "2025-01", count: 2 }], end: "2025-03", months: 3, label: "hiring" },
    });
    flushSync();
    const svg = $("trend-chart");
    expect(svg?.tagName.toLowerCase()).toBe("svg");
    expect(svg?.querySelectorAll("rect")).toHaveLength(3);
    expect(svg?.getAttribute("aria-label")).toBe("hiring: 2025-01 2, 2025-02 0, 2025-03 0");
  });
});

describe("Themes", () => {
  const report: ThemesReport = {
    scope_entries: 12,
    other_entries: 0,
    themes: [
      {
        label: "migration",
        score: 20,
        entries: 4,
        monthly: [{ month: "2025-02", count: 4 }],
        entry_ids: ["01A", "01B"],
        people: ["Ada"],
        early: false,
      },
    ],
    skills: [
      { skill: "delegation", label: "Delegation", kind: "skill", entries: 3, entry_ids: ["01A"] },
      { skill: "recognition", label: "Recognition", kind: "skill", entries: 0, entry_ids: [] },
    ],
  };

  it("lists themes with a trend, lists a theme's entries, and names untouched skills", async () => {
    mockedInvoke.mockImplementation(async (cmd, args) => {
      if (cmd === "people") return [{ person: { id: "p1", name: "Ada" } }];
      if (cmd === "themes") return report;
      if (cmd === "entry_refs") {
        expect(args).toEqual({ ids: ["01A", "01B"] });
        return [{ id: "01A", date: "2025-02-03", kind: "one-on-one", person: "Ada", title: "Plan" }];
      }
      throw new Error(`unexpected ${cmd}`);
    });
    component = mount(Themes, { target: document.body, props: {} });
    await vi.waitFor(() => expect($("theme-label")?.textContent).toBe("migration"));
    expect($("theme")?.querySelector("svg rect")).not.toBeNull();
    expect($("skills-untouched")?.textContent).toContain("Recognition");
    expect($$("skill")).toHaveLength(1);

    $("theme")?.click();
    await vi.waitFor(() => expect($("theme-entry")).not.toBeNull());
    $("theme-entry")?.click();
    expect(app.route).toEqual({ name: "editor", id: "01A" });

    const sel = $<HTMLSelectElement>("themes-person");
    await vi.waitFor(() => expect(sel?.options.length).toBe(2));
    sel!.value = "Ada";
    sel!.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() =>
      expect(mockedInvoke).toHaveBeenLastCalledWith("themes", {
        query: { person: "Ada", kind: null, since: null, until: null, limit: 20 },
      }),
    );
  });

  it("says what to do when nothing stands out", async () => {
    mockedInvoke.mockImplementation(async (cmd) =>
      cmd === "people" ? [] : { ...report, themes: [], skills: [] },
    );
    component = mount(Themes, { target: document.body, props: {} });
    await vi.waitFor(() => expect($("themes-empty")).not.toBeNull());
  });
});

describe("PrepPanel", () => {
  it("loads the agenda on demand", async () => {
    mockedInvoke.mockResolvedValue({
      person: "Ada",
      relationship: "report",
      last_meeting: { id: "01L", date: "2025-01-02", days_ago: 30, title: "Weekly" },
      open_actions: [{ id: "a1", text: "Send the plan", mine: true, due: null, overdue: false }],
      themes: ["migration"],
      nudges: [],
      feedback_to_deliver: [],
      sbi: [],
      questions: [{ skill: "career-growth", text: "Where do you want to be in a year?" }],
      goals: [{ id: "g1", title: "Staff engineer path", due: null, last_checkin: "2025-01-02" }],
    });
    component = mount(PrepPanel, { target: document.body, props: { name: "Ada" } });
    flushSync();
    expect($("prep-agenda")).toBeNull();
    $("prep-toggle")?.click();
    await vi.waitFor(() => expect($("prep-questions")?.textContent).toContain("in a year"));
    expect(mockedInvoke).toHaveBeenCalledWith("prep", { name: "Ada" });
    expect($("prep-agenda")?.textContent).toContain("Send the plan");
    expect($("prep-goals")?.textContent).toContain("Staff engineer path");
  });
});

describe("SbiGuide", () => {
  it("shows the checklist and what the draft lacks", async () => {
    mockedInvoke.mockResolvedValue({ guidance: ["Describe the situation."], hints: ["Add the impact."] });
    component = mount(SbiGuide, {
      target: document.body,
      props: { direction: "constructive", situation: "standup", behavior: "late", impact: "", delay: 0 },
    });
    await vi.waitFor(() => expect($("sbi-hints")?.textContent).toContain("Add the impact."));
    expect(mockedInvoke).toHaveBeenCalledWith("sbi_help", {
      direction: "constructive",
      situation: "standup",
      behavior: "late",
      impact: "",
    });
  });
});

describe("Transfer", () => {
  it("warns that exports are plaintext, exports, and imports with skipped items and reasons", async () => {
    mockedInvoke.mockImplementation(async (cmd, args) => {
      if (cmd === "choose_path") {
        const kind = (args as { kind: string }).kind;
        return kind === "ExportFolder" ? "/tmp/md" : kind === "ImportFile" ? "/tmp/journal.txt" : null;
      }
      if (cmd === "export_journal") return { path: "/tmp/md", files: 4, entries: 3, action_items: 1 };
      return {
        people: 1,
        entries: 2,
        revisions: 0,
        action_items: 0,
        skipped: [{ item: "line 40", reason: "no date" }],
        not_carried: [{ field: "photos", count: 3, what: "not imported (attachments stay in the export)" }],
        notices: [],
      };
    });
    component = mount(Transfer, { target: document.body });
    flushSync();
    expect($("export-warning")?.textContent).toMatch(/not encrypted/);
    expect($<HTMLButtonElement>("export-submit")?.disabled).toBe(true);
    expect($<HTMLInputElement>("export-path")?.readOnly).toBe(true);
    $<HTMLButtonElement>("export-path-choose")!.click();
    await vi.waitFor(() => expect($<HTMLInputElement>("export-path")?.value).toBe("/tmp/md"));
    expect(mockedInvoke).toHaveBeenCalledWith("choose_path", { kind: "ExportFolder" });
    submit("export-submit");
    await vi.waitFor(() => expect($("export-done")?.textContent).toContain("3 entries"));
    expect(mockedInvoke).toHaveBeenCalledWith("export_journal", expect.objectContaining({ input: { format: "markdown", path: "/tmp/md" } }));

    const source = $<HTMLSelectElement>("import-source");
    source!.value = "jrnl";
    source!.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
    $<HTMLButtonElement>("import-path-choose")!.click();
    await vi.waitFor(() => expect($<HTMLInputElement>("import-path")?.value).toBe("/tmp/journal.txt"));
    expect(mockedInvoke).toHaveBeenCalledWith("choose_path", { kind: "ImportFile" });
    submit("import-submit");
    await vi.waitFor(() => expect($("import-skipped")?.textContent).toContain("line 40: no date"));
    expect(mockedInvoke).toHaveBeenCalledWith("import_journal", expect.objectContaining({ input: { source: "jrnl", path: "/tmp/journal.txt" } }));
    expect($("import-done")?.textContent).toContain("Imported 2 entries");
    expect($("import-not-carried")?.textContent).toContain("photos (3)");
  });
});

describe("Settings: nudge thresholds", () => {
  const gap = (value: number): NudgeThreshold => ({
    key: "constructive_gap_days",
    description: "No constructive feedback for anyone in this many days.",
    value,
    default: 60,
    min: 7,
    max: 3650,
  });

  function change(id: string, value: string) {
    typeInto(id, value);
    $(id)?.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
  }

  it("lists each threshold, saves a change, refuses a bad value inline, and resets", async () => {
    let stored = gap(60);
    mockedInvoke.mockImplementation(async (cmd, args) => {
      if (cmd === "nudge_thresholds") return [stored];
      if (cmd === "set_nudge_threshold") {
        const { value } = args as { key: string; value: number | null };
        if (value === 999) throw { kind: "Invalid", message: "constructive_gap_days must be between 7 and 365" };
        stored = gap(value ?? 60);
        return [stored];
      }
      throw new Error(`unexpected ${cmd}`);
    });
    component = mount(Settings, { target: document.body, props: {} });
    await vi.waitFor(() => expect($("nudge-threshold")).not.toBeNull());
    expect($("threshold-description")?.textContent).toContain("No constructive feedback");
    const input = $<HTMLInputElement>("threshold-input-constructive_gap_days");
    expect(input?.value).toBe("60");
    expect($<HTMLButtonElement>("threshold-reset-constructive_gap_days")?.disabled).toBe(true);

    change("threshold-input-constructive_gap_days", "30");
    await vi.waitFor(() => expect($("threshold-saved-constructive_gap_days")).not.toBeNull());
    expect(mockedInvoke).toHaveBeenLastCalledWith("set_nudge_threshold", { key: "constructive_gap_days", value: 30 });
    expect($<HTMLButtonElement>("threshold-reset-constructive_gap_days")?.disabled).toBe(false);

    // Checked before anything is sent: out of range, or not a whole number.
    const calls = mockedInvoke.mock.calls.length;
    change("threshold-input-constructive_gap_days", "3");
    expect($("threshold-error-constructive_gap_days")?.textContent).toBe("Enter a whole number from 7 to 3650.");
    change("threshold-input-constructive_gap_days", "");
    expect($("threshold-error-constructive_gap_days")?.textContent).toBe("Enter a whole number from 7 to 3650.");
    expect(mockedInvoke.mock.calls.length).toBe(calls);

    // The backend's typed refusal shows inline too.
    change("threshold-input-constructive_gap_days", "999");
    await vi.waitFor(() =>
      expect($("threshold-error-constructive_gap_days")?.textContent).toBe(
        "Constructive_gap_days must be between 7 and 365",
      ),
    );

    $("threshold-reset-constructive_gap_days")?.click();
    await vi.waitFor(() => expect($("threshold-error-constructive_gap_days")).toBeNull());
    expect(mockedInvoke).toHaveBeenLastCalledWith("set_nudge_threshold", { key: "constructive_gap_days", value: null });
    await vi.waitFor(() => expect($<HTMLInputElement>("threshold-input-constructive_gap_days")?.value).toBe("60"));
    expect($<HTMLButtonElement>("threshold-reset-constructive_gap_days")?.disabled).toBe(true);
  });

  it("stores quick successive changes in the order they were made", async () => {
    let stored = gap(60);
    const order: number[] = [];
    mockedInvoke.mockImplementation(async (cmd, args) => {
      if (cmd === "nudge_thresholds") return [stored];
      const { value } = args as { key: string; value: number };
      // The first save answers late; the second must still land last.
      if (value === 30) await new Promise((r) => setTimeout(r, 30));
      order.push(value);
      stored = gap(value);
      return [stored];
    });
    component = mount(Settings, { target: document.body, props: {} });
    await vi.waitFor(() => expect($("nudge-threshold")).not.toBeNull());
    change("threshold-input-constructive_gap_days", "30");
    change("threshold-input-constructive_gap_days", "45");
    await vi.waitFor(() => expect(order).toEqual([30, 45]));
    await vi.waitFor(() => expect($<HTMLInputElement>("threshold-input-constructive_gap_days")?.value).toBe("45"));
  });

  it("says so when the thresholds cannot be read", async () => {
    mockedInvoke.mockRejectedValue({ kind: "Locked" });
    component = mount(Settings, { target: document.body, props: {} });
    await vi.waitFor(() => expect($("thresholds-error")?.textContent).toBe("The journal is locked."));
  });
});
