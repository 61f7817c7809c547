"""The field's lexicon, read where the operator keeps it: the PETRARCH2 coder's dictionaries and the
official CAMEO -> PLOVER crosswalk, converted in memory into the compact rows this coder reads.

The files are third-party data (PETRARCH2: MIT; the PLOVER crosswalk: CC BY-SA 4.0) and are not
part of this package. Whoever runs the coder names the folder holding them with
:func:`use_lexicon_folder` (the pipeline passes its ``ETL_LEXICONS`` setting, by default ``lexicons/``
in the data directory), laid out as published:

    petrarch2/CAMEO.2.0.txt, petrarch2/Phoenix.agents.txt, petrarch2/Phoenix.Countries.actors.txt,
    petrarch2/Phoenix.MilNonState.actors.txt, plover/CAMEO2PLOVER-2021.txt

Without it the coder runs on its own triggers and gazetteer alone. Converting takes a fifth of a
second, once per process.

What is kept of a verb pattern: the verb forms of its synonym block, the words that must follow
the verb (its object's head noun, a prepositional phrase, a noun phrase in braces: in that order,
within a short window) and the words that must precede it, with the pattern's CAMEO code. PETRARCH2
matches patterns on a parse tree; on plain text the same words in the same order close to the
verb are the nearest equivalent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pycountry

_CODE = re.compile(r"\[([^\]]*)\]")
_SECTOR_CODE = re.compile(r"\[~([A-Z]+)\]")
_DATE_LINE = re.compile(r"^\s*\[([A-Z]{3})([A-Z]*)\s+([<>]?)(\d{6,8})(?:-(\d{6,8}))?\]")


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _words(phrase: str) -> str:
    """``+SHOOT_DOWN`` -> ``shoot down``: PETRARCH2 joins words of one phrase with underscores and
    marks the inflected word (and phrases without plurals) with ``+`` and a trailing ``_``."""
    return " ".join(part for part in phrase.replace("+", "").lower().split("_") if part)


def _plurals(noun: str) -> list[str]:
    """The regular plurals PETRARCH2 generates for a dictionary noun."""
    if noun.endswith("_"):
        return [noun[:-1]]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return [noun, noun[:-1] + "ies"]
    if noun.endswith(("ss", "sh", "ch", "x")):
        return [noun, noun + "es"]
    return [noun, noun + "s"]


def _verb_forms(stem: str) -> list[str]:
    """Regular forms of an English verb: base, -s, -ed, -ing."""
    if stem.endswith("e"):
        ing = stem + "ing" if stem.endswith("ee") else stem[:-1] + "ing"
        return [stem, stem + "s", stem + "d", ing]
    if stem.endswith("y") and stem[-2:-1] not in "aeiou":
        return [stem, stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"]
    if stem.endswith(("ss", "sh", "ch", "x", "o")):
        return [stem, stem + "es", stem + "ed", stem + "ing"]
    return [stem, stem + "s", stem + "ed", stem + "ing"]


def _expand_verb(entry: str) -> list[str]:
    """One verb line (``TAKE {TAKES TAKING TOOK TAKEN}``, ``+MEET_WITH {...}``, ``ARREST``) ->
    its lower-case surface forms."""
    irregular = re.search(r"\{([^}]*)\}", entry)
    head = entry[:irregular.start()] if irregular else entry
    head = _CODE.sub("", head).strip()
    if not head:
        return []
    forms = [_words(head)]
    if irregular:
        forms += [_words(f) for f in irregular.group(1).split()]
        if not irregular.group(1).split():
            return forms
    words = head.split("_")
    marked = next((i for i, w in enumerate(words) if w.startswith("+")), 0 if len(words) == 1 else None)
    if marked is None:
        return forms
    if irregular and forms[1:]:
        return forms
    stem = words[marked].lstrip("+").lower()
    for form in _verb_forms(stem):
        forms.append(" ".join((w.lstrip("+").lower() if i != marked else form) for i, w in enumerate(words) if w))
    return list(dict.fromkeys(f for f in forms if f))


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` -> head words of its phrases (with plurals unless the set or phrase says not)."""
    synsets: dict[str, list[str]] = {}
    name = None
    for raw in lines:
        line = _strip_comment(raw).strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            name = line.split()[0]
            synsets[name] = []
        elif line.startswith("+") and name:
            phrase = line[1:].strip()
            no_plural = name.endswith("_") or phrase.endswith("_")
            head = phrase.rstrip("_").split("_")[-1].lower()
            synsets[name].extend([head] if no_plural else _plurals(head))
    return synsets


def _element(token: str, synsets: dict[str, list[str]], preposition: bool) -> list[str] | None:
    """One pattern token -> the words that may stand there; None for tokens that are not words
    (``+`` target, ``$`` source, ``^`` skip, ``%`` compound). Nouns also match their plural;
    the preposition opening a ``(...)`` phrase does not."""
    token = token.strip("(){}")
    if not token or token in "+$^%" or token.startswith(("+", "$", "^", "%")):
        return None
    if token.startswith("&"):
        return synsets.get(token) or synsets.get(token.rstrip("_")) or None
    word = token.lower().replace("_", " ")
    if preposition or " " in word or not word.isalpha() or word.endswith("s"):
        return [word]
    return _plurals(word)


def _sequence(text: str, synsets: dict[str, list[str]]) -> str:
    """Pattern words -> ``alt|alt alt|alt``: one position per word, alternatives joined by ``|``.
    A slash between prepositions (``BY/WITH``) gives alternatives too."""
    positions = []
    for token in text.split():
        alternatives: list[str] = []
        for part in token.split("/"):
            words = _element(part, synsets, preposition=token.startswith("("))
            if words:
                alternatives.extend(words)
        if alternatives:
            positions.append("|".join(dict.fromkeys(w.replace(" ", "_") for w in alternatives)))
    return " ".join(positions)


def _pattern_code(code: str) -> str:
    """``[041:041]`` -> ``041``; ``[:112]`` (the verb's subject is the target) and ``[---]`` -> ``---``."""
    return code.split(":")[0].strip() or "---"


def convert_verbs(path: Path) -> Iterator[tuple[str, ...]]:
    """Rows of a PETRARCH2 verb dictionary, one synonym block after the other:
    ``verb BLOCK FORM CAMEO`` for each verb form (its own code or the block's) and
    ``pattern BLOCK CAMEO BEFORE AFTER`` for each pattern the block's verbs share."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    block_code, verbs, patterns = "---", [], []
    block = 0

    def flush() -> Iterator[tuple[str, ...]]:
        for form, own_code in verbs:
            yield "verb", str(block), form, own_code or block_code
        for code, before, after in patterns:
            yield "pattern", str(block), code, before, after

    for raw in lines[start + 1:]:
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if line.startswith("---"):
            yield from flush()
            block += 1
            found = _CODE.search(line)
            block_code = _pattern_code(found.group(1)) if found else "---"
            verbs, patterns = [], []
        elif line.startswith("-"):
            found = _CODE.search(line)
            if not found or "*" not in line:
                continue
            before, after = line[1:found.start()].split("*", 1)
            patterns.append((_pattern_code(found.group(1)), _sequence(before, synsets), _sequence(after, synsets)))
        elif line[:1].isalpha() or line.startswith("+"):
            found = _CODE.search(line.split("{")[-1]) if "}" in line else _CODE.search(line)
            own = _pattern_code(found.group(1)) if found else ""
            verbs.extend((form, own) for form in _expand_verb(line.strip()))
    yield from flush()


def convert_agents(path: Path) -> Iterator[tuple[str, str]]:
    """Rows (lower-case phrase, sector) of a PETRARCH2 agents dictionary; ``!PERSON!`` style
    substitutions and ``{plurals}`` expanded, the first three letters of the code are the sector."""
    substitutions: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            name, values = line.split("=", 1)
            substitutions[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        sector = _SECTOR_CODE.search(line)
        if not sector:
            continue
        head = line[:line.find("[")]
        plurals = re.search(r"\{([^}]*)\}", head)
        phrase = head[:plurals.start()] if plurals else head
        phrase = phrase.strip()
        variants = [phrase]
        for name, values in substitutions.items():
            if name in phrase:
                variants = [v.replace(name, "_" + value if not v.startswith(name) else value)
                            for v in variants for value in values]
        forms = []
        for variant in variants:
            words = _words(variant)
            forms.append(words)
            if plurals is None:
                forms.append(" ".join(words.split()[:-1] + _plurals(words.split()[-1])[-1:]))
        if plurals:
            forms.extend(_words(p) for p in plurals.group(1).split())
        for form in dict.fromkeys(forms):
            if form:
                yield form, sector.group(1)[:3]


def _date(value: str) -> str:
    """PETRARCH2 dates (YYMMDD or YYYYMMDD) as ISO dates; two-digit years below 30 are 20xx."""
    if len(value) == 6:
        year = int(value[:2])
        value = f"{2000 + year if year < 30 else 1900 + year}{value[2:]}"
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}"


def convert_people(path: Path) -> Iterator[tuple[str, str, str, str, str]]:
    """Rows (name, iso3, sector, valid_from, valid_to) for the dated office holders of a PETRARCH2
    country actor dictionary: entries of two or more words whose date lines give a state code
    with a sector (``[USAGOV 090120-170120]``)."""
    names: list[str] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw.startswith(("\t", " ")) or raw.lstrip().startswith("["):
            match = _DATE_LINE.match(raw)
            if not match or not names:
                continue
            code, sector, bound, first, second = match.groups()
            if not sector:
                continue
            start = _date(first) if bound != "<" and (bound == ">" or second) else ""
            end = _date(second) if second else (_date(first) if bound == "<" else "")
            for name in names:
                yield name, code, sector[:3], start, end
            continue
        line = _strip_comment(raw).strip()
        phrase = _CODE.sub("", line.lstrip("+")).strip()
        words = _words(phrase.rstrip("_"))
        if not line.startswith("+"):
            names = []
        if len(words.split()) >= 2 and all(w.replace("-", "").replace(".", "").replace("'", "").isalpha()
                                           for w in words.split()):
            names.append(words)


# Small words kept in lower case inside a group's name ("Liberation Tigers of Tamil Eelam").
_NAME_PARTICLES = frozenset({"of", "the", "and", "for", "in", "on", "to", "de", "del", "la", "el", "y", "des", "du"})
# Acronyms of four letters or more: three-letter ones ("EPA", "CAR", "ANA") are as often
# another body or a country in news text.
_ACRONYM = re.compile(r"^[A-Z]{4,5}(?:-[A-Z]{2,3})?$")
# Names as running text writes them: no "Order, The" or "Sipah-E-Sahaba/Pakistan" forms.
_GROUP_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .'-]*$")


def _group_names(phrase: str) -> list[str]:
    """``LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_`` -> its names as written in running text:
    the words in title case ("Liberation Tigers of Tamil Eelam") when there are two or more
    (one capitalised word is too often an ordinary word at a sentence's start), and an acronym
    in capitals ("LTTE", "FARC")."""
    phrase = phrase.strip().lstrip("+").rstrip("_").strip()
    acronyms = re.findall(r"\(([^)]*)\)", phrase)
    words = [w for w in re.sub(r"\([^)]*\)", " ", phrase).replace("_", " ").split() if w]
    if words[:1] == ["THE"]:
        words = words[1:]  # the organisations' reader adds "the" before every name itself
    names = []
    if len(words) >= 2 or words and "-" in words[0].strip("-"):
        names.append(" ".join(w.lower() if i and w.lower() in _NAME_PARTICLES
                              else "-".join(part[:1].upper() + part[1:].lower() for part in w.split("-"))
                              for i, w in enumerate(words)))
    elif words:
        acronyms.append(words[0])
    names.extend(a for a in acronyms if _ACRONYM.match(a))
    return [name for name in names if _GROUP_NAME.match(name)]


def convert_groups(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """Rows (code, kind, sector, names joined by ``|``) of a PETRARCH2 non-state actor dictionary
    for the groups it places in one country (``[COLREB]``, ``[PSEREBHMS]``): armed groups, their
    wings and leaders as the group. Regional and transnational codes (``[MEAREB]``,
    ``[IMGMUSALQ]``) name no country and are left out."""
    countries = frozenset(country.alpha_3 for country in pycountry.countries)
    names: list[str] = []
    code = ""

    def entry() -> Iterator[tuple[str, str, str, str]]:
        if code[:3] in countries and names:
            yield code[:3], "group", code[3:6] or "REB", "|".join(dict.fromkeys(names))

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = _strip_comment(raw)
        if not line.strip():
            continue
        found = _CODE.search(line)
        if line[:1] not in "\t [":  # a name line; "+" lines are synonyms of the entry above
            if not line.startswith("+"):
                yield from entry()
                names, code = [], ""
            names.extend(_group_names(_CODE.sub("", line)))
        if found and not code:  # on the entry's line or an indented line under it
            code = found.group(1).split()[0]
    yield from entry()


def convert_crosswalk(path: Path) -> Iterator[tuple[str, str, str]]:
    """Rows (cameo code, PLOVER type, mode) of the official CAMEO -> PLOVER crosswalk."""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = _strip_comment(raw)
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,]*))?", line)
        if match:
            yield match.group(1), match.group(2), (match.group(3) or "").strip()


# Table name (as the coder asks for it) -> source file in the lexicon folder and its converter.
TABLES: dict[str, tuple[str, Callable[[Path], Iterator[tuple[str, ...]]]]] = {
    "petrarch2/verbs.tsv": ("petrarch2/CAMEO.2.0.txt", convert_verbs),
    "petrarch2/agents.tsv": ("petrarch2/Phoenix.agents.txt", convert_agents),
    "petrarch2/people.tsv": ("petrarch2/Phoenix.Countries.actors.txt", convert_people),
    "petrarch2/groups.tsv": ("petrarch2/Phoenix.MilNonState.actors.txt", convert_groups),
    "plover/cameo2plover.tsv": ("plover/CAMEO2PLOVER-2021.txt", convert_crosswalk),
}

# Until a run names a folder, the library reads the one the pipeline uses by default (the data
# folder's lexicons/, the data folder being ./data), so `extract_relations` called from a project
# folder codes as its pipeline does. Missing files mean the coder's own rules only.
DEFAULT_FOLDER = Path("data") / "lexicons"
_configured_folder: Path | None = DEFAULT_FOLDER


def use_lexicon_folder(folder: Path | None) -> None:
    """Read the field's lexicon from ``folder`` (None: no field lexicon, the coder's own rules
    only). Call before the coder's first use in a process: its tables are built once. Naming the
    folder already in use changes nothing, so a run may name it every time."""
    global _configured_folder
    if folder != _configured_folder:
        _configured_folder = folder
        table_rows.cache_clear()


def lexicon_folder() -> Path | None:
    return _configured_folder


def available() -> bool:
    """Whether every file of the field's lexicon is in the lexicon folder."""
    folder = lexicon_folder()
    return folder is not None and all((folder / source).is_file() for source, _ in TABLES.values())


@cache
def table_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The converted rows of one table, each row once in first-seen order; none when the lexicon
    folder lacks the file."""
    source, convert = TABLES[name]
    folder = lexicon_folder()
    if folder is None or not (folder / source).is_file():
        return ()
    path = folder / source
    return tuple(dict.fromkeys(convert(path)))
