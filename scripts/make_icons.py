"""Generates the web app manifest icons (public/icons/*.png) with Pillow.

Run from the repository root: python3 scripts/make_icons.py
"""
from PIL import Image, ImageDraw, ImageFont

BG = (31, 58, 95)
FG = (255, 255, 255)
FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
]


def font(size):
    for path in FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def icon(size, maskable):
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if maskable:
        # Full bleed; the letter stays inside the 80% safe zone.
        d.rectangle([0, 0, size, size], fill=BG)
        glyph = int(size * 0.5)
    else:
        d.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 5, fill=BG)
        glyph = int(size * 0.66)
    f = font(glyph)
    d.text((size / 2, size / 2), "B", font=f, fill=FG, anchor="mm")
    return img


for size in (192, 512):
    icon(size, False).save(f"public/icons/icon-{size}.png", optimize=True)
    icon(size, True).save(f"public/icons/maskable-{size}.png", optimize=True)
