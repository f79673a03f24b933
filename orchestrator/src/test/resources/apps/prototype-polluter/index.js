// Pollutes the built-ins of its own context. Another instance (another tenant's app, or the next
// app of this tenant's chain, in the same worker) must not see any of it: see pollution-detector.
export function processEvent(event) {
  Object.prototype.polluted = 'by prototype-polluter'
  Array.prototype.push = function () { return -1 }
  JSON.parse = () => ({ polluted: true })
  JSON.stringify = () => '"polluted"'
  String.prototype.toUpperCase = function () { return 'polluted' }
  Promise.prototype.then = function () { return 'polluted' }
  Object.defineProperty(Object.prototype, 'toJSON', {
    value: function () { return 'polluted' }, writable: true, configurable: true, enumerable: false,
  })
  event.properties.polluter_ran = true
  return event
}
