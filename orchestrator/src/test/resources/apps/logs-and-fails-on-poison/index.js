// Writes one console line per event and throws on the events marked poison: the admin API's log
// filters and per-app-config counters (server.PipelineIT). CommonJS, so it loads as stored.
exports.processEvent = (event) => {
  console.log('saw ' + event.event)
  if (event.properties && event.properties.poison) {
    throw new Error('poisoned: ' + event.event)
  }
  return event
}
