// Form.io's builder asks for the ace editor (component edit dialogs: custom logic, JSON) and would fetch
// it from a CDN unless `window.ace` is already set (see /work/shared/notes/frontend-stack.md). So ace, the
// modes and theme Form.io uses, and the workers are bundled here and this module runs before Form.io.
import ace from "ace-builds/src-noconflict/ace";
import "ace-builds/src-noconflict/mode-javascript";
import "ace-builds/src-noconflict/mode-json";
import "ace-builds/src-noconflict/mode-html";
import "ace-builds/src-noconflict/mode-handlebars";
import "ace-builds/src-noconflict/theme-xcode";
import javascriptWorker from "ace-builds/src-noconflict/worker-javascript?url";
import jsonWorker from "ace-builds/src-noconflict/worker-json?url";
import htmlWorker from "ace-builds/src-noconflict/worker-html?url";

ace.config.setModuleUrl("ace/mode/javascript_worker", javascriptWorker);
ace.config.setModuleUrl("ace/mode/json_worker", jsonWorker);
ace.config.setModuleUrl("ace/mode/html_worker", htmlWorker);
(window as any).ace = ace;

export default ace;
