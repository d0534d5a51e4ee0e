"""Explanations: every step says what it decided, on which provision and how sure, and what would decide it.

The sentences are the design's "reason tree citing provisions" made readable: each row gives the lines a
person reads in ``report.explain()`` for a legal situation, with the provision and status each step cites.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import fighterlaw as fl
from tests.helpers import person
from tests.provisions import probes

VETERAN = {
    "id": "v",
    "nationality": "NP",
    "sex": "male",
    "birth_date": "1980-01-01",
    "contracts": [{"signed": "2023-01-01", "term_months": 12}],
    "combat": True,
    "discharge": {"date": "2024-06-01", "grounds": "health", "order_extract": True},
    "offences": [
        {
            "id": "o1",
            "description": "looting",
            "russian_judgment": False,
            "limitation_expired": False,
            "criminal_in_russia": True,
        }
    ],
    "family": [
        {
            "relation": "spouse",
            "member": {
                "citizenship": "foreign",
                "sex": "male",
                "birth_date": "1985-05-05",
                "unfitness_ruling": {"date": "2025-12-01"},
            },
        }
    ],
}
MAN = {"sex": "male", "birth_date": "1990-01-01", "nationality": "NP"}
ENACTED_2026 = date(2026, 6, 1)
ITEM_7 = "(fz-50-2026, CPC Art. 464(1) item 7)"
NOT_A_CITIZEN = "(constitution-61, Constitution Art. 61(1); CPC Art. 464(1) item 1; confirmed)"
WARNING = (
    "warning: Only CPC Art. 464(1) item 7 bars extradition here. It is not a ground of refusal under the "
    "European Convention on Extradition, ETS No. 024, to which Russia has been a party since 2000-03-09, so a "
    "treaty may oblige Russia to extradite all the same (ets-024: Ratification confirmed; that it still binds "
    "Russia is plausible)."
)

EXPLAINED: list[Any] = [
    pytest.param(
        VETERAN,
        ENACTED_2026,
        "enacted",
        "foreign-contract",
        [
            "foreign-contract [person]: yes (status: plausible)",
            "[yes] The person may serve under contract as a foreign citizen on 2026-06-01.  (law-2003-11-11)",
            "[yes] Military Duty and Military Service Act, as amended on 11 Nov 2003 is in force on 2026-06-01: "
            "it entered into force on 2003-11-11.  (law-2003-11-11; plausible)",
            "[yes] The person is a foreign citizen on 2026-06-01, and foreign citizens are covered.  "
            "(law-2003-11-11; confirmed)",
            "[yes] The person is 18 or over on 2026-06-01 (born 1980-01-01).  (law-2003-11-11; confirmed)",
            "[yes] The upper age limit in effect on 2026-06-01 is met.",
            "[yes] case: The value set by law-2022-05-28 applies on 2026-06-01, since 2022-05-28.  "
            "(law-2022-05-28; confirmed)",
            "[yes] No upper age limit applies on 2026-06-01.  (law-2022-05-28; confirmed)",
        ],
        id="a veteran of 46 may serve as a foreigner: no upper age limit since 28 May 2022",
    ),
    pytest.param(
        VETERAN,
        ENACTED_2026,
        "enacted",
        "stateless-contract",
        [
            "[no]  The person may not serve under contract as a stateless person on 2026-06-01.  (law-2025-07-07)",
            "[no]  The person is a foreign citizen on 2026-06-01; only stateless persons are covered.  "
            "(law-2025-07-07; confirmed)",
        ],
        id="a foreign citizen is not a stateless person",
    ),
    pytest.param(
        VETERAN,
        ENACTED_2026,
        "enacted",
        "simplified-citizenship",
        [
            "[yes] The person is not a Russian citizen on 2026-06-01.",
            "[yes] A grant in force on 2026-06-01 gives the person the simplified route.",
            "[no]  Presidential Decree No. 690 of 30 Sep 2022 is no longer in force on 2026-06-01: it ended on some "
            "day from 2023-10-26 to 2024-01-04; Presidential Decree No. 10 of 4 Jan 2024 repealed it on 2024-01-04.  "
            "(decree-690; plausible)",
            "[?]   Whether Presidential Decree No. 10 of 4 Jan 2024 gives the person the simplified route on "
            "2026-06-01 is undetermined.  (decree-10)",
            "[?]   Whether Presidential Decree No. 10 of 4 Jan 2024 is still in force on 2026-06-01 is unsettled: it "
            "may have ended on 2025-11-05 (Possibly repealed by Decree No. 821 (one weak source); whether it "
            "applies on or after that day is unsettled).  (decree-10; plausible)",
            "[yes] The person is a foreign citizen on 2026-06-01, and foreign citizens and stateless persons are "
            "covered.  (decree-10; confirmed)",
            "[yes] The person qualifies under Presidential Decree No. 10 of 4 Jan 2024, directly or through "
            "family.  (decree-10)",
            "[yes] The person qualifies directly.  (decree-10)",
            "[yes] The person meets a route of the grant.  (decree-10)",
            "[yes] The person served under contract at some time from 2022-02-24 to 2026-06-01.  (decree-10)",
            "[yes] contracts[0] (signed 2023-01-01, 12 months, the armed forces): in force at some time from "
            "2022-02-24 to 2026-06-01.  (decree-10; confirmed)",
            "[yes] The route through a discharge applies.  (decree-10)",
            "[yes] The person's discharge: discharged on 2024-06-01; on or after 2022-02-24.  (decree-10; confirmed)",
            "[yes] The grounds of discharge (health) are among those required (age, contract_expiry, health).  "
            "(decree-10; confirmed)",
            "[no]  The person does not qualify through the spouse (family[0].member).  (decree-10)",
            "[yes] The spouse (family[0]) is family the grant extends to.  (decree-10)",
            "[no]  The spouse (family[0].member) meets no route of the grant.  (decree-10)",
            "[no]  The spouse (family[0].member) did not serve under contract at any time from 2022-02-24 to "
            "2026-06-01.  (decree-10)",
            "[no]  The spouse (family[0].member) has no discharge recorded.  (decree-10)",
            "[yes] Presidential Decree No. 821 of 5 Nov 2025 gives the person the simplified route on 2026-06-01.  "
            "(decree-821)",
            "[yes] Presidential Decree No. 821 of 5 Nov 2025 is in force on 2026-06-01: it entered into force on "
            "2025-11-05.  (decree-821; confirmed)",
            "[yes] The person is not a citizen of an excluded state (BY).  (decree-821; confirmed)",
            "[yes] The person is male, as required (male).  (decree-821; confirmed)",
            "[yes] The person is 65 or under on 2026-06-01 (born 1980-01-01).  (decree-821; confirmed)",
            "[yes] The person has a contract that meets this route.  (decree-821)",
            "[yes] contracts[0] (signed 2023-01-01, 12 months, the armed forces): signed on or after 2022-02-24; a "
            "term of at least 12 months.  (decree-821; confirmed)",
            "[no]  The person was not serving on 2022-02-24 under an earlier contract.  (decree-821)",
            "[no]  contracts[0] (signed 2023-01-01, 12 months, the armed forces): signed on or after 2022-02-24; not "
            "in force on 2022-02-24.  (decree-821; confirmed)",
            "[yes] The person's discharge: discharged on 2024-06-01.  (decree-821; confirmed)",
            "[yes] The person holds the extract of the discharge order, the required proof.  (decree-821; confirmed)",
            "[no]  The person holds no commission decision of unfitness for service.  (decree-821; confirmed)",
            "[?]   Whether the person qualifies through the spouse (family[0].member) is undetermined.  (decree-821)",
            "[?]   The spouse (family[0].member)'s nationality is not known; citizens of BY are excluded.  "
            "(decree-821; confirmed)",
            "[yes] The spouse (family[0].member) is 18 or over on 2026-06-01 (born 1985-05-05).  "
            "(decree-821; confirmed)",
            "[no]  The spouse (family[0].member) has no contract that meets this route.  (decree-821)",
            "[no]  The spouse (family[0].member) was not serving on 2022-02-24 under an earlier contract.  "
            "(decree-821)",
            "[yes] The spouse (family[0].member) holds a commission decision of unfitness for service, taken on "
            "2025-12-01.  (decree-821; confirmed)",
        ],
        id="a veteran discharged for health qualifies under Decree 821; Decree 10 is in doubt",
    ),
    pytest.param(
        VETERAN,
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        [
            "extradition-bar [person]: yes (status: derived)",
            "[yes] Extradition of the person is barred on 2026-06-01, whatever the offence.",
            "[no]  Constitution Art. 61(1); CPC Art. 464(1) item 1: does not apply.  "
            "(constitution-61, Constitution Art. 61(1); CPC Art. 464(1) item 1)",
            "[yes] Constitution of the Russian Federation, Art. 61(1) is in force on 2026-06-01: it entered into "
            "force on some day in 1993.  (constitution-61; confirmed)",
            f"[no]  The person is not a Russian citizen on 2026-06-01.  {NOT_A_CITIZEN}",
            "[?]   Whether Russia has granted the person asylum is not known.  (cpc-464-1, CPC Art. 464(1) item 2; "
            "confirmed)",
            f"[yes] CPC Art. 464(1) item 7: applies.  {ITEM_7}",
            "[yes] Criminal Procedure Code, Art. 464(1) item 7, added by Federal Law No. 50-FZ of 8 Mar 2026 is in "
            "force on 2026-06-01: it entered into force on 2026-03-19.  (fz-50-2026; derived)",
            "[yes] The person serves under contract, or has served and took part in combat.  (fz-50-2026)",
            "[no]  The person does not serve under contract on 2026-06-01.  (fz-50-2026; confirmed)",
            "[no]  contracts[0] (signed 2023-01-01, 12 months, the armed forces): not in force on 2026-06-01.  "
            "(fz-50-2026; confirmed)",
            "[yes] The person has served under contract and took part in combat.  (fz-50-2026)",
            "[yes] The person served under contract before 2026-06-01.  (fz-50-2026; confirmed)",
            "[yes] contracts[0] (signed 2023-01-01, 12 months, the armed forces): signed before 2026-06-01.  "
            "(fz-50-2026; confirmed)",
            "[yes] The person took part in combat.  (fz-50-2026; confirmed)",
            WARNING,
            "extradition-bar [offence:o1]: yes (status: derived)",
            "[yes] Extradition for offence o1 is barred on 2026-06-01.",
            "[no]  No final Russian judgment or terminated proceedings exist for the same act (offence o1, "
            "looting).  (cpc-464-1, CPC Art. 464(1) item 3; confirmed)",
            "[no]  The limitation period for offence o1, looting has not expired.  (cpc-464-1, CPC Art. 464(1) "
            "item 4; confirmed)",
            "[no]  The act (offence o1, looting) is a crime under Russian law, so this bar does not apply.  "
            "(cpc-464-1, CPC Art. 464(1) item 6; "
            "plausible)",
        ],
        id="a veteran who fought is protected by item 7 alone, with the treaty warning",
    ),
    pytest.param(
        {
            "birth_date": "2004-03",
            "contracts": [{"signed": "2022-02"}],
            "naturalised": "2024-03",
        },
        date(2022, 3, 15),
        "enacted",
        "foreign-contract",
        [
            "[?]   Whether the person may serve under contract as a foreign citizen on 2022-03-15 is undetermined.  "
            "(law-2003-11-11)",
            "[?]   The person may or may not be 18 yet on 2022-03-15: the date of birth (2004-03) does not say.  "
            "(law-2003-11-11; confirmed)",
            "[yes] case: The value set by law-2003-11-11 applies on 2022-03-15.  (law-2003-11-11; confirmed)",
            "[yes] The person is 30 or under on 2022-03-15 (born 2004-03).  (law-2003-11-11; confirmed)",
            "would be decided by: birth_date",
        ],
        id="born in March 2004: maybe 18 on 15 March 2022",
    ),
    pytest.param(
        {"birth_date": "2004-03", "contracts": [{"signed": "2022-02"}], "naturalised": "2024-03"},
        date(2022, 3, 15),
        "enacted",
        "extradition-bar",
        [
            "[?]   Whether extradition of the person is barred on 2022-03-15, whatever the offence, is undetermined.",
            "[no]  Criminal Procedure Code, Art. 464(1) item 7, added by Federal Law No. 50-FZ of 8 Mar 2026 is not "
            "in force on 2022-03-15: it entered into force on 2026-03-19.  (fz-50-2026; derived)",
            "[yes] The person serves under contract on 2022-03-15.  (fz-50-2026; confirmed)",
            "[yes] contracts[0] (signed 2022-02, term unknown, the armed forces): in force on 2022-03-15.  "
            "(fz-50-2026; confirmed)",
            "[?]   Whether the person served under contract and took part in combat is undetermined.  (fz-50-2026)",
            "[?]   Whether the person took part in combat is not known.  (fz-50-2026; confirmed)",
            "would be decided by: asylum_in_russia",
        ],
        id="before item 7: only asylum could bar extradition",
    ),
    pytest.param(
        {
            "citizenship": "stateless",
            "birth_date": "2004-03",
            "contracts": [{"signed": "2025-01-01", "ended": "unknown", "formation": "volunteer_formation"}],
            "asylum_in_russia": False,
            "offences": [{}],
        },
        date(2026, 3, 6),
        "press",
        "extradition-bar",
        [
            "[no]  No bar protects the person as a whole on 2026-03-06; each offence may still be barred on its own.",
            "[no]  Russia has not granted the person asylum.  (cpc-464-1, CPC Art. 464(1) item 2; confirmed)",
            "[?]   Whether extradition for offence 1 is barred on 2026-03-06 is undetermined.",
            "[?]   CPC Art. 464(1) item 7, as the press reports it: undetermined.  "
            "(press-2026-03-09, CPC Art. 464(1) item 7, as the press reports it)",
            "[?]   Whether item 7 as the press reports it is in force on 2026-03-06 is unsettled: it entered into "
            "force on some day from 2026-03-04 to 2026-03-09.  (press-2026-03-09; reported)",
            "[?]   Whether the person served under contract before 2026-03-06 is undetermined.  "
            "(press-2026-03-09; reported)",
            "[?]   contracts[0] (signed 2025-01-01, term unknown, a volunteer formation): signed before 2026-03-06; "
            "whether service with this formation counts is unsettled.  (press-2026-03-09; reported)",
            "[?]   Whether the offence (offence 1) is related to participation in combat is not known.  "
            "(press-2026-03-09, CPC Art. 464(1) item 7, as the press reports it; reported)",
            "[?]   Whether a final Russian judgment exists for the same act (offence 1) is not known.  "
            "(cpc-464-1, CPC Art. 464(1) item 3; confirmed)",
            "[?]   Whether the limitation period for offence 1 has expired is not known.  "
            "(cpc-464-1, CPC Art. 464(1) item 4; confirmed)",
            "[?]   Whether the act (offence 1) is a crime under Russian law is not known.  "
            "(cpc-464-1, CPC Art. 464(1) item 6; plausible)",
            # Whether the offence is related to combat cannot decide it alone: item 7 stays open on its day and on
            # the formation either way, and the other bars are open.
            "would be decided by: offences[0].russian_judgment, offences[0].limitation_expired, "
            "offences[0].criminal_in_russia",
            "turns on unsettled points: extradition-bar.bars.item-7.start (start of item 7 as the press reports it), "
            "item-7.formation.volunteer_formation (whether a contract with a volunteer formation counts under "
            "CPC Art. 464(1) item 7, as the press reports it)",
        ],
        id="the press account in the week item 7 was signed, for a volunteer",
    ),
    pytest.param(
        {"citizenship": "stateless", "birth_date": "2004-03"},
        date(2026, 3, 6),
        "press",
        "stateless-contract",
        [
            "[yes] stateless persons' contract service as the press reports it is in force on 2026-03-06: it "
            "entered into force on some day in 2024-07.  (press-2026-03-09; reported)",
            "[yes] The person is a stateless person on 2026-03-06, and stateless persons are covered.  "
            "(press-2026-03-09; reported)",
        ],
        id="the press account of stateless persons' service",
    ),
    pytest.param(
        {
            "nationality": "BY",
            "sex": "female",
            "birth_date": "1950-01-01",
            "unfitness_ruling": {"date": "2026-02"},
            "contracts": [{"signed": "2021-06-01", "term_months": 6, "ended": "2022-01-01"}],
            "naturalised": {"from": "2026-05-01", "to": "2026-07-01"},
        },
        date(2026, 2, 10),
        "enacted",
        "simplified-citizenship",
        [
            "[no]  The person may not apply for Russian citizenship by the simplified route on 2026-02-10.",
            "[no]  No grant in force on 2026-02-10 gives the person the simplified route.",
            "[no]  The person qualifies under Presidential Decree No. 10 of 4 Jan 2024 neither directly nor through "
            "a family member.  (decree-10)",
            "[no]  The person does not qualify directly.  (decree-10)",
            "[no]  contracts[0] (signed 2021-06-01, 6 months, the armed forces): not in force at any time from "
            "2022-02-24 to 2026-02-10.  (decree-10; confirmed)",
            "[no]  The person is a citizen of BY, which is excluded.  (decree-821; confirmed)",
        ],
        id="a Belarusian woman of 76 whose service ended before the operation",
    ),
    pytest.param(
        {
            "birth_date": "1990-01-01",
            "sex": "male",
            "nationality": "NP",
            "unfitness_ruling": {"date": "2023-01-01"},
            "combat": True,
        },
        date(2024, 6, 1),
        "press",
        "simplified-citizenship",
        [
            "[yes] the simplified route to citizenship as the press reports it is in force on 2024-06-01: it "
            "entered into force on some day in 2024-01.  (press-2026-03-09; reported)",
            "[?]   Whether the person meets a route is undetermined.  (press-2026-03-09)",
            "[no]  The route through a discharge does not apply.  (press-2026-03-09)",
            "[?]   Whether this route is open on 2024-06-01 is unsettled: it opened on some day from 2024-01-01 to "
            "2026-03-09.  (press-2026-03-09; reported)",
            "[yes] The person took part in combat.  (press-2026-03-09; reported)",
            "[?]   Whether the route through unfitness for service applies is undetermined.  (press-2026-03-09)",
            "[yes] The person holds a commission decision of unfitness for service, taken on 2023-01-01.  "
            "(press-2026-03-09; reported)",
            "turns on unsettled points: press-discharge-route (start of the discharge and unfitness route, as the "
            "press reports it)",
        ],
        id="the press account: the unfit who fought, before the route's reported start is known",
    ),
    pytest.param(
        {"citizenship": "stateless", "birth_date": "1990-01-01", "contracts": [{"signed": "2023-01-01"}]},
        ENACTED_2026,
        "all",
        "extradition-bar",
        [
            "extradition-bar [person]: undetermined (status: derived)",
            "readings: enacted yes, summary undetermined, press undetermined",
            "[?]   The readings give different answers, or leave it undetermined.",
            "[yes] Under the enacted reading: yes.",
            "[?]   Under the summary reading: undetermined.",
            "[?]   Whether the person has served under contract and taken part in combat is undetermined.  "
            "(fz-50-2026)",
            "[yes] The person serves or has served under contract.  (fz-50-2026)",
            "would be decided by: asylum_in_russia, combat",
        ],
        id="a stateless soldier: the readings disagree on whether combat is needed",
    ),
    pytest.param(
        {"naturalised": "2026-06"},
        date(2026, 6, 15),
        "enacted",
        "simplified-citizenship",
        [
            "[?]   Whether the person is already a Russian citizen on 2026-06-15 is not known (naturalised on some "
            "day in 2026-06).",
        ],
        id="naturalised some day in the month of D: perhaps already Russian",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2022-02"}]},
        date(2026, 1, 1),
        "enacted",
        "simplified-citizenship",
        [
            "[?]   Whether the person has a contract that meets this route is undetermined.  (decree-821)",
            "[?]   contracts[0] (signed 2022-02, term unknown, the armed forces): it may have been signed before "
            "2022-02-24; its term is not known to be at least 12 months.  (decree-821; confirmed)",
            "[?]   Whether the person was serving on 2022-02-24 under an earlier contract is undetermined.  "
            "(decree-821)",
            "[?]   contracts[0] (signed 2022-02, term unknown, the armed forces): it may have been signed on or after "
            "2022-02-24; whether it was in force on 2022-02-24 is not known.  (decree-821; confirmed)",
        ],
        id="a contract of unknown term signed some day in February 2022, under Decree 821",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2022-04-01", "term_months": "open"}]},
        date(2022, 10, 1),
        "enacted",
        "simplified-citizenship",
        [
            "[yes] contracts[0] (signed 2022-04-01, open term, the armed forces): signed on or after 2022-02-24; a "
            "term of at least 12 months.  (decree-690; plausible)",
            "simplified-citizenship [person]: yes (status: plausible)",
        ],
        id="an open contract counts as a year, on the plausible reading of open contracts",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2022-12-01", "term_months": 12}]},
        date(2022, 10, 1),
        "enacted",
        "simplified-citizenship",
        [
            "[no]  contracts[0] (signed 2022-12-01, 12 months, the armed forces): signed after 2022-10-01.  "
            "(decree-690; confirmed)"
        ],
        id="a contract signed after D does not count yet",
    ),
    pytest.param(
        {**MAN, "discharge": {"date": "2024-07-01", "grounds": "health"}},
        date(2024, 6, 1),
        "enacted",
        "simplified-citizenship",
        [
            "[no]  The route through a discharge does not apply.  (decree-10)",
            "[no]  The person's discharge: discharged only after 2024-06-01.  (decree-10; confirmed)",
        ],
        id="a discharge after D does not count yet",
    ),
    pytest.param(
        {**MAN, "discharge": {"date": "2021-07-01", "grounds": "health"}},
        date(2026, 1, 1),
        "enacted",
        "simplified-citizenship",
        [
            "[?]   Whether the person holds the extract of the discharge order, the required proof, is not known.  "
            "(decree-821; confirmed)",
        ],
        id="discharged for health, the order extract not known",
    ),
    pytest.param(
        {**MAN, "unfitness_ruling": {"date": "2026-02-01"}},
        date(2026, 1, 31),
        "enacted",
        "simplified-citizenship",
        ["[no]  The person's commission decision of unfitness comes only after 2026-01-31.  (decree-821; confirmed)"],
        id="a ruling of unfitness the day after D",
    ),
    pytest.param(
        {"contracts": [{"signed": "2023-01-01", "ended": "unknown"}], "asylum_in_russia": False, "combat": False},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        [
            "[?]   Whether the person serves under contract, or served and took part in combat, is undetermined.  "
            "(fz-50-2026)",
            "[?]   Whether the person serves under contract on 2026-06-01 is undetermined.  (fz-50-2026; confirmed)",
            "[?]   contracts[0] (signed 2023-01-01, term unknown, the armed forces): whether it was in force on "
            "2026-06-01 is not known.  (fz-50-2026; confirmed)",
            "[no]  The person has not both served under contract and taken part in combat.  (fz-50-2026)",
            "would be decided by: contracts[0].ended",
        ],
        id="a soldier who did not fight, whose contract may have ended",
    ),
    pytest.param(
        {
            "contracts": [{"signed": "2023-01-01", "ended": "2024-01-01", "formation": "volunteer_formation"}],
            "asylum_in_russia": False,
        },
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        [
            "[no]  contracts[0] (signed 2023-01-01, term unknown, a volunteer formation): not in force on "
            "2026-06-01.  (fz-50-2026; confirmed)",
            "[?]   contracts[0] (signed 2023-01-01, term unknown, a volunteer formation): signed before 2026-06-01; "
            "whether service with this formation counts is unsettled.  (fz-50-2026; confirmed)",
        ],
        id="a former volunteer: whether the service counts matters only for what was served",
    ),
    pytest.param(
        {"contracts": [{"signed": "2026-07-01"}], "asylum_in_russia": False},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        [
            "[no]  contracts[0] (signed 2026-07-01, term unknown, the armed forces): not in force on 2026-06-01.  "
            "(fz-50-2026; confirmed)",
            "[no]  contracts[0] (signed 2026-07-01, term unknown, the armed forces): not signed before 2026-06-01.  "
            "(fz-50-2026; confirmed)",
        ],
        id="a contract signed after D is neither service nor past service",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2022-03-01", "term_months": 12}]},
        date(2022, 9, 29),
        "enacted",
        "simplified-citizenship",
        [
            "simplified-citizenship [person]: no (status: confirmed)",
            "[no]  Presidential Decree No. 690 of 30 Sep 2022 is not in force on 2022-09-29: it entered into force "
            "on 2022-09-30.  (decree-690; confirmed)",
        ],
        id="the day before Decree 690: that it had not begun rests on its confirmed start alone",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2022-03-01", "term_months": 12}]},
        date(2022, 10, 1),
        "enacted",
        "simplified-citizenship",
        [
            "simplified-citizenship [person]: yes (status: plausible)",
            "[yes] Presidential Decree No. 690 of 30 Sep 2022 is in force on 2022-10-01: it entered into force on "
            "2022-09-30.  (decree-690; plausible)",
        ],
        id="the day after Decree 690: that it is still in force rests on its plausible end too",
    ),
    pytest.param(
        {"naturalised": "2026-06", "asylum_in_russia": False},
        date(2026, 6, 15),
        "enacted",
        "extradition-bar",
        [
            "[?]   Whether the person is a Russian citizen on 2026-06-15 is not known (naturalised on some day in "
            f"2026-06).  {NOT_A_CITIZEN}",
            "would be decided by: naturalised",
        ],
        id="naturalised some day in the month of D: perhaps a citizen Russia may not extradite",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2022-03-01", "term_months": 12}]},
        date(2023, 12, 1),
        "enacted",
        "simplified-citizenship",
        [
            "[?]   Whether Presidential Decree No. 690 of 30 Sep 2022 is still in force on 2023-12-01 is unsettled: it "
            "ended on some day from 2023-10-26 to 2024-01-04.  (decree-690; plausible)",
            "[yes] The citizenship condition in effect on 2023-12-01 is met.",
            "turns on unsettled points: decree-690.end (Decree No. 690 no longer in force)",
        ],
        id="between Decree 690's lapse and Decree 10: the day it ended is the unsettled point",
    ),
    pytest.param(
        {"naturalised": "2020-01-01", "contracts": [{"signed": "2023-01-01"}]},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        [
            "[no]  The person is a Russian citizen on 2026-06-01; only foreign citizens and stateless persons are "
            "covered.  (fz-50-2026; confirmed)",
        ],
        id="a soldier naturalised in 2020 is no longer covered by item 7, but by Art. 61",
    ),
    pytest.param(
        {
            "sex": "female",
            "birth_date": "1992-01-01",
            "family": [
                {
                    "relation": "spouse",
                    "member": {
                        "citizenship": "foreign",
                        **MAN,
                        "contracts": [{"signed": "2022-03-01", "term_months": 12}],
                        "naturalised": "2022-08-01",
                    },
                }
            ],
        },
        date(2022, 10, 1),
        "enacted",
        "simplified-citizenship",
        [
            "[yes] The spouse (family[0].member) is a foreign citizen (by origin; naturalisation does not matter "
            "here) on 2022-10-01, and foreign citizens are covered.  (decree-690; confirmed)",
        ],
        id="the wife of a soldier since naturalised: his status is judged by origin",
    ),
    pytest.param(
        {},
        ENACTED_2026,
        "enacted",
        "foreign-contract",
        [
            "[?]   The person may or may not be 18 yet on 2026-06-01: the date of birth (unknown) does not say.  "
            "(law-2003-11-11; confirmed)",
        ],
        id="a foreigner of unknown age",
    ),
    pytest.param(
        {"contracts": [{"signed": "2023-01-01", "formation": "volunteer_formation"}], "asylum_in_russia": False},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        [
            "[?]   contracts[0] (signed 2023-01-01, term unknown, a volunteer formation): in force on 2026-06-01; "
            "whether service with this formation counts is unsettled.  (fz-50-2026; confirmed)",
            "[?]   contracts[0] (signed 2023-01-01, term unknown, a volunteer formation): signed before 2026-06-01; "
            "whether service with this formation counts is unsettled.  (fz-50-2026; confirmed)",
        ],
        id="a serving volunteer: whether the service counts is unsettled",
    ),
    pytest.param(
        {"contracts": [{"signed": "2026-07-01", "formation": "volunteer_formation"}], "asylum_in_russia": False},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        [
            "[no]  contracts[0] (signed 2026-07-01, term unknown, a volunteer formation): not in force on "
            "2026-06-01.  (fz-50-2026; confirmed)",
            "[no]  contracts[0] (signed 2026-07-01, term unknown, a volunteer formation): not signed before "
            "2026-06-01.  (fz-50-2026; confirmed)",
        ],
        id="a volunteer's contract signed after D: the formation does not matter",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2022-06-01", "term_months": 6}]},
        date(2024, 2, 1),
        "press",
        "simplified-citizenship",
        ["[yes] contracts[0] (signed 2022-06-01, 6 months, the armed forces).  (press-2026-03-09; reported)"],
        id="the press account: any contract signed by D will do, and nothing more is said",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2021-01-01", "ended": "2022-02"}]},
        date(2024, 6, 1),
        "enacted",
        "simplified-citizenship",
        [
            "[?]   Whether the person served under contract at some time from 2022-02-24 to 2024-06-01 is "
            "undetermined.  (decree-10)",
            "[?]   contracts[0] (signed 2021-01-01, term unknown, the armed forces): whether it was in force at some "
            "time from 2022-02-24 to 2024-06-01 is not known.  (decree-10; confirmed)",
        ],
        id="a contract that ended some day in February 2022: served during the operation or not",
    ),
]


@pytest.mark.parametrize(("record", "on", "reading", "rule", "lines"), EXPLAINED)
def test_each_step_says_what_it_decided_citing_its_provision(record, on, reading, rule, lines):
    """The explanation of each legal situation reads as typed here, step by step, with provisions and statuses."""
    report = fl.evaluate(person(**record), as_of=on, reading=reading, rules=[rule])
    explained = [line.strip() for line in report.explain().splitlines()]
    assert [line for line in lines if line not in explained] == []


def test_every_step_that_decides_a_fact_cites_its_provision():
    """Every leaf of every tree cites a provision, except whether the applicant is already Russian (no grant's)
    and the condition of a case split (the record's values, not the law's)."""
    uncited = set()
    for reading in (*fl.RULEBOOK.names, "all"):
        for day in (date(2022, 11, 15), date(2024, 6, 1), ENACTED_2026):
            for record in probes():
                for result in fl.evaluate(record, as_of=day, reading=reading).results:
                    uncited |= {
                        node.code
                        for node in result.reason.walk()
                        if node.combinator == "leaf" and node.provision is None
                    }
    assert uncited == {"not-russian", "case"}


def test_the_report_document_carries_each_step_s_citation_and_status():
    """The JSON document gives each step its code, verdict, provision, pinpoint and status."""
    report = fl.evaluate(person(**VETERAN), as_of=ENACTED_2026, rules=["extradition-bar"])
    document = report.to_dict()
    assert (document["person"], document["as_of"], document["reading"]) == ("v", "2026-06-01", "enacted")
    result = document["results"][0]
    assert (result["rule"], result["subject"], result["verdict"], result["status"]) == (
        "extradition-bar",
        "person",
        "yes",
        "derived",
    )
    item_7 = next(step for step in result["because"] if step["code"] == "item-7")
    assert (item_7["verdict"], item_7["provision"], item_7["pinpoint"], item_7["status"]) == (
        "yes",
        "fz-50-2026",
        "CPC Art. 464(1) item 7",
        None,  # a combination of steps relies on no source of its own: its steps do
    )
    in_force = item_7["because"][0]
    assert (in_force["code"], in_force["provision"], in_force["status"]) == (
        "item-7-in-force",
        "fz-50-2026",
        "derived",
    )
    assert in_force["text"].endswith("it entered into force on 2026-03-19.")
    assert result["missing"] == []
    assert result["unsettled"] == []
    assert result["warnings"] == [WARNING.removeprefix("warning: ")]


# (record, day, reading, rule, subject, the input paths that would decide it)
MISSING = [
    pytest.param(
        {"contracts": [{"signed": "2025-01-01", "ended": "unknown"}], "combat": False, "asylum_in_russia": False},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        "person",
        ("contracts[0].ended",),
        (),
        id="a soldier whose contract may have ended: its end decides item 7, no formation point",
    ),
    pytest.param(
        {
            "contracts": [{"signed": "2025-06-01"}],
            "discharge": {"date": "2025"},
            "combat": False,
            "asylum_in_russia": False,
        },
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        "person",
        ("discharge.date",),  # the signing day is known: only the discharge's day is open
        (),
        id="discharged some day in the year the contract was signed: before or after it",
    ),
    pytest.param(
        {"asylum_in_russia": False},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        "offence:1",
        ("offences[0].russian_judgment", "offences[0].limitation_expired", "offences[0].criminal_in_russia"),
        (),
        id="an offence of which nothing is known, for a man who never served",
    ),
    pytest.param(
        {"contracts": [{"signed": "2024-01-01", "ended": "2025-01-01"}], "asylum_in_russia": False},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        "person",
        ("combat",),
        (),
        id="a former soldier: combat decides item 7",
    ),
    pytest.param(
        {"naturalised": "2026-06"},
        date(2026, 6, 15),
        "enacted",
        "extradition-bar",
        "person",
        ("naturalised", "asylum_in_russia"),
        (),
        id="naturalised some day in the month of D",
    ),
    pytest.param(
        {
            "sex": "male",
            "birth_date": "1980-01-01",
            "nationality": "NP",
            "discharge": {"date": "unknown", "grounds": "health"},
        },
        date(2024, 6, 1),
        "enacted",
        "simplified-citizenship",
        "person",
        ("discharge.date",),
        (),
        id="discharged for health on an unknown day: during the operation or not",
    ),
    pytest.param(
        {
            "sex": "male",
            "birth_date": "1980-01-01",
            "nationality": "NP",
            "discharge": {"date": "2021-06-01", "grounds": "health"},
        },
        date(2026, 1, 1),
        "enacted",
        "simplified-citizenship",
        "person",
        ("discharge.order_extract",),
        (),
        id="discharged for health in 2021: the order extract decides Decree 821",
    ),
    pytest.param(
        {"sex": "male", "birth_date": "1980-01-01", "nationality": "NP", "unfitness_ruling": {"date": "2025-11"}},
        date(2025, 11, 15),
        "enacted",
        "simplified-citizenship",
        "person",
        ("unfitness_ruling.date",),
        (),
        id="found unfit some day in November 2025",
    ),
    pytest.param(
        {"sex": "male", "birth_date": "1980-01-01", "nationality": "NP", "contracts": [{"signed": "2022-02"}]},
        date(2026, 1, 1),
        "enacted",
        "simplified-citizenship",
        "person",
        # A term of a year or more decides it whenever the contract was signed (Decree 821 either way), so the
        # term ranks first: more of its values decide it, as what-if ranks them.
        ("contracts[0].term_months", "contracts[0].signed"),
        ("decree-10.end",),
        id="a contract signed some day in February 2022: before or after the operation began",
    ),
    pytest.param(
        {
            "family": [
                {
                    "relation": "spouse",
                    "member": {"citizenship": "stateless", "sex": "male", "unfitness_ruling": {"date": "2025-12-01"}},
                }
            ],
        },
        date(2026, 1, 1),
        "enacted",
        "simplified-citizenship",
        "person",
        ("nationality", "family[0].member.birth_date"),
        (),
        id="the wife of a stateless man found unfit, whose age is not known",
    ),
    pytest.param(
        {**MAN, "discharge": {"date": "2023-05-01"}},
        date(2024, 6, 1),
        "enacted",
        "simplified-citizenship",
        "person",
        ("discharge.grounds",),
        (),
        id="discharged during the operation on unknown grounds",
    ),
    pytest.param(
        {**MAN, "unfitness_ruling": {"date": "2025-12-01"}, "naturalised": "2026-06"},
        date(2026, 6, 15),
        "enacted",
        "simplified-citizenship",
        "person",
        ("naturalised",),
        (),
        id="a man found unfit, naturalised some day in the month of D: perhaps he needs no route",
    ),
    pytest.param(
        {"contracts": [{"signed": "2026"}], "combat": True, "asylum_in_russia": False},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        "person",
        ("contracts[0].signed",),
        (),
        id="a contract signed some day in the year of D, by a man who fought",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": {"from": "2022-02-20", "to": "2022-02-24"}, "term_months": 6}]},
        date(2026, 1, 1),
        "enacted",
        "simplified-citizenship",
        "person",
        ("contracts[0].signed",),
        ("decree-10.end",),
        id="a six-month contract signed some day from 20 to 24 February 2022: before the operation or not",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2021-01-01", "ended": "2022-02"}]},
        date(2024, 6, 1),
        "enacted",
        "simplified-citizenship",
        "person",
        ("contracts[0].ended",),
        (),
        id="a contract that ended some day in February 2022: before the operation or not",
    ),
    pytest.param(
        {**MAN, "contracts": [{"signed": "2022-02", "term_months": 6}]},
        date(2026, 1, 1),
        "enacted",
        "simplified-citizenship",
        "person",
        ("contracts[0].signed",),
        ("decree-10.end",),
        # Signed before 24 February: serving at the start, Decree 821. From then on: too short for Decree 821,
        # and Decree 10 may have ended. (A year's contract qualifies either way: see test_sharp.)
        id="a six-month contract signed some day in February 2022: the day of signing and Decree 10's end",
    ),
    pytest.param(
        {"contracts": [{"signed": "2026-06-01", "formation": "volunteer_formation"}], "asylum_in_russia": False},
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        "person",
        (),
        ("item-7.formation.volunteer_formation",),
        id="a volunteer who signed on D: serving, if a volunteer formation counts",
    ),
    pytest.param(
        {
            "contracts": [{"signed": {"from": "2026-05-25", "to": "2026-06-01"}, "ended": "2026-06-01"}],
            "combat": True,
            "asylum_in_russia": False,
        },
        ENACTED_2026,
        "enacted",
        "extradition-bar",
        "person",
        ("contracts[0].signed",),
        (),
        id="a fighter whose contract, signed in the week before D, ended on D: served before D or not",
    ),
    pytest.param(
        {"contracts": [{"signed": "2025-01-01"}], "asylum_in_russia": False, "offences": [{}]},
        ENACTED_2026,
        "press",
        "extradition-bar",
        "offence:1",
        (
            "offences[0].combat_related",
            "offences[0].russian_judgment",
            "offences[0].limitation_expired",
            "offences[0].criminal_in_russia",
        ),
        (),
        id="the press account: whether the offence is related to combat decides item 7",
    ),
]


@pytest.mark.parametrize(("record", "on", "reading", "rule", "subject", "missing", "unsettled"), MISSING)
def test_an_undetermined_verdict_names_exactly_what_would_decide_it(
    record, on, reading, rule, subject, missing, unsettled
):
    """The facts (input paths) and unsettled points an undetermined verdict turns on, and nothing else."""
    if "offence" in subject and "offences" not in record:
        record = {**record, "offences": [{}]}
    found = fl.evaluate(person(**record), as_of=on, reading=reading).result(rule, subject)
    assert found.verdict is fl.Verdict.UNDETERMINED
    assert (found.missing, found.unsettled) == (missing, unsettled)


# The stable codes of every step, by rule and subject: {grant}-{step}, {grant}-member-{step}, {grant}-{route}-{part}.
CODES = {
    ("foreign-contract", "person"): {
        "foreign-contract", "in-force", "citizenship-status", "min-age", "max-age", "value-in-effect",
    },
    ("stateless-contract", "person"): {"stateless-contract", "in-force", "citizenship-status", "min-age", "max-age"},
    ("simplified-citizenship", "person"): {
        "simplified-citizenship", "not-russian", "simplified-route",
        "decree-690", "decree-690-in-force",
        "decree-10", "decree-10-in-force", "decree-10-citizenship-status", "decree-10-qualifies",
        "decree-10-principal", "decree-10-routes", "decree-10-served", "decree-10-served-contract",
        "decree-10-discharged", "decree-10-discharged-date", "decree-10-discharged-grounds",
        "decree-10-family", "decree-10-family-relation", "decree-10-member-citizenship-status",
        "decree-10-member-routes", "decree-10-member-served", "decree-10-member-discharged-discharge",
        "decree-821", "decree-821-in-force", "decree-821-citizenship-status", "decree-821-nationality",
        "decree-821-qualifies", "decree-821-principal", "decree-821-sex", "decree-821-min-age", "decree-821-max-age",
        "decree-821-routes", "decree-821-contract", "decree-821-contract-contract", "decree-821-serving-at-start",
        "decree-821-serving-at-start-contract", "decree-821-discharged", "decree-821-discharged-date",
        "decree-821-discharged-grounds", "decree-821-discharged-proof", "decree-821-unfit-ruling",
        "decree-821-family", "decree-821-family-relation", "decree-821-member-citizenship-status",
        "decree-821-member-nationality", "decree-821-member-sex", "decree-821-member-min-age",
        "decree-821-member-max-age", "decree-821-member-routes", "decree-821-member-contract",
        "decree-821-member-serving-at-start", "decree-821-member-discharged-discharge",
        "decree-821-member-unfit-ruling",
    },
    ("extradition-bar", "person"): {
        "extradition-bar", "russian-citizen", "russian-citizen-in-force", "asylum",
        "item-7", "item-7-in-force", "item-7-status", "item-7-service", "item-7-serving", "item-7-serving-contract",
        "item-7-served-in-combat", "item-7-served", "item-7-served-contract", "item-7-combat",
    },
    ("extradition-bar", "offence:o1"): {
        "extradition-bar", "russian-citizen", "russian-citizen-in-force", "asylum",
        "item-7", "item-7-in-force", "item-7-status", "item-7-service", "item-7-serving", "item-7-serving-contract",
        "item-7-served-in-combat", "item-7-served", "item-7-served-contract", "item-7-combat",
        "final-judgment", "limitation", "not-a-crime",
    },
    ("expulsion-bar", "person"): {
        "expulsion-bar", "russian-citizen", "russian-citizen-in-force", "combat-veteran", "combat-veteran-in-force",
        "combat-veteran-status", "combat-veteran-service", "combat-veteran-served", "combat-veteran-served-contract",
        "combat-veteran-combat", "combat-veteran-instead",
    },
}  # fmt: skip


def test_every_step_has_its_stable_code():
    """Each step of the veteran's trees carries the code that names it: the codes a program can rely on."""
    report = fl.evaluate(person(**VETERAN), as_of=ENACTED_2026)
    found = {(result.rule, result.subject): {step.code for step in result.reason.walk()} for result in report}
    assert found == CODES


@pytest.mark.parametrize(
    ("criminal", "verdict", "said"),
    [
        pytest.param(
            False,
            fl.Verdict.YES,
            "The act (offence 1) is not a crime under Russian law, which bars extradition for it.",
            id="an act that is no crime in Russia: the bar applies, and says so without a double negative",
        ),
        pytest.param(
            True,
            fl.Verdict.NO,
            "The act (offence 1) is a crime under Russian law, so this bar does not apply.",
            id="an act that is a crime in Russia: the bar does not apply, and says why",
        ),
    ],
)
def test_item_6_says_which_way_it_goes(criminal, verdict, said):
    """CPC Art. 464(1) item 6 bars extradition for an act that is not a crime under Russian law."""
    record = person(offences=[{"criminal_in_russia": criminal}])
    step = next(
        node
        for node in fl.evaluate(record, as_of=ENACTED_2026).result("extradition-bar", "offence:1").reason.walk()
        if node.code == "not-a-crime"
    )
    assert (step.verdict, step.text) == (verdict, said)


def test_a_veteran_not_expelled_is_told_what_the_sanction_imposes_instead():
    """CoAO Art. 4.1 as amended in March 2026: where the bar applies, the reasons say what replaces expulsion."""
    lines = [line.strip() for line in fl.evaluate(person(**VETERAN), as_of=ENACTED_2026).explain().splitlines()]
    assert "expulsion-bar [person]: yes (status: derived)" in lines
    assert (
        "[yes] Where this bar applies, the sanction imposes instead of expulsion a fine within the offence's sanction, "
        "or 100 to 200 hours of compulsory work; for a spectator-rule offence under CoAO Art. 20.31, a ban on "
        "attending official sports competitions for 1 to 7 years.  (coao-4-1-2026, CoAO Art. 4.1)"
    ) in lines


def test_a_bar_on_expulsion_that_cannot_apply_says_nothing_of_what_replaces_it():
    """A foreign veteran who never fought: the CoAO bar does not apply, and no replacement is claimed."""
    record = person(**{**VETERAN, "combat": False})
    result = fl.evaluate(record, as_of=ENACTED_2026).result("expulsion-bar")
    assert result.verdict is fl.Verdict.NO
    assert "combat-veteran-instead" not in {step.code for step in result.reason.walk()}
