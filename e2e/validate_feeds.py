"""Validates a built site's RSS, Atom and JSON feeds and sitemap with real parsers.

Usage: python3 validate_feeds.py DIST_DIR EXPECTED_ITEMS SITE_URL
Exits non-zero with a message on the first problem.
"""
import json
import sys
import xml.etree.ElementTree as ET

import feedparser

dist, expected, site = sys.argv[1], int(sys.argv[2]), sys.argv[3]

for name, version in (("feed.xml", "rss20"), ("atom.xml", "atom10")):
    parsed = feedparser.parse(f"{dist}/{name}")
    if parsed.bozo:
        sys.exit(f"{name}: not well-formed: {parsed.bozo_exception}")
    if parsed.version != version:
        sys.exit(f"{name}: detected {parsed.version!r}, expected {version}")
    if len(parsed.entries) != expected:
        sys.exit(f"{name}: {len(parsed.entries)} entries, expected {expected}")
    for e in parsed.entries:
        if not e.get("title") or not e.get("link", "").startswith(site + "article/"):
            sys.exit(f"{name}: bad entry {e.get('title')!r} {e.get('link')!r}")
        if not e.get("published_parsed"):
            sys.exit(f"{name}: entry {e.title!r} has no parseable date")

with open(f"{dist}/feed.json", encoding="utf-8") as f:
    feed = json.load(f)
if feed.get("version") != "https://jsonfeed.org/version/1.1":
    sys.exit("feed.json: wrong version")
for key in ("title", "items"):
    if key not in feed:
        sys.exit(f"feed.json: missing {key}")
if len(feed["items"]) != expected:
    sys.exit(f"feed.json: {len(feed['items'])} items, expected {expected}")
for item in feed["items"]:
    if not item.get("id") or not (item.get("content_html") or item.get("content_text")):
        sys.exit(f"feed.json: item without id or content: {item.get('title')!r}")

ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
root = ET.parse(f"{dist}/sitemap.xml").getroot()
locs = [l.text for l in root.findall("s:url/s:loc", ns)]
if len(locs) != expected + 1 or not all(l.startswith(site) for l in locs):
    sys.exit(f"sitemap.xml: {len(locs)} urls, expected {expected + 1} under {site}")
print(f"feeds ok: {expected} items in RSS, Atom, JSON Feed; sitemap {len(locs)} urls")
