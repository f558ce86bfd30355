"""parse_mapping and mapped JSON records."""

from __future__ import annotations

from pathlib import Path

import pytest

from runphys.index.errors import BadRequest
from runphys.index.sources import parse_mapping, read_sources


def test_parse_mapping_splits_fields_and_keys() -> None:
    assert parse_mapping("id=id, title=name,tags=primaryMuscles+secondaryMuscles+equipment") == {
        "id": ["id"], "title": ["name"], "tags": ["primaryMuscles", "secondaryMuscles", "equipment"],
    }


@pytest.mark.parametrize("spec", ["title", "title=", "colour=name", "title=a++b", "", "title=a,title=b"])
def test_parse_mapping_rejects_bad_specs(spec: str) -> None:
    with pytest.raises(BadRequest) as info:
        parse_mapping(spec)
    assert info.value.message


def test_mapping_joins_lists_and_follows_dotted_paths(tmp_path: Path) -> None:
    path = tmp_path / "ex.json"
    path.write_text('{"items": [{"key": 5, "t": {"rendered": "Lunge"}, "steps": ["Step.", null, "Step two."],'
                    ' "a": ["quads"], "b": null, "c": "body only"}]}', encoding="utf-8")
    result = read_sources([path], mapping=parse_mapping("id=key,title=t.rendered,body=steps,tags=a+b+c+missing"))
    [post] = result.posts
    assert (post.id, post.title, post.tags) == ("5", "Lunge", ("quads", "body only"))
    assert post.body == "Step.\n\nStep two."


def test_json_without_mapping_or_known_keys_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('[{"foo": 1, "bar": 2}]', encoding="utf-8")
    result = read_sources([path])
    assert result.posts == [] and "--map" in result.problems[0].reason
