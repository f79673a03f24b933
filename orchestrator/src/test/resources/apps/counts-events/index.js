// Counts the events it sees in meta.storage (a cursor) and in meta.cache, and locates the
// event's $ip: server.ServerHostServicesIT restarts the server between events. CommonJS.
exports.processEvent = async (event, { cache, utils, geoip }) => {
  event.properties.stored = await utils.cursor.increment('events')
  event.properties.cached = await cache.incr('events')
  const location = await geoip.locate(event.properties.$ip)
  event.properties.city = location && location.city ? location.city.names.en : null
  return event
}
