// @vitest-environment jsdom
// Screens mounted in jsdom with the backend mocked at `invoke`, so the real ipc module
// (argument names, typed errors) is exercised too.
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
import type { VaultStatus } from "../ipc";
import Create from "./Create.svelte";
import Search from "./Search.svelte";
import Unlock from "./Unlock.svelte";

const mockedInvoke = vi.mocked(invoke);
const status: VaultStatus = {
  exists: true,
  unlocked: false,
  demo: false,
  demo_passphrase: null,
  vault_dir: "/tmp/j",
  min_passphrase_chars: 8,
  settings: { auto_lock_minutes: 10, backup_dir: null },
  version: "0.1.0",
};

const $ = <T extends Element = HTMLElement>(id: string) =>
  document.querySelector<T & HTMLElement>(`[data-testid="${id}"]`);

function typeInto(id: string, value: string) {
  const el = $<HTMLInputElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

function submit(id: string) {
  const el = $<HTMLButtonElement>(id);
  el?.closest("form")?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
}

let component: Record<string, unknown> | null = null;

beforeEach(() => {
  mockedInvoke.mockReset();
  document.body.innerHTML = "";
  app.status = { ...status };
  app.phase = "unlock";
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
});

describe("Unlock", () => {
  it("says so when the passphrase is wrong, and opens the journal when it is right", async () => {
    mockedInvoke.mockImplementation(async (_cmd, args) => {
      if ((args as { passphrase: string }).passphrase !== "right passphrase") {
        throw { kind: "WrongPassphrase" };
      }
    });
    component = mount(Unlock, { target: document.body });
    flushSync();

    typeInto("unlock-passphrase", "wrong one");
    submit("unlock-submit");
    await vi.waitFor(() => expect($("unlock-error")?.textContent).toMatch(/does not open/));
    expect($<HTMLInputElement>("unlock-passphrase")?.value).toBe("");

    typeInto("unlock-passphrase", "right passphrase");
    submit("unlock-submit");
    await vi.waitFor(() => expect(app.phase).toBe("main"));
    expect(mockedInvoke).toHaveBeenLastCalledWith("unlock", { passphrase: "right passphrase" });
  });
});

describe("Create", () => {
  it("needs the passphrase twice, then shows the recovery code until it is saved", async () => {
    app.status = { ...status, exists: false };
    app.phase = "create";
    mockedInvoke.mockResolvedValue({ recovery_code: "ABCD-EFGH-IJKL" });
    component = mount(Create, { target: document.body });
    flushSync();

    typeInto("create-passphrase", "a long walk home");
    typeInto("create-confirm", "a long walk hom");
    expect($<HTMLButtonElement>("create-submit")?.disabled).toBe(true);
    typeInto("create-confirm", "a long walk home");
    expect($<HTMLButtonElement>("create-submit")?.disabled).toBe(false);

    submit("create-submit");
    await vi.waitFor(() => expect($("recovery-code")?.textContent).toBe("ABCD-EFGH-IJKL"));
    expect(mockedInvoke).toHaveBeenCalledWith("create_journal", { passphrase: "a long walk home" });
    const go = $<HTMLButtonElement>("recovery-continue");
    expect(go?.disabled).toBe(true);
    $<HTMLInputElement>("recovery-saved")?.click();
    flushSync();
    expect(go?.disabled).toBe(false);
    go?.click();
    expect(app.phase).toBe("main");
  });
});

describe("Search", () => {
  it("shows results as you type with the matches marked, never as HTML", async () => {
    app.phase = "main";
    mockedInvoke.mockImplementation(async (cmd) => {
      expect(cmd).toBe("search");
      return {
        total: 1,
        millis: 2,
        hits: [
          {
            id: "01J",
            date: "2025-03-12",
            kind: "one-on-one",
            person: "Priya Raman",
            title: "Career",
            snippet: "she asked about **promotion** <img src=x>",
          },
        ],
      };
    });
    component = mount(Search, { target: document.body });
    flushSync();
    typeInto("search-input", "promotion");
    await vi.waitFor(() => expect($("search-result")).not.toBeNull());
    const hit = $("search-result");
    expect(hit?.querySelector("mark")?.textContent).toBe("promotion");
    expect(hit?.querySelector("img")).toBeNull();
    expect(hit?.textContent).toContain("<img src=x>");
    expect($("search-count")?.textContent).toMatch(/1 entry/);
  });
});
