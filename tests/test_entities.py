"""Entities: name variants that merge, surnames that join full names, one type per entity from its cues."""

from __future__ import annotations

import pytest

from newsprism.analyze import alias_key, keys_match
from newsprism.analyze._aliases import core_key
from newsprism.analyze._entities import group_mentions
from newsprism.compare._entities import merge_entities
from newsprism.types import Mention

FIRE_A = (
    "Chemical plant fire forces evacuation\n\n"
    "A fire broke out on Tuesday at a plant run by Brennock Chemicals on the edge of Dunmore, forcing hundreds of "
    "residents to leave their homes.\n\n"
    "Maria Alvarez, who heads the regional fire service, said the blaze was under control by the evening. "
    "Alvarez said no one had been hurt. Alvarez added that crews would stay overnight.\n\n"
    "The plant ships its products through Brennock Shipping, a sister firm. Mayor Tomas Reyes thanked the crews."
)
FIRE_B = (
    "Blaze at Brennock plant under control, fire chief says\n\n"
    "Firefighters contained a blaze at the Brennock Chemical Company plant near Dunmore on Tuesday, the fire "
    "service said.\n\n"
    "Fire chief Alvarez told reporters the fire started in a storage hall. Alvarez said the cause was not yet "
    "known.\n\n"
    "Brennock Shipping Ltd., which moves the plant's output, said deliveries would resume on Friday."
)
SIBLINGS = (
    "Siblings lead rival bids for harbour contract\n\n"
    "Maria Alvarez and her brother Jorge Alvarez have each submitted a bid to run the Dunmore ferry service. "
    "Alvarez said on Monday that the council should decide by June.\n\n"
    "Tom Okafor, who chairs the port board, said both bids would be reviewed. A decision is due in July, Okafor "
    "said."
)


@pytest.fixture(scope="module")
def fire_analyses():
    """Two reports of one fire and a third text, analysed once."""
    from newsprism import analyze_many
    from newsprism.ingest import build_article

    texts = {"fire-a": FIRE_A, "fire-b": FIRE_B, "siblings": SIBLINGS}
    articles = []
    for name, text in texts.items():
        title, body = text.split("\n\n", 1)
        articles.append(build_article(name, {"id": name, "title": title, "text": body, "language": "en"}))
    return analyze_many(articles)


def _mention(text: str, surface: str, label: str, occurrence: int = 0) -> Mention:
    """A mention of the `occurrence`-th appearance of `surface` in `text`, as a tagger would give it."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, label, alias_key(surface))


def _merged(entities, form):
    return next(e for e in entities if any(form in forms for forms in e.forms.values()))


def test_keys_match_legal_forms_and_plurals():
    same = [
        ("Brennock Chemicals", "Brennock Chemical Company"),
        ("Brennock Shipping", "Brennock Shipping Ltd."),
        ("Acme Co.", "Acme Company"),
        ("Acme Inc.", "Acme Corp."),
        ("Acme S.A.", "Acme GmbH"),
        ("Acme AG", "Acme plc"),
        ("Acme Group", "Acme LLC"),
        ("Dunmore Industries", "Dunmore Industry Ltd"),
    ]
    for a, b in same:
        assert keys_match(alias_key(a), alias_key(b)), (a, b)
    matched_before = [("Hurras al-Din", "Huras Addin"), ("Hayat Tahrir al-Sham", "HTS"), ("Idlib", "Idlib")]
    for a, b in matched_before:
        assert keys_match(alias_key(a), alias_key(b)), (a, b)
    assert not keys_match(alias_key("Brennock Chemicals"), alias_key("Dunmore Chemicals"))
    assert core_key(alias_key("Paris")) == "paris"
    assert core_key(alias_key("Group")) == "group"


def test_compare_merges_company_name_variants(fire_analyses):
    merged = merge_entities(fire_analyses[:2])
    chemicals = _merged(merged, "Brennock Chemicals")
    assert chemicals.forms == {0: ["Brennock Chemicals"], 1: ["Brennock Chemical Company"]}
    assert chemicals.label == "ORG"
    assert _merged(merged, "Brennock Shipping").forms[1] == ["Brennock Shipping Ltd."]


def test_surname_joins_the_full_name_within_a_report(fire_analyses):
    people = {e.name: e.surface_forms for e in fire_analyses[0].entities if e.label == "PERSON"}
    assert people["Maria Alvarez"] == ["Maria Alvarez", "Alvarez"]
    assert "Alvarez" not in people


def test_surname_joins_the_full_name_across_reports(fire_analyses):
    alvarez = _merged(merge_entities(fire_analyses[:2]), "Maria Alvarez")
    assert (alvarez.name, alvarez.label) == ("Maria Alvarez", "PERSON")
    assert alvarez.forms[1] == ["Alvarez"]
    assert sum(alvarez.mentions.values()) == 5


def test_surname_shared_by_two_people_stays_apart(fire_analyses):
    entities = {e.name: e.surface_forms for e in fire_analyses[2].entities}
    assert entities["Maria Alvarez"] == ["Maria Alvarez"]
    assert entities["Jorge Alvarez"] == ["Jorge Alvarez"]
    assert "Alvarez" in entities
    assert entities["Tom Okafor"] == ["Tom Okafor", "Okafor"]
    across = merge_entities([fire_analyses[2], fire_analyses[1]])
    assert _merged(across, "Alvarez").name == "Alvarez"


def test_surname_typed_org_or_gpe_joins_the_person():
    text = "Maria Alvarez runs the service. Alvarez said so. Alvarez left. Alvarez returned."
    mentions = [
        _mention(text, "Maria Alvarez", "PERSON"),
        _mention(text, "Alvarez", "ORG", 1),
        _mention(text, "Alvarez", "GPE", 2),
        _mention(text, "Alvarez", "ORG", 3),
    ]
    (entity,) = group_mentions(mentions, {}, text)
    assert (entity.name, entity.label, len(entity.mentions)) == ("Maria Alvarez", "PERSON", 4)
    assert all(text[m.start : m.end] == m.text for m in entity.mentions)


def test_type_cues_outrank_the_taggers_count():
    text = (
        "Hurras al-Din fighters attacked. Hurras al-Din, a group that split from al-Qaeda, denied it. "
        "Hurras al-Din said more. The Valeport council met. Mayor Marsh spoke. Marsh left."
    )
    mentions = [
        *(_mention(text, "Hurras al-Din", "PERSON", i) for i in range(3)),
        _mention(text, "Valeport", "PERSON"),
        _mention(text, "Marsh", "ORG", 0),
        _mention(text, "Marsh", "ORG", 1),
    ]
    labels = {e.name: e.label for e in group_mentions(mentions, {}, text)}
    assert labels == {"Hurras al-Din": "ORG", "Valeport": "GPE", "Marsh": "PERSON"}


def test_compare_types_an_entity_from_every_report(bridge_analyses):
    labels = {e.name: e.label for e in merge_entities(bridge_analyses)}
    assert labels["Valeport"] == "GPE"
    assert labels["Eastbank"] == "GPE"
    assert labels["Elena Marsh"] == "PERSON"


@pytest.mark.data
def test_seed_armed_groups_are_organisations(seed_comparison):
    types = {e.name: e.type for e in seed_comparison.entities}
    assert types["Hurras al-Din"] == "ORG"
    assert types["Tahrir al-Sham"] == "ORG"


STRIKE_A = (
    "Tram drivers walk out over pay\n\n"
    "The Road and Rail Crews Union (RRCU) called the strike after talks with Metrolink Carrick Group failed. "
    "Leanne Farrow, the union's general secretary, said drivers had been patient for two years.\n\n"
    "The talks broke down on Tuesday. Farrow said the strike could end if the offer improved. The RRCU said "
    "pickets would stand at every depot."
)
STRIKE_B = (
    "Tram services halted as drivers strike\n\n"
    "No trams will run on Friday, a spokesman for Metrolink said. The RRCU wants a rise of 7 per cent; "
    "Metrolink Carrick has offered 3 per cent."
)


@pytest.fixture(scope="module")
def strike_analyses():
    """Two reports of one strike, with a defined acronym, a company's short names and a surname used alone."""
    from newsprism import analyze_many
    from newsprism.ingest import build_article

    articles = []
    for index, text in enumerate((STRIKE_A, STRIKE_B)):
        title, body = text.split("\n\n", 1)
        articles.append(build_article(f"s{index}", {"title": title, "text": body, "language": "en"}))
    return analyze_many(articles)


def _forms(entities) -> list[set[str]]:
    return [{f for forms in e.forms.values() for f in forms} for e in entities]


def test_defined_acronym_names_the_organisation_in_both_reports(strike_analyses):
    forms = _forms(merge_entities(strike_analyses))
    assert any({"Road and Rail Crews Union", "RRCU"} <= held for held in forms)


def test_first_word_of_a_company_name_joins_it(strike_analyses):
    forms = _forms(merge_entities(strike_analyses))
    assert any({"Metrolink Carrick Group", "Metrolink Carrick", "Metrolink"} <= held for held in forms)


def test_untagged_surname_use_joins_the_person(strike_analyses):
    people = [e for e in strike_analyses[0].entities if e.name == "Leanne Farrow"]
    assert people and sum(m.text == "Farrow" for m in people[0].mentions) == 1


def test_acronym_definition_spans_the_name_with_its_link_words():
    from newsprism.analyze._acronyms import definitions

    text = (
        "Staff of the Groupe hospitalier Saône-Confluence (GHSC) and the Textile and Garment Workers' Federation "
        "(TGWF)."
    )
    names = [text[d.start : d.end] for d in definitions(text)]
    assert names == ["Groupe hospitalier Saône-Confluence", "Textile and Garment Workers' Federation"]
    assert definitions("He met them (OK) today.") == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Kestrel Steel", "Kestrel Steelworks Ltd.", True),
        ("Council of Coastal States", "Coastal States Council", True),
        ("Groupe hospitalier Saône-Confluence", "Saône-Confluence Hospital Group", True),
        ("Skyvale Airlines", "Skyvale Air Inc.", True),
        ("Kestrel Steel", "Falcon Steel", False),
        ("Bank of Dunmore", "Dunmore Port Authority", False),
    ],
)
def test_cut_or_reordered_organisation_names(a, b, same):
    from newsprism.compare._org_names import cut_or_reordered

    assert cut_or_reordered(alias_key(a), alias_key(b)) is same


def _merged_across(texts: tuple[tuple[str, str], ...]):
    from newsprism import analyze_many
    from newsprism.compare._entities import merge_entities
    from newsprism.ingest import build_article

    items = [{"title": "", "text": text, "language": language} for language, text in texts]
    return merge_entities(analyze_many([build_article(f"t{i}", item) for i, item in enumerate(items)]))


def test_an_organisation_named_in_two_languages_is_one_entity():
    merged = _merged_across(
        (
            ("de", "Der Landesbetrieb Straßenbau Westmark (LSW) hat die Talbrücke am Dienstag gesperrt."),
            ("en", "The Westmark Roads Agency closed the motorway bridge on Tuesday after cracks were found."),
        )
    )
    forms = [set(f for fs in m.forms.values() for f in fs) for m in merged]
    assert {"Landesbetrieb Straßenbau Westmark", "Westmark Roads Agency"} in [
        f & {"Landesbetrieb Straßenbau Westmark", "Westmark Roads Agency"} for f in forms
    ]


def test_names_sharing_a_word_that_is_a_place_of_its_own_stay_apart():
    merged = _merged_across(
        (
            ("de", "Der Landesbetrieb Straßenbau Westmark (LSW) hat die Talbrücke am Dienstag gesperrt."),
            ("en", "The Westmark Roads Agency closed a bridge. Westmark, a state in the west, has few roads."),
        )
    )
    pair = {"Landesbetrieb Straßenbau Westmark", "Westmark Roads Agency"}
    assert not any(pair <= {f for fs in m.forms.values() for f in fs} for m in merged)


def test_a_place_named_like_an_organisations_first_word_stays_a_place():
    merged = _merged_across(
        (("en", "The Westmark Roads Agency closed the bridge in Westmark on Tuesday. The agency gave no date."),)
    )
    agency = next(m for m in merged if m.key == "westmark roads agency")
    assert "Westmark" not in agency.forms[0]
