r"""A griffe extension for the API page: the docstrings' doctest examples shown as code.

The library's docstrings give runnable examples as bare ``>>>`` blocks, which pytest runs as doctests. Markdown
would read each ``>>>`` as a nested quotation, so this extension fences every such block as ``pycon`` before
mkdocstrings renders the docstring. ``mkdocs.yml`` loads it by path.

>>> fence_doctests("Parse.\n\n>>> parse('2022')\n'2022'\n\nMore.").splitlines()
['Parse.', '', '```pycon', ">>> parse('2022')", "'2022'", '```', '', 'More.']
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """The text with each doctest block (from a ``>>>`` line to the next blank line) in a ``pycon`` fence.

    Blocks already inside a fence are left as they are.
    """
    lines = text.splitlines()
    fenced: list[str] = []
    inside = False
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.lstrip()
        if stripped.startswith("```"):
            inside = not inside
        elif not inside and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            block: list[str] = []
            while index < len(lines) and lines[index].strip():
                block.append(lines[index])
                index += 1
            fenced.extend([f"{indent}```pycon", *block, f"{indent}```"])
            continue
        fenced.append(line)
        index += 1
    return "\n".join(fenced)


class DoctestFences(griffe.Extension):
    """Fence the doctest blocks of every docstring griffe loads."""

    def on_instance(
        self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any
    ) -> None:
        """Rewrite the object's docstring before it is parsed."""
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
