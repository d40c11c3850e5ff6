"""The bench's job in DuckDB. usage: oneshot_duckdb.py ACLED.csv OUT.csv (load|oneshot)
load:    CREATE TABLE from the CSV (full load), then the grouped query and the export from the table.
oneshot: the grouped query and the export straight from the CSV (no table)."""
import resource, sys, time
try:
    import duckdb
except ImportError:
    print("SKIP duckdb: python module not installed (pip install duckdb)")
    sys.exit(0)

path, out, mode = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect()
con.execute("PRAGMA threads=2")
src = f"read_csv('{path}', header=true)"
where = "event_type = 'Battles' AND event_date BETWEEN DATE '2024-11-27' AND DATE '2024-12-08'"
t0 = time.perf_counter()
load = 0.0
if mode == "load":
    con.execute(f"CREATE TABLE e AS SELECT * FROM {src}")
    load = time.perf_counter() - t0
    src = "e"
t1 = time.perf_counter()
groups = con.execute(f"SELECT admin1, count(*) AS n, sum(fatalities) AS f FROM {src} WHERE {where} GROUP BY admin1 ORDER BY n DESC").fetchall()
query = time.perf_counter() - t1
t2 = time.perf_counter()
con.execute(f"COPY (SELECT event_id_cnty, event_date, event_type, admin1, location, latitude, longitude, fatalities, notes FROM {src} WHERE {where}) TO '{out}' (HEADER, DELIMITER ',')")
export = time.perf_counter() - t2
rows = con.execute(f"SELECT count(*) FROM {src}").fetchone()[0] if mode == "load" else -1
matched = sum(g[1] for g in groups)
for g in groups[:5]:
    print(f"  {g[0]}\t{g[1]}\t{g[2]}")
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"RESULT tool=duckdb-{mode} version={duckdb.__version__} rows={rows} matched={matched} load_s={load:.3f} query_ms={query*1000:.1f} export_ms={export*1000:.1f} total_s={time.perf_counter()-t0:.3f} rss_mb={rss:.0f}")
