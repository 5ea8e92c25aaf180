"""The gazetteer's entity ruler: spaCy's EntityRuler, without counting its patterns for every Doc.

``EntityRuler.match`` first checks that the ruler has patterns with ``len(self)``, which sums the
patterns of every label; spaCy keys the patterns of an entity with an id by ``LABEL||id``, so the
gazetteer's names make about 5,000 labels and that check alone took 4 % of the extraction's time.
Whether the ruler's two matchers hold anything is known at once.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler


class GazetteerRuler(EntityRuler):
    def _require_patterns(self) -> None:
        if not len(self.phrase_matcher) and not len(self.matcher):
            super()._require_patterns()  # spaCy's warning that the ruler has no patterns


@Language.factory("dip_entity_ruler", default_config={"overwrite_ents": True})
def make_gazetteer_ruler(nlp: Language, name: str, overwrite_ents: bool) -> GazetteerRuler:
    return GazetteerRuler(nlp, name, overwrite_ents=overwrite_ents)
