"""The app's screens: home, a scene being played, the reflection, help and dialogs."""
