"""The HTML export: one self-contained file (inline CSS and SVG, nothing fetched).

The text is the Markdown export's sections rendered with markdown-it (raw HTML, links and
images switched off, so nothing a player typed can pull in an outside resource); the charts
are drawn here as inline SVG.
"""

from __future__ import annotations

from html import escape as html_escape

from markdown_it import MarkdownIt

from workshop.export.document import Document
from workshop.export.markdown import Section, sections
from workshop.reflection import SituationText

CSS = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --accent: #2f6f9f;
  --staff: #2f6f9f; --senior: #b0643a; --paper: #fbfbf8; --private: #f4f1ea; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.7rem; line-height: 1.2; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.part { margin-top: 3rem; font-size: 1.1rem; text-transform: uppercase; letter-spacing: .08em;
  color: var(--muted); border-top: 3px double var(--line); padding-top: 1rem; }
.private { background: var(--private); border-radius: 6px; padding: .1rem 1rem 1rem; }
.meta { color: var(--muted); font-size: .9rem; }
.meta dt { font-weight: 600; display: inline; }
.meta dd { display: inline; margin: 0 1rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .4rem; text-align: left;
  vertical-align: top; }
blockquote { margin: .5rem 0; padding: .2rem 1rem; border-left: 3px solid var(--accent);
  background: #fff; }
code { font-family: ui-monospace, "SF Mono", Menlo, monospace; font-size: .85em; }
figure { margin: 1.2rem 0; } figcaption { color: var(--muted); font-size: .85rem; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
@media print { body { background: #fff; } .private { background: none; } }
"""

_WIDTH = 640


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.disable(["image", "link", "autolink", "html_inline", "html_block"])
    return md


def _ends(doc: Document) -> tuple[str, str]:
    """The words for an axis's two ends: the staff job's, or plain ones when neutral."""
    return (doc.words("low_end", "senior end", "low end"),
            doc.words("high_end", "staff end", "high end"))


def axis_chart(doc: Document) -> str:
    """Horizontal bars from -1 (senior end) to +1 (staff end), one per axis, by group."""
    profile = doc.reflection.profile
    rows: list[tuple[str, str, float | None]] = []
    for group in ("doing", "wanting"):
        for reading in profile.group(group):
            rows.append((group, reading.axis.label, reading.score))
    label_w, bar_w, row_h, top = 230, 360, 22, 28
    low, high = _ends(doc)
    centre = label_w + bar_w / 2
    groups = len({row[0] for row in rows})
    height = top + row_h * (len(rows) + groups) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="100%" role="img" aria-label="Readings per axis, from -1 to +1">',
        f'<text x="{label_w}" y="16">{html_escape(low)} (-1)</text>',
        f'<text x="{label_w + bar_w}" y="16" text-anchor="end">{html_escape(high)} (+1)</text>',
    ]
    group = ""
    names = {"doing": doc.label("doing", "Doing"), "wanting": doc.label("wanting", "Wanting")}
    y = top - row_h
    for row_group, label, score in rows:
        y += row_h
        if row_group != group:
            group = row_group
            parts.append(f'<line x1="0" x2="{_WIDTH}" y1="{y - 3}" y2="{y - 3}" '
                         'stroke="#d9dde5"/>')
            parts.append(f'<text x="0" y="{y + 14}" font-weight="bold">'
                         f"{html_escape(names.get(group, group))}</text>")
            y += row_h
        parts.append(f'<text x="0" y="{y + 14}">{html_escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="12" '
                     'fill="#eef0f4"/>')
        if score is None:
            parts.append(f'<text x="{centre + 6}" y="{y + 14}" fill="#5b6475">n/a</text>')
            continue
        width = abs(score) * bar_w / 2
        x = centre if score >= 0 else centre - width
        colour = "#2f6f9f" if score >= 0 else "#b0643a"
        parts.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{width:.1f}" height="12" '
                     f'fill="{colour}"><title>{html_escape(label)}: {score:+.2f}</title></rect>')
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 14}">{score:+.2f}</text>')
    parts.append(f'<line x1="{centre}" x2="{centre}" y1="{top}" y2="{y + row_h}" '
                 'stroke="#1d2330"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def region(situation: SituationText) -> tuple[float, float, float, float] | None:
    """A situation's box on the doing × wanting map: (doing low, doing high, wanting low,
    wanting high), or None for the fallback (it is whatever no other region covers).

    A range missing from ``when`` spans the whole axis. A ``stated_want`` range (the 1–5
    rating) is drawn on the wanting axis as ``(rating − 3) / 2``, the share the last rating
    gives the wanting reading on its own: the warning case ("wanting staff, working on the
    senior axis") is defined by what the player said, and would otherwise have no region.
    """
    if situation.fallback:
        return None
    d0, d1 = situation.when.get("doing", (-1.0, 1.0))
    w0, w1 = situation.when.get("wanting", (-1.0, 1.0))
    if "stated_want" in situation.when:
        s0, s1 = situation.when["stated_want"]
        w0, w1 = max(w0, (s0 - 3) / 2), min(w1, (s1 - 3) / 2)
    d0, d1, w0, w1 = (max(-1.0, min(1.0, v)) for v in (d0, d1, w0, w1))
    if d0 >= d1 or w0 >= w1:
        return None
    return d0, d1, w0, w1


def _free_spot(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """The middle of the widest stretch of the map no region covers (for the fallback's
    label), nearest the centre on a tie."""
    cells = 40
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)  # (width, doing, wanting)
    for row in range(cells):
        wanting = -1 + (row + 0.5) * 2 / cells
        run_start, run = 0, 0
        for col in range(cells + 1):
            doing = -1 + (col + 0.5) * 2 / cells
            free = col < cells and not any(d0 <= doing <= d1 and w0 <= wanting <= w1
                                           for d0, d1, w0, w1 in boxes)
            if free:
                run_start, run = (col, run + 1) if run == 0 else (run_start, run + 1)
                continue
            if run:
                middle = -1 + (run_start + run / 2) * 2 / cells
                width = run * 2 / cells
                if (width, -abs(wanting)) > (best[0], -abs(best[2])):
                    best = (width, middle, wanting)
            run = 0
    return (best[1], best[2]) if best[0] > 0 else (0.0, 0.0)


def map_chart(doc: Document) -> str:
    """Doing (across) against wanting (up), with every one of the content's situations drawn
    as a labelled region (the fallback is the ground the others leave free)."""
    reflection = doc.reflection
    size, pad = 300, 40
    full = size + 2 * pad

    def px(value: float) -> float:
        return pad + (value + 1) / 2 * size

    def py(value: float) -> float:
        return pad + (1 - (value + 1) / 2) * size

    def label(title: str, cx: float, cy: float, current: bool) -> list[str]:
        words = title.split()
        half = (len(words) + 1) // 2
        weight = ' font-weight="bold"' if current else ""
        return [f'<text x="{cx:.1f}" y="{cy + offset:.1f}" text-anchor="middle" '
                f'font-size="10" fill="#5b6475" class="region-label"{weight}>'
                f'{html_escape(" ".join(chunk))}</text>'
                for offset, chunk in ((-4, words[:half]), (9, words[half:])) if chunk]

    situations = reflection.content.situations
    boxes = [(s, region(s)) for s in situations]
    placed = [(s, box) for s, box in boxes if box is not None]
    fallback = next((s for s in situations if s.fallback), None)
    fallback_current = fallback is not None and fallback.id == reflection.situation.id
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {full} {full}" width="{full}" '
        'role="img" aria-label="Doing against wanting">',
        f'<rect x="{pad}" y="{pad}" width="{size}" height="{size}" '
        f'fill="{"#dceaf5" if fallback_current else "#fff"}" stroke="#d9dde5">'
        + (f"<title>{html_escape(fallback.title)}</title>" if fallback else "") + "</rect>",
    ]
    # Situations are tried in file order, so where two overlap the earlier one is where a
    # player lands: draw it last, on top.
    for situation, (d0, d1, w0, w1) in reversed(placed):
        current = situation.id == reflection.situation.id
        parts.append(
            f'<rect x="{px(d0):.1f}" y="{py(w1):.1f}" width="{px(d1) - px(d0):.1f}" '
            f'height="{py(w0) - py(w1):.1f}" fill="{"#dceaf5" if current else "#f2f3f6"}" '
            f'stroke="#fff">'
            f"<title>{html_escape(situation.title)}</title></rect>")
    for situation, (d0, d1, w0, w1) in placed:
        parts += label(situation.title, (px(d0) + px(d1)) / 2, (py(w0) + py(w1)) / 2,
                       situation.id == reflection.situation.id)
    if fallback is not None:
        spot_doing, spot_wanting = _free_spot([box for _, box in placed])
        parts += label(fallback.title, px(spot_doing), py(spot_wanting), fallback_current)
    parts += [
        f'<line x1="{px(0)}" x2="{px(0)}" y1="{pad}" y2="{pad + size}" stroke="#c4c9d3"/>',
        f'<line x1="{pad}" x2="{pad + size}" y1="{py(0)}" y2="{py(0)}" stroke="#c4c9d3"/>',
        f'<text x="{pad + size / 2}" y="{full - 8}" text-anchor="middle">'
        f'{html_escape(doc.label("doing", "Doing").lower())} →</text>',
        f'<text x="12" y="{pad + size / 2}" text-anchor="middle" '
        f'transform="rotate(-90 12 {pad + size / 2})">'
        f'{html_escape(doc.label("wanting", "Wanting").lower())} →</text>',
    ]
    comparison = reflection.comparison
    if comparison is not None:
        before = {m.key: m.before for m in comparison.groups}
        doing, wanting = before.get("doing"), before.get("wanting")
        if doing is not None and wanting is not None:
            parts.append(f'<circle cx="{px(doing):.1f}" cy="{py(wanting):.1f}" r="6" '
                         'fill="none" stroke="#5b6475" stroke-width="2"><title>last time'
                         "</title></circle>")
    profile = reflection.profile
    if profile.doing is not None and profile.wanting is not None:
        x, y = px(profile.doing), py(profile.wanting)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="#2f6f9f">'
                     "<title>this session</title></circle>")
        # Every place is a labelled region now: the dot needs only a short word, which
        # (unlike the place's whole title) stays inside the picture.
        anchor, dx = ("start", 11) if x < pad + size / 2 else ("end", -11)
        parts.append(f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" '
                     'font-weight="bold">this session</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _meta(doc: Document) -> str:
    record = doc.record
    items = [("Date", doc.date), ("Workshop", f"{record.workshop_id} {record.workshop_version}"),
             ("Track", record.track), ("Session", record.id),
             ("Record schema", str(record.schema_version))]
    inner = "".join(f"<dt>{html_escape(k)}</dt><dd>{html_escape(v)}</dd>" for k, v in items)
    return f'<dl class="meta">{inner}</dl>'


def render(doc: Document) -> str:
    """The whole HTML page."""
    md = _markdown()
    parts = sections(doc)
    body: list[str] = [md.render(parts[0].markdown), _meta(doc)]

    def add(section: Section) -> None:
        body.append(md.render(section.markdown))
        if section.key == "lean":
            low, high = _ends(doc)
            body.append('<figure>' + axis_chart(doc) + f"<figcaption>Each axis from -1 (the "
                        f"{html_escape(low)}) to +1 (the {html_escape(high)}).</figcaption>"
                        "</figure>")
            body.append('<figure>' + map_chart(doc) + "<figcaption>Where this session lands "
                        "among the reflection's situations.</figcaption></figure>")

    body.append('<h1 class="part">Part 1 · To share</h1>')
    for section in parts[1:]:
        if not section.private:
            add(section)
    private = [s for s in parts[1:] if s.private]
    if private:
        body.append('<section class="private"><h1 class="part">Part 2 · Private</h1>')
        for section in private:
            add(section)
        body.append("</section>")
    title = html_escape(f"{doc.workshop.title}: reflection notes ({doc.date})")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
