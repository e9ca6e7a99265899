"""The script every page of the load test runs first: it times an input to its drawn result.

``INIT_JS`` is added to each browser context (``context.add_init_script``); the sessions call
``window.__lt.wait(timeout_ms)`` after a key press or click (load/sessions.py).
"""

# Runs in every page before its own scripts. Records the time of the last key press or click, the
# rerun requests sent and the "script finished" messages received after it (and stApp's
# data-test-script-state going 'running', for reference); ``wait`` resolves on the first frame
# after a run finished that was requested after that input.
INIT_JS = """
(() => {
  // What the browser sends and receives on Streamlit's websocket, read from the protobuf bytes:
  // a BackMsg with field 11 (rerun_script) is a rerun request; a ForwardMsg with field 6
  // (script_finished) = 0 or 3 says the run is over. The DOM's script-state attribute alone
  // misses runs: when both messages reach a busy renderer together, React draws once and the
  // attribute never shows 'running'.
  const ATTR = 'data-test-script-state';
  const lt = { input: null, events: [], waiters: [] };
  window.__lt = lt;
  const push = (s) => {
    if (lt.input !== null) lt.events.push({ s, t: performance.now() });
    lt.waiters = lt.waiters.filter((check) => !check());
  };
  const mark = () => { lt.input = performance.now(); lt.events = []; };
  document.addEventListener('keydown', mark, true);
  document.addEventListener('click', mark, true);
  const bytesOf = (d) => (d instanceof ArrayBuffer ? new Uint8Array(d)
    : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : null);
  // The top-level fields of a protobuf message: field number -> varint value (or true).
  const fields = (b) => {
    const out = {};
    let i = 0;
    const varint = () => {
      let v = 0, k = 1, x;
      do { x = b[i++]; v += (x & 0x7f) * k; k *= 128; } while (x & 0x80 && i < b.length);
      return v;
    };
    while (i < b.length) {
      const tag = varint(), num = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) out[num] = varint();
      else if (wire === 2) { const n = varint(); i += n; out[num] = true; }
      else if (wire === 1) { i += 8; out[num] = true; }
      else if (wire === 5) { i += 4; out[num] = true; }
      else break;
    }
    return out;
  };
  const Native = window.WebSocket;
  const nativeSend = Native.prototype.send;
  Native.prototype.send = function (data) {
    const b = bytesOf(data);
    if (b && fields(b)[11] !== undefined) push('request');
    return nativeSend.call(this, data);
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const b = bytesOf(e.data);
        const status = b ? fields(b)[6] : undefined;
        if (status === 0 || status === 3) {
          push('finished');
          requestAnimationFrame(() => push('painted'));  // the frame that shows the result
        }
      });
    }
  };
  new MutationObserver((records) => {
    records.forEach((r, i) => {
      const next = records.slice(i + 1).find((q) => q.target === r.target);
      const value = next ? next.oldValue : r.target.getAttribute(ATTR);
      if (value === 'running') push('running');
    });
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true,
                         attributeFilter: [ATTR] });
  const snapshot = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const exc = [...document.querySelectorAll('[data-testid="stException"]')];
    return {
      connection: app ? app.getAttribute('data-test-connection-state') : null,
      exceptions: exc.length,
      exceptionText: exc.length ? exc[0].innerText.slice(0, 300) : '',
    };
  };
  lt.wait = (timeoutMs) => new Promise((resolve) => {
    const start = lt.input;
    let timer = null;
    const check = () => {
      const req = lt.events.find((e) => e.s === 'request');
      const fin = req && lt.events.find((e) => e.s === 'finished' && e.t >= req.t);
      const done = fin && lt.events.find((e) => e.s === 'painted' && e.t >= fin.t);
      if (!done) return false;
      clearTimeout(timer);
      resolve({ ok: true, start, request: req.t, finished: fin.t, done: done.t, ...snapshot() });
      return true;
    };
    if (check()) return;
    lt.waiters.push(check);
    timer = setTimeout(() => {
      lt.waiters = lt.waiters.filter((c) => c !== check);
      const sentRequest = lt.events.some((e) => e.s === 'request');
      resolve({ ok: false, start, sentRequest, ...snapshot() });
    }, timeoutMs);
  });
})();
"""
