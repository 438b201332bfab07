// Single-key shortcuts for the whole window. Keys typed into a field or while a dialog is open are
// left alone; the time-travel keys only act while a time-travel panel is on screen, so arrows and
// Home/End keep scrolling everywhere else.
const keys = { n: 'N', d: 'D', w: 'W', t: 'T', ArrowLeft: 'Left', ArrowRight: 'Right', Home: 'Home', End: 'End' };
const timeTravelKeys = new Set(['Left', 'Right', 'Home', 'End']);

export function register(dotnet) {
    // Set once the Blazor circuit is live: browser tests (and curious people) can tell a page that
    // only shows prerendered HTML from one whose buttons already reach the server.
    document.documentElement.dataset.ledgerInteractive = 'true';
    const handler = e => {
        if (e.ctrlKey || e.metaKey || e.altKey || e.repeat && !timeTravelKeys.has(keys[e.key])) {
            return;
        }
        const target = e.target;
        if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) {
            return;
        }
        if (document.querySelector('.mud-dialog-container')) {
            return;
        }
        const key = keys[e.key] ?? keys[(e.key || '').toLowerCase()];
        if (!key) {
            return;
        }
        if (timeTravelKeys.has(key) && !document.querySelector('[data-time-travel]')) {
            return;
        }
        e.preventDefault();
        dotnet.invokeMethodAsync('OnShortcut', key);
    };
    document.addEventListener('keydown', handler);
    return { dispose: () => document.removeEventListener('keydown', handler) };
}
