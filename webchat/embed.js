/*!
 * Borgerservice-assistenten: chat launcher for a municipality's web site.
 *   <script src="https://BOT-HOST/webchat/embed.js" data-kommune="boegely" async></script>
 * Optional: data-locale="da-DK|en-GB" (otherwise from <html lang>), data-websocket="false" (polling),
 * data-kommune-navn="Bøgely Kommune" (launcher label before the first open), data-nonce (strict CSP),
 * data-preload="idle" (load the chat once the page is loaded and the browser is idle; see below).
 * Only a button is added here. The panel (chat-panel.js) and Web Chat load when the citizen comes
 * near the button (pointer, keyboard focus, touch) or opens the chat, or at once on a page load
 * after a reload/navigation while the chat was open.
 * With data-preload="idle" they load earlier, after the page's load event when the browser is
 * idle, so that opening takes about 0.6 s instead of about 3 s (README, Measured): Web Chat's
 * parse time (1.3–1.9 s on a 2-core machine) is paid before the click. That costs every visitor
 * of the page 624 KB and that parse time, so it is for pages where many visitors chat (the
 * contact page), not for the whole site. Skipped when the browser asks to save data.
 */
(function () {
  'use strict';
  var NS = 'BorgerserviceAssistent';
  var script = document.currentScript || document.querySelector('script[src*="/webchat/embed.js"][data-kommune]');
  if (!script || !script.src) return;
  var g = (window[NS] = window[NS] || {});
  if (g.embedded) return; // the tag was added twice
  g.embedded = true;

  var src = String(script.src);
  var base = src.slice(0, src.indexOf('/webchat/embed.js')); // the server, with any path prefix
  var municipality = script.getAttribute('data-kommune') || '';
  if (!/^[a-z0-9-]{1,64}$/.test(municipality)) {
    if (window.console)
      console.error('Borgerservice-assistenten: data-kommune is missing or invalid on the embed tag.');
    return;
  }
  var requested = script.getAttribute('data-locale');
  var pageLang = (document.documentElement.getAttribute('lang') || '').toLowerCase();
  var locale = requested === 'en-GB' || requested === 'da-DK' ? requested : /^en\b/.test(pageLang) ? 'en-GB' : 'da-DK';
  var english = locale === 'en-GB';
  var nonce = script.getAttribute('data-nonce') || script.nonce || undefined;
  var key = 'borgerservice-assistent:' + municipality + ':';
  var preloadWhenIdle = script.getAttribute('data-preload') === 'idle';

  function stored(name) {
    try {
      return window.sessionStorage.getItem(key + name);
    } catch (e) {
      return null;
    }
  }
  function store(name, value) {
    try {
      window.sessionStorage.setItem(key + name, value);
    } catch (e) {
      /* storage blocked: no memory across pages */
    }
  }

  var cached = {};
  try {
    cached = JSON.parse(stored('config') || '{}') || {};
  } catch (e) {
    cached = {};
  }
  var name = script.getAttribute('data-kommune-navn') || cached.name || (english ? 'the municipality' : 'kommunen');

  var css =
    '.bsa-root{all:initial}' +
    '.bsa-launcher{all:initial;box-sizing:border-box;position:fixed;right:16px;bottom:16px;z-index:2147483000;display:inline-flex;' +
    'align-items:center;gap:8px;min-height:48px;padding:12px 20px;border-radius:24px;border:2px solid var(--bsa-on-primary,#fff);cursor:pointer;' +
    'font:600 16px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.35);' +
    'background:var(--bsa-primary,#1f3b57);color:var(--bsa-on-primary,#fff)}' +
    '.bsa-launcher:hover{text-decoration:underline}' +
    '.bsa-launcher:focus-visible{outline:3px solid #000;outline-offset:3px;box-shadow:0 0 0 6px #fff}' +
    '.bsa-launcher[hidden]{display:none}' +
    '.bsa-launcher svg{width:22px;height:22px;fill:currentColor;flex:none}' +
    '.bsa-note{position:fixed;right:16px;bottom:72px;z-index:2147483000;max-width:calc(100vw - 32px);margin:0;padding:8px 12px;' +
    'background:#fff;color:#1a1a1a;border:2px solid #a4262c;font:15px/1.4 system-ui,Arial,sans-serif}' +
    '.bsa-note:empty{padding:0;border:0}' +
    '@media (forced-colors:active){.bsa-launcher{border-color:ButtonText}}';

  var root, launcher, note;
  var panel;
  var loading;

  function setLauncherColours(config) {
    if (!config || !config.primary) return;
    root.style.setProperty('--bsa-primary', config.primary);
    root.style.setProperty('--bsa-on-primary', config.onPrimary);
  }

  function build() {
    var style = document.createElement('style');
    if (nonce) style.setAttribute('nonce', nonce);
    style.textContent = css;
    document.head.appendChild(style);

    root = document.createElement('div');
    root.className = 'bsa-root';
    root.setAttribute('data-borgerservice-assistent', municipality);
    root.setAttribute('lang', locale);
    setLauncherColours(cached);

    launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'bsa-launcher';
    launcher.setAttribute('aria-label', (english ? 'Open chat with ' : 'Åbn chat med ') + name);
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'bsa-panel-' + municipality);
    launcher.innerHTML =
      '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z"/></svg>' +
      '<span>Chat</span>';
    launcher.addEventListener('click', function () {
      open(true);
    });
    // The citizen is about to open the chat: start loading it now, so that Web Chat's parse time
    // (seconds on a slow phone) overlaps the move to the click. Visitors who never come near the
    // button load nothing but this file.
    launcher.addEventListener('pointerenter', warmUp, { once: true });
    launcher.addEventListener('focus', warmUp, { once: true });
    launcher.addEventListener('touchstart', warmUp, { once: true, passive: true });

    note = document.createElement('p');
    note.className = 'bsa-note';
    note.setAttribute('role', 'status');

    root.appendChild(launcher);
    root.appendChild(note);
    document.body.appendChild(root);

    if (stored('open') === '1')
      open(false); // the chat was open before this page load
    else if (preloadWhenIdle) warmUpWhenIdle();
  }

  /** data-preload="idle": warm up after the page's own load, in idle time, unless data is to be saved. */
  function warmUpWhenIdle() {
    var connection = navigator.connection;
    if (connection && connection.saveData) return;
    function whenIdle() {
      if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(warmUp, { timeout: 5000 });
      else window.setTimeout(warmUp, 200);
    }
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });
  }

  function loadPanel() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      if (typeof g.createPanel === 'function') return resolve();
      var s = document.createElement('script');
      s.src = base + '/webchat/chat-panel.js';
      s.async = true;
      if (nonce) s.setAttribute('nonce', nonce);
      s.onload = function () {
        typeof g.createPanel === 'function' ? resolve() : reject(new Error('no panel'));
      };
      s.onerror = function () {
        reject(new Error('chat-panel.js did not load'));
      };
      document.head.appendChild(s);
    });
    loading.catch(function () {
      loading = undefined;
    });
    return loading;
  }

  /** Loads the panel and Web Chat without opening anything: no token, no conversation. */
  function warmUp() {
    loadPanel().then(
      function () {
        if (typeof g.preloadWebChat === 'function') g.preloadWebChat(base, nonce);
      },
      // Nothing to tell yet: a click tries again and shows the error then.
      function () {},
    );
  }

  /** focus: move keyboard focus into the panel (a click), or leave it where it is (a page load). */
  function open(focus) {
    note.textContent = '';
    store('open', '1');
    launcher.setAttribute('aria-busy', 'true');
    loadPanel().then(
      function () {
        launcher.removeAttribute('aria-busy');
        if (!panel) {
          panel = g.createPanel({
            base: base,
            municipality: municipality,
            locale: locale,
            webSocket: script.getAttribute('data-websocket') !== 'false',
            nonce: nonce,
            root: root,
            storageKey: key,
            onConfig: function (config) {
              setLauncherColours(config);
              if (!script.getAttribute('data-kommune-navn') && config.name) {
                launcher.setAttribute('aria-label', (english ? 'Open chat with ' : 'Åbn chat med ') + config.name);
              }
            },
            onOpen: function () {
              launcher.hidden = true;
              launcher.setAttribute('aria-expanded', 'true');
            },
            onClose: function (returnFocus) {
              launcher.hidden = false;
              launcher.setAttribute('aria-expanded', 'false');
              if (returnFocus) launcher.focus();
            },
          });
        }
        panel.open(focus);
      },
      function () {
        launcher.removeAttribute('aria-busy');
        store('open', '0');
        note.textContent = english
          ? 'The chat could not be loaded. Please try again later.'
          : 'Chatten kunne ikke indlæses. Prøv igen senere.';
      },
    );
  }

  if (document.body) build();
  else document.addEventListener('DOMContentLoaded', build);
})();
