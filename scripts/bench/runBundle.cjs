// The bench's bare-Ink floor loaded as bin/codex loads dist/ui.cjs: a CommonJS bundle compiled
// through vm with its V8 code cache (<bundle>.cache). With CODEX_BENCH_WRITE_CACHE=1 it writes that
// cache half a second after start (the app never exits by itself), holding what the first frame compiled.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname, resolve } = require('node:path');
const { createRequire } = require('node:module');
const vm = require('node:vm');

const file = resolve(process.argv[2]);
let cachedData;
try {
  cachedData = readFileSync(`${file}.cache`);
} catch {
  // first run: no cache yet
}
const script = new vm.Script(readFileSync(file, 'utf8'), { filename: file, cachedData }); // written wrapped, as bin/codex expects
if (process.env.CODEX_BENCH_WRITE_CACHE === '1') setTimeout(() => writeFileSync(`${file}.cache`, script.createCachedData()), 500).unref();
const mod = { exports: {}, filename: file, id: file };
script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
