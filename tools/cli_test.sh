#!/bin/sh
# The orgtrust command: every subcommand's exit codes (0 ok, 1 bad input,
# 2 usage), --help, and what it prints.
set -u
bin=$1
src=$2
out=$3
mkdir -p "$out"
ex=$src/examples/scenarios/gemeente-waterschap.json
passed=0
failed=0

# expect STATUS DESCRIPTION -- COMMAND...: the command exits with STATUS
expect() {
    want=$1
    what=$2
    shift 3
    "$@" >"$out/stdout" 2>"$out/stderr"
    got=$?
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $what: exit $got, expected $want"
        sed 's/^/  stdout: /' "$out/stdout" | head -5
        sed 's/^/  stderr: /' "$out/stderr" | head -5
    fi
}

# has FILE TEXT DESCRIPTION: the file contains the text
has() {
    if grep -qF -- "$2" "$1"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $3: \"$2\" not in $1:"
        head -20 "$1" | sed 's/^/  /'
    fi
}

# lacks FILE TEXT DESCRIPTION: the file does not contain the text
lacks() {
    if grep -qF -- "$2" "$1"; then
        failed=$((failed + 1))
        echo "FAIL: $3: \"$2\" in $1"
    else
        passed=$((passed + 1))
    fi
}

printf '{"orgtrust": 1,\n "actors": [{"id": "x", "org": "nowhere"}]}\n' >"$out/bad.json"
printf '{"orgtrust": 1,\n "events": [\n' >"$out/broken.json"

# usage errors: 2
expect 2 "no arguments" -- "$bin"
expect 2 "unknown command" -- "$bin" frobnicate "$ex"
for cmd in report check dot export; do
    expect 2 "$cmd without FILE" -- "$bin" $cmd
    expect 2 "$cmd with an unknown option" -- "$bin" $cmd --colour "$ex"
    expect 2 "$cmd with too many arguments" -- "$bin" $cmd "$ex" "$ex"
    expect 0 "$cmd --help" -- "$bin" $cmd --help
    has "$out/stdout" "usage: orgtrust $cmd FILE" "$cmd --help"
    has "$out/stdout" "exit status: 0 ok, 1 bad input, 2 usage" "$cmd --help"
    expect 1 "$cmd of a missing file" -- "$bin" $cmd "$out/missing.json"
    has "$out/stderr" "missing.json" "$cmd of a missing file"
    expect 1 "$cmd of a bad file" -- "$bin" $cmd "$out/bad.json"
    has "$out/stderr" 'actors[0].org: unknown organisation "nowhere"' "$cmd of a bad file"
done
expect 2 "path with one actor" -- "$bin" path "$ex" roy
expect 0 "path --help" -- "$bin" path --help
has "$out/stdout" "usage: orgtrust path FILE ACTOR ACTOR" "path --help"
expect 2 "-o without a value" -- "$bin" dot "$ex" -o
expect 2 "--json=1" -- "$bin" report --json=1 "$ex"
expect 0 "--help" -- "$bin" --help
has "$out/stdout" "report FILE [--json | --html] [-o OUT]" "--help"
expect 0 "help report" -- "$bin" help report
has "$out/stdout" "usage: orgtrust report" "help report"
expect 0 "--version" -- "$bin" --version

# check: the structure, then the events by kind, counted in the file: 89
# observe, 6 consult, 2 disrupt, 1 escalate (98 events with a "t"; the
# structure is in the top-level lists). The task disruption of day 365 is
# handled at the operational layer (timebox 5 days): due day 370, still open
# on day 400, the file's last: overdue, a warning on stderr, exit status 0.
expect 0 "check" -- "$bin" check "$ex"
has "$out/stdout" "gemeente-waterschap.json: ok" "check"
has "$out/stdout" "structure: 3 organisations, 10 actors, 12 ties" "check"
has "$out/stdout" "events: 6 consultations, 89 observations, 2 disruptions, 1 escalation; 98 in all" "check"
# by its file id, with dates (epoch 2025-01-06: day 365 is 2026-01-06, 370 2026-01-11, 400 2026-02-10)
has "$out/stderr" "warning: watertoets-2 (Fatima with Roy) is overdue (still open past its due day): handled at the operational layer by Fatima and Roy since 6 January 2026, due 11 January 2026, and the file goes on to 10 February 2026" "check warns of an overdue disruption"
lacks "$out/stderr" "failed" "check: the escalation of day 175 succeeded"
has "$out/stdout" "Words used above" "check explains its words"
has "$out/stdout" "  consultation: a regular meeting without a concrete cause." "check explains the events"
# tests/fixtures/failed-escalation.json, worked out by hand: everyone starts
# at 0.5 (the propensity), below the threshold 0.6, so on day 12 both steps
# above Fatima and Roy are unhealthy and the escalation fails. Fatima's
# disruption (day 10, operational, timebox 5) is due on day 15 and still open
# on day 30: overdue. Roy's of day 28 is due on day 33: not overdue.
fx=$src/tests/fixtures/failed-escalation.json
expect 0 "check of a failed escalation" -- "$bin" check "$fx"
has "$out/stdout" "structure: 2 organisations, 6 actors, 3 ties" "check, failed escalation"
has "$out/stdout" "events: 2 observations, 2 disruptions, 1 escalation (failed), 1 consultation; 6 in all" "check, failed escalation"
has "$out/stderr" "warning: day 12: the escalation of d1 (Fatima with Roy) failed (no one higher up could settle it):" "check warns of the failed escalation"
has "$out/stderr" "step 1 (managerial): Marco and Karin: unhealthy: they do not trust each other enough (0.50 and 0.50; 0.60 is needed); step 2 (administrative): Dijkgraaf and Wethouder: unhealthy: they do not trust each other enough (0.50 and 0.50; 0.60 is needed)" "check says why it failed"
has "$out/stderr" "warning: d1 (Fatima with Roy) is overdue (still open past its due day): handled at the operational layer by Fatima and Roy since day 10, due day 15, and the file goes on to day 30" "check warns of the overdue disruption"
lacks "$out/stderr" "d2 (Roy with Fatima) is overdue" "check: a disruption not yet due"
has "$out/stdout" "  unhealthy: they do not trust each other enough." "check's legend"
expect 0 "path of a failed escalation" -- "$bin" path "$fx" roy fatima
has "$out/stdout" "step 2 (administrative): Wethouder and Dijkgraaf: unhealthy: they do not trust each other enough" "path, unhealthy"
has "$out/stdout" "recommended: none" "path, no step can mediate"
# A referral and a failed settlement: Roy's third disruption (c, day 7) is
# referred on day 20 to Karin and Marco, who trust each other 0.5 (< 0.6):
# their settlement on day 21 fails, and check names that disruption by its
# file id, "c".
cat >"$out/settle.json" <<'EOF2'
{"orgtrust": 1, "model": 2,
 "organisations": [{"id": "G"}, {"id": "W"}],
 "actors": [{"id": "weth", "org": "G", "layer": "administrative"},
  {"id": "karin", "org": "G", "layer": "managerial", "superior": "weth"},
  {"id": "roy", "org": "G", "layer": "operational", "superior": "karin"},
  {"id": "dijk", "org": "W", "layer": "administrative"},
  {"id": "marco", "org": "W", "layer": "managerial", "superior": "dijk"},
  {"id": "fatima", "org": "W", "layer": "operational", "superior": "marco"}],
 "ties": [{"between": ["roy", "fatima"]}, {"between": ["karin", "marco"]}, {"between": ["weth", "dijk"]}],
 "events": [
  {"t": 1, "disrupt": "relational", "observer": "fatima", "other": "roy", "severity": 0.5, "id": "a"},
  {"t": 4, "disrupt": "task", "observer": "roy", "other": "fatima", "severity": 0.2, "id": "b"},
  {"t": 7, "disrupt": "task", "observer": "roy", "other": "fatima", "severity": 0.2, "id": "c"},
  {"t": 20, "refer": "c", "mode": "joint"},
  {"t": 21, "resolve": "c"}]}
EOF2
expect 0 "check of a failed settlement" -- "$bin" check "$out/settle.json"
has "$out/stdout" "events: 3 disruptions, 1 referral, 1 settlement at a level (failed); 5 in all" "check counts a settlement"
has "$out/stderr" "warning: day 21: the settlement at a level of c (roy with fatima) failed" "check names the failed settlement's disruption"
has "$out/stderr" "step 1 (managerial): karin and marco: unhealthy: they do not trust each other enough (0.50 and 0.50; 0.60 is needed)" "check says why the settlement failed"
expect 0 "check --help" -- "$bin" check --help
has "$out/stdout" "a warning for every escalation that failed" "check --help says what it warns of"
expect 0 "report --help" -- "$bin" report --help
has "$out/stdout" "a legend of the terms it used" "report --help names the legend"
expect 1 "check of broken JSON" -- "$bin" check "$out/broken.json"
has "$out/stderr" "line 3, column 0:" "check names line and column"

# report, text and JSON: the same content
expect 0 "report" -- "$bin" report "$ex"
cp "$out/stdout" "$out/report.txt"
for section in "Organisation pairs" "Ties" "On the bridge" "Open disruptions" \
    "step 1 (managerial): Marco (afdelingshoofd) and Henk (projectleider): compromised: diagonal tie: Henk (projectleider) also works directly with Waterschap's operational staff" \
    "advice: escalate jointly to step 2 (administrative): Dijkgraaf and Wethouder"; do
    has "$out/report.txt" "$section" "text report"
done
# the vocabulary: the model's term with the plain words beside it, names filled in
has "$out/report.txt" "; standing 0.55 (how far Gemeente trusts Henk (projectleider))" "text report, standing"
has "$out/report.txt" "    reputation: how Gemeente sees Waterschap 0." "text report, reputation"
has "$out/report.txt" "    backing: how Gemeente's leadership stands toward Waterschap 0." "text report, backing"
has "$out/report.txt" "cooperation basis: at risk (cooperation at risk: neither enough trust nor a record to rely on)" "text report, basis"
has "$out/report.txt" "escalation hazards: Henk (projectleider) cannot mediate disputes up to the operational layer: a diagonal tie with Fatima" "text report, hazards"
has "$out/report.txt" "due day 370 (OVERDUE: still open past its due day)" "text report, overdue"
has "$out/report.txt" "Words used above" "text report, legend"
has "$out/report.txt" "  freshness: how much of the lost trust can still be restored." "text report, legend"
has "$out/report.txt" "    at risk: cooperation at risk: neither enough trust nor a record to rely on." "text report, legend"
expect 0 "report without disruptions" -- "$bin" report "$src/examples/scenarios/alliantie.json"
lacks "$out/stdout" "freshness" "the legend lists only the terms used"
has "$out/stdout" "  standing: how far their own organisation trusts them." "the legend"
expect 0 "report --json -o" -- "$bin" report --json -o "$out/report.json" "$ex"
has "$out/report.json" '"orgtrust_report": 1' "JSON report"
has "$out/report.json" '"advice": "escalate jointly to step 2 (administrative): Dijkgraaf and Wethouder"' "JSON report"
has "$out/report.json" '"cooperation_basis_plain": "cooperation at risk: neither enough trust nor a record to rely on"' "JSON report, plain words"
has "$out/report.json" '"status": "compromised", "status_plain": "cannot mediate: part of the conflict", "reason": "diagonal", "reason_plain": "also works directly with the other side'"'"'s staff below"' "JSON report, plain words"
if command -v python3 >/dev/null 2>&1; then
    expect 0 "the JSON report parses" -- python3 -m json.tool "$out/report.json"
fi

# export: canonical, and stable through a second round (stdin as FILE)
expect 0 "export" -- "$bin" export "$ex"
cp "$out/stdout" "$out/export1.json"
expect 0 "export of the export, from stdin" -- sh -c "\"$bin\" export -o \"$out/export2.json\" - < \"$out/export1.json\""
expect 0 "the canonical form is stable" -- cmp "$out/export1.json" "$out/export2.json"

# dot, as DOT text
expect 0 "dot -o" -- "$bin" dot "$ex" -o "$out/picture.dot"
has "$out/picture.dot" "subgraph cluster_o0 {" "dot"
has "$out/picture.dot" "style=dashed" "dot marks the hazard"

# dot --svg, --png: rendered by the Graphviz library (no dot program). The
# SVG parses as XML and its texts hold the title and each direction's
# number as the report gives it (Roy's trust in Fatima and back).
no_stderr() {
    if [ -s "$out/stderr" ]; then
        failed=$((failed + 1)); echo "FAIL: $1 said:"; sed 's/^/  /' "$out/stderr" | head -5
    else passed=$((passed + 1)); fi
}
svg_has='import sys, xml.etree.ElementTree as ET
texts = [t.text or "" for t in ET.parse(sys.argv[1]).getroot().iter("{http://www.w3.org/2000/svg}text")]
missing = [w for w in sys.argv[2:] if w not in texts]
sys.exit("not among the texts of %s: %s" % (sys.argv[1], missing) if missing else 0)'
expect 0 "report for the SVG's numbers" -- "$bin" report "$ex"
rf=$(sed -n 's/^ *Roy -> Fatima: trust \([0-9.]*\),.*/\1/p' "$out/stdout")
fr=$(sed -n 's/^ *Fatima -> Roy: trust \([0-9.]*\),.*/\1/p' "$out/stdout")
expect 0 "dot --svg to standard output" -- "$bin" dot "$ex" --svg
no_stderr "dot --svg (Graphviz warnings?)"
cp "$out/stdout" "$out/picture.svg"
expect 0 "the SVG parses, with the title and the direction labels" -- /usr/bin/python3 -c "$svg_has" \
    "$out/picture.svg" "Seed 000: a gemeente and a waterschap, day 400 (2026-02-10)" "Roy -> Fatima $rf" "Fatima -> Roy $fr"
expect 0 "dot --svg -o" -- "$bin" dot "$ex" --svg -o "$out/picture2.svg"
expect 0 "the same SVG either way" -- cmp "$out/picture.svg" "$out/picture2.svg"
expect 0 "dot --svg --at 0" -- "$bin" dot "$ex" --svg --at 0 -o "$out/day0.svg"
expect 0 "the SVG of day 0 has its day" -- /usr/bin/python3 -c "$svg_has" "$out/day0.svg" \
    "Seed 000: a gemeente and a waterschap, day 0 (2025-01-06)"
expect 0 "dot --png -o" -- "$bin" dot "$ex" --png -o "$out/picture.png"
no_stderr "dot --png"
sig=$(head -c 8 "$out/picture.png" | od -An -tx1 | tr -d ' \n')
if [ "$sig" = "89504e470d0a1a0a" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: the PNG starts with $sig, not the PNG signature"; fi
size=$(wc -c <"$out/picture.png")
if [ "$size" -gt 20000 ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: the PNG has $size bytes: too small for the picture"; fi
expect 2 "dot --png to standard output" -- "$bin" dot "$ex" --png
has "$out/stderr" "dot --png writes a binary image: give its file with -o OUT" "dot --png without -o"
expect 2 "dot --svg --png" -- "$bin" dot "$ex" --svg --png -o "$out/x"
has "$out/stderr" "--svg and --png: give one of them" "dot --svg --png"
expect 2 "dot --jpeg" -- "$bin" dot "$ex" --jpeg
has "$out/stderr" "unknown option --jpeg" "dot --jpeg"
expect 0 "dot --help" -- "$bin" dot --help
has "$out/stdout" "--png                  render the picture as PNG; needs -o OUT" "dot --help"
has "$out/stdout" "--svg                  render the picture as SVG" "dot --help"

# path: by the file's id, by name, in another case
expect 0 "path by file ids" -- "$bin" path "$ex" roy fatima
has "$out/stdout" "step 1 (managerial): Henk (projectleider) and Marco (afdelingshoofd): compromised: diagonal tie: Henk (projectleider) also works directly with Waterschap's operational staff" "path, in the report's words"
has "$out/stdout" "step 2 (administrative): Wethouder and Dijkgraaf: ok: they trust each other enough (0.66 and 0.66): escalate here" "path"
has "$out/stdout" "  compromised: cannot mediate: part of the conflict." "path's legend"
has "$out/stdout" "recommended: step 2 (administrative): Wethouder and Dijkgraaf" "path"
expect 0 "path by names" -- "$bin" path "$ex" Fatima "Roy"
has "$out/stdout" "step 1 (managerial): Marco (afdelingshoofd) and Henk (projectleider)" "path from Fatima's side"
expect 0 "path by a name in another case" -- "$bin" path "$ex" ROY fatima
expect 1 "path with an unknown actor" -- "$bin" path "$ex" roy fatma
has "$out/stderr" 'no actor "fatma"' "path with an unknown actor"
expect 1 "path without a tie" -- "$bin" path "$ex" roy dijk
has "$out/stderr" "have no tie" "path without a tie"
expect 1 "path of an internal tie" -- "$bin" path "$ex" roy henk
has "$out/stderr" "internal" "path of an internal tie"

# --store: save a scenario as a store, then work on the stored model
rm -f "$out/gw.store" "$out/gw.store-wal" "$out/gw.store-shm"
expect 0 "check --store saves" -- "$bin" check "$ex" --store "$out/gw.store"
has "$out/stdout" "saved as the store" "check --store"
expect 1 "saving over an existing store" -- "$bin" check "$ex" --store "$out/gw.store"
has "$out/stderr" "already a store" "saving over an existing store"
expect 0 "report --json from the file" -- "$bin" report --json "$ex" -o "$out/from-file.json"
expect 0 "report --json from the store" -- "$bin" report --json --store "$out/gw.store" -o "$out/from-store.json"
if cmp -s "$out/from-file.json" "$out/from-store.json"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: the store's report differs from the file's"; fi
expect 0 "export from the store" -- "$bin" export --store "$out/gw.store" -o "$out/from-store-export.json"
expect 0 "export from the file" -- "$bin" export "$ex" -o "$out/from-file-export.json"
if cmp -s "$out/from-file-export.json" "$out/from-store-export.json"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: the store's export differs from the file's"; fi
expect 0 "path from the store by names" -- "$bin" path --store "$out/gw.store" Roy Fatima
has "$out/stdout" "recommended: step 2 (administrative): Wethouder and Dijkgraaf" "path from the store"
expect 0 "dot from the store" -- "$bin" dot --store="$out/gw.store"
has "$out/stdout" "digraph" "dot from the store"
expect 1 "a store that does not exist" -- "$bin" report --store "$out/none.store"
has "$out/stderr" "does not exist" "a store that does not exist"
expect 1 "a scenario file given as a store" -- "$bin" report --store "$ex"
expect 2 "--store without a value" -- "$bin" report --store
expect 2 "--store with an empty name" -- "$bin" report --store=
expect 0 "--help names --store" -- "$bin" check --help
has "$out/stdout" "--store STORE" "check --help"

# check --store --deep verifies the store; backup copies it online. The
# example's 128 calls and its 19 texts (1.1): the epoch, the description,
# 15 notes and the ids of its 2 disrupt events: 147 entries.
expect 0 "check --store --deep" -- "$bin" check --store "$out/gw.store" --deep
has "$out/stdout" "checksum chain: entries 1 to 147" "check --deep"
has "$out/stdout" "checkpoints: 1 after entry 147, equal to the replayed state" "check --deep"
expect 2 "--deep needs a store and no FILE" -- "$bin" check "$ex" --deep
rm -f "$out/gw-copy.store" "$out/gw-copy.store-wal" "$out/gw-copy.store-shm"
expect 0 "backup --store" -- "$bin" backup --store "$out/gw.store" "$out/gw-copy.store"
has "$out/stdout" "copied to" "backup"
expect 0 "the backup verifies" -- "$bin" check --store "$out/gw-copy.store" --deep
expect 1 "backup into an existing file" -- "$bin" backup --store "$out/gw.store" "$out/gw-copy.store"
has "$out/stderr" "already exists" "backup into an existing file"
expect 2 "backup without --store" -- "$bin" backup "$out/x.store"
# t = 70 edited into t = 75 in entry 60 (before the checkpoint): the plain
# check opens from the checkpoint; --deep and export find the edit
python3 - "$out/gw-copy.store" <<'PY' || { failed=$((failed + 1)); echo "FAIL: editing the copy"; }
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with db:
    db.execute("UPDATE orgtrust_journal SET t = t + 5 WHERE seq = 60")
PY
expect 1 "check --deep finds an edited entry" -- "$bin" check --store "$out/gw-copy.store" --deep
has "$out/stderr" "journal entry 60 fails its checksum" "check --deep, an edited entry"
expect 1 "export refuses an edited history" -- "$bin" export --store "$out/gw-copy.store" -o "$out/edited.json"
has "$out/stderr" "journal entry 60 fails its checksum" "export of an edited history"

# --at DAY: the model as it was that day, from the file and from the store
expect 0 "report --at" -- "$bin" report "$ex" --at 10
has "$out/stdout" "time 10 days" "report --at"
expect 0 "report --json --at from the store" -- "$bin" report --json --at=100 --store "$out/gw.store" -o "$out/at100-store.json"
expect 0 "report --json --at from the file" -- "$bin" report --json --at 100 "$ex" -o "$out/at100-file.json"
if cmp -s "$out/at100-file.json" "$out/at100-store.json"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: the store's report --at 100 differs from the file's"; fi
expect 0 "export --at" -- "$bin" export "$ex" --at 100 -o "$out/at100.json"
expect 0 "the export --at loads" -- "$bin" check "$out/at100.json"
has "$out/stdout" "structure: 3 organisations" "export --at"
expect 0 "dot --at" -- "$bin" dot "$ex" --at 0
expect 0 "path --at" -- "$bin" path "$ex" roy fatima --at 1
has "$out/stdout" "escalation path of Roy -- Fatima" "path --at"
expect 1 "--at that is no number" -- "$bin" report "$ex" --at soon
has "$out/stderr" "--at soon: neither a number of days nor a date" "--at that is no number"
expect 1 "--at nan" -- "$bin" report "$ex" --at nan
expect 2 "--at without a value" -- "$bin" report "$ex" --at
expect 2 "check takes no --at" -- "$bin" check "$ex" --at 3
expect 0 "report --help names --at" -- "$bin" report --help
has "$out/stdout" "--at DAY" "report --help"

# timeline: CSV, one row per time, one column per probe
expect 0 "timeline" -- "$bin" timeline "$ex" -o "$out/timeline.csv"
has "$out/timeline.csv" 't,"reputation:Gemeente,Waterschap","reputation:Waterschap,Gemeente","backing:Gemeente,Waterschap"' "timeline's default columns"
has "$out/timeline.csv" '"layer_trust:Gemeente,Waterschap,administrative"' "timeline's layer columns"
# every 7 days from 0 to the last event on day 400: 0, 7, ..., 399 and 400.
lines=$(wc -l <"$out/timeline.csv")
if [ "$lines" = 60 ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: timeline has $lines lines, expected a header and 59 rows"; fi
has "$out/timeline.csv" "
399," "timeline's rows every 7 days"
expect 0 "timeline with probes" -- "$bin" timeline "$ex" --every 100 --probe trust:roy,fatima --probe "reputation:G,W" --probe standing:Roy
has "$out/stdout" 't,"trust:roy,fatima","reputation:G,W",standing:Roy' "timeline with probes"
has "$out/stdout" "
300," "timeline with probes"
expect 0 "timeline from the store" -- "$bin" timeline --store "$out/gw.store" -o "$out/timeline-store.csv"
if cmp -s "$out/timeline.csv" "$out/timeline-store.csv"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: the store's timeline differs from the file's"; fi
# The row of day 100 says what report --at 100 says.
expect 0 "timeline on day 100" -- "$bin" timeline "$ex" --from 100 --to 100 --probe "reputation:G,W" --probe "backing:W,G"
cp "$out/stdout" "$out/day100.csv"
if command -v python3 >/dev/null 2>&1; then
    expect 0 "timeline agrees with report --at" -- python3 -c "
import csv, json, sys
row = list(csv.reader(open(sys.argv[1])))[1]
pair = json.load(open(sys.argv[2]))['organisation_pairs'][0]
assert (pair['a'], pair['b']) == ('Gemeente', 'Waterschap'), pair
assert float(row[0]) == 100, row
assert float(row[1]) == pair['reputation']['a_to_b'], (row, pair)
assert float(row[2]) == pair['backing']['b_to_a'], (row, pair)
" "$out/day100.csv" "$out/at100-file.json"
fi
expect 1 "timeline with an unknown probe kind" -- "$bin" timeline "$ex" --probe charm:roy
has "$out/stderr" 'unknown kind "charm"' "timeline with an unknown probe kind"
expect 1 "timeline with an unknown actor" -- "$bin" timeline "$ex" --probe trust:roy,fatma
has "$out/stderr" 'no actor "fatma"' "timeline with an unknown actor"
expect 1 "timeline with a missing actor" -- "$bin" timeline "$ex" --probe trust:roy
expect 1 "timeline with an unknown layer" -- "$bin" timeline "$ex" --probe layer_trust:G,W,top
expect 1 "timeline every 0 days" -- "$bin" timeline "$ex" --every 0
expect 2 "timeline --every without a value" -- "$bin" timeline "$ex" --every
expect 2 "timeline takes no --at" -- "$bin" timeline "$ex" --at 3
expect 0 "timeline --help" -- "$bin" timeline --help
has "$out/stdout" "usage: orgtrust timeline FILE [--every DAYS] [--probe SPEC ...]" "timeline --help"
has "$out/stdout" "layer_trust:ORG,ORG,LAYER" "timeline --help documents SPEC"

# compare: the values of both days, as the timeline gives them, largest moves first
expect 0 "compare" -- "$bin" compare "$ex" 10 60
cp "$out/stdout" "$out/compare.txt"
# the example's epoch is 2025-01-06: day 10 is 16 January, day 60 7 March (January 31 days, February 28)
has "$out/compare.txt" "gemeente-waterschap.json: 16 January 2025 (day 10) -> 7 March 2025 (day 60)" "compare's heading"
has "$out/compare.txt" "organisation pairs, largest moves first:" "compare's pairs"
has "$out/compare.txt" "ties, largest moves first:" "compare's ties"
expect 0 "the timeline of the same days" -- "$bin" timeline "$ex" --from 10 --to 60 --every 50 --probe trust:Roy,Fatima --probe "reputation:Gemeente,Waterschap"
cp "$out/stdout" "$out/compare-days.csv"
if command -v python3 >/dev/null 2>&1; then
    expect 0 "compare agrees with the timeline and sorts by the size of the move" -- python3 -c "
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1])))
assert [float(r[0]) for r in rows[1:]] == [10, 60], rows
text = open(sys.argv[2]).read()
def line(label):
    m = re.search(r'^  ' + re.escape(label) + r' +(\S+) -> (\S+)  \(([^)]*)\)$', text, re.M)
    assert m, (label, text)
    return m
for col, label in ((1, 'trust:Roy,Fatima'), (2, 'reputation:Gemeente,Waterschap')):
    m = line(label)
    assert m.group(1) == '%5.3f' % float(rows[1][col]), (m.group(1), rows[1][col])
    assert m.group(2) == '%5.3f' % float(rows[2][col]), (m.group(2), rows[2][col])
for part in text.split('largest moves first:')[1:]:
    sizes = [abs(float(d)) for d in re.findall(r'\(([+-][0-9.]+)\)', part.split('\n\n')[0].split('ties,')[0])]
    assert sizes == sorted(sizes, reverse=True), sizes
" "$out/compare-days.csv" "$out/compare.txt"
fi
expect 0 "compare from the store" -- "$bin" compare --store "$out/gw.store" 10 60
if [ "$(sed 1d "$out/compare.txt")" = "$(sed 1d "$out/stdout")" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: compare on the store differs from compare on the file"; fi
expect 1 "compare with the days the wrong way round" -- "$bin" compare "$ex" 60 10
has "$out/stderr" "DAY2 = 10 is before DAY1 = 60" "compare with the days the wrong way round"
expect 1 "compare with a day that is no number" -- "$bin" compare "$ex" 10 soon
expect 2 "compare without the second day" -- "$bin" compare "$ex" 10
expect 0 "compare --help" -- "$bin" compare --help
has "$out/stdout" "usage: orgtrust compare FILE DAY1 DAY2" "compare --help"

# log: the history in words. The ladder story (tests/fixtures/ladder-story.json),
# worked by hand with the defaults: Roy's kept agreement moves his trust in
# Fatima by alpha (1 - T) = 0.05 * 0.5 to 0.525; Henk's broken agreement
# moves his trust in Marco by beta T = 0.25 * 0.5 down to 0.375; so when the
# disruption referred to the managers cannot be settled there, Henk and
# Marco trust each other 0.375 and 0.5, below theta_esc = 0.6.
lad=$src/tests/fixtures/ladder-story.json
expect 0 "log" -- "$bin" log "$lad"
cp "$out/stdout" "$out/log.txt"
has "$out/log.txt" "before day 0: Roy joins Gemeente at the operational layer, reporting to Henk." "log tells the structure"
has "$out/log.txt" "13 March 2025 (day 10): Roy about Fatima: agreement kept (trust Roy -> Fatima 0.50 -> 0.53)." "log tells an observation"
has "$out/log.txt" "15 March 2025 (day 12): Henk about Marco: agreement broken (trust Henk -> Marco 0.50 -> 0.38)." "log tells a loss"
has "$out/log.txt" "step 1 (managerial): Henk and Marco: unhealthy: they do not trust each other enough (0.38 and 0.50; 0.60 is needed)" "log says why a settlement failed, in the words of check"
# the epoch is 2025-03-03: day 28 is 31 March, day 58 30 April, day 89 31 May
has "$out/log.txt" "1 June 2025 (day 90): Esther leaves." "log tells a departure, with its date"
has "$out/log.txt" "11 June 2025 (day 100): Roy moves to Gemeente at the managerial layer, reporting to Wethouder." "log tells a move"
expect 0 "log --brief" -- "$bin" log --brief "$lad"
if grep -q "about\|joins" "$out/stdout"; then failed=$((failed + 1)); echo "FAIL: log --brief tells observations or structure"; else passed=$((passed + 1)); fi
has "$out/stdout" "22 May 2025 (day 80): the tie of Esther and Fatima ends." "log --brief keeps the events"
expect 0 "log --at" -- "$bin" log "$lad" --at 50
if grep -q "(day 60)" "$out/stdout"; then failed=$((failed + 1)); echo "FAIL: log --at 50 tells day 60"; else passed=$((passed + 1)); fi
# --at a date: 2 May 2025 is day 60 (30 April is day 58)
expect 0 "log --at a date" -- "$bin" log "$lad" --at 2025-05-02
has "$out/stdout" "2 May 2025 (day 60): it comes out that Fatima was not guilty" "log --at a date keeps that day"
if grep -q "(day 80)" "$out/stdout"; then failed=$((failed + 1)); echo "FAIL: log --at 2025-05-02 tells day 80"; else passed=$((passed + 1)); fi
expect 1 "--at a date without an epoch" -- "$bin" report "$src/tests/fixtures/failed-escalation.json" --at 2025-05-02
has "$out/stderr" 'a date needs a scenario with an "epoch"' "--at a date without an epoch"
expect 1 "--at no date" -- "$bin" report "$lad" --at 2025-02-30
has "$out/stderr" "--at 2025-02-30: neither a number of days nor a date" "--at no date"
rm -f "$out/lad.store" "$out/lad.store-wal" "$out/lad.store-shm"
expect 0 "log from the store" -- "$bin" log "$lad" --store "$out/lad.store"
expect 0 "log of the store alone" -- "$bin" log --store "$out/lad.store"
if cmp -s "$out/log.txt" "$out/stdout"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: log of the store differs from log of the file"; fi
expect 0 "log --help" -- "$bin" log --help
has "$out/stdout" "usage: orgtrust log FILE" "log --help"

# timeline --svg: the same values drawn, one chart per organisation pair
expect 0 "timeline --svg" -- "$bin" timeline "$ex" --svg -o "$out/timeline.svg"
if command -v python3 >/dev/null 2>&1; then
    expect 0 "timeline --svg is well-formed SVG with its legend" -- python3 -c "
import sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
assert root.tag == '{http://www.w3.org/2000/svg}svg', root.tag
texts = [t.text for t in root.iter('{http://www.w3.org/2000/svg}text')]
for want in ('Gemeente and Waterschap', 'reputation: how Gemeente sees Waterschap', 'trust at the managerial layer',
             'day 0', 'day 400'):
    assert want in texts, (want, texts)
assert len(list(root.iter('{http://www.w3.org/2000/svg}polyline'))) >= 7
" "$out/timeline.svg"
fi

# report --html: the page (the browser test, tools/browser_test.py, looks at it)
expect 0 "report --html" -- "$bin" report --html "$ex" -o "$out/report.html"
has "$out/report.html" '<section id="summary">' "the HTML page"
expect 2 "report --json --html" -- "$bin" report --json --html "$ex"
# names are text, never markup: a page of a scenario whose names hold HTML
cat >"$out/markup.json" <<'EOF2'
{"orgtrust": 1, "description": "<script>alert(1)</script> & more",
 "organisations": [{"id": "G", "name": "A&B <i>"}, {"id": "W", "name": "W\"x"}],
 "actors": [{"id": "r", "name": "<b>Roy</b>", "org": "G", "layer": "operational"},
  {"id": "f", "name": "Fatima", "org": "W", "layer": "operational"}],
 "ties": [{"between": ["r", "f"]}],
 "events": [{"t": 1, "observe": "delivered", "truster": "r", "trustee": "f"},
  {"t": 2, "disrupt": "task", "observer": "f", "other": "r", "severity": 0.2, "id": "<d>"}]}
EOF2
expect 0 "report --html of names with markup" -- "$bin" report --html "$out/markup.json" -o "$out/markup.html"
lacks "$out/markup.html" "<script>" "a description is text on the page"
lacks "$out/markup.html" "<b>Roy" "an actor's name is text on the page"
lacks "$out/markup.html" "A&B <i>" "an organisation's name is text on the page"
has "$out/markup.html" "&lt;b&gt;Roy&lt;/b&gt;" "an actor's name, escaped"
has "$out/markup.html" "A&amp;B &lt;i&gt;" "an organisation's name, escaped"
has "$out/markup.html" "&lt;d&gt;" "a disruption's file id, escaped"
# --at a date on the page: 1 April 2025 is day 29 of the ladder story (March
# has 31 days: day 28 is 31 March), before the referral of day 30, so
# steiger is still handled at the operational layer by Roy and Fatima.
expect 0 "report --html --at a date" -- "$bin" report --html "$lad" --at 2025-04-01 -o "$out/ladder.html"
has "$out/ladder.html" "as of 1 April 2025" "the page of a past day says its date"
has "$out/ladder.html" "It is handled at the operational layer by Roy and Fatima" "the page of a past day shows that day's ladder"

# every example loads and reports
for f in "$src"/examples/scenarios/*.json; do
    expect 0 "report $(basename "$f")" -- "$bin" report "$f"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
