/**
 * The script of the mapping report webview (bundled for the browser into out/bundle/report-view.js):
 * draws the Vega-Lite specifications of the page's `cim-charts` JSON element with vega-embed, fits the
 * fixed-width ones (floorplan, schedule) to the view's width and draws again when the view is
 * resized, replaces the report when the extension posts an update (the file was edited), and tells the
 * extension which layer was clicked so that it can show that layer's line. Vega's expressions run in
 * vega-interpreter, so the page's content security policy needs no 'unsafe-eval'.
 */
import embed, { Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

interface VsCodeApi {
    postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Spec = Record<string, unknown>;

const vscode = acquireVsCodeApi();
let views: Result[] = [];
let drawing = 0;

function specs(): [string, Spec][] {
    const element = document.getElementById('cim-charts');
    return element?.textContent ? JSON.parse(element.textContent) as [string, Spec][] : [];
}

/** A spec as wide as its element: a fixed width above the room available is scaled down with its height. */
function fitted(spec: Spec, room: number): Spec {
    const width = spec.width;
    if (typeof width !== 'number' || room <= 0 || width <= room) {
        return spec;
    }
    const scale = room / width;
    const height = typeof spec.height === 'number' ? Math.max(40, Math.floor(spec.height * scale)) : spec.height;
    // 'fit-x' with the padding: the axes and legend count in the width, so the whole chart fits the room
    return { ...spec, width: Math.floor(room), height, autosize: { type: 'fit-x', contains: 'padding' } };
}

async function draw(): Promise<void> {
    const run = ++drawing;
    views.forEach((v) => v.finalize());
    views = [];
    const all = specs();
    document.body.dataset.charts = all.length ? 'pending' : '0';
    try {
        const drawn = await Promise.all(all.map(async ([id, spec]) => {
            const element = document.getElementById(id);
            if (!element) {
                throw new Error(`no element ${id} for its chart`);
            }
            const room = element.clientWidth - 8;
            const result = await embed(element, fitted(spec, room) as never, {
                renderer: 'svg', actions: false, ast: true, expr: expressionInterpreter,
            });
            result.view.addEventListener('click', (_event, item) => {
                const datum = (item as { datum?: { layer?: unknown } } | null | undefined)?.datum;
                if (datum && typeof datum.layer === 'string' && datum.layer !== 'idle') {
                    vscode.postMessage({ type: 'reveal', layer: datum.layer });
                }
            });
            return result;
        }));
        if (run !== drawing) {
            drawn.forEach((v) => v.finalize());
            return;
        }
        views = drawn;
        document.body.dataset.charts = String(drawn.length);
    } catch (e) {
        document.body.dataset.charts = 'error';
        console.error(e);
        vscode.postMessage({ type: 'error', message: String(e) });
    }
}

window.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as { type?: string; html?: string; specs?: unknown };
    if (message.type !== 'update' || typeof message.html !== 'string') {
        return;
    }
    const report = document.getElementById('report');
    const data = document.getElementById('cim-charts');
    if (report && data) {
        // the html is the extension's own rendering (every value escaped); the specs stay data
        report.innerHTML = message.html;
        data.textContent = JSON.stringify(message.specs ?? []);
        void draw();
    }
});

// Redraw when the view's width changes (a split editor, a resized panel) and on the first layout:
// a page loaded into a webview that is not laid out yet has no width to fit the charts to.
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
let drawnWidth = -1;
const report = document.getElementById('report');
if (report) {
    new ResizeObserver(() => {
        const width = report.clientWidth;
        if (width <= 0 || width === drawnWidth) {
            return;
        }
        const first = drawnWidth < 0;
        drawnWidth = width;
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(() => void draw(), first ? 0 : 200);
    }).observe(report);
}
