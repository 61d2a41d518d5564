"""How much of the mirror is the player's own: scripted players through the bundled workshop.

Plays the scripted players of ``tests/reflection/test_mirror.py`` headlessly (no terminal),
reflects on each stored record and prints:

1. the share of reflection sentences two opposite players have in common (target under 15%),
   for the staff-leaning and senior-leaning players and for the two "tension" players;
   sentences are every claim's text, the situation's text and the next steps shown;
2. the share of claims citing the player's own choice or words (target 100%), and of cites
   that point at a step the player actually took;
3. the claim kinds per player.

Run it from the repository: ``python benchmarks/mirror.py``.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reflection.autoplay import play_path  # noqa: E402
from workshop.record import SessionStore, read  # noqa: E402
from workshop.record.view import JourneyView  # noqa: E402
from workshop.reflection import Reflection, reflect  # noqa: E402
from workshop.scenario import load_workshop  # noqa: E402

MISS = "I'd miss finishing things: shipping a fix and seeing it work the same afternoon."
PLAYERS: dict[str, dict[str, object]] = {
    "staff-leaning (5 then 5)": {"doing": 1, "wanting": 1, "want_start": 5, "want_end": 5},
    "senior-leaning (2 then 1)": {"doing": -1, "wanting": -1, "want_start": 2, "want_end": 1,
                                  "texts": {"miss-most": MISS}},
    "wants the title, works senior": {"doing": -1, "wanting": 1, "want_start": 5,
                                      "want_end": 5},
    "does the work, does not want it": {"doing": 1, "wanting": -1, "want_start": 2,
                                        "want_end": 1},
    "torn": {"doing": 1, "wanting": 1, "want_start": 3, "want_end": 3,
             "flip": frozenset({"shared-library", "two-mentees", "promotion-packet",
                                "writing-in-public", "stepping-back"})},
    "one scenario only": {"doing": 1, "wanting": 1, "want_start": 4, "want_end": None,
                          "scenarios": 1},
    "everything skipped": {"doing": 1, "wanting": 1, "want_start": None, "want_end": None,
                           "skip_all": True},
}
PAIRS = (("staff-leaning (5 then 5)", "senior-leaning (2 then 1)"),
         ("wants the title, works senior", "does the work, does not want it"))
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentences(reflection: Reflection) -> set[str]:
    """Every sentence the player reads: claims, the situation, the next steps shown."""
    steps = reflection.next_steps
    texts = [c.text for c in reflection.claims]
    texts += [reflection.situation.text, reflection.more_play]
    texts += [*steps.days30, *steps.days60, *steps.days90, steps.own, steps.artifact,
              steps.manager_question]
    found = set()
    for text in texts:
        for sentence in _SENTENCE.split(" ".join(text.split())):
            if sentence:
                found.add(sentence)
    return found


def main() -> None:
    """Play, reflect, print."""
    workshop = load_workshop()
    reflections: dict[str, tuple[Reflection, JourneyView]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for index, (name, script) in enumerate(PLAYERS.items()):
            store = SessionStore(Path(folder) / str(index))
            session = play_path(store.create(workshop, "full"), **script)  # type: ignore[arg-type]
            record = read(session.path)
            reflections[name] = (reflect(record, workshop),
                                 JourneyView.from_record(record, workshop))
    print("1. Sentences two opposite players have in common (target < 15%)")
    for a, b in PAIRS:
        left, right = sentences(reflections[a][0]), sentences(reflections[b][0])
        shared = left & right
        share = len(shared) / max(1, min(len(left), len(right)))
        print(f"   {a} / {b}: {len(shared)} of {min(len(left), len(right))} "
              f"({share:.0%}); of all distinct sentences {len(shared) / len(left | right):.0%}")
        for sentence in sorted(shared):
            print(f"     shared: {sentence}")
    print("2. Claims citing the player's own choice or words (target 100%)")
    claims = cited = cites = taken_cites = 0
    for reflection, journey in reflections.values():
        taken = set()
        for scenario in journey:
            for step in scenario.steps:
                if step.choice is not None:
                    taken.add((scenario.id, step.scene_id, step.choice.id, ""))
                if step.answer is not None:
                    taken.add((scenario.id, step.scene_id, "", step.answer.ask_id))
        for claim in reflection.claims:
            claims += 1
            cited += any(c.choice or c.ask for c in claim.evidence)
            for c in claim.evidence:
                cites += 1
                taken_cites += (c.scenario, c.scene, c.choice, c.ask) in taken
    print(f"   claims with own evidence: {cited} of {claims} ({cited / max(1, claims):.0%})")
    print(f"   cites that point at a step taken: {taken_cites} of {cites} "
          f"({taken_cites / max(1, cites):.0%})")
    print("3. Claim kinds per player")
    for name, (reflection, _) in reflections.items():
        kinds = Counter(c.kind for c in reflection.claims)
        listed = ", ".join(f"{k} {n}" for k, n in kinds.items()) or "none"
        print(f"   {name}: {listed}; lands {reflection.destination}"
              f"{'' if reflection.enough else ' (too little evidence)'}; telling "
              f"{len(reflection.telling)}")


if __name__ == "__main__":
    main()
