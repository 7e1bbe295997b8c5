"""Every page must work on a network cut off from the internet: nothing may load from elsewhere.

The test reads every template and static text file of every app and fails on an http(s) URL to
another host. Licence and provenance texts (LICENSE, OFL, README) are not read, licence banners
(``/*! ... */``) and other comments are dropped, XML namespace names
(``http://www.w3.org/2000/svg``) are not addresses, and a few URLs inside vendored libraries that
are links or error-message text, never fetched, are listed one by one below, so that any new
reference fails until someone looks at it.
"""

from __future__ import annotations

import re
from pathlib import Path

import ntm

SRC = Path(ntm.__file__).parent
TEXT_SUFFIXES = {".html", ".txt", ".js", ".css", ".svg", ".json", ".xml", ".md", ".map"}
LICENCE_NAME = re.compile(r"(licen[cs]e|^ofl|copying|notice|^versions|^readme)", re.IGNORECASE)
URL = re.compile(r"https?://([^/\s\"'`)<>\\]+)[^\s\"'`)<>\\]*", re.IGNORECASE)
BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "testserver"}
NAMESPACE_URLS = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/xhtml",
}
# (file name, URL): text inside vendored code that is shown or linked, never loaded.
NOT_LOADED = {
    (
        "bootstrap.bundle.min.js",
        "https://github.com/floating-ui/popper-docs/blob/main/docs/v2/index.md",
    ),
    ("leaflet.js", "https://leafletjs.com"),
}


def _served_text_files() -> list[Path]:
    files = []
    for folder in [*SRC.glob("**/templates"), *SRC.glob("**/static")]:
        for path in folder.rglob("*"):
            if (
                path.is_file()
                and path.suffix in TEXT_SUFFIXES
                and not LICENCE_NAME.search(path.name)
            ):
                files.append(path)
    return files


def _foreign_urls(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in {".js", ".css"}:
        text = BLOCK_COMMENT.sub("", text)
    if path.suffix in {".html", ".svg", ".xml"}:
        text = HTML_COMMENT.sub("", text)
    found = []
    for match in URL.finditer(text):
        url, host = match.group(0).rstrip(".,;"), match.group(1).split(":")[0].lower()
        if host in LOCAL_HOSTS or url in NAMESPACE_URLS or (path.name, url) in NOT_LOADED:
            continue
        found.append(url)
    return found


def test_the_scan_sees_the_templates_and_the_vendored_libraries():
    names = {p.name for p in _served_text_files()}
    assert {"base.html", "leaflet.js", "chart.umd.min.js", "bootstrap.min.css"} <= names


def test_no_template_or_static_file_references_another_host():
    offenders = {
        str(path.relative_to(SRC)): urls
        for path in _served_text_files()
        if (urls := _foreign_urls(path))
    }
    assert offenders == {}


def test_the_check_would_catch_a_cdn_link(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<script src="https://cdn.jsdelivr.net/npm/htmx.org"></script>', encoding="utf-8"
    )
    assert _foreign_urls(page) == ["https://cdn.jsdelivr.net/npm/htmx.org"]
