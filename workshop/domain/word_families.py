"""Words a housing meeting uses for the same thing, kept as data for the merge suggestions.

Two answers that share no word may still say one idea: "Bedre belysning på stierne" and "lys
på stierne", "flere cykelstativer" and "mere cykelparkering". Each family below is words a
board member writes for one thing; the merge suggestions read every word of a family as its
first. Only words that name the same thing belong together, never a wider and a narrower wish
("fællesskab" and "fællesspisning" are two ideas).

``HOW`` holds words that say what is to happen to a thing, or how it is now, without naming
another thing ("renovér legepladsen", "legepladsen er slidt"; "lavere husleje", "huslejen må
ikke stige"): an answer that adds one of them to the other's words adds no idea of its own.

Pure data and a lookup: nothing read or sent at run time.
"""

from __future__ import annotations

from collections.abc import Callable

FAMILIES = (
    "lys belysning lamper lampe lygter lygtepæle gadelys udelys",
    "cykelparkering cykelstativ cykelstativer cykelparkeringer",
    "isolering efterisolering energirenovering efterisolere isolere",
    "køkkenhave køkkenhaver højbed højbede nyttehave nyttehaver dyrkningskasser",
    "ungdomsklub ungeklub ungdomsklubben ungdomshus",
    "julefest juletræsfest julearrangement",
    "fartbump fartdæmpning fartdæmper vejbump bump chikaner",
    "rygeforbud røgfri rygning rygefri røg",
    "bistader bistade bier bikube bikuber",
    "hundeskov hundegård hundefold hundeområde hundelufterområde",
    "græsplæne plæne plæner græs græsset græsplæner",
    "senior seniorer ældre pensionister",
    "sprog oversæt oversætte oversættelse oversættelser tolk tolkning arabisk somali "
    "engelsk tyrkisk urdu",
    "lektiecafé lektiecafe lektiehjælp lektieklub",
    "velkomst velkommen",
    "regnvand regnvandet",
)

HOW = (
    "renovere renovér renover renoveres renovering renoveret istandsætte istandsættelse "
    "opfriske opfriskning forny fornyes fornyelse reparere repareres reparation "
    "ryd rydde ryddes oprydning slidt slidte flyder rodet beskidt beskidte "
    "stop stoppe stoppes stige stiger stigning stigninger stigningerne "
    "hold holde holdes lavere sænke sænkes nede byd bydes opsamling opsamle opsamles"
).split()


def family_of(stem: Callable[[str], str]) -> dict[str, str]:
    """Each family word's stem, read as the stem of the family's first word."""
    kin: dict[str, str] = {}
    for family in FAMILIES:
        first, *others = family.split()
        for word in others:
            kin.setdefault(stem(word), stem(first))
    return {word: first for word, first in kin.items() if word != first}
