"""Generate abstract cover art for content/*.md into public/covers/<name>/ — run: `python3 scripts/make_covers.py` (needs Pillow)."""
# Every local cover referenced from front-matter as `covers/<name>/<size>.jpg` is
# (re)generated as thumb (200x113), small (400x225), regular (1080x608) and
# full (1600x900) progressive JPEGs. Output is deterministic: the random seed is
# derived from the cover name and the palette/motif from the article category.
# Options: --only NAME (repeatable) to regenerate selected covers, --list to print them.

import argparse
import colorsys
import hashlib
import math
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
OUT = ROOT / "public" / "covers"

SIZES = {"full": (1600, 900), "regular": (1080, 608), "small": (400, 225), "thumb": (200, 113)}
BASE_W, BASE_H = 1600, 900
SS = 2  # supersampling factor for anti-aliased shapes
QUALITY = 70

# (gradient start, gradient end, accents...) per category.
PALETTES = {
    "CLIMATE": ["#0b3d3a", "#1f7a5c", "#f4c95d", "#9be3c4", "#f28f3b"],
    "REGULATION": ["#111d3b", "#2e4372", "#d9b45b", "#8fa6d8", "#e8e3d3"],
    "SECURITY": ["#1a0d14", "#5c1426", "#ff5a36", "#f2a541", "#c9c5d1"],
    "MARKETS": ["#0d1b2a", "#145a5a", "#3ddc97", "#ffb347", "#7aa2ff"],
    "TECHNOLOGY": ["#190b3a", "#3a1c71", "#33d6ff", "#ff4fd8", "#b9a6ff"],
    "SCIENCE": ["#02142b", "#0a3d62", "#6ee7ff", "#ffffff", "#7f8cff"],
    "CULTURE": ["#3b0f3b", "#b83b5e", "#ffb6b9", "#fae3d9", "#6a2c70"],
    "OTHER": ["#2b2622", "#5e503f", "#e0a458", "#52b69a", "#c6ac8f"],
}


def hex_rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def hue_shift(c, deg):
    """Rotate an RGB colour's hue by `deg` degrees (small per-cover variation)."""
    h, l, s = colorsys.rgb_to_hls(*(v / 255 for v in c))
    return tuple(round(v * 255) for v in colorsys.hls_to_rgb((h + deg / 360) % 1.0, l, s))


def covers_from_content():
    """Map cover name -> category for every local cover referenced in content/."""
    found = {}
    for md in sorted(CONTENT.glob("*.md")):
        text = md.read_text(encoding="utf-8")
        fm = text.split("---", 2)[1] if text.startswith("---") else ""
        cat = re.search(r"^category:\s*'?([A-Z ]+)'?\s*$", fm, re.M)
        cat = cat.group(1).strip() if cat else "OTHER"
        for name in re.findall(r"['\"]?covers/([a-z0-9-]+)/[a-z]+\.jpg", fm):
            found[name] = cat
    return found


def gradient(w, h, c1, c2, angle):
    """Linear gradient between two colours at `angle` degrees."""
    diag = int(math.hypot(w, h)) + 2
    mask = Image.linear_gradient("L").resize((diag, diag)).rotate(angle, resample=Image.BICUBIC)
    left, top = (diag - w) // 2, (diag - h) // 2
    mask = mask.crop((left, top, left + w, top + h))
    return Image.composite(Image.new("RGB", (w, h), c2), Image.new("RGB", (w, h), c1), mask)


def rgba(c, a):
    return (*c, int(a))


def layer(w, h):
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    return img, ImageDraw.Draw(img)


def glow(canvas, w, h, rnd, colours):
    """Soft blurred colour blobs for depth."""
    img, d = layer(w, h)
    for _ in range(3):
        r = rnd.uniform(0.25, 0.5) * h
        x, y = rnd.uniform(0, w), rnd.uniform(0, h)
        d.ellipse((x - r, y - r, x + r, y + r), fill=rgba(rnd.choice(colours), rnd.uniform(70, 120)))
    img = img.filter(ImageFilter.GaussianBlur(h * 0.12))
    return Image.alpha_composite(canvas, img)


def motif_climate(d, w, h, rnd, acc):
    sx, sy, sr = rnd.uniform(0.55, 0.8) * w, rnd.uniform(0.25, 0.4) * h, rnd.uniform(0.14, 0.2) * h
    d.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=rgba(acc[0], 235))
    for i in range(5):  # rolling hills / waves
        base = h * (0.55 + i * 0.09)
        amp, freq, ph = h * rnd.uniform(0.03, 0.07), rnd.uniform(1.0, 2.2), rnd.uniform(0, 6.3)
        pts = [(x, base + amp * math.sin(ph + freq * x / w * 2 * math.pi)) for x in range(0, w + 40, 40)]
        d.polygon(pts + [(w, h), (0, h)], fill=rgba(acc[(1 + i) % 3], 70 + i * 30))


def motif_regulation(d, w, h, rnd, acc):
    n = rnd.randint(5, 8)
    cw = w * 0.5 / n
    x0 = rnd.uniform(0.08, 0.42) * w
    top, bottom = h * 0.3, h * 0.85
    d.polygon([(x0 - cw, top), (x0 + n * cw * 1.1, top), (x0 + n * cw * 0.55 - cw / 2, h * 0.14)], fill=rgba(acc[0], 210))
    for i in range(n):
        x = x0 + i * cw * 1.1
        d.rectangle((x, top + h * 0.03, x + cw * 0.55, bottom), fill=rgba(acc[2], 200 - i * 8))
    d.rectangle((x0 - cw, bottom, x0 + n * cw * 1.1, bottom + h * 0.04), fill=rgba(acc[0], 210))
    for i in range(12):
        y = h * i / 12
        d.line((0, y, w, y), fill=rgba(acc[1], 25), width=max(2, h // 300))


def motif_security(d, w, h, rnd, acc):
    cx, cy = rnd.uniform(0.3, 0.7) * w, h * 0.5
    for i in range(7, 0, -1):
        r = h * 0.07 * i
        pts = [(cx + r * math.cos(math.pi / 3 * k + math.pi / 6), cy + r * math.sin(math.pi / 3 * k + math.pi / 6)) for k in range(6)]
        d.polygon(pts, outline=rgba(acc[i % 2], 60 + 22 * (7 - i)), width=max(3, h // 120))
    r = h * 0.11
    d.rounded_rectangle((cx - r, cy - r * 0.3, cx + r, cy + r * 1.1), radius=r * 0.2, fill=rgba(acc[0], 230))
    d.arc((cx - r * 0.65, cy - r * 1.2, cx + r * 0.65, cy + r * 0.1), 180, 360, fill=rgba(acc[2], 230), width=int(r * 0.22))
    for _ in range(4):  # crack lines
        x, y = rnd.uniform(0, w), rnd.uniform(0, h)
        pts = [(x, y)]
        for _ in range(5):
            x, y = x + rnd.uniform(-0.08, 0.08) * w, y + rnd.uniform(0.03, 0.1) * h
            pts.append((x, y))
        d.line(pts, fill=rgba(acc[1], 120), width=max(2, h // 250))


def motif_markets(d, w, h, rnd, acc):
    n = rnd.randint(14, 20)
    bw = w / (n * 1.6)
    level = h * rnd.uniform(0.45, 0.6)
    pts = []
    for i in range(n):
        x = w * 0.06 + i * bw * 1.6
        nxt = level + rnd.uniform(-0.09, 0.09) * h
        lo, hi = sorted((level, nxt))
        col = acc[0] if nxt < level else acc[1]
        d.line((x + bw / 2, lo - h * 0.04, x + bw / 2, hi + h * 0.04), fill=rgba(col, 150), width=max(2, h // 300))
        d.rectangle((x, lo, x + bw, max(hi, lo + 4)), fill=rgba(col, 200))
        pts.append((x + bw / 2, nxt - h * 0.12))
        level = nxt
    d.line(pts, fill=rgba(acc[2], 220), width=max(4, h // 110), joint="curve")


def motif_technology(d, w, h, rnd, acc):
    g = h / 9
    for _ in range(rnd.randint(16, 24)):  # circuit traces on a grid
        x, y = round(rnd.uniform(0, w) / g) * g, round(rnd.uniform(0, h) / g) * g
        pts = [(x, y)]
        for _ in range(rnd.randint(2, 5)):
            if rnd.random() < 0.5:
                x += rnd.choice((-1, 1)) * g * rnd.randint(1, 4)
            else:
                y += rnd.choice((-1, 1)) * g * rnd.randint(1, 3)
            pts.append((x, y))
        col = rnd.choice(acc[:3])
        d.line(pts, fill=rgba(col, 170), width=max(3, h // 180))
        r = g * 0.16
        for px, py in (pts[0], pts[-1]):
            d.ellipse((px - r, py - r, px + r, py + r), fill=rgba(col, 230))
    cx, cy, s = rnd.uniform(0.2, 0.8) * w, rnd.uniform(0.35, 0.65) * h, rnd.uniform(0.1, 0.2) * h
    if rnd.random() < 0.5:  # chip with pins
        pin = s * 0.12
        for k in range(5):
            o = -s + (k + 0.5) * 2 * s / 5
            for a, b in ((o, -s - pin * 2), (o, s + pin * 2), (-s - pin * 2, o), (s + pin * 2, o)):
                d.ellipse((cx + a - pin, cy + b - pin, cx + a + pin, cy + b + pin), fill=rgba(acc[0], 220))
        d.rounded_rectangle((cx - s, cy - s, cx + s, cy + s), radius=s * 0.15, fill=rgba(acc[2], 200), outline=rgba(acc[0], 255), width=max(3, h // 150))
    else:  # concentric signal rings
        for k in range(5, 0, -1):
            r = s * k * 0.45
            d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=rgba(acc[k % 3], 80 + 30 * (5 - k)), width=max(3, h // 140))
        r = s * 0.25
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rgba(acc[1], 240))


def motif_science(d, w, h, rnd, acc):
    cx, cy = rnd.uniform(0.35, 0.65) * w, rnd.uniform(0.4, 0.6) * h
    for i in range(3):  # tilted orbits drawn as point-sampled ellipses
        a, b, rot = h * (0.42 - i * 0.05), h * (0.14 + i * 0.02), rnd.uniform(0, math.pi)
        pts = []
        for k in range(181):
            t = 2 * math.pi * k / 180
            x, y = a * math.cos(t), b * math.sin(t)
            pts.append((cx + x * math.cos(rot) - y * math.sin(rot), cy + x * math.sin(rot) + y * math.cos(rot)))
        d.line(pts, fill=rgba(acc[i % 3], 170), width=max(3, h // 200))
        t = rnd.uniform(0, 2 * math.pi)
        px, py = pts[int(t / (2 * math.pi) * 180)]
        r = h * 0.02
        d.ellipse((px - r, py - r, px + r, py + r), fill=rgba(acc[1], 255))
    r = h * 0.07
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rgba(acc[0], 240))
    for _ in range(60):
        x, y, s = rnd.uniform(0, w), rnd.uniform(0, h), rnd.uniform(1, 3) * h / 900
        d.ellipse((x - s, y - s, x + s, y + s), fill=rgba(acc[1], rnd.uniform(90, 200)))


def motif_culture(d, w, h, rnd, acc):
    for _ in range(rnd.randint(6, 9)):
        r = rnd.uniform(0.12, 0.3) * h
        x, y = rnd.uniform(0.1, 0.9) * w, rnd.uniform(0.15, 0.85) * h
        if rnd.random() < 0.35:
            d.ellipse((x - r, y - r, x + r, y + r), outline=rgba(rnd.choice(acc), 200), width=max(4, h // 90))
        else:
            d.ellipse((x - r, y - r, x + r, y + r), fill=rgba(rnd.choice(acc), rnd.uniform(90, 170)))
    x = rnd.uniform(0.2, 0.8) * w
    d.polygon([(x, h * 0.15), (x + h * 0.25, h * 0.75), (x - h * 0.25, h * 0.75)], fill=rgba(acc[1], 120))


def motif_other(d, w, h, rnd, acc):
    cols = rnd.randint(9, 12)
    s = w / cols
    rows = int(h / s) + 2
    for r in range(rows):
        for c in range(cols + 1):
            if rnd.random() < 0.45:
                continue
            x, y = c * s, r * s
            up = (r + c) % 2 == 0
            tri = [(x, y), (x + s, y), (x + s / 2, y + s)] if up else [(x, y + s), (x + s, y + s), (x + s / 2, y)]
            d.polygon(tri, fill=rgba(rnd.choice(acc), rnd.uniform(40, 150)))


MOTIFS = {
    "CLIMATE": motif_climate, "REGULATION": motif_regulation, "SECURITY": motif_security,
    "MARKETS": motif_markets, "TECHNOLOGY": motif_technology, "SCIENCE": motif_science,
    "CULTURE": motif_culture, "OTHER": motif_other,
}


def render(name, category):
    seed = int(hashlib.sha256(name.encode()).hexdigest()[:16], 16)
    rnd = random.Random(seed)
    shift = rnd.uniform(-22, 22)
    pal = [hue_shift(hex_rgb(c), shift) for c in PALETTES.get(category, PALETTES["OTHER"])]
    acc = pal[2:]
    rnd.shuffle(acc)
    w, h = BASE_W * SS, BASE_H * SS
    canvas = gradient(w, h, pal[0], pal[1], rnd.uniform(0, 360)).convert("RGBA")
    canvas = glow(canvas, w, h, rnd, acc)
    shapes, d = layer(w, h)
    MOTIFS.get(category, motif_other)(d, w, h, rnd, acc)
    canvas = Image.alpha_composite(canvas, shapes)
    # Subtle vignette to anchor overlaid headline text.
    vig, vd = layer(w, h)
    vd.rectangle((0, int(h * 0.62), w, h), fill=(0, 0, 0, 110))
    vig = vig.filter(ImageFilter.GaussianBlur(h * 0.12))
    canvas = Image.alpha_composite(canvas, vig).convert("RGB")
    return canvas.resize((BASE_W, BASE_H), Image.LANCZOS)


def save_all(name, img):
    out = OUT / name
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for size, dims in SIZES.items():
        path = out / f"{size}.jpg"
        im = img if dims == img.size else img.resize(dims, Image.LANCZOS)
        im.save(path, "JPEG", quality=QUALITY, optimize=True, progressive=True, subsampling="4:2:0")
        total += path.stat().st_size
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", action="append", default=[], help="cover name to regenerate")
    ap.add_argument("--list", action="store_true", help="list covers referenced by content and exit")
    args = ap.parse_args()
    covers = covers_from_content()
    if args.only:
        covers = {k: v for k, v in covers.items() if k in args.only}
    if args.list:
        for name, cat in sorted(covers.items()):
            print(f"{name}\t{cat}")
        return 0
    grand = 0
    for name, cat in sorted(covers.items()):
        size = save_all(name, render(name, cat))
        grand += size
        print(f"{name:24s} {cat:11s} {size / 1024:7.1f} KiB")
    print(f"{len(covers)} covers, {grand / 1024:.1f} KiB total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
