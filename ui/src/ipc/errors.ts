// What each backend error means to the person at the keyboard.
import type { AppError } from "./types/AppError";

export function describe(e: AppError): string {
  switch (e.kind) {
    case "NoJournal":
      return "There is no journal here yet.";
    case "AlreadyExists":
      return "A journal already exists here.";
    case "WrongPassphrase":
      return "That passphrase does not open this journal. Check Caps Lock and try again.";
    case "WeakPassphrase":
      return `Use at least ${e.min_chars} characters.`;
    case "Locked":
      return "The journal is locked.";
    case "NotFound":
      return `That ${e.what} no longer exists.`;
    case "UnknownPerson":
      return "There is nobody of that name in the journal.";
    case "DuplicatePerson":
      return "Someone with that name is already in the journal.";
    case "Busy":
      return "Another Candor window or command is writing to the journal. Try again in a moment.";
    case "OpenElsewhere":
      return "This journal is open in another Candor window. Lock or close that window, then unlock here.";
    case "TooNew":
      return "This journal was written by a newer version of Candor. Update Candor to open it.";
    case "Invalid":
    case "BadQuery":
    case "Damaged":
    case "Io":
    case "Internal":
      return capitalise(e.message);
  }
}

function capitalise(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
}
