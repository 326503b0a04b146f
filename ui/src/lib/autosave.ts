// Autosave that never loses a keystroke: every change replaces the pending snapshot,
// a quiet moment (or a blur, a screen change, a lock) saves it, and saves run one at a
// time so the first save of a new entry finishes (and yields its id) before the next.
// A failed save keeps its snapshot pending, to be retried on the next change or flush.
export type SaveStatus = "clean" | "dirty" | "saving" | "saved" | "error";

export class Autosaver<T> {
  id: string | null;
  private pending: T | null = null;
  private running: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    /** Saves `snapshot` (creating the entry when `id` is null); returns its id. */
    private readonly save: (snapshot: T, id: string | null) => Promise<string>,
    private readonly onStatus: (status: SaveStatus, error?: unknown) => void = () => {},
    private readonly delayMs = 700,
    id: string | null = null,
  ) {
    this.id = id;
  }

  get dirty(): boolean {
    return this.pending !== null || this.running !== null;
  }

  change(snapshot: T): void {
    this.pending = snapshot;
    this.onStatus("dirty");
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => {});
    }, this.delayMs);
  }

  /** Saves everything pending now; resolves when it is on disk (rejects if it failed). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (;;) {
      while (this.running) await this.running.catch(() => {});
      const snapshot = this.pending;
      if (snapshot === null) return;
      this.pending = null;
      let failed: unknown = null;
      this.running = (async () => {
        this.onStatus("saving");
        try {
          this.id = await this.save(snapshot, this.id);
          this.onStatus(this.pending === null ? "saved" : "dirty");
        } catch (e) {
          // Keep the text: a newer snapshot wins, otherwise this one is retried.
          if (this.pending === null) this.pending = snapshot;
          failed = e;
          this.onStatus("error", e);
        } finally {
          this.running = null;
        }
      })();
      await this.running;
      if (failed !== null) throw failed;
    }
  }
}
