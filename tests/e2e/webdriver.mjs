// A small WebDriver client over fetch, enough to drive Candor's window through
// tauri-driver (which forwards to WebKitWebDriver on Linux). No dependencies.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
export const ROOT = resolve(import.meta.dirname, "../..");
export const APP = process.env.CANDOR_APP ?? join(ROOT, "target/debug/candor-app");
export const CLI = process.env.CANDOR_CLI ?? join(ROOT, "target/debug/candor");

/** Runs the `candor` command line on `vault` with `passphrase`; fails the test on an error. */
export function candorCli(vault, passphrase, ...args) {
  const r = spawnSync(CLI, args, {
    env: { ...process.env, CANDOR_VAULT: vault, CANDOR_PASSPHRASE: passphrase },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`candor ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** Where tauri-driver is: on PATH, or where `cargo install` puts it. */
function driverBinary() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "bin", "tauri-driver");
  return existsSync(cargoBin) ? cargoBin : "tauri-driver";
}

/** A port nothing listens on now, chosen by the system (bound, read, released). */
function freePort() {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
  });
}

/** Stops `child` with SIGTERM (tauri-driver then stops its WebKitWebDriver); SIGKILL after 5 s. */
function stopChild(child) {
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(hard);
      child.stdout.destroy();
      child.stderr.destroy();
      done();
    };
    const hard = setTimeout(() => child.kill("SIGKILL"), 5_000);
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once("exit", finish);
    child.kill("SIGTERM");
  });
}

/** One tauri-driver on a fresh port pair; resolves once it answers, else stops it and throws. */
async function startDriverOnce(env) {
  const port = await freePort();
  let native = await freePort();
  while (native === port) native = await freePort();
  // Piped, not inherited: an app that outlives its session would otherwise hold the test
  // runner's output open, and the runner would wait for it forever.
  const child = spawn(driverBinary(), ["--port", String(port), "--native-port", String(native)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  child.stdout.on("data", (d) => process.stderr.write(d));
  child.stderr.on("data", (d) => process.stderr.write(d));
  const base = `http://127.0.0.1:${port}`;
  let gone = null;
  child.once("error", (e) => (gone = `could not start tauri-driver: ${e.message}`));
  child.once("exit", (code, signal) => (gone ??= `tauri-driver exited early (${code ?? signal})`));
  // Up to 30 s: a loaded machine (or a previous app still closing) can be slow. /status is
  // answered by WebKitWebDriver behind it, so this also waits for that one.
  for (let i = 0; i < 300 && !gone; i++) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) return { base, stop: () => stopChild(child) };
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  const why = gone ?? `tauri-driver did not answer on ${port} (WebKitWebDriver on ${native})`;
  // Never leave it running: a live child would keep the test runner waiting forever.
  await stopChild(child);
  throw new Error(why);
}

/**
 * Starts tauri-driver (and so WebKitWebDriver) and resolves once it answers; up to three
 * tries on fresh ports. `env` is added to the environment it (and so the app) runs with.
 */
export async function startDriver(env = {}) {
  let last;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startDriverOnce(env);
    } catch (e) {
      last = e;
      process.stderr.write(`startDriver, try ${attempt}: ${e.message}\n`);
    }
  }
  throw last;
}

/** Ends any app window still running on `vault` after its session closed. */
export function killApp(vault) {
  spawnSync("pkill", ["-f", `candor-app --vault ${vault}`]);
}

async function request(method, url, body) {
  const r = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) {
    const v = json.value ?? {};
    throw new Error(`WebDriver ${method} ${url}: ${v.error ?? r.status} ${v.message ?? ""}`);
  }
  return json.value;
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
    this.url = `${base}/session/${id}`;
  }

  /** Opens the app with `args` (e.g. ["--vault", dir]). */
  static async open(base, args = []) {
    const value = await request("POST", `${base}/session`, {
      capabilities: { alwaysMatch: { "tauri:options": { application: APP, args } } },
    });
    return new Session(base, value.sessionId);
  }

  async close() {
    await request("DELETE", this.url).catch(() => {});
  }

  /** The first element matching `css`, or null. */
  async find(css) {
    const found = await request("POST", `${this.url}/elements`, { using: "css selector", value: css });
    return found.length ? found[0][ELEMENT] : null;
  }

  async findAll(css) {
    const found = await request("POST", `${this.url}/elements`, { using: "css selector", value: css });
    return found.map((e) => e[ELEMENT]);
  }

  /** Waits for `css` to match, then returns the element. */
  async waitFor(css, timeoutMs = 15_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const el = await this.find(css);
      if (el) return el;
      if (Date.now() > until) throw new Error(`timed out waiting for ${css}`);
      await sleep(100);
    }
  }

  /** Waits until `predicate()` is truthy; returns its value. */
  async until(what, predicate, timeoutMs = 15_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await predicate().catch(() => null);
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  /** Finds `css` and acts on it, finding it again if a re-render replaced the node. */
  async act(css, action, body = {}) {
    for (let attempt = 0; ; attempt++) {
      const el = await this.waitFor(css);
      try {
        return await request("POST", `${this.url}/element/${el}/${action}`, body);
      } catch (e) {
        if (attempt >= 5 || !/stale element/.test(String(e))) throw e;
        await sleep(100);
      }
    }
  }

  async click(css) {
    await this.act(css, "click");
  }

  async type(css, text) {
    await this.act(css, "value", { text });
  }

  async clear(css) {
    await this.act(css, "clear");
  }

  /**
   * The text content of the first match. (WebDriver's "visible text" drops text inside
   * `overflow: hidden` boxes in WebKit, such as ellipsised titles, so it is not used.)
   */
  async text(css) {
    await this.waitFor(css);
    return (await this.texts(css))[0] ?? "";
  }

  async attribute(css, name) {
    const el = await this.waitFor(css);
    return request("GET", `${this.url}/element/${el}/attribute/${name}`);
  }

  async texts(css) {
    return this.execute(
      "return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.replace(/\\s+/g, ' ').trim())",
      [css],
    );
  }

  async execute(script, args = []) {
    return request("POST", `${this.url}/execute/sync`, { script, args });
  }

  /** Resizes the window; resolves when the page sees the new size. */
  async setSize(width, height) {
    await request("POST", `${this.url}/window/rect`, { width, height });
    await this.until(`a ${width}px wide page`, async () =>
      Math.abs((await this.execute("return window.innerWidth")) - width) < 40,
    );
  }

  /** The text in the notes editor (CodeMirror: one element per line). */
  async editorText(css) {
    return this.execute(
      "const el = document.querySelector(arguments[0]); return el ? [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\\n') : null;",
      [css],
    );
  }

  /** Empties the notes editor the way a person would: select all, delete. */
  async clearEditor(css) {
    await this.click(css);
    await this.ctrl("a");
    await request("POST", `${this.url}/actions`, {
      actions: [
        {
          type: "key",
          id: "keyboard",
          actions: [
            { type: "keyDown", value: "\uE003" },
            { type: "keyUp", value: "\uE003" },
          ],
        },
      ],
    });
    await request("DELETE", `${this.url}/actions`).catch(() => {});
  }

  /** Errors the page threw since it loaded (uncaught, or unhandled rejections). */
  async pageErrors() {
    return (await this.execute("return window.__candorErrors ?? []")) ?? [];
  }

  /** Picks `value` in the <select> `css`, as choosing it with the mouse or keys would. */
  async select(css, value) {
    await this.waitFor(css);
    await this.execute(
      "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change', { bubbles: true }));",
      [css, value],
    );
  }

  /** Alt+Left: back to the previous screen. */
  async altLeft() {
    const ALT = "\uE00A";
    const LEFT = "\uE012";
    await request("POST", `${this.url}/actions`, {
      actions: [
        {
          type: "key",
          id: "keyboard",
          actions: [
            { type: "keyDown", value: ALT },
            { type: "keyDown", value: LEFT },
            { type: "keyUp", value: LEFT },
            { type: "keyUp", value: ALT },
          ],
        },
      ],
    });
    await request("DELETE", `${this.url}/actions`).catch(() => {});
  }

  /** Presses a key with Control held, e.g. ctrl("k"). */
  async ctrl(key) {
    const CONTROL = "\uE009";
    await request("POST", `${this.url}/actions`, {
      actions: [
        {
          type: "key",
          id: "keyboard",
          actions: [
            { type: "keyDown", value: CONTROL },
            { type: "keyDown", value: key },
            { type: "keyUp", value: key },
            { type: "keyUp", value: CONTROL },
          ],
        },
      ],
    });
    await request("DELETE", `${this.url}/actions`).catch(() => {});
  }

  /**
   * Chooses `path` in the system's file dialog that the `<testid>-choose` button opens, as
   * a person would: the dialog is GTK's own, driven at the X level with xdotool (WebDriver
   * cannot reach it). Folder and open dialogs take the path in their location bar
   * (Ctrl+L); a save dialog in its name field. Returns once the page shows the path (or,
   * with `accept`, a path it accepts: a folder dialog opened on a folder with one
   * subfolder may answer that subfolder).
   */
  async choosePath(testid, title, path, { save = false, accept = null } = {}) {
    await this.click(`[data-testid="${testid}-choose"]`);
    const xdo = (...args) => spawnSync("xdotool", args, { encoding: "utf8" });
    let win = "";
    for (let i = 0; i < 100 && !win; i++) {
      win = xdo("search", "--onlyvisible", "--name", `^${title}$`).stdout.trim().split("\n")[0];
      if (!win) await sleep(100);
    }
    if (!win) throw new Error(`the dialog "${title}" did not open (is xdotool installed?)`);
    await sleep(300); // GTK fills the dialog after mapping it
    xdo("windowfocus", "--sync", win);
    xdo("key", save ? "ctrl+a" : "ctrl+l");
    xdo("type", "--delay", "3", path);
    const shown = () => this.execute("return document.querySelector(arguments[0])?.value", [`[data-testid="${testid}"]`]);
    // The first Return may only accept GTK's inline completion; press again only while
    // the dialog is still up, so a Return never reaches the page.
    for (let i = 0; i < 4; i++) {
      if (!xdo("search", "--onlyvisible", "--name", `^${title}$`).stdout.trim()) break;
      xdo("key", "Return");
      await sleep(500);
    }
    const ok = accept ?? ((v) => v === path);
    await this.until(`the chosen path ${path}`, async () => ok((await shown()) ?? ""));
  }
}

/**
 * Presses the window's close button, as far as the app can tell: sends the window titled
 * `title` the WM_DELETE_WINDOW request a window manager sends (close-window.py; Debian's
 * python3-xlib). Xvfb has no window manager and WebDriver has no such command.
 */
export function closeWindow(title) {
  const ids = spawnSync("xdotool", ["search", "--onlyvisible", "--name", `^${title}$`], { encoding: "utf8" })
    .stdout.trim()
    .split("\n")
    .filter(Boolean);
  const script = join(import.meta.dirname, "close-window.py");
  const sent = ids.some((id) => spawnSync("/usr/bin/python3", [script, id]).status === 0);
  if (!sent) throw new Error(`no window "${title}" took the close request (${ids.length} found)`);
}

/**
 * Saves an X-level screenshot of the whole (virtual) screen. WebDriver's own screenshots
 * come back blank under Xvfb; this needs ImageMagick's `import` and, for the app,
 * WEBKIT_DISABLE_COMPOSITING_MODE=1 (set before the driver starts).
 */
export async function screenshot(path) {
  const { execFileSync } = await import("node:child_process");
  execFileSync("import", ["-window", "root", path]);
}
