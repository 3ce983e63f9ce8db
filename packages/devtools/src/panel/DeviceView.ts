// SPDX-License-Identifier: MIT
// What the worker believes of the device, with the fields a simulation overrides marked, and the buttons
// that change it (each change fires the system triggers a real one would).
import type { BackgroundWorkCostValue, DeviceOverrides, DeviceState } from '@bgkit/client';
import { h, setText, uid } from './dom.js';
import type { Simulator } from './Simulator.js';
import type { Snapshot } from './snapshot.js';

type Field = { key: keyof DeviceOverrides; label: string; show(state: DeviceState, snapshot: Snapshot): string };

const yesNo = (value: boolean | undefined) => (value === undefined ? 'unknown' : value ? 'yes' : 'no');

const FIELDS: Field[] = [
  { key: 'online', label: 'online', show: (s) => yesNo(s.online) },
  { key: 'userPresent', label: 'user present', show: (s) => yesNo(s.userPresent) },
  {
    key: 'onAC',
    label: 'power',
    show: (s) =>
      `${s.onAC === undefined ? 'unknown (counts as AC)' : s.onAC ? 'AC' : 'battery'}${s.batteryLevel === undefined ? '' : ` · ${Math.round(s.batteryLevel * 100)} %`}`,
  },
  { key: 'workCost', label: 'work cost', show: (s, snapshot) => snapshot.workCost ?? s.workCost ?? 'unknown' },
  { key: 'timeZone', label: 'time zone', show: (s) => s.timeZone ?? 'unknown' },
  {
    key: 'effectiveType',
    label: 'network',
    show: (s) => [s.effectiveType, s.connectionType, s.saveData ? 'save-data' : undefined].filter(Boolean).join(' · ') || 'unknown',
  },
  { key: 'sessionConnected', label: 'session', show: (s) => (s.sessionConnected === undefined ? 'unknown' : s.sessionConnected ? 'connected' : 'disconnected') },
];

export class DeviceView {
  readonly element: HTMLElement;
  readonly #values = new Map<keyof DeviceOverrides, HTMLElement>();

  constructor(simulator: Simulator) {
    const set = (label: string, signals: DeviceOverrides) => () => void simulator.run(label, () => ({ kind: 'device', signals }), () => 'the worker now believes it');
    const button = (text: string, action: string, onclick: () => void, label?: string) =>
      h('button', { type: 'button', dataset: { sim: '', action }, onclick, 'aria-label': label }, text);

    const list = h('dl', { class: 'state' });
    for (const field of FIELDS) {
      const value = h('dd', { dataset: { field: field.key } });
      this.#values.set(field.key, value);
      list.append(h('dt', {}, field.label), value);
    }

    const zoneId = uid('tz');
    const zone = h('input', { id: zoneId, type: 'text', spellcheck: false, placeholder: 'Asia/Tokyo', dataset: { input: 'timeZone' }, size: 14 });
    const changeZone = () =>
      void simulator.run('Time zone', () => {
        const timeZone = zone.value.trim();
        if (!timeZone) throw new Error('type an IANA time zone first, such as Asia/Tokyo.');
        try {
          new Intl.DateTimeFormat('en', { timeZone });
        } catch {
          throw new Error(`"${timeZone}" is not a time zone this browser knows.`);
        }
        return { kind: 'device', signals: { timeZone } };
      }, () => `now ${zone.value.trim()}`);
    zone.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') changeZone();
    });
    const cost = (value: BackgroundWorkCostValue) => button(value, `cost-${value}`, set(`Work cost ${value}`, { workCost: value }), `Work cost ${value}`);

    this.element = h(
      'section',
      { class: 'device', 'aria-labelledby': 'bgkit-device-title', dataset: { section: 'device' } },
      h('h2', { id: 'bgkit-device-title' }, 'Device'),
      list,
      h(
        'div',
        { class: 'controls', role: 'group', 'aria-label': 'Simulate system events' },
        h('div', { class: 'control-row' }, h('span', { class: 'control-label' }, 'Internet'),
          button('Lost', 'offline', set('Internet lost', { online: false }), 'Internet lost'),
          button('Back', 'online', set('Internet back', { online: true }), 'Internet back')),
        h('div', { class: 'control-row' }, h('span', { class: 'control-label' }, 'User'),
          button('Away', 'away', set('User away', { userPresent: false }), 'User away'),
          button('Present', 'present', set('User present', { userPresent: true }), 'User present')),
        h('div', { class: 'control-row' }, h('span', { class: 'control-label' }, 'Power'),
          button('Battery', 'battery', set('Power to battery', { onAC: false }), 'Power to battery'),
          button('AC', 'ac', set('Power to AC', { onAC: true }), 'Power to AC')),
        h('div', { class: 'control-row' }, h('label', { class: 'control-label', htmlFor: zoneId }, 'Time zone'), zone,
          button('Change', 'timezone', changeZone, 'Change time zone')),
        h('div', { class: 'control-row' }, h('span', { class: 'control-label' }, 'Work cost'), cost('low'), cost('medium'), cost('high')),
        h('div', { class: 'control-row' }, h('span', { class: 'control-label' }, ''),
          button('Reset device', 'reset', () => void simulator.run('Reset device', () => ({ kind: 'resetDevice' }), () => 'the pages\u2019 reports count again'))),
      ),
    );
  }

  update(snapshot: Snapshot): void {
    const state = snapshot.device ?? {};
    const simulated = new Set(state.simulated ?? []);
    for (const field of FIELDS) {
      const dd = this.#values.get(field.key)!;
      const isSimulated = simulated.has(field.key) || (field.key === 'effectiveType' && (simulated.has('connectionType') || simulated.has('saveData')));
      const text = snapshot.device ? field.show(state, snapshot) : '—';
      const label = `${text}${isSimulated ? ' simulated' : ''}`;
      if (dd.dataset.label !== label) {
        dd.dataset.label = label;
        dd.replaceChildren(h('span', { class: 'value' }, text), isSimulated ? h('span', { class: 'badge simulated' }, 'simulated') : '');
      }
      if (isSimulated) dd.dataset.simulated = '';
      else delete dd.dataset.simulated;
    }
  }
}
