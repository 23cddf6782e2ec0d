import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { declarationNames, parseJsonStream, resolveCli, runProcess } from '../src/cli';

describe('cim command line', () => {
    it('finds the cim launcher of a workspace folder before the PATH one, and the setting before both', () => {
        const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'cim-checkout-'));
        const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'cim-bin-'));
        fs.writeFileSync(path.join(checkout, 'cim'), '#!/bin/sh\n', { mode: 0o755 });
        fs.writeFileSync(path.join(bin, 'cim'), '#!/bin/sh\n', { mode: 0o755 });
        assert.equal(resolveCli('/x/cim', [checkout], { PATH: bin })?.command, '/x/cim');
        assert.equal(resolveCli('', [checkout], { PATH: bin })?.command, path.join(checkout, 'cim'));
        assert.equal(resolveCli('', ['/nonexistent'], { PATH: bin })?.command, path.join(bin, 'cim'));
        assert.equal(resolveCli('', [], { PATH: '/nonexistent' }), undefined);
    });

    it('splits the concatenated programs of cim compile --format json, braces in strings included', () => {
        const text = '{\n "a" : "x}{\\"y",\n "b" : [1, {"c": 2}]\n}\n{ "d" : [] }\n';
        assert.deepEqual(parseJsonStream(text), [{ a: 'x}{"y', b: [1, { c: 2 }] }, { d: [] }]);
        assert.throws(() => parseJsonStream('{"a": 1'), /ends inside a value/);
    });

    it('lists the simulation and mapping blocks, ignoring commented-out ones', () => {
        const text = 'simulation A of M {\n}\n// simulation B of M {}\n/* simulation C of M {} */\n  simulation ^D of M { }\n'
            + 'mapping M for N on C {\n}\n/** mapping X */\nmapping ^Y {}\n';
        assert.deepEqual(declarationNames(text, 'simulation'), ['A', 'D']);
        assert.deepEqual(declarationNames(text, 'mapping'), ['M', 'Y']);
    });

    it('runs a process without a shell, streams its output and can cancel it', async () => {
        const chunks: string[] = [];
        const ok = await runProcess(process.execPath, ['-e', 'console.log("out $HOME"); console.error("err")'],
            { cwd: os.tmpdir(), env: process.env, onOutput: (t) => chunks.push(t) });
        assert.equal(ok.exitCode, 0);
        assert.equal(ok.stdout, 'out $HOME\n');
        assert.equal(ok.stderr, 'err\n');
        assert.equal(chunks.join('').length, 'out $HOME\nerr\n'.length);
        const slow = await runProcess(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'],
            { cwd: os.tmpdir(), env: process.env, onCancel: (kill) => setTimeout(kill, 100) });
        assert.equal(slow.cancelled, true);
        assert.equal(slow.signal, 'SIGTERM');
    });
});
