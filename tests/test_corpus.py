"""kg.corpus: decoding, HTML, sidecars, publication dates, duplicates (no NLP here)."""
from __future__ import annotations

import codecs
import json

import pytest

from kg import corpus
from kg.corpus import decode, html_to_text, looks_like_html, read_article, read_corpus, read_meta

TEXT = "MOSCOW, March 3 (Wire) - Foreign Minister Sergei Lavrov met Wang Yi. Señor Müller paid 5 € at the café.\n"


# ---------------------------------------------------------------- decode()

def test_decode_plain_utf8_has_no_note():
    assert decode(TEXT.encode("utf-8")) == (TEXT, None)


def test_decode_utf8_with_bom_drops_the_mark():
    text, note = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert text == TEXT and note is None


@pytest.mark.parametrize("enc,label", [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_decode_utf16_and_utf32_with_bom(enc, label):
    text, note = decode(TEXT.encode(enc))
    assert text == TEXT
    assert label in note and "byte order mark" in note


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom(enc):
    text, note = decode(TEXT.encode(enc))
    assert text == TEXT
    assert enc.upper() in note and "no byte order mark" in note


def test_decode_latin1_and_windows1252():
    text, note = decode(TEXT.replace("€", "").encode("latin-1"))
    assert text == TEXT.replace("€", "")
    assert "not UTF-8" in note and "Latin-1" in note
    text, _ = decode(TEXT.encode("cp1252"))
    assert "€" in text and "Müller" in text


def test_decode_latin1_byte_undefined_in_windows1252():
    # 0x81 is unassigned in Windows-1252; ISO-8859-1 still reads the file
    text, note = decode(b"Caf\xe9 society \x81 in Moscow and Beijing. " + b"A long enough line of text. " * 10)
    assert text.startswith("Café society") and "Latin-1" in note


@pytest.mark.parametrize("data,why", [
    (b"", "empty"), (b"  \n\t\n", "empty"), (codecs.BOM_UTF16_LE, "empty"),
    (b"\x00\x01\x02\x03binary\x00\xff" * 100, "binary"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (bytes(range(128, 256)) * 40, "not Latin-1"),
])
def test_decode_rejects_what_is_not_text(data, why):
    with pytest.raises(ValueError, match=why):
        decode(data)


def test_decode_random_bytes_is_binary():
    import random
    rng = random.Random(1)
    with pytest.raises(ValueError, match="binary"):
        decode(bytes(rng.randrange(256) for _ in range(5000)))


def test_decode_partial_drops_a_character_cut_in_two():
    data = ("Лавров " * 10).encode("utf-8")[:-2]  # the space and half of the last Cyrillic letter cut off
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, note = decode(data, partial=True)
    assert note is None and text == ("Лавров " * 10)[:-2]
    # UTF-16 cut at an odd byte
    text, _ = decode(("Xi Jinping " * 10).encode("utf-16")[:-1], partial=True)
    assert text == ("Xi Jinping " * 10)[:-1]


def test_decode_uses_the_charset_an_html_page_declares():
    page = '<html><head><meta charset="windows-1251"></head><body><p>Москва</p></body></html>'
    text, note = decode(page.encode("cp1251"))
    assert "Москва" in text and ("windows-1251" in note.lower() or "cp1251" in note)


# ---------------------------------------------------------------- HTML

def test_html_to_text_keeps_visible_text_and_title():
    page = ("<!DOCTYPE html><html><head><title>Lavrov &amp; Wang meet</title><style>p {color: red}</style>"
            "<script>var s = '<p>hidden</p>';</script></head><body><p>BEIJING, April 1 &ndash; Putin met Xi&nbsp;Jinping.</p>"
            "<p>Second paragraph.</p><noscript>enable JS</noscript></body></html>")
    body, title = html_to_text(page)
    assert title == "Lavrov & Wang meet"
    assert body == "BEIJING, April 1 – Putin met Xi Jinping.\n\nSecond paragraph."


def test_html_to_text_without_closing_head():
    # </head> may be left out: the body must still be read
    body, title = html_to_text("<html><head><title>T</title><meta charset=utf-8><body><p>Text of the body.</p></body></html>")
    assert body == "Text of the body." and title == "T"


def test_looks_like_html():
    assert looks_like_html("<!doctype html><html><body>x</body></html>")
    assert looks_like_html("<p>a</p><p>b</p><p>c</p>")
    assert not looks_like_html("Putin said 3 < 4 and <p> is a tag name.")


# ---------------------------------------------------------------- sidecars

def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_read_meta_fields(tmp_path):
    meta = _write(tmp_path / "a.meta.json", json.dumps(
        {"published": "2022-02-04T10:00:00Z", "publisher": " Meridian ", "title": "T", "url": "https://x", "other": 1}))
    assert read_meta(meta) == {"published": "2022-02-04", "publisher": "Meridian", "title": "T", "url": "https://x"}


def test_read_meta_accepts_a_written_out_date_and_a_bom(tmp_path):
    meta = tmp_path / "a.meta.json"
    meta.write_bytes(codecs.BOM_UTF8 + json.dumps({"published": "Feb. 4, 2022"}).encode())
    assert read_meta(meta) == {"published": "2022-02-04"}
    _write(meta, json.dumps({"published": "4 February 2022"}))
    assert read_meta(meta)["published"] == "2022-02-04"


@pytest.mark.parametrize("text,why", [
    ('{"published": "2022-02-04", ', "invalid JSON at line 1"),
    ("[1, 2]", "must be a JSON object"),
    ('{"title": 5}', "'title' must be a string"),
    ('{"published": "next spring"}', "'published' is not a date"),
    ('{"published": "2022-13-45"}', "'published' is not a date"),
    ("", "empty"),
])
def test_read_meta_malformed(tmp_path, text, why):
    meta = _write(tmp_path / "a.meta.json", text)
    with pytest.raises(ValueError, match=why):
        read_meta(meta)


def test_read_meta_not_utf8(tmp_path):
    meta = tmp_path / "a.meta.json"
    meta.write_bytes('{"title": "Café"}'.encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        read_meta(meta)


# ---------------------------------------------------------------- publication dates

def test_published_from_the_sidecar_sets_the_reference(tmp_path):
    _write(tmp_path / "a.txt", "Putin met Xi on Friday.\n")
    _write(tmp_path / "a.meta.json", json.dumps({"published": "2022-02-04", "title": "Meeting"}))
    article, problems = read_article(tmp_path / "a.txt")
    assert problems == []
    assert article.published == "2022-02-04" and article.title == "Meeting"
    assert article.reference.date.isoformat() == "2022-02-04" and not article.reference.weak


def test_the_years_a_text_mentions_date_it_with_or_without_a_sidecar(tmp_path):
    """A date without a year ("on 5 May") is read in the years the text mentions, whether the
    publication date comes from the text or from the sidecar."""
    _write(tmp_path / "a.txt", "Moscow, 2 June 2019\nAs in 2017 and by 2030, the two met on 5 May.\n")
    from_text, _ = read_article(tmp_path / "a.txt")
    _write(tmp_path / "a.meta.json", json.dumps({"published": "2019-06-03"}))
    from_sidecar, _ = read_article(tmp_path / "a.txt")
    assert from_text.published == "2019-06-02" and from_sidecar.published == "2019-06-03"
    assert from_text.reference.context_years == from_sidecar.reference.context_years == (2019, 2017)


def test_sidecar_overrides_the_dateline(tmp_path):
    _write(tmp_path / "a.txt", "BEIJING, Dec. 15, 2021 (Wire) -- Putin and Xi spoke by video link.\n")
    article, _ = read_article(tmp_path / "a.txt")
    assert article.published == "2021-12-15"
    _write(tmp_path / "a.meta.json", json.dumps({"published": "2021-12-16"}))
    article, _ = read_article(tmp_path / "a.txt")
    assert article.published == "2021-12-16"


def test_bad_field_of_a_sidecar_keeps_the_others(tmp_path):
    _write(tmp_path / "a.txt", "BEIJING, Dec. 15, 2021 (Wire) -- Putin and Xi spoke by video link.\n")
    _write(tmp_path / "a.meta.json", json.dumps({"published": "soon", "title": "Video call", "url": 7}))
    article, problems = read_article(tmp_path / "a.txt")
    assert article.title == "Video call"
    assert article.published == "2021-12-15"  # from the dateline, the sidecar's date being unusable
    reasons = [str(p) for p in problems]
    assert any("a.meta.json" in r and "'published' is not a date" in r for r in reasons)
    assert any("a.meta.json" in r and "'url' must be a string" in r for r in reasons)
    assert not any(p.skipped for p in problems)


def test_malformed_sidecar_is_reported_and_the_article_read(tmp_path):
    _write(tmp_path / "a.txt", "Putin met Xi.\n")
    _write(tmp_path / "a.meta.json", "{not json")
    article, problems = read_article(tmp_path / "a.txt")
    assert article is not None and article.published is None
    assert len(problems) == 1 and problems[0].file == "a.meta.json" and "invalid JSON" in problems[0].reason
    assert not problems[0].skipped


# ---------------------------------------------------------------- files and folders

def test_big_file_is_cut_at_a_paragraph(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "MAX_BYTES", 50_000)
    monkeypatch.setattr(corpus, "MAX_CHARS", 10_000)
    para = "Лавров met Wang Yi in Moscow on Tuesday and they discussed trade. " * 5 + "\n\n"
    (tmp_path / "big.txt").write_text(para * 1000, encoding="utf-8")
    article, problems = read_article(tmp_path / "big.txt")
    assert len(article.text) <= 10_000 and article.text.endswith("trade.")
    assert "Лавров" in article.text and "\ufffd" not in article.text
    assert not any("not UTF-8" in n for n in article.notes)  # the cut did not break the decoding
    reasons = " | ".join(p.reason for p in problems)
    assert "only its first" in reasons and "cut" in reasons
    assert not any(p.skipped for p in problems)


def test_read_corpus_duplicates_and_orphans(tmp_path):
    _write(tmp_path / "a.txt", "Putin met Xi in Beijing.\n")
    (tmp_path / "b.txt").write_bytes("Putin met Xi in Beijing.\r\n".encode("utf-16"))  # same text, other bytes
    _write(tmp_path / "b.meta.json", json.dumps({"title": "From b", "published": "2022-02-04"}))
    _write(tmp_path / "c.meta.json", "{}")
    articles, problems = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert articles[0].title == "From b" and articles[0].published == "2022-02-04"  # the duplicate's sidecar fills in
    dup = [p for p in problems if p.file == "b.txt" and p.skipped]
    assert len(dup) == 1 and "same text as a.txt" in dup[0].reason
    assert any(p.file == "c.meta.json" and "no c.txt" in p.reason for p in problems)


def test_missing_folder_is_an_input_error(tmp_path):
    from kg.errors import InputError
    with pytest.raises(InputError, match="does not exist"):
        read_corpus(tmp_path / "nope")
