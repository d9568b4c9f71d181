#!/usr/bin/python3
"""The HTML report opened in a real browser (Debian's chromium, headless,
driven over the DevTools protocol with python3-websocket):

- no console error, no exception, nothing fetched from the network;
- every in-page link has its target; every finding's place link lands on
  its line (the target is that line of the text view, and clicking it
  scrolls the line into the window);
- the text is drawn with the fonts the page names (Noto Sans, Noto Sans
  Mono), with no fallback font: every Vietnamese letter is in them;
- the print stylesheet shows the folded parts;
- a screenshot of the first screen is kept (the test's artifact).

Before the browser: the fonts' files are checked to cover the 134
Vietnamese letters (python3-fonttools), so a font that lacks one fails
here, by name, rather than as a box in a picture.

usage: check_html.py VNAUDIT SRCDIR OUTDIR
Writes OUTDIR/report.html, OUTDIR/report.png (and report-vi.*). Exit 0 when
all holds, 1 otherwise; a missing browser, font or module is a failure,
never a skip."""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

FONT_DIR = '/usr/share/fonts/truetype/noto'
FONTS = {'Noto Sans': ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'],
         'Noto Sans Mono': ['NotoSansMono-Regular.ttf', 'NotoSansMono-Bold.ttf']}
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--hide-scrollbars', '--window-size=1280,900', '--remote-debugging-port=0']
TIMEOUT = 20.0
failures = []


def fail(msg):
    failures.append(msg)
    print('not ok - ' + msg)


def ok(msg):
    print('ok - ' + msg)


def vietnamese_letters():
    """The 67 letters of Vietnamese beyond ASCII, lower and upper case: 134."""
    tones = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']
    lower = set('ăâđêôơư')
    for base in 'aăâeêioôơuưy':
        for t in tones:
            lower.add(unicodedata.normalize('NFC', base + t))
    letters = sorted(lower | {c.upper() for c in lower})
    assert len(letters) == 134 and all(len(c) == 1 for c in letters)
    return letters


def check_fonts():
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        fail('python3-fonttools is not installed (scripts/setup.sh installs it)')
        return
    letters = vietnamese_letters()
    for family, files in FONTS.items():
        for name in files:
            path = os.path.join(FONT_DIR, name)
            if not os.path.exists(path):
                fail('%s: missing (fonts-noto-core, installed by scripts/setup.sh)' % path)
                continue
            cmap = TTFont(path, lazy=True).getBestCmap()
            lacking = [c for c in letters if ord(c) not in cmap]
            if lacking:
                fail('%s lacks %d Vietnamese letters: %s' % (name, len(lacking), ''.join(lacking)))
            else:
                ok('%s (%s) has all 134 Vietnamese letters' % (name, family))


class Browser:
    def __init__(self):
        import websocket  # python3-websocket
        self.profile = tempfile.mkdtemp(prefix='vnaudit-chromium-')
        exe = shutil.which('chromium') or shutil.which('chromium-browser')
        if not exe:
            raise RuntimeError('chromium is not installed (scripts/setup.sh installs it)')
        self.proc = subprocess.Popen([exe] + FLAGS + ['--user-data-dir=' + self.profile, 'about:blank'],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, 'DevToolsActivePort')
        deadline = time.time() + TIMEOUT
        while not (os.path.exists(port_file) and open(port_file).read().count('\n') >= 1):
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError('chromium did not start')
            time.sleep(0.05)
        port = open(port_file).read().split('\n')[0].strip()
        import urllib.request
        targets = json.load(urllib.request.urlopen('http://127.0.0.1:%s/json/list' % port, timeout=5))
        page = [t for t in targets if t.get('type') == 'page'][0]
        self.ws = websocket.create_connection(page['webSocketDebuggerUrl'], timeout=TIMEOUT)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        mid = self.next_id
        self.ws.send(json.dumps({'id': mid, 'method': method, 'params': params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get('id') == mid:
                if 'error' in msg:
                    raise RuntimeError('%s: %s' % (method, msg['error']))
                return msg.get('result', {})
            self.events.append(msg)

    def wait_event(self, name):
        for i, e in enumerate(self.events):
            if e.get('method') == name:
                return self.events.pop(i)
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            msg = json.loads(self.ws.recv())
            if msg.get('method') == name:
                return msg
            self.events.append(msg)
        raise RuntimeError('no %s' % name)

    def js(self, expr):
        r = self.call('Runtime.evaluate', expression=expr, returnByValue=True)
        if 'exceptionDetails' in r:
            raise RuntimeError('script failed: %s' % r['exceptionDetails'])
        return r['result'].get('value')

    def close(self):
        try:
            self.call('Browser.close')
        except Exception:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


LINKS_JS = r'''(() => {
  const bad = [], landed = [];
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = a.getAttribute('href').slice(1);
    if (!document.getElementById(id)) bad.push(a.getAttribute('href'));
  }
  const wheres = [...document.querySelectorAll('a.where')];
  const misses = [];
  for (const a of wheres) {
    const t = document.getElementById(a.getAttribute('href').slice(1));
    if (!t) continue;
    const ln = t.querySelector('.ln');
    if (!ln || ln.textContent !== a.dataset.line) { misses.push(a.getAttribute('href') + ' shows ' + (ln && ln.textContent)); continue; }
    window.scrollTo(0, 0);
    a.click();
    const r = t.getBoundingClientRect();
    if (!(r.top >= 0 && r.bottom <= window.innerHeight) || location.hash !== a.getAttribute('href'))
      misses.push(a.getAttribute('href') + ' not in view after a click (top ' + r.top + ')');
    else landed.push(a.dataset.line);
  }
  window.scrollTo(0, 0);
  return {links: document.querySelectorAll('a[href^="#"]').length, bad, wheres: wheres.length, misses,
          landed: landed.length, findings: document.querySelectorAll('.finding').length,
          summary: document.querySelectorAll('table.summary tr:has(td)').length,
          suspects: document.querySelectorAll('.stmt mark.sus').length,
          suspects_text: document.querySelectorAll('pre.text a.sus').length};
})()'''


def fonts_of(b, selector):
    doc = b.call('DOM.getDocument', depth=-1)
    node = b.call('DOM.querySelector', nodeId=doc['root']['nodeId'], selector=selector)['nodeId']
    if not node:
        return None
    return {f['familyName']: f['glyphCount'] for f in b.call('CSS.getPlatformFontsForNode', nodeId=node)['fonts']}


def check_page(b, html, png, lang):
    tag = '[%s] ' % lang
    b.events = []
    b.call('Page.enable')
    b.call('Runtime.enable')
    b.call('Log.enable')
    b.call('Network.enable')
    b.call('DOM.enable')
    b.call('CSS.enable')
    b.call('Page.navigate', url='file://' + os.path.abspath(html))
    b.wait_event('Page.loadEventFired')
    b.js('document.fonts.ready.then(() => 1)')
    info = b.js(LINKS_JS)
    problems = []
    for e in b.events:
        m, p = e.get('method'), e.get('params', {})
        if m == 'Runtime.exceptionThrown':
            problems.append('exception: %s' % p.get('exceptionDetails', {}).get('text'))
        elif m == 'Runtime.consoleAPICalled' and p.get('type') in ('error', 'assert', 'warning'):
            problems.append('console %s: %s' % (p['type'], [a.get('value') for a in p.get('args', [])]))
        elif m == 'Log.entryAdded' and p.get('entry', {}).get('level') in ('error', 'warning'):
            problems.append('log: %s' % p['entry'].get('text'))
        elif m == 'Network.requestWillBeSent' and not p.get('request', {}).get('url', '').startswith('file:'):
            problems.append('fetched: %s' % p['request'].get('url'))
    if problems:
        fail(tag + 'console errors or fetches: %s' % problems)
    else:
        ok(tag + 'no console error, no exception, nothing fetched')
    if info['bad']:
        fail(tag + 'links without a target: %s' % info['bad'][:10])
    else:
        ok(tag + 'all %d in-page links have a target' % info['links'])
    if info['misses'] or not info['wheres']:
        fail(tag + 'finding links that do not land on their line: %s' % info['misses'][:10])
    else:
        ok(tag + 'all %d place links land on their line (clicked, in view)' % info['landed'])
    if info['summary'] != info['findings']:
        fail(tag + 'summary table has %d rows for %d findings' % (info['summary'], info['findings']))
    else:
        ok(tag + 'summary table lists the %d findings' % info['summary'])
    if info['suspects'] < 1 or info['suspects_text'] < 1:
        fail(tag + 'suspect figures marked: %d in the statements, %d in the text' % (info['suspects'], info['suspects_text']))
    else:
        ok(tag + 'suspect figures marked: %d in the statements, %d in the text' % (info['suspects'], info['suspects_text']))

    for selector, family in (('pre.text', 'Noto Sans Mono'), ('pre.stmt', 'Noto Sans Mono'),
                             ('h4', 'Noto Sans'), ('table.summary td:nth-child(2)', 'Noto Sans')):
        used = fonts_of(b, selector)
        if used is None:
            fail(tag + 'no %s in the page' % selector)
        elif set(used) != {family}:
            fail(tag + '%s drawn with %s, expected %s alone' % (selector, used, family))
        else:
            ok(tag + '%s drawn with %s only (%d glyphs)' % (selector, family, used[family]))

    shot = b.call('Page.captureScreenshot', format='png')
    data = base64.b64decode(shot['data'])
    with open(png, 'wb') as f:
        f.write(data)
    if data[:8] != b'\x89PNG\r\n\x1a\n' or len(data) < 10000:
        fail(tag + 'screenshot %s is not a PNG of a page (%d bytes)' % (png, len(data)))
    else:
        ok(tag + 'screenshot of the first screen kept: %s (%d bytes)' % (png, len(data)))

    folded = '''[...document.querySelectorAll('details table')].filter(t => !t.checkVisibility()).length'''
    on_screen = b.js(folded)
    b.call('Emulation.setEmulatedMedia', media='print')
    in_print = b.js(folded)
    shown = b.js('''[...document.querySelectorAll('details table')].length''')
    b.call('Emulation.setEmulatedMedia', media='')
    if not shown or on_screen != shown or in_print:
        fail(tag + 'folded tables: %d of %d folded on screen, %d still folded in print' % (on_screen, shown, in_print))
    else:
        ok(tag + 'the %d tables folded on screen are open in print' % shown)
    pdf = b.call('Page.printToPDF', printBackground=True)
    if not base64.b64decode(pdf['data']).startswith(b'%PDF'):
        fail(tag + 'printing to PDF failed')
    else:
        ok(tag + 'prints to PDF')


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    vnaudit, src, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    inputs = [os.path.normpath(os.path.join(src, 'tests/html/places.docx')),
              os.path.normpath(os.path.join(src, 'examples/bao-cao-chuong-trinh.txt'))]
    check_fonts()
    b = None
    try:
        b = Browser()
        for lang in ('en', 'vi'):
            suffix = '' if lang == 'en' else '-' + lang
            html = os.path.join(out, 'report%s.html' % suffix)
            with open(html, 'wb') as f:
                r = subprocess.run([vnaudit, '--lang', lang, 'check', '--format', 'html', '-v'] + inputs, stdout=f)
            if r.returncode != 1:
                fail('vnaudit check exited %d, expected 1 (findings)' % r.returncode)
            check_page(b, html, os.path.join(out, 'report%s.png' % suffix), lang)
    except Exception as e:  # a browser that cannot be driven is a failure, not a skip
        fail('browser: %s' % e)
    finally:
        if b:
            b.close()
    print('%d failed' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
