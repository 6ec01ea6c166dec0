from __future__ import annotations

import pytest
from pydantic import ValidationError

from send_timescales.citations import CFA_2014, HESC_RULES, SEND_CODE, SEND_REGS, Citation, case_law


def test_urls_are_built_from_the_provision() -> None:
    assert (
        SEND_REGS.cite("42(3)", "verified").url
        == "https://www.legislation.gov.uk/uksi/2014/1530/regulation/42"
    )
    assert (
        HESC_RULES.cite("12(3)(a)", "verified").url
        == "https://www.legislation.gov.uk/uksi/2008/2699/rule/12"
    )
    assert (
        CFA_2014.cite("51(2)", "verified").url
        == "https://www.legislation.gov.uk/ukpga/2014/6/section/51"
    )


def test_guidance_and_judgments_have_no_url() -> None:
    assert SEND_CODE.cite("ch. 11", "secondary").url is None
    assert (
        str(case_law("Dodds v Walker [1981] 1 WLR 1027", "verified"))
        == "Dodds v Walker [1981] 1 WLR 1027 [verified]"
    )


def test_confidence_is_checked() -> None:
    with pytest.raises(ValidationError):
        Citation.model_validate({"instrument": "x", "provision": "y", "confidence": "probably"})


def test_citations_are_frozen() -> None:
    c = SEND_REGS.cite("33", "verified")
    with pytest.raises(ValidationError):
        c.confidence = "secondary"  # type: ignore[misc]
