//! The icons: their sizes and opacity, the same bytes for the same inputs, and a logo
//! contained, not stretched.

use std::path::Path;

use image::RgbaImage;

use super::{monogram_letter, render, ICONS};
use crate::site_config::SiteConfig;

fn config(text: &str) -> SiteConfig {
    let palette = crate::site_config::palette().unwrap();
    crate::site_config::parse(text, Path::new("/elsewhere/site.toml"), palette).unwrap()
}

fn decoded(bytes: &[u8]) -> RgbaImage {
    image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .unwrap()
        .to_rgba8()
}

#[test]
fn every_icon_has_its_name_and_size() {
    let icons = render(&config("title = \"Planet\"")).unwrap();
    let names: Vec<&str> = icons.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "favicon-32.png",
            "favicon-64.png",
            "icon-192.png",
            "icon-512.png",
            "maskable-192.png",
            "maskable-512.png",
            "apple-touch-icon.png"
        ]
    );
    for ((name, bytes), (_, size, _)) in icons.iter().zip(ICONS) {
        let image = decoded(bytes);
        assert_eq!(image.dimensions(), (size, size), "{name}");
        // A monogram is opaque, and shows white ink on the accent.
        assert!(image.pixels().all(|p| p[3] == 255), "{name}");
        assert!(
            image.pixels().any(|p| p.0 == [255, 255, 255, 255]),
            "{name}"
        );
        assert_eq!(image.get_pixel(0, 0).0, [0x0b, 0x57, 0xa4, 255], "{name}");
    }
}

#[test]
fn the_monogram_is_deterministic_and_follows_the_title() {
    let a = render(&config("title = \"Planet\"")).unwrap();
    assert_eq!(a, render(&config("title = \"Planet\"")).unwrap());
    assert_eq!(
        a,
        render(&config("title = \"pioneer\"")).unwrap(),
        "same letter"
    );
    assert_ne!(a, render(&config("title = \"Quill\"")).unwrap());
    let accent = render(&config("title = \"Planet\"\naccent = \"#7a1f5c\"")).unwrap();
    assert_eq!(
        decoded(&accent[3].1).get_pixel(0, 0).0,
        [0x7a, 0x1f, 0x5c, 255]
    );
    for (title, letter) in [
        ("Broadsheet", Some('B')),
        ("«le monde»", Some('L')),
        ("9 News", Some('9')),
        ("ñandú", Some('Ñ')),
        ("日本経済", Some('日')),
        ("— ", None),
    ] {
        assert_eq!(monogram_letter(title), letter, "{title}");
    }
    // A letter the font lacks (CJK) and no letter at all both give the circle mark.
    let circle = render(&config("title = \"日本経済\"")).unwrap();
    assert_eq!(circle, render(&config("title = \"— —\"")).unwrap());
    assert_ne!(circle, a);
}

#[test]
fn a_logo_is_contained_and_centred() {
    let dir = std::env::temp_dir().join(format!("broadsheet-icons-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A wide red logo, twice as wide as high.
    let logo = RgbaImage::from_pixel(200, 100, image::Rgba([200, 0, 0, 255]));
    logo.save(dir.join("logo.png")).unwrap();
    std::fs::write(dir.join("site.toml"), "logo = \"logo.png\"\n").unwrap();
    let config = crate::site_config::load(Some(&dir.join("site.toml"))).unwrap();
    let icons = render(&config).unwrap();
    let any = decoded(&icons[3].1);
    assert_eq!(any.dimensions(), (512, 512));
    // Transparent above and below, the logo across the middle.
    assert_eq!(any.get_pixel(256, 10)[3], 0);
    assert_eq!(any.get_pixel(256, 256).0, [200, 0, 0, 255]);
    assert_eq!(any.get_pixel(2, 256).0, [200, 0, 0, 255]);
    // Maskable: opaque, the theme colour around a logo inside the 80% safe zone.
    let maskable = decoded(&icons[5].1);
    assert_eq!(maskable.get_pixel(256, 10).0, [0x0b, 0x57, 0xa4, 255]);
    assert_eq!(maskable.get_pixel(30, 256).0, [0x0b, 0x57, 0xa4, 255]);
    assert_eq!(maskable.get_pixel(256, 256).0, [200, 0, 0, 255]);
    // Apple: opaque, on the page background.
    let apple = decoded(&icons[6].1);
    assert_eq!(apple.dimensions(), (180, 180));
    assert!(apple.pixels().all(|p| p[3] == 255));
    assert_eq!(apple.get_pixel(90, 5).0, [0xf7, 0xf5, 0xf0, 255]);
    assert_eq!(icons, render(&config).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}
