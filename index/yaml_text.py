"""YAML read safely: plain data only, no aliases, and the line of every value kept for messages.

YAML anchors and aliases let a few hundred bytes stand for millions of values (a "billion laughs"
document); no file we read (front matter, the vocabulary) needs them, so they are refused outright.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


class YamlRefused(ValueError):
    """The text is not YAML we accept; `line` is 1-based (0 when unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class YamlDocument:
    """Plain data and, for each path into it (("kinds", 2, "cues")), the 1-based line it starts on."""

    data: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int:
        """The line of `path`, else of its nearest ancestor that has one (1 for the root)."""
        for end in range(len(path), 0, -1):
            found = self.lines.get(path[:end])
            if found:
                return found
        return 1


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader that stops at the first anchor or alias instead of resolving it."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1 if event.start_mark else 0
            raise YamlRefused("YAML anchors and aliases (&name, *name) are not accepted", line)
        return super().compose_node(parent, index)


def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document of plain data; YamlRefused on aliases, anchors or a syntax error."""
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = exc.problem or exc.context or "not valid YAML"
        raise YamlRefused(f"not valid YAML: {problem}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlRefused(f"not valid YAML: {exc}") from exc
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return YamlDocument(data, lines)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark.line)
            _walk(value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines)
