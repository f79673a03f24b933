// Trusted code of the worker's system context (no app code ever runs there): adds PostHog's
// `$plugins_succeeded`, `$plugins_failed` and `$plugins_deferred` lists to the events of a batch
// that went through a chain, in one call per batch. Done in JS so numbers, key order and escapes
// round-trip exactly as JS does.
(function () {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const isArray = Array.isArray;
  // events[i]: event JSON; succeeded[i], failed[i]: JSON arrays of names; deferred: one JSON array.
  return function addPluginLists(events, succeeded, failed, deferredJson) {
    const deferred = parse(deferredJson);
    const out = [];
    for (let i = 0; i < events.length; i++) {
      const event = parse(events[i]);
      const p = event.properties;
      const properties = p && typeof p === 'object' && !isArray(p) ? p : {};
      event.properties = {
        ...properties,
        $plugins_succeeded: parse(succeeded[i]),
        $plugins_failed: parse(failed[i]),
        $plugins_deferred: deferred.slice(),
      };
      out.push(stringify(event));
    }
    return out;
  };
})
