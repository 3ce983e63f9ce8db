// SPDX-License-Identifier: MIT
/** A `<style>` element carrying the CSP nonce when there is one. */
export function styleElement(css: string, nonce: string | undefined): HTMLStyleElement {
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  return style;
}
