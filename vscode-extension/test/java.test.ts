import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findJava, javaCandidate, JavaError, parseJavaMajor } from '../src/java';

describe('Java discovery', () => {
    it('reads the major version of modern and legacy version strings', () => {
        assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')?.major, 17);
        assert.equal(parseJavaMajor('java version "1.8.0_381"\nJava(TM) SE Runtime Environment')?.major, 8);
        assert.equal(parseJavaMajor('openjdk version "21" 2023-09-19')?.major, 21);
        assert.equal(parseJavaMajor('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "11.0.2" 2019-01-15')?.major, 11);
        assert.equal(parseJavaMajor('command not found'), undefined);
    });

    it('prefers the setting, then JAVA_HOME, then PATH', () => {
        assert.deepEqual(javaCandidate('/opt/jdk21', { JAVA_HOME: '/usr/lib/jvm/x' }),
            { executable: path.join('/opt/jdk21', 'bin', 'java'), source: 'setting cim.java.home', home: '/opt/jdk21' });
        assert.equal(javaCandidate('  ', { JAVA_HOME: '/usr/lib/jvm/x' }).source, 'JAVA_HOME');
        assert.deepEqual(javaCandidate(undefined, {}), { executable: 'java', source: 'PATH' });
    });

    it('explains a cim.java.home without bin/java and names the setting', async () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cim-java-'));
        await assert.rejects(findJava(empty, {}), (e: Error) =>
            e instanceof JavaError && e.message.includes('cim.java.home') && e.message.includes(empty) && e.message.includes('17'));
    });

    it('rejects a Java older than 17 with its version in the message', async () => {
        const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cim-java-'));
        fs.mkdirSync(path.join(home, 'bin'));
        // a fake java that prints what Java 11 prints
        fs.writeFileSync(path.join(home, 'bin', 'java'), '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n', { mode: 0o755 });
        await assert.rejects(findJava(home, {}), (e: Error) => e instanceof JavaError && /is Java 11 /.test(e.message));
    });

    it('reports no java on PATH as missing Java', async () => {
        await assert.rejects(findJava(undefined, { PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'cim-nopath-')) }),
            (e: Error) => e instanceof JavaError && e.message.includes('no java was found on PATH'));
    });

    it('accepts the Java 17+ of this machine when there is one', { skip: !process.env.PATH?.split(path.delimiter).some((d) => fs.existsSync(path.join(d, 'java'))) && 'no java on PATH' }, async () => {
        const found = await findJava(undefined, { PATH: process.env.PATH });
        assert.ok(found.major >= 17, found.versionLine);
    });
});
