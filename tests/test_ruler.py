"""kg.extract.ruler: the gazetteer's entity ruler is spaCy's EntityRuler, only cheaper per Doc."""
from __future__ import annotations

import warnings

import spacy

from kg.extract.pipeline import build_pipeline, gazetteer_patterns
from kg.extract.ruler import GazetteerRuler
from kg.gazetteer import default


def test_the_pipeline_finds_the_names_spacys_entity_ruler_finds():
    nlp = build_pipeline()
    assert isinstance(nlp.get_pipe("entity_ruler"), GazetteerRuler)
    plain = spacy.blank("en")
    ruler = plain.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(gazetteer_patterns(default()))
    text = ("Kazakh Foreign Minister Murat Nurtleu met Wang Yi in Astana on Monday; the Shanghai Cooperation "
            "Organisation will meet in Tianjin, and RUSSIA and Uzbekistan signed a memorandum.")
    ours = nlp.get_pipe("entity_ruler")(nlp.make_doc(text))
    theirs = ruler(plain.make_doc(text))
    assert [(e.start, e.end, e.label_, e.ent_id_) for e in ours.ents] == \
        [(e.start, e.end, e.label_, e.ent_id_) for e in theirs.ents] != []


def test_an_empty_ruler_still_says_it_has_no_patterns():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("dip_entity_ruler")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ruler(nlp.make_doc("Nothing to find here."))
    assert any("W036" in str(w.message) for w in caught)
