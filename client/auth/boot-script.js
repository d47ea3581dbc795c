// Inlined into index.html at build time (vite.config.ts, bootSignIn), right after the sign-in form rendered there
// from the app's own components (client/auth/staticSignIn.tsx). It runs while the page is parsed, long before the
// app's JavaScript has arrived and started on a slow phone, and decides whether the form shows: not on a device
// that knows its session (the app opens signed in there; on a meeting's page the script asks for the room's code
// instead), and in the language the person chose. Until the app takes the form over (client/auth/boot.ts) it keeps
// what is typed, switches the language, and sends a press of the button to the server at once (asking for the
// meeting room's code beside it); the app reads the answer. The server's CSP lets this script run by its hash.
(() => {
  const boot = document.getElementById('boot');
  const stored = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  };
  if (!boot) return;
  // On a meeting's page, the room's code (and the open document's), asked for while the app's own is still arriving
  // and starting.
  const preloadRoom = () => {
    const room = /^\/m\/[^/]+(\/d\/[^/]+)?\/?$/.exec(location.pathname);
    const chunks = room ? JSON.parse(boot.dataset.room).concat(room[1] ? JSON.parse(boot.dataset.document) : []) : [];
    for (const href of chunks) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = href;
      document.head.append(link);
    }
  };
  // A device that knows its session opens signed in (SessionProvider), without this form.
  if (stored('quorum:offline:/api/session') !== null) {
    preloadRoom();
    return;
  }
  const state = { lang: 'vi', submission: null, queued: false };
  window.quorumBoot = state;

  const show = (lang) => {
    const template = document.querySelector(`template[data-boot-lang="${lang}"]`);
    if (!template) return;
    const values = [...boot.querySelectorAll('input')].map((input) => [input.dataset.testid, input.value]);
    const focused = document.activeElement?.dataset?.testid;
    boot.replaceChildren(template.content.cloneNode(true));
    for (const [testId, value] of values) {
      const input = boot.querySelector(`input[data-testid="${testId}"]`);
      if (input) input.value = value;
    }
    if (focused) boot.querySelector(`[data-testid="${focused}"]`)?.focus();
    document.documentElement.lang = lang;
    document.title = template.dataset.title;
    state.lang = lang;
  };
  const chosen = stored('quorum:lang');
  show(chosen === 'en' ? 'en' : 'vi');
  boot.hidden = false;

  boot.addEventListener('click', (event) => {
    const button = event.target.closest('.lang-switcher button[lang]');
    if (!button) return;
    try {
      localStorage.setItem('quorum:lang', button.lang);
    } catch {
      // The choice lasts for this page.
    }
    show(button.lang);
  });

  boot.addEventListener('submit', (event) => {
    event.preventDefault();
    if (state.submission || state.queued) return;
    const field = (testId) => boot.querySelector(`[data-testid="${testId}"]`);
    const username = field('sign-in-username').value;
    const password = field('sign-in-password').value;
    field('sign-in-submit').disabled = true;
    // A field left empty: the app checks the form and says what is missing, as it does for every form.
    if (!username || !password) {
      state.queued = true;
      return;
    }
    state.submission = fetch('/api/session', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Accept-Language': state.lang, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'same-origin',
    });
    // Signed in, the person goes on to the page they asked for.
    preloadRoom();
  });
})();
