"""The room's debrief as one self-contained HTML page: ``workshop room export CODE -f html``.

Built for a facilitator to hand out or put on slides after the session: the one-page summary
first (joined and finished, how wanting the staff job moved, how many answered each decision,
the answers shown on the projector, the discussion questions), then one chart per decision and
rating as inline SVG. Nothing is fetched (no script, no font, no image file) and every piece of
text, the content's included, is escaped as text: the page holds only the anonymous summary
(:class:`~workshop.rooms.debrief.Summary`), so it can name nobody.
"""

from __future__ import annotations

from html import escape as html_escape

from workshop.export.escaping import visible
from workshop.rooms.debrief import Summary, shift_words, timing_words
from workshop.rooms.sanitize import sanitize
from workshop.rooms.summary import Bar

CSS = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --bar: #2f6f9f; --paper: #fbfbf8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 17px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 2rem; line-height: 1.2; margin-bottom: .2rem; }
h2 { margin-top: 2.4rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
section.slide { page-break-after: always; }
.meta { color: var(--muted); }
.big { font-size: 1.4rem; }
table { border-collapse: collapse; font-size: .95rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: .5rem 0; padding: .2rem 1rem; border-left: 4px solid var(--bar);
  background: #fff; white-space: pre-wrap; }
figure { margin: 1rem 0 1.6rem; } figcaption { font-weight: 600; margin-bottom: .3rem; }
svg text { font: 14px system-ui, sans-serif; fill: var(--ink); }
@media print { body { background: #fff; } }
"""


def text(value: str) -> str:
    """Any text as inert HTML (invisible and control characters dropped first)."""
    return html_escape(visible(value), quote=True)


def bar_chart(bars: tuple[Bar, ...], *, label_width: int = 420) -> str:
    """Horizontal bars as inline SVG: label, bar, count and share on each row."""
    total = sum(b.count for b in bars)
    most = max((b.count for b in bars), default=0)
    row, bar_width = 28, 300
    height = row * len(bars) + 4
    width = label_width + bar_width + 110
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}">']
    for index, item in enumerate(bars):
        y = index * row + 2
        length = round(item.count / most * bar_width) if most else 0
        share = f"{item.count / total:.0%}" if total else "–"
        parts.append(f'<text x="0" y="{y + 18}">{text(item.label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="18" '
                     f'fill="#2f6f9f"/>')
        parts.append(f'<text x="{label_width + length + 8}" y="{y + 18}">{item.count} '
                     f'({share})</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(summary: Summary) -> str:
    """The whole page."""

    title = text(sanitize(summary.title))
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{title}: debrief</title><style>{CSS}</style></head><body><main>",
           f"<h1>{title}</h1>",
           f'<p class="meta">Room {text(summary.code)} · {text(summary.workshop_title)}, '
           f"{text(summary.track_title)} · exported {text(summary.exported)} · counts only: "
           "this page names nobody.</p>",
           f'<p class="meta">Every count is out of {text(summary.base_words())}.</p>']
    d = summary.debrief
    if d is not None:
        out += ['<section class="slide"><h2>Summary</h2>',
                f'<p class="big"><strong>{d.joined}</strong> joined, '
                f"<strong>{d.finished}</strong> of {d.joined} finished.</p>",
                f"<p><strong>{text(d.want_question)}</strong> {text(shift_words(d))}</p>"]
        for caption, counts in (("At the start", d.want_start), ("At the end", d.want_end)):
            bars = tuple(Bar(str(n), str(n), counts[n - 1]) for n in range(1, 6))
            out.append(f"<figure><figcaption>{caption}</figcaption>"
                       f"{bar_chart(bars, label_width=40)}</figure>")
        out.append("<table><tr><th>Step</th><th>Decision</th><th>Answered</th></tr>")
        out += [f"<tr><td>{a.step + 1}. {text(a.step_title)}</td><td>{text(a.title)}</td>"
                f'<td class="n">{a.answered} of {d.joined}</td></tr>' for a in d.answered]
        out.append("</table>")
        out.append(f"<p><strong>Time:</strong> {text(timing_words(d))}</p>")
        out.append(f"<p><strong>Shared answers:</strong> {d.shared_count} shared with the "
                   f"room, {len(d.shown)} shown on the projector.</p>")
        out += [f"<blockquote><strong>{text(question)}</strong><br>{text(answer)}</blockquote>"
                for question, answer in d.shown]
        if d.questions:
            out.append("<h3>Discussion questions</h3><ul>")
            out += [f"<li><strong>{text(step)}, {text(scene)}:</strong> {text(note)}</li>"
                    for step, scene, note in d.questions]
            out.append("</ul>")
        out.append("</section>")
    people = summary.participants
    for item in summary.steps:
        out.append(f'<section class="slide"><h2>{item.index + 1}. {text(item.title)}</h2>'
                   f'<p class="meta">{item.done} of {people} people finished this step, '
                   f"{item.here} of {people} still in it.</p>")
        for dec in item.decisions:
            out.append(f"<figure><figcaption>{text(dec.title)} ({dec.total} of {people} people "
                       f"chose; shares are of those who chose)</figcaption>"
                       f"{bar_chart(dec.bars)}</figure>")
            if dec.note:
                out.append(f"<blockquote>Discuss: {text(dec.note)}</blockquote>")
        for rate in item.ratings:
            mean = f"mean {rate.mean:.1f}" if rate.mean is not None else "no ratings yet"
            out.append(f"<figure><figcaption>{text(rate.question)} ({rate.total} of {people} "
                       "rated, "
                       f"{mean})</figcaption>{bar_chart(rate.bars, label_width=40)}</figure>")
        out.append("</section>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"
