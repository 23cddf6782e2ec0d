// Opens each HTML report in Debian's Chromium (playwright-core), waits until vega-embed has drawn every
// chart, and fails on a missing chart, an empty one or any console error. Saves a full-page PNG per report.
//   node check.js OUTDIR report1.html report2.html ...
const path = require('path');
const fs = require('fs');
const { chromium } = require(process.env.CIM_PLAYWRIGHT || path.join(__dirname, '..', 'vscode', 'node_modules', 'playwright-core'));

async function main() {
  const [outDir, ...reports] = process.argv.slice(2);
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  let failed = 0;
  try {
    for (const report of reports) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors = [];
      page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', e => errors.push(String(e)));
      page.on('request', r => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push('network request: ' + r.url()); });
      const started = Date.now();
      await page.goto('file://' + path.resolve(report));
      await page.waitForFunction(() => document.body.dataset.charts !== undefined, null, { timeout: 30000 });
      const result = await page.evaluate(() => {
        const figures = [...document.querySelectorAll('figure.chart')];
        return {
          drawn: document.body.dataset.charts,
          charts: figures.map(f => ({
            id: f.dataset.chart,
            marks: f.querySelectorAll('svg .mark-rect path, svg .mark-rect rect, svg path.mark-rect, svg .role-mark path, svg .role-mark line, svg .role-mark rect').length,
            width: f.querySelector('svg') ? f.querySelector('svg').getBoundingClientRect().width : 0,
            // a label reading "undefined" is a field the data does not have (e.g. a dotted name read as a path)
            undefinedLabels: [...f.querySelectorAll('svg text')].filter(t => t.textContent.trim() === 'undefined').length,
          })),
        };
      });
      const ms = Date.now() - started;
      const png = path.join(outDir, path.basename(report, '.html') + '.png');
      await page.screenshot({ path: png, fullPage: true });
      const empty = result.charts.filter(c => c.marks === 0 || c.width < 100 || c.undefinedLabels > 0)
        .map(c => c.id + (c.undefinedLabels ? ` (${c.undefinedLabels} labels read 'undefined')` : ''));
      const ok = String(result.charts.length) === result.drawn && empty.length === 0 && errors.length === 0;
      console.log(`${ok ? 'PASS' : 'FAIL'} ${path.basename(report)}: ${result.drawn} of ${result.charts.length} charts drawn in ${ms} ms`
        + ` (${result.charts.map(c => c.id + ' ' + c.marks).join(', ')}); screenshot ${png}`
        + (empty.length ? `; empty: ${empty.join(', ')}` : '') + (errors.length ? `; errors: ${errors.join(' | ')}` : ''));
      if (!ok) failed++;
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}
main().catch(e => { console.error(e); process.exit(2); });
