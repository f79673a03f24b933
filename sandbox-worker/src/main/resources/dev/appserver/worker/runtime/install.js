/*
 * Links the runtime library into a fresh context; called once per context by RuntimeLibrary with
 * (natives, ...factories), each factory being one evaluated lib/*.js file. Every factory is called
 * with (globalThis, natives) in order; the globals it returns are defined on globalThis as
 * non-enumerable, writable, configurable data properties (like the built-ins), and its module
 * thunks are merged into the returned null-prototype object, each wrapped so it runs at most
 * once. Engine extras apps must not see are deleted last.
 */
(function install(natives) {
  'use strict'; // so a bad define or delete throws instead of failing silently
  const factories = Array.prototype.slice.call(arguments, 1);
  const global = globalThis;
  const modules = Object.create(null);
  for (const factory of factories) {
    const provided = factory(global, natives);
    for (const [name, value] of Object.entries(provided.globals)) {
      Object.defineProperty(global, name, { value, writable: true, enumerable: false, configurable: true });
    }
    for (const [name, thunk] of Object.entries(provided.modules)) {
      let module, built = false;
      modules[name] = () => {
        if (!built) { module = thunk(); built = true; }
        return module;
      };
    }
  }
  // GraalJS shell and polyglot helpers; `console` is replaced by the app's own, installed later.
  for (const name of ['print', 'printErr', 'load', 'loadWithNewGlobal', 'Graal', 'quit', 'read',
    'readbuffer', 'readline', 'console', 'arguments', 'Java', 'Polyglot']) {
    delete global[name];
  }
  return Object.freeze(modules);
})
