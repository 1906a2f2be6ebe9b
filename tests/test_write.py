"""Write stage: atomic swap, no path outside the output, no folder it did not make."""

import pytest

from generator.write import MANIFEST, WriteError, write_if_changed, write_tree


def test_write_replaces_whole_tree(tmp_path):
    out = tmp_path / "out"
    write_tree({"a.md": "1", "sub/b.md": "2"}, out)
    write_tree({"c.md": "3"}, out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(["c.md", MANIFEST])


@pytest.mark.parametrize("bad", ["../escape.md", "/abs.md", "a/../../b.md", "c:\\x.md", "a\\..\\..\\b.md"])
def test_paths_outside_output_are_refused_and_nothing_changes(tmp_path, bad):
    out = tmp_path / "out"
    write_tree({"keep.md": "old"}, out)
    with pytest.raises(WriteError):
        write_tree({"new.md": "x", bad: "y"}, out)
    assert (out / "keep.md").read_text() == "old" and not (out / "new.md").exists()
    assert not list(tmp_path.glob(".out-*")), "staging folder left behind"


def test_refuses_a_folder_with_hand_written_files(tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "about.md").write_text("hand-written")
    with pytest.raises(WriteError):
        write_tree({"a.md": "1"}, out)
    assert (out / "about.md").read_text() == "hand-written"


def test_write_if_changed(tmp_path):
    path = tmp_path / "f.txt"
    assert write_if_changed(path, "a") is True
    assert write_if_changed(path, "a") is False
    assert write_if_changed(path, "b") is True and path.read_text() == "b"


def test_one_writer_refuses_a_second_output_on_a_path():
    from generator.write import Outputs
    out = Outputs()
    out.add("departments/index.md", "directory", "directory")
    with pytest.raises(WriteError, match="two outputs on the same path 'departments/index.md'"):
        out.add("departments/./index.md", "a department called index", "department")


@pytest.mark.parametrize("bad", ["../x.md", "/etc/x", "a/../../x", "c:/x", "a\\\\..\\\\x"])
def test_one_writer_refuses_paths_outside_the_output(bad):
    from generator.write import Outputs
    with pytest.raises(WriteError, match="outside the output folder"):
        Outputs().add(bad, "x")


def test_routes_name_the_fixed_pages_an_id_would_replace():
    from generator import routes
    assert routes.collisions("department", "index") == ["departments/index.md"]
    assert routes.collisions("plan", "index") == ["plans/index.md", "timeline/index.md"]
    assert routes.collisions("metric", "index") == ["metrics/index.md"]
    assert routes.collisions("document", "zhongfa-2017-24") == []
    fixed = [r.pattern for r in routes.ROUTES if r.fixed]
    assert len(fixed) == len(set(fixed)), "two routes on one fixed path"


def test_next_build_removes_what_a_killed_build_left(tmp_path):
    """A staging folder whose process is gone (a killed build) is removed; a live one is kept."""
    import os
    import subprocess
    import sys

    from generator.write import staging_dir
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / f".site-staging-{dead}-abc"
    live = tmp_path / f".site-staging-{os.getpid()}-def"
    for folder in (stale, live):
        (folder / "assets").mkdir(parents=True)
    fresh = staging_dir(tmp_path / "site")
    assert not stale.exists() and live.exists() and fresh.is_dir()
