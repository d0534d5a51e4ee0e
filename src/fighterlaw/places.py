"""Country names for the ISO 3166-1 alpha-2 codes that records use (``nationality``, ``requesting_state``).

The names come from the ``pycountry`` package (the ISO 3166-1 data as the Debian iso-codes project keeps it): its
common name where it has one (``Iran``, not ``Iran, Islamic Republic of``), else its short name. pycountry is
imported on the first call, so that ``import fighterlaw`` stays fast.
"""

from __future__ import annotations

import functools
import re
from typing import Final

__all__ = ["country_name"]

_CODE: Final = re.compile(r"[A-Z]{2}")


@functools.cache
def country_name(code: str) -> str:
    """The English name of the country with an ISO 3166-1 alpha-2 code, for people to read.

    A code of the right form that ISO 3166-1 does not assign (``XK``, used for Kosovo, say) is given back as it is,
    with a note saying so. Anything else is not a code: a ``ValueError`` that says what was expected.

    >>> from fighterlaw import country_name
    >>> country_name("NP"), country_name("IR"), country_name("BY")
    ('Nepal', 'Iran', 'Belarus')
    >>> country_name("XK")
    'XK (a code ISO 3166-1 does not assign)'
    >>> country_name("Nepal")
    Traceback (most recent call last):
    ...
    ValueError: expected an ISO 3166-1 alpha-2 country code in capitals, such as 'NP'; found 'Nepal'
    """
    if _CODE.fullmatch(code) is None:
        msg = f"expected an ISO 3166-1 alpha-2 country code in capitals, such as 'NP'; found {code!r}"
        raise ValueError(msg)
    import pycountry  # noqa: PLC0415 - a large table, loaded only when a name is asked for

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return f"{code} (a code ISO 3166-1 does not assign)"
    return str(getattr(country, "common_name", None) or country.name)
