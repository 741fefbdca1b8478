"""Swedish text analysis shared by the apps: tokens, stop words and Snowball stems."""

import re
from functools import lru_cache

import Stemmer

TOKEN_RE = re.compile(r"[0-9A-Za-zÅÄÖåäöÉéÜü]+(?:[-/][0-9A-Za-zÅÄÖåäöÉéÜü]+)*")

STOP_WORDS = frozenset(
    [
        "alla",
        "allt",
        "att",
        "av",
        "blev",
        "bli",
        "blir",
        "de",
        "dem",
        "den",
        "denna",
        "deras",
        "dess",
        "dessa",
        "det",
        "detta",
        "dig",
        "din",
        "dina",
        "ditt",
        "du",
        "där",
        "då",
        "efter",
        "ej",
        "eller",
        "en",
        "er",
        "era",
        "ert",
        "ett",
        "från",
        "för",
        "ha",
        "hade",
        "han",
        "hans",
        "har",
        "henne",
        "hennes",
        "hon",
        "honom",
        "hur",
        "här",
        "i",
        "icke",
        "ingen",
        "inom",
        "inte",
        "jag",
        "ju",
        "kan",
        "kunde",
        "man",
        "med",
        "mellan",
        "men",
        "mig",
        "min",
        "mina",
        "mitt",
        "mot",
        "mycket",
        "ni",
        "nu",
        "när",
        "någon",
        "något",
        "några",
        "och",
        "om",
        "oss",
        "på",
        "samma",
        "sedan",
        "sig",
        "sin",
        "sina",
        "sitta",
        "själv",
        "skulle",
        "som",
        "så",
        "sådan",
        "t",
        "ex",
        "till",
        "under",
        "upp",
        "ut",
        "utan",
        "vad",
        "var",
        "vara",
        "varför",
        "varit",
        "varje",
        "vars",
        "vem",
        "vi",
        "vid",
        "vilka",
        "vilken",
        "vilket",
        "vår",
        "våra",
        "vårt",
        "än",
        "är",
        "åt",
        "över",
    ]
)

_stemmer = Stemmer.Stemmer("swedish")


def tokens(text: str) -> list[str]:
    """Lower-cased words, hyphenated compounds split into their parts as well."""
    words = []
    for match in TOKEN_RE.finditer(text or ""):
        word = match.group(0).lower()
        parts = re.split(r"[-/]", word)
        words.append(word.replace("-", "").replace("/", "") if len(parts) > 1 else word)
        if len(parts) > 1:
            words.extend(p for p in parts if p)
    return words


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def stems(text: str, *, keep_stop_words: bool = False) -> list[str]:
    return [stem(w) for w in tokens(text) if keep_stop_words or (w not in STOP_WORDS and len(w) > 1)]
