// The daily loop in the window, off the happy path: notes typed before choosing a person,
// leaving the editor at once, locking mid-typing, an action item typed but not added, a
// name alone, the automatic title, and the app killed mid-typing. Nothing typed is lost.
// Run under a display: xvfb-run -a node --test tests/e2e/
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { APP, CLI, Session, candorCli, closeWindow, killApp, startDriver } from "./webdriver.mjs";

const PASSPHRASE = "a long walk by the river";
const tid = (id) => `[data-testid="${id}"]`;

const candor = (vault, ...args) => candorCli(vault, PASSPHRASE, ...args);

describe("The daily loop: nothing typed is lost", { timeout: 300_000 }, () => {
  let driver;
  let app;
  let dir;
  let vault;

  async function unlock() {
    await app.type(tid("unlock-passphrase"), PASSPHRASE);
    await app.click(tid("unlock-submit"));
    await app.waitFor(tid("today"));
  }

  const value = (css) => app.execute("return document.querySelector(arguments[0])?.value ?? null", [css]);
  const status = () => app.attribute(tid("editor-status"), "data-status");
  const missing = () => app.attribute(tid("editor-status"), "data-missing");
  const drafts = async () => (await app.find(tid("today-drafts"))) ? app.texts(tid("draft-open")) : [];

  async function newEntry() {
    await app.click(tid("nav-today"));
    await app.waitFor(tid("today"));
    await app.ctrl("n");
    await app.waitFor(tid("editor"));
  }

  before(async () => {
    assert.ok(existsSync(APP), `build the app first: ${APP} is missing`);
    assert.ok(existsSync(CLI), `build the command line first: ${CLI} is missing`);
    dir = mkdtempSync(join(tmpdir(), "candor-e2e-daily-"));
    vault = join(dir, "journal");
    candor(vault, "init");
    candor(vault, "person", "add", "Priya Raman", "--cadence", "7");
    candor(vault, "log", "note", "--title", "Rendered note", "--tag", "on-call", "--body",
      "## Plan\n**Bold move** and [the design doc](https://example.org/doc)\n- [ ] ask Ana");
    driver = await startDriver();
    app = await Session.open(driver.base, ["--vault", vault]);
    await unlock();
  });

  after(async () => {
    await app?.close();
    await driver?.stop();
    if (vault) killApp(vault);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("notes typed before choosing a person survive leaving the screen at once", async () => {
    await newEntry();
    assert.equal(
      await app.execute("return document.activeElement?.dataset?.testid ?? null"),
      "editor-person",
      "Ctrl+N focuses the first field",
    );
    await app.type(tid("editor-body"), "Rota worries, written before picking a name");
    // Away before the autosave delay.
    await app.click(tid("nav-today"));
    const listed = await app.until("the unfinished entry on Today", async () => {
      const d = await drafts();
      return d.length && d;
    });
    assert.equal(listed.length, 1);
    await app.click(tid("draft-open"));
    await app.until("the text back in the editor", async () =>
      ((await app.editorText(tid("editor-body"))) ?? "").includes("Rota worries, written before picking a name"),
    );
    // Choosing the person makes it an entry, and the draft goes.
    await app.type(tid("editor-person"), "Priya Raman");
    await app.until("the entry to save", async () => (await status()) === "saved" && (await missing()) === "");
    await app.click(tid("nav-today"));
    await app.until("the entry in recent entries", async () =>
      (await app.text(tid("today-recent"))).includes("One-on-one with Priya Raman"),
    );
    assert.deepEqual(await drafts(), []);
  });

  test("Ctrl+L mid-typing keeps the text, encrypted, for the next unlock", async () => {
    await newEntry();
    await app.type(tid("editor-body"), "Locked mid-sentence about the reorg");
    await app.ctrl("l");
    await app.waitFor(tid("unlock-passphrase"));
    for (const f of readdirSync(vault)) {
      const bytes = readFileSync(join(vault, f));
      assert.ok(!bytes.includes("mid-sentence"), `${f} holds the draft in plaintext`);
    }
    await unlock();
    const listed = await app.until("the draft after unlock", async () => {
      const d = await drafts();
      return d.length >= 1 && d;
    });
    assert.ok(listed.some((d) => /One-on-one|Locked mid-sentence/.test(d)), `${listed}`);
    await app.click(tid("draft-open"));
    await app.until("the locked text", async () =>
      ((await app.editorText(tid("editor-body"))) ?? "").includes("Locked mid-sentence about the reorg"),
    );
    await app.click(tid("editor-delete")); // Discard draft
    await app.waitFor(tid("today"));
    await app.until("no draft left", async () => (await drafts()).length === 0);
  });

  test("a name alone is not an entry, and does not count as a meeting", async () => {
    await newEntry();
    await app.type(tid("editor-person"), "Noor Haddad");
    await app.until("the draft to save", async () => (await missing()) === "writing");
    await app.click(tid("nav-people"));
    await app.waitFor(tid("people"));
    await sleep(300);
    assert.ok(!(await app.texts(tid("person-row"))).some((t) => t.includes("Noor")), "no person made");
    await app.click(tid("nav-today"));
    await app.waitFor(tid("today-recent"));
    assert.ok(!(await app.text(tid("today-recent"))).includes("Noor"));
    assert.ok((await drafts()).some((d) => d.includes("Noor Haddad")), "kept as a draft");
  });

  test("the automatic title follows the kind until a title is typed", async () => {
    await newEntry();
    await app.type(tid("editor-person"), "Priya Raman");
    await app.type(tid("editor-body"), "She ran the incident review calmly.");
    await app.until("saved", async () => (await status()) === "saved" && (await missing()) === "");
    assert.equal(await app.attribute(tid("editor-title"), "placeholder"), "One-on-one with Priya Raman");
    await app.click(tid("kind-feedback"));
    await app.until("the title to follow", async () =>
      (await app.attribute(tid("editor-title"), "placeholder")) === "Feedback with Priya Raman",
    );
    await app.until("saved", async () => (await status()) === "saved");
    await app.click(tid("nav-today"));
    const recent = await app.text(tid("today-recent"));
    assert.match(recent, /Feedback with Priya Raman/);
    assert.doesNotMatch(recent, /One-on-one with Priya Raman.*One-on-one with Priya Raman/);
  });

  test("an action item typed but not added is kept with the entry", async () => {
    await newEntry();
    await app.type(tid("editor-person"), "Priya Raman");
    await app.type(tid("editor-body"), "Agreed to split the on-call rota.");
    await app.type(tid("action-text"), "Send the rota proposal");
    await app.click(tid("nav-today"));
    await app.until("the draft with the item", async () => (await drafts()).length > 0);
    await app.click(tid("draft-open"));
    await app.until("the item text back", async () =>
      (await value(tid("action-text"))) === "Send the rota proposal",
    );
    await app.click(tid("action-add"));
    await app.until("the item added", async () =>
      (await app.texts(tid("action-item"))).some((t) => t.includes("Send the rota proposal")),
    );
    await app.until("saved without a draft", async () => (await status()) === "saved" && (await missing()) === "");
  });

  test("starting the one-on-one from the prep carries the agenda into the note", async () => {
    await app.click(tid("nav-people"));
    await app.until("Priya in the people list", async () =>
      (await app.texts(tid("person-row"))).some((t) => t.includes("Priya Raman")),
    );
    await app.click(`${tid("person-row")} button`);
    await app.click(tid("prep-toggle"));
    await app.click(tid("prep-start"));
    await app.waitFor(tid("editor"));
    const body = await app.until("the agenda in the notes", async () => {
      const v = (await app.editorText(tid("editor-body"))) ?? "";
      return v.includes("## Carried over") && v;
    });
    assert.match(body, /Send the rota proposal/, "the open item is carried over");
    assert.match(body, /## Questions\n- /, "with questions to ask");
    assert.equal(await value(tid("editor-person")), "Priya Raman");
    // The prep stays beside the notes.
    await app.waitFor(tid("prep"));
    // An agenda nobody wrote under is not a meeting.
    await app.type(tid("editor-tags"), "weekly");
    await app.until("kept as a draft", async () => (await missing()) === "writing");
    await app.click(tid("editor-delete"));
    await app.waitFor(tid("today"));
  });

  test("killing the app mid-typing loses nothing after the autosave delay", async () => {
    await newEntry();
    await app.type(tid("editor-body"), "Typed right before the power cut");
    await app.until("the draft on disk", async () => (await missing()) === "person");
    spawnSync("pkill", ["-KILL", "-f", `candor-app --vault ${vault}`]);
    await app.close();
    await sleep(500);
    app = await Session.open(driver.base, ["--vault", vault]);
    await unlock();
    await app.until("the draft after the kill", async () => (await drafts()).length > 0);
    const opened = await app.findAll(tid("draft-open"));
    let found = false;
    for (let i = 0; i < opened.length && !found; i++) {
      await app.execute("document.querySelectorAll(arguments[0])[arguments[1]].click()", [tid("draft-open"), i]);
      await app.waitFor(tid("editor"));
      await sleep(300);
      found = ((await app.editorText(tid("editor-body"))) ?? "").includes("Typed right before the power cut");
      if (!found) await app.click(tid("nav-today"));
    }
    assert.ok(found, "the killed text is back");
  });

  async function openPriya() {
    await app.click(tid("nav-people"));
    await app.until("Priya in the people list", async () =>
      (await app.texts(tid("person-row"))).some((t) => t.includes("Priya")),
    );
    await app.execute(
      "[...document.querySelectorAll(arguments[0])].find((r) => r.textContent.includes('Priya')).querySelector('button').click()",
      [tid("person-row")],
    );
    await app.until("Priya's page", async () => (await app.text(tid("person-name"))).includes("Priya"));
  }

  test("action items can be edited, ticked off and on again, and deleted", async () => {
    await openPriya();
    const item = `${tid("person-actions")} ${tid("action-item")}`;
    await app.until("the rota item", async () => (await app.text(item)).includes("Send the rota proposal"));
    await app.click(`${item} ${tid("action-edit")}`);
    await app.clear(tid("action-edit-text"));
    await app.type(tid("action-edit-text"), "Send the revised rota proposal");
    await app.select(tid("action-edit-owner"), "them");
    await app.click(tid("action-edit-save"));
    await app.until("the edited item", async () => /Send the revised rota proposal\s+them/.test(await app.text(item)));
    await app.click(`${item} ${tid("action-done")}`);
    // Done items are listed apart; show them and tick it open again.
    await app.click(tid("person-show-done"));
    await app.click(`${tid("person-actions")} li.done ${tid("action-done")}`);
    await app.until("open again", async () => (await app.findAll(`${tid("person-actions")} li.done`)).length === 0);
    await app.click(`${item} ${tid("action-edit")}`);
    await app.click(tid("action-delete"));
    await app.until("deleted", async () => !(await app.text(tid("person-actions"))).includes("rota proposal"));
  });

  test("a person's name, role, relationship and cadence can be changed", async () => {
    await openPriya();
    await app.click(tid("person-edit"));
    await app.clear(tid("person-edit-name"));
    await app.type(tid("person-edit-name"), "Priya Raman-Iyer");
    await app.type(tid("person-edit-role"), "Staff Engineer");
    await app.select(tid("person-edit-relationship"), "mentee");
    await app.clear(tid("person-edit-cadence"));
    await app.type(tid("person-edit-cadence"), "3");
    await app.click(tid("person-edit-save"));
    await app.until("the new name", async () => (await app.text(tid("person-name"))) === "Priya Raman-Iyer");
    const sub = await app.text(`${tid("person-timeline")} header .sub`);
    assert.match(sub, /Mentee · Staff Engineer/);
    assert.match(sub, /every 3 days/);
    // Her entries moved with her.
    assert.ok((await app.texts(tid("timeline-entry"))).length > 0);
  });

  test("an old entry opens read-only, edits keep history, and a version comes back", async () => {
    await app.click(tid("nav-today"));
    await app.until("the note in recent entries", async () =>
      (await app.text(tid("today-recent"))).includes("Rendered note"),
    );
    await app.execute(
      "[...document.querySelectorAll(arguments[0] + ' button, ' + arguments[0] + ' a')].find((b) => b.textContent.includes('Rendered note')).click()",
      [tid("today-recent")],
    );
    await app.waitFor(tid("entry-view"));
    assert.equal(await app.find(tid("editor-body")), null, "read-only until Edit");
    assert.equal(await app.text(`${tid("entry-view-body")} h2`), "Plan");
    assert.equal(await app.text(`${tid("entry-view-body")} strong`), "Bold move");
    assert.equal(await app.attribute(`${tid("entry-view-body")} a`, "href"), "https://example.org/doc");
    await app.click(tid("entry-edit"));
    await app.waitFor(tid("editor-body"));
    await app.clearEditor(tid("editor-body"));
    await app.type(tid("editor-body"), "Changed my mind entirely");
    await app.until("saved", async () => (await status()) === "saved");
    await app.click(tid("entry-done"));
    await app.until("the new text, read-only", async () =>
      (await app.text(tid("entry-view-body"))).includes("Changed my mind entirely"),
    );
    await app.click(tid("entry-history"));
    await app.click(`${tid("history-version")}[data-version="1"]`);
    const diff = await app.text(tid("history-diff"));
    assert.match(diff, /− \*\*Bold move\*\*/);
    assert.match(diff, /\+ Changed my mind entirely/);
    await app.click(tid("history-restore"));
    await app.until("version 1 back", async () =>
      (await app.text(tid("entry-view-body"))).includes("Bold move"),
    );
    // The replaced text is a version too.
    await app.until("three versions", async () => (await app.findAll(tid("history-version"))).length === 3);
  });

  test("the notes editor continues lists, bolds with Ctrl+B and completes #tags", async () => {
    await newEntry();
    await app.click(tid("kind-note"));
    await app.type(tid("editor-body"), "- first point\uE007second point");
    await app.until("the list to continue", async () =>
      (await app.editorText(tid("editor-body"))).includes("- first point\n- second point"),
    );
    await app.type(tid("editor-body"), "\uE007");
    await app.ctrl("b");
    await app.type(tid("editor-body"), "loud");
    await app.until("bold", async () => (await app.editorText(tid("editor-body"))).includes("**loud**"));
    await app.type(tid("editor-body"), "\uE014\uE014 #on");
    const option = await app.until("a tag to complete", async () => {
      const t = await app.texts(".cm-tooltip-autocomplete li");
      return t.length && t;
    });
    assert.ok(option.includes("#on-call"), `${option}`);
    await sleep(300); // CodeMirror ignores Enter for a moment after the list opens
    await app.type(tid("editor-body"), "\uE007");
    await app.until("the tag completed", async () => (await app.editorText(tid("editor-body"))).includes("#on-call"));
    await app.click(tid("editor-delete"));
    await app.waitFor(tid("today"));
  });

  test("a `- [ ]` line in the notes is an action item for the entry's person", async () => {
    await newEntry();
    await app.type(tid("editor-person"), "Priya Raman-Iyer");
    await app.type(tid("editor-body"), "Agreed on the rota.\uE007- [ ] draft the rota proposal\uE007");
    await app.until("the item beside the notes", async () =>
      (await app.texts(`${tid("editor-actions")} ${tid("action-item")}`)).some((t) => t.includes("draft the rota proposal")),
    );
    await app.click(tid("nav-today"));
    await app.until("on Today", async () => (await app.text(tid("today-actions"))).includes("draft the rota proposal"));
  });

  test("an @mention completes a name and puts the entry on that person's page", async () => {
    await newEntry();
    await app.type(tid("editor-person"), "Omar Said");
    await app.type(tid("editor-body"), "Wants to pair with @Priya R");
    const option = await app.until("a name to complete", async () => {
      const t = await app.texts(".cm-tooltip-autocomplete li");
      return t.length && t;
    });
    assert.ok(option.includes("@Priya Raman-Iyer"), `${option}`);
    await sleep(300);
    await app.type(tid("editor-body"), "\uE007 on the rota tooling.");
    await app.until("saved", async () => (await status()) === "saved" && (await missing()) === "");
    await openPriya();
    await app.until("the mention on her page", async () =>
      (await app.text(tid("person-mentions"))).includes("Omar Said"),
    );
  });

  test("a date moved past today keeps the note a draft and says why", async () => {
    await newEntry();
    await app.type(tid("editor-person"), "Priya Raman");
    await app.type(tid("editor-body"), "Talked through the quarter's hiring plan.");
    await app.until("saved", async () => (await status()) === "saved" && (await missing()) === "");
    const iso = (d) => d.toLocaleDateString("sv-SE"); // YYYY-MM-DD in local time
    const setDate = (v) =>
      app.execute(
        "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
        [tid("editor-date"), v],
      );
    const tomorrow = new Date(Date.now() + 86_400_000);
    await setDate(iso(tomorrow));
    await app.until("the future date refused", async () => (await missing()) === "future_date");
    assert.match(await app.text(tid("editor-status")), /future/);
    await setDate(iso(new Date()));
    await app.until("saved again", async () => (await status()) === "saved" && (await missing()) === "");
  });

  test("closing the window right after typing keeps the text", async () => {
    assert.deepEqual(await app.pageErrors(), []);
    await newEntry();
    await app.type(tid("editor-body"), "Typed just before closing the window");
    // At once, inside the autosave delay: the close button's request (WM_DELETE_WINDOW,
    // sent as a window manager sends it) reaches the shell, which asks the page to save
    // (main.rs, on_close_requested) and then ends the app by itself.
    closeWindow("Candor");
    await app.until(
      "the app to end by itself",
      async () => spawnSync("pgrep", ["-f", `candor-app --vault ${vault}`]).status !== 0,
      // Generous: on a loaded machine the save it waits for can queue behind the first
      // background analysis. What matters is that it ends with the text kept.
      30_000,
    );
    await app.close();
    await sleep(3500);
    app = await Session.open(driver.base, ["--vault", vault]);
    await unlock();
    await app.until("the text kept", async () => (await drafts()).length > 0);
    const listed = await drafts();
    assert.ok(listed.some((d) => /Typed just before closing|One-on-one/.test(d)), `${listed}`);
    let found = false;
    const n = (await app.findAll(tid("draft-open"))).length;
    for (let i = 0; i < n && !found; i++) {
      await app.execute("document.querySelectorAll(arguments[0])[arguments[1]].click()", [tid("draft-open"), i]);
      await app.waitFor(tid("editor"));
      await sleep(300);
      found = ((await app.editorText(tid("editor-body"))) ?? "").includes("Typed just before closing the window");
      if (!found) await app.click(tid("nav-today"));
    }
    assert.ok(found, "the text typed before the close is back");
  });

  test("no screen threw", async () => {
    assert.deepEqual(await app.pageErrors(), []);
  });
});
