// Functions the wasm app calls in the page (declared in web/shell_bridge.h).
// Each stays a one-liner: the page's logic lives in trinity_shell.js.
mergeInto(LibraryManager.library, {
  trinity_shell_open_file_picker: function () { window.trinityShell.openFilePicker(); },
  trinity_shell_cross_origin_isolated: function () { return self.crossOriginIsolated ? 1 : 0; },
  trinity_shell_drag_over: function () { return window.trinityShell.isDragOver() ? 1 : 0; },
  trinity_shell_download: function (name, mime, text) {
    window.trinityShell.download(UTF8ToString(name), UTF8ToString(mime), UTF8ToString(text));
  },
  trinity_shell_load_feed: function (id) { window.trinityShell.loadFeed(id); },
  trinity_shell_request_event: function (evidence, offset) { window.trinityShell.requestEvent(evidence, offset); },
  trinity_shell_open_rules_picker: function (folder) { window.trinityShell.openRulesPicker(folder !== 0); },
  trinity_shell_copy_text: function (text) { window.trinityShell.copyText(UTF8ToString(text)); },
  trinity_shell_request_event: function (evidence, offset) { window.trinityShell.requestEvent(evidence, offset); },
  // Resizes the canvas backbuffer and tells GLFW, without glfwSetWindowSize's
  // habit of going fullscreen when the size equals the screen's.
  trinity_shell_set_canvas_size__deps: ['$Browser'],
  trinity_shell_set_canvas_size: function (width, height) { Browser.setCanvasSize(width, height); },
});
