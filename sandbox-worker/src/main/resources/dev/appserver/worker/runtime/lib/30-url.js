/*
 * WHATWG URL and URLSearchParams, as Node 20 implements them for the cases apps meet: special
 * schemes (default ports, lowercased and IDNA-encoded hosts, IPv4 numbers, IPv6 literals,
 * backslashes as slashes), dot-segment removal, percent-encode sets per component, opaque paths
 * (mailto:, data:), relative resolution against a base, setters, and a searchParams object that
 * stays linked to its URL. Failures throw TypeError 'Invalid URL' with code ERR_INVALID_URL.
 *
 * Simplifications, none of which change results for well-formed http(s) URLs: IDNA is NFC +
 * lowercase + punycode (no full UTS #46 mapping or validation), and the Windows drive-letter
 * quirks of file: URLs are only kept for '..' at the drive root.
 *
 * A URL holds a parsed record {scheme, username, password, host, port, path, query, fragment};
 * `path` is an array of segments, or a string for an opaque path; host and query may be null.
 */
(library, natives) => {
  'use strict';
  const bufferFrom = library.Buffer.from;
  const { utf8Slice } = library.Buffer.prototype;

  const DEFAULT_PORTS = { ftp: 21, file: null, http: 80, https: 443, ws: 80, wss: 443 };
  const isSpecial = (scheme) => Object.prototype.hasOwnProperty.call(DEFAULT_PORTS, scheme);

  // Percent-encode sets (https://url.spec.whatwg.org/#percent-encoded-bytes), ASCII members
  // beyond the C0 controls; everything non-ASCII is always encoded. Node 20 leaves '^' in paths.
  const FRAGMENT = ' "<>`';
  const QUERY = ' "#<>';
  const SPECIAL_QUERY = QUERY + "'";
  const PATH = QUERY + '?`{}';
  const USERINFO = PATH + '/:;=@[\\]^|';
  const FORBIDDEN_HOST = '\0\t\n\r #/:<>?@[\\]^|';

  function invalidUrl(input, base) {
    const error = new TypeError('Invalid URL');
    error.code = 'ERR_INVALID_URL';
    error.input = input;
    if (base !== undefined) error.base = base;
    return error;
  }

  function hex(byte) { return '%' + (byte < 16 ? '0' : '') + byte.toString(16).toUpperCase(); }

  function percentEncode(string, set) {
    let out = '';
    for (const character of string) {
      const c = character.charCodeAt(0);
      if (c < 0x80) out += c < 0x20 || c === 0x7f || set.includes(character) ? hex(c) : character;
      else for (const byte of bufferFrom(character, 'utf8')) out += hex(byte);
    }
    return out;
  }

  function percentDecodeBytes(string) {
    const bytes = bufferFrom(string, 'utf8');
    const out = new Uint8Array(bytes.length);
    let n = 0;
    for (let i = 0; i < bytes.length; i++) {
      const high = parseInt(String.fromCharCode(bytes[i + 1]), 16), low = parseInt(String.fromCharCode(bytes[i + 2]), 16);
      if (bytes[i] === 0x25 && !Number.isNaN(high) && !Number.isNaN(low)) { out[n++] = high * 16 + low; i += 2; }
      else out[n++] = bytes[i];
    }
    return out.subarray(0, n);
  }

  function percentDecode(string) {
    if (!string.includes('%')) return string;
    const bytes = percentDecodeBytes(string);
    return utf8Slice.call(bytes, 0, bytes.length);
  }

  // ---- hosts ----

  function punycode(label) {
    const points = Array.from(label, (c) => c.codePointAt(0));
    const digit = (d) => String.fromCharCode(d < 26 ? d + 97 : d + 22);
    const adapt = (delta, count, first) => {
      delta = first ? Math.floor(delta / 700) : delta >> 1;
      delta += Math.floor(delta / count);
      let k = 0;
      for (; delta > 455; k += 36) delta = Math.floor(delta / 35);
      return k + Math.floor(36 * delta / (delta + 38));
    };
    let output = points.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join('');
    const basic = output.length;
    if (basic > 0) output += '-';
    let n = 0x80, delta = 0, bias = 72, handled = basic;
    while (handled < points.length) {
      const next = Math.min(...points.filter((c) => c >= n));
      delta += (next - n) * (handled + 1);
      n = next;
      for (const c of points) {
        if (c < n) delta++;
        if (c !== n) continue;
        let q = delta;
        for (let k = 36; ; k += 36) {
          const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
          if (q < t) break;
          output += digit(t + (q - t) % (36 - t));
          q = Math.floor((q - t) / (36 - t));
        }
        output += digit(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
      delta++;
      n++;
    }
    return output;
  }

  function domainToAscii(domain) {
    const mapped = domain.normalize('NFC').toLowerCase().replace(/[\u3002\uff0e\uff61]/g, '.');
    if (!/[^\x00-\x7f]/.test(mapped)) return mapped;
    return mapped.split('.').map((label) => (/[^\x00-\x7f]/.test(label) ? 'xn--' + punycode(label) : label)).join('.');
  }

  // IPv4 numbers as WHATWG reads them: decimal, 0x-hex or 0-octal parts, fewer than four allowed.
  function parseIpv4Number(part) {
    if (part === '') return NaN;
    if (/^0[xX]/.test(part)) return /^0[xX][0-9a-fA-F]*$/.test(part) ? (part.length === 2 ? 0 : parseInt(part.slice(2), 16)) : NaN;
    if (part.length > 1 && part[0] === '0') return /^[0-7]+$/.test(part) ? parseInt(part, 8) : NaN;
    return /^[0-9]+$/.test(part) ? Number(part) : NaN;
  }

  function endsInNumber(host) {
    const parts = host.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    const last = parts[parts.length - 1];
    return /^[0-9]+$/.test(last) || !Number.isNaN(parseIpv4Number(last)) && /^0[xX]/.test(last);
  }

  function parseIpv4(host) {
    const parts = host.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const numbers = parts.map(parseIpv4Number);
    if (numbers.some(Number.isNaN)) return null;
    const last = numbers.pop();
    if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return null;
    const value = numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), last);
    return [value >>> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255].join('.');
  }

  function parseIpv6(input) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    const isHex = (c) => c !== undefined && /[0-9a-fA-F]/.test(c), isDigit = (c) => c !== undefined && /[0-9]/.test(c);
    let piece = 0, compress = null, i = 0;
    if (input[0] === ':') {
      if (input[1] !== ':') return null;
      i = 2; compress = piece = 1;
    }
    while (i < input.length) {
      if (piece === 8) return null;
      if (input[i] === ':') {
        if (compress !== null) return null;
        i++; compress = ++piece;
        continue;
      }
      let value = 0, length = 0;
      for (; length < 4 && isHex(input[i]); length++, i++) value = value * 16 + parseInt(input[i], 16);
      if (input[i] === '.') {
        if (length === 0 || piece > 6) return null;
        i -= length;
        let seen = 0;
        for (; i < input.length; seen++) {
          if (seen > 0) { if (input[i] === '.' && seen < 4) i++; else return null; }
          if (!isDigit(input[i])) return null;
          let number = null;
          for (; isDigit(input[i]); i++) {
            if (number === 0) return null;
            number = (number || 0) * 10 + Number(input[i]);
            if (number > 255) return null;
          }
          address[piece] = address[piece] * 0x100 + number;
          if (seen === 1 || seen === 3) piece++;
        }
        if (seen !== 4) return null;
        break;
      }
      if (input[i] === ':') { if (++i >= input.length) return null; }
      else if (i < input.length) return null;
      address[piece++] = value;
    }
    if (compress !== null) {
      for (let swaps = piece - compress, at = 7; at !== 0 && swaps > 0; at--, swaps--) {
        [address[at], address[compress + swaps - 1]] = [address[compress + swaps - 1], address[at]];
      }
    } else if (piece !== 8) return null;
    return address;
  }

  function serializeIpv6(address) {
    let best = null, bestLength = 1;
    for (let i = 0; i < 8;) {
      let end = i;
      while (end < 8 && address[end] === 0) end++;
      if (end - i > bestLength) { best = i; bestLength = end - i; }
      i = Math.max(end, i + 1);
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
      if (i === best) { out += i === 0 ? '::' : ':'; i += bestLength - 1; continue; }
      out += address[i].toString(16) + (i !== 7 ? ':' : '');
    }
    return out;
  }

  function parseHost(input, special) {
    if (input.startsWith('[')) {
      const address = input.endsWith(']') ? parseIpv6(input.slice(1, -1)) : null;
      return address === null ? null : `[${serializeIpv6(address)}]`;
    }
    if (input === '') return '';
    if (!special) {
      for (const c of input) if (FORBIDDEN_HOST.includes(c)) return null;
      return percentEncode(input, '');
    }
    const domain = percentDecode(input);
    const ascii = domainToAscii(domain);
    if (ascii === '' || /[\x00-\x20#%/:<>?@[\\\]^|\x7f]/.test(ascii)) return null;
    return endsInNumber(ascii) ? parseIpv4(ascii) : ascii;
  }

  // ---- paths, queries, fragments ----

  const isSingleDot = (s) => s === '.' || s.toLowerCase() === '%2e';
  const isDoubleDot = (s) => /^(\.|%2e)(\.|%2e)$/i.test(s);

  function shorten(url) {
    if (url.scheme === 'file' && url.path.length === 1 && /^[A-Za-z]:$/.test(url.path[0])) return;
    url.path.pop();
  }

  // Appends the segments of `input` (a path with or without its leading slash) to url.path.
  function parsePath(url, input) {
    const special = isSpecial(url.scheme);
    const segments = input.split(special ? /[/\\]/ : '/');
    if (segments.length > 1 && segments[0] === '' && input !== '') segments.shift();
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      if (isDoubleDot(segment)) { shorten(url); if (last) url.path.push(''); }
      else if (isSingleDot(segment)) { if (last) url.path.push(''); }
      else url.path.push(percentEncode(segment, PATH));
    });
  }

  // Splits "path?query#fragment" and stores the three parts; the path goes through `onPath`.
  function parseRest(url, input, onPath) {
    const hash = input.indexOf('#');
    if (hash >= 0) { url.fragment = percentEncode(input.slice(hash + 1), FRAGMENT); input = input.slice(0, hash); }
    const question = input.indexOf('?');
    if (question >= 0) {
      url.query = percentEncode(input.slice(question + 1), isSpecial(url.scheme) ? SPECIAL_QUERY : QUERY);
      input = input.slice(0, question);
    }
    onPath(input);
    return url;
  }

  function parsePathAndRest(url, input) {
    return parseRest(url, input, (path) => {
      if (path !== '' || isSpecial(url.scheme)) parsePath(url, path);
    });
  }

  function parseAuthority(url, input) {
    const special = isSpecial(url.scheme);
    const match = (special ? /[/\\?#]/ : /[/?#]/).exec(input);
    const end = match ? match.index : input.length;
    let authority = input.slice(0, end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = authority.slice(0, at), colon = userinfo.indexOf(':');
      url.username = percentEncode(colon >= 0 ? userinfo.slice(0, colon) : userinfo, USERINFO);
      url.password = colon >= 0 ? percentEncode(userinfo.slice(colon + 1), USERINFO) : '';
      authority = authority.slice(at + 1);
      if (authority === '') return null;
    }
    if (!setHostAndPort(url, authority)) return null;
    if (special && url.host === '' && url.scheme !== 'file') return null;
    if (url.host === '' && (url.username !== '' || url.password !== '' || url.port !== null)) return null;
    return parsePathAndRest(url, input.slice(end));
  }

  // Splits "host[:port]" at the first colon outside an IPv6 literal; port is null without one.
  function splitHostPort(input) {
    const close = input.startsWith('[') ? input.indexOf(']') : -1;
    const colon = input.indexOf(':', close + 1);
    return colon < 0 ? [input, null] : [input.slice(0, colon), input.slice(colon + 1)];
  }

  function parsePort(url, digits) {
    if (!/^[0-9]*$/.test(digits) || Number(digits) > 65535) return undefined;
    return digits === '' || Number(digits) === DEFAULT_PORTS[url.scheme] ? null : Number(digits);
  }

  // Parses "host[:port]" into url; false if either part is invalid. file: hosts take no port.
  function setHostAndPort(url, input) {
    const [hostPart, portPart] = url.scheme === 'file' ? [input, null] : splitHostPort(input);
    const host = url.scheme === 'file' && hostPart === 'localhost' ? '' : parseHost(hostPart, isSpecial(url.scheme));
    const port = portPart === null ? null : parsePort(url, portPart);
    if (host === null || port === undefined) return false;
    url.host = host;
    url.port = port;
    return true;
  }

  function newRecord(scheme) {
    return { scheme, username: '', password: '', host: null, port: null, path: [], query: null, fragment: null };
  }

  function parseRelative(input, base) {
    const url = newRecord(base.scheme);
    const isSlash = (c) => c === '/' || (isSpecial(base.scheme) && c === '\\');
    if (isSlash(input[0]) && isSlash(input[1])) {
      return parseAuthority(url, isSpecial(url.scheme) ? input.replace(/^[/\\]+/, '') : input.slice(2));
    }
    Object.assign(url, { username: base.username, password: base.password, host: base.host, port: base.port });
    if (isSlash(input[0])) return parsePathAndRest(url, input);
    url.path = base.path.slice();
    if (input === '' || input[0] === '?' || input[0] === '#') {
      url.query = base.query;
      return parseRest(url, input, () => {});
    }
    shorten(url);
    return parseRest(url, input, (path) => parsePath(url, path));
  }

  function parseFile(input, base) {
    const url = newRecord('file');
    url.host = '';
    if (/^[/\\]{2}/.test(input)) return parseAuthority(url, input.slice(2));
    if (base === null || base.scheme !== 'file') return parsePathAndRest(url, input);
    url.host = base.host;
    return /^[/\\]/.test(input) ? parsePathAndRest(url, input) : parseRelative(input, base);
  }

  // Returns the parsed record, or null when the input is not a valid URL.
  function parse(input, base) {
    input = input.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').replace(/[\t\n\r]/g, '');
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(input);
    if (scheme === null) {
      if (base === null) return null;
      if (typeof base.path === 'string') {
        if (!input.startsWith('#')) return null;
        return Object.assign({}, base, { fragment: percentEncode(input.slice(1), FRAGMENT) });
      }
      return base.scheme === 'file' ? parseFile(input, base) : parseRelative(input, base);
    }
    const name = scheme[1].toLowerCase();
    const rest = input.slice(scheme[0].length);
    if (name === 'file') return parseFile(rest, base);
    if (isSpecial(name)) {
      if (base !== null && base.scheme === name) return parseRelative(rest, base);
      return parseAuthority(newRecord(name), rest.replace(/^[/\\]+/, ''));
    }
    if (rest.startsWith('//')) return parseAuthority(newRecord(name), rest.slice(2));
    if (rest.startsWith('/')) return parsePathAndRest(newRecord(name), rest);
    const url = newRecord(name);
    return parseRest(url, rest, (path) => { url.path = percentEncode(path, ''); });
  }

  function pathname(url) {
    return typeof url.path === 'string' ? url.path : url.path.map((segment) => '/' + segment).join('');
  }

  function serialize(url) {
    let out = url.scheme + ':';
    if (url.host !== null) {
      out += '//';
      if (url.username !== '' || url.password !== '') {
        out += url.username + (url.password !== '' ? ':' + url.password : '') + '@';
      }
      out += url.host + (url.port !== null ? ':' + url.port : '');
    } else if (Array.isArray(url.path) && url.path.length > 1 && url.path[0] === '') {
      out += '/.';
    }
    out += pathname(url);
    if (url.query !== null) out += '?' + url.query;
    if (url.fragment !== null) out += '#' + url.fragment;
    return out;
  }

  function origin(url) {
    if (url.scheme === 'blob') {
      const inner = typeof url.path === 'string' ? parse(url.path, null) : null;
      return inner !== null && (inner.scheme === 'http' || inner.scheme === 'https') ? origin(inner) : 'null';
    }
    if (!isSpecial(url.scheme) || url.scheme === 'file') return 'null';
    return `${url.scheme}://${url.host}${url.port !== null ? ':' + url.port : ''}`;
  }


  // ---- URLSearchParams ----

  const usv = (value) => String(value).toWellFormed();

  function formEncode(string) {
    return encodeURIComponent(string).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => hex(c.charCodeAt(0)));
  }

  function parseForm(string) {
    const decode = (part) => percentDecode(part.replace(/\+/g, ' '));
    const list = [];
    for (const part of string.split('&')) {
      if (part === '') continue;
      const equals = part.indexOf('=');
      list.push(equals < 0 ? [decode(part), ''] : [decode(part.slice(0, equals)), decode(part.slice(equals + 1))]);
    }
    return list;
  }

  function nodeError(Type, code, message) {
    const error = new Type(message);
    error.code = code;
    return error;
  }

  function required(args, count, ...names) {
    if (args.length < count) throw nodeError(TypeError, 'ERR_MISSING_ARGS', `The ${names.map((n) => `"${n}"`).join(' and ')} argument${names.length > 1 ? 's' : ''} must be specified`);
  }

  // Set in URLSearchParams' static block: how a URL reads and replaces its params' state.
  let listOf, attach;

  class URLSearchParamsIterator {
    #params; #kind; #index = 0;
    constructor(params, kind) { this.#params = params; this.#kind = kind; }
    next() {
      const list = listOf(this.#params);
      if (this.#index >= list.length) return { value: undefined, done: true };
      const [name, value] = list[this.#index++];
      return { value: this.#kind === 'keys' ? name : this.#kind === 'values' ? value : [name, value], done: false };
    }
    [Symbol.iterator]() { return this; }
    get [Symbol.toStringTag]() { return 'URLSearchParams Iterator'; }
  }

  class URLSearchParams {
    #list = [];
    #onUpdate = null; // set when these are a URL's searchParams: writes the URL's query

    static {
      listOf = (params) => params.#list;
      attach = (params, list, onUpdate) => { params.#list = list; params.#onUpdate = onUpdate; };
    }

    constructor(init = undefined) {
      if (init === undefined || init === null) return;
      if (typeof init !== 'object' && typeof init !== 'function') {
        const string = usv(init);
        this.#list = parseForm(string.startsWith('?') ? string.slice(1) : string);
      } else if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const items = pair !== null && typeof pair === 'object' && typeof pair[Symbol.iterator] === 'function' ? [...pair] : [];
          if (items.length !== 2) throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          this.#list.push([usv(items[0]), usv(items[1])]);
        }
      } else {
        for (const key of Object.keys(init)) this.#list.push([usv(key), usv(init[key])]);
      }
    }

    get size() { return this.#list.length; }

    append(name, value) {
      required(arguments, 2, 'name', 'value');
      this.#list.push([usv(name), usv(value)]);
      this.#update();
    }

    delete(name, value = undefined) {
      required(arguments, 1, 'name');
      name = usv(name);
      const only = value === undefined ? undefined : usv(value);
      this.#list = this.#list.filter(([n, v]) => n !== name || (only !== undefined && v !== only));
      this.#update();
    }

    get(name) {
      required(arguments, 1, 'name');
      name = usv(name);
      const entry = this.#list.find(([n]) => n === name);
      return entry === undefined ? null : entry[1];
    }

    getAll(name) {
      required(arguments, 1, 'name');
      name = usv(name);
      return this.#list.filter(([n]) => n === name).map(([, v]) => v);
    }

    has(name, value = undefined) {
      required(arguments, 1, 'name');
      name = usv(name);
      const only = value === undefined ? undefined : usv(value);
      return this.#list.some(([n, v]) => n === name && (only === undefined || v === only));
    }

    set(name, value) {
      required(arguments, 2, 'name', 'value');
      name = usv(name);
      value = usv(value);
      const first = this.#list.findIndex(([n]) => n === name);
      if (first < 0) this.#list.push([name, value]);
      else this.#list = this.#list.filter(([n], i) => i <= first || n !== name).map((e, i) => (i === first ? [name, value] : e));
      this.#update();
    }

    sort() {
      this.#list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)); // stable, by UTF-16 code units
      this.#update();
    }

    entries() { return new URLSearchParamsIterator(this, 'entries'); }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "callback" argument must be of type function.');
      for (let i = 0; i < this.#list.length; i++) callback.call(thisArg, this.#list[i][1], this.#list[i][0], this);
    }

    keys() { return new URLSearchParamsIterator(this, 'keys'); }
    values() { return new URLSearchParamsIterator(this, 'values'); }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return this.#list.map(([n, v]) => formEncode(n) + '=' + formEncode(v)).join('&'); }
    get [Symbol.toStringTag]() { return 'URLSearchParams'; }

    #update() {
      if (this.#onUpdate !== null) this.#onUpdate(this.toString());
    }
  }

  // ---- URL ----

  class URL {
    #url;
    #params = null;

    constructor(input, base = undefined) {
      required(arguments, 1, 'url');
      const baseString = base === undefined ? undefined : usv(base);
      const baseRecord = baseString === undefined ? null : parse(baseString, null);
      const url = base !== undefined && baseRecord === null ? null : parse(usv(input), baseRecord);
      if (url === null) throw invalidUrl(usv(input), baseString);
      this.#url = url;
    }

    static canParse(input, base = undefined) {
      const baseRecord = base === undefined ? null : parse(usv(base), null);
      return (base === undefined || baseRecord !== null) && parse(usv(input), baseRecord) !== null;
    }

    toString() { return this.href; }

    get href() { return serialize(this.#url); }
    set href(value) {
      const url = parse(usv(value), null);
      if (url === null) throw invalidUrl(usv(value));
      this.#url = url;
      this.#syncParams();
    }

    get origin() { return origin(this.#url); }

    get protocol() { return this.#url.scheme + ':'; }
    set protocol(value) {
      const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(usv(value) + ':');
      const url = this.#url;
      const scheme = match === null ? null : match[1].toLowerCase();
      if (scheme === null || isSpecial(url.scheme) !== isSpecial(scheme)) return;
      if (scheme === 'file' && (url.username !== '' || url.password !== '' || url.port !== null)) return;
      if (url.scheme === 'file' && url.host === '') return;
      url.scheme = scheme;
      if (url.port === DEFAULT_PORTS[scheme]) url.port = null;
    }

    get username() { return this.#url.username; }
    set username(value) { if (this.#takesCredentials()) this.#url.username = percentEncode(usv(value), USERINFO); }
    get password() { return this.#url.password; }
    set password(value) { if (this.#takesCredentials()) this.#url.password = percentEncode(usv(value), USERINFO); }

    get host() {
      const url = this.#url;
      return url.host === null ? '' : url.port === null ? url.host : `${url.host}:${url.port}`;
    }
    set host(value) { this.#setHost(usv(value), true); }
    get hostname() { return this.#url.host === null ? '' : this.#url.host; }
    set hostname(value) { this.#setHost(usv(value), false); }

    get port() { return this.#url.port === null ? '' : String(this.#url.port); }
    set port(value) {
      if (!this.#takesCredentials()) return;
      const string = usv(value);
      const digits = /^[0-9]*/.exec(string)[0];
      if (string !== '' && digits === '') return;
      const port = parsePort(this.#url, digits);
      if (port !== undefined) this.#url.port = port;
    }

    get pathname() { return pathname(this.#url); }
    set pathname(value) {
      if (typeof this.#url.path === 'string') return;
      this.#url.path = [];
      parsePath(this.#url, usv(value));
    }

    get search() { const query = this.#url.query; return query === null || query === '' ? '' : '?' + query; }
    set search(value) {
      const url = this.#url;
      const string = usv(value);
      url.query = string === '' ? null : percentEncode(string.replace(/^\?/, ''), isSpecial(url.scheme) ? SPECIAL_QUERY : QUERY);
      this.#syncParams();
    }

    get searchParams() {
      if (this.#params === null) {
        this.#params = new URLSearchParams();
        this.#syncParams();
      }
      return this.#params;
    }

    get hash() { const fragment = this.#url.fragment; return fragment === null || fragment === '' ? '' : '#' + fragment; }
    set hash(value) {
      const string = usv(value);
      this.#url.fragment = string === '' ? null : percentEncode(string.replace(/^#/, ''), FRAGMENT);
    }

    toJSON() { return this.href; }
    get [Symbol.toStringTag]() { return 'URL'; }

    #takesCredentials() {
      const url = this.#url;
      return url.host !== null && url.host !== '' && url.scheme !== 'file';
    }

    #setHost(value, withPort) {
      const url = this.#url;
      if (typeof url.path === 'string') return;
      const end = (isSpecial(url.scheme) ? /[/\\?#]/ : /[/?#]/).exec(value);
      const [hostPart, portPart] = splitHostPort(end === null ? value : value.slice(0, end.index));
      if (!withPort && portPart !== null) return;
      if (hostPart === '' && isSpecial(url.scheme)) return;
      const host = parseHost(hostPart, isSpecial(url.scheme));
      if (host === null) return;
      url.host = host;
      const port = portPart === null ? undefined : parsePort(url, /^[0-9]*/.exec(portPart)[0]);
      if (port !== undefined && /^[0-9]/.test(portPart)) url.port = port;
    }

    #syncParams() {
      if (this.#params === null) return;
      attach(this.#params, parseForm(this.#url.query === null ? '' : this.#url.query), (serialized) => {
        this.#url.query = serialized === '' ? null : serialized;
      });
    }
  }

  // Node's URL and URLSearchParams members are enumerable (for...in lists them); class members are not.
  for (const prototype of [URL.prototype, URLSearchParams.prototype]) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name !== 'constructor') Object.defineProperty(prototype, name, { enumerable: true });
    }
  }

  return { globals: { URL, URLSearchParams }, modules: {} };
}
