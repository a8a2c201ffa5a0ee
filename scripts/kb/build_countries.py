#!/usr/bin/env python3
"""Builds the generated knowledge-base tables from Debian's iso-codes package.

  models/kb/countries.tsv     every ISO 3166-1 country, merged with models/kb/country_aliases.tsv
  models/kb/subdivisions.tsv  English-named ISO 3166-2 subdivisions of a few countries

Usage: python3 scripts/kb/build_countries.py [--iso-dir /usr/share/iso-codes/json] [--repo .]
Needs the Debian package iso-codes (apt-get install iso-codes). The output is committed,
so the build never runs this; rerun it after editing country_aliases.tsv or places.tsv.
"""
import argparse
import json
import os
import sys
import unicodedata

# Subdivision kinds worth a name lookup, per country. Only countries whose ISO 3166-2
# names are the English names news text uses (others are curated in places.tsv).
SUBDIVISION_COUNTRIES = {
    "US": {"State", "District"},
    "CA": {"Province", "Territory"},
    "AU": {"State", "Territory"},
    "IN": {"State", "Union territory"},
    "ZA": {"Province"},
    "NG": {"State"},
    "SD": {"State"},
    "MX": {"State"},
    "BR": {"State"},
    "JP": {"Prefecture"},
}

# Subdivision names that are ordinary words, or names that news text uses far more
# often for something else (a country, a capital as metonym, a person).
SUBDIVISION_SKIP = {
    "US-GA",  # Georgia: the country wins
    "US-WA",  # Washington: the capital as metonym wins; "Washington state" is curated
    "NG-DE", "NG-PL", "NG-NI", "NG-LA", "NG-FC",  # Delta, Plateau, Niger, Lagos (city), FCT
    "BR-AC", "BR-DF", "BR-ES",  # Acre, Distrito Federal, Espirito Santo (person names)
    "MX-CMX", "MX-MEX",  # Mexico City / State of Mexico: curated
    "AU-VIC",  # Victoria: a given name; curated with "state of Victoria"
    "ZA-FS", "ZA-NW",
    "IN-DL",  # Delhi: curated as a city
    "SD-KH",  # Khartoum: the capital, curated as a city
    "JP-13",  # Tokyo: curated as the capital city
    "SD-NO", "SD-NR", "SD-NW", "SD-RS",  # Northern, River Nile, White Nile, Red Sea
    "NG-RI",  # Rivers
    "BR-PA",  # Para
    "JP-24", "JP-29", "JP-41",  # Mie, Nara, Saga
}


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def read_curated(path):
    """country_aliases.tsv -> {alpha3: {kind: [texts]}} with the line of each row checked."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3:
                sys.exit(f"{path}:{n}: expected 3 tab-separated columns, got {len(cols)}")
            code, kind, texts = cols
            if kind not in ("name", "alias", "demonym", "capital", "drop"):
                sys.exit(f"{path}:{n}: unknown kind {kind!r}")
            out.setdefault(code, {}).setdefault(kind, []).extend(t.strip() for t in texts.split("|") if t.strip())
    return out


def uniq(xs):
    seen, out = set(), []
    for x in xs:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def iso_forms(name):
    """ISO names as news text writes them: 'Bolivia, Plurinational State of' -> itself and
    'Plurinational State of Bolivia'; parenthesised parts split off."""
    forms = [name]
    if "(" in name:
        base = name.split("(")[0].strip()
        inner = name[name.index("(") + 1:name.rindex(")")].strip() if ")" in name else ""
        forms = [base] + ([inner] if inner and "part" not in inner else [])
    out = []
    for f in forms:
        out.append(f)
        if ", " in f:
            head, tail = f.split(", ", 1)
            out.append(f"{tail} {head}")
    return out


def build_countries(iso_dir, kb_dir):
    with open(os.path.join(iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    curated = read_curated(os.path.join(kb_dir, "country_aliases.tsv"))
    known = {c["alpha_3"] for c in iso}
    rows = []
    for c in iso:
        code = c["alpha_3"]
        cur = curated.get(code, {})
        drop = set(cur.get("drop", []))
        name = (cur.get("name") or [c.get("common_name") or c["name"]])[0]
        aliases = [name]
        for key in ("name", "common_name", "official_name"):
            if key in c:
                for form in iso_forms(c[key]):
                    form = form[4:] if form.startswith("the ") else form
                    aliases.append(form)
                    plain = strip_accents(form)
                    if plain != form:
                        aliases.append(plain)
        aliases += cur.get("alias", [])
        aliases = [a for a in uniq(aliases) if a not in drop or a == name]
        if name in drop:
            aliases = [a for a in aliases if a != name]
        rows.append((code, name, aliases, uniq(cur.get("demonym", [])), uniq(cur.get("capital", []))))
    # curated entries for codes outside ISO 3166-1 (user-assigned, e.g. XKX Kosovo)
    for code, cur in sorted(curated.items()):
        if code in known:
            continue
        if "name" not in cur:
            sys.exit(f"country_aliases.tsv: {code} is not an ISO 3166-1 code and has no name row")
        name = cur["name"][0]
        rows.append((code, name, uniq([name] + cur.get("alias", [])), uniq(cur.get("demonym", [])),
                     uniq(cur.get("capital", []))))
    rows.sort()
    out = os.path.join(kb_dir, "countries.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/kb/build_countries.py from iso-codes + country_aliases.tsv; do not edit.\n")
        f.write("# id\tname\taliases\tdemonyms\tcapitals\n")
        for code, name, aliases, demonyms, capitals in rows:
            f.write("\t".join([code, name, "|".join(aliases), "|".join(demonyms), "|".join(capitals)]) + "\n")
    return len(rows), {c["alpha_2"]: c["alpha_3"] for c in iso}


def curated_place_ids(kb_dir):
    path = os.path.join(kb_dir, "places.tsv")
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as f:
        return {line.split("\t")[0] for line in f if line.strip() and not line.startswith("#")}


def build_subdivisions(iso_dir, kb_dir, alpha2_to_3):
    with open(os.path.join(iso_dir, "iso_3166-2.json"), encoding="utf-8") as f:
        subs = json.load(f)["3166-2"]
    curated = curated_place_ids(kb_dir)  # places.tsv wins over the generated row
    rows = []
    for s in subs:
        cc = s["code"].split("-")[0]
        kinds = SUBDIVISION_COUNTRIES.get(cc)
        if not kinds or s["type"] not in kinds or s["code"] in SUBDIVISION_SKIP or s["code"] in curated:
            continue
        name = s["name"].split("[")[0].strip()
        plain = strip_accents(name)
        aliases = uniq([plain, name])
        if cc == "JP":
            aliases += [f"{plain} Prefecture", f"{plain} prefecture"]
        if cc in ("NG", "SD") or cc == "MX":
            aliases += [f"{plain} state", f"{plain} State"]
        if cc == "CA" or cc == "ZA":
            aliases += [f"{plain} province"]
        rows.append((s["code"], "GPE", plain, alpha2_to_3[cc], uniq(aliases)))
    rows.sort()
    out = os.path.join(kb_dir, "subdivisions.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/kb/build_countries.py from iso-codes (ISO 3166-2); do not edit.\n")
        f.write("# id\ttype\tname\tcountry\taliases\n")
        for code, typ, name, country, aliases in rows:
            f.write("\t".join([code, typ, name, country, "|".join(aliases)]) + "\n")
    return len(rows), {s["code"] for s in subs}


def check_place_ids(kb_dir, iso2_codes):
    """Curated places with an ISO-looking id must use a code that exists."""
    bad = 0
    path = os.path.join(kb_dir, "places.tsv")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            pid = line.split("\t")[0]
            if ":" not in pid and pid not in iso2_codes:
                print(f"{path}:{n}: {pid} is not an ISO 3166-2 code", file=sys.stderr)
                bad += 1
    if bad:
        sys.exit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    args = ap.parse_args()
    kb_dir = os.path.join(args.repo, "models", "kb")
    n, alpha2_to_3 = build_countries(args.iso_dir, kb_dir)
    m, iso2 = build_subdivisions(args.iso_dir, kb_dir, alpha2_to_3)
    check_place_ids(kb_dir, iso2)
    print(f"countries.tsv: {n} countries; subdivisions.tsv: {m} subdivisions")


if __name__ == "__main__":
    main()
