#!/usr/bin/env python3
"""Splits IPAmj明朝 into the fallback fonts tsunagu embeds: every character it has that
BIZ UDGothic lacks (the MJ set of 文字情報基盤: 𠮷, rare name kanji, …), in chunks of
CHUNK code points, so the page fetches only the chunks a document needs.

The chunks are a Derived Program under the IPA Font License v1.0 (IPA_Font_License.txt
beside them): renamed ("Tsunagu Fallback Mincho NN"), hinting and layout tables dropped,
outlines unchanged. To use the original instead, install IPAmj明朝 (Debian
`fonts-ipamj-mincho`) and run this script again with its path; it rewrites the chunks and
`crates/render/src/fallback_index.rs` from that file, reproducibly.

    pip install fonttools==4.68.0
    python3 crates/render/fonts/fallback/split.py /usr/share/fonts/truetype/ipamj/ipamjm.ttf
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

CHUNK = 512
here = Path(__file__).resolve().parent
source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/ipamj/ipamjm.ttf"
base = set(TTFont(here.parent / "BIZUDGothic-Regular.ttf", lazy=True).getBestCmap())
missing = sorted(set(TTFont(source, lazy=True).getBestCmap()) - base)
chunks = [missing[i : i + CHUNK] for i in range(0, len(missing), CHUNK)]

for old in here.glob("fallback-*.ttf"):
    old.unlink()
options = subset.Options()
options.hinting = False
options.layout_features = []
options.glyph_names = False
options.notdef_outline = True
options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
for n, codes in enumerate(chunks):
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    family = f"Tsunagu Fallback Mincho {n:02}"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6):
            value = family if record.nameID in (1, 4) else family.replace(" ", "")
            names.setName(value, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 5:
            names.setName(f"Version 1 (derived from {record.toUnicode()})", 5, record.platformID, record.platEncID, record.langID)
    # Reproducible bytes: the subset's timestamps are the source's, not today's.
    font["head"].modified = font["head"].created
    font.recalcTimestamp = False
    font.save(here / f"fallback-{n:02}.ttf")

index = here.parents[1] / "src" / "fallback_index.rs"
starts = ",\n".join(f"    0x{codes[0]:05X}" for codes in chunks)
files = "\n".join(
    f'    ("fallback/fallback-{n:02}.ttf", include_bytes!("../fonts/fallback/fallback-{n:02}.ttf")),' for n in range(len(chunks))
)
index.write_text(
    "// Written by crates/render/fonts/fallback/split.py; do not edit.\n\n"
    f"/// The first code point of each fallback chunk ({len(missing)} characters BIZ UDGothic lacks, {CHUNK} a chunk).\n"
    f"pub(crate) static FIRST_CODE_POINTS: [u32; {len(chunks)}] = [\n{starts},\n];\n\n"
    "/// The fallback chunks, by file name (IPA Font License v1.0, see `fonts/fallback/IPA_Font_License.txt`).\n"
    '#[cfg(feature = "embedded-fonts")]\n'
    f"pub static EMBEDDED_FALLBACK_FILES: [(&str, &[u8]); {len(chunks)}] = [\n{files}\n];\n"
)
print(f"{len(missing)} characters in {len(chunks)} chunks -> {here}")
