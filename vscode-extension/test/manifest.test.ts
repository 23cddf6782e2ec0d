/**
 * The extension manifest: the problem matcher reads `cim check` lines, every contributed command
 * is registered, and the snippets and language configuration are valid.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('extension manifest', () => {
    it('has a problem matcher that reads the lines cim check prints, with and without a code', () => {
        const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'cim');
        const re = new RegExp(matcher.pattern.regexp);
        // lines as the cim CLI prints them (DiagnosticReport.gcc)
        const overflow = "overflow.cim:23:27: error: Mlp needs 200 arrays; Tiny has 4 (196 too many): use a larger chip, fewer weight bits, or allow rewriting weights with 'reprogram allowed' [cim.capacity.overflow]";
        const m = re.exec(overflow);
        assert.ok(m);
        assert.equal(m[matcher.pattern.file], 'overflow.cim');
        assert.equal(m[matcher.pattern.line], '23');
        assert.equal(m[matcher.pattern.column], '27');
        assert.equal(m[matcher.pattern.severity], 'error');
        assert.equal(m[matcher.pattern.code], 'cim.capacity.overflow');
        assert.ok(m[matcher.pattern.message].endsWith("'reprogram allowed'"));
        const abs = re.exec('/tmp/a b/x.cim:8:5: warning: ADC 8 bits cannot hold column sums of fc1 [cim.precision.adc-clipping]');
        assert.equal(abs?.[matcher.pattern.file], '/tmp/a b/x.cim');
        const info = re.exec('x.cim:1:1: info: fits');
        assert.equal(info?.[matcher.pattern.code], undefined);
        assert.equal(info?.[matcher.pattern.message], 'fits');
        assert.equal(re.exec('2 errors, 2 warnings in 1 file'), null, 'the summary line is not a problem');
    });

    it('registers every command it contributes', () => {
        const source = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
        for (const c of manifest.contributes.commands as { command: string }[]) {
            assert.ok(source.includes(`registerCommand('${c.command}'`), `${c.command} is contributed but not registered`);
        }
    });

    it('ships snippets whose bodies are lists of lines with a prefix and a description', () => {
        const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'cim.json'), 'utf8'));
        const prefixes = Object.values(snippets).map((s) => (s as { prefix: string }).prefix);
        for (const p of ['chip', 'network', 'conv2d', 'dense', 'quantization', 'mapping', 'place', 'simulation']) {
            assert.ok(prefixes.includes(p), `no snippet for ${p}`);
        }
        for (const [name, s] of Object.entries(snippets) as [string, { body: string[]; description: string }][]) {
            assert.ok(Array.isArray(s.body) && s.body.length > 0 && s.description, name);
        }
    });

    it('has a language configuration with the language\'s comments and brackets', () => {
        const conf = JSON.parse(fs.readFileSync(path.join(root, 'language-configuration.json'), 'utf8'));
        assert.equal(conf.comments.lineComment, '//');
        assert.deepEqual(conf.comments.blockComment, ['/*', '*/']);
        assert.deepEqual(conf.brackets, [['{', '}'], ['[', ']']]);
        assert.ok(new RegExp(conf.wordPattern).test('^chip'));
    });
});
