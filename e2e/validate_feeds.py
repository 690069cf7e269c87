"""Validates a built site's feeds and sitemap with strict, independent parsers.

Usage: python3 validate_feeds.py DIST_DIR EXPECTED_ITEMS SITE_URL [--json]
EXPECTED_ITEMS is the item count of the main feeds, or `-` to skip the counts.
With --json, prints what the feeds hold (for the e2e tests to compare with the
front-matter) instead of a summary line.
Exits non-zero with a message on the first problem.

Checked: every XML file (feed.xml, atom.xml, feeds/**/*.xml, sitemaps) parses with
expat, which rejects what XML 1.0 forbids (control characters among them), and with
`xmllint --noout` too when it is installed; feedparser reads the main feeds without
complaint; the required fields of RSS 2.0 (channel title/link/description, item guid),
Atom (feed id/title/updated, entry id/title/updated/link) and JSON Feed 1.1
(version/title/items, item id); each article has one `tag:` id, the same in all three
formats; every filter's feed links itself at its own address.
"""
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import feedparser

dist, expected_arg, site = sys.argv[1], sys.argv[2], sys.argv[3]
as_json = "--json" in sys.argv[4:]
expected = None if expected_arg == "-" else int(expected_arg)
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def fail(msg):
    sys.exit(msg)


def text(node, tag):
    child = node.find(tag)
    return (child.text or "").strip() if child is not None else ""


def strict_parse(rel):
    try:
        return ET.parse(os.path.join(dist, rel)).getroot()
    except ET.ParseError as e:
        fail(f"{rel}: not well-formed XML: {e}")


xml_files = ["feed.xml", "atom.xml"]
for folder, _, names in os.walk(os.path.join(dist, "feeds")):
    xml_files += sorted(
        os.path.relpath(os.path.join(folder, n), dist) for n in names if n.endswith(".xml")
    )
xml_files += sorted(n for n in os.listdir(dist) if n.startswith("sitemap") and n.endswith(".xml"))
if shutil.which("xmllint"):
    out = subprocess.run(
        ["xmllint", "--noout", *xml_files], cwd=dist, capture_output=True, text=True
    )
    if out.returncode != 0:
        fail(f"xmllint: {out.stderr[:2000]}")

for name, version in (("feed.xml", "rss20"), ("atom.xml", "atom10")):
    parsed = feedparser.parse(os.path.join(dist, name))
    if parsed.bozo:
        fail(f"{name}: not well-formed: {parsed.bozo_exception}")
    if parsed.version != version:
        fail(f"{name}: detected {parsed.version!r}, expected {version}")
    if expected is not None and len(parsed.entries) != expected:
        fail(f"{name}: {len(parsed.entries)} entries, expected {expected}")
    for e in parsed.entries:
        if not e.get("title") or not e.get("link", "").startswith(site + "article/"):
            fail(f"{name}: bad entry {e.get('title')!r} {e.get('link')!r}")
        if not e.get("published_parsed"):
            fail(f"{name}: entry {e.title!r} has no parseable date")

# RSS 2.0: channel title, link, description; every item a guid (not a permalink: the
# tag id), a title, a link and the full content.
rss_ids = {}
channel = strict_parse("feed.xml").find("channel")
for field in ("title", "link", "description", "language"):
    if not text(channel, field):
        fail(f"feed.xml: channel without {field}")
for item in channel.findall("item"):
    guid = item.find("guid")
    if guid is None or not (guid.text or "").startswith("tag:"):
        fail(f"feed.xml: item {text(item, 'title')!r} without a tag: guid")
    if guid.get("isPermaLink") != "false":
        fail("feed.xml: a tag: guid must say isPermaLink=\"false\"")
    if not text(item, "title") or not text(item, "link") or item.find(CONTENT) is None:
        fail(f"feed.xml: item {guid.text} without title, link or content:encoded")
    rss_ids[text(item, "link")] = guid.text


def atom_feed(rel):
    """Checks one Atom document; returns its title and [(id, link, title, xml:lang)]."""
    root = strict_parse(rel)
    if root.tag != ATOM + "feed":
        fail(f"{rel}: not an Atom feed")
    for field in ("id", "title", "updated"):
        if not text(root, ATOM + field):
            fail(f"{rel}: feed without {field}")
    entries = []
    for e in root.findall(ATOM + "entry"):
        for field in ("id", "title", "updated"):
            if not text(e, ATOM + field):
                fail(f"{rel}: entry without {field}")
        link = next(
            (l.get("href") for l in e.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"),
            None,
        )
        if not link or not link.startswith(site + "article/"):
            fail(f"{rel}: entry {text(e, ATOM + 'id')} without its link")
        if not text(e, ATOM + "id").startswith("tag:") or not e.get(XML_LANG):
            fail(f"{rel}: entry {link} without a tag: id or xml:lang")
        entries.append((text(e, ATOM + "id"), link, text(e, ATOM + "title"), e.get(XML_LANG)))
    return root, entries


_, atom_entries = atom_feed("atom.xml")
atom_ids = {link: id_ for id_, link, _, _ in atom_entries}

with open(os.path.join(dist, "feed.json"), encoding="utf-8") as f:
    feed = json.load(f)
if feed.get("version") != "https://jsonfeed.org/version/1.1":
    fail("feed.json: wrong version")
for key in ("title", "items"):
    if key not in feed:
        fail(f"feed.json: missing {key}")
if expected is not None and len(feed["items"]) != expected:
    fail(f"feed.json: {len(feed['items'])} items, expected {expected}")
json_ids = {}
for item in feed["items"]:
    # Content may be empty (an article with no body), but one of the two must be there.
    if not item.get("id") or not ("content_html" in item or "content_text" in item):
        fail(f"feed.json: item without id or content: {item.get('title')!r}")
    if not item.get("language"):
        fail(f"feed.json: item {item['id']} without language")
    json_ids[item["url"]] = item["id"]

if not (rss_ids == atom_ids == json_ids):
    fail("the three main feeds do not give each article the same id")
if len(set(atom_ids.values())) != len(atom_ids):
    fail("atom.xml: two articles share an id")

# Every filter's feed: Atom, at its own address, never longer than the main feeds.
filters = {}
for rel in (f for f in xml_files if f.startswith("feeds" + os.sep) or f.startswith("feeds/")):
    rel = rel.replace(os.sep, "/")
    root, entries = atom_feed(rel)
    parsed = feedparser.parse(os.path.join(dist, rel))
    if parsed.bozo:
        fail(f"{rel}: {parsed.bozo_exception}")
    selfs = [l.get("href") for l in root.findall(ATOM + "link") if l.get("rel") == "self"]
    if selfs != [site + rel]:
        fail(f"{rel}: self link {selfs}, expected {site + rel}")
    if not entries or (expected is not None and len(entries) > max(expected, 50)):
        fail(f"{rel}: {len(entries)} entries")
    filters[rel] = {"title": text(root, ATOM + "title"), "entries": entries}

ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
root = strict_parse("sitemap.xml")
locs = [l.text for l in root.findall("s:url/s:loc", ns)]
if expected is not None and (len(locs) != expected + 1 or not all(l.startswith(site) for l in locs)):
    fail(f"sitemap.xml: {len(locs)} urls, expected {expected + 1} under {site}")

if as_json:
    print(json.dumps({
        "main": [{"id": i, "link": l, "title": t, "lang": g} for i, l, t, g in atom_entries],
        "filters": {
            rel: {"title": f["title"], "entries": [{"id": i, "link": l, "title": t} for i, l, t, _ in f["entries"]]}
            for rel, f in filters.items()
        },
    }))
else:
    print(
        f"feeds ok: {len(atom_entries)} items in RSS, Atom, JSON Feed (same ids); "
        f"{len(filters)} filter feeds; sitemap {len(locs)} urls"
    )
