declare module '*?raw' {
  const source: string;
  export default source;
}

declare module '*?capacitor-runner' {
  import type { RunnerBody } from '@bgkit/capacitor/sw';
  const runner: RunnerBody;
  export default runner;
}
