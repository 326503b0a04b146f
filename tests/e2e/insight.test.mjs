// Themes, nudges and export in the real window, on a journal seeded through the `candor`
// command line before the app starts: two people, a few one-on-ones with a recurring
// subject each, and a one-on-one with a weekly cadence last held 60 days ago (so the
// overdue nudge fires). Run under a display: xvfb-run -a node --test tests/e2e/
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { APP, ROOT, Session, killApp, startDriver } from "./webdriver.mjs";

const PASSPHRASE = "a long walk by the river";
const CLI = process.env.CANDOR_CLI ?? join(ROOT, "target/debug/candor");
const tid = (id) => `[data-testid="${id}"]`;

/** YYYY-MM-DD of `days` days before today (local time, as the app counts). */
function daysAgo(days) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function candor(vault, ...args) {
  const r = spawnSync(CLI, args, {
    env: { ...process.env, CANDOR_VAULT: vault, CANDOR_PASSPHRASE: PASSPHRASE },
    encoding: "utf8",
  });
  assert.equal(r.status, 0, `candor ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

describe("Themes and nudges in the window", { timeout: 300_000 }, () => {
  let driver;
  let app;
  let dir;

  before(async () => {
    assert.ok(existsSync(APP), `build the app first: ${APP} is missing`);
    assert.ok(existsSync(CLI), `build the command line first: ${CLI} is missing`);
    dir = mkdtempSync(join(tmpdir(), "candor-e2e-insight-"));
    const vault = join(dir, "journal");
    candor(vault, "init");
    candor(vault, "person", "add", "Ada", "--cadence", "7");
    candor(vault, "person", "add", "Ben", "--cadence", "14");
    candor(vault, "log", "one-on-one", "--with", "Ada", "--date", daysAgo(60), "--body",
      "We talked about the database migration plan and the migration deadline.");
    for (const d of [58, 57]) {
      candor(vault, "log", "note", "--with", "Ada", "--date", daysAgo(d), "--body",
        "Ada says the migration rollback rehearsal went fine.");
    }
    for (const d of [40, 30, 20]) {
      candor(vault, "log", "one-on-one", "--with", "Ben", "--date", daysAgo(d), "--body",
        "Ben raised the hiring loop again; interviews pile up and the hiring loop is slow.");
    }
    driver = await startDriver();
    app = await Session.open(driver.base, ["--vault", vault]);
    await app.type(tid("unlock-passphrase"), PASSPHRASE);
    await app.click(tid("unlock-submit"));
    await app.waitFor(tid("today"));
  });

  after(async () => {
    await app?.close();
    await driver?.stop();
    if (dir) killApp(join(dir, "journal"));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("Themes shows what comes back, with a trend chart, and opens its entries", async () => {
    await app.click(tid("nav-themes"));
    const labels = await app.until("a theme", async () => {
      const t = await app.texts(tid("theme-label"));
      return t.length && t;
    });
    assert.ok(labels.some((l) => /hiring|migration/.test(l)), `themes: ${labels}`);
    assert.ok(await app.find(`${tid("theme")} svg rect`), "a monthly trend is drawn");
    await app.click(tid("theme"));
    await app.waitFor(tid("theme-entry"));
    await app.click(tid("theme-entry"));
    await app.waitFor(tid("editor"));
  });

  test("Today shows the overdue nudge with its evidence, and Dismiss hides it", async () => {
    await app.click(tid("nav-today"));
    const overdue = `${tid("nudge")}[data-id^="one-on-one-overdue"]`;
    await app.waitFor(overdue);
    assert.match(await app.text(overdue), /Ada/);
    assert.ok(await app.find(`${overdue} ${tid("nudge-evidence")}`), "the evidence entry is listed");
    const before = (await app.findAll(tid("nudge"))).length;
    await app.click(`${overdue} ${tid("nudge-dismiss")}`);
    await app.until("the nudge to go", async () => (await app.find(overdue)) === null);
    assert.equal((await app.findAll(tid("nudge"))).length, before - 1);
    // Dismissed for good: it stays hidden after a reload of the screen.
    await app.click(tid("nav-people"));
    await app.click(tid("nav-today"));
    await app.waitFor(tid("today-recent"));
    assert.equal(await app.find(overdue), null);
  });

  test("an export is written as plaintext JSON where the path says", async () => {
    const file = join(dir, "export.json");
    await app.click(tid("nav-backup"));
    await app.waitFor(tid("export-warning"));
    await app.click(tid("export-json"));
    await app.type(tid("export-path"), file);
    await app.click(tid("export-submit"));
    assert.match(await app.text(tid("export-done")), /6 entries/);
    assert.ok(readFileSync(file, "utf8").includes("hiring loop"));
  });

  test("Settings changes a nudge threshold and it stays saved", async () => {
    const input = tid("threshold-input-constructive_gap_days");
    const value = () => app.execute("return document.querySelector(arguments[0]).value", [input]);
    await app.click(tid("nav-settings"));
    await app.waitFor(tid("nudge-thresholds"));
    assert.equal(await value(), "60");
    await app.clear(input);
    await app.type(input, "30");
    // Leaving the field saves it.
    await app.click(tid("threshold-input-balance_days"));
    await app.waitFor(tid("threshold-saved-constructive_gap_days"));
    assert.equal(await app.find(tid("threshold-error-constructive_gap_days")), null);
    // Read back from the journal when the screen opens again.
    await app.click(tid("nav-today"));
    await app.waitFor(tid("today"));
    await app.click(tid("nav-settings"));
    await app.waitFor(input);
    // The field appears once the thresholds are read, so its first value is the stored one.
    assert.equal(await value(), "30");
    assert.ok(await app.find(`${tid("threshold-reset-constructive_gap_days")}:not([disabled])`));
  });
});
