/*
 * Buffer's numeric accessors (readUInt8 ... writeDoubleBE, readBigInt64LE, readUIntLE, ...),
 * added to the Buffer prototype made by 10-buffer.js. Offsets and values are range-checked with
 * Node's error codes and messages (ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE), so an app that
 * catches them sees what Node would give it.
 */
(library, natives) => {
  'use strict';
  const prototype = library.Buffer.prototype;

  function rangeError(name, range, value) {
    const error = new RangeError(`The value of "${name}" is out of range. It must be ${range}. Received ${value}`);
    error.code = 'ERR_OUT_OF_RANGE';
    return error;
  }

  function checkOffset(buffer, offset, size) {
    if (typeof offset !== 'number') {
      const shown = typeof offset === 'string' ? `'${offset}'` : String(offset);
      const error = new TypeError(`The "offset" argument must be of type number. Received type ${typeof offset} (${shown})`);
      error.code = 'ERR_INVALID_ARG_TYPE';
      throw error;
    }
    const last = buffer.length - size;
    if (!Number.isInteger(offset)) throw rangeError('offset', 'an integer', offset);
    if (offset < 0 || offset > last) {
      if (last < 0) {
        const error = new RangeError('Attempt to access memory outside buffer bounds');
        error.code = 'ERR_BUFFER_OUT_OF_BOUNDS';
        throw error;
      }
      throw rangeError('offset', `>= 0 and <= ${last}`, offset);
    }
  }

  function view(buffer) {
    return new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  }

  // [Node name, size, DataView type, minimum, maximum]; floats are never range-checked.
  const TYPES = [
    ['UInt8', 1, 'Uint8', 0, 0xff], ['Int8', 1, 'Int8', -0x80, 0x7f],
    ['UInt16', 2, 'Uint16', 0, 0xffff], ['Int16', 2, 'Int16', -0x8000, 0x7fff],
    ['UInt32', 4, 'Uint32', 0, 0xffffffff], ['Int32', 4, 'Int32', -0x80000000, 0x7fffffff],
    ['Float', 4, 'Float32'], ['Double', 8, 'Float64'],
    ['BigUInt64', 8, 'BigUint64', 0n, 2n ** 64n - 1n], ['BigInt64', 8, 'BigInt64', -(2n ** 63n), 2n ** 63n - 1n],
  ];

  function define(name, method) {
    Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
    if (name.includes('UInt')) {
      Object.defineProperty(prototype, name.replace('UInt', 'Uint'), { value: method, writable: true, configurable: true });
    }
  }

  for (const [name, size, type, minimum, maximum] of TYPES) {
    const get = DataView.prototype[`get${type}`], set = DataView.prototype[`set${type}`];
    for (const suffix of size === 1 ? [''] : ['LE', 'BE']) {
      const littleEndian = suffix === 'LE';
      define(`read${name}${suffix}`, function (offset = 0) {
        checkOffset(this, offset, size);
        return get.call(view(this), offset, littleEndian);
      });
      define(`write${name}${suffix}`, function (value, offset = 0) {
        if (minimum !== undefined) {
          if (typeof value !== typeof minimum && typeof minimum === 'bigint') {
            const error = new TypeError(`The "value" argument must be of type bigint. Received type ${typeof value} (${String(value)})`);
            error.code = 'ERR_INVALID_ARG_TYPE';
            throw error;
          }
          if (value < minimum || value > maximum) {
            const suffixN = typeof minimum === 'bigint' ? 'n' : '';
            throw rangeError('value', `>= ${minimum}${suffixN} and <= ${maximum}${suffixN}`, `${value}${suffixN}`);
          }
        }
        checkOffset(this, offset, size);
        set.call(view(this), offset, typeof minimum === 'bigint' ? value : Number(value), littleEndian);
        return offset + size;
      });
    }
  }

  // Variable-width integers of 1 to 6 bytes, as in Node; plain arithmetic keeps them exact.
  function checkByteLength(byteLength) {
    if (!Number.isInteger(byteLength) || byteLength < 1 || byteLength > 6) {
      throw rangeError('byteLength', '>= 1 and <= 6', byteLength);
    }
  }

  function readUnsigned(buffer, offset, byteLength, littleEndian) {
    checkByteLength(byteLength);
    checkOffset(buffer, offset, byteLength);
    let value = 0;
    for (let i = 0; i < byteLength; i++) {
      value = value * 256 + buffer[offset + (littleEndian ? byteLength - 1 - i : i)];
    }
    return value;
  }

  function writeUnsigned(buffer, value, offset, byteLength, littleEndian) {
    let remaining = value < 0 ? value + 2 ** (8 * byteLength) : value;
    for (let i = 0; i < byteLength; i++) {
      buffer[offset + (littleEndian ? i : byteLength - 1 - i)] = remaining % 256;
      remaining = Math.floor(remaining / 256);
    }
    return offset + byteLength;
  }

  function checkValue(value, minimum, maximum) {
    if (!(value >= minimum && value <= maximum)) throw rangeError('value', `>= ${minimum} and <= ${maximum}`, value);
  }

  for (const suffix of ['LE', 'BE']) {
    const littleEndian = suffix === 'LE';
    define(`readUInt${suffix}`, function (offset, byteLength) {
      return readUnsigned(this, offset, byteLength, littleEndian);
    });
    define(`readInt${suffix}`, function (offset, byteLength) {
      const value = readUnsigned(this, offset, byteLength, littleEndian);
      return value >= 2 ** (8 * byteLength - 1) ? value - 2 ** (8 * byteLength) : value;
    });
    define(`writeUInt${suffix}`, function (value, offset, byteLength) {
      checkByteLength(byteLength);
      checkValue(value, 0, 2 ** (8 * byteLength) - 1);
      checkOffset(this, offset, byteLength);
      return writeUnsigned(this, value, offset, byteLength, littleEndian);
    });
    define(`writeInt${suffix}`, function (value, offset, byteLength) {
      checkByteLength(byteLength);
      checkValue(value, -(2 ** (8 * byteLength - 1)), 2 ** (8 * byteLength - 1) - 1);
      checkOffset(this, offset, byteLength);
      return writeUnsigned(this, value, offset, byteLength, littleEndian);
    });
  }

  return { globals: {}, modules: {} };
}
