//! The parts of Typst tsunagu leaves out (patches/README.md) stay out: a template that
//! loads a WebAssembly plugin gets an error saying so, and raw text still compiles, plain.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// One source file, no fonts, no files: enough to evaluate a call.
struct OneSource {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    source: Source,
}

impl OneSource {
    fn new(text: &str) -> Self {
        let path = VirtualPath::new("/main.typ").expect("a virtual path");
        let id = RootedPath::new(VirtualRoot::Project, path).intern();
        Self {
            library: LazyHash::new(Library::default()),
            book: LazyHash::default(),
            source: Source::new(id, text.into()),
        }
    }

    fn errors(&self) -> Vec<String> {
        match typst::compile::<PagedDocument>(self).output {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|error| error.message.to_string()).collect(),
        }
    }
}

impl World for OneSource {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.source.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() { Ok(self.source.clone()) } else { Err(FileError::AccessDenied) }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, _index: usize) -> Option<Font> {
        None
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

#[test]
fn a_webassembly_plugin_never_loads() {
    // The smallest valid WebAssembly module: magic and version.
    let world = OneSource::new("#plugin(bytes((0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00)))");
    let errors = world.errors();
    assert!(errors.iter().any(|e| e.contains("WebAssembly plugins are not part of tsunagu")), "{errors:?}");
}

#[test]
fn raw_text_compiles_without_syntax_definitions() {
    let world = OneSource::new("#raw(\"fn main() {}\", lang: \"rust\", block: true)");
    assert_eq!(world.errors(), Vec::<String>::new());
}
