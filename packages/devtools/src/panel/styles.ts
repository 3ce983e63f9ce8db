// SPDX-License-Identifier: MIT
// The panel's styles: compact, monospace for data, one colour per run status.
export const panelStyles = `
.panel {
  --fg: #1f2430; --muted: #5c6478; --line: #e3e6ee; --soft: #f4f6fa; --accent: #3b5bdb;
  --ok: #2b8a3e; --bad: #c92a2a; --warn: #b35c00; --run: #1c63c9; --sim: #7b3fc4;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  display: flex; flex-direction: column; height: 100%; min-height: 0; font: 12.5px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--fg);
}
.head { display: flex; align-items: center; gap: 8px; padding: 6px 8px 6px 12px; border-bottom: 1px solid var(--line); background: #1f2430; color: #fff; }
.head h1 { font: 600 13px/1.2 var(--mono); margin: 0; white-space: nowrap; }
.head h1:focus { outline: none; }
.head h1:focus-visible { outline: 2px solid #ffd43b; outline-offset: 2px; }
.meta { flex: 1; min-width: 0; color: #c5cad8; font: 11px/1.2 var(--mono); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.access { color: #fff; }
.access[data-access='alwaysAllowed'] { color: #8ce99a; }
.access[data-access='deniedByUser'], .access[data-access='deniedBySystemPolicy'] { color: #ffa8a8; }
.close { background: transparent; color: #fff; border: 1px solid #5c6478; border-radius: 4px; width: 26px; height: 26px; font-size: 16px; line-height: 1; cursor: pointer; }
.body { flex: 1; min-height: 0; overflow: auto; padding: 0 12px 16px; }
.panel section { padding-top: 4px; }
h2 { font: 600 11px/1.2 system-ui, sans-serif; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 12px 0 6px; }
.count { font: 11px var(--mono); text-transform: none; letter-spacing: 0; color: var(--muted); background: var(--soft); border-radius: 8px; padding: 0 6px; }
.empty { color: var(--muted); margin: 4px 0; font-style: italic; }
.list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
/* Docked at the side or floating, a long history scrolls on its own so the tasks stay within reach. */
.frame:not([data-position='bottom']) .runs .list { max-height: 42vh; overflow: auto; }
.task, .run, .pending-item { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; background: #fff; }
.row { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; }
.name { font-weight: 600; }
code, .trigger, .time, .duration, .facts dd, .outcome, .details, .state dd, .percent, .source { font-family: var(--mono); font-size: 11.5px; }
.trigger { color: #364fc7; overflow-wrap: anywhere; }
.facts { display: flex; flex-wrap: wrap; gap: 1px 12px; margin: 3px 0; }
.facts > div { display: flex; gap: 4px; min-width: 0; }
.facts dt, .state dt { color: var(--muted); }
.facts dt { font-size: 11px; }
.facts dd, .state dd { margin: 0; overflow-wrap: anywhere; }
.last[data-status='completed'] { color: var(--ok); }
.last[data-status='failed'] { color: var(--bad); }
.last[data-status='canceled'] { color: var(--warn); }
.last[data-status='running'], .last[data-status='queued'] { color: var(--run); }
.fire, .cancel, .event, .control-row, .buttons, .pair { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 6px; }
.fire { margin-top: 4px; }
.field { display: flex; flex-direction: column; gap: 2px; flex: 1 1 140px; min-width: 0; }
label { color: var(--muted); font-size: 11px; }
textarea, input, select { font: 11.5px/1.3 var(--mono); color: var(--fg); border: 1px solid #c5cad8; border-radius: 4px; padding: 3px 5px; background: #fff; min-width: 0; }
textarea { resize: vertical; width: 100%; box-sizing: border-box; }
.event > textarea, .event > input { flex: 1 1 160px; }
.event { flex-direction: column; align-items: stretch; border-top: 1px dashed var(--line); padding: 6px 0; }
.event > button, .event .buttons { align-self: flex-start; }
button { font: 500 12px/1.2 system-ui, sans-serif; border: 1px solid #adb5c9; background: var(--soft); color: var(--fg); border-radius: 4px; padding: 4px 9px; cursor: pointer; }
button:hover:not(:disabled) { background: #e7ebf3; }
button.primary { background: var(--accent); border-color: #2b3a8f; color: #fff; }
button.primary:hover:not(:disabled) { background: #2f4ac0; }
button.danger { border-color: var(--bad); color: var(--bad); background: #fff; }
button:disabled { opacity: 0.45; cursor: not-allowed; }
button:focus-visible, textarea:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid #f59f00; outline-offset: 1px; }
.status { font: 600 10.5px/1.5 var(--mono); text-transform: uppercase; padding: 0 5px; border-radius: 3px; color: #fff; background: var(--muted); }
.status[data-status='completed'] { background: var(--ok); }
.status[data-status='failed'] { background: var(--bad); }
.status[data-status='canceled'] { background: var(--warn); }
.status[data-status='running'] { background: var(--run); }
.status[data-status='queued'] { background: #868e96; }
.badge { font: 600 10px/1.5 var(--mono); padding: 0 5px; border-radius: 3px; }
.badge.simulated { color: var(--sim); border: 1px solid var(--sim); background: #f3ecfc; }
.source { color: var(--muted); }
.time, .duration { color: var(--muted); }
.duration { margin-left: auto; }
.details { color: var(--muted); overflow-wrap: anywhere; margin-top: 2px; }
.progress { display: flex; align-items: center; gap: 6px; margin-top: 4px; }
.progress progress { flex: 1; height: 8px; accent-color: var(--run); }
.percent { width: 4ch; text-align: right; }
.outcome { margin-top: 3px; overflow-wrap: anywhere; white-space: pre-wrap; }
.outcome[data-kind='completed'] { color: var(--ok); }
.outcome[data-kind='failed'] { color: var(--bad); }
.outcome[data-kind='canceled'] { color: var(--warn); }
.cancel { margin-top: 4px; align-items: center; }
.state { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 8px; }
.state dd { display: flex; gap: 6px; align-items: baseline; }
.state dd[data-simulated] .value { color: var(--sim); font-weight: 600; }
.controls { display: flex; flex-direction: column; gap: 5px; }
.control-row { align-items: center; }
.control-label { width: 70px; color: var(--muted); font-size: 11px; }
.banner { margin: 8px 12px 0; padding: 8px 10px; border: 1px solid #f08c00; border-left-width: 4px; background: #fff4e6; color: #7a3e00; border-radius: 4px; }
.banner code { background: #ffe8cc; padding: 0 3px; border-radius: 3px; }
.status-line { margin: 6px 12px 0; min-height: 1.4em; font: 11.5px/1.4 var(--mono); color: var(--muted); overflow-wrap: anywhere; }
.status-line[data-kind='error'] { color: var(--bad); }
.errors { margin: 4px 12px 0; color: var(--bad); font: 11px var(--mono); }
[hidden] { display: none !important; }
@media (min-width: 900px) {
  .frame[data-position='bottom'] .body { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 0 16px; align-items: start; }
}
`;
