"""The command palette's one provider: the workshop's commands in its own order.

Textual's provider lists commands alphabetically as the palette opens and ranks typed matches
by a fuzzy score alone, so "theme" could list a scenario whose title happens to hold those
letters before the theme command (issue 16). Here the palette opens on the app's commands in
the order :meth:`WorkshopApp.get_system_commands` gives them, and a typed query ranks every
command above every entry hidden from that opening list (the scenario jumps).
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits
from textual.system_commands import SystemCommandsProvider

COMMAND_RANK = 1000.0
"""Added to a command's match score: more than any fuzzy score of a hidden entry's title."""


class WorkshopCommands(SystemCommandsProvider):
    """The app's system commands, ours first, scenario jumps after every command."""

    async def discover(self) -> Hits:
        """The commands shown as the palette opens, in the app's order.

        Yields:
            One hit per command offered without typing.
        """
        for title, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """The commands matching ``query``: commands first, then hidden entries.

        Args:
            query: What the player typed.

        Yields:
            One hit per matching command.
        """
        matcher = self.matcher(query)
        for title, help_text, callback, discover in self.app.get_system_commands(self.screen):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score + COMMAND_RANK if discover else score,
                          matcher.highlight(title), callback, help=help_text)
