#!/usr/bin/env python3
"""Writes TsunaguTitleMincho-Regular.ttf: BIZ UDMincho cut down to the characters the
forms' titles can print (ASCII, the templates' level-1 headings and the kinds' titles
in schemas/), so the page fetches some 30 KB for the title line instead of 3 MB.
A test (`the_title_font_covers_every_title`) fails if a title gains a character
this subset lacks: then run this again.

A Modified Version of BIZ UDMincho under the SIL Open Font License 1.1 (../OFL.txt;
BIZ UDMincho declares no Reserved Font Name), renamed so it is not taken for the original.

    pip install fonttools==4.68.0
    python3 crates/render/fonts/title/make.py
"""
import json
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

here = Path(__file__).resolve().parent
repo = here.parents[3]
text = {chr(c) for c in range(0x20, 0x7F)}
for template in (repo / "crates/render/templates").glob("*.typ"):
    for line in template.read_text().splitlines():
        if line.startswith("= "):
            text |= set(line)
for schema in (repo / "schemas").glob("*.schema.json"):
    text |= set(json.loads(schema.read_text())["title"])
text = {c for c in text if c.isprintable()}

options = subset.Options()
options.layout_features = ["*"]
options.hinting = False
options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
options.notdef_outline = True
font = TTFont(here.parent / "BIZUDMincho-Regular.ttf")
subsetter = subset.Subsetter(options)
subsetter.populate(text="".join(sorted(text)))
subsetter.subset(font)
family = "Tsunagu Title Mincho"
for record in list(font["name"].names):
    if record.nameID in (1, 3, 4, 6):
        value = family if record.nameID in (1, 4) else "TsunaguTitleMincho-Regular"
        font["name"].setName(value, record.nameID, record.platformID, record.platEncID, record.langID)
font["head"].modified = font["head"].created
font.recalcTimestamp = False
font.save(here.parent / "TsunaguTitleMincho-Regular.ttf")
print(f"{len(text)} characters -> {here.parent / 'TsunaguTitleMincho-Regular.ttf'}")
