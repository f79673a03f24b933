// setupPlugin throws a RetryError on its first two loads (counted in meta.cache), then works.
const { RetryError } = require('@posthog/plugin-scaffold')

exports.setupPlugin = async ({ cache }) => {
  const attempt = await cache.incr('setup-attempts')
  if (attempt < 3) {
    throw new RetryError('upstream not ready, attempt ' + attempt)
  }
}

exports.processEvent = (event) => {
  event.properties.set_up = true
  return event
}
