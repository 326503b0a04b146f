// The desktop window end to end: the built app (target/debug/candor-app) driven through
// tauri-driver and WebKitWebDriver. Run under a display, e.g.
//   xvfb-run -a node --test tests/e2e/
// Each run uses a fresh journal in a temporary directory (--vault).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { APP, Session, killApp, startDriver } from "./webdriver.mjs";

const PASSPHRASE = "a long walk by the river";
const NEW_PASSPHRASE = "a longer walk by the sea";
const tid = (id) => `[data-testid="${id}"]`;

describe("Candor desktop window", { timeout: 300_000 }, () => {
  let driver;
  let app;
  let dir;
  let vault;
  let xdg;
  let backupFile;
  let recoveryCode;
  let run;

  before(async () => {
    assert.ok(existsSync(APP), `build the app first: ${APP} is missing`);
    dir = mkdtempSync(join(tmpdir(), "candor-e2e-"));
    vault = join(dir, "journal");
    // The webview's own data, cache and config land here, where the canary test reads them.
    xdg = join(dir, "xdg");
    // The webview's data folder for the run is made in the runtime directory.
    run = join(dir, "run");
    mkdirSync(run, { mode: 0o700 });
    driver = await startDriver({
      XDG_RUNTIME_DIR: run,
      XDG_DATA_HOME: join(xdg, "data"),
      XDG_CACHE_HOME: join(xdg, "cache"),
      XDG_CONFIG_HOME: join(xdg, "config"),
    });
    app = await Session.open(driver.base, ["--vault", vault]);
  });

  after(async () => {
    await app?.close();
    await driver?.stop();
    if (dir) killApp(join(dir, "journal"));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("creating a journal shows the recovery code once, then an empty Today", async () => {
    await app.type(tid("create-passphrase"), PASSPHRASE);
    await app.type(tid("create-confirm"), PASSPHRASE);
    await app.click(tid("create-submit"));
    const code = await app.text(tid("recovery-code"));
    assert.match(code, /\S{4,}/, "a recovery code is shown");
    recoveryCode = code;
    assert.equal(
      await app.attribute(tid("recovery-continue"), "disabled"),
      "true",
      "cannot continue before confirming the code is saved",
    );
    await app.click(tid("recovery-saved"));
    await app.click(tid("recovery-continue"));
    await app.waitFor(tid("today-empty"));
    assert.equal(await app.find(tid("recovery-code")), null, "the code is gone");
  });

  test("logging a one-on-one with an action item saves as you type", async () => {
    await app.click(tid("nav-new"));
    await app.waitFor(tid("editor"));
    await app.type(tid("editor-person"), "Priya Raman");
    await app.type(tid("editor-title"), "Promotion conversation");
    await app.type(tid("editor-body"), "Priya wants the staff promotion; we agreed on the on-call rota change.");
    await app.until("the entry to save", async () =>
      (await app.attribute(tid("editor-status"), "data-status")) === "saved",
    );
    await app.type(tid("action-text"), "Draft the promotion packet");
    await app.click(tid("action-add"));
    await app.until("the action item", async () =>
      (await app.texts(tid("action-item"))).some((t) => t.includes("Draft the promotion packet")),
    );
  });

  test("search finds it as you type, with the match highlighted", async () => {
    await app.click(tid("nav-search"));
    await app.type(tid("search-input"), "promotion");
    const hit = await app.until("a search result", async () => {
      const texts = await app.texts(tid("search-result"));
      return texts.find((t) => t.includes("Priya Raman"));
    });
    assert.match(hit, /Promotion conversation/);
    const marks = await app.texts(`${tid("search-result")} mark`);
    assert.ok(
      marks.some((m) => m.toLowerCase().startsWith("promotion")),
      `highlighted words: ${marks}`,
    );
    await app.waitFor(tid("search-count"));
  });

  test("the person's timeline shows the entry and the open action item", async () => {
    await app.click(tid("nav-people"));
    await app.until("Priya in the people list", async () =>
      (await app.texts(tid("person-row"))).some((t) => t.includes("Priya Raman")),
    );
    await app.click(`${tid("person-row")} button`);
    await app.waitFor(tid("person-timeline"));
    assert.equal(await app.text(tid("person-name")), "Priya Raman");
    const entries = await app.until("a timeline entry", () => app.texts(tid("timeline-entry")).then((t) => t.length && t));
    assert.ok(entries.some((t) => t.includes("Promotion conversation")));
    assert.match(await app.text(tid("person-actions")), /Draft the promotion packet/);
  });

  test("the window title never shows entry text", async () => {
    const title = await app.execute("return document.title");
    assert.equal(title, "Candor");
  });

  test("locking returns to the door; a wrong passphrase is refused; the right one opens", async () => {
    await app.click(tid("nav-lock"));
    await app.waitFor(tid("unlock-passphrase"));
    assert.equal(await app.find(tid("today")), null, "nothing of the journal stays on screen");

    await app.type(tid("unlock-passphrase"), "not my passphrase");
    await app.click(tid("unlock-submit"));
    assert.match(await app.text(tid("unlock-error")), /passphrase does not open/);

    await app.type(tid("unlock-passphrase"), PASSPHRASE);
    await app.click(tid("unlock-submit"));
    await app.waitFor(tid("today"));
    await app.until("the open action item on Today", async () =>
      (await app.text(tid("today-actions"))).includes("Draft the promotion packet"),
    );
    assert.match(await app.text(tid("today-recent")), /Promotion conversation/);
  });

  test("the command palette opens with Ctrl+K and jumps to a person", async () => {
    await app.ctrl("k");
    await app.waitFor(tid("palette"));
    await app.type(tid("palette-input"), "priya");
    await app.until("Priya in the palette", async () =>
      (await app.texts(tid("palette-item"))).some((t) => t.includes("Priya Raman")),
    );
    await app.type(tid("palette-input"), "\uE007"); // Enter
    await app.waitFor(tid("person-timeline"));
  });

  test("leaving the editor right after typing loses nothing", async () => {
    await app.ctrl("n");
    await app.waitFor(tid("editor"));
    await app.click(tid("kind-note"));
    await app.type(tid("editor-body"), "Quick thought about delegation before the planning meeting");
    // Navigate away at once, before the autosave delay has passed.
    await app.click(tid("nav-today"));
    await app.until("the note in recent entries", async () =>
      (await app.text(tid("today-recent"))).includes("Quick thought about delegation"),
    );
  });

  test("a backup is made, verified, and is an age file", async () => {
    const backups = join(dir, "backups");
    await app.click(tid("nav-backup"));
    // The saved folder fills the field first; replace it.
    await app.until("the default folder", async () =>
      app.execute("return document.querySelector(arguments[0])?.value", [tid("backup-dir")]),
    );
    mkdirSync(backups);
    await app.choosePath("backup-dir", "Folder for backups", backups);
    await app.type(tid("backup-passphrase"), "backup passphrase 1");
    await app.type(tid("backup-confirm"), "backup passphrase 1");
    await app.click(tid("backup-submit"));
    await app.waitFor(tid("backup-done"), 60_000);
    const path = await app.text(tid("backup-path"));
    backupFile = path;
    assert.ok(path.startsWith(backups), path);
    const bytes = readFileSync(path);
    assert.ok(bytes.subarray(0, 21).toString().startsWith("age-encryption.org/v1"), "an age file");
    assert.ok(!bytes.includes("Priya"), "encrypted");
  });

  test("the passphrase changes in Settings, and only the new one opens the journal", async () => {
    await app.click(tid("nav-settings"));
    await app.type(tid("keys-current"), PASSPHRASE);
    await app.type(tid("keys-new"), NEW_PASSPHRASE);
    await app.type(tid("keys-again"), NEW_PASSPHRASE);
    await app.click(tid("keys-change"));
    await app.waitFor(tid("keys-message"), 30_000);
    await app.ctrl("l");
    await app.type(tid("unlock-passphrase"), PASSPHRASE);
    await app.click(tid("unlock-submit"));
    await app.waitFor(tid("unlock-error"));
    await app.clear(tid("unlock-passphrase"));
    await app.type(tid("unlock-passphrase"), NEW_PASSPHRASE);
    await app.click(tid("unlock-submit"));
    await app.waitFor(tid("today"));
  });

  test("a backup is verified and restored from the window, keeping a safety copy", async () => {
    // Written after the backup: the restore takes it away (the safety copy keeps it).
    await app.ctrl("n");
    await app.click(tid("kind-note"));
    await app.type(tid("editor-body"), "Written after the backup");
    await app.click(tid("nav-backup"));
    await app.choosePath("restore-path", "Choose a backup", backupFile);
    await app.type(tid("restore-passphrase"), "backup passphrase 1");
    await app.click(tid("restore-verify"));
    assert.match(await app.text(tid("restore-checked")), /Good backup .*: 2 entries, 1 people/);
    assert.equal(await app.attribute(tid("restore-submit"), "disabled"), "true", "asks first");
    await app.click(tid("restore-confirm"));
    await app.click(tid("restore-submit"));
    await app.waitFor(tid("unlock-passphrase"), 60_000);
    // The journal as it was backed up, with the passphrase it had then.
    await app.type(tid("unlock-passphrase"), PASSPHRASE);
    await app.click(tid("unlock-submit"));
    await app.waitFor(tid("today-recent"));
    assert.doesNotMatch(await app.text(tid("today-recent")), /Written after the backup/);
    const copies = readdirSync(dir).filter((f) => f.startsWith("journal.before-restore-"));
    assert.equal(copies.length, 1, `safety copy beside the journal: ${readdirSync(dir)}`);
  });

  test("a new data key is made from Settings, with a new recovery code, and the journal stays open", async () => {
    await app.click(tid("nav-settings"));
    await app.type(tid("keys-current"), PASSPHRASE);
    await app.click(tid("keys-rekey"));
    recoveryCode = await app.text(tid("keys-code"));
    assert.match(recoveryCode, /\S{4,}/);
    await app.click(tid("nav-today"));
    await app.waitFor(tid("today-recent"));
    assert.match(await app.text(tid("today-recent")), /Promotion conversation/);
  });

  test("a forgotten passphrase is replaced with the recovery code at the door", async () => {
    await app.ctrl("l");
    await app.click(tid("unlock-forgot"));
    await app.type(tid("recover-code"), "WRONG-CODE-0000");
    await app.type(tid("recover-new"), "a third walk in the woods");
    await app.type(tid("recover-again"), "a third walk in the woods");
    await app.click(tid("recover-submit"));
    await app.waitFor(tid("unlock-error"));
    // The code the new data key came with.
    await app.clear(tid("recover-code"));
    await app.type(tid("recover-code"), recoveryCode);
    await app.click(tid("recover-submit"));
    await app.waitFor(tid("today"), 30_000);
  });

  test("nothing readable is written beside the journal or in the webview's folders", async () => {
    const files = (root) =>
      existsSync(root)
        ? readdirSync(root, { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => join(e.parentPath ?? e.path, e.name))
        : [];
    const all = [...files(vault), ...files(xdg), ...files(run)];
    assert.ok(all.length > 0);
    for (const f of all) {
      const bytes = readFileSync(f);
      assert.ok(!bytes.includes("promotion packet"), `${f} holds plaintext`);
      assert.ok(!bytes.includes("Priya"), `${f} holds plaintext`);
    }
    // No persistent web storage at all: the webview runs without a data store.
    const stores = files(xdg).filter((f) => /localstorage|IndexedDB|WebsiteData|storage/i.test(f));
    assert.deepEqual(stores, []);
    await sleep(0);
  });
});
