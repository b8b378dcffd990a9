// Starts the wasm app with every byte checked against index.html (ARCHITECTURE.md, "Every byte
// pinned"): the JS by the import map, the wasm by the preload's integrity.
const root = document.documentElement;
// CSP violations, counted for the tests.
root.dataset.cspViolations = '0';
document.addEventListener('securitypolicyviolation', () => {
  root.dataset.cspViolations = String(Number(root.dataset.cspViolations) + 1);
});
// This file ran: the stylesheet keeps the "not verified" notice hidden.
root.dataset.boot = '';

const boot = document.querySelector('script[data-wasm]');
const preload = [...document.querySelectorAll('link[rel=preload]')]
  .find((link) => link.getAttribute('href') === boot.dataset.wasm);
let init;
let wasm;
try {
  ({ default: init } = await import(boot.dataset.js));
  wasm = await fetch(boot.dataset.wasm, { integrity: preload.integrity });
} catch (error) {
  // Refused by its hash, or not there: nothing runs, and the notice shows.
  root.dataset.unverified = '';
  throw error;
}
await init({ module_or_path: wasm });
