/*!
 * Borgerservice-assistenten: the chat panel. Loaded by embed.js when the citizen opens the chat;
 * loads chat-panel.css and Microsoft Bot Framework Web Chat (vendor/webchat-VERSION.js) on first use.
 *
 * sessionStorage (the host page's, per municipality; see embed.js for the key prefix):
 *   conversation  {token, conversationId, watermark, municipality, userID}: resumed after a reload
 *   open          "1" while the panel is open, so it reopens on the next page
 *   config        {name, primary, onPrimary}: the launcher's label and colours on later pages
 */
(function () {
  'use strict';
  var NS = window.BorgerserviceAssistent || (window.BorgerserviceAssistent = {});

  var TEXT = {
    'da-DK': {
      subtitle: 'Virtuel assistent (ikke et menneske)',
      dialog: 'Chat med $1',
      close: 'Luk',
      closeLabel: 'Luk chatten',
      restart: 'Start forfra',
      restartShort: 'Forfra',
      download: 'Hent samtale',
      downloadShort: 'Hent',
      remove: 'Slet samtalen',
      removeShort: 'Slet',
      confirmRemove: 'Vil du slette samtalen? Den bliver også slettet hos os og kan ikke findes frem igen.',
      confirmYes: 'Ja, slet samtalen',
      confirmNo: 'Fortryd',
      loading: 'Indlæser chatten …',
      restarted: 'Ny samtale startet.',
      removed: 'Samtalen er slettet. En ny samtale er startet.',
      downloaded: 'Samtalen er hentet som tekstfil.',
      nothingToDownload: 'Der er ingen beskeder at hente endnu.',
      removeFailed: 'Samtalen kunne ikke slettes. Prøv igen om lidt.',
      startFailed: 'Chatten kan ikke starte lige nu. Prøv igen om lidt.',
      unknownMunicipality: 'Chatten er ikke sat op for denne side.',
      retry: 'Prøv igen',
      you: 'Du',
      assistant: 'Assistent',
      transcriptTitle: 'Samtale med $1',
      transcriptSaved: 'Hentet $1',
      fileName: 'samtale',
      queued: 'Du er nummer $1 i køen.',
      waitAbout: 'Forventet ventetid: ca. $1 min.',
      waitUnknown: 'Ventetiden er ukendt.',
      leaveQueue: 'Forlad køen',
      withStaff: 'Du skriver med $1 (medarbejder).',
      backToAssistant: 'Du skriver igen med den virtuelle assistent.',
      staffName: '$1 (medarbejder)',
      staffWrites: '$1, medarbejder, skriver:',
    },
    'en-GB': {
      subtitle: 'Virtual assistant (not a person)',
      dialog: 'Chat with $1',
      close: 'Close',
      closeLabel: 'Close the chat',
      restart: 'Start over',
      restartShort: 'Start over',
      download: 'Download conversation',
      downloadShort: 'Download',
      remove: 'Delete conversation',
      removeShort: 'Delete',
      confirmRemove: 'Delete the conversation? It is also deleted on our side and cannot be recovered.',
      confirmYes: 'Yes, delete it',
      confirmNo: 'Cancel',
      loading: 'Loading the chat …',
      restarted: 'New conversation started.',
      removed: 'The conversation has been deleted. A new conversation has started.',
      downloaded: 'The conversation has been downloaded as a text file.',
      nothingToDownload: 'There are no messages to download yet.',
      removeFailed: 'The conversation could not be deleted. Please try again shortly.',
      startFailed: 'The chat cannot start right now. Please try again shortly.',
      unknownMunicipality: 'The chat is not set up for this site.',
      retry: 'Try again',
      you: 'You',
      assistant: 'Assistant',
      transcriptTitle: 'Conversation with $1',
      transcriptSaved: 'Downloaded $1',
      fileName: 'conversation',
      queued: 'You are number $1 in the queue.',
      waitAbout: 'Expected wait: about $1 min.',
      waitUnknown: 'The wait is unknown.',
      leaveQueue: 'Leave the queue',
      withStaff: 'You are chatting with $1 (member of staff).',
      backToAssistant: 'You are chatting with the virtual assistant again.',
      staffName: '$1 (member of staff)',
      staffWrites: '$1, member of staff, writes:',
    },
  };

  // Web Chat 4.18's da-DK has 109 of en-US's 118 strings; these are the missing nine, plus our own wording.
  var WEBCHAT_STRINGS = {
    'da-DK': {
      TELEPHONE_KEYPAD_INPUT_MESSAGE: 'Understøtter kun ét ciffer ad gangen',
      TEXT_INPUT_ATTACHMENTS_FEW: '$1 vedhæftede filer',
      TEXT_INPUT_ATTACHMENTS_MANY: '$1 vedhæftede filer',
      TEXT_INPUT_ATTACHMENTS_ONE: '1 vedhæftet fil',
      TEXT_INPUT_ATTACHMENTS_OTHER: '$1 vedhæftede filer',
      TEXT_INPUT_ATTACHMENTS_TWO: '$1 vedhæftede filer',
      TEXT_INPUT_DROP_ZONE: 'Slip filerne her',
      TEXT_INPUT_LENGTH_EXCEEDED_ALT: 'Beskeden er for lang',
      TEXT_INPUT_TELEPHONE_KEYPAD_BUTTON_ALT: 'Telefontastatur',
      TEXT_INPUT_ALT: 'Dit spørgsmål',
      TEXT_INPUT_PLACEHOLDER: 'Skriv dit spørgsmål her',
    },
    'en-GB': {
      TEXT_INPUT_ALT: 'Your question',
      TEXT_INPUT_PLACEHOLDER: 'Type your question here',
    },
  };

  var FALLBACK_PRIMARY = '#1f3b57'; // dark blue: 11.6:1 with white
  var MAX_MESSAGE_LENGTH = 2000;

  // ---- colours (WCAG 2.1 relative luminance and contrast ratio) ----
  function parseHex(colour) {
    var m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(colour || '').trim());
    if (!m) return null;
    var h = m[1].length === 3 ? m[1].replace(/(.)/g, '$1$1') : m[1];
    return [0, 2, 4].map(function (i) {
      return parseInt(h.slice(i, i + 2), 16);
    });
  }
  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function contrast(a, b) {
    var l1 = luminance(a),
      l2 = luminance(b);
    return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  }
  /** {primary, onPrimary, accent}: text on primary ≥ 4.5:1, accent (text/borders on white) ≥ 4.5:1. */
  function colours(municipality) {
    var primary = parseHex(municipality && municipality.primaryColor);
    var onPrimary = parseHex(municipality && municipality.textOnPrimaryColor);
    var white = [255, 255, 255];
    var result = { primary: FALLBACK_PRIMARY, onPrimary: '#ffffff', accent: FALLBACK_PRIMARY };
    if (primary && onPrimary && contrast(primary, onPrimary) >= 4.5) {
      result.primary = '#' + toHex(primary);
      result.onPrimary = '#' + toHex(onPrimary);
    }
    if (primary && contrast(primary, white) >= 4.5) result.accent = '#' + toHex(primary);
    return result;
  }
  function toHex(rgb) {
    return rgb
      .map(function (v) {
        return (v < 16 ? '0' : '') + v.toString(16);
      })
      .join('');
  }

  // ---- small helpers ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else if (attrs[name] !== undefined && attrs[name] !== null) node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }
  function format(template, value) {
    return template.replace('$1', value);
  }
  function randomId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return (b < 16 ? '0' : '') + b.toString(16);
      })
      .join('');
  }
  /** The user id inside a Direct Line JWT, if the server put one there (Web Chat then uses it). */
  function userInToken(token) {
    try {
      var part = String(token).split('.')[1];
      if (!part) return undefined;
      var json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
      return typeof json.user === 'string' ? json.user : undefined;
    } catch (e) {
      return undefined;
    }
  }
  function loadScript(src, nonce) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.async = true;
      if (nonce) s.setAttribute('nonce', nonce);
      s.onload = function () {
        resolve();
      };
      s.onerror = function () {
        reject(new Error(src + ' did not load'));
      };
      document.head.appendChild(s);
    });
  }
  function loadStylesheet(href, nonce) {
    if (document.querySelector('link[data-bsa-css]')) return;
    var link = el('link', { rel: 'stylesheet', href: href, 'data-bsa-css': '' });
    if (nonce) link.setAttribute('nonce', nonce);
    document.head.appendChild(link);
  }

  /** The Web Chat bundle's versioned address (cached for a year); must name the installed version (a test checks). */
  var WEBCHAT_BUNDLE = '/webchat/vendor/webchat-4.18.1.js';

  var webChatLoading;
  function loadWebChat(base, nonce) {
    if (window.WebChat && window.WebChat.renderWebChat && window.WebChat.createDirectLine)
      return Promise.resolve(window.WebChat);
    if (!webChatLoading) {
      webChatLoading = loadScript(base + WEBCHAT_BUNDLE, nonce).then(function () {
        if (!window.WebChat || !window.WebChat.renderWebChat) throw new Error('Web Chat did not load');
        return window.WebChat;
      });
      webChatLoading.catch(function () {
        webChatLoading = undefined;
      });
    }
    return webChatLoading;
  }

  /** An HTTP error from the server; `status` 0 for a network failure. */
  function HttpError(status, message) {
    this.name = 'HttpError';
    this.status = status;
    this.message = message;
  }
  HttpError.prototype = Object.create(Error.prototype);

  function request(url, init) {
    return window.fetch(url, init).then(
      function (response) {
        if (response.status === 204) return null;
        return response.json().then(
          function (body) {
            if (!response.ok) throw new HttpError(response.status, (body && body.message) || response.statusText);
            return body;
          },
          function () {
            if (!response.ok) throw new HttpError(response.status, response.statusText);
            return null;
          },
        );
      },
      function (error) {
        throw new HttpError(0, error && error.message);
      },
    );
  }

  // ---- the panel ----
  function Panel(options) {
    this.options = options;
    this.base = options.base;
    this.municipality = options.municipality;
    this.locale = options.locale === 'en-GB' ? 'en-GB' : 'da-DK';
    this.t = TEXT[this.locale];
    this.key = options.storageKey;
    this.generation = 0;
    this.isOpen = false;
    this.phone = window.matchMedia ? window.matchMedia('(max-width: 599.98px)') : null;
    this.inerted = [];
    this.config = this.readStored('config', true) || null;
    loadStylesheet(this.base + '/webchat/chat-panel.css', options.nonce);
    this.build();
    this.started = false;
  }

  Panel.prototype.readStored = function (name, json) {
    try {
      var value = window.sessionStorage.getItem(this.key + name);
      return json ? JSON.parse(value || 'null') : value;
    } catch (e) {
      return null;
    }
  };
  Panel.prototype.writeStored = function (name, value) {
    try {
      if (value === null) window.sessionStorage.removeItem(this.key + name);
      else window.sessionStorage.setItem(this.key + name, typeof value === 'string' ? value : JSON.stringify(value));
    } catch (e) {
      /* storage blocked: the conversation then lasts as long as the page */
    }
  };

  Panel.prototype.build = function () {
    var t = this.t;
    var self = this;
    var id = 'bsa-panel-' + this.municipality;
    var name = (this.config && this.config.name) || '';

    this.title = el('h2', { id: id + '-title', class: 'bsa-title', text: name || t.assistant });
    this.subtitle = el('p', { class: 'bsa-subtitle', text: t.subtitle });
    // While a member of staff is in the conversation the header says who, in place of the subtitle.
    this.personLine = el('p', { class: 'bsa-person', role: 'status', 'aria-live': 'polite' });
    this.closeButton = el('button', { type: 'button', class: 'bsa-btn bsa-close', 'aria-label': t.closeLabel }, [
      svg('M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z'),
      el('span', { text: t.close }),
    ]);
    this.restartButton = actionButton(t.restart, t.restartShort);
    this.downloadButton = actionButton(t.download, t.downloadShort);
    this.removeButton = actionButton(t.remove, t.removeShort);
    this.removeButton.setAttribute('aria-expanded', 'false');
    this.removeButton.setAttribute('aria-controls', id + '-confirm');

    this.confirmYes = el('button', { type: 'button', class: 'bsa-btn bsa-danger', text: t.confirmYes });
    this.confirmNo = el('button', { type: 'button', class: 'bsa-btn bsa-secondary', text: t.confirmNo });
    this.confirm = el(
      'div',
      { id: id + '-confirm', class: 'bsa-confirm', role: 'group', 'aria-labelledby': id + '-confirm-text', hidden: '' },
      [
        el('p', { id: id + '-confirm-text', text: t.confirmRemove }),
        el('div', { class: 'bsa-confirm-buttons' }, [this.confirmYes, this.confirmNo]),
      ],
    );
    this.status = el('p', { class: 'bsa-status', role: 'status', 'aria-live': 'polite' });
    // The citizen's place in the staff queue and the wait.
    this.handoffText = el('p', { class: 'bsa-handoff-text', role: 'status', 'aria-live': 'polite' });
    this.leaveQueueButton = el('button', {
      type: 'button',
      class: 'bsa-btn bsa-secondary',
      text: t.leaveQueue,
      hidden: '',
    });
    this.handoffBar = el('div', { class: 'bsa-handoff', hidden: '' }, [this.handoffText, this.leaveQueueButton]);
    this.leaveQueueButton.addEventListener('click', function () {
      self.leaveQueue();
    });
    this.chatArea = el('div', { class: 'bsa-chat' });

    this.element = el(
      'section',
      {
        id: id,
        class: 'bsa-panel',
        role: 'dialog',
        'aria-modal': 'false',
        lang: this.locale,
        hidden: '',
        tabindex: '-1',
      },
      [
        el('div', { class: 'bsa-header' }, [
          el('div', { class: 'bsa-heading' }, [this.title, this.subtitle, this.personLine]),
          this.closeButton,
          el('div', { class: 'bsa-actions' }, [this.restartButton, this.downloadButton, this.removeButton]),
        ]),
        this.confirm,
        this.status,
        this.handoffBar,
        this.chatArea,
      ],
    );
    this.applyConfig();
    this.options.root.appendChild(this.element);

    this.closeButton.addEventListener('click', function () {
      self.close(true);
    });
    this.restartButton.addEventListener('click', function () {
      self.restart();
    });
    this.downloadButton.addEventListener('click', function () {
      self.download();
    });
    this.removeButton.addEventListener('click', function () {
      self.toggleConfirm(self.confirm.hidden);
    });
    this.confirmNo.addEventListener('click', function () {
      self.toggleConfirm(false);
    });
    this.confirmYes.addEventListener('click', function () {
      self.remove();
    });
    this.element.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      // Inside a message Web Chat uses Escape to go back to the transcript; the next Escape closes.
      var target = event.target;
      if (target && target.closest && target.closest('.webchat__basic-transcript__activity, .webchat__keyboard-help'))
        return;
      if (!self.confirm.hidden) {
        self.toggleConfirm(false);
      } else {
        self.close(true);
      }
      event.preventDefault();
    });
    if (this.phone) {
      var onChange = function () {
        self.updateModality();
      };
      if (this.phone.addEventListener) this.phone.addEventListener('change', onChange);
      else this.phone.addListener(onChange);
    }
    var persist = function () {
      self.persist();
    };
    window.addEventListener('pagehide', persist);
    document.addEventListener('visibilitychange', persist);
  };

  /**
   * A header button. Narrow screens show the short label; the accessible name is always the long
   * one, which contains the short one (WCAG 2.5.3, label in name).
   */
  function actionButton(label, shortLabel) {
    return el('button', { type: 'button', class: 'bsa-btn bsa-action', 'aria-label': label }, [
      el('span', { class: 'bsa-long', text: label }),
      el('span', { class: 'bsa-short', text: shortLabel }),
    ]);
  }

  function svg(path) {
    var ns = 'http://www.w3.org/2000/svg';
    var node = document.createElementNS(ns, 'svg');
    node.setAttribute('viewBox', '0 0 24 24');
    node.setAttribute('aria-hidden', 'true');
    node.setAttribute('focusable', 'false');
    var p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path);
    node.appendChild(p);
    return node;
  }

  Panel.prototype.applyConfig = function () {
    var c = this.config;
    var name = (c && c.name) || (this.locale === 'en-GB' ? 'the municipality' : 'kommunen');
    this.element.setAttribute('aria-label', format(this.t.dialog, name));
    if (!c) return;
    this.element.style.setProperty('--bsa-primary', c.primary);
    this.element.style.setProperty('--bsa-on-primary', c.onPrimary);
    this.element.style.setProperty('--bsa-accent', c.accent);
    if (c.name) this.title.textContent = c.name;
  };

  /** A short message in the status line (a live region); it goes away after a while. */
  Panel.prototype.setStatus = function (text) {
    var status = this.status;
    status.textContent = text || '';
    clearTimeout(this.statusTimer);
    if (text)
      this.statusTimer = setTimeout(function () {
        if (status.textContent === text) status.textContent = '';
      }, 15000);
  };

  /** focus: move focus into the panel (a click on the launcher) or leave it (reopened on page load). */
  Panel.prototype.open = function (focus) {
    this.element.hidden = false;
    this.isOpen = true;
    this.writeStored('open', '1');
    this.options.onOpen();
    this.updateModality();
    if (focus) this.focusSendBox() || this.element.focus();
    if (!this.started) {
      this.started = true;
      this.start(false, focus);
    }
  };

  Panel.prototype.close = function (returnFocus) {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.toggleConfirm(false, true);
    this.element.hidden = true;
    this.writeStored('open', '0');
    this.updateModality();
    this.options.onClose(returnFocus);
  };

  /** On a phone the open panel covers the page: the page behind is made inert and the panel modal. */
  Panel.prototype.updateModality = function () {
    var covering = this.isOpen && this.phone && this.phone.matches;
    this.element.setAttribute('aria-modal', covering ? 'true' : 'false');
    document.documentElement.classList.toggle('bsa-covering', Boolean(covering));
    if (covering && this.inerted.length === 0) {
      var root = this.options.root;
      var inerted = this.inerted;
      Array.prototype.forEach.call(document.body.children, function (child) {
        if (child === root || child.contains(root) || child.inert || /^(SCRIPT|STYLE|LINK)$/.test(child.tagName))
          return;
        child.inert = true;
        inerted.push(child);
      });
    } else if (!covering && this.inerted.length > 0) {
      this.inerted.forEach(function (child) {
        child.inert = false;
      });
      this.inerted = [];
    }
  };

  Panel.prototype.toggleConfirm = function (show, quiet) {
    var hadFocus = this.confirm.contains(document.activeElement) || document.activeElement === document.body;
    this.confirm.hidden = !show;
    this.removeButton.setAttribute('aria-expanded', show ? 'true' : 'false');
    if (show) this.confirmNo.focus();
    else if (!quiet && hadFocus) this.removeButton.focus();
  };

  Panel.prototype.sendBox = function () {
    return (
      this.chatArea.querySelector('[data-id="webchat-sendbox-input"]') ||
      this.chatArea.querySelector('.webchat__send-box-text-box__input')
    );
  };
  Panel.prototype.focusSendBox = function () {
    var box = this.sendBox();
    if (box) box.focus();
    return Boolean(box);
  };

  // ---- configuration, tokens, conversations ----
  Panel.prototype.loadConfig = function () {
    var self = this;
    return request(this.base + '/api/webchat/config?municipality=' + encodeURIComponent(this.municipality), {
      headers: { Accept: 'application/json' },
    }).then(function (body) {
      var c = colours(body && body.municipality);
      c.name = (body && body.municipality && body.municipality.name) || '';
      self.config = c;
      self.writeStored('config', c);
      self.applyConfig();
      self.options.onConfig(c);
      return c;
    });
  };

  /** {token, conversationId, resumed}: the stored conversation if its token still refreshes, else a new one. */
  Panel.prototype.session = function (fresh) {
    var self = this;
    var saved = fresh ? null : this.readStored('conversation', true);
    if (saved && saved.municipality === this.municipality && saved.token && saved.conversationId) {
      return request(this.base + '/v3/directline/tokens/refresh', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + saved.token, Accept: 'application/json' },
      }).then(
        function (body) {
          saved.token = (body && body.token) || saved.token;
          saved.resumed = true;
          self.writeStored('conversation', saved);
          return saved;
        },
        function (error) {
          if (error.status === 0 || error.status >= 500) throw error; // offline or server trouble: keep it for later
          self.writeStored('conversation', null); // expired, deleted or unknown: start afresh
          return self.session(true);
        },
      );
    }
    return request(this.base + '/api/webchat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      // locale: the language of the welcome, which the server sends before any message of ours.
      body: JSON.stringify({ municipality: this.municipality, locale: this.locale }),
    }).then(function (body) {
      if (!body || !body.token) throw new HttpError(500, 'no token');
      var session = {
        token: body.token,
        conversationId: body.conversationId,
        watermark: '',
        municipality: self.municipality,
        userID: 'bsa-' + randomId(),
        resumed: false,
      };
      self.writeStored('conversation', session);
      return session;
    });
  };

  Panel.prototype.start = function (fresh, focus, announcement) {
    var self = this;
    var generation = ++this.generation;
    this.teardown();
    this.showMessage(this.t.loading, false);
    // The configuration is read once per page; if the server cannot be reached, the copy from an
    // earlier page will do. An unknown municipality (404) is final.
    if (!this.configuring) {
      this.configuring = this.loadConfig().catch(function (error) {
        self.configuring = undefined;
        if (error.status !== 404 && self.config) return self.config;
        throw error;
      });
    }
    Promise.all([loadWebChat(this.base, this.options.nonce), this.configuring, this.session(fresh)]).then(
      function (results) {
        if (generation !== self.generation) return;
        self.mount(results[0], results[2], focus);
        if (announcement) self.setStatus(announcement);
      },
      function (error) {
        if (generation !== self.generation) return;
        var unknown = error && error.status === 404;
        self.showMessage(unknown ? self.t.unknownMunicipality : self.t.startFailed, !unknown);
        if (focus && self.isOpen) self.element.focus();
      },
    );
  };

  Panel.prototype.showMessage = function (text, retry) {
    var self = this;
    this.chatArea.textContent = '';
    var box = el('div', { class: 'bsa-message' }, [el('p', { text: text })]);
    if (retry) {
      var button = el('button', { type: 'button', class: 'bsa-btn bsa-secondary', text: this.t.retry });
      button.addEventListener('click', function () {
        self.start(false, true);
      });
      box.appendChild(button);
    }
    this.chatArea.appendChild(box);
    this.setStatus(text);
  };

  Panel.prototype.mount = function (WebChat, session, focus) {
    var self = this;
    var municipality = this.municipality;
    var c = this.config || colours(null);
    var domain = this.base + '/v3/directline';
    var directLineOptions = {
      token: session.token,
      domain: domain,
      webSocket: this.options.webSocket,
      // Sent with POST /conversations, so the welcome is in the citizen's language.
      conversationStartProperties: { locale: this.locale },
    };
    // A resumed conversation reconnects without a watermark, so the server replays it all and the
    // citizen sees the whole conversation again after a reload.
    if (session.resumed) directLineOptions.conversationId = session.conversationId;
    var directLine = WebChat.createDirectLine(directLineOptions);
    this.directLine = directLine;
    this.session_ = session;

    var store = WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload && action.payload.activity) {
            var activity = action.payload.activity;
            var channelData = Object.assign({}, activity.channelData, { municipality: municipality });
            action = Object.assign({}, action, {
              payload: Object.assign({}, action.payload, {
                activity: Object.assign({}, activity, { channelData: channelData }),
              }),
            });
          } else if (
            action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' ||
            action.type === 'DIRECT_LINE/CONNECT_FULFILLED'
          ) {
            self.persist();
            var incoming = action.payload && action.payload.activity;
            if (incoming && incoming.type === 'event' && incoming.name === 'handoff.status') {
              // Before the person's first message, so that Web Chat already reads it in staff mode.
              if (incoming.value && incoming.value.state === 'accepted' && self.store === store) self.enterStaffMode();
              self.showHandoff(incoming.value);
            }
            var staff = staffOf(incoming);
            if (staff) {
              if (self.store === store) self.enterStaffMode();
              action = Object.assign({}, action, {
                payload: Object.assign({}, action.payload, { activity: asStaffActivity(incoming, staff, self.t) }),
              });
            }
          }
          return next(action);
        };
      };
    });
    this.store = store;

    this.chatArea.textContent = '';
    var host = el('div', { class: 'bsa-webchat' });
    this.chatArea.appendChild(host);
    this.webChatHost = host;
    this.setStatus('');

    var props = {
      directLine: directLine,
      store: store,
      locale: this.locale,
      overrideLocalizedStrings: webChatStrings(this.locale, false),
      styleOptions: styleOptions(c),
      activityMiddleware: staffActivityMiddleware(this.t),
      // Staff see when the citizen is typing (the assistant ignores it).
      sendTypingIndicator: true,
      nonce: this.options.nonce,
    };
    if (!userInToken(session.token)) props.userID = session.userID;
    this.staffMode = false;
    this.webChat = WebChat;
    this.webChatProps = props;
    WebChat.renderWebChat(props, host);
    // Into the send box only if the citizen asked for the chat and has not gone elsewhere meanwhile.
    var active = document.activeElement;
    if (focus && this.isOpen && (!active || active === document.body || this.element.contains(active)))
      this.focusSendBox();
  };

  /**
   * From the first sign of a member of staff on (the handoff's "accepted", or a message from them),
   * Web Chat's greeting before every message not from the citizen ("Robotten sagde:") is dropped:
   * Web Chat has one greeting for all of them, and a person's words must not be read as the bot's.
   * Their messages then start with "Anna, medarbejder, skriver:" (asStaffActivity).
   */
  Panel.prototype.enterStaffMode = function () {
    if (this.staffMode || !this.webChat || !this.webChatProps || !this.webChatHost) return;
    this.staffMode = true;
    this.webChatProps = Object.assign({}, this.webChatProps, {
      overrideLocalizedStrings: webChatStrings(this.locale, true),
    });
    this.webChat.renderWebChat(this.webChatProps, this.webChatHost);
  };

  function webChatStrings(locale, staffMode) {
    var strings = Object.assign({}, WEBCHAT_STRINGS[locale]);
    // "$1" is the bot's avatar initials, which it has none of: the greeting becomes "". (An empty
    // string would not do: Web Chat then falls back to its English "Bot said:".)
    if (staffMode) strings.ACTIVITY_BOT_SAID_ALT = '$1';
    return strings;
  }

  // ---- a member of staff's messages ----
  /** {name} of the member of staff who sent a message or typing activity, or null. */
  function staffOf(activity) {
    if (!activity || (activity.type !== 'message' && activity.type !== 'typing')) return null;
    var staff = activity.channelData && activity.channelData.staff;
    var name = staff && typeof staff.name === 'string' ? staff.name.trim() : '';
    return name ? { name: name } : null;
  }

  /**
   * The activity as the widget shows it: the sender's name in the citizen's language (the typing
   * indicator and a downloaded copy use it), and the text a screen reader gets starts with who writes.
   */
  function asStaffActivity(activity, staff, t) {
    var channelData = Object.assign({}, activity.channelData);
    if (activity.type === 'message' && typeof activity.text === 'string')
      channelData['webchat:fallback-text'] = format(t.staffWrites, staff.name) + ' ' + activity.text;
    return Object.assign({}, activity, {
      from: Object.assign({}, activity.from, { name: format(t.staffName, staff.name) }),
      channelData: channelData,
    });
  }

  /** "Anna" → "A", "Anna Holm Jensen" → "AJ". */
  function initials(name) {
    var words = name.split(/\s+/).filter(Boolean);
    var letters = words[0].charAt(0) + (words.length > 1 ? words[words.length - 1].charAt(0) : '');
    return letters.toLocaleUpperCase();
  }

  // Web Chat's middleware returns React elements, and its bundle keeps its React (16.8.6) to itself
  // (it would take window.React, which would be a second download). An element is a plain object of
  // this shape in React 16 to 18, so the few the widget needs are made here.
  var REACT_ELEMENT = Symbol.for('react.element');
  function h(type, props, children) {
    return {
      $$typeof: REACT_ELEMENT,
      type: type,
      key: null,
      ref: null,
      props: Object.assign({}, props, { children: children }),
      _owner: null,
    };
  }

  /** Web Chat's activity middleware: a member of staff's message gets its own look; all else is Web Chat's. */
  function staffActivityMiddleware(t) {
    return function () {
      return function (next) {
        return function (options) {
          var activity = options && options.activity;
          var staff = staffOf(activity);
          if (!staff || activity.type !== 'message' || !activity.text) return next.apply(null, arguments);
          return function (renderAttachment, props) {
            return staffMessage(activity, staff, t, renderAttachment, props);
          };
        };
      };
    };
  }

  /**
   * The person's initials, their name with "medarbejder", and their words in a bubble of its own.
   * A screen reader gets "Anna, medarbejder, skriver: …" (the visible name is hidden from it, so it is
   * not read twice).
   */
  function staffMessage(activity, staff, t, renderAttachment, props) {
    var text = renderAttachment({
      activity: activity,
      attachment: { contentType: 'text/plain', content: activity.text },
    });
    var status =
      props && typeof props.renderActivityStatus === 'function'
        ? props.renderActivityStatus({ hideTimestamp: Boolean(props.hideTimestamp) })
        : null;
    return h('div', { className: 'bsa-staff-message' }, [
      h('div', { className: 'bsa-staff-avatar', 'aria-hidden': 'true' }, initials(staff.name)),
      h('div', { className: 'bsa-staff-content' }, [
        h('p', { className: 'bsa-staff-name', 'aria-hidden': 'true' }, format(t.staffName, staff.name)),
        h('p', { className: 'bsa-visually-hidden' }, format(t.staffWrites, staff.name)),
        h('div', { className: 'bsa-staff-bubble' }, text),
        status,
      ]),
    ]);
  }

  function styleOptions(c) {
    return {
      accent: c.accent,
      backgroundColor: '#ffffff',
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      subtle: '#595959',
      timestampColor: '#595959',
      bubbleBackground: '#f2f2f2',
      bubbleBorderColor: '#f2f2f2',
      bubbleBorderRadius: 8,
      bubbleTextColor: '#1a1a1a',
      bubbleFromUserBackground: c.primary,
      bubbleFromUserBorderColor: c.primary,
      bubbleFromUserBorderRadius: 8,
      bubbleFromUserTextColor: c.onPrimary,
      bubbleMinWidth: 120,
      bubbleMaxWidth: 520,
      richCardWrapTitle: true,
      hideUploadButton: true,
      sendBoxTextWrap: true,
      sendBoxButtonColor: c.accent,
      sendBoxPlaceholderColor: '#595959',
      sendBoxBorderTop: 'solid 1px #8a8a8a',
      suggestedActionLayout: 'flow',
      suggestedActionBorderRadius: 16,
      suggestedActionBorderColor: c.accent,
      suggestedActionTextColor: c.accent,
      suggestedActionKeyboardFocusIndicatorBorderColor: '#000000',
      suggestedActionKeyboardFocusIndicatorBorderStyle: 'solid',
      suggestedActionKeyboardFocusIndicatorBorderWidth: 2,
      transcriptActivityVisualKeyboardIndicatorColor: '#000000',
      transcriptActivityVisualKeyboardIndicatorStyle: 'solid',
      transcriptActivityVisualKeyboardIndicatorWidth: 2,
      maxMessageLength: MAX_MESSAGE_LENGTH,
    };
  }

  /** Updates the queue bar and the header from a handoff.status event's value. */
  Panel.prototype.showHandoff = function (value) {
    var t = this.t;
    var state = value && value.state;
    if (!state) return;
    if (state === 'queued') {
      var wait =
        typeof value.estimatedWaitMinutes === 'number'
          ? format(t.waitAbout, String(value.estimatedWaitMinutes))
          : t.waitUnknown;
      this.handoffText.textContent = format(t.queued, String(value.position)) + ' ' + wait;
      this.leaveQueueButton.hidden = false;
      this.handoffBar.hidden = false;
    } else if (state === 'citizenAway' || state === 'citizenLeft') {
      // For staff's transcript: the citizen's bar and header stay as they are.
      return;
    } else {
      this.handoffText.textContent = '';
      this.handoffBar.hidden = true;
    }
    this.showPerson(state === 'accepted' ? String(value.agentName || '') : null, state !== 'reset');
  };

  /** The header: who the citizen is writing with, a person (name) or the assistant (null). */
  Panel.prototype.showPerson = function (name, announce) {
    var withPerson = Boolean(this.personLine.textContent);
    if (name) {
      this.personLine.textContent = format(this.t.withStaff, name);
      this.subtitle.hidden = true;
    } else if (withPerson) {
      this.personLine.textContent = '';
      this.subtitle.hidden = false;
      if (announce) this.setStatus(this.t.backToAssistant);
    }
  };

  /** The bar's button does what the "Forlad køen" chat button does: a postBack the bot handles. */
  Panel.prototype.leaveQueue = function () {
    if (!this.store) return;
    this.store.dispatch({ type: 'WEB_CHAT/SEND_POST_BACK', payload: { value: { action: 'leave-queue' } } });
    this.focusSendBox();
  };

  /** Saves the token (refreshed by Direct Line every 15 minutes) and the watermark for the next page. */
  Panel.prototype.persist = function () {
    var session = this.session_;
    var directLine = this.directLine;
    if (!session || !directLine) return;
    var saved = this.readStored('conversation', true);
    if (!saved || saved.conversationId !== session.conversationId) return; // started over meanwhile
    if (directLine.token) saved.token = directLine.token;
    if (typeof directLine.watermark === 'string') saved.watermark = directLine.watermark;
    delete saved.resumed;
    this.writeStored('conversation', saved);
  };

  Panel.prototype.teardown = function () {
    if (this.directLine) {
      try {
        this.directLine.end();
      } catch (e) {
        /* already ended */
      }
    }
    this.directLine = undefined;
    this.store = undefined;
    this.session_ = undefined;
    this.webChatProps = undefined;
    this.staffMode = false;
    this.showHandoff({ state: 'reset' });
    if (this.webChatHost && this.webChatHost.parentNode) this.webChatHost.parentNode.removeChild(this.webChatHost);
    this.webChatHost = undefined;
  };

  /** A new conversation. gone: the old one was deleted already; otherwise it leaves the staffed queue first. */
  Panel.prototype.restart = function (announcement, gone) {
    this.toggleConfirm(false, true);
    this.persist();
    if (!gone) this.leave();
    this.writeStored('conversation', null);
    this.start(true, true, announcement || this.t.restarted);
  };

  /**
   * Tells the server that the citizen left the current conversation, so it leaves the staffed queue
   * (or its agent) at once. If this fails (offline), the old conversation is no longer polled and the
   * server takes it out of the queue after its grace period anyway.
   */
  Panel.prototype.leave = function () {
    var saved = this.readStored('conversation', true);
    var token = (this.directLine && this.directLine.token) || (saved && saved.token);
    var conversationId = (this.directLine && this.directLine.conversationId) || (saved && saved.conversationId);
    if (!token || !conversationId) return;
    request(this.base + '/api/webchat/conversations/' + encodeURIComponent(conversationId) + '/leave', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + token },
    }).catch(function () {
      /* see above: the grace period covers it */
    });
  };

  Panel.prototype.remove = function () {
    var self = this;
    var saved = this.readStored('conversation', true);
    var token = (this.directLine && this.directLine.token) || (saved && saved.token);
    var conversationId = (this.directLine && this.directLine.conversationId) || (saved && saved.conversationId);
    if (!token || !conversationId) return this.restart(this.t.removed, true);
    this.confirmYes.disabled = true;
    request(this.base + '/api/webchat/conversations/' + encodeURIComponent(conversationId), {
      method: 'DELETE',
      headers: { Authorization: 'Bearer ' + token },
    }).then(
      function () {
        self.confirmYes.disabled = false;
        self.restart(self.t.removed, true);
      },
      function (error) {
        self.confirmYes.disabled = false;
        if (error.status === 404) return self.restart(self.t.removed, true); // already gone
        self.toggleConfirm(false);
        self.setStatus(self.t.removeFailed);
      },
    );
  };

  // ---- transcript download ----
  Panel.prototype.download = function () {
    var state = this.store && this.store.getState();
    var activities = ((state && state.activities) || []).filter(function (a) {
      return a.type === 'message' && (a.text || (a.attachments && a.attachments.length));
    });
    if (activities.length === 0) {
      this.setStatus(this.t.nothingToDownload);
      return;
    }
    var t = this.t;
    var locale = this.locale;
    var name = (this.config && this.config.name) || t.assistant;
    var now = new Date();
    var lines = [format(t.transcriptTitle, name), format(t.transcriptSaved, now.toLocaleString(locale)), ''];
    activities.forEach(function (a) {
      var fromUser = a.from && a.from.role === 'user';
      var when = a.timestamp
        ? new Date(a.timestamp).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })
        : '';
      var displayText = a.channelData && a.channelData.messageBack && a.channelData.messageBack.displayText;
      lines.push('[' + when + '] ' + (fromUser ? t.you : (a.from && a.from.name) || name) + ':');
      if (a.text || displayText) lines.push(plain(displayText || a.text));
      (a.attachments || []).forEach(function (attachment) {
        var card = attachment.content || {};
        [card.title, card.subtitle, card.text].forEach(function (part) {
          if (part) lines.push('  ' + plain(part));
        });
        (card.buttons || []).forEach(function (button) {
          if (button.type === 'openUrl') lines.push('  ' + button.title + ': ' + button.value);
          else if (button.title) lines.push('  • ' + button.title);
        });
      });
      lines.push('');
    });
    var blob = new Blob(['\ufeff' + lines.join('\r\n')], { type: 'text/plain;charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var link = el('a', {
      href: url,
      download: t.fileName + '-' + this.municipality + '-' + now.toISOString().slice(0, 10) + '.txt',
      hidden: '',
    });
    document.body.appendChild(link);
    link.click();
    link.parentNode.removeChild(link);
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
    this.setStatus(t.downloaded);
  };

  /** Markdown to plain text: links as "text (address)", emphasis markers dropped. */
  function plain(markdown) {
    return String(markdown)
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/\r?\n/g, '\r\n');
  }

  NS.createPanel = function (options) {
    return new Panel(options);
  };
  /** Starts loading Web Chat before the chat is opened (embed.js, when the citizen comes near the button). */
  NS.preloadWebChat = function (base, nonce) {
    // A failure here is shown when the citizen opens the chat, which loads it again.
    loadWebChat(base, nonce).catch(function () {});
  };
  NS.contrast = function (a, b) {
    var x = parseHex(a),
      y = parseHex(b);
    return x && y ? contrast(x, y) : null;
  };
})();
