#!/usr/bin/env python3
"""Opens each `corridor report` page in headless Chromium and checks it as a reader's browser
would show it.

A report fails, one line per problem naming it, on: a console error or uncaught exception
(Runtime.consoleAPICalled of type error or assert, Runtime.exceptionThrown, Log.entryAdded of
level error), an <img> that did not load, an outer <svg> with a zero-size box or with nothing
drawn in it, a <use> whose target is missing, a request for anything but a file:, data:,
blob: or about: URL (such requests are blocked, never sent), and interactivity that does not
work: the wheel on the first map must zoom it (viewBox), a drag must pan it, the reset button
and a double-click must restore it, and a click on the header of a numeric column must sort
the table ascending, a second click descending (aria-sort set on the header).
It keeps one PNG screenshot per section (the page header, each <section>, or each
h2-delimited block when the page has no sections) in --screenshots DIR.

Talks the DevTools protocol over --remote-debugging-pipe: standard library only.
--self-test also checks the checker: copies of the first report broken on purpose (a console
error, an exception, a missing image, a remote image, a zero-size SVG) must each fail.
Exit status: 0 when every report passes, 1 when one fails, 2 when the browser cannot run.
"""
import argparse
import base64
import fcntl
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:", "devtools:")
BLOCKED_SCHEMES = ("http:", "https:", "ws:", "wss:", "ftp:")
MISSING = re.compile(r"^(|[-\u2013\u2014\u2212]|[+-]?(inf|infinity)|\u221e|n/a|none|unreachable|incomplete)$", re.I)
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?", re.I)


def find_browser():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class BrowserError(Exception):
    pass


class Browser:
    """Headless Chromium driven through the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, binary, timeout=60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="corridor-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def child_fds():
            a = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [binary, "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--remote-debugging-pipe",
                f"--user-data-dir={self.profile}", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--dns-prefetch-disable", "--host-resolver-rules=MAP * ~NOTFOUND", "--mute-audio", "--hide-scrollbars",
                "--window-size=1200,900", "--force-color-profile=srgb", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                        close_fds=False, preexec_fn=child_fds)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.next_id = 0
        self.replies = {}
        self.events = queue.Queue()
        self.lock = threading.Condition()
        self.closed = False
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.version = self.call("Browser.getVersion")["product"]
        except BrowserError:
            self.close()
            raise

    def _read(self):
        buffer = b""
        while True:
            try:
                chunk = os.read(self.from_browser, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self.lock:
                        self.replies[message["id"]] = message
                        self.lock.notify_all()
                else:
                    self.events.put(message)
        with self.lock:
            self.closed = True
            self.lock.notify_all()

    def stderr_tail(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]

    def call(self, method, params=None, session=None, timeout=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        except OSError as e:
            raise BrowserError(f"{method}: the browser is gone ({e})\n{self.stderr_tail()}")
        deadline = time.monotonic() + (timeout or self.timeout)
        with self.lock:
            while self.next_id not in self.replies:
                if self.closed:
                    raise BrowserError(f"{method}: the browser closed the pipe\n{self.stderr_tail()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"{method}: no answer in {timeout or self.timeout} s")
                self.lock.wait(left)
            reply = self.replies.pop(self.next_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')} {reply['error'].get('data', '')}".strip())
        return reply.get("result", {})

    def close(self):
        try:
            if self.process.poll() is None:
                try:
                    self.call("Browser.close", timeout=5)
                except BrowserError:
                    pass
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            for fd in (self.to_browser, self.from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One report in its own browser context; collects what the page logs and requests."""

    def __init__(self, browser, width=1200, height=900):
        self.browser = browser
        self.context = browser.call("Target.createBrowserContext")["browserContextId"]
        self.target = browser.call("Target.createTarget", {"url": "about:blank", "browserContextId": self.context})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        self.problems = []
        self.loaded = False
        for method in ("Runtime.enable", "Log.enable", "Network.enable", "Page.enable"):
            self.send(method)
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        # Anything remote is failed before it leaves the browser (and reported).
        self.send("Fetch.enable", {"patterns": [{"urlPattern": scheme + "*"} for scheme in BLOCKED_SCHEMES]})

    def send(self, method, params=None, timeout=None):
        result = self.browser.call(method, params, session=self.session, timeout=timeout)
        self.pump()
        return result

    def pump(self):
        while True:
            try:
                event = self.browser.events.get_nowait()
            except queue.Empty:
                return
            if event.get("sessionId") == self.session:
                self.handle(event["method"], event.get("params", {}))

    def handle(self, method, p):
        if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", a.get("type")))) for a in p.get("args", []))
            self.problems.append(f"console.{p['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            text = d.get("exception", {}).get("description") or d.get("text", "exception")
            self.problems.append(f"uncaught exception: {text.splitlines()[0]} (line {d.get('lineNumber', '?')})")
        elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            e = p["entry"]
            self.problems.append(f"log error ({e.get('source')}): {e.get('text')}" + (f" [{e['url']}]" if e.get("url") else ""))
        elif method == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            # http(s), ws(s) and ftp are reported (and failed) by Fetch.requestPaused.
            if not url.startswith(LOCAL_SCHEMES + BLOCKED_SCHEMES):
                self.problems.append(f"remote resource requested: {url[:200]}")
        elif method == "Fetch.requestPaused":
            url = p.get("request", {}).get("url", "")
            self.problems.append(f"remote resource requested (blocked): {url[:200]}")
            self.browser.call("Fetch.failRequest", {"requestId": p["requestId"], "errorReason": "BlockedByClient"}, session=self.session)
        elif method == "Page.loadEventFired":
            self.loaded = True
        elif method == "Page.javascriptDialogOpening":
            self.problems.append(f"dialog opened: {p.get('message')}")
            self.browser.call("Page.handleJavaScriptDialog", {"accept": False}, session=self.session)

    def wait_until(self, predicate, timeout):
        deadline = time.monotonic() + timeout
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                event = self.browser.events.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if event.get("sessionId") == self.session:
                self.handle(event["method"], event.get("params", {}))
        return True

    def evaluate(self, expression, timeout=None):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise BrowserError(f"checker script failed: {d.get('exception', {}).get('description') or d.get('text')}")
        return r.get("result", {}).get("value")

    def settle(self):
        # Two animation frames: what the page scheduled (a redraw) has run.
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")
        self.pump()

    def mouse(self, kind, x, y, **extra):
        self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, **extra})

    def click(self, x, y, count=1):
        self.mouse("mouseMoved", x, y)
        for n in range(1, count + 1):
            self.mouse("mousePressed", x, y, button="left", buttons=1, clickCount=n)
            self.mouse("mouseReleased", x, y, button="left", buttons=0, clickCount=n)

    def close(self):
        try:
            self.browser.call("Target.closeTarget", {"targetId": self.target})
            self.browser.call("Target.disposeBrowserContext", {"browserContextId": self.context})
        except BrowserError:
            pass


# Page-side checks, run in the report once it has loaded.
STATIC_CHECKS = r"""
(async () => {
  await document.fonts.ready;
  const out = [];
  const name = e => e.id ? '#' + e.id : (e.getAttribute('class') ? e.tagName.toLowerCase() + '.' + e.getAttribute('class').split(' ')[0] : e.tagName.toLowerCase());
  const where = e => { const s = e.closest('section'); return name(e) + (s && s !== e ? ' in section #' + s.id : ''); };
  document.querySelectorAll('img').forEach(i => {
    if (!(i.complete && i.naturalWidth > 0)) out.push('image not loaded: ' + (i.getAttribute('src') || '(no src)').slice(0, 120) + ' (' + where(i) + ')');
  });
  const svgs = [...document.querySelectorAll('svg')].filter(s => !(s.parentElement && s.parentElement.closest('svg')));
  let n = 0;
  svgs.forEach(s => {
    n++;
    if (s.getAttribute('aria-hidden') === 'true') return;  // a sprite of shared definitions
    // The drawing area: the box less its borders and padding.
    const r = s.getBoundingClientRect(), c = getComputedStyle(s), px = k => parseFloat(c[k]) || 0;
    const w = r.width - px('borderLeftWidth') - px('borderRightWidth') - px('paddingLeft') - px('paddingRight');
    const h = r.height - px('borderTopWidth') - px('borderBottomWidth') - px('paddingTop') - px('paddingBottom');
    if (!(w > 0.5 && h > 0.5)) { out.push(`zero-size svg: svg #${n} (${where(s)}) draws in ${+w.toFixed(1)}x${+h.toFixed(1)} px`); return; }
    let b = null;
    try { b = s.getBBox(); } catch (e) {}
    if (!b || !(b.width > 0 && b.height > 0)) out.push(`empty svg: nothing drawn in svg #${n} (${where(s)})`);
  });
  document.querySelectorAll('use').forEach(u => {
    const href = u.getAttribute('href') || u.getAttribute('xlink:href') || '';
    if (!href.startsWith('#') || !document.getElementById(href.slice(1))) out.push('<use> target missing: ' + href.slice(0, 80));
  });
  return {problems: out, svgs: svgs.length, maps: document.querySelectorAll('svg.map').length,
          tables: document.querySelectorAll('table').length, images: document.images.length};
})()
"""

SECTIONS = r"""
(() => {
  const y = window.scrollY, boxes = [];
  const add = (id, top, bottom, left, right) => { if (bottom - top > 1 && right - left > 1) boxes.push({id, x: left, y: top + y, width: right - left, height: bottom - top}); };
  const header = document.querySelector('body > header');
  if (header) { const r = header.getBoundingClientRect(); add('header', r.top, r.bottom, r.left, r.right); }
  const sections = [...document.querySelectorAll('section')].filter(s => !s.parentElement.closest('section'));
  if (sections.length) {
    sections.forEach((s, i) => { const r = s.getBoundingClientRect(); add(s.id || 'section-' + (i + 1), r.top, r.bottom, r.left, r.right); });
  } else {
    const h2 = [...document.querySelectorAll('h2')], body = document.body.getBoundingClientRect();
    h2.forEach((h, i) => {
      const top = h.getBoundingClientRect().top, bottom = i + 1 < h2.length ? h2[i + 1].getBoundingClientRect().top : body.bottom;
      add(h.id || (h.textContent.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40) || 'block-' + (i + 1)), top, bottom, body.left, body.right);
    });
    if (!h2.length) add('page', body.top, body.bottom, body.left, body.right);
  }
  return boxes;
})()
"""


def cell_key(text, index):
    text = text.strip()
    if MISSING.match(text):
        return None
    plain = re.sub(r"(\d),(?=\d{3}(\D|$))", r"\1", text.replace("\u2212", "-").replace("\u2013", "-"))
    m = NUMBER.match(plain)
    return float(m.group(0)) if m else None


def check_interactivity(page, problems):
    # Pan and zoom on the first map.
    box = page.evaluate(r"""(() => {
      const s = document.querySelector('svg.map');
      if (!s) return null;
      s.scrollIntoView({block: 'center'});
      const r = s.getBoundingClientRect();
      return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height, vb: s.getAttribute('viewBox')};
    })()""")
    if box is None:
        problems.append("interactivity: no map (svg.map) to pan and zoom")
    else:
        page.settle()
        view = "document.querySelector('svg.map').getAttribute('viewBox')"
        home = [float(v) for v in box["vb"].split()]
        page.mouse("mouseMoved", box["x"], box["y"])
        page.mouse("mouseWheel", box["x"], box["y"], deltaX=0, deltaY=-360)
        page.settle()
        zoomed = [float(v) for v in page.evaluate(view).split()]
        if not zoomed[2] < home[2]:
            problems.append(f"interactivity: the wheel did not zoom the first map (viewBox {box['vb']} -> {' '.join(map(str, zoomed))})")
        else:
            dx, dy = 60, 40
            page.mouse("mousePressed", box["x"], box["y"], button="left", buttons=1, clickCount=1)
            for k in range(1, 5):
                page.mouse("mouseMoved", box["x"] + dx * k / 4, box["y"] + dy * k / 4, button="left", buttons=1)
            page.mouse("mouseReleased", box["x"] + dx, box["y"] + dy, button="left", buttons=0, clickCount=1)
            page.settle()
            panned = [float(v) for v in page.evaluate(view).split()]
            if not (panned[0] < zoomed[0] and panned[1] < zoomed[1] and abs(panned[2] - zoomed[2]) < 1e-6):
                problems.append(f"interactivity: a drag did not pan the first map (viewBox {zoomed} -> {panned})")
            reset = page.evaluate(r"""(() => {
              const b = [...document.querySelector('svg.map').parentElement.querySelectorAll('button')].find(b => /reset/i.test(b.textContent + ' ' + b.title));
              if (!b) return null;
              const r = b.getBoundingClientRect();
              return {x: r.left + r.width / 2, y: r.top + r.height / 2};
            })()""")
            if reset is None:
                problems.append("interactivity: the first map has no reset button")
            else:
                page.click(reset["x"], reset["y"])
                page.settle()
                if [float(v) for v in page.evaluate(view).split()] != home:
                    problems.append(f"interactivity: the reset button did not restore the first map (viewBox {page.evaluate(view)}, was {box['vb']})")
            page.mouse("mouseWheel", box["x"], box["y"], deltaX=0, deltaY=-360)
            page.settle()
            page.click(box["x"], box["y"], count=2)
            page.settle()
            if [float(v) for v in page.evaluate(view).split()] != home:
                problems.append(f"interactivity: a double-click did not restore the first map (viewBox {page.evaluate(view)}, was {box['vb']})")

    # Sorting: the first table with a numeric column of at least three distinct values.
    tables = page.evaluate(r"""[...document.querySelectorAll('table')].map(t =>
      [[...(t.tHead ? t.tHead.rows[t.tHead.rows.length - 1].cells : [])].map(c => c.textContent),
       [...(t.tBodies[0] ? t.tBodies[0].rows : [])].map(r => [...r.cells].map(c => c.textContent))])""")
    choice = None
    for ti, (header, rows) in enumerate(tables):
        for ci in range(len(header)):
            cells = [r[ci] for r in rows if ci < len(r)]
            keys = [cell_key(c, k) for k, c in enumerate(cells)]
            present = [k for c, k in zip(cells, keys) if not MISSING.match(c.strip())]
            if len(rows) >= 3 and present and None not in present and len(set(present)) >= 3 and present != sorted(present):
                choice = (ti, ci, header[ci])
                break
        if choice:
            break
    if choice is None:
        problems.append("interactivity: no table with an unsorted numeric column to test sorting on")
        return
    ti, ci, title = choice
    for order in ("ascending", "descending"):
        at = page.evaluate(f"""(() => {{
          const th = document.querySelectorAll('table')[{ti}].tHead.rows[document.querySelectorAll('table')[{ti}].tHead.rows.length - 1].cells[{ci}];
          th.scrollIntoView({{block: 'center'}});
          const r = th.getBoundingClientRect();
          return {{x: r.left + r.width / 2, y: r.top + r.height / 2}};
        }})()""")
        page.settle()
        page.click(at["x"], at["y"])
        page.settle()
        state = page.evaluate(f"""(() => {{
          const t = document.querySelectorAll('table')[{ti}], th = t.tHead.rows[t.tHead.rows.length - 1].cells[{ci}];
          return {{sort: th.getAttribute('aria-sort'), cells: [...t.tBodies[0].rows].map(r => r.cells[{ci}] ? r.cells[{ci}].textContent : '')}};
        }})()""")
        keys = [cell_key(c, k) for k, c in enumerate(state["cells"])]
        present = [k for k in keys if k is not None]
        trailing_missing = keys[:len(present)] == present
        ordered = present == sorted(present, reverse=order == "descending")
        if state["sort"] != order or not ordered or not trailing_missing:
            problems.append(f"interactivity: clicking the header '{title}' of table {ti + 1} did not sort it {order} "
                            f"(aria-sort={state['sort']}, column now {state['cells'][:8]}...)")
            return


def check_report(browser, path, shots, interact=True, shoot=True):
    """The report's problems, as lines; screenshots written into `shots`."""
    page = Page(browser)
    problems = page.problems
    try:
        url = "file://" + urllib.parse.quote(os.path.abspath(path))
        nav = page.send("Page.navigate", {"url": url})
        if nav.get("errorText"):
            problems.append(f"cannot open: {nav['errorText']}")
            return problems
        if not page.wait_until(lambda: page.loaded, browser.timeout):
            problems.append(f"the page did not finish loading in {browser.timeout} s")
            return problems
        page.settle()
        static = page.evaluate(STATIC_CHECKS)
        problems.extend(static["problems"])
        if shoot:
            stem = re.sub(r"[^A-Za-z0-9._-]+", "-", os.path.splitext(os.path.basename(path))[0])
            for k, box in enumerate(page.evaluate(SECTIONS)):
                shot = page.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "fromSurface": True,
                                                            "clip": {**{key: box[key] for key in ("x", "y", "width", "height")}, "scale": 1}},
                                 timeout=120)
                name = os.path.join(shots, f"{stem}-{k:02d}-{re.sub(r'[^A-Za-z0-9_-]+', '-', box['id'])}.png")
                with open(name, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
        if interact:
            check_interactivity(page, problems)
        page.settle()
        return problems
    finally:
        page.close()


def corrupted_copies(report, directory):
    """Copies of `report` each broken in one way, with the kind of line that must report it."""
    with open(report, encoding="utf-8") as f:
        text = f.read()
    end = text.rindex("</body>")
    variants = {
        "console-error": ("<script>console.error('x')</script>", "console.error"),
        "exception": ("<script>window.undefinedFunction()</script>", "uncaught exception"),
        "missing-image": ('<img src="no-such-image.png" alt="missing"/>', "image not loaded"),
        "remote-image": ('<img src="https://remote.invalid/pixel.png" alt="remote"/>', "remote resource"),
        "zero-size-svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"><circle r="3"/></svg>', "zero-size svg"),
    }
    out = []
    for name, (snippet, expected) in variants.items():
        path = os.path.join(directory, f"broken-{name}.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text[:end] + snippet + text[end:])
        out.append((path, expected))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", metavar="REPORT.html")
    parser.add_argument("--screenshots", metavar="DIR", help="where the PNGs go (default: a new temporary folder)")
    parser.add_argument("--no-interaction", action="store_true", help="skip the pan, zoom and sort checks")
    parser.add_argument("--self-test", action="store_true", help="also check that broken copies of the first report fail")
    parser.add_argument("--timeout", type=float, default=90, help="seconds for loading a page or one browser command")
    args = parser.parse_args()

    binary = find_browser()
    if not binary:
        print("check_report: no chromium found (install the Debian package chromium, or set CHROMIUM)", file=sys.stderr)
        return 2
    shots = args.screenshots or tempfile.mkdtemp(prefix="corridor-report-screenshots-")
    os.makedirs(shots, exist_ok=True)
    try:
        browser = Browser(binary, timeout=args.timeout)
    except (BrowserError, OSError) as e:
        print(f"check_report: cannot start {binary}: {e}", file=sys.stderr)
        return 2
    print(f"check_report: {browser.version}", file=sys.stderr)
    passed = failed = 0
    scratch = None
    try:
        for report in args.reports:
            if not os.path.isfile(report):
                print(f"FAIL {report}: no such file")
                failed += 1
                continue
            started = time.monotonic()
            problems = check_report(browser, report, shots, interact=not args.no_interaction)
            for p in problems:
                print(f"FAIL {report}: {p}")
            failed += bool(problems)
            passed += not problems
            print(f"{'ok  ' if not problems else 'FAIL'} {report} ({time.monotonic() - started:.1f} s)", file=sys.stderr)
        if args.self_test:
            scratch = tempfile.mkdtemp(prefix="corridor-report-selftest-")
            for path, expected in corrupted_copies(args.reports[0], scratch):
                problems = check_report(browser, path, shots, interact=False, shoot=False)
                if any(expected in p for p in problems):
                    passed += 1
                    print(f"ok   self-test {os.path.basename(path)}: caught ({next(p for p in problems if expected in p)})", file=sys.stderr)
                else:
                    failed += 1
                    print(f"FAIL self-test {os.path.basename(path)}: expected a '{expected}' problem, got {problems or 'none'}")
    except BrowserError as e:
        print(f"check_report: browser error: {e}", file=sys.stderr)
        return 2
    finally:
        browser.close()
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"check_report: screenshots in {shots}", file=sys.stderr)
    print(f"report-browser: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
