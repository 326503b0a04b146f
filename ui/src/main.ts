import { mount } from "svelte";
import App from "./App.svelte";
import { app } from "./lib/app.svelte";
import "./app.css";

// Page errors are kept in memory only (never stored or sent), so that the window tests
// can fail when a screen throws. Messages are the browser's, not journal text.
const pageErrors: string[] = [];
(window as unknown as { __candorErrors: string[] }).__candorErrors = pageErrors;
window.addEventListener("error", (e) => pageErrors.push(String(e.message)));
window.addEventListener("unhandledrejection", (e) => pageErrors.push(String(e.reason)));

// The shell calls this when the window is asked to close with the journal open.
(window as unknown as { __candorClose: () => Promise<void> }).__candorClose = () => app.close();

const target = document.getElementById("app");
if (!target) {
  throw new Error("Candor: #app element missing from index.html");
}

export default mount(App, { target });
