//! The site's icons, drawn from `broadsheet.toml`: the favicons, the manifest's icons
//! (any-purpose and maskable) and the Apple touch icon, under the same names as
//! `public/icons/` (which `index.html` and the manifest link).
//!
//! From a `logo`: the image contained in the square and centred (transparent padding
//! for the any-purpose icons; the maskable ones keep it inside the 80% safe zone on the
//! theme colour; the Apple icon is opaque, on the page background). Without one: a
//! monogram, the title's first letter in white on the theme colour, from DejaVu Sans
//! Bold embedded in xtask; a title whose first letter the font lacks gets a filled
//! circle instead.
//!
//! Output is deterministic (same configuration and logo, same bytes): builds are
//! compared byte for byte. Drawing all seven takes 25 ms for a monogram and more
//! with a large logo, so results are cached under `target/icon-cache/` by a hash of
//! their inputs.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::{self, FilterType};
use image::{ImageEncoder, Rgba, RgbaImage};
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Transform};

use crate::out_files::write_if_changed;
use crate::site_config::colour::{Rgb, WHITE};
use crate::site_config::SiteConfig;
use crate::util::{create_dir_all, fast_hash, root};

/// How an icon is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Shown as is: the logo fills the square, padding transparent.
    Any,
    /// Cropped to a shape by the platform: the logo within the central 80% circle, on
    /// the theme colour.
    Maskable,
    /// iOS home screen: opaque (iOS fills transparency with black).
    Apple,
}

/// Every icon: file name under `icons/`, size in pixels, purpose. The favicons are
/// PNG, not SVG: Chromium fetches and decodes the icon again after every same-document
/// navigation (each filter click), and an SVG icon with text is a whole SVG document to
/// build and lay out, 2-5 ms of the main thread each time (traced at 10k articles).
/// (`index.html` links them; it keeps no comments, as every page is made from it.)
pub const ICONS: [(&str, u32, Purpose); 7] = [
    ("favicon-32.png", 32, Purpose::Any),
    ("favicon-64.png", 64, Purpose::Any),
    ("icon-192.png", 192, Purpose::Any),
    ("icon-512.png", 512, Purpose::Any),
    ("maskable-192.png", 192, Purpose::Maskable),
    ("maskable-512.png", 512, Purpose::Maskable),
    ("apple-touch-icon.png", 180, Purpose::Apple),
];

/// Bump when the drawing changes for the same inputs (invalidates the cache).
const ICONS_VERSION: &str = "1";

/// Why the icons could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum IconError {
    /// The logo could not be read or decoded.
    #[error("logo {}: {source}", path.display())]
    Logo {
        /// The logo file.
        path: PathBuf,
        /// The underlying error.
        source: image::ImageError,
    },
    /// A PNG could not be encoded.
    #[error("encoding {name}: {source}")]
    Encode {
        /// The icon's file name.
        name: &'static str,
        /// The underlying error.
        source: image::ImageError,
    },
    /// The embedded font could not be read (a broken build of xtask).
    #[error("the embedded monogram font: {0}")]
    Font(String),
    /// A canvas of this size could not be made.
    #[error("no {0}x{0} canvas")]
    Canvas(u32),
}

impl From<IconError> for crate::util::Error {
    fn from(e: IconError) -> Self {
        crate::util::Error::Msg(e.to_string())
    }
}

/// Every icon of [`ICONS`] as PNG bytes, in that order.
pub fn render(config: &SiteConfig) -> Result<Vec<(&'static str, Vec<u8>)>, IconError> {
    let theme = config.theme_color();
    let page = config.palette.light.bg;
    let logo = match &config.logo {
        Some(path) => Some(decode(path)?),
        None => None,
    };
    let letter = monogram_letter(&config.title);
    ICONS
        .iter()
        .map(|&(name, size, purpose)| {
            let image = match &logo {
                Some(logo) => contained(logo, size, purpose, theme, page),
                None => monogram(letter, size, purpose, theme)?,
            };
            Ok((name, encode(name, &image)?))
        })
        .collect()
}

/// Writes every icon into `dir` (the site's `icons/`), from the cache when the same
/// inputs were drawn before.
pub fn write(config: &SiteConfig, dir: &Path) -> crate::util::Result {
    let logo = match &config.logo {
        Some(path) => crate::util::read(path)?,
        None => Vec::new(),
    };
    // The executable's stamp too: another build of xtask (a newer PNG encoder) may
    // write other bytes, and a build without the cache must equal one with it.
    let key = fast_hash(&[
        ICONS_VERSION.as_bytes(),
        crate::util::tool_stamp().as_bytes(),
        config.title.as_bytes(),
        config.theme_color().to_string().as_bytes(),
        config.palette.light.bg.to_string().as_bytes(),
        &logo,
    ]);
    let cache = root().join("target/icon-cache").join(&key[..16]);
    let cached: Option<Vec<(&str, Vec<u8>)>> = ICONS
        .iter()
        .map(|(name, _, _)| std::fs::read(cache.join(name)).ok().map(|b| (*name, b)))
        .collect();
    let icons = match cached {
        Some(icons) => icons,
        None => {
            let icons = render(config)?;
            // The cache is optional: a failure to fill it only costs the next build time.
            if std::fs::create_dir_all(&cache).is_ok() {
                for (name, bytes) in &icons {
                    let _ = std::fs::write(cache.join(name), bytes);
                }
            }
            icons
        }
    };
    create_dir_all(dir)?;
    for (name, bytes) in icons {
        write_if_changed(&dir.join(name), &bytes)?;
    }
    Ok(())
}

/// The logo as RGBA.
fn decode(path: &Path) -> Result<RgbaImage, IconError> {
    let logo = |source| IconError::Logo {
        path: path.to_path_buf(),
        source,
    };
    let reader = image::ImageReader::open(path)
        .map_err(|e| logo(image::ImageError::IoError(e)))?
        .with_guessed_format()
        .map_err(|e| logo(image::ImageError::IoError(e)))?;
    Ok(reader.decode().map_err(logo)?.to_rgba8())
}

/// `image` as PNG bytes (best compression: icons are small and fetched often).
fn encode(name: &'static str, image: &RgbaImage) -> Result<Vec<u8>, IconError> {
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(
        Cursor::new(&mut bytes),
        CompressionType::Best,
        PngFilter::Adaptive,
    )
    .write_image(
        image.as_raw(),
        image.width(),
        image.height(),
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|source| IconError::Encode { name, source })?;
    Ok(bytes)
}

/// `logo` contained in a `size` square for `purpose`.
fn contained(logo: &RgbaImage, size: u32, purpose: Purpose, theme: Rgb, page: Rgb) -> RgbaImage {
    let (room, background) = match purpose {
        Purpose::Any => (size, None),
        // The safe zone is a circle of 80% of the width: a square inside it is 80% /
        // sqrt(2) wide, but logos are rarely full-bleed squares, so 80% is the
        // usual compromise (and the one Chrome's maskable preview shows).
        Purpose::Maskable => ((size * 4).div_ceil(5), Some(theme)),
        Purpose::Apple => (size, Some(page)),
    };
    let (w, h) = logo.dimensions();
    let (nw, nh) = if w >= h {
        (room, scaled(h, room, w))
    } else {
        (scaled(w, room, h), room)
    };
    // Premultiplied while resampling, so transparent pixels' colours do not bleed in.
    let mut pre = logo.clone();
    for p in pre.pixels_mut() {
        let a = u32::from(p[3]);
        for c in 0..3 {
            p[c] = mul_div(u32::from(p[c]), a, 255);
        }
    }
    let mut small = imageops::resize(&pre, nw, nh, FilterType::Lanczos3);
    for p in small.pixels_mut() {
        let a = u32::from(p[3]);
        for c in 0..3 {
            p[c] = if a == 0 {
                0
            } else {
                mul_div(u32::from(p[c]), 255, a)
            };
        }
    }
    let fill = background.map_or(Rgba([0, 0, 0, 0]), |c| Rgba(c.rgba()));
    let mut canvas = RgbaImage::from_pixel(size, size, fill);
    imageops::overlay(
        &mut canvas,
        &small,
        i64::from((size - nw) / 2),
        i64::from((size - nh) / 2),
    );
    canvas
}

/// `a * b / c` rounded, at most 255.
fn mul_div(a: u32, b: u32, c: u32) -> u8 {
    u8::try_from(((a * b + c / 2) / c).min(255)).unwrap_or(u8::MAX)
}

/// `side * room / long`, rounded, at least 1.
fn scaled(side: u32, room: u32, long: u32) -> u32 {
    let v = (u64::from(side) * u64::from(room) + u64::from(long) / 2) / u64::from(long.max(1));
    u32::try_from(v).unwrap_or(room).clamp(1, room)
}

/// The letter of the monogram: the title's first letter or digit, upper case.
pub fn monogram_letter(title: &str) -> Option<char> {
    title
        .chars()
        .find(|c| c.is_alphanumeric())
        .and_then(|c| c.to_uppercase().next())
}

/// Feeds a glyph's outline (font units, y up) into a path (pixels, y down).
struct Outline {
    path: PathBuilder,
    scale: f32,
    dx: f32,
    dy: f32,
}

impl Outline {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.scale + self.dx, self.dy - y * self.scale)
    }
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let ((x1, y1), (x, y)) = (self.at(x1, y1), self.at(x, y));
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let ((x1, y1), (x2, y2), (x, y)) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

/// The path of `letter` centred in a `size` square, its height `height` pixels (its
/// width at most 1.15 times that); `None` when the font has no such glyph.
fn glyph_path(letter: char, size: f32, height: f32) -> Result<Option<tiny_skia::Path>, IconError> {
    let face = ttf_parser::Face::parse(dejavu::sans::bold(), 0)
        .map_err(|e| IconError::Font(e.to_string()))?;
    let Some(id) = face.glyph_index(letter) else {
        return Ok(None);
    };
    // The box first (a throwaway outline), to scale and centre on the ink, not on the
    // font's metrics: a monogram should look centred.
    let mut probe = Outline {
        path: PathBuilder::new(),
        scale: 1.0,
        dx: 0.0,
        dy: 0.0,
    };
    let Some(b) = face.outline_glyph(id, &mut probe) else {
        return Ok(None); // a glyph without ink (a space-like character)
    };
    let (w, h) = (f32::from(b.x_max - b.x_min), f32::from(b.y_max - b.y_min));
    if w <= 0.0 || h <= 0.0 {
        return Ok(None);
    }
    let scale = (height / h).min(height * 1.15 / w);
    let cx = (f32::from(b.x_min) + f32::from(b.x_max)) / 2.0;
    let cy = (f32::from(b.y_min) + f32::from(b.y_max)) / 2.0;
    let mut outline = Outline {
        path: PathBuilder::new(),
        scale,
        dx: size / 2.0 - cx * scale,
        dy: size / 2.0 + cy * scale,
    };
    face.outline_glyph(id, &mut outline);
    Ok(outline.path.finish())
}

/// The monogram icon: `letter` (or a circle) in white on `theme`.
fn monogram(
    letter: Option<char>,
    size: u32,
    purpose: Purpose,
    theme: Rgb,
) -> Result<RgbaImage, IconError> {
    let side = size as f32;
    // Maskable icons keep the mark well inside the safe zone's circle.
    let height = side
        * if purpose == Purpose::Maskable {
            0.42
        } else {
            0.55
        };
    let mut pixmap = Pixmap::new(size, size).ok_or(IconError::Canvas(size))?;
    pixmap.fill(tiny_skia::Color::from_rgba8(
        theme.0, theme.1, theme.2, 0xff,
    ));
    let path = match letter {
        Some(c) => glyph_path(c, side, height)?,
        None => None,
    };
    let path = match path {
        Some(path) => Some(path),
        None => PathBuilder::from_circle(side / 2.0, side / 2.0, height / 2.0),
    };
    let mut paint = Paint::default();
    paint.set_color_rgba8(WHITE.0, WHITE.1, WHITE.2, 0xff);
    paint.anti_alias = true;
    if let Some(path) = path {
        pixmap.fill_path(
            &path,
            &paint,
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
    // Opaque everywhere, so tiny-skia's premultiplied bytes are the straight ones.
    RgbaImage::from_raw(size, size, pixmap.take()).ok_or(IconError::Canvas(size))
}

#[cfg(test)]
mod tests;
