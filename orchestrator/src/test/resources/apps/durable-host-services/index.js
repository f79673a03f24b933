// Exercises meta.cache, meta.storage and meta.utils.cursor and reports what it saw in the event's
// properties, for hostservices.DurableHostServicesIT. Events: "cache", "storage", "reloaded".
// CommonJS, so it loads as stored.

// What a promise gave: {value} or {error: its message}.
async function outcome(promise) {
  try {
    return { value: await promise }
  } catch (e) {
    return { error: String(e && e.message) }
  }
}

exports.setupPlugin = async ({ utils }) => {
  await utils.cursor.increment('setups')
}

async function exerciseCache(p, cache) {
  await cache.set('object', { zebra: 1, apple: [1, 2.5, null] }, 60)
  p.object = await cache.get('object')
  await cache.set('raw', 'not json {', undefined, { jsonSerialize: false })
  p.raw = await cache.get('raw', null, { jsonSerialize: false })
  p.rawAsJson = await cache.get('raw')
  p.missing = await cache.get('missing', 'fallback')
  p.missingWithoutDefault = (await cache.get('missing')) === undefined
  p.incr = [await cache.incr('counter'), await cache.incr('counter')]
  p.incrObject = await outcome(cache.incr('object'))

  await cache.set('short', 'lived')
  p.expireExisting = await cache.expire('short', 0)
  p.afterExpire = await cache.get('short', 'gone')
  p.expireMissing = await cache.expire('never-set', 10)
  await cache.set('ttl', 'v')
  p.expireWithTtl = await cache.expire('ttl', 30)

  p.lpushArray = await cache.lpush('list', ['a', 'b'])
  p.lpushNumber = await outcome(cache.lpush('list', 5))
  p.lpushMixed = await cache.lpush('list', [{ c: 1 }, 5])
  p.lpushThousand = await cache.lpush('thousand', new Array(1000).fill('x'))
  p.lpushTooMany = await outcome(cache.lpush('list', new Array(1001).fill('x')))
  p.lpushOntoString = await outcome(cache.lpush('object', 'x'))
  p.lrange = await cache.lrange('list', 0, -1)
  p.lrangeTail = await cache.lrange('list', -2, -1)
  p.llen = await cache.llen('list')
  p.lpop = await cache.lpop('list')
  p.lpopTwo = await cache.lpop('list', 2)
  p.lrem = await cache.lrem('list', 0, 'a')
  p.llenAfter = await cache.llen('list')
  p.lpopEmpty = await cache.lpop('list')
}

async function exerciseStorage(p, storage, cursor) {
  await storage.set('state', { zebra: 1, apple: [null, '\u00e9'], mango: { y: true, x: false } })
  p.state = await storage.get('state')
  await storage.set('nothing', null)
  p.storedNull = await storage.get('nothing', 'default')
  p.missing = await storage.get('missing', 'default')
  await storage.set('temp', 1)
  await storage.del('temp')
  p.deleted = await storage.get('temp', 'gone')
  await cursor.init('cursor', 10)
  await cursor.init('cursor', 99)
  p.cursor = [await cursor.increment('cursor'), await cursor.increment('cursor', 5)]
  p.cursorViaGet = await storage.get('cursor')
  p.setups = await storage.get('setups')
}

exports.processEvent = async (event, { cache, storage, utils }) => {
  const p = event.properties
  if (event.event === 'cache') {
    await exerciseCache(p, cache)
  } else if (event.event === 'storage') {
    await exerciseStorage(p, storage, utils.cursor)
  } else if (event.event === 'reloaded') {
    p.state = await storage.get('state')
    p.storedNull = await storage.get('nothing', 'default')
    p.cursor = await utils.cursor.increment('cursor')
    p.setups = await storage.get('setups')
  }
  return event
}
