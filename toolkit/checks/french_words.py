"""French words left unmarked in Bambara text.

A Bambara page (or a glossary definition, or an interface string) may keep a French term: a
name of an institution, a document, a procedure whose Bambara name is not settled. Readers and
screen readers must then know that the term is French, and a reviewer must see what is left to
translate: the term goes in ``<span lang="fr">…</span>`` (or a ``<div lang="fr">`` block).
This check reports, with file and line, the French words found outside such marks:

- a list of common French words (:data:`COMMON_FRENCH`), without the words that are also
  Bambara (``a``, ``la``, ``de``, ``du``, ``ce``, ``se``, ``si``, ``ni``, ``ne``, ``don``…);
- the French terms of the glossary (``methodology/glossary.yml``), but for names, whose French
  and English terms are the same (Xensa, Lenali);
- any word written with a letter that the official Bambara alphabet does not have and that
  French does (é, à, ç…: the decree of 1982 has 27 letters and no accents).

What stays French is the writer's choice; what the check asks is that it be marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from toolkit.content.corpus import Document
from toolkit.content.problems import Problem
from toolkit.content.vocabularies import Glossary

CHECK = "french-word"

#: Common French words. None of them is also a Bambara word: those (a, la, de, du, ce, se, si,
#: ni, ne, don, bon, fin, son, sa, tu, min, ma, mi, o, i, an, ka, ko, ye, y) are left out, since
#: they cannot tell the two languages apart.
COMMON_FRENCH: frozenset[str] = frozenset(
    """
    le les des un une et est sont ou où au aux pour par avec dans sur sous qui que quoi dont
    pas plus moins très tout tous toute toutes cette ces cet ses leur leurs notre nos votre vos
    mon mes il ils elle elles nous vous on en être avoir fait faire peut peuvent doit doivent
    aussi mais donc car comme quand avant après entre chez sans selon depuis encore déjà ici
    bien oui merci bonjour aujourd'hui chaque même autre autres ainsi alors puis ensuite enfin
    c'est n'est qu'il qu'on d'un d'une l'on jusqu'à parce
    commune communes communal communale communaux conseil conseils conseiller conseillère
    conseillers conseillères municipal maire mairie élu élus élue élues élection élections
    public publics publique publiques centre ressources équipe débat débats suivi suivis
    contrôle citoyen citoyenne citoyens citoyennes outil outils fiche fiches carte cartes score
    communautaire communautaires rapport rapports provisoire compte comptes rendu rendus
    restitution restitutions participation consentement réseau données formation formations
    femme femmes jeune jeunes homme hommes fille filles village villages quartier quartiers
    réunion réunions programme programmes développement économique culturel
    social sociale service services santé école marché document documents disponible
    changement changements gouvernance locale local région cercle espace connecté capsule
    capsules vocale vocal voix message messages téléphone groupe groupes association
    associations président présidente projet projets séance séances question questions
    réponse réponses engagement engagements action actions priorité priorités vote votes
    argent dépense dépenses recette recettes investissement fonctionnement administratif
    tutelle délégation spéciale migration migrants plaidoyer diagnostic inclusion animateur
    animatrice animation partenaire partenaires application applications internet site page
    pages lecture écoute enregistrement enregistrer relecture attente
    """.split()
)

#: French words that Bambara speakers use as they are, for which no Bambara word is settled:
#: the session capsules reviewed in issue 29 use them unmarked. A native reviewer may move a
#: word from here to :data:`COMMON_FRENCH` (and the pages then mark it).
LOANWORDS: frozenset[str] = frozenset({"budget", "budgets"})

#: Letters of written French that the official Bambara alphabet does not have.
FRENCH_LETTERS = frozenset("éêëàâçîïôûùüÿœæÉÊËÀÂÇÎÏÔÛÙÜŸŒÆ")

#: What the check does not read: French passages already marked, code, HTML tags, link
#: targets and addresses (their words are not text).
FRENCH_SPAN = re.compile(r'<span\s+lang="fr"[^>]*>.*?</span>', re.S)
FRENCH_BLOCK_START = re.compile(r'^\s*<div\s+lang="fr"')
SKIPPED = re.compile(
    r"`[^`]*`"  # code
    r"|<[^>]*>"  # tags
    r"|\]\([^)]*\)"  # link targets
    r"|\]\[[^\]]*\]"  # reference links
    r"|https?://\S+"  # bare addresses
    r"|[\w.-]*/[\w./-]*"  # file paths (site/index.html)
    r"|\{[:#.][^}]*\}"  # attribute lists
)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def french_terms(glossary: Glossary | None) -> tuple[re.Pattern[str], ...]:
    """The glossary's French terms as patterns (names, spelt the same in English, left out)."""
    if glossary is None:
        return ()
    return _term_patterns(
        tuple(
            entry.fr.term
            for entry in glossary.entries
            if entry.fr.term.strip().lower() != entry.en.term.strip().lower()
        )
    )


def _term_patterns(terms: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """One pattern for all the terms, longest first (one pass over each line)."""
    bodies = []
    for term in sorted(set(terms), key=len, reverse=True):
        words = WORD.findall(term.split("(")[0])
        if words:
            bodies.append(r"\W+".join(re.escape(w) for w in words))
    if not bodies:
        return ()
    return (re.compile(rf"(?<!\w)(?:{'|'.join(bodies)})(?!\w)", re.I),)


def french_words(text: str, terms: Iterable[re.Pattern[str]] = ()) -> list[str]:
    """The French words and terms of one line of Bambara text, in the order found (each once)."""
    text = SKIPPED.sub(" ", FRENCH_SPAN.sub(" ", text))
    found: list[str] = []
    for pattern in terms:
        for match in pattern.finditer(text):
            found.append(match[0])
        text = pattern.sub(" ", text)
    for word in WORD.findall(text):
        lower = word.lower().replace("’", "'")
        if lower in LOANWORDS:
            continue
        if lower in COMMON_FRENCH or any(ch in FRENCH_LETTERS for ch in word):
            found.append(word)
    return list(dict.fromkeys(found))


def _lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The lines that are Bambara text: those of a ``<div lang="fr">`` block are left out."""
    in_french = False
    for number, line in lines:
        if FRENCH_BLOCK_START.match(line):
            in_french = "</div>" not in line
            continue
        if in_french:
            in_french = "</div>" not in line
            continue
        yield number, line


def _problem(path: str, line: int, words: list[str], field: bool = False) -> Problem:
    shown = ", ".join(f"« {w} »" for w in words[:6]) + (" …" if len(words) > 6 else "")
    return Problem(
        path,
        line,
        CHECK,
        f"French in Bambara text, not marked: {shown}.",
        "Write it in Bambara: a title or summary shows text only and cannot mark a French term."
        if field
        else 'Write it in Bambara, or keep the French term inside <span lang="fr">…</span>.',
    )


#: Front matter fields whose value is text in the page's language.
TEXT_FIELDS = re.compile(r"^\s*(title|summary|description)\s*:")


def _body_start(lines: list[str]) -> int:
    """The number of the first line after the front matter (1 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return 1
    for number, line in enumerate(lines[1:], 2):
        if line.strip() in ("---", "..."):
            return number + 1
    return 1


def check_document(doc: Document, glossary: Glossary | None) -> list[Problem]:
    """The unmarked French words of a Bambara page: its title, summary and body, by line."""
    if doc.lang != "bm" or doc.text is None:
        return []
    terms = french_terms(glossary)
    lines = doc.text.split("\n")
    body_start = _body_start(lines)
    numbered: list[tuple[int, str]] = []
    field_indent = None  # the indent of the text field being read, if any
    for number, line in enumerate(lines[: body_start - 1], 1):
        indent = len(line) - len(line.lstrip(" -"))
        if TEXT_FIELDS.match(line.replace("- ", "  ", 1)):
            field_indent = indent
            value = line.split(":", 1)[1].strip().strip("\"'>-")
            numbered.append((number, value))
        elif field_indent is not None and indent > field_indent and line.strip():
            numbered.append((number, line))
        else:
            field_indent = None
    numbered += [(n, line) for n, line in enumerate(lines[body_start - 1 :], body_start)]
    problems = []
    for number, line in _lines(numbered):
        words = french_words(line, terms)
        if words:
            problems.append(_problem(doc.rel, number, words, field=number < body_start))
    return problems


#: The keys of a glossary entry's Bambara part (their names are not Bambara text).
YAML_KEYS = re.compile(r"\b(term|definition|native_review)\s*:|\bpending\b")


def check_glossary(methodology_dir: Path, root: Path, glossary: Glossary | None) -> list[Problem]:
    """The unmarked French words of the glossary's Bambara terms and definitions."""
    path = methodology_dir / "glossary.yml"
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []  # reported by the glossary's own loader
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    terms = french_terms(glossary)
    problems, in_bm = [], False
    for number, line in enumerate(lines, 1):
        if re.match(r"^  [a-z_]+:", line):
            in_bm = line.startswith("  bm:")
            line = line[len("  bm:") :] if in_bm else ""  # a flow mapping: {term: …, definition: …}
        if not in_bm:
            continue
        value = YAML_KEYS.sub(" ", line).strip().strip("{}").strip().strip("\"'")
        words = french_words(value.replace('\\"', '"'), terms)
        if words:
            problems.append(_problem(rel, number, words))
    return problems


def check_catalogue(po_file: Path, root: Path, glossary: Glossary | None) -> list[Problem]:
    """The unmarked French words of the Bambara interface strings (``msgstr`` of a .po file)."""
    try:
        lines = po_file.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []
    rel = po_file.relative_to(root).as_posix() if po_file.is_relative_to(root) else str(po_file)
    terms = french_terms(glossary)
    problems, in_msgstr = [], False
    for number, line in enumerate(lines, 1):
        if line.startswith("msgstr"):
            in_msgstr = True
            line = line[len("msgstr") :]
        elif not line.startswith('"'):
            in_msgstr = False
        if not in_msgstr:
            continue
        value = line.strip().strip('"').replace('\\"', '"')
        words = french_words(value, terms)
        if words:
            problems.append(_problem(rel, number, words))
    return problems


def check_bambara_text(root: Path, glossary: Glossary | None) -> list[Problem]:
    """The checks that are not about one page: the glossary and the interface strings."""
    problems = check_glossary(root / "methodology", root, glossary)
    for po_file in sorted((root / "locales" / "bm").glob("LC_MESSAGES/*.po")):
        problems += check_catalogue(po_file, root, glossary)
    return problems
