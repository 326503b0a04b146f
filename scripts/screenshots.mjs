// Drives the demo journal to each main screen and captures it (see screenshots.sh).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT, Session, screenshot, startDriver } from "../tests/e2e/webdriver.mjs";

const OUT = resolve(ROOT, "docs/screenshots");
const PASSPHRASE = "candor-demo-passphrase";
const tid = (id) => `[data-testid="${id}"]`;
const temp = process.env.DEMO_VAULT ? null : mkdtempSync(join(tmpdir(), "candor-shots-"));
const vault = process.env.DEMO_VAULT ?? join(temp, "demo");

async function shot(name) {
  // Let fonts, layout and any transition settle before the capture.
  await sleep(400);
  const file = join(OUT, `${name}.png`);
  await screenshot(file);
  console.log(`  ${file}`);
}

async function unlock(app) {
  await app.waitFor(tid("unlock-passphrase"));
  await app.type(tid("unlock-passphrase"), PASSPHRASE);
  await app.click(tid("unlock-submit"));
  await app.waitFor(`${tid("today-recent")} ${tid("entry")}`, 60_000);
}

let driver = await startDriver();
let app;
try {
  app = await Session.open(driver.base, ["--demo", "--vault", vault]);
  const door = await app.until("the first screen", async () =>
    (await app.find(tid("demo-build"))) ? "build" : (await app.find(tid("unlock-passphrase"))) ? "unlock" : null,
  );
  if (door === "build") {
    console.log("Building the demo journal…");
    await app.click(tid("demo-build"));
    await app.waitFor(tid("today"), 600_000);
    await app.click(tid("nav-lock"));
  }
  await app.waitFor(tid("unlock-passphrase"));
  await shot("unlock");
  await unlock(app);
  await app.waitFor(tid("nudge"), 60_000);
  await app.waitFor(tid("today-recent"));
  await shot("today");

  await app.click(tid("nav-people"));
  await app.waitFor(tid("person-row"));
  await shot("people");

  await app.execute(
    "[...document.querySelectorAll('[data-testid=person-row] button')].find((b) => b.textContent.includes('Priya'))?.click()",
  );
  await app.waitFor(tid("timeline-entry"));
  await app.waitFor(`${tid("person-themes")} svg`, 60_000);
  await shot("person");
  await app.click(tid("prep-toggle"));
  await app.waitFor(tid("prep-questions"), 60_000);
  await shot("prep");
  // A goal, then her review packet; back to her page for the entries below.
  await app.type(tid("goal-new-title"), "Staff engineer case by the spring cycle");
  await app.click(tid("goal-add"));
  await app.waitFor(tid("goal"));
  await app.click(tid("person-review"));
  await app.waitFor(tid("review-summary"), 60_000);
  await shot("review");
  await app.altLeft();
  await app.waitFor(tid("timeline-entry"));

  await app.click(tid("timeline-entry"));
  await app.waitFor(tid("entry-view-body"));
  await shot("read");
  await app.click(tid("entry-edit"));
  await app.waitFor(`${tid("editor-body")} .cm-line`);
  await shot("editor");
  // An edit, so the history has two versions to compare.
  await app.type(tid("editor-body"), "\uE007Followed up on Friday: the plan holds.");
  await app.until("saved", async () => (await app.attribute(tid("editor-status"), "data-status")) === "saved");
  await app.click(tid("entry-done"));
  await app.click(tid("entry-history"));
  await app.click(`${tid("history-version")}[data-version="1"]`);
  await app.waitFor(tid("history-diff"));
  await shot("history");

  await app.click(tid("nav-new"));
  await app.click(tid("kind-feedback"));
  await app.type(tid("editor-person"), "Marcus Bell");
  await app.type(tid("sbi-situation"), "In Thursday's incident review");
  await app.type(tid("sbi-behavior"), "you walked the team through the timeline without assigning blame");
  await app.type(tid("sbi-impact"), "two people volunteered fixes they had been sitting on");
  await shot("feedback");
  // Not part of the demo: discard it.
  await app.click(tid("editor-delete"));
  await app.waitFor(tid("today"));

  await app.click(tid("nav-themes"));
  await app.waitFor(tid("theme"), 120_000);
  await app.waitFor(tid("skill"));
  await shot("themes");
  await app.click(tid("theme"));
  await app.waitFor(tid("theme-entry"));
  await shot("theme-entries");

  await app.click(tid("nav-search"));
  await app.type(tid("search-input"), "promotion person:priya");
  await app.waitFor(tid("search-result"));
  await shot("search");

  await app.ctrl("k");
  await app.type(tid("palette-input"), "new");
  await app.waitFor(tid("palette-item"));
  await shot("palette");
  await app.type(tid("palette-input"), "\uE00C"); // Escape

  await app.click(tid("nav-settings"));
  await app.waitFor(tid("settings-autolock"));
  await shot("settings");

  // The same app with the system in dark mode (WebKitGTK follows the GTK theme).
  await app.close();
  await driver.stop();
  driver = await startDriver({ GTK_THEME: "Adwaita:dark" });
  app = await Session.open(driver.base, ["--demo", "--vault", vault]);
  await unlock(app);
  await shot("today-dark");
  await app.click(tid("nav-search"));
  await app.type(tid("search-input"), "burnout");
  await app.waitFor(tid("search-result"));
  await shot("search-dark");
} finally {
  await app?.close();
  await driver.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
}
