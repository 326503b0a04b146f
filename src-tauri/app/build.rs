//! Build script of the desktop shell: tauri-build reads `tauri.conf.json` and
//! `capabilities/` from the package root and prepares the embedded context.

fn main() {
    tauri_build::build();
}
