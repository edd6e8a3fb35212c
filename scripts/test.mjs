// `npm test`: every check the project has, in order, stopping at the first failure. Before running
// anything it checks for the system tools the checks need and says how to get a missing one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
mkdirSync('test-results', { recursive: true });

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

function have(command, args = ['--version']) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

// Preflight: system tools, with the way to get each.
const missing = [];
if (!have('clang-format'))
  missing.push('clang-format (the C++ style check): sudo apt-get install clang-format');
if (!have('g++')) missing.push('g++ (the addon and its sanitizer build): sudo apt-get install g++');
else {
  const asan = spawnSync('g++', ['-print-file-name=libasan.so'], { encoding: 'utf8' }).stdout.trim();
  if (!existsSync(asan)) missing.push('libasan (the sanitizer run): sudo apt-get install libgcc-12-dev');
}
const chromium = process.env.CONVSCOPE_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium))
  missing.push(
    `Chromium at ${chromium} (the end-to-end tests; Playwright cannot download its own browsers): sudo apt-get install chromium`,
  );
if (missing.length > 0) {
  console.error(`npm test needs these system packages:\n  - ${missing.join('\n  - ')}`);
  process.exit(1);
}

if (!existsSync('native-kernels/build/Release/convscope_kernels.node'))
  run('build addon', 'npm', ['run', 'build:addon']);
run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('lint', 'npm', ['run', '--silent', 'lint']);
run('electron-vite build', 'npx', ['electron-vite', 'build']);
run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/unit.json',
]);
run('native tests under ASan+UBSan', 'bash', ['scripts/test-sanitized.sh']);
run('end-to-end tests in Chromium', 'npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts']);

const read = (file) => JSON.parse(readFileSync(path.join('test-results', file), 'utf8'));
const unit = ['unit.json', 'sanitized.json'].map(read);
const e2e = read('e2e.json').stats;
const passed = unit.reduce((s, c) => s + c.numPassedTests, 0) + e2e.expected;
const failed = unit.reduce((s, c) => s + c.numFailedTests, 0) + e2e.unexpected;
console.log(`\nAll checks passed (typecheck, lint, build, unit tests, sanitizer run, end-to-end tests).`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
