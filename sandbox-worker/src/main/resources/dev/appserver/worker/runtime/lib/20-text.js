/*
 * WHATWG TextEncoder / TextDecoder and the browser's atob / btoa, built on the Buffer codecs of
 * 10-buffer.js (captured here at install time, so an app replacing Buffer.prototype methods
 * cannot change how these decode). TextDecoder knows the WHATWG labels of utf-8, utf-16le and
 * windows-1252 (which is what 'latin1' and 'ascii' mean to WHATWG); it supports `fatal`,
 * `ignoreBOM` and `{stream: true}`.
 */
(library, natives) => {
  'use strict';
  const Buffer = library.Buffer;
  const { utf8Slice, ucs2Slice, latin1Slice, base64Slice } = Buffer.prototype;
  const bufferFrom = Buffer.from, bufferCompare = Buffer.compare;

  function nodeError(Type, code, message) {
    const error = new Type(message);
    error.code = code;
    return error;
  }

  // WHATWG encoding labels; built on the first TextDecoder, as most contexts never make one.
  let labels = null;

  function encodingFor(label) {
    if (labels === null) {
      labels = Object.create(null);
      const add = (encoding, names) => { for (const name of names.split(' ')) labels[name] = encoding; };
      add('utf-8', 'unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8');
      add('utf-16le', 'csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le');
      add('windows-1252', 'ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 '
        + 'iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252');
    }
    return labels[String(label).trim().toLowerCase()];
  }

  // windows-1252 differs from latin1 only in 0x80-0x9F.
  const WINDOWS_1252 = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030,
    0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013,
    0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];

  function windows1252(bytes) {
    const string = latin1Slice.call(bytes, 0, bytes.length);
    return string.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(WINDOWS_1252[c.charCodeAt(0) - 0x80]));
  }

  function asBytes(input) {
    if (input === undefined) return new Buffer(0);
    if (input instanceof ArrayBuffer || input instanceof SharedArrayBuffer) return bufferFrom(input);
    if (ArrayBuffer.isView(input)) return bufferFrom(input.buffer, input.byteOffset, input.byteLength);
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "list" argument must be an instance of '
      + 'SharedArrayBuffer, ArrayBuffer or ArrayBufferView.'); // sic: Node's message
  }

  // Length of an incomplete UTF-8 sequence at the end of bytes, kept back while streaming.
  function incompleteTail(bytes) {
    for (let back = 1; back <= Math.min(3, bytes.length); back++) {
      const byte = bytes[bytes.length - back];
      if ((byte & 0xc0) !== 0x80) {
        const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
        return needed > back ? back : 0;
      }
    }
    return 0;
  }

  class TextDecoder {
    #encoding; #fatal; #ignoreBOM; #pending = null; #bomSeen = false;

    constructor(label = 'utf-8', options = {}) {
      const encoding = encodingFor(label);
      if (encoding === undefined) {
        throw nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${label}" encoding is not supported`);
      }
      this.#encoding = encoding;
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
    }

    get encoding() { return this.#encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }

    decode(input, options = {}) {
      let bytes = asBytes(input);
      const stream = Boolean(options && options.stream);
      if (this.#pending !== null) { bytes = Buffer.concat([this.#pending, bytes]); this.#pending = null; }
      let string;
      if (this.#encoding === 'windows-1252') string = windows1252(bytes);
      else {
        const keep = !stream ? 0 : this.#encoding === 'utf-8' ? incompleteTail(bytes) : bytes.length % 2;
        if (keep > 0) { this.#pending = bufferFrom(bytes.subarray(bytes.length - keep)); bytes = bytes.subarray(0, bytes.length - keep); }
        string = this.#encoding === 'utf-8' ? this.#utf8(bytes) : ucs2Slice.call(bytes, 0, bytes.length);
        if (this.#encoding === 'utf-16le' && bytes.length % 2 === 1) string += this.#invalid();
      }
      if (!this.#ignoreBOM && !this.#bomSeen && string.length > 0) {
        this.#bomSeen = true;
        if (string.charCodeAt(0) === 0xfeff && this.#encoding !== 'windows-1252') string = string.slice(1);
      }
      if (!stream) this.#bomSeen = false;
      return string;
    }

    #utf8(bytes) {
      const string = utf8Slice.call(bytes, 0, bytes.length);
      // A valid input re-encodes to itself; an invalid one had bytes replaced by U+FFFD.
      if (this.#fatal && bufferCompare(bufferFrom(string, 'utf8'), bytes) !== 0) this.#invalid();
      return string;
    }

    #invalid() {
      if (this.#fatal) {
        throw nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', `The encoded data was not valid for encoding ${this.#encoding}`);
      }
      return '\ufffd';
    }

    get [Symbol.toStringTag]() { return 'TextDecoder'; }
  }

  class TextEncoder {
    get encoding() { return 'utf-8'; }

    encode(input = '') {
      const bytes = bufferFrom(String(input), 'utf8');
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    }

    encodeInto(source, destination) {
      const string = String(source);
      let read = 0, written = 0;
      for (const character of string) {
        const bytes = bufferFrom(character, 'utf8');
        if (written + bytes.length > destination.length) break;
        destination.set(bytes, written);
        written += bytes.length;
        read += character.length;
      }
      return { read, written };
    }

    get [Symbol.toStringTag]() { return 'TextEncoder'; }
  }

  function invalidCharacter(message) {
    const error = new Error(message);
    error.name = 'InvalidCharacterError';
    error.code = 5; // DOMException.INVALID_CHARACTER_ERR
    return error;
  }

  function btoa(data) {
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
    const string = String(data);
    for (let i = 0; i < string.length; i++) {
      if (string.charCodeAt(i) > 0xff) throw invalidCharacter('Invalid character');
    }
    const bytes = bufferFrom(string, 'latin1');
    return base64Slice.call(bytes, 0, bytes.length);
  }

  // Forgiving-base64 decode (HTML spec): whitespace is ignored, anything else invalid throws.
  function atob(data) {
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
    let string = String(data).replace(/[\t\n\f\r ]/g, '');
    if (string.length % 4 === 0) string = string.replace(/={1,2}$/, '');
    if (/[^A-Za-z0-9+/]/.test(string)) throw invalidCharacter('Invalid character');
    if (string.length % 4 === 1) throw invalidCharacter('The string to be decoded is not correctly encoded.');
    const bytes = bufferFrom(string, 'base64');
    return latin1Slice.call(bytes, 0, bytes.length);
  }

  return { globals: { TextEncoder, TextDecoder, atob, btoa }, modules: {} };
}
