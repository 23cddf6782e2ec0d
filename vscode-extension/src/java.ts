/**
 * Finding the Java that runs the language server and the `cim` command: the `cim.java.home`
 * setting, else JAVA_HOME, else `java` on PATH, checked to be 17 or newer. Kept free of the
 * `vscode` module so that the unit tests run in plain Node.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The oldest Java the server jar runs on (its classes are Java 17 bytecode). */
export const MIN_JAVA = 17;

/** Where a Java executable came from, for messages that tell the user what to change. */
export type JavaSource = 'setting cim.java.home' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
    executable: string;
    source: JavaSource;
    /** The Java home to hand to child processes (the `cim` launcher reads JAVA_HOME), if known. */
    home?: string;
}

export interface JavaFound extends JavaCandidate {
    major: number;
    versionLine: string;
}

/** A Java problem the user has to fix, with a message that says how. */
export class JavaError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'JavaError';
    }
}

const exe = process.platform === 'win32' ? 'java.exe' : 'java';

/** Picks the Java to use; the first place that names one wins, so a wrong setting is reported, not skipped. */
export function javaCandidate(settingHome: string | undefined, env: NodeJS.ProcessEnv): JavaCandidate {
    const setting = settingHome?.trim();
    if (setting) {
        return { executable: path.join(setting, 'bin', exe), source: 'setting cim.java.home', home: setting };
    }
    const javaHome = env.JAVA_HOME?.trim();
    if (javaHome) {
        return { executable: path.join(javaHome, 'bin', exe), source: 'JAVA_HOME', home: javaHome };
    }
    return { executable: exe, source: 'PATH' };
}

/**
 * The major version in `java -version` output: `openjdk version "17.0.15"` -> 17,
 * `java version "1.8.0_381"` -> 8, `openjdk version "21" 2023-09-19` -> 21.
 */
export function parseJavaMajor(versionOutput: string): { major: number; line: string } | undefined {
    const m = /^.*\bversion "(\d+)(?:\.(\d+))?[^"]*".*$/m.exec(versionOutput);
    if (!m) {
        return undefined;
    }
    const first = Number(m[1]);
    const major = first === 1 && m[2] !== undefined ? Number(m[2]) : first;
    return { major, line: m[0].trim() };
}

const INSTALL_HINT =
    `Install a JDK ${MIN_JAVA} or newer (e.g. 'apt-get install openjdk-17-jdk', or Temurin 17+) and set ` +
    `the setting cim.java.home to its folder (the one holding bin/java), or JAVA_HOME.`;

/** Runs `java -version` (bounded) and checks the version; throws a JavaError with the fix otherwise. */
export async function findJava(settingHome: string | undefined, env: NodeJS.ProcessEnv, timeoutMs = 20000): Promise<JavaFound> {
    const candidate = javaCandidate(settingHome, env);
    if (candidate.source !== 'PATH' && !fs.existsSync(candidate.executable)) {
        throw new JavaError(
            `cimlang needs Java ${MIN_JAVA}+, but ${candidate.source} points to ${candidate.home}, ` +
            `which has no ${path.join('bin', exe)}. ${INSTALL_HINT}`);
    }
    let output: string;
    try {
        output = await runVersion(candidate.executable, env, timeoutMs);
    } catch (e) {
        const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no java was found on PATH' : String((e as Error).message);
        throw new JavaError(`cimlang needs Java ${MIN_JAVA}+ to run its language server, but ${why}. ${INSTALL_HINT}`);
    }
    const parsed = parseJavaMajor(output);
    if (!parsed) {
        throw new JavaError(
            `cimlang could not read the version of ${candidate.executable} (from ${candidate.source}); ` +
            `'java -version' printed: ${output.trim().split('\n')[0] ?? '(nothing)'}. ${INSTALL_HINT}`);
    }
    if (parsed.major < MIN_JAVA) {
        throw new JavaError(
            `cimlang needs Java ${MIN_JAVA}+, but ${candidate.executable} (from ${candidate.source}) is Java ` +
            `${parsed.major} (${parsed.line}). ${INSTALL_HINT}`);
    }
    return { ...candidate, major: parsed.major, versionLine: parsed.line };
}

function runVersion(executable: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(executable, ['-version'], { env, timeout: timeoutMs, windowsHide: true }, (error, stdout, stderr) => {
            if (error) {
                reject(error);
            } else {
                // java -version writes to stderr; some builds use stdout
                resolve(`${stderr}\n${stdout}`);
            }
        });
    });
}

/** The environment for child processes: the chosen Java's home first, so the `cim` launcher uses it too. */
export function envWithJava(java: JavaCandidate, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    if (!java.home) {
        return { ...env };
    }
    const sep = process.platform === 'win32' ? ';' : ':';
    return { ...env, JAVA_HOME: java.home, PATH: `${path.join(java.home, 'bin')}${sep}${env.PATH ?? ''}` };
}
