#!/usr/bin/env python3
"""Splits BIZ UDGothic (Regular and Bold) into the fonts tsunagu prints with: a core that
holds what almost every document prints (ASCII and Latin, punctuation and symbols, kana,
full-width forms, the 2,965 kanji of JIS level 1, and every character of the labels,
templates and schemas), and the rest in pieces of CHUNK code points, so the page fetches
the core first and a piece only when a document's text needs it.

The CLI embeds the same files and loads the same pieces for the same text, so the page and
the CLI print the same PDF. Outlines and metrics are unchanged; hinting is dropped (no PDF
viewer or Typst renderer uses TrueType hinting) and of the layout features only `ccmp` and
`liga` are kept, the two BIZ UDGothic has that shaping applies by default to horizontal text.

Modified Versions of BIZ UDGothic under the SIL Open Font License 1.1 (../OFL.txt; BIZ
UDGothic declares no Reserved Font Name), renamed "Tsunagu Gothic" (the core) and
"Tsunagu Gothic NN" (the pieces) so they are not taken for the original.

    pip install fonttools==4.68.0
    python3 crates/render/fonts/gothic/split.py
"""
import re
import subprocess
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

CHUNK = 512
here = Path(__file__).resolve().parent
fonts = here.parent
repo = fonts.parents[2]


def jis_level_1(code):
    try:
        encoded = chr(code).encode("euc_jp")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xCF


def common(code):
    return (
        code < 0x2E80  # Latin, general punctuation, letterlike symbols, arrows, maths, boxes
        or 0x3000 <= code <= 0x30FF  # CJK symbols and punctuation, hiragana, katakana
        or 0x31F0 <= code <= 0x31FF  # katakana phonetic extensions
        or 0xFF00 <= code <= 0xFFEF  # half-width and full-width forms
        or jis_level_1(code)
    )


# What tsunagu itself prints: labels and messages (the model's sources), the templates'
# text and the schemas' titles and descriptions.
program_text = set()
sources = [*(repo / "crates/model/src").rglob("*.rs"), *(repo / "crates/render/templates").glob("*.typ")]
sources += (repo / "schemas").glob("*.json")
for source in sources:
    program_text |= {ord(c) for c in re.sub(r"[\x00-\x7f]", "", source.read_text())}

cmap = TTFont(fonts / "BIZUDGothic-Regular.ttf", lazy=True).getBestCmap()
core = sorted(code for code in cmap if common(code) or code in program_text)
rest = sorted(set(cmap) - set(core))
chunks = [rest[i : i + CHUNK] for i in range(0, len(rest), CHUNK)]

options = subset.Options()
options.hinting = False
options.layout_features = ["ccmp", "liga"]
options.glyph_names = False
options.notdef_outline = True
options.name_IDs = [0, 1, 2, 3, 4, 5, 6]


def cut(weight, codes, family, path):
    font = TTFont(fonts / f"BIZUDGothic-{weight}.ttf")
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    postscript = f"{family.replace(' ', '')}-{weight}"
    for record in list(font["name"].names):
        if record.nameID in (1, 4):
            value = family if record.nameID == 1 else f"{family} {weight}"
            font["name"].setName(value, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 6):
            font["name"].setName(postscript, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 5:
            value = f"Version 1 (derived from {record.toUnicode()})"
            font["name"].setName(value, 5, record.platformID, record.platEncID, record.langID)
    # Reproducible bytes: the cut's timestamps are the source's, not today's.
    font["head"].modified = font["head"].created
    font.recalcTimestamp = False
    font.save(path)


for old in here.glob("gothic-*.ttf"):
    old.unlink()
files = []
for weight in ("Regular", "Bold"):
    cut(weight, core, "Tsunagu Gothic", fonts / f"TsunaguGothic-{weight}.ttf")
for n, codes in enumerate(chunks):
    for weight in ("Regular", "Bold"):
        name = f"gothic/gothic-{n:02}-{weight.lower()}.ttf"
        cut(weight, codes, f"Tsunagu Gothic {n:02}", fonts / name)
        files.append(name)

ranges = []
for code in rest:
    if ranges and ranges[-1][1] + 1 == code:
        ranges[-1][1] = code
    else:
        ranges.append([code, code])
index = repo / "crates/render/src/gothic_index.rs"
index.write_text(
    "// Written by crates/render/fonts/gothic/split.py; do not edit.\n\n"
    f"/// The code points of BIZ UDGothic outside the core ({len(rest)}), as inclusive ranges.\n"
    f"pub(crate) static PIECE_RANGES: [(u32, u32); {len(ranges)}] = [\n"
    + "".join(f"    (0x{a:05X}, 0x{b:05X}),\n" for a, b in ranges)
    + "];\n\n"
    f"/// The first code point of each piece ({CHUNK} code points a piece).\n"
    f"pub(crate) static FIRST_CODE_POINTS: [u32; {len(chunks)}] = [\n"
    + "".join(f"    0x{codes[0]:05X},\n" for codes in chunks)
    + "];\n\n"
    "/// The pieces, Regular then Bold of each, by file name (SIL OFL 1.1, see `fonts/OFL.txt`).\n"
    '#[cfg(feature = "embedded-fonts")]\n'
    f"pub static EMBEDDED_GOTHIC_FILES: [(&str, &[u8]); {len(files)}] = [\n"
    + "".join(f'    ("{name}", include_bytes!("../fonts/{name}")),\n' for name in files)
    + "];\n"
)
# In the shape `cargo fmt` gives it (rustfmt.toml), so a rerun changes nothing.
subprocess.run(["rustfmt", "--edition", "2024", index], check=True)
print(f"core {len(core)} code points, {len(rest)} in {len(chunks)} pieces -> {here}")
