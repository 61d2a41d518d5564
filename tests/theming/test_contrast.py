"""Readability of the bundled themes, measured as WCAG contrast ratios."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.theming import RGB, ThemeSpec, contrast_ratio, load_themes, parse_colour

SPECS = load_themes(user=Path("/nonexistent")).specs
TEXT_COLOURS = ("primary", "secondary", "accent", "success", "warning", "error")


def test_contrast_ratio_known_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is just above 4.5:1.
    assert 4.5 < contrast_ratio("#767676", "white") < 4.6


def test_high_contrast_meets_aaa() -> None:
    spec = SPECS["high-contrast"]
    colours, variables = spec.colours, spec.variables
    for surface in ("background", "surface", "panel"):
        assert contrast_ratio(colours["foreground"], colours[surface]) >= 7, surface
    for key in TEXT_COLOURS:
        assert contrast_ratio(colours[key], colours["background"]) >= 7, key
    # Textual fades muted and disabled text with transparency; this theme sets them solid.
    for key in ("text", "text-muted", "foreground-muted"):
        assert contrast_ratio(variables[key], colours["background"]) >= 7, key
    assert contrast_ratio(variables["block-cursor-foreground"],
                          variables["block-cursor-background"]) >= 7


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_bundled_theme_is_readable(name: str) -> None:
    colours = SPECS[name].colours
    assert contrast_ratio(colours["foreground"], colours["background"]) >= 7
    for key in TEXT_COLOURS:
        assert contrast_ratio(colours[key], colours["background"]) >= 4.5, key


# Colour-vision deficiency simulation (Machado, Oliveira & Fernandes 2009, severity 1.0),
# applied in linear RGB.
_SIMULATIONS = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
               (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
               (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
               (0.004733, 0.691367, 0.303900)),
}


def _linear(colour: RGB) -> tuple[float, float, float]:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return channel(colour.red), channel(colour.green), channel(colour.blue)


def _simulate(text: str, kind: str) -> tuple[float, float, float]:
    colour = parse_colour(text)
    assert colour is not None
    rgb = _linear(colour)
    rows = _SIMULATIONS[kind]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
               for row in rows)
    return r, g, b


def _distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


@pytest.mark.parametrize("kind", sorted(_SIMULATIONS))
def test_colour_blind_theme_keeps_states_apart(kind: str) -> None:
    spec: ThemeSpec = SPECS["colour-blind"]
    states = [spec.colours[k] for k in ("success", "warning", "error", "primary")]
    seen = [_simulate(colour, kind) for colour in states]
    for i in range(len(seen)):
        for j in range(i + 1, len(seen)):
            assert _distance(seen[i], seen[j]) > 0.15, (kind, states[i], states[j])


def test_red_green_pair_of_a_naive_palette_would_fail() -> None:
    """The simulation is strict enough to catch the classic red/green mistake."""
    assert _distance(_simulate("#4caf50", "deutan"), _simulate("#f44336", "deutan")) < 0.15
