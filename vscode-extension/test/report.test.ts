import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeContents, renderReportBody, renderReportHtml, scriptJson, si, toReportContent } from '../src/report';

const program = {
    format: 'cimlang.program', version: 1, mapping: 'OnTiny', network: 'Mlp', quantization: 'Q8', valid: true,
    chip: { name: 'Tiny', technology: 'rram', tiles: 64, arraysPerTile: 4, rows: 128, cols: 128, cellBits: 1, adcBits: 8 },
    totals: { arraysNeeded: 200, arraysAllocated: 200, arraysAvailable: 256, utilisation: 0.8684375, chipUsed: 0.78125, fits: true, macs: 203264 },
    schedule: { kind: 'pipeline', latencyS: 1.6e-6, throughputPerS: 1250000, bottleneck: 'fc1' },
    cost: { energyPerInferenceJ: 4.0001e-7, powerW: 0.5, tops: 0.50816, topsPerWatt: 1.0163, chipAreaMm2: { total: 45.346 } },
    layers: [
        { name: 'pixels', kind: 'input', outputShape: [784], macs: 0, crossbar: null, cost: { latencyS: 0, energyJ: { total: 4.2336e-10 } } },
        { name: 'fc1', kind: 'dense', outputShape: [256], macs: 200704,
            crossbar: { matrix: { k: 784, n: 256 }, partition: { rowBlocks: 7, colBlocks: 28, columns: 3584 }, replicate: 1, arrays: 196, utilisation: 0.875, adc: { bitsNeeded: 8, bitsAvailable: 8 } },
            schedule: { cycles: 8 }, cost: { latencyS: 8e-7, energyJ: { total: 3.95e-7 } } },
    ],
    diagnostics: [{ severity: 'info', code: 'cim.capacity.fits', message: 'Mlp needs 200 arrays; Tiny has 256 (78% used)', location: 'fits.cim:23:1' }],
};

describe('mapping report', () => {
    it('formats with SI prefixes to three digits', () => {
        // 1.6e-6 s = 1.60 us; 4.0001e-7 J = 400 nJ; 1.25e6 /s = 1.25 M/s
        assert.equal(si(1.6e-6, 's'), '1.60 us');
        assert.equal(si(4.0001e-7, 'J'), '400 nJ');
        assert.equal(si(1250000, '/s'), '1.25 M/s');
        assert.equal(si(0, 's'), '0 s');
        assert.equal(si(undefined, 's'), '-');
    });

    it('classifies programs, lists of programs, text and other JSON', () => {
        assert.equal(toReportContent(program).kind, 'programs');
        assert.equal(toReportContent([program, program]).kind, 'programs');
        assert.deepEqual(toReportContent({ programs: [program], text: 'table' }), { kind: 'programs', programs: [program], text: 'table' });
        assert.deepEqual(toReportContent('mapping OnTiny'), { kind: 'text', text: 'mapping OnTiny' });
        assert.deepEqual(toReportContent({ text: 'only text' }), { kind: 'text', text: 'only text' });
        assert.equal(toReportContent({ summary: 1 }).kind, 'json');
        // the server's cim/compile summary, with and without the program
        assert.deepEqual(toReportContent({ mapping: 'OnTiny', totals: {}, report: 'table', program }), { kind: 'programs', programs: [program], text: 'table' });
        assert.deepEqual(toReportContent({ mapping: 'OnTiny', totals: {}, layers: [], report: 'table' }), { kind: 'text', text: 'table' });
    });

    it('merges the reports of several mappings', () => {
        const one = toReportContent({ report: 'A', program });
        const merged = mergeContents([one, one]);
        assert.equal(merged.kind, 'programs');
        assert.equal(merged.kind === 'programs' && merged.programs.length, 2);
        assert.equal(merged.kind === 'programs' && merged.text, 'A\nA');
        assert.deepEqual(mergeContents([{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }]), { kind: 'text', text: 'a\nb' });
    });

    it('renders the summary, a row per layer and the diagnostics of a program', () => {
        const html = renderReportHtml('Mapping report: fits.cim', toReportContent(program), 'vscode-webview://x');
        assert.match(html, /mapping OnTiny: Mlp on Tiny \(pipeline\) <span class="badge ok">fits<\/span>/);
        assert.match(html, /200 needed, 200 allocated of 256 \(78% of the chip, 87% of their cells hold weights\)/);
        // fc1: 784 rows x 3584 columns in 7 x 28 blocks, 196 arrays, 88% (0.875 rounds up), ADC 8/8, 8 cycles
        assert.match(html, /<td>fc1<\/td><td>dense<\/td><td>\[256\]<\/td><td class="num">200,704<\/td><td class="num">784 x 3,584<\/td><td class="num">7 x 28<\/td><td class="num">196<\/td><td class="num">88%<\/td><td class="num">8\/8<\/td><td class="num">8<\/td><td class="num">800 ns<\/td><td class="num">395 nJ<\/td>/);
        assert.match(html, /<td>pixels<\/td><td>input<\/td><td>\[784\]<\/td><td class="num">-<\/td>/);
        assert.match(html, /fits\.cim:23:1: Mlp needs 200 arrays/);
    });

    it('escapes everything it shows and allows no script', () => {
        const html = renderReportHtml('<t>', { kind: 'text', text: '<script>alert(1)</script> & "q"' }, 'vscode-webview://x');
        assert.ok(!html.includes('<script>'));
        assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;'));
        assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src vscode-webview:\/\/x 'unsafe-inline';"/);
        const evil = renderReportHtml('r', toReportContent({ ...program, mapping: '<img src=x onerror=alert(1)>' }), 'c');
        assert.ok(!evil.includes('<img'));
    });

    const charts = {
        heading: 'mapping OnTiny: Mlp on Tiny', facts: ['200 of 256 arrays (78% used)'],
        charts: [
            { id: 'floorplan', title: 'Floorplan', caption: 'tiles x arrays', spec: { width: 1100, height: 300, data: { values: [{ layer: 'fc1</script><b>' }] } } },
            { id: 'latency-per-layer', title: 'Latency per layer', caption: 'the schedule', spec: { width: 'container' } },
        ],
    };
    const summary = { mapping: 'OnTiny', report: 'table', program, charts, layerLocations: { fc1: { uri: 'file:///w/mlp.cim', line: 8, character: 4 } } };

    it('keeps the server\'s charts and layer locations with the program', () => {
        const content = toReportContent(summary);
        assert.equal(content.kind, 'programs');
        assert.deepEqual(content.kind === 'programs' && content.charts, [charts]);
        assert.deepEqual(content.kind === 'programs' && content.locations, { fc1: { uri: 'file:///w/mlp.cim', line: 8, character: 4 } });
        // two mappings: each program keeps its own charts, a program without charts keeps a hole
        const merged = mergeContents([content, toReportContent({ report: 'B', program })]);
        assert.deepEqual(merged.kind === 'programs' && merged.charts, [charts, undefined]);
    });

    it('draws each chart in a figure with the chart script allowed by its nonce and no eval', () => {
        const html = renderReportHtml('Mapping report: mlp.cim', toReportContent(summary), 'vscode-webview://x', { src: 'vscode-resource://ext/out/bundle/report-view.js', nonce: 'N0nce' });
        assert.match(html, /script-src 'nonce-N0nce';/);
        assert.ok(!html.includes('unsafe-eval'));
        assert.match(html, /<script nonce="N0nce" src="vscode-resource:\/\/ext\/out\/bundle\/report-view.js"><\/script>/);
        assert.match(html, /<figure class="chart wide" data-chart="floorplan"><figcaption><b>Floorplan<\/b> tiles x arrays<\/figcaption><div class="plot" id="chart-0"><\/div><\/figure>/);
        assert.match(html, /data-chart="latency-per-layer".*id="chart-1"/);
        assert.match(html, /<body data-charts="pending">/);
        // the specifications are data in a JSON element; a layer name cannot close it
        const json = /<script type="application\/json" id="cim-charts">(.*)<\/script>/.exec(html);
        assert.ok(json, 'the chart data element');
        assert.ok(!json[1].includes('</'));
        assert.deepEqual(JSON.parse(json[1]), [['chart-0', charts.charts[0].spec], ['chart-1', charts.charts[1].spec]]);
        // the charts sit between the summary and the layer table, which scrolls sideways in a narrow view
        assert.ok(html.indexOf('class="summary"') < html.indexOf('chart-0') && html.indexOf('chart-0') < html.indexOf('class="layers"'));
        assert.match(html, /<div class="scroll"><table class="layers">/);
        assert.match(html, /<details><summary>compiler output<\/summary><pre>table<\/pre><\/details>/);
    });

    it('renders the update of an edited file as the same body and specifications', () => {
        const { html, specs } = renderReportBody('Mapping report: mlp.cim', toReportContent(summary));
        assert.equal(specs.length, 2);
        assert.match(html, /^<h1>Mapping report: mlp.cim<\/h1>/);
        assert.match(html, /Click a layer in a chart to go to its line/);
        assert.equal(scriptJson('</script>'), '"\\u003c/script>"');
    });

    it('without the chart script shows no figures and runs nothing', () => {
        const html = renderReportHtml('r', toReportContent(summary), 'c');
        assert.ok(!html.includes('<figure'));
        assert.ok(!html.includes('<script nonce'));
        assert.match(html, /<body data-charts="0">/);
    });
});
