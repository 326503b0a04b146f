import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosaver, type SaveStatus } from "./autosave";

describe("Autosaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once after a quiet moment, with the latest text", async () => {
    const save = vi.fn(async (_s: string, id: string | null) => id ?? "E1");
    const saver = new Autosaver(save, () => {}, 500);
    saver.change("a");
    saver.change("ab");
    saver.change("abc");
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith("abc", null);
    expect(saver.id).toBe("E1");
  });

  it("creates first, then edits with the id it got back; keystrokes during a save are kept", async () => {
    let release: () => void = () => {};
    const calls: [string, string | null][] = [];
    const save = vi.fn((s: string, id: string | null) => {
      calls.push([s, id]);
      return new Promise<string>((done) => {
        release = () => done("E1");
      });
    });
    const statuses: SaveStatus[] = [];
    const saver = new Autosaver(save, (s) => statuses.push(s), 500);
    saver.change("first");
    const flushing = saver.flush();
    // Typing goes on while the first save is still on its way.
    saver.change("first and more");
    release();
    await vi.advanceTimersByTimeAsync(0);
    const second = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await flushing;
    await second;
    expect(calls).toEqual([
      ["first", null],
      ["first and more", "E1"],
    ]);
    expect(saver.dirty).toBe(false);
    expect(statuses.at(-1)).toBe("saved");
  });

  it("keeps the text after a failed save and retries it on the next flush", async () => {
    const save = vi
      .fn<(s: string, id: string | null) => Promise<string>>()
      .mockRejectedValueOnce(new Error("busy"))
      .mockResolvedValueOnce("E9");
    const statuses: SaveStatus[] = [];
    const saver = new Autosaver(save, (s) => statuses.push(s), 500);
    saver.change("important");
    await expect(saver.flush()).rejects.toThrow("busy");
    expect(statuses.at(-1)).toBe("error");
    expect(saver.dirty).toBe(true);
    await saver.flush();
    expect(save).toHaveBeenLastCalledWith("important", null);
    expect(saver.id).toBe("E9");
  });

  it("does nothing when nothing changed", async () => {
    const save = vi.fn(async () => "E1");
    const saver = new Autosaver(save);
    await saver.flush();
    expect(save).not.toHaveBeenCalled();
  });
});
