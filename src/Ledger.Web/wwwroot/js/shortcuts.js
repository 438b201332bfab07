// Single-key shortcuts for the whole window. Which keys exist comes from the server
// (Components/Shared/KeyboardShortcuts.cs), the same list the "?" overlay shows. Keys typed into a field
// or while a dialog is open are left alone; the time-travel keys only act while a time-travel panel is
// on screen, so arrows and Home/End keep scrolling everywhere else.
function focusSearch() {
    const input = document.querySelector('.ledger-search input');
    if (input) {
        input.focus();
        input.select();
    }
}

export function register(dotnet, shortcuts) {
    // Set once the Blazor circuit is live: browser tests (and curious people) can tell a page that
    // only shows prerendered HTML from one whose buttons already reach the server.
    document.documentElement.dataset.ledgerInteractive = 'true';
    const byKey = new Map(shortcuts.filter(s => s.scope !== 'Dialog').map(s => [s.key.length === 1 ? s.key.toLowerCase() : s.key, s]));
    const handler = e => {
        const target = e.target;
        const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
        if (e.key === 'Escape' && typing && target.closest('.ledger-search')) {
            // Esc leaves the search box for the page, as in a desktop app's search field: focus goes to the
            // main landmark, so the next shortcut (and a dialog's focus restore) starts from the page.
            document.getElementById('main')?.focus();
            return;
        }
        const shortcut = byKey.get(e.key.length === 1 ? e.key.toLowerCase() : e.key);
        if (!shortcut || e.ctrlKey || e.metaKey || e.altKey || typing) {
            return;
        }
        const timeTravel = shortcut.scope === 'TimeTravel';
        if (e.repeat && !timeTravel || document.querySelector('.mud-dialog-container')) {
            return;
        }
        if (timeTravel && !document.querySelector('[data-time-travel]')) {
            return;
        }
        e.preventDefault();
        if (shortcut.id === 'Search') {
            focusSearch();
            return;
        }
        dotnet.invokeMethodAsync('OnShortcut', shortcut.id);
    };
    document.addEventListener('keydown', handler);
    return { dispose: () => document.removeEventListener('keydown', handler) };
}
