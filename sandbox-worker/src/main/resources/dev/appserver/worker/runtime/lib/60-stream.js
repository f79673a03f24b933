/*
 * require('stream'): a minimal PassThrough, enough for apps that write chunks in and read them
 * out through 'data'/'end' events, read() or pipe(). Like Node, data flows once a 'data'
 * listener is added (or resume()/pipe() is called) and events are emitted asynchronously (on
 * resolved promises: there are no timers). Deliberately small: no backpressure (write() always
 * returns true), no highWaterMark, no async iteration, no Readable/Writable/Transform classes.
 */
(library, natives) => {
  'use strict';
  const bufferFrom = library.Buffer.from;
  const bufferConcat = library.Buffer.concat;
  const { toString: bufferToString } = library.Buffer.prototype;

  function stream() {
    function nodeError(Type, code, message) {
      const error = new Type(message);
      error.code = code;
      return error;
    }

    class EventEmitter {
      #listeners = new Map(); // event name -> array of {listener, once}

      on(event, listener) {
        if (!this.#listeners.has(event)) this.#listeners.set(event, []);
        this.#listeners.get(event).push({ listener, once: false });
        return this;
      }

      once(event, listener) {
        this.on(event, listener);
        const entries = this.#listeners.get(event);
        entries[entries.length - 1].once = true;
        return this;
      }

      off(event, listener) {
        const entries = this.#listeners.get(event) || [];
        const index = entries.findIndex((entry) => entry.listener === listener);
        if (index >= 0) entries.splice(index, 1);
        return this;
      }

      removeAllListeners(event) {
        if (event === undefined) this.#listeners.clear(); else this.#listeners.delete(event);
        return this;
      }

      listenerCount(event) { return (this.#listeners.get(event) || []).length; }

      emit(event, ...args) {
        const entries = (this.#listeners.get(event) || []).slice();
        if (event === 'error' && entries.length === 0) throw args[0]; // as Node: unhandled 'error' throws
        for (const entry of entries) {
          if (entry.once) this.off(event, entry.listener);
          entry.listener.apply(this, args);
        }
        return entries.length > 0;
      }
    }
    EventEmitter.prototype.addListener = EventEmitter.prototype.on;
    EventEmitter.prototype.removeListener = EventEmitter.prototype.off;

    class PassThrough extends EventEmitter {
      #objectMode;
      #chunks = [];
      #flowing = null; // null: nobody asked yet; true: flowing; false: paused explicitly
      #encoding = null;
      #ending = false;
      #endEmitted = false;
      #finishEmitted = false;
      #destroyed = false;
      #scheduled = false;
      #pulled = false; // read() was called: consumed without flowing, so 'end' may follow

      constructor(options = {}) {
        super();
        this.#objectMode = Boolean(options && (options.objectMode || options.readableObjectMode));
      }

      get readable() { return !this.#endEmitted && !this.#destroyed; }
      get writable() { return !this.#ending && !this.#destroyed; }
      get readableEnded() { return this.#endEmitted; }
      get writableEnded() { return this.#ending; }
      get writableFinished() { return this.#finishEmitted; }
      get destroyed() { return this.#destroyed; }

      on(event, listener) {
        super.on(event, listener);
        if (event === 'data' && this.#flowing !== false) this.resume();
        return this;
      }

      write(chunk, encoding, callback) {
        if (typeof encoding === 'function') { callback = encoding; encoding = undefined; }
        if (this.#ending || this.#destroyed) {
          const error = nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
          this.#later(() => { if (callback) callback(error); this.emit('error', error); });
          return false;
        }
        this.#chunks.push(this.#normalize(chunk, encoding));
        if (callback) this.#later(() => callback(null));
        this.#schedule();
        return true;
      }

      end(chunk, encoding, callback) {
        if (typeof chunk === 'function') { callback = chunk; chunk = null; }
        else if (typeof encoding === 'function') { callback = encoding; encoding = undefined; }
        if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
        if (!this.#ending) {
          this.#ending = true;
          this.#later(() => {
            this.#finishEmitted = true;
            this.emit('finish');
            if (callback) callback();
            this.#maybeClose();
          });
        }
        this.#schedule();
        return this;
      }

      read() {
        this.#pulled = true;
        if (this.#chunks.length === 0) { this.#schedule(); return null; }
        let result;
        if (this.#objectMode) result = this.#chunks.shift();
        else { result = this.#decorate(bufferConcat(this.#chunks)); this.#chunks = []; }
        this.#schedule();
        return result;
      }

      pipe(destination, options = {}) {
        this.on('data', (chunk) => destination.write(chunk));
        if (!options || options.end !== false) this.on('end', () => destination.end());
        if (typeof destination.emit === 'function') destination.emit('pipe', this);
        return destination;
      }

      pause() { this.#flowing = false; return this; }
      resume() { this.#flowing = true; this.#schedule(); return this; }
      isPaused() { return this.#flowing === false; }
      setEncoding(encoding) { this.#encoding = encoding; return this; }

      destroy(error) {
        if (this.#destroyed) return this;
        this.#destroyed = true;
        this.#chunks = [];
        this.#later(() => { if (error) this.emit('error', error); this.emit('close'); });
        return this;
      }

      #normalize(chunk, encoding) {
        if (this.#objectMode) return chunk;
        if (typeof chunk === 'string') return bufferFrom(chunk, encoding);
        if (chunk instanceof Uint8Array) return bufferFrom(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array.');
      }

      #decorate(chunk) {
        return this.#encoding === null || this.#objectMode ? chunk : bufferToString.call(chunk, this.#encoding);
      }

      #later(action) { Promise.resolve().then(action); }

      #schedule() {
        if (this.#scheduled) return;
        this.#scheduled = true;
        this.#later(() => { this.#scheduled = false; this.#flush(); });
      }

      // Emits buffered chunks while flowing; emits 'end' once ended and fully consumed.
      #flush() {
        while (this.#flowing === true && this.#chunks.length > 0 && !this.#destroyed) {
          this.emit('data', this.#decorate(this.#chunks.shift()));
        }
        if (this.#ending && this.#chunks.length === 0 && !this.#endEmitted && !this.#destroyed
            && (this.#flowing === true || this.#pulled)) {
          this.#endEmitted = true;
          this.emit('end');
          this.#maybeClose();
        }
      }

      #maybeClose() {
        if (this.#endEmitted && this.#finishEmitted && !this.#destroyed) {
          this.#destroyed = true;
          this.emit('close');
        }
      }
    }

    return { PassThrough };
  }

  return { globals: {}, modules: { stream } };
}
