"""The ontology's terms as a closed vocabulary: a typo in a term fails at import."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = URIRef("https://w3id.org/dipkg/ontology")
RESOURCE = Namespace("https://w3id.org/dipkg/resource/")
GRAPH = Namespace("https://w3id.org/dipkg/graph/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")


class DIP(DefinedNamespace):
    """https://w3id.org/dipkg/ontology# (ontology/dipkg.ttl)."""

    _NS = Namespace("https://w3id.org/dipkg/ontology#")
    _fail = True

    # classes
    Article: URIRef
    Agent: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Place: URIRef
    Event: URIRef
    Meeting: URIRef
    VideoConference: URIRef
    PhoneCall: URIRef
    Visit: URIRef
    StateVisit: URIRef
    Summit: URIRef
    Agreement: URIRef
    Attestation: URIRef
    # event properties
    participant: URIRef
    date: URIRef
    noDateReason: URIRef
    location: URIRef
    partOf: URIRef
    planned: URIRef
    reportedIn: URIRef
    evidence: URIRef
    confidence: URIRef
    attestation: URIRef
    article: URIRef
    startOffset: URIRef
    endOffset: URIRef
    # entity properties
    represents: URIRef
    role: URIRef
    country: URIRef
    # article properties
    sourceFile: URIRef
    published: URIRef
    title: URIRef
    publisher: URIRef
    url: URIRef
    contentHash: URIRef
    mentions: URIRef


ENTITY_KINDS = ("Person", "Country", "Organization", "Place")
EVENT_KINDS = ("Event", "Meeting", "VideoConference", "PhoneCall", "Visit", "StateVisit", "Summit", "Agreement")
# the most general event class of each family: reports of one event agree on this
EVENT_FAMILY = {
    "Meeting": "Meeting", "VideoConference": "Meeting", "PhoneCall": "Meeting",
    "Visit": "Visit", "StateVisit": "Visit", "Summit": "Summit", "Agreement": "Agreement", "Event": "Event",
}
REMOTE_KINDS = frozenset({"VideoConference", "PhoneCall"})  # talks held at a distance: no place of their own
# subclass -> superclass, used to pick the most specific type when reports disagree
EVENT_PARENT = {"VideoConference": "Meeting", "PhoneCall": "Meeting", "StateVisit": "Visit"}
