// SPDX-License-Identifier: MIT
// The sentences that more than one place says, each written once. Development builds only: every use sits
// behind `DEV ? … : ''`, which production builds fold to '', so they drop this module (errors keep their
// code, details and cause there; the README's error table says the rest).
export const MESSAGES = {
  noServiceWorkers: 'This browser has no service workers, so bgkit cannot run background tasks here.',
  taskCanceled: (reason: string) => `The task was canceled (${reason}).`,
  triggerNotOnTask: (trigger: string) => `This ${trigger} is not set on any registered task: register a task with it first.`,
  optionsObject: (call: string) => `${call} takes an options object.`,
  taskNotRegistered: 'That task is not registered (any more): register it first.',
};
