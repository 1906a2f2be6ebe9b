"""Read stage: values with their positions; files that cannot be read say why."""

from pathlib import Path

from generator.read import read_file


def write(tmp_path: Path, content, name="x.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_positions_of_nested_keys_and_items(tmp_path):
    file, problems = read_file(write(tmp_path, "a:\n  b:\n    - x\n    - y: 1\n"), "data/x.yaml")
    assert problems == []
    assert file.data == {"a": {"b": ["x", {"y": 1}]}}
    assert (file.where(("a", "b", 1, "y")).line, file.where(("a", "b", 1, "y")).column) == (4, 7)
    assert file.where(("a", "b", 0)).line == 3
    assert file.where(("a", "missing", 5)).line == 1  # nearest located ancestor


def test_duplicate_key_names_both_lines(tmp_path):
    _, problems = read_file(write(tmp_path, "a: 1\nb: 2\na: 3\n"), "data/x.yaml")
    assert len(problems) == 1
    assert problems[0].location.line == 3 and "first on line 1" in problems[0].message


def test_syntax_error_has_line_and_column(tmp_path):
    file, problems = read_file(write(tmp_path, "a:\n  - b\n c: [\n"), "data/x.yaml")
    assert file is None and problems[0].location.line is not None
    assert "YAML syntax error" in problems[0].message


def test_gbk_and_utf16_are_named(tmp_path):
    _, gbk = read_file(write(tmp_path, "名称: 省质监局\n".encode("gbk")), "data/x.yaml")
    _, utf16 = read_file(write(tmp_path, "名称: 省质监局\n".encode("utf-16")), "data/x.yaml")
    assert "GBK" in gbk[0].message and "UTF-16" in utf16[0].message


def test_empty_and_binary_files(tmp_path):
    _, empty = read_file(write(tmp_path, "  \n"), "data/x.yaml")
    _, comments = read_file(write(tmp_path, "# only a comment\n"), "data/x.yaml")
    assert "no data" in comments[0].message
    _, binary = read_file(write(tmp_path, bytes(range(256))), "data/x.yaml")
    assert "empty" in empty[0].message
    assert "not UTF-8" in binary[0].message


def test_utf8_bom_is_accepted(tmp_path):
    file, problems = read_file(write(tmp_path, "\ufeffa: 1\n"), "data/x.yaml")
    assert problems == [] and file.data == {"a": 1}


def test_unsafe_tags_are_refused(tmp_path):
    file, problems = read_file(write(tmp_path, "a: !!python/object/apply:os.system ['true']\n"), "data/x.yaml")
    assert file is None and problems
