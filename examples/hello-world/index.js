// The smallest useful app: processEvent gets each event and the app config's values.
export function processEvent(event, { config }) {
    event.properties = event.properties || {}
    event.properties.greeting = config.greeting
    return event
}
