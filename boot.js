// Counts Content-Security-Policy violations on <html data-csp-violations>, for the tests, from
// the first script on: before the wasm loads.
const root = document.documentElement;
root.dataset.cspViolations = '0';
document.addEventListener('securitypolicyviolation', () => {
  root.dataset.cspViolations = String(Number(root.dataset.cspViolations) + 1);
});

// Starts the wasm app. Trunk's default loader is an inline script, which the page's
// Content-Security-Policy forbids; Trunk.toml's pattern_script points here instead and passes
// the hashed file names as data attributes. Trunk's modulepreload links carry the integrity
// hashes of both files.
const boot = document.querySelector('script[data-wasm]');
const { default: init } = await import(boot.dataset.js);
await init({ module_or_path: boot.dataset.wasm });
