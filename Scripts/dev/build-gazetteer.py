#!/usr/bin/env python3
"""Builds Corpus/places.tsv and Corpus/countries.tsv from the shared GeoNames extract.

places.tsv: the GeoNames rows as they came (same columns, same order), checked for field count.
countries.tsv: the GeoNames country rows plus two columns, latitude and longitude: the area-weighted
centroid of the Natural Earth outline where the Levant file has one, else the capital's coordinates
from places.tsv (coarse, but countries are geo precision 3 anyway), else the row is left out.

GeoNames data: CC BY 4.0, https://www.geonames.org. Natural Earth: public domain.
Usage: python3 Scripts/dev/build-gazetteer.py [SHARED_DATA_DIR] [CORPUS_DIR]
"""
import json, os, sys

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/data")
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "Corpus")

def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]

places = read_tsv(os.path.join(data, "geonames", "places.tsv"))
assert all(len(r) == 9 for r in places), "places.tsv: every row must have 9 fields"
with open(os.path.join(out, "places.tsv"), "w", encoding="utf-8", newline="") as f:
    for r in places:
        f.write("\t".join(r) + "\n")

def ring_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        c = x0 * y1 - x1 * y0
        a += c; cx += (x0 + x1) * c; cy += (y0 + y1) * c
    return (a / 2, cx / (3 * a), cy / (3 * a)) if a else (0, 0, 0)

centroids = {}
with open(os.path.join(data, "naturalearth-levant.geojson"), encoding="utf-8") as f:
    for feat in json.load(f)["features"]:
        g = feat["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        parts = [ring_centroid(p[0]) for p in polys]
        total = sum(abs(a) for a, _, _ in parts)
        lon = sum(abs(a) * x for a, x, _ in parts) / total
        lat = sum(abs(a) * y for a, _, y in parts) / total
        centroids[feat["properties"]["iso_a3"]] = (round(lat, 5), round(lon, 5))

capital = {}
for r in places[1:]:
    key = (r[4], r[1])
    if key not in capital or int(r[6] or 0) > capital[key][2]:
        capital[key] = (float(r[2]), float(r[3]), int(r[6] or 0))

countries = read_tsv(os.path.join(data, "geonames", "countries.tsv"))
with open(os.path.join(out, "countries.tsv"), "w", encoding="utf-8", newline="") as f:
    f.write("\t".join(countries[0] + ["latitude", "longitude"]) + "\n")
    for r in countries[1:]:
        iso, iso3, cap = r[0], r[1], r[4]
        if iso3 in centroids:
            lat, lon = centroids[iso3]
        elif (iso, cap) in capital:
            lat, lon, _ = capital[(iso, cap)]
        else:
            continue
        f.write("\t".join(r + [str(lat), str(lon)]) + "\n")
print("wrote", len(places) - 1, "places and countries to", os.path.normpath(out))
