"""Country names for the codes records use: from the ISO 3166-1 data package, never a hand list."""

from __future__ import annotations

import pytest

import fighterlaw as fl
from fighterlaw.strategies import _NATIONALITIES


@pytest.mark.parametrize(
    ("code", "name"),
    [
        pytest.param("NP", "Nepal", id="Nepal, a recruits' country"),
        pytest.param("BY", "Belarus", id="Belarus, which Decree No. 821 names"),
        pytest.param("UA", "Ukraine", id="Ukraine, a requesting state"),
        pytest.param("IN", "India", id="India"),
        pytest.param("IR", "Iran", id="the common name, not 'Iran, Islamic Republic of'"),
        pytest.param("SY", "Syria", id="Syria by its common name"),
        pytest.param("CI", "Côte d'Ivoire", id="a name with an accent"),
    ],
)
def test_a_code_has_its_country_s_name(code, name):
    """An ISO 3166-1 alpha-2 code gives the name people read."""
    assert fl.country_name(code) == name


def test_a_code_iso_does_not_assign_is_said_plainly():
    """XK (used for Kosovo) and XX are well formed but unassigned: the code comes back, with a note."""
    assert fl.country_name("XK") == "XK (a code ISO 3166-1 does not assign)"
    assert fl.country_name("XX") == "XX (a code ISO 3166-1 does not assign)"


@pytest.mark.parametrize("text", ["np", "Nepal", "NPL", "", "N1"])
def test_what_is_not_a_code_is_refused_with_what_was_expected(text):
    """Lower case, names, three letters: a ValueError naming the expected form and what was found."""
    with pytest.raises(ValueError, match="expected an ISO 3166-1 alpha-2 country code in capitals") as caught:
        fl.country_name(text)
    assert repr(text) in str(caught.value)


def test_every_nationality_the_strategies_draw_has_a_name():
    """The codes the generated records use are all assigned ones."""
    for code in _NATIONALITIES:
        assert "does not assign" not in fl.country_name(code), code
