// The one place the front end talks to the Rust shell. Components import these
// functions and never call `invoke` themselves, so every command has exactly one
// typed wrapper (and one place to mock in tests). The argument and result types are
// generated from the Rust types (./types, by ts-rs); keep this list in step with
// src-tauri/app/commands/.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { ActionEdit } from "./types/ActionEdit";
import type { ActionInput } from "./types/ActionInput";
import type { ActionItem } from "./types/ActionItem";
import type { AppError } from "./types/AppError";
import type { BackupChecked } from "./types/BackupChecked";
import type { BackupDone } from "./types/BackupDone";
import type { BackupInput } from "./types/BackupInput";
import type { Created } from "./types/Created";
import type { PickKind } from "./types/PickKind";
import type { Packet } from "./types/Packet";
import type { Goal } from "./types/Goal";
import type { GoalKind } from "./types/GoalKind";
import type { GoalStatus } from "./types/GoalStatus";
import type { CheckIn } from "./types/CheckIn";
import type { Entry } from "./types/Entry";
import type { EntryInput } from "./types/EntryInput";
import type { EntryQuery } from "./types/EntryQuery";
import type { EntryRef } from "./types/EntryRef";
import type { ExportDone } from "./types/ExportDone";
import type { ExportInput } from "./types/ExportInput";
import type { Direction } from "./types/Direction";
import type { Draft } from "./types/Draft";
import type { DraftFields } from "./types/DraftFields";
import type { Saved } from "./types/Saved";
import type { ImportDone } from "./types/ImportDone";
import type { ImportInput } from "./types/ImportInput";
import type { NudgeThreshold } from "./types/NudgeThreshold";
import type { NudgeView } from "./types/NudgeView";
import type { Prep } from "./types/Prep";
import type { Restored } from "./types/Restored";
import type { SbiHelp } from "./types/SbiHelp";
import type { ThemesQuery } from "./types/ThemesQuery";
import type { ThemesReport } from "./types/ThemesReport";
import type { Person } from "./types/Person";
import type { PersonInput } from "./types/PersonInput";
import type { PersonSummary } from "./types/PersonSummary";
import type { Progress } from "./types/Progress";
import type { SearchOrder } from "./types/SearchOrder";
import type { SearchView } from "./types/SearchView";
import type { Settings } from "./types/Settings";
import type { Timeline } from "./types/Timeline";
import type { Today } from "./types/Today";
import type { VaultStatus } from "./types/VaultStatus";
import type { Version } from "./types/Version";
import type { SyncStatus } from "./types/SyncStatus";
import type { ApplyReport } from "./types/ApplyReport";
import type { Conflict } from "./types/Conflict";
import { describe } from "./errors";

export type * from "./models";
export { describe } from "./errors";

/** A command failed; `error` is the backend's typed reason. */
export class IpcError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(describe(error));
    this.name = "IpcError";
    this.error = error;
  }
}

function isAppError(v: unknown): v is AppError {
  return typeof v === "object" && v !== null && typeof (v as { kind?: unknown }).kind === "string";
}

let lockedListener: (() => void) | null = null;

/** Called whenever a command finds the journal locked (auto-lock ran in the backend). */
export function onLocked(listener: (() => void) | null): void {
  lockedListener = listener;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    // Command errors arrive as the serialised AppError; anything else (a missing
    // command, arguments that did not deserialise) is a bug, reported as Internal.
    const error: AppError = isAppError(e)
      ? e
      : { kind: "Internal", message: e instanceof Error ? e.message : String(e) };
    if (error.kind === "Locked") lockedListener?.();
    throw new IpcError(error);
  }
}

function progressChannel(onProgress?: (p: Progress) => void): Channel<Progress> {
  const channel = new Channel<Progress>();
  channel.onmessage = (p) => onProgress?.(p);
  return channel;
}

export const appVersion = () => call<string>("app_version");
export const vaultStatus = () => call<VaultStatus>("vault_status");
export const createJournal = (passphrase: string) =>
  call<Created>("create_journal", { passphrase });
export const unlock = (passphrase: string) => call<void>("unlock", { passphrase });
export const lock = () => call<void>("lock");
/** Reports user activity for auto-lock; answers whether the journal is still unlocked. */
export const touch = () => call<boolean>("touch");
/** Locks and ends the app (after a close request, once pending text is saved). */
export const quit = () => call<void>("quit");
/** Rewraps the data key under a new passphrase. */
export const changePassphrase = (old: string, next: string) =>
  call<void>("change_passphrase", { old, new: next });
/** Sets a new passphrase with the recovery code, and opens the journal with it. */
export const recoverJournal = (code: string, next: string) =>
  call<void>("recover_journal", { code, new: next });
/** A new recovery code, shown once; the old one stops working. */
export const newRecoveryCode = (passphrase: string) => call<string>("new_recovery_code", { passphrase });
/** A new data key for the journal; answers the new recovery code. */
export const rekeyJournal = (passphrase: string) => call<string>("rekey_journal", { passphrase });
/** A review packet: a person's, or the manager's own with null; dates YYYY-MM-DD. */
export const review = (person: string | null, since: string | null, until: string | null) =>
  call<Packet>("review", { person, since, until });
/** Writes the packet to a path chosen with choosePath("ReviewFile"); returns the path. */
export const saveReview = (person: string | null, since: string | null, until: string | null, path: string) =>
  call<string>("save_review", { person, since, until, path });
/** A person's goals, or the manager's own with null. */
export const goals = (person: string | null) => call<Goal[]>("goals", { person });
export const addGoal = (person: string | null, title: string, kind: GoalKind, due: string | null) =>
  call<Goal>("add_goal", { person, title, kind, due, description: null });
export const setGoalStatus = (id: string, status: GoalStatus) => call<Goal>("set_goal_status", { id, status });
export const linkGoal = (goal: string, entry: string) => call<Goal>("link_goal", { goal, entry });
export const unlinkGoal = (goal: string, entry: string) => call<Goal>("unlink_goal", { goal, entry });
export const entryGoals = (entry: string) => call<Goal[]>("entry_goals", { entry });
export const checkins = (goal: string) => call<CheckIn[]>("checkins", { goal });
export const starEntry = (id: string, on: boolean) => call<boolean>("star_entry", { id, on });
export const entryStarred = (id: string) => call<boolean>("entry_starred", { id });
/** Opens the system's file or folder dialog of this kind; the chosen path, or null. */
export const syncStatus = () => call<SyncStatus | null>("sync_status");
export const syncSetup = (folder: string, passphrase: string) =>
  call<SyncStatus>("sync_setup", { folder, passphrase });
export const syncNow = () => call<ApplyReport>("sync_now");
export const syncConflicts = () => call<Conflict[]>("sync_conflicts");
export const syncResolve = (id: string, keep: "mine" | "theirs" | "both") =>
  call<void>("sync_resolve", { id, keep });
export const syncForgetDevice = (id: string) => call<void>("sync_forget_device", { id });
export const joinJournal = (folder: string, passphrase: string) =>
  call<Created>("join_journal", { folder, passphrase });

export const choosePath = (kind: PickKind) => call<string | null>("choose_path", { kind });
/** Decrypts a backup to the end and checks it. */
export const verifyBackup = (path: string, passphrase: string) =>
  call<BackupChecked>("verify_backup", { path, passphrase });
/** Replaces the journal with a backup (the old one kept as a safety copy); locks. */
export const restoreBackup = (path: string, passphrase: string) =>
  call<Restored>("restore_backup", { path, passphrase });
/** Opens a web or mail link from an entry in the system browser. */
export const openLink = (url: string) => call<void>("open_link", { url });
export const setSettings = (settings: Settings) => call<Settings>("set_settings", { settings });
export const prepareDemo = (onProgress?: (p: Progress) => void) =>
  call<void>("prepare_demo", { onProgress: progressChannel(onProgress) });

export const today = () => call<Today>("today");
export const people = (includeArchived = false) =>
  call<PersonSummary[]>("people", { includeArchived });
export const addPerson = (input: PersonInput) => call<Person>("add_person", { input });
export const setArchived = (name: string, archived: boolean) =>
  call<Person>("set_archived", { name, archived });
export const timeline = (name: string) => call<Timeline>("timeline", { name });

export const entries = (query: EntryQuery) => call<Entry[]>("entries", { query });
/** Tags in use, most used first. */
export const knownTags = () => call<string[]>("known_tags");
export const entry = (id: string) => call<Entry>("entry", { id });
export const logEntry = (input: EntryInput) => call<Entry>("log_entry", { input });
export const editEntry = (id: string, input: EntryInput) =>
  call<Entry>("edit_entry", { id, input });
export const deleteEntry = (id: string) => call<string>("delete_entry", { id });
export const restoreEntry = (id: string) => call<Entry>("restore_entry", { id });
export const trash = () => call<Entry[]>("trash");
export const emptyTrash = () => call<number>("empty_trash");

/** Saves the editor's fields: as an entry once they make one, as a draft while not. */
export const saveDraft = (draftId: string | null, entryId: string | null, fields: DraftFields) =>
  call<Saved>("save_draft", { draftId, entryId, fields });
/** Unfinished entries, most recent first. */
export const drafts = () => call<Draft[]>("drafts");
export const draft = (id: string) => call<Draft>("draft", { id });
export const discardDraft = (id: string) => call<void>("discard_draft", { id });

export const actions = (person: string | null, openOnly: boolean) =>
  call<ActionItem[]>("actions", { person, openOnly });
export const addAction = (input: ActionInput) => call<ActionItem>("add_action", { input });
export const completeAction = (id: string) => call<ActionItem>("complete_action", { id });
export const reopenAction = (id: string) => call<ActionItem>("reopen_action", { id });
export const updateAction = (id: string, input: ActionEdit) =>
  call<ActionItem>("update_action", { id, input });
export const deleteAction = (id: string) => call<ActionItem>("delete_action", { id });
/** Changes a person's name, role, relationship and cadence. */
export const updatePerson = (name: string, input: PersonInput) =>
  call<Person>("update_person", { name, input });
/** Every version of an entry, the current one first. */
export const history = (id: string) => call<Version[]>("history", { id });
/** Makes an earlier version current; the replaced text stays in the history. */
export const revert = (id: string, version: number) => call<Entry>("revert", { id, version });

/** One page of results from `offset`, best match or newest first. */
export const search = (query: string, offset = 0, order: SearchOrder = "relevance") =>
  call<SearchView>("search", { query, offset, order });
export const reindex = (onProgress?: (p: Progress) => void) =>
  call<number>("reindex", { onProgress: progressChannel(onProgress) });

export const backupDir = () => call<string | null>("backup_dir");
/** Writes and verifies a backup; progress counts bytes, through writing then verifying. */
export const createBackup = (input: BackupInput, onProgress?: (p: Progress) => void) =>
  call<BackupDone>("create_backup", { input, onProgress: progressChannel(onProgress) });

/** Today's nudges (dismissed and snoozed ones left out), with their evidence entries. */
export const nudges = () => call<NudgeView[]>("nudges");
/** Every current nudge, dismissed and snoozed ones too (marked by `status`). */
export const allNudges = () => call<NudgeView[]>("all_nudges");
/** Shows a dismissed or snoozed nudge again. */
export const restoreNudge = (id: string) => call<void>("restore_nudge", { id });
/** Hides a nudge for good, or for `snoozeDays` days. */
export const dismissNudge = (id: string, snoozeDays: number | null = null) =>
  call<void>("dismiss_nudge", { id, snoozeDays });
/** The nudge thresholds: meaning, stored value, default and allowed range of each. */
export const nudgeThresholds = () => call<NudgeThreshold[]>("nudge_thresholds");
/** Sets one threshold; answers them all. A value out of range fails as `Invalid`. */
export const setNudgeThreshold = (key: string, value: number) =>
  call<NudgeThreshold[]>("set_nudge_threshold", { key, value });
/** Puts one threshold back to its default; answers them all. */
export const resetNudgeThreshold = (key: string) =>
  call<NudgeThreshold[]>("set_nudge_threshold", { key, value: null });
export const themes = (query: ThemesQuery) => call<ThemesReport>("themes", { query });
/** The entries behind a theme or skill (that still exist), to list and open. */
export const entryRefs = (ids: string[]) => call<EntryRef[]>("entry_refs", { ids });
/** The agenda for the next one-on-one with `name`. */
export const prep = (name: string) => call<Prep>("prep", { name });
export const sbiHelp = (direction: Direction, situation: string, behavior: string, impact: string) =>
  call<SbiHelp>("sbi_help", { direction, situation, behavior, impact });

/** Writes a plaintext export (Markdown folder or JSON file); progress counts entries. */
export const exportJournal = (input: ExportInput, onProgress?: (p: Progress) => void) =>
  call<ExportDone>("export_journal", { input, onProgress: progressChannel(onProgress) });
/** Imports a file or folder into the open journal; progress counts items. */
export const importJournal = (input: ImportInput, onProgress?: (p: Progress) => void) =>
  call<ImportDone>("import_journal", { input, onProgress: progressChannel(onProgress) });
