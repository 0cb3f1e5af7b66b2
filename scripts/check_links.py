#!/usr/bin/env python3
"""Check the internal links of a built static site, independently of the generator.

Usage: check_links.py SITE_DIR BASE_URL
   e.g. check_links.py public https://example.github.io/xietong/

Every ``*.html`` file in SITE_DIR is a page, published at a URL under BASE_URL
(``a/b/index.html`` -> ``BASE_URL + a/b/``, ``404.html`` -> ``BASE_URL + 404.html``).
From each page the checker takes every URL a browser would follow or load:
``href`` and ``src`` on any element, ``srcset``/``imagesrcset`` candidates,
``poster``, ``action``, ``xlink:href`` and ``<meta http-equiv="refresh">``
targets. Each is resolved against the page URL (or the page's ``<base href>``).

- ``mailto:``, ``tel:``, ``javascript:``, ``data:`` and similar URLs are skipped.
- URLs on another host (or with a non-web scheme) are external: counted and
  listed by host, not fetched.
- URLs on the base URL's host are internal and must
  (a) lie under the base URL's path and use its scheme,
  (b) map to a file in SITE_DIR (``/base/x/`` -> ``x/index.html``,
      ``/base/x`` -> ``x`` or ``x/index.html``),
  (c) when they carry a ``#fragment`` and point at an HTML (or SVG) file, name an
      element ``id`` (or an ``<a name>``) in that file. An empty fragment and
      ``#top`` are always fine, as in browsers.

Exit status 0 when nothing is broken, 1 otherwise, 2 on bad usage. The last
line is ``links: N pages, N internal links, N external, N broken``, where the
link counts are occurrences and "broken" counts distinct (page, link) pairs.

Standard library only.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

# Schemes that never point at a page of the site and are not worth listing.
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data", "sms", "blob", "about"}
# Attributes holding a single URL, on any element.
URL_ATTRS = {"href", "src", "poster", "action", "xlink:href"}
# Attributes holding a srcset (a comma-separated list of "URL descriptor").
SRCSET_ATTRS = {"srcset", "imagesrcset"}
# ASCII whitespace as HTML defines it; browsers strip it around URL attributes.
HTML_SPACE = " \t\n\f\r"
MAX_LISTED = 200


# --------------------------------------------------------------------------- parsing


def parse_srcset(value: str) -> list[str]:
    """Return the URLs of a srcset attribute (HTML's "parse a srcset attribute")."""
    urls = []
    pos, n = 0, len(value)
    while True:
        # Skip whitespace and stray commas before a candidate.
        while pos < n and (value[pos] in HTML_SPACE or value[pos] == ","):
            pos += 1
        if pos >= n:
            return urls
        start = pos
        while pos < n and value[pos] not in HTML_SPACE:
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            # "a.png,b.png 2x": a trailing comma ends the candidate, no descriptors.
            url = url.rstrip(",")
        else:
            # Skip the descriptors up to the next comma outside parentheses.
            depth = 0
            while pos < n:
                ch = value[pos]
                if ch == "(":
                    depth += 1
                elif ch == ")" and depth:
                    depth -= 1
                elif ch == "," and not depth:
                    pos += 1
                    break
                pos += 1
        if url:
            urls.append(url)


REFRESH_URL = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$""", re.IGNORECASE | re.DOTALL)


def parse_refresh(content: str) -> str | None:
    """Return the target URL of a meta refresh ``content`` value, if any."""
    match = REFRESH_URL.match(content)
    if not match:
        return None
    url = match.group(1).strip(HTML_SPACE)
    if len(url) >= 2 and url[0] in "'\"" and url[-1] == url[0]:
        url = url[1:-1]
    elif url[:1] in ("'", '"'):
        url = url[1:]
    return url or None


class PageParser(HTMLParser):
    """Collects the link targets, anchor names and ``<base href>`` of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()
        self.base_href: str | None = None

    def handle_starttag(self, tag, attrs):
        values = {}
        for name, value in attrs:
            # The first occurrence of a duplicated attribute wins, as in browsers.
            values.setdefault(name, value)
        if values.get("id"):
            self.anchors.add(values["id"])
        if tag == "a" and values.get("name"):
            self.anchors.add(values["name"])
        if tag == "base" and self.base_href is None and values.get("href") is not None:
            self.base_href = values["href"].strip(HTML_SPACE)
            return
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            target = parse_refresh(values.get("content") or "")
            if target:
                self.links.append(target)
            return
        for name, value in values.items():
            if value is None:
                continue
            if name in URL_ATTRS:
                if name == "action" and not value.strip(HTML_SPACE):
                    continue  # an empty action submits to the page itself
                self.links.append(value.strip(HTML_SPACE))
            elif name in SRCSET_ATTRS:
                self.links.extend(parse_srcset(value))

    handle_startendtag = handle_starttag


@dataclass
class Page:
    anchors: set[str]
    links: list[str] = field(default_factory=list)
    base_href: str | None = None


def parse_html_file(path: Path) -> Page:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return Page(anchors=parser.anchors, links=parser.links, base_href=parser.base_href)


def svg_ids(path: Path) -> set[str]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return set()
    return {el.attrib["id"] for el in root.iter() if "id" in el.attrib}


# --------------------------------------------------------------------------- URLs


def remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, keeping a trailing slash."""
    output: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".":
            if last:
                output.append("")
        elif seg == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(seg)
    result = "/".join(output)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def origin(parts) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the default port made explicit."""
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = -1  # a malformed port never matches the base URL
    if port is None:
        port = {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def page_url(rel: str, base_url: str) -> str:
    """URL of the HTML file at ``rel`` (a POSIX path relative to the site root)."""
    if rel == "index.html":
        return base_url
    if rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return base_url + quote(rel, safe="/")


# --------------------------------------------------------------------------- checking


@dataclass
class Report:
    pages: int = 0
    internal: int = 0
    external: Counter = field(default_factory=Counter)  # host -> occurrences
    skipped: int = 0
    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (page, link, reason)

    @property
    def external_count(self) -> int:
        return sum(self.external.values())


class Checker:
    def __init__(self, site_dir: Path, base_url: str) -> None:
        if not base_url.endswith("/"):
            base_url += "/"
        self.site = site_dir
        self.base_url = base_url
        base = urlsplit(base_url)
        if base.scheme not in ("http", "https") or not base.hostname:
            raise ValueError(f"BASE_URL must be an absolute http(s) URL, not {base_url!r}")
        self.base_origin = origin(base)
        self.base_path = unquote(base.path) or "/"
        self._anchor_cache: dict[Path, set[str]] = {}

    def anchors_of(self, path: Path) -> set[str] | None:
        """Element ids of an HTML or SVG file; None when the type has no anchors we check."""
        if path not in self._anchor_cache:
            suffix = path.suffix.lower()
            if suffix in (".html", ".htm"):
                self._anchor_cache[path] = parse_html_file(path).anchors
            elif suffix == ".svg":
                self._anchor_cache[path] = svg_ids(path)
            else:
                return None
        return self._anchor_cache[path]

    def resolve_file(self, url_path: str) -> tuple[Path | None, str]:
        """Map a decoded, normalised URL path to a file; (None, reason) when impossible."""
        if url_path.rstrip("/") == self.base_path.rstrip("/"):
            rel = ""
        elif url_path.startswith(self.base_path):
            rel = url_path[len(self.base_path) :]
        else:
            return None, f"outside the base path {self.base_path}"
        if "\x00" in rel:
            return None, "NUL byte in path"
        target = self.site / rel if rel else self.site
        if rel == "" or rel.endswith("/"):
            candidate = target / "index.html"
            if candidate.is_file():
                return candidate, ""
            return None, f"no file {(Path(rel) / 'index.html').as_posix()}"
        if target.is_file():
            return target, ""
        if (target / "index.html").is_file():
            return target / "index.html", ""
        return None, f"no file {rel} (nor {rel}/index.html)"

    def check_link(self, raw: str, base_for_page: str, page_file: Path, report: Report, page_rel: str):
        absolute = urljoin(base_for_page, raw)
        parts = urlsplit(absolute)
        scheme = parts.scheme.lower()
        if scheme in SKIPPED_SCHEMES:
            report.skipped += 1
            return
        link_origin = origin(parts)
        if scheme not in ("http", "https") or link_origin[1] != self.base_origin[1]:
            report.external[parts.hostname or f"{scheme}:"] += 1
            return
        report.internal += 1
        if link_origin != self.base_origin:
            scheme_host = f"{self.base_origin[0]}://{self.base_origin[1]}"
            report.broken.append((page_rel, raw, f"scheme or port differs from {scheme_host}"))
            return
        path = remove_dot_segments(unquote(parts.path or "/", errors="strict"))
        if "//" in path:
            # Usually a joined prefix ("/base/" + "/x"); it would also let the
            # path escape SITE_DIR below.
            report.broken.append((page_rel, raw, "empty path segment ('//')"))
            return
        target, reason = self.resolve_file(path)
        if target is None:
            report.broken.append((page_rel, raw, reason))
            return
        fragment = parts.fragment
        if not fragment or fragment.lower() == "top":
            return
        anchors = self.anchors_of(target)
        if anchors is None:
            return  # e.g. a PDF or feed: fragments there are not element ids
        if fragment in anchors or unquote(fragment) in anchors:
            return
        where = "this page" if target == page_file else target.relative_to(self.site).as_posix()
        report.broken.append((page_rel, raw, f"no id {unquote(fragment)!r} in {where}"))

    def run(self) -> Report:
        report = Report()
        pages = sorted(p for p in self.site.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file())
        report.pages = len(pages)
        for page_file in pages:
            rel = page_file.relative_to(self.site).as_posix()
            url = page_url(rel, self.base_url)
            page = parse_html_file(page_file)
            self._anchor_cache[page_file] = page.anchors
            doc_base = urljoin(url, page.base_href) if page.base_href else url
            for raw in page.links:
                try:
                    self.check_link(raw, doc_base, page_file, report, rel)
                except (ValueError, UnicodeDecodeError) as err:
                    report.internal += 1
                    report.broken.append((rel, raw, f"malformed URL: {err}"))
        # Count each broken link once per page.
        report.broken = list(dict.fromkeys(report.broken))
        return report


def check_site(site_dir: str | Path, base_url: str) -> Report:
    return Checker(Path(site_dir), base_url).run()


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(f"usage: {argv[0]} SITE_DIR BASE_URL", file=sys.stderr)
        return 2
    site = Path(argv[1])
    if not site.is_dir():
        print(f"check_links: {site} is not a directory", file=sys.stderr)
        return 2
    try:
        report = check_site(site, argv[2])
    except ValueError as err:
        print(f"check_links: {err}", file=sys.stderr)
        return 2

    if report.external:
        hosts = ", ".join(f"{host} ({n})" for host, n in sorted(report.external.items()))
        print(f"external hosts (not checked): {hosts}")
    if report.broken:
        print("broken links:")
        for page, link, reason in report.broken[:MAX_LISTED]:
            print(f"  {page} → {link} ({reason})")
        if len(report.broken) > MAX_LISTED:
            print(f"  … and {len(report.broken) - MAX_LISTED} more")
    if report.pages == 0:
        print("check_links: no HTML pages found", file=sys.stderr)
    print(
        f"links: {report.pages} pages, {report.internal} internal links, "
        f"{report.external_count} external, {len(report.broken)} broken"
    )
    return 1 if report.broken or report.pages == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
