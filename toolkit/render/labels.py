"""Words the hub itself puts on pages, in every language of the site.

Bambara (bm) strings: AWAITING NATIVE SPEAKER REVIEW. They were written by the project
team, not by native speakers; a reviewer should correct them and then remove this line.
Soninké (snk) strings: AWAITING A NATIVE SPEAKER; the few present are French sentences that
name the language, since nobody on the team writes Soninké. Where a Bambara or Soninké string is missing, French is shown, since
French is the working language most readers share.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "at_a_glance": {"fr": "En bref", "en": "At a glance", "bm": "A kuma surun"},
    "purpose": {"fr": "Objectif", "en": "Purpose", "bm": "Laɲini"},
    "when_to_use": {"fr": "Quand l'utiliser", "en": "When to use it"},
    "duration": {"fr": "Durée", "en": "Duration", "bm": "Waati"},
    "audiences": {"fr": "Pour qui", "en": "Who it is for"},
    "themes": {"fr": "Thèmes", "en": "Themes"},
    "places": {"fr": "Lieux", "en": "Places", "bm": "Yɔrɔw"},
    "sdgs": {"fr": "ODD", "en": "SDGs"},
    "steps": {"fr": "Étapes", "en": "Steps"},
    "inclusion": {"fr": "Inclure les femmes et les jeunes", "en": "Including women and young people"},
    "roles": {"fr": "Rôles", "en": "Roles"},
    "role": {"fr": "Qui", "en": "Who"},
    "tasks": {"fr": "Fait quoi", "en": "Does what"},
    "resources": {"fr": "Ressources", "en": "Resources"},
    "risks": {"fr": "Risques et parades", "en": "Risks and how to handle them"},
    "risk": {"fr": "Risque", "en": "Risk"},
    "mitigation": {"fr": "Parade", "en": "How to handle it"},
    "goal": {"fr": "But de la formation", "en": "Goal of the course"},
    "agenda": {"fr": "Programme", "en": "Agenda"},
    "session": {"fr": "Séance", "en": "Session"},
    "total": {"fr": "Total", "en": "Total"},
    "objectives": {"fr": "Objectifs", "en": "Objectives"},
    "audience": {"fr": "Public", "en": "Audience"},
    "materials": {"fr": "Matériel", "en": "Materials"},
    "timing": {"fr": "Temps", "en": "Time"},
    "activity": {"fr": "Activité", "en": "Activity"},
    "oral_activity": {"fr": "Activité sans lecture", "en": "Activity without reading"},
    "evaluation": {"fr": "Évaluation", "en": "Evaluation"},
    "minutes": {"fr": "min", "en": "min", "bm": "min", "snk": "min"},
    "place": {"fr": "Lieu", "en": "Place", "bm": "Yɔrɔ"},
    "period": {"fr": "Période", "en": "Period", "bm": "Waati"},
    "period.unknown": {"fr": "non précisée par les sources", "en": "not stated by the sources"},
    "actors": {"fr": "Acteurs", "en": "Actors"},
    "results": {"fr": "Résultats", "en": "Results"},
    "lessons": {"fr": "Leçons", "en": "Lessons"},
    "sources": {"fr": "Sources", "en": "Sources"},
    "illustrative": {
        "fr": "Scénario illustratif : cette étude de cas a été construite pour enseigner une méthode. "
              "Les lieux servent de décor ; les faits, les personnes et les chiffres ne sont pas réels.",
        "en": "Illustrative scenario: this case study was built to teach a method. "
              "The places are a setting; the events, people and figures are not real.",
    },
    "format": {"fr": "Type de fiche", "en": "Kind of sheet"},
    "format.grid": {"fr": "grille", "en": "grid"},
    "format.form": {"fr": "formulaire", "en": "form"},
    "format.checklist": {"fr": "liste de contrôle", "en": "checklist"},
    "format.guide": {"fr": "guide", "en": "guide"},
    "format.template": {"fr": "modèle", "en": "template"},
    "related": {"fr": "Pour aller plus loin", "en": "Related"},
    "uses_tools": {"fr": "Fiches outils utilisées", "en": "Tool sheets used"},
    "teaches": {"fr": "Méthodologies enseignées", "en": "Methodologies taught"},
    "applies": {"fr": "Méthodologies appliquées", "en": "Methodologies applied"},
    "backlinks.case-study": {"fr": "Études de cas qui l'appliquent", "en": "Case studies that apply it"},
    "backlinks.curriculum": {"fr": "Formations qui l'utilisent", "en": "Courses that use it"},
    "backlinks.methodology": {"fr": "Méthodologies qui l'utilisent", "en": "Methodologies that use it"},
    "capsule": {"fr": "Capsule vocale", "en": "Voice capsule"},
    "capsule.link": {
        "fr": "le résumé à lire à voix haute ou à enregistrer pour Lenali",
        "en": "the summary to read aloud or record for Lenali",
    },
    "credits": {"fr": "Crédits", "en": "Credits"},
    "authors": {"fr": "Rédaction", "en": "Written by"},
    "translators": {"fr": "Traduction", "en": "Translated by"},
    "last_reviewed": {"fr": "Dernière révision", "en": "Last reviewed"},
    "kind.methodology": {"fr": "Méthodologie", "en": "Methodology"},
    "kind.curriculum": {"fr": "Formation", "en": "Training course"},
    "kind.case-study": {"fr": "Étude de cas", "en": "Case study"},
    "kind.tool": {"fr": "Fiche outil", "en": "Tool sheet"},
    "kind.capsule": {"fr": "Capsule vocale", "en": "Voice capsule"},
    "kind.page": {"fr": "Page simple", "en": "Plain page"},
    "section.methodology": {"fr": "Méthodologies", "en": "Methodologies"},
    "section.curriculum": {"fr": "Formations", "en": "Training courses"},
    "section.case-study": {"fr": "Études de cas", "en": "Case studies"},
    "section.tool": {"fr": "Fiches outils", "en": "Tool sheets"},
    "catalogue.intro.methodology": {
        "fr": "Les démarches que le projet a testées, étape par étape.",
        "en": "The approaches the project tested, step by step.",
    },
    "catalogue.intro.curriculum": {
        "fr": "Des formations prêtes à animer, séance par séance, avec leurs horaires.",
        "en": "Ready-to-run training courses, session by session, with timings.",
    },
    "catalogue.intro.case-study": {
        "fr": "Ce qui s'est passé dans des communes, avec les sources, et des scénarios pour apprendre.",
        "en": "What happened in communes, with sources, and scenarios to learn from.",
    },
    "catalogue.intro.tool": {
        "fr": "Des fiches à imprimer : grilles, formulaires, listes de contrôle.",
        "en": "Sheets to print: grids, forms, checklists.",
    },
    "filter.themes": {"fr": "Thème", "en": "Theme"},
    "filter.audiences": {"fr": "Public", "en": "Audience"},
    "filter.places": {"fr": "Lieu", "en": "Place", "bm": "Yɔrɔ"},
    "filter.languages": {"fr": "Langue", "en": "Language", "bm": "Kan"},
    "filter.duration": {"fr": "Durée", "en": "Duration", "bm": "Waati"},
    "filter.duration.half-day": {"fr": "une demi-journée au plus", "en": "half a day or less"},
    "filter.duration.week": {"fr": "une semaine au plus", "en": "a week or less"},
    "filter.duration.longer": {"fr": "plus longue", "en": "longer"},
    "filter.all": {"fr": "tous", "en": "all"},
    "filter.reset": {"fr": "Tout afficher", "en": "Show all"},
    "catalogue.empty": {"fr": "Aucune page pour l'instant.", "en": "No page yet."},
    "glossary": {"fr": "Glossaire", "en": "Glossary", "bm": "Daɲɛgafe", "snk": "Glossaire"},
    "glossary.intro": {
        "fr": "Les mots de la gouvernance locale, expliqués simplement, avec leurs équivalents en bambara et en soninké quand ils sont connus.",
        "en": "The words of local governance, explained simply, with Bambara and Soninké equivalents where they are known.",
    },
    "glossary.term": {"fr": "Terme", "en": "Term"},
    "glossary.definition": {"fr": "Définition", "en": "Definition"},
    "glossary.awaiting": {
        "fr": "en attente de relecture par une personne de langue maternelle",
        "en": "awaiting review by a native speaker",
    },
    "review.title": {"fr": "Relecture en attente", "en": "Review pending", "bm": "Lajɛli bɛ makɔnɔ"},
    "review.pending": {
        "fr": "Ce texte attend la relecture d'une personne dont c'est la langue maternelle.",
        "en": "This text awaits review by a native speaker.",
        "bm": "Nin sɛbɛn in ma lajɛ fɔlɔ bamanankan fɔbaga dɔ fɛ. "
              "(Ce texte attend la relecture d'une personne de langue maternelle bambara.)",
        "snk": "Sooninkanxanne : ce texte attend la relecture d'une personne de langue maternelle soninké.",
    },
    "fallback.notice": {
        "fr": "Cette page n'existe pas encore dans cette langue : voici la version française.",
        "en": "This page is not available in English yet: here is the French version.",
        "bm": "Nin sɛbɛn in tɛ bamanankan na fɔlɔ: a faransikan bɛ yan. "
              "(Cette page n'existe pas encore en bambara : voici la version française.)",
        "snk": "Sooninkanxanne : cette page n'existe pas encore en soninké ; voici la version française.",
    },
    "fallback.translate": {
        "fr": "Vous pouvez la traduire",
        "en": "You can translate it",
        "bm": "I bɛ se k'a bamanankan na",
        "snk": "Traduire cette page en soninké",
    },
    "fields.title": {"fr": "Référence des champs", "en": "Field reference"},
    "fields.intro": {
        "fr": "Les champs de l'en-tête de chaque type de page, tirés des schémas du modèle de contenu. "
              "Les noms de champs et les descriptions sont en anglais, comme le code.",
        "en": "The header fields of each type of page, taken from the schemas of the content model.",
    },
    "fields.field": {"fr": "Champ", "en": "Field"},
    "fields.required": {"fr": "Obligatoire", "en": "Required"},
    "fields.type": {"fr": "Type", "en": "Type"},
    "fields.description": {"fr": "Description", "en": "Description"},
    "fields.yes": {"fr": "oui", "en": "yes"},
    "status.title": {"fr": "État des traductions", "en": "Translation status", "bm": "Bamanankan: bayɛlɛmani"},
    "status.intro": {
        "fr": "Pour chaque langue : les pages traduites, celles qui manquent, celles dont la version "
              "française a changé depuis la traduction, et celles qui attendent une relecture.",
        "en": "For each language: the pages translated, those missing, those whose French version "
              "changed since they were translated, and those awaiting review.",
    },
    "status.language": {"fr": "Langue", "en": "Language"},
    "status.pages": {"fr": "Pages", "en": "Pages"},
    "status.existing": {"fr": "Traduites", "en": "Translated"},
    "status.missing": {"fr": "Manquantes", "en": "Missing"},
    "status.stale": {"fr": "À mettre à jour", "en": "Outdated"},
    "status.pending-review": {"fr": "À relire", "en": "To review"},
    "status.up-to-date": {"fr": "À jour", "en": "Up to date"},
    "status.next": {"fr": "À traduire en priorité", "en": "To translate first"},
    "status.page": {"fr": "Page", "en": "Page"},
    "status.state": {"fr": "État", "en": "State"},
    "stale.notice": {
        "fr": "La version française de cette page a changé depuis cette traduction.",
        "en": "The French version of this page has changed since this translation was made.",
        "bm": "Nin sɛbɛn in faransikan yɛlɛmana kabini a bamanankan dilanna.",
        "snk": "Sooninkanxanne : la version française de cette page a changé depuis cette traduction.",
    },
    "stale.link": {"fr": "Lire la version française", "en": "Read the French version",
                   "bm": "A faransikan kalan"},
    "edit": {"fr": "Modifier cette page", "en": "Edit this page", "bm": "Nin sɛbɛn in yɛlɛma"},
    "translate": {"fr": "Traduire cette page", "en": "Translate this page"},
    "language.fr": {"fr": "français", "en": "French", "bm": "faransikan"},
    "language.en": {"fr": "anglais", "en": "English", "bm": "angilɛkan"},
    "language.bm": {"fr": "bambara", "en": "Bambara", "bm": "bamanankan"},
    "language.snk": {"fr": "soninké", "en": "Soninké", "bm": "marakakan"},
    "kits.title": {"fr": "Téléchargements", "en": "Downloads", "bm": "Kunnafoni jiginniw"},
    "kits.intro": {
        "fr": "Des kits pour utiliser le centre de ressources sans connexion : sur une clé USB, une "
              "carte SD ou un point d'accès Kiwix. Chaque kit contient un manifeste et des sommes de "
              "contrôle SHA-256.",
        "en": "Kits to use the resource centre without a connection: on a USB stick, an SD card or a "
              "Kiwix hotspot. Each kit holds a manifest and SHA-256 checksums.",
    },
    "kits.none": {
        "fr": "Les kits sont produits par la construction complète du site (make build) ; cet aperçu n'en contient pas.",
        "en": "Kits are produced by the full build of the site (make build); this preview has none.",
    },
    "kits.kit": {"fr": "Kit", "en": "Kit"},
    "kits.size": {"fr": "Taille", "en": "Size"},
    "kits.date": {"fr": "Date", "en": "Date"},
    "kits.sha256": {"fr": "SHA-256", "en": "SHA-256"},
    "kits.verify": {
        "fr": "Vérifier un kit téléchargé : sha256sum -c SHA256SUMS, ou hub verify <kit>.",
        "en": "Check a downloaded kit: sha256sum -c SHA256SUMS, or hub verify <kit>.",
    },
    "kits.name.sahelink": {"fr": "Kit SaheLink", "en": "SaheLink kit"},
    "kits.name.lenali": {"fr": "Kit Lenali (capsules vocales)", "en": "Lenali kit (voice capsules)"},
    "kits.name.zim": {"fr": "Fichier Kiwix (ZIM)", "en": "Kiwix file (ZIM)"},
    "kits.about.sahelink": {
        "fr": "Le site hors ligne dans cette langue, chaque document en PDF, DOCX et EPUB (en français "
              "quand il n'est pas encore traduit), des catalogues (Dublin Core, OPDS) et des résumés.",
        "en": "The offline site in this language, every document as PDF, DOCX and EPUB (in French when "
              "not translated yet), catalogues (Dublin Core, OPDS) and summaries.",
    },
    "kits.about.lenali": {
        "fr": "Un script parlé par méthodologie en bambara, soninké et français, et un guide d'enregistrement.",
        "en": "A spoken script per methodology in Bambara, Soninké and French, and a recording guide.",
    },
    "kits.about.zim": {
        "fr": "Le site dans cette langue (les pages non traduites en français), avec sa recherche, pour Kiwix.",
        "en": "The site in this language (pages not translated yet in French), with search, for Kiwix.",
    },
    "kits.download": {"fr": "Télécharger", "en": "Download", "bm": "A jigin"},
    "kits.type": {"fr": "Type", "en": "Type"},
    "kits.language": {"fr": "Langue", "en": "Language", "bm": "Kan"},
    "kits.licence": {"fr": "Licence", "en": "Licence"},
    "kits.address": {"fr": "Adresse", "en": "Address"},
    "kits.zim.title": {"fr": "Participation citoyenne Kayes", "en": "Civic participation · Kayes"},
    "kits.zim.description": {
        "fr": "Méthodes, formations, cas : femmes et jeunes dans la gouvernance locale",
        "en": "Methods, courses, cases: women and youth in local governance in Kayes",
    },
    "kits.zim.long_description": {
        "fr": "Le centre de ressources sur la participation citoyenne des femmes et des jeunes à la "
              "gouvernance locale dans la région de Kayes (Mali) : méthodologies, formations, "
              "études de cas et fiches outils à imprimer, avec leur recherche. Les pages qui ne "
              "sont pas encore traduites sont en français.",
        "en": "The resource centre on the civic participation of women and young people in local "
              "governance in the Kayes region (Mali): methodologies, training courses, case "
              "studies and printable tool sheets, with search. Pages not translated yet are in "
              "French.",
    },
    "kits.fallback": {"fr": "Traduction", "en": "Translation"},
    "kits.fallback.note": {
        "fr": "pas encore de traduction : version française",
        "en": "not translated yet: French version",
    },
    "kits.fallback.mark": {"fr": "version française", "en": "French version"},
    "kits.pack": {"fr": "Dossier d'animation", "en": "Facilitator pack"},
    "kits.pack.agenda": {"fr": "Programme détaillé", "en": "Detailed agenda"},
    "kits.pack.time": {"fr": "Horaire", "en": "Time"},
    "kits.pack.tools": {"fr": "Fiches outils", "en": "Tool sheets"},
    # the SaheLink kit: summaries and README
    "kits.read_more": {"fr": "Lire la page complète", "en": "Read the full page"},
    "kits.key_points": {"fr": "À retenir", "en": "Key points"},
    "kits.readme.title": {"fr": "Kit SaheLink", "en": "SaheLink kit"},
    "kits.readme.intro": {
        "fr": "Les méthodologies, formations, études de cas et fiches outils du centre de "
              "ressources sur la participation citoyenne des femmes et des jeunes dans la région "
              "de Kayes, à lire hors ligne.",
        "en": "The methodologies, training courses, case studies and tool sheets of the resource "
              "centre on the civic participation of women and young people in the Kayes region, "
              "to read offline.",
    },
    "kits.readme.documents": {"fr": "les documents en PDF, DOCX et EPUB, rangés par type",
        "en": "the documents as PDF, DOCX and EPUB, by type"},
    "kits.readme.catalogue": {"fr": "la liste des fichiers (Dublin Core), pour un catalogue",
        "en": "the list of files (Dublin Core), for a catalogue"},
    "kits.readme.library": {
        "fr": "les mêmes documents pour une bibliothèque (OAI-PMH, Dublin Core) et pour une liseuse (OPDS)",
        "en": "the same documents for a library (OAI-PMH, Dublin Core) and for an e-reader (OPDS)",
    },
    "kits.readme.summaries": {"fr": "des résumés courts, prêts à publier",
        "en": "short summaries, ready to publish"},
    "kits.readme.site": {"fr": "le site hors ligne : ouvrir site/index.html dans un navigateur",
                    "en": "the offline site: open site/index.html in a browser"},
    "kits.readme.check": {"fr": "Pour vérifier qu'aucun fichier n'a été abîmé pendant la copie :",
        "en": "To check that no file was damaged while copying:"},
    "kits.readme.licence": {"fr": "Contenu sous licence", "en": "Content licensed under"},
}


def label(key: str, lang: str) -> str:
    """The label in ``lang``, else French, else the key itself (visible, never a crash)."""
    entry = LABELS.get(key, {})
    return entry.get(lang) or entry.get("fr") or key
