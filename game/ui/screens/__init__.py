"""The screens: states on the app's stack, each with enter/exit/handle_event/update/draw."""
