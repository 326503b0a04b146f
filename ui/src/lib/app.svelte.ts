// The app's own state: which phase (create, unlock, main), which screen, the palette,
// and the hooks that run before the journal locks. Screens keep their journal data to
// themselves, so locking (which unmounts them) leaves no decrypted text in the page.
import * as ipc from "../ipc";
import type { Kind, SearchOrder, VaultStatus } from "../ipc";

export type Route =
  | { name: "today" }
  | { name: "people" }
  | { name: "person"; person: string }
  | {
      name: "editor";
      id: string | null;
      draft?: string | null;
      kind?: Kind;
      person?: string | null;
      /** Notes to start from instead of the kind's template (a prepared agenda). */
      body?: string;
    }
  | { name: "search"; query?: string }
  | { name: "themes"; person?: string | null }
  /** A review packet: a person's, or the manager's own with `null`. */
  | { name: "review"; person: string | null }
  | { name: "backup" }
  | { name: "trash" }
  | { name: "settings" };

export type Phase = "loading" | "create" | "unlock" | "demo" | "main";

/** What the search screen showed when it was left, to come back to (Back, Alt+Left). */
export type SearchMemory = { query: string; order: SearchOrder; loaded: number; scroll: number };

/** Screens kept for Back, at most. */
const BACK_DEPTH = 50;

class AppState {
  phase = $state<Phase>("loading");
  status = $state<VaultStatus | null>(null);
  route = $state<Route>({ name: "today" });
  paletteOpen = $state(false);
  /** Shown on the unlock screen after an automatic lock. */
  lockReason = $state<string | null>(null);
  /** Bumped to make screens reload after a change elsewhere (e.g. the palette). */
  revision = $state(0);

  /** The last search, kept in memory only while the journal is open. */
  searchMemory: SearchMemory | null = null;

  private beforeLock = new Set<() => Promise<void>>();
  private backStack = $state<Route[]>([]);

  get canGoBack(): boolean {
    return this.backStack.length > 0;
  }

  async load(): Promise<void> {
    const status = await ipc.vaultStatus();
    this.status = status;
    if (status.unlocked) this.phase = "main";
    else if (status.exists) this.phase = "unlock";
    else if (status.demo) this.phase = "demo";
    else this.phase = "create";
  }

  go(route: Route): void {
    this.backStack = [...this.backStack.slice(-(BACK_DEPTH - 1)), this.route];
    this.route = route;
    this.paletteOpen = false;
  }

  /** The screen before this one (Alt+Left). */
  back(): void {
    const prev = this.backStack[this.backStack.length - 1];
    if (!prev) return;
    this.backStack = this.backStack.slice(0, -1);
    this.route = prev;
    this.paletteOpen = false;
  }

  newEntry(kind: Kind = "one-on-one", person: string | null = null, body?: string): void {
    this.go({ name: "editor", id: null, kind, person, body });
  }

  /** Screens with unsaved work register a flush that runs before any lock. */
  onBeforeLock(flush: () => Promise<void>): () => void {
    this.beforeLock.add(flush);
    return () => this.beforeLock.delete(flush);
  }

  unlocked(): void {
    this.lockReason = null;
    this.route = { name: "today" };
    this.phase = "main";
    if (this.status) this.status = { ...this.status, exists: true, unlocked: true };
  }

  /** Saves what is pending, then locks. `reason` is shown on the unlock screen. */
  async lock(reason: string | null = null): Promise<void> {
    if (this.phase !== "main") return;
    await Promise.allSettled([...this.beforeLock].map((f) => f()));
    try {
      await ipc.lock();
    } finally {
      this.lockedByBackend(reason);
    }
  }

  /** The window was asked to close: save what is pending, then let the app end. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.beforeLock].map((f) => f()));
    await ipc.quit();
  }

  /** The backend is already locked (it found the journal idle): just show the door. */
  lockedByBackend(reason: string | null = "Candor locked itself after a while without use."): void {
    this.beforeLock.clear();
    this.paletteOpen = false;
    this.lockReason = reason;
    this.route = { name: "today" };
    this.backStack = [];
    this.searchMemory = null;
    if (this.status) this.status = { ...this.status, unlocked: false };
    this.phase = "unlock";
  }

  changed(): void {
    this.revision++;
  }
}

export const app = new AppState();
