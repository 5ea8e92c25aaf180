"""Finding and decoding the input articles. Knows nothing of NLP.

An article is ``NAME.txt`` with an optional sidecar ``NAME.meta.json`` (``published``,
``publisher``, ``title``, ``url``). Files that cannot be used are reported with the reason; the
others are still read.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .dates import Reference
from .errors import InputError
from .pubdate import publication_date

MAX_BYTES = 20_000_000  # larger files are cut to this many bytes (and reported)
META_KEYS = ("published", "publisher", "title", "url")


@dataclass
class Article:
    """One input document, decoded, with what is known of where it came from."""

    id: str  # the file's stem, unique in a folder
    source_file: str  # base name of the input file
    text: str
    sha256: str
    published: str | None = None  # ISO date, only when the sidecar or the text states it
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    reference: Reference = field(default_factory=Reference)  # for resolving relative dates
    notes: tuple[str, ...] = ()  # how it was decoded, if not plain UTF-8


@dataclass(frozen=True)
class Problem:
    """A file that was skipped, or read with a caveat."""

    file: str
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes to text; returns (text, note). Raises ValueError for what is not text."""
    if not data.strip():
        raise ValueError("empty file")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), (None if enc == "utf-8-sig" else f"decoded as {enc.upper()} (byte order mark)")
            except UnicodeDecodeError as exc:
                raise ValueError(f"has a {enc.upper()} byte order mark but does not decode: {exc.reason}") from None
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise ValueError("binary data, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        utf8_error = f"not UTF-8 (byte {exc.start}: {exc.reason})"
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > 0.01 * len(text):
        raise ValueError(utf8_error)
    return text, f"{utf8_error}; decoded as Windows-1252/Latin-1"


def _control_ratio(sample: bytes) -> float:
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / max(1, len(sample))


class _TextOfHtml(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header", "title"}
    SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in self.SKIP:
            self.skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]", head)) or len(re.findall(r"</p>|<br\s*/?>|</div>", text[:20000].lower())) >= 3


def html_to_text(text: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (paragraphs kept apart) and its <title>."""
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    body = html.unescape("".join(parser.parts))
    body = re.sub(r"[ \t\r\f\v]+", " ", body)
    body = re.sub(r" *\n[ \n]*", lambda m: "\n\n" if m.group(0).count("\n") > 1 else "\n", body).strip()
    title = " ".join("".join(parser.title).split()) or None
    return body, title


def read_meta(path: Path) -> dict:
    """The sidecar's fields; raises ValueError with the reason when it is malformed."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(meta, dict):
        raise ValueError("must be a JSON object")
    out = {}
    for key in META_KEYS:
        val = meta.get(key)
        if val is None:
            continue
        if not isinstance(val, str):
            raise ValueError(f"'{key}' must be a string")
        out[key] = val.strip()
    if "published" in out:
        try:
            out["published"] = dt.date.fromisoformat(out["published"][:10]).isoformat()
        except ValueError:
            raise ValueError(f"'published' is not an ISO date: {out['published']!r}") from None
    return out


def read_article(path: Path) -> tuple[Article | None, list[Problem]]:
    """Read one ``.txt`` file and its sidecar. Returns the article (None if unusable) and problems."""
    problems: list[Problem] = []
    notes: list[str] = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path.name, f"cannot be read: {exc.strerror}")]
    if len(data) > MAX_BYTES:
        notes.append(f"larger than {MAX_BYTES // 1_000_000} MB: only the first {MAX_BYTES // 1_000_000} MB were read")
        data = data[:MAX_BYTES]
    try:
        text, note = decode(data)
    except ValueError as exc:
        return None, [Problem(path.name, str(exc))]
    if note:
        notes.append(note)
    html_title = None
    if looks_like_html(text):
        text, html_title = html_to_text(text)
        notes.append("HTML page: its visible text was read")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [Problem(path.name, "no text")]
    meta = {}
    meta_path = path.with_name(path.stem + ".meta.json")
    if meta_path.exists():
        try:
            meta = read_meta(meta_path)
        except ValueError as exc:
            problems.append(Problem(meta_path.name, f"ignored: {exc}", skipped=False))
    published, reference = publication_date(text)
    if meta.get("published"):
        published = meta["published"]
        reference = Reference(dt.date.fromisoformat(published), False, reference.context_years)
    article = Article(
        id=path.stem, source_file=path.name, text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        published=published, title=meta.get("title") or html_title, publisher=meta.get("publisher"),
        url=meta.get("url"), reference=reference, notes=tuple(notes))
    problems.extend(Problem(path.name, n, skipped=False) for n in notes)
    return article, problems


def article_files(folder: Path) -> list[Path]:
    """The ``*.txt`` files of an input folder, sorted; a clear error when the folder is unusable."""
    folder = Path(folder)
    if not folder.exists():
        raise InputError(f"input folder {folder} does not exist")
    if not folder.is_dir():
        raise InputError(f"input {folder} is not a folder")
    return sorted(p for p in folder.glob("*.txt") if p.is_file())


def read_corpus(folder: Path) -> tuple[list[Article], list[Problem]]:
    """Every readable article of ``folder`` and the problems met; same text twice is read once."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in article_files(folder):
        article, probs = read_article(path)
        problems.extend(probs)
        if article is None:
            continue
        if article.sha256 in seen:
            problems.append(Problem(path.name, f"same text as {seen[article.sha256]}: read once"))
            continue
        seen[article.sha256] = path.name
        articles.append(article)
    return articles, problems
