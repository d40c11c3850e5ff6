#!/usr/bin/env python3
"""Deterministic ACLED-format CSV (current 31-column layout) for benchmarks.

usage: gen-acled.py N OUT.csv [SEED]

Rows look like ACLED's Syria data: dates across 2024 (ISO), Syrian admin1s and towns (Arabic and
accented spellings among them), quoted notes with commas and doubled quotes, semicolon-separated
sources, ~360 bytes a row. Same N and SEED -> byte-identical file.
"""
import random
import sys

N = int(sys.argv[1])
OUT = sys.argv[2]
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 7
rng = random.Random(SEED)

HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
          "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
          "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
          "tags,timestamp")

# admin1 -> (admin2, [(location, lat, lon)])
PLACES = {
    "Aleppo": ("Jebel Saman", [("Aleppo", 36.2021, 37.1343), ("Tall Rifaat", 36.4733, 37.0972), ("Manbij", 36.5281, 37.9549), ("Al Bab", 36.3705, 37.5157), ("Dayr Hafir", 36.1566, 37.7077)]),
    "Idleb": ("Idleb", [("Idleb", 35.9306, 36.6339), ("Saraqab", 35.8623, 36.8033), ("Maarrat an Nouman", 35.6476, 36.6732), ("Jisr Ash-Shugur", 35.8126, 36.3187), ("Ariha", 35.8122, 36.6075)]),
    "Hama": ("Hama", [("Hama", 35.1318, 36.7578), ("Muhradah", 35.2482, 36.5726), ("Souran", 35.2896, 36.7453), ("Khan Shaykhun", 35.4422, 36.6508), ("Salamiyeh", 35.0113, 37.0532)]),
    "Homs": ("Homs", [("Homs", 34.7268, 36.7234), ("Ar-Rastan", 34.9266, 36.7324), ("Talbiseh", 34.8386, 36.7306), ("Palmyra", 34.5560, 38.2840), ("Al Qusayr", 34.5089, 36.5797)]),
    "Damascus": ("Damascus", [("Damascus", 33.5102, 36.2913), ("Jobar", 33.5296, 36.3267), ("Al Mezzeh", 33.5024, 36.2536)]),
    "Rural Damascus": ("Duma", [("Duma", 33.5719, 36.4050), ("Darayya", 33.4578, 36.2356), ("Yabroud", 33.9675, 36.6572), ("Al Kiswah", 33.3580, 36.2398)]),
    "Deir ez-Zor": ("Al Mayadin", [("Deir ez-Zor", 35.3359, 40.1408), ("الميادين", 35.0186, 40.4517), ("Al Bukamal", 34.4536, 40.9367), ("Hajin", 34.6913, 40.8325)]),
    "Raqqa": ("Ar-Raqqa", [("Ar-Raqqa", 35.9528, 39.0079), ("Tabqa", 35.8354, 38.5481), ("Ain Issa", 36.3857, 38.8593)]),
    "Hasakeh": ("Al-Hasakeh", [("Al-Hasakeh", 36.5024, 40.7477), ("Qamishli", 37.0522, 41.2317), ("Ras al-ʿAyn", 36.8498, 40.0707)]),
    "Lattakia": ("Lattakia", [("Lattakia", 35.5317, 35.7901), ("Jableh", 35.3610, 35.9256), ("Kessab", 35.9269, 35.9872)]),
    "Tartous": ("Tartous", [("Tartous", 34.8890, 35.8866), ("Baniyas", 35.1823, 35.9487)]),
    "Dara": ("Dara", [("Dara", 32.6189, 36.1021), ("Busra Esh-Sham", 32.5176, 36.4815), ("Nawa", 32.8893, 36.0431), ("Tafas", 32.7373, 36.0672)]),
    "As-Sweida": ("As-Sweida", [("As-Sweida", 32.7090, 36.5695), ("Shahba", 32.8553, 36.6290)]),
    "Quneitra": ("Quneitra", [("Khan Arnaba", 33.1839, 35.8869), ("Quneitra", 33.1258, 35.8246)]),
}
ADMIN1 = list(PLACES)
WEIGHTS = [18, 16, 12, 9, 5, 7, 8, 5, 5, 3, 2, 6, 2, 2]

TYPES = [  # (disorder_type, event_type, sub_event_type, weight)
    ("Political violence", "Battles", "Armed clash", 30),
    ("Political violence", "Battles", "Non-state actor overtakes territory", 3),
    ("Political violence", "Battles", "Government regains territory", 2),
    ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack", 25),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike", 12),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED", 5),
    ("Political violence", "Violence against civilians", "Attack", 8),
    ("Political violence", "Strategic developments", "Headquarters or base established", 1),
    ("Strategic developments", "Strategic developments", "Looting/property destruction", 2),
    ("Demonstrations", "Protests", "Peaceful protest", 10),
    ("Demonstrations", "Riots", "Mob violence", 2),
]
TYPE_W = [t[3] for t in TYPES]

ACTORS = [
    ("Military Forces of Syria (2000-2024)", "State forces"),
    ("Hayat Tahrir al-Sham", "Rebel group"),
    ("Syrian National Army", "Rebel group"),
    ("SDF: Syrian Democratic Forces", "Rebel group"),
    ("Islamic State (Syria)", "Rebel group"),
    ("Military Forces of Russia (2000-)", "External/Other forces"),
    ("Military Forces of Türkiye (2016-)", "External/Other forces"),
    ("Military Forces of Israel (2022-)", "External/Other forces"),
    ("Unidentified Armed Group (Syria)", "Political militia"),
    ("Civilians (Syria)", "Civilians"),
    ("Protesters (Syria)", "Protesters"),
]
SOURCES = ["Syrian Observatory for Human Rights", "SANA", "Enab Baladi", "North Press Agency",
           "Step News Agency", "Deir Ezzor 24", "Hawar News Agency", "Agence France-Presse", "Reuters",
           "Halab Today TV", "Suwayda 24", "Horan Free League"]
SCALES = ["National", "Subnational", "Other", "Local partner-National", "New media", "International"]
PHRASES = [
    "{a} clashed with {b} near {loc}, {adm}",
    "{a} shelled {b} positions near {loc}",
    "a drone strike by {a} hit a car near {loc}",
    "{a} took \"full control\" of {loc}",
    "gunfire in {loc}; {a} accused {b} of breaking the truce",
    "the attack on {loc} was \"the worst in months\"",
]

def field(s):
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s

def main():
    from datetime import date, timedelta
    start = date(2024, 1, 1)
    out = open(OUT, "w", encoding="utf-8", newline="")
    out.write(HEADER + "\r\n")
    ts0 = 1704100000
    for i in range(N):
        day = start + timedelta(days=rng.randrange(366))
        disorder, et, st, _ = rng.choices(TYPES, TYPE_W)[0]
        adm = rng.choices(ADMIN1, WEIGHTS)[0]
        adm2, locs = PLACES[adm]
        loc, lat, lon = rng.choice(locs)
        a1, i1 = rng.choice(ACTORS)
        if et == "Protests":
            a1, i1 = ACTORS[10]
        a2, i2 = rng.choice(ACTORS) if rng.random() < 0.7 else ("", "")
        tp = rng.choices([1, 2, 3], [85, 12, 3])[0]
        gp = rng.choices([1, 2, 3], [70, 25, 5])[0]
        srcs = "; ".join(rng.sample(SOURCES, rng.choice([1, 1, 1, 2])))
        fat = 0 if et in ("Protests", "Strategic developments") else rng.choices([0, 1, 2, 3, 5, 8, 15], [40, 20, 12, 10, 8, 6, 4])[0]
        notes = "On %d %s %d, " % (day.day, day.strftime("%B"), day.year)
        notes += rng.choice(PHRASES).format(a=a1, b=a2 or "unknown forces", loc=loc, adm=adm)
        notes += "." if fat == 0 else "; %d killed." % fat
        row = [
            "SYR%d" % (100000 + i), day.isoformat(), str(day.year), str(tp), disorder, et, st, a1, "",
            i1, a2, "", i2, str(rng.randrange(10, 90)), "Civilian targeting" if a2 == "Civilians (Syria)" else "",
            "760", "Middle East", "Syria", adm, adm2, loc, loc, "%.4f" % lat, "%.4f" % lon, str(gp), srcs,
            rng.choice(SCALES), notes, str(fat), "", str(ts0 + i * 13),
        ]
        out.write(",".join(field(x) for x in row) + "\r\n")
    out.close()

main()
