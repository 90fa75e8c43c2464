"""Sphinx extension of the backprop book: author–year citations that match the bibliography.

sphinxcontrib-bibtex's ``author_year`` referencing style writes citations as "[Nielsen, 2015]" while its
default bibliography style (``alpha``) labels the entries "[Nie15]". This module registers

* the referencing style ``author_year_round``: ``{cite:p}`` gives "(Nielsen, 2015)" and
  "(Nielsen, 2015; Rumelhart et al., 1986)", ``{cite:t}`` gives "Nielsen (2015)" (the example of sphinxcontrib-bibtex's documentation, "custom inline citations");
* the bibliography style ``authoryear``: pybtex's ``unsrt`` entry format with author–year labels
  ("Nielsen, 2015", "Rumelhart et al., 1986", "Goodfellow et al., 2016"; "2015a"/"2015b" when two
  entries would share a label), sorted by author, year and title.

_config.yml selects them (``bibtex_reference_style: author_year_round``, ``bibtex_default_style:
authoryear``); the CSS hides the square brackets docutils puts around a bibliography label.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ")


@dataclass
class AuthorYearRoundReferenceStyle(AuthorYearReferenceStyle):
    """Author–year citations in round brackets: (Nielsen, 2015); Nielsen (2015)."""

    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_author: BracketStyle = field(default_factory=_round)
    bracket_label: BracketStyle = field(default_factory=_round)
    bracket_year: BracketStyle = field(default_factory=_round)


def _last_name(person) -> str:
    text = " ".join(person.prelast_names + person.last_names)
    try:
        import latexcodec  # noqa: F401  (pybtex's dependency; registers the "ulatex" codec)

        text = text.encode("ascii", "ignore").decode("ulatex")
    except Exception:  # noqa: BLE001 - a label is still readable without decoding
        pass
    return re.sub(r"[{}]", "", text)


def author_year_label(entry) -> str:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_last_name(p) for p in persons]
    if not names:
        who = entry.fields.get("organization") or entry.fields.get("title", entry.key)
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        labels = [author_year_label(e) for e in entries]
        count = Counter(labels)
        seen: Counter = Counter()
        for label in labels:
            if count[label] > 1:
                seen[label] += 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            else:
                yield label


class AuthorYearStyle(UnsrtStyle):
    """pybtex's unsrt entries, labelled and sorted author–year."""

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = "author_year_title"


def setup(app):
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_round", AuthorYearRoundReferenceStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle, force=True)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
