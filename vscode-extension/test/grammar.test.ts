/**
 * The TextMate grammar, tokenized with the engine VS Code uses (vscode-textmate + oniguruma):
 * every keyword of the Xtext grammar is coloured, and the constructs users write get the scopes
 * themes colour (comments, strings, numbers with units, declarations, layer names, globs).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '..', '..');
const xtextFile = path.resolve(root, '..', 'dsl', 'src', 'main', 'java', 'org', 'cimlang', 'Cim.xtext');

let grammar: textmate.IGrammar;

interface Token { text: string; scopes: string[] }

function tokenize(text: string): Token[][] {
    let state = textmate.INITIAL;
    return text.split('\n').map((line) => {
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
}

/** The innermost scope of the first token whose text is `word` (after trimming). */
function scopeOf(line: string, word: string): string {
    const tokens = tokenize(line).flat();
    const t = tokens.find((x) => x.text.trim() === word);
    assert.ok(t, `no token '${word}' in '${line}': ${JSON.stringify(tokens.map((x) => x.text))}`);
    return t.scopes[t.scopes.length - 1];
}

before(async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
            createOnigString: (s: string) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async (scopeName: string) => scopeName !== 'source.cim' ? null : textmate.parseRawGrammar(
            fs.readFileSync(path.join(root, 'syntaxes', 'cim.tmLanguage.json'), 'utf8'), 'cim.tmLanguage.json'),
    });
    const g = await registry.loadGrammar('source.cim');
    assert.ok(g);
    grammar = g;
});

describe('TextMate grammar', () => {
    it('colours every keyword and enum literal of Cim.xtext', { skip: !fs.existsSync(xtextFile) && 'Cim.xtext not found beside the extension' }, () => {
        const xtext = fs.readFileSync(xtextFile, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        const words = new Set<string>();
        for (const m of xtext.matchAll(/'([A-Za-z][A-Za-z0-9_-]*)'/g)) {
            words.add(m[1]);
        }
        // enum literals: `enum X: a | b='b-c' | ...;`
        for (const m of xtext.matchAll(/enum\s+\w+\s*:([^;]*);/g)) {
            for (const lit of m[1].split('|')) {
                // '^current' escapes a word Xtext's own grammar language reserves; the keyword is 'current'
                const name = /=\s*'([^']+)'/.exec(lit)?.[1] ?? lit.trim().replace(/^\^/, '');
                words.add(name);
            }
        }
        // single letters belong to the NUMBER terminal (1e8), not to the keywords
        for (const w of ['e', 'E']) {
            words.delete(w);
        }
        assert.ok(words.size > 100, `found only ${words.size} keywords in ${xtextFile}`);
        const uncoloured: string[] = [];
        for (const w of words) {
            // 'x' is an operator between numbers: test it there
            const line = w === 'x' ? 'array 128 x 128' : w;
            const scope = scopeOf(line, w);
            if (scope.startsWith('variable.other') || scope === 'source.cim') {
                uncoloured.push(`${w} (${scope})`);
            }
        }
        assert.deepEqual(uncoloured, [], 'keywords of Cim.xtext that the TextMate grammar leaves uncoloured');
    });

    it('scopes comments, doc comments and strings', () => {
        assert.equal(scopeOf('tiles 4 // four tiles', 'four tiles'), 'comment.line.double-slash.cim');
        const lines = tokenize('/** doc\n * more */\n/* block */\nweights "mlp.npz"');
        assert.ok(lines[0][0].scopes.includes('comment.block.documentation.cim'));
        assert.ok(lines[1][0].scopes.includes('comment.block.documentation.cim'), 'a doc comment spans lines');
        assert.ok(lines[2][0].scopes.includes('comment.block.cim'));
        assert.ok(lines[3].some((t) => t.text === 'mlp.npz' && t.scopes.includes('string.quoted.double.cim')));
    });

    it('scopes numbers and their units, including exponents, percentages and ranges', () => {
        assert.equal(scopeOf('clock 1.2 GHz', '1.2'), 'constant.numeric.cim');
        assert.equal(scopeOf('clock 1.2 GHz', 'GHz'), 'keyword.other.unit.cim');
        assert.equal(scopeOf('endurance 1e8 writes', '1e8'), 'constant.numeric.cim');
        assert.equal(scopeOf('variation 5 % lognormal', '%'), 'keyword.other.unit.cim');
        assert.equal(scopeOf('read energy 0.5e-3 pJ', '0.5e-3'), 'constant.numeric.cim');
        assert.equal(scopeOf('place fc on tiles 160..167', '160'), 'constant.numeric.cim');
        assert.equal(scopeOf('place fc on tiles 160..167', '..'), 'keyword.operator.range.cim');
        assert.equal(scopeOf('place fc on tiles 160..167', '167'), 'constant.numeric.cim');
        assert.equal(scopeOf('array 128 x 128 {', 'x'), 'keyword.operator.times.cim');
    });

    it('names declarations, layers and the layer patterns of place and quantisation overrides', () => {
        assert.equal(scopeOf('chip NeuroSimSram {', 'chip'), 'storage.type.chip.cim');
        assert.equal(scopeOf('chip NeuroSimSram {', 'NeuroSimSram'), 'entity.name.type.chip.cim');
        assert.equal(scopeOf('mapping M for Net on Chip with Q {', 'M'), 'entity.name.type.mapping.cim');
        assert.equal(scopeOf('mapping M for Net on Chip with Q {', 'on'), 'keyword.control.cim');
        assert.equal(scopeOf('    conv2d  c1 from image filters 6 kernel 5', 'conv2d'), 'support.type.layer.cim');
        assert.equal(scopeOf('    conv2d  c1 from image filters 6 kernel 5', 'c1'), 'entity.name.function.layer.cim');
        assert.equal(scopeOf('    input bits 8', 'bits'), 'keyword.other.cim');
        assert.equal(scopeOf('    place c* replicate auto', 'c'), 'variable.other.layer.cim');
        assert.equal(scopeOf('    place c* replicate auto', '*'), 'keyword.operator.wildcard.cim');
        assert.equal(scopeOf('    layers conv?_1 weights int4', '?'), 'keyword.operator.wildcard.cim');
        assert.equal(scopeOf('    weights int4 symmetric per-channel', 'int4'), 'storage.type.numeric.cim');
        assert.equal(scopeOf('    weights int4 symmetric per-channel', 'per-channel'), 'constant.language.cim');
        assert.equal(scopeOf('    nonideal on', 'on'), 'constant.language.cim');
        assert.equal(scopeOf('    signed weights offset', 'offset'), 'constant.language.cim');
        assert.equal(scopeOf('import chips.*', 'chips.*'), 'entity.name.namespace.cim');
        assert.equal(scopeOf('package lenet5', 'lenet5'), 'entity.name.namespace.cim');
    });

    it('tokenizes the all-syntax fixture with every line back in the block it started in', () => {
        const text = fs.readFileSync(path.join(root, 'test', 'fixtures', 'all-syntax.cim'), 'utf8');
        const lines = tokenize(text);
        const last = lines[lines.length - 2];
        assert.deepEqual(last.map((t) => t.scopes.length), [2], 'the closing brace of the last block is at top level');
        const strayWords = lines.flat().filter((t) => t.scopes.some((s) => s.startsWith('comment')) === false
            && /^(chip|network|mapping|simulation|quantization)$/.test(t.text) && !t.scopes.some((s) => s.startsWith('storage.type')));
        assert.deepEqual(strayWords, []);
    });
});
