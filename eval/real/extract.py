#!/usr/bin/env python3
"""Build eval/real/requests.jsonl from the facility's final report.

    eval/real/extract.py REPORT [DESCRIPTIONS...] > eval/real/requests.jsonl

REPORT is the report as text (tab-separated tables): its list of actions
(code, country, partner institution, title, general objective, ...) and its
tables "Field of intervention (ILO Taxonomy) / Code / Country / Title", which
file each action under one or more field codes. DESCRIPTIONS are texts of
the facility's action sheets ("• title", institution, type of assistance,
a paragraph); a sheet whose title is an action's title adds its paragraph to
that action's text. Field codes outside corpus/taxonomy/fields.tsv are
mapped to their nearest ancestor in it, or dropped (reported on stderr).
Only actions with a field code are written, sorted by code. The build,
the tests and `make eval` read the JSON Lines file, never the sources.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACTION = re.compile(r"^(20\d\d-\d\d)\t")
FIELD_ROW = re.compile(r"^([A-Z](?:\.\d\d)*)\.? - [^\t]*\t(20\d\d-\d\d)\t|^\t(20\d\d-\d\d)\t")


def taxonomy():
    codes = set()
    for line in (ROOT / "corpus/taxonomy/fields.tsv").read_text().splitlines()[1:]:
        codes.add(line.split("\t")[0])
    return codes


def countries():
    names = {}
    for line in (ROOT / "corpus/reference/countries.tsv").read_text().splitlines()[1:]:
        cols = line.split("\t")
        for name in [cols[1]] + [a for a in cols[2].split(";") if a] if len(cols) > 2 else [cols[1]]:
            names[fold(name)] = cols[0]
    return names


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


# Names in the report that countries.tsv spells otherwise.
COUNTRY_ALIASES = {
    "congo dem rep": "CD", "cote d ivoire": "CI", "ivory coast": "CI", "swaziland": "SZ",
    "vietnam": "VN", "palestine": "PS", "kosovo": "XK", "cape verde": "CV",
    "congo the democratic republic of": "CD", "st lucia": "LC", "bolivia": "BO", "tanzania": "TZ", "laos": "LA", "moldova": "MD",
}


def country_code(name, names):
    f = fold(name)
    return names.get(f) or COUNTRY_ALIASES.get(f)


def read_actions(lines):
    """Rows of the action list; a row cut by a page break continues on the
    first line after the repeated header that starts with a tab."""
    actions, last, after_header = {}, None, False
    for line in lines:
        m = ACTION.match(line)
        if m:
            cols = line.split("\t")
            last = cols
            actions[m.group(1)] = cols
            after_header = False
        elif line.startswith("Code\tCountry\tPartner Institution"):
            after_header = True
        elif after_header and last and line.startswith("\t"):
            cols = line.split("\t")
            for i, c in enumerate(cols[: len(last)]):
                if c.strip():
                    last[i] = (last[i].strip() + " " + c.strip()).strip()
            after_header = False
    return actions


def read_fields(lines):
    """Action code -> field codes, from every field-of-intervention table.
    A table cut by a page break goes on under the field last named."""
    fields, current = {}, None
    for line in lines:
        if line.startswith("Table "):
            current = None
            continue
        m = FIELD_ROW.match(line)
        if not m:
            continue
        if m.group(1):
            current, action = m.group(1), m.group(2)
        else:
            action = m.group(3)
        if current:
            fields.setdefault(action, [])
            if current not in fields[action]:
                fields[action].append(current)
    return fields


def map_code(code, known):
    while code and code not in known:
        code = code.rsplit(".", 1)[0] if "." in code else ""
    return code


def read_sheets(paths):
    """Folded title -> (title, paragraph) of the action sheets."""
    sheets = {}
    for path in paths:
        text = Path(path).read_text()
        for block in re.split(r"^\s*•\s*", text, flags=re.M)[1:]:
            rows = [r.strip() for r in block.splitlines() if r.strip()]
            if len(rows) >= 2:
                sheets[fold(rows[0])] = rows[-1]
    return sheets


def clean(s):
    return re.sub(r"\s+", " ", s).strip()


def main():
    report = Path(sys.argv[1]).read_text().splitlines()
    known, names = taxonomy(), countries()
    actions, fields = read_actions(report), read_fields(report)
    sheets = read_sheets(sys.argv[2:])
    written = described = 0
    for code in sorted(fields):
        if code not in actions:
            print(f"{code}: in a field table, not in the action list: skipped", file=sys.stderr)
            continue
        cols = actions[code]
        mapped = []
        for f in fields[code]:
            m = map_code(f, known)
            if m != f:
                print(f"{code}: field {f} -> {m or 'dropped'}", file=sys.stderr)
            if m and m not in mapped:
                mapped.append(m)
        iso = country_code(cols[1], names)
        if not mapped or not iso:
            print(f"{code}: no field or unknown country {cols[1]!r}: skipped", file=sys.stderr)
            continue
        title, objective = clean(cols[3]), clean(cols[4])
        text = title
        if objective and not objective.lower().startswith("n.a"):
            text += ". " + objective
        sheet = sheets.get(fold(title))
        if sheet:
            text += " " + clean(sheet)
            described += 1
        print(json.dumps({"action": code, "country": iso, "institution": clean(cols[2]),
                          "title": title, "text": text, "fields": mapped},
                         ensure_ascii=False))
        written += 1
    print(f"{written} requests, {described} with a sheet", file=sys.stderr)


if __name__ == "__main__":
    main()
