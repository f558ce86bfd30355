"""YAML read safely: plain data only, no aliases, bounded nesting, and the line of every value kept.

YAML anchors and aliases let a few hundred bytes stand for millions of values (a "billion laughs"
document); no file we read (front matter, the vocabulary) needs them, so they are refused outright.
Nesting deeper than MAX_DEPTH is refused with its line too: PyYAML composes and constructs by
recursion, so a file of ten thousand `[` would otherwise end in a RecursionError, not a message.
A key given twice in one mapping is refused with both lines: PyYAML would keep the second value
and drop the first without a word, and the author wrote both (two `reason:` lines where an entry
was pasted over another's end).

The parser is libyaml's (C) when PyYAML has it, else PyYAML's own; either way the document is
composed here from its events, one loop with an explicit stack, so the depth is checked before it
is built. A 2 MB file reads in about a second instead of eight.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple[str | int, ...]
# Far beyond any file we read (the vocabulary nests five levels), far below Python's recursion limit.
MAX_DEPTH = 64
_STR = "tag:yaml.org,2002:str"
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlRefused(ValueError):
    """The text is not YAML we accept; `line` is 1-based (0 when unknown) and `code` says why:
    "yaml-syntax", "yaml-alias", "yaml-repeated-key" or "yaml-too-deep"."""

    def __init__(self, message: str, line: int = 0, code: str = "yaml-syntax") -> None:
        super().__init__(message)
        self.line = line
        self.code = code


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


def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document of plain data; YamlRefused on aliases, anchors, a key given twice in
    one mapping, nesting deeper than MAX_DEPTH, more than one document or a syntax error."""
    loader: Any = _Loader(text)  # PyYAML's parser methods carry no types: Any at the library's edge
    try:
        return _compose(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = exc.problem or exc.context or "not valid YAML"
        raise YamlRefused(f"not valid YAML: {problem}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlRefused(f"not valid YAML: {exc}") from exc
    finally:
        loader.dispose()


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 0


@dataclass
class _Open:
    """A list or mapping being read: where it is, and for a mapping the key waiting for its value."""

    value: list[Any] | dict[Any, Any]
    path: Path_
    key: Any = None
    has_key: bool = False
    key_line: int = 0  # an entry's line is its key's ("terms:"), wherever its value starts


def _compose(loader: Any) -> YamlDocument:  # Any: an untyped PyYAML loader (see load_yaml)
    """The document's data and lines, built from the parser's events without recursion."""
    loader.get_event()  # stream start
    lines: dict[Path_, int] = {}
    if loader.check_event(yaml.StreamEndEvent):
        return YamlDocument(None, lines)
    loader.get_event()  # document start
    root: Any = None
    stack: list[_Open] = []  # innermost last
    while True:
        event: Any = loader.get_event()  # libyaml's and PyYAML's events differ in their (missing) types
        if isinstance(event, yaml.DocumentEndEvent):
            break
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlRefused("YAML anchors and aliases (&name, *name) are not accepted", _line(event), "yaml-alias")
        if isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            stack.pop()
            continue
        value: Any
        opened: list[Any] | dict[Any, Any] | None = None
        if isinstance(event, yaml.ScalarEvent):
            scalar: Any = event  # libyaml's events and marks are not PyYAML's classes, though alike
            tag = scalar.tag if scalar.tag not in (None, "!") else loader.resolve(yaml.ScalarNode, scalar.value,
                                                                                   scalar.implicit)
            # Most scalars are words: taken as they are, the constructor only for the rest (numbers, dates).
            value = scalar.value if tag == _STR else loader.construct_object(
                yaml.ScalarNode(tag, scalar.value, scalar.start_mark, scalar.end_mark, style=scalar.style))
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise YamlRefused(f"nested deeper than {MAX_DEPTH} levels", _line(event), "yaml-too-deep")
            value = opened = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        else:
            raise YamlRefused(f"not valid YAML: unexpected {type(event).__name__}", _line(event))
        path: Path_ = ()
        if stack:
            parent = stack[-1]
            if isinstance(parent.value, list):
                path = (*parent.path, len(parent.value))
                parent.value.append(value)
            elif not parent.has_key:
                if opened is not None:
                    raise YamlRefused("a list or mapping as a mapping key is not accepted", _line(event))
                parent.key, parent.has_key, parent.key_line = value, True, _line(event)
                continue
            else:
                key = parent.key
                parent.has_key = False
                path = (*parent.path, key if isinstance(key, str | int) else str(key))
                if key in parent.value:
                    # PyYAML keeps the last of two equal keys and drops the first without a word.
                    raise YamlRefused(f"{key!r} is given twice in one mapping (first on line {lines.get(path, 0)})",
                                      parent.key_line, "yaml-repeated-key")
                parent.value[key] = value
        else:
            root = value
        lines[path] = parent.key_line if stack and isinstance(stack[-1].value, dict) else _line(event)
        if opened is not None:
            stack.append(_Open(opened, path))
    if not loader.check_event(yaml.StreamEndEvent):
        raise YamlRefused("expected a single YAML document, found more", _line(loader.peek_event()))
    return YamlDocument(root, lines)
