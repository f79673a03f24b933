// Trusted code of the worker's system context (no app code ever runs there): adds PostHog's
// `$plugins_succeeded`, `$plugins_failed` and `$plugins_deferred` lists to an event that went
// through a chain. Done in JS so numbers, key order and escapes round-trip exactly as JS does.
(function () {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const isArray = Array.isArray;
  return function addPluginLists(eventJson, succeededJson, failedJson, deferredJson) {
    const event = parse(eventJson);
    const p = event.properties;
    const properties = p && typeof p === 'object' && !isArray(p) ? p : {};
    event.properties = {
      ...properties,
      $plugins_succeeded: parse(succeededJson),
      $plugins_failed: parse(failedJson),
      $plugins_deferred: parse(deferredJson),
    };
    return stringify(event);
  };
})
