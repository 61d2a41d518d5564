"""The mirror: claims about a player, each resting on what they did or wrote.

A claim is made by a rule over the player's evidence (their choices, ratings and written
answers, from :func:`workshop.reflection.profile.gather`) and the content; it is made only
with the evidence that triggered it, and its words come from templates (``[claims]`` in
``reflection.toml``, else the neutral words in :data:`NEUTRAL`). The rules:

- *stated vs revealed*: the last want rating is 4-5 (or 1-2), yet at least two decisions, and
  at least a third of those that spoke to the wanting axes, went the other way;
- *doing vs wanting*: the doing reading is staff-shaped while the want rating is low, or the
  want rating is high while the doing reading is on the senior axis (the article's warning);
- *torn*: one axis pulled toward its high end in one scenario and its low end in another, by
  at least one clear choice (a signal of 1 or more) each way;
- *moved*: both want ratings given: where they moved and the choices between them that leaned
  the wanting axes the same way; the same rating twice is a "held steady" claim;
- *pattern*: per group, the side most decisions went, with honest counts of decisions and
  scenarios;
- *own words*: each written answer beside the claims it bears on (same scenario, keywords of
  the claim's axes, or a character of the claim's scenarios named in it), and beside what
  someone the player chose to hear said, when the answer echoes it;
- *telling*: the few choices that say most, ranked by :func:`telling_score`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workshop.reflection.content import ClaimText, ReflectionContent
from workshop.reflection.profile import Evidence, Profile

TENSION_KINDS = ("stated-vs-revealed", "doing-vs-wanting", "torn", "moved")
"""The claim kinds that name a tension in the player's own play."""
KINDS = (*TENSION_KINDS, "pattern", "own-words", "telling")
"""Every claim kind, in the order they are shown."""

# Weights put claims of one kind together, in KINDS order, strongest first within the kind.
_BASE = {kind: float(len(KINDS) - i) * 10 for i, kind in enumerate(KINDS)}
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class Cite:
    """One thing the player did or wrote that a claim rests on."""

    scenario: str
    """The scenario's id."""
    scenario_title: str
    scene: str
    """The scene's id."""
    choice: str = ""
    """The choice's id (a decision), or ''."""
    ask: str = ""
    """The ask's id (a rating or written answer), or ''."""
    label: str = ""
    """The choice's label, or the question asked."""
    value: str | int | None = None
    """The rating (1-5) or the written answer."""
    private: bool = False
    """True for written answers: never in a shareable export."""
    note: str = ""
    """What this choice tends to mean (content), may be ''."""
    kind: str = ""
    """``"choice"``, ``"rating"`` or ``"answer"``."""

    def to_data(self) -> dict[str, str]:
        """The ids only (what the JSON export's evidence lists hold)."""
        data = {"scenario": self.scenario, "scene": self.scene}
        if self.choice:
            data["choice"] = self.choice
        if self.ask:
            data["ask"] = self.ask
        return data


@dataclass(frozen=True, slots=True)
class Claim:
    """One thing the mirror says, with what it rests on."""

    kind: str
    """One of :data:`KINDS`."""
    title: str
    """A short heading."""
    text: str
    """One to three sentences, second person, from the content's templates."""
    evidence: tuple[Cite, ...]
    """Never empty: a claim without evidence is never made."""
    weight: float = 0.0
    """How telling; claims are sorted tensions first, then weight."""
    axes: tuple[str, ...] = ()
    """The axes the claim speaks about (own words are matched against their keywords)."""

    @property
    def tension(self) -> bool:
        """True for the kinds in :data:`TENSION_KINDS`."""
        return self.kind in TENSION_KINDS

    def to_data(self) -> dict[str, object]:
        """Plain data for the JSON and TOML exports: no answer text, ids only."""
        return {"kind": self.kind, "title": self.title, "text": self.text,
                "evidence": [c.to_data() for c in self.evidence]}


@dataclass(frozen=True, slots=True)
class Mirror:
    """Everything the rules found."""

    claims: tuple[Claim, ...]
    telling: tuple[Cite, ...]
    moved_by: tuple[Cite, ...]
    own_words: tuple[tuple[Cite, tuple[Claim, ...]], ...]
    scenarios_played: int
    more: str
    """When the evidence is thin: what more play would tell ('' otherwise)."""


NEUTRAL: dict[str, ClaimText] = {
    "stated-vs-revealed.high": ClaimText(
        "Your rating and your choices disagree",
        "You rated “{group}” {rating}, yet {count} of your {total} choices on it "
        "went toward its low end, {where}."),
    "stated-vs-revealed.low": ClaimText(
        "Your rating and your choices disagree",
        "You rated “{group}” {rating}, yet {count} of your {total} choices on it "
        "went toward its high end, {where}."),
    "doing-vs-wanting.no-appetite": ClaimText(
        "Your choices and your rating point different ways",
        "Your choices on “{group}” leaned to its high end, while you rated “{other}” "
        "{rating}."),
    "doing-vs-wanting.title-not-work": ClaimText(
        "You rated it high, and chose the other way",
        "You rated “{other}” {rating}, while most of your choices on “{group}” "
        "leaned to its low end."),
    "torn": ClaimText(
        "Pulled both ways: {axis}",
        "In “{first}” your choice went toward the high end of {axis}; in “{second}” "
        "toward the low end."),
    "moved.up": ClaimText(
        "Your rating rose from {start} to {end}",
        "You rated “{group}” {start} out of 5 at the start and {end} at the end."),
    "moved.down": ClaimText(
        "Your rating fell from {start} to {end}",
        "You rated “{group}” {start} out of 5 at the start and {end} at the end."),
    "moved.steady": ClaimText(
        "Your rating held at {start}",
        "You rated “{group}” {start} out of 5 at the start, and again at the end."),
    "pattern.doing.toward": ClaimText(
        "Your choices leaned high on “{group}”",
        "{count} of your {total} decisions on “{group}” went toward its high end, {where}."),
    "pattern.doing.away": ClaimText(
        "Your choices leaned low on “{group}”",
        "{count} of your {total} decisions on “{group}” went toward its low end, {where}."),
    "pattern.wanting.toward": ClaimText(
        "Your choices leaned high on “{group}”",
        "{count} of your {total} decisions on “{group}” went toward its high end, {where}."),
    "pattern.wanting.away": ClaimText(
        "Your choices leaned low on “{group}”",
        "{count} of your {total} decisions on “{group}” went toward its low end, {where}."),
    "own-words": ClaimText(
        "In your own words",
        "What you wrote for “{question}” sits beside: {bears_on}."),
    "own-words.echo": ClaimText(
        "Your words echo {name}",
        "What you wrote for “{question}” is close to what {name} said: {note}"),
    "telling": ClaimText("{choice}", "{note}"),
    "thin.few": ClaimText(
        "Too little to go on yet",
        "Only {count} of your decisions spoke to the axes so far; {total} are needed before "
        "the reflection places anyone. Play more scenarios and it will say more."),
    "thin.scenarios": ClaimText(
        "Too little to go on yet",
        "You have played {count} scenario so far; the reflection needs {total} before it "
        "places anyone. Play more and it will have more to show you."),
    "thin.no-rating": ClaimText(
        "No rating yet",
        "You have not rated “{group}” yet, so the reflection will not place you. Answer the "
        "rating when it comes, and the reflection will set it beside your choices."),
}
"""Built-in words that name only the workshop's own groups and axes."""


def words(count: int) -> str:
    """A small count in words ("three"), larger ones as digits."""
    return _NUMBERS[count] if 0 <= count < len(_NUMBERS) else str(count)


def where(scenarios: Iterable[str], played: int) -> str:
    """Honest counts of scenarios: "in the one scenario you played", "in two of the four
    scenarios you played", "in all three scenarios you played" (never "across the
    scenarios")."""
    count = len(set(scenarios))
    if played <= 1:
        return "in the one scenario you played"
    if count >= played:
        return f"in all {words(played)} scenarios you played"
    if count == 1:
        return f"in one of the {words(played)} scenarios you played"
    return f"in {words(count)} of the {words(played)} scenarios you played"


class _Fill(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def cite(item: Evidence) -> Cite:
    """The cite for one piece of evidence."""
    return Cite(
        scenario=item.scenario_id, scenario_title=item.scenario_title, scene=item.scene_id,
        choice=item.choice_id, ask=item.ask_id, label=item.label, value=item.value,
        private=item.kind == "answer", note=item.note, kind=item.kind,
    )


class _Rules:
    """The rules, over one player's evidence."""

    def __init__(self, profile: Profile, evidence: Sequence[Evidence],
                 content: ReflectionContent, groups: dict[str, str],
                 axis_labels: dict[str, str], *, neutral: bool, enough: bool,
                 last_scenario: str) -> None:
        self.profile = profile
        self.evidence = list(evidence)
        self.content = content
        self.groups = groups
        self.axis_labels = axis_labels
        self.neutral = neutral
        self.enough = enough
        self.last_scenario = last_scenario
        self.choices = [e for e in self.evidence if e.kind == "choice" and e.signals]
        self.played = len({e.scenario_id for e in self.evidence})
        self.want = [e for e in self.evidence if e.kind == "rating"
                     and e.ask_id in (content.want_start, content.want_end)
                     and isinstance(e.value, int)]
        self.moved_by: tuple[Cite, ...] = ()

    def label(self, group: str) -> str:
        # Borrowed content's labels speak of the staff job; neutral words use the group's id.
        return group if self.neutral else self.content.label(group, group)

    def words(self, key: str) -> ClaimText:
        own = None if self.neutral else self.content.claims.get(key)
        return own or NEUTRAL[key]

    def claim(self, kind: str, key: str, items: Sequence[Evidence], weight: float,
              axes: Iterable[str] = (), **values: str) -> Claim | None:
        if not items:
            return None
        fill = _Fill({
            "group": self.label("wanting"), "other": self.label("wanting"), **values,
        })
        template = self.words(key)
        return Claim(kind, template.title.format_map(fill), template.text.format_map(fill),
                     tuple(cite(e) for e in items), weight, tuple(sorted(set(axes))))

    def w(self, item: Evidence, group: str) -> float:
        return item.weight(self.groups, group)

    def axes_of(self, items: Iterable[Evidence], group: str | None = None) -> set[str]:
        return {a for e in items for a, v in e.signals.items()
                if v and (group is None or self.groups.get(a) == group)}

    def rating_words(self) -> str:
        values = [e.value for e in self.want]
        if len(values) == 1:
            return f"{values[0]} out of 5"
        if len(set(values)) == 1:
            return f"{values[0]} out of 5, at the start and again at the end"
        return f"{values[0]} out of 5 at the start and {values[-1]} at the end"

    # -- tensions ---------------------------------------------------------------------------

    def stated_vs_revealed(self) -> Claim | None:
        stated = self.profile.stated_want
        if stated is None or stated == 3:
            return None
        spoke = [e for e in self.choices if self.w(e, "wanting")]
        sign = -1 if stated >= 4 else 1
        against = [e for e in spoke if self.w(e, "wanting") * sign > 0]
        # Two choices at least, and a third of the chances: one odd choice is not a pattern.
        if len(against) < 2 or len(against) * 3 < len(spoke):
            return None
        against.sort(key=lambda e: -abs(self.w(e, "wanting")))
        key = "stated-vs-revealed.high" if stated >= 4 else "stated-vs-revealed.low"
        return self.claim(
            "stated-vs-revealed", key, [*self.want, *against[:4]],
            _BASE["stated-vs-revealed"] + len(against) / len(spoke),
            self.axes_of(against, "wanting"), rating=self.rating_words(),
            count=words(len(against)), total=words(len(spoke)),
            where=where((e.scenario_id for e in against), self.played))

    def doing_vs_wanting(self) -> Claim | None:
        doing, stated = self.profile.doing, self.profile.stated_want
        if not self.enough or doing is None or stated is None:
            return None
        fill = {"group": self.label("doing"), "other": self.label("wanting"),
                "rating": self.rating_words()}
        if doing >= 0.2 and stated <= 2:
            side = sorted((e for e in self.choices if self.w(e, "doing") > 0),
                          key=lambda e: -self.w(e, "doing"))[:3]
            if side:
                return self.claim("doing-vs-wanting", "doing-vs-wanting.no-appetite",
                                  [*side, *self.want], _BASE["doing-vs-wanting"] + doing,
                                  self.axes_of(side, "doing"), **fill)
        if doing <= 0.05 and stated >= 4:
            side = sorted((e for e in self.choices if self.w(e, "doing") < 0),
                          key=lambda e: self.w(e, "doing"))[:3]
            if side:
                return self.claim("doing-vs-wanting", "doing-vs-wanting.title-not-work",
                                  [*self.want, *side], _BASE["doing-vs-wanting"] - doing,
                                  self.axes_of(side, "doing"), **fill)
        return None

    def torn(self) -> list[Claim]:
        found: list[tuple[float, str, Evidence, Evidence]] = []
        for axis in self.groups:
            by_scenario: dict[str, list[Evidence]] = {}
            for e in self.choices:
                if e.signals.get(axis):
                    by_scenario.setdefault(e.scenario_id, []).append(e)
            up: list[tuple[float, Evidence]] = []
            down: list[tuple[float, Evidence]] = []
            for items in by_scenario.values():
                net = sum(e.signals[axis] for e in items)
                if net > 0:
                    best = max(items, key=lambda e: e.signals[axis])
                    if best.signals[axis] >= 1:
                        up.append((net, best))
                elif net < 0:
                    best = min(items, key=lambda e: e.signals[axis])
                    if best.signals[axis] <= -1:
                        down.append((-net, best))
            if up and down:
                found.append((min(sum(p[0] for p in up), sum(p[0] for p in down)), axis,
                              max(up, key=lambda p: p[0])[1],
                              max(down, key=lambda p: p[0])[1]))
        found.sort(key=lambda f: -f[0])
        claims = []
        # Three at most: the reflection names the sharpest pulls, not every wobble.
        for strength, axis, high, low in found[:3]:
            claim = self.claim("torn", "torn", [high, low], _BASE["torn"] + strength / 10,
                               [axis], axis=self.axis_labels.get(axis, axis),
                               first=high.scenario_title, second=low.scenario_title)
            if claim is not None:
                claims.append(claim)
        return claims

    def moved(self) -> Claim | None:
        by_ask = {e.ask_id: e for e in self.want}
        start, end = by_ask.get(self.content.want_start), by_ask.get(self.content.want_end)
        if start is None or end is None:
            return None
        assert isinstance(start.value, int) and isinstance(end.value, int)
        delta = end.value - start.value
        values = {"start": str(start.value), "end": str(end.value)}
        if delta == 0:
            return self.claim("moved", "moved.steady", [start, end], _BASE["moved"],
                              **values)
        first, last = self.evidence.index(start), self.evidence.index(end)
        between = [e for e in self.evidence[first + 1:last]
                   if e.kind == "choice" and self.w(e, "wanting") * delta > 0]
        between.sort(key=lambda e: -abs(self.w(e, "wanting")))
        moved_by = between[:3]
        self.moved_by = tuple(cite(e) for e in moved_by)
        return self.claim("moved", "moved.up" if delta > 0 else "moved.down",
                          [start, end, *moved_by], _BASE["moved"] + abs(delta),
                          self.axes_of(moved_by, "wanting"), **values)

    # -- patterns, own words, telling -------------------------------------------------------

    def side(self, group: str) -> int:
        toward = sum(1 for e in self.choices if self.w(e, group) > 0)
        away = sum(1 for e in self.choices if self.w(e, group) < 0)
        return (toward > away) - (toward < away)

    def patterns(self) -> list[Claim]:
        claims = []
        for group in ("doing", "wanting"):
            spoke = [e for e in self.choices if self.w(e, group)]
            sign = self.side(group)
            if not spoke or not sign:
                continue
            counted = [e for e in spoke if self.w(e, group) * sign > 0]
            direction = "toward" if sign > 0 else "away"
            claim = self.claim(
                "pattern", f"pattern.{group}.{direction}", counted,
                _BASE["pattern"] + len(counted) / len(spoke), self.axes_of(counted, group),
                group=self.label(group), count=words(len(counted)).capitalize(),
                total=words(len(spoke)),
                where=where((e.scenario_id for e in counted), self.played))
            if claim is not None:
                claims.append(claim)
        return claims

    def telling_score(self, item: Evidence) -> float:
        """How much one piece of evidence says (0: nothing to rank it by)."""
        if item.kind == "answer":
            return 0.0
        strength = sum(abs(v) for v in item.signals.values())
        key = item.ask_id if item.kind == "rating" else f"{item.scenario_id}/{item.choice_id}"
        listed = key in self.content.telling
        if not strength and not listed:
            return 0.0
        # Signals count up to 3: a choice that speaks to many axes is not thereby the most
        # telling; the content's list (the article's questions, the job decision) weighs more.
        score = min(strength, 3.0) + 4.0 * listed
        score += 1.0 * item.last + 1.0 * item.ends
        if item.ends and item.scenario_id == self.last_scenario:
            score += 1.0  # the final decision of the whole track
        if item.kind == "choice":
            for group in ("doing", "wanting"):
                if self.w(item, group) * self.side(group) < 0:
                    score += 1.5  # against the grain of the player's own pattern
            # Costly: a strong lean, or one that changes what happens later in the story.
            score += 0.5 * (max((abs(v) for v in item.signals.values()), default=0) >= 2)
            score += 0.5 * (item.sets and strength > 0)
        return score

    def telling(self) -> list[Evidence]:
        scored = [(self.telling_score(e), i, e) for i, e in enumerate(self.evidence)]
        scored = [s for s in scored if s[0] > 0]
        scored.sort(key=lambda s: (-s[0], s[1]))
        strong = [e for score, _, e in scored if score >= 3.0][:6]
        if len(strong) < 3:
            strong = [e for _, _, e in scored[:3]]
        return strong

    def telling_claims(self, telling: list[Evidence]) -> list[Claim]:
        claims = []
        for rank, item in enumerate(telling):
            if item.kind != "choice" or not item.note:
                continue
            claim = self.claim("telling", "telling", [item],
                               _BASE["telling"] + (len(telling) - rank) / 10,
                               self.axes_of([item]), choice=item.label, note=item.note)
            if claim is not None:
                claims.append(claim)
        return claims[:3]

    def own_words(self, claims: list[Claim]) -> list[tuple[Evidence, tuple[Claim, ...]]]:
        placed = []
        for item in self.evidence:
            if item.kind != "answer" or not isinstance(item.value, str) or not item.value:
                continue
            text = item.value.lower()
            bears = tuple(c for c in claims if self.bears_on(item, text, c))
            placed.append((item, bears))
        return placed

    def bears_on(self, item: Evidence, text: str, claim: Claim) -> bool:
        scenarios = {c.scenario for c in claim.evidence}
        # A choice made in the same scenario as the answer connects them; a pattern cites
        # most scenarios and the want ratings sit in the first and last, so those say little.
        if claim.kind != "pattern" and any(c.scenario == item.scenario_id and c.choice
                                           for c in claim.evidence):
            return True
        for axis in claim.axes:
            notes = self.content.axes.get(axis)
            if notes is not None and any(_mentions(text, k) for k in notes.keywords):
                return True
        return any(any(_mentions(text, k) for k in person.keywords)
                   for person in self.content.characters.values()
                   if scenarios & set(person.scenarios))

    def echoes(self) -> list[Claim]:
        # An answer that says what someone the player chose to hear said: both are theirs
        # (the answer, and the choice to hear that person), the words between are content.
        taken = {f"{e.scenario_id}/{e.choice_id}": e for e in self.evidence
                 if e.kind == "choice"}
        claims = []
        for item in self.evidence:
            if item.kind != "answer" or not isinstance(item.value, str):
                continue
            text = item.value.lower()
            for person in self.content.characters.values():
                met = next((taken[m] for m in person.met if m in taken), None)
                if met is None or not person.echo or not any(_mentions(text, k)
                                                             for k in person.keywords):
                    continue
                claim = self.claim("own-words", "own-words.echo", [item, met],
                                   _BASE["own-words"] + 0.5, (), question=item.label,
                                   name=person.name or "someone you met", note=person.echo)
                if claim is not None:
                    claims.append(claim)
        return claims

    def more(self) -> str:
        if self.enough:
            return ""
        if self.played < self.content.min_scenarios:
            template = self.words("thin.scenarios")
            fill = _Fill(count=words(self.played), total=words(self.content.min_scenarios))
        elif self.profile.decisions < self.content.min_decisions:
            template = self.words("thin.few")
            fill = _Fill(count=words(self.profile.decisions),
                         total=words(self.content.min_decisions))
        else:
            template = self.words("thin.no-rating")
            fill = _Fill(group=self.label("wanting"))
        return template.text.format_map(fill)


def _mentions(text: str, keyword: str) -> bool:
    return re.search(r"\b" + re.escape(keyword), text) is not None


def mirror(profile: Profile, evidence: Sequence[Evidence], content: ReflectionContent,
           groups: dict[str, str], axis_labels: dict[str, str], *, neutral: bool,
           enough: bool, last_scenario: str = "") -> Mirror:
    """Run every rule over one player's evidence.

    Args:
        profile: The player's readings.
        evidence: Everything they chose and answered, in order.
        content: The reflection content (its ``[claims]`` templates unless ``neutral``).
        groups: Axis id -> group.
        axis_labels: Axis id -> label.
        neutral: Use the built-in neutral words (a workshop without its own content).
        enough: The evidence is enough to place the player (placement claims only then).
        last_scenario: The last scenario of the track (its ending decision weighs most).
    """
    rules = _Rules(profile, evidence, content, groups, axis_labels, neutral=neutral,
                   enough=enough, last_scenario=last_scenario)
    claims: list[Claim] = []
    for found in (rules.stated_vs_revealed(), rules.doing_vs_wanting(), rules.moved()):
        if found is not None:
            claims.append(found)
    claims += rules.torn()
    claims += rules.patterns()
    telling = rules.telling()
    placed = rules.own_words(claims)
    # Four answers at most become claims (those that meet the most); all stay in own_words.
    shown = sorted((p for p in placed if p[1]), key=lambda p: -len(p[1]))[:4]
    for item, bears in shown:
        if bears:
            titles = "; ".join(c.title for c in bears[:3])
            claim = rules.claim("own-words", "own-words", [item],
                                _BASE["own-words"] + len(bears) / 10,
                                {a for c in bears for a in c.axes},
                                question=item.label, bears_on=titles)
            if claim is not None:
                claims.append(claim)
    echoes = rules.echoes()
    claims += echoes
    placed = [(item, (*bears, *(c for c in echoes if c.evidence[0] == cite(item))))
              for item, bears in placed]
    claims += rules.telling_claims(telling)
    claims = [c for c in claims if c.evidence]
    claims.sort(key=lambda c: (not c.tension, -c.weight))
    return Mirror(
        claims=tuple(claims),
        telling=tuple(cite(e) for e in telling),
        moved_by=rules.moved_by,
        own_words=tuple((cite(item), bears) for item, bears in placed),
        scenarios_played=rules.played,
        more=rules.more(),
    )
