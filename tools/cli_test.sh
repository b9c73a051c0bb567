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
has "$out/stdout" "report FILE [--json] [-o OUT]" "--help"
expect 0 "help report" -- "$bin" help report
has "$out/stdout" "usage: orgtrust report" "help report"
expect 0 "--version" -- "$bin" --version

# check
expect 0 "check" -- "$bin" check "$ex"
has "$out/stdout" "ok: 3 organisations, 10 actors, 12 ties, 2 disruptions" "check"
expect 1 "check of broken JSON" -- "$bin" check "$out/broken.json"
has "$out/stderr" "line 3, column 0:" "check names line and column"

# report, text and JSON: the same content
expect 0 "report" -- "$bin" report "$ex"
cp "$out/stdout" "$out/report.txt"
for section in "Organisation pairs" "Ties" "On the bridge" "Open disruptions" \
    "Marco (afdelingshoofd) and Henk (projectleider) are compromised: Henk (projectleider) also works directly" \
    "advice: escalate jointly to step 2 (administrative): Dijkgraaf and Wethouder"; do
    has "$out/report.txt" "$section" "text report"
done
expect 0 "report --json -o" -- "$bin" report --json -o "$out/report.json" "$ex"
has "$out/report.json" '"orgtrust_report": 1' "JSON report"
has "$out/report.json" '"advice": "escalate jointly to step 2 (administrative): Dijkgraaf and Wethouder"' "JSON report"
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
    "$out/picture.svg" "Trust between the organisations, day 400" "Roy -> Fatima $rf" "Fatima -> Roy $fr"
expect 0 "dot --svg -o" -- "$bin" dot "$ex" --svg -o "$out/picture2.svg"
expect 0 "the same SVG either way" -- cmp "$out/picture.svg" "$out/picture2.svg"
expect 0 "dot --svg --at 0" -- "$bin" dot "$ex" --svg --at 0 -o "$out/day0.svg"
expect 0 "the SVG of day 0 has its day" -- /usr/bin/python3 -c "$svg_has" "$out/day0.svg" \
    "Trust between the organisations, day 0"
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
has "$out/stdout" "step 1 (managerial): Henk (projectleider) and Marco (afdelingshoofd): compromised" "path"
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

# check --store --deep verifies the store; backup copies it online
expect 0 "check --store --deep" -- "$bin" check --store "$out/gw.store" --deep
has "$out/stdout" "checksum chain: entries 1 to 128" "check --deep"
has "$out/stdout" "checkpoints: 1 after entry 128, equal to the replayed state" "check --deep"
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
has "$out/stdout" "ok: 3 organisations" "export --at"
expect 0 "dot --at" -- "$bin" dot "$ex" --at 0
expect 0 "path --at" -- "$bin" path "$ex" roy fatima --at 1
has "$out/stdout" "escalation path of Roy -- Fatima" "path --at"
expect 1 "--at that is no number" -- "$bin" report "$ex" --at soon
has "$out/stderr" "--at soon: not a finite number of days" "--at that is no number"
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
has "$out/compare.txt" "gemeente-waterschap.json: day 10 -> day 60" "compare's heading"
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

# every example loads and reports
for f in "$src"/examples/scenarios/*.json; do
    expect 0 "report $(basename "$f")" -- "$bin" report "$f"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
