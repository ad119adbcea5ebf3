//! The fonts a renderer embeds, parsed once.

use std::sync::OnceLock;

use tsunagu_model::Message;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Fonts for rendering: BIZ UDGothic and BIZ UDMincho by default.
pub struct Fonts {
    pub(crate) faces: Vec<Font>,
    pub(crate) book: LazyHash<FontBook>,
    /// Which characters of the Basic Multilingual Plane some font covers, one bit
    /// each, built on first use: Typst's coverage walks ranges one by one, which
    /// for CJK fonts cost more than laying out the page.
    bmp: OnceLock<Box<[u64]>>,
}

/// The font files built into tsunagu, by file name (SIL OFL 1.1, see `fonts/OFL.txt`).
/// A `static`, not a `const`: a constant is copied into each place that uses it,
/// and each copy would carry its own 15 MB of font data.
#[cfg(feature = "embedded-fonts")]
pub static EMBEDDED_FONT_FILES: [(&str, &[u8]); 3] = [
    ("BIZUDGothic-Regular.ttf", include_bytes!("../fonts/BIZUDGothic-Regular.ttf")),
    ("BIZUDGothic-Bold.ttf", include_bytes!("../fonts/BIZUDGothic-Bold.ttf")),
    ("BIZUDMincho-Regular.ttf", include_bytes!("../fonts/BIZUDMincho-Regular.ttf")),
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
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Ok(Self { faces: fonts, book, bmp: OnceLock::new() })
    }

    /// The fonts that travel with tsunagu (SIL OFL 1.1, see `fonts/OFL.txt`).
    #[cfg(feature = "embedded-fonts")]
    pub fn embedded() -> Self {
        // Borrowed from the program's own image: only the pages of the files that
        // rendering reads (tables, the glyphs used) are ever loaded into memory.
        let files = EMBEDDED_FONT_FILES.iter().map(|(_, bytes)| *bytes);
        // These files are part of the crate and tested; they always parse.
        Self::from_files(files).unwrap_or_else(|error| panic!("embedded fonts: {error}"))
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
    fn embedded_fonts_are_read_in_place_not_copied() {
        let fonts = Fonts::embedded();
        assert_eq!(fonts.faces.len(), EMBEDDED_FONT_FILES.len());
        for (font, (name, bytes)) in fonts.faces.iter().zip(EMBEDDED_FONT_FILES) {
            assert_eq!(font.data().as_ptr(), bytes.as_ptr(), "{name} was copied");
        }
    }
}
