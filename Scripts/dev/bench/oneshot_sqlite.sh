#!/usr/bin/env bash
# The bench's job in the sqlite3 CLI: .import the CSV into an in-memory table, the grouped query,
# and the export with .once. usage: oneshot_sqlite.sh ACLED.csv OUT.csv [load-only]
set -euo pipefail
csv=$1 out=$2
where="event_type = 'Battles' AND event_date BETWEEN '2024-11-27' AND '2024-12-08'"
if [ "${3:-}" = load-only ]; then
  sqlite3 :memory: -cmd ".mode csv" -cmd ".import '$csv' e" "SELECT count(*) FROM e;"
  exit 0
fi
sqlite3 :memory: <<SQL
.mode csv
.import '$csv' e
.mode tabs
SELECT admin1, count(*) AS n, sum(CAST(fatalities AS INTEGER)) FROM e WHERE $where GROUP BY admin1 ORDER BY n DESC LIMIT 5;
.headers on
.mode csv
.once '$out'
SELECT event_id_cnty, event_date, event_type, admin1, location, latitude, longitude, fatalities, notes FROM e WHERE $where;
SQL
