// Every screen at the smallest window (640×480) and a large one (1920×1080), on a demo
// journal: no interactive element may leave the viewport sideways (a Dismiss button off
// the edge, a table wider than the window), and no screen may throw.
// Run under a display: xvfb-run -a node --test tests/e2e/
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { APP, CLI, Session, candorCli, killApp, screenshot, startDriver } from "./webdriver.mjs";

const PASSPHRASE = "a long walk by the river";
const tid = (id) => `[data-testid="${id}"]`;

/** Interactive elements whose box reaches past the left or right edge of the viewport. */
const OFF_EDGE = `
  const width = document.documentElement.clientWidth;
  // Only a box made to scroll sideways on purpose (data-scroll-x) may hold controls past
  // the edge; the page's own scrolling <main> may not.
  const scrolls = (el) => el.closest("[data-scroll-x]") !== null;
  const out = [];
  for (const el of document.querySelectorAll("button, input, select, textarea, a[href], [tabindex], th, td")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || scrolls(el)) continue;
    const name = el.dataset.testid || el.tagName.toLowerCase();
    if (r.left < -1 || r.right > width + 1) {
      out.push(name + " " + Math.round(r.left) + ".." + Math.round(r.right) + " of " + width);
    }
    // Nor past the edge of its own card, under the card beside it.
    const card = el.parentElement?.closest(".card");
    if (card) {
      const c = card.getBoundingClientRect();
      if (r.left < c.left - 1 || r.right > c.right + 1) out.push(name + " leaves its card");
    }
  }
  if (document.scrollingElement.scrollWidth > width + 1) out.push("the page scrolls sideways");
  return out;
`;

describe("Every screen fits the window, small and large", { timeout: 600_000 }, () => {
  let driver;
  let app;
  let dir;
  let vault;

  before(async () => {
    assert.ok(existsSync(APP), `build the app first: ${APP} is missing`);
    assert.ok(existsSync(CLI), `build the command line first: ${CLI} is missing`);
    dir = mkdtempSync(join(tmpdir(), "candor-e2e-layout-"));
    vault = join(dir, "journal");
    candorCli(vault, PASSPHRASE, "demo", "--entries", "400", "--seed", "7");
    driver = await startDriver();
    app = await Session.open(driver.base, ["--vault", vault]);
    await app.type(tid("unlock-passphrase"), PASSPHRASE);
    await app.click(tid("unlock-submit"));
    await app.waitFor(tid("today"));
  });

  after(async () => {
    await app?.close();
    await driver?.stop();
    if (vault) killApp(vault);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Each screen: how to get there, and what shows it has loaded. */
  const screens = [
    ["Today", async () => app.click(tid("nav-today")), tid("today-recent")],
    ["People", async () => app.click(tid("nav-people")), tid("person-row")],
    [
      "a person's page",
      async () => {
        await app.click(tid("nav-people"));
        await app.click(`${tid("person-row")} button`);
      },
      tid("timeline-entry"),
    ],
    ["a new one-on-one", async () => app.click(tid("nav-new")), tid("editor-body")],
    [
      "a new feedback entry",
      async () => {
        await app.click(tid("nav-new"));
        await app.click(tid("kind-feedback"));
      },
      tid("sbi-situation"),
    ],
    [
      "search results",
      async () => {
        await app.click(tid("nav-search"));
        await app.clear(tid("search-input"));
        await app.type(tid("search-input"), "promotion");
      },
      tid("search-result"),
    ],
    ["Themes", async () => app.click(tid("nav-themes")), tid("theme-label")],
    ["Backup", async () => app.click(tid("nav-backup")), tid("backup")],
    ["Trash", async () => app.click(tid("nav-trash")), "main h1"],
    ["Settings", async () => app.click(tid("nav-settings")), tid("nudge-thresholds")],
  ];

  for (const [width, height] of [
    [640, 480],
    [1100, 720],
    [1920, 1080],
  ]) {
    test(`${width}×${height}: no control leaves the window`, async () => {
      await app.setSize(width, height);
      const problems = [];
      for (const [name, go, ready] of screens) {
        await go();
        await app.waitFor(ready, 20_000);
        await sleep(250); // let late sections (nudges, themes) render
        const off = await app.execute(OFF_EDGE);
        // CANDOR_SHOTS=DIR keeps a picture of each screen to look at.
        const shots = process.env.CANDOR_SHOTS;
        if (shots) await screenshot(join(shots, `${width}-${name.replace(/\W+/g, "-")}.png`));
        if (off.length) problems.push(`${name}: ${off.join(", ")}`);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(await app.pageErrors(), []);
    });
  }

  test("search: every result reachable, either order, kept when coming back", async () => {
    await app.setSize(1100, 720);
    await app.click(tid("nav-search"));
    await app.clear(tid("search-input"));
    await app.type(tid("search-input"), "kind:one-on-one");
    await app.until("a first page", async () => (await app.findAll(tid("search-result"))).length === 50);
    const total = Number((await app.text(tid("search-count"))).match(/^(\d+) entries/)[1]);
    assert.ok(total > 100, `the demo has ${total} one-on-ones`);
    await app.click(tid("search-more"));
    await app.until("a second page", async () => (await app.findAll(tid("search-result"))).length === 100);
    const ids = await app.execute("return [...document.querySelectorAll(arguments[0])].map((e) => e.dataset.id)", [tid("search-result")]);
    assert.equal(new Set(ids).size, 100, "no result twice");

    await app.select(tid("search-order"), "newest");
    await app.until("newest first", async () => {
      const dates = await app.execute("return [...document.querySelectorAll(arguments[0])].map((e) => e.dataset.date)", [tid("search-result")]);
      return dates.length === 50 && dates.every((d, i) => i === 0 || dates[i - 1] >= d);
    });
    await app.click(tid("search-more"));
    await app.until("100 again", async () => (await app.findAll(tid("search-result"))).length === 100);
    await app.execute("document.querySelector('main').scrollTo(0, 2500)");
    const scrolled = await app.execute("return document.querySelector('main').scrollTop");
    const opened = await app.execute(
      "const el = [...document.querySelectorAll(arguments[0])].find((e) => e.getBoundingClientRect().top > 0); el.click(); return el.dataset.id;",
      [tid("search-result")],
    );
    await app.waitFor(tid("entry-view"));
    assert.ok(opened);
    // Back with Alt+Left: the same query, order, results and place in the list.
    await app.altLeft();
    await app.until("the search back", async () => (await app.findAll(tid("search-result"))).length === 100);
    assert.equal(await app.execute("return document.querySelector(arguments[0]).value", [tid("search-input")]), "kind:one-on-one");
    assert.equal(await app.execute("return document.querySelector(arguments[0]).value", [tid("search-order")]), "newest");
    await app.until("the same place", async () =>
      Math.abs((await app.execute("return document.querySelector('main').scrollTop")) - scrolled) < 40,
    );
    assert.deepEqual(await app.pageErrors(), []);
  });
});
