import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { crc32, directStart, maxHeap, readProperties } from '../src/directStart';

const BUILT = 1_700_000_000_000;
const OPTIONS = '-Dcim.lsp.child=true -Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC -XX:SharedArchiveFile=cim-lsp.jsa';

/** A JDK (bin/java, release) and a server folder with the jar, the archive and its description. */
function fixture(runtime = '17.0.15+6-Debian-1deb12u1') {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cim-direct-'));
    const home = path.join(root, 'jdk');
    fs.mkdirSync(path.join(home, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(home, 'bin', 'java'), '');
    fs.writeFileSync(path.join(home, 'release'), `IMPLEMENTOR="Debian"\nJAVA_RUNTIME_VERSION="${runtime}"\nJAVA_VERSION="17.0.15"\n`);
    const server = path.join(root, 'server');
    fs.mkdirSync(server);
    const jar = path.join(server, 'cim-lsp.jar');
    const bytes = Buffer.from('the jar bytes');
    fs.writeFileSync(jar, bytes);
    fs.utimesSync(jar, new Date(BUILT), new Date(BUILT));
    fs.writeFileSync(path.join(server, 'cim-lsp.jsa'), 'archive');
    // as java.util.Properties.store writes it: ':' and '=' escaped
    const escape = (v: string) => v.replace(/([:=])/g, '\\$1');
    fs.writeFileSync(path.join(server, 'cim-lsp.jsa.properties'), [
        '#the JVM and jar that cim-lsp.jsa was written for', '#Mon Dec 07 00:52:21 UTC 2026',
        'java.vm.version=17.0.15+6-Debian-1deb12u1', `java.home=${escape(home)}`, `jar.size=${bytes.length}`,
        `jar.lastModified=${BUILT}`, `jar.crc32=${crc32(bytes)}`, `child.options=${escape(OPTIONS)}`, ''].join('\n'));
    return { home, jar, java: path.join(home, 'bin', 'java'), server };
}

describe('starting the server JVM directly with the bundled archive', () => {
    it('computes the zip CRC-32', () => {
        assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    });

    it('reads a properties file with escaped characters', () => {
        const f = fixture();
        assert.equal(readProperties(path.join(f.server, 'cim-lsp.jsa.properties'))['child.options'], OPTIONS);
    });

    it('starts the JVM that wrote the archive itself, in the jar folder, with the user options last', () => {
        const f = fixture();
        const start = directStart(f.java, f.jar, ['-Dx=1'], {});
        assert.deepEqual(start, { command: f.java, cwd: f.server,
            args: [...OPTIONS.split(' '), '-Dx=1', '-cp', 'cim-lsp.jar', 'org.cimlang.lsp.CimLanguageServerMain'] });
    });

    it('finds java on PATH', () => {
        const f = fixture();
        assert.equal(directStart('java', f.jar, [], { PATH: path.join(f.home, 'bin') })?.command, 'java');
    });

    it('leaves another JVM build to the restart', () => {
        const f = fixture('17.0.16+8');
        assert.equal(directStart(f.java, f.jar, [], {}), undefined);
    });

    it('gives an unpacked copy of the same jar its build time stamp back', () => {
        const f = fixture();
        fs.utimesSync(f.jar, new Date(), new Date());
        assert.ok(directStart(f.java, f.jar, [], {}));
        assert.ok(Math.abs(fs.statSync(f.jar).mtimeMs - BUILT) < 1);
    });

    it('leaves a changed jar of the same size, its time stamp untouched, to the restart', () => {
        const f = fixture();
        fs.writeFileSync(f.jar, 'the JAR bytes');
        const changed = fs.statSync(f.jar).mtimeMs;
        assert.equal(directStart(f.java, f.jar, [], {}), undefined);
        assert.equal(fs.statSync(f.jar).mtimeMs, changed);
    });

    it('reads the maximum heap of the options, the last one winning', () => {
        assert.equal(maxHeap(['-Xss4m']), undefined);
        assert.equal(maxHeap(['-Xmx512m']), 512 * 2 ** 20);
        assert.equal(maxHeap(['-XX:MaxHeapSize=1g', '-Xmx64m']), 64 * 2 ** 20);
        assert.ok(Number.isNaN(maxHeap(['-Xmxlots'])));
    });

    it('starts directly with the default settings (-Xmx512m) and a large heap, not below 128 MB', () => {
        const f = fixture();
        assert.deepEqual(directStart(f.java, f.jar, ['-XX:+UseSerialGC', '-Xss4m', '-Xmx512m'], {})?.args.slice(-5),
            ['-Xss4m', '-Xmx512m', '-cp', 'cim-lsp.jar', 'org.cimlang.lsp.CimLanguageServerMain']);
        assert.ok(directStart(f.java, f.jar, [], { CIM_LSP_JVM_OPTS: '-XX:MaxHeapSize=1g' }));
        assert.equal(directStart(f.java, f.jar, ['-Xmx64m'], {}), undefined);
        assert.equal(directStart(f.java, f.jar, ['-Xmxlots'], {}), undefined);
    });

    it('leaves a switched-off restart and a missing archive to the restart', () => {
        const f = fixture();
        assert.equal(directStart(f.java, f.jar, [], { CIM_LSP_RELAUNCH: '0' }), undefined);
        fs.rmSync(path.join(f.server, 'cim-lsp.jsa'));
        assert.equal(directStart(f.java, f.jar, [], {}), undefined);
    });
});
