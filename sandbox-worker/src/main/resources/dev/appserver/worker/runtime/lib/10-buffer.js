/*
 * Node's Buffer: a Uint8Array subclass with Node's encodings (utf8, hex, base64, base64url,
 * latin1/binary, ascii, ucs2/utf16le) and its common static and instance methods. Decoding
 * follows Node: UTF-8 replaces each maximal invalid subpart with U+FFFD (WHATWG), base64 skips
 * characters outside both alphabets and stops at '=', hex stops at the first invalid pair.
 * Numeric read/write methods are added by 11-buffer-numbers.js.
 *
 * Node's own layout is kept: instances are FastBuffers (the real Uint8Array subclass), and
 * Buffer is a plain function sharing FastBuffer's prototype, so `Buffer(x)` without `new`,
 * `instanceof Buffer` and species-created results (subarray, map) all behave as in Node.
 * Extra methods Node also has (utf8Slice, latin1Slice, hexSlice, ...) are kept because later
 * library files capture them at install time.
 */
(library, natives) => {
  'use strict';
  const CHUNK = 8192; // code units per String.fromCharCode call, below any argument-count limit
  const MAX_LENGTH = 2 ** 32;

  class FastBuffer extends Uint8Array {}

  function nodeError(Type, code, message) {
    const error = new Type(message);
    error.code = code;
    return error;
  }

  function received(value) {
    if (value === null || value === undefined) return ` Received ${value}`;
    if (typeof value === 'function') return ` Received function ${value.name}`;
    if (typeof value === 'object') {
      const name = value.constructor && value.constructor.name;
      return name ? ` Received an instance of ${name}` : ' Received [object]';
    }
    const shown = typeof value === 'string' ? `'${value.slice(0, 25)}'` : String(value);
    return ` Received type ${typeof value} (${shown})`;
  }

  function argType(name, expected, value) {
    return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      `The "${name}" argument must be ${expected}.${received(value)}`);
  }

  function outOfRange(name, range, value) {
    return nodeError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "${name}" is out of range. It must be ${range}. Received ${value}`);
  }

  function normalizeEncoding(encoding) {
    if (encoding === undefined || encoding === null || encoding === '') return 'utf8';
    switch (String(encoding).toLowerCase()) {
      case 'utf8': case 'utf-8': return 'utf8';
      case 'hex': return 'hex';
      case 'base64': return 'base64';
      case 'base64url': return 'base64url';
      case 'latin1': case 'binary': return 'latin1';
      case 'ascii': return 'ascii';
      case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
      default: return undefined;
    }
  }

  function encodingOf(encoding) {
    const normalized = normalizeEncoding(encoding);
    if (normalized === undefined) {
      throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
    }
    return normalized;
  }

  // ---- string -> bytes ----

  function utf8Length(string) {
    let length = 0;
    for (let i = 0; i < string.length; i++) {
      const c = string.charCodeAt(i);
      if (c < 0x80) length += 1;
      else if (c < 0x800) length += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < string.length
          && (string.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { length += 4; i++; }
      else length += 3; // BMP character, or a lone surrogate written as U+FFFD
    }
    return length;
  }

  function utf8Encode(string) {
    const bytes = new FastBuffer(utf8Length(string));
    let n = 0;
    for (let i = 0; i < string.length; i++) {
      let c = string.charCodeAt(i);
      if (c < 0x80) { bytes[n++] = c; continue; }
      if (c < 0x800) { bytes[n++] = 0xc0 | (c >> 6); bytes[n++] = 0x80 | (c & 63); continue; }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < string.length ? string.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && (next & 0xfc00) === 0xdc00) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          bytes[n++] = 0xf0 | (c >> 18); bytes[n++] = 0x80 | ((c >> 12) & 63);
          bytes[n++] = 0x80 | ((c >> 6) & 63); bytes[n++] = 0x80 | (c & 63);
          continue;
        }
        c = 0xfffd;
      }
      bytes[n++] = 0xe0 | (c >> 12); bytes[n++] = 0x80 | ((c >> 6) & 63); bytes[n++] = 0x80 | (c & 63);
    }
    return bytes;
  }

  function latin1Encode(string) {
    const bytes = new FastBuffer(string.length);
    for (let i = 0; i < string.length; i++) bytes[i] = string.charCodeAt(i);
    return bytes;
  }

  function utf16Encode(string) {
    const bytes = new FastBuffer(string.length * 2);
    for (let i = 0; i < string.length; i++) {
      const c = string.charCodeAt(i);
      bytes[2 * i] = c; bytes[2 * i + 1] = c >> 8;
    }
    return bytes;
  }

  function hexDecode(string) {
    const bytes = new FastBuffer(string.length >>> 1);
    for (let i = 0; i < bytes.length; i++) {
      const high = parseInt(string[2 * i], 16), low = parseInt(string[2 * i + 1], 16);
      if (Number.isNaN(high) || Number.isNaN(low)) return bytes.subarray(0, i);
      bytes[i] = high * 16 + low;
    }
    return bytes;
  }

  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const BASE64URL = BASE64.slice(0, 62) + '-_';
  let base64Values = null; // built on first use: most contexts never decode base64

  function base64Decode(string) {
    if (base64Values === null) {
      base64Values = new Int8Array(256).fill(-1);
      for (let i = 0; i < 64; i++) {
        base64Values[BASE64.charCodeAt(i)] = i;
        base64Values[BASE64URL.charCodeAt(i)] = i;
      }
    }
    const bytes = new FastBuffer(Math.ceil(string.length * 3 / 4));
    let bits = 0, pending = 0, n = 0;
    for (let i = 0; i < string.length; i++) {
      const c = string.charCodeAt(i);
      if (c === 0x3d) break; // '=' ends the data, as in Node
      const value = c < 256 ? base64Values[c] : -1;
      if (value < 0) continue;
      pending = ((pending << 6) | value) & 0xffffff;
      bits += 6;
      if (bits >= 8) { bits -= 8; bytes[n++] = pending >> bits; }
    }
    return n === bytes.length ? bytes : bytes.subarray(0, n);
  }

  function base64Length(string) {
    let length = string.length;
    if (length > 0 && string.charCodeAt(length - 1) === 0x3d) length--;
    if (length > 1 && string.charCodeAt(length - 1) === 0x3d) length--;
    return (length * 3) >>> 2;
  }

  function encode(string, encoding) {
    switch (encoding) {
      case 'utf8': return utf8Encode(string);
      case 'hex': return hexDecode(string);
      case 'base64': case 'base64url': return base64Decode(string);
      case 'latin1': case 'ascii': return latin1Encode(string);
      case 'utf16le': return utf16Encode(string);
    }
  }

  function byteLengthOf(string, encoding) {
    switch (encoding) {
      case 'utf8': return utf8Length(string);
      case 'hex': return string.length >>> 1;
      case 'base64': case 'base64url': return base64Length(string);
      case 'latin1': case 'ascii': return string.length;
      case 'utf16le': return string.length * 2;
    }
  }

  // ---- bytes -> string ----

  function fromCodes(codes, start, end) {
    let string = '';
    for (let i = start; i < end; i += CHUNK) {
      string += String.fromCharCode.apply(null, codes.subarray(i, Math.min(i + CHUNK, end)));
    }
    return string;
  }

  function utf8Decode(bytes, start, end) {
    const units = new Uint16Array(Math.min(end - start, CHUNK) + 1);
    let string = '', n = 0, i = start;
    while (i < end) {
      const lead = bytes[i++];
      let code = lead, needed = 0, lower = 0x80, upper = 0xbf;
      if (lead >= 0xc2 && lead <= 0xdf) { needed = 1; code = lead & 0x1f; }
      else if (lead >= 0xe0 && lead <= 0xef) {
        needed = 2; code = lead & 0xf;
        if (lead === 0xe0) lower = 0xa0; else if (lead === 0xed) upper = 0x9f;
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        needed = 3; code = lead & 0x7;
        if (lead === 0xf0) lower = 0x90; else if (lead === 0xf4) upper = 0x8f;
      } else if (lead >= 0x80) code = 0xfffd;
      for (; needed > 0; needed--, lower = 0x80, upper = 0xbf) {
        const next = i < end ? bytes[i] : -1;
        if (next < lower || next > upper) { code = 0xfffd; break; } // maximal subpart ends
        code = (code << 6) | (next & 0x3f);
        i++;
      }
      if (code > 0xffff) {
        code -= 0x10000;
        units[n++] = 0xd800 | (code >> 10);
        code = 0xdc00 | (code & 0x3ff);
      }
      units[n++] = code;
      if (n >= CHUNK) { string += String.fromCharCode.apply(null, units.subarray(0, n)); n = 0; }
    }
    return string + String.fromCharCode.apply(null, units.subarray(0, n));
  }

  let hexPairs = null; // built on first use

  function hexSlice(bytes, start, end) {
    if (hexPairs === null) hexPairs = Array.from({ length: 256 }, (_, b) => (b < 16 ? '0' : '') + b.toString(16));
    let string = '';
    for (let i = start; i < end; i++) string += hexPairs[bytes[i]];
    return string;
  }

  function base64Slice(bytes, start, end, alphabet, pad) {
    let string = '', i = start;
    for (; i + 2 < end; i += 3) {
      const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      string += alphabet[triple >> 18] + alphabet[(triple >> 12) & 63]
        + alphabet[(triple >> 6) & 63] + alphabet[triple & 63];
    }
    if (end - i === 1) {
      string += alphabet[bytes[i] >> 2] + alphabet[(bytes[i] & 3) << 4] + (pad ? '==' : '');
    } else if (end - i === 2) {
      const pair = (bytes[i] << 8) | bytes[i + 1];
      string += alphabet[pair >> 10] + alphabet[(pair >> 4) & 63] + alphabet[(pair & 15) << 2]
        + (pad ? '=' : '');
    }
    return string;
  }

  function asciiSlice(bytes, start, end) {
    const codes = new Uint8Array(end - start);
    for (let i = start; i < end; i++) codes[i - start] = bytes[i] & 0x7f;
    return fromCodes(codes, 0, codes.length);
  }

  function utf16Slice(bytes, start, end) {
    const codes = new Uint16Array((end - start) >>> 1);
    for (let i = 0; i < codes.length; i++) codes[i] = bytes[start + 2 * i] | (bytes[start + 2 * i + 1] << 8);
    return fromCodes(codes, 0, codes.length);
  }

  function decode(bytes, encoding, start, end) {
    switch (encoding) {
      case 'utf8': return utf8Decode(bytes, start, end);
      case 'hex': return hexSlice(bytes, start, end);
      case 'base64': return base64Slice(bytes, start, end, BASE64, true);
      case 'base64url': return base64Slice(bytes, start, end, BASE64URL, false);
      case 'latin1': return fromCodes(bytes, start, end);
      case 'ascii': return asciiSlice(bytes, start, end);
      case 'utf16le': return utf16Slice(bytes, start, end);
    }
  }

  // ---- Buffer ----

  function checkSize(size) {
    if (typeof size !== 'number') throw argType('size', 'of type number', size);
    if (!(size >= 0 && size <= MAX_LENGTH)) throw outOfRange('size', `>= 0 && <= ${MAX_LENGTH}`, size);
  }

  function Buffer(value, encodingOrOffset, length) {
    if (typeof value === 'number') {
      if (typeof encodingOrOffset === 'string') throw argType('string', 'of type string', value);
      return Buffer.alloc(value);
    }
    return Buffer.from(value, encodingOrOffset, length);
  }
  Buffer.prototype = FastBuffer.prototype;
  Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });
  Object.setPrototypeOf(Buffer, Uint8Array);

  function copyOf(bytes) {
    const copy = new FastBuffer(bytes.length);
    copy.set(bytes);
    return copy;
  }

  const statics = {
    poolSize: 8192,

    from(value, encodingOrOffset, length) {
      if (typeof value === 'string') return encode(value, encodingOf(encodingOrOffset));
      if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
        return new FastBuffer(value, encodingOrOffset, length);
      }
      if (value !== null && typeof value === 'object') {
        // Order and rules as in Node's Buffer.from: boxed values, array-likes, toJSON() output.
        const primitive = typeof value.valueOf === 'function' ? value.valueOf() : undefined;
        if (primitive != null && primitive !== value && (typeof primitive === 'string' || typeof primitive === 'object')) {
          return Buffer.from(primitive, encodingOrOffset, length);
        }
        if (value.length !== undefined || value.buffer instanceof ArrayBuffer) {
          return typeof value.length === 'number' ? copyOf(value) : new FastBuffer(0);
        }
        if (value.type === 'Buffer' && Array.isArray(value.data)) return copyOf(value.data);
        if (typeof value[Symbol.toPrimitive] === 'function') {
          const string = value[Symbol.toPrimitive]('string');
          if (typeof string === 'string') return encode(string, encodingOf(encodingOrOffset));
        }
      }
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The first argument must be of type string '
        + 'or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.' + received(value));
    },

    alloc(size, fill, encoding) {
      checkSize(size);
      const buffer = new FastBuffer(size);
      return fill !== undefined && fill !== 0 && size > 0 ? buffer.fill(fill, encoding) : buffer;
    },

    allocUnsafe(size) { checkSize(size); return new FastBuffer(size); },
    allocUnsafeSlow(size) { checkSize(size); return new FastBuffer(size); },

    isBuffer(value) { return value instanceof Buffer; },
    isEncoding(encoding) { return typeof encoding === 'string' && encoding !== '' && normalizeEncoding(encoding) !== undefined; },

    byteLength(value, encoding) {
      if (typeof value === 'string') return byteLengthOf(value, normalizeEncoding(encoding) || 'utf8');
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return value.byteLength;
      throw argType('string', 'of type string or an instance of Buffer or ArrayBuffer', value);
    },

    compare(a, b) {
      if (!(a instanceof Uint8Array)) throw argType('buf1', 'an instance of Buffer or Uint8Array', a);
      if (!(b instanceof Uint8Array)) throw argType('buf2', 'an instance of Buffer or Uint8Array', b);
      return compareBytes(a, 0, a.length, b, 0, b.length);
    },

    concat(list, totalLength) {
      if (!Array.isArray(list)) throw argType('list', 'an instance of Array', list);
      if (totalLength === undefined) totalLength = list.reduce((sum, item) => sum + item.length, 0);
      const result = Buffer.alloc(totalLength);
      let offset = 0;
      for (const item of list) {
        if (!(item instanceof Uint8Array)) throw argType('list[i]', 'an instance of Buffer or Uint8Array', item);
        if (offset >= totalLength) break;
        const part = offset + item.length > totalLength ? item.subarray(0, totalLength - offset) : item;
        result.set(part, offset);
        offset += part.length;
      }
      return result;
    },
  };
  for (const name of Object.keys(statics)) {
    Object.defineProperty(Buffer, name, { value: statics[name], writable: true, configurable: true, enumerable: true });
  }

  function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    const length = Math.min(aEnd - aStart, bEnd - bStart);
    for (let i = 0; i < length; i++) {
      if (a[aStart + i] !== b[bStart + i]) return a[aStart + i] < b[bStart + i] ? -1 : 1;
    }
    return Math.sign((aEnd - aStart) - (bEnd - bStart));
  }

  // Clamps [start, end) to [0, length] the way Node's slice/subarray/toString do.
  function clamp(value, fallback, length, negativeFromEnd) {
    if (value === undefined) return fallback;
    value = Math.trunc(Number(value)) || 0;
    if (value < 0) return negativeFromEnd ? Math.max(length + value, 0) : 0;
    return Math.min(value, length);
  }

  function bytesOf(value, encoding) {
    if (typeof value === 'string') return encode(value, encodingOf(encoding));
    if (value instanceof Uint8Array) return value;
    if (typeof value === 'number') return Uint8Array.of(value & 255);
    throw argType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
  }

  function indexOf(buffer, value, byteOffset, encoding, forward) {
    if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = undefined; }
    const needle = bytesOf(value, encoding);
    const last = buffer.length - needle.length;
    let from = byteOffset === undefined ? (forward ? 0 : last) : Math.trunc(Number(byteOffset)) || 0;
    if (from < 0) from += buffer.length;
    if (forward) {
      for (let i = Math.max(from, 0); i <= last; i++) if (matchesAt(buffer, needle, i)) return i;
    } else {
      for (let i = Math.min(from, last); i >= 0; i--) if (matchesAt(buffer, needle, i)) return i;
    }
    return -1;
  }

  function matchesAt(buffer, needle, at) {
    for (let j = 0; j < needle.length; j++) if (buffer[at + j] !== needle[j]) return false;
    return true;
  }

  const methods = {
    toString(encoding, start, end) {
      start = clamp(start, 0, this.length, false);
      end = clamp(end, this.length, this.length, false);
      if (end <= start) return '';
      return decode(this, encoding === undefined ? 'utf8' : encodingOf(encoding), start, end);
    },
    toLocaleString(encoding, start, end) { return this.toString(encoding, start, end); },
    toJSON() { return { type: 'Buffer', data: Array.from(this) }; },

    equals(other) {
      if (!(other instanceof Uint8Array)) throw argType('otherBuffer', 'an instance of Buffer or Uint8Array', other);
      return compareBytes(this, 0, this.length, other, 0, other.length) === 0;
    },

    compare(target, targetStart = 0, targetEnd = target.length, sourceStart = 0, sourceEnd = this.length) {
      if (!(target instanceof Uint8Array)) throw argType('target', 'an instance of Buffer or Uint8Array', target);
      return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
    },

    subarray(start, end) {
      start = clamp(start, 0, this.length, true);
      end = clamp(end, this.length, this.length, true);
      return new FastBuffer(this.buffer, this.byteOffset + start, Math.max(end - start, 0));
    },
    slice(start, end) { return this.subarray(start, end); },

    write(string, offset, length, encoding) {
      if (typeof offset === 'string') { encoding = offset; offset = 0; length = undefined; }
      else if (typeof length === 'string') { encoding = length; length = undefined; }
      offset = offset === undefined ? 0 : offset >>> 0;
      const available = this.length - offset;
      length = length === undefined ? available : Math.min(length >>> 0, available);
      const normalized = encodingOf(encoding);
      const bytes = encode(String(string), normalized);
      let count = Math.min(bytes.length, Math.max(length, 0));
      if (count < bytes.length && normalized === 'utf8') {
        while (count > 0 && (bytes[count] & 0xc0) === 0x80) count--; // never write half a character
      } else if (normalized === 'utf16le') count -= count % 2;
      this.set(bytes.subarray(0, count), offset);
      return count;
    },

    copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
      targetStart = Math.max(targetStart >>> 0, 0);
      sourceEnd = Math.min(sourceEnd, this.length);
      const count = Math.max(Math.min(sourceEnd - sourceStart, target.length - targetStart), 0);
      target.set(this.subarray(sourceStart, sourceStart + count), targetStart);
      return count;
    },

    fill(value, offset, end, encoding) {
      if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
      else if (typeof end === 'string') { encoding = end; end = this.length; }
      offset = offset === undefined ? 0 : offset;
      end = end === undefined ? this.length : end;
      if (offset < 0 || end > this.length) throw outOfRange('offset', `>= 0 && <= ${this.length}`, offset);
      if (typeof value === 'number' || typeof value === 'boolean') {
        return Uint8Array.prototype.fill.call(this, Number(value) & 255, offset, end);
      }
      const pattern = bytesOf(value, encoding);
      if (pattern.length === 0) return Uint8Array.prototype.fill.call(this, 0, offset, end);
      for (let i = offset; i < end; i++) this[i] = pattern[(i - offset) % pattern.length];
      return this;
    },

    indexOf(value, byteOffset, encoding) { return indexOf(this, value, byteOffset, encoding, true); },
    lastIndexOf(value, byteOffset, encoding) { return indexOf(this, value, byteOffset, encoding, false); },
    includes(value, byteOffset, encoding) { return indexOf(this, value, byteOffset, encoding, true) !== -1; },

    swap16() { return swap(this, 2); },
    swap32() { return swap(this, 4); },
    swap64() { return swap(this, 8); },
  };
  for (const encoding of ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'ucs2']) {
    const normalized = encodingOf(encoding);
    methods[`${encoding}Slice`] = function (start = 0, end = this.length) { return decode(this, normalized, start, end); };
    methods[`${encoding}Write`] = function (string, offset, length) { return this.write(string, offset, length, normalized); };
  }
  for (const name of Object.keys(methods)) {
    Object.defineProperty(FastBuffer.prototype, name, { value: methods[name], writable: true, configurable: true });
  }
  // What Node's util.inspect (and so console.log) shows, e.g. "<Buffer 68 69>"; for the console.
  Object.defineProperty(FastBuffer.prototype, Symbol.for('nodejs.util.inspect.custom'), {
    value: function inspect() {
      const shown = Math.min(this.length, 50), remaining = this.length - shown;
      const pairs = hexSlice(this, 0, shown).replace(/(.{2})(?!$)/g, '$1 ');
      const more = remaining > 0 ? ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}` : '';
      return `<${this.constructor.name} ${pairs}${more}>`;
    },
    writable: true,
    configurable: true,
  });

  function swap(buffer, size) {
    if (buffer.length % size !== 0) {
      throw nodeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', `Buffer size must be a multiple of ${size * 8}-bits`);
    }
    for (let i = 0; i < buffer.length; i += size) buffer.subarray(i, i + size).reverse();
    return buffer;
  }

  return { globals: { Buffer }, modules: {} };
}
