"""Generate a large, valid hub tree to measure validation and build times.

``generate(out, n, seed)`` writes into ``out`` a complete hub that builds with the hub's own
configuration: mkdocs.yml, methodology/, overrides/, hooks/ and docs/assets/ are copied from
this repository, the generated-page stubs, home pages and translation guide are copied from
its docs/ (home-page links are pointed at generated items), and ``n`` items of every content
type are written in French, English, Bambara and Soninké, plus a spoken capsule per
methodology and one small PNG per ten items.

The text is GENERATED TEST TEXT built from a small vocabulary: it says nothing true about
Kayes. Every generated file names ``Benchmark generator`` as author (and translator).

    python -m bench.corpus --docs 100 --out /tmp/hub-100 [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import struct
import sys
import zlib
from pathlib import Path

import yaml

from toolkit.content.corpus import describe
from toolkit.content.languages import LANGUAGES, REVIEWED_LANGUAGES
from toolkit.content.sections import SECTION_OF_TYPE, SECTIONS

REPO = Path(__file__).resolve().parents[1]
AUTHOR = "Benchmark generator"
REVIEWED = "2026-11-25"
KINDS = ("methodology", "curriculum", "case-study", "tool")
#: One PNG for this many content items.
ITEMS_PER_IMAGE = 10
#: Slug stem of each content type (slugs must be unique across sections).
SLUG_STEM = {
    "methodology": "bench-methode",
    "curriculum": "bench-formation",
    "case-study": "bench-cas",
    "tool": "bench-outil",
}
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# --- Vocabulary of the generated text, per language -------------------------------------------
# Sentences are "subject verb object complement" (French, English) or "subject AUX object verb
# complement" (Bambara, Soninké). Bambara and Soninké words use the official letters ɛ ɔ ɲ ŋ
# only (never è ò ñ), as the hub's orthography check requires.

LEXICON: dict[str, dict[str, list[str]]] = {
    "fr": {
        "subjects": [
            "Le groupe",
            "L'animatrice",
            "Le conseil communal",
            "L'association de femmes",
            "Le conseil des jeunes",
            "Le maire",
            "La commission",
            "Chaque participante",
            "Le comité de suivi",
            "L'équipe du projet",
            "La conseillère",
            "Le secrétaire général",
        ],
        "verbs": [
            "prépare",
            "présente",
            "discute",
            "vérifie",
            "note",
            "suit",
            "compare",
            "explique",
            "partage",
            "organise",
            "choisit",
            "relit",
            "affiche",
            "résume",
        ],
        "objects": [
            "le budget de la commune",
            "les priorités du village",
            "le plan d'action",
            "les engagements du conseil",
            "la liste des questions",
            "les résultats de la carte de score",
            "le compte rendu",
            "la feuille de présence",
            "les besoins des femmes",
            "les propositions des jeunes",
            "le calendrier des séances",
            "l'extrait du PDESC",
            "les dépenses d'investissement",
            "les critères de notation",
        ],
        "complements": [
            "avant le débat public",
            "pendant la séance",
            "avec les élus",
            "en langue locale",
            "au marché hebdomadaire",
            "dans chaque quartier",
            "à la radio communautaire",
            "après la restitution",
            "en petits groupes",
            "sous l'arbre à palabres",
            "devant la mairie",
            "avec le service technique",
            "chaque trimestre",
        ],
        "roles": [
            "Animatrice ou animateur",
            "Groupe de suivi citoyen",
            "Maire et élus",
            "Personnel communal",
            "Association de femmes",
            "Conseil communal des jeunes",
            "Relais communautaire",
            "Intercollectivité",
        ],
        "materials": [
            "Tableau de papier",
            "Marqueurs",
            "Cailloux ou haricots pour voter",
            "Feuilles de présence",
            "Copie du budget",
            "Téléphone pour enregistrer",
            "Cartes illustrées",
            "Corde et pinces à linge",
        ],
        "actors": [
            "La mairie (fictive)",
            "Une association de femmes (fictive)",
            "Le conseil communal des jeunes (fictif)",
            "Le centre de santé (fictif)",
            "Une radio communautaire (fictive)",
            "Le service technique (fictif)",
        ],
    },
    "en": {
        "subjects": [
            "The group",
            "The facilitator",
            "The commune council",
            "The women's association",
            "The youth council",
            "The mayor",
            "The committee",
            "Each participant",
            "The follow-up committee",
            "The project team",
            "The councillor",
            "The town clerk",
        ],
        "verbs": [
            "prepares",
            "presents",
            "discusses",
            "checks",
            "records",
            "follows",
            "compares",
            "explains",
            "shares",
            "organises",
            "chooses",
            "reviews",
            "posts",
            "sums up",
        ],
        "objects": [
            "the commune budget",
            "the village priorities",
            "the action plan",
            "the council's commitments",
            "the list of questions",
            "the score card results",
            "the minutes",
            "the attendance sheet",
            "the needs of women",
            "the proposals of young people",
            "the meeting calendar",
            "the PDESC extract",
            "the investment spending",
            "the scoring criteria",
        ],
        "complements": [
            "before the public debate",
            "during the session",
            "with elected officials",
            "in the local language",
            "at the weekly market",
            "in every neighbourhood",
            "on community radio",
            "after the public report",
            "in small groups",
            "under the palaver tree",
            "in front of the town hall",
            "with the technical service",
            "every quarter",
        ],
        "roles": [
            "Facilitator",
            "Citizen follow-up group",
            "Mayor and councillors",
            "Commune staff",
            "Women's association",
            "Commune youth council",
            "Community relay",
            "Intercommunal body",
        ],
        "materials": [
            "Flip chart",
            "Markers",
            "Pebbles or beans to vote",
            "Attendance sheets",
            "Copy of the budget",
            "Phone to record",
            "Picture cards",
            "Rope and clothes pegs",
        ],
        "actors": [
            "The town hall (fictional)",
            "A women's association (fictional)",
            "The commune youth council (fictional)",
            "The health centre (fictional)",
            "A community radio (fictional)",
            "The technical service (fictional)",
        ],
    },
    "bm": {
        "subjects": [
            "Jɛkulu",
            "Ladilikɛla",
            "Komini ka ɲɛmɔgɔw",
            "Musow ka tɔn",
            "Kamalenninw ka tɔn",
            "Meri",
            "Kɔlɔsili jɛkulu",
            "Sendonbaga kelen kelen",
            "Porozɛ baarakɛlaw",
            "Komini cidenmuso",
        ],
        "aux": ["bɛ", "bɛna", "ka kan ka"],
        "verbs": [
            "labɛn",
            "jira",
            "sɛgɛsɛgɛ",
            "sɛbɛn",
            "kɔlɔsi",
            "ɲɛfɔ",
            "tila",
            "sugandi",
            "kalan",
            "faamu",
            "lajɛ",
            "fɔ",
        ],
        "objects": [
            "komini ka wari",
            "dugu ka hakilinataw",
            "baara labɛnni",
            "layiduw",
            "ɲininkaliw",
            "jatebɔ",
            "kunnafoniw",
            "musow ka magow",
            "kamalenninw ka hakilinataw",
            "ɲɔgɔnye waati",
            "sɛbɛn surun",
            "kalan sira",
        ],
        "complements": [
            "baro foroba kɔnɔ",
            "ɲɔgɔnye waati la",
            "ni mɔgɔ sugandilenw ye",
            "sugu la",
            "kabila kelen kelen bɛɛ la",
            "arajo la",
            "jɛkulu fitininw na",
            "meriso ɲɛ",
            "kalo saba o kalo saba",
        ],
        "roles": [
            "Ladilikɛla",
            "Kɔlɔsili jɛkulu",
            "Meri ni a ka cidenw",
            "Komini baarakɛlaw",
            "Musow ka tɔn",
            "Kamalenninw ka tɔn",
            "Sigida ciden",
        ],
        "materials": [
            "Papiye belebele",
            "Sɛbɛnnikɛminɛnw",
            "Kabakurunw",
            "Sendonni sɛbɛnw",
            "Komini ka wari sɛbɛn",
            "Telefɔni",
            "Jaw",
        ],
        "actors": [
            "Meriso (a tɛ yen)",
            "Musow ka tɔn (a tɛ yen)",
            "Kamalenninw ka tɔn (a tɛ yen)",
            "Dɔgɔtɔrɔso (a tɛ yen)",
            "Arajo (a tɛ yen)",
        ],
    },
    "snk": {
        "subjects": [
            "Kafo",
            "Tuxunbaane",
            "Komini seren",
            "Yaxarun kafo",
            "Lemunun kafo",
            "Meeri",
            "Golle kafo",
            "Sere baane baane",
            "Porose golliyaaru",
            "Komini lemine",
        ],
        "aux": ["na", "da", "ga"],
        "verbs": [
            "sire",
            "wuyi",
            "taxa",
            "safa",
            "kara",
            "fo",
            "tagu",
            "sugandi",
            "xara",
            "muuru",
            "seedi",
            "diga",
        ],
        "objects": [
            "komini xaalisi",
            "debe haajun",
            "golle taxandi",
            "lakkiyu",
            "xottoyi",
            "kibaarun",
            "yaxarun haajun",
            "lemunun hakilinun",
            "renmu waxati",
            "safandi xunmu",
            "xaranŋonu",
        ],
        "complements": [
            "komini bange kanma",
            "renmun do",
            "meeri do",
            "maarase",
            "debe su",
            "radiyo kanma",
            "kafo runmun do",
            "meeri kaanu ɲaxa",
            "xaso sikko",
        ],
        "roles": [
            "Tuxunbaane",
            "Golle kafo",
            "Meeri do a seren",
            "Komini golliyaaru",
            "Yaxarun kafo",
            "Lemunun kafo",
            "Debe ciden",
        ],
        "materials": [
            "Kayiti xoore",
            "Safandi xunmu",
            "Tanme",
            "Renmu kayiti",
            "Komini xaalisi kayiti",
            "Telefoni",
            "Jaanu",
        ],
        "actors": [
            "Meeri kaanu (a ntaxa)",
            "Yaxarun kafo (a ntaxa)",
            "Lemunun kafo (a ntaxa)",
            "Dokotoro kaanu (a ntaxa)",
            "Radiyo (a ntaxa)",
        ],
    },
}

#: Words the generator puts in titles, headings and link texts.
WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "methodology": "Méthode",
        "curriculum": "Formation",
        "case-study": "Cas",
        "tool": "Fiche",
        "capsule": "Capsule vocale",
        "generated": "Texte de test généré.",
        "context": "Contexte",
        "example": "Exemple dans une commune",
        "tips": "Conseils pratiques",
        "happened": "Ce qui s'est passé",
        "after": "Et ensuite",
        "how": "Mode d'emploi",
        "sheet": "La fiche à remplir",
        "course": "Présentation du parcours",
        "see_steps": "les étapes de",
        "see_session": "la première séance de",
        "see_step": "la deuxième étape de",
        "see_agenda": "le programme de",
        "see_tool": "la fiche",
        "see_resources": "les ressources de",
        "this_step": "la troisième étape",
        "this_session": "la deuxième séance",
        "image": "Schéma de test généré pour",
        "cols": "N°|Nom ou marque|Groupe|Observation|Suite à donner",
        "hello": "Bonjour à toutes et à tous.",
    },
    "en": {
        "methodology": "Method",
        "curriculum": "Course",
        "case-study": "Case",
        "tool": "Sheet",
        "capsule": "Audio capsule",
        "generated": "Generated test text.",
        "context": "Context",
        "example": "An example in a commune",
        "tips": "Practical tips",
        "happened": "What happened",
        "after": "What came next",
        "how": "How to use it",
        "sheet": "The sheet to fill in",
        "course": "About the course",
        "see_steps": "the steps of",
        "see_session": "the first session of",
        "see_step": "the second step of",
        "see_agenda": "the agenda of",
        "see_tool": "the sheet",
        "see_resources": "the resources of",
        "this_step": "the third step",
        "this_session": "the second session",
        "image": "Generated test diagram for",
        "cols": "No.|Name or mark|Group|Observation|Follow-up",
        "hello": "Hello everyone.",
    },
    "bm": {
        "methodology": "Baarakɛcogo",
        "curriculum": "Kalan",
        "case-study": "Ko kɛlen",
        "tool": "Baarakɛminɛn sɛbɛn",
        "capsule": "Kumakan",
        "generated": "Kɔrɔbɔli sɛbɛn.",
        "context": "Kunnafoniw",
        "example": "Misali komini dɔ la",
        "tips": "Laadilikanw",
        "happened": "Min kɛra",
        "after": "O kɔfɛ",
        "how": "A baarakɛcogo",
        "sheet": "Sɛbɛn min ka kan ka fa",
        "course": "Kalan ɲɛfɔli",
        "see_steps": "sanw",
        "see_session": "kalan fɔlɔ",
        "see_step": "san filanan",
        "see_agenda": "kalan labɛn",
        "see_tool": "sɛbɛn",
        "see_resources": "minɛnw",
        "this_step": "san sabanan",
        "this_session": "kalan filanan",
        "image": "Kɔrɔbɔli ja",
        "cols": "Nimɔrɔ|Tɔgɔ|Jɛkulu|Kɔlɔsili|Baara nata",
        "hello": "Aw ni ce, aw bɛɛ.",
    },
    "snk": {
        "methodology": "Golle kiraxu",
        "curriculum": "Xaranŋe",
        "case-study": "Fo taxaye",
        "tool": "Golle kayiti",
        "capsule": "Kumakan",
        "generated": "Seedi kayiti.",
        "context": "Kibaarun",
        "example": "Misali komini baane",
        "tips": "Digandi",
        "happened": "Fo be taxa",
        "after": "Xa ɲaxa",
        "how": "A golle kiraxu",
        "sheet": "Kayiti",
        "course": "Xaranŋe sire",
        "see_steps": "kiraxun",
        "see_session": "xaranŋe fana",
        "see_step": "kiraxu filanten",
        "see_agenda": "xaranŋe safandi",
        "see_tool": "kayiti",
        "see_resources": "minenun",
        "this_step": "kiraxu sikkonte",
        "this_session": "xaranŋe filanten",
        "image": "Seedi jaaxu",
        "cols": "Limite|Toxo|Kafo|Muuru|Golle",
        "hello": "An wa jamu, an su.",
    },
}

DURATIONS = [
    "90 min",
    "3 h",
    "2 days",
    "3 days",
    "2-4 weeks",
    "4-8 weeks",
    "1-3 months",
    "3-6 months",
]
FORMATS = ["grid", "form", "checklist", "guide", "template"]
STEP_MINUTES = [10, 15, 20, 25, 30, 45]


# --- Text ----------------------------------------------------------------------------------------


class Writer:
    """Seeded sentences and phrases in one of the four languages."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, lang: str, key: str) -> str:
        return self.rng.choice(LEXICON[lang][key])

    def phrase(self, lang: str) -> str:
        text = f"{self.pick(lang, 'objects')} {self.pick(lang, 'complements')}"
        return text[0].upper() + text[1:]

    def sentence(self, lang: str) -> str:
        subject, obj, comp = (
            self.pick(lang, "subjects"),
            self.pick(lang, "objects"),
            self.pick(lang, "complements"),
        )
        verb = self.pick(lang, "verbs")
        if lang in ("fr", "en"):
            text = f"{subject} {verb} {obj} {comp}"
            if self.rng.random() < 0.4:
                text += (
                    " et " if lang == "fr" else " and "
                ) + f"{self.pick(lang, 'verbs')} {self.pick(lang, 'objects')}"
        else:
            text = f"{subject} {self.pick(lang, 'aux')} {obj} {verb} {comp}"
            if self.rng.random() < 0.4:
                text += f", {self.pick(lang, 'objects')} {self.pick(lang, 'verbs')}"
        return text + "."

    def sentences(self, lang: str, count: int) -> str:
        return " ".join(self.sentence(lang) for _ in range(count))

    def paragraph(self, lang: str, words: int) -> str:
        out, total = [], 0
        while total < words:
            sentence = self.sentence(lang)
            out.append(sentence)
            total += len(sentence.split())
        return " ".join(out)


# --- Files ---------------------------------------------------------------------------------------


def png(width: int, height: int, rng: random.Random) -> bytes:
    """A small, valid RGB PNG: horizontal bands of seeded colours (no Pillow needed)."""
    bands = [bytes(rng.randrange(256) for _ in range(3)) for _ in range(rng.randint(2, 5))]
    rows = []
    for y in range(height):
        colour = bands[y * len(bands) // height]
        rows.append(b"\x00" + colour * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def _markdown(front: dict, body: str) -> str:
    head = yaml.dump(
        front,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return f"---\n{head}---\n\n{body.strip()}\n"


def _common(item: dict, lang: str, title: str, summary: str) -> dict:
    front = {"title": title, "summary": summary, "language": lang}
    if item.get("themes"):
        front |= {"themes": item["themes"], "audiences": item["audiences"]}
        if item["places"]:
            front["places"] = item["places"]
        if item["sdgs"]:
            front["sdgs"] = item["sdgs"]
    front |= {"last_reviewed": REVIEWED, "authors": [AUTHOR]}
    if lang == "fr":
        front["version"] = 1
    else:
        front |= {"translators": [AUTHOR], "source_version": 1}
        if lang in REVIEWED_LANGUAGES:
            front["native_review"] = "pending"
    return front


# --- Plan ----------------------------------------------------------------------------------------


def _plan(n: int, rng: random.Random, vocab: dict[str, list]) -> list[dict]:
    """Language-independent facts of every item: slug, vocabulary terms, cross-links, image."""
    width = max(4, len(str(n)))
    slugs = {kind: [f"{SLUG_STEM[kind]}-{i + 1:0{width}d}" for i in range(n)] for kind in KINDS}
    items = []
    for kind in KINDS:
        for index in range(n):
            item = {
                "kind": kind,
                "index": index,
                "slug": slugs[kind][index],
                "number": f"{index + 1:0{width}d}",
                "themes": rng.sample(vocab["themes"], rng.randint(1, 3)),
                "audiences": rng.sample(vocab["audiences"], rng.randint(1, 3)),
                "places": rng.sample(vocab["places"], rng.randint(0, 2)),
                "sdgs": sorted(rng.sample(vocab["sdgs"], rng.randint(0, 3))),
                # Markdown links from the body: another item of each type (with an anchor)
                "link": {k: rng.choice(slugs[k]) for k in KINDS},
            }
            if kind == "methodology":
                item["duration"] = rng.choice(DURATIONS)
                item["tools"] = rng.sample(slugs["tool"], min(n, rng.randint(1, 3)))
                item["roles"], item["risks"] = rng.randint(2, 3), rng.randint(2, 3)
            elif kind == "curriculum":
                item["methodologies"] = rng.sample(slugs["methodology"], min(n, rng.randint(1, 2)))
                item["tools"] = rng.sample(slugs["tool"], min(n, rng.randint(1, 3)))
                item["sessions"] = [
                    {
                        "minutes": [rng.choice(STEP_MINUTES) for _ in range(rng.randint(3, 4))],
                        "tools": rng.sample(slugs["tool"], min(n, rng.randint(0, 2))),
                    }
                    for _ in range(4)
                ]
            elif kind == "case-study":
                item["place"] = rng.choice(vocab["places"])
                start = rng.randint(2015, 2025)
                item["period"] = (
                    str(start) if rng.random() < 0.5 else f"{start}/{start + rng.randint(1, 2)}"
                )
                item["methodologies"] = rng.sample(slugs["methodology"], min(n, rng.randint(1, 2)))
                item["tools"] = rng.sample(slugs["tool"], min(n, rng.randint(0, 2)))
                item["actors"] = rng.randint(2, 3)
            else:
                item["format"] = rng.choice(FORMATS)
            items.append(item)
    for position, item in enumerate(items):
        item["image"] = "figure.png" if position % ITEMS_PER_IMAGE == 0 else None
    return items


def _link(item: dict, kind: str, from_kind: str) -> str:
    """Relative path from an item of ``from_kind`` to the item of ``kind`` it links to."""
    slug = item["link"][kind]
    if kind == from_kind:
        return f"../{slug}/index.md"
    return f"../../{SECTION_OF_TYPE[kind]}/{slug}/index.md"


# --- Content types -------------------------------------------------------------------------------


def _title(item: dict, lang: str, w: Writer) -> str:
    colon = " :" if lang == "fr" else ":"
    return f"{WORDS[lang][item['kind']]} {item['number']}{colon} {w.phrase(lang)}"[:120]


def _summary(lang: str, w: Writer) -> str:
    return f"{WORDS[lang]['generated']} {w.sentences(lang, 2)}"[:400]


def _image_line(item: dict, lang: str, titles: dict) -> str:
    if not item["image"]:
        return ""
    return f"![{WORDS[lang]['image']} {titles[item['slug'], lang]}]({item['image']})\n\n"


def _methodology(item, lang, w, titles):
    words = WORDS[lang]
    front = _common(item, lang, titles[item["slug"], lang], _summary(lang, w))
    front |= {
        "purpose": w.sentences(lang, 2),
        "when_to_use": [w.sentence(lang) for _ in range(3)],
        "duration": item["duration"],
        "steps": [
            {
                "title": w.phrase(lang),
                "description": w.sentences(lang, 3),
                "inclusion": w.sentences(lang, 2),
            }
            for _ in range(5)
        ],
        "roles": [
            {"role": w.pick(lang, "roles"), "tasks": w.sentences(lang, 2)}
            for _ in range(item["roles"])
        ],
        "resources": [w.sentence(lang) for _ in range(3)],
        "risks": [
            {"risk": w.sentence(lang), "mitigation": w.sentences(lang, 2)}
            for _ in range(item["risks"])
        ],
        "tools": item["tools"],
    }
    meth, cur, tool = (item["link"][k] for k in ("methodology", "curriculum", "tool"))
    body = (
        f"## {words['context']}\n\n{_image_line(item, lang, titles)}{w.paragraph(lang, 110)}\n\n"
        f"## {words['example']}\n\n{w.paragraph(lang, 70)} "
        f"[{words['see_steps']} {titles[meth, lang]}]({_link(item, 'methodology', 'methodology')}#steps). "
        f"{w.paragraph(lang, 50)} "
        f"[{words['see_session']} {titles[cur, lang]}]({_link(item, 'curriculum', 'methodology')}#session-1). "
        f"{w.sentence(lang)} [{words['this_step']}](#step-3).\n\n"
        f"## {words['tips']}\n\n"
        + "\n".join(f"- {w.sentences(lang, 2)}" for _ in range(4))
        + f"\n- [{words['see_tool']} {titles[tool, lang]}]({_link(item, 'tool', 'methodology')}).\n"
    )
    return front, body


def _curriculum(item, lang, w, titles):
    words = WORDS[lang]
    front = _common(item, lang, titles[item["slug"], lang], _summary(lang, w))
    front |= {
        "goal": w.sentences(lang, 2),
        "sessions": [
            {
                "title": w.phrase(lang),
                "objectives": [w.sentence(lang) for _ in range(2)],
                "duration_min": sum(session["minutes"]),
                "materials": w.rng.sample(LEXICON[lang]["materials"], 3),
                "steps": [
                    {"minutes": minutes, "activity": w.sentences(lang, 2)}
                    for minutes in session["minutes"]
                ],
                "oral_activity": w.sentences(lang, 2),
                "evaluation": w.sentence(lang),
                **({"tools": session["tools"]} if session["tools"] else {}),
            }
            for session in item["sessions"]
        ],
        "methodologies": item["methodologies"],
        "tools": item["tools"],
    }
    meth, cur = item["link"]["methodology"], item["link"]["curriculum"]
    body = (
        f"## {words['course']}\n\n{_image_line(item, lang, titles)}{w.paragraph(lang, 80)} "
        f"[{words['see_steps']} {titles[meth, lang]}]({_link(item, 'methodology', 'curriculum')}#steps). "
        f"{w.paragraph(lang, 40)} [{words['this_session']}](#session-2). "
        f"[{words['see_agenda']} {titles[cur, lang]}]({_link(item, 'curriculum', 'curriculum')}#agenda).\n"
    )
    return front, body


def _case_study(item, lang, w, titles):
    words = WORDS[lang]
    front = _common(item, lang, titles[item["slug"], lang], _summary(lang, w))
    front |= {
        "place": item["place"],
        "period": item["period"],
        "actors": w.rng.sample(LEXICON[lang]["actors"], item["actors"]),
        "methodologies": item["methodologies"],
        "illustrative": True,
        "results": [w.sentences(lang, 2) for _ in range(3)],
        "lessons": [w.sentences(lang, 2) for _ in range(2)],
    }
    if item["tools"]:
        front["tools"] = item["tools"]
    meth, cur = item["link"]["methodology"], item["link"]["curriculum"]
    body = (
        f"## {words['context']}\n\n{_image_line(item, lang, titles)}{w.paragraph(lang, 110)}\n\n"
        f"## {words['happened']}\n\n{w.paragraph(lang, 60)} "
        f"[{words['see_step']} {titles[meth, lang]}]({_link(item, 'methodology', 'case-study')}#step-2). "
        f"{w.paragraph(lang, 60)}\n\n"
        f"## {words['after']}\n\n{w.paragraph(lang, 50)} "
        f"[{words['see_session']} {titles[cur, lang]}]({_link(item, 'curriculum', 'case-study')}#session-1).\n"
    )
    return front, body


def _tool(item, lang, w, titles):
    words = WORDS[lang]
    front = _common(item, lang, titles[item["slug"], lang], _summary(lang, w))
    front |= {"purpose": w.sentences(lang, 2), "format": item["format"]}
    meth = item["link"]["methodology"]
    columns = words["cols"].split("|")
    rows = [f"| {number} | | {w.pick(lang, 'roles')} | | |" for number in range(1, 9)]
    body = (
        f"## {words['how']}\n\n{_image_line(item, lang, titles)}{w.paragraph(lang, 50)}\n\n"
        + "\n".join(f"{number}. {w.sentence(lang)}" for number in range(1, 4))
        + f"\n4. [{words['see_resources']} {titles[meth, lang]}]({_link(item, 'methodology', 'tool')}#resources).\n\n"
        f"## {words['sheet']}\n\n| "
        + " | ".join(columns)
        + " |\n|"
        + "---|" * len(columns)
        + "\n"
        + "\n".join(rows)
        + "\n"
    )
    return front, body


def _capsule(item, w, titles):
    number = item["number"]
    front = {
        "title": f"{WORDS['fr']['capsule']} {number}",
        "summary": _summary("fr", w),
        "language": "fr",
        "last_reviewed": REVIEWED,
        "authors": [AUTHOR],
        "version": 1,
    }
    body = f"{WORDS['fr']['hello']}\n\n{w.paragraph('fr', 60)}\n\n{w.paragraph('fr', 50)}\n"
    return front, body


WRITERS = {
    "methodology": _methodology,
    "curriculum": _curriculum,
    "case-study": _case_study,
    "tool": _tool,
}


# --- Tree ----------------------------------------------------------------------------------------

ITEM_LINK = re.compile(
    r"\b(" + "|".join(map(re.escape, SECTIONS)) + r")/([a-z0-9-]+)/(index|capsule)\.md"
)


def _retarget(text: str, items: list[dict], seen: dict[str, list[str]]) -> str:
    """A real plain page, its links to real items pointed at generated items of the same type
    (the k-th real slug met in a section becomes the k-th generated one, modulo n)."""
    by_kind = {kind: [i["slug"] for i in items if i["kind"] == kind] for kind in KINDS}

    def replace(match: re.Match) -> str:
        section, slug, page = match[1], match[2], match[3]
        names = seen.setdefault(section, [])
        if slug not in names:
            names.append(slug)
        generated = by_kind[SECTIONS[section]]
        if page == "capsule" and section != SECTION_OF_TYPE["methodology"]:
            page = "index"  # only methodologies get a generated capsule
        return f"{section}/{generated[names.index(slug) % len(generated)]}/{page}.md"

    return ITEM_LINK.sub(replace, text)


def _is_item_file(rel: Path) -> bool:
    """True for files inside a content item's folder (docs/<section>/<slug>/...)."""
    return len(rel.parts) >= 3 and rel.parts[0] in SECTIONS


def _copy_site_frame(out: Path, items: list[dict]) -> None:
    """Configuration, model, theme and hooks, then every file of docs/ that is not part of a
    content item: assets, home pages, catalogue and glossary stubs, contributor guides."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copy2(REPO / "mkdocs.yml", out / "mkdocs.yml")
    for name in ("methodology", "overrides", "hooks"):
        shutil.copytree(REPO / name, out / name, ignore=ignore)
    seen: dict[str, list[str]] = {}
    source = REPO / "docs"
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if not path.is_file() or _is_item_file(rel) or "__pycache__" in rel.parts:
            continue
        target = out / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            target.write_text(
                _retarget(path.read_text(encoding="utf-8"), items, seen), encoding="utf-8"
            )
        else:
            shutil.copy2(path, target)


def _vocabulary_ids(methodology: Path) -> dict[str, list]:
    ids = {}
    for name in ("themes", "audiences", "places", "sdgs"):
        data = yaml.safe_load(
            (methodology / "vocabularies" / f"{name}.yml").read_text(encoding="utf-8")
        )
        ids[name] = [term["id"] for term in data]
    return ids


def generate(out: Path, n: int, seed: int = 0) -> dict:
    """Write a complete hub with ``n`` items of every content type into ``out``; return counts."""
    if n < 1:
        raise ValueError("n must be at least 1")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: generate into a new or empty folder.")
    out.mkdir(parents=True, exist_ok=True)
    docs = out / "docs"
    rng = random.Random(seed)
    w = Writer(rng)
    items = _plan(n, rng, _vocabulary_ids(REPO / "methodology"))
    _copy_site_frame(out, items)

    titles = {(item["slug"], lang): _title(item, lang, w) for item in items for lang in LANGUAGES}
    images = 0
    for item in items:
        folder = docs / SECTION_OF_TYPE[item["kind"]] / item["slug"]
        folder.mkdir(parents=True)
        for lang in LANGUAGES:
            front, body = WRITERS[item["kind"]](item, lang, w, titles)
            (folder / f"index.{lang}.md").write_text(_markdown(front, body), encoding="utf-8")
        if item["kind"] == "methodology":
            front, body = _capsule(item, w, titles)
            (folder / "capsule.fr.md").write_text(_markdown(front, body), encoding="utf-8")
        if item["image"]:
            # the size of a diagram exported for the web: wider than a phone's screen, so the
            # build's 960 px copy is what readers get (and is sharp on a 2x screen)
            (folder / item["image"]).write_bytes(
                png(rng.randint(800, 1400), rng.randint(450, 800), rng)
            )
            images += 1

    files = sum(1 for path in out.rglob("*") if path.is_file())
    sources = [path.relative_to(docs).as_posix() for path in docs.rglob("*.md")]
    markdown = len(sources)
    # Every page is built in every language (a missing translation falls back to French):
    # one page per item, capsule and plain page (home, catalogues, glossary, guides).
    pages = len({describe(src)[1] for src in sources})
    return {
        "seed": seed,
        "documents": {kind: n for kind in KINDS},
        "items": len(items),
        "capsules": n,
        "item_files": len(items) * len(LANGUAGES),
        "markdown_files": markdown,
        "images": images,
        "files": files,
        "pages_per_language": {lang: pages for lang in LANGUAGES},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus",
        description="Write a hub tree of generated test content (n items of every type, four languages).",
    )
    parser.add_argument(
        "--docs", type=int, required=True, metavar="N", help="items of every content type"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="new or empty folder"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    args = parser.parse_args(argv)
    try:
        counts = generate(args.out, args.docs, args.seed)
    except (FileExistsError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    print(json.dumps(counts, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
