#!/usr/bin/python3
"""Asks an X window to close the way a window manager's close button does: a
WM_PROTOCOLS / WM_DELETE_WINDOW client message (ICCCM 4.2.8.1). Xvfb runs no window
manager, and xdotool can only destroy or kill a window, which skips the app's own
close handling. Usage: close-window.py WINDOW_ID (decimal, as xdotool prints it)."""
import sys

from Xlib import X, display
from Xlib.protocol import event


def main() -> int:
    d = display.Display()
    window = d.create_resource_object("window", int(sys.argv[1]))
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    if delete not in (window.get_wm_protocols() or []):
        print("the window does not take WM_DELETE_WINDOW", file=sys.stderr)
        return 1
    message = event.ClientMessage(
        window=window,
        client_type=protocols,
        data=(32, [delete, X.CurrentTime, 0, 0, 0]),
    )
    window.send_event(message, event_mask=X.NoEventMask)
    d.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
