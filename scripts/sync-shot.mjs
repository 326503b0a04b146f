// One-off capture of Settings → Sync with a conflict (docs/screenshots/sync.png); run with
// xvfb-run like screenshots.sh. Builds its own two journals and folder in a temp dir.
import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT, Session, candorCli, screenshot, startDriver } from "../tests/e2e/webdriver.mjs";

const P = "sync across two computers";
const tid = (id) => `[data-testid="${id}"]`;
const dir = mkdtempSync(join(tmpdir(), "candor-syncshot-"));
const out = process.env.SHOT_DIR ?? resolve(ROOT, "docs/screenshots");
const c = (v, ...a) => candorCli(v, P, ...a);
const folder = join(dir, "Sync");
mkdirSync(folder);
const laptop = join(dir, "laptop");
const desktop = join(dir, "desktop");
c(laptop, "init");
const id = c(laptop, "log", "one-on-one", "--with", "Priya Raman", "--title", "Career talk", "--body", "Wants to lead the payments migration.").trim();
c(laptop, "sync", "setup", folder);
c(desktop, "sync", "join", folder);
renameSync(folder, `${folder}.away`);
c(desktop, "edit", id, "--body", "Edited on the desktop: she will pair with Dev on the rollout.");
renameSync(`${folder}.away`, folder);
c(laptop, "edit", id, "--body", "Edited on the laptop: the migration plan is due Friday.");
c(laptop, "sync", "now");
const driver = await startDriver();
let app;
try {
  app = await Session.open(driver.base, ["--vault", desktop]);
  await app.type(tid("unlock-passphrase"), P);
  await app.click(tid("unlock-submit"));
  await app.waitFor(tid("today"));
  await app.click(tid("nav-settings"));
  await app.waitFor(tid("sync-conflict"));
  await app.execute("document.querySelector('[data-testid=sync-panel]').scrollIntoView()");
  await sleep(500);
  await screenshot(join(out, process.env.SHOT_NAME ?? "sync.png"));
} finally {
  await app?.close();
  await driver.stop();
  rmSync(dir, { recursive: true, force: true });
}
