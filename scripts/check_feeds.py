#!/usr/bin/env python3
"""Check every Atom feed in a built xietong site.

Usage: check_feeds.py SITE_DIR

Finds every ``*.xml`` file under SITE_DIR except sitemaps (the site feed
``atom.xml`` at the root, and the topic and region feeds below ``topics/`` and
``regions/``), parses it with feedparser and fails when:

- feedparser flags the document as malformed (``bozo``),
- the document is not an Atom feed,
- the feed has no title,
- an entry has no link, or a link that is not an absolute http(s) URL.

The site feed ``atom.xml`` at the root must exist. Exit status 0 when all feeds
pass, 1 otherwise; the last line is ``feeds: N checked, N failed``.

Requires the ``feedparser`` package (PyPI).
"""

import io
import sys
from pathlib import Path
from urllib.parse import urlsplit

import feedparser


def is_sitemap(path: Path) -> bool:
    return path.name.startswith("sitemap")


def find_feeds(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.xml") if p.is_file() and not is_sitemap(p))


def is_absolute_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_feed(path: Path) -> list[str]:
    """Return the problems found in one feed file (empty when it is fine)."""
    # Parse from a byte stream, not a file name: feedparser would otherwise
    # resolve relative links against the file's location and hide them.
    data = path.read_bytes()
    parsed = feedparser.parse(io.BytesIO(data))
    problems = []
    if parsed.get("bozo"):
        problems.append(f"bozo: {parsed.get('bozo_exception')!r}")
    version = parsed.get("version") or ""
    if not version.startswith("atom"):
        problems.append(f"not an Atom feed (feedparser version {version!r})")
    if not parsed.feed.get("title", "").strip():
        problems.append("feed has no title")
    for index, entry in enumerate(parsed.entries, start=1):
        label = entry.get("id") or entry.get("title") or f"entry #{index}"
        link = entry.get("link")
        if not link:
            problems.append(f"entry {label!r} has no link")
        elif not is_absolute_http(link):
            problems.append(f"entry {label!r} has a non-absolute link {link!r}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[1])
    if not site.is_dir():
        print(f"check_feeds: {site} is not a directory", file=sys.stderr)
        return 2

    feeds = find_feeds(site)
    failures: list[tuple[str, list[str]]] = []
    if not (site / "atom.xml").is_file():
        failures.append(("atom.xml", ["the site feed is missing"]))
    for path in feeds:
        problems = check_feed(path)
        if problems:
            failures.append((path.relative_to(site).as_posix(), problems))

    for name, problems in failures:
        for problem in problems:
            print(f"{name}: {problem}")
    print(f"feeds: {len(feeds)} checked, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
