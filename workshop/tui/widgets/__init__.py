"""Widgets and Rich renderables the screens are built from."""
