"""Make the README's screenshot: the bundled quick track at 80x24, as SVG, then PNG.

Run from the repository root (needs ``rsvg-convert``, Debian package ``librsvg2-bin``)::

    .venv/bin/python docs/images/make_screenshot.py

The app is built by the same factory as ``workshop play --track quick``, in a throw-away data
folder, and the keys below are pressed before the picture is taken.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = ["4", "1"]
"""Rate the opening question 4 of 5, then continue: the first decision, four choices."""


async def svg_of(keys: list[str], size: tuple[int, int], theme: str) -> str:
    """The screen after ``keys``, as Textual's SVG export."""
    from textual.widgets import TextArea

    from workshop.play import PlayOptions
    from workshop.tui.app import make_app

    with tempfile.TemporaryDirectory() as home:
        os.environ["WORKSHOP_HOME"] = str(Path(home) / "data")
        os.environ["WORKSHOP_CONFIG"] = str(Path(home) / "config")
        app = make_app(PlayOptions(track="quick", play=True, theme=theme))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            for area in app.screen.query(TextArea):
                area.cursor_blink = False
            await pilot.pause()
            return app.export_screenshot(title="workshop")


def main() -> int:
    """Write ``NAME.png`` beside this script (the SVG it is made from goes to a temp file)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="scene")
    parser.add_argument("--keys", nargs="*", default=KEYS)
    parser.add_argument("--theme", default="staff-dark")
    parser.add_argument("--size", default="80x24")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    svg = asyncio.run(svg_of(args.keys, (width, height), args.theme))
    # Textual's SVG spaces are no-break spaces in separate <text> runs; without
    # xml:space="preserve" librsvg drops some of them ("pricingservice").
    svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
    if shutil.which("rsvg-convert") is None:
        print("rsvg-convert not found: apt-get install librsvg2-bin", file=sys.stderr)
        return 1
    png_path = HERE / f"{args.name}.png"
    with tempfile.TemporaryDirectory() as folder:
        svg_path = Path(folder) / f"{args.name}.svg"
        svg_path.write_text(svg, encoding="utf-8")
        subprocess.run(["rsvg-convert", str(svg_path), "-o", str(png_path)], check=True)
    print(f"{png_path} ({png_path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
