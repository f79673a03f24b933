/*
 * require('crypto'): the hashing, HMAC and randomness part of Node's crypto module (createHash,
 * createHmac, randomBytes, randomFillSync, randomInt, randomUUID, getRandomValues,
 * timingSafeEqual, getHashes). The work is done in Java (natives.digest, natives.hmac,
 * natives.randomBytes, natives.randomUUID) on latin1 binary strings; results are Buffers.
 * Not provided: ciphers, signatures, key objects, webcrypto.
 */
(library, natives) => {
  'use strict';
  const Buffer = library.Buffer;
  const bufferFrom = Buffer.from;
  const { latin1Slice, toString: bufferToString } = Buffer.prototype;

  // Built on first require; the Buffer methods above were captured at install, before app code.
  function crypto() {
    // Keep in step with Natives.ALGORITHMS; CryptoTest checks that they agree.
    const HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-224', 'sha512-256',
      'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512'];
    const MAX_RANDOM_BYTES = 1 << 20; // Natives.MAX_RANDOM_BYTES

    function nodeError(Type, code, message) {
      const error = new Type(message);
      if (code !== undefined) error.code = code;
      return error;
    }

    // Rethrows an exception from a native call as a plain JS Error with the same message.
    function callNative(name, ...args) {
      try {
        return natives[name](...args);
      } catch (e) {
        throw new Error(e && e.message);
      }
    }

    // OpenSSL accepts these spellings too: SHA256, RSA-SHA256, sha-256, sha2-256, SHA-1.
    function algorithmOf(name) {
      let normalized = String(name).toLowerCase().replace(/^rsa-/, '');
      const sha2 = /^sha2?-(1|224|256|384|512)$/.exec(normalized);
      if (sha2 !== null) normalized = 'sha' + sha2[1];
      return HASHES.includes(normalized) ? normalized : null;
    }

    function toBinary(data, encoding, name) {
      if (typeof data === 'string') data = bufferFrom(data, encoding === 'buffer' ? 'utf8' : encoding);
      else if (ArrayBuffer.isView(data)) data = bufferFrom(data.buffer, data.byteOffset, data.byteLength);
      else if (data instanceof ArrayBuffer) data = bufferFrom(data);
      else {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type string or an instance `
          + `of Buffer, TypedArray, or DataView. Received ${data === null ? 'null' : `type ${typeof data} (${String(data)})`}`);
      }
      return latin1Slice.call(data, 0, data.length);
    }

    function encodeDigest(binary, encoding) {
      const bytes = bufferFrom(binary, 'latin1');
      return encoding === undefined || encoding === 'buffer' ? bytes : bufferToString.call(bytes, encoding);
    }

    // Hash and Hmac share this: chunks collect as binary strings until digest() runs once.
    class Digest {
      #chunks = [];
      #finalize;
      #done = false;

      constructor(finalize) { this.#finalize = finalize; }

      update(data, inputEncoding) {
        this.#checkOpen();
        this.#chunks.push(toBinary(data, inputEncoding, 'data'));
        return this;
      }

      digest(outputEncoding) {
        this.#checkOpen();
        this.#done = true;
        const binary = this.#finalize(this.#chunks.join(''));
        this.#chunks = [];
        return encodeDigest(binary, outputEncoding);
      }

      copy() {
        this.#checkOpen();
        const copy = new this.constructor(this.#finalize);
        copy.#chunks = this.#chunks.slice();
        return copy;
      }

      #checkOpen() {
        if (this.#done) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      }
    }

    class Hash extends Digest {}
    class Hmac extends Digest {}

    function createHash(algorithm, options) {
      const name = algorithmOf(algorithm);
      if (name === null) throw new Error('Digest method not supported');
      return new Hash((data) => callNative('digest', name, data));
    }

    function createHmac(algorithm, key, options) {
      const name = algorithmOf(algorithm);
      if (name === null) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`);
      const keyBinary = toBinary(key, options && options.encoding, 'key');
      return new Hmac((data) => callNative('hmac', name, keyBinary, data));
    }

    function checkSize(size) {
      if (typeof size !== 'number') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "size" argument must be of type number. Received type ${typeof size}`);
      }
      if (!(size >= 0 && size <= MAX_RANDOM_BYTES) || !Number.isInteger(size)) {
        throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "size" is out of range. It must be >= 0 && <= ${MAX_RANDOM_BYTES}. Received ${size}`);
      }
    }

    // Node calls these callbacks asynchronously; without timers, a resolved promise defers them.
    function later(callback, ...args) {
      Promise.resolve().then(() => callback(...args));
    }

    function randomBytes(size, callback) {
      checkSize(size);
      const bytes = bufferFrom(callNative('randomBytes', size), 'latin1');
      if (typeof callback !== 'function') return bytes;
      later(callback, null, bytes);
      return undefined;
    }

    function randomFillSync(target, offset = 0, size = undefined) {
      const view = bufferFrom(target.buffer || target, target.byteOffset || 0, target.byteLength);
      const count = size === undefined ? view.length - offset : size;
      checkSize(count);
      view.set(bufferFrom(callNative('randomBytes', count), 'latin1'), offset);
      return target;
    }

    function getRandomValues(array) {
      if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array) {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "typedArray" argument must be an integer-type TypedArray');
      }
      if (array.byteLength > 65536) {
        throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`);
      }
      return randomFillSync(array);
    }

    // Uniform integer in [min, max) by rejection sampling over 48-bit values, as Node does.
    function randomInt(min, max, callback) {
      if (typeof max !== 'number') { callback = max; max = min; min = 0; }
      if (!Number.isSafeInteger(min)) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "min" argument must be a safe integer. Received ${min}`);
      if (!Number.isSafeInteger(max)) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "max" argument must be a safe integer. Received ${max}`);
      if (max <= min) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
      const range = max - min;
      if (range > 2 ** 48) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max - min" is out of range. It must be <= 281474976710655. Received ${range}`);
      const limit = 2 ** 48 - (2 ** 48 % range);
      let value;
      do {
        const bytes = callNative('randomBytes', 6);
        value = 0;
        for (let i = 0; i < 6; i++) value = value * 256 + bytes.charCodeAt(i);
      } while (value >= limit);
      const result = min + (value % range);
      if (typeof callback !== 'function') return result;
      later(callback, null, result);
      return undefined;
    }

    function timingSafeEqual(a, b) {
      const left = bufferFrom(a.buffer || a, a.byteOffset || 0, a.byteLength);
      const right = bufferFrom(b.buffer || b, b.byteOffset || 0, b.byteLength);
      if (left.length !== right.length) {
        throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
      }
      let difference = 0;
      for (let i = 0; i < left.length; i++) difference |= left[i] ^ right[i];
      return difference === 0;
    }

    return {
      createHash, createHmac, randomBytes, pseudoRandomBytes: randomBytes, randomFillSync, randomInt,
      getRandomValues, timingSafeEqual,
      randomUUID: () => callNative('randomUUID'),
      getHashes: () => HASHES.slice(),
    };
  }

  return { globals: {}, modules: { crypto } };
}
