"""The limits behind issue 12 (items 3, 4), alone: guessing backoff and waiting pools."""

from __future__ import annotations

from workshop.ssh.limits import Backoff, Pool


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_answers_are_spaced_out_more_and_more() -> None:
    """A few typos cost nothing; after that each failure doubles the interval, up to a cap."""
    clock = _Clock()
    backoff = Backoff(free=3, first=2.0, cap=60.0, window=600.0, clock=clock)
    intervals = []
    for _ in range(10):
        intervals.append(backoff.interval("alice"))
        backoff.reserve("alice")  # answered wrong: never forgiven
    assert intervals == [0.0, 0.0, 0.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]
    assert backoff.interval("bob") == 0.0  # another handle is not slowed by alice's
    clock.now += 601  # failures are forgotten after the window
    assert backoff.interval("alice") == 0.0


def test_parallel_guesses_queue_up_instead_of_being_answered_together() -> None:
    """Guesses arriving at once from many connections, before any is answered, get turns
    further and further apart: the free ones at once, then 1, 2, 4, 8 s later."""
    clock = _Clock()
    backoff = Backoff(free=2, first=1.0, cap=60.0, clock=clock)
    waits = [backoff.reserve("") for _ in range(6)]
    assert waits == [0.0, 0.0, 0.0, 1.0, 3.0, 7.0]
    assert backoff.wait("") == 15.0


def test_a_right_answer_is_not_counted_as_a_failure() -> None:
    """The participant who knows the passcode does not slow down the next one."""
    clock = _Clock()
    backoff = Backoff(free=1, first=1.0, cap=60.0, clock=clock)
    for _ in range(5):
        assert backoff.reserve("alice") == 0.0
        backoff.forgive("alice")
    assert backoff.recent("alice") == 0


def test_no_address_is_ever_locked_out() -> None:
    """The old limiter locked a whole address (a room's NAT) out for 10 minutes; now a
    flood only spaces answers out, and the interval is bounded by the cap."""
    clock = _Clock()
    backoff = Backoff(free=20, first=0.25, cap=5.0, clock=clock)
    for _ in range(500):
        backoff.reserve("")
    assert backoff.interval("") == 5.0


def test_a_full_pool_makes_the_oldest_of_the_biggest_group_go() -> None:
    """Thirty idle sockets from one address: a newcomer from anywhere still gets a place."""
    pool: Pool[str] = Pool(per_group=100, total=30)
    for n in range(30):
        assert pool.add(f"idle{n}", "10.0.0.9") == []
    assert pool.add("alice", "10.0.0.1") == ["idle0"]
    assert "alice" in pool and len(pool) == 30
    assert pool.add("bob", "10.0.0.9") == ["idle1"]  # the same address: its own oldest goes


def test_a_group_over_its_cap_loses_its_own_oldest() -> None:
    """One key holding many logged-in connections keeps only its newest three."""
    pool: Pool[str] = Pool(per_group=3, total=100)
    evicted = [e for n in range(30) for e in pool.add(f"squat{n}", "SHA256:squatter")]
    assert evicted == [f"squat{n}" for n in range(27)]
    assert pool.count("SHA256:squatter") == 3
    assert pool.add("alice", "SHA256:alice") == []
    pool.discard("alice")
    assert "alice" not in pool


def test_sockets_reopened_as_fast_as_closed_push_out_each_other_not_a_login() -> None:
    """Idle sockets churned by an attacker: alice, halfway through logging in, is older than
    all of them, yet it is always one of them that makes way."""
    progress = {"alice": 2}
    pool: Pool[str] = Pool(per_group=100, total=30, progress=lambda m: progress.get(m, 0))
    pool.add("alice", "10.0.0.1")
    for n in range(29):
        pool.add(f"idle{n}", "10.0.0.1")
    for n in range(29, 200):
        assert pool.add(f"idle{n}", "10.0.0.1") == [f"idle{n - 29}"]
    assert "alice" in pool
