// SPDX-License-Identifier: MIT
// The styles of the host element, the launcher and the panel's frame; the panel's own styles come with its chunk.
export const launcherStyles = `
:host { all: initial; position: fixed; z-index: 2147483000; font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2430; }
.launcher {
  position: fixed; right: 12px; bottom: 12px; width: 36px; height: 36px; border-radius: 50%;
  border: 1px solid #2b3a8f; background: #3b5bdb; color: #fff; cursor: pointer;
  font: 600 11px/1 ui-monospace, SFMono-Regular, Menlo, monospace; letter-spacing: -0.02em;
  box-shadow: 0 2px 8px rgb(0 0 0 / 0.25); padding: 0;
}
.launcher:hover { background: #2f4ac0; }
.launcher:focus-visible { outline: 3px solid #ffd43b; outline-offset: 2px; }
.launcher[aria-expanded='true'] { display: none; }
.frame {
  position: fixed; display: flex; flex-direction: column; background: #fff; color: #1f2430;
  box-shadow: 0 0 0 1px #d5d9e4, 0 6px 24px rgb(0 0 0 / 0.18); overflow: hidden;
}
.frame[hidden] { display: none; }
.frame[data-position='right'] { top: 0; right: 0; bottom: 0; width: min(460px, 100vw); }
.frame[data-position='bottom'] { left: 0; right: 0; bottom: 0; height: min(45vh, 460px); }
.frame[data-position='floating'] {
  right: 16px; bottom: 16px; width: min(480px, calc(100vw - 32px)); height: min(72vh, 640px); border-radius: 10px;
}
.loading { padding: 12px; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; color: #5c6478; }
@media (max-width: 600px) {
  .frame[data-position='right'], .frame[data-position='floating'] { top: auto; left: 0; right: 0; bottom: 0; width: 100vw; height: 70vh; border-radius: 0; }
}
@media (prefers-reduced-motion: no-preference) {
  .launcher { transition: background 120ms; }
}
`;
