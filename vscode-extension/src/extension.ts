/**
 * The cimlang extension: starts the bundled language server jar with the user's Java and adds the
 * commands CIM: Compile, CIM: Run simulation and CIM: Show mapping report, which use the server's
 * `cim/compile` and `cim/run` requests when it offers them and the `cim` command line otherwise.
 */
import { loadStart } from './loadStart';
import * as fs from 'fs';
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import {
    ErrorCodes,
    LanguageClient,
    LanguageClientOptions,
    ResponseError,
    ServerOptions,
    State,
    WorkDoneProgress,
} from 'vscode-languageclient/node';
import { declarationNames, parseJsonStream, resolveCli, runProcess } from './cli';
import { directStart } from './directStart';
import { envWithJava, findJava, javaCandidate, JavaError, JavaFound } from './java';
import { mergeContents, renderReportBody, renderReportHtml, ReportContent, toReportContent } from './report';

const LANGUAGE_ID = 'cim';
/** Bound on a compile or simulation run through the command line (the user can cancel earlier). */
const CLI_TIMEOUT_MS = 30 * 60 * 1000;

let client: LanguageClient | undefined;
let java: JavaFound | undefined;
let output: vscode.OutputChannel;
let serverOutput: vscode.OutputChannel;
/** Custom requests the running server answered with "method not found": not asked again until a restart. */
const missingRequests = new Set<string>();
const reportPanels = new Map<string, vscode.WebviewPanel>();
/** What each report panel shows now: a click on a layer finds the layer's line in it. */
const reportContents = new Map<string, ReportContent>();
/** Edits of a file whose report is open redraw the report once typing pauses this long. */
const LIVE_REPORT_DELAY_MS = 600;
const liveReportTimers = new Map<string, ReturnType<typeof setTimeout>>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    output = vscode.window.createOutputChannel('cimlang');
    serverOutput = vscode.window.createOutputChannel('cimlang Language Server');
    context.subscriptions.push(output, serverOutput);
    serverOutput.appendLine(`${new Date().toISOString()} Activated (the extension's modules loaded in ${Date.now() - loadStart} ms)`);
    // the server first: the first squiggle waits for it, the commands below only for the user
    const serverStarted = startServer(context);

    context.subscriptions.push(
        vscode.commands.registerCommand('cim.compile', (uri?: vscode.Uri | string, name?: string) => compileCommand(uri, name)),
        vscode.commands.registerCommand('cim.run', (uri?: vscode.Uri | string, name?: string) => runCommand(uri, name)),
        vscode.commands.registerCommand('cim.showMappingReport', (uri?: vscode.Uri) => showReportCommand(context, uri)),
        vscode.commands.registerCommand('cim.restartServer', async () => {
            await stopServer();
            await startServer(context);
        }),
        vscode.tasks.registerTaskProvider('cim', new CimTaskProvider()),
        vscode.workspace.onDidChangeTextDocument((e) => {
            const key = e.document.uri.toString();
            if (!reportPanels.has(key) || e.contentChanges.length === 0) {
                return;
            }
            clearTimeout(liveReportTimers.get(key));
            liveReportTimers.set(key, setTimeout(() => {
                liveReportTimers.delete(key);
                void refreshReport(context, e.document.uri, false, true);
            }, LIVE_REPORT_DELAY_MS));
        }),
        vscode.workspace.onDidChangeConfiguration(async (e) => {
            if (e.affectsConfiguration('cim.java.home') || e.affectsConfiguration('cim.server')) {
                const choice = await vscode.window.showInformationMessage(
                    'cimlang: the Java or server settings changed. Restart the language server?', 'Restart');
                if (choice === 'Restart') {
                    await vscode.commands.executeCommand('cim.restartServer');
                }
            }
        }),
    );
    await serverStarted;
}

export async function deactivate(): Promise<void> {
    await stopServer();
}

function config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('cim');
}

async function resolveJava(): Promise<JavaFound> {
    java = await findJava(config().get<string>('java.home'), process.env);
    return java;
}

async function startServer(context: vscode.ExtensionContext): Promise<void> {
    missingRequests.clear();
    const begun = Date.now();
    // No `java -version` check before the start: it is a JVM start of its own, 100-300 ms of the first
    // squiggle on a busy machine, and the server's entry point reports a Java that is too old itself.
    // The check runs when the server does not start, to say what to fix.
    const candidate = javaCandidate(config().get<string>('java.home'), process.env);
    const configuredJar = config().get<string>('server.jar')?.trim();
    const jar = configuredJar || context.asAbsolutePath(path.join('server', 'cim-lsp.jar'));
    if (!fs.existsSync(jar)) {
        void vscode.window.showErrorMessage(configuredJar
            ? `cimlang: the language server jar set in cim.server.jar does not exist: ${jar}`
            : `cimlang: the bundled language server is missing (${jar}); reinstall the extension or set cim.server.jar.`);
        return;
    }
    const vmargs = config().get<string[]>('server.vmargs') ?? [];
    // No `transport`: TransportKind.stdio would append --stdio to the arguments, which the server
    // does not take (stdio is its default).
    const env = envWithJava(candidate, process.env);
    const direct = directStart(candidate.executable, jar, vmargs, process.env);
    const executable = direct
        ? { command: direct.command, args: direct.args, options: { env, cwd: direct.cwd } }
        : { command: candidate.executable, args: [...vmargs, '-jar', jar], options: { env } };
    const serverOptions: ServerOptions = { run: executable, debug: executable };
    let firstDiagnosticsLogged = false;
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: LANGUAGE_ID }],
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.cim') },
        outputChannel: serverOutput,
        middleware: {
            // the arrival of the first diagnostics, to tell the server's share of a slow first squiggle from the editor's
            handleDiagnostics: (uri, diagnostics, next) => {
                if (!firstDiagnosticsLogged) {
                    firstDiagnosticsLogged = true;
                    serverOutput.appendLine(`${new Date().toISOString()} First diagnostics arrived (${diagnostics.length} for ${uri.path.split('/').pop()})`);
                }
                next(uri, diagnostics);
            },
        },
    };
    // the times line the start-up up with the server's own marks (-Dcim.lsp.timing=true) and an editor's log
    serverOutput.appendLine(`${new Date().toISOString()} Starting ${candidate.executable} (from ${candidate.source}) `
        + (direct ? `${direct.args.join(' ')} in ${direct.cwd} (with the bundled class-data archive, no restart)` : `-jar ${jar}`)
        + ` (${Date.now() - begun} ms after the start was asked for)`);
    const starting = new LanguageClient('cim', 'cimlang Language Server', serverOptions, clientOptions);
    client = starting;
    const failure: unknown = await starting.start().then(() => undefined, (e: unknown) => e ?? new Error('unknown failure'));
    if (failure === undefined) {
        serverOutput.appendLine(`${new Date().toISOString()} The language server answered initialize`);
        return;
    }
    try {
        await resolveJava();
    } catch (problem) {
        if (client === starting) {
            await stopServer();
        }
        await reportJavaProblem(problem);
        return;
    }
    serverOutput.appendLine(`The language server did not start: ${errorText(failure)}`);
    void vscode.window.showErrorMessage(`cimlang: the language server did not start: ${errorText(failure)}. See the output "cimlang Language Server".`,
        'Show Output').then((c) => c && serverOutput.show());
}

async function stopServer(): Promise<void> {
    const c = client;
    client = undefined;
    if (c && c.state !== State.Stopped) {
        await c.stop(5000).catch((e) => serverOutput.appendLine(`Stopping the language server: ${errorText(e)}`));
    }
}

async function reportJavaProblem(e: unknown): Promise<void> {
    const message = e instanceof JavaError ? e.message : `cimlang could not check Java: ${errorText(e)}`;
    serverOutput.appendLine(message);
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
    if (choice === 'Open Settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'cim.java.home');
    }
}

function errorText(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}

/** The .cim file a command acts on: the explorer's selection, else the active editor's file. */
/** The command's document: a URI (explorer menu), a URI string (the server's code lens), else the active editor. */
async function targetDocument(uri?: vscode.Uri | string): Promise<vscode.TextDocument | undefined> {
    if (typeof uri === 'string') {
        return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    }
    if (uri instanceof vscode.Uri) {
        return vscode.workspace.openTextDocument(uri);
    }
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== LANGUAGE_ID) {
        void vscode.window.showErrorMessage('cimlang: open a .cim file first (the command acts on the active editor).');
        return undefined;
    }
    return doc;
}

/**
 * Sends a custom request if the server is up and has not said it lacks it; `undefined` means
 * "use the command line instead". Progress the server reports shows in the notification.
 */
async function serverRequest(method: string, params: Record<string, unknown>, progress: vscode.Progress<{ message?: string }>,
    token: vscode.CancellationToken): Promise<{ result: unknown } | undefined> {
    const c = client;
    if (!c || c.state !== State.Running || missingRequests.has(method)) {
        return undefined;
    }
    const workDoneToken = `${method}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const listener = c.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'end' && value.message) {
            progress.report({ message: value.message });
        }
    });
    try {
        const result = await c.sendRequest(method, { ...params, workDoneToken }, token);
        return { result };
    } catch (e) {
        if (isMissingMethod(e)) {
            missingRequests.add(method);
            output.appendLine(`The language server does not offer ${method}; using the cim command line.`);
            return undefined;
        }
        throw e;
    } finally {
        listener.dispose();
    }
}

/**
 * Whether an error says the server lacks the request: LSP4J's MethodNotFound, or the internal error
 * with "The json request '...' is unknown" that Xtext's LanguageServerImpl answers instead.
 */
function isMissingMethod(e: unknown): boolean {
    return e instanceof ResponseError && (e.code === ErrorCodes.MethodNotFound
        || (e.code === ErrorCodes.InternalError && /request '[^']*' is unknown|unsupported request method/i.test(e.message)));
}

function requestParams(doc: vscode.TextDocument, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const uri = doc.uri.toString();
    // both spellings: a TextDocumentIdentifier ({uri}) and a params object with textDocument
    return { uri, textDocument: { uri }, ...extra };
}

interface CliRun {
    exitCode: number | null;
    stdout: string;
    stderr: string;
    cancelled: boolean;
}

async function runCli(doc: vscode.TextDocument, args: string[], token: vscode.CancellationToken, echo: boolean): Promise<CliRun | undefined> {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const cli = resolveCli(config().get<string>('cli.path'), folders, process.env);
    if (!cli) {
        void vscode.window.showErrorMessage('cimlang: the language server does not offer this command and no `cim` command was found: ' +
            'set cim.cli.path to the cim launcher of a cimlang checkout, or put `cim` on PATH.', 'Open Settings')
            .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', 'cim.cli.path'));
        return undefined;
    }
    let javaForCli: JavaFound;
    try {
        javaForCli = java ?? await resolveJava();
    } catch (e) {
        await reportJavaProblem(e);
        return undefined;
    }
    if (doc.isDirty) {
        await doc.save();
    }
    output.appendLine(`$ ${cli.command} ${args.join(' ')}    (cim from ${cli.source})`);
    const result = await runProcess(cli.command, args, {
        cwd: path.dirname(doc.uri.fsPath),
        env: envWithJava(javaForCli, process.env),
        onOutput: echo ? (text) => output.append(text) : undefined,
        onCancel: (kill) => token.onCancellationRequested(kill),
        timeoutMs: CLI_TIMEOUT_MS,
    });
    if (!echo) {
        output.append(result.stderr);
    }
    output.appendLine(result.cancelled ? '(cancelled)' : `(exit code ${result.exitCode})`);
    return result;
}

/** Describes a compile or run result in the output channel (text as is, other JSON pretty-printed). */
function showResult(value: unknown): void {
    const content = toReportContent(value);
    if (content.kind === 'text') {
        output.appendLine(content.text);
    } else if (content.kind === 'programs') {
        if (content.text) {
            output.appendLine(content.text);
        }
        for (const p of content.programs) {
            const t = p.totals ?? {};
            output.appendLine(`mapping ${p.mapping}: ${p.network} on ${p.chip?.name}: ${t.arraysNeeded} arrays needed of ` +
                `${t.arraysAvailable}${t.fits === false ? ' (does not fit)' : ''} (CIM: Show mapping report for the tables)`);
        }
    } else {
        const json = JSON.stringify(value, null, 2) ?? String(value);
        output.appendLine(json.length > 20000 ? `${json.slice(0, 20000)}\n... (${json.length} characters)` : json);
    }
}

/**
 * Compiles every mapping of a file through the server (one cim/compile per mapping, as `cim compile
 * FILE` does), or with the command line; each mapping's report table goes to the output channel.
 */
/** @param only the mapping a code lens names; every mapping of the file without it */
async function compileCommand(uri?: vscode.Uri | string, only?: string): Promise<void> {
    const doc = await targetDocument(uri);
    if (!doc) {
        return;
    }
    const name = path.basename(doc.uri.fsPath);
    const declared = declarationNames(doc.getText(), 'mapping');
    const mappings = typeof only === 'string' && declared.includes(only) ? [only] : declared;
    if (mappings.length === 0) {
        void vscode.window.showErrorMessage(`CIM: ${name} has no mapping to compile; add one (type "mapping" for a snippet).`);
        return;
    }
    output.show(true);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `CIM: compiling ${name}`, cancellable: true },
        async (progress, token) => {
            try {
                const fromServer = await compileOnServer(doc, mappings, false, progress, token);
                if (fromServer) {
                    const errors = fromServer.map((r) => (r as { errors?: unknown }).errors)
                        .reduce((n: number, e) => n + (typeof e === 'number' ? e : 0), 0);
                    fromServer.forEach(showResult);
                    if (errors > 0) {
                        void vscode.window.showErrorMessage(`CIM: ${name} has ${errors} error${errors === 1 ? '' : 's'} (see the Problems panel).`);
                    } else {
                        offerReport(name, doc.uri);
                    }
                    return;
                }
                const run = await runCli(doc, ['compile', doc.uri.fsPath], token, true);
                if (!run || run.cancelled) {
                    return;
                }
                if (run.exitCode === 0) {
                    offerReport(name, doc.uri);
                } else {
                    void vscode.window.showErrorMessage(run.exitCode === 1
                        ? `CIM: ${name} has errors; nothing was written (see the Problems panel and the output "cimlang").`
                        : `CIM: cim compile could not run (exit code ${run.exitCode}); see the output "cimlang".`);
                }
            } catch (e) {
                void vscode.window.showErrorMessage(`CIM: compiling ${name} failed: ${errorText(e)}`);
            }
        });
}

/** One cim/compile per mapping; `undefined` when the server does not offer it. */
async function compileOnServer(doc: vscode.TextDocument, mappings: string[], program: boolean,
    progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<unknown[] | undefined> {
    const results: unknown[] = [];
    for (const mapping of mappings) {
        if (token.isCancellationRequested) {
            break;
        }
        progress.report({ message: mapping });
        const r = await serverRequest('cim/compile', requestParams(doc, { mapping, program }), progress, token);
        if (!r) {
            return undefined;
        }
        results.push(r.result);
    }
    return results;
}

function offerReport(name: string, uri: vscode.Uri): void {
    void vscode.window.showInformationMessage(`CIM: compiled ${name}.`, 'Show mapping report').then((c) => {
        if (c) {
            void vscode.commands.executeCommand('cim.showMappingReport', uri);
        }
    });
}

/** @param only the simulation a code lens names */
async function runCommand(uri?: vscode.Uri | string, only?: string): Promise<void> {
    const doc = await targetDocument(uri);
    if (!doc) {
        return;
    }
    const declared = declarationNames(doc.getText(), 'simulation');
    const simulations = typeof only === 'string' && declared.includes(only) ? [only] : declared;
    if (simulations.length === 0) {
        void vscode.window.showErrorMessage(`CIM: ${path.basename(doc.uri.fsPath)} has no simulation block; add one ` +
            `(type "simulation" for a snippet): simulation NAME of MAPPING { dataset mnist split test limit 1000 }.`);
        return;
    }
    const simulation = simulations.length === 1 ? simulations[0]
        : await vscode.window.showQuickPick(simulations, { placeHolder: 'Which simulation?' });
    if (!simulation) {
        return;
    }
    output.show(true);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `CIM: simulating ${simulation}`, cancellable: true },
        async (progress, token) => {
            try {
                const fromServer = await serverRequest('cim/run', requestParams(doc, { simulation }), progress, token);
                if (fromServer) {
                    showResult(fromServer.result);
                    return;
                }
                const run = await runCli(doc, ['run', doc.uri.fsPath, '--simulation', simulation], token, true);
                if (run && !run.cancelled && run.exitCode !== 0) {
                    void vscode.window.showErrorMessage(`CIM: the simulation ${simulation} failed (exit code ${run.exitCode}); see the output "cimlang".`);
                }
            } catch (e) {
                void vscode.window.showErrorMessage(`CIM: simulating ${simulation} failed: ${errorText(e)}`);
            }
        });
}

async function showReportCommand(context: vscode.ExtensionContext, uri?: vscode.Uri): Promise<void> {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target) {
        void vscode.window.showErrorMessage('CIM: open a .cim file or a .program.json file first.');
        return;
    }
    await refreshReport(context, target, true);
}

/**
 * Computes (or reads) the report of a .cim or .program.json file and shows it in its panel. A live
 * refresh (the file was edited) shows its progress in the status bar instead of a notification and
 * updates the open page in place, keeping its scroll position.
 */
async function refreshReport(context: vscode.ExtensionContext, uri: vscode.Uri, reveal: boolean, live = false): Promise<void> {
    const name = path.basename(uri.fsPath);
    let content: ReportContent | undefined;
    if (/\.program\.json$/.test(uri.fsPath)) {
        const bytes = await vscode.workspace.fs.readFile(uri);
        content = toReportContent(JSON.parse(Buffer.from(bytes).toString('utf8')));
    } else {
        const doc = await vscode.workspace.openTextDocument(uri);
        if (doc.languageId !== LANGUAGE_ID) {
            void vscode.window.showErrorMessage(`CIM: ${name} is neither a .cim file nor a .program.json file.`);
            return;
        }
        content = await vscode.window.withProgress({ location: live ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title: `CIM: mapping report of ${name}`, cancellable: !live },
            async (progress, token) => {
                try {
                    const mappings = declarationNames(doc.getText(), 'mapping');
                    if (mappings.length === 0) {
                        return { kind: 'text', text: `${name} declares no mapping: a mapping report needs one (mapping NAME for NETWORK on CHIP with QUANTIZATION { ... }).` } as ReportContent;
                    }
                    const fromServer = await compileOnServer(doc, mappings, true, progress, token);
                    if (fromServer) {
                        return mergeContents(fromServer.map(toReportContent));
                    }
                    const run = await runCli(doc, ['compile', '--format', 'json', doc.uri.fsPath], token, false);
                    if (!run || run.cancelled) {
                        return undefined;
                    }
                    if (run.exitCode !== 0) {
                        return { kind: 'text', text: `cim compile exited with code ${run.exitCode}:\n\n${run.stderr}${run.stdout}` } as ReportContent;
                    }
                    const values = parseJsonStream(run.stdout);
                    const programs = toReportContent(values.length === 1 ? values[0] : values);
                    return programs.kind === 'programs' ? { ...programs, text: run.stderr.trim() || undefined } : programs;
                } catch (e) {
                    if (live) {
                        // mid-edit the file may not compile; the editor's diagnostics say why, the page keeps the last report
                        serverOutput.appendLine(`${new Date().toISOString()} report of ${name} not updated: ${errorText(e)}`);
                    } else {
                        void vscode.window.showErrorMessage(`CIM: the mapping report of ${name} failed: ${errorText(e)}`);
                    }
                    return undefined;
                }
            });
    }
    if (!content) {
        return;
    }
    const key = uri.toString();
    const title = `Mapping report: ${name}`;
    reportContents.set(key, content);
    const existing = reportPanels.get(key);
    if (existing) {
        if (reveal) {
            existing.reveal(undefined, true);
        }
        // retainContextWhenHidden keeps the page's script alive, so an update reaches it even when hidden
        void existing.webview.postMessage({ type: 'update', ...renderReportBody(title, content) });
        return;
    }
    const bundle = vscode.Uri.joinPath(context.extensionUri, 'out', 'bundle');
    const panel = vscode.window.createWebviewPanel('cimMappingReport', title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [bundle], retainContextWhenHidden: true });
    reportPanels.set(key, panel);
    panel.onDidDispose(() => {
        reportPanels.delete(key);
        reportContents.delete(key);
        clearTimeout(liveReportTimers.get(key));
        liveReportTimers.delete(key);
    }, null, context.subscriptions);
    panel.webview.onDidReceiveMessage((message: { type?: string; layer?: unknown; message?: unknown }) => {
        if (message.type === 'reveal' && typeof message.layer === 'string') {
            void revealLayer(key, message.layer);
        } else if (message.type === 'error') {
            serverOutput.appendLine(`${new Date().toISOString()} report of ${name}: a chart failed to draw: ${String(message.message)}`);
        }
    }, null, context.subscriptions);
    const script = { src: panel.webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'report-view.js')).toString(), nonce: nonce() };
    panel.webview.html = renderReportHtml(title, content, panel.webview.cspSource, script);
}

/** Shows the line declaring `layer` (of the report of `key`) in the first editor column. */
async function revealLayer(key: string, layer: string): Promise<void> {
    const content = reportContents.get(key);
    const at = content?.kind === 'programs' ? content.locations?.[layer] : undefined;
    if (!at) {
        void vscode.window.showInformationMessage(`CIM: no source line known for layer ${layer} (the server's report carries them).`);
        return;
    }
    const position = new vscode.Position(at.line, at.character);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(at.uri));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
}

/** A fresh nonce per page for its content security policy. */
function nonce(): string {
    return crypto.randomBytes(16).toString('base64');
}



/** Tasks "cim: check" and "cim: compile" with the $cim problem matcher. */
class CimTaskProvider implements vscode.TaskProvider {
    provideTasks(): vscode.Task[] {
        const tasks: vscode.Task[] = [];
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
            const task = this.resolveTask(new vscode.Task({ type: 'cim', command: 'check' }, folder, 'check', 'cim', undefined, '$cim'));
            if (task) {
                tasks.push(task);
            }
        }
        return tasks;
    }

    resolveTask(task: vscode.Task): vscode.Task | undefined {
        const definition = task.definition as { type: string; command?: string; args?: string[] };
        const folder = typeof task.scope === 'object' ? task.scope as vscode.WorkspaceFolder : vscode.workspace.workspaceFolders?.[0];
        if (!definition.command || !folder) {
            return undefined;
        }
        const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
        const cli = resolveCli(config().get<string>('cli.path'), folders, process.env);
        const args = [definition.command, ...(definition.args ?? (definition.command === 'check' ? [folder.uri.fsPath] : []))];
        const env = java ? envWithJava(java, process.env) : undefined;
        const execution = new vscode.ProcessExecution(cli?.command ?? 'cim', args,
            { cwd: folder.uri.fsPath, env: env as Record<string, string> | undefined });
        return new vscode.Task(definition, folder, task.name || definition.command, 'cim', execution, '$cim');
    }
}
