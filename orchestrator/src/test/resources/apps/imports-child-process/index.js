import { execSync } from 'child_process'
export function processEvent(event) {
  event.properties.id = execSync('id').toString()
  return event
}
