/*
 * require('zlib'): Node's one-shot API over Java's zlib (natives.deflate, inflate, deflateRaw,
 * inflateRaw, gzip, gunzip): the *Sync functions, their callback forms, and `constants`.
 * Inputs may be strings (UTF-8), Buffers, TypedArrays, DataViews or ArrayBuffers; results are
 * Buffers. Errors carry Node's message, code and errno ("incorrect header check", Z_DATA_ERROR).
 * Of the options only `level` and `maxOutputLength` apply; decompressed output is capped at
 * 64 MiB in Java whatever the options say. Not provided: streams (createGzip...), brotli, crc32.
 */
(library, natives) => {
  'use strict';
  const bufferFrom = library.Buffer.from;
  const { latin1Slice } = library.Buffer.prototype;

  function zlib() {
    const constants = {
      Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
      Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
      Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
      Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
      Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4880,
      DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
      Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
      Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
      Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
      Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
    };
    const codes = {};
    for (const name of ['Z_OK', 'Z_STREAM_END', 'Z_NEED_DICT', 'Z_ERRNO', 'Z_STREAM_ERROR', 'Z_DATA_ERROR',
      'Z_MEM_ERROR', 'Z_BUF_ERROR', 'Z_VERSION_ERROR']) {
      codes[name] = constants[name];
      codes[constants[name]] = name;
    }

    function nodeError(Type, code, message) {
      const error = new Type(message);
      error.code = code;
      return error;
    }

    function checkInput(data) {
      if (typeof data === 'string' || ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return;
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buffer" argument must be of type string or an instance '
        + 'of Buffer, TypedArray, DataView, or ArrayBuffer.'
        + (data === null || data === undefined ? ` Received ${data}` : ` Received type ${typeof data} (${String(data)})`));
    }

    function toBinary(data) {
      checkInput(data);
      const bytes = typeof data === 'string' ? bufferFrom(data, 'utf8')
        : data instanceof ArrayBuffer ? bufferFrom(data) : bufferFrom(data.buffer, data.byteOffset, data.byteLength);
      return latin1Slice.call(bytes, 0, bytes.length);
    }

    function levelOf(options) {
      const level = options && options.level !== undefined ? options.level : -1;
      if (typeof level !== 'number' || !Number.isInteger(level) || level < -1 || level > 9) {
        throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "options.level" is out of range. It must be >= -1 and <= 9. Received ${level}`);
      }
      return level;
    }

    // Rethrows a Java failure (IllegalArgumentException, message as zlib words it) as Node does.
    function zlibError(message) {
      if (message.startsWith('Cannot create a Buffer larger than')) return nodeError(RangeError, 'ERR_BUFFER_TOO_LARGE', message);
      const code = message === 'unexpected end of file' ? 'Z_BUF_ERROR' : message === 'Missing dictionary' ? 'Z_NEED_DICT' : 'Z_DATA_ERROR';
      const error = nodeError(Error, code, message);
      error.errno = constants[code];
      return error;
    }

    function run(operation, binary, level) {
      try {
        return level === undefined ? natives[operation](binary) : natives[operation](binary, level);
      } catch (e) {
        throw zlibError(String(e && e.message));
      }
    }

    function compressor(operation) {
      return (buffer, options) => bufferFrom(run(operation, toBinary(buffer), levelOf(options)), 'latin1');
    }

    function decompressor(operation) {
      return (buffer, options) => {
        const binary = toBinary(buffer);
        const actual = operation === 'unzip'
          ? (binary.charCodeAt(0) === 0x1f && binary.charCodeAt(1) === 0x8b ? 'gunzip' : 'inflate')
          : operation;
        const result = run(actual, binary, undefined);
        const limit = options && options.maxOutputLength;
        if (typeof limit === 'number' && result.length > limit) {
          throw nodeError(RangeError, 'ERR_BUFFER_TOO_LARGE', `Cannot create a Buffer larger than ${limit} bytes`);
        }
        return bufferFrom(result, 'latin1');
      };
    }

    // Node's callback form: argument errors throw now, data errors reach the callback, which
    // always runs asynchronously (here on a resolved promise, as there are no timers).
    function withCallback(sync) {
      return (buffer, options, callback) => {
        if (typeof options === 'function') { callback = options; options = {}; }
        if (typeof callback !== 'function') {
          throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "callback" argument must be of type function. Received ${typeof callback}`);
        }
        checkInput(buffer);
        levelOf(options);
        let error = null, result;
        try { result = sync(buffer, options); } catch (e) { error = e; }
        Promise.resolve().then(() => (error === null ? callback(null, result) : callback(error)));
      };
    }

    const module = { constants, codes };
    const operations = {
      deflate: compressor('deflate'), deflateRaw: compressor('deflateRaw'), gzip: compressor('gzip'),
      inflate: decompressor('inflate'), inflateRaw: decompressor('inflateRaw'), gunzip: decompressor('gunzip'),
      unzip: decompressor('unzip'),
    };
    for (const [name, sync] of Object.entries(operations)) {
      module[`${name}Sync`] = sync;
      module[name] = withCallback(sync);
    }
    for (const name of Object.keys(constants)) if (name.startsWith('Z_')) module[name] = constants[name];
    return module;
  }

  return { globals: {}, modules: { zlib } };
}
