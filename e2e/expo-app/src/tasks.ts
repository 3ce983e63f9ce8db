// Every task of the app, defined at module top level. The page and the service worker both import this
// module: in the page defineTask() records the names, in the worker it defines the bgkit tasks.
import './fetch-task';
import './background-task';
import './probe-tasks';
