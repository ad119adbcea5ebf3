//! The fonts a renderer embeds, parsed once, and the fallback for the characters
//! they lack (the MJ set of names: 𠮷, …), loaded chunk by chunk as documents need them.

use std::collections::BTreeSet;
use std::sync::OnceLock;

#[cfg(feature = "embedded-fonts")]
pub use crate::fallback_index::EMBEDDED_FALLBACK_FILES;
use crate::fallback_index::FIRST_CODE_POINTS;
use tsunagu_model::{Forbidden, Message, find_string};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Fonts for rendering: BIZ UDGothic and the title cut of BIZ UDMincho by default, with the fallback
/// chunks of `fonts/fallback/` behind them.
pub struct Fonts {
    pub(crate) faces: Vec<Font>,
    pub(crate) book: LazyHash<FontBook>,
    /// Which characters of the Basic Multilingual Plane some font covers, one bit
    /// each, built on first use: Typst's coverage walks ranges one by one, which
    /// for CJK fonts cost more than laying out the page.
    bmp: OnceLock<Box<[u64]>>,
    /// The fallback chunks, each parsed the first time a document needs it.
    fallback: Box<[OnceLock<Font>]>,
    /// Whether a chunk not yet handed in is read from the program's own image.
    fallback_embedded: bool,
}

/// The font files built into tsunagu, by file name (SIL OFL 1.1, see `fonts/OFL.txt`).
/// A `static`, not a `const`: a constant is copied into each place that uses it,
/// and each copy would carry its own 9 MB of font data.
#[cfg(feature = "embedded-fonts")]
pub static EMBEDDED_FONT_FILES: [(&str, &[u8]); 3] = [
    ("BIZUDGothic-Regular.ttf", include_bytes!("../fonts/BIZUDGothic-Regular.ttf")),
    ("BIZUDGothic-Bold.ttf", include_bytes!("../fonts/BIZUDGothic-Bold.ttf")),
    ("TsunaguTitleMincho-Regular.ttf", include_bytes!("../fonts/TsunaguTitleMincho-Regular.ttf")),
];

/// A font file that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontError {
    /// Position of the file among those handed in.
    pub index: usize,
}

impl FontError {
    /// What went wrong, in Japanese and English.
    pub fn message(&self) -> Message {
        let n = self.index + 1;
        Message::new(
            format!("{n} 番目のフォントファイルを読めません"),
            format!("font file {n} is not a font Typst can read"),
        )
    }
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for FontError {}

impl Fonts {
    /// Parses font files (TTF, OTF or collections). The bytes are kept, not copied:
    /// hand in `&'static [u8]` for fonts built into the program.
    pub fn from_files<T>(files: impl IntoIterator<Item = T>) -> Result<Self, FontError>
    where
        T: AsRef<[u8]> + Send + Sync + 'static,
    {
        let mut fonts = Vec::new();
        for (index, data) in files.into_iter().enumerate() {
            let before = fonts.len();
            fonts.extend(Font::iter(Bytes::new(data)));
            if fonts.len() == before {
                return Err(FontError { index });
            }
        }
        Ok(Self::of_faces(fonts, false))
    }

    fn of_faces(faces: Vec<Font>, fallback_embedded: bool) -> Self {
        let book = LazyHash::new(FontBook::from_fonts(&faces));
        let fallback = FIRST_CODE_POINTS.iter().map(|_| OnceLock::new()).collect();
        Self { faces, book, bmp: OnceLock::new(), fallback, fallback_embedded }
    }

    /// The fallback files the text of `value` needs, by name (`fallback-NN.ttf`), whether
    /// loaded or not: what a page fetches before rendering, and what a Typst project carries.
    pub fn fallback_files(&self, value: &serde_json::Value) -> Vec<String> {
        self.fallback_needed(&[value]).into_iter().map(fallback_file_name).collect()
    }

    /// Whether a fallback file has been handed in (or is embedded).
    pub fn has_fallback(&self, name: &str) -> bool {
        fallback_index(name).is_some_and(|index| self.fallback_embedded || self.fallback[index].get().is_some())
    }

    /// Hands in a fallback file (the page fetches each from `fonts/fallback/`).
    ///
    /// # Errors
    /// A name that is no fallback file, or bytes that are not a font.
    pub fn add_fallback(&self, name: &str, bytes: Vec<u8>) -> Result<(), FontError> {
        let index = fallback_index(name).ok_or(FontError { index: FIRST_CODE_POINTS.len() })?;
        let font = Font::new(Bytes::new(bytes), 0).ok_or(FontError { index })?;
        // A second copy of the same file changes nothing.
        let _ = self.fallback[index].set(font);
        Ok(())
    }

    /// The fonts for `values`: these fonts alone when they cover every character, else
    /// these and the fallback chunks the text needs, in chunk order, so every caller
    /// (the CLI, the page) compiles with the same fonts and gets the same PDF.
    pub(crate) fn for_text(&self, values: &[&serde_json::Value]) -> Option<Fonts> {
        let needed = self.fallback_needed(values);
        if needed.is_empty() {
            return None;
        }
        let chunks = needed.into_iter().filter_map(|index| self.fallback_font(index));
        Some(Self::of_faces(self.faces.iter().cloned().chain(chunks).collect(), false))
    }

    fn fallback_needed(&self, values: &[&serde_json::Value]) -> BTreeSet<usize> {
        let mut needed = BTreeSet::new();
        for value in values {
            find_string::<()>(value, &mut |_, text| {
                let uncovered = text.chars().filter(|&c| Forbidden::of(c).is_none() && !self.covers(c));
                needed.extend(uncovered.filter_map(fallback_chunk));
                None
            });
        }
        needed
    }

    fn fallback_font(&self, index: usize) -> Option<Font> {
        let slot = self.fallback.get(index)?;
        if let Some(font) = slot.get() {
            return Some(font.clone());
        }
        #[cfg(feature = "embedded-fonts")]
        if self.fallback_embedded {
            let (_, bytes) = EMBEDDED_FALLBACK_FILES.get(index)?;
            return Some(slot.get_or_init(|| Font::new(Bytes::new(*bytes), 0).expect("embedded fallback")).clone());
        }
        None
    }

    /// The fonts that travel with tsunagu (SIL OFL 1.1, see `fonts/OFL.txt`).
    #[cfg(feature = "embedded-fonts")]
    pub fn embedded() -> Self {
        // Borrowed from the program's own image: only the pages of the files that
        // rendering reads (tables, the glyphs used) are ever loaded into memory.
        let files = EMBEDDED_FONT_FILES.iter().map(|(_, bytes)| *bytes);
        // These files are part of the crate and tested; they always parse.
        let fonts = Self::from_files(files).unwrap_or_else(|error| panic!("embedded fonts: {error}"));
        Self { fallback_embedded: true, ..fonts }
    }

    /// Whether some font can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        // Characters that shaping consumes without a glyph of their own.
        if is_default_ignorable(c) || c.is_control() {
            return true;
        }
        let code = c as u32;
        if code > 0xFFFF {
            return self.any_font_covers(code);
        }
        let bmp = self.bmp.get_or_init(|| {
            let mut bits = vec![0u64; 0x10000 / 64];
            for font in &self.faces {
                // Coverage iterates in ascending order.
                for code in font.info().coverage.iter().take_while(|&code| code <= 0xFFFF) {
                    bits[code as usize / 64] |= 1 << (code % 64);
                }
            }
            bits.into_boxed_slice()
        });
        bmp[code as usize / 64] & (1 << (code % 64)) != 0
    }

    fn any_font_covers(&self, code: u32) -> bool {
        self.faces.iter().any(|font| font.info().coverage.contains(code))
    }
}

/// The fallback chunk that would hold `c`: the last whose first code point is not after it.
fn fallback_chunk(c: char) -> Option<usize> {
    FIRST_CODE_POINTS.partition_point(|&first| first <= u32::from(c)).checked_sub(1)
}

fn fallback_file_name(index: usize) -> String {
    format!("fallback-{index:02}.ttf")
}

fn fallback_index(name: &str) -> Option<usize> {
    let index: usize = name.strip_prefix("fallback-")?.strip_suffix(".ttf")?.parse().ok()?;
    (index < FIRST_CODE_POINTS.len() && fallback_file_name(index) == name).then_some(index)
}

/// Unicode default-ignorable code points that appear in real names and text
/// (variation selectors, joiners, bidi marks): they never need a glyph.
fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

#[cfg(all(test, feature = "embedded-fonts"))]
mod tests {
    use super::{EMBEDDED_FONT_FILES, Fonts};

    #[test]
    fn every_fallback_file_is_a_font_holding_its_first_character() {
        for (index, (name, bytes)) in super::EMBEDDED_FALLBACK_FILES.iter().enumerate() {
            assert_eq!(super::fallback_index(name), Some(index));
            let font = typst::text::Font::new(typst::foundations::Bytes::new(*bytes), 0).expect(name);
            assert!(font.info().coverage.contains(super::FIRST_CODE_POINTS[index]), "{name}");
        }
        assert_eq!(
            super::fallback_chunk('\u{20BB7}').map(super::fallback_file_name).as_deref(),
            Some("fallback-32.ttf")
        );
    }

    #[test]
    fn the_title_font_covers_every_title() {
        let title = Fonts::from_files([EMBEDDED_FONT_FILES[2].1]).expect("title font");
        for kind in tsunagu_model::Kind::ALL {
            for lang in [tsunagu_model::Lang::Ja, tsunagu_model::Lang::En] {
                let label = kind.label(lang);
                let missing: String = label.chars().filter(|&c| !title.covers(c)).collect();
                assert!(missing.is_empty(), "{label}: run crates/render/fonts/title/make.py");
            }
        }
    }

    #[test]
    fn embedded_fonts_are_read_in_place_not_copied() {
        let fonts = Fonts::embedded();
        assert_eq!(fonts.faces.len(), EMBEDDED_FONT_FILES.len());
        for (font, (name, bytes)) in fonts.faces.iter().zip(EMBEDDED_FONT_FILES) {
            assert_eq!(font.data().as_ptr(), bytes.as_ptr(), "{name} was copied");
        }
    }
}
