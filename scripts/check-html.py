#!/usr/bin/env python3
"""Opens HTML reports in headless Chromium and fails on console messages or external requests.

Usage: scripts/check-html.py [--self-test] FILE.html...

A report is self-contained and has no scripts, so a clean page logs nothing to the console: any
console message (a Content-Security-Policy violation, a resource that failed to load) is a
failure. Independently, Chromium's net log is read for requests the page started to anything but
file: and data: URLs, and the DNS resolver is pointed nowhere so nothing leaves the machine.
Requests Chromium makes for itself (update checks) have no page origin and are ignored.

--self-test first checks that a page with an external image and stylesheet is caught, so a
silently broken check cannot pass.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
    "--disable-extensions", "--no-pings", "--disable-domain-reliability",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
    "--virtual-time-budget=3000",
]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check-html: Chromium is not installed; run scripts/install-debian-packages.sh chromium")


def check(path, browser):
    """Returns a list of problems with the page at `path`."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="toets-check-html-") as scratch:
        net_log = os.path.join(scratch, "net.json")
        url = "file://" + os.path.abspath(path)
        run = subprocess.run(
            [browser, *CHROMIUM_FLAGS, "--user-data-dir=" + os.path.join(scratch, "profile"),
             "--log-net-log=" + net_log, "--dump-dom", url],
            capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            problems.append("chromium exited with status %d: %s" % (run.returncode, run.stderr[-500:]))
        if "</html>" not in run.stdout:
            problems.append("the page did not load (no DOM was dumped)")
        for line in run.stderr.splitlines():
            if ":CONSOLE" in line:
                problems.append("console: " + line.split("] ", 1)[-1])
        try:
            with open(net_log) as handle:
                log = json.load(handle)
        except (OSError, ValueError) as error:
            problems.append("cannot read Chromium's net log: %s" % error)
            return problems
        start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        for event in log.get("events", []):
            params = event.get("params", {})
            if event.get("type") != start_job or "url" not in params:
                continue
            target = params["url"]
            if target.startswith(("file:", "data:", "about:", "chrome:")):
                continue
            # Chromium's own background requests carry no page origin.
            if params.get("initiator") == "not an origin":
                continue
            problems.append("request: " + target)
    return sorted(set(problems))


def self_test(browser):
    with tempfile.TemporaryDirectory(prefix="toets-check-html-self-") as scratch:
        bad = os.path.join(scratch, "bad.html")
        with open(bad, "w") as handle:
            handle.write('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title>'
                         '<link rel="stylesheet" href="https://example.invalid/a.css"></head>'
                         '<body><img src="http://example.invalid/x.png" alt=""></body></html>\n')
        problems = check(bad, browser)
        if not any(p.startswith("request: ") and "example.invalid" in p for p in problems):
            sys.exit("check-html self-test: an external request went unnoticed; the check is broken: %s" % problems)
        with open(bad, "w") as handle:
            handle.write('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title>'
                         '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'"></head>'
                         '<body><img src="http://example.invalid/x.png" alt=""></body></html>\n')
        if not any(p.startswith("console: ") for p in check(bad, browser)):
            sys.exit("check-html self-test: a blocked request logged nothing to the console; the check is broken")
    print("check-html self-test: external requests and console messages are caught")


def main(arguments):
    browser = chromium()
    if arguments and arguments[0] == "--self-test":
        self_test(browser)
        arguments = arguments[1:]
    if not arguments:
        sys.exit("usage: scripts/check-html.py [--self-test] FILE.html...")
    failed = False
    for path in arguments:
        problems = check(path, browser)
        if problems:
            failed = True
            print("FAIL %s" % path)
            for problem in problems:
                print("  " + problem)
        else:
            print("ok   %s: no console messages, no external requests" % path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
