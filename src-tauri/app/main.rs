//! Candor's desktop shell: a Tauri window over the bundled `ui/dist` page, with thin
//! commands over the engine (see `commands/`). It holds at most one open journal and
//! drops it on lock, on idle and on exit.

// No console window behind the app in Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod args;
#[cfg(test)]
mod bindings;
mod commands;
mod dto;
mod error;
mod picker;
mod run;
mod state;
mod sync_watch;
mod views;
mod webview_data;

use std::hash::{Hash, Hasher};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::Manager;

use crate::state::AppState;

/// How often the idle check runs; auto-lock is at most this late.
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// How long a close request waits for the page to save what was typed.
const CLOSE_GRACE: Duration = Duration::from_secs(3);

/// Set once the window was asked to close, so the second request (from `quit`, or after
/// the grace period) goes through.
static CLOSING: AtomicBool = AtomicBool::new(false);

/// Closing the window with the journal open: the page saves what is pending (its
/// `__candorClose` hook) and calls `quit`; a page that does not answer is closed anyway.
fn on_close_requested(window: &tauri::Window, api: &tauri::CloseRequestApi) {
    let unlocked = window.state::<AppState>().is_unlocked();
    if !unlocked || CLOSING.swap(true, Ordering::SeqCst) {
        return;
    }
    api.prevent_close();
    let app = window.app_handle().clone();
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.eval("window.__candorClose ? window.__candorClose() : null");
    }
    std::thread::spawn(move || {
        std::thread::sleep(CLOSE_GRACE);
        app.state::<AppState>().lock();
        app.exit(0);
    });
}

/// One window per journal: a second launch on the same vault focuses the first window
/// instead of opening the database twice. (Different vaults, such as the demo and a
/// test's temporary journal, may run side by side.)
fn instance_id(identifier: &str, vault: &std::path::Path) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    vault.hash(&mut h);
    format!("{identifier}.v{:016x}", h.finish())
}

fn main() -> ExitCode {
    // A crash must not leave the data key or decrypted entries in a core dump, nor journal
    // text from a panic message on the terminal.
    if let Err(e) = candor_engine::hardening::disable_core_dumps() {
        eprintln!("candor-app: warning: {e}");
    }
    candor_engine::hardening::install_panic_hook("candor-app");
    let launch = match args::parse(
        std::env::args_os().skip(1),
        std::env::var_os("CANDOR_VAULT"),
        args::default_vault(),
    ) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("candor-app: {e}");
            return ExitCode::from(2);
        }
    };
    let context = tauri::generate_context!();
    let single = tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(&context.config().identifier, &launch.vault))
        .callback(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        })
        .build();

    let webview_dir = match webview_data::prepare() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("candor-app: could not make a private folder for the window: {e}");
            return ExitCode::FAILURE;
        }
    };
    let cleanup = webview_dir.clone();
    let webview_dir_done = webview_dir.clone();
    let result = tauri::Builder::default()
        // First, so a second instance exits before anything else starts.
        .plugin(single)
        // Its own commands are not granted to the page (capabilities/default.json); the
        // shell calls it for `open_link`.
        .plugin(tauri_plugin_opener::init())
        // Likewise: the page asks `choose_path`, which opens the dialog from Rust.
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(launch.vault, launch.demo))
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                on_close_requested(window, api);
            }
        })
        .setup(move |app| {
            // The window is made here, not from the config, to give its webview a data
            // folder that lives only as long as this run (see webview_data).
            if let Some(config) = app.config().app.windows.first() {
                tauri::WebviewWindowBuilder::from_config(app.handle(), config)?
                    .data_directory(webview_dir.clone())
                    .build()?;
            }
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(IDLE_CHECK);
                handle.state::<AppState>().lock_if_idle();
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::vault::app_version,
            picker::choose_path,
            commands::vault::vault_status,
            commands::vault::create_journal,
            commands::vault::unlock,
            commands::sync::sync_status,
            commands::sync::sync_setup,
            commands::sync::sync_now,
            commands::sync::sync_conflicts,
            commands::sync::sync_resolve,
            commands::sync::sync_forget_device,
            commands::sync::join_journal,
            commands::vault::lock,
            commands::vault::touch,
            commands::vault::quit,
            commands::vault::open_link,
            commands::vault::set_settings,
            commands::vault::prepare_demo,
            commands::journal::today,
            commands::journal::people,
            commands::journal::add_person,
            commands::journal::set_archived,
            commands::journal::timeline,
            commands::journal::entries,
            commands::journal::known_tags,
            commands::journal::entry,
            commands::journal::log_entry,
            commands::journal::edit_entry,
            commands::journal::delete_entry,
            commands::journal::restore_entry,
            commands::journal::trash,
            commands::journal::empty_trash,
            commands::journal::actions,
            commands::journal::add_action,
            commands::journal::complete_action,
            commands::journal::search,
            commands::journal::reindex,
            commands::keys::change_passphrase,
            commands::keys::recover_journal,
            commands::keys::new_recovery_code,
            commands::keys::rekey_journal,
            commands::keys::verify_backup,
            commands::keys::restore_backup,
            commands::edits::update_person,
            commands::edits::reopen_action,
            commands::edits::update_action,
            commands::edits::delete_action,
            commands::edits::history,
            commands::edits::revert,
            commands::drafts::save_draft,
            commands::drafts::drafts,
            commands::drafts::draft,
            commands::drafts::discard_draft,
            commands::backup::create_backup,
            commands::backup::backup_dir,
            commands::insight::nudges,
            commands::insight::dismiss_nudge,
            commands::insight::all_nudges,
            commands::insight::restore_nudge,
            commands::insight::nudge_thresholds,
            commands::insight::set_nudge_threshold,
            commands::insight::themes,
            commands::insight::entry_refs,
            commands::insight::prep,
            commands::insight::sbi_help,
            commands::review::review,
            commands::review::save_review,
            commands::review::goals,
            commands::review::add_goal,
            commands::review::set_goal_status,
            commands::review::link_goal,
            commands::review::unlink_goal,
            commands::review::entry_goals,
            commands::review::checkins,
            commands::review::star_entry,
            commands::review::entry_starred,
            commands::transfer::export_journal,
            commands::transfer::import_journal,
        ])
        .build(context);

    match result {
        Ok(app) => {
            // The event loop may end the process itself: the folder goes on its way out.
            app.run(move |_, event| {
                if let tauri::RunEvent::Exit = event {
                    webview_data::remove(&cleanup);
                }
            });
            webview_data::remove(&webview_dir_done);
            ExitCode::SUCCESS
        }
        Err(err) => {
            webview_data::remove(&webview_dir_done);
            eprintln!("candor-app: could not start the window: {err}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_vault_has_its_own_instance_id() {
        let a = instance_id("app.candor.journal", std::path::Path::new("/a"));
        let b = instance_id("app.candor.journal", std::path::Path::new("/b"));
        assert_ne!(a, b);
        // A D-Bus name element may not start with a digit.
        assert!(a.starts_with("app.candor.journal.v"));
    }
}
