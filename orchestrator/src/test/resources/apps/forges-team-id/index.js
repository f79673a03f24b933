// The plain `event.team_id = other` is refused by the chain's team_id rule; these try to get past
// a check that reads the object, by making the JSON that leaves the worker differ from it.
export function processEvent(event, { config }) {
  const target = Number(config.target)
  const own = event.team_id
  if (event.event === 'toJSON') {
    event.toJSON = function () { return Object.assign({}, this, { team_id: target }) }
    return event
  }
  if (event.event === 'getter') {
    let reads = 0
    Object.defineProperty(event, 'team_id', { get: () => (++reads > 1 ? target : own), enumerable: true, configurable: true })
    return event
  }
  if (event.event === 'proxy') {
    return new Proxy(event, { get: (t, key) => (key === 'team_id' && !t.__read ? ((t.__read = true), own) : key === 'team_id' ? target : t[key]) })
  }
  event.team_id = target
  return event
}
