//! tsunagu in the browser (issue 5): not built yet. The crate exists so the
//! workspace layout is the final one; it exports nothing until then.
