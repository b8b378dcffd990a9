// Opens each page of a list in one browser (Chromium or Firefox, through puppeteer-core) and
// reports what ran, as JSON on stdout, for tests/integrity.rs to judge:
//   node tests/integrity/visit.mjs chromium|firefox CASES.json
// CASES.json: { "steps": [the steps' element ids], "cases": [{ "name": ..., "url": ... }] }.
// For each page, once it settles (the app mounted,
// a part reported a failure, the "not verified" notice shown, or 15 s passed), it reports:
//   mounted      the wasm mounted (html[data-ready-ms]: the first wasm piece ran)
//   firstScreen  index.html's own first screen (drawn at build time) is still visible
//   ready        every part arrived (the chunk ran)
//   unverified   index.html's notice is visible
//   partFailed   a part says it could not be loaded or verified
//   altered      an altered file's marker ran (tests/integrity.rs appends it to a JS file)
//   version      the footer's version line (or null)
//   typedKept    after typing into step 1 once it mounted, the text is still there (or null)
import fs from 'node:fs';
import puppeteer from 'puppeteer-core';

const [browserName, casesFile] = process.argv.slice(2);
const { steps, cases } = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
const launch = {
  chromium: { browser: 'chrome', executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] },
  firefox: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true },
}[browserName];
if (!launch) throw new Error(`unknown browser ${browserName}`);

const state = (steps) => {
  const notice = document.querySelector('[data-testid="page-unverified"]');
  const style = notice && getComputedStyle(notice);
  const allSteps = steps.every((id) => document.getElementById(id) !== null);
  return {
    mounted: document.documentElement.hasAttribute('data-ready-ms')
      && document.querySelector('[data-testid="org-name"]') !== null,
    firstScreen: [...document.querySelectorAll('.first-screen [data-testid="org-name"]')]
      .some((field) => getComputedStyle(field).visibility === 'visible' && field.getClientRects().length > 0),
    ready: allSteps && document.querySelector('[data-testid="workspace"]') !== null,
    unverified: Boolean(style && style.display !== 'none' && style.visibility === 'visible'),
    partFailed: document.querySelector('[data-testid$="-load-failed"]') !== null,
    altered: document.documentElement.dataset.altered === 'ran',
    version: document.querySelector('[data-testid="page-version"]')?.textContent ?? null,
  };
};

const browser = await puppeteer.launch({ ...launch, headless: launch.headless ?? true });
const results = [];
try {
  for (const { name, url } of cases) {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const started = Date.now();
    let seen = await page.evaluate(state, steps);
    let typedKept = null;
    while (Date.now() - started < 15000) {
      if (seen.mounted && typedKept === null) {
        await page.type('[data-testid="org-name"]', 'Stad Gent');
        typedKept = false;
      }
      if (seen.ready || seen.partFailed || seen.unverified) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = await page.evaluate(state, steps);
    }
    if (typedKept !== null) {
      typedKept = await page.$eval('[data-testid="org-name"]', (field) => field.value === 'Stad Gent');
    }
    results.push({ name, ...seen, typedKept });
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results) + '\n');
