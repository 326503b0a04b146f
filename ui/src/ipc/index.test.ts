import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({
  invoke: vi.fn(),
  // A stand-in for Tauri's Channel: records the handler the wrapper installs.
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));

import { invoke } from "@tauri-apps/api/core";
import * as ipc from "./index";
import { IpcError } from "./index";

const mockedInvoke = vi.mocked(invoke);

describe("ipc wrappers", () => {
  beforeEach(() => {
    mockedInvoke.mockReset();
    ipc.onLocked(null);
  });

  it("calls the app_version command with no arguments and returns its answer", async () => {
    mockedInvoke.mockResolvedValueOnce("0.1.0");
    await expect(ipc.appVersion()).resolves.toBe("0.1.0");
    expect(mockedInvoke).toHaveBeenCalledWith("app_version", undefined);
  });

  it("passes arguments under the names the Rust commands take", async () => {
    mockedInvoke.mockResolvedValue(undefined);
    await ipc.unlock("secret words");
    await ipc.people(true);
    await ipc.actions("Priya", true);
    await ipc.search("person:priya promotion");
    await ipc.editEntry("01ABC", {
      kind: "note",
      date: null,
      person: null,
      title: null,
      body: "x",
      tags: [],
      mood: null,
      feedback: null,
    });
    expect(mockedInvoke.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ["unlock", { passphrase: "secret words" }],
      ["people", { includeArchived: true }],
      ["actions", { person: "Priya", openOnly: true }],
      ["search", { query: "person:priya promotion", offset: 0, order: "relevance" }],
      [
        "edit_entry",
        {
          id: "01ABC",
          input: { kind: "note", date: null, person: null, title: null, body: "x", tags: [], mood: null, feedback: null },
        },
      ],
    ]);
  });

  it("turns a typed backend error into an IpcError with a readable message", async () => {
    mockedInvoke.mockRejectedValueOnce({ kind: "WrongPassphrase" });
    const err = await ipc.unlock("nope").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).error).toEqual({ kind: "WrongPassphrase" });
    expect((err as IpcError).message).toMatch(/passphrase does not open/);
  });

  it("reports anything untyped (a missing command) as Internal", async () => {
    mockedInvoke.mockRejectedValueOnce("command app_version not found");
    const err = (await ipc.appVersion().catch((e: unknown) => e)) as IpcError;
    expect(err.error).toEqual({ kind: "Internal", message: "command app_version not found" });
  });

  it("tells the app when the backend says the journal is locked", async () => {
    const locked = vi.fn();
    ipc.onLocked(locked);
    mockedInvoke.mockRejectedValueOnce({ kind: "Locked" });
    await expect(ipc.today()).rejects.toBeInstanceOf(IpcError);
    expect(locked).toHaveBeenCalledTimes(1);
  });

  it("streams progress through a channel", async () => {
    mockedInvoke.mockImplementationOnce(async (_cmd, args) => {
      const channel = (args as { onProgress: { onmessage: (m: unknown) => void } }).onProgress;
      channel.onmessage({ done: 1, total: 2 });
      channel.onmessage({ done: 2, total: 2 });
      return 2;
    });
    const seen: unknown[] = [];
    await expect(ipc.reindex((p) => seen.push(p))).resolves.toBe(2);
    expect(seen).toEqual([
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
  });

  it("wraps the insight and transfer commands under the Rust argument names", async () => {
    mockedInvoke.mockResolvedValue(undefined);
    await ipc.nudges();
    await ipc.dismissNudge("overdue-1on1-ada", 7);
    await ipc.dismissNudge("overdue-1on1-ada");
    await ipc.themes({ person: "Ada", kind: null, since: "2025-01-01", until: null, limit: 5 });
    await ipc.entryRefs(["01A", "01B"]);
    await ipc.prep("Ada");
    await ipc.sbiHelp("constructive", "s", "b", "i");
    expect(mockedInvoke.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ["nudges", undefined],
      ["dismiss_nudge", { id: "overdue-1on1-ada", snoozeDays: 7 }],
      ["dismiss_nudge", { id: "overdue-1on1-ada", snoozeDays: null }],
      ["themes", { query: { person: "Ada", kind: null, since: "2025-01-01", until: null, limit: 5 } }],
      ["entry_refs", { ids: ["01A", "01B"] }],
      ["prep", { name: "Ada" }],
      ["sbi_help", { direction: "constructive", situation: "s", behavior: "b", impact: "i" }],
    ]);
  });

  it("lists, sets and resets nudge thresholds, with bad values as typed errors", async () => {
    const list = [
      { key: "balance_entries", description: "d", value: 6, default: 4, min: 2, max: 50 },
    ];
    mockedInvoke.mockResolvedValueOnce(list).mockResolvedValueOnce(list).mockResolvedValueOnce(list);
    expect(await ipc.nudgeThresholds()).toEqual(list);
    expect(await ipc.setNudgeThreshold("balance_entries", 6)).toEqual(list);
    expect(await ipc.resetNudgeThreshold("balance_entries")).toEqual(list);
    expect(mockedInvoke.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ["nudge_thresholds", undefined],
      ["set_nudge_threshold", { key: "balance_entries", value: 6 }],
      ["set_nudge_threshold", { key: "balance_entries", value: null }],
    ]);
    mockedInvoke.mockRejectedValueOnce({ kind: "Invalid", message: "balance_entries must be between 2 and 50" });
    const err = await ipc.setNudgeThreshold("balance_entries", 99).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ipc.IpcError);
    expect((err as ipc.IpcError).error.kind).toBe("Invalid");
    expect((err as ipc.IpcError).message).toBe("Balance_entries must be between 2 and 50");
  });

  it("exports and imports with progress, returning the engine's counts", async () => {
    mockedInvoke.mockImplementation(async (cmd, args) => {
      const a = args as { input: unknown; onProgress: { onmessage: (m: unknown) => void } };
      a.onProgress.onmessage({ done: 1, total: 1 });
      if (cmd === "export_journal") {
        expect(a.input).toEqual({ format: "json", path: "/tmp/out.json" });
        return { path: "/tmp/out.json", files: 1, entries: 3, action_items: 0 };
      }
      expect(cmd).toBe("import_journal");
      expect(a.input).toEqual({ source: "dayone", path: "/tmp/Journal.json" });
      return { people: 0, entries: 2, revisions: 0, action_items: 0, skipped: [{ item: "entry 3", reason: "no text" }] };
    });
    const seen: unknown[] = [];
    const out = await ipc.exportJournal({ format: "json", path: "/tmp/out.json" }, (p) => seen.push(p));
    expect(out.entries).toBe(3);
    const r = await ipc.importJournal({ source: "dayone", path: "/tmp/Journal.json" }, (p) => seen.push(p));
    expect(r.skipped).toEqual([{ item: "entry 3", reason: "no text" }]);
    expect(seen).toHaveLength(2);
  });
});
