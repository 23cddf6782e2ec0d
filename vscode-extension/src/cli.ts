/**
 * Running the `cim` command line (the fallback when the language server does not offer
 * `cim/compile` or `cim/run`). Free of the `vscode` module so that the tests run in plain Node.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface CliCommand {
    /** The executable to start. */
    command: string;
    /** Where it was found, for messages. */
    source: string;
}

/**
 * Which `cim` to run: the `cim.cli.path` setting; else a `cim` launcher at the root of a workspace
 * folder (a cimlang checkout, whose launcher builds the jars on first use); else `cim` on PATH.
 */
export function resolveCli(setting: string | undefined, workspaceFolders: readonly string[], env: NodeJS.ProcessEnv): CliCommand | undefined {
    const configured = setting?.trim();
    if (configured) {
        return { command: configured, source: 'setting cim.cli.path' };
    }
    for (const folder of workspaceFolders) {
        const launcher = path.join(folder, 'cim');
        if (isExecutableFile(launcher)) {
            return { command: launcher, source: `workspace folder ${folder}` };
        }
    }
    const onPath = findOnPath(process.platform === 'win32' ? ['cim.cmd', 'cim.bat', 'cim.exe'] : ['cim'], env.PATH ?? '');
    return onPath ? { command: onPath, source: 'PATH' } : undefined;
}

function isExecutableFile(file: string): boolean {
    try {
        const stat = fs.statSync(file);
        if (!stat.isFile()) {
            return false;
        }
        fs.accessSync(file, fs.constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

function findOnPath(names: string[], pathEnv: string): string | undefined {
    for (const dir of pathEnv.split(path.delimiter)) {
        for (const name of names) {
            const candidate = path.join(dir, name);
            if (dir && isExecutableFile(candidate)) {
                return candidate;
            }
        }
    }
    return undefined;
}

export interface ProcessResult {
    exitCode: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    cancelled: boolean;
}

export interface RunOptions {
    cwd: string;
    env: NodeJS.ProcessEnv;
    /** Each chunk of stdout and stderr as it arrives (for an output channel). */
    onOutput?: (text: string) => void;
    /** Resolves or is triggered when the user cancels; the process is then terminated. */
    onCancel?: (kill: () => void) => void;
    /** Hard bound on the run; the process is terminated after it. */
    timeoutMs?: number;
}

/** Runs a command without a shell (arguments are never re-parsed), collecting and streaming its output. */
export function runProcess(command: string, args: string[], options: RunOptions): Promise<ProcessResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: options.cwd, env: options.env, windowsHide: true,
            shell: process.platform === 'win32' && /\.(cmd|bat)$/i.test(command) });
        let stdout = '';
        let stderr = '';
        let cancelled = false;
        const kill = () => {
            cancelled = true;
            child.kill('SIGTERM');
        };
        const timer = options.timeoutMs ? setTimeout(kill, options.timeoutMs) : undefined;
        options.onCancel?.(kill);
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
            stdout += chunk;
            options.onOutput?.(chunk);
        });
        child.stderr.on('data', (chunk: string) => {
            stderr += chunk;
            options.onOutput?.(chunk);
        });
        child.on('error', (err) => {
            if (timer) {
                clearTimeout(timer);
            }
            reject(new Error(`could not start ${command}: ${err.message}`));
        });
        child.on('close', (exitCode, signal) => {
            if (timer) {
                clearTimeout(timer);
            }
            resolve({ exitCode, signal, stdout, stderr, cancelled });
        });
    });
}

/**
 * The JSON values of a text that holds several one after another (`cim compile --format json`
 * prints one program per mapping). Strings are skipped so braces inside them do not count.
 */
export function parseJsonStream(text: string): unknown[] {
    const values: unknown[] = [];
    let depth = 0;
    let start = -1;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (c === '\\') {
                i++;
            } else if (c === '"') {
                inString = false;
            }
            continue;
        }
        if (c === '"') {
            inString = true;
        } else if (c === '{' || c === '[') {
            if (depth === 0) {
                start = i;
            }
            depth++;
        } else if (c === '}' || c === ']') {
            depth--;
            if (depth === 0 && start >= 0) {
                values.push(JSON.parse(text.slice(start, i + 1)));
                start = -1;
            } else if (depth < 0) {
                throw new Error(`unbalanced '${c}' at offset ${i} of the JSON output`);
            }
        }
    }
    if (depth !== 0) {
        throw new Error('the JSON output ends inside a value (truncated?)');
    }
    return values;
}

/** The names of the `keyword NAME` declarations of a .cim text, in order, ignoring comments. */
export function declarationNames(text: string, keyword: 'mapping' | 'simulation'): string[] {
    const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '');
    const names: string[] = [];
    const re = new RegExp(`^\\s*${keyword}\\s+\\^?([A-Za-z_][A-Za-z0-9_]*)`, 'gm');
    for (let m = re.exec(withoutComments); m; m = re.exec(withoutComments)) {
        names.push(m[1]);
    }
    return names;
}
