"""The Textual app: a thin shell over the core (engine, record, reflection, export).

Nothing is imported here on purpose: ``workshop.tui.app.make_app`` is the one entry point, and
keeping this package's ``__init__`` empty keeps start-up fast.
"""
