// Throws on every event marked poison, passes the others: a breaker opens on a poison stream
// and closes again once clean events come back. CommonJS, so it loads as stored.
exports.processEvent = (event) => {
  if (event.properties && event.properties.poison) {
    throw new Error('fails-on-poison: ' + event.event)
  }
  event.properties.clean = true
  return event
}
