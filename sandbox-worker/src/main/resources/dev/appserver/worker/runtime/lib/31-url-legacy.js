/*
 * require('url'): the WHATWG classes from 30-url.js plus Node's legacy API: parse(str,
 * parseQueryString, slashesDenoteHost) returning a Url {protocol, slashes, auth, host, port,
 * hostname, hash, search, query, pathname, path, href}, format(urlObject | URL | string) and
 * resolve(from, to). parse() and format() follow the steps of Node 20's lib/url.js (trimming,
 * backslashes before the query, auth at the last '@', host ending at the first invalid char,
 * auto-escaping of spaces and quotes, querystring parsing); resolve() is the WHATWG equivalent
 * Node's documentation gives, which agrees with the legacy one for ordinary inputs.
 */
(library, natives) => {
  'use strict';
  const URL = library.URL, URLSearchParams = library.URLSearchParams;
  const bufferFrom = library.Buffer.from;
  const { utf8Slice } = library.Buffer.prototype;

  function url() {
    const SLASHED = new Set(['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:']);
    const HOSTLESS = new Set(['javascript:']);
    const AUTO_ESCAPE = { '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C',
      '>': '%3E', '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D' };

    function invalidUrl(input) {
      const error = new TypeError('Invalid URL');
      error.code = 'ERR_INVALID_URL';
      error.input = input;
      return error;
    }

    // querystring.unescape: decodeURIComponent, or byte-wise where that throws on bad input.
    function unescape(string) {
      try {
        return decodeURIComponent(string);
      } catch {
        const bytes = bufferFrom(string, 'utf8'), out = new Uint8Array(bytes.length);
        let n = 0;
        for (let i = 0; i < bytes.length; i++) {
          const hex = /^%[0-9a-fA-F]{2}$/.test(String.fromCharCode(bytes[i], bytes[i + 1], bytes[i + 2]));
          out[n++] = hex ? parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16) : bytes[i];
          if (hex) i += 2;
        }
        return utf8Slice.call(out, 0, n);
      }
    }

    function parseQuery(string) {
      const query = Object.create(null);
      for (const part of string.split('&')) {
        if (part === '') continue;
        const equals = part.indexOf('=');
        const key = unescape((equals < 0 ? part : part.slice(0, equals)).replace(/\+/g, ' '));
        const value = equals < 0 ? '' : unescape(part.slice(equals + 1).replace(/\+/g, ' '));
        if (!(key in query)) query[key] = value;
        else if (Array.isArray(query[key])) query[key].push(value);
        else query[key] = [query[key], value];
      }
      return query;
    }

    function stringifyQuery(object) {
      const scalar = (v) => (['string', 'number', 'bigint', 'boolean'].includes(typeof v) ? encodeURIComponent(String(v)) : '');
      return Object.keys(object).map((key) => {
        const value = object[key], name = encodeURIComponent(key) + '=';
        return Array.isArray(value) ? value.map((v) => name + scalar(v)).join('&') : name + scalar(value);
      }).filter((part) => part !== '').join('&');
    }

    class Url {
      constructor() {
        Object.assign(this, { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null,
          hash: null, search: null, query: null, pathname: null, path: null, href: null });
      }

      format() { return formatLegacy(this); }
    }

    function setQuery(result, search, parseQueryString) {
      result.search = search;
      result.query = parseQueryString ? parseQuery(search.slice(1)) : search.slice(1);
    }

    function parseAuthority(result, rest) {
      let hostEnd = -1, at = -1, nonHost = -1;
      for (let i = 0; i < rest.length && hostEnd < 0; i++) {
        const c = rest[i];
        if ('\t\n\r "%\';<>\\^`{|}'.includes(c)) { if (nonHost < 0) nonHost = i; }
        else if (c === '#' || c === '/' || c === '?') { if (nonHost < 0) nonHost = i; hostEnd = i; }
        else if (c === '@') { at = i; nonHost = -1; }
      }
      let start = 0;
      if (at >= 0) { result.auth = unescape(rest.slice(0, at)); start = at + 1; }
      result.host = nonHost < 0 ? rest.slice(start) : rest.slice(start, nonHost);
      rest = nonHost < 0 ? '' : rest.slice(nonHost);
      let hostname = result.host;
      const port = /:[0-9]*$/.exec(hostname);
      if (port !== null) {
        if (port[0] !== ':') result.port = port[0].slice(1);
        hostname = hostname.slice(0, hostname.length - port[0].length);
      }
      const ipv6 = hostname.startsWith('[') && hostname.endsWith(']');
      if (!ipv6) {
        const invalid = hostname.search(/[/\\#?:]/);
        if (invalid >= 0) { rest = '/' + hostname.slice(invalid) + rest; hostname = hostname.slice(0, invalid); }
      }
      hostname = hostname.length > 255 ? '' : hostname.toLowerCase();
      if (hostname !== '' && !ipv6) {
        if (/[^\x00-\x7f]/.test(hostname)) hostname = domainToASCII(hostname);
        if (/[\0\t\n\r #%/:<>?@[\\\]^|]/.test(hostname)) throw invalidUrl(result.href);
      } else if (ipv6 && /[\0\t\n\r #%/<>?@\\^|]/.test(hostname)) throw invalidUrl(result.href);
      result.host = hostname + (result.port ? ':' + result.port : '');
      result.hostname = ipv6 ? hostname.slice(1, -1) : hostname;
      return ipv6 && rest[0] !== '/' ? '/' + rest : rest;
    }

    function parse(input, parseQueryString = false, slashesDenoteHost = false) {
      if (input instanceof Url) return input;
      if (typeof input !== 'string') {
        const shown = input === null || input === undefined ? `${input}` : `type ${typeof input} (${String(input)})`;
        const error = new TypeError(`The "url" argument must be of type string. Received ${shown}`);
        error.code = 'ERR_INVALID_ARG_TYPE';
        throw error;
      }
      const result = new Url();
      result.href = input;
      let rest = input.replace(/^[\x00-\x20\u00a0\ufeff]+|[\x00-\x20\u00a0\ufeff]+$/g, '');
      const split = rest.search(/[?#]/); // backslashes before the query or hash become slashes
      rest = (split < 0 ? rest : rest.slice(0, split)).replace(/\\/g, '/') + (split < 0 ? '' : rest.slice(split));

      const simple = !slashesDenoteHost && !rest.includes('#') && /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/.exec(rest);
      if (simple) {
        Object.assign(result, { path: rest, href: rest, pathname: simple[1] });
        if (simple[2]) setQuery(result, simple[2], parseQueryString);
        else if (parseQueryString) result.query = Object.create(null);
        return result;
      }

      const protocol = /^[a-z0-9.+-]+:/i.exec(rest);
      const lowerProtocol = protocol === null ? null : protocol[0].toLowerCase();
      if (protocol !== null) { result.protocol = lowerProtocol; rest = rest.slice(protocol[0].length); }
      let slashes = false;
      if (slashesDenoteHost || protocol !== null || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
        slashes = rest.startsWith('//');
        if (slashes && !HOSTLESS.has(lowerProtocol)) { rest = rest.slice(2); result.slashes = true; }
      }
      if (!HOSTLESS.has(lowerProtocol) && (slashes || (protocol !== null && !SLASHED.has(lowerProtocol)))) {
        rest = parseAuthority(result, rest);
      }
      if (!HOSTLESS.has(lowerProtocol)) rest = rest.replace(/[\t\n\r "'<>\\^`{|}]/g, (c) => AUTO_ESCAPE[c]);

      const hash = rest.indexOf('#');
      if (hash >= 0) { result.hash = rest.slice(hash); rest = rest.slice(0, hash); }
      const question = rest.indexOf('?');
      if (question >= 0) { setQuery(result, rest.slice(question), parseQueryString); rest = rest.slice(0, question); }
      else if (parseQueryString) result.query = Object.create(null);
      if (rest !== '') result.pathname = rest;
      if (SLASHED.has(lowerProtocol) && result.hostname && !result.pathname) result.pathname = '/';
      if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '');
      result.href = formatLegacy(result);
      return result;
    }

    function formatLegacy(object) {
      const auth = object.auth ? encodeURIComponent(object.auth).replace(/%(3A|3B|26|3D|2B|24|2C)/gi, (e) => decodeURIComponent(e)) + '@' : '';
      let protocol = object.protocol || '', pathname = object.pathname || '', hash = object.hash || '', host = '';
      if (object.host) host = auth + object.host;
      else if (object.hostname) {
        const hostname = String(object.hostname);
        host = auth + (hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname);
        if (object.port) host += ':' + object.port;
      }
      const query = object.query !== null && typeof object.query === 'object' ? stringifyQuery(object.query) : '';
      let search = object.search || (query && '?' + query) || '';
      if (protocol && !protocol.endsWith(':')) protocol += ':';
      pathname = pathname.replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
      if (object.slashes || SLASHED.has(protocol)) {
        if (object.slashes || host) {
          if (pathname && pathname[0] !== '/') pathname = '/' + pathname;
          host = '//' + host;
        } else if (protocol === 'file:') host = '//';
      }
      search = search.replace(/#/g, '%23');
      if (hash && hash[0] !== '#') hash = '#' + hash;
      if (search && search[0] !== '?') search = '?' + search;
      return protocol + host + pathname + search + hash;
    }

    function format(object, options = {}) {
      if (typeof object === 'string') return parse(object).format();
      if (!(object instanceof URL)) return formatLegacy(object);
      const { auth = true, fragment = true, search = true } = options || {};
      const href = object.href, authority = href.startsWith(object.protocol + '//');
      const userinfo = auth && (object.username || object.password)
        ? object.username + (object.password ? ':' + object.password : '') + '@' : '';
      return object.protocol + (authority ? '//' + userinfo + object.host : '') + object.pathname
        + (search ? object.search : '') + (fragment ? object.hash : '');
    }

    function resolve(from, to) {
      const resolved = new URL(to, new URL(from, 'resolve://'));
      if (resolved.protocol !== 'resolve:') return resolved.toString();
      return resolved.pathname + resolved.search + resolved.hash;
    }

    function domainToASCII(domain) {
      try {
        return new URL(`ws://${domain}`).hostname;
      } catch {
        return '';
      }
    }

    return { URL, URLSearchParams, Url, parse, format, resolve, domainToASCII };
  }

  return { globals: {}, modules: { url } };
}
