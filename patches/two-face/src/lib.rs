//! In place of two-face, the syntax definitions (900 KB) behind the highlighting of
//! Typst's `raw` text: tsunagu's templates print no code, so there is none to highlight
//! and raw text prints plain.

pub mod syntax {
    use syntect::parsing::SyntaxSet;

    /// No syntaxes.
    pub fn extra_no_newlines() -> SyntaxSet {
        SyntaxSet::new()
    }
}
