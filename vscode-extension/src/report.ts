/**
 * The HTML of the mapping report webview: compiled programs (`cimlang.program` JSON, as written by
 * `cim compile` and returned by the server) as charts (the server's Vega-Lite specifications, the same
 * as `cim compile --html`), a summary and per-layer tables, anything else as text. Every value is
 * escaped; the only script is the extension's own chart bundle (out/bundle/report-view.js, allowed by
 * a nonce), which reads the specifications from a JSON element, so a report cannot inject code into
 * the webview. Free of the `vscode` module so that the tests run in plain Node.
 */

/** What the report shows: programs, the compiler's text output, or JSON of an unknown shape. */
export type ReportContent =
    | { kind: 'programs'; programs: Program[]; text?: string; charts?: (ChartSection | undefined)[]; locations?: Record<string, LayerLocation> }
    | { kind: 'text'; text: string }
    | { kind: 'json'; value: unknown };

/** One program's charts as the server's `cim/compile` returns them (ReportSectionJson). */
export interface ChartSection {
    heading?: string;
    facts?: string[];
    charts?: { id?: string; title?: string; caption?: string; spec?: unknown }[];
}

/** Where a layer is declared (0-based, as LSP positions). */
export interface LayerLocation {
    uri: string;
    line: number;
    character: number;
}

/** What the page needs to draw charts: the chart bundle's webview URI and the nonce that allows it. */
export interface ChartScript {
    src: string;
    nonce: string;
}

/* The fields of docs/program-format.md the report reads; all optional so older or newer programs still render. */
export interface Program {
    format?: string;
    mapping?: string;
    network?: string;
    quantization?: string;
    valid?: boolean;
    chip?: { name?: string; technology?: string; tiles?: number; arraysPerTile?: number; rows?: number; cols?: number; cellBits?: number; adcBits?: number };
    totals?: { arraysNeeded?: number; arraysAllocated?: number; arraysAvailable?: number; utilisation?: number; chipUsed?: number; fits?: boolean; macs?: number; rounds?: number };
    schedule?: { kind?: string; latencyS?: number; throughputPerS?: number; bottleneck?: string };
    cost?: { energyPerInferenceJ?: number; powerW?: number; tops?: number; topsPerWatt?: number; chipAreaMm2?: { total?: number } };
    layers?: ProgramLayer[];
    diagnostics?: { severity?: string; code?: string; message?: string; location?: string }[];
}

export interface ProgramLayer {
    name?: string;
    kind?: string;
    outputShape?: number[];
    macs?: number;
    crossbar?: {
        matrix?: { k?: number; n?: number };
        partition?: { rowBlocks?: number; colBlocks?: number; columns?: number };
        replicate?: number;
        arrays?: number;
        utilisation?: number;
        adc?: { bitsNeeded?: number; bitsAvailable?: number };
    } | null;
    schedule?: { cycles?: number };
    cost?: { latencyS?: number; energyJ?: { total?: number } };
}

export function isProgram(value: unknown): value is Program {
    return typeof value === 'object' && value !== null && (value as Program).format === 'cimlang.program';
}

/**
 * Classifies what a compile returned: one program, several, the server's `cim/compile` summary
 * (`{report: text, program?: program, ...}`), an object holding programs (`{programs: [...]}`),
 * a plain text report, or other JSON.
 */
export function toReportContent(value: unknown): ReportContent {
    if (typeof value === 'string') {
        return { kind: 'text', text: value };
    }
    if (Array.isArray(value) && value.length > 0 && value.every(isProgram)) {
        return { kind: 'programs', programs: value };
    }
    if (isProgram(value)) {
        return { kind: 'programs', programs: [value] };
    }
    if (typeof value === 'object' && value !== null) {
        const o = value as Record<string, unknown>;
        const text = typeof o.report === 'string' ? o.report : typeof o.text === 'string' ? o.text : undefined;
        const programs = Array.isArray(o.programs) ? o.programs.filter(isProgram) : isProgram(o.program) ? [o.program] : [];
        if (programs.length > 0) {
            const content: ReportContent = { kind: 'programs', programs, text };
            if (isProgram(o.program) && isChartSection(o.charts)) {
                content.charts = [o.charts];
            }
            if (isLocations(o.layerLocations)) {
                content.locations = o.layerLocations;
            }
            return content;
        }
        if (text !== undefined) {
            return { kind: 'text', text };
        }
    }
    return { kind: 'json', value };
}

/** One report of several (one per mapping): programs side by side, texts one after another. */
export function mergeContents(contents: ReportContent[]): ReportContent {
    if (contents.length === 1) {
        return contents[0];
    }
    if (contents.length > 0 && contents.every((c) => c.kind === 'programs')) {
        const all = contents as Extract<ReportContent, { kind: 'programs' }>[];
        const texts = all.map((c) => c.text).filter((t): t is string => !!t);
        const merged: ReportContent = { kind: 'programs', programs: all.flatMap((c) => c.programs), text: texts.length ? texts.join('\n') : undefined };
        if (all.some((c) => c.charts)) {
            merged.charts = all.flatMap((c) => c.programs.map((_, i) => c.charts?.[i]));
        }
        if (all.some((c) => c.locations)) {
            merged.locations = Object.assign({}, ...all.map((c) => c.locations ?? {}));
        }
        return merged;
    }
    if (contents.every((c) => c.kind === 'text')) {
        return { kind: 'text', text: contents.map((c) => (c as { text: string }).text).join('\n') };
    }
    return { kind: 'json', value: contents.map((c) => (c.kind === 'json' ? c.value : c)) };
}

function isChartSection(v: unknown): v is ChartSection {
    return typeof v === 'object' && v !== null && Array.isArray((v as ChartSection).charts);
}

function isLocations(v: unknown): v is Record<string, LayerLocation> {
    return typeof v === 'object' && v !== null && !Array.isArray(v)
        && Object.values(v).every((l) => typeof l === 'object' && l !== null && typeof (l as LayerLocation).uri === 'string'
            && typeof (l as LayerLocation).line === 'number');
}

export function escapeHtml(s: string): string {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const SI: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'u'], [1e-9, 'n'], [1e-12, 'p'], [1e-15, 'f']];

/** 3 significant digits with an SI prefix: 1.6e-6 s -> "1.60 us", 4.0e-7 J -> "400 nJ". */
export function si(value: number | undefined | null, unit: string): string {
    if (value === undefined || value === null || !Number.isFinite(value)) {
        return '-';
    }
    if (value === 0) {
        return `0 ${unit}`;
    }
    const abs = Math.abs(value);
    const [factor, prefix] = SI.find(([f]) => abs >= f * 0.9995) ?? SI[SI.length - 1];
    const scaled = value / factor;
    const digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
    return `${scaled.toFixed(digits)} ${prefix}${unit}`;
}

function int(value: number | undefined | null): string {
    return value === undefined || value === null ? '-' : value.toLocaleString('en-US');
}

function pct(value: number | undefined | null): string {
    return value === undefined || value === null ? '-' : `${Math.round(value * 100)}%`;
}

function cell(s: string, numeric = false): string {
    return `<td${numeric ? ' class="num"' : ''}>${escapeHtml(s)}</td>`;
}

/** The charts of one program: a figure per chart; the specifications go to the JSON element the script reads. */
function chartsHtml(section: ChartSection | undefined, first: number, specs: [string, unknown][]): string {
    if (!section?.charts?.length) {
        return '';
    }
    const figures = section.charts.map((c, i) => {
        const id = `chart-${first + i}`;
        specs.push([id, c.spec]);
        return `<figure class="chart${c.id === 'floorplan' ? ' wide' : ''}" data-chart="${escapeHtml(c.id ?? '')}">`
            + `<figcaption><b>${escapeHtml(c.title ?? '')}</b> ${escapeHtml(c.caption ?? '')}</figcaption>`
            + `<div class="plot" id="${id}"></div></figure>`;
    }).join('\n');
    return `<div class="grid">\n${figures}\n</div>`;
}

function programHtml(p: Program, charts = ''): string {
    const t = p.totals ?? {};
    const fits = t.fits === undefined ? '' : t.fits
        ? '<span class="badge ok">fits</span>'
        : '<span class="badge bad">does not fit</span>';
    const chip = p.chip ?? {};
    const summary: [string, string][] = [
        ['chip', `${chip.name ?? '?'} (${chip.technology ?? '?'}): ${int(chip.tiles)} tiles x ${int(chip.arraysPerTile)} arrays of ${int(chip.rows)} x ${int(chip.cols)}, ${int(chip.cellBits)}-bit cells, ${int(chip.adcBits)}-bit ADC`],
        ['arrays', `${int(t.arraysNeeded)} needed, ${int(t.arraysAllocated)} allocated of ${int(t.arraysAvailable)} (${pct(t.chipUsed)} of the chip, ${pct(t.utilisation)} of their cells hold weights)`],
        ['MACs', int(t.macs)],
        ['latency', `${si(p.schedule?.latencyS, 's')}${p.schedule?.bottleneck ? `, bottleneck ${p.schedule.bottleneck}` : ''}`],
        ['throughput', `${si(p.schedule?.throughputPerS, ' inferences/s').replace('  ', ' ')}, ${si(p.cost?.tops !== undefined ? p.cost.tops * 1e12 : undefined, 'OPS')}, ${p.cost?.topsPerWatt !== undefined ? p.cost.topsPerWatt.toPrecision(3) : '-'} TOPS/W`],
        ['energy', `${si(p.cost?.energyPerInferenceJ, 'J')} per inference, ${si(p.cost?.powerW, 'W')}`],
        ['area', `${p.cost?.chipAreaMm2?.total !== undefined ? p.cost.chipAreaMm2.total.toPrecision(3) : '-'} mm2`],
    ];
    const rows = (p.layers ?? []).map((l) => {
        const x = l.crossbar ?? undefined;
        return '<tr>' + [
            cell(l.name ?? '?'),
            cell(l.kind ?? '?'),
            cell(l.outputShape ? `[${l.outputShape.join(', ')}]` : '-'),
            cell(l.macs ? int(l.macs) : '-', true),
            cell(x?.matrix ? `${int(x.matrix.k)} x ${int(x.partition?.columns ?? x.matrix.n)}` : '-', true),
            cell(x?.partition ? `${int(x.partition.rowBlocks)} x ${int(x.partition.colBlocks)}` : '-', true),
            cell(x ? `${int(x.arrays)}${x.replicate && x.replicate > 1 ? ` (x${x.replicate})` : ''}` : '-', true),
            cell(x ? pct(x.utilisation) : '-', true),
            cell(x?.adc ? `${x.adc.bitsNeeded ?? '?'}/${x.adc.bitsAvailable ?? '?'}` : '-', true),
            cell(x && l.schedule?.cycles !== undefined ? int(l.schedule.cycles) : '-', true),
            cell(si(l.cost?.latencyS, 's'), true),
            cell(si(l.cost?.energyJ?.total, 'J'), true),
        ].join('') + '</tr>';
    }).join('\n');
    const diags = (p.diagnostics ?? []).map((d) =>
        `<li class="${escapeHtml(d.severity ?? 'info')}"><b>${escapeHtml(d.severity ?? '')}</b> ${d.location ? `${escapeHtml(d.location)}: ` : ''}${escapeHtml(d.message ?? '')}${d.code ? ` <code>[${escapeHtml(d.code)}]</code>` : ''}</li>`).join('\n');
    return `<section>
<h2>mapping ${escapeHtml(p.mapping ?? '?')}: ${escapeHtml(p.network ?? '?')} on ${escapeHtml(chip.name ?? '?')} (${escapeHtml(p.schedule?.kind ?? '?')}) ${fits}</h2>
<table class="summary">${summary.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th>${cell(v)}</tr>`).join('')}</table>
${charts}
<div class="scroll"><table class="layers">
<thead><tr><th>layer</th><th>kind</th><th>output</th><th>MACs</th><th>rows x cols</th><th>blocks</th><th>arrays</th><th>util</th><th>ADC</th><th>cycles</th><th>latency</th><th>energy</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
${diags ? `<h3>diagnostics</h3><ul class="diags">${diags}</ul>` : ''}
</section>`;
}

/**
 * The report's body (what an update replaces) and the chart specifications it refers to, as the JSON
 * the chart script reads: `[[elementId, spec], ...]`.
 */
export function renderReportBody(title: string, content: ReportContent, withCharts = true): { html: string; specs: [string, unknown][] } {
    const specs: [string, unknown][] = [];
    let body: string;
    switch (content.kind) {
        case 'programs':
            body = content.programs.map((p, i) => programHtml(p, withCharts ? chartsHtml(content.charts?.[i], specs.length, specs) : '')).join('\n')
                + (content.text ? `<details><summary>compiler output</summary><pre>${escapeHtml(content.text)}</pre></details>` : '');
            break;
        case 'text':
            body = `<pre>${escapeHtml(content.text)}</pre>`;
            break;
        case 'json':
            body = `<pre>${escapeHtml(JSON.stringify(content.value, null, 2) ?? String(content.value))}</pre>`;
            break;
    }
    const hint = specs.length ? '\n<p class="hint">Click a layer in a chart to go to its line.</p>' : '';
    return { html: `<h1>${escapeHtml(title)}</h1>\n${body}${hint}`, specs };
}

/** JSON inside a script element: `<` escaped so that no `</script>` in a name can end the element. */
export function scriptJson(value: unknown): string {
    return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The whole page. `cspSource` is the webview's own origin; with `script` the chart bundle runs (its
 * nonce, no inline code, no eval: Vega's expressions go through vega-interpreter), without it the page
 * runs no script and shows the tables only.
 */
export function renderReportHtml(title: string, content: ReportContent, cspSource: string, script?: ChartScript): string {
    const { html, specs } = renderReportBody(title, content, script !== undefined);
    const csp = script
        ? `default-src 'none'; style-src ${cspSource} 'unsafe-inline'; img-src ${cspSource} data:; script-src 'nonce-${script.nonce}';`
        : `default-src 'none'; style-src ${cspSource} 'unsafe-inline';`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: .5em 0; }
th { white-space: nowrap; }
th, td { padding: 2px 8px; text-align: left; border-bottom: 1px solid var(--vscode-editorWidget-border, #8884); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary th { font-weight: normal; opacity: .8; }
.scroll { overflow-x: auto; max-width: 100%; }
pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre; overflow-x: auto; }
.badge { font-size: .8em; padding: 1px 6px; border-radius: 8px; }
.badge.ok { background: var(--vscode-testing-iconPassed, #2a7); color: #fff; }
.badge.bad { background: var(--vscode-errorForeground, #c33); color: #fff; }
ul.diags li.error b { color: var(--vscode-errorForeground, #c33); }
ul.diags li.warning b { color: var(--vscode-editorWarning-foreground, #b80); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: .8em; margin: .8em 0; }
.chart { margin: 0; padding: .4em; border: 1px solid var(--vscode-editorWidget-border, #8884); border-radius: 4px; min-width: 0; background: #fff; color: #222; }
.chart.wide { grid-column: 1 / -1; }
.plot { width: 100%; }
figcaption { font-size: .85em; margin-bottom: .3em; }
.hint { font-size: .85em; opacity: .8; }
</style>
</head>
<body data-charts="${specs.length === 0 ? '0' : 'pending'}">
<div id="report">
${html}
</div>
<script type="application/json" id="cim-charts">${scriptJson(specs)}</script>
${script ? `<script nonce="${script.nonce}" src="${escapeHtml(script.src)}"></script>` : ''}
</body>
</html>`;
}
