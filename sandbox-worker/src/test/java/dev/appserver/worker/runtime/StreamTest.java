package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * require('stream').PassThrough (60-stream.js). Events are asynchronous, as in Node; each
 * {@code js.eval} returns after the promise jobs it queued have run, so results are read in a
 * second evaluation. The order of a stream's readable-side events (data, end, close) follows
 * Node 20; how 'finish' interleaves with them, and the order across streams, may not.
 */
final class StreamTest {
    private final LibraryContext js = new LibraryContext();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void passesWrittenChunksToDataListenersThenEnds() {
        js.eval("""
                const { PassThrough } = require('stream');
                globalThis.readable = [];
                globalThis.writable = [];
                const stream = new PassThrough();
                stream.write('x');
                stream.end('y');
                stream.on('data', (chunk) => readable.push('data:' + chunk + ':' + Buffer.isBuffer(chunk)));
                stream.on('end', () => readable.push('end'));
                stream.on('finish', () => writable.push('finish'));
                stream.on('close', () => readable.push('close'));
                readable.push('sync');
                """);

        assertThat(js.json("readable")).isEqualTo("[\"sync\",\"data:x:true\",\"data:y:true\",\"end\",\"close\"]");
        assertThat(js.json("writable")).isEqualTo("[\"finish\"]");
    }

    @Test
    void pipesIntoAnotherStreamWithAnEncoding() {
        js.eval("""
                const { PassThrough } = require('stream');
                globalThis.log = [];
                const source = new PassThrough();
                const target = new PassThrough();
                const returned = source.pipe(target);
                target.setEncoding('utf8');
                target.on('data', (chunk) => log.push(typeof chunk + ':' + chunk));
                target.on('end', () => log.push('end', returned === target));
                source.write(Buffer.from('h\\u00e9'));
                source.end(new Uint8Array([33]));
                """);

        assertThat(js.json("log")).isEqualTo("[\"string:h\u00e9\",\"string:!\",\"end\",true]");
    }

    @Test
    void readReturnsBufferedDataAndEndFollowsOnlyConsumption() {
        js.eval("""
                const { PassThrough } = require('stream');
                globalThis.pulled = new PassThrough();
                globalThis.unread = new PassThrough();
                globalThis.log = [];
                pulled.on('end', () => log.push('pulled-end'));
                unread.on('end', () => log.push('unread-end'));
                pulled.write('1');
                pulled.write('2');
                pulled.end();
                unread.end();
                """);
        assertThat(js.json("log")).isEqualTo("[]");

        js.eval("log.push(pulled.read().toString(), pulled.read())");

        assertThat(js.json("log")).isEqualTo("[\"12\",null,\"pulled-end\"]");
    }

    @Test
    void objectModePassesValuesUnchanged() {
        js.eval("""
                const { PassThrough } = require('stream');
                globalThis.log = [];
                const stream = new PassThrough({ objectMode: true });
                stream.on('data', (value) => log.push(value));
                stream.write({ k: 1 });
                stream.end(7);
                """);

        assertThat(js.json("log")).isEqualTo("[{\"k\":1},7]");
    }

    @Test
    void reportsWriteAfterEndAndSupportsOnceAndOff() {
        js.eval("""
                const { PassThrough } = require('stream');
                globalThis.log = [];
                const stream = new PassThrough();
                const counted = () => log.push('counted');
                stream.once('ping', () => log.push('once'));
                stream.on('ping', counted);
                stream.emit('ping');
                stream.off('ping', counted);
                stream.emit('ping');
                stream.on('error', (e) => log.push(e.code, e.message));
                stream.end();
                log.push(stream.write('late'));
                """);

        assertThat(js.json("log")).isEqualTo(
                "[\"once\",\"counted\",false,\"ERR_STREAM_WRITE_AFTER_END\",\"write after end\"]");
    }

    @Test
    void rejectsChunksThatAreNotBytes() {
        assertThat(js.error("new (require('stream').PassThrough)().write(5)")).isEqualTo(
                "TypeError ERR_INVALID_ARG_TYPE: The \"chunk\" argument must be of type string or an "
                        + "instance of Buffer or Uint8Array.");
    }
}
