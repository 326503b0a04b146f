// Themes, nudges and export in the real window, on a journal seeded through the `candor`
// command line before the app starts: two people, a few one-on-ones with a recurring
// subject each, and a one-on-one with a weekly cadence last held 60 days ago (so the
// overdue nudge fires). Run under a display: xvfb-run -a node --test tests/e2e/
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { APP, CLI, Session, candorCli, killApp, startDriver } from "./webdriver.mjs";

const PASSPHRASE = "a long walk by the river";
const tid = (id) => `[data-testid="${id}"]`;

/** YYYY-MM-DD of `days` days before today (local time, as the app counts). */
function daysAgo(days) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const candor = (vault, ...args) => candorCli(vault, PASSPHRASE, ...args);

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

  test("Themes answers for every scope and every time window, without a page error", async () => {
    await app.click(tid("nav-themes"));
    await app.waitFor(tid("themes-person"));
    const options = (sel) =>
      app.execute("return [...document.querySelector(arguments[0]).options].map((o) => o.value)", [sel]);
    const people = await options(tid("themes-person"));
    const windows = await options(tid("themes-window"));
    assert.deepEqual(people, ["", "Ada", "Ben"]);
    assert.deepEqual(windows, ["all", "3", "6", "12"]);
    for (const person of people) {
      for (const window of windows) {
        await app.select(tid("themes-person"), person);
        await app.select(tid("themes-window"), window);
        await app.until(`themes for ${person || "everyone"} over ${window}`, async () =>
          (await app.attribute(tid("themes"), "data-shown-for")) === `${person}|${window}`,
        );
        assert.equal(await app.find(tid("themes-error")), null, `an error for ${person}|${window}`);
        const labels = await app.texts(tid("theme-label"));
        const empty = await app.find(tid("themes-empty"));
        assert.ok(labels.length || empty, `a blank Themes screen for ${person}|${window}`);
        // Ben's hiring loop is three one-on-ones in the last 40 days: every window sees it.
        if (person === "Ben") assert.ok(labels.some((l) => /hiring/.test(l)), `Ben ${window}: ${labels}`);
      }
    }
    assert.deepEqual(await app.pageErrors(), []);
  });

  test("a person's page opens all their themes", async () => {
    await app.click(tid("nav-people"));
    await app.until("Ben in the people list", async () =>
      (await app.texts(tid("person-row"))).some((t) => t.includes("Ben")),
    );
    await app.execute(
      "[...document.querySelectorAll(arguments[0])].find((r) => r.textContent.includes('Ben')).querySelector('button').click()",
      [tid("person-row")],
    );
    await app.click(tid("person-themes-more"));
    await app.until("Ben's themes", async () =>
      (await app.attribute(tid("themes"), "data-shown-for")) === "Ben|all",
    );
    assert.ok((await app.texts(tid("theme-label"))).some((l) => /hiring/.test(l)));
    assert.deepEqual(await app.pageErrors(), []);
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
    // Listed with the dismissed ones, and restored from there.
    await app.click(tid("nudges-hidden"));
    const hidden = `${tid("hidden-nudge")}[data-id^="one-on-one-overdue"]`;
    await app.waitFor(hidden);
    assert.match(await app.text(hidden), /dismissed/);
    await app.click(`${hidden} ${tid("nudge-restore")}`);
    await app.waitFor(overdue);
    // Dismissed again for the tests after this one.
    await app.click(`${overdue} ${tid("nudge-dismiss")}`);
    await app.until("the nudge to go again", async () => (await app.find(overdue)) === null);
  });

  test("an export is written as plaintext JSON to the file chosen in the save dialog", async () => {
    const file = join(dir, "export.json");
    await app.click(tid("nav-backup"));
    await app.waitFor(tid("export-warning"));
    await app.click(tid("export-json"));
    assert.equal(await app.attribute(tid("export-path"), "readonly"), "true", "a path is chosen, not typed");
    await app.choosePath("export-path", "Export as JSON", file, { save: true });
    await app.click(tid("export-submit"));
    assert.match(await app.text(tid("export-done")), /6 entries/);
    assert.ok(readFileSync(file, "utf8").includes("hiring loop"));
  });

  test("an export limited to one person and a range of days holds only those entries", async () => {
    const file = join(dir, "ben-recent.json");
    await app.type(tid("export-person"), "Ben");
    const setDate = (css, v) =>
      app.execute(
        "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
        [css, v],
      );
    await setDate(tid("export-since"), daysAgo(35));
    await app.choosePath("export-path", "Export as JSON", file, { save: true });
    await app.click(tid("export-submit"));
    await app.until("the export", async () => /2 entries/.test(await app.text(tid("export-done")).catch(() => "")));
    const text = readFileSync(file, "utf8");
    assert.ok(text.includes("hiring loop") && !text.includes("migration"), "Ben's, not Ada's");
  });

  test("a goal on Ben's page, an entry checking in on it and starred, and his review cites them", async () => {
    await app.click(tid("nav-people"));
    await app.until("Ben in the people list", async () =>
      (await app.texts(tid("person-row"))).some((t) => t.includes("Ben")),
    );
    await app.execute(
      "[...document.querySelectorAll(arguments[0])].find((r) => r.textContent.includes('Ben')).querySelector('button').click()",
      [tid("person-row")],
    );
    await app.waitFor(tid("goals"));
    await app.type(tid("goal-new-title"), "Run the hiring loop end to end");
    await app.select(tid("goal-new-kind"), "project");
    await app.click(tid("goal-add"));
    await app.until("the goal listed", async () => (await app.texts(tid("goal-title"))).includes("Run the hiring loop end to end"));

    await app.click(tid("person-review"));
    await app.waitFor(tid("review-summary"));
    assert.match(await app.text(tid("review-summary")), /One-on-ones and mentoring sessions held: 3/);
    assert.match(await app.text(tid("review-summary")), /asks for \d+/);
    assert.match(await app.text(tid("review-goals")), /Run the hiring loop end to end.*no check-in/);
    // A citation opens the entry it names.
    const cited = await app.attribute(`${tid("review-summary")} ${tid("review-cite")}`, "data-id");
    await app.click(`${tid("review-summary")} ${tid("review-cite")}`);
    await app.waitFor(tid("entry-extras"));
    assert.match(await app.text(tid("entry-view")).catch(() => app.text(tid("editor"))), /hiring loop/);
    await app.click(tid("entry-star"));
    await app.until("starred", async () => (await app.attribute(tid("entry-star"), "aria-pressed")) === "true");
    await app.select(tid("entry-goal-pick"), await app.execute(
      "return [...document.querySelector(arguments[0]).options].find((o) => o.text.includes('hiring loop')).value",
      [tid("entry-goal-pick")],
    ));
    await app.until("linked", async () => (await app.texts(tid("entry-goal"))).some((t) => t.includes("hiring loop")));
    await app.altLeft();
    await app.waitFor(tid("review-highlights"));
    assert.equal(await app.attribute(`${tid("review-highlights")} ${tid("review-cite")}`, "data-id"), cited);
    assert.match(await app.text(tid("review-goals")), /1 check-in in the period/);
    await app.select(tid("review-period"), "12");
    await app.waitFor(tid("review-summary"));
    await app.click(tid("nav-review"));
    await app.until("my year", async () => /My year/.test(await app.text(tid("review"))));
    assert.deepEqual(await app.pageErrors(), []);
  });

  test("Settings changes a nudge threshold and it stays saved", async () => {
    const input = tid("threshold-input-constructive_gap_days");
    const value = () => app.execute("return document.querySelector(arguments[0]).value", [input]);
    await app.click(tid("nav-settings"));
    await app.waitFor(tid("nudge-thresholds"));
    // The fields appear once the thresholds are read from the journal.
    await app.waitFor(input);
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
