// The first screen as the page's own wasm draws it, as HTML: scripts/build.py puts it into
// index.html's body, so a visitor sees (and can type into) step 1 before the wasm arrives; the
// wasm then takes it over (boot.js). Never a hand-kept copy: this renders the
// page being built in headless Chromium and serialises what its mount drew.
//   node scripts/first_screen.mjs URL      prints the markup on stdout
// The page is loaded as a first visit sees it on a slow line: no stored settings, no
// config.json, the later parts and the late tables not yet there (their requests refused, and
// their notices left out); form values that Leptos sets as properties are written into the
// attributes that show them before any script runs (value, checked, selected).
// tests/e2e_first_screen.rs runs this against the built page and compares with index.html.
import puppeteer from 'puppeteer-core';

const [url] = process.argv.slice(2);
if (!url) throw new Error('usage: node scripts/first_screen.mjs URL');

// What a first visit's first screen has not got yet: the chunk, the late tables, config.json.
const later = (requestUrl) => {
  const path = new URL(requestUrl).pathname;
  const file = path.slice(path.lastIndexOf('/') + 1);
  return (file.endsWith('.wasm') && file !== 'dao-onboard_bg.wasm')
    || /^(texts|late)-.*\.json$/.test(file)
    || file === 'config.json';
};

// In the page: the mounted screen as markup (what the build shipped before it, and the
// notices of index.html itself, left out).
const snapshot = () => {
  const live = document.body;
  const copy = live.cloneNode(true);
  const fields = 'input, select, textarea, option';
  const liveFields = [...live.querySelectorAll(fields)];
  const copiedFields = [...copy.querySelectorAll(fields)];
  liveFields.forEach((field, i) => {
    const copied = copiedFields[i];
    if (field instanceof HTMLOptionElement) {
      copied.toggleAttribute('selected', field.selected);
    } else if (field.type === 'checkbox' || field.type === 'radio') {
      copied.toggleAttribute('checked', field.checked);
    } else if (field instanceof HTMLTextAreaElement) {
      copied.textContent = field.value;
    } else if (field instanceof HTMLInputElement) {
      if (field.value === '') copied.removeAttribute('value');
      else copied.setAttribute('value', field.value);
    }
  });
  copy.querySelectorAll(
    'noscript, .unverified, .first-screen, [data-testid^="part-"]',
  ).forEach((node) => node.remove());
  // Leptos's empty comments mark where its views begin and end; static markup needs none.
  const comments = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const found = [];
  while (comments.nextNode()) found.push(comments.currentNode);
  found.forEach((comment) => comment.remove());
  return copy.innerHTML.trim();
};

const browser = await puppeteer.launch({
  browser: 'chrome',
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--headless=new', '--lang=nl'],
});
try {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (later(request.url())) request.abort();
    else request.continue();
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready-ms]', { timeout: 60000 });
  // Effects run after the mount; two frames let them settle.
  await page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(resolve));
  }));
  const markup = await page.evaluate(snapshot);
  if (!markup.includes('data-testid="org-name"')) {
    throw new Error('the mounted page has no organisation field: nothing to snapshot');
  }
  process.stdout.write(markup + '\n');
} finally {
  await browser.close();
}
