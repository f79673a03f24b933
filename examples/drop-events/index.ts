import { PluginEvent, PluginMeta } from '@posthog/plugin-scaffold'

type DropMeta = PluginMeta<{ config: { eventsToDrop: string }; global: { names: Set<string> } }>

export function setupPlugin({ config, global }: DropMeta): void {
    global.names = new Set(
        config.eventsToDrop
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name.length > 0)
    )
}

// Returning null drops the event: it is not produced to the output topic.
export function processEvent(event: PluginEvent, { global }: DropMeta): PluginEvent | null {
    return global.names.has(event.event) ? null : event
}
