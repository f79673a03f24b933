/*
 * Links the runtime library into a fresh context; called once per context by RuntimeLibrary with
 * (natives, file name, factory, file name, factory, ...), each factory being one evaluated
 * lib/*.js file, `(library, natives) => ({globals, modules})`.
 *
 * Nothing of the library is built here. UNITS below says which globals and modules each group of
 * files provides; a group's factories run on the first read of one of its globals or the first
 * build of one of its modules, so an idle context that never touches, say, URL or zlib does not
 * hold them (most of a context's heap beyond GraalJS's own realm was the library's, built
 * eagerly; see docs/benchmarks.md, Density). Until then each global is an accessor on globalThis
 * (non-enumerable, configurable, like the built-ins): reading it builds its group and replaces
 * the group's accessors with writable data properties; assigning it first just stores the app's
 * value. Factories and the bootstrap read the library through `library`, which always gives the
 * library's own values, whatever an app has done to its globals since.
 *
 * Engine extras apps must not see are deleted last.
 *
 * Returns a frozen {modules, globals}: module name -> thunk that builds the module once; global
 * name -> getter of the library's own value.
 */
(function install(natives) {
  'use strict'; // so a bad define or delete throws instead of failing silently
  // Every file of lib/, each in exactly one group, in the order the files may depend on each other.
  const UNITS = [
    { files: ['10-buffer.js', '11-buffer-numbers.js'], globals: ['Buffer'], modules: [] },
    { files: ['20-text.js'], globals: ['TextEncoder', 'TextDecoder', 'atob', 'btoa'], modules: [] },
    { files: ['30-url.js'], globals: ['URL', 'URLSearchParams'], modules: [] },
    { files: ['31-url-legacy.js'], globals: [], modules: ['url'] },
    { files: ['40-crypto.js'], globals: [], modules: ['crypto'] },
    { files: ['50-zlib.js'], globals: [], modules: ['zlib'] },
    { files: ['60-stream.js'], globals: [], modules: ['stream'] },
  ];
  const global = globalThis;
  const defineProperty = Object.defineProperty;
  const ownDescriptor = Object.getOwnPropertyDescriptor;
  const ownKeys = Object.keys;
  const fail = (message) => { throw new Error('runtime library: ' + message); };

  const factories = Object.create(null);
  for (let i = 1; i < arguments.length; i += 2) factories[arguments[i]] = arguments[i + 1];
  const listed = UNITS.flatMap((unit) => unit.files);
  if (listed.join() !== ownKeys(factories).join()) {
    fail('install.js lists ' + listed.join() + ' but was given ' + ownKeys(factories).join());
  }

  const originals = Object.create(null); // global name -> the library's own value, once built
  const thunks = Object.create(null); // module name -> the factory's module thunk, once built
  const getters = Object.create(null); // global name -> its accessor's getter on globalThis
  const library = Object.create(null);
  const modules = Object.create(null);
  const defineData = (name, value) =>
    defineProperty(global, name, { value, writable: true, enumerable: false, configurable: true });

  for (const unit of UNITS) {
    let built = false;
    const build = () => {
      if (built) return; // also when a later file of the unit reads an earlier one's global
      built = true;
      for (const file of unit.files) {
        const provided = factories[file](library, natives);
        for (const name of ownKeys(provided.globals)) {
          if (!unit.globals.includes(name)) fail(file + ' provides the undeclared global ' + name);
          originals[name] = provided.globals[name];
        }
        for (const name of ownKeys(provided.modules)) {
          if (!unit.modules.includes(name)) fail(file + ' provides the undeclared module ' + name);
          thunks[name] = provided.modules[name];
        }
      }
      for (const name of unit.globals) {
        if (!(name in originals)) fail(unit.files.join() + ' did not provide the global ' + name);
        const current = ownDescriptor(global, name);
        if (current && current.get === getters[name]) defineData(name, originals[name]);
      }
      for (const name of unit.modules) {
        if (!(name in thunks)) fail(unit.files.join() + ' did not provide the module ' + name);
      }
    };
    for (const name of unit.globals) {
      const get = () => { build(); return originals[name]; };
      getters[name] = get;
      defineProperty(global, name, { get, set: (value) => defineData(name, value), enumerable: false, configurable: true });
      defineProperty(library, name, { get, enumerable: true });
    }
    for (const name of unit.modules) {
      let module, made = false;
      modules[name] = () => {
        if (!made) { build(); module = thunks[name](); made = true; }
        return module;
      };
    }
  }
  // GraalJS shell and polyglot helpers; `console` is replaced by the app's own, installed later.
  for (const name of ['print', 'printErr', 'load', 'loadWithNewGlobal', 'Graal', 'quit', 'read',
    'readbuffer', 'readline', 'console', 'arguments', 'Java', 'Polyglot']) {
    delete global[name];
  }
  return Object.freeze({ modules: Object.freeze(modules), globals: Object.freeze(library) });
})
