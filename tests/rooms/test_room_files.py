"""A room on disk: settings, participants' records, bindings."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from workshop.errors import UsageError
from workshop.rooms import (
    Bindings,
    RoomError,
    create_room,
    list_rooms,
    open_room,
    participant_session,
    read_participant,
    verify_secret,
)
from workshop.scenario import load_workshop

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


@pytest.fixture(scope="module")
def workshop():  # type: ignore[no-untyped-def]
    return load_workshop(EXAMPLE)


def test_create_stores_a_hash_never_the_passcode(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    room = create_room("  Staff   path, May ", workshop=workshop, track="quick",
                       passcode="open-sesame", data_dir=tmp_path, content=EXAMPLE)
    text = (room.path / "room.toml").read_text()
    assert "open-sesame" not in text
    data = tomllib.loads(text)
    assert data["title"] == "Staff path, May" and data["track"] == "quick"
    assert data["anonymous"] is True and data["locked"] is False
    assert verify_secret("open-sesame", data["passcode_hash"])
    assert not verify_secret("open-sesam", data["passcode_hash"])
    assert room.path.parent == tmp_path / "rooms" and room.path.name == room.code
    again = open_room(room.code.upper(), tmp_path)
    assert again.settings.title == "Staff path, May" and again.has_passcode


def test_bad_inputs_are_one_line_errors(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="no track 'nope'"):
        create_room("x", workshop=workshop, track="nope", data_dir=tmp_path)
    with pytest.raises(UsageError, match="needs a title"):
        create_room("   ", workshop=workshop, data_dir=tmp_path)
    with pytest.raises(UsageError, match="at least 6"):
        create_room("x", workshop=workshop, passcode="abc", data_dir=tmp_path)
    with pytest.raises(RoomError, match="no room 'zzzzzz'"):
        open_room("zzzzzz", tmp_path)
    with pytest.raises(UsageError, match="not a room code"):
        open_room("../../etc", tmp_path)


def test_broken_settings_are_listed_not_fatal(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    good = create_room("Good", workshop=workshop, data_dir=tmp_path, content=EXAMPLE)
    broken = tmp_path / "rooms" / "zzzzzz"
    broken.mkdir()
    (broken / "room.toml").write_text("title = [")
    rooms = list_rooms(tmp_path)
    assert [r.code for r in rooms if not isinstance(r, RoomError)] == [good.code]
    errors = [r for r in rooms if isinstance(r, RoomError)]
    assert len(errors) == 1 and "room.toml" in str(errors[0])


def test_one_record_per_handle_resumes_exactly(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    room = create_room("R", workshop=workshop, track="quick", data_dir=tmp_path,
                       content=EXAMPLE)
    session = participant_session(room, "Alice", workshop)
    assert session.path == room.participants_dir / "alice.toml"
    session.choose("join-their-channel")
    again = participant_session(room, "alice", workshop)
    assert again.journey.run is not None and again.journey.run.scene_id == "morning"
    assert room.handles() == ["alice"]
    assert read_participant(room, "alice", workshop).handle == "alice"
    with pytest.raises(UsageError):
        participant_session(room, "../alice", workshop)
    assert not (tmp_path / "rooms" / "alice.toml").exists()


def test_a_handle_binds_once(tmp_path: Path) -> None:
    path = tmp_path / "bindings.toml"
    bindings = Bindings.load(path)
    bindings.bind("alice", key="SHA256:abc")
    bindings.bind("bob", code_hash="scrypt$x")
    with pytest.raises(RoomError, match="already taken"):
        bindings.bind("alice", key="SHA256:other")
    loaded = Bindings.load(path)
    assert loaded.get("alice").key == "SHA256:abc"  # type: ignore[union-attr]
    assert loaded.get("bob").code_hash == "scrypt$x"  # type: ignore[union-attr]
    path.write_text("[handles.eve]\nbound = ''\n")
    with pytest.raises(RoomError, match="neither 'key' nor 'code_hash'"):
        Bindings.load(path)


async def test_a_burst_of_binds_is_written_a_few_times_off_the_event_loop(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fifty people joining at once: the server's loop keeps running while the file is
    written (it stalled 5 to 27 ms per person before), one write covers every handle bound
    meanwhile, and each bind returns only once its handle is on disk."""
    import asyncio
    import threading
    import time

    from workshop.record import atomic as module

    path = tmp_path / "bindings.toml"
    writes: list[int] = []
    write_atomic = module.write_atomic

    def slow_write(target: Path, data: bytes, *, durable: bool = True) -> None:
        assert threading.current_thread() is not threading.main_thread()
        time.sleep(0.05)  # a disk busy with everyone's fsyncs
        write_atomic(target, data, durable=durable)
        writes.append(data.count(b"[handles."))

    monkeypatch.setattr(module, "write_atomic", slow_write)
    bindings = Bindings.load(path)
    ticks = 0

    async def loop_keeps_running() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    async def join(handle: str) -> bool:
        await bindings.bind_async(handle, token_hash=f"sha256:{handle}")
        on_disk = Bindings.load(path).get(handle)
        return on_disk is not None and on_disk.token_hash == f"sha256:{handle}"

    ticker = asyncio.create_task(loop_keeps_running())
    results = await asyncio.gather(*(join(f"p{n}") for n in range(50)))
    ticker.cancel()
    assert all(results), "a bind returned before its handle was on disk"
    assert len(writes) <= 3 and writes[-1] == 50, writes
    assert ticks >= 10, "the event loop stood still while the file was written"
    with pytest.raises(RoomError, match="already taken"):
        await bindings.bind_async("p7", key="SHA256:other")


async def test_a_bind_that_cannot_be_written_frees_the_handle_and_keeps_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workshop.record import atomic as module
    from workshop.record.atomic import write_atomic

    path = tmp_path / "bindings.toml"
    bindings = Bindings.load(path)
    await bindings.bind_async("alice", key="SHA256:abc")
    before = path.read_bytes()

    def full_disk(target: Path, data: bytes, *, durable: bool = True) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "write_atomic", full_disk)
    with pytest.raises(RoomError, match=r"bindings.toml.*No space left"):
        await bindings.bind_async("bob", key="SHA256:def")
    assert bindings.get("bob") is None and path.read_bytes() == before
    monkeypatch.setattr(module, "write_atomic", write_atomic)  # the disk has room again
    await bindings.bind_async("bob", key="SHA256:def")
    assert Bindings.load(path).get("bob") is not None


async def test_room_files_written_off_the_loop_land_in_the_order_asked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A caller that stops waiting (its task cancelled while the disk is slow) never has its
    older version land over a newer one written after it."""
    import asyncio
    import time

    from workshop.record import atomic

    path = tmp_path / "presence.json"
    write_atomic = atomic.write_atomic

    def slow_for_old(target: Path, data: bytes, *, durable: bool = True) -> None:
        if data == b"old":
            time.sleep(0.2)
        write_atomic(target, data, durable=durable)

    monkeypatch.setattr(atomic, "write_atomic", slow_for_old)
    older = asyncio.create_task(atomic.write_atomic_async(path, b"old", durable=False))
    await asyncio.sleep(0.05)
    older.cancel()
    await atomic.write_atomic_async(path, b"new", durable=False)
    await asyncio.sleep(0.3)
    assert path.read_bytes() == b"new"


async def test_a_queued_write_whose_caller_stops_waiting_still_lands_before_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At shutdown the server's loops are cancelled: a write they had asked for (the last
    counts) is still made, before the writes asked for after it."""
    import asyncio
    import time

    from workshop.record import atomic

    written: list[bytes] = []
    write_atomic = atomic.write_atomic

    def recording(target: Path, data: bytes, *, durable: bool = True) -> None:
        if data == b"busy":
            time.sleep(0.15)
        write_atomic(target, data, durable=durable)
        written.append(data)

    monkeypatch.setattr(atomic, "write_atomic", recording)
    busy = asyncio.create_task(atomic.write_atomic_async(tmp_path / "a", b"busy"))
    await asyncio.sleep(0.02)
    queued = asyncio.create_task(atomic.write_atomic_async(tmp_path / "b", b"counts"))
    await asyncio.sleep(0.02)
    queued.cancel()
    await atomic.write_atomic_async(tmp_path / "b", b"final")
    await busy
    assert written == [b"busy", b"counts", b"final"]
    assert (tmp_path / "b").read_bytes() == b"final"
