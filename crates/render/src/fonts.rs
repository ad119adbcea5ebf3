//! The fonts a renderer embeds, parsed once, and the pieces loaded as a document's text
//! needs them: the rest of BIZ UDGothic beyond its core, and the fallback for what BIZ
//! UDGothic lacks (the MJ set of names: 𠮷, …).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::{fallback_index, gothic_index};
use tsunagu_model::{Forbidden, Message, find_string};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Fonts for rendering: the core of BIZ UDGothic and the title cut of BIZ UDMincho by
/// default, with the pieces of `fonts/gothic/` and `fonts/fallback/` behind them.
pub struct Fonts {
    pub(crate) faces: Vec<Font>,
    pub(crate) book: LazyHash<FontBook>,
    /// Which characters of the Basic Multilingual Plane some font covers, one bit
    /// each, built on first use: Typst's coverage walks ranges one by one, which
    /// for CJK fonts cost more than laying out the page.
    bmp: OnceLock<Box<[u64]>>,
    /// The pieces, each parsed the first time a document needs it.
    pieces: Box<[OnceLock<Font>]>,
    /// Whether a piece not yet handed in is read from the program's own image.
    pieces_embedded: bool,
}

/// The font files built into tsunagu that every render loads, by file name (SIL OFL 1.1,
/// see `fonts/OFL.txt`). A `static`, not a `const`: a constant is copied into each place
/// that uses it, and each copy would carry its own megabytes of font data.
#[cfg(feature = "embedded-fonts")]
pub static EMBEDDED_FONT_FILES: [(&str, &[u8]); 3] = [
    ("TsunaguGothic-Regular.ttf", include_bytes!("../fonts/TsunaguGothic-Regular.ttf")),
    ("TsunaguGothic-Bold.ttf", include_bytes!("../fonts/TsunaguGothic-Bold.ttf")),
    ("TsunaguTitleMincho-Regular.ttf", include_bytes!("../fonts/TsunaguTitleMincho-Regular.ttf")),
];

/// The bytes of a piece built into tsunagu, by its name (`gothic/…` or `fallback/…`).
#[cfg(feature = "embedded-fonts")]
pub fn embedded_piece(name: &str) -> Option<&'static [u8]> {
    piece_index(name).and_then(embedded_piece_bytes)
}

#[cfg(feature = "embedded-fonts")]
fn embedded_piece_bytes(index: usize) -> Option<&'static [u8]> {
    let gothic = &gothic_index::EMBEDDED_GOTHIC_FILES;
    let file = gothic.get(index).or_else(|| fallback_index::EMBEDDED_FALLBACK_FILES.get(index - gothic.len()));
    file.map(|(_, bytes)| *bytes)
}

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

    fn of_faces(faces: Vec<Font>, pieces_embedded: bool) -> Self {
        let book = LazyHash::new(FontBook::from_fonts(&faces));
        let pieces = (0..piece_count()).map(|_| OnceLock::new()).collect();
        Self { faces, book, bmp: OnceLock::new(), pieces, pieces_embedded }
    }

    /// The pieces the text of `value` needs, by name relative to the fonts' folder
    /// (`gothic/gothic-NN-regular.ttf`, `fallback/fallback-NN.ttf`), whether loaded or
    /// not: what a page fetches before rendering, and what a Typst project carries.
    pub fn pieces_needed(&self, value: &serde_json::Value) -> Vec<String> {
        self.needed(&[value]).into_iter().map(piece_name).collect()
    }

    /// Whether a piece has been handed in (or is embedded).
    pub fn has_piece(&self, name: &str) -> bool {
        piece_index(name).is_some_and(|index| self.pieces_embedded || self.pieces[index].get().is_some())
    }

    /// Hands in a piece (the page fetches each from its `fonts/` folder).
    ///
    /// # Errors
    /// A name that is no piece, or bytes that are not a font.
    pub fn add_piece(&self, name: &str, bytes: Vec<u8>) -> Result<(), FontError> {
        let index = piece_index(name).ok_or(FontError { index: piece_count() })?;
        let font = Font::new(Bytes::new(bytes), 0).ok_or(FontError { index })?;
        // A second copy of the same file changes nothing.
        let _ = self.pieces[index].set(font);
        Ok(())
    }

    /// The fonts for `values`: these fonts alone when they cover every character, else
    /// these and the pieces the text needs, in piece order, so every caller (the CLI,
    /// the page) compiles with the same fonts and gets the same PDF.
    pub(crate) fn for_text(&self, values: &[&serde_json::Value]) -> Option<Fonts> {
        let needed = self.needed(values);
        if needed.is_empty() {
            return None;
        }
        let pieces = needed.into_iter().filter_map(|index| self.piece(index));
        Some(Self::of_faces(self.faces.iter().cloned().chain(pieces).collect(), false))
    }

    fn needed(&self, values: &[&serde_json::Value]) -> BTreeSet<usize> {
        let mut needed = BTreeSet::new();
        for value in values {
            find_string::<()>(value, &mut |_, text| {
                for c in text.chars().filter(|&c| Forbidden::of(c).is_none() && !self.covers(c)) {
                    needed.extend(pieces_for(c));
                }
                None
            });
        }
        needed
    }

    fn piece(&self, index: usize) -> Option<Font> {
        let slot = self.pieces.get(index)?;
        if let Some(font) = slot.get() {
            return Some(font.clone());
        }
        #[cfg(feature = "embedded-fonts")]
        if self.pieces_embedded {
            let bytes = embedded_piece_bytes(index)?;
            return Some(slot.get_or_init(|| Font::new(Bytes::new(bytes), 0).expect("embedded piece")).clone());
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
        Self { pieces_embedded: true, ..fonts }
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

/// The pieces: the Regular and the Bold of each piece of BIZ UDGothic, then the fallback.
fn piece_count() -> usize {
    2 * gothic_index::FIRST_CODE_POINTS.len() + fallback_index::FIRST_CODE_POINTS.len()
}

/// The pieces that would hold `c`: both weights of a BIZ UDGothic piece (which weight the
/// text is set in is the layout's business), else the fallback file whose range it is in.
fn pieces_for(c: char) -> Vec<usize> {
    let code = u32::from(c);
    let last_not_after = |firsts: &[u32]| firsts.partition_point(|&first| first <= code).checked_sub(1);
    let ranges = &gothic_index::PIECE_RANGES;
    let in_gothic =
        ranges.partition_point(|&(start, _)| start <= code).checked_sub(1).is_some_and(|i| ranges[i].1 >= code);
    if in_gothic {
        last_not_after(&gothic_index::FIRST_CODE_POINTS).map_or_else(Vec::new, |piece| vec![2 * piece, 2 * piece + 1])
    } else {
        let gothic = 2 * gothic_index::FIRST_CODE_POINTS.len();
        last_not_after(&fallback_index::FIRST_CODE_POINTS).map(|chunk| gothic + chunk).into_iter().collect()
    }
}

fn piece_name(index: usize) -> String {
    let gothic = 2 * gothic_index::FIRST_CODE_POINTS.len();
    if index < gothic {
        let weight = if index.is_multiple_of(2) { "regular" } else { "bold" };
        format!("gothic/gothic-{:02}-{weight}.ttf", index / 2)
    } else {
        format!("fallback/fallback-{:02}.ttf", index - gothic)
    }
}

fn piece_index(name: &str) -> Option<usize> {
    (0..piece_count()).find(|&index| piece_name(index) == name)
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
    use super::{EMBEDDED_FONT_FILES, Fonts, piece_count, piece_index, piece_name, pieces_for};
    use typst::foundations::Bytes;
    use typst::text::{Font, FontWeight};

    #[test]
    fn every_piece_is_a_font_of_its_name_holding_its_first_character() {
        let gothic = super::gothic_index::EMBEDDED_GOTHIC_FILES.iter();
        let files: Vec<_> = gothic.chain(&super::fallback_index::EMBEDDED_FALLBACK_FILES).collect();
        assert_eq!(files.len(), piece_count());
        for (index, (name, bytes)) in files.into_iter().enumerate() {
            assert_eq!((piece_name(index).as_str(), piece_index(name)), (*name, Some(index)));
            let font = Font::new(Bytes::new(*bytes), 0).expect(name);
            let first = match name.strip_prefix("gothic/") {
                Some(_) => super::gothic_index::FIRST_CODE_POINTS[index / 2],
                None => {
                    super::fallback_index::FIRST_CODE_POINTS[index - super::gothic_index::EMBEDDED_GOTHIC_FILES.len()]
                }
            };
            assert!(font.info().coverage.contains(first), "{name}");
            if name.ends_with("-bold.ttf") {
                assert_eq!(font.info().variant.weight, FontWeight::BOLD, "{name}");
            }
        }
        assert_eq!(
            pieces_for('\u{20BB7}').into_iter().map(piece_name).collect::<Vec<_>>(),
            ["fallback/fallback-32.ttf"]
        );
        assert_eq!(piece_index("gothic/gothic-15-regular.ttf"), None);
        assert_eq!(piece_index("../TsunaguGothic-Regular.ttf"), None);
    }

    /// The split loses nothing: each character of BIZ UDGothic is in the core, or in the
    /// piece of each weight that `pieces_for` names, with the same advance and outline.
    #[test]
    fn the_core_and_the_pieces_hold_all_of_biz_udgothic() {
        let fonts = Fonts::embedded();
        for (weight, base) in [("Regular", 0), ("Bold", 1)] {
            let path = format!("{}/fonts/BIZUDGothic-{weight}.ttf", env!("CARGO_MANIFEST_DIR"));
            let original = Font::new(Bytes::new(std::fs::read(&path).expect("the source font")), 0).expect(&path);
            let core = &fonts.faces[base];
            for code in original.info().coverage.iter() {
                let c = char::from_u32(code).expect("a character");
                let font = if core.info().coverage.contains(code) {
                    assert!(fonts.covers(c), "U+{code:04X}");
                    core.clone()
                } else {
                    fonts.piece(pieces_for(c)[base]).expect("an embedded piece")
                };
                let expected = glyph(&original, c);
                assert!(expected.is_some(), "U+{code:04X} has a glyph in {path}");
                assert_eq!(glyph(&font, c), expected, "U+{code:04X} in {weight}");
            }
        }
    }

    /// A character's advance and outline, command by command.
    fn glyph(font: &Font, c: char) -> Option<(Option<u16>, Outline)> {
        let face = ttf_parser::Face::parse(font.data(), 0).ok()?;
        let id = face.glyph_index(c)?;
        let mut outline = Outline::default();
        face.outline_glyph(id, &mut outline);
        Some((face.glyph_hor_advance(id), outline))
    }

    #[derive(Debug, Default, PartialEq)]
    struct Outline(Vec<(char, [f32; 6])>);

    impl ttf_parser::OutlineBuilder for Outline {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(('M', [x, y, 0.0, 0.0, 0.0, 0.0]));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(('L', [x, y, 0.0, 0.0, 0.0, 0.0]));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(('Q', [x1, y1, x, y, 0.0, 0.0]));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(('C', [x1, y1, x2, y2, x, y]));
        }
        fn close(&mut self) {
            self.0.push(('Z', [0.0; 6]));
        }
    }

    #[test]
    fn the_core_covers_every_label() {
        let core = Fonts::from_files([EMBEDDED_FONT_FILES[0].1, EMBEDDED_FONT_FILES[1].1]).expect("core");
        for lang in [tsunagu_model::Lang::Ja, tsunagu_model::Lang::En] {
            tsunagu_model::find_string::<()>(tsunagu_model::labels(lang), &mut |pointer, text| {
                let missing: String = text.chars().filter(|&c| !core.covers(c)).collect();
                assert!(missing.is_empty(), "{pointer}: {missing}: run crates/render/fonts/gothic/split.py");
                None
            });
        }
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
