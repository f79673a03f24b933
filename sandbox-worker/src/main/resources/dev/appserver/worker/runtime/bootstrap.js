// Trusted code evaluated in every app context after the runtime library and before the app.
// It builds the app's globals (console, fetch, posthog, RetryError, require) and `meta`, and the
// plumbing the worker drives (`rt`): loading the module, invoking exports under the worker's time
// limit, and settling host-service calls.
//
// It captures the intrinsics it relies on (Promise, JSON, Reflect.apply) before any app code
// runs, so an app that later overwrites e.g. JSON.stringify or Promise.prototype.then in its own
// context cannot break the plumbing. Nothing here is reachable from other contexts.
//
// `host` is the worker's bridge (a proxy object): call(kind, ...) -> call id, log(type, message),
// emit(index, status, payload), done(status, payload). Its functions are taken out of
// it once, so a call is one host call rather than a member lookup and then a call.
(function (host, library, instance) {
  'use strict';
  const G = globalThis;
  const apply = Reflect.apply;
  const P = Promise;
  const pThen = P.prototype.then;
  const pResolve = P.resolve;
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  const JSONobj = JSON;
  const ErrorCtor = Error;
  const StringCtor = String;
  const NumberCtor = Number;
  const isArray = Array.isArray;
  const objectKeys = Object.keys;
  const defineProperty = Object.defineProperty;
  const createObject = Object.create;
  const DateNow = Date.now;
  const ProxyCtor = Proxy;
  // The runtime library's own classes, built on first use (install.js), not the app's globals.
  const lib = library.globals;
  const Uint8ArrayCtor = Uint8Array;
  const fromCharCode = String.fromCharCode;
  const hostCall = host.call;
  const hostLog = host.log;
  const hostEmit = host.emit;
  const hostDone = host.done;

  const parse = (s) => apply(jsonParse, JSONobj, [s]);
  const stringify = (v) => apply(jsonStringify, JSONobj, [v]);
  const resolved = (v) => apply(pResolve, P, [v]);
  const then = (p, onOk, onError) => apply(pThen, p, [onOk, onError]);
  const isThenable = (r) => r !== null && (typeof r === 'object' || typeof r === 'function') && typeof r.then === 'function';
  const def = (target, key, value) => defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
  // A property built on first read, so that an idle instance does not hold what its app never
  // uses (see docs/benchmarks.md, Density): an accessor until then, a writable data property after
  // the first read or write, with the enumerability given.
  const lazy = (target, key, enumerable, build) => {
    const become = (value) => defineProperty(target, key, { value, enumerable, writable: true, configurable: true });
    defineProperty(target, key, {
      get: () => { const value = build(); become(value); return value; },
      set: become,
      enumerable,
      configurable: true,
    });
  };

  // ---- errors ---------------------------------------------------------------------------------

  class RetryError extends ErrorCtor {
    constructor(message) { super(message); this.name = 'RetryError'; }
  }
  class FetchError extends ErrorCtor {
    constructor(message, type, code) {
      super(message);
      this.name = 'FetchError';
      this.type = type;
      if (code) { this.code = code; this.errno = code; }
    }
  }

  function errorText(e) {
    try {
      if (e instanceof ErrorCtor || (e && typeof e === 'object' && typeof e.message === 'string')) {
        const name = e.name ? StringCtor(e.name) : 'Error';
        return e.message ? name + ': ' + StringCtor(e.message) : name;
      }
      return StringCtor(e);
    } catch (ignored) {
      try { return stringify(e); } catch (alsoIgnored) { return 'unknown error'; }
    }
  }
  const isRetry = (e) => !!e && (e instanceof RetryError || e.name === 'RetryError');

  // ---- host calls -------------------------------------------------------------------------------

  const pending = createObject(null);

  function call(kind, a, b, c, d, e, f) {
    return new P((resolve, reject) => {
      const id = hostCall(kind, a, b, c, d, e, f);
      pending[id] = [resolve, reject];
    });
  }

  // Called by the worker on the context's thread when a host call's result has arrived.
  function settle(id, status, value, extra) {
    const waiter = pending[id];
    if (!waiter) return;
    delete pending[id];
    if (status === 'json') {
      waiter[0](parse(value));
    } else if (status === 'fetch') {
      waiter[0](makeResponse(parse(value), extra));
    } else {
      const info = parse(value);
      const error = info.name === 'FetchError'
        ? new FetchError(info.message, info.type, info.code)
        : new ErrorCtor(info.message);
      waiter[1](error);
    }
  }

  // ---- console ----------------------------------------------------------------------------------

  function formatArgs(args) {
    let out = '';
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      let s;
      if (a instanceof ErrorCtor) {
        s = errorText(a);
      } else {
        try { s = StringCtor(a); } catch (e) { s = '[object Object]'; }
        if (s === '[object Object]' || isArray(a)) {
          try {
            const j = stringify(a);
            if (j !== undefined) s = j;
          } catch (e) { /* keep the String() form */ }
        }
      }
      out += (i ? ' ' : '') + s;
    }
    return out;
  }

  function makeConsole() {
    const console = createObject(null);
    for (const [method, type] of [['log', 'LOG'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'DEBUG']]) {
      console[method] = function () { hostLog(type, formatArgs(arguments)); };
    }
    return console;
  }

  // ---- fetch (executed by the orchestrator behind its egress policy) -----------------------------

  function bytesToBinary(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      s += apply(fromCharCode, null, bytes.subarray(i, i + 8192));
    }
    return s;
  }
  function binaryToBytes(s) {
    const bytes = new Uint8ArrayCtor(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes;
  }

  // Headers and Response, made on first use: an instance that never fetches does not hold them.
  let fetchClasses = null;
  function classes() {
    if (fetchClasses) return fetchClasses;
    class Headers {
      constructor(init) {
        def(this, '_map', createObject(null));
        if (init instanceof Headers) init.forEach((v, k) => this.append(k, v));
        else if (isArray(init)) for (const [k, v] of init) this.append(k, v);
        else if (init && typeof init === 'object') for (const k of objectKeys(init)) this.append(k, init[k]);
      }
      append(name, value) {
        const k = StringCtor(name).toLowerCase();
        (this._map[k] || (this._map[k] = [])).push(StringCtor(value));
      }
      set(name, value) { this._map[StringCtor(name).toLowerCase()] = [StringCtor(value)]; }
      get(name) { const v = this._map[StringCtor(name).toLowerCase()]; return v ? v.join(', ') : null; }
      has(name) { return !!this._map[StringCtor(name).toLowerCase()]; }
      delete(name) { delete this._map[StringCtor(name).toLowerCase()]; }
      forEach(fn, thisArg) { for (const k of objectKeys(this._map)) fn.call(thisArg, this.get(k), k, this); }
      raw() { const o = {}; for (const k of objectKeys(this._map)) o[k] = this._map[k].slice(); return o; }
      *entries() { for (const k of objectKeys(this._map)) yield [k, this.get(k)]; }
      *keys() { for (const k of objectKeys(this._map)) yield k; }
      *values() { for (const k of objectKeys(this._map)) yield this.get(k); }
      [Symbol.iterator]() { return this.entries(); }
    }

    class Response {
      constructor(info, body) {
        this.status = info.status;
        this.statusText = info.statusText;
        this.ok = info.status >= 200 && info.status < 300;
        this.url = info.url;
        this.redirected = !!info.redirected;
        this.headers = new Headers(info.headers);
        def(this, '_body', body);
        this.bodyUsed = false;
      }
      _take() {
        if (this.bodyUsed) return P.reject(new TypeError('body used already for: ' + this.url));
        this.bodyUsed = true;
        return resolved(this._body);
      }
      text() { return then(this._take(), (b) => new lib.TextDecoder('utf-8').decode(binaryToBytes(b))); }
      json() {
        return then(this.text(), (t) => {
          try { return parse(t); } catch (e) {
            throw new FetchError('invalid json response body at ' + this.url + ' reason: ' + e.message, 'invalid-json');
          }
        });
      }
      buffer() { return then(this._take(), (b) => lib.Buffer.from(binaryToBytes(b))); }
      arrayBuffer() { return then(this._take(), (b) => binaryToBytes(b).buffer); }
      clone() { return new Response({ status: this.status, statusText: this.statusText, url: this.url, redirected: this.redirected, headers: this.headers.raw() }, this._body); }
    }
    fetchClasses = { Headers, Response };
    return fetchClasses;
  }

  function makeResponse(info, body) {
    const headers = [];
    for (const h of info.headers) headers.push([h[0], h[1]]);
    return new (classes().Response)({ status: info.status, statusText: info.statusText, url: info.url, redirected: info.redirected, headers }, body);
  }

  function fetch(resource, init) {
    return new P((resolve, reject) => {
      const options = init || {};
      let url;
      if (typeof resource === 'string') url = resource;
      else if (resource && typeof resource.href === 'string') url = resource.href;
      else if (resource && typeof resource.url === 'string') url = resource.url;
      else url = StringCtor(resource);
      const headers = new (classes().Headers)(options.headers);
      let body = null;
      const raw = options.body;
      if (raw !== undefined && raw !== null) {
        if (typeof raw === 'string') body = bytesToBinary(new lib.TextEncoder().encode(raw));
        else if (raw instanceof Uint8ArrayCtor) body = bytesToBinary(raw);
        else if (raw instanceof ArrayBuffer) body = bytesToBinary(new Uint8ArrayCtor(raw));
        else if (raw instanceof lib.URLSearchParams) {
          body = bytesToBinary(new lib.TextEncoder().encode(raw.toString()));
          if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
        } else body = bytesToBinary(new lib.TextEncoder().encode(StringCtor(raw)));
      }
      const method = StringCtor(options.method || 'GET').toUpperCase();
      const timeout = NumberCtor(options.timeout) > 0 ? NumberCtor(options.timeout) : 0;
      const flatHeaders = [];
      headers.forEach((value, name) => { flatHeaders.push(name, value); });
      const id = hostCall('fetch', url, method, flatHeaders, body, StringCtor(options.redirect || 'follow'), timeout);
      pending[id] = [resolve, reject];
    });
  }
  def(fetch, 'default', fetch);
  def(fetch, 'FetchError', FetchError);
  lazy(fetch, 'Headers', false, () => classes().Headers);
  lazy(fetch, 'Response', false, () => classes().Response);

  // ---- posthog, modules, require ------------------------------------------------------------------

  const posthog = createObject(null);
  posthog.capture = (event, properties) => call('capture', StringCtor(event), stringify(properties === undefined ? {} : properties) || '{}');

  function createBuffer(opts) {
    // @posthog/plugin-contrib's algorithm. There are no timers in the sandbox: a buffer past its
    // timeout flushes on the next add, and apps flush it themselves in teardownPlugin.
    const buffer = {
      array: [], points: 0, due: null,
      add: (object, points = 1) => {
        if (buffer.due !== null && DateNow() >= buffer.due) buffer.flush();
        if (buffer.points && buffer.points + points > opts.limit) buffer.flush();
        buffer.points += points;
        buffer.array.push(object);
        if (buffer.points > opts.limit) buffer.flush();
        else if (buffer.due === null) buffer.due = DateNow() + (opts.timeoutSeconds || 10) * 1000;
      },
      flush: async () => {
        buffer.due = null;
        if (buffer.array.length > 0) {
          const array = buffer.array;
          const points = buffer.points;
          buffer.array = [];
          buffer.points = 0;
          await (opts.onFlush && opts.onFlush(array, points));
        }
      },
    };
    return buffer;
  }

  const ownModules = {
    '@posthog/plugin-scaffold': () => ({ RetryError }),
    '@posthog/plugin-contrib': () => ({ createBuffer }),
    'node-fetch': () => fetch,
  };
  const moduleCache = createObject(null);
  function require(name) {
    if (typeof name === 'string') {
      if (name in moduleCache) return moduleCache[name];
      const thunk = Object.prototype.hasOwnProperty.call(ownModules, name) ? ownModules[name]
        : (name in library.modules ? library.modules[name] : null);
      if (thunk) return (moduleCache[name] = thunk());
    }
    throw new ErrorCtor("Cannot import '" + StringCtor(name) + "'! This package is not provided by this app server.");
  }

  lazy(G, 'console', false, makeConsole);
  def(G, 'fetch', fetch);
  def(G, 'posthog', posthog);
  def(G, 'RetryError', RetryError);

  // ---- meta -----------------------------------------------------------------------------------------

  const ttl = (t) => (NumberCtor(t) > 0 ? NumberCtor(t) : 0);
  const makeCache = () => ({
    set: async (key, value, ttlSeconds, options) => {
      const json = !(options && options.jsonSerialize === false);
      const stored = json ? stringify(value) : StringCtor(value);
      await call('cache.set', StringCtor(key), stored === undefined ? 'null' : stored, ttl(ttlSeconds));
    },
    get: async (key, defaultValue, options) => {
      const value = await call('cache.get', StringCtor(key));
      if (value === null || value === undefined) return defaultValue;
      if (options && options.jsonSerialize === false) return value;
      try { return parse(value); } catch (e) { return null; }
    },
    incr: (key) => call('cache.incr', StringCtor(key), 1),
    incrby: (key, by) => call('cache.incr', StringCtor(key), NumberCtor(by) | 0),
    expire: (key, ttlSeconds) => call('cache.expire', StringCtor(key), NumberCtor(ttlSeconds)),
    // PostHog's checks and wording: a string, or an array of at most 1000 elements, each made a string.
    lpush: (key, elementOrArray) => {
      if (typeof elementOrArray === 'string') return call('cache.lpush', StringCtor(key), [elementOrArray]);
      if (!isArray(elementOrArray)) return P.reject(new ErrorCtor('cache.lpush expects a string value or an array of strings'));
      if (elementOrArray.length > 1000) {
        const tooMany = new ErrorCtor('Too many elements in array for cache.lpush. Maximum: 1000');
        tooMany.name = 'IllegalOperationError';
        return P.reject(tooMany);
      }
      const strings = [];
      for (const v of elementOrArray) strings.push(StringCtor(v));
      return call('cache.lpush', StringCtor(key), strings);
    },
    lrange: (key, start, stop) => call('cache.lrange', StringCtor(key), NumberCtor(start) | 0, NumberCtor(stop) | 0),
    llen: (key) => call('cache.llen', StringCtor(key)),
    lpop: (key, count) => call('cache.lpop', StringCtor(key), count === undefined || count === null ? -1 : NumberCtor(count) | 0),
    lrem: (key, count, element) => call('cache.lrem', StringCtor(key), NumberCtor(count) | 0, StringCtor(element)),
  });

  const makeStorage = () => ({
    set: async (key, value) => {
      const json = stringify(value);
      await call('storage.set', StringCtor(key), json === undefined ? 'null' : json);
    },
    get: async (key, defaultValue) => {
      const found = await call('storage.get', StringCtor(key));
      return found.length ? found[0] : defaultValue;
    },
    del: async (key) => { await call('storage.del', StringCtor(key)); },
  });

  const makeCursor = () => ({
    init: async (key, initialValue = 0) => { await call('cursor.init', StringCtor(key), NumberCtor(initialValue) || 0); },
    increment: (key, incrementBy = 1) => call('cursor.increment', StringCtor(key), NumberCtor(incrementBy) || 1),
  });

  const UNIT_MILLIS = {
    millisecond: 1, milliseconds: 1, second: 1000, seconds: 1000, minute: 60000, minutes: 60000,
    hour: 3600000, hours: 3600000, day: 86400000, days: 86400000, week: 604800000, weeks: 604800000,
    month: 2592000000, months: 2592000000, quarter: 7776000000, quarters: 7776000000,
    year: 31536000000, years: 31536000000,
  };
  function enqueue(name, payload, runAt) {
    const json = stringify(payload === undefined ? {} : payload);
    return call('job', name, json === undefined ? '{}' : json, runAt);
  }
  const makeJobs = () => new ProxyCtor(createObject(null), {
    get(target, name) {
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (payload) => ({
        runNow: () => enqueue(name, payload, 0),
        runIn: (amount, unit) => {
          const millis = UNIT_MILLIS[StringCtor(unit).toLowerCase()];
          if (!millis) return P.reject(new ErrorCtor('Unknown time unit "' + StringCtor(unit) + '" in runIn'));
          return enqueue(name, payload, DateNow() + NumberCtor(amount) * millis);
        },
        runAt: (date) => enqueue(name, payload, new Date(date).getTime()),
      });
    },
  });

  function makeAttachments(list) {
    const out = {};
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      out[a.key] = { content_type: a.contentType, file_name: a.fileName, contents: lib.Buffer.from(binaryToBytes(a.contents)) };
    }
    return out;
  }

  // The host services are built on an app's first use of each (lazy), in PostHog's key order.
  const meta = {
    config: parse(instance.config),
    attachments: makeAttachments(instance.attachments),
    global: {},
  };
  lazy(meta, 'cache', true, makeCache);
  lazy(meta, 'storage', true, makeStorage);
  lazy(meta, 'utils', true, () => ({ cursor: makeCursor() }));
  lazy(meta, 'jobs', true, makeJobs);
  lazy(meta, 'geoip', true, () => ({ locate: (ip) => call('geoip', StringCtor(ip)) }));
  meta.metrics = {};

  // ---- the worker's side: load, invoke, batches -----------------------------------------------------

  let methods = null;
  let generation = 0;

  function load(factory) {
    const exportsObject = {};
    const moduleObject = { exports: exportsObject };
    const locals = factory.call(exportsObject, exportsObject, require, moduleObject, instance.fileName, '/');
    const hasKeys = (o) => o && (typeof o === 'object' || typeof o === 'function') && objectKeys(o).some((k) => k !== '__esModule');
    const sources = [];
    const modExports = moduleObject.exports;
    for (const s of [exportsObject, exportsObject.default, modExports, modExports && modExports !== exportsObject ? modExports.default : undefined]) {
      if (hasKeys(s)) sources.push(s);
    }
    if (!sources.length) sources.push(locals);
    const found = createObject(null);
    for (const name of instance.exportNames) {
      for (const s of sources) {
        const v = s[name];
        if (v !== undefined && v !== null) { found[name] = v; break; }
      }
    }
    if (!found.processEvent && typeof found.processEventBatch === 'function') {
      const batch = found.processEventBatch;
      found.processEvent = async (event, m) => {
        const out = await batch([event], m);
        return out && out[0];
      };
    }
    for (const name of objectKeys(found)) {
      if (name !== 'jobs' && name !== 'metrics' && typeof found[name] !== 'function') delete found[name];
    }
    methods = found;
    const jobNames = found.jobs && typeof found.jobs === 'object' ? objectKeys(found.jobs).filter((k) => typeof found.jobs[k] === 'function') : [];
    return { methods: objectKeys(found), jobs: jobNames };
  }

  // Runs fn.apply(thisArg, args) as one invocation; reports through hostDone(status, payload)
  // once it has returned or its promise has settled.
  function invoke(fn, thisArg, args) {
    const myGeneration = ++generation;
    const fail = (e) => hostDone(isRetry(e) ? 'retry' : 'failed', errorText(e));
    let r;
    try {
      r = apply(fn, thisArg, args);
    } catch (e) {
      fail(e);
      return;
    }
    if (isThenable(r)) {
      then(resolved(r),
        () => { if (myGeneration === generation) hostDone('ok', null); },
        (e) => { if (myGeneration === generation) fail(e); });
    } else {
      hostDone('ok', null);
    }
  }

  // Runs methods[name](...args, meta, ...afterMeta); afterMetaJson is optional.
  function invokeExport(name, argsJson, afterMetaJson) {
    const args = [];
    for (const a of parse(argsJson)) args.push(a);
    args.push(meta);
    if (afterMetaJson) for (const a of parse(afterMetaJson)) args.push(a);
    invoke(methods[name], undefined, args);
  }

  function invokeJob(name, payloadJson) {
    const fn = methods.jobs && methods.jobs[name];
    if (typeof fn !== 'function') {
      hostDone('failed', 'Error: Job "' + name + '" is not defined');
      return;
    }
    invoke(fn, methods.jobs, [parse(payloadJson), meta]);
  }

  // Runs `name` (processEvent or onEvent) over inputs[start..count) one event at a time, in order.
  // For each event, once it is through: hostEmit(i, status, payload) with status 'ok' (payload:
  // the event as JSON), 'dropped', or 'failed' (payload: the reason). The worker takes an emit as
  // the start of event i + 1 (its time limit starts again), so there is one host call per event.
  // Finally hostDone('ok'). An async export is awaited before the next event starts.
  function runBatch(name, inputs, start, count) {
    const fn = methods[name];
    const transform = name === 'processEvent';
    const myGeneration = ++generation;
    let i = start;
    function finish(index, value, teamId) {
      if (!transform) { hostEmit(index, 'ok', null); return; }
      if (!value) { hostEmit(index, 'dropped', null); return; }
      if (typeof value !== 'object' || isArray(value)) {
        hostEmit(index, 'failed', 'Error: processEvent returned something that is not an event');
        return;
      }
      if (value.team_id !== teamId) {
        hostEmit(index, 'failed', 'IllegalOperationError: Plugin tried to change event.team_id');
        return;
      }
      let json;
      try { json = stringify(value); } catch (e) { hostEmit(index, 'failed', errorText(e)); return; }
      // What leaves is the JSON, not the object checked above: a toJSON (the event's own or one
      // planted on Object.prototype), a getter or a proxy can make the two differ. The worker
      // checks the JSON's team_id against the input's (EventJson), without parsing it here again.
      hostEmit(index, 'ok', json);
    }
    function step() {
      while (i < count) {
        if (myGeneration !== generation) return;
        const index = i;
        const event = parse(inputs[index]);
        const teamId = event.team_id;
        let r;
        try {
          r = fn(event, meta);
        } catch (e) {
          hostEmit(index, 'failed', errorText(e));
          i++;
          continue;
        }
        if (isThenable(r)) {
          then(resolved(r),
            (v) => { if (myGeneration !== generation) return; finish(index, v, teamId); i = index + 1; step(); },
            (e) => { if (myGeneration !== generation) return; hostEmit(index, 'failed', errorText(e)); i = index + 1; step(); });
          return;
        }
        finish(index, r, teamId);
        i++;
      }
      if (myGeneration === generation) hostDone('ok', null);
    }
    step();
  }

  // Abandons whatever invocation is in flight (after a timeout): its continuations see a newer
  // generation and stop.
  function abandon() { generation++; }

  return { load, invokeExport, invokeJob, runBatch, settle, abandon };
})
