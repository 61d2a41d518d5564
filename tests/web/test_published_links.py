"""What `workshop serve --web` publishes for the dashboard: the ssh line and, beside it, the
browser link (both ways in); browsers only, the link is the join line and nothing is beside."""

from __future__ import annotations

from pathlib import Path

from tests.web.webkit import web_server
from workshop.rooms.joinline import read_join, read_web


def test_ssh_and_browsers_publish_both_ways_in(tmp_path: Path) -> None:
    served, link = web_server(tmp_path)
    try:
        assert read_join(served.room) == f"ssh -p {served.port} NAME@127.0.0.1"
        assert read_web(served.room) == link + "/"
    finally:
        served.stop()


def test_browsers_only_publish_the_link_as_the_join_line(tmp_path: Path) -> None:
    served, link = web_server(tmp_path, no_ssh=True)
    try:
        assert read_join(served.room) == link + "/"
        assert read_web(served.room) is None
    finally:
        served.stop()
