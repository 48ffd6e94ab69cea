# shellcheck shell=bash
# Summarising VSTest .trx result files. Source this file.
#
#   trx_summary DIR   reads every *.trx under DIR; prints the failed tests (name + first message line), then
#                     as its LAST line exactly "N passed, N failed, N skipped" (failed counts failed, error,
#                     timeout and aborted results; skipped = notExecuted).
#                     Exit status: 0 ok, 1 a test failed, 2 no test ran, 3 a .trx file could not be read.

trx_summary() {
    /usr/bin/python3 - "$1" <<'PY'
import glob
import os
import sys
import xml.etree.ElementTree as ET

results_dir = sys.argv[1]
files = sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True))
passed = failed = skipped = 0
unreadable = 0
failures = []
for path in files:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        print(f"warning: cannot read {path}: {e}", file=sys.stderr)
        unreadable += 1
        continue
    counters = root.find(".//{*}ResultSummary/{*}Counters")
    if counters is None:
        counters = root.find(".//{*}Counters")
    if counters is None:
        print(f"warning: no <Counters> in {path}", file=sys.stderr)
        unreadable += 1
        continue

    def count(name):
        try:
            return int(counters.get(name, "0"))
        except ValueError:
            return 0

    passed += count("passed")
    failed += count("failed") + count("error") + count("timeout") + count("aborted")
    skipped += count("notExecuted")
    for result in root.findall(".//{*}UnitTestResult"):
        if result.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
            message = result.find("./{*}Output/{*}ErrorInfo/{*}Message")
            text = (message.text or "").strip() if message is not None else ""
            failures.append((result.get("testName", "?"), text.splitlines()[0] if text else ""))

if failures:
    print(f"Failed tests ({len(failures)}):")
    for name, first_line in failures[:100]:
        print(f"  FAILED {name}" + (f"\n         {first_line[:300]}" if first_line else ""))
    if len(failures) > 100:
        print(f"  ... and {len(failures) - 100} more")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
if unreadable:
    sys.exit(3)
if failed:
    sys.exit(1)
if passed + failed == 0:
    sys.exit(2)
sys.exit(0)
PY
}
