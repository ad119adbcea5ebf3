"""The Python `typst` package compiling tsunagu's own templates, fonts and data
(exported by the throughput bench) to PDF/A-3a: one-shot `typst.compile` per
document, then one reused `typst.Compiler`. For each document its data files are
copied into the project's data/ first, as a Python user would. One core.
usage: python3 typst_py.py PROJECT_DIR COUNT one-shot|compiler"""

import hashlib
import json
import pathlib
import shutil
import sys
import time

import typst

project, count, mode = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
docs = sorted((project / "docs").iterdir())[:count]
data = project / "data"
data.mkdir(exist_ok=True)
fonts = [str(project / "fonts")]


def place(doc):
    for name in ("view.json", "labels.json", "qr.svg", "document.json"):
        shutil.copyfile(doc / name, data / name)
    return str(project / (doc / "main").read_text())


def report(name, seconds, outputs):
    print(json.dumps({
        "name": name, "documents": len(outputs), "seconds": seconds, "per_second": len(outputs) / seconds,
        "distinct_pdfs": len(set(hashlib.sha256(pdf).hexdigest() for pdf in outputs)),
        "kib_per_document": sum(map(len, outputs)) / 1024 / len(outputs),
    }))


if mode == "one-shot":
    outputs = []
    start = time.perf_counter()
    for doc in docs:
        main = place(doc)
        outputs.append(typst.compile(main, root=str(project), font_paths=fonts, ignore_system_fonts=True, pdf_standards="a-3a"))
    report("python-typst-one-shot", time.perf_counter() - start, outputs)
    sys.exit(0)

compiler = typst.Compiler(root=str(project), font_paths=fonts, ignore_system_fonts=True)
compiler.compile(input=place(docs[0]), format="pdf", pdf_standards="a-3a")  # warm
outputs = []
start = time.perf_counter()
for doc in docs:
    main = place(doc)
    outputs.append(compiler.compile(input=main, format="pdf", pdf_standards="a-3a"))
report("python-typst-compiler", time.perf_counter() - start, outputs)
