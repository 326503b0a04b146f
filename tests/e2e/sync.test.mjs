// Sync in the window: a new computer joins from a sync folder on the first screen; a
// conflict made on two computers shows in the sidebar and in Settings → Sync, and
// resolving it there resolves it on the other computer too.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { APP, CLI, Session, candorCli, killApp, startDriver } from "./webdriver.mjs";

const PASSPHRASE = "sync across two computers";
const tid = (id) => `[data-testid="${id}"]`;

describe("Sync in the window", { timeout: 300_000 }, () => {
  let driver;
  let app;
  let dir;
  let folder;
  let laptop;
  let entry;
  const candor = (vault, ...args) => candorCli(vault, PASSPHRASE, ...args);

  before(async () => {
    assert.ok(existsSync(APP), `build the app first: ${APP} is missing`);
    assert.ok(existsSync(CLI), `build the command line first: ${CLI} is missing`);
    dir = mkdtempSync(join(tmpdir(), "candor-e2e-sync-"));
    folder = join(dir, "Sync");
    mkdirSync(folder);
    laptop = join(dir, "laptop");
    candor(laptop, "init");
    entry = candor(laptop, "log", "one-on-one", "--with", "Priya Raman", "--title", "Career talk",
      "--body", "Wants to lead the payments migration.").trim();
    candor(laptop, "sync", "setup", folder);
    driver = await startDriver();
  });

  after(async () => {
    await app?.close();
    await driver?.stop();
    if (dir) {
      killApp(join(dir, "desktop"));
      killApp(join(dir, "second"));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a new computer joins from the sync folder and has the journal", async () => {
    app = await Session.open(driver.base, ["--vault", join(dir, "desktop")]);
    await app.click(tid("create-join"));
    // GTK may answer the journal's own folder inside it (its only subfolder): either joins.
    await app.choosePath("join-folder", "Folder to sync the journal through", folder, {
      accept: (v) => v === folder || v.startsWith(`${folder}/candor-`),
    });
    // A wrong passphrase is refused and nothing is created.
    await app.type(tid("join-passphrase"), "not the journal passphrase");
    await app.click(tid("join-submit"));
    await app.until("the refusal", async () => /passphrase/i.test(await app.text(tid("join-error"))));
    assert.ok(!existsSync(join(dir, "desktop", "journal.db")));
    await app.clear(tid("join-passphrase"));
    await app.type(tid("join-passphrase"), PASSPHRASE);
    await app.click(tid("join-submit"));
    assert.match(await app.text(tid("recovery-code")), /\S{4,}/);
    await app.click(tid("recovery-saved"));
    await app.click(tid("recovery-continue"));
    await app.waitFor(tid("today"));
    await app.until("the sync line in the sidebar", async () => /Synced/.test(await app.text(tid("sync-badge"))));
    await app.click(tid("nav-people"));
    await app.until("the person from the other computer", async () => /Priya Raman/.test(await app.text("main")));
    assert.deepEqual(await app.pageErrors(), []);
  });

  test("a conflict shows in the sidebar and Settings, and resolving it reaches the other computer", async () => {
    await app?.close();
    app = null;
    await sleep(2000);
    // The desktop edits while the folder is away (offline), the laptop edits too.
    const desktop = join(dir, "desktop");
    const away = `${folder}.away`;
    renameSync(folder, away);
    candor(desktop, "edit", entry, "--body", "Edited on the desktop.");
    renameSync(away, folder);
    candor(laptop, "edit", entry, "--body", "Edited on the laptop.");
    candor(laptop, "sync", "now");
    app = await Session.open(driver.base, ["--vault", desktop]);
    await app.type(tid("unlock-passphrase"), PASSPHRASE);
    await app.click(tid("unlock-submit"));
    await app.waitFor(tid("today"));
    await app.until("the conflict in the sidebar", async () => /1 sync conflict/.test(await app.text(tid("sync-badge"))));
    // The entry itself carries a badge, which leads to Settings → Sync.
    await app.click(tid("nav-search"));
    await app.type(tid("search-input"), "Career");
    await app.click(tid("search-result"));
    await app.waitFor(tid("entry-sync-conflict"));
    await app.click(tid("entry-sync-conflict"));
    await app.waitFor(tid("sync-panel"));
    await app.waitFor(tid("sync-conflict"));
    const shown = await app.text(tid("sync-conflict"));
    assert.match(shown, /Edited on the desktop/);
    assert.match(shown, /Edited on the laptop/);
    await app.click(tid("sync-keep-both"));
    await app.until("the conflict resolved", async () => !(await app.find(tid("sync-conflict"))));
    assert.match(await app.text(tid("sync-message")), /Resolved/);
    candor(laptop, "sync", "now");
    const conflicts = JSON.parse(candor(laptop, "sync", "conflicts", "--json"));
    assert.equal(conflicts.length, 0, "resolved on the laptop too");
    const body = JSON.parse(candor(laptop, "show", entry, "--json")).body;
    assert.match(body, /Edited on the desktop/);
    assert.match(body, /Edited on the laptop/);
    // Sync now from the panel reports what it did.
    await app.click(tid("sync-now"));
    await app.until("a report", async () => /Sent \d+, applied \d+/.test(await app.text(tid("sync-message"))));
    assert.deepEqual(await app.pageErrors(), []);
  });

  test("a journal that does not sync sets it up from Settings", async () => {
    await app?.close();
    app = null;
    await sleep(2000);
    const second = join(dir, "second");
    candor(second, "init");
    const elsewhere = join(dir, "Elsewhere");
    mkdirSync(elsewhere);
    app = await Session.open(driver.base, ["--vault", second]);
    await app.type(tid("unlock-passphrase"), PASSPHRASE);
    await app.click(tid("unlock-submit"));
    await app.waitFor(tid("today"));
    assert.equal(await app.find(tid("sync-badge")), null, "no sync line while not syncing");
    await app.click(tid("nav-settings"));
    await app.waitFor(tid("sync-panel"));
    await app.choosePath("sync-folder", "Folder to sync the journal through", elsewhere);
    await app.type(tid("sync-passphrase"), "the wrong one entirely");
    await app.click(tid("sync-setup"));
    await app.until("the refusal", async () => /passphrase/i.test(await app.text(tid("sync-error"))));
    await app.clear(tid("sync-passphrase"));
    await app.type(tid("sync-passphrase"), PASSPHRASE);
    await app.click(tid("sync-setup"));
    await app.waitFor(tid("sync-devices"));
    assert.match(await app.text(tid("sync-folder-shown")), /Elsewhere/);
    const status = JSON.parse(candor(second, "sync", "status", "--json"));
    assert.equal(status.devices.length, 1);
    assert.deepEqual(await app.pageErrors(), []);
  });
});
