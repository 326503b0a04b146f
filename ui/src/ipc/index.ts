// The one place the front end talks to the Rust shell. Components import these
// functions and never call `invoke` themselves, so every command has exactly one
// typed wrapper (and one place to mock in tests).
import { invoke } from "@tauri-apps/api/core";

/** The desktop app's version, as Cargo knows it (`CARGO_PKG_VERSION`). */
export async function appVersion(): Promise<string> {
  return invoke<string>("app_version");
}
