#!/usr/bin/env python3
"""The HTML report in a real browser (docs/report.md, "The HTML page").

For every example scenario (and the ladder fixture of the CLI tests) the
page `orgtrust report --html` writes is opened in headless Chromium, which:

  * saves a screenshot at 1280 pixels wide, checked not to be blank (enough
    of it is not white, and it has many colours: text, the picture, the
    charts);
  * dumps the DOM after layout, checked for the sections in their order,
    the inline SVG picture and charts with their texts, and glossary
    entries for every term the page links;
  * logs the console, which must stay silent: the page has no script and
    its Content-Security-Policy forbids loading anything, so a console
    message means something broke (a control page that loads an external
    script shows the check can fail);
  * renders a copy at 400 pixels wide (a phone) with a probe script that
    measures whether anything is wider than the window, which must not
    happen.

usage: browser_test.py ORGTRUST SOURCE_DIR WORK_DIR
Exit 77 (skipped) when Chromium is not installed, unless CI is set.
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys

ORGTRUST, SOURCE, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
EXAMPLES = os.path.join(SOURCE, "examples", "scenarios")
FIXTURE = os.path.join(SOURCE, "tests", "fixtures", "ladder-story.json")
SECTIONS = ["summary", "picture", "over-time", "history", "glossary"]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


BROWSER = chromium()
if not BROWSER:
    print("headless Chromium is not installed (Debian package chromium)")
    sys.exit(1 if os.environ.get("CI") else 77)


def run_browser(url, *flags, width=1280, height=2000):
    """Chromium headless on url; (stdout, the console lines of stderr)."""
    profile = os.path.join(WORK, "profile")
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
           "--window-size=%d,%d" % (width, height), *flags, url]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    console = [l for l in p.stderr.splitlines() if ":CONSOLE" in l]
    return p.stdout, console


class Dom(html.parser.HTMLParser):
    """What the checks need of a page: sections in order, SVGs per section
    and their texts, the glossary's ids and the terms' links."""

    def __init__(self):
        super().__init__()
        self.sections, self.stack, self.svgs = [], [], {}
        self.svg_text, self.links, self.glossary = {}, [], set()
        self.section = None
        self.in_svg_text = 0
        self.attrs_of_root = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.attrs_of_root = a
        if tag == "section":
            self.section = a.get("id")
            self.sections.append(self.section)
        if tag == "svg" and self.section:
            self.svgs[self.section] = self.svgs.get(self.section, 0) + 1
        if tag == "text" and self.section:
            self.in_svg_text += 1
        if tag == "a" and "term" in (a.get("class") or ""):
            self.links.append(a.get("href", ""))
        if tag in ("dt", "dd") and a.get("id"):
            self.glossary.add(a["id"])

    def handle_endtag(self, tag):
        if tag == "text" and self.in_svg_text:
            self.in_svg_text -= 1

    def handle_data(self, data):
        if self.in_svg_text and self.section:
            self.svg_text.setdefault(self.section, []).append(data.strip())


def png_not_blank(path, name):
    from PIL import Image  # python3-pil, a test dependency

    img = Image.open(path).convert("RGB")
    w, h = img.size
    small = img.resize((w // 4, h // 4))
    pixels = list(small.getdata())
    inked = sum(1 for p in pixels if sum(p) < 3 * 235)
    colours = len(set(pixels))
    if inked < len(pixels) * 0.02 or colours < 20:
        fail("%s: the screenshot looks blank (%d of %d pixels inked, %d colours)" % (name, inked, len(pixels),
                                                                                      colours))


PROBE = """<script>
(function () {
  var w = document.documentElement.clientWidth, wide = [];
  document.querySelectorAll('body *').forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.right > w + 1 && r.width > 0) wide.push(e.tagName + (e.id ? '#' + e.id : '') + ':' + Math.round(r.right));
  });
  document.documentElement.setAttribute('data-scroll-width', document.documentElement.scrollWidth);
  document.documentElement.setAttribute('data-client-width', w);
  document.documentElement.setAttribute('data-too-wide', wide.slice(0, 5).join(' '));
})();
</script>"""


def check_page(scenario, name, expect_texts, links=()):
    before = len(failures)
    page = os.path.join(WORK, name + ".html")
    p = subprocess.run([ORGTRUST, "report", "--html", scenario, "-o", page], capture_output=True, text=True)
    if p.returncode != 0:
        fail("%s: orgtrust report --html failed: %s" % (name, p.stderr))
        return
    source = open(page, encoding="utf-8").read()
    for bad in ("<script", "http://", "https://", "<link", "@import", "url("):
        if bad in source.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
                'xmlns:xlink="http://www.w3.org/1999/xlink"', ""):
            fail("%s: the page refers to something outside itself (%s)" % (name, bad))
    url = "file://" + os.path.abspath(page)
    shot = os.path.join(WORK, name + ".png")
    _, console = run_browser(url, "--screenshot=" + shot, height=2400)
    if not os.path.exists(shot):
        fail("%s: no screenshot" % name)
    else:
        png_not_blank(shot, name)
    if console:
        fail("%s: console messages: %s" % (name, console[:3]))
    dom_text, console = run_browser(url, "--dump-dom")
    if console:
        fail("%s: console messages: %s" % (name, console[:3]))
    dom = Dom()
    dom.feed(dom_text)
    if dom.sections != SECTIONS:
        fail("%s: sections %s, expected %s" % (name, dom.sections, SECTIONS))
    if dom.svgs.get("picture", 0) != 1:
        fail("%s: %d SVG pictures in the network section" % (name, dom.svgs.get("picture", 0)))
    if dom.svgs.get("over-time", 0) < 1:
        fail("%s: no chart in the section over time" % name)
    texts = " ".join(t for ts in dom.svg_text.values() for t in ts)
    for t in expect_texts:
        if t not in texts and t not in dom_text:
            fail("%s: %r is not on the page" % (name, t))
    for href in dom.links:
        if not href.startswith("#") or href[1:] not in dom.glossary:
            fail("%s: the term link %s has no glossary entry" % (name, href))
    if not dom.links:
        fail("%s: no term is linked to the glossary" % name)
    for href in links:
        if href not in dom.links:
            fail("%s: the page does not link %s" % (name, href))
    # a phone: nothing wider than the window
    phone = os.path.join(WORK, name + "-phone.html")
    no_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source)
    open(phone, "w", encoding="utf-8").write(no_csp.replace("</body>", PROBE + "</body>"))
    dom_text, _ = run_browser("file://" + os.path.abspath(phone), "--dump-dom", width=400, height=800)
    m = re.search(r'data-scroll-width="(\d+)" data-client-width="(\d+)" data-too-wide="([^"]*)"', dom_text)
    if not m:
        fail("%s: the width probe did not run at 400 pixels" % name)
    elif int(m.group(1)) > int(m.group(2)) or m.group(3):
        fail("%s: at 400 pixels the page scrolls sideways (%s wide in %s): %s" % (name, m.group(1), m.group(2),
                                                                              m.group(3)))
    if len(failures) == before:
        print("ok: %s" % name)


os.makedirs(WORK, exist_ok=True)

# The control: a page that loads a script from elsewhere must be caught.
control = os.path.join(WORK, "control.html")
open(control, "w").write('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
                         'content="default-src \'none\'"></head><body><script src="http://example.invalid/x.js">'
                         '</script>control</body></html>')
_, console = run_browser("file://" + os.path.abspath(control), "--dump-dom")
if not console:
    fail("the console check is blind: the control page's blocked script was not seen")

PAGES = {
    "gemeente-waterschap": ["Gemeente and Waterschap", "reputation: how Gemeente sees Waterschap",
                            "Wethouder", "Fatima", "Glossary", "watertoets-2", "10 February 2026"],
    "alliantie": [],
    "faculteit": [],
    "grote-gemeente": [],
    "it-partnership": [],
}
# the escalation of day 175 passes over Henk, compromised by his diagonal
# tie: both terms of that step link to the glossary
LINKS = {"gemeente-waterschap": ["#g-status.compromised", "#g-reason.diagonal", "#g-status.ok"]}
for name, texts in PAGES.items():
    check_page(os.path.join(EXAMPLES, name + ".json"), name, texts + ["Summary", "What happened"],
               links=LINKS.get(name, ()))
check_page(FIXTURE, "ladder-story", ["steiger", "(0.38 and 0.50; 0.60 is needed)", "7 April 2025"],
           links=["#g-status.unhealthy"])

if failures:
    print("%d failures" % len(failures))
    sys.exit(1)
print("all pages pass")
