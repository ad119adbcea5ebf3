"""The least a hand-written roster script does, as a floor to compare `tsunagu roster` with:
read every JSON file of a folder, group the documents by the child's first identifier
(else name and birth date), and write one CSV row per child with name, birth date and
care items. No validation, no consent, no dates judged: whatever it costs, a real
script costs more.

    python3 roster_python.py FOLDER OUT.csv
"""

import csv
import json
import pathlib
import sys


def key(child):
    for identifier in child.get("identifiers", []):
        return ("id", identifier["system"], identifier["value"])
    name = child["name"]
    return ("name", name["family"], name.get("given"), name.get("familyReading"), child["birthDate"])


def main():
    folder, out = pathlib.Path(sys.argv[1]), sys.argv[2]
    children = {}
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_bytes())
        row = children.setdefault(key(document["child"]), {"child": document["child"], "care": set()})
        row["care"].update(document.get("care", {}).keys())
    with open(out, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "birthDate", "care"])
        for row in children.values():
            name = row["child"]["name"]
            writer.writerow([f"{name['family']} {name.get('given', '')}", row["child"]["birthDate"], " ".join(sorted(row["care"]))])
    print(len(children), file=sys.stderr)


if __name__ == "__main__":
    main()
