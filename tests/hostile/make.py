#!/usr/bin/env python3
"""Writes the hostile-input corpus in this directory from the examples.

    python3 tests/hostile/make.py

Each file is one case; crates/cli/tests/cli/hostile.rs says what each must give
and checks it through the `tsunagu` command (SECURITY.md lists the cases).
Files too large to keep in git (50 MB strings) are made by the tests themselves.
xml-repeated-scalar-element.xml is not written here: it is the consent example's XML
(`tsunagu convert --to xml`) with the first signer's <family> given twice, a case the
xml fuzz target found.
"""
import copy
import json
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
NURSERY = json.loads((ROOT / "examples/instruction-diabetes-nursery.json").read_text())
EVERY = json.loads((ROOT / "tests/documents/instruction-every-care-item.json").read_text())
XMLNS = "https://tsunagu-jp.github.io/tsunagu/xml/1.0"


def doc(change=None, base=NURSERY):
    document = copy.deepcopy(base)
    if change:
        change(document)
    return document


def write_json(name, document):
    (HERE / name).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_bytes(name, data):
    (HERE / name).write_bytes(data)


def given(text):
    def change(d):
        d["child"]["name"]["given"] = text
    return change


nursery_bytes = json.dumps(NURSERY, ensure_ascii=False).encode()

# Bytes that are not a JSON document.
write_bytes("invalid-utf8.json", nursery_bytes.replace("湊".encode(), b"\xe6\xb9", 1))
write_bytes("byte-order-mark.json", b"\xef\xbb\xbf" + nursery_bytes)
write_bytes("truncated.json", nursery_bytes[: len(nursery_bytes) // 2])
write_bytes("number-1e400.json", nursery_bytes.replace(b'"value": 15.2', b'"value": 1e400', 1))
write_bytes("deeply-nested-arrays.json", b'{"kind": "instruction", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
# The duplicate is deep inside, where a last-one-wins parser would silently keep one.
write_bytes(
    "duplicate-key-nested.json",
    nursery_bytes.replace(b'"family":', b'"family": "\xe5\xb0\x8f\xe6\x9e\x97", "family":', 1),
)
write_bytes("empty.json", b"")
write_bytes("nul-bytes.json", b"\x00" * 64)

# Valid JSON with numbers at the edges: -0 is a non-negative PEEP (printed as 0).
write_json("negative-zero-weight.json", doc(lambda d: d["care"]["ventilator"]["devices"][0]["peep"].update(value=-0.0), base=EVERY))
write_bytes(
    "negative-zero-weight.json",
    (HERE / "negative-zero-weight.json").read_bytes().replace(b'"value": -0.0', b'"value": -0'),
)
# A number no integer type holds, where any number is allowed (a local extension).
write_json("huge-integer-weight.json", doc(lambda d: d.update(extensions={"jp.lg.example": {"count": 10**30}})))

# Characters that are invisible on paper or make the shown text differ from the data.
write_json("control-characters.json", doc(given("湊\u0007\u0000")))
write_json("bidi-override.json", doc(lambda d: d["care"]["injection"]["subcutaneous"].update(doseRule="\u202e01 単位")))
write_json("byte-order-mark-in-text.json", doc(lambda d: d["diagnoses"][0].update(name="\ufeff1型糖尿病")))
# A right-to-left mark reorders "10 -5" on screen; zero-width space and tags draw nothing.
write_json("direction-mark-and-invisible.json", doc(lambda d: d["dailyLife"].update(meals="10 \u200f-5\u200b\U000E0041")))
write_json("c1-control-and-noncharacter.json", doc(lambda d: d["issuer"]["institution"].update(name="病院\u0085\uffff")))

# Characters that are fine in the data but outside the embedded fonts: valid, and
# rendering stops with the field named (never a blank box on paper).
write_json("emoji-zwj-sequence.json", doc(given("\U0001F468\u200D\U0001F469\u200D\U0001F467")))
write_json("rare-cjk-outside-fonts.json", doc(given("\U00030000")))  # 𰀀 (CJK Ext. G: in no font; 𠮷 prints)
# Characters the fonts do have: valid, and printed as written.
write_json("ideographic-variation-sequence.json", doc(lambda d: d["child"]["name"].update(family="葛\U000E0100城")))
write_json("rare-but-covered-cjk.json", doc(lambda d: d["child"]["name"].update(family="髙﨑")))
write_json("zero-width-joiner-in-text.json", doc(given("み\u200dな\u200cと")))

# Typst markup in every free-text field: valid, and printed literally.
MARKUP = '#read("/etc/passwd") #{panic("x")} $x$ <l> @r *b* `c` \\ ]'


SCHEMA = json.loads((ROOT / "schemas/instruction.schema.json").read_text())


def resolve(node):
    while isinstance(node, dict) and "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node or {}


def free_text_markup(d):
    # Read from the schema: a string is free text unless its form is constrained
    # (a vocabulary, a pattern, a format, a constant). Free text gets the markup.
    def free(node):
        return node.get("type") == "string" and not any(k in node for k in ("oneOf", "enum", "const", "pattern", "format"))

    # Readings stay kana: the reading rule would report markup there, as it should.
    def walk(value, node, key=""):
        node = resolve(node)
        if isinstance(value, dict):
            return {k: walk(v, node.get("properties", {}).get(k, {}), k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, node.get("items", {}), key) for v in value]
        if isinstance(value, str) and free(node) and not key.endswith("Reading"):
            return MARKUP
        return value
    return walk(d, SCHEMA)


write_json("typst-markup-in-every-text-field.json", free_text_markup(doc(base=EVERY)))

# XML: DOCTYPE (entity bombs, external entities), undefined entities, depth.
write_bytes("xml-billion-laughs.xml", f'''<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<consent xmlns="{XMLNS}"><remarks>&lol3;</remarks></consent>
'''.encode())
write_bytes("xml-external-entity.xml", f'''<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<consent xmlns="{XMLNS}"><remarks>&xxe;</remarks></consent>
'''.encode())
write_bytes("xml-undefined-entity.xml", f'<consent xmlns="{XMLNS}"><remarks>&xxe;</remarks></consent>\n'.encode())
write_bytes("xml-deep-nesting.xml", f'<consent xmlns="{XMLNS}">{"<a>" * 10_000}{"</a>" * 10_000}</consent>\n'.encode())
write_bytes("xml-truncated.xml", f'<consent xmlns="{XMLNS}"><remarks>abc'.encode())
