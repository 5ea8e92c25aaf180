"""Finding and decoding the input articles. Knows nothing of NLP.

An article is ``NAME.txt`` with an optional sidecar ``NAME.meta.json`` (``published``,
``publisher``, ``title``, ``url``). Files that cannot be used are reported with the reason; the
others are still read. What is handled:

- encodings: UTF-8 (with or without a byte order mark), UTF-16/UTF-32 with a byte order mark,
  UTF-16 without one, an HTML page's declared ``charset``, and Windows-1252/Latin-1 as the last
  resort; binary files (NUL bytes, control characters, known file signatures) are skipped;
- an HTML page saved as ``.txt``: its visible text is read and its ``<title>`` kept;
- a very large file: only its first ``MAX_BYTES`` are read, and its text is cut (at a paragraph
  break) to ``MAX_CHARS`` characters, several times the longest news article;
- a malformed sidecar: the fields that can be used are kept, the others reported;
- the same article twice (the same text up to white space), under two names: read once.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import html
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from .dates import Reference, find_dates, resolve, years_mentioned
from .errors import InputError
from .pubdate import publication_date

MAX_BYTES = 5_000_000  # at most this many bytes of a file are read (larger files are cut, and reported)
# at most this many characters of text per article: over 100,000 words, far longer than any news
# article, under spaCy's max_length (1,000,000); extraction reads it in a few seconds
MAX_CHARS = 900_000
META_KEYS = ("published", "publisher", "title", "url")
META_SUFFIX = ".meta.json"

# signatures of common binary formats someone may save with a .txt name
_MAGIC = ((b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.odt)"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "gzip-compressed data"), (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
          (b"{\\rtf", "an RTF document"), (b"\x7fELF", "an executable"), (b"BZh", "bzip2-compressed data"),
          (b"\xfd7zXZ\x00", "xz-compressed data"), (b"7z\xbc\xaf", "a 7-Zip archive"),
          (b"SQLite format 3\x00", "an SQLite database"))


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


# --- decoding -------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, partial: bool = False) -> tuple[str, str | None]:
    """Decode bytes to text; returns (text, note). Raises ValueError for what is not text.

    ``partial``: ``data`` is the head of a longer file, so a character cut in two at its end is
    dropped rather than taken for an encoding error.
    """
    if not data.strip():
        raise ValueError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = codecs.getincrementaldecoder(enc)().decode(data, final=not partial)
            except UnicodeDecodeError as exc:
                raise ValueError(f"has a {enc.upper()} byte order mark but does not decode: {exc.reason}") from None
            if not text.strip():
                raise ValueError("empty file")
            if _bad_char_ratio(text) > 0.05:
                raise ValueError(f"binary data, not text (despite a {enc.upper()} byte order mark)")
            return text, (None if enc == "utf-8-sig" else f"decoded as {enc.upper()} (byte order mark)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ValueError(f"binary data, not text ({what})")
    sample = data[:8192]
    if b"\x00" in sample:
        text = _utf16_without_bom(data, partial)
        if text is not None:
            return text
        raise ValueError("binary data, not text")
    if _control_ratio(sample) > 0.05:
        raise ValueError("binary data, not text")
    try:
        return _decode_utf8(data, partial), None
    except UnicodeDecodeError as exc:
        utf8_error = f"not UTF-8 (byte {exc.start}: {exc.reason})"
    declared = _declared_charset(data)
    if declared:
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if _bad_char_ratio(text) <= 0.01:
                return text, f"{utf8_error}; decoded as {declared} (the charset the page declares)"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined: ISO-8859-1 maps them all
        text = data.decode("latin-1")
    if _bad_char_ratio(text) > 0.01 or _non_ascii_ratio(text) > 0.3:
        raise ValueError(f"{utf8_error}, and not Latin-1 text either (binary data or an unknown encoding)")
    return text, f"{utf8_error}; decoded as Windows-1252/Latin-1"


def _decode_utf8(data: bytes, partial: bool) -> str:
    if partial:
        return codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    return data.decode("utf-8")


def _utf16_without_bom(data: bytes, partial: bool) -> tuple[str, str] | None:
    """UTF-16 text without a byte order mark: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) > 0.6 * len(zeros) and other.count(0) < 0.05 * max(1, len(other)):
            try:
                text = codecs.getincrementaldecoder(enc)().decode(data, final=not partial)
            except UnicodeDecodeError:
                return None
            if text.strip() and _bad_char_ratio(text) <= 0.01:
                return text, f"decoded as {enc.upper()} (no byte order mark)"
    return None


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _control_ratio(sample: bytes) -> float:
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad / max(1, len(sample))


def _bad_char_ratio(text: str) -> float:
    """Share of characters no text has: control characters (but white space), unassigned, U+FFFD."""
    sample = text[:20000]
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\f\r") or ("\x7f" <= c <= "\x9f") or c == "\ufffd"
              or (c > "\x7f" and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs")))
    return bad / max(1, len(sample))


def _non_ascii_ratio(text: str) -> float:
    sample = text[:20000]
    return sum(1 for c in sample if c > "\x7f") / max(1, len(sample))


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I)


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return None if name in ("utf-8", "utf-16", "utf-32") else name


# --- HTML -----------------------------------------------------------------------------------------

class _TextOfHtml(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
             "footer", "title", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption", "hr"}
    SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select", "button"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0  # characters of visible text so far
        self.skipping: list[str] = []  # open elements whose content is not shown
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag == "body":
            self.skipping = []  # "</head>" may be left out; the body is always shown
        elif tag in self.SKIP:
            self.skipping.append(tag)
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):  # <br/>, <svg/>: nothing to skip
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in self.skipping:
            # close it and anything left open inside it
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)
            self.size += len(data)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]", head)) or len(re.findall(r"</p>|<br\s*/?>|</div>", text[:20000].lower())) >= 3


def html_to_text(text: str, limit: int | None = None) -> tuple[str, str | None]:
    """Visible text of an HTML page (paragraphs kept apart) and its <title>. ``limit``: stop reading
    the page once about that many characters of text are found (the rest would be cut anyway)."""
    parser = _TextOfHtml()
    step = 65536
    for at in range(0, len(text), step):
        parser.feed(text[at:at + step])
        if limit is not None and parser.size > 2 * limit:
            break
    parser.close()
    body = html.unescape("".join(parser.parts))  # convert_charrefs has done it; this is for double escapes
    body = body.replace("\xa0", " ")
    body = re.sub(r"[ \t\r\f\v]+", " ", body)
    body = re.sub(r" *\n[ \n]*", lambda m: "\n\n" if m.group(0).count("\n") > 1 else "\n", body).strip()
    title = " ".join(html.unescape("".join(parser.title)).split()) or None
    return body, title


# --- sidecars -------------------------------------------------------------------------------------

def parse_published(value: str) -> str:
    """A sidecar's publication date as ISO ``YYYY-MM-DD``: ISO dates and timestamps, or a full date
    written out ("4 February 2022", "Feb. 4, 2022"). Raises ValueError otherwise."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    found = [d for d in find_dates(value) if d.kind in ("iso", "mdy", "dmy")]
    if len(found) == 1:
        r = resolve(found[0], Reference())
        if r is not None and len(r.value) == 10:
            return r.value
    raise ValueError(f"'published' is not a date: {value!r}")


def _meta_fields(meta) -> tuple[dict, list[str]]:
    """The usable fields of a parsed sidecar, and what is wrong with the others."""
    if not isinstance(meta, dict):
        return {}, ["must be a JSON object"]
    out, errors = {}, []
    for key in META_KEYS:
        val = meta.get(key)
        if val is None:
            continue
        if not isinstance(val, str):
            errors.append(f"'{key}' must be a string")
            continue
        val = val.strip()
        if not val:
            continue
        if key == "published":
            try:
                val = parse_published(val)
            except ValueError as exc:
                errors.append(str(exc))
                continue
        out[key] = val
    return out, errors


def _load_meta(path: Path) -> tuple[dict, list[str]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot be read: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    if not text.strip():
        raise ValueError("empty file")
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    return _meta_fields(meta)


def read_meta(path: Path) -> dict:
    """The sidecar's fields; raises ValueError with the reason when it is malformed."""
    out, errors = _load_meta(path)
    if errors:
        raise ValueError("; ".join(errors))
    return out


# --- articles -------------------------------------------------------------------------------------

def sidecar_path(path: Path) -> Path:
    """The ``NAME.meta.json`` beside the article ``NAME.txt``."""
    return Path(sidecar_name(os.fspath(path)))


def sidecar_name(path: str) -> str:
    """sidecar_path for a path as text (no Path objects: a resident build asks it of every file)."""
    return os.path.splitext(path)[0] + META_SUFFIX


def read_head(path: Path) -> tuple[bytes, int]:
    """At most MAX_BYTES of the file, and the file's size."""
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        fh.seek(0)
        return fh.read(MAX_BYTES), size


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a paragraph (or line, or word) break."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for sep in ("\n\n", "\n", " "):
        at = head.rfind(sep)
        if at > limit // 2:
            return head[:at].rstrip()
    return head


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB" if n >= 1_000_000 else f"{n:,} bytes"


def read_article(path: Path) -> tuple[Article | None, list[Problem]]:
    """Read one ``.txt`` file and its sidecar. Returns the article (None if unusable) and problems."""
    path = Path(path)
    problems: list[Problem] = []
    notes: list[str] = []
    try:
        data, size = read_head(path)
    except OSError as exc:
        return None, [Problem(path.name, f"cannot be read: {exc.strerror or exc}")]
    truncated = size > len(data)
    if truncated:
        notes.append(f"{_mb(size)}, larger than {_mb(MAX_BYTES)}: only its first {_mb(MAX_BYTES)} were read")
    try:
        text, note = decode(data, partial=truncated)
    except ValueError as exc:
        return None, [Problem(path.name, str(exc))]
    del data
    if note:
        notes.append(note)
    html_title = None
    if looks_like_html(text):
        text, html_title = html_to_text(text, limit=MAX_CHARS)
        notes.append("HTML page: its visible text was read")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        return None, [Problem(path.name, "no text" + (" (an HTML page with no visible text)" if html_title is not None or notes and notes[-1].startswith("HTML") else ""))]
    if len(text) > MAX_CHARS:
        total = len(text)
        text = _cut(text, MAX_CHARS)
        notes.append(f"text of {total:,} characters cut to its first {len(text):,} (at most {MAX_CHARS:,} per article)")
    meta = {}
    meta_path = sidecar_path(path)
    if meta_path.exists():
        try:
            meta, errors = _load_meta(meta_path)
        except ValueError as exc:
            problems.append(Problem(meta_path.name, f"ignored: {exc}", skipped=False))
        else:
            for err in errors:
                problems.append(Problem(meta_path.name, f"field ignored: {err}", skipped=False))
    if meta.get("published"):  # (the date the text states is not looked for: half the cost of reading an article)
        published = meta["published"]
        reference = Reference(dt.date.fromisoformat(published), False, years_mentioned(text))
    else:
        published, reference = publication_date(text)
    article = Article(
        id=path.stem, source_file=path.name, text=text,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        published=published, title=meta.get("title") or html_title, publisher=meta.get("publisher"),
        url=meta.get("url"), reference=reference, notes=tuple(notes))
    problems.extend(Problem(path.name, n, skipped=False) for n in notes)
    return article, problems


def _listing(folder: Path) -> dict[str, os.DirEntry]:
    """An input folder's entries by name, in one pass (their types come with the listing, so
    telling files from folders costs no call per file); a clear error when the folder is unusable."""
    folder = Path(folder)
    if not folder.exists():
        raise InputError(f"input folder {folder} does not exist")
    if not folder.is_dir():
        raise InputError(f"input {folder} is not a folder")
    with os.scandir(folder) as it:
        return {e.name: e for e in it}


def article_files(folder: Path, entries: dict[str, os.DirEntry] | None = None) -> list[Path]:
    """The ``*.txt`` files of an input folder, sorted (``entries``: its listing, if made already)."""
    entries = _listing(folder) if entries is None else entries
    base = Path(folder)
    return [base / name for name in sorted(n for n, e in entries.items() if n.endswith(".txt") and e.is_file())]


def orphan_sidecars(folder: Path, entries: dict[str, os.DirEntry] | None = None) -> list[Problem]:
    """Sidecars with no article beside them (a renamed or deleted ``.txt``)."""
    entries = _listing(folder) if entries is None else entries
    out = []
    for name in sorted(n for n in entries if n.endswith(META_SUFFIX)):
        txt = entries.get(name[:-len(META_SUFFIX)] + ".txt")
        if txt is None or not txt.is_file():
            out.append(Problem(name, f"ignored: no {name[:-len(META_SUFFIX)]}.txt beside it", skipped=False))
    return out


@lru_cache(maxsize=1 << 16)
def content_key(text: str) -> str:
    """What makes two articles the same: their text up to white space. (Remembered: a resident
    build asks again for every article at every build.)"""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()


def read_corpus(folder: Path, read=read_article) -> tuple[list[Article], list[Problem]]:
    """Every readable article of ``folder`` and the problems met; the same text twice is read once
    (the first by file name is kept, and takes what the other's sidecar adds). ``read``: what reads
    one file (``read_article``, or a resident build's memory of it)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    listing = _listing(folder)
    for path in article_files(folder, listing):
        article, probs = read(path)
        problems.extend(probs)
        if article is None:
            continue
        key = content_key(article.text)
        if key in seen:
            first = articles[seen[key]]
            problems.append(Problem(path.name, f"duplicate: same text as {first.source_file}, read once"))
            articles[seen[key]] = _fill_in(first, article)
            continue
        seen[key] = len(articles)
        articles.append(article)
    problems.extend(orphan_sidecars(folder, listing))
    return articles, problems


def _fill_in(kept: Article, dup: Article) -> Article:
    """``kept`` with the metadata only its duplicate has."""
    changes = {k: getattr(dup, k) for k in ("title", "publisher", "url") if not getattr(kept, k) and getattr(dup, k)}
    if not kept.published and dup.published:
        changes.update(published=dup.published, reference=dup.reference)
    return replace(kept, **changes) if changes else kept
