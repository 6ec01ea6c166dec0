"""Where the law behind each answer is written.

An :class:`Instrument` is a piece of legislation (or guidance, or a judgment); a :class:`Citation`
points at one provision of it and says how sure we are of the words (``confidence``):

* ``verified``: the operative words were read on legislation.gov.uk;
* ``secondary``: the number and unit agree across reputable secondary sources, but the
  provision's own text was not read. Explanations say so, so that a lawyer knows what to check.

URLs are built from the instrument and the provision number, never typed by hand:

>>> SEND_REGS.cite("42(3)", "verified").url
'https://www.legislation.gov.uk/uksi/2014/1530/regulation/42'
>>> print(HESC_RULES.cite("20(1)(c)", "verified"))
HESC Rules r.20(1)(c) [verified]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = [
    "CFA_2014",
    "COVID_REGS_2020",
    "EA_1996",
    "HESC_RULES",
    "IA_1978",
    "SEND_CODE",
    "SEND_REGS",
    "Citation",
    "Confidence",
    "Instrument",
    "case_law",
]

Confidence = Literal["verified", "secondary"]

_LEGISLATION = "https://www.legislation.gov.uk/"
_LEADING_NUMBER = re.compile(r"^\s*(\d+[A-Z]?)")


class Citation(BaseModel):
    """One provision of one instrument, with the confidence we have in its words.

    >>> c = CFA_2014.cite("51(2)", "verified")
    >>> (c.instrument, c.provision, c.confidence)
    ('CFA 2014', 's.51(2)', 'verified')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    instrument: str
    """Short name of the instrument, as the docs write it (``SEND Regs 2014``)."""
    provision: str
    """The provision within it, with its unit (``reg 33``, ``s.51(2)``, ``r.12(3)(a)``)."""
    confidence: Confidence
    """``verified`` (words read on legislation.gov.uk) or ``secondary``."""
    url: str | None = None
    """Where to read the provision; ``None`` for judgments and guidance without a stable link."""

    def __str__(self) -> str:
        name = f"{self.instrument} {self.provision}" if self.provision else self.instrument
        return f"{name} [{self.confidence}]"


@dataclass(frozen=True, slots=True)
class Instrument:
    """A piece of law or guidance that provisions are cited from.

    ``path`` is the legislation.gov.uk path (``uksi/2014/1530``); ``unit`` is the path segment
    for its provisions (``regulation``, ``section``, ``rule``) and ``abbreviation`` the short form
    used in citations (``reg``, ``s.``, ``r.``).
    """

    short_name: str
    title: str
    path: str | None
    unit: str | None
    abbreviation: str

    def cite(self, provision: str, confidence: Confidence) -> Citation:
        """Cite ``provision`` (a number with optional paragraphs, such as ``"42(3)"``).

        >>> EA_1996.cite("8", "secondary").provision
        's.8'
        """
        number = _LEADING_NUMBER.match(provision)
        url: str | None = None
        if self.path is not None:
            url = _LEGISLATION + self.path
            if self.unit is not None and number is not None:
                url += f"/{self.unit}/{number.group(1)}"
        separator = "" if self.abbreviation.endswith(".") or not self.abbreviation else " "
        return Citation(
            instrument=self.short_name,
            provision=f"{self.abbreviation}{separator}{provision}",
            confidence=confidence,
            url=url,
        )

    def heading(self, label: str, path: str, confidence: Confidence) -> Citation:
        """Cite a group of provisions under a heading, when the exact one is not known.

        >>> SEND_REGS.heading("regs 32 to 42 (mediation)", "part/2/crossheading/mediation",
        ...                   "secondary").url
        'https://www.legislation.gov.uk/uksi/2014/1530/part/2/crossheading/mediation'
        """
        url = f"{_LEGISLATION}{self.path}/{path}" if self.path is not None else None
        return Citation(instrument=self.short_name, provision=label, confidence=confidence, url=url)


SEND_REGS = Instrument(
    "SEND Regs 2014",
    "The Special Educational Needs and Disability Regulations 2014 (SI 2014/1530)",
    "uksi/2014/1530",
    "regulation",
    "reg",
)
HESC_RULES = Instrument(
    "HESC Rules",
    "The Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) "
    "Rules 2008 (SI 2008/2699)",
    "uksi/2008/2699",
    "rule",
    "r.",
)
CFA_2014 = Instrument("CFA 2014", "Children and Families Act 2014", "ukpga/2014/6", "section", "s.")
EA_1996 = Instrument("EA 1996", "Education Act 1996", "ukpga/1996/56", "section", "s.")
IA_1978 = Instrument("IA 1978", "Interpretation Act 1978", "ukpga/1978/30", "schedule", "Sch")
COVID_REGS_2020 = Instrument(
    "Covid Regs 2020",
    "The Special Educational Needs and Disability (Coronavirus) (Amendment) Regulations 2020 "
    "(SI 2020/471)",
    "uksi/2020/471",
    "regulation",
    "reg",
)
SEND_CODE = Instrument(
    "SEND Code",
    "Special educational needs and disability code of practice: 0 to 25 years (January 2015)",
    None,
    None,
    "",
)


def case_law(name: str, confidence: Confidence) -> Citation:
    """Cite a judgment by its name and neutral citation.

    ``verified`` only where the judgment itself was read; a holding known from reports of it is
    ``secondary``.

    >>> case_law("Dodds v Walker [1981] 1 WLR 1027", "secondary").url is None
    True
    """
    return Citation(instrument=name, provision="", confidence=confidence, url=None)
