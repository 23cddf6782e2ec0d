/**
 * Starting the server's JVM directly, without the restart (the server's `Relauncher`: a first JVM
 * that only starts the real one with the class-data archive and the JVM options, 100-550 ms of the
 * first squiggle). Only when the archive bundled beside the jar (`cim-lsp.jsa`) was written by the
 * very JVM the extension is about to run: its description (`cim-lsp.jsa.properties`, written by the
 * lsp-server build) names that JVM and the jar and holds the options the restart would use. In every
 * other case the jar starts as always and the restart decides. Kept free of the `vscode` module so
 * that the unit tests run in plain Node.
 */
import * as fs from 'fs';
import * as path from 'path';

export const JAR_NAME = 'cim-lsp.jar';
export const ARCHIVE_NAME = 'cim-lsp.jsa';
export const DESCRIPTION_NAME = 'cim-lsp.jsa.properties';
const MAIN_CLASS = 'org.cimlang.lsp.CimLanguageServerMain';

export interface DirectStart {
    command: string;
    args: string[];
    /** The jar's folder: the archive names the jar by its relative path. */
    cwd: string;
}

/**
 * The command that starts the server's JVM itself with the bundled archive, or undefined when the
 * restart has to decide (another JVM, a changed jar, the user's own heap size or restart switch).
 *
 * @param java the Java executable the server would be started with (a path, or `java` on PATH)
 * @param userOptions the JVM options of the setting cim.server.vmargs
 */
export function directStart(java: string, jar: string, userOptions: string[], env: NodeJS.ProcessEnv): DirectStart | undefined {
    try {
        const dir = path.dirname(jar);
        const extra = (env.CIM_LSP_JVM_OPTS ?? '').trim().split(/\s+/).filter(Boolean);
        // the options hold -Xms80m: a smaller -Xmx of the user's would stop the JVM, and the restart
        // sizes the heap around it instead
        const max = maxHeap([...userOptions, ...extra]);
        if (path.basename(jar) !== JAR_NAME || env.CIM_LSP_RELAUNCH === '0'
            || (max !== undefined && !(max >= HEAP_FOR_SIZED_YOUNG))
            || !fs.existsSync(path.join(dir, ARCHIVE_NAME))) {
            return undefined;
        }
        const description = readProperties(path.join(dir, DESCRIPTION_NAME));
        const home = javaHome(java, env);
        const options = description['child.options']?.split(' ').filter(Boolean);
        if (!home || !options || options.length === 0
            || fs.realpathSync(description['java.home'] ?? '') !== home
            || runtimeVersion(home) !== description['java.vm.version']
            || !sameJar(jar, description)) {
            return undefined;
        }
        return { command: java, args: [...options, ...userOptions, ...extra, '-cp', JAR_NAME, MAIN_CLASS], cwd: dir };
    } catch {
        return undefined;
    }
}

/** The least -Xmx with which the restart keeps its young-generation sizes (Relauncher.HEAP_FOR_SIZED_YOUNG). */
const HEAP_FOR_SIZED_YOUNG = 128 * 1024 * 1024;

/**
 * The maximum heap the options set (`-Xmx512m`, `-XX:MaxHeapSize=1g`; the last one wins, as in
 * HotSpot) in bytes; undefined when none does, NaN when it cannot be read.
 */
export function maxHeap(options: string[]): number | undefined {
    let max: number | undefined;
    for (const o of options) {
        const size = o.startsWith('-Xmx') ? o.slice(4) : o.startsWith('-XX:MaxHeapSize=') ? o.slice('-XX:MaxHeapSize='.length) : undefined;
        if (size !== undefined) {
            const m = /^(\d+)([kmgt]?)$/i.exec(size);
            const shift = m ? { '': 0, k: 10, m: 20, g: 30, t: 40 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'] : 0;
            max = m ? Number(m[1]) * 2 ** shift : NaN;
        }
    }
    return max;
}

/** The real Java home of an executable (`<home>/bin/java`), looked up on PATH when it has no folder. */
export function javaHome(java: string, env: NodeJS.ProcessEnv): string | undefined {
    let exe = java;
    if (!java.includes(path.sep)) {
        exe = (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, java))
            .find((f) => fs.existsSync(f)) ?? '';
    }
    if (!exe || !fs.existsSync(exe)) {
        return undefined;
    }
    return path.dirname(path.dirname(fs.realpathSync(exe)));
}

/** `JAVA_RUNTIME_VERSION` of a JDK's `release` file: the JVM's `java.vm.version` for OpenJDK builds. */
export function runtimeVersion(home: string): string | undefined {
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    return /^JAVA_RUNTIME_VERSION="([^"]*)"/m.exec(release)?.[1];
}

/**
 * Whether the jar is the one the archive was written with. The JVM checks its size and time stamp;
 * a jar unpacked from the .vsix has the time of the install, so the same bytes (CRC-32) get the
 * build's time stamp back, as the server's restart does.
 */
function sameJar(jar: string, description: Record<string, string>): boolean {
    const stat = fs.statSync(jar);
    const time = Number(description['jar.lastModified']);
    if (stat.size !== Number(description['jar.size']) || !Number.isFinite(time)) {
        return false;
    }
    // within a millisecond: Node sets times as fractional seconds, which may land a nanosecond early
    const matches = (mtimeMs: number) => Math.abs(mtimeMs - time) < 1;
    if (matches(stat.mtimeMs)) {
        return true;
    }
    if (crc32(fs.readFileSync(jar)) !== Number(description['jar.crc32'])) {
        return false;
    }
    fs.utimesSync(jar, stat.atime, new Date(time));
    return matches(fs.statSync(jar).mtimeMs);
}

/** A Java properties file as java.util.Properties.store writes it (no line continuations). */
export function readProperties(file: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of fs.readFileSync(file, 'latin1').split(/\r?\n/)) {
        const m = /^\s*([^#!\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
        if (m) {
            out[m[1]] = m[2].replace(/\\(.)/g, '$1');
        }
    }
    return out;
}

const CRC_TABLE: Uint32Array = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) {
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        }
        table[n] = c >>> 0;
    }
    return table;
})();

/** CRC-32 (the zip/java.util.zip.CRC32 one). */
export function crc32(data: Uint8Array): number {
    let crc = 0xffffffff;
    for (let i = 0; i < data.length; i++) {
        crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) >>> 0;
}
