// SPDX-License-Identifier: MIT
/** Where the panel sits: docked to the bottom or the right edge of the viewport, or floating in a corner. */
export type DevtoolsPosition = 'bottom' | 'right' | 'floating';

export interface BgkitDevtoolsOptions {
  /** @default 'right' */
  position?: DevtoolsPosition;
  /** Open the panel at once (its UI is then loaded at once). @default false */
  open?: boolean;
  /** A CSP nonce, set on every `<style>` element the panel adds. */
  nonce?: string;
  /** Where the `<bgkit-devtools>` element goes. @default document.body */
  container?: HTMLElement;
}

export interface BgkitDevtoolsHandle {
  /** The mounted `<bgkit-devtools>` element. */
  readonly element: HTMLElement;
  /** Opens the panel, loading its UI on first use; resolves once it shows. */
  open(): Promise<void>;
  close(): void;
  toggle(): Promise<void>;
  /** Removes the panel and its listeners. */
  unmount(): void;
}

/** What the lazily loaded panel module offers the launcher. */
export interface PanelModule {
  createPanel(host: PanelHost): PanelInstance;
}

export interface PanelHost {
  /** Where the panel renders (inside the shadow root). */
  root: HTMLElement;
  /** Adds a stylesheet to the shadow root (a `<style>` with the CSP nonce). */
  addStyle(css: string): void;
  /** The open/close shortcut, for labels. */
  shortcut: string;
  close(): void;
}

export interface PanelInstance {
  /** The panel became visible: start refreshing. */
  show(): void;
  /** The panel was hidden: stop refreshing. */
  hide(): void;
  destroy(): void;
  /** Moves focus into the panel. */
  focus(): void;
}
